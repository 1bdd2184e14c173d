"""One walker per step kind: what a citizen does on that page until the flow moves on.

A walker gets the visitor and the step on screen, presses the page's real
widgets or acts on the simulated devices, records the screens worth seeing
(guidance, photo preview, payment QR, slip printed …) and returns once the step
is no longer shown. A service made of these kinds walks with no new code; a new
kind needs one function here, registered with ``@walks("kind")``
(:mod:`ui.visits.walker_registry`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drivers.idcard.profiles import PROFILES
from kiosk.flow.certificate import HELD_KEY, FetchState, PrintState
from kiosk.flow.engine import Step
from kiosk.flow.face_verify import Phase
from kiosk.flow.payment import PayState
from kiosk.flow.printing import SlipState
from kiosk.flow.progress import Progress
from ui.visits.visit_record import VisitError
from ui.visits.visitor import Visitor
from ui.visits.walker_registry import walks

#: How long a face check or a photo may take with the simulated person (models load once).
CAMERA_TIMEOUT_S = 60.0
#: How long the simulated gateway takes to see a payment QR paid (a few polls).
QR_PAID_TIMEOUT_S = 30.0


def type_pinyin(v: Visitor, keyboard: Any, pinyin: str, words: str) -> None:
    """Spell ``pinyin`` on the on-screen keyboard and pick candidates until ``words`` is typed."""
    start = keyboard.text
    for letter in pinyin:
        v.click(keyboard.keys[letter], f"key {letter}")
    for _ in range(40):  # candidates, and pages of them
        typed = keyboard.text[len(start) :]
        if not keyboard.composer.active:
            break
        rest = words[len(typed) :]
        visible = [b for b in keyboard.candidate_buttons if b.isVisible()]
        match = next((b for b in visible if b.text() and rest.startswith(b.text())), None)
        if match is not None:
            v.click(match, f"candidate {match.text()}")
        elif keyboard.next_button.isEnabled():
            v.click(keyboard.next_button, "next candidates")
        else:
            break
    if keyboard.text[len(start) :] != words:
        raise VisitError(f"typing {pinyin!r} did not give {words!r}")


# ---- before and after the work
@walks("start")
def start(v: Visitor, step: Step) -> None:
    v.click(v.page.begin_button, "开始办理")
    v.wait_left(step, "the service begun")


@walks("success")
def success(v: Visitor, step: Step) -> None:
    v.click(v.page.done_button, "done with 办理成功")
    v.wait_left(step, "past 办理成功")


# ---- who is applying
@walks("read_id_card")
def read_id_card(v: Visitor, step: Step) -> None:
    profile = v.plan.card_profile
    assert v.record is not None
    v.record.id_number = PROFILES[profile].fields.get("id_number")
    v.simulator("idcard").place_card(profile)
    v.wait_left(step, "the card read")


@walks("id_number_entry")
def id_number_entry(v: Visitor, step: Step) -> None:
    page = v.page
    number = v.plan.lost_card_number
    for key in number:
        v.click(page.keypad.buttons[key], f"keypad {key}")
    assert v.record is not None
    v.record.id_number = number
    v.shot("typed")
    v.click(page.next_button, "next")
    v.wait_left(step, "the ID number accepted")


@walks("name_entry")
def name_entry(v: Visitor, step: Step) -> None:
    page = v.page
    type_pinyin(v, page.keyboard, v.plan.lost_card_pinyin, v.plan.lost_card_name)
    v.shot("typed")
    v.click(page.next_button, "next")
    v.wait_left(step, "the name accepted")


@walks("sms_phone")
def sms_phone(v: Visitor, step: Step) -> None:
    page = v.page
    phone = v.plan.phone
    if not phone:  # no text wanted
        v.click(page.skip_button, "skip the text message")
        v.wait_left(step, "the text message skipped")
        return
    v.click(page.consent, "agree to the text message")
    for digit in phone:
        v.click(page.keypad.buttons[digit], f"keypad {digit}")
    assert v.record is not None
    v.record.phone = phone
    v.shot("typed")
    v.click(page.next_button, "next")
    v.wait_left(step, "the mobile number accepted")


@walks("confirm")
def confirm(v: Visitor, step: Step) -> None:
    v.click(v.page.next_button, "confirm")
    v.wait_left(step, "the details confirmed")


# ---- camera and fingerprints
#: Preview frames to wait for before a picture shows the citizen who just stepped up.
FRESH_FRAMES = 4


def fresh_frames(view: Any) -> Callable[[], bool]:
    """True once the preview has shown a few frames since now (not the last visitor's)."""
    start = view.frames_shown
    return lambda: view.has_frame and view.frames_shown >= start + FRESH_FRAMES


#: Face checks a scripted citizen retries after failing liveness (never after a mismatch).
LIVENESS_RETRIES = 2


@walks("face_verify")
def face_verify(v: Visitor, step: Any) -> None:
    citizen = v.face_the_camera()
    page = v.page
    shots: set[str] = set()
    live = fresh_frames(page.view)

    def act() -> None:
        if v.current() is not step:
            return
        citizen.act(step)
        # The screens worth seeing: the guidance on the live picture, then the first action.
        if live() and step.phase is Phase.POSITIONING and "guidance" not in shots:
            shots.add("guidance")
            v.shot("guidance")
        if live() and step.challenge_step and "challenge" not in shots:
            shots.add("challenge")
            v.shot(f"challenge_{step.challenge_step}")

    # A live check can fail like a person's does (a late reaction on a busy machine):
    # the citizen presses 重试, as the page asks, a couple of times at most.
    for tries_left in range(LIVENESS_RETRIES, -1, -1):
        try:
            v.wait_left(step, "face verification", CAMERA_TIMEOUT_S, each=act)
            return
        except VisitError:
            if not tries_left or step.error is None or step.error.code != "LIVENESS_FAILED":
                raise
            v.click(page.retry_button, "retry the face check")


@walks("photo_capture")
def photo_capture(v: Visitor, step: Any) -> None:
    citizen = v.face_the_camera()
    page = v.page
    shown = [False]
    live = fresh_frames(page.view)

    def act() -> None:
        citizen.act(step)
        if not shown[0] and live() and page.view.isVisible():
            shown[0] = True
            v.shot("live")

    v.wait_until(
        lambda: v.current() is not step or page.accept_button.isVisible(),
        "the photo taken",
        CAMERA_TIMEOUT_S,
        each=act,
    )
    if v.current() is step:
        v.shot("preview")
        v.click(page.accept_button, "use this photo")
    v.wait_left(step, "the photo accepted")


@walks("fingerprint")
def fingerprint(v: Visitor, step: Step) -> None:
    # The simulated reader places a good finger by itself once a capture starts.
    v.wait_left(step, "two fingerprints")


# ---- money, the case, the slip
@walks("payment")
def payment(v: Visitor, step: Any) -> None:
    page = v.page
    scanner = getattr(v.device("scanner"), "simulator", None)
    if v.current() is step and step.state is PayState.CHOOSE:
        if v.plan.pay_by_qr or scanner is None:
            v.click(page.qr_button, "pay by QR")
            v.wait_until(
                lambda: v.current() is not step or step.state is PayState.QR_SHOWN,
                "the payment QR",
            )
            if v.current() is step:
                v.shot("qr")
            v.wait_left(step, "the QR paid", QR_PAID_TIMEOUT_S)
            return
        scanner.scan(v.plan.payment_code)  # the phone's payment code under the scanner
    v.wait_left(step, "the payment")


@walks("submit")
def submit(v: Visitor, step: Step) -> None:
    v.wait_left(step, "the case saved")


@walks("print_slip")
def print_slip(v: Visitor, step: Any) -> None:
    page = v.page
    v.wait_until(lambda: step.state is not SlipState.PRINTING, "the slip printed")
    if step.state is not SlipState.PRINTED:
        raise VisitError(f"slip not printed: {step.error.code if step.error else step.state}")
    assert v.record is not None
    v.record.application_no = step.application_no
    v.shot("printed")
    take_slips(v)
    v.click(page.next_button, "next")
    v.wait_left(step, "past the slip")


def take_slips(v: Visitor) -> None:
    """The citizen takes the slip from the outlet (the simulator forgets it)."""
    model = v.simulator("printer").model
    documents = model.wait_for_documents(1, timeout_s=10.0)
    model.clear_documents()
    assert v.record is not None
    for i, document in enumerate(documents):
        v.record.slips.append(document)
        v.slip_codes.extend(document.qr_payloads)
        if v.recorder is not None:
            name = f"{v.record.service_id}-v{v.plan.number:03d}-slip"
            v.recorder.slip(name if i == 0 else f"{name}{i + 1}", document)


# ---- rating, guide, complaint, progress
@walks("rating")
def rating(v: Visitor, step: Step) -> None:
    page = v.page
    plan = v.plan
    v.click(page.grades.buttons[str(plan.grade)], f"grade {plan.grade}")
    for reason in plan.reasons:
        v.click(page.reasons.buttons[reason], f"reason {reason}")
    v.shot(f"grade{plan.grade}")
    v.click(page.send_button, "send the rating")
    v.wait_left(step, "the rating saved")


@walks("browse_guide")
def browse_guide(v: Visitor, step: Any) -> None:
    page = v.page
    plan = v.plan
    if page.results_nav.isVisible():  # every service listed: look at the next page too
        v.click(page.results_nav.next_button, "the next page of services")
        v.shot("page2")
    department = plan.department if plan.department in page.departments.buttons else None
    if plan.guide_letters:  # search by pinyin initials instead of browsing
        department = None
        v.click(page.search_open, "open the search")
        for letter in plan.guide_letters:
            v.click(page.keyboard.keys[letter], f"key {letter}")
        v.shot("search")
        if not step.results:
            raise VisitError(f"nothing found for {plan.guide_letters!r}")
        v.click(page.keyboard.keys["done"], "search done")
    if department is not None:
        v.click(page.dept_open, "every department")
        v.shot("departments")
        v.click(page.departments.buttons[department], f"department {department}")
    if not step.results and plan.topic in page.topics.buttons:
        v.click(page.topics.buttons[plan.topic], f"topic {plan.topic}")
    results = list(page.results.buttons)
    if results and page.right.currentWidget() is not page.detail:
        v.shot("list")
        v.click(page.results.buttons[results[0]], "a result")
    v.shot("chosen")
    v.click(page.done_button, "done")
    v.wait_left(step, "the guide closed")


@walks("complaint_form")
def complaint_form(v: Visitor, step: Step) -> None:
    page = v.page
    plan = v.plan
    category, reasons = plan.complaint
    v.click(page.categories.buttons[category], f"category {category}")
    for reason in reasons:
        v.click(page.reasons.buttons[reason], f"reason {reason}")
    if plan.phone:
        v.click(page.phone_open, "open the phone keypad")
        for digit in plan.phone:
            v.click(page.keypad.buttons[digit], f"keypad {digit}")
        v.shot("phone")
        v.click(page.phone_done, "phone typed")
    if plan.complaint_text is not None:
        v.click(page.text_open, "open the text box")
        pinyin, words = plan.complaint_text
        type_pinyin(v, page.keyboard, pinyin, words)
        v.shot("text")
        v.click(page.keyboard.keys["done"], "keyboard done")
    v.shot("filled")
    v.click(page.send_button, "send")
    v.wait_left(step, "the complaint sent")


@walks("identify_application")
def identify_application(v: Visitor, step: Step) -> None:
    scanner = getattr(v.device("scanner"), "simulator", None)
    if v.slip_codes and scanner is not None:
        scanner.scan(v.slip_codes[-1])  # the slip of an earlier visit under the scanner
    else:  # no slip in hand: key in a number that was never issued
        page = v.page
        for key in "202601010000000000":
            v.click(page.keypad.buttons[key], f"keypad {key}")
        v.click(page.search_button, "search")
    v.wait_left(step, "the application found")


@walks("show_progress")
def show_progress(v: Visitor, step: Any) -> None:
    v.wait_until(lambda: step.state is not Progress.LOADING, "the progress answer")
    assert v.record is not None
    v.record.progress = str(step.state)
    v.shot(str(step.state))
    v.click(v.page.done_button, "done")
    v.wait_left(step, "past the progress")


# ---- 扫码取证
@walks("collect_slip")
def collect_slip(v: Visitor, step: Step) -> None:
    from kiosk.cases.receipts import APP_PREFIX
    from offline_queue.sim import demo_data

    platform = getattr(v.core.queue, "simulator", None)
    number = demo_data.READY_ZHANG  # the lost card's holder (张三), ready in slot 1
    if platform is not None and v.core.outbox is not None and v.core.outbox.find_case(number):
        number = demo_data.new_ready_card(platform.store)  # collected in an earlier visit
    # A simulated dispenser mechanism gets the card into its slot, as staff load one.
    mechanism = getattr(v.device("dispenser"), "simulator", None)
    inventory = v.core.flow_services.card_inventory
    slot = inventory.slot_for(number) if inventory is not None else None
    if mechanism is not None and slot is not None and hasattr(mechanism, "load"):
        mechanism.load(slot)
    v.simulator("scanner").scan(APP_PREFIX + number)
    v.wait_left(step, "the card found ready")


@walks("release_card")
def release_card(v: Visitor, step: Any) -> None:
    from kiosk.flow.collection import Receipt, Release

    v.wait_until(lambda: step.state is not Release.RELEASING, "the card at the gate")
    v.shot(str(step.state))
    if step.state is Release.TAKEN:
        v.click(v.page.receipt_button, "print the receipt")
        v.wait_until(lambda: step.receipt is not Receipt.PRINTING, "the receipt printed")
        v.shot("receipt")
    v.click(v.page.done_button, "done")
    v.wait_left(step, "past the card")


# ---- certificates on A4
@walks("certificate_fetch")
def certificate_fetch(v: Visitor, step: Any) -> None:
    page = v.page
    if v.current() is step and step.state is FetchState.CHOOSE:
        v.shot("period")
        v.click(page.fetch_button, "fetch the certificate")
    v.wait_left(step, "the certificate fetched")


@walks("certificate_preview")
def certificate_preview(v: Visitor, step: Any) -> None:
    page = v.page
    v.wait_until(lambda: not page.image.isNull(), "the certificate preview")
    v.shot("preview")
    v.click(page.print_button, "print")
    v.wait_left(step, "past the preview")


@walks("certificate_print")
def certificate_print(v: Visitor, step: Any) -> None:
    page = v.page
    v.wait_until(lambda: step.state is not PrintState.PRINTING, "the certificate printed")
    if step.state is not PrintState.PRINTED:
        problem = step.error.code if step.error else step.state
        raise VisitError(f"certificate not printed: {problem}")
    v.wait_until(lambda: not step.busy, "the print recorded")
    v.shot("printed")
    assert v.record is not None
    held = step.data.get(HELD_KEY)  # what went to the printer, whichever printer it is
    v.record.certificates.append(bytes(held.pdf) if held is not None else b"")
    take = getattr(v.device("docprinter"), "take_documents", None)
    if take is not None:  # the citizen takes the paper from the stand-in's tray
        take()
    v.click(page.next_button, "next")
    v.wait_left(step, "past the print")
