"""A drawn person standing in a top over trousers to the ankles, bare arms hanging beside
the body, and flat-lay beige trousers for them: what a new bottom leaves of the top (a
tee over the hips, a tank tucked in) is tested on it. `pose_points` and `photographed`
pose any drawn person facing the camera."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from fitroom.engines.classic import person as pose
from fitroom.engines.classic.person import Person

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
BACKDROP = 235
NEW = (200, 180, 140)  # the new trousers' beige


def beige_trousers() -> np.ndarray:
    """Flat-lay beige trousers on white."""
    image = np.full((500, 300, 3), 250, np.uint8)
    cv2.fillConvexPoly(
        image, np.array([(90, 40), (210, 40), (230, 470), (160, 470), (150, 200), (140, 470), (70, 470)]), NEW
    )
    return image


def cropped_tee(backdrop: int, colour: tuple[int, int, int]) -> np.ndarray:
    """A flat-lay cropped tee of `colour` on a plain `backdrop` grey, for a new top."""
    image = np.full((500, 400, 3), backdrop, np.uint8)
    cv2.fillConvexPoly(
        image,
        np.array([(120, 60), (280, 60), (330, 150), (290, 170), (280, 290), (120, 290), (110, 170), (70, 150)]),
        colour,
    )
    return image


def in_trousers(colour: tuple[int, int, int], top: int) -> np.ndarray:
    """A 500 x 400 photo of the backdrop with trousers of `colour` from row `top` down to
    the ankles (y 450), the legs parted below the crotch: the top is drawn over it."""
    image = np.full((500, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (150, top), (250, 450), colour, -1)
    image[350:450, 196:204] = BACKDROP  # between the legs
    return image


Pair = tuple[tuple[float, float], tuple[float, float]]


def pose_points(
    shoulders: Pair, hips: Pair, elbows: Pair, wrists: Pair, knees: Pair, ankles: Pair, hands: tuple[Sequence, Sequence]
) -> np.ndarray:
    """The 33 pose points of a drawn person facing the camera: each joint given as its
    (left, right) pair of image points, `hands` as the three hand points of each hand."""
    p = pose
    points = np.zeros((33, 2), np.float32)
    for (left, right), pair in (
        ((p.L_SHOULDER, p.R_SHOULDER), shoulders),
        ((p.L_HIP, p.R_HIP), hips),
        ((p.L_ELBOW, p.R_ELBOW), elbows),
        ((p.L_WRIST, p.R_WRIST), wrists),
        ((p.L_KNEE, p.R_KNEE), knees),
        ((p.L_ANKLE, p.R_ANKLE), ankles),
    ):
        points[[left, right]] = pair
    points[list(p.HAND_POINTS[0][1:])] = hands[0]
    points[list(p.HAND_POINTS[1][1:])] = hands[1]
    return points


def photographed(
    image: np.ndarray,
    points: np.ndarray,
    skin_lab: np.ndarray,
    hands: np.ndarray | None = None,
    mask_from: np.ndarray | None = None,
) -> Person:
    """The person in `image` at `points`, every pose point seen: their mask is what in
    `mask_from` (the image itself unless given) differs from the backdrop."""
    h, w = image.shape[:2]
    seen = image if mask_from is None else mask_from
    mask = (np.abs(seen.astype(np.int16) - BACKDROP).max(axis=2) > 10).astype(np.float32)
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty if hands is None else hands, skin_lab)


def standing(image: np.ndarray, soft: bool = False) -> Person:
    """The person dressed in `image` (`in_trousers` with a top drawn on) with bare arms
    hanging beside the body, posed: shoulders at y 100, hips at y 260, ankles at y 445.
    `soft` blurs the photo's outlines after the person's mask is read."""
    cv2.line(image, (128, 110), (118, 270), SKIN_RGB, 20)
    cv2.line(image, (272, 110), (282, 270), SKIN_RGB, 20)
    points = pose_points(
        shoulders=((250, 100), (150, 100)),
        hips=((230, 260), (170, 260)),
        elbows=((277, 190), (123, 190)),
        wrists=((282, 270), (118, 270)),
        knees=((225, 360), (175, 360)),
        ankles=((225, 445), (175, 445)),
        hands=([(284, 285), (284, 287), (282, 285)], [(116, 285), (116, 287), (118, 285)]),
    )
    shown = cv2.GaussianBlur(image, (0, 0), 1.0) if soft else image
    return photographed(shown, points, SKIN_LAB, mask_from=image)


FRAYED_TOP = (40, 40, 60)
FRAYED_JEANS = (70, 100, 150)
FRILL = (150, 175, 210)  # an old waistband's pale frayed threads
FRILLS = (slice(240, 252), slice(160, 240))


def top_over_frayed_jeans() -> Person:
    """A dark top to y 239 over jeans from y 240, pale threads of the frayed elastic
    hanging from the top's hem 12 pixels down into the waistband, 3 pixels wide every 8."""
    image = in_trousers(FRAYED_JEANS, 240)
    image[90:240, 140:261] = FRAYED_TOP
    for x in range(160, 240, 8):
        image[FRILLS[0], x : x + 3] = FRILL
    return standing(image)
