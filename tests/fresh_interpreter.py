"""What a new interpreter loads: start-up cost checks (heavy modules stay out until used)."""

from __future__ import annotations

import subprocess
import sys


def modules_after(code: str) -> set[str]:
    """The names of the modules a new interpreter holds once it has run ``code``."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(out.stdout.split())
