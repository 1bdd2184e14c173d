"""Settings of the offline queue and of the platform connection (``[queue]``, ``[platform]``).

Paths are relative to the data directory the kiosk passes (``KioskIdentity.data_dir``,
by default ``./var``), so the default queue database is ``var/queue.db`` and the
default key file ``var/keys/queue.key``. Secrets never live in these settings:
the settings only say where the key file and the platform token are found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hostio.endpoints import check_pin, secret_bearing_url

MIB = 1024 * 1024


class QueueSettings(BaseModel):
    """The durable outbox, its writer, the sync worker's pacing and housekeeping."""

    model_config = ConfigDict(extra="forbid")

    db_path: Path = Path("queue.db")
    """SQLite database, relative to the data directory."""
    key_file: Path = Path("keys/queue.key")
    """AES-256 key file (one ``<key id> <base64 key>`` per line), relative to the data directory.
    Created with mode 0600 on first start when missing; keep it out of the repository."""
    key_id: str | None = Field(None, pattern=r"^[A-Za-z0-9._-]{1,32}$")
    """Key that encrypts new rows; default: the last key in the file (older ones still decrypt)."""
    create_key: bool = True
    """Create the key file at first start when it is missing (and no undelivered row needs it)."""

    batch_size: int = Field(100, ge=1, le=100)
    """Transactions per delivery request (the platform takes at most 100)."""
    batch_max_bytes: int = Field(7 * MIB, ge=64 * 1024, le=8 * MIB)
    """Payload bytes per delivery request (the platform takes at most 8 MiB)."""
    max_tx_bytes: int = Field(6 * MIB, ge=1024)
    """Largest transaction accepted (payload plus personal data, as JSON)."""

    backoff_base_s: float = Field(2.0, gt=0)
    """Full-jitter backoff: retry n waits uniform(0, min(cap, base * 2**(n-1)))."""
    backoff_cap_s: float = Field(600.0, gt=0)
    reconnect_jitter_s: float = Field(5.0, ge=0)
    """When the link comes back, pending rows are retried within uniform(0, this)."""
    probe_interval_s: float = Field(5.0, gt=0)
    """While the platform is unreachable, how often the worker checks whether it is back."""
    poll_interval_s: float = Field(30.0, gt=0)
    """Longest sleep of the worker (it also wakes on every new transaction)."""
    lease_s: float = Field(120.0, gt=0)
    """An in-flight claim older than this (its sender died) goes back to pending."""

    retention_days: float = Field(7.0, ge=0)
    """Delivered rows are deleted this long after delivery (receipt reprint window)."""
    pii_retention_s: float = Field(0.0, ge=0)
    """Personal data of delivered rows is wiped this long after delivery (0: at once)."""
    purge_interval_s: float = Field(3600.0, gt=0)
    """How often the writer runs the retention purge by itself."""

    write_batch_rows: int = Field(100, ge=1, le=10_000)
    """Group commit: at most this many new transactions per SQLite transaction."""
    write_batch_bytes: int = Field(1 * MIB, ge=1024)
    checkpoint_idle_s: float = Field(30.0, gt=0)
    """TRUNCATE checkpoint after this long without writes."""
    wal_ceiling_bytes: int = Field(64 * MIB, ge=1 * MIB)
    """WAL hard ceiling: above it the writer checkpoints at once and, failing that, stops
    taking new cases (``WAL_CEILING``). Also the ``journal_size_limit``."""
    min_free_bytes: int = Field(64 * MIB, ge=0)
    """Free space (disk or ``max_db_bytes`` headroom) under which new cases are refused
    (``DISK_LOW``) while cases already started can still be written."""
    max_db_bytes: int | None = Field(None, ge=64 * 1024)
    """Optional hard size of the database file (SQLite ``max_page_count``)."""
    busy_timeout_ms: int = Field(5000, ge=0)
    lock_wait_s: float = Field(10.0, ge=0)
    """How long the writer keeps retrying a locked database before failing the tickets."""
    on_corrupt: Literal["move_aside", "refuse"] = "move_aside"
    """A corrupt database is always renamed aside and reported. ``move_aside`` then salvages
    the undelivered rows into a new file; ``refuse`` keeps the queue out of service."""
    page_size: Literal[4096, 8192, 16384] = 8192
    """Page size of a new database file (8 KiB holds three 2 KB transactions per page)."""

    def resolve(self, data_dir: Path, path: Path) -> Path:
        """Return ``path`` made absolute against ``data_dir``."""
        return path if path.is_absolute() else Path(data_dir) / path


class PlatformSettings(BaseModel):
    """How the kiosk reaches the central platform."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = ""
    """Platform base URL (production). Empty is allowed only with ``simulate = true``."""
    simulate: bool = False
    """Start the loopback platform simulator instead of reaching a platform: demo and
    development only (its store keeps the citizens' data on this machine). Never
    together with ``base_url``; neither set means the kiosk has no platform and
    the configuration loader refuses it."""
    token_env: str = Field("KIOSK_PLATFORM_TOKEN", pattern=r"^[A-Z_][A-Z0-9_]*$")
    """Environment variable holding the kiosk token (checked first)."""
    token_file: Path = Path("keys/platform.token")
    """File holding the kiosk token, relative to the data directory (checked second)."""
    connect_timeout_s: float = Field(5.0, gt=0, le=60)
    read_timeout_s: float = Field(15.0, gt=0, le=300)
    """Longest silence while waiting for the platform (never past the call's deadline)."""
    deadline_s: float = Field(30.0, gt=0, le=300)
    """Whole exchange (connect, send, answer) of deliver, heartbeat and progress queries;
    past it the outcome is unknown and the queue retries later."""
    verify_timeout_s: float = Field(20.0, gt=0, le=300)
    """Whole exchange of an identity verification (face comparison takes longer)."""
    max_reply_bytes: int = Field(1 * MIB, ge=4 * 1024, le=16 * MIB)
    """Largest answer read from the platform; a larger one is refused unread."""
    max_certificate_bytes: int = Field(4 * MIB, ge=64 * 1024, le=16 * MIB)
    """Largest certificate PDF accepted (v1.1 certificates; the JSON answer is a third more)."""
    ca_file: Path | None = None
    """CA bundle added to the system trust store for the platform's TLS certificate."""
    tls_pin_sha256: list[str] = Field(default_factory=list, max_length=16)
    """Optional pins: base64 SHA-256 of the platform's SubjectPublicKeyInfo; when set, a
    server key matching none of them is refused before the request is sent."""
    simulator_db: Path = Path("platform-sim.db")
    """Database of the loopback simulator started when ``simulate = true``."""
    simulator_port: int = Field(0, ge=0, le=65535)
    """Port of that simulator (0: any free port)."""

    @field_validator("base_url")
    @classmethod
    def _https_url(cls, value: str) -> str:
        # The bearer token and personal data travel on it: TLS unless it stays on this machine.
        return secret_bearing_url(value).rstrip("/")

    @field_validator("tls_pin_sha256")
    @classmethod
    def _pins(cls, value: list[str]) -> list[str]:
        return [check_pin(pin) for pin in value]

    @model_validator(mode="after")
    def _one_platform(self) -> PlatformSettings:
        if self.simulate and self.base_url:
            raise ValueError(
                "simulate = true and a base_url are both set: choose the platform or the simulator"
            )
        return self
