"""The kiosk on the panels it is installed on: 1280×720 to 3840×2160, and an upright 1080×1920.

On each panel the home screen and one full service (身份证补领: keypad, pinyin
keyboard, camera, fingerprint, payment, slip, 办理成功, rating — every kind of
page that sits side by side in landscape) are walked in Chinese and English,
normal type and 长辈版, and ``ui.layout_audit`` — with the demo's panel and
target gap — looks at every screen. One service, not the catalogue, keeps the
run short; ``test_layout_every_mode`` walks every service at full HD.
"""

from __future__ import annotations

import dataclasses

import pytest

from ui.layout_audit import audit, target_gap_px
from ui.main_window import KioskWindow
from ui.visits import Visitor, VisitPlan
from ui.visits.recorder import settle

PANELS = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]
MODES = [("zh", False), ("en", False), ("zh", True), ("en", True)]
SERVICE = "id_card_reissue"


@pytest.fixture(params=PANELS, ids=[f"{w}x{h}" for w, h in PANELS])
def site_toml(request: pytest.FixtureRequest) -> str:
    width, height = request.param
    return f"[ui]\npanel_width_px = {width}\npanel_height_px = {height}\n"


def test_every_screen_fits_the_panel_in_both_languages_and_sizes(window: KioskWindow) -> None:
    ui = window.core.config.ui
    panel = (ui.panel_width_px, ui.panel_height_px)
    window.resize(*panel)
    gap = target_gap_px(ui)
    seen: list[str] = []
    problems: dict[str, str] = {}  # problem → first screen it was seen on

    def check(screen: str) -> None:
        settle(window)
        seen.append(screen)
        for problem in audit(window, panel, gap):
            problems.setdefault(str(problem), screen)

    visitor = Visitor(window, on_screen=check)
    for number, (language, large_type) in enumerate(MODES):
        window.language.set(language)
        window.set_large_type(large_type)
        check(f"home-{language}-{'large' if large_type else 'normal'}")
        plan = dataclasses.replace(
            VisitPlan.for_visit(number), language=language, large_type=large_type
        )
        assert visitor.visit(SERVICE, plan).ended == "completed"
        check(f"{SERVICE}-{number}-home")

    assert window.size().toTuple() == panel
    assert len(seen) > 4 * 15  # every step's screens, not just the home page
    assert problems == {}, "\n".join(f"{screen}: {p}" for p, screen in problems.items())


#: Visits whose pages did not fit an upright panel in English 长辈版 (service, plan
#: number): the guide's filters beside its list, the complaint form's questions beside
#: their boxes, and 办理成功 of a passport with no mobile number left (its "no text
#: message" row was three lines long).
UPRIGHT_VISITS = [("service_guide", 0), ("complaint", 1), ("passport_application", 11)]


@pytest.mark.parametrize(
    "site_toml", ["[ui]\npanel_width_px = 1080\npanel_height_px = 1920\n"], ids=["1080x1920"]
)
def test_forms_stack_on_an_upright_panel(window: KioskWindow) -> None:
    window.resize(1080, 1920)
    gap = target_gap_px(window.core.config.ui)
    problems: dict[str, str] = {}
    seen: list[str] = []

    def check(screen: str) -> None:
        settle(window)
        seen.append(screen)
        for problem in audit(window, (1080, 1920), gap):
            problems.setdefault(str(problem), screen)

    visitor = Visitor(window, on_screen=check)
    window.language.set("en")  # the longest words, in the largest type
    window.set_large_type(True)
    for service, number in UPRIGHT_VISITS:
        plan = dataclasses.replace(VisitPlan.for_visit(number), language="en", large_type=True)
        assert visitor.visit(service, plan).ended == "completed"
    assert len(seen) > 6
    assert problems == {}, "\n".join(f"{screen}: {p}" for p, screen in problems.items())
