"""An old waistband whose corners rise over the hips above a top's hem, on a drawn
photo: beside the hip joints its shaded corners were kept in front of a new bottom as a
strip of the old trousers; they go with the old bottom, under the new one."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import composite
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import _over_bottom, compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import bottom_coloured, kept_top, worn_bottom
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import SKIN_RGB, beige_trousers, in_trousers, standing

TOP = (190, 60, 70)
JEANS = (70, 100, 150)
SHADE = (50, 72, 112)  # the jeans' shaded corners: the old bottom, not plainly its colour
CORNERS = (slice(224, 239), slice(151, 165))  # the image-left corner, beside the hip joint (x 170)


def top_over_rising_jeans() -> Person:
    """A red top to y 222 at its sides and y 239 between the hip joints (x 170-230), over
    jeans from y 240 whose waistband's shaded corners rise to y 223 beside the hip joints."""
    image = in_trousers(JEANS, 240)
    cv2.rectangle(image, (140, 90), (260, 222), TOP, -1)
    cv2.fillConvexPoly(image, np.array([(160, 222), (240, 222), (228, 239), (172, 239)]), TOP)
    image[223:240, 150:166] = image[223:240, 235:251] = SHADE
    image[223:240, 166:172] = image[223:240, 229:235] = JEANS
    return standing(image)


def test_the_old_waistbands_corners_are_behind_a_new_bottom() -> None:
    """Before, about 0.3 of the corner above the top's hem (carried level beside the hip
    joints) was kept in front."""
    person = top_over_rising_jeans()
    assert worn_bottom(person)[CORNERS].all() and not bottom_coloured(person)[CORNERS].any()
    kept = _over_bottom(person, np.ones(person.mask.shape, bool))
    assert not kept[CORNERS].any(), kept[CORNERS].mean()
    assert kept[100:200, 150:250].all(), "the top stays in front"


def test_new_trousers_leave_no_corner_of_the_old_jeans() -> None:
    person = top_over_rising_jeans()
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    left = np.abs(out[CORNERS].astype(np.int16) - np.array(SHADE, np.int16)).max(axis=2) <= 8
    assert left.mean() < 0.05, left.mean()


def _lab(rgb: tuple[int, int, int]) -> np.ndarray:
    return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)


def test_bottom_old_at_hips_fails_the_corners_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as `fitroom eval` reads it (the old bottom beside the hip joints, from 0.25
    torso lengths above them to their line, against the new bottom from there down): the
    corners kept in front (the rule before this fix) fail; taken with the old bottom,
    they pass. From the hip joints down (`bottom_old_beside`'s zone) they are not seen."""
    person = top_over_rising_jeans()
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    layers = layers_for(person, garment)
    good = compose(person, garment, layers)
    monkeypatch.setattr(composite, "_hip_corners", lambda p, worn, *_: np.zeros(worn.shape, bool))
    bad = compose(person, garment, layers)
    rows = np.arange(500)[:, None]
    cols = np.arange(400)[None, :]
    risen = (rows >= 260 - 0.25 * torso_frame(person).length) & (cols >= 130) & (cols < 270)
    corners = risen & (rows < 260) & ((cols < 170) | (cols > 230)) & worn_bottom(person) & ~kept_top(person)
    hips_down = risen & (rows >= 260)
    skin = _lab(SKIN_RGB)
    read = {
        name: checks.bottom_old_beside(c.image, corners, c.garment, _lab(SHADE), skin, against=risen)
        for name, c in (("bad", bad), ("good", good))
    }
    assert read["bad"] is not None and read["bad"] > checks.BOTTOM_OLD_AT_HIPS, read
    assert read["good"] is not None and read["good"] <= checks.BOTTOM_OLD_AT_HIPS, read
    below = checks.bottom_old_beside(bad.image, hips_down, bad.garment, _lab(SHADE), skin)
    assert below is not None and below <= checks.BOTTOM_OLD_BESIDE, below
