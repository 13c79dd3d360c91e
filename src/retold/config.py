"""The parameters of every stage, as plain frozen dataclasses with their defaults.

They live apart from the stages that use them so that the command line can show and parse them
without importing numpy, DuckDB or the aligner: ``retold --help`` loads this module and nothing
heavy. Each stage imports its own parameters from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "TRANSLATION",
    "AlignConfig",
    "CandidateConfig",
    "CompareConfig",
    "FingerprintConfig",
    "PairConfig",
    "ParaphraseConfig",
    "SketchConfig",
    "TilingConfig",
]


@dataclass(frozen=True, slots=True)
class TilingConfig:
    """Parameters of the tiling.

    ``min_length`` is the seed length k: shorter shared runs are only found inside passages, by
    the inner alignment. ``max_occurrences`` drops seeds that repeat more often than that in
    either text (a chant, a list of repeated phrases), which would otherwise make the seed join
    quadratic.
    """

    min_length: int = 4
    max_occurrences: int = 32


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Parameters of the alignment (token counts)."""

    tiling: TilingConfig = TilingConfig()
    max_gap: int = 8
    """Most words on either side between two tiles of one passage."""
    min_passage_words: int = 6
    """Passages with fewer matched words are dropped as chance matches."""
    dense_gap: int = 40
    """Two passages that follow each other in both texts, at most this many words apart on
    either side, are one passage when the words between them are similar (``dense_similarity``):
    a stretch edited too densely for any 4-word seed (word spinning) does not cut a passage."""
    dense_similarity: float = 0.5
    phrase_words: int = 12
    """A shared run of fewer words, with no other shared text within ``phrase_distance``
    characters of it in both texts, is a lone phrase (``kind="phrase"``): a name or a set phrase
    ("the North American Free Trade Agreement"), not reuse. Set on the tuning four fifths of PAN
    2013, where such runs were most false detections (83 of 84 in the summary folder; 20 of 20
    on the pairs without reuse); 8, 10 and 15 were tried."""
    phrase_distance: int = 300


@dataclass(frozen=True, slots=True)
class ParaphraseConfig:
    """Parameters of the sentence alignment of rewritten passages (``retold.align.paraphrase``).

    The thresholds are those of Sanchez-Perez et al. (PAN 2014) unless a comment says otherwise.
    """

    enabled: bool = True
    stem_length: int = 5
    """Words are cut to this many letters: "regulations" and "regulatory" are one word."""
    min_cosine: float = 0.33
    min_dice: float = 0.33
    max_gap: int = 4
    """Most sentences between two seeds of one passage, in either text."""
    min_passage_similarity: float = 0.40
    """Sanchez-Perez et al. use 0.34; on the tuning part of PAN 2013, pieces that lie outside
    the truth have similarities of 0.34-0.50 and true ones mostly above 0.5: 0.40 keeps the
    negatives as clean as exact alignment alone (20 detections on 800 pairs, 21 before) at no
    cost overall (plagdet 0.860 against 0.861)."""
    min_seed_density: float = 0.5
    """Share of the sentences of a passage, on each side, that must be seeds: a rewritten
    passage matches sentence by sentence, while two texts on one topic match here and there.
    (Not in Sanchez-Perez et al.; set on the tuning four fifths of PAN 2013.)"""
    edge_cosine: float = 0.35
    """A passage's first and last sentences need a seed this similar (or an exact match).
    Was 0.4 until rewritten passages were tightened to their shared words at the edges (which
    does most of this trimming's work); on the tuning four fifths of PAN 2013, 0.35 against
    0.4: random obfuscation 0.890 -> 0.893, translation 0.907 -> 0.910, no-obfuscation 0.966
    -> 0.964, the negatives unchanged (0.33, no trimming at all: 0.894, 0.911, 0.964)."""
    summary_gap: int = 20
    """Most sentences of A between two seeds of a summary (B sentences stay ``max_gap``)."""
    summary_ratio: float = 0.5
    """A summary's span in B is at most this share of its span in A."""
    join_chars: int = 300
    """Passages at most this far apart in B, one of them rewritten, are one passage."""
    exact_share: float = 0.75
    """A passage whose B side is this much exact passages is a copy with edits (``edited``),
    not a rewriting (``rewritten``)."""
    extend_cosine: float = 0.5
    """An edited copy ends where its exact passages end, grown only over the sentence pairs
    right before or after it this alike (its first or last sentence rewritten)."""
    edge_fragment_dice: float = 0.2
    """An edited copy takes in the rest of its first (last) sentence when the pieces of that
    sentence outside it in A and in B share this much of their content words (Dice of stems),
    or hold one content word or none each (``edge_fragment_words``): the sentence reworded at
    the copy's edge. Set on the tuning four fifths of PAN 2013 (0.1-0.5 tried: random
    obfuscation 0.880 -> 0.883-0.887, no-obfuscation and the negatives unchanged)."""
    edge_fragment_words: int = 1
    """Pieces of an edge sentence holding no more content words than this each are taken in
    whatever they share (``edge_fragment_dice``): a word or two says nothing either way."""
    short_min_chars: int = 100
    """A rewritten passage shorter than ``min_chars`` on either side (but this long) counts when
    its similarity reaches ``short_similarity``: a short passage rewritten word by word is still
    alike as a whole, a topical neighbour rarely. Set on the tuning four fifths of PAN 2013
    (random obfuscation 0.887 -> 0.890, no-obfuscation unchanged; 0.5 let in 2 more detections
    on the negatives)."""
    short_similarity: float = 0.6
    """The similarity a passage between ``short_min_chars`` and ``min_chars`` long must reach."""
    absorb_cosine: float = 0.2
    """A rewritten passage grows over a sentence right before or after it in A paired with one
    right before or after it in B (in either order) this alike: just under the seed
    thresholds, but placed where the passage's own sentences would be."""
    summary_of_whole: float = 0.5
    """A summary drawing on this share of A or more sums up A as a whole: its span in A is all
    of A (a news brief of an article, PAN's summaries of whole documents)."""
    edge_evidence_weight: float = 3.0
    """At a rewritten passage's edges, a run of words is cut off when its words absent from the
    other side outnumber this many times those present (``retold.align.paraphrase._tightened``)."""
    min_exact_seed_words: int = 15
    """Exact passages this long make their sentences seeds; shorter ones (an address, a set
    phrase) must earn it by similarity."""
    min_chars: int = 150
    """Shorter rewritten passages are left to the exact aligner (a shared phrase, a quote)."""
    min_sentences: int = 1
    """Fewest sentences a passage spans on each side."""
    max_sentence_words: int = 60
    max_sentence_pairs: int = 4_000_000
    """Texts with more sentence pairs than this (two books) skip the stage: its matrices grow
    with the product."""


