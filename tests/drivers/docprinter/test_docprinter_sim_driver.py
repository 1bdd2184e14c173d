"""The ipp-sim driver owns its ippeveprinter; `kiosk devices test docprinter` reads the printer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drivers.base import Actor, DeviceState, HealthLevel
from drivers.docprinter import status as codes
from drivers.docprinter.model import DocPrintOutcome
from drivers.docprinter.on_simulator import SimulatedIppPrinter, start_standalone
from drivers.docprinter.settings import SimulatedIppPrinterSettings
from kiosk.__main__ import main
from tests.drivers.docprinter.docprinter_helpers import FAST, a4_pdf, page_count
from tests.sites import DEMO_PLATFORM, write_site


def simulated(scenario: str = "normal") -> SimulatedIppPrinter:
    settings = SimulatedIppPrinterSettings(scenario=scenario, **FAST)  # type: ignore[arg-type]
    return SimulatedIppPrinter(settings)


def test_the_driver_starts_and_removes_its_own_printer() -> None:
    device = simulated()
    device.open()
    try:
        assert device.simulator is not None
        sim = device.simulator
        assert device.status.state is DeviceState.ONLINE
        assert device.settings.uri == sim.uri and sim.uri.startswith("ipp://127.0.0.1:")
        result = device.print_pdf(a4_pdf(2), title="certificate")
        assert result.outcome is DocPrintOutcome.PRINTED
        [spooled] = sim.documents()
        assert page_count(spooled) == 2
    finally:
        device.close()
    assert device.simulator is None and sim.ended and not sim.spool.exists()


def test_scenario_paper_out_refuses_before_sending() -> None:
    device = simulated("paper-out")
    device.open()
    try:
        assert device.status.code == codes.MEDIA_EMPTY
        result = device.print_pdf(a4_pdf(1), title="certificate")
        assert result.outcome is DocPrintOutcome.FAILED and result.job_id is None
    finally:
        device.close()


def test_scenario_media_empty_mid_job_fails_only_that_job() -> None:
    device = simulated("media-empty-mid-job")
    device.open()
    try:
        assert device.status.usable  # the paper runs out during the job, not before
        result = device.print_pdf(a4_pdf(2), title="certificate")
        assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.MEDIA_EMPTY
        assert device.simulator is not None
        device.simulator.set_paper(250)  # staff load paper
        assert device.health_check(HealthLevel.EXTERNAL).passed
        assert device.print_pdf(a4_pdf(2), title="again").outcome is DocPrintOutcome.PRINTED
    finally:
        device.close()


def test_scenario_offline_is_offline_from_the_start() -> None:
    device = simulated("offline")
    device.open()
    try:
        assert device.status.state is DeviceState.OFFLINE
        assert not device.health_check(HealthLevel.EXTERNAL).passed
    finally:
        device.close()


def test_without_ippeveprinter_the_device_names_the_missing_package() -> None:
    settings = SimulatedIppPrinterSettings(ippeveprinter="no-such-ippeveprinter", hold_down_s=0)
    device = SimulatedIppPrinter(settings)
    device.open()
    try:
        status = device.status
        assert status.state is DeviceState.ERROR and status.actor is Actor.CONFIGURATION
        assert "cups-ipp-utils" in status.detail
    finally:
        device.close()


def test_standalone_simulator_serves_an_ipp_uri() -> None:
    sim = start_standalone("toner-low")
    try:
        assert sim.address.startswith("ipp://127.0.0.1:") and sim.running
    finally:
        sim.close()
    assert sim.ended


def test_kiosk_devices_test_docprinter_reads_the_printer_attributes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["devices", "test", "docprinter", "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["device"] == "docprinter" and result["passed"]
    assert "A4 simulator: A4 printer ready" in result["text"]
    site = write_site(
        tmp_path,
        DEMO_PLATFORM + '[devices.docprinter]\ndriver = "ipp-sim"\n'
        '[devices.docprinter.settings]\nscenario = "paper-out"\n',
    )
    assert main(["devices", "test", "docprinter", "--config", str(site)]) == 1
    assert f"docprinter: FAIL [{codes.MEDIA_EMPTY}]" in capsys.readouterr().out
