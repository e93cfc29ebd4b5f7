"""Forearms lying across the front of the torso (arms crossed, a hand on the stomach) or
raised in front of the shoulder (a phone held up to a mirror).

They are in front of whatever is worn on the torso: a new top or dress drawn over them
hides the arms and leaves them to be rebuilt beside it. A bare forearm is kept from the
photo like a hand, with what it wears (a bangle, a watch); a forearm in a sleeve cannot
be, since the old sleeve in front of the new garment is the old garment left on the
person, so the render is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic import memo
from fitroom.engines.classic.body import Frame, torso_frame
from fitroom.engines.classic.boxes import bounds
from fitroom.engines.classic.colour import (
    GARMENT_WEIGHTS,
    SAME_GARMENT_COLOUR,
    greyer_than_skin,
    nearest_distance,
    skin_like,
    squared_distance,
)
from fitroom.engines.classic.old_garment import below_line, worn_colours
from fitroom.engines.classic.person import (
    L_ELBOW,
    L_HIP,
    L_SHOULDER,
    L_WRIST,
    R_ELBOW,
    R_HIP,
    R_SHOULDER,
    R_WRIST,
    Person,
    plausible_skin,
)

Vec = NDArray[np.float64]

#: A forearm is across the torso when these points along it (elbow 0, wrist 1) all lie
#: inside the shoulders-hips quad and it runs at least this share of its length across
#: the body (a forearm hanging down the side, or a hand in a pocket, runs down it). Its
#: elbow half may lie outside: the hip joints sit inside a slim waist, and the quad's
#: side ran across the forearm of an arm folded at the waist (0.3 of it outside).
ALONG = (0.5, 0.7, 0.9)
ACROSS = 0.5
#: The forearm's band is this share of the shoulder width wide: a coat sleeve's width.
FOREARM_WIDTH = 0.3
#: A forearm whose band is at least this share skin is bare.
BARE = 0.5
#: How sure the pose must be of the elbow, wrist and hips.
SEEN = 0.5
#: Gaps in a bare forearm's skin narrower than this share of the shoulder width (a
#: shadow, a watch strap) are closed: the new garment showing through cuts the arm up.
ARM_GAP = 0.04
#: A bare forearm's band reaches past the wrist joint by this share of the forearm: a
#: bracelet or a watch sits there, between the forearm's skin and the hand's...
WRIST_PAST = 0.4
#: ...and what lies between skin along the bone, over at most this share of the shoulder
#: width, is worn on the arm and kept with it (two bangles at a wrist, 0.17): of the
#: old top's colour, the new garment was drawn through them as holes in the arm.
ARM_WORN = 0.22


@dataclass
class Forearm:
    """One forearm across the torso: its side, its pixels, those of them that look like
    skin, and whether they are mostly skin."""

    side: str
    band: NDArray[np.bool_]
    skin: NDArray[np.bool_]
    bare: bool
    elbow: Vec
    wrist: Vec


def crossed_forearms(person: Person) -> list[Forearm]:
    """The forearms the pose puts across the front of the torso."""
    if not person.visible(L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, threshold=SEEN):
        return []
    quad = person.points[[L_SHOULDER, R_SHOULDER, R_HIP, L_HIP]].astype(np.float32).reshape(-1, 1, 2)
    found = []
    for side, elbow_index, wrist_index in (("left", L_ELBOW, L_WRIST), ("right", R_ELBOW, R_WRIST)):
        if not person.visible(elbow_index, wrist_index, threshold=SEEN):
            continue
        elbow, wrist = person.pt(elbow_index), person.pt(wrist_index)
        run = wrist - elbow
        length = float(np.linalg.norm(run))
        if length < 1 or abs(float(run[0])) < ACROSS * length:
            continue
        inside = [
            cv2.pointPolygonTest(quad, (float(x), float(y)), False) >= 0 for x, y in (elbow + run * t for t in ALONG)
        ]
        if not all(inside):
            continue
        arm = _forearm(person, side, elbow, wrist)
        if arm is not None:
            found.append(arm)
    return found


#: A forearm is raised in front of the shoulder (a phone held up to a mirror, a cup at the
#: mouth, a hand at the hair) when its wrist is above its elbow by at least this share of
#: its length and its elbow is below its shoulder: bent so, the forearm comes forward,
#: in front of its own upper arm, the shoulder and the chest. An elbow at or above the
#: shoulder holds the forearm up beside the head, where no garment reaches.
RAISED = 0.5
#: A raised forearm is looked for this many times `FOREARM_WIDTH` wide round its bone:
#: the pose puts a folded arm's bones off its middle (on the devset's mirror selfie a
#: third of the arm's width inward, two thirds of the narrower band the old sleeve).
RAISED_WIDEN = 1.6
#: It is bare when its own skin (`own_skin`), joined to the bone's middle, is at least
#: this share of the shoulder width wide (its pixels over its bone's length): a forearm
#: is a quarter of it, a sleeve's cloth none, a skin-coloured print's specks not joined.
RAISED_BARE = 0.12
#: ...and reaches back past the elbow joint by this share of the forearm: the pose puts a
#: folded elbow's joint inside the arm's bend, and the elbow's own skin beyond it was
#: drawn over (the mirror selfie's pose put it a fifth of the forearm short).
ELBOW_PAST = 0.35


def raised_forearms(person: Person) -> list[Forearm]:
    """The bare forearms the pose folds up from an elbow below the shoulder towards the
    face (`RAISED`): crossed or not, they are in front of a new top's or dress's body and
    sleeve, which drawn over them hid the arm holding a phone up to a mirror. Each one's
    `skin` is its own skin in the widened band (`RAISED_WIDEN`), gaps closed, joined to
    the bone's middle; a raised arm in a sleeve is left to the new sleeve."""
    found = []
    w, h = person.size
    for side, shoulder_index, elbow_index, wrist_index in (
        ("left", L_SHOULDER, L_ELBOW, L_WRIST),
        ("right", R_SHOULDER, R_ELBOW, R_WRIST),
    ):
        if not person.visible(shoulder_index, elbow_index, wrist_index, threshold=SEEN):
            continue
        shoulder, elbow, wrist = person.pt(shoulder_index), person.pt(elbow_index), person.pt(wrist_index)
        length = float(np.linalg.norm(wrist - elbow))
        if length < 1 or float(elbow[1] - wrist[1]) < RAISED * length or elbow[1] <= shoulder[1]:
            continue
        width = max(3, int(person.shoulder_width * FOREARM_WIDTH * RAISED_WIDEN))
        line = np.zeros((h, w), np.uint8)
        ends = tuple(np.round(elbow + (elbow - wrist) * ELBOW_PAST).astype(int)), tuple(np.round(wrist).astype(int))
        cv2.line(line, *ends, 255, width)
        band = (line > 0) & (person.mask > 0.5)
        if not band.any():
            continue
        # Worked out in the band's box only.
        x, y, bw, bh = cv2.boundingRect(line)
        box = slice(y, y + bh), slice(x, x + bw)
        own = own_skin(person.lab(), person, band)[box] | (skin_like(person.crop(x, y, x + bw, y + bh)) & band[box])
        middle = np.round((elbow + wrist) / 2 - (x, y)).astype(int)
        closed = (cv2.morphologyEx(own.astype(np.uint8), cv2.MORPH_CLOSE, _gap_closing(person)) > 0) & band[box]
        joined = _joined_to(closed, (int(middle[0]), int(middle[1])), width // 2)
        skin = np.zeros((h, w), bool)
        skin[box] = joined
        if np.count_nonzero(joined) >= RAISED_BARE * person.shoulder_width * length:
            found.append(Forearm(side, band, skin, True, elbow.astype(np.float64), wrist.astype(np.float64)))
    return found


def _forearm(person: Person, side: str, elbow: NDArray[np.float32], wrist: NDArray[np.float32]) -> Forearm | None:
    """The forearm from `elbow` to `wrist`: its band (`FOREARM_WIDTH`) on the person, the
    skin in it and whether it is bare (`BARE`); None when the band is off the person."""
    w, h = person.size
    line = np.zeros((h, w), np.uint8)
    width = max(3, int(person.shoulder_width * FOREARM_WIDTH))
    cv2.line(line, tuple(np.round(elbow).astype(int)), tuple(np.round(wrist).astype(int)), 255, width)
    band = (line > 0) & (person.mask > 0.5)
    if not band.any():
        return None
    # The skin test in the band's box only: over the whole photo it cost a tenth of a
    # second a call, and compositing and placing each ask.
    x, y, bw, bh = cv2.boundingRect(line)
    skin = np.zeros((h, w), bool)
    skin[y : y + bh, x : x + bw] = skin_like(person.crop(x, y, x + bw, y + bh))
    bare = np.count_nonzero(skin & band) >= BARE * np.count_nonzero(band)
    return Forearm(side, band, skin & band, bare, elbow.astype(np.float64), wrist.astype(np.float64))


def bare_forearms_in_front(person: Person, raised: bool = True) -> NDArray[np.bool_]:
    """The skin of the bare forearms across the torso, and with `raised` those raised in
    front of the shoulder (not inside a new long sleeve, `garment.long_sleeved`), and
    what is worn on them up to the hand (`_worn_on`): kept in front of a new garment."""
    w, h = person.size
    keep = np.zeros((h, w), bool)
    forearms = [arm for arm in crossed_forearms(person) + (raised_forearms(person) if raised else []) if arm.bare]
    if not forearms:
        return keep
    closing = _gap_closing(person)
    for arm in forearms:
        closed = cv2.morphologyEx(arm.skin.astype(np.uint8), cv2.MORPH_CLOSE, closing) > 0
        keep |= (closed & arm.band) | _worn_on(person, arm)
    return keep


def _worn_on(person: Person, arm: Forearm) -> NDArray[np.bool_]:
    """What lies along a bare forearm's bone between its skin and its hand's, from the
    elbow to `WRIST_PAST` beyond the wrist, over at most `ARM_WORN` (a bracelet, a
    watch): closed over along the bone only, so the arm's outline is not widened."""
    w, h = person.size
    found = np.zeros((h, w), bool)
    end = arm.wrist + (arm.wrist - arm.elbow) * WRIST_PAST
    width = max(3, int(person.shoulder_width * FOREARM_WIDTH))
    # Worked out in the box round the band only.
    x0, y0 = np.maximum(np.floor(np.minimum(arm.elbow, end)) - width, 0).astype(int)
    x1, y1 = np.minimum(np.ceil(np.maximum(arm.elbow, end)) + width + 1, (w, h)).astype(int)
    band = np.zeros((y1 - y0, x1 - x0), np.uint8)
    ends = [tuple(np.round(p - (x0, y0)).astype(int)) for p in (arm.elbow, end)]
    cv2.line(band, ends[0], ends[1], 255, width)
    inside = (band > 0) & (person.mask[y0:y1, x0:x1] > 0.5)
    skin = skin_like(person.crop(x0, y0, x1, y1)) & inside
    length = max(3, int(person.shoulder_width * ARM_WORN) | 1)
    run = (end - arm.elbow) / max(float(np.linalg.norm(end - arm.elbow)), 1.0) * (length // 2)
    line = np.zeros((length, length), np.uint8)
    middle = np.array([length // 2, length // 2], np.float64)
    cv2.line(line, tuple(np.round(middle - run).astype(int)), tuple(np.round(middle + run).astype(int)), 1, 1)
    closed = cv2.morphologyEx(skin.astype(np.uint8), cv2.MORPH_CLOSE, line) > 0
    found[y0:y1, x0:x1] = closed & inside & ~skin
    return found


def _gap_closing(person: Person) -> NDArray[np.uint8]:
    """The round element that closes gaps in a bare forearm's skin (`ARM_GAP`)."""
    size = max(3, int(person.shoulder_width * ARM_GAP) | 1)
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))


#: A forearm hangs in front of the hips (a hand resting on the thigh or the hip) when its
#: wrist is no higher than this share of the torso above the hips...
FRONT_WAIST = 0.25
#: ...and no further from the body's middle than the hips' half-width and this share of
#: the shoulder width: further out the arm hangs beside the body.
FRONT_REACH = 0.25
#: ...and it runs in towards the body's middle by at least this share of the shoulder
#: width, elbow to wrist: an arm hanging straight down at the side is beside the hips.
FRONT_INWARD = 0.1
#: The band's half-width round a forearm in front of the hips (shoulder widths): narrower
#: than `ARM_HALF`'s, as beside it may be cloth of the skin's colour (beige shorts).
FRONT_HALF = 0.11
#: ...at least this share of which is the arm's own skin: a sheer sleeve shows the skin
#: through it in patches (its band was under two thirds skin, a bare arm's over 0.9).
FRONT_BARE = 0.85


def bare_forearms_over_bottom(person: Person) -> NDArray[np.bool_]:
    """The skin of the bare forearms hanging in front of the hips, elbow to wrist: kept in
    front of a new bottom or dress like the hand they lead to. Drawn over them, the new
    garment left the hand floating on it, cut square at the wrist.

    Skin in the band round the forearm's bone, by the arm's own colour (`own_skin`) and
    off the worn bottom's colours where they differ from it; gaps in it closed and what
    is not joined to the wrist's end left out."""
    w, h = person.size
    keep = np.zeros((h, w), bool)
    hips, hanging = _hanging_forearms(person)
    reach = abs(float(person.pt(L_HIP)[0] - person.pt(R_HIP)[0])) / 2 + FRONT_REACH * person.shoulder_width
    sides = [
        (elbow, wrist)
        for elbow, wrist in hanging
        if abs(wrist[0] - hips[0]) <= reach
        and abs(elbow[0] - hips[0]) - abs(wrist[0] - hips[0]) >= FRONT_INWARD * person.shoulder_width
    ]
    if not sides:
        return keep
    lab = person.lab()
    worn = worn_colours(lab, person, SwapTarget.BOTTOM)
    width = max(3, int(2 * FRONT_HALF * person.shoulder_width))
    closing = _gap_closing(person)
    weights = np.array(GARMENT_WEIGHTS, np.float32)
    for elbow, wrist in sides:
        # Square at the wrist: past it the hand's own test holds (a round end took in
        # the skin-coloured cloth beside the wrist).
        line = _band((h, w), (0, 0), elbow, wrist, _normal(elbow, wrist), width / 2, width / 2)
        band = (line > 0) & (person.mask > 0.5)
        if not band.any():
            continue
        skin = own_skin(lab, person, band)
        if np.count_nonzero(skin) < FRONT_BARE * np.count_nonzero(band):
            continue
        # Worked out in the box round the band only.
        x, y, bw, bh = cv2.boundingRect(line)
        box = slice(y, y + bh), slice(x, x + bw)
        near, inside = skin[box], line[box] > 0
        middle = np.median(lab[box][near], axis=0)
        # A worn colour the arm's own cannot be told from (beige shorts) is left to the band.
        cloth = [c for c in worn if float(np.sum(weights * (c - middle) ** 2)) >= SAME_GARMENT_COLOUR**2]
        if cloth:
            near = near & (nearest_distance(lab[box], cloth) > squared_distance(lab[box], middle, GARMENT_WEIGHTS))
        closed = (cv2.morphologyEx(near.astype(np.uint8), cv2.MORPH_CLOSE, closing) > 0) & inside
        keep[box] |= _joined_to(closed, (int(round(wrist[0])) - x, int(round(wrist[1])) - y), width // 2)
    return keep


def _hanging_forearms(person: Person) -> tuple[NDArray[np.float32], list[tuple[Vec, Vec]]]:
    """The hips' midpoint, and the forearms (elbow, wrist) the pose sees hanging down to
    the hips: the wrist no higher than `FRONT_WAIST` of the torso above them. Both a bare
    forearm and a sleeve in front of a new bottom are looked for along them."""
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    if not person.visible(L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, threshold=SEEN):
        return hips, []
    torso = float(hips[1] - (person.pt(L_SHOULDER)[1] + person.pt(R_SHOULDER)[1]) / 2)
    sides = [
        (person.pt(e).astype(np.float64), person.pt(wr).astype(np.float64))
        for e, wr in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST))
        if person.visible(e, wr, threshold=SEEN)
    ]
    return hips, [(elbow, wrist) for elbow, wrist in sides if wrist[1] >= hips[1] - FRONT_WAIST * torso]


def _normal(elbow: Vec, end: Vec) -> Vec:
    """The unit vector square to the forearm's bone from `elbow` to `end`."""
    run = end - elbow
    return np.array([-run[1], run[0]]) / max(float(np.linalg.norm(run)), 1.0)


def _band(
    shape: tuple[int, int], origin: tuple[int, int], elbow: Vec, end: Vec, out: Vec, outer: float, inner: float
) -> NDArray[np.uint8]:
    """255 over the band along the bone from `elbow` to `end`, square at both ends: `outer`
    pixels out along `out` and `inner` against it, drawn in an array of `shape` whose
    first pixel is the photo's `origin` (x, y)."""
    band = np.zeros(shape, np.uint8)
    corners = np.array([elbow + out * outer, end + out * outer, end - out * inner, elbow - out * inner])
    cv2.fillConvexPoly(band, np.round(corners - origin).astype(np.int32), 255)
    return band


def _joined_to(mask: NDArray[np.bool_], centre: tuple[int, int], radius: int) -> NDArray[np.bool_]:
    """What of `mask` is joined (8-connected) to the disc round `centre`: the arm that
    leads to the hand or the shoulder, not skin or cloth beside it."""
    _, labels = cv2.connectedComponents(mask.astype(np.uint8), connectivity=8)
    disc = np.zeros(mask.shape, np.uint8)
    cv2.circle(disc, centre, radius, 255, -1)
    joined = np.unique(labels[(disc > 0) & mask])
    return np.isin(labels, joined[joined > 0])


#: A sleeved forearm hanging down to the hips (a hand in a trouser pocket, on the hip)
#: is the top's, in front of a new bottom, whichever way it runs: its band reaches this
#: share of the shoulder width out from the bone, away from the body's middle (a knit
#: sleeve's cuff)...
SLEEVE_HALF = 0.15
#: ...and this share in towards it: the pose puts a wrist going into a pocket at the
#: sleeve's inner edge, and a band as wide that side took the top's hem beside the arm,
#: kept as a block cut into the new waistband.
SLEEVE_INNER = 0.11
#: ...reaching past the wrist joint by this share of the forearm: the cuff hangs over it,
#: and the pose puts the wrist of a hand in a pocket above the pocket's edge...
SLEEVE_PAST = 0.4
#: ...and the old bottom's plain cloth in it is what stays of the bottom's colour once
#: lines narrower than this share of the shoulder width are opened away: a plaid's or a
#: cuff's rib's navy stripes match navy trousers pixel by pixel, and taken for them the
#: cuffs were rebuilt as white blobs beside the new waistband.
PLAIN_CLOTH_LINE = 0.06
#: The band holds a sleeve when at least this share of it is not the bottom's plain cloth;
#: otherwise only its middle is kept, this wide each side of the bone (shoulder widths).
SLEEVE_SHOWN = 0.5
SLEEVE_CORE = 0.07
#: ...and only where at least this share of the middle is the bottom's colour.
SLEEVE_SAME = 0.8
#: A forearm whose band, elbow to wrist, is at least this share its own skin is bare.
SLEEVE_BARE = 0.3


def sleeves_over_bottom(person: Person) -> NDArray[np.bool_]:
    """The forearms, sleeved or bare, hanging from the elbow down to the hips: what of
    their band is none of the old bottom's colours (a bare arm's: its own skin), with
    stripes of them as narrow as the plain cloth's lines closed over, joined to the
    elbow's end; where most of the band is the bottom's plain cloth, its middle. Kept in
    front of a new bottom like the hands: the top's sleeve is no part of the bottom,
    though its stripes may be the trousers' colour."""
    w, h = person.size
    keep = np.zeros((h, w), bool)
    hips, hanging = _hanging_forearms(person)
    if not hanging:
        return keep
    lab = person.lab()
    worn = worn_colours(lab, person, SwapTarget.BOTTOM)
    half = max(2, int(SLEEVE_HALF * person.shoulder_width))
    line = max(3, int(PLAIN_CLOTH_LINE * person.shoulder_width) | 1)
    opening = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (line, line))
    for elbow, wrist in hanging:
        end = wrist + (wrist - elbow) * SLEEVE_PAST
        # Worked out in the box round the band, with room for the opening to read the
        # bottom's cloth round it as over the whole photo.
        pad = half + line + 2
        x0, y0 = np.maximum(np.floor(np.minimum(elbow, end)) - pad, 0).astype(int)
        x1, y1 = np.minimum(np.ceil(np.maximum(elbow, end)) + pad + 1, (w, h)).astype(int)
        if x1 - x0 < 3 or y1 - y0 < 3:
            continue
        box = slice(y0, y1), slice(x0, x1)
        out = _normal(elbow, end)
        if float(out @ (wrist - hips)) < 0:
            out = -out
        band = _band((y1 - y0, x1 - x0), (x0, y0), elbow, end, out, half, SLEEVE_INNER * person.shoulder_width)
        ends = [tuple(np.round(p - (x0, y0)).astype(int)) for p in (elbow, end)]
        on = (band > 0) & (person.mask[box] > 0.5)
        if not on.any():
            continue
        similar = nearest_distance(lab[box], worn) < SAME_GARMENT_COLOUR**2
        plain = cv2.morphologyEx(similar.astype(np.uint8), cv2.MORPH_OPEN, opening) > 0
        # The share is read off the plain cloth (a plaid's stripes are the sleeve's); the
        # sleeve itself off all of the bottom's colours, its stripes closed over after:
        # the print or the seams of an old bottom beside the arm are no plain cloth either.
        arm = on & ~plain
        if np.count_nonzero(arm) < SLEEVE_SHOWN * np.count_nonzero(on):
            # A sleeve of the bottom's own colour (a knit set, a long coat read on the
            # thighs; a bare arm over skin-coloured shorts): colour cannot tell them apart,
            # so the middle of the forearm is kept, to the wrist only (past it may be the
            # pocket). What it takes of the bottom beside the arm is the arm's colour.
            # Only where the middle itself is the bottom's colour: a thin bare arm beside
            # a dark dress leaves most of the band the dress, and its middle kept took a
            # strip of the dress with it.
            core = np.zeros(band.shape, np.uint8)
            middle = tuple(np.round(wrist - (x0, y0)).astype(int))
            cv2.line(core, ends[0], middle, 255, 2 * max(1, int(SLEEVE_CORE * person.shoulder_width)) + 1)
            inside = (core > 0) & on
            if np.count_nonzero(inside & similar) >= SLEEVE_SAME * max(np.count_nonzero(inside), 1):
                keep[box] |= inside
            continue
        arm &= ~similar
        skin = own_skin(lab[box], person.crop(x0, y0, x1, y1), on)
        forearm = np.zeros(band.shape, np.uint8)
        cv2.line(forearm, ends[0], tuple(np.round(wrist - (x0, y0)).astype(int)), 255, 2 * half + 1)
        above = (forearm > 0) & on
        if np.count_nonzero(skin & above) >= SLEEVE_BARE * max(np.count_nonzero(above), 1):
            # A bare forearm (its skin a good share of the band from the elbow to the
            # wrist): its own skin, not the bottom's seams or print beside it.
            arm &= skin
        # Its stripes of the bottom's colour, as narrow as the plain cloth's lines, closed over.
        closed = (cv2.morphologyEx(arm.astype(np.uint8), cv2.MORPH_CLOSE, opening) > 0) & on
        closed = _holes_filled(closed, int((person.shoulder_width * ARM_HOLE) ** 2))
        keep[box] |= _joined_to(closed, ends[0], half)
    return keep


