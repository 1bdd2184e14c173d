"""Inactivity at every step kind of the catalogue, and device waits that hold the idle timer.

The window's inactivity tracker runs on a manual clock (see conftest), so a
minute of silence takes no time: idle → "还需要更多时间吗？" with a countdown →
the visit ends, its personal data wiped, the camera off, the home screen back.
Every step kind used in config/services.toml is visited in the service where it
comes first, with the step waiting for the citizen (not for a device).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

import kiosk.flow.fingerprint as fingerprint
from drivers.camera.citizen import Citizen
from drivers.fingerprint.simulator import FINGER_A_LEFT, AutoFinger
from kiosk.config.schema import load_config
from kiosk.flow.certificate import PrintState
from kiosk.flow.engine import FlowOutcome
from kiosk.flow.photo import IMAGE_KEY
from kiosk.flow.printing import SlipState
from kiosk.visit.session import EndReason
from tests.e2e.conftest import ManualClock, kind, screen_text
from tests.e2e.fault_walk import advance, click, device, page, walk_to
from tests.windows import begin
from ui.main_window import KioskWindow
from ui.steps.camera import CameraPage
from ui.visits import Visitor, VisitPlan

Prepare = Callable[[KioskWindow, QtBot], None]


def nothing(window: KioskWindow, qtbot: QtBot) -> None:
    """The step already waits for the citizen."""


def nobody_at_the_camera(window: KioskWindow, qtbot: QtBot) -> None:
    # A face on camera counts as activity: wait until the step has seen nobody for a while.
    device(window, "camera").simulator.scene.show_frame("no_face")
    step = window.flow.current
    qtbot.waitUntil(lambda: step.guidance == "NO_FACE", timeout=10_000)
    assert "请正对镜头，把脸放在框内" in screen_text(window)


def photo_taken(window: KioskWindow, qtbot: QtBot) -> None:
    # Face the lens: the face check before may have ended with the head still turned.
    Citizen(device(window, "camera"))
    qtbot.waitUntil(lambda: page(window).accept_button.isVisible(), timeout=60_000)


def no_finger(window: KioskWindow, qtbot: QtBot) -> None:
    device(window, "fingerprint").simulator.auto = AutoFinger()  # nobody touches the sensor


def finger_timed_out(window: KioskWindow, qtbot: QtBot) -> None:
    step = window.flow.current
    qtbot.waitUntil(lambda: step.error is not None, timeout=10_000)
    assert "没有检测到手指" in screen_text(window)


def queue_full(window: KioskWindow, qtbot: QtBot) -> None:
    # The queue reports its disk full: nothing new can be filed.
    window.core.outbox.availability_tracker.set("DISK_FULL", "simulated for the test")


def submit_refused(window: KioskWindow, qtbot: QtBot) -> None:
    assert window.flow.current.error.code == "QUEUE_UNAVAILABLE"


def slip_printed(window: KioskWindow, qtbot: QtBot) -> None:
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is SlipState.PRINTED, timeout=10_000)


def complaint_sent_to_a_full_queue(window: KioskWindow, qtbot: QtBot) -> None:
    form = page(window)
    click(qtbot, next(b for b in form.categories.buttons.values() if b.isVisible()))
    qtbot.waitUntil(lambda: any(b.isVisible() for b in form.reasons.buttons.values()))
    click(qtbot, next(b for b in form.reasons.buttons.values() if b.isVisible()))
    queue_full(window, qtbot)  # just before the form is sent: the queue re-checks its disk
    click(qtbot, form.send_button)


def preview_shown(window: KioskWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not page(window).image.isNull(), timeout=10_000)


def certificate_printed(window: KioskWindow, qtbot: QtBot) -> None:
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is PrintState.PRINTED and not step.busy, timeout=10_000)


def number_keyed_in(window: KioskWindow, qtbot: QtBot) -> None:
    for key in "20261122000001":
        click(qtbot, page(window).keypad.buttons[key])
    click(qtbot, page(window).search_button)


def progress_shown(window: KioskWindow, qtbot: QtBot) -> None:
    step = window.flow.current
    qtbot.waitUntil(lambda: not step.busy, timeout=10_000)
    assert "没有找到这个受理编号" in screen_text(window)


def phone_typed(window: KioskWindow, qtbot: QtBot) -> None:
    # A number typed for the text message, then nothing more: it must not outlive the visit.
    click(qtbot, page(window).consent)
    for digit in "13800138000":
        click(qtbot, page(window).keypad.buttons[digit])


@dataclass(frozen=True)
class Spot:
    """Where a step kind is idled: the service, set-up before the visit, set-up at the step."""

    service: str
    before: Prepare = nothing
    at: Prepare = nothing
    walk: Prepare = nothing  # extra citizen actions to reach the step (beyond ``advance``)


SPOTS: dict[str, Spot] = {
    "read_id_card": Spot("id_card_renewal"),
    "face_verify": Spot("id_card_renewal", at=nobody_at_the_camera),
    "photo_capture": Spot("id_card_renewal", at=photo_taken),
    "fingerprint": Spot("id_card_renewal", before=no_finger, at=finger_timed_out),
    "confirm": Spot("id_card_renewal"),
    "payment": Spot("id_card_renewal"),
    "submit": Spot("complaint", walk=complaint_sent_to_a_full_queue, at=submit_refused),
    "print_slip": Spot("id_card_renewal", at=slip_printed),
    "rating": Spot("service_guide"),
    "start": Spot("medical_insurance_record"),
    "success": Spot("medical_insurance_record"),
    "id_number_entry": Spot("id_card_reissue"),
    "name_entry": Spot("id_card_reissue"),
    "identify_application": Spot("progress_query"),
    "show_progress": Spot("progress_query", walk=number_keyed_in, at=progress_shown),
    "browse_guide": Spot("service_guide"),
    "complaint_form": Spot("complaint"),
    "certificate_fetch": Spot("social_insurance_proof"),  # choosing the period
    "certificate_preview": Spot("medical_insurance_record", at=preview_shown),
    "certificate_print": Spot("medical_insurance_record", at=certificate_printed),
    "sms_phone": Spot("senior_bus_card", at=phone_typed),
}

#: 扫码取证's steps are reached as a scripted citizen reaches them: the demo holder's
#: number and name typed in, the face checked.
BY_VISITOR = {
    "collect_slip": Spot("card_collection"),
    "release_card": Spot("card_collection"),
}
SPOTS |= BY_VISITOR
#: Steps that wait for a device, which holds the idle timer (tested below, each on its own).
DEVICE_WAITS = {"release_card"}
CATALOGUE_KINDS = sorted({k for s in load_config().services for k in s.steps} - DEVICE_WAITS)


def test_every_step_kind_of_the_catalogue_has_a_spot() -> None:
    assert sorted(SPOTS) == sorted([*CATALOGUE_KINDS, *DEVICE_WAITS])
    services = {s.id: s.steps for s in load_config().services}
    assert all(k in services[spot.service] for k, spot in SPOTS.items())


def reach(window: KioskWindow, qtbot: QtBot, step_kind: str) -> None:
    spot = SPOTS[step_kind]
    spot.before(window, qtbot)
    if step_kind in BY_VISITOR:
        Visitor(window).walk_to(spot.service, VisitPlan.for_visit(0), step_kind)
        spot.at(window, qtbot)
        return
    if step_kind == "start":
        window.open_service(spot.service)  # stay on the start page
    else:
        begin(window, spot.service)
    while kind(window) != step_kind:
        assert window.flow is not None, f"the visit ended before {step_kind}"
        if kind(window) in ("identify_application", "complaint_form"):  # no ordinary action
            here = kind(window)
            spot.walk(window, qtbot)
            qtbot.waitUntil(lambda here=here: kind(window) != here, timeout=10_000)
        else:
            advance(window, qtbot)
    spot.at(window, qtbot)


def camera_off(window: KioskWindow) -> bool:
    pages = [p for p in window.flow_host.pages.findChildren(CameraPage)]
    return all(not p.view.timer.isActive() and not p.view.has_frame for p in pages)


def go_idle(window: KioskWindow, qtbot: QtBot, clock: ManualClock) -> None:
    """Let the idle time pass; the window's own timer shows the prompt."""
    idle = window.core.idle
    assert not idle.paused, "the step waits for a device, not for the citizen"
    clock.advance(idle.idle_s - 1)
    window.check_idle()
    assert not window.idle_prompt.isVisible()
    clock.advance(2)
    qtbot.waitUntil(window.idle_prompt.isVisible, timeout=5_000)
    text = screen_text(window.idle_prompt)
    assert "还需要更多时间吗？" in text and "倒计时结束后将退出办理并清除您的信息。" in text
    assert "需要，继续办理" in text and "结束办理" in text
    assert window.idle_prompt.countdown.text() == str(int(idle.prompt_s) - 1)


