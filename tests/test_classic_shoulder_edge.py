"""The top of bared shoulders against the backdrop: crisp, smooth and free of specks.

Under a cami the shoulders an old tank covered were rebuilt with a top edge blurred at
the analysis size and enlarged (a haze over 7-8 pixels beside the arms' own 2,
`cat--model_7`), and where a white tank stood on a pale grey wall the cut above the
shoulders' line, decided pixel by pixel, left white flecks in the backdrop and holes
in the skin (`cat--model_5`)."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.rebuild import OUTLINE_SOFT, _crisp, _over_shoulders
from tests.test_limbs import tank_of, thin_arms_in_wide_sleeves


def _specks(cut: np.ndarray) -> float:
    """The share of pixels that differ from most of the 5 x 5 pixels round them."""
    majority = cv2.medianBlur(cut.astype(np.uint8) * 255, 5) > 127
    return float(np.mean(cut != majority))


def test_the_cut_over_a_white_tank_on_a_pale_wall_is_not_speckled() -> None:
    """A white tank's straps on a pale wall, a third of their pixels a little further
    from the wall's colour than `BARE_UNLIKE`, the rest nearer: decided pixel by pixel
    the cut above the shoulders' line was speckled (a third of its pixels flecks); it
    is decided over a small window now, as the straps' colour mostly is."""
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    tank = tank_of(old)
    rng = np.random.default_rng(7)
    image = person.image.copy()
    far = rng.random((25, 81)) < 0.3
    image[55:80, 160:241] = np.where(far[:, :, None], (250, 250, 250), (230, 230, 233)).astype(np.uint8)
    mask = person.mask.copy()
    mask[55:80, 160:241] = 1.0
    over = _over_shoulders(replace(person, image=image, mask=mask), frame, tank)
    band = over[55:80, 160:241]
    assert _specks(band) < 0.02, _specks(band)


def test_a_stepped_outline_is_drawn_smooth_and_crisp() -> None:
    """A shape with a stair-stepped side (a segmentation's mask at the analysis size)
    is drawn with that side smooth, as the blurred shape's half level, and its edge
    about as narrow as `OUTLINE_SOFT`: blurred by 1 pixel and enlarged twice over it was
    a haze several pixels across."""
    shape = np.zeros((80, 80), np.uint8)
    for row in range(80):
        shape[row, : 20 + (row // 4) * 2] = 1  # a slope in steps of 4 rows by 2 columns
    drawn = _crisp(shape, 3.0)
    # Across the edge on a row: from under a tenth to over nine tenths within 3 pixels.
    row = drawn[40]
    inside = np.flatnonzero(row > 0.9).max()
    outside = np.flatnonzero(row < 0.1).min()
    assert outside - inside <= 3, (inside, outside)
    # Down the slope, the half level's column moves by half a column a row, not in
    # steps of two columns every four rows.
    half = np.array([np.interp(0.5, drawn[r, ::-1], np.arange(79, -1, -1)) for r in range(20, 60)])
    assert np.abs(np.diff(half)).max() < 1.0, np.diff(half)
    assert OUTLINE_SOFT <= 0.5
