#!/usr/bin/env bash
# Set everything up, then run every check CI runs: lint, layer contracts, types, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff"
.venv/bin/ruff check .
echo "== layer contracts (import-linter)"
.venv/bin/lint-imports
echo "== types (mypy)"
# Strict on kiosk/, drivers/ and offline_queue/ ([tool.mypy] in pyproject.toml).
.venv/bin/mypy
echo "== tests"
# pytest exits 5 when it ran no test; that is a failure here like any other.
.venv/bin/pytest "$@"
