"""An old top of the skin's own colour (a pink shirt on pink-beige skin) is told from the
skin by its tint (`skin_toned`): the strip of it between an arm and the body, where the
person mask is soft, goes with the old top, and the bare arms beside it stay skin. A
strip of it left beside the new garment fails `checks.skin_toned_left`."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.person import Person
from tests.support.figure import bare_figure, filled, posed

#: OpenCV's 8-bit Lab, as read on idm--00034_00: the face's skin, and the pink shirt
#: (less yellow than the skin, lighter, near it in hue).
SKIN_LAB = np.array([189, 144, 152], np.float32)
SHIRT_LAB = np.array([207, 139, 140], np.float32)
BACKDROP = 235
#: Each arm: shoulder, elbow and wrist (picture left arm first), hanging clear of the torso.
ARMS = (((150, 100), (128, 185), (124, 265)), ((250, 100), (272, 185), (276, 265)))
#: The strip of shirt between the picture left arm and the torso, half backdrop in the
#: person mask.
STRIP = (slice(150, 260), slice(153, 162))


def person_in_pink() -> tuple[Person, np.ndarray]:
    """A person in a pink shirt with bare arms of pink-beige skin, a strip of the shirt
    between one arm and the torso where the person mask is 0.4. Returns the person and
    the arms (less their outline)."""
    figure = bare_figure(
        BACKDROP, SKIN_LAB, ARMS, 26, (slice(90, 300), slice(162, 239)), (slice(70, 95), slice(188, 212))
    )
    shirt = filled(SHIRT_LAB)
    figure.image[figure.torso > 0] = shirt[figure.torso > 0]
    figure.image[STRIP] = shirt[STRIP]
    figure.mask[STRIP] = 0.4
    person = posed(figure, ARMS, SKIN_LAB, mouth=True)
    inner = cv2.erode(figure.arms, np.ones((7, 7), np.uint8)) > 0
    inner[:130] = False  # below the shoulders' caps
    return person, inner


def test_skin_coloured_top_strip_beside_the_arm_is_the_old_top() -> None:
    person, _ = person_in_pink()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[STRIP].mean() > 0.8


def test_bare_arms_beside_a_skin_coloured_top_stay_skin() -> None:
    person, arms = person_in_pink()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[arms].mean() < 0.05


def _cie(lab: np.ndarray) -> np.ndarray:
    """OpenCV's 8-bit Lab as CIE Lab (L 0..100)."""
    rgb = cv2.cvtColor(np.asarray(lab, np.uint8).reshape(1, 1, 3), cv2.COLOR_LAB2RGB)
    return cv2.cvtColor(rgb.astype(np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(3)


def test_skin_toned_left_reads_a_pink_strip_beside_the_new_garment() -> None:
    """The band beside a new garment: a strip of the pink shirt left there (shaded, as the
    side of a shirt is) fails; the same band rebuilt as the skin passes; and an old white
    top is not asked about."""
    h, w = 60, 60
    band = np.zeros((h, w), bool)
    band[:, 20:40] = True
    shaded = SHIRT_LAB - np.array([15, 0, 0], np.float32)
    left = filled(SKIN_LAB, (h, w))
    left[:, 20:30] = filled(shaded, (h, 10))
    old = _cie(SHIRT_LAB)[None, :]
    skin = _cie(SKIN_LAB)
    value = checks.skin_toned_left(left, band, old, skin)
    assert value is not None and value > checks.SKIN_TONED_LEFT_MOST
    value = checks.skin_toned_left(filled(SKIN_LAB, (h, w)), band, old, skin)
    assert value is not None and value <= checks.SKIN_TONED_LEFT_MOST
    white = _cie(np.array([235, 128, 128], np.float32))[None, :]
    assert checks.skin_toned_left(left, band, white, skin) is None
