"""Cutting an accessory out of its product photo, see-through holes kept.

Unlike a garment, an accessory has holes that must stay open: the lenses of glasses, the
loop of a strap, the handle of a bag, the inside of a necklace. So the mask is GrabCut
seeded from the colour distance to the border (the background), with no hole filling;
only holes that do not look like the background are closed (a white watch face on white
is solid, seen through the middle of the object, not through a strap).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.base import EngineError
from fitroom.engines.classic import models

WORK_SIDE = 320
GRABCUT_SEED = 12345
NO_PLAIN_BACKGROUND = (
    "the accessory photo has no plain background (a worn or lifestyle photo); "
    "send a product photo on a plain background"
)


@dataclass
class Cutout:
    """The accessory cropped to its bounding box: RGB, alpha 0..1, and its parts."""

    rgb: NDArray[np.uint8]
    alpha: NDArray[np.float32]
    parts: list[tuple[int, int, int, int]]  # boxes (x0, y0, x1, y1) of the big separate pieces
    holes: float  # share of the outline's area that is see-through

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.alpha.shape[0] / max(1, self.alpha.shape[1])


def _background(lab: NDArray[np.float32]) -> tuple[NDArray[np.float32], float]:
    """The background's colour at every pixel and how much the border strays from it.

    Studio backdrops are often a gradient (lit from one side, darker at the floor), so
    the colour is a quadratic surface fitted to the border pixels, not one median."""
    h, w = lab.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    edge = np.zeros((h, w), bool)
    edge[:2], edge[-2:], edge[:, :2], edge[:, -2:] = True, True, True, True

    def terms(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = x / w - 0.5, y / h - 0.5
        return np.stack([np.ones_like(x), x, y, x * y, x * x, y * y], axis=-1)

    samples = lab[edge]
    design = terms(xs[edge].astype(np.float64), ys[edge].astype(np.float64))
    coef, *_ = np.linalg.lstsq(design, samples, rcond=None)
    # Refit without the border pixels the object itself touches (a shoe cut by the frame).
    residual = np.linalg.norm(samples - design @ coef, axis=1)
    inliers = residual <= max(float(np.percentile(residual, 80)), 1.0)
    coef, *_ = np.linalg.lstsq(design[inliers], samples[inliers], rcond=None)
    residual = np.linalg.norm(samples - design @ coef, axis=1)
    colour = (terms(xs.astype(np.float64), ys.astype(np.float64)) @ coef).astype(np.float32)
    return colour, float(np.percentile(residual, 75))


def _seeded_grabcut(
    small: NDArray[np.uint8], markers: NDArray[np.uint8], bgd: NDArray[np.float64], fgd: NDArray[np.float64]
) -> None:
    """GrabCut from a fixed seed: its colour models start from k-means on OpenCV's
    per-thread random generator, so without a seed the same product photo was cut
    differently depending on which photos the worker had cut before."""
    cv2.setRNGSeed(GRABCUT_SEED)
    cv2.grabCut(small, markers, None, bgd, fgd, 2, cv2.GC_INIT_WITH_MASK)


def _parts(mask: NDArray[np.uint8]) -> list[tuple[int, int, int, int]]:
    """Boxes of the pieces at least a quarter as big as the biggest (two earrings, two shoes)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
    if count <= 1:
        return []
    areas = stats[1:, cv2.CC_STAT_AREA]
    boxes = []
    for i, area in enumerate(areas):
        if area >= 0.25 * areas.max():
            x, y, w, h = stats[i + 1, :4]
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return sorted(boxes)


def separate_items(alpha: NDArray[np.float32]) -> int:
    """How many separate pieces of comparable size the cut-out holds (each at least
    0.4 of the biggest): one hat, a pair of shoes or earrings, or a pile of several."""
    solid = (alpha > 0.5).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(solid, 8)
    if count <= 1:
        return 0
    areas = stats[1:, cv2.CC_STAT_AREA]
    return int((areas >= 0.4 * areas.max()).sum())


