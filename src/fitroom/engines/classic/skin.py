"""Skin where the old clothes were, made to look like the person's own.

Rebuilt arms, legs and midriffs were one even colour: plastic. Here they are shaded as
the rounded forms they are under the photo's light (its direction and strength read
from the two cheeks and the visible skin), mottled and grained like the person's own
visible skin, and darkened a little where the new garment ends on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.person import (
    L_EYE,
    MOUTH_L,
    MOUTH_R,
    NOSE,
    R_EYE,
    Person,
    plausible_skin,
)


@dataclass(frozen=True)
class SkinLook:
    """How the person's own skin looks in this photo."""

    light: tuple[float, float, float]  # unit vector towards the light: picture right, down, towards the camera
    strength: float  # share of the light that comes from that direction (the rest is ambient)
    grain: float  # fine texture: std of luminance over its local mean
    mottle: tuple[float, float, float]  # broad variation of L, a, b (OpenCV 8-bit Lab units)
    tone: tuple[float, float, float] | None = None  # the body's own skin colour (Lab), None: the face's


#: A studio's soft light from the front and a little above: used where no face is seen.
DEFAULT = SkinLook(light=(0.0, -0.35, 0.94), strength=0.3, grain=0.012, mottle=(2.0, 1.0, 1.0))


def _robust_std(values: NDArray[np.float32]) -> float:
    """Std from the median absolute deviation: eyes, brows and outlines do not count."""
    return float(1.4826 * np.median(np.abs(values - np.median(values)))) if len(values) else 0.0


def _cheeks(person: Person) -> tuple[float, float] | None:
    """Mean luminance of the cheek on the picture's left and on its right."""
    if person.visibility[NOSE] < 0.5 or min(person.visibility[L_EYE], person.visibility[R_EYE]) < 0.5:
        return None
    points = person.points
    eyes = (points[L_EYE] + points[R_EYE]) / 2
    mouth = (points[MOUTH_L] + points[MOUTH_R]) / 2
    span = float(np.linalg.norm(points[L_EYE] - points[R_EYE]))
    radius = max(2, int(span * 0.2))
    h, w = person.image.shape[:2]
    values = []
    for side in (L_EYE, R_EYE):
        x, y = (points[side] * 0.6 + mouth * 0.4 + (points[side] - eyes) * 0.2).astype(int)
        patch = person.image[max(0, y - radius) : min(h, y + radius), max(0, x - radius) : min(w, x + radius)]
        if patch.size == 0:
            return None
        values.append((float(x), float(cv2.cvtColor(patch, cv2.COLOR_RGB2LAB)[:, :, 0].mean())))
    (_, left), (_, right) = sorted(values)
    return left, right


