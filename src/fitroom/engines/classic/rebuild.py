"""What goes where the old garment was and the new one does not reach: skin on the limbs
and torso, the background beside them, and the trousers or skirt the old top hid."""

from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic import chest_light, own_neck, skin
from fitroom.engines.classic.body import (
    SHOULDER_STEEPEST,
    Frame,
    inside_arms,
    limbs,
    own_arm_scales,
    shoulder_line,
    sleeved,
    torso_frame,
    torso_zone,
)
from fitroom.engines.classic.boxes import bounds, box_slices
from fitroom.engines.classic.colour import GARMENT_WEIGHTS, SAME_GARMENT_COLOUR, skin_like, squared_distance
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.hair import HAIR_REACH, HAIR_WEIGHTS, hair_colour
from fitroom.engines.classic.hem_arm import KeptArm, kept_below_hems
from fitroom.engines.classic.old_garment import (
    coat_beside_torso,
    coat_hem,
    cuffs_taken,
    holes_filled,
    knit_sleeves,
    nearest_colour,
    printed_thighs,
    shoes_below,
    worn_bottom,
    worn_colours,
    worn_mask,
)
from fitroom.engines.classic.own_arm import from_own_arms
from fitroom.engines.classic.person import (
    L_ANKLE,
    L_ELBOW,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    R_ANKLE,
    R_ELBOW,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    plausible_skin,
)
from fitroom.engines.classic.shading import bared_light, blur, old_garment_shading
from fitroom.engines.classic.skin_toned import skin_toned, tinted


class Replaced(NamedTuple):
    """What goes where the old garment was (see `replaced`)."""

    rebuild: NDArray[np.float32]  # how much of each pixel is rebuilt (0..1)
    fill: NDArray[np.float32]  # the rebuilt picture (the photo elsewhere)
    shade: NDArray[np.float32]  # the shading the new garment takes on
    skin: NDArray[np.float32]  # how much of the rebuilt picture is skin (0..1)
    old: NDArray[np.float32]  # the old garment's mask
    loose: NDArray[np.float32]  # kept pixels (a bare arm's edge) that are the old garment: rebuilt after all


def replaced(
    person: Person,
    garment: Garment,
    new_total: NDArray[np.float32],
    hands: NDArray[np.bool_],
    keep: NDArray[np.float32],
    look: skin.SkinLook,
    straps: NDArray[np.float32] | None = None,
    found: NDArray[np.float32] | None = None,
) -> Replaced:
    """What goes where the old garment was: how much of each pixel is rebuilt (0..1), the
    rebuilt picture (the photo elsewhere), the shading the new garment takes on, how much
    of the rebuilt picture is skin, and the old garment's mask.

    `new_total` is how much of each pixel the new garment covers; `hands`, the hand
    pixels in front; `keep`, 1 where nothing may change (face and hands);
    `look`, how the person's own skin looks; `straps`, the old top's straps over the
    kept arms (`arms.straps_over_arms`), the old garment too; `found`, for a new bottom,
    the old bottom as found on the whole photo at full size (`_rim_joined`)."""
    frame = torso_frame(person)
    bare = skin_like(person)
    colours = worn_colours(person.lab(), person, garment.category)
    toned = garment.category != SwapTarget.BOTTOM and skin_toned(colours, person)
    own = bare & ~tinted(person, person.lab(), colours) if toned else None
    old = holes_filled(worn_mask(person, garment.category, frame, bare, hands), person, hands, own)
    if garment.category != SwapTarget.BOTTOM:
        old = _neck_shadows_dropped(old, person)
    if straps is not None:
        old = np.maximum(old, straps)
    if found is not None:
        old = np.maximum(old, _rim_joined(found > 0, old > 0, keep >= 1).astype(np.float32))
    # The skin's tone and the hand's colour are read off the old garment as found: with
    # the cuffs' rims taken in, the hand's own edge, lit where it leaves the cuff, is off.
    worn = old
    if garment.category != SwapTarget.BOTTOM:
        old, cuff_edges = cuffs_taken(old, person, hands)
        keep = keep * ~cuff_edges
    loose = _cloth_kept(person, garment.category, old, hands, keep, bare)
    keep = keep * (1 - loose)
    if garment.category == SwapTarget.BOTTOM:
        keep = np.maximum(keep, shoes_below(person, frame.width, old > 0, bare))
    shade = old_garment_shading(person, old)
    # Under the new garment's soft edge the old one is replaced in full: the edge is
    # blended over what is rebuilt, or the old garment shows through it as a pale or dark
    # line round the new one (a white tank beside a new panel).
    rebuild = old * (1 - np.clip((new_total - NEW_SOLID) / (1 - NEW_SOLID), 0, 1)) * (1 - keep)
    # Softened where the rebuilt part meets what stays (skin, the new garment). Where the
    # old garment met the backdrop its whole soft edge (part garment, part backdrop, and
    # the person mask's soft rim) goes in full: the softening's fall-off lies out in the
    # backdrop beyond it, which is refilled from further out still.
    backdrop = _beyond(rebuild, old, (person.mask < SOLID) & ~(bare & (person.mask > 0.5)), _soft_reach(person))
    seed = np.maximum(rebuild, backdrop)
    # Where it met skin that stays on the torso (a neck above its neckline), its outline
    # is half garment and half skin, and passes for skin: rebuilt in full too, the
    # softening's reach out over the skin beyond it, so no pale or dark line of the old
    # neckline stays. Not along the arms below the armpits: there their own edge (an arm
    # in front of the body) stays as it is. Above them the arm meets the old garment at
    # its armhole, a seam in the skin, not the arm's edge: kept, a tank's armhole stood as
    # a line down the bared shoulder.
    reach = 2 * _soft_reach(person) + 1
    outline = (
        cv2.dilate((seed > 0.5).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach))) > 0
    )
    depth = _depth(frame, old.shape)
    armholes = depth < ARMPIT
    outline &= bare & (person.mask > 0.5) & (old <= 0) & ((_along_arms(person, ARM_WIDTH) == 0) | armholes)
    seed = np.maximum(seed, outline.astype(np.float32) * (1 - keep))
    rim = cv2.dilate((seed > 0).astype(np.uint8), _edge_kernel(person)).astype(np.float32)
    rebuild = cv2.GaussianBlur(seed, (0, 0), SOFTEN) * rim * (1 - keep)
    rebuild = _full_beside_arms(rebuild, seed, keep, hands, person, ~armholes & (depth < 1))
    # The outline itself, half garment and half what is beside it, matches neither the
    # garment's colour nor the skin's: it goes too, except where it is skin.
    fringe = cv2.dilate((rebuild > 0.02).astype(np.float32), _edge_kernel(person)) * ~bare
    rebuild = np.maximum(rebuild, fringe * (1 - keep))
    fill = person.image.astype(np.float32)
    # Beyond the box rebuilt (below) a top's skin is the person's own bare skin: the
    # compositor draws the new garment's edge clean on skin (`composite.clean_edge`), and
    # a neckline on the neck above the box was left soft, the back's neckband blurred,
    # wherever nothing of the old garment was rebuilt up there.
    skin_part = np.zeros(old.shape, np.float32)
    if garment.category == SwapTarget.TOP:
        skin_part[bare & (person.mask > 0.5)] = 1
    legs = frame if garment.category != SwapTarget.TOP else None
    own_legs = _own_legs(person, frame, bare, worn) if legs is not None else None
    tone, seen = _tone_field(person, bare, worn, look, legs, own_legs)
    # A dress or a top (a cami, a shorter sleeve) bares the upper arms a short sleeve hid:
    # they take the arm's own colour below it.
    own_arm = np.zeros(old.shape, np.float32)
    if garment.category != SwapTarget.BOTTOM:
        # Where the face's tone stood in for the body's, the chest a neckline bares takes
        # the neck's own colour just above it.
        if look.tone is None:
            face = (float(person.skin_lab[0]), float(person.skin_lab[1]), float(person.skin_lab[2]))
            tone = own_neck.on_chest(person, frame, tone, worn, face)
        # The old bottom a new top keeps beside a hanging arm (a leopard skirt's tan)
        # passes for skin: read as the arm's own, it laid a flat tan block over the arm.
        printed = garment.category == SwapTarget.TOP and printed_thighs(person)
        off_arm = np.maximum(worn, worn_bottom(person)) if printed else worn
        tone, own_arm = from_own_arms(person, tone, off_arm)
    # Beside the torso an open coat's panels hang over no body: no skin goes there.
    coat = coat_beside_torso(person, frame, bare) if garment.category == SwapTarget.TOP else np.zeros(old.shape, bool)
    long_coat = garment.category == SwapTarget.TOP and coat_hem(person, frame) is not None
    # Rebuilt only in the box round what needs it, with room for the fill to look around.
    found = bounds(rebuild, pad=max(8, int(person.shoulder_width * 0.1)))
    if found is not None:
        x0, y0, x1, y1 = found
        if garment.category == SwapTarget.BOTTOM:
            # Room above for the top mirrored down over a lower new bottom (`_from_above`).
            y0 = max(0, 2 * y0 - y1)
        elif garment.category == SwapTarget.TOP and not long_coat:
            # Room below for the bottom continued up under a shorter new top. Not below a
            # coat to the shins: its trousers' run is cut at the ankles and faded to plain
            # cloth there, and more of it only moved the gap opened between the legs.
            y1 = _room_below(rebuild, depth, y1)
        box = slice(y0, y1), slice(x0, x1)
        inner = person.crop(x0, y0, x1, y1)
        fill[box], skin_part[box] = _uncovered(
            inner,
            garment,
            torso_frame(inner),
            old[box],
            rebuild[box],
            new_total[box],
            look,
            tone[box],
            seen[box],
            hands[box],
            long_coat,
            coat[box],
            own_arm_scales(person, frame, (old > 0) & ~hands),
            own_legs,
            own_arm[box],
            _kept_below(person, frame, garment, (old > 0) & ~hands, x0, y0),
        )
    return Replaced(rebuild, fill, shade, skin_part, old, loose)


def _kept_below(
    person: Person, frame: Frame, garment: Garment, old: NDArray[np.bool_], x0: int, y0: int
) -> tuple[KeptArm | None, KeptArm | None]:
    """The own arms just below a short sleeve's hem (`hem_arm.kept_below_hems`), read on
    the whole person (the box rebuilt ends a little below the hem) and seen from the
    box's corner (`x0`, `y0`); none under a new bottom, which bares no arm."""
    if garment.category == SwapTarget.BOTTOM:
        return None, None
    left, right = (None if arm is None else arm.shifted(x0, y0) for arm in kept_below_hems(person, frame, old))
    return left, right


def _room_below(rebuild: NDArray[np.float32], depth: NDArray[np.float32], bottom: int) -> int:
    """The box's lower edge (`bottom`, past the old top's hem) lowered so the box holds as
    much of the photo below the old top's hem as the rebuilt strip below the waistband
    (`WAIST_DEPTH`: above it the torso is skin, beside it the backdrop) is tall: the
    trousers there are mirrored up (`_bottom_continued`) from as far below the hem as a
    pixel lies above it. With only the box's pad below, their run was a few rows, turned
    back and forth as stripes and a doubled crotch in a block as wide as the old top hung."""
    rows = np.flatnonzero(((rebuild > 0.02) & (depth > WAIST_DEPTH)).any(axis=1))
    if not len(rows):
        return bottom
    return min(rebuild.shape[0], bottom + int(rows[-1]) + 1 - int(rows[0]))


def _rim_joined(found: NDArray[np.bool_], old: NDArray[np.bool_], kept: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The pieces of `found` (the old bottom as found on the whole photo at full size)
    beyond `old` (the mask worked out again at the rebuild's smaller size) and off `kept`
    that touch `old`. At the smaller size the mask loses a pale bottom's lit side, near
    the white top's colour (light jeans' lit side beside the arm): left as shot, it
    stood as a pale strip beside a narrower new bottom. Pieces standing apart from it are not its rim: the full size's mask runs
    into a sleeve's outer edge beside the hips, rebuilt, a ragged notched edge."""
    extra = found & ~old & ~kept
    if not extra.any():
        return extra
    _, labels = cv2.connectedComponents(extra.astype(np.uint8), connectivity=8)
    touching = cv2.dilate(old.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    joined = np.unique(labels[touching & extra])
    return np.isin(labels, joined[joined > 0])


#: A piece of the old garment's mask lying wholly above the higher shoulder and smaller
#: than this (squared shoulder widths) is a shadow under the chin or beside the neck,
#: not cloth: rebuilt, it was a flat, hard-edged skin patch on the neck or the chin
#: (0.007 to 0.02 on the devset's). A hood or collar standing apart is larger.
NECK_SHADOW_MOST = 0.03
#: Above the higher shoulder and within `NECK_STRIP_SIDE` shoulder widths of the neck's
#: middle, the old garment's mask thinner than `NECK_STRIP` shoulder widths is no cloth:
#: a light top's mask run up the neck's outline over a light backdrop (`cat--model_5`),
#: rebuilt, smeared the neck's side and notched the other.
NECK_STRIP, NECK_STRIP_SIDE = 0.05, 0.3


def _neck_shadows_dropped(old: NDArray[np.float32], person: Person) -> NDArray[np.float32]:
    """The old garment's mask less its thin strips beside the neck above the higher
    shoulder (`NECK_STRIP`), and less its small pieces then lying wholly above it, apart
    from the garment below (`NECK_SHADOW_MOST`): the neck's own shadow and outline."""
    if not person.visible(L_SHOULDER, R_SHOULDER):
        return old
    left, right = person.pt(L_SHOULDER), person.pt(R_SHOULDER)
    top = min(float(left[1]), float(right[1]))
    s = person.shoulder_width
    solid = (old > 0).astype(np.uint8)
    k = max(3, int(s * NECK_STRIP) | 1)
    opened = cv2.morphologyEx(solid, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))) > 0
    h, w = old.shape
    middle = (float(left[0]) + float(right[0])) / 2
    near = (np.arange(h)[:, None] < top) & (np.abs(np.arange(w) - middle) < NECK_STRIP_SIDE * s)[None, :]
    thin = near & (solid > 0) & ~opened
    solid[thin] = 0
    _, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    above = stats[:, cv2.CC_STAT_TOP] + stats[:, cv2.CC_STAT_HEIGHT] <= top
    small = stats[:, cv2.CC_STAT_AREA] < NECK_SHADOW_MOST * s**2
    drop = above & small
    drop[0] = False
    if not drop.any() and not thin.any():
        return old
    return np.where(drop[labels] | thin, np.float32(0), old).astype(np.float32)


