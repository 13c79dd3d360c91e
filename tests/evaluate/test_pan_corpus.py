"""The PAN 2013 runner reads the third-party corpus as its README describes and scores retold."""

from __future__ import annotations

from pathlib import Path

from retold.evaluate.pan_corpus import FOLDERS, PAN_DIR, load_pan_pairs, run_pan


def test_the_corpus_is_read_with_its_truth_and_a_held_out_fifth(shared_data: Path) -> None:
    pairs = load_pan_pairs(shared_data / PAN_DIR)
    counts = {folder: sum(p.folder == folder for p in pairs) for folder in FOLDERS}
    assert counts == {
        "01-no-plagiarism": 1000,
        "02-no-obfuscation": 1000,
        "03-random-obfuscation": 1000,
        "04-translation-obfuscation": 1000,
        "05-summary-obfuscation": 1185,
    }
    cases = {folder: sum(len(p.truth) for p in pairs if p.folder == folder) for folder in FOLDERS}
    assert cases == {  # the README's table
        "01-no-plagiarism": 0,
        "02-no-obfuscation": 1252,
        "03-random-obfuscation": 1267,
        "04-translation-obfuscation": 1250,
        "05-summary-obfuscation": 238,
    }
    assert sum(p.held_out for p in pairs) == 1037  # every fifth line of each pairs file
    # The first verbatim case (README): suspicious-document00005, source-document01090.
    first = next(p for p in pairs if p.folder == "02-no-obfuscation" and p.truth)
    assert first.truth[0].suspicious_doc.startswith("suspicious-document")


def test_verbatim_copies_score_high_and_negatives_stay_nearly_clean(shared_data: Path) -> None:
    run = run_pan(shared_data, workers=1, limit=10)
    assert run.pairs == 50
    verbatim = run.tuning["02-no-obfuscation"]
    assert verbatim.macro_recall > 0.95 and verbatim.granularity == 1.0
    assert run.tuning["01-no-plagiarism"].detections <= 1


def test_the_report_section_shows_before_now_and_the_goals(shared_data: Path) -> None:
    import functools

    from retold.config import CompareConfig, ParaphraseConfig
    from retold.evaluate.accuracy_pan import PanComparison, pan_section
    from retold.evaluate.pan_corpus import retold_detections

    exact = functools.partial(
        retold_detections, config=CompareConfig(paraphrase=ParaphraseConfig(enabled=False))
    )
    before = run_pan(shared_data, detector=exact, workers=1, limit=5)
    now = run_pan(shared_data, workers=1, limit=5)
    lines = "\n".join(pan_section(PanComparison(before, now)))
    assert "## 6. PAN 2013" in lines
    for folder in ("03-random-obfuscation", "05-summary-obfuscation", "overall"):
        assert f"| {folder} | tuning |" in lines and f"| {folder} | held-out |" in lines
    assert "| 01-no-plagiarism | tuning |" in lines and "detections" in lines
    assert "Not measured" in "\n".join(pan_section(None))
