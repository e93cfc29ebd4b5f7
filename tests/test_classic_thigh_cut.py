"""A photo cut at the upper thigh takes bottoms and dresses: the knees the pose model
places below the frame set the placement as on a full-length photo, and the new bottom
runs on to the photo's edge; `bottom_to_edge` fails one that ends above it."""

from __future__ import annotations

import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person, refuse_garment
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_trousers import blue_jeans, long_legs

TORSO = 160.0  # the drawn person's torso, shoulders (y 100) to hips (y 260)
EDGE = 332  # the cut photo's height: 0.45 of the torso below the hips


def cut_at_thigh() -> Person:
    """`long_legs` cut at the upper thigh: the knees (y 410) lie below the photo, where
    the pose model places them, seen at 0.4."""
    full = long_legs()
    visibility = full.visibility.copy()
    visibility[[pose.L_KNEE, pose.R_KNEE, pose.L_ANKLE, pose.R_ANKLE]] = 0.4
    return Person(
        full.image[:EDGE].copy(),
        full.points.copy(),
        visibility,
        full.mask[:EDGE].copy(),
        full.face[:EDGE].copy(),
        full.hands[:EDGE].copy(),
        full.skin_lab,
    )


def _cover(person: Person, layer_alpha: np.ndarray, x: int, y: int) -> np.ndarray:
    """The placed layer's alpha pasted onto the photo's frame, cut by its edges."""
    cover = np.zeros(person.mask.shape, np.float32)
    h, w = layer_alpha.shape
    y0, x0 = max(y, 0), max(x, 0)
    y1, x1 = min(y + h, cover.shape[0]), min(x + w, cover.shape[1])
    cover[y0:y1, x0:x1] = layer_alpha[y0 - y : y1 - y, x0 - x : x1 - x]
    return cover


def test_jeans_on_a_photo_cut_at_the_thigh_run_to_its_edge() -> None:
    """Refused before (the photo ends short of the knees); now dressed, the jeans placed
    by the knees below the frame and covering the hips and thighs down to the edge."""
    person = cut_at_thigh()
    for category in ("bottom", "dress"):
        refuse_garment(person, category)
    garment = analyse_garment(blue_jeans(height=360), swap_target="bottom", hint=None)
    layer = layers_for(person, garment)[0]
    cover = _cover(person, layer.alpha, layer.x, layer.y)
    hips = [person.pt(pose.L_HIP), person.pt(pose.R_HIP)]
    knees = [person.pt(pose.L_KNEE), person.pt(pose.R_KNEE)]
    value = checks.bottom_to_edge(cover, np.zeros(cover.shape, bool), hips, knees, TORSO)
    assert checks.faults({"bottom_to_edge": value}) == [], value
    assert (cover[262:EDGE, 180:220] > 0.5).all()


def test_bottom_to_edge_fails_a_bottom_ending_above_the_photos_edge() -> None:
    """Drawn covers on a photo cut above the knees: a bottom run to the edge passes, one
    ending 30 px above it fails unless a hand in front hides the strip; a knee inside
    the photo, no reading."""
    hips, knees = [(225.0, 260.0), (175.0, 260.0)], [(222.0, 410.0), (178.0, 410.0)]
    none = np.zeros((EDGE, 400), bool)
    cover = np.zeros((EDGE, 400), np.float32)
    cover[240:EDGE, 160:240] = 1.0
    assert checks.faults({"bottom_to_edge": checks.bottom_to_edge(cover, none, hips, knees, TORSO)}) == []
    cover[EDGE - 30 :] = 0.0
    value = checks.bottom_to_edge(cover, none, hips, knees, TORSO)
    assert checks.faults({"bottom_to_edge": value}) == ["bottom_to_edge"], value
    hand = none.copy()
    hand[EDGE - 30 :, 160:240] = True
    assert checks.bottom_to_edge(cover, hand, hips, knees, TORSO) is None
    assert checks.bottom_to_edge(cover, none, hips, [(222.0, 300.0), (178.0, 410.0)], TORSO) is None
