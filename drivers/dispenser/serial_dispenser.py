"""Driver for card dispensers that speak the framed serial protocol of :mod:`.protocol`."""

from __future__ import annotations

import logging
import threading
import time

from drivers.base import (
    Actor,
    DeviceError,
    DeviceIdentity,
    DeviceLost,
    DeviceState,
    DeviceStatus,
    DeviceTimeout,
)
from drivers.dispenser import protocol as p
from drivers.dispenser.channel import DispenserChannel, NotAcknowledged
from drivers.dispenser.model import ReleaseOutcome, ReleaseResult, SlotReading
from drivers.dispenser.settings import SerialDispenserSettings
from drivers.serial_link import LinkLost, SerialLink
from drivers.supervisor import SupervisedDevice

log = logging.getLogger(__name__)

_RELEASING = DeviceStatus(DeviceState.BUSY, "DISPENSING", "card on its way to the gate", Actor.NONE)
_AT_GATE = DeviceStatus(DeviceState.BUSY, "CARD_AT_GATE", "card waiting at the gate", Actor.NONE)
_JAM = DeviceStatus(
    DeviceState.ERROR, "DISPENSER_JAM", "a card is jammed in the dispenser", Actor.TECHNICIAN
)
_BIN_FULL = DeviceStatus(
    DeviceState.ERROR, "DISPENSER_BIN_FULL", "the capture bin is full: empty it", Actor.STAFF
)
_GATE_BLOCKED = DeviceStatus(
    DeviceState.ERROR, "DISPENSER_GATE_BLOCKED", "something sits in the exit gate", Actor.STAFF
)
_EMPTY = DeviceStatus(
    DeviceState.ERROR, "DISPENSER_EMPTY", "no card in any slot: load cards", Actor.STAFF
)

#: Negative reply codes of a move → what became of the release.
_MOVE_OUTCOMES = {
    p.E_JAM: ReleaseOutcome.JAMMED,
    p.E_EMPTY: ReleaseOutcome.EMPTY_SLOT,
    p.E_GATE_BLOCKED: ReleaseOutcome.GATE_BLOCKED,
}


