"""`waistband_flecks` on a drawn photo: an old waistband's button left as in the photo in a
hole of the new waistband fails; covered it passes, and a hand kept in front is let off."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from tests.support.standing import in_trousers

TANK = (28, 28, 32)
JEANS = (110, 150, 200)
BUTTON = (235, 235, 225)  # a pale metal button: neither the tank's colour nor the jeans'
NEW = (200, 170, 120)
HEM = 205  # the tank's hem
BUTTON_AT = (206, HEM + 9)


def _photo() -> np.ndarray:
    """A black tank to `HEM` over jeans whose waistband carries a pale button below it."""
    image = in_trousers(JEANS, HEM)
    cv2.rectangle(image, (150, 90), (250, HEM), TANK, -1)
    cv2.circle(image, BUTTON_AT, 4, BUTTON, -1)
    return image


def _band() -> np.ndarray:
    band = np.zeros((500, 400), bool)
    band[HEM : HEM + 30, 160:240] = True
    return band


def test_waistband_flecks_fails_the_old_button_left_in_a_hole_of_the_new_waistband() -> None:
    photo = _photo()
    x, y = BUTTON_AT
    hole = (slice(y - 4, y + 5), slice(x - 4, x + 5))
    cover = np.zeros(photo.shape[:2], np.float32)
    cover[HEM:450, 150:250] = 1
    covered = photo.copy()
    covered[HEM:450, 150:250] = NEW
    render = covered.copy()
    render[hole] = photo[hole]  # the button kept as in the photo
    holed = cover.copy()
    holed[hole] = 0
    none = np.zeros((500, 400), bool)
    flecks = checks.waistband_flecks(photo, render, holed, _band(), none)
    assert checks.faults({"waistband_flecks": flecks}) == ["waistband_flecks"], flecks
    # Covered, it passes.
    assert checks.waistband_flecks(photo, covered, cover, _band(), none) == 0.0
    # A hand kept in front there is let off.
    hand = np.zeros((500, 400), bool)
    hand[hole] = True
    assert checks.waistband_flecks(photo, render, holed, _band(), hand) == 0.0
    # A hole the new garment fills with something new (rebuilt) is not the old waistband.
    rebuilt = covered.copy()
    rebuilt[hole] = (150, 120, 100)
    assert checks.waistband_flecks(photo, rebuilt, holed, _band(), none) == 0.0
