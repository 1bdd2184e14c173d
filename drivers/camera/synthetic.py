"""Synthetic images for simulators and tests: faces, QR / Code 128 symbols, backgrounds.

Faces come from ``drivers/camera/assets/faces/`` (rendered synthetic people,
see its README: camera frames ``person_a_compliant.jpg`` … and chip photos
``person_a_idcard.png``) when they are there; otherwise a simple drawn face is
generated, so nothing here needs a download or a real person's picture.
"""

from __future__ import annotations

import functools
import re
import zlib
from pathlib import Path
from typing import cast

import cv2
import numpy as np

FACES_DIR = Path(__file__).resolve().parent / "assets" / "faces"
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp")
#: Size of an ID-card chip photo (width, height).
ID_PHOTO_SIZE = (102, 126)


def asset(stem: str) -> np.ndarray | None:
    """The shipped image named ``stem`` (any image suffix) as BGR, or None."""
    for suffix in _IMAGE_SUFFIXES:
        path = FACES_DIR / f"{stem}{suffix}"
        if path.is_file():
            image = _load(str(path))
            if image is not None:
                return image.copy()
    return None


def person_frame(person: str, pose: str = "compliant") -> np.ndarray | None:
    """A shipped camera frame of ``person`` (e.g. "person_a") in ``pose``, or None."""
    return asset(f"{person}_{pose}")


def face_image(key: str | int = 0) -> np.ndarray:
    """A BGR picture of a face for ``key``: a shipped image named ``key`` or
    ``<key>_compliant``, else a drawn face seeded by ``key``."""
    if isinstance(key, str):
        image = asset(key)
        if image is None:
            image = person_frame(key)
        if image is not None:
            return image
    return synthetic_face(_key_index(key))


def id_photo(person: str) -> np.ndarray:
    """The 102×126 chip photo of ``person``: shipped ``<person>_idcard``, else a drawn face."""
    w, h = ID_PHOTO_SIZE
    image = asset(f"{person}_idcard")
    if image is not None:
        if image.shape[:2] != (h, w):
            image = cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA)
        return image
    return fit_crop(face_image(person), (w, h))


