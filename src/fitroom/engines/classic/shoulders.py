"""The bared shoulders' outline where an old sleeveless top (a tank) covered them: a
smooth curve from the kept neck's side down to the kept arm's top.

A tank's straps stand up from the neck to the armhole as a square, level band, and
the person's own bare arm beside it starts lower. Cut at the straight line between the
two over a body inset from the old outline, the rebuilt skin had a notch where it met
the kept neck, another where it met the kept arm, and a stepped, straight shelf
between them: no shoulder looks like that. A real shoulder's outline falls from the
neck and rounds over into the arm's own outline without a corner or a notch.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: The steepest a shoulder's chord falls from beside the neck to the arm's top (rise
#: over run): steeper, what stands beside the run's other end is no arm's top (a hand,
#: the crop's edge below a long sleeve), and the curve would cut through the arm.
STEEPEST = 1.0
#: How far along the kept arm's own top (shares of the run) its slope is read.
ARM_READ = 0.15
#: Over how much of the run (shares) the old outline's lowest row is taken and smoothed,
#: and how far inside it (pixels) the curve stays at least.
FLOOR_SPAN = 0.08
FLOOR_IN = 1.0


def _hermite(t: NDArray[np.float32], y0: float, y1: float, m0: float, m1: float) -> NDArray[np.float32]:
    """The cubic from `y0` to `y1` over `t` in 0..1 whose slopes at its ends are `m0` and
    `m1` (in units of the whole run)."""
    t2, t3 = t * t, t * t * t
    return np.asarray(
        (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1, np.float32
    )


def drawn_outline(solid: NDArray[np.bool_], old: NDArray[np.bool_], depth: int) -> NDArray[np.float32]:
    """The drawn shoulders' outline: for each column the row (sub-pixel) above which the
    body ends, NaN in the columns no curve spans.

    Across each run of columns whose top is the old garment (`old` `depth` rows below
    the person's top, `solid`) and that the person's own outline ends on both sides,
    the curve runs from the run's top at the neck (the end whose outside neighbour
    stands higher) to the top of what stands beside its other end (the kept arm),
    leaving the neck along the chord and meeting the arm at the slope of the arm's own
    outline beyond it, no flatter than the chord and no steeper than three times it: the
    curve falls all the way and stands at or above the chord, rounding over into the
    arm as a deltoid does (a curve below the chord cut a wedge out of the shoulder beside
    the arm's cap). Never above the old outline's smoothed lowest rows (`_floor`). A run
    whose arm stands higher than its neck end gets the straight chord."""
    h, w = solid.shape
    line = np.full(w, np.nan, np.float32)
    has = solid.any(axis=0)
    top = np.argmax(solid, axis=0)
    clothed = has & old[np.minimum(top + depth, h - 1), np.arange(w)]
    edges = np.flatnonzero(np.diff(np.concatenate(([0], clothed.astype(np.int8), [0]))))
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if a == 0 or b >= w or not has[a - 1] or not has[b]:
            continue
        if top[a - 1] < top[b]:
            neck, arm, step = a, b, 1
        else:
            neck, arm, step = b - 1, a - 1, -1
        run = abs(arm - neck)
        rise = float(top[arm]) - float(top[neck])
        if run < 2 or rise > STEEPEST * run:
            continue
        # The arm's own top beyond the run: how fast it falls going outwards.
        beyond = arm + step * np.arange(max(2, int(ARM_READ * run)))
        beyond = beyond[(beyond >= 0) & (beyond < w)]
        beyond = beyond[has[beyond]]
        fall = float(np.polyfit(np.arange(beyond.size), top[beyond], 1)[0]) * run if beyond.size >= 2 else 0.0
        m0, m1 = (rise, float(np.clip(fall, rise, 3 * rise))) if rise > 0 else (rise, rise)
        span = np.arange(neck, arm, step)
        t = (np.abs(span - neck) / run).astype(np.float32)
        curve = _hermite(t, float(top[neck]), float(top[arm]), m0, m1)
        line[span] = np.maximum(curve, _floor(top[span], run))
    return line


def _floor(top: NDArray[np.int_], run: int) -> NDArray[np.float32]:
    """The old outline's lowest row round each column (over `FLOOR_SPAN` of the run),
    smoothed over as much and `FLOOR_IN` pixels further in: the segmentation's stepped,
    stippled edge lies above it, so the curve never reaches past the person's mask
    where a notch of it stood lower."""
    k = 2 * max(1, int(FLOOR_SPAN * run / 2)) + 1
    padded = np.pad(top.astype(np.float32), k // 2, mode="edge")
    lowest = np.lib.stride_tricks.sliding_window_view(padded, k).max(axis=1)
    smooth = np.convolve(np.pad(lowest, k // 2, mode="edge"), np.full(k, 1 / k, np.float32), mode="valid")
    return np.asarray(smooth + FLOOR_IN, np.float32)


def below_outline(line: NDArray[np.float32], h: int) -> NDArray[np.float32]:
    """How much of each pixel lies below `line` (0..1, anti-aliased over a pixel); 1 in
    the columns where it is NaN."""
    rows = np.arange(h, dtype=np.float32)[:, None]
    return np.asarray(np.where(np.isnan(line)[None, :], 1, np.clip(rows - line[None, :] + 0.5, 0, 1)), np.float32)
