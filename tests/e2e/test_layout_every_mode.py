"""Every screen of every service fits the panel and shows its whole text, in each language and size.

A scripted citizen walks the whole catalogue four times — Chinese and English,
normal type and 长辈版 — and ``ui.layout_audit`` looks at each screen it passes
(every step's first view, guidance, typed entries, the payment QR, the printed
slip, the rating). A label cut off, a button narrower than its text or a page
pushing the window past the panel is named with the screen it was seen on.
"""

from __future__ import annotations

import dataclasses

import pytest

from ui.layout_audit import audit
from ui.main_window import KioskWindow
from ui.visits import Visitor, VisitPlan
from ui.visits.recorder import settle

MODES = [("zh", False), ("en", False), ("zh", True), ("en", True)]


# Every service of the catalogue in one walk: longer than one visit's budget.
@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    ("language", "large_type"),
    MODES,
    ids=[f"{lang}-{'large' if big else 'normal'}" for lang, big in MODES],
)
def test_every_screen_fits_and_shows_its_whole_text(
    window: KioskWindow, language: str, large_type: bool
) -> None:
    ui = window.core.config.ui
    panel = (ui.panel_width_px, ui.panel_height_px)
    seen: list[str] = []
    problems: dict[str, str] = {}  # problem → first screen it was seen on

    def check(screen: str) -> None:
        settle(window)
        seen.append(screen)
        for problem in audit(window, panel):
            problems.setdefault(str(problem), screen)

    visitor = Visitor(window, on_screen=check)
    for number, service in enumerate(window.core.config.services):
        plan = dataclasses.replace(
            VisitPlan.for_visit(number), language=language, large_type=large_type
        )
        assert visitor.visit(service.id, plan).ended == "completed"
        check(f"{service.id}-home")  # back home, the reprint offer or a reminder on it

    assert len(seen) > 60  # the audit saw the screens, not just the home page
    assert {s.split("-")[0] for s in seen} >= {s.id for s in window.core.config.services}
    assert problems == {}, "\n".join(f"{screen}: {p}" for p, screen in problems.items())
