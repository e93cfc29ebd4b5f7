"""A top's openings as read from its product photo and drawn on the person: the armpit,
where the sleeve parts from the body, and the neck opening behind a bow."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.garment import analyse_garment

#: A pink, finely checked fabric (the polo's): light ground, darker squares every 6 px.
PINK, CHECK = (225, 150, 160), (180, 70, 90)


def checked(image: np.ndarray, mask: np.ndarray) -> None:
    """`image` painted pink where `mask`, with a darker square every 6 px."""
    yy, xx = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    squares = ((yy // 3) % 2 == 0) & ((xx // 3) % 2 == 0)
    image[mask & ~squares] = PINK
    image[mask & squares] = CHECK


def long_sleeved_top() -> np.ndarray:
    """A flat-lay long-sleeved top on white: body x 120..280, y 60..400; sleeves hanging
    apart from it from the armpit (y 150) down, with backdrop between."""
    shape = np.zeros((460, 400), np.uint8)
    cv2.rectangle(shape, (120, 60), (280, 400), 1, -1)
    cv2.fillConvexPoly(shape, np.array([(120, 60), (60, 110), (40, 380), (85, 380), (112, 150), (120, 150)]), 1)
    cv2.fillConvexPoly(shape, np.array([(280, 60), (340, 110), (360, 380), (315, 380), (288, 150), (280, 150)]), 1)
    image = np.full((460, 400, 3), 250, np.uint8)
    checked(image, shape > 0)
    return image


def lightness(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)


def test_the_crease_at_a_sleeved_tops_armpit_is_lit_like_the_fabric_round_it() -> None:
    """Laid flat, the top folds into the gap where each sleeve parts from the body: a dark
    crease in the corner. Worn, it was cut in two between the sleeve and the panel and
    showed as a dark hole under the arm. It is lit like the fabric round it; a dark print
    on the chest, away from the armpits, stays dark."""
    clean = analyse_garment(long_sleeved_top(), swap_target="top", hint=None)
    assert clean.sleeve_left.any() and clean.sleeve_right.any()
    image = long_sleeved_top()
    corners = [(int(clean.left), int(clean.armpit_y)), (int(clean.right), int(clean.armpit_y))]
    for x, y in corners:
        cv2.circle(image, (x, y + 3), 6, (40, 15, 20), -1)  # the crease, nearly black
    cv2.circle(image, (200, 300), 6, (40, 15, 20), -1)  # a dark print on the chest
    garment = analyse_garment(image, swap_target="top", hint=None)
    fabric = float(lightness(clean.rgb)[200:300, 150:250].mean())
    lit = lightness(garment.rgb)
    for x, y in corners:
        crease = float(lit[y : y + 7, x - 3 : x + 4].mean())
        assert crease > fabric - 25, (x, y, crease, fabric)
    assert float(lit[297:304, 197:204].mean()) < 60


def bow_top() -> np.ndarray:
    """A blue top on white with a bow on its neckline: two loops enclosing the backdrop,
    and between the ties below the knot a slit of backdrop three pixels wide."""
    image = np.full((460, 400, 3), 255, np.uint8)
    blue = (30, 60, 150)
    cv2.rectangle(image, (120, 60), (280, 400), blue, -1)
    for x in (178, 222):
        cv2.ellipse(image, (x, 48), (20, 14), 0, 0, 360, blue, 6)
    image[62:72, 199:202] = 255  # the slit between the ties
    return image


def test_a_slit_between_a_bows_ties_is_part_of_the_neck_opening_and_its_edge_is_hard() -> None:
    """The backdrop in a slit between a bow's ties, too thin for the opening's search,
    stayed garment and was worn as a pale speck in the keyhole; and the opening's edge,
    as soft as the outline's, drew a pale fuzzy ring round it on the skin."""
    garment = analyse_garment(bow_top(), swap_target="top", hint=None)
    assert garment.alpha[64:70, 199:202].max() < 0.5
    assert garment.alpha[100:110, 180:220].min() > 0.5  # the front below the bow
    # Across the left loop's inside (row 48), alpha goes from garment to opening within
    # two pixels.
    row = garment.alpha[48, 160:200]
    fading = np.count_nonzero((row > 0.1) & (row < 0.9))
    assert fading <= 2, row.round(2)


def test_armpit_hole_finds_a_dark_spot_under_the_arm_but_not_a_print() -> None:
    """A drawn garment on a torso: a dark spot where the sleeve meets the body's side is a
    hole to a shopper (`armpit_hole` faults); the same fabric without it, or with a dark
    band of print running across the armpit, is not."""
    h, w = 460, 400
    cover = np.zeros((h, w), np.float32)
    cover[60:400, 80:320] = 1
    image = np.full((h, w, 3), 235, np.uint8)
    checked(image, cover > 0)
    armpits = [(125.0, 150.0), (275.0, 150.0)]
    plain = checks.armpit_hole(image, cover, armpits, 150.0)
    assert plain is not None and checks.faults({"armpit_hole": plain}) == [], plain
    holed = image.copy()
    cv2.circle(holed, (130, 152), 5, (35, 25, 30), -1)
    value = checks.armpit_hole(holed, cover, armpits, 150.0)
    assert checks.faults({"armpit_hole": value}) == ["armpit_hole"], value
    banded = image.copy()
    banded[140:165, 80:320] = (30, 30, 60)  # a navy band across the chest
    value = checks.armpit_hole(banded, cover, armpits, 150.0)
    assert checks.faults({"armpit_hole": value}) == [], value
