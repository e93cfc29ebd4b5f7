"""Patches of a dark top's colour hanging into the old jeans' waistband, on a drawn photo:
one between the hip joints, below which alone the jeans show in its columns, one beside
a hip joint. The kept top's mask runs into them; they go with the old bottom, under a new one,
while a top's slanting hem keeps its own row."""

from __future__ import annotations

import numpy as np
import pytest

from fitroom.engines.classic import composite
from fitroom.engines.classic.composite import _over_bottom
from fitroom.engines.classic.person import Person
from tests.support.standing import FRAYED_JEANS, FRAYED_TOP, in_trousers, standing

WIDE = (slice(240, 254), slice(185, 195))  # between the hip joints (x 170 and 230)
SIDE = (slice(240, 252), slice(151, 160))  # beside the right hip joint, out to the waist's side


def _top_over_jeans(hem: np.ndarray | None = None) -> Person:
    """A dark top to y 239 over jeans from y 240 with the two patches of its colour
    below its hem; or, given `hem` (the top's last row per column, x 140-260), a top
    with that hem and no patches."""
    image = in_trousers(FRAYED_JEANS, 240)
    if hem is None:
        image[90:240, 140:261] = FRAYED_TOP
        image[WIDE] = FRAYED_TOP
        image[SIDE] = FRAYED_TOP
    else:
        for x, last in zip(range(140, 261), hem, strict=True):
            image[90 : int(last) + 1, x] = FRAYED_TOP
    return standing(image)


def _front(person: Person) -> np.ndarray:
    return _over_bottom(person, np.ones(person.mask.shape, bool))


def test_wide_and_side_patches_go_behind_a_new_bottom() -> None:
    front = _front(_top_over_jeans())
    assert front[WIDE].mean() < 0.1, front[WIDE].mean()
    assert front[SIDE].mean() < 0.1, front[SIDE].mean()
    assert front[100:235, 145:255].all(), "the top stays in front"


def test_without_the_line_the_wide_patch_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each column's own first row of the jeans lies below the patch: read per column
    (as before), it is no piece of the waistband."""
    monkeypatch.setattr(composite, "_waistband_line", lambda first, h, spread: np.full(first.shape, np.float32(h)))
    assert _front(_top_over_jeans())[WIDE].mean() > 0.5


def test_without_the_waists_sides_the_side_patch_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(composite, "BAND_PAD", 0.1)
    assert _front(_top_over_jeans())[SIDE].mean() > 0.5


def test_a_slanting_hem_keeps_its_own_rows() -> None:
    """A hem running from y 236 down to y 252 across the top: its lowest rows, below
    where the jeans start further left, stay in front."""
    hem = np.linspace(236, 252, 121)
    person = _top_over_jeans(hem)
    front = _front(person)
    top = np.zeros(front.shape, bool)
    for x, last in zip(range(145, 256), hem[5:116], strict=True):
        top[100 : int(last) + 1, x] = True
    assert front[top].mean() > 0.99, front[top].mean()
