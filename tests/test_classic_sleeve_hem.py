"""A sleeve's end is a clean line across the arm, not the cut-out mask's staircase."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

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
