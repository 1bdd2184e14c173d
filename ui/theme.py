"""Sizes in millimetres on the configured panel, colours with checked contrast."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.config.schema import UiSettings
from ui import panel

# Colour pairs (foreground, background). Every pair used for text is checked
# against WCAG contrast in tests: >= 4.5:1, >= 7:1 in large-type mode.
INK = "#1a1a1a"
PAPER = "#f4f6fa"
SURFACE = "#ffffff"
PRIMARY = "#084a8f"
ON_PRIMARY = "#ffffff"
MUTED_INK = "#3d4450"
DISABLED_BG = "#e3e6eb"
DISABLED_INK = "#3f444c"
ALERT_INK = "#8b1519"
BAR_BG = "#0b3d73"
OUTLINE = "#5c6678"  # button outlines: ≥ 3:1 against white (WCAG 1.4.11)
ON_BAR = "#ffffff"
DEMO_BG = "#ffd23f"  # the demo marker: amber, unlike anything a real kiosk shows

#: Outline of keys and choice buttons.
KEY_BORDER_PX = 2
#: Line height of the CJK font (Noto Sans CJK: ascent + descent) per pixel of size.
CJK_LINE_RATIO = 1.45

TEXT_PAIRS: dict[str, tuple[str, str]] = {
    "body": (INK, PAPER),
    "tile": (INK, SURFACE),
    "tile_muted": (MUTED_INK, SURFACE),
    "primary_button": (ON_PRIMARY, PRIMARY),
    "disabled_tile": (DISABLED_INK, DISABLED_BG),
    "disabled_reason": (ALERT_INK, DISABLED_BG),
    "top_bar": (ON_BAR, BAR_BG),
    "demo_badge": (INK, DEMO_BG),
    "alert": (ALERT_INK, SURFACE),
}


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
    """Pixel sizes for one panel and one text mode."""

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

    @property
    def target_px(self) -> int:
        """Shortest side of any touch target (≥ 20 mm in large-type mode)."""
        return self.mm(max(self.min_target_mm, 20.0 if self.large_type else 0.0))

    @property
    def primary_px(self) -> int:
        """Height of primary actions (≥ 20 mm, 25 mm in large-type mode)."""
        return self.mm(25.0 if self.large_type else 20.0)

    @property
    def heading_px(self) -> int:
        return round(self.body_px * 1.45)

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
        """Top-bar text: the normal body size in both modes, so its controls always fit."""
        return self.base_body_px

    @property
    def small_px(self) -> int:
        """Secondary text; never smaller than body text, so all of it reads at 1 m."""
        return self.body_px

    @property
    def tile_name_px(self) -> int:
        return round(self.body_px * (1.2 if self.large_type else 1.35))

    @property
    def tile_grid(self) -> tuple[int, int]:
        """(columns, rows) of service tiles on one home page."""
        return panel.tile_grid(self.portrait, self.large_type)

    def stylesheet(self) -> str:
        b, h, s = self.body_px, self.heading_px, self.small_px
        gap = self.mm(3)
        return f"""
QWidget {{ color: {INK}; font-size: {b}px; }}
#KioskWindow, QStackedWidget > QWidget {{ background: {PAPER}; }}
#TopBar {{ background: {BAR_BG}; }}
#TopBar QLabel {{ color: {ON_BAR}; font-size: {self.bar_px}px; }}
#TopBar #KioskName {{ font-size: {self.bar_px}px; font-weight: bold; }}
#TopBar QPushButton {{
  color: {ON_BAR}; background: transparent; border: 2px solid {ON_BAR};
  border-radius: {self.mm(2)}px; padding: 0 {self.mm(3)}px; font-size: {self.bar_px}px;
  min-height: {self.target_px}px; min-width: {self.target_px}px;
}}
#TopBar QPushButton:checked {{ background: {ON_BAR}; color: {BAR_BG}; }}
#TopBar QPushButton#HelpButton {{ background: {ON_BAR}; color: {BAR_BG}; font-weight: bold; }}
#TopBar QPushButton#HelpButton:disabled {{ background: {BAR_BG}; color: {ON_BAR}; }}
#TopBar QLabel#DemoBadge {{
  background: {DEMO_BG}; color: {INK}; font-weight: bold; border-radius: {self.mm(2)}px;
  padding: {self.mm(1)}px {self.mm(3)}px;
}}
QLabel#Heading {{ font-size: {h}px; font-weight: bold; }}
QLabel#Muted {{ color: {MUTED_INK}; font-size: {s}px; }}
QLabel#Alert {{ color: {ALERT_INK}; font-weight: bold; }}
QPushButton {{ min-height: {self.target_px}px; min-width: {self.target_px}px; }}
QPushButton#Primary {{
  background: {PRIMARY}; color: {ON_PRIMARY}; border: none; border-radius: {self.mm(3)}px;
  font-size: {round(b * 1.15)}px; font-weight: bold; min-height: {self.primary_px}px;
  padding: 0 {self.mm(8)}px;
}}
QPushButton#Secondary {{
  background: {SURFACE}; color: {PRIMARY}; border: 3px solid {PRIMARY};
  border-radius: {self.mm(3)}px; font-size: {round(b * 1.15)}px; font-weight: bold;
  min-height: {self.primary_px}px; padding: 0 {self.mm(8)}px;
}}
QPushButton#ServiceTile {{
  background: {SURFACE}; border: 2px solid #c5ccd6; border-radius: {self.mm(4)}px;
  text-align: left; padding: {gap}px;
}}
QPushButton#ServiceTile:disabled {{ background: {DISABLED_BG}; border-color: {DISABLED_BG}; }}
QLabel#TileName {{ font-size: {self.tile_name_px}px; font-weight: bold; background: transparent; }}
QLabel#TileDept {{ color: {MUTED_INK}; font-size: {s}px; background: transparent; }}
QLabel#TileReason {{ color: {ALERT_INK}; font-size: {s}px; font-weight: bold;
  background: transparent; }}
QWidget#TileBody[unavailable="true"] QLabel#TileName {{ color: {DISABLED_INK}; }}
QWidget#TileBody[unavailable="true"] QLabel#TileDept {{ color: {DISABLED_INK}; }}
QPushButton#Chip, QPushButton#Key {{
  background: {SURFACE}; color: {INK}; border: {KEY_BORDER_PX}px solid {OUTLINE};
  border-radius: {self.mm(2)}px; padding: 0 {self.mm(3)}px;
}}
QPushButton#Chip:checked {{
  background: {PRIMARY}; color: {ON_PRIMARY}; border-color: {PRIMARY};
}}
QPushButton#Key {{ font-size: {self.key_px}px; font-weight: bold; padding: 0; }}
QPushButton#Key[word="true"] {{ padding: 0 {self.mm(2)}px; }}
QPushButton#Key:pressed, QPushButton#Chip:pressed {{ background: {DISABLED_BG}; }}
QPushButton#Primary:disabled {{ background: {DISABLED_BG}; color: {DISABLED_INK}; }}
#FlowHost QLabel#Muted {{ font-size: {b}px; }}
#IdlePrompt {{ background: rgba(0, 0, 0, 150); }}
#IdleCard {{ background: {SURFACE}; border-radius: {self.mm(4)}px; }}
QLabel#Countdown {{ font-size: {round(h * 1.6)}px; font-weight: bold; color: {PRIMARY}; }}
QLabel#Entry {{ font-size: {self.entry_px}px; font-weight: bold; color: {PRIMARY}; }}
"""
