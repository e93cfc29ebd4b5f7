"""An old short sleeve's hem on a drawn photo: under a sleeveless top the hem's rim on the
bare arm below it (the hem's shadow, kept with the arm) stood as a dark line across the
bared upper arm; it is rebuilt with the upper arm above it."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.warp import Layer

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
TEE_RGB = (28, 28, 34)
BACKDROP = 225
#: Each arm: shoulder, elbow and wrist (picture left arm first), 30 px wide.
ARMS = (((150, 100), (146, 185), (144, 265)), ((250, 100), (254, 185), (256, 265)))
#: Where the short sleeves end (y), and the hem's shadow on the arm below it (rows).
HEM = 132
SHADOW = 3


def person_in_a_short_sleeved_tee() -> Person:
    """A person in a black tee whose short sleeves, wider than the arms, end a third of
    the way to the elbows, the hem's soft shadow a few rows deep on the bare arm below."""
    image = np.full((420, 400, 3), BACKDROP, np.uint8)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    for shoulder, elbow, wrist in ARMS:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(mask, a, b, 1.0, 30)
    sleeves = np.zeros((h, w), np.uint8)
    for shoulder, elbow, _ in ARMS:
        cv2.line(sleeves, shoulder, elbow, 1, 40)
    sleeves[HEM:] = 0
    mask[90:400, 160:240] = 1
    mask[sleeves > 0] = 1
    image[mask > 0] = SKIN_RGB
    image[sleeves > 0] = TEE_RGB
    cv2.rectangle(image, (160, 90), (240, 300), TEE_RGB, -1)
    for row in range(SHADOW):  # darkest next to the hem
        band = np.zeros((h, w), bool)
        band[HEM + row] = True
        band &= (mask > 0.5) & (np.abs(np.arange(w) - 200) > 45)[None, :]
        image[band] = (np.array(SKIN_RGB, np.float32) * (0.45 + 0.15 * row)).astype(np.uint8)
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.R_SHOULDER, p.R_ELBOW, p.R_WRIST]] = ARMS[0]
    points[[p.L_SHOULDER, p.L_ELBOW, p.L_WRIST]] = ARMS[1]
    points[[p.L_HIP, p.R_HIP]] = (225, 260), (175, 260)
    points[[p.L_KNEE, p.R_KNEE]] = (225, 380), (175, 380)
    for (_, _, wrist), hand in zip(ARMS[::-1], p.HAND_POINTS, strict=True):
        points[list(hand[1:])] = wrist[0], wrist[1] + 12
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, SKIN_LAB)


def sleeveless_body() -> Layer:
    """A new sleeveless top's body over the old tee's, the arms bare beside it."""
    alpha = np.ones((212, 84), np.float32)
    colour = np.zeros((212, 84, 3), np.float32)
    colour[:] = (200, 200, 60)
    return Layer(colour, alpha, 158, 90)


def product() -> np.ndarray:
    """A flat-lay top on white (the layer drawn is `sleeveless_body`'s)."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (100, 60), (300, 400), (200, 200, 60), -1)
    return image


def test_an_old_sleeves_hem_leaves_no_line_across_the_bared_arm() -> None:
    person = person_in_a_short_sleeved_tee()
    before = person.image.copy()
    result = compose(person, analyse_garment(product(), swap_target="top", hint=None), [sleeveless_body()])
    rebuilt = result.skin > 0.5
    unchanged = cv2.absdiff(result.image, before).max(axis=2) <= checks.UNCHANGED_BY
    own = unchanged & (cv2.absdiff(before, np.uint8(SKIN_RGB)).max(axis=2) < 8) & (person.mask > 0.5)
    assert np.count_nonzero(rebuilt[100:HEM]) > 300  # the upper arms are rebuilt
    bones = [
        (person.pt(s), person.pt(e)) for s, e in ((pose.L_SHOULDER, pose.L_ELBOW), (pose.R_SHOULDER, pose.R_ELBOW))
    ]
    value = checks.arm_hem_line(result.image, rebuilt, own, bones, float(person.shoulder_width))
    assert value is not None and checks.faults({"arm_hem_line": value}) == [], value
