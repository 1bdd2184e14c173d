"""Text block decoding: fields, code tables, dates, number validation, card layouts, fuzzing."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.idcard import idnumber, text
from drivers.idcard.card import CardType
from drivers.idcard.codes import NATIONS
from drivers.idcard.profiles import PROFILES
from drivers.idcard.text import CardDataError, UnsupportedCardType, decode_text_block

BASE = dict(PROFILES["zhang_san"].fields)


def block(**changes: str) -> bytes:
    fields = dict(BASE)
    fields.update(changes)
    return text.encode_resident(fields)


def test_resident_card_fields() -> None:
    card = decode_text_block(PROFILES["zhang_san"].text_block())
    assert card.card_type is CardType.RESIDENT
    assert card.name == "张三"
    assert (card.gender_code, card.gender) == ("1", "男")
    assert (card.nation_code, card.nation) == ("01", "汉")
    assert card.birth_date == dt.date(1990, 3, 7)
    assert card.address == "北京市东城区示例街道1号院2号楼301室"
    assert card.id_number == BASE["id_number"] and idnumber.is_valid(card.id_number)
    assert card.issuer == "北京市公安局东城分局"
    assert (card.valid_from, card.valid_to) == (dt.date(2020, 1, 15), dt.date(2040, 1, 15))
    assert not card.long_term and card.digest


def test_text_block_offsets_follow_the_published_layout() -> None:
    raw = PROFILES["zhang_san"].text_block()
    assert raw[0:4].decode("utf-16-le") == "张三"
    assert raw[30:32].decode("utf-16-le") == "1"
    assert raw[32:36].decode("utf-16-le") == "01"
    assert raw[36:52].decode("utf-16-le") == "19900307"
    assert raw[122:158].decode("utf-16-le") == BASE["id_number"]
    assert raw[188:204].decode("utf-16-le") == "20200115"
    assert raw[204:220].decode("utf-16-le") == "20400115"


def test_name_with_middle_dot_and_rare_character() -> None:
    assert decode_text_block(PROFILES["dot_name"].text_block()).name == "阿依古丽·买买提"
    assert decode_text_block(PROFILES["rare_char"].text_block()).name == "陈䶮"


def test_characters_beyond_the_bmp_decode_as_surrogate_pairs() -> None:
    card = decode_text_block(block(name="李𠈌"))
    assert card.name == "李𠈌"


def test_long_term_validity() -> None:
    card = decode_text_block(PROFILES["long_term"].text_block())
    assert card.valid_to is None and card.long_term and not card.is_expired()


def test_expired_card_is_decoded_and_flagged() -> None:
    card = decode_text_block(PROFILES["expired"].text_block())
    assert card.is_expired(dt.date(2025, 1, 1))
    assert not card.is_expired(dt.date(2023, 12, 31))


@pytest.mark.parametrize(
    ("code", "name"), [("01", "汉"), ("46", "德昂"), ("56", "基诺"), ("97", "其他")]
)
def test_nation_codes(code: str, name: str) -> None:
    assert decode_text_block(block(nation=code)).nation == name


def test_nation_table_is_complete() -> None:
    assert len(NATIONS) == 58 and NATIONS["98"] == "外国血统中国籍人士"
    assert NATIONS["05"] == "维吾尔" and NATIONS["29"] == "柯尔克孜" and NATIONS["43"] == "乌孜别克"


def test_unlisted_nation_code_is_shown_as_its_number() -> None:
    assert decode_text_block(block(nation="60")).nation == "60"


@pytest.mark.parametrize(("code", "name"), [("0", "未知"), ("2", "女"), ("9", "未说明")])
def test_gender_codes(code: str, name: str) -> None:
    assert decode_text_block(block(gender=code)).gender == name


def test_lower_case_x_check_digit_is_normalised() -> None:
    number = PROFILES["rare_char"].fields["id_number"]
    assert number.endswith("X")
    fields = dict(PROFILES["rare_char"].fields, id_number=number.lower())
    assert decode_text_block(text.encode_resident(fields)).id_number == number


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"id_number": BASE["id_number"][:17] + "0"}, "ID_NUMBER_INVALID"),
        ({"id_number": "12345"}, "ID_NUMBER_INVALID"),
        ({"birth": "19900308"}, "CARD_DATA_INVALID"),
        ({"valid_from": "20201332"}, "CARD_DATA_INVALID"),
        ({"valid_to": "2040"}, "CARD_DATA_INVALID"),
        ({"gender": "5"}, "CARD_DATA_INVALID"),
        ({"nation": "x1"}, "CARD_DATA_INVALID"),
        ({"name": ""}, "CARD_DATA_INVALID"),
    ],
)
def test_malformed_fields_are_refused_with_a_code(changes: dict[str, str], code: str) -> None:
    with pytest.raises(CardDataError) as info:
        decode_text_block(block(**changes))
    assert info.value.code == code


def test_foreigner_card_layout_is_recognised() -> None:
    card = decode_text_block(PROFILES["foreigner"].text_block())
    assert card.card_type is CardType.FOREIGN_PERMANENT
    assert card.english_name == "SAMPLE, JOHN EXAMPLE"
    assert card.name == "约翰"
    assert card.id_number == "GBR110850312015"
    assert card.nationality == "GBR"
    assert card.birth_date == dt.date(1985, 3, 12)
    assert (card.card_version, card.authority_code) == ("01", "1100")
    assert card.valid_to == dt.date(2027, 6, 1)


def test_foreigner_card_is_not_misread_as_a_resident_card() -> None:
    raw = PROFILES["foreigner"].text_block()
    assert raw[248:250] == "I".encode("utf-16-le")
    assert decode_text_block(raw).address == ""


def test_other_card_types_are_refused_not_misparsed() -> None:
    with pytest.raises(UnsupportedCardType) as info:
        decode_text_block(PROFILES["residence_permit"].text_block())
    assert info.value.code == "CARD_TYPE_UNSUPPORTED"


def test_wrong_block_size_and_invalid_ucs2() -> None:
    with pytest.raises(CardDataError):
        decode_text_block(bytes(100))
    bad = bytearray(block())
    bad[0:2] = b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(CardDataError):
        decode_text_block(bytes(bad))


def test_encoder_refuses_fields_that_do_not_fit() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        block(name="名" * 16)


# ---------------------------------------------------------------- fuzzing


@given(st.binary(min_size=256, max_size=256))
def test_random_blocks_decode_or_raise_card_data_error(raw: bytes) -> None:
    try:
        card = decode_text_block(raw)
    except CardDataError:
        return
    assert card.name or card.english_name


@given(st.binary(max_size=600))
def test_any_length_is_handled(raw: bytes) -> None:
    with contextlib.suppress(CardDataError):
        decode_text_block(raw)


names = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.just("·"), max_size=15
).filter(lambda s: s.strip(" ·"))


@given(
    name=names,
    birth=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    region=st.integers(110000, 659999),
    seq=st.integers(0, 999),
    gender=st.sampled_from(["0", "1", "2", "9"]),
    nation=st.sampled_from(sorted(NATIONS)),
    long_term=st.booleans(),
)
def test_round_trip_of_valid_fields(
    name: str, birth: dt.date, region: int, seq: int, gender: str, nation: str, long_term: bool
) -> None:
    ymd = birth.strftime("%Y%m%d")
    number = idnumber.make(f"{region}{ymd}{seq:03d}")
    raw = block(
        name=name,
        birth=ymd,
        id_number=number,
        gender=gender,
        nation=nation,
        valid_to=text.LONG_TERM if long_term else "20991231",
    )
    card = decode_text_block(raw)
    assert (card.name, card.id_number, card.birth_date) == (name.strip(" "), number, birth)
    assert card.long_term is long_term
