"""Which of two texts is the likely source, from evidence a reader can check.

Each piece of evidence adds a weight (log-odds) for A or for B; the verdict is the side with
enough total weight (1.5), and the confidence is the logistic of the total's size: how
strongly the evidence points one way (0.5 when there is none; an ``unknown`` verdict stays
below 0.82). The evidence:

- *Publication times*: the earlier text is the likelier source. Times without a time zone are
  weaker evidence when they are less than a day apart, since the zones may differ, and so is a
  date read from an article's text (or guessed from a page by trafilatura) rather than from a
  record field or the page metadata (it may be an event's date, not the article's).
- *Containment*: a text almost wholly contained in the other, which adds no content of its own,
  was most likely cut down from it (the common way news is republished). Weak on its own,
  because a short wire story can also be expanded by the outlet that took it.
- *Credits*: a text whose dateline or byline credits a wire or agency says it is a retelling;
  stronger when the other text is that agency's.

When both texts credit the same wire and neither is the wire's own, they are *siblings*: each
took the story from the wire, which is not one of the two, so neither is the other's source
(sixteen outlets printing one AP story did not copy each other in order of their clocks). The
other evidence is still listed, but it no longer decides. Likewise, when the text the evidence
names as the copy credits a known wire that the other is not, no direction is drawn: the copy
says it came from the wire.
"""

from __future__ import annotations

import math
from datetime import timedelta

from retold.records import Document, Similarity, Source, Verdict

__all__ = ["WIRE_NAMES", "infer_source", "wire_name"]

_DECIDING_WEIGHT = 1.5
_SIBLING_WEIGHT = 2.0
_TEXT_DATE_WEIGHT = 1.0
"""A date found in the text alone cannot decide a verdict (under ``_DECIDING_WEIGHT``)."""
WIRE_NAMES = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
}
"""Spellings of one wire's credit, folded to one name; other credits are compared as written."""
_CONTAINED = 0.9
_ASYMMETRY = 0.15


def _time_evidence(a: Document, b: Document) -> tuple[float, str] | None:
    if a.published is None or b.published is None:
        return None
    a_time, b_time = a.published, b.published
    aware = a_time.tzinfo is not None and b_time.tzinfo is not None
    if not aware:
        a_time, b_time = a_time.replace(tzinfo=None), b_time.replace(tzinfo=None)
    delta = b_time - a_time
    if delta == timedelta(0):
        return None
    earlier, later = ("A", "B") if delta > timedelta(0) else ("B", "A")
    gap = abs(delta)
    weight = 3.0 if aware or gap >= timedelta(days=1) else 1.5
    notes = [] if aware else ["time zones not given"]
    if {a.published_from, b.published_from} & {"text", "page"}:
        weight = min(weight, _TEXT_DATE_WEIGHT)
        notes.append("dates read from the article text")
    caveats = f" ({'; '.join(notes)})" if notes else ""
    text = f"{earlier} was published {_duration(gap)} before {later}{caveats}"
    return (weight if delta > timedelta(0) else -weight), text


def _duration(gap: timedelta) -> str:
    minutes = int(gap.total_seconds() // 60)
    if minutes >= 2 * 24 * 60:
        return f"{minutes // (24 * 60)} days"
    if minutes >= 60:
        return f"{minutes // 60} h {minutes % 60:02d} min"
    return f"{minutes} min"


def _containment_evidence(
    similarity: Similarity, a_adds: int, b_adds: int
) -> tuple[float, str] | None:
    a_in_b, b_in_a = similarity.a_in_b, similarity.b_in_a
    if b_in_a >= _CONTAINED and b_in_a - a_in_b >= _ASYMMETRY and b_adds == 0:
        return 1.0, (
            f"B adds no content of its own: {b_in_a:.0%} of B is in A, "
            f"only {a_in_b:.0%} of A is in B (B looks cut down from A)"
        )
    if a_in_b >= _CONTAINED and a_in_b - b_in_a >= _ASYMMETRY and a_adds == 0:
        return -1.0, (
            f"A adds no content of its own: {a_in_b:.0%} of A is in B, "
            f"only {b_in_a:.0%} of B is in A (A looks cut down from B)"
        )
    return None


def _credit_evidence(a: Document, b: Document) -> list[tuple[float, str]]:
    evidence: list[tuple[float, str]] = []
    for sign, name, this, other in ((1.0, "B", b, a), (-1.0, "A", a, b)):
        if this.credit is None or (other.credit or "").casefold() == this.credit.casefold():
            continue
        credited_other = other.outlet is not None and (
            this.credit.casefold() in other.outlet.casefold()
        )
        weight = 2.0 if credited_other else 0.75
        evidence.append(
            (sign * weight, f"{name} credits “{this.credit}” in its dateline or byline")
        )
    return evidence


def wire_name(credit: str) -> str:
    """One name per wire ("The Associated Press" → "AP"); other credits as written."""
    folded = " ".join(credit.casefold().split())
    return WIRE_NAMES.get(folded, credit.strip())


def _common_wire(a: Document, b: Document) -> str | None:
    """The wire both texts credit, unless one of them is that wire's own publication."""
    if a.credit is None or b.credit is None:
        return None
    wire = wire_name(a.credit)
    if wire_name(b.credit) != wire:
        return None
    for document in (a, b):
        if document.outlet and wire_name(document.outlet) == wire:
            return None
    return wire


def _credits_another_wire(copy: Document, source: Document) -> str | None:
    """The known wire ``copy`` credits when ``source`` is not that wire's own publication."""
    if copy.credit is None:
        return None
    wire = wire_name(copy.credit)
    if wire not in WIRE_NAMES.values():
        return None  # an outlet's own dateline ("TEHRAN (Dispatches)") says nothing of a wire
    if source.outlet and wire_name(source.outlet) == wire:
        return None
    return wire


def infer_source(
    a: Document, b: Document, similarity: Similarity, *, a_adds: int, b_adds: int
) -> Source:
    """Weigh the evidence; ``a_adds``/``b_adds`` count each text's added content words."""
    evidence: list[tuple[float, str]] = []
    for item in (_time_evidence(a, b), _containment_evidence(similarity, a_adds, b_adds)):
        if item is not None:
            evidence.append(item)
    wire = _common_wire(a, b)
    if wire is not None:
        texts = [f"both credit {wire}: each took the story from {wire}, not from the other"]
        texts += [f"{text} (does not decide between siblings)" for _, text in evidence]
        return Source(
            verdict=Verdict.SIBLINGS,
            confidence=round(1.0 / (1.0 + math.exp(-_SIBLING_WEIGHT)), 3),
            evidence=tuple(texts),
            wire=wire,
        )
    evidence.extend(_credit_evidence(a, b))
    total = sum(weight for weight, _ in evidence)
    confidence = round(1.0 / (1.0 + math.exp(-abs(total))), 3)
    if total >= _DECIDING_WEIGHT:
        verdict = Verdict.A
    elif total <= -_DECIDING_WEIGHT:
        verdict = Verdict.B
    else:
        verdict = Verdict.UNKNOWN
    if verdict is not Verdict.UNKNOWN:
        copy, named = ("B", "A") if verdict is Verdict.A else ("A", "B")
        wire = _credits_another_wire(*((b, a) if verdict is Verdict.A else (a, b)))
        if wire is not None:  # the copy says where it took the story from: not the other text
            evidence.append((0.0, f"{copy} credits {wire}, which {named} is not: no direction"))
            verdict = Verdict.UNKNOWN
    return Source(
        verdict=verdict,
        confidence=confidence,
        evidence=tuple(text for _, text in evidence) or ("no evidence either way",),
    )
