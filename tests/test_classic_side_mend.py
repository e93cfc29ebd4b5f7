"""A top's sides below the armpits are mended where they meet the garment's own cloth
above and below or an arm beside them: cut to a ragged arm mask, they came out torn,
with bites of the backdrop and flecks of rebuilt skin between the side and the arm."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic.composite import _old_shown, _seam_backing, _Sides
from fitroom.engines.classic.warp import Layer
from tests.test_classic_engine import drawn_person

NAVY = (30, 35, 70)


def _tee() -> tuple[list[Layer], list[np.ndarray], np.ndarray]:
    """A navy panel (x 100-200, y 60-260) with a bite out of its image-left side (rows
    150-165, 10 px deep) and a sleeve at its top left: the layers, their alphas and
    their union over a 300 × 300 photo."""
    panel = np.zeros((300, 300), np.float32)
    panel[60:260, 100:200] = 1
    panel[150:165, 100:110] = 0
    sleeve = np.zeros((300, 300), np.float32)
    sleeve[60:90, 60:100] = 1
    alphas = [sleeve, panel]
    layers = [Layer(np.full((300, 300, 3), NAVY, np.float32), a, 0, 0) for a in alphas]
    return layers, alphas, np.maximum(sleeve, panel)


def _beside_arm() -> _Sides:
    """An arm kept in front from x 80 to 97 below the sleeve, a 3 px strip rebuilt
    between it and the panel."""
    arm = np.zeros((300, 300), bool)
    arm[100:250, 80:97] = True
    rebuilt = np.zeros((300, 300), bool)
    rebuilt[100:250, 97:100] = True
    return _Sides((~arm).astype(np.float32), arm, rebuilt)


def _laid(sides: _Sides | None) -> np.ndarray:
    layers, alphas, union = _tee()
    under = np.zeros((300, 300), np.float32)
    seam = _seam_backing(layers, alphas, union, 100.0, sides)
    if seam is not None:
        box, _, laid = seam
        under[box] = laid
    return under


def test_a_bite_in_a_tops_side_is_filled_with_the_garment() -> None:
    before, after = _laid(None), _laid(_beside_arm())
    bite = (slice(152, 163), slice(101, 109))
    assert before[bite].max() < 0.5, "the seams alone leave the bite"
    assert after[bite].min() > 0.5, after[bite].min()


def test_the_strip_rebuilt_between_a_tops_side_and_the_arm_is_the_garment() -> None:
    before, after = _laid(None), _laid(_beside_arm())
    strip = (slice(110, 140), slice(97, 100))
    assert before[strip].max() < 0.5
    assert after[strip].min() > 0.5, after[strip].min()
    assert after[100:250, 80:97].max() == 0, "the arm stays in front"
    assert after[100:250, :75].max() == 0, "nothing beyond the arm"


def test_only_the_old_tops_own_colour_is_mended_not_the_arms_shaded_edge() -> None:
    """The old black top and the arm's shaded edge beside it are both in the old
    garment's mask (the arm's mask left the edge out): the top is the old garment's
    place, mended; the edge is the arm's, nearer the skin's colour, and left."""
    image = np.full((300, 300, 3), 235, np.uint8)
    image[60:260, 100:200] = (15, 15, 18)  # the old black top
    person = drawn_person(image)
    skin = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0].astype(int)
    image[100:250, 80:97] = skin  # the arm, kept
    image[100:250, 97:100] = np.clip(skin * 0.8, 0, 255)  # its shaded edge
    person = drawn_person(image)
    old = np.zeros((300, 300), np.float32)
    old[60:260, 97:200] = 1
    kept = np.zeros((300, 300), np.float32)
    kept[100:250, 80:97] = 1
    shown = _old_shown(person, old, kept)
    assert shown[80:250, 110:190].min() == 1, "the old top"
    assert shown[100:250, 97:100].max() == 0, "the arm's shaded edge"
