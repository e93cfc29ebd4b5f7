"""Finding the clothes the new garment replaces: their colours, and their mask on the body
with the sleeves, hems, bands and prints that belong to them."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic import memo, prints
from fitroom.engines.classic.body import Frame, torso_frame, torso_zone
from fitroom.engines.classic.boxes import Box, around, bounds, box_slices
from fitroom.engines.classic.colour import (
    GARMENT_WEIGHTS,
    SAME_GARMENT_COLOUR,
    SKIN_CHROMA,
    greyer_than_skin,
    near_colour,
    nearest_distance,
    skin_like,
    squared_distance,
)
from fitroom.engines.classic.person import (
    HAIR_COLOURS,
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
    plausible_skin,
)
from fitroom.engines.classic.skin_toned import face_collar, skin_toned_cloth

#: How far below the hips the band of an old top's long hem is looked for, in torso lengths.
LONG_HEM_DROP = 0.7
#: How far out past what an old print's main colours found its busy rest is followed,
#: in torso widths (`_print_rest`).
PRINT_REACH = 0.25
#: How far above the hips a high-waisted old bottom's top (its waistband) is looked for,
#: in torso lengths: a natural waist lies about a third of the way up to the shoulders,
#: and the reach must end above it.
HIGH_WAIST_RISE = 0.5


def worn_colours(lab: NDArray[np.float32], person: Person, category: str) -> list[NDArray[np.float32]]:
    """`_worn_colours`, read once per photo and category when `lab` is the person's own
    (`Person.lab`): finding the old garment, what is kept of it and its edges each ask."""
    if memo.held(person, "lab", (person.image,)) is not lab:
        return _worn_colours(lab, person, category)
    colours = memo.kept(person, f"worn_colours_{category}", (lab,), lambda: _worn_colours(lab, person, category))
    return [colour.copy() for colour in colours]


def _worn_colours(lab: NDArray[np.float32], person: Person, category: str) -> list[NDArray[np.float32]]:
    """The main colours of what the person now wears where the new garment goes (across
    the chest, or the thighs): one for a plain garment, two or three for stripes, checks
    or a print, each covering at least a sixth of the samples.

    For bottoms, where the thighs show only the top's colours (a coat or long cardigan
    over them), the trousers are read along the shins instead, unless bare legs are
    there (the skirt of a dress)."""
    if category != SwapTarget.BOTTOM:
        return _colours_at(lab, person, _across(person, (L_SHOULDER, L_HIP, 0.6), (R_SHOULDER, R_HIP, 0.6)))
    thighs = _thigh_colours(lab, person)
    chest = worn_colours(lab, person, SwapTarget.TOP)
    thighs = _below_top_hem(lab, person, thighs, chest)
    if not person.visible(L_KNEE, R_KNEE, L_ANKLE, R_ANKLE, threshold=0.5):
        return thighs
    if not all(any(_near(c, top) for top in chest) for c in thighs):
        return thighs
    # Along each shin, not across: between the legs is the backdrop.
    shins = _colours_at(
        lab,
        person,
        [
            person.pt(k) * (1 - t) + person.pt(a) * t
            for k, a in ((L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE))
            for t in (0.3, 0.6)
        ],
    )
    # Shins in shade are darker and greyer than the face the tone is read from: read by
    # colour alone, their skin was the old bottom's and an old dress's skirt the top kept
    # on, left beside the new bottom. Of the skin's own hue, they are bare legs.
    if all(_bare_skin(c, person) for c in shins) or all(any(_near(c, top) for top in chest) for c in shins):
        return thighs
    return shins


def _thigh_colours(lab: NDArray[np.float32], person: Person) -> list[NDArray[np.float32]]:
    """The main colours across the upper thighs, where a bottom is read first."""
    return _colours_at(lab, person, _across(person, (L_HIP, L_KNEE, 0.7), (R_HIP, R_KNEE, 0.7)))


def _below_top_hem(
    lab: NDArray[np.float32], person: Person, thighs: list[NDArray[np.float32]], chest: list[NDArray[np.float32]]
) -> list[NDArray[np.float32]]:
    """The colours read across the upper thighs less the kept top's (`chest`) where a top
    hangs over them (a trench or a long tee to mid-thigh) and the trousers or skirt show
    there too: taken for the bottom's, the top's skirt was rebuilt as a blur beside the
    new bottom. A colour of the top's that is also read just above the knees is the
    bottom's own (a suit, a print sharing a colour with the top) and stays."""
    own = [c for c in thighs if not any(_near(c, top) for top in chest)]
    if not own or len(own) == len(thighs):
        return thighs
    low = _colours_at(lab, person, _across(person, (L_HIP, L_KNEE, 0.2), (R_HIP, R_KNEE, 0.2)))
    return [c for c in thighs if any(c is o for o in own) or any(_near(c, k) for k in low)]


def _near(a: NDArray[np.float32], b: NDArray[np.float32]) -> bool:
    """Whether two Lab colours are one garment's (`colour.near_colour`)."""
    return bool(near_colour(a[None, None, :].astype(np.float32), b)[0, 0])


def _across(person: Person, left: tuple[int, int, float], right: tuple[int, int, float]) -> list[NDArray[np.float64]]:
    """Five points across the body, on the line between a point `share` of the way from
    one landmark to another on its left, and the same on its right."""
    a = person.pt(left[0]) * left[2] + person.pt(left[1]) * (1 - left[2])
    b = person.pt(right[0]) * right[2] + person.pt(right[1]) * (1 - right[2])
    return [a * t + b * (1 - t) for t in np.linspace(0.25, 0.75, 5)]


def _colours_at(
    lab: NDArray[np.float32], person: Person, points: list[NDArray[np.float64]]
) -> list[NDArray[np.float32]]:
    """The main colours of small patches round `points`."""
    h, w = lab.shape[:2]
    samples = []
    for point in points:
        x, y = point.astype(int)
        r = max(2, int(person.shoulder_width * 0.05))
        patch = lab[max(0, y - r) : min(h, y + r), max(0, x - r) : min(w, x + r)].reshape(-1, 3)
        if len(patch):
            samples.append(patch)
    if not samples:
        return [np.zeros(3, np.float32)]
    return main_colours(np.concatenate(samples))


#: `main_colours` kept by its pixels' content, the latest this many: a photo rendered
#: again (with another garment, by a new `Person`) has the same patches read, and the
#: k-means and medians ran anew (about 12 ms a render). Within one render few repeat:
#: the rebuild reads a smaller copy of the photo.
MAIN_COLOURS_KEPT = 64
_main_colours_kept: OrderedDict[tuple[bytes, tuple[int, ...]], list[NDArray[np.float32]]] = OrderedDict()
_main_colours_lock = threading.Lock()


def main_colours(pixels: NDArray[np.float32]) -> list[NDArray[np.float32]]:
    """The main colours of a set of Lab pixels: up to three, each at least a sixth of them.
    A pure function of the pixels (k-means is seeded): kept by their content."""
    pixels = np.ascontiguousarray(pixels, dtype=np.float32)
    key = (hashlib.blake2b(pixels, digest_size=16).digest(), pixels.shape)
    with _main_colours_lock:
        colours = _main_colours_kept.get(key)
        if colours is not None:
            _main_colours_kept.move_to_end(key)
    if colours is None:
        colours = _main_colours(pixels)
        with _main_colours_lock:
            _main_colours_kept[key] = colours
            while len(_main_colours_kept) > MAIN_COLOURS_KEPT:
                _main_colours_kept.popitem(last=False)
    return [colour.copy() for colour in colours]


