"""Capture the applicant's fingerprints (right then left index finger) for the new card.

A second capture of a finger already taken (the same finger put down twice) is
refused: the citizen is told to use the other finger and it is captured again,
so a case never carries two prints of one finger.
"""

from __future__ import annotations

import base64
import logging
from concurrent.futures import Future
from typing import Any

from drivers.fingerprint.model import same_finger
from kiosk.cases.case import add_to_case
from kiosk.flow.engine import FlowError, Step, step_kind

log = logging.getLogger(__name__)

FINGERS = ("right_index", "left_index")
CAPTURE_TIMEOUT_S = 20.0


@step_kind
class Fingerprint(Step):
    kind = "fingerprint"
    prompt_key = "fingerprint"
    device = "fingerprint"
    needs = ("fingerprint",)

    def enter(self) -> None:
        self.captured: dict[str, Any] = {}
        #: The last capture was a finger already taken: the page asks for the other one.
        self.same_finger = False
        self.capture_next()

    @property
    def finger(self) -> str | None:
        """The finger asked for now (None when both are taken)."""
        return next((f for f in FINGERS if f not in self.captured), None)

    def capture_next(self) -> None:
        reader = self.env.devices.fingerprint(self.device)
        if reader is None:
            self.fail(FlowError("DEVICE_MISSING", self.device))
            return
        self.clear_error()
        self.set_busy(True)  # the reader is working: the idle timer waits for it
        self.env.call(lambda: reader.capture(timeout_s=CAPTURE_TIMEOUT_S), self._captured)

    def _captured(self, future: Future[Any]) -> None:
        if self.flow.current is not self:
            result = None if future.exception() else future.result()
            if result is not None:
                result.wipe()  # the citizen left: drop it at once
            return
        error = future.exception()
        if error is not None:
            code = getattr(error, "code", type(error).__name__)
            self.fail(
                FlowError("FINGER_TIMEOUT" if code == "FINGER_TIMEOUT" else "FINGER_FAILED", code)
            )
            return
        finger, capture = self.finger, future.result()
        assert finger is not None  # a capture runs only while a finger is asked for
        if any(same_finger(taken.template, capture.template) for taken in self.captured.values()):
            capture.wipe()  # never kept: one finger must not count as two
            self.same_finger = True
            log.info("same finger presented twice", extra={"service": self.flow.service.id})
            self.changed()
            self.capture_next()
            return
        self.same_finger = False
        self.captured[finger] = capture
        self.data[f"fingerprint.{finger}"] = capture  # wiped with the session
        if self.finger is not None:
            self.changed()
            self.capture_next()
            return
        add_to_case(
            self.data,
            pii={
                "fingerprints": {
                    f: base64.b64encode(c.template.to_bytes()).decode("ascii")
                    for f, c in self.captured.items()
                }
            },
        )
        log.info("fingerprints captured", extra={"service": self.flow.service.id})
        self.complete()

    def leave(self) -> None:
        reader = self.env.devices.fingerprint(self.device)
        if reader is not None and self.busy:
            reader.cancel()
