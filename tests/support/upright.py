"""A drawn person standing upright in a top, posed by hand: shoulders at y 100, hips at y
260, knees at y 380, the arms as each test has them (a hand on the stomach, in a jacket's
or the trousers' pocket). The hand tests draw on it."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic import person as pose
from fitroom.engines.classic.person import Person

Point = tuple[int, int]


def lab_rgb(lab: np.ndarray) -> tuple[int, ...]:
    """The RGB of one OpenCV 8-bit Lab colour."""
    return tuple(int(v) for v in cv2.cvtColor(lab.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])


def upright(
    image: np.ndarray,
    skin_lab: np.ndarray,
    arms: tuple[tuple[Point, Point], tuple[Point, Point]],
    hands: tuple[tuple[Point, Point, Point], tuple[Point, Point, Point]],
    box: tuple[slice, slice],
    ankles: tuple[Point, Point] | None = None,
) -> Person:
    """The person in `image`, of skin `skin_lab`, standing upright: `arms` (elbow and
    wrist) and `hands` (the pose's three points of each hand), the picture's right side
    first, `ankles` if given; the person mask is the `box`, no face or hands masked."""
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = (235, 260), (165, 260)
    points[[p.L_ELBOW, p.R_ELBOW]] = arms[0][0], arms[1][0]
    points[[p.L_WRIST, p.R_WRIST]] = arms[0][1], arms[1][1]
    points[[p.L_KNEE, p.R_KNEE]] = (235, 380), (165, 380)
    if ankles is not None:
        points[[p.L_ANKLE, p.R_ANKLE]] = ankles
    points[list(p.HAND_POINTS[0][1:])] = hands[0]
    points[list(p.HAND_POINTS[1][1:])] = hands[1]
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    mask[box] = 1
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, skin_lab)
