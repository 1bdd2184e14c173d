"""The synthetic-people renderer is reproducible and varies what it should."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from kiosk.face.synthetic import Pose, Scene, random_identity, render, vary


def test_same_seed_same_person_and_frame() -> None:
    assert random_identity(3) == random_identity(3)
    assert random_identity(3) != random_identity(4)
    a = render(random_identity(3), Pose(), Scene(seed=1))
    b = render(random_identity(3), Pose(), Scene(seed=1))
    assert a.dtype == np.uint8 and a.shape == (480, 640, 3)
    assert np.array_equal(a, b)


def test_head_lands_where_the_pose_puts_it() -> None:
    plain = Scene(noise=0.0, blur=0.0)
    frame = render(random_identity(2), Pose(cx=200.0, cy=200.0, scale=80.0), plain)
    diff = np.abs(frame.astype(int) - 235).sum(axis=2) > 30
    _ys, xs = np.nonzero(diff[:300])  # above the shoulders
    assert abs(xs.mean() - 200) < 20


def test_vary_changes_pose_within_bounds() -> None:
    rng = np.random.default_rng(0)
    base = Pose()
    for _ in range(20):
        p = vary(base, rng)
        assert abs(p.yaw) <= 15 and abs(p.roll) <= 5 and abs(p.cx - base.cx) <= 30
    assert replace(base) == base
