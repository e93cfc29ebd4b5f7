"""A drawn person of one skin colour, 420 x 400 px: a face, a neck, a torso and two bare
arms hanging from the shoulders, posed. The tests of an old top in the skin's own colour
(a pink shirt, a beige knit) draw that top over it."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from fitroom.engines.classic import person as pose
from fitroom.engines.classic.person import Person

SHAPE = (420, 400)
#: One arm: shoulder, elbow and wrist.
Arm = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


def filled(lab: np.ndarray, shape: tuple[int, ...] = SHAPE) -> np.ndarray:
    """An RGB image of one OpenCV 8-bit Lab colour."""
    image = np.empty((*shape[:2], 3), np.uint8)
    image[:] = np.asarray(lab, np.float32).astype(np.uint8)
    return cv2.cvtColor(image, cv2.COLOR_LAB2RGB)


@dataclass
class Figure:
    """The drawn photo, its person mask (0..1) and the arms', torso's and face's masks (0/255)."""

    image: np.ndarray
    mask: np.ndarray
    arms: np.ndarray
    torso: np.ndarray
    face: np.ndarray


def bare_figure(
    backdrop: int,
    skin_lab: np.ndarray,
    arms: tuple[Arm, Arm],
    arm_width: int,
    torso: tuple[slice, slice],
    neck: tuple[slice, slice],
) -> Figure:
    """The figure in `skin_lab` all over on a grey `backdrop`: `arms` (the picture's left
    first) `arm_width` px across, the `torso` and `neck` boxes, a face round (200, 45)."""
    image = np.full((*SHAPE, 3), backdrop, np.uint8)
    mask = np.zeros(SHAPE, np.float32)
    drawn = np.zeros(SHAPE, np.uint8)
    for shoulder, elbow, wrist in arms:
        for a, b in ((shoulder, elbow), (elbow, wrist)):
            cv2.line(drawn, a, b, 255, arm_width)
    body = np.zeros(SHAPE, np.uint8)
    body[torso] = 255
    face = np.zeros(SHAPE, np.uint8)
    cv2.circle(face, (200, 45), 28, 255, -1)
    mask[(drawn > 0) | (body > 0) | (face > 0)] = 1
    mask[neck] = 1
    skin = filled(skin_lab)
    image[mask > 0] = skin[mask > 0]
    return Figure(image, mask, drawn, body, face)


def body_points(arms: tuple[Arm, Arm], hips: int, knees: int, hand_drop: int) -> np.ndarray:
    """The pose's 33 points for a figure on its `arms` (the picture's left first), the
    hips and knees 25 px either side of x 200 at rows `hips` and `knees`, each hand's
    points `hand_drop` px below its wrist; the rest at (0, 0)."""
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.R_SHOULDER, p.R_ELBOW, p.R_WRIST]] = arms[0]
    points[[p.L_SHOULDER, p.L_ELBOW, p.L_WRIST]] = arms[1]
    points[[p.L_HIP, p.R_HIP]] = (225, hips), (175, hips)
    points[[p.L_KNEE, p.R_KNEE]] = (225, knees), (175, knees)
    for (_, _, wrist), hand in zip(arms[::-1], p.HAND_POINTS, strict=True):
        points[list(hand[1:])] = wrist[0], wrist[1] + hand_drop
    return points


def posed(figure: Figure, arms: tuple[Arm, Arm], skin_lab: np.ndarray, mouth: bool = False) -> Person:
    """The person in `figure` (as it is drawn now), posed on its `arms`, the hips at y 280,
    the knees at y 400 and the face's nose and eyes (and `mouth`); no hands' mask."""
    p = pose
    points = body_points(arms, 280, 400, 12)
    points[p.NOSE] = (200, 50)
    points[[p.L_EYE, p.R_EYE]] = (212, 38), (188, 38)
    if mouth:
        points[[p.MOUTH_L, p.MOUTH_R]] = (207, 62), (193, 62)
    hands = np.zeros(SHAPE, np.uint8)
    return Person(figure.image, points, np.ones(33, np.float32), figure.mask, figure.face, hands, skin_lab)


def standing_over_trousers(image: np.ndarray, skin_rgb: tuple[int, int, int]) -> Person:
    """A full-length drawn person (720 x 500 px: the shoulders at y 130, the hips at y 420,
    the ankles at y 700, arms hanging beside the top, the eyes out of the picture) on a
    backdrop of 235 grey, posed; what is drawn (a top's length, the trousers' colour) is
    the test's own. The skin's Lab is read from `skin_rgb`."""
    p = pose
    h, w = image.shape[:2]
    mask = np.any(image != 235, axis=2).astype(np.float32)
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (330, 130), (170, 130)
    points[[p.L_HIP, p.R_HIP]] = (305, 420), (195, 420)
    points[[p.L_ELBOW, p.R_ELBOW]] = (346, 270), (154, 270)
    points[[p.L_WRIST, p.R_WRIST]] = (346, 410), (154, 410)
    points[[p.L_KNEE, p.R_KNEE]] = (290, 600), (210, 600)
    points[[p.L_ANKLE, p.R_ANKLE]] = (290, 700), (210, 700)
    points[[p.L_EYE, p.R_EYE]] = (-50, -50)
    empty = np.zeros((h, w), np.uint8)
    lab = cv2.cvtColor(np.array([[skin_rgb]], np.uint8), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, lab)
