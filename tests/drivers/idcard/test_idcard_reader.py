"""The SAM driver against the simulator on a pty: reads, removal, faults, unplugging."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from drivers.base import DeviceState, HealthLevel, StatusChanged
from drivers.idcard import protocol as p
from drivers.idcard.card import CardType
from drivers.idcard.events import CardRead, CardReadFailed, CardRemoved, CardStillPresent
from drivers.idcard.profiles import PROFILES
from drivers.idcard.sam import SamReader
from drivers.idcard.simulator import SamSimulator
from drivers.idcard.wlt import PHOTO_UNAVAILABLE
from drivers.serial_link import SerialLink

MakeReader = Callable[..., tuple[SamReader, Any]]


def test_simulator_answers_the_published_frames(sim: SamSimulator) -> None:
    link = SerialLink(sim.address)
    link.open()
    try:

        def ask(command: p.Command, n: int) -> bytes:
            link.write(p.encode_request(command))
            return link.read_exact(n, timeout_s=2.0)

        assert ask(p.SAM_STATUS, 11) == bytes.fromhex("aaaaaa9669000400009094")
        assert ask(p.FIND_CARD, 11) == bytes.fromhex("aaaaaa9669000400008084")
        sim.place_card()
        assert ask(p.FIND_CARD, 15) == bytes.fromhex("aaaaaa9669000800009f0000000097")
        assert ask(p.SELECT_CARD, 19) == bytes.fromhex("aaaaaa9669000c00009000000000000000009c")
        answer = ask(p.READ_TEXT_PHOTO, 1295)
        assert answer[:14] == bytes.fromhex("aaaaaa9669050800009001000400")
        # Vendor behaviour: after a read, "find" fails while the card lies there.
        assert ask(p.FIND_CARD, 11) == bytes.fromhex("aaaaaa9669000400008084")
        link.write(bytes.fromhex("aaaaaa9669000320012f"))  # wrong checksum
        assert link.read_exact(11, timeout_s=2.0) == p.encode_response(p.SW_REQUEST_CHECKSUM)
    finally:
        link.close()


def test_card_placed_is_read_with_photo(sim: SamSimulator, make_reader: MakeReader) -> None:
    reader, rec = make_reader()
    assert reader.status.code == "OK"
    assert reader.identity.serial == "05.01-20100792-0012345678-0123456789"
    sim.place_card("dot_name")
    card = rec.wait(CardRead).card
    assert card.name == "阿依古丽·买买提" and card.nation == "维吾尔"
    assert card.photo is not None and card.photo.shape == (126, 102, 3)
    assert card.fingerprint is None
    assert reader.status.state is DeviceState.CARD_PRESENT
    codes = [e.status.code for e in rec.of(StatusChanged)]
    assert codes[-2:] == ["READING", "CARD_PRESENT"]


def test_without_a_wlt_decoder_the_photo_is_unavailable(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    _, rec = make_reader(wlt_decoder="")
    sim.place_card()
    card = rec.wait(CardRead).card
    assert card.photo is None and card.photo_error == PHOTO_UNAVAILABLE
    assert len(card.photo_wlt) == 1024


def test_fingerprint_is_read_when_configured(sim: SamSimulator, make_reader: MakeReader) -> None:
    _, rec = make_reader(read_fingerprint=True)
    sim.place_card("fingerprint")
    card = rec.wait(CardRead).card
    assert card.fingerprint is not None and len(card.fingerprint) == 1024
    assert sim.requests[p.READ_WITH_FINGERPRINT.name] == 1


def test_fingerprint_read_of_a_card_without_one(sim: SamSimulator, make_reader: MakeReader) -> None:
    _, rec = make_reader(read_fingerprint=True)
    sim.place_card("zhang_san")
    assert rec.wait(CardRead).card.fingerprint is None


def test_foreigner_card_is_read(sim: SamSimulator, make_reader: MakeReader) -> None:
    _, rec = make_reader()
    sim.place_card("foreigner")
    card = rec.wait(CardRead).card
    assert card.card_type is CardType.FOREIGN_PERMANENT and card.nationality == "GBR"


def test_unsupported_card_type_is_reported_once(sim: SamSimulator, make_reader: MakeReader) -> None:
    reader, rec = make_reader(read_attempts=2)
    sim.place_card("residence_permit")
    failed = rec.wait(CardReadFailed)
    assert failed.code == "CARD_TYPE_UNSUPPORTED"
    rec.wait_status("CARD_UNREADABLE")
    assert reader.status.actor.value == "staff"
    # Bad data is not re-read on every poll: the placement used its two attempts.
    assert sim.wait_requests(p.FIND_CARD.name, sim.requests[p.FIND_CARD.name] + 5)
    assert sim.requests[p.READ_TEXT_PHOTO.name] == 2
    assert len(rec.of(CardReadFailed)) == 1 and not rec.of(CardRead)


def test_removal_and_same_card_still_present_are_distinct(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    _, rec = make_reader()
    sim.place_card("zhang_san")
    rec.wait(CardRead)
    # While the card lies there, polls keep probing it with "select": no event.
    polls = sim.requests[p.SELECT_CARD.name]
    sim.wait_requests(p.SELECT_CARD.name, polls + 5)
    assert not rec.of(CardRemoved) and not rec.of(CardStillPresent)
    # The reader finds the same card again (lifted and put back between polls).
    sim.place_card("zhang_san")
    rec.wait(CardStillPresent)
    assert len(rec.of(CardRead)) == 1 and not rec.of(CardRemoved)
    sim.remove_card()
    rec.wait(CardRemoved)
    rec.wait_status("OK")


def test_another_card_replacing_the_first_is_removal_then_read(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    _, rec = make_reader()
    sim.place_card("zhang_san")
    rec.wait(CardRead)
    sim.place_card("long_term")
    second = rec.wait(CardRead, lambda e: e.card.name == "李秀英")
    assert second.card.long_term
    kinds = [type(e) for e in rec.events if not isinstance(e, StatusChanged)]
    assert kinds == [CardRead, CardRemoved, CardRead]


def test_request_read_reads_a_card_already_read(sim: SamSimulator, make_reader: MakeReader) -> None:
    reader, rec = make_reader()
    sim.place_card()
    first = rec.wait(CardRead).card
    first.wipe()  # the session ended; the card still lies there
    reader.request_read()
    again = rec.wait(CardRead, lambda e: e.card is not first).card
    assert again.name == "张三" and not again.wiped


def test_request_read_without_a_card(make_reader: MakeReader) -> None:
    reader, rec = make_reader()
    reader.request_read()
    assert rec.wait(CardReadFailed).code == "NO_CARD"


def test_transient_read_failure_is_retried_silently(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    _, rec = make_reader()
    sim.fail_next_reads(2)
    sim.place_card()
    rec.wait(CardRead)
    assert not rec.of(CardReadFailed)


def test_persistent_read_failure_is_reported_once_then_recovers(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    reader, rec = make_reader(read_attempts=3)
    sim.fail_next_reads(7)
    sim.place_card()
    assert rec.wait(CardReadFailed).code == "SAM_READ_FAILED"
    rec.wait(CardRead)
    assert len(rec.of(CardReadFailed)) == 1
    assert reader.status.code == "CARD_PRESENT"


@pytest.mark.parametrize("fault", ["checksum", "garbage"])
def test_spoiled_answers_are_survived(
    sim: SamSimulator, make_reader: MakeReader, fault: str
) -> None:
    reader, rec = make_reader()
    if fault == "checksum":
        sim.corrupt_every = 2
    else:
        sim.garbage_every = 2
    sim.place_card()
    card = rec.wait(CardRead).card
    assert card.name == "张三"
    assert reader.status.usable


def test_unplug_is_reported_and_the_reader_comes_back(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    reader, rec = make_reader()
    sim.unplug()
    lost = rec.wait_status("DEVICE_LOST")
    assert lost.status.state is DeviceState.OFFLINE
    assert not reader.health_check(HealthLevel.EXTERNAL).passed
    sim.replug()
    rec.wait_recovered()
    sim.place_card()
    rec.wait(CardRead)


def test_unplug_mid_read_fails_the_read_and_recovers(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    reader, rec = make_reader()
    sim.unplug_during_next_read()
    sim.place_card()
    failed = rec.wait(CardReadFailed)
    assert failed.code == "DEVICE_LOST"
    assert reader.status.code == "DEVICE_LOST"
    sim.replug()
    card = rec.wait(CardRead).card
    assert card.name == "张三"


def test_card_lifted_mid_read_is_reported_removed(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    _, rec = make_reader()
    sim.remove_card_during_next_read()
    sim.place_card()
    rec.wait(CardRemoved)  # the holder must be told to put it back
    assert not rec.of(CardRead) and not rec.of(CardReadFailed)
    assert [e.status.code for e in rec.of(StatusChanged)][-2:] == ["READING", "OK"]
    sim.place_card()
    assert rec.wait(CardRead).card.name == "张三"


def test_card_read_before_an_unplug_is_still_present_after_it(
    sim: SamSimulator, make_reader: MakeReader
) -> None:
    _, rec = make_reader()
    sim.place_card()
    rec.wait(CardRead)
    sim.unplug()
    rec.wait_status("DEVICE_LOST")
    sim.replug()
    rec.wait(CardStillPresent)
    assert len(rec.of(CardRead)) == 1


def test_silent_reader_goes_offline_and_returns(sim: SamSimulator, make_reader: MakeReader) -> None:
    reader, rec = make_reader(command_timeout_s=0.05)
    sim.silent = True
    timeout = rec.wait_status("DEVICE_TIMEOUT")
    assert timeout.status.state is DeviceState.OFFLINE
    sim.silent = False
    rec.wait(StatusChanged, lambda e: e.previous.code == "DEVICE_TIMEOUT" and e.status.usable)
    assert reader.health_check(HealthLevel.EXTERNAL).passed


def test_sam_fault_is_a_technician_error(sim: SamSimulator, make_reader: MakeReader) -> None:
    sim.sam_status = p.SW_SAM_SELF_TEST_FAILED
    reader, rec = make_reader()
    assert reader.status.state is DeviceState.ERROR
    assert reader.status.code == "SAM_SELF_TEST_FAILED"
    assert reader.status.actor.value == "technician"
    sim.sam_status = p.SW_OK
    rec.wait_status("OK")


def test_missing_port_opens_offline_not_an_exception(make_reader: MakeReader) -> None:
    reader, _ = make_reader(port="/nonexistent/idcard")
    assert reader.status.state is DeviceState.OFFLINE
    assert reader.status.code == "DEVICE_LOST"


def test_bad_wlt_decoder_setting_is_a_configuration_error(make_reader: MakeReader) -> None:
    reader, _ = make_reader(wlt_decoder="no.such.module:Decoder")
    assert reader.status.code == "CONFIG_ERROR"
    assert reader.status.actor.value == "configuration"


def test_no_personal_data_reaches_the_logs(
    sim: SamSimulator, make_reader: MakeReader, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _, rec = make_reader()
    sim.fail_next_reads(1)
    sim.place_card("dot_name")
    card = rec.wait(CardRead).card
    profile = PROFILES["dot_name"].fields
    for record in caplog.records:
        text = record.getMessage() + repr(record.__dict__)
        for secret in (profile["id_number"], profile["name"], profile["address"], card.name):
            assert secret not in text
