"""``kiosk enrol``: token and queue key with tight modes, never overwritten unasked."""

from __future__ import annotations

import io
import json
import os
import pwd
import stat
from pathlib import Path

import pytest

from hostio.secret_files import read_key_file, read_secret_text
from kiosk.__main__ import main


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    monkeypatch.setenv("SUDO_USER", "alice")
    return tmp_path / "data"


def token_file(tmp_path: Path, text: str = "tok-123\n") -> str:
    path = tmp_path / "given.token"
    path.write_text(text)
    return str(path)


def enrol(data: Path, *args: str) -> int:
    return main(["enrol", "--data-dir", str(data), "--owner", "nobody", *args])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_token_and_creates_key_0600(data: Path, tmp_path: Path) -> None:
    assert enrol(data, "--token-file", token_file(tmp_path)) == 0
    token, key = data / "keys/platform.token", data / "keys/queue.key"
    assert read_secret_text(token) == "tok-123"
    assert len(read_key_file(key).keys) == 1
    assert mode(token) == mode(key) == 0o600 and mode(data / "keys") == 0o700
    # As root the files belong to the kiosk's account (here `nobody`), else to whoever ran it.
    expected = pwd.getpwnam("nobody").pw_uid if os.geteuid() == 0 else os.getuid()
    assert token.stat().st_uid == key.stat().st_uid == expected


def test_refuses_to_overwrite_without_rotate(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert enrol(data, "--token-file", token_file(tmp_path)) == 0
    key_before = (data / "keys/queue.key").read_bytes()
    assert enrol(data, "--token-file", token_file(tmp_path, "other\n")) == 2
    assert "already enrolled" in capsys.readouterr().err
    assert read_secret_text(data / "keys/platform.token") == "tok-123"
    assert (data / "keys/queue.key").read_bytes() == key_before


def test_rotate_replaces_the_token_and_adds_a_key(data: Path, tmp_path: Path) -> None:
    assert enrol(data, "--token-file", token_file(tmp_path)) == 0
    [first] = read_key_file(data / "keys/queue.key").keys
    assert enrol(data, "--rotate", "--token-file", token_file(tmp_path, "tok-456")) == 0
    assert read_secret_text(data / "keys/platform.token") == "tok-456"
    keys = read_key_file(data / "keys/queue.key")
    assert first in keys.keys and keys.last != first and len(keys.keys) == 2
    assert mode(data / "keys/platform.token") == 0o600


def test_takes_both_as_systemd_credentials(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "platform-token").write_text("tok-cred\n")
    key_line = "q20260101-abcd " + "A" * 43 + "=\n"
    (creds / "queue-key").write_text(key_line)
    for f in creds.iterdir():
        f.chmod(0o400)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    assert enrol(data) == 0
    assert read_secret_text(data / "keys/platform.token") == "tok-cred"
    assert read_key_file(data / "keys/queue.key").keys == read_key_file(creds / "queue-key").keys


def test_token_from_standard_input_and_bad_tokens(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"two words\n")))
    assert enrol(data, "--token-file", "-") == 2
    assert "one word" in capsys.readouterr().err
    assert not (data / "keys/platform.token").exists()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"tok-stdin\n")))
    assert enrol(data, "--token-file", "-") == 0
    assert read_secret_text(data / "keys/platform.token") == "tok-stdin"


def test_no_token_at_all_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert enrol(data) == 2
    assert "no token given" in capsys.readouterr().err


def test_writes_one_audit_line_naming_the_operator_not_the_token(
    data: Path, tmp_path: Path
) -> None:
    assert enrol(data, "--token-file", token_file(tmp_path)) == 0
    [line] = (data / "audit.log").read_text().splitlines()
    entry = json.loads(line)
    assert entry["operator"] == "alice" and entry["command"] == "enrol"
    assert "tok-123" not in line
    assert mode(data / "audit.log") == 0o600
