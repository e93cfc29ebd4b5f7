"""Boxes in the photo, (x0, y0, x1, y1): every stage works only in the box round what it
changes, as a garment part or a hand is a small part of the picture."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the photo


def box_slices(box: tuple[int, int, int, int]) -> tuple[slice, slice]:
    """The rows and columns of an (x0, y0, x1, y1) box, to index an image with."""
    return slice(box[1], box[3]), slice(box[0], box[2])


def clip(box: Box, size: tuple[int, int]) -> Box | None:
    """The part of `box` inside a photo of `size`; None when nothing of it is."""
    x0, y0, x1, y1 = box
    w, h = size
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def around(points: NDArray[np.float64], pad: float, size: tuple[int, int]) -> Box | None:
    """The photo's box round `points`, `pad` pixels wider on every side."""
    low, high = np.floor(points.min(axis=0) - pad), np.ceil(points.max(axis=0) + pad)
    return clip((int(low[0]), int(low[1]), int(high[0]), int(high[1])), size)


def bounds(mask: NDArray[np.generic], pad: int = 0) -> Box | None:
    """The box round the mask's non-zero pixels, `pad` wider on every side but inside the
    mask's own frame; None when there are none."""
    cols, rows = np.flatnonzero(mask.any(axis=0)), np.flatnonzero(mask.any(axis=1))
    if len(cols) == 0:
        return None
    h, w = mask.shape[:2]
    return (
        max(0, int(cols[0]) - pad),
        max(0, int(rows[0]) - pad),
        min(w, int(cols[-1]) + 1 + pad),
        min(h, int(rows[-1]) + 1 + pad),
    )
