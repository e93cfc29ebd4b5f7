"""A white tank over blue jeans with the midriff bare between them, the jeans' waistband
lit in small near-white flecks (a button, belt loops, stitching): the flecks are nearer
the tank's colour than the jeans', and taken for the tank they were rebuilt as the bared
midriff's skin in squares among the kept denim, a mosaic over the waistband. They are
the jeans', and stay as shot."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.person import Person
from tests.support.standing import SKIN_RGB, in_trousers, standing

JEANS = (80, 120, 180)
TANK = (252, 252, 250)
FLECK = (246, 247, 249)
FLECKS = (slice(238, 248), slice(160, 240))


def tank_over_flecked_jeans() -> Person:
    """The tank to y 205, bare skin to y 235, jeans from there with 4-pixel flecks every
    12 pixels across the waistband (y 238-248)."""
    image = in_trousers(JEANS, 235)
    cv2.rectangle(image, (145, 90), (255, 205), TANK, -1)
    image[205:235, 150:250] = SKIN_RGB
    for x in range(162, 240, 12):
        image[240:244, x : x + 4] = FLECK
    return standing(image)


def test_the_waistbands_flecks_are_not_the_tanks() -> None:
    person = tank_over_flecked_jeans()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[150, 150:250].all(), "the tank"
    assert not old[FLECKS].any(), np.argwhere(old[FLECKS])
