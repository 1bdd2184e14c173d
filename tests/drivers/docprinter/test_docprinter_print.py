"""The IPP driver against a real ippeveprinter: what it prints, and what it says when it cannot."""

from __future__ import annotations

import threading

from drivers.base import DeviceState, HealthLevel
from drivers.docprinter import status as codes
from drivers.docprinter.ipp_printer import NOT_CONFIRMED, NOT_PDF, IppDocumentPrinter
from drivers.docprinter.model import DocPrintOutcome
from drivers.docprinter.simulator import IppEvePrinter
from tests.drivers.docprinter.docprinter_helpers import (
    a4_pdf,
    make_printer,
    page_count,
    wait_until,
)
from tests.drivers.printer.printer_helpers import StatusWatcher


def test_a_pdf_reaches_the_spool_whole_with_its_pages(
    eve: IppEvePrinter, printer: IppDocumentPrinter
) -> None:
    pdf = a4_pdf(3)
    result = printer.print_pdf(pdf, title="certificate")
    assert result.outcome is DocPrintOutcome.PRINTED and result.code == "OK"
    assert result.job_id is not None and result.pages == 3
    [spooled] = eve.documents()
    assert spooled.read_bytes() == pdf
    assert spooled.read_bytes().startswith(b"%PDF-")
    assert page_count(spooled) == 3
    assert printer.status.state is DeviceState.ONLINE


def test_each_job_is_its_own_document(eve: IppEvePrinter, printer: IppDocumentPrinter) -> None:
    first = printer.print_pdf(a4_pdf(1), title="one")
    second = printer.print_pdf(a4_pdf(2), title="two")
    assert first.outcome is second.outcome is DocPrintOutcome.PRINTED
    assert first.job_id != second.job_id
    assert [page_count(p) for p in eve.documents()] == [1, 2]


def test_identity_comes_from_the_printer_attributes(printer: IppDocumentPrinter) -> None:
    assert "A4 simulator" in printer.identity.model
    assert printer.identity.serial  # the printer's UUID


def test_paper_running_out_mid_job_fails_the_job_with_media_empty(
    eve: IppEvePrinter, printer: IppDocumentPrinter
) -> None:
    eve.fail_next_job("media-empty")
    result = printer.print_pdf(a4_pdf(3), title="certificate")
    assert result.outcome is DocPrintOutcome.FAILED
    assert result.code == codes.MEDIA_EMPTY
    assert result.pages == 1  # one page came out before the paper ran out
    assert printer.status.state is DeviceState.PAPER_OUT
    assert not printer.status.usable


def test_with_the_tray_empty_nothing_is_sent_until_paper_is_loaded(
    eve: IppEvePrinter, printer: IppDocumentPrinter
) -> None:
    eve.set_paper(0)
    refused = printer.print_pdf(a4_pdf(1), title="certificate")
    assert refused.outcome is DocPrintOutcome.FAILED and refused.code == codes.MEDIA_EMPTY
    assert refused.job_id is None and eve.documents() == []
    eve.set_paper(250)
    again = printer.print_pdf(a4_pdf(1), title="certificate")
    assert again.outcome is DocPrintOutcome.PRINTED
    assert len(eve.documents()) == 1


def test_a_job_the_printer_stops_for_paper_is_cancelled_not_left_to_print_later(
    eve: IppEvePrinter, printer: IppDocumentPrinter
) -> None:
    eve.set_job_delay(2)
    results = []
    worker = threading.Thread(
        target=lambda: results.append(printer.print_pdf(a4_pdf(2), title="certificate"))
    )
    worker.start()
    wait_until(lambda: eve.jobs_started() == 1)
    eve.set_paper(0)  # the tray runs empty while the job is on the printer
    worker.join(timeout=30)
    [result] = results
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.MEDIA_EMPTY
    assert result.job_id is not None
    assert "cancelled" in result.detail
    job = printer._ipp().get_job_attributes(result.job_id, 2.0)
    assert job.value(2, "job-state") in (7, 5)  # canceled, or ending as asked


def test_a_paper_jam_mid_job_is_reported_for_staff(
    eve: IppEvePrinter, printer: IppDocumentPrinter
) -> None:
    eve.fail_next_job("media-jam")
    result = printer.print_pdf(a4_pdf(2), title="certificate")
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.MEDIA_JAM
    assert printer.status.code == codes.MEDIA_JAM and printer.status.actor == "staff"


