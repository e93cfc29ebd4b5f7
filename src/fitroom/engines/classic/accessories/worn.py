"""What the person already wears where an accessory goes.

A second pair of glasses drawn over the person's own is wrong to any shopper, and the old
frame cannot be painted out believably (filled from the skin round it, it stays as a pale
ghost of its outline round the new lenses): such a photo is refused with the reason.
"""

from __future__ import annotations

import cv2
import numpy as np
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
    # Looked for in the photo at basic size at most: the thresholds were measured there,
    # and a sharper photo shows bends of hair that close into rings.
    factor = min(1.0, TIERS[TierName.BASIC].long_side / max(image.shape[:2]))
    seen = image
    if factor < 1.0:
        size = (max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor)))
        seen = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    found = np.zeros(seen.shape[:2], bool)
    for lobe, _, turn in lm.ear_lobes(face):
        if turn >= -0.25:
            _hoop_at(seen, lobe * factor, face.height * factor, found)
    if factor < 1.0:
        found = (
            cv2.resize(found.astype(np.uint8), (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST) > 0
        )
    return found


def _hoop_at(image: NDArray[np.uint8], lobe: NDArray[np.float64], height: float, found: NDArray[np.bool_]) -> None:
    """Mark in `found` the thin lines round `lobe` that make a hoop."""
    H, W = image.shape[:2]
    x0, x1 = int(max(0, lobe[0] - 0.25 * height)), int(min(W, lobe[0] + 0.25 * height))
    y0, y1 = int(max(0, lobe[1] - 0.22 * height)), int(min(H, lobe[1] + 0.42 * height))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return
    window = np.ascontiguousarray(image[y0:y1, x0:x1])
    lab = cv2.cvtColor(window, cv2.COLOR_RGB2LAB).astype(np.float32)
    median = cv2.cvtColor(cv2.medianBlur(window, max(3, int(height * THIN_WINDOW)) | 1), cv2.COLOR_RGB2LAB)
    thin = (np.linalg.norm(lab - median.astype(np.float32), axis=2) > THIN_CONTRAST).astype(np.uint8)
    thin = cv2.morphologyEx(thin, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(thin, connectivity=8)
    local = lobe - np.array([x0, y0])
    for i in range(1, count):
        longest = max(stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT])
        if not HOOP_SIZE[0] * height <= longest <= 0.4 * height or stats[i, cv2.CC_STAT_AREA] < 12:
            continue
        line = labels == i
        if _is_hoop(line, thin, lab, local, height):
            found[y0:y1, x0:x1] |= line


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
