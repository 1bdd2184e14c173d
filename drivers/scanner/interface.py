"""The barcode scanner as flows use it.

Scanned codes arrive as events (``drivers.scanner.model.CodeScanned``) through the
device's listeners, whichever transport the scanner uses (serial, HID, camera);
a flow only reads whether it can scan now.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drivers.device_interface import ReportsStatus


@runtime_checkable
class CodeScanner(ReportsStatus, Protocol):
    """Nothing to call: codes come as events; the status says whether they can."""
