"""A backpack's padded shoulder strap, seen from the front on the near shoulder.

Drawn as a straight line of one flat colour it read as a stiff dark bar, often ending on
the chest (15 of 34 devset backpack B, 2026-12-04). A real strap comes over the top of the
shoulder from behind, runs down the chest bending out towards the armpit and passes
behind the arm there: a band of even width, rounded (darker towards its long edges), with
a soft outline, foreshortened where it turns over the shoulder.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.accessories.cutout import Cutout

Vec = NDArray[np.float64]

#: Centre-line samples of the curve (each pixel's nearest point on it gives its place).
SAMPLES = 24
#: Where the strap turns over the shoulder it is seen edge-on: its width there is this
#: share of the full width, widening to the full width over the first `TURN` of its length.
TOP_WIDTH, TURN = 0.8, 0.25
#: The padding: the colour times 1 + `RIDGE` over its flat middle, falling by `EDGE_DARK`
#: as the distance from the middle to the power `EDGE_POWER` (flat, then turning away
#: near the edges: a lower power read as a round tube), plus `LIFT` RGB levels in the
#: middle (so a black strap shows its shape too).
RIDGE, EDGE_DARK, EDGE_POWER, LIFT = 0.05, 0.4, 6, 6.0
#: Only the strap's last part (from this share of its length) is cut where it passes behind
#: the arm: higher up its outer edge runs beside the arm's and must stay whole.
CUT_FROM = 0.55
#: The outline's softness (Gaussian sigma, px).
SOFT = 0.7


def quadratic(p0: Vec, p1: Vec, p2: Vec, n: int = SAMPLES) -> NDArray[np.float64]:
    """Points along the quadratic Bézier curve p0 → p2 pulled towards p1."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2


def _nearest(points: NDArray[np.float64], shape: tuple[int, int]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Each pixel's distance (px) to the polyline `points` (in the crop of `shape`) and the
    share (0..1) of the line's length at its nearest point. The line is walked at a pixel's
    step and a distance transform labels each pixel with the nearest step: measuring each
    pixel against every segment cost a tenth of a second on a large photo."""
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    lengths = np.concatenate([[0.0], np.cumsum(steps)])
    total = max(float(lengths[-1]), 1e-9)
    at = np.linspace(0.0, total, max(2, int(total) + 1))
    xs = np.interp(at, lengths, points[:, 0])
    ys = np.interp(at, lengths, points[:, 1])
    h, w = shape
    cols, rows = np.clip(np.round(xs).astype(int), 0, w - 1), np.clip(np.round(ys).astype(int), 0, h - 1)
    source = np.ones(shape, np.uint8)
    source[rows, cols] = 0
    share = np.zeros(shape, np.float32)
    share[rows, cols] = at / total
    distance, labels = cv2.distanceTransformWithLabels(
        source, cv2.DIST_L2, cv2.DIST_MASK_PRECISE, labelType=cv2.DIST_LABEL_PIXEL
    )
    seeds_y, seeds_x = np.nonzero(source == 0)
    index = labels - 1
    return distance, share[seeds_y[index], seeds_x[index]]


def padded(
    centre: NDArray[np.float64],
    width: float,
    colour: NDArray[np.uint8],
    edge: NDArray[np.float32],
    shape: tuple[int, int],
    cut: tuple[Vec, Vec] | None = None,
    keep: NDArray[np.bool_] | None = None,
    grow: int = 1,
) -> tuple[Cutout, NDArray[np.float64]] | None:
    """The strap along `centre` (photo points, top first), `width` px wide, in `colour`
    with a soft seam of `edge` colour along its sides, as a cut-out and the matrix that
    puts it in the photo of `shape`. `cut` (a point and a direction) ends it where it
    passes behind the arm: only the side of that line the strap starts on is drawn.
    `keep` (photo-sized) is where it may show at all (the person), grown by `grow` px:
    the strap lies on the shoulder's outline. None when nothing of it is in the photo."""
    h, w = shape
    pad = width
    x0, y0 = int(max(0, centre[:, 0].min() - pad)), int(max(0, centre[:, 1].min() - pad))
    x1, y1 = int(min(w, centre[:, 0].max() + pad + 1)), int(min(h, centre[:, 1].max() + pad + 1))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    distance, along = _nearest(centre - (x0, y0), (y1 - y0, x1 - x0))
    half = width / 2 * (TOP_WIDTH + (1 - TOP_WIDTH) * np.clip(along / TURN, 0, 1))
    alpha = np.clip(half - distance + 0.5, 0, 1)
    if cut is not None:
        point, direction = cut
        normal = np.array([-direction[1], direction[0]])
        side = np.sign(float(np.dot(centre[0] - point, normal))) or 1.0
        inside = np.clip(side * ((xs - point[0]) * normal[0] + (ys - point[1]) * normal[1]) + 0.5, 0, 1)
        alpha *= np.where(along >= CUT_FROM, inside, 1.0)
    if keep is not None:
        grown = cv2.dilate(keep[y0:y1, x0:x1].astype(np.uint8), np.ones((3, 3), np.uint8), iterations=grow)
        alpha *= cv2.GaussianBlur(grown.astype(np.float32), (0, 0), SOFT)
    alpha = cv2.GaussianBlur(alpha.astype(np.float32), (0, 0), SOFT)
    if not (alpha > 0.5).any():
        return None
    u = np.clip(distance / np.maximum(half, 1e-6), 0, 1)[..., None]
    paint = colour.astype(np.float32)[None, None] * (1 + RIDGE - EDGE_DARK * u**EDGE_POWER) + LIFT * (1 - u**2)
    seam = np.clip((u - 0.72) / 0.2, 0, 1) * np.clip((1.0 - u) / 0.08, 0, 1)
    rgb = paint * (1 - 0.6 * seam) + edge[None, None] * 0.6 * seam
    piece = Cutout(np.clip(rgb + 0.5, 0, 255).astype(np.uint8), alpha, [], 0.0)
    return piece, np.array([[1, 0, x0], [0, 1, y0], [0, 0, 1]], np.float64)
