"""The citizen screens' stylesheet, built from the design tokens for one panel and text size."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.config.schema import UiSettings
from ui import panel
from ui.design_tokens import (
    ALERT_INK,
    BAR_BG,
    CJK_LINE_RATIO,
    DEMO_BG,
    DISABLED_BG,
    DISABLED_INK,
    INK,
    LARGE_PRIMARY_MM,
    LARGE_TARGET_MM,
    LINE_PX,
    MUTED_INK,
    ON_BAR,
    ON_PRIMARY,
    OUTLINE,
    PAPER,
    PRIMARY,
    PRIMARY_MM,
    RADIUS_MM,
    SCRIM,
    SPACE_MM,
    SUCCESS_INK,
    SURFACE,
    TEXT_PAIRS,
    TILE_BORDER,
    TYPE_SCALE,
)
from ui.layout_style import use_panel

__all__ = [
    "ALERT_INK",
    "CJK_LINE_RATIO",
    "INK",
    "KEY_BORDER_PX",
    "MUTED_INK",
    "OUTLINE",
    "PAPER",
    "PRIMARY",
    "SURFACE",
    "TEXT_PAIRS",
    "Theme",
    "contrast",
    "luminance",
    "use_panel",
]

#: Outline of keys and choice buttons.
KEY_BORDER_PX = LINE_PX["thin"]


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio between two colours."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class Theme:
    """The tokens in pixels for one panel and one text mode."""

    px_per_mm: float
    body_px: int
    large_type: bool
    min_target_mm: float
    base_body_px: int  # body size in normal mode
    portrait: bool = False  # an upright panel (``ui.panel``)

    @classmethod
    def from_settings(cls, ui: UiSettings, large_type: bool) -> Theme:
        px_per_mm = panel.px_per_mm(ui.panel_width_px, ui.panel_height_px, ui.panel_diagonal_in)
        base = panel.body_px(ui.body_font_px, px_per_mm)  # the same mm on every panel
        scale = ui.large_type_factor if large_type else 1.0
        portrait = panel.is_portrait(ui.panel_width_px, ui.panel_height_px)
        return cls(px_per_mm, round(base * scale), large_type, ui.min_target_mm, base, portrait)

    def mm(self, millimetres: float) -> int:
        return math.ceil(millimetres * self.px_per_mm)

    def type_px(self, name: str) -> int:
        """A step of the type scale in pixels (scaled in 长辈版 with body text)."""
        return round(self.body_px * TYPE_SCALE[name])

    def space(self, name: str) -> int:
        return self.mm(SPACE_MM[name])

    def radius(self, name: str) -> int:
        return self.mm(RADIUS_MM[name])

    @property
    def target_px(self) -> int:
        """Shortest side of any touch target (≥ 20 mm in large-type mode)."""
        return self.mm(max(self.min_target_mm, LARGE_TARGET_MM if self.large_type else 0.0))

    @property
    def primary_px(self) -> int:
        """Height of primary actions (≥ 20 mm, 25 mm in large-type mode)."""
        return self.mm(LARGE_PRIMARY_MM if self.large_type else PRIMARY_MM)

    @property
    def heading_px(self) -> int:
        return self.type_px("heading")

    @property
    def key_px(self) -> int:
        """Keyboard and keypad keys: heading type, but never more than a key's height holds.

        CJK fonts need about 1.45 × their size per line; in 长辈版 heading type would
        overflow the 20 mm keys, and the keyboard would push the page off the panel.
        """
        inside = self.target_px - 2 * KEY_BORDER_PX
        return min(self.heading_px, math.floor(inside / CJK_LINE_RATIO))

    @property
    def entry_px(self) -> int:
        """What the citizen types (name, number): the largest text on the page.

        Less than ×1.5 in 长辈版, so a page with a full keyboard still fits the panel.
        """
        return round(self.heading_px * (1.25 if self.large_type else 1.6))

    @property
    def bar_px(self) -> int:
        """Top-bar text: body text, scaled in 长辈版 like every other text."""
        return self.body_px

    @property
    def small_px(self) -> int:
        """Secondary text; never smaller than body text, so all of it reads at 1 m."""
        return self.type_px("small")

    @property
    def tile_name_px(self) -> int:
        return self.type_px("tile_name_large" if self.large_type else "tile_name")

    @property
    def icon_px(self) -> int:
        """Icons beside text: the size of button text."""
        return self.type_px("button")

    @property
    def tile_grid(self) -> tuple[int, int]:
        """(columns, rows) of service tiles on one home page."""
        return panel.tile_grid(self.portrait, self.large_type)

    def stylesheet(self) -> str:
        b, h, s = self.body_px, self.heading_px, self.small_px
        button = self.type_px("button")
        thin, bold, heavy = LINE_PX["thin"], LINE_PX["bold"], LINE_PX["heavy"]
        r_s, r_m, r_l = self.radius("s"), self.radius("m"), self.radius("l")
        gap, pad_s = self.space("m"), self.space("xs")
        wide = self.mm(8)  # a primary button's side padding: its label never touches its edge
        return f"""
