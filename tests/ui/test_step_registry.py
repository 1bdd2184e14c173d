"""A step kind is declared once per layer: its Step class, its page, its walker.

Each layer finds them from the kind; these tests fail when a kind the catalogue
uses lacks one of the three, when a page or walker names no step kind, and when
the visitor and its walkers import each other again.
"""

from __future__ import annotations

import subprocess
import sys

import grimp
import pytest

from kiosk.config.schema import load_config
from kiosk.flow.engine import step_kinds
from ui.steps.pages import page_class, page_classes
from ui.visits.visit_record import VisitError
from ui.visits.walker_registry import WALKERS, walker_for

CATALOGUE_KINDS = sorted({kind for s in load_config().services for kind in s.steps})


@pytest.mark.parametrize("kind", CATALOGUE_KINDS)
def test_every_kind_the_catalogue_uses_has_its_step_page_and_walker(kind: str) -> None:
    step = step_kinds().get(kind)
    assert step is not None and step.kind == kind, f"no core Step class for {kind!r}"
    page = page_class(kind)
    assert page is not None and page.kind == kind, f"no page for {kind!r}"
    assert callable(walker_for(kind)), f"no walker for {kind!r}"


def test_pages_and_walkers_name_only_real_step_kinds() -> None:
    kinds = set(step_kinds())
    walker_for(CATALOGUE_KINDS[0])  # loads the walkers
    assert set(page_classes()) == kinds
    assert set(WALKERS) == kinds


def test_an_unknown_kind_has_neither_page_nor_walker() -> None:
    assert page_class("sign_here") is None
    with pytest.raises(VisitError, match="sign_here"):
        walker_for("sign_here")


def test_the_visitor_does_not_import_its_walkers() -> None:
    graph = grimp.build_graph("ui", "kiosk", "drivers", "offline_queue")
    assert graph.find_shortest_chain("ui.visits.visitor", "ui.visits.walkers") is None
    assert graph.find_shortest_chain("ui.visits.walker_registry", "ui.visits.walkers") is None


def test_start_up_loads_no_step_page_or_step_module() -> None:
    # Pages and step modules (numpy, the face engine) load behind the first paint.
    code = (
        "import sys; import ui.app, ui.main_window, kiosk.app; "
        "print(' '.join(sorted(m for m in sys.modules if m in ('numpy', 'cv2', "
        "'kiosk.flow.face_verify', 'kiosk.flow.photo', 'kiosk.flow.payment', "
        "'ui.steps.camera', 'ui.steps.devices', 'ui.steps.pages', 'ui.visits.walkers'))))"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == []
