"""The body as clothes see it: the torso's axes, skin, and where the worn clothes are.

Shared by the fitting (where a new garment goes), the compositing (what it replaces) and
the garment analysis (a garment photographed on a model is the model's worn clothes).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.accessories import landmarks
from fitroom.engines.classic.person import (
    L_ANKLE,
    L_ELBOW,
    L_EYE,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    NOSE,
    R_ANKLE,
    R_ELBOW,
    R_EYE,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    frontal_width,
    hand_discs,
)


@dataclass
class Frame:
    """The torso's axes in the photo: shoulder midpoint, unit right and down vectors."""

    neck: NDArray[np.float64]
    right: NDArray[np.float64]
    down: NDArray[np.float64]
    width: float  # shoulder joint distance as seen
    length: float  # shoulder midpoint to hip midpoint

    @property
    def frontal_width(self) -> float:
        """Shoulder width as it would be seen from the front (a turned body looks narrower)."""
        return frontal_width(self.width, self.length)


def torso_frame(person: Person) -> Frame:
    ls, rs = person.pt(L_SHOULDER).astype(np.float64), person.pt(R_SHOULDER).astype(np.float64)
    lh, rh = person.pt(L_HIP).astype(np.float64), person.pt(R_HIP).astype(np.float64)
    neck = (ls + rs) / 2
    hips = (lh + rh) / 2
    right = ls - rs  # the person's left shoulder is on the picture's right
    width = float(np.linalg.norm(right))
    right /= max(width, 1e-6)
    down = hips - neck
    length = float(np.linalg.norm(down))
    if length < width * 0.5:
        down = np.array([-right[1], right[0]])
        length = width * 1.3
    else:
        down /= length
    return Frame(neck, right, down, width, length)


def squared_distance(
    lab: NDArray[np.float32], colour: NDArray[np.float32], weights: tuple[float, float, float] = (1.0, 1.0, 1.0)
) -> NDArray[np.float32]:
    """Per pixel, the weighted squared distance to one Lab colour (OpenCV's vector ops:
    many times faster than numpy's norm over the channel axis)."""
    diff = cv2.subtract(lab, (float(colour[0]), float(colour[1]), float(colour[2]), 0.0))
    return cv2.transform(cv2.multiply(diff, diff), np.array([[w * w for w in weights]], np.float32))


#: Lightness varies with folds and light far more than hue does: weighed less when
#: telling whether two garment colours are the same.
GARMENT_WEIGHTS = (0.4, 1.0, 1.0)
#: Two colours closer than this (Lab, weighed by `GARMENT_WEIGHTS`) are the same garment's.
SAME_GARMENT_COLOUR = 22
#: How far below the hips the band of an old top's long hem is looked for, in torso lengths.
LONG_HEM_DROP = 0.7


