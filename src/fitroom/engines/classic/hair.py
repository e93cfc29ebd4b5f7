"""The person's own hair falling in front of the shoulders and beside the neck: it stays
in front of a new top or dress, with its own soft ends, rather than being cut into flat
blocks where the garment is drawn."""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic.body import Frame, torso_frame
from fitroom.engines.classic.boxes import Box, bounds, box_slices
from fitroom.engines.classic.colour import near_colour, squared_distance, squared_distances
from fitroom.engines.classic.old_garment import worn_colours
from fitroom.engines.classic.person import L_EYE, R_EYE, Person

#: Lightness varies along a strand (highlights, shade) far more than its hue does.
HAIR_WEIGHTS = (0.5, 1.0, 1.0)
#: A pixel this near the hair's colour (Lab, weighed by `HAIR_WEIGHTS`) may be hair.
HAIR_REACH = 18.0
#: A pixel this much farther still is hair where it joins hair within `HAIR_REACH`: the
#: sunlit or shaded side of a curl, which `HAIR_REACH` alone cut out of the locks (the
#: garment drawn in the gaps, a lock's lit end cut off at the shoulder).
HAIR_LOOSE = 1.8
#: How far (shoulder widths) hair is followed past the person's outline: the cut-out
#: misses loose curls, which a wider new top's shoulder is drawn over.
HAIR_OUTSIDE = 0.06
#: Hue alone (Lab a, b): what tells a lit strand from shaded skin.
HUE_WEIGHTS = (0.0, 1.0, 1.0)
#: A pixel farther than this from the skin's colour (same weights) is not the skin.
SKIN_REACH = 14.0
#: The ring round the face the hair's colour is read in, in shoulder widths, and the
#: least share of the grown face that must be of a colour other than the skin's.
HAIR_RING, HAIR_SHARE = 0.08, 0.08
#: How many times wider the ring round the face is where the photo's top cuts it off.
CUT_HEAD_RING = 3.0
#: A pixel of an old top's colour is still hair where its hue is this many times nearer
#: the hair's than the top's: dark brown strands are as dark as a black top, not of its
#: hue (cut away with it, long hair was cut off at the lips); black hair over a black top
#: is of the top's hue too, and goes with it.
WORN_HUE_APART = 2.0
#: The least hue difference (Lab a, b) between the hair and an old top for a strand to be
#: told from the top by its hue: a black top's and black hair's hues are both grey noise.
WORN_HUE_MIN = 8.0
#: Hair is looked for down to this share of the torso's length below the shoulders'
#: midpoint (over the chest), and this many shoulder widths either side of it.
HAIR_DEPTH, HAIR_SIDE = 0.55, 0.85


def _read(person: Person, frame: Frame) -> tuple[NDArray[np.float32] | None, int]:
    """The hair's colour (`hair_colour`) and the ring round the face (pixels) it was read
    in, which the hair is followed from. Round a face the photo's top cuts off (eyes out
    of the photo) the face's ellipse is only the mouth and chin, narrower than the cheeks:
    where the usual ring finds only the cheeks' own skin there, it is read again
    `CUT_HEAD_RING` times wider to reach the hair beside them (long hair was found
    nowhere and cut off at the lips by every new top)."""
    ring = max(3, int(frame.width * HAIR_RING))
    colour = _colour_in_ring(person, frame, ring)
    found = bounds(person.face)
    if colour is None and found is not None and found[1] == 0:
        ring = max(3, int(frame.width * HAIR_RING * CUT_HEAD_RING))
        colour = _colour_in_ring(person, frame, ring)
    return colour, ring


def hair_colour(person: Person, frame: Frame) -> NDArray[np.float32] | None:
    """The hair's colour, read round the face above the shoulders (over the head and
    beside the cheeks: a head cut off by the photo's top still shows it there): what is
    on the person there and not like the skin. None when too little of it is (a bald
    head, short hair against the backdrop)."""
    return _read(person, frame)[0]


