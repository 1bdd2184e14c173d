"""The ipp-sim driver owns its ippeveprinter; `kiosk devices test docprinter` reads the printer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from drivers.base import Actor, DeviceState, HealthLevel
from drivers.docprinter import status as codes
from drivers.docprinter.model import DocPrintOutcome
from drivers.docprinter.on_simulator import SimulatedIppPrinter, start_standalone
from drivers.docprinter.settings import SimulatedIppPrinterSettings
from kiosk.__main__ import main
from tests.drivers.docprinter.docprinter_helpers import FAST, a4_pdf, page_count, wait_until
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


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return True
    return state in ("Z", "X")  # ended, waiting to be reaped


def test_a_killed_owner_leaves_no_printer_bus_or_documents_behind() -> None:
    script = (
        "import json, sys, time\n"
        "from drivers.docprinter.simulator import IppEvePrinter\n"
        "p = IppEvePrinter()\n"
        "print(json.dumps([p._printer.pid, p._bus.pid, str(p.spool.parent)]), flush=True)\n"
        "time.sleep(60)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=Path(__file__).parents[3]
    ) as owner:
        try:
            assert owner.stdout is not None
            printer_pid, bus_pid, root = json.loads(owner.stdout.readline())
            assert not _gone(printer_pid) and Path(root).is_dir()
        finally:
            owner.kill()  # SIGKILL: no finaliser of the owner runs
    wait_until(lambda: _gone(printer_pid) and _gone(bus_pid) and not Path(root).exists())
