"""Each step kind's walker, registered by the walker itself with ``@walks("kind")``.

The visitor looks a walker up by kind here; the walkers (``ui.visits.walkers``) import
the visitor, not the other way round, and are loaded on the first lookup.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from ui.visits.visit_record import VisitError

#: A walker: called with the visitor and the step on screen; returns once the step is left.
Walker = Callable[[Any, Any], None]
W = TypeVar("W", bound=Walker)

WALKERS: dict[str, Walker] = {}
#: The module whose import registers the project's walkers.
WALKERS_MODULE = "ui.visits.walkers"


def walks(kind: str) -> Callable[[W], W]:
    """Register the decorated function as the walker of step kind ``kind``."""

    def register(fn: W) -> W:
        if kind in WALKERS:
            raise ValueError(f"two walkers for {kind!r}")
        WALKERS[kind] = fn
        return fn

    return register


def walker_for(kind: str) -> Walker:
    """The walker of step kind ``kind``; VisitError when there is none."""
    importlib.import_module(WALKERS_MODULE)
    try:
        return WALKERS[kind]
    except KeyError:
        raise VisitError(f"no walker for step kind {kind!r} in {WALKERS_MODULE}") from None
