"""The inside back's band of a tee seen through its front neckline in the front's own colour.

A tee photographed flat shows, through its neck opening, the inside of its back: the
back collar's band and often a brand label. When that band is of the front's colour
(`garment._inside_back` tells only one that differs) the engine wore it across the
throat, label and all. Here the front neckline is found by its shape instead: a half
ellipse from the outline's top either side of the middle, dipping at the middle, along
which the photo changes more than just above and below it (a ridge, not a print's
texture), with a second such curve (the rib's lower seam) a little below it, just below
a brand label sewn in the band (a small patch unlike the band, near the middle's top):
without a label nothing is cut, so buttons, collars and prints below the neck stay.
"""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

#: The neckline's half width and depth at the middle, in panel widths.
BAND_HALF = (0.14, 0.32)
BAND_DEPTH = (0.05, 0.3)
#: Depths tried this far apart, and a curve's ridge read against curves this far above
#: and below it (panel widths).
BAND_STEP = 0.005
BAND_OFF = 0.02
#: The rib's lower seam lies this many steps below the neckline's edge.
RIB_STEPS = (3, 13)
#: A neckline's ridge (Lab gradient along the curve less that beside it) at least this.
BAND_RIDGE = 2.0
#: A label: a patch this unlike (Lab) the neck's typical colour, centred this near the
#: middle, starting this near the top, at most this wide and tall (panel widths).
LABEL_CONTRAST = 30.0
LABEL_OFF = 0.06
LABEL_START = 0.15
LABEL_WIDE = 0.2
LABEL_TALL = 0.15
LABEL_SMALL = 0.02
#: The front neckline's middle lies at most this far (panel widths) below the label's foot.
LABEL_ABOVE = 0.05
#: A collar or a mock neck stands above the neckline's ends: its middle's first row lies
#: more than this (panel widths) above the line between them. A tee's back collar does not.
BAND_RISE = 0.01
#: Read at this long side (px): the rib's seams are a pixel or two at `WORK_SIDE`.
BAND_SIDE = 640
#: The middle's first row lies this near (panel widths) the garment's first row round
#: the neck: lower, the opening shows the backdrop and nothing is worn across the neck.
BAND_TOP = 0.05


class _Neck(NamedTuple):
    """The garment's panel read for its neck opening at `BAND_SIDE` (`_neck_opening`)."""

    size: tuple[int, int]
    scale: float
    body: NDArray[np.bool_]
    width: float
    middle: float
    first: NDArray[np.int_]


def _neck_opening(solid: NDArray[np.uint8], left: float, right: float) -> _Neck | None:
    """The garment's mask `solid` read at `BAND_SIDE`: its size and scale there, the mask,
    the panel's width and middle (`left`, `right`: its sides in the photo) and each
    column's first row; None where the middle's first row lies more than `BAND_TOP` below
    the garment's first row round the neck (the opening shows the backdrop, nothing worn
    across the neck)."""
    h, w = solid.shape
    scale = min(1.0, BAND_SIDE / max(h, w))
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    body = cv2.resize(solid, size, interpolation=cv2.INTER_NEAREST) > 0
    width, middle = (right - left) * scale, (left + right) / 2 * scale
    first = np.where(body.any(axis=0), body.argmax(axis=0), size[1])
    near = first[max(0, int(middle - BAND_HALF[1] * width)) : int(middle + BAND_HALF[1] * width) + 1]
    if not 0 <= int(middle) < size[0] or not len(near) or first[int(middle)] > near.min() + BAND_TOP * width:
        return None
    return _Neck(size, scale, body, width, middle, first)


