"""The simulated receipt printer itself: status bytes, print queue, paper, faults.

:class:`PrinterModel` is the printer: it answers real-time status requests
(``DLE EOT``) at once, runs everything else through a print queue that stalls
on paper end, an open cover or an error (as a real mechanism does), answers
``GS r`` and ``GS I`` in order, honours ``DLE ENQ 2`` (clear buffers), and
records each slip up to its cut. Fault knobs: paper near end / out, cover
open, errors, stop answering, paper running out (or reaching its near-end
mark) after N lines, slow printing. It is transport-free: bytes in, replies
out; :mod:`drivers.printer.simulator` serves it on a TCP port.
"""

from __future__ import annotations

import collections
import enum
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from drivers.printer.interpret import (
    Block,
    CutBlock,
    FeedBlock,
    PaperInterpreter,
    QrBlock,
    RasterBlock,
    TextLine,
)
from drivers.printer.stream import Command, EscPosParser, Kind

Reply = tuple[int, bytes]  # (connection id, bytes to send back)


class PaperLevel(enum.StrEnum):
    OK = "ok"
    NEAR_END = "near_end"
    OUT = "out"


@dataclass(frozen=True, slots=True)
class RecordedSlip:
    """One slip as the simulated printer put it on paper."""

    raw: bytes  # the print-path bytes (real-time requests excluded), for rendering
    blocks: tuple[Block, ...]
    complete: bool  # reached its cut; False if the job was cleared part way

    @property
    def text_lines(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, TextLine)]

    @property
    def text(self) -> str:
        return "\n".join(self.text_lines)

    @property
    def qr_payloads(self) -> list[str]:
        return [b.data for b in self.blocks if isinstance(b, QrBlock)]

    @property
    def rasters(self) -> list[RasterBlock]:
        return [b for b in self.blocks if isinstance(b, RasterBlock)]

    @property
    def cut(self) -> bool:
        return any(isinstance(b, CutBlock) for b in self.blocks)


