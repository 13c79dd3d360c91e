#!/usr/bin/env bash
# Regenerate requirements/ci.txt: the exact versions CI installs (as a constraints file).
# Run after changing dependencies in pyproject.toml, then run the tests with the new lock
# (bash .ci/run) before committing it. Needs uv (pip install uv).
set -euo pipefail
cd "$(dirname "$0")/.."
uv pip compile pyproject.toml --extra dev --extra spark --python-version 3.11 \
    --python-platform x86_64-unknown-linux-gnu -o requirements/ci.txt
