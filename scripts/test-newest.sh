#!/usr/bin/env bash
# The drift canary: install the newest versions pyproject.toml allows (no lock, no cache) in a
# new virtual environment, show where they differ from requirements/ci.txt, and run the tests.
# A failure here, with CI green, means an upstream release broke retold: fix it (or bound the
# range, with the reason beside it) before a user finds it. Usage: bash scripts/test-newest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --no-cache-dir --upgrade pip
"$venv/bin/pip" install --quiet --no-cache-dir --upgrade --upgrade-strategy eager -e '.[dev]'
"$venv/bin/python" scripts/check_lock.py requirements/ci.txt || true  # newer than the lock: shown
"$venv/bin/python" -m pytest
