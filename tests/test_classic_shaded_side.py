"""The old white top's shaded side beside a bare arm hanging against it, on a drawn photo:
greyer than the person's pale skin can be, it is the old top (rebuilt), not the arm's
edge (kept), and no grey strip is left between the new garment and the arm."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.arms import KEPT_BARE, KEPT_FROM, KEPT_WIDEN, bare_arms_beside
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.colour import greyer_than_skin, skin_like
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

#: Pale skin and the white top's side in shade (OpenCV's 8-bit Lab): the shade is within
#: `skin_like`'s hue of the skin, and far darker than the top's lit white.
SKIN_LAB = np.array([190, 138, 143], np.float32)
SHADE_LAB = np.array([172, 131, 132], np.float32)
WHITE = (236, 236, 234)
BACKDROP = 225
#: Each arm: shoulder, elbow and wrist (picture left arm first), the arm 30 px wide.
ARMS = (((150, 100), (146, 185), (144, 265)), ((250, 100), (254, 185), (256, 265)))
#: The shaded side: this many px of the top beside each arm's inner edge.
SHADE_WIDTH = 6


def _rgb(lab: np.ndarray) -> tuple[int, int, int]:
    r, g, b = cv2.cvtColor(lab.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0]
    return int(r), int(g), int(b)


def person_in_a_white_top() -> tuple[Person, np.ndarray]:
    """A pale person in a white top whose sides beside the bare arms hanging against it
    are in shade. Returns the person and the shaded sides below the armpits."""
    image = np.full((420, 400, 3), BACKDROP, np.uint8)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    cv2.rectangle(image, (160, 90), (240, 300), WHITE, -1)
    side = np.zeros((h, w), bool)
    side[130:250, 166 : 166 + SHADE_WIDTH] = True  # beside the left arm's inner edge (x 165)
    side[130:250, 235 - SHADE_WIDTH : 235] = True  # beside the right arm's (x 235)
    image[side] = _rgb(SHADE_LAB)
    arms = np.zeros((h, w), np.uint8)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(mask, a, b, 0.5, 34)
            cv2.line(mask, a, b, 1.0, 30)
            cv2.line(arms, a, b, 255, 30)
    mask[90:400, 160:240] = 1
    image[arms > 0] = _rgb(SKIN_LAB)
    image[(mask > 0.2) & (mask < 0.9)] = ((np.asarray(_rgb(SKIN_LAB)) + BACKDROP) // 2).astype(np.uint8)
    side &= arms == 0
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.R_SHOULDER, p.R_ELBOW, p.R_WRIST]] = ARMS[0]
    points[[p.L_SHOULDER, p.L_ELBOW, p.L_WRIST]] = ARMS[1]
    points[[p.L_HIP, p.R_HIP]] = (225, 260), (175, 260)
    points[[p.L_KNEE, p.R_KNEE]] = (225, 380), (175, 380)
    for (_, _, wrist), hand in zip(ARMS[::-1], p.HAND_POINTS, strict=True):
        points[list(hand[1:])] = wrist[0], wrist[1] + 12
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB), side


def red_tank() -> np.ndarray:
    """A flat-lay red sleeveless top on white."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (100, 60), (300, 400), (200, 30, 40), -1)
    return image


def test_the_shaded_side_passes_for_skin_by_hue_but_is_greyer_than_the_skin() -> None:
    person, side = person_in_a_white_top()
    assert skin_like(person)[side].all()
    assert greyer_than_skin(person.lab(), person.skin_lab)[side].all()
    arms = bare_arms_beside(person, torso_frame(person), KEPT_FROM, KEPT_WIDEN, KEPT_BARE) > 0.5
    skin = np.zeros(side.shape, bool)
    skin[140:240] = np.abs(person.image[140:240].astype(int) - _rgb(SKIN_LAB)).max(axis=2) < 4
    assert not greyer_than_skin(person.lab(), person.skin_lab)[skin].any()
    assert arms[skin].mean() > 0.9


@pytest.mark.parametrize("category", ["top", "dress"])
def test_the_old_tops_shaded_side_beside_an_arm_is_the_old_top(category: str) -> None:
    person, side = person_in_a_white_top()
    assert np.count_nonzero(worn_mask(person, category, torso_frame(person)) > 0 & side) > 0.9 * side.sum()
    arms = bare_arms_beside(person, torso_frame(person), KEPT_FROM, KEPT_WIDEN, KEPT_BARE)
    assert arms[side].mean() < 0.1


def test_no_grey_strip_is_left_between_a_new_tank_and_the_arm() -> None:
    person, side = person_in_a_white_top()
    garment = analyse_garment(red_tank(), swap_target="top", hint=None)
    result = compose(person, garment, layers_for(person, garment))
    frame = torso_frame(person)
    old_colours = cv2.cvtColor(
        np.array([[WHITE, _rgb(SHADE_LAB)]], np.uint8).astype(np.float32) / 255, cv2.COLOR_RGB2LAB
    )
    skin_colours = cv2.cvtColor(np.array([[_rgb(SKIN_LAB)]], np.uint8).astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    value = checks.old_sliver(
        result.image,
        result.garment,
        result.old,
        person.mask,
        old_colours.reshape(-1, 3),
        skin_colours.reshape(-1, 3),
        max(2, int(frame.width * checks.SLIVER_WIDTH)),
    )
    assert value is not None and checks.faults({"old_sliver": value}) == [], value
