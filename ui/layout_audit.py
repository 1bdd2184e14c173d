"""What a citizen could not read or reach on the screen now: clipped text, content off the panel.

A page that fits in Chinese can overflow in English or in 长辈版 (×1.5 type): a
button narrower than its label shows half a word, a row of chips too wide for
its column pushes the window past the panel's bottom edge, where a fullscreen
kiosk simply cuts it off; a picture can be cut the same way. Two primary buttons
closer than a touch target's width invite pressing the wrong one ("完成" just
above "下一步"). Keys, chips or tiles meant to line up that do not look broken;
text drawn over an illustration (a widget with the Qt property ``illustration``
set, ``ILLUSTRATION``) cannot be read. ``audit`` looks at every widget a citizen
can see and names each such problem; the scripted visits run it on every screen
they pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QBoxLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

if TYPE_CHECKING:
    from kiosk.config.schema import UiSettings

#: Rounding in layouts and font metrics: this much is not a problem.
SLACK_PX = 2
#: Edges of things in one row or column may differ by this much (a border's width).
ALIGN_PX = 4
#: The Qt property that marks a picture (``setProperty(ILLUSTRATION, True)``): no text on it.
ILLUSTRATION = "illustration"


@dataclass(frozen=True)
class LayoutProblem:
    widget: str  # class and object name, e.g. "QPushButton#Chip"
    text: str  # what it shows (synthetic data only in tests and the demo)
    problem: str  # what is wrong, with the sizes

    def __str__(self) -> str:
        return f"{self.widget} {self.text!r}: {self.problem}"


def _name(widget: QWidget) -> str:
    name = widget.objectName()
    return type(widget).__name__ + (f"#{name}" if name else "")


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area, where content beyond the viewport is reachable by scrolling."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


#: What Qt's styles leave between a push button's icon and its label.
ICON_GAP_PX = 4


def _clipped_text(widget: QWidget) -> str | None:
    """Why the widget's own text does not fit in it, or None."""
    if isinstance(widget, QPushButton):
        text = widget.text()
        if not text:
            return None
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        # Where the style (and the style sheet's border and padding) draws the label.
        room = widget.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, widget
        )
        if not widget.icon().isNull():  # the icon is drawn first, then the words
            room.setLeft(room.left() + widget.iconSize().width() + ICON_GAP_PX)
        metrics = widget.fontMetrics()
        wide = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        high = metrics.height() * (text.count("\n") + 1)
        if wide > room.width() + SLACK_PX:
            return f"label needs {wide} px, has {room.width()}"
        if high > room.height() + SLACK_PX:
            return f"label needs {high} px high, has {room.height()}"
        return None
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            high = widget.heightForWidth(widget.width())
            if high > widget.height() + SLACK_PX:
                return f"wrapped text needs {high} px high, has {widget.height()}"
        else:
            wide = widget.sizeHint().width()
            if wide > widget.width() + SLACK_PX:
                return f"text needs {wide} px, has {widget.width()}"
    return None


def audit(
    window: QWidget, panel: tuple[int, int] | None = None, min_gap_px: int = 0
) -> list[LayoutProblem]:
    """Problems on ``window`` as it is drawn now; ``panel`` is the screen size it must fit.

    ``min_gap_px`` (a touch target's width, ``target_gap_px``) is the least room between
    two primary buttons; 0 leaves that unchecked.
    """
    problems: list[LayoutProblem] = _crowded_primaries(window, min_gap_px) if min_gap_px else []
    problems += _misaligned(window) + _text_over_illustrations(window)
    if panel is not None:
        w, h = panel
        if window.width() > w + SLACK_PX or window.height() > h + SLACK_PX:
            problems.append(
                LayoutProblem(
                    _name(window),
                    "",
                    f"window is {window.width()}×{window.height()}, the panel {w}×{h}",
                )
            )
    bounds = QRect(0, 0, panel[0], panel[1]) if panel is not None else window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or _scrolled(widget, window):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
        why = _clipped_text(widget)
        if why is not None:
            problems.append(LayoutProblem(_name(widget), text, why))
        if not (text or isinstance(widget, QAbstractButton) or _is_leaf(widget, window)):
            continue  # containers: what they hold is checked itself
        box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        where = f"at {box.x()},{box.y()} {box.width()}×{box.height()}"
        if not _within(box, bounds):
            problems.append(LayoutProblem(_name(widget), text, f"{where}, off the panel"))
            continue
        container = _cut_by(widget, window, box)
        if container is not None:
            problems.append(
                LayoutProblem(_name(widget), text, f"{where}, cut off by its {container}")
            )
    return problems


def _within(box: QRect, bounds: QRect) -> bool:
    return bounds.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(box)


def _cut_by(widget: QWidget, window: QWidget, box: QRect) -> str | None:
    """The container (a parent) that is smaller than ``widget`` needs and clips it, or None."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        if not _within(box, area):
            return _name(parent)
        parent = parent.parentWidget()
    return None


def target_gap_px(ui: UiSettings) -> int:
    """A touch target's width on the configured panel: the least room between primary buttons."""
    from ui.theme import Theme

    return Theme.from_settings(ui, False).target_px


