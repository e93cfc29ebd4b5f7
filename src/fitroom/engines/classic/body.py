"""The body's shape as clothes see it: the torso's axes and zone, and the limbs as tapered
cylinders.

Shared by the placement (where a new garment goes), the old garment's mask, the skin
rebuilt where it was, and the garment analysis (a garment photographed on a model).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
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
    frontal_width,
)


@dataclass
class Frame:
    """The torso's axes in the photo: shoulder midpoint, unit right and down vectors."""

    neck: NDArray[np.float64]
    right: NDArray[np.float64]
    down: NDArray[np.float64]
    width: float  # shoulder joint distance as seen
    length: float  # shoulder midpoint to hip midpoint

    @property
    def frontal_width(self) -> float:
        """Shoulder width as it would be seen from the front (a turned body looks narrower)."""
        return frontal_width(self.width, self.length)


def torso_frame(person: Person) -> Frame:
    ls, rs = person.pt(L_SHOULDER).astype(np.float64), person.pt(R_SHOULDER).astype(np.float64)
    lh, rh = person.pt(L_HIP).astype(np.float64), person.pt(R_HIP).astype(np.float64)
    neck = (ls + rs) / 2
    hips = (lh + rh) / 2
    right = ls - rs  # the person's left shoulder is on the picture's right
    width = float(np.linalg.norm(right))
    right /= max(width, 1e-6)
    down = hips - neck
    length = float(np.linalg.norm(down))
    if length < width * 0.5:
        down = np.array([-right[1], right[0]])
        length = width * 1.3
    else:
        down /= length
    return Frame(neck, right, down, width, length)


def torso_zone(person: Person, frame: Frame) -> NDArray[np.uint8]:
    """255 over the torso and, since collars and shoulder tops sit above the shoulder
    joints, the neck up towards the chin."""
    w, h = person.size
    zone = np.zeros((h, w), np.uint8)
    torso = np.array([person.pt(i) for i in (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)], np.int32)
    cv2.fillConvexPoly(zone, torso, 255)
    up = -frame.down * frame.frontal_width * 0.35
    shoulders = [person.pt(i).astype(np.float64) for i in (L_SHOULDER, R_SHOULDER)]
    cv2.fillConvexPoly(zone, np.array([*shoulders, shoulders[1] + up, shoulders[0] + up], np.int32), 255)
    return zone


#: Limb radii at each joint, as shares of the frontal shoulder width (adult proportions).
_ARMS = (
    (L_SHOULDER, L_ELBOW, 0.15, 0.11),
    (R_SHOULDER, R_ELBOW, 0.15, 0.11),
    (L_ELBOW, L_WRIST, 0.11, 0.075),
    (R_ELBOW, R_WRIST, 0.11, 0.075),
)


_LEGS = (
    (L_HIP, L_KNEE, 0.21, 0.13),
    (R_HIP, R_KNEE, 0.21, 0.13),
    (L_KNEE, L_ANKLE, 0.13, 0.075),
    (R_KNEE, R_ANKLE, 0.13, 0.075),
)


def limbs(
    person: Person, frame: Frame, category: str
) -> tuple[NDArray[np.float32], tuple[NDArray[np.float32], NDArray[np.float32]]]:
    """The bare limbs a garment may uncover, as tapered cylinders along the bones.

    Returns how much of each pixel is limb (soft-edged) and the picture-right and down
    parts of the cylinders' unit surface normals (0 off the limbs: facing the camera),
    so rebuilt skin can be lit as a rounded form. A sleeve or trouser leg is
    wider than the limb inside it: what lies between the two is background, not skin.
    """
    w, h = person.size
    segments = _ARMS if category in (SwapTarget.TOP, SwapTarget.DRESS) else ()
    segments += _LEGS if category in (SwapTarget.BOTTOM, SwapTarget.DRESS) else ()
    nearest = np.full((h, w), np.inf, np.float32)  # distance from the bone over the radius there
    radius_px = np.ones((h, w), np.float32)
    tilt_x, tilt_y = np.zeros((h, w), np.float32), np.zeros((h, w), np.float32)
    scale = frame.frontal_width
    for a, b, ra, rb in segments:
        p, q = person.pt(a).astype(np.float32), person.pt(b).astype(np.float32)
        # Only the box round the bone can be inside this limb (or 1.5 px from its edge).
        reach = max(ra, rb) * scale + 2
        x0, y0 = (int(max(0, np.floor(v))) for v in np.minimum(p, q) - reach)
        x1, y1 = int(min(w, np.ceil(max(p[0], q[0]) + reach))), int(min(h, np.ceil(max(p[1], q[1]) + reach)))
        if x1 <= x0 or y1 <= y0:
            continue
        ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        v = q - p
        t = np.clip(((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / max(float(v @ v), 1e-6), 0, 1)
        radius = (ra + (rb - ra) * t) * scale
        off_x, off_y = xs - p[0] - t * v[0], ys - p[1] - t * v[1]
        relative = np.hypot(off_x, off_y) / radius
        box = slice(y0, y1), slice(x0, x1)
        closer = relative < nearest[box]
        nearest[box][closer] = relative[closer]
        radius_px[box][closer] = radius[closer]
        # Across the cylinder the surface turns from facing the camera to edge-on.
        np.copyto(tilt_x[box], np.clip(off_x / radius, -1, 1), where=closer)
        np.copyto(tilt_y[box], np.clip(off_y / radius, -1, 1), where=closer)
    inside = np.clip((1 - nearest) * radius_px / 1.5, 0, 1).astype(np.float32)
    return inside, (tilt_x, tilt_y)
