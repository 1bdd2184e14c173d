"""Fixtures for the payment tests: the payment-sim driver bound to a recorder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from drivers.payment.on_simulator import SimulatedPaymentGateway, SimulatedPaymentGatewaySettings
from tests.drivers.payment.pay_helpers import Recorder


@pytest.fixture
def make_gateway() -> Iterator[Callable[..., tuple[SimulatedPaymentGateway, Recorder]]]:
    gateways: list[SimulatedPaymentGateway] = []

    def make(
        scenario: str = "normal", **overrides: Any
    ) -> tuple[SimulatedPaymentGateway, Recorder]:
        settings: dict[str, Any] = {
            "scenario": scenario,
            "poll_interval_s": 0.01,
            "timeout_s": 3.0,
            "hold_down_s": 0,
        }
        settings.update(overrides)
        gateway = SimulatedPaymentGateway(SimulatedPaymentGatewaySettings(**settings))
        recorder = Recorder()
        gateway.add_listener(recorder)
        gateways.append(gateway)
        gateway.open()
        return gateway, recorder

    yield make
    for gateway in gateways:
        gateway.close()
