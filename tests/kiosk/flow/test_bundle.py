"""一件事: one identity check and one confirm, one case per member service, one rating."""

from __future__ import annotations

from typing import Any

from kiosk.config.schema import Service
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.feedback import Grade
from kiosk.visit.session import SessionManager
from offline_queue.outbox import Outbox

#: The bundle's own steps, less the card reader and the camera (no devices here).
STEPS = ["sms_phone", "confirm", "submit", "success", "rating"]


def bundle(env: FlowEnv) -> Service:
    return env.config.service("newborn_bundle").model_copy(update={"steps": STEPS})


def walk_to_submit(flow: Flow) -> None:
    flow.start()
    flow.current.skip()  # no text message
    flow.current.confirm()


def test_one_visit_files_one_case_per_member(env: FlowEnv, outbox: Outbox) -> None:
    service = bundle(env)
    flow = Flow(service, SessionManager().start(service.id), env)
    walk_to_submit(flow)
    assert flow.current.kind == "success" and flow.submitted

    rows = outbox.rows()
    assert [r.type for r in rows] == service.bundle  # one case each, in the bundle's order
    sent = [outbox.open_row(r) for r in outbox.claim()]
    numbers = [p["application_no"] for p in sent]
    assert len(set(numbers)) == len(numbers)  # each followed on its own
    assert all(p["bundle_id"] == "newborn_bundle" for p in sent)
    assert [p["service_id"] for p in sent] == service.bundle
    assert flow.session.data["application_no"] == numbers[0]

    success = flow.current
    refs = success.bundle_references
    assert [name.zh for name, _ in refs] == [env.config.service(m).name.zh for m in service.bundle]
    assert [ref.replace(" ", "") for _, ref in refs] == numbers
    success.finish()

    rating = flow.current
    rating.choose(Grade.VERY_SATISFIED)
    rating.send()  # one rating for the whole visit, bound to every case
    [rated] = [outbox.open_row(r) for r in outbox.claim() if r.type == "rating"]
    assert rated["case_ids"] == [r.id for r in rows]
    assert rated["case_id"] == rows[0].id and rated["service_id"] == "newborn_bundle"


class RefusesOnce:
    """An outbox that refuses the n-th submit once (a full disk for a moment)."""

    def __init__(self, outbox: Outbox, n: int) -> None:
        self._outbox, self._n, self._seen = outbox, n, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._outbox, name)

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        self._seen += 1
        if self._seen == self._n:
            raise OSError("disk full")
        return self._outbox.submit(*args, **kwargs)


def test_a_retry_after_a_refused_member_files_no_case_twice(env: FlowEnv, outbox: Outbox) -> None:
    env.outbox = RefusesOnce(outbox, 3)  # type: ignore[assignment]
    service = bundle(env)
    flow = Flow(service, SessionManager().start(service.id), env)
    walk_to_submit(flow)
    step = flow.current
    assert step.kind == "submit" and step.error is not None
    assert step.error.code == "QUEUE_REFUSED" and not flow.submitted
    step.send()  # the citizen presses 重试: the first two go again with their own ids
    assert flow.current.kind == "success"
    assert sorted(r.type for r in outbox.rows()) == sorted(service.bundle)  # four, not six


def test_a_plain_service_still_files_one_case(env: FlowEnv, outbox: Outbox) -> None:
    base = env.config.service("senior_bus_card")
    service = base.model_copy(update={"steps": STEPS})
    flow = Flow(service, SessionManager().start(service.id), env)
    walk_to_submit(flow)
    [row] = outbox.rows()
    assert row.type == "senior_bus_card" and "bundle.cases" not in flow.session.data
    assert flow.current.bundle_references == []
