"""The device status a payment gateway shows for its settings and its errors."""

from __future__ import annotations

from drivers.base import Actor, DeviceState, DeviceStatus
from drivers.payment.model import (
    GatewayAuthError,
    GatewayNoAnswer,
    GatewayProtocolError,
    GatewayUnavailable,
    PaymentError,
)

#: The gateway's TLS key matches none of ``tls_pin_sha256``: nothing was sent.
PIN_MISMATCH = "GATEWAY_TLS_PIN_MISMATCH"


def config_error(detail: str) -> DeviceStatus:
    """Settings that cannot work: the site file must change."""
    return DeviceStatus(DeviceState.ERROR, "CONFIG_ERROR", detail, Actor.CONFIGURATION)


def status_for_payment_error(error: PaymentError) -> DeviceStatus:
    if isinstance(error, GatewayAuthError):
        return DeviceStatus(
            DeviceState.ERROR, "GATEWAY_AUTH_FAILED", str(error), Actor.CONFIGURATION
        )
    if error.code == PIN_MISMATCH:  # another key than the pinned one: a technician looks
        return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.TECHNICIAN)
    if isinstance(error, GatewayUnavailable) and error.code == "GATEWAY_UNREACHABLE":
        return DeviceStatus(DeviceState.OFFLINE, "GATEWAY_UNREACHABLE", str(error), Actor.AUTOMATIC)
    if isinstance(error, GatewayNoAnswer):
        return DeviceStatus(DeviceState.OFFLINE, "GATEWAY_TIMEOUT", str(error), Actor.AUTOMATIC)
    if isinstance(error, GatewayProtocolError) and error.code == "GATEWAY_PROTOCOL_ERROR":
        return DeviceStatus(DeviceState.ERROR, error.code, str(error), Actor.TECHNICIAN)
    return DeviceStatus(DeviceState.OFFLINE, "GATEWAY_ERROR", str(error), Actor.AUTOMATIC)
