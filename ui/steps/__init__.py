"""One page per step kind; ``ui.steps.pages.page_class(kind)`` finds a kind's page class.

The package imports no page: pages pull in their step modules (numpy, the face
engine), which the first paint of the home screen should not wait for.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "PAGES":  # kept for ``from ui.steps import PAGES``
        from ui.steps.pages import page_classes

        return page_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
