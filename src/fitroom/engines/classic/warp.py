"""Garment parts warped onto the photo (by `fit`'s warps), each held only over the box it
covers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic import fit
from fitroom.engines.classic.boxes import Box, around, bounds, box_slices, clip


@dataclass
class Layer:
    """One warped garment part, held only over the box of the photo it covers.

    A sleeve is a small part of the picture; warping and blending it at full size would
    cost as much as the whole torso.
    """

    colour: NDArray[np.float32]  # (h, w, 3)
    alpha: NDArray[np.float32]  # (h, w), 0..1
    x: int  # the box's top-left corner in the photo
    y: int

    @property
    def box(self) -> Box:
        return self.x, self.y, self.x + self.alpha.shape[1], self.y + self.alpha.shape[0]

    @property
    def slices(self) -> tuple[slice, slice]:
        return box_slices(self.box)

    def within(self, box: Box) -> tuple[tuple[slice, slice], tuple[slice, slice]] | None:
        """Where the layer and `box` overlap, as slices into the layer and into `box`;
        None when they do not meet."""
        x0, y0, x1, y1 = box
        lx0, ly0, lx1, ly1 = self.box
        cx0, cy0, cx1, cy1 = max(lx0, x0), max(ly0, y0), min(lx1, x1), min(ly1, y1)
        if cx1 <= cx0 or cy1 <= cy0:
            return None
        return (
            (slice(cy0 - ly0, cy1 - ly0), slice(cx0 - lx0, cx1 - lx0)),
            (slice(cy0 - y0, cy1 - y0), slice(cx0 - x0, cx1 - x0)),
        )


def alpha3(alpha: NDArray[np.float32]) -> NDArray[np.float32]:
    """`alpha` (h, w) in three channels, to weigh a colour by: numpy's products over a
    three-long last axis broadcast from one cost three times OpenCV's on the channels
    laid side by side (the same products, to the bit)."""
    return cv2.merge([alpha, alpha, alpha])


def laid_over(
    under: NDArray[np.float32], colour: NDArray[np.float32], alpha: NDArray[np.float32]
) -> NDArray[np.float32]:
    """`colour` laid over `under` by `alpha` (h, w): under × (1 − alpha) + colour × alpha,
    each product rounded, then the sum, as numpy works it out."""
    a = alpha3(alpha)
    return cv2.add(cv2.multiply(under, 1 - a), cv2.multiply(colour, a))


def _layer(colour: NDArray[np.float32], alpha: NDArray[np.float32], box: Box) -> Layer | None:
    """A layer trimmed to where its alpha is not nil; None when it covers nothing."""
    found = bounds(alpha > 0.002)
    if found is None:
        return None
    x0, y0, x1, y1 = found
    window = slice(y0, y1), slice(x0, x1)
    return Layer(colour[window], alpha[window], box[0] + x0, box[1] + y0)


def tps_layer(
    rgb: NDArray[np.uint8],
    alpha: NDArray[np.float32],
    src: list[Any],
    dst: list[Any],
    pad: float,
    size: tuple[int, int],
) -> Layer | None:
    """A thin-plate-spline warp of the garment computed only round its destination points."""
    box = around(np.array(dst), pad, size)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    maps = fit.tps_map(np.array(src), np.array(dst), (x1 - x0, y1 - y0), origin=(x0, y0))
    colour, warped = fit.warp_rgba(rgb, alpha, maps)
    return _layer(colour, warped, box)


def affine_layer(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], matrix: NDArray[np.float64], size: tuple[int, int]
) -> Layer | None:
    """A rigid warp of the garment part `alpha` selects, computed only where it lands."""
    source = bounds(alpha)
    if source is None:
        return None
    box = clip(fit.affine_box(matrix, source), size)
    if box is None:
        return None
    colour, warped = fit.affine_rgba(rgb, alpha, matrix, box)
    return _layer(colour, warped, box)


def rows_above(layer: Layer, row: int) -> Layer | None:
    """The part of `layer` above the photo's `row` (a view, not a copy); None where it
    has none."""
    keep = min(row - layer.y, layer.alpha.shape[0])
    if keep <= 0:
        return None
    return Layer(layer.colour[:keep], layer.alpha[:keep], layer.x, layer.y)