#: A crossed forearm not bare (`BARE`) whose band is still at least this share skin is a
#: bare arm partly hidden, not a sleeve: held out towards the camera, foreshortened, with
#: what it holds and the top behind it filling the band (the devset's woman holding a
#: fruit out, 0.44). The devset's sleeved crossed forearms read 0.03; bare ones 0.69.
PARTLY_BARE = 0.2


def _skin_share(arm: Forearm) -> float:
    """The share of a forearm's band that looks like skin."""
    return np.count_nonzero(arm.skin) / max(np.count_nonzero(arm.band), 1)


def refuse_crossed_sleeves(person: Person, category: str) -> None:
    """Raise `pose_not_supported` when a top or dress would go under a forearm crossed in
    front of the body that cannot be kept as bare: the old sleeve would stay in front of
    the new garment. The message tells a sleeve from a bare arm only partly seen as skin
    (`PARTLY_BARE`): told it wore sleeves, a woman holding a fruit out in bare arms was
    given a reason that was not hers."""
    if category == SwapTarget.BOTTOM:
        return
    covered = [arm for arm in crossed_forearms(person) if not arm.bare]
    if not covered:
        return
    if all(_skin_share(arm) >= PARTLY_BARE for arm in covered):
        raise EngineError(
            "pose_not_supported",
            "a forearm is held in front of the body, only partly seen as bare skin (held out towards the "
            "camera, or holding something); the new garment cannot be drawn round it: send a photo with "
            "the arms at the sides",
        )
    raise EngineError(
        "pose_not_supported",
        "the arms are crossed in front of the body in sleeves the new garment cannot replace; "
        "send a photo with the arms at the sides (bare forearms in front can stay)",
    )


