"""Family and pair-relation scores, on examples small enough to compute by hand, and the gold
standard of the Helsinki corpus read as the scorer reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.evaluate.accuracy_families import Gold, load_gold, score_families

GOLD = Path(__file__).resolve().parents[2] / "bench" / "gold" / "helsinki"


def test_a_perfect_clustering_scores_one() -> None:
    gold = Gold({"1": "s", "2": "s", "3": "t"}, {("1", "2"): "retelling"})
    scores = score_families(gold, {"1": "f0", "2": "f0"}, {("1", "2"): "retelling"})
    assert scores.bcubed_precision == scores.bcubed_recall == scores.adjusted_rand == 1.0
    assert scores.split_stories == () and scores.mixed_families == ()
    retelling = scores.relations[0]
    assert (retelling.precision, retelling.recall) == (1.0, 1.0)


def test_a_split_and_a_merge_by_hand() -> None:
    # Gold: {1, 2, 3} one story, {4} another. Predicted: {1, 2} {3, 4}.
    gold = Gold(
        {"1": "s", "2": "s", "3": "s", "4": "t"},
        {("1", "2"): "retelling", ("1", "3"): "retelling", ("2", "3"): "retelling"},
    )
    families = {"1": "a", "2": "a", "3": "b", "4": "b"}
    relations = {("1", "2"): "retelling", ("3", "4"): "retelling", ("2", "3"): "shared_quote"}
    scores = score_families(gold, families, relations)
    # B-cubed precision: items 1, 2 → 2/2; 3 → 1/2; 4 → 1/2: mean 3/4.
    # B-cubed recall: 1, 2 → 2/3; 3 → 1/3; 4 → 1/1: mean 2/3.
    assert scores.bcubed_precision == pytest.approx(0.75)
    assert scores.bcubed_recall == pytest.approx(2 / 3)
    # ARI: index 1 (pair 1-2), rows 2, columns 3, pairs 6: expected 1, maximum 2.5 → 0.
    assert scores.adjusted_rand == pytest.approx(0.0)
    assert scores.split_stories == ("s",)
    assert scores.mixed_families == (("s", "t"),)
    retelling = scores.relations[0]
    assert (retelling.correct, retelling.predicted, retelling.gold) == (1, 2, 3)


def test_retelling_recall_by_the_run_the_texts_share() -> None:
    # Three gold retellings: 1-2 share a 34-word run (found), 1-3 a 12-word run (missed), 2-3
    # no run of eight words (missed). From 8 words: 1 of 2; from 20: 1 of 1.
    pairs = {("1", "2"): "retelling", ("1", "3"): "retelling", ("2", "3"): "retelling"}
    gold = Gold(
        {"1": "s", "2": "s", "3": "s"}, pairs, {("1", "2"): 34, ("1", "3"): 12, ("2", "3"): 0}
    )
    scores = score_families(gold, {"1": "a", "2": "a"}, {("1", "2"): "retelling"})
    assert [(r.words, r.found, r.gold) for r in scores.by_run] == [(8, 1, 2), (20, 1, 1)]
    assert scores.relations[0].recall == pytest.approx(1 / 3)


def test_the_gold_notes_give_each_pair_its_longest_shared_run() -> None:
    if not (GOLD / "pairs.csv").exists():
        pytest.skip("bench/gold/helsinki is not written yet")
    gold = load_gold(GOLD)
    assert set(gold.longest) == set(gold.pairs)  # "[… longest N]" or "no shared run >= 8"
    assert gold.longest[("5000", "11989")] == 44
    assert gold.longest[("258", "3894")] == 0
    assert set(gold.held_out().longest) == set(gold.held_out().pairs)


def test_the_helsinki_gold_covers_the_corpus_and_the_brewery_story() -> None:
    if not (GOLD / "stories.csv").exists():
        pytest.skip("bench/gold/helsinki is not written yet")
    gold = load_gold(GOLD)
    assert len(gold.story_of) >= 190  # the 40 largest stories and 150 others, at least
    brewery = {gold.story_of[doc] for doc in ("7396", "11269", "13613", "11762", "14088")}
    assert len(brewery) == 1
    assert set(gold.pairs.values()) <= {"retelling", "shared_quote", "compilation", "none"}


def test_the_report_section_shows_every_measure_and_the_goals() -> None:
    from types import SimpleNamespace

    from retold.evaluate.accuracy_report import _families_section

    gold = Gold({"1": "s", "2": "s", "3": "t"}, {("1", "2"): "retelling"})
    scores = score_families(gold, {"1": "a", "2": "b"}, {("1", "2"): "retelling"})
    held_out = score_families(gold.held_out(), {"1": "a", "2": "b"}, {("1", "2"): "retelling"})
    report = SimpleNamespace(families=scores, families_held_out=held_out)
    lines = "\n".join(_families_section(report))  # type: ignore[arg-type]
    assert "| `retelling` pairs (all) | 1.000 (1/1) | 1.000 (1/1) |" in lines
    assert "| `retelling` pairs (held-out half) |" in lines
    assert "of the 1 largest (goal 0) | 1: s |" in lines
    assert "| … of them sharing a run of 20+ words (all) |  | 1.000 (0/0) |" in lines
    assert "B-cubed F1" in lines and "**no**" in lines
    missing = SimpleNamespace(families=None, families_held_out=None)
    assert "Not measured" in "\n".join(_families_section(missing))  # type: ignore[arg-type]


def test_the_held_out_half_keeps_whole_stories_and_the_pairs_inside_them() -> None:
    stories = {str(n): f"story-{n // 3}" for n in range(60)}
    pairs = {(str(a), str(a + 1)): "retelling" for a in range(59)}
    held_out = Gold(stories, pairs).held_out()
    kept = set(held_out.story_of.values())
    assert 0 < len(kept) < 20  # some of the 20 stories, not all
    # A story is held out whole or not at all, and so is every pair of its articles.
    assert all(
        held_out.story_of.get(doc) == story for doc, story in stories.items() if story in kept
    )
    assert all(doc in held_out.story_of for pair in held_out.pairs for doc in pair)
    assert held_out.held_out() == held_out


def test_siblings_are_scored_on_copies_crediting_one_wire(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from retold.evaluate.accuracy_families import score_siblings

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "stories.csv").write_text(
        "doc_id,story_id,role,wire,note,version,checked\n"
        "1,s,member,AP,,,full\n2,s,member,AP,,,full\n3,s,member,AP,,,full\n"
        "4,s,member,,,,full\n5,u,member,USA TODAY,,,full\n6,u,member,USA TODAY,,,full\n",
        encoding="utf-8",
    )
    (gold / "pairs.csv").write_text(
        "a_id,b_id,label,version,note\n"
        "1,2,retelling,0,\n1,3,retelling,0,\n2,3,retelling,0,\n1,4,retelling,0,\n"
        "5,6,retelling,0,\n",
        encoding="utf-8",
    )
    results = tmp_path / "results"
    results.mkdir()
    rows = {  # 1-2 siblings of AP, 1-3 drawn 1 -> 3 (wrong), 2-3 not kept, 1-4 not scored;
        # 5-6 siblings of a syndicating outlet, its credit compared as written
        "a_id": ["1", "1", "1", "5"],
        "b_id": ["2", "3", "4", "6"],
        "source": [None, "1", "1", None],
        "wire": ["AP", None, None, "USA TODAY"],
    }
    pq.write_table(pa.table(rows), results / "pairs.parquet")
    found = score_siblings(gold, results)
    assert (found.pairs, found.siblings, found.directed) == (3, 2, 1)
