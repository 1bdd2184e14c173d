"""Secret and key files: only the owner may read them, and a bad one says why."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostio.secret_files import (
    KEY_BYTES,
    MAX_SECRET_BYTES,
    SecretFileError,
    read_key_file,
    read_secret_text,
)

KEY_LINE = f"k1 {base64.b64encode(bytes(KEY_BYTES)).decode()}\n"


def _write(path: Path, content: str | bytes, mode: int = 0o600) -> Path:
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    path.chmod(mode)
    return path


def test_token_is_read_stripped(tmp_path: Path) -> None:
    assert read_secret_text(_write(tmp_path / "token", "  s3cret\n")) == "s3cret"


def test_credential_mode_0400_is_accepted(tmp_path: Path) -> None:
    assert read_secret_text(_write(tmp_path / "token", "t", 0o400)) == "t"


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660, 0o606])
def test_secret_readable_by_others_is_refused_naming_file_and_fix(
    tmp_path: Path, mode: int
) -> None:
    path = _write(tmp_path / "token", "s3cret", mode)
    with pytest.raises(SecretFileError) as info:
        read_secret_text(path)
    assert str(path) in str(info.value) and "chmod 600" in str(info.value)
    assert "s3cret" not in str(info.value)


@pytest.mark.parametrize("mode", [0o640, 0o644])
def test_key_file_readable_by_others_is_refused(tmp_path: Path, mode: int) -> None:
    with pytest.raises(SecretFileError, match="chmod 600"):
        read_key_file(_write(tmp_path / "queue.key", KEY_LINE, mode))


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_secret_text(tmp_path / "absent")
    with pytest.raises(FileNotFoundError):
        read_key_file(tmp_path / "absent")


def test_directory_and_oversized_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SecretFileError):
        read_secret_text(tmp_path)
    with pytest.raises(SecretFileError, match="larger"):
        read_secret_text(_write(tmp_path / "big", b"x" * (MAX_SECRET_BYTES + 1)))


def test_key_file_keeps_every_key_and_names_the_last(tmp_path: Path) -> None:
    ones = base64.b64encode(b"\x01" * KEY_BYTES).decode()
    second = f"k2 {ones}  # rotated\n"
    found = read_key_file(_write(tmp_path / "queue.key", "# keys\n" + KEY_LINE + "\n" + second))
    assert set(found.keys) == {"k1", "k2"} and found.last == "k2"
    assert found.keys["k2"] == b"\x01" * KEY_BYTES


@pytest.mark.parametrize(
    ("content", "problem"),
    [("k1 not-base64!\n", "bad line"), ("k1 AAAA\n", "256 bits"), ("# none\n", "no key")],
)
def test_bad_key_file_says_why(tmp_path: Path, content: str, problem: str) -> None:
    with pytest.raises(SecretFileError, match=problem):
        read_key_file(_write(tmp_path / "queue.key", content))


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=400))
def test_any_key_file_content_parses_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = _write(tmp_path_factory.mktemp("k") / "queue.key", content)
    try:
        found = read_key_file(path)
    except SecretFileError:
        return
    assert found.last in found.keys
    assert all(len(key) == KEY_BYTES for key in found.keys.values())
