"""The start page of a service: what it does, who may use it, what to bring, fee and time.

Everything a citizen should know before beginning comes first (the GOV.UK "start
page"), not at step six of ten; "开始办理" goes on. The page reads the service's
catalogue entry, so the step holds no state of its own.
"""

from __future__ import annotations

from kiosk.config.schema import Service
from kiosk.flow.engine import Step, step_kind


@step_kind
class Start(Step):
    kind = "start"
    prompt_key = "start"
    counted = False  # before the work: not one of its steps
    cancellable = False  # nothing begun yet

    @property
    def service(self) -> Service:
        return self.flow.service

    def begin(self) -> None:
        """开始办理."""
        self.complete()