TRANSLATION = ParaphraseConfig(
    min_cosine=0.6,
    edge_cosine=0.65,
    min_passage_similarity=0.72,
    extend_cosine=0.72,
    absorb_cosine=0.72,
    min_chars=100,
    min_sentences=2,
)
"""The sentence alignment of translated passages (``retold.align.translation``): cosines are
of multilingual sentence embeddings, not of shared words (``stem_length``, ``min_dice`` and
``min_exact_seed_words`` play no part). Set on the tuning four fifths of the SemEval-2022 Task
8 sample (``retold.evaluate.accuracy_translation``): matched sentences of real translations have
a median cosine of 0.79, the nearest sentence of another article on the same story 0.35 (95th
percentile 0.61). One sentence alike is too little: single-sentence passages were most of the
detections between different articles; two or more at 0.72 find 96 % of translations."""


@dataclass(frozen=True, slots=True)
class CompareConfig:
    """Options of ``compare``: the alignment parameters and the input size limit."""

    align: AlignConfig = AlignConfig()
    paraphrase: ParaphraseConfig = ParaphraseConfig()
    translation: ParaphraseConfig = TRANSLATION
    """Used instead of ``paraphrase`` when A and B are in different languages."""
    translation_below: float = 0.5
    """Languages are identified (and a translation looked for) only when neither text shares
    this share of its words verbatim with the other: two texts that share half their words are
    in one language, and identifying costs 0.5 s the first time."""
    spun_density: float = 0.06
    """One- or two-word substitutions per word of a passage from which it is ``spun``."""
    changes: bool = True
    """Explain every change. A corpus scan turns it off (``scan --changes`` turns it on): its
    similarities, relations and sources need only the counts, and most of a pair's cost was
    classifying changes no one reads (the report explains a pair when it is shown)."""
    story: bool = True
    """Read the changes into the story of the retelling (``retold.story``: names, quotations,
    figures, voice, the credit check, a summary); only with ``changes``. About 10 ms a pair."""
    max_bytes: int = 20_000_000


@dataclass(frozen=True, slots=True)
class FingerprintConfig:
    """Shingle size ``k`` (words) and window ``w`` (shingles); see ``guaranteed_words``."""

    k: int = 12
    w: int = 29

    def __post_init__(self) -> None:
        if self.k < 1 or self.w < 1:
            raise ValueError("k and w must be at least 1")

    @property
    def guaranteed_words(self) -> int:
        """Shared runs of at least this many words always yield a common fingerprint."""
        return self.w + self.k - 1


