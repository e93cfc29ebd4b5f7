"""What the person already wears where an accessory goes.

A second pair of glasses drawn over the person's own is wrong to any shopper: the old
frame is traced round each eye (`old_frame`) and painted from the skin either side of its
lines before the new pair goes on; a frame whose lenses are too dark to see the eyes
through is not traced, and the photo is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import cv2
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import NDArray

from fitroom.domain import TIERS, TierName
from fitroom.engines.classic.accessories import landmarks as lm

#: Face mesh points of the lower eyelids' middles (the person's right, then left).
LOWER_LIDS = (145, 374)
#: Between the brows, and the nose's middle: the glasses' bridge crosses the line between them.
GLABELLA, NOSE_MIDDLE = 9, 195
#: How much darker (Lab lightness, 0..100) than the skin on both sides of it a line
#: must be to be a frame's rim: the nose's bridge and both lower rims, each. On the 51
#: devset faces the four wearing glasses measure at least 23 (bridge) and 22 (rims);
#: of the others, no face reaches 17 under both eyes, and its bridge at most 18.
BRIDGE_DIP, RIM_DIP = 20.0, 17.0


def _profile(
    lightness: NDArray[np.float32], start: NDArray[np.float64], end: NDArray[np.float64], half: float
) -> NDArray[np.float32]:
    """The lightness along the line from `start` to `end`, the median across a strip `half` wide each side."""
    along = end - start
    unit = along / max(float(np.linalg.norm(along)), 1e-9)
    normal = np.array([-unit[1], unit[0]])
    steps = np.linspace(0.0, 1.0, 60)[:, None]
    across = np.linspace(-half, half, 7)[None, :]
    xs = start[0] + steps * along[0] + across * normal[0]
    ys = start[1] + steps * along[1] + across * normal[1]
    samples = cv2.remap(lightness, xs.astype(np.float32), ys.astype(np.float32), cv2.INTER_LINEAR)
    return np.median(samples, axis=1).astype(np.float32)


def deepest_dip(profile: NDArray[np.float32]) -> float:
    """How far the profile falls below the lighter of its two sides at its darkest thin
    line: a frame's rim across skin dips deep; a smooth shadow does not."""
    reach = max(3, len(profile) // 6)
    best = 0.0
    for i in range(1, len(profile) - 1):
        before = float(profile[max(0, i - reach) : i].max())
        after = float(profile[i + 1 : i + 1 + reach].max())
        best = max(best, min(before, after) - float(profile[i]))
    return best


def wears_glasses(image: NDArray[np.uint8], face: lm.Face) -> bool:
    """Whether a frame crosses the nose between the eyes and runs under both eyes."""
    lightness = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32) * (100 / 255)

    def point(index: int) -> NDArray[np.float64]:
        return np.asarray(face.pt(index), np.float64)

    width = max(face.width, 1.0)
    down = point(lm.CHIN) - point(lm.FOREHEAD)
    down /= max(float(np.linalg.norm(down)), 1e-9)
    bridge = deepest_dip(_profile(lightness, point(GLABELLA), point(NOSE_MIDDLE), width * 0.03))
    if bridge < BRIDGE_DIP:
        return False
    for lid in LOWER_LIDS:
        start = point(lid) + down * width * 0.02
        if deepest_dip(_profile(lightness, start, start + down * width * 0.25, width * 0.04)) < RIM_DIP:
            return False
    return True


