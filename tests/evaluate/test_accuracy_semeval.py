"""retold's similarity against the SemEval-2022 Task 8 grades (real multilingual news pairs)."""

from __future__ import annotations

from pathlib import Path

from retold.evaluate.accuracy_semeval import score_semeval, semeval_section


def test_similarity_follows_the_human_grades_in_english(shared_data: Path) -> None:
    rows, unreadable = score_semeval(shared_data)
    by_language = {row.languages: row for row in rows}
    assert unreadable == 0
    assert by_language["all"].pairs == 2432  # 2 x 1,283 minus the 62 pairs in both files
    # More retold text, more alike by the graders' reading (0.315 when measured).
    assert by_language["en"].either > 0.2
    lines = "\n".join(semeval_section((rows, unreadable)))
    assert "| en | 354 |" in lines and "0.818" in lines
    assert "Not measured" in "\n".join(semeval_section(None))
