"""Things held in front of the clothes (a phone, a cup, a fruit, a bag): kept in front of a
new garment, as the hands holding them are (`hands.py`).

The old garment's mask takes in whatever lies over it, and the new garment was drawn
over the rest: a phone in both hands, a fruit held out or an ice cream at the chest went
with the old top, the hands left holding nothing. What is held touches a hand and is of
none of the old garment's colours and not skin; a print or a logo is of the garment's
own colours (a main one, read away from the hands), or away from the hands.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic import memo
from fitroom.engines.classic.colour import SAME_GARMENT_COLOUR, near_colour, nearest_distance, skin_like
from fitroom.engines.classic.hands import FOREARM_BAND, hands_skin
from fitroom.engines.classic.old_garment import main_colours
from fitroom.engines.classic.person import (
    L_ELBOW,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    R_ELBOW,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    hand_discs,
    plausible_skin,
)

#: The old garment's colours are read over the middle of its zone (the torso's quad
#: between shoulders and hips, the thighs' between hips and knees), shrunk to this share
#: round its centre, and this many hand radii away from each hand: read across the chest
#: as `old_garment.worn_colours` does, a phone or a fruit held there passed for the top.
ZONE_SHARE = 0.8
COLOURS_AWAY = 3
#: A held thing is this many of its hand's squared radii at least (the devset's phone,
#: ice cream and can 0.6-1.3; a shaded thigh's skin beside a hand at a skirt's hem, 0.49)...
HELD_LEAST = 0.6
#: ...and this share of the squared shoulder width at most (a fruit held out 0.18, a bag
#: at the hip 0.32; a whole shirt whose colour was misread, 0.49 and more).
HELD_MOST = 0.4
#: A held thing is compact: its box's long side at most this many times its short one
#: (a top's rib hem between the hands, 13; a dog's lead, 7).
HELD_ELONGATION = 5.0
#: At least this share of it lies within `HELD_REACH` hand radii of a hand's middle:
#: trousers beside a hand at the hip run on down the legs (0.68-0.84), a held thing
#: does not (1.0).
HELD_WITHIN = 0.9
HELD_REACH = 4
#: Specks and the one- or two-pixel seams along outlines are opened away at this share
#: of the hand's radius.
HELD_OPEN = 0.15


def held_in_front(person: Person, category: str) -> NDArray[np.bool_]:
    """What the person holds in front of the garment `category` replaces: worked out
    once per photo and category (read-only)."""
    return memo.kept(person, f"held_{category}", (person.image,), lambda: _held(person, category))


def _held(person: Person, category: str) -> NDArray[np.bool_]:
    h, w = person.mask.shape[:2]
    found = np.zeros((h, w), bool)
    discs = hand_discs(person.points, person.visibility, person.shoulder_width)
    box = _reach_box(person, discs)
    cloth_found = None if box is None else _cloth(person, category, box, discs)
    if box is not None and cloth_found is not None:
        # Worked out in the box round the hands' reach only (a render's cost).
        x0, y0, x1, y1 = box
        local = person.crop(x0, y0, x1, y1)
        cloth, rest = cloth_found
        hand = hands_skin(person)[y0:y1, x0:x1]
        lab = local.lab()
        free = (local.mask > 0.5) & ~skin_like(local) & (local.face == 0) & ~hand & ~cloth & ~_arms(local)
        near = np.zeros(free.shape, np.uint8)
        for _, (cx, cy), radius in discs:
            cv2.circle(near, (cx - x0, cy - y0), HELD_REACH * radius, 255, -1)
        held = found[y0:y1, x0:x1]
        for _, (cx, cy), radius in discs:
            size = max(3, int(radius * HELD_OPEN) | 1)
            opened = cv2.morphologyEx(
                free.astype(np.uint8), cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
            )
            ring = np.zeros(free.shape, np.uint8)
            cv2.circle(ring, (cx - x0, cy - y0), int(radius * 1.2), 255, -1)
            touching = (ring > 0) & (cv2.dilate(hand.astype(np.uint8), np.ones((size, size), np.uint8)) > 0)
            _, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
            for label in np.unique(labels[touching & (opened > 0)]):
                if label == 0:
                    continue
                piece = labels == label
                if _held_thing(local, lab, piece, int(stats[label, cv2.CC_STAT_AREA]), radius, near > 0, rest):
                    held |= piece
    found.flags.writeable = False
    return found


def _reach_box(person: Person, discs: list[tuple[str, tuple[int, int], int]]) -> tuple[int, int, int, int] | None:
    """The box round the hands out to a hand radius past `HELD_REACH` (a piece reaching
    beyond that is no thing held, `HELD_WITHIN`); None without hands."""
    if not discs:
        return None
    w, h = person.size
    reach = [(HELD_REACH + 1) * radius for _, _, radius in discs]
    x0 = max(0, min(c[0] - r for (_, c, _), r in zip(discs, reach, strict=True)))
    y0 = max(0, min(c[1] - r for (_, c, _), r in zip(discs, reach, strict=True)))
    x1 = min(w, max(c[0] + r + 1 for (_, c, _), r in zip(discs, reach, strict=True)))
    y1 = min(h, max(c[1] + r + 1 for (_, c, _), r in zip(discs, reach, strict=True)))
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _held_thing(
    person: Person,
    lab: NDArray[np.float32],
    piece: NDArray[np.bool_],
    area: int,
    radius: int,
    near: NDArray[np.bool_],
    rest: NDArray[np.bool_],
) -> bool:
    """Whether `piece`, touching a hand of `radius`, is a thing held: as big as a phone
    at least and smaller than a garment, compact, near the hands, and not of a skin's
    colour (a bare thigh or stomach in shade beside the hand), nor a piece of the clothes
    the new garment leaves on (`rest`, their colours) cut off where their zone ends: at
    most `REST_ROUND` of the ring round it is of their colours."""
    if not HELD_LEAST * radius * radius <= area <= HELD_MOST * person.shoulder_width**2:
        return False
    (_, _), (a, b), _ = cv2.minAreaRect(np.argwhere(piece).astype(np.float32))
    if max(a, b) > HELD_ELONGATION * max(1.0, min(a, b)):
        return False
    if np.count_nonzero(piece & near) < HELD_WITHIN * area:
        return False
    if plausible_skin(np.median(lab[piece], axis=0)):
        return False
    size = 2 * REST_RING + 1
    ring = (cv2.dilate(piece.astype(np.uint8), np.ones((size, size), np.uint8)) > 0) & ~piece
    return np.count_nonzero(ring & rest) <= REST_ROUND * np.count_nonzero(ring)


#: The ring round a held thing `REST_RING` pixels wide is at most this share of the
#: colours of the clothes the new garment leaves on: jeans or a skirt beside a hand at
#: the hip, cut off where their zone ends, are ringed by more of themselves.
REST_RING = 3
REST_ROUND = 0.25


def _cloth(
    person: Person, category: str, box: tuple[int, int, int, int], discs: list[tuple[str, tuple[int, int], int]]
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]] | None:
    """Where in `box` the person's clothes' colours are: those of what the garment
    `category` replaces anywhere, those of the rest (trousers under a new top) over
    their own zone grown by `OTHER_ZONE_GROWTH` (khaki trousers beside hands at the
    thighs, kept in front, were patches on a long new top's hem). Each is read over the
    middle of its zone less skin and `COLOURS_AWAY` hand radii round each of `discs`; a
    colour of the rest's that is the replaced garment's too (a long top's hem over the
    hips) is the replaced garment's. Also where the rest's colours are in `box`. None
    when too little of the replaced garment shows."""
    x0, y0, x1, y1 = box
    lab = person.lab()[y0:y1, x0:x1]
    origin = np.array([x0, y0], np.float32)
    replaced: list[NDArray[np.float32]] = []
    others: list[tuple[NDArray[np.float32], list[NDArray[np.float32]]]] = []
    quads = (
        (SwapTarget.TOP, (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)),
        (SwapTarget.BOTTOM, (L_HIP, R_HIP, R_KNEE, L_KNEE)),
    )
    for part, quad in quads:
        corners = np.array([person.pt(i) for i in quad], np.float32)
        colours = _zone_colours(person, corners, discs)
        if category != (SwapTarget.BOTTOM if part == SwapTarget.TOP else SwapTarget.TOP):
            if not colours:
                return None
            replaced += colours
        elif colours:
            others.append((corners, colours))
    cloth = nearest_distance(lab, replaced) < SAME_GARMENT_COLOUR**2
    rest = np.zeros(cloth.shape, bool)
    for corners, colours in others:
        own = [c for c in colours if not any(_near(c, r) for r in replaced)]
        if not own:
            continue
        near = nearest_distance(lab, own) < SAME_GARMENT_COLOUR**2
        rest |= near
        zone = np.zeros(cloth.shape, np.uint8)
        cv2.fillConvexPoly(zone, np.round(corners - origin).astype(np.int32), 255)
        # Grown by its distance transform: `cv2.dilate` with so wide a disc costs the
        # disc's area per pixel (90 ms of CPU at basic), this a few passes.
        reach = max(1, int(person.shoulder_width * OTHER_ZONE_GROWTH))
        cloth |= near & (cv2.distanceTransform(255 - zone, cv2.DIST_L2, cv2.DIST_MASK_PRECISE) <= reach)
    return cloth, rest


def _zone_colours(
    person: Person, corners: NDArray[np.float32], discs: list[tuple[str, tuple[int, int], int]]
) -> list[NDArray[np.float32]]:
    """The main colours over the quad `corners` shrunk to `ZONE_SHARE` round its middle,
    less skin, the face and `COLOURS_AWAY` hand radii round each hand; none when fewer
    than `MIN_CLOTH_PIXELS` show."""
    middle = corners.mean(axis=0)
    inner = middle + (corners - middle) * ZONE_SHARE
    w, h = person.size
    x0, y0 = (max(0, int(np.floor(v))) for v in inner.min(axis=0))
    x1, y1 = min(w, int(np.ceil(inner[:, 0].max())) + 1), min(h, int(np.ceil(inner[:, 1].max())) + 1)
    if x1 <= x0 or y1 <= y0:
        return []
    seen = person.crop(x0, y0, x1, y1)
    read = np.zeros(seen.mask.shape, np.uint8)
    cv2.fillConvexPoly(read, np.round(inner - (x0, y0)).astype(np.int32), 255)
    for _, (cx, cy), radius in discs:
        cv2.circle(read, (cx - x0, cy - y0), COLOURS_AWAY * radius, 0, -1)
    on = (read > 0) & (seen.mask > 0.5) & (seen.face == 0) & ~skin_like(seen)
    return main_colours(seen.lab()[on]) if np.count_nonzero(on) >= MIN_CLOTH_PIXELS else []


def _near(a: NDArray[np.float32], b: NDArray[np.float32]) -> bool:
    """Whether two Lab colours are one garment's."""
    return bool(near_colour(a[None, None, :].astype(np.float32), b)[0, 0])


#: How far (shoulder widths) the zone of clothes a new garment leaves on is grown round
#: the quad of its joints: hands hang beside the thighs, outside the hip joints.
OTHER_ZONE_GROWTH = 0.3
#: Fewer of the clothes' pixels than this showing away from the hands, their colours are
#: not known and nothing is taken for held.
MIN_CLOTH_PIXELS = 50


def _arms(person: Person) -> NDArray[np.bool_]:
    """Bands along the arms' bones (`FOREARM_BAND` of the shoulder width): a bare arm in
    shade next to its hand is no thing held."""
    band = np.zeros(person.mask.shape[:2], np.uint8)
    width = max(2, int(person.shoulder_width * FOREARM_BAND))
    for joints in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        for start, end in zip(joints, joints[1:], strict=False):
            ends = (tuple(np.floor(person.pt(i)).astype(int)) for i in (start, end))
            cv2.line(band, *ends, 255, width)
    return band > 0
