"""Face comparison: the dlib matcher on synthetic people, and the scripted test double."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.face.matcher import (
    DEFAULT_THRESHOLD,
    FaceMatcher,
    MatchResult,
    NoFaceError,
    SimulatedFaceMatcher,
    score_from_distance,
)
from tests.fresh_interpreter import modules_after
from tests.kiosk.face.face_helpers import load_asset


def test_id_card_photo_matches_its_person_and_not_another(matcher) -> None:
    assert isinstance(matcher, FaceMatcher)
    card_a = load_asset("person_a_idcard.png")
    same = matcher.compare(card_a, load_asset("person_a_compliant.jpg"))
    other = matcher.compare(card_a, load_asset("person_b_compliant.jpg"))
    assert same.match and not other.match
    assert same.distance < other.distance
    assert 0.5 < same.score <= 1.0 and 0.0 <= other.score < 0.5
    card_b = load_asset("person_b_idcard.png")
    assert matcher.compare(card_b, load_asset("person_b_compliant.jpg")).match
    assert not matcher.compare(card_b, load_asset("person_a_compliant.jpg")).match


def test_turned_head_still_matches(matcher) -> None:
    result = matcher.compare(
        load_asset("person_a_idcard.png"), load_asset("person_a_turn_left.jpg")
    )
    assert result.match


def test_no_face_names_the_image(matcher) -> None:
    with pytest.raises(NoFaceError) as err:
        matcher.compare(load_asset("person_a_idcard.png"), load_asset("no_face.jpg"))
    assert err.value.which == "probe"
    with pytest.raises(NoFaceError) as err:
        matcher.compare(np.full((126, 102, 3), 250, np.uint8), load_asset("person_a_compliant.jpg"))
    assert err.value.which == "reference"


def test_embedding_is_128_d_and_unit_scale(matcher) -> None:
    v = matcher.embed(load_asset("person_a_compliant.jpg"))
    assert v.shape == (128,)
    assert 0.5 < float(np.linalg.norm(v)) < 1.5


def test_score_mapping() -> None:
    assert score_from_distance(0.0, 0.4) == 1.0
    assert score_from_distance(0.4, 0.4) == pytest.approx(0.5)
    assert score_from_distance(2.0, 0.4) == 0.0


def test_simulated_matcher_follows_its_script() -> None:
    img = np.zeros((8, 8, 3), np.uint8)
    fixed = MatchResult(True, 0.9, 0.1)
    sim = SimulatedFaceMatcher([False, fixed, NoFaceError("probe")], default=True)
    first = sim.compare(img, img)
    assert not first.match and first.score < 0.5 and first.distance > DEFAULT_THRESHOLD
    assert sim.compare(img, img) is fixed
    with pytest.raises(NoFaceError):
        sim.compare(img, img)
    assert sim.compare(img, img).match  # script used up: the default
    sim.push(False)
    assert not sim.compare(img, img).match
    assert sim.calls == 5
    with pytest.raises(ValueError):
        sim.compare(np.zeros((8, 8), np.uint8), img)


def test_importing_the_face_package_does_not_load_dlib() -> None:
    loaded = modules_after("import kiosk.face, kiosk.face.matcher; kiosk.face.SimulatedFaceMatcher")
    assert "dlib" not in loaded, "dlib imported eagerly"
