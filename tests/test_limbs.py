"""Rebuilt limbs: right up to the hands, as wide as the body shows them, in the tone of
the skin nearest them."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic import skin
from fitroom.engines.classic.composite import Composite, _compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.warp import Layer
from tests.test_classic_engine import drawn_person, tee

DARK = (20, 20, 24)


def sleeved_person() -> tuple[np.ndarray, np.ndarray]:
    """A drawn person in a dark long-sleeved top whose hands show beyond the cuffs, and
    the mask of those hands."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (150, 90), (250, 270), DARK, -1)
    for shoulder, elbow, wrist in (((250, 100), (275, 180), (280, 250)), ((150, 100), (125, 180), (120, 250))):
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