def _full_beside_arms(
    rebuild: NDArray[np.float32],
    seed: NDArray[np.float32],
    keep: NDArray[np.float32],
    hands: NDArray[np.bool_],
    person: Person,
    sides: NDArray[np.bool_],
) -> NDArray[np.float32]:
    """`rebuild` in full on the old garment (`seed`) within two soft edges' width of a
    bare arm kept in front of the torso (in `keep`, not the hands or face), on the
    torso's `sides` (armpits to hips). The arm's outline is its own crisp edge over the
    body behind it: softened there (`SOFTEN`), the rebuild's fall-off lay inside the old
    mask and kept 40 % and 20 % of the old top's white in the pixels next to the arm, a
    pale grey line down its side where the old top hung wider than the new bodice
    (`ootd--model_9` under the orange midi). Not above the armpits (the armhole is a seam
    in the skin) nor below the hips, where a forearm widened over the backdrop beside it
    showed its own outline as a line."""
    arm = (keep >= 0.5) & ~hands & (person.face == 0)
    beside = cv2.dilate(arm.astype(np.uint8), _edge_kernel(person), iterations=2) > 0
    full = beside & (seed >= 0.5) & sides
    return np.where(full, np.maximum(rebuild, 1 - keep), rebuild).astype(np.float32)


#: How far (shoulder widths) into what is kept (a bare arm beside the torso) the old
#: garment is looked for, beside where it shows: the arm's outline grown over it.
KEPT_CLOTH_REACH = 0.04


