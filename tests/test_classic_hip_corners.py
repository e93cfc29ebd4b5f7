"""An old waistband whose corners rise over the hips above a top's hem, on a drawn
photo: beside the hip joints its shaded corners were kept in front of a new bottom as a
strip of the old trousers; they go with the old bottom, under the new one."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic.composite import _over_bottom, compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import bottom_coloured, worn_bottom
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import beige_trousers, in_trousers, standing

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
    assert not _over_bottom(person)[CORNERS].any(), _over_bottom(person)[CORNERS].mean()
    assert _over_bottom(person)[100:200, 150:250].all(), "the top stays in front"


def test_new_trousers_leave_no_corner_of_the_old_jeans() -> None:
    person = top_over_rising_jeans()
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    left = np.abs(out[CORNERS].astype(np.int16) - np.array(SHADE, np.int16)).max(axis=2) <= 8
    assert left.mean() < 0.05, left.mean()
