"""A card store/dispenser simulated on a pseudo-terminal, speaking the real frame protocol.

The real driver opens :attr:`DispenserSimulator.address` like any serial port. The
simulated mechanism has numbered slots with sensors, a transport path, an exit gate
with a sensor and a capture bin; a simulated person takes a card from the gate some
seconds after it arrives (or never), and a simulated technician puts a card into a
slot unlocked for loading. Knobs for every fault the driver must survive: a jam on
the next move, an empty slot, something in the gate, a full bin, a corrupted or
missing answer, unplugging.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable

from drivers.dispenser import protocol as p
from drivers.pty_simulator import PtySimulator
from drivers.serial_link import PtyPort

log = logging.getLogger(__name__)

MODEL, SERIAL, FIRMWARE = "SIM-K720 card dispenser", "SIM-DSP-0001", "1.0.3"
BIN_CAPACITY = 50


class DispenserSimulator(PtySimulator):
    """The device side: slots, transport path, exit gate, capture bin, and fault knobs."""

    thread_name = "dispenser-sim"

    def __init__(
        self,
        *,
        slots: int = 20,
        baud: int | None = 9600,
        move_s: float = 0.2,
        take_after_s: float | None = 1.0,
        load_after_s: float | None = 0.5,
        port_name: str = "dispenser",
        directory: str | None = None,
    ) -> None:
        super().__init__(port_name, directory)
        self.baud = baud
        self.move_s = move_s
        #: Seconds after a card reaches the gate the person takes it; None: nobody does.
        self.take_after_s = take_after_s
        #: Seconds after a slot is unlocked the technician puts a card in; None: never.
        self.load_after_s = load_after_s
        self.bin_capacity = BIN_CAPACITY
        self._cond = threading.Condition()
        self._slots = [False] * slots
        self._gate_card = False
        self._gate_object = False  # a foreign object (or a hand) in the gate
        self._path_card = False
        self._jammed = False
        self._jam_next = False
        self._bin = 0
        self._take_at: float | None = None
        self._load_at: dict[int, float] = {}
        # Fault knobs.
        self.silent = False
        self.corrupt_next = 0  # the next n replies carry a wrong BCC
        # Counters the tests and benchmarks read.
        self.requests: collections.Counter[str] = collections.Counter()
        self.taken = 0
        self.captured = 0
        self.naks_sent = 0

    # ---- the mechanism, as tests and scenarios set it
    @property
    def slot_count(self) -> int:
        return len(self._slots)

    def load(self, *slots: int) -> None:
        with self._cond:
            for slot in slots:
                self._slots[slot - 1] = True
            self._cond.notify_all()

    def empty(self, *slots: int) -> None:
        with self._cond:
            for slot in slots:
                self._slots[slot - 1] = False
            self._cond.notify_all()

    def occupied(self) -> tuple[bool, ...]:
        with self._cond:
            self._advance(time.monotonic())
            return tuple(self._slots)

    def block_gate(self, blocked: bool = True) -> None:
        with self._cond:
            self._gate_object = blocked

    def jam_next_move(self) -> None:
        with self._cond:
            self._jam_next = True

    def fill_bin(self) -> None:
        with self._cond:
            self._bin = self.bin_capacity

    def take_card(self) -> bool:
        """The person takes the card at the gate now; False if there is none."""
        with self._cond:
            if not self._gate_card:
                return False
            self._gate_card, self._take_at = False, None
            self.taken += 1
            self._cond.notify_all()
            return True

    @property
    def card_at_gate(self) -> bool:
        with self._cond:
            self._advance(time.monotonic())
            return self._gate_card

    @property
    def bin_count(self) -> int:
        return self._bin

    def wait_for(
        self, predicate: Callable[[DispenserSimulator], bool], timeout: float = 5.0
    ) -> bool:
        """Wait until ``predicate(self)`` holds; re-checked after every request."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    # ---- time passing
    def _advance(self, now: float) -> None:
        """Let the person take the card and the technician load slots (caller holds the lock)."""
        if self._gate_card and self._take_at is not None and now >= self._take_at:
            self._gate_card, self._take_at = False, None
            self.taken += 1
        for slot, at in list(self._load_at.items()):
            if now >= at:
                self._slots[slot - 1] = True
                del self._load_at[slot]

    def _status(self) -> p.Status:
        return p.Status(
            gate_card=self._gate_card or self._gate_object,
            path_card=self._path_card,
            jam=self._jammed,
            bin_full=self._bin >= self.bin_capacity,
            slots=len(self._slots),
            bin_count=self._bin,
            occupied=tuple(self._slots),
        )

    # ---- serving
    def _serve(self) -> None:
        parser = p.FrameParser()
        last_reply = b""
        while not self._stop.is_set():
            port = self._port
            if port is None:
                return
            data = port.read(4096, timeout_s=0.1)
            if not data:
                continue
            for item in parser.feed(data):
                if self._stop.is_set():
                    return
                if isinstance(item, p.BadFrame):
                    self.naks_sent += 1
                    port.write(bytes([p.NAK]), baud=self.baud)
                elif isinstance(item, p.Control):
                    if item is p.Control.NAK and last_reply:
                        port.write(last_reply, baud=self.baud)  # the host asks again
                elif not self.silent:
                    port.write(bytes([p.ACK]), baud=self.baud)
                    last_reply = self._reply_to(item)
                    self._send(port, last_reply)

    def _send(self, port: PtyPort, reply: bytes) -> None:
        with self._cond:
            corrupt = self.corrupt_next > 0
            if corrupt:
                self.corrupt_next -= 1
        port.write(reply[:-1] + bytes([reply[-1] ^ 0x5A]) if corrupt else reply, baud=self.baud)

    def _reply_to(self, frame: p.Frame) -> bytes:
        try:
            cmd, pm, _ = p.decode_command(frame)
        except p.FrameError:
            return p.encode_negative(frame.cmd, frame.pm, p.E_BAD_COMMAND)
        name = cmd.name if cmd is not None else f"0x{frame.cmd:02X}"
        with self._cond:
            self.requests[name] += 1
            self._advance(time.monotonic())
            self._cond.notify_all()
        if cmd is p.Cmd.TO_GATE:
            return self._to_gate(pm)
        with self._cond:
            reply = self._answer(cmd, pm)
            self._cond.notify_all()
            return reply

    def _answer(self, cmd: p.Cmd | None, pm: int) -> bytes:
        """Every command but the move (caller holds the lock)."""
        if cmd is p.Cmd.STATUS and pm in (p.PM_DEFAULT, p.PM_WITH_SLOTS):
            return p.encode_positive(cmd, pm, self._status())
        if cmd is p.Cmd.VERSION:
            text = f"{MODEL};{SERIAL};{FIRMWARE}".encode("ascii")
            return p.encode_positive(cmd, pm, self._status(), text)
        if cmd is p.Cmd.INIT:
            if self._path_card:  # a stuck card is cleared into the bin
                self._path_card, self._bin = False, self._bin + 1
                self.captured += 1
            self._jammed = False
            return p.encode_positive(cmd, pm, self._status())
        if cmd is p.Cmd.CAPTURE:
            if not self._gate_card:
                return p.encode_negative(cmd, pm, p.E_NO_CARD)
            if self._bin >= self.bin_capacity:
                return p.encode_negative(cmd, pm, p.E_BIN_FULL)
            self._gate_card, self._take_at = False, None
            self._bin += 1
            self.captured += 1
            return p.encode_positive(cmd, pm, self._status())
        if cmd is p.Cmd.UNLOCK:
            if not 1 <= pm <= len(self._slots):
                return p.encode_negative(cmd, pm, p.E_BAD_SLOT)
            if self.load_after_s is not None and not self._slots[pm - 1]:
                self._load_at[pm] = time.monotonic() + self.load_after_s
            return p.encode_positive(cmd, pm, self._status())
        return p.encode_negative(cmd if cmd is not None else 0, pm, p.E_BAD_COMMAND)

    def _to_gate(self, slot: int) -> bytes:
        cmd = p.Cmd.TO_GATE
        with self._cond:
            if not 1 <= slot <= len(self._slots):
                return p.encode_negative(cmd, slot, p.E_BAD_SLOT)
            if self._jammed:
                return p.encode_negative(cmd, slot, p.E_JAM)
            if self._gate_card or self._gate_object:
                return p.encode_negative(cmd, slot, p.E_GATE_BLOCKED)
            if not self._slots[slot - 1]:
                return p.encode_negative(cmd, slot, p.E_EMPTY)
            self._slots[slot - 1] = False
            self._path_card = True
            jam, self._jam_next = self._jam_next, False
        # The move takes its time; the device answers when the card has arrived or stuck.
        if self.move_s > 0 and self._stop.wait(self.move_s):
            return p.encode_negative(cmd, slot, p.E_JAM)
        with self._cond:
            if jam:
                self._jammed = True
                self._cond.notify_all()
                return p.encode_negative(cmd, slot, p.E_JAM)
            self._path_card, self._gate_card = False, True
            take = self.take_after_s
            self._take_at = None if take is None or take < 0 else time.monotonic() + take
            self._cond.notify_all()
            return p.encode_positive(cmd, slot, self._status())
