"""A printer URI (``ipp://``, ``ipps://``) and the HTTP URL its requests are posted to."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

#: IPP's registered port (RFC 8010 §8.1), for ipp:// and ipps:// alike.
IPP_PORT = 631
_HTTP_SCHEME = {"ipp": "http", "ipps": "https", "http": "http", "https": "https"}


@dataclass(frozen=True, slots=True)
class PrinterAddress:
    printer_uri: str  # what requests name as printer-uri
    http_url: str  # where they are posted

    @property
    def secure(self) -> bool:
        return self.http_url.startswith("https:")


def printer_address(uri: str) -> PrinterAddress:
    """Parse ``uri``; ValueError names what is wrong with it."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"printer URI {uri!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _HTTP_SCHEME:
        raise ValueError(f"printer URI {uri!r}: scheme must be ipp:// or ipps://")
    if not parts.hostname:
        raise ValueError(f"printer URI {uri!r} names no host")
    if not parts.path or parts.path == "/":
        raise ValueError(f"printer URI {uri!r} names no queue (e.g. /printers/NAME or /ipp/print)")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"printer URI {uri!r}: no user, query or fragment")
    host = parts.hostname
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port if port is not None else IPP_PORT}"
    return PrinterAddress(uri, f"{_HTTP_SCHEME[scheme]}://{netloc}{parts.path}")
