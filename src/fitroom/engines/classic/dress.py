"""Putting a garment on a person: where each garment part goes, then compositing it in.

Layout (where) comes from the pose; compositing (how it looks) keeps the face, hands
and arms in front, carries the photo's shading onto the garment, and rebuilds skin
where the old garment showed and the new one does not reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.base import EngineError
from fitroom.engines.classic import fit, skin
from fitroom.engines.classic.body import (
    LONG_HEM_DROP,
    Frame,
    box_slices,
    hands_in_front,
    limbs,
    near_colour,
    skin_like,
    torso_frame,
    torso_zone,
    worn_mask,
)
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.person import (
    L_ANKLE,
    L_ELBOW,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    R_ANKLE,
    R_ELBOW,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    shoulder_share,
)

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the photo


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


def _clip(box: Box, size: tuple[int, int]) -> Box | None:
    x0, y0, x1, y1 = box
    w, h = size
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _around(points: NDArray[np.float64], pad: float, size: tuple[int, int]) -> Box | None:
    """The photo's box round `points`, `pad` pixels wider on every side."""
    low, high = np.floor(points.min(axis=0) - pad), np.ceil(points.max(axis=0) + pad)
    return _clip((int(low[0]), int(low[1]), int(high[0]), int(high[1])), size)


def _bounds(mask: NDArray[np.generic], pad: int = 0) -> Box | None:
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


def _layer(colour: NDArray[np.float32], alpha: NDArray[np.float32], box: Box) -> Layer | None:
    """A layer trimmed to where its alpha is not nil; None when it covers nothing."""
    found = _bounds(alpha > 0.002)
    if found is None:
        return None
    x0, y0, x1, y1 = found
    window = slice(y0, y1), slice(x0, x1)
    return Layer(colour[window], alpha[window], box[0] + x0, box[1] + y0)


def _tps_layer(
    rgb: NDArray[np.uint8],
    alpha: NDArray[np.float32],
    src: list[Any],
    dst: list[Any],
    pad: float,
    size: tuple[int, int],
) -> Layer | None:
    """A thin-plate-spline warp of the garment computed only round its destination points."""
    box = _around(np.array(dst), pad, size)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    maps = fit.tps_map(np.array(src), np.array(dst), (x1 - x0, y1 - y0), origin=(x0, y0))
    colour, warped = fit.warp_rgba(rgb, alpha, maps)
    return _layer(colour, warped, box)


def _affine_layer(
    rgb: NDArray[np.uint8], alpha: NDArray[np.float32], matrix: NDArray[np.float64], size: tuple[int, int]
) -> Layer | None:
    """A rigid warp of the garment part `alpha` selects, computed only where it lands."""
    source = _bounds(alpha)
    if source is None:
        return None
    box = _clip(fit.affine_box(matrix, source), size)
    if box is None:
        return None
    colour, warped = fit.affine_rgba(rgb, alpha, matrix, box)
    return _layer(colour, warped, box)


#: Clothes are wider than the distance between shoulder joints.
CHEST_EASE = 1.18


def _torso_layer(person: Person, garment: Garment, frame: Frame) -> tuple[Layer | None, float]:
    """The garment's torso panel on the torso by a thin-plate spline; returns the scale used."""
    w, h = person.size
    half = frame.width * CHEST_EASE / 2
    k_width = frame.width * CHEST_EASE / garment.width
    k_length = frame.frontal_width * CHEST_EASE / garment.width
    # Tops end between the waist and just below the hips, whatever their photo's proportions.
    garment_length = (garment.hem_y - garment.shoulder_y) * k_length
    k_length *= float(np.clip(garment_length, 0.55 * frame.length, 1.12 * frame.length)) / max(garment_length, 1e-6)
    cx = (garment.left + garment.right) / 2
    # The shoulder seams sit on top of the shoulders, a little above and outside the joints.
    shoulder_top = frame.neck - frame.down * frame.frontal_width * 0.14

    def body(side: float, drop: float, spread: float = 1.0) -> NDArray[np.float64]:
        return shoulder_top + frame.right * side * half * spread + frame.down * drop * k_length

    src = []
    dst = []
    rows = (
        (garment.shoulder_y, 1.06),
        (garment.armpit_y, 1.0),
        ((garment.armpit_y + garment.hem_y) / 2, 1.0),
        (garment.hem_y, 1.0),
    )
    for gy, spread in rows:
        drop = gy - garment.shoulder_y
        for side in (-1.0, 0.0, 1.0):
            src.append((cx + side * garment.width / 2, gy))
            dst.append(body(side, drop, spread))
    src.append((cx, garment.top))
    dst.append(body(0.0, garment.top - garment.shoulder_y))
    panel_alpha = garment.alpha.copy()
    panel_alpha[garment.sleeve_left > 0] = 0
    panel_alpha[garment.sleeve_right > 0] = 0
    # Collars and flared hems reach a little beyond the control points.
    layer = _tps_layer(garment.rgb, panel_alpha, src, dst, frame.frontal_width * 0.35, (w, h))
    return layer, max(k_width, k_length)