#: Arms hanging at the sides are in front of a top's or dress's body panel from this far
#: down the upper arm (shoulder 0, elbow 1): above it the shoulder's cap lies under the
#: garment's shoulder (a cap sleeve, a strap), as in a photo.
HANGING_FROM = 0.4
#: Nothing is rebuilt over a bare arm from this far down the upper arm: its own skin
#: stays up to the shoulder's cap wherever the new garment does not cover it (rebuilt
#: there, a sleeveless top's bare upper arm came out as a flat, paler ghost of itself).
KEPT_FROM = 0.1
#: ...and from this far (frontal shoulder widths) beyond the band round its bones, where
#: its skin joins the band's: the pose's bones are often off the arm's middle, and the
#: arm's outer side left out was rebuilt as a pale double of its edge.
KEPT_WIDEN = 0.12
#: An arm's skin is kept from being rebuilt wherever this share of its band is skin: an
#: old strap or armhole over part of it leaves the rest the arm's own (the panel goes
#: under an arm only where it is mostly bare, `BARE`).
KEPT_BARE = 0.15
#: The arm's half-width at the upper arm and the forearm, in frontal shoulder widths
#: (`body`'s proportions): the band holds the arm, not the torso beside it.
ARM_HALF = (0.18, 0.14)
#: Skin pieces narrower than this share of the shoulder width are not an arm's.
ARM_SPECK = 0.08
#: Person-mask values under this are its soft rim against the backdrop.
ARM_RIM = 0.9
#: How far (shoulder widths) down the upper arm's bone below an old sleeve's hem a kept
#: bare arm is the hem's rim, not the arm's own skin: the hem's dark or pale edge and its
#: shadow on the arm, rebuilt with the arm above it. Kept with the arm, it stood as a
#: thin line across the bared upper arm (a black tee's hem on `ootd--051918_0` and
#: `mtk000t_3` under the sleeveless leopard). In full over the first half of it, fading
#: out over the rest into the arm's own skin.
HEM_RIM = 0.04
#: ...within this far (shoulder widths) of the upper arm's bone: the arm, not the torso.
HEM_RIM_ACROSS = 0.15
#: ...and within this many `HEM_RIM`s along the bone of where the old sleeve ends on the
#: bone itself (a slanting hem): along the arm's side an old tank's body lies up the bone
#: from the arm's inner edge too, and taken for a hem there the edge was rebuilt as a pale
#: strip down the arm (`cat--1-model_3`).
HEM_ALONG = 2.0
#: The old sleeve must cover the bone from above this share of the way to the elbow
#: (read at `HEM_STEPS` points along it).
HEM_FROM = 0.5
HEM_STEPS = 40
#: ...and end at least this far down it: higher up, the old garment round the bone is a
#: tank's or a vest's armhole crossing it at the shoulder (0.28-0.33 of the way on the
#: kit's tanks; short sleeves' hems 0.4-0.93, a cap sleeve's the least), whose rim is
#: the arm's own outline by the armpit: taken for a hem, it was rebuilt as a skin lump
#: beside the arm (`cat--model_5`, `cat--model_7` under the cami).
HEM_LOWEST = 0.36
#: How soft (pixels, a Gaussian sigma) the hem's rim is.
HEM_SOFT = 1.5