def _cloth_kept(
    person: Person,
    category: str,
    old: NDArray[np.float32],
    hands: NDArray[np.bool_],
    keep: NDArray[np.float32],
    bare: NDArray[np.bool_],
) -> NDArray[np.float32]:
    """1 where a kept pixel is the old garment, else 0: in its mask, nearer one of its
    colours than the skin's, and within `KEPT_CLOTH_REACH` of the rest of it (not kept).
    A bare arm kept in front of the new garment takes its outline's soft edge with it,
    and beside the torso that edge lies over the old top: left, a strip of the old top
    stays between the new panel (or under its soft edge) and the arm. Round the neck, an
    old neckband of another colour (`_neckband`) kept with the hair in front goes too.
    Never the hands or the face."""
    kept = keep > 0
    rest = (old > 0) & ~kept
    if not kept.any() or not rest.any():
        return np.zeros(old.shape, np.float32)
    lab = person.lab()
    colours = worn_colours(lab, person, category)
    nearest = nearest_colour(person, lab, colours)
    cloth = (nearest < SAME_GARMENT_COLOUR**2) & (nearest < squared_distance(lab, person.skin_lab, GARMENT_WEIGHTS))
    if category != SwapTarget.BOTTOM and skin_toned(colours, person):
        # A skin-coloured top's strip beside the arm, kept with it, is told by its tint.
        cloth |= tinted(person, lab, colours)
    reach = 2 * max(1, int(person.shoulder_width * KEPT_CLOTH_REACH)) + 1
    near = cv2.dilate(rest.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    loose = kept & (((old > 0) & cloth) | _neckband(person, lab, bare)) & near & ~hands & (person.face == 0)
    if category != SwapTarget.BOTTOM:
        # A skin-coloured knit's long sleeves pass for bare arms by colour and are kept as
        # such; they are the old garment, rebuilt as arms (kept, they stood as knit arms
        # beside the new skin).
        similar = nearest < SAME_GARMENT_COLOUR**2
        knit = knit_sleeves(person, lab, similar, bare, torso_frame(person).width)
        loose |= kept & knit & (old > 0) & ~hands & (person.face == 0)
    return loose.astype(np.float32)


#: How far round the shoulders' midpoint (torso widths) an old neckband is looked for.
NECKBAND_REACH = 0.45
#: How far round an old neckband (shoulder widths) its outline reaches.
NECKBAND_RIM = 0.012


def _neckband(person: Person, lab: NDArray[np.float32], bare: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """True round the base of the neck where a pixel is neither skin (`bare`) nor of the
    hair's colour: an old crew neck's rib or a collar of another colour than the garment.
    The shaded neck beside it passes for hair (`hair.hair_in_front`) and is kept, and
    the band's half inside it stayed as a line across the rebuilt chest. Hair of the
    band's colour (a black rib under black hair) is left as it is."""
    frame = torso_frame(person)
    h, w = bare.shape
    out = np.zeros((h, w), bool)
    radius = frame.width * NECKBAND_REACH
    x, y = float(frame.neck[0]), float(frame.neck[1])
    box = (max(0, int(x - radius)), max(0, int(y - radius)), min(w, int(x + radius) + 1), min(h, int(y + radius) + 1))
    if box[0] >= box[2] or box[1] >= box[3]:
        return out
    inside = box_slices(box)
    ys, xs = np.ogrid[box[1] : box[3], box[0] : box[2]]
    near = np.hypot(xs - x, ys - y) < radius
    skin_there, colours = bare[inside], lab[inside]
    band = near & ~skin_there & ~plausible_skin(colours)
    colour = hair_colour(person, frame)
    if colour is not None:
        band &= squared_distance(colours, colour, HAIR_WEIGHTS) >= HAIR_REACH**2
    # With its outline, half band and half neck: kept, it stays as a thin dark line.
    rim = 2 * max(1, int(person.shoulder_width * NECKBAND_RIM)) + 1
    outline = cv2.dilate(band.astype(np.uint8), np.ones((rim, rim), np.uint8)) > 0
    out[inside] = band | (outline & near & ~skin_there)
    return out


#: Where the new garment covers more than this (0..1) of a pixel, what it hides of the old
#: one is rebuilt less and less, down to nothing where it covers all.
NEW_SOLID = 0.9
#: How softly (Gaussian sigma, pixels at the analysis size) the rebuilt part blends into
#: what stays beside it.
SOFTEN = 1.5
#: Person-mask values below this are its soft rim (part person, part backdrop) or the
#: backdrop itself; the solid person (shoes, hair, the other garment) stays.
SOLID = 0.9


def _soft_reach(person: Person) -> int:
    """How far beyond the old garment's mask its soft edge still shows, plus the
    softening's own reach: the backdrop that far out is refilled in full."""
    return (_edge_kernel(person).shape[0] - 1) // 2 + int(np.ceil(2 * SOFTEN))


def _beyond(
    rebuild: NDArray[np.float32], old: NDArray[np.float32], backdrop: NDArray[np.bool_], reach: int
) -> NDArray[np.float32]:
    """1 on the backdrop (and the person mask's soft rim) within `reach` of what is
    rebuilt of the old garment, else 0: its outline there is part garment, part
    backdrop, and blended back it stays as a thin line along the rebuilt limb."""
    size = 2 * reach + 1
    grown = cv2.dilate((rebuild > 0.5).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    return ((grown > 0) & backdrop & (old <= 0)).astype(np.float32)


#: How far in hue (Lab a, b) from the person's tone visible skin may be and still set
#: the tone of the rebuilt skin beside it: the face's reading of a dark skin is often
#: off in hue by more than the 8 `skin.look` allows, and the hands then never counted.
NEAREST_HUE = 12.0


def _tone_field(
    person: Person,
    bare: NDArray[np.bool_],
    old: NDArray[np.float32],
    look: skin.SkinLook,
    legs: Frame | None = None,
    own_legs: OwnLegs | None = None,
) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
    """The skin's colour (Lab) for each rebuilt pixel, from the person's visible skin
    nearest it; and that visible skin: clearly skin-hued pixels off the old garment and
    its soft edge. With the torso's `legs` frame (a bottom or dress bares the legs),
    the legs take the colour of the person's own bare legs (`own_legs`) where they
    show, else the hands' (`_legs_from_hands`)."""
    lab = person.lab()
    tone = tuple(float(v) for v in person.skin_lab) if look.tone is None else look.tone
    hue = np.hypot(lab[:, :, 1] - tone[1], lab[:, :, 2] - tone[2])
    off_old = cv2.dilate((old > 0).astype(np.uint8), _edge_kernel(person), iterations=2) == 0
    bare = bare | skin.toned_like(person, tone[0])
    seen = bare & off_old & (person.mask > 0.5) & plausible_skin(lab) & (hue < NEAREST_HUE)
    seen &= np.abs(lab[:, :, 0] - tone[0]) < skin.NEAREST_STRAY[0]
    field = skin.nearest_tone(lab, seen, tone, max(2.0, person.shoulder_width * skin.NEAREST_REACH))
    hand_skin = (person.hands > 0) & bare & off_old & (person.mask > 0.5) & plausible_skin(lab) & (hue < HAND_HUE)
    field = _from_hands(person, field, hand_skin)
    if legs is not None:
        field = _legs_from_hands(person, legs, field, hand_skin, None if own_legs is None else own_legs.colour)
    return field, seen


class OwnLegs(NamedTuple):
    """How the person's own bare legs look (see `_own_legs`)."""

    colour: NDArray[np.float32]  # Lab, the legs' middle
    across: NDArray[np.float32]  # lightness over the middle's at `ACROSS_AT` (picture-left side -1 to right side 1)


#: Where across a leg (its picture-left side -1, the bone 0, its right side 1) its own
#: lightness profile is read and laid.
ACROSS_AT = np.linspace(-0.9, 0.9, 7, dtype=np.float32)
#: How far from the bone (shoulder widths) the own legs are read: past a shin's side.
OWN_LEG_ACROSS = 0.2
#: How much of the own legs (square shoulder widths) must show to be read.
OWN_LEG_LEAST = 0.03
#: The profile's range: beyond it the "leg" read is more likely a shadow or the backdrop.
OWN_LEG_SHADE = (0.7, 1.05)


def _own_legs(person: Person, frame: Frame, bare: NDArray[np.bool_], old: NDArray[np.float32]) -> OwnLegs | None:
    """The colour and the lightness across of the person's own bare legs below the
    hips (knees, shins, calves off the old garment), where enough of them shows.

    Rebuilt from the hands' colour and a cylinder's even light, bared thighs came out
    paler and flatter than the person's own shins below them: a leg of two materials."""
    s = person.shoulder_width
    lab = person.lab()
    off_old = cv2.dilate((old > 0).astype(np.uint8), _edge_kernel(person), iterations=2) == 0
    skin_ok = bare & off_old & (person.mask > 0.5) & plausible_skin(lab) & (person.hands == 0)
    h, w = bare.shape
    colours, profiles, count = [], [], 0
    for knee, ankle in ((L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE)):
        if not person.visible(knee, ankle):
            continue
        p, q = person.pt(knee).astype(np.float32), person.pt(ankle).astype(np.float32)
        v = q - p
        length = float(np.hypot(*v))
        if length < 8:
            continue
        reach = s * OWN_LEG_ACROSS
        x0, y0 = (int(max(0, np.floor(c - reach))) for c in np.minimum(p, q))
        x1, y1 = int(min(w, np.ceil(max(p[0], q[0]) + reach))), int(min(h, np.ceil(max(p[1], q[1]) + reach)))
        if x1 <= x0 or y1 <= y0:
            continue
        ys = np.arange(y0, y1, dtype=np.float32)[:, None]
        xs = np.arange(x0, x1, dtype=np.float32)[None, :]
        t = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / length**2
        # Signed across the bone, picture-right positive for a leg hanging down.
        across = ((xs - p[0]) * v[1] - (ys - p[1]) * v[0]) / length
        box = slice(y0, y1), slice(x0, x1)
        # Knee to above the ankle: the foot's and the shoe's pixels are no shin.
        leg = skin_ok[box] & (t > 0) & (t < 0.85) & (np.abs(across) < reach)
        if np.count_nonzero(leg) < 30:
            continue
        # Its width: how far out the leg's own skin reaches either side of the bone.
        half = float(np.quantile(np.abs(across[leg]), 0.95))
        if half < 2:
            continue
        u = np.broadcast_to(across / half, leg.shape)[leg]
        pixels = lab[box][leg]
        middle = np.abs(u) < 0.35
        if np.count_nonzero(middle) < 10:
            continue
        mid = float(np.median(pixels[middle, 0]))
        colours.append(np.median(pixels[middle], axis=0))
        profile = []
        for at in ACROSS_AT:
            near = np.abs(u - at) < 0.2
            profile.append(float(np.median(pixels[near, 0])) / max(mid, 1.0) if np.count_nonzero(near) >= 5 else 1.0)
        profiles.append(profile)
        count += int(np.count_nonzero(leg))
    if not colours or count < OWN_LEG_LEAST * s * s:
        return None
    across_profile = np.clip(np.mean(profiles, axis=0), *OWN_LEG_SHADE).astype(np.float32)
    return OwnLegs(np.mean(colours, axis=0).astype(np.float32), across_profile)


#: How much darker a rebuilt leg with no own leg to read is at its rim (where its
#: surface is edge-on) than in its middle, falling off as this power of the way out:
#: the devset's own bare shins under studio light (`ootd--053228_0`, `053700_0`), the
#: two sides averaged, are some 4% darker half way out, 8% at three quarters, 12% at
#: the rim; the arms' cubic rim shade made rebuilt legs level to three quarters out,
#: then 16% darker at the rim.
LEG_ROUND = 0.12
LEG_ROUND_POWER = 1.5
#: Below the hips' line (torso lengths past it) the rebuilt legs take the hands' colour
#: in full; it fades in from the line over this much.
LEGS_FADE = 0.3


def _legs_from_hands(
    person: Person,
    frame: Frame,
    tone: NDArray[np.float32],
    hand_skin: NDArray[np.bool_],
    legs_colour: NDArray[np.float32] | None = None,
) -> NDArray[np.float32]:
    """`tone` (Lab per pixel) with the legs below the hips taking the colour of the
    person's own bare legs (`legs_colour`) where they show, else of the hands' lit
    backs (as `_from_hands` reads it), where a hand shows.

    No visible skin lies within reach of legs rebuilt from trousers: they took the
    face's tone, and a brown woman's face lit pale gave her pale peach legs between her
    brown hands. The hands, hanging at the hips, are the limbs' own colour."""
    if legs_colour is not None:
        colour = legs_colour
    elif np.count_nonzero(hand_skin) < 20:
        return tone
    else:
        lab = person.lab()[hand_skin]
        colour = np.array(
            [np.quantile(lab[:, 0], HAND_LIGHTNESS), np.median(lab[:, 1]), np.median(lab[:, 2])], np.float32
        )
    weight = np.clip((_depth(frame, tone.shape) - 1) / LEGS_FADE, 0, 1)
    if legs_colour is not None:
        # A forearm hanging to beside the thighs keeps its own hand's colour.
        weight = weight * (1 - _forearms(person))
    weight = weight[:, :, None]
    return np.asarray(tone * (1 - weight) + colour * weight, np.float32)


#: How far in hue (Lab a, b) from the person's tone a hand's pixels may be and still be
#: read for its colour: wider than the body's (a hand is redder than a face), not so
#: wide that a phone or a glove passes.
HAND_HUE = 16.0
#: Where along the forearm (shares of elbow to wrist, 0 the elbow) the hand's own colour
#: sets the rebuilt skin's tone: all of it from the first to the wrist, fading to the
#: body's tone up to the second, past the elbow. Faded out by mid-forearm, the upper
#: forearm took the body's tone, read off a lit face: paler and greyer than the hand
#: (devset: L* 80, a* 6 on the arm against 63-77, 12-18 on the hands).
HAND_SPAN = (0.35, -0.3)
#: How far from the forearm's bone (shoulder widths) the hand's colour reaches across:
#: the whole forearm, not the torso beside it.
HAND_ACROSS = 0.2
#: How far round the wrist (shoulder widths) the hand is read, beyond the wrist only.
HAND_AROUND = 0.35
#: The share of the hand's pixels darker than the lightness taken: the hand's lit back,
#: not the shade between its fingers, as the rebuilt forearm's middle is lit.
HAND_LIGHTNESS = 0.6


def _from_hands(person: Person, tone: NDArray[np.float32], hand_skin: NDArray[np.bool_]) -> NDArray[np.float32]:
    """`tone` (Lab per pixel) with each forearm whose hand shows taking that hand's own
    colour: in full over the forearm's lower part, fading into `tone` round the elbow.

    The tone was read from the visible skin within reach and never strayed far from the
    face's: a hand darker or redder than a lit face (most hands) never counted, and the
    rebuilt forearm came out paler, yellower or greyer than the hand on it."""
    h, w = hand_skin.shape
    s = person.shoulder_width
    out = tone
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        if not person.visible(elbow, wrist):
            continue
        p, q = person.pt(elbow).astype(np.float32), person.pt(wrist).astype(np.float32)
        v = q - p
        length2 = float(v @ v)
        if length2 < 4:
            continue
        x0, y0 = (int(max(0, np.floor(c - s * HAND_AROUND))) for c in np.minimum(p, q))
        x1 = int(min(w, np.ceil(max(p[0], q[0]) + s * HAND_AROUND)))
        y1 = int(min(h, np.ceil(max(p[1], q[1]) + s * HAND_AROUND)))
        if x1 <= x0 or y1 <= y0:
            continue
        ys = np.arange(y0, y1, dtype=np.float32)[:, None]
        xs = np.arange(x0, x1, dtype=np.float32)[None, :]
        t = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / length2
        box = slice(y0, y1), slice(x0, x1)
        hand = hand_skin[box] & (t > 1) & (np.hypot(xs - q[0], ys - q[1]) < s * HAND_AROUND)
        if np.count_nonzero(hand) < 10:
            continue
        lab = person.lab()[box][hand]
        colour = np.array(
            [np.quantile(lab[:, 0], HAND_LIGHTNESS), np.median(lab[:, 1]), np.median(lab[:, 2])], np.float32
        )
        off = np.hypot(xs - p[0] - np.clip(t, 0, 1) * v[0], ys - p[1] - np.clip(t, 0, 1) * v[1])
        along = np.clip((t - HAND_SPAN[1]) / (HAND_SPAN[0] - HAND_SPAN[1]), 0, 1)
        across = np.clip((s * HAND_ACROSS - off) / max(1.0, s * HAND_ACROSS * 0.25), 0, 1)
        weight = (along * along * (3 - 2 * along) * across)[:, :, None]
        if out is tone:
            out = tone.copy()
        out[box] = out[box] * (1 - weight) + colour * weight
    return out


#: How far either side of the neck's middle (shoulder widths) the visible neck's colours
#: are continued down over the rebuilt skin: a little wider than the neck itself.
NECK_HALF_WIDTH = 0.3
#: How far in from the person's own skin (shoulder widths) the chest's relief
#: (`skin.chest_relief`) comes in to its full depth.
RELIEF_FADE = 0.04


#: How far the torso's surface turns from the camera at its outline (the normal's
#: sideways part there): a body is nearly edge-on at its sides.
TORSO_TURN = 0.85
#: How much darker the torso's and the limbs' sides are for facing less of the room's
#: light, over their middle (the soft light round a form that no single direction
#: gives): a bared arm lit alike across read as a flat, pale block.
TORSO_SIDE_SHADE = 0.2


#: How much darker a rebuilt arm is at the elbow (the crease and the joint's turn away
#: from the light), and over how far (Gaussian sigma, shoulder widths) round the joint:
#: bare arms on the devset are 4-15% darker there than along the bones either side; an
#: arm lit alike from shoulder to wrist read as a tube.
ELBOW_SHADE = 0.08
ELBOW_REACH = 0.07


def _elbow_shade(person: Person, shape: tuple[int, ...]) -> NDArray[np.float32]:
    """1 less `ELBOW_SHADE` at each elbow the pose sees, rising back to 1 round it."""
    h, w = shape[:2]
    out = np.ones((h, w), np.float32)
    sigma = max(1.0, person.shoulder_width * ELBOW_REACH)
    reach = 3 * sigma
    for elbow in (L_ELBOW, R_ELBOW):
        if not person.visible(elbow):
            continue
        x, y = (float(v) for v in person.pt(elbow))
        x0, y0 = max(0, int(x - reach)), max(0, int(y - reach))
        x1, y1 = min(w, int(np.ceil(x + reach)) + 1), min(h, int(np.ceil(y + reach)) + 1)
        if x1 <= x0 or y1 <= y0:
            continue
        ys = np.arange(y0, y1, dtype=np.float32)[:, None] - np.float32(y)
        xs = np.arange(x0, x1, dtype=np.float32)[None, :] - np.float32(x)
        dip = np.float32(ELBOW_SHADE) * np.exp(-(xs * xs + ys * ys) / np.float32(2 * sigma * sigma))
        np.minimum(out[y0:y1, x0:x1], 1 - dip, out=out[y0:y1, x0:x1])
    return out


#: How much darker the rebuilt torso is right beside a rebuilt arm in front of it (the
#: arm's shadow and the light it keeps off), and over how far (Gaussian sigma, shoulder
#: widths): without it a bared arm and the bared torso behind it were one flat sheet of
#: skin, the arm's edge lost.
ARM_OCCLUSION = 0.12
ARM_OCCLUSION_REACH = 0.05
#: ...read on the arms from this far (shares of the torso's length) below the armpits.
ARM_OCCLUSION_BELOW = 0.15


def _beside_arms(arms: NDArray[np.bool_], torso: NDArray[np.float32], shoulder_width: float) -> NDArray[np.float32]:
    """1 less up to `ARM_OCCLUSION` on the torso (`torso`: how much of each pixel is
    torso) just beside the rebuilt `arms`, fading over `ARM_OCCLUSION_REACH`; 1 on the
    arms and elsewhere."""
    if not arms.any():
        return np.ones(arms.shape, np.float32)
    reach = max(1.0, shoulder_width * ARM_OCCLUSION_REACH)
    near = cv2.GaussianBlur(arms.astype(np.float32), (0, 0), reach)
    return np.asarray(1 - ARM_OCCLUSION * np.clip(2 * near, 0, 1) * ~arms * np.clip(torso, 0, 1), np.float32)


#: How wide (Gaussian sigma, shoulder widths) the band over which a rebuilt limb's
#: shading gives way to the torso's.
LIMB_BLEND = 0.06


def towards_limbs(limb: NDArray[np.bool_], torso: NDArray[np.bool_], band: float) -> NDArray[np.float32]:
    """How much of each pixel takes the `limb`'s shading rather than the `torso`'s (0..1):
    all of it on a limb off the torso, none on the torso well off the limbs, and in
    between over a band (Gaussian sigma `band`, pixels) round the torso's skin off them.

    Where an upper arm's cylinder reaches in over the chest by the armhole its inner side
    turned away, dark, and ended at the torso's lit front as a vertical step, a slab
    beside the arm. Laid as the limb's blur, switched on at the torso's own edge, the blur's
    half weight met the limb's whole one along that edge: a narrow upper arm carried up
    from the own arm below a short sleeve (`hem_arm`) ends just past it, and the line ran
    down the arm's lit inner side (`idm--00121_00`)."""
    torso_only = (torso & ~limb).astype(np.float32)
    spread = 1 - cv2.GaussianBlur(torso_only, (0, 0), band)
    return np.where(limb | torso, spread, 0).astype(np.float32)


#: How far down the torso (shares of shoulder to hip) the armpit lies: above it nothing
#: beyond the shoulder joints is torso.
ARMPIT = 0.3
#: Over how much of the torso's length above the armpits the arms' shading gives way to
#: the torso's (the shoulders' caps are lit as its top).
CAP_FADE = 0.15
#: Down the upper arm (shares of shoulder joint to elbow) where the cap's torso light
#: gives way to the arm's own, from full at the first to none at the second; within
#: `CAP_NEAR` shoulder widths of the bone. Lit as the torso down to the armpits' line,
#: an upper arm bared from a short sleeve (its hem about that low) had no round and no
#: shaded sides: a flat slab above the person's own rounded arm below the hem.
CAP_LIT = (0.0, 0.2)
CAP_NEAR = 0.35
#: ...off the torso: from this much torso (its soft edge) on, the torso's light as before.
#: Over the chest beside the shoulders the arm's own light darkened the chest's sides.
CAP_ON_TORSO = 0.1


def _caps(person: Person, shape: tuple[int, ...]) -> NDArray[np.float32]:
    """How much each pixel is a shoulder's cap, lit as the torso's top (`CAP_LIT`): 1
    over and above each shoulder joint, 0 from a fifth of the way down the upper arm
    on; 1 away from the upper arms (the torso's depth alone decides there)."""
    h, w = shape[:2]
    out = np.ones((h, w), np.float32)
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    near = person.shoulder_width * CAP_NEAR
    for shoulder, elbow in ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW)):
        if not person.visible(shoulder, elbow):
            continue
        a, b = person.pt(shoulder).astype(np.float32), person.pt(elbow).astype(np.float32)
        v = b - a
        t = ((xs - a[0]) * v[0] + (ys - a[1]) * v[1]) / max(float(v @ v), 1e-6)
        c = np.clip(t, 0, 1)
        on_arm = np.hypot(xs - a[0] - c * v[0], ys - a[1] - c * v[1]) < near
        cap = np.clip((CAP_LIT[1] - t) / (CAP_LIT[1] - CAP_LIT[0]), 0, 1)
        out = np.where(on_arm, np.minimum(out, cap), out)
    return out


def _depth(frame: Frame, shape: tuple[int, ...]) -> NDArray[np.float32]:
    """How far down the torso each pixel lies: 0 at the neck, 1 at the hips' line."""
    h, w = shape[:2]
    across = ((np.arange(w, dtype=np.float32) - frame.neck[0]) * frame.down[0])[None, :]
    down = ((np.arange(h, dtype=np.float32) - frame.neck[1]) * frame.down[1])[:, None]
    return np.asarray((across + down) / max(frame.length, 1.0), np.float32)


def _past_shoulders(
    frame: Frame, depth: NDArray[np.float32], sides: tuple[float, ...] = (1.0, -1.0), reach: float = 0.0
) -> NDArray[np.bool_]:
    """True beside and above the shoulder joints, down to the armpits (`depth`: how far
    down the torso each pixel lies), on the `sides` given (1 the frame's right, -1 its
    left); on the others only further out than `reach` shoulder widths past the joints.
    There an old sleeved top's outline squared the shoulders off; the arm's round cap
    (`body.limbs`) is the shoulder's top instead."""
    h, w = depth.shape
    xs = (np.arange(w, dtype=np.float32) - np.float32(frame.neck[0]))[None, :]
    ys = (np.arange(h, dtype=np.float32) - np.float32(frame.neck[1]))[:, None]
    across = xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])
    out = np.zeros((h, w), bool)
    for side in (1.0, -1.0):
        out |= across * np.float32(side) > frame.width * (0.5 + (0.0 if side in sides else reach))
    return np.asarray(out & (depth < ARMPIT))


