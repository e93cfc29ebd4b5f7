"""An open coat, jacket or cardigan worn over a top: kept as the outer layer, in front of
the new garment (`outer_coat`). Of the skin's own colour (camel, tan suede, beige) it is
`skin_toned_coat`'s; of any other colour `coloured_coat`'s.

Such a coat passes for skin (`colour.skin_like`), so `old_garment.open_coat` never found
it, nor did the old garment's mask take it: every new top was pasted over its upper half
with its sleeves over the coat's, the coat's skirt left below the new hem; a dress took
its middle and one front, a bottom its lower panels. A coat is what a shopper keeps on
when trying on a tee: the new top shows between its fronts, and a new bottom or dress
between and below them. Told from bare arms by where it lies: on both upper arms in one
colour of its own tint (`skin_toned.skin_toned`), down both sides of the torso at the
chest and at the waist, with another garment, not skin, down the torso's middle.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic import memo
from fitroom.engines.classic.body import torso_frame, torso_zone
from fitroom.engines.classic.boxes import bounds, box_slices
from fitroom.engines.classic.colour import SAME_GARMENT_COLOUR, nearest_distance, skin_like, squared_distance
from fitroom.engines.classic.old_garment import (
    COAT_PANEL_REACH,
    COAT_SLEEVE_SPAN,
    COAT_WEIGHTS,
    _bare_skin,
    _colours_at,
    _near,
    below_line,
    open_coat,
    open_coat_colours,
    wears_open_coat,
)
from fitroom.engines.classic.person import (
    L_ELBOW,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    R_ELBOW,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    Person,
)
from fitroom.engines.classic.skin_toned import HUE_NEARER, LIGHTNESS_REACH, _tint, skin_toned

#: Across the torso, a coat's front is looked for at these shares of the way in from each
#: side (the shoulder-to-hip line; below 0 beyond it, where the arm hangs over the front),
#: and the top under it at the middle, at these shares of the way down from the shoulders
#: to the hips (chest, waist). An open coat's front may lie at the side, the top under it
#: showing the torso's whole width.
COAT_FRONT_IN = (-0.1, 0.0, 0.15)
COAT_FRONT_DOWN = (0.4, 0.7)
#: Gaps this wide (shoulder widths) in the coat's pixels (a seam's shadow, a button) are
#: closed, and the face is grown by as much to find the neck and chest next to it.
COAT_CLOSE = 0.04
#: A piece of the coat's colour apart from the rest (parted by a bag held in front) is
#: a panel of it when at least this big (the side of a square, shoulder widths) and
#: this share of it of the coat's tint: a bare leg of its colour has the skin's.
COAT_PANEL = 0.15
COAT_PANEL_TINT = 0.1
#: The coat is read on the photo shrunk by a whole factor to about this long side (the
#: composite's analysis size): a smooth mask, at a fraction of the cost.
COAT_SIDE = 512
#: A coloured coat's cloth is told by its colours weighing lightness this much (Lab
#: weights): more than `old_garment.COAT_WEIGHTS`' 0.15, under which a grey print on a
#: white sweater under a black-green parka read as the parka's shade.
KEPT_WEIGHTS = (0.25, 1.0, 1.0)
#: ...and kept up to this far (torso lengths) above the neck's line: its collar.
COAT_COLLAR = 0.1


def outer_coat(person: Person) -> NDArray[np.bool_]:
    """The pixels of an open coat worn over a top, of whatever colour (see the module),
    kept in front of any new garment; none when the person wears none."""
    return skin_toned_coat(person) | coloured_coat(person)


class _Coat(NamedTuple):
    colour: NDArray[np.float32]  # its median colour on the upper arms (Lab)
    seeds: NDArray[np.float64]  # points on it: along the upper arms, and its fronts


def skin_toned_coat(person: Person) -> NDArray[np.bool_]:
    """The pixels of an open coat of the skin's own colour worn over a top (see the
    module), or none. Read once per photo (every garment asks, and `fitroom eval`): the
    colours at a few points on the photo, the mask on a copy of it shrunk to about
    `COAT_SIDE`."""

    def make() -> NDArray[np.bool_]:
        w, h = person.size
        coat = _reads_as_coat(person)
        if coat is None:
            return np.zeros((h, w), bool)
        shrink = max(1, round(max(w, h) / COAT_SIDE))
        if shrink == 1:
            return _coat_mask(person, coat)
        size = (max(1, round(w / shrink)), max(1, round(h / shrink)))
        factor = np.array([size[0] / w, size[1] / h])
        small = _coat_mask(person.scaled(size), _Coat(coat.colour, (coat.seeds + 0.5) * factor - 0.5))
        return cv2.resize(small.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR) > 0.5

    return memo.kept(person, "skin_toned_coat", (person.image,), make)


def _reads_as_coat(person: Person) -> _Coat | None:
    """The coat's colour and points on it when the photo shows one (see the module)."""
    if not person.visible(L_SHOULDER, R_SHOULDER, L_ELBOW, R_ELBOW, L_HIP, R_HIP, threshold=0.5):
        return None
    lab = person.lab()
    sleeves, seeds = _upper_arms(person, lab)
    coat = (sleeves[0] + sleeves[1]) / 2
    # One cloth on both arms, told from this person's skin by its tint.
    if not _near(sleeves[0], sleeves[1]) or not skin_toned([coat], person):
        return None
    for down in COAT_FRONT_DOWN:
        left = person.pt(L_SHOULDER) * (1 - down) + person.pt(L_HIP) * down
        right = person.pt(R_SHOULDER) * (1 - down) + person.pt(R_HIP) * down
        middle = _patch(lab, person, (left + right) / 2)
        if _near(middle, coat) or _bare_skin(middle, person):
            return None
        for a, b in ((left, right), (right, left)):
            ahead = [a + (b - a) * t for t in COAT_FRONT_IN]
            ahead = [f for f in ahead if _near(_patch(lab, person, f), coat)]
            if not ahead:
                return None
            seeds.append(ahead[0])
    # A coat of any other colour is `old_garment.open_coat`'s.
    if wears_open_coat(person):
        return None
    return _Coat(coat, np.array(seeds, np.float64))


