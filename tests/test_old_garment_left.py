"""What of the old garment is rebuilt beside the new one: under the new garment's soft
edge, and under a bare arm's kept edge where it lies over the old top."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import numpy as np

from fitroom.domain import SwapTarget
from fitroom.engines.classic import skin
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.rebuild import replaced
from tests.test_classic_engine import drawn_person

#: A pale old top in warm light: skin by the colour test, so only the rebuild can take it.
PALE = (250, 215, 200)
TOP = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))


def _old_top_and_narrow_panel() -> tuple[np.ndarray, np.ndarray]:
    """A pale old top from x 120 to 280 and a new panel from x 150 to 250 whose edges
    fade in over 8 px, as a warped layer's do."""
    image = np.full((420, 400, 3), 235, np.uint8)
    image[90:270, 120:281] = PALE
    new = np.zeros((420, 400), np.float32)
    ramp = np.linspace(0, 1, 10)[1:-1]
    new[90:270, 150:250] = 1
    new[90:270, 142:150] = ramp
    new[90:270, 250:258] = ramp[::-1]
    return image, new


def test_under_the_new_garments_soft_edge_the_old_one_is_rebuilt_in_full() -> None:
    """Where the new panel's edge is still mostly see-through, what shows through it is
    what is rebuilt, not the old pale top: rebuilt in part, the old top showed as a pale
    line round the panel."""
    image, new = _old_top_and_narrow_panel()
    person = drawn_person(image)
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    edge = (new > 0) & (new < 0.5)
    edge[:110] = edge[180:] = False  # clear of the top's upper end and of the elbows
    assert out.rebuild[edge].min() > 0.95, out.rebuild[edge].min()


def test_the_old_top_under_a_bare_arms_kept_edge_is_rebuilt() -> None:
    """A bare arm beside the torso is kept in front, and its soft outline with it; where
    that outline lies over the old top, the old top's strip stayed between the new panel
    and the arm. It is rebuilt; the arm's own skin is still kept."""
    image, new = _old_top_and_narrow_panel()
    image[90:270, 100:126] = (205, 150, 125)  # the arm, over the old top's edge
    person = drawn_person(image)
    keep = np.zeros((420, 400), np.float32)
    keep[110:250, 100:130] = 1  # the arm kept, its outline 4 px over the top
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, keep, skin.look(person))
    assert out.rebuild[120:240, 127:130].min() > 0.5, out.rebuild[120:240, 127:130].min()
    assert out.rebuild[120:240, 100:125].max() == 0


def test_the_old_necklines_outline_against_the_neck_is_rebuilt_in_full() -> None:
    """A lower new neckline bares the chest under an old pale top's neckline: the old
    neckline's outline, half top and half skin, passes for skin and was rebuilt only in
    part, a pale line across the rebuilt chest. It is rebuilt in full; the fall-off lies
    on the neck above it."""
    image, new = _old_top_and_narrow_panel()
    image[30:90, 175:226] = (205, 150, 125)  # the neck
    image[88:90, 175:226] = (228, 183, 163)  # the neckline's outline, half top, half skin
    new[90:130] = 0  # a lower neckline
    person = drawn_person(image)
    none = np.zeros((420, 400), bool)
    out = replaced(person, TOP, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    line = (slice(86, 92), slice(185, 216))  # the outline and the old top's first rows
    assert out.rebuild[line].min() > 0.95, out.rebuild[line].min()
