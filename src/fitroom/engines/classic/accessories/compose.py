"""Putting a cut-out accessory into the photo: warp, occlusion, contact shadow, colour.

Everything works in the small window of the photo the accessory lands in, so a watch on
a 2048 px photo costs what a watch on a 512 px photo does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.base import EngineError
from fitroom.engines.classic.accessories.cutout import Cutout

Matrix = NDArray[np.float64]
Mask = NDArray[np.float32]


@dataclass
class Placement:
    """One cut-out at one place: `matrix` (3×3) maps cut-out pixels to photo pixels.

    `expect` and `part` let the render be checked after drawing: a piece that ends up
    far smaller than the body part it was sized from (hidden, off the photo, a speck)
    is refused rather than returned as a success with nothing to see.

    `keep` (photo-sized, 0..1, optional) is where the accessory may show (a strap ends
    where the wrist's outline does); `front` (photo-sized, 0..1) is what is in front of it
    (fingers, hair). `shadow` is the contact shadow's strength; `lift` how far (as a share
    of the accessory's size) the shadow falls below it.
    """

    cutout: Cutout
    matrix: Matrix
    keep: Mask | None = None
    front: Mask | None = None
    shadow: float = 0.3
    lift: float = 0.04
    shade: Mask | None = field(default=None)  # photo-sized brightness factor (a strap's roundness)
    erase: Mask | None = field(default=None)  # photo-sized: what the item hides or replaces, filled from around it
    backdrop: Mask | None = field(default=None)  # photo-sized: where the fill's colours may come from (not the person)
    carry: Mask | None = field(default=None)  # photo-sized: what runs straight down into the erased part (a bare leg)
    paint_out: NDArray[np.bool_] | None = field(default=None)  # photo-sized: thin worn jewellery the item replaces
    painted: NDArray[np.uint8] | None = field(default=None)  # the photo with `paint_out` already painted over
    carry_reach: float = 0.0  # how far (px) below itself `carry` runs down, fading out
    carry_solid: float = 0.0  # how far (px) it runs down unfaded first (over an old boot's shaft)
    grain: bool = False  # the erased part takes the backdrop's own pixels mirrored in (a floor's grain)
    expect: float = 0.0  # how long (px) the body says the drawn piece's longest side should be; 0: not checked
    part: str = ""  # the body part it is sized from, for the refusal ("the wrist")
    least: float = 0.0  # the fewest px its longest side may have; 0: `MIN_VISIBLE_PX`
    sharpen: float = 0.0  # unsharp-mask strength on the warped item (a small watch's dial and links)
    with_previous: bool = False  # checked together with the pieces before it (the halves of one frame)
    rim: Mask | None = field(default=None)  # photo-sized: where the outline is set off from a same-toned ground


@dataclass
class Composite:
    """The photo after the accessory, what it covers and which pixels changed at all."""

    image: NDArray[np.uint8]
    cover: Mask
    edited: NDArray[np.bool_]


#: The fewest pixels an item's longest visible side may have: below this a shopper sees a speck.
MIN_VISIBLE_PX = 16.0
#: The share of the size the body asks for that must actually be drawn (the rest hidden or off the photo).
MIN_DRAWN_SHARE = 0.5
#: The photo's long side at which `MIN_VISIBLE_PX` holds (the basic tier's); a smaller
#: photo is seen enlarged, so an item of the same share of it is as easy to see: a
#: 226 x 346 photo's 9 px wrist (2.6% of it) was refused as a speck.
VISIBLE_AT_SIDE = 1024
#: The blur (px) an item's unsharp mask takes away: about what the warp's two resamplings add.
SHARPEN_SIGMA = 1.0
#: An item's outline pixel within `RIM_ALIKE` (8-bit lightness) of what lies just outside
#: it, inside `Placement.rim`, on a ground darker than `RIM_DARK`, is drawn `RIM_LIGHT`
#: lighter (a polished steel rim catching the light): a black watch on a black cuff's
#: lining read as one dark blob.
RIM_ALIKE, RIM_LIGHT, RIM_DARK = 40.0, 110.0, 100.0
#: Only an outline darker than this is lightened: a rose-gold case's edge beside black
#: trousers turned to white speckles.
RIM_BLACK = 70.0
#: The set-off outline's thickness as a share of the case's side (a bezel's).
RIM_SHARE = 0.09


def least_visible(shape: tuple[int, ...]) -> float:
    """The fewest pixels an item's longest side may have in a photo of `shape`:
    `MIN_VISIBLE_PX` at `VISIBLE_AT_SIDE` and above, the same share of a smaller photo."""
    return MIN_VISIBLE_PX * min(1.0, max(shape[:2]) / VISIBLE_AT_SIDE)


def too_small(kind: str, part: str, size: float) -> EngineError:
    """The refusal of an item that `part`, `size` px in the photo, would make a speck."""
    return EngineError(
        "pose_not_supported",
        f"the {kind} would be too small to see: {part} measures {size:.0f} px in the photo; send a closer photo",
    )


def drawn_extent(cover: Mask) -> float:
    """The longest side (px) of the smallest rotated box round what was drawn solidly."""
    ys, xs = np.nonzero(cover > 0.5)
    if len(xs) < 3:
        return 0.0
    (_, _), (bw, bh), _ = cv2.minAreaRect(np.stack([xs, ys], axis=1).astype(np.float32))
    return float(max(bw, bh)) + 1.0


def _window(
    matrix: Matrix, size: tuple[int, int], shape: tuple[int, int], pad: int
) -> tuple[int, int, int, int] | None:
    h, w = size
    corners = np.array([[0, 0, 1], [w, 0, 1], [w, h, 1], [0, h, 1]], np.float64).T
    mapped = matrix @ corners
    mapped = mapped[:2] / mapped[2]
    x0, y0 = np.floor(mapped.min(axis=1)).astype(int) - pad
    x1, y1 = np.ceil(mapped.max(axis=1)).astype(int) + pad
    H, W = shape
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W, x1), min(H, y1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return int(x0), int(y0), int(x1), int(y1)


def linear_scale(matrix: Matrix, size: tuple[int, int]) -> float:
    """How much `matrix` scales a cut-out of `size` (h, w) on average: the square root of
    its mapped outline's area over its own. A perspective map's top-left 2×2 alone says
    nothing of its scale (a turned shoe's came out 0.05 for a true 0.25)."""
    h, w = size
    corners = np.array([[0, 0, 1], [w, 0, 1], [w, h, 1], [0, h, 1]], np.float64).T
    mapped = matrix @ corners
    xs, ys = mapped[0] / mapped[2], mapped[1] / mapped[2]
    area = 0.5 * abs(float(np.dot(xs, np.roll(ys, 1)) - np.dot(ys, np.roll(xs, 1))))
    return float(np.sqrt(area / max(h * w, 1)))


def _prescaled(cutout: Cutout, matrix: Matrix) -> tuple[NDArray[np.uint8], Mask, Matrix]:
    """Shrink the cut-out with area averaging first when it lands much smaller: a plain
    warp would alias thin straps and chains into dotted lines.

    Colours are averaged over the item only (premultiplied by alpha), so thin parts keep
    their colour instead of fading into the old backdrop; and parts thinner than an
    output pixel (a bangle's rings) keep most of a pixel's cover, or they vanish."""
    scale = linear_scale(matrix, cutout.alpha.shape[:2])
    if scale >= 0.6:
        return cutout.rgb, cutout.alpha, matrix
    factor = min(1.0, scale * 1.5)
    h, w = cutout.alpha.shape
    size = (max(2, round(w * factor)), max(2, round(h * factor)))
    weight = cv2.resize(cutout.alpha, size, interpolation=cv2.INTER_AREA)
    premultiplied = cv2.resize(
        cutout.rgb.astype(np.float32) * cutout.alpha[..., None], size, interpolation=cv2.INTER_AREA
    )
    rgb = np.clip(premultiplied / np.maximum(weight, 1e-3)[..., None], 0, 255).astype(np.uint8)
    widened = _widened(cutout.alpha, max(1, int(0.5 / factor)))
    alpha = np.maximum(weight, 0.7 * cv2.resize(widened, size, interpolation=cv2.INTER_AREA) * (weight > 0.02))
    back = np.diag([w / size[0], h / size[1], 1.0])
    return rgb, alpha.astype(np.float32), matrix @ back


#: Beyond this reach (px) the widening is a small disc then a square: a disc alone costs
#: as its area (0.02 s for a watch shrunk to a twentieth, over a second for a far-off
#: wrist), and once shrunk the two differ by at most a fifth of cover at a few edge pixels.
DISC_REACH = 3


def _widened(alpha: Mask, reach: int) -> Mask:
    """`alpha` dilated by about `reach` px every way."""
    disc = min(reach, DISC_REACH)
    widened = cv2.dilate(alpha, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * disc + 1, 2 * disc + 1)))
    if reach > disc:
        side = 2 * (reach - disc) + 1
        widened = cv2.dilate(widened, np.ones((side, side), np.uint8))
    return cast(Mask, widened)


