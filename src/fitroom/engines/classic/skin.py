"""Skin where the old clothes were, made to look like the person's own.

Rebuilt arms, legs and midriffs were one even colour: plastic. Here they are shaded as
the rounded forms they are under the photo's light (its direction and strength read
from the two cheeks and the visible skin), mottled and grained like the person's own
visible skin, and darkened a little where the new garment ends on them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.colour import SKIN_CHROMA, SKIN_LIGHTNESS, skin_like, squared_distance
from fitroom.engines.classic.person import (
    HAND_POINTS,
    L_ANKLE,
    L_ELBOW,
    L_EYE,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    MOUTH_L,
    MOUTH_R,
    NOSE,
    R_ANKLE,
    R_ELBOW,
    R_EYE,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    plausible_skin,
)
from fitroom.engines.classic.shading import blur, masked_blur


@dataclass(frozen=True)
class SkinLook:
    """How the person's own skin looks in this photo."""

    light: tuple[float, float, float]  # unit vector towards the light: picture right, down, towards the camera
    strength: float  # share of the light that comes from that direction (the rest is ambient)
    grain: float  # fine texture: std of luminance over its local mean
    mottle: tuple[float, float, float]  # broad variation of L, a, b (OpenCV 8-bit Lab units)
    tone: tuple[float, float, float] | None = None  # the body's own skin colour (Lab), None: the face's
    # Square full-size patches of the person's own skin's relative detail (luminance over
    # its blur at `DETAIL_SIGMA` widths, less 1), none: the drawn grain stands in.
    patches: NDArray[np.float32] | None = field(default=None, compare=False)


#: A studio's soft light from the front and a little above: used where no face is seen.
DEFAULT = SkinLook(light=(0.0, -0.35, 0.94), strength=0.3, grain=0.012, mottle=(2.0, 1.0, 1.0))
#: The most fine grain (see `_grain`) the rebuilt skin takes on: a grainy film scan's
#: face reads 0.03; smooth studio skin 0.003-0.012.
GRAIN_MOST = 0.04
#: ...and where the face is not seen: smooth skin's most (see `DEFAULT`).
GRAIN_UNSEEN_MOST = 0.012
#: How far the neck's and hands' lightness may stray from the face's (OpenCV 8-bit L, or a
#: fifth of the face's when more) and still be read for the skin's tone.
TONE_LIGHTNESS = 28.0


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
        if not (0 <= x < w and 0 <= y < h):
            # The pose guesses a face cut off by the photo's edge: its cheeks are not here.
            return None
        patch = person.image[max(0, y - radius) : min(h, y + radius), max(0, x - radius) : min(w, x + radius)]
        if patch.size == 0:
            return None
        values.append((float(x), float(cv2.cvtColor(patch, cv2.COLOR_RGB2LAB)[:, :, 0].mean())))
    (_, left), (_, right) = sorted(values)
    return left, right


def _grain(image: NDArray[np.uint8], centres: NDArray[np.intp], radius: int) -> float | None:
    """The fine grain of luminance (its std less its blur at 1.5 px, over its level) in
    small full-size patches round `centres` (rows, columns), `radius` pixels of skin
    round each: the blur looks a few pixels further, the measure does not."""
    h, w = image.shape[:2]
    margin = 5
    residuals, levels = [], []
    for y, x in centres:
        y0, y1 = y - radius - margin, y + radius + 1 + margin
        x0, x1 = x - radius - margin, x + radius + 1 + margin
        if y0 < 0 or x0 < 0 or y1 > h or x1 > w:
            continue
        lum = cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float32)
        fine = (lum - cv2.GaussianBlur(lum, (0, 0), 1.5))[margin:-margin, margin:-margin]
        residuals.append(fine.ravel())
        levels.append(float(np.median(lum[margin:-margin, margin:-margin])))
    if not residuals:
        return None
    return _robust_std(np.concatenate(residuals)) / max(float(np.median(levels)), 1.0)


#: The detail taken from the person's own skin: finer than this share of a shoulder width
#: (pores, fine hair, the grain and small blotches that a smooth fill lacks).
DETAIL_SIGMA = 0.02
#: Half the side of a detail patch, in shoulder widths (at least `DETAIL_MIN_RADIUS` pixels).
DETAIL_RADIUS = 0.06
DETAIL_MIN_RADIUS = 8
#: A patch whose detail spreads more than this many times the patches' median spread holds
#: an edge (a sleeve's, a strap's, a tattoo's): left out.
DETAIL_OUTLIER = 1.5
#: How far (in robust stds of the patches' detail) a patch's detail may stray.
DETAIL_CLIP = 2.5
#: How many detail patches are taken, spread over the visible skin.
DETAIL_PATCHES = 24
#: A patch with more than `DETAIL_DARK_SHARE` of its detail darker than `-DETAIL_DARK`
#: holds a line, not skin's texture: a fold's or the collarbone's shade, the side of the
#: nose, the gap between two fingers. Smooth skin's patches on the devset (basic) hold
#: 0-0.017 such pixels, those lines 0.03-0.29.
DETAIL_DARK, DETAIL_DARK_SHARE = 0.06, 0.02
#: The least share of a detail patch's full-size pixels that must pass for the person's
#: skin (`colour.skin_like`, on the person): the gaps between a hand's fingers, a collar's
#: edge or the backdrop beside a wrist, laid turned over a rebuilt arm, were dark streaks.
DETAIL_SKIN_SHARE = 0.99


def _detail_extent(shoulder: float) -> tuple[int, int]:
    """A detail patch's half side and the margin round it its blur reads, in pixels."""
    return max(DETAIL_MIN_RADIUS, int(shoulder * DETAIL_RADIUS)), int(np.ceil(3 * max(3.0, shoulder * DETAIL_SIGMA)))


