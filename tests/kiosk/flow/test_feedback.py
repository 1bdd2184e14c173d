"""好差评 and complaints reach the durable queue; nothing is sent before it is valid."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kiosk.flow.engine import Flow, FlowEnv, FlowOutcome
from kiosk.flow.feedback import Grade
from kiosk.visit.session import Session
from offline_queue.outbox import Outbox


def rows(outbox: Outbox) -> list[sqlite3.Row]:
    con = sqlite3.connect(outbox.path)
    con.row_factory = sqlite3.Row
    try:
        return con.execute("select * from outbox order by rowid").fetchall()
    finally:
        con.close()


def flow_for(env: FlowEnv, service_id: str) -> Flow:
    flow = Flow(env.config.service(service_id), Session(service_id), env)
    flow.start()
    if flow.current is not None and flow.current.kind == "start":
        flow.current.begin()  # past the start page
    return flow


def test_low_grade_needs_a_reason_then_is_queued(env: FlowEnv, outbox: Outbox) -> None:
    flow = flow_for(env, "service_guide")
    flow.current.finish()
    rating = flow.current
    assert rating.kind == "rating"
    rating.choose(Grade.DISSATISFIED)
    assert not rating.can_send
    rating.send()  # refused silently: the page keeps the button disabled
    assert flow.current is rating
    rating.toggle_reason("too_slow")
    rating.send()
    assert flow.outcome is FlowOutcome.COMPLETED
    assert outbox.stats().counts.get("pending", 0) == 1
    assert "rating_id" in flow.session.data


def test_good_grade_drops_reasons_and_skip_sends_nothing(env: FlowEnv, outbox: Outbox) -> None:
    flow = flow_for(env, "service_guide")
    flow.current.finish()
    rating = flow.current
    rating.choose(Grade.VERY_DISSATISFIED)
    rating.toggle_reason("other")
    rating.choose(Grade.VERY_SATISFIED)
    assert rating.reasons == set() and rating.can_send
    rating.skip()
    assert flow.outcome is FlowOutcome.COMPLETED
    assert outbox.stats().counts.get("pending", 0) == 0


def test_complaint_is_submitted_with_phone_as_personal_data(env: FlowEnv, outbox: Outbox) -> None:
    flow = flow_for(env, "complaint")
    form = flow.current
    form.choose_category("could_not_get_done")
    form.toggle_reason("device_fault")
    form.set_phone("139-1234-567")
    assert not form.can_send  # ten digits
    form.set_phone("13912345678")
    form.set_text("自助机无法打印")
    form.send()
    assert flow.current.kind == "success"  # submit went through: durable, 办理成功 shown
    assert flow.session.data["case_id"]
    form_rows = rows(outbox)
    assert len(form_rows) == 1
    raw = json.dumps([dict(r) for r in form_rows], default=repr, ensure_ascii=False)
    assert "13912345678" not in raw and "自助机无法打印" not in raw  # encrypted at rest
    flow.current.finish()  # past 办理成功 to the rating
    flow.current.skip()
    assert flow.outcome is FlowOutcome.COMPLETED


def test_reason_outside_the_category_is_refused(env: FlowEnv) -> None:
    form = flow_for(env, "complaint").current
    form.choose_category("enquiry")
    with pytest.raises(ValueError):
        form.toggle_reason("staff_attitude")


def test_queue_refusing_keeps_the_citizen_on_the_step(env: FlowEnv, outbox: Outbox) -> None:
    outbox.close()
    flow = flow_for(env, "service_guide")
    flow.current.finish()
    rating = flow.current
    rating.choose(Grade.SATISFIED)
    rating.send()
    assert flow.current is rating and rating.error is not None
    assert not env.idle.paused
