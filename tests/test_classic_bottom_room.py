"""A long old top over trousers under a shorter new top: the trousers are continued up
from below the old top's hem as their mirror image, from as far below the hem as each
rebuilt pixel lies above it. The box rebuilt must hold that much of the photo below
the hem: with only its pad below, the trousers' run there was a few rows, turned back
and forth as horizontal stripes (and a doubled crotch) in the strip."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom.engines.classic import person as pose
from fitroom.engines.classic import skin
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.rebuild import replaced
from tests.support.figure import standing_over_trousers

SKIN = (205, 160, 135)
HEM = 500  # the old top's hem
NEW_HEM = 400  # the new top's hem


def _long_top_over_shaded_trousers() -> pose.Person:
    """A grey top from the shoulders (y 120) to y 500, past the hips (y 420), over blue
    trousers down to y 700 that darken steadily downwards; bare arms beside the top, a
    face above (its cheeks set the tone)."""
    h, w = 720, 500
    image = np.full((h, w, 3), 235, np.uint8)
    image[40:120, 210:290] = SKIN  # the head and neck
    image[120:HEM, 170:331] = (120, 120, 125)  # the old top
    rows = np.arange(HEM, 700, dtype=np.float32)[:, None]
    shade = np.clip(200 - (rows - HEM) * 0.8, 0, 255)
    image[HEM:700, 175:326] = np.stack([shade * 0.45, shade * 0.55, shade], axis=-1).astype(np.uint8)
    image[130:420, 140:170] = image[130:420, 331:361] = SKIN  # the arms
    return standing_over_trousers(image, SKIN)


def _strip_profile() -> tuple[np.ndarray, np.ndarray]:
    """The render's lightness up the strip between the new hem and the old one, over the
    middle columns (from just above the old hem upwards), and the photo's own trousers'
    lightness as far below the hem."""
    person = _long_top_over_shaded_trousers()
    new = np.zeros(person.mask.shape, np.float32)
    new[120:NEW_HEM, 170:331] = 1
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="top"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    picture = out.fill * out.rebuild[:, :, None] + person.image * (1 - out.rebuild[:, :, None])
    light = cv2.cvtColor(np.clip(picture, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    photo = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    cols = slice(215, 286)
    reach = np.arange(6, 60)  # rows above the hem, clear of its soft edge and the waist
    up = light[HEM - 1 - reach, cols].mean(axis=1)
    down = photo[HEM + reach, cols].mean(axis=1)
    return up, down


def test_the_trousers_continued_up_are_their_mirror_image_not_a_few_rows_turned_back_and_forth() -> None:
    up, down = _strip_profile()
    # As the trousers darken downwards, the strip darkens upwards, row for row as far
    # below the hem as above it: no band of a few rows repeated.
    assert np.all(np.diff(up) <= 0.5), np.round(up, 1)
    assert float(np.max(np.abs(up - down))) < 8, (np.round(up, 1), np.round(down, 1))