#: How far in hue (Lab a, b) from the person's skin a worn colour may be and be skin in
#: light or shade (`colour.skin_like`'s chroma test).
SKIN_HUE = 14.0


def _skin_hued(colour: NDArray[np.float32], person: Person) -> bool:
    """Whether a Lab colour is the person's skin's hue at any lightness."""
    hue = float(np.hypot(colour[1] - person.skin_lab[1], colour[2] - person.skin_lab[2]))
    return bool(plausible_skin(colour)) and hue < SKIN_HUE


def worn_top_colour(person: Person) -> NDArray[np.bool_]:
    """The pixels nearer a colour of the worn top (read across the chest) than the skin's:
    a pink or beige top, or a white one in warm light, passes the skin test, and kept in
    front of the new garment it would be the old garment left on the person."""
    lab = person.lab()
    colours = worn_colours(lab, person, SwapTarget.TOP)
    # Bare skin between the straps of a bra, a crop top or a cami is read across the
    # chest too; taken for the top's colour it made the whole arm (nearer that shaded
    # skin than the face's) the old garment, rebuilt as a ghost over the backdrop. Beside
    # a colour that is no skin's it is skin; alone it may be a beige top.
    cloth = [colour for colour in colours if not _skin_hued(colour, person)]
    if cloth:
        colours = cloth
    nearest = nearest_distance(lab, colours)
    return (nearest < SAME_GARMENT_COLOUR**2) & (nearest < squared_distance(lab, person.skin_lab, GARMENT_WEIGHTS))


