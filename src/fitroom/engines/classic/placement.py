"""Where each garment part goes on the body, from the pose: the torso panel, the sleeves
along the arms, bottoms and dresses down the legs, in drawing order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic import fit, memo
from fitroom.engines.classic.arms import bare_arms_beside, bare_forearms_in_front
from fitroom.engines.classic.body import Frame, torso_frame
from fitroom.engines.classic.boxes import bounds
from fitroom.engines.classic.colour import SAME_GARMENT_COLOUR
from fitroom.engines.classic.composite import inner_colour
from fitroom.engines.classic.garment import Garment, long_sleeved, reaches_hem, smooth_outline
from fitroom.engines.classic.hands import hands_in_front
from fitroom.engines.classic.old_garment import kept_top, nearest_colour, worn_bottom, worn_colours
from fitroom.engines.classic.person import (
    L_ANKLE,
    L_ELBOW,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    MIN_SHOULDER_SHARE,
    R_ANKLE,
    R_ELBOW,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    plausible_skin,
    torso_share,
)
from fitroom.engines.classic.warp import Layer, affine_layer, laid_over, rows_above, tps_layer

#: Clothes are wider than the distance between shoulder joints.
CHEST_EASE = 1.18
#: The middles of the sleeves' tops are this far apart, in shoulder-joint distances:
#: over the joints, so each sleeve lies along its arm.
SLEEVE_SPAN = 1.0
#: Below the shoulders a garment is no wider than the trunk there (arms left out) by
#: more than this: a fitted dress is not wider than the hips, and nothing swallows the
#: arms hanging beside the body.
BODY_EASE = 1.05


def _torso_layer(
    person: Person, garment: Garment, frame: Frame, arms: NDArray[np.float32] | None = None
) -> tuple[Layer | None, float]:
    """The garment's torso panel on the torso by a thin-plate spline; returns the scale used."""
    w, h = person.size
    half = frame.width * CHEST_EASE / 2
    k_width = frame.width * CHEST_EASE / garment.width
    k_length = frame.frontal_width * CHEST_EASE / garment.width
    # Tops end between the waist and just below the hips, whatever their photo's proportions.
    garment_length = (garment.hem_y - garment.shoulder_y) * k_length
    k_length *= float(np.clip(garment_length, 0.55 * frame.length, 1.12 * frame.length)) / max(garment_length, 1e-6)
    cx = (garment.left + garment.right) / 2
    # The shoulder seams sit on top of the shoulders, a little above and outside the joints.
    shoulder_top = frame.neck - frame.down * frame.frontal_width * NECK_RISE

    def body(side: float, drop: float, spread: float = 1.0) -> NDArray[np.float64]:
        return shoulder_top + frame.right * side * half * spread + frame.down * drop * k_length

    def seam_end(side: float, spread: float) -> NDArray[np.float64]:
        """Where the shoulder seam `side` half-widths out goes: on the person's shoulder,
        which slopes down from the neck; a level seam would poke up beyond it as a
        square notch."""
        return shoulder_slope(person, frame, side * half * spread)

    src = []
    dst = []
    panel_alpha = without_sleeves(garment)
    # With sleeves, the shoulder seams end over the joints, where the sleeves' tops go
    # (see SLEEVE_SPAN): ending further out, the panel's level corners stood out past
    # the sleeves' tops as square wings over the shoulders.
    sleeved = bool(garment.sleeve_left.any() or garment.sleeve_right.any())
    seam_spread = (
        {-1.0: SLEEVE_SPAN / CHEST_EASE, 1.0: SLEEVE_SPAN / CHEST_EASE}
        if sleeved
        else _cap_spreads(person, frame, garment, panel_alpha, half)
    )
    rows = (
        (garment.shoulder_y, SLEEVELESS_SPREAD),
        (garment.armpit_y, 1.0),
        ((garment.armpit_y + garment.hem_y) / 2, 1.0),
        (garment.hem_y, 1.0),
    )
    # Below the shoulders the panel hangs beside the arms, never over them: each row
    # no wider than the trunk there (arms left out), with ease.
    middles = [body(0.0, gy - garment.shoulder_y) for gy, _ in rows[1:]]
    trunk = [None, *_trunk_half_widths(person, frame, middles, arms)]
    spreads = [
        spread if body_half is None else min(spread, max(body_half, frame.width * 0.35) * BODY_EASE / half)
        for (_, spread), body_half in zip(rows, trunk, strict=True)
    ]
    # A top hangs straight from the chest to its hem: at the waist no narrower than the
    # narrower of the two (a fitted old dress's waist pinched a tee into an hourglass,
    # the old bodice left beside it).
    spreads[2] = max(spreads[2], min(spreads[1], spreads[3]))
    # A strappy top's shoulder seams are its straps' tips (`_strap_tips`).
    straps = [] if sleeved or covers_shoulders(garment) else _strap_tips(person, frame, garment, panel_alpha, half)
    for (gy, _), spread in zip(rows, spreads, strict=True):
        drop = gy - garment.shoulder_y
        for side in (-1.0, 0.0, 1.0):
            at_seam = gy == garment.shoulder_y and side
            if at_seam and straps:
                continue
            src.append((cx + side * garment.width / 2, gy))
            dst.append(seam_end(side, seam_spread[side]) if at_seam else body(side, drop, spread))
    src.extend(point for point, _ in straps)
    dst.extend(point for _, point in straps)
    src.append((cx, garment.top))
    dst.append(body(0.0, garment.top - garment.shoulder_y))
    # The shoulder is rounded: halfway out the seam lies on it too, or the panel's top
    # edge would cut under it (the old garment showing there) with the sleeve's top
    # standing up beyond it.
    for side in () if straps else (-1.0, 1.0):
        gx = cx + side * SEAM_MIDDLE * garment.width / 2
        rows_on = np.flatnonzero(panel_alpha[:, int(np.clip(gx, 0, panel_alpha.shape[1] - 1))] > 0.5)
        # A scoop neck this far out is no shoulder seam.
        if len(rows_on) and rows_on[0] <= garment.shoulder_y + SEAM_SAG * garment.width:
            src.append((gx, float(rows_on[0])))
            dst.append(seam_end(side * SEAM_MIDDLE, seam_spread[side]))
    # Collars and flared hems reach a little beyond the control points.
    layer = tps_layer(garment.rgb, panel_alpha, src, dst, frame.frontal_width * 0.35, (w, h))
    return layer, max(k_width, k_length)


#: Without sleeves, the panel's shoulder seams end this many half-widths (`CHEST_EASE`)
#: out: a tank's armholes curve in from there to its straps.
SLEEVELESS_SPREAD = 1.06
#: A sleeveless panel wider at its shoulders than at its chest (a shell top's cap
#: shoulders) has them end this share of the way out to the person's outline across
#: the shoulders, `CAP_DROP` shoulder-joint distances below the joints' line...
CAP_INSET = 0.95
CAP_DROP = 0.05


def _cap_spreads(
    person: Person, frame: Frame, garment: Garment, panel_alpha: NDArray[np.float32], half: float
) -> dict[float, float]:
    """The spread (in `half`s) of a sleeveless panel's shoulder seam ends, per side (-1
    image left, 1 right): `SLEEVELESS_SPREAD`, less where a panel that covers the
    shoulders (not a cami's straps) reaches, between seams and armpits, so far beyond its
    chest's edges that it would end past the person's outline; never in past where a
    sleeve's seam ends.

    A shell top's flat cap shoulders, 15% wider than its chest, were placed as its chest
    is, out past the shoulder joints: they stood out beyond the person's shoulders over
    the backdrop like wings."""
    spreads = {-1.0: SLEEVELESS_SPREAD, 1.0: SLEEVELESS_SPREAD}
    upper = panel_alpha[int(garment.shoulder_y) : int((garment.shoulder_y + garment.armpit_y) / 2) + 1] > 0.5
    columns = np.flatnonzero(upper.any(axis=0))
    outline = _runs_across(person.mask > 0.5, frame, [frame.neck + frame.down * CAP_DROP * frame.width])[0]
    if not len(columns) or outline is None or not covers_shoulders(garment):
        return spreads
    cx, panel_half = (garment.left + garment.right) / 2, garment.width / 2
    reaches = {-1.0: (cx - columns[0]) / panel_half, 1.0: (columns[-1] - cx) / panel_half}
    for side, body_reach in zip((-1.0, 1.0), outline, strict=True):
        fits = CAP_INSET * body_reach / (half * max(reaches[side], 1e-6))
        spreads[side] = float(np.clip(fits, SLEEVE_SPAN / CHEST_EASE, SLEEVELESS_SPREAD))
    return spreads


#: A strappy top's straps cross the shoulders at most this share of the way from the
#: neck's side (`NECK_SIDE`) out to the shoulder's tip (the person's outline along the
#: shoulders' line, `CAP_DROP` below the joints; the joint itself where none is found):
#: a cami's strap lies beside the neck, about halfway out.
STRAP_OUT = 0.5
#: ...and its tip goes down onto the person's silhouette (mask over 0.5), sought at most
#: `STRAP_SEEK` frontal shoulder widths below the shoulder's slope, and `STRAP_SINK` into
#: it: the slope's guess, where the outline is further off, left it standing up.
STRAP_SEEK = 0.3
STRAP_SINK = 0.02


def _strap_tips(
    person: Person, frame: Frame, garment: Garment, panel_alpha: NDArray[np.float32], half: float
) -> list[Seam]:
    """Each side's strap tip (the highest point of the panel's top edge on that side) and
    where it goes on the person's shoulder: where the panel's scale puts it
    (`SLEEVELESS_SPREAD` of `half` at the panel's edge), but no further out than
    `STRAP_OUT` of the neck-to-tip span. Empty where a side has no garment.

    Scaled with the panel as a tank's shoulder seams are, a cami's straps (near its
    panel's edges in the product photo) went out over the shoulder joints: they sat on
    the shoulder tips or the arms' tops, the cami slipping off, not beside the neck."""
    solid = panel_alpha > 0.5
    h, w = solid.shape
    cx, panel_half = (garment.left + garment.right) / 2, garment.width / 2
    outline = _runs_across(person.mask > 0.5, frame, [frame.neck + frame.down * CAP_DROP * frame.width])[0]
    tips: list[Seam] = []
    for i, side in enumerate((-1.0, 1.0)):
        xs = np.clip(np.round(cx + side * np.arange(int(panel_half) + 1)), 0, w - 1).astype(int)
        cols = solid[:, xs]
        found = cols.any(axis=0)
        if not found.any():
            return []
        tops = np.where(found, np.argmax(cols, axis=0), h)
        peak = int(np.argmin(tops))
        neck = NECK_SIDE * frame.width
        tip = frame.width / 2 if outline is None else outline[i]
        most = neck + STRAP_OUT * max(tip - neck, 0.0)
        offset = min(abs(xs[peak] - cx) / max(panel_half, 1e-6) * half * SLEEVELESS_SPREAD, most)
        tips.append(
            (
                (float(xs[peak]), float(tops[peak])),
                _onto_silhouette(person, frame, shoulder_slope(person, frame, side * offset)),
            )
        )
    return tips


def _onto_silhouette(person: Person, frame: Frame, point: NDArray[np.float64]) -> NDArray[np.float64]:
    """`point` moved down (along the torso) to the person's silhouette, `STRAP_SINK` into
    it; as it is where the silhouette is not met within `STRAP_SEEK`."""
    fw = frame.frontal_width
    step = _first_on_silhouette(person, frame, point, np.arange(0.0, STRAP_SEEK * fw + 1))
    return point if step is None else point + frame.down * (step + STRAP_SINK * fw)


def _first_on_silhouette(
    person: Person, frame: Frame, start: NDArray[np.float64], steps: NDArray[np.float64]
) -> float | None:
    """The first of `steps` (pixels along the torso's down from `start`) that lands on the
    person's silhouette (mask over 0.5); None where none does."""
    h, w = person.mask.shape[:2]
    pts = np.round(start[None, :] + steps[:, None] * frame.down[None, :]).astype(int)
    inside = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    on = np.zeros(len(steps), bool)
    on[inside] = person.mask[pts[inside, 1], pts[inside, 0]] > 0.5
    return float(steps[int(np.argmax(on))]) if on.any() else None


#: Besides its ends, the shoulder seam is placed this far out (share of the panel's
#: half-width), where it lies lower in the product photo than its end's row by no more
#: than SEAM_SAG panel widths (more is a wide neck's opening, not a seam).
SEAM_MIDDLE = 0.75
SEAM_SAG = 0.05
#: Above the shoulder joints, in frontal shoulder widths: the top of the shoulder over
#: the joint (where a sleeve's top goes) and beside the neck (where the seam starts).
SHOULDER_RISE = 0.06
NECK_RISE = 0.14
#: The neck's half-width, in shoulder-joint distances: the shoulder slopes from there.
NECK_SIDE = 0.2
#: The silhouette's top is trusted within this many frontal shoulder widths of the
#: slope the joints give (hair on a shoulder or an arm held out is not the shoulder).
SLOPE_TRUST = 0.08


