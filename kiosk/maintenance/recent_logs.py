"""The kiosk's recent log lines, kept in memory for the technician's screen.

Lines are formatted as the journal gets them and pass the same redaction
(``kiosk.privacy.PiiLogFilter``) before they are kept.
"""

from __future__ import annotations

import collections
import logging
import threading

from kiosk.logs import JsonFormatter
from kiosk.privacy import PiiLogFilter

LINES = 300


class RecentLogs(logging.Handler):
    def __init__(self, lines: int = LINES) -> None:
        super().__init__(logging.INFO)
        self._lines: collections.deque[str] = collections.deque(maxlen=lines)
        self._guard = threading.Lock()
        self.setFormatter(JsonFormatter())
        self.addFilter(PiiLogFilter())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # never let a log line break the kiosk
            return
        with self._guard:
            self._lines.append(line)

    def lines(self, n: int = 100) -> list[str]:
        with self._guard:
            return list(self._lines)[-n:]

    @classmethod
    def installed(cls) -> RecentLogs:
        """The one instance on the root logger (installed on first use)."""
        root = logging.getLogger()
        for handler in root.handlers:
            if isinstance(handler, cls):
                return handler
        handler = cls()
        root.addHandler(handler)
        return handler
