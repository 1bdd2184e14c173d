"""The scripted citizen: faces the camera, turns only a moment after being asked."""

from __future__ import annotations

from types import SimpleNamespace

from drivers.camera.citizen import HOLD_S, REACTION_S, Citizen
from drivers.camera.on_simulator import SimulatedCamera, SimulatedCameraSettings
from tests.fakes import Clock


def make() -> tuple[Citizen, Clock]:
    camera = SimulatedCamera(SimulatedCameraSettings(transport="direct"))  # never opened
    clock = Clock(100.0)
    return Citizen(camera, "person_b", clock=clock), clock


def test_faces_the_camera_and_blinks_often() -> None:
    citizen, _ = make()
    assert citizen.scene.content == ("person", "person_b", "compliant")
    assert citizen.scene.blink_every_s == 0.5
    citizen.act(SimpleNamespace(challenge_step="blink"))
    assert citizen.scene.content[2] == "compliant"


def test_turns_only_after_a_moment_and_faces_again_after() -> None:
    citizen, clock = make()
    asked = SimpleNamespace(challenge_step="turn_left")
    citizen.act(asked)
    assert citizen.scene.content[2] == "compliant"
    clock.now += REACTION_S / 2
    citizen.act(asked)
    assert citizen.scene.content[2] == "compliant"
    clock.now += REACTION_S
    citizen.act(asked)
    assert citizen.scene.content[2] == "turn_left"
    asked = SimpleNamespace(challenge_step=None)  # done: holds the turn a moment
    citizen.act(asked)
    assert citizen.scene.content[2] == "turn_left"
    clock.now += HOLD_S
    citizen.act(asked)
    assert citizen.scene.content[2] == "compliant"
    citizen.act(SimpleNamespace(challenge_step="look_up"))
    clock.now += REACTION_S * 2
    citizen.act(SimpleNamespace(challenge_step="look_up"))
    assert citizen.scene.content[2] == "look_up"
    citizen.act(object())  # not a face check at all: looks at the camera at once
    assert citizen.scene.content == ("person", "person_b", "compliant")


def test_leaving_empties_the_scene() -> None:
    citizen, _ = make()
    citizen.leave()
    assert citizen.scene.content == ("frame", "no_face")