def shoulder_slope(person: Person, frame: Frame, offset: float) -> NDArray[np.float64]:
    """The top of the person's shoulder `offset` pixels right of the neck (negative: left):
    the person's outline there, kept within `SLOPE_TRUST` of the line from beside the
    neck to just above the joint (that line where the outline is nowhere near)."""
    fw = frame.frontal_width
    reach = abs(offset) / max(frame.width, 1e-6)
    rise = NECK_RISE - (NECK_RISE - SHOULDER_RISE) * max(reach - NECK_SIDE, 0.0) / (0.5 - NECK_SIDE)
    base = frame.neck + frame.right * offset
    guess = base - frame.down * rise * fw
    step = _first_on_silhouette(person, frame, guess, np.arange(-SLOPE_TRUST * fw, SLOPE_TRUST * fw + 1))
    return guess if step is None else guess + frame.down * step


#: Where the person's own shoulder stands above a top's panel beside the neck, the
#: panel's upper part is stretched up to meet it: by at most `LIFT_MOST` frontal shoulder
#: widths, only where the panel's top lies within `LIFT_REACH` of the shoulder's (further
#: down it is a neckline or the gap between a cami's straps, not a seam), fading out
#: `LIFT_DEPTH` below the panel's top; and only for a panel whose top lies that near
#: the shoulder over `LIFT_SHARE` of the columns beside the neck (a cami's straps leave
#: the shoulders bare). `NECK_PROBE` above the shoulders' line the neck (and hair over
#: the shoulders) is told from the backdrop beside it; the columns within `NECK_MARGIN`
#: of the neck there are left as they are.
LIFT_MOST = 0.12
LIFT_REACH = 0.25
LIFT_DEPTH = 0.3
NECK_PROBE = 0.3
NECK_MARGIN = 0.08
LIFT_SHARE = 0.6
#: The lift fades across the columns over this many frontal widths (a Gaussian sigma),
#: into those left as they are beside the neck too: cut off there, the panel's middle
#: stayed below its lifted shoulders as a separate piece, its print broken at two
#: vertical seams and its neckline a jagged step each side.
LIFT_TAPER = 0.04


#: A panel covers the shoulders when, in the product photo, it holds `SHOULDER_COVER` of
#: its columns within `SHOULDER_BAND` panel widths below its shoulder seams' row: a
#: tee or a shell top there, a cami only its straps (0.17 against 0.88-1.0).
SHOULDER_BAND = 0.1
SHOULDER_COVER = 0.5


def covers_shoulders(garment: Garment) -> bool:
    """Whether the garment's panel covers the shoulders (not straps, whose tops stretched
    up to the shoulder spread into blobs)."""
    panel = without_sleeves(garment)
    y0 = int(garment.shoulder_y)
    y1 = int(garment.shoulder_y + SHOULDER_BAND * garment.width) + 1
    band = panel[y0:y1, int(garment.left) : int(garment.right) + 1] > 0.5
    return bool(band.size) and float(band.any(axis=0).mean()) >= SHOULDER_COVER


