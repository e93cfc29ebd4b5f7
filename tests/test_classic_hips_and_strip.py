"""A new top over kept jeans on a person whose bare arms hang beside it: the jeans' sides
below its hem stay as photographed (not refilled as ragged denim and backdrop blocks),
the torso's side rebuilt beside a kept arm is shaded like the arm's inner edge (not a
pale strip), and the check that reads the first."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.garment import Garment
from tests.support.rebuilt import bare_arms, flat_tone, uncovered_top
from tests.test_classic_engine import drawn_person

#: The drawn person's skin (its `skin_lab`, OpenCV 8-bit Lab) as RGB.
SKIN = cv2.cvtColor(np.array([[[160, 145, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]


def tank_over_jeans() -> np.ndarray:
    """A black tank down to y 245 over blue jeans wider at the hips, bare arms hanging
    beside them, the hands beside the jeans' sides."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 245), (20, 20, 20), -1)
    cv2.rectangle(image, (128, 246), (272, 419), (60, 90, 150), -1)
    image[bare_arms(26) > 0] = SKIN
    return image


def test_the_jeans_beside_the_hands_below_a_new_tops_hem_are_kept() -> None:
    """The old top's arm bands take the jeans' sides beside the hands for a sleeve; below
    the new top's hem they were refilled, mirrored up from further down with the hands and
    the backdrop: ragged denim and backdrop blocks at the hips. They stay as photographed."""
    image = tank_over_jeans()
    person = drawn_person(image)
    new = np.zeros((420, 400), np.float32)
    new[90:250, 140:261] = 1  # the new top, its hem at y 249
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    none = np.zeros((420, 400), bool)
    out = rebuild.replaced(person, garment, new, none, np.zeros((420, 400), np.float32), skin.DEFAULT)
    sides = np.zeros((420, 400), bool)
    sides[262:290, 132:140] = sides[262:290, 261:269] = True  # the jeans' sides below the hem
    assert np.all(out.rebuild[sides] < 0.05), np.count_nonzero(out.rebuild[sides] >= 0.05)


def test_the_rebuilt_side_beside_a_kept_arm_is_shaded_like_its_inner_edge() -> None:
    """Between a kept hanging arm and a narrower new top, the old top's side rebuilt as
    torso skin was lit as the chest's middle: a pale strip beside the arm's shaded edge.
    Right beside the arm it is darker now than further in."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (130, 90), (270, 300), (20, 20, 20), -1)  # a sleeveless dark top
    arms = bare_arms(26) > 0
    image[arms] = SKIN  # the person's own arms over its sides
    person = drawn_person(image)
    frame = torso_frame(person)
    old = ((image[:, :, 0] == 20) & ~arms).astype(np.float32)
    new = np.zeros(old.shape, np.float32)
    new[90:300, 175:226] = 1  # a narrow new top
    bared = old * (1 - new)
    rgb, skin_part = uncovered_top(person, frame, old, bared, new, flat_tone((160, 145, 150)))
    lum = cv2.cvtColor(np.clip(rgb, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    row = 170  # below the armpits, above the elbows
    arm_edge = int(np.flatnonzero(arms[row, :200])[-1])  # the picture-left arm's inner edge
    beside = float(np.median(lum[row - 5 : row + 6, arm_edge + 2 : arm_edge + 6]))
    inside = float(np.median(lum[row - 5 : row + 6, 163:169]))
    assert skin_part[row, arm_edge + 3] > 0.5 and skin_part[row, 166] > 0.5
    # Lit alike before (150 against 150); 127-144 against 148-150 with the arm's shade.
    assert beside < 0.93 * inside, (beside, inside)


@pytest.mark.parametrize(("moved", "fault"), [(False, False), (True, True)])
def test_eval_reads_a_bottom_redrawn_below_a_new_top(moved: bool, fault: bool) -> None:
    """`bottom_redrawn`: the jeans as shot below a new top's hem, a block of them redrawn
    in the backdrop's grey, fail the pair; left as shot they pass."""
    photo = np.full((200, 200, 3), (60, 90, 150), np.uint8)
    render = photo.copy()
    bottom = np.zeros((200, 200), bool)
    bottom[50:200, 20:180] = True
    if moved:
        render[60:140, 20:45] = 200  # a grey block at the hip
    value = checks.bottom_redrawn(render, photo, bottom)
    assert value is not None
    lo, hi = checks.LIMITS["bottom_redrawn"]
    assert (hi is not None and value > hi) == fault, value
    assert checks.bottom_redrawn(render, photo, np.zeros((200, 200), bool)) is None
