"""Citizen-facing words for devices and their problems (translated by Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from drivers.base import DeviceState
from kiosk.flow.service_availability import DeviceProblem


def device_name(device: str) -> str:
    # Literal translate() calls so pyside6-lupdate can find every string.
    names = {
        "idcard": QCoreApplication.translate("DeviceText", "身份证阅读器"),
        "camera": QCoreApplication.translate("DeviceText", "摄像头"),
        "scanner": QCoreApplication.translate("DeviceText", "扫码器"),
        "printer": QCoreApplication.translate("DeviceText", "凭条打印机"),
        "fingerprint": QCoreApplication.translate("DeviceText", "指纹仪"),
        "payment": QCoreApplication.translate("DeviceText", "支付服务"),
        "dispenser": QCoreApplication.translate("DeviceText", "证件发放机"),
        "docprinter": QCoreApplication.translate("DeviceText", "A4打印机"),
    }
    return names.get(device, device)


def problem_text(state: DeviceState) -> str:
    texts = {
        DeviceState.PAPER_OUT: QCoreApplication.translate("DeviceText", "缺纸"),
        DeviceState.COVER_OPEN: QCoreApplication.translate("DeviceText", "舱盖未关"),
        DeviceState.OFFLINE: QCoreApplication.translate("DeviceText", "暂时离线"),
        DeviceState.ERROR: QCoreApplication.translate("DeviceText", "故障"),
        DeviceState.CLOSED: QCoreApplication.translate("DeviceText", "未启动"),
    }
    return texts.get(state, QCoreApplication.translate("DeviceText", "暂不可用"))


def unavailable_reason(problems: tuple[DeviceProblem, ...]) -> str:
    """E.g. "暂停办理：凭条打印机缺纸"."""
    parts = [
        QCoreApplication.translate("DeviceText", "%1%2", "device name, then its problem")
        .replace("%1", device_name(p.device))
        .replace("%2", problem_text(p.status.state))
        for p in problems
    ]
    joined = QCoreApplication.translate("DeviceText", "、", "list separator").join(parts)
    return QCoreApplication.translate("DeviceText", "暂停办理：%1").replace("%1", joined)


def disabled_by_config() -> str:
    return QCoreApplication.translate("DeviceText", "本机暂未开通此事项")


def alternative_text() -> str:
    """What to do instead while a service cannot run here (the tile has room for a line)."""
    return QCoreApplication.translate("DeviceText", "请到人工窗口办理")
