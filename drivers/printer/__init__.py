"""Receipt printer (ESC/POS): slip model, driver, simulator and renderer.

Kiosk code builds a :class:`Slip`, calls ``printer.print_slip(slip)`` and gets
a :class:`PrintOutcome` (PRINTED, NOT_PRINTED or UNCERTAIN) back.

Drivers: ``escpos`` (:class:`drivers.printer.escpos_printer.EscposPrinter`,
network/serial/USB through python-escpos) and ``escpos-sim`` (the same driver
against the loopback simulator in :mod:`drivers.printer.simulator`).

Status codes (``DeviceStatus.code``) and who must act:

    OK                              ready (state ONLINE, or BUSY while printing)
    PRINTER_PAPER_LOW               paper near end; still prints      staff
    PRINTER_PAPER_OUT               no paper                          staff
    PRINTER_COVER_OPEN              cover open                        staff
    PRINTER_OFFLINE                 offline for another reason        staff
    PRINTER_CUTTER_ERROR            autocutter jammed                 staff
    PRINTER_RECOVERABLE_ERROR       error the staff can clear         staff
    PRINTER_AUTO_RECOVERABLE_ERROR  e.g. head too hot; resumes        automatic
    PRINTER_UNRECOVERABLE_ERROR     hardware fault                    technician
    PRINTER_BAD_REPLY               replies make no sense (baud rate?) configuration
    DEVICE_TIMEOUT                  no reply to status requests       automatic (reconnects)
    DEVICE_LOST                     link refused or dropped           automatic (reconnects)
    CONFIG_ERROR                    e.g. USB without pyusb            configuration
    NOT_OPEN                        driver closed

Outcome codes add PRINTER_NOT_CONFIRMED (sent, but the printer never confirmed
it had processed the slip) and PRINTER_NO_CJK_FONT (a character needs drawing
and no CJK font is installed); the external health check may answer
DEVICE_BUSY (a slip kept the printer busy for the whole check).
"""

from drivers.printer.document import (
    Align,
    Cut,
    Feed,
    Picture,
    PrintOutcome,
    PrintResult,
    QrCode,
    Separator,
    Slip,
    Text,
)

__all__ = [
    "Align",
    "Cut",
    "Feed",
    "Picture",
    "PrintOutcome",
    "PrintResult",
    "QrCode",
    "Separator",
    "Slip",
    "Text",
]
