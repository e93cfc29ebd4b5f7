"""Where each kind of accessory goes on the person, and what hides part of it.

Every function takes the analysed person and the cut-out and returns `Placement`s (one
per piece: two shoes, two earrings) or raises the typed error that says which body part
is missing from the photo. Sizes come from the body itself (face width, wrist width,
shoulder width, shin length), since a product photo carries no scale.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NoReturn

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic import memo
from fitroom.engines.classic.accessories import landmarks as lm
from fitroom.engines.classic.accessories import shoulder_strap, strap
from fitroom.engines.classic.accessories.compose import MIN_VISIBLE_PX, Mask, Placement, least_visible, too_small
from fitroom.engines.classic.accessories.cutout import Cutout
from fitroom.engines.classic.accessories.worn import (
    SUNGLASSES_DARK,
    lens_darkness,
    old_frame,
    painted_over,
    wears_glasses,
    worn_earrings,
)
from fitroom.engines.classic.colour import skin_like, squared_distance
from fitroom.engines.classic.person import (
    BACK_VIEW,
    L_ANKLE,
    L_EAR,
    L_ELBOW,
    L_EYE,
    L_HAND_TIPS,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    R_ANKLE,
    R_EAR,
    R_ELBOW,
    R_EYE,
    R_HAND_TIPS,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    frontal_width,
    thigh_drop,
    torso_in_faces,
)

Vec = NDArray[np.float64]
L_HEEL, R_HEEL, L_TOE, R_TOE = 29, 30, 31, 32
#: How far each half of a frame reaches towards the face's outline at the eyes (frames
#: end a little inside it, where the temples go back over the ears).
GLASSES_REACH = 0.97
#: The temple's distance from the nose as a multiple of the eye's (about 2.2 on a frontal face).
TEMPLE_PER_EYE = (1.8, 2.6)
#: A watch's case is this share of the wrist's width seen from above: a 40 mm case on a
#: 55 to 60 mm wrist. At 0.88 it covered the wrist from edge to edge (devset, 2026-12-03).
WATCH_CASE_SHARE = 0.72
#: A case told from its strap (`strap.read`) reaches at most this share of the
#: wrist's width across the forearm: a long oval case scaled by its width alone ran from
#: edge to edge of the wrist like a cuff.
CASE_ACROSS_MOST = 0.85
#: How far (the sine of the angle) a wrist hanging straight down is seen from above: the
#: camera at chest height. A forearm across the photo is seen side on (no tilt).
WRIST_TILT = 0.25
#: The bounds (in the guess from the hand or the shoulders) a wrist's measured width is
#: held to, as in `_arm_span`, and the skin's lower bound (a sleeve-less wrist can be thin).
#: Where the person mask runs on past `MASK_RUNS_ON` guesses across the forearm, the
#: forearm lies in front of the body, and the run of skin across it is measured instead.
MASK_SPAN, SKIN_LEAST, MASK_RUNS_ON = (0.7, 1.3), 0.6, 1.6
#: How far (in guesses of the wrist's width) the wrist point may lie off the forearm's
#: middle and be moved onto it: the hand's wrist point sat above a thin wrist seen side on
#: (hand on the hip), and the case hung half off the arm into the backdrop.
OFF_ARM = 0.6
#: A row across the forearm is bare when this share of its middle (`WRIST_MIDDLE` of the
#: wrist's width either side of its axis) is skin; the case's place is on a sleeve when
#: less than `WATCH_ON_SKIN` of its rows are bare.
BARE_ROW, WRIST_MIDDLE, WATCH_ON_SKIN = 0.5, 0.35, 0.5
#: The hand's colour is the bare wrist's reference when its chroma lies within `HAND_SKIN`
#: of the face's skin (OpenCV's 8-bit Lab, like `skin_like`); a pixel is skin within
#: `SKIN_HUE` degrees of its hue, at most `SKIN_CHROMA` times its chroma and at least
#: 1/`SKIN_FADED` of it (a highlight on a tanned forearm keeps a sixth of its chroma).
HAND_SKIN, SKIN_HUE, SKIN_CHROMA, SKIN_FADED = 25.0, 15.0, 2.0, 6.0
#: ... and when its hue lies within `HAND_HUE` degrees of the face's and its chroma is at
#: least 1/`HAND_FADED` of the face's: a dark olive coat's sleeve where no hand was found
#: (49 degrees off, 0.38 of the chroma) was taken for the bare wrist's skin and a watch and a
#: bracelet were drawn on it; the face's skin then tells the sleeve. A pale hand below a
#: pink face is 43 degrees off with 0.71 of its chroma.
HAND_HUE, HAND_FADED = 46.0, 2.0
#: How far past the wrist joint, onto the hand, a watch's edge may go (wrist widths); at
#: least this share of the case must show below a cuff, else the sleeve hides the watch.
WATCH_PAST_JOINT, LEAST_BELOW_CUFF = 0.15, 0.5
#: A cuff that reaches this share of the case's length down into its usual place, the rest
#: bare, still tucks the case under it: a case left there was drawn half over the cuff
#: (a black lace sleeve's band, a knit cuff) with nothing of the sleeve in front.
CUFF_INTO_CASE = 0.06
#: A watch's strap shows where the person mask is at least this sure (fading out below
#: it): past the arm's outline it would hang over the backdrop.
SILHOUETTE_SURE = 0.5
#: The case's outline (within this many case widths of its middle: not the strap's edges, which
#: leave the case at 0.6 and more and were drawn as white lines) is set off from a ground
#: of its own tone (`compose.RIM_ALIKE`); the strap beyond it is left as shot.
CASE_RIM_REACH = 0.55
#: A watch on a wrist narrower than `SHARP_BELOW` px is sharpened, up to `WATCH_SHARPEN`
#: on the narrowest wrists.
SHARP_BELOW, WATCH_SHARPEN = 60.0, 1.2
#: A bracelet drawn round the wrist is this share of the wrist's width thick (at least
#: `BRACELET_LEAST` px) and its near half bulges `BRACELET_TILT` of the width down the
#: forearm (the wrist seen a little from above). An inlay holds over `BRACELET_INLAY_SHARE`
#: of the product's pixels.
BRACELET_BAND, BRACELET_LEAST, BRACELET_TILT = 0.07, 2.5, 0.16
BRACELET_INLAY_SHARE = 0.15
#: How much of a glint (towards white) runs along the metal's upper edge.
BRACELET_GLINT = 0.45
#: A hand whose palm measures over `PALM_OVER_WRIST` wrists across has its wrist point on
#: the back of the hand (the wrist under bangles of her own read too narrow beside it):
#: a bracelet then goes back along the forearm to the pose model's wrist joint.
PALM_OVER_WRIST = 1.5
#: An earring less tall than this many times its width is a stud, as long as this share of the face's height.
STUD_ASPECT, STUD_SHARE = 1.3, 0.055
#: Straight down the photo: the way a hanging piece points (photos are taken upright).
GRAVITY = np.array([0.0, 1.0])
#: The narrowest a necklace's loop (sized from the shoulders) may be, as a share of the
#: face's width: a neck is not that much narrower than the face. On the 80 devset
#: persons the loops measure 0.81 face widths and more, but 0.46 on a woman turned away
#: with her near shoulder raised to her chin (`mmpose__33`), where the pose's shoulders
#: met under her ear and the pearls were drawn on her shoulder.
NECK_LEAST_FACE = 0.6
#: The most of a necklace's solid pixels that may fall outside the photo. A loop whose
#: bottom the photo's lower edge cuts was drawn as two loose ends (a close-up whose neck
#: is cut under the collarbones: `mmpose__10773046825_0`); a whole loop loses none.
NECK_CUT_MOST = 0.05
#: Where a worn hat's lower band crosses the forehead, as a share of the way from the
#: brows to the face mesh's top (about the hairline): pulled down near the brows, as a
#: beanie or a cap is worn; at 0.3 (the hairline) every beanie read as perched on the hair.
HAT_BAND = 0.12
#: A tuft of hair beside a worn hat's crown ends within this share of the hat's width
#: further out: such tufts go under the hat, hair that reaches further stays.
HAT_TUFT = 0.12
#: The least share of a worn hat that must land inside the photo: photos of people often
#: cut the crown with their top edge, and a hat cut by up to a third still shows its band
#: and most of its crown (the devset's heads cut by 26-31% were refused at 0.75, wrongly);
#: cut more, it shows a band only.
HAT_LEAST_INSIDE = 0.65
#: The most a face may be turned or bowed away from the camera (degrees, `Face.turn`) for
#: an item drawn flat on it to follow it (glasses, laid on in 3D, have `GLASSES_MOST_TURN`;
#: hats `MOST_HAT_TURN`). On the devset the five faces beyond it (47 to 67) got every flat
#: hat and pair of glasses on the side of the head or the cheek (F).
MOST_FACE_TURN = 45.0
#: The same for a hat, seated on the skull behind the turned face (`_skull`): it goes round
#: the head, so it reads further round than glasses do. On the devset the heads turned
#: 44 and 47 degrees take every beanie and cap as B; those turned 54 to 67, refused at 50
#: (wrongly), take beanies round the skull seen from the side (`PROFILE_SKULL_DEPTH`) as
#: B unless they also lean far (`HAT_MOST_LEAN`).
MOST_HAT_TURN = 70.0
#: How far behind the forehead the skull's middle lies, in face widths (measured in 3D
#: across the cheeks): a turned head's hat sits over that middle, not over the face's.
SKULL_DEPTH = 0.5
#: The same seen from the side (head turned past `PROFILE_TURN[1]` degrees; from
#: `PROFILE_TURN[0]` on it grows toward this): a head is longer front to back than across.
PROFILE_SKULL_DEPTH = 0.9
PROFILE_TURN = (50.0, 65.0)
#: The most a head turned past `PROFILE_TURN[0]` may lean in the photo (degrees between
#: its chin-to-forehead line and the photo's up): the devset's heads turned 54 and 56
#: degrees and bowed so they lean 42 and 48 got an upright cap on the front of the face
#: (F); turned 57 and 67 but leaning 14 and 26, they take hats round the skull (B).
HAT_MOST_LEAN = 35.0
#: A hat's width over the face's 3D width when the head's outline cannot tell (hair
#: included, a worn hat is about this much wider than the face across the cheeks); the
#: outline's width is taken between `HAT_OUTLINE` times that.
HAT_PER_FACE = 1.25
HAT_OUTLINE = (0.95, 1.3)
#: How much lower a worn hat's lower edge lies near its sides (0.3 to 0.4 of its width out
#: from its middle, where `band_sag` and `checks.hat_band_dip` read it) than at its
#: middle, as a share of its width: a band goes round the head, down over the temples
#: (about twice this at its ends). A cuff photographed straight on a table and drawn
#: unbent read as a straight cut across the forehead.
HAT_CURVE = 0.05
#: The most a hat's lower edge is bent, as a share of its width where the sag is read:
#: a side view's edge slanting up to one side is not turned into a front view's.
HAT_MOST_BEND = 0.15
#: The most a worn hat rises above its band, as a share of its width: a hat photographed
#: from below looks taller than it is worn.
HAT_MOST_RISE = 0.85
#: Where the colour of a hat the person already wears is read: this share of the face's
#: width below the top of the head's outline (inside the crown of any hat worn there).
OLD_HAT_SAMPLE = 0.15
#: How unlike that colour (Lab, lightness weighted `OLD_HAT_LIGHTNESS`: light and shade
#: fall across a hat) a pixel of the old hat may be.
OLD_HAT_COLOUR, OLD_HAT_LIGHTNESS = 20.0, 0.6
#: An old hat is looked for this many hat widths round the crown, and down to this share
#: of the face's height below the chin: what runs on below it is hair, not a hat.
OLD_HAT_REACH, OLD_HAT_BELOW_CHIN = 1.5, 0.3
#: What spreads across wider than this many hat widths (from the face) is a brim sticking
#: out past a new hat; less, the new hat covers it.
OLD_HAT_WIDE = 1.35
#: How unlike the brows' darkest colour and what is beside the cheeks (as `OLD_HAT_COLOUR`)
#: a crown must be to be taken for a hat: the devset's big hair (an afro, dark or blonde
#: curls, a headband on dark hair) lies within 14 of what frames the face or 23 of the
#: brows; its hats (a dark fedora on blonde hair, a cream cowboy hat on dark hair) 74 and
#: more from the one, 31 and more from the other.
OLD_HAT_UNLIKE_BROWS, OLD_HAT_UNLIKE_HAIR = 25.0, 30.0
#: How far past the old hat its dark rim is painted out too, in face widths.
OLD_HAT_RIM = 0.1
#: An old hat is painted out only where the backdrop round it is plain: the lightness's
#: spread (Lab, 0-255) round the devset's fedora on a blue wall is 3, round its cowboy
#: hat over a runway's crowd 56. Less than `OLD_HAT_LEAST` (of the hat's width, squared)
#: left showing is always painted out.
OLD_HAT_BUSY = 15.0
OLD_HAT_LEAST = 0.25
SIDES = {"left": (L_SHOULDER, L_ELBOW, L_WRIST), "right": (R_SHOULDER, R_ELBOW, R_WRIST)}


def _v(point: NDArray[np.float32]) -> Vec:
    return np.asarray(point[:2], np.float64)


def _frontal_width(person: Person) -> float:
    """The person's shoulder width as seen from the front (`frontal_width`)."""
    return frontal_width(
        person.shoulder_width,
        float(
            np.linalg.norm(
                (_v(person.pt(L_SHOULDER)) + _v(person.pt(R_SHOULDER))) / 2
                - (_v(person.pt(L_HIP)) + _v(person.pt(R_HIP))) / 2
            )
        ),
    )


def _unit(v: Vec) -> Vec:
    return v / max(float(np.linalg.norm(v)), 1e-9)


def _in_frame(person: Person, *indexes: int, threshold: float = 0.5) -> bool:
    w, h = person.size
    return all(
        person.visibility[i] >= threshold and 0 <= person.points[i][0] < w and 0 <= person.points[i][1] < h
        for i in indexes
    )


def _affine(src: list[Vec], dst: list[Vec]) -> NDArray[np.float64]:
    m = cv2.getAffineTransform(np.float32(src), np.float32(dst)).astype(np.float64)
    return np.vstack([m, [0, 0, 1]])


def _coordinates(shape: tuple[int, int]) -> tuple[Mask, Mask]:
    """Each row's y as a column and each column's x as a row (float32): broadcast against
    each other they give every pixel's coordinates, without two photo-sized grids."""
    return np.arange(shape[0], dtype=np.float32)[:, None], np.arange(shape[1], dtype=np.float32)[None, :]


def _band(shape: tuple[int, int], centre: Vec, axis: Vec, half_width: float, soft: float) -> Mask:
    """1 within `half_width` of the line through `centre` along `axis`, soft at the edges."""
    ys, xs = _coordinates(shape)
    normal = np.array([-axis[1], axis[0]])
    d = np.abs((xs - centre[0]) * normal[0] + (ys - centre[1]) * normal[1])
    return np.clip((half_width - d) / max(soft, 0.5) + 0.5, 0, 1).astype(np.float32)


def _disc(shape: tuple[int, int], centre: Vec, radius: float) -> Mask:
    """1 within `radius` of `centre`, 0 outside."""
    disc = np.zeros(shape, np.float32)
    cv2.circle(disc, (int(round(centre[0])), int(round(centre[1]))), max(1, int(round(radius))), 1.0, -1)
    return disc


def _column_extent(alpha: NDArray[np.float32], share: float) -> tuple[int, int]:
    """First and last column whose alpha mass is at least `share` of the biggest column's."""
    mass = alpha.sum(axis=0)
    cols = np.nonzero(mass >= share * mass.max())[0]
    return int(cols.min()), int(cols.max())


def _hull_mask(shape: tuple[int, int], points: NDArray[np.float64], grow: float) -> Mask:
    mask = np.zeros(shape, np.uint8)
    cv2.fillConvexPoly(mask, cv2.convexHull(points.astype(np.int32)), 255)
    if grow >= 1:
        k = int(grow) * 2 + 1
        mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    return cv2.GaussianBlur(mask.astype(np.float32) / 255, (0, 0), max(1.0, grow * 0.3))


def hair_mask(person: Person, face: lm.Face) -> Mask:
    """Pixels of the person coloured like the hair above the forehead (what covers ears
    and temples); empty when that patch looks like skin or background (bald, a cut-off head)."""
    h, w = person.image.shape[:2]
    up = _unit(_v(face.pt(lm.FOREHEAD)) - _v(face.pt(lm.CHIN)))
    sample = _v(face.pt(lm.FOREHEAD)) + up * face.width * 0.22
    x, y = int(sample[0]), int(sample[1])
    r = max(2, int(face.width * 0.06))
    if not (0 <= x < w and 0 <= y < h) or person.mask[y, x] < 0.5:
        return np.zeros((h, w), np.float32)
    lab = person.lab()
    patch = lab[max(0, y - r) : y + r, max(0, x - r) : x + r].reshape(-1, 3)
    colour = np.median(patch, axis=0)
    if np.linalg.norm(colour[1:] - person.skin_lab[1:]) < 8 and abs(colour[0] - person.skin_lab[0]) < 25:
        return np.zeros((h, w), np.float32)
    distance = np.linalg.norm((lab - colour) * np.array([0.6, 1.0, 1.0], np.float32), axis=2)
    hair = ((distance < 14) & (person.mask > 0.5)).astype(np.float32)
    hair *= 1 - person.face.astype(np.float32) / 255
    return cv2.GaussianBlur(hair, (0, 0), 1.0)


def _face_or_refuse(person: Person, need: str) -> lm.Face:
    face = lm.face(person)
    if face is None:
        _no_face(person, need)
    return face


def _facing_or_refuse(face: lm.Face, item: str, most: float = MOST_FACE_TURN) -> None:
    """Refuse an item drawn on a face turned or bowed further than `most` degrees to take it believably."""
    if face.turn > most:
        raise EngineError(
            "pose_not_supported",
            f"the head is turned or bowed too far from the camera ({face.turn:.0f}°) for {item} to be drawn on it; "
            "send a photo with the face towards the camera",
        )


def _no_face(person: Person, need: str) -> NoReturn:
    """The typed refusal for a face the photo does not show, saying why."""
    w, h = person.size
    eyes = person.points[[L_EYE, R_EYE]]
    if ((eyes < 0) | (eyes >= np.array([w, h]))).any():
        raise EngineError("pose_not_supported", f"the head is cut off by the edge of the photo; {need}")
    raise EngineError("pose_not_supported", f"the face is not visible in the photo; {need}")


# --- glasses -----------------------------------------------------------------------------------


#: The far lens may look no narrower than this share of the near one: beyond it the
#: product photo is a side view, and half the frame cannot be seen to be put on.
GLASSES_LEAST_RATIO = 0.45
#: How far (share of the front's height) a lens's lower edge may drop again outwards of
#: its lowest point before what hangs there is taken for a folded temple's tip.
TIP_TOLERANCE = 0.03
#: The least slope (rows per column) of the cut that takes a tip off below a lens's lower
#: outer corner: about the corner's own rounding on a flat-bottomed lens.
TIP_CUT_SLOPE = 0.8
#: Tips hang at the hinge's end: a drop nearer the bridge than this share of the half's
#: width is the lens's own outline (the devset's Wayfarer drops at 0.75 and 0.8, the
#: aviators' faint gradient lenses at 0.44 and 0.47).
TIP_FROM = 0.65
#: Alpha over which a product photo's pixel is frame or lens when the outline is filled
#: (a thin metal rim round a clear lens is well above it).
LENS_RIM = 0.3
#: A line behind a lens is no wider than this share of the front's height (the
#: aviators' temple arms 0.03, their nose pads' arms and pads' rims less; the optical
#: square frame's rim is 0.075 and stays).
LENS_LINE_WIDTH = 0.1
#: How much darker (grey levels, lens over white) than the lens round it a line is.
LENS_LINE_STEP = 25.0
#: Lines are looked for this share of the front's height in from its outline, clear of
#: the rims (a temple's hinge, where it meets the rim, stays).
LENS_MARGIN = 0.09
#: Glasses are laid on the head in 3D (`head_axes`), so they follow a turned head further
#: than a hat drawn flat does.
GLASSES_MOST_TURN = 70.0
#: How far (face widths) the front's ends stand in front of the eyes' outer corners.
GLASSES_STAND_OFF = 0.06
#: The near temple arm: how far back it is seen going (face widths, to about the ear),
#: how far it drops on the way, and how thick it is drawn.
GLASSES_ARM, GLASSES_ARM_DROP, GLASSES_ARM_WIDTH = 0.6, 0.04, 0.025
#: The share of its thickness the arm loses from the hinge to the ear.
GLASSES_ARM_TAPER = 0.3