#: Lab distance (OpenCV 8-bit scale) from a wide median that marks a pixel as part of a
#: thin structure: a hoop's wire, a hair strand, an edge's corner (the median keeps
#: straight edges and wide areas, not lines thinner than half its window).
THIN_CONTRAST = 22.0
#: The median's window, as a share of the face's height: wider than any hoop's wire.
THIN_WINDOW = 0.07
#: A hoop's longest side, as shares of the face's height (a huggie to a large hoop), and
#: its least width over its height (a hoop seen edge-on is a thin ellipse).
HOOP_SIZE, HOOP_ROUND = (0.05, 0.38), 0.3
#: The least width (px) of a hoop's ellipse: narrower, a strand of hair's bend closes
#: into a ring as easily (at nano size, one beside ootd--model_2's neck did).
HOOP_LEAST_PX = 9.0
#: A hoop's ring: the share of the fitted ellipse its thin pixels run along, the share of
#: those pixels on the ellipse, and the share of its inside that is not metal-coloured.
HOOP_COVER, HOOP_ON_RING, HOOP_HOLLOW = 0.6, 0.5, 0.85
#: The most (Lab distance) the inside of a hoop may differ from what is just round it:
#: one sees through a hoop to the neck, hair or backdrop behind. On the 80 devset
#: persons the true hoops measure 1 to 50; the edges of jaws, collars, jackets and hair
#: that make ring-like marks measure 65 and more.
SEE_THROUGH = 55.0


def worn_hoops(image: NDArray[np.uint8], face: lm.Face) -> NDArray[np.bool_]:
    """The pixels of hoop earrings the person already wears at the ears seen (a new
    earring must replace them, not hang beside them); all False when none is found.

    A hoop is a thin line (unlike the median round it) closing round a hollow (what is
    inside it looks like what is round it) that hangs from the lobe. Other earrings
    (studs, discs, drops) are not found."""
    return _at_lobes(image, face, _hoop_at)


def _round_lobe(
    image: NDArray[np.uint8], lobe: NDArray[np.float64], height: float, reach: tuple[float, float, float], window: float
) -> tuple[tuple[slice, slice], NDArray[np.float32], NDArray[np.float32]] | None:
    """The box round `lobe` where an earring of its own would hang (`reach`: face heights
    either side, above and below it), the box in Lab, and how far each pixel stands out
    (Lab distance) from the median round it `window` face heights across; None when the
    box is under 8 px either way."""
    H, W = image.shape[:2]
    across, above, below = reach
    x0, x1 = int(max(0, lobe[0] - across * height)), int(min(W, lobe[0] + across * height))
    y0, y1 = int(max(0, lobe[1] - above * height)), int(min(H, lobe[1] + below * height))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    seen = np.ascontiguousarray(image[y0:y1, x0:x1])
    lab = cv2.cvtColor(seen, cv2.COLOR_RGB2LAB).astype(np.float32)
    median = cv2.cvtColor(cv2.medianBlur(seen, max(3, int(height * window)) | 1), cv2.COLOR_RGB2LAB)
    contrast = np.linalg.norm(lab - median.astype(np.float32), axis=2).astype(np.float32)
    return (slice(y0, y1), slice(x0, x1)), lab, contrast


def _hoop_at(image: NDArray[np.uint8], lobe: NDArray[np.float64], height: float, found: NDArray[np.bool_]) -> None:
    """Mark in `found` the thin lines round `lobe` that make a hoop."""
    near = _round_lobe(image, lobe, height, (0.25, 0.22, 0.42), THIN_WINDOW)
    if near is None:
        return
    box, lab, contrast = near
    x0, y0 = box[1].start, box[0].start
    thin = (contrast > THIN_CONTRAST).astype(np.uint8)
    thin = cv2.morphologyEx(thin, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(thin, connectivity=8)
    local = lobe - np.array([x0, y0])
    for i in range(1, count):
        longest = max(stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT])
        if not HOOP_SIZE[0] * height <= longest <= 0.4 * height or stats[i, cv2.CC_STAT_AREA] < 12:
            continue
        line = labels == i
        if _is_hoop(line, thin, lab, local, height):
            found[box] |= line