def lifted_to_shoulders(person: Person, frame: Frame, layer: Layer | None) -> Layer | None:
    """`layer` (a top's panel) with its top stretched up, column by column, to the
    person's shoulder outline between the neck and the shoulder joints.

    The panel's seam is placed from the joints and a guessed slope; on square or
    muscular shoulders the person's own shoulder then stood above it beside the neck as
    a ledge of skin, or of the old garment rebuilt as skin, over the new top."""
    if layer is None:
        return None
    h, w = person.mask.shape[:2]
    fw = frame.frontal_width
    if not 0 <= frame.neck[1] - NECK_PROBE * fw < h:
        return layer
    lx0, ly0, lx1, ly1 = layer.box
    cols = np.arange(lx0, lx1)
    # The probe runs parallel to the shoulders' line: on a tilted torso a level row ran
    # through the higher shoulder, read as neck, and that shoulder was never lifted.
    slope = frame.right[1] / max(abs(frame.right[0]), 1e-6)
    probes = np.clip(np.round(frame.neck[1] - NECK_PROBE * fw + (cols - frame.neck[0]) * slope), 0, h - 1).astype(int)
    p0 = int(probes.min())
    if p0 >= ly1:
        return layer
    below = np.arange(p0, ly1)[:, None] >= probes[None, :]
    beside = np.abs(cols - frame.neck[0]) <= frame.width / 2
    # Clear of the neck by `NECK_MARGIN`: it flares out into the shoulders below the
    # probe, and a collar lifted there climbed the neck's side.
    margin = 2 * max(1, int(NECK_MARGIN * fw)) + 1
    on_neck = person.mask[probes, cols] > 0.5
    neck = cv2.dilate(on_neck.astype(np.uint8)[None, :], np.ones((1, margin), np.uint8))[0] > 0
    body = (person.mask[p0:ly1, lx0:lx1] > 0.5) & below
    solid = np.zeros_like(body)
    solid[max(0, ly0 - p0) :] = layer.alpha[max(0, p0 - ly0) :, :] > 0.5
    solid &= below
    found = beside & ~neck & body.any(axis=0) & solid.any(axis=0)
    shoulder = p0 + np.argmax(body, axis=0)
    top = p0 + np.argmax(solid, axis=0)
    gap = (top - shoulder).astype(np.float32)
    near = found & (gap <= LIFT_REACH * fw)
    if np.count_nonzero(near) < LIFT_SHARE * np.count_nonzero(found):
        return layer  # straps or a wide neckline: the shoulders are bare by design
    gap = np.where(near & (gap > 0), np.minimum(gap, LIFT_MOST * fw), 0.0)
    gap = _held_to_neck(gap, near, beside & neck & ~on_neck & solid.any(axis=0), cols, float(frame.neck[0]))
    if not (gap > 0).any():
        return layer
    sigma = max(1.0, LIFT_TAPER * fw)
    size = 2 * int(np.ceil(3 * sigma)) + 1
    gap = cv2.GaussianBlur(gap.astype(np.float32)[None, :], (size, 1), sigma, borderType=cv2.BORDER_CONSTANT)[0]
    rise = int(np.ceil(float(gap.max())))
    if rise < 1:
        return layer
    y0 = max(0, ly0 - rise)
    ys = np.arange(y0, ly1, dtype=np.float32)[:, None]
    t = top.astype(np.float32)[None, :]
    g = gap.astype(np.float32)[None, :]
    depth = np.float32(max(LIFT_DEPTH * fw, 1.0))
    stretched = t + (ys - (t - g)) * depth / (depth + g)
    src = np.where(ys < t - g, ys + g, np.where(ys <= t + depth, stretched, ys))
    map_y = (src - ly0).astype(np.float32)
    map_x = np.broadcast_to(np.arange(lx1 - lx0, dtype=np.float32)[None, :], map_y.shape).astype(np.float32)
    alpha = cv2.remap(layer.alpha, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    colour = cv2.remap(layer.colour, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return Layer(colour, alpha, lx0, y0)


def _held_to_neck(
    gap: NDArray[np.float32], near: NDArray[np.bool_], margin: NDArray[np.bool_], cols: NDArray[np.int_], neck_x: float
) -> NDArray[np.float32]:
    """`gap` (the lift per column) carried level from each side's innermost lifted column
    across that side's `margin` columns beside the neck, which are not read.

    Left at 0 there and tapered, the lift fell away towards the neck: a top's shoulder
    seam stayed below the person's shoulder from the neck's side out to a third of the
    way to the joint, a shelf of skin between them (a worn tee's seam runs on the
    shoulder right up to the neck)."""
    held = gap.copy()
    for side in (-1.0, 1.0):
        out = (cols - neck_x) * side > 0
        read = np.flatnonzero(near & out)
        if not len(read):
            continue
        inner = read[np.argmin(np.abs(cols[read] - neck_x))]
        held[margin & out & (np.abs(cols - neck_x) < abs(cols[inner] - neck_x))] = gap[inner]
    return held


#: How far (product pixels) a sleeve's soft rim reaches beyond its solid mask.
SLEEVE_RIM = 7
#: How wide (photo pixels) a sleeve's soft edge is on the person, before the blur that
#: `composite` gives every part's edge.
SLEEVE_EDGE = 1.5
#: The share of a sleeve's reach, from either end, whose points make that end's middle.
SEAM_END = 0.15


def without_sleeves(garment: Garment) -> NDArray[np.float32]:
    """The garment's alpha less its sleeves, soft rim included: the sleeve masks are the
    solid pixels only, and the half-transparent rim left round them would be warped with
    the body panel, away from the sleeve, and show as a faint outline beside the arm.

    Worked out once per product photo (a top's panel and its shoulders both ask, every
    render, and the garment stays cached); the answer is read-only."""

    def made() -> NDArray[np.float32]:
        alpha = _without_sleeves(garment)
        alpha.flags.writeable = False
        return alpha

    return memo.kept(garment, "without_sleeves", (garment.alpha, garment.sleeve_left, garment.sleeve_right), made)


def _without_sleeves(garment: Garment) -> NDArray[np.float32]:
    alpha = garment.alpha.copy()
    sleeves = cv2.bitwise_or(garment.sleeve_left, garment.sleeve_right)
    if not sleeves.any():
        return alpha
    rim = cv2.dilate(sleeves, np.ones((SLEEVE_RIM, SLEEVE_RIM), np.uint8)) > 0
    alpha[(sleeves > 0) | (rim & (alpha <= 0.5))] = 0
    # Corners the sleeve mask's opening trimmed off stay behind as loose specks.
    count, labels, stats, _ = cv2.connectedComponentsWithStats((alpha > 0.05).astype(np.uint8), connectivity=8)
    if count > 2:
        areas = stats[1:, cv2.CC_STAT_AREA]
        specks = 1 + np.flatnonzero(areas < 0.01 * areas.max())
        alpha[np.isin(labels, specks)] = 0
    return alpha


def seam_end(pts: NDArray[np.float64], reach: NDArray[np.float64]) -> NDArray[np.float64]:
    """The middle of a sleeve's top: its points within the first 15% of its reach from the
    seam, or, for a sleeve that starts beyond that (cut off from the panel a little away
    from the seam), within the first 15% of its own length, never an empty mean."""
    near = reach <= SEAM_END * reach.max()
    if not near.any():
        near = reach <= reach.min() + SEAM_END * (reach.max() - reach.min())
    return pts[near].mean(axis=0)


def _sleeve_layers(person: Person, garment: Garment, frame: Frame, scale: float) -> list[tuple[Layer | None, bool]]:
    """Each sleeve rigidly along its arm, bending at the elbow; flag: arm in front of torso."""
    w, h = person.size
    layers = []
    torso = np.array([person.pt(i) for i in (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)], np.float32)
    for mask, side, (_, e, wr) in (
        (garment.sleeve_left, -1.0, (R_SHOULDER, R_ELBOW, R_WRIST)),
        (garment.sleeve_right, 1.0, (L_SHOULDER, L_ELBOW, L_WRIST)),
    ):
        # The sleeve's box in the product photo, with room for the 7 px reach into the panel.
        found = bounds(mask, pad=4)
        if found is None:
            continue
        x0, y0, x1, y1 = found
        part = slice(y0, y1), slice(x0, x1)
        ys, xs = np.nonzero(mask[part])
        if len(xs) < 50:
            continue
        seam = np.array([garment.left if side < 0 else garment.right, garment.shoulder_y], np.float64)
        pts = np.stack([xs + x0, ys + y0], axis=1).astype(np.float64)
        corner = pts[np.argmax(np.linalg.norm(pts - seam, axis=1))]
        # The sleeve's own middle line, from the middle of its top to the middle of its
        # end, goes down the arm's bones: the seam-to-far-corner diagonal would leave
        # the sleeve beside the arm.
        reach = (pts - seam) @ ((corner - seam) / max(np.linalg.norm(corner - seam), 1e-6))
        attach = seam_end(pts, reach)
        far = pts[reach >= 0.85 * reach.max()].mean(axis=0)
        if np.linalg.norm(far - attach) < 4:
            attach, far = seam, corner
        # The sleeve's top lies on the shoulder's top over the joint, so it covers the
        # shoulder's cap beyond the panel's sloping seam.
        shoulder = shoulder_slope(person, frame, side * frame.width * SLEEVE_SPAN / 2)
        elbow = person.pt(e).astype(np.float64)
        wrist = person.pt(wr).astype(np.float64)
        upper_len = float(np.linalg.norm(elbow - shoulder)) / scale
        axis = (far - attach) / max(np.linalg.norm(far - attach), 1e-6)
        along = (pts - attach) @ axis
        # Reach a few pixels into the panel so no seam shows between sleeve and body.
        alpha = garment.alpha[part] * (cv2.dilate(mask[part], np.ones((7, 7), np.uint8)) > 0)
        # Its outline smoothed and its edge as soft on the arm whatever the sleeve's
        # scale: the hem runs across the arm as a clean line, not a wavy blurred band.
        alpha = smooth_outline(alpha, max(garment.alpha.shape), SLEEVE_EDGE / scale)
        rgb = garment.rgb[part]
        # Warps of the box: the photo's matrices, moved to the box's corner.
        in_front = cv2.pointPolygonTest(torso, (float(elbow[0]), float(elbow[1])), False) > 0
        length = float(along.max())
        if _long_sleeve(length * scale, reaches_hem(mask, garment), shoulder, elbow, wrist):
            # A long sleeve goes from the shoulder to the wrist, bending where the arm
            # does, whatever the product photo's proportions: at the torso's scale it
            # hung on past the hand as a flap beside the hips, or ended at the elbow.
            upper_arm = float(np.linalg.norm(elbow - shoulder))
            upper_len = length * upper_arm / max(upper_arm + float(np.linalg.norm(wrist - elbow)), 1e-6)
            split = attach + axis * upper_len
            first = fit.stretch(attach, split, shoulder, elbow, scale)
            second = fit.stretch(split, attach + axis * length, elbow, wrist, scale)
        else:
            first = fit.similarity(attach, far, shoulder, elbow, scale)
            split = attach + axis * upper_len
            second = fit.similarity(split, far, elbow, wrist, scale)
        # Warps of the box: the photo's matrices, moved to the box's corner.
        first[:, 2] += first[:, :2] @ (x0, y0)
        second[:, 2] += second[:, :2] @ (x0, y0)
        if length <= upper_len * 1.05:
            layers.append((affine_layer(rgb, alpha, first, (w, h)), in_front, wr))
            continue
        yy, xx = np.arange(y0, y1)[:, None], np.arange(x0, x1)[None, :]  # a column and a row: no full grids
        proj = (xx - attach[0]) * axis[0] + (yy - attach[1]) * axis[1]
        # Each piece goes on past the split far enough to fill the elbow's outer corner
        # (a disc as wide as the sleeve there); the joint is cut on the person (`_mitred`).
        across = (pts - attach) @ np.array([-axis[1], axis[0]])
        near = np.abs(along - upper_len) <= max(ELBOW_BAND * length, 2.0)
        half = float(np.ptp(across[near])) / 2 if near.any() else float(np.ptp(across)) / 2
        radius = half * scale * ELBOW_ROUND
        stretched = min(float(np.linalg.norm(first[:, :2] @ axis)), float(np.linalg.norm(second[:, :2] @ axis)))
        overlap = max(upper_len * 0.04, radius / max(stretched, 1e-6) + 2)
        upper = alpha * (proj <= upper_len + overlap)
        lower = alpha * (proj > upper_len - overlap)
        in_front = in_front or cv2.pointPolygonTest(torso, (float(wrist[0]), float(wrist[1])), False) > 0
        shoulder_piece = affine_layer(rgb, upper.astype(np.float32), first, (w, h))
        forearm_piece = affine_layer(rgb, lower.astype(np.float32), second, (w, h))
        layers.append((_mitred(shoulder_piece, shoulder, elbow, wrist, radius, True), in_front, None))
        layers.append((_mitred(forearm_piece, shoulder, elbow, wrist, radius, False), in_front, wr))
    placed = [(_on_body(layer, person), front, end) for layer, front, end in layers if layer is not None]
    # Only sleeves reaching near their hand may end at it (the hands are found once).
    placed = [
        (layer, front, end if end is not None and _near_wrist(person, layer, end) else None)
        for layer, front, end in placed
    ]
    if not any(end is not None for _, _, end in placed):
        return [(layer, front) for layer, front, _ in placed]
    cover = np.zeros((h, w), bool)
    for layer, _, _ in placed:
        cover[layer.slices] |= layer.alpha > 0.05
    hands = hands_in_front(person, cover) | bare_forearms_in_front(person, not long_sleeved(garment))
    return [(layer if end is None else ended_at_hand(person, layer, end, hands), front) for layer, front, end in placed]


#: A long sleeve's two pieces meet at the elbow along the line halving the angle between
#: upper arm and forearm (a mitre): each piece is cut there, the shoulder's reaching
#: `MITRE_UNDER` pixels under the forearm's, whose edge fades in over `MITRE_FADE` either
#: side, so no seam shows through. Beyond the elbow each piece fills the joint's outer
#: corner out to a disc `ELBOW_ROUND` times the sleeve's half-width there (read over
#: `ELBOW_BAND` of the sleeve's length round the split): a round elbow, not a point.
MITRE_UNDER = 1.5
MITRE_FADE = 1.0
ELBOW_ROUND = 1.05
ELBOW_BAND = 0.08


def _mitred(
    layer: Layer | None,
    shoulder: NDArray[np.float64],
    elbow: NDArray[np.float64],
    wrist: NDArray[np.float64],
    radius: float,
    upper: bool,
) -> Layer | None:
    """One of a long sleeve's two pieces (`upper`: the shoulder's) cut at the elbow's
    mitre and rounded beyond it.

    Cut across their own bones in the product photo, the pieces turned apart at a bent
    elbow: the forearm's square top stood out over the upper arm and the crook as a
    dark block, the upper arm's end stuck out past the elbow, and the outer corner
    between them was left bare, a notch of skin or of the old sleeve."""
    if layer is None:
        return None
    down_upper = elbow - shoulder
    down_fore = wrist - elbow
    lengths = float(np.linalg.norm(down_upper)), float(np.linalg.norm(down_fore))
    if min(lengths) < 2:
        return layer
    u1, u2 = down_upper / lengths[0], down_fore / lengths[1]
    normal = u1 + u2
    if float(np.linalg.norm(normal)) < 1e-3:
        return layer  # folded flat back on itself: no mitre to cut
    normal /= np.linalg.norm(normal)
    x0, y0, x1, y1 = layer.box
    dx = np.arange(x0, x1, dtype=np.float64)[None, :] - elbow[0]
    dy = np.arange(y0, y1, dtype=np.float64)[:, None] - elbow[1]
    # Signed distance from the mitre into this piece's own side.
    side = -(dx * normal[0] + dy * normal[1]) if upper else dx * normal[0] + dy * normal[1]
    if upper:
        keep = np.clip((side + MITRE_UNDER + MITRE_FADE) / MITRE_FADE, 0, 1)
    else:
        keep = np.clip((side + MITRE_FADE) / (2 * MITRE_FADE), 0, 1)
    # Past the elbow along its own bone, the piece is the joint's outer corner: round.
    bone = u1 if upper else -u2
    past = dx * bone[0] + dy * bone[1] > 0
    distance = np.hypot(dx, dy)
    keep = np.where(past, keep * np.clip(radius + 1 - distance, 0, 1), keep)
    return replace(layer, alpha=(layer.alpha * keep).astype(np.float32))


#: A sleeve's end cut across the arm at a hand fades out over this many pixels.
HEM_EDGE = 1.5
#: Hand pixels this far from the wrist (shoulder widths) end a sleeve there...
HAND_NEAR = 0.4
#: ...but not above this share of the forearm up from the wrist (a hand held against the
#: arm further up is in front of the sleeve, which goes on under it).
HAND_REACH_UP = 0.5
#: The forearm's elbow for each wrist the pose numbers.
ELBOW_OF = {L_WRIST: L_ELBOW, R_WRIST: R_ELBOW}


def _near_wrist(person: Person, layer: Layer, wrist: int) -> bool:
    """Whether `layer`'s box comes within HAND_NEAR of the pose's `wrist`."""
    x0, y0, x1, y1 = layer.box
    x, y = person.pt(wrist)
    gap = np.hypot(max(x0 - x, 0.0, x - x1), max(y0 - y, 0.0, y - y1))
    return bool(gap <= HAND_NEAR * person.shoulder_width)


def ended_at_hand(person: Person, layer: Layer, wrist: int, hands: NDArray[np.bool_]) -> Layer:
    """A sleeve's last piece ended straight across its forearm (the one whose wrist the
    pose numbers `wrist`) where the hand in front of it (`hands`) begins.

    A sleeve longer than the arm reached over the hand, and the hand's matte, kept in
    front, cut a round notch out of its end: flaps of sleeve hung down either side of
    the wrist instead of a hem across it."""
    box = layer.slices
    over = hands[box] & (layer.alpha > 0.05)
    if not over.any():
        return layer
    elbow, joint = person.pt(ELBOW_OF[wrist]).astype(np.float64), person.pt(wrist).astype(np.float64)
    forearm = float(np.linalg.norm(joint - elbow))
    if forearm < 2:
        return layer
    down = (joint - elbow) / forearm
    yy, xx = np.mgrid[box]
    along = (xx - joint[0]) * down[0] + (yy - joint[1]) * down[1]
    near = over & (np.hypot(xx - joint[0], yy - joint[1]) <= HAND_NEAR * person.shoulder_width)
    if not near.any():
        return layer
    start = float(along[near].min())
    if start < -HAND_REACH_UP * forearm:
        return layer
    fade = np.clip((start - along) / HEM_EDGE, 0, 1).astype(np.float32)
    return replace(layer, alpha=layer.alpha * fade)


#: A sleeve reaching this share of the arm (shoulder to elbow to wrist) at the torso's
#: scale is a long sleeve: it goes from the shoulder to the wrist.
LONG_SLEEVE = 0.8
#: A long sleeve is lengthened by at most SLEEVE_STRETCH, or shortened by at most
#: SLEEVE_SQUEEZE, to reach the wrist (beyond, the product's sleeves were misread).
#: Shortened far more: the torso's scale often makes a sleeve 1.5-1.8 times the arm, and
#: a forearm pointing at the camera is foreshortened in the photo, its sleeve with it.
SLEEVE_STRETCH = 2.5
SLEEVE_SQUEEZE = 6.0


def _long_sleeve(
    length: float,
    reaches_hem: bool,
    shoulder: NDArray[np.float64],
    elbow: NDArray[np.float64],
    wrist: NDArray[np.float64],
) -> bool:
    """Whether a sleeve `length` photo pixels long (at the torso's scale) is a long one
    that can be fitted from shoulder to wrist."""
    arm = float(np.linalg.norm(elbow - shoulder) + np.linalg.norm(wrist - elbow))
    long = length >= LONG_SLEEVE * arm or reaches_hem
    return long and arm / SLEEVE_STRETCH <= length <= arm * SLEEVE_SQUEEZE


#: The person-mask values over which a sleeve fades out at the person's outline: solid
#: from the mask's 0.5 line (the arm's edge) out, gone where the mask is backdrop.
SLEEVE_FADE = (0.1, 0.4)


def _on_body(layer: Layer, person: Person) -> Layer:
    """The sleeve kept to the person's outline: its square top, turned down the arm,
    would stand up past the rounded shoulder. Its soft edge lies outside the arm: faded
    across the mask's 0.5 line, it let the bare arm's outer pixels show through beside
    it, a pale strip of skin down the upper arm."""
    body = cv2.GaussianBlur(person.mask[layer.slices].astype(np.float32), (0, 0), 1.0)
    low, high = SLEEVE_FADE
    return replace(layer, alpha=layer.alpha * np.clip((body - low) / (high - low), 0, 1))


def _leg_point(person: Person, side: tuple[int, int, int], distance: float) -> NDArray[np.float64]:
    """The point `distance` pixels down a leg, following hip → knee → ankle."""
    hip, knee, ankle = (person.pt(i).astype(np.float64) for i in side)
    thigh = float(np.linalg.norm(knee - hip))
    if distance <= thigh or thigh < 1:
        return hip + (knee - hip) * (distance / max(thigh, 1.0))
    shin = max(float(np.linalg.norm(ankle - knee)), 1.0)
    return knee + (ankle - knee) * ((distance - thigh) / shin)


#: A dress is as wide as the body at its waist, with this much ease.
DRESS_WAIST_EASE = 1.08
#: Where the body's waist cannot be measured, it is this share of the frontal shoulder
#: width; a measured one is kept within these shares of it.
DRESS_WAIST_SHARE = (0.75, 0.9, 1.05)


#: A dress's bodice is at least this share of the trunk's width (see `_lower_layer`)
#: from the armpits down: its own, or the body's, this far (torso lengths) below the
#: shoulders' line, whichever comes first (scaled by the waist, a bodice's armholes
#: can land well below the body's).
BODICE_COVER = 1.0
ARMPIT_DROP = 0.1
#: Below the hips, down to the lower wrist, a dress's skirt is at least this share of the
#: body's width there (arms left out): a skirt narrower than the hips or the old wide
#: bottoms left a gap beside the hanging arm, rebuilt as a skin wedge, a backdrop column
#: or flecks of the old trousers.
SKIRT_COVER = 1.0


#: A bone whose band is at least this share bare skin is a bare arm: the trunk ends at its
#: skin, not at a band as wide as a sleeve round the bone.
BARE_ARM = 0.5


def _trunk_half_widths(
    person: Person,
    frame: Frame,
    points: list[NDArray[np.float64]],
    arms: NDArray[np.float32] | None = None,
    narrower: bool = False,
) -> list[float | None]:
    """The body's half-width across the torso at each point (on the midline), arms left
    out: the person's run through the point along the shoulders' line, less bands along
    the arms' bones, or less the bare arms' skin (`arms`, see `arms.bare_arms_beside`):
    against a bare arm the trunk ends where the arm's skin begins, so the panel goes on
    under it and no strip of the old garment is left between the two. `narrower`: the
    nearer of the two sides, not their mean (a garment is laid symmetrically, and the
    mean carried it past an arm close on one side). None where the point is off the body
    or the photo."""
    person_mask = person.mask > 0.5
    body = person_mask.astype(np.uint8)
    thickness = max(2, int(frame.width * 0.3))
    for a, b in ((L_SHOULDER, L_ELBOW), (L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW), (R_ELBOW, R_WRIST)):
        (ax, ay), (bx, by) = person.pt(a), person.pt(b)
        ends = ((int(ax), int(ay)), (int(bx), int(by)))
        width = thickness
        if arms is not None and _bare_along(person_mask, arms, ends, thickness):
            width = 2
        cv2.line(body, *ends, (0,), width)
    if arms is not None:
        body[arms > 0.5] = 0
    runs = _runs_across(body > 0, frame, points)
    return [None if run is None else min(run) if narrower else (run[0] + run[1]) / 2 for run in runs]


def _skirt_to_hips(
    person: Person, frame: Frame, placed: list[Placed], arms: NDArray[np.float32] | None
) -> list[Placed]:
    """A dress's skirt rows below the hips and down to the lower wrist widened to the body
    there (`SKIRT_COVER` of its nearer side, arms left out), so no gap is left between the
    skirt and an arm hanging beside it; rows off the body (between apart legs) are left as
    they are. A row is added at the wrist, between the two it falls between, so the
    widening does not stop at the last row above it (rows are a tenth of a midi apart)."""
    wrist = max(person.pt(L_WRIST)[1], person.pt(R_WRIST)[1])
    out = list(placed)
    for i in range(len(out) - 1):
        (g0, r0, h0, c0, b0, s0), (g1, r1, h1, c1, b1, s1) = out[i], out[i + 1]
        if b1 > 0 and c0[1] < wrist < c1[1]:
            t = float((wrist - c0[1]) / (c1[1] - c0[1]))
            row = (g0 + (g1 - g0) * t, r0 + (r1 - r0) * t, h0 + (h1 - h0) * t, c0 + (c1 - c0) * t)
            out.insert(i + 1, (*row, b0 + (b1 - b0) * t, s0 + (s1 - s0) * t))
            break
    beside = [i for i, (*_, centre, below, _) in enumerate(out) if below > 0 and centre[1] <= wrist + 0.5]
    trunk = _trunk_half_widths(person, frame, [out[i][3] for i in beside], arms, narrower=True)
    own = [half for _, _, half, *_ in out]
    for i, body_half in zip(beside, trunk, strict=True):
        gy, run, half, centre, below, sx = out[i]
        if body_half is not None:
            out[i] = (gy, run, max(half, body_half * SKIRT_COVER), centre, below, sx)
    # Below the wrist a skirt that flares goes on no narrower than it was made there: it
    # would be pinched in under the hands.
    for i in range(beside[-1] + 1 if beside else len(out), len(out)):
        if own[i] < own[i - 1]:
            break
        gy, run, half, centre, below, sx = out[i]
        out[i] = (gy, run, max(half, out[i - 1][2]), centre, below, sx)
    return out


def _runs_across(
    on_body: NDArray[np.bool_], frame: Frame, points: list[NDArray[np.float64]]
) -> list[tuple[float, float] | None]:
    """Through each point, along the shoulders' line, how far `on_body` runs unbroken to
    the image's left and to its right (pixels, up to 1.5 shoulder widths); None where
    the point is off it or off the photo."""
    h, w = on_body.shape[:2]
    reach = int(frame.width * 1.5)
    offsets = np.arange(-reach, reach + 1, dtype=np.float64)
    runs: list[tuple[float, float] | None] = []
    for point in points:
        xy = np.round(point[None, :] + offsets[:, None] * frame.right[None, :]).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        on = np.zeros(len(offsets), bool)
        on[inside] = on_body[xy[inside, 1], xy[inside, 0]]
        if not on[reach]:
            runs.append(None)
            continue
        off = np.flatnonzero(~on)
        start = off[off < reach][-1] + 1 if (off < reach).any() else 0
        stop = off[off > reach][0] if (off > reach).any() else len(on)
        runs.append((float(reach - start), float(stop - reach)))
    return runs


def _bare_along(
    person_mask: NDArray[np.bool_],
    arms: NDArray[np.float32],
    ends: tuple[tuple[int, int], tuple[int, int]],
    thickness: int,
) -> bool:
    """Whether the band `thickness` wide along a bone (its `ends`) is at least `BARE_ARM`
    bare arm, where it is on the person. Drawn and counted in the band's own box: the
    same pixels as over the whole photo, without five whole-photo masks per bone."""
    h, w = person_mask.shape
    (ax, ay), (bx, by) = ends
    x0, y0 = max(0, min(ax, bx) - thickness), max(0, min(ay, by) - thickness)
    x1, y1 = min(w, max(ax, bx) + thickness + 1), min(h, max(ay, by) + thickness + 1)
    if x1 <= x0 or y1 <= y0:
        return False
    band = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.line(band, (ax - x0, ay - y0), (bx - x0, by - y0), (1,), thickness)
    on = (band > 0) & person_mask[y0:y1, x0:x1]
    return bool(np.count_nonzero(on & (arms[y0:y1, x0:x1] > 0.5)) >= BARE_ARM * max(np.count_nonzero(on), 1))


def _centre_run(solid: NDArray[np.bool_], row: int, x: float) -> float | None:
    """Half the width of the garment's unbroken run through column `x` in `row` (sleeves
    photographed apart from the body left out); None where `x` is not garment."""
    line = solid[min(max(row, 0), solid.shape[0] - 1)]
    c = int(x)
    if not 0 <= c < len(line) or not line[c]:
        return None
    gaps = np.flatnonzero(~line)
    start = gaps[gaps < c][-1] + 1 if (gaps < c).any() else 0
    stop = gaps[gaps > c][0] if (gaps > c).any() else len(line)
    return float(stop - start) / 2


#: How far (torso lengths) a new bottom's waistband may rise above its usual place to
#: meet the old bottom's top (`_old_reach`), and down to what share of the garment's
#: height the rise fades.
RISE_MAX = 0.3
RISE_SPREAD = 0.4
#: The least gap (torso lengths) between the old bottom's top and the new one's that is
#: closed: a narrower one is the top mirrored down (`rebuild`), and raised by it, a new
#: waistband over a tee's hem showed its inner back above the front.
RISE_MIN = 0.08
#: How far (torso lengths) the raised waistband goes on above the old one's top (under
#: the kept top's hem, so no seam of the old waistband stays between).
RISE_UNDER = 0.03


def _old_reach(person: Person, frame: Frame) -> float | None:
    """The row a new bottom's waistband reaches up to between the hip joints: the old
    bottom's top, where it reached up to the kept top's hem (`old_garment.kept_top`), a
    little above it so no seam of the old waistband stays. A tank or shirt tucked into
    high-waisted jeans left a band of the old waistband between its hem and the lower new
    one. Where the old outfit showed skin there (a cropped top) the old bottom's top is
    lower, and so is the reach. None without a kept top: nothing rises."""
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    lo, hi = int(max(0, xs[0])), int(min(person.size[0], xs[1] + 1))
    if hi - lo < 2:
        return None
    top = kept_top(person)[:, lo:hi]
    old = worn_bottom(person)[:, lo:hi]
    cols = top.any(axis=0) & old.any(axis=0)
    if cols.mean() < 0.5:
        return None
    h = top.shape[0]
    hem = float(np.median((h - 1 - np.argmax(top[::-1], axis=0))[cols]))
    start = float(np.median(np.argmax(old, axis=0)[cols]))
    return max(start, hem) - RISE_UNDER * frame.length


def _layer_top(layer: Layer, person: Person) -> float | None:
    """The median first row the layer covers between the hip joints."""
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    lo, hi = max(0, int(xs[0]) - layer.x), min(layer.alpha.shape[1], int(xs[1]) + 1 - layer.x)
    solid = layer.alpha[:, max(lo, 0) : max(hi, 0)] > 0.5
    cols = solid.any(axis=0)
    if not cols.any():
        return None
    return layer.y + float(np.median(np.argmax(solid, axis=0)[cols]))


#: A placed row (or one leg of it): the garment's row, half its run, half the width it is
#: drawn at, where its centre lands, how far below the hips, and its centre's column.
Placed = tuple[float, float, float, NDArray[np.float64], float, float]
#: A point of the garment (product pixels) and where it goes on the person.
Seam = tuple[tuple[float, float], NDArray[np.float64]]


def _lower_layer(
    person: Person, garment: Garment, frame: Frame, arms: NDArray[np.float32] | None = None
) -> tuple[Layer | None, float]:
    """Bottoms from the waist and dresses from the shoulders, down between the legs'
    lines; returns the scale used."""
    w, h = person.size
    lh, rh = person.pt(L_HIP).astype(np.float64), person.pt(R_HIP).astype(np.float64)
    hips = (lh + rh) / 2
    # Hips on the bottom edge are guessed, not seen: the photo ends at the waist.
    if not person.visible(L_HIP, R_HIP, threshold=0.3) or hips[1] > 0.95 * h:
        raise EngineError("pose_not_supported", "the hips are not in the photo; bottoms and dresses need them")
    hip_width = float(np.linalg.norm(lh - rh))
    cx = (garment.left + garment.right) / 2
    dress = garment.category == SwapTarget.DRESS
    # A dress's sleeves go on the arms as a top's do (see layers_for): the body alone here.
    alpha = without_sleeves(garment)
    solid = alpha > 0.5
    if dress:
        # The dress's waist goes to the body's waist (its length follows, in the
        # product's proportions), its neckline to the shoulders.
        low, usual, high = (share * frame.frontal_width for share in DRESS_WAIST_SHARE)
        (waist,) = _trunk_half_widths(person, frame, [frame.neck + frame.down * frame.length * 0.6])
        body_waist = usual if waist is None else float(np.clip(2 * waist * DRESS_WAIST_EASE, low, high))
        k = body_waist / garment.width
        top = frame.neck - frame.down * frame.frontal_width * 0.1
        anchor_y = garment.shoulder_y
        rows = (0.0, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0)
        crotch = None
        # A row at the armpits, where the bodice reaches the body's sides.
        armpit = (garment.armpit_y - anchor_y) / max(garment.hem_y - anchor_y, 1e-6)
        if 0.0 < armpit < 1.0:
            rows = tuple(sorted({*rows, armpit}))
    else:
        k = max(hip_width * 1.8, frame.frontal_width * 0.95) / garment.width
        top = hips - frame.down * frame.length * 0.18
        anchor_y = garment.top
        rows = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
        crotch = _crotch_row(solid, cx, garment)
        if crotch is not None:
            # Below the crotch each leg is placed on its own (`_legs_placed`), on rows
            # close enough that the spline follows the legs' lines.
            t0 = (crotch - garment.top) / max(garment.hem_y - garment.top, 1e-6)
            rows = tuple(sorted({*rows, *(float(t) for t in np.linspace(t0, 1.0, LEG_ROWS))}))
    height = garment.hem_y - anchor_y
    hem_below_hips = float((top - hips) @ frame.down) + height * k
    stretch = _to_ankles(person, frame, garment, hem_below_hips, trousers=not dress and crotch is not None)
    placed: list[Placed] = []
    closed: list[tuple[float, bool]] = []
    for t in rows:
        gy = anchor_y + height * t
        row = min(int(gy), solid.shape[0] - 1)
        run = _centre_run(solid, row, cx) if dress else None
        if run is None:
            cols = np.nonzero(solid[row])[0]
            run = (cols.max() - cols.min()) / 2 if len(cols) else garment.width / 2
        centre = top + frame.down * (gy - anchor_y) * k
        below_hips = float((centre - hips) @ frame.down)
        legs: tuple[NDArray[np.float64], NDArray[np.float64]] | None = None
        if below_hips > 0:
            below_hips *= stretch
            legs = (
                _leg_point(person, (R_HIP, R_KNEE, R_ANKLE), below_hips),
                _leg_point(person, (L_HIP, L_KNEE, L_ANKLE), below_hips),
            )
            centre = (legs[0] + legs[1]) / 2
        split = None if dress or legs is None else _leg_runs(solid, row, cx, garment.width)
        if legs is not None and split is not None:
            entries, meet = _legs_placed(gy, split, legs, k, frame, below_hips)
            placed.extend(entries)
            closed.append((gy, meet))
            continue
        placed.append((gy, run, run * k, centre, below_hips, cx))
    if dress:
        # Down to the hips a dress follows the body: never much wider than the trunk
        # (the arms beside it left out), nor at the shoulders than the shoulders. From
        # the armpits down the bodice is no narrower than the trunk either: scaled by
        # the waist, a bodice on a broader chest left strips of rebuilt skin or of the
        # old top between it and the arms. Above them it keeps its own width (its
        # shoulders floored at the trunk's stood out past sloping shoulders).
        upper = [i for i, (*_, below, _) in enumerate(placed) if below <= 0]
        trunk = _trunk_half_widths(person, frame, [placed[i][3] for i in upper], arms)
        for i, body_half in zip(upper, trunk, strict=True):
            gy, run, half, centre, below, sx = placed[i]
            limit = max(body_half or 0.0, frame.width / 2) * BODY_EASE
            armpits = gy >= garment.armpit_y or float((centre - frame.neck) @ frame.down) >= ARMPIT_DROP * frame.length
            if body_half is not None and armpits:
                half = max(half, body_half * BODICE_COVER)
            placed[i] = (gy, run, min(half, limit), centre, below, sx)
        placed = _skirt_to_hips(person, frame, placed, arms)
    rgb = garment.rgb
    if any(meet for _, meet in closed):
        rgb, alpha = _gap_closed(garment, alpha, solid, cx, closed)
    seam = _dress_seam(person, frame, alpha, placed[0], garment, k) if dress and covers_shoulders(garment) else []
    layer = _placed_layer(rgb, alpha, placed, frame, (w, h), seam)
    reach = None if dress or layer is None else _old_reach(person, frame)
    first = None if reach is None or layer is None else _layer_top(layer, person)
    if reach is not None and first is not None and first - reach > RISE_MIN * frame.length:
        # Only the rise is stretched: the cuffs or the skirt's hem stay where they were.
        rise = min((first - reach) / max(float(frame.down[1]), 0.5), RISE_MAX * frame.length)
        placed = [
            (
                gy,
                run,
                half,
                centre - frame.down * rise * max(0.0, 1 - (gy - anchor_y) / height / RISE_SPREAD),
                below,
                sx,
            )
            for gy, run, half, centre, below, sx in placed
        ]
        layer = _placed_layer(rgb, alpha, placed, frame, (w, h))
    return layer, k


#: A bottom at least this many times as long (waistband to hem) as it is wide is a
#: full-length one: trousers and maxi skirts measure 2.5-4, capris and culottes about 2,
#: shorts under 1.6.
FULL_LENGTH = 2.4
#: A full-length bottom's hem lies this far (torso lengths) below the ankle joints: over
#: the top of the foot, as trousers break on the shoe.
HEM_BELOW_ANKLE = 0.03
#: A long skirt's or dress's hem lies this far (torso lengths) below the ankle joints:
#: on the shoe's top, so no strip of ankle the old trousers or long hem hid (rebuilt,
#: smeared) shows between the hem and the shoes.
SKIRT_HEM_BELOW_ANKLE = 0.06


def _to_ankles(person: Person, frame: Frame, garment: Garment, below_hips: float, trousers: bool) -> float:
    """How much the legs of a bottom or a dress are stretched down from the hips (1: as
    scaled by its waist) so its hem ends at the ankles at most, and a full-length bottom
    (`FULL_LENGTH`) reaches them. Its length follows the product's kind, not its waist
    alone: scaled by the waist, full-length jeans on a slim, long-legged person ended at
    mid-shin over her old wide trousers, and a flared maxi skirt (its waistband narrower
    than its panel's median width) ran past the feet to the photo's bottom edge. Trousers
    end just over the shoe (`HEM_BELOW_ANKLE`); a skirt or a dress on the shoe's top
    (`SKIRT_HEM_BELOW_ANKLE`), the shoes seen below: ended at the ankle joints, it bared
    a strip of ankle rebuilt from the old trousers, smeared. A bottom goes on down to the
    old wide legs' hem (`_old_hem_drop`), so none of them shows below it. `below_hips`:
    how far below the hip joints its hem lands so scaled. Without both ankles in sight
    the length stays."""
    h = person.size[1]
    if below_hips <= 0:
        return 1.0
    if not person.visible(L_ANKLE, R_ANKLE, L_KNEE, R_KNEE) or max(person.pt(L_ANKLE)[1], person.pt(R_ANKLE)[1]) >= h:
        return 1.0
    legs = []
    for hip, knee, ankle in ((L_HIP, L_KNEE, L_ANKLE), (R_HIP, R_KNEE, R_ANKLE)):
        a, b, c = (person.pt(i).astype(np.float64) for i in (hip, knee, ankle))
        legs.append(float(np.linalg.norm(b - a) + np.linalg.norm(c - b)))
    dress = garment.category == SwapTarget.DRESS
    drop = (HEM_BELOW_ANKLE if trousers else SKIRT_HEM_BELOW_ANKLE) * frame.length
    if not dress:
        # The old bottom's colours it reads are the ones `_old_reach` reads for a bottom
        # anyway (memoised per photo); for a dress they would be extra work.
        drop = max(drop, _old_hem_drop(person, frame))
    # A straight leg drawn between two spread ones covers the lower ankle only when
    # longer: the longer leg sets the length.
    end = (max(legs) + drop) / below_hips
    full = not dress and (garment.hem_y - garment.top) >= FULL_LENGTH * garment.width
    return end if full else min(1.0, end)


#: The old bottom's hem is looked for this far (torso lengths) below the ankle joints at
#: most, in rows at least `OLD_HEM_SHARE` its colour across the legs' columns; only below
#: wide legs, at least `WIDE_LEGS` its colour across those columns at the ankles (slim
#: trousers end on the shoe, and black ones over black shoes ran on down the feet).
OLD_HEM_REACH = 0.35
OLD_HEM_SHARE = 0.5
WIDE_LEGS = 0.85


def _old_hem_drop(person: Person, frame: Frame) -> float:
    """How far (pixels, down) below the ankle joints the old bottom's colour goes on
    across wide legs: wide trousers to the floor hide the ankles, and the pose guesses
    them high on the shin; a new full-length hem there left the old legs below it."""
    w, h = person.size
    feet = [person.pt(i) for i in (L_ANKLE, R_ANKLE)]
    ankle = float(np.mean([p[1] for p in feet]))
    half = frame.width * 0.3
    x0, x1 = int(max(0, min(p[0] for p in feet) - half)), int(min(w, max(p[0] for p in feet) + half + 1))
    y0, y1 = int(ankle), int(min(h, ankle + OLD_HEM_REACH * frame.length))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    lab = person.lab()
    colours = worn_colours(lab, person, SwapTarget.BOTTOM)
    if not colours:
        return 0.0
    near = nearest_colour(person, lab, colours)[y0:y1, x0:x1] < SAME_GARMENT_COLOUR**2
    on = person.mask[y0:y1, x0:x1] > 0.5
    if np.count_nonzero(near[0] & on[0]) < WIDE_LEGS * (x1 - x0):
        return 0.0
    share = np.count_nonzero(near & on, axis=1) / np.maximum(np.count_nonzero(on, axis=1), 1)
    below = np.flatnonzero(share < OLD_HEM_SHARE)
    rows = int(below[0]) if len(below) else y1 - y0
    return float(rows) / max(float(frame.down[1]), 0.5)


#: Rows below the crotch each leg of a bottom is placed on; a leg's run is at least
#: `LEG_SHARE` of the garment's width (narrower runs are a belt's loop or a frayed hem).
LEG_ROWS = 8
LEG_SHARE = 0.15


def _leg_runs(
    solid: NDArray[np.bool_], row: int, cx: float, width: float
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The garment's two legs in `row` (each as its first and last column, image left
    first), split by the gap through the centre column `cx`; None where the centre is
    cloth (above the crotch, a skirt) or either leg is too narrow (`LEG_SHARE`)."""
    line = solid[min(max(row, 0), solid.shape[0] - 1)]
    c = int(cx)
    if not 0 <= c < len(line) or line[c]:
        return None
    cloth = np.flatnonzero(line)
    left, right = cloth[cloth < c], cloth[cloth > c]
    if not len(left) or not len(right):
        return None
    left_gap, right_gap = np.flatnonzero(~line[: c + 1]), np.flatnonzero(~line[c:]) + c
    inner_l, inner_r = int(left[-1]), int(right[0])
    outer_l = int(left_gap[left_gap < inner_l][-1]) + 1 if (left_gap < inner_l).any() else 0
    outer_r = int(right_gap[right_gap > inner_r][0]) - 1 if (right_gap > inner_r).any() else len(line) - 1
    if min(inner_l - outer_l, outer_r - inner_r) < LEG_SHARE * width:
        return None
    return (float(outer_l), float(inner_l)), (float(inner_r), float(outer_r))


#: A bottom's legs part at most this share of its length down from the waist (trousers
#: about a third, shorts two thirds): a notch lower down is a skirt's pleated hem.
CROTCH_MOST = 0.8


def _crotch_row(solid: NDArray[np.bool_], cx: float, garment: Garment) -> float | None:
    """The first row of the garment's two legs (`_leg_runs`), searched down from the
    waist (`CROTCH_MOST`); None for a skirt."""
    for row in range(int(garment.top), int(garment.top + CROTCH_MOST * (garment.hem_y - garment.top))):
        if _leg_runs(solid, row, cx, garment.width) is not None:
            return float(row)
    return None


def parts_into_legs(garment: Garment) -> bool:
    """Whether a bottom's product parts into two legs below a crotch (`_crotch_row`):
    trousers and shorts, not a skirt."""
    if garment.category != SwapTarget.BOTTOM:
        return False
    solid = without_sleeves(garment) > 0.5
    return _crotch_row(solid, (garment.left + garment.right) / 2, garment) is not None


#: A row whose legs, each on the person's own, would leave less than this share of the
#: product's gap between them (scaled) has them meet (`_legs_placed`).
GAP_SQUEEZE = 0.1


def _legs_placed(
    gy: float,
    split: tuple[tuple[float, float], tuple[float, float]],
    legs: tuple[NDArray[np.float64], NDArray[np.float64]],
    k: float,
    frame: Frame,
    below_hips: float,
) -> tuple[list[Placed], bool]:
    """A row below a bottom's crotch as two legs, each centred on the person's own leg
    there (`legs`, hip → knee → ankle) at its product width times `k`, as single points
    (a run of 0). Scaled as one piece, wide jeans stood their legs further apart than the
    body's, and the strip between them kept the old trousers or rebuilt skin. Legs that
    would overlap meet on the legs' midline instead, each moved out to keep its width;
    then the product's gap between them is closed (returned True, see `_gap_closed`) and
    only its middle is placed there: its edges squeezed together, the spline rang."""
    a, b = sorted(legs, key=lambda p: float(p @ frame.right))
    apart = float((b - a) @ frame.right)
    (l0, l1), (r0, r1) = split
    # A gap squeezed to a sliver of its own width is closed too: squeezed whole into it,
    # the spline folded the cloth round a hole just below the crotch.
    closed = ((l1 - l0) + (r1 - r0)) / 2 * k >= apart - GAP_SQUEEZE * (r0 - l1) * k
    out: list[Placed] = []
    for (lo, hi), foot, side in (((l1, l0), a, -1.0), ((r0, r1), b, 1.0)):
        half = abs(hi - lo) / 2 * k
        centre = foot + frame.right * side * max(0.0, half - apart / 2) if closed else foot
        points = [(hi, centre + frame.right * side * half), ((lo + hi) / 2, centre)]
        if not closed:
            points.append((lo, centre - frame.right * side * half))
        out.extend((gy, 0.0, 0.0, dst, below_hips, sx) for sx, dst in points)
    if closed:
        out.append((gy, 0.0, 0.0, (a + b) / 2, below_hips, (l1 + r0) / 2))
    return out, closed


#: Where two legs meet, the inseam is drawn as a shade down the filled gap's middle
#: (`_gap_closed`): a dark line `SEAM_LINE` deep (share of the lightness taken) and
#: `SEAM_WIDTH` garment widths wide (Gaussian sigma), in a softer shade `SEAM_SHADE` deep
#: and `SEAM_SPREAD` wide, the legs' inner sides turning away from the light.
SEAM_LINE = 0.45
SEAM_WIDTH = 0.005
SEAM_SHADE = 0.1
SEAM_SPREAD = 0.015


def _seam_shade(offsets: NDArray[np.float64], width: float) -> NDArray[np.float32]:
    """The lightness kept at `offsets` (columns) from the inseam where two legs meet: the
    mirrored fill alone drew the two legs as one slab with no line between them."""
    line = np.exp(-0.5 * (offsets / (SEAM_WIDTH * width)) ** 2)
    shade = np.exp(-0.5 * (offsets / (SEAM_SPREAD * width)) ** 2)
    return (1.0 - SEAM_LINE * line - SEAM_SHADE * shade).astype(np.float32)


def _gap_closed(
    garment: Garment, alpha: NDArray[np.float32], solid: NDArray[np.bool_], cx: float, closed: list[tuple[float, bool]]
) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """The garment with the gap between its legs filled, each half by its own leg
    mirrored, in the rows whose nearest placed row (`closed`: row, whether its legs
    meet) has the legs meeting: what lies between two legs that meet is cloth, with the
    inseam shaded down its middle (`_seam_shade`)."""
    rgb, alpha = garment.rgb.copy(), alpha.copy()
    marks = np.array([row for row, _ in closed])
    reach = int(3 * SEAM_SPREAD * garment.width) + 1
    seam: list[tuple[int, float]] = []
    for row in range(int(closed[0][0]), min(int(garment.hem_y) + 1, solid.shape[0])):
        if not closed[int(np.argmin(np.abs(marks - row)))][1]:
            continue
        split = _leg_runs(solid, row, cx, garment.width)
        if split is None:
            continue
        inner_l, inner_r = int(split[0][1]), int(split[1][0])
        cols = np.arange(inner_l + 1, inner_r)
        source = np.where(cols <= (inner_l + inner_r) / 2, 2 * inner_l - cols, 2 * inner_r - cols)
        source = np.clip(source, 0, rgb.shape[1] - 1)
        rgb[row, cols] = rgb[row, source]
        alpha[row, cols] = 1.0
        seam.append((row, (inner_l + inner_r) / 2))
    if seam:
        rows, middles = (np.array(v) for v in zip(*seam, strict=True))
        near = np.clip(middles.astype(int)[:, None] + np.arange(-reach, reach + 1), 0, rgb.shape[1] - 1)
        kept = _seam_shade(near - middles[:, None], garment.width)
        shaded = rgb[rows[:, None], near] * kept[:, :, None]
        rgb[rows[:, None], near] = np.clip(shaded, 0, 255).astype(np.uint8)
    return rgb, alpha


def _placed_layer(
    rgb: NDArray[np.uint8],
    alpha: NDArray[np.float32],
    placed: list[Placed],
    frame: Frame,
    size: tuple[int, int],
    seam: Sequence[Seam] = (),
) -> Layer | None:
    """The garment warped so each row's centre and sides land where `placed` says (a
    run of 0: its centre alone); with `seam` (see `_dress_seam`), the first row's sides
    are its points instead."""
    src: list[tuple[float, float]] = [point for point, _ in seam]
    dst: list[NDArray[np.float64]] = [point for _, point in seam]
    for i, (gy, run, half, centre, _, sx) in enumerate(placed):
        for side in (-1.0, 0.0, 1.0) if run and not (seam and i == 0) else (0.0,):
            src.append((sx + side * run, gy))
            dst.append(centre + frame.right * side * half)
    return tps_layer(rgb, alpha, src, dst, frame.frontal_width * 0.35, size)


def _dress_seam(
    person: Person, frame: Frame, alpha: NDArray[np.float32], first: Placed, garment: Garment, k: float
) -> list[Seam]:
    """A dress's shoulder seams laid on the person's sloping shoulders, as a top's are
    (`_torso_layer`): the panel's top at its shoulders' row ends and `SEAM_MIDDLE` of
    the way out goes to the shoulder's outline. Hung level from its shoulders' row
    instead, the seams lay well below square or muscular shoulders, further than
    `lifted_to_shoulders` reaches: a notch of the old top rebuilt as skin between the
    collar and each sleeve's top. Points lower in the product than the row by more than
    `SEAM_SAG` panel widths are a neckline's opening, not a seam, and are left out.

    Where a sleeveless dress's row's middle is the neckline's opening (a round neck with
    sloping shoulders, the orange midi), the row's run is no measure of the panel (a run of a
    few pixels across one strap's tip, or none): its shoulders are laid from each
    side's highest point out (`_shoulder_line`)."""
    gy, run, half, _, _, sx = first
    sleeved = bool(garment.sleeve_left.any() or garment.sleeve_right.any())
    if not sleeved and alpha[int(np.clip(gy, 0, alpha.shape[0] - 1)), int(np.clip(sx, 0, alpha.shape[1] - 1))] <= 0.5:
        reach = garment.width / 2
        return [seam for side in (-1.0, 1.0) for seam in _shoulder_line(person, frame, alpha, sx, side * reach, k)]
    seam: list[Seam] = []
    for side in (-1.0, 1.0):
        for share in (SEAM_MIDDLE, 1.0):
            gx = float(np.clip(sx + side * share * run, 0, alpha.shape[1] - 1))
            rows_on = np.flatnonzero(alpha[:, int(gx)] > 0.5)
            if not len(rows_on) or rows_on[0] > gy + SEAM_SAG * 2 * run:
                continue
            seam.append(((gx, float(rows_on[0])), shoulder_slope(person, frame, side * share * half)))
    return seam


