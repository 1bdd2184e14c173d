"""Synthetic 1280×720 camera frames holding a QR or Code 128 symbol, clean or degraded.

Shared by the decoder benchmark and the tests, so both judge the decoders on
the same kind of frames: textured background with lighting gradient and
clutter, a symbol at a random place, then rotation, blur, sensor noise, JPEG.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from drivers.camera import synthetic


@dataclass(frozen=True)
class Variant:
    name: str
    symbology: str  # "QR" or "CODE128"
    module_px: float
    max_angle_deg: float = 0.0
    blur_sigma: float = 0.0
    noise_sigma: float = 0.0
    jpeg_quality: int | None = None
    degraded: bool = True


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("qr_clean", "QR", 6, degraded=False),
        Variant("qr_rotated", "QR", 6, max_angle_deg=45),
        Variant("qr_blur_noise_jpeg", "QR", 6, blur_sigma=1.5, noise_sigma=12, jpeg_quality=70),
        Variant("qr_rotated_blur_noise", "QR", 6, max_angle_deg=45, blur_sigma=1.5, noise_sigma=12),
        Variant("qr_small", "QR", 2.4, max_angle_deg=10),
        Variant("qr_heavy_blur", "QR", 6, blur_sigma=2.5),
        Variant("code128_clean", "CODE128", 3, degraded=False),
        Variant(
            "code128_rotated_blur_noise",
            "CODE128",
            3,
            max_angle_deg=15,
            blur_sigma=1.5,
            noise_sigma=12,
        ),
    )
}


def payload(symbology: str, rng: np.random.Generator) -> str:
    """A slip URL of about 60 characters (QR) or an 18-digit number (Code 128)."""
    if symbology == "QR":
        serial = "".join(rng.choice(list("ABCDEFGHJKMNPQRSTUVWXYZ23456789"), 12))
        return f"https://zwfw.example.gov.cn/kiosk/slip?id=KSK-{serial}&v=1"
    return "".join(str(d) for d in rng.integers(0, 10, 18))


def make_frame(
    variant: Variant, seed: int, size: tuple[int, int] = (1280, 720)
) -> tuple[np.ndarray, str]:
    """A grayscale frame for ``variant`` and the text it holds (deterministic per seed)."""
    rng = np.random.default_rng(seed)
    width, height = size
    text = payload(variant.symbology, rng)
    frame = synthetic.background(width, height, seed, color=False)
    # Draw at whole pixels per module, then scale the rest: a 1-px symbol blown up
    # with linear interpolation would be blurred even in the "clean" variants.
    px = max(1, int(variant.module_px))
    if variant.symbology == "QR":
        symbol = synthetic.qr_image(text, module_px=px, ec="M")
    else:
        symbol = synthetic.code128_image(text, module_px=px, height_px=40 * px)
    scale = variant.module_px / px
    angle = float(rng.uniform(-variant.max_angle_deg, variant.max_angle_deg))
    half = 0.75 * max(symbol.shape) * scale
    cx = float(rng.uniform(half, max(half + 1, width - half)))
    cy = float(rng.uniform(min(half, height / 2), max(min(half, height / 2) + 1, height - half)))
    synthetic.paste(frame, symbol, (cx, cy), angle, scale)
    frame = synthetic.degrade(
        frame,
        rng,
        blur_sigma=variant.blur_sigma,
        noise_sigma=variant.noise_sigma,
        jpeg_quality=variant.jpeg_quality,
    )
    return frame, text
