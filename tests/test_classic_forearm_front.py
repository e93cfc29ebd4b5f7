"""A bare forearm hanging in front of the hips to a hand on the thigh, on drawn photos:
it stays in front of a new bottom, joined to the hand; an arm hanging beside the body is
not taken for one."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.arms import bare_forearms_over_bottom
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
WAIST = 235


def trousers() -> np.ndarray:
    """Flat-lay navy trousers on white."""
    image = np.full((500, 300, 3), 250, np.uint8)
    cv2.fillConvexPoly(
        image, np.array([(90, 40), (210, 40), (230, 470), (160, 470), (150, 200), (140, 470), (70, 470)]), (30, 50, 120)
    )
    return image


def person_with_a_hand_on_the_thigh(in_front: bool = True) -> tuple[Person, np.ndarray]:
    """A person in a grey top and olive shorts, the left forearm bare, from the elbow
    beside the waist down in front of the hip to the hand on the thigh, or hanging down
    beside the body when not `in_front`. Returns the person and the forearm's mask."""
    image = np.full((460, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, WAIST), (150, 150, 155), -1)  # the grey top
    cv2.rectangle(image, (140, WAIST), (260, 340), (110, 100, 60), -1)  # the olive shorts
    cv2.rectangle(image, (145, 340), (255, 440), SKIN_RGB, -1)  # bare legs
    elbow, wrist = ((272, 180), (238, 275)) if in_front else ((272, 180), (280, 260))
    hand_at = (wrist[0] - 4, wrist[1] + 16) if in_front else (wrist[0] + 1, wrist[1] + 16)
    arm = np.zeros(image.shape[:2], np.uint8)
    cv2.line(arm, elbow, wrist, 255, 22)
    image[arm > 0] = SKIN_RGB
    cv2.circle(image, hand_at, 15, SKIN_RGB, -1)
    cv2.line(image, (150, 180), (145, 260), SKIN_RGB, 22)  # the right arm beside the body
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = (235, 260), (165, 260)
    points[[p.L_ELBOW, p.R_ELBOW]] = elbow, (150, 180)
    points[[p.L_WRIST, p.R_WRIST]] = wrist, (145, 260)
    points[[p.L_KNEE, p.R_KNEE]] = (235, 380), (165, 380)
    points[[p.L_ANKLE, p.R_ANKLE]] = (235, 440), (165, 440)
    points[list(p.HAND_POINTS[0][1:])] = hand_at, hand_at, hand_at
    points[list(p.HAND_POINTS[1][1:])] = (144, 272), (144, 274), (146, 272)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    mask[60:445, 125:295] = 1
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB), arm > 0


def _over_the_shorts(arm: np.ndarray) -> np.ndarray:
    """The forearm's pixels over the old shorts, less its outermost ones and the hand's."""
    middle = cv2.erode(arm.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    middle[: WAIST + 2] = False
    middle[268:] = False
    return middle


def test_a_bare_forearm_in_front_of_the_hips_stays_in_front_of_new_trousers() -> None:
    person, arm = person_with_a_hand_on_the_thigh()
    before = person.image.copy()
    garment = analyse_garment(trousers(), swap_target="bottom", hint=None)
    composite = compose(person, garment, layers_for(person, garment))
    middle = _over_the_shorts(arm)
    assert middle.sum() > 200
    changed = checks.hand_changed(before, composite.image, middle)
    assert changed is not None and checks.faults({"arm_changed": changed}) == [], changed


def test_arm_changed_fails_the_forearm_in_front_of_the_hips_covered() -> None:
    person, arm = person_with_a_hand_on_the_thigh()
    kept = bare_forearms_over_bottom(person)
    middle = _over_the_shorts(arm)
    assert (kept[middle]).mean() > 0.9
    # Nothing of the shorts beside it is taken for the arm.
    assert not (kept & ~arm)[WAIST + 2 : 268].any()
    own = cv2.erode(kept.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    covered = person.image.copy()
    covered[WAIST:340, 140:260] = (30, 50, 120)
    assert checks.faults({"arm_changed": checks.hand_changed(person.image, covered, own)}) == ["arm_changed"]


def test_an_arm_hanging_beside_the_body_is_not_in_front_of_the_hips() -> None:
    person, _ = person_with_a_hand_on_the_thigh(in_front=False)
    assert not bare_forearms_over_bottom(person).any()
