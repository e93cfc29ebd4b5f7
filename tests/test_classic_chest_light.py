"""A chest bared by a cami is lit as deeply as the person's own bare arms: rebuilt at one
fixed depth of light it was a smooth fill below arms shaded across."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import chest_light
from fitroom.engines.classic.person import L_ELBOW, L_SHOULDER, L_WRIST, R_ELBOW, R_SHOULDER, R_WRIST
from tests.support.rebuilt import cami_bared
from tests.test_classic_engine import drawn_person

#: The drawn skin at its lightest, and the old grey crew-neck tee.
SKIN = np.array((205, 165, 135), np.float32)
TEE = (120, 120, 130)
BACKDROP = 225


def _shaded_arms() -> np.ndarray:
    """A drawn person (420 x 400 px, `drawn_points`) in a grey tee from y 96, a face and
    neck, and bare arms shaded across as lit cylinders: their sides some 40% darker."""
    h, w = 420, 400
    image = np.full((h, w, 3), BACKDROP, np.uint8)
    cv2.circle(image, (200, 45), 28, tuple(int(v) for v in SKIN), -1)
    cv2.rectangle(image, (185, 70), (215, 100), tuple(int(v) for v in SKIN), -1)
    for shoulder, wrist in (((250, 100), (280, 250)), ((150, 100), (120, 250))):
        arm = np.zeros((h, w), np.uint8)
        cv2.line(arm, shoulder, wrist, 1, 30)
        bone = np.zeros((h, w), np.uint8)
        cv2.line(bone, shoulder, wrist, 1, 1)
        away = cv2.distanceTransform(1 - bone, cv2.DIST_L2, 5) / 15.0
        shade = 1 - 0.45 * np.clip(away, 0, 1) ** 2
        image[arm > 0] = np.clip(SKIN[None, :] * shade[arm > 0][:, None], 0, 255).astype(np.uint8)
    tee = np.zeros((h, w), np.uint8)
    cv2.rectangle(tee, (140, 96), (260, 290), 1, -1)
    for shoulder, hem in (((250, 100), (262, 130)), ((150, 100), (138, 130))):
        cv2.line(tee, shoulder, hem, 1, 40)
    image[tee > 0] = TEE
    return image


def _arms() -> list[tuple[np.ndarray, ...]]:
    points = drawn_person(_shaded_arms()).points
    return [tuple(points[i] for i in arm) for arm in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))]


def _own(image: np.ndarray, rebuilt: np.ndarray) -> np.ndarray:
    """The arms' own skin as shot: skin-hued, below the neck."""
    own = (np.abs(image.astype(np.int16)[:, :, 0] - image[:, :, 2] - 70) < 15) & ~rebuilt
    own[:105] = False
    return own


def _under_a_cami() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tee swapped for a cami's body from y 150 down: the picture shown, the rebuilt
    skin and the arms' own skin as shot."""
    image = _shaded_arms()
    tone = cv2.cvtColor(SKIN.astype(np.uint8)[None, None], cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    outline = np.any(image != BACKDROP, axis=2).astype(np.float32)
    shown, made, _ = cami_bared(replace(drawn_person(image), skin_lab=tone, mask=outline))
    return shown, made, _own(image, made)


def test_a_bared_chest_is_lit_as_deeply_as_the_arms(monkeypatch: pytest.MonkeyPatch) -> None:
    """At the one fixed depth of light the chest's spread of lightness was under
    `CHEST_SPREAD_LEAST` of the shaded arms'; taken from the arms, it is over it."""
    monkeypatch.setattr(chest_light, "GAIN_MOST", 1.0)
    shown, made, own = _under_a_cami()
    assert made[110:145, 170:231].mean() > 0.9
    flat = checks.chest_spread(shown, made, own, _arms(), (200.0, 100.0), 100.0)
    monkeypatch.undo()
    shown, made, own = _under_a_cami()
    deep = checks.chest_spread(shown, made, own, _arms(), (200.0, 100.0), 100.0)
    assert flat is not None and flat < checks.CHEST_SPREAD_LEAST, flat
    assert deep is not None and deep > checks.CHEST_SPREAD_LEAST, deep


def test_chest_spread_finds_a_smooth_fill_beside_shaded_arms() -> None:
    """The check reads a chest of one colour beside shaded arms as flat, and one shaded
    across as much as the arms as not."""
    image = _shaded_arms()
    made = np.zeros(image.shape[:2], bool)
    made[100:150, 160:241] = True
    own = _own(image, made)
    flat = image.copy()
    flat[made] = SKIN.astype(np.uint8)
    value = checks.chest_spread(flat, made, own, _arms(), (200.0, 100.0), 100.0)
    assert value is not None and value < checks.CHEST_SPREAD_LEAST, value
    rounded = image.copy()
    across = np.abs(np.arange(160, 241, dtype=np.float32) - 200) / 40
    shade = 1 - 0.45 * across**2
    rounded[100:150, 160:241] = np.clip(SKIN[None, None, :] * shade[None, :, None], 0, 255).astype(np.uint8)
    value = checks.chest_spread(rounded, made, own, _arms(), (200.0, 100.0), 100.0)
    assert value is not None and value > checks.CHEST_SPREAD_LEAST, value