#: How far past the shoulder joint (shoulder widths) the skin beside a bare arm goes on
#: out over the old top's shoulder (`_sleeved_sides`): over the arm's round cap, not out
#: to a flutter sleeve's edge the sleeve test misses.
CAP_REACH = 0.1
#: ...and only where the old top leaves the arm's outer side bare this share of the way
#: down the upper arm too (a flutter sleeve covers it there, short of `SLEEVE_AT`).
CAP_BARE_AT = 0.15


def _sleeved_sides(person: Person, frame: Frame, old: NDArray[np.bool_]) -> tuple[float, ...]:
    """The sides (1 the frame's right, -1 its left) whose upper arm the `old` garment
    sleeves (`body.sleeved`).

    Beside a bare arm (a tank's, a sleeveless top's) the old top's outline over the
    shoulder out to the arm is the body's own: cut at the joint there, the torso's top
    stood at the tank's height while the arm's round cap began lower on the bone, and
    the square notch between them, inside the person's outline, was refilled from the
    backdrop: a step cut into the shoulder (`shoulder_notch`)."""
    return tuple(
        sign
        for shoulder, elbow, sign in ((L_SHOULDER, L_ELBOW, 1.0), (R_SHOULDER, R_ELBOW, -1.0))
        if sleeved(person, frame, old, shoulder, elbow, sign)
        or sleeved(person, frame, old, shoulder, elbow, sign, CAP_BARE_AT)
    )


def _torso_normals(
    frame: Frame, torso: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]:
    """The picture-right and down parts of the torso's unit surface normals, round each
    row's own outline (`torso`: how much of each pixel is torso) as a cylinder; rows
    without one, round the body's midline. And how far each pixel lies out from the
    middle towards the outline (0..1).

    A flattened cylinder of one width round the midline shaded a waist and a chest alike,
    its sides barely darker than its middle: a bared midriff read as a flat patch."""
    h, w = torso.shape
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    mid = (
        np.clip(
            (xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])) / (frame.frontal_width * 0.6), -1, 1
        )
        * 0.7
    )
    inside = torso > 0.5
    rows = inside.any(axis=1)
    cols = np.arange(w, dtype=np.float32)
    left = np.where(rows, np.argmax(inside, axis=1), 0).astype(np.float32)
    right = np.where(rows, w - 1 - np.argmax(inside[:, ::-1], axis=1), w - 1).astype(np.float32)
    centre, half = (left + right) / 2, np.maximum((right - left) / 2, 1.0)
    # Row extents are smoothed down the body, so one row's stray pixel does not band it.
    size = 2 * max(1, int(frame.width * 0.05)) + 1
    centre = cv2.GaussianBlur(centre[:, None], (1, size), 0)[:, 0]
    half = cv2.GaussianBlur(half[:, None], (1, size), 0)[:, 0]
    out = np.clip((cols[None, :] - centre[:, None]) / half[:, None], -1, 1).astype(np.float32)
    across = np.where(rows[:, None], out * np.float32(TORSO_TURN), mid).astype(np.float32)
    side = np.where(rows[:, None], np.abs(out), np.abs(mid) / 0.7).astype(np.float32)
    return across * np.float32(frame.right[0]), across * np.float32(frame.right[1]), side


#: How far down the torso (shares of neck to hips) a rebuilt midriff ends at the
#: trousers' or skirt's waistband, and over how many pixels (at the analysis size)
#: that edge fades: crisp, as a waistband's.
WAIST_DEPTH = 0.95
WAIST_EDGE = 1.0
#: The contact shadow on the skin just above the waistband: how much darker it is there,
#: fading (exponentially) over this much (shoulder widths) up the skin.
WAIST_SHADOW = 0.12
WAIST_SHADOW_REACH = 0.015


#: Below this far down the torso (shares of neck to hips, fading in over `BELLY_FADE`)
#: the rebuilt belly's sides are darker by up to `BELLY_SIDE_SHADE` (with the square of
#: the share of the way out), and a groove down its middle by `BELLY_GROOVE` over about
#: `BELLY_GROOVE_WIDTH` of its half-width either side.
BELLY_FROM = 0.5
BELLY_FADE = 0.15
BELLY_SIDE_SHADE = 0.22
BELLY_GROOVE = 0.04
BELLY_GROOVE_WIDTH = 0.08
#: How broadly (Gaussian sigma, shoulder widths) that shading fades out towards a limb.
BELLY_OFF_LIMBS = 0.1


#: How round (shoulder widths) the rebuilt torso's outline is at its corners (a tank's
#: square shoulder corner, an armhole's), and how soft (Gaussian sigma, pixels at the
#: analysis size) its edge against the backdrop: about the photo's own silhouette's, a
#: pixel or two at full size. At 1.0, enlarged twice over to basic size, a shoulder's top
#: faded into the backdrop over 7-8 pixels against the arm's own 2 (`cat--model_7`): hazy.
OUTLINE_ROUNDING = 0.06
OUTLINE_SOFT = 0.5


#: How far (frontal shoulder widths) the waist keeps in from a rebuilt arm hanging
#: beside it, reached from `WAIST_IN_FROM` to `WAIST_IN_AT` down the torso (shares of
#: neck to hips) and kept to the waistband (`WAIST_DEPTH`), and only beyond the hip
#: joints (the trunk's sides): a slim waist shows the backdrop between it and the arms.
WAIST_GAP = 0.05
WAIST_IN_FROM, WAIST_IN_AT = 0.45, 0.65


def _waist_gap(
    person: Person,
    frame: Frame,
    limb: NDArray[np.float32],
    sleeves: NDArray[np.bool_],
    depth: NDArray[np.float32],
    line: float | NDArray[np.float32],
) -> NDArray[np.float32]:
    """How much of each pixel (0..1) lies in the gap between the waist and a rebuilt arm
    (`limb` inside the old garment's `sleeves`) beside it: no torso there, the backdrop;
    down to where the midriff ends (`line`, `_waist_line`).

    The torso was rebuilt out to the old top's outline, and a loose top's or a coat's
    outline runs down the arms hanging against it: bared, the arms and the midriff
    between them were one flat slab of skin as wide as the old top."""
    arms = (limb > 0.5) & sleeves
    if not arms.any():
        return np.zeros(limb.shape, np.float32)
    far = cv2.distanceTransform((~arms).astype(np.uint8), cv2.DIST_L2, 3)
    reach = WAIST_GAP * frame.frontal_width * np.clip((depth - WAIST_IN_FROM) / (WAIST_IN_AT - WAIST_IN_FROM), 0, 1)
    # Down to the waistband (`line`, per column) only: below it the trousers go on up to
    # it, hips and all.
    reach *= depth < line
    hips = abs(float((person.pt(L_HIP) - person.pt(R_HIP)).astype(np.float64) @ frame.right)) / 2
    w = limb.shape[1]
    xs = (np.arange(w, dtype=np.float32) - np.float32(frame.neck[0]))[None, :]
    ys = (np.arange(limb.shape[0], dtype=np.float32) - np.float32(frame.neck[1]))[:, None]
    sides = np.abs(xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])) > hips
    return np.asarray(np.clip(reach - far + 0.5, 0, 1) * (sides & ~arms), np.float32)


#: How far below `WAIST_DEPTH` (shares of neck to hips) the old top's hem may lie, in
#: the median over the trunk's columns, and still be taken for lying on the trousers' or
#: skirt's waistband (about its height): further down the hem hides the waistband, and
#: skin run down to it was a slab over the hips (a loose tee to 1.09 over drawstring
#: trousers, `sylius--t-shirt_01`).
HEM_NEAR = 0.12
#: How far above `WAIST_DEPTH` the new top's hem must end (the median) for it to bare a
#: midriff at all: a tee ending just above the old hem showed a sliver of skin between
#: it and the jeans, where their top continued up had met it.
HEM_BARED = 0.05
#: The share of the trunk's columns under the new top where the old one must run on
#: below it: over fewer (a bag held at the hip) there is no hem across the waist to read.
HEM_SPAN = 0.6
#: How far apart (Lab, unweighted: lightness counts, a black tee over grey jeans) the
#: old top's colour and the photo's just below where its mask ends must be for that
#: end to be a hem.
HEM_APART = 22.0
#: How many rows (at the analysis size) above the straight line fitted to the hem the
#: skin ends (the row between is the bottom's own top, continued), and how far (rows) a
#: column's hem may stray from the first fit and still count in the second.
HEM_INSET = 1.5
HEM_STRAY = 2.0


