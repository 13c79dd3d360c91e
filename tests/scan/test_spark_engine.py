"""The Spark engine gives the local engine's results, row for row (issue 13).

Each corpus is scanned by both engines; every result file (documents, rejections, pairs,
passages, families, changes where asked, the learned boilerplate, the text store) must be equal
as Arrow tables, and the manifests' counts equal. Spark runs in local mode (``local[2]``), which
needs pyspark (``pip install 'retold[spark]'``) and Java 17: without them these tests skip
with a message (CI installs both).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from retold import scan
from retold.config import SketchConfig
from retold.engines.spark.session import SparkOptions
from retold.engines.stages import ScanConfig
from retold.evaluate.synthetic import load_sentences, write_corpus
from retold.ingest.corpus import FieldMap
from retold.store.texts import TextStore

pytest.importorskip("pyspark", reason="the Spark engine needs pip install 'retold[spark]'")
if shutil.which("java") is None:
    pytest.skip("the Spark engine needs Java 17 (java not on PATH)", allow_module_level=True)

LOCAL_2 = SparkOptions(master="local[2]", conf=(("spark.sql.shuffle.partitions", "8"),))
RESULT_FILES = (
    "documents.parquet",
    "rejected.parquet",
    "pairs.parquet",
    "passages.parquet",
    "families.parquet",
    ".work/outlet_boilerplate.parquet",
)
SYNTHETIC_ARTICLES = 5000


def _assert_same_results(local: Path, spark: Path, extra: tuple[str, ...] = ()) -> None:
    stories = ("stories.parquet", "story_names.parquet")
    told = tuple(name for name in stories if (local / name).exists())
    for name in (*RESULT_FILES, *told, *extra):
        expected, found = pq.read_table(local / name), pq.read_table(spark / name)
        assert found.schema == expected.schema, name
        differing = [c for c in expected.column_names if not expected[c].equals(found[c])]
        assert not differing, f"{name}: columns {differing} differ"
    texts_local, texts_spark = (
        TextStore(local / ".work/texts.arrow"),
        TextStore(spark / ".work/texts.arrow"),
    )
    assert len(texts_spark) == len(texts_local)
    assert texts_spark.range(0, len(texts_spark)) == texts_local.range(0, len(texts_local))
    counts = [json.loads((path / "manifest.json").read_text())["counts"] for path in (local, spark)]
    assert counts[0] == counts[1]
    assert json.loads((spark / "manifest.json").read_text())["engine"] == "spark"


def test_helsinki_same_as_local(shared_data: Path, helsinki_results: Path, tmp_path: Path) -> None:
    config = ScanConfig(
        fields=FieldMap(text="text", outlet="publisher", published="scrape_time"),
        paragraph_separator=" ### ",
        story=True,
        workers=2,
    )
    result = scan(
        [shared_data / "helsinki-summit" / "helsinki_articles.csv"],
        tmp_path,
        config=config,
        engine="spark",
        spark=LOCAL_2,
    )
    assert result.manifest["counts"]["families"]["families"] > 50  # real families, not none
    assert pq.read_table(tmp_path / "stories.parquet").num_rows > 1000  # stories told, compared
    _assert_same_results(helsinki_results, tmp_path)


def test_synthetic_corpus_same_as_local(shared_data: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus, load_sentences(shared_data), n_articles=SYNTHETIC_ARTICLES, seed=11)
    inputs = [corpus / "articles.jsonl"]
    local, spark = tmp_path / "local", tmp_path / "spark"
    scan(inputs, local, config=ScanConfig(workers=2))
    result = scan(inputs, spark, config=ScanConfig(workers=2), engine="spark", spark=LOCAL_2)
    assert result.manifest["documents"]["processed"] == SYNTHETIC_ARTICLES
    assert result.manifest["counts"]["align"]["pairs"] > 300  # the planted reuse is found
    _assert_same_results(local, spark)


def _jsonl(row: dict[str, str]) -> str:
    return json.dumps({"id": row["id"], "maintext": row["text"], "source_domain": row["publisher"]})


@pytest.fixture()
def messy_corpus(shared_data: Path, tmp_path: Path) -> Path:
    """Several files in nested folders, with what gets rejected: a record without text, a
    repeated id, an id repeated across files, a file of unknown format, and 40 real articles
    (some of them wire copies of each other) so that pairs and families exist."""
    with (shared_data / "helsinki-summit" / "helsinki_articles.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # The AP "outcome" analysis (eight copies) and the brewery story (five), plus others.
    wanted = {"729", "1758", "3371", "6936", "8811", "7396", "11269", "13613", "11762", "14088"}
    chosen = [row for row in rows if row["id"] in wanted] + rows[:30]
    folder = tmp_path / "corpus"
    (folder / "b" / "nested").mkdir(parents=True)
    (folder / "a.jsonl").write_text(
        "\n".join(
            json.dumps(
                {"id": row["id"], "maintext": row["text"], "source_domain": row["publisher"]}
            )
            for row in chosen[:20]
        )
        + "\n"
        + json.dumps({"id": "empty", "maintext": ""})
        + "\n"
        + json.dumps({"id": chosen[0]["id"], "maintext": "A repeated id, rejected."})
        + "\nnot json at all\n",
        encoding="utf-8",
    )
    (folder / "b" / "nested" / "c.jsonl").write_text(
        "\n".join(
            json.dumps(
                {"id": row["id"], "maintext": row["text"], "source_domain": row["publisher"]}
            )
            for row in chosen[20:]
        )
        + "\n"
        + json.dumps({"id": chosen[1]["id"], "maintext": "An id an earlier file gave."})
        + "\n",
        encoding="utf-8",
    )
    (folder / "b" / "unknown.bin").write_bytes(b"\x00\x01\x02 binary \xff" * 50)
    return folder


def test_rejections_sketches_and_changes_same_as_local_and_a_rerun_resumes(
    messy_corpus: Path, tmp_path: Path
) -> None:
    from retold.engines.spark.engine import run_spark_scan
    from retold.engines.spark.session import spark_session

    config = ScanConfig(
        fields=FieldMap(outlet="source_domain"),
        paragraph_separator=" ### ",
        sketches=SketchConfig(enabled=True),
        changes=True,
        workers=2,
    )
    local, spark = tmp_path / "local", tmp_path / "spark"
    scan([messy_corpus], local, config=config)
    result = scan([messy_corpus], spark, config=config, engine="spark", spark=LOCAL_2)
    rejected = pq.read_table(spark / "rejected.parquet").to_pylist()
    assert len(rejected) >= 4, rejected  # empty text, two repeated ids, bad line, binary file
    assert result.manifest["documents"]["read"] == (
        result.manifest["documents"]["processed"] + result.manifest["documents"]["rejected"]
    )
    _assert_same_results(local, spark, extra=("changes.parquet",))
    # As if killed in the last stage: the rerun skips every finished stage, same results.
    pairs = pq.read_table(spark / "pairs.parquet")
    assert pairs.num_rows > 0
    (spark / ".work" / "families.done.json").unlink()
    rerun = run_spark_scan(spark_session(LOCAL_2), [messy_corpus], spark, config)
    finished = ["ingest", "outlet_boilerplate", "fingerprints", "sketches", "candidates", "align"]
    assert rerun.skipped == finished
    assert pq.read_table(spark / "pairs.parquet").equals(pairs)


def test_the_spark_submit_recipe(tmp_path: Path) -> None:
    """docs/spark.md's recipe, word for word but for the paths: spark-submit runs retold's
    command line as the driver, and the scan takes the master spark-submit gave."""
    from tests.conftest import JPOST, KAYHAN

    corpus = tmp_path / "corpus.jsonl"
    texts = [JPOST.read_text(encoding="utf-8"), KAYHAN.read_text(encoding="utf-8")]
    corpus.write_text(
        "".join(json.dumps({"id": f"doc{n}", "maintext": t}) + "\n" for n, t in enumerate(texts)),
        encoding="utf-8",
    )
    submit = Path(sys.executable).parent / "spark-submit"
    cli = subprocess.run(
        [sys.executable, "-c", "import retold.cli as c; print(c.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    results = tmp_path / "results"
    command = [str(submit), "--master", "local[2]", cli, "scan", str(corpus), "-o", str(results)]
    done = subprocess.run(
        [*command, "--engine", "spark"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYSPARK_PYTHON": sys.executable},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "spark"
    pairs = pq.read_table(results / "pairs.parquet", columns=["a_id", "b_id"]).to_pylist()
    assert pairs == [{"a_id": "doc0", "b_id": "doc1"}]