def _sleeve_layers(person: Person, garment: Garment, frame: Frame, scale: float) -> list[tuple[Layer | None, bool]]:
    """Each sleeve rigidly along its arm, bending at the elbow; flag: arm in front of torso."""
    w, h = person.size
    layers = []
    torso = np.array([person.pt(i) for i in (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)], np.float32)
    for mask, side, (_, e, wr) in (
        (garment.sleeve_left, -1.0, (R_SHOULDER, R_ELBOW, R_WRIST)),
        (garment.sleeve_right, 1.0, (L_SHOULDER, L_ELBOW, L_WRIST)),
    ):
        # The sleeve's box in the product photo, with room for the 7 px reach into the panel.
        found = _bounds(mask, pad=4)
        if found is None:
            continue
        x0, y0, x1, y1 = found
        part = slice(y0, y1), slice(x0, x1)
        ys, xs = np.nonzero(mask[part])
        if len(xs) < 50:
            continue
        attach = np.array([garment.left if side < 0 else garment.right, garment.shoulder_y], np.float64)
        pts = np.stack([xs + x0, ys + y0], axis=1).astype(np.float64)
        far = pts[np.argmax(np.linalg.norm(pts - attach, axis=1))]
        shoulder = (
            frame.neck
            + frame.right * side * frame.width * CHEST_EASE * 1.06 / 2
            - frame.down * frame.frontal_width * 0.12
        )
        elbow = person.pt(e).astype(np.float64)
        wrist = person.pt(wr).astype(np.float64)
        upper_len = float(np.linalg.norm(elbow - shoulder)) / scale
        axis = (far - attach) / max(np.linalg.norm(far - attach), 1e-6)
        along = (pts - attach) @ axis
        # Reach a few pixels into the panel so no seam shows between sleeve and body.
        alpha = garment.alpha[part] * (cv2.dilate(mask[part], np.ones((7, 7), np.uint8)) > 0)
        rgb = garment.rgb[part]
        # Warps of the box: the photo's matrices, moved to the box's corner.
        first = fit.similarity(attach, far, shoulder, elbow, scale)
        first_box = first.copy()
        first_box[:, 2] += first[:, :2] @ (x0, y0)
        in_front = cv2.pointPolygonTest(torso, (float(elbow[0]), float(elbow[1])), False) > 0
        if along.max() <= upper_len * 1.05:
            layers.append((_affine_layer(rgb, alpha, first_box, (w, h)), in_front))
            continue
        split = attach + axis * upper_len
        yy, xx = np.mgrid[y0:y1, x0:x1]
        proj = (xx - attach[0]) * axis[0] + (yy - attach[1]) * axis[1]
        overlap = upper_len * 0.04
        upper = alpha * (proj <= upper_len + overlap)
        lower = alpha * (proj > upper_len - overlap)
        second = fit.similarity(split, far, elbow, wrist, scale)
        second[:, 2] += second[:, :2] @ (x0, y0)
        in_front = in_front or cv2.pointPolygonTest(torso, (float(wrist[0]), float(wrist[1])), False) > 0
        layers.append((_affine_layer(rgb, upper.astype(np.float32), first_box, (w, h)), in_front))
        layers.append((_affine_layer(rgb, lower.astype(np.float32), second, (w, h)), in_front))
    return layers