def _colour_in_ring(person: Person, frame: Frame, ring: int) -> NDArray[np.float32] | None:
    """`hair_colour` read in a ring `ring` pixels wide round the face."""
    found = bounds(person.face, pad=ring + 1)
    if found is None:
        return None
    x0, y0, x1, y1 = found
    box = slice(y0, y1), slice(x0, x1)
    face = person.face[box]
    grown = cv2.dilate(face, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * ring + 1, 2 * ring + 1)))
    around = (grown > 0) & (face == 0) & (person.mask[box] > 0.5) & (_depth(frame, found) < 0)
    # Beside the cheeks and over the head, not under the chin: there the ring is the
    # neck, and its shade read as the hair's colour took the neck and a V neckline's
    # bare chest for hair kept in front (a V cut into every new top).
    chin = int(np.flatnonzero(face.any(axis=1))[-1])
    around[chin:] = False
    lab = person.lab()[box]
    pixels = lab[around & (squared_distance(lab, person.skin_lab, HAIR_WEIGHTS) > SKIN_REACH**2)]
    if len(pixels) < max(20, HAIR_SHARE * np.count_nonzero(grown > 0)):
        return None
    colour = np.median(pixels, axis=0).astype(np.float32)
    # Hair of the skin's own hue and near its lightness (fair blonde on fair skin) cannot
    # be told from the skin's shadows by colour: left alone rather than kept as blotches.
    if float(squared_distance(colour.reshape(1, 1, 3), person.skin_lab, HAIR_WEIGHTS)[0, 0]) < (2 * SKIN_REACH) ** 2:
        return None
    return colour


def _hue_apart(colour: NDArray[np.float32], worn: NDArray[np.float32]) -> bool:
    """Whether the hair's hue and an old top's differ by `WORN_HUE_MIN` or more."""
    return float(squared_distance(colour.reshape(1, 1, 3), worn, HUE_WEIGHTS)[0, 0]) >= WORN_HUE_MIN**2


def _depth(frame: Frame, box: Box) -> NDArray[np.float32]:
    """Per pixel of `box`, how far below the shoulders' midpoint it is along the torso."""
    return _along(frame, frame.down, box)


def _along(frame: Frame, axis: NDArray[np.float32], box: Box) -> NDArray[np.float32]:
    """Per pixel of `box`, how far from the shoulders' midpoint it is along `axis`."""
    x0, y0, x1, y1 = box
    # A row of columns and a column of rows, summed out to the box: a full grid of each
    # cost as much again, for the same values.
    xs = np.arange(x0, x1, dtype=np.float32)[None, :]
    ys = np.arange(y0, y1, dtype=np.float32)[:, None]
    return (xs - np.float32(frame.neck[0])) * np.float32(axis[0]) + (ys - np.float32(frame.neck[1])) * np.float32(
        axis[1]
    )


def _reach(person: Person, frame: Frame, pad: int) -> Box:
    """The box round where hair is looked for: the face and the ring round it, and the
    band `HAIR_SIDE` either side of the torso's axis from the photo's top down to
    `HAIR_DEPTH`, `pad` wider (the closing and the blur see all they would in the photo)."""
    w, h = person.size
    far = float(w + h)
    corners = [
        np.asarray(frame.neck, np.float64) + np.asarray(frame.right) * side + np.asarray(frame.down) * depth
        for side in (-frame.width * HAIR_SIDE, frame.width * HAIR_SIDE)
        for depth in (-far, frame.length * HAIR_DEPTH)
    ]
    xs, ys = [float(c[0]) for c in corners], [float(c[1]) for c in corners]
    box = (
        max(0, int(np.floor(min(xs))) - pad),
        max(0, int(np.floor(min(ys))) - pad),
        min(w, int(np.ceil(max(xs))) + 1 + pad),
        min(h, int(np.ceil(max(ys))) + 1 + pad),
    )
    face = bounds(person.face, pad=pad)
    if face is None:
        return box
    return min(box[0], face[0]), min(box[1], face[1]), max(box[2], face[2]), max(box[3], face[3])