#: Points of a shoulder line (`_shoulder_line`), from the side's highest point out to
#: the panel's edge; the line ends where its top edge falls away steeper than
#: `ARMHOLE_FALL` (down per across): the armhole.
SHOULDER_POINTS = (0.0, 0.35, 0.7, 1.0)
ARMHOLE_FALL = 1.0


def _shoulder_line(
    person: Person, frame: Frame, alpha: NDArray[np.float32], sx: float, reach: float, k: float
) -> list[Seam]:
    """The panel's top edge on one side (`reach` product pixels from the middle `sx`,
    negative: left), from its highest point beside the neckline out to the armhole,
    each point laid on the person's shoulder as far from the neck as it lies from the
    panel's middle (scaled by `k`).

    Hung from its shoulders' row at the middle, a round-necked sleeveless dress's
    sloping shoulders lay below the person's: its straps' tops beside the neck and the
    shoulder line out to the armholes sat a band lower, the shoulders above them rebuilt
    as a flat ledge of skin with the old top's outline."""
    solid = alpha > 0.5
    h, w = solid.shape
    xs = np.clip(np.round(sx + np.linspace(0.0, reach, max(2, int(abs(reach)) + 1))), 0, w - 1).astype(int)
    cols = solid[:, xs]
    found = cols.any(axis=0)
    if not found.any():
        return []
    tops = np.where(found, np.argmax(cols, axis=0), h).astype(np.float64)
    peak = int(np.argmin(tops))
    seam: list[Seam] = []
    last: tuple[float, float] | None = None
    for share in SHOULDER_POINTS:
        i = peak + int(round(share * (len(xs) - 1 - peak)))
        gx, top = float(xs[i]), float(tops[i])
        if not found[i] or (last is not None and top - last[1] > ARMHOLE_FALL * abs(gx - last[0])):
            break
        if last is not None and gx == last[0]:
            continue
        seam.append(((gx, top), shoulder_slope(person, frame, (gx - sx) * k)))
        last = (gx, top)
    return seam


