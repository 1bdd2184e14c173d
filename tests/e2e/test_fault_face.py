"""Face comparison fails through the window: told why, retry, pass; three failures stop it.

The simulated camera shows a scripted citizen (blinks, turns when asked); the
face matcher is the scripted test double, so the comparison's verdict is set
by the test while liveness and the page run for real.
"""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from drivers.camera.citizen import Citizen
from kiosk.face import SimulatedFaceMatcher
from kiosk.flow.face_verify import MAX_MISMATCHES, FaceVerify, Phase
from kiosk.visit.session import EndReason
from tests.e2e.conftest import kind, screen_text
from tests.e2e.fault_walk import click, device, page, walk_to
from tests.windows import begin
from ui.main_window import KioskWindow

MISMATCH = "人脸与证件照片比对未通过，请摘下帽子和眼镜，正对摄像头后点“重试”。"
LIMIT = "人脸比对多次未通过，请点击右上角“请工作人员协助”。"


def at_face_check(window: KioskWindow, qtbot: QtBot, matcher: SimulatedFaceMatcher) -> Citizen:
    window.core.flow_services.face_matcher = matcher
    begin(window, "id_card_renewal")
    walk_to(window, qtbot, "face_verify")
    return Citizen(device(window, "camera"))


def act_until(qtbot: QtBot, citizen: Citizen, step: object, done: Callable[[], bool]) -> None:
    """The citizen follows the screen (looks, blinks, turns) until ``done``."""

    def acting() -> bool:
        citizen.act(step)
        return done()

    qtbot.waitUntil(acting, timeout=30_000)


def act_until_compared(
    window: KioskWindow, qtbot: QtBot, citizen: Citizen, step: FaceVerify
) -> None:
    """Until the face check shows a problem that is not a failed liveness check.

    The simulated citizen can react late on a busy machine and fail liveness, as a
    person can; like a person, it presses 重试. Mismatches are what these tests count.
    """
    for _ in range(3):
        act_until(qtbot, citizen, step, lambda: step.error is not None)
        if step.error.code != "LIVENESS_FAILED":
            return
        click(qtbot, page(window).retry_button)
    raise AssertionError("liveness failed three times in a row")


def assert_preview_off(window: KioskWindow) -> None:
    view = page(window).view
    assert not view.timer.isActive() and not view.has_frame
    assert view.placeholder == "摄像头画面已关闭"


def test_face_mismatch_then_match(window: KioskWindow, qtbot: QtBot) -> None:
    matcher = SimulatedFaceMatcher([False, True])
    citizen = at_face_check(window, qtbot, matcher)
    step = window.flow.current
    session = window.core.sessions.current

    act_until_compared(window, qtbot, citizen, step)
    assert step.error.code == "FACE_MISMATCH" and step.phase is Phase.STOPPED
    text = screen_text(window)
    assert "比对未通过" in text and MISMATCH in text and "准备好后请点“重试”。" in text
    assert page(window).retry_button.isVisible() and not page(window).next_button.isVisible()
    assert_preview_off(window)  # stopped: no live picture of the citizen
    assert not window.core.idle.paused

    click(qtbot, page(window).retry_button)
    assert step.error is None and MISMATCH not in screen_text(window)
    act_until(qtbot, citizen, step, lambda: kind(window) != "face_verify")
    assert kind(window) == "photo_capture"
    assert matcher.calls == 2
    assert session.data["case.payload"]["face_verify"]["attempts"] == 2


def test_three_mismatches_stop_and_send_for_staff(window: KioskWindow, qtbot: QtBot) -> None:
    matcher = SimulatedFaceMatcher([False] * MAX_MISMATCHES)
    citizen = at_face_check(window, qtbot, matcher)
    step = window.flow.current
    session = window.core.sessions.current

    for attempt in range(1, MAX_MISMATCHES + 1):
        act_until_compared(window, qtbot, citizen, step)
        assert step.mismatches == attempt, (step.error, step.liveness_reason)
        if attempt < MAX_MISMATCHES:
            assert MISMATCH in screen_text(window)
            click(qtbot, page(window).retry_button)

    assert step.error.code == "FACE_MISMATCH_LIMIT" and not step.can_retry
    text = screen_text(window)
    assert LIMIT in text and "请点击右上角“请工作人员协助”，工作人员会来帮您。" in text
    assert not page(window).retry_button.isVisible()
    assert_preview_off(window)
    assert matcher.calls == MAX_MISMATCHES and kind(window) == "face_verify"

    click(qtbot, window.top_bar.help_button)  # "请工作人员协助"
    outbox = window.core.outbox
    qtbot.waitUntil(
        lambda: any(r.type == "help_request" for r in outbox.rows(limit=20)), timeout=5_000
    )
    card = session.data["card"]
    with qtbot.waitSignal(window.session_ended, timeout=10_000) as ended:
        click(qtbot, window.flow_host.cancel_button)
    assert ended.args == [EndReason.CANCELLED.value]
    assert card.wiped and len(session.data) == 0
    assert [r.type for r in outbox.rows(limit=20)] == ["help_request"]  # no case was filed
