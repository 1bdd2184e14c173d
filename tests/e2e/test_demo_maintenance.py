"""``kiosk demo --maintenance``: a PNG of every maintenance screen, through the command itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.__main__ import main
from kiosk.maintenance.audit import read_audit


def test_the_maintenance_demo_saves_every_screen_and_leaves_a_trail(
    tmp_path: Path, kiosk_data_dir: Path
) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--maintenance", "--out", str(out)]) == 0
    saved = sorted(out.iterdir())
    names = {p.stem[5:] for p in saved}
    expected = {
        "pin_pad-technician_number", "pin_pad-pin", "pin_pad-wrong_pin",
        "out_of_service-visit_ended", "out_of_service-zh", "out_of_service-en", "back_in_service",
    }  # fmt: skip
    for page in ("devices", "queue", "payments", "service"):
        expected |= {f"console-{page}-zh", f"console-{page}-en"}
    assert expected <= names
    screen = QImage(str(saved[0]))
    assert (screen.width(), screen.height()) == (1920, 1080)
    trail = [(r.action, r.outcome) for r in read_audit(kiosk_data_dir)]
    assert trail[:3] == [("pin", "wrong"), ("pin", "ok"), ("enter", "ok")]
    assert ("restart", "ok") in trail  # recorded by the demo's runner, never run
    assert trail[-1] == ("return_to_service", "ok")
