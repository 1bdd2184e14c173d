"""Contract every ID card reader driver keeps: against the simulator, or a real reader.

Run against hardware with ``pytest tests/drivers/idcard --device-idcard /dev/ttyUSB0``
(with or without a card on the reader).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest

from drivers import registry
from drivers.base import DeviceEvent
from drivers.idcard.events import CardRead, CardReadFailed
from drivers.idcard.on_simulator import SimulatedSamReader, SimulatedSamReaderSettings
from drivers.idcard.sam import SamReader, SamReaderSettings
from tests.drivers import contract


@pytest.fixture
def reader(request: pytest.FixtureRequest) -> Iterator[SamReader]:
    yield from contract.device_under_test(
        request,
        "--device-idcard",
        lambda port: SamReader(SamReaderSettings(port=port)),
        lambda: SimulatedSamReader(SimulatedSamReaderSettings(pace_baud=0, poll_interval_s=0.05)),
    )


def test_entry_points_name_these_classes() -> None:
    assert registry.load("sam") is SamReader
    assert registry.load("sam-sim") is SimulatedSamReader


def test_opens_usable_with_identity(reader: SamReader) -> None:
    reader.open()
    assert reader.status.usable, reader.status
    assert re.fullmatch(r"\d\d\.\d\d-\d{8}-\d{10}(-\d{10})?", reader.identity.serial)


def test_health_checks_pass(reader: SamReader) -> None:
    reader.open()
    assert all(result.duration_s >= 0 for result in contract.passed_health_checks(reader))


def test_status_events_are_changes_only(reader: SamReader) -> None:
    with contract.status_changes(reader) as events:
        reader.open()
        reader.close()
    contract.assert_changes_only(events)


def test_close_is_idempotent_and_reopen_works(reader: SamReader) -> None:
    contract.assert_reopens_after_closing_twice(reader)


def test_describe_holds_no_personal_data(reader: SamReader) -> None:
    reader.open()
    info = reader.describe()
    assert info["kind"] == "idcard" and info["usable"] is True
    assert set(info) >= {"state", "code", "detail", "actor", "serial"}


def test_requested_read_answers_with_a_card_or_no_card(reader: SamReader) -> None:
    answers: list[DeviceEvent] = []
    done = threading.Event()

    def on(event: DeviceEvent) -> None:
        if isinstance(event, CardRead | CardReadFailed):
            answers.append(event)
            done.set()

    reader.add_listener(on)
    reader.open()
    reader.request_read()
    assert done.wait(5.0)
    first = answers[0]
    if isinstance(first, CardRead):
        first.card.wipe()
    else:
        assert first.code.isupper()
