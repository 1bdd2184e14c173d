"""好差评 rating after every visit, and complaints / 办不成事反映.

Both are queued like any transaction, so they survive the kiosk being
offline. Grades and reasons travel as stable keys; the UI shows the words.
"""

from __future__ import annotations

import enum
import re
from concurrent.futures import Future
from typing import Any

from kiosk.cases.case import add_to_case
from kiosk.flow.engine import FlowError, Step, step_kind


class Grade(enum.IntEnum):
    """The five grades of the national 好差评 system."""

    VERY_DISSATISFIED = 1  # 非常不满意
    DISSATISFIED = 2  # 不满意
    BASIC = 3  # 基本满意
    SATISFIED = 4  # 满意
    VERY_SATISFIED = 5  # 非常满意


#: Grades that must say why (差评 needs a reason the department can act on).
NEEDS_REASON = frozenset({Grade.VERY_DISSATISFIED, Grade.DISSATISFIED})

RATING_REASONS = (
    "too_slow",  # 等待或办理时间太长
    "too_complex",  # 操作步骤太复杂
    "device_fault",  # 设备出现故障
    "unclear_guide",  # 办事指南不清楚
    "not_done",  # 事情没有办成
    "other",  # 其他
)

COMPLAINT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "could_not_get_done": ("no_such_service", "device_fault", "materials_unclear", "other"),
    "complaint": ("staff_attitude", "waiting_time", "fees", "other"),
    "enquiry": ("how_to_apply", "progress", "fees", "other"),
}

MOBILE = re.compile(r"^1[3-9]\d{9}$")
MAX_TEXT_CHARS = 200


def _queue(step: Step, tx_type: str, payload: dict[str, Any], pii: dict[str, Any] | None) -> None:
    """Submit and complete the step once durable; a failure stays on the step."""
    outbox = step.env.outbox
    if outbox is None or not outbox.accepting:
        step.fail(FlowError("QUEUE_UNAVAILABLE", str(getattr(outbox, "reason", "NO_QUEUE"))))
        return
    step.set_busy(True)
    try:
        ticket = outbox.submit(tx_type, payload, pii, case_key=payload.get("case_id"))
    except Exception as exc:
        step.fail(FlowError("QUEUE_REFUSED", f"{type(exc).__name__}: {exc}"))
        return

    def durable(future: Future[Any]) -> None:
        if future.exception() is not None:
            step.fail(FlowError("QUEUE_NOT_DURABLE", str(future.exception())))
            return
        step.data[f"{tx_type}_id"] = ticket.id
        step.complete()

    step.env.call(lambda: ticket.wait(15.0), durable)


@step_kind
class Rating(Step):
    """One rating per visit, bound to the case (or to the visit when no case was filed)."""

    kind = "rating"
    prompt_key = "rating"
    counted = False  # asked after the work is done: not one of its steps
    cancellable = False

    def enter(self) -> None:
        self.grade: Grade | None = None
        self.reasons: set[str] = set()
        if "rating_id" in self.data:  # one per visit
            self.complete()
            return
        self.changed()

    @property
    def needs_reason(self) -> bool:
        return self.grade in NEEDS_REASON

    @property
    def can_send(self) -> bool:
        return self.grade is not None and (not self.needs_reason or bool(self.reasons))

    def choose(self, grade: Grade) -> None:
        self.grade = grade
        if grade not in NEEDS_REASON:
            self.reasons.clear()
        self.changed()

    def toggle_reason(self, reason: str) -> None:
        if reason not in RATING_REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        self.reasons ^= {reason}
        self.changed()

    def send(self) -> None:
        if not self.can_send or self.busy:
            return
        assert self.grade is not None
        payload = {
            "case_id": self.data.get("case_id") or self.flow.session.id,
            "service_id": self.flow.service.id,
            "kiosk_id": self.env.config.kiosk.id,
            "level": int(self.grade),  # the 好差评 level, 1 (非常不满意) to 5 (非常满意)
            "reasons": sorted(self.reasons),
            "channel": "kiosk",
        }
        bundle = self.data.get("bundle.cases")
        if bundle:  # one rating for the whole 一件事: every case it filed
            payload["case_ids"] = [case["tx"] for case in bundle]
        _queue(self, "rating", payload, None)

    def skip(self) -> None:
        """The citizen need not rate; the visit still ends normally."""
        self.complete()


@step_kind
class ComplaintForm(Step):
    """Category, preset reasons, optional phone number and a short text."""

    kind = "complaint_form"
    prompt_key = "complaint"

    def enter(self) -> None:
        self.category: str | None = None
        self.reasons: set[str] = set()
        self.phone = ""
        self.text = ""
        self.changed()

    def choose_category(self, category: str) -> None:
        if category not in COMPLAINT_CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        self.category = category
        self.reasons &= set(COMPLAINT_CATEGORIES[category])
        self.changed()

    def toggle_reason(self, reason: str) -> None:
        if self.category is None or reason not in COMPLAINT_CATEGORIES[self.category]:
            raise ValueError(f"reason {reason!r} does not belong to {self.category!r}")
        self.reasons ^= {reason}
        self.changed()

    def set_phone(self, phone: str) -> None:
        self.phone = "".join(ch for ch in phone if ch.isdigit())[:11]
        self.changed()

    def set_text(self, text: str) -> None:
        self.text = text[:MAX_TEXT_CHARS]
        self.changed()

    @property
    def phone_valid(self) -> bool:
        return not self.phone or bool(MOBILE.match(self.phone))

    @property
    def can_send(self) -> bool:
        return self.category is not None and bool(self.reasons) and self.phone_valid

    def send(self) -> None:
        if not self.can_send or self.busy:
            return
        # The form is the case: later steps (submit, rating) see it through case.*.
        pii = {k: v for k, v in (("phone", self.phone), ("text", self.text)) if v}
        add_to_case(
            self.data, payload={"category": self.category, "reasons": sorted(self.reasons)}, pii=pii
        )
        self.complete()
