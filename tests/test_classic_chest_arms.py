"""A chest bared by a cami is lit no darker than the person's own bare arms beside it."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.person import L_ELBOW, L_SHOULDER, L_WRIST, R_ELBOW, R_SHOULDER, R_WRIST
from tests.test_classic_engine import drawn_person

#: The drawn arms' skin, lit, and the neck in the chin's shade, 50 levels of L (8-bit)
#: darker, of the same hue.
ARMS = (200, 150, 120)
NECK = (130, 90, 68)


def _in_a_grey_tee() -> np.ndarray:
    """A drawn person (420 x 400 px, `drawn_points`) in a grey crew-neck tee whose
    neckline lies at y 96, the shaded neck above it and the lit arms below short sleeves."""
    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    cv2.circle(image, (200, 45), 28, NECK, -1)
    cv2.rectangle(image, (185, 70), (215, 100), NECK, -1)
    for shoulder, wrist in (((250, 100), (280, 250)), ((150, 100), (120, 250))):
        cv2.line(image, shoulder, wrist, ARMS, 26)
    tee = np.zeros((h, w), np.uint8)
    cv2.rectangle(tee, (140, 96), (260, 290), 1, -1)
    for shoulder, hem in (((250, 100), (262, 130)), ((150, 100), (138, 130))):
        cv2.line(tee, shoulder, hem, 1, 40)
    image[tee > 0] = (150, 152, 160)
    return image


def test_a_chest_below_a_shaded_neck_is_lit_as_the_arms() -> None:
    """The chest's tone came from the neck in the chin's shade: rebuilt under the cami it
    was a dull slab far darker than the lit arms (`chest_dim` over its limit). It is
    held to the arms' lightness now."""
    image = _in_a_grey_tee()
    tone = cv2.cvtColor(np.uint8([[NECK]]), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    outline = np.any(image != 225, axis=2).astype(np.float32)
    person = replace(drawn_person(image), skin_lab=tone, mask=outline)
    h, w = image.shape[:2]
    new = np.zeros((h, w), np.float32)
    cv2.rectangle(new, (150, 150), (250, 290), 1, -1)
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    look = replace(skin.DEFAULT, tone=(float(tone[0]), float(tone[1]), float(tone[2])))
    out = rebuild.replaced(person, garment, new, np.zeros((h, w), bool), np.zeros((h, w), np.float32), look)
    shown = image.astype(np.float32) * (1 - out.rebuild[:, :, None]) + out.fill * out.rebuild[:, :, None]
    shown = np.clip(shown, 0, 255).astype(np.uint8)
    made = (out.skin > 0.5) & (out.rebuild > 0.5)
    assert made[110:145, 170:231].mean() > 0.9
    own = np.all(image == np.uint8(ARMS), axis=2) & (out.rebuild < 0.05)
    points = person.points
    arms = [tuple(points[i] for i in arm) for arm in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))]
    dim = checks.chest_dim(shown, made, own, arms, (200.0, 100.0), 100.0)
    assert dim is not None and dim < checks.CHEST_DIM_MOST, dim
