"""What of the old garment is rebuilt beside the new one: under the new garment's soft
edge, and under a bare arm's kept edge where it lies over the old top."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import person as pose
from fitroom.engines.classic import skin
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.rebuild import replaced
from tests.test_classic_engine import drawn_person, drawn_points

#: A pale old top in warm light: skin by the colour test, so only the rebuild can take it.
PALE = (250, 215, 200)
TOP = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))


def _old_top_and_narrow_panel() -> tuple[np.ndarray, np.ndarray]:
    """A pale old top from x 120 to 280 and a new panel from x 150 to 250 whose edges
    fade in over 8 px, as a warped layer's do."""
    image = np.full((420, 400, 3), 235, np.uint8)
    image[90:270, 120:281] = PALE
    new = np.zeros((420, 400), np.float32)
    ramp = np.linspace(0, 1, 10)[1:-1]
    new[90:270, 150:250] = 1
    new[90:270, 142:150] = ramp
    new[90:270, 250:258] = ramp[::-1]
    return image, new


def test_under_the_new_garments_soft_edge_the_old_one_is_rebuilt_in_full() -> None:
    """Where the new panel's edge is still mostly see-through, what shows through it is
    what is rebuilt, not the old pale top: rebuilt in part, the old top showed as a pale
    line round the panel."""
    image, new = _old_top_and_narrow_panel()
    person = drawn_person(image)
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    edge = (new > 0) & (new < 0.5)
    edge[:110] = edge[180:] = False  # clear of the top's upper end and of the elbows
    assert out.rebuild[edge].min() > 0.95, out.rebuild[edge].min()


def test_the_old_top_under_a_bare_arms_kept_edge_is_rebuilt() -> None:
    """A bare arm beside the torso is kept in front, and its soft outline with it; where
    that outline lies over the old top, the old top's strip stayed between the new panel
    and the arm. It is rebuilt; the arm's own skin is still kept."""
    image, new = _old_top_and_narrow_panel()
    image[90:270, 100:126] = (205, 150, 125)  # the arm, over the old top's edge
    person = drawn_person(image)
    keep = np.zeros((420, 400), np.float32)
    keep[110:250, 100:130] = 1  # the arm kept, its outline 4 px over the top
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, keep, skin.look(person))
    assert out.rebuild[120:240, 127:130].min() > 0.5, out.rebuild[120:240, 127:130].min()
    assert out.rebuild[120:240, 100:125].max() == 0


def test_the_old_necklines_outline_against_the_neck_is_rebuilt_in_full() -> None:
    """A lower new neckline bares the chest under an old pale top's neckline: the old
    neckline's outline, half top and half skin, passes for skin and was rebuilt only in
    part, a pale line across the rebuilt chest. It is rebuilt in full; the fall-off lies
    on the neck above it."""
    image, new = _old_top_and_narrow_panel()
    image[30:90, 175:226] = (205, 150, 125)  # the neck
    image[88:90, 175:226] = (228, 183, 163)  # the neckline's outline, half top, half skin
    new[90:130] = 0  # a lower neckline
    person = drawn_person(image)
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    line = (slice(86, 92), slice(185, 216))  # the outline and the old top's first rows
    assert out.rebuild[line].min() > 0.95, out.rebuild[line].min()


def _coat_over_trousers() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A dark coat from the shoulders to mid-thigh (y 330), wider than the grey trousers
    below it (legs x 165-194 and 206-235, apart from y 290 down), arms hanging beside
    it; and a new top ending at the hips (y 250). Drawn on `drawn_points`' landmarks."""
    image = np.full((420, 400, 3), 235, np.uint8)
    mask = np.zeros((420, 400), np.float32)
    image[280:420, 165:235] = TROUSERS
    image[290:420, 195:206] = 235  # the gap between the legs, below the crotch
    image[90:331, 130:271] = COAT
    image[100:330, 100:130] = image[100:330, 271:301] = (205, 150, 125)  # the arms, hands at the hem
    mask[np.any(image != 235, axis=2)] = 1
    new = np.zeros((420, 400), np.float32)
    new[90:251, 128:273] = 1
    return image, mask, new


COAT = (30, 35, 50)
TROUSERS = (130, 130, 135)


