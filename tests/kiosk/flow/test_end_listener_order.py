"""End listeners run last-added first: steps see the session before its owner wipes it."""

from __future__ import annotations

from drivers.payment.on_simulator import SimulatedPaymentGateway
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv, FlowOutcome
from kiosk.visit.session import EndReason, SessionManager

CODE = "134567890123456789"  # a synthetic wallet payment code


def owned_flow(env: FlowEnv, steps: list[str], order: list[str]) -> Flow:
    """A flow whose owner ends (and wipes) the session when the flow ends, as the window does."""
    service = env.config.service("id_card_renewal").model_copy(update={"steps": steps})
    sessions = SessionManager()
    flow = Flow(service, sessions.start(service.id), env)

    def owner_ends_session(_flow: Flow, _outcome: FlowOutcome) -> None:
        order.append("owner")
        sessions.end(EndReason.COMPLETED)

    flow.add_end_listener(owner_ends_session)
    return flow


def test_last_added_end_listener_runs_first(env: FlowEnv) -> None:
    order: list[str] = []
    flow = owned_flow(env, ["confirm"], order)
    flow.add_end_listener(lambda f, o: order.append("step" if len(f.session.data) else "wiped"))
    flow.session.data["case_id"] = "x"
    flow.start()
    flow.current.confirm()
    assert order == ["step", "owner"]


def test_completed_paid_case_is_not_refunded_when_the_owner_wipes_the_session(
    env: FlowEnv, gateway: SimulatedPaymentGateway
) -> None:
    env.devices = FlowDevices({"payment": gateway})
    flow = owned_flow(env, ["payment", "submit", "confirm"], [])
    flow.start()
    flow.current.charge(CODE)
    order = flow.session.data["payment.order_no"]
    assert flow.current.kind == "confirm"  # paid and the case durable
    flow.current.confirm()
    assert flow.outcome is FlowOutcome.COMPLETED
    assert len(flow.session.data) == 0  # the owner wiped it
    assert gateway.simulator.refunds(order) == []


def test_paid_visit_cancelled_before_submit_is_still_refunded(
    env: FlowEnv, gateway: SimulatedPaymentGateway
) -> None:
    env.devices = FlowDevices({"payment": gateway})
    flow = owned_flow(env, ["payment", "confirm", "submit"], [])
    flow.start()
    flow.current.charge(CODE)
    order = flow.session.data["payment.order_no"]
    flow.cancel()
    assert len(gateway.simulator.refunds(order)) == 1
