"""Arms hanging beside the torso, on drawn photos: a new top's or dress's body panel goes
under them, and a bare arm's soft, shaded outline is not taken for an old sleeve."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.arms import KEPT_BARE, KEPT_FROM, KEPT_WIDEN, _cleaned, _cleaned_round, bare_arms_beside
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
SHADE_RGB = (120, 80, 60)  # the arm's shaded edge: darker than the skin test allows
BACKDROP = 225
#: Each arm: shoulder, elbow and wrist (picture left arm first), the arm 30 px wide, its
#: inner edge against the torso.
ARMS = (((150, 100), (146, 185), (144, 265)), ((250, 100), (254, 185), (256, 265)))
#: The pose's bones run this far (px) out from the arms' middles, as mediapipe's often do.
OFF_MIDDLE = 7


def red_tank() -> np.ndarray:
    """A flat-lay red sleeveless top on white, as wide as a boxy tee's body."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (100, 60), (300, 400), (200, 30, 40), -1)
    return image


def person_with_arms_beside() -> tuple[Person, np.ndarray]:
    """A person in a black top, bare arms hanging against its sides, each arm with a
    shaded edge and a soft outline against the backdrop. Returns the person and the
    arms' skin below the armpits."""
    image = np.full((420, 400, 3), BACKDROP, np.uint8)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    cv2.rectangle(image, (160, 90), (240, 300), (15, 15, 18), -1)  # the black top
    mask[90:400, 160:240] = 1
    skin = np.zeros((h, w), np.uint8)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(mask, a, b, 0.5, 34)  # the soft outline: half arm, half backdrop
            cv2.line(image, a, b, SHADE_RGB, 30)
            cv2.line(mask, a, b, 1.0, 30)
            cv2.line(skin, a, b, 255, 22)
    mask[90:400, 160:240] = 1
    image[skin > 0] = SKIN_RGB
    rim = (mask > 0.2) & (mask < 0.9)
    image[rim] = ((np.asarray(SHADE_RGB) + BACKDROP) // 2).astype(np.uint8)
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.R_SHOULDER, p.R_ELBOW, p.R_WRIST]] = np.asarray(ARMS[0]) - (OFF_MIDDLE, 0)
    points[[p.L_SHOULDER, p.L_ELBOW, p.L_WRIST]] = np.asarray(ARMS[1]) + (OFF_MIDDLE, 0)
    points[[p.L_HIP, p.R_HIP]] = (225, 260), (175, 260)
    points[[p.L_KNEE, p.R_KNEE]] = (225, 380), (175, 380)
    for (_, _, wrist), hand in zip(ARMS[::-1], p.HAND_POINTS, strict=True):
        points[list(hand[1:])] = wrist[0], wrist[1] + 12
    empty = np.zeros((h, w), np.uint8)
    below = np.zeros((h, w), bool)
    below[135:250] = True  # below the shoulders' caps, above the hands
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB), (skin > 0) & below