def _waist_line(
    lab: NDArray[np.float32],
    rebuilt: NDArray[np.bool_],
    new: NDArray[np.bool_],
    depth: NDArray[np.float32],
    columns: NDArray[np.bool_],
    length: float,
) -> NDArray[np.float32]:
    """How far down the torso (shares of neck to hips, `length` pixels) a midriff bared
    by a shorter new top (`new`) ends, per column (1 × width): where the old top's hem
    (the end of the `rebuilt` run below the new hem, in the trunk's `columns`) lies
    within `HEM_NEAR` below `WAIST_DEPTH`, just above a straight line fitted to that
    hem, so the trousers' or skirt's top meets the skin as shot; ended higher, the gap
    down to the hem was their top mirrored up, a smeared band under a ruled line. A
    line, not the hem's own rows: they step at the analysis size, and the skin ended on
    them in stairs. Only under a new top ending `HEM_BARED` above the usual waist, and
    not where the photo (`lab`) just below that end is of the old top's own colour
    (halfway down its run): that is no hem but where its mask was cut off (a dress's
    skirt), with no waistband there. Elsewhere at `WAIST_DEPTH`."""
    h, w = rebuilt.shape
    hems = np.full(w, np.nan, np.float32)
    inside, below, new_hems = [], [], []
    under = np.flatnonzero(columns[0] & new.any(axis=0))
    for x in under:
        start = int(np.flatnonzero(new[:, x])[-1]) + 1
        clear = np.flatnonzero(~rebuilt[start:, x])
        end = start + int(clear[0]) if len(clear) else h
        if end > start and end < h - 2:
            hems[x] = depth[end, x]
            new_hems.append(depth[start - 1, x])
            inside.append(lab[(start + end) // 2, x])
            below.append(lab[end + 2, x])
    found = np.flatnonzero(~np.isnan(hems))
    line = np.full((1, w), WAIST_DEPTH, np.float32)
    if len(found) < max(2, HEM_SPAN * len(under)):
        return line
    if not WAIST_DEPTH < float(np.median(hems[found])) <= WAIST_DEPTH + HEM_NEAR:
        return line
    if float(np.median(new_hems)) > WAIST_DEPTH - HEM_BARED:
        return line
    top, bottom = (np.median(np.array(each), axis=0).astype(np.float32) for each in (inside, below))
    if float(np.linalg.norm(top - bottom)) < HEM_APART:
        return line
    fit = np.polyfit(found, hems[found], 1)
    near = np.abs(np.polyval(fit, found) - hems[found]) * length <= HEM_STRAY
    if np.count_nonzero(near) >= 2:
        fit = np.polyfit(found[near], hems[found][near], 1)
    fitted = np.polyval(fit, np.arange(w)) - HEM_INSET / max(length, 1.0)
    line[0] = np.clip(fitted, WAIST_DEPTH, WAIST_DEPTH + HEM_NEAR)
    return line


def _crisp(shape: NDArray[np.uint8], smooth: float) -> NDArray[np.float32]:
    """How much of each pixel lies inside `shape` (0..1), its outline's stair steps
    smoothed away over `smooth` pixels (Gaussian sigma) and its edge as soft as a
    Gaussian of `OUTLINE_SOFT` across it: the blurred shape's half level, steepened.

    Blurred by `OUTLINE_SOFT` alone, a crisp edge kept the segmentation's steps (a
    jagged shoulder); blurred more, it was a haze over the backdrop."""
    smooth = max(smooth, OUTLINE_SOFT)
    field = cv2.GaussianBlur(shape.astype(np.float32), (0, 0), smooth)
    return np.asarray(np.clip(0.5 + (field - 0.5) * np.float32(smooth / OUTLINE_SOFT), 0, 1), np.float32)


def _rounded(body: NDArray[np.uint8], radius: int) -> NDArray[np.uint8]:
    """`body` with its corners rounded off: opened by a disc `radius` pixels across."""
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    return cv2.morphologyEx(body, cv2.MORPH_OPEN, disc)


def _below_shoulder_line(
    body: NDArray[np.uint8], solid: NDArray[np.bool_], old: NDArray[np.bool_], depth: int
) -> NDArray[np.uint8]:
    """`body` cut at the shoulder line: across each run of columns whose top is the old
    garment (a tank's straps on the shoulders), nothing above the straight line from
    that run's top at the neck to the top of the bare arm beside its other end.

    The old garment's outline is not the body's: a tank's straps stand up square from the
    neck to the armhole, and the skin rebuilt inside them stood up square past the
    real shoulder's slope into the backdrop. Runs not ended by the person's own outline on
    both sides (a sleeve, the photo's edge) are left as they are."""
    h, w = solid.shape
    has = solid.any(axis=0)
    top = np.argmax(solid, axis=0)
    cols = np.arange(w)
    # The old garment's outline: the old garment a few rows (`depth`) below the top.
    clothed = has & old[np.minimum(top + depth, h - 1), cols]
    edges = np.flatnonzero(np.diff(np.concatenate(([0], clothed.astype(np.int8), [0]))))
    out = body
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if a == 0 or b >= w or not has[a - 1] or not has[b]:
            continue
        # Which end lies on the neck: the one whose outside neighbour stands higher.
        if top[a - 1] < top[b]:
            start, end = (a, top[a]), (b, top[b])
        else:
            start, end = (b - 1, top[b - 1]), (a - 1, top[a - 1])
        if end[1] - start[1] > SHOULDER_STEEPEST * abs(end[0] - start[0]):
            # What stands beside the run's other end is no arm's top (a hand, the
            # crop's edge below a long sleeve): the line to it cut through the arm.
            continue
        span = np.arange(a, b)
        line = np.ceil(start[1] + (end[1] - start[1]) * (span - start[0]) / (end[0] - start[0]))
        rows = np.arange(h)[:, None]
        above = (rows < line[None, :]) & (out[:, a:b] > 0)
        if not above.any():
            continue
        if out is body:
            out = body.copy()
        out[:, a:b][above] = 0
    return out


#: Above this depth down the torso (`_depth`), or beside the hips, what a top or dress
#: rebuilds that is no skin is the backdrop: below it the bottom the old top hid goes on up.
LOOSE_DEPTH = 0.6
#: How far round (as many times `_backdrop_fill`'s reach) the backdrop is looked for
#: between the legs below a dress's hem.
LEG_GAP_REACH = 5.0
#: How far (Gaussian sigma, shoulder widths) the person's outline is smoothed where it
#: ends a rebuilt limb, before it is softened over `OUTLINE_SOFT`.
LIMB_OUTLINE_SMOOTH = 0.03
#: How far (pixels at the analysis size) inside the smoothed outline a rebuilt limb's
#: soft edge is half faded, and over how many pixels it fades (about as soft as a
#: Gaussian of `OUTLINE_SOFT`).
OUTLINE_INSET = 1.0
OUTLINE_RAMP = 1.5


def _smooth_outline(person: Person) -> NDArray[np.float32]:
    """How much of each pixel lies inside the person's outline (0..1), the outline's
    steps smoothed away (`LIMB_OUTLINE_SMOOTH`) and its edge soft (`OUTLINE_SOFT`) just
    inside it: nothing beyond the person's silhouette is skin (the backdrop is).

    The smoothed outline is placed to a fraction of a pixel: thresholded at the analysis
    size, it moved a whole pixel at a time, and enlarged it stood as a staircase down a
    bared arm's side, the backdrop biting into the arm at each step."""
    inside = (person.mask > 0.5).astype(np.float32)
    sigma = max(1.0, person.shoulder_width * LIMB_OUTLINE_SMOOTH)
    # Across a straight outline the blurred mask falls through a half with a slope of
    # 1 / (sqrt(2 pi) sigma) a pixel: its excess over a half, divided by that, is the
    # signed distance (pixels) to the smoothed outline.
    distance = (cv2.GaussianBlur(inside, (0, 0), sigma) - 0.5) * np.float32(np.sqrt(2 * np.pi) * sigma)
    # Faded in just inside it, so the edge fades out inside the silhouette (pulled in
    # further, the arms touching it came out thinner than the photo's).
    soft = np.clip((distance - OUTLINE_INSET) / OUTLINE_RAMP + 0.5, 0, 1)
    return np.asarray(soft * inside, np.float32)


#: The neck's half-width (shares of the seen shoulder width), and how far above the
#: shoulders' line (shoulder widths) the shoulders' top lies at the neck's side and over
#: the shoulder joints: the body's outline there, curving down from the neck (with the
#: square of the share of the way out) as the neck's base widens into the shoulders.
NECK_SIDE = 0.25
SHOULDER_RISE_NECK, SHOULDER_RISE_JOINT = 0.3, 0.15
#: How much higher (shoulder widths) the line lies beside an old top with no sleeve: a
#: tank's outline is the shoulder's own, up to about 0.34 above the neck's base on
#: `ootd--model_6`; a white halter's mask run out over a white backdrop beside the jaw
#: (`ootd--053514_0`) stands 0.3 to 0.55 above it, and most of it stays cut.
SHOULDER_RISE_BARE = 0.12
#: How far (Lab, 8-bit) from the backdrop's median colour a pixel must be to count as
#: the shoulder there.
BARE_UNLIKE = 8.0
#: How wide (pixels at the analysis size, odd) the window is over which that likeness
#: is decided by majority: a white tank on a pale grey wall lies about `BARE_UNLIKE` off
#: it, pixel by pixel either side, and the cut, decided per pixel, left its strap's top
#: as white flecks in the backdrop and backdrop holes in the skin (`cat--model_5`).
BARE_UNLIKE_WINDOW = 5


def _bare_tops(person: Person, frame: Frame, old: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """True above the shoulder joints' line on a side where the `old` garment has no
    sleeve (`sleeved`), where the photo is unlike the backdrop (`BARE_UNLIKE`, off the
    median colour off the person): a tank's or a strap top's outline there lies on the
    shoulder, the body's own; a white top's mask run out over a white backdrop does not."""
    h, w = old.shape
    bare = [
        sign
        for shoulder, elbow, sign in ((L_SHOULDER, L_ELBOW, 1.0), (R_SHOULDER, R_ELBOW, -1.0))
        if not sleeved(person, frame, old, shoulder, elbow, sign)
    ]
    out = np.zeros((h, w), bool)
    if not bare:
        return out
    xs = (np.arange(w, dtype=np.float32) - np.float32(frame.neck[0]))[None, :]
    ys = (np.arange(h, dtype=np.float32) - np.float32(frame.neck[1]))[:, None]
    across = xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])
    up = -(xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1])) > 0
    lab = person.lab()
    ground = person.mask < 0.1
    unlike = (
        np.sum((lab - np.median(lab[ground], axis=0)) ** 2, axis=2) > BARE_UNLIKE**2
        if ground.any()
        else np.ones((h, w), bool)
    )
    # Decided over a small window, not per pixel: a cut line speckled by noise left
    # flecks of the old top in the backdrop beside the rebuilt shoulder.
    unlike = cv2.medianBlur(unlike.astype(np.uint8) * 255, BARE_UNLIKE_WINDOW) > 127
    for sign in bare:
        out |= (across * np.float32(sign) > 0) & up & unlike
    return out


def _over_shoulders(
    person: Person, frame: Frame, old: NDArray[np.bool_], bare_tops: NDArray[np.bool_] | None = None
) -> NDArray[np.bool_]:
    """True above the shoulders' outline beside the neck, out to the shoulder joints: a
    hood or a coat's collar stands there, where the body is not. Rebuilt as skin (the
    old garment's outline taken for the body's), it stood as a wide trapezoid of neck
    up to the jaw. Over `bare_tops` (`_bare_tops`, found here when not given) the line
    lies `SHOULDER_RISE_BARE` higher: a tank's or a strap top's outline there is the
    body's own, and a square-shouldered man's, cut off as backdrop, was a pale wedge
    beside the neck and a ledge of skin at the neck's side."""
    h, w = old.shape
    s = person.shoulder_width
    xs = (np.arange(w, dtype=np.float32) - np.float32(frame.neck[0]))[None, :]
    ys = (np.arange(h, dtype=np.float32) - np.float32(frame.neck[1]))[:, None]
    lateral = np.abs(xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1]))
    height = -(xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1]))
    side, joint = np.float32(NECK_SIDE * frame.width), np.float32(frame.width / 2)
    share = np.clip((lateral - side) / max(float(joint - side), 1.0), 0, 1)
    rise = np.float32(s) * (SHOULDER_RISE_JOINT + (SHOULDER_RISE_NECK - SHOULDER_RISE_JOINT) * (1 - share) ** 2)
    tops = _bare_tops(person, frame, old) if bare_tops is None else bare_tops
    rise += np.float32(SHOULDER_RISE_BARE * s) * tops
    return np.asarray((lateral > side) & (lateral < joint) & (height > rise))