class SerialDispenser(SupervisedDevice):
    """A card store with numbered slots, an exit gate and a capture bin on a serial line.

    ``release`` and ``read_slots`` block (call them off the GUI thread); the worker
    polls the status meanwhile and reports jams, a full bin, a blocked gate and an
    empty store as they appear.
    """

    kind = "dispenser"
    Settings = SerialDispenserSettings
    settings: SerialDispenserSettings

    def __init__(self, settings: SerialDispenserSettings | None = None) -> None:
        super().__init__(settings)
        self._io = threading.RLock()
        self._release_lock = threading.Lock()
        self._link: SerialLink | None = None
        self._channel: DispenserChannel | None = None
        self._slot_count = 0
        self._releasing = False

    # ---- the interface
    @property
    def slot_count(self) -> int:
        return self._slot_count

    def read_slots(self) -> tuple[SlotReading, ...]:
        status = self._query(with_slots=True)
        return tuple(SlotReading(i + 1, full) for i, full in enumerate(status.occupied))

    def unlock_slot(self, slot: int) -> None:
        """Open ``slot``'s door and light it, for a technician loading a card."""
        self._command(p.Cmd.UNLOCK, slot)

    def release(self, slot: int, *, take_timeout_s: float | None = None) -> ReleaseResult:
        """Move ``slot``'s card to the gate; wait until it is taken, else capture it."""
        timeout = self.settings.take_timeout_s if take_timeout_s is None else take_timeout_s
        if not self._release_lock.acquire(blocking=False):
            return ReleaseResult(ReleaseOutcome.FAILED, slot, "DISPENSER_BUSY", "release running")
        self._releasing = True
        try:
            return self._release(slot, timeout)
        finally:
            self._releasing = False
            self._release_lock.release()
            self._poll_now()

    # ---- release, step by step
    def _release(self, slot: int, take_timeout_s: float) -> ReleaseResult:
        try:
            status = self._query(with_slots=True)
        except DeviceError as exc:
            return ReleaseResult(ReleaseOutcome.FAILED, slot, exc.code, str(exc))
        refused = self._refusal(status, slot)
        if refused is not None:
            return refused
        self._set_status(_RELEASING)
        try:
            moved = self._transact(
                p.Cmd.TO_GATE, slot, reply_timeout_s=self.settings.move_timeout_s
            )
        except NotAcknowledged as exc:
            return self._ended(ReleaseResult(ReleaseOutcome.FAILED, slot, exc.code, str(exc)))
        except DeviceError as exc:  # the command went out; the card may have moved
            return self._ended(ReleaseResult(ReleaseOutcome.UNCERTAIN, slot, exc.code, str(exc)))
        if not moved.positive:
            outcome = _MOVE_OUTCOMES.get(moved.error, ReleaseOutcome.FAILED)
            return self._ended(ReleaseResult(outcome, slot, moved.error_code, moved.error_text))
        self._set_status(_AT_GATE)
        return self._ended(self._await_take(slot, take_timeout_s))

    def _refusal(self, status: p.Status, slot: int) -> ReleaseResult | None:
        """Why nothing may move now, read from the status before the move; None: go ahead."""
        if status.jam:
            return ReleaseResult(ReleaseOutcome.JAMMED, slot, _JAM.code, _JAM.detail)
        if status.gate_card:
            return ReleaseResult(
                ReleaseOutcome.GATE_BLOCKED, slot, _GATE_BLOCKED.code, _GATE_BLOCKED.detail
            )
        if status.bin_full:
            # A card not taken could not be secured: hand out nothing until the bin is emptied.
            return ReleaseResult(ReleaseOutcome.FAILED, slot, _BIN_FULL.code, _BIN_FULL.detail)
        if not 1 <= slot <= status.slots:
            return ReleaseResult(
                ReleaseOutcome.FAILED, slot, "DISPENSER_BAD_SLOT", f"no slot {slot}"
            )
        if not status.occupied[slot - 1]:
            return ReleaseResult(
                ReleaseOutcome.EMPTY_SLOT, slot, "DISPENSER_EMPTY", "the slot's sensor sees no card"
            )
        return None

    def _await_take(self, slot: int, take_timeout_s: float) -> ReleaseResult:
        deadline = time.monotonic() + take_timeout_s
        try:
            while True:
                if not self._query(with_slots=False).gate_card:
                    return ReleaseResult(ReleaseOutcome.TAKEN, slot)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                time.sleep(min(self.settings.gate_poll_s, remaining))
            captured = self._transact(p.Cmd.CAPTURE, reply_timeout_s=self.settings.move_timeout_s)
        except DeviceError as exc:
            return ReleaseResult(ReleaseOutcome.UNCERTAIN, slot, exc.code, str(exc))
        if captured.positive:
            return ReleaseResult(
                ReleaseOutcome.CAPTURED, slot, "DISPENSER_CAPTURED", "card not taken: captured"
            )
        if captured.error == p.E_NO_CARD:
            return ReleaseResult(ReleaseOutcome.TAKEN, slot)  # taken at the last moment
        if captured.error == p.E_JAM:
            return ReleaseResult(ReleaseOutcome.JAMMED, slot, captured.error_code, "jam on capture")
        # Not captured (e.g. the bin is full): the card is still at the gate.
        return ReleaseResult(
            ReleaseOutcome.UNCERTAIN, slot, captured.error_code, "card left at the gate"
        )

    def _ended(self, result: ReleaseResult) -> ReleaseResult:
        log.info(
            "card release",
            extra={"kind": self.kind, "slot": result.slot, "outcome": str(result.outcome)},
        )
        if result.outcome is ReleaseOutcome.JAMMED:
            self._set_status(_JAM)
        return result

    # ---- exchanges
    def _transact(
        self, cmd: p.Cmd, pm: int = p.PM_DEFAULT, *, reply_timeout_s: float | None = None
    ) -> p.Reply:
        with self._io:
            if self._channel is None:
                raise LinkLost("dispenser not connected")
            return self._channel.transact(cmd, pm, reply_timeout_s=reply_timeout_s)

    def _query(self, *, with_slots: bool) -> p.Status:
        reply = self._transact(p.Cmd.STATUS, p.PM_WITH_SLOTS if with_slots else p.PM_DEFAULT)
        if not reply.positive or reply.status is None:
            raise DeviceError(f"status query refused: {reply.error_text}", code=reply.error_code)
        self._slot_count = reply.status.slots
        return reply.status

    def _command(self, cmd: p.Cmd, pm: int) -> p.Status:
        reply = self._transact(cmd, pm)
        if not reply.positive or reply.status is None:
            raise DeviceError(f"{cmd.name} refused: {reply.error_text}", code=reply.error_code)
        return reply.status

    # ---- supervision
    def _connect(self) -> None:
        s = self.settings
        link = SerialLink(s.port, baudrate=s.baudrate, exclusive=s.exclusive)
        with self._io:
            link.open()
            self._link = link
            self._channel = DispenserChannel(
                link, ack_timeout_s=s.command_timeout_s, retries=s.retries
            )
            version = self._transact(p.Cmd.VERSION)
        if not version.positive:
            raise DeviceError("the dispenser refused its version query", code="DEVICE_ERROR")
        model, serial_no, firmware = p.parse_version(version.extra)
        self._identity = DeviceIdentity(model=model, serial=serial_no, firmware=firmware)
        self._set_status(self._status_of(self._query(with_slots=True)))

    def _disconnect(self) -> None:
        with self._io:
            if self._link is not None:
                self._link.close()
            self._link = self._channel = None

    def _poll(self) -> None:
        if self._releasing:
            return  # the release reads the status itself and reports as it goes
        status = self._query(with_slots=True)
        if not self._releasing:
            self._set_status(self._status_of(status))

    def _status_for(self, error: DeviceError) -> DeviceStatus:
        if isinstance(error, DeviceLost | DeviceTimeout):
            return super()._status_for(error)
        if error.code.startswith("DISPENSER_") or error.code == "PROTOCOL_ERROR":
            return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.TECHNICIAN)
        return super()._status_for(error)

    @staticmethod
    def _status_of(status: p.Status) -> DeviceStatus:
        if status.jam or status.path_card:
            return _JAM
        if status.bin_full:
            return _BIN_FULL
        if status.gate_card:
            return _GATE_BLOCKED
        loaded = sum(status.occupied)
        if not loaded:
            return _EMPTY
        return DeviceStatus.online(f"{loaded} of {status.slots} slots hold a card")

    # ---- health
    def _check_external(self) -> tuple[bool, str, str]:
        if self._channel is None:
            status = self.status
            return False, status.detail or "dispenser not connected", status.code
        reported = self._status_of(self._query(with_slots=True))
        if not reported.usable:
            return False, reported.detail, reported.code
        ident = self.identity
        return True, f"{ident.model or 'dispenser'} answers: {reported.detail}", "OK"
