"""An old cami's straps over bare shoulders, on a drawn photo: kept with the bare arm in
front of the new garment they stayed on the shoulders beside it; they are the old top,
painted over with the skin beside them."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.arms import KEPT_BARE, KEPT_FROM, KEPT_WIDEN, bare_arms_beside, straps_over_arms
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.warp import Layer
from tests.support.figure import body_points

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
CAMI_RGB = (20, 20, 24)
BACKDROP = 225
#: Each arm: shoulder, elbow and wrist (picture left arm first), 30 px wide against the torso.
ARMS = (((150, 100), (146, 185), (144, 265)), ((250, 100), (254, 185), (256, 265)))
#: Each strap, from the cami's top edge up over the shoulder.
STRAPS = (((164, 150), (156, 92)), ((236, 150), (244, 92)))


def person_in_a_cami() -> tuple[Person, np.ndarray]:
    """A person in a black cami, bare shoulders and arms, its thin straps running from
    its top edge up over the shoulders. Returns the person and the straps' pixels."""
    image = np.full((420, 400, 3), BACKDROP, np.uint8)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(mask, a, b, 1.0, 30)
    mask[90:400, 160:240] = 1
    image[mask > 0] = SKIN_RGB
    cv2.rectangle(image, (160, 150), (240, 300), CAMI_RGB, -1)
    straps = np.zeros((h, w), np.uint8)
    for a, b in STRAPS:
        cv2.line(straps, a, b, 255, 3)
    straps = (straps > 0) & (mask > 0.5)
    image[straps] = CAMI_RGB
    points = body_points(ARMS, 260, 380, 12)
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB), straps


def strapless_body() -> Layer:
    """A new strapless top's body over the old cami's: from below its top edge down."""
    alpha = np.ones((160, 84), np.float32)
    colour = np.zeros((160, 84, 3), np.float32)
    colour[:] = (200, 200, 60)
    return Layer(colour, alpha, 158, 146)


def test_an_old_camis_straps_over_kept_arms_are_taken_off() -> None:
    person, straps = person_in_a_cami()
    before = person.image.copy()
    frame = torso_frame(person)
    arms = bare_arms_beside(person, frame, KEPT_FROM, KEPT_WIDEN, KEPT_BARE)
    above = straps.copy()
    above[146:] = False  # what the new body leaves of them
    assert (arms[above] > 0).mean() > 0.5  # the kept arms hold the straps
    found = straps_over_arms(person, frame, arms, np.zeros(straps.shape, bool))
    assert (found[above & (arms > 0)] > 0).all()
    result = compose(person, analyse_garment(red_top(), swap_target="top", hint=None), [strapless_body()])
    lab = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB).astype(np.float32)
    left = np.linalg.norm(lab[above] - SKIN_LAB, axis=1)
    assert np.percentile(left, 90) < 20, np.percentile(left, 90)
    plain = (person.mask < 0.5) | (cv2.absdiff(before, np.uint8(SKIN_RGB)).max(axis=2) < 8) | (result.garment > 0.05)
    shoulders = [person.pt(pose.L_SHOULDER), person.pt(pose.R_SHOULDER)]
    value = checks.old_straps_left(result.image, before, result.old, plain, frame.neck, shoulders, frame.width)
    assert value is not None and checks.faults({"old_straps_left": value}) == [], value


def red_top() -> np.ndarray:
    """A flat-lay red top on white (the layer drawn is `strapless_body`'s)."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (100, 60), (300, 400), (200, 30, 40), -1)
    return image


def test_hair_held_in_front_of_a_strap_is_never_taken() -> None:
    """Long hair (or a hand, an earring) kept in front over a strap stays: only the
    strap beside it is the old top."""
    person, straps = person_in_a_cami()
    frame = torso_frame(person)
    arms = bare_arms_beside(person, frame, KEPT_FROM, KEPT_WIDEN, KEPT_BARE)
    held = np.zeros(straps.shape, bool)
    held[100:130, 140:175] = True  # a lock of hair over the picture's left strap
    found = straps_over_arms(person, frame, arms, held) > 0
    assert not (found & held).any()
    assert found[100:130, 225:260].any()
