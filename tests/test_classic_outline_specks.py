"""A top's outline over the backdrop in its own colour: no black pinholes where the strip
closing it to the person's soft, stippled outline left holes."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_outline import lumpy_person
from tests.test_classic_sleeve_hem import big_tee


def _drawn_rim(specks: int, spotted: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A red garment below a sloping line on a light wall, its edge soft, with `specks`
    black pixels in its solid rim; `spotted`: black spots of its own print along it."""
    rows, cols = np.mgrid[0:300, 0:300].astype(np.float32)
    line = 80 + 0.4 * cols
    cover = cv2.GaussianBlur(np.clip(rows - line + 0.5, 0, 1).astype(np.float32), (0, 0), 0.8)
    image = np.empty((300, 300, 3), np.uint8)
    image[:] = (230, 228, 225)
    red = np.array((190, 30, 45), np.float32)
    image[:] = (cover[..., None] * red + (1 - cover[..., None]) * image).astype(np.uint8)
    if spotted:
        for x in range(10, 290, 25):
            cv2.circle(image, (x, int(80 + 0.4 * x) + 6), 5, (15, 15, 15), -1)
    for x in np.linspace(20, 280, specks).astype(int):
        image[int(80 + 0.4 * x) + 1, x] = (8, 2, 4)
    return image, cover, cover < 0.5


def test_outline_specks_finds_black_pinholes_in_a_garments_rim() -> None:
    for specks, spotted, fails in ((0, False, False), (0, True, False), (40, False, True)):
        value = checks.outline_specks(*_drawn_rim(specks, spotted))
        assert value is not None
        assert (checks.faults({"outline_specks": value}) == ["outline_specks"]) == fails, (specks, spotted, value)


def stippled_person(seed: int) -> Person:
    """`lumpy_person` whose outline fades over a few pixels and is stippled, as a photo's
    segmentation is along a shoulder."""
    person = lumpy_person()
    soft = cv2.GaussianBlur(person.mask, (0, 0), 3.0)
    rim = (soft > 0.02) & (soft < 0.98)
    noise = np.random.default_rng(seed).uniform(-0.6, 0.6, soft.shape).astype(np.float32)
    soft[rim] = np.clip(soft[rim] + noise[rim], 0, 1)
    return replace(person, mask=soft)


def test_a_red_tees_outline_over_a_stippled_old_outline_has_no_black_specks() -> None:
    """The strip closing the tee to the person's stippled outline has pinholes; the
    compositor lays them whole with the strip's colour there, which was black."""
    garment = analyse_garment(big_tee(), swap_target="top", hint=None)
    for seed in (0, 1):
        person = stippled_person(seed)
        out = compose(person, garment, layers_for(person, garment))
        lum = cv2.cvtColor(out.image, cv2.COLOR_RGB2GRAY)
        assert np.count_nonzero((lum < 40) & (out.garment > 0.5)) == 0, seed
        assert checks.outline_specks(out.image, out.garment, person.mask < 0.5) == 0.0, seed


def test_the_gaps_layer_is_coloured_wherever_the_compositor_may_lay_it() -> None:
    """Every pixel within reach of what the gaps layer lays carries the tee's red."""
    person = stippled_person(0)
    layers = layers_for(person, analyse_garment(big_tee(), swap_target="top", hint=None))
    # Under them all, the backing that fills the smoothed shoulders (`placement._roofed`):
    # coloured so too.
    for laid in layers[:2]:
        near = cv2.dilate((laid.alpha > 0).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
        assert near.any()
        assert np.all(laid.colour[near][:, 0] > 100)