def _sleeve_scale(garment: Garment, frame: Frame, k: float) -> float:
    """A dress's sleeves are scaled by its shoulders, not its waist (which sets `k`):
    their tops sit over the shoulder joints, so the span between the sleeves' inner
    edges in the product goes to the joints' distance."""
    left, right = np.flatnonzero(garment.sleeve_left.any(axis=0)), np.flatnonzero(garment.sleeve_right.any(axis=0))
    if not len(left) or not len(right) or right[0] <= left[-1]:
        return k
    return frame.width * SLEEVE_SPAN / float(right[0] - left[-1])


#: A gap in the garment across the body (person mask over 0.5) narrower than this share
#: of the shoulder joints' distance, between a sleeve and the panel on the same row, is
#: closed with the garment: worn, a sleeve meets the body's side at the armpit and down
#: it, and a gap showed the old garment's place rebuilt as flat skin or a thin sliver.
SEAM_GAP = 0.3
#: ...but only this far (shoulder-joint distances) or more from the torso's midline,
#: clear of the neckline.
NECK_CLEAR = 0.3
#: So is a strip of the body narrower than this share between the garment and the
#: backdrop: the outline of an old garment wider than the new sleeve, which was rebuilt
#: as a halo of skin beside it (a long sleeve covers the whole arm: nothing of it shows
#: beyond); a bare forearm or neck is wider.
OUTLINE_STRIP = 0.08


