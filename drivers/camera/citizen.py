"""A scripted citizen in front of the simulated camera: faces it, blinks, moves when asked.

Tests, the demo and the benchmarks put one in front of a :class:`SimulatedCamera`
so a face check passes the way a real person would pass it: looking at the
lens, blinking now and then, and turning or raising the head only once the
screen asks for it (and a moment after, as people do), whatever the check drew.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from drivers.camera.on_simulator import SimulatedCamera

#: Head movements a liveness check may ask for; the poses of the synthetic asset set.
HEAD_MOVES = ("turn_left", "turn_right", "look_up")
#: How long the citizen keeps facing the camera after being asked to move.
REACTION_S = 0.15
#: How long the head stays moved after the screen stopped asking (shorter than the
#: pause before a liveness check's next prompt).
HOLD_S = 0.3


class Citizen:
    """Does what the screen asks: blinks now and then; moves the head when asked to.

    ``act(step)`` reads ``step.challenge_step`` (the action a face check asks
    for now: "blink", "turn_left", "turn_right", "look_up" or None, "hold
    still"); anything without that attribute means "just look at the camera".
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
        self.asked: str | None = None
        self.moved_until: float | None = None
        self.scene.show_person(person, "compliant")

    def act(self, step: object) -> None:
        asked = getattr(step, "challenge_step", None)
        now = self.clock()
        if asked not in HEAD_MOVES:
            self.asked_at = self.asked = None
            if self.moved_until is None:
                self.moved_until = now + HOLD_S
            # Back to the lens a moment after the movement was seen (as people are),
            # at once on a screen that is no face check.
            if not hasattr(step, "challenge_step") or now >= self.moved_until:
                self.scene.show_person(self.person, "compliant")
            return
        self.moved_until = None
        if self.asked_at is None or asked != self.asked:
            self.asked_at, self.asked = now, asked
        # Faces the camera first, then moves.
        pose = asked if now - self.asked_at > REACTION_S else "compliant"
        self.scene.show_person(self.person, pose)

    def leave(self) -> None:
        """Walk away: nobody in front of the camera any more."""
        self.asked_at = None
        self.scene.show_frame("no_face")
