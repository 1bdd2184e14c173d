"""A receipt printer simulator that speaks ESC/POS on a loopback TCP socket.

:class:`PrinterSimulator` puts a :class:`~drivers.printer.model.PrinterModel`
on ``127.0.0.1:0`` (like port 9100 of a network printer) with one selector
thread; it can also power the printer off (sockets drop) and on again on the
same port. Paper, cover and error knobs live on :attr:`PrinterSimulator.model`.
"""

from __future__ import annotations

import collections
import contextlib
import selectors
import socket
import threading
import time
from collections.abc import Callable
from typing import cast

from drivers.printer.model import PaperLevel, PrinterModel, RecordedSlip, Reply

__all__ = ["PaperLevel", "PrinterModel", "PrinterSimulator", "RecordedSlip"]


class PrinterSimulator:
    """Serves a :class:`PrinterModel` on a loopback TCP port from one thread.

    Paper, cover and error knobs live on :attr:`model`; power and link knobs here.
    """

    def __init__(
        self, model: PrinterModel | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.model = model if model is not None else PrinterModel()
        self._host = host
        self._port = port
        self._sel = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        self._listener: socket.socket | None = None
        self._clients: dict[int, socket.socket] = {}
        self._next_id = 1
        self._calls: collections.deque[tuple[Callable[[], None], threading.Event]] = (
            collections.deque()
        )
        self._stopping = False
        self._listen()
        self._thread = threading.Thread(target=self._run, name="printer-sim", daemon=True)
        self.model.on_change = self._wake
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        return self._host, self._port

    @property
    def address_text(self) -> str:
        return f"{self._host}:{self._port}"

    @property
    def url(self) -> str:
        return f"tcp://{self._host}:{self._port}"

    def _listen(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        sock.listen(4)
        sock.setblocking(False)
        self._port = sock.getsockname()[1]
        self._listener = sock
        self._sel.register(sock, selectors.EVENT_READ, "listen")

    def _wake(self) -> None:
        # Fails when closed during shutdown, or when the buffer is full of wakes already.
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def _call(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the server thread and wait for it."""
        done = threading.Event()
        self._calls.append((fn, done))
        self._wake()
        if not done.wait(5.0):
            raise TimeoutError("printer simulator thread did not respond")

    # ---------------------------------------------------------- fault knobs
    def power_off(self) -> None:
        """Switch the printer off: the port stops listening and connections drop."""

        def off() -> None:
            self._drop_clients()
            if self._listener is not None:
                self._sel.unregister(self._listener)
                self._listener.close()
                self._listener = None
            self.model.power_cycle()

        self._call(off)

    def power_on(self) -> None:
        """Switch it on again, listening on the same port."""

        def on() -> None:
            if self._listener is None:
                self._listen()

        self._call(on)

    def drop_connections(self) -> None:
        self._call(self._drop_clients)

    def close(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        self._wake()
        self._thread.join(5.0)
        self.model.on_change = None
        self._drop_clients()
        if self._listener is not None:
            self._listener.close()
        self._sel.close()
        self._wake_r.close()
        self._wake_w.close()

    # ---------------------------------------------------------- loop
    def _drop_clients(self) -> None:
        for cid, sock in list(self._clients.items()):
            self._close_client(cid, sock)

    def _close_client(self, cid: int, sock: socket.socket) -> None:
        self._clients.pop(cid, None)
        self.model.disconnect(cid)
        with contextlib.suppress(KeyError, ValueError):
            self._sel.unregister(sock)
        sock.close()

    def _send(self, replies: list[Reply]) -> None:
        # One write per connection, in order: what a printer answers to one
        # burst of input (a status reply and a completion reply, say) reaches
        # the host together, as it may from a real one.
        merged: dict[int, bytearray] = {}
        for cid, chunk in replies:
            merged.setdefault(cid, bytearray()).extend(chunk)
        for cid, data in merged.items():
            sock = self._clients.get(cid)
            if sock is None:
                continue
            try:
                sock.sendall(data)
            except OSError:
                self._close_client(cid, sock)

    def _run(self) -> None:
        while not self._stopping:
            deadline = self.model.next_deadline()
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            for key, _mask in self._sel.select(timeout):
                if key.data == "wake":
                    self._drain_wake()
                elif key.data == "listen":
                    self._accept()
                else:
                    self._read(key.data, cast(socket.socket, key.fileobj))  # a client's socket
            while self._calls:
                fn, done = self._calls.popleft()
                try:
                    fn()
                finally:
                    done.set()
            self._send(self.model.pump())

    def _drain_wake(self) -> None:
        try:
            while self._wake_r.recv(4096):
                pass
        except BlockingIOError:
            pass

    def _accept(self) -> None:
        if self._listener is None:
            return
        try:
            sock, _ = self._listener.accept()
        except BlockingIOError:
            return
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        cid = self._next_id
        self._next_id += 1
        self._clients[cid] = sock
        self._sel.register(sock, selectors.EVENT_READ, cid)

    def _read(self, cid: int, sock: socket.socket) -> None:
        try:
            data = sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._close_client(cid, sock)
            return
        self._send(self.model.receive(cid, data))
