"""An arm bared from a long sleeve: as wide as the body (its hand) makes it, not the sleeve."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import sleeve_arm
from fitroom.engines.classic.body import _ARMS, limbs, torso_frame
from fitroom.engines.classic.person import Person
from tests.support.rebuilt import ARMS
from tests.test_classic_engine import drawn_person

DARK = (20, 20, 24)


def wide_sleeves(to_wrist: bool = True) -> tuple[Person, np.ndarray, np.ndarray]:
    """A drawn person in a dark sweater whose loose sleeves, 44 px across, reach the
    wrists (or only the elbows), slim hands (14 px across) showing beyond the cuffs; the
    sweater's mask and the hands'. Only the person is on the person mask."""
    image = np.full((420, 400, 3), 235, np.uint8)
    old = np.zeros(image.shape[:2], np.uint8)
    cv2.rectangle(old, (150, 90), (250, 270), 1, -1)
    for shoulder, elbow, wrist in ARMS:
        cv2.line(old, shoulder, elbow, 1, 44)
        if to_wrist:
            # Square at the cuff: the hand shows right below the wrist.
            v = np.subtract(wrist, elbow, dtype=np.float32)
            side = np.array([-v[1], v[0]]) / np.hypot(*v) * 22
            quad = [np.add(elbow, side), np.add(wrist, side), np.subtract(wrist, side), np.subtract(elbow, side)]
            cv2.fillConvexPoly(old, np.round(quad).astype(np.int32), 1)
    person = drawn_person(image)
    tone = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    arms = np.zeros(image.shape[:2], np.uint8)
    if not to_wrist:
        for _, elbow, wrist in ARMS:
            cv2.line(arms, elbow, wrist, 1, 16)
    hands = np.zeros(image.shape[:2], np.uint8)
    for centre in ((281, 265), (119, 265)):
        cv2.ellipse(hands, centre, (7, 14), 0, 0, 360, 1, -1)
    hands &= 1 - old
    image[old > 0] = DARK
    image[(hands | arms) & (1 - old) > 0] = tone
    mask = ((old > 0) | (hands > 0) | (arms > 0)).astype(np.float32)
    return replace(drawn_person(image), image=image, mask=mask), old > 0, hands > 0


def test_an_arm_bared_from_a_long_sleeve_is_as_wide_as_its_hand_makes_it() -> None:
    """Inside a loose sleeve to the wrist the arm took the proportions' width off the
    shoulders: its upper arm reached 2.1 hands' half widths out from the bone halfway to
    the elbow, a slab as wide as the sleeve above a slim hand. It tapers from the
    shoulder to an elbow 1.45 wrists wide now, under `UPPER_OVER_HAND_MOST`."""
    person, old, hands = wide_sleeves()
    frame = torso_frame(person)
    limb, _ = limbs(person, frame, SwapTarget.TOP, old)
    arms = [tuple(person.pt(i) for i in chain) for chain in _ARMS]
    ratio = checks.upper_arm_over_hand(limb > 0.5, hands, arms, frame.width)
    assert ratio is not None and ratio < checks.UPPER_OVER_HAND_MOST, ratio


def test_an_arm_below_a_short_sleeve_is_left_to_its_own_forearm() -> None:
    """Below a sleeve that ends at the elbow the arm's own forearm shows: the sleeve is
    not long, and the arm's width is left to what the forearm shows (`own_arm_scales`)."""
    person, old, _ = wide_sleeves(to_wrist=False)
    assert not any(sleeve_arm.long_sleeved(person, chain, old) for chain in _ARMS)
    long_person, long_old, _ = wide_sleeves()
    assert all(sleeve_arm.long_sleeved(long_person, chain, long_old) for chain in _ARMS)


def test_a_misread_wrist_does_not_make_the_arm_a_stick_and_an_unseen_one_changes_nothing() -> None:
    """The wrist sets the elbow's radius, never below the proportions' least; the
    shoulder's stays; a wrist no narrower than the proportions' (no hand seen) leaves
    them all."""
    assert sleeve_arm.from_wrist((15.0, 11.0, 2.0), 6.6, 7.5) == (15.0, 6.6, 2.0)
    assert sleeve_arm.from_wrist((15.0, 11.0, 6.0), 6.6, 7.5) == (15.0, 8.7, 6.0)
    assert sleeve_arm.from_wrist((17.0, 11.0, 7.5), 6.6, 7.5) == (17.0, 11.0, 7.5)


def test_a_narrowed_arm_keeps_its_inner_side_against_the_body() -> None:
    """Narrowed about its bone, the arm stood apart from the new top by a strip of the
    backdrop: its elbow moves towards the body's middle by as much as it was narrowed,
    so its inner side stays where the sleeve's was, on either side of the body."""
    frame = torso_frame(wide_sleeves()[0])
    left, right = np.float32([275, 180]), np.float32([125, 180])
    assert np.allclose(sleeve_arm.against_body(left, frame, 4.0), (271, 180))
    assert np.allclose(sleeve_arm.against_body(right, frame, 4.0), (129, 180))
    assert np.allclose(sleeve_arm.against_body(left, frame, 0.0), left)
