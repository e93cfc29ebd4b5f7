"""The back's rim seen above a shallow front neckline in a product photo.

A dress or top photographed flat with a shallow round neck shows, above its front
neckline, a thin strip of its back: the back neckline's binding, a zip's pull, and at
the neckline's corners the back's print where the back rises above the front's straps.
The strip is too thin for the inside-back search (`garment._inside_back`), whose
cleaning removes anything a few work pixels tall. Worn, the neck is there: kept, the
strip's pieces sit as dark specks and a pale line at the neckline's corners.

Found at full size, column by column across the neck: the run of pixels unlike the
front's colour from the garment's first row down, thin (`RIM_THIN`) and followed by the
front's colour (`RIM_FRONT`). A print or a collar reaching the edge is not thin or not
followed by the front; the runs are kept only as a strip reaching the neck's middle and
spanning `RIM_SPAN` of the panel, so a print's spot touching the edge stays.

The rim is painted over in the front's colour, not cut: it stands on the straps' tops,
which lay the garment on the shoulders (`placement`); cut, the garment hung higher.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

#: The neck's columns: between the garment's highest points (the straps' tops) within
#: this share of the panel's width either side of its middle, and RIM_OUT beyond them
#: (the back's print at a corner runs on a little past the strap's top), where the
#: garment's first row is no lower than at the middle (the opening's rim).
RIM_HALF = 0.45
RIM_OUT = 0.08
#: The opening's middle this far (panel widths) below the straps' tops shows the backdrop
#: through it (a deep scoop): no back rim is seen there.
RIM_DEEP = 0.12
#: A run from the garment's first row this thin (panel widths) at most is the back's rim,
#: and at least RIM_LEAST thick (and 2 px): the cut-out's edge, half backdrop, is a pixel.
RIM_THIN = 0.06
RIM_LEAST = 0.012
#: Below it the front's colour for this many panel widths, in this share of its rows.
RIM_FRONT = 0.03
RIM_FRONT_SHARE = 0.8
#: The rim's pieces, joined, span this share of the panel's width and reach within
#: RIM_MIDDLE of the middle.
RIM_SPAN = 0.2
RIM_MIDDLE = 0.05
#: Unlike the front: this much darker (Lab L, 8-bit; the front's own shade near the
#: shoulders reads 10-15 darker) or this far in hue.
RIM_DARKER = 25.0
RIM_HUE = 14.0
#: The front's colour is read this far below the middle's first row (panel widths), at
#: these shares out from the middle (`front_colour`).
FRONT_ROWS = (0.08, 0.2)
FRONT_SHARES = (0.36, 0.46)
#: Rows (px) below the last one read that the colours' half-pixel blur takes in (its
#: kernel's reach is 2): with them the rows read are blurred as in the whole photo.
BLUR_REACH = 4


def front_colour(
    lab: NDArray[np.float32], body: NDArray[np.bool_], top: int, middle: int, width: float
) -> NDArray[np.float32] | None:
    """The front's colour beside a neck opening (median Lab of `body` `FRONT_ROWS` below
    the first row `top` at the panel's `middle`, `FRONT_SHARES` of its `width` out on
    each side), which the back seen through or above the neckline is told from; None
    where too little of the front is there."""
    front = np.zeros(body.shape, bool)
    rows = slice(int(top + FRONT_ROWS[0] * width), int(top + FRONT_ROWS[1] * width))
    for side in (-1, 1):
        a, b = sorted(middle + side * int(share * width) for share in FRONT_SHARES)
        front[rows, max(0, a) : max(0, b)] = True
    front &= body
    if np.count_nonzero(front) < 20:
        return None
    return np.asarray(np.median(lab[front], axis=0), np.float32)


def back_rim(rgb: NDArray[np.uint8], solid: NDArray[np.uint8], left: float, right: float) -> NDArray[np.bool_]:
    """The back's rim above the front neckline (True), or nothing when none shows."""
    none = np.zeros(solid.shape, bool)
    h, w = solid.shape
    width = right - left
    middle = int((left + right) / 2)
    body = solid > 0
    if width < 20 or not 0 <= middle < w or not body[:, middle].any():
        return none
    first = np.where(body.any(axis=0), body.argmax(axis=0), h)
    top = int(first[middle])
    least, thin, below = max(2, int(RIM_LEAST * width)), max(2, int(RIM_THIN * width)), max(2, int(RIM_FRONT * width))
    # Only the rows down to the front's colour and the runs below the neck are read: the
    # colours are worked out on them (and the blur's reach below), not the whole photo.
    rows = min(h, max(int(top + FRONT_ROWS[1] * width), top + thin + below) + 1)
    blurred = cv2.GaussianBlur(rgb[: min(h, rows + BLUR_REACH)], (0, 0), 0.5)
    lab = cv2.cvtColor(blurred[:rows], cv2.COLOR_RGB2LAB).astype(np.float32)
    reference = front_colour(lab, body[:rows], top, middle, width)
    if reference is None:
        return none
    hue = np.hypot(lab[..., 1] - reference[1], lab[..., 2] - reference[2])
    unlike = (reference[0] - lab[..., 0] > RIM_DARKER) | (hue > RIM_HUE)
    rim = np.zeros(body.shape, np.uint8)
    half, out = int(RIM_HALF * width), int(RIM_OUT * width)
    x0, x1 = max(0, middle - half), min(w, middle + half + 1)
    peaks = int(np.argmin(first[x0 : middle + 1])) + x0, int(np.argmin(first[middle:x1])) + middle
    if top > first[list(peaks)].max() + RIM_DEEP * width:
        return none
    for x in range(max(0, peaks[0] - out), min(w, peaks[1] + out + 1)):
        y = int(first[x])
        if y > top or y >= h:
            continue
        column = unlike[y : y + thin + below, x] & body[y : y + thin + below, x]
        run = int(np.argmin(column)) if not column.all() else len(column)
        after = column[run : run + below]
        if least <= run <= thin and len(after) == below and np.mean(~after) >= RIM_FRONT_SHARE:
            rim[y : y + run, x] = 1
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rim, connectivity=8)
    near = int(RIM_MIDDLE * width)
    keep = [
        i
        for i in range(1, count)
        if stats[i, cv2.CC_STAT_WIDTH] >= RIM_SPAN * width
        and stats[i, cv2.CC_STAT_LEFT] <= middle + near
        and stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] > middle - near
    ]
    return np.isin(labels, keep) if keep else none


#: The front's colour painted over a rim column is the median of this many pixels below it.
PAINT_ROWS = 3
#: The rim's lowest row is painted this many pixels further down (its soft lower edge).
PAINT_MARGIN = 1


def painted_over(rgb: NDArray[np.uint8], rim: NDArray[np.bool_]) -> NDArray[np.uint8]:
    """The photo with each column's `rim` run painted in the colour just below it."""
    out = rgb.copy()
    h = rgb.shape[0]
    for x in np.flatnonzero(rim.any(axis=0)):
        rows = np.flatnonzero(rim[:, x])
        end = min(h, int(rows[-1]) + 1 + PAINT_MARGIN)
        below = rgb[end : min(h, end + PAINT_ROWS), x]
        if len(below):
            out[int(rows[0]) : end, x] = np.median(below, axis=0).astype(np.uint8)
    return out
