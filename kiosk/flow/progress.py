"""办理进度查询: find the application (scan the slip's code) and show its history.

Offline, or not yet uploaded, the citizen is told so honestly: a case this
kiosk still holds is "已提交，等待上传", never "not found".
"""

from __future__ import annotations

import enum
import logging
from concurrent.futures import Future
from typing import Any

from drivers.scanner.model import CodeScanned
from kiosk.flow.engine import FlowError, Step, step_kind
from kiosk.receipts import BadCode, parse_progress_code
from offline_queue.db import State

log = logging.getLogger(__name__)

#: Devices whose scans are read (a serial/HID scanner, or codes found in camera frames).
SCANNERS = ("scanner", "camera_scanner")


@step_kind
class IdentifyApplication(Step):
    """Wait for the slip's code on the scanner (or typed on the keypad)."""

    kind = "identify_application"
    prompt_key = "identify_application"

    def enter(self) -> None:
        self.typed = ""
        self.changed()

    def on_device_event(self, device: str, event: Any) -> None:
        if device in SCANNERS and isinstance(event, CodeScanned):
            self.accept(event.result.text)

    def set_typed(self, text: str) -> None:
        self.typed = text.upper()[:32]
        self.changed()

    def accept(self, code: str) -> None:
        try:
            number = parse_progress_code(code)
        except BadCode as exc:
            self.fail(FlowError("BAD_CODE", str(exc)))
            return
        self.data["query.application_no"] = number
        self.complete()

    def accept_typed(self) -> None:
        self.accept(self.typed)


class Progress(enum.StrEnum):
    LOADING = "loading"
    FOUND = "found"  # the platform's status and history
    WAITING_UPLOAD = "waiting_upload"  # this kiosk holds it; not yet on the platform
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"  # the platform cannot be asked now


@step_kind
class ShowProgress(Step):
    kind = "show_progress"
    prompt_key = "show_progress"

    def enter(self) -> None:
        self.number: str = self.data["query.application_no"]
        self.status: Any = None
        self.state = Progress.LOADING
        self.query()

    def query(self) -> None:
        self.state = Progress.LOADING
        self.clear_error()
        if self.env.platform is None:
            self._without_platform("NO_PLATFORM")
            return
        self.set_busy(True)
        platform, number = self.env.platform, self.number
        self.env.call(lambda: platform.application_status(number), self._answered)

    def _answered(self, future: Future[Any]) -> None:
        self.set_busy(False)
        error = future.exception()
        if error is not None:
            log.info(
                "progress query failed",
                extra={"code": getattr(error, "kind", type(error).__name__)},
            )
            self._without_platform(str(getattr(error, "kind", "ERROR")))
            return
        status = future.result()
        if status is None:
            self._without_platform("NOT_ON_PLATFORM")
            return
        self.status = status
        self.state = Progress.FOUND
        self.changed()

    def _held_locally(self) -> bool:
        outbox = self.env.outbox
        if outbox is None:
            return False
        try:
            rows = outbox.find_case(self.number)
        except Exception:  # the queue itself is in trouble: do not guess
            log.exception("local case lookup failed")
            return False
        return any(r.state in (State.PENDING, State.IN_FLIGHT) for r in rows)

    def _without_platform(self, reason: str) -> None:
        if self._held_locally():
            self.state = Progress.WAITING_UPLOAD
        elif reason == "NOT_ON_PLATFORM":
            self.state = Progress.NOT_FOUND
        else:
            self.state = Progress.UNAVAILABLE
        self.changed()

    def finish(self) -> None:
        self.complete()
