"""办理进度查询 against the real platform simulator over HTTP, online and offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cases.receipts import progress_code
from kiosk.flow.engine import Flow, FlowEnv
from kiosk.flow.progress import Progress
from kiosk.visit.session import SessionManager
from offline_queue.client import PlatformClient
from offline_queue.sim import PlatformSimulator
from offline_queue.worker import SyncWorker


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformSimulator]:
    sim = PlatformSimulator(tmp_path / "platform.db", token="t0ken").start()
    yield sim
    sim.stop()


@pytest.fixture
def online(env: FlowEnv, platform: PlatformSimulator) -> Iterator[FlowEnv]:
    client = PlatformClient(platform.url, env.config.kiosk.id, "t0ken", env.config.platform)
    env.platform = client
    yield env
    client.close()


def submit_complaint(env: FlowEnv) -> str:
    flow = Flow(env.config.service("complaint"), SessionManager().start("complaint"), env)
    flow.start()
    flow.current.begin()  # past the start page
    form = flow.current
    form.choose_category("enquiry")
    form.toggle_reason("progress")
    form.send()
    return flow.session.data["application_no"]


def query(env: FlowEnv, code: str) -> Flow:
    flow = Flow(env.config.service("progress_query"), SessionManager().start("q"), env)
    flow.start()
    flow.current.begin()  # past the start page
    flow.current.accept(code)
    return flow


def test_delivered_case_shows_the_platform_history(online: FlowEnv) -> None:
    number = submit_complaint(online)
    worker = SyncWorker(online.outbox, online.platform)
    report = worker.sync_once()
    assert report.delivered == 1
    flow = query(online, progress_code(online.config, number))
    step = flow.current
    assert step.kind == "show_progress" and step.state is Progress.FOUND
    assert step.status.application_no == number and step.status.status == "received"
    assert not online.idle.paused


def test_case_still_in_the_queue_is_waiting_upload_not_missing(
    online: FlowEnv, platform: PlatformSimulator
) -> None:
    number = submit_complaint(online)  # not synced yet
    flow = query(online, number)
    assert flow.current.state is Progress.WAITING_UPLOAD
    platform.stop()  # and with the platform unreachable
    flow = query(online, number)
    assert flow.current.state is Progress.WAITING_UPLOAD


def test_unknown_number(online: FlowEnv, platform: PlatformSimulator) -> None:
    flow = query(online, "202611220000000001")
    assert flow.current.state is Progress.NOT_FOUND
    platform.stop()
    flow = query(online, "202611220000000001")
    step = flow.current
    assert step.state is Progress.UNAVAILABLE
    platform.start()
    step.query()
    assert step.state is Progress.NOT_FOUND


def test_malformed_codes_stay_on_the_scan_step(online: FlowEnv) -> None:
    flow = Flow(online.config.service("progress_query"), SessionManager().start("q"), online)
    flow.start()
    flow.current.begin()  # past the start page
    step = flow.current
    for bad in ("https://evil.example/x", "hello", "", "\x00\x01"):
        step.accept(bad)
        assert flow.current is step and step.error.code == "BAD_CODE"
    step.set_typed("2026112200000000011")
    step.accept_typed()
    assert flow.current.kind == "show_progress"


def test_the_result_has_a_timeline_without_repeats_and_a_next_step() -> None:
    import datetime as dt
    from types import SimpleNamespace

    from kiosk.flow.progress import NEXT_STEP, Progress, ShowProgress

    at = dt.datetime(2026, 12, 3, 9, 0)
    history = [
        SimpleNamespace(status="processing", at=at + dt.timedelta(hours=2), note=""),
        SimpleNamespace(status="received", at=at, note="已受理"),
        SimpleNamespace(status="received", at=at + dt.timedelta(hours=1), note="已受理"),
    ]
    step = ShowProgress.__new__(ShowProgress)  # only the result's reading is tested here
    step.state = Progress.FOUND
    step.status = SimpleNamespace(status="processing", history=history)
    assert [(e.status, e.at.hour) for e in step.timeline] == [("received", 9), ("processing", 11)]
    assert step.next_step == "wait"
    step.status = SimpleNamespace(status="ready", history=history)
    assert step.next_step == "collect"
    assert NEXT_STEP["rejected"] == "counter" and NEXT_STEP["collected"] == "nothing"
    step.state, step.status = Progress.NOT_FOUND, None
    assert step.next_step == "check_number" and step.timeline == []
