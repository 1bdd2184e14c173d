"""The short name of each step kind, as the step indicator shows it (读卡 · 核验 · 拍照 …).

One table for every service: a step is called the same wherever it appears. Pages
around the steps (start, 办理成功, the rating) are not counted and have no name here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("StepName", text)


def _names() -> dict[str, str]:
    return {
        "read_id_card": _t("读卡"),
        "id_number_entry": _t("身份证号"),
        "name_entry": _t("姓名"),
        "face_verify": _t("核验"),
        "photo_capture": _t("拍照"),
        "fingerprint": _t("指纹"),
        "confirm": _t("确认"),
        "payment": _t("缴费"),
        "submit": _t("提交"),
        "print_slip": _t("取凭条"),
        "identify_application": _t("查找"),
        "show_progress": _t("进度"),
        "complaint_form": _t("填写"),
        "browse_guide": _t("指南"),
    }


def step_name(kind: str) -> str:
    """The step kind's name in the current language; a kind without one is "办理"."""
    return _names().get(kind) or _t("办理")


def has_name(kind: str) -> bool:
    """Whether the table names ``kind`` (tests: every counted step kind has its name)."""
    return kind in _names()
