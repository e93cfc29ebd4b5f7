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


#: The scales (Gaussian sigma, shoulder widths) of the light the new garment takes on:
#: the old garment's lightness averaged at `BODY_LIGHT` over that averaged at
#: `BODY_BROAD`. A body's rounded light (the flanks turning away, the shade under the
#: chest) is about a shoulder width across; the old garment's folds, seams, print and
#: the edges between its colours are a tenth of that or less and average out, so a white
#: dress does not take a navy tank's creases on as grey blotches.
BODY_LIGHT = 0.1
BODY_BROAD = 0.3
#: How much of the old garment's finer folds (lightness at `FOLD` over that at
#: `BODY_LIGHT`) is kept: the new garment folds differently, so only a trace.
FOLD = 0.025
FOLD_SHARE = 0.2
#: How much of the light above the average is carried over (all of the shade below it).
LIT = 0.4
#: The old garment's rim (shoulder widths) is not measured: its seams, hems and the
#: soft edge against skin or backdrop are darker than the cloth, not shading.
RIM = 0.015


#: The bins (Lab, OpenCV's 8-bit scale) the old garment's colours are counted in to
#: find its main colour: a lightness bin as wide as a fold's shade, hue bins narrow.
COLOUR_BINS = np.array([48.0, 12.0, 12.0], np.float32)


def _main_colour(colours: NDArray[np.float32]) -> NDArray[np.float32]:
    """The most common colour of `colours` (N x 3 Lab): the median of the fullest bin's.

    Not the median of all: a white tee over blue trousers has a median colour that is
    neither, and with nothing of the garment near it the whole garment, logo and
    colour edges, was measured as light."""
    bins = np.floor(np.clip(colours, 0, 255) / COLOUR_BINS).astype(np.int32)
    keys = (bins[:, 0] * 32 + bins[:, 1]) * 32 + bins[:, 2]  # one number per bin
    fullest = colours[keys == int(np.argmax(np.bincount(keys)))]
    return np.median(fullest, axis=0).astype(np.float32)


def old_garment_shading(person: Person, old: NDArray[np.float32]) -> NDArray[np.float32]:
    """Light of the body under the old garment: its broad lightness over its smooth average.

    Measured within the old garment only, so the edge between a dark top and light
    skin or trousers is not mistaken for shading and printed onto the new garment; on
    its main colour only and away from its rim, so a print, a logo, a check's lines or a
    second old garment leave no patch on the new one. Only the body's rounded light is
    carried over in full (`BODY_LIGHT`), the old garment's own folds faintly
    (`FOLD_SHARE`), light above the average less than shade (`LIT`): the old creases,
    print edges and seams laid on a white garment stood as grey blotches.
    """
    lab = person.lab()
    lum = lab[:, :, 0] + 1
    s = person.shoulder_width
    if old.any():
        sparse = old[::3, ::3] > 0
        plain = old * near_colour(lab, _main_colour(lab[::3, ::3][sparse] if sparse.any() else lab[old > 0]))
        # A busy print with no main colour: its tones are no light, and none is carried.
        old_plain = plain
        rim = 2 * max(1, round(s * RIM)) + 1
        inner = cv2.erode(old_plain, np.ones((rim, rim), np.uint8))
        measured = inner if inner.sum() > 0.3 * old_plain.sum() else old_plain
    else:
        old_plain = measured = old
    fold = masked_blur(lum, measured, max(1.5, s * FOLD))
    body = masked_blur(lum, measured, max(3.0, s * BODY_LIGHT))
    broad = masked_blur(lum, measured, max(6.0, s * BODY_BROAD))
    # Where the main colour fills little of the neighbourhood (a busy print, a check),
    # the measure reads the print's tones, not light: none is carried over there.
    sigma = max(3.0, s * BODY_LIGHT)
    density = np.clip((blur(old_plain, sigma) / np.maximum(blur(old, sigma), 1e-3) - 0.6) * 3, 0, 1)
    folds = 1 + FOLD_SHARE * (np.clip(fold / np.maximum(body, 1.0), 0.85, 1.1) - 1)
    light = np.clip(body / np.maximum(broad, 1.0), 0.8, 1.15) * folds
    # Lit up less than shaded: a white garment has no room above it, and a light patch
    # read off a lighter tone of an old print stood on it as a blown-out spot.
    light = np.minimum(light, 1 + (light - 1) * LIT)
    ratio = 1 + (light - 1) * density
    spread = float(ratio[old > 0].std()) if old.any() else 0.0
    strength = 0.45 * float(np.clip(0.08 / max(spread, 1e-6), 0.35, 1.0))
    inside = blur(old, max(1.5, s * 0.03))
    return (1 + strength * (ratio - 1) * inside).astype(np.float32)


#: How broad (Gaussian sigma, shoulder widths) the light the bared skin takes from the
#: old garment is, and how far that light may stray from the garment's middle either way.
SKIN_LIGHT_BROAD = 0.3
SKIN_LIGHT_RANGE = (0.85, 1.1)
#: The old garment's main lightness (OpenCV 8-bit L) below which none of its light is
#: carried onto the bared skin, and above which all of it: on black or near-black cloth
#: the ratio of its lightness is its sheen, rib and the photo's noise, not the body's light
#: (a black cami's read 1.1 across the chest, a black floral shirt's 0.85: the chest
#: rebuilt 10% paler than the kept skin, or 15% darker than the bare arms).
SKIN_LIGHT_DARK = (30.0, 90.0)
#: How much of the neighbourhood the old garment's main colour must fill for its light
#: to count, as in `old_garment_shading` (a print's tones are no light).
SKIN_LIGHT_PLAIN = 0.6


def bared_light(person: Person, old: NDArray[np.float32]) -> NDArray[np.float32]:
    """The body's broad light read on the old garment (`old`, its mask), for the skin
    rebuilt where it was: its lightness averaged broadly over its median, clipped to
    `SKIN_LIGHT_RANGE`; 1 (no light) where its main colour fills little of the
    neighbourhood (a print) or is dark (`SKIN_LIGHT_DARK`).

    Read on all of the old garment's colours, a dark floral shirt's white flowers and a
    black top's sheen were taken for light and shade on the chest bared by a cami."""
    ones = np.ones(old.shape, np.float32)
    if not old.any():
        return ones
    lab = person.lab()
    lum = lab[:, :, 0] + 1
    sparse = old[::3, ::3] > 0
    main = _main_colour(lab[::3, ::3][sparse] if sparse.any() else lab[old > 0])
    level = float(np.clip((main[0] - SKIN_LIGHT_DARK[0]) / (SKIN_LIGHT_DARK[1] - SKIN_LIGHT_DARK[0]), 0, 1))
    plain = old * near_colour(lab, main)
    if level <= 0 or not plain.any():
        return ones
    sigma = max(4.0, person.shoulder_width * SKIN_LIGHT_BROAD)
    broad = masked_blur(lum, old, sigma)
    ratio = np.clip(broad / max(float(np.median(lum[old > 0])), 1.0), *SKIN_LIGHT_RANGE)
    density = np.clip((blur(plain, sigma) / np.maximum(blur(old, sigma), 1e-3) - SKIN_LIGHT_PLAIN) * 3, 0, 1)
    return (1 + (ratio - 1) * density * np.float32(level)).astype(np.float32)