def _is_hoop(
    line: NDArray[np.bool_], thin: NDArray[np.uint8], lab: NDArray[np.float32], lobe: NDArray[np.float64], height: float
) -> bool:
    """Whether one thin line runs round an ellipse hanging from the lobe, hollow inside."""
    ys, xs = np.nonzero(line)
    (cx, cy), (a, b), angle = cv2.fitEllipse(np.stack([xs, ys], axis=1).astype(np.float32))
    if not HOOP_SIZE[0] * height <= max(a, b) <= HOOP_SIZE[1] * height or min(a, b) < max(
        HOOP_ROUND * max(a, b), HOOP_LEAST_PX
    ):
        return False
    t = np.linspace(0, 2 * np.pi, 72, endpoint=False)
    turn = np.radians(angle)
    px = cx + a / 2 * np.cos(t) * np.cos(turn) - b / 2 * np.sin(t) * np.sin(turn)
    py = cy + a / 2 * np.cos(t) * np.sin(turn) + b / 2 * np.sin(t) * np.cos(turn)
    # It hangs from the lobe: its top near it (the lobe's guess runs a little low), its middle below.
    if abs(cx - lobe[0]) > 0.12 * height or not -0.2 * height <= py.min() - lobe[1] <= 0.1 * height:
        return False
    h, w = line.shape
    seen = (px >= 0) & (py >= 0) & (px < w) & (py < h)
    if not seen.any():
        return False
    gap = cv2.distanceTransform((~line).astype(np.uint8), cv2.DIST_L2, 3)
    cover = float((gap[py[seen].astype(int), px[seen].astype(int)] <= 2.5).mean())
    wire = max(2, int(0.015 * height))
    ring, inner, outer = (np.zeros(line.shape, np.uint8) for _ in range(3))
    cv2.ellipse(ring, ((cx, cy), (a, b), angle), 1, max(3, int(0.025 * height)))
    on_ring = float(ring[ys, xs].mean())
    if cover < HOOP_COVER or on_ring < HOOP_ON_RING or min(a, b) - 2 * wire < 3:
        return False
    cv2.ellipse(inner, ((cx, cy), (a - 2 * wire, b - 2 * wire), angle), 1, -1)
    cv2.ellipse(outer, ((cx, cy), (a + 6 * wire, b + 6 * wire), angle), 1, -1)
    cv2.ellipse(outer, ((cx, cy), (a + 2 * wire, b + 2 * wire), angle), 0, -1)
    metal = np.median(lab[ys, xs], axis=0)
    hollow = float((np.linalg.norm(lab[inner > 0] - metal, axis=1) > 20).mean())
    behind, around = (inner > 0) & (thin == 0), (outer > 0) & (thin == 0)
    if hollow < HOOP_HOLLOW or not behind.any() or not around.any():
        return False
    see = float(np.linalg.norm(np.median(lab[behind], axis=0) - np.median(lab[around], axis=0)))
    return see <= SEE_THROUGH


#: A worn disc or stud differs (Lab distance) from a wide median round it by this much:
#: the median's window (`DISC_WINDOW` of the face's height) is wider than any disc, so it
#: shows the skin, hair or collar behind it. Opening by `DISC_OPEN` of the height drops
#: the hair's strands, thinner than any disc.
DISC_CONTRAST, DISC_WINDOW, DISC_OPEN = 20.0, 0.45, 0.08
#: A disc's longest side, as shares of the face's height, and its least width over it.
DISC_SIZE, DISC_ROUND = (0.15, 0.4), 0.6
#: A disc fills this share of its box's ellipse and of its convex hull (hair's ends and
#: a collar's corner are ragged or bent).
DISC_FILL, DISC_SOLID = 0.8, 0.9
#: At most this share of a band round a disc (from 0.05 to 0.1 face heights out) looks
#: like it (under `DISC_GROW`): a disc stands apart from the skin, hair and clothes
#: round it, where a corner of a collar or a lock of hair runs on in the same colour. On
#: the devset's 80 jewellery persons the white disc measures 0.12, the three other
#: compact blobs at a lobe (a collar's corner, a jacket's lapel, dark hair by the neck) 0.23 to 0.31.
DISC_APART = 0.15
#: Lab distance from a found disc's colour within which the pixels next to it are its own.
DISC_GROW = 20.0


