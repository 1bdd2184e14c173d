"""The ESC/POS driver against the network simulator: status, faults, outcomes, reconnects."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from drivers.base import Actor, DeviceState, HealthLevel
from drivers.printer.document import PrintOutcome, PrintResult, Slip
from drivers.printer.escpos_printer import EscposPrinter, EscposPrinterSettings
from drivers.printer.on_simulator import SimulatedEscposPrinter
from drivers.printer.transport import NetworkTransport
from tests.drivers.printer.printer_helpers import FAST, StatusWatcher, make_sim

COMPLETION_QUERY = b"\x1dr\x01"


def slip(text: str = "受理编号：A2026000123") -> Slip:
    return Slip().text("凭条", size=2, bold=True, align="center").text(text).qr("Q-1").cut()


def model(printer: SimulatedEscposPrinter):  # type: ignore[no-untyped-def]
    assert printer.simulator is not None
    return printer.simulator.model


@pytest.fixture
def fresh() -> Iterator[list[SimulatedEscposPrinter]]:
    """Printers a test builds itself (to set faults before open); all closed afterwards."""
    made: list[SimulatedEscposPrinter] = []
    yield made
    for p in made:
        p.close()


def opened(fresh: list[SimulatedEscposPrinter], **settings: object) -> SimulatedEscposPrinter:
    printer = make_sim(**settings)
    fresh.append(printer)
    printer.open()
    return printer


def test_online_with_identity(sim_printer: SimulatedEscposPrinter) -> None:
    s = sim_printer.status
    assert (s.state, s.code, s.actor, s.usable) == (DeviceState.ONLINE, "OK", Actor.NONE, True)
    ident = sim_printer.identity
    assert (ident.model, ident.vendor, ident.serial, ident.firmware) == (
        "KIOSK-SIM-80",
        "KIOSK-SIM",
        "SIM000001",
        "1.0.0",
    )


def test_slip_prints_and_is_recorded(sim_printer: SimulatedEscposPrinter) -> None:
    outcome = sim_printer.print_slip(slip())
    assert outcome.result is PrintResult.PRINTED and outcome.code == "OK"
    assert outcome.status is not None and outcome.status.state is DeviceState.ONLINE
    [doc] = model(sim_printer).wait_for_documents(1)
    assert doc.complete and doc.cut
    assert doc.text_lines == ["凭条", "受理编号：A2026000123", ""]  # LF after the QR
    assert doc.qr_payloads == ["Q-1"]
    assert sim_printer.status.state is DeviceState.ONLINE  # BUSY while printing, then back


def test_busy_is_reported_while_printing(
    sim_printer: SimulatedEscposPrinter, watcher: StatusWatcher
) -> None:
    assert sim_printer.print_slip(slip()).printed
    states = [s.state for s in watcher.events]
    assert states == [DeviceState.BUSY, DeviceState.ONLINE]


def test_lead_slip_confirmed_when_replies_share_one_segment(
    sim_printer: SimulatedEscposPrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: size-2 bold title + bold number came back PRINTER_NOT_CONFIRMED.

    The slip's bytes are held back and sent together with the next status
    request, as a busy host's TCP stack does; the simulator then answers the
    DLE EOT at once and the GS r 1 after printing, in one segment.
    """
    held: dict[int, bytes] = {}
    original = NetworkTransport.write

    def coalescing_write(self: NetworkTransport, data: bytes) -> None:
        if data.endswith(COMPLETION_QUERY):
            held[id(self)] = data
            return
        original(self, held.pop(id(self), b"") + data)

    monkeypatch.setattr(NetworkTransport, "write", coalescing_write)
    lead = (
        Slip()
        .text("身份证补领", size=2, bold=True, align="center")
        .text("受理编号：202611220337791551", bold=True)
        .cut()
    )
    for _ in range(3):
        outcome = sim_printer.print_slip(lead)
        assert outcome.result is PrintResult.PRINTED, outcome
    docs = model(sim_printer).wait_for_documents(3)
    assert all(d.text_lines[:2] == ["身份证补领", "受理编号：202611220337791551"] for d in docs)


def test_paper_near_end_is_usable_and_asks_staff(fresh: list[SimulatedEscposPrinter]) -> None:
    printer = make_sim(scenario="paper-low")
    fresh.append(printer)
    printer.open()
    s = printer.status
    assert (s.state, s.code, s.actor, s.usable) == (
        DeviceState.PAPER_LOW,
        "PRINTER_PAPER_LOW",
        Actor.STAFF,
        True,
    )
    outcome = printer.print_slip(slip())
    assert outcome.printed and outcome.status is not None
    assert outcome.status.code == "PRINTER_PAPER_LOW"