def hair_in_front(person: Person, category: str) -> NDArray[np.float32]:
    """How much of each pixel (0..1) is the person's hair over the shoulders, chest and
    beside the neck: pixels of the hair's colour, nearer it than the skin's, within the
    person, in one piece with the hair round the head (`_dark_hair`), and fair strands the
    skin's colour hides (`_fair_hair`). The old garment's colours are not hair (black hair
    over a black top of its shade: the top goes) except where they hang from the crown
    apart from the top (`_top_reached`), nor is anything away from the head (a dark
    backdrop or garment elsewhere)."""
    w, h = person.size
    kept = np.zeros((h, w), np.float32)
    around = _around(person, category)
    if around is None:
        return kept
    frame, found, head, allowed, off_face, near_body, colour = around
    keep = _fair_hair(person, frame, found, head, allowed & off_face)
    if colour is not None:
        s = max(3, int(frame.width * 0.02) | 1)
        opening = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (s, s))
        keep |= _dark_hair(person, frame, found, colour, head, opening, allowed & near_body)
    keep &= off_face
    if not keep.any():
        return kept
    # Soft ends: the strands fade over a pixel or two, as in the photo.
    matte = cv2.GaussianBlur(keep.astype(np.float32), (0, 0), _soft(frame))
    kept[box_slices(found)] = np.minimum(matte, near_body.astype(np.float32))
    return kept


def fair_hair_in_front(person: Person, category: str) -> NDArray[np.bool_]:
    """The fair strands (`_fair_hair`) of `hair_in_front`, on the whole photo: what
    `checks.fair_hair_cut` reads."""
    w, h = person.size
    fair = np.zeros((h, w), bool)
    around = _around(person, category)
    if around is not None:
        frame, found, head, allowed, off_face, _, _ = around
        fair[box_slices(found)] = _fair_hair(person, frame, found, head, allowed & off_face)
    return fair


class _Around(NamedTuple):
    """Where `hair_in_front` looks, in the torso's `frame`: the box (`_reach`) and, in
    it, the face's ring (`head`, above the shoulders), where hair may be followed
    (`allowed`: over the shoulders and chest, clear of the hands) and kept (`off_face`:
    clear of the face, not far above the head), the person's outline grown by
    `HAIR_OUTSIDE` (`near_body`), and the hair's colour read in the ring (`_read`)."""

    frame: Frame
    found: Box
    head: NDArray[np.bool_]
    allowed: NDArray[np.bool_]
    off_face: NDArray[np.bool_]
    near_body: NDArray[np.bool_]
    colour: NDArray[np.float32] | None


def _soft(frame: Frame) -> float:
    """The blur (pixels) of the kept hair's ends."""
    return max(0.8, frame.width * 0.006)


def _around(person: Person, category: str) -> _Around | None:
    """`_Around` for a top or dress on a person whose face is found, else None."""
    if category == SwapTarget.BOTTOM or not person.face.any():
        return None
    frame = torso_frame(person)
    colour, ring = _read(person, frame)
    s = max(3, int(frame.width * 0.02) | 1)
    # Worked out in the box where hair is looked for, not over the whole photo: room
    # round it for the opening, the ring and the blur, so the same pixels come out.
    found = _reach(person, frame, pad=2 * ring + s + int(4 * _soft(frame)) + 4)
    box = box_slices(found)
    depth = _depth(frame, found)
    side = _along(frame, frame.right, found)
    face = person.face[box]
    head = _head_ring(face, ring) & (depth < 0)
    allowed = (depth < frame.length * HAIR_DEPTH) & (np.abs(side) < frame.width * HAIR_SIDE)
    allowed &= person.hands[box] == 0
    outside = max(1, int(frame.width * HAIR_OUTSIDE))
    near_body = cv2.dilate((person.mask[box] > 0.3).astype(np.uint8), np.ones((2 * outside + 1,) * 2, np.uint8)) > 0
    return _Around(frame, found, head, allowed, (depth > -frame.length) & (face == 0), near_body, colour)