def _leg_point(person: Person, side: tuple[int, int, int], distance: float) -> NDArray[np.float64]:
    """The point `distance` pixels down a leg, following hip → knee → ankle."""
    hip, knee, ankle = (person.pt(i).astype(np.float64) for i in side)
    thigh = float(np.linalg.norm(knee - hip))
    if distance <= thigh or thigh < 1:
        return hip + (knee - hip) * (distance / max(thigh, 1.0))
    shin = max(float(np.linalg.norm(ankle - knee)), 1.0)
    return knee + (ankle - knee) * ((distance - thigh) / shin)


def _lower_layer(person: Person, garment: Garment, frame: Frame) -> Layer | None:
    """Bottoms from the waist and dresses from the shoulders, down between the legs' lines."""
    w, h = person.size
    lh, rh = person.pt(L_HIP).astype(np.float64), person.pt(R_HIP).astype(np.float64)
    hips = (lh + rh) / 2
    # Hips on the bottom edge are guessed, not seen: the photo ends at the waist.
    if not person.visible(L_HIP, R_HIP, threshold=0.3) or hips[1] > 0.95 * h:
        raise EngineError("pose_not_supported", "the hips are not in the photo; bottoms and dresses need them")
    hip_width = float(np.linalg.norm(lh - rh))
    cx = (garment.left + garment.right) / 2
    if garment.category == "dress":
        # The dress's waist goes to the body's waist, its neckline to the shoulders.
        k = frame.frontal_width * 1.05 / garment.width
        top = frame.neck - frame.down * frame.frontal_width * 0.1
        anchor_y = garment.shoulder_y
    else:
        k = max(hip_width * 1.8, frame.frontal_width * 0.95) / garment.width
        top = hips - frame.down * frame.length * 0.18
        anchor_y = garment.top
    solid = garment.alpha > 0.5
    src, dst = [], []
    height = garment.hem_y - anchor_y
    for t in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        gy = anchor_y + height * t
        cols = np.nonzero(solid[min(int(gy), solid.shape[0] - 1)])[0]
        half = ((cols.max() - cols.min()) / 2 if len(cols) else garment.width / 2) * k
        drop = (gy - anchor_y) * k
        centre = top + frame.down * drop
        below_hips = float((centre - hips) @ frame.down)
        if below_hips > 0:
            legs = (
                _leg_point(person, (R_HIP, R_KNEE, R_ANKLE), below_hips)
                + _leg_point(person, (L_HIP, L_KNEE, L_ANKLE), below_hips)
            ) / 2
            centre = legs
        for side in (-1.0, 0.0, 1.0):
            src.append((cx + side * (half / k), gy))
            dst.append(centre + frame.right * side * half)
    return _tps_layer(garment.rgb, garment.alpha, src, dst, frame.frontal_width * 0.35, (w, h))


#: Below this shoulder share (see person.shoulder_share) the shoulders found are not
#: where the body's are: every top would go on as a narrow strip. The devset's front and
#: three-quarter views are all 0.63 or more; its one misread pose is 0.29.
MIN_SHOULDER_SHARE = 0.45


def layers_for(person: Person, garment: Garment) -> list[Layer]:
    """The garment's layers in drawing order (back to front)."""
    frame = torso_frame(person)
    if garment.category != "top":
        return [layer for layer in (_lower_layer(person, garment, frame),) if layer is not None]
    # Dresses take their width from the torso's length where the shoulders look narrow;
    # a top hangs from the shoulders, and cannot.
    if shoulder_share(person) < MIN_SHOULDER_SHARE:
        raise EngineError(
            "pose_not_supported",
            "the shoulders could not be found in the photo; send a front or three-quarter view with the head in the frame",
        )
    torso, scale = _torso_layer(person, garment, frame)
    sleeves = _sleeve_layers(person, garment, frame, scale)
    behind = [layer for layer, front in sleeves if not front]
    ahead = [layer for layer, front in sleeves if front]
    return [layer for layer in (*behind, torso, *ahead) if layer is not None]


