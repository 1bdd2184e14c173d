"""The driver's reply handling over a scripted in-memory link, and fuzzing of it."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.base import DeviceError, DeviceStatus
from drivers.printer.document import PrintResult, Slip
from drivers.printer.escpos_printer import EscposPrinter, EscposPrinterSettings
from drivers.printer.status import ReplySorter
from drivers.printer.transport import EscposTransport, PrinterAddress

COMPLETION_QUERY = b"\x1dr\x01"
# The slip the kiosk's real slip starts with, which came back "not confirmed".
LEAD_SLIP = (
    Slip()
    .text("身份证补领", size=2, bold=True, align="center")
    .text("受理编号：202611220337791551", bold=True)
    .cut()
)


class ScriptedLink(EscposTransport):
    """An in-memory printer link: each write is answered by ``answer(data)``."""

    def __init__(self, answer: Callable[[bytes], bytes]) -> None:
        super().__init__(PrinterAddress.parse("tcp://printer.invalid"), 1.0)
        self._answer = answer
        self._pending = bytearray()
        self.writes: list[bytes] = []
        self._printer = object()  # "connected"

    def _make(self) -> object:
        return object()

    def close(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        self.writes.append(data)
        self._pending += self._answer(data)

    def read(self, timeout_s: float) -> bytes:
        # Like python-escpos' Network._read: at most 16 bytes a read.
        out = bytes(self._pending[:16])
        del self._pending[:16]
        return out

    def drain(self) -> bytes:
        out = bytes(self._pending)
        self._pending.clear()
        return out


def healthy_printer(data: bytes) -> bytes:
    """Status OK to every DLE EOT, and the completion reply right after the slip."""
    if data.endswith(COMPLETION_QUERY):
        return b"\x00"
    return b"\x12" if data.startswith(b"\x10\x04") else b""


def driver_on(link: ScriptedLink, **settings: object) -> EscposPrinter:
    printer = EscposPrinter(
        EscposPrinterSettings(
            url="tcp://printer.invalid",
            **{"status_timeout_s": 0.05, "print_timeout_s": 0.3, **settings},  # type: ignore[arg-type]
        )
    )
    printer._transport = link  # no monitor thread: the test drives every exchange
    return printer


def test_completion_reply_arriving_with_a_status_reply_is_not_dropped() -> None:
    """Regression: one read carrying b"\\x12\\x00" lost the completion reply.

    A printer answers DLE EOT on receipt but GS r 1 only after printing what
    precedes it; when the slip's tail and the next DLE EOT 1 reach it together
    (a loaded host), both answers come back in one segment: status, then
    completion. The driver took the status byte and threw the rest of the read
    away, then waited print_timeout_s and said PRINTER_NOT_CONFIRMED.
    """
    sent_slip = False

    def answer(data: bytes) -> bytes:
        nonlocal sent_slip
        if data.endswith(COMPLETION_QUERY):
            sent_slip = True
            return b""  # the completion reply comes with the next status reply
        if data.startswith(b"\x10\x04"):
            if sent_slip:
                sent_slip = False
                return b"\x12\x00"
            return b"\x12"
        return b""

    link = ScriptedLink(answer)
    outcome = driver_on(link).print_slip(LEAD_SLIP)
    assert outcome.result is PrintResult.PRINTED, outcome
    assert outcome.detail == "confirmed by the printer"


def test_completion_reply_before_the_status_reply_in_one_read() -> None:
    link = ScriptedLink(healthy_printer)
    assert driver_on(link).print_slip(LEAD_SLIP).printed


def test_late_identity_reply_is_not_taken_for_a_completion() -> None:
    """A GS I answer delayed by a paper-out stall must not confirm the next slip."""

    def answer(data: bytes) -> bytes:
        if data.endswith(COMPLETION_QUERY):
            return b"_KIOSK-SIM-80\x00"  # not the GS r 1 reply
        return b"\x12" if data.startswith(b"\x10\x04") else b""

    outcome = driver_on(ScriptedLink(answer)).print_slip(Slip().text("A"))
    assert outcome.result is PrintResult.UNCERTAIN and outcome.code == "PRINTER_NOT_CONFIRMED"


def test_status_is_asked_before_and_after_the_slip() -> None:
    link = ScriptedLink(healthy_printer)
    assert driver_on(link).print_slip(Slip().text("A")).printed
    [slip_at] = [i for i, w in enumerate(link.writes) if w.endswith(COMPLETION_QUERY)]
    assert link.writes[:slip_at] == [b"\x10\x04\x01", b"\x10\x04\x04"]
    assert link.writes[-2:] == [b"\x10\x04\x01", b"\x10\x04\x04"]
    assert len(link.writes) > slip_at + 2


def test_confirmed_slip_stays_printed_when_the_printer_then_goes_silent() -> None:
    slip_done = False

    def answer(data: bytes) -> bytes:
        nonlocal slip_done
        if data.endswith(COMPLETION_QUERY):
            slip_done = True
            return b"\x00"
        if data.startswith(b"\x10\x04") and not slip_done:
            return b"\x12"
        return b""  # silent after the slip

    outcome = driver_on(ScriptedLink(answer)).print_slip(Slip().text("A"))
    assert outcome.result is PrintResult.PRINTED
    assert outcome.status is not None and outcome.status.code == "DEVICE_TIMEOUT"


def test_garbage_instead_of_status_is_a_configuration_problem() -> None:
    link = ScriptedLink(lambda data: b"\xff\xfe" if data.startswith(b"\x10\x04") else b"")
    outcome = driver_on(link).print_slip(Slip().text("A"))
    assert outcome.result is PrintResult.NOT_PRINTED and outcome.code == "PRINTER_BAD_REPLY"
    assert outcome.status is not None and outcome.status.actor == "configuration"


def test_no_answer_is_a_timeout_and_nothing_is_sent() -> None:
    link = ScriptedLink(lambda data: b"")
    outcome = driver_on(link).print_slip(Slip().text("A"))
    assert outcome.result is PrintResult.NOT_PRINTED and outcome.code == "DEVICE_TIMEOUT"
    assert all(w.startswith(b"\x10\x04") for w in link.writes)


# ---------------------------------------------------------------- fuzzing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(max_size=6), max_size=12))
def test_fuzz_status_query_raises_only_typed_errors(chunks: list[bytes]) -> None:
    replies = iter(chunks)
    printer = driver_on(ScriptedLink(lambda data: next(replies, b"")), status_timeout_s=0.002)
    try:
        status = printer._query_status()
    except DeviceError:
        return
    assert isinstance(status, DeviceStatus)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(max_size=6), max_size=12))
def test_fuzz_print_never_raises_and_never_claims_unconfirmed(chunks: list[bytes]) -> None:
    replies = iter(chunks)
    after_slip = ReplySorter()
    slip_sent = False

    def answer(data: bytes) -> bytes:
        nonlocal slip_sent
        slip_sent = slip_sent or data.endswith(COMPLETION_QUERY)
        chunk = next(replies, b"")
        if slip_sent:
            after_slip.feed(chunk)
        return chunk

    printer = driver_on(ScriptedLink(answer), status_timeout_s=0.002, print_timeout_s=0.02)
    outcome = printer.print_slip(Slip().text("A"))
    assert outcome.result in PrintResult
    if outcome.printed:
        assert after_slip.completions > 0
    if not slip_sent:
        assert outcome.result is PrintResult.NOT_PRINTED
