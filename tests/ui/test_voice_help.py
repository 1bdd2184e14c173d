"""Voice guidance (Qt's mock speech engine) and the call-staff button."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from tests.windows import begin, kiosk_window
from ui.main_window import KioskWindow
from ui.voice import Voice

THURSDAY_10AM = dt.datetime(2026, 12, 3, 10, 0)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskWindow]:
    core = KioskCore(load_config())
    voice = Voice(engines=("mock",))
    with kiosk_window(qtbot, core, voice=voice) as win:
        yield win


def test_each_step_is_spoken_in_the_current_language(window: KioskWindow, qtbot: QtBot) -> None:
    assert window.voice.available
    with qtbot.waitSignal(window.voice.spoken, timeout=2000) as spoken:
        begin(window, "service_guide")
    assert spoken.args == ["请选择部门或常见事项，也可以输入拼音首字母查找。"]
    window.language.set("en")
    with qtbot.waitSignal(window.voice.spoken, timeout=2000) as spoken:
        window.flow_host.current_page.done_button.click()
    assert spoken.args[0].startswith("Please rate this visit")


def test_repeat_and_mute(window: KioskWindow, qtbot: QtBot) -> None:
    begin(window, "complaint")
    first = window.voice.last_text
    with qtbot.waitSignal(window.voice.spoken, timeout=2000) as spoken:
        window.top_bar.repeat_button.click()
    assert spoken.args == [first]
    window.top_bar.mute_button.click()
    assert window.voice.muted and window.top_bar.mute_button.text() == "取消静音"


def test_call_staff_queues_a_request_without_personal_data(
    window: KioskWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Thursday morning, when staff are in the hall (the default staffed hours).
    monkeypatch.setattr(window.controller, "_wall_clock", lambda: THURSDAY_10AM)
    begin(window, "complaint")
    window.top_bar.help_button.click()
    assert not window.top_bar.help_button.isEnabled()  # no paging twice
    assert window.top_bar.help_button.text() == "已呼叫工作人员"
    assert window.voice.last_text == "已通知工作人员，请在原地稍候。"
    qtbot.waitUntil(lambda: sum(window.core.outbox.stats().counts.values()) == 1, timeout=5000)


def test_session_end_stops_speech(window: KioskWindow) -> None:
    begin(window, "service_guide")
    window.flow_host.cancel_button.click()
    assert window.voice.last_text == ""


def test_no_engine_means_quiet_not_broken() -> None:
    voice = Voice(engines=("no-such-engine",))
    assert not voice.available
    voice.say("请稍候")  # nothing to speak with: no error
    assert voice.last_text == "请稍候"
