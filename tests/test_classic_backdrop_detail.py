"""The backdrop refilled beside the body keeps the wall's own grain and lines."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.backdrop_detail import backdrop_detail
from fitroom.engines.classic.rebuild import _backdrop_fill

SHOULDERS = 120.0


def _tiled_wall(h: int, w: int) -> np.ndarray:
    """A grainy beige wall with a dark grout line across it every 40 rows."""
    rng = np.random.default_rng(7)
    wall = np.full((h, w, 3), (200, 180, 160), np.float32) + rng.normal(0, 9, (h, w, 1))
    wall[(np.arange(h) % 40) < 3] -= 60
    return np.clip(wall, 0, 255).astype(np.uint8)


def _refilled(with_detail: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The wall with a wide old coat's place (a block beside the body) refilled."""
    h, w = 240, 320
    wall = _tiled_wall(h, w)
    hole = np.zeros((h, w), bool)
    hole[30:210, 110:170] = True
    backdrop = ~hole
    backdrop[:, 170:230] = False  # the body kept to the hole's right
    filled, _ = _backdrop_fill(wall, wall.astype(np.float32), hole, backdrop, SHOULDERS)
    if with_detail:
        filled += backdrop_detail(wall, backdrop, hole, SHOULDERS)
    return np.clip(filled, 0, 255).astype(np.uint8), wall, hole


def _grain(image: np.ndarray, where: np.ndarray) -> float:
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float32)
    return float(np.median(np.abs(grey - cv2.GaussianBlur(grey, (0, 0), 2.0))[where]))


def test_a_refill_on_a_grainy_tiled_wall_keeps_its_grain_and_grout_lines() -> None:
    """The mean fill alone is a blurred block (grain near 0, the grout lines gone); with
    the wall's detail mirrored in along the rows it has the wall's grain, and each grout
    line runs straight on across the refill, at the wall's own darkness."""
    smooth, wall, hole = _refilled(False)
    mirrored, _, _ = _refilled(True)
    inner = hole.copy()
    inner[:, 110:116] = inner[:, 164:170] = False
    kept = np.zeros_like(hole)
    kept[30:210, 20:100] = True
    wall_grain = _grain(wall, kept & ((np.arange(240) % 40) > 6)[:, None])
    rows = ((np.arange(240) % 40) > 6)[:, None]
    assert _grain(smooth, inner & rows) < 0.4 * wall_grain
    assert _grain(mirrored, inner & rows) > 0.6 * wall_grain
    grey = cv2.cvtColor(mirrored, cv2.COLOR_RGB2GRAY).astype(np.float32)
    line, between = grey[80:83, 120:160].mean(), grey[90:110, 120:160].mean()
    assert between - line > 40, (line, between)


def test_the_detail_stays_off_the_kept_picture_and_a_plain_wall() -> None:
    """Nothing outside the refill changes; on a flat wall nothing is added."""
    h, w = 100, 100
    flat = np.full((h, w, 3), 150, np.uint8)
    hole = np.zeros((h, w), bool)
    hole[20:80, 40:60] = True
    added = backdrop_detail(flat, ~hole, hole, SHOULDERS)
    assert np.abs(added).max() < 1e-3
    added = backdrop_detail(_tiled_wall(h, w), ~hole, hole, SHOULDERS)
    assert np.abs(added[~hole]).max() == 0


def test_backdrop_flat_fails_a_blurred_block_on_a_grainy_wall_not_a_plain_one() -> None:
    """The refill left smooth on a grainy wall is caught; with the wall's grain it passes;
    on a plain wall the check does not read."""
    smooth, wall, hole = _refilled(False)
    mirrored, _, _ = _refilled(True)
    backdrop = np.ones_like(hole)
    backdrop[:, 170:230] = False
    flat_share = checks.backdrop_flat(smooth, wall, hole, backdrop, 40)
    kept_share = checks.backdrop_flat(mirrored, wall, hole, backdrop, 40)
    assert flat_share is not None and flat_share > checks.BACKDROP_FLAT_MOST, flat_share
    assert kept_share is not None and kept_share < checks.BACKDROP_FLAT_MOST, kept_share
    plain = np.full_like(wall, 170)
    assert checks.backdrop_flat(plain, plain, hole, backdrop, 40) is None
