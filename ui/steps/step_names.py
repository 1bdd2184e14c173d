"""The short name of each step kind, as the step indicator shows it (读卡 · 核验 · 拍照 …).

One table for every service: a step is called the same wherever it appears. Pages
around the steps (start, 办理成功, the rating) are not counted and have no name here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _names() -> dict[str, str]:
    return {
        "read_id_card": QCoreApplication.translate("StepName", "读卡"),
        "id_number_entry": QCoreApplication.translate("StepName", "身份证号"),
        "name_entry": QCoreApplication.translate("StepName", "姓名"),
        "sms_phone": QCoreApplication.translate("StepName", "手机号"),
        "face_verify": QCoreApplication.translate("StepName", "核验"),
        "photo_capture": QCoreApplication.translate("StepName", "拍照"),
        "fingerprint": QCoreApplication.translate("StepName", "指纹"),
        "confirm": QCoreApplication.translate("StepName", "确认"),
        "payment": QCoreApplication.translate("StepName", "缴费"),
        "submit": QCoreApplication.translate("StepName", "提交"),
        "print_slip": QCoreApplication.translate("StepName", "取凭条"),
        "identify_application": QCoreApplication.translate("StepName", "查找"),
        "show_progress": QCoreApplication.translate("StepName", "进度"),
        "complaint_form": QCoreApplication.translate("StepName", "填写"),
        "browse_guide": QCoreApplication.translate("StepName", "指南"),
        # Kinds of the certificate and card collection services.
        "certificate_fetch": QCoreApplication.translate("StepName", "开具"),
        "certificate_preview": QCoreApplication.translate("StepName", "预览"),
        "certificate_print": QCoreApplication.translate("StepName", "打印"),
        "collect_slip": QCoreApplication.translate("StepName", "扫凭条"),
        "release_card": QCoreApplication.translate("StepName", "取证"),
    }


def step_name(kind: str) -> str:
    """The step kind's name in the current language; a kind without one is "办理"."""
    return _names().get(kind) or QCoreApplication.translate("StepName", "办理")


def has_name(kind: str) -> bool:
    """Whether the table names ``kind`` (tests: every counted step kind has its name)."""
    return kind in _names()
