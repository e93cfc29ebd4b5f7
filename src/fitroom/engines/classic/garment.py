"""Garment analysis: cut the garment out of its product photo and find its parts.

The background is the colour of the photo's border. Most product photos separate
cleanly by the colour distance to it; where many pixels are close to the background
but not it (a white tee on white), GrabCut, seeded from that distance, separates them
better than a threshold can, at several times the cost. The mask is then split into the torso
panel and the sleeves from its width profile.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import TOP_TARGETS, SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic.back_rim import back_rim, front_colour, painted_over
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.boxes import bounds, box_slices
from fitroom.engines.classic.colour import skin_like, squared_distance
from fitroom.engines.classic.inside_band import inside_band, label_painted
from fitroom.engines.classic.person import (
    L_HIP,
    L_SHOULDER,
    NOSE,
    R_HIP,
    R_SHOULDER,
    analyse_person,
    plausible_skin,
    pose_pass,
)

WORK_SIDE = 384
#: GrabCut, where it is needed, works on a smaller copy (five times faster at 256).
GRABCUT_SIDE = 256
#: A pixel this far (Lab) from the backdrop's colour is garment for certain.
SURE_DISTANCE = 25


@dataclass
class Garment:
    """A cut-out garment: RGB, alpha (0..1) and the torso panel's keypoints."""

    rgb: NDArray[np.uint8]
    alpha: NDArray[np.float32]
    category: str  # top | bottom | dress
    left: float  # torso panel columns (image left/right)
    right: float
    top: float  # first garment row at the panel's centre (neckline side)
    shoulder_y: float  # row of the shoulder seams at the panel's edges
    armpit_y: float
    hem_y: float
    sleeve_left: NDArray[np.uint8]  # masks of the parts outside the panel (255)
    sleeve_right: NDArray[np.uint8]

    @property
    def width(self) -> float:
        return self.right - self.left


def _background(lab: NDArray[np.float32]) -> tuple[NDArray[np.float32], float]:
    """The backdrop's Lab colour (the photo border's median) and how much the border varies."""
    return _border_backdrop(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]))


def _border_backdrop(border: NDArray[np.float32]) -> tuple[NDArray[np.float32], float]:
    """`_background` of the photo border's Lab pixels (N x 3)."""
    background = np.median(border, axis=0)
    return background, float(np.median(np.linalg.norm(border - background, axis=1)))


def _background_distance(lab: NDArray[np.float32]) -> NDArray[np.float32]:
    background, spread = _background(lab)
    return cv2.sqrt(squared_distance(lab, background)) - np.float32(spread)


def cut_out(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
    """Alpha (0..1) of the garment at the photo's resolution."""
    return _cut_out(rgb)[0]


def _cut_out(rgb: NDArray[np.uint8]) -> tuple[NDArray[np.float32], NDArray[np.uint8]]:
    """`cut_out`'s alpha, and the photo at `WORK_SIDE` it was found on (read-only): the
    inside back is looked for on the same copy (`_inside_back`)."""
    h, w = rgb.shape[:2]
    scale = WORK_SIDE / max(h, w)
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    distance = _background_distance(lab)
    outline = _outline(small, distance)
    mask = np.where(distance > 12, 255, 0).astype(np.uint8)
    if not _clean_cut(mask, outline, distance):
        mask = _grabcut(small, distance, outline)
        # GrabCut's graph costs by the pixel: it runs smaller, and the colour threshold
        # keeps its full detail where it is sure.
        mask[distance > SURE_DISTANCE] = 255
        mask |= _silhouette(small, distance)
    mask = _largest_parts(cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)))
    # White print on a garment photographed on white reads as background: a garment has
    # no holes, so fill what its outline encloses, but for the backdrop seen between a
    # sleeve and the body or through the neck opening. Then drop the background-coloured fringe.
    filled = _whole_straps(_fill_holes(mask) & ~_backdrop_gaps(mask, distance), distance)
    openings = _neck_openings(filled, distance)
    mask = cv2.erode(filled & ~openings, np.ones((3, 3), np.uint8))
    if mask.sum() < 0.01 * mask.size * 255:
        raise EngineError("garment_not_found", "no garment was found in the garment photo")
    big = cv2.resize(mask, (w, h), interpolation=cv2.INTER_LINEAR)
    loops = _enclosed_backdrop(big > 127, rgb, 1 / scale)
    big[loops] = 0
    big[_edge_strips(big > 127, rgb)] = 0
    soft = cv2.GaussianBlur(big.astype(np.float32) / 255, (0, 0), max(0.8, 0.6 / scale))
    # A loop's sliver is a few pixels wide: blurred, the strands round it would cover
    # it half again with the backdrop's white.
    soft[loops] = 0
    found = bounds(openings, pad=3)
    if found is not None:
        # Round a neck opening the edge is as hard as a cut edge: at the outline's
        # softness its rim, the fabric's typical colour half over the skin inside, drew a
        # pale, fuzzy ring round a keyhole.
        x0, y0, x1, y1 = (round(v / scale) for v in found)
        inner = soft[y0:y1, x0:x1]
        soft[y0:y1, x0:x1] = (inner - 0.5) * OPENING_EDGE_GAIN + 0.5
    return np.clip(soft, 0, 1), small


#: How much steeper the edge round the neck openings is than the outline's.
OPENING_EDGE_GAIN = 2.5


#: A cut-out's outline is smoothed over this many of its mask's pixels (`WORK_SIDE`).
OUTLINE_SMOOTHING = 1.5


#: A garment is long-sleeved when a sleeve reaches this many times its shoulders' span
#: (between the sleeves' inner edges) from its inner edge at the shoulder seams' row (the
#: devset's long sleeves 1.6-3.2, short ones and tees 0.5-1.2), or hangs down to near
#: the hem (`reaches_hem`: a long sleeve partly read as the body, 1.2).
LONG_SLEEVED = 1.3
#: A sleeve hanging down in the product photo to within this share of the garment's
#: height (shoulders to hem) above its hem: its top may be read as part of the body (a
#: dropped shoulder, a sleeve hanging against the body), and what is left of it as short.
HEM_REACH = 0.2


def reaches_hem(mask: NDArray[np.uint8], garment: Garment) -> bool:
    """Whether the sleeve `mask` hangs down to near the garment's hem (`HEM_REACH`)."""
    rows = np.flatnonzero(mask.any(axis=1))
    height = garment.hem_y - garment.shoulder_y
    return bool(len(rows)) and height > 0 and rows[-1] >= garment.hem_y - HEM_REACH * height


def long_sleeved(garment: Garment) -> bool:
    """Whether the garment's sleeves go down the forearm (`LONG_SLEEVED`): a bare forearm
    raised in front of the body is then inside the new sleeve, not in front of it."""
    longest, inner = 0.0, []
    for mask, side in ((garment.sleeve_left, -1), (garment.sleeve_right, 1)):
        ys, xs = np.nonzero(mask)
        if not len(xs):
            continue
        if reaches_hem(mask, garment):
            return True
        x = int(xs.max() if side < 0 else xs.min())
        inner.append(x)
        longest = max(longest, float(np.hypot(xs - x, ys - garment.shoulder_y).max()))
    span = inner[1] - inner[0] if len(inner) == 2 and inner[1] > inner[0] else garment.width
    return longest >= LONG_SLEEVED * max(span, 1.0)


def smooth_outline(alpha: NDArray[np.float32], photo_side: int, edge: float) -> NDArray[np.float32]:
    """`alpha` (a part of a cut-out from a photo `photo_side` pixels on its long side)
    with its outline smoothed and a soft edge `edge` photo pixels wide.

    The cut-out's mask is found at `WORK_SIDE` and enlarged, so a slanting edge is a
    staircase of steps a few photo pixels high, which the blur leaves as waves. A
    sleeve's hem, enlarged on the arm and looked at across it, showed them as a ragged
    end. Blurring the solid part over `OUTLINE_SMOOTHING` steps and cutting it at half
    draws the curve through the steps; a linear ramp across that curve is the new edge.
    The solid part is the fully opaque one (`SOLID_ALPHA`): the fading edge beyond it
    holds colours carried out from it (`edge_colour`), rays that read as a frayed hem
    once they are opaque.
    """
    sigma = OUTLINE_SMOOTHING * max(1.0, photo_side / WORK_SIDE)
    blurred = cv2.GaussianBlur((alpha >= SOLID_ALPHA).astype(np.float32), (0, 0), sigma)
    # The blurred edge's slope is 1 / (sigma sqrt(2 pi)) per pixel: stretched to `edge`.
    gain = np.float32(sigma * np.sqrt(2 * np.pi) / max(edge, 0.5))
    return np.clip((blurred - 0.5) * gain + 0.5, 0, 1)


def _outline(small: NDArray[np.uint8], distance: NDArray[np.float32]) -> NDArray[np.uint8]:
    """All the outlines in the photo (colour or edges), closed and filled: 255 inside."""
    edges = cv2.Canny(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), 30, 90)
    closed = cv2.morphologyEx(
        ((distance > 6) | (edges > 0)).astype(np.uint8) * 255, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8)
    )
    return _fill_holes(closed)


#: The backdrop is flooded from the photo's border through pixels this close (Lab,
#: `_background_distance`) to its colour, stopped at edges (Canny on grey, these
#: thresholds) whose gaps up to `FLOOD_GAP` pixels are closed.
FLOOD_DISTANCE = 10
FLOOD_EDGES = (10, 30)
FLOOD_GAP = 7


def _silhouette(small: NDArray[np.uint8], distance: NDArray[np.float32]) -> NDArray[np.uint8]:
    """All that the backdrop, flooded from the photo's border, does not reach (255).

    A white tee with a dark print on white: its white ground is the backdrop's colour,
    so a cut by colour (or GrabCut seeded from it) kept the print and lost the white
    shoulders and sleeves. Its outline, faint as it is, stops the flood; white inside
    it stays garment.
    """
    edges = cv2.Canny(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), *FLOOD_EDGES)
    edges = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((FLOOD_GAP, FLOOD_GAP), np.uint8))
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    free = ((distance < FLOOD_DISTANCE) & (edges == 0)).astype(np.uint8)
    _, labels = cv2.connectedComponents(free, connectivity=4)
    border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return np.where(np.isin(labels, border[border > 0]), 0, 255).astype(np.uint8)


def _clean_cut(mask: NDArray[np.uint8], outline: NDArray[np.uint8], distance: NDArray[np.float32]) -> bool:
    """Whether the colour threshold alone cuts the garment out.

    It does when few pixels are near the background colour without being it, and the
    thresholded shape, holes filled, is the shape the outlines enclose: no part of the
    garment (a white band on a white background) is the background's colour.
    """
    clear = np.count_nonzero(distance >= 20)
    if not clear or np.count_nonzero((distance > 4) & (distance < 20)) > 0.1 * clear:
        return False
    filled = _fill_holes(mask) > 0
    inside = outline > 0
    return bool(np.count_nonzero(filled & inside) >= 0.97 * np.count_nonzero(filled | inside))