def near_colour(lab: NDArray[np.float32], colour: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Per pixel, whether it is the same garment colour as `colour`."""
    return squared_distance(lab, colour, GARMENT_WEIGHTS) < SAME_GARMENT_COLOUR**2


def skin_like(person: Person) -> NDArray[np.bool_]:
    lab = person.lab()
    chroma = squared_distance(lab, person.skin_lab, (0.0, 1.0, 1.0))
    lightness = squared_distance(lab, person.skin_lab, (1.0, 0.0, 0.0))
    return (chroma < 14**2) & (lightness < 70**2)


def worn_colours(lab: NDArray[np.float32], person: Person, category: str) -> list[NDArray[np.float32]]:
    """The main colours of what the person now wears where the new garment goes (across
    the chest, or the thighs): one for a plain garment, two or three for stripes, checks
    or a print, each covering at least a sixth of the samples."""
    if category == "bottom":
        a = person.pt(L_HIP) * 0.7 + person.pt(L_KNEE) * 0.3
        b = person.pt(R_HIP) * 0.7 + person.pt(R_KNEE) * 0.3
    else:
        a = person.pt(L_SHOULDER) * 0.6 + person.pt(L_HIP) * 0.4
        b = person.pt(R_SHOULDER) * 0.6 + person.pt(R_HIP) * 0.4
    h, w = lab.shape[:2]
    samples = []
    for t in np.linspace(0.25, 0.75, 5):
        x, y = (a * t + b * (1 - t)).astype(int)
        r = max(2, int(person.shoulder_width * 0.05))
        patch = lab[max(0, y - r) : min(h, y + r), max(0, x - r) : min(w, x + r)].reshape(-1, 3)
        if len(patch):
            samples.append(patch)
    if not samples:
        return [np.zeros(3, np.float32)]
    pixels = np.ascontiguousarray(np.concatenate(samples), dtype=np.float32)
    if len(pixels) < 12:
        return [np.median(pixels, axis=0)]
    cv2.setRNGSeed(0)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    _, labels, _ = cv2.kmeans(pixels, 3, None, criteria, 1, cv2.KMEANS_PP_CENTERS)
    shares = np.bincount(labels.ravel(), minlength=3) / len(labels)
    return [np.median(pixels[labels.ravel() == k], axis=0) for k in np.argsort(-shares) if shares[k] >= 1 / 6]


def hands_in_front(person: Person, reach: NDArray[np.bool_] | None = None) -> NDArray[np.bool_]:
    """The hand pixels a new garment must not cover.

    Round each hand the pose sees, what looks like skin. When the clothes round a hand
    are skin-coloured too (camel trousers, beige shorts), colour cannot tell hand from
    cloth: there the hand landmark model outlines the hand, and a hand it does not find
    is in a pocket or behind the body, so nothing of its disc is kept. The model runs
    only for those hands, only where `reach` (what the new garment may cover) meets the
    hand, and once per photo (the landmarks stay on the person). Each step looks only at
    the box round the hand it is about.
    """
    w, h = person.size
    keep = np.zeros((h, w), bool)
    # Each hand's box reaches 1.5 radii round it: the disc, and the ring round it. All
    # the discs' skin is kept before any hand's checks may take its disc out again.
    hands = []
    for side, centre, radius in hand_discs(person.points, person.visibility, person.shoulder_width):
        box, local = _near(person, np.array([centre], np.float64), int(radius * 1.5))
        if box is None:
            continue
        middle = (centre[0] - box[0], centre[1] - box[1])
        disc = np.zeros(local.mask.shape, np.uint8)
        cv2.circle(disc, middle, radius, 255, -1)
        skin = skin_like(local)
        keep[box_slices(box)] |= (disc > 0) & skin
        hands.append((side, middle, radius, box, local, disc, skin))
    for side, middle, radius, box, local, disc, skin in hands:
        window = box_slices(box)
        if reach is not None and not (reach[window] & (disc > 0)).any():
            continue
        # Round the hand, but off the forearm (bare, it is skin whatever the clothes are).
        ring = np.zeros(local.mask.shape, np.uint8)
        cv2.circle(ring, middle, int(radius * 1.5), 255, -1)
        elbow, wrist = (
            (local.pt(L_ELBOW), local.pt(L_WRIST)) if side == "left" else (local.pt(R_ELBOW), local.pt(R_WRIST))
        )
        beyond = wrist + (wrist - elbow) * 0.3
        cv2.line(
            ring,
            tuple(np.floor(elbow).astype(int)),
            tuple(np.floor(beyond).astype(int)),
            0,
            max(2, int(person.shoulder_width * 0.25)),
        )
        ring_pixels = (ring > 0) & (disc == 0) & (local.mask > 0.5)
        if not ring_pixels.any() or np.count_nonzero(skin & ring_pixels) < 0.4 * np.count_nonzero(ring_pixels):
            continue
        found = landmarks.hand(person, side)
        keep[window] &= disc == 0
        if found is None:
            continue
        finger = max(3, int(found.palm_width * 0.25)) | 1
        hull = cv2.convexHull(found.points[:, :2].astype(np.int32))
        outline_box, seen = _near(person, hull.reshape(-1, 2).astype(np.float64), finger)
        if outline_box is None:
            continue
        outline = np.zeros(seen.mask.shape, np.uint8)
        cv2.fillConvexPoly(outline, hull - np.array(outline_box[:2], np.int32), 255)
        outline = cv2.dilate(outline, np.ones((finger, finger), np.uint8))
        # Within the outline, what is nearer the skin's colour than the cloth round it.
        cloth = np.median(local.lab()[ring_pixels], axis=0)
        lab = seen.lab()
        nearer = squared_distance(lab, person.skin_lab) < squared_distance(lab, cloth)
        hand = (outline > 0) & skin_like(seen) & nearer
        # A few fingertips showing at a pocket would be specks on the new garment.
        if np.count_nonzero(hand) >= 0.25 * np.count_nonzero(outline):
            keep[box_slices(outline_box)] |= hand
    return keep


def _near(person: Person, points: NDArray[np.float64], pad: int) -> tuple[tuple[int, int, int, int] | None, Person]:
    """The photo's box round `points`, `pad` pixels wider each side (None when it misses
    the photo), and the person seen through it."""
    w, h = person.size
    low, high = points.min(axis=0) - pad, points.max(axis=0) + pad + 1
    x0, y0 = max(0, int(low[0])), max(0, int(low[1]))
    x1, y1 = min(w, int(np.ceil(high[0]))), min(h, int(np.ceil(high[1])))
    if x1 <= x0 or y1 <= y0:
        return None, person
    return (x0, y0, x1, y1), person.crop(x0, y0, x1, y1)


def box_slices(box: tuple[int, int, int, int]) -> tuple[slice, slice]:
    """The rows and columns of an (x0, y0, x1, y1) box, to index an image with."""
    return slice(box[1], box[3]), slice(box[0], box[2])


def torso_zone(person: Person, frame: Frame) -> NDArray[np.uint8]:
    """255 over the torso and, since collars and shoulder tops sit above the shoulder
    joints, the neck up towards the chin."""
    w, h = person.size
    zone = np.zeros((h, w), np.uint8)
    torso = np.array([person.pt(i) for i in (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)], np.int32)
    cv2.fillConvexPoly(zone, torso, 255)
    up = -frame.down * frame.frontal_width * 0.35
    shoulders = [person.pt(i).astype(np.float64) for i in (L_SHOULDER, R_SHOULDER)]
    cv2.fillConvexPoly(zone, np.array([*shoulders, shoulders[1] + up, shoulders[0] + up], np.int32), 255)
    return zone


def worn_mask(
    person: Person,
    category: str,
    frame: Frame,
    skin: NDArray[np.bool_] | None = None,
    hands: NDArray[np.bool_] | None = None,
) -> NDArray[np.float32]:
    """Where the clothes the new garment replaces are: in its body zone, coloured like them.

    `skin` is `skin_like(person)` when the caller has it already; `hands`, the hand
    pixels to keep (default: the pose's hand discs).
    """
    w, h = person.size
    zone = np.zeros((h, w), np.uint8)
    arms = np.zeros((h, w), np.uint8)
    s = frame.width
    if category in ("top", "dress"):
        reach = max(1, int(s * 0.12))
        zone = cv2.dilate(torso_zone(person, frame), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
        for a, b in ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW), (L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
            p, q = person.pt(a), person.pt(b)
            if b in (L_WRIST, R_WRIST):
                q = q + (q - p) * 0.12  # a cuff reaches over the wrist joint
            cv2.line(arms, tuple(p.astype(int)), tuple(q.astype(int)), 255, max(2, int(s * 0.4)))
    if category in ("bottom", "dress"):
        for a, b in ((L_HIP, L_KNEE), (R_HIP, R_KNEE), (L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE), (L_HIP, R_HIP)):
            p, q = person.pt(a).astype(int), person.pt(b).astype(int)
            cv2.line(zone, tuple(p), tuple(q), 255, max(2, int(s * 0.45)))
    lab = person.lab()
    nearest = np.minimum.reduce(
        [squared_distance(lab, colour, GARMENT_WEIGHTS) for colour in worn_colours(lab, person, category)]
    )
    similar = nearest < SAME_GARMENT_COLOUR**2
    # On the torso, only what looks like the worn garment (not trousers below it); on the
    # arms, anything that is not skin is a sleeve.
    # Sleeve edges are soft in the person mask: take them down to 0.3, or they stay as a fringe.
    skin = skin_like(person) if skin is None else skin
    # A skin-coloured garment (pink, beige) passes for skin: a pixel of its colour that is
    # nearer that colour than the skin's is the garment (on the body zone and the arms, and in the
    # broad bands round the thighs where loose bottoms stand out).
    cloth = similar & (nearest < squared_distance(lab, person.skin_lab, GARMENT_WEIGHTS))
    hands_kept = (person.hands > 0) if hands is None else hands
    free = (~skin | (cloth & ((zone > 0) | (arms > 0)))) & (person.face == 0) & ~hands_kept
    clothes = (((zone > 0) & similar & (person.mask > 0.5)) | ((arms > 0) & (person.mask > 0.3))) & free
    if category in ("top", "dress"):
        # A boxy or dropped-shoulder sleeve hangs well wide of the arm.
        clothes |= _joined(_round_bones(person, _UPPER_ARMS, s * 1.1) & free, similar, clothes, s)
    if category == "top":
        clothes |= _long_hem(person, frame, similar, free, clothes)
    if category in ("bottom", "dress"):
        # Loose shorts, wide trousers and skirts stand well out from the thighs.
        clothes |= _joined(_round_bones(person, _THIGHS, s) & (free | (cloth & ~hands_kept)), similar, clothes, s)
    clothes |= _edge_bands(person, frame, category, lab, (zone, arms), clothes, free, similar, hands_kept)
    return clothes.astype(np.float32)


#: How far beyond the old garment's colours its bands of another colour reach (a hem's
#: rib, a cuff, a collar, a hood round the neck, a waistband), in shoulder widths.
EDGE_BAND = 0.12


def _edge_bands(
    person: Person,
    frame: Frame,
    category: str,
    lab: NDArray[np.float32],
    zones: tuple[NDArray[np.uint8], NDArray[np.uint8]],
    clothes: NDArray[np.bool_],
    free: NDArray[np.bool_],
    similar: NDArray[np.bool_],
    hands: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """The old garment's bands of another colour at its edges: a sweater's red rib at the
    waist, a collar or hood above the neckline, a skirt's waistband, an undershirt at the
    neck. They are not the garment's main colours, so `worn_mask` misses them, and left
    alone they show as a strip round the new garment or the rebuilt skin.

    Grown from the garment, pixel by pixel, through what is on the person and `free`
    (not skin), within `zones` (the garment's body zone and its arms) and at most
    `EDGE_BAND` shoulder widths; never into the hair, the other garment (the top over a
    skirt; from the lower torso down and off the arms, the trousers under a top), the
    garment's own colours (`similar`) there, left out of it on purpose (trousers of the
    same colour), or, for bottoms and dresses, below the knees (the shoes). The band's
    outline, half band and half what is beside it, goes with it, skin-coloured or not
    (beige trousers under a red rib), except on the `hands` and face. Parts thinner than
    a rib (a necklace, a drawstring) are left as they are. Over the chest it reaches
    twice as far: a hood's inside and an undershirt fill the old neckline.
    """
    s = person.shoulder_width
    steps = max(1, int(s * EDGE_BAND))
    body, arms = zones
    room = cv2.dilate(body | arms, np.ones((2 * steps + 1, 2 * steps + 1), np.uint8)) > 0
    h, w = free.shape
    depth = (np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])) * np.float32(frame.down[1]) + (
        np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ) * np.float32(frame.down[0])
    # A crop top ends well above the waist, over high-waisted trousers; the arms hang
    # down beside them in sleeves of any colour.
    waist_down = (depth > 0.6 * frame.length) & (arms == 0)
    grow = free & room & (person.mask > 0.5) & ~clothes & ~(similar & waist_down)
    for colour in _hair_colours(person, lab, free):
        grow &= ~near_colour(lab, colour)
    if category == "top" and person.visible(L_HIP, R_HIP, threshold=0.3):
        for colour in worn_colours(lab, person, "bottom"):
            grow &= ~(near_colour(lab, colour) & waist_down)
    elif category == "bottom":
        for colour in worn_colours(lab, person, "top"):
            grow &= ~near_colour(lab, colour)
    if category in ("bottom", "dress"):
        knees = (person.pt(L_KNEE) + person.pt(R_KNEE)) / 2
        grow[max(0, min(grow.shape[0], int(knees[1]))) :] = False
    if not grow.any():
        return np.zeros_like(clothes)
    allowed = grow.astype(np.uint8)
    band = clothes.astype(np.uint8)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(steps):
        band = cv2.bitwise_or(band, cv2.bitwise_and(cv2.dilate(band, cross), allowed))
    chest = cv2.bitwise_and(allowed, (depth < 0.4 * frame.length).astype(np.uint8))
    for _ in range(steps):
        band = cv2.bitwise_or(band, cv2.bitwise_and(cv2.dilate(band, cross), chest))
    # What is thinner than a rib or a collar is not one: a necklace, a drawstring.
    thin = max(3, int(s * 0.04)) | 1
    opened = cv2.morphologyEx(
        ((band > 0) & grow).astype(np.uint8), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (thin, thin))
    )
    added = opened > 0
    if not added.any():
        return added
    rim = 2 * max(1, int(s * 0.012)) + 1
    outline = cv2.dilate(added.astype(np.uint8), np.ones((rim, rim), np.uint8)) > 0
    return (added | (outline & room & (person.mask > 0.3) & ~hands & (person.face == 0))) & ~clothes


def _hair_colours(person: Person, lab: NDArray[np.float32], free: NDArray[np.bool_]) -> list[NDArray[np.float32]]:
    """The colour of the hair, seen just above the face (none when the head is bald, cut
    off or not seen): long hair lies over the old garment's edges and must stay."""
    if person.visibility[NOSE] < 0.5 or min(person.visibility[L_EYE], person.visibility[R_EYE]) < 0.5:
        return []
    eyes = (person.pt(L_EYE) + person.pt(R_EYE)) / 2
    span = float(np.linalg.norm(person.pt(L_EYE) - person.pt(R_EYE)))
    w, h = person.size
    x, y = int(eyes[0]), int(eyes[1] - span * 1.6)
    r = max(2, int(span * 0.5))
    window = slice(max(0, y - r), max(0, min(h, y + r))), slice(max(0, x - 2 * r), min(w, x + 2 * r))
    pixels = lab[window][(person.mask[window] > 0.5) & free[window]]
    if len(pixels) < 20:
        return []
    return [np.median(pixels, axis=0).astype(np.float32)]


_UPPER_ARMS = ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW))
_THIGHS = ((L_HIP, L_KNEE), (R_HIP, R_KNEE))


