"""Settings of the payment gateway drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration (at every start)
does not import the drivers themselves, their simulators or their libraries.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, ValidationInfo, field_validator

from drivers.base import DriverSettings, known_scenario
from hostio.endpoints import check_pin, secret_bearing_url
from hostio.secret_files import (
    SecretFileError,
    credential_path,
    credentials_directory,
    read_secret_text,
)

DEFAULT_MERCHANT = "SIM-MERCHANT-0001"


class HttpPaymentGatewaySettings(DriverSettings):
    #: The gateway's base URL, e.g. "https://pay.example.gov.cn/gw".
    base_url: str = ""
    merchant_id: str = ""
    #: File holding the signing key (mode 0600). A relative name is looked up in
    #: $CREDENTIALS_DIRECTORY, so systemd's LoadCredential= serves it.
    api_key_file: Path | None = None
    #: Read from api_key_file; never written in a configuration file.
    api_key: SecretStr = SecretStr("")
    api_key_env: str = "KIOSK_PAYMENT_API_KEY"
    #: Answer deadline of one request; after it a charge or refund is UNKNOWN.
    timeout_s: float = Field(10.0, gt=0, le=120)
    connect_timeout_s: float = Field(3.0, gt=0, le=60)
    ping_interval_s: float = Field(15.0, gt=0, le=3600)
    #: Pings while the gateway is unreachable, to notice its return.
    offline_ping_interval_s: float = Field(2.0, gt=0, le=600)
    #: Between queries in wait_for_outcome (notifications wake it sooner).
    poll_interval_s: float = Field(2.0, gt=0, le=60)
    qr_expires_in_s: int = Field(300, ge=30, le=7200)
    description: str = Field("政务服务缴费", max_length=64)
    #: "host:port" to receive the gateway's notifications on ("" = poll only).
    notify_listen: str = ""
    #: URL the gateway should call; "" = the receiver's own address.
    notify_url: str = ""
    #: Largest answer read from the gateway; a larger one leaves a charge UNKNOWN.
    max_reply_bytes: int = Field(64 * 1024, ge=1024, le=1024 * 1024)
    #: CA bundle added to the system trust store for the gateway's certificate.
    ca_file: Path | None = None
    #: Optional pins: base64 SHA-256 of the gateway's SubjectPublicKeyInfo; a server key
    #: matching none of them is refused before the request is sent.
    tls_pin_sha256: list[str] = Field(default_factory=list, max_length=16)

    @field_validator("base_url")
    @classmethod
    def _https_url(cls, value: str) -> str:
        # Signed money requests: TLS unless the gateway is on this machine.
        return secret_bearing_url(value)

    @field_validator("tls_pin_sha256")
    @classmethod
    def _pins(cls, value: list[str]) -> list[str]:
        return [check_pin(pin) for pin in value]

    @field_validator("api_key", mode="before")
    @classmethod
    def _key_from_file(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, SecretStr):  # from a file of settings: a str, list, …
            raise ValueError(
                "the key may not sit in the configuration: write it to a file, chmod 600 it "
                "and name the file with api_key_file"
            )
        name = info.data.get("api_key_file")
        if name is None or value.get_secret_value():
            return value
        if not name.is_absolute() and not credentials_directory():
            # A systemd credential exists only inside the service: the driver reads it at open.
            return value
        try:
            return SecretStr(read_secret_text(credential_path(name)))
        except FileNotFoundError:
            raise ValueError(f"api_key_file {name} does not exist") from None
        except SecretFileError as exc:
            raise ValueError(str(exc)) from None


DEFAULT_SCENARIO = "normal"


SCENARIOS: dict[str, str] = {
    "normal": "payment codes are paid at once; payment QRs are paid on the 2nd query",
    "declined": "payment codes are declined for insufficient funds",
    "timeout": "charges are booked but answered after the kiosk's deadline: resolve by query",
    "slow": "every answer takes 1.5 s",
    "duplicate_callback": "every payment notification is delivered twice",
    "duplicate_request": "the first answer to each charge or refund is lost after booking",
    "user_paying": "payment codes need the citizen's confirmation: USER_PAYING for 2 queries",
    "qr_slow": "payment QRs are paid on the 5th query",
    "qr_expired": "payment QRs expire unpaid on the 3rd query",
    "unavailable": "the gateway answers 503 (maintenance) to everything",
}


class SimulatedPaymentGatewaySettings(HttpPaymentGatewaySettings):
    base_url: str = ""  # taken from the simulator
    merchant_id: str = DEFAULT_MERCHANT
    notify_listen: str = "127.0.0.1:0"
    scenario: str = DEFAULT_SCENARIO
    poll_interval_s: float = Field(1.0, gt=0, le=60)

    @field_validator("scenario")
    @classmethod
    def _known_scenario(cls, value: str) -> str:
        return known_scenario(value, SCENARIOS)
