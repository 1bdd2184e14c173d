"""What the fault tests' citizen does at each step: press what the screen offers, place the card.

``advance`` does the ordinary thing for the step on screen (place the card, look
at the camera, take the photo, confirm, scan the payment code, …) and waits for
the next step; ``walk_to`` repeats it until a step kind is on screen. Buttons are
pressed with real mouse clicks, so the window sees the activity a citizen makes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from drivers.camera.citizen import Citizen
from offline_queue.sim.identity import synthetic_id
from tests.e2e.conftest import kind
from ui.main_window import KioskWindow
from ui.visits.walkers import CAMERA_TIMEOUT_S

#: A wallet payment code (18 digits, the shape of a "付款码"); synthetic.
PAYMENT_CODE = "134567890123456789"
#: A valid synthetic ID number for the lost-card keypad (never a real person's).
KEYED_ID_NUMBER = synthetic_id("110105", "19800101", "001")


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Press a button the citizen can see and use."""
    assert button.isVisible(), f"{button.text()!r} is not on screen"
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def page(window: KioskWindow) -> Any:
    """The step page on screen."""
    current = window.flow_host.current_page
    assert current is not None
    return current


def device(window: KioskWindow, name: str) -> Any:
    found = window.core.devices.get(name)
    assert found is not None, f"no {name} device"
    return found


def advance(window: KioskWindow, qtbot: QtBot, timeout_ms: int = 20_000) -> None:
    """Do what the step on screen asks, the ordinary way, and wait until the next one shows."""
    step = window.flow.current if window.flow is not None else None
    assert step is not None, "no step on screen"
    now = step.kind
    # Camera steps load the face models on first use: slow on a loaded two-core machine.
    camera_ms = max(timeout_ms, int(CAMERA_TIMEOUT_S * 1000))
    if now == "read_id_card":
        device(window, "idcard").simulator.place_card()
    elif now == "face_verify":
        citizen = Citizen(device(window, "camera"))

        def acting() -> bool:
            if window.flow is not None and window.flow.current is step:
                citizen.act(step)
            return window.flow is None or window.flow.current is not step

        qtbot.waitUntil(acting, timeout=camera_ms)
        return
    elif now == "photo_capture":
        # Face the lens: the face check before may have ended with the head still turned.
        Citizen(device(window, "camera"))
        qtbot.waitUntil(lambda: page(window).accept_button.isVisible(), timeout=camera_ms)
        click(qtbot, page(window).accept_button)
    elif now == "start":
        click(qtbot, page(window).begin_button)
    elif now == "success":
        click(qtbot, page(window).done_button)
    elif now == "sms_phone":  # no text message wanted
        click(qtbot, page(window).skip_button)
    elif now in ("confirm",):
        click(qtbot, page(window).next_button)
    elif now == "payment":
        device(window, "scanner").simulator.scan(PAYMENT_CODE)
    elif now == "print_slip":
        qtbot.waitUntil(lambda: page(window).next_button.isEnabled(), timeout=timeout_ms)
        click(qtbot, page(window).next_button)
    elif now == "id_number_entry":
        for key in KEYED_ID_NUMBER:
            click(qtbot, page(window).keypad.buttons[key])
        click(qtbot, page(window).next_button)
    elif now == "browse_guide":
        click(qtbot, page(window).done_button)
    elif now == "certificate_fetch":
        if not step.busy and page(window).fetch_button.isVisible():
            click(qtbot, page(window).fetch_button)
    elif now == "certificate_preview":
        qtbot.waitUntil(lambda: page(window).print_button.isEnabled(), timeout=timeout_ms)
        click(qtbot, page(window).print_button)
    elif now == "certificate_print":
        qtbot.waitUntil(lambda: page(window).next_button.isEnabled(), timeout=timeout_ms)
        click(qtbot, page(window).next_button)
    elif now == "identify_application":
        raise AssertionError("identify_application needs a number: scan or key one in")
    elif now not in ("fingerprint", "submit"):  # these two go on by themselves
        raise AssertionError(f"no ordinary action for {now}")
    qtbot.waitUntil(
        lambda: window.flow is None or window.flow.current is not step, timeout=timeout_ms
    )


def walk_to(window: KioskWindow, qtbot: QtBot, target: str) -> None:
    """Advance step by step until ``target`` is on screen."""
    while kind(window) != target:
        assert window.flow is not None, f"the visit ended before {target}"
        advance(window, qtbot)
