"""Printer URLs, and the serial link through a real pseudo-terminal."""

from __future__ import annotations

import os
import selectors
import threading
import tty
from collections.abc import Iterator

import pytest

from drivers.base import DeviceState
from drivers.printer.document import Slip
from drivers.printer.escpos_printer import EscposPrinter, EscposPrinterSettings
from drivers.printer.model import PrinterModel
from drivers.printer.transport import PrinterAddress
from tests.drivers.printer.printer_helpers import FAST


def test_tcp_url_with_default_port() -> None:
    a = PrinterAddress.parse("tcp://10.0.0.5")
    assert (a.scheme, a.host, a.port) == ("tcp", "10.0.0.5", 9100)
    assert PrinterAddress.parse("tcp://printer.local:9101").port == 9101
    assert a.describe() == "tcp://10.0.0.5:9100"


def test_serial_url_with_options() -> None:
    a = PrinterAddress.parse("serial:///dev/ttyUSB0?baudrate=19200&dsrdtr=0&xonxoff=1")
    assert (a.device, a.baudrate, a.dsrdtr, a.xonxoff) == ("/dev/ttyUSB0", 19200, False, True)
    assert a.describe() == "serial:///dev/ttyUSB0"


def test_usb_url_with_endpoints() -> None:
    a = PrinterAddress.parse("usb://04b8:0202?in_ep=0x81&out_ep=2")
    assert (a.vendor_id, a.product_id, a.in_ep, a.out_ep) == (0x04B8, 0x0202, 0x81, 2)
    assert a.describe() == "usb://04b8:0202"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("lpt://1", "scheme"),
        ("tcp://", "no host"),
        ("tcp://h:99999", "bad port"),
        ("serial://", "no device"),
        ("serial:///dev/x?baudrate=fast", "baudrate must be a number"),
        ("serial:///dev/x?dsrdtr=maybe", "dsrdtr must be 0 or 1"),
        ("serial:///dev/x?parity=E", "unknown option"),
        ("usb://epson", "hex ids"),
    ],
)
def test_bad_urls_say_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PrinterAddress.parse(url)


class PtyPrinter:
    """A :class:`PrinterModel` answering on the master side of a pty pair."""

    def __init__(self) -> None:
        self.model = PrinterModel()
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self._stop_r, self._stop_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="printer-sim-pty")
        self._thread.start()

    def _run(self) -> None:
        with selectors.DefaultSelector() as sel:
            sel.register(self.master, selectors.EVENT_READ)
            sel.register(self._stop_r, selectors.EVENT_READ)
            while True:
                ready = {key.fd for key, _ in sel.select()}
                if self._stop_r in ready:
                    return
                try:
                    data = os.read(self.master, 4096)
                except OSError:
                    return
                for _, reply in self.model.receive(1, data):
                    os.write(self.master, reply)

    def close(self) -> None:
        os.write(self._stop_w, b"x")
        self._thread.join(5)
        for fd in (self.master, self._slave, self._stop_r, self._stop_w):
            os.close(fd)


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    printer = PtyPrinter()
    yield printer
    printer.close()


def test_serial_printer_through_a_pty(pty_printer: PtyPrinter) -> None:
    printer = EscposPrinter(
        EscposPrinterSettings(
            url=f"serial://{pty_printer.path}?baudrate=115200&dsrdtr=0",
            **FAST,  # type: ignore[arg-type]
        )
    )
    printer.open()
    try:
        assert printer.status.state is DeviceState.ONLINE, printer.status
        assert printer.identity.model == "KIOSK-SIM-80"
        outcome = printer.print_slip(Slip().text("串口打印：凭条").qr("S-1").cut())
        assert outcome.printed, outcome
        [doc] = pty_printer.model.wait_for_documents(1)
        assert "串口打印：凭条" in doc.text and doc.qr_payloads == ["S-1"]
    finally:
        printer.close()
