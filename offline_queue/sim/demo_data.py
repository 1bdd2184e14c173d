"""Demo applications the simulated platform always holds, the same on every machine.

So a demo or a test can collect a card without filing a case first: two new ID cards
ready to collect, one already collected, one still in review, and a complaint, for
the synthetic persons of :mod:`offline_queue.sim.identity`. The numbers look like the
kiosk's own (18 digits) but start with a date before any real case.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from offline_queue.sim.identity import DEFAULT_PERSONS
from offline_queue.sim.store import SimStore

ZHANG, LI, WANG = DEFAULT_PERSONS[0], DEFAULT_PERSONS[1], DEFAULT_PERSONS[2]

#: 张三's new ID card, ready in the dispenser.
READY_ZHANG = "202611200900000001"
#: 李四's renewed ID card, ready in the dispenser.
READY_LI = "202611200900000002"
#: 张三's earlier card, already handed out.
COLLECTED_ZHANG = "202610150900000003"
#: 王五's card, still in review: not ready.
IN_REVIEW_WANG = "202611200900000004"
#: 张三's complaint: no card to collect.
COMPLAINT_ZHANG = "202611250900000005"

_T0 = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=8))).timestamp()
_DAY = 86400.0

#: (number, service, person, received at, status it stays at or None, collected).
DEMO = (
    (READY_ZHANG, "id_card_reissue", ZHANG, _T0, None, False),
    (READY_LI, "id_card_renewal", LI, _T0, None, False),
    (COLLECTED_ZHANG, "id_card_renewal", ZHANG, _T0 - 36 * _DAY, None, True),
    (IN_REVIEW_WANG, "id_card_reissue", WANG, _T0, "processing", False),
    (COMPLAINT_ZHANG, "complaint", ZHANG, _T0 + 5 * _DAY, None, False),
)


def seed(store: SimStore) -> None:
    """Add the demo applications (again: nothing changes when they are there)."""
    for number, service, person, received, held_at, collected in DEMO:
        store.add_application(number, received_at=received)
        store.add_holder(number, service, person.id_number, person.name, held_at=held_at)
        if collected and store.collection_of(number) is None:
            store.record_collection(number, slot=0, at=received + 20 * _DAY)


def new_ready_card(store: SimStore, person_index: int = 0) -> str:
    """One more demo ID card ready to collect for a synthetic person; its number.

    For scripted visits that collect again and again (``kiosk demo --sessions N``):
    each takes a card of its own, as each citizen in a hall would.
    """
    person = DEFAULT_PERSONS[person_index]
    n = store.holder_count()
    number = f"20261121{n:010d}"
    store.add_application(number, received_at=_T0 + _DAY)
    store.add_holder(number, "id_card_reissue", person.id_number, person.name)
    return number