def _round_bones(person: Person, bones: tuple[tuple[int, int], ...], width: float) -> NDArray[np.bool_]:
    """The person's pixels in a band `width` wide along each bone.

    An old garment's part that stands out from the limb (a wide sleeve, a skirt) lies
    there; left alone, strips of it would stay beside a narrower new garment.
    """
    w, h = person.size
    band = np.zeros((h, w), np.uint8)
    for a, b in bones:
        cv2.line(band, tuple(person.pt(a).astype(int)), tuple(person.pt(b).astype(int)), 255, max(2, int(width)))
    return (band > 0) & (person.mask > 0.5)


def _joined(
    reach: NDArray[np.bool_], similar: NDArray[np.bool_], clothes: NDArray[np.bool_], s: float
) -> NDArray[np.bool_]:
    """The pixels within `reach`, coloured like the worn garment, that join it; a thin
    trim of another colour (a printed tape, a hem stitch) is closed over."""
    count, labels = cv2.connectedComponents(((similar & reach) | clothes).astype(np.uint8), connectivity=8)
    joined = np.bincount(labels[clothes], minlength=count) > 0  # counting, not sorting: cheaper
    joined[0] = False
    side = max(3, int(s * 0.05)) | 1
    grown = cv2.morphologyEx(joined[labels].astype(np.uint8), cv2.MORPH_CLOSE, np.ones((side, side), np.uint8))
    return (grown > 0) & reach


