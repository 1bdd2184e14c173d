"""事项信息查询: departments and common topics as buttons, results, one service's guide."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout

from ui.pages.service_detail import ServiceDetailPage
from ui.steps.base import StepPage
from ui.widgets.chips import Chips

#: Topics offered as buttons, so nobody has to type (Chinese, English keyword).
TOPICS = (
    ("身份证", "ID card"),
    ("社保", "social insurance"),
    ("医保", "medical"),
    ("证明", "proof"),
)
ALL = "__all__"


class GuidePage(StepPage):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.dept_label = QLabel()
        self.departments = Chips(columns=4)
        self.departments.clicked.connect(self._department)
        self.topic_label = QLabel()
        self.topics = Chips(columns=4)
        self.topics.clicked.connect(self._topic)
        self.results = Chips(columns=2)
        self.results.clicked.connect(lambda sid: self.step.select(sid))
        self.detail = ServiceDetailPage(self)
        self.detail.home_button.hide()
        self.done_button = QPushButton(objectName="Primary")
        self.done_button.clicked.connect(lambda: self.step.finish())
        grid = QGridLayout()
        left = QVBoxLayout()
        for w in (self.dept_label, self.departments, self.topic_label, self.topics, self.results):
            left.addWidget(w)
        left.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.detail, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid, 1)
        self.actions.addWidget(self.done_button)

    def _department(self, key: str) -> None:
        self.step.set_department(None if key == ALL else key)

    def _topic(self, key: str) -> None:
        self.step.set_keyword("" if key == self.step.keyword else key)

    def retranslate(self) -> None:
        self.title.setText(self.tr("事项信息查询"))
        self.dept_label.setText(self.tr("按部门查找："))
        self.topic_label.setText(self.tr("常见事项："))
        self.done_button.setText(self.tr("查询完毕"))

    def refresh(self) -> None:
        step = self.step
        if step is None or not hasattr(step, "keyword"):
            return
        lang = self.language
        depts = [(ALL, self.tr("全部"))] + [(d.zh, d.get(lang)) for d in step.departments]
        self.departments.set_choices(depts)
        self.departments.set_checked([step.department or ALL])
        self.topics.set_choices((zh, zh if lang == "zh" else en) for zh, en in TOPICS)
        self.topics.set_checked([step.keyword] if step.keyword else [])
        results = step.results
        self.results.set_choices((s.id, s.name.get(lang)) for s in results[:6])
        self.results.set_checked([step.selected.id] if step.selected else [])
        shown = step.selected or (results[0] if results else None)
        self.detail.setVisible(shown is not None)
        if shown is not None:
            self.detail.show_service(shown, lang)
