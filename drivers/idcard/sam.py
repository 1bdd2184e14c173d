"""Driver for second-generation ID card readers that speak the SAM serial protocol."""

from __future__ import annotations

import enum
import logging
import threading
import time
from dataclasses import dataclass

from drivers.base import (
    Actor,
    DeviceError,
    DeviceIdentity,
    DeviceState,
    DeviceStatus,
)
from drivers.idcard import protocol as p
from drivers.idcard.card import IdCard
from drivers.idcard.channel import SamChannel
from drivers.idcard.events import CardRead, CardReadFailed, CardRemoved, CardStillPresent
from drivers.idcard.settings import SamReaderSettings
from drivers.idcard.text import decode_text_block
from drivers.idcard.wlt import WltDecoder, decode_photo, load_wlt_decoder
from drivers.serial_link import LinkLost, SerialLink
from drivers.supervisor import SupervisedDevice

log = logging.getLogger(__name__)


class _Card(enum.Enum):
    NONE = "none"
    PRESENT = "present"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class ExchangeStats:
    """Timing of the last find → select → read exchange (for benchmarks)."""

    duration_s: float
    bytes_exchanged: int


_STATUS_ONLINE = DeviceStatus.online("no card")
_STATUS_READING = DeviceStatus(DeviceState.BUSY, "READING", "reading card", Actor.NONE)
_STATUS_PRESENT = DeviceStatus(DeviceState.CARD_PRESENT, "CARD_PRESENT", "card read", Actor.NONE)
_STATUS_UNREADABLE = DeviceStatus(
    DeviceState.CARD_PRESENT, "CARD_UNREADABLE", "card on the reader cannot be read", Actor.STAFF
)


