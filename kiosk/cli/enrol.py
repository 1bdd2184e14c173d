"""``kiosk enrol``: give a new kiosk its platform token and its queue encryption key.

The token comes from a file (``--token-file PATH``, ``-`` for standard input) or, when
enrolment runs under systemd, from the credential ``platform-token`` in
``$CREDENTIALS_DIRECTORY`` (``systemd-run -p LoadCredential=platform-token:FILE …``);
never from the command line, where ``ps`` and the shell history would show it.
The queue key is created new, or imported from ``--queue-key-file`` / the credential
``queue-key`` (a replacement device taking over undelivered rows).

Both land where the configuration says (``[platform] token_file``, ``[queue] key_file``
under the data directory) with mode 0600, owned by the kiosk's account when run as
root. An existing token or key is kept: ``--rotate`` replaces the token and ADDS a
new queue key (the old ones still decrypt rows sealed with them).
"""

from __future__ import annotations

import argparse
import base64
import os
import pwd
import secrets
import sys
from pathlib import Path

from hostio.secret_files import MAX_SECRET_BYTES, SecretFileError, read_key_file
from kiosk.cli.audit import audited
from kiosk.cli.common import config_or_none, data_dir
from offline_queue.crypto import add_key, create_key_file

TOKEN_CREDENTIAL = "platform-token"
KEY_CREDENTIAL = "queue-key"


class EnrolError(Exception):
    """Enrolment cannot go on; the message says why and what to do."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("enrol", help="write the platform token and create the queue key")
    p.add_argument("--config", type=Path, help="site configuration layered over the defaults")
    p.add_argument("--data-dir", type=Path, help="data directory (default: configuration's)")
    p.add_argument("--token-file", help="file holding the platform token ('-': standard input)")
    p.add_argument("--queue-key-file", type=Path, help="import this key file instead of a new key")
    p.add_argument("--rotate", action="store_true", help="replace the token, add a queue key")
    p.add_argument("--owner", default="kiosk", help="account that owns them when run as root")
    p.set_defaults(func=enrol_command)


def _credential(name: str) -> Path | None:
    directory = os.environ.get("CREDENTIALS_DIRECTORY", "")
    path = Path(directory) / name if directory else None
    return path if path is not None and path.is_file() else None


def read_token(source: str | None) -> str:
    if source == "-":
        raw = sys.stdin.buffer.read(MAX_SECRET_BYTES + 1)
    else:
        path = Path(source) if source else _credential(TOKEN_CREDENTIAL)
        if path is None:
            raise EnrolError(
                "no token given: --token-file PATH (or -), or the systemd credential "
                f"{TOKEN_CREDENTIAL}"
            )
        try:
            with path.open("rb") as fh:
                raw = fh.read(MAX_SECRET_BYTES + 1)
        except OSError as exc:
            raise EnrolError(f"cannot read the token from {path}: {exc.strerror}") from None
    if len(raw) > MAX_SECRET_BYTES:
        raise EnrolError(f"the token is larger than {MAX_SECRET_BYTES} bytes")
    try:
        token = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise EnrolError("the token is not UTF-8 text") from None
    if not token or any(c.isspace() for c in token):
        raise EnrolError("the token must be one word (no spaces or line breaks)")
    return token


def _owner(name: str) -> tuple[int, int] | None:
    """The uid and gid to give the files: the kiosk's account, when running as root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


def _give(path: Path, owner: tuple[int, int] | None) -> None:
    if owner is not None:
        os.chown(path, *owner)


def write_secret(path: Path, text: str, owner: tuple[int, int] | None) -> None:
    """Replace ``path`` atomically with ``text``, mode 0600 from the start."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _give(path.parent, owner)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        os.write(fd, (text + "\n").encode("utf-8"))
        os.fsync(fd)
        if owner is not None:
            os.fchown(fd, *owner)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def enrol(
    token_path: Path,
    key_path: Path,
    token: str,
    *,
    import_key: Path | None,
    rotate: bool,
    owner: tuple[int, int] | None,
) -> list[str]:
    """Write the token and the queue key; the lines to print. Refuses to overwrite."""
    done: list[str] = []
    existing = [p for p in (token_path, key_path) if p.exists()]
    if existing and not rotate:
        raise EnrolError(
            f"already enrolled ({', '.join(map(str, existing))} exists): "
            f"--rotate replaces the token and adds a queue key"
        )
    imported = ""
    if import_key is not None:  # checked before anything is written
        if key_path.exists():
            raise EnrolError(f"{key_path} exists: importing a key file would replace it")
        try:
            keys = read_key_file(import_key)
        except (OSError, SecretFileError) as exc:
            raise EnrolError(f"cannot import the queue key: {exc}") from None
        imported = "\n".join(
            f"{kid} {base64.b64encode(k).decode()}" for kid, k in keys.keys.items()
        )
    write_secret(token_path, token, owner)
    done.append(f"platform token written to {token_path} (0600)")
    if imported:
        write_secret(key_path, imported, owner)
        done.append(f"queue key file imported to {key_path}")
    elif key_path.exists():
        kid = add_key(key_path)
        _give(key_path, owner)
        done.append(f"queue key {kid} added to {key_path}; older keys still decrypt")
    else:
        kid = create_key_file(key_path)
        _give(key_path.parent, owner)
        _give(key_path, owner)
        done.append(f"queue key {kid} created in {key_path} (0600)")
    return done


@audited("enrol")
def enrol_command(args: argparse.Namespace) -> int:
    config = config_or_none(args.config, "enrol")
    if config is None:
        return 2
    directory = data_dir(args, config)
    token_path = config.platform.token_file
    if not token_path.is_absolute():
        token_path = directory / token_path
    key_path = config.queue.resolve(directory, config.queue.key_file)
    import_key = args.queue_key_file or _credential(KEY_CREDENTIAL)
    try:
        token = read_token(args.token_file)
        lines = enrol(
            token_path,
            key_path,
            token,
            import_key=import_key,
            rotate=args.rotate,
            owner=_owner(args.owner),
        )
    except EnrolError as exc:
        print(f"kiosk enrol: {exc}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0
