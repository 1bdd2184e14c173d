"""The IPP driver through a real CUPS queue (cupsd of the test's own) to a real ippeveprinter.

The queue is ``ipp://127.0.0.1:PORT/printers/kiosk-a4``, made by ``lpadmin -m everywhere``
on the ippeveprinter; the scheduler and the printer live for the module, and each test
starts from an enabled, accepting queue with paper in the printer.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.base import DeviceState, HealthLevel
from drivers.docprinter import ipp_codec as ipp
from drivers.docprinter import status as codes
from drivers.docprinter.address import printer_address
from drivers.docprinter.ipp_client import IppClient
from drivers.docprinter.ipp_printer import LAST_JOB_NOTE, IppDocumentPrinter
from drivers.docprinter.model import DocPrintOutcome, DocPrintResult
from drivers.docprinter.settings import login_name
from drivers.docprinter.simulator import IppEvePrinter
from kiosk.__main__ import main
from tests.drivers.docprinter.cups_scheduler import PDFTOPDF, QUEUE, CupsScheduler
from tests.drivers.docprinter.docprinter_helpers import (
    a4_pdf,
    make_printer,
    page_count,
    page_sizes_mm,
    wait_until,
)
from tests.sites import DEMO_PLATFORM, write_site

A4_MM = (210, 297)


@pytest.fixture(scope="module")
def cups_eve() -> Iterator[IppEvePrinter]:
    printer = IppEvePrinter()
    try:
        yield printer
    finally:
        printer.close()
    assert printer.ended


@pytest.fixture(scope="module")
def cups(cups_eve: IppEvePrinter) -> Iterator[CupsScheduler]:
    """cupsd with the kiosk-a4 queue on ``cups_eve``; afterwards no process and no folder."""
    scheduler = CupsScheduler()
    try:
        scheduler.add_queue(cups_eve.uri)
        yield scheduler
    finally:
        scheduler.close()
    assert not scheduler.running
    assert scheduler.processes() == [], "cupsd, a filter or a backend is still running"
    assert not scheduler.root.exists(), "the scheduler's folder was left behind"


def _printer_attribute(uri: str, name: str) -> tuple[ipp.IppValue, ...]:
    """One attribute of the queue or printer at ``uri``, read apart from any driver."""
    client = IppClient(
        printer_address(uri), user_name=login_name(), connect_timeout_s=1.0, max_reply_bytes=262_144
    )
    try:
        return tuple(client.get_printer_attributes(2.0).group(ipp.PRINTER_GROUP).get(name, ()))
    finally:
        client.close()


@pytest.fixture(autouse=True)
def queue_ready(cups: CupsScheduler, cups_eve: IppEvePrinter) -> Iterator[None]:
    """Each test starts on an enabled, accepting, empty queue that carries no condition."""
    yield
    if not cups_eve.running:
        cups_eve.power_on()
    cups_eve.set_job_delay(0)
    cups_eve.set_paper(250)
    cups.tool("cupsenable", QUEUE)
    cups.tool("cupsaccept", QUEUE)
    cups.tool("cancel", "-a", QUEUE)
    if _printer_attribute(cups.queue_uri(), "printer-state-reasons") != ("none",):
        # A condition kept from a test's last job: a new queue starts clean.
        cups.tool("lpadmin", "-x", QUEUE)
        cups.add_queue(cups_eve.uri)


def _wait_for_the_last_jobs_condition(queue: IppDocumentPrinter) -> None:
    """Until the queue is idle again, showing the condition its last job met."""
    seen: list[str] = []

    def noted() -> bool:
        seen.append(queue.health_check(HealthLevel.EXTERNAL).text)
        return seen[-1].endswith(LAST_JOB_NOTE)

    try:
        wait_until(noted)
    except AssertionError as exc:
        raise AssertionError(f"{exc}: {seen[-1]!r}; reasons {queue._reasons}") from None


@pytest.fixture
def queue(cups: CupsScheduler) -> Iterator[IppDocumentPrinter]:
    """The real ipp driver on the CUPS queue."""
    device = make_printer(cups.queue_uri())
    device.open()
    try:
        yield device
    finally:
        device.close()


def test_a_pdf_goes_through_cups_to_the_printer_as_the_documents_pages(
    cups_eve: IppEvePrinter, queue: IppDocumentPrinter
) -> None:
    pdf = a4_pdf(3)
    before = len(cups_eve.documents())
    result = queue.print_pdf(pdf, title="certificate")
    assert result.outcome is DocPrintOutcome.PRINTED and result.code == "OK"
    assert result.job_id is not None
    assert result.pages == 3  # CUPS's backend relays the printer's impressions
    [arrived] = cups_eve.documents()[before:]
    assert arrived.read_bytes().startswith(b"%PDF-")
    assert page_count(arrived) == 3 and page_sizes_mm(arrived) == [A4_MM] * 3
    if not PDFTOPDF.exists():
        assert arrived.read_bytes() == pdf  # no filter in the chain: CUPS passed it on as it is
    assert queue.status.state is DeviceState.ONLINE
    assert queue.identity.model  # the queue's make and model (CUPS's IPP Everywhere PPD)


def test_cups_jobs_go_processing_then_completed(
    cups: CupsScheduler, cups_eve: IppEvePrinter, queue: IppDocumentPrinter
) -> None:
    cups_eve.set_job_delay(1)  # the job stays on the printer long enough to be seen
    client = queue._ipp()
    seen: list[tuple[int, tuple[ipp.IppValue, ...]]] = []
    read_job = client.get_job_attributes

    def recording(job_id: int, deadline_s: float) -> ipp.Message:
        job = read_job(job_id, deadline_s)
        attrs = job.group(ipp.JOB_GROUP)
        state = job.value(ipp.JOB_GROUP, "job-state")
        assert isinstance(state, int)
        seen.append((state, attrs.get("job-state-reasons", ())))
        return job

    client.get_job_attributes = recording  # type: ignore[method-assign]
    result = queue.print_pdf(a4_pdf(1), title="certificate")
    assert result.outcome is DocPrintOutcome.PRINTED
    states = [state for state, _ in seen]
    assert 5 in states and states[-1] == 9  # processing, then completed
    assert states == sorted(states)  # never back
    assert all(s in (3, 5, 9) for s in states)  # pending at most, never held or stopped
    assert any("job-printing" in reasons for state, reasons in seen if state == 5)
    # CUPS keeps it as a completed job of the account the kiosk runs as.
    [line] = [
        line
        for line in cups.tool("lpstat", "-W", "completed", "-o", QUEUE).splitlines()
        if line.startswith(f"{QUEUE}-{result.job_id} ")
    ]
    assert line.split()[1] == login_name()


def test_a_disabled_queue_says_stopped_and_gets_nothing(
    cups: CupsScheduler, cups_eve: IppEvePrinter, queue: IppDocumentPrinter
) -> None:
    before = len(cups_eve.documents())
    cups.tool("cupsdisable", QUEUE)
    check = queue.health_check(HealthLevel.EXTERNAL)
    assert not check.passed and check.code == codes.STOPPED
    assert queue.status.code == codes.STOPPED and not queue.status.usable
    assert "paused" in queue.status.detail
    refused = queue.print_pdf(a4_pdf(1), title="certificate")
    assert refused.outcome is DocPrintOutcome.FAILED and refused.code == codes.STOPPED
    assert refused.job_id is None and len(cups_eve.documents()) == before
    cups.tool("cupsenable", QUEUE)
    assert queue.health_check(HealthLevel.EXTERNAL).passed
    assert queue.print_pdf(a4_pdf(1), title="certificate").outcome is DocPrintOutcome.PRINTED


def test_a_queue_that_rejects_jobs_says_so(cups: CupsScheduler, queue: IppDocumentPrinter) -> None:
    cups.tool("cupsreject", QUEUE)
    check = queue.health_check(HealthLevel.EXTERNAL)
    assert not check.passed and check.code == codes.NOT_ACCEPTING


def test_a_queue_disabled_while_a_job_waits_gets_the_job_cancelled(
    cups: CupsScheduler, cups_eve: IppEvePrinter, queue: IppDocumentPrinter
) -> None:
    cups_eve.set_job_delay(2)
    started = cups_eve.jobs_started()
    results = []
    worker = threading.Thread(
        target=lambda: results.append(queue.print_pdf(a4_pdf(1), title="first"))
    )
    worker.start()
    wait_until(lambda: cups_eve.jobs_started() == started + 1)
    cups.tool("cupsdisable", QUEUE)  # staff stop the queue while the job prints
    worker.join(timeout=30)
    [result] = results
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.STOPPED
    assert result.job_id is not None and "cancelled" in result.detail
    job = queue._ipp().get_job_attributes(result.job_id, 2.0)
    assert job.value(ipp.JOB_GROUP, "job-state") == 7  # CUPS says canceled: it will not resume
    # CUPS 2.4 crashes cancelling for an owner it has no account for; the driver's owner is ours.
    assert cups.running


def test_paper_out_behind_cups_cancels_the_job_and_a_test_page_clears_it(
    cups_eve: IppEvePrinter, queue: IppDocumentPrinter
) -> None:
    started, before = cups_eve.jobs_started(), len(cups_eve.documents())
    cups_eve.set_paper(0)
    # An idle CUPS queue does not ask the printer: it still says ready.
    assert queue.health_check(HealthLevel.EXTERNAL).passed
    result = queue.print_pdf(a4_pdf(2), title="certificate")
    # Once the job runs, CUPS relays media-empty; the driver cancels the job.
    assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.MEDIA_EMPTY
    assert result.job_id is not None and "cancelled" in result.detail
    job = queue._ipp().get_job_attributes(result.job_id, 2.0)
    assert job.value(ipp.JOB_GROUP, "job-state") == 7
    assert cups_eve.jobs_started() == started  # nothing came out
    assert queue.status.state is DeviceState.PAPER_OUT and not queue.status.usable
    # Paper loaded: CUPS has not heard, the queue still shows the last job's condition …
    _wait_for_the_last_jobs_condition(queue)
    cups_eve.set_paper(250)
    # ippeveprinter still runs a job cancelled while it waited for paper (CUPS did send it
    # Cancel-Job; a real printer drops it): the test page must not queue behind it.
    wait_until(lambda: _printer_attribute(cups_eve.uri, "printer-state") == (3,))
    check = queue.health_check(HealthLevel.EXTERNAL)
    assert not check.passed and check.code == codes.MEDIA_EMPTY
    assert queue.status.state is DeviceState.PAPER_OUT
    # … until the technician's test page goes out and comes back completed.
    assert queue.health_check(HealthLevel.INTERACTIVE).passed
    assert queue.status.state is DeviceState.ONLINE
    assert [page_count(p) for p in cups_eve.documents()[before:]][-1:] == [1]


def test_a_test_page_while_the_paper_is_still_out_is_cancelled_again(
    cups_eve: IppEvePrinter, queue: IppDocumentPrinter
) -> None:
    started = cups_eve.jobs_started()
    cups_eve.fail_next_job("media-empty")
    first = queue.print_pdf(a4_pdf(3), title="certificate")
    # CUPS ends the job canceled, or (its backend missing the printer's abort) completed
    # with the printer's media-empty as it ended: never printed either way.
    assert first.outcome in (DocPrintOutcome.FAILED, DocPrintOutcome.UNCERTAIN)
    assert first.code == codes.MEDIA_EMPTY
    assert first.pages == 1  # one page came out before the paper ran out
    cups_eve.set_paper(0)  # nobody loaded paper
    _wait_for_the_last_jobs_condition(queue)
    page = queue.health_check(HealthLevel.INTERACTIVE)
    # The page went out over the last job's condition, met it again and was cancelled.
    assert not page.passed and page.code == codes.MEDIA_EMPTY and "cancelled" in page.text
    assert queue.status.state is DeviceState.PAPER_OUT
    assert cups_eve.jobs_started() == started + 1  # the test page never reached the engine


def test_kiosk_devices_test_docprinter_on_the_cups_queue(
    tmp_path: Path, cups: CupsScheduler, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(
        tmp_path,
        DEMO_PLATFORM + '[devices.docprinter]\ndriver = "ipp"\n'
        f'[devices.docprinter.settings]\nuri = "{cups.queue_uri()}"\n',
    )
    assert main(["devices", "test", "docprinter", "--config", str(site), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["device"] == "docprinter" and result["passed"]
    assert "A4 printer ready" in result["text"]
    cups.tool("cupsdisable", QUEUE)
    assert main(["devices", "test", "docprinter", "--config", str(site)]) == 1
    assert f"docprinter: FAIL [{codes.STOPPED}]" in capsys.readouterr().out


def _print_in_the_background(
    device: IppDocumentPrinter, results: list[DocPrintResult]
) -> threading.Thread:
    worker = threading.Thread(
        target=lambda: results.append(device.print_pdf(a4_pdf(1), title="certificate"))
    )
    worker.start()
    return worker


def test_a_printer_switched_off_behind_cups_fails_offline_and_the_job_never_comes_out(
    cups: CupsScheduler, cups_eve: IppEvePrinter
) -> None:
    # The print deadline is far off: the connect deadline is what ends the wait.
    device = make_printer(cups.queue_uri(), connect_deadline_s=2.0, print_deadline_s=600)
    started = cups_eve.jobs_started()
    cups_eve.power_off()
    with device:
        # CUPS's idle queue has not heard: it accepts the job and retries the printer for ever.
        result = device.print_pdf(a4_pdf(1), title="certificate")
        assert result.outcome is DocPrintOutcome.FAILED and result.code == codes.OFFLINE
        assert result.job_id is not None and "cancelled" in result.detail
        job = device._ipp().get_job_attributes(result.job_id, 2.0)
        assert job.value(ipp.JOB_GROUP, "job-state") == 7  # canceled: nothing left to retry
        assert cups.tool("lpstat", "-o", QUEUE).strip() == ""  # no job pending on the queue
        # The idle queue says nothing now; the driver still says offline, as of that job.
        check = device.health_check(HealthLevel.EXTERNAL)
        assert not check.passed and check.code == codes.OFFLINE
        assert check.text.endswith(LAST_JOB_NOTE) and not device.status.usable
        # Switched on again: the technician's test page reaches it, and the queue is ready.
        cups_eve.power_on()
        cups_eve.set_paper(250)
        assert device.health_check(HealthLevel.INTERACTIVE).passed
        assert device.status.state is DeviceState.ONLINE
    assert cups_eve.jobs_started() == started + 1  # the test page only: the job never came out


def test_a_printer_back_within_the_connect_deadline_prints_the_job(
    cups: CupsScheduler, cups_eve: IppEvePrinter
) -> None:
    device = make_printer(cups.queue_uri(), connect_deadline_s=60.0)
    watcher = make_printer(cups.queue_uri())  # another view of the queue while the job waits
    cups_eve.power_off()
    results: list[DocPrintResult] = []
    with device, watcher:
        worker = _print_in_the_background(device, results)
        try:
            # CUPS fails to reach the printer, and the queue's status says it is offline.
            wait_until(
                lambda: watcher.health_check(HealthLevel.EXTERNAL).code == codes.OFFLINE, 20.0
            )
        finally:
            cups_eve.power_on()
            cups_eve.set_paper(250)
            worker.join(timeout=60)
        assert watcher.health_check(HealthLevel.EXTERNAL).passed
    [result] = results
    assert result.outcome is DocPrintOutcome.PRINTED and result.code == "OK"


def test_a_printer_switched_off_mid_job_is_uncertain_never_not_printed(
    cups: CupsScheduler, cups_eve: IppEvePrinter
) -> None:
    cups_eve.set_job_delay(10)  # the job is on the printer when it goes
    device = make_printer(cups.queue_uri(), connect_deadline_s=1.0, print_deadline_s=4.0)
    started = cups_eve.jobs_started()
    results: list[DocPrintResult] = []
    with device:
        worker = _print_in_the_background(device, results)
        try:
            wait_until(lambda: cups_eve.jobs_started() == started + 1)
            cups_eve.power_off()
        finally:
            worker.join(timeout=60)
    [result] = results
    # CUPS 2.4 keeps saying "Printing." while its backend cannot reach the printer: the
    # print deadline ends it, and pages may have come out.
    assert result.outcome is DocPrintOutcome.UNCERTAIN and "cancelled" in result.detail
