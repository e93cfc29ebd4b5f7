"""Forearms lying across the front of the torso (arms crossed, a hand on the stomach).

They are in front of whatever is worn on the torso: a new top or dress drawn over them
hides the arms and leaves them to be rebuilt beside it. A bare forearm is kept from the
photo like a hand; a forearm in a sleeve cannot be, since the old sleeve in front of the
new garment is the old garment left on the person, so the render is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic.body import Frame
from fitroom.engines.classic.colour import GARMENT_WEIGHTS, SAME_GARMENT_COLOUR, skin_like, squared_distance
from fitroom.engines.classic.old_garment import worn_colours
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

#: A forearm is across the torso when these points along it (elbow 0, wrist 1) all lie
#: inside the shoulders-hips quad and it runs at least this share of its length across
#: the body (a forearm hanging down the side, or a hand in a pocket, runs down it).
ALONG = (0.3, 0.5, 0.7)
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


@dataclass
class Forearm:
    """One forearm across the torso: its side, its pixels, those of them that look like
    skin, and whether they are mostly skin."""

    side: str
    band: NDArray[np.bool_]
    skin: NDArray[np.bool_]
    bare: bool


def crossed_forearms(person: Person) -> list[Forearm]:
    """The forearms the pose puts across the front of the torso."""
    if not person.visible(L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, threshold=SEEN):
        return []
    quad = person.points[[L_SHOULDER, R_SHOULDER, R_HIP, L_HIP]].astype(np.float32).reshape(-1, 1, 2)
    w, h = person.size
    skin: NDArray[np.bool_] | None = None  # the whole photo's skin test, only once a forearm is across
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
        line = np.zeros((h, w), np.uint8)
        width = max(3, int(person.shoulder_width * FOREARM_WIDTH))
        cv2.line(line, tuple(np.round(elbow).astype(int)), tuple(np.round(wrist).astype(int)), 255, width)
        band = (line > 0) & (person.mask > 0.5)
        if not band.any():
            continue
        if skin is None:
            skin = skin_like(person)
        bare = np.count_nonzero(skin & band) >= BARE * np.count_nonzero(band)
        found.append(Forearm(side, band, skin & band, bare))
    return found


def bare_forearms_in_front(person: Person) -> NDArray[np.bool_]:
    """The skin of the bare forearms across the torso: kept in front of a new garment."""
    w, h = person.size
    keep = np.zeros((h, w), bool)
    forearms = [arm for arm in crossed_forearms(person) if arm.bare]
    if not forearms:
        return keep
    size = max(3, int(person.shoulder_width * ARM_GAP) | 1)
    closing = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    for arm in forearms:
        closed = cv2.morphologyEx(arm.skin.astype(np.uint8), cv2.MORPH_CLOSE, closing) > 0
        keep |= closed & arm.band
    return keep


def refuse_crossed_sleeves(person: Person, category: str) -> None:
    """Raise `pose_not_supported` when a top or dress would go under a sleeved forearm
    crossed in front of the body: the old sleeve would stay in front of the new garment."""
    if category == SwapTarget.BOTTOM:
        return
    sleeved = [arm.side for arm in crossed_forearms(person) if not arm.bare]
    if sleeved:
        raise EngineError(
            "pose_not_supported",
            "the arms are crossed in front of the body in sleeves the new garment cannot replace; "
            "send a photo with the arms at the sides (bare forearms in front can stay)",
        )


#: Arms hanging at the sides are in front of a top's or dress's body panel from this far
#: down the upper arm (shoulder 0, elbow 1): above it the shoulder's cap lies under the
#: garment's shoulder (a cap sleeve, a strap), as in a photo.
HANGING_FROM = 0.4
#: The arm's half-width at the upper arm and the forearm, in frontal shoulder widths
#: (`body`'s proportions): the band holds the arm, not the torso beside it.
ARM_HALF = (0.18, 0.14)
#: Skin pieces narrower than this share of the shoulder width are not an arm's.
ARM_SPECK = 0.08
#: Person-mask values under this are its soft rim against the backdrop.
ARM_RIM = 0.9


def _worn_colour(person: Person) -> NDArray[np.bool_]:
    """The pixels nearer a colour of the worn top (read across the chest) than the skin's:
    a pink or beige top, or a white one in warm light, passes the skin test, and kept in
    front of the new garment it would be the old garment left on the person."""
    lab = person.lab()
    colours = worn_colours(lab, person, SwapTarget.TOP)
    nearest = np.minimum.reduce([squared_distance(lab, colour, GARMENT_WEIGHTS) for colour in colours])
    return (nearest < SAME_GARMENT_COLOUR**2) & (nearest < squared_distance(lab, person.skin_lab, GARMENT_WEIGHTS))


def bare_arms_beside(person: Person, frame: Frame) -> NDArray[np.float32]:
    """How much of each pixel is a bare arm hanging beside the torso (0..1): its skin from
    the upper arm's middle down to the wrist, with the arm's soft outline. A top's or
    dress's body panel goes under it; drawn over it, the panel hid the arm's inner half
    and left its outer sliver beside the garment as a pale streak. Only a part of the arm
    that is mostly skin counts: in a sleeve, skin-coloured bits beside it (a print, a bare
    midriff) are not an arm.

    Worked out once per photo and frame width (placement and compositing both ask, and it
    is a whole-photo skin test); the answer is read-only."""
    cached = person.__dict__.get("_bare_arms")
    if cached is not None and cached[0] is person.image and cached[1] == frame.frontal_width:
        return cast(NDArray[np.float32], cached[2])
    arms = _bare_arms_beside(person, frame)
    arms.flags.writeable = False
    person.__dict__["_bare_arms"] = (person.image, frame.frontal_width, arms)
    return arms


def _bare_arms_beside(person: Person, frame: Frame) -> NDArray[np.float32]:
    w, h = person.size
    fw = frame.frontal_width
    # Skin by a strict test: a grey or white top in shadow passes the loose one.
    skin = skin_like(person) & plausible_skin(person.lab()) & (person.mask > 0.5) & ~_worn_colour(person)
    size = max(3, int(person.shoulder_width * ARM_GAP) | 1)
    closed = cv2.morphologyEx(
        skin.astype(np.uint8), cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    )
    # Specks and threads of skin colour in a top's shadows are no arm: they would cut
    # the new panel's edge into a fringe.
    opening = max(3, int(person.shoulder_width * ARM_SPECK) | 1)
    closed = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (opening, opening)))
    band = np.zeros((h, w), np.uint8)
    for shoulder, elbow, wrist in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        a, b, c = (person.pt(i).astype(np.float64) for i in (shoulder, elbow, wrist))
        start = a + (b - a) * HANGING_FROM
        for p, q, half in ((start, b, ARM_HALF[0]), (b, c, ARM_HALF[1])):
            part = np.zeros((h, w), np.uint8)
            cv2.line(
                part, tuple(np.round(p).astype(int)), tuple(np.round(q).astype(int)), 255, max(3, int(2 * half * fw))
            )
            on = (part > 0) & (person.mask > 0.5)
            if np.count_nonzero(on & (closed > 0)) >= BARE * max(np.count_nonzero(on), 1):
                band |= part
    if not band.any():
        return np.zeros((h, w), np.float32)
    closed &= band > 0
    # The arm's outline against the backdrop (the person mask's soft rim) is half skin,
    # half backdrop: it stays whole with the arm. Against the body the old garment beside
    # the arm is not kept.
    edge = 2 * max(1, int(person.shoulder_width * 0.012)) + 1
    rim = (person.mask > 0.3) & (person.mask < ARM_RIM)
    arm = (cv2.dilate(closed, np.ones((edge, edge), np.uint8)) > 0) & (band > 0) & (rim | (closed > 0))
    return np.maximum(cv2.GaussianBlur(arm.astype(np.float32), (0, 0), 0.8), closed.astype(np.float32))
