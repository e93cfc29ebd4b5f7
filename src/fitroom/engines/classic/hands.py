"""The hands in front of the clothes: the pixels a new garment must not cover."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic import memo, prints
from fitroom.engines.classic.accessories import landmarks
from fitroom.engines.classic.arms import own_skin
from fitroom.engines.classic.boxes import bounds, box_slices
from fitroom.engines.classic.colour import GARMENT_WEIGHTS, SAME_GARMENT_COLOUR, skin_like, squared_distance
from fitroom.engines.classic.old_garment import worn_colours
from fitroom.engines.classic.person import (
    HAND_POINTS,
    L_ELBOW,
    L_WRIST,
    R_ELBOW,
    R_WRIST,
    Person,
    hand_discs,
    plausible_skin,
)


def hands_in_front(
    person: Person, reach: NDArray[np.bool_] | None = None, staying: NDArray[np.bool_] | None = None
) -> NDArray[np.bool_]:
    """The hand pixels a new garment must not cover.

    Round each hand the pose sees, what looks like skin (the face's, or against plain
    cloth the hand's own, `_own_colour`), with the fingers touching it that reach beyond
    the pose's points (`_hand_area`). When the clothes round a hand
    are skin-coloured too (camel trousers, beige shorts), colour cannot tell hand from
    cloth: there the hand landmark model outlines the hand, and a hand it does not find
    is in a pocket or behind the body, so nothing of its disc is kept. The model runs
    only for those hands, only where `reach` (what the new garment may cover) meets the
    hand, and once per photo (the landmarks stay on the person). Each step looks only at
    the box round the hand it is about.
    """
    kept_skin, hands = _hand_skin(person)
    keep = kept_skin.copy()
    for side, middle, radius, box, local, disc, area, skin in hands:
        window = box_slices(box)
        if reach is not None and not (reach[window] & (area > 0)).any():
            continue
        if reach is not None and in_pocket(person, side, kept_skin[window] & (area > 0), reach[window], radius):
            keep[window] &= area == 0
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
            max(2, int(person.shoulder_width * FOREARM_BAND)),
        )
        ring_pixels = (ring > 0) & (disc == 0) & (local.mask > 0.5)
        if staying is not None:
            ring_pixels &= ~staying[window]
        if not ring_pixels.any() or np.count_nonzero(skin & ring_pixels) < 0.4 * np.count_nonzero(ring_pixels):
            continue
        found = landmarks.hand(person, side)
        keep[window] &= area == 0
        if found is None:
            continue
        finger = max(3, int(found.palm_width * 0.25)) | 1
        hull = cv2.convexHull(found.points[:, :2].astype(np.int32))
        outline_box, seen = _near(person, hull.reshape(-1, 2).astype(np.float64), finger)
        if outline_box is None:
            continue
        inside = np.zeros(seen.mask.shape, np.uint8)
        cv2.fillConvexPoly(inside, hull - np.array(outline_box[:2], np.int32), 255)
        outline = cv2.dilate(inside, np.ones((finger, finger), np.uint8))
        # Within the outline, what is nearer the skin's colour than the cloth round it.
        cloth = np.median(local.lab()[ring_pixels], axis=0)
        lab = seen.lab()
        nearer = squared_distance(lab, person.skin_lab) < squared_distance(lab, cloth)
        # Skin and cloth alike (a hand on a bare stomach), the test is speckled over the
        # hand: the skin inside the landmarks' hull is hand whatever it is nearer, the
        # rest is closed at a finger's width inside the outline, then all made solid.
        skin_seen = skin_like(seen)
        speckled = (outline > 0) & skin_seen & (nearer | (inside > 0))
        speckled &= ~cloth_beside_hand(person, seen, speckled, side, radius)
        closed = cv2.morphologyEx(
            speckled.astype(np.uint8), cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (finger, finger))
        )
        hand = solid((closed > 0) & (outline > 0), radius)
        # A few fingertips showing at a pocket would be specks on the new garment.
        if np.count_nonzero(hand) >= 0.25 * np.count_nonzero(outline):
            keep[box_slices(outline_box)] |= hand
    return keep


#: A hand's fingers lie from this many times as far from the wrist as the middle of the
#: pose's knuckle points (pinky, index, thumb) out to `FINGER_ENDS` times...
FINGERS_FROM = 1.2
FINGER_ENDS = 1.5
#: ...and in a band there this share of the shoulder width each side of their line, less
#: than `FINGERS_SHOWN` of it looking like skin, they are hidden (in a pocket, behind the
#: hips): 0.0-0.08 for the devset's hands in a hoodie's pouch, a jacket's and a coat's
#: pockets, 0.24 and up for 40 hands whose fingers show.
FINGER_BAND = 0.05
FINGERS_SHOWN = 0.15
#: A hand in a pocket whose kept skin has at least this share of the ring round it (half
#: its disc's radius wide) under the new garment is inside the new garment (the devset's
#: hoodie and jacket pockets under tees and tanks read 0.67-1.0, the rest being the bare
#: forearm; a hand at a cropped cami's hem, over the bared stomach, 0.52: taken away
#: there, the forearm ended in a stump over the skin).
POCKET_COVERED = 0.6
POCKET_RING = 0.5
#: ...and at least this share of where its fingers are is of the clothes' colours (the
#: devset's pockets 0.91-1.0; fingers behind a fruit held in front, 0.32).
POCKET_CLOTH = 0.5


def fingers_hidden(person: Person, side: str) -> bool:
    """Whether the hand on `side` shows no skin where its fingers are: it is in a pocket
    or behind the body, and only the back of the hand or the wrist is seen. Fingers out
    of the photo are not known to be hidden."""
    found = _fingers(person, side)
    if found is None:
        return False
    local, band = found
    skin = skin_like(local) | plausible_skin(local.lab())
    return bool(np.count_nonzero(skin & band) < FINGERS_SHOWN * max(np.count_nonzero(band), 1))


def _fingers(person: Person, side: str) -> tuple[Person, NDArray[np.bool_]] | None:
    """The person seen through the box round where the fingers of the hand on `side`
    are (`FINGERS_FROM` to `FINGER_ENDS`), and that band in it; None when it is not all
    in the photo."""
    wrist, *tips = HAND_POINTS[0 if side == "left" else 1]
    start = person.pt(wrist).astype(np.float64)
    ahead = np.mean([person.pt(i) for i in tips], axis=0) - start
    ends = np.array([start + ahead * FINGERS_FROM, start + ahead * FINGER_ENDS])
    half = max(2, int(person.shoulder_width * FINGER_BAND))
    box, local = _near(person, ends, half)
    w, h = person.size
    if box is None or not ((ends >= 0) & (ends < (w, h))).all():
        return None
    band = np.zeros(local.mask.shape, np.uint8)
    near, far = (tuple(np.round(end - box[:2]).astype(int)) for end in ends)
    cv2.line(band, near, far, 255, 2 * half + 1)
    return local, band > 0


def in_pocket(person: Person, side: str, kept: NDArray[np.bool_], reach: NDArray[np.bool_], radius: int) -> bool:
    """Whether the hand on `side`, whose skin kept in its box is `kept`, is in a pocket
    inside what the new garment covers (`reach`, in the same box). Kept in front, the
    back of the hand or the wrist showing at an old pocket was a hole in the new top
    (a slit of skin with the old jacket round it); the new garment covers the pocket and
    the forearm ends where it goes in. Fingers hidden behind something else than the
    clothes worn (a fruit held in front) are not in a pocket."""
    if not kept.any() or not fingers_hidden(person, side):
        return False
    size = 2 * max(1, int(radius * POCKET_RING)) + 1
    ring = (cv2.dilate(kept.astype(np.uint8), np.ones((size, size), np.uint8)) > 0) & ~kept
    if np.count_nonzero(ring & reach) < POCKET_COVERED * max(np.count_nonzero(ring), 1):
        return False
    return fingers_in_clothes(person, side)


def fingers_in_clothes(person: Person, side: str) -> bool:
    """Whether at least `POCKET_CLOTH` of where the fingers of the hand on `side` are is
    of a colour the person wears on the torso or the legs (`worn_colours`): hidden
    there, they are in a pocket."""
    found = _fingers(person, side)
    if found is None:
        return False
    local, band = found
    lab = person.lab()
    colours = worn_colours(lab, person, SwapTarget.TOP) + worn_colours(lab, person, SwapTarget.BOTTOM)
    seen = local.lab()[band][None]
    nearest = np.minimum.reduce([squared_distance(seen, colour, GARMENT_WEIGHTS) for colour in colours])
    return bool(np.count_nonzero(nearest < SAME_GARMENT_COLOUR**2) >= POCKET_CLOTH * max(nearest.size, 1))


#: One hand looked at by `_hand_skin`: its side, middle, radius and box, the person seen
#: through the box, its disc, where it may be, and what looks like its skin there.
_Hand = tuple[
    str,
    tuple[int, int],
    int,
    tuple[int, int, int, int],
    Person,
    NDArray[np.uint8],
    NDArray[np.uint8],
    NDArray[np.bool_],
]


def hands_skin(person: Person) -> NDArray[np.bool_]:
    """The skin round each hand kept whatever the new garment covers (read-only): what
    is held touches it (`held.held_in_front`)."""
    return _hand_skin(person)[0]


def _hand_skin(person: Person) -> tuple[NDArray[np.bool_], list[_Hand]]:
    """The skin round each hand `hands_in_front` keeps whatever the new garment covers,
    and what it read about each hand: worked out once per photo (placing the sleeves and
    compositing both ask, with different reaches); read-only."""
    return memo.kept(person, "hand_skin", (person.image,), lambda: _hand_skin_in(person))


def _hand_skin_in(person: Person) -> tuple[NDArray[np.bool_], list[_Hand]]:
    w, h = person.size
    keep = np.zeros((h, w), bool)
    # Each hand's box reaches 1.5 radii round it: the disc, and the ring round it. All
    # the discs' skin is kept before any hand's checks may take its disc out again.
    hands: list[_Hand] = []
    for side, centre, radius in hand_discs(person.points, person.visibility, person.shoulder_width):
        box, local = _near(person, np.array([centre], np.float64), int(radius * 1.5))
        if box is None:
            continue
        middle = (centre[0] - box[0], centre[1] - box[1])
        disc = np.zeros(local.mask.shape, np.uint8)
        cv2.circle(disc, middle, radius, 255, -1)
        area = _hand_area(local, side, middle, radius)
        own = _own_colour(local, disc, area)
        skin = skin_like(local) if own is None else skin_like(local) | own
        # The hand is looked for in the skin less the skin-coloured cloth round it; the
        # ring round the hand is judged on all of it (`hands_in_front`).
        bare = skin & ~cloth_beside_hand(person, local, skin, side, radius)
        hand = whole((disc > 0) & bare, middle, radius)
        if own is None:
            hand = _off_print(local, disc, skin, hand, (middle, radius))
        # The fingers are looked for on plain cloth and on the person only: a print's
        # pink cells or a backdrop of a skin's colour beside the hand are no fingers
        # (kept, the backdrop cut a notch out of a flared skirt).
        if own is not None:
            hand = with_fingers(hand, (area > 0) & bare & (local.mask > 0.5), radius)
        keep[box_slices(box)] |= hand
        hands.append((side, middle, radius, box, local, disc, area, skin))
    keep.flags.writeable = False
    return keep, hands


#: A hand's own colour is read from at least this share of the skin-coloured pixels
#: round its pose points (`HAND_CORE`) that are nearer the face's skin than any colour
#: the person wears.
HAND_SURE = 0.2
#: Skin and skin-coloured cloth differ in hue (a hand pinker than khaki); lit or in
#: shade, either spans a wide range of lightness, so lightness is weighed little.
HUE_MOSTLY = (0.15, 1.0, 1.0)
#: A worn colour this near the face's skin in hue is bare skin read where clothes were
#: looked for (a cami's bared chest, shorts' bared thighs), not cloth; one this far or
#: further is no skin's colour, and its cloth is not taken for the hand.
BARE_HUE, SKIN_COLOURED = 8.0, 21.0
#: ...and it is a colour of the cloth beside the hand when at least this share of the
#: hand's box shows it.
ROUND_HAND = 0.1
#: Within this share of the hand's radius round its pose points nothing is cloth.
HAND_CORE = 0.5
#: A pixel is taken for cloth only when it is this many times as near a worn colour as
#: the hand's own (in hue): a hand's shaded edge between the two stays the hand.
CLOTH_NEARER = 1.5


def cloth_beside_hand(
    person: Person, local: Person, skin: NDArray[np.bool_], side: str, radius: int
) -> NDArray[np.bool_]:
    """The pixels of `skin` (what looks like skin round a hand, in `local`, its box) that
    are nearer a colour the person wears on the torso or legs (`worn_colours`) than the
    hand's own colour: khaki trousers or a print's pink cells beside a hand are of a
    skin's colour, and kept with the hand they stayed as a patch of the old garment on
    the new one. The hand's own colour is the middle of the skin pixels nearer the face's
    skin than any worn colour; where too few are, nothing is told apart."""
    lab = person.lab()
    colours = [
        colour
        for colour in worn_colours(lab, person, SwapTarget.TOP) + worn_colours(lab, person, SwapTarget.BOTTOM)
        if BARE_HUE <= np.hypot(colour[1] - person.skin_lab[1], colour[2] - person.skin_lab[2]) < SKIN_COLOURED
    ]
    seen = local.lab()
    # Only the colours the hand's box shows round it: the chest's colours read through
    # hands held in front of it (a phone held up) are the hands' own.
    colours = [
        colour
        for colour in colours
        if np.count_nonzero(squared_distance(seen, colour, GARMENT_WEIGHTS) < SAME_GARMENT_COLOUR**2)
        >= ROUND_HAND * skin.size
    ]
    if not colours:
        return np.zeros(skin.shape, bool)
    # Round the pose's hand points the hand is, whatever its colour (the lit back of a
    # hand over a pale blouse is the blouse's hue): its own colour is read there.
    core = np.zeros(skin.shape, np.uint8)
    points = np.array([local.pt(i) for i in HAND_POINTS[0 if side == "left" else 1]])
    cv2.fillConvexPoly(core, cv2.convexHull(np.round(points).astype(np.int32)), 255)
    reach = 2 * max(1, int(radius * HAND_CORE)) + 1
    # Grown in the box round the hand's points only, as far as the disc reaches: the
    # same pixels as over the whole box, where the dilation cost 7 ms a render.
    found = bounds(core, pad=reach // 2)
    if found is not None:
        x0, y0, x1, y1 = found
        core[y0:y1, x0:x1] = cv2.dilate(
            core[y0:y1, x0:x1], cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))
        )
    core = core > 0
    worn = np.minimum.reduce([squared_distance(seen, colour, HUE_MOSTLY) for colour in colours])
    sure = skin & core & (squared_distance(seen, person.skin_lab, HUE_MOSTLY) < worn)
    if np.count_nonzero(sure) < HAND_SURE * max(np.count_nonzero(skin & core), 1):
        return np.zeros(skin.shape, bool)
    own = np.median(seen[sure], axis=0)
    return skin & ~core & (worn * CLOTH_NEARER**2 < squared_distance(seen, own, HUE_MOSTLY))


#: The pose's hand points are the wrist and three knuckles: fingers spread on a hip, a
#: stomach or a thigh reach beyond the disc round them, and the new garment cut them
#: off at its circle. The hand is looked for this many radii out from its middle on the
#: fingers' side (ahead of the middle, from the wrist towards the knuckles), never back
#: up the forearm (a new sleeve goes over it).
FINGERS_REACH = 1.5
#: The fingers beyond the disc cover at most this share of its area: more skin touching
#: the hand there is a bare arm or stomach, kept in front it cut a hole in a new sleeve.
FINGERS_MOST = 0.3
#: A forearm's band, in shoulder widths, as round the hand's ring.
FOREARM_BAND = 0.25


def _hand_area(local: Person, side: str, middle: tuple[int, int], radius: int) -> NDArray[np.uint8]:
    """Where the hand may be in `local` (its box): the disc round its points, and on the
    fingers' side of its `middle` out to `FINGERS_REACH` radii."""
    area = np.zeros(local.mask.shape, np.uint8)
    cv2.circle(area, middle, radius, 255, -1)
    wrist, *tips = HAND_POINTS[0 if side == "left" else 1]
    ahead = np.mean([local.pt(i) for i in tips], axis=0) - local.pt(wrist)
    if float(np.hypot(*ahead)) >= 1:
        # The half of the wider disc ahead of the middle: from -90 to 90 degrees round
        # the fingers' direction.
        far = int(radius * FINGERS_REACH)
        angle = float(np.degrees(np.arctan2(ahead[1], ahead[0])))
        cv2.ellipse(area, middle, (far, far), angle, -90, 90, 255, -1)
        # Never along a forearm (a hand holding the other arm): the arm is not fingers.
        width = max(2, int(local.shoulder_width * FOREARM_BAND))
        for elbow, wrist_index in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
            ends = (local.pt(elbow), local.pt(wrist_index))
            cv2.line(area, *(tuple(np.floor(end).astype(int)) for end in ends), 0, width)
        cv2.circle(area, middle, radius, 255, -1)
    return area


#: Round a hand, on the person, at most this share of what is not hand may be of a
#: skin's colour (`plausible_skin`) for the hand to be told by its own colour and its
#: fingers looked for beyond the disc: against plain cloth (navy trousers, a black top)
#: they are; among a print's pink or beige cells (0.33 round a hand in a pocket), or on
#: a bare stomach (0.37), the hand's colour is theirs too.
PLAIN_CLOTH = 0.1


def _own_colour(local: Person, disc: NDArray[np.uint8], area: NDArray[np.uint8]) -> NDArray[np.bool_] | None:
    """The pixels where the hand may be (`area`) coloured like the hand's own skin, or
    None where the clothes round its `disc` are not plain: lit or in shade a hand is
    often further from the face's skin than `skin_like` allows (the lit back of a dark
    hand, a shadowed palm), and the new garment covered the part it missed."""
    on = (area > 0) & (local.mask > 0.5)
    lab = local.lab()
    plausible = plausible_skin(lab)
    found = own_skin(lab, local, on, plausible)
    rest = on & (disc == 0) & ~found
    if not found.any() or np.count_nonzero(plausible & rest) > PLAIN_CLOTH * max(np.count_nonzero(rest), 1):
        return None
    return found


#: The hand is the skin round its middle: pieces of skin colour in its disc that reach
#: no nearer the middle than this share of the radius and are smaller than `HAND_PIECE`
#: of the disc's area are the light cells of a print or a beige pocket lining beside
#: the hand, and the new garment covers them like the rest of the old one.
HAND_MIDDLE = 0.6
HAND_PIECE = 0.03
#: Gaps inside a hand narrower than this share of its disc's radius are closed (the
#: shadow between fingers), and holes it encloses smaller than `HAND_HOLE` of the disc's
#: area are filled (a ring, a watch's face, a nail): they are in front with the hand,
#: and a new garment showing through them cuts the hand up.
HAND_GAP = 0.12
HAND_HOLE = 0.2


def whole(skin: NDArray[np.bool_], middle: tuple[int, int], radius: int) -> NDArray[np.bool_]:
    """The hand in `skin` (what looks like skin in its disc): its small gaps closed (a
    finger cut off by a shadow joins the hand again), the pieces round its `middle`, the
    holes they enclose filled."""
    closed = _closed(skin, radius)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed.astype(np.uint8), connectivity=8)
    near = np.zeros(skin.shape, np.uint8)
    cv2.circle(near, middle, max(1, int(radius * HAND_MIDDLE)), 255, -1)
    big = stats[:, cv2.CC_STAT_AREA] >= HAND_PIECE * np.pi * radius * radius
    central = np.zeros(count, bool)
    central[np.unique(labels[near > 0])] = True
    chosen = big | central
    chosen[0] = False  # the background
    return solid(chosen[labels], radius)


