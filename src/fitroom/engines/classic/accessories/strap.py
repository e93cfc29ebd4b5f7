"""A watch's case told from its strap in the product cut-out, and the watch redrawn as it
is worn: the case facing the camera, the strap as one band running out of it on either
side.

Product photos often show a watch at three-quarters: the strap's far half loops away
behind the case, or one side of the strap lies flat beside it. Put on the wrist as it was
shot, that loop showed as a dark block beside the case (the devset's mg03, wg02, certina
and transocean: every B of the watch round 2, 2026-12-03). The strap's colours are read
where the cut-out ends (a strap runs up and down out of the photo or loops there), the
case is the largest compact blob of other colours, and the strap is drawn anew from its
own colour, narrower than the case. A cut-out that cannot be read so (a steel bracelet,
a case no bigger than a buckle) is drawn as shot.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic import memo
from fitroom.engines.classic.accessories.cutout import Cutout

#: The share of the cut-out's height at its top and at its bottom that is read as strap.
STRAP_ENDS = 0.1
#: A second colour at the cut-out's ends is the strap's too (its shaded side) when it
#: holds at least this share of the ends' pixels.
SECOND_TONE = 0.2
#: A strap lighter than `STEEL[0]` (OpenCV's 8-bit Lab) and greyer than `STEEL[1]` of
#: chroma is a steel bracelet, drawn as shot: its links and the case are one metal.
STEEL = (160.0, 12.0)
#: A pixel is the strap's colour within `STRAP_SPREAD` times the ends' own spread round
#: their median colour (leather shines, a strap has stitching), held to `STRAP_NEAR` (Lab).
STRAP_NEAR, STRAP_SPREAD = (22.0, 40.0), 2.5
#: The case is what stays of the rest, its holes filled (a dial the strap's colour inside
#: a bright bezel), opened by this share of the cut-out's width: studs, stitching and a
#: buckle on the strap fall away, a compact case stays.
CASE_OPEN = 0.1
#: The opening is done on a copy of the mask shrunk to this long side: on the full-size
#: cut-out its wide disc cost 0.04 s a render, most of the watch's case-and-strap reading.
OPEN_SIDE = 256
#: Bounds of the case's area as a share of the watch's: smaller, the blob is a buckle or
#: stitching; larger, the strap is the case's colour (a steel bracelet) and is kept as shot.
CASE_AREA = (0.12, 0.8)
#: The drawn strap's width as a share of the case's (a strap is narrower than its case),
#: and how far it runs out of the case on each side, in case widths: past the wrist's
#: outline (the case is 0.72 of the wrist), where the placement cuts it.
STRAP_WIDTH, STRAP_REACH = (0.5, 0.8), 0.75
#: How much darker the strap's long edges are than its middle: it is rounded and padded.
STRAP_EDGE_SHADE = 0.3


def case_and_strap(cut: Cutout) -> tuple[Cutout, tuple[int, int]] | None:
    """The watch redrawn with its strap running up and down out of the case's middle on
    both sides, and the case's width and height in it; or None when the cut-out shows no strap of its own colour (a bracelet the
    case's colour, drawn as shot) or no case apart from it. `cut` has its strap running up
    and down (`place._strap_upright`). The answer is kept with the cut-out, which the
    engine keeps per product photo."""
    return memo.kept(cut, "case_and_strap", (cut.alpha,), lambda: _case_and_strap(cut))


def _case_and_strap(cut: Cutout) -> tuple[Cutout, tuple[int, int]] | None:
    solid = cut.alpha > 0.5
    rows = np.nonzero(solid.any(axis=1))[0]
    if len(rows) < 8:
        return None
    lab = cv2.cvtColor(cut.rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    end = max(2, round((rows[-1] - rows[0] + 1) * STRAP_ENDS))
    ends = solid.copy()
    ends[rows[0] + end : rows[-1] + 1 - end] = False
    colours = lab[ends]
    if len(colours) < 20:
        return None
    centres = _strap_colours(colours)
    main = centres[0]
    if main[0] > STEEL[0] and np.hypot(main[1] - 128, main[2] - 128) < STEEL[1]:
        return None  # a steel bracelet: its links are no band of one colour
    distance = np.min([np.linalg.norm(lab - c, axis=2) for c in centres], axis=0)
    near = float(np.clip(STRAP_SPREAD * float(np.median(distance[ends])), *STRAP_NEAR))
    strapped = solid & (distance < near)
    case = _case(solid & ~strapped)
    if case is None or not CASE_AREA[0] <= case.sum() / solid.sum() <= CASE_AREA[1]:
        return None
    return _redrawn(cut, case, strapped & ends, np.median(lab[strapped & ends], axis=0))


def _strap_colours(colours: NDArray[np.float32]) -> list[NDArray[np.float32]]:
    """The strap's colours at the cut-out's ends, the commonest first: two where it is lit
    on top and shaded down its side (a three-quarter shot), when each holds
    `SECOND_TONE` of the ends."""
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
    _, labels, centres = cv2.kmeans(colours.astype(np.float32), 2, None, criteria, 3, cv2.KMEANS_PP_CENTERS)
    shares = np.bincount(labels.ravel(), minlength=2) / len(labels)
    order = np.argsort(-shares)
    return [centres[i] for i in order if shares[i] >= SECOND_TONE]


def _case(rest: NDArray[np.bool_]) -> NDArray[np.bool_] | None:
    """The largest compact blob not of the strap's colour, filled to its convex outline."""
    filled = rest.astype(np.uint8)
    contours, _ = cv2.findContours(filled, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(filled, contours, -1, 1, -1)
    h, w = rest.shape
    factor = min(1.0, OPEN_SIDE / max(h, w))
    small = (max(1, round(w * factor)), max(1, round(h * factor)))
    shrunk = filled if small == (w, h) else (cv2.resize(filled * 255, small, interpolation=cv2.INTER_AREA) > 127)
    size = max(3, round(small[0] * CASE_OPEN)) | 1
    opened = cv2.morphologyEx(
        shrunk.astype(np.uint8), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    )
    if small != (w, h):
        # Enlarged, the blob keeps the full-size outline of what it covers.
        opened = ((cv2.resize(opened * 255, (w, h), interpolation=cv2.INTER_LINEAR) > 127) & (filled > 0)).astype(
            np.uint8
        )
    count, labels, stats, _ = cv2.connectedComponentsWithStats(opened, 8)
    if count < 2:
        return None
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    contours, _ = cv2.findContours((labels == biggest).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = np.zeros(rest.shape, np.uint8)
    cv2.fillPoly(hull, [cv2.convexHull(np.concatenate(contours))], 1)
    return hull > 0


def _redrawn(
    cut: Cutout, case: NDArray[np.bool_], strapped: NDArray[np.bool_], lab: NDArray[np.float32]
) -> tuple[Cutout, tuple[int, int]]:
    """The case as shot, centred, on a strap band of the strap's colour running up and down."""
    ys, xs = np.nonzero(case)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    case_w, case_h = x1 - x0, y1 - y0
    # The strap's width where it is seen flat: its rows at the cut's ends (`strapped`).
    widths = strapped.sum(axis=1)
    seen = widths[widths > 0]
    measured = float(np.median(seen)) if len(seen) else case_w * STRAP_WIDTH[1]
    strap_w = float(np.clip(measured, STRAP_WIDTH[0] * case_w, STRAP_WIDTH[1] * case_w))
    reach = round(STRAP_REACH * case_w)
    h, w = case_h + 2 * reach, case_w
    rgb = np.zeros((h, w, 3), np.uint8)
    alpha = np.zeros((h, w), np.float32)
    colour = cv2.cvtColor(lab.astype(np.uint8).reshape(1, 1, 3), cv2.COLOR_LAB2RGB)[0, 0].astype(np.float32)
    u = (np.arange(w) + 0.5 - w / 2) / (strap_w / 2)
    band = np.clip(strap_w / 2 - np.abs(np.arange(w) + 0.5 - w / 2) + 0.5, 0, 1).astype(np.float32)
    shade = (1 - STRAP_EDGE_SHADE * np.clip(np.abs(u), 0, 1) ** 2).astype(np.float32)
    rgb[:] = np.clip(colour[None, :] * shade[:, None], 0, 255).astype(np.uint8)[None]
    alpha[:] = band[None]
    # The case over it, with its own soft edge.
    inside = cut.alpha[y0:y1, x0:x1] * cv2.GaussianBlur(case[y0:y1, x0:x1].astype(np.float32), (0, 0), 0.7)
    top = reach
    rgb[top : top + case_h] = (
        cut.rgb[y0:y1, x0:x1] * inside[..., None] + rgb[top : top + case_h] * (1 - inside[..., None])
    ).astype(np.uint8)
    alpha[top : top + case_h] = np.maximum(alpha[top : top + case_h], inside)
    return Cutout(rgb, alpha, [], cut.holes), (int(case_w), int(case_h))
