"""The ID card lifted while it is read: the page asks for it back; the next placement goes on."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.visit.session import EndReason
from tests.e2e.conftest import kind, screen_text
from tests.e2e.fault_walk import click, device, page
from tests.windows import begin
from ui.main_window import KioskWindow

PUT_IT_BACK = "读取时身份证被拿开了，请放回读卡区。"


def test_card_removed_mid_read_then_placed_again(window: KioskWindow, qtbot: QtBot) -> None:
    core = window.core
    reader = device(window, "idcard").simulator
    begin(window, "id_card_renewal")
    assert kind(window) == "read_id_card"
    assert "请将身份证平放在屏幕右侧的读卡区" in screen_text(window)
    assert "放好后会自动读取" in screen_text(window)
    session = core.sessions.current

    reader.remove_card_during_next_read()
    reader.place_card()
    qtbot.waitUntil(lambda: PUT_IT_BACK in screen_text(window), timeout=10_000)
    assert kind(window) == "read_id_card" and "card" not in session.data
    assert page(window).retry_button.isVisible()  # "重新读取"
    assert not core.idle.paused  # the citizen is on their own again: the idle timer runs

    reader.place_card()  # put back: read, and on to the face check
    qtbot.waitUntil(lambda: kind(window) == "face_verify", timeout=10_000)
    card = session.data["card"]
    assert card.id_number and not card.wiped
    assert PUT_IT_BACK not in screen_text(window)

    with qtbot.waitSignal(window.session_ended, timeout=10_000):
        click(qtbot, window.flow_host.cancel_button)
    assert card.wiped and len(session.data) == 0 and session.ended is EndReason.CANCELLED


def test_unreadable_card_is_reported_and_read_again(window: KioskWindow, qtbot: QtBot) -> None:
    core = window.core
    reader = device(window, "idcard").simulator
    attempts = device(window, "idcard").settings.read_attempts
    begin(window, "id_card_renewal")

    reader.fail_next_reads(attempts)  # every read of this placement fails
    reader.place_card()
    unreadable = "没有读出身份证，请把证件放平后点“重新读取”。"
    qtbot.waitUntil(lambda: unreadable in screen_text(window), timeout=10_000)
    assert kind(window) == "read_id_card" and not core.idle.paused
    assert "正在读取" not in page(window).status.text()

    click(qtbot, page(window).retry_button)  # "重新读取": this time the card answers
    qtbot.waitUntil(lambda: kind(window) == "face_verify", timeout=10_000)
    assert not core.sessions.current.data["card"].wiped
