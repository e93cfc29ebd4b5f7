"""A plaid top kept under a new bottom, on a drawn photo: its dark lines are the old
trousers' colour, and one runs across the chest where the kept top is looked for. The top
is still found (seeded round each point, not at one pixel) and stays in front of the new
bottom; taken for nothing, its lower part was rebuilt as a smear above the waistband."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import kept_top
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import beige_trousers, in_trousers, standing

GREY = (150, 150, 158)
NAVY = (36, 40, 62)  # the trousers' colour, and the plaid's lines
HEM = 240  # the top's hem, above the hip joints (y 260)
LINE = 162  # a dark line across the chest, over the rows the kept top is seeded on (y 164)


def plaid_top_over_trousers() -> Person:
    """A person in a grey top with thin navy lines (one across it at `LINE`) from the shoulders
    (y 90) to its hem at `HEM`, over navy trousers to the ankles, bare arms beside it."""
    image = in_trousers(NAVY, HEM)
    cv2.rectangle(image, (140, 90), (260, HEM), GREY, -1)
    image[LINE : LINE + 4, 140:261] = NAVY
    # The other lines stop short of the sides and each other, as a knit plaid's do.
    for y in (122, 202):
        image[y : y + 4, 150:251] = NAVY
    for x in (168, 231):
        image[90:180, x : x + 4] = NAVY
        image[190:HEM, x : x + 4] = NAVY
    return standing(image)


def _grey_below_chest(person: Person) -> np.ndarray:
    """The top's grey cloth from below the line across the chest down to its hem."""
    region = np.zeros(person.mask.shape, bool)
    region[LINE + 8 : HEM, 140:261] = True
    return region & (np.abs(person.image.astype(int) - GREY).max(axis=2) < 6)


def test_a_plaid_top_whose_line_crosses_the_seed_points_is_kept() -> None:
    person = plaid_top_over_trousers()
    top = kept_top(person)
    assert top[_grey_below_chest(person)].mean() > 0.95
    assert not top[HEM + 20 : 400, 160:240].any()


def test_the_plaid_tops_hem_stays_as_shot_over_a_new_bottom() -> None:
    person = plaid_top_over_trousers()
    before = person.image.copy()
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    composite = compose(person, garment, layers_for(person, garment))
    below = np.zeros(before.shape[:2], bool)
    below[200:] = True
    changed = checks.top_hem_changed(before, composite.image, _grey_below_chest(person), below)
    assert changed is not None and checks.faults({"top_hem_changed": changed}) == [], changed


def test_waist_detail_lost_fails_the_tops_hem_smeared_above_the_new_bottom() -> None:
    person = plaid_top_over_trousers()
    photo = person.image.copy()
    photo[HEM - 30 : HEM : 6, 140:261] = NAVY  # a rib's stripes across the hem
    cover = np.zeros(photo.shape[:2], np.float32)
    cover[HEM:450, 150:251] = 1
    kept = checks.waist_detail_lost(photo, photo, cover, (170, 230), 100)
    smeared = photo.copy()
    smeared[HEM - 30 : HEM] = cv2.GaussianBlur(photo, (0, 0), 6)[HEM - 30 : HEM]
    lost = checks.waist_detail_lost(photo, smeared, cover, (170, 230), 100)
    assert kept is not None and checks.faults({"waist_detail_lost": kept}) == [], kept
    assert checks.faults({"waist_detail_lost": lost}) == ["waist_detail_lost"], lost