@dataclass(frozen=True, slots=True)
class SketchConfig:
    """The second candidate path, for rewritten copies (``retold.sketches``): MinHash bands
    over the content words of each sentence. Off unless asked for (``scan --rewritten``): it
    adds candidate pairs that exact alignment alone would reject, and aligns them by
    sentences, which costs far more per pair."""

    enabled: bool = False
    rows: int = 3
    bands: int = 30
    """On the 5,057 PAN 2013 documents as one corpus, 3 rows catch 0.96 of the
    random-obfuscation pairs and 0.99 of the translation-chain ones, among 946,487 pairs (187
    per document); the window check keeps 21,637 pairs, 0.90 and 0.95 of those, and the
    partner cap (``max_partners``) 15,826 pairs, still 0.90 and 0.95
    (``bench/rewritten_scan.py``). Before the check, 5 rows and two caught sentences per pair
    kept 0.47 and 0.67 among 10,399 pairs."""
    min_words: int = 5
    """Sentences with fewer distinct content words get no sketch (a dateline, a short quote)."""
    window: int = 1
    """Sentences on each side of a caught one whose words its window signature holds."""
    signature_size: int = 64
    """Values of a window signature (at most ``rows * bands``), 32 bits each."""
    min_window_similarity: float = 0.2
    """Share of equal window-signature values a caught sentence pair needs. Set on the tuning
    four fifths of PAN 2013 as one corpus, with exact window Jaccard: 0.2 kept 0.89 of the
    random-obfuscation pairs and 0.95 of the translation-chain ones, and 0.01 of the pairs PAN
    lists as sharing nothing; 0.25 kept 0.84, 0.91 and 0.003."""
    max_document_frequency: int = 100
    """A key held by more documents than this (a sentence every copy of a story keeps, or a
    formula) links nothing specific and is dropped, as for fingerprints."""
    max_partners: int | None = 8
    """A document pair resting on one caught sentence pair is kept only among the
    ``max_partners`` best sketch pairs of one of its documents (most caught sentences, then
    the best window agreement); pairs with two or more are always kept. ``None`` keeps every
    pair. A sentence that recurs, reworded, across a large corpus (a stock phrase, a
    paraphrased quote) otherwise pairs every document that holds it: with 100,000 news-shaped
    articles before PAN's, 17.6 million of 18.6 million candidate pairs came from one caught
    sentence pair each. On PAN 2013 as one corpus, where a document has up to 30 such
    partners, 8 keeps 901 of the 903 random-obfuscation pairs that pass the window check
    (5 keeps 878, 3 keeps 814)."""
    stem_length: int = 5
    max_sentence_words: int = 60

    def __post_init__(self) -> None:
        if self.max_partners is not None and self.max_partners < 1:
            raise ValueError("max_partners must be at least 1 (or None)")
        if min(self.rows, self.bands, self.min_words, self.signature_size) < 1:
            raise ValueError("rows, bands, min_words and signature_size must be at least 1")
        if self.window < 0:
            raise ValueError("window must be at least 0")
        if self.signature_size > self.rows * self.bands:
            raise ValueError("signature_size can be at most rows * bands")

    @property
    def min_matches(self) -> int:
        """Equal window-signature values a caught sentence pair needs."""
        return math.ceil(self.min_window_similarity * self.signature_size - 1e-9)


@dataclass(frozen=True, slots=True)
class CandidateConfig:
    """``max_document_frequency``: the cap above which a fingerprint pairs its holders with its
    earliest holder only (``retold.candidates``)."""

    max_document_frequency: int = 100
    min_shared_fingerprints: int = 1
    copy_share: float | None = 0.9
    """Two candidates each holding this share of the other's fingerprints are copies,
    and the pairs a group of copies makes are derived from one aligned pair each
    (``retold.representatives``); ``None`` aligns every candidate pair (``scan --all-pairs``)."""


@dataclass(frozen=True, slots=True)
class PairConfig:
    """When a candidate pair of a corpus is kept, and which relation it gets."""

    min_passage_words: int = 20
    """A pair is kept only with a passage of at least this many matched words, that many of
    them on lines of prose."""
    retelling_share: float = 0.3
    """Share of the more contained article's own (unquoted) words that makes a retelling."""
    retelling_words: int = 50
    """Words in exact passages that a retelling shares at least: a photo caption, or a
    headline and lede shown on a snippet page, runs 20 to 50 words. On the Helsinki gold, 15
    of the 19 pairs that shared under 50 words and were called retellings were such pages."""
    quote_share: float = 0.6
    """Share of the shared text inside quotation marks that makes a shared quote."""
    family_gap_pairs: int = 4
    """Pairs of one family that no candidate path proposed, aligned once the families are
    made (``retold.family_gaps``): at most this many per member of the family, a family with
    more is left as it is; 0 aligns none. On the Helsinki corpus 23 pairs, 17 of them kept."""
