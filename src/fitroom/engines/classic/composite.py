"""Drawing the warped garment parts over the photo: the face and hands stay in front, the
new garment takes on the photo's shading, and what the old garment showed beyond it is
rebuilt."""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic import skin
from fitroom.engines.classic.arms import (
    KEPT_BARE,
    KEPT_FROM,
    KEPT_WIDEN,
    bare_arms_beside,
    bare_forearms_in_front,
    bare_forearms_over_bottom,
    below_hems,
    sleeves_over_bottom,
    straps_over_arms,
)
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.boxes import bounds, box_slices
from fitroom.engines.classic.colour import greyer_than_skin, skin_like
from fitroom.engines.classic.garment import Garment, long_sleeved
from fitroom.engines.classic.hair import hair_in_front
from fitroom.engines.classic.hands import hand_matte, hands_in_front
from fitroom.engines.classic.held import held_in_front
from fitroom.engines.classic.old_garment import (
    HIGH_WAIST_RISE,
    LONG_HEM_DROP,
    below_line,
    bottom_coloured,
    coat_hem,
    collar_in_face,
    kept_top,
    read_hair_colours,
    wears_open_coat,
    worn_bottom,
)
from fitroom.engines.classic.outer_coat import outer_coat
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
)
from fitroom.engines.classic.rebuild import ARMPIT, replaced
from fitroom.engines.classic.warp import Layer, alpha3


@dataclass
class Composite:
    image: NDArray[np.uint8]
    garment: NDArray[np.float32]  # how much of each pixel is the new garment (0..1)
    edited: NDArray[np.bool_]  # every pixel that may differ from the input
    skin: NDArray[np.float32]  # how much of each pixel is rebuilt skin (0..1)
    old: NDArray[np.float32]  # where the old garment the new one replaces was (0..1)
    #: The window that holds every pixel the composite changed: outside it the masks are 0.
    window: tuple[slice, slice] = (slice(None), slice(None))


def _window(person: Person, garment: Garment, layers: list[Layer]) -> tuple[int, int, int, int]:
    """Box holding every pixel the composite may change: the layers and the body zones."""
    h, w = person.image.shape[:2]
    joints = [L_SHOULDER, R_SHOULDER, L_ELBOW, R_ELBOW, L_WRIST, R_WRIST, L_HIP, R_HIP]
    if garment.category != SwapTarget.TOP:
        joints += [L_KNEE, R_KNEE, L_ANKLE, R_ANKLE]
    pts = np.array([person.pt(i) for i in joints])
    frame = torso_frame(person)
    hips = np.array([person.pt(L_HIP), person.pt(R_HIP)])
    if garment.category == SwapTarget.TOP:
        # What the old top left below the hips is replaced too (see old_garment._long_hem).
        pts = np.vstack([pts, hips + frame.down * frame.length * LONG_HEM_DROP])
        if coat_hem(person, frame) is not None:
            # ...and a long coat's skirt, with the trousers below it that go on up
            # (old_garment.coat_hem).
            pts = np.vstack([pts, [person.pt(L_ANKLE), person.pt(R_ANKLE)]])
        elif wears_open_coat(person):
            # ...and an open coat's skirt down to the knees (old_garment._coat_panels).
            pts = np.vstack([pts, [person.pt(L_KNEE), person.pt(R_KNEE)]])
    elif garment.category == SwapTarget.BOTTOM:
        # ...and a high-waisted old bottom up to its waistband (old_garment._high_waist).
        pts = np.vstack([pts, hips - frame.down * frame.length * HIGH_WAIST_RISE])
    pad = person.shoulder_width * 0.5 + 8
    x0, y0 = np.floor(pts.min(axis=0) - pad)
    x1, y1 = np.ceil(pts.max(axis=0) + pad)
    for layer in layers:
        lx0, ly0, lx1, ly1 = layer.box
        x0, y0 = min(x0, lx0 - 8), min(y0, ly0 - 8)
        x1, y1 = max(x1, lx1 + 8), max(y1, ly1 + 8)
    return int(max(0, x0)), int(max(0, y0)), int(min(w, x1)), int(min(h, y1))


#: The old garment, the photo's shading and what the old garment hid are worked out on
#: the photo shrunk by a whole factor to about this size (nano's), then enlarged: all
#: three are smooth, and at basic or pro size they cost four or sixteen times as much
#: for no visible gain. The new garment is drawn at full size.
ANALYSIS_SIDE = 512
#: How soft (Gaussian sigma, pixels) the kept top's hem is over a new bottom.
FRONT_SOFT = 0.7
#: How far either side of a column (frontal widths) the kept top's lowest hem is taken.
HEM_SPREAD = 0.1
#: How far (torso lengths) above the kept top's hem, beside the hip joints, the old
#: bottom joined to it below the hem is still the old bottom (its waistband's corners).
HIP_RISE = 0.12
#: How far (torso lengths) a top's outline is bridged down the body's sides: a waist
#: narrower than the chest and hips above and below it within this span is hung over.
WAIST_BRIDGE = 0.6
#: How far either side of a column (shoulder widths) the old waistband's top edge is
#: taken: wider than a frayed elastic's frills or a belt loop, narrower than a curved hem.
BAND_EDGE_SPREAD = 0.05
#: How far below that edge (torso lengths) pieces kept in front of a new bottom are
#: looked for: an old waistband's depth.
BAND_DEPTH = 0.15
#: The old bottom starts in a column at a vertical run this long (shoulder widths):
#: a speck of it higher up does not count.
BAND_RUN = 0.01
#: How far beyond the hip joints (frontal widths) the waistband is looked at: out to the
#: waist's sides, where pale denim by a white tank's hem joins the kept top as well.
BAND_PAD = 0.35
#: How far either side of a column (shoulder widths) the old bottom's first row is read
#: as the median of its run (`_waistband_line`): over twice as wide as the patches the
#: kept top's mask runs into (at 0.15 half of a satin band's black smear stayed).
BAND_LINE_SPREAD = 0.25