def _blur(image: NDArray[np.float32], sigma: float) -> NDArray[np.float32]:
    """Gaussian blur; wide ones on a smaller copy, which is as smooth and far cheaper."""
    factor = int(sigma // 2.5)
    if factor < 2:
        return cv2.GaussianBlur(image, (0, 0), sigma)
    h, w = image.shape[:2]
    small = cv2.resize(image, (max(1, w // factor), max(1, h // factor)), interpolation=cv2.INTER_AREA)
    return cv2.resize(cv2.GaussianBlur(small, (0, 0), sigma / factor), (w, h), interpolation=cv2.INTER_LINEAR)


def _masked_blur(values: NDArray[np.float32], weight: NDArray[np.float32], sigma: float) -> NDArray[np.float32]:
    """Gaussian average of `values` over the pixels `weight` selects (normalised convolution)."""
    total = _blur(values * weight, sigma)
    norm = _blur(weight, sigma)
    return total / np.maximum(norm, 1e-3)


def _shading(person: Person, old: NDArray[np.float32]) -> NDArray[np.float32]:
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
    fine = _masked_blur(lum, old_plain, sigma)
    broad = _masked_blur(lum, old_plain, max(4.0, s * 0.15))
    # Where little of the main colour is near (a busy print), the measure is noise.
    density = np.clip(_blur(old_plain, sigma) / np.maximum(_blur(old, sigma), 1e-3) * 2 - 0.6, 0, 1)
    ratio = 1 + (np.clip(fine / np.maximum(broad, 1.0), 0.8, 1.15) - 1) * density
    spread = float(ratio[old > 0].std()) if old.any() else 0.0
    strength = 0.45 * float(np.clip(0.08 / max(spread, 1e-6), 0.35, 1.0))
    inside = _blur(old, max(1.5, s * 0.03))
    return (1 + strength * (ratio - 1) * inside).astype(np.float32)


@dataclass
class Composite:
    image: NDArray[np.uint8]
    garment: NDArray[np.float32]  # how much of each pixel is the new garment (0..1)
    edited: NDArray[np.bool_]  # every pixel that may differ from the input
    skin: NDArray[np.float32]  # how much of each pixel is rebuilt skin (0..1)
    old: NDArray[np.float32]  # where the old garment the new one replaces was (0..1)


def _torso_normals(frame: Frame, shape: tuple[int, int]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The picture-right and down parts of the torso's unit surface normals, as a
    flattened cylinder round the body's midline."""
    h, w = shape
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    across = (
        np.clip(
            (xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])) / (frame.frontal_width * 0.6), -1, 1
        )
        * 0.7
    )
    return across * np.float32(frame.right[0]), across * np.float32(frame.right[1])


def _uncovered(
    person: Person,
    garment: Garment,
    frame: Frame,
    old: NDArray[np.float32],
    rebuild: NDArray[np.float32],
    new: NDArray[np.float32],
    look: skin.SkinLook,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """What the old garment hid where the new one does not reach: skin, or the background;
    and how much of each pixel is skin (0..1).

    Limbs and torso get the person's skin tone, lit by the old garment's broad light (not
    its folds or print), shaded as rounded forms under the photo's light (`look`),
    mottled like the person's skin and a little darker where the new garment (`new`)
    ends on them; the rest of a loose sleeve or trouser leg, outside the limb, is filled
    from the background around it; below the waist, what the old top hid of the trousers
    or skirt is their mirror image. The skin's fine grain is added at full size.
    """
    limb, limb_normal = limbs(person, frame, garment.category)
    if garment.category != "bottom":
        # The body's own outline, not the joints' trapezoid, and soft-edged, so a bared
        # midriff is not a flat patch with straight sides. The old clothes stood out from
        # the body: the skin keeps a little inside their outline, its corners rounded.
        reach = max(1, int(person.shoulder_width * 0.15))
        zone = cv2.dilate(torso_zone(person, frame), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
        inset = 2 * max(1, int(person.shoulder_width * 0.03)) + 1
        body = cv2.erode(
            (person.mask > 0.5).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (inset, inset))
        )
        torso = cv2.GaussianBlur(
            ((zone > 0) & (body > 0)).astype(np.float32), (0, 0), max(1.0, person.shoulder_width * 0.03)
        )
        # Bare skin down to the waist; from there to the hip joints it is more likely the
        # trousers' or skirt's waistband, which the fill from below continues.
        h, w = old.shape
        across = ((np.arange(w, dtype=np.float32) - frame.neck[0]) * frame.down[0])[None, :]
        down = ((np.arange(h, dtype=np.float32) - frame.neck[1]) * frame.down[1])[:, None]
        depth = (across + down) / max(frame.length, 1.0)
        torso *= np.clip((0.95 - depth) / 0.04, 0, 1).astype(np.float32)
    else:
        torso = np.zeros(old.shape, np.float32)
    skin_part = np.maximum(limb, torso)
    lum = person.lab()[:, :, 0] + 1
    s = person.shoulder_width
    broad = _masked_blur(lum, old, max(4.0, s * 0.3))
    light = np.clip(broad / max(float(np.median(lum[old > 0])), 1.0), 0.85, 1.1)
    on_limb = limb >= torso
    torso_x, torso_y = _torso_normals(frame, old.shape)
    shading = skin.lit(np.where(on_limb, limb_normal[0], torso_x), np.where(on_limb, limb_normal[1], torso_y), look)
    # A soft contact shadow on the skin just beyond where the new garment ends.
    shading *= 1 - 0.3 * np.clip(_blur(new, max(1.5, s * 0.035)), 0, 1) * (1 - new)
    h, w = old.shape
    lab_skin = np.empty((h, w, 3), np.float32)
    mottle_sigma = max(1.5, s * 0.04)
    tone = person.skin_lab if look.tone is None else look.tone
    for channel in range(3):
        lab_skin[:, :, channel] = tone[channel] + skin.noise((h, w), mottle_sigma, 11 + channel) * look.mottle[channel]
    lab_skin[:, :, 0] *= light * shading
    skin_rgb = cv2.cvtColor(np.clip(lab_skin, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB).astype(np.float32)
    hole = (rebuild > 0.02) & (skin_part < 0.5)
    if not hole.any():
        return skin_rgb, skin_part
    # Every old-garment pixel near the hole is unreliable too: fill them all, from outside.
    reach = max(3, int(person.shoulder_width * 0.2))
    near = cv2.dilate(hole.astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    # ...and so is the old garment's soft outline just outside its mask.
    outline = cv2.dilate(hole.astype(np.uint8), _edge_kernel(person)) > 0
    region = (outline | (near & (old > 0))).astype(np.uint8)
    filled = _inpaint(person.image, region)
    if garment.category != "bottom":
        # Below the waist the old top hid the trousers' or skirt's top: continue them up
        # as their mirror image at the hole's lower edge, texture and folds included,
        # rather than a smear.
        mirrored, found = _from_below(person.image, region, person.mask > 0.5)
        weight = found * np.clip((depth - 0.6) / 0.2, 0, 1).astype(np.float32)
        weight = cv2.GaussianBlur(weight, (0, 0), max(1.0, person.shoulder_width * 0.02)) * found
        filled = cv2.blendLinear(mirrored, filled, weight, 1 - weight)
    return cv2.blendLinear(skin_rgb, filled, skin_part, 1 - skin_part), skin_part


def _from_below(
    image: NDArray[np.uint8], region: NDArray[np.uint8], usable: NDArray[np.bool_]
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """`image` with each `region` pixel taken from as far below the region's lower edge
    (in its column) as it lies above it: a mirror at that edge, so what is below goes on
    up seamlessly. Also 1 where such a pixel exists (in the photo, `usable`, and not
    itself in the region or past the next part of it), else 0: the backdrop between the
    legs, mirrored up, would part them to the waist."""
    h, w = region.shape
    hole = region > 0
    rows = np.arange(h, dtype=np.int32)[:, None]
    # Per pixel, the first row at or below it that is outside the region, and inside it.
    next_clear = np.minimum.accumulate(np.where(hole, h, rows)[::-1], axis=0)[::-1]
    next_hole = np.minimum.accumulate(np.where(hole, rows, h)[::-1], axis=0)[::-1]
    ys, xs = np.nonzero(hole)
    edge = next_clear[ys, xs]  # the first row below the region's run
    source = 2 * edge - 1 - ys
    ok = (edge < h) & (source < next_hole[np.minimum(edge, h - 1), xs])
    ok[ok] = usable[source[ok], xs[ok]]
    out = image.astype(np.float32)
    found = np.zeros((h, w), np.float32)
    out[ys[ok], xs[ok]] = image[source[ok], xs[ok]]
    found[ys[ok], xs[ok]] = 1
    return out, found


def _edge_kernel(person: Person) -> NDArray[np.uint8]:
    """A square as wide as a garment's soft edge in the photo (part garment, part what is
    beside it): how far beyond the old garment's mask its outline still shows."""
    edge = 2 * max(1, int(person.shoulder_width * 0.012)) + 1
    return np.ones((edge, edge), np.uint8)


def _inpaint(image: NDArray[np.uint8], region: NDArray[np.uint8]) -> NDArray[np.float32]:
    """`image` with `region` filled from around it; done at half size, as the fill is
    smooth anyway and costs four times less there."""
    h, w = region.shape
    if min(h, w) < 64:
        return cv2.inpaint(image, region, 3, cv2.INPAINT_TELEA).astype(np.float32)
    half = (w // 2, h // 2)
    small = cv2.inpaint(
        cv2.resize(image, half, interpolation=cv2.INTER_AREA),
        (cv2.resize(region, half, interpolation=cv2.INTER_AREA) > 0).astype(np.uint8),
        3,
        cv2.INPAINT_TELEA,
    )
    filled = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    np.copyto(filled, image, where=(region == 0)[:, :, None])
    return filled


def _window(person: Person, garment: Garment, layers: list[Layer]) -> tuple[int, int, int, int]:
    """Box holding every pixel the composite may change: the layers and the body zones."""
    h, w = person.image.shape[:2]
    joints = [L_SHOULDER, R_SHOULDER, L_ELBOW, R_ELBOW, L_WRIST, R_WRIST, L_HIP, R_HIP]
    if garment.category != "top":
        joints += [L_KNEE, R_KNEE, L_ANKLE, R_ANKLE]
    pts = np.array([person.pt(i) for i in joints])
    if garment.category == "top":
        # What the old top left below the hips is replaced too (see body._long_hem).
        frame = torso_frame(person)
        pts = np.vstack([pts, (pts[-2:] + frame.down * frame.length * LONG_HEM_DROP)])
    pad = person.shoulder_width * 0.5 + 8
    x0, y0 = np.floor(pts.min(axis=0) - pad)
    x1, y1 = np.ceil(pts.max(axis=0) + pad)
    for layer in layers:
        lx0, ly0, lx1, ly1 = layer.box
        x0, y0 = min(x0, lx0 - 8), min(y0, ly0 - 8)
        x1, y1 = max(x1, lx1 + 8), max(y1, ly1 + 8)
    return int(max(0, x0)), int(max(0, y0)), int(min(w, x1)), int(min(h, y1))


#: The old garment, the photo's shading and what the old garment hid are worked out on
#: the photo shrunk by a whole factor to about this size (nano's), then enlarged: all
#: three are smooth, and at basic or pro size they cost four or sixteen times as much
#: for no visible gain. The new garment is drawn at full size.
ANALYSIS_SIDE = 512


def _multiple(low: int, high: int, step: int, limit: int) -> tuple[int, int]:
    """The span [low, high) grown to a multiple of `step` long, inside [0, limit) where it
    can be: shrinking by a whole factor is then exact, and several times faster."""
    length = -(-(high - low) // step) * step
    high = min(limit, low + length)
    return max(0, high - length), high


def compose(person: Person, garment: Garment, layers: list[Layer]) -> Composite:
    """Draw the layers over the photo; everything they do not touch stays as it was.

    The work is done in the window that can change, then pasted into the full photo.
    """
    w, h = person.size
    shrink = max(1, round(max(w, h) / ANALYSIS_SIDE))
    x0, y0, x1, y1 = _window(person, garment, layers)
    x0, x1 = _multiple(x0, x1, shrink, w)
    y0, y1 = _multiple(y0, y1, shrink, h)
    window = (slice(y0, y1), slice(x0, x1))
    shifted = [Layer(layer.colour, layer.alpha, layer.x - x0, layer.y - y0) for layer in layers]
    # The hand landmarks, where needed, are found on the whole photo (and kept on it).
    cover = np.zeros(person.image.shape[:2], bool)
    for layer in layers:
        cover[layer.slices] |= layer.alpha > 0.05
    hands = hands_in_front(person, cover)
    look = skin.look(person)
    part = _compose(person.crop(x0, y0, x1, y1), garment, shifted, hands[window], shrink, look)
    image = person.image.copy()
    image[window] = part.image
    garment_cover = np.zeros(image.shape[:2], np.float32)
    garment_cover[window] = part.garment
    edited = np.zeros(image.shape[:2], bool)
    edited[window] = part.edited
    shown = np.zeros(image.shape[:2], np.float32)
    shown[window] = part.skin
    old = np.zeros(image.shape[:2], np.float32)
    old[window] = part.old
    return Composite(image, garment_cover, edited, shown, old)


def _compose(
    person: Person, garment: Garment, layers: list[Layer], hands: NDArray[np.bool_], shrink: int, look: skin.SkinLook
) -> Composite:
    kept = cv2.dilate(hands.astype(np.uint8), np.ones((5, 5), np.uint8))
    keep = ((person.face > 0) | (kept > 0)).astype(np.float32)
    w, h = person.size
    new_total = np.zeros((h, w), np.float32)
    for layer in layers:
        np.maximum(new_total[layer.slices], layer.alpha, out=new_total[layer.slices])
    size = (max(1, round(w / shrink)), max(1, round(h / shrink)))
    if size == (w, h):
        rebuild, fill, shade, skin_part, old = _replaced(person, garment, new_total, hands, keep, look)
    else:
        shrunk = [cv2.resize(a, size, interpolation=cv2.INTER_AREA) for a in (new_total, hands.astype(np.uint8), keep)]
        rebuild, fill, shade, skin_part, old = (
            cv2.resize(a, (w, h), interpolation=cv2.INTER_LINEAR)
            for a in _replaced(person.scaled(size), garment, shrunk[0], shrunk[1] > 0, np.ceil(shrunk[2]), look)
        )
    rebuild *= 1 - keep
    out = person.image.astype(np.float32)
    found = _bounds(rebuild > 0)
    if found is not None:  # blended only where something is rebuilt
        box = box_slices(found)
        # The skin's fine grain, at full size (the rest of the fill is smooth).
        grained = skin_part[box] * (rebuild[box] > 0)
        if grained.any():
            fill[box] *= (1 + skin.grain(grained.shape, look) * grained)[:, :, None]
        out[box] = cv2.blendLinear(out[box], fill[box], 1 - rebuild[box], rebuild[box])
    # A top stays on the body; a skirt or dress may flare out beyond the legs.
    if garment.category == "top":
        reach = max(1, int(torso_frame(person).width * 0.06))
        body = cv2.dilate((person.mask > 0.35).astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    coverage = np.zeros((h, w), np.float32)
    for layer in layers:
        box = layer.slices
        allowed = 1 - keep[box]
        if garment.category == "top":
            allowed *= body[box]
        a = layer.alpha * allowed  # both 0..1
        a = cv2.GaussianBlur(a, (0, 0), 0.8) * (a > 0.01)
        a = np.minimum(a, allowed)
        np.maximum(coverage[box], a, out=coverage[box])
        shaded = layer.colour * shade[box][:, :, None]  # shading is positive
        np.minimum(shaded, 255, out=shaded)
        out[box] = cv2.blendLinear(out[box], shaded, 1 - a, a)
    result = cv2.convertScaleAbs(out)  # rounded and saturated to 0..255 in one pass
    untouched = (coverage <= 0) & (rebuild <= 0)
    cv2.copyTo(person.image, untouched.view(np.uint8), result)
    # Rebuilt skin is what shows of it: not what the new garment covers.
    shown_skin = rebuild * skin_part * (1 - coverage)
    return Composite(result, coverage, ~untouched, shown_skin, old)


def _holes_filled(old: NDArray[np.float32], person: Person, hands: NDArray[np.bool_]) -> NDArray[np.float32]:
    """The old garment with the holes inside it filled: a print, logo or trim of another
    colour is part of it, and left out it would show through the skin or background
    rebuilt round it. Hands and the face stay out, and so do holes too large to be a
    print (a gap between arm and body)."""
    h, w = old.shape
    holes = ((old == 0) & ~hands & (person.face == 0)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(holes, connectivity=4)
    if count <= 1:
        return old
    x, y, bw, bh, area = (stats[:, i] for i in range(5))
    inner = (x > 0) & (y > 0) & (x + bw < w) & (y + bh < h) & (area <= (0.5 * person.shoulder_width) ** 2)
    inner[0] = False
    if not inner.any():
        return old
    return np.maximum(old, inner[labels].astype(np.float32))


class Replaced(NamedTuple):
    """What goes where the old garment was (see `_replaced`)."""

    rebuild: NDArray[np.float32]  # how much of each pixel is rebuilt (0..1)
    fill: NDArray[np.float32]  # the rebuilt picture (the photo elsewhere)
    shade: NDArray[np.float32]  # the shading the new garment takes on
    skin: NDArray[np.float32]  # how much of the rebuilt picture is skin (0..1)
    old: NDArray[np.float32]  # the old garment's mask


def _replaced(
    person: Person,
    garment: Garment,
    new_total: NDArray[np.float32],
    hands: NDArray[np.bool_],
    keep: NDArray[np.float32],
    look: skin.SkinLook,
) -> Replaced:
    """What goes where the old garment was: how much of each pixel is rebuilt (0..1), the
    rebuilt picture (the photo elsewhere), the shading the new garment takes on, how much
    of the rebuilt picture is skin, and the old garment's mask.

    `new_total` is how much of each pixel the new garment covers; `hands`, the hand
    pixels in front; `keep`, 1 where nothing may change (face, hands and a margin);
    `look`, how the person's own skin looks."""
    frame = torso_frame(person)
    bare = skin_like(person)
    old = _holes_filled(worn_mask(person, garment.category, frame, bare, hands), person, hands)
    shade = _shading(person, old)
    rebuild = old * (1 - np.clip(new_total * 1.5, 0, 1)) * (1 - keep)
    # Softened a little beyond the old garment's outline (its edge pixels are part garment,
    # part backdrop), so no rim of it is left.
    rim = cv2.dilate((old > 0).astype(np.uint8), _edge_kernel(person)).astype(np.float32)
    rebuild = cv2.GaussianBlur(rebuild, (0, 0), 1.5) * rim * (1 - keep)
    # The outline itself, half garment and half what is beside it, matches neither the
    # garment's colour nor the skin's: it goes too, except where it is skin.
    fringe = cv2.dilate((rebuild > 0.02).astype(np.float32), _edge_kernel(person)) * ~bare
    rebuild = np.maximum(rebuild, fringe * (1 - keep))
    fill = person.image.astype(np.float32)
    skin_part = np.zeros(old.shape, np.float32)
    # Rebuilt only in the box round what needs it, with room for the fill to look around.
    found = _bounds(rebuild, pad=max(8, int(person.shoulder_width * 0.1)))
    if found is not None:
        x0, y0, x1, y1 = found
        box = slice(y0, y1), slice(x0, x1)
        inner = person.crop(x0, y0, x1, y1)
        fill[box], skin_part[box] = _uncovered(
            inner, garment, torso_frame(inner), old[box], rebuild[box], new_total[box], look
        )
    return Replaced(rebuild, fill, shade, skin_part, old)
