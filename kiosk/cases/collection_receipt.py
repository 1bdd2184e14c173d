"""The receipt (领取凭条) a citizen may print after taking a new ID card: masked data only."""

from __future__ import annotations

import datetime as dt

from drivers.printer.document import Align, Slip
from kiosk.cases.receipts import end_slip
from kiosk.config.schema import KioskConfig
from kiosk.privacy import mask_id_number, mask_name


def build_collection_receipt(
    config: KioskConfig, application_no: str, name: str, id_number: str, at: dt.datetime
) -> Slip:
    k = config.kiosk
    slip = Slip()
    slip.text("居民身份证领取凭条", size=2, bold=True, align=Align.CENTER)
    slip.separator()
    slip.text(f"受理编号：{application_no}", bold=True)
    if name:
        slip.text(f"领取人：{mask_name(name)}")
    if id_number:
        slip.text(f"证件号码：{mask_id_number(id_number)}")
    slip.text(f"领取时间：{at:%Y-%m-%d %H:%M}")
    slip.text("领取方式：自助终端扫码取证（人脸核验）")
    slip.separator()
    slip.text("请当场核对证件信息，如有错误请到窗口咨询。")
    return end_slip(slip, k)
