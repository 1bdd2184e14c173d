"""Reading secrets (tokens, signing keys, data keys) from files only their owner can read.

A secret in a file that the group or other users can read is as good as
published, so it is refused rather than used; the error names the file and the
fix. systemd credentials (``LoadCredential=``, mode 0400) pass as they are.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from dataclasses import dataclass
from pathlib import Path

#: A token or key file larger than this is not one.
MAX_SECRET_BYTES = 64 * 1024
#: The data keys of the key-file format are AES-256 keys.
KEY_BYTES = 32


class SecretFileError(Exception):
    """A secret file exists but cannot be used; the message names the file and why."""


def credentials_directory() -> str:
    """systemd's ``$CREDENTIALS_DIRECTORY`` (set only inside a service with credentials), or ""."""
    return os.environ.get("CREDENTIALS_DIRECTORY", "")


def credential_path(name: Path) -> Path:
    """Where a secret file named in the configuration is: absolute as given, relative in
    ``$CREDENTIALS_DIRECTORY`` (systemd ``LoadCredential=``); SecretFileError without it."""
    if name.is_absolute():
        return name
    directory = credentials_directory()
    if not directory:
        raise SecretFileError(
            f"secret file {name} is relative, and $CREDENTIALS_DIRECTORY is not set "
            f"(systemd LoadCredential=); give an absolute path"
        )
    return Path(directory) / name


def _read(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise SecretFileError(f"secret file {path}: {exc.strerror or type(exc).__name__}") from None
    try:
        info = os.fstat(fd)  # of the file opened, not of whatever the name points to later
        if not stat.S_ISREG(info.st_mode):
            raise SecretFileError(f"secret file {path} is not a regular file")
        if info.st_mode & 0o077:
            raise SecretFileError(
                f"secret file {path} is readable by group or others "
                f"(mode {stat.S_IMODE(info.st_mode):04o}); fix: chmod 600 {path}"
            )
        data = os.read(fd, MAX_SECRET_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_SECRET_BYTES:
        raise SecretFileError(f"secret file {path} is larger than {MAX_SECRET_BYTES} bytes")
    return data


def read_secret_text(path: Path) -> str:
    """The text of a secret file, stripped; FileNotFoundError when it is missing."""
    data = _read(path)
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise SecretFileError(f"secret file {path} is not UTF-8 text") from None


@dataclass(frozen=True, slots=True)
class KeyFile:
    """The keys of a key file by id, and the id of the last one (the newest)."""

    keys: dict[str, bytes]
    last: str


def read_key_file(path: Path, key_bytes: int = KEY_BYTES) -> KeyFile:
    """Parse a key file: ``<key id> <base64 key>`` per line, ``#`` starts a comment.

    Raises FileNotFoundError when it is missing (the caller may create it) and
    :class:`SecretFileError` when it is readable by others or malformed.
    """
    data = _read(path)
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise SecretFileError(f"key file {path} is not ASCII text") from None
    keys: dict[str, bytes] = {}
    last = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            kid, b64 = line.split()
            key = base64.b64decode(b64, validate=True)
        except (ValueError, binascii.Error):
            raise SecretFileError(f"{path}:{number}: bad line") from None
        if len(key) != key_bytes:
            raise SecretFileError(f"{path}:{number}: key is not {key_bytes * 8} bits")
        keys[kid] = key
        last = kid
    if not keys:
        raise SecretFileError(f"key file {path} holds no key")
    return KeyFile(keys, last)
