"""Citizen identity number (GB 11643-1999): check digit and structure."""

from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need exactly 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def problem(number: str) -> str | None:
    """Why ``number`` is not a valid 18-character identity number, or None if it is."""
    if not _SHAPE.fullmatch(number):
        return "not 17 digits followed by a digit or X"
    if check_digit(number[:17]) != number[17]:
        return "check digit does not match"
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "birth date inside the number is not a date"
    return None


def is_valid(number: str) -> bool:
    return problem(number) is None


def make(first17: str) -> str:
    """Complete 17 digits with their check digit (used for synthetic test data)."""
    return first17 + check_digit(first17)