def test_a_bare_arms_shaded_outline_is_no_old_sleeve() -> None:
    person, arms = person_with_arms_beside()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    edge = cv2.dilate(arms.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    beside = edge & ~arms & (person.mask > 0.2)
    beside[:, 160:240] = False  # the old top itself
    assert beside.sum() > 200
    assert np.count_nonzero(old & beside) < 0.05 * beside.sum()


@pytest.mark.parametrize("category", ["top", "dress"])
def test_arms_hanging_beside_stay_in_front_of_a_new_sleeveless_panel(category: str) -> None:
    person, arms = person_with_arms_beside()
    before = person.image.copy()
    garment = analyse_garment(red_tank(), swap_target=category, hint=None)
    result = compose(person, garment, layers_for(person, garment))
    assert bare_arms_beside(person, torso_frame(person))[arms].mean() > 0.9
    changed = checks.arm_beside_changed(before, result.image, arms, arms)
    assert changed is not None and checks.faults({"arm_beside_changed": changed}) == [], changed
    # ...and the garment still covers the torso between them.
    assert result.garment[150:200, 175:225].mean() > 0.9


#: A sports bra's cyan, and skin in shade: the arms and the midriff beside the bra are
#: darker and warmer than the face the person's tone is read from.
BRA_RGB = (40, 190, 210)
SHADED_LAB = np.array([136, 154, 165], np.float32)
FACE_LAB = np.array([197, 145, 163], np.float32)


def person_in_a_sports_bra() -> tuple[Person, np.ndarray]:
    """A person in a sports bra that leaves the midriff bare, bare arms beside it, all
    skin in the same shade. Returns the person and the arms' skin below the shoulders'
    caps."""
    shaded = tuple(int(v) for v in cv2.cvtColor(SHADED_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
    person, _ = person_with_arms_beside()
    image = person.image.copy()
    mask = person.mask.copy()
    arms = np.zeros(mask.shape, np.uint8)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(arms, a, b, 255, 30)
    image[(arms > 0) | (mask > 0.9)] = shaded
    image[(mask > 0.2) & (mask < 0.9)] = ((np.asarray(shaded) + BACKDROP) // 2).astype(np.uint8)
    image[90:175, 183:217] = BRA_RGB  # across the chest: bra in the middle, skin beside it
    image[90:130, 160:240] = BRA_RGB
    below = np.zeros(mask.shape, bool)
    below[135:250] = True
    inner = cv2.erode(arms, np.ones((9, 9), np.uint8)) > 0
    return Person(image, person.points, person.visibility, mask, person.hands, person.face, FACE_LAB), inner & below


def test_bare_arms_stay_their_own_when_skin_shows_beside_the_old_top() -> None:
    person, arms = person_in_a_sports_bra()
    before = person.image.copy()
    garment = analyse_garment(red_tank(), swap_target="top", hint=None)
    result = compose(person, garment, layers_for(person, garment))
    value = checks.arm_ghost(before, result.image, arms, result.garment)
    assert value is not None and checks.faults({"arm_ghost": value}) == [], value


def test_bare_arms_are_the_same_asked_alone_or_after_other_settings() -> None:
    """Placement and compositing ask for the arms with different settings and share the
    skin tests of the widest box: each answer is what it is when asked alone."""
    settings = ((), (KEPT_FROM, KEPT_WIDEN, KEPT_BARE))
    alone = []
    for setting in settings:
        person, _ = person_in_a_sports_bra()
        alone.append(bare_arms_beside(person, torso_frame(person), *setting).copy())
    for order in (settings, settings[::-1]):
        person, _ = person_in_a_sports_bra()
        for setting in order:
            assert np.array_equal(
                bare_arms_beside(person, torso_frame(person), *setting), alone[settings.index(setting)]
            )
    assert alone[1].sum() > alone[0].sum() > 0


def test_arm_skin_cleaned_round_each_arm_is_the_whole_boxs_along_the_arms() -> None:
    """The closing and opening of the arms' skin run in each arm's box only: along the
    arms (all that is read of it) the answer is the whole box's, speckled skin included."""
    person, _ = person_with_arms_beside()
    rng = np.random.default_rng(1)
    skin = cv2.GaussianBlur(rng.random(person.mask.shape).astype(np.float32), (0, 0), 2) > 0.5
    half = 20.0
    arms, along = [], np.zeros(skin.shape, np.uint8)
    for shoulder, elbow, wrist in ARMS:
        bones = []
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            part = np.zeros(skin.shape, np.uint8)
            cv2.line(part, a, b, 255, 3)
            cv2.line(along, a, b, 255, int(2 * half))
            bones.append((part, part > 0, (a, b), 0.18))
        arms.append(bones)
    round_arms = _cleaned_round(skin, person, arms, half)
    whole = _cleaned(skin, person)
    assert np.array_equal(round_arms[along > 0], whole[along > 0])
    assert whole[along > 0].any() and not whole[along > 0].all()


def person_in_a_crop_top() -> Person:
    """A person in a black crop top over navy trousers, the midriff bare between them,
    bare arms 20 px wide hanging against the sides: the waist's skin meets the arms'."""
    image = np.full((420, 400, 3), BACKDROP, np.uint8)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(mask, a, b, 0.5, 24)
            cv2.line(mask, a, b, 1.0, 20)
    mask[90:400, 156:244] = 1
    image[mask > 0.9] = SKIN_RGB
    image[(mask > 0.2) & (mask < 0.9)] = ((np.asarray(SKIN_RGB) + BACKDROP) // 2).astype(np.uint8)
    image[90:200, 156:244] = (15, 15, 18)  # the crop top
    image[235:400, 156:244] = (30, 35, 80)  # the trousers
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.R_SHOULDER, p.R_ELBOW, p.R_WRIST]] = np.asarray(ARMS[0]) - (3, 0)
    points[[p.L_SHOULDER, p.L_ELBOW, p.L_WRIST]] = np.asarray(ARMS[1]) + (3, 0)
    points[[p.L_HIP, p.R_HIP]] = (225, 260), (175, 260)
    points[[p.L_KNEE, p.R_KNEE]] = (225, 380), (175, 380)
    for (_, _, wrist), hand in zip(ARMS[::-1], p.HAND_POINTS, strict=True):
        points[list(hand[1:])] = wrist[0], wrist[1] + 12
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB)


def test_a_bare_waist_beside_the_arms_is_no_arm() -> None:
    """The bare waist's skin joins the arms' beside it; taken for the arms (kept in
    front), it cut holes in a new top's sides. The arms end at their own width: the new
    top covers the waist beside them, and the arms stay."""
    person = person_in_a_crop_top()
    frame = torso_frame(person)
    waist = np.zeros(person.mask.shape, bool)
    waist[205:230, 164:236] = True
    arms = np.zeros(person.mask.shape, np.uint8)
    for shoulder, elbow, wrist in ARMS:
        cv2.line(arms, shoulder, elbow, 255, 14)
        cv2.line(arms, elbow, wrist, 255, 14)
    arms[:135] = 0
    for setting in ((), (KEPT_FROM, KEPT_WIDEN, KEPT_BARE)):
        found = bare_arms_beside(person, frame, *setting)
        assert found[waist].max() < 0.5, setting
        assert found[arms > 0].mean() > 0.9, setting
    garment = analyse_garment(red_tank(), swap_target="top", hint=None)
    result = compose(person, garment, layers_for(person, garment))
    assert result.garment[waist].mean() > 0.95
