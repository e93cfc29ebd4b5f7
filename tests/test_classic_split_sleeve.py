"""A sleeve hanging apart from the body in the product photo, touching it at the cuff,
goes on the arm whole: not split down its length with the arm bare between the pieces."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.placement import layers_for
from tests.test_checks import ARMS, body_cover
from tests.test_classic_sleeve_hem import big_person

GREEN = (20, 90, 80)


def flounced_blouse() -> np.ndarray:
    """A green blouse on a light grey backdrop, 920 px tall, whose long sleeves hang
    against the body at the top, apart from it below (backdrop between) and flare at
    the cuffs into the body's side by the hem: the gap is a hole in the cut-out. A slit
    between the cuffs' ruffles, open below, stops the hem band's run there."""
    k = 2
    image = np.full((460 * k, 400 * k, 3), 247, np.uint8)
    cv2.rectangle(image, (120 * k, 60 * k), (280 * k, 400 * k), GREEN, -1)
    sleeve = np.array([(120, 60), (70, 100), (35, 390), (125, 390), (125, 340), (100, 320), (105, 230), (120, 150)])
    for side in (sleeve, np.stack([400 - sleeve[:, 0], sleeve[:, 1]], axis=1)):
        cv2.fillPoly(image, [side * k], GREEN)
    for x in (78, 316):
        cv2.rectangle(image, (x * k, 345 * k), ((x + 6) * k, 395 * k), (247, 247, 247), -1)
    return image


def test_a_sleeve_apart_from_the_body_is_read_whole() -> None:
    """The panel is the body's width, not the body's and the sleeves' inner halves (the
    cuffs join the hem band's run); the sleeves reach in to the body's edge, and the
    backdrop between sleeve and body is not garment."""
    garment = analyse_garment(flounced_blouse(), swap_target="top", hint=None)
    assert abs(garment.width - 320) < 25, garment.width
    for x in (225, 575):  # inside each sleeve, against the body at the top
        assert garment.sleeve_left[300, x] or garment.sleeve_right[300, x], x
    assert garment.alpha[500, 225] < 0.5 and garment.alpha[500, 575] < 0.5


def test_a_sleeve_apart_from_the_body_covers_the_whole_arm() -> None:
    """On a person, the sleeves cover the arms across their width: `sleeve_coverage`
    reads lines either side of the bone (the split sleeve left one bare)."""
    person = big_person()
    garment = analyse_garment(flounced_blouse(), swap_target="top", hint=None)
    cover = np.zeros(person.mask.shape, np.float32)
    for layer in layers_for(person, garment):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    arms = [(person.pt(s), person.pt(e), person.pt(w)) for s, e, w in ((11, 13, 15), (12, 14, 16))]
    across = person.shoulder_width * checks.SLEEVE_ACROSS
    value = checks.sleeve_coverage(cover, arms, 0.8, across, person.mask > 0.5)
    assert not checks.faults({"sleeve_coverage": value}), value


def test_a_sleeve_split_down_its_length_fails_sleeve_coverage() -> None:
    """A drawn long sleeve covering only the outer half of the arm (a strip of arm bare
    beside the bone) covers the bone itself: read along the bone alone it passed."""
    cover = body_cover(0.0)
    for shoulder, elbow, wrist in ARMS:
        outward = 1 if shoulder[0] > 150 else -1
        joints = np.array([shoulder, elbow, wrist]) + (outward * 6, 0)
        cv2.polylines(cover, [joints.astype(np.int32)], False, (1.0,), 12)
    assert not checks.faults({"sleeve_coverage": checks.sleeve_coverage(cover, ARMS, reach=1.0)})
    split = checks.sleeve_coverage(cover, ARMS, reach=1.0, across=8.0)
    assert checks.faults({"sleeve_coverage": split}) == ["sleeve_coverage"], split
    whole = checks.sleeve_coverage(body_cover(1.0), ARMS, reach=1.0, across=8.0)
    assert not checks.faults({"sleeve_coverage": whole}), whole