#: A hand whose clothes round it are not plain (`_own_colour` finds none) lies among a
#: print when over this share of the person round its disc (in its box, off the skin) is
#: busy (`prints.busy`): a print is busy all over (the devset's geometric trousers,
#: leopard and zebra skirts 0.55-0.98), plain cloth only along its seams and folds...
PRINT_ROUND = 0.5
#: ...and that cloth is at least this share of the disc's area: cloth of the skin's own
#: colour passes for skin, and what is left of it round the hand is only those seams and
#: folds (beige chinos and knits: 200-470 pixels round discs of thousands).
PRINT_RING_LEAST = 1 / 3
#: A piece of the hand so taken off that is over this share of skin colour is fingers
#: against something busy (a fruit held, a ball), not a print's cells, which lie among
#: its other colours (the devset's prints' pieces 0.15-0.64, fingers 0.83-1.0).
PRINT_FINGERS = 0.75


def _off_print(
    local: Person,
    disc: NDArray[np.uint8],
    skin: NDArray[np.bool_],
    hand: NDArray[np.bool_],
    where: tuple[tuple[int, int], int],
) -> NDArray[np.bool_]:
    """`hand` (found in its `disc`) less the print round it: among a print (`PRINT_ROUND`)
    its pink, tan or beige cells pass for skin, join the hand across the thin lines of
    the print's other colours and were kept in front with it, a patch of the old clothes
    on the new garment. The hand is smooth skin (a print is busy everywhere; read on the
    person only, so a finger against the backdrop is smooth too): its smooth pieces
    (`whole`, `where` its middle and radius), grown back over their own busy rim by half
    a print window, and the pieces taken off that are mostly skin (`PRINT_FINGERS`).
    Unchanged where no smooth skin is found."""
    middle, radius = where
    s = local.shoulder_width
    on = local.mask > 0.5
    busy = prints.busy(local.lab(), s, on)
    ring = on & (disc == 0) & ~skin
    cloth = np.count_nonzero(ring)
    if cloth < PRINT_RING_LEAST * np.count_nonzero(disc) or np.count_nonzero(busy & ring) <= PRINT_ROUND * cloth:
        return hand
    core = whole((disc > 0) & skin & on & ~busy, middle, radius)
    if not core.any():
        return hand
    half = max(1, int(s * prints.PRINT_WINDOW) // 2)
    rim = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * half + 1, 2 * half + 1))
    kept = (cv2.dilate(core.astype(np.uint8), rim) > 0) & hand
    count, labels = cv2.connectedComponents((hand & ~kept).astype(np.uint8), connectivity=8)
    pieces = np.bincount(labels.ravel(), minlength=count)
    skin_in = np.bincount(labels.ravel(), weights=skin.ravel().astype(np.float64), minlength=count)
    fingers = skin_in > PRINT_FINGERS * pieces
    fingers[0] = False
    return kept | fingers[labels]