#: A pinch at least this deep (of the outline's longer side) on both sides of the
#: outline's middle is where one item lies across another (a pair of shoes in an X).
CROSSING_DEPTH = 0.15
#: ... with the middle of the two pinches at most this far (of the longer side) from the
#: outline's centre: a strappy sandal's arch and open side are deep but off the middle.
CROSSING_CENTRE = 0.1


def crossed_items(alpha: NDArray[np.float32]) -> bool:
    """Whether the one piece cut out is two items lying across each other (a pair of shoes
    crossed in an X): its outline is pinched deeply from both sides at its middle. Such a
    cut-out is neither item; warped onto a foot it stays an X."""
    solid = (alpha > 0.5).astype(np.uint8)
    scale = min(1.0, WORK_SIDE / max(solid.shape))
    small = cv2.resize(solid, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    contours, _ = cv2.findContours(small, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return False
    outline = max(contours, key=cv2.contourArea)
    moments = cv2.moments(outline)
    if len(outline) < 5 or moments["m00"] <= 0:
        return False
    defects = cv2.convexityDefects(outline, cv2.convexHull(outline, returnPoints=False))
    if defects is None or len(defects) < 2:
        return False
    deepest = defects[np.argsort(-defects[:, 0, 3]), 0][:2]
    size = max(cv2.boundingRect(outline)[2:])
    pinches = outline[deepest[:, 2], 0].astype(np.float64)
    centre = np.array([moments["m10"], moments["m01"]]) / moments["m00"]
    deep = bool((deepest[:, 3] / 256 >= CROSSING_DEPTH * size).all())
    return deep and float(np.linalg.norm(pinches.mean(axis=0) - centre)) <= CROSSING_CENTRE * size


def _decontaminate(rgb: NDArray[np.uint8], alpha: NDArray[np.float32]) -> NDArray[np.uint8]:
    """Edge pixels are part background: give them the colour of the solid object next to
    them, or a light halo of the old backdrop rings the accessory on the person."""
    solid = (alpha > 0.97).astype(np.float32)
    sigma = max(1.5, max(alpha.shape) / 300)
    weight = cv2.GaussianBlur(solid, (0, 0), sigma)
    spread = cv2.GaussianBlur(rgb.astype(np.float32) * solid[..., None], (0, 0), sigma)
    inner = spread / np.maximum(weight, 1e-4)[..., None]
    edge = ((alpha < 0.97) & (weight > 0.02))[..., None]
    return np.where(edge, np.clip(inner, 0, 255), rgb).astype(np.uint8)


def _tighten_edge(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], colour: NDArray[np.float32], spread: float
) -> NDArray[np.float32]:
    """The outline found on the reduced copy, enlarged, reaches a few pixels past the item
    (a pale rim of backdrop under a black cap's brim): along the edge, pixels coloured
    like the backdrop at full size are dropped. Inside, holes are already decided."""
    h, w = alpha.shape
    solid = (alpha > 0.5).astype(np.uint8)
    reach = max(2, round(max(h, w) / WORK_SIDE * 1.5))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    edge = (alpha > 0) & (cv2.erode(solid, kernel) == 0)
    if not edge.any():
        return alpha
    backdrop = cv2.resize(colour, (w, h), interpolation=cv2.INTER_LINEAR)
    # Only the edge's pixels are converted: the same colours, without the whole photo's.
    lab = cv2.cvtColor(rgb[edge][:, None, :], cv2.COLOR_RGB2LAB).astype(np.float32)[:, 0]
    distance = np.linalg.norm(lab - backdrop[edge], axis=1) - spread
    tightened = alpha.copy()
    tightened[edge] = alpha[edge] * np.clip((distance - 4) / 12, 0, 1)
    return cv2.GaussianBlur(tightened, (0, 0), 0.6)


#: The most the border's colour may stray from a smooth backdrop for it to count as plain.
PLAIN_SPREAD = 18.0
#: The band round the photo taken as backdrop when its colour cannot be fitted (share of its side).
FRAME_BAND = 0.04
CUT_OFF = "the accessory is cut off by the edge of its photo; send a photo that shows all of it"
#: Distance from the backdrop's colour (weighted Lab, less the border's spread) above
#: which a pixel is surely the item: GrabCut's sure-foreground seed.
SURE_ITEM = 30.0
#: Floor-like pixels (a cast shadow, a reflection) are darker than the backdrop, by less
#: than this, and differ from it in lightness more than in hue.
FLOOR_DISTANCE, FLOOR_HUE = 25.0, 9.0
#: A reflection's difference from the backdrop is this share of its mirror's (a floor
#: reflects part of the light), and fits it within `MIRROR_MISFIT` of its own energy.
MIRROR_FAINT = (0.1, 0.85)
MIRROR_MISFIT = 0.25
#: Distance from the backdrop's colour above which a pixel joined to the item is the
#: item even where GrabCut gave it to the backdrop (GrabCut's own "probably backdrop" seed is 4).
PALE_ITEM = 5.0


def _without_floor(
    mask: NDArray[np.uint8], lab: NDArray[np.float32], colour: NDArray[np.float32], distance: NDArray[np.float32]
) -> NDArray[np.uint8]:
    """The mask less the floor under the item: a cast shadow or a mirror reflection is
    the backdrop's own hue, darker or fainter, and lies below the item's lowest solid
    pixel in its column. GrabCut keeps both (a white sneaker's reflection is the white
    of the sneaker), and on the person they become blobs of the product photo's floor."""
    hue = np.linalg.norm(lab[..., 1:] - colour[..., 1:], axis=2)
    # Darker than the backdrop: a white sole on a white backdrop is the item, not its shadow.
    darker = lab[..., 0] < colour[..., 0] - 2
    faint = (mask > 0) & (distance < FLOOR_DISTANCE) & (hue < FLOOR_HUE)
    floor = faint & darker
    # Only what stands out from the backdrop marks where the item ends: a faint pixel
    # barely lighter than it (the soft rim of a shadow) is not the item's sole.
    solid = (mask > 0) & ~faint
    rows = np.arange(mask.shape[0])[:, None]
    has_solid = solid.any(axis=0)
    lowest = np.where(has_solid, mask.shape[0] - 1 - np.argmax(solid[::-1], axis=0), -1)
    ys = np.nonzero(solid.any(axis=1))[0]
    if len(ys) == 0:
        return mask
    # Columns with nothing solid (a shadow reaching past the toe) lose their floor below
    # the item's middle; columns with solid pixels lose what is below the lowest of them.
    middle = (ys.min() + ys.max()) // 2
    below = np.where(has_solid[None, :], rows > lowest[None, :], rows > middle)
    return np.where(floor & below, 0, mask).astype(np.uint8)


def _pale_item_kept(mask: NDArray[np.uint8], distance: NDArray[np.float32]) -> NDArray[np.uint8]:
    """The mask with the pixels that stand out from the backdrop (`PALE_ITEM` and more)
    and join what GrabCut kept put back. GrabCut's backdrop model learns white and the
    floor's greys, so on a white backdrop it gave the canvas of a white sneaker to the
    backdrop: the toe box and collar went, leaving a flat shoe of sole and laces. An arch
    or an open sandal shows the backdrop itself and stays open; a shadow or reflection so
    joined is the floor's, taken off after."""
    count, labels = cv2.connectedComponents((distance > PALE_ITEM).astype(np.uint8), connectivity=8)
    if count < 2:
        return mask
    joined = np.unique(labels[mask > 0])
    return np.where(np.isin(labels, joined[joined > 0]), 255, mask).astype(np.uint8)


def _without_reflection(
    mask: NDArray[np.uint8], lab: NDArray[np.float32], colour: NDArray[np.float32]
) -> NDArray[np.uint8]:
    """The mask less a mirror reflection under the item: the rows below a line that
    repeat the rows above it, upside down and fainter (`MIRROR_FAINT`), each pixel's
    difference from the backdrop a fraction of its mirror's. On a dark floor a white
    shoe's reflection is lighter than the floor, so the floor test (darker, faint) kept
    it and the shoe went on the foot standing on its own image, twice as tall."""
    rows = np.nonzero((mask > 0).any(axis=1))[0]
    if len(rows) < 20:
        return mask
    top, bottom = int(rows.min()), int(rows.max())
    height = bottom - top + 1
    off = (lab - colour).reshape(mask.shape[0], -1)
    solid = mask > 0
    # Lighter than the floor: a reflection darker than its backdrop is the floor test's,
    # and on a white backdrop every lower half of a shoe is "darker".
    lower = solid.copy()
    lower[: top + 2 * height // 3] = False
    if not lower.any() or float((lab[..., 0] - colour[..., 0])[lower].mean()) <= 0:
        return mask
    best: tuple[float, int] | None = None
    for line in range(top + height // 3, bottom - max(2, height // 10) + 1):
        depth = min(bottom - line, line - top)
        below = off[line + 1 : line + 1 + depth].reshape(depth, mask.shape[1], 3)
        above = off[line - depth + 1 : line + 1][::-1].reshape(depth, mask.shape[1], 3)
        inside = solid[line + 1 : line + 1 + depth] & solid[line - depth + 1 : line + 1][::-1]
        if inside.sum() < 0.05 * solid.sum():
            continue
        a, b = above[inside], below[inside]
        if float(b[:, 0].mean()) <= 0:
            continue
        share = float((a * b).sum() / max(float((a * a).sum()), 1e-6))
        misfit = float(((b - share * a) ** 2).sum() / max(float((b * b).sum()), 1e-6))
        # Upside down it must fit far better than the same rows shifted down: an evenly
        # coloured shoe's lower half looks like its upper half either way.
        shifted = off[line - depth + 1 : line + 1].reshape(depth, mask.shape[1], 3)
        same = inside & solid[line - depth + 1 : line + 1]
        c, d = shifted[same], below[same]
        k = float((c * d).sum() / max(float((c * c).sum()), 1e-6))
        plain = float(((d - k * c) ** 2).sum() / max(float((d * d).sum()), 1e-6))
        if MIRROR_FAINT[0] <= share <= MIRROR_FAINT[1] and misfit < 0.5 * plain and (best is None or misfit < best[0]):
            best = (misfit, line)
    if best is None or best[0] > MIRROR_MISFIT:
        return mask
    kept = mask.copy()
    kept[best[1] + 1 :] = 0
    return kept


#: A strand thinner than this share of the item's size (the square root of its area,
#: holes filled) is not the item's solid body: a loose lace, a shadow line on the floor.
STRAND_WIDTH = 0.05
#: How far (same share) a strand may run on from the solid body and still be kept: the
#: lace's knot and a short end at the eyelets, not the lace hanging on out into the air.
STRAND_REACH = 0.05


def _without_strands(mask: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """The mask less the thin strands that leave the item's solid body. A shoe shot with
    its laces loose kept them whole, and on the person they were drawn as lines out into
    the air round the feet (and made the shoe itself smaller, the laces widening its box).
    The body is the mask with its holes filled, opened with a kernel `STRAND_WIDTH` of its
    size: a sandal's straps round the foot's opening enclose it and stay."""
    outline = np.zeros_like(mask)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(outline, contours, -1, 255, -1)
    size = float(np.sqrt((outline > 0).sum()))
    width = max(3, round(STRAND_WIDTH * size) | 1)
    body = cv2.morphologyEx(outline, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width)))
    if not body.any():
        return mask
    reach = max(1, round(STRAND_REACH * size))
    near = cv2.dilate(body, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1)))
    return np.where(near > 0, mask, 0).astype(np.uint8)