def test_a_long_old_tops_place_below_a_shorter_new_top_is_the_trousers_and_the_backdrop() -> None:
    """Below a new top that ends at the hips, a coat to mid-thigh hid the trousers' top:
    it is the trousers continued up (their gap closed above the crotch) and beside them
    the backdrop, never a skin-coloured block inpainted from the arms and hands round
    it."""
    image, mask, new = _coat_over_trousers()
    person = drawn_person(image)
    person.mask = mask
    person.points[[pose.L_ELBOW, pose.R_ELBOW]] = (286, 210), (114, 210)
    person.points[[pose.L_WRIST, pose.R_WRIST]] = (286, 315), (114, 315)
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    fill = out.fill * out.rebuild[:, :, None] + image * (1 - out.rebuild[:, :, None])
    legs = np.concatenate(
        [a.reshape(-1, 3) for a in (fill[262:325, 168:192], fill[262:325, 208:232], fill[262:280, 192:208])]
    )
    off = np.abs(legs - TROUSERS).max(axis=1).mean()
    assert off < 8, off  # 26 inpainted
    beside = np.concatenate([fill[262:325, 136:160], fill[262:325, 240:264]]).reshape(-1, 3)
    off = np.abs(beside - 235).max(axis=1).mean()
    assert off < 8, off  # 87 inpainted: the arms' skin
    region = (out.old > 0.5) & (out.skin < 0.5)
    region[:262] = False  # below the hips, clear of the new top's edge
    share = checks.below_hem(np.clip(fill, 0, 255).astype(np.uint8), region, lab(TROUSERS), lab((235, 235, 235)))
    assert share is not None and share < checks.BELOW_HEM_SHARE, share  # 0.54 inpainted


def lab(rgb: tuple[int, int, int]) -> np.ndarray:
    """A colour as a row of CIE Lab (L 0..100), as the checks take it."""
    return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)


OLIVE, DARK_OLIVE = (95, 100, 62), (50, 54, 34)


def _long_coat_over_trousers(trousers: tuple[int, int, int] = DARK_OLIVE) -> pose.Person:
    """A long olive coat from the shoulders (y 100) past the hips (y 260) and knees (y 380)
    to its hem at y 460, closed across the legs; below it two legs of `trousers` to the
    ankles (y 500) and black shoes."""
    image = np.full((560, 400, 3), 235, np.uint8)
    image[90:460, 130:271] = OLIVE
    image[460:500, 160:196] = image[460:500, 204:241] = trousers
    image[500:530, 155:200] = image[500:530, 200:245] = (20, 20, 20)
    points = np.zeros((33, 2), np.float32)
    points[[pose.L_SHOULDER, pose.R_SHOULDER]] = (250, 100), (150, 100)
    points[[pose.L_HIP, pose.R_HIP]] = (235, 260), (165, 260)
    points[[pose.L_ELBOW, pose.R_ELBOW]] = (275, 180), (125, 180)
    points[[pose.L_WRIST, pose.R_WRIST]] = (280, 250), (120, 250)
    points[[pose.L_KNEE, pose.R_KNEE]] = (222, 380), (178, 380)
    points[[pose.L_ANKLE, pose.R_ANKLE]] = (222, 500), (178, 500)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    mask[90:460, 130:271] = 1
    mask[460:530, 155:245] = 1
    mask[460:500, 196:204] = 0
    empty = np.zeros((h, w), np.uint8)
    return pose.Person(
        image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32)
    )


