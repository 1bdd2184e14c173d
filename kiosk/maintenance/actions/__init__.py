"""What a technician can do, one module per screen; each call is audited exactly once.

Every public method of :class:`~kiosk.maintenance.actions.devices.DeviceActions`,
:class:`~kiosk.maintenance.actions.queue.QueueActions`,
:class:`~kiosk.maintenance.actions.payments.PaymentActions`,
:class:`~kiosk.maintenance.actions.loading.LoadingActions` and
:class:`~kiosk.maintenance.actions.service.ServiceActions` writes one audit
record with the technician in session and its outcome. Calls that wait on a
device or the network block: screens run them off their own thread.
"""

from __future__ import annotations

from kiosk.maintenance.actions.base import Actions
from kiosk.maintenance.actions.devices import DeviceActions
from kiosk.maintenance.actions.loading import LoadingActions
from kiosk.maintenance.actions.payments import PaymentActions
from kiosk.maintenance.actions.queue import QueueActions
from kiosk.maintenance.actions.service import ServiceActions

__all__ = [
    "Actions",
    "DeviceActions",
    "LoadingActions",
    "PaymentActions",
    "QueueActions",
    "ServiceActions",
]
