"""扫码取证 without Qt: the platform's word on a slip's code, and the card at the gate.

The platform is the simulator on loopback (its demo cards), the dispenser a fake with
the CardDispenser shape, the slot inventory a fake with the inventory's three methods.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.base import DeviceStatus
from drivers.dispenser.model import ReleaseOutcome, ReleaseResult, SlotReading
from drivers.scanner.model import CodeScanned, ScanResult
from kiosk.cases.case import add_to_case
from kiosk.cases.receipts import APP_PREFIX
from kiosk.flow.card_inventory import CardInventory
from kiosk.flow.collection import Check, Receipt, Release, check_collectable
from kiosk.flow.devices import FlowDevices
from kiosk.flow.engine import Flow, FlowEnv, FlowOutcome
from kiosk.visit.session import SessionManager
from offline_queue import PlatformClient, PlatformSettings
from offline_queue.outbox import Outbox
from offline_queue.sim import PlatformSimulator, demo_data
from tests.offline_queue.helpers import TOKEN


class FakeDispenser:
    """The CardDispenser shape: each release ends as queued (taken by default)."""

    def __init__(self) -> None:
        self.status = DeviceStatus.online()
        self.slot_count = 8
        self.outcomes: list[ReleaseOutcome] = []
        self.released: list[tuple[int, float]] = []

    def read_slots(self) -> tuple[SlotReading, ...]:
        return tuple(SlotReading(n, True) for n in range(1, 9))

    def release(self, slot: int, *, take_timeout_s: float = 30.0) -> ReleaseResult:
        self.released.append((slot, take_timeout_s))
        outcome = self.outcomes.pop(0) if self.outcomes else ReleaseOutcome.TAKEN
        return ReleaseResult(outcome, slot, "OK" if outcome == "taken" else "DISPENSER_X")


class FakeInventory:
    def __init__(self, slots: dict[str, int]) -> None:
        self.slots = dict(slots)
        self.released: list[int] = []
        self.captured: list[int] = []

    def slot_for(self, application_no: str) -> int | None:
        return self.slots.get(application_no)

    def mark_released(self, slot: int) -> None:
        self.released.append(slot)

    def mark_captured(self, slot: int) -> None:
        self.captured.append(slot)

    def close(self) -> None:
        pass


class FakePrinter:
    def __init__(self) -> None:
        self.status = DeviceStatus.online()
        self.slips: list = []

    def print_slip(self, slip: object) -> object:
        self.slips.append(slip)
        return type("Outcome", (), {"printed": True})()


@pytest.fixture
def platform(sim: PlatformSimulator) -> Iterator[PlatformClient]:
    c = PlatformClient(sim.url, "KIOSK-T", TOKEN, PlatformSettings())
    yield c
    c.close()


@pytest.fixture
def dispenser() -> FakeDispenser:
    return FakeDispenser()


@pytest.fixture
def inventory() -> FakeInventory:
    return FakeInventory({demo_data.READY_ZHANG: 3, demo_data.READY_LI: 4})


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


@pytest.fixture
def alerts() -> list[str]:
    return []


@pytest.fixture
def cenv(
    env: FlowEnv,
    platform: PlatformClient,
    dispenser: FakeDispenser,
    inventory: FakeInventory,
    printer: FakePrinter,
    alerts: list[str],
) -> FlowEnv:
    env.platform = platform
    env.devices = FlowDevices({"dispenser": dispenser, "printer": printer})
    env.services.card_inventory = inventory
    env.services.staff_alert = alerts.append
    return env


def collecting(env: FlowEnv, sessions: SessionManager, who: object = demo_data.ZHANG) -> Flow:
    """The collection from the slip on, the person's number and name already keyed in."""
    base = env.config.service("card_collection")
    service = base.model_copy(update={"steps": ["collect_slip", "release_card", "success"]})
    flow = Flow(service, sessions.start(service.id), env)
    add_to_case(flow.session.data, pii={"id_number": who.id_number, "name": who.name})
    flow.start()
    return flow


def scan(flow: Flow, number: str) -> None:
    flow.on_device_event("scanner", CodeScanned(ScanResult(APP_PREFIX + number, "]Q1")))


def test_the_inventory_protocol_is_the_fakes_shape(inventory: FakeInventory) -> None:
    assert isinstance(inventory, CardInventory)


def test_a_ready_card_is_released_taken_and_recorded_once(
    cenv: FlowEnv,
    sessions: SessionManager,
    dispenser: FakeDispenser,
    inventory: FakeInventory,
    outbox: Outbox,
    printer: FakePrinter,
) -> None:
    flow = collecting(cenv, sessions)
    scan(flow, demo_data.READY_ZHANG)
    step = flow.current
    assert step.kind == "release_card" and step.state is Release.TAKEN
    assert dispenser.released == [(3, 30.0)] and inventory.released == [3]
    [row] = [r for r in outbox.rows(limit=10) if r.type == "card_collected"]
    assert [r.id for r in outbox.find_case(demo_data.READY_ZHANG)] == [row.id]
    assert flow.submitted and flow.nothing_to_cancel
    step.print_receipt()
    assert step.receipt is Receipt.PRINTED
    [slip] = printer.slips
    text = "\n".join(getattr(e, "text", "") for e in slip.elements)
    assert demo_data.READY_ZHANG in text and demo_data.ZHANG.id_number not in text
    step.finish()
    assert flow.current.kind == "success"
    assert flow.current.reference.replace(" ", "") == demo_data.READY_ZHANG


