"""A dress's skirt on a drawn person in wide trousers, arms hanging beside the hips: the
skirt reaches the body's sides down to the wrists, so no gap is left between it and the
arm (rebuilt, it showed as a skin wedge, a backdrop column or flecks of the old trousers);
`skirt_width` fails a skirt narrower than the body there and passes one as wide."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for

BACKDROP = 235
SKIN = (200, 150, 125)
NAVY = (40, 50, 90)
KHAKI = (190, 170, 120)
ORANGE = (240, 110, 30)
HIPS, KNEES = 240, 380


def wide_trousers() -> Person:
    """A person in a navy top and khaki trousers flaring from 120 px at the hips (the
    hips 70 px apart), bare arms hanging beside them down to y 330."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (150, 95), (250, HIPS), NAVY, -1)
    cv2.fillConvexPoly(image, np.array([(140, HIPS), (260, HIPS), (280, 520), (120, 520)]), KHAKI)
    for arm in (((150, 100), (128, 190), (116, 330)), ((250, 100), (272, 190), (284, 330))):
        for a, b in zip(arm, arm[1:], strict=False):
            cv2.line(image, a, b, SKIN, 16)
    cv2.circle(image, (200, 60), 30, SKIN, -1)
    points = np.zeros((33, 2), np.float32)
    points[[pose.L_SHOULDER, pose.R_SHOULDER]] = (250, 100), (150, 100)
    points[[pose.L_ELBOW, pose.R_ELBOW]] = (272, 190), (128, 190)
    points[[pose.L_WRIST, pose.R_WRIST]] = (284, 330), (116, 330)
    points[[pose.L_HIP, pose.R_HIP]] = (235, HIPS), (165, HIPS)
    points[[pose.L_KNEE, pose.R_KNEE]] = (230, KNEES), (170, KNEES)
    points[[pose.L_ANKLE, pose.R_ANKLE]] = (228, 510), (172, 510)
    h, w = image.shape[:2]
    empty = np.zeros((h, w), np.uint8)
    skin_lab = cv2.cvtColor(np.array([[SKIN]], np.uint8), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    mask = np.any(image != BACKDROP, axis=2).astype(np.float32)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, skin_lab)


def shift_dress() -> np.ndarray:
    """A flat-lay sleeveless orange shift dress on white, 150 px wide, hanging straight
    from the armholes to a knee-length hem: narrower below the hips than wide trousers."""
    image = np.full((700, 400, 3), 250, np.uint8)
    outline = [(150, 40), (250, 40), (275, 160), (275, 660), (125, 660), (125, 160)]
    cv2.fillPoly(image, [np.array(outline, np.int32)], ORANGE)
    cv2.ellipse(image, (200, 40), (30, 25), 0, 0, 180, (250, 250, 250), -1)
    return image


def worn(person: Person) -> np.ndarray:
    """The union of the shift dress's layers on `person`, as a cover in [0, 1]."""
    garment = analyse_garment(shift_dress(), swap_target="dress", hint=None)
    cover = np.zeros(person.mask.shape, np.float32)
    for layer in layers_for(person, garment):
        h, w = layer.alpha.shape
        y0, x0 = max(layer.y, 0), max(layer.x, 0)
        y1, x1 = min(layer.y + h, cover.shape[0]), min(layer.x + w, cover.shape[1])
        part = layer.alpha[y0 - layer.y : y1 - layer.y, x0 - layer.x : x1 - layer.x]
        cover[y0:y1, x0:x1] = np.maximum(cover[y0:y1, x0:x1], part)
    return cover


def arm_bands(person: Person) -> np.ndarray:
    """Bands 18 px wide along the drawn arms' bones."""
    bands = np.zeros(person.mask.shape, np.uint8)
    for a, b in ((pose.L_SHOULDER, pose.L_ELBOW), (pose.L_ELBOW, pose.L_WRIST)):
        for s, e in ((a, b), (a + 1, b + 1)):
            (ax, ay), (bx, by) = person.pt(s), person.pt(e)
            cv2.line(bands, (int(ax), int(ay)), (int(bx), int(by)), (1,), 18)
    return bands


def test_a_dress_skirt_reaches_the_body_beside_the_hanging_arms() -> None:
    """Scaled by the waist, the shift's skirt stopped inside the wide trousers beside the
    hands (a gap of 8 px each side, `skirt_width` 0.86); now it reaches within 4 px of the
    body."""
    person = wide_trousers()
    cover = worn(person)
    for row in (270, 300):
        body = np.flatnonzero(person.mask[row] > 0.5)
        arms = np.flatnonzero(arm_bands(person)[row] > 0)
        left_arm, right_arm = arms[arms < 200].max(), arms[arms > 200].min()
        trunk = body[(body > left_arm) & (body < right_arm)]
        skirt = np.flatnonzero(cover[row, left_arm:right_arm] > 0.5) + left_arm
        assert skirt.min() - trunk.min() <= 4 and trunk.max() - skirt.max() <= 4, (row, skirt, trunk)
    hips, knees = person.pt(pose.L_HIP) / 2 + person.pt(pose.R_HIP) / 2, (200.0, float(KNEES))
    value = checks.skirt_width(cover, person.mask > 0.5, hips, knees, arm_bands(person))
    assert checks.faults({"skirt_width": value}) == [], value


def test_skirt_width_fails_a_skirt_narrower_than_the_hips() -> None:
    """Drawn covers on the drawn person: a skirt 60 px narrower than the trousers beside
    the hands fails; one as wide passes; no hips in reach, no reading."""
    person = wide_trousers()
    body, bands = person.mask > 0.5, arm_bands(person)
    hips, knees = (200.0, float(HIPS)), (200.0, float(KNEES))
    narrow = np.zeros(body.shape, np.float32)
    narrow[HIPS:520, 170:231] = 1.0
    value = checks.skirt_width(narrow, body, hips, knees, bands)
    assert checks.faults({"skirt_width": value}) == ["skirt_width"], value
    full = body.astype(np.float32)
    full[:HIPS] = 0.0
    value = checks.skirt_width(full, body, hips, knees, bands)
    assert checks.faults({"skirt_width": value}) == [], value
    assert checks.skirt_width(narrow, body, (200.0, 600.0), (200.0, 700.0), bands) is None
