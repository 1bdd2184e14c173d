"""Request/response exchanges with a SAM reader over a :class:`SerialLink`."""

from __future__ import annotations

import time

from drivers.base import DeviceTimeout
from drivers.idcard import protocol as p
from drivers.serial_link import SerialLink

#: Largest payload of an answer to each command (guards resynchronisation:
#: a false preamble claiming a longer frame is skipped at once).
_MAX_PAYLOAD = {
    p.READ_TEXT_PHOTO: p.MAX_BODY,
    p.READ_WITH_FINGERPRINT: p.MAX_BODY,
}


class SamChannel:
    """Sends one request at a time and reads its answer, retrying bad or missing answers."""

    def __init__(self, link: SerialLink, *, timeout_s: float = 0.3, retries: int = 1) -> None:
        self.link = link
        self.timeout_s = timeout_s
        self.retries = retries
        self.bytes_out = 0
        self.bytes_in = 0

    def transact(
        self, command: p.Command, data: bytes = b"", *, timeout_s: float | None = None
    ) -> p.Response:
        """One exchange; raises DeviceTimeout, SamChecksumError or LinkLost after the retries."""
        request = p.encode_request(command, data)
        timeout = self.timeout_s if timeout_s is None else timeout_s
        max_payload = _MAX_PAYLOAD.get(command, 32)
        error: Exception | None = None
        for _ in range(self.retries + 1):
            # Leftovers of an earlier exchange that timed out would be read as its answer.
            self.link.flush_input()
            self.link.write(request)
            self.bytes_out += len(request)
            try:
                return self._read_response(command, timeout, max_payload)
            except (p.SamChecksumError, DeviceTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def _read_response(self, command: p.Command, timeout_s: float, max_payload: int) -> p.Response:
        parser = p.FrameParser(min_payload=3, max_payload=max_payload)
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceTimeout(f"no answer to {command.name} within {timeout_s:.2f} s")
            chunk = self.link.read_exact(parser.needed(), remaining)
            self.bytes_in += len(chunk)
            for item in parser.feed(chunk):
                if isinstance(item, p.Frame):
                    return p.Response.from_frame(item)
                if "checksum" in item.reason:
                    raise p.SamChecksumError(f"{command.name}: answer failed its checksum")