def bare_arms_beside(
    person: Person, frame: Frame, start: float = HANGING_FROM, widen: float = 0.0, bare: float = BARE
) -> NDArray[np.float32]:
    """How much of each pixel is a bare arm hanging beside the torso (0..1): its skin from
    the upper arm's middle down to the wrist, with the arm's soft outline. A top's or
    dress's body panel goes under it; drawn over it, the panel hid the arm's inner half
    and left its outer sliver beside the garment as a pale streak. Only a part of the arm
    that is mostly skin counts: in a sleeve, skin-coloured bits beside it (a print, a bare
    midriff) are not an arm.

    `start` is how far down the upper arm (shoulder 0, elbow 1) the arm begins: the
    panel goes under it from `HANGING_FROM`; nothing is rebuilt over it from
    `KEPT_FROM`; `widen` (frontal shoulder widths) takes in the arm's skin that far
    beyond the band round its bones, joined to the skin in it (`KEPT_WIDEN`); `bare` is
    the share of a bone's band that must be skin for it to count (`KEPT_BARE`).

    Worked out once per photo, frame width and settings (placement and compositing both
    ask, and it is a whole-photo skin test); the answer is read-only."""
    return memo.kept(
        person,
        f"bare_arms_{start}_{widen}_{bare}",
        (person.image, frame.frontal_width),
        lambda: _bare_arms(person, frame, start, widen, bare),
    )


def below_hems(person: Person, arms: NDArray[np.float32], old: NDArray[np.bool_]) -> NDArray[np.float32]:
    """How much of each pixel of the kept bare `arms` is an `old` sleeve's hem's rim
    (0..1): within `HEM_RIM` below the old garment up the upper arm's bone, 1 next to
    it, fading to 0 at the end; the rest 0."""
    h, w = old.shape
    out = np.zeros((h, w), np.float32)
    s = person.shoulder_width
    reach = max(2, int(round(s * HEM_RIM)))
    found = bounds(arms > 0, pad=reach)
    if found is None:
        return out
    x0, y0, x1, y1 = found
    box = slice(y0, y1), slice(x0, x1)
    held, worn = arms[box] > 0, old[box]
    ys = np.arange(y0, y1, dtype=np.float32)[:, None]
    xs = np.arange(x0, x1, dtype=np.float32)[None, :]
    for shoulder, elbow in ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW)):
        a, b = person.pt(shoulder).astype(np.float32), person.pt(elbow).astype(np.float32)
        v = b - a
        length = float(np.hypot(*v))
        if length < 2 * reach:
            continue
        hem = hem_on_bone(old, a, v)
        if hem is None:
            continue
        t = ((xs - a[0]) * v[0] + (ys - a[1]) * v[1]) / (length * length)
        off = np.abs((xs - a[0]) * v[1] - (ys - a[1]) * v[0]) / length
        # Only round where the hem crosses the bone: along the arm's side the old top's
        # body beside it is no hem, and the arm's own edge there stays.
        near = np.abs(t - hem) * length < HEM_ALONG * reach
        on = held & (t >= 0) & (t <= 1) & (off < s * HEM_RIM_ACROSS) & near
        if not on.any():
            continue
        # Nearest the hem first: each pixel keeps the shortest way up the bone to the old
        # garment.
        nearest = np.full(on.shape, np.inf, np.float32)
        for d in range(reach, -1, -1):
            dx, dy = (int(round(float(c) * d / length)) for c in v)
            np.copyto(nearest, np.float32(d), where=_moved(worn, dx, dy) & on)
        weight = np.clip(2 * (reach - nearest) / reach, 0, 1).astype(np.float32)
        np.maximum(out[box], weight, out=out[box])
    # Softened outwards (next to the hem it stays whole), on the kept arm only: read pixel
    # by pixel up the bone, the rim ended in stairs at the arm's sides where the old
    # sleeve stood out beside it.
    soft = np.maximum(cv2.GaussianBlur(out[box], (0, 0), HEM_SOFT), out[box])
    out[box] = soft * (arms[box] > 0)
    return out


