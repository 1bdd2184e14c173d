"""Run-time language switching through Qt's translation system.

Source strings are Chinese (the kiosk's first language); ``kiosk_en.ts`` holds
the English translations and is compiled to ``kiosk_en.qm`` with
``python -m ui.i18n.build``. Installing or removing the translator makes Qt
send every widget a LanguageChange event, on which each screen retranslates.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator, Signal

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent
LANGUAGES = ("zh", "en")


class Language(QObject):
    """The current language of the citizen screens."""

    changed = Signal(str)

    def __init__(self, initial: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current = "zh"
        self._translator = QTranslator(self)
        if not self._translator.load(str(I18N_DIR / "kiosk_en.qm")):
            log.error("English translation kiosk_en.qm missing; English shows Chinese text")
        self.set(initial)

    @property
    def current(self) -> str:
        return self._current

    def set(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language == self._current:
            return
        app = QCoreApplication.instance()
        if app is not None:
            if language == "en":
                app.installTranslator(self._translator)
            else:
                app.removeTranslator(self._translator)
            # Qt posts LanguageChange; deliver it now so no screen shows two languages.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self._current = language
        self.changed.emit(language)

    def toggle(self) -> None:
        self.set("en" if self._current == "zh" else "zh")
