"""The photo's folds and light, measured on the old garment, for the new one to take on."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.colour import near_colour
from fitroom.engines.classic.person import Person


def blur(image: NDArray[np.float32], sigma: float) -> NDArray[np.float32]:
    """Gaussian blur; wide ones on a smaller copy, which is as smooth and far cheaper."""
    factor = int(sigma // 2.5)
    if factor < 2:
        return cv2.GaussianBlur(image, (0, 0), sigma)
    h, w = image.shape[:2]
    small = cv2.resize(image, (max(1, w // factor), max(1, h // factor)), interpolation=cv2.INTER_AREA)
    return cv2.resize(cv2.GaussianBlur(small, (0, 0), sigma / factor), (w, h), interpolation=cv2.INTER_LINEAR)


def masked_blur(values: NDArray[np.float32], weight: NDArray[np.float32], sigma: float) -> NDArray[np.float32]:
    """Gaussian average of `values` over the pixels `weight` selects (normalised convolution)."""
    total = blur(values * weight, sigma)
    norm = blur(weight, sigma)
    return total / np.maximum(norm, 1e-3)


def old_garment_shading(person: Person, old: NDArray[np.float32]) -> NDArray[np.float32]:
    """Folds and light of the old garment: its local brightness over its smooth average.

    Measured within the old garment only, so the edge between a dark top and light
    skin or trousers is not mistaken for a fold and printed onto the new garment. A
    printed, striped or checked old garment varies far more than folds do: its variation
    is carried over more weakly, so its pattern does not ghost through the new one; and
    it is measured on the garment's main colour only, so a print or logo on it (a light
    patch on a dark top) leaves no light patch on the new one.
    """
    lab = person.lab()
    lum = lab[:, :, 0] + 1
    s = person.shoulder_width
    if old.any():
        sparse = old[::3, ::3] > 0
        main = np.median(lab[::3, ::3][sparse] if sparse.any() else lab[old > 0], axis=0)
        plain = old * near_colour(lab, main)
        old_plain = plain if plain.sum() > 0.3 * old.sum() else old
    else:
        old_plain = old
    sigma = max(1.5, s * 0.025)
    fine = masked_blur(lum, old_plain, sigma)
    broad = masked_blur(lum, old_plain, max(4.0, s * 0.15))
    # Where little of the main colour is near (a busy print), the measure is noise.
    density = np.clip(blur(old_plain, sigma) / np.maximum(blur(old, sigma), 1e-3) * 2 - 0.6, 0, 1)
    ratio = 1 + (np.clip(fine / np.maximum(broad, 1.0), 0.8, 1.15) - 1) * density
    spread = float(ratio[old > 0].std()) if old.any() else 0.0
    strength = 0.45 * float(np.clip(0.08 / max(spread, 1e-6), 0.35, 1.0))
    inside = blur(old, max(1.5, s * 0.03))
    return (1 + strength * (ratio - 1) * inside).astype(np.float32)
