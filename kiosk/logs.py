"""Structured (JSON lines) logging; records carry ids and codes, never personal data."""

from __future__ import annotations

import json
import logging
import sys
import time

from kiosk.privacy import PiiLogFilter, scrub_text

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, str | int | float | bool | None] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(record.created)),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | None) else str(value)
        # Tracebacks carry exception messages and source lines, which may hold a
        # number the code never meant to log: they pass the same scrub as messages.
        if record.exc_info:
            entry["exc"] = scrub_text(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exc"] = scrub_text(record.exc_text)
        if record.stack_info:
            entry["stack"] = scrub_text(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)


class StderrHandler(logging.Handler):
    """Writes each line to ``sys.stderr`` as it is when the line is logged.

    A ``StreamHandler(sys.stderr)`` keeps the stream it was given; when something
    swaps ``sys.stderr`` (a test capturing output, a redirect) and closes the old
    one, every later line from any thread fails with "I/O operation on closed file".
    """

    terminator = "\n"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            stream = sys.stderr
            stream.write(line + self.terminator)
            stream.flush()
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)


def setup_logging(level: str = "INFO") -> None:
    """JSON lines to stderr, at ``level``; called again, it replaces its own handler only.

    Handlers others put on the root logger (the recent-lines buffer of the
    maintenance screens, a test's log capture) stay.
    """
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PiiLogFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
