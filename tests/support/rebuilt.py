"""An old top bared on the drawn person of `tests.test_classic_engine.drawn_person` (420 x
400 px) and rebuilt as the engine does (`rebuild._uncovered`): the person's arms, a flat
skin tone, and the call with a stand-in top, shared by the limb and skin tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.body import Frame
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.person import Person

SHAPE = (420, 400)
#: The drawn person's arms as its pose has them, shoulder, elbow and wrist: the
#: picture's right arm, then its left.
ARMS = (((250, 100), (275, 180), (280, 250)), ((150, 100), (125, 180), (120, 250)))


def bare_arms(width: int) -> np.ndarray:
    """The arms along `ARMS`, `width` px across, as a 0/1 mask."""
    arms = np.zeros(SHAPE, np.uint8)
    for shoulder, elbow, wrist in ARMS:
        cv2.polylines(arms, [np.array([shoulder, elbow, wrist])], False, 1, width)
    return arms


def flat_tone(lab: np.ndarray) -> np.ndarray:
    """The skin tone `rebuild._uncovered` is given: one OpenCV 8-bit Lab colour all over."""
    return np.broadcast_to(np.asarray(lab, np.float32), (*SHAPE, 3)).copy()


def uncovered_top(
    person: Person,
    frame: Frame,
    old: np.ndarray,
    bared: np.ndarray,
    new: np.ndarray,
    tone: np.ndarray,
    look: skin.SkinLook = skin.DEFAULT,
    seen: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """`rebuild._uncovered` for an old top (`old`) where a new one (`new`) leaves it
    `bared`: what is rebuilt there, and how much of each pixel is skin. No hands; none
    of the skin seen as shot unless `seen`."""
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    return rebuild._uncovered(
        person,
        garment,
        frame,
        np.asarray(old, np.float32),
        bared,
        new,
        look,
        tone,
        np.zeros(old.shape, bool) if seen is None else seen,
        np.zeros(old.shape, bool),
    )


def cami_bared(person: Person) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`person`'s top swapped for a cami's body from y 150 down (a box 100 px wide to y
    290) and the rest rebuilt as the engine does: the picture shown, the rebuilt skin, and
    how much of each pixel was rebuilt."""
    image = person.image
    h, w = image.shape[:2]
    new = np.zeros((h, w), np.float32)
    cv2.rectangle(new, (150, 150), (250, 290), 1, -1)
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    out = rebuild.replaced(person, garment, new, np.zeros((h, w), bool), np.zeros((h, w), np.float32), skin.DEFAULT)
    shown = image.astype(np.float32) * (1 - out.rebuild[:, :, None]) + out.fill * out.rebuild[:, :, None]
    return np.clip(shown, 0, 255).astype(np.uint8), (out.skin > 0.5) & (out.rebuild > 0.5), out.rebuild
