"""Sealing: AES-GCM bound to its row, key file 0600, rotation by key id."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offline_queue.crypto import DecryptFailed, KeyRing, add_key, create_key_file
from offline_queue.errors import KeyUnavailable


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    p = tmp_path / "keys" / "queue.key"
    create_key_file(p)
    return p


def test_key_file_is_private_and_never_overwritten(key_path: Path) -> None:
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_path.parent.stat().st_mode) == 0o700
    before = key_path.read_bytes()
    with pytest.raises(FileExistsError):
        create_key_file(key_path)
    assert key_path.read_bytes() == before


@given(data=st.binary(max_size=5000))
def test_seal_open_round_trip(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("k") / "queue.key"
    if not path.exists():
        create_key_file(path)
    ring = KeyRing.load(path)
    blob = ring.seal(data, b"id|type|body")
    assert ring.open(ring.active, blob, b"id|type|body") == data


def test_blob_is_bound_to_its_row(key_path: Path) -> None:
    ring = KeyRing.load(key_path)
    blob = ring.seal(b'{"name": "x"}' * 20, b"tx-1|t|pii")
    with pytest.raises(DecryptFailed):
        ring.open(ring.active, blob, b"tx-2|t|pii")
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(DecryptFailed):
        ring.open(ring.active, tampered, b"tx-1|t|pii")


def test_rotation_keeps_old_keys_for_reading(key_path: Path) -> None:
    old = KeyRing.load(key_path)
    blob = old.seal(b"payload", b"aad")
    new_id = add_key(key_path)
    ring = KeyRing.load(key_path)
    assert ring.active == new_id != old.active
    assert ring.open(old.active, blob, b"aad") == b"payload"
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    pinned = KeyRing.load(key_path, old.active)
    assert pinned.active == old.active


def test_missing_bad_and_unknown_keys(tmp_path: Path, key_path: Path) -> None:
    with pytest.raises(KeyUnavailable) as e:
        KeyRing.load(tmp_path / "nope.key")
    assert e.value.code == "KEY_MISSING"
    bad = tmp_path / "bad.key"
    bad.write_text("k1 not-base64!\n")
    with pytest.raises(KeyUnavailable) as e:
        KeyRing.load(bad)
    assert e.value.code == "KEY_UNREADABLE"
    ring = KeyRing.load(key_path)
    with pytest.raises(KeyUnavailable):
        ring.open("other-key", ring.seal(b"x", b"a"), b"a")
    with pytest.raises(KeyUnavailable):
        KeyRing.load(key_path, "no-such-id")


@given(blob=st.binary(max_size=64))
def test_any_blob_opens_or_fails_with_decrypt_failed(
    tmp_path_factory: pytest.TempPathFactory, blob: bytes
) -> None:
    path = tmp_path_factory.mktemp("k") / "queue.key"
    create_key_file(path)
    ring = KeyRing.load(path)
    # Short blobs made AESGCM raise ValueError (nonce too short) instead of the module's error.
    with pytest.raises(DecryptFailed):
        ring.open(ring.active, blob, b"aad")


def test_key_file_readable_by_others_is_refused(key_path: Path) -> None:
    key_path.chmod(0o644)
    with pytest.raises(KeyUnavailable) as info:
        KeyRing.load(key_path)
    assert info.value.code == "KEY_UNREADABLE" and "chmod 600" in str(info.value)