def _grabcut(small: NDArray[np.uint8], distance: NDArray[np.float32], outline: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """The garment (255) by GrabCut, seeded from the colour distance and the outlines,
    worked out at most GRABCUT_SIDE pixels long and enlarged to `small`'s size."""
    h, w = distance.shape
    scale = min(1.0, GRABCUT_SIDE / max(h, w))
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    if size != (w, h):
        small = cv2.resize(small, size, interpolation=cv2.INTER_AREA)
        distance = cv2.resize(distance, size, interpolation=cv2.INTER_AREA)
        outline = cv2.resize(outline, size, interpolation=cv2.INTER_NEAREST)
    markers = np.full(distance.shape, cv2.GC_PR_BGD, np.uint8)
    markers[distance > 6] = cv2.GC_PR_FGD
    markers[distance > SURE_DISTANCE] = cv2.GC_FGD
    markers[(outline > 0) & (markers == cv2.GC_PR_BGD)] = cv2.GC_PR_FGD
    markers[:2, :] = markers[-2:, :] = cv2.GC_BGD
    markers[:, :2] = markers[:, -2:] = cv2.GC_BGD
    if not (markers == cv2.GC_FGD).any() and not (markers == cv2.GC_PR_FGD).any():
        raise EngineError("garment_not_found", "no garment could be told apart from the background of its photo")
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    # GrabCut starts its colour models from a random k-means: seeded, the same photo
    # always gives the same cut. One round gives the mask two do (measured), at half the cost.
    cv2.setRNGSeed(0)
    try:
        cv2.grabCut(small, markers, None, bgd, fgd, 1, cv2.GC_INIT_WITH_MASK)
    except cv2.error as exc:
        raise EngineError("garment_not_found", "the garment could not be cut out of its photo") from exc
    found = np.where((markers == cv2.GC_FGD) | (markers == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    return np.where(cv2.resize(found, (w, h), interpolation=cv2.INTER_LINEAR) > 127, 255, 0).astype(np.uint8)


def _runs(solid: NDArray[np.uint8], x: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per row, the first and last column of the unbroken stretch of garment through
    column x; (-1, -1) in rows where column x is not garment. One pass for all rows."""
    h, w = solid.shape
    left, right = np.full(h, -1, np.int64), np.full(h, -1, np.int64)
    if not 0 <= x < w:
        return left, right
    gap_left = solid[:, x::-1] == 0
    gap_right = solid[:, x:] == 0
    to_left, to_right = gap_left.argmax(axis=1), gap_right.argmax(axis=1)
    inside = solid[:, x] > 0
    left[inside] = np.where(gap_left.any(axis=1), x - to_left + 1, 0)[inside]
    right[inside] = np.where(gap_right.any(axis=1), x + to_right - 1, w - 1)[inside]
    return left, right


def _fill_holes(mask: NDArray[np.uint8]) -> NDArray[np.uint8]:
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 255, -1)
    return filled


#: A hole in a cut-out is backdrop seen through the garment when its colour is the
#: backdrop's (median distance under this)...
GAP_DISTANCE = 3.0
#: ...and it is a slit running down, at least this many times as tall as it is wide
#: and this share of the garment's height, within this share of the garment's width
#: from either side: the gap between a sleeve hanging apart from the body and the body,
#: closed below where the cuff touches the hem. A print's letters lie further in.
GAP_ASPECT = 2.5
GAP_HEIGHT = 0.1
GAP_SIDE = 0.3


def _backdrop_gaps(mask: NDArray[np.uint8], distance: NDArray[np.float32]) -> NDArray[np.uint8]:
    """The holes (255) of `mask` that are backdrop seen between garment parts, not print.

    Filled, the gap beside a sleeve that hangs apart from the body and touches it at the
    cuff became garment: the sleeve and the body one block, measured as a panel as wide
    as both, and the gap's backdrop drawn on the person as a pale strip down the arm.
    """
    holes = (_fill_holes(mask) > 0) & (mask == 0)
    gaps = np.zeros_like(mask)
    if not holes.any():
        return gaps
    rows, columns = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    tall = GAP_HEIGHT * (rows[-1] - rows[0] + 1)
    side = GAP_SIDE * (columns[-1] - columns[0] + 1)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(holes.astype(np.uint8), 8)
    for i in range(1, count):
        x, width, height = stats[i, cv2.CC_STAT_LEFT], stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]
        at_side = x + width - 1 < columns[0] + side or x > columns[-1] - side
        if height < tall or height < GAP_ASPECT * width or not at_side:
            continue
        hole = labels == i
        if float(np.median(distance[hole])) < GAP_DISTANCE:
            gaps[hole] = 255
    return gaps


#: Backdrop seen through the neck opening behind a bow, tie or strap across it: a part
#: of the cut-out at least `OPENING_AREA` pixels (`WORK_SIDE`) of the backdrop's colour
#: (under `OPENING_COLOUR`, `_background_distance`), wholly within the top
#: `OPENING_DEPTH` of the garment's height and centred within `OPENING_SIDE` of its
#: width from its middle (white stripes run on down, a print lies further out), whose rim is garment clearly unlike the backdrop all round (its
#: quarter nearest the backdrop's colour still `OPENING_RIM` from it). A white top's
#: own white fabric is the backdrop's colour too, and so is most of its rim (2 to 6
#: against 17 to 41 round a leopard top's bow loops); a white collar at the garment's
#: edge is not enclosed by it.
OPENING_COLOUR = 6.0
OPENING_AREA = 15
OPENING_DEPTH = 0.15
OPENING_SIDE = 0.2
OPENING_RIM = 12.0


def _neck_openings(mask: NDArray[np.uint8], distance: NDArray[np.float32]) -> NDArray[np.uint8]:
    """The parts (255) of the cut-out `mask` that are backdrop seen through the neck
    opening: the outline's flood and GrabCut keep what a bow's loops and ties enclose,
    and it was worn as pale patches of the product photo's backdrop under the chin."""
    openings = np.zeros_like(mask)
    rows = np.flatnonzero(mask.any(axis=1))
    if not len(rows):
        return openings
    columns = np.flatnonzero(mask.any(axis=0))
    middle, side = (columns[0] + columns[-1]) / 2, OPENING_SIDE * (columns[-1] - columns[0] + 1)
    lowest = rows[0] + OPENING_DEPTH * (rows[-1] - rows[0] + 1)
    pale = ((distance < OPENING_COLOUR) & (mask > 0)).astype(np.uint8)
    pale = cv2.morphologyEx(pale, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, centres = cv2.connectedComponentsWithStats(pale, 4)
    ring = np.ones((5, 5), np.uint8)
    for i in range(1, count):
        x, y = stats[i, cv2.CC_STAT_LEFT], stats[i, cv2.CC_STAT_TOP]
        low = y + stats[i, cv2.CC_STAT_HEIGHT] - 1 > lowest
        if stats[i, cv2.CC_STAT_AREA] < OPENING_AREA or low or abs(centres[i][0] - middle) > side:
            continue
        box = (
            slice(max(0, y - 3), y + stats[i, cv2.CC_STAT_HEIGHT] + 3),
            slice(max(0, x - 3), x + stats[i, cv2.CC_STAT_WIDTH] + 3),
        )
        part = (labels[box] == i).astype(np.uint8)
        rim = (cv2.dilate(part, ring) > 0) & (part == 0)
        # Enclosed by the garment: a white collar at the garment's edge is no opening.
        if rim.any() and (mask[box][rim] > 0).all() and np.percentile(distance[box][rim], 25) >= OPENING_RIM:
            openings[box][part > 0] = 255
    return _whole_openings(openings, mask, distance, lowest)


#: Pale parts (the backdrop's colour) of the cut-out reaching into the box round the
#: openings found, this many pixels (`WORK_SIDE`) wider, and lying in the top
#: `OPENING_DEPTH` of the garment, are openings too: the slits between a bow's ties.
#: So is the rim round an opening whose colour lies nearer the backdrop's than
#: `OPENING_RIM`: the photo's edge pixels, fabric and backdrop mixed.
OPENING_NEAR = 4
#: Rim pixels are taken this many pixels deep.
OPENING_RIM_DEPTH = 2


def _whole_openings(
    openings: NDArray[np.uint8], mask: NDArray[np.uint8], distance: NDArray[np.float32], lowest: float
) -> NDArray[np.uint8]:
    """The neck openings found with what of the backdrop round them they left.

    Found as the backdrop's colour opened by a 3 by 3 square, the openings left out the
    slits between a bow's ties (two pixels wide) and their own rim of mixed pixels: worn,
    both showed as pale specks and a pale, ragged outline round the keyhole."""
    found = bounds(openings > 0, pad=OPENING_NEAR)
    if found is None:
        return openings
    box = box_slices(found)
    pale = ((distance < OPENING_COLOUR) & (mask > 0)).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(pale, 8)
    near = np.unique(labels[box][pale[box] > 0])
    high = near[stats[near, cv2.CC_STAT_TOP] + stats[near, cv2.CC_STAT_HEIGHT] - 1 <= lowest]
    grown = (openings > 0) | np.isin(labels, high[high > 0])
    mixed = (distance < OPENING_RIM) & (mask > 0)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(OPENING_RIM_DEPTH):
        grown |= (cv2.dilate(grown.view(np.uint8), cross) > 0) & mixed
    out = openings.copy()
    out[grown] = 255
    return out


#: Backdrop enclosed by a strap's loop, found at the photo's resolution (at
#: `WORK_SIDE` the loop is lost in its mixed pixels): a part of the cut-out nearer the
#: backdrop's colour than `OPENING_RIM`, with at least `LOOP_CORE` pixels (sizes in
#: `WORK_SIDE` pixels) tightly its colour (under `LOOP_COLOUR`), smooth as a backdrop
#: (its distance to it varies by under `LOOP_TEXTURE`), lying wholly above the first
#: garment row of the middle column (among the straps), whose surround `LOOP_RIM`
#: pixels deep is all garment clearly unlike the backdrop (its quarter nearest it still
#: `OPENING_RIM` away) and of one colour (its Lab channels' spread averaging under
#: `LOOP_STRAND`: a strap is one fabric; a zebra strap's cream stripes are not loops),
#: and at least `LOOP_OUTSIDE` of whose ring `LOOP_REACH` pixels
#: wide lies outside the garment: the strands round it are thin. A white print, stripe
#: or band lies lower, deeper in fabric, or beside more of the backdrop's colour.
LOOP_COLOUR = 6.0
LOOP_CORE = 0.5
LOOP_TEXTURE = 6.0
LOOP_RIM = 1.5
LOOP_STRAND = 12.0
LOOP_REACH = 12
LOOP_OUTSIDE = 0.15


def _enclosed_backdrop(mask: NDArray[np.bool_], rgb: NDArray[np.uint8], unit: float) -> NDArray[np.bool_]:
    """The parts of the cut-out `mask` that are backdrop a strap's loop encloses, with
    their rim of mixed pixels: the photo's white between a cami strap's two strands was
    worn as white slivers on the shoulders. `unit`: the photo's pixels per `WORK_SIDE` pixel.

    A loop lies wholly above the neck row, and all it reads lies within `LOOP_REACH` of
    it: the photo's colours are read in the rows down to there only (over the whole
    photo, five times the work for the same answer). A part cut by that band's lower
    edge reaches below the neck, and is skipped as over the whole photo."""
    found = np.zeros_like(mask)
    xs = np.flatnonzero(mask.any(axis=0))
    if not len(xs):
        return found
    column = np.flatnonzero(mask[:, (xs[0] + xs[-1]) // 2])
    neck = column[0] if len(column) else mask.shape[0]
    reach, deep = round(LOOP_REACH * unit), max(1, round(LOOP_RIM * unit))
    rows = slice(0, neck + reach + 2)
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])[None]
    background, spread = _border_backdrop(cv2.cvtColor(border, cv2.COLOR_RGB2LAB)[0].astype(np.float32))
    lab = cv2.cvtColor(rgb[rows], cv2.COLOR_RGB2LAB).astype(np.float32)
    distance = cv2.sqrt(squared_distance(lab, background)) - np.float32(spread)
    mask = mask[rows]
    pale = ((distance < OPENING_RIM) & mask).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(pale, 8)
    cores = np.bincount(labels[(distance < LOOP_COLOUR) & mask], minlength=count)
    ring = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    near = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * deep + 1, 2 * deep + 1))
    for i in np.flatnonzero(cores >= LOOP_CORE * unit * unit):
        if i == 0 or stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] > neck:
            continue
        x, y, pad = stats[i, cv2.CC_STAT_LEFT], stats[i, cv2.CC_STAT_TOP], reach + 1
        box = (
            slice(max(0, y - pad), y + stats[i, cv2.CC_STAT_HEIGHT] + pad),
            slice(max(0, x - pad), x + stats[i, cv2.CC_STAT_WIDTH] + pad),
        )
        part = (labels[box] == i).astype(np.uint8)
        if float(np.std(distance[box][part > 0])) >= LOOP_TEXTURE:
            continue
        rim = (cv2.dilate(part, near) > 0) & (part == 0)
        if not mask[box][rim].all() or np.percentile(distance[box][rim], 25) < OPENING_RIM:
            continue
        if float(lab[box][rim].std(axis=0).mean()) >= LOOP_STRAND:
            continue
        band = (cv2.dilate(part, ring) > 0) & (part == 0)
        if np.count_nonzero(~mask[box][band]) < LOOP_OUTSIDE * np.count_nonzero(band):
            continue
        found[box] |= part > 0
    return found


#: A cut-out's pixels within this (Lab, over the border's spread) of the backdrop's
#: colour are the backdrop itself where they join the photo's edge (`_edge_strips`)...
EDGE_STRIP_DISTANCE = 3.0
#: ...through that colour alone, within this share of the photo's long side of its edge.
EDGE_STRIP_DEPTH = 0.03


def _edge_strips(mask: NDArray[np.bool_], rgb: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """The parts of the cut-out `mask` that are the backdrop between the garment and the
    photo's edge: pixels of the backdrop's own colour joined to the edge through that
    colour alone, within `EDGE_STRIP_DEPTH` of it.

    A white knit dress shot with its hem a few pixels above the photo's bottom edge: the
    outline's edges, closed, bridged the hem to the edge, so the flood from the border
    (`_silhouette`) never reached the strip between them, and the strip went on the
    person as a pure white ledge under the new dress's hem, narrower than it and
    stepped at its ends. Only the band along the edges is read: a white garment's own
    ground may be the backdrop's colour further in."""
    h, w = mask.shape
    depth = max(2, round(EDGE_STRIP_DEPTH * max(h, w)))
    band = np.ones((h, w), bool)
    band[depth : h - depth, depth : w - depth] = False
    if not (mask & band).any():
        return np.zeros_like(mask)
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])[None]
    background, spread = _border_backdrop(cv2.cvtColor(border, cv2.COLOR_RGB2LAB)[0].astype(np.float32))
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    distance = cv2.sqrt(squared_distance(lab, background)) - np.float32(spread)
    backdrop = band & (distance < EDGE_STRIP_DISTANCE)
    _, labels = cv2.connectedComponents(backdrop.astype(np.uint8), connectivity=4)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return mask & np.isin(labels, edge[edge > 0])


#: A strap's bites narrower than this share of the garment's width are closed.
STRAP_BITE = 0.08


def _whole_straps(mask: NDArray[np.uint8], distance: NDArray[np.float32]) -> NDArray[np.uint8]:
    """`mask` with its straps whole: a white ruffled strap on a white backdrop is read
    with bites out of it where its fabric is the backdrop's colour, and its frills left
    beside it as crumbs that float apart from it on the wearer. Above the middle's first
    row of a garment with straps of nearly the backdrop's colour, short gaps both across
    and down are closed (a coloured strap's loop shows the backdrop, and stays open)."""
    solid = mask > 0
    xs = np.flatnonzero(solid.any(axis=0))
    if not len(xs):
        return mask
    width, middle = float(xs[-1] - xs[0] + 1), int((xs[0] + xs[-1]) / 2)
    column = np.flatnonzero(solid[:, middle])
    if not len(column) or not _between_straps(solid, int(column[0]), middle, width):
        return mask
    straps = solid[: int(column[0])]
    if np.median(distance[: int(column[0])][straps]) > SURE_DISTANCE:
        return mask
    bite = max(3, int(STRAP_BITE * width)) | 1
    out = mask.copy()
    above = slice(0, int(column[0]))
    # Closed across and down both: the wedge between a slanting strap and the body's top
    # edge opens upwards and stays backdrop.
    strip = mask[above]
    across = cv2.morphologyEx(strip, cv2.MORPH_CLOSE, np.ones((1, bite), np.uint8))
    down = cv2.morphologyEx(strip, cv2.MORPH_CLOSE, np.ones((bite, 1), np.uint8))
    out[above] = across & down
    return out


def _largest_parts(mask: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Keep the biggest blob and any blob at least a quarter its size (a second shoe).

    Smaller blobs are shadows, labels or props in the photo, not part of the garment."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
    if count <= 1:
        return mask
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = [i + 1 for i, a in enumerate(areas) if a >= 0.25 * areas.max()]
    return np.isin(labels, keep).astype(np.uint8) * 255


def _sleeve(
    outside: NDArray[np.uint8], columns: slice, panel_width: float, area: int, armpit_y: float
) -> NDArray[np.uint8]:
    """The part of the garment beyond one side of the panel, if it is big enough to be a sleeve.

    A tank top's armholes curve a little beyond its hem width: those slivers are not
    sleeves, and treating them as sleeves would smear them down the arms.
    """
    # Worked on this side's columns only, with a margin of the panel's (empty) columns so
    # the opening below sees the same neighbourhood it would in the whole photo.
    side = max(3, int(panel_width * 0.06)) | 1
    start, stop, _ = columns.indices(outside.shape[1])
    lo, hi = max(0, start - side), min(outside.shape[1], stop + side)
    part = np.zeros((outside.shape[0], hi - lo), np.uint8)
    part[:, start - lo : stop - lo] = outside[:, start:stop]
    # Thin strips left beside a tapering body are not sleeves: open them away.
    part = cv2.morphologyEx(part, cv2.MORPH_OPEN, np.ones((side, side), np.uint8))
    # A sleeve hangs from the shoulder: parts starting below the armpit are a flared hem
    # or a knot at the side, not a sleeve.
    count, labels, stats, _ = cv2.connectedComponentsWithStats(part, 8)
    low = [i for i in range(1, count) if stats[i, cv2.CC_STAT_TOP] > armpit_y]
    if low:
        part[np.isin(labels, low)] = 0
    sleeve = np.zeros_like(outside)
    sleeve[:, lo:hi] = part
    cols = np.nonzero(sleeve.any(axis=0))[0]
    if len(cols) == 0 or (cols.max() - cols.min()) < 0.12 * panel_width or sleeve.sum() / 255 < 0.03 * area:
        return np.zeros_like(outside)
    return sleeve


#: A seam between a sleeve and the body it hangs against runs unbroken down at least
#: this share of the rows searched (0.3 to 0.8 of the garment's height); print edges
#: and folds break off sooner.
SEAM_RUN = 0.3
#: ...and the two seams together at least this much (one may be faint in a shadow).
SEAM_PAIR_RUN = 1.0
#: ...and the two on average stand out from the garment's other columns by this factor:
#: vertical stripes, a pleated front or a knit's strands are lines everywhere, not seams.
SEAM_CONTRAST = 3.0


def _longest_runs(on: NDArray[np.bool_]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per column, the length of the longest unbroken run of True and the row it starts on."""
    n = on.shape[0]
    rows = np.arange(n)[:, None]
    last_off = np.maximum.accumulate(np.where(on, -1, rows), axis=0)
    length = rows - last_off
    end = length.argmax(axis=0)
    longest = length.max(axis=0)
    return longest, end - longest + 1


def _hanging_sleeve_seams(
    rgb: NDArray[np.uint8], solid: NDArray[np.uint8], left: float, right: float, y0: int, y1: int, neck: float
) -> tuple[float, float, float] | None:
    """The body's edges (left, right) and the armpit row where long sleeves hang against
    the body with no backdrop between (a white blouse on white, a print close to the
    body): the cut-out is one block, and only the seam lines inside it tell sleeve from
    body. None when no such pair of seams runs down inside the panel.

    A seam is a long, nearly vertical edge inside the garment (its outline left out),
    one each side, placed alike about the neckline's middle column `neck`.
    """
    height = y1 - y0 + 1
    top, bottom = y0 + int(height * 0.3), y0 + int(height * 0.8)
    # Searched symmetrically about the neckline: the block may hold one sleeve and not
    # the other.
    half = max(neck - left, right - neck)
    x0, x1 = max(0, int(neck - half)), min(solid.shape[1], int(neck + half) + 1)
    if bottom - top < 20 or x1 - x0 < 40:
        return None
    box = slice(max(0, top - 2), bottom + 2), slice(max(0, x0 - 2), x1 + 2)
    gray = cv2.GaussianBlur(cv2.cvtColor(rgb[box], cv2.COLOR_RGB2GRAY).astype(np.float32), (0, 0), 1.5)
    across = np.abs(cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3))
    along = np.abs(cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3))
    inner = cv2.erode(solid[box], np.ones((9, 9), np.uint8)) > 0
    # Strong across, weak along: a line running down. A seam may wander a pixel or two.
    line = ((across - along > 6) & inner).astype(np.uint8)
    line = cv2.dilate(line, np.ones((1, 5), np.uint8))[2:-2, (x0 - box[1].start) :][:, : x1 - x0] > 0
    longest, starts = _longest_runs(line)
    share = longest / line.shape[0]
    width = x1 - x0
    # What an ordinary column of this garment holds (folds, print): a seam is far more.
    typical = float(np.median(share)) + 0.05
    near, far = int(width * 0.06), int(width * 0.36)
    found = []
    # A seam's response is a few pixels wide: its middle is the peak of the smoothed share.
    smooth = np.convolve(share, np.ones(9) / 9, mode="same")
    for lo, hi in ((near, far), (width - far, width - near)):
        x = lo + int(np.argmax(smooth[lo:hi]))
        found.append((x, float(share[max(0, x - 4) : x + 5].max())))
    (lx, ls), (rx, rs) = found
    if min(ls, rs) < SEAM_RUN or ls + rs < SEAM_PAIR_RUN or (ls + rs) / 2 < SEAM_CONTRAST * typical:
        return None
    if abs(x0 + (lx + rx) / 2 - neck) > 0.1 * (rx - lx):
        return None
    armpit = top + float(min(starts[lx], starts[rx]))
    return float(x0 + lx), float(x0 + rx), armpit


#: Rows where backdrop parts a sleeve from the body are looked for from this share of
#: the garment's height (below the shoulders) down to the hem band's end...
GAP_ROWS = (0.3, 0.92)
#: ...and tell the body's edge when at least this share of the height holds them...
GAP_ROWS_SHARE = 0.08
#: ...and that edge lies inside the one measured by more than this share of the panel.
GAP_INSIDE = 0.04


def _body_beside_gaps(
    solid: NDArray[np.uint8], left: float, right: float, y0: int, y1: int
) -> tuple[float, float, int | None]:
    """The panel's edges (left, right) and the first row of the gap where a sleeve hangs apart from the body over
    part of its length: in the rows where garment lies beyond a gap on one side of the
    run through the middle, that run's end is the body's edge on that side.

    A sleeve hanging apart from the body but touching it at the cuff (a flounced 3/4
    sleeve) joins the run through the hem band, which then reads as wide as body and
    sleeves: the sleeves' inner halves went on the torso and the rest on the arm. Below
    the gap's first row, the garment widened again by a cuff is no longer the armpit."""
    height = y1 - y0 + 1
    rows = slice(y0 + int(height * GAP_ROWS[0]), y0 + int(height * GAP_ROWS[1]) + 1)
    part = solid[rows]
    run_left, run_right = _runs(part, int((left + right) / 2))
    found = run_left >= 0
    first, last = part.argmax(axis=1), part.shape[1] - 1 - part[:, ::-1].argmax(axis=1)
    beyond_left, beyond_right = found & (first < run_left - 1), found & (last > run_right + 1)
    least = GAP_ROWS_SHARE * height
    inside = GAP_INSIDE * (right - left)
    gap_rows: list[int] = []
    if np.count_nonzero(beyond_left) >= least and float(np.median(run_left[beyond_left])) > left + inside:
        left = float(np.median(run_left[beyond_left]))
        gap_rows.append(int(np.argmax(beyond_left)))
    if np.count_nonzero(beyond_right) >= least and float(np.median(run_right[beyond_right])) < right - inside:
        right = float(np.median(run_right[beyond_right]))
        gap_rows.append(int(np.argmax(beyond_right)))
    return left, right, (rows.start + min(gap_rows)) if gap_rows else None


def _category(hint: str | None, swap_target: str, aspect: float) -> str:
    text = (hint or "").lower()
    for word, category in (
        (SwapTarget.DRESS, SwapTarget.DRESS),
        ("gown", SwapTarget.DRESS),
        ("jumpsuit", SwapTarget.DRESS),
        ("skirt", SwapTarget.BOTTOM),
        ("trouser", SwapTarget.BOTTOM),
        ("pant", SwapTarget.BOTTOM),
        ("jean", SwapTarget.BOTTOM),
        ("short", SwapTarget.BOTTOM),
    ):
        if word in text:
            return category
    if swap_target in TOP_TARGETS:
        return SwapTarget.TOP
    if swap_target == SwapTarget.BOTTOM:
        return SwapTarget.BOTTOM
    if swap_target == SwapTarget.DRESS:
        return SwapTarget.DRESS
    return SwapTarget.DRESS if aspect > DRESS_ASPECT else SwapTarget.TOP


#: A flat product taller than this over its width is a dress, not a top, where nothing
#: names its part.
DRESS_ASPECT = 1.9
#: Trouser legs (`_reads_as_bottom`): in these rows of the product's height, two runs
#: each over `LEG_WIDTH` of its width, the backdrop between them near its middle (within
#: `LEG_GAP_MIDDLE`), on over `LEG_ROWS_SHARE` of the rows. A top's straps or sleeves
#: hanging apart are far narrower than a leg.
LEG_ROWS = (0.65, 0.95)
LEG_WIDTH = 0.2
LEG_GAP_MIDDLE = 0.15
LEG_ROWS_SHARE = 0.5
#: A skirt: its width 4% of its height down at least `SKIRT_WAIST` of its widest row's
#: (a waistband, where a collar or straps are far narrower), its outline's top level
#: (columns over `SKIRT_LEVEL` of that width reach within 2% of the height of its top),
#: wider at 80% of its height than at 8%, and no sleeves: no row in its upper 45% over
#: `SKIRT_SLEEVES` times its lower rows' median width.
SKIRT_WAIST = 0.35
SKIRT_LEVEL = 0.9
SKIRT_SLEEVES = 1.05


def _reads_as_bottom(alpha: NDArray[np.float32]) -> bool:
    """Whether a flat product photo's outline is a bottom's: two legs apart (trousers,
    shorts), or a skirt's level waistband widening down, sleeveless and shorter than a
    dress. Read where nothing names the part (VirtuFit's default `full_outfit`, FASHN's
    `auto`): every devset bottom was dressed as a top or a dress before."""
    solid = alpha > 0.5
    rows, cols = np.flatnonzero(solid.any(axis=1)), np.flatnonzero(solid.any(axis=0))
    if len(rows) < 20 or len(cols) < 20:
        return False
    shape = solid[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = shape.shape
    if _two_legs(shape[int(h * LEG_ROWS[0]) : int(h * LEG_ROWS[1])]) > LEG_ROWS_SHARE:
        return True
    widths = shape.sum(axis=1)
    top = np.where(shape.any(axis=0), shape.argmax(axis=0), h)
    level = np.count_nonzero(top <= top.min() + 0.02 * h) / max(1, widths[int(0.04 * h)])
    sleeves = widths[: int(h * 0.45)].max() / max(1.0, float(np.median(widths[int(h * 0.55) : int(h * 0.9)])))
    return bool(
        h / w < DRESS_ASPECT
        and widths[int(0.04 * h)] >= SKIRT_WAIST * widths.max()
        and level > SKIRT_LEVEL
        and widths[int(0.8 * h)] > widths[int(0.08 * h)]
        and sleeves < SKIRT_SLEEVES
    )


def _two_legs(rows: NDArray[np.bool_]) -> float:
    """The share of `rows` that hold two runs as wide as legs with the backdrop between
    them near the middle."""
    if not len(rows):
        return 0.0
    w = rows.shape[1]
    edges = np.diff(np.pad(rows.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    legs = 0
    for row in edges:
        starts, ends = np.flatnonzero(row == 1), np.flatnonzero(row == -1)
        wide = [(a, b) for a, b in zip(starts, ends, strict=True) if b - a > LEG_WIDTH * w]
        legs += len(wide) == 2 and abs((wide[0][1] + wide[1][0]) / 2 - w / 2) < LEG_GAP_MIDDLE * w
    return legs / len(rows)


@dataclass
class Worn:
    """What a model in a product photo wears, read from the model's body.

    `rgb` is the photo with the model's hands over the clothes painted out in the
    clothes' colours (a hand on a hip or a pocket must not come along). `upper` and
    `lower` are the alphas of the garment above and below the waist when the two are
    different garments (a top and trousers); `whole` is everything worn on the body.
    """

    rgb: NDArray[np.uint8]
    whole: NDArray[np.float32]
    upper: NDArray[np.float32] | None
    lower: NDArray[np.float32] | None
    #: The model's shoulder joints' columns, for a top's panel when the sleeves hang
    #: against the body and its own outline cannot tell them apart.
    shoulders: tuple[float, float]
    hip_y: float  # the model's hips' row and torso length, for a garment's extent
    length: float


#: Lab distance within which a colour of the lower band counts as one of the upper
#: band's: below it, top and bottom are one garment (a dress, a jumpsuit).
SAME_GARMENT_DISTANCE = 14.0
#: The share of the lower band's pixels that must be unlike the upper's colours for the
#: photo to show two garments.
TWO_GARMENTS_SHARE = 0.6
#: Lab distance between the upper and lower bands' middle colours beyond which they are
#: two garments, however much their palettes overlap (the devset's printed dresses: 2-3;
#: a checked shirt over grey trousers: 79).
APART_DISTANCE = 25.0
#: How far above the shoulder joints (in shoulder widths) a garment may rise: a collar
#: does, a hood lying behind the neck is cut there, so it never reaches the head.
COLLAR_RISE = 0.12


def worn_by_model(rgb: NDArray[np.uint8], category: str) -> NDArray[np.float32] | None:
    """The garment's alpha when the photo shows it worn by a model, else None."""
    worn = read_worn(rgb)
    if worn is None:
        return None
    piece = {SwapTarget.TOP: worn.upper, SwapTarget.BOTTOM: worn.lower}.get(category)
    return piece if piece is not None else worn.whole


def read_worn(rgb: NDArray[np.uint8]) -> Worn | None:
    """What the model in the photo wears, or None when the photo shows no model.

    Pose models also "find" people in flat-lay product shots with a face printed on
    them; a real model has the face above the shoulders and the hips well below them.
    """
    # A pose pass costs as much as the rest of the analysis: a photo with next to no
    # skin-coloured pixels but the backdrop shows no one (a model's face and hands
    # alone are more). Then one pose pass: most other product photos show no one either.
    if not _skin_shown(rgb):
        return None
    found = pose_pass(rgb)
    if found is None:
        return None
    pts, vis = found.points, found.visibility
    h, w = rgb.shape[:2]
    shoulder_y = (pts[L_SHOULDER][1] + pts[R_SHOULDER][1]) / 2
    hip_y = (pts[L_HIP][1] + pts[R_HIP][1]) / 2
    width = float(np.linalg.norm(pts[L_SHOULDER] - pts[R_SHOULDER]))
    real = (
        min(vis[NOSE], vis[L_SHOULDER], vis[R_SHOULDER]) > 0.8
        and width > 0.15 * w
        and pts[NOSE][1] < shoulder_y - 0.2 * width
        and hip_y > shoulder_y + 0.6 * width
    )
    if not real or not _head_above(rgb, pts[NOSE], width):
        return None
    try:
        model = analyse_person(rgb, first=found)
    except EngineError:
        return None
    frame = torso_frame(model)
    length = frame.length
    ys = np.arange(h)[:, None]
    body = (model.mask > 0.5) & (model.face == 0) & (ys >= shoulder_y - COLLAR_RISE * width)
    clothes = (body & (model.hands == 0) & ~skin_like(model)).astype(np.uint8) * 255
    clothes = cv2.morphologyEx(clothes, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    clothes = cv2.morphologyEx(clothes, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    rgb, clothes = _hands_painted_out(rgb, clothes, model.hands, width, (shoulder_y, hip_y + 0.3 * length))
    clothes = _fill_holes(_largest_parts(clothes))
    clothes[ys[:, 0] < shoulder_y - COLLAR_RISE * width] = 0
    if clothes.sum() < 0.01 * clothes.size * 255:
        return None
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    upper_band = _band(clothes, shoulder_y + 0.2 * length, shoulder_y + 0.6 * length, width)
    lower_band = _band(clothes, hip_y + 0.2 * length, min(h, hip_y + 0.7 * length), width)
    upper = lower = None
    if upper_band is not None and lower_band is not None:
        top_colours = _colours(lab[upper_band])
        unlike = _nearest(lab[lower_band], top_colours) > SAME_GARMENT_DISTANCE**2
        # Both ways: a print's palette may hold the trousers' colour, not the reverse.
        unlike_up = _nearest(lab[upper_band], _colours(lab[lower_band])) > SAME_GARMENT_DISTANCE**2
        if max(np.mean(unlike), np.mean(unlike_up)) >= TWO_GARMENTS_SHARE or _middles_apart(
            lab[upper_band], lab[lower_band]
        ):
            bottom_colours = _colours(lab[lower_band])
            waist = _waist_row(
                lab, clothes, top_colours, bottom_colours, shoulder_y + 0.4 * length, hip_y + 0.5 * length
            )
            if waist is not None:
                upper_mask, lower_mask = clothes.copy(), clothes.copy()
                upper_mask[waist:] = 0
                lower_mask[:waist] = 0
                upper, lower = _soft(_largest_parts(upper_mask)), _soft(_largest_parts(lower_mask))
    elif upper_band is not None:
        upper = _soft(clothes)
    elif lower_band is not None:
        lower = _soft(clothes)
    xs = sorted((float(pts[L_SHOULDER][0]), float(pts[R_SHOULDER][0])))
    return Worn(rgb, _soft(clothes), upper, lower, (xs[0], xs[1]), float(hip_y), float(length))


def _soft(mask: NDArray[np.uint8]) -> NDArray[np.float32]:
    return cv2.GaussianBlur(mask.astype(np.float32) / 255, (0, 0), 1.0)


def _band(clothes: NDArray[np.uint8], y0: float, y1: float, width: float) -> NDArray[np.bool_] | None:
    """The clothes in rows y0..y1, or None when there are too few to be a garment there
    (bare skin, or the photo ends): under a third of a shoulder-wide band."""
    h = clothes.shape[0]
    top, bottom = max(0, int(y0)), min(h, int(y1))
    band = np.zeros(clothes.shape, bool)
    if bottom - top < 10:
        return None
    band[top:bottom] = clothes[top:bottom] > 0
    return band if np.count_nonzero(band) >= (bottom - top) * width / 3 else None


def _colours(samples: NDArray[np.float32]) -> NDArray[np.float32]:
    """A few colours that stand for a garment's (a print or a knit has several)."""
    step = max(1, len(samples) // 4000)
    data = np.ascontiguousarray(samples[::step], np.float32)
    count = min(4, len(data))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    cv2.setRNGSeed(0)  # the same photo reads the same every time
    _, _, centres = cv2.kmeans(data, count, None, criteria, 1, cv2.KMEANS_PP_CENTERS)
    return np.asarray(centres, np.float32)


def _nearest(samples: NDArray[np.float32], colours: NDArray[np.float32]) -> NDArray[np.float32]:
    """Each sample's squared Lab distance to the nearest of `colours`."""
    return np.min(((samples[:, None, :] - colours[None, :, :]) ** 2).sum(axis=2), axis=1)


def _middles_apart(upper: NDArray[np.float32], lower: NDArray[np.float32]) -> bool:
    """Whether the two bands' middle colours lie far apart: a checked shirt over grey
    trousers, whose palettes overlap (the checks hold greys) though the garments differ;
    a printed dress's bands share their middle colour."""
    distance = float(np.linalg.norm(np.median(upper, axis=0) - np.median(lower, axis=0)))
    return distance > APART_DISTANCE


def _waist_row(
    lab: NDArray[np.float32],
    clothes: NDArray[np.uint8],
    top_colours: NDArray[np.float32],
    bottom_colours: NDArray[np.float32],
    y0: float,
    y1: float,
) -> int | None:
    """The row where the top ends and the bottom begins: going down, the first row whose
    clothes are mostly nearer the bottom's colours than the top's (and the next stretch
    too); None when there is none (one garment after all)."""
    h = clothes.shape[0]
    rows = range(max(0, int(y0)), min(h, int(y1)))
    unlike = []
    for y in rows:
        xs = np.flatnonzero(clothes[y])
        row = lab[y, xs]
        unlike.append(float(np.mean(_nearest(row, bottom_colours) < _nearest(row, top_colours))) if len(xs) else 1.0)
    # A knit's or a print's odd row is unlike the top's main colours too: the bottom
    # begins where rows go on being unlike for a good stretch (a tenth of the search).
    run = max(3, len(unlike) // 10)
    for i in range(len(unlike)):
        stretch = unlike[i : i + run]
        if stretch[0] > 0.5 and float(np.mean(stretch)) > 0.7:
            return rows[0] + i
    return None


def _hands_painted_out(
    rgb: NDArray[np.uint8],
    clothes: NDArray[np.uint8],
    hands: NDArray[np.uint8],
    width: float,
    rows: tuple[float, float],
) -> tuple[NDArray[np.uint8], NDArray[np.uint8]]:
    """The photo with the hands that lie on the clothes painted in the clothes' colours,
    and the clothes mask with them. A hand in front of the garment (on the chest, on a
    hip, in a pocket) is the model's, not the product's: left in, it would be pasted
    onto the person as a third hand, and cut out, it would leave a hole. Only hands
    within the clothes' outline between the shoulders and the upper thighs (`rows`)
    count: a hand hanging free is beside the garment, not on it."""
    if not hands.any() or not clothes.any():
        return rgb, clothes
    outline = np.zeros_like(clothes)
    points = cv2.findNonZero(clothes)
    cv2.fillConvexPoly(outline, cv2.convexHull(points), 255)
    outline[: max(0, int(rows[0]))] = 0
    outline[max(0, int(rows[1])) :] = 0
    on_clothes = ((outline > 0) & (hands > 0)).astype(np.uint8) * 255
    if not on_clothes.any():
        return rgb, clothes
    # Each hand takes the clothes' colour round it (an inpaint from its edge would draw
    # the skin of the wrist and fingers in), softened into them.
    grown = cv2.dilate(on_clothes, np.ones((7, 7), np.uint8))
    painted = rgb.copy()
    count, labels = cv2.connectedComponents(grown)
    ring_size = max(5, int(width * 0.08)) | 1
    for index in range(1, count):
        hand = (labels == index).astype(np.uint8)
        ring = (cv2.dilate(hand, np.ones((ring_size, ring_size), np.uint8)) > 0) & (hand == 0) & (clothes > 0)
        if ring.any():
            painted[hand > 0] = np.median(rgb[ring], axis=0).astype(np.uint8)
    soft = cv2.GaussianBlur(grown.astype(np.float32) / 255, (0, 0), 2.0)[..., None]
    blurred = cv2.GaussianBlur(painted, (0, 0), 2.0)
    painted = (painted * (1 - soft) + np.where(grown[..., None] > 0, blurred, painted) * soft).astype(np.uint8)
    return painted, np.maximum(clothes, on_clothes)


#: The share of a photo's pixels that must look like skin (besides the backdrop) for it
#: to be looked at for a model: a full-length model covered but for face and hands
#: shows about 1%; flat lays of dark, white or bright garments show none.
SKIN_SHOWN = 0.0025


def _skin_shown(rgb: NDArray[np.uint8]) -> bool:
    """Whether the photo shows enough skin-coloured pixels to hold a model (a thumbnail
    is enough to tell)."""
    h, w = rgb.shape[:2]
    scale = min(1.0, 128 / max(h, w))
    thumb = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(thumb, cv2.COLOR_RGB2LAB).astype(np.float32)
    skin = (plausible_skin(lab) & (_background_distance(lab) > 12)).astype(np.uint8)
    # Opened: the blend of a red or brown garment's edge with a white backdrop is pink.
    skin = cv2.morphologyEx(skin, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    return bool(np.count_nonzero(skin) >= SKIN_SHOWN * skin.size)


def _head_above(rgb: NDArray[np.uint8], nose: NDArray[np.float32], shoulders: float) -> bool:
    """Whether something other than the background lies just above the "nose".

    A flat-lay top can fool the pose model (sleeves for arms, collar for a face); a real
    model has a head there, a flat lay has the backdrop. Photos cropped at the face
    give no evidence either way, and count as a model.
    """
    x, top, bottom = int(nose[0]), int(nose[1] - 0.3 * shoulders), int(nose[1] - 0.05 * shoulders)
    h, w = rgb.shape[:2]
    if top < 0 or not 0 <= x < w or bottom <= top:
        return True
    r = max(2, int(shoulders * 0.04))
    patch = rgb[top:bottom, max(0, x - r) : x + r + 1].reshape(-1, 1, 3)
    background, _ = _background(cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32))
    colour = np.median(cv2.cvtColor(patch, cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32), axis=0)
    return bool(np.linalg.norm(colour - background) > 12)


#: The inside back of a neckline (seen through the neck opening of a product photo) is
#: looked for this far below the garment's first row at the panel's middle, in panel widths.
NECK_DEPTH = 0.32
#: A V (a polo's placket, a wrap) opens deeper: looked for this deep when nothing of a
#: neckline's shape was found within NECK_DEPTH.
V_NECK_DEPTH = 0.6
#: ... and this far either side of the middle; the front beside the opening (its colour
#: the inside back is told from) is read by `back_rim.front_colour`.
NECK_HALF = 0.32
#: ... and for an opening as wide as the shoulders (a scoop), this far and this deep.
WIDE_NECK_HALF = 0.48
WIDE_NECK_DEPTH = 0.5
#: A scoop's lower edge dips at the middle at least this far (panel widths) below its
#: ends: a straight colour block across the chest (a striped tee) is no scoop.
SCOOP_SAG = 0.1
#: The opening's colour this close (Lab) to the front beside it: that is no front but the
#: inside back again.
OPENING_ALIKE = 20
#: The inside back is in the garment's shade: at least this much darker (Lab L) than the
#: front beside it, or of another hue (chroma distance), as a navy lining in a blue tee.
INSIDE_DARKER = 10
INSIDE_HUE = 14
#: A neckline is deepest at its middle; within this share of the panel's width is level.
NECK_SAG = 0.04
#: The inside back's lower edge lies within this share of the panel's width (median) of a
#: smooth curve or a V.
NECK_MISFIT = 0.03
#: A fine weave or print (gingham, a small check) is smoothed away first, at this share
#: of the panel's width: each of its squares an edge and a colour unlike the front's, it
#: broke the inside back into crumbs that the opening's cleaning removed.
WEAVE_BLUR = 0.006


def _inside_back(
    rgb: NDArray[np.uint8], solid: NDArray[np.uint8], left: float, right: float, work: NDArray[np.uint8] | None = None
) -> NDArray[np.bool_]:
    """The inside back of the neckline and the back collar above it (True), or nothing.

    A tee, sweater or dress photographed flat shows, through its neck opening, the inside
    of its back: a band, darker or of the lining's colour, between the back collar and the
    front neckline. Worn, the neck is there; kept, it is pasted across the neck as a band.
    Found as the region at the middle's top that is unlike the front beside the opening,
    bounded by the front neckline's edge, narrower than the shoulders and deepest at the
    middle (a neckline's curve); a print reaching the collar spreads wider or deeper.
    A scoop as wide as the shoulders shows the inside back beside it too: then the front
    is the colour below the sharpest change down the middle.

    `work`: `cut_out`'s copy of this very photo at `WORK_SIDE`, taken when it is the size
    wanted here (the same resize of the same pixels; a photo under `WORK_SIDE` is read as
    it is, where `cut_out` enlarged it).
    """
    none = np.zeros(solid.shape, bool)
    h, w = solid.shape
    scale = min(1.0, WORK_SIDE / max(h, w))
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    if work is not None and work.shape[:2] == (size[1], size[0]):
        small = work
    else:
        small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    body = cv2.resize(solid, size, interpolation=cv2.INTER_NEAREST) > 0
    width, middle = (right - left) * scale, int((left + right) / 2 * scale)
    small = cv2.GaussianBlur(small, (0, 0), max(0.5, WEAVE_BLUR * width))
    column = np.flatnonzero(body[:, middle]) if 0 <= middle < size[0] else np.zeros(0, np.int64)
    first = np.flatnonzero(body.any(axis=1))
    if not len(column):
        return none
    top = int(column[0])
    straps = _between_straps(body, top, middle, width)
    if top > first[0] + 0.12 * width and not straps:
        return none  # the opening shows the backdrop: nothing to remove
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    reference = front_colour(lab, body, top, middle, width)
    if reference is None:
        return none
    neck = _Neck(small, lab, body, top, middle, width)
    found = neck.region(reference, NECK_HALF, NECK_DEPTH, sides_from=0.0, sag=-NECK_SAG)
    if found is None and straps:
        # Between straps the inside back spans the opening from strap to strap.
        found = neck.region(reference, WIDE_NECK_HALF, NECK_DEPTH, sides_from=0.0, sag=-NECK_SAG)
    if found is None:
        found = neck.region(reference, NECK_HALF, V_NECK_DEPTH, sides_from=0.0, sag=-NECK_SAG)
    if found is None:
        across = slice(middle - int(0.1 * width), middle + int(0.1 * width) + 1)
        opening = lab[top + int(0.02 * width) : top + int(0.1 * width) + 1, across]
        if np.linalg.norm(np.median(opening.reshape(-1, 3), axis=0) - reference) >= OPENING_ALIKE:
            return none
        y1 = min(size[1], int(top + WIDE_NECK_DEPTH * width))
        below = _front_below(lab[top:y1, middle - 2 : middle + 3], width)
        if below is None:
            return none
        found = neck.region(below, WIDE_NECK_HALF, WIDE_NECK_DEPTH, sides_from=1.0, sag=SCOOP_SAG)
        if found is None:
            return none
    if straps:
        # Between straps the inside back lies under the backdrop's opening: the lace or
        # print of the front beside the opening, unlike the front lower down, stays.
        row = body[max(0, top - 1)]
        beside = np.flatnonzero(row[:middle]), middle + np.flatnonzero(row[middle:])
        found[:, : beside[0][-1] + 1 if len(beside[0]) else 0] = False
        found[:, beside[1][0] if len(beside[1]) else row.size :] = False
    return cv2.resize(found.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0


#: Straps rise above the panel's middle at least this far (panel widths) on each side.
STRAP_RISE = 0.25


def _between_straps(body: NDArray[np.bool_], top: int, middle: int, width: float) -> bool:
    """Whether garment rises well above the middle's first row `top` on both sides (a
    cami's or tank's straps): the backdrop between them is no opening cut through to the
    front, and the back panel's inside may show below it as it does in a tee's neck."""
    above = body[: max(0, top - int(STRAP_RISE * width))]
    return bool(above[:, :middle].any() and above[:, middle + 1 :].any())


@dataclass
class _Neck:
    """The top of a garment's panel at the work size, where the inside back is looked for."""

    small: NDArray[np.uint8]
    lab: NDArray[np.float32]
    body: NDArray[np.bool_]
    top: int
    middle: int
    width: float

    def region(
        self, reference: NDArray[np.float32], half: float, depth: float, sides_from: float, sag: float
    ) -> NDArray[np.bool_] | None:
        """The inside back unlike `reference` within `half` panel widths of the middle and
        `depth` below the top, and the back collar above it; None when what is unlike it
        is no neckline's shape. It may touch the box's sides only `sides_from` of the
        way down and below (1.0: anywhere, for a scoop reaching the shoulders); its lower
        edge dips at the middle by `sag` panel widths at least below its ends."""
        width, top, middle = self.width, self.top, self.middle
        x0 = max(0, middle - int(half * width))
        x1 = min(self.body.shape[1], middle + int(half * width) + 1)
        y1 = min(self.body.shape[0], int(top + depth * width))
        box = self.lab[top:y1, x0:x1]
        hue = np.hypot(box[..., 1] - reference[1], box[..., 2] - reference[2])
        unlike = ((reference[0] - box[..., 0] > INSIDE_DARKER) | (hue > INSIDE_HUE)) & self.body[top:y1, x0:x1]
        # The front neckline's rib is an edge: the inside back does not run on past it.
        gray = cv2.cvtColor(np.ascontiguousarray(self.small[top:y1, x0:x1]), cv2.COLOR_RGB2GRAY)
        edges = cv2.dilate(cv2.Canny(gray, 40, 100), np.ones((2, 2), np.uint8)) > 0
        unlike = cv2.morphologyEx((unlike & ~edges).astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        # A label sewn inside splits it: every part reaching the middle's top rows counts.
        _, labels = cv2.connectedComponents(unlike, connectivity=8)
        near = slice(max(0, middle - x0 - int(0.2 * width)), middle - x0 + int(0.2 * width) + 1)
        seeds = np.setdiff1d(np.unique(labels[: int(0.12 * width), near]), [0])
        if not len(seeds):
            return None
        region = np.isin(labels, seeds)
        xs, ys = np.flatnonzero(region.any(axis=0)), np.flatnonzero(region.any(axis=1))
        sides = region[int(sides_from * region.shape[0]) :, [0, -1]].any()
        if xs[-1] - xs[0] < 0.2 * width or sides or ys[-1] >= y1 - top - 2:
            return None
        lowest = np.where(region.any(axis=0), region.shape[0] - 1 - region[::-1].argmax(axis=0), -1)
        inset = int(0.15 * (xs[-1] - xs[0]))
        if lowest[middle - x0] < max(lowest[xs[0] + inset], lowest[xs[-1] - inset]) - NECK_SAG * width:
            return None
        # The front neckline is a smooth curve or a V: its rows per column, ragged where the
        # inside back's shade fades, follow a parabola or two straight lines meeting at the
        # middle; one that fits neither is no neckline.
        columns = np.arange(xs[0], xs[-1] + 1)
        shown = lowest[columns] >= 0
        line, misfit = min(
            (
                _neckline_fit(across, lowest[columns], shown, degree)
                for across, degree in ((columns, 2), (np.abs(columns - (middle - x0)), 1))
            ),
            key=lambda fit: fit[1],
        )
        dip = line[middle - x0 - xs[0]] - max(line[[0, -1]])
        if misfit > NECK_MISFIT * width or dip < sag * width:
            return None
        # Everything above the inside back's lower edge goes: the back collar too, and
        # the cut-out's soft rim along it (else a thin line of it stays above the neck).
        # A V's tip, narrow and ragged, may lie below the fit: there the edge is the
        # region's own lowest row.
        found = np.zeros(self.body.shape, bool)
        rows_down = np.arange(self.body.shape[0])[:, None]
        own = cv2.medianBlur(np.ascontiguousarray(lowest[columns], np.float32)[None, :], 3)[0]
        edge = top + np.maximum(np.maximum(line, own), 0)
        found[:, x0 + xs[0] : x0 + xs[-1] + 1] = rows_down <= edge[None, :]
        return found


def _neckline_fit(
    across: NDArray[np.int64], rows: NDArray[np.int64], shown: NDArray[np.bool_], degree: int
) -> tuple[NDArray[np.float64], float]:
    """The neckline's row per column fitted to the `shown` columns' `rows`, and its median
    misfit: a parabola (`degree` 2) over `across` the columns, or a V's two lines
    (`degree` 1) over `across` each column's distance from the middle."""
    curve = np.polyfit(across[shown], rows[shown], degree)
    line = np.polyval(curve, across)
    return line, float(np.median(np.abs(line[shown] - rows[shown])))


def _front_below(strip: NDArray[np.float32], width: float) -> NDArray[np.float32] | None:
    """The front's colour (Lab) down a strip of the middle column from the back collar's
    top: below the strip's sharpest change of colour (the front neckline's edge), past a
    tenth of a panel width. None when nothing changes there (no opening shows)."""
    rows = np.median(strip, axis=1)
    gap = max(2, int(0.03 * width))
    start = int(0.1 * width)
    if len(rows) < start + 2 * gap:
        return None
    steps = np.linalg.norm(rows[start + gap :] - rows[start:-gap], axis=1)
    if steps.max() < INSIDE_HUE:
        return None
    edge = start + gap + int(steps.argmax())
    return np.median(rows[edge : edge + max(2, int(0.08 * width))], axis=0)


#: Holes in the cut-out (the backdrop seen through it) centred within `NECK_HALF` of the
#: middle and starting within `NECK_DEPTH` below the garment's first row (panel widths),
#: spread across at least this share of the panel's width, are a neck opening seen
#: through to a keyhole at the back (under a bow, between its ties); a white label or
#: stripe read as backdrop is one narrow hole.
KEYHOLE_SPAN = 0.2
#: The front neckline's middle lies this far (panel widths) below the lowest hole: the
#: back's strip under the keyhole and the front's binding.
KEYHOLE_BELOW = 0.04
#: The front neckline's ends lie on the garment's top edge this far (panel widths)
#: beyond the holes' outermost columns.
KEYHOLE_OUT = 0.03


def _behind_keyhole(solid: NDArray[np.uint8], left: float, right: float) -> NDArray[np.bool_]:
    """What the neck opening shows of a top's back round a keyhole (True), or nothing.

    A top tied at the back of its neck, photographed flat, shows through its front
    neckline the back's inside, the bow and its ties, and the backdrop between them. The
    inside is the front's own fabric, so no colour tells it (`_inside_back`); kept, the
    ties lay over the wearer's throat with skin or the old garment in the holes. The
    holes spreading across the neck tell it instead: the front neckline is taken as a
    round neck (half an ellipse) from the top edge `KEYHOLE_OUT` beyond the holes down to
    `KEYHOLE_BELOW` under the lowest, and everything above it goes."""
    none = np.zeros(solid.shape, bool)
    h, w = solid.shape
    width = right - left
    rows = np.flatnonzero(solid.any(axis=1))
    if width < 20 or not len(rows):
        return none
    # Read in the box round the neck only: a hole reaching out of it (twice as deep or
    # wide as the opening is looked for) is open there, and no keyhole.
    x0 = max(0, int((left + right) / 2 - 2 * NECK_HALF * width))
    x1 = min(w, int((left + right) / 2 + 2 * NECK_HALF * width) + 1)
    y0, y1 = int(rows[0]), min(h, int(rows[0] + 2 * NECK_DEPTH * width) + 1)
    box = solid[y0:y1, x0:x1] > 0
    middle = (left + right) / 2 - x0
    filled = _fill_holes(box.astype(np.uint8) * 255) > 0
    _, labels, stats, centres = cv2.connectedComponentsWithStats((filled & ~box).astype(np.uint8), 8)
    near = (np.abs(centres[:, 0] - middle) <= NECK_HALF * width) & (stats[:, cv2.CC_STAT_TOP] <= NECK_DEPTH * width)
    holes = np.isin(labels, np.flatnonzero(near[1:]) + 1)
    xs, ys = np.flatnonzero(holes.any(axis=0)), np.flatnonzero(holes.any(axis=1))
    if not len(xs) or xs[-1] - xs[0] < KEYHOLE_SPAN * width:
        return none
    half = max(middle - xs[0], xs[-1] - middle) + KEYHOLE_OUT * width
    columns = np.arange(max(0, int(np.ceil(middle - half))), min(box.shape[1], int(middle + half) + 1))
    first = np.where(filled[:, columns].any(axis=0), filled[:, columns].argmax(axis=0), box.shape[0])
    ends = first[[0, -1]].astype(np.float64)
    if (ends >= box.shape[0]).any():
        return none
    across = (columns - middle) / half
    rim = ends[0] + (ends[1] - ends[0]) * (across + 1) / 2
    bottom = ys[-1] + KEYHOLE_BELOW * width
    edge = rim + (bottom - rim) * np.sqrt(np.clip(1 - across**2, 0, 1))
    found = np.zeros(solid.shape, bool)
    found[:y1, x0 + columns] = np.arange(y1)[:, None] <= y0 + edge[None, :]
    return found


def _without_inside_back(
    rgb: NDArray[np.uint8],
    alpha: NDArray[np.float32],
    solid: NDArray[np.uint8],
    left: float,
    right: float,
    work: NDArray[np.uint8] | None = None,
    sleeved: bool = False,
) -> tuple[NDArray[np.uint8], NDArray[np.float32], NDArray[np.uint8]]:
    """The photo, alpha and solid mask less the neckline's inside back (cut out), or else
    with the back's thin rim above a shallow front neckline painted in the front's colour
    (`back_rim.painted_over`): it stands on the straps' tops, which the garment is laid
    on the shoulders by, and cut out the garment hung that much higher, its print brought
    up into the neck. The back seen round a keyhole (`_behind_keyhole`) is cut out too.
    A `sleeved` top (a tee) showing neither has its inside back of the front's own colour
    cut by the front neckline's shape (`inside_band`). Else a brand label seen in the
    neck opening on an inside back of the front's own colour (a polo's collar, a tee whose
    neckline's edge is too faint to cut by) is painted over in the plain inside back round
    it (`label_painted`): worn, it sat on the throat. Unchanged when none shows.
    `work`: see `_inside_back`."""
    inside = _inside_back(rgb, solid, left, right, work) | _behind_keyhole(solid, left, right)
    if inside.any():
        return (rgb, *_less(alpha, inside))
    rim = back_rim(rgb, solid, left, right)
    if rim.any():
        return painted_over(rgb, rim), alpha, solid
    band = inside_band(rgb, solid, left, right) if sleeved else np.zeros(solid.shape, bool)
    if band.any():
        return (rgb, *_less(alpha, band))
    return label_painted(rgb, solid, left, right), alpha, solid


def _less(alpha: NDArray[np.float32], inside: NDArray[np.bool_]) -> tuple[NDArray[np.float32], NDArray[np.uint8]]:
    """The alpha and solid mask less `inside`, with a softened rim round it."""
    # A rim a few pixels wide, softened, so no line of the inside back's colour stays
    # along the new edge.
    reach = max(3, int(0.004 * max(alpha.shape))) | 1
    cut = cv2.dilate(inside.astype(np.uint8), np.ones((reach, reach), np.uint8)).astype(np.float32)
    alpha = alpha * (1 - cv2.GaussianBlur(cut, (0, 0), reach / 2))
    return alpha, (alpha > 0.5).astype(np.uint8)


#: Without sleeves, the shoulders' row is the highest of the garment within this share of
#: the panel's width from each edge: a cami's strap or a dress's strap slants, and read
#: at one column near the edge it was met halfway down, its tip then placed above the
#: person's shoulder, standing up into the backdrop.
STRAP_BAND = 0.3


#: The gap between a bottom's legs is first looked for this share of its height above
#: its hem (below it a frayed hem or a cuff's strings), within `CROTCH_OFF_CENTRE` of its
#: waist's width from the waist's middle; followed up to `CROTCH_WAIST` of the height
#: below the waist at most.
CROTCH_START = 0.05
CROTCH_OFF_CENTRE = 0.25
CROTCH_WAIST = 0.1
#: Going up, the gap is at most `CROTCH_GROW` pixels wider each side than the row below
#: (it narrows up to the crotch). A pixel in it is backdrop in shade: within
#: `CROTCH_SHADE` (8-bit Lab) of the backdrop's colour by its hue, or by being lighter
#: (a shadow only darkens), `CROTCH_NEARER` nearer it so than the cloth beside it (the
#: median over `CROTCH_SIDE` of the waist's width each side), and flat down the gap (the
#: lightness over 5 rows varying by `CROTCH_FLAT` at most: a knit's pale stitches do not).
CROTCH_GROW = 2
CROTCH_SHADE = 12.0
CROTCH_NEARER = 6.0
CROTCH_SIDE = 0.03
CROTCH_FLAT = 6.0
#: A run of gap pixels fewer than this many rows tall is a pale fleck of the cloth.
CROTCH_ROWS = 5


def _runs_on(on: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """The first and last index of each run of True in `on`."""
    idx = np.flatnonzero(on)
    if not len(idx):
        return []
    return [(int(run[0]), int(run[-1])) for run in np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)]


def _run_bounds(on: NDArray[np.bool_]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The first and last index of each run of True in `on` (`_runs_on` as two arrays)."""
    steps = np.flatnonzero(np.diff(np.concatenate(([0], on.view(np.int8), [0]))))
    return steps[::2], steps[1::2] - 1


def _median_down(pixels: NDArray[np.float32]) -> NDArray[np.float32]:
    """`np.median(pixels, axis=0)` (a few pixels' colours, N x 3) the same to the bit, by a
    sort: `np.median`'s own checks cost more than the sort on the crotch's hundreds of rows."""
    ordered = np.sort(pixels, axis=0)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return np.asarray((ordered[half - 1] + ordered[half]) / 2, pixels.dtype)


def _crotch_gap(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], left: float, right: float, y0: int, y1: int
) -> NDArray[np.bool_] | None:
    """The backdrop between a flat bottom's legs that the cut-out kept as garment (True).

    Up near the crotch the gap between the legs is a few pixels wide and in the legs'
    shade, grey where the backdrop is white: the cut-out's outline closes over it and its
    colour is no longer the backdrop's, so it was cut out as cloth, and worn it was a
    pale wedge below the crotch. It is followed up from where the cut-out sees it open
    near the hem, row by row. None where the legs do not part there (a skirt)."""
    solid = alpha >= 0.5
    h, w = solid.shape
    height, width = y1 - y0 + 1, right - left
    start = int(y1 - CROTCH_START * height)
    cloth = np.flatnonzero(solid[start])
    if not len(cloth):
        return None
    middle = (left + right) / 2
    runs = _runs_on(~solid[start, cloth[0] : cloth[-1] + 1])
    if not runs:
        return None
    a, b = (cloth[0] + x for x in min(runs, key=lambda run: abs(cloth[0] + sum(run) / 2 - middle)))
    if abs((a + b) / 2 - middle) > CROTCH_OFF_CENTRE * width:
        return None
    side = max(3, int(CROTCH_SIDE * width))
    gap = np.zeros((h, w), np.uint8)
    end = int(y0 + CROTCH_WAIST * height)
    # Every test below is a pixel's own or its column's over 5 rows: worked out only on the
    # rows the gap may climb (and 2 more each side for the 5 rows' reach), all at once.
    lo, hi = max(0, end - 1), min(h, start + 2)
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    backdrop, _ = _border_backdrop(cv2.cvtColor(border[None], cv2.COLOR_RGB2LAB)[0].astype(np.float32))
    lab = cv2.cvtColor(rgb[lo:hi], cv2.COLOR_RGB2LAB).astype(np.float32)
    lightness = np.ascontiguousarray(lab[:, :, 0])
    mean = cv2.blur(lightness, (1, 5))
    flat = np.sqrt(np.maximum(cv2.blur(lightness * lightness, (1, 5)) - mean * mean, 0)) <= CROTCH_FLAT
    shades = np.hypot(
        np.hypot(lab[..., 1] - backdrop[1], lab[..., 2] - backdrop[2]), np.maximum(lab[..., 0] - backdrop[0], 0)
    )
    for row in range(start - 1, end, -1):
        x0, x1 = max(0, a - CROTCH_GROW), min(w - 1, b + CROTCH_GROW)
        pixels = lab[row - lo, x0 : x1 + 1]
        shade = shades[row - lo, x0 : x1 + 1]
        beside = [
            part for part in (lab[row - lo, max(0, x0 - side) : x0], lab[row - lo, x1 + 1 : x1 + 1 + side]) if len(part)
        ]
        to_cloth = np.linalg.norm(pixels - _median_down(beside[0]), axis=1)
        for part in beside[1:]:
            np.minimum(to_cloth, np.linalg.norm(pixels - _median_down(part), axis=1), out=to_cloth)
        backdrop_like = (shade < CROTCH_SHADE) & (to_cloth > shade + CROTCH_NEARER) & flat[row - lo, x0 : x1 + 1]
        open_ = backdrop_like | ~solid[row, x0 : x1 + 1]
        # The run that goes on from the row below (the longest, the first of equals).
        starts, ends = _run_bounds(open_)
        on = (x0 + ends >= a) & (x0 + starts <= b)
        if not on.any():
            break
        longest = int(np.argmax(np.where(on, ends - starts, -1)))
        p, q = int(starts[longest]), int(ends[longest])
        a, b = x0 + p, x0 + q
        gap[row, a : b + 1] = backdrop_like[p : q + 1] & solid[row, a : b + 1]
    gap = cv2.morphologyEx(gap, cv2.MORPH_OPEN, np.ones((CROTCH_ROWS, 1), np.uint8))
    return gap > 0 if gap.any() else None


def _without_crotch_gap(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], left: float, right: float, y0: int, y1: int
) -> tuple[NDArray[np.float32], NDArray[np.uint8]]:
    """A flat bottom's alpha and solid mask with the backdrop kept between its legs
    (`_crotch_gap`) cut away, its edge as soft as the cut-out's."""
    gap = _crotch_gap(rgb, alpha, left, right, y0, y1)
    if gap is not None:
        sigma = max(0.8, 0.6 * max(alpha.shape) / WORK_SIDE)
        alpha = np.minimum(alpha, 1 - cv2.GaussianBlur(gap.astype(np.float32), (0, 0), sigma) * 2).clip(0, 1)
        alpha[gap] = 0
    return alpha, (alpha > 0.5).astype(np.uint8)


def _top_and_shoulders(solid: NDArray[np.uint8], left: float, right: float, sleeved: bool) -> tuple[float, float]:
    """The first garment row at the panel's middle (the neckline) and the row of the
    shoulder seams: the mean first row just inside the panel's edges or, without
    sleeves, the mean of each side's highest row near its edge (`STRAP_BAND`)."""
    width = right - left
    column = np.nonzero(solid[:, int((left + right) / 2)])[0]
    top = float(column.min()) if len(column) else float(np.flatnonzero(solid.any(axis=1))[0])
    if sleeved:
        bands = [slice(int(x), int(x) + 1) for x in (left + width * 0.08, right - width * 0.08)]
    else:
        reach = max(1, int(width * STRAP_BAND))
        bands = [slice(max(0, int(left)), int(left) + reach), slice(int(right) - reach + 1, int(right) + 1)]
    firsts = [float(rows.min()) for rows in (np.nonzero(solid[:, band].any(axis=1))[0] for band in bands) if len(rows)]
    return top, float(np.mean(firsts)) if firsts else top


def _sleeves(
    solid: NDArray[np.uint8], left: float, right: float, armpit_y: float
) -> tuple[NDArray[np.uint8], NDArray[np.uint8]]:
    """The masks (255) of the sleeves beyond the panel's columns, left and right."""
    panel = np.zeros_like(solid)
    panel[:, int(left) : int(right) + 1] = 1
    outside = ((solid > 0) & (panel == 0)).astype(np.uint8) * 255
    area = int(solid.sum())
    return (
        _sleeve(outside, slice(0, int(left)), right - left, area, armpit_y),
        _sleeve(outside, slice(int(right) + 1, None), right - left, area, armpit_y),
    )


#: Round each armpit (the panel's edge on the armpit row, where the sleeve parts from
#: the body in the photo) within this share of the panel's width, the fabric's shading...
ARMPIT_REACH = 0.08
#: ...read as its lightness blurred over this share of the panel's width (wider than a
#: check's squares, narrower than the crease)...
ARMPIT_SHADE = 0.01
#: ...is lifted to the fabric's lightness round it (the median in the ring out to twice
#: the reach). Below the armpit the reach is this many times longer: the shadow runs on
#: down both sides of the gap between the sleeve and the body.
ARMPIT_BELOW = 6.0
#: Shading down to this much (Lab L, 0..255) under the fabric round it stays: a sleeve
#: in the shade of the body is darker all over, and lifted whole its inner edge turned
#: into a pale stripe. A crease is far darker.
ARMPIT_KEEP = 20.0


def _armpits_lit(
    rgb: NDArray[np.uint8], solid: NDArray[np.uint8], left: float, right: float, armpit_y: float
) -> NDArray[np.uint8]:
    """The photo with the crease at each armpit lit like the fabric round it.

    Laid flat, a sleeved top folds into the gap where the sleeve parts from the body, a
    dark crease in the corner. Worn, the arm hangs over that corner, and the crease, cut
    in two between the sleeve and the panel's edge, showed as a dark hole under the arm
    (the old garment seen through, to a shopper). The crease's broad shading is taken
    out, and its colour goes back to the fabric's as far as it was dark; the weave or
    print within it stays."""
    width = right - left
    reach = ARMPIT_REACH * width
    if reach < 3:
        return rgb
    sigma = max(1.0, ARMPIT_SHADE * width)
    out = rgb
    for x in (left, right):
        x0, x1 = max(0, int(x - 2 * reach)), min(rgb.shape[1], int(x + 2 * reach) + 1)
        y0 = max(0, int(armpit_y - 2 * reach))
        y1 = min(rgb.shape[0], int(armpit_y + 2 * ARMPIT_BELOW * reach) + 1)
        if x1 - x0 < 3 or y1 - y0 < 3:
            continue
        box = slice(y0, y1), slice(x0, x1)
        on = solid[box] > 0
        yy, xx = np.ogrid[y0:y1, x0:x1]
        down = yy - armpit_y
        near = np.hypot(xx - x, np.where(down > 0, down / ARMPIT_BELOW, down)) / reach
        ring = on & (near > 1) & (near <= 2)
        if np.count_nonzero(ring) < 10:
            continue
        lab = cv2.cvtColor(rgb[box], cv2.COLOR_RGB2LAB).astype(np.float32)
        weight = np.maximum(cv2.GaussianBlur(on.astype(np.float32), (0, 0), sigma), 1e-3)
        shade = cv2.GaussianBlur(lab * on[:, :, None], (0, 0), sigma) / weight[:, :, None]
        level = np.median(shade[ring], axis=0)
        # Whole within the reach, fading out to nothing at 1.5 times it.
        fade = np.clip(3.0 - 2.0 * near, 0.0, 1.0) * on
        dark = np.clip(level[0] - ARMPIT_KEEP - shade[:, :, 0], 0, None) * fade
        if float(dark.max()) < 1:
            continue
        share = (dark / max(float(level[0]), 1.0))[:, :, None]
        lab[:, :, 0] += dark
        lab[:, :, 1:] += (level[1:] - shade[:, :, 1:]) * share
        if out is rgb:
            out = rgb.copy()
        lit = cv2.cvtColor(np.clip(lab, 0, 255).round().astype(np.uint8), cv2.COLOR_LAB2RGB)
        # Only the pixels lifted change: a round trip through Lab moves the rest a step.
        out[box] = np.where((dark > 0)[:, :, None], lit, rgb[box])
    return out


def _dress_sleeves(
    solid: NDArray[np.uint8], left: float, right: float, y0: int, height: int, armpit_y: float
) -> tuple[NDArray[np.uint8], NDArray[np.uint8], float]:
    """A dress's sleeves (left, right masks) and armpit row: the rows in its upper part
    where the garment through its middle is far wider than its waist (`left`..`right`)
    hold sleeves; the bodice just below them sets the columns beyond which they lie.
    Empty masks and `armpit_y` unchanged for a sleeveless dress."""
    empty = np.zeros_like(solid)
    middle = int((left + right) / 2)
    run_left, run_right = _runs(solid, middle)
    across = np.where(run_left >= 0, run_right - run_left, 0)
    upper = slice(y0, y0 + int(height * 0.4))
    wider = np.flatnonzero(across[upper] > (right - left) * 1.25)
    if not len(wider):
        return empty, empty, armpit_y
    armpit = float(y0 + wider[-1])
    chest = slice(int(armpit + height * 0.02), int(armpit + height * 0.06) + 1)
    found = run_left[chest] >= 0
    if not found.any():
        return empty, empty, armpit_y
    chest_left, chest_right = float(np.median(run_left[chest][found])), float(np.median(run_right[chest][found]))
    # Sleeves end above the skirt: below mid-height, what is beside the bodice is skirt.
    bodice = solid.copy()
    bodice[y0 + int(height * 0.5) :] = 0
    sleeve_left, sleeve_right = _sleeves(bodice, chest_left, chest_right, armpit)
    return sleeve_left, sleeve_right, armpit


def _waist_below_sleeves(
    solid: NDArray[np.uint8], left: float, right: float, armpit_y: float, height: int, band: slice
) -> tuple[float, float]:
    """A sleeved dress's waist columns measured below its sleeves: a short dress's short
    sleeves reach down into the waist's usual rows, and measured there the waist took
    them in; the dress, scaled by it, was drawn too small for the body, its bodice
    narrower than the trunk between sleeves set on the arms, the old top showing in the
    gaps. The same number of rows, starting as far below the armpit as the chest is
    measured (`_dress_sleeves`), through the garment's middle."""
    start = int(armpit_y + height * 0.02) + 1
    if start <= band.start:
        return left, right
    rows = slice(start, start + band.stop - band.start)
    run_left, run_right = _runs(solid[rows], int((left + right) / 2))
    found = run_left >= 0
    if not found.any():
        return left, right
    return float(np.median(run_left[found])), float(np.median(run_right[found]))


def analyse_garment(rgb: NDArray[np.uint8], *, swap_target: str, hint: str | None) -> Garment:
    """The one garment the photo shows for this swap target (the top of an outfit)."""
    return analyse_garments(rgb, swap_target=swap_target, hint=hint)[-1]


def analyse_garments(rgb: NDArray[np.uint8], *, swap_target: str, hint: str | None) -> list[Garment]:
    """The garments to dress from one product photo, in layer order (bottom first).

    One, but for a whole outfit worn by a model (`full_outfit`, no hint naming one
    part): its top and its bottom both. A piece the photo shows only in part (trousers
    cut off above the knee) is left out, as is the model's head: a hood stops behind
    the neck."""
    return [replace(piece, rgb=edge_colour(piece.rgb, piece.alpha)) for piece in _garments(rgb, swap_target, hint)]


#: A cut-out pixel of this alpha or more is the garment's own colour; below it, the
#: product photo's backdrop (or the model's skin) shows through the soft edge.
SOLID_ALPHA = 0.98


#: How far inward (px) the soft edge reads the fabric's typical colour, and the step
#: between the pixels read: wider than a print's spots, so a spot that touches the edge
#: is outvoted by the ground round it.
EDGE_REACH = 12
EDGE_STRIDE = 2


def edge_colour(rgb: NDArray[np.uint8], alpha: NDArray[np.float32]) -> NDArray[np.uint8]:
    """The photo with the garment's colour carried out over its soft edge.

    The alpha fades out over the product photo's backdrop, where the photo's colour is
    the backdrop's: blended over a person at that alpha (and mixed into the edge by the
    warp's resampling), a white backdrop draws a pale, half-transparent rim round a dark
    garment. Each pixel of the fading edge takes the fabric's typical colour at the
    nearest solid pixel: the median of the solid pixels within `EDGE_REACH` of it. The
    nearest pixel's own colour would smear a print's dark spot out across the fade, a
    fringe of dark dashes round a spotted fabric; a plain fabric's median is its colour.
    """
    found = bounds(alpha > 0)
    if found is None:
        return rgb
    window = box_slices(found)
    solid = alpha[window] >= SOLID_ALPHA
    if not solid.any() or solid.all():
        return rgb
    _, labels = cv2.distanceTransformWithLabels(
        (~solid).astype(np.uint8), cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL
    )
    # Labels number the solid pixels in raster order (from 1): only those some fading
    # pixel falls to need their typical colour.
    fading = ~solid
    nearest = labels[fading]
    places = np.flatnonzero(solid)
    used = np.flatnonzero(np.bincount(nearest, minlength=len(places) + 1)[1:])
    ys, xs = np.divmod(places[used], solid.shape[1])
    source = np.zeros((3, len(places) + 1), np.uint8)
    source[:, used + 1] = _typical_colour(rgb[window], solid, ys, xs)
    out = rgb.copy()
    inside = out[window]
    for channel in range(3):
        # One plane at a time, the fading pixels only: numpy gathers and masks single
        # bytes far faster than three-byte pixels.
        inside[:, :, channel][fading] = source[channel][nearest]
    return out


def _typical_colour(
    rgb: NDArray[np.uint8], solid: NDArray[np.bool_], ys: NDArray[np.intp], xs: NDArray[np.intp]
) -> NDArray[np.uint8]:
    """Each channel's median (channels first) over the `solid` pixels within
    `EDGE_REACH` of each point (`ys`, `xs`, solid themselves), read every `EDGE_STRIDE`
    pixels: the points are the garment's outline only, so this costs milliseconds once
    per product photo where a median filter over the whole photo costs a third of a
    second.

    Pixels off the garment read as 255, the largest byte: sorted after every colour
    but an equal 255, they leave the ranks below the solid pixels' count as those
    pixels alone give them, so the median is read at the rank the count sets. In bytes
    numpy sorts the rows by radix (`kind="stable"`), twice as fast as 16-bit values
    sorted by comparison, the same order statistics."""
    reach, stride = EDGE_REACH, EDGE_STRIDE
    width = rgb.shape[1] + 2 * reach
    shape = (rgb.shape[0] + 2 * reach, width)
    offsets = np.arange(0, 2 * reach + 1, stride)
    patch = (offsets[:, None] * width + offsets[None, :]).ravel()
    flat = (ys * width + xs)[:, None] + patch[None, :]
    on = np.zeros(shape, np.uint8)
    on[reach:-reach, reach:-reach] = solid
    middle = (on.ravel().take(flat).sum(axis=1, dtype=np.intp) - 1) // 2
    rows = np.arange(len(ys))
    out = np.empty((3, len(ys)), np.uint8)
    plane = np.full(shape, 255, np.uint8)
    for channel in range(3):
        # Off the garment stays 255 in every channel: only the solid pixels are copied.
        np.copyto(plane[reach:-reach, reach:-reach], rgb[:, :, channel], where=solid)
        values = plane.ravel().take(flat)
        values.sort(axis=1, kind="stable")
        out[channel] = values[rows, middle]
    return out


def _garments(rgb: NDArray[np.uint8], swap_target: str, hint: str | None) -> list[Garment]:
    """`analyse_garments`'s pieces, each with the photo as it is."""
    worn = read_worn(rgb)
    if worn is None:
        alpha, work = _cut_out(rgb)
        category = _category(hint, swap_target, _aspect(alpha))
        if (
            swap_target == SwapTarget.FULL_OUTFIT
            and _category(hint, "", 1.0) == SwapTarget.TOP
            and _reads_as_bottom(alpha)
        ):
            category = SwapTarget.BOTTOM
        return [_read(rgb, alpha, category, None, flat=True, work=work)]
    named = _category(hint, "", 1.0) if hint and _category(hint, "", 1.0) != SwapTarget.TOP else None
    lower = worn.lower if worn.lower is not None and not _cut_off(worn.lower, worn) else None
    if named is None and swap_target == SwapTarget.FULL_OUTFIT and worn.upper is not None and lower is not None:
        return [
            _read(worn.rgb, lower, SwapTarget.BOTTOM, None),
            _read(worn.rgb, worn.upper, SwapTarget.TOP, worn.shoulders),
        ]
    if named == SwapTarget.BOTTOM or (named is None and swap_target == SwapTarget.BOTTOM):
        piece, category = (worn.lower, SwapTarget.BOTTOM) if worn.lower is not None else (worn.whole, SwapTarget.BOTTOM)
    elif worn.upper is not None and named != SwapTarget.DRESS:
        piece, category = worn.upper, SwapTarget.TOP
    elif worn.lower is not None and named != SwapTarget.DRESS:
        # Only a bottom is worn (a bare chest over shorts): that is the product.
        piece, category = worn.lower, SwapTarget.BOTTOM
    else:
        # One garment from the shoulders: a dress when it reaches well below the hips.
        piece = worn.whole
        # Next to nothing worn above the waist (a bare chest): a bottom.
        waist = max(0, int(worn.hip_y - 0.4 * worn.length))
        starts_low = float(piece[:waist].sum()) < 0.15 * float(piece.sum())
        category = (
            named
            or (SwapTarget.BOTTOM if starts_low else None)
            or (
                SwapTarget.DRESS
                if _below_hips(worn) or swap_target in (SwapTarget.DRESS, SwapTarget.FULL_OUTFIT)
                else SwapTarget.TOP
            )
        )
        if category == SwapTarget.BOTTOM and starts_low:
            # What little is above the waist (a strap, the neck's shadow) is not the
            # bottom: its waistband would go to the hips and the rest hang far below.
            piece = piece.copy()
            piece[:waist] = 0
    return [_read(worn.rgb, piece, category, worn.shoulders if category == SwapTarget.TOP else None)]


def _aspect(alpha: NDArray[np.float32]) -> float:
    solid = alpha > 0.5
    ys, xs = np.flatnonzero(solid.any(axis=1)), np.flatnonzero(solid.any(axis=0))
    if not len(ys):
        return 1.0
    return float((ys[-1] - ys[0] + 1) / max(1, xs[-1] - xs[0] + 1))


def _model_panel(left: float, right: float, shoulders: tuple[float, float] | None) -> tuple[float, float]:
    """The panel's columns: as measured, unless a model's shoulders show them far off
    (hands on the hips or sleeves against the body hide the body's edges)."""
    if shoulders is None or 0.8 <= (right - left) / max(1.0, shoulders[1] - shoulders[0]) <= 1.4:
        return left, right
    middle, half = (shoulders[0] + shoulders[1]) / 2, (shoulders[1] - shoulders[0]) * 0.55
    return middle - half, middle + half


def _cut_off(piece: NDArray[np.float32], worn: Worn) -> bool:
    """Whether a bottom runs out of the photo above the knee: its length is unknown."""
    rows = np.flatnonzero((piece > 0.5).any(axis=1))
    return bool(len(rows)) and rows[-1] >= piece.shape[0] - 3 and rows[-1] - worn.hip_y < 1.2 * worn.length


def _below_hips(worn: Worn) -> bool:
    rows = np.flatnonzero((worn.whole > 0.5).any(axis=1))
    return bool(len(rows)) and rows[-1] > worn.hip_y + 0.5 * worn.length


def _read(
    rgb: NDArray[np.uint8],
    alpha: NDArray[np.float32],
    category: str,
    shoulders: tuple[float, float] | None,
    *,
    flat: bool = False,
    work: NDArray[np.uint8] | None = None,
) -> Garment:
    """The garment's parts from its alpha. `shoulders`, for a top worn by a model: the
    model's shoulder joints' columns, the panel's edges when its outline cannot tell.
    `flat`: a product photo without a wearer, whose neck opening may show the inside back;
    `work`, `cut_out`'s copy of `rgb` at `WORK_SIDE` (see `_inside_back`)."""
    solid = (alpha > 0.5).astype(np.uint8)
    if not solid.any():
        raise EngineError("garment_not_found", "no garment was found in the photo")
    ys = np.flatnonzero(solid.any(axis=1))
    y0, y1 = int(ys[0]), int(ys[-1])
    height = y1 - y0 + 1
    widths = solid.sum(axis=1).astype(np.float32)
    if category == SwapTarget.TOP:
        # A tie, belt end or strap hanging below the hem is not the body of the top:
        # measured as part of it, the panel would be the tie's width and the body
        # "sleeves". The hem is the last row at least 40% as wide as the widest.
        hem = int(np.flatnonzero(widths >= 0.4 * widths.max())[-1])
        if hem < y1:
            alpha = alpha.copy()
            alpha[hem + 1 :] = 0
            solid[hem + 1 :] = 0
            widths[hem + 1 :] = 0
            y1 = hem
            height = y1 - y0 + 1

    # The panel's width: a top's just above its hem (below the sleeves), a bottom's at
    # its waistband, a dress's at its waist (its skirt may flare).
    hems: dict[str, tuple[float, float]] = {
        SwapTarget.TOP: (0.82, 0.92),
        SwapTarget.BOTTOM: (0.02, 0.08),
        SwapTarget.DRESS: (0.3, 0.36),
    }
    start, stop = hems[category]
    hem_band = slice(y0 + int(height * start), y0 + int(height * stop) + 1)
    band = solid[hem_band][solid[hem_band].any(axis=1)]
    if len(band) == 0:
        raise EngineError("garment_not_found", "the garment's shape could not be read")
    left = float(np.median(band.argmax(axis=1)))
    right = float(np.median(band.shape[1] - 1 - band[:, ::-1].argmax(axis=1)))
    if category == SwapTarget.TOP:
        # Long sleeves photographed hanging beside the body reach the hem: the body is
        # the run of garment through the middle, not the row's whole extent.
        middle = int((left + right) / 2)
        run_left, run_right = _runs(solid[hem_band], middle)
        found = run_left >= 0
        if found.any():
            left, right = float(np.median(run_left[found])), float(np.median(run_right[found]))
        left, right, gap_y = _body_beside_gaps(solid, left, right, y0, y1)
    left, right = _model_panel(left, right, shoulders)
    panel_width = right - left
    hem_panel = left, right
    if category == SwapTarget.TOP:
        # Armpit: going up from the hem, the row where sleeves make the body wider.
        middle = int((left + right) / 2)
        run_left, run_right = _runs(solid, middle)
        across = np.where(run_left >= 0, run_right - run_left, widths)
        armpit_y = y0 + height * 0.35
        lowest = int(y0 + height * 0.8) if gap_y is None else min(int(y0 + height * 0.8), gap_y - 1)
        wider = np.flatnonzero(across[y0 + 1 : lowest + 1] > panel_width * 1.25)
        if len(wider):
            armpit_y = float(y0 + 1 + wider[-1])
        # The body panel is as wide as the chest just under the armpits: the hem may taper
        # or flare, and measuring there would cut the shoulders off or add the sleeves.
        chest = slice(int(armpit_y + height * 0.03), int(armpit_y + height * 0.1) + 1)
        found = run_left[chest] >= 0
        if found.any():
            chest_left = float(np.median(run_left[chest][found]))
            chest_right = float(np.median(run_right[chest][found]))
            if chest_right - chest_left < panel_width * 1.2:
                left, right = _model_panel(chest_left, chest_right, shoulders)
                panel_width = right - left
    else:
        armpit_y = y0 + height * 0.15
    if category == SwapTarget.DRESS:
        # The dress's width stays its waist's (it sets the scale); sleeves wider than
        # the bodice go on the arms like a top's.
        if flat:
            rgb, alpha, solid = _without_inside_back(rgb, alpha, solid, left, right, work)
        sleeve_left, sleeve_right, armpit_y = _dress_sleeves(solid, left, right, y0, height, armpit_y)
        sleeved = bool(sleeve_left.any() or sleeve_right.any())
        if sleeved:
            left, right = _waist_below_sleeves(solid, left, right, armpit_y, height, hem_band)
        top, shoulder_y = _top_and_shoulders(solid, left, right, sleeved)
        return Garment(
            rgb, alpha, category, left, right, top, shoulder_y, float(armpit_y), float(y1), sleeve_left, sleeve_right
        )
    if category != SwapTarget.TOP:
        if flat:
            alpha, solid = _without_crotch_gap(rgb, alpha, left, right, y0, y1)
        top, shoulder_y = _top_and_shoulders(solid, left, right, True)
        empty = np.zeros_like(solid)
        return Garment(rgb, alpha, category, left, right, top, shoulder_y, float(armpit_y), float(y1), empty, empty)
    sleeve_left, sleeve_right = _sleeves(solid, left, right, armpit_y)
    if shoulders is None and not (sleeve_left.any() and sleeve_right.any()):
        # A sleeve not found beside the body may hang against it, one block with it.
        neck = np.flatnonzero(solid[y0 : y0 + max(1, int(height * 0.05))].any(axis=0))
        seams = _hanging_sleeve_seams(rgb, solid, *hem_panel, y0, y1, float(neck.mean()))
        if seams is not None:
            left, right, armpit_y = seams
            sleeve_left, sleeve_right = _sleeves(solid, left, right, armpit_y)
    if flat:
        sleeved = bool(sleeve_left.any() and sleeve_right.any())
        rgb, alpha, solid = _without_inside_back(rgb, alpha, solid, left, right, work, sleeved)
    if sleeve_left.any() or sleeve_right.any():
        rgb = _armpits_lit(rgb, solid, left, right, armpit_y)
    top, shoulder_y = _top_and_shoulders(solid, left, right, bool(sleeve_left.any() or sleeve_right.any()))
    return Garment(
        rgb=rgb,
        alpha=alpha,
        category=category,
        left=left,
        right=right,
        top=top,
        shoulder_y=shoulder_y,
        armpit_y=float(armpit_y),
        hem_y=float(y1),
        sleeve_left=sleeve_left,
        sleeve_right=sleeve_right,
    )
