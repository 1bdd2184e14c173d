"""Helpers shared by the fingerprint tests: an event recorder and a background call."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from tests.drivers.recorder import E, Recorder  # noqa: F401 - shared by these tests


class Background:
    """Runs one blocking call on a thread and hands back its result or exception."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn,), name="fp-test-call")
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self.result = fn()
        except BaseException as exc:  # handed to the test
            self.error = exc

    def join(self, timeout: float = 10.0) -> Any:
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "background call did not finish"
        if self.error is not None:
            raise self.error
        return self.result