def _gap(a: QRect, b: QRect) -> int:
    """Pixels between two rectangles (0 when they touch or overlap)."""
    dx = max(b.left() - a.right(), a.left() - b.right(), 0)
    dy = max(b.top() - a.bottom(), a.top() - b.bottom(), 0)
    return max(dx, dy)


def _crowded_primaries(window: QWidget, min_gap_px: int) -> list[LayoutProblem]:
    shown = [
        (w, QRect(w.mapTo(window, QPoint(0, 0)), w.size()))
        for w in window.findChildren(QPushButton)
        if w.objectName() == "Primary" and w.isVisibleTo(window) and not _scrolled(w, window)
    ]
    problems = []
    for i, (a, box_a) in enumerate(shown):
        for b, box_b in shown[i + 1 :]:
            gap = _gap(box_a, box_b)
            if gap < min_gap_px:
                problems.append(
                    LayoutProblem(
                        _name(a),
                        a.text(),
                        f"primary button {gap} px from primary {b.text()!r}, "
                        f"less than a target's {min_gap_px} px",
                    )
                )
    return problems


def _is_leaf(widget: QWidget, window: QWidget) -> bool:
    """A widget drawn by itself (a picture, a QR, a camera view), holding nothing visible."""
    return not any(child.isVisibleTo(window) for child in widget.findChildren(QWidget))


def _box(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _kind(widget: QWidget) -> str:
    """Widgets of one kind are meant to line up with each other (keys, chips, tiles)."""
    return _name(widget)


def _lines(layout: QLayout) -> list[tuple[str, list[QWidget]]]:
    """Groups of widgets ``layout`` places in one row ("top") or column ("left").

    Only items the layout sizes itself: one given its own alignment is meant to sit apart.
    """
    lines: dict[tuple[str, int, int], list[QWidget]] = {}
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget() if item is not None else None
        if widget is None or widget.isHidden() or item.alignment():
            continue
        if isinstance(layout, QGridLayout):
            row, column, rows, columns = layout.getItemPosition(i)
            if rows == 1:
                lines.setdefault(("top", row, -1), []).append(widget)
            lines.setdefault(("left", column, columns), []).append(widget)
        elif isinstance(layout, QBoxLayout):
            across = layout.direction() in (
                QBoxLayout.Direction.LeftToRight,
                QBoxLayout.Direction.RightToLeft,
            )
            lines.setdefault(("top" if across else "left", 0, 0), []).append(widget)
    return [(edge, widgets) for (edge, _, _), widgets in lines.items() if len(widgets) > 1]


def _misaligned(window: QWidget) -> list[LayoutProblem]:
    """Keys, chips, tiles of one row (column) whose top (left) edges differ by over a few px."""
    problems = []
    for layout in window.findChildren(QLayout):
        for edge, widgets in _lines(layout):
            shown = [w for w in widgets if w.isVisibleTo(window) and not _scrolled(w, window)]
            kinds: dict[str, list[QWidget]] = {}
            for w in shown:
                kinds.setdefault(_kind(w), []).append(w)
            for kind, same in kinds.items():
                if len(same) < 2:
                    continue
                at = [
                    _box(w, window).top() if edge == "top" else _box(w, window).left() for w in same
                ]
                if max(at) - min(at) > ALIGN_PX:
                    odd = same[at.index(max(at))]
                    line = "row" if edge == "top" else "column"
                    problems.append(
                        LayoutProblem(
                            kind,
                            odd.text() if isinstance(odd, QAbstractButton | QLabel) else "",
                            f"{edge} edges in one {line} differ by {max(at) - min(at)} px "
                            f"({min(at)}..{max(at)})",
                        )
                    )
    return problems


def _layer(widget: QWidget, window: QWidget) -> QWidget:
    """The window's child that holds ``widget``."""
    while widget.parentWidget() is not None and widget.parentWidget() is not window:
        widget = widget.parentWidget()
    return widget


def _covered(a: QWidget, b: QWidget, window: QWidget) -> bool:
    """One of them is in an overlay over the whole window, the other beneath it."""
    layers = {_layer(a, window), _layer(b, window)}
    return len(layers) == 2 and any(layer.size() == window.size() for layer in layers)


def _text_over_illustrations(window: QWidget) -> list[LayoutProblem]:
    """Text (a label, a button's label) whose rectangle overlaps an illustration's."""
    widgets = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window) and not _scrolled(w, window)
    ]
    pictures = [w for w in widgets if w.property(ILLUSTRATION)]
    problems = []
    for picture in pictures:
        area = _box(picture, window).adjusted(SLACK_PX, SLACK_PX, -SLACK_PX, -SLACK_PX)
        for w in widgets:
            if not (isinstance(w, QAbstractButton | QLabel) and w.text()):
                continue
            if w.isAncestorOf(picture) or _covered(w, picture, window):
                continue  # the picture inside it (a tile's), or an overlay over one of them
            if isinstance(w, QLabel) and not w.pixmap().isNull():
                continue
            if _box(w, window).intersects(area):
                problems.append(
                    LayoutProblem(
                        _name(w), w.text(), f"text over the illustration {_name(picture)}"
                    )
                )
    return problems
