"""The old garment's holes: a print inside it is part of it; a pocket of skin that the
face mask closes in against it is not (`old_garment.holes_filled`)."""

from __future__ import annotations

import numpy as np

from fitroom.engines.classic.old_garment import holes_filled
from fitroom.engines.classic.person import L_SHOULDER, R_SHOULDER, Person


def _person(face: np.ndarray) -> Person:
    h, w = face.shape
    points = np.zeros((33, 2), np.float32)
    points[L_SHOULDER], points[R_SHOULDER] = (230, 120), (70, 120)
    empty = np.zeros((h, w), np.uint8)
    image = np.full((h, w, 3), 120, np.uint8)
    return Person(
        image, points, np.ones(33, np.float32), np.ones((h, w), np.float32), face, empty, np.zeros(3, np.float32)
    )


def test_a_print_is_filled_and_a_pocket_under_the_chin_is_not() -> None:
    old = np.zeros((300, 300), np.float32)
    old[120:280, 60:240] = 1.0
    old[180:200, 140:170] = 0.0  # a print of another colour inside the top
    # The face mask's chin reaching down round a shadow under it, to the neckline.
    face = np.zeros((300, 300), np.uint8)
    face[20:110, 110:190] = 255
    face[90:121, 110:125] = face[90:121, 175:190] = 255
    pocket = (slice(110, 120), slice(125, 175))
    filled = holes_filled(old, _person(face), np.zeros((300, 300), bool))
    assert filled[180:200, 140:170].min() == 1.0
    assert filled[pocket].max() == 0.0


def test_the_backdrop_between_a_bent_arm_and_the_body_is_no_print() -> None:
    """A hand on the hip closes a window of backdrop between arm and body inside the old
    garment's mask (its sleeve and side round it): filled as a print, it was rebuilt as
    a patch of skin in the arm's crook. A print, on the person, is still filled, and so is
    a slit of backdrop between an arm hanging close and the body (its rims left showed
    as slivers of the old top)."""
    old = np.zeros((300, 300), np.float32)
    old[120:280, 60:240] = 1.0
    old[150:200, 70:100] = 0.0  # the window between the arm and the body
    old[180:200, 140:170] = 0.0  # a print
    old[150:230, 220:224] = 0.0  # a slit beside the other arm
    person = _person(np.zeros((300, 300), np.uint8))
    person.mask[150:200, 70:100] = person.mask[150:230, 220:224] = 0.0
    filled = holes_filled(old, person, np.zeros((300, 300), bool))
    assert filled[150:200, 70:100].max() == 0.0
    assert filled[180:200, 140:170].min() == 1.0
    assert filled[150:230, 220:224].min() == 1.0