def _multiple(low: int, high: int, step: int, limit: int) -> tuple[int, int]:
    """The span [low, high) grown to a multiple of `step` long, inside [0, limit) where it
    can be: shrinking by a whole factor is then exact, and several times faster."""
    length = -(-(high - low) // step) * step
    high = min(limit, low + length)
    return max(0, high - length), high


def compose(person: Person, garment: Garment, layers: list[Layer]) -> Composite:
    """Draw the layers over the photo; everything they do not touch stays as it was.

    The work is done in the window that can change, then pasted into the full photo.
    """
    w, h = person.size
    shrink = max(1, round(max(w, h) / ANALYSIS_SIDE))
    x0, y0, x1, y1 = _window(person, garment, layers)
    x0, x1 = _multiple(x0, x1, shrink, w)
    y0, y1 = _multiple(y0, y1, shrink, h)
    window = (slice(y0, y1), slice(x0, x1))
    shifted = [Layer(layer.colour, layer.alpha, layer.x - x0, layer.y - y0) for layer in layers]
    # The hand landmarks, where needed, are found on the whole photo (and kept on it).
    cover = np.zeros(person.image.shape[:2], bool)
    solid = np.zeros(person.image.shape[:2], bool)
    for layer in layers:
        cover[layer.slices] |= layer.alpha > 0.05
        solid[layer.slices] |= layer.alpha > 0.5
    # The top a new bottom leaves on hangs in front of it (see `_over_bottom`).
    over = _over_bottom(person, solid) if garment.category == SwapTarget.BOTTOM else None
    hands = hands_in_front(person, cover, over) | bare_forearms_in_front(person, not long_sleeved(garment))
    # What the hands hold (a phone, a fruit, a bag) stays in front with them.
    hands |= held_in_front(person, garment.category)
    # An open coat, of any colour, is the outer layer, in front of any new garment.
    hands |= outer_coat(person)
    if garment.category != SwapTarget.TOP:
        # A bare forearm hanging in front of the hips is in front of a bottom or a dress's
        # skirt, as the hand on the thigh it leads to.
        hands |= bare_forearms_over_bottom(person)
    if garment.category == SwapTarget.BOTTOM:
        # A sleeve hanging down to the hips is the top's, in front of a new bottom.
        hands |= sleeves_over_bottom(person)
    look = skin.look(person)
    # Bare arms are the person's own skin, in front of a top or dress: nothing is rebuilt
    # over them, up to the shoulder and across their whole width.
    arms = (
        bare_arms_beside(person, torso_frame(person), KEPT_FROM, KEPT_WIDEN, KEPT_BARE)
        if garment.category != SwapTarget.BOTTOM
        else None
    )
    # Long hair over the shoulders stays in front of a top or dress, with its soft ends.
    hair = hair_in_front(person, garment.category)
    # The window below mostly sees no head: the hair's colour is read on the whole photo.
    read_hair_colours(person)
    # The old top's straps over a kept arm's shoulder are not the arm: they are rebuilt
    # with the rest of the old top, the hair, face and hands in front of them never.
    straps = None
    if arms is not None:
        straps = straps_over_arms(person, torso_frame(person), arms, (hair > 0.05) | hands | (person.face > 0))
        arms = arms * (1 - straps)
    # The top a new bottom leaves on hangs in front of it, its hem as in the photo: drawn
    # over, a tee's or coat's lower part went, its sides beside the new waistband rebuilt
    # as smears. Its outline is shared half and half with the new bottom.
    front = None if over is None else cv2.GaussianBlur(over.astype(np.float32), (0, 0), FRONT_SOFT)[window]
    part = _compose(
        person.crop(x0, y0, x1, y1),
        garment,
        shifted,
        hands[window],
        shrink,
        look,
        None if arms is None else arms[window],
        hair[window],
        front,
        None if straps is None else straps[window],
        _worn_above_knees(person)[window] if garment.category == SwapTarget.BOTTOM else None,
    )
    image = person.image.copy()
    image[window] = part.image
    garment_cover = np.zeros(image.shape[:2], np.float32)
    garment_cover[window] = part.garment
    edited = np.zeros(image.shape[:2], bool)
    edited[window] = part.edited
    shown = np.zeros(image.shape[:2], np.float32)
    shown[window] = part.skin
    old = np.zeros(image.shape[:2], np.float32)
    old[window] = part.old
    return Composite(image, garment_cover, edited, shown, old, window)


def _worn_above_knees(person: Person) -> NDArray[np.bool_]:
    """The old bottom as found on the whole photo at full size (`worn_bottom`) above the
    knees: its rim beside the hips is what the smaller rebuild loses; below the knees
    its rim runs into the shoes' edges, kept (taken, a shoe's edge was smeared)."""
    knees = (person.pt(L_KNEE) + person.pt(R_KNEE)) / 2
    return worn_bottom(person) & ~below_line(person, torso_frame(person), knees)


def _over_bottom(person: Person, cover: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """What a new bottom stays behind: the kept top (`old_garment.kept_top`), and what
    lies above its hem beside it (the arms, the backdrop between them and the top) and
    is not the old bottom (`old_garment.bottom_coloured`, `worn_bottom`), less the pieces
    of the old waistband in it (`_in_old_waistband`) that the new bottom (`cover`) lays
    over. The hem is the top's lowest row in each column between the hip
    joints, carried out level past them: a new waistband wider than the top hanging
    over it showed as ragged strips beside the top's sides; read beyond the hip joints,
    the hem ran down a gap of backdrop beside the legs, and the old trousers' sides
    stayed above it."""
    top = kept_top(person)
    h, w = top.shape
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    cols = np.arange(w)
    trunk = (cols >= xs[0]) & (cols <= xs[1]) & top.any(axis=0)
    if not trunk.any():
        return top
    lowest = h - 1 - np.argmax(top[::-1], axis=0)
    hem = np.interp(cols, cols[trunk], lowest[trunk]).astype(np.float32)
    # Its shaded sides may pass for the bottom's colour: each column takes the lowest
    # hem near it.
    near = 2 * max(1, int(torso_frame(person).frontal_width * HEM_SPREAD)) + 1
    hem = cv2.dilate(hem[None, :], np.ones((1, near), np.uint8)).ravel()
    # Not the old bottom itself where the hem slants up (a hand in a pocket lifting it)
    # or its waistband shows below a tucked top: its colour joined to the thighs, and
    # between the hip joints all its mask (beside them the shade between the top and
    # an arm falls in it).
    between = ((cols >= xs[0]) & (cols <= xs[1]))[None, :]
    worn = worn_bottom(person)
    above = np.arange(h)[:, None] < hem[None, :]
    behind = bottom_coloured(person) | (worn & between) | _hip_corners(person, worn & ~top, above, hem, between)
    front = top | (above & ~behind)
    # Only where the new bottom covers them: elsewhere they were rebuilt as pale blocks
    # of the top carried down.
    pieces = _in_old_waistband(person, front, worn)
    return front & ~(pieces & cover)


def _in_old_waistband(person: Person, front: NDArray[np.bool_], worn: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The pieces of `front` that lie inside the old bottom's waistband: below its top
    edge (each column's first run of the old bottom not in front, the highest near it)
    and within `BAND_DEPTH` of it, below the old bottom or the line of its first row on
    either side (`_waistband_line`), on it or ringed by it, each resting on the old
    bottom, out to the waist's sides (`BAND_PAD`). The kept top's mask runs into a
    waistband in patches of its colours (a satin band's sheen under a black top, a
    frayed elastic's pale frills, a grey print's flecks on grey denim, pale denim by a
    white tank) and a button or rivet is ringed by the old bottom: kept in front, they
    stayed over the new waistband as black smears, a pale frayed band, pale blocks or
    the old button."""
    h, w = worn.shape
    frame = torso_frame(person)
    s = person.shoulder_width
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    pad = frame.frontal_width * BAND_PAD
    cols = np.arange(w)
    between = ((cols >= xs[0] - pad) & (cols <= xs[1] + pad))[None, :]
    shown = worn & ~front
    run = 2 * max(1, int(s * BAND_RUN)) + 1
    solid = cv2.morphologyEx(shown.astype(np.uint8), cv2.MORPH_OPEN, np.ones((run, 1), np.uint8)) > 0
    first = np.where(solid.any(axis=0), np.argmax(solid, axis=0), h).astype(np.float32)
    near = 2 * max(1, int(s * BAND_EDGE_SPREAD)) + 1
    # A patch the kept top's mask runs into lowers the first row shown under it: the
    # line of that row on either side (`_waistband_line`) passes over it.
    line = _waistband_line(first, h, max(1, int(s * BAND_LINE_SPREAD)))
    edge = cv2.erode(first[None, :], np.ones((1, near), np.uint8)).ravel()
    rows = np.arange(h, dtype=np.float32)[:, None]
    band = (rows > edge[None, :]) & (rows < edge[None, :] + np.float32(BAND_DEPTH * frame.length))
    # ...or ringed by the old bottom (a button, a rivet): filled in the box round it, the
    # same holes as over the whole photo (all outside the box joins the photo's edge).
    ringed = np.zeros((h, w), bool)
    found = bounds(worn)
    if found is not None:
        box = box_slices(found)
        outside = np.pad(~worn[box], 1, constant_values=True).astype(np.uint8)
        cv2.floodFill(outside, None, (0, 0), (2,))
        ringed[box] = outside[1:-1, 1:-1] == 1
    pieces = front & between & band & ((rows > np.minimum(first, line)[None, :]) | worn | ringed)
    count, labels = cv2.connectedComponents(pieces.astype(np.uint8), connectivity=8)
    if count <= 1:
        return pieces
    # Each piece rests on the old bottom: what lies right below it is the old bottom
    # shown, not more of the top (a sheer top's ragged hem above its own lower part).
    under = np.zeros_like(labels)
    under[1:] = labels[:-1]
    under[pieces] = 0
    rim = np.bincount(under.ravel(), minlength=count)
    on_old = np.bincount(under[shown].ravel(), minlength=count)
    resting = np.flatnonzero(on_old * 2 > rim)
    return np.isin(labels, resting[resting > 0])


def _waistband_line(first: NDArray[np.float32], h: int, spread: int) -> NDArray[np.float32]:
    """Each column's median of `first` (the old bottom's first row shown, `h` where none)
    over the columns within `spread` that show it, `h` where none does. Under a patch
    the kept top's mask runs into (a black satin band's sheen, pale denim by a white
    tank) the bottom shows only below the patch, and read per column the patch lay
    above it, in front: the median of the rows on either side passes over it, as the
    waistband's top edge does, while a slanting hem keeps its own rows (a curved one's
    lowest two or three at its dip go under the new bottom)."""
    seen = np.where(first < h, first, np.nan).astype(np.float32)
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(seen, spread, constant_values=np.nan), 2 * spread + 1)
    valid = ~np.isnan(windows).all(axis=1)
    line = np.full(first.shape, np.float32(h))
    if valid.any():
        line[valid] = np.nanmedian(windows[valid], axis=1)
    return line


def _hip_corners(
    person: Person,
    worn: NDArray[np.bool_],
    above: NDArray[np.bool_],
    hem: NDArray[np.float32],
    between: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """The old bottom (`worn`, off the kept top) beside the hip joints that rises at
    most `HIP_RISE` above the kept top's `hem` and joins the old bottom below the hem
    between the hip joints: a waistband curving up over the hips under a crop top.
    Beside the hip joints only its plainly bottom-coloured pixels counted as behind, so
    its shaded corners were kept in front of a new bottom as a strip of the old one."""
    h = worn.shape[0]
    low = hem - np.float32(HIP_RISE * torso_frame(person).length)
    band = worn & (np.arange(h, dtype=np.float32)[:, None] >= low[None, :])
    _, labels = cv2.connectedComponents(band.astype(np.uint8), connectivity=4)
    seeds = np.unique(labels[band & ~above & between])
    return np.isin(labels, seeds[seeds > 0]) & above & ~between


#: Below the hips' line the legs' detail fades in from the neck's and hands' to the
#: person's own shins' over this much of the torso's length.
SHINS_DETAIL_FADE = 0.3


def _with_shins_detail(
    person: Person,
    old: NDArray[np.float32],
    hands: NDArray[np.bool_],
    laid: NDArray[np.float32],
    full: NDArray[np.float32],
    box: tuple[slice, slice],
    off_forearms: NDArray[np.float32],
    look: skin.SkinLook,
) -> NDArray[np.float32]:
    """`laid` (the detail laid on the rebuilt skin in `box`) with the person's own bare
    shins' detail on the legs below the hips, where the shins show, else the skin's
    `full` detail at a real shin's level (not on a forearm hanging beside them).

    Calmed as a chest is, legs rebuilt from trousers were as smooth as plastic; laid in
    full, the neck's and hands' detail was a sandpaper stipple."""
    bare = skin_like(person) & (person.mask > 0.5) & ~hands & (person.face == 0)
    bare &= cv2.dilate((old > 0).astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    patches = skin.shin_patches(person, bare)
    frame = torso_frame(person)
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    depth = (xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1])) / max(frame.length, 1.0)
    legs = np.clip((depth - 1) / SHINS_DETAIL_FADE, 0, 1) * off_forearms
    if patches is None:
        shins = skin.calmed_on_chest(full, np.ones_like(full), skin.LEG_DETAIL_MOST)
    else:
        shins = skin.detail(laid.shape, replace(look, patches=patches))
    return np.asarray(laid * (1 - legs) + shins * legs, np.float32)


#: A kept arm's pixel is paler than the arm when it is lighter than the arm's own skin
#: (its median over the kept arm's solid pixels, Lab L, 8-bit) by this much...
PALE_RIM_LIGHTER = 25.0
#: ...and its chroma (Lab a, b) is under this share of the arm's: the old white top's
#: edge blended with the arm's outline. The arm's own lit side keeps its hue.
PALE_RIM_CHROMA = 0.7
#: ...or no darker than the arm by more than this, with under this share of its chroma:
#: the old white top's shaded side.
PALE_RIM_DARKER, GREY_RIM_CHROMA = 20.0, 0.6
#: Only where the analysis size rebuilt more than this of the pixel (the old garment's
#: place and its rim): a light bottom under the widened arm mask below it stays.
REBUILT_LEAST = 0.05


def _grey_rim(
    person: Person, arms: NDArray[np.float32], old: NDArray[np.float32], rebuild: NDArray[np.float32]
) -> NDArray[np.float32]:
    """1 where a kept bare arm's soft outline (`arms`, at full size) is the old garment,
    not the arm, else 0: where it lies on the old garment (`old` half or more, brought up
    from the analysis size) and the photo there is greyer than the person's skin can be
    (`colour.greyer_than_skin`); or, below the armpits, where the analysis size rebuilt
    part of the pixel (`rebuild` over `REBUILT_LEAST`: the old garment's place and its
    rim) and it is paler or greyer than the arm's own skin (`_paler_than`). The arm's mask is kept at full size while the
    old garment's is found at half size, where the pixels it shares with the arm's edge
    are no arm (`rebuild._cloth_kept` never saw them), and the mask, widened to take the
    arm's whole outline (`arms.KEPT_WIDEN`), holds 2-4 pixels of a white top's edge or
    shaded side: kept, they stood as a pale rim, white flecks or notches along the arm
    beside the new garment's side. The arm's own dark outline is skin-hued and darker:
    kept; so is a light bottom under the widened mask below the old top (nothing of it
    rebuilt)."""
    rim = np.zeros(arms.shape, np.float32)
    on_old = old >= 0.5
    found = bounds((arms > 0) & (on_old | (rebuild > REBUILT_LEAST)) & (person.face == 0))
    if found is None:
        return rim
    box = box_slices(found)
    lab = person.lab()
    arm = (arms[box] > 0) & (person.face[box] == 0)
    grey = on_old[box] & greyer_than_skin(lab[box], person.skin_lab)
    # The arm's own skin: its solid pixels off the old garment (on it, the rim itself
    # weighs in, and a white rim raised the arm's median to its own lightness).
    own = (arms >= 0.99) & ~on_old & (person.face == 0)
    pale = (rebuild[box] > REBUILT_LEAST) & _paler_than(lab[box], lab[own])
    # Below the armpits, where the arm hangs beside the torso: above them the pale
    # pixels are the shoulder's own soft outline against the wall, and given back they
    # left a jagged step on top of a bare shoulder (`ootd--09597_00` under the cami).
    frame = torso_frame(person)
    x0, y0, x1, y1 = found
    across = (np.arange(x0, x1, dtype=np.float32) - frame.neck[0]) * frame.down[0]
    down = (np.arange(y0, y1, dtype=np.float32) - frame.neck[1]) * frame.down[1]
    pale &= (across[None, :] + down[:, None]) >= ARMPIT * max(frame.length, 1.0)
    rim[box] = (arm & (grey | pale)).astype(np.float32)
    return rim


def _paler_than(lab: NDArray[np.float32], own: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Per pixel (Lab), whether it is paler or greyer than the skin whose pixels `own`
    (Lab, one a row) are given: lighter than their median by `PALE_RIM_LIGHTER` with under
    `PALE_RIM_CHROMA` of their median chroma, or no darker than `PALE_RIM_DARKER` below it
    with under `GREY_RIM_CHROMA`. A white top's edge or shaded side blended with the arm's
    outline is; the arm's own lit side keeps its hue, its dark outline is darker."""
    if len(own) == 0:
        return np.zeros(lab.shape[:2], bool)
    own_light = float(np.median(own[:, 0]))
    own_chroma = float(np.median(np.hypot(own[:, 1] - 128.0, own[:, 2] - 128.0)))
    chroma = np.hypot(lab[..., 1] - 128.0, lab[..., 2] - 128.0)
    paler = lab[..., 0] > own_light + PALE_RIM_LIGHTER
    greyer = lab[..., 0] > own_light - PALE_RIM_DARKER
    return np.asarray(
        (paler & (chroma < PALE_RIM_CHROMA * own_chroma)) | (greyer & (chroma < GREY_RIM_CHROMA * own_chroma))
    )


def _compose(
    person: Person,
    garment: Garment,
    layers: list[Layer],
    hands: NDArray[np.bool_],
    shrink: int,
    look: skin.SkinLook,
    arms: NDArray[np.float32] | None = None,
    hair: NDArray[np.float32] | None = None,
    front: NDArray[np.float32] | None = None,
    straps: NDArray[np.float32] | None = None,
    worn: NDArray[np.bool_] | None = None,
) -> Composite:
    """The new garment's `layers` laid over `person` (a window of the photo), what they
    leave of the old garment rebuilt at `shrink` times smaller. `worn`, for a new bottom,
    is the old bottom as found on the whole photo at full size (`worn_bottom`), whose
    rim the smaller rebuild's own mask may lose (`rebuild.replaced`)."""
    face = person.face > 0
    if garment.category != SwapTarget.BOTTOM:
        face &= ~collar_in_face(person)
    fixed = np.maximum(face.astype(np.float32), hand_matte(hands))
    if front is not None:
        fixed = np.maximum(fixed, front)
    keep = fixed if hair is None else np.maximum(fixed, hair)
    # What is rebuilt keeps off the bare arms as well; new sleeves still cover them.
    kept = keep if arms is None else np.maximum(keep, arms)
    w, h = person.size
    new_total = np.zeros((h, w), np.float32)
    for layer in layers:
        np.maximum(new_total[layer.slices], layer.alpha, out=new_total[layer.slices])
    size = (max(1, round(w / shrink)), max(1, round(h / shrink)))
    if size == (w, h):
        rebuild, fill, shade, skin_part, old, loose = replaced(
            person, garment, new_total, hands, kept, look, straps, None if worn is None else worn.astype(np.float32)
        )
    else:
        shrunk = [
            cv2.resize(a, size, interpolation=cv2.INTER_AREA) for a in (new_total, hands.astype(np.uint8), keep, kept)
        ]
        # A strap keeps every pixel it touches at the smaller size: the old top there.
        small_straps = None if straps is None else np.ceil(cv2.resize(straps, size, interpolation=cv2.INTER_AREA))
        # Face and hands keep every pixel they touch at the smaller size; an arm only
        # those it fills: the old sleeve's hem against it is rebuilt, not left as a line.
        small_kept = np.maximum(np.ceil(shrunk[2]), np.floor(shrunk[3]))
        # The old bottom found at full size keeps every pixel it touches too.
        small_worn = (
            None if worn is None else np.ceil(cv2.resize(worn.astype(np.float32), size, interpolation=cv2.INTER_AREA))
        )
        rebuild, fill, shade, skin_part, old, loose = (
            cv2.resize(a, (w, h), interpolation=cv2.INTER_LINEAR)
            for a in replaced(
                person.scaled(size), garment, shrunk[0], shrunk[1] > 0, small_kept, look, small_straps, small_worn
            )
        )
    # The old garment under a bare arm's kept edge, or an old neckband taken into the
    # hair kept in front, goes after all (`rebuild._cloth_kept`); the face and hands stay.
    held = np.zeros_like(keep) if hair is None else hair
    if arms is not None:
        # An old sleeve's hem's rim on the kept arm is rebuilt with the arm above it, as
        # far as that is rebuilt as skin: left, it stood as a line across the arm.
        hems = below_hems(person, arms, old > 0.5) * np.clip(skin_part, 0, 1)
        rim = np.maximum(_grey_rim(person, arms, old, rebuild), hems)
        held = np.maximum(held, arms * (1 - rim))
        rebuild = np.maximum(rebuild, rim)
    kept = np.maximum(fixed, held * (1 - loose))
    rebuild *= 1 - kept
    out = person.image.astype(np.float32)
    found = bounds(rebuild > 0)
    if found is not None:  # blended only where something is rebuilt
        box = box_slices(found)
        # The skin's own detail, at full size (the rest of the fill is smooth).
        grained = skin_part[box] * (rebuild[box] > 0)
        if grained.any():
            # ...at a real chest's level off the forearms: the forearms it is read on are hairier.
            origin = np.array(found[:2], np.float32)
            smooth = skin.off_forearms(person.points - origin, person.shoulder_width, grained.shape)
            full = skin.detail(grained.shape, look)
            laid = skin.calmed_on_chest(full, smooth)
            if garment.category in (SwapTarget.BOTTOM, SwapTarget.DRESS):
                laid = _with_shins_detail(person, old, hands, laid, full, box, smooth, look)
            fill[box] = cv2.multiply(fill[box], alpha3(1 + laid * grained))
        out[box] = cv2.blendLinear(out[box], fill[box], 1 - rebuild[box], rebuild[box])
    strapped = None if straps is None else bounds(straps > 0, pad=STRAP_PAINT + 2)
    if straps is not None and strapped is not None:
        # A strap over a kept arm lies on the arm's own skin: painted from the skin
        # beside it. The rebuilt fill, smooth, stood as a pale band along the shoulder.
        box = box_slices(strapped)
        hole = (straps[box] > 0).astype(np.uint8)
        painted = cv2.inpaint(cv2.convertScaleAbs(out[box]), hole, STRAP_PAINT, cv2.INPAINT_TELEA)
        out[box] = np.where(hole[:, :, None] > 0, painted.astype(np.float32), out[box])
    # A top stays on the body; a skirt or dress may flare out beyond the legs. It hangs
    # straight past a narrow waist, though: the body's outline is bridged down its sides
    # (a tee cut to a fitted old dress's waist was an hourglass, the old bodice beside it).
    if garment.category == SwapTarget.TOP:
        frame = torso_frame(person)
        reach = max(1, int(frame.width * 0.06))
        span = 2 * max(1, int(frame.length * WAIST_BRIDGE / 2)) + 1
        bridged = cv2.morphologyEx((person.mask > 0.35).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((span, 1), np.uint8))
        body = cv2.dilate(bridged, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    # A garment's outline over the backdrop is drawn as crisply as on skin: warped up from
    # the product's soft cut-out it was a wobbly, 3-4 pixel dark smear on a light wall.
    # The person's mask fades over some 20 pixels: off the body is where it is under half.
    off_body = np.clip(2 * (1 - person.mask), 0, 1).astype(np.float32)
    clean_on = np.maximum(skin_part, off_body)
    coverage = np.zeros((h, w), np.float32)
    alphas = []
    colours = []
    for layer in layers:
        box = layer.slices
        allowed = 1 - keep[box]
        if garment.category == SwapTarget.TOP:
            allowed *= body[box]
        a = layer.alpha * allowed  # both 0..1
        a = cv2.GaussianBlur(a, (0, 0), 0.8) * (a > 0.01)
        a = clean_edge(a, clean_on[box])
        a = np.minimum(a, allowed)
        np.maximum(coverage[box], a, out=coverage[box])
        alphas.append(a)
        colours.append(inner_colour(layer.colour, layer.alpha, off_body[box]))
    if garment.category in (SwapTarget.TOP, SwapTarget.DRESS) and len(layers) > 1:
        union = coverage
        if garment.category == SwapTarget.DRESS:
            # A dress's sleeves meet its bodice above the hips: below them no seam is
            # looked for (over the whole figure it cost ten times the work).
            union = coverage.copy()
            union[int(max(person.pt(L_HIP)[1], person.pt(R_HIP)[1])) :] = 0
        # A top's sides are mended (`_Sides`); a dress's bodice, filled so beside the arm
        # with its print's colours blurred, was a smear.
        sides = (
            _Sides(_mended_sides(person, old, kept), kept > 0.5, rebuild > 0)
            if garment.category == SwapTarget.TOP
            else None
        )
        seam = _seam_backing(layers, alphas, union, person.shoulder_width, sides)
        laid = None
        if seam is not None:
            box, colour, under = seam
            under *= 1 - keep[box]  # never over the face or hands
            if garment.category == SwapTarget.TOP:
                under *= body[box]  # nor off the body: a top stays on it, a dress may flare
            np.maximum(coverage[box], under, out=coverage[box])
            laid = cv2.blendLinear(out[box], np.minimum(colour * shade[box][:, :, None], 255), 1 - under, under)
        # The backing is blended in its box only; blendLinear leaves a pixel it lays
        # nothing on divided by its weights' sum, 1 + 1e-5: so is the rest of the window,
        # as when the backing was blended over all of it (the same rounding after).
        np.divide(out, BLEND_SUM, out=out)
        if seam is not None:
            out[seam[0]] = laid
    for layer, a, colour in zip(layers, alphas, colours, strict=True):
        box = layer.slices
        shaded = colour * shade[box][:, :, None]  # shading is positive
        np.minimum(shaded, 255, out=shaded)
        out[box] = cv2.blendLinear(out[box], shaded, 1 - a, a)
    result = cv2.convertScaleAbs(out)  # rounded and saturated to 0..255 in one pass
    untouched = (coverage <= 0) & (rebuild <= 0)
    if straps is not None:
        untouched &= straps <= 0
    cv2.copyTo(person.image, untouched.view(np.uint8), result)
    # Rebuilt skin is what shows of it: not what the new garment covers.
    shown_skin = rebuild * skin_part * (1 - coverage)
    return Composite(result, coverage, ~untouched, shown_skin, old)


#: How far round (pixels) an old strap's pixels are painted from (`cv2.inpaint`'s radius).
STRAP_PAINT = 3


#: A garment's edge on the body's skin (a neckline, a strap) is drawn as a clean line:
#: its outline smoothed over `EDGE_SMOOTH` pixels (a Gaussian sigma), then faded over
#: `EDGE_RAMP` pixels across it. Warped up from the product photo's soft cut-out it
#: faded over 8-10 pixels, wavy and blotched with the print's dark edge: ragged, and the
#: bared skin above it read as a sticker. Only where the alpha has an edge (its slope
#: over `EDGE_SLOPE` a pixel): a sheer garment's even, half-transparent middle stays.
EDGE_SMOOTH = 1.5
EDGE_RAMP = 1.5
EDGE_SLOPE = 0.04


def clean_edge(alpha: NDArray[np.float32], on_skin: NDArray[np.float32]) -> NDArray[np.float32]:
    """`alpha` with its edge redrawn as a smooth, anti-aliased line where `on_skin` (0..1):
    the smoothed alpha's signed distance to its 0.5 line (its excess over 0.5 divided by
    its slope) ramped over `EDGE_RAMP` pixels. Worked out on the edge's pixels only."""
    smooth = cv2.GaussianBlur(alpha, (0, 0), EDGE_SMOOTH)
    band = (smooth > 0.002) & (smooth < 0.998) & (on_skin > 0.01)
    if not band.any():
        return alpha
    slope = cv2.magnitude(
        cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3, scale=0.125),
        cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3, scale=0.125),
    )[band]
    level = smooth[band]
    crisp = np.clip(0.5 + (level - 0.5) / np.maximum(slope, 1e-3) / EDGE_RAMP, 0, 1)
    weight = on_skin[band] * np.clip(slope / EDGE_SLOPE, 0, 1)
    out = alpha.copy()
    out[band] += (crisp - out[band]) * weight
    return out


