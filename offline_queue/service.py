"""One call to bring the whole queue up for the kiosk: outbox, platform client, sync worker.

With ``[platform] simulate = true`` (demo and development only) the platform
simulator is started on loopback (its store is ``<data dir>/platform-sim.db``,
mode 0600) with a fresh random token, so a bare machine shows a kiosk that
really syncs. Without it the configured ``base_url`` is used, and with neither
the start fails: a kiosk never falls back to the simulator by itself::

    service = QueueService.start(config.queue, config.platform, config.kiosk.id, data_dir)
    service.outbox.submit(...); service.client.verify_identity(...)
    service.stop()
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from offline_queue.client import PlatformClient, PlatformConfigError
from offline_queue.outbox import Outbox
from offline_queue.settings import PlatformSettings, QueueSettings
from offline_queue.sim import PlatformSimulator
from offline_queue.worker import SyncWorker

log = logging.getLogger(__name__)


@dataclass
class QueueService:
    outbox: Outbox
    client: PlatformClient
    worker: SyncWorker
    simulator: PlatformSimulator | None = None

    @classmethod
    def start(
        cls,
        queue: QueueSettings,
        platform: PlatformSettings,
        kiosk_id: str,
        data_dir: Path | str,
    ) -> QueueService:
        """Open the outbox, connect (or start the simulator) and start the sync worker.

        Raises :class:`~offline_queue.client.PlatformConfigError` when no platform
        is configured (no ``base_url``, no ``simulate``) or a real platform is
        configured but no token is found; the outbox is closed then.
        """
        if not platform.simulate and not platform.base_url:
            raise PlatformConfigError(
                "no platform configured: set [platform] base_url, or simulate = true for a demo"
            )
        data_dir = Path(data_dir)
        outbox = Outbox.open(queue, data_dir)
        sim = None
        try:
            if platform.simulate:
                token = secrets.token_urlsafe(24)
                sim_db = data_dir / platform.simulator_db
                sim_db.parent.mkdir(parents=True, exist_ok=True)
                sim = PlatformSimulator(sim_db, port=platform.simulator_port, token=token).start()
                client = PlatformClient(sim.url, kiosk_id, token, platform)
                log.warning("platform simulated (demo data only) on %s", sim.url)
            else:
                client = PlatformClient.from_settings(platform, kiosk_id, data_dir)
        except BaseException:
            if sim is not None:
                sim.stop()
            outbox.close()
            raise
        worker = SyncWorker(outbox, client)
        worker.start()
        return cls(outbox, client, worker, sim)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the worker, write out and close the outbox, close the client and simulator."""
        self.worker.stop(timeout)
        self.outbox.close(timeout)
        self.client.close()
        if self.simulator is not None:
            self.simulator.stop()
