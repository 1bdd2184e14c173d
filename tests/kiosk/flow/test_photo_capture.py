"""photo_capture on the simulated camera: guidance per frame, automatic capture, retake."""

from __future__ import annotations

import base64

import cv2
import numpy as np
import pytest

from drivers.camera.on_simulator import SimulatedCamera
from kiosk.flow.camera_steps import Debouncer
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.photo import IMAGE_KEY, PhotoCapture, PhotoState
from kiosk.visit.session import SessionManager
from tests.kiosk.flow.helpers import Loop, make_flow


@pytest.fixture
def started(
    env: FlowEnv, camera: SimulatedCamera, loop: Loop, sessions: SessionManager
) -> tuple[Flow, PhotoCapture, Loop]:
    env.run_async = loop.run_async
    env.devices = FlowDevices({"camera": camera})
    flow = make_flow(env, sessions, "id_card_reissue", "photo_capture", "confirm")
    camera.simulator.scene.show_person("person_a", "off_centre")
    flow.start()
    step = flow.current
    assert isinstance(step, PhotoCapture)
    return flow, step, loop


def test_off_centre_is_guided_then_a_compliant_face_is_taken(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera
) -> None:
    flow, step, loop = started
    shown: list[str | None] = []
    step.add_listener(lambda s: shown.append(s.guidance))
    loop.until(lambda: step.guidance == "MOVE_LEFT")
    assert step.state is PhotoState.LIVE and not step.can_capture and step.hold_progress == 0
    assert step.preview_frame() is not None
    camera.simulator.scene.show_person("person_a", "compliant")
    loop.until(lambda: step.state is PhotoState.REVIEW)
    assert step.photo is not None and step.photo.shape == (441, 358, 3)
    assert step.preview_frame() is None and not step.looping  # review: the camera is off
    # the guidance followed the frames: left, then nothing to correct
    assert shown.index("MOVE_LEFT") < len(shown) - 1 - shown[::-1].index(None)
    step.accept()
    assert flow.current.kind == "confirm"
    jpeg = base64.b64decode(flow.session.data["case.pii"]["photo"])
    photo = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert photo.shape == (441, 358, 3)
    assert flow.session.data["case.payload"]["id_photo"]["width"] == 358
    assert step.photo is None  # only session data holds it now
    kept = flow.session.data[IMAGE_KEY]
    flow.session.data.wipe()
    assert not kept.any()  # zeroed with the session


def test_retake_goes_back_to_the_live_picture(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera
) -> None:
    flow, step, loop = started
    step.hold_s = 0.3
    camera.simulator.scene.show_person("person_a", "compliant")
    loop.until(lambda: step.state is PhotoState.REVIEW)
    first = step.photo
    step.retake()
    assert step.state is PhotoState.LIVE and step.photo is None and step.looping
    assert not first.any()  # the discarded photo is zeroed
    assert flow.session.data.get(IMAGE_KEY) is None
    loop.until(lambda: step.state is PhotoState.REVIEW)
    assert step.photo.shape == (441, 358, 3)
    step.accept()
    flow.back()  # coming back shows the photo taken, not a new session with the camera
    assert flow.current is step and step.state is PhotoState.REVIEW and not step.looping


def test_the_button_takes_the_photo_once_compliant(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera
) -> None:
    _flow, step, loop = started
    step.hold_s = 60.0  # no automatic capture in this test
    step.capture()
    assert step.state is PhotoState.LIVE  # not compliant yet: the button does nothing
    camera.simulator.scene.show_person("person_a", "compliant")
    loop.until(lambda: step.can_capture)
    assert 0 <= step.hold_progress < 1
    step.capture()
    assert step.state is PhotoState.CAPTURING and not step.looping
    loop.until(lambda: step.state is PhotoState.REVIEW)


def test_nobody_and_two_people_are_told_apart(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera
) -> None:
    _flow, step, loop = started
    camera.simulator.scene.show_frame("two_people")
    loop.until(lambda: step.guidance == "MULTIPLE_FACES")
    camera.simulator.scene.show_frame("no_face")
    loop.until(lambda: step.guidance == "NO_FACE")
    assert step.state is PhotoState.LIVE and step.error is None


def test_camera_that_stops_delivering_is_reported(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera
) -> None:
    _flow, step, loop = started
    step.frame_wait_s, step.no_frames_s = 0.2, 0.6
    camera.simulator.freeze()
    loop.until(lambda: step.error is not None)
    assert step.error.code == "CAMERA_NO_FRAMES" and not step.looping


def test_debounce_ignores_a_flicker() -> None:
    d = Debouncer(0.5)
    seen = [d.add(i / 15, v) for i, v in enumerate(["A"] * 6 + ["B"] + ["A"] * 3 + ["B"] * 9)]
    assert seen[6] == "A"  # one frame of B does not change the text
    assert seen[-1] == "B"  # B held for most of the window: now it shows
    assert seen.index("B") > 10


def test_an_attempt_that_never_complies_stops_and_says_why(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera, env: FlowEnv
) -> None:
    _flow, step, loop = started
    assert step.timeout_s == env.config.capture.photo.timeout_s  # configured, not a constant
    step.timeout_s = 0.8
    loop.until(lambda: step.error is not None)
    assert step.error.code == "PHOTO_TIMEOUT"
    assert step.timeout_reason == "MOVE_LEFT"  # the check that failed most: why no photo
    assert step.state is PhotoState.STOPPED and not step.looping
    assert step.preview_frame() is None  # the camera picture is off while stopped
    assert step.can_retry and not env.idle.paused  # nothing keeps the visit alive now
    step.retry()
    assert step.error is None and step.state is PhotoState.LIVE and step.looping
    assert step.timeout_reason is None
    camera.simulator.scene.show_person("person_a", "compliant")
    loop.until(lambda: step.state is PhotoState.REVIEW)
    assert step.error is None and step.timeouts == 1


def test_after_the_last_attempt_only_staff_can_help(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera
) -> None:
    _flow, step, loop = started
    step.timeout_s, step.max_attempts = 0.5, 2
    camera.simulator.scene.show_frame("no_face")
    loop.until(lambda: step.error is not None)
    assert step.error.code == "PHOTO_TIMEOUT" and step.timeout_reason == "NO_FACE"
    step.retry()
    loop.until(lambda: step.error is not None)
    assert step.error.code == "PHOTO_TIMEOUT_LIMIT" and not step.can_retry
    step.retry()  # does nothing
    assert step.state is PhotoState.STOPPED and not step.looping
    step.leave()
    step.enter()  # coming back to the step does not buy attempts
    assert step.error.code == "PHOTO_TIMEOUT_LIMIT" and not step.looping


def test_a_compliant_run_is_not_cut_short_by_the_timeout(
    started: tuple[Flow, PhotoCapture, Loop], camera: SimulatedCamera
) -> None:
    _flow, step, loop = started
    camera.simulator.scene.show_person("person_a", "compliant")
    loop.until(lambda: step.guidance is None)
    step.timeout_s = 0.0  # already over: only a non-compliant frame may stop the attempt
    loop.until(lambda: step.state is not PhotoState.LIVE)
    loop.until(lambda: step.state is PhotoState.REVIEW)
    assert step.error is None
