"""The window's dialogs over every page: help after "请工作人员协助", take the card and slip.

Wiring only, kept out of ``ui.main_window``: it listens to the visit controller's
events beside the window and draws the two overlays; their buttons go back to the
controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.visit import events as ev
from ui.widgets.help_dialog import HelpDialog
from ui.widgets.take_items import TakeItemsPrompt

if TYPE_CHECKING:
    from ui.main_window import KioskWindow


class WindowOverlays:
    def __init__(self, window: KioskWindow) -> None:
        self.window = window
        self.help_dialog = HelpDialog(window)
        self.take_items = TakeItemsPrompt(window)
        controller = window.controller
        self.take_items.taken.connect(controller.items_taken)
        controller.add_listener(self.on_visit_event)
        window.language.changed.connect(self.help_dialog.set_language)

    def on_visit_event(self, event: ev.VisitEvent) -> None:
        match event:
            case ev.HelpDialog(answer):
                self.help_dialog.show_answer(answer, self.window.language.current)
            case ev.HelpCalled(False):
                self.help_dialog.hide()
            case ev.TakeItems(card, slip):
                self.take_items.show_items(card, slip)
            case ev.ShowFlow():
                self.take_items.show_items(False, False)
