"""Certificate pages: choose the period and fetch, preview the page (QtPdf), print on A4.

The preview is the citizen's own screen: it shows the page as the platform made it,
rendered from memory (a QBuffer, never a file); the picture is dropped when the
visit ends. A failed print says why, that nothing was charged (certificates are
free), and offers the reprint once the printer is back.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from kiosk.flow.certificate import FetchState, PrintState
from ui import design_tokens as tokens
from ui.steps.base import StepPage
from ui.widgets.chips import Chips
from ui.widgets.illustration import Illustration

# Height in pixels the page is rendered at; the label scales it to fit.
RENDER_HEIGHT = 1400


def certificate_error(code: str) -> str:
    """What went wrong fetching the certificate, and what to do."""
    texts = {
        "CERT_NO_RECORD": QCoreApplication.translate(
            "CertificateText", "平台上没有查到您的相关记录，请到窗口或拨打咨询电话核实。"
        ),
        "CERT_PERIOD_OUT_OF_RANGE": QCoreApplication.translate(
            "CertificateText", "该期间暂时无法开具证明，请换一个期间再试。"
        ),
        "CERT_UNAVAILABLE": QCoreApplication.translate(
            "CertificateText", "暂时无法从平台获取证明，请稍后点“重试”或联系工作人员。"
        ),
        "CERT_NOT_CONFIGURED": QCoreApplication.translate(
            "CertificateText", "本机暂不能开具此证明，请联系工作人员。"
        ),
    }
    return texts.get(code, texts["CERT_UNAVAILABLE"])


def load_pdf(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """The PDF opened from memory; keep the buffer as long as the document is used."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def render_first_page(pdf: bytes, height: int = RENDER_HEIGHT) -> QImage:
    """The PDF's first page as an image, read from memory; a null image if it cannot be."""
    document, buffer = load_pdf(pdf)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            return QImage()
        points = document.pagePointSize(0)
        width = round(height * points.width() / points.height())
        return document.render(0, QSize(width, height))
    finally:
        document.close()
        buffer.close()
        buffer.setData(QByteArray())


class CertificateFetchPage(StepPage):
    kind = "certificate_fetch"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = QLabel(objectName="Heading", wordWrap=True)
        self.problem = QLabel(objectName="Alert", wordWrap=True)
        self.periods = Chips(columns=1)
        self.periods.clicked.connect(lambda key: self.step.choose(key))
        self.fetch_button = QPushButton(objectName="Primary")
        self.fetch_button.clicked.connect(lambda: self.step.fetch())
        for w in (self.status, self.problem, self.periods):
            self.body.addWidget(w)
        self.body.addStretch(1)
        self.actions.addWidget(self.fetch_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("获取证明"))

    def _period_label(self, period) -> str:
        name = {
            "last_12": self.tr("最近12个月"),
            "last_year": self.tr("上一年度"),
            "this_year": self.tr("本年度至今"),
        }.get(period.key, period.key)
        (y0, m0), (y1, m1) = period.first, period.last
        return f"{name}（{y0}.{m0:02d} – {y1}.{m1:02d}）"

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        choosing = step.needs_period and step.state is not FetchState.FETCHING
        self.periods.set_choices((p.key, self._period_label(p)) for p in step.choices)
        self.periods.set_checked([step.chosen.key] if step.chosen else [])
        self.periods.setVisible(choosing)
        if step.state is FetchState.FETCHING:
            self.status.setText(self.tr("正在从平台获取您的证明，请稍候……"))
        elif step.needs_period:
            self.status.setText(self.tr("请选择证明的期间，然后点“获取证明”"))
        else:
            self.status.setText(self.tr("获取证明没有成功"))
        error = step.error
        self.problem.setText(certificate_error(error.code) if error is not None else "")
        self.problem.setVisible(error is not None)
        self.fetch_button.setText(self.tr("重试") if error is not None else self.tr("获取证明"))
        self.fetch_button.setVisible(step.state is not FetchState.FETCHING)