def _glasses_front(cut: Cutout) -> tuple[NDArray[np.float32], int, int, int, int, int, int]:
    """The frame's front with hinges and temples taken off, and its columns: the outer
    edge on the picture's left, where the bridge starts and ends, the outer edge on the
    right; and its top and bottom rows."""
    alpha = cut.alpha.copy()
    # A faint pale sliver (the floor's reflection under a dark frame) is not the frame:
    # shrunk, its thin soft alpha would be drawn as a light line under the lenses.
    light = cv2.cvtColor(cut.rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    frame = float(np.median(light[alpha > 0.5])) if (alpha > 0.5).any() else 0.0
    # Within the frame's outline a pale faint pixel is a gradient lens fading to clear.
    alpha[(light > frame + 100) & (alpha < 0.9) & (_filled(alpha, 0.6, largest=True) == 0)] = 0
    a, b = _column_extent(alpha, 0.25)
    alpha[:, : max(0, a - 2)] = 0
    alpha[:, b + 3 :] = 0
    # Hinges and temples bent back show above the frame as thin loops: not seen when worn.
    # Rows are measured on the frame's filled outline: a gradient lens's nearly clear lower
    # half is lens down to the rim, not backdrop to cut off flat.
    outline = _filled(alpha)
    mass = outline.sum(axis=1)
    rows = np.nonzero(mass >= 0.25 * mass.max())[0]
    top, bottom = int(rows.min()), int(rows.max())
    alpha[: max(0, top - 2)] = 0
    # The bridge is where the frame's lower edge rises highest over the nose, in the middle
    # part of the front (the far lens of an angled photo is narrower, so not at the centre).
    solid = outline[top : bottom + 1, a : b + 1] > 0
    height = bottom - top + 1
    lower = np.where(solid.any(axis=0), height - 1 - np.argmax(solid[::-1], axis=0), height).astype(np.float32)
    span = b - a
    lower = cv2.blur(lower.reshape(1, -1), (max(3, span // 40) | 1, 1)).ravel()
    lo, hi = int(span * 0.15), int(span * 0.85) + 1
    highest = float(lower[lo:hi].min())
    near = np.nonzero(lower[lo:hi] <= highest + 0.05 * height)[0] + lo
    # The run of such columns nearest the middle is the bridge.
    runs = np.split(near, np.nonzero(np.diff(near) > 1)[0] + 1)
    i = min(range(len(runs)), key=lambda k: float(np.abs(runs[k] - span / 2).min()))
    # Runs split by a short gap are one bridge with the folded arms seen under its middle.
    first, last = i, i
    while first > 0 and runs[first][0] - runs[first - 1][-1] < 0.12 * span:
        first -= 1
    while last < len(runs) - 1 and runs[last + 1][0] - runs[last][-1] < 0.12 * span:
        last += 1
    run = np.concatenate(runs[first : last + 1])
    # Temples folded behind the front show below it: their tips under the lenses' outer
    # corners and their hinges' arms under the bridge, where the nose is when worn.
    alpha[bottom + max(3, int(height * 0.04)) :] = 0
    for x in range(a + int(run[0]), a + int(run[-1]) + 1):
        column = alpha[top:, x] > 0.5
        first = int(np.argmax(column))
        gap = np.nonzero(~column[first:])[0]
        if column.any() and len(gap):
            alpha[top + first + int(gap[0]) :, x] = 0
    bridge_x = a + int(run[len(run) // 2])
    _clear_hanging_tips(alpha, bridge_x, a, height)
    _clear_hanging_tips(alpha, bridge_x, b, height)
    return alpha, a, a + int(run[0]), a + int(run[-1]), b, top, bottom


def _filled(alpha: NDArray[np.float32], rim: float = LENS_RIM, largest: bool = False) -> NDArray[np.uint8]:
    """The frame's outline (alpha over `rim`) filled: each lens counts whole inside its
    rim, however clear its glass; with `largest`, only the biggest piece's."""
    mask = (alpha > rim).astype(np.uint8)
    outline = np.zeros_like(mask)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if largest and contours:
        contours = (max(contours, key=cv2.contourArea),)
    cv2.drawContours(outline, contours, -1, 1, -1)
    return outline


def lens_lines(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], lenses: NDArray[np.bool_], height: int
) -> NDArray[np.bool_]:
    """The dark thin lines inside the lenses: what lies behind the lens in the product
    photo (temples folded behind the front, the nose pads' arms), never seen through a
    worn lens. A line is darker than the lens round it (a grey closing wider than it
    lightens it by `LENS_LINE_STEP`) and no wider than `LENS_LINE_WIDTH` of the front's
    height; a frame's rim thicker than that is not a line."""
    size = max(3, round(LENS_LINE_WIDTH * height)) | 1
    kernel = np.ones((size, size), np.uint8)
    light = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    # Behind the cut-out the photo is backdrop: weighed by alpha, a lens seen against it.
    seen = light * alpha + 255 * (1 - alpha)
    darker = cv2.morphologyEx(seen, cv2.MORPH_CLOSE, kernel) - seen
    return (darker > LENS_LINE_STEP) & lenses


def _without_lens_lines(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], a: int, bridge: tuple[int, int], b: int, height: int
) -> tuple[NDArray[np.uint8], NDArray[np.float32]]:
    """The front with the lines `lens_lines` finds inside its lenses (the filled outline
    held `LENS_MARGIN` of the height in from its edge, left of the bridge and right of
    it) painted over with the lens round them: its colour and tint from a grey closing
    and opening as wide as a line, so a gradient lens keeps its gradient."""
    margin = max(1, round(LENS_MARGIN * height))
    inner = cv2.erode(_filled(alpha), np.ones((2 * margin + 1,) * 2, np.uint8)) > 0
    inner[:, : a + 1] = False
    inner[:, bridge[0] : bridge[1] + 1] = False
    inner[:, b:] = False
    lines = lens_lines(rgb, alpha, inner, height)
    if not lines.any():
        return rgb, alpha
    size = max(3, round(LENS_LINE_WIDTH * height)) | 1
    kernel = np.ones((size, size), np.uint8)
    grow = max(2, round(0.02 * height))
    cover = cv2.dilate(lines.astype(np.uint8), np.ones((2 * grow + 1,) * 2, np.uint8)) > 0
    cover &= inner
    lens_rgb = cv2.morphologyEx(rgb, cv2.MORPH_CLOSE, kernel)
    lens_alpha = cv2.morphologyEx(alpha, cv2.MORPH_OPEN, kernel)
    soft = cv2.GaussianBlur(cover.astype(np.float32), (0, 0), 1.0) * inner
    rgb = (rgb * (1 - soft[..., None]) + lens_rgb * soft[..., None]).astype(np.uint8)
    alpha = (alpha * (1 - soft) + lens_alpha * soft).astype(np.float32)
    return rgb, alpha


def _clear_hanging_tips(alpha: NDArray[np.float32], bridge_x: int, outer: int, height: int) -> None:
    """Clear, in place, what hangs below a lens's lower edge towards its outer end. From
    the lens's lowest point outwards that edge only rises, to the hinge; where the lowest
    solid row drops again, a folded temple's tip hangs there (seen end-on: a dark blob
    beside the cheek when worn), and the edge is carried on rising as steeply as it did
    just before, with everything below it cleared."""
    step = 1 if outer > bridge_x else -1
    xs = np.arange(bridge_x, outer + step, step)
    solid = alpha[:, xs] > 0.5
    if len(xs) < 8 or not solid.any():
        return
    rows = len(alpha)
    low = np.where(solid.any(axis=0), rows - 1 - np.argmax(solid[::-1], axis=0), -1).astype(np.float64)
    # The lens's lowest point lies in its inner two thirds; the tips hang further out.
    deepest = len(xs) // 4 + int(np.argmax(low[len(xs) // 4 : 2 * len(xs) // 3]))
    tolerance = max(2.0, TIP_TOLERANCE * height)
    reach = max(3, len(xs) // 20)
    edge = low[deepest]
    for i in range(deepest + 1, len(xs)):
        if low[i] >= 0 and low[i] <= edge + tolerance:
            edge = min(edge, low[i])
            continue
        if i < TIP_FROM * len(xs):
            return  # the lens's own shape (a gradient lens's faint lower half): no tip
        # The tip starts here: the edge rises on at its slope over the columns before, at
        # least as steeply as a lens's rounded lower corner does.
        before = low[max(deepest, i - reach) : i]
        slope = float(before[0] - before[-1]) / max(len(before) - 1, 1) if len(before) > 1 else 0.0
        slope = max(slope, TIP_CUT_SLOPE)
        for j in range(i, len(xs)):
            alpha[max(0, int(edge - slope * (j - i + 1)) + 1) :, xs[j]] = 0
        return


def _unit3(v: Vec) -> Vec:
    return v / max(float(np.linalg.norm(v)), 1e-9)


def head_axes(face: lm.Face) -> tuple[Vec, Vec, Vec]:
    """The head's own axes in the mesh's 3D pixels (z scaled like x): towards the person's
    left, down the face, and out of it towards the camera. A frame laid along them is
    foreshortened by the head's turn as the face itself is."""
    points = face.points.astype(np.float64)
    across = _unit3(points[lm.CHEEK_L] - points[lm.CHEEK_R])
    down = points[lm.CHIN] - points[lm.FOREHEAD]
    down = _unit3(down - across * float(down @ across))
    out = np.cross(across, down)
    return across, down, out if out[2] < 0 else -out


def _temple_arm(
    cut: Cutout, alpha: NDArray[np.float32], outer: int, start: Vec, end: Vec, thickness: float
) -> Placement:
    """The near temple arm as a bar of the frame's own colour (the median of the darker
    half of the front's outer end: its highlights are not the arm's) from the hinge at
    `start` back towards the ear at `end`, tapering a little; drawn at its own size (a
    bar shrunk to a pixel or two when warped comes out jagged)."""
    w = alpha.shape[1]
    x0, x1 = max(0, outer - max(2, w // 30)), min(w, outer + max(2, w // 30) + 1)
    solid = alpha[:, x0:x1] > 0.8
    pixels = cut.rgb[:, x0:x1][solid] if solid.any() else cut.rgb[alpha > 0.5]
    light = pixels.astype(np.float32).sum(axis=1)
    colour = np.median(pixels[light <= np.median(light)], axis=0)
    length = max(int(np.ceil(np.linalg.norm(end - start))), 2)
    rows = int(np.ceil(thickness)) + 2
    middle = (rows - 1) / 2
    half = thickness / 2 * np.linspace(1.0, 1 - GLASSES_ARM_TAPER, length)[None, :]
    bar = np.clip(half + 0.5 - np.abs(np.arange(rows, dtype=np.float64)[:, None] - middle), 0, 1).astype(np.float32)
    rgb = np.broadcast_to(colour.astype(np.uint8), (rows, length, 3)).copy()
    along = (end - start) / max(float(np.linalg.norm(end - start)), 1e-9)
    across = np.array([-along[1], along[0]])
    src = [np.array([0.0, middle]), np.array([float(length), middle]), np.array([0.0, middle + 1])]
    dst = [start, start + along * length, start + across]
    return Placement(Cutout(rgb, bar, [], 0.0), _affine(src, dst), shadow=0.15, lift=0.02, with_previous=True)


def _squeezed(half: Cutout, bridge_x: int, factor: float) -> tuple[Cutout, float]:
    """The half-front narrowed sideways by `factor` (area-averaged, colours weighted by
    alpha) about the bridge's column, and the bridge's column in it: a far half seen
    nearly edge-on would otherwise be warped from full width and its thin rims come out
    as dotted lines."""
    if factor >= 0.6:
        return half, float(bridge_x)
    h, w = half.alpha.shape
    size = (max(2, round(w * factor)), h)
    weight = cv2.resize(half.alpha, size, interpolation=cv2.INTER_AREA)
    premultiplied = cv2.resize(half.rgb.astype(np.float32) * half.alpha[..., None], size, interpolation=cv2.INTER_AREA)
    rgb = np.clip(premultiplied / np.maximum(weight, 1e-3)[..., None], 0, 255).astype(np.uint8)
    # Thin upright rims keep most of their cover, as `compose` keeps a shrunk strap's.
    alpha = np.maximum(
        weight,
        0.8
        * cv2.resize(
            cv2.dilate(half.alpha, np.ones((1, max(3, int(1 / factor) | 1)), np.uint8)),
            size,
            interpolation=cv2.INTER_AREA,
        )
        * (weight > 0.02),
    )
    return Cutout(rgb, alpha.astype(np.float32), [], half.holes), bridge_x * size[0] / w


def glasses(person: Person, cut: Cutout) -> list[Placement]:
    """The frame laid on the head in 3D and seen as the camera sees it: the bridge on the
    nose, each half of the front from there back to its temple along the head's own axes
    (so on a turned head the far lens is narrower and nearer the nose, the frame follows
    the eye line's tilt), the lenses at the eyes' height; the near temple arm goes back
    towards the ear, the far one is hidden behind the face.

    Each half is mapped on its own, so a product photo taken at an angle (the far lens
    narrower than the near one) is rectified toward a frontal view; one so oblique that
    the far half is hardly seen is refused."""
    face = _face_or_refuse(person, "glasses need the eyes")
    _facing_or_refuse(face, "a pair of glasses", GLASSES_MOST_TURN)
    # The pair she wears is painted out first; one with dark lenses cannot be: what eyes
    # would show through the new pair is not in the photo.
    wearing = wears_glasses(person.image, face)
    worn = old_frame(person.image, face) if wearing else None
    if lens_darkness(person.image, face) > SUNGLASSES_DARK or (wearing and worn is None):
        raise EngineError(
            "pose_not_supported",
            "the person already wears glasses whose lenses hide the eyes, so they cannot be taken off "
            "to draw the new pair; send a photo without glasses or with clear lenses",
        )
    alpha, a, bridge_start, bridge_end, b, top, bottom = _glasses_front(cut)
    bridge_x = (bridge_start + bridge_end) // 2
    left_w, right_w = bridge_x - a, b - bridge_x
    # The lenses' widths, without the bridge, tell how far the photo is turned.
    if bridge_end - b >= 0 or min(bridge_start - a, b - bridge_end) < GLASSES_LEAST_RATIO * max(
        bridge_start - a, b - bridge_end, 1
    ):
        raise EngineError(
            "garment_not_found",
            "the glasses are photographed from the side, so one lens cannot be seen; send a front or three-quarter view",
        )
    rgb, alpha = _without_lens_lines(cut.rgb, alpha, a, (bridge_start, bridge_end), b, bottom - top + 1)
    front = Cutout(rgb, alpha, cut.parts, cut.holes)
    rows = alpha[:, a : b + 1].sum(axis=1)
    cy = float((rows * np.arange(len(rows))).sum() / max(rows.sum(), 1e-6))
    points = face.points.astype(np.float64)
    across, down, out = head_axes(face)
    eye_r = (points[lm.EYE_R_OUTER] + points[lm.EYE_R_INNER]) / 2
    eye_l = (points[lm.EYE_L_OUTER] + points[lm.EYE_L_INNER]) / 2
    eyes_mid = (eye_r + eye_l) / 2
    # The bridge sits on the nose at the eyes' height (the lenses' middle level with the pupils).
    to_nose = points[lm.NOSE_BRIDGE] - eyes_mid
    centre = eyes_mid + across * float(to_nose @ across) + out * float(to_nose @ out)
    # The front's ends lie back from the bridge as far as the eyes' outer corners do,
    # a little in front of them (the lenses stand off the eyes).
    corners = (points[lm.EYE_R_OUTER] + points[lm.EYE_L_OUTER]) / 2
    depth = min(float((corners - centre) @ out) + GLASSES_STAND_OFF * face_width_3d(face), 0.0)

    # Each half reaches the face's outline at the temple, within what the eye's own
    # distance from the nose allows (the outline's landmarks are the mesh's least sure).
    def reach(cheek: int, eye: Vec) -> float:
        to_eye = max(abs(float((eye - centre) @ across)), 1.0)
        return float(
            np.clip(
                abs(float((points[cheek] - centre) @ across)) * GLASSES_REACH,
                to_eye * TEMPLE_PER_EYE[0],
                to_eye * TEMPLE_PER_EYE[1],
            )
        )

    temple_r = centre - across * reach(lm.CHEEK_R, eye_r) + out * depth
    temple_l = centre + across * reach(lm.CHEEK_L, eye_l) + out * depth
    # Heights from the near side's scale: the far half is only foreshortened sideways.
    k = max(
        float(np.linalg.norm(temple_r - centre)) / max(left_w, 1),
        float(np.linalg.norm(temple_l - centre)) / max(right_w, 1),
    )
    half_h = (bottom - top) / 2
    hair = hair_mask(person, face)
    span = float(np.linalg.norm((temple_l - temple_r)[:2]))
    # Hair may hang over the frame's outer ends, never over the lenses.
    line = _unit(temple_l[:2] - temple_r[:2])
    ends = 1 - _band(person.image.shape[:2], centre[:2], np.array([-line[1], line[0]]), span * 0.4, 2)
    placements = []
    # The near arm, seen going back from the hinge when the head is turned; the far one
    # is behind the face. It is drawn first: the front's end lies over its hinge.
    back = -out[:2]
    near_right = float((temple_r - centre)[:2] @ back) > 0
    temple, outer = (temple_r, a) if near_right else (temple_l, b)
    column = alpha[:, max(0, outer - 2) : outer + 3].sum(axis=1)
    hinge_row = float((column * np.arange(len(column))).sum() / max(column.sum(), 1e-6))
    hinge = temple + down * (hinge_row - cy) * k
    ear = hinge - out * GLASSES_ARM * face_width_3d(face) + down * GLASSES_ARM_DROP * face_width_3d(face)
    thickness = float(np.clip(GLASSES_ARM_WIDTH * face_width_3d(face), 1.5, None))
    if float(np.linalg.norm((ear - hinge)[:2])) > 3 * thickness:
        arm = _temple_arm(cut, alpha, outer, hinge[:2], ear[:2], thickness)
        placements.append(replace(arm, front=hair))
    # The halves share the bridge's column, so they meet there without a seam.
    for x0, x1, temple, second in ((a, bridge_x, temple_r, False), (bridge_x, b, temple_l, True)):
        half = alpha.copy()
        half[:, : max(0, x0 - 1)] = 0
        half[:, x1 + 2 :] = 0
        outer = x0 if x0 == a else x1
        # Sideways the half shrinks to its drawn width, upright to the frame's height.
        sideways = float(np.linalg.norm((temple - centre)[:2])) / max(abs(outer - bridge_x), 1)
        upright = float(np.linalg.norm(down[:2])) * k
        piece, bx = _squeezed(Cutout(front.rgb, half, [], cut.holes), bridge_x, sideways / max(upright, 1e-6))
        fx = bx / max(bridge_x, 1)
        src = [np.array([bx, cy]), np.array([outer * fx, cy]), np.array([bx, cy + half_h])]
        dst = [centre[:2], temple[:2], (centre + down * half_h * k)[:2]]
        placements.append(
            Placement(
                piece,
                _affine(src, dst),
                front=hair * ends,
                shadow=0.22,
                lift=0.03,
                expect=span if second else 0.0,
                part="the face",
                with_previous=second or bool(placements),
            )
        )
    if worn is not None:
        # The old frame is painted out under the first piece drawn; the others draw over that.
        placements[0].paint_out = worn
        placements[0].painted = painted_over(person.image, worn, face.width)
    return placements


def face_width_3d(face: lm.Face) -> float:
    """The face's width at the eyes' height in the mesh's 3D pixels: the same whichever way the head turns."""
    return float(np.linalg.norm(face.points[lm.CHEEK_L].astype(np.float64) - face.points[lm.CHEEK_R]))


# --- hat ----------------------------------------------------------------------------------------


def _skull(face: lm.Face) -> tuple[float, Vec]:
    """The face's width across the cheeks in 3D (which a turned face's outline foreshortens)
    and where the skull's middle lies in the photo from the forehead's: `SKULL_DEPTH` face
    widths behind it, along the face's normal, seen across the face. A hat goes round the
    skull, so on a turned head it shifts toward the back of the head, not over the face."""
    p = face.points.astype(np.float64)
    across = p[lm.CHEEK_L] - p[lm.CHEEK_R]
    width = float(np.linalg.norm(across))
    normal = np.cross(across, p[lm.CHIN] - p[lm.FOREHEAD])
    normal /= max(float(np.linalg.norm(normal)), 1e-9)
    # Toward the camera (the mesh's nearer points have the lower z), then away from it.
    if normal[2] > 0:
        normal = -normal
    # Only across the head (square to chin-to-forehead; a profile's cheeks line up with
    # that): a bowed or raised face still has the band's front on its forehead.
    up = _unit(_v(face.pt(lm.FOREHEAD)) - _v(face.pt(lm.CHIN)))
    across_photo = np.array([-up[1], up[0]])
    # Beyond `PROFILE_TURN` the photo shows the side of the head, front to back: the
    # skull's middle lies deeper behind the forehead than the frontal outline says.
    side = float(np.clip((face.turn - PROFILE_TURN[0]) / (PROFILE_TURN[1] - PROFILE_TURN[0]), 0, 1))
    depth = SKULL_DEPTH + (PROFILE_SKULL_DEPTH - SKULL_DEPTH) * side
    return width, across_photo * float(-normal[:2] @ across_photo) * width * depth


def lowest_rows(alpha: NDArray[np.float32]) -> tuple[NDArray[np.intp], NDArray[np.float32]]:
    """The columns a cut-out covers solidly and, for each, its lowest solid row."""
    solid = alpha > 0.5
    columns = np.nonzero(solid.any(axis=0))[0]
    return columns, (alpha.shape[0] - 1 - np.argmax(solid[::-1, columns], axis=0)).astype(np.float32)


def band_sag(alpha: NDArray[np.float32]) -> tuple[float, float]:
    """How much lower (px) a hat's lower edge lies near its sides (a tenth to a fifth of
    its width in from each) than at its middle fifth, and its middle's lowest row."""
    columns, lowest = lowest_rows(alpha)
    a, b = float(columns.min()), float(columns.max())
    t = (columns - a) / max(b - a, 1.0)
    middle = float(np.median(lowest[np.abs(t - 0.5) <= 0.1]))
    sides = float(np.median(lowest[(np.abs(t - 0.5) >= 0.3) & (np.abs(t - 0.5) <= 0.4)]))
    return sides - middle, middle


def _shrunk(cut: Cutout, width: float) -> Cutout:
    """The cut-out made no wider than `width` px (area averaging): a product photo many
    times the size the hat is drawn at costs its bending and warping for nothing."""
    h, w = cut.alpha.shape
    factor = width / w
    if factor >= 1:
        return cut
    size = (max(2, round(w * factor)), max(2, round(h * factor)))
    return replace(
        cut,
        rgb=cv2.resize(cut.rgb, size, interpolation=cv2.INTER_AREA),
        alpha=cv2.resize(cut.alpha, size, interpolation=cv2.INTER_AREA),
        parts=[
            (round(x0 * factor), round(y0 * factor), round(x1 * factor), round(y1 * factor))
            for x0, y0, x1, y1 in cut.parts
        ],
    )


def curved_band(cut: Cutout, curve: float = HAT_CURVE) -> Cutout:
    """The hat with its lower edge bent down toward its sides until they lie `curve` of
    its width below its middle (a cap's brim, already curved, is bent less or not at
    all); its upper part stays as it is."""
    alpha = cut.alpha
    columns, _ = lowest_rows(alpha)
    a, b = float(columns.min()), float(columns.max())
    sag, middle = band_sag(alpha)
    # The bend grows as the square of the way out, read at 0.3 to 0.4 of the width out
    # (0.7 of the way to the ends): there it must make up what the sag lacks.
    extra = min(curve * (b - a) - sag, HAT_MOST_BEND * (b - a)) / 0.7**2
    if extra < 1:
        return cut
    h, w = alpha.shape
    pad = int(np.ceil(extra)) + 1
    ys, xs = _coordinates((h + pad, w))
    across = np.clip((xs - (a + b) / 2) / max((b - a) / 2, 1.0), -1, 1)
    # The bend grows from nothing at the crown's middle height to all of it at the band.
    weight = np.clip((ys - middle * 0.5) / max(middle * 0.5, 1.0), 0, 1)
    source = (ys - extra * across**2 * weight).astype(np.float32)
    xs_map = np.broadcast_to(xs, source.shape).astype(np.float32)
    rgb = cv2.remap(cut.rgb, xs_map, source, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    bent = cv2.remap(alpha, xs_map, source, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return replace(cut, rgb=rgb, alpha=bent.astype(np.float32))


def hat(person: Person, cut: Cutout) -> list[Placement]:
    """The hat's lower edge low on the forehead, bent down over the temples, as wide as
    the head and over the skull's middle, tilted with the head; the hair that would stick
    out above or beside the crown goes under the hat."""
    face = lm.face(person)
    if face is not None:
        _facing_or_refuse(face, "a hat", MOST_HAT_TURN)
        width, behind = _skull(face)
        guess = width * HAT_PER_FACE
        up = _unit(_v(face.pt(lm.FOREHEAD)) - _v(face.pt(lm.CHIN)))
        lean = float(np.degrees(np.arccos(np.clip(-up[1], -1.0, 1.0))))
        if face.turn > PROFILE_TURN[0] and lean > HAT_MOST_LEAN:
            raise EngineError(
                "pose_not_supported",
                f"the head is turned ({face.turn:.0f}°) and leans {lean:.0f}° to the side: a hat photographed "
                "upright would sit on the face, not the skull; send a photo with the head more upright",
            )
        brows = (_v(face.pt(lm.BROW_L)) + _v(face.pt(lm.BROW_R))) / 2
        brim = brows + (_v(face.pt(lm.FOREHEAD)) - brows) * HAT_BAND + behind
    elif _in_frame(person, L_EYE, R_EYE, threshold=0.3) and person.visibility[[L_EAR, R_EAR]].max() >= 0.3:
        eyes = (_v(person.pt(L_EYE)) + _v(person.pt(R_EYE))) / 2
        width = max(
            float(np.linalg.norm(_v(person.pt(L_EAR)) - _v(person.pt(R_EAR)))) * 1.15,
            float(np.linalg.norm(_v(person.pt(L_EYE)) - _v(person.pt(R_EYE)))) * 2.6,
        )
        guess = width * 1.1 * 1.12
        up = np.array([0.0, -1.0])
        brim = eyes + up * width * 0.3
    else:
        _no_face(person, "a hat needs it")
    if brim[1] < 0:
        raise EngineError("pose_not_supported", "the top of the head is cut off by the photo; a hat needs it")
    # The picture's right along the head's tilt (up turned a quarter clockwise on screen):
    # the photo's left edge of the hat stays on the left, so a logo is never mirrored.
    right = np.array([-up[1], up[0]])
    # As wide as the head's outline is there, hair included (the person mask), within
    # `HAT_OUTLINE` of what the face says, and over its middle when the outline is near
    # where the skull says (a backdrop the mask takes for the person pulls it away).
    head, shift = _arm_span(person, brim + up * guess * 0.1, right, guess)
    hat_width = float(np.clip(head * 1.04, guess * HAT_OUTLINE[0], guess * HAT_OUTLINE[1]))
    brim = brim + right * float(np.clip(shift, -0.15 * guess, 0.15 * guess))
    cut = _shrunk(cut, hat_width * 2)
    # Seen from the side the band's lower edge no longer dips evenly to both sides: the
    # dip fades out as the head turns, gone at `MOST_FACE_TURN` (it came over the near eye).
    # A hat drawn squashed (below, `HAT_MOST_RISE`) is bent more, so its dip survives that.
    turn = face.turn if face is not None else 0.0
    columns, _ = lowest_rows(cut.alpha)
    squash = min(1.0, HAT_MOST_RISE * float(columns.max() - columns.min()) / max(band_sag(cut.alpha)[1], 1.0))
    cut = curved_band(cut, HAT_CURVE * max(0.0, 1 - (turn / MOST_FACE_TURN) ** 2) / squash)
    alpha = cut.alpha
    _, bottom = band_sag(alpha)
    a, b = _column_extent(alpha[int(bottom * 0.6) : int(bottom) + 1], 0.2)
    scale = hat_width / max(b - a, 1)
    # A hat seen from below looks taller than it is worn: no taller than `HAT_MOST_RISE` of its width.
    rise = min(bottom * scale, hat_width * HAT_MOST_RISE)
    src = [np.array([a, bottom]), np.array([b, bottom]), np.array([(a + b) / 2, 0.0])]
    dst = [brim - right * hat_width / 2, brim + right * hat_width / 2, brim + up * rise]
    shape = person.image.shape[:2]
    inside = _inside_share(cut, _affine(src, dst), shape)
    if inside < HAT_LEAST_INSIDE:
        raise EngineError(
            "pose_not_supported",
            f"the top of the head is at the photo's edge: {1 - inside:.0%} of the hat would be cut off by it",
        )
    # Only hair above the band and within 0.6 of the hat's width of its middle can go:
    # the work is done in the box round that strip (up to the photo's edge), not the photo.
    reach = max(shape) * 2.0
    ends = np.array([brim + right * hat_width * k + up * r for k in (-0.6, 0.6) for r in (0.0, reach)])
    x0, y0 = np.clip(np.floor(ends.min(axis=0)).astype(int) - 2, 0, None)
    x1, y1 = np.minimum(np.ceil(ends.max(axis=0)).astype(int) + 3, (shape[1], shape[0]))
    hair = np.zeros(shape, np.float32)
    if x1 > x0 and y1 > y0:
        ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        # Hair rising above the crown, and tufts just beside it above the band, go under the
        # hat; big hair further out stays (filling it with the backdrop left pale blotches),
        # and so does the part of it beside the crown: a tuft ends within HAT_TUFT further
        # out, hair that goes on past it is big hair.
        height = (xs - brim[0]) * up[0] + (ys - brim[1]) * up[1]
        signed = (xs - brim[0]) * right[0] + (ys - brim[1]) * right[1]
        across = np.abs(signed)
        out = np.sign(signed) * hat_width * HAT_TUFT
        further = cv2.remap(
            person.mask.astype(np.float32),
            (xs + out * right[0]).astype(np.float32),
            (ys + out * right[1]).astype(np.float32),
            cv2.INTER_NEAREST,
            borderValue=0,
        )
        tuft = (height > rise * 0.1) & (across < hat_width * 0.6) & (further < 0.5)
        hair[y0:y1, x0:x1] = (
            (person.mask[y0:y1, x0:x1] > 0.5)
            & (((height > rise * 0.6) & (across < hat_width * 0.5)) | tuft)
            & ~_below_hat(alpha, np.linalg.inv(_affine(src, dst)), xs, ys)
        )
    backdrop = person.mask < 0.3
    if face is not None:
        # A hat already worn goes wherever the new one does not cover it, filled from the
        # backdrop round it (never from the old hat's own pixels).
        worn = old_hat(person, face, guess)
        if worn.any():
            # Its soft dark rim too, a few pixels past what its colour found.
            k = 2 * max(2, round(face.width * OLD_HAT_RIM)) + 1
            worn = cv2.dilate(worn.astype(np.uint8), np.ones((k, k), np.uint8)) > 0
            _refuse_busy_backdrop(person, worn & (_alpha_cover(cut, _affine(src, dst), shape) < 0.5), guess)
            hair = np.maximum(hair, worn.astype(np.float32))
            backdrop &= ~worn
    return [
        Placement(
            cut,
            _affine(src, dst),
            shadow=0.35,
            lift=0.03,
            erase=hair,
            backdrop=backdrop.astype(np.float32),
            expect=hat_width,
            part="the head",
        )
    ]


def _alpha_cover(cut: Cutout, matrix: NDArray[np.float64], shape: tuple[int, int]) -> NDArray[np.float32]:
    """The cut-out's alpha drawn where `matrix` puts it on a photo of `shape`."""
    return cv2.warpPerspective(cut.alpha, matrix, (shape[1], shape[0]), flags=cv2.INTER_LINEAR, borderValue=0)


def _refuse_busy_backdrop(person: Person, left: NDArray[np.bool_], guess: float) -> None:
    """Refuse when the old hat sticking out past the new one (`left`) lies over a busy
    backdrop: the smooth fill that paints it out on a wall left a grey ghost of a brim
    over a crowd."""
    if left.sum() < (guess * OLD_HAT_LEAST) ** 2:
        return
    k = 2 * max(2, round(guess * 0.3)) + 1
    ring = (cv2.dilate(left.astype(np.uint8), np.ones((k, k), np.uint8)) > 0) & ~left & (person.mask < 0.3)
    if ring.sum() < 20:
        return
    spread = float(person.lab()[..., 0][ring].std())
    if spread > OLD_HAT_BUSY:
        raise EngineError(
            "pose_not_supported",
            "the person wears a hat wider than the new one, over a busy background it cannot be "
            "painted out of; send a photo without a hat or against a plain background",
        )


def _joined(pixels: NDArray[np.bool_], seed: tuple[int, int]) -> NDArray[np.bool_] | None:
    """The 8-connected piece of `pixels` that holds `seed` (x, y), or None when it is not set."""
    _, labels = cv2.connectedComponents(pixels.astype(np.uint8), connectivity=8)
    own = labels[seed[1], seed[0]]
    return labels == own if own else None


def old_hat(person: Person, face: lm.Face, guess: float) -> NDArray[np.bool_]:
    """The hat the person already wears, when a new one cannot cover it: the pixels
    coloured like the top of the head and joined to it (the person mask's outline ends
    there), when they spread wider than a hat (`OLD_HAT_WIDE` times `guess`: a brim) yet
    stop above the chin and are unlike the hair (what runs on down, or frames the face,
    or the brows' colour, is hair). Empty when there is none."""
    h, w = person.image.shape[:2]
    none = np.zeros((h, w), np.bool_)
    up = _unit(_v(face.pt(lm.FOREHEAD)) - _v(face.pt(lm.CHIN)))
    # The top of the head's outline straight up from the forehead: a hat worn there is
    # what the outline ends with (hair, bare or cut by the photo's edge, otherwise).
    line = _v(face.pt(lm.FOREHEAD)) + up * np.arange(0.0, face.width * 3, 1.0)[:, None]
    inside = (line[:, 0] >= 0) & (line[:, 0] < w) & (line[:, 1] >= 0) & (line[:, 1] < h)
    line = line[: int(np.argmin(inside)) if not inside.all() else len(line)]
    on = person.mask[line[:, 1].astype(int), line[:, 0].astype(int)] > 0.5
    if on.all():
        return none
    sample = line[max(0, int(np.argmin(on)) - int(face.width * OLD_HAT_SAMPLE))]
    x, y = int(sample[0]), int(sample[1])
    r = max(2, int(face.width * 0.06))
    if person.mask[y, x] < 0.5 or person.face[y, x] > 0:
        return none
    colour = np.median(person.lab()[max(0, y - r) : y + r, max(0, x - r) : x + r].reshape(-1, 3), axis=0)
    if np.linalg.norm(colour[1:] - person.skin_lab[1:]) < 8 and abs(colour[0] - person.skin_lab[0]) < 25:
        return none
    # Only the box round the head is searched, a pixel in `step` (about 40 across the
    # hat): a brim reaches at most `OLD_HAT_REACH` hat widths out, and hair that runs
    # down past the chin shows it is hair.
    reach = guess * OLD_HAT_REACH
    chin = _v(face.pt(lm.CHIN)) - up * face.height * OLD_HAT_BELOW_CHIN
    right = np.array([-up[1], up[0]])
    corners = np.array([q + right * k for q in (sample + up * reach, chin) for k in (-reach, reach)])
    x0, y0 = np.clip(np.floor(corners.min(axis=0)).astype(int), 0, None)
    x1, y1 = np.minimum(np.ceil(corners.max(axis=0)).astype(int) + 1, (w, h))
    step = max(1, round(guess / 40))
    window = (slice(y0, y1, step), slice(x0, x1, step))
    lab = np.ascontiguousarray(person.lab()[window])
    weights = (OLD_HAT_LIGHTNESS, 1.0, 1.0)
    bare = person.face[window] == 0
    like = (squared_distance(lab, colour, weights) < OLD_HAT_COLOUR**2) & bare
    seed = ((x - x0) // step, (y - y0) // step)
    # A wide brim is often left out of the person mask: it is looked for past the mask,
    # unless what is found that way runs into the box's edge (a backdrop like the hat).
    part = _joined(like, seed)
    if part is None or part[[0, -1]].any() or part[:, [0, -1]].any():
        part = _joined(like & (person.mask[window] > 0.5), seed)
    if part is None:
        return none
    ys, xs = np.nonzero(part)
    rel = np.stack([xs * step + x0 - sample[0], ys * step + y0 - sample[1]], axis=1)
    across = rel @ right
    if float(-(rel @ up).max()) > float((sample - chin) @ up) - step - 1:
        return none
    if float(across.max() - across.min()) < OLD_HAT_WIDE * guess:
        return none
    beside = _beside_face(person, face)
    for other, least in ((_darkest(person, face, r), OLD_HAT_UNLIKE_BROWS), (beside, OLD_HAT_UNLIKE_HAIR)):
        if other is not None and float(squared_distance(other[None, None], colour, weights)[0, 0]) < least**2:
            return none
    # A hat is about convex: its shaded or lit parts the colour missed lie inside the
    # outline of what it found (the face, and hair coloured as beside it, stay).
    hull = np.zeros(part.shape, np.uint8)
    cv2.fillConvexPoly(hull, cv2.convexHull(np.stack([xs, ys], axis=1).astype(np.int32)), 1)
    found = (hull > 0) & bare
    if beside is not None:
        found &= squared_distance(lab, beside, weights) >= OLD_HAT_UNLIKE_HAIR**2
    full = none.copy()
    full[y0:y1, x0:x1] = cv2.resize(found.astype(np.uint8), (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST).astype(
        np.bool_
    )
    return full


def _beside_face(person: Person, face: lm.Face) -> NDArray[np.float32] | None:
    """The colour (Lab) of the person just beside both cheeks, from the eyes down to the
    mouth (the hair that frames a face, or the ears), or None where nothing of the person is there."""
    lab = person.lab()
    h, w = lab.shape[:2]
    out = _unit(_v(face.pt(lm.CHEEK_L)) - _v(face.pt(lm.CHEEK_R)))
    down = _v(face.pt(lm.CHIN)) - _v(face.pt(lm.FOREHEAD))
    points = np.array(
        [
            _v(face.pt(cheek)) + side * out * face.width * k + down * t
            for cheek, side in ((lm.CHEEK_L, 1.0), (lm.CHEEK_R, -1.0))
            for k in (0.15, 0.25, 0.35)
            for t in (0.0, 0.1, 0.2)
        ]
    ).astype(int)
    points = points[(points[:, 0] >= 0) & (points[:, 0] < w) & (points[:, 1] >= 0) & (points[:, 1] < h)]
    points = points[(person.mask[points[:, 1], points[:, 0]] > 0.5) & (person.face[points[:, 1], points[:, 0]] == 0)]
    if len(points) < 4:
        return None
    return np.median(lab[points[:, 1], points[:, 0]], axis=0).astype(np.float32)


def _darkest(person: Person, face: lm.Face, r: int) -> NDArray[np.float32]:
    """The colour (Lab) of the darkest fifth of the pixels round both brows: their hairs, not the skin between."""
    lab = person.lab()
    h, w = lab.shape[:2]
    patches = [
        lab[max(0, int(q[1]) - r) : min(h, int(q[1]) + r + 1), max(0, int(q[0]) - r) : min(w, int(q[0]) + r + 1)]
        for q in (face.pt(lm.BROW_L), face.pt(lm.BROW_R))
    ]
    pixels = np.concatenate([patch.reshape(-1, 3) for patch in patches])
    dark = pixels[pixels[:, 0] <= np.percentile(pixels[:, 0], 20)]
    return np.median(dark, axis=0).astype(np.float32)


def _below_hat(alpha: NDArray[np.float32], to_hat: NDArray[np.float64], xs: Mask, ys: Mask) -> NDArray[np.bool_]:
    """Photo pixels below the worn hat's lower edge (the nearest of its columns beside it):
    the hair there shows under the hat. Erasing it left the backdrop in a gap between a
    slanted or rounded lower edge (a beanie seen from the side) and the head."""
    solid = alpha > 0.5
    columns = np.nonzero(solid.any(axis=0))[0]
    lowest = np.full(alpha.shape[1], -1.0, np.float32)
    lowest[columns] = alpha.shape[0] - 1 - np.argmax(solid[::-1, columns], axis=0)
    u = to_hat[0, 0] * xs + to_hat[0, 1] * ys + to_hat[0, 2]
    v = to_hat[1, 0] * xs + to_hat[1, 1] * ys + to_hat[1, 2]
    column = np.clip(np.rint(u), columns.min(), columns.max()).astype(np.intp)
    # A column with no hat in it (a gap between pompom and crown) takes the nearest solid one's edge.
    nearest = columns[np.clip(np.searchsorted(columns, column), 0, len(columns) - 1)]
    return v > lowest[nearest] + 1


# --- watch, bracelet, ring ----------------------------------------------------------------------


def _wrist_side(person: Person, description: str) -> str:
    return _wrist_sides(person, description)[0]


def _wrist_sides(person: Person, description: str) -> list[str]:
    """The wrists an item may go on, the likelier first: the one the description names,
    else those in the photo, the nearer (bigger) hand first, the left when alike."""
    text = description.lower()
    for side in ("left", "right"):
        if side in text:
            wrist = SIDES[side][2]
            if not _in_frame(person, wrist, threshold=0.5):
                raise EngineError("pose_not_supported", f"the {side} wrist is not in the photo")
            return [side]
    # The wrist must be in the photo; the elbow only has to be known (it gives the forearm's line).
    seen = [
        s
        for s in ("left", "right")
        if _in_frame(person, SIDES[s][2], threshold=0.5) and person.visibility[SIDES[s][1]] >= 0.3
    ]
    if not seen:
        raise EngineError("pose_not_supported", "no wrist is visible in the photo; a watch or bracelet needs one")
    if len(seen) == 1:
        return seen
    # The nearer hand looks bigger; when both look alike, the left (where most wear a watch).
    hands = {s: lm.hand(person, s) for s in seen}
    widths = {s: h.palm_width for s, h in hands.items() if h is not None}
    first = "left"
    if len(widths) == 2 and abs(widths["left"] - widths["right"]) > 0.12 * max(widths.values()):
        first = max(widths, key=widths.__getitem__)
    elif len(widths) == 1:
        first = next(iter(widths))
    return [first, "right" if first == "left" else "left"]


def _arm_span(person: Person, centre: Vec, across: Vec, guess: float) -> tuple[float, float]:
    """Width of the limb (or head) through `centre` along `across`, from the person mask,
    and how far its middle lies from `centre` along `across` (0 when not measured)."""
    h, w = person.mask.shape
    steps = np.arange(-guess * 1.5, guess * 1.5, 0.5)
    xs = np.clip((centre[0] + across[0] * steps).astype(int), 0, w - 1)
    ys = np.clip((centre[1] + across[1] * steps).astype(int), 0, h - 1)
    inside = person.mask[ys, xs] > 0.5
    mid = len(steps) // 2
    if not inside[mid]:
        return guess, 0.0
    lo = mid - int(np.argmin(inside[mid::-1])) if not inside[: mid + 1].all() else 0
    hi = mid + int(np.argmin(inside[mid:])) if not inside[mid:].all() else len(steps)
    measured = (hi - lo) * 0.5
    if not guess * 0.7 <= measured <= guess * 1.3:
        return float(np.clip(measured, guess * 0.7, guess * 1.3)), 0.0
    return measured, float(np.clip(((lo + hi) / 2 - mid) * 0.5, -0.3 * guess, 0.3 * guess))


def _wrist(person: Person, side: str) -> tuple[Vec, Vec, float, lm.Hand | None]:
    """The wrist joint, the unit vector down the forearm and the wrist's width."""
    _, elbow, wrist = SIDES[side]
    hand = lm.hand(person, side)
    joint = _v(hand.pt(lm.WRIST)) if hand is not None else _v(person.pt(wrist))
    along = _unit(joint - _v(person.pt(elbow)))
    frontal = _frontal_width(person)
    guess = hand.palm_width * 0.95 if hand is not None else frontal * 0.15
    across = np.array([-along[1], along[0]])
    width, shift = _arm_span(person, joint - along * guess * 0.4, across, guess)
    # Hand landmarks put the wrist joint off the forearm's middle when the hand is turned.
    return joint + across * shift, along, width, hand


def _run(inside: NDArray[np.bool_], centre: Vec, across: Vec, guess: float) -> tuple[float, float] | None:
    """The run of `inside` through `centre` along `across` (within 1.5 `guess` either side),
    or through the nearest inside point within `OFF_ARM` guesses when `centre` is outside
    (the hand's wrist point beside a thin wrist seen side on): its length and how far its
    middle lies from `centre`; None when nothing is inside that near."""
    h, w = inside.shape
    steps = np.arange(-guess * 1.5, guess * 1.5, 0.5)
    xs = np.clip((centre[0] + across[0] * steps).astype(int), 0, w - 1)
    ys = np.clip((centre[1] + across[1] * steps).astype(int), 0, h - 1)
    line = inside[ys, xs]
    centre_index = mid = len(steps) // 2
    if not line[mid]:
        near = np.nonzero(line & (np.abs(steps) <= OFF_ARM * guess))[0]
        if len(near) == 0:
            return None
        mid = int(near[np.argmin(np.abs(near - centre_index))])
    lo = mid - int(np.argmin(line[mid::-1])) if not line[: mid + 1].all() else 0
    hi = mid + int(np.argmin(line[mid:])) if not line[mid:].all() else len(steps)
    return (hi - lo) * 0.5, ((lo + hi) / 2 - centre_index) * 0.5


def _window(person: Person, centre: Vec, reach: float) -> tuple[int, int, int, int]:
    h, w = person.mask.shape
    x0, y0 = int(max(0, centre[0] - reach)), int(max(0, centre[1] - reach))
    return x0, y0, int(min(w, centre[0] + reach + 1)), int(min(h, centre[1] + reach + 1))


def _watch_wrist(person: Person, side: str) -> tuple[Vec, Vec, float, lm.Hand | None, NDArray[np.bool_] | None, Vec]:
    """`_wrist` for a watch, measured on the skin too: the wrist joint, the unit vector down
    the forearm, the wrist's width, the hand, the clothes round the wrist (the person but
    not the skin; None when the hand gave no skin colour to tell a sleeve from skin) and
    that window's corner.

    Where the forearm lies in front of the body the person mask runs on across the torso;
    its span was taken at the guess's upper bound (1.3), so the case came out wider than
    the wrist and hung over its edges. Then the run of skin across the wrist gives the width."""
    _, elbow, wrist = SIDES[side]
    hand = lm.hand(person, side)
    joint = _v(hand.pt(lm.WRIST)) if hand is not None else _v(person.pt(wrist))
    along = _unit(joint - _v(person.pt(elbow)))
    guess = hand.palm_width * 0.95 if hand is not None else _frontal_width(person) * 0.15
    across = np.array([-along[1], along[0]])
    x0, y0, x1, y1 = _window(person, joint, guess * 2.5)
    corner = np.array([x0, y0], np.float64)
    palm = (
        np.mean([_v(hand.pt(i)) for i in (lm.WRIST, lm.INDEX_MCP, lm.MIDDLE_MCP, lm.PINKY_MCP)], axis=0)
        if hand is not None
        else joint + along * guess * 0.6
    )
    skin, found = _hand_coloured(person, (x0, y0, x1, y1), palm - corner, guess * 0.25)
    at = joint - along * guess * 0.4
    low, high = MASK_SPAN
    run = _run(person.mask > 0.5, at, across, guess)
    if run is not None and run[0] > MASK_RUNS_ON * guess:
        low, run = SKIN_LEAST, _run(skin, at - corner, across, guess)
    width, shift = guess, 0.0
    if run is not None:
        width = float(np.clip(run[0], low * guess, high * guess))
        shift = float(np.clip(run[1], -OFF_ARM * guess, OFF_ARM * guess))
    cloth = (person.mask[y0:y1, x0:x1] > 0.5) & ~skin
    return joint + across * shift, along, width, hand, cloth if found else None, corner


def _hand_coloured(
    person: Person, window: tuple[int, int, int, int], hand: Vec, radius: float
) -> tuple[NDArray[np.bool_], bool]:
    """The person's pixels in `window` coloured like the hand (a disc at `hand`, in the
    window's pixels): the bare wrist's skin; and whether skin can be told from a sleeve.
    The face's skin colour (`skin_like`) missed a tanned forearm below a paler face, which
    then read as a sleeve; it stays the reference when the disc is not skin-coloured at
    all (a glove, the hand not there), and then cannot tell a sleeve from skin, unless
    the disc is near the face's chroma at another hue (a sleeve over the hand's place)."""
    x0, y0, x1, y1 = window
    lab = person.crop(x0, y0, x1, y1).lab()
    worn = person.mask[y0:y1, x0:x1] > 0.5
    disc = np.zeros(worn.shape, np.uint8)
    cv2.circle(disc, (int(hand[0]), int(hand[1])), max(2, int(radius)), 1, -1)
    sample = lab[(disc > 0) & worn]
    reference, found = person.skin_lab, False
    if len(sample) >= 10:
        median = np.median(sample, axis=0).astype(np.float32)
        near = float(squared_distance(median[None, None], person.skin_lab, (0.0, 1.0, 1.0))[0, 0]) < HAND_SKIN**2
        # Near the face's chroma at another hue is a sleeve where the hand was looked for,
        # told from skin by the face's hue.
        skin = _hue_turn(median, person.skin_lab) < HAND_HUE and _chroma(median) * HAND_FADED >= _chroma(
            person.skin_lab
        )
        reference, found = (median, True) if near and skin else (reference, near)
    return skin_hued(lab, reference) & worn, found


def _chroma(lab: NDArray[np.float32]) -> float:
    return float(np.hypot(float(lab[1]) - 128, float(lab[2]) - 128))


def _hue_turn(lab: NDArray[np.float32], reference: NDArray[np.float32]) -> float:
    """The angle (degrees) between two Lab colours' hues."""
    a, b = float(lab[1]) - 128, float(lab[2]) - 128
    ra, rb = float(reference[1]) - 128, float(reference[2]) - 128
    return abs(float(np.degrees(np.arctan2(a * rb - b * ra, a * ra + b * rb))))


def skin_hued(lab: NDArray[np.float32], reference: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Pixels of the reference skin's hue and about its saturation: the same skin in a
    highlight or in shadow (light changes a skin's chroma, not its hue), where a black,
    grey or blue sleeve is not."""
    a, b = lab[..., 1] - 128, lab[..., 2] - 128
    ra, rb = float(reference[1]) - 128, float(reference[2]) - 128
    strength = max(float(np.hypot(ra, rb)), 1.0)
    chroma = np.hypot(a, b)
    cosine = (a * ra + b * rb) / (np.maximum(chroma, 1e-3) * strength)
    return np.asarray(
        (cosine > np.cos(np.radians(SKIN_HUE))) & (chroma > strength / SKIN_FADED) & (chroma < strength * SKIN_CHROMA)
    )


def _bare_rows(
    cloth: NDArray[np.bool_], joint: Vec, along: Vec, width: float, ss: NDArray[np.float64]
) -> NDArray[np.bool_]:
    """Whether each row across the forearm at `ss` (px along it from the joint, towards the
    hand) is not clothed in its middle, `cloth` being in the window's own pixels (a row
    off the person, beside a thin wrist, is no sleeve either)."""
    h, w = cloth.shape
    across = np.array([-along[1], along[0]])
    us = np.linspace(-WRIST_MIDDLE, WRIST_MIDDLE, 9) * width
    pts = joint[None, None, :] + ss[:, None, None] * along + us[None, :, None] * across
    xs = np.clip(pts[..., 0].astype(int), 0, w - 1)
    ys = np.clip(pts[..., 1].astype(int), 0, h - 1)
    return np.asarray(cloth[ys, xs].mean(axis=1) < BARE_ROW)


def _wrist_masks(
    person: Person,
    hand: lm.Hand | None,
    centre: Vec,
    along: Vec,
    width: float,
    cloth: NDArray[np.bool_] | None,
    corner: Vec,
    joint: Vec,
    tucked: tuple[float, float] | None,
) -> tuple[Mask, Mask]:
    """What a watch or bracelet at `centre` keeps of the photo (the band round the wrist)
    and what stays in front of it: the fingers, and the cuff it is tucked under."""
    shape = person.image.shape[:2]
    keep = _band(shape, centre, along, width / 2 + 1, 1.5)
    front = _fingers_in_front(person, hand)
    if tucked is not None and cloth is not None:
        front = _cuff_in_front(shape, cloth, corner, joint, along, tucked[1], front)
    return keep, front


def _below_cuff(
    cloth: NDArray[np.bool_], joint: Vec, along: Vec, width: float, item: tuple[str, float, float], description: str
) -> tuple[float, float] | None:
    """Where along the forearm (px from the joint, negative up the arm) the item's middle
    goes when a sleeve covers its usual place, and where the cuff ends: just below the
    cuff, tucked under it. `item` is its name, its usual middle (px from the joint) and its
    length along the forearm. None when the wrist is bare there; refused when the cuff
    leaves too little of the wrist to show it."""
    name, usual, case = item
    ss = np.arange(usual - case / 2, width * 0.8, 1.0)
    bare = _bare_rows(cloth, joint, along, width, ss)
    on_case = np.abs(ss - usual) <= case / 2
    if bare[on_case].mean() >= WATCH_ON_SKIN:
        # The cuff's end inside the case's upper part: the covered rows from its top down.
        reach = int(np.argmax(bare))
        if reach < CUFF_INTO_CASE * case:
            return None
        cuff = float(ss[reach - 1])
    else:
        covered = ss[~bare & (ss <= width * WATCH_PAST_JOINT)]
        cuff = float(covered.max()) if len(covered) else usual - case / 2
    lower = min(cuff + case * 0.85, width * WATCH_PAST_JOINT)
    if lower - cuff < LEAST_BELOW_CUFF * case:
        raise EngineError(
            "pose_not_supported",
            f"the sleeve covers {description}: a {name} would be hidden under its cuff; send a photo with the wrist bare",
        )
    return lower - case / 2, cuff


def _fingers_in_front(person: Person, hand: lm.Hand | None) -> Mask | None:
    """The hand's outline when its fingers come towards the camera over the wrist."""
    if hand is None:
        return None
    nearer = float(np.median(hand.points[5:, 2]))
    if nearer > -0.25 * hand.palm_width:
        return None
    return _hull_mask(person.image.shape[:2], hand.points[1:, :2].astype(np.float64), hand.palm_width * 0.12)


def _strap_shade(shape: tuple[int, int], centre: Vec, along: Vec, half: float) -> Mask:
    """Lighter along the wrist's top, darker where the strap turns away round its sides."""
    ys, xs = _coordinates(shape)
    d = np.abs((xs - centre[0]) * -along[1] + (ys - centre[1]) * along[0])
    t = np.clip(d / max(half, 1e-6), 0, 1)
    return (1.04 - 0.45 * t**3).astype(np.float32)


def watch(person: Person, cut: Cutout, description: str) -> list[Placement]:
    """The watch on the likelier wrist, or on the other one when that wrist cannot show it
    (under a sleeve, too small to see): a wrist with a bracelet of her own read as a
    cuff, a hand raised to the lips seen edge on, were refused with the other wrist bare."""
    refusals = []
    for number, side in enumerate(_wrist_sides(person, description)):
        # The other wrist, or a wrist seen from behind, only where the hand model finds its
        # hand: the pose model guesses wrists in pockets and under hair, and a watch was
        # drawn on a hand in a pocket and on the hair of a woman seen from behind.
        if (number > 0 or person.behind) and lm.hand(person, side) is None:
            continue
        try:
            return _watch_on(person, cut, side)
        except EngineError as error:
            if error.code != "pose_not_supported":
                raise
            refusals.append(error)
    if not refusals:
        raise EngineError("pose_not_supported", "no wrist is visible in the photo; a watch needs one")
    raise refusals[0]


def _watch_on(person: Person, cut: Cutout, side: str) -> list[Placement]:
    """The case on the back of the wrist a little up the forearm, the strap across the arm
    and cut where the arm's outline turns away, fingers in front when they come forward;
    below a sleeve's cuff, tucked under it, when the sleeve comes down over the wrist."""
    joint, along, width, hand, cloth, corner = _watch_wrist(person, side)
    across = np.array([-along[1], along[0]])
    case = width * WATCH_CASE_SHARE
    item = (SwapTarget.WATCH.value, -width * 0.45, case)
    tucked = None if cloth is None else _below_cuff(cloth, joint - corner, along, width, item, f"the {side} wrist")
    # A small photo's wrist may be small in pixels and still plain to see, where the hand
    # model finds its hand (a guessed wrist in a pocket is not).
    least = least_visible(person.image.shape) if hand is not None else MIN_VISIBLE_PX
    if width < least:
        raise too_small(SwapTarget.WATCH.value, f"the {side} wrist", width)
    centre = joint + along * (-width * 0.45 if tucked is None else tucked[0])
    cut = _strap_upright(cut)
    found = strap.read(cut)
    if found is None:
        scale = case / _case_width(cut.alpha)
    else:
        case_h, case_w = found.case_alpha.shape
        scale = min(case / case_w, width * CASE_ACROSS_MOST / case_h)
    # The product photo shows the strap running up and down; on the wrist it runs across.
    if across[1] > 0:
        across = -across  # keep the dial upright-ish: the photo's top goes up the picture
    if found is not None:
        # The band's ends turn up the forearm where the wrist is seen from above (the
        # forearm runs down the photo), down it where seen from below; the cut-out's +x
        # lies along `_rotate_quarter(across)`.
        up_arm = -float(np.dot(_rotate_quarter(across), along))
        cut, (drawn_w, _) = strap.worn(found, width / 2 / scale, WRIST_TILT * float(along[1]) * up_arm)
        scale *= case_w / drawn_w
    h, w = cut.alpha.shape
    src = [np.array([w / 2, h / 2]), np.array([w / 2, 0.0]), np.array([w, h / 2])]
    dst = [centre, centre + across * h / 2 * scale, centre + _rotate_quarter(across) * w / 2 * scale]
    shape = person.image.shape[:2]
    keep, front = _wrist_masks(person, hand, centre, along, width, cloth, corner, joint, tucked)
    # The strap ends at the arm's outline: a band round the forearm's line still stuck out
    # past the arm where that line runs aslant of the arm (a hand on the hip).
    keep = keep * np.clip(person.mask / SILHOUETTE_SURE, 0, 1).astype(np.float32)
    return [
        Placement(
            cut,
            _affine(src, dst),
            keep=keep,
            front=front,
            shadow=0.3,
            lift=0.02,
            shade=_strap_shade(shape, centre, along, width / 2),
            expect=width,
            part=f"the {side} wrist",
            least=least,
            sharpen=float(np.clip((SHARP_BELOW - width) / SHARP_BELOW, 0, 1)) * WATCH_SHARPEN,
            rim=_disc(shape, centre, case * CASE_RIM_REACH),
        )
    ]


def _cuff_in_front(
    shape: tuple[int, int],
    cloth: NDArray[np.bool_],
    corner: Vec,
    joint: Vec,
    along: Vec,
    cuff: float,
    fingers: Mask | None,
) -> Mask:
    """The sleeve over the case's upper part: what is not skin on the arm up from the cuff's
    end (`cuff`, px along the forearm from the joint), and all of the clothes joined to it
    there: a cuff cut aslant comes further down on one side than in the wrist's middle,
    where the cuff's end was measured, and the case was drawn over that side. With the
    fingers if given."""
    x0, y0 = int(corner[0]), int(corner[1])
    h, w = cloth.shape
    opened = cv2.morphologyEx(cloth.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    ys, xs = _coordinates((h, w))
    up_arm = ((xs + x0 - joint[0]) * along[0] + (ys + y0 - joint[1]) * along[1]) < cuff + 1.5
    _, labels = cv2.connectedComponents(opened, connectivity=4)
    joined = np.unique(labels[(opened > 0) & up_arm])
    sleeve = np.zeros(shape, np.float32)
    sleeve[y0 : y0 + h, x0 : x0 + w] = np.isin(labels, joined[joined > 0])
    front = cv2.GaussianBlur(sleeve, (0, 0), 0.8)
    return front if fingers is None else np.maximum(front, fingers)


def _strap_upright(cut: Cutout) -> Cutout:
    """The watch turned so its strap runs up and down the photo: one photographed lying
    with the strap left to right would otherwise be put on along the forearm. The turned
    copy is kept with the cut-out, and with it what `strap.read` reads of it."""
    if cut.aspect >= 0.8:
        return cut
    return memo.kept(
        cut,
        "upright",
        (cut.alpha,),
        lambda: Cutout(
            np.ascontiguousarray(np.rot90(cut.rgb)), np.ascontiguousarray(np.rot90(cut.alpha)), [], cut.holes
        ),
    )


def _case_width(alpha: NDArray[np.float32]) -> float:
    """The case's width: the widest rows of a watch whose strap runs up and down (the
    strap is narrower than the case; the photo's width would count lugs and crown too)."""
    widths = (alpha > 0.5).sum(axis=1)
    return max(float(np.percentile(widths[widths > 0], 95)) * 0.95, 1.0) if widths.any() else float(alpha.shape[1])


def _rotate_quarter(v: Vec) -> Vec:
    """`v` turned a quarter clockwise on screen (y down): the right-hand side of `v`."""
    return np.array([-v[1], v[0]])


def _metal_colours(cut: Cutout) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The bracelet's own colours: its metal and its inlay, the two main hues (k-means on
    Lab's a and b) of its solid pixels, each the median of that hue's lighter half (a
    median over all pixels, shadows and highlights, turned a gold bangle with a turquoise
    inlay olive grey); the bigger is the metal, and the other is the inlay when it holds
    over `BRACELET_INLAY_SHARE` of them (else the metal again)."""
    rgb = cut.rgb[cut.alpha > 0.5]
    if len(rgb) < 8:
        rgb = cut.rgb.reshape(-1, 3)
    rgb = rgb[:: max(1, len(rgb) // 4000)]
    lab = cv2.cvtColor(rgb[None], cv2.COLOR_RGB2LAB)[0].astype(np.float32)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
    cv2.setRNGSeed(0)
    _, labels, _ = cv2.kmeans(np.ascontiguousarray(lab[:, 1:]), 2, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    labels = labels.ravel()
    counts = np.bincount(labels, minlength=2)

    def colour(k: int) -> NDArray[np.float32]:
        mine = labels == k
        lighter = mine & (lab[:, 0] >= np.median(lab[mine, 0]))
        return np.median(rgb[lighter].astype(np.float32), axis=0).astype(np.float32)

    big = int(np.argmax(counts))
    metal = colour(big)
    return metal, colour(1 - big) if counts[1 - big] > BRACELET_INLAY_SHARE * counts.sum() else metal


def _bangle(cut: Cutout, width: float) -> tuple[Cutout, Vec]:
    """The bracelet's near half as the wrist shows it, `width` px across: an arc bulging
    down the forearm towards the hand, `BRACELET_BAND` of the wrist thick (at least
    `BRACELET_LEAST` px), in the product's metal with its inlay along the middle, lighter
    where it faces the camera and darker where it turns away round the wrist. The product
    photo's own rings, a few pixels thick at a photo's scale, drew a sub-pixel faint band.
    Returns the drawn piece and the ring's centre in it (the far half is behind the arm)."""
    metal, inlay = _metal_colours(cut)
    thick = max(BRACELET_LEAST, width * BRACELET_BAND)
    half_w, bulge = width / 2, width * BRACELET_TILT
    w, h = int(np.ceil(width + thick)) + 2, int(np.ceil(bulge + thick)) + 3
    centre = np.array([w / 2, thick / 2 + 1.5])
    up = 4
    big = np.zeros((h * up, w * up), np.uint8)
    axes = (int(half_w * up), int(bulge * up))
    at = (int(centre[0] * up), int(centre[1] * up))
    cv2.ellipse(big, at, axes, 0, 0, 180, 255, max(1, int(thick * up)))
    alpha = cv2.resize(big, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    core = np.zeros_like(big)
    cv2.ellipse(core, at, axes, 0, 0, 180, 255, max(1, int(thick * up * 0.3)))
    stripe = cv2.resize(core, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32)[..., None] / 255
    ys, xs = _coordinates((h, w))
    turn = np.clip(np.abs(xs - centre[0]) / max(half_w, 1.0), 0, 1)[..., None]
    light = 1.12 - 0.5 * turn**3
    glint = np.zeros_like(big)
    cv2.ellipse(glint, (at[0], at[1] - int(thick * up * 0.3)), axes, 0, 20, 160, 255, max(1, int(thick * up * 0.2)))
    shine = cv2.resize(glint, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32)[..., None] / 255
    rgb = (metal * (1 - stripe) + inlay * stripe) * light
    rgb = rgb * (1 - shine * BRACELET_GLINT) + 255 * shine * BRACELET_GLINT
    return Cutout(np.clip(rgb, 0, 255).astype(np.uint8), alpha.astype(np.float32), [], 0.0), centre


def _bangle_joint(person: Person, side: str, joint: Vec, along: Vec, width: float, hand: lm.Hand | None) -> Vec:
    """The wrist joint a bracelet is drawn at: the hand model's, unless its palm is over
    `PALM_OVER_WRIST` times the wrist's width; then the hand model put it on the back of
    the hand (a bangle drawn past her own bangles, on the hand), and it moves back along
    the forearm's line to where the pose model's wrist joint lies across it."""
    if hand is None or hand.palm_width < PALM_OVER_WRIST * width:
        return joint
    back = float(np.dot(joint - _v(person.pt(SIDES[side][2])), along))
    return joint - along * max(back, 0.0)


def bracelet(person: Person, cut: Cutout, description: str) -> list[Placement]:
    """Round the wrist at its width, the far half behind the arm, a little up from the
    joint; below a sleeve's cuff, tucked under it, when the sleeve comes down over the
    wrist (as a watch), refused when the cuff leaves no wrist to show it."""
    side = _wrist_side(person, description)
    joint, along, width, hand, cloth, corner = _watch_wrist(person, side)
    joint = _bangle_joint(person, side, joint, along, width, hand)
    across = np.array([-along[1], along[0]])
    piece, middle = _bangle(cut, width)
    length = width * BRACELET_TILT + max(BRACELET_LEAST, width * BRACELET_BAND)
    item = ("bracelet", -width * 0.25 + length / 2, length)
    tucked = None if cloth is None else _below_cuff(cloth, joint - corner, along, width, item, f"the {side} wrist")
    centre = joint + along * ((-width * 0.25) if tucked is None else tucked[0] - length / 2)
    src = [middle, middle + np.array([1.0, 0.0]), middle + np.array([0.0, 1.0])]
    dst = [centre, centre + across, centre + along]
    keep, front = _wrist_masks(person, hand, centre, along, width, cloth, corner, joint, tucked)
    return [
        Placement(
            piece,
            _affine(src, dst),
            keep=keep,
            front=front,
            shadow=0.3,
            lift=0.02,
            expect=width,
            part=f"the {side} wrist",
        )
    ]


def ring(person: Person, cut: Cutout, description: str) -> list[Placement]:
    """On the ring finger between its first two joints, its far side behind the finger."""
    side = _wrist_side(person, description)
    hand = lm.hand(person, side)
    if hand is None:
        raise EngineError(
            "pose_not_supported", f"the {side} hand's fingers are not clear in the photo; a ring needs them"
        )
    base, knuckle = _v(hand.pt(lm.RING_MCP)), _v(hand.pt(lm.RING_PIP))
    along = _unit(knuckle - base)
    across = np.array([-along[1], along[0]])
    centre = base + (knuckle - base) * 0.45
    finger = hand.palm_width * 0.3
    h, w = cut.alpha.shape
    scale = finger * 1.15 / w
    src = [np.array([w / 2, h / 2]), np.array([0.0, h / 2]), np.array([w / 2, 0.0])]
    dst = [centre, centre - across * w / 2 * scale, centre + along * h / 2 * scale * 0.5]
    shape = person.image.shape[:2]
    ys, xs = _coordinates(shape)
    beyond = (((xs - centre[0]) * along[0] + (ys - centre[1]) * along[1]) > 0).astype(np.float32)
    behind = _band(shape, centre, along, finger / 2, 1.0) * beyond
    return [Placement(cut, _affine(src, dst), front=behind, shadow=0.25, lift=0.02)]


# --- shoes --------------------------------------------------------------------------------------


def _toe_is_right(alpha: NDArray[np.float32]) -> bool:
    """Whether the product shoe points right: the toe end is lower than the heel end."""
    solid = alpha > 0.5
    cols = np.nonzero(solid.any(axis=0))[0]
    first, last = cols.min(), cols.max()
    span = last - first
    heights = solid.sum(axis=0)
    left = heights[first : first + max(1, span // 4)].mean()
    right = heights[last - max(1, span // 4) : last + 1].mean()
    return bool(right < left)


#: A foot whose heel-to-toe runs across the picture by more than this share of the
#: shoe's length is seen from the side; less, and it points at (or away from) the camera.
SIDE_VIEW = 0.35
#: The most a shoe is tilted to follow a foot seen from the side (radians): the
#: landmarks wobble, and a sole is never steeper than this on a standing person.
MOST_TILT = np.radians(20)
#: How far below the ankle point (as a share of the shoe's length) the new shoe's collar
#: reaches and the old shoe is taken away from: an old sneaker's collar sits about at
#: the ankle bone, and any of it left above the new shoe reads as the old shoe.
SHOE_COLLAR = 0.03
#: How near (Lab, OpenCV's 8-bit scale) a leg pixel's colour must be to the person's skin
#: to be continued down into the old shoe's place.
LEG_SKIN = 24.0
#: How far (as a share of the shoe's length) a bare leg runs on down into the old shoe's
#: place, fading out: into a low new shoe's opening, not down to the floor beside it.
LEG_CARRY = 0.25


def toe_directions(heels_toes: list[tuple[Vec, Vec]], length: float, split: float, ankles: list[Vec]) -> list[bool]:
    """Whether each shoe's toe points to the picture's right.

    Two feet seen from the side pointing the same way (a person in profile, walking) keep
    their own directions; otherwise each toe points away from the other foot. A side view
    turned towards the other foot would cross it: on feet facing the camera the
    landmarks' wobble used to put two heels in a cross between the feet."""
    pointing = [toe - heel for heel, toe in heels_toes]
    side = [abs(float(d[0])) > SIDE_VIEW * length for d in pointing]
    if all(side) and all((d[0] > 0) == (pointing[0][0] > 0) for d in pointing):
        return [bool(d[0] > 0) for d in pointing]
    return [bool(a[0] >= split) for a in ankles]


def _tilt(heel: Vec, toe: Vec, length: float, to_right: bool) -> float:
    """The angle (radians, image coordinates) that turns a side-view shoe along a foot
    seen from the side; 0 for a foot pointing at the camera (its heel-to-toe is mostly
    depth) or one that points the other way from the shoe."""
    d = toe - heel
    if abs(float(d[0])) <= SIDE_VIEW * length or (d[0] > 0) != to_right:
        return 0.0
    angle = float(np.arctan2(d[1], d[0])) if to_right else float(np.arctan2(-d[1], -d[0]))
    return float(np.clip(angle, -MOST_TILT, MOST_TILT))


#: A foot is pointed (tiptoe, a jump, a lifted heel) when its heel is level with its
#: ankle (not below it by more than this share of the shoe's length, as a foot flat on a
#: floor's heel is), its heel-to-toe runs at least `POINTED_SPAN` of a shoe's length in
#: the picture (a foot flat and pointing at the camera is foreshortened to about half)
#: and falls more steeply than `POINTED_SLOPE` below the level.
POINTED_HEEL = 0.06
POINTED_SPAN = 0.75
POINTED_SLOPE = np.radians(40)
#: How far (share of the shoe's length) a pointed foot's new sole lies outside the line
#: through its heel and toe landmarks (they mark the foot's bones, not the sole's face).
POINTED_SOLE = 0.03
#: A shoe's length per heel-to-toe landmark span: the landmarks lie inside the foot's
#: ends (drawn as long as the span, a jump's shoes ended short of the old ones' toes).
SHOE_PER_SPAN = 1.15
#: How far above the ankle point (share of the shoe's length) a pointed foot's old shoe
#: is taken away from and its new collar reaches: the heel lifted level with the ankle
#: puts the old heel counter above it (left, a dark strip over the new shoe's top).
POINTED_COLLAR = 0.1


def pointed(ankle: Vec, heel: Vec, toe: Vec, length: float) -> bool:
    """Whether the foot is pointed down (heel lifted up to the ankle), so its shoe follows
    the heel-to-toe line at its own steep angle instead of lying flat on a floor: drawn
    flat, a jump's shoes stood on the air below the feet and the old ones showed above."""
    d = toe - heel
    return bool(
        heel[1] - ankle[1] < POINTED_HEEL * length
        and float(np.hypot(*d)) >= POINTED_SPAN * length
        and float(np.arctan2(d[1], abs(d[0]))) > POINTED_SLOPE
    )


def along_foot(
    size: tuple[int, int], ankle: Vec, heel: Vec, toe: Vec, length: float, toe_right: bool
) -> NDArray[np.float64]:
    """The matrix that lays a side-view shoe (`size` its height and width, toe to the
    right when `toe_right`) along a pointed foot: its sole on the heel-to-toe line, its
    upper on the ankle's side, as long as the foot asks (the shoe's length, or what the
    heel and toe's own span asks where that is longer)."""
    h, w = size
    d = toe - heel
    span = float(np.hypot(*d))
    along = d / max(span, 1e-6)
    sole_side = np.array([-along[1], along[0]])
    if float(np.dot(sole_side, ankle - heel)) > 0:
        sole_side = -sole_side
    scale = max(length, span * SHOE_PER_SPAN) / w
    toe_way = along if toe_right else -along
    middle = (heel + toe) / 2 + sole_side * POINTED_SOLE * length
    x_axis, y_axis = toe_way * scale, sole_side * scale
    offset = middle - x_axis * (w / 2) - y_axis * h
    return np.array([[x_axis[0], y_axis[0], offset[0]], [x_axis[1], y_axis[1], offset[1]], [0, 0, 1]], np.float64)


def foot_regions(
    mask: NDArray[np.float32], feet: list[list[Vec]], legs: list[tuple[Vec, Vec]], tops: list[float], reach: float
) -> list[NDArray[np.bool_]]:
    """Each foot's own part of the person below its ankle (its old shoe), nearest first.

    A pixel belongs to a foot when it lies within `reach` of that foot's ankle, heel and
    toe and nearer to them than to the other foot or the other leg (knee to ankle). Feet
    one behind the other (walking) are told apart by their own landmarks: a line between
    the ankles gave both shoes to one foot and left the back old shoe in place. Where the
    two are as near, the foot listed first (the one nearer the camera) takes the pixel."""
    h, w = mask.shape
    own, whole = [], []
    for points, (knee, ankle) in zip(feet, legs, strict=True):
        drawn = np.full((h, w), 255, np.uint8)
        cv2.fillConvexPoly(drawn, cv2.convexHull(np.round(np.array(points)).astype(np.int32)), 0)
        own.append(cv2.distanceTransform(drawn, cv2.DIST_L2, 3))
        cv2.line(drawn, tuple(int(v) for v in np.round(knee)), tuple(int(v) for v in np.round(ankle)), 0, 1)
        whole.append(cv2.distanceTransform(drawn, cv2.DIST_L2, 3))
    body = mask > 0.3
    rows = np.arange(h, dtype=np.float32)[:, None]
    regions = []
    for i, near in enumerate(own):
        mine = body & (near <= reach) & (rows >= tops[i])
        for j, other in enumerate(whole):
            if j != i:
                mine &= (near < other) | ((near == other) & (i < j))
        regions.append(mine)
    return regions


def ankle_width(mask: NDArray[np.float32], ankle: Vec, length: float) -> float | None:
    """How wide the leg (or trouser hem) is just above the ankle: the run of the person
    mask through the ankle point on that row, or None when the row is not the leg's."""
    h, w = mask.shape
    y, x = int(round(ankle[1] - 0.08 * length)), int(round(ankle[0]))
    if not (0 <= y < h and 0 <= x < w) or mask[y, x] < 0.5:
        return None
    row = mask[y] >= 0.5
    left = x - int(np.argmin(row[x::-1])) if not row[: x + 1].all() else 0
    right = x + int(np.argmin(row[x:])) if not row[x:].all() else w
    return float(right - left)


def bare_foot(skin: NDArray[np.bool_], leg: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The skin-coloured pixels joined to the bare leg `leg` (an instep in a pump, an
    ankle above a low shoe): the person's own foot, not the old shoe, even where it is
    near the shoe's colour. A tan sole apart from the leg is not kept."""
    count, labels = cv2.connectedComponents(skin.astype(np.uint8), connectivity=8)
    if count < 2:
        return np.zeros(skin.shape, bool)
    joined = np.unique(labels[leg & skin])
    return np.isin(labels, joined[joined > 0])


#: A shoe seen toe-on is about this many times as wide as the leg just above the ankle.
SHOE_PER_ANKLE = 1.5
#: The most a shoe is stretched upwards to reach the ankle of a foot seen toe-on (its
#: sole far below the ankle in the picture): less leaves a blurred gap of floor there.
MOST_STRETCH = 1.8
#: The pixels of the person within this share of the shoe's length of a foot's landmarks
#: (below its ankle) are that foot's old shoe.
FOOT_REACH = 0.45
#: Two ankles nearer each other than this share of the shin (knee to ankle) are one
#: ankle: an ankle is about 0.17 of the shin wide, so two feet side by side, even
#: touching, stand further apart. On the devset the pose model put both feet's
#: landmarks on one foot of four people standing with their feet close (ankles 0.06 to
#: 0.12 shins apart; both shoes were drawn on one foot); feet rightly found stand 0.19
#: shins apart or more.
ONE_ANKLE = 0.15
#: A leg's width just above the ankle, as a share of the shin (knee to ankle).
ANKLE_PER_SHIN = 0.17
#: Where the pose put both feet in one place, the person mask's run through the ankles
#: (on their row) this many ankles wide is two legs touching side by side, and each
#: half of it one leg: the devset's feet together measure 1.8 (`pwd001t_2`) and 2.0
#: (`ootd--053228_0`) ankles there. Narrower, the mask shows one leg (the other foot
#: hidden behind it); wider, it is a skirt's hem, not legs.
TWO_ANKLES = (1.5, 2.6)
#: Feet in one column of the picture (their landmarks' mean columns nearer than the
#: first share of the shin) under knees further apart than the second share are legs
#: crossed below the knees: one foot behind the other, both feet's landmarks on the
#: front one (`icon--028009`: 0.02 under knees 0.66 apart). Feet one behind the other
#: of a person walking towards the camera stand 0.18 apart under knees 0.38 apart.
CROSSED_FEET, CROSSED_KNEES = 0.1, 0.5


#: A foot's sole is found this far (of a shoe's length) below its lowest landmark before
#: the landmarks are taken as too high (the pose's heel and toe on the instep or a hem).
#: Devset: 0.35 to 0.62 on feet whose shoes floated, at most 0.23 on feet found well.
GROUND_GAP = 0.3
#: Where a foot's lowest landmark is moved to: this far above its sole (the shoe is
#: drawn on the old shoe's lowest row within 0.06 of a length of it).
SOLE_UNDER = 0.05
#: Below the person mask's end, a shoe the mask missed is pixels this unlike the floor,
#: lightness weighed `SHADED_LIGHTNESS` (a shadow is the floor darker, not a shoe).
SHOE_UNLIKE_FLOOR = 40.0
#: Rows (of a length) of neither leg nor shoe that do not yet end the foot going down.
GROUND_BREAK = 0.15
#: Feet whose lowest landmarks differ by more than this (of a length) stand one ahead of
#: the other: their soles are not looked for below them.
FOOT_AHEAD = 0.3
#: A sole found further down than this (of a length) is not the foot's (a long skirt).
GROUND_MOST = 0.8


def missed_shoe(mask: NDArray[np.float32], rgb: NDArray[np.uint8], box: tuple[int, int, int, int]) -> Mask:
    """In `box` (x0, y0, x1, y1), the pixels outside the person mask unlike the floor's
    median there, lightness weighed `SHADED_LIGHTNESS`: a shoe (or toes) the mask missed
    under a hem, not the shoe's shadow."""
    x0, y0, x1, y1 = box
    outside = mask[y0:y1, x0:x1] < 0.3
    lab = cv2.cvtColor(np.ascontiguousarray(rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2LAB).astype(np.float32)
    if outside.sum() < 20:
        return np.zeros(outside.shape, bool)
    weights = np.array([SHADED_LIGHTNESS, 1.0, 1.0], np.float32)
    distance = np.linalg.norm((lab - np.median(lab[outside], axis=0)) * weights, axis=-1)
    return (distance > SHOE_UNLIKE_FLOOR) & outside


def foot_ground(
    mask: NDArray[np.float32], rgb: NDArray[np.uint8], foot: tuple[Vec, Vec, Vec], length: float
) -> float | None:
    """The row of a foot's sole, found from the photo, not the pose: down the foot's
    columns (heel to toe, a little wider) from the ankle, the person mask's rows and
    below them the rows of a shoe the mask missed, as long as each row holds a run of
    them a tenth of a length wide. None outside the photo."""
    ankle, heel, toe = foot
    h, w = mask.shape
    x0 = int(max(0, min(heel[0], toe[0], ankle[0]) - 0.1 * length))
    x1 = int(min(w, max(heel[0], toe[0], ankle[0]) + 0.1 * length + 1))
    top = int(round(ankle[1]))
    bottom = int(min(h, max(heel[1], toe[1]) + GROUND_MOST * length))
    if x1 - x0 < 2 or not 0 <= top < bottom:
        return None
    foot_or_shoe = (mask[top:bottom, x0:x1] > 0.5) | missed_shoe(mask, rgb, (x0, top, x1, bottom))
    run = max(2, int(0.1 * length))
    wide = cv2.erode(foot_or_shoe.astype(np.uint8), np.ones((1, run), np.uint8)).any(axis=1)
    if not wide[0]:
        return None
    # A few rows between a trouser hem's soft edge and the shoe under it do not end the foot.
    gaps = max(1, int(GROUND_BREAK * length))
    joined = cv2.morphologyEx(wide.astype(np.uint8)[:, None], cv2.MORPH_CLOSE, np.ones((gaps * 2 + 1, 1), np.uint8))
    ends = np.nonzero(joined[:, 0] == 0)[0]
    last = ends[0] if len(ends) else len(wide)
    return float(top + np.nonzero(wide[:last])[0][-1] + 1)


def grounded(
    mask: NDArray[np.float32], rgb: NDArray[np.uint8], foot: tuple[Vec, Vec, Vec], length: float
) -> tuple[Vec, Vec, float | None]:
    """The foot's heel and toe, moved down together onto its sole where the photo shows
    the sole well below them (the pose's points on the instep of a foot pointing at the
    camera, or on a trouser hem over the shoe): a shoe placed by them floated over the
    old one, which stayed under it. With them the sole's row when they moved, else None."""
    _, heel, toe = foot
    ground = foot_ground(mask, rgb, foot, length)
    gap = 0.0 if ground is None else ground - max(heel[1], toe[1])
    if ground is None or gap <= GROUND_GAP * length or gap >= GROUND_MOST * length:
        return heel, toe, None
    down = np.array([0.0, gap - SOLE_UNDER * length])
    return heel + down, toe + down, ground


#: How `feet_in_one_place` says the ankles stand at one ankle.
ONE_PLACE = "the pose puts both feet in one place"


def feet_in_one_place(feet: list[tuple[Vec, ...]], knees: list[Vec]) -> str | None:
    """Why the two feet's landmarks (ankle, heel, toe each) cannot be two feet, or None:
    both ankles at one ankle, or both feet in one column under knees far apart."""
    ankles = [foot[0] for foot in feet]
    shin = float(np.mean([np.linalg.norm(a - k) for a, k in zip(ankles, knees, strict=True)]))
    gap = float(np.linalg.norm(ankles[0] - ankles[1]))
    if gap < ONE_ANKLE * shin:
        return (
            f"{ONE_PLACE} (the ankles {gap:.0f} px apart, on legs {shin:.0f} px from "
            "knee to ankle): the feet stand too close together to tell apart, so both shoes would go on one "
            "foot; send a photo with the feet a little apart"
        )
    column = abs(float(np.mean([p[0] for p in feet[0]]) - np.mean([p[0] for p in feet[1]])))
    knee_gap = abs(float(knees[0][0] - knees[1][0]))
    if column < CROSSED_FEET * shin and knee_gap > CROSSED_KNEES * shin:
        return (
            f"the legs cross below the knees (the knees {knee_gap:.0f} px apart, both feet in one column "
            f"{column:.0f} px wide): one foot is behind the other, so both shoes would go on the front foot; "
            "send a photo with the feet side by side"
        )
    return None


def feet_side_by_side(
    mask: NDArray[np.float32], feet: list[tuple[Vec, ...]], knees: list[Vec]
) -> list[tuple[Vec, ...]] | None:
    """Both feet's landmarks (ankle, heel, toe each) moved apart onto the two legs the
    person mask shows touching where the pose put the feet in one place: each ankle to
    the middle of its half of the mask's run through the ankles, its heel and toe with
    it, the foot under the knee further left on the left. None when that run is not two
    legs wide (`TWO_ANKLES`): one foot hidden behind the other cannot be told apart."""
    h, w = mask.shape
    ankles = [foot[0] for foot in feet]
    shin = float(np.mean([np.linalg.norm(a - k) for a, k in zip(ankles, knees, strict=True)]))
    y = int(round(float(np.mean([a[1] for a in ankles]))))
    x = int(round(float(np.mean([a[0] for a in ankles]))))
    if not (0 <= y < h and 0 <= x < w) or mask[y, x] < 0.5:
        return None
    row = mask[y] >= 0.5
    left = x - int(np.argmin(row[x::-1])) + 1 if not row[: x + 1].all() else 0
    right = x + int(np.argmin(row[x:])) if not row[x:].all() else w
    width = right - left
    least, most = (n * ANKLE_PER_SHIN * shin for n in TWO_ANKLES)
    if not least <= width <= most:
        return None
    moved: list[tuple[Vec, ...]] = [(), ()]
    for centre, i in zip(
        (left + width / 4, right - width / 4), sorted(range(2), key=lambda i: knees[i][0]), strict=True
    ):
        shift = np.array([centre - ankles[i][0], 0.0])
        moved[i] = tuple(p + shift for p in feet[i])
    return moved


#: Lab distance (OpenCV's 8-bit scale) from the floor's colour round it beyond which a
#: pixel outside the person mask is not floor.
FLOOR_UNLIKE = 14.0
#: ... and beyond this many times the floor's own typical distance from its
#: neighbourhood: on sand or asphalt one grain in two is 14 from it, and taken for a
#: missed shoe the grains round the old shoe were filled smooth, a speckled smear.
FLOOR_GRAIN_UNLIKE = 3.0


def unlike_floor(lab: NDArray[np.float32], floor: NDArray[np.bool_], reach: float) -> NDArray[np.bool_]:
    """The pixels unlike the floor seen within about `reach` of them (floors shade off, so
    each pixel is measured against its own neighbourhood's floor, and a grainy floor's
    grains are floor)."""
    weight = floor.astype(np.float32)
    sigma = max(reach, 1.0)
    norm = cv2.GaussianBlur(weight, (0, 0), sigma)
    local = cv2.GaussianBlur(lab * weight[..., None], (0, 0), sigma) / np.maximum(norm, 1e-4)[..., None]
    distance = np.linalg.norm(lab - local, axis=-1)
    usual = float(np.median(distance[floor])) if floor.any() else 0.0
    return (distance > max(FLOOR_UNLIKE, FLOOR_GRAIN_UNLIKE * usual)) & (norm > 0.05)


def height_under(alpha: NDArray[np.float32], column: float, width: float, flipped: bool) -> float:
    """How tall the cut-out shoe stands (pixels up from its box's bottom) under a leg
    `width` wide at `column` of the shoe as drawn (mirrored when `flipped`): the median
    of those columns' highest points, so a lace or the heel's tab beside it does not
    count. The box's full height where no column of the shoe is there."""
    h, w = alpha.shape
    at = w - column if flipped else column
    lo = int(np.clip(round(at - width / 2), 0, w - 1))
    hi = int(np.clip(round(at + width / 2) + 1, lo + 1, w))
    solid = alpha[:, lo:hi] > 0.5
    filled = solid.any(axis=0)
    if not filled.any():
        return float(h)
    return float(h - np.median(np.argmax(solid[:, filled], axis=0)))


#: How far (as a share of the shoe's length) the sole of a shoe on a foot facing the camera
#: falls from its heel end to its toe end, at most: the toe is nearer the camera, which
#: looks down on it. The pose's heel-to-toe falls 0.2 to 0.7 of the length on the devset's
#: feet seen toe-on (the heel point is the heel's top, behind the foot), far steeper than
#: the sole; and never more than this share of the shoe's drawn width.
TURN_DROP, TURN_SLOPE = 0.2, 0.45
#: The heights of a turned shoe's heel and toe ends against its height in the side view:
#: the toe end is nearer the camera and drawn taller, the heel end further and lower.
TURN_HEEL, TURN_TOE = 0.94, 1.1
#: The narrowest a shoe on a foot facing the camera is drawn, as a share of its length: a
#: side view squeezed narrower reads as a stubby block, not a shoe turned out a little.
TURN_LEAST_WIDTH = 0.55
#: How far past the ankle's middle, toward the other foot, a turned shoe's heel end
#: reaches, as a share of the leg's width there: the heel is hidden behind the leg.
TURN_HEEL_IN = 0.5


def facing_camera(heel: Vec, toe: Vec, length: float) -> bool:
    """Whether a foot points at (or away from) the camera: its heel-to-toe runs across the
    picture by less than `SIDE_VIEW` of the shoe's length, the rest of it is depth."""
    return abs(float(toe[0] - heel[0])) <= SIDE_VIEW * length


def three_quarter(
    size: tuple[int, int],
    left: float,
    right: float,
    sole: float,
    drop: float,
    height: float,
    toe_right: bool,
    flip: bool,
) -> NDArray[np.float64]:
    """The 3×3 perspective map that turns a side-view cut-out (`size` is its h, w) toward
    a foot facing the camera: drawn between columns `left` and `right`, its toe end's sole
    at row `sole` and its heel end's `drop` px higher, the toe end `TURN_TOE` of `height`
    tall and the heel end `TURN_HEEL` of it. Upright lines stay upright (the camera is
    level), the sole runs down and out toward the toe: the toe is nearer the camera, which
    looks down on it. `flip` mirrors the cut-out; `toe_right`: the drawn toe's side."""
    h, w = size
    heel_x, toe_x = (left, right) if toe_right else (right, left)
    toe_bottom, heel_bottom = sole, sole - drop
    ends = {
        toe_x: (toe_bottom - height * TURN_TOE, toe_bottom),
        heel_x: (heel_bottom - height * TURN_HEEL, heel_bottom),
    }
    first, last = (right, left) if flip else (left, right)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dst = np.array(
        [[first, ends[first][0]], [last, ends[last][0]], [last, ends[last][1]], [first, ends[first][1]]], np.float32
    )
    return cv2.getPerspectiveTransform(src, dst).astype(np.float64)


def nearer_shin(shape: tuple[int, int], shins: list[tuple[Vec, Vec]]) -> list[NDArray[np.bool_]]:
    """For each shin (knee, ankle), the pixels nearer it than the other shin: where two
    legs touch, the line between them runs along their seam, not along a band's edge."""
    far = []
    for knee, ankle in shins:
        drawn = np.full(shape, 255, np.uint8)
        cv2.line(drawn, tuple(int(v) for v in np.round(knee)), tuple(int(v) for v in np.round(ankle)), 0, 1)
        far.append(cv2.distanceTransform(drawn, cv2.DIST_L2, 3))
    return [far[0] <= far[1], far[1] < far[0]]


#: How far above the collar line (as a share of the shoe's length) an old shoe worn up
#: the leg (a boot's shaft, a sandal's ankle strap) is looked for under a bare shin; an
#: ankle boot's shaft reaches 0.3 to 0.4 of a length above the ankle.
SHAFT_MOST = 0.8
#: The rows of bare leg (as a share of the length) that must follow above such a shaft:
#: one row of skin between two straps is not the shin.
SHAFT_BARE = 0.06
#: How far above the shaft's last row (as a share of the length) its rim is taken away.
SHAFT_RIM = 0.02
#: The least share of a leg's row that must be skin-coloured to be bare leg.
BARE_SHARE = 0.6
#: How much a lightness difference counts against a colour one when a leg's pixel is
#: told from its skin above a shaft: a shin in shade is 40 levels darker than the face
#: and still skin; a brown boot is as far in lightness, 100 levels.
SHADED_LIGHTNESS = 0.4
#: ... and at least this share of the skin's chroma: a white floor or sock weighed that
#: way is as near as a shin in shade.
SHADED_CHROMA = 0.5


def shaft_top(
    skin: NDArray[np.bool_], body: NDArray[np.bool_], shin: tuple[Vec, Vec], width: float, top: float, length: float
) -> float:
    """The row where an old shoe worn up the leg ends under a bare shin (`shin` is knee,
    ankle): its top when the leg's rows just above the collar line `top` are not skin and
    bare rows follow further up within `SHAFT_MOST` of a length. Else `top` itself: the
    leg there is bare already, or covered all the way (trousers, tights). Taken away only
    below the collar line, a boot's shaft or a sandal's strap stayed above a low new shoe."""
    h, w = skin.shape
    knee, ankle = shin
    first = int(np.clip(round(top), 0, h))
    last = int(np.clip(round(top - SHAFT_MOST * length), 0, h))
    if first - last < 3:
        return top
    ys = np.arange(first - 1, last - 1, -1)
    rise = (knee[0] - ankle[0]) / max(float(ankle[1] - knee[1]), 1.0)
    centres = ankle[0] + rise * (ankle[1] - ys)
    half = max(1.0, width * 0.3)
    cols = np.arange(w)[None, :]
    band = np.abs(cols - centres[:, None]) <= half
    leg = body[ys] & band
    bare = (skin[ys] & band).sum(axis=1) >= BARE_SHARE * np.maximum(leg.sum(axis=1), 1)
    bare &= leg.sum(axis=1) >= half
    need = max(2, int(round(SHAFT_BARE * length)))
    runs = np.convolve(bare.astype(np.int32), np.ones(need, np.int32), mode="valid") == need
    start = int(np.argmax(runs)) if runs.any() else 0
    if start < 2:
        return top
    # The shaft's rim, half skin and half leather, goes with it.
    return float(ys[start] + 1) - SHAFT_RIM * length


#: The parting between two shoes side by side, as a share of the shoe's length: each
#: shoe ends this half of it short of the ankles' middle, so the two read as two shoes
#: (with their shadows between them), not one block.
PARTING = 0.05


def own_side(shape: tuple[int, int], split: float, to_right: bool, parting: float) -> Mask:
    """The columns on a shoe's own side of the ankles' middle `split` (its toe's side),
    `parting` / 2 px short of it, with a 1 px soft edge."""
    cols = np.arange(shape[1], dtype=np.float32) - split
    side = (cols if to_right else -cols) - parting / 2
    return np.broadcast_to(np.clip(side + 0.5, 0, 1)[None, :], shape).astype(np.float32)


#: The least visibility of a foot's landmarks (ankle, heel, toe) the pose model gives a
#: foot plain to see; the heel is often marked less sure than the toe even then.
FOOT_SEEN, HEEL_SEEN = 0.5, 0.25
#: The least visibility of a foot behind the other leg (a person seated or walking side
#: on: the far foot shows only its heel and toe either side of the near shin): the
#: devset's cellist's far foot is marked 0.31 to 0.43, its landmarks on its shoe.
FOOT_HIDDEN = 0.3


def foot_seen(person: Person, foot: tuple[int, int, int], hidden: bool) -> bool:
    """Whether the foot (its ankle, heel and toe landmarks) is in the photo. With
    `hidden`, a foot partly behind the other leg counts too: its landmarks marked less
    sure, but its ankle and toe on the person, where a foot cut off by the frame or
    guessed by the pose has them on the floor round it (a running player's)."""
    ankle, heel, toe = foot
    if not hidden:
        return _in_frame(person, ankle, toe, threshold=FOOT_SEEN) and _in_frame(person, heel, threshold=HEEL_SEEN)
    if not (_in_frame(person, ankle, toe, threshold=FOOT_HIDDEN) and _in_frame(person, heel, threshold=HEEL_SEEN)):
        return False
    return all(person.mask[int(person.points[i][1]), int(person.points[i][0])] >= 0.5 for i in (ankle, toe))


#: Lab distance (OpenCV's 8-bit scale) within which a pixel of a foot's old-shoe region
#: has the colour of the trouser leg just above it: the leg hangs on down over the foot.
#: Lightness counts in full: weighed less, a maroon shoe under black leggings passed.
HEM_LIKE = 14.0
#: The rows (share of the shoe's length) above the region's top whose leg gives the
#: trousers' colour, and the least share of them that must be covered (not skin).
HEM_ROWS, HEM_COVERED = 0.1, 0.6
#: The region's lowest share of rows: when that much of them has the trousers' colour
#: too, the old shoe is as dark (black jeans over black shoes) and no hem is told apart.
HEM_FOOT, HEM_FOOT_LIKE = 0.25, 0.3
#: The specks (share of the shoe's length) closed in a hem found by colour: its folds' seams.
HEM_CLOSE = 0.06
#: The least share of a foot's old-shoe region a hem must be to be kept.
HEM_LEAST = 0.15
#: The least chroma (Lab, 8-bit) of a trouser leg kept by its colour; the devset's wide
#: orange trousers have 52 to 58, skin 7 to 30, black, navy and white jeans under 10.
HEM_CHROMA = 40.0


def trouser_hem(
    lab: NDArray[np.float32],
    body: NDArray[np.bool_],
    skin: NDArray[np.bool_],
    region: NDArray[np.bool_],
    top: float,
    length: float,
) -> NDArray[np.bool_]:
    """The part of a foot's old-shoe region that is the trouser leg hanging on over the
    foot (wide trousers walking: the back foot inside its hem): pixels of the leg's own
    colour joined straight down to the leg above the region's top row. Taken away with
    the shoe, the hem was cut square at the ankle's row and its place filled as a box of
    smeared floor with the new shoe standing in it, apart from the leg."""
    ys, xs = np.nonzero(region)
    empty = np.zeros(region.shape, bool)
    first = int(round(top))
    if len(ys) < 20 or first <= 0:
        return empty
    # Worked out in a box round the region and the leg just above it (the window round
    # both feet is several times larger).
    pad = max(2, int(HEM_ROWS * length))
    y0, x0 = max(0, first - pad), max(0, int(xs.min()) - pad)
    box = (slice(y0, int(ys.max()) + 1 + pad), slice(x0, int(xs.max()) + 1 + pad))
    empty[box] = _hem_in_box(lab[box], body[box], skin[box], region[box], first - y0, length)
    return empty


def _hem_in_box(
    lab: NDArray[np.float32],
    body: NDArray[np.bool_],
    skin: NDArray[np.bool_],
    region: NDArray[np.bool_],
    first: int,
    length: float,
) -> NDArray[np.bool_]:
    """`trouser_hem` in a box round the region, its top row `first`."""
    ys, xs = np.nonzero(region)
    empty = np.zeros(region.shape, bool)
    above = slice(max(0, first - max(2, int(HEM_ROWS * length))), first)
    cols = slice(int(xs.min()), int(xs.max()) + 1)
    leg = body[above, cols]
    covered = leg & ~skin[above, cols]
    if covered.sum() < max(20, HEM_COVERED * leg.sum()):
        return empty
    colour = np.median(lab[above, cols][covered], axis=0)
    # Only a clearly coloured leg is told apart by colour: grey, black, white and skin
    # tones are as near a shoe's or a bare leg's (a black boot under navy trousers, a
    # bare shin the face's skin colour missed were kept as hems).
    if float(np.hypot(colour[1] - 128, colour[2] - 128)) < HEM_CHROMA:
        return empty
    like = (np.linalg.norm(lab - colour, axis=-1) < HEM_LIKE) & body
    rows = np.arange(region.shape[0])[:, None]
    lowest = region & (rows >= ys.max() + 1 - max(2, HEM_FOOT * (ys.max() + 1 - ys.min())))
    if (like & lowest).sum() > HEM_FOOT_LIKE * lowest.sum():
        return empty
    # Joined to the leg above, its folds' specks closed: the hem hangs on from the leg.
    like[: above.start] = False
    count, labels = cv2.connectedComponents(like.astype(np.uint8), connectivity=8)
    joined = np.unique(labels[above, cols][covered])
    hem = np.isin(labels, joined[joined > 0]).astype(np.uint8)
    size = max(3, int(HEM_CLOSE * length) | 1)
    hem = cv2.morphologyEx(hem, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))) > 0
    # A fold's highlight enclosed by the hem is the hem: left out, it was filled as floor.
    count, labels = cv2.connectedComponents((~hem).astype(np.uint8), connectivity=4)
    outside = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    hem |= ~np.isin(labels, outside)
    hem &= region
    # A sliver is the hem's own edge over a shoe (the leg in front does that already);
    # the box came from hems hanging well over the foot.
    return hem if hem.sum() >= HEM_LEAST * region.sum() else empty


def _in_window(shape: tuple[int, int], window: tuple[int, int, int, int], part: Mask) -> Mask:
    """A photo-sized mask that is `part` inside `window` and 0 elsewhere."""
    x0, y0, x1, y1 = window
    full = np.zeros(shape, np.float32)
    full[y0:y1, x0:x1] = part
    return full


def shoes(person: Person, cut: Cutout) -> list[Placement]:
    """One shoe per foot from one photo (mirrored for the other foot), toe away from the
    other foot unless both feet are seen from the side, tilted along a foot seen from the
    side; sized from the foot (the shin's length, heel to toe, the leg's width at the
    ankle), not from the old shoe, so bulky old sneakers do not make big new shoes.

    Both old shoes (each foot's own, from its own landmarks) are taken away first and
    filled from the floor and the bare leg above; the shoe further back is drawn first,
    under the nearer leg and shoe; trouser hems stay in front. All masks are worked out
    in a window round the feet."""
    feet = ((L_ANKLE, L_HEEL, L_TOE, L_KNEE), (R_ANKLE, R_HEEL, R_TOE, R_KNEE))
    # A foot only seen as one partly behind the other leg stays behind that leg's shin.
    hidden = not all(foot_seen(person, f[:3], hidden=False) for f in feet)
    if hidden and not all(foot_seen(person, f[:3], hidden=True) for f in feet):
        raise EngineError("pose_not_supported", "the feet are not in the photo; shoes need both feet")
    piece = side_view_piece(cut)
    toe_right = _toe_is_right(piece.alpha)
    h, w = piece.alpha.shape
    shape = person.image.shape[:2]
    marks = [tuple(_v(person.pt(i)) for i in foot) for foot in feet]
    one_place = feet_in_one_place([m[:3] for m in marks], [m[3] for m in marks])
    if one_place and one_place.startswith(ONE_PLACE):
        # The feet together: read from the person mask, two legs touching side by side.
        apart_feet = feet_side_by_side(person.mask, [m[:3] for m in marks], [m[3] for m in marks])
        if apart_feet is not None:
            marks = [(*foot, m[3]) for foot, m in zip(apart_feet, marks, strict=True)]
            one_place = None
    if one_place:
        raise EngineError("pose_not_supported", one_place)
    lengths = [float(np.linalg.norm(pa - pk)) * 0.62 for pa, _, _, pk in marks]
    points_down = [pointed(m[0], m[1], m[2], n) for m, n in zip(marks, lengths, strict=True)]
    found = [
        (m[1], m[2], None) if down else grounded(person.mask, person.image, (m[0], m[1], m[2]), n)
        for m, n, down in zip(marks, lengths, points_down, strict=True)
    ]
    # One foot ahead of the other (walking): the back foot's columns run down into the
    # front leg, whose sole is not its own.
    if abs(max(marks[0][1][1], marks[0][2][1]) - max(marks[1][1][1], marks[1][2][1])) > FOOT_AHEAD * np.mean(lengths):
        found = [(m[1], m[2], None) for m in marks]
    marks = [(m[0], heel, toe, m[3]) for m, (heel, toe, _) in zip(marks, found, strict=True)]
    mean_length = float(np.mean(lengths))
    split = (marks[0][0][0] + marks[1][0][0]) / 2
    directions = toe_directions([(ph, pt) for _, ph, pt, _ in marks], mean_length, split, [m[0] for m in marks])
    # Nearest the camera first: the foot whose lowest landmark is lowest in the picture.
    order = sorted(range(2), key=lambda i: -max(marks[i][1][1], marks[i][2][1]))
    points = np.array([p for m in marks for p in m[:3]])
    pad = mean_length * 0.6
    window = (
        int(max(0, points[:, 0].min() - pad)),
        int(max(0, min(m[0][1] for m in marks) - pad)),
        int(min(shape[1], points[:, 0].max() + pad)),
        int(min(shape[0], points[:, 1].max() + pad)),
    )
    x0, y0, x1, y1 = window
    origin = np.array([x0, y0], np.float64)
    mask = person.mask[y0:y1, x0:x1]
    # Feet side by side, toes away from each other: a leg is no wider at the ankle than
    # the ankles stand apart (the mask's row there runs through both legs when they
    # touch, and a shoe that wide ran past the other ankle: the two merged into one).
    apart = directions[0] != directions[1]
    gap = abs(float(marks[0][0][0] - marks[1][0][0]))
    ankles = [ankle_width(mask, m[0] - origin, length) for m, length in zip(marks, lengths, strict=True)]
    if apart:
        ankles = [None if a is None else min(a, gap) for a in ankles]
    lab = cv2.cvtColor(np.ascontiguousarray(person.image[y0:y1, x0:x1]), cv2.COLOR_RGB2LAB).astype(np.float32)
    skin = (np.linalg.norm(lab - person.skin_lab, axis=-1) < LEG_SKIN) & (mask > 0.5)
    weights = np.array([SHADED_LIGHTNESS, 1.0, 1.0], np.float32)
    shaded = (np.linalg.norm((lab - person.skin_lab) * weights, axis=-1) < LEG_SKIN) & (mask > 0.5)
    chroma = np.hypot(lab[..., 1] - 128, lab[..., 2] - 128)
    shaded &= chroma >= SHADED_CHROMA * float(np.hypot(person.skin_lab[1] - 128, person.skin_lab[2] - 128))
    collars = [marks[i][0][1] + lengths[i] * (-POINTED_COLLAR if points_down[i] else SHOE_COLLAR) - y0 for i in order]
    # An old shoe worn up a bare leg (a boot's shaft, a sandal's ankle strap) goes up to
    # where the skin starts; the bare leg above it runs down in its place.
    tops = [
        shaft_top(
            shaded,
            mask > 0.5,
            (marks[i][3] - origin, marks[i][0] - origin),
            ankles[i] or lengths[i] * 0.3,
            collar,
            lengths[i],
        )
        for i, collar in zip(order, collars, strict=True)
    ]
    # A foot's old shoe reaches up its shin to the shaft's top (the shin's point there).
    shafts = [
        marks[i][0]
        + (marks[i][3] - marks[i][0]) * (marks[i][0][1] - y0 - top) / max(marks[i][0][1] - marks[i][3][1], 1.0)
        for i, top in zip(order, tops, strict=True)
    ]
    # A foot found below its landmarks: the old shoe the mask missed there (under a hem,
    # pale toes) is the foot's too, so it goes with the rest.
    feet_mask = mask.copy()
    for (_, heel, toe, _), (_, _, ground), length in zip(marks, found, lengths, strict=True):
        if ground is not None:
            box = (
                int(max(x0, min(heel[0], toe[0]) - 0.3 * length)),
                int(max(y0, min(heel[1], toe[1]) - 0.3 * length)),
                int(min(x1, max(heel[0], toe[0]) + 0.3 * length + 1)),
                int(min(y1, ground + 0.02 * length + 1)),
            )
            if box[0] < box[2] and box[1] < box[3]:
                part = feet_mask[box[1] - y0 : box[3] - y0, box[0] - x0 : box[2] - x0]
                part[missed_shoe(person.mask, person.image, box)] = 1.0
    regions = foot_regions(
        feet_mask,
        [[p - origin for p in (*marks[i][:3], shaft)] for i, shaft in zip(order, shafts, strict=True)],
        [(marks[i][3] - origin, marks[i][0] - origin) for i in order],
        tops,
        mean_length * FOOT_REACH,
    )
    # The trouser leg hanging on over a foot stays, in front of its new shoe.
    hems = [
        trouser_hem(lab, mask > 0.5, skin | shaded, regions[rank], tops[rank], lengths[i])
        for rank, i in enumerate(order)
    ]
    regions = [region & ~hem for region, hem in zip(regions, hems, strict=True)]
    near = order[0]
    # The near shin down to its collar line, as wide as the leg at its ankle: in front
    # of a foot hidden behind it, neither taken away with that foot's old shoe nor
    # drawn over by its new one.
    near_shin = (
        (mask > 0.5)
        & (np.arange(y1 - y0)[:, None] < collars[0] - lengths[near] * 0.02)
        & (
            _band(
                mask.shape,
                marks[near][3] - origin,
                _unit(marks[near][0] - marks[near][3]),
                (ankles[near] or lengths[near] * 0.3) * 0.55,
                1,
            )
            > 0.5
        )
        if hidden
        else np.zeros(mask.shape, bool)
    )
    regions[1] &= ~near_shin
    grow = max(3, int(mean_length * 0.06) | 1)
    source = (mask < 0.3).astype(np.float32)
    rows = np.arange(y1 - y0, dtype=np.float32)[:, None]
    legs = np.zeros(mask.shape, bool)
    for top, collar in zip(tops, collars, strict=True):
        # The bare leg just above the collar line runs on down into the old shoe's place
        # (a bare ankle into a low new shoe, not ending at a strip of floor), straight
        # down only: the floor's fill never takes its colour. Above a shaft, the shin in
        # its shade too.
        legs |= (shaded if top < collar else skin) & (rows >= top - grow * 3) & (rows < top)
    # Each old shoe goes (the union of both feet's, filled before either new shoe is
    # drawn), but not the bare foot: skin joined to the bare leg stays as it is, sharp,
    # and shows inside an open new shoe instead of floor.
    old = np.logical_or(*regions) & ~bare_foot(skin, legs)
    old = cv2.dilate(old.astype(np.float32), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow)))
    # What the person mask missed of the old shoe (a white sole on a pale floor) goes too,
    # and never colours the floor's fill: left, it showed as a sliver under the new shoe.
    missed = unlike_floor(lab, source > 0.5, grow * 3) & (mask < 0.5)
    missed &= cv2.dilate(old, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow * 2 + 1, grow * 2 + 1))) > 0.5
    old = np.maximum(old, missed.astype(np.float32))
    old *= ~(hems[0] | hems[1])
    source *= ~missed
    # A leg is in front of its own shoe's collar and of the shoe further back, never of
    # the further foot itself (walking: the back foot shows beside the front shin).
    further = cv2.dilate(regions[1].astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow))) == 0
    # Each leg's band reaches no nearer the other leg than halfway: with the feet together
    # the nearer leg's band, straight-sided and wider than the leg, cut square notches
    # into the other shoe's outline where that shoe stands beside it, not behind it.
    halves = nearer_shin(mask.shape, [(marks[i][3] - origin, marks[i][0] - origin) for i in order])
    # Down to the collar line the leg is in front; where an old shaft was taken away that
    # is the leg run down from above it, not the shaft's wider outline (floor now).
    shin = (mask > 0.5) & ~((old > 0.5) & ~np.maximum.accumulate(legs, axis=0))
    leg_in_front = [
        shin
        * halves[rank]
        * (further if rank == 0 else 1.0)
        * (rows < collar - lengths[i] * 0.02)
        * _band(mask.shape, marks[i][3] - origin, _unit(marks[i][0] - marks[i][3]), lengths[i] * 0.35, 2)
        for rank, (i, collar) in enumerate(zip(order, collars, strict=True))
    ]
    # The leg above an old shaft runs down over the shaft's rows, then fades out.
    carry_solid = max(c - t for c, t in zip(collars, tops, strict=True))
    placements = []
    for rank in (1, 0):
        i = order[rank]
        pa, ph, pt, _ = marks[i]
        length, to_right = lengths[i], directions[i]
        pointing = pt - ph
        # Seen toe-on a foot is foreshortened: the shoe is as wide as the heel-to-toe
        # span and the leg at the ankle say, never narrower than a shoe nor longer than one.
        ankle = ankles[i]
        turned = facing_camera(ph, pt, length)
        seen = float(
            np.clip(
                max(abs(pointing[0]) * 1.5 + length * 0.35, (ankle or 0.0) * SHOE_PER_ANKLE),
                length * (TURN_LEAST_WIDTH if turned else 0.45),
                length,
            )
        )
        sx, sy = seen / w, length / w
        low = max(ph[1], pt[1])
        centre_x = (ph[0] + pt[0] + pa[0]) / 3 if turned else (ph[0] + pt[0]) / 2
        ys, xs = np.nonzero(regions[rank])
        if len(xs) >= 10:
            # The old shoe's bottom is where the floor is, within reason of the landmarks.
            low = float(np.clip(y0 + ys.max() + 1, low - length * 0.05, low + length * 0.06))
            centre_x = float(
                np.clip(x0 + (xs.min() + xs.max() + 1) / 2, centre_x - length * 0.15, centre_x + length * 0.15)
            )
        if turned:
            # Turned toward the camera the heel end is behind the leg: it starts at the
            # leg's inner edge and the shoe runs out from there toward its toe.
            inner = pa[0] - (1 if to_right else -1) * (ankle or length * 0.3) * TURN_HEEL_IN
            centre_x = inner + (seen / 2 if to_right else -seen / 2)
        sole = low + length * 0.02
        # The collar reaches up to just under the ankle: a foot pointing at the camera
        # puts the sole lower in the picture than a side view would, so the shoe is
        # drawn taller there, not wider.
        # It is the shoe's height under the leg that must reach the collar line (its
        # opening or vamp there, lower than its box's top at the heel or a lace): by the
        # box, a low shoe left a band of floor between the leg's end and the shoe.
        flip = toe_right != to_right
        # A foot facing the camera gets the side view turned toward it: the sole falls
        # from the heel end (up under the ankle, behind the leg) to the toe end.
        drop = float(np.clip(pt[1] - ph[1], 0.0, min(TURN_DROP * length, TURN_SLOPE * seen))) if turned else 0.0
        heel_x = centre_x - seen / 2 if to_right else centre_x + seen / 2
        share = float(np.clip(abs(pa[0] - heel_x) / seen, 0.0, 1.0))
        reach = sole - drop * (1 - share) - (pa[1] + length * SHOE_COLLAR)
        leg = (ankle or length * 0.3) / sx
        under = height_under(piece.alpha, (pa[0] - centre_x + seen / 2) / sx, leg, flip)
        if turned:
            under *= TURN_HEEL + (TURN_TOE - TURN_HEEL) * share
        if under * sy < reach:
            sy *= min(reach / (under * sy), MOST_STRETCH)
        m = np.array([[sx, 0, 0], [0, sy, 0], [0, 0, 1]], np.float64)
        if flip:
            m = np.array([[-sx, 0, sx * w], [0, sy, 0], [0, 0, 1]], np.float64)
        shift = np.array([[1, 0, centre_x - seen / 2], [0, 1, sole - h * sy], [0, 0, 1]], np.float64)
        angle = _tilt(ph, pt, length, to_right)
        c, s_ = np.cos(angle), np.sin(angle)
        anchor = np.array([centre_x, sole - h * sy / 2])
        turn = np.array(
            [
                [c, -s_, anchor[0] - c * anchor[0] + s_ * anchor[1]],
                [s_, c, anchor[1] - s_ * anchor[0] - c * anchor[1]],
                [0, 0, 1],
            ]
        )
        # Its own trouser hem hides the collar; the shoe further back also goes behind
        # the nearer leg down to its own collar line and under the nearer shoe (drawn
        # after it). Cut down to the nearer foot's lower line, its upper beside that
        # leg got a square step where the two legs' hems stand at different heights.
        back_line = rows < collars[1] - lengths[order[1]] * 0.02
        front = leg_in_front[0] if rank == 0 else np.maximum(leg_in_front[1], leg_in_front[0] * back_line)
        front = np.maximum(front, hems[rank])
        if rank == 1:
            front = np.maximum(np.maximum(front, near_shin), hems[0])
        left = centre_x - seen / 2
        matrix = (
            along_foot((h, w), pa, ph, pt, length, toe_right)
            if points_down[i]
            else three_quarter((h, w), left, left + seen, sole, drop, h * sy, to_right, flip)
            if turned
            else turn @ shift @ m
        )
        # Feet side by side: each shoe stays on its own side of a parting between them.
        keep = own_side(shape, split, to_right, length * PARTING) if apart else None
        placements.append(
            Placement(
                piece,
                matrix,
                keep=keep,
                front=_in_window(shape, window, front),
                shadow=0.45,
                lift=0.02,
                erase=_in_window(shape, window, old) if rank == 1 else None,
                backdrop=_in_window(shape, window, source) if rank == 1 else None,
                carry=_in_window(shape, window, legs.astype(np.float32)) if rank == 1 else None,
                carry_reach=mean_length * LEG_CARRY,
                carry_solid=carry_solid,
                grain=True,
                expect=seen,
                part="the left foot" if i == 0 else "the right foot",
            )
        )
    return placements


def side_view_piece(cut: Cutout) -> Cutout:
    """One shoe when the photo shows several apart: the flattest of the big pieces, since
    a shoe seen from the side is long and low and one seen from above (the same shoe
    shown twice, side and top) is not what goes on a foot seen from the front or side."""
    parts = cut.parts
    if len(parts) < 2:
        return cut
    big = max(float(cut.alpha[y0:y1, x0:x1].sum()) for x0, y0, x1, y1 in parts)
    pieces = [b for b in parts if float(cut.alpha[b[1] : b[3], b[0] : b[2]].sum()) >= 0.5 * big]
    x0, y0, x1, y1 = min(pieces, key=lambda b: (b[3] - b[1]) / max(1, b[2] - b[0]))
    alpha = cut.alpha[y0:y1, x0:x1]
    ys, xs = np.nonzero(alpha > 0.05)
    box = (slice(y0 + ys.min(), y0 + ys.max() + 1), slice(x0 + xs.min(), x0 + xs.max() + 1))
    return Cutout(cut.rgb[box], cut.alpha[box], [], cut.holes)


# --- bag ----------------------------------------------------------------------------------------


#: A thing held at a hand, the person mask's pixels there that are neither skin nor the
#: body's own outline (torso, legs), counts as a bag from this area on, in frontal
#: shoulder widths squared (a clutch is about 0.3 by 0.15 of one).
HELD_LEAST_AREA = 0.03
#: Lab distance within which a pixel has the colour of the clothes next to it.
HELD_COLOUR_DISTANCE = 14.0


def _body_outline(person: Person, frontal: float) -> NDArray[np.bool_]:
    """The torso, arms and legs as pose draws them, a little wide: the clothes, not things held."""
    body = np.zeros(person.image.shape[:2], np.uint8)
    torso = [L_SHOULDER, R_SHOULDER, R_HIP, L_HIP]
    if _in_frame(person, *torso, threshold=0.3):
        cv2.fillConvexPoly(body, np.array([_v(person.pt(i)) for i in torso], np.int32), 255)
    limbs = (
        (L_HIP, L_KNEE, 0.44),
        (L_KNEE, L_ANKLE, 0.44),
        (R_HIP, R_KNEE, 0.44),
        (R_KNEE, R_ANKLE, 0.44),
        (L_HIP, R_HIP, 0.44),
        (L_SHOULDER, L_ELBOW, 0.3),
        (L_ELBOW, L_WRIST, 0.25),
        (R_SHOULDER, R_ELBOW, 0.3),
        (R_ELBOW, R_WRIST, 0.25),
    )
    for a, b, thick in limbs:
        if person.visibility[a] >= 0.3 and person.visibility[b] >= 0.3:
            start, end = tuple(_v(person.pt(a)).astype(int)), tuple(_v(person.pt(b)).astype(int))
            cv2.line(body, start, end, 255, max(2, int(frontal * thick)))
    return body > 0


def _held_object(person: Person, side: str, frontal: float) -> NDArray[np.float32] | None:
    """What the hand on `side` already holds (a bag, a basket), as a mask, or None.

    The person mask takes in what a person holds. Near the hand, what is neither skin
    nor inside the body's outline, touches the hand, and is not coloured like the clothes
    beside it (a flared skirt, a coat's hem, a cuff) is the thing held."""
    wrist = SIDES[side][2]
    if not _in_frame(person, wrist, threshold=0.5):
        return None
    tips = L_HAND_TIPS if side == "left" else R_HAND_TIPS
    grip = np.mean([_v(person.pt(i)) for i in (wrist, *tips)], axis=0)
    h, w = person.image.shape[:2]
    x0, x1 = int(max(0, grip[0] - frontal * 0.5)), int(min(w, grip[0] + frontal * 0.5))
    y0, y1 = int(max(0, grip[1] - frontal * 0.25)), int(min(h, grip[1] + frontal * 0.8))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    window = (slice(y0, y1), slice(x0, x1))
    worn = person.mask[window] > 0.5
    # Only the hand's window is converted and tested (the whole photo's skin test costs tens of ms).
    crop = replace(person, image=np.ascontiguousarray(person.image[window]))
    lab, skin = crop.lab(), skin_like(crop)
    outline = _body_outline(person, frontal)[window]
    centre = (int(grip[0]) - x0, int(grip[1]) - y0)
    # The clothes' colours from the outline away from the hand (what it holds may overlap the outline).
    hand = np.zeros(worn.shape, np.uint8)
    cv2.circle(hand, centre, max(2, int(frontal * 0.4)), 1, -1)
    clothes = lab[worn & ~skin & outline & (hand == 0)]
    candidate = (worn & ~skin & ~outline).astype(np.uint8)
    candidate = cv2.morphologyEx(candidate, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(candidate, 8)
    near = np.zeros(candidate.shape, np.uint8)
    cv2.circle(near, centre, max(2, int(frontal * 0.15)), 1, -1)
    held = np.zeros((h, w), np.float32)
    for i in range(1, count):
        if not (near[labels == i] > 0).any() or stats[i, cv2.CC_STAT_AREA] < HELD_LEAST_AREA * frontal**2:
            continue
        if len(clothes) and _clothes_coloured(lab[labels == i], clothes):
            continue
        held[window][labels == i] = 1.0
    return held if held.any() else None


def _clothes_coloured(pixels: NDArray[np.float32], clothes: NDArray[np.float32], colours: int = 3) -> bool:
    """Whether most `pixels` (Lab) are within a small colour difference of the clothes'
    main colours (`colours` of them): clothing reaching past the body's outline, not a thing held."""
    sample = np.ascontiguousarray(clothes[:: max(1, len(clothes) // 3000)], np.float32)
    k = min(colours, len(sample))
    cv2.setRNGSeed(0)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    _, _, centres = cv2.kmeans(sample, k, np.zeros((len(sample), 1), np.int32), criteria, 1, cv2.KMEANS_PP_CENTERS)
    distance = np.linalg.norm(pixels[:, None, :] - centres[None, :, :], axis=2).min(axis=1)
    return bool(np.mean(distance < HELD_COLOUR_DISTANCE) > 0.5)


def _inside_share(cut: Cutout, matrix: NDArray[np.float64], shape: tuple[int, int]) -> float:
    """The share of the cut-out's solid pixels that land inside the photo."""
    ys, xs = np.nonzero(cut.alpha[::2, ::2] > 0.5)
    if len(xs) == 0:
        return 0.0
    mapped = matrix @ np.stack([xs * 2.0, ys * 2.0, np.ones(len(xs))])
    h, w = shape
    return float(np.mean((mapped[0] >= 0) & (mapped[0] < w) & (mapped[1] >= 0) & (mapped[1] < h)))


#: The least share of a bag that must land inside the photo: a bag mostly below the
#: photo's edge is not a preview of the bag.
BAG_LEAST_INSIDE = 0.8


def _held_things(person: Person, frontal: float) -> dict[str, NDArray[np.float32] | None]:
    """What each hand holds (`_held_object`): a new bag goes on a hand holding nothing,
    never on top of one held."""
    return {side: _held_object(person, side, frontal) for side in ("left", "right")}


#: The torso's clothes are told by this many main colours: a top, an open jacket over it,
#: its zip and their lit and shaded sides (3 missed a black jacket's lit sleeve).
TORSO_COLOURS = 6


def _own_clothes(person: Person, held: NDArray[np.float32]) -> bool:
    """Whether what a hand holds is coloured like the clothes on the torso: a skirt lifted
    by its hem, a jacket's pocket the hand is in, not a bag (the hand's own window may
    show only other clothes, or none, to tell them by)."""
    torso = np.zeros(person.image.shape[:2], np.uint8)
    if not _in_frame(person, L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, threshold=0.3):
        return False
    corners = [_v(person.pt(i)) for i in (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)]
    cv2.fillConvexPoly(torso, np.array(corners, np.int32), 1)
    ys, xs = np.nonzero((torso[::4, ::4] > 0) & (person.mask[::4, ::4] > 0.5))
    ys, xs = ys * 4, xs * 4
    if len(ys) == 0:
        return False
    step = max(1, len(ys) // 1000)
    pixels = person.image[ys[::step], xs[::step]][None]
    clothes = cv2.cvtColor(pixels, cv2.COLOR_RGB2LAB).astype(np.float32)[0]
    hy, hx = np.nonzero(held > 0.5)
    step = max(1, len(hy) // 1000)
    thing = cv2.cvtColor(person.image[hy[::step], hx[::step]][None], cv2.COLOR_RGB2LAB).astype(np.float32)[0]
    return len(thing) > 0 and _clothes_coloured(thing, clothes, TORSO_COLOURS)


#: A hand can hold a bag only when its forearm hangs: the wrist at least this share of the
#: forearm's length below the elbow (a forearm held out sideways or raised holds nothing up).
HANGING_DROP = 0.6
#: A holding hand's fingers show: at least this share of a disc at the fingers' ends is
#: skin (a hand in a pocket shows the back of the hand, but the pocket's cloth there).
FINGERS_LEAST_SKIN = 0.15
#: The fingers' ends from the wrist, in lengths from the wrist to the hand points' middle
#: (pinky, index and thumb knuckles).
FINGER_ENDS = 1.5
#: A row of a bag's photo belongs to its body when at least this share of the fullest row
#: is solid; the rows above are its handle or strap (two thin lines or a thin loop).
BAG_BODY_ROW = 0.5
#: A bag has a handle to be held by when the rows above its body are at least this share
#: of its height; one without (a messenger's flap on top) hangs from a strap instead.
HANDLE_LEAST = 0.1


def _not_holding(person: Person, side: str, frontal: float) -> str | None:
    """Why the hand on `side` cannot hold a bag (raised, in a pocket, out of the photo), or None.

    A bag hangs from a hand that hangs below its elbow, beside the body (not in front of the
    torso, where hands rest in pockets or on the hips), with its fingers in sight."""
    shoulder, elbow, wrist = SIDES[side]
    tips = L_HAND_TIPS if side == "left" else R_HAND_TIPS
    if not _in_frame(person, wrist, threshold=0.5):
        return f"the {side} hand is not in the photo"
    upper = elbow if _in_frame(person, elbow, threshold=0.3) else shoulder
    forearm = _v(person.pt(wrist)) - _v(person.pt(upper))
    if forearm[1] < HANGING_DROP * float(np.linalg.norm(forearm)):
        return f"the {side} hand is raised or held out, not hanging"
    torso = np.array([_v(person.pt(i)) for i in (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)], np.float32)
    grip = np.mean([_v(person.pt(i)) for i in (wrist, *tips)], axis=0)
    if _in_frame(person, L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, threshold=0.3) and (
        cv2.pointPolygonTest(torso, (float(grip[0]), float(grip[1])), False) >= 0
    ):
        return f"the {side} hand rests on the body (in a pocket or on the hip)"
    if min(float(person.visibility[i]) for i in tips) < 0.5:
        return f"the {side} hand's fingers are not visible"
    if _fingers_hidden(person, side, frontal):
        return f"the {side} hand's fingers are not visible (in a pocket or hidden)"
    return None


def _fingers_hidden(person: Person, side: str, frontal: float) -> bool:
    """Whether the hand on `side` shows no skin where its fingers end (in a pocket)."""
    wrist = SIDES[side][2]
    tips = L_HAND_TIPS if side == "left" else R_HAND_TIPS
    # The fingers' ends lie half again as far from the wrist as the hand points' middle.
    wrist_pt = _v(person.pt(wrist))
    knuckles = np.mean([_v(person.pt(i)) for i in tips], axis=0)
    ends = wrist_pt + (knuckles - wrist_pt) * FINGER_ENDS
    h, w = person.image.shape[:2]
    r = max(2, int(frontal * 0.05))
    x0, y0 = int(max(0, ends[0] - r)), int(max(0, ends[1] - r))
    x1, y1 = int(min(w, ends[0] + r + 1)), int(min(h, ends[1] + r + 1))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return True
    crop = replace(person, image=np.ascontiguousarray(person.image[y0:y1, x0:x1]))
    disc = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.circle(disc, (int(ends[0]) - x0, int(ends[1]) - y0), r, 1, -1)
    return float(skin_like(crop)[disc > 0].mean()) < FINGERS_LEAST_SKIN


def bag_body_top(cut: Cutout) -> int:
    """The first row of the bag's body: the rows above it are its own handle or strap."""
    solid = (cut.alpha > 0.5).sum(axis=1).astype(np.float32)
    solid = np.convolve(solid, np.ones(5, np.float32) / 5, mode="same")
    rows = np.nonzero(solid >= BAG_BODY_ROW * solid.max())[0]
    return int(rows.min()) if len(rows) else 0


#: A bag's own strap or handle is thinner than this share of the bag's width; its body is not.
STRAP_MOST_WIDTH = 0.08


#: The bag's own strap colour is taken from its thin parts when they hold at least this many solid pixels.
STRAP_LEAST_PIXELS = 40
#: The drawn strap's edge is its colour times this: a thin darker line that outlines it on any clothing.
STRAP_EDGE_SHADE = 0.55
#: A strap this dark (mean RGB) on clothes within STRAP_SAME_LIGHT of its lightness gets a lighter edge
#: instead (its stitching catching the light): a darker one would not show on black clothes.
STRAP_DARK = 70
STRAP_SAME_LIGHT = 45
#: How far towards white the lighter edge of a dark strap goes.
STRAP_EDGE_LIGHT = 0.3


def without_strap(cut: Cutout) -> tuple[Cutout, NDArray[np.uint8]]:
    """The bag's body alone and the colour its strap is drawn in: its own straps and
    handles from the product photo (the thin parts, opened away) are cut off, so the strap
    drawn to the shoulder is the only one, and that strap takes their colour (else the
    body's main colour: never its darkest, which vanishes on dark clothes)."""
    solid = (cut.alpha > 0.5).astype(np.uint8)
    k = max(3, int(cut.alpha.shape[1] * STRAP_MOST_WIDTH)) | 1
    body = cv2.morphologyEx(solid, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(body, 8)
    main = np.median(cut.rgb[cut.alpha > 0.8], axis=0) if (cut.alpha > 0.8).any() else np.zeros(3)
    if count < 2:
        return cut, main.astype(np.uint8)
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    keep = cv2.dilate((labels == biggest).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    thin = (cut.alpha > 0.8) & ~cv2.dilate(keep.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    colour = np.median(cut.rgb[thin], axis=0) if thin.sum() >= STRAP_LEAST_PIXELS else main
    ys, xs = np.nonzero(keep & (cut.alpha > 0.05))
    box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    return Cutout(cut.rgb[box], (cut.alpha * keep)[box].astype(np.float32), [], cut.holes), colour.astype(np.uint8)


#: A bag on a shoulder strap hangs at the hip on the strap's side, turned with the body
#: (seen from the front, foreshortened to this share of its width) and with its middle
#: this share of its drawn width out from the hip joint: its inner edge just inside the
#: hip joint, beside the hip, not over the belly. Hung 0.2 shoulder widths out and flat
#: (0.8 wide) it lay over the belly (7 devset B, 2026-12-05).
BAG_TURNED = 0.8
BAG_HIP_OUT = 0.45


#: A bag hangs from a standing person: knees less than this share of the torso's length
#: below the hips (`thigh_drop`, hidden knees taken from `BAG_KNEES_SEEN` on) are a seated
#: or crouching person, whose hip a bag would lie on or beside (on the devset: cross-legged
#: on the floor 0.07, squatting 0.17, a cellist on a chair 0.36, a held duffel on the
#: floor and a shoulder bag at the cellist's chest drawn as F; standing, walking and
#: running 0.45 or more, but a lunge with one knee up 0.39).
BAG_SEATED_DROP = 0.37
BAG_KNEES_SEEN = 0.2
#: Hips found fewer than this many eye-to-mouth lengths below the shoulders
#: (`torso_in_faces`, about 7 standing) are guessed: the photo is a close-up of the head
#: and shoulders and ends above them (the devset's leaning face close-up 3.0, drawn with a
#: bag at the chin; waist-up and whole-body photos 5.0 or more).
BAG_LEAST_TORSO = 4.0


def bag_pose_refusal(person: Person) -> str | None:
    """Why this photo cannot take a bag at all, or None: no hip in it (a head-and-shoulders
    close-up) or a seated or crouching person. Both were drawn with the bag where no
    shopper carries one (at the chin, on the floor or a lap)."""
    torso = torso_in_faces(person.points, person.visibility)
    if torso is not None and torso < BAG_LEAST_TORSO:
        return (
            "the photo is a close-up of the head and shoulders: the hips are not in it; "
            "a bag needs the hip it hangs at or a hand hanging at the side"
        )
    drop = thigh_drop(person.points, person.visibility, person.size[1], knees_seen=BAG_KNEES_SEEN)
    if drop is not None and drop < BAG_SEATED_DROP:
        return "the person is seated or crouching; a bag needs a standing person to hang from a shoulder or a hand"
    return None


def bag(person: Person, cut: Cutout, description: str) -> list[Placement]:
    """Held by its handle in a hanging hand that holds nothing yet, or hung from a
    shoulder by the hip: from the description, else by shape (a tall bag is a backpack
    and goes on the shoulder, and so does one with no handle on top). A hand already
    holding a bag is left alone: the new bag goes to the other side, or is refused when
    both are taken. A bag asked for in a hand no hand can hold goes on the shoulder,
    unless the description says it is held; so does one asked for by shape alone when
    the hands hold only the person's own clothes (a skirt lifted by its hem, a jacket's
    pockets: a carry needs no hand; refused so, 2 devset F, 2026-12-05). A photo with no
    hip in it, or of a seated person, is refused (`bag_pose_refusal`)."""
    refusal = bag_pose_refusal(person)
    if refusal is not None:
        raise EngineError("pose_not_supported", refusal)
    text = description.lower()
    shoulder_words = ("shoulder", "backpack", "crossbody", "sling", "tote", "messenger")
    hand_words = ("hand", "clutch", "handle", "duffel", "briefcase", "carry", "holding")
    handled = bag_body_top(cut) >= HANDLE_LEAST * cut.alpha.shape[0]
    named = any(word in text for word in hand_words)
    if any(word in text for word in shoulder_words):
        mode = "shoulder"
    elif named:
        mode = "hand"
    else:
        mode = "shoulder" if cut.aspect > 1.1 or not handled else "hand"
    frontal = _frontal_width(person)
    h, w = cut.alpha.shape
    width = frontal * (1.05 if w > 1.4 * h else 0.8)
    scale = width / w
    shape = person.image.shape[:2]
    held = _held_things(person, frontal)
    free = [s for s in ("left", "right") if held[s] is None]
    # A hand holding a bag (not its own skirt or pocket) keeps the new one off that side
    # and, with no free hand, off the person: two bags would hang over each other.
    carried = [s for s in ("left", "right") if (thing := held[s]) is not None and not _own_clothes(person, thing)]
    if not free and (named or (mode == "hand" and carried)):
        raise EngineError(
            "pose_not_supported", "both hands already hold something; a bag cannot be added without stacking it"
        )
    why_not = ""
    if mode == "hand":
        reasons = {s: _not_holding(person, s, frontal) for s in ("left", "right")}
        holding = [s for s in ("left", "right") if reasons[s] is None]
        hands = [s for s in holding if s in free]
        if holding and not hands and (named or any(s in carried for s in holding)):
            raise EngineError(
                "pose_not_supported", "the hanging hand already holds a bag; a second one cannot be stacked on it"
            )
        if not hands:
            busy = {s: reasons[s] or f"the {s} hand already holds something" for s in ("left", "right")}
            why_not = "; ".join(busy.values())
            if named:
                raise EngineError("pose_not_supported", f"no hand can hold the bag: {why_not}")
    if mode == "hand" and not why_not:
        side = max(hands, key=lambda s: person.pt(SIDES[s][2])[1])  # the lower (hanging) hand
        tips = L_HAND_TIPS if side == "left" else R_HAND_TIPS
        grip = np.mean([_v(person.pt(i)) for i in (SIDES[side][2], *tips)], axis=0)
        top = float(np.nonzero(cut.alpha.max(axis=1) > 0.5)[0].min())
        m = np.array([[scale, 0, grip[0] - w / 2 * scale], [0, scale, grip[1] - (top + h * 0.04) * scale], [0, 0, 1]])
        if _inside_share(cut, m, shape) < BAG_LEAST_INSIDE:
            raise EngineError(
                "pose_not_supported",
                f"the {side} hand is at the photo's edge: the bag would hang mostly outside the photo",
            )
        # Only the fingers (the person's own pixels round the grip) are in front of the handle.
        fist = _hull_mask(shape, np.array([_v(person.pt(i)) for i in (SIDES[side][2], *tips)]), frontal * 0.07)
        ys = np.arange(shape[0], dtype=np.float32)[:, None]
        fist *= (ys < grip[1] + h * scale * 0.2).astype(np.float32) * (person.mask > 0.5)
        return [Placement(cut, m, front=fist, shadow=0.35, lift=0.03, expect=width, part=f"the {side} hand")]
    cut, strap_colour = without_strap(cut)
    backpack = worn_on_back(cut, text)
    if backpack and person.behind:
        # Slung on one shoulder, a backpack is drawn behind the body: seen from behind it would hang in front.
        raise EngineError("pose_not_supported", BACK_VIEW)
    h, w = cut.alpha.shape
    width = frontal * (1.05 if w > 1.4 * h else 0.8)
    scale = width / w
    side = "right" if "right" in text else "left"
    if free and side not in free:
        side = free[0]
    shoulder = SIDES[side][0]
    hip = L_HIP if side == "left" else R_HIP
    if not _in_frame(person, shoulder, hip, threshold=0.5):
        # Hung from the shoulder, a bag hangs at the hip: both must be in the photo.
        message = f"the {side} shoulder and hip are not both in the photo; a shoulder bag needs them"
        raise EngineError(
            "pose_not_supported", f"no hand can hold the bag ({why_not}) and {message}" if why_not else message
        )
    outward = _unit(_v(person.pt(L_SHOULDER)) - _v(person.pt(R_SHOULDER))) * (1 if side == "left" else -1)
    hip_pt = _v(person.pt(hip))
    shoulder_pt = _v(person.pt(shoulder))
    slung = _backpack(person, cut, pack_strap_colour(cut, strap_colour), side, frontal) if backpack else None
    if slung is not None:
        return slung
    across = scale * BAG_TURNED
    m = np.eye(3)
    # Beside the hip first; nearer the hip joint, then with the strap shortened (up to the
    # waist), when the photo ends there.
    beside, near = BAG_HIP_OUT * w * across, 0.2 * frontal
    for out, share in ((beside, 0.65), (beside, 0.5), (near, 0.65), (near, 0.5), (near, 0.35)):
        anchor = hip_pt + outward * out
        top_y = shoulder_pt[1] * (1 - share) + hip_pt[1] * share
        m = np.array([[across, 0, anchor[0] - w / 2 * across], [0, scale, top_y], [0, 0, 1]])
        if _inside_share(cut, m, shape) >= BAG_LEAST_INSIDE:
            break
    else:
        raise EngineError(
            "pose_not_supported", f"the {side} hip is at the photo's edge: the bag would hang mostly outside the photo"
        )
    front, m = _arm_and_bag(person, cut, m, side, frontal)
    placements = [Placement(cut, m, front=front, shadow=0.35, lift=0.03, expect=width, part=f"the {side} hip")]
    ends = m @ np.array([[*point, 1.0] for point in strap_ends(cut)]).T
    top = [ends[:2, 0], ends[:2, 1]] if (cut.alpha > 0.8).any() else []
    strap = _strap(
        person, top, strap_colour, _on_body(person, shoulder_pt - outward * frontal * 0.1, -outward, frontal)
    )
    return [strap, *placements] if strap is not None else placements


#: How far out (frontal shoulder widths) a bag at the hip may be moved so the arm in
#: front of it covers only its inner side, and the step.
BAG_SHIFT_MOST, BAG_SHIFT_STEP = 0.12, 0.06


def _arm_mask(person: Person, side: str, frontal: float) -> NDArray[np.float32]:
    """The arm on `side`, shoulder to fingertips, as the person's pixels near its bones."""
    shoulder, elbow, wrist = SIDES[side]
    tips = L_HAND_TIPS if side == "left" else R_HAND_TIPS
    shape = person.image.shape[:2]
    arm = np.zeros(shape, np.uint8)
    radius = int(frontal * 0.08)
    hand = np.mean([_v(person.pt(i)) for i in tips], axis=0)
    wrist_pt = _v(person.pt(wrist))
    bones = [
        (_v(person.pt(shoulder)), _v(person.pt(elbow)), (shoulder, elbow)),
        (_v(person.pt(elbow)), wrist_pt, (elbow, wrist)),
    ]
    bones.append((wrist_pt, wrist_pt + (hand - wrist_pt) * FINGER_ENDS, (wrist, *tips)))
    for a, b, joints in bones:
        if _in_frame(person, *joints, threshold=0.3):
            cv2.line(arm, tuple(a.astype(int)), tuple(b.astype(int)), 255, max(2, radius * 2))
    return (arm > 0).astype(np.float32) * (person.mask > 0.5)


def _split_share(body: NDArray[np.bool_], front: NDArray[np.bool_]) -> float:
    """The share of what shows of `body` (a bag) past `front` (an arm) that is not its
    largest piece, plus the holes `front` cuts inside it: 0 when the arm covers one side
    of the bag as a whole, more when it cuts the bag in two or through its middle."""
    shown = (body & ~front).astype(np.uint8)
    total = float(body.sum())
    if total == 0:
        return 0.0
    count, _, stats, _ = cv2.connectedComponentsWithStats(shown, 8)
    rest = float(stats[1:, cv2.CC_STAT_AREA].sum() - stats[1:, cv2.CC_STAT_AREA].max()) if count > 1 else 0.0
    contours, _ = cv2.findContours(shown, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(shown)
    cv2.drawContours(filled, contours, -1, 1, -1)
    holes = float(((filled > 0) & (shown == 0) & body).sum())
    return (rest + holes) / total


#: At most this share of a bag at the hip may be cut off its largest piece by the arm.
BAG_SPLIT_MOST = 0.03


def _arm_and_bag(
    person: Person, cut: Cutout, m: NDArray[np.float64], side: str, frontal: float
) -> tuple[NDArray[np.float32] | None, NDArray[np.float64]]:
    """What is in front of a bag hung at the hip and where it hangs. The arm is in front
    as one whole arm when it covers only the bag's inner side; else the bag moves out
    (at most `BAG_SHIFT_MOST`) until it does; else the arm is held out in front of the body
    (it stays in front, whole, hands and all) or hangs or has its hand in a pocket behind
    the bag (`_hand_behind`), and the bag hangs in front of it. The arm cut through the bag's middle (a bag split in two, an arm-shaped hole, the
    upper arm in front and the hand behind): 4 F and 3 B of the devset, 2026-12-04."""
    arm = _arm_mask(person, side, frontal)
    h, w = arm.shape
    quarter = np.diag([0.25, 0.25, 1.0])
    small = (max(1, w // 4), max(1, h // 4))
    arm_small = cv2.resize(arm, small, interpolation=cv2.INTER_AREA) > 0.5
    outward = _unit(_v(person.pt(L_SHOULDER)) - _v(person.pt(R_SHOULDER))) * (1 if side == "left" else -1)
    pocket = _in_frame(person, SIDES[side][2], threshold=0.5) and _fingers_hidden(person, side, frontal)
    for shift in np.arange(0.0, BAG_SHIFT_MOST + 1e-6, BAG_SHIFT_STEP):
        moved = m.copy()
        moved[:2, 2] += outward * frontal * shift
        body = cv2.warpAffine(cut.alpha, (quarter @ moved)[:2], small) > 0.5
        if (
            _split_share(body, arm_small) <= BAG_SPLIT_MOST
            and (shift == 0.0 or _inside_share(cut, moved, (h, w)) >= BAG_LEAST_INSIDE)
            and not (pocket and _hand_behind(person, cut, moved, side))
        ):
            return cv2.GaussianBlur(arm, (0, 0), 1.0), moved
    _, elbow, wrist = SIDES[side]
    forearm = _v(person.pt(wrist)) - _v(person.pt(elbow))
    if forearm[1] < HANGING_DROP * float(np.linalg.norm(forearm)) and not (
        pocket and _hand_behind(person, cut, m, side)
    ):
        return cv2.GaussianBlur(arm, (0, 0), 1.0), m
    return None, m


def _hand_behind(person: Person, cut: Cutout, m: NDArray[np.float64], side: str) -> bool:
    """Whether the hand on `side` lies inside the bag hung at the hip (`m`): a hand in a
    pocket there (`_fingers_hidden`) is behind the bag (with the arm in front, it showed
    through a hand-shaped hole in it: a devset F, 2026-12-05)."""
    tips = L_HAND_TIPS if side == "left" else R_HAND_TIPS
    hand = np.mean([_v(person.pt(i)) for i in (SIDES[side][2], *tips)], axis=0)
    x, y = (np.linalg.inv(m) @ np.array([hand[0], hand[1], 1.0]))[:2]
    h, w = cut.alpha.shape
    return bool(0 <= x < w and 0 <= y < h and cut.alpha[int(y), int(x)] > 0.5)


#: A backpack slung on one shoulder hangs behind it: its top this share of the torso
#: (shoulder to hip) above the shoulder joint, its height this share of the torso (sized
#: as the torso, not as a handbag: 0.8 shoulder widths wide it read as a toy).
BACKPACK_TOP, BACKPACK_HEIGHT = 0.04, 0.85
#: Its width at most this many frontal shoulder widths (a wide product photo).
BACKPACK_WIDEST = 1.0
#: A backpack's padded strap is this many times a shoulder bag's strap wide (about 0.12
#: of the shoulder width: 5 cm of padding on 40 cm shoulders).
BACKPACK_STRAP_WIDTH = 4.0
#: The strap comes over the shoulder this many frontal shoulder widths in from the joint,
#: and passes behind the arm this share of the torso below it, at the upper arm's inner
#: edge (`ARM_HALF` frontal shoulder widths in from the joint's line down the arm).
BACKPACK_STRAP_TOP, BACKPACK_STRAP_END, ARM_HALF = 0.18, 0.3, 0.11
#: The angle (radians from the body's vertical) at which the strap leaves the chest under the arm.
STRAP_EXIT = 1.0
#: How far in (frontal shoulder widths) the strap's curve is pulled at its bend.
STRAP_BOW = 0.04
#: The least share of a backpack behind the body that must show beside it (a raised
#: arm and a wide sleeve hid all but slivers of it).
BACKPACK_LEAST_SHOWN = 0.35


def _shown_share(cut: Cutout, matrix: NDArray[np.float64], mask: NDArray[np.float32]) -> float:
    """The share of the cut-out's solid pixels that land in the photo off the person."""
    ys, xs = np.nonzero(cut.alpha[::2, ::2] > 0.5)
    if len(xs) == 0:
        return 0.0
    mapped = (matrix @ np.stack([xs * 2.0, ys * 2.0, np.ones(len(xs))])).astype(int)
    h, w = mask.shape
    inside = (mapped[0] >= 0) & (mapped[0] < w) & (mapped[1] >= 0) & (mapped[1] < h)
    return float(np.mean(mask[mapped[1][inside], mapped[0][inside]] < 0.5)) * float(inside.mean())


def worn_on_back(body: Cutout, text: str) -> bool:
    """A backpack: named so, or, unnamed, a bag whose body (`without_strap`: a hobo's
    tall strap arch left out) is taller than wide, and that the description does not
    call a shoulder bag or a tote."""
    if "backpack" in text or "rucksack" in text:
        return True
    named = any(word in text for word in ("shoulder", "tote", "messenger", "crossbody", "sling", "hand", "clutch"))
    return not named and body.aspect > 1.1


def _backpack(
    person: Person, cut: Cutout, colour: NDArray[np.uint8], side: str, frontal: float
) -> list[Placement] | None:
    """Slung on one shoulder, behind the person: the body and arm in front of it, only the
    part beyond their outline showing, its top up at the shoulder, its strap over the
    front of the shoulder going under the arm. Hung in
    front of the hip like a handbag it read as a purse (every devset backpack B). None
    where it would hang mostly outside the photo or hidden behind the body (a raised
    arm, a wide sleeve): it then hangs in front like a shoulder bag."""
    shoulder = SIDES[side][0]
    hip = L_HIP if side == "left" else R_HIP
    outward = _unit(_v(person.pt(L_SHOULDER)) - _v(person.pt(R_SHOULDER))) * (1 if side == "left" else -1)
    shoulder_pt, hip_pt = _v(person.pt(shoulder)), _v(person.pt(hip))
    h, w = cut.alpha.shape
    torso = max(float(hip_pt[1] - shoulder_pt[1]), frontal * 0.5)
    scale = min(torso * BACKPACK_HEIGHT / h, frontal * BACKPACK_WIDEST / w)
    width = w * scale
    top_y = shoulder_pt[1] - torso * BACKPACK_TOP
    shape = person.image.shape[:2]
    # Mostly behind the body: moved out from the shoulder joint only until the least share
    # shows beyond the body's outline, so what shows is bordered by the arm and torso (hung
    # a fixed way out it showed whole, beside the arm, as if floating there).
    m = np.eye(3)
    for step in np.arange(0.0, 0.75, 0.05):
        centre = shoulder_pt + outward * width * step
        m = np.array([[scale, 0, centre[0] - w / 2 * scale], [0, scale, top_y], [0, 0, 1]])
        if _shown_share(cut, m, person.mask) >= BACKPACK_LEAST_SHOWN:
            break
    else:
        return None
    if _inside_share(cut, m, shape) < BAG_LEAST_INSIDE:
        return None
    behind = cv2.GaussianBlur((person.mask > 0.5).astype(np.float32), (0, 0), 1.0)
    bag_piece = Placement(cut, m, front=behind, shadow=0.35, lift=0.02, expect=width, part=f"the {side} shoulder")
    strap_piece = _pack_strap(person, side, colour, frontal, torso)
    return [bag_piece, strap_piece] if strap_piece is not None else [bag_piece]


#: A backpack's shoulder straps are its darkest webbing: drawn no lighter than the mean
#: colour of its darkest `PACK_STRAP_DARKEST` share of pixels (a black pack's grey mesh
#: rim, taken for its strap, drew a grey pill on the chest: 3 devset B, 2026-12-05).
PACK_STRAP_DARKEST = 0.25


def pack_strap_colour(cut: Cutout, colour: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """`colour` (the pack's own thin parts, `without_strap`), or its darkest quarter's
    colour where that is darker."""
    pixels = cut.rgb[::4, ::4][cut.alpha[::4, ::4] > 0.8].astype(np.float32)
    if len(pixels) == 0:
        return colour
    light = pixels.mean(axis=1)
    dark = pixels[light <= np.quantile(light, PACK_STRAP_DARKEST)].mean(axis=0)
    return dark.astype(np.uint8) if dark.mean() < colour.astype(np.float32).mean() else colour


def _pack_strap(person: Person, side: str, colour: NDArray[np.uint8], frontal: float, torso: float) -> Placement | None:
    """The backpack's padded strap on the front of the `side` shoulder: from the top of
    the shoulder's outline (`BACKPACK_STRAP_TOP` in from the joint), down the chest,
    bending out to the armpit (`BACKPACK_STRAP_END` of the torso down), where it is cut
    along the upper arm's inner edge (`ARM_HALF` out from the joint line): it passes
    behind the arm there."""
    shoulder, elbow, _ = SIDES[side]
    outward = _unit(_v(person.pt(L_SHOULDER)) - _v(person.pt(R_SHOULDER))) * (1 if side == "left" else -1)
    down = np.array([-outward[1], outward[0]]) * (1 if side == "left" else -1)
    if down[1] < 0:
        down = -down
    shoulder_pt = _v(person.pt(shoulder))
    width = max(4.0, person.shoulder_width * 0.03 * BACKPACK_STRAP_WIDTH)
    start = _shoulder_top(
        person,
        _on_body(person, shoulder_pt - outward * frontal * BACKPACK_STRAP_TOP, -outward, frontal),
        frontal * 0.12,
    )
    arm = down
    if _in_frame(person, shoulder, elbow, threshold=0.3):
        upper = _unit(_v(person.pt(elbow)) - shoulder_pt)
        if float(np.dot(upper, down)) > 0.5:
            arm = upper
    edge_top = shoulder_pt - outward * frontal * ARM_HALF
    end = edge_top + arm * (torso * BACKPACK_STRAP_END / max(float(np.dot(arm, down)), 0.5))
    end = _bare_arm_edge(person, end, outward, frontal * ARM_HALF)
    top = start - down * width * 0.3
    # Straight down from the shoulder, then out under the arm at `STRAP_EXIT` from the vertical.
    across, fall = float(np.dot(end - top, outward)), float(np.dot(end - top, down))
    reach = float(np.clip(fall - max(across, 0.0) / np.tan(STRAP_EXIT), 0.35 * fall, 0.92 * fall))
    # Bowed a little in towards the chest's middle: it lies on the chest's curve.
    bend = top + down * reach - outward * frontal * STRAP_BOW
    centre = shoulder_strap.quadratic(top, bend, end + _unit(end - bend) * width)
    paint = colour.astype(np.float32)
    box = (
        slice(int(max(0, start[1])), int(max(1, end[1]))),
        slice(int(max(0, min(start[0], end[0]))), int(max(start[0], end[0]) + 1)),
    )
    under = person.image[box]
    lightness = float(under.mean()) if under.size else 255.0
    if paint.mean() < STRAP_DARK and abs(lightness - paint.mean()) < STRAP_SAME_LIGHT:
        edge = paint + (255 - paint) * STRAP_EDGE_LIGHT
    else:
        edge = paint * STRAP_EDGE_SHADE
    leaving = _unit(end - bend)
    # Cut square across at the arm's inner edge: it goes on behind the arm from there.
    square = np.array([-leaving[1], leaving[0]])
    drawn = shoulder_strap.padded(
        centre,
        width,
        colour,
        edge,
        person.mask.shape,
        cut=(end, square),
        keep=(person.mask > 0.5) & ~_arm_bones(person, side, frontal * PACK_ARM_HALF),
        grow=max(1, int(width * 0.1)),
    )
    if drawn is None:
        return None
    piece, shift = drawn
    return Placement(piece, shift, shadow=0.4, lift=0.012)


#: A backpack's strap never shows on the arm on its side: within this many frontal shoulder
#: widths of the arm's bones (shoulder to elbow to wrist) it is behind the arm. An arm bent
#: with its hand on the hip leaves the body, and the strap drawn on down to the armpit lay
#: over the upper arm (a devset F, 2026-12-05). Less than the strap's start in from the
#: shoulder joint (`BACKPACK_STRAP_TOP` less its half width), so it never cuts the strap's top.
PACK_ARM_HALF = 0.09


def _arm_bones(person: Person, side: str, half: float) -> NDArray[np.bool_]:
    """The arm on `side` as its bones (shoulder to elbow, elbow to wrist) drawn `half` px
    either side: where the arm is, whatever its sleeve or the person mask say."""
    shoulder, elbow, wrist = SIDES[side]
    bones = np.zeros(person.mask.shape, np.uint8)
    for a, b in ((shoulder, elbow), (elbow, wrist)):
        if _in_frame(person, a, b, threshold=0.3):
            start, stop = tuple(_v(person.pt(a)).astype(int)), tuple(_v(person.pt(b)).astype(int))
            cv2.line(bones, start, stop, 1, max(2, int(2 * half)))
    return bones > 0


def _bare_arm_edge(person: Person, end: Vec, outward: Vec, half: float) -> Vec:
    """`end` moved onto the bare arm's inner edge at its height: from the arm's middle
    (`half` out from `end`) inward to where its skin stops, within twice `half`. A sleeve
    or an arm that is not there leaves `end` as it is."""
    steps = np.arange(0.0, 2 * half, 1.0)
    line = end + outward * half - outward[None] * steps[:, None]
    h, w = person.image.shape[:2]
    xs, ys = line[:, 0].astype(int), line[:, 1].astype(int)
    inside = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    if len(steps) < 4 or not inside.all():
        return end
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    crop = replace(person, image=np.ascontiguousarray(person.image[y0:y1, x0:x1]))
    skin = skin_like(crop)[ys - y0, xs - x0] & (person.mask[ys, xs] > 0.5)
    if skin[: max(2, len(skin) // 4)].mean() < 0.75:
        return end
    off = np.nonzero(~skin[:-1] & ~skin[1:])[0]
    return line[int(off[0])] + outward if len(off) else end


def _on_body(person: Person, point: Vec, inward: Vec, frontal: float) -> Vec:
    """`point` moved inward (towards the neck) until it lies on the person: a strap's end
    rests on the shoulder, never in the air beside it."""
    h, w = person.mask.shape
    for step in np.arange(0.0, frontal * 0.3, 1.0):
        x, y = (point + inward * step).astype(int)
        if 0 <= x < w and 0 <= y < h and person.mask[y, x] > 0.5:
            return point + inward * (step + 2)
    return point


def _shoulder_top(person: Person, point: Vec, reach: float) -> Vec:
    """`point` moved straight up, at most `reach` px, to the top of the person's outline:
    a strap comes over the shoulder there, never out of the middle of the chest (nor,
    past `reach`, out of the neck or hair above it)."""
    x, y = int(point[0]), int(point[1])
    if not (0 <= x < person.mask.shape[1] and 0 <= y < person.mask.shape[0]):
        return point
    highest = max(0, y - int(reach))
    column = person.mask[highest : y + 1, x] > 0.5
    off = np.nonzero(~column)[0]
    top = highest + int(off.max()) + 1 if len(off) else highest
    return np.array([float(x), float(min(y, top + 2))])


def strap_ends(cut: Cutout) -> tuple[Vec, Vec]:
    """Where a strap meets the bag, in cut-out pixels: the bag's topmost solid pixel in
    the columns at a quarter of its width from each side (so the strap starts on the bag,
    not in the air over a dip in its outline)."""
    h, w = cut.alpha.shape
    ends = []
    for share in (0.25, 0.75):
        column = int(np.clip(w * share, 0, w - 1))
        band = cut.alpha[:, max(0, column - 1) : column + 2].max(axis=1)
        rows = np.nonzero(band > 0.5)[0]
        top = float(rows.min()) if len(rows) else 0.0
        ends.append(np.array([float(column), top + max(1.0, h * 0.01)]))
    return ends[0], ends[1]


def _strap(
    person: Person, starts: list[Vec], colour: NDArray[np.uint8], shoulder: Vec, wide: float = 1.0
) -> Placement | None:
    """A strap from each of `starts` (the bag's top, where it is solid) up over the
    shoulder, in `colour` with a thin edge and a soft shadow, so it reads on dark and
    light clothes alike: the edge is darker, or lighter for a dark strap over clothes as
    dark as it."""
    if not starts:
        return None
    strap_w = max(3, int(person.shoulder_width * 0.03 * wide))
    alpha = np.zeros(person.image.shape[:2], np.uint8)
    inner = np.zeros(person.image.shape[:2], np.uint8)
    end = (int(shoulder[0]), int(shoulder[1]))
    for x, y in starts:
        cv2.line(alpha, (int(x), int(y)), end, 255, strap_w, cv2.LINE_AA)
        cv2.line(inner, (int(x), int(y)), end, 255, max(1, strap_w - 2), cv2.LINE_AA)
    ys, xs = np.nonzero(alpha)
    if len(ys) == 0:
        return None
    box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    core = inner[box].astype(np.float32)[..., None] / 255
    paint = colour.astype(np.float32)
    # The clothes under it: where it runs on the person (beside the hip it also crosses the arm's gap).
    on = (alpha > 127) & (person.mask > 0.5)
    on = on if on.any() else alpha > 127
    under = float(person.image[on].mean()) if on.any() else 255.0
    if paint.mean() < STRAP_DARK and abs(under - paint.mean()) < STRAP_SAME_LIGHT:
        edge = paint + (255 - paint) * STRAP_EDGE_LIGHT
    else:
        edge = paint * STRAP_EDGE_SHADE
    rgb = (paint * core + edge * (1 - core) + 0.5).astype(np.uint8)
    piece = Cutout(rgb, alpha[box].astype(np.float32) / 255, [], 0.0)
    shift = np.array([[1, 0, xs.min()], [0, 1, ys.min()], [0, 0, 1]], np.float64)
    return Placement(piece, shift, shadow=0.45, lift=0.012)


# --- jewelry and neckwear -----------------------------------------------------------------------


def _pieces(cut: Cutout) -> list[Cutout]:
    return [
        Cutout(cut.rgb[y0:y1, x0:x1], cut.alpha[y0:y1, x0:x1], [], cut.holes) for x0, y0, x1, y1 in sorted(cut.parts)
    ] or [cut]


def earrings(person: Person, cut: Cutout) -> list[Placement]:
    """One earring from each ear lobe, hook at the lobe, a drop hanging plumb down the
    photo; hair in front of them; the far one hidden when the head is turned well away."""
    face = _face_or_refuse(person, "earrings need the ears")
    pieces = _pieces(cut)
    if len(pieces) == 1:
        pieces = [pieces[0], pieces[0]]
    pieces = sorted(pieces, key=lambda c: c.alpha.size, reverse=True)[:2]
    height = face.height
    up = _unit(_v(face.pt(lm.FOREHEAD)) - _v(face.pt(lm.CHIN)))
    hair = hair_mask(person, face)
    placements = []
    for lobe, direction, turn in lm.ear_lobes(face):
        if turn < -0.25:
            continue  # this ear is round the far side of the head
        piece = pieces[0] if direction < 0 else pieces[-1]
        h, w = piece.alpha.shape
        # A stud (about as tall as wide) sits on the lobe, its middle there; a drop hangs from it.
        stud = h < STUD_ASPECT * w
        length = height * (STUD_SHARE if stud else float(np.clip(0.09 * h / max(w, 1), 0.08, 0.34)))
        scale = length / h
        hook = np.array([w / 2, h / 2 if stud else 0.0])
        src = [hook, np.array([w / 2, float(h)]), hook + np.array([w / 2, 0.0])]
        # A drop swings from its hook and hangs plumb whatever the head's tilt; along a
        # bowed head's axis it pointed aslant across the jaw or the neck. A stud turns with the ear.
        down = -up if stud else GRAVITY
        dst = [lobe, lobe + down * (h - hook[1]) * scale, lobe + np.array([-down[1], down[0]]) * -w / 2 * scale]
        placements.append(Placement(piece, _affine(src, dst), front=hair, shadow=0.25, lift=0.03, part="the ears"))
    if not placements:
        raise EngineError("pose_not_supported", "neither ear is visible in the photo")
    # Her own hoops are replaced by the new pair, not left hanging beside it.
    placements[0].paint_out = worn_earrings(person.image, face)
    return placements


def _neck(person: Person) -> tuple[Vec, Vec, Vec, float]:
    """The base of the neck, the unit vectors right and down the torso, and the frontal shoulder width."""
    if not _in_frame(person, L_SHOULDER, R_SHOULDER, threshold=0.5):
        raise EngineError("pose_not_supported", "the neck and shoulders are not in the photo")
    ls, rs = _v(person.pt(L_SHOULDER)), _v(person.pt(R_SHOULDER))
    right = _unit(ls - rs)
    down = np.array([-right[1], right[0]])
    if down[1] < 0:
        down = -down
    hips = (_v(person.pt(L_HIP)) + _v(person.pt(R_HIP))) / 2
    frontal = frontal_width(float(np.linalg.norm(ls - rs)), float(np.linalg.norm(hips - (ls + rs) / 2)))
    return (ls + rs) / 2 - down * frontal * 0.14, right, down, frontal


def necklace(person: Person, cut: Cutout) -> list[Placement]:
    """Round the neck: the loop's top at the neck's sides, the rest draped on the chest;
    the part that goes behind the neck hidden, the chin and hair in front."""
    if cut.holes < 0.2 and not _open_loop(cut):
        cut = _strand(cut)
    neck, right, down, frontal = _neck(person)
    h, w = cut.alpha.shape
    width = frontal * 0.44
    drop = frontal * 0.4
    face = lm.face(person)
    if face is not None and width < NECK_LEAST_FACE * face.width:
        raise EngineError(
            "pose_not_supported",
            "the shoulders are turned too far from the camera to find the front of the neck; "
            "a necklace needs a photo with the chest towards the camera",
        )
    src = [np.array([0.0, 0.0]), np.array([float(w), 0.0]), np.array([w / 2, float(h)])]
    dst = [neck - right * width / 2, neck + right * width / 2, neck + down * drop]
    shape = person.image.shape[:2]
    if _outside_share(cut, _affine(src, dst), shape) > NECK_CUT_MOST:
        raise EngineError(
            "pose_not_supported",
            "the neck is cut by the photo's edge: the necklace's loop would hang out of the photo; "
            "a necklace needs a photo that shows the chest below the collarbones",
        )
    # The back of the chain goes behind the neck: hide its top middle.
    behind = _band(shape, neck, down, width * 0.3, 2) * _band(
        shape, neck - down * frontal, right, frontal + drop * 0.18, 2
    )
    front = np.maximum(behind, person.face.astype(np.float32) / 255)
    if face is not None:
        # Hair falling over the shoulders stays in front of the chain: the hair's colour
        # beside the neck only (never the chest's middle, where dark clothes would match it).
        hair = hair_mask(person, face) * (1 - _band(shape, neck, down, width * 0.22, 2))
        front = np.maximum(front, hair)
    return [Placement(cut, _affine(src, dst), front=front, shadow=0.3, lift=0.015, expect=width, part="the neck")]


def _outside_share(cut: Cutout, warp: NDArray[np.float64], shape: tuple[int, int]) -> float:
    """The share of the cut-out's solid pixels that `warp` puts outside a photo of `shape`,
    read on a grid of about 20000 of its pixels (the answer is a share, not a mask)."""
    step = max(1, int(np.sqrt(cut.alpha.size / 20000)))
    ys, xs = np.nonzero(cut.alpha[::step, ::step] > 0.5)
    if len(ys) == 0:
        return 0.0
    points = np.stack([xs * step, ys * step, np.ones_like(xs)]).astype(np.float64)
    x, y = warp[:2] @ points
    h, w = shape
    return float(np.mean((x < 0) | (x >= w) | (y < 0) | (y >= h)))


def _open_loop(cut: Cutout) -> bool:
    """A necklace already hanging as a loop whose back leaves the photo at its top (worn
    on a bust): closed along the top, its inside is open. Not a heap to string anew."""
    solid = cv2.morphologyEx((cut.alpha > 0.5).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    closed = np.pad(solid, 1)  # gaps between beads closed
    closed[1] = 1
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(closed)
    cv2.drawContours(filled, contours, -1, 1, -1)
    inside = int(filled.sum())
    return inside > 0 and (inside - int(closed.sum())) >= 0.2 * inside


def _strand(cut: Cutout, beads: int = 34) -> Cutout:
    """A necklace photographed in a heap (a pile of pearls) laid out as a loop: a round
    sample of its solid middle, strung along the curve a worn necklace makes."""
    solid = (cut.alpha > 0.9).astype(np.uint8)
    depth = cv2.distanceTransform(solid, cv2.DIST_L2, 5)
    y, x = np.unravel_index(int(np.argmax(depth)), depth.shape)
    radius = int(max(2.0, min(float(depth[y, x]), min(cut.alpha.shape) * 0.12)))
    bead = cut.rgb[y - radius : y + radius, x - radius : x + radius]
    size = 2 * radius
    width, height = size * 16, size * 9
    rgb = np.zeros((height + size, width + size, 3), np.uint8)
    alpha = np.zeros((height + size, width + size), np.float32)
    disc = np.zeros((size, size), np.float32)
    cv2.circle(disc, (radius, radius), radius - 1, 1.0, -1, cv2.LINE_AA)
    for t in np.linspace(0.0, np.pi, beads):
        cx = int(width / 2 - np.cos(t) * width / 2)
        cy = int(np.sin(t) * height)
        window = (slice(cy, cy + size), slice(cx, cx + size))
        rgb[window] = np.where(disc[..., None] > alpha[window][..., None], bead, rgb[window])
        alpha[window] = np.maximum(alpha[window], disc)
    return Cutout(rgb, alpha, [], 0.5)


def scarf(person: Person, cut: Cutout) -> list[Placement]:
    """Wrapped round the neck, hanging down the chest, under the chin."""
    neck, right, down, frontal = _neck(person)
    h, w = cut.alpha.shape
    width = frontal * 0.72
    length = width * h / w
    top = neck - down * frontal * 0.12
    src = [np.array([0.0, 0.0]), np.array([float(w), 0.0]), np.array([0.0, float(h)])]
    dst = [top - right * width / 2, top + right * width / 2, top - right * width / 2 + down * length]
    return [Placement(cut, _affine(src, dst), front=person.face.astype(np.float32) / 255, shadow=0.35, lift=0.03)]


def tie(person: Person, cut: Cutout) -> list[Placement]:
    """From the collar down the middle of the chest, about two thirds of the torso long."""
    neck, right, down, frontal = _neck(person)
    h, w = cut.alpha.shape
    length = frontal * 1.05
    scale = length / h
    top = neck - down * frontal * 0.02
    src = [np.array([w / 2, 0.0]), np.array([w / 2, float(h)]), np.array([float(w), 0.0])]
    dst = [top, top + down * length, top + right * w / 2 * scale]
    return [Placement(cut, _affine(src, dst), front=person.face.astype(np.float32) / 255, shadow=0.3, lift=0.02)]


def belt(person: Person, cut: Cutout) -> list[Placement]:
    """Across the waist just above the hips, as wide as the body there (it wraps round)."""
    if not _in_frame(person, L_HIP, R_HIP, threshold=0.5):
        raise EngineError("pose_not_supported", "the waist is not in the photo; a belt needs it")
    lh, rh = _v(person.pt(L_HIP)), _v(person.pt(R_HIP))
    neck, right, down, frontal = _neck(person)
    waist = (lh + rh) / 2 - down * frontal * 0.12
    h, w = cut.alpha.shape
    width = float(np.linalg.norm(lh - rh)) * 1.9
    scale = width / w
    src = [np.array([0.0, h / 2]), np.array([float(w), h / 2]), np.array([w / 2, 0.0])]
    dst = [waist - right * width / 2, waist + right * width / 2, waist - down * h / 2 * scale]
    body = cv2.GaussianBlur((person.mask > 0.5).astype(np.float32), (0, 0), 1.0)
    hands = person.hands.astype(np.float32) / 255
    return [Placement(cut, _affine(src, dst), keep=body, front=hands, shadow=0.3, lift=0.02)]
