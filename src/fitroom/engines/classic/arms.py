"""Forearms lying across the front of the torso (arms crossed, a hand on the stomach).

They are in front of whatever is worn on the torso: a new top or dress drawn over them
hides the arms and leaves them to be rebuilt beside it. A bare forearm is kept from the
photo like a hand; a forearm in a sleeve cannot be, since the old sleeve in front of the
new garment is the old garment left on the person, so the render is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic.colour import skin_like
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
