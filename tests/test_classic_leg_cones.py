"""Issue 17: legs rebuilt under a new dress where the old trousers went down to the
shoes. With no bare leg of the person's own to read they came out as two straight
cones from the knee to the ankle, lit level across and as smooth as a chest: a doll's
legs."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import skin
from fitroom.engines.classic.composite import _with_shins_detail
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.rebuild import Replaced, replaced
from tests.test_classic_dress_legs import BACKDROP, standing

#: Knee and ankle of each leg of `standing`'s figure.
SHINS = [((235.0, 380.0), (235.0, 520.0)), ((165.0, 380.0), (165.0, 520.0))]


def _in_trousers() -> tuple[np.ndarray, Replaced]:
    """`standing`'s figure in a grey top and straight navy trousers to the shoes, dressed
    in a new mini dress to y 330: what is rebuilt below it."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 265), (120, 120, 125), -1)  # a grey top
    cv2.rectangle(image, (140, 255), (260, 300), (30, 40, 90), -1)  # navy trousers...
    for bone in (165, 235):
        cv2.rectangle(image, (bone - 24, 300), (bone + 24, 524), (30, 40, 90), -1)  # ...to the shoes
        cv2.rectangle(image, (bone - 16, 525), (bone + 16, 540), (20, 20, 20), -1)  # black shoes
    cv2.circle(image, (200, 60), 28, (200, 150, 125), -1)  # the face's skin
    person = standing(image)
    new = np.zeros(person.mask.shape, np.float32)
    new[90:330, 135:266] = 1
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="dress"))
    return image, replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))


def test_legs_rebuilt_from_trousers_swell_at_the_calf_and_round_off_to_their_sides() -> None:
    """Below the mini the shins are rebuilt from trousers to the shoes: each swells at
    the calf (a tenth wider than a straight cone; `calf_swell` passes over 0.04) and is
    darker at its sides than in its middle."""
    _, out = _in_trousers()
    rebuilt = out.skin > 0.5
    swell = checks.calf_swell(rebuilt, SHINS)
    assert swell is not None and swell > 0.1, swell
    lightness = cv2.cvtColor(np.clip(out.fill, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)[..., 0].astype(float)
    for bone in (165, 235):
        rows = slice(440, 480)
        across = np.flatnonzero(rebuilt[460, bone - 30 : bone + 31]) + bone - 30
        half = (across[-1] - across[0]) / 2
        middle = float(np.median(lightness[rows, bone - 2 : bone + 3]))
        side = int(round(half * 0.75))
        sides = float(np.median(lightness[rows, [bone - side, bone + side]]))
        assert middle - sides > 3, (middle, sides)


def test_legs_with_no_own_shins_take_a_shins_detail_not_a_chests() -> None:
    """No own shin shows to read: the legs below the hips take the skin's full detail
    brought to a real shin's level (`LEG_DETAIL_MOST`), not the chest's calmed one;
    above the hips the calmed detail stays."""
    image, _ = _in_trousers()
    person = standing(image)
    old = np.zeros(person.mask.shape, np.float32)
    old[90:525, 140:261] = 1
    none = np.zeros(person.mask.shape, bool)
    calmed = np.zeros(person.mask.shape, np.float32)
    full = np.random.default_rng(1).normal(0, 0.03, person.mask.shape).astype(np.float32)
    whole = (slice(0, 560), slice(0, 400))
    out = _with_shins_detail(person, old, none, calmed, full, whole, np.ones_like(calmed), skin.look(person))
    legs = out[420:500]
    fine = legs - cv2.GaussianBlur(legs, (0, 0), skin.CHEST_SIGMA)
    level = 1.4826 * float(np.median(np.abs(fine - np.median(fine))))
    assert abs(level - skin.LEG_DETAIL_MOST) < 0.002, level
    assert not out[100:240].any(), "above the hips the calmed detail is left as it was"


def test_a_shin_that_shows_below_the_old_hem_keeps_its_own_width() -> None:
    """Below an old midi (to y 440) the shins show, 29 px wide. Under a new mini (to
    y 330) the rebuilt knees and upper shins swell no wider than the shins below: a calf
    wider than them stood out as a bulge with a notch at the old hem."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (110, 90), (290, 440), (40, 60, 120), -1)  # a navy midi to y 440
    for bone in (165, 235):
        image[441:522, bone - 14 : bone + 15] = (200, 150, 125)
    person = standing(image)
    new = np.zeros(person.mask.shape, np.float32)
    new[90:330, 105:296] = 1
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="dress"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    for bone in (165, 235):
        widest = max(int(np.count_nonzero(out.skin[y, bone - 40 : bone + 41] > 0.5)) for y in range(400, 436))
        assert widest <= 29, widest
