"""The running kiosk's control socket: ``kiosk health`` and ``kiosk devices test`` ask through it.

A Unix domain socket ``<data dir>/control.sock``, mode 0600, so only the
kiosk's own user (and root) can reach it, never the network: requests that run
device checks must not be. One JSON line in, one JSON line out, one request per
connection, answered one at a time on one thread; a request line is at most
``MAX_REQUEST_BYTES`` and must arrive within ``READ_DEADLINE_S``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SOCKET_NAME = "control.sock"
MAX_REQUEST_BYTES = 4096
MAX_ANSWER_BYTES = 1 << 20
READ_DEADLINE_S = 5.0
_ACCEPT_POLL_S = 0.2

Handler = Callable[[dict[str, Any]], dict[str, Any]]


class KioskNotRunning(Exception):
    """No kiosk answers on the control socket."""


class ControlInUse(Exception):
    """Another running kiosk already answers on this control socket."""


def socket_path(data_dir: Path) -> Path:
    return data_dir / SOCKET_NAME


class ControlServer:
    def __init__(self, path: Path, handlers: Mapping[str, Handler]) -> None:
        self.path = path
        self.handlers = dict(handlers)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    def start(self) -> ControlServer:
        """Bind (mode 0600 before anyone can connect) and serve on a thread."""
        if self.path.exists():
            try:
                ask(self.path, {"op": "ping"}, timeout_s=2.0)
            except KioskNotRunning:
                self.path.unlink()  # left behind by a kiosk that died
            else:
                raise ControlInUse(f"another kiosk answers on {self.path}")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(str(self.path))
            os.chmod(self.path, 0o600)  # before listen(): nobody could connect yet
            sock.listen(4)
            sock.settimeout(_ACCEPT_POLL_S)
        except BaseException:
            sock.close()
            raise
        self._sock = sock
        self._thread = threading.Thread(target=self._run, name="health-control", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 60.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)  # a device check in progress finishes first
            self._thread = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            with contextlib.suppress(OSError):
                self.path.unlink()

    def _run(self) -> None:
        assert self._sock is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                if self._stop.is_set():
                    return
                time.sleep(_ACCEPT_POLL_S)
                continue
            with conn:
                try:
                    self._serve(conn)
                except OSError:
                    pass  # the client left
                except Exception:
                    log.exception("control request failed")

    def _serve(self, conn: socket.socket) -> None:
        line = _read_line(conn, MAX_REQUEST_BYTES, READ_DEADLINE_S)
        if line is None:
            return
        try:
            request = json.loads(line)
            op = request["op"] if isinstance(request, dict) else None
        except (ValueError, KeyError):
            op = None
        handler = self.handlers.get(op) if isinstance(op, str) else None
        if op == "ping":
            answer: dict[str, Any] = {"ok": True}
        elif handler is None:
            answer = {"ok": False, "error": "unknown request"}
        else:
            answer = {"ok": True} | handler(request)
        conn.settimeout(READ_DEADLINE_S)
        conn.sendall(json.dumps(answer, ensure_ascii=False).encode() + b"\n")


def _read_line(conn: socket.socket, limit: int, deadline_s: float) -> bytes | None:
    deadline = time.monotonic() + deadline_s
    buf = bytearray()
    while b"\n" not in buf:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or len(buf) > limit:
            return None
        conn.settimeout(remaining)
        try:
            chunk = conn.recv(65536)
        except TimeoutError:
            return None
        if not chunk:
            return None
        buf += chunk
    line = bytes(buf).split(b"\n", 1)[0]
    return line if len(line) <= limit else None


def ask(path: Path, request: dict[str, Any], timeout_s: float = 10.0) -> dict[str, Any]:
    """Send ``request`` to the kiosk at ``path``; KioskNotRunning when none answers."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout_s)
    try:
        try:
            sock.connect(str(path))
        except PermissionError as exc:  # mode 0600: another user's kiosk
            raise KioskNotRunning(f"not allowed to connect to {path}") from exc
        except (FileNotFoundError, ConnectionRefusedError, TimeoutError) as exc:
            raise KioskNotRunning(f"no kiosk answers on {path}") from exc
        sock.sendall(json.dumps(request).encode() + b"\n")
        line = _read_line(sock, MAX_ANSWER_BYTES, timeout_s)
    except OSError as exc:
        raise KioskNotRunning(f"no answer on {path}: {type(exc).__name__}") from exc
    finally:
        sock.close()
    if line is None:
        raise KioskNotRunning(f"no answer on {path}")
    doc = json.loads(line)
    if not isinstance(doc, dict):
        raise KioskNotRunning(f"unexpected answer on {path}")
    return doc
