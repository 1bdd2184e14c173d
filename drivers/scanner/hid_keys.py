"""Keyboard-wedge scanners: Linux input events (type, code, value) back into text.

A pure decoder, so it is tested without /dev/input or uinput. Codes are the
stable Linux ABI numbers of ``linux/input-event-codes.h``; the layout is US,
which is what scanners emulate by default.
"""

from __future__ import annotations

from typing import Literal

EV_KEY = 0x01
KEY_UP, KEY_DOWN, KEY_REPEAT = 0, 1, 2

KEY_ENTER, KEY_KPENTER, KEY_TAB = 28, 96, 15
KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEY_CAPSLOCK = 42, 54, 58
KEY_BACKSPACE = 14

# code → (plain, shifted)
_KEYS: dict[int, tuple[str, str]] = {
    2: ("1", "!"),
    3: ("2", "@"),
    4: ("3", "#"),
    5: ("4", "$"),
    6: ("5", "%"),
    7: ("6", "^"),
    8: ("7", "&"),
    9: ("8", "*"),
    10: ("9", "("),
    11: ("0", ")"),
    12: ("-", "_"),
    13: ("=", "+"),
    26: ("[", "{"),
    27: ("]", "}"),
    39: (";", ":"),
    40: ("'", '"'),
    41: ("`", "~"),
    43: ("\\", "|"),
    51: (",", "<"),
    52: (".", ">"),
    53: ("/", "?"),
    57: (" ", " "),
    # keypad
    71: ("7", "7"),
    72: ("8", "8"),
    73: ("9", "9"),
    74: ("-", "-"),
    75: ("4", "4"),
    76: ("5", "5"),
    77: ("6", "6"),
    78: ("+", "+"),
    79: ("1", "1"),
    80: ("2", "2"),
    81: ("3", "3"),
    82: ("0", "0"),
    83: (".", "."),
    55: ("*", "*"),
    98: ("/", "/"),
}
_LETTER_ROWS = {16: "qwertyuiop", 30: "asdfghjkl", 44: "zxcvbnm"}
for _start, _row in _LETTER_ROWS.items():
    for _i, _ch in enumerate(_row):
        _KEYS[_start + _i] = (_ch, _ch.upper())

#: Key code for each character a scanner may type (used by tests and the simulator).
CHAR_TO_KEY: dict[str, tuple[int, bool]] = {}
for _code, (_plain, _shifted) in sorted(_KEYS.items(), reverse=True):
    # Prefer the main block over the keypad (lower codes win: iterate high to low).
    CHAR_TO_KEY[_plain] = (_code, False)
    if _shifted != _plain:
        CHAR_TO_KEY[_shifted] = (_code, True)

Terminator = Literal["enter", "tab"]


class HidKeyDecoder:
    """Feeds key events in, gives complete codes out (at Enter, or Tab if configured)."""

    def __init__(self, terminator: Terminator = "enter", max_len: int = 4096) -> None:
        self._ends = {KEY_ENTER, KEY_KPENTER} if terminator == "enter" else {KEY_TAB}
        self._max_len = max_len
        self._chars: list[str] = []
        self._shift: set[int] = set()
        self._caps = False
        self.ignored = 0

    def feed(self, ev_type: int, code: int, value: int) -> str | None:
        if ev_type != EV_KEY:
            return None
        if code in (KEY_LEFTSHIFT, KEY_RIGHTSHIFT):
            if value == KEY_UP:
                self._shift.discard(code)
            else:
                self._shift.add(code)
            return None
        if value == KEY_UP:
            return None
        if code == KEY_CAPSLOCK:
            if value == KEY_DOWN:
                self._caps = not self._caps
            return None
        if code in self._ends:
            text = "".join(self._chars)
            self._chars.clear()
            return text or None
        if code == KEY_BACKSPACE:
            if self._chars:
                self._chars.pop()
            return None
        keys = _KEYS.get(code)
        if keys is None:
            self.ignored += 1
            return None
        shifted = bool(self._shift)
        char = keys[1] if shifted else keys[0]
        if self._caps and char.isalpha():
            char = char.lower() if shifted else char.upper()
        if len(self._chars) < self._max_len:
            self._chars.append(char)
        return None

    def pending(self) -> str:
        return "".join(self._chars)

    def reset(self) -> None:
        self._chars.clear()
        self._shift.clear()


def key_events(text: str, terminator: Terminator = "enter") -> list[tuple[int, int, int]]:
    """The (type, code, value) events a US-layout keyboard wedge sends for ``text``."""
    events: list[tuple[int, int, int]] = []
    for char in text:
        code, shift = CHAR_TO_KEY[char]
        if shift:
            events.append((EV_KEY, KEY_LEFTSHIFT, KEY_DOWN))
        events += [(EV_KEY, code, KEY_DOWN), (EV_KEY, code, KEY_UP)]
        if shift:
            events.append((EV_KEY, KEY_LEFTSHIFT, KEY_UP))
    end = KEY_ENTER if terminator == "enter" else KEY_TAB
    return [*events, (EV_KEY, end, KEY_DOWN), (EV_KEY, end, KEY_UP)]
