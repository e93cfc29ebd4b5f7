"""The bared chest's two rounded masses (pectorals, or the breasts' tops), lit as forms.

A chest bared by a low neckline was rebuilt as a cylinder with a faint relief of the
collarbones: one even colour from the old neckline down to the new one, a flat slab
below a neck that the photo's light shapes. A real chest shows two broad masses either
side of the breastbone, their upper slopes turned up to the light, their lower slopes
and the fold under them in shade, their outer sides turning away towards the armpits.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.skin import SkinLook, lit

#: Each mass's centre (shoulder widths from the shoulders' midpoint): `MASS_OUT` either
#: side of the midline, `MASS_DOWN` down the torso; its half widths across and down.
MASS_OUT = 0.2
MASS_DOWN = 0.3
MASS_HALF = (0.2, 0.18)
#: How steeply the mass's surface turns where it turns most (the normal's picture part
#: there), and where that is (shares of the half widths out from its top).
MASS_TURN = 0.7
MASS_SPREAD = 0.7
#: The fold under each mass: how much darker it is, how wide (shares of the mass's half
#: height) and how far below the mass's rim its middle lies.
FOLD_SHADE = 0.08
FOLD_WIDTH = 0.35
FOLD_BELOW = 0.1
#: The light's share on the forms, at the least: soft, frontal studio light reads as
#: none from the cheeks, yet still models a chest.
FORM_STRENGTH_LEAST = 0.6
#: How much of the light above the flat chest's the lit slopes keep, and of the shade
#: below it the shaded slopes: a full highlight on their tops read as a glowing,
#: inflated bulge, a full shade under them as a dark crescent in a deep neckline.
FORM_LIT = 0.4
FORM_SHADE = 0.85


def _pose_coordinates(
    shape: tuple[int, int],
    neck: NDArray[np.floating[Any]],
    right: NDArray[np.floating[Any]],
    down: NDArray[np.floating[Any]],
    shoulder_width: float,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Each pixel's place across (`u`) and down (`v`) the torso, in shoulder widths from
    the shoulders' midpoint `neck`."""
    h, w = shape
    s = np.float32(max(float(shoulder_width), 1.0))
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(neck[1])
    u = (xs * np.float32(right[0]) + ys * np.float32(right[1])) / s
    v = (xs * np.float32(down[0]) + ys * np.float32(down[1])) / s
    return u.astype(np.float32), v.astype(np.float32)


def chest_form(
    shape: tuple[int, int],
    neck: NDArray[np.floating[Any]],
    right: NDArray[np.floating[Any]],
    down: NDArray[np.floating[Any]],
    shoulder_width: float,
    look: SkinLook,
) -> NDArray[np.float32]:
    """The relative lightness (1: none) of the chest's two masses under the photo's
    light (`look`), placed from the pose: `neck` the shoulders' midpoint, `right` and
    `down` the torso's unit axes.

    Each mass is a dome whose normals tilt towards its rim, so the light from above lights
    its upper slope and shades its lower one; under its lower rim runs the fold's shade.
    Between the two the breastbone lies flat, a little darker than their lit tops."""
    u, v = _pose_coordinates(shape, neck, right, down, shoulder_width)
    ax, ay = MASS_HALF
    tilt_u = np.zeros(u.shape, np.float32)
    tilt_v = np.zeros(u.shape, np.float32)
    fold = np.zeros(u.shape, np.float32)
    for side in (-1.0, 1.0):
        du, dv = (u - np.float32(side * MASS_OUT)) / np.float32(ax), (v - np.float32(MASS_DOWN)) / np.float32(ay)
        reach = np.sqrt(du * du + dv * dv)
        # A Gaussian mound: the surface turns most at `MASS_SPREAD` of its half widths out
        # and eases back flat into the torso round it, with no line anywhere (a dome's
        # rim, turned at once, stood as a drawn outline).
        turn = np.float32(MASS_TURN * np.exp(0.5)) * np.exp(-0.5 * (reach / MASS_SPREAD) ** 2) / MASS_SPREAD
        tilt_u += (turn * du).astype(np.float32)
        tilt_v += (turn * dv).astype(np.float32)
        # The fold: a band just past the lower rim, on the mass's lower half only.
        under = np.clip(dv / np.maximum(reach, 1e-3), 0, 1)
        band = np.exp(-0.5 * ((reach - 1 - FOLD_BELOW) / FOLD_WIDTH) ** 2)
        fold = np.maximum(fold, (under**2 * band).astype(np.float32))
    tilt_x = tilt_u * np.float32(right[0]) + tilt_v * np.float32(down[0])
    tilt_y = tilt_u * np.float32(right[1]) + tilt_v * np.float32(down[1])
    strong = SkinLook(look.light, max(look.strength, FORM_STRENGTH_LEAST), look.grain, look.mottle)
    shade = lit(tilt_x.astype(np.float32), tilt_y.astype(np.float32), strong)
    shade = 1 + (shade - 1) * np.where(shade > 1, np.float32(FORM_LIT), np.float32(FORM_SHADE))
    shade *= 1 - FOLD_SHADE * fold
    return shade.astype(np.float32)