def fit_crop(image: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Crop ``image`` around its centre to the aspect of ``size`` and scale it there."""
    w, h = size
    ih, iw = image.shape[:2]
    if iw / ih > w / h:
        new_w = int(ih * w / h)
        x0 = (iw - new_w) // 2
        image = image[:, x0 : x0 + new_w]
    else:
        new_h = int(iw * h / w)
        y0 = (ih - new_h) // 2
        image = image[y0 : y0 + new_h]
    return cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA)


def _key_index(key: str | int) -> int:
    if isinstance(key, int):
        return key
    match = re.search(r"(\d+)$", key)
    return int(match.group(1)) if match else zlib.crc32(key.encode())


@functools.lru_cache(maxsize=32)
def _load(path: str) -> np.ndarray | None:
    return cv2.imread(path, cv2.IMREAD_COLOR)


def synthetic_face(seed: int, size: tuple[int, int] = (240, 300)) -> np.ndarray:
    """A drawn, clearly artificial frontal face (BGR), different for each seed."""
    rng = np.random.default_rng(seed)
    w, h = size
    img = np.full((h, w, 3), (235, 232, 228), np.uint8)
    skin = tuple(int(v) for v in rng.integers((120, 150, 190), (170, 190, 235)))
    hair = tuple(int(v) for v in rng.integers(10, 70, 3))
    cx, cy = w // 2, int(h * 0.48)
    fw, fh = int(w * rng.uniform(0.28, 0.34)), int(h * rng.uniform(0.32, 0.36))
    cv2.ellipse(img, (cx, h + 40), (int(w * 0.45), int(h * 0.3)), 0, 0, 360, (90, 80, 70), -1)
    cv2.rectangle(img, (cx - fw // 3, cy + fh - 20), (cx + fw // 3, cy + fh + 40), skin, -1)
    cv2.ellipse(img, (cx, cy - fh // 3), (fw + 12, fh), 0, 180, 360, hair, -1)
    for side in (-1, 1):
        cv2.ellipse(img, (cx + side * fw, cy), (12, 24), 0, 0, 360, skin, -1)
    cv2.ellipse(img, (cx, cy), (fw, fh), 0, 0, 360, skin, -1)
    eye_dx, eye_y = int(fw * rng.uniform(0.38, 0.46)), cy - fh // 6
    for side in (-1, 1):
        ex = cx + side * eye_dx
        cv2.ellipse(img, (ex, eye_y), (14, 8), 0, 0, 360, (250, 250, 250), -1)
        cv2.circle(img, (ex, eye_y), 5, (40, 30, 20), -1)
        cv2.line(img, (ex - 16, eye_y - 16), (ex + 16, eye_y - 18), hair, 4)
    nose = np.array([[cx, eye_y + 8], [cx - 9, cy + fh // 5], [cx + 9, cy + fh // 5]], np.int32)
    cv2.polylines(img, [nose], False, (90, 110, 150), 2)
    cv2.ellipse(img, (cx, cy + fh // 2), (int(fw * 0.35), 10), 0, 0, 180, (70, 70, 160), 3)
    return img


# ---------------------------------------------------------------- symbols


def qr_image(text: str, module_px: int = 6, border_modules: int = 4, ec: str = "M") -> np.ndarray:
    """A grayscale QR symbol (0 = black) with ``module_px`` pixels per module."""
    import qrcode
    from qrcode import constants

    levels = {
        "L": constants.ERROR_CORRECT_L,
        "M": constants.ERROR_CORRECT_M,
        "Q": constants.ERROR_CORRECT_Q,
        "H": constants.ERROR_CORRECT_H,
    }
    qr = qrcode.QRCode(error_correction=levels[ec], box_size=1, border=border_modules)
    qr.add_data(text.encode("utf-8"))
    qr.make(fit=True)
    matrix = np.array(qr.get_matrix(), dtype=bool)
    modules = np.where(matrix, 0, 255).astype(np.uint8)
    return np.kron(modules, np.ones((module_px, module_px), np.uint8))


def code128_image(text: str, module_px: int = 3, height_px: int = 120) -> np.ndarray:
    """A grayscale Code 128 symbol with quiet zones."""
    import zxingcpp

    if hasattr(zxingcpp, "create_barcode"):
        image = np.asarray(
            zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128).to_image(scale=1)
        )
    else:  # zxing-cpp 2.x
        image = zxingcpp.write_barcode(zxingcpp.BarcodeFormat.Code128, text, 0, 1, 10)  # type: ignore[assignment]  # 2.x returns an ndarray; the stub is 3.x's
    row = np.asarray(image, np.uint8)[image.shape[0] // 2]
    bars = np.repeat(row, module_px)
    return np.tile(bars, (height_px, 1))


# ---------------------------------------------------------------- scenes


def background(width: int, height: int, seed: int = 0, *, color: bool = True) -> np.ndarray:
    """Textured background with a lighting gradient and some clutter."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 120 + 70 * (xx / width) + 40 * np.sin(yy / height * np.pi)
    small = rng.normal(0, 18, (height // 8 + 1, width // 8 + 1)).astype(np.float32)
    texture = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    gray = np.clip(light + texture, 0, 255).astype(np.uint8)
    img: np.ndarray = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR) if color else gray
    for _ in range(12):
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        tone = int(rng.integers(40, 220))
        shade = (tone, int(tone * 0.9), int(tone * 0.8)) if color else tone
        if rng.random() < 0.5:
            size = (int(rng.integers(20, 160)), int(rng.integers(20, 120)))
            cv2.rectangle(img, (x, y), (x + size[0], y + size[1]), shade, -1)
        else:
            end = (x + int(rng.integers(-200, 200)), y + int(rng.integers(-200, 200)))
            cv2.line(img, (x, y), end, shade, int(rng.integers(1, 6)))
    return img


def paste(
    dst: np.ndarray,
    sprite: np.ndarray,
    center: tuple[float, float],
    angle_deg: float = 0.0,
    scale: float = 1.0,
) -> np.ndarray:
    """Draw ``sprite`` onto ``dst`` in place, rotated and scaled about its centre."""
    if sprite.ndim != dst.ndim:
        conversion = cv2.COLOR_GRAY2BGR if dst.ndim == 3 else cv2.COLOR_BGR2GRAY
        sprite = cv2.cvtColor(sprite, conversion)
    h, w = sprite.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, scale)
    m[0, 2] += center[0] - w / 2
    m[1, 2] += center[1] - h / 2
    # Warp only into the sprite's bounding box: far cheaper than the whole frame.
    corners = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1], [w, h, 1]], np.float64) @ m.T
    x0 = max(0, int(np.floor(corners[:, 0].min())) - 1)
    y0 = max(0, int(np.floor(corners[:, 1].min())) - 1)
    x1 = min(dst.shape[1], int(np.ceil(corners[:, 0].max())) + 1)
    y1 = min(dst.shape[0], int(np.ceil(corners[:, 1].max())) + 1)
    if x1 <= x0 or y1 <= y0:
        return dst
    m[0, 2] -= x0
    m[1, 2] -= y0
    roi = dst[y0:y1, x0:x1]
    cv2.warpAffine(
        sprite,
        m,
        (x1 - x0, y1 - y0),
        dst=roi,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    return dst


def degrade(
    img: np.ndarray,
    rng: np.random.Generator,
    *,
    blur_sigma: float = 0.0,
    noise_sigma: float = 0.0,
    jpeg_quality: int | None = None,
) -> np.ndarray:
    """Blur, add sensor noise and JPEG-compress, like a cheap camera would."""
    out = img
    if blur_sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), blur_sigma)
    if noise_sigma > 0:
        noise = rng.normal(0, noise_sigma, out.shape)
        out = np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if jpeg_quality is not None:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        if ok:
            out = cast(np.ndarray, cv2.imdecode(buf, cv2.IMREAD_UNCHANGED))  # imencode's own bytes
    return out
