"""The network printer simulator alone: wire behaviour, scenarios, ``kiosk simulate printer``."""

from __future__ import annotations

import argparse
import socket
from collections.abc import Iterator

import pytest

from drivers.base import DeviceState
from drivers.printer.escpos_printer import EscposPrinter, EscposPrinterSettings
from drivers.printer.model import PaperLevel, PrinterModel
from drivers.printer.on_simulator import SCENARIOS, apply_scenario, start_standalone
from drivers.printer.simulator import PrinterSimulator
from kiosk.cli import simulate as simulate_cli
from tests.drivers.printer.printer_helpers import FAST
from tests.drivers.simulators import simulating


@pytest.fixture
def sim() -> Iterator[PrinterSimulator]:
    simulator = PrinterSimulator()
    yield simulator
    simulator.close()


def connect(sim: PrinterSimulator) -> socket.socket:
    sock = socket.create_connection(sim.address, timeout=5)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        assert chunk, "simulator closed the connection"
        data += chunk
    return data


def test_answers_status_at_once_even_when_stalled(sim: PrinterSimulator) -> None:
    sim.model.set_paper(PaperLevel.OUT)
    with connect(sim) as sock:
        sock.sendall(b"\x1b@TEXT\n\x1dr\x01\x10\x04\x04")
        # Paper out: the text and the GS r 1 wait in the queue, DLE EOT 4 is answered.
        assert recv_exactly(sock, 1) == b"\x7e"  # near end and end sensors both set
        assert sim.model.queued == 4  # ESC @, text, LF, GS r 1
        sim.model.set_paper(PaperLevel.NEAR_END)
        assert recv_exactly(sock, 1) == b"\x03"  # GS r 1, once the text is printed


def test_replies_to_one_burst_arrive_together(sim: PrinterSimulator) -> None:
    with connect(sim) as sock:
        sock.sendall(b"X\n\x1dr\x01\x10\x04\x01")
        assert recv_exactly(sock, 2) == b"\x12\x00"  # real-time reply first


def test_identity_and_status_bytes(sim: PrinterSimulator) -> None:
    with connect(sim) as sock:
        sock.sendall(b"\x1dIC")
        assert recv_exactly(sock, 14) == b"_KIOSK-SIM-80\x00"
        for n, expected in ((1, 0x12), (2, 0x12), (3, 0x12), (4, 0x12)):
            sock.sendall(bytes((0x10, 0x04, n)))
            assert recv_exactly(sock, 1)[0] == expected
        sim.model.set_cover_open(True)
        sock.sendall(b"\x10\x04\x01\x10\x04\x02")
        assert recv_exactly(sock, 2) == b"\x1a\x16"


def test_garbage_does_not_stop_it(sim: PrinterSimulator) -> None:
    with connect(sim) as sock:
        sock.sendall(bytes(range(256)) * 4 + b"\x1b@\x10\x04\x01")
        assert recv_exactly(sock, 1) == b"\x12"


def test_dle_enq_2_drops_the_queued_job(sim: PrinterSimulator) -> None:
    sim.model.set_cover_open(True)
    with connect(sim) as sock:
        sock.sendall(b"\x1b@A\nB\n\x1dVB\x00\x10\x04\x01")
        recv_exactly(sock, 1)
        sock.sendall(b"\x10\x05\x02\x10\x04\x01")
        recv_exactly(sock, 1)
    assert sim.model.queued == 0
    sim.model.set_cover_open(False)
    assert sim.model.documents == []


def test_power_off_refuses_and_power_on_listens_on_the_same_port(
    sim: PrinterSimulator,
) -> None:
    host, port = sim.address
    sim.power_off()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, port), timeout=2).close()
    sim.power_on()
    assert sim.address == (host, port)
    with connect(sim) as sock:
        sock.sendall(b"\x10\x04\x01")
        assert recv_exactly(sock, 1) == b"\x12"


@pytest.mark.parametrize(
    ("scenario", "state", "code"),
    [
        ("normal", DeviceState.ONLINE, "OK"),
        ("paper-low", DeviceState.PAPER_LOW, "PRINTER_PAPER_LOW"),
        ("paper-out", DeviceState.PAPER_OUT, "PRINTER_PAPER_OUT"),
        ("cover-open", DeviceState.COVER_OPEN, "PRINTER_COVER_OPEN"),
        ("offline", DeviceState.OFFLINE, "DEVICE_TIMEOUT"),
        ("paper-out-mid-slip", DeviceState.ONLINE, "OK"),
        ("cutter-error", DeviceState.ERROR, "PRINTER_CUTTER_ERROR"),
        ("slow", DeviceState.ONLINE, "OK"),
    ],
)
def test_standalone_scenarios_as_the_real_driver_sees_them(
    scenario: str, state: DeviceState, code: str
) -> None:
    served = start_standalone(scenario)
    printer = EscposPrinter(
        EscposPrinterSettings(url=f"tcp://{served.address}", **FAST)  # type: ignore[arg-type]
    )
    try:
        printer.open()
        assert (printer.status.state, printer.status.code) == (state, code)
    finally:
        printer.close()
        served.close()


def test_every_scenario_is_described_and_unknown_ones_refused() -> None:
    assert set(SCENARIOS) >= {"normal", "paper-low", "paper-out", "cover-open", "offline"}
    assert all(SCENARIOS.values())
    with pytest.raises(ValueError, match="unknown printer scenario"):
        apply_scenario(PrinterModel(), "on-fire")


# ---------------------------------------------------------------- kiosk simulate printer


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk")
    simulate_cli.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_simulate_printer_list(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse("simulate", "printer", "--list")
    assert args.func(args) == 0
    out = capsys.readouterr().out
    for name in SCENARIOS:
        assert name in out


def test_simulate_printer_prints_host_port_first(monkeypatch: pytest.MonkeyPatch) -> None:
    with simulating(monkeypatch, "printer", "--scenario", "paper-low") as address:
        host, _, port = address.rpartition(":")
        assert host == "127.0.0.1" and port.isdigit()
        printer = EscposPrinter(
            EscposPrinterSettings(url=f"tcp://{address}", **FAST)  # type: ignore[arg-type]
        )
        with printer:
            assert printer.status.code == "PRINTER_PAPER_LOW"
