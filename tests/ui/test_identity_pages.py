"""Identity pages: keypad entry with the check digit, masked confirmation, card reading."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from drivers.idcard import idnumber
from drivers.idcard.on_simulator import SimulatedSamReader
from tests.ui.flow_pages import start_flow
from ui.flow_host import FlowHost
from ui.steps.identity import ConfirmPage, IdNumberEntryPage, ReadIdCardPage, group_id_number
from ui.widgets.keypad import DELETE


def test_number_on_the_keypad_then_masked_confirmation(host: FlowHost) -> None:
    flow = start_flow(host, "id_card_reissue", ["id_number_entry", "confirm"])
    page = host.current_page
    assert isinstance(page, IdNumberEntryPage)
    good = idnumber.make("11010519491231002")
    typo = good[:16] + str((int(good[16]) + 1) % 10) + good[17]
    for key in typo:
        page.keypad.buttons[key].click()
    assert page.number.text() == group_id_number(typo)
    assert page.problem.text() == "号码有误，请核对后重新输入"
    assert not page.next_button.isEnabled()
    page.keypad.buttons[DELETE].click()
    page.keypad.buttons[DELETE].click()
    for key in good[16:]:
        page.keypad.buttons[key].click()
    assert page.problem.text() == "" and page.next_button.isEnabled()
    page.next_button.click()

    confirm = host.current_page
    assert isinstance(confirm, ConfirmPage)
    shown = confirm.labels["id_number"][1].text()
    assert shown == good[:4] + "*" * 10 + good[-4:] and good not in shown
    assert confirm.labels["fee"][1].text() == "40.00 元"
    assert not confirm.labels["name"][1].isVisible()  # no name known for a lost card
    confirm.next_button.click()
    assert flow.outcome is not None


def test_read_card_page_follows_the_reader(host: FlowHost, qtbot: QtBot) -> None:
    reader = SimulatedSamReader(SimulatedSamReader.Settings())
    reader.open()
    try:
        events: list = []
        reader.add_listener(events.append)
        flow = start_flow(host, "id_card_renewal", ["read_id_card", "confirm"], {"idcard": reader})
        page = host.current_page
        assert isinstance(page, ReadIdCardPage)
        assert page.status.text() == "放好后会自动读取"
        reader.simulator.place_card()

        def pump() -> bool:
            while events:
                flow.on_device_event("idcard", events.pop(0))
            return isinstance(host.current_page, ConfirmPage)

        qtbot.waitUntil(pump, timeout=10_000)
        # The citizen checks their own name, in full; the ID number keeps its middle masked.
        labels = host.current_page.labels
        assert labels["name"][1].text() == flow.session.data["case.pii"]["name"]
        number = flow.session.data["case.pii"]["id_number"]
        assert labels["id_number"][1].text() == number[:4] + "*" * 10 + number[-4:]
        flow.session.data.wipe()
    finally:
        reader.close()


def tap_candidate(keyboard, char: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(10):  # pages
        for button in keyboard.candidate_buttons:
            if button.isVisible() and button.text() == char:
                button.click()
                return
        keyboard.next_button.click()
    raise AssertionError(f"{char} not among the candidates")


def test_name_typed_in_pinyin(host: FlowHost) -> None:
    from ui.steps.identity import NameEntryPage

    start_flow(host, "id_card_reissue", ["name_entry", "confirm"])
    page = host.current_page
    assert isinstance(page, NameEntryPage)
    assert not page.next_button.isEnabled()
    for word, char in (("zhang", "张"), ("san", "三")):
        for key in word:
            page.keyboard.press(key)
        # Names are where frequency ranking is weakest: the citizen taps the right one.
        tap_candidate(page.keyboard, char)
    assert page.step.name == "张三"
    assert page.next_button.isEnabled()
    page.next_button.click()
    assert host.current_page.labels["name"][1].text() == "张三"  # in full, to be checked
