"""Qt's default layout gaps follow the panel as the spacing scale does."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui import design_tokens
from ui.layout_style import PanelLayoutStyle, use_panel
from ui.panel import px_per_mm

REFERENCE = px_per_mm(1920, 1080, 21.5)


@pytest.fixture
def panel(qapp: QApplication) -> Iterator[None]:
    yield
    use_panel(REFERENCE)  # the tokens are process-wide: the next test gets the reference


def defaults(qtbot: QtBot) -> tuple[int, int]:
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    return layout.contentsMargins().left(), layout.spacing()


@pytest.mark.usefixtures("panel")
def test_default_gaps_keep_their_millimetres_on_a_denser_panel(qtbot: QtBot) -> None:
    use_panel(REFERENCE)
    assert isinstance(QApplication.style(), PanelLayoutStyle)
    margin, spacing = defaults(qtbot)
    xxl = design_tokens.space("xxl")
    use_panel(px_per_mm(3840, 2160, 21.5))
    assert defaults(qtbot) == (2 * margin, 2 * spacing)
    assert design_tokens.space("xxl") == pytest.approx(2 * xxl, abs=1)  # twice, not four times


@pytest.mark.usefixtures("panel")
def test_a_coarser_panel_gives_room_back_to_text_held_at_its_minimum(qtbot: QtBot) -> None:
    use_panel(REFERENCE)
    margin, _ = defaults(qtbot)
    xl = design_tokens.space("xl")
    coarse = px_per_mm(1280, 720, 21.5)
    use_panel(coarse)
    ratio = coarse / REFERENCE  # two thirds
    assert defaults(qtbot)[0] == round(margin * ratio * ratio)
    assert design_tokens.space("xl") == round(math.ceil(6 * coarse) * ratio) < xl
