"""Pages of the camera steps: face verification (liveness + comparison) and the ID photo."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout

from kiosk.flow.face_verify import Phase
from kiosk.flow.photo import PhotoState
from ui.design_tokens import space
from ui.steps.base import StepPage
from ui.theme import PRIMARY
from ui.widgets.camera_view import CameraView, PhotoView
from ui.widgets.illustration import Illustration, fit_in_column
from ui.widgets.reflow import side_by_side


def reason_text(reason: str) -> str:
    """What to do about a face-check reason code (``kiosk.face.Reason``)."""
    texts = {
        "NO_FACE": QCoreApplication.translate("CameraText", "请正对镜头，把脸放在框内"),
        "MULTIPLE_FACES": QCoreApplication.translate("CameraText", "请只留一人在镜头前"),
        "TOO_FAR": QCoreApplication.translate("CameraText", "请靠近一点"),
        "TOO_CLOSE": QCoreApplication.translate("CameraText", "请离远一点"),
        "MOVE_LEFT": QCoreApplication.translate("CameraText", "请向左移一点"),
        "MOVE_RIGHT": QCoreApplication.translate("CameraText", "请向右移一点"),
        "MOVE_UP": QCoreApplication.translate("CameraText", "请稍微抬高一点"),
        "MOVE_DOWN": QCoreApplication.translate("CameraText", "请稍微放低一点"),
        "FACE_TURNED": QCoreApplication.translate("CameraText", "请正对镜头，不要侧脸"),
        "CHIN_UP": QCoreApplication.translate("CameraText", "请稍微低一点头"),
        "CHIN_DOWN": QCoreApplication.translate("CameraText", "请稍微抬一点头"),
        "HEAD_TILTED": QCoreApplication.translate("CameraText", "请把头摆正"),
        "EYES_CLOSED": QCoreApplication.translate("CameraText", "请睁开眼睛"),
        "TOO_DARK": QCoreApplication.translate("CameraText", "脸部太暗，请正对灯光"),
        "TOO_BRIGHT": QCoreApplication.translate("CameraText", "脸部太亮，请稍微后退"),
        "UNEVEN_LIGHTING": QCoreApplication.translate("CameraText", "脸部光线不均匀，请正对屏幕"),
        "BACKGROUND_NOT_PLAIN": QCoreApplication.translate(
            "CameraText", "背景不够干净，请站到浅色背景前"
        ),
        "BACKGROUND_TOO_DARK": QCoreApplication.translate(
            "CameraText", "背景太暗，请站到浅色背景前"
        ),
        "BLURRY": QCoreApplication.translate("CameraText", "请保持不动"),
        "LIVENESS_TIMEOUT": QCoreApplication.translate("CameraText", "动作检测超时，请重试"),
        "FACE_LOST": QCoreApplication.translate("CameraText", "请保持脸在框内"),
        "FACE_CHANGED": QCoreApplication.translate("CameraText", "检测到换人，请重试"),
        "WRONG_ACTION": QCoreApplication.translate(
            "CameraText", "动作与提示不一致，请重试，并按屏幕提示做"
        ),
    }
    return texts.get(reason, QCoreApplication.translate("CameraText", "请正对镜头"))


def challenge_text(action: str | None) -> str:
    """The prompt of a liveness action (``kiosk.face.ChallengeKind``); None: the pause
    before the next prompt, when the citizen holds still."""
    texts = {
        "blink": QCoreApplication.translate("CameraText", "请眨一眨眼睛"),
        "turn_left": QCoreApplication.translate("CameraText", "请慢慢向左转头"),
        "turn_right": QCoreApplication.translate("CameraText", "请慢慢向右转头"),
        "look_up": QCoreApplication.translate("CameraText", "请慢慢抬头向上看"),
    }
    if action is None:
        return QCoreApplication.translate("CameraText", "请看着屏幕，保持不动")
    return texts.get(action, "")


#: The tallest the picture of where the camera is gets, beside the preview.
WHERE_HEIGHT = 240


class CameraPage(StepPage):
    """Preview (or photo) on the left, the instruction in large type on the right.

    Above the instruction, while the preview runs, a picture of where the camera is on
    this kiosk: a citizen looks at the camera, not at their own face on the screen.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view = CameraView()
        self.photo_view = PhotoView()
        self.picture = QStackedWidget()
        self.picture.addWidget(self.view)
        self.picture.addWidget(self.photo_view)
        # Heading size from the theme (larger in 长辈版), in the primary colour.
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.instruction.setStyleSheet(f"color: {PRIMARY};")
        self.detail = QLabel(wordWrap=True)
        self.note = QLabel(objectName="Muted", wordWrap=True)
        self.where = Illustration("camera_look")
        self.where.setMinimumSize(0, 0)  # the room the words leave (fit_in_column)
        self.live = False
        self.side = side = QVBoxLayout()
        side.addWidget(self.where, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        side.addWidget(self.instruction)
        side.addWidget(self.detail)
        side.addStretch(2)
        side.addWidget(self.note)
        row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        # Half each: on a short panel in 长辈版 the words need the width to fit in height.
        row.addWidget(self.picture, 1)
        row.addSpacing(space("xl"))
        row.addLayout(side, 1)
        self.body.addLayout(row, 1)

    def show_live(self, live: bool) -> None:
        """Preview on (the step looks at the camera) or off (frame dropped, timer stopped)."""
        step = self.step
        on = live and step is not None and step.active and step.previewing
        self.view.set_source(step.preview_frame if on else None)
        self.view.set_placeholder(
            QCoreApplication.translate("CameraText", "正在打开摄像头……")
            if on
            else QCoreApplication.translate("CameraText", "摄像头画面已关闭")
        )
        self.live = on
        if on:
            self.picture.setCurrentWidget(self.view)

    def _fit_where(self) -> None:
        fit_in_column(self.where, self.side, WHERE_HEIGHT, self.live)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_where()


class FaceVerifyPage(CameraPage):
    kind = "face_verify"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.retry_button = QPushButton(objectName="Primary")
        self.next_button = QPushButton(objectName="Primary")
        self.retry_button.clicked.connect(lambda: self.step.retry())
        self.next_button.clicked.connect(lambda: self.step.proceed())
        self.actions.addWidget(self.retry_button)
        self.actions.addWidget(self.next_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("人脸比对"))
        self.retry_button.setText(self.tr("重试"))
        self.next_button.setText(self.tr("下一步"))
        self.note.setText(self.tr("画面只用于本次核验，办理结束后立即清除。"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "phase"):
            return
        self.show_live(True)
        phase = step.phase
        self.view.set_guide_ok(phase is Phase.CHALLENGE)
        instruction, detail = "", ""
        if phase is Phase.POSITIONING:
            instruction = reason_text(step.guidance) if step.guidance else self.tr("请保持不动")
            detail = self.tr("请摘下帽子和墨镜。准备好后，请按屏幕提示眨眼、转头或抬头。")
        elif phase is Phase.CHALLENGE:
            instruction = challenge_text(step.challenge_step)
            done, total = step.challenge_progress
            detail = (
                self.tr("第 %1 个动作，共 %2 个")
                .replace("%1", str(done + 1))
                .replace("%2", str(total))
            )
            if step.guidance:
                detail = reason_text(step.guidance)
        elif phase is Phase.COMPARING:
            instruction = self.tr("正在比对，请稍候……")
        elif phase is Phase.PASSED:
            instruction = self.tr("人脸比对已通过")
        elif step.error is not None:
            instruction, detail = self._problem(step)
        self.instruction.setText(instruction)
        self.detail.setText(detail)
        self.retry_button.setVisible(step.can_retry)
        self._fit_where()
        self.next_button.setVisible(phase is Phase.PASSED)

    def _problem(self, step) -> tuple[str, str]:
        code = step.error.code
        if code in ("FACE_MISMATCH", "FACE_MISMATCH_LIMIT"):
            instruction = self.tr("比对未通过")
        elif code == "LIVENESS_FAILED":
            instruction = reason_text(step.liveness_reason or "LIVENESS_TIMEOUT")
        elif code == "FACE_NOT_FOUND":
            instruction = reason_text("NO_FACE")
        else:
            instruction = self.tr("人脸比对暂停")
        if step.can_retry:
            return instruction, self.tr("准备好后请点“重试”。")
        return instruction, self.tr("请点击右上角“请工作人员协助”，工作人员会来帮您。")


class PhotoCapturePage(CameraPage):
    kind = "photo_capture"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.capture_button = QPushButton(objectName="Primary")
        self.retake_button = QPushButton(objectName="Secondary")
        self.accept_button = QPushButton(objectName="Primary")
        self.retry_button = QPushButton(objectName="Primary")
        self.capture_button.clicked.connect(lambda: self.step.capture())
        self.retake_button.clicked.connect(lambda: self.step.retake())
        self.accept_button.clicked.connect(lambda: self.step.accept())
        self.retry_button.clicked.connect(lambda: self.step.retry())
        buttons = (self.capture_button, self.retake_button, self.accept_button, self.retry_button)
        for button in buttons:
            self.actions.addWidget(button)
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def retranslate(self) -> None:
        self.title.setText(self.tr("拍摄证件照"))
        self.capture_button.setText(self.tr("拍照"))
        self.retake_button.setText(self.tr("重拍"))
        self.accept_button.setText(self.tr("使用这张"))
        self.retry_button.setText(self.tr("再拍一次"))
        self.note.setText(self.tr("要求：正脸，露出眉毛和耳朵，不戴帽子和深色眼镜。"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        state = step.state
        self.show_live(True)
        self.view.set_guide_ok(state is PhotoState.LIVE and step.guidance is None)
        review = state is PhotoState.REVIEW
        if review and step.photo is not None:
            if self.photo_view.image_size is None:
                self.photo_view.set_image(step.photo)
            self.picture.setCurrentWidget(self.photo_view)
        else:
            self.photo_view.set_image(None)
        if state is PhotoState.LIVE:
            if step.guidance:
                self.instruction.setText(reason_text(step.guidance))
                self.detail.setText(self.tr("符合要求后会自动拍照"))
            else:
                self.instruction.setText(self.tr("很好，请保持不动"))
                self.detail.setText(self.tr("马上为您拍照……"))
        elif state is PhotoState.CAPTURING:
            self.instruction.setText(self.tr("正在拍照……"))
            self.detail.setText("")
        elif state is PhotoState.STOPPED:
            self.instruction.setText(self.tr("没能拍成照片"))
            self.detail.setText(self._stopped_detail(step))
        else:
            self.instruction.setText(self.tr("请确认照片"))
            self.detail.setText(self.tr("满意请点“使用这张”，不满意请点“重拍”。"))
        stopped = state is PhotoState.STOPPED
        self.capture_button.setVisible(not review and not stopped)
        self.capture_button.setEnabled(step.can_capture)
        self.retake_button.setVisible(review)
        self.accept_button.setVisible(review)
        self.retry_button.setVisible(step.can_retry)
        self._fit_where()

    def _stopped_detail(self, step) -> str:
        """Why there is no photo (the check failed most), then what the citizen can do."""
        why = ""
        if step.timeout_reason:
            why = self.tr("拍摄时一直提示“%1”。").replace("%1", reason_text(step.timeout_reason))
        if step.can_retry:
            todo = self.tr(
                "可以点“再拍一次”；需要帮助请点右上角“请工作人员协助”，不办了请点“取消办理”。"
            )
        else:
            todo = self.tr("请点击右上角“请工作人员协助”，工作人员会来帮您；或点“取消办理”。")
        return why + todo
