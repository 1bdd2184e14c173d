"""短信通知: the number is checked, given only with consent, sealed in the queue, masked after."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.sms_phone import MOBILE_PREFIXES, phone_problem
from kiosk.visit.session import EndReason, SessionManager
from offline_queue.outbox import Outbox

PHONE = "13800138000"  # the 138 0013 8000 example range, no one's number


def flow_of(env: FlowEnv, sessions: SessionManager | None = None) -> Flow:
    base = env.config.service("senior_bus_card")  # promises a text message
    service = base.model_copy(update={"steps": ["sms_phone", "confirm", "submit", "success"]})
    flow = Flow(service, (sessions or SessionManager()).start(service.id), env)
    flow.start()
    return flow


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("", "INCOMPLETE"),
        ("1380013800", "INCOMPLETE"),
        (PHONE, None),
        ("19912345678", None),
        ("16612345678", None),
        ("12012345678", "NOT_A_MOBILE"),  # no 12x mobiles
        ("14112345678", "NOT_A_MOBILE"),  # Internet of Things
        ("15412345678", "NOT_A_MOBILE"),  # unassigned
        ("17412345678", "NOT_A_MOBILE"),  # satellite
        ("23800138000", "NOT_A_MOBILE"),
        ("138001380001", "NOT_A_MOBILE"),  # one digit too many
        ("1380013800x", "NOT_A_NUMBER"),
    ],
)
def test_a_mobile_number_is_eleven_digits_with_a_known_prefix(
    number: str, problem: str | None
) -> None:
    assert phone_problem(number) == problem


def test_prefixes_are_thirteen_to_nineteen() -> None:
    assert {p[:2] for p in MOBILE_PREFIXES} == {"13", "14", "15", "16", "17", "18", "19"}
    assert all(len(p) == 3 and p.isdigit() for p in MOBILE_PREFIXES)


def test_no_number_goes_without_consent(env: FlowEnv) -> None:
    flow = flow_of(env)
    step = flow.current
    assert step.kind == "sms_phone" and not step.consent and step.number == ""
    step.set_number("138 0013 8000")  # only the digits are kept
    assert step.number == PHONE and step.problem is None
    step.accept()
    assert flow.current is step  # consent not given: nothing happens
    step.set_consent(True)
    step.set_number("1380013")
    assert not step.can_accept
    step.accept()
    assert flow.current is step and "case.pii" not in flow.session.data


def test_the_number_goes_sealed_with_the_case_and_is_masked_after(
    env: FlowEnv, outbox: Outbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sessions = SessionManager()
    flow = flow_of(env, sessions)
    step = flow.current
    step.set_consent(True)
    step.set_number(PHONE)
    assert step.masked == "138****8000"
    step.accept()
    confirm = flow.current
    assert confirm.kind == "confirm" and confirm.phone == PHONE  # in full, to check it
    flow.back()  # a wrong digit: back to the number, which is shown again
    assert flow.current.number == PHONE and flow.current.consent
    flow.current.accept()
    flow.current.confirm()
    success = flow.current
    assert success.kind == "success"
    assert success.next_steps.sms_phone == "138****8000" and success.next_steps.sms_on_ready

    [row] = outbox.claim()
    sent = outbox.open_row(row)
    assert sent["phone"] == PHONE and sent["sms_consent"] is True
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("queue.db*"))
    assert PHONE.encode() not in stored  # sealed like every personal field
    assert PHONE not in caplog.text  # and never logged

    sessions.end(EndReason.COMPLETED)
    assert len(flow.session.data) == 0  # wiped with the visit


def test_skip_keeps_nothing_typed(env: FlowEnv, outbox: Outbox) -> None:
    flow = flow_of(env)
    step = flow.current
    step.set_consent(True)
    step.set_number(PHONE)
    step.skip()
    assert flow.current.kind == "confirm" and flow.current.phone == ""
    assert step.number == "" and not step.consent
    assert "phone" not in flow.session.data["case.pii"]
    flow.current.confirm()
    [row] = outbox.claim()
    sent = outbox.open_row(row)
    assert "phone" not in sent and sent["sms_consent"] is False
    assert flow.current.next_steps.sms_phone == ""
