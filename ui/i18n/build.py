"""Update ``kiosk_en.ts`` from the sources and compile it to ``kiosk_en.qm``.

Run ``python -m ui.i18n.build`` after changing any translatable string, then
fill the new ``<translation>`` entries in the .ts file and run it again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ui.i18n import I18N_DIR

UI_DIR = I18N_DIR.parent
TS_FILE = I18N_DIR / "kiosk_en.ts"
QM_FILE = I18N_DIR / "kiosk_en.qm"


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "i18n" not in p.parts)


def tool(name: str) -> str:
    """Path of a PySide6 tool installed beside this interpreter."""
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def update_ts(ts_file: Path = TS_FILE) -> None:
    cmd = [tool("pyside6-lupdate"), *map(str, sources()), "-no-obsolete", "-ts", str(ts_file)]
    subprocess.run(cmd, check=True, capture_output=True)


def compile_qm(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    cmd = [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)]
    subprocess.run(cmd, check=True, capture_output=True)


def main() -> int:
    update_ts()
    compile_qm()
    print(f"updated {TS_FILE.name} and {QM_FILE.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
