"""A SAM ID card reader simulated on a pseudo-terminal, speaking the real wire protocol.

The real driver opens :attr:`SamSimulator.address` like any serial port. The
simulator paces its bytes at the configured baud rate, behaves like vendor
readers (after a read, "find" fails until the card is lifted and placed again,
while "select" still reaches the card), and has knobs for every fault the
driver must survive: read failures, checksum errors, garbage, slow answers,
silence, SAM faults, a card lifted in the middle of a read, and unplugging
(also in the middle of a read).
"""

from __future__ import annotations

import collections
import logging
import os
import threading
from collections.abc import Callable

from drivers.idcard import protocol as p
from drivers.idcard.profiles import DEFAULT_PROFILE, PROFILES, CardProfile
from drivers.pty_simulator import PtySimulator
from drivers.serial_link import PtyPort

log = logging.getLogger(__name__)

DEFAULT_SAM_ID = bytes.fromhex("0500 0100 b8b63201 4e61bc00 15cd5b07".replace(" ", ""))


class SamSimulator(PtySimulator):
    """The reader side: a SAM module and an RF field with at most one card on it."""

    thread_name = "sam-sim"

    def __init__(
        self,
        *,
        baud: int | None = 115200,
        port_name: str = "idcard",
        directory: str | None = None,
        sam_id: bytes = DEFAULT_SAM_ID,
    ) -> None:
        super().__init__(port_name, directory)
        self.baud = baud
        self.sam_id = sam_id
        self._cond = threading.Condition()
        # Card and RF state.
        self._card: CardProfile | None = None
        self._found = self._selected = self._read_done = False
        # Fault knobs.
        self.response_delay_s = 0.0
        self.silent = False
        self.sam_status = p.SW_OK
        self._fail_reads: list[int] = []
        #: Spoil every n-th answer (0 = never): periodic checksum errors or line noise.
        self.corrupt_every = 0
        self.garbage_every = 0
        self._answers = 0
        self._unplug_mid_read = False
        self._pull_mid_read = False
        # Counters the tests and benchmarks read.
        self.requests: collections.Counter[str] = collections.Counter()
        self.bytes_in = 0
        self.bytes_out = 0

    # ---- the card
    def place_card(self, profile: str | CardProfile = DEFAULT_PROFILE) -> CardProfile:
        card = PROFILES[profile] if isinstance(profile, str) else profile
        with self._cond:
            self._card = card
            self._found = self._selected = self._read_done = False
        return card

    def remove_card(self) -> None:
        with self._cond:
            self._card = None
            self._found = self._selected = self._read_done = False

    @property
    def card(self) -> CardProfile | None:
        return self._card

    # ---- faults
    def replug(self) -> None:
        """Plug back in: a power-cycled reader has forgotten which card it read."""
        with self._cond:
            self._found = self._selected = self._read_done = False
        super().replug()

    def fail_next_reads(self, n: int = 1, sw3: int = p.SW_READ_FAILED) -> None:
        with self._cond:
            self._fail_reads.extend([sw3] * n)

    def unplug_during_next_read(self) -> None:
        """Send half of the next read answer, then vanish (call :meth:`replug` later)."""
        with self._cond:
            self._unplug_mid_read = True

    def remove_card_during_next_read(self) -> None:
        """The card is lifted while the next read is under way: the read fails, the card is gone."""
        with self._cond:
            self._pull_mid_read = True

    # ---- observation
    def wait_for(self, predicate: Callable[[SamSimulator], bool], timeout: float = 5.0) -> bool:
        """Wait until ``predicate(self)`` is true; re-checked after every request."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    def wait_requests(self, name: str, count: int, timeout: float = 5.0) -> bool:
        return self.wait_for(lambda s: s.requests[name] >= count, timeout)

    # ---- serving
    def _serve(self) -> None:
        parser = p.FrameParser(min_payload=2, max_payload=64)
        while not self._stop.is_set():
            port = self._port
            if port is None:
                break
            data = port.read(4096, timeout_s=0.2)
            if not data:
                continue
            with self._cond:
                self.bytes_in += len(data)
            for item in parser.feed(data):
                if self._stop.is_set():
                    return
                if isinstance(item, p.BadFrame):
                    if "checksum" in item.reason:
                        self._answer(port, p.encode_response(p.SW_REQUEST_CHECKSUM), 10, "bad")
                    continue
                self._handle(port, p.Request.from_frame(item), item.size)

    def _handle(self, port: PtyPort, request: p.Request, request_size: int) -> None:
        name = request.command.name if request.command else f"{request.cmd:02X} {request.para:02X}"
        with self._cond:
            reply, unplug_at = self._reply(request)
            self.requests[name] += 1
            self._cond.notify_all()
        if reply is not None and not self.silent:
            self._answer(port, reply, request_size, name, unplug_at)

    def _reply(self, request: p.Request) -> tuple[bytes | None, int | None]:
        """The answer to ``request`` (caller holds the lock) and where to unplug, if at all."""
        command = request.command
        if command is None:
            return p.encode_response(p.SW_BAD_COMMAND), None
        if command in (p.SAM_STATUS, p.RESET_SAM):
            return p.encode_response(self.sam_status), None
        if command is p.SAM_ID:
            return p.encode_response(p.SW_OK, self.sam_id), None
        if command is p.SET_MAX_RF_BYTES:
            return p.encode_response(p.SW_OK), None
        if self.sam_status != p.SW_OK:
            return p.encode_response(self.sam_status), None
        card = self._card
        if command is p.FIND_CARD:
            if card is not None and not self._read_done:
                self._found = True
                return p.encode_response(p.SW_CARD_FOUND, bytes(4)), None
            return p.encode_response(p.SW_NO_CARD), None
        if command is p.SELECT_CARD:
            if card is not None and (self._found or self._read_done):
                self._selected = True
                return p.encode_response(p.SW_OK, bytes(8)), None
            return p.encode_response(p.SW_SELECT_FAILED), None
        # A read.
        if card is None or not self._selected:
            return p.encode_response(p.SW_READ_FAILED), None
        if self._pull_mid_read:
            # The card left the field part way: readers answer "read failed" (SW3 41).
            self._pull_mid_read = False
            self._card = None
            self._found = self._selected = self._read_done = False
            return p.encode_response(p.SW_READ_FAILED), None
        if self._fail_reads:
            return p.encode_response(self._fail_reads.pop(0)), None
        with_fp = command is p.READ_WITH_FINGERPRINT
        data = p.encode_read_data(
            card.text_block(), card.photo_block(), card.fingerprint_block() if with_fp else None
        )
        self._read_done, self._found = True, False
        reply = p.encode_response(p.SW_OK, data)
        if self._unplug_mid_read:
            self._unplug_mid_read = False
            return reply, len(reply) // 2
        return reply, None

    def _answer(
        self,
        port: PtyPort,
        reply: bytes,
        request_size: int,
        name: str,
        unplug_at: int | None = None,
    ) -> None:
        with self._cond:
            self._answers += 1
            corrupt = _every(self.corrupt_every, self._answers)
            garbage = _every(self.garbage_every, self._answers)
        if corrupt:
            reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
        if garbage:
            # Noise, then a false preamble with an implausible length, then the answer.
            reply = os.urandom(7) + p.PREAMBLE + b"\xff\xff" + reply
        # The request needed its own wire time to arrive; a slow reader adds more.
        delay = self.response_delay_s + (request_size * 10 / self.baud if self.baud else 0.0)
        if delay > 0 and self._stop.wait(delay):
            return
        if unplug_at is not None:
            port.write(reply[:unplug_at], baud=self.baud)
            port.unplug()
            sent = unplug_at
        else:
            port.write(reply, baud=self.baud)
            sent = len(reply)
        with self._cond:
            self.bytes_out += sent
        log.debug("sam-sim answered", extra={"request": name, "bytes": sent})


def _every(n: int, count: int) -> bool:
    return n > 0 and count % n == 0
