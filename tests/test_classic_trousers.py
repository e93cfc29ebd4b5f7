"""New bottoms over old trousers, on drawn photos: no block of old chinos stays beside a
hand hanging at a jacket's hem, a full-length product reaches the ankles on long legs,
and wide jeans on legs that stand together leave no strip between their legs;
`bottom_old_beside`, `bottom_short` and `inseam_left` fail the renders that do not, and
`legs_one_column` trousers drawn as one slab across the knees (wide jeans on legs
together show their inseam)."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.hands import hands_in_front
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
NAVY = (25, 35, 70)
KHAKI = (168, 147, 115)  # chinos: passes for skin, as camel trousers do
CUFF = 272  # the jacket's cuffs
HEM = 296  # its hem, across the hands
HANDS = ((140, 300), (260, 300))  # where the hands hang, over the chinos' sides


def jacket_over_chinos() -> Person:
    """A person in a navy jacket to `HEM`, its sleeves down to the wrists beside it, over
    khaki chinos to the ankles; the hands hang from the cuffs at `HANDS`, in front of the
    jacket's hem and half over the chinos' sides: much of the ring round each is the
    jacket."""
    image = np.full((500, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (135, 262), (265, 450), KHAKI, -1)
    image[330:450, 197:203] = 235  # between the legs
    cv2.rectangle(image, (140, 90), (260, HEM), NAVY, -1)
    cv2.rectangle(image, (118, 200), (282, HEM), NAVY, -1)  # its skirt, wide of the hips
    cv2.rectangle(image, (110, 200), (140, HEM + 40), NAVY, -1)  # its sides, lower
    cv2.rectangle(image, (260, 200), (290, HEM + 40), NAVY, -1)
    cv2.line(image, (134, 105), (140, CUFF), NAVY, 30)  # the sleeves
    cv2.line(image, (266, 105), (260, CUFF), NAVY, 30)
    for centre in HANDS:
        cv2.ellipse(image, centre, (11, 19), 0, 0, 360, SKIN_RGB, -1, cv2.LINE_AA)
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = (235, 276), (165, 276)
    points[[p.L_ELBOW, p.R_ELBOW]] = (264, 185), (136, 185)
    points[[p.L_WRIST, p.R_WRIST]] = (260, CUFF + 20), (140, CUFF + 20)
    points[[p.L_KNEE, p.R_KNEE]] = (230, 360), (170, 360)
    points[[p.L_ANKLE, p.R_ANKLE]] = (230, 445), (170, 445)
    points[list(p.HAND_POINTS[0][1:])] = (262, 310), (260, 312), (256, 308)
    points[list(p.HAND_POINTS[1][1:])] = (138, 310), (140, 312), (144, 308)
    h, w = image.shape[:2]
    mask = (np.abs(image.astype(np.int16) - 235).max(axis=2) > 10).astype(np.float32)
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB)


def blue_jeans(height: int = 470) -> np.ndarray:
    """Flat-lay blue jeans on white, 140 px wide at the waist, `height` px long."""
    image = np.full((height + 60, 300, 3), 250, np.uint8)
    bottom = height + 30
    cv2.fillConvexPoly(
        image,
        np.array([(80, 30), (220, 30), (225, bottom), (160, bottom), (150, 200), (140, bottom), (75, bottom)]),
        (60, 90, 150),
    )
    return image


def _lab(rgb: tuple[int, ...]) -> np.ndarray:
    """One colour as a row of CIE Lab (L 0..100), as the checks read colours."""
    return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)


def _beside_hands() -> np.ndarray:
    """The chinos round each hand, below the jacket: where blocks of them stayed."""
    region = np.zeros((500, 400), bool)
    for x, y in HANDS:
        region[HEM + 2 : y + 32, x - 30 : x + 30] = True
    return region


def test_the_chinos_round_a_hand_at_a_jackets_hem_are_not_kept_as_the_hand() -> None:
    """Chinos of the hand's own hue round a hand hanging at a jacket's hem: the jacket
    (what stays in front of a new bottom) is most of the ring round the hand, yet it is
    not the clothes the new bottom replaces; judged on the chinos alone the clothes are
    skin-coloured, and no block of them is kept in front as the hand."""
    person = jacket_over_chinos()
    jacket = np.all(person.image == np.array(NAVY, np.uint8), axis=2)
    reach = np.ones(jacket.shape, bool)
    kept = hands_in_front(person, reach, staying=jacket)
    beside = _beside_hands() & np.all(person.image == np.array(KHAKI, np.uint8), axis=2)
    assert np.count_nonzero(beside) > 500
    assert np.count_nonzero(kept & beside) < 0.05 * np.count_nonzero(beside), np.count_nonzero(kept & beside)


def test_bottom_old_beside_fails_old_chinos_left_beside_the_new_bottom() -> None:
    """Blocks of the old chinos beside the hands fail; the new bottom closing up to the
    hands passes."""
    person = jacket_over_chinos()
    region = np.zeros(person.image.shape[:2], bool)
    region[HEM:450, 110:290] = True
    cover = np.zeros(region.shape, np.float32)
    cover[HEM:450, 135:265] = 1
    image = person.image.copy()
    image[cover > 0.5] = (60, 90, 150)
    left = image.copy()
    for x, _ in HANDS:
        left[HEM : HEM + 40, x - 10 : x + 22] = KHAKI  # a block beside each hand
    cover_left = cover.copy()
    cover_left[left[:, :, 0] == KHAKI[0]] = 0
    bad = checks.bottom_old_beside(left, region, cover_left, _lab(KHAKI), _lab(SKIN_RGB))
    good = checks.bottom_old_beside(image, region, cover, _lab(KHAKI), _lab(SKIN_RGB))
    assert bad is not None and bad > checks.BOTTOM_OLD_BESIDE, bad
    assert good is not None and good <= checks.BOTTOM_OLD_BESIDE, good


def long_legs() -> Person:
    """A slim person on long legs: hips 50 px apart at y 260, ankles at y 560."""
    image = np.full((640, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (150, 90), (250, 262), NAVY, -1)
    cv2.rectangle(image, (160, 262), (240, 565), KHAKI, -1)
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (245, 100), (155, 100)
    points[[p.L_HIP, p.R_HIP]] = (225, 260), (175, 260)
    points[[p.L_ELBOW, p.R_ELBOW]] = (262, 185), (138, 185)
    points[[p.L_WRIST, p.R_WRIST]] = (266, 250), (134, 250)
    points[[p.L_KNEE, p.R_KNEE]] = (222, 410), (178, 410)
    points[[p.L_ANKLE, p.R_ANKLE]] = (222, 560), (178, 560)
    h, w = image.shape[:2]
    mask = (np.abs(image.astype(np.int16) - 235).max(axis=2) > 10).astype(np.float32)
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB)


def test_full_length_jeans_reach_the_ankles_on_long_legs() -> None:
    """Jeans 2.6 times as long as wide, scaled by the waist alone, end well up the shin."""
    person = long_legs()
    garment = analyse_garment(blue_jeans(height=360), swap_target="bottom", hint=None)
    assert garment.hem_y - garment.top >= 2.4 * garment.width
    layer = layers_for(person, garment)[0]
    rows = np.flatnonzero((layer.alpha > 0.5).any(axis=1))
    hem = layer.y + int(rows[-1])
    assert hem >= 560, hem
    value = checks.bottom_short(float(hem), 560.0, 160.0)
    assert value is not None and value <= checks.BOTTOM_SHORT_MOST, value


DENIM = (60, 90, 150)
BACKDROP = (235, 235, 235)


def wide_jeans() -> np.ndarray:
    """Flat-lay wide jeans on white, 160 px wide at the waist, their straight legs 70 px
    wide with a 20 px gap between them from the crotch (y 200) down."""
    image = np.full((460, 300, 3), 250, np.uint8)
    cv2.rectangle(image, (70, 30), (230, 430), DENIM, -1)
    cv2.fillConvexPoly(image, np.array([(150, 200), (160, 430), (140, 430)]), (250, 250, 250))
    image[260:430, 140:160] = 250
    return image


def _holes_below_knees(person_ankle: int, layer_alpha: np.ndarray, y0: int) -> int:
    """Pixels inside the layer's span, from 40 px above the knee line down to the
    ankles, that it does not cover: the gap between its legs."""
    solid = layer_alpha > 0.5
    holes = 0
    for row in range(370 - y0, min(person_ankle - y0, solid.shape[0])):
        cols = np.flatnonzero(solid[row])
        if len(cols):
            holes += int(np.count_nonzero(~solid[row, cols[0] : cols[-1] + 1]))
    return holes


def test_wide_jeans_on_legs_together_leave_no_strip_between_their_legs() -> None:
    """Scaled as one piece, the jeans' legs stood further apart than the person's, their
    20 px gap widened between them; placed each on its own leg they meet on the legs'
    midline."""
    person = long_legs()
    garment = analyse_garment(wide_jeans(), swap_target="bottom", hint=None)
    layer = layers_for(person, garment)[0]
    holes = _holes_below_knees(560, layer.alpha, layer.y)
    assert holes < 40, holes


def test_inseam_left_fails_a_strip_between_the_new_legs() -> None:
    """A strip of skin or of the old khaki between two new legs fails; legs that meet,
    or the backdrop between spread ones, pass."""
    h, w = 400, 300
    region = np.zeros((h, w), bool)
    region[100:380, 60:240] = True
    image = np.full((h, w, 3), BACKDROP, np.uint8)
    cover = np.zeros((h, w), np.float32)
    cover[100:380, 80:220] = 1
    image[cover > 0.5] = DENIM
    person = np.vstack([_lab(SKIN_RGB), _lab(KHAKI)])
    backdrop = _lab(BACKDROP)[0]
    met = checks.inseam_left(image, cover, region, backdrop, person)
    assert met == 0.0, met
    for strip in (SKIN_RGB, KHAKI, BACKDROP):
        left, gap = image.copy(), cover.copy()
        left[120:380, 144:156] = strip
        gap[120:380, 144:156] = 0
        value = checks.inseam_left(left, gap, region, backdrop, person)
        assert value is not None
        if strip == BACKDROP:
            assert value <= checks.INSEAM_LEFT, value
        else:
            assert value > checks.INSEAM_LEFT, (strip, value)


def _worn(person: Person, layer_colour: np.ndarray, layer_alpha: np.ndarray, x: int, y: int) -> np.ndarray:
    """The person's photo with the layer laid over it at (x, y)."""
    image = person.image.astype(np.float32)
    h, w = layer_alpha.shape
    a = layer_alpha[:, :, None]
    image[y : y + h, x : x + w] = layer_colour * a + image[y : y + h, x : x + w] * (1 - a)
    return image.clip(0, 255).astype(np.uint8)