def _above(cover: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """True above the topmost `cover` pixel of each column (the whole of a column without
    any)."""
    h, w = cover.shape
    top = np.where(cover.any(axis=0), np.argmax(cover, axis=0), h)
    return np.asarray(np.arange(h)[:, None] < top[None, :])


#: Over how far below the hip joints (shoulder widths) the refill beside a new bottom
#: turns from the fill round the hole into the backdrop continued.
HIP_FADE = 0.15


#: The garments whose refill outside the person's silhouette is the backdrop continued:
#: a dress's bodice bares the shoulders as a top's does (bottoms rebuild none there).
_BACKDROP_BESIDE = (SwapTarget.TOP, SwapTarget.DRESS)


def _uncovered(
    person: Person,
    garment: Garment,
    frame: Frame,
    old: NDArray[np.float32],
    rebuild: NDArray[np.float32],
    new: NDArray[np.float32],
    look: skin.SkinLook,
    tone: NDArray[np.float32],
    seen: NDArray[np.bool_],
    hands: NDArray[np.bool_],
    coat: bool = False,
    coat_sides: NDArray[np.bool_] | None = None,
    own: tuple[float | None, float | None] = (None, None),
    own_legs: OwnLegs | None = None,
    own_arm: NDArray[np.float32] | None = None,
    kept_arms: tuple[KeptArm | None, KeptArm | None] = (None, None),
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """What the old garment hid where the new one does not reach: skin, or the background;
    and how much of each pixel is skin (0..1). `coat`: the old top is a coat to the shins
    (`coat_hem`), found on the whole person (this crop may end above the ankles).
    `coat_sides`: an open coat's panels beside the torso (`coat_beside_torso`), over no
    body: in the person's outline, they made a strip of skin beside the new top. `own`:
    how wide the arms' own bare parts are (`own_arm_scales`, read on the whole person);
    `own_legs`, how the person's own bare legs look (`_own_legs`): rebuilt legs below the
    hips are shaded across as they are; `own_arm`, how much of each pixel took the colour
    of the person's own bare arm (`own_arm.from_own_arms`), read as lit in the photo;
    `kept_arms`, the own arms just below short sleeves' hems (`hem_arm.kept_below_hems`),
    which the rebuilt upper arms meet edge to edge.

    Limbs and torso get the tone of the person's skin nearest them (`tone`, Lab), lit by the old garment's broad light (not
    its folds or print), shaded as rounded forms under the photo's light (`look`),
    mottled like the person's skin and a little darker where the new garment (`new`)
    ends on them; below the visible neck (`seen`: the visible skin) the neck's own
    colours go on straight down, fading into the torso's; the rest of a loose sleeve or trouser leg, outside the limb, is filled
    from the background around it; below the waist, what the old top hid of the trousers
    or skirt is their mirror image; above a lower new bottom, the top's (never the
    `hands` in front, or a second hand would hang below them). The skin's fine grain is
    added at full size.
    """
    # The hand in front (its edge given over to the rebuild at a cuff) is no part of the
    # sleeve's outline: beyond it the wrist's width is read.
    limb, limb_normal = limbs(person, frame, garment.category, (old > 0) & ~hands, own, kept_arms)
    shoulders = garment.category != SwapTarget.BOTTOM
    if shoulders:
        # The body's own outline, not the joints' trapezoid, and soft-edged, so a bared
        # midriff is not a flat patch with straight sides. The old clothes stood out from
        # the body: the skin keeps a little inside their outline, its corners rounded.
        reach = max(1, int(person.shoulder_width * 0.15))
        zone = cv2.dilate(torso_zone(person, frame), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
        inset = 2 * max(1, int(person.shoulder_width * 0.03)) + 1
        solid = (person.mask > 0.5) if coat_sides is None else (person.mask > 0.5) & ~coat_sides
        body = cv2.erode(solid.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (inset, inset)))
        # Not inside the person's own outline as shot: bare skin the old garment did not
        # cover (a neck, a shoulder beside a strap), and a sleeveless top's outline over
        # the shoulders (`_bare_tops`), which lies on them. Kept inside it, the skin's
        # edge stood a band of backdrop in from the photo's own, a pale wedge beside the
        # neck and a step where the kept neck met it.
        bare_tops = _bare_tops(person, frame, old > 0)
        body |= (solid & ((skin_like(person) & (old <= 0)) | bare_tops)).astype(np.uint8)
        # Bare skin down to the waist; from there to the hip joints it is more likely the
        # trousers' or skirt's waistband, which the fill from below continues.
        depth = _depth(frame, old.shape)
        # Soft where the zone ends on the body (the skin beside it blends in), crisp where
        # the body's own outline ends it: blurred there too, the skin faded out over the
        # backdrop as a brown haze round level, square shoulders.
        body = _below_shoulder_line(body, person.mask > 0.5, old > 0, max(1, inset // 2 + 1))
        outline = _rounded(body, max(1, int(person.shoulder_width * OUTLINE_ROUNDING)))
        crisp = _crisp(outline, person.shoulder_width * LIMB_OUTLINE_SMOOTH)
        sigma = max(1.0, person.shoulder_width * 0.03)
        torso = cv2.GaussianBlur(((zone > 0) & ~_past_shoulders(frame, depth)).astype(np.float32), (0, 0), sigma)
        # Beside a bare arm the old top's outline over the shoulder is the body's own: its
        # skin goes on past the joint to the arm's cap (`_sleeved_sides`). Skin only: the
        # torso's form and light keep to the joints.
        caps = cv2.GaussianBlur(
            ((zone > 0) & ~_past_shoulders(frame, depth, _sleeved_sides(person, frame, old > 0), CAP_REACH)).astype(
                np.float32
            ),
            (0, 0),
            sigma,
        )
        # Beside the neck the shoulders slope down to the arms' caps, whatever the old
        # top's outline did there.
        kept = skin_like(person) & (person.mask > 0.5) & (rebuild < 0.5) & ~hands
        sloped = shoulder_line(person, frame, kept, old > 0)
        # Below the armpits the torso goes no further out than a hanging arm's bone: the
        # arm's own width is the limb's, what is left of a loose sleeve is the backdrop.
        shaped = crisp * sloped * inside_arms(person, frame, old > 0)
        torso *= shaped
        caps *= shaped
        # Ended at the trousers' or skirt's waistband by a crisp line, as a waistband
        # ends the skin: faded over a twentieth of the torso it read as a blurred band.
        # Where a top's old hem lies on the waistband, at that hem (`_waist_line`).
        line: float | NDArray[np.float32] = WAIST_DEPTH
        if garment.category == SwapTarget.TOP:
            trunk = _between_hips(person, frame, old.shape)
            line = _waist_line(person.lab(), rebuild > 0.5, new > 0.5, depth, trunk, frame.length)
        # The waist draws in from the arms hanging in the old sleeves beside it: rebuilt
        # out to them, the arms and the midriff were one slab as wide as the old top.
        gap = _waist_gap(person, frame, limb, old > 0, depth, line)
        torso *= 1 - gap
        waist = (line - depth) * np.float32(frame.length)
        torso *= np.clip(waist / WAIST_EDGE + 0.5, 0, 1).astype(np.float32)
        caps = np.maximum(torso, caps * (depth < ARMPIT))
        beyond = outline == 0
    else:
        torso = np.zeros(old.shape, np.float32)
        caps = torso
        bare_tops = np.zeros(old.shape, bool)
        gap = np.zeros(old.shape, np.float32)
        beyond = np.zeros(old.shape, bool)
        waist = np.zeros(old.shape, np.float32)
        sloped = np.ones(old.shape, np.float32)
        depth = np.zeros(old.shape, np.float32)
    # Beside a top's or dress's shoulders and neck, outside the person's silhouette,
    # there is no skin to rebuild: only the backdrop.
    outside = (person.mask < 0.5) & (garment.category in _BACKDROP_BESIDE)
    # A limb ends at the person's outline too, but at a smooth, soft one: cut at the
    # mask's own (stepped at the segmentation's scale), a forearm as wide as its old
    # sleeve had a hard, stepped edge against the backdrop.
    within = _smooth_outline(person) if garment.category in _BACKDROP_BESIDE else np.float32(1)
    skin_part = np.maximum(limb * within, caps * ~outside)
    if garment.category in _BACKDROP_BESIDE:
        # Nor is there skin where the old garment covered above the shoulders' outline
        # beside the neck (a hood, a collar), over the new garment's top there: below it,
        # inside a tee's back neckline, the skin shows.
        over = (old > 0) & _over_shoulders(person, frame, old > 0, bare_tops) & _above(new > 0.5)
        outside |= over
        skin_part *= ~over
    s = person.shoulder_width
    light = bared_light(person, old)
    # Not on the limbs: a sleeve's broad light is its own folds and sheen round a limb
    # far narrower than it (and over a dark sleeve, noise made large by its dark level);
    # the limbs are lit as the forms they are, and take the hand's own colour near it.
    # The shoulders' caps, down to the armpits, are lit as the torso's top, one surface
    # with it: lit as the arms' own round ends, each stood out as a darker disc. Off the
    # torso only the caps (`_caps`): below them the upper arm is lit as the rounded arm it
    # is. Over the torso's edge (an upper arm reaching in over the chest) as before.
    if shoulders:
        arm_caps = _caps(person, old.shape)
        on_torso = np.clip(torso / CAP_ON_TORSO, 0, 1)
        cap_lit = np.clip((ARMPIT - depth) / CAP_FADE, 0, 1) * (arm_caps + (1 - arm_caps) * on_torso)
        lit_torso = np.maximum(torso, limb * cap_lit)
    else:
        lit_torso = torso
    light = 1 + (light - 1) * (1 - limb * (1 - lit_torso))
    if own_arm is not None:
        # The own arm's colour was read as the photo lit it: the old sleeve's light on
        # top of it made the upper arm paler than the arm below the sleeve's hem.
        light = light + (1 - light) * own_arm
    on_limb = limb >= torso
    lit_limb = limb >= lit_torso
    torso_x, torso_y, side = _torso_normals(frame, lit_torso)
    # Over the torso a limb's side does not turn away: it is a silhouette only against
    # the backdrop.
    limb_x, limb_y = limb_normal[0] * (1 - lit_torso), limb_normal[1] * (1 - lit_torso)
    limb_side = np.hypot(limb_x, limb_y)
    sides = 1 - TORSO_SIDE_SHADE * limb_side**3
    if garment.category != SwapTarget.BOTTOM:
        # The arms turn away towards the outline they are drawn with (the sleeve's or the
        # person's that cut the cylinder round the bone), wherever that lies; not into the
        # torso's skin or the person's own kept skin and hands they run on into.
        kept_skin = skin_like(person) & (person.mask > 0.5) & (rebuild < 0.5)
        arms = (1 - lit_torso) * (1 - np.clip((depth - 1) / LEGS_FADE, 0, 1))
        rims = skin.turned_away((skin_part > 0.5) | kept_skin | hands, s)
        sides = sides * (1 - arms) + rims * arms
    limb_shading = skin.lit(limb_x, limb_y, look) * sides
    if garment.category != SwapTarget.BOTTOM:
        limb_shading *= _elbow_shade(person, old.shape)
    on_legs = np.clip((_depth(frame, old.shape) - 1) / LEGS_FADE, 0, 1)
    if own_legs is not None:
        # Below the hips the legs take their own shins' light across (the side the light
        # comes from, the sides' shade) in place of the cylinder's under the face's
        # light; the rim, darker than what passes for skin there, stays rounded off.
        own_light = np.interp(limb_x, ACROSS_AT, own_legs.across) * (1 - TORSO_SIDE_SHADE * limb_side**3)
        limb_shading = (limb_shading * (1 - on_legs) + own_light * on_legs).astype(np.float32)
    elif garment.category != SwapTarget.TOP:
        # With no own leg to read (trousers to the shoes), the legs round off to their
        # sides as real legs under soft light do, gradually from the middle out: lit
        # level to a dark rim, they were flat bands, a doll's legs.
        leg_light = skin.lit(limb_x, limb_y, look) * (1 - LEG_ROUND * limb_side**LEG_ROUND_POWER)
        limb_shading = (limb_shading * (1 - on_legs) + leg_light * on_legs).astype(np.float32)
    torso_shading = skin.lit(torso_x, torso_y, look) * (1 - TORSO_SIDE_SHADE * side**3)
    # The person's own skin as shot, off the old garment's soft edge: the seam's measure
    # below, and the depth the chest's light takes.
    body = person.skin_lab if look.tone is None else look.tone
    own = skin.toned_like(person, float(body[0])) & (person.mask > 0.5) & ~hands & (rebuild < 0.05)
    own &= cv2.dilate((old > 0).astype(np.uint8), _edge_kernel(person)) == 0
    if garment.category != SwapTarget.BOTTOM:
        # The torso's rounded form as deep as the person's own bare arms' light: at the
        # one depth for every photo the chest was a smooth fill below lit, shaded arms.
        # Not the shoulders' tops nor the collarbones' relief: deepened, they stood as
        # dark patches and drawn bands.
        spread = chest_light.arms_spread(person, person.lab()[:, :, 0], own)
        gain, centre = chest_light.chest_gain(torso_shading, torso, frame, s, spread)
        torso_shading = chest_light.deepened(torso_shading, gain, centre, frame, s)
    torso_shading *= skin.shoulder_tops((person.mask > 0.5) & (sloped > 0.5), frame.neck, frame.right, s)
    # On the torso the limb's shading gives way to the torso's over a band, not at one
    # line (`towards_limbs`).
    towards_limb = towards_limbs(lit_limb, lit_torso > 0.05, max(1.0, s * LIMB_BLEND))
    shading = (limb_shading * towards_limb + torso_shading * (1 - towards_limb)).astype(np.float32)
    if garment.category != SwapTarget.BOTTOM:
        # Below the chest the bared belly rounds off to its sides sooner, and a soft
        # groove runs down its middle: lit alike across it read as a flat, pasted patch.
        # Faded out broadly towards the limbs, which keep their own shading: ended at the
        # limb's, the darker side stood as a line beside a rebuilt forearm.
        near_limbs = cv2.GaussianBlur(on_limb.astype(np.float32), (0, 0), max(1.0, s * BELLY_OFF_LIMBS))
        belly = np.clip((depth - BELLY_FROM) / BELLY_FADE, 0, 1) * np.clip(1 - 2 * near_limbs, 0, 1)
        groove = BELLY_GROOVE * np.exp(-((side / BELLY_GROOVE_WIDTH) ** 2))
        shading *= 1 - belly * (BELLY_SIDE_SHADE * side**2 + groove)
        # Only below the armpits, where an arm hangs in front of the torso: above them
        # the shoulder's cap joins it, and a shadow there stood as a line down the chest.
        shading *= _beside_arms(on_limb & (limb > 0.5) & (depth > ARMPIT + ARM_OCCLUSION_BELOW), torso, s)
    # A soft contact shadow on the skin just beyond where the new garment ends.
    contact = 1 - 0.3 * np.clip(blur(new, max(1.5, s * 0.035)), 0, 1) * (1 - new)
    h, w = old.shape
    mottle_sigma = max(1.5, s * 0.04)
    mottle = np.stack(
        [skin.noise((h, w), mottle_sigma, 11 + channel) * look.mottle[channel] for channel in range(3)], axis=2
    )
    if garment.category != SwapTarget.BOTTOM:
        # ...and a soft one just above the waistband, where the skin meets it.
        # Only on the torso above the waistband: the limbs beside it and below keep theirs.
        above = np.exp(-np.clip(waist, 0, None) / max(1.0, s * WAIST_SHADOW_REACH)) * (waist >= 0)
        contact = contact * (1 - WAIST_SHADOW * above * np.clip(torso - limb, 0, 1))
    lab_skin = tone + mottle
    lab_skin[:, :, 0] *= light * shading * contact
    neck, neck_weight = skin.continued_down(
        person.lab(),
        seen,
        (rebuild > 0.5) & (skin_part > 0.5) & ~on_limb,
        np.abs(np.arange(w, dtype=np.float32) - frame.neck[0]) < s * NECK_HALF_WIDTH,
        _edge_kernel(person).shape[0],
        max(2, int(s * skin.NECK_BAND)),
        s * skin.NECK_REACH,
    )
    neck_lab = neck + mottle
    neck_lab[:, :, 0] *= contact
    # Softened across only: down the neck its weight already fades, and at the seam with
    # the visible neck it must stay whole.
    across = 2 * int(3 * max(1.0, s * 0.03)) + 1
    neck_weight = cv2.GaussianBlur(neck_weight, (across, 1), max(1.0, s * 0.03))[:, :, None]
    lab_skin = lab_skin * (1 - neck_weight) + neck_lab * neck_weight
    # Where the rebuilt skin meets the person's own (the old neckline, a kept arm), the
    # step between them is spread out into the rebuilt side, so no line of it stays.
    # Read on all the kept skin there (a lit chest inside a V is paler than the tone
    # `seen` allows), off the old garment's soft edge.
    lab_skin = skin.matched_at_seam(
        lab_skin, person.lab(), own, (rebuild > 0.5) & (skin_part > 0.5), 2 * _edge_kernel(person).shape[0], s
    )
    if garment.category != SwapTarget.BOTTOM:
        # The upper chest's own relief (neck shade, collarbones, breastbone) on the torso,
        # faded in from the person's own skin so none of it draws a line at the seam.
        far = cv2.distanceTransform((~own).astype(np.uint8), cv2.DIST_L2, 3)
        fade = np.clip(far / max(1.0, s * RELIEF_FADE), 0, 1)
        relief = skin.chest_relief((h, w), frame.neck, frame.right, frame.down, s, look)
        lab_skin[:, :, 0] *= 1 + (relief - 1) * torso * (1 - towards_limb) * fade
    skin_rgb = cv2.cvtColor(np.clip(lab_skin, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB).astype(np.float32)
    hole = (rebuild > 0.02) & (skin_part < 0.5)
    if not hole.any() and garment.category != SwapTarget.BOTTOM:
        return skin_rgb, skin_part
    # Every old-garment pixel near the hole is unreliable too: fill them all, from outside.
    reach = max(3, int(person.shoulder_width * 0.2))
    near = cv2.dilate(hole.astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    # ...and so is the old garment's soft outline just outside its mask.
    outline = cv2.dilate(hole.astype(np.uint8), _edge_kernel(person)) > 0
    region = (outline | (near & (old > 0))).astype(np.uint8)
    # Filled from round the hole, but never from the old garment itself: the old garment
    # further off (under the new one, or beyond `reach`) would bleed its colour into
    # the fill, and a strip of it would stay between the new garment and the arm. Where
    # skin is rebuilt, that skin is what lies round the hole.
    sources = region
    if garment.category == SwapTarget.BOTTOM:
        # Beside a bared ankle the hole is the floor or backdrop: drawn from the shoe
        # below it too, it was a dark halo round the shoe's top.
        shoes = shoes_below(person, frame.width, old > 0, skin_like(person)) > 0
        sources = region | shoes.astype(np.uint8)
    filled = _inpaint(_without_old(person.image, skin_rgb, old, skin_part), sources)
    if garment.category != SwapTarget.BOTTOM:
        # Below the waist the old top hid the trousers' or skirt's top: continue them up
        # as their mirror image at the hole's lower edge, texture and folds included,
        # rather than a smear.
        if garment.category == SwapTarget.TOP:
            mirrored, found = _bottom_continued(person, region, depth, frame.length, s, coat)
        else:
            mirrored, found = _from_below(person.image, region, person.mask > 0.5)
        weight = found * np.clip((depth - 0.6) / 0.2, 0, 1).astype(np.float32)
        weight = cv2.GaussianBlur(weight, (0, 0), max(1.0, person.shoulder_width * 0.02)) * found
        filled = cv2.blendLinear(mirrored, filled, weight, 1 - weight)
    if garment.category in _BACKDROP_BESIDE:
        # The backdrop beside the shoulders and neck is the backdrop continued, never a
        # fill drawn from the skin or garment beside it (a skin-coloured smear).
        # So is the old garment's rim just inside the silhouette, beyond the skin's outline,
        # and whatever of a loose old top is neither skin nor new garment above the waist
        # or beside the hips (a wide sleeve's rest beside the arm, a sweater's body under
        # the armpit): drawn from round the hole, it took the old garment's colour still
        # under the new one, dark bits of the old sleeve between the new one and the
        # backdrop. Between the hips below the waist the bottom goes on up instead. What is
        # rebuilt, with its outline (a bare forearm kept in front is not); only within
        # `_backdrop_fill`'s reach of the backdrop: deeper, a pocket between a narrow bodice
        # and the arm hanging against the body is the body's side, and taken for the
        # backdrop it showed as white notches.
        # Beside the new garment's side on its own rows (a skirt wider than a straight tee
        # or a narrow dress at the hip) the backdrop goes on too: the bottom carried up
        # there was a block of the old skirt's colour, or of its blend with the fill,
        # cut square by the hips' columns and the depth's row (`econ--1f7c…`).
        above = (depth < LOOSE_DEPTH) | ~_between_hips(person, frame, old.shape) | beside_sides(new, s * HEM_CLEAR)
        if garment.category == SwapTarget.DRESS:
            # Below a dress's hem nothing goes on up from below the old clothes: what is
            # no leg between and beside the legs is the backdrop.
            above |= depth > 1 + CROTCH_DROP
        loose = (hole & above & ~hands).astype(np.uint8)
        loose = (cv2.dilate(loose, _edge_kernel(person)) > 0) & (region > 0) & (skin_part < 0.5)
        # Above the shoulders' sloping line, what the old top covered is backdrop too:
        # refilled from round it, it was a skin-coloured ledge beside the neck.
        clear = outside | ((beyond | (sloped < 0.5) | (gap > 0)) & (skin_part < 0.5)) | loose
        backdrop = (person.mask < 0.1) & (region == 0)
        if garment.category == SwapTarget.DRESS:
            # Between the legs under a wide old skirt the backdrop lies far off: within
            # the near fill's reach only, the rest was drawn from the legs and the skirt
            # round it, a skin-coloured wedge between the thighs.
            gap = (region > 0) & clear & (depth > 1 + CROTCH_DROP)
            filled = _backdrop_fill(person.image, filled, gap, backdrop, s * LEG_GAP_REACH, rows=True)
        filled = _backdrop_fill(person.image, filled, (region > 0) & clear, backdrop, s, rows=True)
    elif garment.category == SwapTarget.BOTTOM:
        # Beside a new bottom narrower than the old one (jeans for a wide skirt) what is no
        # leg is the backdrop continued: drawn from round the hole, it took the hands' skin
        # (a pink haze by them) and the old skirt's rim (its colour back beside the jeans).
        # Faded in below the hip joints (above them, beside the arm, a long top's side
        # goes on: taken for the backdrop it was a white notch with square corners), and
        # off the hands' stepped outline, which the fill from round it keeps soft.
        backdrop = (person.mask < 0.1) & (region == 0)
        hip = max(float(person.pt(i)[1]) for i in (L_HIP, R_HIP))
        below = np.clip((np.arange(h, dtype=np.float32)[:, None] - hip) / (s * HIP_FADE), 0, 1)
        off_hands = cv2.dilate(hands.astype(np.uint8), _edge_kernel(person)) == 0
        beside = (region > 0) & (skin_part < 0.5) & off_hands & (below > 0)
        weight = (beside * below).astype(np.float32)
        weight = cv2.GaussianBlur(weight, (0, 0), max(1.0, s * 0.02)) * beside
        backdrop_filled = _backdrop_fill(person.image, filled, beside, backdrop, s)
        filled = cv2.blendLinear(backdrop_filled, filled, weight, 1 - weight)
    out = cv2.blendLinear(skin_rgb, filled, skin_part, 1 - skin_part)
    if garment.category == SwapTarget.BOTTOM:
        # Above a new bottom that sits lower than the old one, the top goes on down to
        # it: what is above the hole (the top, or a bare midriff) mirrored down at its
        # upper edge, texture and folds included, rather than a smear, or the thighs'
        # rounded skin tops, between the two garments.
        above = _above_new(new, _between_hips(person, frame, old.shape)) * (rebuild > 0.02)
        clear = cv2.dilate(hands.astype(np.uint8) | _forearms(person), _edge_kernel(person), iterations=2) == 0
        mirrored, found = _from_above(person.image, (above > 0) | (region > 0), clear)
        weight = found * above
        weight = cv2.GaussianBlur(weight, (0, 0), max(1.0, person.shoulder_width * 0.02)) * found
        out = cv2.blendLinear(mirrored, out, weight, 1 - weight)
        skin_part = skin_part * (1 - weight)
    return out, skin_part


#: How far beyond each hip joint (frontal widths) the top is continued down over a
#: lower new bottom: the trunk's sides, not the arms hanging beside it.
WAIST_SIDE = 0.3


def _between_hips(person: Person, frame: Frame, shape: tuple[int, int]) -> NDArray[np.bool_]:
    """The columns of the trunk between the hip joints (a little beyond each)."""
    xs = [float(person.pt(i)[0]) for i in (L_HIP, R_HIP)]
    out = frame.frontal_width * WAIST_SIDE
    cols = np.arange(shape[1], dtype=np.float32)
    inside = (cols >= min(xs) - out) & (cols <= max(xs) + out)
    return np.broadcast_to(inside[None, :], shape)


#: How far above the new garment's lowest row (shoulder widths) its sides are read: on
#: the hem's own rows a rounded or slanted corner leaves the place below the hem (the
#: bottom going on up) outside the rows' extent, and taken for the backdrop it was a
#: white notch over the jeans at the hem's corner (`fitdit_2`, `fitdit_0279`).
HEM_CLEAR = 0.1


def beside_sides(new: NDArray[np.float32], clear: float) -> NDArray[np.bool_]:
    """True on each row the new garment covers, down to `clear` pixels above its lowest
    row, outside its outermost pixels there: what lies beside its sides, not below its
    hem."""
    covered = new > 0.5
    on = covered.any(axis=1)
    rows = np.flatnonzero(on)
    if len(rows):
        on[int(rows[-1] - clear) + 1 :] = False
    cols = np.arange(new.shape[1])
    first = np.where(on, covered.argmax(axis=1), new.shape[1])
    last = np.where(on, new.shape[1] - 1 - covered[:, ::-1].argmax(axis=1), -1)
    return on[:, None] & ((cols[None, :] < first[:, None]) | (cols[None, :] > last[:, None]))


def _above_new(new: NDArray[np.float32], columns: NDArray[np.bool_]) -> NDArray[np.float32]:
    """1 in `columns` above where the new garment starts in each (none: nowhere), else 0."""
    h, w = new.shape
    covered = new > 0.5
    first = np.where(covered.any(axis=0), covered.argmax(axis=0), -1)
    rows = np.arange(h)[:, None]
    return ((rows < first[None, :]) & columns).astype(np.float32)


#: How wide (shoulder widths) a forearm and what it wears (a watch, a bracelet) is
#: taken to be: none of it is mirrored down, or a second wrist hangs below the first.
FOREARM_WIDTH = 0.25


def _forearms(person: Person) -> NDArray[np.uint8]:
    """1 along each forearm, elbow to a little past the wrist, else 0."""
    h, w = person.image.shape[:2]
    out = np.zeros((h, w), np.uint8)
    width = max(2, int(person.shoulder_width * FOREARM_WIDTH))
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        p, q = person.pt(elbow), person.pt(wrist)
        beyond = q + (q - p) * 0.3
        cv2.line(out, tuple(np.floor(p).astype(int)), tuple(np.floor(beyond).astype(int)), 1, width)
    return out


#: How wide (shoulder widths) an arm is taken to be, with its edge, shoulder to wrist.
ARM_WIDTH = 0.4


def _along_arms(person: Person, width: float) -> NDArray[np.uint8]:
    """1 along both arms, shoulder to wrist, `width` shoulder widths wide, else 0."""
    h, w = person.image.shape[:2]
    out = np.zeros((h, w), np.uint8)
    for a, b, c in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        joints = [tuple(np.floor(person.pt(i)).astype(int)) for i in (a, b, c)]
        cv2.polylines(out, [np.array(joints, np.int32)], False, 1, max(2, int(person.shoulder_width * width)))
    return out


#: The trousers or skirt under a long old top are continued up from its hem over a run
#: of at least this much of them below it (shoulder widths): a shorter run is their
#: soft outline, and repeated up it would draw streaks.
BOTTOM_RUN = 0.05
#: Down to how far below the hips (torso lengths) the legs are one piece: between the
#: legs, the gap under a long old top (a coat to mid-thigh) is closed above this, and
#: below it left open a half-width of `CROTCH_SLOPE` times the depth below it, as an
#: inverted V (a level edge across the gap read as a cut-out).
CROTCH_DROP = 0.3
CROTCH_SLOPE = 0.5
#: Beside the legs the backdrop's colour is averaged over 0.1 shoulder widths where
#: that reaches this much of it, else over 0.4.
BACKDROP_NEAR = 0.05


def _bottom_continued(
    person: Person, region: NDArray[np.uint8], depth: NDArray[np.float32], length: float, s: float, plain: bool
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """What a long old top (a coat, a hoodie, a jersey, a tank over shorts) hid below a
    shorter new top's hem, for each `region` pixel, and 1 where that is known: the
    trousers or skirt below its hem continued up (`_from_below`, turning back within
    their run below the hem where a plain mirror would reach the backdrop between or
    beside the legs), the gap between the legs closed above the crotch, and the backdrop
    continued up beside the legs. Inpainted instead, a coat wider than the trousers came
    out as a flat skin-coloured block from the arms and hands round it."""
    # The solid person only: the legs' soft outline is half backdrop, and carried up it
    # drew pale streaks between them.
    usable = person.mask > SOLID
    if plain:
        # Below a coat to the shins (`coat_hem`, standing) the trousers' run is short:
        # not the shoes (they were drawn up the thighs), and plain cloth up the legs, not
        # the cuffs turned back and forth. Elsewhere (a print below a seated person's
        # top, the feet beside it) the mirror is kept as it was.
        usable[max(0, int(min(person.pt(L_ANKLE)[1], person.pt(R_ANKLE)[1]))) :] = False
    mirrored, found = _from_below(person.image, region, usable, max(2, int(s * BOTTOM_RUN)), plain)
    missing = (region > 0) & (depth > 0.6) & (found == 0)
    rows = np.flatnonzero(missing.any(axis=1))
    if not len(rows):
        return mirrored, found
    # Only the rows from the first one missing down: the rest is as mirrored.
    low = slice(int(rows[0]), None)
    opening = (depth[low] - 1 - CROTCH_DROP) * np.float32(length * CROTCH_SLOPE)
    # Between the hip joints only: beyond them a coat's sides lie between the legs and
    # the arms, and closed they took the arm's skin.
    hips = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    cols = np.arange(region.shape[1], dtype=np.float32)[None, :]
    inside = (cols >= hips[0]) & (cols <= hips[1])
    between = missing[low] & inside
    if plain:
        # Under a coat to the shins the gap between the legs opens no wider than it is
        # just below the hem: wide trousers that nearly touch there showed a pale notch
        # of backdrop between the knees.
        gap = np.count_nonzero((_over(person.mask < 0.5, region) & inside).any(axis=0))
        opening = np.minimum(opening, np.float32(gap / 2))
    mirrored[low], found[low] = _between_found(mirrored[low], found[low], between, opening)
    # The rest, where the photo below the hem is the backdrop: the backdrop goes on up,
    # as its colour round about (mirrored up from a slanting hem, a textured backdrop
    # came out in streaks); from further off where none is near.
    clear = person.mask < 0.1
    beside = missing & (found == 0) & _over(clear, region)
    ys = np.flatnonzero(beside.any(axis=1))
    if not len(ys):
        return mirrored, found
    backdrop = clear & (region == 0)
    pad = int(3 * max(2.0, s * 0.1)) + 1
    near_rows = slice(max(0, int(ys[0]) - pad), int(ys[-1]) + pad + 1)
    colour, weight = (np.zeros((*region.shape, 3), np.float32), np.zeros(region.shape, np.float32))
    colour[near_rows], weight[near_rows] = _backdrop_colour(person.image[near_rows], backdrop[near_rows], s * 0.1)
    far = beside & (weight <= BACKDROP_NEAR)
    if far.any():
        wide, wide_weight = _backdrop_colour(person.image, backdrop, s * 0.4)
        colour[far], weight[far] = wide[far], wide_weight[far]
        beside &= weight > 1e-3
    mirrored[beside] = colour[beside] / weight[beside][:, None]
    found[beside] = 1
    return mirrored, found


def _over(values: NDArray[np.bool_], region: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """For each `region` pixel, `values` at the first row below it outside the region
    (False where the region reaches the bottom: nothing is seen below it)."""
    h, w = region.shape
    hole = region > 0
    rows = np.arange(h, dtype=np.int32)[:, None]
    next_clear = np.minimum.accumulate(np.where(hole, h, rows)[::-1], axis=0)[::-1]
    padded = np.vstack([values, np.zeros((1, w), bool)])
    return padded[next_clear, np.arange(w)[None, :]] & hole


def _between_found(
    image: NDArray[np.float32], found: NDArray[np.float32], where: NDArray[np.bool_], opening: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """`image` with each `where` pixel that has `found` pixels on both sides of it in its
    row taken as the mirror image of the nearer side at its edge, except within
    `opening` pixels of the gap's middle; `found` with those pixels set."""
    h, w = found.shape
    cols = np.arange(w, dtype=np.int32)[None, :]
    has = found > 0
    left = np.maximum.accumulate(np.where(has, cols, -1), axis=1)
    right = np.minimum.accumulate(np.where(has, cols, w)[:, ::-1], axis=1)[:, ::-1]
    ys, xs = np.nonzero(where & ~has & (left >= 0) & (right < w))
    if not len(ys):
        return image, found
    lo, hi = left[ys, xs], right[ys, xs]
    closed = np.abs(2 * xs - lo - hi) >= 2 * opening[ys, xs]
    ys, xs, lo, hi = ys[closed], xs[closed], lo[closed], hi[closed]
    nearer_left = xs - lo <= hi - xs
    near = np.clip(np.where(nearer_left, 2 * lo - xs, 2 * hi - xs), 0, w - 1)
    far = np.clip(np.where(nearer_left, 2 * hi - xs, 2 * lo - xs), 0, w - 1)
    # The nearer side's mirror image, else the other side's; where neither side is that
    # wide, the two sides' edges blended across (one pixel drawn across left a line).
    out = image.copy()
    share = ((xs - lo) / np.maximum(hi - lo, 1)).astype(np.float32)[:, None]
    blend = image[ys, lo] * (1 - share) + image[ys, hi] * share
    out[ys, xs] = np.where(
        has[ys, near][:, None], image[ys, near], np.where(has[ys, far][:, None], image[ys, far], blend)
    )
    marked = found.copy()
    marked[ys, xs] = 1
    return out, marked


def _from_above(
    image: NDArray[np.uint8], region: NDArray[np.uint8], usable: NDArray[np.bool_]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """`_from_below` upside down: each `region` pixel taken from as far above the
    region's upper edge as it lies below it, so what is above goes on down."""
    out, found = _from_below(image[::-1], region[::-1], usable[::-1])
    return np.ascontiguousarray(out[::-1]), np.ascontiguousarray(found[::-1])


def _from_below(
    image: NDArray[np.uint8], region: NDArray[np.uint8], usable: NDArray[np.bool_], bounce: int = 0, plain: bool = False
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """`image` with each `region` pixel taken from as far below the region's lower edge
    (in its column) as it lies above it: a mirror at that edge, so what is below goes on
    up seamlessly. Also 1 where such a pixel exists (in the photo, `usable`, and not
    itself in the region or past the next part of it), else 0: the backdrop between the
    legs, mirrored up, would part them to the waist. With `bounce`, where the plain
    mirror finds nothing, it turns back and forth within the run of usable pixels
    below the edge, when that run is at least `bounce` rows; with `plain` too, from the
    edge on it fades into the run's mean colour in its column instead."""
    h, w = region.shape
    hole = region > 0
    rows = np.arange(h, dtype=np.int32)[:, None]
    # Per pixel, the first row at or below it that is outside the region, and inside it.
    next_clear = np.minimum.accumulate(np.where(hole, h, rows)[::-1], axis=0)[::-1]
    next_hole = np.minimum.accumulate(np.where(hole, rows, h)[::-1], axis=0)[::-1]
    ys, xs = np.nonzero(hole)
    edge = next_clear[ys, xs]  # the first row below the region's run
    source = 2 * edge - 1 - ys
    ok = (edge < h) & (source < next_hole[np.minimum(edge, h - 1), xs])
    ok[ok] = usable[source[ok], xs[ok]]
    if bounce:
        below = np.minimum(edge, h - 1)
        next_off = np.minimum.accumulate(np.where(usable & ~hole, h, rows)[::-1], axis=0)[::-1]
        run = np.where(edge < h, next_off[below, xs] - below, 0)
        again = ~ok & (run >= bounce)
        offset, period = (edge - 1 - ys)[again], run[again]
        turn = offset % (2 * period)
        source[again] = edge[again] + np.where(turn < period, turn, 2 * period - 1 - turn)
        ok |= again
    out = image.astype(np.float32)
    found = np.zeros((h, w), np.float32)
    out[ys[ok], xs[ok]] = image[source[ok], xs[ok]]
    found[ys[ok], xs[ok]] = 1
    if bounce and plain:
        # Turned back and forth, a short run (the trousers' cuffs below a coat to the
        # shins) drew chevrons up the legs: from the edge on it fades into the run's
        # mean colour in its column, as plain cloth with its lengthwise shading.
        mean = _run_means(image.astype(np.float32), edge, run, xs)
        share = np.clip((edge - 1 - ys) / np.maximum(run, 1), 0, 1)[:, None].astype(np.float32)
        share[~(run >= bounce)] = 0
        out[ys, xs] = out[ys, xs] * (1 - share) + mean * share
    return out, found


def _run_means(
    image: NDArray[np.float32], start: NDArray[np.int32], run: NDArray[np.int32], xs: NDArray[np.intp]
) -> NDArray[np.float32]:
    """Per pixel, the mean colour of `image` over the `run` rows from row `start` down in
    its column `xs` (0 where the run is empty)."""
    sums = np.vstack([np.zeros((1, *image.shape[1:]), np.float32), np.cumsum(image, axis=0, dtype=np.float32)])
    h = image.shape[0]
    low, high = np.clip(start, 0, h), np.clip(start + run, 0, h)
    return ((sums[high, xs] - sums[low, xs]) / np.maximum(high - low, 1)[:, None]).astype(np.float32)


def _without_old(
    image: NDArray[np.uint8], skin_rgb: NDArray[np.float32], old: NDArray[np.float32], skin_part: NDArray[np.float32]
) -> NDArray[np.uint8]:
    """`image` with the old garment's pixels where skin is rebuilt replaced by that skin:
    what a fill from round a hole may draw on."""
    under = (old > 0) & (skin_part >= 0.5)
    if not under.any():
        return image
    out = image.copy()
    out[under] = np.clip(skin_rgb[under], 0, 255).astype(np.uint8)
    return out


#: How far (Gaussian sigmas, shoulder widths) the backdrop is read along its rows and
#: across them for the refill beside a top's or dress's shoulders: a wall's bands, a
#: shelf, the floor line and a studio sweep's light run level, so the backdrop beside a
#: pixel on its own row is what goes on behind it. Read round about (0.1 shoulder widths
#: every way), the grey band above a white one came down round the shoulders as a halo.
BACKDROP_ALONG, BACKDROP_ACROSS = 0.15, 0.015
#: The least share of backdrop round a pixel along its rows (the row read's weight) for
#: that read to be taken in full; below it, it fades into the read round about.
BACKDROP_ROW_LEAST = 0.05
#: Over how far (Gaussian sigma, shoulder widths) the refill next to the kept backdrop
#: takes that backdrop's own colour there, fading into the wider reads inside: a wider
#: read alone met it in a step (a grey block cut square under a white column behind).
BACKDROP_NEAR = 0.03


def _backdrop_fill(
    image: NDArray[np.uint8],
    filled: NDArray[np.float32],
    region: NDArray[np.bool_],
    backdrop: NDArray[np.bool_],
    shoulders: float,
    rows: bool = False,
) -> NDArray[np.float32]:
    """`filled` with `region` (the refill of what lies behind the person) taken from the
    backdrop around it only: its colour and gradient, averaged over the backdrop pixels
    near each. With `rows`, from the backdrop beside it on its own rows where there is
    any (`BACKDROP_ALONG`), round about only where there is none, and next to the
    backdrop as it is there (`BACKDROP_NEAR`)."""
    if not region.any() or not backdrop.any():
        return filled
    colour, known = _backdrop_colour(image, backdrop, shoulders * 0.1)
    reached = region & (known > 1e-3)
    out = filled.copy()
    out[reached] = colour[reached] / known[reached][:, None]
    if rows:
        along, weight = _backdrop_along_rows(image, backdrop, shoulders)
        share = np.clip(weight[reached] / BACKDROP_ROW_LEAST, 0, 1)[:, None]
        level = along[reached] / np.maximum(weight[reached], 1e-6)[:, None]
        out[reached] = level * share + out[reached] * (1 - share)
        # The near read's weight is half at the backdrop's edge and falls off inside:
        # doubled, it is taken in full there and fades out over about two sigmas.
        near, weight = _backdrop_colour(image, backdrop, shoulders * BACKDROP_NEAR)
        share = np.clip(2 * weight[reached], 0, 1)[:, None]
        level = near[reached] / np.maximum(weight[reached], 1e-6)[:, None]
        out[reached] = level * share + out[reached] * (1 - share)
    return out


def _backdrop_along_rows(
    image: NDArray[np.uint8], backdrop: NDArray[np.bool_], shoulders: float
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The `backdrop` pixels' colours summed round each pixel with a Gaussian long along
    the rows and short across them (`BACKDROP_ALONG`, `BACKDROP_ACROSS`), and their
    weight there; blurred on a copy narrowed along the rows, as smooth and far cheaper."""
    weight = backdrop.astype(np.float32)
    stacked = np.dstack([image.astype(np.float32) * weight[:, :, None], weight])
    along = max(2.0, shoulders * BACKDROP_ALONG)
    factor = max(1, int(along // 2.5))
    h, w = backdrop.shape
    narrow = cv2.resize(stacked, (max(1, w // factor), h), interpolation=cv2.INTER_AREA)
    narrow = cv2.GaussianBlur(narrow, (0, 0), along / factor, sigmaY=max(1.0, shoulders * BACKDROP_ACROSS))
    summed = cv2.resize(narrow, (w, h), interpolation=cv2.INTER_LINEAR)
    return summed[:, :, :3], summed[:, :, 3]


def _backdrop_colour(
    image: NDArray[np.uint8], backdrop: NDArray[np.bool_], sigma: float
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The `backdrop` pixels' colours summed round each pixel (Gaussian, `sigma` pixels,
    at least 2) and their weight there: the colour round about is the one over the other."""
    weight = backdrop.astype(np.float32)
    sigma = max(2.0, sigma)
    colour = np.dstack([blur(image[:, :, c].astype(np.float32) * weight, sigma) for c in range(3)])
    return colour, blur(weight, sigma)


def _edge_kernel(person: Person) -> NDArray[np.uint8]:
    """A square as wide as a garment's soft edge in the photo (part garment, part what is
    beside it): how far beyond the old garment's mask its outline still shows."""
    edge = 2 * max(1, int(person.shoulder_width * 0.012)) + 1
    return np.ones((edge, edge), np.uint8)


def _inpaint(image: NDArray[np.uint8], region: NDArray[np.uint8]) -> NDArray[np.float32]:
    """`image` with `region` filled from around it; done at half size, as the fill is
    smooth anyway and costs four times less there."""
    h, w = region.shape
    if min(h, w) < 64:
        return cv2.inpaint(image, region, 3, cv2.INPAINT_TELEA).astype(np.float32)
    half = (w // 2, h // 2)
    small = cv2.inpaint(
        cv2.resize(image, half, interpolation=cv2.INTER_AREA),
        (cv2.resize(region, half, interpolation=cv2.INTER_AREA) > 0).astype(np.uint8),
        3,
        cv2.INPAINT_TELEA,
    )
    filled = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    np.copyto(filled, image, where=(region == 0)[:, :, None])
    return filled