class SamReader(SupervisedDevice):
    """Polls for cards and reports CardRead / CardReadFailed / CardRemoved / CardStillPresent."""

    kind = "idcard"
    Settings = SamReaderSettings
    settings: SamReaderSettings

    def __init__(
        self, settings: SamReaderSettings | None = None, *, wlt_decoder: WltDecoder | None = None
    ) -> None:
        super().__init__(settings)
        self._config_error: DeviceError | None = None
        self._decoder = wlt_decoder
        if wlt_decoder is None:
            try:
                self._decoder = load_wlt_decoder(self.settings.wlt_decoder)
            except DeviceError as exc:
                self._config_error = exc
        self._io = threading.RLock()
        self._nudge = threading.Event()
        self._read_requested = threading.Event()
        self._link: SerialLink | None = None
        self._channel: SamChannel | None = None
        self._card = _Card.NONE
        self._digest: str | None = None
        self._attempts = 0
        self._reading = False
        self.last_exchange: ExchangeStats | None = None

    # ---- public
    def request_read(self) -> None:
        """Read the card on the reader now, even one already read (new session, CLI)."""
        self._read_requested.set()
        self._nudge.set()

    # ---- supervision hooks
    def _connect(self) -> None:
        if self._config_error is not None:
            raise self._config_error
        s = self.settings
        link = SerialLink(s.port, baudrate=s.baudrate, exclusive=s.exclusive)
        with self._io:
            link.open()
            self._link = link
            self._channel = channel = SamChannel(
                link, timeout_s=s.command_timeout_s, retries=s.retries
            )
            status = channel.transact(p.SAM_STATUS)
            if status.sw3 != p.SW_OK:
                raise p.SamStatusError(p.SAM_STATUS, status.sw3)
            sam_id = channel.transact(p.SAM_ID)
        serial_no = ""
        if sam_id.sw3 == p.SW_OK:
            try:
                serial_no = p.format_sam_id(sam_id.data)
            except p.SamProtocolError:
                serial_no = ""
        self._identity = DeviceIdentity(model="SAM ID card reader", serial=serial_no)
        self._set_status(self._card_status())

    def _disconnect(self) -> None:
        with self._io:
            if self._link is not None:
                self._link.close()
            self._link = self._channel = None

    def _close(self) -> None:
        self._nudge.set()
        super()._close()

    def _status_for(self, error: DeviceError) -> DeviceStatus:
        if isinstance(error, p.SamStatusError):
            return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.TECHNICIAN)
        return super()._status_for(error)

    def _on_disconnected(self, error: DeviceError) -> None:
        if self._reading:
            self._reading = False
            self._emit(CardReadFailed(error.code, f"reader lost during the read: {error}"))

    def _serve(self, stop: threading.Event) -> None:
        while not stop.is_set():
            # One exchange sequence at a time: a health check waits instead of
            # slipping a command between "select" and "read".
            with self._io:
                if self._read_requested.is_set():
                    self._read_requested.clear()
                    self._forced_read()
                else:
                    self._poll()
            self._nudge.wait(self.settings.poll_interval_s)
            self._nudge.clear()

    # ---- polling
    def _transact(self, command: p.Command, *, timeout_s: float | None = None) -> p.Response:
        with self._io:
            if self._channel is None:
                raise LinkLost("reader connection closed")
            return self._channel.transact(command, timeout_s=timeout_s)

    def _poll(self) -> None:
        t0 = time.perf_counter()
        bytes0 = self._bytes_exchanged()
        found = self._transact(p.FIND_CARD)
        if found.sw3 == p.SW_CARD_FOUND:
            card = self._read_card(selected=False)
            if card is not None:
                self.last_exchange = ExchangeStats(
                    time.perf_counter() - t0, self._bytes_exchanged() - bytes0
                )
                self._deliver(card, requested=False)
        elif found.sw3 == p.SW_NO_CARD:
            retry_pending = self._attempts > 0
            if self._card is _Card.NONE and not retry_pending:
                return
            if not self._still_there():
                self._attempts = 0
                # A card lifted while it was being read was on the reader too.
                if self._card is not _Card.NONE or retry_pending:
                    self._removed()
            elif retry_pending:
                # A read that reached the card but gave bad data: the card no longer
                # answers "find", so read it again through "select".
                card = self._read_card(selected=True)
                if card is not None:
                    self._deliver(card, requested=False)
        else:
            raise p.SamStatusError(p.FIND_CARD, found.sw3)

    def _still_there(self) -> bool:
        """A read card stops answering "find" but still answers "select" while it lies there."""
        return self._transact(p.SELECT_CARD).sw3 == p.SW_OK

    def _forced_read(self) -> None:
        selected = False
        if self._transact(p.FIND_CARD).sw3 != p.SW_CARD_FOUND:
            if not self._still_there():
                if self._card is not _Card.NONE:
                    self._removed()
                self._emit(CardReadFailed("NO_CARD", "no card on the reader"))
                return
            selected = True
        card = self._read_card(selected=selected)
        if card is not None:
            self._deliver(card, requested=True)

    def _bytes_exchanged(self) -> int:
        channel = self._channel
        return channel.bytes_in + channel.bytes_out if channel else 0

    def _read_card(self, *, selected: bool) -> IdCard | None:
        """Select and read the card; None (and maybe CardReadFailed) when it fails."""
        self._reading = True
        self._set_status(_STATUS_READING)
        try:
            card = self._select_and_read(selected)
        except LinkLost:
            raise  # _on_disconnected reports the broken read once the status says OFFLINE
        except DeviceError as exc:  # typed protocol, status and data errors: a failed read
            self._reading = False
            self._read_failed(exc)
            return None
        self._reading = False
        self._attempts = 0
        return card

    def _select_and_read(self, selected: bool) -> IdCard:
        if not selected:
            sel = self._transact(p.SELECT_CARD)
            if sel.sw3 != p.SW_OK:
                raise p.SamStatusError(p.SELECT_CARD, sel.sw3)
        fingerprint = self.settings.read_fingerprint
        command = p.READ_WITH_FINGERPRINT if fingerprint else p.READ_TEXT_PHOTO
        resp = self._transact(command, timeout_s=self.settings.read_timeout_s)
        if resp.sw3 == p.SW_NO_SUCH_ITEM and fingerprint:
            # Some readers refuse 30 10 for a card without fingerprints.
            fingerprint, command = False, p.READ_TEXT_PHOTO
            resp = self._transact(command, timeout_s=self.settings.read_timeout_s)
        if resp.sw3 != p.SW_OK:
            raise p.SamStatusError(command, resp.sw3)
        blocks = p.parse_read_data(resp.data, with_fingerprint=fingerprint)
        card = decode_text_block(blocks.text)
        card.photo_wlt = bytearray(blocks.photo)
        card.photo, card.photo_error = decode_photo(self._decoder, blocks.photo)
        card.fingerprint = bytearray(blocks.fingerprint) if blocks.fingerprint else None
        return card

    def _read_failed(self, exc: DeviceError) -> None:
        """Count a failed read; report it once the placement has used up its attempts."""
        self._attempts += 1
        log.info("card read failed", extra={"kind": self.kind, "code": exc.code})
        if self._attempts < self.settings.read_attempts:
            self._set_status(self._card_status())
            return None
        self._attempts = 0
        if self._card is not _Card.UNREADABLE:
            self._card = _Card.UNREADABLE
            self._emit(CardReadFailed(exc.code, str(exc)))
        self._set_status(self._card_status())
        return None

    def _deliver(self, card: IdCard, *, requested: bool) -> None:
        same = self._digest is not None and card.digest == self._digest
        was_present = self._card is _Card.PRESENT
        self._card, self._digest = _Card.PRESENT, card.digest
        self._set_status(_STATUS_PRESENT)
        if same and was_present and not requested:
            card.wipe()  # the holder already has this card's data
            self._emit(CardStillPresent())
            return
        if was_present and not same:
            self._emit(CardRemoved())
        self._emit(CardRead(card))

    def _removed(self) -> None:
        self._card, self._digest, self._attempts = _Card.NONE, None, 0
        self._set_status(_STATUS_ONLINE)
        self._emit(CardRemoved())

    def _card_status(self) -> DeviceStatus:
        if self._card is _Card.PRESENT:
            return _STATUS_PRESENT
        if self._card is _Card.UNREADABLE:
            return _STATUS_UNREADABLE
        return _STATUS_ONLINE

    # ---- health
    def _check_external(self) -> tuple[bool, str, str]:
        if self._channel is None:
            status = self.status
            return False, status.detail or "reader not connected", status.code
        resp = self._transact(p.SAM_STATUS)
        if resp.sw3 != p.SW_OK:
            err = p.SamStatusError(p.SAM_STATUS, resp.sw3)
            return False, str(err), err.code
        serial_no = self.identity.serial or "unknown"
        return True, f"SAM status OK (SAM id {serial_no})", "OK"
