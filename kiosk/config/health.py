"""Health and operations settings: the ``[health]`` table of ``kiosk.toml``.

Pydantic only, so the configuration loads without the health package. The
listener serves ``/metrics`` and ``/health`` on loopback unless a site says
``listen_public = true`` explicitly: the figures carry no personal data, but a
kiosk's state is nobody's business outside the hall's monitoring.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import time

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_WINDOW = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


def parse_listen(value: str) -> tuple[str, int]:
    """``host:port`` (IPv6 as ``[::1]:9464``) → (host, port); ValueError when malformed."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"expected host:port, got {value!r}")
    return host.strip("[]"), int(port)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_window(value: str) -> tuple[time, time] | None:
    """``"02:00-05:00"`` → (start, end); ``""`` → None (any time). May wrap midnight."""
    if not value:
        return None
    m = _WINDOW.match(value)
    if not m:
        raise ValueError(f"expected HH:MM-HH:MM, got {value!r}")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError(f"not a time of day in {value!r}")
    start, end = time(h1, m1), time(h2, m2)
    if start == end:
        raise ValueError(f"the window {value!r} is empty")
    return start, end


class HealthSettings(_Model):
    """How the kiosk reports its health (see kiosk.health)."""

    heartbeat_s: float = Field(60.0, gt=0, le=3600)
    """Seconds between heartbeats to the platform."""
    listen: str = "127.0.0.1:9464"
    """``host:port`` of /metrics and /health ("" = no listener; port 0 = any free port)."""
    listen_public: bool = False
    """Allow a non-loopback ``listen`` address (off: such an address is refused)."""
    check_every_s: float = Field(3600.0, ge=1, le=7 * 86_400)
    """Seconds between scheduled external health checks of every device."""
    quiet_window: str = "02:00-05:00"
    """Local time window for external checks (may wrap midnight; "" = any time)."""
    help_request_ttl_s: float = Field(900.0, gt=0)
    """A help request counts as waiting this long unless staff acknowledge it first."""
    disk_low_bytes: int = Field(1_073_741_824, ge=0)
    """Free bytes on the data directory's file system below which health warns."""
    queue_backlog_s: float = Field(3600.0, gt=0)
    """Oldest pending row older than this: the queue is backing up (warn)."""
    queue_backlog_rows: int = Field(1000, gt=0)
    """Pending rows above this: the queue is backing up (warn)."""
    sync_stale_s: float = Field(3600.0, gt=0)
    """Rows waiting and no successful sync for this long: sync is stale (warn)."""

    @field_validator("listen")
    @classmethod
    def _listen_shape(cls, value: str) -> str:
        if value:
            parse_listen(value)
        return value

    @field_validator("quiet_window")
    @classmethod
    def _window_shape(cls, value: str) -> str:
        parse_window(value)
        return value

    @model_validator(mode="after")
    def _loopback_unless_public(self) -> HealthSettings:
        if self.listen and not self.listen_public:
            host, _ = parse_listen(self.listen)
            if not is_loopback(host):
                raise ValueError(
                    f"listen {self.listen!r} is not a loopback address; "
                    "set listen_public = true to serve it beyond this machine"
                )
        return self

    def listen_address(self) -> tuple[str, int] | None:
        return parse_listen(self.listen) if self.listen else None

    def window(self) -> tuple[time, time] | None:
        return parse_window(self.quiet_window)
