"""Simulated payment: the real ``payment-http`` driver against a :class:`PaymentGatewaySimulator`.

Used as the ``payment-sim`` driver (the simulator runs on 127.0.0.1 with an
ephemeral port, and the driver receives its notifications on loopback too),
by tests through ``driver.simulator`` (ledger, behaviour), and standalone
through ``kiosk simulate payment --scenario NAME``, which prints the base URL.
The standalone simulator's merchant id is ``SIM-MERCHANT-0001`` and its key
is :data:`STANDALONE_KEY` (a simulator's, not a secret).
"""

from __future__ import annotations

from pydantic import SecretStr

from drivers.base import known_scenario
from drivers.payment.http_gateway import HttpPaymentGateway
from drivers.payment.settings import DEFAULT_SCENARIO, SCENARIOS, SimulatedPaymentGatewaySettings
from drivers.payment.simulator import Behaviour, PaymentGatewaySimulator

STANDALONE_KEY = "kiosk-payment-simulator"


def behaviour_for(scenario: str, client_timeout_s: float = 10.0) -> Behaviour:
    """The simulator's behaviour for a scenario (unknown names are refused)."""
    known_scenario(scenario, SCENARIOS)
    b = Behaviour()
    if scenario == "declined":
        b.decline_reason = "INSUFFICIENT_FUNDS"
    elif scenario == "timeout":
        b.response_delay_s = client_timeout_s + 2.0
    elif scenario == "slow":
        b.response_delay_s = 1.5
    elif scenario == "duplicate_callback":
        b.notify_copies = 2
    elif scenario == "duplicate_request":
        b.drop_first_response = True
    elif scenario == "user_paying":
        b.user_paying_polls = 2
    elif scenario == "qr_slow":
        b.qr_paid_after_polls = 5
    elif scenario == "qr_expired":
        b.qr_paid_after_polls, b.qr_expire_after_polls = None, 3
    elif scenario == "unavailable":
        b.unavailable = True
    return b


class SimulatedPaymentGateway(HttpPaymentGateway):
    """The HTTP gateway driver, talking to a simulator it starts on loopback."""

    Settings = SimulatedPaymentGatewaySettings
    settings: SimulatedPaymentGatewaySettings

    def __init__(
        self,
        settings: SimulatedPaymentGatewaySettings | None = None,
        *,
        simulator: PaymentGatewaySimulator | None = None,
    ) -> None:
        super().__init__(settings)
        s = self.settings
        self.simulator = simulator or PaymentGatewaySimulator(
            merchant_id=s.merchant_id, behaviour=behaviour_for(s.scenario, s.timeout_s)
        )

    def _open(self) -> None:
        if not self.simulator.running:
            self.simulator.start()
        self.settings = self.settings.model_copy(
            update={
                "base_url": self.simulator.url,
                "merchant_id": self.simulator.merchant_id,
                "api_key": SecretStr(self.simulator.key.decode()),
            }
        )
        super()._open()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self.simulator.stop(keep_state=True)


class StandaloneSimulator:
    """``kiosk simulate payment``: the gateway simulator serving on its own."""

    def __init__(self, scenario: str) -> None:
        behaviour = behaviour_for(scenario)  # refuses unknown scenarios before binding
        self.simulator = PaymentGatewaySimulator(
            key=STANDALONE_KEY.encode(), behaviour=behaviour
        ).start()
        self.address = self.simulator.url

    def close(self) -> None:
        self.simulator.stop()


def start_standalone(scenario: str = DEFAULT_SCENARIO) -> StandaloneSimulator:
    return StandaloneSimulator(scenario)