def _dark_hair(
    person: Person,
    frame: Frame,
    found: Box,
    colour: NDArray[np.float32],
    head: NDArray[np.bool_],
    opening: NDArray[np.uint8],
    allowed: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """`hair_in_front` by the hair's colour (`hair_colour`), within `found`: the pixels
    of that colour, nearer it than the skin's, in one piece with the hair round the head
    (`head`) and within `allowed` (the band over the shoulders, near the body)."""
    box = box_slices(found)
    y0 = found[1]
    lab = person.lab()[box]
    near, hair_hue = squared_distances(lab, colour, HAIR_WEIGHTS, HUE_WEIGHTS)
    skin_near, skin_hue = squared_distances(lab, person.skin_lab, HAIR_WEIGHTS, HUE_WEIGHTS)
    loose = (near < (HAIR_LOOSE * HAIR_REACH) ** 2) & (near < skin_near)
    # Beyond `HAIR_REACH` only of the hair's hue rather than the skin's: a lit strand keeps
    # the hair's hue, a shaded neck the skin's (dark skin's shade beside short dark hair
    # was followed down the neck into the old top's neckline).
    hue = hair_hue < skin_hue
    loose &= (near < HAIR_REACH**2) | hue
    taken = np.zeros(loose.shape, bool)
    for worn in worn_colours(person.lab(), person, SwapTarget.TOP):
        of_worn = near_colour(lab, worn)
        if _hue_apart(colour, worn):
            of_worn &= hair_hue * WORN_HUE_APART**2 >= squared_distance(lab, worn, HUE_WEIGHTS)
        taken |= of_worn
    depth = _depth(frame, found)
    side = _along(frame, frame.right, found)
    on_person = person.mask[box] > OFF_PERSON
    crown = head & on_person & (near < HAIR_REACH**2)
    crown[max(0, _eye_row(person) - y0) :] = False
    loose &= ~_top_reached(person.image[box], loose & on_person, taken, crown, depth, side, frame)
    # The face's ellipse reaches over the hair beside the cheeks: the strands are followed
    # through it, and it is left out afterwards (it is kept anyway).
    loose &= allowed
    loose &= ~_backdrop_like(lab, near, person.mask[box], loose, max(1, int(frame.width * HAIR_OUTSIDE)))
    # Specks of the hair's colour on a print or in a fold are not strands.
    hair = cv2.morphologyEx((loose & (near < HAIR_REACH**2)).astype(np.uint8), cv2.MORPH_OPEN, opening)
    loose = cv2.morphologyEx(loose.astype(np.uint8), cv2.MORPH_OPEN, opening) | hair
    # In one piece with the hair round the face: a ring outside it, above the shoulders.
    # The lit and shaded sides of the strands go with the hair they join: a piece of the
    # looser colours counts where it holds hair of the close colour touching the head.
    return _joined(loose, hair, head)


def _joined(loose: NDArray[np.uint8], hair: NDArray[np.uint8], head: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The pieces of `loose` that hold a piece of `hair` touching `head`."""
    count, labels = cv2.connectedComponents(loose, connectivity=8)
    if count <= 1:
        return np.zeros(head.shape, bool)
    strict_count, strict_labels = cv2.connectedComponents(hair, connectivity=8)
    touching = np.unique(strict_labels[head & (hair > 0)])
    seeds = np.isin(strict_labels, touching[touching > 0]) if strict_count > 1 else np.zeros(head.shape, bool)
    joined = np.unique(labels[seeds])
    return np.isin(labels, joined[joined > 0])


def _fair_hair(
    person: Person, frame: Frame, found: Box, head: NDArray[np.bool_], allowed: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Fair hair (blonde, light brown) over the shoulders, within `found`: of the skin's own
    hue and near its lightness, `hair_colour` leaves it out (the ring round the face
    holds no colour apart from the skin's, or only a hat's), and a new top was drawn over
    the locks or, where the old top's mask took them, rebuilt them as flat skin-coloured
    blocks. The strands tell it from skin: fine lightness steps (`STRAND_STEP`) where skin
    is smooth. Its colour is read on the strands in the ring round the face (`head`, above
    the chin), and what is kept are the strands of about that colour (`FAIR_REACH`) and
    the skin's hue (`FAIR_HUE`), within `allowed`, in one piece with that ring."""
    face = person.face[box_slices(found)]
    ring = head & (face == 0)
    rows = np.flatnonzero(face.any(axis=1))
    ring[int(rows[-1]) if len(rows) else 0 :] = False
    spread = max(2.0, frame.width * STRAND_SPREAD)
    # Read first round the face alone: most persons have no fair hair there, and the
    # strands over the whole box cost several times as much.
    x0, y0 = found[0], found[1]
    pad = int(4 * (spread + STRAND_SIGMA)) + _band(spread).shape[0] + 2
    near_ring = bounds(ring, pad=pad)
    if near_ring is None:
        return np.zeros(head.shape, bool)
    inner = slice(near_ring[1], near_ring[3]), slice(near_ring[0], near_ring[2])
    shifted = (near_ring[0] + x0, near_ring[1] + y0, near_ring[2] + x0, near_ring[3] + y0)
    lightness = person.lab()[box_slices(shifted)][:, :, 0]
    read = ring[inner] & _strands(person, shifted, spread, allowed[inner])
    read &= lightness >= float(person.skin_lab[0]) - FAIR_DARKER
    if np.count_nonzero(read) < max(50, HAIR_SHARE * np.count_nonzero(ring)):
        return np.zeros(head.shape, bool)
    lab = person.lab()[box_slices(shifted)]
    colour = np.median(lab[read], axis=0).astype(np.float32)
    lab = person.lab()[box_slices(found)]
    of_lock = allowed & (squared_distance(lab, colour, HAIR_WEIGHTS) < FAIR_REACH**2)
    of_lock &= squared_distance(lab, person.skin_lab, HUE_WEIGHTS) < FAIR_HUE**2
    strands = _strands(person, found, spread, allowed) & of_lock
    # The outlines of the face, the old top and the arms are fine steps too, in thin lines:
    # a lock is wider than they are.
    size = max(3, int(frame.width * FAIR_OPEN) | 1)
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    opened = cv2.morphologyEx(strands.astype(np.uint8), cv2.MORPH_OPEN, disc)
    locks = _joined(opened, opened, head)
    # What the band took back at the locks' rims (over the outline, beside the old top) and
    # the gaps between strands go with the locks: cut there, the lock's rim came back as
    # skin-coloured blocks and the new top showed through it in holes.
    band = _band(spread)
    locks |= (cv2.dilate(locks.astype(np.uint8), band) > 0) & of_lock & (person.mask[box_slices(found)] > BACKDROP_READ)
    locks = cv2.morphologyEx(locks.astype(np.uint8), cv2.MORPH_CLOSE, disc) > 0
    # Not the old top's edge beside them, though: its pixels, half skin and half a dark
    # top, are of the skin's hue and dark enough for a strand, and the grown rim reaches
    # them (a few pixels of it on `carvekit--3`).
    edge = cv2.dilate(_worn_apart(person, found), np.ones((WORN_EDGE, WORN_EDGE), np.uint8)) > 0
    locks &= allowed & ~edge
    # A lock is a large piece; small ones are an ear's rim, stubble or the neck's shaded
    # side beside short dark hair (kept, they notched the new top's neckline).
    count, labels, stats, _ = cv2.connectedComponentsWithStats(locks.astype(np.uint8), connectivity=8)
    large = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] >= FAIR_LEAST * frame.width**2)
    return np.isin(labels, large[large > 0]) if count > 1 else locks


