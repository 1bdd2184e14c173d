"""Which endpoints may carry secrets, and pin syntax: for settings validators.

Standard library only, so validating a configuration at start-up loads no HTTP stack.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from urllib.parse import urlsplit


def check_pin(value: str) -> str:
    """``value`` if it is base64 of 32 bytes, else ValueError (for settings validators)."""
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("a pin is base64 of a SHA-256 digest") from None
    if len(raw) != 32:
        raise ValueError("a pin is base64 of a SHA-256 digest (32 bytes)")
    return value.strip()


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def insecure_url_problem(url: str) -> str:
    """Empty when ``url`` may carry secrets: https, or http to loopback; else why not."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return "not a valid URL"
    if parts.scheme == "https" and host:
        return ""
    if parts.scheme == "http" and host:
        if is_loopback_host(host):
            return ""
        return "must use https:// (plain http:// only to loopback: 127.0.0.1, ::1, localhost)"
    return "must be an https:// URL"


def secret_bearing_url(value: str) -> str:
    """A settings validator's view of a URL that carries secrets: stripped, "" allowed,
    else https (or http to loopback); ValueError saying why not."""
    value = value.strip()
    problem = insecure_url_problem(value) if value else ""
    if problem:
        raise ValueError(problem)
    return value
