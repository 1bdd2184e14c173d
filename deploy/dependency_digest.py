"""Print the SHA-256 of what the appliance's lock is made from (Python >= 3.11, stdlib only):
pyproject.toml's runtime dependencies and the extras the lock includes (``LOCKED_EXTRAS``).

deploy/lock.sh writes it into deploy/requirements.lock; tests/deploy/test_lock.py compares
it with the current list, so a changed dependency without a new lock fails CI.
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path

#: Extras the appliance installs with the runtime dependencies (deploy/lock.sh's --extra).
LOCKED_EXTRAS = ("hid",)


def locked_requirements(pyproject: Path) -> list[str]:
    with pyproject.open("rb") as fh:
        project = tomllib.load(fh)["project"]
    extras = project.get("optional-dependencies", {})
    return list(project["dependencies"]) + [r for e in LOCKED_EXTRAS for r in extras.get(e, [])]


def dependency_digest(pyproject: Path) -> str:
    dependencies = locked_requirements(pyproject)
    canonical = "\n".join(sorted(" ".join(d.split()) for d in dependencies))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    print(dependency_digest(root / "pyproject.toml"))
