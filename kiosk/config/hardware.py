"""The kiosk's hardware layouts: where the devices sit around the screen, one chosen per site.

The screens show where the card goes, where to look and where the slip comes out
with pictures drawn for each layout (``ui/illustrations/<layout>/``); a site names its
cabinet in ``[ui] hardware_layout``.

- ``desk-21``: a desk or counter kiosk, 21.5" screen; the card reader, fingerprint
  reader, code scanner and slip printer on the desk right of the screen, the card
  dispenser in the unit beside it, the A4 printer in the cabinet under the desk.
- ``upright-32``: an upright cabinet (政务一体机), 32" screen on top; every device on
  the shelf or in the cabinet front below the screen.
"""

from __future__ import annotations

from typing import Literal, get_args

HardwareLayout = Literal["desk-21", "upright-32"]

#: Every layout, in the order a configuration error names them.
HARDWARE_LAYOUTS: tuple[str, ...] = get_args(HardwareLayout)

#: The layout of the development kiosk; its pictures stand in for any a layout lacks.
DEFAULT_LAYOUT: HardwareLayout = "desk-21"
