"""IPP operations over one bounded HTTP exchange each.

Every request is an HTTP POST of ``application/ipp`` through
:func:`hostio.outbound_http.bounded_request`: a byte cap on the reply and a
wall-clock deadline on the whole exchange. Failures become typed
:class:`~drivers.base.DeviceError` subclasses that say whether any byte of the
request can have reached the printer (``sent``): a Print-Job that was never
sent failed, one that was sent may be printing.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Sequence

import httpx

from drivers.base import DeviceError, DeviceLost, DeviceTimeout, ProtocolError
from drivers.docprinter import ipp_codec as ipp
from drivers.docprinter.address import PrinterAddress
from hostio.outbound_http import (
    BoundedHTTPError,
    BoundedTransport,
    Bounds,
    DeadlineExceeded,
    bounded_request,
    tls_context,
)

PRINTER_ATTRIBUTES = (
    "printer-state",
    "printer-state-reasons",
    "printer-state-message",
    "printer-is-accepting-jobs",
    "printer-make-and-model",
    "printer-firmware-string-version",
    "printer-device-id",
    "printer-uuid",
    "printer-name",
    "queued-job-count",
    "printer-type",  # CUPS answers with it, a printer does not: the URI is a CUPS queue
)
JOB_ATTRIBUTES = (
    "job-id",
    "job-state",
    "job-state-reasons",
    "job-impressions-completed",
    "job-media-sheets-completed",
    "job-printer-state-reasons",  # the printer's reasons as the job ended (CUPS keeps them)
)

# IPP status codes this driver tells apart (RFC 8011 §B).
STATUS_NOT_FOUND = 0x0406
STATUS_FORMAT_NOT_SUPPORTED = 0x040A
STATUS_NOT_ACCEPTING = 0x0506
STATUS_BUSY = 0x0507


class IppLinkError(DeviceLost):
    """The printer could not be reached, or the connection broke."""

    code = "DOCPRINTER_UNREACHABLE"

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


class IppTimeout(DeviceTimeout):
    """No whole answer within the deadline."""

    code = "DOCPRINTER_TIMEOUT"

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(message)
        self.sent = sent


class IppReplyError(ProtocolError):
    """The answer is not an IPP response to this request (wrong URI, not a printer, too big)."""

    code = "DOCPRINTER_BAD_REPLY"


class IppStatusError(DeviceError):
    """The printer answered with an IPP error status."""

    code = "DOCPRINTER_REFUSED"

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"printer answered 0x{status:04x}: {message}"[:300])
        self.status = status


class IppClient:
    """The operations the driver needs, against one printer URI."""

    def __init__(
        self,
        address: PrinterAddress,
        *,
        user_name: str,
        connect_timeout_s: float,
        max_reply_bytes: int,
        ca_file: str | None = None,
    ) -> None:
        self.address = address
        self._user = user_name
        self._connect_timeout_s = connect_timeout_s
        self._max_reply_bytes = max_reply_bytes
        self._http = httpx.Client(transport=BoundedTransport(tls_context(ca_file)))
        self._ids = itertools.count(1)
        self._ids_lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------ operations
    def get_printer_attributes(self, deadline_s: float) -> ipp.Message:
        requested = ipp.Attribute(ipp.KEYWORD, "requested-attributes", PRINTER_ATTRIBUTES)
        return self.call(ipp.GET_PRINTER_ATTRIBUTES, [requested], deadline_s=deadline_s)

    def print_job(self, pdf: bytes, job_name: str, deadline_s: float) -> ipp.Message:
        attributes = [
            ipp.Attribute.of(ipp.NAME, "requesting-user-name", self._user),
            ipp.Attribute.of(ipp.NAME, "job-name", job_name),
            ipp.Attribute.of(ipp.MIME_MEDIA_TYPE, "document-format", "application/pdf"),
        ]
        return self.call(ipp.PRINT_JOB, attributes, data=pdf, deadline_s=deadline_s)

    def get_job_attributes(self, job_id: int, deadline_s: float) -> ipp.Message:
        attributes = [
            ipp.Attribute.of(ipp.INTEGER, "job-id", job_id),
            ipp.Attribute.of(ipp.NAME, "requesting-user-name", self._user),
            ipp.Attribute(ipp.KEYWORD, "requested-attributes", JOB_ATTRIBUTES),
        ]
        return self.call(ipp.GET_JOB_ATTRIBUTES, attributes, deadline_s=deadline_s)

    def cancel_job(self, job_id: int, deadline_s: float) -> ipp.Message:
        attributes = [
            ipp.Attribute.of(ipp.INTEGER, "job-id", job_id),
            ipp.Attribute.of(ipp.NAME, "requesting-user-name", self._user),
        ]
        return self.call(ipp.CANCEL_JOB, attributes, deadline_s=deadline_s)

    # ------------------------------------------------------------ one exchange
    def call(
        self,
        operation: int,
        attributes: Sequence[ipp.Attribute],
        *,
        deadline_s: float,
        data: bytes = b"",
    ) -> ipp.Message:
        """Send one request and return its response; raise for anything but success."""
        with self._ids_lock:
            request_id = next(self._ids)
        body = ipp.request(
            operation,
            request_id,
            self.address.printer_uri,
            operation_attributes=attributes,
            data=data,
        )
        bounds = Bounds(self._max_reply_bytes, deadline_s, self._connect_timeout_s)
        try:
            reply = bounded_request(
                self._http,
                "POST",
                self.address.http_url,
                bounds=bounds,
                content=body,
                headers={"Content-Type": "application/ipp"},
            )
        except DeadlineExceeded as exc:
            raise IppTimeout(
                f"printer did not answer within {deadline_s:g} s", sent=exc.sent
            ) from exc
        except BoundedHTTPError as exc:
            raise IppReplyError(f"printer answer refused: {exc}") from exc
        except httpx.ConnectTimeout as exc:
            raise IppTimeout("printer did not accept the connection in time", sent=False) from exc
        except httpx.TimeoutException as exc:
            raise IppTimeout(f"printer went silent: {exc}", sent=True) from exc
        except httpx.ConnectError as exc:
            raise IppLinkError(f"printer unreachable: {exc}", sent=False) from exc
        except httpx.HTTPError as exc:
            raise IppLinkError(f"printer connection failed: {exc}", sent=True) from exc
        if reply.status_code != 200:
            raise IppReplyError(f"printer answered HTTP {reply.status_code}: is the URI right?")
        try:
            message = ipp.decode(reply.content)
        except ipp.IppParseError as exc:
            raise IppReplyError(f"printer answer is not IPP: {exc}") from exc
        if message.request_id != request_id:
            raise IppReplyError(f"response to request {message.request_id}, expected {request_id}")
        if message.code >= 0x0400:
            text = message.value(ipp.OPERATION_GROUP, "status-message")
            raise IppStatusError(message.code, text if isinstance(text, str) else "")
        return message


def strings(values: Iterable[ipp.IppValue]) -> list[str]:
    """The string values among ``values`` (keywords, text, names)."""
    return [v for v in values if isinstance(v, str)]