def _coat_mask(person: Person, coat: _Coat) -> NDArray[np.bool_]:
    """The coat's pixels: its colour, lit or in the shade (its tint is lost on a panel
    turned from the light), less the neck and chest the top's neckline bares (of the
    skin's tint, in one piece with the face), in pieces joined to the `coat.seeds`."""
    w, h = person.size
    out = np.zeros((h, w), bool)
    found = bounds(person.mask > 0.5)
    if found is None:
        return out
    # All is read in the box round the person: the same pixels as over the whole photo.
    box = box_slices(found)
    lab = person.lab()[box]
    body = (person.mask[box] > 0.5) & (person.face[box] == 0) & (person.hands[box] == 0)
    near = (nearest_distance(lab, [coat.colour], COAT_WEIGHTS) < SAME_GARMENT_COLOUR**2) & body
    tinted = _tinted(lab, coat.colour, person.skin_lab)
    own = near & ~tinted
    reach = 2 * max(1, int(person.shoulder_width * COAT_CLOSE)) + 1
    face = cv2.dilate(person.face[box].astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    count, labels = cv2.connectedComponents(own.astype(np.uint8), connectivity=8)
    bare = np.bincount(labels[face & own], minlength=count) > 0
    bare[0] = False
    # ...between the shoulders only: a sleeve lit near the face keeps its own.
    neck = np.zeros_like(own)
    xs = sorted(float(person.pt(i)[0]) - found[0] for i in (L_SHOULDER, R_SHOULDER))
    neck[:, max(0, int(xs[0])) : max(0, int(xs[1]) + 1)] = True
    closed = cv2.morphologyEx(
        (near & ~(bare[labels] & neck)).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((reach, reach), np.uint8)
    )
    cloth = (closed > 0) & body
    # Its pieces joined to the seeds; a hand in front (on a bag's strap) does not part a
    # panel from the rest. A panel parted by what the hand holds is the coat's when of
    # some size and much of the coat's tint (a bare leg of its colour has the skin's).
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (cloth | (person.hands[box] > 0)).astype(np.uint8), connectivity=8
    )
    seeds = np.zeros_like(cloth)
    r = max(1, int(person.shoulder_width * COAT_CLOSE))
    for x, y in (np.round(point).astype(int) - found[:2] for point in coat.seeds):
        seeds[max(0, y - r) : y + r + 1, max(0, x - r) : x + r + 1] = True
    kept = np.bincount(labels[seeds & cloth], minlength=count) > 0
    share = np.bincount(labels[cloth & tinted], minlength=count) / np.maximum(stats[:, cv2.CC_STAT_AREA], 1)
    kept |= (stats[:, cv2.CC_STAT_AREA] >= (COAT_PANEL * person.shoulder_width) ** 2) & (share >= COAT_PANEL_TINT)
    kept[0] = False
    out[box] = kept[labels] & cloth
    return out