def hem_on_bone(old: NDArray[np.bool_], a: NDArray[np.float32], v: NDArray[np.float32]) -> float | None:
    """Where down the upper arm's bone (`a` the shoulder, `v` to the elbow; shares of it)
    the `old` sleeve round it ends: the end of the first run of the bone in the old
    garment, starting above `HEM_FROM`; None where the bone is bare down to there, the
    old garment covers it to the elbow (a long sleeve: no hem on the upper arm) or ends
    above `HEM_LOWEST` (an armhole)."""
    h, w = old.shape
    shares = np.linspace(0, 1, HEM_STEPS + 1)
    points = np.round(a[None, :] + v[None, :] * shares[:, None]).astype(int)
    inside = (points[:, 0] >= 0) & (points[:, 0] < w) & (points[:, 1] >= 0) & (points[:, 1] < h)
    covered = np.zeros(len(shares), bool)
    covered[inside] = old[points[inside, 1], points[inside, 0]]
    first = np.flatnonzero(covered)
    if not len(first) or shares[first[0]] > HEM_FROM:
        return None
    bare = np.flatnonzero(~covered[first[0] :])
    if not len(bare):
        return None
    end = float(shares[first[0] + bare[0]])
    return end if end >= HEM_LOWEST else None


def _moved(mask: NDArray[np.bool_], dx: int, dy: int) -> NDArray[np.bool_]:
    """`mask` moved `dx` pixels right and `dy` down; what moves in from the edges is empty."""
    h, w = mask.shape
    out = np.zeros_like(mask)
    if abs(dx) < w and abs(dy) < h:
        out[max(0, dy) : h + min(0, dy), max(0, dx) : w + min(0, dx)] = mask[
            max(0, -dy) : h - max(0, dy), max(0, -dx) : w - max(0, dx)
        ]
    return out


def _bare_arms(person: Person, frame: Frame, start: float, widen: float, bare: float) -> NDArray[np.float32]:
    w, h = person.size
    arms = np.zeros((h, w), np.float32)
    # Worked out in the box round the arms and the chest (where the worn top is read)
    # only: over the whole photo it cost as much as the rest of the composite.
    x0, y0, x1, y1 = _arms_box(person, frame, widen)
    if x1 - x0 > 2 and y1 - y0 > 2:
        wx0, wy0, wx1, wy1 = outer = _arms_box(person, frame, max(widen, KEPT_WIDEN))
        inside = (slice(y0 - wy0, y1 - wy0), slice(x0 - wx0, x1 - wx0))
        maps = _skin_maps(person, outer)
        arms[y0:y1, x0:x1] = _bare_arms_beside(
            person.crop(x0, y0, x1, y1), frame, start, widen, bare, maps.within(inside)
        )
    arms.flags.writeable = False
    return arms


def _arms_box(person: Person, frame: Frame, widen: float) -> tuple[int, int, int, int]:
    """The box round the arms and the chest, room for arms `widen` wider on every side."""
    w, h = person.size
    joints = person.points[[L_SHOULDER, R_SHOULDER, L_ELBOW, R_ELBOW, L_WRIST, R_WRIST, L_HIP, R_HIP]]
    pad = frame.frontal_width * (ARM_HALF[0] + widen) + person.shoulder_width * ARM_HOLE + 8
    x0, y0 = np.maximum(np.floor(joints.min(axis=0) - pad), 0).astype(int)
    x1, y1 = np.ceil(joints.max(axis=0) + pad).astype(int)
    return int(x0), int(y0), min(int(x1), w), min(int(y1), h)


#: One bone's band, where the band meets the person, its ends and half-width share.
Bone = tuple[NDArray[np.uint8], NDArray[np.bool_], tuple[tuple[int, int], tuple[int, int]], float]


@dataclass(frozen=True)
class _SkinMaps:
    """Per pixel of a box: the Lab colour, the worn top's colour, skin by the strict
    test, and skin by both tests off the worn top and inside the person."""

    lab: NDArray[np.float32]
    worn: NDArray[np.bool_]
    plausible: NDArray[np.bool_]
    skin: NDArray[np.bool_]

    def within(self, box: tuple[slice, slice]) -> _SkinMaps:
        return _SkinMaps(self.lab[box], self.worn[box], self.plausible[box], self.skin[box])


def _skin_maps(person: Person, box: tuple[int, int, int, int]) -> _SkinMaps:
    """The skin tests over `box`, made once per photo: placement and compositing ask for
    the arms with different settings, in boxes inside the widest one (`KEPT_WIDEN`); each
    test is of one pixel's colour, so the same in any box holding the chest."""
    return memo.kept(person, "arm_skin_maps", (person.image, box), lambda: _skin_maps_in(person, box))


def _skin_maps_in(person: Person, box: tuple[int, int, int, int]) -> _SkinMaps:
    inner = person.crop(*box)
    lab = inner.lab()
    # Greyer than the skin can be is no arm: the old white or grey top's shaded side
    # beside it passes `skin_like`, and kept with the arm it was left as a strip. Above
    # the hips only: below them an old dress's skirt stays under a new top, and its
    # shaded side beside the hand, no longer kept, was rebuilt as a skin-coloured column.
    hips = (inner.pt(L_HIP) + inner.pt(R_HIP)) / 2
    grey = greyer_than_skin(lab, inner.skin_lab) & ~below_line(inner, torso_frame(inner), hips)
    worn = worn_top_colour(inner) | grey
    # Skin by a strict test: a grey or white top in shadow passes the loose one.
    plausible = plausible_skin(lab)
    return _SkinMaps(lab, worn, plausible, skin_like(inner) & plausible & (inner.mask > 0.5) & ~worn)


#: An arm's own skin is told from the rest by its own middle colour: lit from the side,
#: tanned or in shade it is often further in hue from the face's than `skin_like`
#: allows, and the arm left out was rebuilt as a ghost. It must still be within this
#: hue (Lab a, b) of the face's, and each pixel within `SKIN_HUE` of the arm's.
ARM_HUE_OFF = 20.0
#: Fewer pixels than this and an arm's own colour is not read.
MIN_ARM_PIXELS = 30
#: Holes in an arm's skin smaller than this square (shoulder widths; a highlight, a
#: shadow, a freckle the skin test missed) are the arm: left out, they were rebuilt as
#: stipple over it.
ARM_HOLE = 0.12
#: How far in lightness (Lab L, 0..255) an arm's skin may be from its middle colour.
LIGHTNESS_OFF = 70.0