def _at_lobes(
    image: NDArray[np.uint8],
    face: lm.Face,
    finder: Callable[[NDArray[np.uint8], NDArray[np.float64], float, NDArray[np.bool_]], None],
) -> NDArray[np.bool_]:
    """`finder` run at each ear lobe seen (marking what it finds in its last argument),
    on the photo at basic size at most: the earring finders' thresholds were measured
    there, and a sharper photo shows bends of hair that close into rings."""
    factor = min(1.0, TIERS[TierName.BASIC].long_side / max(image.shape[:2]))
    seen = image
    if factor < 1.0:
        size = (max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor)))
        seen = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    found = np.zeros(seen.shape[:2], bool)
    for lobe, _, turn in lm.ear_lobes(face):
        if turn >= -0.25:
            finder(seen, lobe * factor, face.height * factor, found)
    if factor < 1.0:
        found = (
            cv2.resize(found.astype(np.uint8), (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST) > 0
        )
    return found


def worn_earrings(image: NDArray[np.uint8], face: lm.Face) -> NDArray[np.bool_]:
    """The pixels of the earrings the person already wears at the ears seen, hoops
    (`worn_hoops`) and discs or studs (`worn_discs`): the new pair replaces them."""
    return worn_hoops(image, face) | worn_discs(image, face)


def worn_discs(image: NDArray[np.uint8], face: lm.Face) -> NDArray[np.bool_]:
    """The pixels of flat discs or large studs hanging at the ear lobes seen: a compact,
    round blob just below the lobe that stands apart in colour from all that is round it
    (unlike the skin it lies on, a lock of hair or a collar's corner, which run on)."""
    return _at_lobes(image, face, _disc_at)


def _round_kernel(size: float, least: int) -> NDArray[np.uint8]:
    side = max(least, int(size)) | 1
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))


def _disc_at(image: NDArray[np.uint8], lobe: NDArray[np.float64], height: float, found: NDArray[np.bool_]) -> None:
    """Mark in `found` a disc hanging below `lobe` (the paint-out spreads two pixels
    past it, over its soft edge)."""
    near = _round_lobe(image, lobe, height, (0.3, 0.2, 0.6), DISC_WINDOW)
    if near is None:
        return
    box, lab, contrast = near
    x0, y0 = box[1].start, box[0].start
    blob = (contrast > DISC_CONTRAST).astype(np.uint8)
    blob = cv2.morphologyEx(blob, cv2.MORPH_OPEN, _round_kernel(DISC_OPEN * height, 3))
    count, labels, stats, centres = cv2.connectedComponentsWithStats(blob, connectivity=8)
    local = lobe - np.array([x0, y0])
    for i in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[i])
        if not DISC_SIZE[0] * height <= max(w, h) <= DISC_SIZE[1] * height or min(w, h) < DISC_ROUND * max(w, h):
            continue
        # It hangs from the lobe (its middle just below it) and is seen whole in the window.
        dx, dy = centres[i] - local
        if abs(dx) > 0.12 * height or not 0.0 <= dy <= 0.45 * height:
            continue
        if x == 0 or y == 0 or x + w >= blob.shape[1] or y + h >= blob.shape[0]:
            continue
        mask = (labels == i).astype(np.uint8)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        hull = cv2.contourArea(cv2.convexHull(contours[0]))
        if area < DISC_FILL * np.pi / 4 * w * h or area < DISC_SOLID * hull:
            continue
        band = (cv2.dilate(mask, _round_kernel(0.2 * height, 7)) > 0) & (
            cv2.dilate(mask, _round_kernel(0.1 * height, 3)) == 0
        )
        colour = np.median(lab[mask > 0], axis=0)
        alike = np.linalg.norm(lab - colour, axis=2) < DISC_GROW
        if float(alike[band].mean()) > DISC_APART:
            continue
        # The contrast leaves out its rim (paler against pale skin, or a metal edge): what is
        # like it next to it is in, and a little round that.
        grown = ((mask > 0) | (alike & (cv2.dilate(mask, _round_kernel(0.1 * height, 3)) > 0))).astype(np.uint8)
        found[box] |= cv2.dilate(grown, _round_kernel(0, 3)) > 0


