"""Hands in front of the clothes, on drawn photos: a new garment closes up to the hand
with no ring of the old garment round it, and the hand comes through whole."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from fitroom import checks
from fitroom.engines.classic import RenderReport
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.hands import fingers_hidden
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from fitroom.evaluate import hand_in_own_colour
from tests.support.upright import lab_rgb, upright

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
HAND_CENTRE = (182, 205)
#: The pose points of the left hand (the picture's right), hanging at the side.
HANGING_HAND = ((282, 262), (284, 264), (283, 258))
#: The person mask.
BOX = (slice(60, 400), slice(120, 280))


def red_tee() -> np.ndarray:
    """A flat-lay red tee on white, sleeves out to the sides."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (120, 60), (280, 400), (200, 30, 40), -1)
    cv2.fillConvexPoly(image, np.array([(120, 60), (40, 150), (75, 185), (120, 140)]), (200, 30, 40))
    cv2.fillConvexPoly(image, np.array([(280, 60), (360, 150), (325, 185), (280, 140)]), (200, 30, 40))
    return image


#: A dark skin, as the face shows it, and the lit back of a hand of that skin: further
#: in hue and lightness from the face's than `skin_like` allows, still a skin's colour.
DARK_LAB = np.array([85, 140, 135], np.float32)
LIT_LAB = np.array([150, 150, 150], np.float32)
#: The hand is lit from this many pixels left of its centre: most of it, more than a
#: hole in the hand (a watch's face) that is filled whatever its colour.
LIT_FROM = 6


def person_with_a_hand_in_front(
    ring: bool = False, finger: bool = False, lit: bool = False
) -> tuple[Person, np.ndarray]:
    """A person in a black top, the right forearm across the body and its hand on the
    stomach; the hand drawn with soft (anti-aliased) edges, as photographed; `ring`, a
    dark band across its fingers; `finger`, a finger stretched out down the stomach,
    beyond the disc round the pose's hand points; `lit`, a dark-skinned person whose
    hand is lit on most of its right side. Returns the person and the hand's mask."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 300), (15, 15, 18), -1)  # the black top
    hand = np.zeros(image.shape[:2], np.uint8)
    cv2.ellipse(hand, HAND_CENTRE, (14, 19), 20, 0, 360, 255, -1, cv2.LINE_AA)
    if finger:
        cv2.line(hand, (190, 214), (205, 237), 255, 7, cv2.LINE_AA)
    soft = hand.astype(np.float32)[:, :, None] / 255
    skin_lab = DARK_LAB if lit else SKIN_LAB
    colour = np.empty(image.shape, np.float32)
    colour[:] = lab_rgb(skin_lab)
    if lit:
        colour[:, HAND_CENTRE[0] - LIT_FROM :] = lab_rgb(LIT_LAB)
    image = (image * (1 - soft) + colour * soft).astype(np.uint8)
    if ring:
        cv2.line(image, (170, 212), (194, 204), (40, 35, 30), 3)
    arms = ((275, 180), (280, 250)), ((140, 190), (172, 192))
    hands = (HANGING_HAND, ((178, 215), (190, 214), (192, 204)))
    return upright(image, skin_lab, arms, hands, BOX), hand > 127


def render(person: Person) -> np.ndarray:
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    return compose(person, garment, layers_for(person, garment)).image


def test_the_new_garment_closes_up_to_the_hand_with_no_outline_of_the_old_one() -> None:
    person, hand = person_with_a_hand_in_front()
    before = person.image.copy()
    out = render(person)
    core = cv2.erode(hand.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert np.array_equal(out[core], before[core]), "the hand stays as it was"
    rim = (cv2.dilate(hand.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0) & ~hand
    dark = out[rim].max(axis=1) < 80  # the old black top
    assert dark.mean() < 0.1, dark.mean()


def test_a_ring_across_the_fingers_stays_with_the_hand() -> None:
    person, hand = person_with_a_hand_in_front(ring=True)
    before = person.image.copy()
    out = render(person)
    band = np.zeros(hand.shape, np.uint8)
    cv2.line(band, (174, 211), (190, 205), 255, 1)
    band_pixels = (band > 0) & hand
    assert band_pixels.sum() > 10
    changed = np.abs(out.astype(int) - before.astype(int)).max(axis=2) > 40
    assert changed[band_pixels].mean() < 0.1, changed[band_pixels].mean()


def test_fingers_beyond_the_pose_hand_points_stay_in_front() -> None:
    # The pose's hand points are the wrist and the knuckles: a finger stretched out along
    # the stomach lies beyond the disc round them, and the new top cut it off there.
    person, hand = person_with_a_hand_in_front(finger=True)
    before = person.image.copy()
    out = render(person)
    tip = np.zeros(hand.shape, np.uint8)
    cv2.circle(tip, (202, 232), 5, 255, -1)
    tip_pixels = (cv2.erode(hand.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & (tip > 0)
    assert tip_pixels.sum() > 20
    changed = np.abs(out.astype(int) - before.astype(int)).max(axis=2) > 40
    assert changed[tip_pixels].mean() < 0.1, changed[tip_pixels].mean()


def test_the_lit_side_of_a_dark_hand_stays_in_front() -> None:
    # Lit, the back of a dark hand is further from the face's skin than the skin test
    # allows: the new top covered that half of the hand and left the shaded half.
    person, hand = person_with_a_hand_in_front(lit=True)
    before = person.image.copy()
    out = render(person)
    core = cv2.erode(hand.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    lit = core.copy()
    lit[:, : HAND_CENTRE[0] - LIT_FROM + 2] = False
    assert lit.sum() > 100
    changed = np.abs(out.astype(int) - before.astype(int)).max(axis=2) > 40
    assert changed[lit].mean() < 0.1, changed[lit].mean()


def test_hand_changed_sees_the_lit_side_of_a_dark_hand_covered() -> None:
    # The check read the hand by the face's skin only: the lit side of a dark hand drawn
    # over by the new top went unseen.
    person, hand = person_with_a_hand_in_front(lit=True)
    discs = np.zeros(hand.shape, np.uint8)
    for _, centre, radius in pose.hand_discs(person.points, person.visibility, person.shoulder_width):
        cv2.circle(discs, centre, radius, 255, -1)
    person.hands = discs
    before = person.image.copy()
    report = RenderReport(image=Image.fromarray(before), input=before, person=person)
    palms = np.zeros(hand.shape, np.uint8)
    cv2.circle(palms, HAND_CENTRE, 12, 255, -1)
    own = hand_in_own_colour(report) & (palms > 0)
    kept = before.copy()
    assert checks.faults({"hand_changed": checks.hand_changed(before, kept, own)}) == []
    covered = before.copy()
    covered[:, HAND_CENTRE[0] - LIT_FROM :][hand[:, HAND_CENTRE[0] - LIT_FROM :]] = (200, 30, 40)
    assert checks.faults({"hand_changed": checks.hand_changed(before, covered, own)}) == ["hand_changed"]


def person_with_a_hand_in_a_pocket() -> tuple[Person, np.ndarray]:
    """A person in a black top, the right forearm hanging down its side and the hand in
    a pocket at the hip: only a patch of the back of the hand shows above the pocket's
    edge, its fingers hidden in the black. Returns the person and the patch's mask."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 300), (15, 15, 18), -1)  # the black top
    patch = np.zeros(image.shape[:2], np.uint8)
    cv2.ellipse(patch, (167, 240), (9, 6), 70, 0, 360, 255, -1, cv2.LINE_AA)
    soft = patch.astype(np.float32)[:, :, None] / 255
    image = (image * (1 - soft) + np.array(lab_rgb(SKIN_LAB), np.float32) * soft).astype(np.uint8)
    arms = ((275, 180), (280, 250)), ((150, 180), (165, 235))
    # The knuckles in the pocket: the fingers' ends lie on the black top.
    hands = (HANGING_HAND, ((166, 252), (172, 252), (174, 246)))
    return upright(image, SKIN_LAB, arms, hands, BOX), patch > 127


