"""A supervised driver whose status is one query to the device, one exchange at a time."""

from __future__ import annotations

import threading

from drivers.base import DeviceError, DeviceStatus
from drivers.supervisor import SupervisedDevice


class QueriedStatus(SupervisedDevice):
    """Polls :meth:`_query_status` under ``_io``, the lock of every exchange with the device."""

    _io: threading.Lock

    def _query_status(self) -> DeviceStatus:
        """Ask the device how it is; raises :class:`DeviceError` when it cannot. Hold ``_io``."""
        raise NotImplementedError

    def _poll(self) -> None:
        # A job in progress holds the device, and reads its status itself.
        if not self._io.acquire(blocking=False):
            return
        try:
            self._set_status(self._query_status())
        finally:
            self._io.release()

    def _refresh(self) -> DeviceStatus:
        """Read and publish the status; a failure becomes its status. Hold ``_io``."""
        try:
            status = self._query_status()
        except DeviceError as exc:
            status = self._status_for(exc)
        self._set_status(status)
        return status
