"""The page for the fingerprint reader."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from ui.steps.base import StepPage
from ui.steps.texts import error_text
from ui.widgets.illustration import Illustration


def finger_text(finger: str | None) -> str:
    return {
        "right_index": QCoreApplication.translate("StepText", "请将右手食指平放在指纹仪上"),
        "left_index": QCoreApplication.translate("StepText", "请将左手食指平放在指纹仪上"),
    }.get(finger or "", QCoreApplication.translate("StepText", "指纹采集完成"))


class FingerprintPage(StepPage):
    kind = "fingerprint"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.progress = QLabel(wordWrap=True)
        # Which finger, on which reader: a picture per finger asked for.
        self.picture = Illustration("fingerprint_right_index")
        self.retry_button = QPushButton(objectName="Primary")
        self.retry_button.clicked.connect(lambda: self.step.capture_next())
        # Full width, text centred: a wrapped label laid out at its own hinted width
        # (an aligned layout item) is not given the height its lines need.
        for label in (self.instruction, self.progress):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.instruction)
        self.body.addWidget(self.picture, 1)
        self.body.addWidget(self.progress)
        self.actions.addWidget(self.retry_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("采集指纹"))
        self.retry_button.setText(self.tr("重新采集"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "captured"):
            return
        self.instruction.setText(finger_text(step.finger))
        if step.finger is not None:
            self.picture.set_what(f"fingerprint_{step.finger}")
        self.picture.setVisible(step.finger is not None)
        if step.error is not None:
            progress = error_text(step.error.code)
        elif getattr(step, "same_finger", False):
            progress = self.tr("这个手指刚才已经采集过了，请换另一只手的食指")
        else:
            progress = self.tr("已采集 %1 枚，共 2 枚").replace("%1", str(len(step.captured)))
        self.progress.setText(progress)
        self.retry_button.setVisible(step.error is not None)