#: A slit of backdrop (person mask under 0.5) narrower than this share of the shoulder
#: joints' distance, between a top's sleeve and its panel on the same row (`SEAM_GAP`),
#: is closed with the garment as the body between them is: worn, loose cloth there
#: meets.
SEAM_SLIT = 0.12


#: Person-mask values over which a pixel between the garment and a bare arm beside it is
#: the person's (the old top's edge, the gap under the arm's soft outline), not backdrop.
ARM_GAP_MASK = 0.15


def _seam_gaps(
    person: Person, frame: Frame, layers: list[Layer], arms: NDArray[np.float32] | None = None, outline: bool = True
) -> Layer | None:
    """A layer closing the gaps between the sleeves and the panel (see SEAM_GAP), in the
    colours of the garment nearest each pixel, softened so no streak shows; and the
    strips narrower than `OUTLINE_STRIP` between the garment and a bare arm hanging
    beside it (`arms`, see `arms.bare_arms_beside`) where the person mask holds any of
    the person (`ARM_GAP_MASK`): the old top's side and the gap between it and the arm
    lie there, under the arm's soft outline, and left they showed as white or grey
    flecks down the panel's side. With `outline` the strips between the garment and
    the backdrop narrower than `OUTLINE_STRIP` are closed too."""
    if not layers:
        return None
    w, h = person.size
    # The box round the layers, with room for a strip of outline beside them.
    strip = max(3, int(frame.width * OUTLINE_STRIP)) | 1
    x0 = max(0, min(layer.x for layer in layers) - strip)
    y0 = max(0, min(layer.y for layer in layers))
    x1 = min(w, max(layer.box[2] for layer in layers) + strip)
    y1 = min(h, max(layer.box[3] for layer in layers))
    if x1 <= x0 or y1 <= y0:
        return None
    cover = np.zeros((y1 - y0, x1 - x0), np.float32)
    colour = np.zeros((y1 - y0, x1 - x0, 3), np.float32)
    for layer in layers:
        overlap = layer.within((x0, y0, x1, y1))
        if overlap is None:
            continue
        src, dst = overlap
        colour[dst] = laid_over(colour[dst], layer.colour[src], layer.alpha[src])
        np.maximum(cover[dst], layer.alpha[src], out=cover[dst])
    solid = (cover > 0.5).astype(np.uint8)
    body = person.mask[y0:y1, x0:x1] > 0.5
    span = max(3, int(frame.width * SEAM_GAP)) | 1
    closed = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((1, span), np.uint8))
    # A strip of the body between the garment and the backdrop, narrower than
    # OUTLINE_STRIP: the old garment's outline, wider than the new sleeve or panel.
    if outline:
        edged = solid | (~body).astype(np.uint8)
        closed |= cv2.morphologyEx(edged, cv2.MORPH_CLOSE, np.ones((1, strip), np.uint8))
    # A neckline (a V, a keyhole) is a gap between the garment's pieces too: the sleeves
    # meet the body away from the middle.
    yy, xx = np.arange(y0, y1)[:, None], np.arange(x0, x1)[None, :]
    aside = np.abs((xx - frame.neck[0]) * frame.right[0] + (yy - frame.neck[1]) * frame.right[1])
    gap = (closed > 0) & (solid == 0) & body & (aside > NECK_CLEAR * frame.width)
    if outline:
        # Between a top's pieces a slit of backdrop narrower than SEAM_SLIT is closed
        # too: the faint slit between an old top's side and the arm hanging against it,
        # which the person mask calls backdrop, was left open between a long sleeve and
        # the panel beside it as a white or pale lens down the side.
        # Closed with nothing beyond the box: its edge is not the garment's.
        edge = {"borderType": cv2.BORDER_CONSTANT, "borderValue": 0}
        slit = max(3, int(frame.width * SEAM_SLIT)) | 1
        seams = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((1, span), np.uint8), **edge)
        worn = cv2.morphologyEx(solid | body.view(np.uint8), cv2.MORPH_CLOSE, np.ones((1, slit), np.uint8), **edge)
        gap |= (seams > 0) & (worn > 0) & (solid == 0) & (aside > NECK_CLEAR * frame.width)
    stair = np.zeros_like(gap)
    if arms is not None:
        # The arm is its skin: its soft outline beside the torso, of no colour skin can
        # have (a near-white pixel passes `skin_like` on pale skin), is the old top's edge
        # or the backdrop between them, in the arm's mask all the same; so are specks of
        # skin colour in that outline.
        lab = cv2.cvtColor(person.image[y0:y1, x0:x1], cv2.COLOR_RGB2LAB)
        skin = ((arms[y0:y1, x0:x1] > 0.5) & plausible_skin(lab)).view(np.uint8)
        arm = cv2.morphologyEx(skin, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))) > 0
        beside = cv2.morphologyEx(((solid > 0) | arm).view(np.uint8), cv2.MORPH_CLOSE, np.ones((1, strip), np.uint8))
        bridged = (beside > 0) & (solid == 0) & ~arm
        rim = person.mask[y0:y1, x0:x1] > ARM_GAP_MASK
        # Down a strip, not a run on a row or two: one row's stray arm pixel drew a thin
        # line of the garment out across the old top.
        beside_arm = _notches_closed(_runs_within(bridged, rim), bridged, frame) & (aside > NECK_CLEAR * frame.width)
        # Only on the body: a gap of the backdrop under the arm's soft outline closed
        # as well stood as a block of the garment past the arm.
        down, stair = _down_the_side(beside_arm, strip, _paler_than(lab, arm) & body, frame)
        gap |= down | stair
    if not gap.any():
        return None
    if outline:
        # Smoothed, the outline took off the staircase closed beside the arm again.
        gap &= _smoothed_outline(gap, solid, frame) | stair
    alpha = _faded_outline(gap, person.mask[y0:y1, x0:x1], solid)
    painted = _beside_laid(alpha, solid)
    # Each pixel painted takes the garment's colour as mirrored in the garment pixel
    # nearest it (labels number the garment's pixels in row order), so its weave or print
    # goes on across the gap; a copy of the nearest pixel alone would streak.
    _, labels = cv2.distanceTransformWithLabels(1 - solid, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL)
    if outline:
        # Mirrored from the garment's rim, the product photo's light flecks there went on
        # across the strip: a mottled, lumpy band round a dark tee's shoulders.
        colour = inner_colour(colour, cover, np.ones_like(cover))
    rows, cols = np.nonzero(solid)
    nearest = labels[painted] - 1
    gy, gx = np.nonzero(painted)
    my = np.clip(2 * rows[nearest] - gy, 0, solid.shape[0] - 1)
    mx = np.clip(2 * cols[nearest] - gx, 0, solid.shape[1] - 1)
    inside = solid[my, mx] > 0
    fill = colour.copy()
    fill[gy, gx] = np.where(inside[:, None], colour[my, mx], colour[rows[nearest], cols[nearest]])
    if outline:
        fill[gy, gx] = _plain_laid(fill[gy, gx], colour, solid, frame, (rows[nearest], cols[nearest]))
    return Layer(fill, alpha, x0, y0)


