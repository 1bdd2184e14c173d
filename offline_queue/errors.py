"""Exceptions of the offline queue; each carries a stable UPPER_SNAKE ``code``."""

from __future__ import annotations


class QueueError(Exception):
    """Base class: ``code`` is stable and safe to show or log (never personal data)."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


class QueueUnavailable(QueueError):
    """The queue cannot store transactions now (disk full, locked, corrupt, closed)."""


class KeyUnavailable(QueueError):
    """The encryption key a row or the configuration needs is missing or unreadable."""


class CorruptDatabase(QueueError):
    """The database failed its integrity check and the settings say to refuse it."""
