"""A long flared skirt and a maxi dress on a drawn person end on the shoes' tops, the shoes
seen below, whatever their waist-scaled length says; `hem_past_ankles` fails a hem run on
past the feet and passes one at the ankles; `hem_above_shoes` fails a long hem ended at
the ankle joints, above the shoes."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_trousers import long_legs

YELLOW = (240, 225, 140)
ANKLES = 560.0  # the drawn person's ankle joints' row
TORSO = 160.0  # its torso's length


def flared_maxi() -> np.ndarray:
    """A flat-lay maxi skirt on white: a narrow waistband 90 px wide, flaring to a hem
    300 px wide, 640 px down: as long as a maxi's product photo, ever wider below."""
    image = np.full((720, 400, 3), 250, np.uint8)
    cv2.rectangle(image, (155, 30), (245, 55), YELLOW, -1)
    cv2.fillConvexPoly(image, np.array([(152, 55), (248, 55), (350, 670), (50, 670)]), YELLOW)
    return image


def test_a_flared_maxi_skirt_ends_at_the_ankles() -> None:
    """Scaled by its panel, the skirt's hem fell past the feet; it ends on the shoes' tops."""
    person = long_legs()
    garment = analyse_garment(flared_maxi(), swap_target="bottom", hint=None)
    layer = layers_for(person, garment)[0]
    rows = np.flatnonzero((layer.alpha > 0.5).any(axis=1))
    hem = layer.y + int(rows[-1])
    assert ANKLES - 0.1 * TORSO <= hem <= ANKLES + 0.1 * TORSO, hem
    cover = np.zeros(person.mask.shape, np.float32)
    h, w = layer.alpha.shape
    y0, x0 = max(layer.y, 0), max(layer.x, 0)
    cover[y0 : layer.y + h, x0 : layer.x + w] = layer.alpha[y0 - layer.y :, x0 - layer.x :][
        : cover.shape[0] - y0, : cover.shape[1] - x0
    ]
    ankles = [(178.0, ANKLES), (222.0, ANKLES)]
    value = checks.hem_past_ankles(cover, ankles, 90.0, TORSO)
    assert checks.faults({"hem_past_ankles": value}) == [], value


def test_hem_past_ankles_fails_a_skirt_over_the_shoes() -> None:
    """Drawn covers: a hem at the ankles and trousers just over the shoes pass; a skirt
    down to the photo's bottom edge, over the feet, fails; no ankles, no reading."""
    ankles = [(178.0, ANKLES), (222.0, ANKLES)]
    cover = np.zeros((640, 400), np.float32)
    cover[260:565, 120:280] = 1.0
    assert checks.faults({"hem_past_ankles": checks.hem_past_ankles(cover, ankles, 90.0, TORSO)}) == []
    cover[565:640, 100:300] = 1.0
    value = checks.hem_past_ankles(cover, ankles, 90.0, TORSO)
    assert checks.faults({"hem_past_ankles": value}) == ["hem_past_ankles"], value
    assert checks.hem_past_ankles(cover, [(178.0, 700.0), (222.0, 700.0)], 90.0, TORSO) is None


def test_a_flared_maxi_skirt_covers_the_ankles_the_old_trousers_hid() -> None:
    """The drawn person's khaki trousers reach 5 px below the ankle joints: a hem at the
    joints bared a strip of them (rebuilt as a smear of skin); on the shoes' tops it
    covers it."""
    person = long_legs()
    garment = analyse_garment(flared_maxi(), swap_target="bottom", hint=None)
    layer = layers_for(person, garment)[0]
    rows = np.flatnonzero(
        (layer.alpha[:, layer.alpha.shape[1] // 2 - 20 : layer.alpha.shape[1] // 2 + 20] > 0.5).any(axis=1)
    )
    hem = layer.y + int(rows[-1])
    assert hem >= ANKLES + 0.05 * TORSO, hem


def test_hem_above_shoes_fails_a_hem_at_the_ankle_joints() -> None:
    """Drawn covers: a long skirt ending at the ankle joints (a strip of ankle bared above
    the shoes) fails; one on the shoes' tops passes; a midi ending at mid-shin is not read."""
    ankles = [(178.0, ANKLES), (222.0, ANKLES)]
    cover = np.zeros((640, 400), np.float32)
    cover[260:561, 100:300] = 1.0
    value = checks.hem_above_shoes(cover, ankles, 90.0, TORSO)
    assert checks.faults({"hem_above_shoes": value}) == ["hem_above_shoes"], value
    cover[561:571, 100:300] = 1.0
    value = checks.hem_above_shoes(cover, ankles, 90.0, TORSO)
    assert checks.faults({"hem_above_shoes": value}) == [], value
    cover[480:] = 0.0
    assert checks.hem_above_shoes(cover, ankles, 90.0, TORSO) is None
