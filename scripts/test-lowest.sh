#!/usr/bin/env bash
# Keep the lower bounds in pyproject.toml honest: install the OLDEST versions they allow for
# retold's direct dependencies (uv's lowest-direct resolution) in a new virtual environment and
# run the tests. Raise a bound (with the reason beside it) when this fails.
# Usage: bash scripts/test-lowest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet uv
"$work/tools/bin/uv" pip compile pyproject.toml --extra dev --python-version 3.11 \
    --python-platform x86_64-unknown-linux-gnu --resolution lowest-direct -o "$work/lowest.txt"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-cache-dir -r "$work/lowest.txt"
"$work/venv/bin/pip" install --quiet --no-cache-dir --no-deps -e .
"$work/venv/bin/python" scripts/check_lock.py "$work/lowest.txt"
"$work/venv/bin/python" -m pytest
