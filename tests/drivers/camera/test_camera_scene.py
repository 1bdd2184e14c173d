"""The simulated camera's scenes: shipped synthetic people, codes, motion, fallbacks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from drivers.camera import scene as scene_mod
from drivers.camera import synthetic
from drivers.camera.scene import CameraScene
from drivers.scanner.decoders import make_decoder

HAS_ASSETS = synthetic.person_frame("person_a") is not None


def test_person_frames_come_from_the_shipped_assets() -> None:
    assert HAS_ASSETS, "drivers/camera/assets/faces should ship person_a_compliant.jpg"
    asset = synthetic.person_frame("person_a")
    assert asset is not None
    scene = CameraScene(asset.shape[1], asset.shape[0])
    scene.motion = 0
    scene.blink_every_s = 0
    frame = scene.render(1.0)
    assert np.abs(frame.astype(int) - asset.astype(int)).mean() < 1.0


def test_people_move_slightly_over_time() -> None:
    scene = CameraScene()
    a, b = scene.render(0.3), scene.render(1.1)
    diff = np.abs(a.astype(int) - b.astype(int)).mean()
    assert 0.5 < diff < 40  # it moves, but it is still the same scene


def test_person_blinks_now_and_then() -> None:
    scene = CameraScene()
    scene.motion = 0
    open_eyes = scene.render(1.0)
    closed = scene.render(4.05)  # inside the blink at every 4 s
    closed_asset = synthetic.person_frame("person_a", "eyes_closed")
    assert closed_asset is not None
    assert np.abs(closed.astype(int) - closed_asset.astype(int)).mean() < 1.0
    assert np.abs(open_eyes.astype(int) - closed.astype(int)).mean() > 0.05


def test_codes_shown_are_decodable_while_moving() -> None:
    scene = CameraScene(1280, 720)
    scene.show_code("https://zwfw.example.gov.cn/slip/9", "QR")
    decoder = make_decoder()
    for t in (0.0, 0.7, 1.9, 3.3):
        assert [r.text for r in decoder.decode(scene.render(t))] == [
            "https://zwfw.example.gov.cn/slip/9"
        ]
    scene.show_code("KSK20261122000123", "CODE128")
    assert [r.text for r in decoder.decode(scene.render(0.5))] == ["KSK20261122000123"]


def test_dark_and_empty_scenes() -> None:
    scene = CameraScene()
    scene.dark = True
    assert scene.render(0).mean() < 8
    scene.dark = False
    scene.show_nothing()
    assert scene.render(0).shape == (480, 640, 3)
    scene.show_frame("two_people")
    scene.show_image(np.full((100, 100, 3), 255, np.uint8))
    assert scene.render(0).max() == 255


def test_without_assets_a_drawn_face_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(synthetic, "FACES_DIR", tmp_path)
    scene = CameraScene()
    frame = scene.render(0)
    assert frame.shape == (480, 640, 3) and frame.std() > 10
    photo = synthetic.id_photo("person_a")
    assert photo.shape == (126, 102, 3)
    assert scene_mod.synthetic.asset("person_a_compliant") is None


def test_id_photo_is_the_shipped_chip_photo() -> None:
    photo = synthetic.id_photo("person_b")
    asset = synthetic.asset("person_b_idcard")
    assert asset is not None and photo.shape == (126, 102, 3)
    assert np.array_equal(photo, asset)


def test_recorded_frames_play_back_at_their_own_pace() -> None:
    scene = CameraScene()
    scene.start_recording()
    scene.show_person("person_a", "compliant")
    first = scene.render(10.0)
    scene.show_person("person_a", "turn_left")
    turned = scene.render(10.5)
    video = scene.stop_recording()
    assert len(video) == 2 and video.duration_s == 0.5
    scene.show_person("person_b", "compliant")
    scene.play(video, paused=True)
    shown = [scene.render(t) for t in (50.0, 51.0)]  # paused: the first frame

    def close(a: np.ndarray, b: np.ndarray) -> bool:  # JPEG: near, not equal
        return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean()) < 3.0

    assert all(close(f, first) for f in shown)
    scene.resume()
    assert close(scene.render(60.0), first) and close(scene.render(60.2), first)
    assert close(scene.render(60.5), turned) and close(scene.render(70.0), turned)  # holds the end