def _main_colours(pixels: NDArray[np.float32]) -> list[NDArray[np.float32]]:
    if len(pixels) < 12:
        return [np.median(pixels, axis=0)]
    cv2.setRNGSeed(0)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    _, labels, _ = cv2.kmeans(pixels, 3, None, criteria, 1, cv2.KMEANS_PP_CENTERS)
    shares = np.bincount(labels.ravel(), minlength=3) / len(labels)
    return [np.median(pixels[labels.ravel() == k], axis=0) for k in np.argsort(-shares) if shares[k] >= 1 / 6]


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
    if category in (SwapTarget.TOP, SwapTarget.DRESS):
        reach = max(1, int(s * 0.12))
        zone = cv2.dilate(torso_zone(person, frame), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
        for a, b in ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW), (L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
            p, q = person.pt(a), person.pt(b)
            if b in (L_WRIST, R_WRIST):
                q = q + (q - p) * 0.12  # a cuff reaches over the wrist joint
            cv2.line(arms, tuple(p.astype(int)), tuple(q.astype(int)), 255, max(2, int(s * 0.4)))
    upper = (zone > 0) | (arms > 0)  # the top's part of a dress: not its legs
    if category in (SwapTarget.BOTTOM, SwapTarget.DRESS):
        for a, b in ((L_HIP, L_KNEE), (R_HIP, R_KNEE), (L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE), (L_HIP, R_HIP)):
            p, q = person.pt(a).astype(int), person.pt(b).astype(int)
            cv2.line(zone, tuple(p), tuple(q), 255, max(2, int(s * 0.45)))
    lab = person.lab()
    colours = worn_colours(lab, person, category)
    if category in (SwapTarget.TOP, SwapTarget.DRESS):
        colours = _less_bare_skin(colours, person)
    if category == SwapTarget.DRESS:
        # A dress replaces the trousers, shorts or skirt too: left, they show below its
        # hem and between the legs rebuilt there. Bare thighs or shins are not a colour
        # of them, however lit: a shaded shin's colour read below a long skirt took the
        # person's own lower legs for trousers, rebuilt as flat cones.
        bottom = [c for c in worn_colours(lab, person, SwapTarget.BOTTOM) if not _bare_skin(c, person)]
        colours += bottom
    nearest = nearest_colour(person, lab, colours)
    if category == SwapTarget.BOTTOM:
        nearest = _off_top(lab, person, colours, nearest)
    if category == SwapTarget.DRESS:
        # Below the knees only the trousers' or skirt's colours are the old clothes: a
        # top's print read across the chest (an orange motif on a beige tee) took the
        # bare shins below shorts for cloth, rebuilt as flat grey-brown cones.
        shins = below_line(person, frame, (person.pt(L_KNEE) + person.pt(R_KNEE)) / 2)
        # With no bottom's colour read (the old clothes are a dress too), its hem just
        # below the knees is found by joining the dress above them (`HEM_BELOW_KNEES`).
        above_knees = nearest
        if bottom:
            nearest_bottom = nearest_distance(lab, bottom)
            nearest = np.where(shins, nearest_bottom, nearest)
        else:
            nearest = np.where(shins, np.float32(np.inf), nearest)
    similar = nearest < SAME_GARMENT_COLOUR**2
    # On the torso, only what looks like the worn garment (not trousers below it); on the
    # arms, anything that is not skin is a sleeve.
    # Sleeve edges are soft in the person mask: take them down to 0.3, or they stay as a fringe.
    skin = skin_like(person) if skin is None else skin
    # A skin-coloured garment (pink, beige) passes for skin: a pixel of its colour that is
    # nearer that colour than the skin's is the garment (on the body zone and the arms, and in the
    # broad bands round the thighs where loose bottoms stand out).
    cloth = similar & (nearest < squared_distance(lab, person.skin_lab, GARMENT_WEIGHTS))
    # Below the hips, skin of the skin's own hue is a bare leg, however shaded: never the
    # cloth of a beige skirt or dress above it.
    bare = bare_legs(person, frame, lab, skin) if category == SwapTarget.DRESS else np.zeros_like(skin)
    cloth &= ~bare
    hands_kept = (person.hands > 0) if hands is None else hands
    if category == SwapTarget.BOTTOM and _skin_coloured(colours, person):
        # Trousers of the skin's own colour (khaki on brown skin): which of the two a
        # pixel is nearer is a coin toss, and the strips lost to skin would show between
        # and beside narrower new legs. Along the legs, all of that colour is theirs:
        # bare legs taken with them are rebuilt as legs anyway.
        legs = _round_bones(person, _THIGHS + _SHINS, s) & (similar | skin) & ~hands_kept & (person.face == 0)
        cloth |= legs
        zone |= legs.astype(np.uint8) * 255
    if category in (SwapTarget.TOP, SwapTarget.DRESS):
        cloth |= knit_sleeves(person, lab, similar, skin, s) & ~hands_kept
    free = (~skin | (cloth & ((zone > 0) | (arms > 0)))) & (person.face == 0) & ~hands_kept
    clothes = (
        ((zone > 0) & similar & (person.mask > 0.5)) | _sleeve_cloth((arms > 0) & (person.mask > 0.3) & free, s)
    ) & free
    if category in (SwapTarget.TOP, SwapTarget.DRESS):
        # A boxy or dropped-shoulder sleeve hangs well wide of the arm.
        clothes |= _joined(_round_bones(person, _UPPER_ARMS, s * 1.1) & free, similar, clothes, s)
    if category == SwapTarget.TOP:
        hem = _long_hem(person, frame, similar, free, clothes)
        clothes |= hem if hem.any() else _coat_skirt(person, frame, similar, free & ~skin, clothes)
        clothes |= _flared_sides(person, frame, similar, free, clothes)
        clothes |= _coat_panels(person, frame, lab, free & ~skin & (person.mask > 0.5), clothes)
    if category in (SwapTarget.BOTTOM, SwapTarget.DRESS):
        # Loose shorts, wide trousers and skirts stand well out from the thighs, and a
        # midi dress's flared skirt further still out from the shins.
        legs = _round_bones(person, _THIGHS, s)
        if category == SwapTarget.DRESS:
            legs |= _round_bones(person, _SHINS, s * SKIRT_FLARE)
        clothes |= _joined(legs & (free | (cloth & ~hands_kept)), similar, clothes, s)
    kept = hands_kept | (person.face > 0) | ~np.isfinite(nearest)
    clothes |= _print_rest(person, category, lab, (upper, (zone > 0) | (arms > 0)), clothes, (free, kept), frame)
    if category == SwapTarget.BOTTOM:
        clothes |= _high_waist(person, frame, similar, free | (cloth & ~hands_kept), clothes, hands_kept)
    if category in (SwapTarget.TOP, SwapTarget.DRESS):
        clothes |= skin_toned_cloth(person, lab, colours, clothes, upper, hands_kept)
    clothes |= _edge_bands(person, frame, category, lab, (zone, arms), clothes, free, similar, hands_kept)
    if category in (SwapTarget.TOP, SwapTarget.DRESS):
        clothes |= _shaded_side(person, frame, lab, clothes, hands_kept)
    if category == SwapTarget.DRESS and not bottom:
        knees = (person.pt(L_KNEE) + person.pt(R_KNEE)) / 2
        hem = shins & ~below_line(person, frame, knees + frame.down * s * HEM_BELOW_KNEES)
        dress = (above_knees < SAME_GARMENT_COLOUR**2) & (
            above_knees < squared_distance(lab, person.skin_lab, GARMENT_WEIGHTS)
        )
        dress &= ~bare
        reach = hem & dress & ~hands_kept & (person.face == 0) & (person.mask > 0.5)
        clothes |= _joined(reach, reach, clothes, s)
    if category == SwapTarget.TOP:
        clothes &= ~_bottom_below_waist(person, frame, clothes)
    if category == SwapTarget.DRESS:
        # Trousers end at the ankles; below them are the feet, and shoes of the old
        # clothes' colour (black shoes under a black slip dress or a black print) were
        # taken for them and rebuilt as blocks.
        clothes &= ~_below_ankles(person, s, clothes)
    if category == SwapTarget.BOTTOM:
        clothes &= ~_bare_shins(person, frame, lab, skin)
        chest = worn_colours(lab, person, SwapTarget.TOP)
        if not colours_apart(colours, chest) and not colours_apart(chest, colours):
            # One garment's colours over the chest and the thighs (a dress): above the
            # hip joints it is the top a new bottom leaves on; taken, its waist's sides
            # beside the new waistband were rebuilt as skin wedges. A print's pale motif
            # near light trousers' colour is not enough: their waistband was left.
            clothes &= below_line(person, frame, (person.pt(L_HIP) + person.pt(R_HIP)) / 2)
        above = int(min(person.pt(L_ANKLE)[1], person.pt(R_ANKLE)[1]) - s * SHOE_RISE)
        clothes &= ~_shoes_apart(clothes, _below_ankles(person, s, clothes), above)
    return clothes.astype(np.float32)


#: The old top's shaded side is looked for from this far down the upper arm (shoulder 0,
#: elbow 1) to the wrist, where an arm hangs against the torso...
SHADED_FROM = 0.4
#: ...in a band this many shoulder-joint widths wide round the arm's bones (the arm and
#: the torso's side beside it)...
SHADED_BAND = 0.6
#: ...and this far (shoulder-joint widths) out from the old garment's mask, joined to it:
#: a shaded side is a thin strip along the garment's edge.
SHADED_REACH = 0.04


def _shaded_side(
    person: Person, frame: Frame, lab: NDArray[np.float32], clothes: NDArray[np.bool_], hands: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """The old top's shaded side beside an arm hanging against it: a white or grey top's
    edge in shade is too far from its lit colour to be the garment, and passes
    `skin_like` on hue, so it was kept with the arm and left as a strip between the new
    garment and the arm. Greyer than the person's skin can be, on the person, along
    the arms down to the hips and joined to the old garment, it is the old garment.
    Below the hips it is not looked for: there an old dress's skirt stays under a new
    top, and its shaded side beside the hand was rebuilt as a skin-coloured column."""
    w, h = person.size
    s = frame.width
    band = np.zeros((h, w), np.uint8)
    for shoulder, elbow, wrist in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        a, b, c = (person.pt(i) for i in (shoulder, elbow, wrist))
        start = a + (b - a) * SHADED_FROM
        for p, q in ((start, b), (b, c)):
            cv2.line(band, tuple(p.astype(int)), tuple(q.astype(int)), 255, max(2, int(s * SHADED_BAND)))
    band[below_line(person, frame, (person.pt(L_HIP) + person.pt(R_HIP)) / 2)] = 0
    found = bounds(band > 0, pad=1)
    side = np.zeros((h, w), bool)
    if found is None:
        return side
    x0, y0, x1, y1 = found
    box = slice(y0, y1), slice(x0, x1)
    grey = (
        greyer_than_skin(lab[box], person.skin_lab)
        & (band[box] > 0)
        & (person.mask[box] > 0.5)
        & ~hands[box]
        & (person.face[box] == 0)
    )
    reach = max(2, int(s * SHADED_REACH))
    grown = clothes[box].astype(np.uint8)
    # Grown a pixel at a time through the grey pixels only: what joins the old garment.
    for _ in range(reach):
        grown = (cv2.dilate(grown, np.ones((3, 3), np.uint8)) & grey.astype(np.uint8)) | clothes[box].astype(np.uint8)
    side[box] = (grown > 0) & grey
    return side


#: How much bare skin (square shoulder widths) below the knees is a shin or an ankle of
#: the person's own, not flecks of a print's skin-coloured motif.
BARE_SHIN_LEAST = 0.03
#: How wide (shoulder widths) a stretch of skin must be everywhere to be a bare shin.
BARE_SHIN_SOLID = 0.1


def _bare_shins(person: Person, frame: Frame, lab: NDArray[np.float32], skin: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The solid stretches of skin below the knees' line whose median hue is nearer the
    skin's than every colour read across the thighs: the shins and ankles an old skirt or
    dress never hid. With the skin's colours read along the shins for the old bottom's (a
    dress, whose thighs show the top's colours), or grown into from the old hem, they were
    the old garment, rebuilt below a new bottom's hem as a flat, blurred cone where the
    photo showed the person's own ankle. Trousers of the skin's colour (tan on brown
    skin) are the thighs' colour too, and stay the old garment."""
    if not person.visible(L_KNEE, R_KNEE):
        return np.zeros_like(skin)
    knees = (person.pt(L_KNEE) + person.pt(R_KNEE)) / 2
    whole = skin & below_line(person, frame, knees) & (person.mask > 0.5)
    # Opened, so only a solid stretch of skin counts: a print's pink motifs touch one
    # another across the trouser leg, but each is small. Grown back to its own outline.
    k = max(3, int(frame.width * BARE_SHIN_SOLID) | 1)
    # In the box round the shins, wide enough for the opening to read the same pixels as
    # over the whole photo (the pieces, their order and sizes the same).
    found = bounds(whole, pad=k // 2)
    out = np.zeros_like(skin)
    if found is None:
        return out
    box = box_slices(found)
    shins = whole[box].astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    solid = cv2.morphologyEx(shins, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    bare = np.zeros(count, bool)
    thighs = _thigh_colours(lab, person)
    for index in range(1, count):
        if stats[index, cv2.CC_STAT_AREA] < BARE_SHIN_LEAST * frame.width**2:
            continue
        hue = np.median(lab[box][labels == index][:, 1:], axis=0)
        apart = min(float(np.hypot(*(hue - colour[1:]))) for colour in thighs)
        bare[index] = float(np.hypot(*(hue - person.skin_lab[1:]))) < apart
    out[box] = (cv2.dilate(bare[labels].astype(np.uint8), kernel) > 0) & (shins > 0)
    return out


def _less_bare_skin(colours: list[NDArray[np.float32]], person: Person) -> list[NDArray[np.float32]]:
    """The colours read across the chest less the person's bare skin, where a sports bra or
    a crop top leaves the chest line mostly bare: the main colour read there is the skin's
    own (`_skin_coloured`) and another is one no skin has. Taken for the old top's, that
    skin made the bare arms and midriff (nearer it, lit or shaded, than the face's tone)
    the old garment: an arm on the hip was rebuilt as a ghost of itself over the
    backdrop. Where the garment is the main colour (skin in a low neckline only), or
    every colour is of the skin's hue (a beige top), the colours stay."""
    if not _skin_coloured(colours, person):
        return colours
    cloth = [colour for colour in colours if not _bare_skin(colour, person)]
    return cloth or colours


def _print_rest(
    person: Person,
    category: str,
    lab: NDArray[np.float32],
    zones: tuple[NDArray[np.bool_], NDArray[np.bool_]],
    clothes: NDArray[np.bool_],
    free_kept: tuple[NDArray[np.bool_], NDArray[np.bool_]],
    frame: Frame,
) -> NDArray[np.bool_]:
    """The rest of a printed old garment: where it is busy (`prints.busy`) near what its
    main colours found, and joins it. Up to three colours are read across the body, so a
    print's fourth and fifth (a geometric trouser's brown triangles, a zebra's white)
    were left and ghosted through the new garment. `zones`: the top's part of a dress,
    and the body's and the arms'. Under a dress, its top's part and the rest are each
    told printed or not (a plain tee over printed trousers); printed trousers go on up
    to a high waist (`HIGH_WAIST_RISE`). `free_kept`: what is not skin, and what stays
    (hands, face, a top kept over a new bottom)."""
    s = frame.width
    upper, zone = zones
    free, kept = free_kept
    # Read only round the garment's place and its reach: the whole photo cost a tenth of
    # a second for every old mask, printed or not.
    busy_map = np.zeros_like(clothes)
    box = bounds(zone | clothes, pad=int(s * (PRINT_REACH + prints.PRINT_WINDOW)) + 1)
    if box is None:
        return busy_map
    rows, cols = box_slices(box)
    busy_map[rows, cols] = prints.busy(lab[rows, cols], s)
    everywhere = np.ones_like(clothes)
    parts = [(everywhere, everywhere)]
    if category == SwapTarget.DRESS:
        hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
        low = below_line(person, frame, hips + (frame.neck - hips) * HIGH_WAIST_RISE)
        parts = [(upper, upper), (~upper, ~upper | low)]
    area = np.zeros_like(clothes)
    for part, goes in parts:
        if prints.printed(busy_map, clothes & part, s):
            area |= busy_map & goes
    if not area.any():
        return area
    # A skirt or wide trousers stand out further than the body zone reaches: the print
    # goes on out to `PRINT_REACH` past what the main colours found.
    side = 2 * max(1, int(s * PRINT_REACH)) + 1
    area &= zone | (cv2.dilate(clothes.astype(np.uint8), np.ones((side, side), np.uint8)) > 0)
    # Not the shoes: laces and soles are busy too.
    area &= ~kept & (person.mask > 0.5) & ~_below_ankles(person, s, clothes)
    if not area.any():
        return area
    # Any two colours side by side are busy for a window's width round their edge: that
    # rim (a top's side beside the arm, a hem above bare legs) is opened away, a print's
    # breadth stays. Of it, what passes for skin (a print's tan or brown) is taken only
    # among its other colours, not on the skin round it.
    rim = np.ones((max(3, int(s * prints.PRINT_WINDOW * 1.5) | 1),) * 2, np.uint8)
    area = cv2.morphologyEx(area.astype(np.uint8), cv2.MORPH_OPEN, rim) > 0
    among = cv2.morphologyEx((area & free).astype(np.uint8), cv2.MORPH_CLOSE, rim) > 0
    area &= free | among
    return _joined(area, area, clothes, s)


def worn_bottom(person: Person) -> NDArray[np.bool_]:
    """Where the old bottom is on the whole photo (`worn_mask` in the torso's frame):
    worked out once per photo, as a new bottom's waistband reach and what stays in front
    of the new bottom both ask; read-only."""

    def make() -> NDArray[np.bool_]:
        old = worn_mask(person, SwapTarget.BOTTOM, torso_frame(person)) > 0
        old.flags.writeable = False
        return old

    return memo.kept(person, "worn_bottom", (person.image,), make)


def collar_in_face(person: Person) -> NDArray[np.bool_]:
    """The old top's skin-coloured collar inside the face's ellipse (`skin_toned.face_collar`),
    read with the top's colours: not kept with the face, so it goes with the old top."""
    lab = person.lab()
    return face_collar(person, lab, worn_colours(lab, person, SwapTarget.TOP))


#: A colour of the kept top's this near (a share of `SAME_GARMENT_COLOUR`) one of the
#: bottom's is the bottom's own (a black tee over black jeans): no pixel is told apart by it.
TOP_APART = 0.6
#: A top and bottom whose colours all differ by this much in hue (Lab a, b) are told
#: apart by hue as well as by their weighed distance.
HUE_APART = 6.0
#: How far (shoulder widths) a kept top's hem band of another colour reaches.
TOP_RIB = 0.08
#: How far round each seed point (shoulder widths) the kept top's component is looked
#: for: wider than a plaid's dark line, narrower than a placket.
TOP_SEED = 0.03
#: How far below the hips (torso lengths) a kept top may reach between the hip joints.
TOP_DROP = 0.4
#: A pixel this near (a share of `SAME_GARMENT_COLOUR`) one of the old bottom's colours
#: is plainly the bottom's.
BOTTOM_NEAR = 0.5


def _off_top(
    lab: NDArray[np.float32], person: Person, colours: list[NDArray[np.float32]], nearest: NDArray[np.float32]
) -> NDArray[np.float32]:
    """`nearest` (each pixel's weighed squared distance to the bottom's `colours`) made
    infinite on the kept top (`kept_top`)."""
    return np.where(_kept_top(lab, person, colours, nearest), np.float32(np.inf), nearest).astype(np.float32)


def kept_top(person: Person) -> NDArray[np.bool_]:
    """Where the top a new bottom leaves on is, told apart from the old bottom (`_kept_top`)."""
    lab = person.lab()
    colours = worn_colours(lab, person, SwapTarget.BOTTOM)
    return _kept_top(lab, person, colours, nearest_colour(person, lab, colours))


def bottom_coloured(person: Person) -> NDArray[np.bool_]:
    """Where a pixel is plainly one of the old bottom's colours (within `BOTTOM_NEAR`)
    and joins it across the thighs: not a dark shade of the same colour apart from it
    (between the top's side and the arm)."""
    lab = person.lab()
    colours = worn_colours(lab, person, SwapTarget.BOTTOM)
    near = nearest_colour(person, lab, colours) < (BOTTOM_NEAR * SAME_GARMENT_COLOUR) ** 2
    _, labels = cv2.connectedComponents(near.astype(np.uint8), connectivity=4)
    h, w = near.shape
    thighs = _across(person, (L_HIP, L_KNEE, 0.7), (R_HIP, R_KNEE, 0.7))
    seeds = {int(labels[int(np.clip(y, 0, h - 1)), int(np.clip(x, 0, w - 1))]) for x, y in thighs} - {0}
    return np.isin(labels, list(seeds)) if seeds else np.zeros((h, w), bool)


def colours_apart(colours: list[NDArray[np.float32]], others: list[NDArray[np.float32]]) -> list[NDArray[np.float32]]:
    """The `colours` at least `TOP_APART` of `SAME_GARMENT_COLOUR` from every one of
    `others`: those that tell one garment from the other (a black tee's black tells
    nothing over black jeans)."""
    apart = (TOP_APART * SAME_GARMENT_COLOUR) ** 2
    return [
        c for c in colours if all(squared_distance(c[None, None, :], o, GARMENT_WEIGHTS)[0, 0] >= apart for o in others)
    ]


def _patch_labels(labels: NDArray[np.int32], points: list[NDArray[np.float64]], r: int) -> set[int]:
    """The component (`labels`, 0: none) with the most pixels in a square of half-side
    `r` round each point. A single pixel seed fell on a plaid's dark line (a grey and
    navy cardigan over navy trousers, its lines the trousers' colour) at all five points:
    no top was kept, and the new bottom left the cardigan's hem rebuilt as a smear."""
    h, w = labels.shape
    seeds = set()
    for x, y in points:
        cx, cy = int(np.clip(x, 0, w - 1)), int(np.clip(y, 0, h - 1))
        patch = labels[max(0, cy - r) : cy + r + 1, max(0, cx - r) : cx + r + 1].ravel()
        counts = np.bincount(patch[patch > 0])
        if counts.size:
            seeds.add(int(np.argmax(counts)))
    return seeds


def _kept_top(
    lab: NDArray[np.float32], person: Person, colours: list[NDArray[np.float32]], nearest: NDArray[np.float32]
) -> NDArray[np.bool_]:
    """`_top_kept`, worked out once per photo for the same colours: the old bottom's mask
    (`_off_top`), the new waistband's reach and what stays in front of the new bottom
    (`kept_top`) all ask, with the same `nearest` (`nearest_colour`); read-only."""
    return memo.kept(
        person,
        "kept_top",
        (person.image, lab, nearest, *(c.tobytes() for c in colours)),
        lambda: _read_only(_top_kept(lab, person, colours, nearest)),
    )


def _top_kept(
    lab: NDArray[np.float32], person: Person, colours: list[NDArray[np.float32]], nearest: NDArray[np.float32]
) -> NDArray[np.bool_]:
    """True on the person where a pixel is nearer a colour of the top than the bottom's
    (`nearest`: each pixel's weighed squared distance to the bottom's `colours`) and
    joins the top across the chest. A heathered navy tee hanging over black jeans is
    within the jeans' reach: taken for them, its lower part was rebuilt as a grey smear
    round the new bottom's waistband. The top's colours that are the bottom's too
    (`TOP_APART`: a black tee over black jeans), and a bare chest's, tell nothing apart."""
    none = np.zeros(nearest.shape, bool)
    chest = worn_colours(lab, person, SwapTarget.TOP)
    # ...nor those of the thighs the top does not hang over (pale grey shorts under a
    # grey tee, read off as the shins' colours).
    thighs = _colours_at(lab, person, _across(person, (L_HIP, L_KNEE, 0.7), (R_HIP, R_KNEE, 0.7)))
    bottom = colours + [c for c in _below_top_hem(lab, person, thighs, chest) if not _bare_skin(c, person)]
    tops = [c for c in colours_apart(chest, bottom) if not _bare_skin(c, person)]
    if not tops:
        return none
    nearest_top = nearest_distance(lab, tops)
    top_like = (nearest_top < nearest) & (person.mask > 0.5)
    hue = (0.0, 1.0, 1.0)
    if min(squared_distance(t[None, None, :], b, hue)[0, 0] for t in tops for b in colours) >= HUE_APART**2:
        # Told apart by hue (a navy tee over black jeans), a pixel must be nearer the
        # top's in hue too: the jeans' pale worn patches are nearer the tee's lightness.
        top_like &= nearest_distance(lab, tops, hue) < nearest_distance(lab, colours, hue)
    top_like = top_like.astype(np.uint8)
    _, labels = cv2.connectedComponents(top_like, connectivity=4)
    h, w = top_like.shape
    across = _across(person, (L_SHOULDER, L_HIP, 0.6), (R_SHOULDER, R_HIP, 0.6))
    seeds = _patch_labels(labels, across, max(1, int(person.shoulder_width * TOP_SEED)))
    if not seeds:
        return none
    top = np.isin(labels, list(seeds)).astype(np.uint8)
    # A top reaching far down the thighs between the hip joints has run on into the
    # bottom (or is a long coat, drawn over as before): nothing is told apart.
    frame = torso_frame(person)
    hips = [person.pt(i) for i in (L_HIP, R_HIP)]
    ys, xs = np.nonzero(top)
    depth = (xs - (hips[0][0] + hips[1][0]) / 2) * frame.down[0] + (ys - (hips[0][1] + hips[1][1]) / 2) * frame.down[1]
    between = (xs >= min(hips[0][0], hips[1][0])) & (xs <= max(hips[0][0], hips[1][0]))
    if np.any(between & (depth > TOP_DROP * frame.length)):
        return none
    # Its hem band of another colour (a red rib under a black knit) goes with it, grown
    # through what is neither the bottom's colour nor skin: left behind the new bottom's
    # waistband, it showed only at the sides.
    rib = ((person.mask > 0.5) & (nearest >= SAME_GARMENT_COLOUR**2) & ~skin_like(person)).astype(np.uint8)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(max(1, int(person.shoulder_width * TOP_RIB))):
        top = cv2.bitwise_or(top, cv2.bitwise_and(cv2.dilate(top, cross), rib))
    return top > 0


#: How far round each ankle (shoulder widths) what lies beyond it down the shin is foot.
FOOT_REACH = 0.5
#: How far past the ankle joint (shoulder widths, down the shin) the foot begins under
#: trousers: their hem hangs this far over the shoe, and cut at the joint it stayed
#: below a dress as a dark band round each ankle.
FOOT_START = 0.12


def _below_ankles(person: Person, s: float, clothes: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """True within `FOOT_REACH` of each ankle, beyond it along the shin (knee to ankle):
    the foot, or the shoe on it. Where the `clothes` cover the shin down to the ankle
    (trousers), the foot begins `FOOT_START` past it: their hem hangs over the shoe.
    Not what is nearer the other shin than this ankle: in a stride the back leg's ankle
    sits beside the front leg's lower shin, and its reach took the front trouser leg's
    hem for a foot, left black below a dress."""
    w, h = person.size
    out = np.zeros((h, w), bool)
    reach = s * FOOT_REACH
    for own, (knee, ankle) in enumerate(_SHINS):
        k, a = person.pt(knee).astype(np.float32), person.pt(ankle).astype(np.float32)
        v = a - k
        length = float(np.hypot(*v))
        # Only the box round the ankle can be within reach of it.
        x0, y0 = int(max(0, np.floor(a[0] - reach))), int(max(0, np.floor(a[1] - reach)))
        x1, y1 = int(min(w, np.ceil(a[0] + reach) + 1)), int(min(h, np.ceil(a[1] + reach) + 1))
        if length < 1 or x1 <= x0 or y1 <= y0:
            continue
        ys, xs = np.arange(y0, y1, dtype=np.float32)[:, None], np.arange(x0, x1, dtype=np.float32)[None, :]
        along = ((xs - a[0]) * v[0] + (ys - a[1]) * v[1]) / length
        to_ankle = np.hypot(xs - a[0], ys - a[1])
        other_knee, other_ankle = _SHINS[1 - own]
        to_other = _to_segment(xs, ys, person.pt(other_knee), person.pt(other_ankle))
        start = s * FOOT_START if _covered(clothes, k + v * 0.85, a) else 0.0
        out[y0:y1, x0:x1] |= (along > start) & (to_ankle < reach) & (to_ankle <= to_other)
    return out


#: How far above the higher ankle joint (shoulder widths) a shoe's collar or heel tab
#: may rise: what of the old bottom's colours joins the clothes only below that row is
#: the shoe (`_shoes_apart`).
SHOE_RISE = 0.25


def _shoes_apart(clothes: NDArray[np.bool_], feet: NDArray[np.bool_], above: int) -> NDArray[np.bool_]:
    """What `clothes` holds of the `feet` (`_below_ankles`) not joined to them above the
    row `above` (`SHOE_RISE` over the higher ankle joint): shoes of the old bottom's
    colours below bare ankles or socks (black loafers under black cropped trousers, a
    print's dark grey on a trainer) were rebuilt as skin blobs and smears over the shoes
    under a new bottom. What runs on without a break from the trouser leg above stays
    theirs: leggings down over a shoe past where the pose puts the ankle were left below
    the new hem as a black band."""
    count, labels = cv2.connectedComponents(clothes.astype(np.uint8), connectivity=8)
    joined = np.zeros(count, bool)
    joined[labels[: max(0, above)][clothes[: max(0, above)]]] = True
    return feet & clothes & ~joined[labels]


#: The person mask's solid part (the shoe itself, not its soft rim on the backdrop).
SOLID_PERSON = 0.9
#: How thin (shoulder widths) a piece of the kept shoes may be and still be kept.
SHOE_SLIVER = 0.06


def shoes_below(person: Person, s: float, old: NDArray[np.bool_], bare: NDArray[np.bool_]) -> NDArray[np.float32]:
    """The shoes below an old bottom's hem: the feet (`_below_ankles`) on the solid
    person, neither the old garment (`old`) nor of its colours nor bare skin, less
    slivers thinner than `SHOE_SLIVER` shoulder widths. They stay as shot, and the fill
    beside them is not drawn from them: the rebuild's soft rim round the old trouser hem
    reached down over a shoe whose top joins it (laced shoes, loafers under a long hem)
    and smeared it, and the fill beside a bared ankle took the shoe's dark as a halo.
    The old bottom's colours are left out as well, for the mask misses some of them
    (black leggings run on over a foot); slivers kept among rebuilt pixels stood out as
    pale flecks."""
    feet = _below_ankles(person, s, old) & (person.mask > SOLID_PERSON) & ~old & ~bare
    lab = person.lab()
    feet &= nearest_colour(person, lab, worn_colours(lab, person, SwapTarget.BOTTOM)) >= SAME_GARMENT_COLOUR**2
    k = max(3, int(s * SHOE_SLIVER) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    return cv2.morphologyEx(feet.astype(np.uint8), cv2.MORPH_OPEN, kernel).astype(np.float32)


def _covered(clothes: NDArray[np.bool_], p: NDArray[np.float32], q: NDArray[np.float32]) -> bool:
    """Whether most of the points on the line from `p` to `q` are in `clothes`."""
    h, w = clothes.shape
    xy = np.round(p[None, :] + np.linspace(0, 1, 9)[:, None] * (q - p)[None, :]).astype(int)
    xy = xy[(xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)]
    return len(xy) > 0 and float(np.mean(clothes[xy[:, 1], xy[:, 0]])) > 0.6


def _to_segment(
    xs: NDArray[np.float32], ys: NDArray[np.float32], p: NDArray[np.float32], q: NDArray[np.float32]
) -> NDArray[np.float32]:
    """Each pixel's distance to the segment from `p` to `q`."""
    v = (q - p).astype(np.float32)
    t = np.clip(((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / max(float(v @ v), 1e-6), 0, 1)
    return np.hypot(xs - p[0] - t * v[0], ys - p[1] - t * v[1]).astype(np.float32)


#: A skin-coloured sleeve (a beige or pink knit) is told from a bare arm by its weave: the
#: median fine-scale lightness ripple (`ripple`, CIE L on the 8-bit scale) over an arm's
#: part is more than this. On the devset at the analysis size, knit sleeves read 2.1-3.0
#: and bare arms 0.4-1.7 (a face is no reference there: its eyes and mouth ripple more).
KNIT_RIPPLE = 1.8
#: How wide (shoulder widths) the band along each arm's part is whose ripple is read.
KNIT_BAND = 0.15
#: How wide (shoulder widths) a knit sleeve found is taken, round its bone.
KNIT_SLEEVE = 0.4


def ripple(lab: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per pixel, how far the lightness stands off its own 1-pixel blur: a knit's or a
    weave's fine periodic texture, high on cloth and low on skin."""
    light = np.ascontiguousarray(lab[..., 0], dtype=np.float32)
    return np.abs(light - cv2.GaussianBlur(light, (0, 0), 1.0))


def nearest_colour(person: Person, lab: NDArray[np.float32], colours: list[NDArray[np.float32]]) -> NDArray[np.float32]:
    """Per pixel of `lab` (the person's), the squared distance (`GARMENT_WEIGHTS`) to the
    nearest of `colours`: worked out once per photo for the same colours (the old
    garment's mask and what is kept of it both ask); read-only."""

    def make() -> NDArray[np.float32]:
        nearest = nearest_distance(lab, colours)
        nearest.flags.writeable = False
        return nearest

    return memo.kept(person, "nearest_colour", (person.image, lab, *(c.tobytes() for c in colours)), make)


def worn_knit_sleeves(person: Person, category: str, side: int) -> NDArray[np.bool_]:
    """`knit_sleeves` as `worn_mask` finds them, read on `person` alone at the size whose
    long side is about `side` (the composite's analysis size: a weave's ripple depends on
    the scale), given back at the person's size."""
    w, h = person.size
    shrink = max(1, round(max(w, h) / side))
    small = person.scaled((max(1, round(w / shrink)), max(1, round(h / shrink)))) if shrink > 1 else person
    lab = small.lab()
    colours = worn_colours(lab, small, category)
    similar = nearest_distance(lab, colours) < SAME_GARMENT_COLOUR**2
    knit = knit_sleeves(small, lab, similar, skin_like(small), torso_frame(small).width).astype(np.uint8)
    return cv2.resize(knit, (w, h), interpolation=cv2.INTER_NEAREST) > 0


def knit_sleeves(
    person: Person, lab: NDArray[np.float32], similar: NDArray[np.bool_], skin: NDArray[np.bool_], s: float
) -> NDArray[np.bool_]:
    """The skin-coloured pixels along each arm that are a long sleeve of the old garment's
    colour (`similar`): arms whose upper arm and forearm both ripple with a weave
    (`_knitted`). A beige knit's long sleeves passed for bare arms: strips of them were
    left out of the mask and kept as knit beside the rebuilt arm.

    Worked out once per photo for the same tests (the old garment's mask and what is kept
    of it both ask, with `similar` made afresh: compared by content); read-only."""
    return memo.kept(
        person,
        "knit_sleeves",
        (person.image, lab, skin, s, similar.tobytes()),
        lambda: _read_only(_knit_sleeves(person, lab, similar, skin, s)),
    )


def _read_only(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    mask.flags.writeable = False
    return mask


def _knit_sleeves(
    person: Person, lab: NDArray[np.float32], similar: NDArray[np.bool_], skin: NDArray[np.bool_], s: float
) -> NDArray[np.bool_]:
    w, h = person.size
    out = np.zeros((h, w), bool)
    texture = ripple(lab)
    inner = cv2.erode((person.mask > 0.5).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    for shoulder, elbow, wrist in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        # A long sleeve covers the whole arm: an arm's part alone that ripples is an arm
        # against a woven garment beside it (a houndstooth dress's side panel).
        top, joint, end = (person.pt(i) for i in (shoulder, elbow, wrist))
        end = end + (end - joint) * 0.12  # the cuff reaches over the wrist joint
        bones = [(tuple(top.astype(int)), tuple(joint.astype(int))), (tuple(joint.astype(int)), tuple(end.astype(int)))]
        if all(_knitted(person, texture, similar, skin, inner, ends, s) for ends in bones):
            sleeve = np.zeros((h, w), np.uint8)
            for ends in bones:
                cv2.line(sleeve, *ends, 255, max(2, int(s * KNIT_SLEEVE)))
            out |= (sleeve > 0) & skin & (person.mask > 0.3)
    return out


def _knitted(
    person: Person,
    texture: NDArray[np.float32],
    similar: NDArray[np.bool_],
    skin: NDArray[np.bool_],
    inner: NDArray[np.bool_],
    ends: tuple[tuple[int, int], tuple[int, int]],
    s: float,
) -> bool:
    """Whether the arm's part between `ends` is mostly skin-like, mostly of the old
    garment's colour, and its skin-like pixels ripple like a weave (`KNIT_RIPPLE`)."""
    w, h = person.size
    band = np.zeros((h, w), np.uint8)
    cv2.line(band, *ends, 255, max(2, int(s * KNIT_BAND)))
    reach = (band > 0) & inner & (person.face == 0) & (person.hands == 0)
    part = reach & skin
    if np.count_nonzero(part) < max(20, 0.5 * np.count_nonzero(reach)):
        return False  # mostly not skin-coloured: a sleeve `similar` finds already
    return bool(np.median(texture[part]) > KNIT_RIPPLE and np.mean(similar[part]) > 0.5)


#: A sleeve is at least this wide (shoulder-joint distances) across the arm; thinner
#: runs of not-skin along a bare arm are its soft outline against the backdrop and its
#: shaded edge, not cloth.
SLEEVE_MIN_WIDTH = 0.12


def _sleeve_cloth(candidates: NDArray[np.bool_], s: float) -> NDArray[np.bool_]:
    """The not-skin pixels along the arms that are a sleeve: parts wide enough to be one,
    with their own soft edge. A bare arm's outline (half skin, half backdrop) is not skin
    either; taken as a sleeve it was rebuilt as a flat limb with the backdrop smeared
    beside it, pale streaks down both sides of the arm."""
    side = max(3, int(s * SLEEVE_MIN_WIDTH)) | 1
    found = bounds(candidates, pad=side // 2 + 2)
    if found is None:
        return candidates.copy()
    # In the box round the candidates, wide enough for the opening and the dilation to
    # read the same pixels as over the whole photo: nothing is found outside it.
    box = box_slices(found)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    wide = cv2.morphologyEx(candidates[box].astype(np.uint8), cv2.MORPH_OPEN, kernel)
    sleeves = np.zeros_like(candidates)
    sleeves[box] = candidates[box] & (cv2.dilate(wide, np.ones((5, 5), np.uint8)) > 0)
    return sleeves


def _bare_skin(colour: NDArray[np.float32], person: Person) -> bool:
    """Whether a colour read on the body may be the person's bare skin: a colour skin can
    have, of the skin's own hue (`colour.SKIN_CHROMA`) at any lightness. Legs are often
    far darker than the face the tone is read from (a shin in the shade of a skirt),
    past `skin_like`'s lightness bound."""
    lab = colour[None, None, :].astype(np.float32)
    chroma = squared_distance(lab, person.skin_lab, (0.0, 1.0, 1.0))[0, 0]
    return bool(plausible_skin(colour) and chroma < SKIN_CHROMA**2) or _skin_coloured([colour], person)


def bare_legs(person: Person, frame: Frame, lab: NDArray[np.float32], skin: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The `skin`-like pixels below the hips whose hue (Lab a, b) is nearer the skin's than
    every colour read on the old top and bottom: bare legs, whatever their lightness.

    The legs are lit otherwise than the face the skin's tone is read from: a thigh in the
    shade of a beige skirt is as dark as the skirt, and by lightness nearer its colour than
    the face's. Taken for the skirt, the bare thighs below its hem were rebuilt under a
    shorter new dress as flat, notched blocks. Hue tells them apart where lightness cannot;
    read averaged over a box a twenty-fifth of the shoulders across, as a pixel's own hue
    is the photo's grain and compression (blotches of the shaded leg passed for the
    skirt), and over the person only, or the backdrop's grey drew the leg's rim towards a
    greyish skirt's hue.
    The bottom's colours that pass for skin count too: khaki shorts of a hue near the
    skin's are nearer their own, and stay the old clothes.
    """
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    legs = skin & below_line(person, frame, hips)
    side = 2 * max(1, int(frame.width * 0.02)) + 1
    found = bounds(legs, pad=side)
    if found is None:
        return legs
    # Averaged in the box round the skin below the hips and read at that skin only.
    box = box_slices(found)
    solid = (person.mask[box] > 0.5).astype(np.float32)
    smooth = (
        cv2.blur(lab[box] * solid[:, :, None], (side, side))
        / np.maximum(cv2.blur(solid, (side, side)), 1e-3)[:, :, None]
    )
    inside = legs[box].copy()
    hue = smooth[inside][:, None, :]
    colours = worn_colours(lab, person, SwapTarget.DRESS) + worn_colours(lab, person, SwapTarget.BOTTOM)
    chroma = (0.0, 1.0, 1.0)
    near_skin = squared_distance(hue, person.skin_lab, chroma) < nearest_distance(hue, colours, chroma)
    inside[inside] = near_skin[:, 0]
    bare = np.zeros_like(legs)
    bare[box] = inside
    return bare


def _skin_coloured(colours: list[NDArray[np.float32]], person: Person) -> bool:
    """Whether the old garment's main colour is the person's skin's, as near as colour tells."""
    return bool(squared_distance(colours[0][None, None, :], person.skin_lab, GARMENT_WEIGHTS)[0, 0] < SKIN_COLOURED**2)


#: An old garment whose main colour is nearer the skin's than this (Lab, weighed by
#: `GARMENT_WEIGHTS`) cannot be told from skin by colour.
SKIN_COLOURED = 10


#: How far above the higher ankle joint (shoulder widths) a dress's edge bands may grow:
#: the shoes' tops and straps lie below.
ABOVE_SHOES = 0.25
#: Above the shoulders' line and further than this (shoulder widths) either side of the
#: neck's axis, past a collar's points, pixels of the hair's colour are the hair or a
#: hat's brim, never a band of the old garment (`_edge_bands`).
HAIR_BESIDE_NECK = 0.35
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
    grow &= ~_hair_kept(person, frame, lab, free, depth)
    if category == SwapTarget.TOP and person.visible(L_HIP, R_HIP, threshold=0.3):
        for colour in worn_colours(lab, person, SwapTarget.BOTTOM):
            grow &= ~(near_colour(lab, colour) & waist_down)
    elif category == SwapTarget.BOTTOM:
        for colour in worn_colours(lab, person, SwapTarget.TOP):
            grow &= ~near_colour(lab, colour)
    if category in (SwapTarget.BOTTOM, SwapTarget.DRESS):
        end = float((person.pt(L_KNEE)[1] + person.pt(R_KNEE)[1]) / 2)
        if category == SwapTarget.DRESS and person.visible(L_ANKLE, R_ANKLE, threshold=0.5):
            # A dress's hem below the knees (a midi's darker hem band, its shaded
            # corners) is grown down to above the shoes: cut at the knees, its corners
            # stayed beside the legs below a shorter new dress.
            end = max(end, min(float(person.pt(L_ANKLE)[1]), float(person.pt(R_ANKLE)[1])) - s * ABOVE_SHOES)
        grow[max(0, min(grow.shape[0], int(end))) :] = False
    # Grown only into `grow`: in the box round it, a pixel wider (the same steps as over
    # the whole photo; nothing outside it changes).
    found = bounds(grow, pad=1)
    if found is None:
        return np.zeros_like(clothes)
    inside = box_slices(found)
    allowed = grow.astype(np.uint8)
    band = clothes.astype(np.uint8)
    grown, allowed = band[inside], allowed[inside]
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    for _ in range(steps):
        grown = cv2.bitwise_or(grown, cv2.bitwise_and(cv2.dilate(grown, cross), allowed))
    chest = cv2.bitwise_and(allowed, (depth[inside] < 0.4 * frame.length).astype(np.uint8))
    for _ in range(steps):
        grown = cv2.bitwise_or(grown, cv2.bitwise_and(cv2.dilate(grown, cross), chest))
    band[inside] = grown
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


def _hair_kept(
    person: Person, frame: Frame, lab: NDArray[np.float32], free: NDArray[np.bool_], depth: NDArray[np.float32]
) -> NDArray[np.bool_]:
    """Where the hair lies over the old garment's edges (`_edge_bands` never grows there):
    where the window sees the head, every pixel of the hair's colour read above the face.

    The window a top is rebuilt in mostly starts below the eyes and reads none: the
    whole photo's colour (`seen_hair_colours`) is taken then, beside the head only,
    above the shoulders' line (`depth` < 0) and past a collar's points
    (`HAIR_BESIDE_NECK`): the hair, or a hat's brim, hanging there was grown into and
    rebuilt as a flat skin-coloured blob (`carvekit--3`). Below the shoulders and by
    the neck the hair's dark colour is as often the old top's own rib or collar."""
    h, w = free.shape
    own = _hair_colours(person, lab, free)
    kept = np.zeros((h, w), bool)
    for colour in own:
        kept |= near_colour(lab, colour)
    seen = [] if own else seen_hair_colours(person)
    if seen:
        across = (np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])) * np.float32(frame.right[1]) + (
            np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
        ) * np.float32(frame.right[0])
        beside = (depth < 0) & (np.abs(across) > HAIR_BESIDE_NECK * frame.width)
        for colour in seen:
            kept |= near_colour(lab, colour) & beside
    return kept


def read_hair_colours(person: Person) -> list[NDArray[np.float32]]:
    """The hair's (or a hat's) colour above the face (`_hair_colours`), read on the whole
    photo and kept with it for the windows cut from it.

    A top is rebuilt in a window that starts about the chin (`composite.compose`): the
    window sees no head, read nothing, and the old top's edge bands grew over the hair
    beside the neck and a hat's brim, rebuilt as flat skin-coloured blobs."""
    free = ~skin_like(person) & (person.face == 0) & (person.hands == 0)
    key = (person.image,)
    return memo.kept(person, HAIR_COLOURS, key, lambda: _hair_colours(person, person.lab(), free))


def seen_hair_colours(person: Person) -> list[NDArray[np.float32]]:
    """The hair colours the whole photo this window was cut from read (`read_hair_colours`),
    or none."""
    found = memo.held(person, HAIR_COLOURS, (person.image,))
    return list(found) if found is not None else []


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


_SHINS = ((L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE))


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
    if not seen:
        return np.zeros_like(clothes)
    if np.count_nonzero((lower > 0) & body & similar) > 0.5 * seen:
        # The colour goes on down: the bottoms are the top's colour. The top ends where
        # the photo shows its hem, a line across the body; none, and it is left.
        hem = same_colour_hem(person, frame)
        if hem is None:
            return np.zeros_like(clothes)
        band[hem + max(1, int(frame.width * (HEM_LINE_MARGIN + HEM_LINE_SLACK))) :] = 0
    reach = (band > 0) & body & free
    return _joined(reach & ~_nearer_bottom(person, reach), similar, clothes, frame.width)


def _nearer_bottom(person: Person, where: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The pixels of `where` nearer a colour of the old bottom's own (read across the
    thighs; not bare skin, and `TOP_APART` from each of the top's) than any of the top's.
    Black trousers below a striped shirt with a dark green band are within reach of the
    band's colour: they joined the shirt's hem below the hips and were rebuilt under a
    new top as a skin blob and mirrored chevrons."""
    out = np.zeros_like(where)
    box = bounds(where)
    if box is None:
        return out
    lab = person.lab()
    tops = worn_colours(lab, person, SwapTarget.TOP)
    own = [c for c in colours_apart(worn_colours(lab, person, SwapTarget.BOTTOM), tops) if not _bare_skin(c, person)]
    if not own:
        return out
    rows, cols = box_slices(box)
    part = lab[rows, cols]
    out[rows, cols] = where[rows, cols] & (nearest_distance(part, own) < nearest_distance(part, tops))
    return out


#: Where a top's old bottom may begin: this far down the torso, neck (0) to hips (1).
#: A waistband sits a little above the hips' joints; a shirt's pocket or a print's
#: colour near the trousers' lies higher.
BOTTOM_WAIST = 0.6
#: The bottom found there is taken in parts at least `BOTTOM_SOLID` across, its notches
#: up to `BOTTOM_NOTCH` across closed over (shoulder-joint distances).
BOTTOM_SOLID = 0.05
BOTTOM_NOTCH = 0.1


def _bottom_below_waist(person: Person, frame: Frame, clothes: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The pixels of an old top's mask (`clothes`) below `BOTTOM_WAIST` that are the old
    bottom's (`_nearer_bottom`). The band along a hanging arm in which anything not skin
    is a sleeve lies over the trousers' or skirt's sides down to the hands, and pale
    jeans' waistband is within reach of a white tank's colour: taken for the top, they
    were rebuilt below a new top's hem as mirrored blocks of denim and backdrop, with
    strips of the old top's colour between them and the arm. A print's (`_print_below_waist`)
    by its busyness, and a bottom of another hue (pale jeans under a white tank) by hue."""
    lab = person.lab()
    tops = worn_colours(lab, person, SwapTarget.TOP)
    h, w = clothes.shape
    across = ((np.arange(w, dtype=np.float32) - frame.neck[0]) * frame.down[0])[None, :]
    down = ((np.arange(h, dtype=np.float32) - frame.neck[1]) * frame.down[1])[:, None]
    below = (across + down) >= BOTTOM_WAIST * max(frame.length, 1.0)
    low = clothes & below
    out = _print_below_waist(person, frame, clothes, low, tops)
    bottoms = [c for c in worn_colours(lab, person, SwapTarget.BOTTOM) if not _bare_skin(c, person)]
    hue = (0.0, 1.0, 1.0)
    hued = bool(bottoms) and min(squared_distance(t[None, None, :], b, hue)[0, 0] for t in tops for b in bottoms) >= (
        HUE_APART**2
    )
    if len(colours_apart(bottoms, tops)) < len(bottoms) and not hued:
        # The bottom shares a colour with the top (white shorts under a white tank): its
        # other colour is a shade of the top's, and the tank's shaded side was taken out.
        return out
    found = _nearer_bottom(person, low)
    if hued:
        # Told apart by hue (pale blue jeans under a white tank), the jeans' lit side is
        # as near the tank's lightness as their own: by hue it is theirs. Taken for the
        # top, a block of them was rebuilt under every new top as the old tank's grey.
        found |= low & (nearest_distance(lab, bottoms, hue) < nearest_distance(lab, tops, hue))
    notch = max(3, int(frame.width * BOTTOM_NOTCH)) | 1
    box = bounds(found, notch)
    # An open coat's skirt over the thighs is read as the bottom's colour: its panels
    # are the old top's (`_coat_panels`).
    if wears_open_coat(person):
        return out
    flecked = bottoms if hued else None
    if box is None:
        return out | _bottom_flecks(person, frame, clothes & ~out, below, tops, flecked)
    rows, cols = box_slices(box)
    part = found[rows, cols]
    # Only solid parts, and what of it lies at their rim: a striped shirt's shaded dark
    # stripes are nearer black trousers' colour than the stripes' own, and closed over
    # with the light ones between them the shirt's lower half was taken out of the old top.
    side = max(3, int(frame.width * BOTTOM_SOLID)) | 1
    ellipse = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    solid = cv2.morphologyEx(part.astype(np.uint8), cv2.MORPH_OPEN, ellipse)
    # Its seams, lit folds and soft rim are nearer the top's colour: left in, they were
    # rebuilt as skin or backdrop notches in the kept jeans.
    closed = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((notch, notch), np.uint8)) > 0
    out[rows, cols] |= low[rows, cols] & (closed | (part & (cv2.dilate(solid, ellipse) > 0)))
    return out | _bottom_flecks(person, frame, clothes & ~out, below, tops, flecked)


#: An old top's mask's piece wholly below `BOTTOM_WAIST` and under `FLECK_SIZE`
#: shoulder-joint distances square in area is a fleck of the old bottom's when at
#: least `FLECK_RING` of the pixels round it are the bottom's colour (`_bottom_flecks`).
#: A waistband's flecks read 0.33-1.0 (`ootd--model_1`); the pieces of an old white
#: tee's hem cut off below the waist, against the rest of the tee and the skin, 0.05.
FLECK_SIZE = 0.2
FLECK_RING = 0.25
#: A thin arm of the mask (what an opening `THIN_ARM` shoulder-joint distances across
#: takes off it) lying wholly below `BOTTOM_WAIST` is the bottom's when at least
#: `THIN_RING` of the pixels round it, off the mask, are the bottom's colour: the jeans'
#: side seam and rim beside a white tank's hem read 0.82-1.0 on `ootd--model_1`, the
#: tank's own hem corner beside the wall 0.58 (given back at 0.5, it was left as a white
#: sliver beside the new top).
THIN_ARM = 0.05
THIN_RING = 0.7


def _bottom_flecks(
    person: Person,
    frame: Frame,
    rest: NDArray[np.bool_],
    below: NDArray[np.bool_],
    tops: list[NDArray[np.float32]],
    hued: list[NDArray[np.float32]] | None,
) -> NDArray[np.bool_]:
    """The small pieces of the old top's mask `rest` lying wholly `below` the waist and
    ringed by the old bottom's colour (`_nearer_bottom`, or by hue against `hued`'s
    colours): a waistband's lit denim, button, belt loops and stitching, nearer a white
    top's colour than the jeans'. Left in the mask they were rebuilt as the bared
    midriff's skin in squares among the kept denim: a mosaic over the waistband.

    So are the thin arms the mask reaches down along the bottom's side (`THIN_ARM`,
    `THIN_RING`): joined to the top's hem they are no piece of their own, and rebuilt
    they stood as a pale stepped strip cut into the jeans beside the hip."""
    loose = _ringed(person, frame, rest, rest, below, tops, hued, FLECK_RING)
    side = max(3, int(frame.width * THIN_ARM)) | 1
    ellipse = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    thin = rest & ~loose & (cv2.morphologyEx(rest.astype(np.uint8), cv2.MORPH_OPEN, ellipse) == 0)
    return loose | _ringed(person, frame, thin, rest, below, tops, hued, THIN_RING)


def _ringed(
    person: Person,
    frame: Frame,
    pieces: NDArray[np.bool_],
    rest: NDArray[np.bool_],
    below: NDArray[np.bool_],
    tops: list[NDArray[np.float32]],
    hued: list[NDArray[np.float32]] | None,
    share: float,
) -> NDArray[np.bool_]:
    """The pieces of `pieces` wholly `below` the waist, under `FLECK_SIZE` square, at
    least `share` of the pixels round them (off the mask `rest`, on the person) the old
    bottom's colour (`_bottom_flecks`)."""
    out = np.zeros_like(pieces)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(pieces.astype(np.uint8), connectivity=8)
    if count < 2:
        return out
    inside = np.bincount(labels[below & pieces], minlength=count)
    small = (stats[:, cv2.CC_STAT_AREA] <= (FLECK_SIZE * frame.width) ** 2) & (inside == stats[:, cv2.CC_STAT_AREA])
    small[0] = False
    flecks = small[labels]
    if not flecks.any():
        return out
    ring = (cv2.dilate(flecks.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0) & ~rest & (person.mask > 0.5)
    bottom = _nearer_bottom(person, ring)
    if hued is not None:
        lab = person.lab()
        hue = (0.0, 1.0, 1.0)
        bottom |= ring & (nearest_distance(lab, hued, hue) < nearest_distance(lab, tops, hue))
    rings = cv2.dilate(labels.astype(np.float32) * flecks, np.ones((3, 3), np.uint8)).astype(np.int32) * ring
    around = np.bincount(rings.ravel(), minlength=count)
    on_bottom = np.bincount(rings[bottom], minlength=count)
    held = small & (on_bottom >= share * np.maximum(around, 1))
    return held[labels]


def printed_thighs(person: Person) -> bool:
    """Whether the person's thighs (round their bones, on the person) are a print
    (`prints.printed`): the cheap test, once per photo, before the old bottom is looked
    for as a print (`worn_bottom`, a whole mask, a tenth of a render)."""

    def make() -> bool:
        s = torso_frame(person).width
        thighs = _round_bones(person, _THIGHS, s) & (person.mask > 0.5)
        box = bounds(thighs, pad=max(3, int(s * prints.PRINT_WINDOW) | 1))
        if box is None:
            return False
        rows, cols = box_slices(box)
        return prints.printed(prints.busy(person.lab()[rows, cols], s), thighs[rows, cols], s)

    return memo.kept(person, "printed_thighs", (person.image,), make)


def _print_below_waist(
    person: Person, frame: Frame, clothes: NDArray[np.bool_], low: NDArray[np.bool_], tops: list[NDArray[np.float32]]
) -> NDArray[np.bool_]:
    """The pixels of a plain old top's mask below the waist (`low`) that lie on the old
    bottom's print: busy (`prints.busy`) in broad patches that reach into the old bottom
    (`worn_bottom`, itself a print), from the bottom's top down. A zebra skirt's white or
    a geometric trouser's pale triangles are a white tee's colour, and a leopard's spots
    a black top's: joined to the top with the print's busy rest, the whole skirt was
    rebuilt under every new top as skin and debris. Colour cannot part them; the print's
    busyness does.

    The busy window reaches half its width past the print onto the plain top's hem:
    there, what is of the top's colours (`tops`) stays the top's."""
    out = np.zeros_like(clothes)
    if not printed_thighs(person):
        return out
    s = frame.width
    window = max(3, int(s * prints.PRINT_WINDOW) | 1)
    whole = worn_bottom(person)
    box = bounds(clothes | whole, pad=window)
    if box is None or not low.any():
        return out
    rows, cols = box_slices(box)
    lab, top, below, bottom = person.lab()[rows, cols], clothes[rows, cols], low[rows, cols], whole[rows, cols]
    busy = prints.busy(lab, s)
    if prints.printed(busy, top & ~below, s) or not prints.printed(busy, bottom, s):
        return out
    # Broad patches only, read on the photo (the top's mask there is the print's crumbs):
    # a plain top's busy rims (beside the arms, at its buttons) are a window wide, opened
    # away as in `_print_rest`.
    rim = np.ones((max(3, int(s * prints.PRINT_WINDOW * 1.5) | 1),) * 2, np.uint8)
    area = cv2.morphologyEx((busy & (person.mask[rows, cols] > 0.5)).astype(np.uint8), cv2.MORPH_OPEN, rim)
    count, labels = cv2.connectedComponents(area)
    hit = np.bincount(labels[(area > 0) & bottom], minlength=count) > 0
    hit[0] = False
    if not hit.any():
        return out
    notch = max(3, int(s * BOTTOM_NOTCH)) | 1
    closed = cv2.morphologyEx(hit[labels].astype(np.uint8), cv2.MORPH_CLOSE, np.ones((notch, notch), np.uint8))
    # Not above the bottom's own top (the photo's rows: an upright person): a tee's
    # graphic that reaches down to its hem is busy too, and joins the print below it
    # through the hem's busy rim.
    beside = cv2.dilate(bottom.astype(np.uint8), np.ones((1, notch), np.uint8)) > 0
    found = (closed > 0) & below & np.maximum.accumulate(beside, axis=0)
    # The plain top: what of its mask is not busy and joins its part above the waist.
    count, labels = cv2.connectedComponents((top & ~busy).astype(np.uint8))
    joined = np.bincount(labels[top & ~busy & ~below], minlength=count) > 0
    joined[0] = False
    hem = found & (cv2.dilate(joined[labels].astype(np.uint8), np.ones((window, window), np.uint8)) > 0)
    hem &= nearest_distance(lab, tops) < SAME_GARMENT_COLOUR**2
    out[rows, cols] = found & ~hem
    return out


def _flared_sides(
    person: Person, frame: Frame, similar: NDArray[np.bool_], free: NDArray[np.bool_], clothes: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """The sides of a loose or flared old top that stand out beside the waist and hips.

    The torso zone's square corners end short of them: left, a corner of the old top
    showed beside a narrower new one, between it and the arm.
    """
    w, h = person.size
    hips = [person.pt(i).astype(np.float64) for i in (L_HIP, R_HIP)]
    out = frame.right * frame.frontal_width * FLARE_OUT
    rise = frame.down * frame.length * FLARE_RISE
    left, right = hips[1] - out, hips[0] + out
    band = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(band, np.array([left - rise, right - rise, right, left], np.int32), 255)
    return _joined((band > 0) & (person.mask > 0.5) & free, similar, clothes, frame.width)


#: A loose top's sides are looked for this far out from the hip joints (frontal shoulder
#: widths), from the hips up by `FLARE_RISE` torso lengths.
FLARE_OUT = 0.55
FLARE_RISE = 0.45


#: An old top's hem over bottoms of its colour: a step in lightness (OpenCV's 8-bit
#: L) across `HEM_LINE_STEP` shoulder widths of at least this share of the body's
#: lightness there (at least `HEM_LINE_LEAST`: black cloth's hem is a faint step, the
#: JPEG noise on it fainter), running over `HEM_LINE_ACROSS` of the body's width clear
#: of the hands, within `HEM_LINE_SLACK` rows (shoulder widths) of one row.
HEM_LINE_CONTRAST = 0.04
HEM_LINE_LEAST = 4.0
HEM_LINE_STEP = 0.015
HEM_LINE_ACROSS = 0.7
HEM_LINE_SLACK = 0.02
#: A top over bottoms of its colour ends within this far below the hips (torso lengths);
#: a line further down is a skirt's hem or a dress's flounce.
HEM_LINE_DROP = 0.35
#: The top runs unbroken down to the line from this far above the hips (torso lengths):
#: in `HEM_LINE_UNBROKEN` of the rows, over `HEM_LINE_WAIST_CLOTH` of the body between
#: the hip joints, it is the worn colour.
HEM_LINE_WAIST = 0.3
HEM_LINE_UNBROKEN = 0.9
HEM_LINE_WAIST_CLOTH = 0.5
#: ...and below it the bottoms part into two legs, within `HEM_LINE_LEGS` torso lengths
#: of the hips, over at least `HEM_LINE_PARTED` torso lengths of rows.
HEM_LINE_LEGS = 1.0
HEM_LINE_PARTED = 0.03
#: What lies this far (shoulder widths) below the line is the hem's own band and shadow.
HEM_LINE_MARGIN = 0.07


def same_colour_hem(person: Person, frame: Frame) -> int | None:
    """The row of the old top's hem in the band below the hips where the bottoms are its
    colour (a white tank over white shorts), else None: by colour the two are one, and
    the top's lower part and hem stayed under a shorter new top.

    Read as the photo shows it: a hem is a line of shade or a stitched band across most
    of the body's width (the hands holding it aside), within `HEM_LINE_DROP` of the
    hips, with the worn colour above and below it, the top unbroken down to it from the
    waist, and the bottoms parting into two legs below it. A dress's skirt (closed, or
    its line a flounce further down) and a crop top over bottoms of a near colour are
    left. Upright persons only."""
    if frame.down[1] < 0.8 or not person.visible(L_HIP, R_HIP, threshold=0.3):
        return None
    w, h = person.size
    s = frame.width
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    out = frame.frontal_width * 0.35
    x0, x1 = max(0, int(xs[0] - out)), min(w, int(xs[1] + out) + 1)
    step = max(1, int(s * HEM_LINE_STEP))
    slack = max(1, int(s * HEM_LINE_SLACK))
    top = int(max(person.pt(L_HIP)[1], person.pt(R_HIP)[1]))
    rise_to = int(frame.length * HEM_LINE_WAIST)
    end = min(h, top + int(frame.length * HEM_LINE_DROP) + 2 * step + slack)
    y0, y1 = max(0, top - rise_to), max(end, min(h, top + int(frame.length * HEM_LINE_LEGS)))
    if x1 - x0 < 4 or end - y0 < rise_to + 4 * step + 2 * slack + 2:
        return None
    window = slice(y0, y1), slice(x0, x1)
    lab = person.lab()
    # The worn colour, where it is nearer that than the skin's: bare legs below a
    # skirt of their shade part like trouser legs.
    near = nearest_distance(lab[window], worn_colours(lab, person, SwapTarget.TOP))
    cloth = (near < SAME_GARMENT_COLOUR**2) & (near < squared_distance(lab[window], person.skin_lab, GARMENT_WEIGHTS))
    on = (person.mask[window] > 0.5) & (person.hands[window] == 0)
    cloth &= on
    # Only where the colour goes on down: bottoms of another colour show the top's end.
    low = slice((top - y0 + end - y0) // 2, end - y0)
    if np.count_nonzero(cloth[low]) <= 0.5 * np.count_nonzero(on[low]):
        return None
    light = cv2.GaussianBlur(np.ascontiguousarray(lab[window][..., 0]), (0, 0), max(1.0, s * 0.01))
    rise = np.zeros_like(light)
    rise[step:-step] = np.abs(light[2 * step :] - light[: -2 * step])
    both = np.zeros_like(cloth)
    both[step:-step] = cloth[2 * step :] & cloth[: -2 * step]
    least = max(HEM_LINE_LEAST, HEM_LINE_CONTRAST * float(np.median(light[on])) if on.any() else 0.0)
    edge = (both & (rise >= least)).astype(np.uint8)
    rows = slice(top - y0, end - y0 - 2 * step - slack)
    width = np.maximum(on[rows].sum(axis=1), 1)
    # A hem that bends or slants a little runs within a few rows of one.
    share = cv2.dilate(edge, np.ones((2 * slack + 1, 1), np.uint8))[rows].sum(axis=1) / width
    share[on[rows].sum(axis=1) < s * 0.3] = 0
    if not len(share) or share.max() < HEM_LINE_ACROSS:
        return None
    # The line's own row: the most of it there, among the rows that hold it.
    strongest = np.where(share >= HEM_LINE_ACROSS, edge[rows].sum(axis=1), -1)
    hem = top + int(np.argmax(strongest))
    # The top hangs down to it unbroken between the hip joints, from the waist: a crop
    # top's bare midriff (or a belt of another colour) parts it from bottoms of a near
    # colour, whose own seams (a yoke, the pockets' tops) are no hem of it.
    middle = slice(max(0, int(xs[0]) - x0), max(1, int(xs[1]) - x0))
    solid = on[: hem - y0, middle].sum(axis=1) > 0
    held = cloth[: hem - y0, middle].sum(axis=1) > HEM_LINE_WAIST_CLOTH * on[: hem - y0, middle].sum(axis=1)
    if not solid.any() or held[solid].mean() < HEM_LINE_UNBROKEN:
        return None
    # Below it, the bottoms part into two legs: a dress's skirt (one garment with the
    # top, kept under a new top) stays closed across them.
    centre = int((xs[0] + xs[1]) / 2) - x0
    gap = max(1, int(s * 0.03))
    side = max(1, int(s * 0.08))
    below = slice(hem - y0, None)
    between = ~cloth[below, max(0, centre - gap) : centre + gap + 1].all(axis=1)
    thighs = [cloth[below, max(0, int(x) - x0 - side) : max(1, int(x) - x0 + side + 1)].mean(axis=1) > 0.5 for x in xs]
    parted = np.count_nonzero(between & thighs[0] & thighs[1]) >= max(2, frame.length * HEM_LINE_PARTED)
    # A photo cut off at the thighs shows no parting: the bottoms running on to its edge
    # over both thighs are taken as they are.
    cut_off = top + frame.length * HEM_LINE_LEGS > h and bool(thighs[0][-1] and thighs[1][-1])
    return hem if parted or cut_off else None


#: A coat's skirt: its colour (Lab, weighed by `GARMENT_WEIGHTS`) between the hip joints
#: stays within this of its colour just below the hips down to its hem, and what shows
#: below the hem (the trousers) is further off. `SAME_GARMENT_COLOUR` is too loose: an
#: olive parka and the dark olive trousers under it pass for one garment.
SKIRT_STEP = 8
#: The coat's hem lies at least this far below the hips (torso lengths), with at least
#: `SKIRT_TROUSERS` of the trousers below it, above the ankles.
SKIRT_DROP = 0.5
SKIRT_TROUSERS = 0.1
#: ...and the trousers fill at least this share of the span between the hip joints
#: there, down to the ankles (bare legs below a skirt are thinner).
SKIRT_LEGS = 0.5
#: The share of the rows between the crotch and the hem where the coat closes the gap
#: between the legs (one piece of the old colour across them, not two trouser legs).
SKIRT_CLOSED = 0.8


def coat_hem(person: Person, frame: Frame) -> int | None:
    """The row of a long coat's or parka's hem, hanging below the hips past `_long_hem`'s
    band over trousers of a near colour (both the worn colour by `SAME_GARMENT_COLOUR`),
    else None: left, its skirt showed under every new top.

    Read row by row between the hip joints: the coat's colour goes on from the hips down
    to a hem above the ankles, closed across the gap between the legs, and below the hem
    the trousers are clearly another shade, and not skin (bare legs below are a skirt or
    a dress of the top's colour: those are left). Trousers of the top's own shade show
    no hem above the ankles and are left too.

    Read once per photo and torso length (the composite's window, the old garment's mask
    and what is rebuilt each ask, and `fitroom eval` after)."""
    return memo.kept(person, "coat_hem", (person.image, frame.length), lambda: _coat_hem(person, frame))


def _coat_hem(person: Person, frame: Frame) -> int | None:
    if not person.visible(L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE):
        return None
    # Standing: each thigh and shin runs mostly down (a leap's legs run sideways).
    for a, b in _THIGHS + _SHINS:
        v = person.pt(b) - person.pt(a)
        if v[1] < 0.7 * float(np.hypot(*v)):
            return None
    w, h = person.size
    length = frame.length
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    x0, x1 = max(0, int(xs[0])), min(w, int(xs[1]) + 1)
    middle = int((xs[0] + xs[1]) / 2)
    hips = max(0, int(max(person.pt(L_HIP)[1], person.pt(R_HIP)[1])))
    ankles = int(min(person.pt(L_ANKLE)[1], person.pt(R_ANKLE)[1]))
    if x1 - x0 < 4 or ankles - hips < length * (SKIRT_DROP + SKIRT_TROUSERS) or ankles > h:
        return None
    lab = person.lab()
    span = lab[hips:ankles, x0:x1]
    body = person.mask[hips:ankles, x0:x1] > 0.5
    # A row mostly backdrop (the legs apart) is no coat's.
    solid = body.mean(axis=1) >= 0.5
    # Each row's mean colour over the body (a median per row cost ten times as much).
    rows = (span * body[:, :, None]).sum(axis=1) / np.maximum(body.sum(axis=1), 1)[:, None]
    top = np.median(rows[: max(1, int(length * 0.3))], axis=0).astype(np.float32)
    far = (squared_distance(rows[:, None, :].astype(np.float32), top, GARMENT_WEIGHTS)[:, 0] > SKIRT_STEP**2) | ~solid
    start = int(length * SKIRT_DROP)
    steps = np.flatnonzero(far[start:])
    if not len(steps):
        return None
    hem = start + int(steps[0])
    below = slice(hem, ankles - hips)
    if ankles - hips - hem < length * SKIRT_TROUSERS or far[below].mean() < 0.8 or far[:hem].mean() > 0.1:
        return None
    # Just above the ankles: the trousers' cuffs, or the bare shins below a skirt (thin
    # and skin-coloured; the skin mask is no guide there, when a dark dress was taken
    # for the person's skin). Khaki trousers pass for skin and are left too.
    above = slice(ankles - int(length * SKIRT_TROUSERS), ankles)
    legs = person.mask[above, x0:x1] > 0.5
    if min(body[below].mean(), legs.mean()) < SKIRT_LEGS or plausible_skin(np.median(lab[above, x0:x1][legs], axis=0)):
        return None
    colours = worn_colours(lab, person, SwapTarget.TOP)
    # The skirt is the top's own colour (a white shirt over jeans is no coat).
    if min(float(squared_distance(top[None, None, :], c, GARMENT_WEIGHTS)[0, 0]) for c in colours) > (
        SAME_GARMENT_COLOUR**2
    ):
        return None
    centre = lab[hips + int(length * CROTCH_DROP) : hips + hem, max(0, middle - 3) : middle + 4]
    similar = nearest_distance(centre, colours) < SAME_GARMENT_COLOUR**2
    inside = person.mask[hips + int(length * CROTCH_DROP) : hips + hem, max(0, middle - 3) : middle + 4] > 0.5
    closed = (similar & inside).mean(axis=1) > 0.5
    if not len(closed) or closed.mean() < SKIRT_CLOSED:
        return None
    return hips + hem


def _coat_skirt(
    person: Person, frame: Frame, similar: NDArray[np.bool_], free: NDArray[np.bool_], clothes: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """A long coat's skirt down to its hem (`coat_hem`): the old top, joined to it."""
    hem = coat_hem(person, frame)
    if hem is None:
        return np.zeros_like(clothes)
    hips = max(0, int(min(person.pt(L_HIP)[1], person.pt(R_HIP)[1])))
    reach = np.zeros_like(clothes)
    reach[hips:hem] = True
    return _joined(reach & (person.mask > 0.5) & free, similar, clothes, frame.width)


#: An open coat's sleeves are read in a band this wide (shoulder widths) along each
#: upper arm, from `COAT_SLEEVE_SPAN`'s first share of the way to the elbow to its second.
COAT_SLEEVE_BAND = 0.2
COAT_SLEEVE_SPAN = (0.2, 0.8)
#: An arm whose band shows less than this share of cloth (the rest skin) is bare.
COAT_SLEEVE_CLOTH = 0.3
#: ...and its colours cover this share of the torso below the shoulders (least, most):
#: open, a coat leaves the top under it showing down the middle. On the devset the two
#: open coats cover 0.41 and 0.42; a shirt whose print's grey the chest's middle missed
#: 0.98, a striped top 0.75; a bare arm's shaded skin 0.04-0.08.
COAT_ON_TORSO = (0.1, 0.7)
#: An open coat's panels are looked for this far (shoulder widths) round the torso: a
#: coat flung open or swinging in a stride stands well out from the body.
COAT_PANEL_REACH = 2.0
#: The trousers' colour is read on the shins, these shares of the way from the knee to
#: the ankle: near the knees, which the composite's window holds (`wears_open_coat`).
COAT_SHINS = (0.15, 0.3)
#: A coat's panel turned from the light is far darker than its sleeves: lightness counts
#: this much in telling its colour (Lab weights), hue and chroma in full.
COAT_WEIGHTS = (0.15, 1.0, 1.0)


def open_coat_colours(person: Person, lab: NDArray[np.float32], cloth: NDArray[np.bool_]) -> list[NDArray[np.float32]]:
    """The colours of an open coat, jacket or cardigan over another top: the colours of
    the sleeves (`cloth` along the upper arms that are not bare; one arm is enough, the
    other's band may lie on the backdrop where the person's outline takes it in) that do
    not show down the middle of the chest, where the top under the coat does. A sweater's
    own sleeves are its chest's colour, and give none; nor does a person whose shoulders,
    elbows and hips are not all seen."""
    if not person.visible(L_SHOULDER, R_SHOULDER, L_ELBOW, R_ELBOW, L_HIP, R_HIP, threshold=0.5):
        return []
    s = person.shoulder_width
    sleeves = []
    h, w = cloth.shape
    thickness = max(2, int(s * COAT_SLEEVE_BAND))
    for shoulder, elbow in _UPPER_ARMS:
        a, b = person.pt(shoulder), person.pt(elbow)
        p, q = (np.array(a + (b - a) * t).astype(int) for t in COAT_SLEEVE_SPAN)
        # Drawn and read in the band's box (its ends, a thickness round them): the same
        # pixels, in the same order, as over the whole photo.
        x0, y0 = np.maximum(np.minimum(p, q) - thickness - 2, 0)
        x1, y1 = np.minimum(np.maximum(p, q) + thickness + 3, (w, h))
        if x1 <= x0 or y1 <= y0:
            continue
        box = slice(y0, y1), slice(x0, x1)
        band = np.zeros((y1 - y0, x1 - x0), np.uint8)
        cv2.line(band, (int(p[0] - x0), int(p[1] - y0)), (int(q[0] - x0), int(q[1] - y0)), 255, thickness)
        on = (band > 0) & (person.mask[box] > 0.5)
        worn = on & cloth[box]
        if np.count_nonzero(worn) >= max(12, COAT_SLEEVE_CLOTH * np.count_nonzero(on)):
            sleeves.append(main_colours(lab[box][worn]))
    if not sleeves:
        return []
    middle = [
        person.pt(L_SHOULDER) * (1 - f) * (1 - t)
        + person.pt(L_HIP) * f * (1 - t)
        + (person.pt(R_SHOULDER) * (1 - f) + person.pt(R_HIP) * f) * t
        for f in (0.4, 0.7)
        for t in (0.45, 0.5, 0.55)
    ]
    under = _colours_at(lab, person, middle)
    found = [c for arm in sleeves for c in arm if not any(_near(c, x) for x in under) and not _bare_skin(c, person)]
    if not found:
        return []
    # The coat is worn over the torso: its colours show on it below the shoulders, beside
    # the top under it. A bare arm's shaded skin passed for a sleeve's cloth.
    frame = torso_frame(person)
    torso = (torso_zone(person, frame) > 0) & below_line(person, frame, frame.neck) & (person.mask > 0.5)
    found_box = bounds(torso)
    if found_box is None:
        return []
    # The colours' distances in the box round the torso only: nothing outside it counts.
    box = box_slices(found_box)
    nearest = nearest_distance(lab[box], found, COAT_WEIGHTS)
    on = cloth[box] & torso[box] & (nearest < SAME_GARMENT_COLOUR**2)
    share = np.count_nonzero(on) / max(1, np.count_nonzero(torso))
    return found if COAT_ON_TORSO[0] <= share <= COAT_ON_TORSO[1] else []


def _coat_box(person: Person) -> Box | None:
    """The box round every pixel `open_coat_colours` reads its cloth at: the torso zone
    (with the neck above the shoulders) and the bands along the upper arms."""
    frame = torso_frame(person)
    shoulders = [person.pt(i).astype(np.float64) for i in (L_SHOULDER, R_SHOULDER)]
    up = -frame.down * frame.frontal_width * 0.35
    arms = [person.pt(i).astype(np.float64) for pair in _UPPER_ARMS for i in pair]
    points = np.array([*shoulders, *(s + up for s in shoulders), person.pt(L_HIP), person.pt(R_HIP), *arms])
    return around(points, max(2, int(person.shoulder_width * COAT_SLEEVE_BAND)) + 2, person.size)


def wears_open_coat(person: Person) -> bool:
    """Whether the person wears an open coat, jacket or cardigan over the top
    (`open_coat_colours`): its skirt may hang down to the knees. The skin test runs in
    the box `open_coat_colours` reads only: over the whole photo it cost most of it.
    Read once per photo: the window, the old top and the coat kept in front all ask."""

    def make() -> bool:
        found = _coat_box(person)
        if found is None:
            return False
        box = box_slices(found)
        # The photo's Lab first: the box's crop takes its part, not a conversion of its own.
        lab = person.lab()
        cloth = np.zeros(person.mask.shape, bool)
        cloth[box] = ~skin_like(person.crop(*found)) & (person.mask[box] > 0.5) & (person.face[box] == 0)
        cloth[box] &= person.hands[box] == 0
        return bool(open_coat_colours(person, lab, cloth))

    return memo.kept(person, "wears_open_coat", (person.image, person.mask, person.face, person.hands), make)


class OpenCoat(NamedTuple):
    """An open coat as the photo shows it (see `open_coat`)."""

    cloth: NDArray[np.bool_]  # the pixels of its colours, not the trousers'
    lowest: NDArray[np.float64]  # a point on the line across the body it may reach down to


def open_coat(person: Person, lab: NDArray[np.float32], cloth: NDArray[np.bool_]) -> OpenCoat | None:
    """The pixels of `cloth` in an open coat's colours (`open_coat_colours`), and how far
    down it may reach: the knees, unless the thighs between the legs or the shins show
    the coat's main colour (a suit's trousers, shorts of a shirt's grey, or a coat to the
    shins), then the hips. A pixel nearer the bottoms' colours than the coat's is the
    bottoms (green track pants under a dark green parka are one hue). None when the
    person wears no open coat."""
    colours = open_coat_colours(person, lab, cloth)
    if not colours:
        return None
    nearest = nearest_distance(lab, colours, COAT_WEIGHTS)
    coat = cloth & (nearest < SAME_GARMENT_COLOUR**2)
    lowest = (person.pt(L_HIP) + person.pt(R_HIP)).astype(np.float64) / 2
    if person.visible(L_KNEE, R_KNEE, threshold=0.5):
        # The bottoms: between the thighs (an open coat hangs beside them) and on the shins.
        thighs = _colours_at(lab, person, _across(person, (L_HIP, L_KNEE, 0.7), (R_HIP, R_KNEE, 0.7)))
        shins = _colours_at(
            lab, person, [person.pt(k) * (1 - t) + person.pt(a) * t for k, a in _SHINS for t in COAT_SHINS]
        )
        coat &= nearest < nearest_distance(lab, thighs + shins, COAT_WEIGHTS)
        if not _near(colours[0], shins[0]) and not _near(colours[0], thighs[0]):
            lowest = (person.pt(L_KNEE) + person.pt(R_KNEE)).astype(np.float64) / 2
    return OpenCoat(coat, lowest)


def coat_beside_torso(person: Person, frame: Frame, skin: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """An open coat's cloth (`open_coat`) outside the torso's joints (`torso_zone`): its
    panels hang beside the body, which under them is no wider than the joints'."""
    cloth = ~skin & (person.mask > 0.5) & (person.face == 0) & (person.hands == 0)
    coat = open_coat(person, person.lab(), cloth)
    if coat is None:
        return np.zeros(skin.shape, bool)
    return coat.cloth & (torso_zone(person, frame) == 0)


def _coat_panels(
    person: Person, frame: Frame, lab: NDArray[np.float32], free: NDArray[np.bool_], clothes: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """An open coat's panels and skirt (`open_coat`), joined to the old garment: round
    the torso, down to as far as it may reach. Only the torso's band round the body was
    taken: a panel swinging out beside the hips, or hanging over the thighs, stayed
    beside the new top."""
    coat = open_coat(person, lab, free)
    if coat is None:
        return np.zeros_like(clothes)
    side = 2 * max(1, int(frame.width * COAT_PANEL_REACH)) + 1
    reach = (cv2.dilate(torso_zone(person, frame), np.ones((side, side), np.uint8)) > 0) & below_line(
        person, frame, frame.neck
    )
    reach &= ~below_line(person, frame, coat.lowest)
    return _joined(reach & coat.cloth, coat.cloth, clothes, frame.width)


def below_line(person: Person, frame: Frame, point: NDArray[np.floating[Any]]) -> NDArray[np.bool_]:
    """True below the line across the torso's axis through `point`."""
    w, h = person.size
    ys, xs = np.arange(h, dtype=np.float32)[:, None], np.arange(w, dtype=np.float32)[None, :]
    down = frame.down.astype(np.float32)
    return np.asarray((xs - float(point[0])) * down[0] + (ys - float(point[1])) * down[1] > 0)


#: How wide (shoulder widths) the band along each shin is in which an old dress's skirt
#: is looked for: a midi's skirt flares out well past the shins below the knees.
SKIRT_FLARE = 1.6
#: How far below the knees' line (shoulder widths) an old dress's hem is looked for when
#: no bottom's colour is read (the dress's own passes for skin): cut at the line, a band
#: of the hem stayed below a shorter new dress. No further: the bare shins below are as
#: near the dress's colour as it is.
HEM_BELOW_KNEES = 0.25
#: How far below the hips (torso lengths) the legs part: the crotch.
CROTCH_DROP = 0.3


def _high_waist(
    person: Person,
    frame: Frame,
    similar: NDArray[np.bool_],
    free: NDArray[np.bool_],
    clothes: NDArray[np.bool_],
    hands: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """The top of a high-waisted old bottom, up to its waistband at the natural waist.

    The bottom's zone reaches only a little above the hip joints; left alone, the rest of
    it shows as a strip between the top and a new bottom that sits lower. Taken between
    the hip joints (the arms hang beside them, maybe in the top's colour) and only when it
    ends there: when the colour runs on up to the reach's upper edge, it is a top of the
    bottom's colour tucked in, not the bottom. `free` includes what is nearer the
    bottom's colour than the skin's (a beige knit skirt). The waistband's outline against
    the bare midriff, half band and half skin, goes with it (except on the `hands`), or
    it stays as a dark dashed line across the rebuilt skin.
    """
    w, h = person.size
    hips = [person.pt(i).astype(np.float64) for i in (L_HIP, R_HIP)]
    out = frame.right * frame.frontal_width * 0.1
    rise = -frame.down * frame.length * HIGH_WAIST_RISE
    left, right = hips[1] - out, hips[0] + out
    reach = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(reach, np.array([left, right, right + rise, left + rise], np.int32), 255)
    upper = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(
        upper, np.array([left + rise * 0.85, right + rise * 0.85, right + rise, left + rise], np.int32), 255
    )
    body = person.mask > 0.5
    taken = _joined((reach > 0) & body & free, similar, clothes, frame.width) & ~clothes
    seen = np.count_nonzero((upper > 0) & body)
    if not taken.any() or not seen or np.count_nonzero((upper > 0) & taken) > 0.2 * seen:
        return np.zeros_like(clothes)
    rim = 2 * max(1, int(person.shoulder_width * 0.012)) + 1
    outline = cv2.dilate((taken | clothes).astype(np.uint8), np.ones((rim, rim), np.uint8)) > 0
    return taken | (outline & (reach > 0) & body & ~hands & (person.face == 0) & ~clothes)


#: The share of a hole's outline that must be the old garment for the hole to be part of
#: it (a print); the rest may be the face or a hand over it.
HOLE_RING = 0.5
#: ...unless less than this share of its own pixels is on the person (mask over 0.5)
#: and it is a window, not a slit: its middle this many shoulder widths from its edge.
HOLE_ON_PERSON = 0.5
#: A hole this much (share of its area) the person's own skin is bare skin, not a print.
HOLE_OWN = 0.5
HOLE_WINDOW = 0.04


def holes_filled(
    old: NDArray[np.float32], person: Person, hands: NDArray[np.bool_], own: NDArray[np.bool_] | None = None
) -> NDArray[np.float32]:
    """The old garment with the holes inside it filled: a print, logo or trim of another
    colour is part of it, and left out it would show through the skin or background
    rebuilt round it. Hands and the face stay out, and so do holes too large to be a
    print, windows mostly off the person (`HOLE_ON_PERSON`, `HOLE_WINDOW`: the backdrop
    between a bent arm and the body) and holes that the garment does not ring for the
    most part (`HOLE_RING`): a pocket of neck shadow closed in by the face mask's chin
    was rebuilt as a flat pale patch under the chin. Nor, where `own` marks the person's
    own skin told from a skin-coloured garment (`skin_toned.tinted`), holes mostly of it
    (`HOLE_OWN`): a V-neck's bare chest, closed in once the pink collar beside it was
    taken, was rebuilt."""
    h, w = old.shape
    holes = ((old == 0) & ~hands & (person.face == 0)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(holes, connectivity=4)
    if count <= 1:
        return old
    x, y, bw, bh, area = (stats[:, i] for i in range(5))
    inner = (x > 0) & (y > 0) & (x + bw < w) & (y + bh < h) & (area <= (0.5 * person.shoulder_width) ** 2)
    inner[0] = False
    if not inner.any():
        return old
    # Each pixel just outside a hole, named after the hole beside it (labels grown by one
    # pixel, 4-connected as the holes are): how much of each hole's ring is the garment.
    grown = cv2.dilate(labels.astype(np.float32), cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3)))
    ring = (holes == 0) & (grown > 0)
    named = grown[ring].astype(np.intp)
    garment = np.bincount(named, weights=(old[ring] > 0).astype(np.float64), minlength=count)
    inner &= garment >= HOLE_RING * np.maximum(np.bincount(named, minlength=count), 1)
    # A print is on the person; a window mostly of backdrop is the gap between a bent arm
    # and the body (a hand on the hip), which filled was rebuilt as a patch of skin. A
    # slit between an arm hanging close and the body stays filled: left, the old
    # garment's soft rims along it showed as slivers.
    on_person = np.bincount(labels.ravel(), weights=(person.mask > 0.5).ravel(), minlength=count)
    depth = np.zeros(count, np.float32)
    np.maximum.at(depth, labels.ravel(), cv2.distanceTransform(holes, cv2.DIST_L2, 3).ravel())
    window = (on_person < HOLE_ON_PERSON * np.maximum(area, 1)) & (depth >= HOLE_WINDOW * person.shoulder_width)
    inner &= ~window
    if own is not None:
        inner &= np.bincount(labels.ravel(), weights=own.ravel(), minlength=count) < HOLE_OWN * np.maximum(area, 1)
    return np.maximum(old, inner[labels].astype(np.float32))


#: A long sleeve's cuff at the wrist often has a lining, hem or shadow of another colour
#: than the sleeve: left out of the old garment's mask, between it and the hand in front,
#: it stayed across a bared wrist as a grey or dark band. Round each wrist whose hand is
#: kept in front, the old garment takes in what lies this far (shoulder widths) beyond
#: its edge, short of the hand...
CUFF_REACH = 0.05
#: ...within this share of the forearm's length (elbow to wrist) of the wrist joint,
#: either way along the arm, and this far (shoulder widths) from it across: the wrist's
#: own width, not the trousers or the body beside it.
CUFF_ALONG = 0.25
CUFF_HALF = 0.1
#: The hand's own edge against the cuff, this deep (shoulder widths), is the cuff's
#: shadow on it and pixels half cuff, half skin: kept with the hand, it stayed as a dark
#: line across the wrist. It is rebuilt with the forearm that runs on under the hand.
CUFF_SHADOW = 0.02


def cuffs_taken(
    old: NDArray[np.float32], person: Person, hands: NDArray[np.bool_]
) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
    """The old garment with its cuffs' rims at the wrists taken in (`CUFF_REACH`), and the
    hands' edges against the cuffs (`CUFF_SHADOW`), given over to the rebuild: the forearm
    rebuilt in the sleeve's place runs on into the hand, over both."""
    reach = max(1, int(person.shoulder_width * CUFF_REACH))
    shadow = max(1, int(person.shoulder_width * CUFF_SHADOW))
    out = old.copy()
    given = np.zeros(old.shape, bool)
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        if not person.visible(elbow, wrist):
            continue
        p, q = person.pt(elbow).astype(np.float64), person.pt(wrist).astype(np.float64)
        ends = np.array([q - (q - p) * CUFF_ALONG, q + (q - p) * CUFF_ALONG])
        half = max(2, int(person.shoulder_width * CUFF_HALF))
        w, h = person.size
        x0, y0 = np.maximum(np.floor(ends.min(axis=0)) - half - reach, 0).astype(int)
        x1, y1 = np.minimum(np.ceil(ends.max(axis=0)) + half + reach + 1, (w, h)).astype(int)
        if x1 <= x0 or y1 <= y0:
            continue
        box = slice(y0, y1), slice(x0, x1)
        band = np.zeros((y1 - y0, x1 - x0), np.uint8)
        a, b = (tuple(np.round(end - (x0, y0)).astype(int)) for end in ends)
        cv2.line(band, a, b, 1, 2 * half + 1)
        band &= (person.mask[box] > 0.5).view(np.uint8)
        # Only a wrist bared into its own hand kept in front: the sleeve's edge beside it.
        if not (hands[box] & (band > 0)).any() or not (old[box][band > 0] > 0).any():
            continue
        grown = cv2.dilate((old[box] > 0).astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
        out[box][(grown > 0) & (band > 0) & ~hands[box]] = 1.0
        near = cv2.dilate((old[box] > 0).astype(np.uint8), np.ones((2 * shadow + 1, 2 * shadow + 1), np.uint8))
        edge = (near > 0) & (band > 0) & hands[box]
        out[box][edge] = 1.0
        given[box] |= edge
    return out, given
