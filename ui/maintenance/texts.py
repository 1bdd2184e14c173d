"""The maintenance screens' words that depend on a value (translated by Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def citizen_message(key: str) -> str:
    """The technician's message for citizens, by key (``ServiceActions.MESSAGES``)."""
    messages = {
        "maintenance": QCoreApplication.translate("Maintenance", "本机正在维护。"),
        "printer": QCoreApplication.translate("Maintenance", "本机打印机正在检修。"),
        "network": QCoreApplication.translate("Maintenance", "本机网络正在检修。"),
        "payment": QCoreApplication.translate("Maintenance", "本机缴费功能正在检修。"),
        "camera": QCoreApplication.translate("Maintenance", "本机摄像头正在检修。"),
    }
    return messages.get(key, messages["maintenance"])


def handled_note(key: str) -> str:
    notes = {
        "cash_refund": QCoreApplication.translate("Maintenance", "已现金退还"),
        "refunded_at_counter": QCoreApplication.translate("Maintenance", "已在窗口退还"),
        "gateway_refund_confirmed": QCoreApplication.translate("Maintenance", "支付平台已退款"),
    }
    return notes.get(key, key)


def actor_text(actor: str) -> str:
    actors = {
        "none": QCoreApplication.translate("Maintenance", "无需处理"),
        "automatic": QCoreApplication.translate("Maintenance", "自动恢复"),
        "staff": QCoreApplication.translate("Maintenance", "大厅工作人员"),
        "technician": QCoreApplication.translate("Maintenance", "技术人员"),
        "configuration": QCoreApplication.translate("Maintenance", "配置"),
    }
    return actors.get(actor, actor)


def minutes_text(seconds: float) -> str:
    minutes = max(1, round(seconds / 60 + 0.49))
    return QCoreApplication.translate("Maintenance", "%1 分钟").replace("%1", str(minutes))
