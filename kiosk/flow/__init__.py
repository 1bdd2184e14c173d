"""Service flows and their step kinds (plain Python; pages live in ``ui.steps``).

The step modules register their kinds when imported; :func:`step_kinds` (and
the first :class:`Flow`) imports them. The package itself imports only the
engine, so start-up does not wait for numpy and the face engine.
"""

from __future__ import annotations

from typing import Any

from kiosk.flow.engine import Flow, FlowEnv, FlowError, FlowOutcome, Step, step_kinds

__all__ = ["STEP_KINDS", "Flow", "FlowEnv", "FlowError", "FlowOutcome", "Step", "step_kinds"]


def __getattr__(name: str) -> Any:
    # ``kiosk.flow.STEP_KINDS`` is every kind, loaded on first use.
    if name == "STEP_KINDS":
        return step_kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