def photo_cast(image: NDArray[np.uint8]) -> NDArray[np.float32]:
    """Per-channel gains that give a neutral product the photo's white balance.

    Measured on the photo's brightest nearly grey pixels, which in these photos are
    mostly walls, white clothes and highlights: neutral things lit by the scene's light.
    """
    small = cv2.resize(image, (64, 64), interpolation=cv2.INTER_AREA).reshape(-1, 3).astype(np.float32)
    luma = small.mean(axis=1)
    # Only nearly grey bright pixels: a lilac shirt is not a white wall in lilac light.
    chroma = (small.max(axis=1) - small.min(axis=1)) / np.maximum(small.max(axis=1), 1.0)
    bright = small[(luma >= np.percentile(luma, 80)) & (chroma < 0.12)]
    if len(bright) < 40:
        return np.ones(3, np.float32)
    mean = bright.mean(axis=0)
    gains = mean / max(float(mean.mean()), 1.0)
    return np.clip(gains, 0.92, 1.08).astype(np.float32)


def _fill(region: NDArray[np.float32], hole: NDArray[np.bool_], source: Mask) -> NDArray[np.float32]:
    """Paint `hole` with the smooth backdrop seen in `source` round it (a floor, a wall).

    Normalised convolution: a wide blur of the backdrop pixels over the blur of their
    mask. Unlike inpainting from the hole's edge, it never drags the person's own
    colours (a leg, the rest of the hair) into the hole."""
    if not hole.any():
        return region
    h, w = hole.shape
    factor = min(1.0, 96 / max(h, w))
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    small = cv2.resize(region, size, interpolation=cv2.INTER_AREA)
    weight = cv2.resize(source.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    sigma = max(size) * 0.08
    total = cv2.GaussianBlur(small * weight[..., None], (0, 0), sigma)
    norm = cv2.GaussianBlur(weight, (0, 0), sigma)
    if float(norm.max()) < 1e-3:
        return region
    backdrop = cv2.resize(total / np.maximum(norm, 1e-4)[..., None], (w, h), interpolation=cv2.INTER_LINEAR)
    soft = cv2.GaussianBlur(hole.astype(np.float32), (0, 0), 1.5)[..., None]
    return region * (1 - soft) + backdrop * soft


#: The fewest backdrop pixels in a row (or column) beside the hole that are mirrored in:
#: fewer, and one pixel's colour would repeat across the hole as a streak.
MIRROR_RUN = 3
#: How steeply a side's weight falls with its distance from the hole's pixel: the
#: nearest side's grain runs on from its edge, the others only join far from it.
MIRROR_POWER = 3.0
#: Mirrored to and fro, a short run of backdrop (a strip of floor between the legs)
#: repeats as stripes: it is trusted fully out to this share of its own length from the
#: hole's edge, less and less out to one more length, then the smooth fill takes over.
MIRROR_TRUSTED = 1.0


def _mirrored_from_left(
    source: NDArray[np.bool_], hole: NDArray[np.bool_], ys: NDArray[np.intp], xs: NDArray[np.intp]
) -> tuple[NDArray[np.intp], NDArray[np.float32], NDArray[np.float32]]:
    """For the pixels (`ys`, `xs`) of `hole`, the column of `source` (on their row)
    mirrored to and fro in the unbroken run of `source` that ends at the hole's left
    edge, its weight (falling with the distance) and how far it is trusted (0..1; 0
    where no such run of `MIRROR_RUN` reaches it, falling beyond `MIRROR_TRUSTED` of the
    run's length). Worked out at the hole's pixels only: the window is mostly not hole."""
    w = hole.shape[1]
    cols = np.arange(w, dtype=np.int32)[None, :]
    edge = np.maximum.accumulate(np.where(source, cols, -1), axis=1)[ys, xs]
    broken = np.maximum.accumulate(np.where(~source & ~hole, cols, -1), axis=1)[ys, xs]
    run = cols - np.maximum.accumulate(np.where(~source, cols, -1), axis=1)
    span = np.where(edge >= 0, run[ys, np.clip(edge, 0, None)], 0)
    reached = (edge >= 0) & (edge > broken) & (span >= MIRROR_RUN)
    distance = np.maximum(xs - edge, 1)
    turn = (distance - 1) % np.maximum(2 * span, 1)
    column = np.clip(edge - np.where(turn < span, turn, 2 * span - 1 - turn), 0, w - 1)
    weight = np.where(reached, distance.astype(np.float32) ** -MIRROR_POWER, 0.0).astype(np.float32)
    trust = np.clip(1 + MIRROR_TRUSTED - distance / np.maximum(span, 1), 0, 1) * reached
    return column, weight, trust.astype(np.float32)


#: A backdrop pixel unlike its own neighbourhood's backdrop (a normalised blur of this
#: share of the hole's window) by more than `MIRROR_ODD` times the backdrop's typical
#: grain, and at least `MIRROR_ODD_LEAST` (RGB), is not mirrored in: an old white sole's
#: sliver or a reflection below the hole ran up into it as pale streaks.
MIRROR_NEAR = 0.02
MIRROR_ODD, MIRROR_ODD_LEAST = 3.0, 8.0
#: The floor below the hole counts as this many times as far as it is: a floor lightens
#: or darkens down the picture, so its rows below, mirrored up, paled or darkened whole
#: columns into streaks where they were nearest; the floor on the hole's own rows
#: beside it is as lit.
MIRROR_BELOW = 3.0


def mirrored_floor(
    region: NDArray[np.float32], hole: NDArray[np.bool_], source: NDArray[np.bool_]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The backdrop's own pixels mirrored into `hole` from its left, its right and below
    it (a floor beside and under an old shoe), weighed by nearness, and how much of each
    pixel they reach (0..1). A floor's grain, its shading and the light beside the hole
    run on across it with no step at the edge; the wide blur of `_fill` left a smooth
    patch, a smear box on sand, asphalt or a carpet. Odd backdrop pixels (a sliver of
    an old sole) are passed over."""
    h, w = hole.shape
    if not source.any():
        return region, np.zeros((h, w), np.float32)
    # The neighbourhood's backdrop is smooth: worked out at a quarter of the size.
    size = (max(1, w // 4), max(1, h // 4))
    weight = cv2.resize(source.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    small = cv2.resize(region, size, interpolation=cv2.INTER_AREA)
    sigma = max(0.75, MIRROR_NEAR * max(h, w) / 4)
    near = cv2.GaussianBlur(small * weight[..., None], (0, 0), sigma)
    near /= np.maximum(cv2.GaussianBlur(weight, (0, 0), sigma), 1e-4)[..., None]
    near = cv2.resize(near, (w, h), interpolation=cv2.INTER_LINEAR)
    off = np.sqrt(np.einsum("ijk,ijk->ij", region - near, region - near))
    odd = (off > max(MIRROR_ODD_LEAST, MIRROR_ODD * float(np.median(off[source])))).astype(np.float32)
    # Whole patches, not single pixels, pass to the smooth fill: mixed pixel by pixel, a
    # mirrored shadow came out as a speckled smudge.
    usual = np.clip(1 - 2 * cv2.GaussianBlur(odd, (0, 0), 1.5), 0, 1)
    ys, xs = np.nonzero(hole)
    total = np.zeros((len(ys), 3), np.float32)
    weights = np.zeros(len(ys), np.float32)
    trusted = np.zeros(len(ys), np.float32)
    sides = []
    column, weight, trust = _mirrored_from_left(source, hole, ys, xs)
    sides.append((ys, column, weight, trust))
    column, weight, trust = _mirrored_from_left(source[:, ::-1], hole[:, ::-1], ys, w - 1 - xs)
    sides.append((ys, w - 1 - column, weight, trust))
    row, weight, trust = _mirrored_from_left(
        np.ascontiguousarray(source[::-1].T), np.ascontiguousarray(hole[::-1].T), xs, h - 1 - ys
    )
    sides.append((h - 1 - row, xs, weight * MIRROR_BELOW**-MIRROR_POWER, trust))
    for rows, cols, weight, trust in sides:
        trust = trust * usual[rows, cols]
        total += region[rows, cols] * (weight * trust)[:, None]
        weights += weight * trust
        trusted += trust
    floor = np.zeros(region.shape, np.float32)
    reached = np.zeros((h, w), np.float32)
    floor[ys, xs] = total / np.maximum(weights, 1e-12)[:, None]
    reached[ys, xs] = np.clip(trusted, 0, 1)
    return floor, reached


def painted_out(region: NDArray[np.uint8], line: NDArray[np.bool_]) -> NDArray[np.uint8]:
    """`region` with a thin `line` (a worn hoop's wire) painted from its two sides inwards.

    A line a few pixels wide filled this way keeps what runs across it (the neck's
    outline, hair strands); the wide blur of `_fill` smeared the neck and the backdrop
    into one band along it."""
    # Two pixels past the line: its soft rim, left in, is spread as a pale smudge.
    grown = cv2.dilate(line.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))
    return cast(NDArray[np.uint8], cv2.inpaint(np.ascontiguousarray(region), grown, 3, cv2.INPAINT_TELEA))


def _carried(
    region: NDArray[np.float32],
    photo: NDArray[np.float32],
    hole: NDArray[np.bool_],
    carry: NDArray[np.bool_],
    reach: float,
    solid: float = 0.0,
) -> NDArray[np.float32]:
    """`region` with each column's `carry` run straight down into `hole` below it,
    `solid` px as it is, then fading out over `reach` px: a bare ankle goes on down into
    a low new shoe, a bare shin over an old boot's shaft. The carry's rows are mirrored
    down, to and fro, as they are in the `photo` (before the fill): the shin keeps its
    shading and grain; one row's colour ran down as streaks, and a column's mean as a
    flat patch. Blurred into the backdrop fill instead, the leg's colour spread sideways
    as a pink haze on the floor."""
    h, w = hole.shape
    rows = np.arange(h)[:, None]
    last = np.maximum.accumulate(np.where(carry, rows, -1), axis=0)
    broken = np.maximum.accumulate(np.where(~hole & ~carry, rows, -1), axis=0)
    reached = hole & (last >= 0) & (last > broken)
    # Each pixel mirrors the unbroken run of carry that ends at its column's `last` row.
    run = rows - np.maximum.accumulate(np.where(~carry, rows, -1), axis=0)
    columns = np.arange(w)[None, :]
    span = np.maximum(run[np.clip(last, 0, None), columns], 1)
    turn = np.maximum(rows - last, 0) % (2 * span)
    source = np.clip(last - np.where(turn < span, turn, 2 * span - 1 - turn), 0, h - 1)
    reached &= span >= 3
    weight = np.clip(1 - (rows - last - solid) / max(reach, 1.0), 0, 1) * reached
    # Softened outward only: blurred inward too, the fill showed through as a pale line
    # where the shin meets what was the shaft's top.
    weight = np.maximum(weight, cv2.GaussianBlur(weight.astype(np.float32), (0, 0), 1.0) * (hole & (last >= 0)))
    # The carry itself stays as it was: the fill's soft edge had paled its lowest rows.
    weight[carry] = 1.0
    colour = photo[source, columns]
    return region * (1 - weight[..., None]) + colour * weight[..., None]


def _set_off(product: NDArray[np.float32], ground: NDArray[np.float32], alpha: Mask, rim: Mask) -> NDArray[np.float32]:
    """`product` with its outline (its solid pixels next to the ground, where `rim` is set)
    lightened where the ground just outside is dark and about as dark as it: the outline
    the eye needs to tell a dark item from the dark cloth it lies on."""
    solid = (alpha > 0.5).astype(np.uint8)
    kernel = np.ones((3, 3), np.uint8)
    # As thick as a steel bezel: `RIM_SHARE` of the case's side, at least a pixel.
    thick = max(1, int(round(RIM_SHARE * np.sqrt(np.count_nonzero((solid > 0) & (rim > 0.5))))))
    edge = (solid > 0) & (cv2.erode(solid, kernel, iterations=thick) == 0) & (rim > 0.5)
    if not edge.any():
        return product
    outside = (cv2.dilate(solid, kernel, iterations=2) > 0) & (solid == 0)
    weights = outside.astype(np.float32)
    grey = ground.mean(axis=2) * weights
    box = (2 * thick + 5, 2 * thick + 5)
    near = cv2.blur(grey, box) / np.maximum(cv2.blur(weights, box), 1e-6)
    own = product.mean(axis=2)
    alike = (
        edge & (cv2.blur(weights, box) > 0) & (np.abs(own - near) < RIM_ALIKE) & (near < RIM_DARK) & (own < RIM_BLACK)
    )
    if not alike.any():
        return product
    out = product.copy()
    out[alike] = np.clip(out[alike] + RIM_LIGHT, 0, 255)
    return out


def paste(image: NDArray[np.uint8], placement: Placement, cast: NDArray[np.float32]) -> Composite:
    """Warp the cut-out into the photo and blend it with its occlusion, shadow and colour."""
    H, W = image.shape[:2]
    out = image.copy()
    cover = np.zeros((H, W), np.float32)
    edited = np.zeros((H, W), bool)
    rgb, alpha, matrix = _prescaled(placement.cutout, placement.matrix)
    size = linear_scale(matrix, alpha.shape[:2]) * max(alpha.shape)
    pad = int(size * (placement.lift + 0.06)) + 4
    window = _window(matrix, alpha.shape, (H, W), pad)
    if window is None:
        return Composite(out, cover, edited)
    x0, y0, x1, y1 = window
    erase = None
    if placement.erase is not None and (placement.erase > 0.5).any():
        ys, xs = np.nonzero(placement.erase > 0.5)
        x0, y0 = min(x0, max(0, int(xs.min()) - 4)), min(y0, max(0, int(ys.min()) - 4))
        x1, y1 = max(x1, min(W, int(xs.max()) + 5)), max(y1, min(H, int(ys.max()) + 5))
        erase = placement.erase[y0:y1, x0:x1]
        backdrop = placement.backdrop[y0:y1, x0:x1] if placement.backdrop is not None else 1 - erase
    if placement.paint_out is not None and placement.paint_out.any():
        ys, xs = np.nonzero(placement.paint_out)
        x0, y0 = min(x0, max(0, int(xs.min()) - 8)), min(y0, max(0, int(ys.min()) - 8))
        x1, y1 = max(x1, min(W, int(xs.max()) + 9)), max(y1, min(H, int(ys.max()) + 9))
    local = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64) @ matrix
    dsize = (x1 - x0, y1 - y0)
    colour = cv2.warpPerspective(rgb, local, dsize, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    a = cv2.warpPerspective(alpha, local, dsize, flags=cv2.INTER_LINEAR, borderValue=0)
    a = np.clip(a, 0, 1)
    if placement.sharpen > 0:
        sharp = colour.astype(np.float32)
        sharp += placement.sharpen * (sharp - cv2.GaussianBlur(sharp, (0, 0), SHARPEN_SIGMA))
        colour = np.clip(sharp, 0, 255).astype(np.uint8)
    if placement.keep is not None:
        a *= placement.keep[y0:y1, x0:x1]
    shadow_source = a.copy()
    if placement.front is not None:
        a *= 1 - placement.front[y0:y1, x0:x1]
    region = image[y0:y1, x0:x1].astype(np.float32)
    if placement.painted is not None:
        region = placement.painted[y0:y1, x0:x1].astype(np.float32)
    elif placement.paint_out is not None and placement.paint_out[y0:y1, x0:x1].any():
        region = painted_out(image[y0:y1, x0:x1], placement.paint_out[y0:y1, x0:x1]).astype(np.float32)
    if erase is not None:
        hole = (erase > 0.5) & (a < 0.98)
        photo = region
        region = _fill(region, hole, backdrop * (1 - erase))
        if placement.grain:
            floor, reached = mirrored_floor(photo, hole, backdrop * (1 - erase) > 0.5)
            region = region * (1 - reached[..., None]) + floor * reached[..., None]
        if placement.carry is not None:
            carry = placement.carry[y0:y1, x0:x1] > 0.5
            region = _carried(region, photo, hole, carry, placement.carry_reach, placement.carry_solid)
    # The accessory takes the photo's white balance and, gently, its light level there.
    product = colour.astype(np.float32) * cast
    around = float(cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).mean())
    whole = float(cv2.cvtColor(cv2.resize(image, (64, 64)), cv2.COLOR_RGB2GRAY).mean())
    product *= float(np.clip((around + 40) / (whole + 40), 0.85, 1.05))
    if placement.shade is not None:
        product *= placement.shade[y0:y1, x0:x1, None]
    # Contact shadow: the accessory's own shape, soft, a little below it, on what is behind.
    if placement.shadow > 0:
        drop = max(1, int(size * placement.lift))
        blur = max(1.0, size * 0.02)
        moved = np.zeros_like(shadow_source)
        moved[drop:] = shadow_source[:-drop]
        soft = cv2.GaussianBlur(moved, (0, 0), blur)
        darken = 1 - placement.shadow * soft * (1 - shadow_source)
        if placement.front is not None:
            darken = 1 - (1 - darken) * (1 - placement.front[y0:y1, x0:x1])
        region *= darken[..., None]
    if placement.rim is not None:
        product = _set_off(product, region, a, placement.rim[y0:y1, x0:x1])
    blended = region * (1 - a[..., None]) + np.clip(product, 0, 255) * a[..., None]
    result = np.clip(blended + 0.5, 0, 255).astype(np.uint8)
    changed = np.any(result != image[y0:y1, x0:x1], axis=2)
    out[y0:y1, x0:x1] = np.where(changed[..., None], result, image[y0:y1, x0:x1])
    cover[y0:y1, x0:x1] = a
    edited[y0:y1, x0:x1] = changed
    return Composite(out, cover, edited)


def similarity(src: NDArray[np.float64], dst: NDArray[np.float64], flip: bool = False) -> Matrix:
    """The 3×3 rotation + uniform scale + shift taking two points onto two points;
    `flip` mirrors the cut-out left to right first (a left shoe from a right one)."""
    s0, s1 = src
    d0, d1 = dst
    vs, vd = s1 - s0, d1 - d0
    if flip:
        vs = np.array([-vs[0], vs[1]])
        s0 = np.array([-s0[0], s0[1]])
    scale = np.linalg.norm(vd) / max(np.linalg.norm(vs), 1e-9)
    angle = np.arctan2(vd[1], vd[0]) - np.arctan2(vs[1], vs[0])
    c, s = scale * np.cos(angle), scale * np.sin(angle)
    rot = np.array([[c, -s], [s, c]])
    shift = d0 - rot @ s0
    m = np.array([[rot[0, 0], rot[0, 1], shift[0]], [rot[1, 0], rot[1, 1], shift[1]], [0, 0, 1]])
    return m @ np.diag([-1.0, 1.0, 1.0]) if flip else m
