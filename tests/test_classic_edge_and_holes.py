"""The garment's soft edge takes the fabric's typical colour at its nearest solid pixel,
and an arm mask's holes are filled only when they are small and enclosed: both worked
out in the box round what they touch (see `garment.edge_colour`, `arms._holes_filled`)."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.arms import _holes_filled
from fitroom.engines.classic.garment import SOLID_ALPHA, edge_colour


def spotted_fabric(h: int, w: int, spacing: int, radius: int) -> NDArray[np.uint8]:
    """A pale fabric printed with dark spots in a grid, a leopard-like print."""
    rgb = np.full((h, w, 3), 235, np.uint8)
    for y in range(spacing // 2, h, spacing):
        for x in range(spacing // 2 + (y // spacing % 2) * spacing // 2, w, spacing):
            cv2.circle(rgb, (x, y), radius, (30, 30, 30), -1)
    return rgb


def test_the_soft_edge_takes_the_nearest_solid_pixels_colour() -> None:
    h, w = 120, 160
    rgb = np.full((h, w, 3), 255, np.uint8)  # a white backdrop
    rgb[:, :80] = (200, 20, 20)  # a garment red on the left of the picture...
    rgb[:, 80:] = (20, 20, 200)  # ...and blue on the right
    solid = np.zeros((h, w), np.uint8)
    cv2.rectangle(solid, (40, 30), (119, 89), 1, -1)
    # The alpha fades out over 8 pixels round the solid garment.
    distance = cv2.distanceTransform(1 - solid, cv2.DIST_L2, 5)
    alpha = np.clip(1 - distance / 8, 0, 1).astype(np.float32)
    out = edge_colour(rgb, alpha)
    ys, xs = np.nonzero((alpha > 0) & (alpha < SOLID_ALPHA))
    assert len(ys)
    left = xs < 80
    assert (out[ys[left], xs[left]] == (200, 20, 20)).all()
    assert (out[ys[~left], xs[~left]] == (20, 20, 200)).all()
    # Solid pixels and everything outside the alpha's box stay as they were.
    assert np.array_equal(out[solid > 0], rgb[solid > 0])
    assert np.array_equal(out[:20], rgb[:20]) and np.array_equal(out[:, :30], rgb[:, :30])


def test_a_spotted_fabrics_soft_edge_takes_its_pale_ground_not_the_spots() -> None:
    """Spots that touch the outline are carried out as dark dashes by the nearest solid
    pixel's colour; the fabric's typical colour there is its pale ground."""
    h, w = 160, 200
    rgb = spotted_fabric(h, w, spacing=14, radius=4)
    solid = np.zeros((h, w), np.uint8)
    cv2.ellipse(solid, (100, 80), (80, 60), 0, 0, 360, 1, -1)
    distance = cv2.distanceTransform(1 - solid, cv2.DIST_L2, 5)
    alpha = np.clip(1 - distance / 10, 0, 1).astype(np.float32)
    fading = (alpha > 0) & (alpha < SOLID_ALPHA)
    assert (rgb[fading] < 100).all(axis=1).any()  # spots do reach the outline
    out = edge_colour(rgb, alpha)
    assert (out[fading] > 200).all()
    assert np.array_equal(out[solid > 0], rgb[solid > 0])


def test_only_small_enclosed_holes_in_an_arm_are_filled() -> None:
    mask = np.zeros((100, 120), bool)
    mask[20:80, 10:110] = True
    mask[30:34, 20:24] = False  # a small hole inside: filled
    mask[40:75, 60:100] = False  # a large hole inside: kept
    mask[20:26, 40:44] = False  # a notch open to the outside: kept
    edge = np.zeros((100, 120), bool)
    edge[0:30, 0:20] = True
    edge[0:3, 5:8] = False  # a small hole at the photo's edge: kept
    out = _holes_filled(mask | edge, 50)
    assert out[30:34, 20:24].all()
    assert not out[40:75, 60:100].any()
    assert not out[20:26, 40:44].any()
    assert not out[0:3, 5:8].any()
    assert np.array_equal(out & ~(mask | edge), np.pad(np.ones((4, 4), bool), ((30, 66), (20, 96))))
    assert not _holes_filled(np.zeros((10, 10), bool), 50).any()
