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

The strap is drawn as worn (`worn`): a band round the wrist's cylinder, its edges arcs
where the wrist is seen a little from above or below, its texture taken from the
product's own strap (stitching, ribs, grain: a flat median colour read as a painted slab,
issue 18 round 3), foreshortened and darker where it turns away at the wrist's outline.
"""

from __future__ import annotations

from dataclasses import dataclass

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
STRAP_WIDTH, STRAP_REACH = (0.45, 0.7), 0.75
#: How much darker the strap's long edges are than its middle: it is rounded and padded.
STRAP_EDGE_SHADE = 0.15
#: The strap's rows at the cut-out's ends whose run is within this share of their median
#: width are its texture: seen flat, not where it loops away.
FLAT_ROWS = 0.15
#: How much darker the strap is where it turns away at the wrist's outline (times 1 - cos
#: of its angle round the wrist), over what `place._strap_shade` darkens.
TURN_SHADE = 0.35
#: The texture is foreshortened out to this share of the wrist's radius (2.3 times), and
#: no further: its rows squeezed closer aliased into stripes across the strap.
SQUEEZE = 0.9
#: The drawn band's case is at most this wide (px): watches are drawn far smaller, and the
#: band is built anew for each render.
CASE_SIDE = 320


@dataclass(frozen=True)
class Strap:
    """What a watch's product photo gives its worn strap: the case as shot (cropped to it),
    the strap's texture (rows of the flat strap, resampled to its width) and the strap's width."""

    case_rgb: NDArray[np.uint8]
    case_alpha: NDArray[np.float32]
    texture: NDArray[np.uint8]
    texture_alpha: NDArray[np.float32]
    width: float


def case_and_strap(cut: Cutout) -> tuple[Cutout, tuple[int, int]] | None:
    """The watch redrawn with its strap running up and down out of the case's middle on
    both sides, seen square on (`worn` with no tilt, reaching `STRAP_REACH` case widths),
    and the case's width and height in it; None as `read`."""
    found = read(cut)
    if found is None:
        return None
    case_h, case_w = found.case_alpha.shape
    return worn(found, case_h / 2 + STRAP_REACH * case_w, 0.0, 1.0)


def read(cut: Cutout) -> Strap | None:
    """The case and the strap's texture; or None when the cut-out shows no strap of its own
    colour (a bracelet the case's colour, drawn as shot) or no case apart from it. `cut`
    has its strap running up and down (`place._strap_upright`). The answer is kept with
    the cut-out, which the engine keeps per product photo."""
    return memo.kept(cut, "case_and_strap", (cut.alpha,), lambda: _read(cut))


def _read(cut: Cutout) -> Strap | None:
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
    loose = float(np.clip(STRAP_SPREAD * float(np.median(distance[ends])), *STRAP_NEAR))
    # A greyish strap near the steel's and the dial's grey swallows the case at the loose
    # bound (the devset's mg05: brown leather of chroma 9); then it is read at the tight one.
    for near in dict.fromkeys((loose, STRAP_NEAR[0])):
        strapped = solid & (distance < near)
        case = _case(solid & ~strapped)
        if case is not None and CASE_AREA[0] <= case.sum() / solid.sum() <= CASE_AREA[1]:
            return _strap(cut, case, strapped, ends, ((rows[0], rows[0] + end), (rows[-1] + 1 - end, rows[-1] + 1)))
    return None


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


