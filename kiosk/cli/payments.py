"""``kiosk payments list|summary|handled``: the payment journal, for technicians and staff.

The journal (:mod:`kiosk.payments.journal`) holds each fee this kiosk asked for
until it settles. These commands read it beside a running kiosk (SQLite WAL)
and let staff close a refund the gateway refused once they have given the money
back by hand. It holds no personal data: order and application numbers, the
service, the amount and the state.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable

from kiosk.cli.audit import audited
from kiosk.cli.common import add_command, config_or_none, data_dir
from kiosk.payments.journal import DB_FILE, JournalUnavailable, PaymentJournal, PaymentState
from kiosk.payments.report import day_summary, local_time, yuan
from kiosk.payments.report import entry_doc as _doc


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("payments", help="payment journal: fees, refunds, what needs staff")
    psub = parser.add_subparsers(dest="payments_command", required=True)

    p = add_command(psub, "list", "newest entries (no personal data)", list_command)
    p.add_argument("--state", choices=[s.value for s in PaymentState], help="only this state")
    p.add_argument("--limit", type=int, default=50)

    p = add_command(
        psub, "summary", "one day's fees by state; exit 1 if any needs staff", summary_command
    )
    p.add_argument("--day", type=dt.date.fromisoformat, help="YYYY-MM-DD, local (default: today)")

    p = add_command(
        psub, "handled", "record that staff gave back a refused refund by hand", handled_command
    )
    p.add_argument("order_no")
    p.add_argument("--note", required=True, help="who gave it back, and how")


# ------------------------------------------------------------ commands


def list_command(args: argparse.Namespace) -> int:
    state = PaymentState(args.state) if args.state else None

    def show(journal: PaymentJournal) -> int:
        entries = journal.entries(args.limit, state)
        if args.json:
            print(json.dumps([_doc(e) for e in entries], ensure_ascii=False, indent=2))
            return 0
        for e in entries:
            refund = f"  refund {e.refund_no}" if e.refund_no else ""
            note = f"  ({e.note})" if e.note else ""
            amount = yuan(e.amount_fen)
            print(f"{local_time(e.created_ms)}  {e.order_no}  case {e.application_no}  "
                  f"{e.service_id:<24} {amount:>9}  {e.state.value}{refund}{note}")  # fmt: skip
        if not entries:
            print("no entries")
        return 0

    return _with_journal(args, show)


def summary_command(args: argparse.Namespace) -> int:
    day: dt.date = args.day or dt.date.today()

    def show(journal: PaymentJournal) -> int:
        summary = day_summary(journal, day)
        by_state, staff = summary.by_state, summary.needs_staff
        if args.json:
            doc = {
                "day": day.isoformat(),
                "states": {
                    s.value: {"count": len(v), "amount_fen": sum(e.amount_fen for e in v)}
                    for s, v in by_state.items()
                },
                "needs_staff": [_doc(e) for e in staff],
            }
            print(json.dumps(doc, ensure_ascii=False, indent=2))
            return 1 if staff else 0
        print(f"fees asked for on {day.isoformat()}: {len(summary.entries)}")
        for s, v in by_state.items():
            if v:
                print(f"  {s.value:<14} {len(v):>4}  {yuan(sum(e.amount_fen for e in v)):>10}")
        still_open = summary.still_open
        if still_open:
            print(f"{still_open} still being settled by the kiosk (it retries every few minutes)")
        for e in staff:
            print(f"NEEDS STAFF  {e.order_no}  case {e.application_no}  {yuan(e.amount_fen)}"
                  f"  refund {e.refund_no or '-'}: {e.note}")  # fmt: skip
        return 1 if staff else 0

    return _with_journal(args, show)


@audited("payments handled")
def handled_command(args: argparse.Namespace) -> int:
    def run(journal: PaymentJournal) -> int:
        entry = journal.get(args.order_no)
        if entry is None:
            print(f"no payment {args.order_no} in the journal", file=sys.stderr)
            return 2
        try:
            moved = journal.handled(args.order_no, args.note)
        except ValueError as exc:
            print(f"not recorded: {exc}", file=sys.stderr)
            return 2
        if not moved:
            print(
                f"not recorded: {args.order_no} is {entry.state.value}, "
                f"not {PaymentState.REFUND_FAILED.value}",
                file=sys.stderr,
            )
            return 1
        print(f"{args.order_no}: {yuan(entry.amount_fen)} recorded as given back by hand")
        return 0

    return _with_journal(args, run)


# ------------------------------------------------------------ plumbing


def _with_journal(args: argparse.Namespace, fn: Callable[[PaymentJournal], int]) -> int:
    config = config_or_none(args.config, "payments")
    if config is None:
        return 2
    directory = data_dir(args, config)
    if not (directory / DB_FILE).exists():  # reading must not create one
        print(f"no payment journal at {directory / DB_FILE}", file=sys.stderr)
        return 2
    try:
        journal = PaymentJournal.open(directory)
    except JournalUnavailable as exc:
        print(f"payment journal unavailable: {exc}", file=sys.stderr)
        return 1
    try:
        return fn(journal)
    except JournalUnavailable as exc:
        print(f"payment journal unavailable: {exc}", file=sys.stderr)
        return 1
    finally:
        journal.close()
