"""What every step page shares: binding to its step, redraw and retranslation."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.flow.engine import Step

#: Each step kind's page class; a page registers itself by naming its ``kind``.
PAGE_CLASSES: dict[str, type[StepPage]] = {}


class StepPage(QWidget):
    """A page shows one step's state and calls the step's methods; no logic of its own."""

    #: The step kind (``kiosk.flow.engine.Step.kind``) this page shows; "" for a shared base.
    kind: ClassVar[str] = ""
    #: The page words its step's problem itself: the flow host's banner stays away, so a
    #: message is shown once, not twice.
    shows_errors: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kind = cls.__dict__.get("kind", "")
        if kind:
            if kind in PAGE_CLASSES:
                raise ValueError(f"two pages for step kind {kind!r}")
            PAGE_CLASSES[kind] = cls

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step: Any = None
        self.language = "zh"
        self.title = QLabel(objectName="Heading", wordWrap=True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.title)
        # The page's own actions; the flow host shows them in its bottom bar,
        # right of back and cancel, so every page keeps one row of actions.
        self.action_bar = QWidget()
        self.actions = QHBoxLayout(self.action_bar)
        self.actions.setContentsMargins(0, 0, 0, 0)
        # Why the main button cannot be pressed yet, right beside it (``explain``).
        self.why = QLabel(objectName="Muted", wordWrap=True)
        self.why.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.why.hide()
        self.actions.addStretch(1)
        self.actions.addWidget(self.why)

    def bind(self, step: Step, language: str) -> None:
        # Going back to a step binds it again: listen to each step once only.
        if step is not self.step:
            step.add_listener(lambda s: self.refresh() if s is self.step else None)
        self.step = step
        self.language = language
        self.retranslate()
        self.refresh()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()
        self.refresh()

    def forget_input(self) -> None:
        """The visit is over: empty every keypad and keyboard on the page, and the step's copy.

        Called on every page at once when a visit ends, not only on the one shown, so
        nothing typed (digits, text, a pinyin composition) waits on a hidden page for the
        next visit. The emptied entries tell the step as typing would, so the step's copy
        and every label echoing it are emptied too.
        """
        from ui.widgets.keyboard import PinyinKeyboard
        from ui.widgets.keypad import Keypad

        silent = self.step is None  # never bound: no step to tell
        for keypad in self.findChildren(Keypad):
            keypad.blockSignals(silent)
            keypad.clear()
            keypad.blockSignals(False)
        for keyboard in self.findChildren(PinyinKeyboard):
            keyboard.blockSignals(silent)
            keyboard.reset()
            keyboard.blockSignals(False)

    def explain(self, button: QAbstractButton, reason: str | None) -> None:
        """Enable ``button``, or disable it and say why beside it (never a mute grey button)."""
        button.setEnabled(reason is None)
        shown = reason is not None and button.isVisibleTo(self.action_bar)
        self.why.setText(reason if shown and reason else "")
        self.why.setVisible(shown)

    def refresh(self) -> None:
        """Redraw from ``self.step``; called whenever the step changes."""

    def retranslate(self) -> None:
        """Set every fixed text through ``tr()``."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.step is not None:
                self.refresh()
        super().changeEvent(event)
