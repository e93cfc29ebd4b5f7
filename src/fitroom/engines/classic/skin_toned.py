"""Telling an old garment of the skin's own colour (pink, beige, peach, tan) from the skin.

Such a garment passes `colour.skin_like` and, shaded, is nearer the skin's colour than its
own, so `old_garment.worn_mask` left its collar, its shaded sides beside the arms and the
strip between arm and body (where the person mask is soft) as skin: pieces of the old top
stayed round the new one. What still tells them apart is the tint (hue over lightness):
the garment's is its own, not that of this person's skin read off the face, however lit
or shaded either is. A piece is taken only where it joins the old garment's mask, within a collar's or
a side's reach of it, in the top's body zone or along the arms.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic import memo
from fitroom.engines.classic.colour import GARMENT_WEIGHTS, SAME_GARMENT_COLOUR, SKIN_CHROMA, squared_distance
from fitroom.engines.classic.person import CHIN_DROP, L_EYE, MOUTH_L, MOUTH_R, R_EYE, Person

#: An old garment whose main colour lies this near the skin's in hue (Lab a, b; a share
#: of `colour.SKIN_CHROMA`) passes for skin where shaded or lit.
SKIN_TONED = 1.75
#: ...but at least this far from it: nearer, the two cannot be told apart by tint at all
#: (a beige knit on beige skin, or the bare midriff read for the top's colour).
TINT_APART = 8.0
#: ...and at least this far from grey in hue: white or grey cloth is told from skin by
#: `worn_mask` already, and pale skin in a highlight is nearer grey than its own hue.
LEAST_CHROMA = 8.0
#: A pixel has the garment's tint when it is this much nearer (a share of its distance
#: to the skin's tint) one of the garment's colours' than the skin's: about the middle,
#: the two are a coin toss.
HUE_NEARER = 0.6
#: ...and this near the garment's lightness (Lab L): darker is hair, a shadow's core or
#: the trousers, whose hue is nearer grey than either.
LIGHTNESS_REACH = 50
#: Where the person mask is soft (0.3 to 0.5), the backdrop is there too: taken only
#: within this (a share of `colour.SAME_GARMENT_COLOUR`, Lab weighed by
#: `colour.GARMENT_WEIGHTS`) of one of the garment's own colours.
SOFT_NEAR = 0.6
#: How far from the old garment's mask (shoulder widths) a piece of its tint reaches: a
#: collar, the side of a shirt beside an arm.
REACH = 0.15


def skin_toned(colours: list[NDArray[np.float32]], person: Person) -> bool:
    """Whether the old garment's main colour is near enough the person's skin in hue to
    pass for it (`SKIN_TONED`), yet apart enough to be told by tint (`TINT_APART`), and
    coloured (`LEAST_CHROMA`)."""
    main = colours[0].astype(np.float32)
    hue = float(np.hypot(main[1] - person.skin_lab[1], main[2] - person.skin_lab[2]))
    chroma = float(np.hypot(main[1] - 128, main[2] - 128))
    return TINT_APART <= hue < SKIN_TONED * SKIN_CHROMA and chroma >= LEAST_CHROMA


def skin_toned_cloth(
    person: Person,
    lab: NDArray[np.float32],
    colours: list[NDArray[np.float32]],
    clothes: NDArray[np.bool_],
    place: NDArray[np.bool_],
    hands: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """The pixels of a skin-coloured old garment (`skin_toned`) that `clothes` (its mask so
    far) missed: of its tint rather than the skin's (`tinted`), on the person (or on its
    soft edge when of the garment's own colour), within `place` (the top's body zone and
    arms) or its collar in the face's ellipse (`face_collar`), off the rest of the face
    and `hands`, joined to `clothes` and within `REACH` of it."""
    none = np.zeros(clothes.shape, bool)
    if not clothes.any() or not skin_toned(colours, person):
        return none
    near = np.minimum.reduce([squared_distance(lab, c, GARMENT_WEIGHTS) for c in colours])
    on_person = (person.mask > 0.5) | ((person.mask > 0.3) & (near < (SOFT_NEAR * SAME_GARMENT_COLOUR) ** 2))
    collar = face_collar(person, lab, colours)
    candidates = tinted(person, lab, colours) & on_person & (place | collar) & ~hands & ~clothes
    candidates &= (person.face == 0) | collar
    if not candidates.any():
        return none
    count, labels = cv2.connectedComponents((candidates | clothes).astype(np.uint8), connectivity=8)
    joined = np.bincount(labels[clothes], minlength=count) > 0
    joined[0] = False
    reach = max(1.0, REACH * person.shoulder_width)
    apart = cv2.distanceTransform((~clothes).astype(np.uint8), cv2.DIST_L2, 3)
    return joined[labels] & candidates & (apart <= reach)


def tinted(person: Person, lab: NDArray[np.float32], colours: list[NDArray[np.float32]]) -> NDArray[np.bool_]:
    """Per pixel, whether it has the old garment's tint (`_tint`) rather than the skin's
    (`HUE_NEARER`) and about its lightness (`LIGHTNESS_REACH`). Worked out once per
    photo and colours; read-only."""

    def make() -> NDArray[np.bool_]:
        tint = _tint(lab)
        to_skin = squared_distance(tint, _tint(person.skin_lab[None, None, :].astype(np.float32))[0, 0])
        to_garment = np.minimum.reduce(
            [squared_distance(tint, _tint(c[None, None, :].astype(np.float32))[0, 0]) for c in colours]
        )
        lightness = np.minimum.reduce([squared_distance(lab, c, (1.0, 0.0, 0.0)) for c in colours])
        found = (to_garment < HUE_NEARER**2 * to_skin) & (lightness < LIGHTNESS_REACH**2)
        found.flags.writeable = False
        return found

    return memo.kept(person, "skin_toned_tint", (person.image, lab, *(c.tobytes() for c in colours)), make)


def face_collar(person: Person, lab: NDArray[np.float32], colours: list[NDArray[np.float32]]) -> NDArray[np.bool_]:
    """The part of a skin-coloured old garment (`skin_toned`) inside the face's ellipse:
    below the chin, of the garment's tint (`tinted`), in one piece with that tint outside
    the face. The ellipse keeps below the chin what may be skin, and a pink or beige
    collar may be (`person.plausible_skin`): kept with the face, it stood beside the neck
    above every new neckline. Empty for any other garment."""
    h, w = lab.shape[:2]
    none = np.zeros((h, w), bool)
    face = person.face > 0
    if not face.any() or not person.visible(MOUTH_L, MOUTH_R, L_EYE, R_EYE) or not skin_toned(colours, person):
        return none
    mouth = (person.pt(MOUTH_L) + person.pt(MOUTH_R)) / 2
    down = mouth - (person.pt(L_EYE) + person.pt(R_EYE)) / 2
    chin = mouth + down * CHIN_DROP
    ys, xs = np.indices((h, w), dtype=np.float32)
    below = (xs - np.float32(chin[0])) * np.float32(down[0]) + (ys - np.float32(chin[1])) * np.float32(down[1]) > 0
    garment = tinted(person, lab, colours) & (person.mask > 0.3) & (person.hands == 0)
    piece = garment & (~face | below)
    count, labels = cv2.connectedComponents(piece.astype(np.uint8), connectivity=8)
    outside = np.bincount(labels[piece & ~face], minlength=count) > 0
    outside[0] = False
    return outside[labels] & face & below


def _tint(lab: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per pixel, its hue (Lab a, b) over its lightness (CIE L* + 16), as a three-channel
    image whose first channel is 0: shade scales the two alike, so a shaded collar keeps
    the tint of the lit garment, and a shaded neck that of the face. In plain a, b a
    shadow's greyer hue was nearer a paler garment's than the skin's."""
    light = lab[..., 0:1] * np.float32(100 / 255) + np.float32(16)
    tint = np.concatenate([np.zeros_like(light), (lab[..., 1:] - np.float32(128)) / light], axis=-1)
    return np.ascontiguousarray(tint, dtype=np.float32)
