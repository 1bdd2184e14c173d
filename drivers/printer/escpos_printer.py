"""ESC/POS receipt printer driver: python-escpos transports, our own status layer.

Status comes from the real-time ``DLE EOT 1..4`` requests, with stale input
drained before each and a timeout on each reply. The supervisor's worker
(:mod:`drivers.supervisor`) connects, polls it every ``poll_interval_s``
(a printer that stops answering or drops the link is lost within about a
second) and reconnects.

:meth:`EscposPrinter.print_slip` checks the status before sending (nothing is
sent to a printer that cannot print), sends the slip followed by ``GS r 1``,
which the printer answers only once it has processed everything before it,
and watches the real-time status meanwhile; every byte the printer sends back
is sorted by :class:`~drivers.printer.status.ReplySorter`, so a completion
reply that shares a read with a status reply is not lost. The outcome says
PRINTED only when the printer confirmed; a slip interrupted by paper end, an open cover or
a dropped link is UNCERTAIN ("may not have printed"), and the driver asks the
printer to drop the rest of the job (``DLE ENQ 2``) so it does not come out
later in front of the next citizen.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import ClassVar

from drivers.base import (
    Actor,
    DeviceError,
    DeviceIdentity,
    DeviceNotReady,
    DeviceState,
    DeviceStatus,
    DeviceTimeout,
    DriverSettings,
)
from drivers.printer import cjk
from drivers.printer.document import PrintOutcome, Slip
from drivers.printer.encoder import (
    CLEAR_BUFFERS,
    COMPLETION_QUERY,
    GS,
    EncoderOptions,
    SlipEncoder,
)
from drivers.printer.settings import EscposPrinterSettings
from drivers.printer.status import (
    ReplySorter,
    StatusReplyError,
    condition_from_replies,
    parse_reply,
    status_from_condition,
    status_query,
)
from drivers.printer.transport import (
    EscposTransport,
    PrinterAddress,
    TransportError,
    make_transport,
)
from drivers.queried_status import QueriedStatus

log = logging.getLogger(__name__)

NOT_CONFIRMED = "PRINTER_NOT_CONFIRMED"
#: How often the real-time status is read while waiting for a slip to finish.
_WATCH_SLICE_S = 0.2
#: Status requests sent before a silent printer counts as off (each ``status_timeout_s``).
STATUS_ATTEMPTS = 2


class EscposPrinter(QueriedStatus):
    """A receipt printer speaking ESC/POS over network, serial or USB."""

    kind: ClassVar[str] = "printer"
    Settings: ClassVar[type[DriverSettings]] = EscposPrinterSettings
    settings: EscposPrinterSettings

    def __init__(self, settings: EscposPrinterSettings | None = None) -> None:
        super().__init__(settings)
        s = self.settings
        self._encoder = SlipEncoder(
            EncoderOptions(s.paper_width_dots, s.font_charset, s.cjk_mode, s.native_qr),
            fonts=lambda: cjk.default_fonts(s.raster_font_path, s.raster_font_index),
        )
        self._io = threading.Lock()  # one exchange with the printer at a time
        # Made when the driver opens; connected and dropped by the supervisor's worker.
        self._transport: EscposTransport | None = None
        # Everything the printer sends back, sorted; replaced on each new connection.
        self._inbox = ReplySorter()

    # ------------------------------------------------------------ supervision hooks
    def _open(self) -> None:
        if self._transport is None:
            self._transport = make_transport(
                PrinterAddress.parse(self.settings.url), self.settings.connect_timeout_s
            )
        super()._open()

    def _close(self) -> None:
        super()._close()
        with self._io:
            self._transport = None

    def _connect(self) -> None:
        with self._io:
            if self._transport is None:
                raise DeviceNotReady("printer driver is not open")
            self._transport.open()
            self._inbox = ReplySorter()
            # Automatic status back off: its unsolicited bytes would mix with replies.
            self._transport.write(GS + b"a\x00")
            self._identity = self._read_identity()
            self._set_status(self._query_status())

    def _disconnect(self) -> None:
        with self._io:
            if self._transport is not None:
                self._transport.close()

    # ------------------------------------------------------------ status layer
    def _link(self) -> EscposTransport:
        if self._transport is None:
            raise DeviceNotReady("printer driver is not open")
        if not self._transport.connected:
            raise TransportError("printer not connected: reconnecting")
        return self._transport

    def _read_identity(self) -> DeviceIdentity:
        values: dict[int, str] = {}
        for n in (67, 66, 65, 68):  # model first: a printer without GS I stops us there
            text = self._ask_id(n)
            if text is None:
                break
            values[n] = text
        return DeviceIdentity(
            model=values.get(67, ""),
            vendor=values.get(66, ""),
            firmware=values.get(65, ""),
            serial=values.get(68, ""),
        )

    def _ask_id(self, n: int) -> str | None:
        link = self._link()
        self._inbox.feed(link.drain())
        self._inbox.forget_stale()
        link.write(GS + b"I" + bytes((n,)))
        deadline = time.monotonic() + min(self.settings.status_timeout_s, 0.3)
        while (remaining := deadline - time.monotonic()) > 0:
            self._inbox.feed(link.read(remaining))
            if self._inbox.ids:
                return self._inbox.ids.popleft()
        return None

    def _ask(self, n: int) -> int:
        """A ``DLE EOT n`` exchange, asked again once if no reply came at all.

        One lost reply (noise on a long serial line, a USB adapter's latency, a
        busy host) must not turn a working printer into "off" and a citizen's
        slip into "not printed"; a printer that is really off stays silent twice.
        """
        for attempt in range(STATUS_ATTEMPTS):
            try:
                return self._ask_once(n)
            except DeviceTimeout:
                if attempt + 1 == STATUS_ATTEMPTS:
                    raise
                log.info("printer status reply lost: asking again", extra={"query": n})
        raise AssertionError("STATUS_ATTEMPTS is at least 1")

    def _ask_once(self, n: int) -> int:
        """One ``DLE EOT n`` exchange: drain stale input, ask, wait for a valid byte.

        Bytes read along the way that answer something else (the ``GS r 1``
        completion reply above all) are kept in the inbox, never dropped.
        """
        link = self._link()
        inbox = self._inbox
        inbox.feed(link.drain())
        inbox.forget_stale()
        junk_before = inbox.junk
        link.write(status_query(n))
        deadline = time.monotonic() + self.settings.status_timeout_s
        while (remaining := deadline - time.monotonic()) > 0:
            inbox.feed(link.read(remaining))
            byte = inbox.take_status()
            if byte is not None:
                return parse_reply(n, bytes((byte,)))
        if inbox.junk > junk_before:
            raise StatusReplyError(
                f"printer answered DLE EOT {n} with {inbox.junk - junk_before} unexpected "
                "byte(s): wrong baud rate, or not an ESC/POS printer"
            )
        raise DeviceTimeout(
            f"printer did not answer DLE EOT {n} within {self.settings.status_timeout_s:g} s"
        )

    def _query_status(self) -> DeviceStatus:
        replies = {1: self._ask(1)}
        replies[4] = self._ask(4)
        if condition_from_replies(replies).needs_cause:
            replies[2] = self._ask(2)
            if condition_from_replies(replies).needs_error_cause:
                replies[3] = self._ask(3)
        return status_from_condition(condition_from_replies(replies))

    def _status_for(self, error: DeviceError) -> DeviceStatus:
        exc = error
        if isinstance(exc, TransportError):
            return DeviceStatus.lost(f"printer link down: {exc}")
        if isinstance(exc, DeviceTimeout):
            return DeviceStatus(
                DeviceState.OFFLINE,
                "DEVICE_TIMEOUT",
                "printer does not answer status requests: check power and cable",
                Actor.AUTOMATIC,
            )
        if isinstance(exc, StatusReplyError):
            return DeviceStatus(DeviceState.ERROR, exc.code, str(exc), Actor.CONFIGURATION)
        if isinstance(exc, DeviceNotReady):
            return DeviceStatus.closed()
        return DeviceStatus(DeviceState.ERROR, exc.code, str(exc), Actor.CONFIGURATION)

    def _refresh(self) -> DeviceStatus:
        """Read the status and publish it. Hold ``_io``."""
        if self._transport is not None and not self._transport.connected:
            # The worker is reconnecting; its last status says why (silent, unplugged, …).
            latest = self.hold_down.latest
            if not latest.usable:
                return latest
        return super()._refresh()

    # ------------------------------------------------------------ printing
    def print_slip(self, slip: Slip) -> PrintOutcome:
        """Print one slip and say honestly whether it came out. Never raises for faults."""
        try:
            data = self._encoder.encode(slip, auto_cut=self.settings.auto_cut)
        except cjk.CjkFontMissing as exc:
            return PrintOutcome.not_printed(exc.code, str(exc), self.status)
        with self._io:
            if self._transport is None:
                return PrintOutcome.not_printed("NOT_OPEN", "printer driver is not open", None)
            before = self._refresh()
            if not before.usable:
                return PrintOutcome.not_printed(
                    before.code, f"nothing was sent: {before.detail}", before
                )
            if before.state is DeviceState.ONLINE:
                self._set_status(DeviceStatus(DeviceState.BUSY, "OK", "printing", Actor.NONE))
            confirm = self.settings.confirm_completion
            try:
                link = self._link()
                # Completion replies counted from here on answer this slip's GS r 1.
                self._inbox.feed(link.drain())
                sent_at = self._inbox.completions
                link.write(data + (COMPLETION_QUERY if confirm else b""))
            except DeviceError as exc:
                after = self._status_for(exc)
                self._set_status(after)
                return PrintOutcome.uncertain(
                    after.code,
                    "the link failed while sending: the slip may be partly printed",
                    after,
                )
            return self._await_completion(confirm, sent_at)

    def _confirmed(self, sent_at: int) -> bool:
        return self._inbox.completions > sent_at

    def _await_completion(self, confirm: bool, sent_at: int) -> PrintOutcome:
        deadline = time.monotonic() + self.settings.print_timeout_s
        try:
            status = self._query_status()
            while confirm and not self._confirmed(sent_at) and status.usable:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._inbox.feed(self._link().read(min(_WATCH_SLICE_S, remaining)))
                if not self._confirmed(sent_at):
                    status = self._query_status()
            if self._confirmed(sent_at):
                # The status after the slip, e.g. the roll now nearly used up.
                status = self._query_status()
        except DeviceError as exc:
            status = self._status_for(exc)
            self._set_status(status)
            if self._confirmed(sent_at):
                return PrintOutcome.printed_ok(
                    status, f"confirmed by the printer, which then failed: {status.detail}"
                )
            if not isinstance(exc, TransportError):
                self._drop_rest_of_job()
            return PrintOutcome.uncertain(
                status.code, f"lost contact while printing: {status.detail}", status
            )
        completed = self._confirmed(sent_at)
        if completed or (not confirm and status.usable):
            self._set_status(status)
            how = "confirmed by the printer" if completed else "accepted (not confirmed)"
            return PrintOutcome.printed_ok(status, how)
        self._drop_rest_of_job()
        self._set_status(status)
        if status.usable:
            return PrintOutcome.uncertain(
                NOT_CONFIRMED,
                f"the printer did not confirm within {self.settings.print_timeout_s:g} s",
                status,
            )
        return PrintOutcome.uncertain(
            status.code, f"printing stopped part way: {status.detail}", status
        )

    def _drop_rest_of_job(self) -> None:
        try:
            self._link().write(CLEAR_BUFFERS)
        except DeviceError:
            log.warning("could not ask the printer to clear its buffers")

    # ------------------------------------------------------------ health
    def _check_external(self) -> tuple[bool, str, str]:
        if not self._io.acquire(timeout=self.settings.print_timeout_s):
            return False, "printer busy", "DEVICE_BUSY"
        try:
            if self._transport is None:
                return False, "printer driver is not open", "NOT_OPEN"
            status = self._refresh()
        finally:
            self._io.release()
        return status.usable, status.detail or str(status.state), status.code

    def _check_interactive(self) -> tuple[bool, str, str]:
        slip = (
            Slip()
            .text("打印机自检 PRINTER SELF-TEST", bold=True, align="center")
            .separator()
            .text(time.strftime("%Y-%m-%d %H:%M:%S"))
            .text("中文字符：凭条打印正常")
            .qr("KIOSK-PRINTER-SELF-TEST", module_dots=4)
            .cut()
        )
        outcome = self.print_slip(slip)
        if outcome.printed:
            text = "test slip printed: ask the technician to check it"
        else:
            text = f"test slip {outcome.result}: {outcome.detail}"
        return outcome.printed, text, outcome.code
