"""Camera pages on the simulated camera: live preview, challenge prompts, photo review."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from drivers.camera import synthetic
from drivers.camera.citizen import Citizen
from drivers.camera.on_simulator import SimulatedCamera, SimulatedCameraSettings
from kiosk.config.schema import load_config
from kiosk.face import ChallengeAction, ChallengeKind, SimulatedFaceMatcher
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.face_verify import MAX_MISMATCHES, Phase
from kiosk.flow.services import FlowServices
from kiosk.visit.idle import IdleTracker
from kiosk.visit.session import SessionManager
from ui.executor import GuiExecutor
from ui.flow_host import FlowHost
from ui.steps.camera import FaceVerifyPage, PhotoCapturePage
from ui.steps.identity import ConfirmPage


@pytest.fixture
def camera() -> Iterator[SimulatedCamera]:
    device = SimulatedCamera(SimulatedCameraSettings(transport="direct", scenario="person"))
    device.open()
    device.simulator.scene.blink_every_s = 0.5
    yield device
    device.close()


@pytest.fixture
def start(host: FlowHost, camera: SimulatedCamera) -> Iterator[Callable[..., Flow]]:
    executor = GuiExecutor(parent=host)
    sessions = SessionManager()

    def run(steps: list[str], matcher: Any = None) -> Flow:
        config = load_config()
        env = FlowEnv(
            config=config,
            idle=IdleTracker(60, 30),
            devices=FlowDevices({"camera": camera}),
            services=FlowServices(face_matcher=matcher or SimulatedFaceMatcher()),
            run_async=executor.run,
        )
        service = config.service("id_card_renewal").model_copy(update={"steps": steps})
        flow = Flow(service, sessions.start(service.id), env)
        # the card read by the previous step: person A's chip photo
        flow.session.data["card"] = SimpleNamespace(
            photo=synthetic.asset("person_a_idcard"), wiped=False
        )
        host.run(flow, "zh")
        return flow

    yield run
    if sessions.current is not None and host.flow is not None and host.flow.outcome is None:
        host.flow.cancel()
    executor.shutdown()


def citizen(camera: SimulatedCamera, step: Any) -> Callable[[], None]:
    """Does what the screen asks, a moment after being asked; blinks on its own."""
    person = Citizen(camera)
    return lambda: person.act(step)


def test_face_page_prompts_the_challenge_then_retries_after_a_mismatch(
    host: FlowHost, start: Callable[..., Flow], camera: SimulatedCamera, qtbot: QtBot
) -> None:
    flow = start(["face_verify", "confirm"], SimulatedFaceMatcher([False, True]))
    page = host.current_page
    assert isinstance(page, FaceVerifyPage)
    step = flow.current
    blink, turn = (
        ChallengeAction(ChallengeKind.BLINK, 0.5),
        ChallengeAction(ChallengeKind.TURN_LEFT),
    )
    step.draw_challenge = lambda settings: [blink, turn]
    act = citizen(camera, step)
    qtbot.waitUntil(lambda: page.view.has_frame and page.view.timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: step.phase is Phase.CHALLENGE, timeout=5000)
    assert step.challenge_step is None  # the pause before the first prompt
    assert page.instruction.text() == "请看着屏幕，保持不动"
    qtbot.waitUntil(lambda: step.challenge_step == "blink", timeout=5000)
    assert page.instruction.text() == "请眨一眨眼睛"
    assert page.detail.text() == "第 1 个动作，共 2 个"
    seen_turn: list[str] = []

    def until_mismatch() -> bool:
        act()
        if step.challenge_step in ("turn_left", "turn_right"):
            seen_turn.append(page.instruction.text())
        return step.error is not None

    qtbot.waitUntil(until_mismatch, timeout=15_000)
    assert seen_turn and seen_turn[-1] == "请慢慢向左转头"
    assert step.error.code == "FACE_MISMATCH"
    assert page.instruction.text() == "比对未通过"
    assert host.error_banner.isVisible() and "重试" in host.error_banner.text()
    assert page.retry_button.isVisible()
    page.retry_button.click()
    assert not host.error_banner.isVisible()

    def until_next() -> bool:
        act()
        return isinstance(host.current_page, ConfirmPage)

    qtbot.waitUntil(until_next, timeout=15_000)
    # the face page is not current any more: its preview is off and holds no frame
    assert not page.view.timer.isActive() and not page.view.has_frame


def test_after_the_last_mismatch_only_staff_can_help(
    host: FlowHost, start: Callable[..., Flow], camera: SimulatedCamera, qtbot: QtBot
) -> None:
    flow = start(["face_verify", "confirm"], SimulatedFaceMatcher([False]))
    page = host.current_page
    step = flow.current
    step.mismatches = MAX_MISMATCHES - 1  # two attempts already failed in this visit
    act = citizen(camera, step)
    qtbot.waitUntil(lambda: (act(), step.error is not None)[1], timeout=15_000)
    assert step.error.code == "FACE_MISMATCH_LIMIT"
    assert not page.retry_button.isVisible()
    assert "请工作人员协助" in page.detail.text()
    assert "请工作人员协助" in host.error_banner.text()
    assert not page.view.timer.isActive() and not page.view.has_frame


def test_photo_page_guides_captures_retakes_and_accepts(
    host: FlowHost, start: Callable[..., Flow], camera: SimulatedCamera, qtbot: QtBot
) -> None:
    camera.simulator.scene.show_person("person_a", "off_centre")
    flow = start(["photo_capture", "confirm"])
    page = host.current_page
    assert isinstance(page, PhotoCapturePage)
    step = flow.current
    qtbot.waitUntil(lambda: page.instruction.text() == "请向左移一点", timeout=5000)
    assert page.view.timer.isActive() and page.view.has_frame
    assert page.capture_button.isVisible() and not page.capture_button.isEnabled()
    assert not page.accept_button.isVisible()
    camera.simulator.scene.show_person("person_a", "compliant")
    qtbot.waitUntil(lambda: page.accept_button.isVisible(), timeout=10_000)
    assert page.photo_view.isVisible() and page.photo_view.image_size == (358, 441)
    assert not page.view.timer.isActive() and not page.view.has_frame  # review: camera off
    assert page.instruction.text() == "请确认照片"
    page.retake_button.click()
    assert page.view.isVisible() and page.view.timer.isActive()
    assert page.photo_view.image_size is None
    qtbot.waitUntil(lambda: page.accept_button.isVisible(), timeout=10_000)
    page.accept_button.click()
    assert isinstance(host.current_page, ConfirmPage)
    assert "photo" in flow.session.data["case.pii"]
    assert not page.view.timer.isActive() and page.photo_view.image_size is None
    assert step.photo is None


def test_cancel_turns_the_preview_off(
    host: FlowHost, start: Callable[..., Flow], qtbot: QtBot
) -> None:
    flow = start(["photo_capture", "confirm"])
    page = host.current_page
    qtbot.waitUntil(lambda: page.view.has_frame, timeout=5000)
    shown = page.view.frames_shown
    qtbot.waitUntil(lambda: page.view.frames_shown > shown, timeout=5000)  # it is live
    flow.cancel()
    assert not page.view.timer.isActive() and not page.view.has_frame


def test_photo_page_says_why_after_the_time_runs_out_and_offers_a_retry(
    host: FlowHost, start: Callable[..., Flow], camera: SimulatedCamera, qtbot: QtBot
) -> None:
    camera.simulator.scene.show_person("person_a", "off_centre")
    flow = start(["photo_capture", "confirm"])
    page = host.current_page
    step = flow.current
    step.timeout_s, step.max_attempts = 0.8, 2
    qtbot.waitUntil(lambda: step.error is not None, timeout=10_000)
    assert page.instruction.text() == "没能拍成照片"
    assert page.detail.text().startswith("拍摄时一直提示“请向左移一点”。")
    assert "再拍一次" in page.detail.text() and "请工作人员协助" in page.detail.text()
    assert host.error_banner.isVisible()
    assert host.error_banner.text() == "照片一直没有达到要求，已暂停拍摄。"
    assert page.retry_button.isVisible() and not page.capture_button.isVisible()
    assert not page.view.timer.isActive() and not page.view.has_frame  # camera off
    assert host.cancel_button.isVisible()  # or give up
    page.retry_button.click()
    assert not host.error_banner.isVisible() and page.view.timer.isActive()
    qtbot.waitUntil(lambda: step.error is not None, timeout=10_000)  # second and last attempt
    assert step.error.code == "PHOTO_TIMEOUT_LIMIT"
    assert not page.retry_button.isVisible()
    assert "请工作人员协助" in page.detail.text() and "请工作人员协助" in host.error_banner.text()
