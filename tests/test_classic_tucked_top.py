"""A top tucked into a bottom that sits higher than the new one, on a drawn photo: the new
bottom's waistband rises to the kept top's hem, and `top_hem_gap` fails a band of the old
waistband left between the two."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import kept_top
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import NEW, beige_trousers, in_trousers, standing

TANK = (28, 28, 32)
JEANS = (110, 150, 200)  # pale blue: far from the tank and from the new trousers
ELASTIC = (185, 200, 225)  # the jeans' paler gathered waistband
HEM = 205  # the tank's hem, at the waist: well above the hip joints (y 260)


def tank_tucked_into_jeans() -> Person:
    """A person in a black tank from the shoulders (y 90) to its hem at `HEM`, tucked into
    pale high-waisted jeans to the ankles, bare arms hanging beside the body."""
    image = in_trousers(JEANS, HEM)
    image[HEM : HEM + 10, 150:250] = ELASTIC
    cv2.rectangle(image, (150, 90), (250, HEM), TANK, -1)
    return standing(image, soft=True)


def _gap(image: np.ndarray, person: Person, cover: np.ndarray) -> float | None:
    lab = cv2.cvtColor(np.array([[JEANS, ELASTIC, NEW]], np.uint8).astype(np.float32) / 255, cv2.COLOR_RGB2LAB)[0]
    cols = (np.arange(image.shape[1]) >= 170) & (np.arange(image.shape[1]) <= 230)
    return checks.top_hem_gap(image, kept_top(person), cover, cols, lab[:2], lab[2:])


def test_the_new_waistband_meets_a_tucked_tanks_hem() -> None:
    """Before, the new trousers started below the hips' usual waist, and the old pale
    waistband showed between them and the tank."""
    person = tank_tucked_into_jeans()
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    composite = compose(person, garment, layers_for(person, garment))
    assert composite.garment[HEM + 3 : HEM + 30, 175:225].mean() > 0.9
    gap = _gap(composite.image, person, composite.garment)
    assert gap is not None and checks.faults({"top_hem_gap": gap}) == [], gap
    # The tank stays as shot.
    assert np.abs(composite.image[100 : HEM - 8, 160:240].astype(int) - TANK).max() < 12


def test_top_hem_gap_fails_the_old_waistband_left_below_the_hem() -> None:
    person = tank_tucked_into_jeans()
    drawn = person.image.copy()
    cover = np.zeros(drawn.shape[:2], np.float32)
    cover[HEM + 25 : 450, 150:250] = 1
    drawn[HEM + 25 : 450, 150:250] = NEW
    gap = _gap(drawn, person, cover)
    assert checks.faults({"top_hem_gap": gap}) == ["top_hem_gap"], gap
