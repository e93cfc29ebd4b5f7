"""A striped sleeve hanging down to a hand in a trouser pocket, on drawn photos: its
stripes are the trousers' navy, yet the sleeve and its cuff stay in front of new
trousers, untouched (`sleeve_changed`); covered or rebuilt, the check fails them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import composite
from fitroom.engines.classic.arms import sleeves_over_bottom
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.upright import lab_rgb, upright

SKIN_LAB = np.array([120, 150, 150], np.float32)  # OpenCV's 8-bit Lab: brown skin
SKIN_RGB = lab_rgb(SKIN_LAB)
NAVY = (28, 34, 70)
GREY = (165, 160, 170)
WAIST = 235
ELBOW, WRIST = (276, 180), (252, 272)
LINE = 6


def jeans() -> np.ndarray:
    """Flat-lay light blue jeans on white."""
    image = np.full((500, 300, 3), 250, np.uint8)
    cv2.fillConvexPoly(
        image,
        np.array([(90, 40), (210, 40), (230, 470), (160, 470), (150, 200), (140, 470), (70, 470)]),
        (110, 150, 200),
    )
    return image


def person_with_a_hand_in_a_pocket() -> tuple[Person, np.ndarray]:
    """A person in a grey cardigan striped with navy, down to a navy-ribbed cuff, and navy
    trousers; the left forearm hangs from the elbow beside the waist to the hand in the
    trousers' pocket at the hip. Returns the person and the sleeve's mask below the waist."""
    image = np.full((460, 400, 3), 240, np.uint8)
    cv2.rectangle(image, (140, 90), (260, WAIST), GREY, -1)  # the cardigan
    cv2.rectangle(image, (140, WAIST), (260, 440), NAVY, -1)  # the navy trousers
    sleeve = np.zeros(image.shape[:2], np.uint8)
    cv2.line(sleeve, ELBOW, WRIST, 255, 26)
    image[sleeve > 0] = GREY
    # The sleeve's stripes across it and its ribbed cuff: the trousers' navy, in lines
    # narrower than the plain cloth's.
    ys, xs = np.nonzero(sleeve)
    stripes = ((ys // 4) % 3 == 0) | ((ys > WRIST[1] - 22) & ((ys // 2) % 2 == 0))
    image[ys[stripes], xs[stripes]] = NAVY
    cv2.line(image, (150, 180), (145, 260), GREY, 26)  # the right sleeve beside the body
    cv2.circle(image, (144, 274), 12, SKIN_RGB, -1)  # its hand
    arms = (ELBOW, WRIST), ((150, 180), (145, 260))
    hands = ((250, 284), (252, 286), (248, 284)), ((144, 272), (144, 274), (146, 272))  # the first in the pocket
    person = upright(image, SKIN_LAB, arms, hands, (slice(60, 445), slice(125, 295)), ((235, 440), (165, 440)))
    below = sleeve > 0
    below[: WAIST + 2] = False
    return person, below


def _core(person: Person) -> np.ndarray:
    """The left forearm's middle, elbow to nine tenths of the way to the wrist."""
    core = np.zeros(person.mask.shape, np.uint8)
    end = np.array(ELBOW) + (np.array(WRIST) - np.array(ELBOW)) * 0.9
    cv2.line(core, ELBOW, (int(end[0]), int(end[1])), 1, 13)
    return core > 0


def _navy_lab() -> np.ndarray:
    return cv2.cvtColor(np.float32([[NAVY]]) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)


def _sleeve_changed(person: Person, before: np.ndarray, after: np.ndarray) -> float | None:
    return checks.sleeve_changed(before, after, _core(person), _navy_lab(), LINE)


def test_a_striped_sleeve_hanging_to_a_pocket_stays_in_front_of_new_trousers() -> None:
    person, below = person_with_a_hand_in_a_pocket()
    before = person.image.copy()
    garment = analyse_garment(jeans(), swap_target="bottom", hint=None)
    result = compose(person, garment, layers_for(person, garment))
    middle = cv2.erode(below.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert middle.sum() > 200
    changed = _sleeve_changed(person, before, result.image)
    assert changed is not None and checks.faults({"sleeve_changed": changed}) == [], changed
    assert float(np.mean(np.abs(result.image[middle].astype(int) - before[middle]).max(axis=1) > 40)) < 0.1
    # The trousers round the sleeve are the new jeans.
    assert result.garment[300:400, 180:220].mean() > 0.9


def test_sleeve_changed_fails_a_sleeve_rebuilt_at_the_hips(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the sleeve kept, its navy stripes pass for the trousers: the sleeve at the
    hips is rebuilt or covered by the new jeans, and the check fails it."""
    person, _ = person_with_a_hand_in_a_pocket()
    before = person.image.copy()
    garment = analyse_garment(jeans(), swap_target="bottom", hint=None)
    monkeypatch.setattr(composite, "sleeves_over_bottom", lambda p: np.zeros(p.mask.shape, bool))
    result = compose(person, garment, layers_for(person, garment))
    assert checks.faults({"sleeve_changed": _sleeve_changed(person, before, result.image)}) == ["sleeve_changed"]


def test_the_sleeve_is_found_whole_and_none_of_the_trousers_beside_it() -> None:
    person, below = person_with_a_hand_in_a_pocket()
    kept = sleeves_over_bottom(person)
    middle = cv2.erode(below.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert kept[middle].mean() > 0.9
    beside = ~cv2.dilate(below.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    trousers = np.all(person.image == NAVY, axis=2) & beside
    assert np.count_nonzero((kept & trousers)[WAIST + 2 :]) < 0.01 * np.count_nonzero(below)


def test_a_sleeve_of_the_bottoms_own_colour_keeps_its_middle_to_the_wrist() -> None:
    """A knit set: the sleeve is the skirt's beige, and colour cannot tell them apart. The
    forearm's middle is kept to the wrist, none of the pocket below it."""
    person, below = person_with_a_hand_in_a_pocket()
    beige = (190, 165, 140)
    image = person.image
    image[np.all(image == NAVY, axis=2) | np.all(image == GREY, axis=2)] = beige
    kept = sleeves_over_bottom(person)
    core = np.zeros(below.shape, np.uint8)
    cv2.line(core, ELBOW, WRIST, 1, 9)
    middle = (core > 0) & below
    assert middle.sum() > 100
    assert kept[middle].mean() > 0.9
    assert not kept[WRIST[1] + 10 :, 200:].any()


def test_a_bare_forearm_keeps_its_skin_and_none_of_the_seams_beside_it() -> None:
    """A bare forearm over jeans whose seams and pocket edges (darker lines, none of the
    jeans' plain cloth) run beside it: only the arm's skin is kept."""
    person, below = person_with_a_hand_in_a_pocket()
    image = person.image
    line = np.zeros(below.shape, np.uint8)
    cv2.line(line, ELBOW, WRIST, 1, 26)
    arm = line > 0
    image[np.all(image == NAVY, axis=2)] = (110, 150, 200)  # the jeans
    image[arm] = SKIN_RGB
    for x in range(206, 240, 9):  # seams beside the arm
        cv2.line(image, (x, WAIST + 4), (x + 6, 330), (60, 80, 120), 2)
    image[arm] = SKIN_RGB
    kept = sleeves_over_bottom(person)
    assert kept[below & arm].mean() > 0.9
    near = cv2.dilate(arm.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert not (kept & ~near)[WAIST:, 200:].any()