def _worn_apart(person: Person, found: Box) -> NDArray[np.uint8]:
    """1 within `found` on the old top's colours, save those of the skin's own hue (the
    bare chest or the fair locks read across it as the top's)."""
    lab = person.lab()[box_slices(found)]
    taken = np.zeros(lab.shape[:2], np.uint8)
    for worn in worn_colours(person.lab(), person, SwapTarget.TOP):
        if float(squared_distance(worn.reshape(1, 1, 3), person.skin_lab, HUE_WEIGHTS)[0, 0]) >= FAIR_HUE**2:
            taken |= near_colour(lab, worn).astype(np.uint8)
    return taken


def _band(spread: float) -> NDArray[np.uint8]:
    """The square as far as one step of colour reads as strands either side of it."""
    return np.ones((2 * int(np.ceil(spread + STRAND_SIGMA)) + 1,) * 2, np.uint8)


def _strands(person: Person, found: Box, spread: float, allowed: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Within `found`, the pixels of `allowed` amid fine lightness steps (`STRAND_STEP`,
    averaged over `spread` pixels) of the skin's hue (`FAIR_HUE`), off the old top's other
    colours and the person's outline by the steps' reach."""
    box = box_slices(found)
    lab = person.lab()[box]
    lightness = np.ascontiguousarray(lab[:, :, 0])
    steps = np.abs(lightness - cv2.GaussianBlur(lightness, (0, 0), STRAND_SIGMA))
    strands = cv2.GaussianBlur(steps, (0, 0), spread) > STRAND_STEP
    # One step of colour (the person's outline, the old top's edge) reads as strands for
    # as far as the blurs reach either side of it: the skin beside an old black top's
    # neckline was kept as a band of it over the new top.
    band = _band(spread)
    strands &= cv2.dilate(_worn_apart(person, found), band) == 0
    strands &= cv2.erode((person.mask[box] > OFF_PERSON).astype(np.uint8), band) > 0
    return strands & allowed & (squared_distance(lab, person.skin_lab, HUE_WEIGHTS) < FAIR_HUE**2)


#: The blur (pixels) the strands' fine lightness steps are read against, the spread
#: (shoulder widths) they are averaged over, and the least mean step (Lab L, 8-bit) of
#: strands: skin reads about 1 to 3 there, fair locks 5 to 15.
STRAND_SIGMA, STRAND_SPREAD, STRAND_STEP = 1.5, 0.012, 4.0
#: Fair hair's hue is this near the skin's (Lab a, b); it is read on strands at most this
#: much darker than the skin (not a hat's brim or its shade), and kept this near the
#: colour read (Lab, weighed by `HAIR_WEIGHTS`: lit and shaded strands alike).
FAIR_HUE, FAIR_DARKER, FAIR_REACH = 16.0, 60.0, 20.0
#: Strands in pieces narrower than this (shoulder widths) are outlines, not locks.
FAIR_OPEN = 0.05
#: The square (pixels) round the old top's colours that is its edge, never a fair lock.
WORN_EDGE = 5
#: The least area (square shoulder widths) of a piece of fair hair: locks over the
#: shoulders read 0.07 to 0.26 (`carvekit--3`, `econ--1f7c…`), the neck's shaded side
#: and an ear's rim beside short dark hair at most 0.033 (`magento2…home-pants`).
FAIR_LEAST = 0.05


def _eye_row(person: Person) -> int:
    """The row of the higher eye: above it the ring round the face is the crown's hair,
    never a top's collar or a scarf. 0 where the eyes are not seen."""
    if min(person.visibility[L_EYE], person.visibility[R_EYE]) < EYES_SEEN:
        return 0
    return int(min(person.pt(L_EYE)[1], person.pt(R_EYE)[1]))


#: The least visibility of both eyes for the crown above them to be read as hair.
EYES_SEEN = 0.5


def _head_ring(face: NDArray[np.uint8], ring: int) -> NDArray[np.bool_]:
    """The face grown by `ring` pixels (the face and the ring round it)."""
    head = np.zeros(face.shape, bool)
    ringed = bounds(face, pad=ring)  # the face and the ring: all the dilation can reach
    if ringed is not None:
        inner = box_slices(ringed)
        head[inner] = (
            cv2.dilate(face[inner], cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * ring + 1, 2 * ring + 1))) > 0
        )
    return head