def look(person: Person, own: NDArray[np.bool_]) -> SkinLook:
    """The light on the person, and the colour and texture of their skin, from the
    cheeks and `own` (the person's visible skin, at the photo's full size). The colour
    is the body's (neck, arms, legs) where enough of it shows: a lit, made-up face is
    often lighter and pinker than the body."""
    light, strength = DEFAULT.light, DEFAULT.strength
    cheeks = _cheeks(person)
    if cheeks is not None:
        left, right = cheeks
        # One cheek brighter than the other: the light comes from its side.
        side = float(np.clip((right - left) / max(left + right, 1.0) * 6, -0.75, 0.75))
        up = DEFAULT.light[1]
        towards = float(np.sqrt(max(0.05, 1 - side**2 - up**2)))
        norm = float(np.sqrt(side**2 + up**2 + towards**2))
        light = (side / norm, up / norm, towards / norm)
        strength = float(np.clip(0.25 + abs(side) * 0.4, 0.25, 0.5))
    if np.count_nonzero(own) < 200:
        return SkinLook(light, strength, DEFAULT.grain, DEFAULT.mottle)
    ys, xs = np.nonzero(own)
    box = slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1)
    inside = cv2.erode(own[box].astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    if np.count_nonzero(inside) < 100:
        return SkinLook(light, strength, DEFAULT.grain, DEFAULT.mottle)
    lum = cv2.cvtColor(person.image[box], cv2.COLOR_RGB2GRAY).astype(np.float32)
    local = cv2.GaussianBlur(lum, (0, 0), 1.5)
    grain = _robust_std((lum - local)[inside]) / max(float(np.median(lum[inside])), 1.0)
    # Colour and broad variation are smooth: measured on a copy shrunk to about 64 px a
    # shoulder width. Broad variation is what remains at a scale of a few percent of the
    # body, not the shading across a limb (that is drawn from the light).
    factor = max(1, int(person.shoulder_width // 64))
    h, w = inside.shape
    size = (max(1, w // factor), max(1, h // factor))
    lab = cv2.cvtColor(cv2.resize(person.image[box], size, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2LAB).astype(np.float32)
    small = cv2.resize(inside.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    if np.count_nonzero(small) < 30:
        return SkinLook(light, strength, float(np.clip(grain, 0.004, 0.05)), DEFAULT.mottle)
    sigma = max(1.0, person.shoulder_width * 0.02 / factor)
    broad = cv2.GaussianBlur(lab, (0, 0), sigma) - cv2.GaussianBlur(lab, (0, 0), sigma * 4)
    mottle = tuple(float(np.clip(_robust_std(broad[:, :, c][small]), 0.3, limit)) for c, limit in ((0, 4.0), (1, 2.0), (2, 2.0)))
    body = small & (cv2.resize(person.face[box], size, interpolation=cv2.INTER_NEAREST) == 0)
    body &= cv2.resize(person.hands[box], size, interpolation=cv2.INTER_NEAREST) == 0
    # Only clearly skin-hued pixels: a white shirt's shadows or grey trousers pass the
    # looser skin test, and would turn the rebuilt skin grey.
    hue = np.hypot(lab[:, :, 1] - person.skin_lab[1], lab[:, :, 2] - person.skin_lab[2])
    body &= plausible_skin(lab) & (hue < 8)
    tone = None
    if np.count_nonzero(body) >= 30:
        tone = tuple(float(v) for v in np.median(lab[body], axis=0))
    return SkinLook(light, strength, float(np.clip(grain, 0.004, 0.05)), mottle, tone)  # type: ignore[arg-type]


def lit(normal: NDArray[np.float32], look: SkinLook) -> NDArray[np.float32]:
    """Brightness of a surface with these normals (h, w, 3: picture right, down, towards
    the camera) under the light, 1 where it faces the camera. The light wraps a little
    round the form, as soft light does, so the shadow side fades rather than ends."""
    lx, ly, lz = look.light
    facing = normal[:, :, 0] * lx + normal[:, :, 1] * ly + normal[:, :, 2] * lz
    wrap = 0.4
    direct = np.clip((facing + wrap) / (1 + wrap), 0, 1)
    front = (lz + wrap) / (1 + wrap)
    ambient = 1 - look.strength
    return ((ambient + look.strength * direct) / (ambient + look.strength * front)).astype(np.float32)


def noise(shape: tuple[int, int], sigma: float, seed: int) -> NDArray[np.float32]:
    """Smooth random variation of unit std, blobs about `sigma` pixels across; the same
    for the same shape and seed, so a render is repeatable."""
    rng = np.random.default_rng(seed)
    field = rng.standard_normal(shape, dtype=np.float32)
    if sigma > 0.3:
        field = cv2.GaussianBlur(field, (0, 0), sigma)
    spread = float(field.std())
    return field / max(spread, 1e-6)


def grain(shape: tuple[int, int], look: SkinLook, seed: int = 7) -> NDArray[np.float32]:
    """Fine relative luminance texture with the person's grain as `fitroom.checks`
    measures it (the luminance less its blur at 1.5 px)."""
    field = noise(shape, 0.7, seed)
    fine = field - cv2.GaussianBlur(field, (0, 0), 1.5)
    measured = _robust_std(fine.ravel()[:: max(1, fine.size // 20000)])
    return field * (look.grain / max(measured, 1e-6))