QWidget {{ color: {INK}; font-size: {b}px; }}
#KioskWindow, QStackedWidget > QWidget {{ background: {PAPER}; }}
#TopBar {{ background: {BAR_BG}; }}
#TopBar QLabel {{ color: {ON_BAR}; font-size: {self.bar_px}px; }}
#TopBar #KioskName {{ font-size: {self.bar_px}px; font-weight: bold; }}
#TopBar QPushButton {{
  color: {ON_BAR}; background: transparent; border: {thin}px solid {ON_BAR};
  border-radius: {r_s}px; padding: 0 {gap}px; font-size: {self.bar_px}px;
  min-height: {self.target_px}px; min-width: {self.target_px}px; icon-size: {self.icon_px}px;
}}
#TopBar QPushButton:checked {{ background: {ON_BAR}; color: {BAR_BG}; }}
#TopBar QPushButton#HelpButton {{ background: {ON_BAR}; color: {BAR_BG}; font-weight: bold; }}
#TopBar QPushButton#HelpButton:disabled {{ background: {BAR_BG}; color: {ON_BAR}; }}
#TopBar QLabel#DemoBadge {{
  background: {DEMO_BG}; color: {INK}; font-weight: bold; border-radius: {r_s}px;
  padding: {pad_s}px {gap}px;
}}
QLabel#Heading {{ font-size: {h}px; font-weight: bold; }}
QLabel#Muted {{ color: {MUTED_INK}; font-size: {s}px; }}
QLabel#Alert {{ color: {ALERT_INK}; font-weight: bold; }}
QLabel#SuccessMark {{ color: {SUCCESS_INK}; font-size: {h}px; font-weight: bold; }}
QPushButton {{ min-height: {self.target_px}px; min-width: {self.target_px}px;
  icon-size: {self.icon_px}px; }}
QPushButton#Primary {{
  background: {PRIMARY}; color: {ON_PRIMARY}; border: none; border-radius: {r_m}px;
  font-size: {button}px; font-weight: bold; min-height: {self.primary_px}px;
  padding: 0 {wide}px;
}}
QPushButton#Secondary {{
  background: {SURFACE}; color: {PRIMARY}; border: {bold}px solid {PRIMARY};
  border-radius: {r_m}px; font-size: {button}px; font-weight: bold;
  min-height: {self.primary_px}px; padding: 0 {wide}px;
}}
QPushButton#ServiceTile {{
  background: {SURFACE}; border: {thin}px solid {TILE_BORDER}; border-radius: {r_l}px;
  text-align: left;
}}
QPushButton#ServiceTile:disabled {{ background: {DISABLED_BG}; border-color: {DISABLED_BG}; }}
QLabel#TileName {{ font-size: {self.tile_name_px}px; font-weight: bold; background: transparent; }}
QLabel#TileSummary, QLabel#TileFee {{ color: {MUTED_INK}; font-size: {s}px;
  background: transparent; }}
QLabel#TileFee {{ font-weight: bold; }}
QLabel#TileIcon {{ background: transparent; }}
QLabel#TileReason {{ color: {ALERT_INK}; font-size: {s}px; font-weight: bold;
  background: transparent; }}
QWidget#TileBody[unavailable="true"] QLabel#TileName {{ color: {DISABLED_INK}; }}
QWidget#TileBody[unavailable="true"] QLabel#TileSummary {{ color: {DISABLED_INK}; }}
QWidget#TileBody[unavailable="true"] QLabel#TileFee {{ color: {DISABLED_INK}; }}
QPushButton#Chip, QPushButton#Key {{
  background: {SURFACE}; color: {INK}; border: {KEY_BORDER_PX}px solid {OUTLINE};
  border-radius: {r_s}px; padding: 0 {gap}px;
}}
QPushButton#Chip:checked {{
  background: {PRIMARY}; color: {ON_PRIMARY}; border-color: {PRIMARY};
}}
QPushButton#Key {{ font-size: {self.key_px}px; font-weight: bold; padding: 0;
  icon-size: {self.key_px}px; }}
QPushButton#Key[word="true"] {{ padding: 0 {self.mm(2)}px; }}
QPushButton#Key:pressed, QPushButton#Chip:pressed {{ background: {DISABLED_BG}; }}
QPushButton#Primary:disabled {{ background: {DISABLED_BG}; color: {DISABLED_INK}; }}
#FlowHost QLabel#Muted {{ font-size: {b}px; }}
QLabel#StepLabel {{ border-radius: {r_s}px; padding: {pad_s}px {pad_s}px; font-weight: bold; }}
QLabel#StepLabel[state="done"] {{ color: {SUCCESS_INK}; }}
QLabel#StepLabel[state="current"] {{ background: {PRIMARY}; color: {ON_PRIMARY}; }}
QLabel#StepLabel[state="to_come"] {{ color: {MUTED_INK}; font-weight: normal; }}
#IdlePrompt, #HelpDialog, #TakeItemsPrompt {{ background: {SCRIM}; }}
#IdleCard {{ background: {SURFACE}; border-radius: {r_l}px; }}
#IdleCard[flash="true"] {{ border: {LINE_PX["flash"]}px solid {ALERT_INK}; }}
#IdleCard[flash="false"] {{ border: {LINE_PX["flash"]}px solid {SURFACE}; }}
#SuccessPanel {{ background: {SURFACE}; border: {heavy}px solid {SUCCESS_INK};
  border-radius: {r_l}px; }}
#TextBox {{ background: {SURFACE}; border: {thin}px solid {OUTLINE}; border-radius: {r_s}px;
  padding: {self.space("s")}px; }}
QLabel#Countdown {{ font-size: {self.type_px("display")}px; font-weight: bold; color: {PRIMARY}; }}
QLabel#Entry {{ font-size: {self.entry_px}px; font-weight: bold; color: {PRIMARY}; }}
"""
