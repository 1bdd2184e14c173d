"""AES-256-GCM sealing of queued payloads, with keys from a file outside the repository.

Key file format (text, mode 0600 — any other mode is refused —, one key per line,
``#`` starts a comment; read by :func:`hostio.secret_files.read_key_file`)::

    <key id> <base64 of 32 random bytes>

The last line (or ``QueueSettings.key_id``) encrypts new rows; every key in the
file can still decrypt, and each row stores the id of its key, so keys rotate by
appending a line (:func:`add_key`). Deleting a key makes the rows it sealed
unreadable for good (crypto-shredding).

A sealed blob is ``nonce (12 bytes) || AES-GCM(codec byte || data)``; the codec
byte says whether ``data`` is zlib-compressed. The AAD binds the blob to its row
(transaction id and part), so ciphertexts cannot be swapped between rows.
"""

from __future__ import annotations

import base64
import logging
import os
import secrets
import time
import zlib
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hostio.secret_files import KEY_BYTES, SecretFileError, read_key_file
from offline_queue.errors import KeyUnavailable

log = logging.getLogger(__name__)

NONCE_BYTES = 12
_TAG_BYTES = 16
_RAW = b"\x00"
_ZLIB = b"\x01"


class DecryptFailed(Exception):
    """A sealed blob does not authenticate with its key (tampered or corrupted)."""


class KeyRing:
    """The data keys of one kiosk: one active for sealing, all usable for opening."""

    def __init__(self, keys: dict[str, bytes], active: str) -> None:
        if active not in keys:
            raise KeyUnavailable("KEY_UNREADABLE", f"key id {active!r} is not in the key file")
        self._aead = {kid: AESGCM(key) for kid, key in keys.items()}
        self.active = active

    @property
    def key_ids(self) -> frozenset[str]:
        return frozenset(self._aead)

    @classmethod
    def load(cls, path: Path, active: str | None = None) -> KeyRing:
        """Read the key file; raise :class:`KeyUnavailable` when it is missing or bad."""
        try:
            found = read_key_file(path, KEY_BYTES)
        except FileNotFoundError:
            raise KeyUnavailable("KEY_MISSING", f"key file {path} does not exist") from None
        except SecretFileError as exc:
            raise KeyUnavailable("KEY_UNREADABLE", str(exc)) from None
        return cls(found.keys, active or found.last)

    def seal(self, data: bytes, aad: bytes) -> bytes:
        """Compress (when it helps) and encrypt ``data`` with the active key."""
        packed = zlib.compress(data, 6) if len(data) > 128 else data
        body = _ZLIB + packed if len(packed) < len(data) else _RAW + data
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead[self.active].encrypt(nonce, body, aad)

    def open(self, key_id: str, blob: bytes, aad: bytes) -> bytes:
        """Decrypt a blob sealed by :meth:`seal` under ``key_id``."""
        aead = self._aead.get(key_id)
        if aead is None:
            raise KeyUnavailable("KEY_UNAVAILABLE", f"key id {key_id!r} is not in the key file")
        if len(blob) < NONCE_BYTES + _TAG_BYTES + 1:  # AESGCM raises ValueError on a short nonce
            raise DecryptFailed("blob too short to be sealed")
        try:
            body = aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
        except InvalidTag:
            raise DecryptFailed("authentication failed") from None
        if body[:1] == _ZLIB:
            try:
                return zlib.decompress(body[1:])
            except zlib.error:
                raise DecryptFailed("sealed data does not decompress") from None
        return body[1:]


def new_key_id() -> str:
    """A fresh key id: the date it was made plus random hex, e.g. ``q20261122-9f3a``."""
    return f"q{time.strftime('%Y%m%d')}-{secrets.token_hex(2)}"


def create_key_file(path: Path) -> str:
    """Create ``path`` with one new key, mode 0600; fail if it already exists. Return the id."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    kid = new_key_id()
    _write_new(path, _key_line(kid))
    log.info("created queue key file %s (key id %s)", path, kid)
    return kid


def add_key(path: Path) -> str:
    """Append a new key to an existing key file (rotation) and return its id."""
    old = path.read_text(encoding="ascii")
    kid = new_key_id()
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    _write_new(tmp, old + ("" if old.endswith("\n") or not old else "\n") + _key_line(kid))
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    return kid


def _key_line(kid: str) -> str:
    return f"{kid} {base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode('ascii')}\n"


def _write_new(path: Path, text: str) -> None:
    """Write a new file atomically with mode 0600 (temporary file, fsync, link)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, text.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails if someone created the file meanwhile
    finally:
        os.unlink(tmp)
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