#: How far in (pixels) a garment's colour is taken from at its outline over the backdrop.
EDGE_INSET = 3
#: How far out (pixels) from the solid garment its colour is carried (the inset and the
#: soft edge beyond it); a thin strap with no solid core is not coloured from afar.
RIM_REACH = 4 * EDGE_INSET


def inner_colour(
    colour: NDArray[np.float32], alpha: NDArray[np.float32], where: NDArray[np.float32]
) -> NDArray[np.float32]:
    """`colour` with its rim (what lies within `EDGE_INSET` pixels of the outline) taken
    from the solid garment inside it, where `where` (0..1). The product photo's cut-out
    rim holds its backdrop's light flecks: warped onto a shoulder over a wall they drew a
    jagged, bumpy outline a shopper saw at once on a dark tee.

    Each rim pixel takes the colour of the solid pixel mirrored across the solid part's
    nearest outline (as far inside it as the rim pixel lies outside), so a print or a
    weave goes on to the edge: the solid part's blurred colour laid a flat band round a
    gingham's or a leopard print's shoulders, a grey or pink outline drawn round them."""
    if not (where > 0).any():
        return colour
    side = 2 * EDGE_INSET + 1
    core = cv2.erode((alpha > 0.95).astype(np.uint8), np.ones((side, side), np.uint8))
    if not core.any():
        return colour
    # Labels number the solid pixels in raster order (from 1); every other pixel carries
    # the label of the solid pixel nearest it.
    distance, labels = cv2.distanceTransformWithLabels(1 - core, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL)
    rim = (alpha > 0) & (core == 0) & (where > 0) & (distance <= RIM_REACH)
    if not rim.any():
        return colour
    h, w = core.shape
    # The rim's pixels by index, read and written through it: a boolean mask is scanned
    # afresh at each of the four reads and the write.
    ys, xs = np.nonzero(rim)
    near_y, near_x = np.divmod(np.flatnonzero(core)[labels[ys, xs] - 1], w)
    mirror_y = np.clip(2 * near_y - ys, 0, h - 1)
    mirror_x = np.clip(2 * near_x - xs, 0, w - 1)
    # Where the solid part is too thin or bent for the mirrored pixel to lie in it, the
    # nearest solid pixel's colour.
    inside = core[mirror_y, mirror_x] > 0
    mirror_y = np.where(inside, mirror_y, near_y)
    mirror_x = np.where(inside, mirror_x, near_x)
    out = colour.copy()
    out[ys, xs] += (colour[mirror_y, mirror_x] - colour[ys, xs]) * where[ys, xs][:, None]
    return out


