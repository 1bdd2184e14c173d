"""PIN hashes: salted, self-describing, checked in constant time; trivial PINs refused."""

from __future__ import annotations

import pytest

from kiosk.maintenance.pins import MIN_N, hash_pin, is_pin_hash, pin_problem, verify_pin


@pytest.mark.parametrize(
    "pin",
    ["12345", "111111", "123456", "987654", "890123", "121212", "12a456", "", "1234567890123"],
)
def test_short_trivial_and_odd_pins_are_refused(pin: str) -> None:
    assert pin_problem(pin) is not None
    with pytest.raises(ValueError):
        hash_pin(pin, n=MIN_N)


def test_a_hash_checks_its_pin_only_and_is_salted() -> None:
    a, b = hash_pin("204817", n=MIN_N), hash_pin("204817", n=MIN_N)
    assert a != b  # salted
    assert verify_pin("204817", a) and verify_pin("204817", b)
    assert not verify_pin("204818", a)
    assert a.startswith(f"scrypt$n={MIN_N},r=8,p=1$") and "204817" not in a


@pytest.mark.parametrize(
    "value",
    [
        "204817",
        "scrypt$n=1024,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A" * 44,  # too cheap
        "scrypt$n=16384,r=8,p=1$AAAA$" + "A" * 44,  # salt too short
        "bcrypt$2b$12$abcdefghijklmnopqrstuv",
    ],
)
def test_anything_but_a_good_hash_is_not_a_hash(value: str) -> None:
    assert not is_pin_hash(value)
    assert not verify_pin("204817", value)


def test_a_pin_longer_than_any_allowed_is_not_hashed_at_all() -> None:
    good = hash_pin("204817", n=MIN_N)
    assert not verify_pin("2" * 10_000, good)
