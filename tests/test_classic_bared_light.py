"""`chest_dim`: a chest bared by a cami rebuilt darker than the person's own bare arms."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.person import L_ELBOW, L_SHOULDER, L_WRIST, R_ELBOW, R_SHOULDER, R_WRIST
from tests.test_classic_engine import drawn_person

#: The drawn neck's and arms' skin, and the old black tee: its chest's front in the dark,
#: its sides and sleeves in a sheen some 20 levels of L (8-bit) lighter.
SKIN = (200, 160, 130)
BLACK, SHEEN = (8, 8, 8), (30, 30, 30)


def _in_a_black_tee() -> np.ndarray:
    """A drawn person (420 x 400 px, `drawn_points`) in a black crew-neck tee whose
    neckline lies at y 96, darker over the chest's front than at its sides, the neck
    above it and the arms below short sleeves in the skin's colour."""
    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    cv2.circle(image, (200, 45), 28, SKIN, -1)
    cv2.rectangle(image, (185, 70), (215, 100), SKIN, -1)
    for shoulder, wrist in (((250, 100), (280, 250)), ((150, 100), (120, 250))):
        cv2.line(image, shoulder, wrist, SKIN, 26)
    tee = np.zeros((h, w), np.uint8)
    cv2.rectangle(tee, (140, 96), (260, 290), 1, -1)
    for shoulder, hem in (((250, 100), (262, 130)), ((150, 100), (138, 130))):
        cv2.line(tee, shoulder, hem, 1, 40)
    image[tee > 0] = SHEEN
    front = np.zeros((h, w), bool)
    front[96:170, 165:236] = True
    image[(tee > 0) & front] = BLACK
    return image


def _arms() -> list[tuple[np.ndarray, ...]]:
    points = drawn_person(_in_a_black_tee()).points
    return [tuple(points[i] for i in arm) for arm in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))]


def test_chest_dim_finds_a_chest_darker_than_the_arms() -> None:
    """The check reads a chest 15% darker than the bare arms beside it as dim, and one in
    the arms' colour as not."""
    image = _in_a_black_tee()
    made = np.zeros(image.shape[:2], bool)
    made[100:150, 160:241] = True
    own = np.all(image == np.uint8(SKIN), axis=2)
    own[:105] = False
    dim = image.copy()
    dim[made] = (np.array(SKIN) * 0.8).astype(np.uint8)
    value = checks.chest_dim(dim, made, own, _arms(), (200.0, 100.0), 100.0)
    assert value is not None and value > checks.CHEST_DIM_MOST, value
    alike = image.copy()
    alike[made] = SKIN
    value = checks.chest_dim(alike, made, own, _arms(), (200.0, 100.0), 100.0)
    assert value is not None and abs(value) < 1, value
