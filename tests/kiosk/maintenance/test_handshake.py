"""Entering maintenance during a paid visit: no fee lost, no case lost, nothing over the payment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from drivers.payment.on_simulator import SimulatedPaymentGateway
from kiosk.app import KioskCore
from kiosk.flow.devices import FlowDevices
from kiosk.maintenance import events as ev
from kiosk.maintenance.mode import MaintenanceMode, Mode
from kiosk.payments.journal import PaymentJournal, PaymentState
from kiosk.visit.controller import VisitController
from offline_queue.outbox import Outbox
from tests.kiosk.flow.test_payment import CODE, wait_rows
from tests.kiosk.maintenance.conftest import PIN, TECH, Screen, audit_rows

STEPS = ["confirm", "payment", "submit", "confirm"]


@pytest.fixture
def journal(core: KioskCore, tmp_path: Path) -> Iterator[PaymentJournal]:
    j = PaymentJournal.open(tmp_path / "journal")
    core.flow_services.payment_journal = j
    yield j
    core.flow_services.payment_journal = None
    j.close()


@pytest.fixture
def paying(core: KioskCore, gateway: SimulatedPaymentGateway, journal: PaymentJournal) -> KioskCore:
    """id_card_renewal as confirm, payment, submit, confirm, paid at the real gateway driver."""
    core.flow_devices = FlowDevices({"payment": gateway})
    services = [
        s.model_copy(update={"steps": STEPS}) if s.id == "id_card_renewal" else s
        for s in core.config.services
    ]
    core.config = core.config.model_copy(update={"services": services})
    return core


def test_a_paid_visit_finishes_first_then_maintenance_begins(
    paying: KioskCore,
    visit: VisitController,
    mode: MaintenanceMode,
    screen: Screen,
    journal: PaymentJournal,
    gateway: SimulatedPaymentGateway,
    outbox: Outbox,
) -> None:
    assert visit.start_visit("id_card_renewal")
    flow = visit.flow
    assert flow is not None and flow.current is not None
    flow.current.complete()  # confirmed
    assert flow.current.kind == "payment"
    flow.current.charge(CODE)  # paid, then the case is submitted
    order = flow.session.data["payment.order_no"]
    assert flow.current.kind == "confirm" and not visit.state().interruptible

    assert mode.open_pin_pad("", via="gesture")
    assert mode.submit_pin(TECH, PIN).outcome.value == "ok"
    assert mode.mode is Mode.SERVING and not mode.in_session  # the citizen finishes first
    assert screen.of(ev.WaitingForVisit) == [ev.WaitingForVisit("id_card_renewal")]
    assert visit.flow is flow and flow.outcome is None

    flow.current.complete()  # the citizen's last page
    assert mode.mode is Mode.MAINTENANCE and mode.in_session
    assert screen.of(ev.ShowOutOfService) == [ev.ShowOutOfService(visit_ended=False)]

    entry = journal.get(order)
    assert entry is not None and entry.state is PaymentState.FILED  # the fee went with its case
    assert gateway.simulator.refunds(order) == []
    wait_rows(SimpleNamespace(outbox=outbox), "payment", 1)  # type: ignore[arg-type]
    types = [r.type for r in outbox.rows(limit=100)]
    assert types.count("id_card_renewal") == 1 and types.count("payment") == 1  # case and fee
    actions = [(r.action, r.outcome) for r in audit_rows(paying)]
    assert actions == [("pin", "ok"), ("entry", "waiting"), ("enter", "ok")]


def test_the_gesture_during_a_payment_opens_nothing(
    paying: KioskCore, visit: VisitController, mode: MaintenanceMode, screen: Screen
) -> None:
    assert visit.start_visit("id_card_renewal")
    flow = visit.flow
    assert flow is not None and flow.current is not None
    flow.current.complete()
    assert flow.current.kind == "payment"
    for _ in range(5):
        mode.tap(True)
    assert screen.of(ev.AskPin) == []  # nothing covers the payment screen
    assert visit.flow is flow and flow.outcome is None
    assert [(r.action, r.outcome) for r in audit_rows(paying)] == [("entry", "refused")]


def test_a_visit_before_payment_is_ended_without_any_charge(
    paying: KioskCore,
    visit: VisitController,
    mode: MaintenanceMode,
    screen: Screen,
    gateway: SimulatedPaymentGateway,
) -> None:
    assert visit.start_visit("id_card_renewal")
    assert visit.state().step == "confirm"
    assert mode.open_pin_pad("", via="gesture")
    mode.submit_pin(TECH, PIN)
    assert mode.mode is Mode.MAINTENANCE and not visit.state().in_progress
    assert screen.of(ev.ShowOutOfService) == [ev.ShowOutOfService(visit_ended=True)]
