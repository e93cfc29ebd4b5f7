"""Forearms crossed in front of the torso or raised in front of the shoulder, on drawn
photos: a bare one stays in front of the new garment; one crossed in a sleeve makes a
top or dress refuse the pose."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.base import EngineError
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.arms import (
    FOREARM_WIDTH,
    WRIST_PAST,
    bare_forearms_in_front,
    crossed_forearms,
    raised_forearms,
    refuse_crossed_sleeves,
)
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment, long_sleeved
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
SLEEVE_RGB = (90, 110, 80)  # a green coat's sleeve
ELBOW, WRIST = (150, 185), (240, 195)
BANGLE_RGB = (20, 20, 22)  # a black bangle, the old top's colour


def red_tee() -> np.ndarray:
    """A flat-lay red tee on white, sleeves out to the sides."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (120, 60), (280, 400), (200, 30, 40), -1)
    cv2.fillConvexPoly(image, np.array([(120, 60), (40, 150), (75, 185), (120, 140)]), (200, 30, 40))
    cv2.fillConvexPoly(image, np.array([(280, 60), (360, 150), (325, 185), (280, 140)]), (200, 30, 40))
    return image


def person_with_a_forearm_across(
    colour: tuple[int, ...],
    across: bool = True,
    bones: tuple[tuple[int, int], tuple[int, int]] = (ELBOW, WRIST),
    hips: tuple[tuple[int, int], tuple[int, int]] = ((235, 260), (165, 260)),
) -> tuple[Person, np.ndarray]:
    """A person in a black top, the right forearm (in `colour`, from elbow to wrist as
    `bones`) across the stomach, or hanging down the side when not `across`; the hip
    joints (left, right) at `hips`. Returns the person and the forearm's mask."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 300), (15, 15, 18), -1)  # the black top
    elbow, wrist = bones if across else ((140, 185), (138, 260))
    arm = np.zeros(image.shape[:2], np.uint8)
    cv2.line(arm, elbow, wrist, 255, 22)
    image[arm > 0] = colour
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = hips
    points[[p.L_ELBOW, p.R_ELBOW]] = (275, 180), elbow
    points[[p.L_WRIST, p.R_WRIST]] = (280, 250), wrist
    points[[p.L_KNEE, p.R_KNEE]] = (235, 380), (165, 380)
    points[list(p.HAND_POINTS[0][1:])] = (282, 262), (284, 264), (283, 258)
    points[list(p.HAND_POINTS[1][1:])] = wrist, wrist, wrist
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    mask[60:400, 120:280] = 1
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB), arm > 0


def test_a_bare_forearm_across_the_body_stays_in_front_of_a_new_top() -> None:
    person, arm = person_with_a_forearm_across(SKIN_RGB)
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    # The forearm's middle, off the hand's disc at the wrist, less its outermost pixels.
    middle = cv2.erode(arm.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    middle[:, 200:] = False
    assert middle.sum() > 500
    changed = checks.hand_changed(before, out, middle)
    assert changed is not None and checks.faults({"arm_changed": changed}) == [], changed


def person_with_a_bangle() -> tuple[Person, np.ndarray, np.ndarray]:
    """`person_with_a_forearm_across` in skin, a black bangle (the top's colour) round
    the forearm's wrist half. Returns the person, the forearm's and the bangle's masks."""
    person, arm = person_with_a_forearm_across(SKIN_RGB)
    bangle = arm.copy()
    bangle[:, :203] = False
    bangle[:, 215:] = False
    person.image[bangle] = BANGLE_RGB
    return person, arm, bangle


def _arm_cut(person: Person, after: np.ndarray) -> float | None:
    """`checks.arm_cut` as `fitroom eval` reads it on the crossed forearm."""
    own = cv2.erode(bare_forearms_in_front(person).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    bones = [
        (arm.elbow, arm.wrist, arm.wrist + (arm.wrist - arm.elbow) * WRIST_PAST) for arm in crossed_forearms(person)
    ]
    width = person.shoulder_width
    half, core = FOREARM_WIDTH / 2 * width, checks.ARM_CORE * width
    return checks.arm_cut(person.image, after, own, bones, checks.ARM_STRIP * width, half, core)


def test_a_bangle_on_a_bare_forearm_across_the_body_stays_on_it_over_a_new_top() -> None:
    person, _, bangle = person_with_a_bangle()
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    # Drawn through it, the new top showed as a red ring across the arm.
    inner = cv2.erode(bangle.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert inner.sum() > 80
    changed = checks.hand_changed(before, out, inner)
    assert changed is not None and changed < 0.05, changed
    cut = _arm_cut(person, out)
    assert cut is not None and checks.faults({"arm_cut": cut}) == [], cut


def test_arm_cut_fails_a_bangle_on_the_forearm_drawn_over() -> None:
    person, arm, bangle = person_with_a_bangle()
    kept = bare_forearms_in_front(person)
    assert kept[bangle].mean() > 0.9
    # Nothing of the top beside the arm is taken for it.
    assert not (kept & ~cv2.dilate(arm.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)).any()
    covered = person.image.copy()
    covered[bangle] = (200, 30, 40)
    # A small share of the whole arm, all of the strips across it at the bangle.
    own = cv2.erode(kept.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    assert checks.faults({"arm_changed": checks.hand_changed(person.image, covered, own)}) == []
    assert checks.faults({"arm_cut": _arm_cut(person, covered)}) == ["arm_cut"]


def test_a_forearm_folded_at_a_slim_waist_is_across_the_body() -> None:
    # The hip joints close together: the elbow's end of the forearm lies outside the
    # shoulders-hips quad, and the forearm, drawn over, was lost to the new top.
    person, arm = person_with_a_forearm_across(SKIN_RGB, bones=((135, 190), (235, 198)), hips=((215, 260), (185, 260)))
    found = crossed_forearms(person)
    assert [(forearm.side, forearm.bare) for forearm in found] == [("right", True)]
    middle = cv2.erode(arm.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    middle[:, 215:] = False
    assert bare_forearms_in_front(person)[middle].mean() > 0.95


@pytest.mark.parametrize("category", ["top", "dress"])
def test_a_sleeved_forearm_across_the_body_refuses_a_top_or_dress(category: str) -> None:
    person, _ = person_with_a_forearm_across(SLEEVE_RGB)
    with pytest.raises(EngineError) as refused:
        refuse_crossed_sleeves(person, category)
    assert refused.value.code == "pose_not_supported"
    assert "crossed in front of the body in sleeves" in str(refused.value)


def test_a_bare_forearm_held_out_partly_hidden_is_not_refused_as_a_sleeve() -> None:
    # A bare forearm whose wrist half is hidden by what the hand holds out (a fruit):
    # under `BARE` skin, so still refused, but not told it wears a sleeve.
    person, arm = person_with_a_forearm_across(SKIN_RGB)
    held = arm.copy()
    held[:, :195] = False
    person.image[held] = SLEEVE_RGB
    (forearm,) = crossed_forearms(person)
    assert not forearm.bare
    with pytest.raises(EngineError) as refused:
        refuse_crossed_sleeves(person, "top")
    assert refused.value.code == "pose_not_supported"
    assert "sleeves" not in str(refused.value)
    assert "only partly seen as bare skin" in str(refused.value)


def test_bottoms_and_arms_at_the_sides_are_not_refused() -> None:
    person, _ = person_with_a_forearm_across(SLEEVE_RGB)
    refuse_crossed_sleeves(person, "bottom")
    hanging, _ = person_with_a_forearm_across(SLEEVE_RGB, across=False)
    assert crossed_forearms(hanging) == []
    refuse_crossed_sleeves(hanging, "top")


def test_arm_cut_reads_the_middle_of_the_arm_where_its_mask_left_the_bangle_out() -> None:
    # As the engine read the arm before it kept what the arm wears: the skin only.
    person, arm, bangle = person_with_a_bangle()
    own = cv2.erode((arm & ~bangle).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    covered = person.image.copy()
    covered[bangle] = (200, 30, 40)
    width = person.shoulder_width
    half, core = FOREARM_WIDTH / 2 * width, checks.ARM_CORE * width
    cut = checks.arm_cut(person.image, covered, own, [(ELBOW, WRIST, WRIST)], checks.ARM_STRIP * width, half, core)
    assert checks.faults({"arm_cut": cut}) == ["arm_cut"]
    kept = checks.arm_cut(
        person.image, person.image, own, [(ELBOW, WRIST, WRIST)], checks.ARM_STRIP * width, half, core
    )
    assert checks.faults({"arm_cut": kept}) == []


#: A right forearm folded up from an elbow below the shoulder to a hand at the chin (a
#: phone held up to a mirror): it runs up over the top's shoulder, not across the body.
RAISED_BONES = ((152, 215), (170, 105))


def test_a_bare_forearm_raised_in_front_of_the_shoulder_stays_in_front_of_a_new_top() -> None:
    person, arm = person_with_a_forearm_across(SKIN_RGB, bones=RAISED_BONES)
    assert crossed_forearms(person) == []
    assert [forearm.side for forearm in raised_forearms(person)] == ["right"]
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    # The forearm's middle, off the hand's disc at the wrist, less its outermost pixels:
    # drawn over, the new top's body and sleeve hid it.
    middle = cv2.erode(arm.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    middle[:135] = False
    assert middle.sum() > 500
    changed = checks.hand_changed(before, out, middle)
    assert changed is not None and checks.faults({"arm_changed": changed}) == [], changed


def long_red_top() -> np.ndarray:
    """`red_tee` with sleeves hanging down beside the body to its hem."""
    image = red_tee()
    image[:] = 255
    cv2.rectangle(image, (120, 60), (280, 400), (200, 30, 40), -1)
    cv2.fillConvexPoly(image, np.array([(120, 60), (60, 390), (100, 395), (120, 140)]), (200, 30, 40))
    cv2.fillConvexPoly(image, np.array([(280, 60), (340, 390), (300, 395), (280, 140)]), (200, 30, 40))
    return image


def test_a_raised_forearm_is_inside_a_new_long_sleeve() -> None:
    tee = analyse_garment(red_tee(), swap_target="top", hint=None)
    long_top = analyse_garment(long_red_top(), swap_target="top", hint=None)
    assert not long_sleeved(tee)
    assert long_sleeved(long_top)
    person, arm = person_with_a_forearm_across(SKIN_RGB, bones=RAISED_BONES)
    middle = cv2.erode(arm.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    middle[:135] = False
    assert bare_forearms_in_front(person)[middle].mean() > 0.95
    assert not bare_forearms_in_front(person, raised=False)[middle].any()


def test_a_raised_forearm_in_a_sleeve_or_above_the_shoulder_is_not_kept() -> None:
    # In a sleeve it is the old garment's, left to the new sleeve.
    sleeved, _ = person_with_a_forearm_across(SLEEVE_RGB, bones=RAISED_BONES)
    assert raised_forearms(sleeved) == []
    # An elbow at the shoulder's height holds the forearm up beside the head.
    high, _ = person_with_a_forearm_across(SKIN_RGB, bones=((130, 100), (140, 20)))
    assert raised_forearms(high) == []


def test_raised_arm_changed_fails_a_raised_forearm_drawn_over() -> None:
    person, arm = person_with_a_forearm_across(SKIN_RGB, bones=RAISED_BONES)
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    kept = checks.raised_arm_changed(before, out, arm)
    assert kept is not None and checks.faults({"raised_arm_changed": kept}) == [], kept
    # The new top's body and sleeve drawn over it, as before the forearm was kept.
    covered = person.image.copy()
    covered[arm] = (200, 30, 40)
    changed = checks.raised_arm_changed(person.image, covered, arm)
    assert checks.faults({"raised_arm_changed": changed}) == ["raised_arm_changed"]
    assert checks.raised_arm_changed(person.image, covered, np.zeros(arm.shape, bool)) is None
