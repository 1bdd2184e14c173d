"""Each step kind's page class, found from the pages themselves (``StepPage.kind``).

Importing this imports no page: :func:`page_classes` loads every module of
``ui.steps`` on first use, behind the first paint (pages pull in their step
modules: numpy, the face engine).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

from ui.steps.base import PAGE_CLASSES, StepPage

_all_loaded = False


def page_classes() -> dict[str, type[StepPage]]:
    """Every step kind's page class, importing the page modules once."""
    global _all_loaded
    if not _all_loaded:
        for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
            importlib.import_module(f"{__package__}.{module.name}")
        _all_loaded = True
    return PAGE_CLASSES


def page_class(kind: str) -> type[StepPage] | None:
    """The page that shows step kind ``kind``, or None when no page names it."""
    return page_classes().get(kind)


def __getattr__(name: str) -> Any:
    if name == "PAGES":  # kept for ``from ui.steps.pages import PAGES``: every kind's page
        return page_classes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