def test_a_long_coats_skirt_over_trousers_is_rebuilt_under_a_new_top() -> None:
    """A coat to the shins over dark olive trousers (one garment by colour alone): its
    skirt ran past the long hem's band, was taken for the trousers, and hung under every
    new top. It is the old top, rebuilt down to its hem; the trousers below stay."""
    person = _long_coat_over_trousers()
    new = np.zeros((560, 400), np.float32)
    new[90:265, 130:271] = 1  # a tee ending at the hips
    none = np.zeros((560, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((560, 400), np.float32), skin.look(person))
    skirt = (slice(290, 450), slice(170, 231))
    assert out.rebuild[skirt].min() > 0.95, out.rebuild[skirt].min()
    assert out.old[470:495, 165:190].max() == 0, "the trousers below the hem"
    assert out.rebuild[505:525].max() == 0, "the shoes"


def test_a_coat_hem_needs_trousers_of_another_shade_below_it() -> None:
    """Trousers of the coat's own shade show no hem above the ankles, and bare legs below
    a hem are a skirt or a dress of the top's colour: neither is taken for a coat."""
    from fitroom.engines.classic.body import torso_frame
    from fitroom.engines.classic.old_garment import coat_hem

    person = _long_coat_over_trousers()
    hem = coat_hem(person, torso_frame(person))
    assert hem is not None and abs(hem - 460) <= 2, hem
    same = _long_coat_over_trousers(OLIVE)
    assert coat_hem(same, torso_frame(same)) is None
    legs = _long_coat_over_trousers((205, 150, 125))
    assert coat_hem(legs, torso_frame(legs)) is None


def test_coat_skirt_left_fails_the_skirt_untouched() -> None:
    """Left as in the photo, the coat's skirt fails; the trousers continued up over it
    and the backdrop beside them pass."""
    person = _long_coat_over_trousers()
    photo = person.image
    region = np.zeros((560, 400), bool)
    region[270:455, 135:266] = True
    left = checks.coat_skirt_left(photo, photo, region)
    assert checks.faults({"coat_skirt_left": left}) == ["coat_skirt_left"], left
    rebuilt = photo.copy()
    rebuilt[260:460, 130:271] = 235
    rebuilt[260:460, 160:241] = DARK_OLIVE
    done = checks.coat_skirt_left(rebuilt, photo, region)
    assert checks.faults({"coat_skirt_left": done}) == [], done
    assert checks.coat_skirt_left(photo, photo, np.zeros_like(region)) is None


def test_a_short_run_of_trousers_below_a_coat_goes_on_up_as_plain_cloth() -> None:
    """Under a coat to the shins only a short run of the trousers shows, its cuffs folded
    in light and dark bands. Turned back and forth up the legs, those bands drew
    chevrons to the hips; beyond the plain mirror they fade into the run's own colour."""
    from fitroom.engines.classic.rebuild import _from_below

    image = np.full((200, 20, 3), 235, np.uint8)
    image[160:180] = DARK_OLIVE
    image[160:180:4] = (110, 115, 80)  # the cuffs' light folds
    region = np.zeros((200, 20), np.uint8)
    region[20:160] = 1
    usable = np.ones((200, 20), bool)
    usable[180:] = False  # the backdrop below the trousers
    out, found = _from_below(image, region, usable, 5, plain=True)
    assert found[20:160].min() == 1
    legs = out[20:120, 10]
    mean = image[160:180, 10].astype(np.float32).mean(axis=0)
    assert np.abs(legs - mean).max() < 3, np.abs(legs - mean).max()
    assert np.array_equal(out[159, 10], image[160, 10]), "the mirror at the edge"


def test_a_flared_old_tops_sides_beside_the_hips_are_part_of_it() -> None:
    """A loose tank flares out beside the waist and hips, beyond the torso zone's square
    corners and clear of the arms: left out of the old garment, a corner of it showed
    between a narrower new top and the arm."""
    image = np.full((420, 400, 3), 235, np.uint8)
    mask = np.zeros((420, 400), np.float32)
    for y in range(100, 271):
        half = 60 + int(25 * (y - 100) / 170)  # 60 px either side at the shoulders, 85 at the hem
        image[y, 200 - half : 200 + half] = (240, 120, 20)
        mask[y, 200 - half : 200 + half] = 1
    person = drawn_person(image)
    person.mask = mask
    person.points[[pose.L_ELBOW, pose.R_ELBOW]] = (305, 180), (95, 180)  # the arms held out
    person.points[[pose.L_WRIST, pose.R_WRIST]] = (330, 250), (70, 250)
    old = worn_mask(person, "top", torso_frame(person)) > 0
    top = mask > 0
    for corner in (np.s_[220:258, 118:140], np.s_[220:258, 260:282]):
        share = old[corner][top[corner]].mean()
        assert share > 0.9, share
    assert not old[:, :110].any() and not old[:, 291:].any()


COAT_GREEN, SHIRT_BLUE, GREY = (30, 80, 50), (150, 180, 220), (130, 130, 135)


def _open_coat(centre: tuple[int, int, int] = SHIRT_BLUE, bottoms: tuple[int, int, int] = GREY) -> pose.Person:
    """A dark green coat worn open over a `centre` top (x 170-230): its left panel
    (x 230-265) hangs straight to y 330, its right one is flung out to x 60 at y 330,
    far beyond the torso's band; its sleeves run down the arms to the hands. Trousers of
    `bottoms` below, to the ankles (y 500). Drawn on `drawn_points`' landmarks."""
    image = np.full((560, 400, 3), 235, np.uint8)
    image[260:500, 150:250] = bottoms
    image[300:500, 196:204] = 235  # the gap between the legs
    image[90:331, 170:231] = centre
    image[90:331, 230:266] = COAT_GREEN
    cv2.fillConvexPoly(image, np.array([(135, 90), (170, 90), (170, 330), (60, 330)], np.int32), COAT_GREEN)
    points = drawn_points()
    points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 500), (165, 500)
    for shoulder, wrist in ((pose.L_SHOULDER, pose.L_WRIST), (pose.R_SHOULDER, pose.R_WRIST)):
        cv2.line(image, tuple(points[shoulder].astype(int)), tuple(points[wrist].astype(int)), COAT_GREEN, 26)
        cv2.circle(image, tuple(points[wrist].astype(int) + (0, 14)), 11, (205, 150, 125), -1)
    h, w = image.shape[:2]
    mask = np.any(image != 235, axis=2).astype(np.float32)
    empty = np.zeros((h, w), np.uint8)
    return pose.Person(
        image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32)
    )


