"""证件装载: scan a card's application code, put it in the slot named, the sensor confirms it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.collection.inventory import Discrepancy, Gap
from kiosk.flow.engine import Executor
from kiosk.maintenance.actions import LoadingActions
from kiosk.maintenance.actions.loading import LoadResult, SlotChoice, StoreView
from ui.maintenance.page_base import ConsolePage


class LoadingPage(ConsolePage):
    def __init__(
        self, actions: LoadingActions, run_async: Executor, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, run_async, parent)
        self.code_entry = QLineEdit()
        self.code_entry.setMaxLength(64)
        self.code_entry.returnPressed.connect(self.load_typed)
        self.load_button = QPushButton(objectName="Primary")
        self.load_button.clicked.connect(self.load_typed)
        self.instruction = QLabel(objectName="Heading", wordWrap=True)
        self.summary = QLabel(wordWrap=True)
        self.slots = QLabel(wordWrap=True)
        self.problems = QLabel(objectName="Alert", wordWrap=True)
        self.unload_slot = QSpinBox(minimum=1, maximum=255)
        self.unload_button = QPushButton(objectName="Secondary")
        self.unload_button.clicked.connect(self.unload)
        entry = QHBoxLayout()
        entry.addWidget(self.code_entry, 1)
        entry.addWidget(self.load_button)
        unload = QHBoxLayout()
        unload.addWidget(self.unload_slot)
        unload.addWidget(self.unload_button)
        unload.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(entry)
        layout.addWidget(self.instruction)
        layout.addWidget(self.result)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.slots)
        layout.addLayout(unload)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("证件装载"))
        self.code_entry.setPlaceholderText(self.tr("扫描或输入证件上的申请编号"))
        self.load_button.setText(self.tr("分配槽位"))
        self.unload_button.setText(self.tr("登记取出该槽位的证件"))

    # ---- the store
    def refresh(self) -> None:
        self.act(self.actions.overview, self._show)

    def _show(self, view: StoreView) -> None:
        if not view.available:
            self.summary.setText(self.tr("发证机不可用（%1）").replace("%1", view.code))
            self.slots.clear()
            self.problems.clear()
            return
        free = str(view.free_slot) if view.free_slot is not None else self.tr("无")
        self.summary.setText(
            self.tr("共 %1 个槽位，已登记 %2 张证件，空闲槽位：%3")
            .replace("%1", str(view.slot_count))
            .replace("%2", str(len(view.entries)))
            .replace("%3", free)
        )
        self.slots.setText(
            "\n".join(
                self.tr("%1 号槽位：%2").replace("%1", str(e.slot)).replace("%2", e.application_no)
                for e in view.entries
            )
        )
        self._show_problems(view.discrepancies)

    def _show_problems(self, found: tuple[Discrepancy, ...]) -> None:
        lines = []
        for d in found:
            if d.gap is Gap.MISSING:
                text = self.tr("%1 号槽位：已登记证件 %2，传感器未检测到证件，请核对")
                lines.append(text.replace("%1", str(d.slot)).replace("%2", d.application_no))
            else:
                text = self.tr("%1 号槽位：传感器检测到未登记的证件，请核对")
                lines.append(text.replace("%1", str(d.slot)))
        self.problems.setText("\n".join(lines))

    # ---- loading
    def scanned(self, code: str) -> None:
        """A code from the scanner while this page is shown: load that card."""
        self.code_entry.setText(code.strip()[:64])
        self.load_typed()

    def load_typed(self) -> None:
        code = self.code_entry.text().strip()
        if not code or self.busy:
            return
        self.act(lambda: self.actions.slot_for(code), lambda c: self._slot_chosen(code, c))

    def _slot_chosen(self, code: str, choice: SlotChoice) -> None:
        if choice.code == "ALREADY_LOADED":
            self.instruction.setText(
                self.tr("该证件已登记在 %1 号槽位").replace("%1", str(choice.slot))
            )
            return
        if choice.slot is None:
            self.instruction.setText(self.tr("无法分配槽位（%1）").replace("%1", choice.code))
            return
        slot = choice.slot
        self.instruction.setText(self.tr("请将证件放入 %1 号槽位").replace("%1", str(slot)))
        self.act(lambda: self.actions.confirm(code, slot), self._loaded)
        self.result.setText(self.tr("等待槽位传感器确认…"))

    def _loaded(self, result: LoadResult) -> None:
        if result.loaded:
            self.instruction.setText(
                self.tr("已装入 %1 号槽位，请扫描下一张").replace("%1", str(result.slot))
            )
            self.code_entry.clear()
        else:
            self.instruction.setText(
                self.tr("%1 号槽位未检测到证件，未登记（%2）")
                .replace("%1", str(result.slot))
                .replace("%2", result.code)
            )
        self.act(self.actions.overview, self._show)

    def unload(self) -> None:
        slot = self.unload_slot.value()

        def shown(application_no: str | None) -> None:
            if application_no is None:
                self.instruction.setText(self.tr("%1 号槽位没有登记证件").replace("%1", str(slot)))
            else:
                self.instruction.setText(
                    self.tr("已登记取出 %1 号槽位的证件").replace("%1", str(slot))
                )
            self.act(self.actions.overview, self._show)

        self.act(lambda: self.actions.unload(slot), shown)
