"""One page per step kind; ``PAGES`` maps a kind to its page class."""

from __future__ import annotations

from ui.steps.base import StepPage
from ui.steps.complaint import ComplaintPage
from ui.steps.guide import GuidePage
from ui.steps.rating import RatingPage
from ui.steps.submit import SubmitPage

PAGES: dict[str, type[StepPage]] = {
    "browse_guide": GuidePage,
    "complaint_form": ComplaintPage,
    "rating": RatingPage,
    "submit": SubmitPage,
}

__all__ = ["PAGES", "StepPage"]
