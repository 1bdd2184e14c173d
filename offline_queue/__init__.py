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
:mod:`offline_queue.intake`; platform failure codes in
:class:`offline_queue.client.FailureKind`.
"""

import importlib
from typing import Any

# Names resolve on first use (PEP 562), so importing one light module (the
# settings, for the kiosk's configuration) does not load the whole queue stack.
_EXPORTS: dict[str, str] = {
    "ApplicationStatus": "offline_queue.client",
    "Availability": "offline_queue.intake",
    "CorruptDatabase": "offline_queue.errors",
    "DeliveryResult": "offline_queue.client",
    "FailureKind": "offline_queue.client",
    "IdentityResult": "offline_queue.client",
    "KeyUnavailable": "offline_queue.errors",
    "Outbox": "offline_queue.outbox",
    "PlatformClient": "offline_queue.client",
    "PlatformConfigError": "offline_queue.client",
    "PlatformError": "offline_queue.client",
    "PlatformSettings": "offline_queue.settings",
    "QueueError": "offline_queue.errors",
    "QueueService": "offline_queue.service",
    "QueueSettings": "offline_queue.settings",
    "QueueStats": "offline_queue.stats",
    "QueueUnavailable": "offline_queue.errors",
    "State": "offline_queue.db",
    "SyncReport": "offline_queue.worker",
    "SyncWorker": "offline_queue.worker",
    "Ticket": "offline_queue.ticket",
    "resolve_token": "offline_queue.client",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'offline_queue' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = sorted(_EXPORTS)
