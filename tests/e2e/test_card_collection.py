"""扫码取证 and progress by ID card through the real window, on the simulated devices.

The platform simulator holds its demo cards (``offline_queue.sim.demo_data``); the
kiosk's dispenser is the stand-in (``drivers.dispenser.stand_in``, named by the site
file so the outcome of each release can be chosen) and its slot inventory the demo
one, as ``kiosk run`` has it with a simulated platform.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from drivers.dispenser.model import ReleaseOutcome
from drivers.idcard.events import CardRead
from drivers.idcard.profiles import PROFILES
from drivers.idcard.text import decode_text_block
from kiosk.cases.receipts import APP_PREFIX
from offline_queue.sim import demo_data
from tests.e2e.conftest import kind, screen_text
from tests.windows import begin
from ui.main_window import KioskWindow
from ui.steps.progress import ShowProgressPage
from ui.visits import Visitor, VisitPlan


@pytest.fixture
def site_toml() -> str:
    return '[devices.dispenser]\ndriver = "dispenser-standin-sim"\n'


def test_collect_a_ready_card_from_slip_to_rating(window: KioskWindow) -> None:
    core = window.core
    assert core.availability()["card_collection"].available
    record = Visitor(window).visit("card_collection", VisitPlan.for_visit(0))
    assert record.ended == "completed"
    assert record.kinds == core.config.service("card_collection").steps
    dispenser = core.devices.get("dispenser")
    assert [(r.outcome, r.slot) for r in dispenser.released] == [(ReleaseOutcome.TAKEN, 1)]
    [receipt] = core.devices.get("printer").simulator.model.documents
    assert demo_data.READY_ZHANG in receipt.text and "领取凭条" in receipt.text
    assert demo_data.ZHANG.id_number not in receipt.text  # masked
    assert sorted(r.type for r in core.outbox.rows(limit=20)) == ["card_collected", "rating"]
    core.queue.worker.sync_once()
    status = core.platform.application_status(demo_data.READY_ZHANG)
    assert status is not None and status.status == "collected"
    assert status.collection is not None and status.collection.collected_at is not None


def test_scripted_citizens_collect_again_and_again(window: KioskWindow) -> None:
    """``kiosk demo --sessions N``: each visit collects a ready card of its own."""
    visitor = Visitor(window)
    for number in (1, 3):
        assert visitor.visit("card_collection", VisitPlan.for_visit(number)).ended == "completed"
    released = window.core.devices.get("dispenser").released
    assert [(r.outcome, r.slot) for r in released] == [("taken", 1), ("taken", 3)]


def test_a_card_not_taken_is_captured_and_staff_are_told(window: KioskWindow) -> None:
    core = window.core
    core.devices.get("dispenser").queue_outcome(ReleaseOutcome.CAPTURED)
    visitor = Visitor(window)
    step = visitor.walk_to("card_collection", VisitPlan.for_visit(2), "release_card")
    visitor.wait_until(lambda: step.state.value == "captured", "the card captured")
    text = screen_text(window.flow_host)
    assert "证件已收回机内妥善保管，仍可领取" in text and "工作人员已收到通知" in text
    assert core.health.help.waiting == 1

    def types() -> list[str]:
        return sorted(r.type for r in core.outbox.rows(limit=20))

    visitor.wait_until(lambda: bool(types()), "the help request on disk")
    assert types() == ["help_request"]  # nothing collected: the application stays collectable
    visitor.click(window.flow_host.current_page.done_button, "返回首页")
    visitor.wait_until(lambda: window.flow is None, "back home")
    status = core.platform.application_status(demo_data.READY_ZHANG)
    assert status is not None and status.collection is not None and status.collection.ready


def test_collected_and_someone_elses_cards_are_refused(window: KioskWindow) -> None:
    core = window.core
    visitor = Visitor(window)
    step = visitor.walk_to("card_collection", VisitPlan.for_visit(4), "collect_slip")
    scanner = core.devices.get("scanner").simulator
    scanner.scan(APP_PREFIX + demo_data.COLLECTED_ZHANG)
    visitor.wait_until(lambda: step.error is not None, "the platform's answer")
    assert step.error.code == "COLLECT_ALREADY_COLLECTED"
    assert "这张身份证已经领取过了" in screen_text(window.flow_host)
    step.clear_error()
    scanner.scan(APP_PREFIX + demo_data.READY_LI)  # 李四's card, for 张三
    visitor.wait_until(lambda: step.error is not None, "the platform's answer")
    assert step.error.code == "COLLECT_NOT_YOURS"
    text = screen_text(window.flow_host)
    assert "只能由申请人本人领取" in text and "证件申请人：李*" in text
    assert kind(window) == "collect_slip" and core.devices.get("dispenser").released == []
    visitor.leave()


def test_progress_by_card_lists_every_application_newest_first(
    window: KioskWindow, qtbot: QtBot
) -> None:
    core = window.core
    begin(window, "progress_query")
    synthetic = decode_text_block(PROFILES["zhang_san"].text_block())
    the_card = replace(synthetic, name=demo_data.ZHANG.name, id_number=demo_data.ZHANG.id_number)
    core.devices.get("idcard")._emit(CardRead(the_card))  # as the driver reports it
    page = window.flow_host.current_page
    step = window.flow.current
    qtbot.waitUntil(lambda: step.lookup.value == "choose", timeout=10_000)
    assert [m.application_no for m in step.matches] == [
        demo_data.COMPLAINT_ZHANG,
        demo_data.READY_ZHANG,
        demo_data.COLLECTED_ZHANG,
    ]
    texts = [b.text() for b in page.choices.buttons.values()]
    assert texts[1].startswith("身份证补领　已办结，可领取　")
    assert "查到您办理的以下业务（最新的在前）" in screen_text(window.flow_host)
    assert the_card.wiped
    page.choices.buttons[demo_data.READY_ZHANG].click()
    qtbot.waitUntil(lambda: isinstance(window.flow_host.current_page, ShowProgressPage))
    result = window.flow_host.current_page
    qtbot.waitUntil(lambda: result.step.state.value == "found", timeout=10_000)
    assert result.service.text() == "身份证补领"
    assert "已办结，可领取" in result.history.text()
    assert result.next_step.text().startswith("下一步：请带上身份证和受理凭条")
