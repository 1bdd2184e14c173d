"""The help dialog (by day, at night), the take-your-card prompt, and the flow host's chrome."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config.schema import Text, load_config
from kiosk.visit.help import help_answer
from ui.layout_audit import audit
from ui.widgets.help_dialog import HelpDialog
from ui.widgets.take_items import TakeItemsPrompt

NIGHT = dt.datetime(2026, 12, 3, 2, 0)
DAY = dt.datetime(2026, 12, 3, 10, 0)


def window(qtbot: QtBot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    return w


def test_help_at_night_says_nobody_comes_and_what_else_helps(qtbot: QtBot) -> None:
    parent = window(qtbot)
    dialog = HelpDialog(parent)
    video = Text(zh="可使用自助机右侧的视频求助电话", en="Use the video help phone on the right")
    kiosk = load_config().kiosk.model_copy(update={"video_help": video})
    dialog.show_answer(help_answer(kiosk, NIGHT, recorded=True), "zh")
    assert dialog.isVisible()
    assert dialog.heading.text() == "现在没有工作人员值守"
    assert "工作日 09:00–17:00" in dialog.now.text()  # when someone is there
    assert "您的求助已记录" in dialog.now.text()
    assert "12345" in dialog.others.text() and video.zh in dialog.others.text()
    assert audit(parent, (1920, 1080)) == []
    dialog.ok_button.click()
    assert not dialog.isVisible()


def test_help_by_day_gives_the_wait(qtbot: QtBot) -> None:
    parent = window(qtbot)  # kept: the dialog lives in it
    dialog = HelpDialog(parent)
    dialog.show_answer(help_answer(load_config().kiosk, DAY, recorded=True), "zh")
    assert dialog.heading.text() == "已呼叫工作人员"
    assert "大约 5 分钟" in dialog.now.text()
    assert "12345" in dialog.others.text()


def test_the_take_items_prompt_covers_the_window_flashes_and_shows_where(qtbot: QtBot) -> None:
    parent = window(qtbot)
    prompt = TakeItemsPrompt(parent)
    prompt.show_items(card=True, slip=False)
    assert prompt.isVisible() and prompt.geometry() == parent.rect()  # full screen
    assert prompt.heading.text() == "请取走您的身份证"
    assert prompt.card_sketch.isVisible() and not prompt.slip_sketch.isVisible()
    assert prompt._flash.isActive()
    flash = prompt.card.property("flash")
    qtbot.waitUntil(lambda: prompt.card.property("flash") != flash, timeout=3000)  # it flashes
    assert audit(parent, (1920, 1080)) == []
    with qtbot.waitSignal(prompt.taken):
        prompt.taken_button.click()
    prompt.show_items(card=False, slip=False)
    assert not prompt.isVisible() and not prompt._flash.isActive()
