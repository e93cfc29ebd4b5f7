"""A striped shirt with a dark hem band over black trousers lit at the hips, on a drawn
photo: the lit sides of the trousers are within reach of the band's dark colour, though
nearer the trousers' own black. Taken into the shirt's long hem below the hips, they were
rebuilt under a new top as a skin blob and mirrored chevrons; they are the trousers."""

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


def _rgb(lab: tuple[int, int, int]) -> tuple[int, int, int]:
    """An OpenCV 8-bit Lab colour as RGB."""
    return tuple(int(v) for v in cv2.cvtColor(np.array([[lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0])


GREEN = _rgb((79, 120, 126))  # the shirt's stripes and hem band
BLACK = _rgb((20, 129, 128))  # the trousers
LIT = _rgb((44, 128, 128))  # the trousers' lit sides: within reach of GREEN, nearer BLACK
SIDES = (slice(285, 325), slice(152, 166))  # the image-left lit side, below the band


def striped_shirt_over_lit_trousers() -> Person:
    """A white shirt with green stripes to y 264 and its green hem band to y 275, over
    black trousers whose sides (x 150-170, 230-250) are lit from y 276 to 330."""
    image = in_trousers(BLACK, 276)
    image[276:330, 150:170] = image[276:330, 230:250] = LIT
    cv2.rectangle(image, (140, 90), (260, 264), (245, 245, 245), -1)
    for x in range(146, 260, 16):
        image[90:265, x : x + 6] = GREEN
    image[265:276, 140:261] = GREEN
    return standing(image)


def _tee() -> np.ndarray:
    """A flat-lay red cropped tee on white."""
    return cropped_tee(250, (200, 40, 50))


def test_the_trousers_lit_sides_are_not_the_shirts_long_hem() -> None:
    person = striped_shirt_over_lit_trousers()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[270, 150:250].all(), "the shirt's hem band"
    assert not old[SIDES].any(), old[SIDES].mean()
    assert not old[300:, 170:230].any(), "the trousers between the lit sides"


def test_a_new_top_leaves_the_trousers_lit_sides_as_shot() -> None:
    """Before, all of the lit side below the new tee was rebuilt (moved by more than 12)."""
    person = striped_shirt_over_lit_trousers()
    garment = analyse_garment(_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment))
    below = out.garment[SIDES] < 0.05
    moved = np.abs(out.image[SIDES].astype(np.int16) - person.image[SIDES].astype(np.int16)).max(axis=2) > 12
    assert below.any()
    assert not (moved & below).any(), (moved & below).mean()


def test_bottom_redrawn_fails_the_trousers_taken_into_the_hem(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as `fitroom eval` reads it (the trousers as shot from 0.15 torso lengths below
    the hip joints down, clear of the new tee's soft edge): the lit sides rebuilt (the
    rule before this fix) fail; left as shot, they pass."""
    garment = analyse_garment(_tee(), swap_target="top", hint=None)
    person = striped_shirt_over_lit_trousers()
    good = compose(person, garment, layers_for(person, garment))
    monkeypatch.setattr(old_garment, "_nearer_bottom", lambda _, where: np.zeros_like(where))
    taken = striped_shirt_over_lit_trousers()
    bad = compose(taken, garment, layers_for(taken, garment))
    rows = np.arange(500)[:, None]
    below = rows > 260 + checks.BOTTOM_REDRAWN_DROP * torso_frame(person).length
    edge = cv2.dilate((good.garment > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    bottom = bottom_coloured(person) & below & ~edge
    read = {name: checks.bottom_redrawn(c.image, person.image, bottom) for name, c in (("bad", bad), ("good", good))}
    assert read["bad"] is not None and read["bad"] > checks.BOTTOM_REDRAWN_MOST, read
    assert read["good"] is not None and read["good"] <= checks.BOTTOM_REDRAWN_MOST, read
