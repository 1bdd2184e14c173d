"""Service flows and their step kinds (plain Python; pages live in ``ui.steps``).

Importing this package registers every step kind.
"""

from kiosk.flow import feedback, guide, identity, printing, submit  # noqa: F401 - registers
from kiosk.flow.engine import STEP_KINDS, Flow, FlowEnv, FlowError, FlowOutcome, Step

__all__ = ["STEP_KINDS", "Flow", "FlowEnv", "FlowError", "FlowOutcome", "Step"]
