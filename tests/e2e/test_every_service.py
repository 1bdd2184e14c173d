"""Every service of the catalogue, end to end through the real window on the simulated devices.

A scripted citizen (``ui.visits``) walks each service from its home-screen tile
to the 好差评 rating and back home. What must hold afterwards: the visit's
case, payment and rating rows are in the outbox and reach the platform
simulator after a sync; a printing service printed one slip that shows the
application number and never the full ID number; the session's data is wiped,
no camera preview runs, and the home screen is back.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskCore
from kiosk.cases.receipts import parse_progress_code
from kiosk.config.schema import Service, load_config
from kiosk.face import SimulatedFaceMatcher
from tests.windows import kiosk_window
from ui.main_window import KioskWindow
from ui.visits import VisitError, Visitor, VisitPlan, VisitRecord
from ui.visits.walker_registry import walker_for

CATALOGUE: list[Service] = load_config().services


def expected_rows(service: Service) -> list[str]:
    """Transaction types one completed visit of ``service`` queues."""
    types = ["rating"]
    if "submit" in service.steps:  # a 一件事 bundle files one case per member service
        types += service.bundle or [service.id]
    if "payment" in service.steps and service.fee_fen > 0:
        types.append("payment")
    if "release_card" in service.steps:
        types.append("card_collected")
    if "certificate_print" in service.steps:
        types.append("certificate_printed")
    return sorted(types)


def shortest_printing() -> Service:
    """The quickest service that prints a slip (its code is what a progress query scans)."""
    return min((s for s in CATALOGUE if "print_slip" in s.steps), key=lambda s: len(s.steps))


def row_ids(window: KioskWindow) -> set[str]:
    return {r.id for r in window.core.outbox.rows(limit=1000)}


def check_certificate(record: VisitRecord) -> None:
    """One A4 PDF was printed, with the holder's number masked (QtPdf reads its text)."""
    from PySide6.QtPdf import QPdfDocument

    from ui.steps.certificate import load_pdf

    [pdf] = record.certificates
    document, keep = load_pdf(pdf)
    text = document.getAllText(0).text()
    id_number = record.id_number
    assert id_number and id_number not in text
    assert f"{id_number[:4]}**" in text and id_number[-4:] in text and "验证码" in text
    assert document.status() is QPdfDocument.Status.Ready and keep is not None


def check_slip(record: VisitRecord) -> None:
    [slip] = record.slips
    number = record.application_no
    assert number and number in slip.text
    assert parse_progress_code(slip.qr_payloads[0]) == number
    id_number = record.id_number
    assert id_number and id_number not in slip.text  # masked: never the whole number
    assert f"{id_number[:4]}**" in slip.text and id_number[-4:] in slip.text
    if record.phone:  # the number for the text message, masked too
        assert record.phone not in slip.text
        assert f"{record.phone[:3]}****{record.phone[-4:]}" in slip.text


@pytest.mark.parametrize("service", CATALOGUE, ids=[s.id for s in CATALOGUE])
def test_service_from_home_to_rating(window: KioskWindow, service: Service) -> None:
    core = window.core
    visitor = Visitor(window)
    assert core.availability()[service.id].available
    if "identify_application" in service.steps:
        # The citizen comes back with the slip of an earlier visit, already on the platform.
        earlier = visitor.visit(shortest_printing().id, VisitPlan.for_visit(5))
        core.queue.worker.sync_once()
        assert earlier.application_no and visitor.slip_codes
    before = row_ids(window)
    plan = VisitPlan.for_visit(CATALOGUE.index(service))

    record = visitor.visit(service.id, plan)

    assert record.ended == "completed"
    assert record.kinds == service.steps  # every step shown, in order
    # Back home with nothing of the visit left: data wiped, camera preview off.
    assert core.sessions.current is None and window.flow is None
    assert window.stack.currentWidget() is window.home
    assert len(record.session.data) == 0
    assert visitor.previews_off()
    assert window.language.current == core.config.ui.language and not window.large_type

    new = [r for r in core.outbox.rows(limit=1000) if r.id not in before]
    assert sorted(r.type for r in new) == expected_rows(service)
    core.queue.worker.sync_once()
    counts = core.outbox.stats().counts
    assert counts["dead"] == 0 and counts["pending"] == 0
    delivered = {tx["id"]: tx for tx in core.queue.simulator.store.transactions()}
    assert {r.id for r in new} <= set(delivered)  # the platform holds every row

    [rating] = [delivered[r.id] for r in new if r.type == "rating"]
    assert rating["payload"]["level"] == plan.grade
    assert rating["payload"]["reasons"] == sorted(plan.reasons)
    assert bool(plan.reasons) == (plan.grade <= 2)
    cases = [r for r in new if r.type in (service.bundle or [service.id])]
    if cases:  # the rating is bound to the case (a bundle's: to every one of them)
        assert rating["payload"]["case_id"] == cases[0].id
    if service.bundle:
        assert sorted(rating["payload"]["case_ids"]) == sorted(r.id for r in cases)
        numbers = [delivered[r.id]["payload"]["application_no"] for r in cases]
        assert len(set(numbers)) == len(service.bundle)
        assert all(core.platform.application_status(n) is not None for n in numbers)

    if "print_slip" in service.steps:
        check_slip(record)
        status = core.platform.application_status(record.application_no)
        assert status is not None and status.status == "received"
    else:
        assert record.slips == []
    if "certificate_print" in service.steps:
        check_certificate(record)
    if "show_progress" in service.steps:
        assert record.progress == "found"


def test_visits_vary_language_large_type_and_low_grades() -> None:
    """One round of the catalogue uses both languages, 长辈版, both payments, every grade."""
    plans = [VisitPlan.for_visit(i) for i in range(len(CATALOGUE))]
    assert {p.language for p in plans} == {"zh", "en"}
    assert {p.large_type for p in plans} == {True, False}
    assert {p.grade for p in plans} == {1, 2, 3, 4, 5}
    assert all(p.reasons for p in plans if p.grade <= 2)
    assert {p.pay_by_qr for p in plans} == {True, False}
    again = [VisitPlan.for_visit(i, session=1) for i in range(len(CATALOGUE))]
    assert [p.language for p in again] != [p.language for p in plans]


def test_a_new_service_of_known_step_kinds_walks_with_no_new_code(qtbot: QtBot) -> None:
    """A catalogue entry only: browse the guide, then print a certificate for the card's holder."""
    config = load_config()
    base = config.service("medical_insurance_record")
    extra = base.model_copy(
        update={"id": "guide_then_certificate", "steps": ["browse_guide", *base.steps]}
    )
    config = config.model_copy(update={"services": [*config.services, extra]})
    core = KioskCore(config)
    core.flow_services.face_matcher = SimulatedFaceMatcher()
    with kiosk_window(qtbot, core) as window:
        record = Visitor(window).visit(extra.id, VisitPlan.for_visit(3))  # large type, English
    assert record.ended == "completed" and record.kinds == extra.steps
    check_certificate(record)


def test_a_step_kind_without_a_walker_is_named() -> None:
    with pytest.raises(VisitError, match="no walker for step kind 'sign_here'"):
        walker_for("sign_here")