def _detail_patches(
    image: NDArray[np.uint8], centres: NDArray[np.intp], shoulder: float, lines: bool = False
) -> NDArray[np.float32] | None:
    """The relative detail of luminance (over its blur at `DETAIL_SIGMA`, less 1) in
    full-size square patches round `centres` (rows, columns) of the person's visible skin;
    those holding an edge are left out, and unless `lines` those holding a dark line
    (`DETAIL_DARK_SHARE`). None when fewer than 3 remain."""
    sigma = max(3.0, shoulder * DETAIL_SIGMA)
    radius, margin = _detail_extent(shoulder)
    h, w = image.shape[:2]
    patches = []
    for y, x in centres:
        y0, y1 = y - radius - margin, y + radius + 1 + margin
        x0, x1 = x - radius - margin, x + radius + 1 + margin
        if y0 < 0 or x0 < 0 or y1 > h or x1 > w:
            continue
        lum = cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY).astype(np.float32) + 1
        detail = lum / cv2.GaussianBlur(lum, (0, 0), sigma) - 1
        patches.append(detail[margin:-margin, margin:-margin])
    if len(patches) < 3:
        return None
    stack = np.stack(patches)
    spreads = stack.reshape(len(stack), -1).std(axis=1)
    usable = stack[spreads <= np.median(spreads) * DETAIL_OUTLIER]
    if not lines:
        usable = usable[(usable < -DETAIL_DARK).mean(axis=(1, 2)) <= DETAIL_DARK_SHARE]
    if len(usable) < 3:
        return None
    # A mole, a hair or an edge's end within a patch, repeated across the rebuilt skin,
    # reads as a pattern: its extremes are cut to the skin's usual detail.
    limit = DETAIL_CLIP * _robust_std(usable.ravel())
    return np.clip(usable, -limit, limit).astype(np.float32)


def _wholly_skin(person: Person, centres: NDArray[np.intp]) -> NDArray[np.intp]:
    """Those of `centres` (rows, columns, full size) whose detail patch (`_detail_extent`)
    lies in the photo, margin and all, off the hands, with at least `DETAIL_SKIN_SHARE`
    of it the person's skin.

    The patches were picked on a copy shrunk to a few pixels a finger, where a hand passes
    for solid skin: on a person in long sleeves, whose only skin off the face is the
    hands, the gaps between the fingers, their creases and knuckles, turned at random and
    laid over the bared arms, were dark streaks across a pale arm (a ghost)."""
    if not len(centres):
        return centres
    radius, margin = _detail_extent(person.shoulder_width)
    skin = skin_like(person) & (person.mask > 0.5) & (person.hands == 0)
    h, w = skin.shape
    side, far = 2 * radius + 1, radius + margin
    kept = [
        (y, x)
        for y, x in centres
        if far <= y < h - far
        and far <= x < w - far
        and skin[y - radius : y + radius + 1, x - radius : x + radius + 1].sum() >= DETAIL_SKIN_SHARE * side * side
    ]
    return np.array(kept, np.intp).reshape(-1, 2)


#: How far along each shin (knee 0, ankle 1) its own detail is read: off the knee's
#: crease and above the ankle's strap or shoe.
SHIN_ALONG = (0.15, 0.8)
#: How wide a band round the shin's bone (shoulder widths) the patches' centres lie in:
#: the pose's knee under a skirt lies off the shin seen below it.
SHIN_ACROSS = 0.3


def shin_patches(person: Person, bare: NDArray[np.bool_]) -> NDArray[np.float32] | None:
    """Detail patches (as `look.patches`) of the person's own bare shins (`bare`: their
    skin as shot, off the old garment), each wholly in that skin; None where too few fit.

    Rebuilt thighs laid with the neck's and hands' detail were smoother than the grainy
    or downy shins below them: a leg of two materials."""
    s = person.shoulder_width
    radius = max(DETAIL_MIN_RADIUS, int(s * DETAIL_RADIUS))
    inside = cv2.erode(bare.astype(np.uint8), np.ones((2 * radius + 1, 2 * radius + 1), np.uint8)) > 0
    shins = np.zeros(bare.shape, np.uint8)
    for knee, ankle in ((L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE)):
        if person.visible(knee, ankle):
            p, q = person.pt(knee), person.pt(ankle)
            a, b = p + (q - p) * SHIN_ALONG[0], p + (q - p) * SHIN_ALONG[1]
            cv2.line(shins, (int(a[0]), int(a[1])), (int(b[0]), int(b[1])), (1,), max(1, int(s * SHIN_ACROSS)))
    ys, xs = np.nonzero(inside & (shins > 0))
    if len(ys) < 3:
        return None
    pick = np.linspace(0, len(ys) - 1, min(DETAIL_PATCHES, len(ys))).astype(int)
    # The shins' dark strokes (hair, coarse grain) are the legs' own: kept, as the
    # rebuilt thighs above them are to match them.
    return _detail_patches(person.image, np.stack([ys[pick], xs[pick]], axis=1), s, lines=True)


#: A face whose skin-hued pixels read darker than this in the middle (OpenCV 8-bit L) is
#: dark skin, whose glossy cheeks catch the light: read there, the skin's colour is the
#: highlight's, far lighter than the neck and arms (`ootd--09597_00`: cheeks L 151, the
#: face's skin 96, the arms 90). A light face over a neck in its chin's shadow reads
#: lighter than this, and keeps its cheeks' tone.
DARK_FACE = 115.0
#: How wide a band (shoulder widths) along each bone of a seen arm its skin is read in.
ARM_BAND = 0.15
#: How near in hue (Lab a, b) to the colour read off the face a pixel must be to be read
#: as the face's or the body's skin there.
FACE_HUE = 8.0


