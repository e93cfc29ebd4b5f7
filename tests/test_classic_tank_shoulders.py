"""A tank's shoulders bared by a cami: the rebuilt skin reaches the shoulders' own outline
from the kept neck to the kept arm, smooth, with no crescent cut off its top."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic import shoulders
from fitroom.engines.classic.body import torso_frame
from tests.support.rebuilt import SHAPE, flat_tone, uncovered_top
from tests.test_classic_engine import drawn_person

SKIN = (200, 150, 120)
TANK = (30, 40, 90)


def _tank_wearer() -> tuple[np.ndarray, np.ndarray]:
    """A drawn person (shoulder joints at row 100, 100 px apart) in a dark tank whose
    straps lie on high shoulders (their top sloping from row 60 at the neck to row 78
    at the arm, above the pose's guess of the shoulders' outline), the neck and the
    arms bare: the picture and the person's mask."""
    image = np.full((*SHAPE, 3), 235, np.uint8)
    mask = np.zeros(SHAPE, np.uint8)
    cv2.rectangle(mask, (182, 0), (218, 70), 1, -1)  # the head and neck
    torso = np.array([(182, 60), (136, 78), (136, 300), (264, 300), (264, 78), (218, 60)])
    cv2.fillPoly(mask, [torso], 1)
    for x in (125, 275):
        cv2.ellipse(mask, (x, 92), (12, 14), 0, 180, 360, 1, -1)  # the arms' round tops
        cv2.rectangle(mask, (x - 12, 92), (x + 12, 300), 1, -1)
    image[mask > 0] = SKIN
    tank = np.zeros(SHAPE, np.uint8)
    cv2.fillPoly(tank, [torso], 1)
    tank[:, 182:219] *= np.arange(SHAPE[0])[:, None] >= 72  # the neck above its neckline stays bare
    tank[:, :137] = 0
    tank[:, 264:] = 0
    image[tank > 0] = TANK
    return image, mask


def test_a_tanks_bared_shoulders_reach_their_own_outline_from_neck_to_arm() -> None:
    image, mask = _tank_wearer()
    person = drawn_person(image)
    person.mask = mask.astype(np.float32)
    frame = torso_frame(person)
    old = (image == TANK).all(axis=2)
    new = np.zeros(SHAPE, np.float32)
    new[120:300, 150:251] = 1  # the cami's body, well below the shoulders
    bared = old.astype(np.float32) * (1 - new)
    _, skin_part = uncovered_top(person, frame, old, bared, new, flat_tone(np.array([170, 140, 145], np.float32)))
    # Just below the shoulders' outline, beside the neck and towards the arm: skin (a
    # crescent there was cut away as a hood's or a collar's, a notch at either end).
    for x in (150, 160, 240, 250):
        top = int(np.argmax(mask[:, x]))
        assert skin_part[top + 8, x] > 0.5, (x, top, skin_part[top : top + 16, x])
    # Above it: the backdrop.
    assert skin_part[50, 160] < 0.5 and skin_part[50, 240] < 0.5


def test_the_drawn_shoulder_falls_from_the_neck_and_rounds_over_into_the_arm() -> None:
    """The curve from the kept neck's side to the kept arm's top falls all the way and
    stands at or above the chord between them, never above the old outline."""
    solid = np.zeros((200, 300), bool)
    solid[0:60, 130:171] = True  # the head and neck
    solid[50:, 60:241] = True  # the tank, level from the neck out
    for x in range(30, 60):  # the arms, their outline falling away outwards
        solid[80 + (59 - x) :, x] = True
        solid[80 + (59 - x) :, 300 - x] = True
    old = solid.copy()
    old[:, :60] = False
    old[:, 241:] = False
    old[:50] = False
    old[:, 130:171] = False
    line = shoulders.drawn_outline(solid, old, 3)
    left = line[60:130][::-1]  # from the neck's side out to the arm
    assert np.all(np.diff(left) >= -1e-3), left
    assert left[0] >= 50 and left[-1] <= 80
    chord = 50 + 30 * np.arange(70) / 70
    assert (left <= chord + 1.01).all() and (left[20:60] < chord[20:60] - 1).all(), left - chord
    assert np.isnan(line[:60]).all() and np.isnan(line[130:171]).all()
