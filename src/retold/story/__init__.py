"""The story of a retelling: what the edits did, and whether the copy credits its source.

``tell_story`` reads a comparison's changes (no new matching) into ledgers (names,
quotations and attributions, figures, sentences by voice), checks the copy's credit when the
source is known, and sums it all up in a few plain sentences (``summary``).
"""

from __future__ import annotations

from dataclasses import replace

from retold.records import Comparison, Story
from retold.story.credit import check_credit, clear_credit_cache
from retold.story.names import clear_names_cache, names_ledger
from retold.story.numbers import figures_ledger
from retold.story.quotations import (
    attributions_ledger,
    clear_attributions_cache,
    quotations_ledger,
)
from retold.story.spans import ChangeMap
from retold.story.summary import summarize
from retold.story.voice import voice_ledger

__all__ = ["clear_story_caches", "tell_story"]


def tell_story(comparison: Comparison) -> Story:
    """The ledgers, the credit check and the summary of one comparison (its changes explained)."""
    changes = ChangeMap.of(comparison)
    ledgers = Story(
        names=names_ledger(changes),
        quotations=quotations_ledger(changes),
        attributions=attributions_ledger(changes),
        figures=figures_ledger(changes),
        sentences=voice_ledger(changes),
        credit=check_credit(changes),
        summary=(),
    )
    return replace(ledgers, summary=summarize(ledgers, changes))


def clear_story_caches() -> None:
    """Forget what was read of each text (names, credit lines, attributions): see
    ``retold.core.clear_document_caches``."""
    clear_names_cache()
    clear_credit_cache()
    clear_attributions_cache()