def own_skin(
    lab: NDArray[np.float32], person: Person, on: NDArray[np.bool_], plausible: NDArray[np.bool_] | None = None
) -> NDArray[np.bool_]:
    """The pixels of `on` (one arm's band) coloured like that arm's own skin, or none when
    the band's middle colour is no skin's; `plausible` is `plausible_skin(lab)` when the
    caller has it."""
    found = np.zeros(on.shape, bool)
    # Looked for in the band's box only: the band is a thin line across a large box.
    x, y, bw, bh = cv2.boundingRect(on.view(np.uint8))
    box = slice(y, y + bh), slice(x, x + bw)
    ys, xs = np.nonzero(on[box] & (plausible_skin(lab[box]) if plausible is None else plausible[box]))
    ys += y
    xs += x
    if len(ys) < MIN_ARM_PIXELS:
        return found
    colours = lab[ys, xs]
    middle = np.median(colours, axis=0)
    if np.hypot(middle[1] - person.skin_lab[1], middle[2] - person.skin_lab[2]) >= ARM_HUE_OFF:
        return found
    hue = np.hypot(colours[:, 1] - middle[1], colours[:, 2] - middle[2])
    near = (hue < SKIN_HUE) & (np.abs(colours[:, 0] - middle[0]) < LIGHTNESS_OFF)
    found[ys[near], xs[near]] = True
    return found


def _holes_filled(mask: NDArray[np.bool_], most: int) -> NDArray[np.bool_]:
    """`mask` with the holes in it smaller than `most` pixels filled. Looked for in the
    box round the mask, a pixel wider: a hole lies inside it, and what reaches its rim
    (none of it mask) goes on to the photo's edge, as over the whole photo."""
    found = bounds(mask, pad=1)
    if found is None:
        return mask.copy()
    x0, y0, x1, y1 = found
    inner = mask[y0:y1, x0:x1]
    _, labels, stats, _ = cv2.connectedComponentsWithStats((~inner).astype(np.uint8), connectivity=4)
    h, w = inner.shape
    x, y, bw, bh, area = stats.T
    small = (area < most) & (x > 0) & (y > 0) & (x + bw < w) & (y + bh < h)
    small[0] = False
    out = mask.copy()
    out[y0:y1, x0:x1] |= small[labels]
    return out


def _cleaned(skin: NDArray[np.bool_], person: Person) -> NDArray[np.bool_]:
    """`skin` with gaps narrower than `ARM_GAP` closed (a shadow, a watch strap) and
    specks and threads narrower than `ARM_SPECK` opened away (skin colour in a top's
    shadows is no arm: it would cut the new panel's edge into a fringe)."""
    size = max(3, int(person.shoulder_width * ARM_GAP) | 1)
    closed = cv2.morphologyEx(
        skin.astype(np.uint8), cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    )
    opening = max(3, int(person.shoulder_width * ARM_SPECK) | 1)
    return (
        cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (opening, opening))) > 0
    )


def _cleaned_round(skin: NDArray[np.bool_], person: Person, arms: list[list[Bone]], half: float) -> NDArray[np.bool_]:
    """`_cleaned` in the box round each arm's bones only, drawn up to `half` pixels wide
    each side, and far enough beyond it for the closing and opening to read the same
    pixels as over the whole box: nothing outside the bones is read from it, and the
    morphology over the whole box cost as much as the rest of the arms' test."""
    h, w = skin.shape
    reach = max(3, int(person.shoulder_width * ARM_GAP) | 1) + max(3, int(person.shoulder_width * ARM_SPECK) | 1)
    cleaned = np.zeros((h, w), bool)
    for bones in arms:
        ends = np.array([end for *_, pair, _ in bones for end in pair], np.float64)
        pad = int(half) + 2 + reach
        x0, y0 = np.maximum(ends.min(axis=0).astype(int) - pad, 0)
        x1, y1 = np.minimum(ends.max(axis=0).astype(int) + pad + 1, (w, h))
        if x1 > x0 and y1 > y0:
            found = _cleaned(skin[y0:y1, x0:x1], person)
            # Kept only `reach` inside the box's cut edges: there it is what the whole box gives.
            top, left = (reach if y0 > 0 else 0), (reach if x0 > 0 else 0)
            bottom, right = y1 - y0 - (reach if y1 < h else 0), x1 - x0 - (reach if x1 < w else 0)
            if bottom > top and right > left:
                cleaned[y0 + top : y0 + bottom, x0 + left : x0 + right] |= found[top:bottom, left:right]
    return cleaned


def _bare_arms_beside(
    person: Person, frame: Frame, start_share: float, widen: float, bare: float, maps: _SkinMaps
) -> NDArray[np.float32]:
    w, h = person.size
    fw = frame.frontal_width
    lab, worn, plausible = maps.lab, maps.worn, maps.plausible
    skin = maps.skin.copy()
    on_person, off_worn = person.mask > 0.5, ~worn
    bones: list[Bone] = []
    for shoulder, elbow, wrist in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        a, b, c = (person.pt(i).astype(np.float64) for i in (shoulder, elbow, wrist))
        start = a + (b - a) * start_share
        for p, q, half in ((start, b, ARM_HALF[0]), (b, c, ARM_HALF[1])):
            ends = (tuple(np.round(p).astype(int)), tuple(np.round(q).astype(int)))
            part = np.zeros((h, w), np.uint8)
            cv2.line(part, *ends, 255, max(3, int(2 * half * fw)))
            on = (part > 0) & on_person
            bones.append((part, on, ends, half))
            # Lit from the side, tanned or in shade, an arm is often no skin by the
            # strict test (read on the face); by its own colour it is.
            skin |= own_skin(lab, person, on & off_worn, plausible)
    cleaned = _cleaned_round(skin, person, [bones[:2], bones[2:]], (ARM_HALF[0] + widen) * fw)
    band = np.zeros((h, w), np.uint8)
    wide = np.zeros((h, w), np.uint8)
    for part, on, ends, half in bones:
        if np.count_nonzero(on & cleaned) >= bare * max(np.count_nonzero(on), 1):
            band |= part
            if widen > 0:
                cv2.line(wide, *ends, 255, max(3, int(2 * (half + widen) * fw)))
    if not band.any():
        return np.zeros((h, w), np.float32)
    closed = cleaned.astype(np.uint8)
    if widen > 0:
        _, labels = cv2.connectedComponents(((closed > 0) & (wide > 0)).astype(np.uint8), connectivity=8)
        joined = np.unique(labels[(closed > 0) & (band > 0)])
        band = wide
        closed = np.isin(labels, joined[joined > 0]).astype(np.uint8)
    closed = _holes_filled((closed > 0) & (band > 0), int((person.shoulder_width * ARM_HOLE) ** 2))
    closed = _inner_trimmed(closed, person, [ends for *_, ends, _ in bones]).astype(np.uint8)
    # The arm's outline against the backdrop (the person mask's soft rim) is half skin,
    # half backdrop: it stays whole with the arm. Against the body the old garment beside
    # the arm is not kept.
    edge = 2 * max(1, int(person.shoulder_width * 0.012)) + 1
    rim = (person.mask > 0.3) & (person.mask < ARM_RIM)
    arm = (cv2.dilate(closed, np.ones((edge, edge), np.uint8)) > 0) & (band > 0) & (rim | (closed > 0))
    return np.maximum(cv2.GaussianBlur(arm.astype(np.float32), (0, 0), 0.8), closed.astype(np.float32))


