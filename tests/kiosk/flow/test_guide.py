"""事项信息查询: search by keyword, by pinyin initials, and by department."""

from __future__ import annotations

from kiosk.config.schema import KioskConfig, load_config
from kiosk.flow.guide import departments, search
from kiosk.flow.initials import InitialsIndex, initials
from kiosk.ime.lexicon import Lexicon


def ids(services: list) -> list[str]:
    return [s.id for s in services]


def test_keyword_matches_chinese_and_english() -> None:
    services = load_config().services
    found = ids(search(services, "身份证"))
    assert found[:2] == ["id_card_reissue", "id_card_renewal"]  # names first
    assert "social_insurance_proof" in found  # its materials mention the ID card
    assert ids(search(services, "ID CARD lost"))[0] == "id_card_reissue"
    assert search(services, "不存在的事项") == []


def test_department_filter_and_list(config: KioskConfig) -> None:
    services = config.services
    assert [d.zh for d in departments(services)][:2] == ["公安", "综合"]
    assert len(departments(services)) >= 14
    assert ids(search(services, department="税务")) == ["tax_certificate", "vat_invoice_issue"]
    # A name match first, then a service whose materials mention it.
    assert ids(search(services, "证明", department="人社")) == [
        "social_insurance_proof",
        "unemployment_registration",
    ]
    assert ids(search(services, department="Taxation")) == ids(search(services, department="税务"))
    every = search(services, department="公安")
    assert every and all(s.department.zh == "公安" for s in every)


def test_pinyin_initials_find_a_service(config: KioskConfig) -> None:
    services = config.services
    assert ids(search(services, "sfz")) == ["id_card_reissue", "id_card_renewal"]
    assert ids(search(services, "GJJ")) == ["housing_fund_withdrawal", "housing_fund_deposit_proof"]
    assert ids(search(services, "sfz", department="人社")) == []
    assert search(services, "qqqq") == []


def test_initials_at_the_start_of_a_name_rank_before_initials_inside_one(
    config: KioskConfig,
) -> None:
    # 医保参保凭证打印 starts with yb; 城乡居民医保参保登记 has it inside.
    found = ids(search(config.services, "yb"))
    assert found.index("medical_insurance_record") < found.index("resident_medical_insurance_enrol")


def test_initials_take_the_reading_a_word_gives_a_polyphone() -> None:
    # 行 is xing alone but hang in 银行; 长 is chang alone but zhang in 长大; 参保 is can'bao.
    assert initials("身份证") == "sfz"
    assert initials("银行") == "yh"
    assert initials("通行证") == "txz"
    assert initials("长大") == "zd"
    assert initials("城乡居民医保参保登记") == "cxjmybcbdj"
    assert initials("12345 热线") == "12345rx"  # digits and letters stay


def test_initials_from_a_small_lexicon() -> None:
    lexicon = Lexicon("hang\t航400 行420\nxing\t行300 星350\nyin\t银300\nyin'hang\t银行389\n")
    index = InitialsIndex(lexicon)
    assert index.readings("行") == ["xing", "hang"]
    assert index.syllables("银行") == ["yin", "hang"]
    assert index.initials("行星") == "xx"  # no word for the pair: each its commonest
    assert index.initials("火") == ""  # a character the lexicon lacks adds nothing
