"""A sleeve's end is a clean line across the arm, not the cut-out mask's staircase."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_engine import drawn_points

#: The drawn tee is TEE times the size of `test_classic_engine`'s and the person PERSON
#: times: the cut-out's mask (384 px on the long side) is coarser than the product photo,
#: as a shop's is, and the sleeve is enlarged a little on the arm.
TEE = 2
PERSON = 3


def big_tee() -> np.ndarray:
    """A red tee on white, 920 px tall, its sleeves' hems slanting across them."""
    k = TEE
    image = np.full((460 * k, 400 * k, 3), 255, np.uint8)
    colour = (200, 30, 40)
    cv2.rectangle(image, (120 * k, 60 * k), (280 * k, 400 * k), colour, -1)
    cv2.fillConvexPoly(image, np.array([(120, 60), (40, 150), (75, 185), (120, 140)]) * k, colour)
    cv2.fillConvexPoly(image, np.array([(280, 60), (360, 150), (325, 185), (280, 140)]) * k, colour)
    return image


def big_person() -> Person:
    """A person 1200 px wide (shoulders 300 px apart), arms hanging beside the torso."""
    p = pose
    k = PERSON
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250 * k, 100 * k), (150 * k, 100 * k)
    points[[p.L_HIP, p.R_HIP]] = (235 * k, 260 * k), (165 * k, 260 * k)
    points[[p.L_ELBOW, p.R_ELBOW]] = (275 * k, 180 * k), (125 * k, 180 * k)
    points[[p.L_WRIST, p.R_WRIST]] = (280 * k, 250 * k), (120 * k, 250 * k)
    points[[p.L_KNEE, p.R_KNEE]] = (235 * k, 380 * k), (165 * k, 380 * k)
    h, w = 420 * k, 400 * k
    empty = np.zeros((h, w), np.uint8)
    image = np.full((h, w, 3), 235, np.uint8)
    # Head, shoulders, the arms hanging apart from the torso, and the legs.
    outline = [(185, 40), (215, 40), (215, 78), (250, 90), (272, 105), (290, 130), (292, 260), (258, 260)]
    outline += [(255, 140), (245, 140), (245, 400), (155, 400), (155, 140), (145, 140), (142, 260)]
    outline += [(108, 260), (110, 130), (128, 105), (150, 90), (185, 78)]
    mask = np.zeros((h, w), np.float32)
    cv2.fillPoly(mask, [np.array(outline) * k], (1.0,))
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32))


def test_a_sleeves_end_is_a_clean_line_across_the_arm() -> None:
    """The tee's sleeves, placed on the arms, end in a sharp line (the product's soft
    edge, enlarged with the sleeve, was a blurred band: `hem_blur` 4 px) that keeps to a
    smooth curve."""
    person = big_person()
    cover = np.zeros(person.mask.shape, np.float32)
    for layer in layers_for(person, analyse_garment(big_tee(), swap_target="top", hint=None)):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    cover = cv2.GaussianBlur(cover, (0, 0), 0.8)
    arms = [(person.pt(s), person.pt(e), person.pt(w)) for s, e, w in ((11, 13, 15), (12, 14, 16))]
    blur = checks.hem_blur(cover, arms, person.shoulder_width)
    ragged = checks.hem_ragged(cover, arms, person.shoulder_width)
    assert blur is not None and ragged is not None
    assert not checks.faults({"hem_blur": blur, "hem_ragged": ragged}), (blur, ragged)


SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])


def long_sleeved_tee() -> np.ndarray:
    """A flat-lay red top on white whose sleeves hang down past its hem, apart from it."""
    image = np.full((460, 400, 3), 255, np.uint8)
    colour = (200, 30, 40)
    cv2.rectangle(image, (120, 60), (280, 330), colour, -1)
    cv2.fillConvexPoly(image, np.array([(120, 60), (60, 400), (95, 405), (120, 160)]), colour)
    cv2.fillConvexPoly(image, np.array([(280, 60), (340, 400), (305, 405), (280, 160)]), colour)
    return image


def person_with_hands_at_the_sides() -> Person:
    """A person in a black long-sleeved top, arms hanging beside the body, the hands
    drawn in skin below the wrists (with their pose points)."""
    image = np.full((420, 400, 3), 235, np.uint8)
    outline = [(185, 40), (215, 40), (215, 78), (250, 90), (272, 105), (290, 130), (294, 280), (266, 280)]
    outline += [(255, 140), (245, 140), (245, 400), (155, 400), (155, 140), (145, 140), (134, 280)]
    outline += [(106, 280), (110, 130), (128, 105), (150, 90), (185, 78)]
    mask = np.zeros((420, 400), np.uint8)
    cv2.fillPoly(mask, [np.array(outline)], 1)
    image[mask > 0] = (15, 15, 18)
    for centre in ((281, 264), (119, 264)):
        cv2.ellipse(image, centre, (12, 16), 0, 0, 360, SKIN_RGB, -1, cv2.LINE_AA)
    p = pose
    points = drawn_points()
    points[list(p.HAND_POINTS[0][1:])] = (278, 272), (284, 274), (282, 268)
    points[list(p.HAND_POINTS[1][1:])] = (122, 272), (116, 274), (118, 268)
    empty = np.zeros((420, 400), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask.astype(np.float32), empty, empty, SKIN_LAB)


def test_a_long_sleeve_ends_straight_across_the_arm_at_the_hand() -> None:
    """A long sleeve reaching over the hand ends in a line across the forearm where the
    hand begins: no flaps of it hang down either side of the wrist round the hand, kept
    in front (they did, cut round by the hand's matte)."""
    person = person_with_hands_at_the_sides()
    garment = analyse_garment(long_sleeved_tee(), swap_target="top", hint=None)
    cover = compose(person, garment, layers_for(person, garment)).garment
    for x in (281, 119):
        hand = person.image[:, x - 20 : x + 21].astype(int)
        # The hand's top row (skin in the middle column), and the garment below it.
        top = int(np.flatnonzero(np.abs(hand[:, 20] - SKIN_RGB).sum(axis=1) < 30)[0])
        below = cover[top : top + 20, x - 20 : x + 21]
        assert below.max() < 0.5, (x, top, float(below.max()))
        # The sleeve still comes down to just above the hand.
        assert cover[top - 4, x - 3 : x + 4].min() > 0.5, (x, top)
