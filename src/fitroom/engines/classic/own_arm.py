"""A rebuilt upper arm in the colour of the person's own bare arm below the old sleeve.

Bared from a short sleeve, an upper arm took the tone read off the face and neck (lit,
made up, paler than the arms) and the old sleeve's broad light: under a sleeveless dress
on `cat--049713_0`, a peach block 40 levels of L (8-bit) lighter than the brown forearm
below the old tee's hem.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.person import (
    L_ELBOW,
    L_SHOULDER,
    L_WRIST,
    R_ELBOW,
    R_SHOULDER,
    R_WRIST,
    Person,
    plausible_skin,
)

#: How far from the arm's bones (shoulder widths) its own skin is read and its colour
#: laid: the arm, not the torso beside it.
OWN_ARM_ACROSS = 0.09
#: How much of the arm's own skin (square shoulder widths) must show to be read: less is
#: a wrist between cuff and hand, or a rim of the sleeve's soft edge.
OWN_ARM_LEAST = 0.004
#: How far in hue (Lab a, b) from the person's skin tone the arm's pixels may be: as wide
#: as a hand's (arms are redder and browner than a lit face), not a sleeve's colour.
OWN_ARM_HUE = 16.0
#: The share of the arm's pixels darker than the lightness taken: its lit middle, as the
#: rebuilt arm's middle is lit.
OWN_ARM_LIGHTNESS = 0.6
#: Where down the upper arm (shares of shoulder to elbow) the own arm's colour is laid:
#: in full from the first on, fading to the body's tone up to the second, over the
#: shoulder's cap. Faded out at the joint, the cap stayed a peach block over a tan arm.
OWN_ARM_SPAN = (0.1, -0.35)
#: Across (shares of `OWN_ARM_ACROSS` from the bone): in full over the upper arm and its
#: rim out to the first, fading into the body's tone by the second. Faded over half a
#: share (1.5 to 2), a darker own arm met a cami's face-toned chest in a hard diagonal
#: line over each shoulder (`cat--049713_0`).
OWN_ARM_BLEND = (1.5, 3.0)
#: Pixels of room round the box the arm's colour is read and laid in, past `OWN_ARM_BLEND`'s
#: reach (nothing there is read or laid: rounding's margin).
OWN_ARM_PAD = 2


def from_own_arms(
    person: Person, tone: NDArray[np.float32], old: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """`tone` (Lab per pixel) with each upper arm whose own bare skin shows beyond the
    `old` garment (below a short sleeve's hem; not the hands) taking that skin's
    colour, in full from a tenth of the way down to the elbow, fading into `tone` over the
    shoulder's cap; and how much of each pixel took it (0..1)."""
    h, w = old.shape
    s = person.shoulder_width
    lab = person.lab()
    skin = (person.mask > 0.5) & (person.hands == 0) & plausible_skin(lab)
    edge = 2 * max(1, int(s * 0.012)) + 1
    skin &= cv2.dilate((old > 0).astype(np.uint8), np.ones((edge, edge), np.uint8), iterations=2) == 0
    skin &= np.hypot(lab[:, :, 1] - person.skin_lab[1], lab[:, :, 2] - person.skin_lab[2]) < OWN_ARM_HUE
    ys = np.arange(h, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    out = tone
    weights = np.zeros((h, w), np.float32)
    full, none = (k * s * OWN_ARM_ACROSS for k in OWN_ARM_BLEND)
    for shoulder, elbow, wrist in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        if not person.visible(shoulder, elbow):
            continue
        a, b = person.pt(shoulder).astype(np.float32), person.pt(elbow).astype(np.float32)
        c = person.pt(wrist).astype(np.float32) if person.visible(elbow, wrist) else None
        # Everything read or laid lies within `none` of the bones (the arm's band is
        # narrower): worked out in the box round them, the same pixels as over the photo.
        ends = np.array([a, b] if c is None else [a, b, c], np.float32)
        x0, y0 = np.maximum(np.floor(ends.min(axis=0) - none).astype(int) - OWN_ARM_PAD, 0)
        x1, y1 = np.minimum(np.ceil(ends.max(axis=0) + none).astype(int) + OWN_ARM_PAD + 1, (w, h))
        if x1 <= x0 or y1 <= y0:
            continue
        box = slice(y0, y1), slice(x0, x1)
        bx, by = xs[:, x0:x1], ys[y0:y1]
        upper = _along(bx, by, a, b)
        arm = (upper[1] < s * OWN_ARM_ACROSS) & (upper[0] >= 0) & (upper[0] <= 1)
        if c is not None:
            fore = _along(bx, by, b, c)
            arm |= (fore[1] < s * OWN_ARM_ACROSS) & (fore[0] >= 0) & (fore[0] <= 1)
        seen = arm & skin[box]
        if np.count_nonzero(seen) < OWN_ARM_LEAST * s * s:
            continue
        colours = lab[box][seen]
        colour = np.array(
            [np.quantile(colours[:, 0], OWN_ARM_LIGHTNESS), np.median(colours[:, 1]), np.median(colours[:, 2])],
            np.float32,
        )
        t, off = upper
        down = np.clip((t - OWN_ARM_SPAN[1]) / (OWN_ARM_SPAN[0] - OWN_ARM_SPAN[1]), 0, 1)
        across = np.clip((none - off) / max(1.0, none - full), 0, 1)
        weight = (down * down * (3 - 2 * down) * across * (t <= 1.1)).astype(np.float32)
        np.maximum(weights[box], weight, out=weights[box])
        if out is tone:
            out = tone.copy()
        out[box] = out[box] * (1 - weight[:, :, None]) + colour * weight[:, :, None]
    return np.asarray(out, np.float32), weights


def _along(
    xs: NDArray[np.float32], ys: NDArray[np.float32], p: NDArray[np.float32], q: NDArray[np.float32]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Each pixel's place along the bone from `p` to `q` (0 at `p`, 1 at `q`) and its
    distance from the bone (pixels)."""
    v = q - p
    t = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / max(float(v @ v), 1e-6)
    c = np.clip(t, 0, 1)
    return t, np.hypot(xs - p[0] - c * v[0], ys - p[1] - c * v[1])
