"""The classic engine refuses garments it cannot put on believably, saying why: a
close-up of the head and shoulders, a side view, a seated person (bottoms and dresses).
Landmark sets are placed by hand; the one photo is scikit-image's astronaut."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from skimage import data

from fitroom.engines.base import EngineError, RenderOptions
from fitroom.engines.classic import ClassicEngine
from fitroom.engines.classic import person as p
from fitroom.engines.classic.person import Person, refuse_garment

from .test_accessories import glasses_photo
from .test_classic_engine import tee

CATEGORIES = ("top", "bottom", "dress")


def standing(height: int = 600, turn: float = 8.0) -> Person:
    """A person facing the camera: shoulders 100 px apart at y 100, hips at y 260, knees
    at y 380, the face above (eyes to mouth 22 px); the photo `height` px tall."""
    points = np.zeros((33, 2), np.float32)
    points[[p.NOSE, p.L_EYE, p.R_EYE]] = (200, 50), (215, 40), (185, 40)
    points[[p.L_EAR, p.R_EAR, p.MOUTH_L, p.MOUTH_R]] = (225, 45), (175, 45), (210, 62), (190, 62)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = (235, 260), (165, 260)
    points[[p.L_KNEE, p.R_KNEE]] = (235, 380), (165, 380)
    mask = np.zeros((height, 400), np.float32)
    mask[30:, 130:270] = 1  # the body's outline, a little wider than the shoulders
    empty = np.zeros((height, 400), np.uint8)
    image = np.full((height, 400, 3), 200, np.uint8)
    skin = np.array([160, 145, 150], np.float32)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, skin, turn)


def reason(person: Person, category: str) -> str | None:
    try:
        refuse_garment(person, category)
    except EngineError as error:
        assert error.code == "pose_not_supported"
        return error.message
    return None


def test_a_standing_front_view_takes_every_garment() -> None:
    person = standing()
    assert [reason(person, c) for c in CATEGORIES] == [None, None, None]


def test_a_head_and_shoulders_close_up_is_refused_for_garments() -> None:
    close = standing(height=100 + 3 * 22)  # the photo ends 3 eye-to-mouth lengths below the shoulders
    for category in CATEGORIES:
        message = reason(close, category)
        assert message is not None and "close-up of the head and shoulders" in message
    waist_up = standing(height=100 + 6 * 22)  # down to the waist: a top, not a skirt
    assert reason(waist_up, "top") is None
    message = reason(waist_up, "bottom")
    assert message is not None and "hips and legs" in message


def test_a_head_cut_off_by_the_frame_is_not_a_close_up() -> None:
    """With no face in the photo to measure by, a torso crop is dressed (a top on a
    headless studio shot)."""
    headless = standing(height=240)
    headless.points[[p.NOSE, p.L_EYE, p.R_EYE, p.L_EAR, p.R_EAR, p.MOUTH_L, p.MOUTH_R], 1] -= 120
    assert reason(headless, "top") is None


def test_a_seated_person_is_refused_for_bottoms_and_dresses_only() -> None:
    seated = standing()
    seated.points[[p.L_KNEE, p.R_KNEE]] = (290, 275), (110, 275)  # thighs level, knees apart
    assert reason(seated, "top") is None
    for category in ("bottom", "dress"):
        message = reason(seated, category)
        assert message is not None and "seated" in message
    lunge = standing()
    lunge.points[[p.L_KNEE, p.R_KNEE]] = (300, 262), (170, 385)  # one thigh level, one hanging
    assert reason(lunge, "bottom") is None


def test_knees_out_of_the_photo_say_nothing_of_sitting() -> None:
    cut = standing(height=330)
    cut.points[[p.L_KNEE, p.R_KNEE]] = (290, 275), (110, 275)
    cut.visibility[[p.L_KNEE, p.R_KNEE]] = 0.2  # guessed, not seen
    assert reason(cut, "bottom") is None


def test_a_side_view_is_refused_and_a_turned_stride_is_not() -> None:
    side = standing(turn=70)
    side.points[[p.L_SHOULDER, p.R_SHOULDER]] = (220, 100), (180, 100)  # shoulders nearly edge-on
    side.mask[:, 130:170] = side.mask[:, 230:270] = 0  # the body no wider than the chest is deep
    for category in CATEGORIES:
        message = reason(side, category)
        assert message is not None and "from the side" in message
    narrow_not_turned = standing(turn=20)  # a stride makes the torso look long
    narrow_not_turned.points[[p.L_SHOULDER, p.R_SHOULDER]] = (230, 100), (170, 100)
    narrow_not_turned.mask[:, 130:150] = narrow_not_turned.mask[:, 250:270] = 0
    assert reason(narrow_not_turned, "top") is None
    turned_not_narrow = standing(turn=70)  # the depth alone is noisy
    assert reason(turned_not_narrow, "dress") is None


def test_shoulders_misread_are_a_side_view_only_with_the_face_in_profile() -> None:
    """Both shoulders on one side of a wide body are the pose model misreading a front
    view (a face cut off): not a side view, unless the face is seen in profile."""
    misread = standing(turn=80)
    misread.points[[p.L_SHOULDER, p.R_SHOULDER]] = (180, 100), (165, 100)
    assert p.shoulder_share(misread) < p.MIN_SHOULDER_SHARE
    assert reason(misread, "dress") is None
    misread.points[[p.NOSE, p.L_EAR, p.R_EAR]] = (160, 50), (205, 45), (198, 45)  # nose beyond the near ear
    message = reason(misread, "dress")
    assert message is not None and "from the side" in message


def test_the_engine_refuses_a_top_on_a_face_close_up_and_still_puts_glasses_on() -> None:
    close = Image.fromarray(np.ascontiguousarray(data.astronaut()[:330]))  # cut just below the shoulders
    engine = ClassicEngine()
    with pytest.raises(EngineError) as refused:
        engine.render(close, [Image.fromarray(tee())], RenderOptions(swap_target="top", tier="nano"))
    assert refused.value.code == "pose_not_supported" and "close-up" in refused.value.message
    report = engine.render_report(
        close, [Image.fromarray(glasses_photo())], RenderOptions(swap_target="glasses", tier="nano")
    )
    assert report.edited is not None and report.edited.any()
    whole = engine.render_report(
        Image.fromarray(data.astronaut()), [Image.fromarray(tee())], RenderOptions(swap_target="top", tier="nano")
    )
    assert whole.garments, "the astronaut shown to the waist takes a top"


def test_the_head_is_in_the_photo_only_with_room_for_the_forehead() -> None:
    """A head wholly in the photo with no face found is a back view; a head cut by the
    top edge (a studio crop at the nose) is not judged."""
    person = standing()
    assert p.head_in_photo(person.points, person.visibility, person.size)
    person.points[[p.NOSE, p.L_EYE, p.R_EYE, p.L_EAR, p.R_EAR, p.MOUTH_L, p.MOUTH_R], 1] -= 20
    assert not p.head_in_photo(person.points, person.visibility, person.size)
    person = standing()
    person.visibility[p.L_EAR] = 0.1
    assert not p.head_in_photo(person.points, person.visibility, person.size)