def _strap(
    cut: Cutout,
    case: NDArray[np.bool_],
    strapped: NDArray[np.bool_],
    ends: NDArray[np.bool_],
    spans: tuple[tuple[int, int], tuple[int, int]],
) -> Strap:
    """The case as shot and the strap's texture (`_flat_rows`) resampled to the drawn
    strap's width: its width where it is seen at the cut-out's ends (`strapped & ends`),
    held to `STRAP_WIDTH` of the case's (as wide as the lugs)."""
    ys, xs = np.nonzero(case)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    case_w = x1 - x0
    inside = cut.alpha[y0:y1, x0:x1] * cv2.GaussianBlur(case[y0:y1, x0:x1].astype(np.float32), (0, 0), 0.7)
    widths = (strapped & ends).sum(axis=1)
    seen = widths[widths > 0]
    measured = float(np.median(seen)) if len(seen) else case_w * STRAP_WIDTH[1]
    strap_w = float(np.clip(measured, STRAP_WIDTH[0] * case_w, STRAP_WIDTH[1] * case_w))
    case_rgb = cut.rgb[y0:y1, x0:x1].copy()
    found = _flat_rows(cut.alpha > 0.5, strapped, spans)
    if found is None:
        return Strap(case_rgb, inside, _plain(cut, strapped & ends, strap_w), np.ones((2, 2), np.float32), strap_w)
    flat, firsts, runs = found
    columns = max(2, round(strap_w))
    steps = (np.arange(columns, dtype=np.float32) + 0.5) / columns
    map_x = (firsts[:, None] + steps[None, :] * runs[:, None]).astype(np.float32)
    map_y = np.repeat(flat[:, None].astype(np.float32), columns, axis=1)
    texture = cv2.remap(cut.rgb, map_x, map_y, cv2.INTER_LINEAR)
    texture_alpha = cv2.remap(cut.alpha, map_x, map_y, cv2.INTER_LINEAR)
    # Each row brought to the rows' median light: the strap darkens where it loops away at
    # the photo's ends, and mirrored down the band those rows showed as dark stripes across it.
    means = texture.reshape(len(flat), -1).mean(axis=1).astype(np.float32)
    gain = np.clip(float(np.median(means)) / np.maximum(means, 1.0), 0.6, 1.6)
    texture = np.clip(texture * gain[:, None, None], 0, 255).astype(np.uint8)
    # The rows keep the product photo's scale along the strap, as its width was resampled.
    tall = max(2, round(len(flat) * columns / float(np.median(runs))))
    texture = cv2.resize(texture, (columns, tall), interpolation=cv2.INTER_AREA)
    texture_alpha = cv2.resize(texture_alpha, (columns, tall), interpolation=cv2.INTER_AREA)
    return Strap(case_rgb, inside, texture, texture_alpha, strap_w)


def _flat_rows(
    solid: NDArray[np.bool_], strapped: NDArray[np.bool_], spans: tuple[tuple[int, int], tuple[int, int]]
) -> tuple[NDArray[np.intp], NDArray[np.float32], NDArray[np.float32]] | None:
    """Where the strap is seen flat: at the cut-out's top or bottom end (`spans`), the
    rows of the end's largest piece (the strap, not a loop beside it) whose run is within
    `FLAT_ROWS` of the piece's median, stitching and holes inside kept; of the two ends,
    the one with more such rows of the strap's own colour (not a buckle). Each row's index,
    first column and run; None when neither end has two."""
    best: tuple[float, tuple[NDArray[np.intp], NDArray[np.float32], NDArray[np.float32]]] | None = None
    for top, bottom in spans:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(solid[top:bottom].astype(np.uint8), 8)
        if count < 2:
            continue
        piece = labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        held = np.nonzero(piece.any(axis=1))[0]
        firsts = np.argmax(piece, axis=1)[held]
        runs = (piece.shape[1] - np.argmax(piece[:, ::-1], axis=1)[held] - firsts).astype(np.float32)
        middle = float(np.median(runs))
        keep = np.abs(runs - middle) <= FLAT_ROWS * middle
        if keep.sum() < 2:
            continue
        own = float((strapped[top:bottom][held[keep]] & piece[held[keep]]).sum() / max(runs[keep].sum(), 1.0))
        score = own * float(keep.sum())
        if best is None or score > best[0]:
            best = (score, (held[keep] + top, firsts[keep].astype(np.float32), runs[keep]))
    return None if best is None else best[1]


def _plain(cut: Cutout, strapped: NDArray[np.bool_], strap_w: float) -> NDArray[np.uint8]:
    """A texture of the strap's median colour, where no row of it is seen flat."""
    pixels = cut.rgb[strapped] if strapped.any() else cut.rgb.reshape(-1, 3)
    colour = np.median(pixels, axis=0).astype(np.uint8)
    return np.broadcast_to(colour, (2, max(2, round(strap_w)), 3)).copy()


