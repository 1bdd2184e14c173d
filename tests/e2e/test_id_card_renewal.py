"""A whole ID-card renewal through the real window on the simulated devices.

Card on the reader, liveness and face comparison on the simulated camera, the
ID photo, two fingerprints, the payment code, the case queued durably, the
slip printed and read back from the printer, a 好差评 rating — and the case
delivered to the platform simulator.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from drivers.camera.citizen import Citizen
from kiosk.cases.receipts import parse_progress_code
from kiosk.visit.session import EndReason
from tests.e2e.conftest import kind
from tests.windows import begin
from ui.main_window import KioskWindow

PAYMENT_CODE = "134567890123456789"


def test_renewal_from_card_to_rating(window: KioskWindow, qtbot: QtBot) -> None:
    core = window.core
    assert core.availability()["id_card_renewal"].available
    begin(window, "id_card_renewal")
    assert kind(window) == "read_id_card"
    core.devices.get("idcard").simulator.place_card()
    qtbot.waitUntil(lambda: kind(window) == "face_verify", timeout=10_000)

    citizen = Citizen(core.devices.get("camera"))

    def acting(until: str) -> bool:
        if kind(window) == "face_verify":
            citizen.act(window.flow.current)
        return kind(window) == until

    qtbot.waitUntil(lambda: acting("photo_capture"), timeout=30_000)
    citizen.act(window.flow.current)  # faces the lens again: the check may end mid-turn
    qtbot.waitUntil(lambda: window.flow_host.current_page.accept_button.isVisible(), timeout=20_000)
    window.flow_host.current_page.accept_button.click()
    qtbot.waitUntil(lambda: kind(window) == "sms_phone", timeout=20_000)  # two fingers, auto
    sms = window.flow_host.current_page
    sms.consent.click()  # a text when the card is ready, to a synthetic number
    for digit in "13800138000":
        sms.keypad.buttons[digit].click()
    sms.next_button.click()
    assert kind(window) == "confirm"
    assert "*" in window.flow_host.current_page.labels["id_number"][1].text()
    assert window.flow_host.current_page.labels["phone"][1].text() == "138 0013 8000"
    window.flow_host.current_page.next_button.click()
    assert kind(window) == "payment"
    window.flow.current.charge(PAYMENT_CODE)
    qtbot.waitUntil(lambda: kind(window) == "print_slip", timeout=20_000)
    step = window.flow.current
    qtbot.waitUntil(lambda: step.state.value != "printing", timeout=10_000)
    assert step.state.value == "printed", step.error
    number = window.flow.session.data["application_no"]
    card_number = window.flow.session.data["card"].id_number
    [slip] = core.devices.get("printer").simulator.model.documents
    assert f"受理编号：{number}" in slip.text and card_number not in slip.text
    assert "短信通知：138****8000" in slip.text and "13800138000" not in slip.text
    assert parse_progress_code(slip.qr_payloads[0]) == number
    window.flow_host.current_page.next_button.click()
    assert kind(window) == "success"  # 办理成功: the number, grouped, and what comes next
    assert window.flow_host.current_page.reference.grouped().replace(" ", "") == number
    window.flow_host.current_page.done_button.click()
    assert kind(window) == "rating"
    rating = window.flow_host.current_page
    rating.grades.buttons["5"].click()
    with qtbot.waitSignal(window.session_ended, timeout=10_000) as ended:
        rating.send_button.click()
    assert ended.args == [EndReason.COMPLETED.value]

    types = sorted(r.type for r in core.outbox.rows(limit=50))
    assert types == ["id_card_renewal", "payment", "rating"]
    core.queue.worker.sync_once()
    counts = core.outbox.stats().counts
    assert counts["dead"] == 0 and counts["delivered"] == 3  # the platform took every row
    status = core.platform.application_status(number)
    assert status is not None and status.status == "received"
