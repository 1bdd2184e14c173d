"""What a service needs follows from its steps: a step's device down makes it unavailable."""

from __future__ import annotations

from drivers.base import DeviceState, DeviceStatus
from kiosk.config.schema import load_config
from kiosk.flow.service_availability import (
    NOT_CONFIGURED,
    needed_devices,
    service_availability,
    step_needs,
    undeclared_needs,
)

CAMERA_DOWN = DeviceStatus(DeviceState.OFFLINE, "DEVICE_LOST", "unplugged")


def statuses(**down: DeviceStatus) -> dict[str, DeviceStatus]:
    config = load_config()
    return {name: down.get(name, DeviceStatus.online()) for name in config.devices}


def test_every_catalogue_service_declares_what_its_steps_need() -> None:
    """The catalogue a technician reads says the truth (``kiosk config check`` fails otherwise)."""
    config = load_config()
    assert undeclared_needs(config.services, step_needs()) == {}


def test_a_face_check_needs_the_camera_even_where_the_catalogue_forgets_it() -> None:
    """The trap: 社保缴费证明打印 and 完税证明开具 listed only idcard and printer."""
    config = load_config()
    forgetful = [
        s.model_copy(update={"requires": ["idcard", "printer"]})
        if s.id in ("social_insurance_proof", "tax_certificate")
        else s
        for s in config.services
    ]
    needs = step_needs()
    assert set(undeclared_needs(forgetful, needs)) == {"social_insurance_proof", "tax_certificate"}
    availability = service_availability(forgetful, statuses(camera=CAMERA_DOWN), needs)
    for service_id in ("social_insurance_proof", "tax_certificate", "id_card_renewal"):
        assert not availability[service_id].available
        assert [p.device for p in availability[service_id].problems] == ["camera"]
    # Services whose steps do not look at the camera stay usable.
    for service_id in ("medical_insurance_record", "progress_query", "complaint"):
        assert availability[service_id].available


def test_needed_devices_come_from_the_steps_in_order() -> None:
    config = load_config()
    renewal = config.service("id_card_renewal")
    assert needed_devices(renewal, step_needs()) == (
        "idcard",
        "camera",
        "fingerprint",
        "payment",
        "printer",
    )
    assert needed_devices(config.service("complaint"), step_needs()) == ()


def test_a_device_a_step_needs_that_is_not_configured_makes_the_service_unavailable() -> None:
    config = load_config()
    no_camera = {n: s for n, s in statuses().items() if n != "camera"}
    service = config.service("tax_certificate").model_copy(update={"requires": ["idcard"]})
    [problem] = service_availability([service], no_camera, step_needs())[service.id].problems
    assert problem.device == "camera" and problem.status is NOT_CONFIGURED
