"""An old short sleeve's hem on a drawn photo: under a sleeveless top the hem's rim on the
bare arm below it (the hem's shadow, kept with the arm) stood as a dark line across the
bared upper arm; it is rebuilt with the upper arm above it."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom.engines.classic import arms
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.warp import Layer
from tests.support.figure import body_points

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
TEE_RGB = (28, 28, 34)
BACKDROP = 225
#: Each arm: shoulder, elbow and wrist (picture left arm first), 30 px wide.
ARMS = (((150, 100), (146, 185), (144, 265)), ((250, 100), (254, 185), (256, 265)))
#: Where the short sleeves end (y), and the hem's shadow on the arm below it (rows).
HEM = 150
SHADOW = 3
#: How much darker (8-bit Lab L) the hem's rows may be than the arm either side of them.
LINE_DEPTH = 8


def person_in_a_short_sleeved_tee() -> Person:
    """A person in a black tee whose short sleeves, wider than the arms, end past half
    way to the elbows, the hem's soft shadow a few rows deep on the bare arm below."""
    return tee_wearer(30, 40, SHADOW)


def tee_wearer(arm_width: int, sleeve_width: int, shadow: int) -> Person:
    """A person in a black tee whose short sleeves (`sleeve_width` px across) end at
    `HEM`, past half way to the elbows, over arms `arm_width` px across, the hem's soft
    shadow `shadow` rows deep on the bare arm below (darkest next to the hem)."""
    image = np.full((420, 400, 3), BACKDROP, np.uint8)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(mask, a, b, 1.0, arm_width)
    sleeves = np.zeros((h, w), np.uint8)
    for shoulder, elbow, _ in ARMS:
        cv2.line(sleeves, shoulder, elbow, 1, sleeve_width)
    sleeves[HEM:] = 0
    mask[90:400, 160:240] = 1
    mask[sleeves > 0] = 1
    image[mask > 0] = SKIN_RGB
    image[sleeves > 0] = TEE_RGB
    cv2.rectangle(image, (160, 90), (240, 300), TEE_RGB, -1)
    for row in range(shadow):
        band = np.zeros((h, w), bool)
        band[HEM + row] = True
        band &= (mask > 0.5) & (np.abs(np.arange(w) - 200) > 45)[None, :]
        image[band] = (np.array(SKIN_RGB, np.float32) * (0.45 + 0.15 * row)).astype(np.uint8)
    points = body_points(ARMS, 260, 380, 12)
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB)


def sleeveless_body() -> Layer:
    """A new sleeveless top's body over the old tee's, the arms bare beside it."""
    alpha = np.ones((212, 84), np.float32)
    colour = np.zeros((212, 84, 3), np.float32)
    colour[:] = (200, 200, 60)
    return Layer(colour, alpha, 158, 90)


def product() -> np.ndarray:
    """A flat-lay top on white (the layer drawn is `sleeveless_body`'s)."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (100, 60), (300, 400), (200, 200, 60), -1)
    return image


def test_an_old_sleeves_hem_leaves_no_line_across_the_bared_arm() -> None:
    """Across each bared arm, the rows of the old hem's shadow are no darker than the
    rebuilt upper arm above them and the person's own arm below: kept, they were a dark
    line some 25 levels of lightness deep."""
    person = person_in_a_short_sleeved_tee()
    result = compose(person, analyse_garment(product(), swap_target="top", hint=None), [sleeveless_body()])
    assert np.count_nonzero(result.skin[100:HEM] > 0.5) > 300  # the upper arms are rebuilt
    lightness = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    for shoulder, elbow, _ in ARMS:
        x = (shoulder[0] + elbow[0]) // 2
        across = slice(x - 6, x + 7)
        line = lightness[HEM : HEM + SHADOW, across].mean(axis=1).min()
        above = lightness[HEM - 8 : HEM - 3, across].mean()
        below = lightness[HEM + SHADOW + 3 : HEM + SHADOW + 8, across].mean()
        assert line > min(above, below) - LINE_DEPTH, (line, above, below)


def test_a_tanks_armhole_is_no_sleeves_hem() -> None:
    """Down an upper arm's bone, an old garment that ends past `HEM_LOWEST` is a short
    sleeve's hem; one that ends near the shoulder is a tank's armhole crossing the bone
    (its rim the arm's own outline by the armpit), and the bone bare or covered to the
    elbow has no hem on it."""
    old = np.zeros((300, 200), bool)
    shoulder, down = np.array([100, 20], np.float32), np.array([0, 200], np.float32)
    old[:140, 60:140] = True  # a sleeve ending 0.6 of the way to the elbow
    assert arms.hem_on_bone(old, shoulder, down) == pytest.approx(0.6, abs=0.03)
    old[:] = False
    old[:80, 60:140] = True  # a tank's armhole 0.3 of the way down
    assert arms.hem_on_bone(old, shoulder, down) is None
    old[:] = False
    assert arms.hem_on_bone(old, shoulder, down) is None
    old[:] = True
    assert arms.hem_on_bone(old, shoulder, down) is None
