"""Durable offline outbox, sync worker and platform client (no Qt, no kiosk imports).

Usage (:class:`QueueService` does the first three lines, starting the platform
simulator on loopback when no platform is configured)::

    outbox = Outbox.open(config.queue, data_dir)
    client = PlatformClient(url, kiosk_id, token, config.platform)
    worker = SyncWorker(outbox, client); worker.start()
    ticket = outbox.submit("id_card_reissue", payload, pii={"id_number": ..., "name": ...},
                           case_key=application_no)
    ticket.id            # UUIDv7, the idempotency key: print it on the slip
    ticket.add_done_callback(on_saved)   # or ticket.wait(timeout)
    ...
    worker.stop(); outbox.close(); client.close()

Row states: ``pending`` → ``in_flight`` → ``delivered`` (accepted or duplicate)
or ``dead`` (rejected for good; a technician may retry it). Availability codes
(why :attr:`Outbox.accepting` is False) are listed in
:mod:`offline_queue.availability`; platform failure codes in
:class:`offline_queue.client.FailureKind`.
"""

from offline_queue.availability import Availability
from offline_queue.client import (
    ApplicationStatus,
    DeliveryResult,
    FailureKind,
    IdentityResult,
    PlatformClient,
    PlatformConfigError,
    PlatformError,
    resolve_token,
)
from offline_queue.db import State
from offline_queue.errors import CorruptDatabase, KeyUnavailable, QueueError, QueueUnavailable
from offline_queue.outbox import Outbox
from offline_queue.service import QueueService
from offline_queue.settings import PlatformSettings, QueueSettings
from offline_queue.stats import QueueStats
from offline_queue.ticket import Ticket
from offline_queue.worker import SyncReport, SyncWorker

__all__ = [
    "ApplicationStatus",
    "Availability",
    "CorruptDatabase",
    "DeliveryResult",
    "FailureKind",
    "IdentityResult",
    "KeyUnavailable",
    "Outbox",
    "PlatformClient",
    "PlatformConfigError",
    "PlatformError",
    "PlatformSettings",
    "QueueError",
    "QueueService",
    "QueueSettings",
    "QueueStats",
    "QueueUnavailable",
    "State",
    "SyncReport",
    "SyncWorker",
    "Ticket",
    "resolve_token",
]
