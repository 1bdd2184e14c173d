"""Technician PINs: scrypt hashes, and which PINs are too easy to be allowed.

scrypt from the standard library (``hashlib.scrypt``): salted and memory-hard,
so a stolen site file does not give the PINs away cheaply, and it needs no
compiled dependency on the kiosk. The hash carries its parameters, so they can
be raised later without breaking the hashes already configured::

    scrypt$n=32768,r=8,p=1$<salt, base64>$<key, base64>
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import re
import secrets

#: Cost of new hashes: 32 MiB and about 0.1 s per check on the kiosk's CPU.
N, R, P = 2**15, 8, 1
#: Weaker hashes are refused in the configuration.
MIN_N = 2**14
MIN_DIGITS = 6
MAX_DIGITS = 12
_KEY_BYTES = 32
_SALT_BYTES = 16

_FORMAT = re.compile(
    r"^scrypt\$n=(?P<n>[0-9]{1,10}),r=(?P<r>[0-9]{1,3}),p=(?P<p>[0-9]{1,3})"
    r"\$(?P<salt>[A-Za-z0-9+/]{16,}={0,2})\$(?P<key>[A-Za-z0-9+/]{40,}={0,2})$"
)

#: Chosen often enough to be tried first (beyond the runs and repeats caught by rule).
COMMON_PINS = frozenset(
    {
        "123123", "112233", "121212", "123321", "111222", "520520", "520131", "131420",
        "147258", "147852", "159753", "102030", "100200", "000123", "666888", "888666",
        "168168", "518518", "789456", "456789", "654321", "123456", "123654", "112358",
    }
)  # fmt: skip


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` may not be used, or None: digits only, long enough, not trivial."""
    if not pin.isascii() or not pin.isdigit():
        return "a PIN is digits only"
    if len(pin) < MIN_DIGITS:
        return f"a PIN has at least {MIN_DIGITS} digits"
    if len(pin) > MAX_DIGITS:
        return f"a PIN has at most {MAX_DIGITS} digits"
    if len(set(pin)) == 1:
        return "a PIN of one digit repeated is too easy"
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {9}):
        return "an ascending or descending run is too easy"
    half = len(pin) // 2
    if len(pin) % 2 == 0 and pin[:half] == pin[half:] and len(set(pin[:half])) <= 2:
        return "a repeated pattern is too easy"
    if pin in COMMON_PINS:
        return "this PIN is among the most common ones"
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=256 * r * n, dklen=_KEY_BYTES
    )


def hash_pin(pin: str, *, n: int = N, r: int = R, p: int = P) -> str:
    """A new salted hash of ``pin``; ValueError if the PIN is not allowed."""
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _derive(pin, salt, n, r, p)
    return f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(key)}"


def _parts(encoded: str) -> tuple[int, int, int, bytes, bytes] | None:
    match = _FORMAT.match(encoded)
    if match is None:
        return None
    n, r, p = int(match["n"]), int(match["r"]), int(match["p"])
    if n < MIN_N or n & (n - 1) or not (1 <= r <= 32) or not (1 <= p <= 16):
        return None
    try:
        salt = base64.b64decode(match["salt"], validate=True)
        key = base64.b64decode(match["key"], validate=True)
    except ValueError:
        return None
    if len(key) != _KEY_BYTES or len(salt) < 8:
        return None
    return n, r, p, salt, key


def is_pin_hash(value: str) -> bool:
    """Whether ``value`` is a hash this module can check (a plain PIN is not)."""
    return _parts(value) is not None


def verify_pin(pin: str, encoded: str) -> bool:
    """Whether ``pin`` matches ``encoded``; False for anything malformed."""
    parts = _parts(encoded)
    if parts is None or not pin.isascii() or not pin.isdigit() or len(pin) > MAX_DIGITS:
        return False
    n, r, p, salt, key = parts
    return hmac.compare_digest(_derive(pin, salt, n, r, p), key)
