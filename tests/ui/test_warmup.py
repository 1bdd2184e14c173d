"""Warm-up at home: one task per event-loop turn, only while no visit runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.visit.session import EndReason
from tests.windows import kiosk_window
from ui.main_window import KioskWindow
from ui.warmup import WarmUp


def test_tasks_run_one_at_a_time_while_idle(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    idle = {"now": False}
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("cannot build")

    tasks = [lambda: ran.append("a"), broken, lambda: ran.append("b")]
    warm = WarmUp(tasks, idle=lambda: idle["now"], delay_ms=10, gap_ms=0)
    warm.start()
    qtbot.wait(50)  # several turns of the event loop while a visit runs
    assert ran == [] and not warm.done
    idle["now"] = True
    qtbot.waitUntil(lambda: warm.done, timeout=5000)
    assert ran == ["a", "b"]  # a failing task is logged and skipped
    assert "warm-up task failed" in caplog.text


def test_stop_leaves_the_rest_undone(qtbot: QtBot) -> None:
    ran: list[int] = []
    warm = WarmUp([lambda: ran.append(1)], idle=lambda: True, delay_ms=20)
    warm.start()
    warm.stop()
    qtbot.wait(60)
    assert ran == [] and not warm.done


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    core = KioskCore(load_config(), start_queue=False)  # devices stay closed: none is needed
    with kiosk_window(qtbot, core, start=False) as win:
        yield win


def test_the_window_builds_every_step_page_while_at_home(
    window: KioskWindow, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    window.warm_up.stop()
    window.warm_up.delay_ms = 0
    window.core.sessions.start("service_guide")  # a visit is on: nothing is built
    window.warm_up.start()
    qtbot.wait(100)
    assert window.flow_host.pages.count() == 0
    window.end_session(EndReason.CANCELLED)
    qtbot.waitUntil(lambda: window.warm_up.done, timeout=60_000)
    kinds = {kind for service in window.core.config.services for kind in service.steps}
    assert window.flow_host.pages.count() == len(kinds)  # before page() could build any
    assert {type(window.flow_host.page(kind)).__name__ for kind in kinds} == {
        type(window.flow_host.pages.widget(i)).__name__ for i in range(len(kinds))
    }
    assert "warm-up task failed" not in caplog.text
    assert window.voice._opened  # the speech engine was loaded (or found missing) already
