"""Every driver, real and simulator-backed, has the shape of its kind's interface.

Each assignment below is checked by mypy (``mypy tests/drivers/test_interfaces.py``);
the tests check the same at run time: the ``isinstance`` the flows' device lookup
relies on, and each interface method's parameters and return type on every driver
registered under the ``kiosk.drivers`` entry points.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from drivers import registry
from drivers.base import Device
from drivers.camera.interface import Camera
from drivers.camera.on_simulator import SimulatedCamera
from drivers.camera.opencv_camera import OpenCvCamera
from drivers.dispenser.interface import CardDispenser
from drivers.dispenser.on_simulator import SimulatedDispenser
from drivers.dispenser.serial_dispenser import SerialDispenser
from drivers.dispenser.stand_in import StandInDispenser
from drivers.docprinter.interface import DocumentPrinter
from drivers.docprinter.ipp_printer import IppDocumentPrinter
from drivers.docprinter.on_simulator import SimulatedIppPrinter
from drivers.docprinter.stand_in import StandInDocPrinter
from drivers.fingerprint.fprint import FprintReader
from drivers.fingerprint.interface import FingerprintSensor
from drivers.fingerprint.on_simulator import SimulatedFingerprintReader
from drivers.idcard.interface import IdCardReader
from drivers.idcard.on_simulator import SimulatedSamReader
from drivers.idcard.sam import SamReader
from drivers.payment.http_gateway import HttpPaymentGateway
from drivers.payment.interface import PaymentGateway
from drivers.payment.on_simulator import SimulatedPaymentGateway
from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.interface import ReceiptPrinter
from drivers.printer.on_simulator import SimulatedEscposPrinter
from drivers.scanner.camera_scanner import CameraScanner
from drivers.scanner.hid import HidScanner
from drivers.scanner.interface import CodeScanner
from drivers.scanner.on_simulator import SimulatedSerialScanner
from drivers.scanner.serial_scanner import SerialScanner

#: Each device kind's interface, by ``Device.kind``.
INTERFACES: dict[str, Any] = {
    "idcard": IdCardReader,
    "camera": Camera,
    "scanner": CodeScanner,
    "printer": ReceiptPrinter,
    "fingerprint": FingerprintSensor,
    "payment": PaymentGateway,
    "dispenser": CardDispenser,
    "docprinter": DocumentPrinter,
}


def test_each_driver_is_its_kinds_interface_to_the_type_checker() -> None:
    # Built, never opened: no port, thread or simulator is started.
    idcard: list[IdCardReader] = [SamReader(), SimulatedSamReader()]
    camera: list[Camera] = [OpenCvCamera(), SimulatedCamera()]
    scanner: list[CodeScanner] = [
        SerialScanner(),
        HidScanner(),
        CameraScanner(),
        SimulatedSerialScanner(),
    ]
    printer: list[ReceiptPrinter] = [EscposPrinter(), SimulatedEscposPrinter()]
    fingerprint: list[FingerprintSensor] = [FprintReader(), SimulatedFingerprintReader()]
    payment: list[PaymentGateway] = [HttpPaymentGateway(), SimulatedPaymentGateway()]
    dispenser: list[CardDispenser] = [
        SerialDispenser(),
        SimulatedDispenser(),
        StandInDispenser(),
    ]
    docprinter: list[DocumentPrinter] = [
        IppDocumentPrinter(),
        SimulatedIppPrinter(),
        StandInDocPrinter(),
    ]
    groups: list[tuple[Any, list[Any]]] = [
        (IdCardReader, idcard),
        (Camera, camera),
        (CodeScanner, scanner),
        (ReceiptPrinter, printer),
        (FingerprintSensor, fingerprint),
        (PaymentGateway, payment),
        (CardDispenser, dispenser),
        (DocumentPrinter, docprinter),
    ]
    for interface, devices in groups:
        for device in devices:
            assert isinstance(device, interface), f"{type(device).__name__} is no {interface}"


def members(interface: Any) -> list[str]:
    """The methods an interface asks for (its status property aside)."""
    return [
        name
        for name, value in vars(interface).items()
        if inspect.isfunction(value) and not name.startswith("_")
    ]


@pytest.mark.parametrize("name", registry.names())
def test_every_registered_driver_has_its_kinds_methods_and_signatures(name: str) -> None:
    cls: type[Device] = registry.load(name)
    interface = INTERFACES[cls.kind]
    assert isinstance(inspect.getattr_static(cls, "status"), property)
    for method in members(interface):
        wanted = inspect.signature(getattr(interface, method))
        impl = getattr(cls, method, None)
        assert callable(impl), f"{name}: no {method}()"
        got = inspect.signature(impl)
        for param in wanted.parameters.values():
            assert param.name in got.parameters, f"{name}.{method}: no parameter {param.name}"
            theirs = got.parameters[param.name]
            assert (theirs.kind, theirs.default) == (param.kind, param.default), (
                f"{name}.{method}({param.name}): {theirs} where the interface has {param}"
            )
        extra = [p for p in got.parameters.values() if p.name not in wanted.parameters]
        assert all(p.default is not inspect.Parameter.empty for p in extra), (
            f"{name}.{method} needs parameters the interface does not pass: {extra}"
        )
        assert got.return_annotation == wanted.return_annotation, f"{name}.{method} returns"


def test_a_device_missing_a_method_is_not_of_the_kind() -> None:
    class HalfPrinter:
        status = None  # a status, but nothing to print with

    assert not isinstance(HalfPrinter(), ReceiptPrinter)
    assert not isinstance(SamReader(), PaymentGateway)