def inside_band(rgb: NDArray[np.uint8], solid: NDArray[np.uint8], left: float, right: float) -> NDArray[np.bool_]:
    """What lies above the front neckline of a tee (True), or nothing when no neckline's
    curve is found; `left`, `right`: the body panel's sides in the photo."""
    none = np.zeros(solid.shape, bool)
    neck = _neck_opening(solid, left, right)
    if neck is None:
        return none
    size, _, body, width, middle, first = neck
    h, w = solid.shape
    small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    label = _label_bottom(small, body, int(first[int(middle)]), middle, width)
    if label is None:
        return none
    grad = _gradient(small) * cv2.erode(body.astype(np.uint8), np.ones((5, 5), np.uint8))
    off = int(round(BAND_OFF / BAND_STEP))
    depths = np.arange(BAND_DEPTH[0] - BAND_OFF, BAND_DEPTH[1] + BAND_OFF + RIB_STEPS[1] * BAND_STEP, BAND_STEP)
    curves: list[tuple[float, float, NDArray[np.int64], NDArray[np.float64]]] = []
    for half in np.arange(BAND_HALF[0], BAND_HALF[1] + 1e-6, 0.01) * width:
        xl, xr = int(round(middle - half)), int(round(middle + half))
        if xl < 0 or xr >= size[0] or max(first[xl], first[xr]) >= size[1]:
            continue
        xs = np.arange(xl, xr + 1)
        u = (xs - middle) / half
        rim = first[xl] + (first[xr] - first[xl]) * (u + 1) / 2
        dip = np.sqrt(np.clip(1 - u**2, 0, 1))
        inner = np.abs(u) <= 0.85
        rows = np.round(rim[inner] + depths[:, None] * width * dip[inner]).astype(np.int64)
        along = np.median(grad[np.clip(rows, 0, size[1] - 1), xs[inner]], axis=1)
        ridge = along[off:-off] - np.maximum(along[: -2 * off], along[2 * off :])
        for i, depth in enumerate(depths[off:-off]):
            if not BAND_DEPTH[0] <= depth <= BAND_DEPTH[1] or i + RIB_STEPS[1] > len(ridge):
                continue
            score = float(min(ridge[i], ridge[i + RIB_STEPS[0] : i + RIB_STEPS[1]].max()))
            curves.append((score, float(depth), xs, rim + depth * width * dip))
    below = [c for c in curves if label <= c[3][len(c[3]) // 2] <= label + LABEL_ABOVE * width]
    if not below:
        return none
    score, _, xs, edge = max(below, key=lambda c: c[0])
    if score <= BAND_RIDGE:
        return none
    if first[int(middle)] < (edge[0] + edge[-1]) / 2 - BAND_RISE * width:
        return none
    found = np.zeros(body.shape, bool)
    found[:, xs] = np.arange(size[1])[:, None] <= edge[None, :]
    return cv2.resize(found.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0


def _gradient(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
    """The largest Lab channel's gradient magnitude per pixel, lightly smoothed."""
    lab = cv2.cvtColor(cv2.GaussianBlur(rgb, (0, 0), 1.0), cv2.COLOR_RGB2LAB).astype(np.float32)
    grad = np.zeros(rgb.shape[:2], np.float32)
    for channel in cv2.split(lab):
        grad = np.maximum(
            grad, cv2.magnitude(cv2.Sobel(channel, cv2.CV_32F, 1, 0), cv2.Sobel(channel, cv2.CV_32F, 0, 1))
        )
    return grad


def _label_bottom(
    small: NDArray[np.uint8], body: NDArray[np.bool_], top: int, middle: float, width: float
) -> float | None:
    """The lowest row of a brand label sewn in the back band near the middle's top, or
    None: the front neckline lies below it, and with none the inside back is no label's."""
    x0, x1 = max(0, int(middle - LABEL_WIDE * width)), int(middle + LABEL_WIDE * width) + 1
    y1 = int(top + (LABEL_START + LABEL_TALL) * width) + 1
    lab = cv2.cvtColor(small[top:y1, x0:x1], cv2.COLOR_RGB2LAB).astype(np.float32)
    inside = body[top:y1, x0:x1]
    if not inside.any():
        return None
    typical = np.median(lab[inside], axis=0)
    unlike = (np.linalg.norm(lab - typical, axis=2) > LABEL_CONTRAST) & inside
    reach = max(3, int(0.02 * width)) | 1
    joined = cv2.morphologyEx(unlike.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((reach, reach), np.uint8))
    count, _, stats, centres = cv2.connectedComponentsWithStats(joined, connectivity=8)
    best: float | None = None
    for i in range(1, count):
        left, upper, wide, tall = stats[i, :4]
        if (
            abs(x0 + centres[i, 0] - middle) <= LABEL_OFF * width
            and upper <= LABEL_START * width
            and LABEL_SMALL * width <= wide <= LABEL_WIDE * width
            and LABEL_SMALL * width <= tall <= LABEL_TALL * width
        ):
            bottom = float(top + upper + tall)
            best = bottom if best is None else max(best, bottom)
    return best


#: A brand label on an inside back of the front's own colour (a white polo's, a white or
#: navy tee's) differs too little in colour to be told by it (`LABEL_CONTRAST`): it shows
#: as a small box of edges (its outline and print), found with these Canny thresholds, in
#: a plain ring this wide (panel widths) whose pixels (90th percentile) lie within
#: `LABEL_PLAIN` (Lab) of their median.
LABEL_EDGES = (20, 50)
LABEL_RING = 0.03
LABEL_PLAIN = 12.0
#: The label's box (edges closed and filled) fills at least this share of its bounds.
LABEL_FILL = 0.6


def label_painted(rgb: NDArray[np.uint8], solid: NDArray[np.uint8], left: float, right: float) -> NDArray[np.uint8]:
    """The photo with a brand label in the neck opening painted over in the plain inside
    back round it, or the photo itself when none is found.

    A polo's or shirt's collar hides the front neckline's edge (`inside_band` finds no
    curve to cut by) and a faint rib may too; the label then sat on the wearer's throat.
    Found where `_label_bottom` looks (near the middle's top, narrow and short), as a box
    of edges closed and filled (a zip or thread running off it opened away)."""
    neck = _neck_opening(solid, left, right)
    if neck is None:
        return rgb
    size, scale, body, width, middle, first = neck
    h, w = solid.shape
    top = int(first[int(middle)])
    small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    x0, x1 = max(0, int(middle - LABEL_WIDE * width)), min(size[0], int(middle + LABEL_WIDE * width) + 1)
    y1 = min(size[1], int(top + (LABEL_START + LABEL_TALL) * width) + 1)
    inside = cv2.erode(body.astype(np.uint8), np.ones((5, 5), np.uint8))[top:y1, x0:x1] > 0
    gray = cv2.cvtColor(np.ascontiguousarray(small[top:y1, x0:x1]), cv2.COLOR_RGB2GRAY)
    edges = (cv2.Canny(gray, *LABEL_EDGES) > 0) & inside
    reach = max(3, int(0.02 * width)) | 1
    closed = cv2.morphologyEx(edges.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((reach, reach), np.uint8))
    # The label's outline closed and filled; a zip or a thread of edges off it opened away.
    outside = np.pad(closed, 1)
    cv2.floodFill(outside, None, (0, 0), 1)
    filled = closed | (1 - outside[1:-1, 1:-1])
    opened = cv2.morphologyEx(filled, cv2.MORPH_OPEN, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    count, labels, stats, centres = cv2.connectedComponentsWithStats(opened, connectivity=8)
    ring_px = max(2, int(LABEL_RING * width))
    for i in range(1, count):
        bx, by, bw, bh, area = stats[i]
        if not (
            abs(x0 + centres[i, 0] - middle) <= LABEL_OFF * width
            and by <= LABEL_START * width
            and LABEL_SMALL * width <= bw <= LABEL_WIDE * width
            and LABEL_SMALL * width <= bh <= LABEL_TALL * width
            and area >= LABEL_FILL * bw * bh
        ):
            continue
        # The inside back round the label is plain: no print, button or collar's edge.
        cx0, cy0 = max(0, x0 + bx - ring_px), max(0, top + by - ring_px)
        cx1, cy1 = min(size[0], x0 + bx + bw + ring_px), min(size[1], top + by + bh + ring_px)
        ring = body[cy0:cy1, cx0:cx1].copy()
        ring[top + by - cy0 : top + by + bh - cy0, x0 + bx - cx0 : x0 + bx + bw - cx0] = False
        shades = cv2.cvtColor(np.ascontiguousarray(small[cy0:cy1, cx0:cx1]), cv2.COLOR_RGB2LAB).astype(np.float32)[ring]
        if (
            not len(shades)
            or np.percentile(np.linalg.norm(shades - np.median(shades, axis=0), axis=1), 90) > LABEL_PLAIN
        ):
            continue
        # Painted in the photo round the label's box, the size tab hanging under it and
        # the label's soft rim too (a `reach` wider box).
        fx0, fy0 = int((x0 + bx - reach - ring_px) / scale), int((top + by - reach - ring_px) / scale)
        fx1, fy1 = int((x0 + bx + bw + reach + ring_px) / scale) + 1, int((top + by + bh + reach + ring_px) / scale) + 1
        fx0, fy0, fx1, fy1 = max(0, fx0), max(0, fy0), min(w, fx1), min(h, fy1)
        mask = np.zeros((fy1 - fy0, fx1 - fx0), np.uint8)
        mask[
            max(0, int((top + by - reach / 2) / scale) - fy0) : int((top + by + bh + 1.5 * reach) / scale) + 1 - fy0,
            max(0, int((x0 + bx - reach / 2) / scale) - fx0) : int((x0 + bx + bw + reach / 2) / scale) + 1 - fx0,
        ] = 1
        # The plain inside back's median colour, feathered in: an inpaint drew the collar
        # folds' shade beside it in as a grey streak.
        patch = rgb[fy0:fy1, fx0:fx1].astype(np.float32)
        soft = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), max(1.0, reach / scale / 4))[..., None]
        soft = np.maximum(soft, mask[..., None].astype(np.float32))
        plain = np.median(patch[mask == 0], axis=0)
        out = rgb.copy()
        out[fy0:fy1, fx0:fx1] = np.clip(patch * (1 - soft) + plain * soft, 0, 255).astype(np.uint8)
        return out
    return rgb
