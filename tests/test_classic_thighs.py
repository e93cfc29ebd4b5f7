"""Issue 17: thighs a shorter new dress or bottom bares, rebuilt above the person's own
shins. Rebuilt from the face's or hands' colour under a cylinder's light, they came out
paler and flatter than the shins below them: one leg of two materials."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import skin
from fitroom.engines.classic.composite import _with_shins_detail
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.rebuild import replaced
from tests.test_classic_dress_legs import BACKDROP, standing

#: The shins' own skin: darker and more tanned than the face's tone the person is given.
SHIN = np.array((165, 112, 88), np.float32)


def _lightness(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(np.clip(rgb, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)


def test_rebuilt_thighs_take_the_tone_and_light_of_the_shins_below() -> None:
    """Below an old midi (to y 440) the shins show, darker than the face's tone, lit from
    the picture's right. Under a new mini (to y 330) the bared thighs are as light as the
    shins' middle, not the face's tone, and lighter on the shins' lit side."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (110, 90), (290, 440), (40, 60, 120), -1)  # a navy midi to y 440
    for bone in (165, 235):
        across = (np.arange(bone - 14, bone + 15, dtype=np.float32) - bone) / 14
        light = 0.97 + 0.06 * across  # lit from the picture's right
        image[441:522, bone - 14 : bone + 15] = np.clip(SHIN * light[:, None], 0, 255).astype(np.uint8)
    person = standing(image)
    new = np.zeros(person.mask.shape, np.float32)
    new[90:330, 105:296] = 1  # a new mini dress
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="dress"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    for bone in (165, 235):
        shin = float(np.median(_lightness(image[450:520, bone - 4 : bone + 5])))
        thigh = (slice(340, 380), slice(bone - 4, bone + 5))
        assert out.skin[thigh].min() > 0.9
        made = float(np.median(_lightness(out.fill[thigh])))
        assert abs(made - shin) < 4, (made, shin)
        left = float(np.median(_lightness(out.fill[340:380, bone - 10 : bone - 5])))
        right = float(np.median(_lightness(out.fill[340:380, bone + 5 : bone + 10])))
        assert right > left + 1, (left, right)


def _leg_picture(thigh: tuple[int, int, int], shaded: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A leg (hip y 40, knee y 160, ankle y 280, bone at x 150): a rebuilt thigh of
    `thigh`'s colour above a tan shin shaded darker at its sides; the thigh shaded alike
    when `shaded`."""
    image = np.full((300, 300, 3), 235, np.uint8)
    rebuilt = np.zeros((300, 300), bool)
    own = np.zeros((300, 300), bool)
    across = (np.arange(126, 175, dtype=np.float32) - 150) / 24
    rounded = (1 - 0.18 * across**2)[:, None]
    rebuilt[40:160, 126:175] = True
    own[160:280, 126:175] = True
    image[160:280, 126:175] = np.clip(SHIN * rounded, 0, 255).astype(np.uint8)
    colour = np.array(thigh, np.float32) * (rounded if shaded else 1)
    image[40:160, 126:175] = np.clip(colour, 0, 255).astype(np.uint8)
    return image, rebuilt, own


def test_leg_tone_step_flags_a_thigh_paler_than_the_shin_below() -> None:
    """A pale thigh over a tan shin is a step; the shin's own colour passes."""
    leg = [((150.0, 40.0), (150.0, 160.0), (150.0, 280.0))]
    image, rebuilt, own = _leg_picture((215, 165, 140), shaded=True)
    step = checks.leg_tone_step(image, rebuilt, own, leg, 200.0)
    assert step is not None and step > checks.LEG_LIGHTER_MOST, step
    assert "leg_tone_step" in checks.faults({"leg_tone_step": step})
    image, rebuilt, own = _leg_picture(tuple(int(v) for v in SHIN), shaded=True)
    alike = checks.leg_tone_step(image, rebuilt, own, leg, 200.0)
    assert alike is not None and abs(alike) < 1.5, alike
    assert checks.leg_tone_step(image, rebuilt, np.zeros_like(own), leg, 200.0) is None


def test_leg_side_shade_flags_a_flat_thigh_above_a_rounded_shin() -> None:
    """A thigh lit alike across above a shin darker at its sides is flat; shaded as the
    shin is, it passes."""
    leg = [((150.0, 40.0), (150.0, 160.0), (150.0, 280.0))]
    colour = tuple(int(v) for v in SHIN)
    flat = checks.leg_side_shade(*_leg_picture(colour, shaded=False), leg, 200.0)
    assert flat is not None and flat < checks.LEG_SIDE_LEAST, flat
    assert "leg_side_shade" in checks.faults({"leg_side_shade": flat})
    rounded = checks.leg_side_shade(*_leg_picture(colour, shaded=True), leg, 200.0)
    assert rounded is not None and rounded > 0.8, rounded


def test_rebuilt_legs_take_the_detail_of_the_shins_below() -> None:
    """Shins with a coarse grain below an old midi: the detail laid on the rebuilt legs
    below the hips is theirs (as coarse), while above the hips it stays what it was."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (110, 90), (290, 440), (40, 60, 120), -1)  # a navy midi to y 440
    rng = np.random.default_rng(3)
    grain = rng.normal(0, 12, (81, 29, 1)).astype(np.float32)
    for bone in (165, 235):
        image[441:522, bone - 14 : bone + 15] = np.clip(SHIN + grain, 0, 255).astype(np.uint8)
    person = standing(image)
    old = np.zeros(person.mask.shape, np.float32)
    old[90:441, 110:291] = 1
    none = np.zeros(person.mask.shape, bool)
    laid = np.zeros(person.mask.shape, np.float32)
    whole = (slice(0, 560), slice(0, 400))
    out = _with_shins_detail(person, old, none, laid, laid, whole, np.ones_like(laid), skin.look(person))
    shins = _lightness(image[445:518, 155:175]) / 255
    own = float(np.std(shins - cv2.GaussianBlur(shins, (0, 0), 3)))
    thighs = out[300:380, 150:180]
    assert float(np.std(thighs)) > 0.5 * own, (float(np.std(thighs)), own)
    assert not out[100:240].any(), "above the hips the laid detail is left as it was"


def test_leg_detail_flags_a_smooth_thigh_above_a_grainy_shin() -> None:
    """A thigh of one smooth colour above a shin with a coarse grain scores near 0; the
    same grain on both passes."""
    leg = [((150.0, 40.0), (150.0, 160.0), (150.0, 280.0))]
    image, rebuilt, own = _leg_picture(tuple(int(v) for v in SHIN), shaded=True)
    grain = np.random.default_rng(5).normal(0, 10, (240, 49, 1)).astype(np.float32)
    grain = cv2.GaussianBlur(grain, (0, 0), 2.5)[:, :, None] * 3
    textured = np.clip(image[40:280, 126:175].astype(np.float32) + grain, 0, 255).astype(np.uint8)
    image[160:280, 126:175] = textured[120:]
    smooth = checks.leg_detail(image, rebuilt, own, leg, 200.0)
    assert smooth is not None and smooth < checks.SKIN_DETAIL_RATIO, smooth
    assert "leg_detail" in checks.faults({"leg_detail": smooth})
    image[40:160, 126:175] = textured[:120]
    alike = checks.leg_detail(image, rebuilt, own, leg, 200.0)
    assert alike is not None and alike > 0.7, alike
