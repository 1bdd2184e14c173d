"""Hosts a running service flow: the current step's page, its named steps, back and cancel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.flow.engine import Flow
from ui import icons
from ui.design_tokens import ALERT_INK, PRIMARY, space
from ui.icons import Look, show_icon
from ui.steps.base import StepPage
from ui.steps.texts import error_text
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.reflow import fit, side_by_side
from ui.widgets.step_indicator import StepIndicator

SECONDARY_ICON = Look(PRIMARY, disabled=PRIMARY)


class FlowHost(QWidget):
    """Shows ``flow.current`` through the page registered for its kind."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FlowHost")
        self.flow: Flow | None = None
        self._hooked: set[int] = set()
        self.language = "zh"
        self.service_label = ElidedLabel(objectName="Muted")
        # The service's steps by name, the current one marked (not on the pages around them).
        self.progress = StepIndicator()
        self.error_banner = QLabel(objectName="Alert", wordWrap=True)
        self.error_icon = QLabel()
        show_icon(self.error_icon, "warning", Look(ALERT_INK))
        self.error_row = QWidget()
        error_layout = QHBoxLayout(self.error_row)
        error_layout.setContentsMargins(0, 0, 0, 0)
        error_layout.addWidget(self.error_icon, 0, Qt.AlignmentFlag.AlignTop)
        error_layout.addWidget(self.error_banner, 1)
        self.error_row.hide()
        self.pages = QStackedWidget(self)
        self._page_for: dict[str, StepPage] = {}
        self.back_button = QPushButton(objectName="Secondary")
        self.cancel_button = QPushButton(objectName="Secondary")
        self._cancel_icon = ""
        self.back_button.clicked.connect(self._back)
        self.cancel_button.clicked.connect(self.cancel_requested)
        show_icon(self.back_button, "back", SECONDARY_ICON)
        # The service's name beside its steps; upright, the steps get the whole width.
        header = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        header.setSpacing(space("l"))
        # The service's name gives way to its steps when the row is short.
        header.addWidget(self.service_label, 1)
        header.addWidget(self.progress, 2)
        self.action_stack = QStackedWidget(self)
        ways_out = QHBoxLayout()
        ways_out.addWidget(self.back_button)
        ways_out.addWidget(self.cancel_button)
        ways_out.setAlignment(Qt.AlignmentFlag.AlignLeft)  # as wide as its buttons
        # Upright, the page's own actions get the whole bottom row, within reach.
        nav = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        nav.addLayout(ways_out)
        nav.addWidget(self.action_stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(space("xxl"), space("m"), space("xxl"), space("l"))
        layout.addLayout(header)
        layout.addWidget(self.error_row)
        layout.addWidget(self.pages, 1)
        layout.addLayout(nav)
        self.retranslate()

    def page(self, kind: str) -> StepPage:
        if kind not in self._page_for:
            from ui.steps.pages import page_class  # loaded behind the first paint (ui.app)

            cls = page_class(kind)
            if cls is None:
                raise KeyError(f"no page for step kind {kind!r}")
            page = cls(self)
            fit(page)  # its rows and sizes as the panel wants them
            self._page_for[kind] = page
            self.pages.addWidget(page)
            self.action_stack.addWidget(page.action_bar)
        return self._page_for[kind]

    @property
    def current_page(self) -> StepPage | None:
        widget = self.pages.currentWidget()
        return widget if isinstance(widget, StepPage) else None

    def run(self, flow: Flow, language: str) -> None:
        self.flow = flow
        self._hooked: set[int] = set()
        if not icons.loaded():  # a tap before the warm-up loaded them: now, once
            icons.load()
        self.language = language
        flow.add_listener(lambda _f: self._show_current())
        flow.start()

    def _show_current(self) -> None:
        flow = self.flow
        if flow is not None and flow.outcome is not None:
            for page in self._page_for.values():  # the visit is over: nothing typed stays
                page.forget_input()
            return
        step = flow.current if flow is not None else None
        if step is None:
            return
        page = self.page(step.kind)
        page.bind(step, self.language)
        if id(step) not in self._hooked:
            self._hooked.add(id(step))
            step.add_listener(lambda _s: self._refresh_chrome())
        self.pages.setCurrentWidget(page)
        self.action_stack.setCurrentWidget(page.action_bar)
        self._refresh_chrome()

    def _refresh_chrome(self) -> None:
        flow = self.flow
        step = flow.current if flow is not None else None
        if flow is None or step is None:
            return
        self.service_label.setText(flow.service.name.get(self.language))
        # Real steps only (not the start page, 办理成功, the rating), and only when several.
        number = flow.step_number()
        number = number if number is not None and number[1] > 1 else None
        if number is not None:
            # Its slots before the row is shown: shown ones would each lay out the page.
            self.progress.set_steps([s.kind for s in flow.steps if s.counted], number[0] - 1)
            self.progress.setAccessibleName(
                self.tr("第 %1 步，共 %2 步")
                .replace("%1", str(number[0]))
                .replace("%2", str(number[1]))
            )
        self.progress.setVisible(number is not None)
        self.back_button.setEnabled(flow.can_go_back)
        self.back_button.setVisible(flow.index > 0 and not flow.no_return)
        self._retext_cancel()
        page = self._page_for.get(step.kind)
        banner = step.error is not None and not (page is not None and page.shows_errors)
        self.error_row.setVisible(banner)
        if banner and step.error is not None:
            self.error_banner.setText(error_text(step.error.code))

    def _retext_cancel(self) -> None:
        # After the point of no return there is nothing to cancel: a citizen who has paid
        # must not fear that the way out cancels the case.
        flow = self.flow
        home = flow is not None and flow.outcome is None and flow.nothing_to_cancel
        self.cancel_button.setText(self.tr("返回首页") if home else self.tr("取消办理"))
        icon = "home" if home else "cancel"
        if icon != self._cancel_icon:  # not at every refresh: a new icon repaints the button
            self._cancel_icon = icon
            show_icon(self.cancel_button, icon, SECONDARY_ICON)

    def _back(self) -> None:
        if self.flow is not None:
            self.flow.back()

    def set_language(self, language: str) -> None:
        self.language = language
        for page in self._page_for.values():
            page.set_language(language)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("上一步"))
        self._retext_cancel()
        self._refresh_chrome()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