#: A strip's pixels this far (shoulder-joint distances) across their row from its part
#: that runs down the side (`_down_the_side`) are closed with it.
ARM_STAIR = 0.03


#: ...where they are pale: less coloured than the first share of the arm's skin (its
#: median chroma) and at least the second share of its lightness: the white old top or
#: the backdrop, not the arm's own edge the arm's mask left out (coloured), nor a dark
#: old top beside it (covered, it stood as a black step into the arm below a sleeve).
ARM_PALE = (0.5, 0.9)


def _paler_than(lab: NDArray[np.uint8], arm: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Where `lab` (OpenCV 8-bit) is pale beside the `arm`'s skin (`ARM_PALE`);
    nowhere without an arm."""
    if not arm.any():
        return np.zeros(arm.shape, bool)
    chroma = np.hypot(lab[:, :, 1].astype(np.float32) - 128, lab[:, :, 2].astype(np.float32) - 128)
    grey, light = ARM_PALE
    lightness = lab[:, :, 0]
    return (chroma < grey * float(np.median(chroma[arm]))) & (lightness >= light * float(np.median(lightness[arm])))


def _down_the_side(
    strip: NDArray[np.bool_], length: int, pale: NDArray[np.bool_], frame: Frame
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """The part of a `strip` between a top and the arm beside it that runs down the side
    (`length` rows at least, so one row's stray arm pixel draws no line of the garment
    out across the old top), and the staircase beside it: the `pale` pixels of the
    strip's rows within `ARM_STAIR` of it. Down a slanting arm's edge the strip's
    columns next to the arm are short, and cut off they left a staircase of the old top
    between the arm and the garment: pale slivers and notches down the tee's side."""
    down = cv2.morphologyEx(strip.view(np.uint8), cv2.MORPH_OPEN, np.ones((length, 1), np.uint8)) > 0
    reach = 2 * max(1, int(frame.width * ARM_STAIR)) + 1
    near = cv2.dilate(down.view(np.uint8), np.ones((1, reach), np.uint8)) > 0
    return down, near & strip & pale & ~down


#: The garment's shade (its colour blurred over its own pixels) is taken over this many
#: shoulder-joint distances (a Gaussian sigma)...
SHADE_SMOOTH = 0.03
#: ...and its cloth is plain where its fine detail there (each pixel's lightness off its
#: neighbours' within a 1.5 px Gaussian, 0..255, blurred as the shade) is under the first,
#: printed or woven over the second, part of each between. On the kit's sleeved tops at
#: the strip's edge (median, 90th percentile): the black tee 1.8, 3.7; the FILA tee 0.8,
#: 1.3; the floral blouse 2.1, 5.4; the pink polo's knit 17, 20.
PLAIN_DETAIL = (3.0, 8.0)


def _plain_laid(
    mirrored: NDArray[np.float32],
    colour: NDArray[np.float32],
    solid: NDArray[np.uint8],
    frame: Frame,
    nearest: tuple[NDArray[np.intp], NDArray[np.intp]],
) -> NDArray[np.float32]:
    """The colours a gaps layer lays beside a plain cloth: the garment's shade at the
    pixel of it nearest (`nearest`, per pixel laid), where its cloth is plain; the
    `mirrored` colours where it is printed or woven (see `PLAIN_DETAIL`).

    Mirrored across a shoulder's curved edge, a plain cloth's faint weave and washed
    mottle comes apart into a lacy, speckled patchwork: round a black tee's shoulders,
    a band a strip wide that read as a lumpy, puffed seam over the wall. A print keeps
    its mirror: in its shade alone a rim of it is a flat band (`checks.rim_flat`)."""
    sigma = max(1.0, SHADE_SMOOTH * frame.width)
    on = solid.astype(np.float32)
    grey = cv2.transform(colour, np.full((1, 3), 1 / 3, np.float32))
    fine = np.maximum(cv2.GaussianBlur(on, (0, 0), 1.5), 1e-3)
    detail = np.abs(grey - cv2.GaussianBlur(grey * on, (0, 0), 1.5) / fine) * on
    weighed = _wide_blur_at(cv2.merge([on, detail]), sigma, nearest)
    weight = np.maximum(weighed[:, 0], 1e-3)
    shade = _wide_blur_at(colour * on[:, :, None], sigma, nearest) / weight[:, None]
    printed = weighed[:, 1] / weight
    low, high = PLAIN_DETAIL
    keep = np.clip((printed - low) / (high - low), 0.0, 1.0)[:, None]
    return shade + keep * (mirrored - shade)


#: The shade's wide blur (`SHADE_SMOOTH`) is taken on the garment's box shrunk this many
#: times (area mean), with a sigma as many times smaller, where its sigma allows (1.5
#: times this or more): a Gaussian of some 6 px at basic is smooth at a third of the size, and
#: four of them over the whole box at full size were most of the strip's cost.
SHADE_SHRINK = 3


def _wide_blur_at(
    planes: NDArray[np.float32], sigma: float, at: tuple[NDArray[np.intp], NDArray[np.intp]]
) -> NDArray[np.float32]:
    """`planes` (rows × cols × 2-4 channels) blurred with a Gaussian of `sigma` px, read
    at the pixels `at` only (one row of channels per pixel). Shrunk by `SHADE_SHRINK`
    where `sigma` allows, and read between the small image's pixels (bilinear), so the
    shade does not step every `SHADE_SHRINK` pixels along the strip."""
    rows, cols = at
    shrink = SHADE_SHRINK if sigma >= 1.5 * SHADE_SHRINK else 1
    if shrink == 1:
        return np.asarray(cv2.GaussianBlur(planes, (0, 0), sigma)[rows, cols], dtype=np.float32)
    # Area means over shrink × shrink blocks, the last blocks padded by their edge pixels.
    height, width = planes.shape[:2]
    tall, wide = -(-height // shrink), -(-width // shrink)
    padded = cv2.copyMakeBorder(planes, 0, tall * shrink - height, 0, wide * shrink - width, cv2.BORDER_REPLICATE)
    small = cv2.resize(padded, (wide, tall), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), sigma / shrink)
    # Each full-size pixel's centre in the small image's pixel coordinates, read between
    # the four small pixels round it.
    y = np.clip((rows + 0.5) / shrink - 0.5, 0, tall - 1)
    x = np.clip((cols + 0.5) / shrink - 0.5, 0, wide - 1)
    y0, x0 = np.minimum(y.astype(np.intp), max(tall - 2, 0)), np.minimum(x.astype(np.intp), max(wide - 2, 0))
    y1, x1 = np.minimum(y0 + 1, tall - 1), np.minimum(x0 + 1, wide - 1)
    fy, fx = (y - y0).astype(np.float32)[:, None], (x - x0).astype(np.float32)[:, None]
    top = small[y0, x0] + fx * (small[y0, x1] - small[y0, x0])
    low = small[y1, x0] + fx * (small[y1, x1] - small[y1, x0])
    return np.asarray(top + fy * (low - top), dtype=np.float32)


#: How far (pixels) beside what a gaps layer lays its colour is worked out too: the
#: compositor softens and redraws each layer's edge (`composite.clean_edge`), which lays
#: the pinholes and notches in a soft, ragged alpha whole.
COLOUR_REACH = 4


def _beside_laid(alpha: NDArray[np.float32], solid: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """The pixels a gaps layer needs a colour for: what it lays (`alpha` over 0) and
    what lies within `COLOUR_REACH` of that, off the garment (`solid`). Coloured only
    where laid, the rest black, the compositor's redrawn edge closed the pinholes in the
    strip's faded outline with that black: dark specks and a frayed, burnt-looking rim
    along a red or pink tee's shoulders over a light wall."""
    side = 2 * COLOUR_REACH + 1
    near = cv2.dilate((alpha > 0).view(np.uint8), np.ones((side, side), np.uint8)) > 0
    return near & (solid == 0)


#: How many pixels beyond a gap the garment laid in it goes on over the person's soft
#: outline (person mask between `SLEEVE_FADE`'s low end and 0.5), fading as it does.
OUTLINE_FADE = 6


def _faded_outline(gap: NDArray[np.bool_], mask: NDArray[np.float32], solid: NDArray[np.uint8]) -> NDArray[np.float32]:
    """The alpha of what is laid in the gaps: whole in them, and on from them across the
    person's soft outline, fading with the person mask as a sleeve does (`_on_body`).

    Laid whole up to the mask's 0.5 line and nothing beyond, a strip down a sleeve's
    side (an old sleeve wider than the new one) cut the outline there pixel by pixel,
    row by row: a hard, stepped and stippled rim of the garment, with the old outline's
    half-transparent pixels beyond it as a second, fainter edge beside the arm."""
    low, high = SLEEVE_FADE
    alpha = gap.astype(np.float32)
    # Worked out in the box round the gaps and their reach only.
    found = bounds(gap, pad=OUTLINE_FADE + 1)
    if found is None:
        return alpha
    x0, y0, x1, y1 = found
    box = slice(y0, y1), slice(x0, x1)
    # Flood out from the gaps over the outline only, a pixel a step: a dilation as wide
    # would reach the outline of an arm across the backdrop.
    rim = ((mask[box] > low) & (mask[box] <= 0.5) & (solid[box] == 0)).view(np.uint8) * np.uint8(255)
    seed = gap[box].view(np.uint8) * np.uint8(255)
    grown = seed
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(OUTLINE_FADE):
        grown = cv2.bitwise_or(cv2.bitwise_and(cv2.dilate(grown, cross), rim), grown)
    ys, xs = np.nonzero(rim & grown & ~seed)
    alpha[ys + y0, xs + x0] = np.clip((mask[box][ys, xs] - low) / (high - low), 0, 1)
    return alpha


#: The outline the strips closed against the backdrop (`OUTLINE_STRIP`) draw is smoothed
#: over this many shoulder-joint distances (a Gaussian sigma).
OUTLINE_SMOOTH = 0.02


def _smoothed_outline(gap: NDArray[np.bool_], solid: NDArray[np.uint8], frame: Frame) -> NDArray[np.bool_]:
    """Where the gaps closed and the garment (`solid`) make a smooth outline: their union
    blurred and cut again at 0.5, which takes off its bumps.

    The strips between a top and the backdrop are closed up to the person's mask, whose
    0.5 line wobbles with the old garment's folds and the segmentation's noise: on the
    shoulders, against the backdrop, a dark tee's outline was a lumpy, bumpy curve."""
    sigma = max(1.0, OUTLINE_SMOOTH * frame.width)
    union = (gap | (solid > 0)).astype(np.float32)
    return cv2.GaussianBlur(union, (0, 0), sigma) > 0.5


#: Rows of a strip between a top and the arm beside it left open between closed rows
#: less than this share of the shoulder joints' distance apart are closed too.
ARM_NOTCH_SPAN = 0.3


def _notches_closed(closed: NDArray[np.bool_], runs: NDArray[np.bool_], frame: Frame) -> NDArray[np.bool_]:
    """`closed` (the rows of the strips between a top and an arm closed, see
    `_runs_within`) with the `runs` of the strips between closed rows fewer than
    `ARM_NOTCH_SPAN` apart closed as well. The person mask's faint slit of backdrop
    between an old tank's side and the arm breaks into blobs; the strip's rows across
    them were left open, and the new top's side had notches of backdrop beside the arm."""
    span = max(3, int(frame.width * ARM_NOTCH_SPAN)) | 1
    # Worked out round the strips only, with the closing's reach beside them.
    found = bounds(runs, pad=span // 2 + 1)
    if found is None:
        return closed
    x0, y0, x1, y1 = found
    box = slice(y0, y1), slice(x0, x1)
    between = cv2.morphologyEx(closed[box].view(np.uint8), cv2.MORPH_CLOSE, np.ones((span, 1), np.uint8)) > 0
    out = closed.copy()
    out[box] |= between & runs[box]
    return out


def _runs_within(runs: NDArray[np.bool_], within: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The runs of `runs` along each row that lie wholly `within`: a gap between the
    garment and an arm with the backdrop clear across part of it is a real gap, and
    closing its rows in part left grey blobs beside the arm."""
    flat = runs.ravel()
    starts = flat & ~np.concatenate(([False], flat[:-1]))
    starts[:: runs.shape[1]] = flat[:: runs.shape[1]]  # each row's first pixel starts a run
    label = np.cumsum(starts) * flat
    outside = np.bincount(label[flat & ~within.ravel()], minlength=int(label.max()) + 1) > 0
    return (flat & ~outside[label]).reshape(runs.shape)


def under_arms(layer: Layer | None, arms: NDArray[np.float32]) -> Layer | None:
    """The body panel behind the bare arms hanging beside it (`arms`, see
    `arms.bare_arms_beside`), as in a photo: a sleeveless top's sides and armholes go
    under the arms. Its sleeves still go over them."""
    if layer is None:
        return None
    over = arms[layer.slices]
    if not over.any():
        return layer
    return Layer(layer.colour, layer.alpha * (1 - over), layer.x, layer.y)


def layers_for(person: Person, garment: Garment) -> list[Layer]:
    """The garment's layers in drawing order (back to front)."""
    frame = torso_frame(person)
    if garment.category != SwapTarget.TOP:
        arms = bare_arms_beside(person, frame) if garment.category == SwapTarget.DRESS else None
        lower, k = _lower_layer(person, garment, frame, arms)
        if garment.category == SwapTarget.DRESS and covers_shoulders(garment):
            # A dress hangs from its neckline's row, level: beside a collar its panel
            # ended below the sloping shoulders, a wedge of the old top between the
            # collar and the sleeves' tops. It is lifted to them as a top's panel is.
            lower = lifted_to_shoulders(person, frame, lower)
        if arms is not None:
            lower = under_arms(lower, arms)
        sleeves = _sleeve_layers(person, garment, frame, _sleeve_scale(garment, frame, k))
        behind = [layer for layer, front in sleeves if not front]
        ahead = [layer for layer, front in sleeves if front]
        drawn = [layer for layer in (*behind, lower, *ahead) if layer is not None]
        # A dress's sleeves meet its bodice as a top's meet its panel: the slits between
        # them are closed, looked for above the hips only (below them no sleeve meets
        # the skirt). Only the slits: the strips beside its sides were filled with its
        # print's colours as loose blocks beside the arms.
        hips = int(max(person.pt(L_HIP)[1], person.pt(R_HIP)[1]))
        upper = [part for part in (rows_above(layer, hips) for layer in drawn) if part is not None]
        gaps = _seam_gaps(person, frame, upper, outline=False) if sleeves and upper else None
        return drawn if gaps is None else [gaps, *drawn]
    # Dresses take their width from the torso's length where the shoulders look narrow;
    # a top hangs from the shoulders, and cannot.
    if torso_share(person) < MIN_SHOULDER_SHARE:
        raise EngineError(
            "pose_not_supported",
            "the shoulders could not be found in the photo; send a front or three-quarter view with the head in the frame",
        )
    arms = bare_arms_beside(person, frame)
    torso, scale = _torso_layer(person, garment, frame, arms)
    torso = under_arms(lifted_to_shoulders(person, frame, torso) if covers_shoulders(garment) else torso, arms)
    sleeves = _sleeve_layers(person, garment, frame, scale)
    behind = [layer for layer, front in sleeves if not front]
    ahead = [layer for layer, front in sleeves if front]
    drawn = [layer for layer in (*behind, torso, *ahead) if layer is not None]
    gaps = _seam_gaps(person, frame, drawn, arms) if sleeves else None
    drawn = drawn if gaps is None else [gaps, *drawn]
    # Only a sleeved top's: a sleeveless shell's cap shoulders end on the shoulder, and
    # its print filled up to a smoothed outline there was drawn as streaks.
    return _roofed(person, frame, drawn) if sleeves and covers_shoulders(garment) else drawn


#: A sleeved top's outline over the shoulders is drawn smooth over this many shoulder-joint
#: distances (a Gaussian sigma of its union's blurred cover, cut again at 0.5)...
ROOF_SMOOTH = 0.04
#: ...from this far out from the torso's midline (shoulder-joint distances, ramped in
#: between the two): the neck opening inside stays the product's...
ROOF_NECK = (0.15, 0.25)
#: ...down to this far below the shoulder joints' line (ramped out between the two): the
#: sleeves' hems and the panel's sides below the armpits keep their own outline.
ROOF_DEPTH = (0.3, 0.45)
#: Over how many pixels the backing's smoothed outline fades out: the compositor softens
#: each layer's alpha only where it is not nil, so a backing cut over one pixel was drawn
#: as a hard, stepped rim over the backdrop (`checks.edge_cut` 0.11-0.22 on 20 tee
#: renders, over its limit on all)...
ROOF_RAMP = 10.0
#: The layers fade out over this many pixels inside the smoothed outline, onto the
#: backing: laid over its fall-off as well, their union stood whole a pixel beyond what
#: the compositor counts as covered, a hard rim again; ended in a step, the step between
#: their colours and the backing's read as a mottled band (`checks.rim_mottle`).
ROOF_FADE = 10.0
#: Off the body (person mask 0, less as it rises to 0.5) the backing's outline lies this
#: many pixels inside the smoothed cover's 0.5 line: the compositor's blur of its
#: fall-off moves it out again, and at the line itself the tee stood past the arms'
#: outline as wings (`checks.shoulder_wing`). On the body it is not moved: a strip of it
#: between the garment and the backdrop, or a slit under the arm, was left uncovered.
ROOF_SHIFT = 3.0


def _roofed(person: Person, frame: Frame, layers: list[Layer]) -> list[Layer]:
    """`layers` (a top's, back to front) with their outline over the shoulders one
    smooth curve: the union of their covers there blurred (`ROOF_SMOOTH`) and cut at
    0.5, on the person's silhouette. A backing laid under them fills it, in the
    garment's colour nearest, and draws its edge; the layers fade out onto it.

    Each layer's edge followed the person's soft outline on its own (the sleeves and the
    outline strip fade over the mask's rim, the panel is lifted to its 0.5 line), and
    over a bare shoulder that rim is the old straps' knobs and the segmentation's noise:
    the tee's top edge was a torn, knobbly line with caps standing up at the tips. Cloth
    runs smooth over a shoulder."""
    if not layers:
        return layers
    w, h = person.size
    x0 = max(0, min(layer.x for layer in layers))
    y0 = max(0, min(layer.y for layer in layers))
    x1 = min(w, max(layer.box[2] for layer in layers))
    low, high = ROOF_DEPTH
    y1 = min(h, max(layer.box[3] for layer in layers), int(frame.neck[1] + high * frame.width) + 1)
    if x1 <= x0 or y1 <= y0:
        return layers
    box = (x0, y0, x1, y1)
    cover = np.zeros((y1 - y0, x1 - x0), np.float32)
    colour = np.zeros((y1 - y0, x1 - x0, 3), np.float32)
    bare = np.ones((y1 - y0, x1 - x0), np.float32)  # how much of each pixel no layer covers
    for layer in layers:
        overlap = layer.within(box)
        if overlap is None:
            continue
        src, dst = overlap
        colour[dst] = laid_over(colour[dst], layer.colour[src], layer.alpha[src])
        bare[dst] *= 1 - layer.alpha[src]
        np.maximum(cover[dst], layer.alpha[src], out=cover[dst])
    # The layers' own colour, not darkened where they are partly laid.
    colour /= np.maximum(1 - bare, 1e-3)[:, :, None]
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    aside = np.abs((xx - frame.neck[0]) * frame.right[0] + (yy - frame.neck[1]) * frame.right[1]) / frame.width
    below = ((xx - frame.neck[0]) * frame.down[0] + (yy - frame.neck[1]) * frame.down[1]) / frame.width
    near, far = ROOF_NECK
    weight = np.clip((aside - near) / (far - near), 0, 1) * np.clip((high - below) / (high - low), 0, 1)
    zone = weight > 0
    if not zone.any():
        return layers
    sigma = max(1.0, ROOF_SMOOTH * frame.width)
    blurred = cv2.GaussianBlur(cover, (0, 0), sigma, borderType=cv2.BORDER_CONSTANT)
    level = weight * blurred + (1 - weight) * cover
    # The roof's cover: its 0.5 line faded over `ROOF_RAMP` pixels (the level's excess
    # over 0.5 divided by its slope), which the compositor draws crisp (`clean_edge`).
    slope = cv2.magnitude(
        cv2.Sobel(level, cv2.CV_32F, 1, 0, ksize=3, scale=0.125),
        cv2.Sobel(level, cv2.CV_32F, 0, 1, ksize=3, scale=0.125),
    )
    inside = (level - 0.5) / np.maximum(slope, 1e-3)  # pixels in from the roof's outline
    # Filled only on the person's silhouette (`SLEEVE_FADE`'s low end): where a hollow of
    # the outline lay off it (the bend between a shoulder's cap and the arm), the filled
    # cloth stood out past the arm as a wing.
    mask = person.mask[y0:y1, x0:x1]
    inside = np.where((mask <= SLEEVE_FADE[0]) & (cover <= 0.5), np.minimum(inside, 0), inside)
    # Whole a pixel inside the outline, a soft fall-off outside it.
    edge = inside - ROOF_SHIFT * np.clip(1 - 2 * mask, 0, 1)  # off the body only
    roof = np.where(zone, np.clip(0.5 + edge / np.where(edge < 0, ROOF_RAMP, 1.0), 0, 1), 0).astype(np.float32)
    # The layers fade out over `ROOF_FADE` pixels inside it, onto the backing.
    keep = np.where(zone, np.clip(edge / ROOF_FADE, 0, 1), 1).astype(np.float32)
    out = []
    for layer in layers:
        overlap = layer.within(box)
        if overlap is None:
            out.append(layer)
            continue
        src, dst = overlap
        alpha = layer.alpha.copy()
        alpha[src] *= keep[dst]
        out.append(Layer(layer.colour, alpha, layer.x, layer.y))
    backing = roof
    if not (backing > 0).any():
        return out
    core = (cover > 0.5).astype(np.uint8)
    if not core.any():
        return out
    # What the backing shows alone (its rim, where the layers were cut back, and beyond
    # them), and what lies within reach of it (`_beside_laid`), takes the garment's colour
    # mirrored across the nearest solid pixel (its own, on one), the product photo's
    # light flecks in the layers' rims taken from the cloth inside (`inner_colour`), as
    # the outline strip does (`_seam_gaps`).
    colour = inner_colour(colour, cover, np.ones_like(cover))
    _, labels = cv2.distanceTransformWithLabels(1 - core, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL)
    rows, cols = np.nonzero(core)
    gy, gx = np.nonzero(_beside_laid(backing, core) | ((backing > 0) & (keep < 1)))
    on = core[gy, gx] > 0
    nearest = labels[gy, gx] - 1
    ny, nx = np.where(on, gy, rows[nearest]), np.where(on, gx, cols[nearest])
    my = np.clip(2 * ny - gy, 0, core.shape[0] - 1)
    mx = np.clip(2 * nx - gx, 0, core.shape[1] - 1)
    mirrored = core[my, mx] > 0
    fill = colour.copy()
    fill[gy, gx] = np.where(mirrored[:, None], colour[my, mx], colour[ny, nx])
    # A plain cloth's rim in its shade: mirrored, its washed mottle was a speckled band.
    fill[gy, gx] = _plain_laid(fill[gy, gx], colour, core, frame, (ny, nx))
    return [Layer(fill, backing, x0, y0), *out]
