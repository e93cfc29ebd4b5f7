"""Rebuilt limbs: right up to the hands, as wide as the body shows them, in the tone of
the skin nearest them."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.body import inside_arms, limbs, own_arm_scales, torso_frame
from fitroom.engines.classic.composite import Composite, _compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import L_ELBOW, L_WRIST, R_ELBOW, R_WRIST, Person
from fitroom.engines.classic.warp import Layer
from tests.support.rebuilt import ARMS, bare_arms, flat_tone, uncovered_top
from tests.test_classic_engine import drawn_person, tee

DARK = (20, 20, 24)
#: The skin tone (OpenCV 8-bit Lab) the arms are rebuilt in.
TONE = np.array([170, 140, 145], np.float32)


def sleeved_person() -> tuple[np.ndarray, np.ndarray]:
    """A drawn person in a dark long-sleeved top whose hands show beyond the cuffs, and
    the mask of those hands."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (150, 90), (250, 270), DARK, -1)
    for shoulder, elbow, wrist in ARMS:
        cv2.line(image, shoulder, elbow, DARK, 34)
        cv2.line(image, elbow, wrist, DARK, 28)
    person = drawn_person(image)
    tone = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    hands = np.zeros(image.shape[:2], np.uint8)
    for centre in ((281, 268), (119, 268)):
        cv2.circle(hands, centre, 13, 255, -1)
    image[hands > 0] = tone
    return image, hands > 0


