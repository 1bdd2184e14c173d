"""The receipt printer as flows use it: print one slip and say what became of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus

if TYPE_CHECKING:
    from drivers.printer.document import PrintOutcome, Slip


@runtime_checkable
class ReceiptPrinter(ReportsStatus, Protocol):
    def print_slip(self, slip: Slip) -> PrintOutcome:
        """Print ``slip``, blocking until printed, failed or uncertain (never on the GUI thread)."""
        ...
