"""事项信息查询: departments and common topics as buttons, the matching services, one's guide.

Filters on the left; on the right either the services that match, a page at a
time, or the guide of the one chosen, with a button back to the list. A filter
that leaves a single service shows its guide at once. Labels wrap into rows, so
long department names (in English, in 长辈版) keep their whole text.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.pages.service_detail import ServiceDetailPage
from ui.steps.base import StepPage
from ui.widgets.chips import Chips
from ui.widgets.page_nav import PageNav

#: Topics offered as buttons, so nobody has to type (Chinese, English keyword).
TOPICS = (
    ("身份证", "ID card"),
    ("社保", "social insurance"),
    ("医保", "medical"),
    ("证明", "proof"),
)
ALL = "__all__"
#: Services listed at once; more are paged (one per row, large enough for 长辈版).
RESULTS_PER_PAGE = 4


class GuidePage(StepPage):
    kind = "browse_guide"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.results_page = 0
        self._filters: tuple[str | None, str] | None = None  # the results_page belongs to
        self.dept_label = QLabel()
        self.departments = Chips(columns=None)
        self.departments.clicked.connect(self._department)
        self.topic_label = QLabel()
        self.topics = Chips(columns=None)
        self.topics.clicked.connect(self._topic)

        self.results_label = QLabel(wordWrap=True)
        self.results = Chips(columns=1)
        self.results.clicked.connect(lambda sid: self.step.select(sid))
        self.results_nav = PageNav()
        self.results_nav.page_requested.connect(self._results_page)
        listing = QWidget()
        listing_layout = QVBoxLayout(listing)
        listing_layout.setContentsMargins(0, 0, 0, 0)
        listing_layout.addWidget(self.results_label)
        listing_layout.addWidget(self.results)
        listing_layout.addStretch(1)
        listing_layout.addWidget(self.results_nav)

        self.detail = ServiceDetailPage(self)
        self.detail.home_button.hide()
        self.list_button = QPushButton(objectName="Secondary")
        self.list_button.clicked.connect(lambda: self.step.select(None))
        self.detail.buttons.insertWidget(0, self.list_button)

        self.right = QStackedWidget()
        self.right.addWidget(listing)
        self.right.addWidget(self.detail)
        self.done_button = QPushButton(objectName="Primary")
        self.done_button.clicked.connect(lambda: self.step.finish())
        left = QVBoxLayout()
        for w in (self.dept_label, self.departments, self.topic_label, self.topics):
            left.addWidget(w)
        left.addStretch(1)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid, 1)
        self.actions.addWidget(self.done_button)

    def _department(self, key: str) -> None:
        self.step.set_department(None if key == ALL else key)

    def _topic(self, key: str) -> None:
        self.step.set_keyword("" if key == self.step.keyword else key)

    def _results_page(self, page: int) -> None:
        self.results_page = page
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("事项信息查询"))
        self.dept_label.setText(self.tr("按部门查找："))
        self.topic_label.setText(self.tr("常见事项："))
        self.list_button.setText(self.tr("返回列表"))
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
        filters = (step.department, step.keyword)
        if filters != self._filters:  # new filters: their results from the first page
            self._filters, self.results_page = filters, 0
        pages = max(1, -(-len(results) // RESULTS_PER_PAGE))
        self.results_page = min(self.results_page, pages - 1)
        first = self.results_page * RESULTS_PER_PAGE
        shown = results[first : first + RESULTS_PER_PAGE]
        self.results.set_choices((s.id, s.name.get(lang)) for s in shown)
        self.results_nav.set_page(self.results_page, pages)
        self.results_label.setText(
            self.tr("找到 %1 项，请点选查看：").replace("%1", str(len(results)))
            if results
            else self.tr("没有找到相关事项，请换一个部门或事项。")
        )
        # One match: its guide at once. Otherwise the one chosen, else the list.
        chosen = step.selected or (results[0] if len(results) == 1 else None)
        if chosen is not None:
            self.detail.show_service(chosen, lang, step.env.config.kiosk.hall_address)
            self.right.setCurrentWidget(self.detail)
        else:
            self.right.setCurrentIndex(0)
        self.list_button.setVisible(step.selected is not None and len(results) > 1)