#: An arm is no wider across its bone, at any point along it, than this many times its
#: median width along that bone (`SLICE` pixels a slice): a bare midriff's skin beside
#: a hanging arm is joined to it, and taken for the arm it cut holes in a new top's
#: sides at the waist, the old midriff kept in them. What is wider is cut off on the
#: body's side (the pose's bone is often off the arm's middle: not the outer side).
ARM_WIDTH_OFF = 1.3
SLICE = 4
#: ...read on bones with this many slices at least.
MIN_SLICES = 5


def _inner_trimmed(
    arm: NDArray[np.bool_], person: Person, bones: list[tuple[tuple[int, int], tuple[int, int]]]
) -> NDArray[np.bool_]:
    """`arm` less what lies further in towards the torso's middle (the shoulders' and
    hips' mean) than the arm's width allows (`ARM_WIDTH_OFF`), slice by slice across
    each pixel's nearest bone: the trunk's skin beyond the arm's inner edge."""
    ys, xs = np.nonzero(arm)
    if not len(xs):
        return arm
    fx, fy = xs.astype(np.float32), ys.astype(np.float32)
    centre = person.points[[L_SHOULDER, R_SHOULDER, L_HIP, R_HIP]].astype(np.float64).mean(axis=0)
    nearest = np.full(len(xs), np.inf, np.float32)
    side = np.zeros(len(xs), np.float32)
    place = np.zeros(len(xs), np.int32)
    owner = np.full(len(xs), -1, np.int32)
    for index, (p, q) in enumerate(bones):
        a, b = np.array(p, np.float64), np.array(q, np.float64)
        length = float(np.hypot(*(b - a)))
        if length < SLICE * MIN_SLICES:
            continue
        ux, uy = (b - a) / length
        out = 1.0 if (-uy * ((a[0] + b[0]) / 2 - centre[0]) + ux * ((a[1] + b[1]) / 2 - centre[1])) >= 0 else -1.0
        dx, dy = fx - np.float32(a[0]), fy - np.float32(a[1])
        run = dx * np.float32(ux) + dy * np.float32(uy)
        across = (dy * np.float32(ux) - dx * np.float32(uy)) * np.float32(out)
        foot = np.clip(run, 0, length)
        dist = across**2 + (run - foot) ** 2
        closer = dist < nearest
        nearest[closer], side[closer], owner[closer] = dist[closer], across[closer], index
        place[closer] = (foot[closer] / SLICE).astype(np.int32)
    keep = np.ones(len(xs), bool)
    for index in range(len(bones)):
        mine = np.flatnonzero(owner == index)
        if not len(mine):
            continue
        # Each slice's reach either side: the largest of its pixels', run by run once sorted.
        order = mine[np.argsort(place[mine], kind="stable")]
        _, starts, index_of = np.unique(place[order], return_index=True, return_inverse=True)
        outer = np.maximum.reduceat(np.maximum(side[order], 0), starts)
        inner = np.maximum.reduceat(np.maximum(-side[order], 0), starts)
        seen = (outer > 0) & (inner > 0)
        if np.count_nonzero(seen) < MIN_SLICES:
            continue
        allowed = ARM_WIDTH_OFF * float(np.median((outer + inner)[seen])) - outer
        keep[order] = -side[order] <= allowed[index_of]
    trimmed = np.zeros_like(arm)
    trimmed[ys[keep], xs[keep]] = True
    return trimmed


#: An old top's strap over a kept bare arm is looked for down to this far down the torso
#: (neck 0, hips 1), in pieces that rise to above `STRAP_TOP` (over the shoulder): a
#: strip of the old top between the arm and the torso below the armpit is no strap
#: (painted, it smudged the shaded seam there).
STRAP_DEPTH = 0.45
STRAP_TOP = 0.1
#: ...and taken off above this depth only (the armpits): below, painting from the arm's
#: dark edge beside it smudged it.
STRAP_ARMPIT = 0.3
#: A strap lies this far (shoulder widths) or more to the side of the body's middle: the
#: bare chest in a V neckline, taken for an arm, has the neckline's edge round it.
STRAP_SIDE = 0.2
#: ...and taken this far (shoulder widths) beyond its pixels of the top's colour: its
#: edges, blended with the skin, are neither.
STRAP_RIM = 0.015


def straps_over_arms(
    person: Person, frame: Frame, arms: NDArray[np.float32], held: NDArray[np.bool_]
) -> NDArray[np.float32]:
    """1 where a bare arm kept from the photo (`arms`) is the old top's strap over the
    shoulder, else 0: pixels of the worn top's colour (`worn_top_colour`) above
    `STRAP_DEPTH`, joined to the top beside the arm, in pieces rising over the shoulder
    (`STRAP_TOP`), above the armpits (`STRAP_ARMPIT`) and to the side (`STRAP_SIDE`),
    with their blended rim. Kept with the
    arm, a cami's or tank's strap stayed on the shoulder beside a new cami's. Never what
    is `held` in front (hair, the face, the hands, jewellery on them): un-keeping the arm
    round the strap wholesale took long hair of the old top's colour with it."""
    out = np.zeros(arms.shape, np.float32)
    x0, y0, x1, y1 = _arms_box(person, frame, KEPT_WIDEN)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return out
    box = slice(y0, y1), slice(x0, x1)
    worn = _skin_maps(person, (x0, y0, x1, y1)).worn & (person.mask[box] > 0.5) & ~held[box]
    xs = np.arange(x0, x1, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(y0, y1, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    depth = (xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1])) / max(frame.length, 1.0)
    side = np.abs(xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])) / max(frame.width, 1.0)
    on_arm = arms[box] > 0
    # A thin strap's colour breaks where it is blended with the skin: its dashes closed.
    candidates = (
        on_arm
        & (depth < STRAP_DEPTH)
        & (side > STRAP_SIDE)
        & (cv2.morphologyEx(worn.view(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) > 0)
    )
    if not candidates.any():
        return out
    top = worn & ~on_arm
    count, labels = cv2.connectedComponents(candidates.view(np.uint8), connectivity=8)
    touching = candidates & (cv2.dilate(top.view(np.uint8), np.ones((3, 3), np.uint8)) > 0)
    highest = np.full(count, np.inf, np.float32)
    np.minimum.at(highest, labels[candidates], depth[candidates])
    pieces = np.unique(labels[touching])
    pieces = pieces[(pieces > 0) & (highest[pieces] < STRAP_TOP)]
    strap = np.isin(labels, pieces) & candidates & (depth < STRAP_ARMPIT)
    if not strap.any():
        return out
    rim = 2 * max(1, round(person.shoulder_width * STRAP_RIM)) + 1
    grown = cv2.dilate(strap.view(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (rim, rim))) > 0
    out[box] = grown & on_arm & ~held[box]
    return out
