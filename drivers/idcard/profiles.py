"""Synthetic card holders for the simulator. Invented people only, never real ones."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from drivers.idcard import idnumber, text


@dataclass(frozen=True)
class CardProfile:
    """One synthetic card: its text fields, the person its photo shows, an optional fingerprint.

    ``photo_key`` names a synthetic person of the camera assets ("person_a" …),
    so the simulated camera can show the same face as the card photo.
    """

    key: str
    description: str
    fields: dict[str, str]
    photo_key: str
    layout: str = "resident"  # "resident", "foreign", or a raw type flag to send
    has_fingerprint: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def text_block(self) -> bytes:
        if self.layout == "resident":
            return text.encode_resident(self.fields)
        if self.layout == "foreign":
            return text.encode_foreign(self.fields)
        # Another card type: resident-like text with a different flag.
        block = bytearray(text.encode_resident(self.fields))
        block[text.FLAG_OFFSET : text.FLAG_OFFSET + 2] = self.layout.encode("utf-16-le")
        return bytes(block)

    def photo_block(self) -> bytes:
        # Drawing the photo needs numpy and the camera's synthetic faces: only when read.
        from drivers.idcard.sim_photo import make_sim_wlt

        return make_sim_wlt(self.photo_key)

    def fingerprint_block(self) -> bytes:
        if not self.has_fingerprint:
            return b""
        out = bytearray()
        seed = hashlib.sha256(f"fp:{self.key}".encode()).digest()
        for finger in (1, 2):  # two 512-byte feature records, one per finger
            record = bytearray(b"C" + bytes([finger]))
            while len(record) < 512:
                seed = hashlib.sha256(seed).digest()
                record += seed
            out += record[:512]
        return bytes(out)


def _resident(
    key: str, description: str, photo_key: str, *, number17: str, **fields: str
) -> CardProfile:
    fields["id_number"] = idnumber.make(number17)
    fields.setdefault("birth", number17[6:14])
    fingerprint = fields.pop("fingerprint", "") == "yes"
    return CardProfile(key, description, fields, photo_key, has_fingerprint=fingerprint)


PROFILES: dict[str, CardProfile] = {
    p.key: p
    for p in (
        _resident(
            "zhang_san",
            "resident card, Han, male, ten-year validity",
            "person_a",
            number17="11010119900307001",
            name="张三",
            gender="1",
            nation="01",
            address="北京市东城区示例街道1号院2号楼301室",
            issuer="北京市公安局东城分局",
            valid_from="20200115",
            valid_to="20400115",
        ),
        _resident(
            "dot_name",
            "name with the middle dot (·), Uyghur, female",
            "person_b",
            number17="65010219850312002",
            name="阿依古丽·买买提",
            gender="2",
            nation="05",
            address="新疆乌鲁木齐市天山区示例路88号",
            issuer="乌鲁木齐市公安局天山区分局",
            valid_from="20180601",
            valid_to="20380601",
        ),
        _resident(
            "rare_char",
            "name with a rare character outside GB2312 (䶮, CJK Ext-A)",
            "person_a",
            number17="44010619780920003",
            name="陈䶮",
            gender="1",
            nation="01",
            address="广东省广州市天河区示例大道100号",
            issuer="广州市公安局天河区分局",
            valid_from="20160301",
            valid_to="20360301",
        ),
        _resident(
            "long_term",
            "elderly holder, long-term (长期) validity",
            "person_b",
            number17="32010219500101004",
            name="李秀英",
            gender="2",
            nation="01",
            address="江苏省南京市玄武区示例巷5号",
            issuer="南京市公安局玄武分局",
            valid_from="20100510",
            valid_to=text.LONG_TERM,
        ),
        _resident(
            "fingerprint",
            "card with a fingerprint block",
            "person_a",
            number17="51010420000229005",
            name="赵敏",
            gender="2",
            nation="03",
            address="四川省成都市锦江区示例街6号",
            issuer="成都市公安局锦江区分局",
            valid_from="20190708",
            valid_to="20290708",
            fingerprint="yes",
        ),
        _resident(
            "expired",
            "card past its validity",
            "person_b",
            number17="11010519700615006",
            name="王建国",
            gender="1",
            nation="02",
            address="北京市朝阳区示例路9号",
            issuer="北京市公安局朝阳分局",
            valid_from="20040101",
            valid_to="20240101",
        ),
        CardProfile(
            "foreigner",
            "foreigner's permanent-residence card (2017 layout, flag I)",
            {
                "english_name": "SAMPLE, JOHN EXAMPLE",
                "gender": "1",
                "permit_number": "GBR110850312015",
                "nationality": "GBR",
                "name": "约翰",
                "valid_from": "20170601",
                "valid_to": "20270601",
                "birth": "19850312",
                "card_version": "01",
                "authority_code": "1100",
            },
            "person_b",
            layout="foreign",
        ),
        CardProfile(
            "residence_permit",
            "Hong Kong/Macao/Taiwan residence permit (flag J): an unsupported type",
            {
                "name": "陈大文",
                "gender": "1",
                "nation": "01",
                "birth": "19880808",
                "address": "广东省深圳市福田区示例路1号",
                "id_number": idnumber.make("81000019880808007"),
                "issuer": "深圳市公安局",
                "valid_from": "20190101",
                "valid_to": "20240101",
            },
            "person_a",
            layout="J",
        ),
    )
}

DEFAULT_PROFILE = "zhang_san"
