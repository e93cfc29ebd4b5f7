"""An old top over bottoms of its own colour (a white tank over white shorts): by colour
the two are one garment, so the top's hem is found as the photo shows it, a line of
shade across the body, and the top's lower part goes with the old garment."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.old_garment import same_colour_hem, worn_mask

WHITE = (232, 232, 228)
SKIN = (205, 160, 135)


def _white_over_white(line: bool = True, legs: bool = True, midriff: bool = False) -> pose.Person:
    """A white top from the shoulders (y 100) past the hips (y 260) to its hem at y 310,
    a shaded line under it when `line`, over white shorts to the knees (y 380) whose
    legs part from y 340 (a skirt when not `legs`), bare shins below them to the ankles
    (y 480); with `midriff`, the top is cropped and bare skin shows from y 215 to 250."""
    image = np.full((540, 400, 3), 200, np.uint8)
    image[90:380, 130:271] = WHITE
    image[380:480, 160:196] = image[380:480, 204:241] = SKIN
    if midriff:
        image[215:250, 130:271] = SKIN
    if line:
        image[310:314, 130:271] = (205, 205, 201)  # the shadow under the hem
        image[306:310, 130:271] = (248, 248, 246)  # its lit edge
    points = np.zeros((33, 2), np.float32)
    points[[pose.L_SHOULDER, pose.R_SHOULDER]] = (250, 100), (150, 100)
    points[[pose.L_HIP, pose.R_HIP]] = (235, 260), (165, 260)
    points[[pose.L_ELBOW, pose.R_ELBOW]] = (290, 180), (110, 180)
    points[[pose.L_WRIST, pose.R_WRIST]] = (300, 250), (100, 250)
    points[[pose.L_KNEE, pose.R_KNEE]] = (222, 380), (178, 380)
    points[[pose.L_ANKLE, pose.R_ANKLE]] = (222, 480), (178, 480)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    mask[90:380, 130:271] = 1
    mask[380:480, 160:196] = mask[380:480, 204:241] = 1
    if legs:
        image[340:380, 194:206] = 200
        mask[340:380, 194:206] = 0
    empty = np.zeros((h, w), np.uint8)
    return pose.Person(
        image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32)
    )


def test_an_old_tops_hem_over_bottoms_of_its_colour_is_found_and_taken() -> None:
    """Before, the white top's part below the hips was taken for the shorts (the colour
    goes on down) and its hem stayed under a shorter new top."""
    person = _white_over_white()
    frame = torso_frame(person)
    hem = same_colour_hem(person, frame)
    assert hem is not None and 300 <= hem <= 318, hem
    old = worn_mask(person, SwapTarget.TOP, frame) > 0
    assert old[270:313, 150:251].all(), "the top down to its hem and shadow"
    assert not old[330:375].any(), "the shorts below"


def test_with_no_hem_line_the_colour_going_on_down_is_left() -> None:
    """A dress's skirt, or a top of the bottoms' colour with no hem seen: left as before."""
    person = _white_over_white(line=False)
    frame = torso_frame(person)
    assert same_colour_hem(person, frame) is None
    assert not (worn_mask(person, SwapTarget.TOP, frame) > 0)[300:375].any()


def test_a_dress_skirt_or_a_crop_top_over_bottoms_of_its_colour_is_no_hem() -> None:
    """A line across a dress (a seam at the hips) with its skirt closed below is one
    garment: the top's part of it ends at the hips as before. Over a bare midriff the
    line is the bottoms' own (a yoke), not a crop top's hem."""
    for person in (_white_over_white(legs=False), _white_over_white(midriff=True)):
        frame = torso_frame(person)
        assert same_colour_hem(person, frame) is None
        assert not (worn_mask(person, SwapTarget.TOP, frame) > 0)[290:375].any()


def test_old_hem_left_fails_the_hem_line_still_showing() -> None:
    """The photo's hem line left below a new top fails; the shorts continued up over it
    (plain white there) pass."""
    person = _white_over_white()
    region = np.zeros(person.mask.shape, bool)
    region[302:320, 140:261] = True
    left = checks.old_hem_left(person.image, region, 3, 9.0)
    assert checks.faults({"old_hem_left": left}) == ["old_hem_left"], left
    rebuilt = person.image.copy()
    rebuilt[262:380, 130:271] = WHITE
    done = checks.old_hem_left(cv2.GaussianBlur(rebuilt, (3, 3), 0), region, 3, 9.0)
    assert checks.faults({"old_hem_left": done}) == [], done
    assert checks.old_hem_left(person.image, np.zeros_like(region), 3, 9.0) is None
