"""The kiosk's log handler: JSON lines to whatever stderr is now, beside other handlers."""

from __future__ import annotations

import io
import json
import logging
import sys
import threading

import pytest

from kiosk.__main__ import main
from kiosk.logs import StderrHandler, setup_logging

CHECK = ["--log-level", "INFO", "config", "check"]


def _log_from_a_thread(message: str) -> None:
    # As a simulator's notifier does: a line from a thread the test did not log from.
    thread = threading.Thread(target=logging.getLogger("tests.logs").warning, args=(message,))
    thread.start()
    thread.join()


def test_a_line_logged_after_stderr_was_swapped_and_closed_reaches_the_new_stderr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    assert main(CHECK) == 0
    first.close()  # what pytest does with an earlier test's captured output
    now = io.StringIO()
    monkeypatch.setattr(sys, "stderr", now)
    _log_from_a_thread("notifier line")
    text = now.getvalue()
    assert "Logging error" not in text and "closed file" not in text
    (line,) = [json.loads(raw) for raw in text.splitlines()]
    assert (line["level"], line["logger"]) == ("warning", "tests.logs")
    assert line["msg"] == "notifier line"


def test_main_in_process_keeps_the_other_handlers_on_the_root_logger(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(CHECK) == 0
    _log_from_a_thread("seen by the capture")
    assert [r.getMessage() for r in caplog.records if r.name == "tests.logs"] == [
        "seen by the capture"
    ]
    assert '"msg": "seen by the capture"' in capsys.readouterr().err


def test_setup_again_replaces_only_its_own_handler() -> None:
    root = logging.getLogger()
    other = logging.NullHandler()
    root.addHandler(other)
    try:
        setup_logging("INFO")
        setup_logging("ERROR")
        assert sum(isinstance(h, StderrHandler) for h in root.handlers) == 1
        assert other in root.handlers and root.level == logging.ERROR
    finally:
        root.removeHandler(other)