#: Face mesh points round each eye's opening (the person's right, then left).
EYE_OPENINGS = (
    (33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246),
    (362, 382, 381, 380, 374, 373, 390, 249, 263, 466, 388, 387, 386, 385, 384, 398),
)
#: Face mesh points round each brow (the person's right, then left): no frame is looked
#: for there.
BROWS = ((70, 63, 105, 66, 107, 55, 65, 52, 53, 46), (300, 293, 334, 296, 336, 285, 295, 282, 283, 276))
#: A rim is traced along this many rays round each eye, from `RIM_REACH` of the face's
#: width out from the eye's middle; it moves at most `RIM_STEP` of the width from one
#: ray to the next (a frame's corner), each pixel of a jump costing `RIM_BEND` of a
#: line's darkness.
RIM_RAYS, RIM_REACH, RIM_STEP, RIM_BEND = 72, (0.07, 0.36), 0.05, 0.3
#: The grey closing that finds thin dark lines is this share of the face's width across:
#: wider than any rim (a thick acetate one measures 0.05).
RIM_WINDOW = 0.08
#: A pixel is the frame's when it is darker than the closing round it by this share of
#: the traced rims' median darkness (and by `LINE_LEAST` at least): the rim's soft edge
#: is in, the skin's creases are not.
LINE_SHARE, LINE_LEAST = 0.4, 8.0
#: The rims' median darkness (Lab lightness under the closing) below which no frame was
#: traced: on the devset's four persons with glasses it is 29 to 66.
RIM_LEAST = 15.0
#: How much darker (Lab lightness) the inside of the lenses may be than the skin just
#: outside the rims: beyond it the lenses are tinted and the eyes behind them cannot be
#: seen to be painted back.
TINT_MOST = 18.0
#: A temple arm is looked for this far (face widths) past the face's outline (not on to
#: the ear's edge or into the hair, which would be smeared), and this far above and
#: below its hinge's level.
ARM_PAST, ARM_HALF = 0.04, 0.06
#: Rounds of smoothing the fill of an old frame's line gets: enough for a line a few
#: pixels wide to settle between its two sides.
MEMBRANE_STEPS = 12
#: The grain added to that fill, as a share of the skin's round it (its fine detail
#: there counts the photo's compression edges too; at full strength the fill speckled).
GRAIN = 0.7


#: `lens_darkness` over this is a pair of dark lenses: on the devset's bare eyes it is
#: at most 27 (dark eyes in shadow), behind drawn sunglasses 55.
SUNGLASSES_DARK = 40.0


def lens_darkness(image: NDArray[np.uint8], face: lm.Face) -> float:
    """How much darker (Lab lightness) than the cheek just below it the lightest part of
    each eye's opening is (its brightest tenth), the less dark eye of the two: a bare eye
    shows its white about as light as the cheek, one behind a dark lens shows none."""
    lightness = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32) * (100 / 255)
    width = max(face.width, 1.0)
    down = np.asarray(face.pt(lm.CHIN) - face.pt(lm.FOREHEAD), np.float64)
    down /= max(float(np.linalg.norm(down)), 1e-9)
    least = np.inf
    for eye in EYE_OPENINGS:
        opening = face.points[list(eye), :2].astype(np.float64)
        inside = np.zeros(lightness.shape, np.uint8)
        cv2.fillPoly(inside, [np.round(opening).astype(np.int32)], 1)
        cheek = np.zeros(lightness.shape, np.uint8)
        below = opening.mean(axis=0) + down * 0.3 * width
        cv2.circle(cheek, (int(below[0]), int(below[1])), max(2, int(0.05 * width)), 1, -1)
        if not inside.any() or not cheek.any():
            return 0.0
        white = float(np.percentile(lightness[inside > 0], 90))
        least = min(least, float(np.median(lightness[cheek > 0])) - white)
    return float(least)


