"""Floods, mashing, look-alike badges, a restart mid-lockout: refused clearly, nothing leaks."""

from __future__ import annotations

import random

import pytest

from kiosk.app import KioskCore
from kiosk.flow.engine import inline_executor
from kiosk.maintenance import access
from kiosk.maintenance import events as ev
from kiosk.maintenance.access import Outcome
from kiosk.maintenance.mode import MaintenanceMode, Mode
from kiosk.visit.controller import VisitController
from tests.fakes import Clock
from tests.kiosk.maintenance.conftest import BADGE, PIN, TECH, Screen, audit_rows


def test_a_flood_of_wrong_pins_hashes_five_and_refuses_the_rest(
    mode: MaintenanceMode, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = access.verify_pin
    monkeypatch.setattr(access, "verify_pin", lambda p, h: checked.append(p) or real(p, h))
    outcomes = [mode.submit_pin(TECH, f"{900000 + i}").outcome for i in range(200)]
    assert len(checked) == 5  # the lock holds: nothing more is even hashed
    assert outcomes[:5] == [Outcome.WRONG] * 5 and set(outcomes[5:]) == {Outcome.LOCKED}
    assert mode.submit_pin(TECH, PIN).outcome is Outcome.LOCKED  # even the right one, now
    assert not mode.in_session and mode.mode is Mode.SERVING
    refused = screen.of(ev.PinRefused)
    assert len(refused) == 201 and all(isinstance(e, ev.PinRefused) for e in refused)
    assert len(audit_rows(mode.core)) == 201  # every attempt is on the record


def test_key_mashing_on_the_pad_is_a_wrong_pin_never_an_error(mode: MaintenanceMode) -> None:
    rng = random.Random(12)
    alphabet = "0123456789⌫X*#\x00é张 \n"
    for _ in range(4):  # stay under the lockout: each one is really checked
        tech = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        pin = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5000)))
        assert mode.submit_pin(tech, pin).outcome is Outcome.WRONG
    fifth = mode.submit_pin("", "")
    assert fifth.outcome is Outcome.WRONG and fifth.locked_for_s == 60
    for record in audit_rows(mode.core):
        assert record.technician in ("", TECH)  # what was typed as an id is not recorded


@pytest.mark.parametrize("code", ["MNT-99", "MNT-7", "MNT-07X", "mnt-07", "MNT-070000000", "MNT-"])
def test_badge_like_codes_that_are_not_badges_are_ordinary_scans(
    mode: MaintenanceMode, screen: Screen, code: str
) -> None:
    assert not mode.scanned(code)
    assert screen.events == [] and audit_rows(mode.core) == []


def test_a_real_badge_opens_the_pad_for_its_technician(
    mode: MaintenanceMode, screen: Screen
) -> None:
    assert mode.scanned(BADGE)
    assert screen.events == [ev.AskPin(TECH)]


def test_a_restart_in_the_middle_of_a_lockout_keeps_the_pad_locked(
    core: KioskCore, visit: VisitController, mode: MaintenanceMode, clock: Clock, wall: Clock
) -> None:
    for i in range(5):
        mode.submit_pin(TECH, f"90000{i}")
    wall.now += 20
    restarted = MaintenanceMode(core, visit, inline_executor, clock=clock, wall_clock=wall)
    attempt = restarted.submit_pin(TECH, PIN)
    assert attempt.outcome is Outcome.LOCKED and attempt.locked_for_s == 40
    wall.now += 40
    assert restarted.submit_pin(TECH, PIN).outcome is Outcome.OK
    assert restarted.in_session
