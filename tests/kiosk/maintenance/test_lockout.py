"""Five wrong PINs lock the pad; each further one doubles the lock; a restart changes nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kiosk.config.maintenance import LockoutSettings
from kiosk.maintenance.lockout import FILE_NAME, Lockout
from tests.fakes import Clock

SETTINGS = LockoutSettings()


def fail_until_locked(lock: Lockout) -> float:
    for _ in range(SETTINGS.failures - 1):
        assert lock.failed() == 0
    return lock.failed()


def test_five_failures_lock_for_a_minute_then_each_further_one_doubles(tmp_path: Path) -> None:
    clock = Clock()
    lock = Lockout(tmp_path, SETTINGS, clock)
    assert fail_until_locked(lock) == 60
    locks = []
    for _ in range(4):
        clock.now += lock.seconds_left()  # wait the lock out, then fail again
        assert lock.seconds_left() == 0
        locks.append(lock.failed())
    assert locks == [120, 240, 480, 960]


def test_the_lock_and_its_doubling_survive_a_restart(tmp_path: Path) -> None:
    clock = Clock()
    assert fail_until_locked(Lockout(tmp_path, SETTINGS, clock)) == 60
    clock.now += 30
    after_restart = Lockout(tmp_path, SETTINGS, clock)  # a new process, the same disk
    assert after_restart.seconds_left() == 30
    clock.now += 30
    assert after_restart.failed() == 120  # the count went on where it was
    assert Lockout(tmp_path, SETTINGS, clock).seconds_left() == 120


def test_a_right_pin_clears_the_count(tmp_path: Path) -> None:
    clock = Clock()
    lock = Lockout(tmp_path, SETTINGS, clock)
    for _ in range(4):
        lock.failed()
    lock.succeeded()
    assert Lockout(tmp_path, SETTINGS, clock).state.failures == 0
    assert fail_until_locked(lock) == 60


def test_the_state_file_is_private(tmp_path: Path) -> None:
    Lockout(tmp_path, SETTINGS, Clock()).failed()
    mode = stat.S_IMODE(os.stat(tmp_path / FILE_NAME).st_mode)
    assert mode == 0o600


def test_a_damaged_state_file_fails_closed(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"failures": "many"')
    lock = Lockout(tmp_path, SETTINGS, Clock())
    assert lock.seconds_left() == SETTINGS.first_lock_s


def test_a_clock_set_back_cannot_stretch_a_lock_past_the_longest(tmp_path: Path) -> None:
    clock = Clock()
    lock = Lockout(tmp_path, SETTINGS, clock)
    fail_until_locked(lock)
    clock.now -= 10 * 365 * 86_400
    assert lock.seconds_left() == SETTINGS.max_lock_s


def test_the_lock_stops_growing_at_its_longest(tmp_path: Path) -> None:
    clock = Clock()
    lock = Lockout(tmp_path, SETTINGS, clock)
    fail_until_locked(lock)
    for _ in range(60):
        clock.now += lock.seconds_left()
        last = lock.failed()
    assert last == SETTINGS.max_lock_s