def test_an_open_coats_panels_and_skirt_are_the_old_top() -> None:
    """Across the chest an open coat shows the top under it: that top alone was the old
    garment, and the coat's panel flung out beside the hips hung beside every new top.
    The sleeves' colour, which the chest does not show, is the coat's: its panels are
    the old top too; the trousers and the backdrop are not."""
    person = _open_coat()
    new = np.zeros((560, 400), np.float32)
    new[90:265, 150:251] = 1  # a tee ending at the hips
    none = np.zeros((560, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((560, 400), np.float32), skin.look(person))
    flung = np.zeros((560, 400), bool)
    cv2.fillConvexPoly(flung.view(np.uint8), np.array([(135, 200), (150, 200), (150, 325), (70, 325)], np.int32), 1)
    assert out.old[flung].mean() > 0.95, out.old[flung].mean()  # 0.38 read across the chest alone
    assert out.old[290:325, 235:262].mean() > 0.95, out.old[290:325, 235:262].mean()
    assert out.old[400:490, 155:190].max() == 0, "the trousers"
    assert out.old[400:500, 20:60].max() == 0, "the backdrop"


def test_a_tops_own_sleeves_are_no_open_coat() -> None:
    """Sleeves of the chest's own colour (a sweater) are no coat over another top."""
    from fitroom.engines.classic.colour import skin_like
    from fitroom.engines.classic.old_garment import open_coat_colours

    for centre, coat in ((SHIRT_BLUE, True), (COAT_GREEN, False)):
        person = _open_coat(centre)
        cloth = ~skin_like(person) & (person.mask > 0.5)
        assert bool(open_coat_colours(person, person.lab(), cloth)) == coat, centre


def test_coat_panel_left_fails_the_panels_untouched() -> None:
    """Left as in the photo beside the new top, an open coat's panels fail; rebuilt
    (the backdrop beside the hips, the trousers over the thighs), they pass."""
    photo = _open_coat().image
    region = np.all(photo == COAT_GREEN, axis=2)
    region[:265, 150:251] = False  # under the new top
    left = checks.coat_panel_left(photo, photo, region)
    assert checks.faults({"coat_panel_left": left}) == ["coat_panel_left"], left
    rebuilt = photo.copy()
    rebuilt[region] = 235
    done = checks.coat_panel_left(rebuilt, photo, region)
    assert checks.faults({"coat_panel_left": done}) == [], done
    assert checks.coat_panel_left(photo, photo, np.zeros_like(region)) is None


def test_no_skin_is_rebuilt_under_an_open_coats_panels_beside_the_torso() -> None:
    """In the person's outline the coat's panels passed for the body's sides: a strip of
    bare skin was rebuilt between a narrower new top and the backdrop refilled beyond."""
    person = _open_coat()
    new = np.zeros((560, 400), np.float32)
    new[90:265, 158:243] = 1  # a fitted tee, narrower than the coat
    none = np.zeros((560, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((560, 400), np.float32), skin.look(person))
    # Clear of the sleeve (x 107-138), into which the rebuilt forearm swells below the elbow.
    beside = (slice(200, 255), slice(143, 152))
    assert out.skin[beside].max() < 0.5, out.skin[beside].max()


def test_bottoms_of_an_open_coats_colour_are_left() -> None:
    """Trousers or shorts of the coat's colour (a shirt's grey over grey shorts) are no
    coat's skirt: taken, they were rebuilt down to the knees under every new top."""
    person = _open_coat(bottoms=COAT_GREEN)
    new = np.zeros((560, 400), np.float32)
    new[90:265, 150:251] = 1
    none = np.zeros((560, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((560, 400), np.float32), skin.look(person))
    thigh = out.old[340:480, 155:190].mean()
    assert thigh < 0.05, thigh


def test_a_loose_sleeves_rest_beside_the_arm_is_the_backdrop_not_the_old_sleeve() -> None:
    """A dark sweater with wide sleeves hanging round the arms, a sleeveless new panel over
    the trunk: what of the sleeves is neither arm nor new garment, inside the person's
    silhouette, was inpainted from round it, dark with the old sweater still under the
    new panel (dark bits and smears beside the arms). Beside the arms it is the gradient
    backdrop going on."""
    image = np.full((420, 400, 3), 235, np.uint8)
    image[:, :, 2] = np.linspace(200, 250, 400).astype(np.uint8)[None, :]
    backdrop = image.copy()
    dark = (20, 20, 25)
    cv2.rectangle(image, (140, 90), (260, 270), dark, -1)
    cv2.fillConvexPoly(image, np.array([(150, 90), (70, 215), (95, 245), (145, 200)]), dark)
    cv2.fillConvexPoly(image, np.array([(250, 90), (330, 215), (305, 245), (255, 200)]), dark)
    for x in (120, 280):
        cv2.rectangle(image, (x - 9, 235), (x + 9, 275), (205, 150, 120), -1)  # the hands
    person = drawn_person(image)
    person.mask = np.any(image != backdrop, axis=2).astype(np.float32)
    new = np.zeros((420, 400), np.float32)
    new[95:270, 150:251] = 1
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    fill = (out.fill * out.rebuild[:, :, None] + image * (1 - out.rebuild[:, :, None])).astype(np.uint8)
    rest = (person.mask > 0.5) & (out.rebuild > 0.5) & (out.skin < 0.05) & (new < 0.05)
    rest[230:] = False  # above the hands
    rest[:, 110:291] = False  # beside the arms, towards the backdrop (not the pockets under the armpits)
    assert np.count_nonzero(rest) > 500
    value = checks.loose_fill(fill, image, rest, person.mask < 0.1, 30.0)
    assert value is not None and checks.faults({"loose_fill": value}) == [], value  # 0.43 inpainted


def test_an_open_coat_is_told_from_the_box_it_is_read_in_as_from_the_whole_photo() -> None:
    """`wears_open_coat` runs the skin test in the box round the torso and upper arms
    only (`old_garment._coat_box`): it answers as the test over the whole photo does,
    for a coat and for a sweater, and a coat-coloured backdrop far from the body (a
    door, a plant) changes neither."""
    from fitroom.engines.classic.colour import skin_like
    from fitroom.engines.classic.old_garment import open_coat_colours, wears_open_coat

    for centre, coat in ((SHIRT_BLUE, True), (COAT_GREEN, False)):
        for backdrop in (False, True):
            person = _open_coat(centre)
            if backdrop:
                person.image[480:560, 300:400] = COAT_GREEN
                person.mask[480:560, 300:400] = 1
            whole = ~skin_like(person) & (person.mask > 0.5) & (person.face == 0) & (person.hands == 0)
            assert bool(open_coat_colours(person, person.lab(), whole)) == coat, (centre, backdrop)
            assert wears_open_coat(person) == coat, (centre, backdrop)
