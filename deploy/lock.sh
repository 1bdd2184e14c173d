#!/usr/bin/env bash
# Regenerate deploy/requirements.lock: the runtime dependencies of pyproject.toml and
# its ``hid`` extra (USB keyboard-wedge scanners are a supported driver), resolved for the appliance (Debian 12: CPython 3.11, glibc 2.36), every file hashed.
# The appliance installs exactly these (pip --require-hashes); tests/deploy/test_lock.py
# fails when pyproject's dependencies change and this was not run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/uv ] || .venv/bin/python -m pip install -q '.[lock]'
digest=$(.venv/bin/python deploy/dependency_digest.py)
body=$(.venv/bin/uv pip compile --quiet --generate-hashes --no-header \
  --python-version 3.11 --python-platform x86_64-manylinux_2_36 --extra hid pyproject.toml)
{
  echo "# The appliance's runtime dependencies, pinned with hashes. Do not edit: run"
  echo "#   bash deploy/lock.sh"
  echo "# dependencies-sha256: $digest"
  echo "$body"
} > deploy/requirements.lock
echo "deploy/requirements.lock: $(grep -c '^[a-z]' deploy/requirements.lock) packages"
