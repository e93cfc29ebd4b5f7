"""A chest bared by a cami is not lit by a black old top's sheen: the broad light read on
near-black cloth is its sheen and the photo's noise, not the body's."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import shading
from fitroom.engines.classic.person import L_ELBOW, L_SHOULDER, L_WRIST, R_ELBOW, R_SHOULDER, R_WRIST
from tests.support.rebuilt import cami_bared
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


def _under_a_cami() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tee swapped for a cami's body from y 150 down: the picture shown, the rebuilt
    skin and the arms' own skin as shot."""
    image = _in_a_black_tee()
    tone = cv2.cvtColor(np.uint8([[SKIN]]), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    # The person's outline: all but the backdrop (the drawn person's mask is the whole
    # picture, and the old tee's mask ran out over the backdrop beside the neck).
    outline = np.any(image != 225, axis=2).astype(np.float32)
    shown, made, share = cami_bared(replace(drawn_person(image), skin_lab=tone, mask=outline))
    own = np.all(image == np.uint8(SKIN), axis=2) & (share < 0.05)
    own[:105] = False  # the arms only: not the face and neck
    return shown, made, own


def _arms() -> list[tuple[np.ndarray, ...]]:
    points = drawn_person(_in_a_black_tee()).points
    return [tuple(points[i] for i in arm) for arm in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))]


def test_a_chest_bared_from_a_black_top_is_lit_as_the_arms() -> None:
    """The black tee's darker front beside its sheen read as shade (0.85 of its middle):
    the chest bared by the cami was rebuilt 15% darker than the arms beside it
    (`chest_dim` over its limit). On near-black cloth no light is read now."""
    shown, made, own = _under_a_cami()
    assert made[110:145, 170:231].mean() > 0.9
    dim = checks.chest_dim(shown, made, own, _arms(), (200.0, 100.0), 100.0)
    assert dim is not None and dim < checks.CHEST_DIM_MOST, dim


def test_bared_light_keeps_a_light_tops_shade_and_drops_a_black_ones() -> None:
    """The same tee in white and light grey keeps its shade over the chest; in black and
    near-black it carries none."""
    image = _in_a_black_tee()
    old = (image[:, :, 0] < 100).astype(np.float32)
    light = shading.bared_light(drawn_person(image), old)
    assert np.allclose(light[100:160, 170:230], 1.0), light[100:160, 170:230].min()
    white = image.copy()
    white[image[:, :, 0] == BLACK[0]] = (200, 200, 200)
    white[image[:, :, 0] == SHEEN[0]] = (230, 230, 230)
    lit = shading.bared_light(drawn_person(white), old)
    assert lit[120:150, 170:230].max() < 0.97, lit[120:150, 170:230].max()


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
