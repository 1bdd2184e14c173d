"""What the flows share beyond devices and the queue: the kiosk's stores and the face engine.

``KioskCore.flow_services`` fills the stores as they open; a store that could not open
stays None and the steps that need it say so. The face engine's parts are made on first
use (their models are large) and kept for the next visit; tests put simulated ones in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # each loads its own stack (sqlite, numpy, the face models) when used
    from kiosk.cases.index import CaseIndex
    from kiosk.cases.receipts import LastSlip
    from kiosk.face import ComplianceChecker, FaceDetector, FaceMatcher
    from kiosk.flow.card_inventory import CardInventory
    from kiosk.payments.journal import FeeJournal
    from kiosk.visit.left_card import LeftCardGuard
    from kiosk.visit.slip_reminder import SlipReminder


@dataclass
class FlowServices:
    #: The last slip printed, reprintable from the home screen.
    last_slip: LastSlip | None = None
    #: Asks for a printed slip left in the tray once the visit ends.
    slip_reminder: SlipReminder | None = None
    #: Knows whether the card on the reader is the last visit's.
    left_card: LeftCardGuard | None = None
    #: This kiosk's applications by ID card (progress by card); None if it did not open.
    case_index: CaseIndex | None = None
    #: Every fee's order, written before the gateway hears of it; None: no fee is taken.
    payment_journal: FeeJournal | None = None
    #: Which dispenser slot holds which application's card; None: no card is handed out.
    card_inventory: CardInventory | None = None
    #: Tells the hall's staff (a help request, no personal data) what a step cannot fix.
    staff_alert: Callable[[str], object] | None = None
    face_detector: FaceDetector | None = None
    face_matcher: FaceMatcher | None = None
    face_compliance: ComplianceChecker | None = None