def with_fingers(hand: NDArray[np.bool_], skin: NDArray[np.bool_], radius: int) -> NDArray[np.bool_]:
    """The `hand` found in its disc with the fingers beyond it: the pieces of `skin` (what
    looks like skin where the hand may reach, `_hand_area`) touching it, then gaps closed
    and holes filled as in the hand. Skin not touching the hand is not taken, nor joined
    to it across a gap: the skin-coloured cells of a print round a hand in a pocket. More
    than `FINGERS_MOST` of skin beyond the hand is no fingers (another bare arm the hand
    holds, a bare stomach): then the hand is as found in its disc."""
    count, labels = cv2.connectedComponents((skin | hand).astype(np.uint8), connectivity=4)
    joined = np.zeros(count, bool)
    joined[labels[hand]] = True
    grown = joined[labels] & ~hand
    if not grown.any() or np.count_nonzero(grown) > FINGERS_MOST * np.pi * radius * radius:
        return hand
    return solid(hand | grown, radius)


def _closed(hand: NDArray[np.bool_], radius: int) -> NDArray[np.bool_]:
    size = max(3, int(radius * HAND_GAP) | 1)
    closing = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return cv2.morphologyEx(hand.astype(np.uint8), cv2.MORPH_CLOSE, closing) > 0


