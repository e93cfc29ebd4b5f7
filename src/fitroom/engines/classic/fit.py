"""Warps that carry garment pixels onto the body: a thin-plate spline for the torso panel,
rigid (rotation + uniform scale) pieces for sleeves, so prints are never sheared or mirrored.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

Points = NDArray[np.float64]


def _tps_kernel(r2: NDArray[np.float64]) -> NDArray[np.float64]:
    """r² log r², 0 where r is 0 (the logarithm is taken only where it is defined)."""
    k = np.zeros_like(r2)
    np.log(r2, out=k, where=r2 > 0)
    k *= r2
    return k


def _squared_distances(points: NDArray[np.float64], centres: Points) -> NDArray[np.float64]:
    """Squared distance from each point (rows) to each centre (columns): the two axes'
    squares summed as two arrays, not over a third axis of two (far slower in numpy)."""
    dx = points[:, 0, None] - centres[None, :, 0]
    dy = points[:, 1, None] - centres[None, :, 1]
    dx *= dx
    dy *= dy
    dx += dy
    return dx


def tps_map(
    src: Points,
    dst: Points,
    size: tuple[int, int],
    *,
    origin: tuple[int, int] = (0, 0),
    step: int = 8,
    smooth: float = 1e-3,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """cv2.remap maps sending each output pixel (near `dst`) back to the source (near `src`).

    The maps cover the `size` box whose top-left corner is `origin` in `dst` coordinates,
    so a warp is computed only where the garment lands. The spline is fitted from
    destination to source (the inverse warp remap needs), evaluated on a coarse grid and
    interpolated, which is smooth and fast.
    """
    n = len(dst)
    d2 = _squared_distances(dst, dst)
    k = _tps_kernel(d2) + smooth * np.eye(n)
    p = np.hstack([np.ones((n, 1)), dst])
    a = np.zeros((n + 3, n + 3))
    a[:n, :n], a[:n, n:], a[n:, :n] = k, p, p.T
    b = np.zeros((n + 3, 2))
    b[:n] = src
    coeffs = np.linalg.solve(a, b)
    w, h = size
    gx, gy = np.meshgrid(
        np.arange(0, w + step, step, dtype=np.float64) + origin[0],
        np.arange(0, h + step, step, dtype=np.float64) + origin[1],
    )
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)
    g2 = _squared_distances(grid, dst)
    mapped = _tps_kernel(g2) @ coeffs[:n] + np.hstack([np.ones((len(grid), 1)), grid]) @ coeffs[n:]
    coarse_x = mapped[:, 0].reshape(gx.shape).astype(np.float32)
    coarse_y = mapped[:, 1].reshape(gx.shape).astype(np.float32)
    # Bilinear interpolation of the coarse grid at every pixel: pixel (x, y) reads the grid
    # at (x / step, y / step).
    shrink = np.array([[1 / step, 0, 0], [0, 1 / step, 0]])
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    map_x = cv2.warpAffine(coarse_x, shrink, (w, h), flags=flags, borderMode=cv2.BORDER_REPLICATE)
    map_y = cv2.warpAffine(coarse_y, shrink, (w, h), flags=flags, borderMode=cv2.BORDER_REPLICATE)
    return map_x, map_y


def similarity(src_from: Points, src_to: Points, dst_from: Points, dst_to: Points, scale: float) -> NDArray[np.float64]:
    """2×3 matrix: rotate and scale by `scale` about `src_from`, land it on `dst_from`,
    turning the direction src_from→src_to onto dst_from→dst_to."""
    a = np.arctan2(*(src_to - src_from)[::-1])
    b = np.arctan2(*(dst_to - dst_from)[::-1])
    theta = b - a
    c, s = np.cos(theta) * scale, np.sin(theta) * scale
    m = np.array([[c, -s, 0.0], [s, c, 0.0]])
    m[:, 2] = dst_from - m[:, :2] @ src_from
    return m


def stretch(src_from: Points, src_to: Points, dst_from: Points, dst_to: Points, across: float) -> NDArray[np.float64]:
    """2×3 matrix landing `src_from` on `dst_from` and `src_to` on `dst_to`, scaled by
    `across` at right angles to that line: a long sleeve's forearm part lengthened or
    shortened to end at the wrist keeps its width, and its print is never sheared or
    mirrored (scaled along the sleeve only)."""
    span = src_to - src_from
    length = max(float(np.linalg.norm(span)), 1e-6)
    u = span / length
    basis = np.array([u, [-u[1], u[0]]]).T
    along = float(np.linalg.norm(dst_to - dst_from)) / length
    scaled = basis @ np.diag([along, across]) @ basis.T
    turn = np.arctan2(*(dst_to - dst_from)[::-1]) - np.arctan2(*span[::-1])
    rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    m = np.zeros((2, 3))
    m[:, :2] = rotation @ scaled
    m[:, 2] = dst_from - m[:, :2] @ src_from
    return m


def warp_rgba(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], maps: tuple[NDArray[np.float32], NDArray[np.float32]]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Remap colour and alpha; pixels mapped from outside the source become transparent."""
    colour = cv2.remap(rgb, maps[0], maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    a = cv2.remap(alpha, maps[0], maps[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return colour.astype(np.float32), a


def affine_box(matrix: NDArray[np.float64], box: tuple[int, int, int, int], pad: int = 2) -> tuple[int, int, int, int]:
    """The box (x0, y0, x1, y1) that the source box lands in under `matrix`, padded."""
    x0, y0, x1, y1 = box
    corners = np.array([(x0, y0, 1), (x1, y0, 1), (x0, y1, 1), (x1, y1, 1)], np.float64) @ matrix.T
    low, high = np.floor(corners.min(axis=0)) - pad, np.ceil(corners.max(axis=0)) + pad
    return int(low[0]), int(low[1]), int(high[0]), int(high[1])


def affine_rgba(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], matrix: NDArray[np.float64], box: tuple[int, int, int, int]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Warp colour and alpha into the destination box (x0, y0, x1, y1) only."""
    shifted = matrix.copy()
    shifted[:, 2] -= box[:2]
    size = (box[2] - box[0], box[3] - box[1])
    colour = cv2.warpAffine(rgb, shifted, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    a = cv2.warpAffine(alpha, shifted, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    return colour.astype(np.float32), a
