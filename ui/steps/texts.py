"""Citizen wording for the stable keys that steps use (grades, reasons, errors)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.flow.feedback import Grade


def grade_text(grade: Grade) -> str:
    return {
        Grade.VERY_SATISFIED: QCoreApplication.translate("StepText", "非常满意"),
        Grade.SATISFIED: QCoreApplication.translate("StepText", "满意"),
        Grade.BASIC: QCoreApplication.translate("StepText", "基本满意"),
        Grade.DISSATISFIED: QCoreApplication.translate("StepText", "不满意"),
        Grade.VERY_DISSATISFIED: QCoreApplication.translate("StepText", "非常不满意"),
    }[grade]


def reason_text(key: str) -> str:
    texts = {
        "too_slow": QCoreApplication.translate("StepText", "等待或办理时间太长"),
        "too_complex": QCoreApplication.translate("StepText", "操作步骤太复杂"),
        "device_fault": QCoreApplication.translate("StepText", "设备出现故障"),
        "unclear_guide": QCoreApplication.translate("StepText", "办事指南不清楚"),
        "not_done": QCoreApplication.translate("StepText", "事情没有办成"),
        "other": QCoreApplication.translate("StepText", "其他"),
        "no_such_service": QCoreApplication.translate("StepText", "找不到要办的事项"),
        "materials_unclear": QCoreApplication.translate("StepText", "不清楚要带什么材料"),
        "staff_attitude": QCoreApplication.translate("StepText", "工作人员态度"),
        "waiting_time": QCoreApplication.translate("StepText", "等候时间太长"),
        "fees": QCoreApplication.translate("StepText", "收费问题"),
        "how_to_apply": QCoreApplication.translate("StepText", "怎么办理"),
        "progress": QCoreApplication.translate("StepText", "办理进度"),
    }
    return texts.get(key, key)


def category_text(key: str) -> str:
    texts = {
        "could_not_get_done": QCoreApplication.translate("StepText", "办不成事反映"),
        "complaint": QCoreApplication.translate("StepText", "投诉"),
        "enquiry": QCoreApplication.translate("StepText", "咨询"),
    }
    return texts.get(key, key)


def error_text(code: str) -> str:
    """What went wrong and what to do, for a step's FlowError code."""
    texts = {
        "QUEUE_UNAVAILABLE": QCoreApplication.translate(
            "StepText", "本机暂时无法保存办件，请稍后再试或联系工作人员。"
        ),
        "QUEUE_REFUSED": QCoreApplication.translate(
            "StepText", "本机暂时无法保存办件，请稍后再试或联系工作人员。"
        ),
        "QUEUE_NOT_DURABLE": QCoreApplication.translate(
            "StepText", "保存办件没有成功，请点“重试”。"
        ),
        "CARD_READ_FAILED": QCoreApplication.translate(
            "StepText", "没有读出身份证，请把证件放平后点“重新读取”。"
        ),
        "CARD_LEFT_BEHIND": QCoreApplication.translate(
            "StepText",
            "读卡区上有一张上一位办事群众留下的身份证，请交给工作人员，再放上您本人的身份证。",
        ),
        "CARD_REMOVED": QCoreApplication.translate(
            "StepText", "读取时身份证被拿开了，请放回读卡区。"
        ),
        "COLLECT_NOT_FOUND": QCoreApplication.translate(
            "StepText", "没有找到这个受理编号，请核对凭条后重新扫描或输入。"
        ),
        "COLLECT_NO_CARD": QCoreApplication.translate(
            "StepText", "这个编号没有待领取的身份证，请到“办理进度查询”查看办理结果。"
        ),
        "COLLECT_ALREADY_COLLECTED": QCoreApplication.translate(
            "StepText", "这张身份证已经领取过了。如有疑问请联系工作人员。"
        ),
        "COLLECT_NOT_YOURS": QCoreApplication.translate(
            "StepText",
            "这张身份证不是您输入的身份信息办理的，只能由申请人本人领取。请核对姓名和身份证号码。",
        ),
        "COLLECT_NOT_READY": QCoreApplication.translate(
            "StepText", "您的身份证还在制作中，暂不能领取，请留意短信通知。"
        ),
        "COLLECT_NOT_HERE": QCoreApplication.translate(
            "StepText", "您的身份证不在本机，请到大厅窗口领取。"
        ),
        "COLLECT_UNAVAILABLE": QCoreApplication.translate(
            "StepText", "暂时无法核对领取信息，请稍后再试或到大厅窗口领取。"
        ),
        "CARD_CAPTURED": QCoreApplication.translate(
            "StepText",
            "您没有及时取走身份证，证件已收回机内妥善保管，仍可领取。"
            "工作人员已收到通知，请联系工作人员取回，或到大厅窗口领取。",
        ),
        "CARD_RELEASE_FAILED": QCoreApplication.translate(
            "StepText",
            "出证没有成功，您的证件仍可领取。工作人员已收到通知，请联系工作人员或到大厅窗口领取。",
        ),
        "BAD_CODE": QCoreApplication.translate(
            "StepText", "这不是本系统凭条上的二维码，请扫描受理凭条上的二维码。"
        ),
        "PAYMENT_DECLINED": QCoreApplication.translate(
            "StepText", "支付没有成功，请换一种方式再试。"
        ),
        "PAYMENT_QR_EXPIRED": QCoreApplication.translate("StepText", "二维码已过期，请重新获取。"),
        "PAYMENT_UNAVAILABLE": QCoreApplication.translate(
            "StepText", "支付服务暂时不可用，请稍后再试或联系工作人员。"
        ),
        "PAYMENT_UNCONFIRMED": QCoreApplication.translate(
            "StepText", "请联系工作人员核实支付结果，如已扣款不会重复收费。"
        ),
        "FINGER_TIMEOUT": QCoreApplication.translate(
            "StepText", "没有检测到手指，请按住指纹仪后点“重新采集”。"
        ),
        "FINGER_FAILED": QCoreApplication.translate(
            "StepText", "指纹没有采集成功，请擦干手指后重试。"
        ),
        "SLIP_NOT_PRINTED": QCoreApplication.translate("StepText", "打印机暂时无法打印。"),
        "SLIP_UNCERTAIN": QCoreApplication.translate("StepText", "凭条可能没有打印完整。"),
        "PRINTER_MISSING": QCoreApplication.translate("StepText", "本机打印机暂不可用。"),
        "DEVICE_MISSING": QCoreApplication.translate(
            "StepText", "所需设备暂不可用，请联系工作人员。"
        ),
        "CAMERA_NO_FRAMES": QCoreApplication.translate(
            "StepText", "摄像头暂时没有画面，请点“重试”；仍不行请联系工作人员。"
        ),
        "FACE_ENGINE_FAILED": QCoreApplication.translate(
            "StepText", "人脸检测暂时出错，请点“重试”或联系工作人员。"
        ),
        "FACE_NOT_FOUND": QCoreApplication.translate(
            "StepText", "没有检测到人脸，请正对摄像头后点“重试”。"
        ),
        "LIVENESS_FAILED": QCoreApplication.translate(
            "StepText", "没有完成眨眼或转头动作，请点“重试”后按提示再做一次。"
        ),
        "FACE_MISMATCH": QCoreApplication.translate(
            "StepText", "人脸与证件照片比对未通过，请摘下帽子和眼镜，正对摄像头后点“重试”。"
        ),
        "FACE_MISMATCH_LIMIT": QCoreApplication.translate(
            "StepText", "人脸比对多次未通过，请点击右上角“请工作人员协助”。"
        ),
        "FACE_NOT_USABLE": QCoreApplication.translate(
            "StepText", "画面中的人脸不够清楚，请正对摄像头后点“重试”。"
        ),
        "FACE_REFERENCE_UNUSABLE": QCoreApplication.translate(
            "StepText", "证件照片无法用于比对，请联系工作人员。"
        ),
        "PERSON_NOT_FOUND": QCoreApplication.translate(
            "StepText", "没有找到该身份证号码的登记信息，请返回核对号码，或联系工作人员。"
        ),
        "VERIFY_UNAVAILABLE": QCoreApplication.translate(
            "StepText", "暂时无法联网核验身份，请稍后点“重试”或联系工作人员。"
        ),
        "NO_REFERENCE": QCoreApplication.translate(
            "StepText", "缺少用于比对的证件信息，请联系工作人员。"
        ),
        "PHOTO_FAILED": QCoreApplication.translate("StepText", "拍照没有成功，请再试一次。"),
        "PHOTO_TIMEOUT": QCoreApplication.translate(
            "StepText", "照片一直没有达到要求，已暂停拍摄。"
        ),
        "PHOTO_TIMEOUT_LIMIT": QCoreApplication.translate(
            "StepText", "多次没能拍成照片，请点击右上角“请工作人员协助”。"
        ),
    }
    return texts.get(
        code, QCoreApplication.translate("StepText", "出了点问题，请重试或联系工作人员。")
    )