def _under_lit_face(
    person: Person,
    lab: NDArray[np.float32],
    near: NDArray[np.uint8],
    face: NDArray[np.bool_],
    body: NDArray[np.bool_],
    points: NDArray[np.float64],
    s: float,
) -> NDArray[np.bool_]:
    """The body's own skin (neck, hands and bare arms; `lab`, `points`, the `face` and the
    person's `body` at the shrunk size, `near` the neck and hands there) read within
    `TONE_LIGHTNESS` of the face's whole skin rather than its cheeks, where that face is
    dark (`DARK_FACE`); none otherwise. On a dark, glossy face the cheeks are its
    highlight: the body's skin lay beyond the cheeks' window, and every rebuilt pixel
    took the highlight's pink."""
    hue = np.hypot(lab[:, :, 1] - person.skin_lab[1], lab[:, :, 2] - person.skin_lab[2])
    hued = plausible_skin(lab) & (hue < FACE_HUE)
    h, w = lab.shape[:2]
    on_face = hued & face
    if np.count_nonzero(on_face) < 10:
        return np.zeros((h, w), bool)
    middle = float(np.median(lab[:, :, 0][on_face]))
    if middle >= DARK_FACE:
        return np.zeros((h, w), bool)
    zones = near.copy()
    for a, b in ((L_SHOULDER, L_ELBOW), (L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW), (R_ELBOW, R_WRIST)):
        if person.visible(a, b):
            ends = [tuple(int(v) for v in points[i]) for i in (a, b)]
            cv2.line(zones, ends[0], ends[1], 255, max(1, int(s * ARM_BAND)))
    own = (zones > 0) & hued & body & ~face
    if np.count_nonzero(own) < 30:
        return np.zeros((h, w), bool)
    # The face's skin is read small; on a light face under red hair its middle is the
    # hair's and the lips': then the body's skin is no match for it, and nothing is taken.
    if abs(float(np.median(lab[:, :, 0][own])) - middle) >= TONE_LIGHTNESS:
        return np.zeros((h, w), bool)
    return own & (np.abs(lab[:, :, 0] - middle) < TONE_LIGHTNESS)


