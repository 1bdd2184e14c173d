"""Scripted fault scenes for ``kiosk demo --faults``: what a citizen sees when things break.

Each scene walks a service to the step where the fault bites, breaks the simulated
device (or the platform), records the screens the citizen gets, puts the device
right and leaves. The platform going offline is last: it stays down.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drivers.base import DeviceState
from drivers.printer.model import PaperLevel
from kiosk.flow.payment import PayState
from kiosk.flow.printing import SlipState
from kiosk.flow.progress import Progress
from ui.visits.plan import VisitPlan
from ui.visits.visit_record import VisitError
from ui.visits.visitor import Visitor

#: The scenes in the order they run; each takes the visitor and the visit's plan.
Scene = Callable[[Visitor, VisitPlan], None]


def paper_out_mid_slip(v: Visitor, plan: VisitPlan) -> None:
    model = v.simulator("printer").model
    model.run_out_after(5)
    step: Any = v.walk_to("id_card_renewal", plan, "print_slip")
    v.wait_until(lambda: step.state is not SlipState.PRINTING and not step.busy, "the slip failed")
    v.shot("paper_out")
    model.set_paper(PaperLevel.OK)  # staff put a roll in
    model.clear_documents()  # the half slip is torn off
    v.leave()
    v.shot("reprint_offer", kind="home")


def camera_down(v: Visitor, plan: VisitPlan) -> None:
    camera = v.simulator("camera")
    device = v.device("camera")
    available = v.window.home.tiles["social_insurance_proof"].isEnabled
    camera.unplug()
    try:
        v.wait_until(lambda: not available(), "services needing the camera shown unavailable")
        if v.recorder is not None:
            v.recorder.screen("fault-camera_down-home")
        if v.on_screen is not None:
            v.on_screen("fault-camera_down-home")
    finally:
        camera.replug()
    v.wait_until(lambda: device.status.usable and available(), "the camera back")


def payment_declined(v: Visitor, plan: VisitPlan) -> None:
    gateway = v.simulator("payment")
    scanner = v.simulator("scanner")
    step: Any = v.walk_to("id_card_renewal", plan, "payment")
    gateway.behaviour.decline_reason = "INSUFFICIENT_FUNDS"
    try:
        scanner.scan(plan.payment_code)
        v.wait_until(lambda: step.error is not None and not step.busy, "the payment declined")
        if step.state is not PayState.CHOOSE:
            raise VisitError(f"declined payment left the step in {step.state}")
        v.shot("declined")
    finally:
        gateway.behaviour.decline_reason = ""
    v.leave()


def card_removed_mid_read(v: Visitor, plan: VisitPlan) -> None:
    reader = v.simulator("idcard")
    step: Any = v.walk_to("medical_insurance_record", plan, "read_id_card")
    reader.remove_card_during_next_read()
    reader.place_card(plan.card_profile)
    v.wait_until(lambda: step.error is not None and not step.busy, "the card taken away")
    v.shot("card_removed")
    device = v.device("idcard")
    v.wait_until(lambda: device.status.state is not DeviceState.BUSY, "the reader idle")
    v.leave()


def platform_offline(v: Visitor, plan: VisitPlan) -> None:
    queue = v.core.queue
    platform = getattr(queue, "simulator", None)
    if platform is None:
        raise VisitError("the platform is not simulated: its going offline cannot be shown")
    platform.stop(keep_store=True)
    step: Any = v.walk_to("progress_query", plan, "show_progress")
    v.wait_until(lambda: step.state is not Progress.LOADING, "the progress answer")
    v.shot(str(step.state))
    v.leave()


SCENES: dict[str, Scene] = {
    "paper_out": paper_out_mid_slip,
    "camera_down": camera_down,
    "payment_declined": payment_declined,
    "card_removed": card_removed_mid_read,
    "platform_offline": platform_offline,  # last: the platform stays down
}