class CertificatePreviewPage(StepPage):
    kind = "certificate_preview"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.preview = QLabel(objectName="CertificatePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setStyleSheet(
            f"background: {tokens.SURFACE};"
            f"border: {tokens.LINE_PX['thin']}px solid {tokens.OUTLINE};"
        )
        self.hint = QLabel(wordWrap=True)
        self.number = QLabel(objectName="Muted", wordWrap=True)
        side = QVBoxLayout()
        side.addWidget(self.hint)
        side.addWidget(self.number)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.preview, 3)
        row.addLayout(side, 2)
        self.body.addLayout(row, 1)
        self.print_button = QPushButton(objectName="Primary")
        self.print_button.clicked.connect(lambda: self.step.accept())
        self.actions.addWidget(self.print_button)
        self.image = QImage()
        self._shown_no = ""  # the certificate whose page is rendered

    def retranslate(self) -> None:
        self.title.setText(self.tr("预览证明"))
        self.hint.setText(
            self.tr(
                "这是将要打印的证明，请核对。证明上的印章和验证码由平台出具，打印件可凭验证码核验。"
            )
        )
        self.print_button.setText(self.tr("打印"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "certificate_no"):
            return
        if step.certificate_no != self._shown_no:
            self._shown_no = step.certificate_no
            self.image = render_first_page(step.pdf) if step.certificate_no else QImage()
            self._fit()
        self.number.setText(
            self.tr("证明编号：%1").replace("%1", step.certificate_no)
            if step.certificate_no
            else ""
        )
        self.explain(
            self.print_button, None if not self.image.isNull() else self.tr("没有可打印的证明")
        )

    def _fit(self) -> None:
        if self.image.isNull():
            self.preview.clear()
            return
        size = self.preview.size()
        pixmap = QPixmap.fromImage(self.image)
        if size.width() > 10 and size.height() > 10:
            pixmap = pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.preview.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def forget_input(self) -> None:
        super().forget_input()
        self.image = QImage()  # the page shows personal data: gone with the visit
        self._shown_no = ""
        self.preview.clear()


class CertificatePrintPage(StepPage):
    kind = "certificate_print"
    shows_errors = True

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = QLabel(objectName="Heading", wordWrap=True)
        self.detail = QLabel(wordWrap=True)
        self.free_note = QLabel(objectName="Alert", wordWrap=True)
        for w in (self.status, self.detail, self.free_note):
            self.body.addWidget(w)
        self.picture = Illustration("a4_tray")  # where the certificate comes out, on this kiosk
        self.picture.setMaximumSize(*tokens.size("picture_large"))
        self.body.addWidget(self.picture, 1, Qt.AlignmentFlag.AlignHCenter)
        self.reprint_button = QPushButton(objectName="Secondary")
        self.reprint_button.clicked.connect(lambda: self.step.reprint())
        self.next_button = QPushButton(objectName="Primary")
        self.next_button.clicked.connect(lambda: self.step.finish())
        self.actions.addWidget(self.reprint_button)
        self.actions.addWidget(self.next_button)

    def retranslate(self) -> None:
        self.title.setText(self.tr("打印证明"))
        self.reprint_button.setText(self.tr("重新打印"))
        self.next_button.setText(self.tr("下一步"))

    def _problem_text(self) -> str:
        problem = self.step.problem
        code = problem.code if problem is not None else ""
        if "MEDIA_EMPTY" in code or code == "PAPER_OUT":
            cause = self.tr("打印机缺纸，")
        elif code == "DOCPRINTER_MISSING":
            cause = self.tr("本机A4打印机暂不可用，")
        else:
            cause = self.tr("打印机出现故障，")
        if problem is not None and problem.uncertain:
            return cause + self.tr("证明可能没有打印完整，请不要使用不完整的打印件。")
        return cause + self.tr("证明没有打印出来。")

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "state"):
            return
        state = step.state
        failed = state is PrintState.FAILED
        if state is PrintState.PRINTING:
            self.status.setText(self.tr("正在打印证明，请稍候……"))
            self.detail.setText("")
        elif state is PrintState.PRINTED:
            self.status.setText(self.tr("打印完成，请从A4出纸口取走您的证明"))
            self.detail.setText(self.tr("证明可凭页面上的验证码核验真伪。"))
        else:
            self.status.setText(self._problem_text())
            self.detail.setText(
                self.tr("请联系工作人员处理，打印机恢复后点“重新打印”。")
                if not step.printer_ready
                else self.tr("打印机已恢复，请点“重新打印”。")
            )
        # Certificates are free: a failed print costs nothing, and the citizen is told so.
        self.free_note.setText(self.tr("本服务免费，没有产生任何费用。") if failed else "")
        self.free_note.setVisible(failed)
        self.reprint_button.setVisible(failed)
        self.next_button.setVisible(not failed)
        if failed:
            self.explain(
                self.reprint_button, None if step.printer_ready else self.tr("请等打印机恢复")
            )
        else:
            self.reprint_button.setEnabled(False)
            self.explain(
                self.next_button,
                self.tr("请等打印完成") if state is PrintState.PRINTING or step.busy else None,
            )
