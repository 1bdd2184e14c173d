"""A scripted citizen in front of the simulated camera: faces it, blinks, turns when asked.

Tests, the demo and the benchmarks put one in front of a :class:`SimulatedCamera`
so a face check passes the way a real person would pass it: looking at the
lens, blinking now and then, and turning the head only once the screen asks
for it (and a moment after, as people do).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from drivers.camera.on_simulator import SimulatedCamera

#: Head turns a liveness check may ask for; the poses of the synthetic asset set.
TURNS = ("turn_left", "turn_right")
#: How long the citizen keeps facing the camera after being asked to turn.
REACTION_S = 0.15


class Citizen:
    """Does what the screen asks: blinks now and then; turns the head when asked to.

    ``act(step)`` reads ``step.challenge_step`` (the action a face check asks
    for now: "blink", "turn_left", "turn_right" or None); anything without
    that attribute means "just look at the camera".
    """

    def __init__(
        self,
        camera: SimulatedCamera,
        person: str = "person_a",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.scene = camera.simulator.scene
        self.scene.blink_every_s = 0.5
        self.person = person
        self.clock = clock
        self.asked_at: float | None = None
        self.scene.show_person(person, "compliant")

    def act(self, step: object) -> None:
        asked = getattr(step, "challenge_step", None)
        if asked not in TURNS:
            self.asked_at = None
            self.scene.show_person(self.person, "compliant")
            return
        now = self.clock()
        if self.asked_at is None:
            self.asked_at = now
        if now - self.asked_at > REACTION_S:  # faces the camera first, then turns
            self.scene.show_person(self.person, asked)

    def leave(self) -> None:
        """Walk away: nobody in front of the camera any more."""
        self.asked_at = None
        self.scene.show_frame("no_face")
