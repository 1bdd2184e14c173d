"""The bar across the top: where you are, the time, language and 长辈版 switches.

A kiosk with anything simulated (the platform or a device, see
:mod:`kiosk.config.simulation`) says so here on every screen: its cases are
demonstrations, and nobody should take it for a kiosk that files real ones.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.config.schema import KioskConfig
from kiosk.config.simulation import is_demo
from ui.design_tokens import BAR_BG, ON_BAR, space
from ui.icons import Look, clear_icon, show_icon
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.reflow import side_by_side, upright

#: Icons on the bar's outlined buttons; a checked one turns white, its icon the bar's blue.
BAR_ICON = Look(ON_BAR, on=BAR_BG)
#: The help button is white: its icon is the bar's blue, white once it rests (called).
HELP_ICON = Look(BAR_BG, disabled=ON_BAR)


class TopBar(QWidget):
    language_clicked = Signal()
    large_type_toggled = Signal(bool)
    help_clicked = Signal()
    repeat_clicked = Signal()
    mute_toggled = Signal(bool)

    def __init__(self, config: KioskConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._config = config
        self._language = "zh"
        # Where and when on the left, the controls on the right; upright, the
        # controls get a row of their own, so the kiosk's name is not squeezed out.
        layout = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight, self))
        # The name gives way first (ends in "…") when the buttons need the room (长辈版).
        self.kiosk_name = ElidedLabel(objectName="KioskName")
        self.demo_badge = QLabel()
        self.demo_badge.setObjectName("DemoBadge")
        self.demo_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Never squeezed: the kiosk name gives way instead.
        self.demo_badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.demo_badge.setVisible(is_demo(config))
        self.clock = QLabel(objectName="Clock")
        self.large_type_button = QPushButton(objectName="LargeTypeButton", checkable=True)
        self.large_type_button.toggled.connect(self.large_type_toggled)
        self.language_button = QPushButton(objectName="LanguageButton")
        self.language_button.clicked.connect(self.language_clicked)
        self.repeat_button = QPushButton(objectName="RepeatButton")
        self.repeat_button.clicked.connect(self.repeat_clicked)
        self.mute_button = QPushButton(objectName="MuteButton", checkable=True)
        self.mute_button.toggled.connect(self.mute_toggled)
        self.mute_button.toggled.connect(lambda _on: self.retranslate())
        self.help_button = QPushButton(objectName="HelpButton")
        self.help_button.clicked.connect(self.help_clicked)
        self.help_called = False
        # Two widgets, not nested layouts: a restyle resizes a widget's layout at once.
        where, controls = QWidget(self), QWidget(self)
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kiosk_name, 1)
        row.addWidget(self.demo_badge)
        row.addSpacing(space("xl"))
        row.addWidget(self.clock)
        buttons = QHBoxLayout(controls)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setAlignment(Qt.AlignmentFlag.AlignRight)  # upright: at the right edge
        layout.addWidget(where, 1)
        layout.addSpacing(space("xl"))
        layout.addWidget(controls)
        for button in (
            self.repeat_button,
            self.mute_button,
            self.large_type_button,
            self.language_button,
            self.help_button,
        ):
            buttons.addWidget(button)
        #: Upright in 长辈版 the five buttons share 1080 px: words only, icons would cut them.
        self._words_only = False
        self._timer = QTimer(self, interval=15_000, timeout=self._tick)
        self._timer.start()
        self.retranslate()

    def set_help_called(self, called: bool) -> None:
        """After a call, the button says so and rests, so staff are not paged twice."""
        self.help_called = called
        self.help_button.setEnabled(not called)
        self.retranslate()

    def show_large_type(self, on: bool) -> None:
        """The 长辈版 button's state, set without asking for the switch again."""
        self.large_type_button.blockSignals(True)
        self.large_type_button.setChecked(on)
        self.large_type_button.blockSignals(False)
        self._words_only = on and upright(self)
        self.retranslate()

    def _show_icons(self) -> None:
        muted = self.mute_button.isChecked()
        # The mute button's icon shows what a tap does, as its words do.
        for button, name, look in (
            (self.repeat_button, "repeat", BAR_ICON),
            (self.mute_button, "repeat" if muted else "mute", BAR_ICON),
            (self.large_type_button, "large_type", BAR_ICON),
            (self.language_button, "language", BAR_ICON),
            (self.help_button, "call_staff", HELP_ICON),
        ):
            if self._words_only:
                clear_icon(button)
            else:
                show_icon(button, name, look)

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def _tick(self) -> None:
        self.clock.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm"))

    def retranslate(self) -> None:
        self.kiosk_name.setText(self._config.kiosk.name.get(self._language))
        self.demo_badge.setText(self.tr("演示"))
        self.large_type_button.setText(self.tr("长辈版"))
        self.repeat_button.setText(self.tr("重听"))
        muted = self.mute_button.isChecked()
        self.mute_button.setText(self.tr("取消静音") if muted else self.tr("静音"))
        self._show_icons()
        self.help_button.setText(
            self.tr("已呼叫工作人员") if self.help_called else self.tr("请工作人员协助")
        )
        # Each language is named in itself, so a citizen can find their own.
        self.language_button.setText("English" if self._language == "zh" else "中文")
        self._tick()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
