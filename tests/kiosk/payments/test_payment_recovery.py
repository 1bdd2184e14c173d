"""Fees an earlier run left open, settled against the real gateway driver and its simulator.

Each test writes the journal as a run that died would have left it, reopens it
as the next run does, and lets :class:`PaymentRecovery` decide: file, void or
refund, and wait when it cannot tell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.payment.model import PaymentStatus
from drivers.payment.on_simulator import SimulatedPaymentGateway
from kiosk.payments.journal import PaymentJournal, PaymentState
from kiosk.payments.recovery import GRACE_S, REFUND_REASON, PaymentRecovery, refund_number
from tests.fakes import Clock

CODE = "134567890123456789"  # a wallet payment code: 18 digits
SERVICE = "id_card_renewal"
WEEK_S = 7 * 86_400.0


class FakePlatform:
    """What the platform answers about an application: known, unknown, or unreachable."""

    def __init__(self, known: set[str] | None = None, reachable: bool = True) -> None:
        self.known = known or set()
        self.reachable = reachable
        self.asked: list[str] = []

    def application_status(self, application_no: str) -> object | None:
        self.asked.append(application_no)
        if not self.reachable:
            raise ConnectionError("platform down")
        return object() if application_no in self.known else None


@pytest.fixture
def clock() -> Clock:
    return Clock()


def earlier_run(tmp_path: Path, clock: Clock, write) -> PaymentJournal:
    """The journal as a run that died left it, reopened a minute later by the next run."""
    journal = PaymentJournal.open(tmp_path, clock=clock)
    write(journal)
    journal.close()
    clock.now += 60
    return PaymentJournal.open(tmp_path, clock=clock)


def recovery(journal, outbox, gateway, clock, platform=None) -> PaymentRecovery:
    return PaymentRecovery(
        journal, outbox, gateway, platform, "KIOSK-T-1", kept_delivered_s=WEEK_S, clock=clock
    )


def paid_order(gateway: SimulatedPaymentGateway, order: str, amount: int = 2000) -> None:
    assert gateway.charge(order, amount, CODE).status is PaymentStatus.PAID


def test_a_paid_fee_without_a_case_is_refunded_once(tmp_path, outbox, gateway, clock) -> None:
    paid_order(gateway, "KT00000001")

    def write(j: PaymentJournal) -> None:
        j.ordered("KT00000001", "202612020001000001", SERVICE, 2000)
        j.paid("KT00000001")

    journal = earlier_run(tmp_path, clock, write)
    report = recovery(journal, outbox, gateway, clock).run()
    assert report.refunded == ["KT00000001"] and report.done
    [refund] = gateway.simulator.refunds("KT00000001")
    assert (refund.amount_fen, refund.refund_no) == (2000, refund_number("KT00000001"))
    entry = journal.get("KT00000001")
    assert entry.state is PaymentState.REFUNDED and entry.note == REFUND_REASON
    # The platform hears of both: the charge (its run died before queuing it) and the refund.
    assert sorted(r.type for r in outbox.find_case("KT00000001")) == ["payment", "refund"]
    # The next pass finds nothing open: no second refund.
    assert recovery(journal, outbox, gateway, clock).run().refunded == []
    assert len(gateway.simulator.refunds("KT00000001")) == 1
    journal.close()


def test_a_fee_whose_case_is_in_the_queue_is_filed_not_refunded(
    tmp_path, outbox, gateway, clock
) -> None:
    paid_order(gateway, "KT00000002")
    outbox.submit(SERVICE, {"application_no": "202612020001000002"}, case_key="202612020001000002")

    def write(j: PaymentJournal) -> None:  # died after the case commit, before "filed"
        j.ordered("KT00000002", "202612020001000002", SERVICE, 2000)
        j.paid("KT00000002")

    journal = earlier_run(tmp_path, clock, write)
    report = recovery(journal, outbox, gateway, clock).run()
    assert report.filed == ["KT00000002"]
    assert gateway.simulator.refunds("KT00000002") == []
    assert journal.get("KT00000002").state is PaymentState.FILED
    journal.close()


def test_a_charge_cut_off_by_the_crash_but_taken_is_refunded(
    tmp_path, outbox, gateway, clock
) -> None:
    paid_order(gateway, "KT00000003")  # the gateway took it; the kiosk never heard

    journal = earlier_run(
        tmp_path, clock, lambda j: j.ordered("KT00000003", "202612020001000003", SERVICE, 2000)
    )
    report = recovery(journal, outbox, gateway, clock).run()
    assert report.refunded == ["KT00000003"]
    assert len(gateway.simulator.refunds("KT00000003")) == 1
    journal.close()


def test_an_order_the_gateway_never_saw_is_closed_so_a_late_charge_is_not_taken(
    tmp_path, outbox, gateway, clock
) -> None:
    journal = earlier_run(
        tmp_path, clock, lambda j: j.ordered("KT00000004", "202612020001000004", SERVICE, 2000)
    )
    report = recovery(journal, outbox, gateway, clock).run()
    assert report.void == ["KT00000004"]
    assert journal.get("KT00000004").state is PaymentState.VOID
    late = gateway.charge("KT00000004", 2000, CODE)  # the lost request arriving after all
    assert late.status is not PaymentStatus.PAID
    assert gateway.simulator.charges("KT00000004") == []
    journal.close()


def test_a_gateway_that_is_down_leaves_the_fee_open_until_it_is_back(
    tmp_path, outbox, gateway, clock
) -> None:
    paid_order(gateway, "KT00000005")

    def write(j: PaymentJournal) -> None:
        j.ordered("KT00000005", "202612020001000005", SERVICE, 2000)
        j.paid("KT00000005")

    journal = earlier_run(tmp_path, clock, write)
    gateway.simulator.behaviour.unavailable = True
    report = recovery(journal, outbox, gateway, clock).run()
    assert report.waiting == ["KT00000005"] and not report.done
    assert journal.get("KT00000005").state is PaymentState.PAID
    gateway.simulator.behaviour.unavailable = False
    assert recovery(journal, outbox, gateway, clock).run().refunded == ["KT00000005"]
    journal.close()


def test_an_old_fee_missing_from_the_queue_is_asked_of_the_platform(
    tmp_path, outbox, gateway, clock
) -> None:
    """Delivered rows leave the queue after a week: then only the platform knows the case."""
    paid_order(gateway, "KT00000006")
    paid_order(gateway, "KT00000007")

    def write(j: PaymentJournal) -> None:
        for order, app in (("KT00000006", "A6000000"), ("KT00000007", "A7000000")):
            j.ordered(order, app, SERVICE, 2000)
            j.paid(order)

    journal = earlier_run(tmp_path, clock, write)
    clock.now += WEEK_S  # the kiosk stayed off for a week
    down = FakePlatform(reachable=False)
    assert sorted(recovery(journal, outbox, gateway, clock, down).run().waiting) == [
        "KT00000006",
        "KT00000007",
    ]
    assert gateway.simulator.refunds("KT00000006") == []  # never refunded on a guess
    platform = FakePlatform(known={"A6000000"})
    report = recovery(journal, outbox, gateway, clock, platform).run()
    assert report.filed == ["KT00000006"] and report.refunded == ["KT00000007"]
    journal.close()


def test_this_run_s_open_fee_is_left_to_its_visit(tmp_path, outbox, gateway, clock) -> None:
    journal = PaymentJournal.open(tmp_path, clock=clock)
    paid_order(gateway, "KT00000008")
    journal.ordered("KT00000008", "202612020001000008", SERVICE, 2000)
    journal.paid("KT00000008")
    run = recovery(journal, outbox, gateway, clock)
    assert run.run().refunded == []  # a visit under way refunds its own fee
    clock.now += GRACE_S + 1
    assert run.run(exclude={"KT00000008"}).refunded == []  # still the live visit's
    assert run.run().refunded == ["KT00000008"]  # its visit is long over
    journal.close()


def test_a_refund_the_gateway_refuses_is_left_to_staff(
    tmp_path, outbox, gateway, clock, caplog
) -> None:
    paid_order(gateway, "KT00000009", amount=500)

    def write(j: PaymentJournal) -> None:  # the journal says more than the gateway took
        j.ordered("KT00000009", "202612020001000009", SERVICE, 2000)
        j.paid("KT00000009")

    journal = earlier_run(tmp_path, clock, write)
    report = recovery(journal, outbox, gateway, clock).run()
    assert report.refund_failed == ["KT00000009"] and report.done  # not retried forever
    entry = journal.get("KT00000009")
    assert entry.state is PaymentState.REFUND_FAILED and entry.note == "REFUND_EXCEEDS"
    assert gateway.simulator.refunds("KT00000009") == []
    assert "staff must return the fee" in caplog.text
    assert sorted(r.type for r in outbox.find_case("KT00000009")) == ["payment", "refund"]
    journal.close()


def test_a_payment_the_queue_already_holds_is_not_recorded_twice(
    tmp_path, outbox, gateway, clock
) -> None:
    paid_order(gateway, "KT00000010")
    outbox.submit("payment", {"order_no": "KT00000010"}, case_key="KT00000010").wait(5)

    def write(j: PaymentJournal) -> None:
        j.ordered("KT00000010", "202612020001000010", SERVICE, 2000)
        j.paid("KT00000010")

    journal = earlier_run(tmp_path, clock, write)
    assert recovery(journal, outbox, gateway, clock).run().refunded == ["KT00000010"]
    assert sorted(r.type for r in outbox.find_case("KT00000010")) == ["payment", "refund"]
    journal.close()
