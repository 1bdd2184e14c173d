"""Write the synthetic face images the camera and ID-card simulators show.

    python -m kiosk.face.assets drivers/camera/assets/faces

Two synthetic people, A and B (nobody real). Each camera frame is 640×480 JPEG; the ID-card
photos are 102×126 like a decoded chip photo. ``manifest.json`` lists every file with what
the face engine is expected to say about it (``reasons_include``: reasons that must be among
the failed checks; others, e.g. uneven light on a turned head, may come with them).
The tests hold the files to that.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from kiosk.face.synthetic import Identity, Pose, Scene, id_card_photo, random_identity, render
from kiosk.face.synthetic import render_group as _group

PERSON_A_SEED = 7
PERSON_B_SEED = 11
JPEG_QUALITY = 80

_CENTRED = Pose(cx=320.0, cy=205.0, scale=118.0, light=(0.1, -0.3, 1.0))


def _frames(a: Identity, b: Identity) -> dict[str, tuple[np.ndarray, dict[str, Any]]]:
    """name -> (image, expectations)."""
    plain = Scene(background=(238.0, 238.0, 238.0), seed=1)
    return {
        "person_a_compliant.jpg": (
            render(a, _CENTRED, plain),
            {"person": "a", "compliant": True, "reasons_include": [], "what": "passes every check"},
        ),
        "person_a_off_centre.jpg": (
            render(a, replace(_CENTRED, cx=190.0), plain),
            {
                "person": "a",
                "compliant": False,
                "reasons_include": ["MOVE_LEFT"],
                "what": "face left of centre (unmirrored frame): citizen must move left",
            },
        ),
        "person_a_eyes_closed.jpg": (
            render(a, replace(_CENTRED, eye_open=0.0), plain),
            {
                "person": "a",
                "compliant": False,
                "reasons_include": ["EYES_CLOSED"],
                "what": "eyes shut; alternate with the compliant frame to simulate a blink",
            },
        ),
        "person_a_turn_left.jpg": (
            render(a, replace(_CENTRED, yaw=24.0), plain),
            {
                "person": "a",
                "compliant": False,
                "reasons_include": ["FACE_TURNED"],
                "what": "head turned to the citizen's left (liveness TURN_LEFT)",
            },
        ),
        "person_a_turn_right.jpg": (
            render(a, replace(_CENTRED, yaw=-24.0), plain),
            {
                "person": "a",
                "compliant": False,
                "reasons_include": ["FACE_TURNED"],
                "what": "head turned to the citizen's right (liveness TURN_RIGHT)",
            },
        ),
        "person_a_look_up.jpg": (
            render(a, replace(_CENTRED, pitch=25.0), plain),
            {
                "person": "a",
                "compliant": False,
                "reasons_include": ["CHIN_UP"],
                "what": "head raised, looking up (liveness LOOK_UP)",
            },
        ),
        "person_a_cluttered_background.jpg": (
            render(a, _CENTRED, Scene(clutter=True, seed=3)),
            {
                "person": "a",
                "compliant": False,
                "reasons_include": ["BACKGROUND_NOT_PLAIN"],
                "what": "busy background behind the head",
            },
        ),
        "person_b_compliant.jpg": (
            render(b, _CENTRED, plain),
            {"person": "b", "compliant": True, "reasons_include": [], "what": "another person"},
        ),
        "two_people.jpg": (
            _group(
                [
                    (b, Pose(cx=470.0, cy=190.0, scale=85.0)),
                    (a, Pose(cx=230.0, cy=210.0, scale=100.0)),
                ],
                plain,
            ),
            {
                "person": "a+b",
                "compliant": False,
                "reasons_include": ["MULTIPLE_FACES"],
                "what": "two people in view",
            },
        ),
        "no_face.jpg": (
            render_empty(plain),
            {"person": None, "compliant": False, "reasons_include": ["NO_FACE"], "what": "empty"},
        ),
    }


def render_empty(scene: Scene) -> np.ndarray:
    """A frame of the plain backdrop with nobody in front of it."""
    img = np.full((scene.height, scene.width, 3), scene.background, np.float32)
    rng = np.random.default_rng(scene.seed)
    img += rng.normal(0, scene.noise, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def write_assets(out: Path) -> dict[str, dict[str, Any]]:
    """Render every asset into ``out`` and write ``manifest.json``; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    a, b = random_identity(PERSON_A_SEED), random_identity(PERSON_B_SEED)
    manifest: dict[str, dict[str, Any]] = {}
    for name, (img, meta) in _frames(a, b).items():
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        if not ok:
            raise RuntimeError(f"cannot encode {name}")
        (out / name).write_bytes(buf.tobytes())
        manifest[name] = {"kind": "camera_frame", **meta}
    for person, idn in (("a", a), ("b", b)):
        name = f"person_{person}_idcard.png"
        cv2.imwrite(str(out / name), id_card_photo(idn, seed=5))
        manifest[name] = {
            "kind": "id_card_photo",
            "person": person,
            "what": "102×126 chip photo; matches the camera frames of the same person",
        }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="write the synthetic face assets")
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    manifest = write_assets(args.out)
    print(f"wrote {len(manifest)} files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
