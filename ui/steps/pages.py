"""``PAGES`` maps each step kind to its page class (importing every page)."""

from __future__ import annotations

from ui.steps.base import StepPage
from ui.steps.camera import FaceVerifyPage, PhotoCapturePage
from ui.steps.complaint import ComplaintPage
from ui.steps.devices import FingerprintPage, PaymentPage
from ui.steps.guide import GuidePage
from ui.steps.identity import ConfirmPage, IdNumberEntryPage, NameEntryPage, ReadIdCardPage
from ui.steps.printing import PrintSlipPage
from ui.steps.progress import IdentifyApplicationPage, ShowProgressPage
from ui.steps.rating import RatingPage
from ui.steps.submit import SubmitPage

PAGES: dict[str, type[StepPage]] = {
    "browse_guide": GuidePage,
    "confirm": ConfirmPage,
    "fingerprint": FingerprintPage,
    "payment": PaymentPage,
    "face_verify": FaceVerifyPage,
    "id_number_entry": IdNumberEntryPage,
    "identify_application": IdentifyApplicationPage,
    "photo_capture": PhotoCapturePage,
    "name_entry": NameEntryPage,
    "read_id_card": ReadIdCardPage,
    "complaint_form": ComplaintPage,
    "print_slip": PrintSlipPage,
    "rating": RatingPage,
    "show_progress": ShowProgressPage,
    "submit": SubmitPage,
}
