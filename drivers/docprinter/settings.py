"""Settings of the A4 document printer drivers, validated from the configuration.

Kept apart from the drivers so that checking a configuration does not import
them, their HTTP stack or the simulator.
"""

from __future__ import annotations

import os
import pwd

from pydantic import Field, field_validator

from drivers.base import DriverSettings, known_scenario
from drivers.docprinter.address import printer_address


def login_name() -> str:
    """The account this process runs as ("kiosk" on the appliance), as CUPS's own clients send it.

    CUPS checks a job's owner (requesting-user-name) against its host's accounts for
    Cancel-Job; CUPS 2.4's scheduler crashes on a name it has no account for.
    """
    try:
        return pwd.getpwuid(os.geteuid()).pw_name[:64] or "kiosk"
    except KeyError:  # no account entry (a bare container's uid)
        return "kiosk"


class IppPrinterSettings(DriverSettings):
    uri: str = Field(
        "ipp://localhost/printers/kiosk-a4",
        description="ipp://HOST[:PORT]/printers/QUEUE (CUPS) or ipp://HOST:PORT/ipp/print "
        "(IPP Everywhere); ipps:// for TLS",
    )
    requesting_user_name: str = Field(
        default_factory=login_name,
        min_length=1,
        max_length=64,
        description="the job owner CUPS sees; an account on the CUPS host (default: the "
        "account the kiosk runs as)",
    )
    ca_file: str | None = Field(None, description="a CA added to the system store for ipps://")
    connect_timeout_s: float = Field(3.0, gt=0, le=30)
    request_deadline_s: float = Field(
        5.0, gt=0, le=60, description="each status, job or cancel exchange, whole"
    )
    submit_deadline_s: float = Field(
        30.0, gt=0, le=300, description="Print-Job: the document sent and the printer's answer"
    )
    print_deadline_s: float = Field(
        120.0, gt=0, le=900, description="from the job accepted to the job completed"
    )
    connect_deadline_s: float = Field(
        25.0,
        gt=0,
        le=300,
        description="a job CUPS has not got to the printer by then, while it says it cannot "
        "reach it, is cancelled and fails with the printer offline (a print_deadline_s "
        "shorter than this ends the wait first, uncertain)",
    )
    job_poll_s: float = Field(0.25, gt=0, le=10, description="job state checks while printing")
    poll_interval_s: float = Field(2.0, gt=0, le=300, description="printer state checks")
    reconnect_interval_s: float = Field(2.0, gt=0, le=300)
    max_reply_bytes: int = Field(262_144, ge=4096, le=16_777_216)
    max_document_bytes: int = Field(20_971_520, ge=1024, le=268_435_456)

    @field_validator("uri")
    @classmethod
    def _valid_uri(cls, value: str) -> str:
        printer_address(value)
        return value


SCENARIOS: dict[str, str] = {
    "normal": "A4 paper loaded, toner fine: every job completes",
    "paper-out": "the tray is empty: jobs are refused before anything is sent",
    "toner-low": "toner is low: jobs print, staff are asked for a cartridge",
    "media-empty-mid-job": "the next job prints one page, then the paper runs out",
    "media-jam-mid-job": "the next job prints one page, then the paper jams",
    "slow": "each job takes 3 s on the printer",
    "offline": "the printer hangs and answers no request",
}


class SimulatedIppPrinterSettings(IppPrinterSettings):
    scenario: str = "normal"
    # The URI is set to the simulator's own address when the driver opens.
    uri: str = "ipp://127.0.0.1:631/ipp/print"
    ippeveprinter: str = Field(
        "ippeveprinter", description="the ippeveprinter program (Debian: cups-ipp-utils)"
    )

    @field_validator("scenario")
    @classmethod
    def _known(cls, value: str) -> str:
        return known_scenario(value, SCENARIOS)
