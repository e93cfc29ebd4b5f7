"""A white tank over black-and-white zebra trousers on a drawn photo: the print's white is
the tank's colour, so by colour the trousers from the waist down are the tank's too, and
the print's busy rest joined them to it. Taken for the tank, they were rebuilt under
every new top as skin and debris; they are the trousers, and stay as shot."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import old_garment, prints
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.old_garment import worn_bottom, worn_mask
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import cropped_tee, in_trousers, standing

WHITE = (253, 253, 251)  # the tank, and the zebra's light stripes
BLACK = (25, 25, 28)  # the zebra's dark stripes
HEM = 235  # the tank's hem, the trousers' top


def tank_over_zebra() -> Person:
    """A white tank to y 235 over zebra trousers from y 235: wavy black stripes, 6 pixels
    wide every 12, on the tank's white."""
    image = in_trousers(WHITE, HEM)
    ys, xs = np.mgrid[0:500, 0:400]
    wave = ((xs + 6 * np.sin(ys / 5.0) + 0.5 * ys) // 6) % 2 == 0
    trousers = (ys >= HEM) & (np.abs(image.astype(np.int16) - 235).max(axis=2) > 5)
    image[trousers & wave] = BLACK
    cv2.rectangle(image, (145, 90), (255, HEM), WHITE, -1)
    return standing(image)


def _tee() -> np.ndarray:
    """A flat-lay green cropped tee on a light grey."""
    return cropped_tee(200, (40, 120, 70))


def _print_place(person: Person, cover: np.ndarray) -> np.ndarray:
    """The trousers' print as shot from the waist down, as `fitroom eval`'s
    `bottom_print_redrawn` reads it (the new top's soft edge aside)."""
    frame = torso_frame(person)
    rows = np.arange(500, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    busy = prints.busy(person.lab(), frame.width)
    edge = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    return worn_bottom(person) & busy & (rows >= checks.BOTTOM_PRINT_FROM * frame.length) & ~edge


def test_the_zebra_trousers_are_not_the_tanks() -> None:
    person = tank_over_zebra()
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[150, 150:250].all(), "the tank"
    # A pixel or two of the print's white right at the hem stays the tank's.
    assert old[HEM:450, 150:250].mean() < 0.01, old[HEM:450, 150:250].mean()


def test_a_new_top_leaves_the_zebra_as_shot() -> None:
    person = tank_over_zebra()
    garment = analyse_garment(_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment))
    below = (out.garment < 0.05)[HEM + 10 : 440, 152:248]
    moved = np.abs(out.image.astype(np.int16) - person.image.astype(np.int16)).max(axis=2)[HEM + 10 : 440, 152:248]
    assert below.mean() > 0.5
    assert not ((moved > 12) & below).any(), ((moved > 12) & below).mean()


def test_bottom_print_redrawn_fails_the_zebra_rebuilt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuilt as the tank (the rule before this fix), the zebra fails the check; left as
    shot, it passes."""
    garment = analyse_garment(_tee(), swap_target="top", hint=None)
    person = tank_over_zebra()
    good = compose(person, garment, layers_for(person, garment))
    monkeypatch.setattr(old_garment, "_print_below_waist", lambda person, frame, clothes, low, tops: low & False)
    taken = tank_over_zebra()
    bad = compose(taken, garment, layers_for(taken, garment))
    place = _print_place(person, good.garment)
    read = {
        name: checks.bottom_print_redrawn(c.image, person.image, place) for name, c in (("bad", bad), ("good", good))
    }
    assert read["bad"] is not None and read["bad"] > checks.BOTTOM_PRINT_REDRAWN_MOST, read
    assert read["good"] is not None and read["good"] <= checks.BOTTOM_PRINT_REDRAWN_MOST, read
