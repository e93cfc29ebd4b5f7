"""The backdrop's own detail on its refill.

Where the old clothes were wider than the new ones the backdrop is refilled with its
colour round about (`rebuild._backdrop_fill`: a Gaussian mean over the kept backdrop,
worked out at the analysis size and enlarged). That keeps its colour and gradient but
drops everything finer: on a plain studio wall it passes, on a grainy, tiled or barred one
(a painted wall, a window's grille, floor tiles, clouds) it stood as a blurred block beside
the body. Here what the mean dropped (the photo's backdrop less its own local mean, at the
refill's own scale) is mirrored in across the edge of the kept backdrop along each row, at full size:
next to that edge the refill is the backdrop's mirror image, further in its structure goes
on, and where the mirror falls on the person the smooth mean stays, faded into.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

#: The scale (shoulder widths) of the refill's own mean (`rebuild._backdrop_fill`): the
#: detail it drops is what lies finer than this.
DETAIL_SCALE = 0.1
#: How far round the rebuilt box (shoulder widths) the backdrop is read for the mirror.
DETAIL_ROOM = 0.4
#: How far (shoulder widths) the detail fades out where its mirror leaves the backdrop.
DETAIL_FADE = 0.02


def backdrop_detail(
    image: NDArray[np.uint8], backdrop: NDArray[np.bool_], region: NDArray[np.bool_], shoulder_width: float
) -> NDArray[np.float32]:
    """The colour offsets (h × w × 3) to add in `region` (the refilled backdrop): the
    `backdrop` pixels' colour less their own local mean, each taken from the pixel
    mirrored across the nearer kept backdrop along its row; 0 elsewhere, faded out where
    the mirror falls off the backdrop or off the picture. Along the rows, as the backdrop
    beside a body lies to its sides: a sill's or a tile's line goes straight on behind it.
    Mirrored across the nearest backdrop pixel in any direction instead, the mirror's
    jumps where that pixel jumps drew spiky bursts round the shoulders; copied from the
    nearest pixel itself, each drew a streak across the refill."""
    h, w = backdrop.shape
    out = np.zeros((h, w, 3), np.float32)
    if not region.any() or not backdrop.any():
        return out
    sigma = max(1.0, shoulder_width * DETAIL_SCALE)
    weight = cv2.GaussianBlur(backdrop.astype(np.float32), (0, 0), sigma)
    pixels = image.astype(np.float32) * backdrop[:, :, None]
    mean = cv2.GaussianBlur(pixels, (0, 0), sigma) / np.maximum(weight, 1e-3)[:, :, None]
    detail = (image.astype(np.float32) - mean) * backdrop[:, :, None]
    ys, xs = np.nonzero(region)
    cols = np.arange(w)
    left = np.maximum.accumulate(np.where(backdrop, cols, -1), axis=1)[ys, xs]
    right = np.minimum.accumulate(np.where(backdrop, cols, w)[:, ::-1], axis=1)[:, ::-1][ys, xs]
    # Across the nearer side's edge; a pixel with kept backdrop on neither side has none.
    edge = np.where((left >= 0) & ((right >= w) | (xs - left <= right - xs)), left, right)
    mx = 2 * edge - xs
    found = (edge >= 0) & (edge < w) & (mx >= 0) & (mx < w)
    found &= backdrop[ys, np.clip(mx, 0, w - 1)]
    out[ys[found], xs[found]] = detail[ys[found], mx[found]]
    # Faded where the mirror found nothing, never towards the kept backdrop, whose own
    # detail goes on into the refill.
    reached = backdrop.astype(np.float32)
    reached[ys[found], xs[found]] = 1
    fade = np.minimum(reached, cv2.GaussianBlur(reached, (0, 0), max(1.0, shoulder_width * DETAIL_FADE)))
    return out * fade[:, :, None]
