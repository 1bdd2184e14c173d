"""What a scripted citizen does on one visit, varied by the visit's number."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.scanner.on_simulator import PAYMENT_CODE

#: A lost card's holder, as the simulated platform's synthetic registry knows him
#: (``offline_queue.sim.identity.DEFAULT_PERSONS``): invented, never a real person.
LOST_CARD_NUMBER = "110105198001010016"
LOST_CARD_NAME = "张三"
LOST_CARD_PINYIN = "zhangsan"

#: Synthetic cards placed on the reader in turn (``drivers.idcard.profiles``): a
#: plain name, a rare character, a card with fingerprints. All show person A, the
#: synthetic person the camera assets can show blinking and turning.
CARDS = ("zhang_san", "rare_char", "fingerprint")
#: Low grades come with reasons; these are the stable keys of ``kiosk.flow.feedback``.
LOW_GRADE_REASONS = (("too_slow", "not_done"), ("device_fault",), ("too_complex", "other"))
#: Complaint (category, reasons) pairs the citizen picks in turn.
COMPLAINTS = (
    ("could_not_get_done", ("materials_unclear",)),
    ("complaint", ("waiting_time", "fees")),
    ("enquiry", ("how_to_apply",)),
)
#: Departments browsed in the service guide (their Chinese names, the chips' keys).
GUIDE_DEPARTMENTS = ("人社", "公安", "医保", "税务")
#: Topics (the chips' keys) the guide's visitor may tap after the department.
GUIDE_TOPICS = ("身份证", "社保", "医保", "证明")
#: Pinyin initials typed in the guide's search (身份证, 公积金, 医保, 不动产).
GUIDE_LETTERS = ("sfz", "gjj", "yb", "bdc")
#: Short complaint texts typed in pinyin (pinyin, the words it should become).
COMPLAINT_TEXTS = (("banshi", "办事"), ("xiexie", "谢谢"))
#: Synthetic mobile numbers (the 138 0013 8000 example range).
PHONES = ("13800138000", "13900139000")


@dataclass(frozen=True)
class VisitPlan:
    """The choices of one scripted visit; everything a walker varies."""

    number: int
    language: str  # "zh" or "en", chosen on the home screen
    large_type: bool  # 长辈版
    grade: int  # 好差评 level, 5 (非常满意) … 1 (非常不满意)
    reasons: tuple[str, ...]  # for the two lowest grades
    pay_by_qr: bool  # show a payment QR instead of scanning the payment code
    card_profile: str = CARDS[0]
    payment_code: str = PAYMENT_CODE
    lost_card_number: str = LOST_CARD_NUMBER
    lost_card_pinyin: str = LOST_CARD_PINYIN
    lost_card_name: str = LOST_CARD_NAME
    department: str = GUIDE_DEPARTMENTS[0]
    topic: str = GUIDE_TOPICS[0]
    guide_letters: str = ""  # typed in the guide's search instead of browsing departments
    complaint: tuple[str, tuple[str, ...]] = COMPLAINTS[0]
    complaint_text: tuple[str, str] | None = None
    phone: str = ""

    @classmethod
    def for_visit(cls, number: int, session: int = 0) -> VisitPlan:
        """The plan of visit ``number`` (0-based) in round ``session`` of the catalogue.

        Mixing in the round makes a service walked again differ from its last walk
        (language, 长辈版, payment) even when the catalogue's length is even.
        """
        i = number
        grade = 5 - i % 5
        low = grade <= 2
        return cls(
            number=i,
            language="en" if (i + session) % 2 else "zh",
            large_type=(i // 3 + session) % 2 == 1,
            grade=grade,
            reasons=LOW_GRADE_REASONS[i % len(LOW_GRADE_REASONS)] if low else (),
            pay_by_qr=(i + session) % 3 == 1,
            card_profile=CARDS[(i + session) % len(CARDS)],
            department=GUIDE_DEPARTMENTS[i % len(GUIDE_DEPARTMENTS)],
            topic=GUIDE_TOPICS[i % len(GUIDE_TOPICS)],
            guide_letters=GUIDE_LETTERS[i // 2 % len(GUIDE_LETTERS)] if i % 2 else "",
            complaint=COMPLAINTS[i % len(COMPLAINTS)],
            complaint_text=COMPLAINT_TEXTS[i % len(COMPLAINT_TEXTS)] if i % 2 == 0 else None,
            phone=PHONES[i % len(PHONES)] if i % 3 != 2 else "",
        )
