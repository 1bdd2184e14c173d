"""The simulated fingerprint reader: capture, verify, enrol, timeouts, unplugging, wiping."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from drivers import registry
from drivers.base import DeviceNotReady, DeviceState, HealthLevel, StatusChanged
from drivers.fingerprint import model as fp
from drivers.fingerprint.fprint import FprintReader
from drivers.fingerprint.on_simulator import (
    SCENARIOS,
    SimulatedFingerprintReader,
    SimulatedFingerprintReaderSettings,
)
from drivers.fingerprint.simulator import (
    FINGER_A,
    FINGER_A_LEFT,
    FINGER_B,
    FingerprintSimulator,
    SensorLost,
    Touch,
)
from tests.drivers.fingerprint.fp_helpers import Background, Recorder

MakeReader = Callable[..., tuple[SimulatedFingerprintReader, Recorder]]


def test_entry_points_name_these_classes() -> None:
    assert registry.load("fingerprint-sim") is SimulatedFingerprintReader
    assert registry.load("fprint") is FprintReader


def test_default_settings_open_online_and_capture_by_themselves() -> None:
    reader = SimulatedFingerprintReader()
    reader.open()
    try:
        assert reader.status.code == "OK" and reader.status.usable
        assert reader.identity.serial == "SIM-FP-0001"
        assert reader.capabilities() >= {"capture", "verify", "enroll"}
        capture = reader.capture(timeout_s=10)  # the simulated citizen places finger A
        assert capture.quality is not None and capture.quality > 0.5
        capture.wipe()
    finally:
        reader.close()
    assert reader.status.code == "NOT_OPEN"


def test_capture_good_finger(make_reader: MakeReader) -> None:
    reader, rec = make_reader()
    reader.simulator.place_finger(0.95)
    capture = reader.capture(timeout_s=5)
    assert capture.template.format == "sim-v2" and len(capture.template) > 0
    assert capture.quality == pytest.approx(0.95) and capture.retries == 0
    assert capture.finger == "right-index"
    kinds = [type(e) for e in rec.events if not isinstance(e, StatusChanged)]
    assert kinds == [fp.FingerNeeded, fp.FingerPlaced, fp.FingerRemoved]
    codes = [e.status.code for e in rec.of(StatusChanged)]
    assert codes == ["OK", "CAPTURING", "OK"]


def test_poor_quality_then_good(make_reader: MakeReader) -> None:
    reader, rec = make_reader()
    reader.simulator.place_finger(0.3)
    reader.simulator.place_finger(0.9)
    capture = reader.capture(timeout_s=5)
    assert capture.retries == 1 and capture.quality == pytest.approx(0.9)
    assert [e.reason for e in rec.of(fp.CaptureRetry)] == [fp.RetryReason.CENTRE_FINGER]
    assert len(rec.of(fp.FingerPlaced)) == 2 and len(rec.of(fp.FingerRemoved)) == 2


def test_sensor_retry_reasons_reach_the_listener(make_reader: MakeReader) -> None:
    reader, rec = make_reader()
    for reason in (fp.RetryReason.TOO_SHORT, fp.RetryReason.REMOVE_FINGER):
        reader.simulator.place_finger(retry=reason)
    reader.simulator.place_finger()
    assert reader.capture(timeout_s=5).retries == 2
    assert [e.reason for e in rec.of(fp.CaptureRetry)] == [
        fp.RetryReason.TOO_SHORT,
        fp.RetryReason.REMOVE_FINGER,
    ]


def test_no_finger_times_out_and_the_reader_stays_usable(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    with pytest.raises(fp.FingerTimeout) as info:
        reader.capture(timeout_s=0.05)
    assert info.value.code == "FINGER_TIMEOUT"
    assert reader.status.code == "OK"
    reader.simulator.place_finger()
    assert reader.capture(timeout_s=5).retries == 0


def test_finger_placed_while_the_reader_waits(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    call = Background(lambda: reader.capture(timeout_s=10))
    assert reader.simulator.wait_for_reader(5)
    assert reader.status.code == "CAPTURING" and reader.busy
    reader.simulator.place_finger(0.8)
    assert call.join().quality == pytest.approx(0.8)


def test_unplug_during_capture_then_replug(make_reader: MakeReader) -> None:
    reader, rec = make_reader()
    call = Background(lambda: reader.capture(timeout_s=10))
    assert reader.simulator.wait_for_reader(5)
    reader.simulator.unplug()
    with pytest.raises(SensorLost) as info:
        call.join()
    assert info.value.code == "DEVICE_LOST"
    assert reader.status.state is DeviceState.OFFLINE and reader.status.code == "DEVICE_LOST"
    with pytest.raises(DeviceNotReady):
        reader.capture(timeout_s=1)
    assert not reader.health_check(HealthLevel.EXTERNAL).passed
    reader.simulator.replug()
    rec.wait_recovered()
    reader.simulator.place_finger()
    assert reader.capture(timeout_s=5).retries == 0


def test_opened_unplugged_reports_offline_until_plugged(make_reader: MakeReader) -> None:
    reader, rec = make_reader(scenario="unplugged")
    assert reader.status.code == "DEVICE_LOST" and not reader.status.usable
    reader.simulator.replug()
    rec.wait_status("OK")
    assert reader.health_check(HealthLevel.EXTERNAL).passed


def test_verify_match_and_mismatch(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    reader.simulator.place_finger(finger=FINGER_A)
    enrolled = reader.capture(timeout_s=5)
    reader.simulator.place_finger(0.85, finger=FINGER_A)
    same = reader.verify(enrolled.template, timeout_s=5)
    assert same.matched and (same.score or 0) > 0.8
    reader.simulator.place_finger(finger=FINGER_B)
    other = reader.verify(enrolled.template, timeout_s=5)
    assert not other.matched and (other.score or 0) < 0.5
    # Raw bytes work too, as the platform would hand them back.
    reader.simulator.place_finger(finger=FINGER_A)
    assert reader.verify(enrolled.template.to_bytes(), timeout_s=5).matched
    assert reader.status.code == "OK"


def test_templates_only_match_on_the_simulator_that_made_them(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    foreign = FingerprintSimulator().template_for(Touch(FINGER_A))
    reader.simulator.place_finger(finger=FINGER_A)
    assert not reader.verify(foreign, timeout_s=5).matched


def test_template_of_another_backend_is_refused(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    with pytest.raises(fp.TemplateIncompatible):
        reader.verify(fp.Template(b"\x01" * 53, "libfprint"), timeout_s=1)


def test_wipe_zeroes_the_template_and_repr_never_shows_bytes(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    reader.simulator.place_finger()
    capture = reader.capture(timeout_s=5)
    buffer = capture.template.data
    shown = repr(capture) + str(capture) + repr(capture.template)
    assert buffer.hex() not in shown and bytes(buffer[4:10]).hex() not in shown
    assert "bytes" in repr(capture.template)
    with pytest.raises(TypeError):
        pickle.dumps(capture.template)
    capture.wipe()
    assert buffer == bytes(len(buffer)) and capture.wiped
    assert repr(capture.template) == "Template(<wiped>)"
    with pytest.raises(fp.TemplateWiped):
        capture.template.to_bytes()
    with pytest.raises(fp.TemplateWiped):
        reader.verify(capture.template, timeout_s=1)
    capture.wipe()  # twice is fine


def test_cancel_ends_a_waiting_capture(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    call = Background(lambda: reader.capture(timeout_s=30))
    assert reader.simulator.wait_for_reader(5)
    reader.cancel()
    with pytest.raises(fp.OperationCancelled) as info:
        call.join()
    assert info.value.code == "CANCELLED"
    assert reader.status.code == "OK" and not reader.busy
    reader.cancel()  # idle: nothing to do


def test_one_operation_at_a_time(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    call = Background(lambda: reader.capture(timeout_s=30))
    assert reader.simulator.wait_for_reader(5)
    with pytest.raises(fp.ReaderBusy):
        reader.verify(fp.Template(b"x", "sim-v2"), timeout_s=1)
    reader.simulator.place_finger()
    assert isinstance(call.join(), fp.Capture)


def test_enroll_takes_stages_and_refuses_a_finger_change(make_reader: MakeReader) -> None:
    reader, rec = make_reader(enroll_stages=3)
    sim = reader.simulator
    for finger in (FINGER_A, FINGER_B, FINGER_A, FINGER_A):
        sim.place_finger(finger=finger)
    capture = reader.enroll(timeout_s=5)
    assert [(e.stage, e.stages) for e in rec.of(fp.EnrollProgress)] == [(1, 3), (2, 3), (3, 3)]
    assert [e.reason for e in rec.of(fp.CaptureRetry)] == [fp.RetryReason.GENERAL]
    sim.place_finger(finger=FINGER_A)
    assert reader.verify(capture.template, timeout_s=5).matched


def test_idcard_matching_needs_a_vendor_plugin(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    reader.simulator.place_finger()
    live = reader.capture(timeout_s=5)
    with pytest.raises(fp.NotSupported):
        reader.match_idcard(live, bytearray(512))


@pytest.mark.parametrize(("scenario", "matched"), [("good_finger", True), ("other_finger", False)])
def test_scenarios_with_a_simulated_citizen(
    make_reader: MakeReader, scenario: str, matched: bool
) -> None:
    reader, _ = make_reader(scenario=scenario)
    capture = reader.capture(timeout_s=5)
    assert reader.verify(capture.template, timeout_s=5).matched is matched


def test_scenario_poor_then_good(make_reader: MakeReader) -> None:
    reader, rec = make_reader(scenario="poor_then_good")
    assert reader.capture(timeout_s=5).retries == 1
    assert rec.of(fp.CaptureRetry)[0].reason is fp.RetryReason.CENTRE_FINGER


def test_scenario_no_finger(make_reader: MakeReader) -> None:
    reader, _ = make_reader(scenario="no_finger")
    with pytest.raises(fp.FingerTimeout):
        reader.capture(timeout_s=0.05)


def test_every_scenario_is_accepted_and_unknown_ones_are_refused() -> None:
    for name in SCENARIOS:
        assert SimulatedFingerprintReaderSettings(scenario=name).scenario == name
    with pytest.raises(ValidationError):
        SimulatedFingerprintReaderSettings(scenario="no-such")
    with pytest.raises(ValidationError):
        SimulatedFingerprintReaderSettings(unknown_key=1)


def test_health_checks(make_reader: MakeReader) -> None:
    reader, _ = make_reader()
    assert reader.health_check(HealthLevel.INTERNAL).passed
    assert reader.health_check(HealthLevel.EXTERNAL).passed
    assert reader.describe()["kind"] == "fingerprint"


def test_each_finger_has_its_own_template_and_a_finger_read_twice_matches_itself() -> None:
    sim = FingerprintSimulator()
    right = fp.Template(sim.template_for(Touch(FINGER_A)), "sim-v2")
    right_again = fp.Template(sim.template_for(Touch(FINGER_A)), "sim-v2")
    left = fp.Template(sim.template_for(Touch(FINGER_A_LEFT)), "sim-v2")
    other_person = fp.Template(sim.template_for(Touch(FINGER_B)), "sim-v2")
    # A touch is never read the same twice: the bytes differ, the finger is recognised.
    assert right.data != right_again.data
    assert fp.same_finger(right, right_again) and fp.same_finger(right_again, right)
    assert not fp.same_finger(right, left) and not fp.same_finger(left, right)
    assert not fp.same_finger(right, other_person) and not fp.same_finger(left, other_person)


def test_other_formats_compare_only_identical_templates() -> None:
    # libfprint has no print-to-print score: only one record handed in twice is caught.
    first = fp.Template(b"\x01" * 53, "libfprint")
    assert fp.same_finger(first, fp.Template(b"\x01" * 53, "libfprint"))
    assert not fp.same_finger(first, fp.Template(b"\x02" * 53, "libfprint"))
    assert not fp.same_finger(first, fp.Template(b"\x01" * 53, "sim-v2"))


def test_the_simulated_citizen_presents_right_then_left_index(make_reader: MakeReader) -> None:
    reader, _ = make_reader(scenario="good_finger")
    right, left = reader.capture(timeout_s=5), reader.capture(timeout_s=5)
    assert not fp.same_finger(right.template, left.template)
    reader.simulator.place_finger(finger=FINGER_A_LEFT)
    assert reader.verify(left.template, timeout_s=5).matched


def test_scenario_same_finger_twice(make_reader: MakeReader) -> None:
    reader, _ = make_reader(scenario="same_finger_twice")
    first, again, other = (reader.capture(timeout_s=5) for _ in range(3))
    assert fp.same_finger(first.template, again.template)
    assert not fp.same_finger(first.template, other.template)
