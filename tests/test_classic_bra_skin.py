"""A sports bra with the midriff bare, on a drawn photo: the skin read across the chest
beside the bra is the person's own, not the old top's colour, so the bare arms held out
on the hips stay as shot under a new top."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.person import Person
from tests.support.figure import body_points

FACE_LAB = np.array([197, 145, 163], np.float32)  # OpenCV's 8-bit Lab
#: The body in the sun: a little lighter than the face the tone is read from, so the arms
#: are nearer the skin read across the midriff than the face's tone.
LIT_LAB = FACE_LAB + np.array([8, -2, 0], np.float32)
BRA_RGB = (40, 190, 210)
SKY = (175, 205, 228)
#: Each arm: shoulder, elbow (held out from the body) and wrist (the hand on the hip).
ARMS = (((150, 100), (112, 175), (162, 240)), ((250, 100), (288, 175), (238, 240)))


def _rgb(lab: np.ndarray) -> tuple[int, int, int]:
    r, g, b = cv2.cvtColor(lab.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0]
    return int(r), int(g), int(b)


def person_in_a_sports_bra() -> tuple[Person, np.ndarray]:
    """A person in a cyan sports bra and black leggings before a blue sky, the midriff
    and the arms bare, the elbows held out and the hands on the hips. Returns the person
    and the arms' skin off the torso and the hands."""
    image = np.full((420, 400, 3), SKY, np.uint8)
    h, w = image.shape[:2]
    body = np.zeros((h, w), np.uint8)
    cv2.rectangle(body, (165, 90), (235, 400), 255, -1)
    arms = np.zeros((h, w), np.uint8)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(arms, a, b, 255, 24)
    image[(body > 0) | (arms > 0)] = _rgb(LIT_LAB)
    image[90:140, 165:235] = BRA_RGB  # the bra's band across the chest
    image[90:175, 188:212] = BRA_RGB  # its middle down to the chest line: skin beside it
    image[255:400, 165:235] = (20, 20, 24)  # the leggings
    mask = cv2.GaussianBlur(((body > 0) | (arms > 0)).astype(np.float32), (5, 5), 0)
    points = body_points(ARMS, 260, 380, 0)
    empty = np.zeros((h, w), np.uint8)
    own = (arms > 0) & (body == 0)
    own[215:, :] = False  # the hands on the hips
    own = cv2.erode(own.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, FACE_LAB), own


def test_bare_arms_beside_a_sports_bra_are_no_old_top() -> None:
    person, arms = person_in_a_sports_bra()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert arms.sum() > 500
    assert np.count_nonzero(old & arms) < 0.05 * arms.sum()
    # The bra is still the old top.
    assert old[95:135, 170:230].mean() > 0.9


def test_arm_taken_counts_an_arm_redrawn_from_the_old_garments_mask_only() -> None:
    """`arm_taken` reads the engine's mask and what moved: an arm taken for the old top
    and rebuilt as a close, paler double of itself (each pixel moved by 10, under
    `arm_ghost`'s step) fails; the same mask over an arm kept as shot, or an arm redrawn
    outside the mask (the new garment's soft edge), passes."""
    person, arms = person_in_a_sports_bra()
    before = person.image
    old = arms.astype(np.float32)
    cover = np.zeros(arms.shape, np.float32)
    double = np.clip(before.astype(np.int16) + 10, 0, 255).astype(np.uint8)
    taken = checks.arm_taken(before, double, arms, old, cover)
    assert taken is not None and checks.faults({"arm_taken": taken}) == ["arm_taken"], taken
    ghost = checks.arm_ghost(before, double, arms, cover)
    assert ghost is not None and checks.faults({"arm_ghost": ghost}) == [], ghost
    kept = checks.arm_taken(before, before.copy(), arms, old, cover)
    assert kept == 0.0
    elsewhere = checks.arm_taken(before, double, arms, np.zeros_like(old), cover)
    assert elsewhere == 0.0
