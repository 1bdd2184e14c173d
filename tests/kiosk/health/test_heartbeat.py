"""The heartbeat: the newest snapshot wins, an outage grows nothing, help is told at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.app import KioskCore
from kiosk.health.heartbeat import HeartbeatSender
from tests.fakes import Clock
from tests.kiosk.health.conftest import config_with


def wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


class Platform:
    def __init__(self) -> None:
        self.up = False
        self.taken: list[dict[str, Any]] = []
        self.tries = 0

    def send(self, body: dict[str, Any]) -> None:
        self.tries += 1
        if not self.up:
            raise ConnectionError("platform down")
        self.taken.append(body)


def test_an_outage_keeps_one_body_and_the_first_success_sends_only_the_newest() -> None:
    clock, platform, n = Clock(), Platform(), [0]

    def build() -> dict[str, Any]:
        n[0] += 1
        return {"n": n[0]}

    sender = HeartbeatSender(build, platform.send, 60, retry_s=10, clock=clock)
    for _ in range(20):  # twenty intervals down, with the retries in between
        for _ in range(6):
            sender.pump()
            assert sender.pending == 1
            clock.now += 10
    assert platform.taken == [] and n[0] == 20
    assert platform.tries <= 20 * 6  # never more than one try per step
    platform.up = True
    clock.now += 60
    sender.pump()
    assert platform.taken == [{"n": 21}] and sender.pending == 0  # only the newest went


def test_a_newer_body_replaces_an_older_one_that_waits() -> None:
    clock, platform = Clock(), Platform()
    sender = HeartbeatSender(lambda: {"tick": True}, platform.send, 60, clock=clock)
    sender.offer({"n": 1})
    sender.offer({"n": 2})
    assert sender.pending == 1
    platform.up = True
    sender._next_tick = clock.now + 60  # no tick due: only what waits is sent
    sender.pump()
    assert platform.taken == [{"n": 2}]


def test_platform_down_for_intervals_grows_nothing_and_the_newest_arrives(
    tmp_path: Path,
) -> None:
    core = KioskCore(config_with(tmp_path, "heartbeat_s = 3600"))
    core.start()
    try:
        sim = core.queue.simulator
        kiosk_id = core.config.kiosk.id
        assert wait_for(lambda: sim.store.last_heartbeat(kiosk_id) is not None)  # at start
        core.health.stop()  # the test drives a sender of its own, on a manual clock
        counts = core.outbox.stats().counts
        sim.stop(keep_store=True)
        clock, built = Clock(), []

        def build() -> dict[str, Any]:
            core.health.help.raised()  # each snapshot differs: one more help request waits
            built.append(core.health.snapshot().heartbeat_body())
            return built[-1]

        sender = HeartbeatSender(build, core.platform.heartbeat, 60, clock=clock)
        for _ in range(5):
            sender.pump()
            assert sender.pending == 1
            clock.now += 60
        assert sender.sent == 0 and sender.failed == 5
        assert core.outbox.stats().counts == counts  # heartbeats never go through the queue
        before = sim.store.counts()["heartbeats"]
        sim.start()  # same port, same store
        sender.pump()
        assert sender.sent == 1 and sender.pending == 0
        assert sim.store.counts()["heartbeats"] == before + 1
        arrived = sim.store.last_heartbeat(kiosk_id)
        assert arrived == built[-1] and arrived["help_requests_waiting"] == 6
    finally:
        core.stop()


def test_a_help_request_reaches_the_platform_before_the_next_tick(tmp_path: Path) -> None:
    core = KioskCore(config_with(tmp_path, "heartbeat_s = 3600"))
    core.start()
    try:
        sim, kiosk_id = core.queue.simulator, core.config.kiosk.id
        assert wait_for(lambda: sim.store.last_heartbeat(kiosk_id) is not None)
        core.request_help("payment")

        def told() -> bool:
            body = sim.store.last_heartbeat(kiosk_id)
            return body is not None and body["help_requests_waiting"] == 1

        assert wait_for(told)
        assert core.health.heartbeat is not None and core.health.heartbeat.last_success
    finally:
        core.stop()
    assert core.health.heartbeat._thread is None  # joined