def _top_reached(
    rgb: NDArray[np.uint8],
    open_: NDArray[np.bool_],
    taken: NDArray[np.bool_],
    crown: NDArray[np.bool_],
    depth: NDArray[np.float32],
    side: NDArray[np.float32],
    frame: Frame,
) -> NDArray[np.bool_]:
    """The pixels of the old top's colours (`taken`) that are the top's, not the hair's.
    Dark hair of a black top's colour went with the top wherever it lay, and the locks
    over the shoulders were rebuilt as grey blobs of the street behind. A watershed over
    the photo's softened colour steps is flooded, through `open_` (the person's pixels of
    the hair's colours), from the hair over the crown (`crown`: never a collar or a
    scarf), from the top where its colours were read across the chest (`TOP_READ_AT`),
    and from all else. The top's smooth cloth is reached from the chest, a lock hanging
    from the crown from the crown: only what the crown's flood takes is the hair's. With
    no top seen at the chest or no hair over the crown, all of `taken` is the top's."""
    chest = taken & (np.abs(depth - frame.length * TOP_READ_AT[0]) < frame.width * TOP_READ_AT[1])
    chest &= np.abs(side) < frame.width * TOP_READ_AT[2]
    if not chest.any() or not crown.any() or not (taken & open_).any():
        return taken
    sigma = max(1.0, frame.width * TOP_SOFT)
    # Worked out round where the floods run, not over the whole box (the same labels).
    found = bounds(open_ | chest | crown, pad=int(4 * sigma) + 2)
    if found is None:
        return taken
    inner = box_slices(found)
    markers = np.full(open_[inner].shape, 3, np.int32)
    markers[open_[inner]] = 0
    markers[chest[inner]] = 2
    markers[(crown & ~chest)[inner]] = 1
    # Softened, a strand's fine steps inside a lock go and the step at its edge stays; the
    # square root spreads the dark tones, where black hair and a black top differ.
    soft = cv2.GaussianBlur(rgb[inner].astype(np.float32), (0, 0), sigma)
    steps = (np.sqrt(soft / 255.0) * 255.0).astype(np.uint8)
    cv2.watershed(steps, markers)
    # Where the crown's flood meets the top's on no step of colour (black hair on a black
    # top of one shade), where it stopped is chance: all of `taken` stays the top's.
    if _step_between(steps, markers == 1, markers == 2) < HAIR_TOP_STEP:
        return taken
    top = taken.copy()
    top[inner] &= markers != 1
    return top