def test_toner_low_still_prints_and_asks_staff(
    eve: IppEvePrinter, printer: IppDocumentPrinter
) -> None:
    eve.set_toner(5)
    result = printer.print_pdf(a4_pdf(1), title="certificate")
    assert result.outcome is DocPrintOutcome.PRINTED
    assert printer.status.code == codes.TONER_LOW and printer.status.usable


def test_a_hung_printer_is_offline_and_gets_nothing(eve: IppEvePrinter) -> None:
    device = make_printer(eve.uri)
    device.open()
    try:
        watcher = StatusWatcher(device)
        eve.pause()
        offline = watcher.wait_for(lambda s: s.state is DeviceState.OFFLINE)
        assert offline.code == "DOCPRINTER_TIMEOUT"
        result = device.print_pdf(a4_pdf(1), title="certificate")
        assert result.outcome is DocPrintOutcome.FAILED and result.job_id is None
        eve.resume()
        watcher.wait_for(lambda s: s.state is DeviceState.ONLINE)
        assert device.print_pdf(a4_pdf(1), title="certificate").outcome is DocPrintOutcome.PRINTED
    finally:
        eve.resume()
        device.close()


def test_a_printer_switched_off_is_unreachable_then_found_again(eve: IppEvePrinter) -> None:
    device = make_printer(eve.uri)
    device.open()
    try:
        watcher = StatusWatcher(device)
        eve.power_off()
        gone = watcher.wait_for(lambda s: s.state is DeviceState.OFFLINE)
        assert gone.code == "DOCPRINTER_UNREACHABLE"
        assert not device.health_check(HealthLevel.EXTERNAL).passed
        eve.power_on()
        watcher.wait_for(lambda s: s.state is DeviceState.ONLINE)
        assert device.health_check(HealthLevel.EXTERNAL).passed
    finally:
        device.close()


def test_a_printer_that_hangs_mid_job_leaves_the_outcome_uncertain(eve: IppEvePrinter) -> None:
    eve.set_job_delay(2)
    device = make_printer(eve.uri)
    device.open()
    try:
        results = []
        worker = threading.Thread(
            target=lambda: results.append(device.print_pdf(a4_pdf(1), title="certificate"))
        )
        worker.start()
        wait_until(lambda: eve.jobs_started() == 1)  # accepted and on the printer
        eve.pause()
        worker.join(timeout=30)
        [result] = results
        assert result.outcome is DocPrintOutcome.UNCERTAIN
        assert result.code == "DOCPRINTER_TIMEOUT" and result.job_id is not None
    finally:
        eve.resume()
        device.close()


def test_past_the_print_deadline_the_job_is_cancelled_and_uncertain(eve: IppEvePrinter) -> None:
    eve.set_job_delay(3)
    device = make_printer(eve.uri, print_deadline_s=0.3)
    device.open()
    try:
        result = device.print_pdf(a4_pdf(1), title="certificate")
        assert result.outcome is DocPrintOutcome.UNCERTAIN and result.code == NOT_CONFIRMED
        assert result.job_id is not None and "cancelled" in result.detail
    finally:
        device.close()


def test_only_pdf_is_sent(eve: IppEvePrinter, printer: IppDocumentPrinter) -> None:
    result = printer.print_pdf(b"hello", title="certificate")
    assert result.outcome is DocPrintOutcome.FAILED and result.code == NOT_PDF
    assert eve.documents() == []


def test_health_checks_at_three_levels(eve: IppEvePrinter, printer: IppDocumentPrinter) -> None:
    assert printer.health_check(HealthLevel.INTERNAL).passed
    external = printer.health_check(HealthLevel.EXTERNAL)
    assert external.passed and "A4 printer ready" in external.text
    interactive = printer.health_check(HealthLevel.INTERACTIVE)
    assert interactive.passed
    [page] = eve.documents()
    assert page_count(page) == 1
    eve.set_paper(0)
    failed = printer.health_check(HealthLevel.EXTERNAL)
    assert not failed.passed and failed.code == codes.MEDIA_EMPTY
