"""Print the SHA-256 of pyproject.toml's runtime dependency list (Python >= 3.11, stdlib only).

deploy/lock.sh writes it into deploy/requirements.lock; tests/deploy/test_lock.py compares
it with the current list, so a changed dependency without a new lock fails CI.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path


def dependency_digest(pyproject: Path) -> str:
    with pyproject.open("rb") as fh:
        dependencies = tomllib.load(fh)["project"]["dependencies"]
    canonical = "\n".join(sorted(" ".join(d.split()) for d in dependencies))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    print(dependency_digest(root / "pyproject.toml"))
