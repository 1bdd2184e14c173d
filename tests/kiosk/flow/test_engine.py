"""The flow engine: order, back, cancel, points of no return, idle pausing."""

from __future__ import annotations

from typing import ClassVar

import pytest

from kiosk.config.schema import Service, Text
from kiosk.flow.engine import Flow, FlowEnv, FlowError, FlowOutcome, Step
from kiosk.visit.session import Session

LOG: list[str] = []


class Record(Step):
    kind = "record"

    def enter(self) -> None:
        LOG.append(f"enter {self.flow.index}")

    def leave(self) -> None:
        LOG.append(f"leave {self.flow.index}")


class Pay(Record):
    kind = "pay"
    can_go_back = False


KINDS: ClassVar = {"record": Record, "pay": Pay}


def service(*steps: str) -> Service:
    t = Text(zh="测试", en="test")
    return Service(
        id="test", name=t, department=t, summary=t, time_limit=t, hours=t, steps=list(steps)
    )


@pytest.fixture(autouse=True)
def clear_log() -> None:
    LOG.clear()


def make(env: FlowEnv, *steps: str) -> Flow:
    return Flow(service(*steps), Session("test"), env, {"record": Record, "pay": Pay})


def test_steps_run_in_order_and_complete(env: FlowEnv) -> None:
    flow = make(env, "record", "record")
    ends: list[FlowOutcome] = []
    flow.add_end_listener(lambda f, o: ends.append(o))
    flow.start()
    assert flow.index == 0
    flow.current.complete()
    flow.current.complete()
    assert ends == [FlowOutcome.COMPLETED] and flow.current is None
    assert LOG == ["enter 0", "leave 0", "enter 1", "leave 1"]


def test_back_and_cancel(env: FlowEnv) -> None:
    flow = make(env, "record", "record", "record")
    flow.start()
    assert not flow.can_go_back  # nothing before the first step
    flow.current.complete()
    assert flow.back() and flow.index == 0
    flow.current.complete()
    flow.cancel()
    assert flow.outcome is FlowOutcome.CANCELLED
    assert LOG[-1] == "leave 1"
    flow.cancel()  # ending twice is harmless
    assert flow.outcome is FlowOutcome.CANCELLED


def test_no_going_back_past_a_payment(env: FlowEnv) -> None:
    flow = make(env, "record", "pay", "record")
    flow.start()
    flow.current.complete()
    assert flow.can_go_back  # at the payment step, before paying
    flow.current.complete()
    assert flow.no_return and not flow.can_go_back and not flow.back()


def test_busy_step_pauses_idle_and_blocks_back(env: FlowEnv) -> None:
    flow = make(env, "record", "record")
    flow.start()
    flow.current.complete()
    step = flow.current
    step.set_busy(True)
    assert env.idle.paused and not flow.can_go_back
    step.fail(FlowError("DEVICE_TIMEOUT"))
    assert not env.idle.paused and step.error.code == "DEVICE_TIMEOUT"
    step.set_busy(True)
    flow.timeout()  # leaving a busy step always releases the idle pause
    assert not env.idle.paused and flow.outcome is FlowOutcome.TIMEOUT


def test_unknown_step_kind_is_refused(env: FlowEnv) -> None:
    with pytest.raises(FlowError, match="UNKNOWN_STEP"):
        make(env, "record", "teleport")


def test_every_catalogue_step_is_a_registered_kind_with_a_page() -> None:
    """A service that only reuses step kinds needs nothing but configuration."""
    from kiosk.config.schema import load_config
    from kiosk.flow import STEP_KINDS

    config = load_config()
    used = {s for svc in config.services for s in svc.steps}
    assert used - set(STEP_KINDS) == set()
