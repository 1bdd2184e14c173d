"""Qt's default layout gaps in millimetres of the panel, like the design tokens' gaps.

A layout that sets no margins or spacing of its own takes the style's (Fusion's
nine-pixel margins and six-pixel spacing), which are pixels: on a 4K panel half
as wide as on the reference panel, and on a coarse 1280×720 one too wide for
text held at its legible minimum. The window installs this style when it
learns its panel, so those defaults follow ``ui.design_tokens.reference_gap``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from ui import design_tokens

_GAPS = frozenset(
    {
        QStyle.PixelMetric.PM_LayoutLeftMargin,
        QStyle.PixelMetric.PM_LayoutTopMargin,
        QStyle.PixelMetric.PM_LayoutRightMargin,
        QStyle.PixelMetric.PM_LayoutBottomMargin,
        QStyle.PixelMetric.PM_LayoutHorizontalSpacing,
        QStyle.PixelMetric.PM_LayoutVerticalSpacing,
    }
)


class PanelLayoutStyle(QProxyStyle):
    """The application's style, with its layout gaps scaled for the configured panel."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric in _GAPS and value > 0:
            return design_tokens.reference_gap(value)
        return value


def use_panel(px_per_mm: float) -> None:
    """The configured panel's density for the tokens and the default layout gaps."""
    design_tokens.use_panel(px_per_mm)
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), PanelLayoutStyle):
        app.setStyle(PanelLayoutStyle())  # reads the density at each call: installed once
