"""What the kiosk says on each screen and step (translated by Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def prompt(key: str) -> str:
    texts = {
        "home": QCoreApplication.translate(
            "Voice", "您好，请点击屏幕上要办理的事项。需要帮助请点右上角的请工作人员协助。"
        ),
        "guide": QCoreApplication.translate(
            "Voice", "请选择部门或常见事项，也可以输入拼音首字母查找。"
        ),
        "complaint": QCoreApplication.translate(
            "Voice", "请选择问题类别和原因。联系电话可以不填。"
        ),
        "rating": QCoreApplication.translate(
            "Voice", "请对本次服务进行评价，点击五个评价中的一个，然后点提交评价。"
        ),
        "submit": QCoreApplication.translate("Voice", "正在提交，请稍候。"),
        "read_id_card": QCoreApplication.translate(
            "Voice", "请将身份证平放在读卡区，读取时请不要移动。"
        ),
        "id_number_entry": QCoreApplication.translate(
            "Voice", "请用屏幕上的数字键输入您的身份证号码。"
        ),
        "face_verify": QCoreApplication.translate(
            "Voice", "请正对摄像头，按屏幕上的提示眨眼或转头，完成人脸比对。"
        ),
        "photo_capture": QCoreApplication.translate(
            "Voice", "请正对摄像头，按屏幕上的提示调整位置，符合要求后会自动拍照。"
        ),
        "print_slip": QCoreApplication.translate("Voice", "正在打印凭条，打印完成后请取走凭条。"),
        "identify_application": QCoreApplication.translate(
            "Voice", "请将凭条上的二维码对准扫码口，或者输入受理编号；也可以放身份证查询全部业务。"
        ),
        "collect_slip": QCoreApplication.translate(
            "Voice", "请将受理凭条上的二维码对准扫码口，或者输入受理编号。"
        ),
        "release_card": QCoreApplication.translate(
            "Voice", "证件正在送到出证口，请在三十秒内取走您的身份证。"
        ),
        "show_progress": QCoreApplication.translate("Voice", "查询结果已显示在屏幕上。"),
        "name_entry": QCoreApplication.translate("Voice", "请用屏幕上的拼音键盘输入您的姓名。"),
        "fingerprint": QCoreApplication.translate(
            "Voice", "请按屏幕提示，将手指平放在指纹仪上，听到提示后再移开。"
        ),
        "payment": QCoreApplication.translate(
            "Voice", "请出示手机付款码对准扫码口，或者点用手机扫码支付。"
        ),
        "confirm": QCoreApplication.translate("Voice", "请核对屏幕上的信息，无误请点确认。"),
        "sms_phone": QCoreApplication.translate(
            "Voice", "需要短信通知的话，请勾选同意，再输入手机号码；不需要请点跳过。"
        ),
        "idle": QCoreApplication.translate("Voice", "您还需要更多时间吗？需要请点继续办理。"),
        "card_left": QCoreApplication.translate("Voice", "请取走您的身份证，不要遗落在读卡区。"),
        "slip_printed": QCoreApplication.translate(
            "Voice", "凭条已经打印好了，请取走出纸口的凭条，妥善保管。"
        ),
        "slip_left": QCoreApplication.translate("Voice", "请取走出纸口的凭条。"),
        "card_and_slip_left": QCoreApplication.translate(
            "Voice", "请取走读卡区上的身份证和出纸口的凭条。"
        ),
        "help": QCoreApplication.translate("Voice", "已通知工作人员，请在原地稍候。"),
        "help_after_hours": QCoreApplication.translate(
            "Voice", "现在没有工作人员值守，您的求助已记录。也可以拨打屏幕上的热线电话。"
        ),
        "start": QCoreApplication.translate("Voice", "请先看一下办理须知，准备好后点开始办理。"),
        "success": QCoreApplication.translate(
            "Voice", "办理成功。请记下屏幕上的受理编号，并看一下接下来要做什么。"
        ),
    }
    return texts.get(key, "")
