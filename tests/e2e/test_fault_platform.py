"""The central platform goes down during a renewal: the kiosk carries on, and catches up after.

The platform simulator the kiosk syncs with is stopped mid-visit (its store
kept) and started again on the same port later. The case is durable before
the screen moves on, the slip prints, a progress query says honestly that the
case waits for upload, and once the platform is back every queued transaction
reaches it exactly once.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cases.receipts import parse_progress_code
from kiosk.flow.printing import SlipState
from kiosk.flow.progress import Progress
from kiosk.visit.session import EndReason
from offline_queue.db import State
from tests.e2e.conftest import kind, screen_text
from tests.e2e.fault_walk import advance, click, device, page, walk_to
from tests.windows import begin
from ui.main_window import KioskWindow

#: Notice the platform's return within a fifth of a second and resend at once.
QUICK_RECONNECT_SITE = """
[queue]
probe_interval_s = 0.2
reconnect_jitter_s = 0
backoff_base_s = 0.1
backoff_cap_s = 0.5
"""


@pytest.fixture
def site_toml() -> str:
    """This module's site file, in place of the defaults alone (see conftest)."""
    return QUICK_RECONNECT_SITE


def case_rows(window: KioskWindow, number: str) -> list[Any]:
    return window.core.outbox.find_case(number)


def test_platform_down_during_a_renewal(window: KioskWindow, qtbot: QtBot) -> None:
    core = window.core
    platform = core.queue.simulator
    assert platform is not None  # the default configuration syncs with the simulator
    begin(window, "id_card_renewal")
    platform.stop(keep_store=True)  # the platform goes away while the citizen starts

    # What is on disk at the moment the screen leaves "submit" for the slip.
    on_disk: dict[str, Any] = {}

    def watch(flow: Any) -> None:
        if flow.current is not None and flow.current.kind == "print_slip":
            number = flow.session.data["application_no"]
            on_disk[number] = [r.type for r in case_rows(window, number)]

    window.flow.add_listener(watch)
    walk_to(window, qtbot, "print_slip")
    session = core.sessions.current
    number = session.data["application_no"]
    order = session.data["payment.order_no"]
    assert on_disk == {number: ["id_card_renewal"]}  # durable before "done" was shown

    step = window.flow.current
    qtbot.waitUntil(lambda: step.state is not SlipState.PRINTING, timeout=10_000)
    assert step.state is SlipState.PRINTED, step.error
    assert "请取走出纸口的凭条" in screen_text(window)
    [slip] = device(window, "printer").simulator.model.documents
    assert f"受理编号：{number}" in slip.text
    slip_code = slip.qr_payloads[0]
    assert parse_progress_code(slip_code) == number
    advance(window, qtbot)  # to 办理成功
    assert kind(window) == "success"
    advance(window, qtbot)  # to the rating
    click(qtbot, page(window).grades.buttons["5"])
    with qtbot.waitSignal(window.session_ended, timeout=10_000) as ended:
        click(qtbot, page(window).send_button)
    assert ended.args == [EndReason.COMPLETED.value]

    # Still offline: the citizen checks progress with the slip's code.
    begin(window, "progress_query")
    assert kind(window) == "identify_application"
    device(window, "scanner").simulator.scan(slip_code)
    qtbot.waitUntil(lambda: kind(window) == "show_progress", timeout=10_000)
    progress = window.flow.current
    qtbot.waitUntil(lambda: progress.state is not Progress.LOADING, timeout=10_000)
    assert progress.state is Progress.WAITING_UPLOAD
    text = screen_text(window)
    assert "已提交，等待上传" in text and number in text.replace(" ", "")
    assert "本机暂时无法连接办理平台，您的办件已安全保存，连通后会自动上传。" in text
    click(qtbot, page(window).done_button)
    with qtbot.waitSignal(window.session_ended, timeout=10_000):
        click(qtbot, page(window).skip_button)

    rows = core.outbox.rows(limit=50)
    assert sorted(r.type for r in rows) == ["id_card_renewal", "payment", "rating"]
    assert all(r.state is State.PENDING for r in rows)
    assert core.queue.worker.status.online is False  # it noticed the platform is gone

    # The platform returns: the worker notices by itself and delivers everything.
    platform.start()
    qtbot.waitUntil(lambda: core.outbox.stats().counts["delivered"] == len(rows), timeout=15_000)
    counts = core.outbox.stats().counts
    assert counts["pending"] == 0 and counts["dead"] == 0
    store = platform.store
    assert store.ids() == {r.id for r in rows}  # each transaction once, none lost
    held = store.counts()
    assert held["stored"] == len(rows) and held["mismatches"] == 0 and held["rejected"] == 0
    status = core.platform.application_status(number)
    assert status is not None and status.status == "received"
    # The fee was for a case the platform now holds: never refunded.
    payments = device(window, "payment").simulator
    assert len(payments.charges(order)) == 1 and payments.refunds(order) == []
