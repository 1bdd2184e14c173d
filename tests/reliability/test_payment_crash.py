"""The kiosk dies after taking a fee and before filing the case: the next start refunds it.

A child process runs the real kiosk core against a payment gateway simulator
served by this test over HTTP, and is SIGKILLed once the fee is taken (or while
the charge is still out). A new kiosk core on the same data directory then
starts as systemd would restart it: its recovery pass must give the money back
exactly once, through the gateway, and queue the refund for the platform.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.payment.simulator import PaymentGatewaySimulator
from kiosk.app import KioskCore
from kiosk.config.schema import load_config
from kiosk.payments.journal import PaymentJournal, PaymentState
from tests.sites import DEMO_PLATFORM

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gateway() -> Iterator[PaymentGatewaySimulator]:
    sim = PaymentGatewaySimulator().start()
    yield sim
    sim.stop()


@pytest.fixture
def site(tmp_path: Path, gateway: PaymentGatewaySimulator) -> Path:
    key_file = tmp_path / "payment-api-key"
    key_file.write_bytes(gateway.key)
    key_file.chmod(0o600)
    path = tmp_path / "site.toml"
    path.write_text(
        DEMO_PLATFORM
        + f"""
[devices.payment]
driver = "payment-http"

[devices.payment.settings]
base_url = "{gateway.url}"
merchant_id = "{gateway.merchant_id}"
api_key_file = "{key_file}"
timeout_s = 10
""",
        encoding="utf-8",
    )
    return path


def child(site: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.paying_child", str(site)],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def killed(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL


def reaped(proc: subprocess.Popen[str]) -> None:
    """Whatever happened: the child is gone and its pipe closed."""
    proc.kill()
    proc.wait(timeout=10)
    if proc.stdout is not None:
        proc.stdout.close()


def restarted(site: Path, order: str, timeout_s: float = 30.0) -> tuple[KioskCore, PaymentState]:
    """A new kiosk core on the same data directory, until its recovery settled ``order``."""
    core = KioskCore(load_config(site))
    core.start()
    journal: PaymentJournal = core.flow_services.payment_journal
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        entry = journal.get(order)
        if entry is not None and entry.state.settled:
            return core, entry.state
        time.sleep(0.05)
    core.stop()
    raise AssertionError(f"{order} not settled within {timeout_s} s")


def test_a_fee_taken_before_the_crash_is_refunded_at_the_next_start(
    site: Path, gateway: PaymentGatewaySimulator
) -> None:
    proc = child(site)
    try:
        assert proc.stdout is not None
        line = ""
        while not line.startswith("PAID"):
            line = proc.stdout.readline()
            assert line, "the child died before paying"
        _, order, application_no = line.split()
        assert len(gateway.charges(order)) == 1
        killed(proc)
    finally:
        reaped(proc)
    assert gateway.refunds(order) == []  # nobody refunded it: the process was gone

    core, state = restarted(site, order)
    try:
        assert state is PaymentState.REFUNDED
        [refund] = gateway.refunds(order)
        assert refund.amount_fen == 2000 and refund.refund_no == f"R{order[1:]}"
        # The charge and its refund both reach the platform (the child may have died before
        # its own payment record reached the disk: recovery queues it from the journal).
        assert sorted(r.type for r in core.outbox.find_case(order)) == ["payment", "refund"]
        assert core.outbox.find_case(application_no) == []  # no case was ever filed
    finally:
        core.stop()

    core, state = restarted(site, order)  # and a third start refunds nothing more
    try:
        assert state is PaymentState.REFUNDED and len(gateway.refunds(order)) == 1
    finally:
        core.stop()


def test_a_charge_out_when_the_kiosk_died_is_settled_at_the_next_start(
    site: Path, gateway: PaymentGatewaySimulator
) -> None:
    gateway.behaviour.response_delay_s = 30.0  # booked at once, answered never (in time)
    proc = child(site)
    try:
        deadline = time.monotonic() + 60
        while not gateway.ledger and time.monotonic() < deadline:
            time.sleep(0.02)
        assert gateway.ledger, "the charge never reached the gateway"
        order = gateway.ledger[0].order_no
        killed(proc)  # the kiosk never heard that it was paid
    finally:
        reaped(proc)
    gateway.behaviour.response_delay_s = 0.0

    core, state = restarted(site, order)
    try:
        assert state is PaymentState.REFUNDED  # cancel found it paid, so it was refunded
        assert len(gateway.refunds(order)) == 1
        assert sorted(r.type for r in core.outbox.find_case(order)) == ["payment", "refund"]
    finally:
        core.stop()