def _lines(block: Block) -> int:
    """Paper used by a block, in 30-dot text lines (for running out of paper)."""
    if isinstance(block, TextLine):
        return block.height
    if isinstance(block, RasterBlock):
        return max(1, block.rows // 30)
    if isinstance(block, QrBlock):
        return 4
    if isinstance(block, FeedBlock):
        return block.lines + block.dots // 30
    return 0


class PrinterModel:
    """The simulated printer's state; every method is thread-safe."""

    def __init__(
        self,
        *,
        default_cjk: bool = False,
        model: str = "KIOSK-SIM-80",
        maker: str = "KIOSK-SIM",
        serial: str = "SIM000001",
        firmware: str = "1.0.0",
    ) -> None:
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self.on_change: Callable[[], None] | None = None
        self._ids = {65: firmware, 66: maker, 67: model, 68: serial}
        self._default_cjk = default_cjk
        self.paper = PaperLevel.OK
        self.cover_open = False
        self.answering = True
        self._replies_to_lose = 0
        self.cutter_error = False
        self.unrecoverable_error = False
        self.auto_recoverable_error = False
        self.recoverable_error = False
        self._lines_left: int | None = None
        self._lines_to_low: int | None = None
        self.line_delay_s = 0.0
        self._next_print_at = 0.0
        self._queue: collections.deque[tuple[int, Command]] = collections.deque()
        self._parsers: dict[int, EscPosParser] = {}
        self._paper = PaperInterpreter(default_cjk=default_cjk)
        self._raw = bytearray()
        self._blocks: list[Block] = []
        self._documents: list[RecordedSlip] = []
        self.status_queries = 0
        self.bytes_received = 0

    # ---------------------------------------------------------- fault knobs
    def _changed_state(self) -> None:
        self._changed.notify_all()
        callback = self.on_change
        if callback is not None:
            callback()

    def set_paper(self, level: PaperLevel | str) -> None:
        with self._lock:
            self.paper = PaperLevel(level)
            if self.paper is not PaperLevel.OUT:
                self._lines_left = None
            if self.paper is not PaperLevel.OK:
                self._lines_to_low = None
            self._changed_state()

    def set_cover_open(self, is_open: bool) -> None:
        with self._lock:
            self.cover_open = is_open
            self._changed_state()

    def set_answering(self, answering: bool) -> None:
        """False: the printer hangs, answering nothing and printing nothing."""
        with self._lock:
            self.answering = answering
            self._changed_state()

    def lose_status_replies(self, count: int) -> None:
        """The next ``count`` status replies never reach the host (noise on the line)."""
        with self._lock:
            self._replies_to_lose = count

    def run_out_after(self, lines: int) -> None:
        """The roll ends after ``lines`` more text lines' worth of paper."""
        with self._lock:
            self._lines_left = lines
            self._changed_state()

    def run_low_after(self, lines: int) -> None:
        """The roll reaches its near-end mark after ``lines`` more text lines."""
        with self._lock:
            self._lines_to_low = lines
            self._changed_state()

    def set_errors(
        self,
        *,
        cutter: bool = False,
        unrecoverable: bool = False,
        auto_recoverable: bool = False,
        recoverable: bool = False,
    ) -> None:
        with self._lock:
            self.cutter_error = cutter
            self.unrecoverable_error = unrecoverable
            self.auto_recoverable_error = auto_recoverable
            self.recoverable_error = recoverable
            self._changed_state()

    def set_line_delay(self, seconds: float) -> None:
        """Slow printing: each printed block takes ``seconds``."""
        with self._lock:
            self.line_delay_s = seconds
            self._changed_state()

    def power_cycle(self) -> None:
        """Forget everything volatile, as switching the printer off and on does."""
        with self._lock:
            self._abort_current()
            self._queue.clear()
            self._parsers.clear()
            self._paper.reset()
            self.answering = True
            self._changed_state()

    # ---------------------------------------------------------- observation
    @property
    def documents(self) -> list[RecordedSlip]:
        with self._lock:
            return list(self._documents)

    @property
    def queued(self) -> int:
        """Commands received but not printed yet (stalled by paper end etc.)."""
        with self._lock:
            return len(self._queue)

    def wait_for_documents(self, count: int, timeout_s: float = 5.0) -> list[RecordedSlip]:
        """Block until ``count`` slips are recorded; raise TimeoutError if they are not."""
        with self._lock:
            if not self._changed.wait_for(lambda: len(self._documents) >= count, timeout_s):
                raise TimeoutError(f"{len(self._documents)} of {count} slips recorded")
            return list(self._documents)

    def wait_until(self, predicate: Callable[[PrinterModel], bool], timeout_s: float = 5.0) -> None:
        """Block until ``predicate(model)`` holds (checked on every change); TimeoutError if not."""
        with self._lock:
            if not self._changed.wait_for(lambda: predicate(self), timeout_s):
                raise TimeoutError("printer simulator did not reach the expected state")

    def clear_documents(self) -> None:
        with self._lock:
            self._documents.clear()

    # ---------------------------------------------------------- status bytes
    def _can_print(self) -> bool:
        return (
            self.answering
            and self.paper is not PaperLevel.OUT
            and not self.cover_open
            and not self._error()
        )

    def _error(self) -> bool:
        return (
            self.cutter_error
            or self.unrecoverable_error
            or self.auto_recoverable_error
            or self.recoverable_error
        )

    def status_byte(self, n: int) -> int:
        out = self.paper is PaperLevel.OUT
        if n == 1:
            offline = out or self.cover_open or self._error()
            return 0x12 | (0x08 if offline else 0)
        if n == 2:
            return 0x12 | (0x04 * self.cover_open) | (0x20 * out) | (0x40 * self._error())
        if n == 3:
            return (
                0x12
                | (0x04 * self.recoverable_error)
                | (0x08 * self.cutter_error)
                | (0x20 * self.unrecoverable_error)
                | (0x40 * self.auto_recoverable_error)
            )
        if n == 4:
            near = self.paper is not PaperLevel.OK
            return 0x12 | (0x0C if near else 0) | (0x60 if out else 0)
        return 0x12

    def _paper_sensor_byte(self) -> int:
        near = self.paper is not PaperLevel.OK
        return (0x03 if near else 0) | (0x0C if self.paper is PaperLevel.OUT else 0)

    # ---------------------------------------------------------- byte path
    def receive(self, conn: int, data: bytes, now: float | None = None) -> list[Reply]:
        """Bytes from connection ``conn``; returns the replies to send."""
        replies: list[Reply] = []
        with self._lock:
            parser = self._parsers.setdefault(conn, EscPosParser())
            for cmd in parser.feed(data):
                self.bytes_received += len(cmd.raw)
                if cmd.kind is Kind.REALTIME_STATUS:
                    self.status_queries += 1
                    if self._replies_to_lose > 0:
                        self._replies_to_lose -= 1
                    elif self.answering:
                        replies.append((conn, bytes((self.status_byte(cmd.value),))))
                elif cmd.kind is Kind.REALTIME_REQUEST:
                    if self.answering:
                        self._realtime_request(cmd.value)
                else:
                    self._queue.append((conn, cmd))
            replies += self._pump(time.monotonic() if now is None else now)
            self._changed.notify_all()
        return replies

    def disconnect(self, conn: int) -> None:
        with self._lock:
            self._parsers.pop(conn, None)

    def pump(self, now: float | None = None) -> list[Reply]:
        """Print what can be printed now (after a fault clears or a delay passes)."""
        with self._lock:
            replies = self._pump(time.monotonic() if now is None else now)
            self._changed.notify_all()
            return replies

    def next_deadline(self) -> float | None:
        with self._lock:
            if self._queue and self.line_delay_s > 0 and self._can_print():
                return self._next_print_at
            return None

    def _realtime_request(self, n: int) -> None:
        if n in (1, 2):
            self.recoverable_error = False
            self.cutter_error = False
        if n == 2:
            self._queue.clear()
            self._abort_current()

    def _abort_current(self) -> None:
        if any(not isinstance(b, FeedBlock) for b in self._blocks):
            self._documents.append(RecordedSlip(bytes(self._raw), tuple(self._blocks), False))
        self._raw.clear()
        self._blocks.clear()

    def _pump(self, now: float) -> list[Reply]:
        replies: list[Reply] = []
        while self._queue and self._can_print():
            if self.line_delay_s > 0 and now < self._next_print_at:
                break
            conn, cmd = self._queue.popleft()
            replies += self._process(conn, cmd, now)
        return replies

    def _process(self, conn: int, cmd: Command, now: float) -> list[Reply]:
        if cmd.kind is Kind.PAPER_QUERY:
            return [(conn, bytes((self._paper_sensor_byte() if cmd.value in (1, 49) else 0,)))]
        if cmd.kind is Kind.PRINTER_ID:
            ident = self._ids.get(cmd.value)
            return [(conn, b"_" + ident.encode("ascii") + b"\x00")] if ident else []
        if cmd.kind is Kind.ASB:
            return []
        self._raw += cmd.raw
        for block in self._paper.apply(cmd):
            self._blocks.append(block)
            if self.line_delay_s > 0:
                self._next_print_at = now + self.line_delay_s
            if isinstance(block, CutBlock):
                self._documents.append(RecordedSlip(bytes(self._raw), tuple(self._blocks), True))
                self._raw.clear()
                self._blocks.clear()
                continue
            used = _lines(block)
            if self._lines_to_low is not None:
                self._lines_to_low -= used
                if self._lines_to_low <= 0:
                    self._lines_to_low = None
                    if self.paper is PaperLevel.OK:
                        self.paper = PaperLevel.NEAR_END
            if self._lines_left is not None:
                self._lines_left -= used
                if self._lines_left <= 0:
                    self._lines_left = None
                    self.paper = PaperLevel.OUT
        return []
