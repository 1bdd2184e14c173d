"""The window is layout and wiring: the visit's decisions live in kiosk.visit, not here."""

from __future__ import annotations

from pathlib import Path

import ui.main_window


def test_the_window_module_stays_small() -> None:
    lines = Path(ui.main_window.__file__).read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, "put new window wiring in a module of its own (see ui/maintenance)"
