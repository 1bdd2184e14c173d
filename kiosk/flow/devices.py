"""The devices a flow may use, each looked up as its kind's interface.

A step asks for ``env.devices.printer()`` and gets a ``ReceiptPrinter`` or None: None
when the device is not configured, failed to load, or is not of that kind's shape. So a
step never casts, and a misconfigured device reads as a missing one (DEVICE_MISSING).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from drivers.camera.interface import Camera
from drivers.dispenser.interface import CardDispenser
from drivers.docprinter.interface import DocumentPrinter
from drivers.fingerprint.interface import FingerprintSensor
from drivers.idcard.interface import IdCardReader
from drivers.payment.interface import PaymentGateway
from drivers.printer.interface import ReceiptPrinter
from drivers.scanner.interface import CodeScanner

#: The configured names of the devices the flows use.
IDCARD = "idcard"
CAMERA = "camera"
SCANNER = "scanner"
CAMERA_SCANNER = "camera_scanner"
PRINTER = "printer"
FINGERPRINT = "fingerprint"
PAYMENT = "payment"
DISPENSER = "dispenser"
DOCPRINTER = "docprinter"

#: Devices whose scans a step reads (a serial/HID scanner, or codes found in camera frames).
SCANNERS = (SCANNER, CAMERA_SCANNER)


class DeviceLookup(Protocol):
    """Finds a device by its configured name: ``kiosk.devices.DeviceManager``."""

    def get(self, name: str, /) -> object | None: ...


class FlowDevices:
    """Typed access to the kiosk's devices for steps (tests may pass a plain mapping)."""

    def __init__(self, lookup: DeviceLookup | Mapping[str, object] | None = None) -> None:
        self._lookup = lookup

    def _get(self, name: str) -> object | None:
        return self._lookup.get(name) if self._lookup is not None else None

    def idcard(self, name: str = IDCARD) -> IdCardReader | None:
        device = self._get(name)
        return device if isinstance(device, IdCardReader) else None

    def camera(self, name: str = CAMERA) -> Camera | None:
        device = self._get(name)
        return device if isinstance(device, Camera) else None

    def scanner(self, name: str = SCANNER) -> CodeScanner | None:
        device = self._get(name)
        return device if isinstance(device, CodeScanner) else None

    def printer(self, name: str = PRINTER) -> ReceiptPrinter | None:
        device = self._get(name)
        return device if isinstance(device, ReceiptPrinter) else None

    def fingerprint(self, name: str = FINGERPRINT) -> FingerprintSensor | None:
        device = self._get(name)
        return device if isinstance(device, FingerprintSensor) else None

    def payment(self, name: str = PAYMENT) -> PaymentGateway | None:
        device = self._get(name)
        return device if isinstance(device, PaymentGateway) else None

    def dispenser(self, name: str = DISPENSER) -> CardDispenser | None:
        device = self._get(name)
        return device if isinstance(device, CardDispenser) else None

    def docprinter(self, name: str = DOCPRINTER) -> DocumentPrinter | None:
        device = self._get(name)
        return device if isinstance(device, DocumentPrinter) else None
