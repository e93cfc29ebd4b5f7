"""`waistband_kept`: pieces of the old waistband left as in the photo in front of a new
bottom's waistband, on a drawn photo (a dark top over jeans whose frayed elastic's pale
threads hang below the top's hem) and on plain arrays."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import composite
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import L_HIP, R_HIP, Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import (
    FRAYED_JEANS,
    FRAYED_TOP,
    FRILL,
    FRILLS,
    NEW,
    SKIN_RGB,
    beige_trousers,
    top_over_frayed_jeans,
)


def _lab(rgb: tuple[int, int, int]) -> np.ndarray:
    return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)


SKIN = _lab(SKIN_RGB)
OLD = np.vstack([_lab(FRAYED_JEANS), _lab(FRILL)])


def _read(person: Person, image: np.ndarray, cover: np.ndarray) -> float | None:
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    cols = (np.arange(400) >= xs[0]) & (np.arange(400) <= xs[1])
    return checks.waistband_kept(person.image, image, cover, cols, 20, 5, np.zeros((500, 400), bool), OLD, SKIN)


def test_waistband_kept_fails_the_frills_left_in_front(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine without `composite._in_old_waistband` keeps the threads in front of new
    trousers (the kept top's mask runs into them): they fail. The same render with them
    covered by the new waistband passes. `waistband_flecks`, which reads only holes the
    new garment closes in, passes both."""
    monkeypatch.setattr(composite, "_in_old_waistband", lambda person, front, worn: np.zeros(worn.shape, bool))
    person = top_over_frayed_jeans()
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    render = compose(person, garment, layers_for(person, garment))
    bad = _read(person, render.image, render.garment)
    assert bad is not None and bad > checks.WAISTBAND_KEPT_MOST, bad
    threads = np.zeros((500, 400), bool)
    threads[FRILLS] = np.abs(person.image[FRILLS].astype(np.int16) - np.array(FRILL)).max(axis=2) <= 12
    threads = cv2.dilate(threads.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    fixed, cover = render.image.copy(), render.garment.copy()
    fixed[threads & (np.arange(500)[:, None] >= 240)] = NEW
    cover[threads & (np.arange(500)[:, None] >= 240)] = 1
    good = _read(person, fixed, cover)
    assert good is not None and good <= checks.WAISTBAND_KEPT_MOST, good


def test_waistband_kept_lets_a_hand_and_other_colours_off() -> None:
    before = np.full((100, 100, 3), 200, np.uint8)
    after = before.copy()
    cover = np.zeros((100, 100), np.float32)
    cover[40:, 10:90] = 1
    cover[40:50, 40:50] = 0  # a notch left as in the photo
    cols = np.zeros(100, bool)
    cols[20:80] = True
    grey, none = _lab((200, 200, 200)), np.zeros((100, 100), bool)
    read = checks.waistband_kept(before, after, cover, cols, 20, 6, none, grey, SKIN)
    assert read is not None and read > checks.WAISTBAND_KEPT_MOST, read
    hand = np.zeros((100, 100), bool)
    hand[35:55, 35:55] = True
    assert checks.waistband_kept(before, after, cover, cols, 20, 6, hand, grey, SKIN) == 0.0
    # Another colour there (a kept top's hem hanging over the new waistband) is let off.
    assert checks.waistband_kept(before, after, cover, cols, 20, 6, none, _lab(FRAYED_TOP), SKIN) == 0.0
