from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.payment.on_simulator import SimulatedPaymentGateway
from offline_queue.outbox import Outbox
from offline_queue.settings import QueueSettings
from tests.fakes import fake_drivers_installed


@pytest.fixture(autouse=True)
def fake_drivers() -> Iterator[None]:
    with fake_drivers_installed():
        yield


@pytest.fixture
def gateway() -> Iterator[SimulatedPaymentGateway]:
    """The real payment-gateway driver against its loopback simulator."""
    device = SimulatedPaymentGateway(SimulatedPaymentGateway.Settings(timeout_s=1.0))
    device.open()
    yield device
    device.close()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    """A real outbox in the test's own folder."""
    box = Outbox.open(QueueSettings(), tmp_path)
    yield box
    box.close()