def test_a_hand_in_a_pocket_is_covered_by_the_new_top_not_left_as_a_hole() -> None:
    # The back of a hand at an old jacket's pocket was kept in front: a hole of skin in
    # the new top with the old jacket round it.
    person, patch = person_with_a_hand_in_a_pocket()
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    composite = compose(person, garment, layers_for(person, garment))
    core = cv2.erode(patch.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    assert core.sum() > 50
    changed = np.abs(composite.image.astype(int) - before.astype(int)).max(axis=2) > 40
    assert changed[core].mean() > 0.9, changed[core].mean()
    discs = np.zeros(patch.shape, np.uint8)
    for _, centre, radius in pose.hand_discs(person.points, person.visibility, person.shoulder_width):
        if centre[0] < 200:
            cv2.circle(discs, centre, radius, 255, -1)
    value = checks.pocket_hole(before, composite.image, composite.garment, person.mask > 0.5, discs)
    assert checks.faults({"pocket_hole": value}) == [], value


def test_pocket_hole_sees_a_hidden_hand_kept_inside_the_new_top() -> None:
    person, patch = person_with_a_hand_in_a_pocket()
    before = person.image.copy()
    cover = np.zeros(patch.shape, np.float32)
    cover[90:300, 140:260] = 1
    discs = np.zeros(patch.shape, np.uint8)
    cv2.circle(discs, (168, 244), 20, 255, -1)
    drawn = before.copy()
    drawn[cover > 0] = (200, 30, 40)
    assert checks.faults({"pocket_hole": checks.pocket_hole(before, drawn, cover, person.mask > 0.5, discs)}) == []
    holed = drawn.copy()
    holed[patch] = before[patch]
    hole = cover.copy()
    hole[patch] = 0
    value = checks.pocket_hole(before, holed, hole, person.mask > 0.5, discs)
    assert checks.faults({"pocket_hole": value}) == ["pocket_hole"], value
    # Below the new top's hem (a hand in a trouser pocket under a short top) nothing is read.
    short = np.zeros(patch.shape, np.float32)
    short[90:200, 140:260] = 1
    assert checks.pocket_hole(before, holed, short, person.mask > 0.5, discs) == 0.0


def test_a_hand_whose_fingers_show_is_not_in_a_pocket() -> None:
    person, _ = person_with_a_hand_in_front()
    assert not fingers_hidden(person, "right")
    in_pocket, _ = person_with_a_hand_in_a_pocket()
    assert fingers_hidden(in_pocket, "right")
