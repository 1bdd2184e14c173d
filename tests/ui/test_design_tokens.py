"""Sizes and colours come from ui/design_tokens.py; 长辈版 scales every text, the top bar's too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config.schema import UiSettings
from ui.design_tokens import TYPE_SCALE
from ui.theme import Theme

UI = Path(__file__).resolve().parents[2] / "ui"
#: The technician's screens are not citizen screens; the tokens file is where literals live.
NOT_CITIZEN = {UI / "design_tokens.py", UI / "frame_ping.py"}  # frame_ping: 1 px, never seen
NOT_CITIZEN_DIRS = {UI / "maintenance", UI / "visits", UI / "i18n"}

LITERALS = {
    "hex colour": re.compile(r"""["'{ :(]#[0-9a-fA-F]{3,8}\b"""),
    "rgb colour": re.compile(r"\brgba?\("),
    "named colour": re.compile(r"""QColor\(\s*["']"""),
    "px size": re.compile(r"\b\d+(\.\d+)?\s*px\b"),
    "literal layout size": re.compile(
        r"\b(setContentsMargins|setSpacing|addSpacing|setFixedSize|setFixedHeight|"
        r"setFixedWidth|setMinimumSize|setMinimumHeight|setMinimumWidth|setMaximumSize|"
        r"setMaximumHeight|setMaximumWidth|setIconSize)\([^)]*\b[1-9]\d*\b"
    ),
}


def citizen_modules() -> list[Path]:
    return sorted(
        p
        for p in UI.rglob("*.py")
        if p not in NOT_CITIZEN and not any(d in p.parents for d in NOT_CITIZEN_DIRS)
    )


def strays(text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0] if not re.search(r"""["'].*#""", line) else line
        if code.lstrip().startswith('"""'):
            continue
        for name, pattern in LITERALS.items():
            if pattern.search(code):
                found.append(f"{number}: {name}: {line.strip()}")
    return found


def test_the_checker_finds_each_kind_of_literal() -> None:
    sample = "\n".join(
        [
            'label.setStyleSheet("color: #1a2b3c;")',
            'self.setStyleSheet("background: rgba(0, 0, 0, 150);")',
            'painter.setPen(QColor("white"))',
            'css = "border-radius: 12px;"',
            "layout.setContentsMargins(24, 16, 24, 16)",
            "layout.addSpacing(24)",
            "layout.setContentsMargins(0, 0, 0, 0)",  # no size at all: fine
            'css = f"font-size: {theme.body_px}px;"',  # a token: fine
        ]
    )
    assert [s.split(":")[1].strip() for s in strays(sample)] == [
        "hex colour",
        "rgb colour",
        "named colour",
        "px size",
        "literal layout size",
        "literal layout size",
    ]


@pytest.mark.parametrize("path", citizen_modules(), ids=lambda p: str(p.relative_to(UI)))
def test_no_citizen_module_has_literal_sizes_or_colours(path: Path) -> None:
    assert strays(path.read_text(encoding="utf-8")) == []


def test_the_scan_covers_the_citizen_screens() -> None:
    names = {str(p.relative_to(UI)) for p in citizen_modules()}
    for expected in ("theme.py", "flow_host.py", "pages/home.py", "widgets/top_bar.py"):
        assert expected in names
    assert not any(n.startswith("maintenance/") for n in names)


@pytest.mark.parametrize("name", sorted(TYPE_SCALE))
def test_large_type_scales_every_step_of_the_type_scale(name: str) -> None:
    normal = Theme.from_settings(UiSettings(), False)
    large = Theme.from_settings(UiSettings(), True)
    assert large.type_px(name) >= round(normal.type_px(name) * 1.2), name


def test_large_type_scales_the_top_bar() -> None:
    normal = Theme.from_settings(UiSettings(), False)
    large = Theme.from_settings(UiSettings(), True)
    assert large.bar_px == round(normal.bar_px * UiSettings().large_type_factor)
    assert f"font-size: {large.bar_px}px" in large.stylesheet().split("#TopBar QPushButton")[1]
    assert large.icon_px > normal.icon_px  # the icons beside the words grow with them
