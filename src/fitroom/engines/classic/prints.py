"""A printed old garment (a geometric, floral or animal print, a check of four or more
colours) told by its colour variety: its colours lie close together, many in any small
window, where plain cloth, skin and a backdrop hold one colour with its shading."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.colour import GARMENT_WEIGHTS

#: The side of the window a pixel's colour variety is read over, in torso widths: a
#: print's motif or two across.
PRINT_WINDOW = 0.06
#: A window whose colours spread this far (root mean square, Lab weighed by
#: `GARMENT_WEIGHTS`) round their mean is print: shaded plain cloth, skin and a knit's
#: ripple stay under it.
PRINT_SPREAD = 16.0
#: A worn garment is a print when this share of its found part, away from its edges, is busy.
PRINTED_SHARE = 0.5


def colour_spread(lab: NDArray[np.float32], s: float, where: NDArray[np.bool_] | None = None) -> NDArray[np.float32]:
    """Per pixel, how far the colours in the window round it (`PRINT_WINDOW` of the torso
    width `s`) spread round their mean: box filters of the colours and their squares, so
    its cost does not grow with the window. With `where`, only its pixels are read and
    spread (0 elsewhere): a finger against the backdrop is then no busier than the rest
    of the hand."""
    side = max(3, int(s * PRINT_WINDOW) | 1)
    spread = np.zeros(lab.shape[:2], np.float32)
    share = None if where is None else where.astype(np.float32)
    count = None if share is None else np.maximum(cv2.blur(share, (side, side)), np.float32(1e-6))
    for channel, weight in enumerate(GARMENT_WEIGHTS):
        values = np.ascontiguousarray(lab[..., channel], dtype=np.float32)
        if share is None or count is None:
            mean = cv2.blur(values, (side, side))
            square = cv2.blur(values * values, (side, side))
        else:
            mean = cv2.blur(values * share, (side, side)) / count
            square = cv2.blur(values * values * share, (side, side)) / count
        spread += weight * np.maximum(square - mean * mean, 0)
    spread = np.sqrt(spread)
    return spread if where is None else np.where(where, spread, np.float32(0))


def busy(lab: NDArray[np.float32], s: float, where: NDArray[np.bool_] | None = None) -> NDArray[np.bool_]:
    """Where the colours are a print's (`colour_spread` over `PRINT_SPREAD`, over `where`
    only when given)."""
    return colour_spread(lab, s, where) > PRINT_SPREAD


def printed(busy_map: NDArray[np.bool_], found: NDArray[np.bool_], s: float) -> bool:
    """Whether the garment found at `found` is a print: over `PRINTED_SHARE` of it, a
    window's width in from its edges (where any garment meets skin or backdrop), is busy.
    Its holes (a print's colours its main ones missed) are closed first: eroded, the
    found part of a print is lace."""
    side = max(3, int(s * PRINT_WINDOW) | 1)
    square = np.ones((side, side), np.uint8)
    whole = cv2.morphologyEx(found.astype(np.uint8), cv2.MORPH_CLOSE, square)
    inner = cv2.erode(whole, square) > 0
    count = np.count_nonzero(inner)
    return count > 0 and np.count_nonzero(busy_map & inner) > PRINTED_SHARE * count
