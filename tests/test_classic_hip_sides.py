"""A black tank over blue jeans wider at the hips than the tank, bare arms hanging beside
them, on a drawn photo: the band along each arm in which anything not skin is a sleeve
lies over the jeans' sides. Taken for the tank, they were rebuilt below a new top's hem as
mirrored blocks of denim and backdrop; they are the jeans, and stay as shot."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import old_garment
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import bottom_coloured, worn_mask
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import cropped_tee, in_trousers, standing

BLUE = (60, 90, 150)  # the jeans
BLACK = (20, 20, 22)  # the tank
SIDES = (slice(262, 298), slice(118, 137))  # the jeans' image-left side, beside the arm


def tank_over_wide_jeans() -> Person:
    """A black tank to y 235 over blue jeans from y 235, out under the arms (x 118-282) at the hips
    (y 235-330) beside the hanging arms, narrower below."""
    image = in_trousers(BLUE, 235)
    image[235:330, 118:282] = BLUE
    cv2.rectangle(image, (145, 90), (255, 235), BLACK, -1)
    return standing(image)


def _tee() -> np.ndarray:
    """A flat-lay white cropped tee on a light grey."""
    return cropped_tee(200, (245, 240, 235))


def _sides(person: Person) -> np.ndarray:
    """The jeans as shot beside the hip joints from the waist down, as `fitroom eval`'s
    `bottom_sides_redrawn` reads them (the new top's soft edge aside)."""
    frame = torso_frame(person)
    rows = np.arange(500, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    cols = np.arange(400)[None, :]
    band = (rows >= checks.BOTTOM_SIDES_FROM * frame.length) & (rows <= checks.BOTTOM_SIDES_TO * frame.length)
    return bottom_coloured(person) & band & ((cols < 170) | (cols > 230))


def test_the_jeans_sides_beside_the_arms_are_not_the_tanks() -> None:
    person = tank_over_wide_jeans()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[150, 150:250].all(), "the tank"
    assert not old[SIDES].any(), old[SIDES].mean()
    assert not old[262:298, 263:282].any(), "the image-right side"


def test_a_new_top_leaves_the_jeans_sides_as_shot() -> None:
    person = tank_over_wide_jeans()
    garment = analyse_garment(_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment))
    below = out.garment[SIDES] < 0.05
    moved = np.abs(out.image[SIDES].astype(np.int16) - person.image[SIDES].astype(np.int16)).max(axis=2) > 12
    assert below.any()
    assert not (moved & below).any(), (moved & below).mean()


def test_bottom_sides_redrawn_fails_the_jeans_sides_rebuilt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuilt as the tank (the rule before this fix), the jeans' sides fail the check;
    left as shot, they pass."""
    garment = analyse_garment(_tee(), swap_target="top", hint=None)
    person = tank_over_wide_jeans()
    good = compose(person, garment, layers_for(person, garment))
    monkeypatch.setattr(old_garment, "_bottom_below_waist", lambda _, __, clothes: np.zeros_like(clothes))
    taken = tank_over_wide_jeans()
    bad = compose(taken, garment, layers_for(taken, garment))
    edge = cv2.dilate((good.garment > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    sides = _sides(person) & ~edge
    read = {
        name: checks.bottom_sides_redrawn(c.image, person.image, sides) for name, c in (("bad", bad), ("good", good))
    }
    assert read["bad"] is not None and read["bad"] > checks.BOTTOM_SIDES_REDRAWN_MOST, read
    assert read["good"] is not None and read["good"] <= checks.BOTTOM_SIDES_REDRAWN_MOST, read