def _backdrop_markers(distance: NDArray[np.float32]) -> NDArray[np.uint8]:
    """GrabCut's seeds from the distance to the backdrop's colour: far is the item."""
    markers = np.full(distance.shape, cv2.GC_BGD, np.uint8)
    markers[distance > 4] = cv2.GC_PR_BGD
    markers[distance > 10] = cv2.GC_PR_FGD
    markers[distance > SURE_ITEM] = cv2.GC_FGD
    markers[:1, :] = markers[-1:, :] = cv2.GC_BGD
    markers[:, :1] = markers[:, -1:] = cv2.GC_BGD
    return markers


def _framed_markers(shape: tuple[int, ...], band: int) -> NDArray[np.uint8]:
    """GrabCut's seeds when the backdrop's colour cannot be fitted: a band round the
    photo is backdrop, everything inside it may be the item."""
    markers = np.full(shape[:2], cv2.GC_PR_FGD, np.uint8)
    markers[:band, :] = markers[-band:, :] = cv2.GC_BGD
    markers[:, :band] = markers[:, -band:] = cv2.GC_BGD
    return markers


def _item_mask(
    small: NDArray[np.uint8],
    markers: NDArray[np.uint8],
    lab: NDArray[np.float32],
    colour: NDArray[np.float32],
    distance: NDArray[np.float32],
    floor: bool,
    framed: bool = False,
) -> NDArray[np.uint8]:
    """The item's mask (0/255) from GrabCut's seeds, less specks and, with `floor`, less
    the floor under it; refused when nothing is left."""
    if not ((markers == cv2.GC_FGD) | (markers == cv2.GC_PR_FGD)).any():
        raise EngineError("garment_not_found", "no accessory could be told apart from the background of its photo")
    # Backdrop seeds with no sure-item pixel are kept as they are; framed seeds have none by design.
    if ((markers == cv2.GC_FGD).any() or framed) and (markers == cv2.GC_BGD).any():
        bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
        try:
            _seeded_grabcut(small, markers, bgd, fgd)
        except cv2.error as exc:
            raise EngineError("garment_not_found", "the accessory could not be cut out of its photo") from exc
    mask = np.where((markers == cv2.GC_FGD) | (markers == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    if floor and not framed:
        mask = _pale_item_kept(mask, distance)
    if floor:
        mask = _without_strands(_without_reflection(_without_floor(mask, lab, colour, distance), lab, colour))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
    if count <= 1:
        raise EngineError("garment_not_found", "no accessory was found in its photo")
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = 1 + np.nonzero(areas >= max(0.04 * areas.max(), 6))[0]
    mask = np.isin(labels, keep).astype(np.uint8) * 255
    if mask.sum() < 0.003 * mask.size * 255:
        raise EngineError("garment_not_found", "no accessory was found in its photo")
    return mask


#: With strands allowed, each run of the item along an edge narrower than this share
#: of the edge is a strand or chain leaving the photo, not the item cut off.
STRAND_RUN = 0.15
#: A hat cut from a photo of someone wearing it is turned level when its lower edge
#: (the band where it met the head) slants by more than this many degrees: shot on a
#: head turned or tilted, placed as shot the band crossed the forehead diagonally, down
#: over one brow or eye. The devset's back-view pompom beanie slants 3 degrees (its
#: curved edge read as a line), the side-view slouchy one 21.
WORN_HAT_SLANT = 6.0
#: Edge columns further above the line fitted through the band than this share of the
#: hat's width are its sides rising (a slouch hanging past the band), not the band.
BAND_FIT_OFF = 0.03
#: The most a levelled worn hat's column is stretched down to the band, as a share of
#: its width: the band's near end rising round the head is brought down, the hat's far
#: rounded sides are not.
BAND_MOST_STRETCH = 0.15
#: A worn hat's cut-out is levelled at most this many pixels on its longer side.
LEVELLED_SIDE = 600


def _cut_by(edge: NDArray[np.bool_], strands: bool) -> bool:
    """Whether the item is cut off along this line of the photo's edge: more than a
    fifth of it covered, unless `strands` and every covered run is a thin strand."""
    if float(edge.mean()) <= 0.2:
        return False
    if not strands:
        return True
    bounds = np.flatnonzero(np.diff(np.concatenate([[0], edge.astype(np.int8), [0]])))
    runs = bounds[1::2] - bounds[::2]
    return bool(runs.max() > STRAND_RUN * len(edge))


def _cut_off(mask: NDArray[np.uint8], inset: int, strands: bool = False) -> bool:
    """Whether the item runs into the photo's edge: past the frame GrabCut was told is
    background (`inset` pixels in), an item cut by the edge cannot be put on whole."""
    edges = (mask[inset], mask[-inset - 1], mask[:, inset], mask[:, -inset - 1])
    return any(_cut_by(edge > 0, strands) for edge in edges)


#: Within a tinted item's outline (glasses) the alpha rises from 0 at this distance from
#: the backdrop's colour to 1 over `LENS_RAMP`: a gradient lens keeps its gradient down
#: to clear glass (JPEG's noise on a clear lens stays under it).
LENS_CLEAR, LENS_RAMP = 4.0, 60.0


def cut_accessory(
    rgb: NDArray[np.uint8],
    *,
    solid_centre: bool = False,
    tinted: bool = False,
    whole: bool = True,
    floor: bool = False,
    strands: bool = False,
) -> Cutout:
    """Cut the accessory out; `solid_centre` closes any hole in the middle third (a watch
    face); `tinted` makes the alpha follow the colour's distance from the backdrop inside
    the outline, so sunglass lenses stay see-through in proportion to their tint; `whole`
    refuses a photo that cuts the item off at its edge (a watch strap may run off it:
    only the part over the wrist is used); `floor` drops what lies on the floor under the
    item (its shadow, its reflection): shoes; with `strands`, thin strands may leave the
    photo (a necklace on a bust, its chains running on behind the neck)."""
    h, w = rgb.shape[:2]
    scale = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    colour, spread = _background(lab)
    if spread > PLAIN_SPREAD:
        raise EngineError("garment_not_found", NO_PLAIN_BACKGROUND)
    distance = (np.linalg.norm(lab - colour, axis=2) - spread).astype(np.float32)
    mask = _item_mask(small, _backdrop_markers(distance), lab, colour, distance, floor)
    if whole and _cut_off(mask, 2, strands):
        if not floor:
            raise EngineError("garment_not_found", CUT_OFF)
        # A shoe on an unevenly lit backdrop (vignetting, a spot of light): the fitted
        # backdrop leaves its dark corners as "item" running into the edge, so GrabCut
        # learns the backdrop from a band round the photo instead.
        band = max(3, round(FRAME_BAND * min(distance.shape)))
        mask = _item_mask(small, _framed_markers(distance.shape, band), lab, colour, distance, floor, framed=True)
        if _cut_off(mask, band + 1):
            raise EngineError("garment_not_found", CUT_OFF)
    outline = np.zeros_like(mask)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(outline, contours, -1, 255, -1)
    hole_labels = cv2.connectedComponentsWithStats(((outline > 0) & (mask == 0)).astype(np.uint8), 8)
    sh, sw = mask.shape
    for i in range(1, hole_labels[0]):
        x, y, bw, bh, area = hole_labels[2][i]
        inside = hole_labels[1] == i
        looks_like_background = float(np.median(distance[inside])) < 12
        centred = solid_centre and abs(x + bw / 2 - sw / 2) < sw / 6 and abs(y + bh / 2 - sh / 2) < sh / 6
        # Tiny gaps (between chain links, under a buckle) are closed; real see-through holes stay.
        if not looks_like_background or centred or area < 0.002 * sh * sw:
            mask[inside] = 255
    holes = float(((outline > 0) & (mask == 0)).sum() / max(1, (outline > 0).sum()))
    small_alpha = mask.astype(np.float32) / 255
    if tinted:
        inside = cv2.dilate(outline, np.ones((3, 3), np.uint8)) > 0
        within = cv2.erode(outline, np.ones((5, 5), np.uint8)) > 0
        # Faint greys (the frame's reflection on the table, hinges seen edge-on) drop out
        # at the outline's edge; within it a gradient lens fades gently to clear, so its
        # nearly clear part is not cut off along a ragged line.
        edge = np.clip((distance - 12) / 36, 0, 1)
        lens = np.clip((distance - LENS_CLEAR) / LENS_RAMP, 0, 1)
        small_alpha = np.where(within, lens, np.where(inside, edge, 0)).astype(np.float32)
    big = cv2.resize(small_alpha, (w, h), interpolation=cv2.INTER_LINEAR)
    alpha = np.clip(cv2.GaussianBlur(big, (0, 0), max(0.7, 0.5 / scale)), 0, 1)
    # A little inside the outline: its outermost pixel is mostly backdrop.
    alpha = np.clip((alpha - 0.15) / 0.85, 0, 1)
    if not tinted and scale < 1:
        alpha = _tighten_edge(rgb, alpha, colour, spread)
    ys, xs = np.nonzero(alpha > 0.05)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    parts = [
        (round(a / scale) - x0, round(b / scale) - y0, round(c / scale) - x0, round(d / scale) - y0)
        for a, b, c, d in _parts(mask)
    ]
    crop = np.ascontiguousarray(rgb[y0:y1, x0:x1])
    alpha = np.ascontiguousarray(alpha[y0:y1, x0:x1])
    return Cutout(_decontaminate(crop, alpha), alpha, parts, holes)


def person_mask(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
    """Mediapipe's selfie segmentation: how much each pixel is a person (0..1)."""
    mask = models.selfie_segmenter().process(np.ascontiguousarray(rgb)).segmentation_mask  # type: ignore[attr-defined]
    return np.ascontiguousarray(mask, dtype=np.float32)


def cut_worn_hat(rgb: NDArray[np.uint8]) -> Cutout:
    """A hat photographed on someone's head (a lifestyle shot): the person is found with
    mediapipe's selfie segmentation; the hat is the top of the person, told apart from the
    hair and clothes below it by GrabCut seeded from the crown down."""
    h, w = rgb.shape[:2]
    scale = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    person = (person_mask(small) > 0.5).astype(np.uint8)
    ys = np.nonzero(person.any(axis=1))[0]
    if len(ys) == 0 or person.mean() < 0.03:
        raise EngineError("garment_not_found", NO_PLAIN_BACKGROUND)
    top = int(ys.min())
    height = small.shape[0] - top
    rows = np.arange(small.shape[0])[:, None]
    markers = np.full(person.shape, cv2.GC_BGD, np.uint8)
    markers[person > 0] = cv2.GC_PR_BGD
    markers[(person > 0) & (rows < top + 0.4 * height)] = cv2.GC_PR_FGD
    markers[(person > 0) & (rows < top + 0.12 * height)] = cv2.GC_FGD
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    try:
        _seeded_grabcut(small, markers, bgd, fgd)
    except cv2.error as exc:
        raise EngineError("garment_not_found", NO_PLAIN_BACKGROUND) from exc
    hat = ((markers == cv2.GC_FGD) | (markers == cv2.GC_PR_FGD)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(hat, 8)
    if count <= 1:
        raise EngineError("garment_not_found", NO_PLAIN_BACKGROUND)
    hat = (labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8) * 255
    hat = cv2.morphologyEx(hat, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    big = cv2.resize(hat, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32) / 255
    alpha = np.clip((cv2.GaussianBlur(big, (0, 0), max(0.7, 0.5 / scale)) - 0.15) / 0.85, 0, 1)
    ys, xs = np.nonzero(alpha > 0.05)
    box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    crop = np.ascontiguousarray(rgb[box])
    alpha = np.ascontiguousarray(alpha[box])
    return levelled_worn_hat(Cutout(_decontaminate(crop, alpha), alpha, [], 0.0))


def _lowest(alpha: NDArray[np.float32]) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """The columns a cut-out covers solidly and, for each, its lowest solid row."""
    solid = alpha > 0.5
    columns = np.nonzero(solid.any(axis=0))[0]
    return columns, (alpha.shape[0] - 1 - np.argmax(solid[::-1, columns], axis=0)).astype(np.float64)


def _band_line(alpha: NDArray[np.float32]) -> tuple[float, float, NDArray[np.bool_]]:
    """A line (slope, offset) through a hat's band: the lowest solid pixel of each column
    over the middle 80% of its width, fitted again without the columns well above it
    (the hat's sides rising round the head); and which of the columns it kept."""
    columns, lowest = _lowest(alpha)
    if len(columns) < 10:
        return 0.0, float(alpha.shape[0] - 1), np.ones(len(columns), bool)
    width = float(columns[-1] - columns[0])
    t = (columns - columns[0]) / max(width, 1.0)
    keep = (t >= 0.1) & (t <= 0.9)
    slope, offset = 0.0, float(np.median(lowest))
    for _ in range(4):
        slope, offset = np.polyfit(columns[keep], lowest[keep], 1)
        kept = keep & (lowest - (slope * columns + offset) > -BAND_FIT_OFF * width)
        if kept.sum() < 10:
            break
        keep = kept
    return float(slope), float(offset), keep


def band_slant(alpha: NDArray[np.float32]) -> float:
    """The slant of a hat's band in degrees (positive when its right end is lower)."""
    return float(np.degrees(np.arctan(_band_line(alpha)[0])))


def levelled_worn_hat(cut: Cutout) -> Cutout:
    """The worn hat turned so its band lies level (`WORN_HAT_SLANT`), its lower edge made
    one straight band as a frontal beanie's is (see `_flat_band`)."""
    slant = band_slant(cut.alpha)
    if abs(slant) <= WORN_HAT_SLANT:
        return cut
    h, w = cut.alpha.shape
    # Worn, a hat is drawn a few hundred pixels wide: turning and bending the product
    # photo's full size cost 0.07 s for nothing.
    factor = min(1.0, LEVELLED_SIDE / max(h, w))
    if factor < 1:
        h, w = max(2, round(h * factor)), max(2, round(w * factor))
        cut = Cutout(
            cv2.resize(cut.rgb, (w, h), interpolation=cv2.INTER_AREA),
            cv2.resize(cut.alpha, (w, h), interpolation=cv2.INTER_AREA),
            [],
            0.0,
        )
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), slant, 1.0)
    cos, sin = abs(turn[0, 0]), abs(turn[0, 1])
    size = (int(np.ceil(w * cos + h * sin)), int(np.ceil(w * sin + h * cos)))
    turn[:, 2] += (size[0] - w) / 2, (size[1] - h) / 2
    rgb = cv2.warpAffine(cut.rgb, turn, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    alpha = cv2.warpAffine(cut.alpha, turn, size, flags=cv2.INTER_LINEAR, borderValue=0).astype(np.float32)
    rgb, alpha = _flat_band(rgb, alpha)
    ys, xs = np.nonzero(alpha > 0.05)
    box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    return Cutout(np.ascontiguousarray(rgb[box]), np.ascontiguousarray(alpha[box]), [], 0.0)


def _flat_band(rgb: NDArray[np.uint8], alpha: NDArray[np.float32]) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """A levelled worn hat's lower edge made straight at the band's height: seen from the
    side, the band rises at the near end as it goes round the head, and the slouch and
    loose hair hang below it at the far end; worn and seen from the front the band is one
    edge. Columns above it are stretched down to it (from the crown's middle height, by at
    most `BAND_MOST_STRETCH` of the width), whatever hangs below it is cut off."""
    columns, lowest = _lowest(alpha)
    slope, offset, keep = _band_line(alpha)
    band = float(np.median(slope * columns[keep] + offset))
    width = float(columns[-1] - columns[0])
    short = np.zeros(alpha.shape[1])
    short[columns] = np.clip(band - lowest, 0, BAND_MOST_STRETCH * width)
    h, w = alpha.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    weight = np.clip((ys - band * 0.5) / max(band * 0.5, 1.0), 0, 1)
    source = (ys - short[None, :].astype(np.float32) * weight).astype(np.float32)
    rgb = cv2.remap(rgb, xs, source, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    alpha = cv2.remap(alpha, xs, source, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    alpha[int(np.ceil(band)) + 1 :] = 0
    return rgb, alpha.astype(np.float32)