def solid(hand: NDArray[np.bool_], radius: int) -> NDArray[np.bool_]:
    """The `hand` with its small gaps closed and the holes it encloses filled (`radius`:
    its disc's); holes are what is not hand and touches no side of the box."""
    closed = _closed(hand, radius).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(1 - closed, connectivity=4)
    x, y, width, height = (stats[:, i] for i in range(4))
    inner = (x > 0) & (y > 0) & (x + width < hand.shape[1]) & (y + height < hand.shape[0])
    small = stats[:, cv2.CC_STAT_AREA] < HAND_HOLE * np.pi * radius * radius
    return (closed > 0) | (inner & small)[labels]


#: A hand's outermost pixels mix skin with the clothes behind it (dark on a black top,
#: yellow on a yellow one). The hand's matte rises from 0 to 1 across them (a blur of
#: this many pixels over the hand less its outline), so the new garment closes up to
#: the skin instead of a ring of the old garment staying round the hand.
HAND_EDGE_SOFTNESS = 0.8


def hand_matte(hands: NDArray[np.bool_]) -> NDArray[np.float32]:
    """How much of each pixel is the hand in front (0..1): 1 inside the hand, falling to
    0 across its outline, and 0 beyond it, where the new garment goes."""
    matte = np.zeros(hands.shape, np.float32)
    # Worked out in the box round the hands, with room for the blur's reach (4 sigma):
    # the same pixels as over the whole photo, and none beyond it.
    found = bounds(hands, pad=int(4 * HAND_EDGE_SOFTNESS) + 2)
    if found is None:
        return matte
    box = box_slices(found)
    core = cv2.erode(hands[box].astype(np.uint8), np.ones((3, 3), np.uint8)).astype(np.float32)
    # Raised a quarter so the blur leaves the skin a pixel inside the outline whole.
    matte[box] = np.minimum(cv2.GaussianBlur(core, (0, 0), HAND_EDGE_SOFTNESS) * 1.25, hands[box].astype(np.float32))
    return matte


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
