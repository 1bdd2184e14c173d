"""``kiosk demo``: a PNG of every step of every service, and one of every printed slip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.app import KioskCore
from kiosk.config.schema import Service
from ui.demo import run_demo

#: NNNN-<service>-v<visit>-<step kind>[-<state>].png, as the visitor names its screens.
STEP_SHOT = re.compile(r"^\d{4}-(?P<service>[a-z_]+)-v(?P<visit>\d{3})-(?P<kind>[a-z_]+)(-.+)?$")


def shots_by_service(paths: list[Path]) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for path in paths:
        match = STEP_SHOT.match(path.stem)
        if match:
            kinds.setdefault(match["service"], set()).add(match["kind"])
    return kinds


@pytest.mark.timeout(600)  # the whole catalogue, saved screen by screen
def test_demo_saves_every_step_of_every_service_and_every_slip(
    core: KioskCore, tmp_path: Path
) -> None:
    core.start()
    services: list[Service] = [
        s for s in core.config.services if core.availability()[s.id].available
    ]
    assert len(services) == len(core.config.services)  # every device simulated and up

    saved = run_demo(core, tmp_path / "demo", sessions=1)

    assert saved and all(p.is_file() and p.stat().st_size > 0 for p in saved)
    assert sorted(saved) == sorted((tmp_path / "demo").iterdir())
    names = {p.stem[5:] for p in saved}
    for home in ("home-zh", "home-en", "home-large_type-zh", "home-large_type-en"):
        assert home in names
    kinds = shots_by_service(saved)
    for service in services:
        missing = set(service.steps) - kinds.get(service.id, set())
        assert not missing, f"{service.id}: no screen of {sorted(missing)}"
    printing = [s for s in services if "print_slip" in s.steps]
    slips = [p for p in saved if p.stem.endswith("-slip")]
    assert sorted(p.stem.split("-")[1] for p in slips) == sorted(s.id for s in printing)
    screen = QImage(str(saved[0]))
    assert (screen.width(), screen.height()) == (
        core.config.ui.panel_width_px,
        core.config.ui.panel_height_px,
    )
    slip = QImage(str(slips[0]))
    assert slip.height() > slip.width() > 300  # a strip of paper, not an empty picture


def test_demo_faults_in_english_large_type_save_every_fault_screen_with_no_layout_problem(
    core: KioskCore, tmp_path: Path
) -> None:
    from ui.demo import DemoOptions, run_demo_report

    core.start()
    options = DemoOptions(
        language="en", large_type=True, service="medical_insurance_record", faults=True
    )
    report = run_demo_report(core, tmp_path / "demo", options)

    names = {p.stem[5:] for p in report.saved}
    walked = {n.split("-")[0] for n in names if "-v" in n}
    assert "medical_insurance_record" in walked and "tax_certificate" not in walked
    for fault in (
        "print_slip-paper_out",  # paper out mid-slip
        "fault-camera_down-home",  # the tiles that need the camera, and what to do instead
        "payment-declined",
        "read_id_card-card_removed",
    ):
        assert any(n.endswith(fault) for n in names), fault
    assert any(
        "show_progress-" in n and n.endswith(("unavailable", "waiting_upload")) for n in names
    )  # the platform offline
    assert "help_dialog" in names
    assert report.problems == {}, report.problems


def test_kiosk_demo_ends_with_the_layout_audit_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.__main__ import main

    assert (
        main(["demo", "--out", str(tmp_path / "d"), "--service", "complaint", "--lang", "en"]) == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"layout audit: \d+ problems", lines[-1])
    assert lines[-1] == "layout audit: 0 problems"
