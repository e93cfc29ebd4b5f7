"""A hood's or a coat collar's sides stand above the shoulders beside the neck, where the
body is not: what they covered there is the backdrop, not skin (rebuilt as skin, they
stood as a wide trapezoid of neck up to the jaw, magento--mh03's black hood). A tank's or
a strap top's outline there is the body's own shoulder: cut off as backdrop, it left a
pale wedge beside the neck and a ledge of skin at the neck's side (ootd--model_6)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.rebuild import _above, _over_shoulders
from tests.support.standing import BACKDROP, SKIN_LAB, SKIN_RGB, photographed
from tests.test_classic_engine import drawn_points
from tests.test_limbs import tank_of, thin_arms_in_wide_sleeves


def test_over_the_shoulders_beside_the_neck_is_not_the_body() -> None:
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    over = _over_shoulders(person, frame, old)
    # Beside the neck (200, 100), high up where a hood's sides stand: not the body.
    assert over[65, 230] and over[65, 170]
    # The neck itself, the shoulders' slope just above the joints, and below the line.
    assert not over[50, 200] and not over[95, 245] and not over[105, 225]
    # Past the shoulder joints the arms' caps are the body's outline (not looked at).
    assert not over[70, 260]


def test_beside_a_sleeveless_old_top_the_shoulders_are_the_body() -> None:
    """An old tank's or strap top's outline beside the neck, unlike the backdrop, is the
    body's own shoulder up to `SHOULDER_RISE_BARE` higher than a hood's line; in the
    backdrop's colour (a white top's mask run out over a white backdrop) and far up
    beside the jaw it is still no body. A side in a sleeve keeps the hood's line."""
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    tank = tank_of(old)
    assert _over_shoulders(person, frame, tank)[65, 230]
    image = person.image.copy()
    image[55:80, 160:241] = (150, 110, 90)
    mask = person.mask.copy()
    mask[55:80, 160:241] = 1.0
    shouldered = replace(person, image=image, mask=mask)
    over = _over_shoulders(shouldered, frame, tank)
    assert not over[65, 230] and not over[65, 170]
    assert over[40, 230] and over[40, 170]
    one_sleeve = old.copy()
    one_sleeve[:, :155] = False
    over = _over_shoulders(shouldered, frame, one_sleeve)
    assert over[65, 230] and not over[65, 170]


def test_above_a_cover_is_each_column_over_its_top() -> None:
    cover = np.zeros((10, 4), bool)
    cover[6:, 1] = True
    cover[3:, 2] = True
    above = _above(cover)
    assert above[:, 0].all() and above[:6, 1].all() and not above[6:, 1].any()
    assert above[:3, 2].all() and not above[3:, 2].any()


def test_a_tanks_shoulders_beside_the_neck_are_rebuilt_out_to_the_photos_outline() -> None:
    """A drawn person in a blue tank whose outline slopes from the neck's base (y 84) to
    the shoulders, bare arms and neck, a new tee's body from y 112 down: the shoulders
    above the tee are skin out to the photo's outline, and `shoulder_wedge` passes. With
    the skin kept inside the tank's outline and the neck's (the old clothes' inset), a
    band of backdrop and haze stood over them and met the kept neck in a step."""
    image = np.full((420, 400, 3), BACKDROP, np.uint8)
    for shoulder, wrist in (((252, 104), (280, 250)), ((148, 104), (120, 250))):
        cv2.line(image, shoulder, wrist, SKIN_RGB, 22)
    tank = np.array([(185, 84), (215, 84), (262, 104), (262, 290), (138, 290), (138, 104)], np.int32)
    cv2.fillPoly(image, [tank], (60, 90, 170))
    image[40:85, 185:216] = SKIN_RGB
    person = photographed(image, drawn_points(), SKIN_LAB)
    h, w = image.shape[:2]
    new = np.zeros((h, w), np.float32)
    new[112:291, 136:265] = 1.0
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    out = rebuild.replaced(person, garment, new, np.zeros((h, w), bool), np.zeros((h, w), np.float32), skin.DEFAULT)
    shown = image.astype(np.float32) * (1 - out.rebuild[:, :, None]) + out.fill * out.rebuild[:, :, None]
    shown[new > 0.5] = (200, 30, 30)
    shown = np.clip(shown, 0, 255).astype(np.uint8)
    # Just inside the tank's outline over the shoulder, and the neck's side at its base.
    assert out.skin[95, 235] > 0.9 and out.skin[88, 218] > 0.9, (out.skin[95, 235], out.skin[88, 218])
    frame = torso_frame(person)
    own = np.all(image == np.uint8(SKIN_RGB), axis=2) & np.all(shown == image, axis=2)
    wedge = checks.shoulder_wedge(shown, image, new, person.mask, own, frame.neck, (200.0, 260.0), frame.width)
    assert wedge is not None and checks.faults({"shoulder_wedge": wedge}) == [], wedge
