"""v1.1 over real loopback HTTP: the card to collect, ``card_collected`` once, search by person."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from offline_queue import FailureKind, PlatformClient, PlatformError
from offline_queue.outbox import Outbox
from offline_queue.sim import PlatformSimulator, demo_data
from offline_queue.worker import SyncWorker
from tests.offline_queue.helpers import ID_NUMBER, NAME


def collected_tx(application_no: str, slot: int = 3) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "type": "card_collected",
        "created_at": "2026-12-03T21:14:03+08:00",
        "payload": {
            "application_no": application_no,
            "slot": slot,
            "collected_at": "2026-12-03T21:14:03+08:00",
        },
    }


def test_a_demo_card_is_ready_for_its_masked_holder(client: PlatformClient) -> None:
    status = client.application_status(demo_data.READY_ZHANG)
    assert status is not None and status.status == "ready"
    assert status.collection is not None
    assert status.collection.kind == "id_card" and status.collection.ready
    assert status.collection.holder == "张*" and status.collection.collected_at is None


def test_not_ready_and_collected_and_no_card(client: PlatformClient) -> None:
    review = client.application_status(demo_data.IN_REVIEW_WANG)
    assert review is not None and review.status == "processing"
    assert review.collection is not None and not review.collection.ready
    done = client.application_status(demo_data.COLLECTED_ZHANG)
    assert done is not None and done.status == "collected"
    assert done.collection is not None and done.collection.collected_at is not None
    complaint = client.application_status(demo_data.COMPLAINT_ZHANG)
    assert complaint is not None and complaint.collection is None


def test_card_collected_marks_the_application_collected_once(
    client: PlatformClient, sim: PlatformSimulator
) -> None:
    tx = collected_tx(demo_data.READY_LI, slot=7)
    assert client.deliver([tx]).accepted == [tx["id"]]
    assert client.deliver([tx]).duplicates == [tx["id"]]  # resent: held, not applied twice
    status = client.application_status(demo_data.READY_LI)
    assert status is not None and status.status == "collected"
    assert status.collection is not None and not status.collection.ready
    assert status.collection.collected_at is not None
    held = sim.store.collection_of(demo_data.READY_LI)
    assert held is not None and held["slot"] == 7 and held["tx_id"] == tx["id"]
    assert datetime.fromisoformat(held["collected_at"]) == datetime.fromisoformat(
        "2026-12-03T21:14:03+08:00"
    )
    assert [h.status for h in status.history].count("collected") == 1


def test_card_collected_needs_slot_and_time(client: PlatformClient) -> None:
    bad = collected_tx(demo_data.READY_LI)
    bad["payload"] = {"application_no": demo_data.READY_LI, "slot": 0}
    [rejected] = client.deliver([bad]).rejected
    assert "slot" in rejected.reason


def test_search_lists_a_persons_applications_newest_first(client: PlatformClient) -> None:
    found = client.search_applications(demo_data.ZHANG.id_number, demo_data.ZHANG.name)
    assert [a.application_no for a in found] == [
        demo_data.COMPLAINT_ZHANG,
        demo_data.READY_ZHANG,
        demo_data.COLLECTED_ZHANG,
    ]
    assert [a.service for a in found] == ["complaint", "id_card_reissue", "id_card_renewal"]
    assert found[1].status == "ready"
    # The name must match the number: nobody lists a stranger's applications by number alone.
    assert client.search_applications(demo_data.ZHANG.id_number, "李四") == []


def test_a_delivered_case_is_found_by_its_holder(
    outbox: Outbox, worker: SyncWorker, client: PlatformClient
) -> None:
    outbox.submit(
        "id_card_renewal",
        {"application_no": "202612031200000042", "service_id": "id_card_renewal"},
        pii={"id_number": ID_NUMBER, "name": NAME},
    ).wait(5)
    worker.sync_once()
    found = client.search_applications(ID_NUMBER, NAME)
    assert found[0].application_no == "202612031200000042"
    status = client.application_status("202612031200000042")
    assert status is not None and status.collection is not None
    assert status.collection.holder == "张*" and not status.collection.ready


def test_search_without_a_name_is_a_bad_request(client: PlatformClient) -> None:
    with pytest.raises(PlatformError) as err:
        client.search_applications(ID_NUMBER, "")
    assert err.value.kind is FailureKind.BAD_REQUEST
