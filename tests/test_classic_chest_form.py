"""A chest bared by a low neckline: two rounded masses lit from above, not a flat slab."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.chest_form import chest_form
from fitroom.engines.classic.garment import Garment


def _cami_over_a_tee() -> tuple[np.ndarray, np.ndarray]:
    """A drawn person (shoulders at row 100, 100 px apart, `drawn_person`) in a grey tee
    swapped for a cami whose neckline lies at row 150: the rebuilt lightness (Lab L) and
    where skin was rebuilt."""
    from tests.test_classic_engine import drawn_person

    h, w = 420, 400
    image = np.full((h, w, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 290), (120, 120, 125), -1)  # the tee
    person = drawn_person(image)
    new = np.zeros((h, w), np.float32)
    cv2.rectangle(new, (135, 150), (265, 290), 1, -1)  # the cami's body, below its neckline
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    out = rebuild.replaced(person, garment, new, np.zeros((h, w), bool), np.zeros((h, w), np.float32), skin.DEFAULT)
    lab = cv2.cvtColor(np.clip(out.fill, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB).astype(np.float32)
    return lab[:, :, 0], (out.skin > 0.5) & (out.rebuild > 0.5)


def test_a_chest_bared_by_a_cami_shades_from_its_lit_top_down_to_its_lower_slopes() -> None:
    """Under a cami swapped for a tee, the bared chest was one even colour from the old
    neckline down: each mass's upper slope, turned up to the light, now lies lighter than
    its lower slope, and the fold under it darker still; the breastbone between the two
    masses stays unlike either."""
    lum, made = _cami_over_a_tee()
    for x in (180, 220):  # down each mass's middle (0.2 shoulder widths out)
        assert made[115:146, x].all()
        top, low = float(np.median(lum[113:118, x])), float(np.median(lum[140:145, x]))
        assert top > low * 1.2, (x, top, low)


def test_the_masses_are_placed_by_the_pose_and_fade_back_to_no_change() -> None:
    """The forms follow the torso's axes (a tilted torso tilts them) and leave the skin as
    it was far from the chest: no line where they end."""
    look = skin.DEFAULT
    shape = (300, 300)
    upright = chest_form(shape, np.array([150.0, 60.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0]), 150.0, look)
    assert abs(float(upright[290, 150]) - 1) < 0.01 and abs(float(upright[60, 10]) - 1) < 0.02
    # The upper slope lighter than the lower, mirrored across the midline.
    assert upright[90, 180] > upright[125, 180] + 0.05, (upright[90, 180], upright[125, 180])
    assert abs(float(upright[100, 120]) - float(upright[100, 180])) < 1e-3
    angle = np.deg2rad(20)
    right, down = np.array([np.cos(angle), np.sin(angle)]), np.array([-np.sin(angle), np.cos(angle)])
    tilted = chest_form(shape, np.array([150.0, 60.0]), right, down, 150.0, look)
    assert not np.allclose(tilted, upright, atol=0.01)
    assert float(np.abs(np.diff(upright, axis=0)).max()) < 0.02