def frame_window(face: lm.Face) -> int:
    """The width (px, odd) of the grey closing that finds a frame's lines on this face."""
    return max(5, int(RIM_WINDOW * face.width)) | 1


def _closing_darkness(lightness: NDArray[np.float32], size: int) -> NDArray[np.float32]:
    """How much darker each pixel is than a grey closing `size` wide: thin dark lines stand out."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return cast(NDArray[np.float32], cv2.morphologyEx(lightness, cv2.MORPH_CLOSE, kernel) - lightness)


def _trace_rim(
    darkness: NDArray[np.float32], centre: NDArray[np.float64], width: float
) -> tuple[NDArray[np.float64], NDArray[np.float32]]:
    """The darkest closed line round `centre`: one radius per ray, chosen by dynamic
    programming so neighbouring rays' radii stay close (a rim is smooth; an eyelash or a
    crease is not a loop). Returns the rim's points and the darkness along it."""
    radii = np.arange(RIM_REACH[0] * width, RIM_REACH[1] * width, 1.0)
    turns = np.linspace(0, 2 * np.pi, RIM_RAYS, endpoint=False)
    xs = (centre[0] + np.cos(turns)[:, None] * radii[None, :]).astype(np.float32)
    ys = (centre[1] + np.sin(turns)[:, None] * radii[None, :]).astype(np.float32)
    seen = cv2.remap(darkness, xs, ys, cv2.INTER_LINEAR, borderValue=0)
    n, jump = len(radii), max(2, int(RIM_STEP * width))
    # Round the eye one and a half times: the path's second half closes on its first.
    order = list(range(RIM_RAYS)) + list(range(RIM_RAYS // 2))
    score = seen[order[0]].copy()
    steps = []
    offsets = np.arange(-jump, jump + 1)
    bend = RIM_BEND * np.abs(offsets)
    radius = np.arange(n)
    for ray in order[1:]:
        # Each radius may come from any within `jump` of it on the ray before, at a cost.
        padded = np.concatenate([np.full(jump, -np.inf), score, np.full(jump, -np.inf)])
        reach = sliding_window_view(padded, 2 * jump + 1) - bend
        best = reach.argmax(axis=1)
        score = reach[radius, best] + seen[ray]
        steps.append(radius + offsets[best])
    path = [int(np.argmax(score))]
    for came in reversed(steps):
        path.append(int(came[path[-1]]))
    path.reverse()
    chosen = np.zeros(RIM_RAYS, int)
    for position, ray in enumerate(order):
        if position >= RIM_RAYS // 2:
            chosen[ray] = path[position]
    rays = np.arange(RIM_RAYS)
    return np.stack([xs[rays, chosen], ys[rays, chosen]], axis=1).astype(np.float64), seen[rays, chosen]


def old_frame(image: NDArray[np.uint8], face: lm.Face) -> NDArray[np.bool_] | None:
    """The pixels of the frame the person wears (both rims, the bridge, the temple arms
    over the skin up to the face's outline), found as thin dark lines along a loop round
    each eye; None when no such loops are seen or the lenses are tinted too dark to see
    the eyes through (their frame cannot be painted out believably)."""
    width = max(face.width, 1.0)
    H, W = image.shape[:2]
    openings = [face.points[list(eye), :2].astype(np.float64) for eye in EYE_OPENINGS]
    both = np.vstack(openings)
    x0, y0 = np.maximum(np.floor(both.min(axis=0) - 0.45 * width).astype(int), 0)
    x1, y1 = np.ceil(both.max(axis=0) + 0.45 * width).astype(int)
    x1, y1 = min(W, int(x1)), min(H, int(y1))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    origin = np.array([x0, y0], np.float64)
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    lightness = cv2.cvtColor(crop, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32) * (100 / 255)
    size = frame_window(face)
    darkness = _closing_darkness(lightness, size)
    # The eyes' own lashes and lids are dark lines too: not looked at.
    eyes = np.zeros(darkness.shape, np.uint8)
    for opening in openings:
        cv2.fillPoly(eyes, [np.round(opening - origin).astype(np.int32)], 1)
    grow = max(2, int(0.03 * width))
    eyes = cv2.dilate(eyes, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * grow + 1,) * 2))
    rims = [_trace_rim(darkness * (1 - eyes), opening.mean(axis=0) - origin, width) for opening in openings]
    strength = float(np.median(np.concatenate([dark for _, dark in rims])))
    if strength < RIM_LEAST or _tinted(lightness, rims, eyes):
        return None
    band = np.zeros(darkness.shape, np.uint8)
    for rim, _ in rims:
        cv2.polylines(band, [np.round(rim).astype(np.int32)], True, 1, max(3, int(0.7 * size)))
    zone = band > 0
    # The bridge between the rims and the temple arms out to the face's outline run at
    # the rims' upper half, along the eye line (the head may be tilted).
    c, s = np.cos(face.roll), np.sin(face.roll)
    rows, cols = np.mgrid[0 : darkness.shape[0], 0 : darkness.shape[1]].astype(np.float32)
    along, across = cols * c + rows * s, rows * c - cols * s
    (near_a, near_b), (far_a, far_b) = sorted(
        ((rim[:, 0] * c + rim[:, 1] * s, rim[:, 1] * c - rim[:, 0] * s) for rim, _ in rims),
        key=lambda pair: float(pair[0].mean()),
    )
    top, middle = min(near_b.min(), far_b.min()), (near_b.mean() + far_b.mean()) / 2
    cheeks = np.array([face.pt(lm.CHEEK_R), face.pt(lm.CHEEK_L)], np.float64) - origin
    outline = cheeks[:, 0] * c + cheeks[:, 1] * s
    zone |= (
        (across >= top - 0.05 * width)
        & (across <= middle)
        & (along >= near_a.max() - size)
        & (along <= far_a.min() + size)
    )
    # An arm leaves its rim at the hinge, the rim's outermost point, and runs back about
    # level with it: not up into the hair or the brow.
    for hinge_b, beyond in (
        (near_b[np.argmin(near_a)], along <= near_a.min() + size),
        (far_b[np.argmax(far_a)], along >= far_a.max() - size),
    ):
        reach = (along >= outline.min() - ARM_PAST * width) & (along <= outline.max() + ARM_PAST * width)
        zone |= beyond & reach & (np.abs(across - hinge_b) <= ARM_HALF * width)
    # Brows are left as they are: their hairs are dark lines too, and a rim traced along a
    # brow took the brow with it (a face without brows is worse than a rim's piece left
    # under one, which reads as the brow's edge).
    brows = np.zeros(darkness.shape, np.uint8)
    for brow in BROWS:
        cv2.fillPoly(brows, [np.round(face.points[list(brow), :2] - origin).astype(np.int32)], 1)
    zone &= cv2.dilate(brows, np.ones((2 * grow + 1,) * 2, np.uint8)) == 0
    threshold = max(LINE_LEAST, LINE_SHARE * strength)
    lines = ((darkness > threshold) & zone).astype(np.uint8)
    _, labels = cv2.connectedComponents(lines, connectivity=8)
    on_rims = np.unique(labels[(band > 0) & (lines > 0)])
    dark = np.isin(labels, on_rims[on_rims > 0])
    # A metal frame's lit edge is a bright line along its dark one: out with it too (only
    # beside the dark line: the skin's own bright grain is not the frame's).
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    brightness = lightness - cv2.morphologyEx(lightness, cv2.MORPH_OPEN, kernel)
    beside = cv2.dilate(dark.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    found = np.zeros((H, W), bool)
    found[y0:y1, x0:x1] = dark | (beside & zone & (brightness > threshold))
    return found


def _tinted(
    lightness: NDArray[np.float32], rims: list[tuple[NDArray[np.float64], NDArray[np.float32]]], eyes: NDArray[np.uint8]
) -> bool:
    """Whether the lenses are much darker than the skin just outside their rims."""
    for rim, _ in rims:
        inside = np.zeros(lightness.shape, np.uint8)
        cv2.fillPoly(inside, [np.round(rim).astype(np.int32)], 1)
        ring = cv2.dilate(inside, np.ones((15, 15), np.uint8)) - inside
        inside = cv2.erode(inside, np.ones((7, 7), np.uint8)) & (1 - eyes)
        if (
            inside.any()
            and ring.any()
            and float(np.median(lightness[ring > 0]) - np.median(lightness[inside > 0])) > TINT_MOST
        ):
            return True
    return False


def painted_over(image: NDArray[np.uint8], lines: NDArray[np.bool_], width: float) -> NDArray[np.uint8]:
    """`image` with thin `lines` (an old frame) filled from what lies either side of them,
    so a rim across the cheek takes the cheek's colour and a bridge the nose's, with the
    skin's grain added (a smooth fill shows the old outline as a soft band)."""
    ys, xs = np.nonzero(lines)
    if not len(ys):
        return image
    size = max(5, int(RIM_WINDOW * width)) | 1
    H, W = lines.shape
    y0, y1 = max(0, int(ys.min()) - 3 * size), min(H, int(ys.max()) + 3 * size)
    x0, x1 = max(0, int(xs.min()) - 3 * size), min(W, int(xs.max()) + 3 * size)
    window = image[y0:y1, x0:x1].astype(np.float32)
    line = lines[y0:y1, x0:x1].astype(np.uint8)
    # The hole takes in what lies just beside the line too (the lens's lit bevel, the
    # frame's shadow): left, they stay as a pale or dark ghost of its outline. It is
    # filled smoothly from its edge inwards (a membrane: each pixel the mean of its
    # neighbours), so the fill meets the skin on either side without a step.
    hole = cv2.dilate(line, np.ones((5, 5), np.uint8))
    fill = cv2.inpaint(np.ascontiguousarray(image[y0:y1, x0:x1]), hole, 3, cv2.INPAINT_TELEA).astype(np.float32)
    inside = hole > 0
    for _ in range(MEMBRANE_STEPS):
        fill[inside] = cv2.blur(fill, (3, 3))[inside]
    source = 1 - hole.astype(np.float32)
    # The fill is smooth; skin has grain. Grain as strong as the skin's round the line
    # (its fine detail's local spread) is added, the same in each channel, as skin's is.
    detail = window - cv2.GaussianBlur(window, (0, 0), 1.0)
    spread = np.sqrt(
        cv2.GaussianBlur((detail**2).mean(axis=2) * source, (0, 0), 2 * size)
        / np.maximum(cv2.GaussianBlur(source, (0, 0), 2 * size), 1e-4)
    )
    grain = cv2.GaussianBlur(np.random.default_rng(0).standard_normal(line.shape).astype(np.float32), (0, 0), 0.6)
    fill += (GRAIN * grain / max(float(grain.std()), 1e-6) * spread)[..., None]
    soft = np.maximum(cv2.GaussianBlur(hole.astype(np.float32), (0, 0), 0.7), hole)[..., None]
    out = image.copy()
    out[y0:y1, x0:x1] = np.clip(window * (1 - soft) + fill * soft + 0.5, 0, 255).astype(np.uint8)
    return out