def look(person: Person) -> SkinLook:
    """The light on the person, and the colour and texture of their skin, from the
    cheeks and the visible skin. The colour is the body's (neck, arms, legs) where
    enough of it shows: a lit, made-up face is often lighter and pinker than the body.

    Colour and broad variation are smooth: they are measured on a copy shrunk to about
    32 px a shoulder width; the grain, on a few full-size patches of that skin."""
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
    factor = max(1, int(person.shoulder_width // 32))
    h, w = person.image.shape[:2]
    size = (max(1, w // factor), max(1, h // factor))

    def shrink(values: NDArray[np.generic]) -> NDArray[np.generic]:
        # Cut to a whole multiple of the factor first: shrinking by a whole factor is
        # several times faster.
        return cv2.resize(values[: size[1] * factor, : size[0] * factor], size, interpolation=cv2.INTER_AREA)

    lab = cv2.cvtColor(shrink(person.image), cv2.COLOR_RGB2LAB).astype(np.float32)
    # What `colour.skin_like` takes for skin, on the person.
    own = (squared_distance(lab, person.skin_lab, (0.0, 1.0, 1.0)) < 14**2) & (
        squared_distance(lab, person.skin_lab, (1.0, 0.0, 0.0)) < 70**2
    )
    own &= shrink(person.mask) > 0.5
    inside = cv2.erode(own.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    if np.count_nonzero(inside) < 30:
        return SkinLook(light, strength, DEFAULT.grain, DEFAULT.mottle)
    # Detail patches lie wholly in skin (`_wholly_skin`), off the face (eyes, brows and
    # lips are no skin) where enough of the body's skin shows; only when the face is seen:
    # without it what passes for skin may be a beige tee, its smooth cloth laid as the
    # skin's detail (the drawn grain stands in then).
    reach = 2 * int(np.ceil(_detail_extent(person.shoulder_width)[0] / factor)) + 1
    off_face = shrink(person.face) == 0

    def spread(region: NDArray[np.bool_]) -> NDArray[np.intp]:
        # Up to `DETAIL_PATCHES` centres spread over `region` (shrunk), full size, wholly skin.
        ys, xs = np.nonzero(cv2.erode(region.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0)
        pick = np.linspace(0, len(ys) - 1, min(DETAIL_PATCHES, len(ys))).astype(int)
        return _wholly_skin(person, np.stack([ys[pick], xs[pick]], axis=1) * factor + factor // 2)

    patches = None
    if cheeks is not None:
        centres = spread(own & off_face)
        patches = _detail_patches(person.image, centres, person.shoulder_width)
        if patches is None:
            # Too little of the body's skin shows (a person in long sleeves, the neck in the
            # chin's shade): the face's own as well, its cheeks and forehead (the eyes,
            # brows, lips and the nose's sides are no skin, and are left out as such).
            face = np.concatenate([centres, spread(own & ~off_face)])
            patches = _detail_patches(person.image, face, person.shoulder_width)
        if patches is None:
            # Dark strokes in every patch of the body's skin are its own: a man's arm hair.
            patches = _detail_patches(person.image, centres, person.shoulder_width, lines=True)
    # The body's own skin is looked for where it surely is skin when it shows: the neck
    # below the face, and the hands. Elsewhere a camel coat or beige trousers would pass.
    near = np.zeros(lab.shape[:2], np.uint8)
    points: NDArray[np.float64] = (np.asarray(person.points, np.float64) + 0.5) / factor - 0.5
    s = person.shoulder_width / factor
    neck = (points[L_SHOULDER] + points[R_SHOULDER]) / 2
    cv2.ellipse(
        near,
        tuple(int(v) for v in neck - (0, s * 0.25)),
        (max(1, int(s * 0.35)), max(1, int(s * 0.3))),
        0,
        0,
        360,
        255,
        -1,
    )
    for hand in HAND_POINTS:
        if person.visibility[hand[0]] >= 0.5:
            cv2.circle(near, tuple(int(v) for v in points[list(hand)].mean(axis=0)), max(1, int(s * 0.15)), 255, -1)
    body = inside & (near > 0) & off_face
    # Only clearly skin-hued pixels: a white shirt's shadows or grey trousers pass the
    # looser skin test, and would turn the rebuilt skin grey.
    hue = np.hypot(lab[:, :, 1] - person.skin_lab[1], lab[:, :, 2] - person.skin_lab[2])
    body &= plausible_skin(lab) & (hue < 8)
    # ...and only as light as the face's skin, give or take the light: a beige tee's
    # collar round a darker neck has the skin's hue, and taken for the neck it would
    # rebuild the bared arms in the old tee's colour.
    body &= np.abs(lab[:, :, 0] - person.skin_lab[0]) < max(TONE_LIGHTNESS, person.skin_lab[0] * 0.2)
    if np.count_nonzero(body) < 30:
        body = _under_lit_face(person, lab, near, ~off_face, shrink(person.mask) > 0.5, points, s)
    tone = None
    if np.count_nonzero(body) >= 30:
        tone = tuple(float(v) for v in np.median(lab[body], axis=0))
    # The grain and the mottle are read on the neck and hands where they show, else on
    # what passes for skin only when the face is seen, as the detail is: without it that
    # may be a knit or a plaid sleeve, its weave drawn over the bared arms as a coarse
    # stipple (the defaults, a studio's smooth skin, stand in). Nor, without the face to
    # show a grainy photo, is more than smooth skin's grain taken from the neck and hands
    # (a skin-coloured knit passes for them too).
    surely = body if np.count_nonzero(body) >= 30 else None if cheeks is None else inside
    most = GRAIN_MOST if cheeks is not None else GRAIN_UNSEEN_MOST
    grain, mottle = DEFAULT.grain, DEFAULT.mottle
    if surely is not None:
        # Grain is measured well inside the skin: within a shrunk pixel of it all round.
        deep = cv2.erode(surely.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        ys, xs = np.nonzero(deep if np.count_nonzero(deep) >= 10 else surely)
        pick = np.linspace(0, len(ys) - 1, min(24, len(ys))).astype(int)
        centres = np.stack([ys[pick], xs[pick]], axis=1) * factor + factor // 2
        measured = _grain(person.image, centres, max(2, factor - 1))
        grain = DEFAULT.grain if measured is None else float(np.clip(measured, 0.004, most))
        # Broad variation is what remains at the scale the mottle is drawn at (a few
        # percent of the body), not the shading across a limb (that is drawn from the light).
        sigma = max(0.8, person.shoulder_width * 0.04 / factor)
        broad = cv2.GaussianBlur(lab, (0, 0), sigma) - cv2.GaussianBlur(lab, (0, 0), sigma * 4)
        mottle = tuple(
            float(np.clip(_robust_std(broad[:, :, c][surely]), 0.3, limit))
            for c, limit in ((0, 2.5), (1, 1.0), (2, 1.0))
        )
    return SkinLook(light, strength, grain, mottle, tone, patches)


def lit(tilt_x: NDArray[np.float32], tilt_y: NDArray[np.float32], look: SkinLook) -> NDArray[np.float32]:
    """Brightness under the light of a surface whose unit normals have these picture-right
    and down parts (the rest faces the camera), 1 where it faces the camera. The light
    wraps a little round the form, as soft light does, so the shadow side fades rather
    than ends."""
    lx, ly, lz = look.light
    towards = np.sqrt(np.clip(1 - tilt_x * tilt_x - tilt_y * tilt_y, 0, 1))
    facing = tilt_x * np.float32(lx) + tilt_y * np.float32(ly) + towards * np.float32(lz)
    wrap = 0.4
    direct = np.clip((facing + wrap) / (1 + wrap), 0, 1)
    front = (lz + wrap) / (1 + wrap)
    ambient = 1 - look.strength
    return ((ambient + look.strength * direct) / (ambient + look.strength * front)).astype(np.float32)


#: How much darker a rebuilt limb is where its surface is edge-on at its outline than
#: where it faces the camera: bare forearms and upper arms on the devset are 25-40%
#: darker at both edges than at their lightest, lit side or not (the room's light
#: reaches an edge from half the directions only).
RIM_SHADE = 0.45
#: The most a limb's half width may be (shoulder widths): further in from its outline
#: than this is its middle, however wide the skin round it is (a torso beside it).
RIM_HALF_MOST = 0.12
RIM_SAMPLES = 8


def turned_away(solid: NDArray[np.bool_], shoulder_width: float) -> NDArray[np.float32]:
    """1 less up to `RIM_SHADE` towards the outline of `solid` (the skin and what goes on
    with it), as a cylinder whose edge is that outline turns away: read on the outline
    that is drawn, not on a cylinder round the pose's bone. Cut by an old sleeve's
    outline or the person's, a rebuilt arm was lit to its edge: a flat tube."""
    # Read on a copy shrunk to about `RIM_SAMPLES` pixels a half width: the shade is
    # smooth, and at full size the distances cost a tenth of a second.
    h, w = solid.shape
    factor = max(1, int(shoulder_width * RIM_HALF_MOST / RIM_SAMPLES))
    small = cv2.resize(
        solid.astype(np.float32), (max(1, w // factor), max(1, h // factor)), interpolation=cv2.INTER_AREA
    )
    distance = cv2.distanceTransform((small > 0.5).astype(np.uint8), cv2.DIST_L2, 5) + np.float32(0.5)
    most = max(2.0, shoulder_width * RIM_HALF_MOST / factor)
    side = 2 * int(most) + 1
    half = np.minimum(cv2.dilate(distance, np.ones((side, side), np.uint8)), np.float32(most))
    out = np.clip(1 - distance / np.maximum(half, 1.0), 0, 1)
    shade = 1 - RIM_SHADE * (1 - np.sqrt(1 - out * out))
    return np.asarray(cv2.resize(shade, (w, h), interpolation=cv2.INTER_LINEAR), np.float32)


def noise(shape: tuple[int, int], sigma: float, seed: int) -> NDArray[np.float32]:
    """Smooth random variation of unit std, blobs about `sigma` pixels across; the same
    for the same shape and seed, so a render is repeatable. Broad blobs are made on a
    smaller grid and enlarged: as smooth, and far cheaper."""
    factor = max(1, int(sigma // 3))
    h, w = shape
    field = np.empty((max(1, -(-h // factor)), max(1, -(-w // factor))), np.float32)
    cv2.setRNGSeed(seed)
    cv2.randn(field, 0.0, 1.0)
    if sigma > 0.3:
        field = cv2.GaussianBlur(field, (0, 0), sigma / factor)
    if factor > 1:
        field = cv2.resize(field, (field.shape[1] * factor, field.shape[0] * factor), interpolation=cv2.INTER_LINEAR)[
            :h, :w
        ]
    spread = float(field.std())
    return field / max(spread, 1e-6)


@functools.cache
def _grain_unit() -> float:
    """The grain, as `_grain` measures it, of unit `noise` at the grain's scale."""
    field = noise((96, 96), GRAIN_SIGMA, 0)
    fine = field - cv2.GaussianBlur(field, (0, 0), 1.5)
    return _robust_std(fine[3:-3, 3:-3].ravel())


#: The size of the grain's specks, in pixels.
GRAIN_SIGMA = 0.7


def grain(shape: tuple[int, int], look: SkinLook, seed: int = 7) -> NDArray[np.float32]:
    """Fine relative luminance texture with the person's grain as `fitroom.checks`
    measures it (the luminance less its blur at 1.5 px)."""
    return noise(shape, GRAIN_SIGMA, seed) * np.float32(look.grain / max(_grain_unit(), 1e-6))


def detail(shape: tuple[int, int], look: SkinLook, seed: int = 7) -> NDArray[np.float32]:
    """Relative luminance detail for rebuilt skin: the person's own skin's (`look.patches`)
    laid as overlapping patches, each turned or mirrored at random and feathered into its
    neighbours, at their own scale and level; the drawn `grain` where none were taken.

    Drawn noise matched the finest grain only, and a fill made at the analysis size and
    enlarged has none of the skin's detail between that and its broad mottle: plastic."""
    patches = look.patches
    if patches is None:
        return grain(shape, look, seed)
    h, w = shape
    side = patches.shape[1]
    step = max(1, side // 2)
    ramp = np.sin(np.linspace(0, np.pi, side + 2)[1:-1]).astype(np.float32)
    feather = np.outer(ramp, ramp)
    rows, cols = -(-h // step) + 1, -(-w // step) + 1
    # Patches `apart` steps apart in both directions do not overlap: each such set is
    # laid in one go as a grid of tiles (laid one by one, the patches cost a quarter of
    # the composite).
    apart = -(-side // step)
    tile = apart * step
    total = np.zeros(((rows + apart) * step + side, (cols + apart) * step + side), np.float32)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(patches), (rows, cols))
    turns = rng.integers(0, 8, (rows, cols))
    turned = np.stack([np.rot90(patches, turn, axes=(1, 2)) for turn in range(4)])
    laid_out = np.concatenate([turned, turned[:, :, :, ::-1]]) * feather
    for r in range(apart):
        for c in range(apart):
            chosen = laid_out[turns[r::apart, c::apart], picks[r::apart, c::apart]]
            down, across = chosen.shape[:2]
            tiles = np.zeros((down, across, tile, tile), np.float32)
            tiles[:, :, :side, :side] = chosen
            y, x = r * step, c * step
            total[y : y + down * tile, x : x + across * tile] += tiles.transpose(0, 2, 1, 3).reshape(
                down * tile, across * tile
            )
    # The feathers' sum is the same ramp summed along each axis, multiplied.
    along_y = np.zeros(total.shape[0], np.float32)
    along_x = np.zeros(total.shape[1], np.float32)
    for r in range(rows):
        along_y[r * step : r * step + side] += ramp
    for c in range(cols):
        along_x[c * step : c * step + side] += ramp
    # Divided over the part kept only (the margins are patches cut by the edge).
    kept = slice(side // 2, side // 2 + h), slice(side // 2, side // 2 + w)
    laid = total[kept] / np.maximum(np.outer(along_y[kept[0]], along_x[kept[1]]), 1e-6)
    # Overlapping patches average each other down: brought back to the patches' own spread.
    own = _robust_std(patches.ravel())
    made = _robust_std(laid[:: max(1, h // 64), :: max(1, w // 64)].ravel())
    laid *= np.float32(own / max(made, 1e-6))
    return laid


#: How far round a rebuilt pixel the person's visible skin sets its tone, in shoulder
#: widths: the hand for the forearm, the neck and chest for the upper arm and shoulders.
NEAREST_REACH = 0.35
#: How far the tone near a rebuilt limb may stray from the person's own (Lab L, then a
#: and b): a hand in a pocket's shade or a sunlit cheek is the limb's light, not its skin.
NEAREST_STRAY = (20.0, 8.0)


def nearest_tone(
    lab: NDArray[np.float32], seen: NDArray[np.bool_], tone: tuple[float, float, float], reach: float
) -> NDArray[np.float32]:
    """The skin's colour (Lab) at each pixel, from the visible skin (`seen`) within about
    `reach` pixels, and the person's `tone` where none is near.

    One tone for the whole body made rebuilt arms paler or yellower than the hands and
    neck beside them (the tone is read mostly from the face, which is lit and made up)."""
    own = np.asarray(tone, np.float32)
    weight = seen.astype(np.float32)
    density = blur(weight, reach)
    # The person's tone counts as a little skin everywhere: where the visible skin is
    # sparse and far, it wins.
    prior = np.float32(0.03)
    field = np.empty(lab.shape, np.float32)
    for channel, stray in ((0, NEAREST_STRAY[0]), (1, NEAREST_STRAY[1]), (2, NEAREST_STRAY[1])):
        local = (blur(lab[:, :, channel] * weight, reach) + prior * own[channel]) / (density + prior)
        field[:, :, channel] = np.clip(local, own[channel] - stray, own[channel] + stray)
    return field


def toned_like(person: Person, lightness: float) -> NDArray[np.bool_]:
    """What passes for the person's skin (`colour.skin_like`, by the colour read off the
    face), or has its hue and lies within `NEAREST_STRAY` of the body's tone's `lightness`.
    On a dark glossy face the cheeks are its highlight: the arms' and hands' shaded half
    lay beyond `skin_like`, and the skin rebuilt beside them took their lit half's colour."""
    if abs(lightness - float(person.skin_lab[0])) + NEAREST_STRAY[0] <= SKIN_LIGHTNESS:
        return skin_like(person)  # the tone's window lies within `skin_like`'s
    lab = person.lab()
    chroma = np.hypot(lab[:, :, 1] - person.skin_lab[1], lab[:, :, 2] - person.skin_lab[2])
    near = np.abs(lab[:, :, 0] - lightness) < NEAREST_STRAY[0]
    return skin_like(person) | (near & (chroma < SKIN_CHROMA))


#: How far below the visible neck (shoulder widths) the rebuilt skin keeps its column
#: profile before it gives way to the torso's own tone and shading.
NECK_REACH = 0.35
#: How tall a band of the visible neck (shoulder widths) its column profile is read from.
NECK_BAND = 0.06


def continued_down(
    lab: NDArray[np.float32],
    seen: NDArray[np.bool_],
    rebuilt: NDArray[np.bool_],
    columns: NDArray[np.bool_],
    gap: int,
    band: int,
    reach: float,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """The visible skin just above what is rebuilt, continued straight down: per column
    (of `columns`), the mean Lab of the `band` rows of `seen` skin ending `gap` rows above
    the top of the rebuilt run, and how much it counts (1 at that top, 0 `reach` rows
    below). A neck rebuilt from one tone and a cylinder's shading has none of the real
    neck's profile (darker at the sides, lighter down its middle) and meets it with a
    blotchy seam; continued down, it goes on as the neck it is."""
    h, w = rebuilt.shape
    top = np.where(rebuilt.any(axis=0), np.argmax(rebuilt, axis=0), h)
    rows = np.arange(h)[:, None]
    inband = seen & (rows >= top - gap - band) & (rows < top - gap) & columns[None, :]
    counts = inband.sum(axis=0)
    ok = (counts >= max(1, band // 2)) & (top < h)
    sums = np.einsum("yx,yxc->xc", inband.astype(np.float32), lab)
    # Smoothed across (a normalised convolution over the columns read), so one column's
    # stray pixels do not streak down the neck.
    size = 4 * band + 1
    known = ok.astype(np.float32)[None, :]
    profile = cv2.GaussianBlur(sums[None, :, :] * ok[None, :, None], (size, 1), band)[0]
    profile /= np.maximum(cv2.GaussianBlur(counts[None, :].astype(np.float32) * known, (size, 1), band)[0], 1e-3)[
        :, None
    ]
    profile = profile.astype(np.float32)
    weight = np.clip(1 - (rows - top[None, :]) / max(reach, 1.0), 0, 1) * (rows >= top[None, :]) * ok[None, :]
    return np.broadcast_to(profile[None, :, :], (h, w, 3)), weight.astype(np.float32) * rebuilt


#: How far into the rebuilt skin (shoulder widths) the step to the visible skin beside it
#: is spread out, and how wide (shoulder widths) the band of visible skin it is read on.
SEAM_REACH = 0.25
SEAM_BAND = 0.05
#: The largest step (Lab L, then a and b) taken out: beyond it the "skin" beside is more
#: likely a shadow, a highlight or a stray that only passes for skin; in hue, more
#: tinted a wide patch of chest olive or grey.
SEAM_STEP = (25.0, 4.0)


def matched_at_seam(
    lab_skin: NDArray[np.float32],
    lab: NDArray[np.float32],
    seen: NDArray[np.bool_],
    rebuilt: NDArray[np.bool_],
    gap: int,
    shoulders: float,
) -> NDArray[np.float32]:
    """`lab_skin` (the rebuilt skin, Lab) with its step to the visible skin beside it
    (`seen`, read within `gap` plus a band of the `rebuilt` region) taken out near that
    seam, fading to nothing `SEAM_REACH` in.

    A tone field and a cylinder's shading come close to the chest's own skin but not to
    it: the old neckline (a V, a scoop) stayed as a line and a step in tone where the
    kept chest met the rebuilt one, and the torso beside a kept arm was a shade off it.
    Above the rebuilt skin the step is read against the rebuilt skin just below the seam,
    not the field's value at the kept pixel: below a neck the rebuilt skin is the neck
    continued down (`continued_down`), which the field outside is not, and a step
    stayed along an old crew neck."""
    if not rebuilt.any() or not seen.any():
        return lab_skin
    band = max(2, int(shoulders * SEAM_BAND))
    size = 2 * (gap + band) + 1
    near = cv2.dilate(rebuilt.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))) > 0
    seam = (seen & near & ~rebuilt).astype(np.float32)
    if not seam.any():
        return lab_skin
    # Above the rebuilt skin (an old neckline) the step is read against the rebuilt skin
    # just below; beside it (a kept arm) against the field, which carries the torso's
    # rounded side shade out to the arm.
    made = rebuilt.astype(np.uint8)
    above = cv2.dilate(made, np.ones((gap + band + 1, 1), np.uint8), anchor=(0, 0)) > 0
    inside = masked_blur(lab_skin, np.repeat(made[:, :, None].astype(np.float32), 3, axis=2), float(gap + band))
    reference = np.where(above[:, :, None], inside, lab_skin)
    reach = max(2.0, shoulders * SEAM_REACH)
    # Read close along the seam (a lit V's middle and its darker sides differ), and
    # further off where too little of the seam is close.
    close, wide = max(1.5, shoulders * SEAM_BAND), reach / 2
    close_norm, wide_norm = blur(seam, close), np.maximum(blur(seam, wide), 1e-4)
    share = np.clip(close_norm / 0.1, 0, 1)
    far = cv2.distanceTransform((seam == 0).astype(np.uint8), cv2.DIST_L2, 3)
    fade = np.clip(1 - far / reach, 0, 1).astype(np.float32)
    fade *= fade * (3 - 2 * fade)  # eased in, so the correction ends without a kink
    out = lab_skin.copy()
    for channel, limit in ((0, SEAM_STEP[0]), (1, SEAM_STEP[1]), (2, SEAM_STEP[1])):
        differences = (lab[:, :, channel] - reference[:, :, channel]) * seam
        near = blur(differences, close) / np.maximum(close_norm, 1e-4)
        step = share * near + (1 - share) * blur(differences, wide) / wide_norm
        out[:, :, channel] += np.clip(step, -limit, limit) * fade
    return out


#: The most fine detail laid on rebuilt torso skin: the robust std of the laid relative
#: luminance less its blur at `CHEST_SIGMA` pixels. Real bare chests and décolletés in
#: the devset (tanks, camis, strapless dresses, basic size) read 0.007-0.014 in all,
#: the photo's own noise and the fill's mottle included; a man's hairy forearms laid as
#: the chest's detail read up to twice that: a hairy, speckled sticker.
CHEST_DETAIL_MOST = 0.005
#: ...and on rebuilt legs with no own shin to read: real bare shins on the devset's
#: studio photos (`ootd--053228_0`, `053700_0`, basic) read 0.011 by the same measure
#: on the render, the neck's and hands' detail laid in full 0.016-0.022 (a sandpaper
#: stipple), calmed to the chest's 0.0075-0.010 (plastic).
LEG_DETAIL_MOST = 0.008
CHEST_SIGMA = 4.0
#: The side of the window (pixels) the laid detail's level is read on.
CHEST_WINDOW = 128
#: How far the forearms' zone's edge is softened, in shoulder widths.
CHEST_SOFT = 0.06


#: How wide (shoulder widths) a forearm is taken to be where its own detail is kept.
FOREARM_WIDTH = 0.3


def off_forearms(
    points: NDArray[np.floating[Any]], shoulder_width: float, shape: tuple[int, int]
) -> NDArray[np.float32]:
    """How much of each pixel lies off the forearms (0..1): the trunk, shoulders and
    upper arms, whose skin is about as smooth as a chest's. Calmed only on the trunk's
    front, the rebuilt shoulders beside it stayed hairy round a smooth V: a sticker."""
    h, w = shape
    factor = 4
    small = np.zeros((max(1, h // factor), max(1, w // factor)), np.float32)
    width = max(1, int(shoulder_width * FOREARM_WIDTH / factor))
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        p, q = np.asarray(points[elbow], np.float64), np.asarray(points[wrist], np.float64)
        beyond = q + (q - p) * 0.3
        start, end = (tuple(int(v) for v in at / factor) for at in (p, beyond))
        cv2.line(small, start, end, 1.0, width)
    small = cv2.GaussianBlur(small, (0, 0), max(0.7, shoulder_width * CHEST_SOFT / factor))
    return (1 - cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)).astype(np.float32)


def calmed_on_chest(
    laid: NDArray[np.float32], chest: NDArray[np.float32], most: float = CHEST_DETAIL_MOST
) -> NDArray[np.float32]:
    """`laid` detail (see `detail`) brought down on the chest (`chest`: how much of each
    pixel is chest) to at most a real chest's fine detail (`most`; on legs, a shin's).

    The detail is read on the person's visible skin, mostly the forearms: laid over a
    bared chest at their level, a man's arm hair and a forearm's blotches made the chest
    hairy, grey or blotchy."""
    # Read on a window of the chest's middle: the laid detail is alike all over.
    ys, xs = np.flatnonzero(chest.max(axis=1) > 0.5), np.flatnonzero(chest.max(axis=0) > 0.5)
    if len(ys) < 6 or len(xs) < 6:
        return laid
    y, x, half = int(np.median(ys)), int(np.median(xs)), CHEST_WINDOW // 2
    window = laid[max(0, y - half) : y + half, max(0, x - half) : x + half]
    level = _robust_std((window - cv2.GaussianBlur(window, (0, 0), CHEST_SIGMA)).ravel())
    factor = min(1.0, most / max(level, 1e-6))
    if factor >= 1.0:
        return laid
    return (laid * (1 - (1 - np.float32(factor)) * chest)).astype(np.float32)


#: The upper chest's relief (`chest_relief`), in shoulder widths from the shoulders'
#: midpoint: the collarbones run from beside the notch (`CLAVICLE_INNER` out, `CLAVICLE_HIGH`
#: above that midpoint) out to `CLAVICLE_OUTER`, rising by `CLAVICLE_RISE` towards the
#: shoulders, where the pose's shoulder points lie below the bone's outer end.
CLAVICLE_INNER, CLAVICLE_OUTER = 0.06, 0.4
CLAVICLE_HIGH, CLAVICLE_RISE = 0.04, 0.05
#: The relief's parts, as shares of lightness at a light of `RELIEF_STRENGTH` (stronger
#: light, deeper relief): the bone's soft highlight, the shade below it, the hollow above
#: it; the notch between the bones; the neck's base in the chin's and jaw's shade; the
#: upper chest turned up to the light; the shallow groove down the breastbone.
#: Kept faint: collarbones drawn as lines read as drawn, worse than none.
RELIEF_STRENGTH = 0.3
BONE_LIGHT, BONE_SHADE, BONE_HOLLOW = 0.015, 0.03, 0.025
NOTCH_SHADE = 0.05
NECK_SHADE = 0.06
CHEST_LIGHT = 0.03
STERNUM_SHADE = 0.015


def _bump(values: NDArray[np.float32], centre: float, sigma: float) -> NDArray[np.float32]:
    """A Gaussian bump of height 1 at `centre`."""
    return np.exp(-0.5 * ((values - np.float32(centre)) / np.float32(sigma)) ** 2).astype(np.float32)


def _ramp(values: NDArray[np.float32], start: float, end: float) -> NDArray[np.float32]:
    """0 at `start`, 1 at `end`, eased (smoothstep) between."""
    t = np.clip((values - np.float32(start)) / np.float32(end - start), 0, 1)
    return (t * t * (3 - 2 * t)).astype(np.float32)


def chest_relief(
    shape: tuple[int, int],
    neck: NDArray[np.floating[Any]],
    right: NDArray[np.floating[Any]],
    down: NDArray[np.floating[Any]],
    shoulder_width: float,
    look: SkinLook,
) -> NDArray[np.float32]:
    """The relative lightness (1: none) of the upper chest's relief, placed from the pose:
    `neck` the shoulders' midpoint, `right` and `down` the torso's unit axes.

    A rebuilt chest was lit as a cylinder, even from the neck down: one colour with no
    shade at the neck's base, no collarbones, no breastbone; beside the real neck and its
    shading it read as flat paint. Real upper chests shade faintly but in this order from
    the neck down: the neck's base in the chin's shade, the notch, the bones' ridge with a
    hollow above and a shade below, the upper chest turned up to the light."""
    h, w = shape
    s = max(float(shoulder_width), 1.0)
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(neck[1])
    u = (xs * np.float32(right[0]) + ys * np.float32(right[1])) / np.float32(s)
    v = (xs * np.float32(down[0]) + ys * np.float32(down[1])) / np.float32(s)
    out = np.abs(u)
    # The bone's line and how far each pixel lies below it.
    line = -CLAVICLE_HIGH - CLAVICLE_RISE * _ramp(out, CLAVICLE_INNER, CLAVICLE_OUTER)
    below = v - line
    along = _ramp(out, CLAVICLE_INNER - 0.02, CLAVICLE_INNER + 0.04) * (
        1 - _ramp(out, CLAVICLE_OUTER - 0.08, CLAVICLE_OUTER + 0.04)
    )
    hollow = _ramp(out, 0.1, 0.15) * (1 - _ramp(out, 0.28, 0.36))
    bone = along * (
        BONE_LIGHT * _bump(below, 0.0, 0.022)
        - BONE_SHADE * _bump(below, 0.045, 0.03)
        - BONE_HOLLOW * hollow * _bump(below, -0.045, 0.022)
    )
    notch = -NOTCH_SHADE * _bump(u, 0.0, 0.035) * _bump(v, -CLAVICLE_HIGH, 0.03)
    neck_base = -NECK_SHADE * _bump(u, 0.0, 0.1) * (1 - _ramp(v, -CLAVICLE_HIGH - 0.08, -CLAVICLE_HIGH + 0.02))
    chest = CHEST_LIGHT * _bump(u, 0.0, 0.3) * _bump(v, 0.15, 0.08)
    sternum = -STERNUM_SHADE * _bump(u, 0.0, 0.025) * _ramp(v, 0.0, 0.06) * (1 - _ramp(v, 0.2, 0.32))
    depth = np.float32(np.clip(look.strength / RELIEF_STRENGTH, 0.8, 1.5))
    return (1 + depth * (bone + notch + neck_base + chest + sternum)).astype(np.float32)


#: How far down from the shoulders' outline (shoulder widths) their tops turn away from
#: the camera, how much darker they are at the outline, and how far out from the midline
#: (shoulder widths) they begin: the neck's sides, inside that, are the neck's own.
SHOULDER_TOP_REACH = 0.07
SHOULDER_TOP_SHADE = 0.1
SHOULDER_TOP_FROM = (0.12, 0.2)


def shoulder_tops(
    mask: NDArray[np.bool_], neck: NDArray[np.floating[Any]], right: NDArray[np.floating[Any]], shoulder_width: float
) -> NDArray[np.float32]:
    """The relative lightness (1: none) of the shoulders' tops turning away from the
    camera towards their outline (`mask`: the person), beside the neck.

    The torso's cylinder turns only sideways: its top from the neck out to the arms was
    lit evenly right up to the outline, a flat shelf cut out of paper, the arm's round cap
    standing apart beside it."""
    h, w = mask.shape
    s = max(float(shoulder_width), 1.0)
    top = np.where(mask.any(axis=0), np.argmax(mask, axis=0), h).astype(np.float32)
    rows = np.arange(h, dtype=np.float32)[:, None]
    below = np.clip((rows - top[None, :]) / np.float32(s * SHOULDER_TOP_REACH), 0, 1)
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(neck[0])
    ys = rows - np.float32(neck[1])
    out = np.abs(xs * np.float32(right[0]) + ys * np.float32(right[1])) / np.float32(s)
    beside = _ramp(out, *SHOULDER_TOP_FROM)
    return (1 - SHOULDER_TOP_SHADE * beside * (1 - below) ** 2).astype(np.float32)
