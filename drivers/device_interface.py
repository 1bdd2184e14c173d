"""What every device kind's interface shares: a status the kiosk can read at any time.

Each kind's interface (``drivers/<kind>/interface.py``) is a ``typing.Protocol`` of what
the kiosk's flows call on that kind; a driver satisfies it by shape, not by inheritance,
so a vendor's driver needs no import from here. The protocols are runtime-checkable:
the flows' device lookup hands a step a device only if it has that shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from drivers.base import DeviceStatus


@runtime_checkable
class ReportsStatus(Protocol):
    """A device whose current status can be read (``drivers.base.Device.status``)."""

    @property
    def status(self) -> DeviceStatus: ...
