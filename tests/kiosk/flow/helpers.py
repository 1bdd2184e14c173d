"""What the flow tests share: a service cut to some steps, the flow's thread, driver events."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from drivers.base import DeviceState, StatusChanged
from kiosk.config.schema import Service
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.visit.session import SessionManager


def service(env: FlowEnv, base: str, *steps: str) -> Service:
    """The catalogue service ``base`` cut down to ``steps`` (the rest is tested elsewhere)."""
    return env.config.service(base).model_copy(update={"steps": list(steps)})


def make_flow(env: FlowEnv, sessions: SessionManager, base: str, *steps: str) -> Flow:
    """A flow of ``base`` cut down to ``steps``, in a new session."""
    return Flow(service(env, base, *steps), sessions.start(base), env)


class Loop:
    """The flow's thread: worker results and device events are run here, on the test thread."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="test-flow")
        self.posted: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()

    def run_async(self, fn: Callable[[], Any], done: Callable[[Future[Any]], None]) -> None:
        future = self.pool.submit(fn)
        future.add_done_callback(lambda f: self.posted.put(lambda: done(f)))

    def until(
        self, done: Callable[[], bool], each: Callable[[], None] | None = None, timeout: float = 120
    ) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not reached")
            try:
                callback = self.posted.get(timeout=0.05)
            except queue.Empty:
                callback = None
            if callback is not None:
                callback()
            if each is not None:
                each()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class Pump:
    """Driver events arrive on the driver's thread; the flow takes them on this one."""

    def __init__(self, device: Any, name: str) -> None:
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        device.add_listener(lambda ev: self.events.put((name, ev)))

    def until(self, flow: Flow, done: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("condition not reached")
            try:
                name, event = self.events.get(timeout=min(remaining, 0.1))
            except queue.Empty:
                continue
            flow.on_device_event(name, event)


def card_present(device: Any) -> threading.Event:
    """An event set once ``device`` reports a card on it."""
    present = threading.Event()
    device.add_listener(
        lambda ev: (
            isinstance(ev, StatusChanged)
            and ev.status.state is DeviceState.CARD_PRESENT
            and present.set()
        )
    )
    return present