def test_card_collected_carries_number_slot_and_time_only(
    cenv: FlowEnv, sessions: SessionManager, outbox: Outbox, sim: PlatformSimulator
) -> None:
    from offline_queue.worker import SyncWorker

    flow = collecting(cenv, sessions)
    scan(flow, demo_data.READY_ZHANG)
    worker = SyncWorker(outbox, cenv.platform)
    try:
        worker.sync_once()
        worker.sync_once()  # a second pass sends nothing again
    finally:
        assert worker.stop(10)
    [tx] = [t for t in sim.store.transactions() if t["type"] == "card_collected"]
    assert set(tx["payload"]) == {"application_no", "slot", "collected_at"}
    assert tx["payload"]["slot"] == 3 and tx["deliveries"] == 1
    status = cenv.platform.application_status(demo_data.READY_ZHANG)
    assert status is not None and status.status == "collected"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (demo_data.COLLECTED_ZHANG, "COLLECT_ALREADY_COLLECTED"),
        (demo_data.READY_LI, "COLLECT_NOT_YOURS"),
        (demo_data.IN_REVIEW_WANG, "COLLECT_NOT_YOURS"),
        (demo_data.COMPLAINT_ZHANG, "COLLECT_NO_CARD"),
        ("209901010000000000", "COLLECT_NOT_FOUND"),
    ],
)
def test_cards_that_cannot_be_handed_out_are_refused_with_their_reason(
    cenv: FlowEnv, sessions: SessionManager, dispenser: FakeDispenser, number: str, code: str
) -> None:
    flow = collecting(cenv, sessions)
    scan(flow, number)
    step = flow.current
    assert step.kind == "collect_slip" and step.error is not None
    assert step.error.code == code and step.check is Check.IDLE
    assert dispenser.released == []
    if code == "COLLECT_NOT_YOURS":
        assert step.holder.endswith("*") and "李四" not in step.holder


def test_not_ready_is_told_to_its_holder(
    cenv: FlowEnv, sessions: SessionManager, inventory: FakeInventory
) -> None:
    flow = collecting(cenv, sessions, who=demo_data.WANG)
    inventory.slots[demo_data.IN_REVIEW_WANG] = 5
    scan(flow, demo_data.IN_REVIEW_WANG)
    assert flow.current.error is not None and flow.current.error.code == "COLLECT_NOT_READY"


def test_a_card_this_kiosk_does_not_hold_sends_the_citizen_to_the_counter(
    cenv: FlowEnv, sessions: SessionManager, inventory: FakeInventory
) -> None:
    del inventory.slots[demo_data.READY_ZHANG]
    flow = collecting(cenv, sessions)
    scan(flow, demo_data.READY_ZHANG)
    assert flow.current.error is not None and flow.current.error.code == "COLLECT_NOT_HERE"


def test_a_card_not_taken_is_captured_reported_and_stays_collectable(
    cenv: FlowEnv,
    sessions: SessionManager,
    dispenser: FakeDispenser,
    inventory: FakeInventory,
    outbox: Outbox,
    alerts: list[str],
) -> None:
    dispenser.outcomes.append(ReleaseOutcome.CAPTURED)
    flow = collecting(cenv, sessions)
    scan(flow, demo_data.READY_ZHANG)
    step = flow.current
    assert step.state is Release.CAPTURED and step.error is not None
    assert step.error.code == "CARD_CAPTURED"
    assert inventory.captured == [3] and inventory.released == []
    assert alerts == ["release_card:captured"]
    assert not [r for r in outbox.rows(limit=10) if r.type == "card_collected"]
    step.print_receipt()  # nothing was collected: no receipt
    assert step.receipt is Receipt.NONE
    step.finish()
    assert flow.outcome is FlowOutcome.CANCELLED  # not 办理成功
    status = cenv.platform.application_status(demo_data.READY_ZHANG)
    assert status is not None and status.collection is not None and status.collection.ready


@pytest.mark.parametrize("outcome", [ReleaseOutcome.JAMMED, ReleaseOutcome.UNCERTAIN])
def test_a_failed_release_is_reported_and_not_retried(
    cenv: FlowEnv,
    sessions: SessionManager,
    dispenser: FakeDispenser,
    alerts: list[str],
    outcome: ReleaseOutcome,
) -> None:
    dispenser.outcomes.append(outcome)
    flow = collecting(cenv, sessions)
    scan(flow, demo_data.READY_ZHANG)
    step = flow.current
    assert step.state is Release.FAILED and step.error.code == "CARD_RELEASE_FAILED"
    assert alerts == [f"release_card:{outcome}"] and len(dispenser.released) == 1
    assert not flow.can_go_back


def test_a_typed_number_and_the_platform_offline(
    cenv: FlowEnv, sessions: SessionManager, sim: PlatformSimulator
) -> None:
    flow = collecting(cenv, sessions)
    step = flow.current
    step.set_typed("2026")
    step.accept_typed()
    assert step.error is not None and step.error.code == "BAD_CODE"
    sim.stop(keep_store=True)
    step.set_typed(demo_data.READY_ZHANG)
    step.accept_typed()
    assert step.error is not None and step.error.code == "COLLECT_UNAVAILABLE"
    assert flow.current is step


def test_check_collectable_orders_its_reasons() -> None:
    assert check_collectable(None, True, 1) == "COLLECT_NOT_FOUND"
