"""face_verify on the simulated camera: liveness, then the card's photo or the platform decides."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from drivers.camera import synthetic
from drivers.camera.citizen import Citizen
from drivers.camera.on_simulator import SimulatedCamera
from drivers.camera.scene import Recording
from drivers.idcard.on_simulator import SimulatedSamReader
from kiosk.cases.case import add_to_case
from kiosk.config.schema import KioskConfig, load_config
from kiosk.face import (
    ChallengeAction,
    ChallengeKind,
    DlibFaceMatcher,
    LivenessSettings,
    NoFaceError,
    SimulatedFaceMatcher,
    draw_challenge,
)
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.face_verify import MAX_MISMATCHES, FaceVerify, Phase
from kiosk.visit.session import SessionManager
from offline_queue.client import IdentityResult, PlatformClient
from offline_queue.sim import PlatformSimulator
from offline_queue.sim.identity import Person, SyntheticRegistry, synthetic_id
from tests.kiosk.flow.helpers import Loop, make_flow

TOKEN = "t0ken"
#: A face check runs several liveness challenges on real frames; on a loaded runner
#: a test may wait long for them (the step's own timeouts are lifted, see ``config``).
pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def config() -> KioskConfig:
    """The kiosk's configuration with the face check's timeouts as long as they go.

    These tests are about what the step decides, not about how fast a loaded
    machine analyses frames: on a busy CI runner a citizen's blink was once
    seen after the 10 s an action may take. The tests of the timeouts set
    their own, short ones on the step.
    """
    config = load_config()
    capture = config.capture
    patient = capture.face_verify.model_copy(
        update={"liveness_timeout_s": 120.0, "position_timeout_s": 300.0}
    )
    return config.model_copy(
        update={"capture": capture.model_copy(update={"face_verify": patient})}
    )


def read_card(flow: Flow, reader: SimulatedSamReader, loop: Loop) -> None:
    """Run the read_id_card step with the simulated card of 张三 (person A's photo)."""
    events: queue.SimpleQueue[Any] = queue.SimpleQueue()
    reader.add_listener(events.put)
    reader.simulator.place_card()

    def pump() -> None:
        while not events.empty():
            flow.on_device_event("idcard", events.get())

    loop.until(lambda: flow.current is None or flow.current.kind != "read_id_card", pump)


@pytest.fixture
def renewal(
    env: FlowEnv,
    loop: Loop,
    camera: SimulatedCamera,
    sam: SimulatedSamReader,
    sessions: SessionManager,
) -> Callable[[Any], Flow]:
    """A renewal flow cut to read card → face check → confirm, at the face check."""

    def start(matcher: Any) -> Flow:
        env.run_async = loop.run_async
        env.devices = FlowDevices({"camera": camera, "idcard": sam})
        env.services.face_matcher = matcher
        flow = make_flow(env, sessions, "id_card_renewal", "read_id_card", "face_verify", "confirm")
        flow.start()
        read_card(flow, sam, loop)
        assert flow.session.data["card"].photo is not None
        assert flow.current.kind == "face_verify"
        return flow

    return start


def leaves_step(flow: Flow, step: FaceVerify) -> Callable[[], bool]:
    return lambda: flow.current is not step or step.error is not None


def test_live_person_a_matches_the_card_of_person_a(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    matcher = SimulatedFaceMatcher()
    flow = renewal(matcher)
    step = flow.current
    citizen = Citizen(camera)
    seen: set[str] = set()

    def watch() -> None:
        citizen.act(step)
        if step.challenge_step:
            seen.add(step.challenge_step)

    loop.until(leaves_step(flow, step), watch)
    assert step.error is None and flow.current.kind == "confirm"
    assert matcher.calls == 1
    result = flow.session.data["case.payload"]["face_verify"]
    assert result["method"] == "card_photo" and result["attempts"] == 1
    # two different actions, each shown to the citizen as it came
    assert len(set(result["liveness"])) == 2 and seen == set(result["liveness"])
    probe = bytes(flow.session.data["face_verify.probe_jpeg"])
    assert "face_probe_jpeg" not in flow.session.data.get("case.pii", {})  # not submitted
    image = cv2.imdecode(np.frombuffer(probe, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (441, 358, 3)  # an ID-photo crop, not the whole frame
    # nothing of the camera is kept once the step is left
    assert step._probe is None and step.preview_frame() is None and not step.looping
    pii = flow.session.data["case.pii"]
    flow.cancel()
    flow.session.data.wipe()
    assert pii == {}


def test_real_matcher_end_to_end(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    flow = renewal(DlibFaceMatcher())
    step = flow.current
    citizen = Citizen(camera)
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is None, step.error
    assert step.score is not None and step.score > 0.5  # 0.5 is the threshold
    assert flow.current.kind == "confirm"


def test_face_mismatch_then_match(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    matcher = SimulatedFaceMatcher([False, True])
    flow = renewal(matcher)
    step = flow.current
    citizen = Citizen(camera)
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is not None and step.error.code == "FACE_MISMATCH"
    assert step.can_retry and step.mismatches == 1 and step.phase is Phase.STOPPED
    assert not step.busy and not flow.env.idle.paused
    assert step.preview_frame() is None  # stopped: no live picture
    assert "face_probe_jpeg" not in flow.session.data.get("case.pii", {})
    step.retry()
    assert step.error is None and step.phase is Phase.POSITIONING
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is None and flow.current.kind == "confirm"
    assert matcher.calls == 2
    assert flow.session.data["case.payload"]["face_verify"]["attempts"] == 2


def test_three_mismatches_stop_the_retries(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    flow = renewal(SimulatedFaceMatcher([False] * MAX_MISMATCHES))
    step = flow.current
    citizen = Citizen(camera)
    for attempt in range(1, MAX_MISMATCHES + 1):
        loop.until(leaves_step(flow, step), lambda: citizen.act(step))
        assert step.mismatches == attempt
        step.retry()
    assert step.error is not None and step.error.code == "FACE_MISMATCH_LIMIT"
    assert not step.can_retry and step.phase is Phase.STOPPED  # the retry above did nothing
    flow.back()  # going back (the card is read: straight forward again) buys no attempt
    assert flow.current is step and step.mismatches == MAX_MISMATCHES
    assert step.error.code == "FACE_MISMATCH_LIMIT" and not step.looping


def test_nobody_in_front_of_the_camera_is_guided_then_told(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    camera.simulator.scene.show_frame("no_face")
    flow = renewal(SimulatedFaceMatcher())
    step = flow.current
    step.position_timeout_s = 0.8
    loop.until(lambda: step.guidance == "NO_FACE" or step.error is not None)
    assert step.error is None and step.phase is Phase.POSITIONING  # guidance, not a failure
    assert step.preview_frame() is not None
    loop.until(lambda: step.error is not None)
    assert step.error.code == "FACE_NOT_FOUND" and step.can_retry
    citizen = Citizen(camera)
    step.retry()
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert flow.current.kind == "confirm"


def test_liveness_times_out_without_the_actions(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    scene = camera.simulator.scene
    scene.blink_every_s = 0  # a photo held up: never blinks
    scene.show_person("person_a", "compliant")
    flow = renewal(SimulatedFaceMatcher())
    step = flow.current
    step.liveness_settings = LivenessSettings(timeout_s=0.6)
    loop.until(lambda: step.error is not None)
    assert step.error.code == "LIVENESS_FAILED" and step.liveness_reason == "LIVENESS_TIMEOUT"
    assert step.can_retry and step.mismatches == 0


def test_cancel_mid_challenge_drops_every_frame(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    flow = renewal(SimulatedFaceMatcher())
    step = flow.current
    camera.simulator.scene.blink_every_s = 0
    loop.until(lambda: step.phase is Phase.CHALLENGE and step._probe is not None)
    flow.cancel()
    assert not step.active and not step.looping and step._probe is None
    assert step.preview_frame() is None
    loop.until(lambda: loop.posted.empty())  # a late result is ignored
    assert step._probe is None


def test_no_camera_is_a_device_problem(env: FlowEnv, loop: Loop, sessions: SessionManager) -> None:
    env.run_async = loop.run_async
    env.devices = FlowDevices({})
    flow = make_flow(env, sessions, "id_card_reissue", "face_verify", "confirm")
    add_to_case(flow.session.data, pii={"id_number": synthetic_id("110105", "19800101", "001")})
    env.platform = object()
    flow.start()
    step = flow.current
    assert step.error is not None and step.error.code == "DEVICE_MISSING" and step.can_retry


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[tuple[PlatformSimulator, PlatformClient, Person, Any]]:
    """The platform simulator over HTTP, with person A on record and a scripted matcher."""
    ok, png = cv2.imencode(".jpg", synthetic.asset("person_a_idcard"))
    assert ok
    person = Person(synthetic_id("110105", "19900307", "005"), "张三", png.tobytes())
    matcher = SimulatedFaceMatcher([False, True])
    shapes: list[tuple[int, ...]] = []

    def compare(live_jpeg: bytes, record_jpeg: bytes) -> float:
        live = cv2.imdecode(np.frombuffer(live_jpeg, np.uint8), cv2.IMREAD_COLOR)
        record = cv2.imdecode(np.frombuffer(record_jpeg, np.uint8), cv2.IMREAD_COLOR)
        shapes.append(live.shape)
        return matcher.compare(record, live).score

    sim = PlatformSimulator(
        tmp_path / "platform.db",
        token=TOKEN,
        registry=SyntheticRegistry([person]),
        face_matcher=compare,
    ).start()
    client = PlatformClient(sim.url, "kiosk-test", TOKEN)
    yield sim, client, person, (matcher, shapes)
    client.close()
    sim.stop()


@pytest.fixture
def reissue(
    env: FlowEnv,
    loop: Loop,
    camera: SimulatedCamera,
    sessions: SessionManager,
    platform: tuple[PlatformSimulator, PlatformClient, Person, Any],
) -> Callable[[str], Flow]:
    """A reissue cut to face check → confirm, for the platform's person under a name,
    no card photo: the platform compares the face."""
    _sim, client, person, _ = platform

    def start(name: str) -> Flow:
        env.run_async = loop.run_async
        env.devices = FlowDevices({"camera": camera})
        env.platform = client
        flow = make_flow(env, sessions, "id_card_reissue", "face_verify", "confirm")
        add_to_case(flow.session.data, pii={"id_number": person.id_number, "name": name})
        flow.start()
        return flow

    return start


def test_lost_card_asks_the_platform(
    reissue: Callable[[str], Flow],
    env: FlowEnv,
    loop: Loop,
    camera: SimulatedCamera,
    platform: tuple[PlatformSimulator, PlatformClient, Person, Any],
) -> None:
    sim, _client, person, (matcher, shapes) = platform
    env.services.face_matcher = SimulatedFaceMatcher(default=False)  # must not be used
    flow = reissue(person.name)
    step = flow.current
    citizen = Citizen(camera)
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is not None and step.error.code == "FACE_MISMATCH"  # scripted first
    step.retry()
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is None and flow.current.kind == "confirm"
    assert sim.requests["identity"] == 2 and matcher.calls == 2
    assert shapes == [(441, 358, 3)] * 2  # the probe crop went over the wire
    assert env.services.face_matcher.calls == 0
    result = flow.session.data["case.payload"]["face_verify"]
    assert result["method"] == "platform" and result["score"] > 0.6


def test_unknown_person_on_the_platform(
    reissue: Callable[[str], Flow], loop: Loop, camera: SimulatedCamera
) -> None:
    flow = reissue("李四")
    step = flow.current
    citizen = Citizen(camera)
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is not None and step.error.code == "PERSON_NOT_FOUND"
    assert not step.can_retry


def test_unusable_card_photo_falls_back_to_the_platform(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera, env: FlowEnv
) -> None:
    asked: list[tuple[str, str, dict]] = []

    class Platform:
        def verify_identity(
            self, id_number: str, name: str, face_jpeg: bytes, liveness: dict
        ) -> IdentityResult:
            asked.append((id_number, name, liveness))
            return IdentityResult(match=True, score=0.9)

    env.platform = Platform()
    flow = renewal(SimulatedFaceMatcher([NoFaceError("reference")]))
    step = flow.current
    citizen = Citizen(camera)
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is None and flow.current.kind == "confirm"
    card = flow.session.data["card"]
    result = flow.session.data["case.payload"]["face_verify"]
    method = "blink" if "blink" in result["liveness"] else "turn"
    assert asked == [(card.id_number, card.name, {"method": method, "passed": True})]
    assert result["method"] == "platform"


# ---- a recording of an earlier check played back to the camera

LEFT, RIGHT, UP, BLINK = (
    ChallengeKind.TURN_LEFT,
    ChallengeKind.TURN_RIGHT,
    ChallengeKind.LOOK_UP,
    ChallengeKind.BLINK,
)


def draws(*scripted: list[ChallengeAction]) -> Callable[[Any], list[ChallengeAction]]:
    """The challenges of the next attempts, then fresh CSPRNG draws."""
    queue = list(scripted)
    return lambda settings: queue.pop(0) if queue else draw_challenge(settings)


def record_a_passed_check(
    renewal: Callable[[Any], Flow], loop: Loop, camera: SimulatedCamera, *then: Any
) -> tuple[Flow, FaceVerify, SimulatedFaceMatcher, Recording]:
    """A live citizen passes the liveness check while the camera's frames are recorded
    from the first prompt on; the comparison is scripted to refuse, so the same step
    takes a new attempt."""
    matcher = SimulatedFaceMatcher([False, True])
    flow = renewal(matcher)
    step = flow.current
    step.draw_challenge = draws([ChallengeAction(LEFT, 0.5), ChallengeAction(UP, 0.5)], *then)
    scene = camera.simulator.scene
    citizen = Citizen(camera)
    recording = [False]

    def act() -> None:
        citizen.act(step)
        if step.phase is Phase.CHALLENGE and not recording[0]:
            recording[0] = True
            scene.start_recording()

    loop.until(leaves_step(flow, step), act)
    recorded = scene.stop_recording()
    assert step.error is not None and step.error.code == "FACE_MISMATCH"  # liveness passed
    assert matcher.calls == 1 and recorded.duration_s > 1.0
    return flow, step, matcher, recorded


def replay_is_refused(
    flow: Flow, step: FaceVerify, matcher: Any, loop: Loop, camera: SimulatedCamera, video: Any
) -> None:
    """The impostor holds the video up, paused, and starts it when the kiosk starts asking."""
    scene = camera.simulator.scene
    scene.play(video, paused=True)

    def press_play() -> None:
        if step.phase is Phase.CHALLENGE:
            scene.resume()

    step.retry()
    loop.until(leaves_step(flow, step), press_play)
    assert step.error is not None and step.error.code == "LIVENESS_FAILED"
    assert step.liveness_reason == "WRONG_ACTION" and step.can_retry
    assert matcher.calls == 1  # never compared


def live_citizen_passes(flow: Flow, step: FaceVerify, loop: Loop, camera: SimulatedCamera) -> None:
    citizen = Citizen(camera)  # the real citizen steps up again: follows the prompts
    step.retry()
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is None and flow.current.kind == "confirm"


@pytest.mark.parametrize(
    "attempt",
    [
        # the new attempt asks the same two movements in the other order
        pytest.param([ChallengeAction(UP, 0.5), ChallengeAction(LEFT, 0.5)], id="other_actions"),
        # same actions, same order: the video turns while the new attempt still asks to hold still
        pytest.param(
            [ChallengeAction(LEFT, 2.0), ChallengeAction(UP, 0.5)],
            id="the_same_actions_at_other_times",
        ),
    ],
)
def test_a_replayed_recording_fails_and_the_live_citizen_passes(
    renewal: Callable[[Any], Flow],
    loop: Loop,
    camera: SimulatedCamera,
    attempt: list[ChallengeAction],
) -> None:
    flow, step, matcher, video = record_a_passed_check(renewal, loop, camera, attempt)
    replay_is_refused(flow, step, matcher, loop, camera, video)
    live_citizen_passes(flow, step, loop, camera)


@pytest.mark.parametrize(
    "actions", [(UP, RIGHT), (RIGHT, BLINK), (BLINK, UP)], ids=lambda a: "-".join(a)
)
def test_the_simulated_citizen_follows_any_challenge(
    renewal: Callable[[Any], Flow],
    loop: Loop,
    camera: SimulatedCamera,
    actions: tuple[ChallengeKind, ...],
) -> None:
    flow = renewal(SimulatedFaceMatcher())
    step = flow.current
    step.draw_challenge = draws([ChallengeAction(a, 0.5) for a in actions])
    citizen = Citizen(camera)
    loop.until(leaves_step(flow, step), lambda: citizen.act(step))
    assert step.error is None, step.liveness_reason
    assert flow.session.data["case.payload"]["face_verify"]["liveness"] == list(actions)
