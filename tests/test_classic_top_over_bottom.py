"""A top hanging over the hips, kept under a new bottom, on drawn photos: a navy tee over
black jeans is within the jeans' colour reach, yet it is no part of them; it stays in
front of the new bottom with its hem as shot, and `top_hem_changed` fails it drawn over
or smeared."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import kept_top, worn_mask
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import NEW, beige_trousers, in_trousers, standing

TEE = (64, 70, 92)  # navy: within the jeans' reach (`SAME_GARMENT_COLOUR`), apart in hue
JEANS = (40, 42, 46)
HEM = 278  # the tee's hem, below the hip joints (y 260)
HIPS_RISE = 220  # from here down the tee's lower part is read


def tee_over_jeans() -> Person:
    """A person in a navy tee from the shoulders (y 90) down past the hips to its hem at
    `HEM`, over black jeans to the ankles, bare arms hanging beside the body."""
    image = in_trousers(JEANS, HEM)
    cv2.rectangle(image, (140, 90), (260, HEM), TEE, -1)
    return standing(image)


def _tee_below_waist() -> np.ndarray:
    """The tee's lower part, from `HIPS_RISE` to its hem, inside its outline."""
    region = np.zeros((500, 400), bool)
    region[HIPS_RISE:HEM, 140:260] = True
    return region


def test_a_navy_tee_over_black_jeans_is_no_part_of_them() -> None:
    person = tee_over_jeans()
    old = worn_mask(person, SwapTarget.BOTTOM, torso_frame(person)) > 0
    tee = _tee_below_waist()
    assert old[tee].mean() < 0.05, old[tee].mean()
    assert old[HEM + 10 : 340, 160:240].mean() > 0.9
    assert kept_top(person)[tee].mean() > 0.95


def test_the_tee_stays_in_front_of_a_new_bottom_with_its_hem_as_shot() -> None:
    """Before, its lower part was taken for the jeans: drawn over by the new trousers'
    waistband, and rebuilt as a navy-grey smear beside it."""
    person = tee_over_jeans()
    before = person.image.copy()
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    composite = compose(person, garment, layers_for(person, garment))
    below = np.zeros(before.shape[:2], bool)
    below[HIPS_RISE:] = True
    changed = checks.top_hem_changed(before, composite.image, kept_top(person), below)
    assert changed is not None and checks.faults({"top_hem_changed": changed}) == [], changed
    # The new trousers show below the hem, over the old jeans.
    assert composite.garment[HEM + 10 : 340, 170:230].mean() > 0.9


def test_top_hem_changed_fails_the_tee_drawn_over() -> None:
    person = tee_over_jeans()
    covered = person.image.copy()
    covered[240:450, 150:250] = NEW
    below = np.zeros(covered.shape[:2], bool)
    below[HIPS_RISE:] = True
    changed = checks.top_hem_changed(person.image, covered, kept_top(person), below)
    assert checks.faults({"top_hem_changed": changed}) == ["top_hem_changed"], changed
