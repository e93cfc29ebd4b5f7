"""What the person already wears where an accessory goes.

A second pair of glasses drawn over the person's own is wrong to any shopper, and the old
frame cannot be painted out believably (filled from the skin round it, it stays as a pale
ghost of its outline round the new lenses): such a photo is refused with the reason.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.accessories import landmarks as lm

#: Face mesh points of the lower eyelids' middles (the person's right, then left).
LOWER_LIDS = (145, 374)
#: Between the brows, and the nose's middle: the glasses' bridge crosses the line between them.
GLABELLA, NOSE_MIDDLE = 9, 195
#: How much darker (Lab lightness, 0..100) than the skin on both sides of it a line
#: must be to be a frame's rim: the nose's bridge and both lower rims, each. On the 51
#: devset faces the four wearing glasses measure at least 23 (bridge) and 22 (rims);
#: of the others, no face reaches 17 under both eyes, and its bridge at most 18.
BRIDGE_DIP, RIM_DIP = 20.0, 17.0


def _profile(
    lightness: NDArray[np.float32], start: NDArray[np.float64], end: NDArray[np.float64], half: float
) -> NDArray[np.float32]:
    """The lightness along the line from `start` to `end`, the median across a strip `half` wide each side."""
    along = end - start
    unit = along / max(float(np.linalg.norm(along)), 1e-9)
    normal = np.array([-unit[1], unit[0]])
    steps = np.linspace(0.0, 1.0, 60)[:, None]
    across = np.linspace(-half, half, 7)[None, :]
    xs = start[0] + steps * along[0] + across * normal[0]
    ys = start[1] + steps * along[1] + across * normal[1]
    samples = cv2.remap(lightness, xs.astype(np.float32), ys.astype(np.float32), cv2.INTER_LINEAR)
    return np.median(samples, axis=1).astype(np.float32)


def deepest_dip(profile: NDArray[np.float32]) -> float:
    """How far the profile falls below the lighter of its two sides at its darkest thin
    line: a frame's rim across skin dips deep; a smooth shadow does not."""
    reach = max(3, len(profile) // 6)
    best = 0.0
    for i in range(1, len(profile) - 1):
        before = float(profile[max(0, i - reach) : i].max())
        after = float(profile[i + 1 : i + 1 + reach].max())
        best = max(best, min(before, after) - float(profile[i]))
    return best


def wears_glasses(image: NDArray[np.uint8], face: lm.Face) -> bool:
    """Whether a frame crosses the nose between the eyes and runs under both eyes."""
    lightness = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32) * (100 / 255)

    def point(index: int) -> NDArray[np.float64]:
        return np.asarray(face.pt(index), np.float64)

    width = max(face.width, 1.0)
    down = point(lm.CHIN) - point(lm.FOREHEAD)
    down /= max(float(np.linalg.norm(down)), 1e-9)
    bridge = deepest_dip(_profile(lightness, point(GLABELLA), point(NOSE_MIDDLE), width * 0.03))
    if bridge < BRIDGE_DIP:
        return False
    for lid in LOWER_LIDS:
        start = point(lid) + down * width * 0.02
        if deepest_dip(_profile(lightness, start, start + down * width * 0.25, width * 0.04)) < RIM_DIP:
            return False
    return True
