"""zxing-cpp and pyzbar behind one interface, on synthetic 1280×720 frames."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.base import DeviceError
from drivers.camera import synthetic
from drivers.scanner.decoders import DEFAULT_DECODER, make_decoder
from drivers.scanner.testframes import VARIANTS, make_frame

DECODERS = ["zxing-cpp", "pyzbar"]


def test_zxing_cpp_is_the_default() -> None:
    assert DEFAULT_DECODER == "zxing-cpp"
    assert make_decoder().name == "zxing-cpp"


@pytest.mark.parametrize("name", DECODERS)
@pytest.mark.parametrize("variant", ["qr_clean", "code128_clean"])
def test_clean_frames(name: str, variant: str) -> None:
    decoder = make_decoder(name)
    for seed in range(3):
        frame, text = make_frame(VARIANTS[variant], seed)
        results = decoder.decode(frame)
        assert [r.text for r in results] == [text]
        expected = "QR" if variant.startswith("qr") else "CODE128"
        assert results[0].symbology == expected
        assert results[0].aim_id == {"QR": "]Q1", "CODE128": "]C0"}[expected]
        assert results[0].source == "camera"


@pytest.mark.parametrize("name", DECODERS)
def test_chinese_text_in_a_qr_code(name: str) -> None:
    text = "办件编号：粤-2026-000123 张三·李"
    frame = synthetic.background(640, 480, 5, color=True)
    synthetic.paste(frame, synthetic.qr_image(text, module_px=5), (320, 240), 12)
    assert [r.text for r in make_decoder(name).decode(frame)] == [text]


@pytest.mark.parametrize("name", DECODERS)
def test_frame_without_a_code(name: str) -> None:
    assert make_decoder(name).decode(synthetic.background(1280, 720, 9, color=False)) == []


def test_zxing_reads_the_degraded_qr_variants() -> None:
    decoder = make_decoder("zxing-cpp")
    for name, variant in VARIANTS.items():
        if not name.startswith("qr") or not variant.degraded:
            continue
        frame, text = make_frame(variant, 1)
        assert text in [r.text for r in decoder.decode(frame)], name


def test_restricting_formats_hides_other_symbologies() -> None:
    frame, _ = make_frame(VARIANTS["code128_clean"], 0)
    assert make_decoder("zxing-cpp", ["QR"]).decode(frame) == []
    assert make_decoder("pyzbar", ["QR"]).decode(frame) == []


@pytest.mark.parametrize(
    ("name", "formats"),
    [("nope", ["QR"]), ("zxing-cpp", ["NOPE"]), ("zxing-cpp", []), ("pyzbar", ["DATAMATRIX"])],
)
def test_bad_decoder_settings_are_configuration_errors(name: str, formats: list[str]) -> None:
    with pytest.raises(DeviceError) as info:
        make_decoder(name, formats)
    assert info.value.code == "CONFIG_ERROR"


def test_bgr_and_gray_frames_are_both_accepted() -> None:
    gray, text = make_frame(VARIANTS["qr_clean"], 2)
    bgr = np.dstack([gray, gray, gray])
    for name in DECODERS:
        assert [r.text for r in make_decoder(name).decode(bgr)] == [text]


def test_turned_bar_codes_need_try_rotate() -> None:
    frame = synthetic.background(1280, 720, 4, color=False)
    bars = synthetic.code128_image("KSK20261122000123", module_px=3, height_px=90)
    synthetic.paste(frame, bars, (640, 360), 90)
    assert make_decoder("zxing-cpp").decode(frame) == []
    turned = make_decoder("zxing-cpp", try_rotate=True).decode(frame)
    assert [r.text for r in turned] == ["KSK20261122000123"]
