"""GB 11643 numbers, masking, wiping and the photo decoder plug-in."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

from drivers.base import DeviceError
from drivers.idcard import idnumber
from drivers.idcard.card import IdCard, mask_id_number, mask_name
from drivers.idcard.profiles import PROFILES
from drivers.idcard.sim_photo import SimWltDecoder, make_sim_wlt
from drivers.idcard.text import decode_text_block
from drivers.idcard.wlt import PHOTO_UNAVAILABLE, decode_photo, load_wlt_decoder


@pytest.mark.parametrize(
    ("first17", "check"),
    [("11010519491231002", "X"), ("44052418800101001", "4"), ("11010119900307001", "1")],
)
def test_check_digit(first17: str, check: str) -> None:
    assert idnumber.check_digit(first17) == check
    assert idnumber.is_valid(first17 + check)


@pytest.mark.parametrize(
    "number",
    ["11010519491231002Y", "110105194912310021", "1101051949123100", "11010519491331002X", ""],
)
def test_invalid_numbers(number: str) -> None:
    assert not idnumber.is_valid(number)
    assert idnumber.problem(number)


def test_check_digit_wants_17_digits() -> None:
    with pytest.raises(ValueError):
        idnumber.check_digit("12345")


def test_masks() -> None:
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_id_number("123") == "***"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("阿依古丽·买买提") == "阿***·***"
    assert mask_name("") == ""


def _card() -> IdCard:
    card = decode_text_block(PROFILES["fingerprint"].text_block())
    card.photo_wlt = bytearray(PROFILES["fingerprint"].photo_block())
    card.fingerprint = bytearray(PROFILES["fingerprint"].fingerprint_block())
    card.photo, card.photo_error = decode_photo(SimWltDecoder(), bytes(card.photo_wlt))
    return card


def test_repr_str_and_format_never_show_the_name_or_number() -> None:
    card = _card()
    for shown in (repr(card), str(card), f"{card}", f"{card}", repr([card])):
        assert card.id_number not in shown
        assert card.name not in shown
        assert card.address not in shown
        assert card.masked_id_number in shown


def test_to_dict_masks_unless_asked_and_never_holds_the_fingerprint() -> None:
    card = _card()
    masked = card.to_dict()
    assert masked["id_number"] == card.masked_id_number
    assert masked["name"] == "赵*"
    assert card.address not in str(masked)
    assert masked["birth_date"] == "2000-**-**"
    plain = card.to_dict(unmasked=True)
    assert plain["id_number"] == card.id_number and plain["name"] == "赵敏"
    fp = bytes(card.fingerprint or b"")
    assert fp and all(fp not in str(v).encode() for v in plain.values())
    assert "in memory only" in plain["fingerprint"]


def test_wipe_overwrites_blocks_and_drops_fields() -> None:
    card = _card()
    photo_wlt, fingerprint, photo = card.photo_wlt, card.fingerprint, card.photo
    assert fingerprint is not None and photo is not None
    card.wipe()
    assert not any(photo_wlt) and not any(fingerprint) and not photo.any()
    assert card.wiped and card.id_number == "" and card.name == "" and card.photo is None
    assert card.fingerprint is None and card.birth_date is None
    assert repr(card) == "IdCard(<wiped>)"
    assert card.to_dict()["id_number"] == ""


def test_sim_photo_decodes_to_a_card_sized_face() -> None:
    image = SimWltDecoder().decode(make_sim_wlt("face-1"))
    assert image.shape == (126, 102, 3) and image.dtype == np.uint8
    assert image.std() > 10  # a picture, not a blank


def test_no_decoder_means_photo_unavailable() -> None:
    image, why = decode_photo(None, make_sim_wlt("face-0"))
    assert image is None and why == PHOTO_UNAVAILABLE


def test_failing_or_bogus_decoder_gives_no_photo_and_no_exception() -> None:
    class Broken:
        def decode(self, wlt: bytes) -> np.ndarray:
            raise RuntimeError("vendor library crashed")

    class Empty:
        def decode(self, wlt: bytes) -> np.ndarray:
            return np.zeros((0,), np.uint8)

    for decoder in (Broken(), Empty()):
        image, why = decode_photo(decoder, bytes(1024))
        assert image is None and why.startswith("photo unavailable")
    image, why = decode_photo(SimWltDecoder(), bytes(1024))  # not a simulator block
    assert image is None and "decoder failed" in why


def test_load_wlt_decoder_specs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_wlt_decoder("") is None
    assert isinstance(load_wlt_decoder("sim"), SimWltDecoder)
    module = types.ModuleType("vendor_wlt_test")

    class VendorDecoder:
        def decode(self, wlt: bytes) -> np.ndarray:
            return np.zeros((126, 102, 3), np.uint8)

    class NotADecoder:
        pass

    module.VendorDecoder = VendorDecoder  # type: ignore[attr-defined]
    module.NotADecoder = NotADecoder  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vendor_wlt_test", module)
    assert isinstance(load_wlt_decoder("vendor_wlt_test:VendorDecoder"), VendorDecoder)
    for spec in ("nocolon", "vendor_wlt_test:Missing", "vendor_wlt_test:NotADecoder", "no.such:X"):
        with pytest.raises(DeviceError) as info:
            load_wlt_decoder(spec)
        assert info.value.code == "CONFIG_ERROR"