def _upper_arms(
    person: Person, lab: NDArray[np.float32]
) -> tuple[list[NDArray[np.float32]], list[NDArray[np.float64]]]:
    """The median colour along each upper arm, where a coat's sleeve lies (left, right),
    and the points read there: seeds of the coat's mask when it is one."""
    sleeves: list[NDArray[np.float32]] = []
    seeds: list[NDArray[np.float64]] = []
    for shoulder, elbow in ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW)):
        a, b = person.pt(shoulder).astype(np.float64), person.pt(elbow).astype(np.float64)
        along = [a + (b - a) * t for t in np.linspace(*COAT_SLEEVE_SPAN, 4)]
        sleeves.append(np.median([_patch(lab, person, point) for point in along], axis=0).astype(np.float32))
        seeds += along
    return sleeves, seeds


def _patch(lab: NDArray[np.float32], person: Person, point: NDArray[np.floating[Any]]) -> NDArray[np.float32]:
    """The median colour of a small patch round `point`."""
    h, w = lab.shape[:2]
    x, y = np.asarray(point).astype(int)
    r = max(2, int(person.shoulder_width * 0.05))
    patch = lab[max(0, y - r) : min(h, y + r), max(0, x - r) : min(w, x + r)].reshape(-1, 3)
    return np.median(patch, axis=0).astype(np.float32) if len(patch) else np.zeros(3, np.float32)


def _tinted(lab: NDArray[np.float32], coat: NDArray[np.float32], skin: NDArray[np.floating[Any]]) -> NDArray[np.bool_]:
    """Per pixel, whether it has the coat's tint rather than the skin's, about its
    lightness (`skin_toned.tinted`'s test, in a box of the photo only)."""
    tint = _tint(lab)
    to_skin = squared_distance(tint, _tint(np.asarray(skin, np.float32)[None, None, :])[0, 0])
    to_coat = squared_distance(tint, _tint(coat[None, None, :])[0, 0])
    lightness = squared_distance(lab, coat, (1.0, 0.0, 0.0))
    return np.asarray((to_coat < HUE_NEARER**2 * to_skin) & (lightness < LIGHTNESS_REACH**2))


def coloured_coat(person: Person) -> NDArray[np.bool_]:
    """The pixels of an open coat of a colour other than the skin's, worn over a top
    (`old_garment.open_coat`), or none. Found by the cloth of its colours, it was taken
    as the old top and removed: the new top pasted over the chest between panels rebuilt
    as backdrop and bare trousers, its sleeves over the coat's. Kept only when both
    upper arms show its cloth (not skin): a jersey's dark side panels, a dress's own
    colour or long hair over one arm give `open_coat` colours too. Its mask: the coat's
    cloth round the torso down to as far as it may reach (`open_coat`), in pieces joined
    to the sleeves, read on a copy shrunk to about `COAT_SIDE`. Read once per photo."""

    def make() -> NDArray[np.bool_]:
        w, h = person.size
        if not wears_open_coat(person) or skin_toned_coat(person).any():
            return np.zeros((h, w), bool)
        shrink = max(1, round(max(w, h) / COAT_SIDE))
        size = (max(1, round(w / shrink)), max(1, round(h / shrink)))
        small = person if shrink == 1 else person.scaled(size)
        mask = _coloured_coat_mask(small)
        if shrink == 1 or not mask.any():
            return mask if mask.any() else np.zeros((h, w), bool)
        return cv2.resize(mask.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR) > 0.5

    return memo.kept(person, "coloured_coat", (person.image,), make)