def worn(found: Strap, radius: float, tilt: float, fine: float | None = None) -> tuple[Cutout, tuple[int, int]]:
    """The case on a strap wrapped round a wrist of `radius` (cut-out px) seen `tilt` (the
    sine of the angle) from above the band's plane (+: the strap's ends turn towards +x,
    up the forearm as `place.watch` lays it), and the case's width and height in it. The
    band is drawn at `fine` of the product photo's scale (by default small enough that the
    case is at most `CASE_SIDE` wide): each row at height u round the wrist shows the
    texture at the arc length R·asin(u/R) (foreshortened towards the outline), shifted
    along x by R·tilt·(cos θ_case − cos θ) (its edges arcs) and darker by `TURN_SHADE`."""
    case_h0, case_w0 = found.case_alpha.shape
    fine = min(1.0, CASE_SIDE / case_w0) if fine is None else fine
    case_w, case_h = max(2, round(case_w0 * fine)), max(2, round(case_h0 * fine))
    r = max(radius * fine, case_h / 2 + 1.0)
    strap_w = found.width * fine
    slack = int(np.ceil(r * abs(tilt))) + 1
    h, w = int(np.ceil(2 * r)) + 2, case_w + 2 * slack
    y = np.arange(h, dtype=np.float32) + 0.5 - h / 2
    theta = np.arcsin(np.clip(y / r, -1, 1))
    edge = float(np.arcsin(min(case_h / 2 / r, 1.0)))
    shift = np.where(np.abs(theta) > edge, r * tilt * (np.cos(edge) - np.cos(theta)), 0.0).astype(np.float32)
    tex_h, tex_w = found.texture.shape[:2]
    per_px = tex_w / max(strap_w, 1.0)
    # Along the band: the arc length from the case's middle, mirrored where the texture ends.
    # Foreshortened past `SQUEEZE` of the radius the texture's rows alias into stripes.
    v = np.abs(r * np.arcsin(np.clip(y / r, -SQUEEZE, SQUEEZE))) * per_px
    v = np.mod(v, 2 * tex_h)
    v = np.where(v >= tex_h, 2 * tex_h - 1 - v, v).astype(np.float32)
    x = np.arange(w, dtype=np.float32) + 0.5 - w / 2
    u = (x[None, :] - shift[:, None]) / max(strap_w, 1.0)
    map_x = ((u + 0.5) * tex_w - 0.5).astype(np.float32)
    map_y = np.broadcast_to(v[:, None], (h, w)).astype(np.float32)
    rgb = cv2.remap(found.texture, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    ta = found.texture_alpha
    inner = cv2.remap(
        ta if ta.shape[:2] == (tex_h, tex_w) else np.ones((tex_h, tex_w), np.float32),
        map_x,
        map_y,
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    band = np.clip(strap_w / 2 - np.abs(u * strap_w) + 0.5, 0, 1) * inner
    shade = (1 - STRAP_EDGE_SHADE * np.clip(np.abs(2 * u), 0, 1) ** 2) * (1 - TURN_SHADE * (1 - np.cos(theta)))[:, None]
    rgb = np.clip(rgb.astype(np.float32) * shade[..., None], 0, 255).astype(np.uint8)
    alpha = band.astype(np.float32)
    # The case over it, with its own soft edge, in the middle.
    case_rgb = cv2.resize(found.case_rgb, (case_w, case_h), interpolation=cv2.INTER_AREA)
    inside = cv2.resize(found.case_alpha, (case_w, case_h), interpolation=cv2.INTER_AREA)
    top, left = (h - case_h) // 2, slack
    part = (slice(top, top + case_h), slice(left, left + case_w))
    rgb[part] = (case_rgb * inside[..., None] + rgb[part] * (1 - inside[..., None])).astype(np.uint8)
    alpha[part] = np.maximum(alpha[part], inside)
    return Cutout(rgb, alpha, [], 0.0), (case_w, case_h)