def _step_between(steps: NDArray[np.uint8], one: NDArray[np.bool_], other: NDArray[np.bool_]) -> float:
    """The mean colour step (largest channel) from `one`'s pixels to `other`'s beside them."""
    cross = np.ones((3, 3), np.uint8)
    near_other = cv2.dilate(other.astype(np.uint8), cross) > 0
    near_one = cv2.dilate(one.astype(np.uint8), cross) > 0
    a, b = one & near_other, other & near_one
    if not a.any() or not b.any():
        return float("inf")
    values = steps.astype(np.float32)
    return float(np.abs(values[a].mean(axis=0) - values[b].mean(axis=0)).max())


#: Where the old top's colours are read (`old_garment.worn_colours`, `_across`): this share
#: of the torso's length below the shoulders' midpoint, within this many shoulder widths of
#: that depth, and this many either side of the torso's axis.
TOP_READ_AT = (0.4, 0.05, 0.25)
#: The blur (shoulder widths) before the colour steps the floods stop at are read.
TOP_SOFT = 0.015
#: The least step (8-bit, the softened photo's square root, largest channel) between the
#: mean colours either side of where the crown's and the top's floods meet for the hair
#: to be told from the top: dark locks meeting a black top read about 4, a lock drawn on
#: a top of its own colour about 0.3.
HAIR_TOP_STEP = 2.0


#: Person-mask values under which a pixel is the backdrop, whose colour round the
#: person is read there; and under which a pixel is off the person, where that colour
#: may be what it shows.
BACKDROP_READ, OFF_PERSON = 0.1, 0.5


def _backdrop_like(
    lab: NDArray[np.float32], near: NDArray[np.float32], mask: NDArray[np.float32], among: NDArray[np.bool_], reach: int
) -> NDArray[np.bool_]:
    """The pixels of `among` off the person (`OFF_PERSON`) nearer the backdrop's colour
    round them (Gaussian mean of the backdrop within `reach` pixels, Lab weighed by
    `HAIR_WEIGHTS`) than the hair's (`near`, their squared distance to it): the backdrop,
    not loose curls. A grey wall within the hair's loose reach (its lightness weighs half)
    was followed round the shoulders as hair in front, and kept there with the old top's
    outline: a ghost of the old sleeves beside the new top, the backdrop inside it never
    refilled. The mean is smooth: worked out `reach / 2` times smaller, round them only."""
    off = among & (mask < OFF_PERSON)
    found = bounds(off, pad=3 * reach)
    if found is None:
        return off
    x0, y0, x1, y1 = found
    step = max(1, reach // 2)
    size = (max(1, (x1 - x0) // step), max(1, (y1 - y0) // step))
    small_lab = cv2.resize(lab[y0:y1, x0:x1], size, interpolation=cv2.INTER_AREA)
    read = cv2.resize((mask[y0:y1, x0:x1] < BACKDROP_READ).astype(np.float32), size, interpolation=cv2.INTER_AREA)
    sigma = max(1.0, reach / step)
    weight = cv2.GaussianBlur(read, (0, 0), sigma)
    summed = cv2.GaussianBlur(small_lab * read[:, :, None], (0, 0), sigma)
    ys, xs = np.nonzero(off)
    sy, sx = np.minimum((ys - y0) // step, size[1] - 1), np.minimum((xs - x0) // step, size[0] - 1)
    seen = weight[sy, sx]
    round_ = summed[sy, sx] / np.maximum(seen, 1e-3)[:, None]
    apart = ((lab[ys, xs] - round_) ** 2 * np.asarray(HAIR_WEIGHTS, np.float32)).sum(axis=1)
    off[ys, xs] = (seen > 1e-2) & (apart < near[ys, xs])
    return off
