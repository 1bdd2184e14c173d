"""事项信息查询: search by keyword and department."""

from __future__ import annotations

from kiosk.config.schema import KioskConfig, load_config
from kiosk.flow.guide import departments, search


def ids(services: list) -> list[str]:
    return [s.id for s in services]


def test_keyword_matches_chinese_and_english() -> None:
    services = load_config().services
    found = ids(search(services, "身份证"))
    assert found[:2] == ["id_card_reissue", "id_card_renewal"]  # names first
    assert "social_insurance_proof" in found  # its materials mention the ID card
    assert ids(search(services, "ID CARD lost")) == ["id_card_reissue"]
    assert search(services, "不存在的事项") == []


def test_department_filter_and_list(config: KioskConfig) -> None:
    services = config.services
    assert [d.zh for d in departments(services)][:2] == ["公安", "综合"]
    assert ids(search(services, department="税务")) == ["tax_certificate"]
    assert ids(search(services, "证明", department="人社")) == ["social_insurance_proof"]
    assert ids(search(services, department="Taxation")) == ["tax_certificate"]
