"""How the terminal and HTML reports name a stretch retold as a whole, in one place."""

from __future__ import annotations

__all__ = ["stretch_wording"]

_WORDING = {
    "rewritten": ("Rewritten", "in other words"),
    "edited": ("Edited copy", "with cuts and additions"),
    "translated": ("Translated", "in another language"),
}


def stretch_wording(kind: str, languages: tuple[str | None, str | None] | None) -> tuple[str, str]:
    """A label ("Translated") and the end of the sentence after "A … retold as B …"."""
    label, phrase = _WORDING.get(kind, (kind.capitalize(), ""))
    if kind == "translated" and languages and all(languages):
        phrase = f"from {languages[0]} into {languages[1]}"
    return label, phrase
