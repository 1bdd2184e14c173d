"""The home screen's order: visits per service, kept across restarts, catalogue order on ties."""

from __future__ import annotations

from pathlib import Path

from kiosk.visit.session import EndReason, Session
from kiosk.visit.visit_counts import ServiceVisitCounts

CATALOGUE = ("reissue", "renewal", "progress", "guide")


def counts(path: Path) -> ServiceVisitCounts:
    return ServiceVisitCounts(path / "service-visits.json", CATALOGUE)


def visit(store: ServiceVisitCounts, service: str, reason: EndReason = EndReason.COMPLETED) -> None:
    store.session_ended(Session(service), reason)


def test_without_visits_the_catalogue_order(tmp_path: Path) -> None:
    assert counts(tmp_path).order() == list(CATALOGUE)


def test_the_most_used_first_and_ties_in_catalogue_order(tmp_path: Path) -> None:
    store = counts(tmp_path)
    for service in ("guide", "guide", "progress", "renewal", "progress", "guide"):
        visit(store, service, EndReason.CANCELLED)  # a visit given up was still wanted
    assert store.order() == ["guide", "progress", "renewal", "reissue"]
    visit(store, "reissue")
    visit(store, "reissue")
    assert store.order() == ["guide", "reissue", "progress", "renewal"]  # 3, 2, 2 (earlier), 1


def test_counts_survive_a_restart(tmp_path: Path) -> None:
    visit(counts(tmp_path), "progress")
    visit(counts(tmp_path), "progress", EndReason.TIMEOUT)
    again = counts(tmp_path)
    assert again.counts() == {"progress": 2}
    assert again.order()[0] == "progress"


def test_shutdown_and_services_outside_the_catalogue_are_not_counted(tmp_path: Path) -> None:
    store = counts(tmp_path)
    visit(store, "guide", EndReason.SHUTDOWN)
    visit(store, "no_such_service")
    assert store.counts() == {}
    assert not (tmp_path / "service-visits.json").exists()


def test_a_broken_or_foreign_file_falls_back_to_the_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "service-visits.json"
    path.write_text("{not json")
    assert counts(tmp_path).order() == list(CATALOGUE)
    path.write_text(
        '{"guide": "many", "renewal": true, "retired": 9, "progress": -1, "reissue": 2}'
    )
    assert counts(tmp_path).counts() == {"reissue": 2}
    path.write_text("[1, 2]")
    assert counts(tmp_path).counts() == {}
    path.write_text('{"guide": 1}' + " " * 70_000)  # larger than any catalogue's counts
    assert counts(tmp_path).counts() == {}


def test_a_visit_after_a_broken_file_writes_a_good_one(tmp_path: Path) -> None:
    path = tmp_path / "service-visits.json"
    path.write_text("{not json")
    visit(counts(tmp_path), "guide")
    assert counts(tmp_path).counts() == {"guide": 1}
    assert not (tmp_path / "service-visits.json.tmp").exists()


def test_an_unwritable_folder_keeps_counting_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store = ServiceVisitCounts(blocker / "service-visits.json", CATALOGUE)
    visit(store, "renewal")
    assert store.order()[0] == "renewal"