def _coloured_coat_mask(person: Person) -> NDArray[np.bool_]:
    """`coloured_coat`'s mask on the (shrunk) photo: none unless both upper arms show
    the coat's colours."""
    lab = person.lab()
    cloth = ~skin_like(person) & (person.mask > 0.5) & (person.face == 0) & (person.hands == 0)
    colours = open_coat_colours(person, lab, cloth)
    empty = np.zeros(cloth.shape, bool)
    if not colours:
        return empty
    sleeves, seeds = _upper_arms(person, lab)
    if any(_bare_skin(sleeve, person) or not any(_near(sleeve, c) for c in colours) for sleeve in sleeves):
        return empty
    # One cloth on both arms: an arm's band on the backdrop (a pose read off the arm)
    # gives the wall's colour, and the lit side of a sweater of that colour was kept.
    if not _near(sleeves[0], sleeves[1]):
        return empty
    coat = open_coat(person, lab, cloth)
    if coat is None:
        return empty
    # A pixel nearer the colours of the top under it (down the torso's middle) than the
    # coat's is that top's: a mustard sweater's lit side is near an orange wall's colour
    # that a sleeve's band on the wall gave.
    middle = [
        person.pt(L_SHOULDER) * (1 - f) * (1 - t)
        + person.pt(L_HIP) * f * (1 - t)
        + (person.pt(R_SHOULDER) * (1 - f) + person.pt(R_HIP) * f) * t
        for f in COAT_FRONT_DOWN
        for t in (0.45, 0.5, 0.55)
    ]
    nearest = nearest_distance(lab, colours, KEPT_WEIGHTS)
    own = coat.cloth & (nearest < SAME_GARMENT_COLOUR**2)
    own &= nearest < nearest_distance(lab, _colours_at(lab, person, middle), KEPT_WEIGHTS)
    frame = torso_frame(person)
    side = 2 * max(1, int(frame.width * COAT_PANEL_REACH)) + 1
    collar = frame.neck - frame.down * frame.length * COAT_COLLAR
    lowest = coat.lowest
    if person.visible(L_KNEE, R_KNEE, threshold=0.5):
        lowest = (person.pt(L_KNEE) + person.pt(R_KNEE)).astype(np.float64) / 2
    reach = (cv2.dilate(torso_zone(person, frame), np.ones((side, side), np.uint8)) > 0) & below_line(
        person, frame, collar
    )
    reach &= ~below_line(person, frame, lowest)
    close = 2 * max(1, int(person.shoulder_width * COAT_CLOSE)) + 1
    closed = cv2.morphologyEx((own & reach).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((close, close), np.uint8))
    body = (person.mask > 0.5) & (person.face == 0) & (person.hands == 0)
    cloth_kept = (closed > 0) & body & reach
    count, labels = cv2.connectedComponents((cloth_kept | (person.hands > 0)).astype(np.uint8), connectivity=8)
    near = np.zeros_like(cloth_kept)
    h, w = near.shape
    r = max(1, int(person.shoulder_width * COAT_CLOSE))
    for x, y in (np.round(point).astype(int) for point in seeds):
        near[max(0, y - r) : y + r + 1, max(0, x - r) : x + r + 1] = True
    kept = np.bincount(labels[near & cloth_kept], minlength=count) > 0
    kept[0] = False
    return np.asarray(kept[labels] & cloth_kept)
