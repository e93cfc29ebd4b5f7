"""A white tank over blue jeans with the midriff bare between them, the jeans' waistband
lit in small near-white flecks (a button, belt loops, stitching): the flecks are nearer
the tank's colour than the jeans', and taken for the tank they were rebuilt as the bared
midriff's skin in squares among the kept denim, a mosaic over the waistband. They are
the jeans', and stay as shot; `checks.waist_mosaic` tells the mosaic from a clean end."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
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


def test_waist_mosaic_flags_squares_of_skin_among_the_denim_only() -> None:
    """Squares redrawn among the denim kept step many times a row; a midriff redrawn
    whole down to the waistband kept steps at its ends only; no garment, no band."""
    photo = np.zeros((300, 200, 3), np.uint8)
    photo[:] = JEANS
    cover = np.zeros((300, 200), np.float32)
    cover[:100, 30:170] = 1
    whole = photo.copy()
    whole[100:120, 30:170] = SKIN_RGB
    mosaic = photo.copy()
    for x in range(40, 160, 16):
        mosaic[100 + (x % 32) // 2 : 108 + (x % 32) // 2, x : x + 8] = SKIN_RGB
    span = (40.0, 160.0)
    clean = checks.waist_mosaic(whole, photo, cover, span, 100.0)
    blocky = checks.waist_mosaic(mosaic, photo, cover, span, 100.0)
    assert clean is not None and blocky is not None
    assert checks.faults({"waist_mosaic": clean}) == [], clean
    assert checks.faults({"waist_mosaic": blocky}) == ["waist_mosaic"], blocky
    assert checks.waist_mosaic(whole, photo, np.zeros_like(cover), span, 100.0) is None
