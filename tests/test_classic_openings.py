"""A top's openings as read from its product photo and drawn on the person: the armpit,
where the sleeve parts from the body, and the neck opening behind a bow."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.garment import _without_inside_back, analyse_garment
from fitroom.engines.classic.inside_band import inside_band

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


def tied_top() -> np.ndarray:
    """A leopard-spotted top on white tied at the back of its neck, as a product photo shows
    it: through the front neckline the back's inside (the same print), a bow above it,
    and a keyhole under the knot, two triangles of backdrop between the ties."""
    image = np.full((460, 400, 3), 250, np.uint8)
    body = np.zeros((460, 400), bool)
    body[60:400, 120:281] = True
    loops = np.zeros((460, 400), np.uint8)
    for x in (178, 222):
        cv2.ellipse(loops, (x, 48), (20, 14), 0, 0, 360, 1, 6)
    body |= loops > 0
    image[body] = (215, 210, 200)
    rng = np.random.default_rng(3)
    for x, y in rng.uniform((120, 34), (281, 400), (700, 2)):
        cv2.circle(image, (int(x), int(y)), 3, (35, 30, 30), -1)
    image[~body] = 250
    for triangle in ([(170, 64), (196, 64), (196, 84)], [(204, 64), (230, 64), (204, 84)]):
        cv2.fillConvexPoly(image, np.array(triangle), (250, 250, 250))
    return image


def test_a_tied_tops_back_seen_round_its_keyhole_goes_and_leaves_a_clean_neckline() -> None:
    """The back's inside is the front's own print, so no colour told it: the ties and the
    keyhole between them were kept and worn over the throat, the skin showing through
    the holes. The holes spread across the neck: everything above a round front neckline
    under them goes, with no hole left, the shoulders and the front below kept."""
    garment = analyse_garment(tied_top(), swap_target="top", hint=None)
    solid = (garment.alpha > 0.5).astype(np.uint8)
    contours, _ = cv2.findContours(solid, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(solid)
    cv2.drawContours(filled, contours, -1, 1, -1)
    assert np.count_nonzero(filled[:200] > solid[:200]) == 0  # no hole round the neck
    assert garment.alpha[30:86, 190:211].max() < 0.5  # the knot and the ties between the holes
    assert garment.alpha[110:140, 140:261].min() > 0.5  # the front below the neckline
    assert garment.alpha[64:80, 122:135].min() > 0.5 and garment.alpha[64:80, 266:279].min() > 0.5


def test_neck_holes_reads_the_holes_a_garment_leaves_round_the_neck() -> None:
    """Holes in the cover round the neck count (less what is kept in front, a hand); a
    clean round neckline open to the neck counts nothing."""
    cover = np.zeros((400, 400), np.float32)
    cover[150:400, 100:301] = 1
    cover[120:150, 100:161] = cover[120:150, 240:301] = 1
    neck, width = (200.0, 140.0), 200.0
    assert checks.neck_holes(cover, np.zeros(cover.shape, bool), neck, width) == 0.0
    cover[130:150, 160:240] = 1
    cover[135:145, 170:190] = cover[135:145, 210:230] = 0  # a keyhole's two holes
    holes = checks.neck_holes(cover, np.zeros(cover.shape, bool), neck, width)
    assert holes is not None and holes > checks.LIMITS["neck_holes"][1]
    kept = np.zeros(cover.shape, bool)
    kept[130:150, 160:240] = True  # a hand held there
    assert checks.neck_holes(cover, kept, neck, width) == 0.0


def labelled_tee(label: bool) -> tuple[np.ndarray, np.ndarray]:
    """A navy tee's top on white as a product photo shows it, and its cut-out: through the
    front neckline (a rib, two seams a little apart) the back's inside in the front's own
    navy, with a white brand label sewn at the middle when `label`."""
    image = np.full((460, 400, 3), 250, np.uint8)
    solid = np.zeros((460, 400), np.uint8)
    solid[50:400, 100:301] = 1
    image[solid > 0] = (30, 32, 60)
    for depth in (30, 38):
        cv2.ellipse(image, (200, 50), (50, depth), 0, 0, 180, (44, 46, 78), 2)
    if label:
        image[60:75, 188:213] = (235, 235, 230)
    return image, solid


def test_a_tees_inside_back_in_its_own_colour_goes_above_the_front_neckline_with_its_label() -> None:
    """The back's inside is the front's navy, so no colour told it and it was worn across
    the throat, label and all. The label tells it: everything above the front neckline
    below it goes; the shoulders and the front below stay. Without a label nothing goes."""
    image, solid = labelled_tee(True)
    band = inside_band(image, solid, 100.0, 300.0)
    assert band[55:75, 190:211].all()  # the label and the band round it
    assert not band[95:140, 150:251].any()  # the front below the neckline
    assert not band[50:60, 100:140].any() and not band[50:60, 261:301].any()  # the shoulders
    image, solid = labelled_tee(False)
    assert not inside_band(image, solid, 100.0, 300.0).any()


def white_polo(label: bool) -> tuple[np.ndarray, np.ndarray]:
    """A white polo's top on a pale grey backdrop and its cut-out: two collar flaps (faint
    grey folds) meeting at a zip's top at the middle, and through the opening between
    them the inside back in the front's own white, with a framed white brand label (pale
    blue frame, teal print) sewn at the middle when `label`: too like the white to be told
    by its colour."""
    image = np.full((460, 400, 3), 215, np.uint8)
    solid = np.zeros((460, 400), np.uint8)
    solid[50:400, 100:301] = 1
    image[solid > 0] = (246, 246, 243)
    cv2.line(image, (140, 56), (200, 105), (228, 228, 226), 2)
    cv2.line(image, (260, 56), (200, 105), (228, 228, 226), 2)
    cv2.line(image, (200, 105), (200, 300), (190, 150, 70), 2)  # the zip
    if label:
        cv2.rectangle(image, (184, 62), (216, 82), (215, 225, 240), 1)
        cv2.line(image, (190, 70), (210, 70), (175, 210, 205), 2)
        cv2.line(image, (194, 76), (206, 76), (200, 220, 220), 1)
    return image, solid


def test_a_label_in_a_collars_opening_is_painted_over_in_the_plain_inside_back() -> None:
    """Between a polo's collar flaps the inside back shows, the front's own white, with a
    pale framed label: no curve of a front neckline to cut by and no colour to tell it, so
    it was worn on the throat. The label is painted over in the white round it; the zip,
    the collar's folds and a polo without a label are left as they were."""
    image, solid = white_polo(True)
    alpha = solid.astype(np.float32)
    out, _, kept = _without_inside_back(image, alpha, solid, 100.0, 300.0, sleeved=True)
    lab = cv2.cvtColor(out, cv2.COLOR_RGB2LAB).astype(np.float32)
    assert np.abs(lab[62:83, 184:217] - lab[90, 200]).max() < 8  # the label's box: plain white
    assert (out[110:300, 199:202] == image[110:300, 199:202]).all()  # the zip
    assert (out[56:70, 140:156] == image[56:70, 140:156]).all()  # a collar fold
    assert (kept == solid).all()
    plain, _ = white_polo(False)
    assert (_without_inside_back(plain, alpha, solid, 100.0, 300.0, sleeved=True)[0] == plain).all()
