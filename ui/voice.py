"""Voice guidance through Qt's text-to-speech, quiet where no speech engine works.

Prompts never contain an ID number or a name: only what to do next.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject, Signal

log = logging.getLogger(__name__)

#: Preferred engines, best first; "mock" is Qt's test engine (speaks nothing).
ENGINES = ("speechd",)


class Voice(QObject):
    """Speaks prompts in the current language; mute and repeat for the citizen."""

    spoken = Signal(str)  # every prompt handed to the engine (or that would be, when muted)

    def __init__(
        self,
        enabled: bool = True,
        engines: tuple[str, ...] = ENGINES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.muted = False
        self.language = "zh"
        self.last_text = ""
        self._tts = None
        self._engines = engines
        self._opened = not enabled  # the engine loads on first use (QtMultimedia is heavy)

    def _open_engine(self, engines: tuple[str, ...]):  # type: ignore[no-untyped-def]
        try:
            # Imported here: QtTextToSpeech pulls in QtMultimedia (and libpulse).
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            log.warning("voice guidance off: QtTextToSpeech unavailable", extra={"error": str(exc)})
            return None
        available = QTextToSpeech.availableEngines()
        for name in engines:
            if name not in available:
                continue
            tts = QTextToSpeech(name, self)
            if tts.state() != QTextToSpeech.State.Error:
                log.info("voice guidance on", extra={"engine": name})
                return tts
            log.warning(
                "speech engine not ready", extra={"engine": name, "error": tts.errorString()}
            )
        log.warning("voice guidance off: no speech engine ready", extra={"engines": available})
        return None

    def _engine(self):  # type: ignore[no-untyped-def]
        if not self._opened:
            self._opened = True
            self._tts = self._open_engine(self._engines)
            if self._tts is not None:
                self.set_language(self.language)
        return self._tts

    @property
    def available(self) -> bool:
        return self._engine() is not None

    def set_language(self, language: str) -> None:
        self.language = language
        if not self._opened or self._tts is None:
            return
        wanted = QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Chinese)
        for locale in self._tts.availableLocales():
            if locale.language() == wanted.language():
                self._tts.setLocale(locale)
                return

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted and self._tts is not None:
            self._tts.stop()

    def say(self, text: str) -> None:
        """Speak ``text`` (replacing anything still being spoken)."""
        if not text:
            return
        self.last_text = text
        self.spoken.emit(text)
        if self.muted or self._engine() is None:
            return
        self._tts.stop()
        self._tts.say(text)

    def repeat(self) -> None:
        if self.last_text:
            self.say(self.last_text)

    def stop(self) -> None:
        self.last_text = ""
        if self._tts is not None:
            self._tts.stop()
