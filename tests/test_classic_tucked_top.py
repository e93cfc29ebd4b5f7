"""A top tucked into a bottom that sits higher than the new one, on a drawn photo: the new
bottom's waistband rises to the kept top's hem, and `top_hem_gap` fails a band of the old
waistband left between the two."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import kept_top
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
TANK = (28, 28, 32)
JEANS = (110, 150, 200)  # pale blue: far from the tank and from the new trousers
ELASTIC = (185, 200, 225)  # the jeans' paler gathered waistband
NEW = (200, 180, 140)
HEM = 205  # the tank's hem, at the waist: well above the hip joints (y 260)


def beige_trousers() -> np.ndarray:
    """Flat-lay beige trousers on white."""
    image = np.full((500, 300, 3), 250, np.uint8)
    cv2.fillConvexPoly(
        image, np.array([(90, 40), (210, 40), (230, 470), (160, 470), (150, 200), (140, 470), (70, 470)]), NEW
    )
    return image


def tank_tucked_into_jeans() -> Person:
    """A person in a black tank from the shoulders (y 90) to its hem at `HEM`, tucked into
    pale high-waisted jeans to the ankles, bare arms hanging beside the body."""
    image = np.full((500, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (150, HEM), (250, 450), JEANS, -1)
    image[350:450, 196:204] = 235  # between the legs
    image[HEM : HEM + 10, 150:250] = ELASTIC
    cv2.rectangle(image, (150, 90), (250, HEM), TANK, -1)
    cv2.line(image, (128, 110), (118, 270), SKIN_RGB, 20)  # the arms beside the body
    cv2.line(image, (272, 110), (282, 270), SKIN_RGB, 20)
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = (230, 260), (170, 260)
    points[[p.L_ELBOW, p.R_ELBOW]] = (277, 190), (123, 190)
    points[[p.L_WRIST, p.R_WRIST]] = (282, 270), (118, 270)
    points[[p.L_KNEE, p.R_KNEE]] = (225, 360), (175, 360)
    points[[p.L_ANKLE, p.R_ANKLE]] = (225, 445), (175, 445)
    points[list(p.HAND_POINTS[0][1:])] = (284, 285), (284, 287), (282, 285)
    points[list(p.HAND_POINTS[1][1:])] = (116, 285), (116, 287), (118, 285)
    h, w = image.shape[:2]
    mask = (np.abs(image.astype(np.int16) - 235).max(axis=2) > 10).astype(np.float32)
    image = cv2.GaussianBlur(image, (0, 0), 1.0)  # a photo's soft outlines
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB)


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
