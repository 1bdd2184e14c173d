"""printer-state and printer-state-reasons into the common status model; printer URIs."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from drivers.base import Actor, DeviceState
from drivers.docprinter import status as codes
from drivers.docprinter.address import printer_address
from drivers.docprinter.settings import IppPrinterSettings, SimulatedIppPrinterSettings
from drivers.docprinter.status import PrinterState, printer_status, reason_keyword

IDLE, PROCESSING, STOPPED = PrinterState.IDLE, PrinterState.PROCESSING, PrinterState.STOPPED


@pytest.mark.parametrize(
    ("state", "reasons", "expected", "code", "actor"),
    [
        (IDLE, ["none"], DeviceState.ONLINE, "OK", Actor.NONE),
        (PROCESSING, [], DeviceState.ONLINE, "OK", Actor.NONE),
        (STOPPED, ["media-empty-error"], DeviceState.PAPER_OUT, codes.MEDIA_EMPTY, Actor.STAFF),
        (IDLE, ["media-empty-report"], DeviceState.PAPER_OUT, codes.MEDIA_EMPTY, Actor.STAFF),
        (PROCESSING, ["media-needed"], DeviceState.PAPER_OUT, codes.MEDIA_EMPTY, Actor.STAFF),
        (IDLE, ["input-tray-missing"], DeviceState.PAPER_OUT, codes.TRAY_MISSING, Actor.STAFF),
        (IDLE, ["media-low-report"], DeviceState.PAPER_LOW, codes.MEDIA_LOW, Actor.STAFF),
        (IDLE, ["toner-low-warning"], DeviceState.ONLINE, codes.TONER_LOW, Actor.STAFF),
        (IDLE, ["marker-supply-low"], DeviceState.ONLINE, codes.TONER_LOW, Actor.STAFF),
        (STOPPED, ["toner-empty-error"], DeviceState.ERROR, codes.TONER_EMPTY, Actor.STAFF),
        (STOPPED, ["door-open-error"], DeviceState.COVER_OPEN, codes.COVER_OPEN, Actor.STAFF),
        (STOPPED, ["cover-open"], DeviceState.COVER_OPEN, codes.COVER_OPEN, Actor.STAFF),
        (STOPPED, ["media-jam-error"], DeviceState.ERROR, codes.MEDIA_JAM, Actor.STAFF),
        (STOPPED, ["offline-report"], DeviceState.OFFLINE, codes.OFFLINE, Actor.STAFF),
        (IDLE, ["connecting-to-device"], DeviceState.OFFLINE, codes.CONNECTING, Actor.AUTOMATIC),
        (STOPPED, ["paused"], DeviceState.OFFLINE, codes.STOPPED, Actor.STAFF),
        (STOPPED, ["spool-area-full"], DeviceState.ERROR, codes.SPOOL_FULL, Actor.TECHNICIAN),
        (STOPPED, ["none"], DeviceState.ERROR, codes.STOPPED, Actor.STAFF),
        (STOPPED, ["other-error"], DeviceState.ERROR, codes.STOPPED, Actor.STAFF),
    ],
)
def test_state_and_reasons_map_to_one_status(
    state: int, reasons: list[str], expected: DeviceState, code: str, actor: Actor
) -> None:
    status = printer_status(state, reasons)
    assert (status.state, status.code, status.actor) == (expected, code, actor)


def test_paper_low_and_toner_low_leave_the_printer_usable() -> None:
    assert printer_status(IDLE, ["media-low"]).usable
    assert printer_status(IDLE, ["toner-low"]).usable
    assert not printer_status(IDLE, ["media-empty"]).usable


def test_the_most_severe_reason_wins() -> None:
    both = printer_status(STOPPED, ["toner-low-warning", "media-empty-error"])
    assert both.code == codes.MEDIA_EMPTY
    jam_and_paper = printer_status(STOPPED, ["media-empty", "media-jam"])
    assert jam_and_paper.code == codes.MEDIA_JAM
    assert printer_status(IDLE, ["media-low", "toner-low"]).code == codes.MEDIA_LOW


def test_a_queue_that_refuses_jobs_cannot_serve() -> None:
    status = printer_status(IDLE, ["none"], accepting=False)
    assert status.code == codes.NOT_ACCEPTING and not status.usable


def test_severity_suffixes_are_dropped() -> None:
    assert reason_keyword("media-empty-report") == "media-empty"
    assert reason_keyword("toner-low-warning") == "toner-low"
    assert reason_keyword("door-open-error") == "door-open"
    assert reason_keyword("media-empty") == "media-empty"


@pytest.mark.parametrize(
    ("uri", "url"),
    [
        ("ipp://localhost/printers/kiosk-a4", "http://localhost:631/printers/kiosk-a4"),
        ("ipp://10.0.0.7:8631/ipp/print", "http://10.0.0.7:8631/ipp/print"),
        ("ipps://printer.hall.local/ipp/print", "https://printer.hall.local:631/ipp/print"),
        ("ipp://[::1]:631/ipp/print", "http://[::1]:631/ipp/print"),
    ],
)
def test_cups_queues_and_ipp_everywhere_printers_are_posted_to_over_http(
    uri: str, url: str
) -> None:
    address = printer_address(uri)
    assert address.http_url == url and address.printer_uri == uri


@pytest.mark.parametrize(
    "uri",
    [
        "lpd://host/queue",
        "ipp:///ipp/print",
        "ipp://host",
        "ipp://host/",
        "ipp://user:pw@host/ipp/print",
        "ipp://host:99999/ipp/print",
    ],
)
def test_bad_printer_uris_are_configuration_errors(uri: str) -> None:
    with pytest.raises(ValidationError):
        IppPrinterSettings(uri=uri)


def test_the_connect_deadline_is_a_validated_setting() -> None:
    assert 0 < IppPrinterSettings().connect_deadline_s < IppPrinterSettings().print_deadline_s
    assert IppPrinterSettings(connect_deadline_s=5).connect_deadline_s == 5
    for bad in (0, -1, 301):
        with pytest.raises(ValidationError):
            IppPrinterSettings(connect_deadline_s=bad)


def test_simulated_settings_know_their_scenarios() -> None:
    assert SimulatedIppPrinterSettings(scenario="media-empty-mid-job").scenario
    with pytest.raises(ValidationError, match="unknown scenario"):
        SimulatedIppPrinterSettings(scenario="on-fire")
