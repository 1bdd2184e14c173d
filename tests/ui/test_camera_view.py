"""The live preview polls the camera's latest frame often enough to show every frame."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from drivers.camera.frames import Frame
from ui.widgets.camera_view import CameraView


def test_a_30_fps_camera_has_each_frame_picked_up_within_half_a_frame(qtbot: QtBot) -> None:
    frames = [Frame(np.zeros((48, 64, 3), np.uint8), seq, 0.0) for seq in (1, 2)]
    view = CameraView()
    qtbot.addWidget(view)
    view.set_source(lambda: frames[0])
    view.show()
    qtbot.waitExposed(view)
    assert view.timer.isActive() and view.frames_shown == 1
    # Polling at 33 ms against a 33 ms frame period dropped and doubled frames.
    assert view.timer.interval() <= 1000 / 30 / 2
    frames.reverse()
    qtbot.waitUntil(lambda: view.frames_shown == 2, timeout=1000)
    view.set_source(None)
    assert not view.timer.isActive() and not view.has_frame
