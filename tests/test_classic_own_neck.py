"""A chest bared by a cami takes the colour of the person's own neck just above the old
neckline, not the lit face's."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.garment import Garment
from tests.test_classic_engine import drawn_person

#: The drawn neck's and arms' own skin: tan, 60 levels of L darker than the lit face the tone is
#: read from.
NECK = (190, 140, 110)
FACE = (240, 212, 182)


def _in_a_crew_neck_tee() -> np.ndarray:
    """A drawn person (420 x 400 px, `drawn_points`) in a grey crew-neck tee whose
    neckline lies at y 96, the brown neck above it and brown arms below short sleeves."""
    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    cv2.circle(image, (200, 45), 28, FACE, -1)
    cv2.rectangle(image, (185, 70), (215, 100), NECK, -1)
    for shoulder, wrist in (((250, 100), (280, 250)), ((150, 100), (120, 250))):
        cv2.line(image, shoulder, wrist, NECK, 26)
    tee = np.zeros((h, w), np.uint8)
    cv2.rectangle(tee, (140, 96), (260, 290), 1, -1)
    for shoulder, hem in (((250, 100), (262, 130)), ((150, 100), (138, 130))):
        cv2.line(tee, shoulder, hem, 1, 40)
    image[tee > 0] = (90, 92, 100)
    return image


def _under_a_cami() -> tuple[np.ndarray, np.ndarray, np.ndarray, float, np.ndarray]:
    """The tee swapped for a cami's body from y 150 down, the body's tone not read: the
    picture shown, the rebuilt skin, the neck as shot, the shoulder width and the neck's
    middle."""
    image = _in_a_crew_neck_tee()
    face = cv2.cvtColor(np.uint8([[FACE]]), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    # The body's own tone not read (`look.tone` None): the lit face's stands in.
    person = replace(drawn_person(image), skin_lab=face)
    look = skin.DEFAULT
    h, w = image.shape[:2]
    new = np.zeros((h, w), np.float32)
    cv2.rectangle(new, (150, 150), (250, 290), 1, -1)
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    hands = np.zeros((h, w), bool)
    out = rebuild.replaced(person, garment, new, hands, np.zeros((h, w), np.float32), look)
    shown = image.astype(np.float32) * (1 - out.rebuild[:, :, None]) + out.fill * out.rebuild[:, :, None]
    made = (out.skin > 0.5) & (out.rebuild > 0.5)
    neck = np.all(image == np.uint8(NECK), axis=2) & (out.rebuild < 0.05)
    frame = torso_frame(person)
    return np.clip(shown, 0, 255).astype(np.uint8), made, neck, frame.width, frame.neck


def test_a_chest_bared_by_a_cami_takes_the_necks_own_colour() -> None:
    """The lit face's tone stood in for the body's: the chest below the old crew neck was
    rebuilt far paler than the brown neck right above it (`chest_tone` over its limit).
    It takes the neck's colour now."""
    shown, made, neck, width, middle = _under_a_cami()
    chest = made[110:145, 185:216]
    assert chest.mean() > 0.9, chest.mean()
    apart = checks.chest_tone(shown, made, neck, middle, width)
    assert apart is not None and apart < checks.CHEST_TONE_APART, apart


def test_chest_tone_finds_a_pale_chest_below_a_dark_neck() -> None:
    """The check reads a chest painted in the face's colour below the brown neck as apart,
    and one in the neck's colour as alike."""
    image = _in_a_crew_neck_tee()
    made = np.zeros(image.shape[:2], bool)
    made[96:150, 150:251] = True
    neck = np.all(image == np.uint8(NECK), axis=2)
    pale = image.copy()
    pale[made] = FACE
    apart = checks.chest_tone(pale, made, neck, (200.0, 100.0), 100.0)
    assert apart is not None and apart > checks.CHEST_TONE_APART, apart
    alike = image.copy()
    alike[made] = NECK
    assert checks.chest_tone(alike, made, neck, (200.0, 100.0), 100.0) == 0.0