def _long_hem(
    person: Person, frame: Frame, similar: NDArray[np.bool_], free: NDArray[np.bool_], clothes: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """The part of a long old top that hangs below the hips.

    Left alone, a band of it would show under a shorter new top. Taken only when it ends
    within the band below the hips: when the colour goes on down, it is the trousers or
    skirt (the same colour as the top), not the top.
    """
    w, h = person.size
    hips = [person.pt(i).astype(np.float64) for i in (L_HIP, R_HIP)]
    out = frame.right * frame.frontal_width * 0.35
    drop = frame.down * frame.length * LONG_HEM_DROP
    top_left, top_right = hips[1] - out, hips[0] + out
    band = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(band, np.array([top_left, top_right, top_right + drop, top_left + drop], np.int32), 255)
    lower = np.zeros((h, w), np.uint8)
    half = drop * 0.5
    cv2.fillConvexPoly(
        lower, np.array([top_left + half, top_right + half, top_right + drop, top_left + drop], np.int32), 255
    )
    body = person.mask > 0.5
    seen = np.count_nonzero((lower > 0) & body)
    if not seen or np.count_nonzero((lower > 0) & body & similar) > 0.5 * seen:
        return np.zeros_like(clothes)
    return _joined((band > 0) & body & free, similar, clothes, frame.width)


#: Limb radii at each joint, as shares of the frontal shoulder width (adult proportions).
_ARMS = (
    (L_SHOULDER, L_ELBOW, 0.15, 0.11),
    (R_SHOULDER, R_ELBOW, 0.15, 0.11),
    (L_ELBOW, L_WRIST, 0.11, 0.075),
    (R_ELBOW, R_WRIST, 0.11, 0.075),
)
_LEGS = (
    (L_HIP, L_KNEE, 0.21, 0.13),
    (R_HIP, R_KNEE, 0.21, 0.13),
    (L_KNEE, L_ANKLE, 0.13, 0.075),
    (R_KNEE, R_ANKLE, 0.13, 0.075),
)


def limbs(
    person: Person, frame: Frame, category: str
) -> tuple[NDArray[np.float32], tuple[NDArray[np.float32], NDArray[np.float32]]]:
    """The bare limbs a garment may uncover, as tapered cylinders along the bones.

    Returns how much of each pixel is limb (soft-edged) and the picture-right and down
    parts of the cylinders' unit surface normals (0 off the limbs: facing the camera),
    so rebuilt skin can be lit as a rounded form. A sleeve or trouser leg is
    wider than the limb inside it: what lies between the two is background, not skin.
    """
    w, h = person.size
    segments = _ARMS if category in ("top", "dress") else ()
    segments += _LEGS if category in ("bottom", "dress") else ()
    nearest = np.full((h, w), np.inf, np.float32)  # distance from the bone over the radius there
    radius_px = np.ones((h, w), np.float32)
    tilt_x, tilt_y = np.zeros((h, w), np.float32), np.zeros((h, w), np.float32)
    scale = frame.frontal_width
    for a, b, ra, rb in segments:
        p, q = person.pt(a).astype(np.float32), person.pt(b).astype(np.float32)
        # Only the box round the bone can be inside this limb (or 1.5 px from its edge).
        reach = max(ra, rb) * scale + 2
        x0, y0 = (int(max(0, np.floor(v))) for v in np.minimum(p, q) - reach)
        x1, y1 = int(min(w, np.ceil(max(p[0], q[0]) + reach))), int(min(h, np.ceil(max(p[1], q[1]) + reach)))
        if x1 <= x0 or y1 <= y0:
            continue
        ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        v = q - p
        t = np.clip(((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / max(float(v @ v), 1e-6), 0, 1)
        radius = (ra + (rb - ra) * t) * scale
        off_x, off_y = xs - p[0] - t * v[0], ys - p[1] - t * v[1]
        relative = np.hypot(off_x, off_y) / radius
        box = slice(y0, y1), slice(x0, x1)
        closer = relative < nearest[box]
        nearest[box][closer] = relative[closer]
        radius_px[box][closer] = radius[closer]
        # Across the cylinder the surface turns from facing the camera to edge-on.
        np.copyto(tilt_x[box], np.clip(off_x / radius, -1, 1), where=closer)
        np.copyto(tilt_y[box], np.clip(off_y / radius, -1, 1), where=closer)
    inside = np.clip((1 - nearest) * radius_px / 1.5, 0, 1).astype(np.float32)
    return inside, (tilt_x, tilt_y)
