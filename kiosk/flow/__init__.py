"""Service flows and their step kinds (plain Python; pages live in ``ui.steps``).

Importing this package registers every step kind.
"""

from kiosk.flow import (  # noqa: F401 - registers the step kinds
    face_verify,
    feedback,
    fingerprint,
    guide,
    identity,
    payment,
    photo,
    printing,
    progress,
    submit,
)
from kiosk.flow.engine import STEP_KINDS, Flow, FlowEnv, FlowError, FlowOutcome, Step

__all__ = ["STEP_KINDS", "Flow", "FlowEnv", "FlowError", "FlowOutcome", "Step"]
