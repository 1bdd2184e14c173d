"""Synthetic people: a small parametric 3-D head renderer for tests, calibration and demos.

Nobody real is pictured. A head is an ellipsoid carrying Gaussian relief (eye sockets, brow
ridge, cheekbones, nose, lips, chin) and a painted albedo (skin, eyes with lids, brows, lips,
hair); ``Identity`` holds the shape and colour parameters, ``Pose`` the head rotation,
position, eye opening and light. The surface is sampled densely, rotated, shaded
(Lambert), z-buffered into the frame over a plain or cluttered background, then blurred and
given sensor noise. The MediaPipe models find these faces and place landmarks on them; the
embedding network tells identities apart only coarsely (see ``benchmarks/face_calibrate.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import cast

import cv2
import numpy as np

Colour = tuple[float, float, float]  # BGR


@dataclass(frozen=True)
class Identity:
    """Shape and colour of one synthetic person, in head-height units (half height ≈ 1)."""

    face_w: float = 0.74
    face_h: float = 1.0
    depth: float = 0.75
    jaw: float = 0.85
    chin: float = 0.05
    eye_dx: float = 0.30
    eye_y: float = -0.12
    eye_w: float = 0.13
    eye_h: float = 0.07
    brow_y: float = -0.30
    brow_th: float = 0.035
    brow_arch: float = 0.03
    nose_len: float = 0.36
    nose_w: float = 0.10
    nose_h: float = 0.22
    mouth_y: float = 0.42
    mouth_w: float = 0.20
    lip_th: float = 0.04
    hairline: float = -0.55
    hair_style: int = 0  # 0 short, 1 side fringe, 2 long, 3 cropped
    beard: int = 0  # 0 none, 1 moustache, 2 moustache and chin beard
    eye_slant: float = 0.0  # outer corners raised (>0) or lowered (<0), head units
    skin: Colour = (150.0, 175.0, 215.0)
    iris: Colour = (40.0, 60.0, 90.0)
    hair: Colour = (25.0, 25.0, 30.0)
    lips: Colour = (110.0, 110.0, 190.0)
    shirt: Colour = (90.0, 60.0, 40.0)


@dataclass(frozen=True)
class Pose:
    """Where and how one head appears: centre/scale in pixels, angles in degrees.

    ``yaw`` > 0 turns the head to the subject's left (nose to the image's right), ``pitch``
    > 0 lifts the chin, ``roll`` > 0 tilts clockwise on screen. ``eye_open`` is 1 for open
    lids and 0 for closed. ``light`` is the direction towards the light (x right, y down,
    z to the camera); ``ambient`` and ``diffuse`` its strength.
    """

    cx: float = 320.0
    cy: float = 220.0
    scale: float = 120.0
    yaw: float = 0.0
    pitch: float = 0.0
    roll: float = 0.0
    eye_open: float = 1.0
    light: tuple[float, float, float] = (0.3, -0.4, 1.0)
    ambient: float = 0.45
    diffuse: float = 0.65


@dataclass(frozen=True)
class Scene:
    """Frame size, background and sensor effects."""

    width: int = 640
    height: int = 480
    background: Colour = (235.0, 235.0, 235.0)
    clutter: bool = False  # busy background (shelves, posters) instead of a plain wall
    noise: float = 2.0
    blur: float = 0.8
    seed: int = 0
    extra: dict[str, float] = field(default_factory=dict)


def random_identity(seed: int) -> Identity:
    """A reproducible random synthetic person."""
    r = np.random.default_rng(seed)
    tone = r.uniform(0.55, 1.1)
    base_skin = np.array([150.0, 175.0, 215.0]) * tone + r.uniform(-6, 6, 3)
    # natural hair: near-black to brown, or grey; B <= G <= R keeps it out of green/blue
    grey = r.uniform(12, 60) if r.random() < 0.85 else r.uniform(90, 150)
    hair = grey * np.array([0.8, 0.9, 1.0]) * r.uniform(0.9, 1.3, 3).cumsum() / [0.9, 2.0, 3.3]
    lips = (r.uniform(80, 130), r.uniform(80, 120), r.uniform(150, 210))
    return Identity(
        face_w=r.uniform(0.64, 0.84),
        face_h=r.uniform(0.92, 1.08),
        depth=r.uniform(0.65, 0.85),
        jaw=r.uniform(0.65, 0.97),
        chin=r.uniform(0.0, 0.1),
        eye_dx=r.uniform(0.25, 0.35),
        eye_y=r.uniform(-0.18, -0.06),
        eye_w=r.uniform(0.10, 0.15),
        eye_h=r.uniform(0.055, 0.085),
        brow_y=r.uniform(-0.36, -0.27),
        brow_th=r.uniform(0.018, 0.05),
        brow_arch=r.uniform(0.0, 0.07),
        nose_len=r.uniform(0.28, 0.42),
        nose_w=r.uniform(0.07, 0.14),
        nose_h=r.uniform(0.14, 0.30),
        mouth_y=r.uniform(0.36, 0.50),
        mouth_w=r.uniform(0.14, 0.26),
        lip_th=r.uniform(0.025, 0.06),
        hairline=r.uniform(-0.72, -0.45),
        hair_style=int(r.integers(0, 4)),
        beard=int(r.choice([0, 0, 0, 1, 2])),
        eye_slant=r.uniform(-0.02, 0.04),
        skin=cast(Colour, tuple(float(v) for v in np.clip(base_skin, 40, 250))),
        iris=cast(Colour, tuple(float(v) for v in r.uniform(20, 50) * np.array([0.6, 0.9, 1.3]))),
        hair=cast(Colour, tuple(float(v) for v in hair)),
        lips=lips,
        shirt=cast(Colour, tuple(float(v) for v in r.uniform(30, 160, 3))),
    )


def _gauss(u: np.ndarray, v: np.ndarray, cu: float, cv: float, su: float, sv: float) -> np.ndarray:
    return np.exp(-(((u - cu) / su) ** 2 + ((v - cv) / sv) ** 2) / 2)


def _rotation(yaw: float, pitch: float, roll: float) -> np.ndarray:
    y, p, r = (math.radians(a) for a in (yaw, pitch, roll))
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    return cast(np.ndarray, rz @ rx @ ry)


def _surface(idn: Identity, n: int) -> tuple[np.ndarray, ...]:
    """Sample grid (u, v), height z and the inside mask of the face surface."""
    a, b = idn.face_w, idn.face_h
    u, v = np.meshgrid(
        np.linspace(-a * 1.02, a * 1.02, max(8, int(n * a))),
        np.linspace(-b * 1.02, b * 1.02, max(8, int(n * b))),
    )
    width = np.where(v > 0, 1 - (1 - idn.jaw) * (v / b) ** 2, 1.0)
    r2 = (u / (a * width)) ** 2 + (v / b) ** 2
    z = idn.depth * np.sqrt(np.clip(1 - r2, 0, 1))
    ey = idn.eye_y
    for s in (-1, 1):
        z -= 0.07 * _gauss(u, v, s * idn.eye_dx, ey, 0.12, 0.08)  # eye socket
        z += 0.04 * _gauss(u, v, s * idn.eye_dx, idn.brow_y, 0.14, 0.05)  # brow ridge
        z += 0.04 * _gauss(u, v, s * 0.42, 0.12, 0.12, 0.10)  # cheekbone
    t = np.clip((v - ey) / idn.nose_len, 0, 1)
    ridge = np.exp(-((u / (idn.nose_w * (0.5 + 0.6 * t))) ** 2) / 2)
    z += idn.nose_h * t**1.5 * ridge * (v < ey + idn.nose_len + 0.02)
    z += idn.nose_h * 0.6 * _gauss(u, v, 0, ey + idn.nose_len, idn.nose_w * 0.9, 0.05)
    z += 0.05 * _gauss(u, v, 0, idn.mouth_y, idn.mouth_w, 0.05)  # lips
    z += (0.04 + idn.chin) * _gauss(u, v, 0, 0.80, 0.18, 0.10)  # chin
    return u, v, z, r2 < 1


def _paint_eye(
    col: np.ndarray, idn: Identity, u: np.ndarray, v: np.ndarray, s: int, eye_open: float
) -> None:
    """Almond eye between lids; the upper lid slides down to the lower one as eye_open → 0."""
    eu = (u - s * idn.eye_dx) / idn.eye_w
    dv = v - idn.eye_y + idn.eye_slant * eu * s  # outer corner is at eu * s > 0
    in_u = np.abs(eu) < 1
    prof = np.sqrt(np.clip(1 - eu**2, 0, 1))
    lower = idn.eye_h * 0.55 * prof
    upper = -idn.eye_h * prof * eye_open + lower * (1 - eye_open)
    opening = in_u & (dv > upper) & (dv < lower)
    col[opening] = (225, 228, 232)
    rr = (u - s * idn.eye_dx) ** 2 + (dv + idn.eye_h * 0.1) ** 2
    col[opening & (rr < (idn.eye_h * 0.9) ** 2)] = idn.iris
    col[opening & (rr < (idn.eye_h * 0.38) ** 2)] = (15, 15, 15)
    col[in_u & (np.abs(dv - upper) < idn.eye_h * 0.22)] = (25, 25, 30)  # lash line
    crease = -idn.eye_h * prof * 1.5
    col[(np.abs(eu) < 0.9) & (np.abs(dv - crease) < idn.eye_h * 0.1)] = np.array(idn.skin) * 0.75


def _albedo(
    idn: Identity, u: np.ndarray, v: np.ndarray, eye_open: float, rng: np.random.Generator
) -> np.ndarray:
    col = np.empty((*u.shape, 3), np.float32)
    col[:] = idn.skin
    for s in (-1, 1):
        du = (u - s * idn.eye_dx) / (idn.eye_w * 1.3)
        curve = idn.brow_y - idn.brow_arch * (1 - du**2)
        taper = 1 - 0.5 * np.abs(du) * (s * du > 0)
        brow = (np.abs(du) < 1) & (np.abs(v - curve) < idn.brow_th * taper)
        col[brow] = np.array(idn.hair) * 1.2 + 10
        _paint_eye(col, idn, u, v, s, eye_open)
    mu = u / idn.mouth_w
    mv = (v - idn.mouth_y) / idn.lip_th
    lips = (mu**2 + (mv + 0.9) ** 2 < 1) | (mu**2 + ((mv - 0.9) / 1.1) ** 2 < 1)
    col[lips] = idn.lips
    col[(np.abs(mv) < 0.18) & (np.abs(mu) < 0.95)] = (40, 40, 90)
    for s in (-1, 1):
        nostril = _gauss(u, v, s * idn.nose_w * 0.45, idn.eye_y + idn.nose_len + 0.03, 0.025, 0.015)
        col[nostril > 0.5] = np.array(idn.skin) * 0.35
    if idn.beard:
        stache = (np.abs(u) < idn.mouth_w * 1.1) & (v > idn.mouth_y - idn.lip_th - 0.07)
        col[stache & (v < idn.mouth_y - idn.lip_th * 0.9)] = np.array(idn.hair) * 1.1 + 5
    if idn.beard == 2:
        chin = (v > idn.mouth_y + idn.lip_th * 2.2) & (np.abs(u) < 0.25 + (v - 0.5) * 0.2)
        col[chin] = np.array(idn.hair) * 1.1 + 5
    hl = idn.hairline + 0.32 * (u / idn.face_w) ** 2
    if idn.hair_style == 1:
        hl = hl + 0.12 * np.clip(u / idn.face_w + 0.3, 0, 1)  # fringe swept to one side
    if idn.hair_style == 3:
        hl = hl - 0.1
    side = (np.abs(u) > idn.face_w * (0.80 if idn.hair_style == 2 else 0.86)) & (v < 0.05)
    col[(v < hl) | side] = idn.hair
    col *= 1 + 0.03 * rng.standard_normal(u.shape)[..., None]
    return col


def _paint_body(img: np.ndarray, idn: Identity, pose: Pose, rot: np.ndarray) -> None:
    """Neck, shoulders, ears and the hair volume behind the head (flat 2-D shapes)."""
    cx, cy, s = pose.cx, pose.cy, pose.scale
    neck = np.array(
        [
            [cx - 0.36 * s, cy + 0.6 * s],
            [cx + 0.36 * s, cy + 0.6 * s],
            [cx + 0.42 * s, cy + 1.45 * s],
            [cx - 0.42 * s, cy + 1.45 * s],
        ],
        np.int32,
    )
    cv2.fillPoly(img, [neck], np.array(idn.skin) * 0.8)  # type: ignore[call-overload]  # cv2 takes an array as a colour; its stub names only Sequence[float]
    shoulders = (int(cx), int(cy + 2.3 * s))
    cv2.ellipse(img, shoulders, (int(1.9 * s), int(1.0 * s)), 0, 0, 360, idn.shirt, -1)
    hair_down = 0.75 if idn.hair_style == 2 else 0.0
    hc = rot @ np.array([0.0, -0.25 + hair_down / 2, -0.1])
    axes = (int(idn.face_w * 1.12 * s), int((idn.face_h * 0.95 + hair_down / 2) * s))
    if idn.hair_style == 3:
        axes = (int(idn.face_w * 1.04 * s), int(idn.face_h * 0.9 * s))
    centre = (int(cx + hc[0] * s), int(cy + hc[1] * s))
    cv2.ellipse(img, centre, axes, pose.roll, 0, 360, idn.hair, -1)
    for side in (-1, 1):
        ear = rot @ np.array([side * idn.face_w * 0.98, 0.02, -0.05])
        if ear[2] < -0.3:
            continue  # hidden behind the head
        cv2.ellipse(
            img,
            (int(cx + ear[0] * s), int(cy + ear[1] * s)),
            (max(1, int(0.09 * s * abs(math.cos(math.radians(pose.yaw))) + 1)), int(0.2 * s)),
            pose.roll,
            0,
            360,
            np.array(idn.skin) * 0.85,
            -1,
        )  # type: ignore[call-overload]  # cv2 takes an array as a colour; its stub names only Sequence[float]


def _paint_background(img: np.ndarray, scene: Scene, rng: np.random.Generator) -> None:
    img[:] = scene.background
    if not scene.clutter:
        return
    h, w = img.shape[:2]
    for _ in range(40):
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        x1, y1 = x0 + int(rng.integers(20, 160)), y0 + int(rng.integers(10, 120))
        cv2.rectangle(img, (x0, y0), (x1, y1), rng.uniform(0, 255, 3).tolist(), -1)


def _splat_head(
    img: np.ndarray, idn: Identity, pose: Pose, rot: np.ndarray, rng: np.random.Generator
) -> None:
    """Shade the head surface and z-buffer it into the frame; fills pinholes afterwards."""
    h, w = img.shape[:2]
    u, v, z, inside = _surface(idn, int(pose.scale * 2.2))
    col = _albedo(idn, u, v, pose.eye_open, rng)
    zu = np.gradient(z, axis=1) / np.gradient(u, axis=1)
    zv = np.gradient(z, axis=0) / np.gradient(v, axis=0)
    normals = np.stack([-zu, -zv, np.ones_like(z)], -1)
    normals /= np.linalg.norm(normals, axis=-1, keepdims=True)
    pts = np.stack([u[inside], v[inside], z[inside]], -1) @ rot.T
    light = np.asarray(pose.light, float)
    light /= np.linalg.norm(light)
    shade = pose.ambient + pose.diffuse * np.clip((normals[inside] @ rot.T) @ light, 0, 1)
    colour = col[inside] * shade[:, None]
    xs = np.round(pose.cx + pts[:, 0] * pose.scale).astype(np.int64)
    ys = np.round(pose.cy + pts[:, 1] * pose.scale).astype(np.int64)
    ok = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    pix = ys[ok] * w + xs[ok]
    order = np.lexsort((-pts[ok, 2], pix))  # nearest sample first within each pixel
    pix, colour = pix[order], colour[ok][order]
    first = np.ones(len(pix), bool)
    first[1:] = pix[1:] != pix[:-1]
    img.reshape(-1, 3)[pix[first]] = colour[first]
    mask = np.zeros(h * w, np.uint8)
    mask[pix[first]] = 255
    mask = mask.reshape(h, w)
    holes = (cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) > 0) & (mask == 0)
    if holes.any():
        filled = cv2.inpaint(np.clip(img, 0, 255).astype(np.uint8), holes.astype(np.uint8), 2, 0)
        img[holes] = filled[holes]


def render_group(people: Sequence[tuple[Identity, Pose]], scene: Scene = Scene()) -> np.ndarray:
    """Render several people (drawn in the given order, later ones in front) as BGR uint8."""
    rng = np.random.default_rng(scene.seed)
    img = np.empty((scene.height, scene.width, 3), np.float32)
    _paint_background(img, scene, rng)
    for idn, pose in people:
        rot = _rotation(pose.yaw, pose.pitch, pose.roll)
        _paint_body(img, idn, pose, rot)
        _splat_head(img, idn, pose, rot, rng)
    out: np.ndarray = np.clip(img, 0, 255).astype(np.uint8)
    if scene.blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), scene.blur)
    if scene.noise > 0:
        out = np.clip(out + rng.normal(0, scene.noise, out.shape), 0, 255).astype(np.uint8)
    return out


def render(identity: Identity, pose: Pose = Pose(), scene: Scene = Scene()) -> np.ndarray:
    """Render one synthetic person as a BGR uint8 frame."""
    return render_group([(identity, pose)], scene)


def id_card_photo(identity: Identity, seed: int = 0) -> np.ndarray:
    """The 102×126 photo an ID card chip would carry for this person (white background).

    Rendered as a compliant portrait, reduced to the chip's 102×126 and passed through JPEG
    at quality 60 to imitate the loss of the card's WLT compression.
    """
    pose = Pose(cx=179.0, cy=205.0, scale=140.0, light=(0.1, -0.3, 1.0))
    scene = Scene(width=358, height=441, background=(250.0, 250.0, 250.0), seed=seed)
    big = render(identity, pose, scene)
    small = cv2.resize(big, (102, 126), interpolation=cv2.INTER_AREA)
    ok, jpg = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 60])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cast(np.ndarray, cv2.imdecode(jpg, cv2.IMREAD_COLOR))  # imencode's own bytes


def vary(pose: Pose, rng: np.random.Generator, strength: float = 1.0) -> Pose:
    """A nearby pose and light, for genuine pairs: small turns, shifts and relighting."""
    return replace(
        pose,
        cx=pose.cx + rng.uniform(-30, 30) * strength,
        cy=pose.cy + rng.uniform(-20, 20) * strength,
        scale=pose.scale * rng.uniform(0.85, 1.15) ** strength,
        yaw=pose.yaw + rng.uniform(-15, 15) * strength,
        pitch=pose.pitch + rng.uniform(-8, 8) * strength,
        roll=pose.roll + rng.uniform(-5, 5) * strength,
        light=(rng.uniform(-0.7, 0.7), rng.uniform(-0.6, 0.2), 1.0),
        ambient=rng.uniform(0.35, 0.55),
        diffuse=rng.uniform(0.5, 0.8),
    )