def test_status_after_the_slip_is_reported(sim_printer: SimulatedEscposPrinter) -> None:
    model(sim_printer).run_low_after(2)  # the near-end mark passes during this slip
    outcome = sim_printer.print_slip(slip())
    assert outcome.printed
    assert outcome.status is not None and outcome.status.code == "PRINTER_PAPER_LOW"
    assert sim_printer.status.code == "PRINTER_PAPER_LOW"


@pytest.mark.parametrize(
    ("fault", "code", "state"),
    [
        ("paper-out", "PRINTER_PAPER_OUT", DeviceState.PAPER_OUT),
        ("cover-open", "PRINTER_COVER_OPEN", DeviceState.COVER_OPEN),
        ("cutter-error", "PRINTER_CUTTER_ERROR", DeviceState.ERROR),
    ],
)
def test_fault_before_the_slip_sends_nothing(
    sim_printer: SimulatedEscposPrinter,
    watcher: StatusWatcher,
    fault: str,
    code: str,
    state: DeviceState,
) -> None:
    m = model(sim_printer)
    {
        "paper-out": lambda: m.set_paper("out"),
        "cover-open": lambda: m.set_cover_open(True),
        "cutter-error": lambda: m.set_errors(cutter=True),
    }[fault]()
    outcome = sim_printer.print_slip(slip())
    assert outcome.result is PrintResult.NOT_PRINTED and outcome.code == code
    assert outcome.status is not None and outcome.status.state is state
    assert outcome.status.actor is Actor.STAFF
    assert sim_printer.status.code == code
    # Nothing was queued: clearing the fault prints nothing from before.
    assert m.queued == 0
    m.set_paper("ok")
    m.set_cover_open(False)
    m.set_errors()
    watcher.wait_for(lambda s: s.state is DeviceState.ONLINE and watcher.events[-1] is s)
    assert sim_printer.print_slip(slip("second")).printed
    [doc] = m.wait_for_documents(1)
    assert "second" in doc.text


def test_paper_running_out_mid_slip_is_never_printed(
    sim_printer: SimulatedEscposPrinter, watcher: StatusWatcher
) -> None:
    m = model(sim_printer)
    m.run_out_after(3)
    long_slip = Slip()
    for i in range(10):
        long_slip.text(f"第{i}行")
    outcome = sim_printer.print_slip(long_slip.cut())
    assert outcome.result in (PrintResult.UNCERTAIN, PrintResult.NOT_PRINTED)
    assert outcome.code == "PRINTER_PAPER_OUT"
    assert sim_printer.status.state is DeviceState.PAPER_OUT
    [partial] = m.wait_for_documents(1)
    assert not partial.complete and partial.text_lines == ["第0行", "第1行", "第2行"]
    # The rest of the job was dropped: a new roll does not print it for the next citizen.
    m.set_paper("ok")
    watcher.wait_for(lambda s: s.state is DeviceState.ONLINE and watcher.events[-1] is s)
    assert sim_printer.print_slip(slip("next citizen")).printed
    docs = m.wait_for_documents(2)
    assert docs[1].complete and "第3行" not in docs[1].text and "next citizen" in docs[1].text


def test_slip_not_confirmed_in_time_is_uncertain_and_dropped(
    fresh: list[SimulatedEscposPrinter],
) -> None:
    printer = opened(fresh, print_timeout_s=0.3)
    m = model(printer)
    m.set_line_delay(0.2)  # each printed block takes 0.2 s: the slip needs > 1 s
    outcome = printer.print_slip(slip())
    assert outcome.result is PrintResult.UNCERTAIN and outcome.code == "PRINTER_NOT_CONFIRMED"
    [doc] = m.wait_for_documents(1)
    assert not doc.complete and m.queued == 0


def test_slow_printer_is_waited_for(fresh: list[SimulatedEscposPrinter]) -> None:
    printer = opened(fresh, scenario="slow")
    assert printer.print_slip(slip()).printed
    [doc] = model(printer).wait_for_documents(1)
    assert doc.complete


def test_silent_printer_goes_offline_and_comes_back(
    sim_printer: SimulatedEscposPrinter, watcher: StatusWatcher
) -> None:
    m = model(sim_printer)
    m.set_answering(False)
    s = watcher.wait_for(lambda s: s.code == "DEVICE_TIMEOUT")
    assert s.state is DeviceState.OFFLINE and s.actor is Actor.AUTOMATIC
    outcome = sim_printer.print_slip(slip())
    assert outcome.result is PrintResult.NOT_PRINTED and outcome.code == "DEVICE_TIMEOUT"
    watcher.clear()
    m.set_answering(True)
    watcher.wait_for(lambda s: s.state is DeviceState.ONLINE)
    assert sim_printer.print_slip(slip()).printed