def test_no_dark_outline_is_left_round_the_hands() -> None:
    """A sleeveless top on a person in dark long sleeves: the old sleeve's pixels right
    round each hand are rebuilt too, not left as a black outline."""
    image, hands = sleeved_person()
    person = drawn_person(image)
    garment = analyse_garment(tee(sleeves=False), swap_target="top", hint=None)
    result = _compose(person, garment, [], hands, 1, skin.DEFAULT)
    ring = (cv2.dilate(hands.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0) & ~hands
    dark_before = ring & (image.max(axis=2) < 60)
    assert dark_before.sum() > 50
    lum = cv2.cvtColor(result.image, cv2.COLOR_RGB2GRAY)
    still_dark = dark_before & (lum < 60)
    assert still_dark.sum() < 0.1 * dark_before.sum(), (still_dark.sum(), dark_before.sum())


def test_no_dark_outline_is_left_round_hands_in_front_of_the_new_garment() -> None:
    """A long white top over the hands (in its pockets): it stops short of them, and the
    old sleeve's dark pixels in that margin are rebuilt, not left as an outline."""
    image, hands = sleeved_person()
    person = drawn_person(image)
    garment = analyse_garment(tee(sleeves=False), swap_target="top", hint=None)
    white = Layer(np.full((220, 220, 3), 250, np.float32), np.ones((220, 220), np.float32), 90, 80)
    result = _compose(person, garment, [white], hands, 1, skin.DEFAULT)
    ring = (cv2.dilate(hands.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0) & ~hands
    dark_before = ring & (image.max(axis=2) < 60)
    lum = cv2.cvtColor(result.image, cv2.COLOR_RGB2GRAY)
    still_dark = dark_before & (lum < 60)
    assert still_dark.sum() < 0.1 * dark_before.sum(), (still_dark.sum(), dark_before.sum())


def test_a_bared_forearm_takes_the_tone_of_the_hand_beside_it() -> None:
    """The face reads paler than the body (lit, made up): the bared arms are rebuilt in
    the hands' darker tone beside them, not the face's."""
    image, hands = sleeved_person()
    person = drawn_person(image)
    hand_lab = np.array([168, 144, 152], np.float32)
    image[hands] = cv2.cvtColor(np.array([[hand_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    person.skin_lab = np.array([185, 140, 148], np.float32)  # the face's
    garment = analyse_garment(tee(sleeves=False), swap_target="top", hint=None)
    result = _compose(person, garment, [], hands, 1, skin.DEFAULT)
    forearm = (result.skin > 0.9) & ~hands
    forearm[:200] = False
    near = cv2.dilate(hands.astype(np.uint8), np.ones((41, 41), np.uint8)) > 0
    lab = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB).astype(np.float32)
    made = np.median(lab[forearm & near], axis=0)
    assert abs(made[0] - hand_lab[0]) < 23, (made, hand_lab)


def shorts_on_bare_ankles(image: np.ndarray, person: Person) -> Composite:
    """Bare ankles and feet in the person's tone below trouser legs at x 165 and 235, then
    shorts composed over them: the legs between are rebuilt."""
    tone = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    for x in (235, 165):
        image[470:540, x - 12 : x + 12] = tone
        person.mask[470:540, x - 12 : x + 12] = 1
    garment = analyse_garment(tee(sleeves=False), swap_target="bottom", hint="shorts")
    return _compose(person, garment, [], np.zeros(image.shape[:2], bool), 1, skin.DEFAULT)


def test_legs_bared_from_wide_trousers_are_as_wide_as_the_trousers_and_ankles_allow() -> None:
    """Shorts on a person in wide trousers: the rebuilt legs fill a good part of each
    trouser leg (not sticks in the middle of it) and end as wide as the ankles showing
    below the hems."""
    from fitroom.engines.classic import person as pose

    image = np.full((560, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (150, 90), (250, 270), (200, 60, 60), -1)  # the top, kept
    for x in (235, 165):
        cv2.rectangle(image, (x - 30, 250), (x + 30, 470), DARK, -1)  # the trouser legs
    person = drawn_person(image)
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 500), (165, 500)
    person.mask[:] = 0
    person.mask[(image != 235).any(axis=2)] = 1
    result = shorts_on_bare_ankles(image, person)
    legs = result.skin > 0.5
    knee = np.count_nonzero(legs[380, 200:270])
    ankle = np.count_nonzero(legs[455, 200:270])
    assert knee >= 0.55 * 60 - 1, (knee, ankle)
    assert 18 <= ankle <= 26, (knee, ankle)


def test_no_outline_of_wide_trousers_is_left_beside_the_bared_legs() -> None:
    """Shorts on a person in wide dark trousers with soft (anti-aliased) edges and a soft
    person mask: the trousers' whole soft edge is refilled from the backdrop beyond it,
    not left as thin dark lines down both sides of the rebuilt legs."""
    from fitroom.engines.classic import person as pose

    image = np.full((560, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (150, 90), (250, 270), (200, 60, 60), -1)  # the top, kept
    legs = np.zeros(image.shape[:2], np.uint8)
    for x in (235, 165):  # the trouser legs, narrowing to the hems
        cv2.fillConvexPoly(legs, np.array([(x - 30, 250), (x + 30, 250), (x + 20, 470), (x - 20, 470)]), 255)
    soft = cv2.GaussianBlur(legs.astype(np.float32) / 255, (0, 0), 1.5)[:, :, None]
    image = (image * (1 - soft) + np.array(DARK, np.float32) * soft).astype(np.uint8)
    person = drawn_person(image)
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 500), (165, 500)
    person.mask = np.maximum(soft[:, :, 0], 0).astype(np.float32)
    person.mask[90:271, 150:251] = 1
    result = shorts_on_bare_ankles(image, person)
    # The trousers' outline, from below the shorts to the hems, 4 px either side.
    edges = cv2.dilate(cv2.morphologyEx(legs, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)), np.ones((9, 9))) > 0
    edges[:380] = edges[465:] = False
    edges &= result.skin < 0.05
    assert edges.sum() > 500
    lum = cv2.cvtColor(result.image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    dark = edges & (lum < 235 - 25)
    assert dark.sum() < 0.02 * edges.sum(), (dark.sum(), edges.sum())


def forearm_in_sleeve(shift: int) -> tuple[Person, np.ndarray]:
    """A drawn person in a tight long-sleeved top (sleeves 20 px wide to the wrist, their
    forearms' middle `shift` px outward of the pose's bone) whose wide hands show beyond
    the cuffs; and the old top's mask. Only the person is on the person mask."""
    image = np.full((420, 400, 3), 235, np.uint8)
    old = np.zeros(image.shape[:2], np.uint8)
    cv2.rectangle(old, (150, 90), (250, 270), 1, -1)
    for side, (shoulder, elbow, wrist) in zip((1, -1), ARMS, strict=True):
        cv2.line(old, shoulder, elbow, 1, 24)
        cv2.line(old, (elbow[0] + side * shift, elbow[1]), (wrist[0] + side * shift, wrist[1]), 1, 20)
    image[old > 0] = DARK
    person = drawn_person(image)
    tone = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    hands = np.zeros(image.shape[:2], np.uint8)
    for centre in ((281, 266), (119, 266)):
        cv2.ellipse(hands, centre, (13, 16), 0, 0, 360, 1, -1)  # palms 26 px across
    hands &= 1 - old
    image[hands > 0] = tone
    mask = ((old > 0) | (hands > 0)).astype(np.float32)
    return replace(drawn_person(image), mask=mask), old > 0


def test_a_forearm_bared_from_a_tight_sleeve_narrows_to_the_wrist() -> None:
    """A tight sleeve is as wide at the wrist as below the elbow, and a wide hand beyond
    it set the wrist as wide as the elbow: the forearm was rebuilt as a tube
    (`forearm_taper` about 1). It swells below the elbow and narrows to the wrist now."""
    person, old = forearm_in_sleeve(0)
    frame = torso_frame(person)
    limb, _ = limbs(person, frame, SwapTarget.TOP, old)
    forearms = [(person.pt(e), person.pt(w)) for e, w in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST))]
    taper = checks.forearm_taper(limb > 0.5, forearms)
    assert taper is not None and taper < checks.FOREARM_TAPER_MOST - 0.1, taper


def test_a_forearm_off_the_pose_bone_stays_inside_its_sleeve() -> None:
    """The pose's bone runs 6 px off the middle of the old sleeve: the forearm drawn round
    it reached past the sleeve on one side, where the rebuilt arm was cut along the
    sleeve's outline as a straight edge. It is moved to the sleeve's middle now."""
    person, old = forearm_in_sleeve(6)
    limb, _ = limbs(person, torso_frame(person), SwapTarget.TOP, old)
    forearms = np.zeros(old.shape, bool)
    forearms[190:245] = True  # elbow to wrist, clear of both joints' round ends
    outside = (limb > 0.5) & ~old & forearms
    inside = (limb > 0.5) & old & forearms
    assert np.count_nonzero(outside) < 0.2 * np.count_nonzero(inside), (outside.sum(), inside.sum())


def bared_arms(mask_steps: bool) -> tuple[np.ndarray, np.ndarray]:
    """`rebuild._uncovered` for a drawn person in a dark long-sleeved top under a small
    bandeau: the arms and torso bared; the person mask cut in 4 px steps along the arms'
    outer edges when `mask_steps` (a segmentation's). Returns the rebuilt skin's Lab
    lightness and how much of each pixel is skin."""
    person, old = forearm_in_sleeve(0)
    frame = torso_frame(person)
    mask = person.mask.copy()
    if mask_steps:
        small = cv2.resize(mask, (100, 105), interpolation=cv2.INTER_AREA) > 0.5
        mask = cv2.resize(small.astype(np.float32), (400, 420), interpolation=cv2.INTER_NEAREST)
    person = replace(person, mask=mask)
    new = np.zeros(old.shape, np.float32)
    new[120:170, 160:240] = 1  # the bandeau
    bared = old.astype(np.float32) * (1 - new)
    rgb, skin_part = uncovered_top(person, frame, old, bared, new, flat_tone(TONE))
    lum = cv2.cvtColor(np.clip(rgb, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    return lum, skin_part


def test_a_bared_arm_is_darker_at_the_elbow_and_beside_it_the_torso() -> None:
    """A bared arm lit alike from shoulder to wrist read as a tube, and the bared torso
    behind it as one flat sheet with it. It is darker round the elbow now, and the torso
    right beside it darker than further in."""
    lum, _ = bared_arms(False)
    # On the bone: the upper arm, the elbow, the forearm.
    along = [float(np.median(lum[y - 3 : y + 4, x - 3 : x + 4])) for x, y in ((262, 140), (275, 180), (278, 215))]
    assert along[1] < 0.97 * min(along[0], along[2]), along
    # An arm in front of the bared torso: the torso is darker right beside it.
    arm = np.zeros((200, 200), bool)
    arm[:, 90:120] = True
    torso = np.zeros((200, 200), np.float32)
    torso[:, 20:180] = 1
    beside = rebuild._beside_arms(arm, torso, 100.0)
    assert beside[100, 88] < 0.93 and beside[100, 40] > 0.99 and beside[100, 100] == 1, beside[100, 80:95]


def test_a_bared_arm_ends_at_a_smooth_soft_outline() -> None:
    """Cut at the person mask's own outline, stepped at the segmentation's scale, a bared
    forearm as wide as its sleeve had a hard, stepped edge against the backdrop. The
    outline that ends it is smooth and soft now: a slanted edge stepped 6 px at a time
    moves on a pixel or two from row to row, through half-covered pixels."""
    mask = np.zeros((420, 400), np.float32)
    for y in range(420):
        mask[y, : 200 + 6 * (y // 24)] = 1  # a slanted outline, in steps 24 rows tall
    outline = rebuild._smooth_outline(replace(drawn_person(np.full((420, 400, 3), 235, np.uint8)), mask=mask))
    rows = range(100, 300)
    raw = np.array([np.count_nonzero(mask[y] > 0.5) for y in rows])
    smooth = np.array([np.count_nonzero(outline[y] > 0.5) for y in rows])
    assert np.abs(np.diff(raw)).max() == 6
    assert np.abs(np.diff(smooth)).max() <= 2, np.diff(smooth)
    soft = [np.count_nonzero((outline[y] > 0.1) & (outline[y] < 0.9)) >= 1 for y in rows]
    assert np.mean(soft) > 0.9, np.mean(soft)  # cut only where the smoothing strays past a step
    assert not outline[mask < 0.5].any()  # nothing beyond the silhouette


def thin_arms_in_wide_sleeves() -> tuple[Person, np.ndarray]:
    """A drawn person in a navy tee whose wide sleeves reach near the elbows, thin bare
    arms (16 pixels across) below them; and the tee's mask."""
    image = np.full((420, 400, 3), (225, 225, 228), np.uint8)
    arms = bare_arms(16)
    old = np.zeros((420, 400), np.uint8)
    outline = [(180, 76), (220, 76), (268, 82), (312, 168), (266, 176), (256, 300)]
    cv2.fillPoly(old, [np.array(outline + [(400 - x, y) for x, y in reversed(outline)])], 1)
    image[(arms | old) > 0] = (150, 110, 90)
    image[old > 0] = (40, 50, 90)
    mask = cv2.GaussianBlur((arms | old).astype(np.float32), (0, 0), 1.0)
    return replace(drawn_person(image), mask=mask), old > 0


def tank_of(old: np.ndarray) -> np.ndarray:
    """`thin_arms_in_wide_sleeves`' tee mask cut down to a tank: no sleeves, the straps'
    outline over the shoulders out to x 160-240."""
    tank = old.copy()
    tank[:, :155] = False
    tank[:, 246:] = False
    tank[55:80, 160:241] = True
    return tank


def test_an_upper_arm_bared_from_a_wide_sleeve_is_as_wide_as_its_forearm() -> None:
    """Bared from a wide sleeve, an upper arm was as wide as the proportions' (up to 1.15
    times at the shoulder) whatever the bare forearm below it showed: on a slim person a
    fat tube above a thin forearm, 0.14 shoulder widths out from the bone for an arm
    0.08 wide each side (`upper_arm_reach`). It is at most `OWN_SLACK` times as wide as
    its own forearm makes it now (with the deltoid's swell)."""
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    limb, _ = limbs(person, frame, SwapTarget.TOP, old, own_arm_scales(person, frame, old))
    arms = [((250.0, 100.0), (275.0, 180.0)), ((150.0, 100.0), (125.0, 180.0))]
    reach = checks.upper_arm_reach(limb > 0.5, np.zeros(old.shape, np.float32), arms, (200.0, 100.0), frame.width)
    assert reach is not None and reach <= 0.12, reach


def test_the_torso_goes_no_further_out_than_a_hanging_arm_in_a_sleeve() -> None:
    """Below the armpits the torso's skin was rebuilt out to the old sleeve's outline:
    the bared upper arm was as wide as the sleeve. Beyond a hanging, sleeved upper
    arm's bone there is no torso; on its body side, and beside a raised arm, there is."""
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    inside = inside_arms(person, frame, old)
    # Beyond the bone halfway down the upper arm (262, 140): none; inside it, all.
    assert inside[140, 272] == 0 and inside[140, 128] == 0
    assert inside[140, 250] == 1 and inside[140, 150] == 1 and inside[300, 200] == 1
    raised = replace(person, points=person.points.copy())
    for elbow in (L_ELBOW, R_ELBOW):
        raised.points[elbow] = raised.points[elbow] * [1, 0] + [0, 40]
    assert inside_arms(raised, frame, old).min() == 1


def test_a_bared_arms_side_moves_on_by_fractions_of_a_pixel_not_in_steps() -> None:
    """The outline that ends a bared limb was the smoothed mask thresholded at the
    analysis size: on a gently slanting side it moved a whole pixel at a time, and
    enlarged twice over it stood as a staircase down the arm, the backdrop biting into
    it at each step (a ghost's dissolving edge). Now each row's share inside it moves on
    by a fraction of a pixel, along a straight line."""
    mask = np.zeros((420, 400), np.float32)
    for y in range(420):
        mask[y, : 200 + y // 8] = 1  # a gentle slant, a pixel every 8 rows
    outline = rebuild._smooth_outline(replace(drawn_person(np.full((420, 400, 3), 235, np.uint8)), mask=mask))
    rows = np.arange(100, 300)
    inside = outline[rows].sum(axis=1)
    line = np.polyval(np.polyfit(rows, inside, 1), rows)
    assert np.abs(inside - line).max() < 0.2, np.abs(inside - line).max()
    assert not outline[mask < 0.5].any()  # nothing beyond the silhouette
