"""事项信息查询: a search, departments and common topics as buttons, the matching services.

Filters on the left; on the right either the services that match, a page at a
time, or the guide of the one chosen, with a button back to the list. A filter
that leaves a single service shows its guide at once. Labels wrap into rows, so
long department names (in English, in 长辈版) keep their whole text.

The search box opens a keyboard in place of the page, in letters first: pinyin
initials ("sfz" for 身份证…) are the quickest to type; 中 switches to pinyin input.
The matches are counted as the letters are typed.
"""

from __future__ import annotations

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.pages.service_detail import ServiceDetailPage
from ui.steps.base import StepPage
from ui.widgets.chips import Chips
from ui.widgets.keyboard import PinyinKeyboard
from ui.widgets.page_nav import PageNav
from ui.widgets.reflow import side_by_side, upright

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
#: Longest search text (a service name is shorter).
MAX_SEARCH_CHARS = 20


class GuidePage(StepPage):
    kind = "browse_guide"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.results_page = 0
        self._filters: tuple[str | None, str] | None = None  # the results_page belongs to
        self.search_label = QLabel()
        self.search_open = QPushButton(objectName="Chip")  # the search text, or how to start
        self.search_open.clicked.connect(self.open_search)
        self.search_text = QLabel(objectName="Entry")  # above the keyboard, as typed
        self.search_count = QLabel(objectName="Muted", wordWrap=True)
        self.keyboard = PinyinKeyboard(MAX_SEARCH_CHARS)
        self.keyboard.text_changed.connect(lambda _text: self._search_typed())
        self.keyboard.preedit_changed.connect(lambda _preedit: self._search_typed())
        self.keyboard.done.connect(self.close_search)
        self.dept_label = QLabel()
        # The department chosen, on the page; every department on a panel of its own
        # (a large catalogue's departments do not fit beside the list, in 长辈版 even less).
        self.dept_open = QPushButton(objectName="Chip")
        self.dept_open.clicked.connect(self.open_departments)
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
        self.list_button.clicked.connect(self._back_to_list)

        self.right = QStackedWidget()
        self.right.addWidget(listing)
        self.right.addWidget(self.detail)
        self.done_button = QPushButton(objectName="Primary")
        self.done_button.clicked.connect(lambda: self.step.finish())
        self.filters = QWidget()
        left = QVBoxLayout(self.filters)
        left.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search_open, 1)
        left.addLayout(search_row)
        # The department's name on a line of its own: long ones (English, 长辈版) fit.
        left.addWidget(self.dept_label)
        left.addWidget(self.dept_open)
        for w in (self.topic_label, self.topics):
            left.addWidget(w)
        left.addStretch(1)
        browse = QWidget()
        # The filters beside the list; upright, above it (the list then as wide as the panel).
        self.browse_row = row = side_by_side(QBoxLayout(QBoxLayout.Direction.LeftToRight, browse))
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filters, 1)
        row.addWidget(self.right, 1)
        search = QWidget()
        search_layout = QVBoxLayout(search)
        search_layout.setContentsMargins(0, 0, 0, 0)
        typed_row = QHBoxLayout()
        typed_row.addWidget(self.search_text, 1)
        typed_row.addWidget(self.search_count, 1)
        search_layout.addLayout(typed_row)
        search_layout.addStretch(1)
        search_layout.addWidget(self.keyboard)
        picker = QWidget()
        picker_layout = QVBoxLayout(picker)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        picker_layout.addWidget(self.departments)
        picker_layout.addStretch(1)
        self.views = QStackedWidget()
        self.views.addWidget(browse)
        self.views.addWidget(search)
        self.views.addWidget(picker)
        self.body.addWidget(self.views, 1)
        # Back to the list in the bottom row: the guide beside keeps the room it needs.
        self.actions.addWidget(self.list_button)
        self.actions.addWidget(self.done_button)

    @property
    def search_shown(self) -> bool:
        """Whether the keyboard is up (instead of the filters and the list)."""
        return self.views.currentIndex() == 1

    @property
    def departments_shown(self) -> bool:
        """Whether every department is up to choose from (instead of the list)."""
        return self.views.currentIndex() == 2

    def open_departments(self) -> None:
        self.views.setCurrentIndex(2)
        self.retranslate()
        self.refresh()

    def open_search(self) -> None:
        self.keyboard.blockSignals(True)  # the step's keyword, without echoing it back
        self.keyboard.reset()
        self.keyboard.toggle_mode()  # letters first: initials are the quickest to type
        self.keyboard.set_text(self.step.keyword)
        self.keyboard.blockSignals(False)
        self.views.setCurrentIndex(1)
        self.retranslate()
        self.refresh()

    def close_search(self) -> None:
        self.views.setCurrentIndex(0)
        self.retranslate()
        self.refresh()

    def _search_typed(self) -> None:
        """Search as it is typed: the text, and the pinyin being typed as its letters."""
        if self.step is None or not hasattr(self.step, "keyword"):
            return
        letters = "".join(ch for ch in self.keyboard.preedit if ch.isalpha())
        self.step.set_keyword(f"{self.keyboard.text} {letters}".strip())

    def bind(self, step, language: str) -> None:
        self.views.setCurrentIndex(0)
        super().bind(step, language)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page: nothing typed waits on it for the next visit."""
        super().hideEvent(event)
        self.keyboard.blockSignals(True)
        self.keyboard.reset()
        self.keyboard.blockSignals(False)
        self.views.setCurrentIndex(0)

    def _back_to_list(self) -> None:
        """From one service's guide: the list it was chosen from, or, when a filter left
        only that one, every service again."""
        if self.step.selected is not None:
            self.step.select(None)
        else:
            self.step.set_keyword("")
            self.step.set_department(None)

    def _department(self, key: str) -> None:
        self.views.setCurrentIndex(0)  # chosen: back to the list
        self.retranslate()
        self.step.set_department(None if key == ALL else key)

    def _topic(self, key: str) -> None:
        self.step.set_keyword("" if key == self.step.keyword else key)

    def _results_page(self, page: int) -> None:
        self.results_page = page
        self.refresh()

    def retranslate(self) -> None:
        if self.search_shown:
            self.title.setText(self.tr("输入拼音首字母，如 sfz 查身份证"))
        elif self.departments_shown:
            self.title.setText(self.tr("请选择部门"))
        else:
            self.title.setText(self.tr("事项信息查询"))
        self.search_label.setText(self.tr("查找："))
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
        key = step.department or ALL
        self.dept_open.setText(dict(depts).get(key, key))
        self.topics.set_choices((zh, zh if lang == "zh" else en) for zh, en in TOPICS)
        self.topics.set_checked([step.keyword] if step.keyword else [])

        results = step.results
        self.search_open.setText(step.keyword or self.tr("点这里输入，如 sfz"))
        self.search_text.setText(step.keyword or "—")
        self.search_count.setText(
            self.tr("找到 %1 项").replace("%1", str(len(results)))
            if results
            else self.tr("没有找到相关事项")
        )
        # One primary action at a time: on the keyboard, its own 完成; none on the picker.
        self.done_button.setVisible(self.views.currentIndex() == 0)
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
        # A service's guide takes the whole width (long materials in 长辈版 need it);
        # 返回列表 brings the filters back.
        self.filters.setVisible(chosen is None)
        # Beside the list the filters take half the width; above it, only their height.
        self.browse_row.setStretch(0, 1 if chosen is None and not upright(self) else 0)
        self.list_button.setVisible(chosen is not None and self.views.currentIndex() == 0)