def test_wide_jeans_on_legs_together_show_the_inseam_between_their_legs() -> None:
    """Where the jeans' two legs meet, the gap closed with cloth drew them as one slab;
    the inseam's shade down its middle shows two legs (`legs_one_column`)."""
    person = long_legs()
    garment = analyse_garment(wide_jeans(), swap_target="bottom", hint=None)
    layer = layers_for(person, garment)[0]
    worn = _worn(person, layer.colour, layer.alpha, layer.x, layer.y)
    cover = np.zeros(worn.shape[:2], np.float32)
    cover[layer.slices] = layer.alpha
    knees = [person.pt(pose.L_KNEE), person.pt(pose.R_KNEE)]
    value = checks.legs_one_column(worn, cover, knees, 90.0)
    assert value is not None and value <= checks.LEGS_ONE_COLUMN_MOST, value


def test_legs_one_column_fails_trousers_drawn_as_one_slab() -> None:
    """Flat denim across both knees fails; a darker seam between them, or the backdrop
    between two legs, passes; trousers that do not reach the knees are not read."""
    h, w = 400, 300
    knees = [np.array([170.0, 250.0]), np.array([130.0, 250.0])]
    image = np.full((h, w, 3), BACKDROP, np.uint8)
    cover = np.zeros((h, w), np.float32)
    cover[100:380, 90:210] = 1
    image[cover > 0.5] = DENIM
    slab = checks.legs_one_column(image, cover, knees, 90.0)
    assert slab is not None and slab > checks.LEGS_ONE_COLUMN_MOST, slab
    seam = image.copy()
    seam[100:380, 149:152] = (30, 45, 80)
    assert checks.legs_one_column(seam, cover, knees, 90.0) == 0.0
    apart, gap = image.copy(), cover.copy()
    apart[100:380, 146:154] = BACKDROP
    gap[100:380, 146:154] = 0
    assert checks.legs_one_column(apart, gap, knees, 90.0) == 0.0
    short = cover.copy()
    short[200:] = 0
    assert checks.legs_one_column(image, short, knees, 90.0) is None