@pytest.mark.parametrize("step_kind", CATALOGUE_KINDS)
def test_idle_at_each_step_kind_ends_the_visit_and_wipes_it(
    step_kind: str,
    window: KioskWindow,
    qtbot: QtBot,
    idle_clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if step_kind == "fingerprint":  # nobody touches the sensor: give up on it at once
        monkeypatch.setattr(fingerprint, "CAPTURE_TIMEOUT_S", 0.3)
    core = window.core
    reach(window, qtbot, step_kind)
    session, flow = core.sessions.current, window.flow
    assert session is not None and flow is not None and kind(window) == step_kind
    held = [session.data.get(k) for k in ("card", "face_verify.probe_jpeg", IMAGE_KEY)]

    go_idle(window, qtbot, idle_clock)
    prompt_s = int(core.idle.prompt_s)
    idle_clock.advance(10)  # the countdown runs on screen (the timer's tick, called at once)
    window.check_idle()
    assert window.idle_prompt.countdown.text() == str(prompt_s - 11)
    with qtbot.waitSignal(window.session_ended, timeout=5_000) as ended:
        idle_clock.advance(prompt_s)
        window.check_idle()
    assert ended.args == [EndReason.TIMEOUT.value]

    assert core.sessions.current is None and session.ended is EndReason.TIMEOUT
    assert len(session.data) == 0  # personal data gone
    for item in held:
        if item is None:
            continue
        if isinstance(item, bytearray | np.ndarray):
            assert not np.asarray(item).any()  # zeroed in place
        else:
            assert item.wiped
    assert window.flow is None and flow.outcome is FlowOutcome.TIMEOUT
    assert camera_off(window)
    assert window.stack.currentWidget() is window.home and not window.idle_prompt.isVisible()
    assert "请选择要办理的事项" in screen_text(window)


def test_more_time_keeps_the_visit(
    window: KioskWindow, qtbot: QtBot, idle_clock: ManualClock
) -> None:
    reach(window, qtbot, "confirm")
    session = window.core.sessions.current
    go_idle(window, qtbot, idle_clock)
    click(qtbot, window.idle_prompt.more_button)
    assert not window.idle_prompt.isVisible()
    assert window.core.sessions.current is session and kind(window) == "confirm"
    idle_clock.advance(window.core.idle.idle_s - 1)  # a whole idle time again from now
    window.check_idle()
    assert not window.idle_prompt.isVisible() and "card" in session.data


def test_printing_holds_the_idle_timer(
    window: KioskWindow, qtbot: QtBot, idle_clock: ManualClock
) -> None:
    model = device(window, "printer").simulator.model
    model.set_line_delay(60.0)  # the printer takes its time: the slip is still coming out
    begin(window, "id_card_renewal")
    walk_to(window, qtbot, "print_slip")
    step = window.flow.current
    qtbot.waitUntil(lambda: model.queued > 0, timeout=5_000)
    assert step.state is SlipState.PRINTING and window.core.idle.paused
    assert "正在打印凭条，请稍候……" in screen_text(window)

    idle_clock.advance(10 * window.core.idle.idle_s)  # a long print: no prompt, no timeout
    window.check_idle()
    assert not window.idle_prompt.isVisible() and kind(window) == "print_slip"

    model.set_line_delay(0.0)
    qtbot.waitUntil(lambda: step.state is SlipState.PRINTED, timeout=10_000)
    window.check_idle()  # the wait is over: the idle time counts afresh from here
    assert not window.idle_prompt.isVisible() and not window.core.idle.paused
    go_idle(window, qtbot, idle_clock)


def test_fingerprint_capture_holds_the_idle_timer(
    window: KioskWindow, qtbot: QtBot, idle_clock: ManualClock
) -> None:
    sensor = device(window, "fingerprint").simulator
    no_finger(window, qtbot)
    begin(window, "id_card_renewal")
    walk_to(window, qtbot, "fingerprint")
    assert sensor.wait_for_reader(5.0)  # the reader waits for a finger
    assert window.core.idle.paused
    assert "请将右手食指平放在指纹仪上" in screen_text(window)

    idle_clock.advance(10 * window.core.idle.idle_s)
    window.check_idle()
    assert not window.idle_prompt.isVisible() and kind(window) == "fingerprint"

    sensor.place_finger()
    qtbot.waitUntil(lambda: "请将左手食指平放在指纹仪上" in screen_text(window), timeout=5_000)
    sensor.place_finger()  # the right finger again: refused, the citizen is told
    qtbot.waitUntil(lambda: "这个手指刚才已经采集过了" in screen_text(window), timeout=5_000)
    assert "请将左手食指平放在指纹仪上" in screen_text(window) and kind(window) == "fingerprint"
    sensor.place_finger(finger=FINGER_A_LEFT)
    qtbot.waitUntil(lambda: kind(window) == "sms_phone", timeout=5_000)  # the next step
    window.check_idle()
    assert not window.idle_prompt.isVisible() and not window.core.idle.paused


def test_a_card_being_handed_out_holds_the_idle_timer(
    window: KioskWindow, qtbot: QtBot, idle_clock: ManualClock
) -> None:
    """The dispenser presents the card and takes it back itself if nobody takes it:
    the visit does not end under it, however long the citizen stands there."""
    reach(window, qtbot, "release_card")
    session, idle = window.core.sessions.current, window.core.idle
    step = window.flow.current
    assert idle.paused
    idle_clock.advance(idle.idle_s + idle.prompt_s + 1)
    window.check_idle()
    assert not window.idle_prompt.isVisible()
    assert window.core.sessions.current is session and window.flow.current is step