def test_one_lost_status_reply_is_asked_again_not_taken_for_off(
    sim_printer: SimulatedEscposPrinter,
) -> None:
    m = model(sim_printer)
    asked = m.status_queries
    m.lose_status_replies(1)
    outcome = sim_printer.print_slip(slip())
    assert outcome.result is PrintResult.PRINTED and outcome.code == "OK"
    assert m.status_queries > asked + 1  # the lost one, then asked again
    assert sim_printer.status.state is DeviceState.ONLINE
    m.lose_status_replies(2)  # silent twice: off, and nothing was sent
    outcome = sim_printer.print_slip(slip())
    assert outcome.result is PrintResult.NOT_PRINTED and outcome.code == "DEVICE_TIMEOUT"
    assert len(m.documents) == 1


def test_printer_going_silent_mid_slip_is_uncertain(
    sim_printer: SimulatedEscposPrinter,
) -> None:
    m = model(sim_printer)
    m.set_line_delay(0.1)
    outcomes: list[PrintOutcome] = []
    worker = threading.Thread(target=lambda: outcomes.append(sim_printer.print_slip(slip())))
    worker.start()
    try:
        m.wait_until(lambda model: model.queued > 0)  # the slip is being printed
        m.set_answering(False)
    finally:
        worker.join(10)
    [outcome] = outcomes
    assert outcome.result is PrintResult.UNCERTAIN and outcome.code == "DEVICE_TIMEOUT"
    assert sim_printer.status.state is DeviceState.OFFLINE


def test_power_off_is_lost_and_reconnects(
    sim_printer: SimulatedEscposPrinter, watcher: StatusWatcher
) -> None:
    assert sim_printer.simulator is not None
    sim_printer.simulator.power_off()
    s = watcher.wait_for(lambda s: s.code == "DEVICE_LOST")
    assert s.state is DeviceState.OFFLINE and s.actor is Actor.AUTOMATIC
    outcome = sim_printer.print_slip(slip())
    assert outcome.result is PrintResult.NOT_PRINTED and outcome.code == "DEVICE_LOST"
    watcher.clear()
    sim_printer.simulator.power_on()
    watcher.wait_for(lambda s: s.state is DeviceState.ONLINE)
    assert sim_printer.print_slip(slip()).printed
    assert sim_printer.identity.model == "KIOSK-SIM-80"


def test_dropped_connection_reconnects(
    sim_printer: SimulatedEscposPrinter, watcher: StatusWatcher
) -> None:
    assert sim_printer.simulator is not None
    sim_printer.simulator.drop_connections()
    watcher.wait_for(lambda s: s.code == "DEVICE_LOST")
    watcher.wait_for(lambda s: s.state is DeviceState.ONLINE)
    assert sim_printer.print_slip(slip()).printed


def test_opening_with_nothing_listening_is_offline_not_an_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    printer = EscposPrinter(
        EscposPrinterSettings(url=f"tcp://127.0.0.1:{port}", **FAST)  # type: ignore[arg-type]
    )
    printer.open()
    try:
        s = printer.status
        assert (s.state, s.code, s.actor) == (DeviceState.OFFLINE, "DEVICE_LOST", Actor.AUTOMATIC)
        assert printer.print_slip(slip()).code == "DEVICE_LOST"
    finally:
        printer.close()
    assert printer.status.code == "NOT_OPEN"


def test_closed_driver_prints_nothing() -> None:
    printer = make_sim()
    outcome = printer.print_slip(slip())
    assert outcome.result is PrintResult.NOT_PRINTED and outcome.code == "NOT_OPEN"


def test_external_and_interactive_health(sim_printer: SimulatedEscposPrinter) -> None:
    external = sim_printer.health_check(HealthLevel.EXTERNAL)
    assert external.passed and external.code == "OK"
    interactive = sim_printer.health_check(HealthLevel.INTERACTIVE)
    assert interactive.passed, interactive
    [doc] = model(sim_printer).wait_for_documents(1)
    assert doc.qr_payloads == ["KIOSK-PRINTER-SELF-TEST"] and "中文字符：凭条打印正常" in doc.text
    model(sim_printer).set_paper("out")
    failed = sim_printer.health_check(HealthLevel.EXTERNAL)
    assert not failed.passed and failed.code == "PRINTER_PAPER_OUT"


def test_rare_character_reaches_paper_as_an_image(sim_printer: SimulatedEscposPrinter) -> None:
    assert sim_printer.print_slip(Slip().text("申请人：张𠈌").text("OK").cut()).printed
    [doc] = model(sim_printer).wait_for_documents(1)
    assert len(doc.rasters) == 1 and doc.text_lines[0] == "OK"