#: How wide a gap between two parts of a garment (a sleeve and the body panel), in
#: shoulder widths, is a seam to close rather than a notch of the garment's own shape.
SEAM_GAP = 0.04


#: What cv2.blendLinear divides a pixel by where its second weight is 0 (1 + 0 + 1e-5).
BLEND_SUM = np.float32(1) + np.float32(1e-5)


def _seam_backing(
    layers: list[Layer],
    alphas: list[NDArray[np.float32]],
    union: NDArray[np.float32],
    shoulder_width: float,
    sides: _Sides | None = None,
) -> tuple[tuple[slice, slice], NDArray[np.float32], NDArray[np.float32]] | None:
    """The box round what is laid under the garment's parts where they meet, and there
    the garment's colour and how much of it to lay (None: nothing).

    Each part's edge is softened on its own, so where a sleeve joins the body panel
    both are half there and the old top showed through the join (a pale line down the
    side of a black tee over a white tank). A gap between the parts narrower than
    `SEAM_GAP` is filled (a grey closing of their union), coloured as the parts beside it.
    Within `sides` so is a notch in the garment's side shorter than `SIDE_NOTCH` (a
    closing down the columns), and what is rebuilt in a strip narrower than
    `SIDE_STRIP` between the garment and what stays in front of it (a closing across
    the rows).
    """
    side = max(3, int(shoulder_width * SEAM_GAP)) | 1
    tall = max(3, int(shoulder_width * SIDE_NOTCH)) | 1
    wide = max(3, int(shoulder_width * SIDE_STRIP)) | 1
    # Worked out in the box round the parts, with room for the closings (`side`, `tall`)
    # and the blur's reach (4 sigma, 2 `side`) beyond what it fills: the same pixels as
    # over the whole photo, for a tenth of the work. Outside it nothing is laid.
    found = bounds(union, pad=3 * side + 2 + (0 if sides is None else max(tall, wide) // 2))
    if found is None:
        return None
    x0, y0, x1, y1 = found
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    closed = cv2.morphologyEx(union[y0:y1, x0:x1], cv2.MORPH_CLOSE, kernel)
    if sides is not None:
        box = slice(y0, y1), slice(x0, x1)
        down = cv2.morphologyEx(union[box], cv2.MORPH_CLOSE, np.ones((tall, 1), np.uint8))
        met = np.maximum(union[box], sides.front[box].astype(np.float32))
        across = cv2.morphologyEx(met, cv2.MORPH_CLOSE, np.ones((1, wide), np.uint8)) * sides.rebuilt[box]
        mend = np.maximum(down, across) * sides.zone[box]
        # Only what meets the garment: a hole in the arm's mask closed across the arm
        # was a black dot on the arm.
        count, labels = cv2.connectedComponents((mend > 0.05).view(np.uint8), connectivity=8)
        if count > 1:
            meets = cv2.dilate((union[box] > 0.5).view(np.uint8), np.ones((3, 3), np.uint8)) > 0
            touching = np.unique(labels[meets & (labels > 0)])
            mend *= np.isin(labels, touching)
        np.maximum(closed, mend, out=closed)
    sigma = side / 2
    spread = cv2.GaussianBlur(_summed(layers, alphas, found), (0, 0), sigma)
    under = np.where((closed - union[y0:y1, x0:x1] > 0.05) & (spread > 1e-3), closed, 0).astype(np.float32, copy=False)
    # The colour counts only where something is laid: summed and blurred in the box
    # round that, with room for the blur's reach (the same pixels as in the whole box).
    laid = bounds(under)
    if laid is None:
        return None
    lx0, ly0, lx1, ly1 = laid
    reach = int(np.ceil(4 * sigma)) + 1
    bx0, by0 = max(0, lx0 - reach), max(0, ly0 - reach)
    bx1, by1 = min(x1 - x0, lx1 + reach), min(y1 - y0, ly1 + reach)
    colour = cv2.GaussianBlur(
        _summed(layers, alphas, (x0 + bx0, y0 + by0, x0 + bx1, y0 + by1), coloured=True), (0, 0), sigma
    )[ly0 - by0 : ly1 - by0, lx0 - bx0 : lx1 - bx0]
    colour /= np.maximum(spread[ly0:ly1, lx0:lx1], 1e-4)[:, :, None]
    return (slice(y0 + ly0, y0 + ly1), slice(x0 + lx0, x0 + lx1)), colour, under[ly0:ly1, lx0:lx1]


#: A notch or bite in a top's or dress's side (below the armpits, away from the neck)
#: with the garment above and below it within this many shoulder-joint distances is
#: filled with the garment (`_seam_backing`)...
SIDE_NOTCH = 0.2
#: ...from this far down from the neck to the hips (0 to 1): above it are the armholes
#: and a cami's straps, the garment's own openings...
SIDE_FROM = 0.35
#: ...down to this far (1: the hips' line): below it the hands hang beside the hem and
#: a long sleeve's cuff, and what lay between them was filled as a haze of the print.
SIDE_TO = 1.0
#: ...and this far (shoulder-joint distances) or more from the midline: a neckline's
#: or a placket's slit is the garment's own.
SIDE_CLEAR = 0.3
#: What is rebuilt there in a strip narrower than this (shoulder-joint distances)
#: between the garment and an arm or hand in front of it is filled with the garment.
SIDE_STRIP = 0.05


@dataclass
class _Sides:
    """Where a garment's sides are mended (`_seam_backing`): `zone` how much may be
    filled (`_side_zone` where the old top shows, `_old_shown`, fading off what stays in
    front over its soft outline), `front` what stays in front (the bare arms, hands),
    `rebuilt` what the rebuild paints."""

    zone: NDArray[np.float32]
    front: NDArray[np.bool_]
    rebuilt: NDArray[np.bool_]


def _mended_sides(person: Person, old: NDArray[np.float32], kept: NDArray[np.float32]) -> NDArray[np.float32]:
    """Where a top's sides are mended (`_Sides.zone`): the sides (`_side_zone`) off what
    is `kept`, where the photo shows the old garment (`_old_shown`). Worked out in the
    box round the old garment only, 0 elsewhere as the product is: over the whole
    window the side zone's grid and the two colour distances cost some 10 ms a top."""
    shown = _old_shown(person, old, kept)
    zone = np.zeros(old.shape, np.float32)
    found = bounds(shown > 0)
    if found is not None:
        box = box_slices(found)
        zone[box] = _side_zone(person, found) * (1 - kept[box]) * shown[box]
    return zone


def _old_shown(person: Person, old: NDArray[np.float32], kept: NDArray[np.float32]) -> NDArray[np.float32]:
    """1 where the photo shows the old garment (`old` half or more) in its own colour:
    nearer its median colour (Lab, off what is `kept`) than the skin's; else 0. Only
    there is a side mended: the old top's place beside the new one is the new one's.
    The arm's own shaded edge, which the arm's mask left out and the rebuild paints as
    skin, is nearer the skin's: covered, the garment bit into the arm. The distances
    are measured on the old garment's pixels only (the rest is 0 whatever they are)."""
    on = (old >= 0.5) & (kept <= 0)
    if np.count_nonzero(on) < OLD_SHOWN_LEAST:
        return np.zeros(old.shape, np.float32)
    lab = person.lab()
    cloth = np.median(lab[on], axis=0)
    worn = old >= 0.5
    pixels = lab[worn]
    to_cloth = np.square(pixels - cloth).sum(axis=1)
    to_skin = np.square(pixels - np.asarray(person.skin_lab, np.float32)).sum(axis=1)
    shown = np.zeros(old.shape, np.float32)
    shown[worn] = to_cloth < to_skin
    return shown


#: Fewer pixels of the old garment than this and its colour is not read (`_old_shown`).
OLD_SHOWN_LEAST = 50


def _side_zone(person: Person, box: tuple[int, int, int, int]) -> NDArray[np.bool_]:
    """A garment's sides, in `box` of the window: below the armpits (`SIDE_FROM`) down to
    the hips (`SIDE_TO`), away from the midline (`SIDE_CLEAR`). The body panel is cut under the arm hanging beside it by the arm's
    skin mask, whose edge is ragged, and the strips closed up to the arm run row by
    row: the side came out torn, with bites of the backdrop or the old skirt between
    the garment above and below them, and flecks of rebuilt skin between it and the
    arm."""
    frame = torso_frame(person)
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    length = max(float(np.hypot(*(hips - frame.neck))), 1.0)
    down = (hips - frame.neck) / length
    x0, y0, x1, y1 = box
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    dx, dy = xs - np.float32(frame.neck[0]), ys - np.float32(frame.neck[1])
    along = (dx * np.float32(down[0]) + dy * np.float32(down[1])) / np.float32(length)
    across = np.abs(dx * np.float32(down[1]) - dy * np.float32(down[0]))
    return (along >= SIDE_FROM) & (along <= SIDE_TO) & (across > SIDE_CLEAR * frame.width)


def _summed(
    layers: list[Layer], alphas: list[NDArray[np.float32]], box: tuple[int, int, int, int], coloured: bool = False
) -> NDArray[np.float32]:
    """Over `box` (in the layers' frame), the parts' `alphas` summed, or (`coloured`)
    their colours weighed by them."""
    x0, y0, x1, y1 = box
    out = np.zeros((y1 - y0, x1 - x0, 3) if coloured else (y1 - y0, x1 - x0), np.float32)
    for layer, a in zip(layers, alphas, strict=True):
        overlap = layer.within(box)
        if overlap is None:
            continue
        src, dst = overlap
        if coloured:
            out[dst] = cv2.add(out[dst], cv2.multiply(layer.colour[src], alpha3(a[src])))
        else:
            out[dst] += a[src]
    return out
