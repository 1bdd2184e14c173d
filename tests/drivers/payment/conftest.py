"""Fixtures for the payment tests: the payment-sim driver bound to a recorder."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from drivers.payment.on_simulator import SimulatedPaymentGateway, SimulatedPaymentGatewaySettings
from tests.drivers.payment.pay_helpers import Recorder
from tests.drivers.recorder import opened_devices


@pytest.fixture
def make_gateway() -> Iterator[Callable[..., tuple[SimulatedPaymentGateway, Recorder]]]:
    defaults = {"scenario": "normal", "poll_interval_s": 0.01, "timeout_s": 3.0, "hold_down_s": 0}
    yield from opened_devices(
        lambda s: SimulatedPaymentGateway(SimulatedPaymentGatewaySettings(**s)), defaults
    )
