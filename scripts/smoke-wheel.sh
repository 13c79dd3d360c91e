#!/usr/bin/env bash
# Install what users install: build the sdist and, from it, the wheel; install the wheel into
# a new virtual environment (declared dependencies only, at the locked versions) and use it
# from a folder outside the source tree, so that missing package data, an undeclared
# dependency or an import that only works from src/ shows here.
# Usage: bash scripts/smoke-wheel.sh [PYTHON_WITH_BUILD]   (default: .venv/bin/python)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-$repo/.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# python -m build makes the sdist, then the wheel from the unpacked sdist: both are checked.
"$python" -m build --outdir "$work/dist" "$repo" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -c "$repo/requirements/ci.txt" "$work"/dist/retold-*.whl

cd "$work"
retold="$work/venv/bin/retold"
echo "smoke: installed $("$retold" --version) from $(basename "$work"/dist/retold-*.whl)"
"$retold" doctor

# Every module imports with the declared dependencies only (no extra here), except the Spark
# engine's driver modules, which need the spark extra (pyspark, py4j).
"$work/venv/bin/python" - <<'PY'
import importlib, pkgutil, retold
names = [m.name for m in pkgutil.walk_packages(retold.__path__, "retold.")]
needs_spark = {
    f"retold.engines.spark.{name}" for name in ("engine", "folders", "hadoop", "inputs")
}
for name in names:
    if name not in needs_spark:
        importlib.import_module(name)
assert "src" not in retold.__file__.split("/"), retold.__file__
print(f"smoke: {len(names)} modules import from {retold.__file__}")
PY

jpost="$repo/examples/jpost-2019-06-24-iran-iraq-exercises.txt"
kayhan="$repo/examples/kayhan-2019-06-24-iran-iraq-exercises.txt"
"$retold" compare "$jpost" "$kayhan" >compare.txt
grep -q "Source: A" compare.txt || { cat compare.txt; exit 1; }
"$retold" compare "$jpost" "$kayhan" --format html -o pair.html
grep -q "Content-Security-Policy" pair.html

# A small corpus: the seed pair plus an unrelated article, as JSON Lines.
"$work/venv/bin/python" - "$jpost" "$kayhan" <<'PY'
import json, sys
texts = [open(path, encoding="utf-8").read() for path in sys.argv[1:]]
texts.append("An unrelated note about the weather in Helsinki, which was warm and dry. " * 5)
with open("corpus.jsonl", "w", encoding="utf-8") as out:
    for number, text in enumerate(texts):
        out.write(json.dumps({"id": f"doc{number}", "maintext": text}) + "\n")
PY
"$retold" scan corpus.jsonl -o results/ --workers 1 >scan.txt
"$work/venv/bin/python" - <<'PY'
import json
manifest = json.load(open("results/manifest.json", encoding="utf-8"))
assert manifest["documents"]["read"] == 3, manifest["documents"]
import duckdb
pairs = duckdb.sql("SELECT a_id, b_id FROM read_parquet('results/pairs.parquet')").fetchall()
assert sorted(pairs) == [("doc0", "doc1")], pairs
print("smoke: scan found the seed pair and nothing else")
PY
# Without the spark extra, the Spark engine is refused in one line (exit 6), not a traceback.
status=0
"$retold" scan corpus.jsonl -o spark-results/ --engine spark >spark.txt 2>&1 || status=$?
if [ "$status" -ne 6 ] || ! grep -q "retold\[spark\]" spark.txt || grep -q Traceback spark.txt; then
    cat spark.txt; echo "smoke: --engine spark without pyspark: exit $status"; exit 1
fi
"$retold" report results/ -o report/ >report.txt
test -s report/index.html
ls report/pairs/*.html >/dev/null
echo "smoke: compare, scan and report work from the installed wheel"
