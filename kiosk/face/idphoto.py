"""ID-photo geometry after GA 461-2004 and the crop that produces the 358×441 photo.

GA 461-2004《居民身份证制证用数字相片技术要求》figures used here, as quoted by several
secondary sources (the standard's own text was not available to check; it is listed as
superseded by GA/T 461-2019, whose figures are unverified here):

- 358 px wide × 441 px high, 350 dpi, 24-bit RGB, white background, no border;
- JPEG with quality factor 70 (files of about 14–20 KB);
- head horizontally centred; face width 207 ± 14 px;
- top of the hair 7–21 px below the top edge; eyes at least 207 px above the bottom edge.
"""

from __future__ import annotations

import cv2
import numpy as np

from kiosk.face.types import Face

ID_PHOTO_WIDTH = 358
ID_PHOTO_HEIGHT = 441
ID_PHOTO_DPI = 350
ID_PHOTO_JPEG_QUALITY = 70
FACE_WIDTH_PX = 207
FACE_WIDTH_TOLERANCE_PX = 14
EYES_MIN_FROM_BOTTOM_PX = 207
HAIR_TOP_BAND_PX = (7, 21)
# Eye line placed 6 px above the GA 461 limit so small landmark jitter never crosses it;
# with a face 207 px wide the top of the hair then lands near the 7–21 px band.
EYE_LINE_Y = ID_PHOTO_HEIGHT - EYES_MIN_FROM_BOTTOM_PX - 6


def crop_transform(face: Face) -> np.ndarray:
    """2×3 similarity transform from frame pixels to ID-photo pixels for this face.

    Levels the eyes, scales the cheek-to-cheek width to 207 px, centres the face and puts
    the eye line at ``EYE_LINE_Y``.
    """
    eye_mid = face.eye_mid
    scale = FACE_WIDTH_PX / face.face_width
    m = cv2.getRotationMatrix2D((float(eye_mid[0]), float(eye_mid[1])), face.roll_deg, scale)
    centre = m[:, :2] @ face.centre + m[:, 2]
    eyes = m[:, :2] @ eye_mid + m[:, 2]
    m[0, 2] += ID_PHOTO_WIDTH / 2 - centre[0]
    m[1, 2] += EYE_LINE_Y - eyes[1]
    return m


def crop_box(face: Face) -> tuple[float, float, float, float]:
    """Axis-aligned bounds (x0, y0, x1, y1) in the frame of the region the crop would use."""
    inv = cv2.invertAffineTransform(crop_transform(face))
    corners = np.array(
        [[0, 0], [ID_PHOTO_WIDTH, 0], [0, ID_PHOTO_HEIGHT], [ID_PHOTO_WIDTH, ID_PHOTO_HEIGHT]],
        dtype=np.float64,
    )
    pts = corners @ inv[:, :2].T + inv[:, 2]
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    return float(x0), float(y0), float(x1), float(y1)


def head_top(photo: np.ndarray, min_contrast: float = 40.0) -> int | None:
    """Row of the top of the hair in an ID photo, judged against the top-corner background."""
    w = photo.shape[1]
    corners = np.concatenate([photo[:8, :8].reshape(-1, 3), photo[:8, -8:].reshape(-1, 3)])
    bg = np.median(corners, axis=0)
    band = photo[:, int(w * 0.3) : int(w * 0.7)].astype(np.int16)
    fg = np.abs(band - bg).max(axis=2) > min_contrast
    rows = np.flatnonzero(fg.mean(axis=1) > 0.05)
    return int(rows[0]) if rows.size else None


def crop_id_photo(frame: np.ndarray, face: Face) -> np.ndarray:
    """The 358×441 BGR ID photo of ``face`` cut from ``frame`` (edges replicated if short).

    After the landmark-based placement the crop is shifted vertically so the top of the
    hair lands in GA 461's 7–21 px band, never moving the eyes below their limit (the
    standard puts the eye position first and allows trimming very high hair).
    """
    if not face.has_landmarks:
        raise ValueError("face has no landmarks")
    m = crop_transform(face)
    size = (ID_PHOTO_WIDTH, ID_PHOTO_HEIGHT)
    photo = cv2.warpAffine(frame, m, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    top = head_top(photo)
    if top is None:
        return photo
    target = (HAIR_TOP_BAND_PX[0] + HAIR_TOP_BAND_PX[1]) / 2
    # shift > 0 moves the picture up; moving it down is capped by the eye-line limit
    max_down = ID_PHOTO_HEIGHT - EYES_MIN_FROM_BOTTOM_PX - EYE_LINE_Y
    shift = float(np.clip(top - target, -max_down, ID_PHOTO_HEIGHT))
    if abs(shift) < 1:
        return photo
    m[1, 2] -= shift
    return cv2.warpAffine(frame, m, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def encode_id_photo(photo: np.ndarray) -> bytes:
    """JPEG bytes at GA 461's quality factor 70."""
    if photo.shape[:2] != (ID_PHOTO_HEIGHT, ID_PHOTO_WIDTH):
        raise ValueError(f"expected a {ID_PHOTO_WIDTH}×{ID_PHOTO_HEIGHT} photo")
    ok, buf = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, ID_PHOTO_JPEG_QUALITY])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return buf.tobytes()
