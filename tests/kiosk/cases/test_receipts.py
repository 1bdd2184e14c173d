"""The slip: content, masking, its code, pickup date and the reprint window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.idcard import idnumber
from drivers.printer.document import QrCode, Text
from drivers.printer.render import save_png
from kiosk.cases.receipts import (
    APP_PREFIX,
    BadCode,
    LastSlip,
    add_working_days,
    build_slip,
    facts_from_case,
    parse_progress_code,
    progress_code,
)
from kiosk.config.schema import load_config
from kiosk.flow.submit import application_number

ID = idnumber.make("11010519491231002")


def slip_for(name: str = "欧阳·娜娜", base_url: str = "") -> tuple:
    config = load_config()
    if base_url:
        config = config.model_copy(
            update={"platform": config.platform.model_copy(update={"base_url": base_url})}
        )
    service = config.service("id_card_reissue")
    app_no = application_number(config.kiosk.id)
    facts = facts_from_case(service, app_no, {"id_number": ID, "name": name}, 4000)
    return config, app_no, build_slip(config, facts)


def texts(slip) -> list[str]:
    return [e.text for e in slip.elements if isinstance(e, Text)]


def test_slip_has_number_masked_data_address_and_code() -> None:
    config, app_no, slip = slip_for()
    lines = texts(slip)
    joined = "\n".join(lines)
    assert f"受理编号：{app_no}" in lines
    assert ID not in joined and "欧阳·娜娜" not in joined
    assert f"证件号码：{ID[:4]}{'*' * 10}{ID[-4:]}" in lines
    assert "申请人：欧*·**" in lines
    assert "已缴费用：40.00 元" in lines
    assert any(line.startswith("预计可领取：") for line in lines)
    assert f"领取地点：{config.kiosk.hall_address.zh}" in lines
    [qr] = [e for e in slip.elements if isinstance(e, QrCode)]
    assert parse_progress_code(qr.data) == app_no


def test_slip_renders_to_an_image(tmp_path: Path) -> None:
    _, _, slip = slip_for()
    path = save_png(slip, tmp_path / "slip.png")
    assert path.stat().st_size > 5_000


def test_code_with_the_platform_url() -> None:
    config, app_no, _ = slip_for(base_url="https://zwfw.example.gov.cn/")
    code = progress_code(config, app_no)
    assert code == f"https://zwfw.example.gov.cn/p/{app_no}"
    assert parse_progress_code(code) == app_no
    assert parse_progress_code(f" {APP_PREFIX}{app_no}\r\n") == app_no
    assert parse_progress_code(app_no) == app_no  # typed, or printed as a bar code


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "hello",
        "https://evil.example/x",
        f"{APP_PREFIX}12",
        "2026112221140573a9",
        "A" * 600,
        f"{APP_PREFIX}2026;DROP TABLE",
    ],
)
def test_malformed_codes_are_refused(bad: str) -> None:
    with pytest.raises(BadCode):
        parse_progress_code(bad)


@given(st.text(max_size=200))
def test_parser_only_raises_bad_code(text: str) -> None:
    try:
        number = parse_progress_code(text)
    except BadCode:
        return
    assert number.isalnum() and number.upper() == number


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2026, 11, 20)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 23)
    assert add_working_days(friday, 15) == dt.date(2026, 12, 11)
    assert add_working_days(friday, 0) == friday


def test_last_slip_expires() -> None:
    now = [0.0]
    last = LastSlip(window_s=300, clock=lambda: now[0])
    _, _, slip = slip_for()
    last.remember(slip)
    now[0] = 299
    assert last.get() is slip
    now[0] = 301
    assert last.get() is None


def test_a_text_message_number_is_printed_masked() -> None:
    config = load_config()
    service = config.service("senior_bus_card")  # promises a text message
    pii = {"id_number": ID, "name": "张三", "phone": "13800138000"}
    lines = texts(build_slip(config, facts_from_case(service, "A0000001", pii, 0)))
    assert "短信通知：138****8000" in lines
    assert not any("13800138000" in line for line in lines)
    assert any("以短信通知为准" in line for line in lines)
    # No number given: the slip promises no text.
    del pii["phone"]
    lines = texts(build_slip(config, facts_from_case(service, "A0000001", pii, 0)))
    assert not any("短信" in line for line in lines)
    assert any("请扫码查询进度" in line for line in lines)


def test_a_bundle_slip_lists_each_case_with_its_own_code() -> None:
    config = load_config()
    bundle = config.service("newborn_bundle")
    members = tuple(
        (config.service(m).name.zh, f"20261203000000{i:04d}") for i, m in enumerate(bundle.bundle)
    )
    facts = facts_from_case(bundle, members[0][1], {"id_number": ID}, 0, members)
    slip = build_slip(config, facts)
    lines = texts(slip)
    assert lines[0] == bundle.name.zh
    for name, number in members:
        assert name in lines and f"  受理编号：{number}" in lines
    codes = [e.data for e in slip.elements if isinstance(e, QrCode)]
    assert [parse_progress_code(c) for c in codes] == [n for _, n in members]
