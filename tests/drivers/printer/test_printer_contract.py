"""Contract every receipt printer driver keeps: against the simulator, or a real printer.

Run against hardware with
``pytest tests/drivers/printer/test_printer_contract.py --device-printer tcp://10.0.0.5:9100``
(or ``serial:///dev/ttyUSB0?baudrate=19200``, ``usb://04b8:0202``). Paper loaded,
cover closed: it prints two short test slips.
"""

from __future__ import annotations

import pytest

from drivers import registry
from drivers.printer.document import PrintResult, Slip
from drivers.printer.escpos_printer import EscposPrinter, EscposPrinterSettings
from drivers.printer.on_simulator import SimulatedEscposPrinter
from tests.drivers.contract import assert_changes_only, passed_health_checks, status_changes

CONTRACT_SLIP = (
    Slip()
    .text("接口测试 CONTRACT TEST", bold=True, align="center")
    .separator()
    .text("受理编号：TEST0001")
    .text("申请人：阿依古丽·买买提")
    .text("生僻字：𠈌")
    .qr("KIOSK-CONTRACT-TEST")
    .cut()
)


def test_entry_points_name_these_classes() -> None:
    assert registry.load("escpos") is EscposPrinter
    assert registry.load("escpos-sim") is SimulatedEscposPrinter
    assert EscposPrinter.kind == SimulatedEscposPrinter.kind == "printer"


def test_settings_reject_unknown_keys_and_bad_urls() -> None:
    with pytest.raises(ValueError):
        EscposPrinterSettings(url="tcp://h", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        EscposPrinterSettings(url="lpt://1")


def test_opens_usable(printer_under_test: EscposPrinter) -> None:
    assert printer_under_test.status.usable, printer_under_test.status
    if isinstance(printer_under_test, SimulatedEscposPrinter):
        assert printer_under_test.identity.model == "KIOSK-SIM-80"


def test_health_checks_pass(printer_under_test: EscposPrinter) -> None:
    results = passed_health_checks(printer_under_test)
    assert all(result.code in ("OK", "PRINTER_PAPER_LOW") for result in results)


def test_a_slip_prints_and_is_confirmed(printer_under_test: EscposPrinter) -> None:
    outcome = printer_under_test.print_slip(CONTRACT_SLIP)
    assert outcome.result is PrintResult.PRINTED, outcome
    assert outcome.status is not None and outcome.status.usable
    if isinstance(printer_under_test, SimulatedEscposPrinter):
        assert printer_under_test.simulator is not None
        [doc] = printer_under_test.simulator.model.wait_for_documents(1)
        assert "受理编号：TEST0001" in doc.text and "阿依古丽·买买提" in doc.text
        assert doc.qr_payloads == ["KIOSK-CONTRACT-TEST"] and len(doc.rasters) == 1


def test_status_events_are_changes_only(printer_under_test: EscposPrinter) -> None:
    with status_changes(printer_under_test) as events:
        assert printer_under_test.print_slip(Slip().text("EVENTS").cut()).printed
        printer_under_test.close()
    assert_changes_only(events)


def test_close_is_idempotent_and_reopen_works(printer_under_test: EscposPrinter) -> None:
    printer_under_test.close()
    printer_under_test.close()
    assert printer_under_test.status.code == "NOT_OPEN"
    assert printer_under_test.print_slip(Slip().text("X")).result is PrintResult.NOT_PRINTED
    printer_under_test.open()
    assert printer_under_test.status.usable


def test_describe_is_a_plain_summary(printer_under_test: EscposPrinter) -> None:
    info = printer_under_test.describe()
    assert info["kind"] == "printer" and info["usable"] is True
    assert set(info) >= {"state", "code", "detail", "actor", "model", "serial", "firmware"}
