"""`fitroom eval`: render every person × garment pair, write contact sheets and per-pair metrics.

Metrics per pair: time per stage, failure code, share of pixels changed outside the
edited region (must be 0), median CIEDE2000 between the product's colour and the
rendered garment's, coverage of the target body region, and garment pixels spilled
off the body (garments only: an accessory covers no body region). Then the checks of
`fitroom.checks` for what a shopper sees (flat rebuilt skin, sleeves off the arms, a
garment set aside, old garment left, garment over the face, a garment too wide or
narrow; an earring away from the ears): a pair that breaks one is listed with its faults. The sheets put input,
garment and result side by side, to be looked at, faults under them, and a close-up
of the edited part: a watch or an earring is a few pixels in a whole-body thumbnail.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw
from skimage.color import deltaE_ciede2000, rgb2lab

from fitroom import checks
from fitroom.domain import SwapTarget, TierName
from fitroom.engines.base import EngineError, RenderOptions
from fitroom.engines.classic import ClassicEngine, RenderReport, memo, prints
from fitroom.engines.classic.accessories import landmarks
from fitroom.engines.classic.accessories.place import (
    BACKPACK_STRAP_WIDTH,
    BAG_KNEES_SEEN,
    HAT_PER_FACE,
    face_width_3d,
    foot_ground,
    old_hat,
    skin_hued,
    without_strap,
    worn_on_back,
)
from fitroom.engines.classic.accessories.worn import frame_window, old_frame, wears_glasses, worn_earrings
from fitroom.engines.classic.arms import (
    FOREARM_WIDTH,
    KEPT_FROM,
    WRIST_PAST,
    bare_arms_beside,
    bare_forearms_in_front,
    bare_forearms_over_bottom,
    crossed_forearms,
    own_skin,
    raised_forearms,
    sleeves_over_bottom,
    worn_top_colour,
)
from fitroom.engines.classic.body import Frame, torso_frame, torso_zone
from fitroom.engines.classic.colour import skin_like, squared_distance
from fitroom.engines.classic.composite import ANALYSIS_SIDE
from fitroom.engines.classic.garment import Garment, analyse_garments, long_sleeved
from fitroom.engines.classic.hair import HAIR_REACH, HAIR_WEIGHTS, fair_hair_in_front, hair_colour, hair_in_front
from fitroom.engines.classic.hands import fingers_hidden, fingers_in_clothes
from fitroom.engines.classic.held import held_in_front
from fitroom.engines.classic.old_garment import (
    CROTCH_DROP,
    HEM_LINE_CONTRAST,
    HEM_LINE_LEAST,
    HEM_LINE_SLACK,
    HEM_LINE_STEP,
    bare_legs,
    below_line,
    bottom_coloured,
    coat_hem,
    colours_apart,
    kept_top,
    open_coat,
    same_colour_hem,
    worn_bottom,
    worn_colours,
    worn_knit_sleeves,
)
from fitroom.engines.classic.outer_coat import outer_coat
from fitroom.engines.classic.person import (
    L_ANKLE,
    L_EAR,
    L_ELBOW,
    L_EYE,
    L_HAND_TIPS,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    MOUTH_L,
    MOUTH_R,
    NOSE,
    R_ANKLE,
    R_EAR,
    R_ELBOW,
    R_EYE,
    R_HAND_TIPS,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    hand_discs,
    leg_pose,
    legs_at_rest,
    plausible_skin,
    thigh_drop,
    torso_in_faces,
    torso_lean,
    wrist_height,
)
from fitroom.engines.classic.placement import FULL_LENGTH, SLEEVE_FADE, parts_into_legs
from fitroom.engines.classic.rebuild import ARMPIT, HEM_CLEAR, SOLID, beside_sides
from fitroom.engines.classic.skin import off_forearms
from fitroom.imaging import decode_image

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
#: Garment folders of the devset and the swap_target each stands for; an accessory's folder
#: is named after its target.
FOLDER_TARGETS: dict[str, str] = {
    "tops": SwapTarget.TOP,
    "bottoms": SwapTarget.BOTTOM,
    "dresses": SwapTarget.DRESS,
    "jackets": SwapTarget.JACKET,
    "on_model": SwapTarget.TOP,
    **{
        target.value: target
        for target in (
            SwapTarget.WATCH,
            SwapTarget.GLASSES,
            SwapTarget.HAT,
            SwapTarget.SHOES,
            SwapTarget.BAG,
            SwapTarget.JEWELRY,
        )
    },
}
#: Failures that say the body part the item needs is not in the photo (feet for shoes, a
#: wrist for a watch): right answers, reported apart from the engine's real failures.
NOT_IN_PHOTO = "pose_not_supported"
TILE = 256
#: How far round the rebuilt skin the person's own skin is compared for its tone, in
#: shoulder widths: the hands beside bared forearms, the neck above bared shoulders.
TONE_REACH = 0.5
#: How far either side of the old garment's edge its outline is looked for, in torso
#: widths: about its soft edge in the photo and the mask's enlargement from the analysis size.
OUTLINE_WIDTH = 0.012
#: How far from the shoulders' line to the hips' (0..1) `loose_fill` reads: below, a top's
#: old place between the hips is the bottom it hid, not the backdrop.
LOOSE_WAIST = 0.6
#: Person-mask values below this are clear backdrop (not its soft rim), for `backdrop_smear`.
BACKDROP_MASK = 0.1
#: Where the person's mask is under this, a garment's outline lies over the backdrop (`outline_blur`).
OFF_BODY_MASK = 0.5
#: How far round a refilled backdrop pixel (torso widths) the photo's own backdrop is averaged.
BACKDROP_REACH = 0.3
LABEL = 30  # room under each row for its name and faults


@dataclass
class PairResult:
    person: str
    garment: str
    target: str
    ok: bool
    code: str | None = None
    message: str | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    changed_outside_edit: float | None = None
    delta_e: float | None = None
    coverage: float | None = None
    spill: float | None = None
    output: str | None = None
    kind: str | None = None  # the accessory kind placed (watch, earrings, …), None for garments
    focus: tuple[int, int, int, int] | None = None  # box round the edited pixels, for the close-up
    checks: dict[str, float | None] = field(default_factory=dict)  # fitroom.checks values
    faults: list[str] = field(default_factory=list)  # the checks it fails


def images_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def target_for(garment: Path, default: str) -> str:
    return FOLDER_TARGETS.get(garment.parent.name, default)


def _region(report: RenderReport, target: str) -> NDArray[np.bool_]:
    """The body region a garment of this kind should cover."""
    person = report.person
    h, w = report.input.shape[:2]
    chains: dict[str, tuple[int, int, int, int]] = {
        SwapTarget.BOTTOM: (L_HIP, R_HIP, R_KNEE, L_KNEE),
        SwapTarget.DRESS: (L_SHOULDER, R_SHOULDER, R_KNEE, L_KNEE),
    }
    chain = chains.get(target, (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP))
    if target == SwapTarget.BOTTOM and person.visible(L_ANKLE, R_ANKLE, threshold=0.5):
        chain = (L_HIP, R_HIP, R_ANKLE, L_ANKLE)
    polygon = np.array([person.pt(i) for i in chain], np.float32)
    centre = polygon.mean(axis=0)
    polygon = (centre + (polygon - centre) * 0.8).astype(np.int32)  # the inner part: clothes surely cover it
    mask = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(mask, polygon, (1,))
    return (mask > 0) & (person.mask > 0.5)


#: How far beside the new garment (shoulder widths) the old one is looked for where the
#: engine did not take it: a strip between the panel and the arm, an old hem or collar.
BESIDE_NEW = 0.08


def _beside_new(
    report: RenderReport, target: str, cover: NDArray[np.float32], width: float, least: float = 0.5
) -> NDArray[np.bool_]:
    """The person's pixels (mask over `least`) within `BESIDE_NEW` shoulder widths of the new garment, inside
    its body region (shoulders to hips for a top, hips to knees for a bottom, shoulders
    to knees for a dress) widened sideways by as much: never below a top's hips, where
    trousers of the old top's colour may rightly start."""
    person = report.person
    h, w = cover.shape
    reach = max(1, int(width * BESIDE_NEW))
    chains: dict[str, tuple[int, int, int, int]] = {
        SwapTarget.BOTTOM: (L_HIP, R_HIP, R_KNEE, L_KNEE),
        SwapTarget.DRESS: (L_SHOULDER, R_SHOULDER, R_KNEE, L_KNEE),
    }
    a, b, c, d = (person.pt(i).astype(np.float64) for i in chains.get(target, (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)))
    out = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6) * reach * 2
    up = (a + b - c - d) / max(float(np.linalg.norm(a + b - c - d)), 1e-6) * reach * 2
    quad = np.array([a - out + up, b + out + up, c + out, d - out], np.int32)
    body = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(body, quad, (1,))
    solid = (cover > 0.5).astype(np.uint8)
    near = cv2.dilate(solid, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    return np.asarray(near & (solid == 0) & (body > 0) & (person.mask > least), dtype=bool)


def measure(report: RenderReport, target: str) -> dict[str, float | None]:
    output = np.asarray(report.image)
    changed = np.any(output != report.input, axis=2)
    edited = report.edited if report.edited is not None else np.zeros(changed.shape, bool)
    cover = report.garment_cover if report.garment_cover is not None else np.zeros(changed.shape, np.float32)
    worn = cover > 0.9
    delta_e = None
    source = report.garments[-1] if report.garments else report.cutout
    if source is not None and worn.sum() > 50:
        product = source.rgb[source.alpha > 0.9]
        if len(product) > 50:
            product_lab = np.median(rgb2lab(product[None].astype(np.float64) / 255)[0], axis=0)
            rendered_lab = np.median(rgb2lab(output[worn][None].astype(np.float64) / 255)[0], axis=0)
            delta_e = float(deltaE_ciede2000(product_lab, rendered_lab))
    measured: dict[str, float | None] = {"changed_outside_edit": float((changed & ~edited).mean()), "delta_e": delta_e}
    if report.accessories:
        return measured
    region = _region(report, target)
    garment_pixels = cover > 0.5
    measured["coverage"] = float((garment_pixels & region).sum() / max(1, region.sum()))
    measured["spill"] = float((garment_pixels & (report.person.mask < 0.5)).sum() / max(1, garment_pixels.sum()))
    return measured


#: A garment whose sleeves reach this share of the arm has sleeves to judge.
SLEEVED = 0.2
#: A product's shoulder seams (where its sleeves meet its body) sit just outside the
#: wearer's shoulder joints: this many joint distances apart.
SEAM_SPAN = 1.1


#: The trunk `sleeve_past_wrist` leaves out: the shoulders-to-hips quadrilateral, its
#: hips taken down by `TRUNK_DROP` of the torso's length (a top's hem hangs below the
#: hip joints, where hands in pockets are), grown by `TRUNK_GROW` of the shoulder
#: joints' distance (the hips' outline lies outside their joints).
TRUNK_DROP = 0.3
TRUNK_GROW = 0.15


def _trunk(person: Person, width: float) -> NDArray[np.bool_]:
    """The torso from the shoulders to a top's hem (`TRUNK_DROP`, `TRUNK_GROW`): where a
    top's body panel goes, and a hand on the hip or in a pocket has it beyond the wrist."""
    shoulders = [person.pt(i).astype(np.float64) for i in (L_SHOULDER, R_SHOULDER)]
    hips = [person.pt(i).astype(np.float64) for i in (R_HIP, L_HIP)]
    drop = ((hips[0] + hips[1]) - (shoulders[0] + shoulders[1])) / 2 * TRUNK_DROP
    quad = np.array([*shoulders, *(hip + drop for hip in hips)], np.int32)
    trunk = np.zeros(person.mask.shape[:2], np.uint8)
    cv2.fillConvexPoly(trunk, quad, (1,))
    grow = 2 * max(1, int(TRUNK_GROW * width)) + 1
    return cv2.dilate(trunk, np.ones((grow, grow), np.uint8)) > 0


def _sleeve_reach(garment: Garment, arm_length: float, shoulder_width: float) -> float:
    """How far down the arm the product's sleeves go, as a share of shoulder to wrist:
    the farthest sleeve pixel from where the sleeve meets the body, at the scale of the
    product's own shoulders (between the sleeves' inner edges) worn on this person's.
    A dress's width is its waist's, so its shoulders, not its width, set the scale."""
    longest, inner = 0.0, []
    for mask, side in ((garment.sleeve_left, -1), (garment.sleeve_right, 1)):
        ys, xs = np.nonzero(mask)
        if len(xs) < 50:
            continue
        x = int(xs.max() if side < 0 else xs.min())
        inner.append(x)
        longest = max(longest, float(np.hypot(xs - x, ys - garment.shoulder_y).max()))
    span = inner[1] - inner[0] if len(inner) == 2 and inner[1] > inner[0] else garment.width
    return longest * shoulder_width * SEAM_SPAN / max(span, 1.0) / max(arm_length, 1.0)


def _arm_bands(report: RenderReport, thickness: float, reach: float = 1.0) -> NDArray[np.bool_]:
    """Lines along the arms' bones, `thickness` wide, from the shoulder down the share
    `reach` of the way to the wrist."""
    bands = np.zeros(report.input.shape[:2], np.uint8)
    person = report.person
    for s, e, w in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        joints = [person.pt(i).astype(np.float64) for i in (s, e, w)]
        lengths = [float(np.linalg.norm(joints[1] - joints[0])), float(np.linalg.norm(joints[2] - joints[1]))]
        left = min(reach, 1.0) * sum(lengths)
        for (a, b), length in zip(((joints[0], joints[1]), (joints[1], joints[2])), lengths, strict=True):
            if left <= 0:
                break
            end = b if left >= length else a + (b - a) * (left / max(length, 1e-6))
            cv2.line(bands, (int(a[0]), int(a[1])), (int(end[0]), int(end[1])), (255,), max(2, int(thickness)))
            left -= length
    return bands > 0


def _colours(lab: NDArray[np.float32], most: int = 3, least: float = 1 / 6) -> NDArray[Any]:
    """The main colours (CIE Lab) of some pixels, up to `most`, each a `least` share of
    them or more."""
    pixels = np.ascontiguousarray(lab[:: max(1, len(lab) // 4000)], np.float32)
    if len(pixels) < most * 4:
        return np.zeros((0, 3), np.float32)
    cv2.setRNGSeed(0)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 0.5)
    _, labels, centres = cv2.kmeans(
        pixels, most, np.zeros((len(pixels), 1), np.int32), criteria, 1, cv2.KMEANS_PP_CENTERS
    )
    shares = np.bincount(np.asarray(labels).ravel(), minlength=most) / len(labels)
    return np.asarray(centres)[shares >= least].astype(np.float32)


class _BelowHem(NamedTuple):
    """A long old top's place below the hips' line (`region`), the person's own bottom
    just below its hem (`bottom`) and the backdrop's colours beside that place."""

    region: NDArray[np.bool_]
    bottom: NDArray[np.bool_]
    beside: NDArray[np.float32]


def _below_hem_places(
    report: RenderReport, cover: NDArray[np.float32], kept: NDArray[np.bool_], frame: Frame
) -> _BelowHem | None:
    """Where `below_hem` and `bottom_streaks` read, for a top: the old top's place below
    the hips' line (away from the new top's soft edge and from `kept`: rebuilt skin, the
    face, the hands), the bottom in the photo just below the old top's hem (the solid
    person, below the hips) and the backdrop's colours beside that place."""
    person = report.person
    old = report.old_garment
    if old is None:
        return None
    h, w = old.shape
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    ys, xs = np.arange(h, dtype=np.float32)[:, None], np.arange(w, dtype=np.float32)[None, :]
    below = (xs - np.float32(hips[0])) * np.float32(frame.down[0]) + (ys - np.float32(hips[1])) * np.float32(
        frame.down[1]
    ) > 0
    was = (old > 0.5) & below
    edge = _near_garment(cover, EDGE_SIDE)
    region = was & ~edge & ~kept & (person.face == 0)
    if np.count_nonzero(region) < 50:
        return None
    read = max(2, int(frame.width * checks.BELOW_HEM_READ))
    # Each pixel as far as `read` rows below the old top (the kernel's anchor at its foot).
    hem = cv2.dilate(was.astype(np.uint8), np.ones((read, 1), np.uint8), anchor=(0, read - 1)) > 0
    bottom = hem & (old <= 0.5) & below & (person.mask > SOLID) & (person.hands == 0)
    if np.count_nonzero(bottom) < 50:
        return None
    near = cv2.dilate(region.astype(np.uint8), np.ones((2 * read + 1,) * 2, np.uint8)) > 0
    backdrop = near & (person.mask < BACKDROP_MASK)
    beside = _colours(_lab(report.input[backdrop])) if backdrop.any() else np.zeros((0, 3), np.float32)
    return _BelowHem(region, bottom, beside)


def _below_hem(report: RenderReport, output: NDArray[np.uint8], places: _BelowHem | None) -> float | None:
    """`checks.below_hem` over a long old top's place below the hips, against the
    bottom's colours in the photo just below its hem and the backdrop's beside it."""
    if places is None:
        return None
    return checks.below_hem(output, places.region, _colours(_lab(report.input[places.bottom])), places.beside)


def _bottom_streaks(output: NDArray[np.uint8], places: _BelowHem | None) -> float | None:
    """`checks.bottom_streaks` over a long old top's place below the hips against the
    bottom just below its hem."""
    if places is None:
        return None
    return checks.bottom_streaks(output, places.region, places.bottom)


#: How far (torso widths) the engine's old-garment mask is closed over for `print_left`:
#: the holes and bays where an old print's other colours were missed.
PRINT_PLACE_CLOSE = 0.25


def _print_left(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], kept: NDArray[np.bool_], frame: Frame
) -> float | None:
    """`checks.print_left` over the old garment's place (its mask closed over
    `PRINT_PLACE_CLOSE`) where the person is solid, off the new garment (`cover` under
    0.5), the face and the hands (`kept`, and the pose's hand discs)."""
    person = report.person
    old = report.old_garment
    if old is None:
        return None
    side = 2 * max(1, int(frame.width * PRINT_PLACE_CLOSE)) + 1
    place = cv2.morphologyEx((old > 0.5).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((side, side), np.uint8)) > 0
    place &= person.mask > 0.5
    region = place & (cover < 0.5) & ~kept & (person.face == 0) & (person.hands == 0)
    return checks.print_left(output, report.input, place, region, frame.width)


def _dress_legs_left(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], frame: Frame
) -> float | None:
    """`checks.dress_legs_left` for a dress: over the solid person below the crotch and
    clear of the new dress's soft edge, down to a little above the ankles (the shoes),
    less the face and the hands, against the backdrop's colours beside it in the photo."""
    person = report.person
    if report.rebuilt_skin is None or not person.visible(L_ANKLE, R_ANKLE, L_HIP, R_HIP):
        return None
    h, w = cover.shape
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    crotch = hips + frame.down * frame.length * CROTCH_DROP
    ys, xs = np.arange(h, dtype=np.float32)[:, None], np.arange(w, dtype=np.float32)[None, :]
    below = (xs - np.float32(crotch[0])) * np.float32(frame.down[0]) + (ys - np.float32(crotch[1])) * np.float32(
        frame.down[1]
    ) > 0
    ankles = min(float(person.pt(L_ANKLE)[1]), float(person.pt(R_ANKLE)[1])) - frame.width * checks.ABOVE_ANKLES
    edge = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    region = below & (ys < ankles) & (person.mask > SOLID) & ~edge & (person.face == 0) & (person.hands == 0)
    if np.count_nonzero(region) < 50:
        return None
    read = max(2, int(frame.width * checks.BELOW_HEM_READ))
    near = cv2.dilate(region.astype(np.uint8), np.ones((2 * read + 1,) * 2, np.uint8)) > 0
    backdrop = near & (person.mask < BACKDROP_MASK)
    beside = _colours(_lab(report.input[backdrop])) if backdrop.any() else np.zeros((0, 3), np.float32)
    return checks.dress_legs_left(
        output, report.input, region, _skin_as_shot(report), report.rebuilt_skin > 0.5, beside
    )


def _bare_legs_changed(report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32]) -> float | None:
    """`checks.bare_legs_changed` for a dress: the person's bare legs as the photo shows
    them (`old_garment.bare_legs`: below the hips, skin-like, nearer the skin's hue than
    the old clothes'), along the legs' bones (`LEG_BAND` wide), solid, off the new
    dress's soft edge, the face and the hands. Off the bones, hands hanging beside the
    hips passed for bare legs."""
    shot = _as_shot(report)
    h, w = report.input.shape[:2]
    bones = np.zeros((h, w), np.uint8)
    for a, b in ((L_HIP, L_KNEE), (R_HIP, R_KNEE), (L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE)):
        if shot.visible(a, b, threshold=0.5):
            p, q = shot.pt(a), shot.pt(b)
            cv2.line(
                bones, (int(p[0]), int(p[1])), (int(q[0]), int(q[1])), (1,), max(2, int(shot.shoulder_width * LEG_BAND))
            )
    legs = bare_legs(shot, torso_frame(shot), shot.lab(), _skin_as_shot(report)) & (bones > 0)
    edge = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    reach = 2 * max(1, int(shot.shoulder_width * HAND_CLEAR)) + 1
    hands = cv2.dilate(shot.hands, np.ones((reach, reach), np.uint8)) > 0
    legs &= (shot.mask > SOLID) & ~edge & (shot.face == 0) & ~hands
    return checks.bare_legs_changed(output, report.input, legs)


def _bottom_sides_redrawn(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], frame: Frame
) -> float | None:
    """`checks.bottom_sides_redrawn` for a top: the old bottom as shot (`bottom_coloured`)
    beside the hip joints' columns, from `checks.BOTTOM_SIDES_FROM` to
    `checks.BOTTOM_SIDES_TO` torso lengths down from the neck, solid, clear of the new
    top's soft edge, the face and the hands. None where the bottom's colours are the
    top's (`_bottom_redrawn`)."""
    shot = _as_shot(report)
    lab = shot.lab()
    own = colours_apart(worn_colours(lab, shot, SwapTarget.BOTTOM), worn_colours(lab, shot, SwapTarget.TOP))
    if not own:
        return None
    h, w = report.input.shape[:2]
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    depth = (xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1])) / max(frame.length, 1.0)
    lateral = xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])
    hips = [float(np.dot(shot.pt(i) - frame.neck, frame.right)) for i in (L_HIP, R_HIP)]
    beside = (lateral < min(hips)) | (lateral > max(hips))
    band = (depth >= checks.BOTTOM_SIDES_FROM) & (depth <= checks.BOTTOM_SIDES_TO) & beside
    edge = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    reach = 2 * max(1, int(shot.shoulder_width * HAND_CLEAR)) + 1
    hands = cv2.dilate(shot.hands, np.ones((reach, reach), np.uint8)) > 0
    sides = bottom_coloured(shot) & band & (shot.mask > SOLID) & ~edge & (shot.face == 0) & ~hands
    return checks.bottom_sides_redrawn(output, report.input, sides)


def _bottom_print_redrawn(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], frame: Frame
) -> float | None:
    """`checks.bottom_print_redrawn` for a top: the old bottom as the engine finds it
    (`worn_bottom`) where it is busy (`prints.busy`), from `checks.BOTTOM_PRINT_FROM`
    torso lengths down from the neck, solid, clear of the new top's soft edge, the face
    and the hands. None unless the old bottom is a print (`prints.printed`)."""
    shot = _as_shot(report)
    bottom = worn_bottom(shot)
    busy = prints.busy(shot.lab(), frame.width)
    if not prints.printed(busy, bottom, frame.width):
        return None
    h, w = report.input.shape[:2]
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    depth = (xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1])) / max(frame.length, 1.0)
    edge = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    reach = 2 * max(1, int(shot.shoulder_width * HAND_CLEAR)) + 1
    hands = cv2.dilate(shot.hands, np.ones((reach, reach), np.uint8)) > 0
    place = bottom & busy & (depth >= checks.BOTTOM_PRINT_FROM) & (shot.mask > SOLID) & ~edge
    return checks.bottom_print_redrawn(output, report.input, place & (shot.face == 0) & ~hands)


def _bottom_redrawn(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], frame: Frame
) -> float | None:
    """`checks.bottom_redrawn` for a top: the old bottom as shot (`bottom_coloured`:
    plainly its colour, joined across the thighs) from `checks.BOTTOM_REDRAWN_DROP`
    torso lengths below the hip joints down, solid, clear of the new top's soft edge,
    the face and the hands. None where the bottom's colours are the top's (a black tee
    over black jeans: the tee's long hem passes for them, and is rightly rebuilt)."""
    shot = _as_shot(report)
    lab = shot.lab()
    own = colours_apart(worn_colours(lab, shot, SwapTarget.BOTTOM), worn_colours(lab, shot, SwapTarget.TOP))
    if not own:
        return None
    hips = (shot.pt(L_HIP) + shot.pt(R_HIP)) / 2
    h, w = report.input.shape[:2]
    ys = np.arange(h, dtype=np.float32)[:, None]
    below = np.broadcast_to(ys > hips[1] + frame.length * checks.BOTTOM_REDRAWN_DROP, (h, w))
    edge = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    reach = 2 * max(1, int(shot.shoulder_width * HAND_CLEAR)) + 1
    hands = cv2.dilate(shot.hands, np.ones((reach, reach), np.uint8)) > 0
    bottom = bottom_coloured(shot) & below & (shot.mask > SOLID) & ~edge & (shot.face == 0) & ~hands
    return checks.bottom_redrawn(output, report.input, bottom)


#: How wide (shoulder widths) the band along each leg's bones is in which
#: `bare_legs_changed` reads bare legs, and how far (shoulder widths) from the pose's
#: hand discs it keeps: a hand hangs beside the thigh.
LEG_BAND = 0.35
HAND_CLEAR = 0.08


def _coat_skirt_left(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], kept: NDArray[np.bool_]
) -> float | None:
    """`checks.coat_skirt_left` over a long coat's skirt as the photo shows it
    (`old_garment.coat_hem`): the solid person from the hips down to the hem, clear of
    the new top's edge and of `kept` (the face, the hands)."""
    person = _as_shot(report)
    hem = coat_hem(person, torso_frame(person))
    if hem is None:
        return None
    rows = np.zeros(cover.shape, bool)
    rows[int(max(person.pt(L_HIP)[1], person.pt(R_HIP)[1])) : hem] = True
    edge = _near_garment(cover, EDGE_SIDE)
    region = rows & (person.mask > SOLID) & ~edge & ~kept & (person.face == 0)
    return checks.coat_skirt_left(output, report.input, region)


#: `_coat_panel_left` reads an open coat this far (shoulder widths) to each side of the
#: torso's axis.
COAT_PANEL_SIDE = 2.5


def _coat_panel_left(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], kept: NDArray[np.bool_]
) -> float | None:
    """`checks.coat_panel_left` over an open coat as the photo shows it
    (`old_garment.open_coat`): the person's cloth of its colours from the neck down to as
    far as it may reach, beside the torso, clear of the new top's edge and of `kept`
    (the face, the hands)."""
    person = _as_shot(report)
    # A coat kept as the outer layer is rightly left as it was (`outer_coat_cut` reads it).
    if outer_coat(person).any():
        return None
    cloth = ~_skin_as_shot(report) & (person.mask > SOLID) & (person.face == 0) & (person.hands == 0)
    coat = open_coat(person, person.lab(), cloth)
    if coat is None:
        return None
    frame = torso_frame(person)
    h, w = cover.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    side = np.abs((xs - frame.neck[0]) * frame.right[0] + (ys - frame.neck[1]) * frame.right[1])
    rows = below_line(person, frame, frame.neck) & ~below_line(person, frame, coat.lowest)
    edge = _near_garment(cover, EDGE_SIDE)
    region = coat.cloth & rows & (side < frame.width * COAT_PANEL_SIDE) & ~edge & ~kept
    return checks.coat_panel_left(output, report.input, region)


#: `_outer_coat_cut` leaves out the coat's outline this deep (shoulder widths).
OUTER_COAT_RIM = 0.02


def _outer_coat_cut(report: RenderReport, output: NDArray[np.uint8], kept: NDArray[np.bool_]) -> float | None:
    """`checks.outer_coat_cut` over an open coat kept as the outer layer, of any colour,
    as the photo shows it (`outer_coat.outer_coat`), less its outline `OUTER_COAT_RIM` deep (a
    garment behind it is blended there) and clear of `kept` (the face, the hands)."""
    person = _as_shot(report)
    coat = outer_coat(person)
    if not coat.any():
        return None
    rim = 2 * max(2, int(person.shoulder_width * OUTER_COAT_RIM)) + 1
    inner = cv2.erode(coat.astype(np.uint8), np.ones((rim, rim), np.uint8)) > 0
    return checks.outer_coat_cut(output, report.input, inner & ~kept)


#: `_old_hem_left` reads the old hem's line this far (shoulder widths) clear of the new top.
OLD_HEM_CLEAR = 0.1


def _old_hem_left(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], kept: NDArray[np.bool_]
) -> float | None:
    """`checks.old_hem_left` over an old top's hem line as the photo shows it, where its
    bottoms are its colour (`old_garment.same_colour_hem`): the rows round it across
    the hips' span, on the solid person, clear of the new top's edge and of `kept`."""
    person = _as_shot(report)
    frame = torso_frame(person)
    hem = same_colour_hem(person, frame)
    if hem is None:
        return None
    step = max(1, int(frame.width * HEM_LINE_STEP))
    slack = max(1, int(frame.width * HEM_LINE_SLACK))
    xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
    out = frame.frontal_width * 0.35
    region = np.zeros(cover.shape, bool)
    region[max(0, hem - slack) : hem + slack + 1, max(0, int(xs[0] - out)) : int(xs[1] + out) + 1] = True
    # The new top's own hem and its shadow, where it ends at the old line, are no old hem.
    reach = 2 * max(step + slack, int(frame.width * OLD_HEM_CLEAR)) + 1
    edge = _near_garment(cover, reach)
    region &= (person.mask > SOLID) & ~edge & ~kept & (person.face == 0)
    if not region.any():
        return None
    lightness = float(np.median(cv2.cvtColor(report.input, cv2.COLOR_RGB2LAB)[..., 0][region]))
    return checks.old_hem_left(output, region, step, max(HEM_LINE_LEAST, HEM_LINE_CONTRAST * lightness))


#: The side (pixels) of the square round each pixel of the new garment within which the
#: checks that read the old garment in the photo leave it out: the new garment's soft
#: edge and shadow there are neither.
EDGE_SIDE = 7


def _near_garment(cover: NDArray[np.float32], side: int) -> NDArray[np.bool_]:
    """Within a square `side` pixels wide round the new garment (its cover over 0.05)."""
    return cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((side, side), np.uint8)) > 0


def _as_shot(report: RenderReport) -> Person:
    """The person as the input photo shows them, one per report: the checks that read
    the photo before the render then share its Lab copy and what is worked out on it
    (each made a Person of its own, and the whole-photo skin test ran five times a pair)."""
    return memo.kept(report, "as_shot", (report.input,), lambda: replace(report.person, image=report.input))


def _skin_as_shot(report: RenderReport) -> NDArray[np.bool_]:
    """`skin_like` on the input photo, once per report; read-only, as several checks share it."""

    def make() -> NDArray[np.bool_]:
        mask = skin_like(_as_shot(report))
        mask.flags.writeable = False
        return mask

    return memo.kept(report, "skin_as_shot", (report.input,), make)


def _lab(rgb: NDArray[Any]) -> NDArray[np.float32]:
    lab = cv2.cvtColor(rgb.reshape(-1, 1, 3).astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    return np.asarray(lab, np.float32).reshape(-1, 3)


#: A pixel whose channels all moved by this much or less from the person photo is the
#: person's own, whatever the garment's cover says there (kept arms, hands and hair are
#: drawn back over the garment).
UNMOVED = 6


def inspect(report: RenderReport, target: str) -> dict[str, float | None]:
    """The values of `fitroom.checks` for a garment render (see that module)."""
    output = np.asarray(report.image)
    person = report.person
    shape = output.shape[:2]
    cover = report.garment_cover if report.garment_cover is not None else np.zeros(shape, np.float32)
    edited = report.edited if report.edited is not None else np.zeros(shape, bool)
    values: dict[str, float | None] = {}
    # Skin: what was rebuilt against what of the person's own skin the render left as it was.
    rebuilt = (report.rebuilt_skin if report.rebuilt_skin is not None else np.zeros(shape)) > 0.5
    face = checks.face_region(person.points, person.visibility, shape)
    own = _skin_as_shot(report) & (person.mask > 0.5) & ~edited & (person.face == 0)
    reference = (
        own if np.count_nonzero(own) >= 4 * checks.MIN_SKIN_PIXELS else own | (_skin_as_shot(report) & face & ~edited)
    )
    # The person's own hands: skin in the pose's hand discs, less its outermost pixel.
    hand_skin = _skin_as_shot(report) & (person.hands > 0) & (person.mask > 0.5)
    own_hands = cv2.erode(hand_skin.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    # Bared shoulders, upper arms and a chest are smoother than the forearms the reference
    # mostly is: their texture is held to a real chest's (`chest_texture`), the rebuilt
    # forearms' to the person's own skin.
    calm = off_forearms(person.points, person.shoulder_width, (shape[0], shape[1])) > 0.5
    values["skin_texture"] = checks.skin_texture(output, rebuilt & ~calm, reference)
    values["skin_grain"] = checks.skin_grain(
        output, rebuilt, report.input, checks.cheeks(person.points, person.visibility, shape) & (person.face > 0)
    )
    values["skin_shading"] = checks.skin_shading(output, rebuilt, reference)
    values["skin_detail"] = checks.skin_detail(output, rebuilt & ~calm, reference)
    values["skin_dark_marks"] = checks.skin_dark_marks(output, rebuilt, person.shoulder_width)
    frame = torso_frame(person)
    # Above the hips only: rebuilt legs take the person's own shins' detail, no chest's.
    dy = np.arange(shape[0], dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    dx = np.arange(shape[1], dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    above_hips = (dx * np.float32(frame.down[0]) + dy * np.float32(frame.down[1])) < frame.length
    values["chest_texture"] = checks.chest_texture(output, rebuilt, calm & above_hips)
    if target != SwapTarget.TOP:
        values["legs_smooth"] = checks.legs_smooth(output, rebuilt, calm & ~above_hips, reference)
    hued = checks.skin_by_hue(report.input, person.skin_lab, (person.mask > 0.5) & ~edited & (person.face == 0))
    toned = hued if np.count_nonzero(hued) >= 4 * checks.MIN_SKIN_PIXELS else reference
    values["skin_tone"] = checks.skin_tone(output, rebuilt, toned, max(3, int(frame.width * TONE_REACH)))
    forearms = [
        (person.pt(e), person.pt(w)) for e, w in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)) if person.visible(e, w)
    ]
    values["wrist_tone"] = checks.wrist_tone(output, rebuilt, own_hands & ~edited, forearms, frame.width)
    values["arm_pale"] = checks.arm_pale(output, rebuilt, own_hands & ~edited, forearms, frame.width)
    values["wrist_band"] = checks.wrist_band(output, rebuilt, own_hands & ~edited, forearms, frame.width)
    if target != SwapTarget.BOTTOM:
        values["forearm_taper"] = checks.forearm_taper(rebuilt, forearms)
        arm_bones = [
            (person.pt(s), person.pt(e), person.pt(w))
            for s, e, w in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))
            if person.visible(s, e, w)
        ]
        values["arm_round"] = checks.arm_round(output, rebuilt, arm_bones)
        values["upper_arm_over_hand"] = checks.upper_arm_over_hand(rebuilt, own_hands & ~edited, arm_bones, frame.width)
        if report.rebuilt_skin is not None:
            values["arm_edge_steps"] = checks.arm_edge_steps(report.rebuilt_skin, cover, arm_bones)
        values["upper_arm_pale"] = checks.upper_arm_pale(output, rebuilt, own, arm_bones, frame.width)
        values["chest_dim"] = checks.chest_dim(output, rebuilt, own, arm_bones, frame.neck, frame.width)
        values["chest_spread"] = checks.chest_spread(output, rebuilt, own, arm_bones, frame.neck, frame.width)
    leg_bones = [
        (person.pt(h), person.pt(k), person.pt(a))
        for h, k, a in ((L_HIP, L_KNEE, L_ANKLE), (R_HIP, R_KNEE, R_ANKLE))
        if person.visible(h, k, a)
    ]
    values["leg_tone_step"] = checks.leg_tone_step(output, rebuilt, own, leg_bones, frame.width)
    values["leg_side_shade"] = checks.leg_side_shade(output, rebuilt, own, leg_bones, frame.width)
    values["leg_detail"] = checks.leg_detail(output, rebuilt, own, leg_bones, frame.width)
    if target != SwapTarget.TOP:
        values["calf_swell"] = checks.calf_swell(rebuilt, [bone[1:] for bone in leg_bones])
    # The person's mask fades over some 20 pixels: a garment's outline lies part way down it.
    values["outline_blur"] = checks.outline_blur(cover, person.mask < OFF_BODY_MASK)
    values["rim_flat"] = checks.rim_flat(output, cover, person.mask < OFF_BODY_MASK)
    values["rim_mottle"] = checks.rim_mottle(output, cover, person.mask < OFF_BODY_MASK)
    if report.rebuilt_skin is not None:
        clear = (person.mask < BACKDROP_MASK) & (cover < 0.05)
        values["skin_edge"] = checks.skin_edge(output, report.rebuilt_skin, clear, frame.width)
        values["skin_edge_own"] = checks.skin_edge_own(output, report.rebuilt_skin, own, clear, frame.width)
        values["skin_seam"] = checks.skin_seam(output, report.rebuilt_skin > 0.9, own, frame.width)
        values["skin_step"] = checks.skin_step(output, report.rebuilt_skin > 0.9, frame.width)
        values["chest_flat"] = checks.chest_flat(output, rebuilt, own, frame.neck, frame.width)
        # The neck as shot: the face's mask holds it below the chin, and the old garment's
        # soft edge round an old crew neck is edited though left as it was.
        as_shot = cv2.absdiff(output, np.asarray(report.input)).max(axis=2) <= checks.UNCHANGED_BY
        neck = _skin_as_shot(report) & (person.mask > 0.5) & ~face & as_shot & (report.rebuilt_skin <= 0.05)
        values["chest_slab"] = checks.chest_slab(output, rebuilt, neck, frame.neck, frame.width)
        values["chest_tone"] = checks.chest_tone(output, rebuilt, neck, frame.neck, frame.width)
        plain = _plain(report, frame) | face | (cover > 0.05)
        values["old_neckband"] = checks.old_neckband(output, report.input, rebuilt, plain, frame.neck, frame.width)
        if target != SwapTarget.BOTTOM and report.old_garment is not None:
            # The person's own hair kept in front (dark locks beside the neck) is not a strap.
            kept_hair = hair_in_front(replace(person, image=report.input), target) > 0.05
            values["old_straps_left"] = checks.old_straps_left(
                output,
                report.input,
                report.old_garment,
                plain | kept_hair,
                frame.neck,
                [person.pt(L_SHOULDER), person.pt(R_SHOULDER)],
                frame.width,
            )
            values["old_line_on_chest"] = checks.old_line_on_chest(
                output,
                report.input,
                report.old_garment,
                rebuilt,
                (cover > 0.05) | face | (person.hands > 0) | kept_hair,
                person.mask > checks.OLD_LINE_BODY,
                frame.neck,
                frame.width,
            )
    garment = report.garments[-1] if report.garments else None
    if garment is not None:
        values["enclosed_backdrop"] = checks.enclosed_backdrop(garment.rgb, garment.alpha)
    reach = 0.0
    if (
        garment is not None
        and target in (SwapTarget.TOP, SwapTarget.DRESS, SwapTarget.FULL_OUTFIT, SwapTarget.JACKET)
        and garment.category != SwapTarget.BOTTOM
    ):
        arms = [
            (person.pt(s), person.pt(e), person.pt(w))
            for s, e, w in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))
            if person.visible(s, e, w)
        ]
        arm_length = (
            float(np.median([np.linalg.norm(e - s) + np.linalg.norm(w - e) for s, e, w in arms])) if arms else 1.0
        )
        reach = _sleeve_reach(garment, arm_length, frame.width)
        values["limb_taper"] = checks.limb_taper(rebuilt, cover, [arm[:2] for arm in arms], frame.neck)
        values["upper_arm_reach"] = checks.upper_arm_reach(
            rebuilt, cover, [arm[:2] for arm in arms], frame.neck, frame.width
        )
        # The kept arm as shot: the edit region runs on some way below an old hem unchanged.
        unchanged = cv2.absdiff(output, np.asarray(report.input)).max(axis=2) <= checks.UNCHANGED_BY
        arm_as_shot = _skin_as_shot(report) & (person.mask > 0.5) & unchanged & (person.hands == 0)
        values["arm_hem_step"] = checks.arm_hem_step(
            rebuilt, arm_as_shot, cover, [arm[:2] for arm in arms], frame.neck, frame.width
        )
        values["garment_crumbs"] = checks.garment_crumbs(cover, frame.neck, frame.width)
        # The person's own face, hands and hair in front are kept over the garment there.
        in_front = (person.face > 0) | (person.hands > 0) | face
        hair = hair_in_front(replace(person, image=report.input), target) > 0.05
        in_front |= hair
        values["neck_holes"] = checks.neck_holes(cover, in_front, frame.neck, frame.width)
        figure = ((person.mask > 0.5) & ~edited) | rebuilt | (cover > 0.5)
        values["shoulder_rise"] = checks.shoulder_rise(
            figure, rebuilt, [arm[:2] for arm in arms], frame.neck, frame.width
        )
        values["shoulder_notch"] = checks.shoulder_notch(
            figure, hair, frame.neck, (person.pt(L_HIP) + person.pt(R_HIP)) / 2, frame.width
        )
        # The garment as shown: the person's own pixels left as they were under the
        # cover (a bare arm kept in front through a split sleeve) are not sleeve.
        moved = np.abs(output.astype(np.int16) - report.input.astype(np.int16)).max(axis=2) > UNMOVED
        shown = np.where(moved, cover, np.float32(0))
        values["sleeve_coverage"] = checks.sleeve_coverage(
            shown, arms, reach, frame.width * checks.SLEEVE_ACROSS, person.mask > 0.5
        )
        if garment.category == SwapTarget.TOP:
            values["sleeve_past_wrist"] = checks.sleeve_past_wrist(cover, arms, _trunk(person, frame.width))
            hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
            kept = (person.face > 0) | (person.hands > 0) | face
            values["side_notch"] = checks.side_notch(cover, kept, frame.neck, hips, frame.width)
            values["arm_side_pale"] = checks.arm_side_pale(
                output, cover, bare_arms_beside(person, frame), frame.neck, hips, frame.width
            )
            values["side_ragged"] = checks.side_ragged(cover, frame.neck, hips, frame.width, kept)
        if report.rebuilt_skin is not None:
            # The new garment's top edge against the bared skin, between the shoulder joints.
            joints = sorted(float(person.pt(i)[0]) for i in (L_SHOULDER, R_SHOULDER))
            across = (int(joints[0]), int(np.ceil(joints[1])))
            values["neckline_ragged"] = checks.neckline_ragged(cover, report.rebuilt_skin, across, frame.width)
            values["neckline_blur"] = checks.neckline_blur(cover, report.rebuilt_skin, across, frame.width)
        if reach >= SLEEVED:
            values["hem_ragged"] = checks.hem_ragged(cover, arms, frame.width)
            values["hem_blur"] = checks.hem_blur(cover, arms, frame.width)
        if reach >= SLEEVED:
            hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
            kept = (person.face > 0) | (person.hands > 0) | face
            values["seam_gap"] = checks.seam_gap(cover, person.mask > 0.5, kept, frame.neck, hips, frame.width)
            armpits = [
                person.pt(s) + checks.ARMPIT_DOWN * (person.pt(hip) - person.pt(s))
                for s, hip in ((L_SHOULDER, L_HIP), (R_SHOULDER, R_HIP))
                if person.visible(s, hip)
            ]
            values["armpit_hole"] = checks.armpit_hole(output, cover, armpits, frame.width)
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    knees = (person.pt(L_KNEE) + person.pt(R_KNEE)) / 2
    if target == SwapTarget.BOTTOM:
        top, bottom, span = hips, knees, (0.0, 0.3)
        half = float(np.linalg.norm(person.pt(L_HIP) - person.pt(R_HIP))) * 1.2
    else:
        top, bottom, span = frame.neck, hips, ((0.3, 1.0) if target != SwapTarget.TOP else (0.3, 0.9))
        half = frame.width * 0.7
    values["asymmetry"] = checks.asymmetry(cover, top, bottom, half)
    # The garment may cover the arms only as far as its sleeves reach; trousers are
    # not judged by the hands beside them.
    arm_bands = _arm_bands(report, frame.width * 0.3)
    sleeved = arm_bands if target == SwapTarget.BOTTOM else _arm_bands(report, frame.width * 0.3, reach)
    values["width_ratio"] = checks.width_ratio(
        cover, person.mask > 0.5, top, bottom, span, arms=arm_bands, sleeves=sleeved
    )
    if target == SwapTarget.DRESS:
        values["bodice_width"] = checks.bodice_width(cover, person.mask > 0.5, top, bottom, arm_bands)
        # Up to the arms' own skin: the bone bands are as wide as a sleeve and hid the
        # strip between a hanging forearm and the skirt.
        arms_own = _arm_bands(report, frame.width * 0.12) | (bare_arms_beside(person, frame) > 0.5)
        # The hands as shot, out to their soft rim: the skirt ends at a hand beside it.
        hands = cv2.dilate(own_hands.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        values["skirt_width"] = checks.skirt_width(cover, person.mask > 0.5, hips, knees, arms_own, hands)
    if target == SwapTarget.TOP:
        # The person's own skin kept as it was (a hand, a forearm across the waist or
        # hanging against its side) lies in front of the top; the sleeves are left out
        # beyond the trunk only (an arm against the trunk's side cut the run there).
        trunk = torso_zone(person, frame) > 0
        as_shot = _skin_as_shot(report) & (person.mask > 0.5)
        kept = np.all(output == report.input, axis=2) & as_shot & (cover <= 0.5)
        values["waist_pinch"] = checks.waist_pinch(cover, top, bottom, sleeved & ~trunk, kept)
        if report.rebuilt_skin is not None:
            # Between the hip joints: the trunk, not the hands hanging beside it.
            xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
            values["waistband_blur"] = checks.waistband_blur(
                output, report.rebuilt_skin, cover, (xs[0], xs[1]), frame.width
            )
            values["midriff_width"] = checks.midriff_width(
                report.rebuilt_skin, cover, frame.neck, hips, frame.frontal_width
            )
            values["waist_redrawn"] = checks.waist_redrawn(
                output, report.input, report.rebuilt_skin, cover, (xs[0], xs[1]), frame.width
            )
            values["waist_mosaic"] = checks.waist_mosaic(output, report.input, cover, (xs[0], xs[1]), frame.width)
    values["face_overlap"] = checks.face_overlap(cover, face)
    values["edge_halo"] = checks.edge_halo(output, cover)
    values["edge_cut"] = checks.edge_cut(output, cover, person.mask < 0.5)
    values["edge_fringe"] = checks.edge_fringe(output, cover)
    values["outline_specks"] = checks.outline_specks(output, cover, person.mask < 0.5)
    if target == SwapTarget.BOTTOM:
        # Between the hip joints: the trunk, not the hands hanging beside it.
        xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
        values["waist_smear"] = checks.waist_smear(output, cover, (xs[0], xs[1]), frame.width)
        values["waist_detail_lost"] = checks.waist_detail_lost(report.input, output, cover, (xs[0], xs[1]), frame.width)
    if target != SwapTarget.BOTTOM:
        values["neck_band"] = checks.neck_band(output, report.input, cover, frame.neck, hips, frame.width)
        values["neck_label"] = checks.neck_label(output, cover, frame.neck, hips, frame.width)
        values["neckline_specks"] = checks.neckline_specks(output, cover, frame.neck, frame.width)
        photo = replace(person, image=report.input)
        may_stay = (
            plausible_skin(photo.lab())
            | skin_like(photo)
            | face
            | (hair_in_front(photo, target) > 0.05)
            | (person.hands > 0)
        )
        values["collar_left"] = checks.collar_left(
            output, report.input, cover, person.mask > 0.5, may_stay, frame.neck, hips, frame.width
        )
        if person.visible(NOSE, L_EYE, R_EYE, MOUTH_L, MOUTH_R):
            other = (person.mask > 0.5) & ~plausible_skin(photo.lab()) & ~skin_like(photo)
            eyes = (person.pt(L_EYE) + person.pt(R_EYE)) / 2
            mouth = (person.pt(MOUTH_L) + person.pt(MOUTH_R)) / 2
            eye_span = float(np.linalg.norm(person.pt(L_EYE) - person.pt(R_EYE)))
            hair = checks.hair_beside_jaw(other, eyes, mouth, eye_span)
            kept_hair = hair_in_front(photo, target) > 0.05
            values["jaw_hair_cut"] = checks.jaw_hair_cut(output, report.input, hair)
            if report.old_garment is not None:
                values["hood_left"] = checks.hood_left(
                    output, report.input, report.old_garment, other, hair | kept_hair, eyes, mouth, eye_span
                )
        # The neck's own skin, shaded sides too, clear of the new garment's edge (drawn).
        reach = max(1, int(frame.width * checks.NECK_CLEAR))
        clear = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((2 * reach + 1,) * 2, np.uint8)) == 0
        own_skin = (_skin_as_shot(report) | plausible_skin(photo.lab())) & (person.face == 0) & ~face
        neck = checks.neck_skin(own_skin, person.mask > 0.5, frame.neck, hips, frame.width, clear)
        values["neck_cut"] = checks.neck_cut(output, report.input, neck)
        # The person's own skin as shot and left so, read against the backdrop: the
        # shoulders' outline beside the neck redrawn towards the backdrop's colour.
        unchanged = cv2.absdiff(output, np.asarray(report.input)).max(axis=2) <= checks.UNCHANGED_BY
        values["shoulder_wedge"] = checks.shoulder_wedge(
            output,
            report.input,
            cover,
            person.mask,
            own_skin & (person.mask > 0.5) & unchanged,
            frame.neck,
            hips,
            frame.width,
        )
        # Against the person's whole soft silhouette: a sleeve is solid to the mask's 0.5
        # line and fades out on the backdrop beyond it, by design; a seam standing up past
        # the shoulder lies on clear backdrop.
        silhouette = person.mask > SLEEVE_FADE[0]
        values["shoulder_overhang"] = checks.shoulder_overhang(cover, silhouette, frame.neck, hips, frame.width)
        values["shoulder_wing"] = checks.shoulder_wing(cover, silhouette, frame.neck, hips, frame.width)
        values["shoulder_lumps"] = checks.shoulder_lumps(
            cover, person.mask < OFF_BODY_MASK, frame.neck, hips, frame.width
        )
        values["shoulder_outline_rough"] = checks.shoulder_outline_rough(
            cover, person.mask < OFF_BODY_MASK, frame.neck, hips, frame.width
        )
        if target in (SwapTarget.TOP, SwapTarget.DRESS):
            # A collared dress's panel may end below the shoulders as a top's does.
            # Skin in the render: hair falling over the shoulders stays there, rightly.
            shown = skin_like(replace(person, image=output)) & (person.mask > 0.5)
            values["shoulder_bare"] = checks.shoulder_bare(
                cover, shown, face | (person.face > 0), frame.neck, hips, frame.width
            )
            # Against the silhouette as shot: the body's shoulder, whatever was redrawn there.
            values["shoulder_shelf"] = checks.shoulder_shelf(cover, person.mask > 0.5, frame.neck, hips, frame.width)
            values["strap_out"] = checks.strap_out(cover, person.mask > 0.5, frame.neck, hips, frame.width)
    old = report.old_garment if report.old_garment is not None else np.zeros(shape, np.float32)
    if garment is not None and np.count_nonzero(old > 0.5) > 100:
        old_colours = _colours(_lab(report.input[old > 0.5]))
        new_colours = _colours(_lab(garment.rgb[garment.alpha > 0.9].astype(np.uint8)))
        skin = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)
        where = ((old > 0.5) | (_region(report, target) & edited)) & ~face & (person.face == 0)
        values["old_colour_left"] = checks.old_colour_left(
            output, where, old_colours, np.vstack([new_colours, _lab(skin)])
        )
        # Refilled from the backdrop: edited, neither new garment nor rebuilt skin and
        # clear of their edges (outlines of their own), where the person mask is soft or
        # backdrop (not a kept top's print above new shorts).
        width = max(2, int(frame.width * OUTLINE_WIDTH))
        drawn = cv2.dilate(((cover > 0.05) | rebuilt).astype(np.uint8), np.ones((4 * width + 1,) * 2, np.uint8))
        refilled = edited & (drawn == 0) & ~face & (person.mask < SOLID)
        # The person's own hair, kept in front, has its own dark edge: not the old garment's.
        hair = hair_in_front(_as_shot(report), target) > 0.05
        refilled &= cv2.dilate(hair.astype(np.uint8), np.ones((4 * width + 1,) * 2, np.uint8)) == 0
        values["old_outline"] = checks.old_outline(output, old, refilled, width)
        values["old_rim"] = checks.old_rim(
            output, report.input, cover, old, rebuilt.astype(np.float32), person.mask, width
        )
        values["print_left"] = _print_left(report, output, cover, face | own_hands, frame)
        values["old_print_by_hand"] = checks.old_print_by_hand(
            output, report.input, cover, person.hands, _skin_as_shot(report), frame.width
        )
        if person.visible(L_SHOULDER, R_SHOULDER):
            shoulders = [person.pt(i) for i in (L_SHOULDER, R_SHOULDER)]
            values["neck_patch"] = checks.neck_patch(old > 0.5, shoulders, person.shoulder_width)
        if target in (SwapTarget.TOP, SwapTarget.DRESS):
            outside = (person.mask < BACKDROP_MASK) & edited & (cover < 0.05) & ~face
            values["backdrop_smear"] = checks.backdrop_smear(
                output, report.input, outside, person.mask < BACKDROP_MASK, frame.width * BACKDROP_REACH
            )
            # Inside the silhouette, above the waist: the old top's place clear of the new
            # garment, the rebuilt skin and their soft edges (and of the hands and face).
            near = cv2.dilate(((cover > 0.05) | rebuilt).astype(np.uint8), np.ones((2 * width + 1,) * 2, np.uint8))
            waist = frame.neck[1] + LOOSE_WAIST * (hips[1] - frame.neck[1])
            inside = (person.mask >= BACKDROP_MASK) & edited & (old > 0.5) & (near == 0) & ~face & ~own_hands
            inside &= (person.face == 0) & (np.arange(shape[0])[:, None] < waist)
            values["loose_fill"] = checks.loose_fill(
                output, report.input, inside, person.mask < BACKDROP_MASK, frame.width * BACKDROP_REACH
            )
            # Below the waist down to the hip joints, beside the new garment's sides on its
            # own rows (not below its hem, where the old bottom goes on up).
            hip = (person.mask >= BACKDROP_MASK) & edited & (old > 0.5) & (near == 0) & ~face & ~own_hands
            rows = np.arange(shape[0])[:, None]
            hip &= (
                (person.face == 0) & (rows >= waist) & (rows <= hips[1]) & beside_sides(cover, frame.width * HEM_CLEAR)
            )
            values["hip_fill"] = checks.hip_fill(
                output, report.input, hip, person.mask < BACKDROP_MASK, frame.width * BACKDROP_REACH
            )
            # Where the refill outside the silhouette and in the loose old top's place meets
            # the photo's own backdrop, clear of the new garment's and the skin's edges.
            values["backdrop_seam"] = checks.backdrop_seam(
                output, report.input, (outside & (near == 0)) | inside, person.mask < BACKDROP_MASK, width
            )
        if target == SwapTarget.BOTTOM:
            # Below the hip joints beside a new bottom narrower than the old one (jeans for
            # a wide skirt): the old bottom's place clear of the new garment, the rebuilt
            # legs and their soft edges, and of the hands.
            near = cv2.dilate(((cover > 0.05) | rebuilt).astype(np.uint8), np.ones((2 * width + 1,) * 2, np.uint8))
            low = max(float(person.pt(i)[1]) for i in (L_HIP, R_HIP))
            beside = edited & (old > 0.5) & (near == 0) & ~face & ~own_hands & (person.face == 0)
            beside &= np.arange(shape[0])[:, None] > low
            values["bottom_fill"] = checks.bottom_fill(
                output, report.input, beside, person.mask < BACKDROP_MASK, frame.width * BACKDROP_REACH
            )
        # The new garment solid over the old one: its light there is the shading taken on.
        worn_over = (cover > 0.9) & (old > 0.5) & edited & ~face & (person.face == 0) & ~own_hands
        values["old_folds"] = checks.old_folds(output, report.input, worn_over, person.shoulder_width)
        skin_colours = np.vstack([_lab(skin), _colours(_lab(report.input[reference]))])
        bare = ((old > 0.5) | _beside_new(report, target, cover, frame.width)) & ~face & (person.face == 0)
        values["old_colour_bare"] = checks.old_colour_bare(output, bare & ~own_hands, cover, old_colours, skin_colours)
        # Round the hands, against the face's skin alone: cloth kept as a hand passes for
        # the person's own skin as shot.
        values["cloth_by_hand"] = checks.cloth_by_hand(
            report.input, output, _round_hands(report) & ~face & (person.face == 0), cover, old_colours, _lab(skin)
        )
        if target != SwapTarget.BOTTOM:
            values["old_sliver"] = checks.old_sliver(
                output,
                np.where(face | (person.face > 0) | own_hands, 1.0, cover),
                old,
                person.mask,
                old_colours,
                skin_colours,
                max(2, int(frame.width * checks.SLIVER_WIDTH)),
            )
            # Between the own kept arm and the rebuilt torso beside it.
            own_arms = _own_arms(report) & ~own_hands & (person.hands == 0)
            values["arm_rim"] = checks.arm_rim(
                output, own_arms, rebuilt, old, cover, max(2, int(frame.width * checks.ARM_RIM_WIDTH))
            )
            # ...and beside it wherever the old garment was, kept as shot, between the
            # armpits and the hips (where `composite._grey_rim` gives the pale rim back).
            along = dx * np.float32(frame.down[0]) + dy * np.float32(frame.down[1])
            sides = above_hips & (along >= ARMPIT * frame.length)
            values["arm_rim_kept"] = checks.arm_rim_kept(
                output, report.input, own_arms, old, cover, max(2, int(frame.width * checks.ARM_RIM_WIDTH)), sides
            )
            # Beside the new garment over any of the person: the strip between an arm
            # and the body is half backdrop in the person mask.
            beside = _beside_new(report, target, cover, frame.width, checks.SLIVER_PERSON)
            beside &= ~face & (person.face == 0) & ~own_hands & (person.hands == 0)
            # The old top's main colour as read across the chest on the photo (not the
            # median of the engine's mask, which takes in a bare midriff beside a bra).
            shot = _as_shot(report)
            worn = worn_colours(shot.lab(), shot, SwapTarget.TOP)[0]
            main = _lab(cv2.cvtColor(worn.astype(np.uint8).reshape(1, 1, 3), cv2.COLOR_LAB2RGB))
            values["skin_toned_left"] = checks.skin_toned_left(
                output, beside, np.vstack([main, old_colours]), _lab(skin)[0]
            )
        if target == SwapTarget.TOP:
            places = _below_hem_places(report, cover, rebuilt | face | own_hands, frame)
            values["below_hem"] = _below_hem(report, output, places)
            values["bottom_streaks"] = _bottom_streaks(output, places)
            values["bottom_redrawn"] = _bottom_redrawn(report, output, cover, frame)
            values["bottom_sides_redrawn"] = _bottom_sides_redrawn(report, output, cover, frame)
            values["bottom_print_redrawn"] = _bottom_print_redrawn(report, output, cover, frame)
    if target == SwapTarget.DRESS:
        values["dress_legs_left"] = _dress_legs_left(report, output, cover, frame)
        values["bare_legs_changed"] = _bare_legs_changed(report, output, cover)
        if report.rebuilt_skin is not None:
            shins = [
                (person.pt(k), person.pt(a)) for k, a in ((L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE)) if person.visible(k, a)
            ]
            values["leg_step"] = checks.leg_step(
                report.rebuilt_skin > 0.5,
                _skin_as_shot(report) & np.all(output == report.input, axis=2),
                shins,
                frame.width,
            )
    if target == SwapTarget.TOP:
        values["coat_skirt_left"] = _coat_skirt_left(report, output, cover, face | own_hands)
        values["coat_panel_left"] = _coat_panel_left(report, output, cover, face | own_hands)
        values["old_hem_left"] = _old_hem_left(report, output, cover, face | own_hands)
        values["hand_outline"] = checks.hand_outline(
            output,
            own_hands & np.all(output == report.input, axis=2),
            cover,
            old_colours,
            np.vstack([new_colours, _lab(skin)]),
        )
    palms = _palms(report) & hand_in_own_colour(report)
    if target in (SwapTarget.TOP, SwapTarget.DRESS):
        # A hand in a pocket is covered by the new top or dress, rightly.
        pockets = _pockets(report)
        values["pocket_hole"] = checks.pocket_hole(report.input, output, cover, person.mask > 0.5, pockets)
        palms &= ~pockets
    values["hand_changed"] = checks.hand_changed(report.input, output, palms)
    values["outer_coat_cut"] = _outer_coat_cut(report, output, face | own_hands)
    # Bare forearms crossed or raised in front, less their outermost pixel (as the hands);
    # a raised one is inside a new long sleeve, rightly covered by it.
    as_photo = _as_shot(report)
    raised_in_front = garment is None or not long_sleeved(garment)
    crossed = bare_forearms_in_front(as_photo, raised_in_front)
    if target != SwapTarget.TOP:
        # ...and those hanging in front of the hips, in front of a bottom or a dress's skirt.
        crossed |= bare_forearms_over_bottom(as_photo)
    own_arms = cv2.erode(crossed.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    values["arm_changed"] = checks.hand_changed(report.input, output, own_arms)
    # The bare forearms raised in front of the shoulder on their own (a phone held up).
    raised = np.zeros(crossed.shape, bool)
    for arm in raised_forearms(as_photo) if raised_in_front else []:
        raised |= arm.skin
    raised = cv2.erode(raised.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    values["raised_arm_changed"] = checks.raised_arm_changed(report.input, output, raised)
    # ...and strip by strip across each crossed one, to what it wears past the wrist.
    bones = [
        (arm.elbow, arm.wrist, arm.wrist + (arm.wrist - arm.elbow) * WRIST_PAST)
        for arm in crossed_forearms(as_photo)
        if arm.bare
    ]
    values["arm_cut"] = checks.arm_cut(
        report.input,
        output,
        own_arms,
        bones,
        checks.ARM_STRIP * person.shoulder_width,
        FOREARM_WIDTH / 2 * person.shoulder_width,
        checks.ARM_CORE * person.shoulder_width,
    )
    # What the hands hold in front of the old garment (a phone, a fruit), less its
    # outermost pixel (as the hands).
    holding = cv2.erode(held_in_front(as_photo, target).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    values["held_lost"] = checks.held_lost(report.input, output, holding)
    if target == SwapTarget.BOTTOM:
        # The top left on, from a little above the hips down, less the hands and arms in
        # front (checked above).
        top = kept_top(as_photo) & ~own_hands & ~crossed & (person.hands == 0)
        ys, xs = np.indices(top.shape, dtype=np.float32)
        depth = (xs - np.float32(hips[0])) * np.float32(frame.down[0]) + (ys - np.float32(hips[1])) * np.float32(
            frame.down[1]
        )
        below = depth > -checks.TOP_HEM_RISE * frame.length
        values["top_hem_changed"] = checks.top_hem_changed(report.input, output, top, below)
        core, bottom = _sleeves_at_hips(report)
        line = max(3, int(person.shoulder_width * SLEEVE_LINE))
        values["sleeve_changed"] = checks.sleeve_changed(report.input, output, core, bottom, line)
        if garment is not None and np.count_nonzero(old > 0.5) > 100:
            # Between the top's hem and the new bottom, across the hip joints.
            xs = sorted(float(person.pt(i)[0]) for i in (L_HIP, R_HIP))
            cols = (np.arange(shape[1]) >= xs[0]) & (np.arange(shape[1]) <= xs[1])
            own = _lab(cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB))
            values["top_hem_gap"] = checks.top_hem_gap(
                output,
                kept_top(as_photo),
                cover,
                cols,
                _colours(_lab(report.input[old > 0.5])),
                np.vstack([_colours(_lab(garment.rgb[garment.alpha > 0.9].astype(np.uint8))), own]),
            )
            # The new bottom's top band between the hip joints, down from its first row.
            solid = cover > 0.5
            first = np.where(solid.any(axis=0), np.argmax(solid, axis=0), shape[0])
            band = (np.arange(shape[0])[:, None] >= first[None, :]) & (
                np.arange(shape[0])[:, None] < first[None, :] + checks.WAISTBAND_DEPTH * frame.length
            )
            in_front = own_hands | crossed | holding | (person.hands > 0)
            values["waistband_flecks"] = checks.waistband_flecks(
                report.input, output, cover, band & cols[None, :], in_front
            )
            values["waistband_kept"] = checks.waistband_kept(
                report.input,
                output,
                cover,
                cols,
                int(checks.WAISTBAND_DEPTH * frame.length),
                int(person.shoulder_width * checks.WAISTBAND_EDGE_SPREAD),
                in_front,
                _colours(_lab(report.input[old > 0.5])),
                own,
            )
            # The person round the new bottom, less the top left on and the face.
            zone = _round_bottom(report, frame.width) & ~kept_top(as_photo) & ~face & (person.face == 0)
            skin_lab = _lab(cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB))
            old_lab = _colours(_lab(report.input[old > 0.5]))
            others = np.vstack([skin_lab, _colours(_lab(report.input[reference]))])
            values["bottom_old_beside"] = checks.bottom_old_beside(
                output, zone & (person.mask > 0.5), cover, old_lab, others
            )
            # ...and with the old bottom's colours read on the photo across the thighs.
            values["old_thighs_beside"] = checks.old_thighs_beside(
                output, zone & (person.mask > 0.5), cover, _thigh_lab(report), others
            )
            # The old bottom as shot beside the hip joints and above them (its waistband's
            # corners), counted against the new bottom round it.
            risen = _round_bottom(report, frame.width, ROUND_BOTTOM_RISE * frame.length)
            corners = risen & ~_round_bottom(report, frame.width) & ~cols[None, :] & worn_bottom(as_photo)
            corners &= ~kept_top(as_photo) & ~own_hands & ~crossed & ~holding & (person.hands == 0)
            values["bottom_old_at_hips"] = checks.bottom_old_beside(
                output,
                corners & ~face & (person.face == 0) & (person.mask > 0.5),
                cover,
                old_lab,
                others,
                against=risen & (person.mask > 0.5),
            )
            # The old bottom's own mask left as shot, hips to knees, less what stays in
            # front of a new bottom (its pale lit side or rim, missed by its colours).
            knees = (person.pt(L_KNEE) + person.pt(R_KNEE)) / 2
            above_knees = ~below_line(as_photo, frame, knees)
            rim = risen & above_knees & worn_bottom(as_photo) & ~kept_top(as_photo) & ~sleeves_over_bottom(as_photo)
            rim &= ~own_hands & ~crossed & ~holding & (person.hands == 0) & ~face & (person.face == 0)
            values["bottom_rim_left"] = checks.bottom_rim_left(
                report.input, output, cover, rim, risen & above_knees & (person.mask > 0.5)
            )
            legs = _round_bottom(report, frame.width) & (depth > INSEAM_DROP * frame.length)
            legs &= ~kept_top(as_photo) & ~own_hands & ~crossed & (person.hands == 0) & ~face & (person.face == 0)
            # The backdrop as seen beside the legs (a beach's sand passes for khaki
            # beside the border's sky); what was backdrop in the photo is let off.
            beside = legs & (person.mask < 0.1)
            seen = report.input[beside] if np.count_nonzero(beside) >= 50 else report.input[person.mask < 0.1]
            values["inseam_left"] = checks.inseam_left(
                output,
                cover,
                legs & (person.mask > 0.5),
                np.median(_lab(seen), axis=0),
                np.vstack([skin_lab, _colours(_lab(report.input[old > 0.5]))]),
            )
        if garment is not None and garment.category == SwapTarget.BOTTOM:
            middle = _between_legs(report, frame) & ~kept_top(as_photo) & ~own_hands & ~crossed
            values["crotch_wedge"] = checks.crotch_wedge(
                output,
                cover,
                middle & (person.hands == 0) & ~face & (person.face == 0),
                _product_backdrop(garment),
                _colours(_lab(garment.rgb[garment.alpha > 0.9].astype(np.uint8)), *CLOTH_COLOURS),
            )
            if person.visible(L_KNEE, R_KNEE) and parts_into_legs(garment):
                values["legs_one_column"] = checks.legs_one_column(
                    output, cover, [person.pt(L_KNEE), person.pt(R_KNEE)], frame.width
                )
        values["bottom_short"] = _bottom_short(report, cover, frame)
    if target in (SwapTarget.BOTTOM, SwapTarget.DRESS):
        values["bottom_to_edge"] = _bottom_to_edge(report, cover, frame, own_hands | crossed)
    if target in (SwapTarget.BOTTOM, SwapTarget.DRESS) and person.visible(L_ANKLE, R_ANKLE):
        values["hem_past_ankles"] = checks.hem_past_ankles(
            cover, [person.pt(L_ANKLE), person.pt(R_ANKLE)], frame.width, frame.length
        )
        if garment is not None and not parts_into_legs(garment):
            values["hem_above_shoes"] = checks.hem_above_shoes(
                cover, [person.pt(L_ANKLE), person.pt(R_ANKLE)], frame.width, frame.length
            )
    if garment is not None and target != SwapTarget.BOTTOM and garment.category != SwapTarget.BOTTOM:
        # Below the shoulder's cap and beyond the new sleeves' reach, less the hands and
        # the forearms crossed in front (checked above).
        below = max(reach + SLEEVE_MARGIN, BESIDE_FROM)
        bands = _arm_bands(report, frame.width * 0.3) & ~_arm_bands(report, frame.width * 0.45, below)
        bands &= (person.hands == 0) & ~crossed
        own_skin = _skin_as_shot(report) & (person.mask > 0.5) & (person.face == 0)
        values["arm_beside_changed"] = checks.arm_beside_changed(report.input, output, own_skin, bands)
        arm = _own_arms(report) & (person.hands == 0) & ~crossed & (person.face == 0) & ~face
        values["arm_ghost"] = checks.arm_ghost(report.input, output, arm, cover)
        if report.old_garment is not None:
            values["arm_taken"] = checks.arm_taken(report.input, output, arm, report.old_garment, cover)
        knit = worn_knit_sleeves(_as_shot(report), target, ANALYSIS_SIDE)
        shrink = max(1, round(max(output.shape[:2]) / ANALYSIS_SIDE))
        values["knit_kept"] = checks.knit_kept(report.input, output, knit, cover, shrink)
    if target != SwapTarget.BOTTOM:
        own_hair = hair_in_front(_as_shot(report), target) > 0.5
        own_hair = cv2.erode(own_hair.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        # Near the shoulders: what lies over the head is never drawn on.
        own_hair[: max(0, int(frame.neck[1] - frame.length * HAIR_ABOVE_SHOULDERS))] = False
        values["hair_cut"] = checks.hair_cut(report.input, output, own_hair)
        fair = cv2.erode(fair_hair_in_front(_as_shot(report), target).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        fair[: max(0, int(frame.neck[1] - frame.length * HAIR_ABOVE_SHOULDERS))] = False
        values["fair_hair_cut"] = checks.fair_hair_cut(report.input, output, fair)
        # The hair or a hat beside the head, as shot: not skin, face nor hands.
        photo = _as_shot(report)
        other = (person.mask > 0.5) & ~plausible_skin(photo.lab()) & ~skin_like(photo)
        other &= (person.face == 0) & (person.hands == 0)
        segments = [
            (person.pt(a), person.pt(b))
            for a, b in ((L_SHOULDER, L_ELBOW), (L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW), (R_ELBOW, R_WRIST))
        ]
        beside = checks.head_side(other, frame.neck, frame.down, frame.right, frame.width, segments)
        values["head_side_changed"] = checks.head_side_changed(report.input, output, beside, cover, frame.width)
    # Read from the pose alone, apart from the engine's refusal: a garment drawn on a
    # jump, a stride or a skirt held out is pasted flat whatever the engine decided.
    pose: dict[str, float | None] = {"torso_lean": torso_lean(person.points, person.visibility)}
    legs = leg_pose(person.points, person.visibility, person.size[1])
    if any(piece.category != SwapTarget.TOP for piece in report.garments):
        pose |= legs._asdict()
    elif legs_at_rest(legs) is not None:
        # A top is drawn flat over a jump or a dance only when an arm is raised with it.
        pose["wrist_height"] = wrist_height(person.points, person.visibility, person.size[1])
    values["pose_dynamic"] = checks.pose_dynamic(pose)
    if target == SwapTarget.BOTTOM:
        margin = max(2, int(frame.width * LEGS_MARGIN))
        feet = checks.feet_region(person.points, person.visibility, person.mask > 0.5, report.input.shape)
        feet &= (person.hands == 0) & (person.face == 0)
        values["feet_changed"] = checks.feet_changed(report.input, output, feet, cover, margin)
    if target == SwapTarget.DRESS:
        margin = max(2, int(frame.width * LEGS_MARGIN))
        values["legs_changed"] = checks.legs_changed(report.input, output, _own_lower_legs(report), cover, margin)
        values["trousers_left"] = _trousers_left(report, output, cover, margin)
    return values


#: `sleeve_changed` reads a forearm hanging down to the hips when its wrist is no higher
#: than this share of the torso above the hips, along its bone from the elbow to this
#: share of the way to the wrist (a hand in a pocket: the wrist joint lies at its edge),
#: this wide each side (shoulder widths): the arm's middle, sleeved or bare.
SLEEVE_WRIST = 0.25
SLEEVE_REACH = 0.9
SLEEVE_CORE = 0.06
#: The plainest lines of the old bottom's cloth `sleeve_changed` leaves out (shoulder
#: widths): a plaid's or a rib's stripes are narrower.
SLEEVE_LINE = 0.06


def _sleeves_at_hips(report: RenderReport) -> tuple[NDArray[np.bool_], NDArray[Any]]:
    """The middle of each forearm hanging down to the hips, on the person, and the old
    bottom's colours (CIE Lab) read on the thighs below the hips, in the input."""
    person = report.person
    h, w = report.input.shape[:2]
    core = np.zeros((h, w), np.uint8)
    thighs = np.zeros((h, w), np.uint8)
    if not person.visible(L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, threshold=0.5):
        return core > 0, np.zeros((0, 3), np.float32)
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    torso = float(hips[1] - (person.pt(L_SHOULDER)[1] + person.pt(R_SHOULDER)[1]) / 2)
    half = max(1, int(person.shoulder_width * SLEEVE_CORE))
    for elbow, wrist in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)):
        if person.visible(elbow, wrist, threshold=0.5) and person.pt(wrist)[1] >= hips[1] - SLEEVE_WRIST * torso:
            p, q = person.pt(elbow), person.pt(elbow) + (person.pt(wrist) - person.pt(elbow)) * SLEEVE_REACH
            cv2.line(core, (int(p[0]), int(p[1])), (int(q[0]), int(q[1])), (1,), 2 * half + 1)
    for hip, knee in ((L_HIP, L_KNEE), (R_HIP, R_KNEE)):
        p, q = person.pt(hip), person.pt(hip) + (person.pt(knee) - person.pt(hip)) * 0.7
        cv2.line(thighs, (int(p[0]), int(p[1])), (int(q[0]), int(q[1])), (1,), 2 * half + 1)
    on = person.mask > 0.5
    core_on = (core > 0) & on & (person.face == 0)
    shown = (thighs > 0) & on & (core == 0)
    colours = _colours(_lab(report.input[shown])) if shown.any() else np.zeros((0, 3), np.float32)
    return core_on, colours


#: How far above the shoulders' midpoint (torso lengths) hair counts for `hair_cut`.
HAIR_ABOVE_SHOULDERS = 0.25


#: How far from the new dress (shoulder widths) its hem's soft edge and contact shadow
#: may change the legs below it.
LEGS_MARGIN = 0.05


def _own_lower_legs(report: RenderReport) -> NDArray[np.bool_]:
    """The person's own bare shins (skin of any lightness along knee to ankle, as
    `_own_arms` reads arms) and their feet or shoes, in the input."""
    person = report.person
    before = _as_shot(report)
    h, w = report.input.shape[:2]
    bones = np.zeros((h, w), np.uint8)
    for knee, ankle in ((L_KNEE, L_ANKLE), (R_KNEE, R_ANKLE)):
        if person.visible(knee, ankle, threshold=0.5):
            p, q = person.pt(knee), person.pt(ankle)
            a, b = (int(p[0]), int(p[1])), (int(q[0]), int(q[1]))
            cv2.line(bones, a, b, (1,), max(2, int(person.shoulder_width * 0.35)))
    skin = (_skin_as_shot(report) | skin_hued(before.lab(), person.skin_lab)) & (bones > 0)
    feet = checks.feet_region(person.points, person.visibility, person.mask > 0.5, report.input.shape)
    return np.asarray((skin | feet) & (person.mask > 0.5) & (person.face == 0) & (person.hands == 0))


#: The legs' line `trousers_left` reads: this wide (shoulder widths) along hip to knee
#: to ankle.
LEG_LINE_WIDTH = 0.12
#: Where on the thighs (shares of hip to knee) the trousers' colours are read, under
#: the new dress: low, below a coat's or long top's hem.
THIGH_READ = (0.55, 0.9)


def _trousers_left(
    report: RenderReport, output: NDArray[np.uint8], cover: NDArray[np.float32], margin: int
) -> float | None:
    """`checks.trousers_left` for a dress: along each leg's line below it (clear of its
    soft edge by `margin`), against the colours the photo shows on the thighs it now
    covers, less any skin there (the bare knee below shorts)."""
    person = report.person
    if not person.visible(L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE, threshold=0.5):
        return None
    h, w = report.input.shape[:2]
    line = np.zeros((h, w), np.uint8)
    thighs = np.zeros((h, w), np.uint8)
    width = max(2, int(person.shoulder_width * LEG_LINE_WIDTH))
    for hip, knee, ankle in ((L_HIP, L_KNEE, L_ANKLE), (R_HIP, R_KNEE, R_ANKLE)):
        a, b, c = (person.pt(i).astype(np.float64) for i in (hip, knee, ankle))
        for p, q in ((a, b), (b, c)):
            cv2.line(line, (int(p[0]), int(p[1])), (int(q[0]), int(q[1])), (1,), width)
        p, q = a + (b - a) * THIGH_READ[0], a + (b - a) * THIGH_READ[1]
        cv2.line(thighs, (int(p[0]), int(p[1])), (int(q[0]), int(q[1])), (1,), width)
    before = _as_shot(report)
    skin = _skin_as_shot(report) | skin_hued(before.lab(), person.skin_lab)
    near = _near_garment(cover, 2 * margin + 1)
    own = (person.mask > 0.5) & (person.face == 0) & (person.hands == 0)
    read = (thighs > 0) & (cover > 0.5) & own & ~skin
    if np.count_nonzero(read) < 50:
        return None
    trousers = _colours(_lab(report.input[read]))
    return checks.trousers_left(report.input, output, (line > 0) & ~near & own, trousers)


#: How far (torso lengths) below the hip joints `inseam_left` reads between the legs:
#: below the crotch.
INSEAM_DROP = 0.25


#: How far (shoulder widths) either side of the legs' middle line `crotch_wedge` reads,
#: from `INSEAM_DROP` below the hip joints down.
WEDGE_BAND = 0.1
#: The garment's colours `crotch_wedge` tells the backdrop from: up to 8, each 5% of its
#: pixels or more (a knit's pale stitches are one; the backdrop seen between the legs, cut
#: out as cloth, is under 2%).
CLOTH_COLOURS = (8, 0.05)


def _between_legs(report: RenderReport, frame: Frame) -> NDArray[np.bool_]:
    """A band `WEDGE_BAND` shoulder widths either side of the line between the legs,
    from below the crotch (`INSEAM_DROP` torso lengths below the hip joints) down to the
    ankles (the knees where the ankles are not seen): where a bottom's legs part. The
    backdrop between a product's legs runs as low as its knees."""
    person = report.person
    h, w = report.input.shape[:2]
    hips = (person.pt(L_HIP) + person.pt(R_HIP)).astype(np.float64) / 2
    low = (L_ANKLE, R_ANKLE) if person.visible(L_ANKLE, R_ANKLE) else (L_KNEE, R_KNEE)
    feet = (person.pt(low[0]) + person.pt(low[1])).astype(np.float64) / 2
    top = hips + frame.down * INSEAM_DROP * frame.length
    along = feet - top
    if float(along @ frame.down) <= 0:
        return np.zeros((h, w), bool)
    side = np.array([-along[1], along[0]]) / max(float(np.linalg.norm(along)), 1e-6) * WEDGE_BAND * frame.width
    band = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(band, np.array([top - side, top + side, feet + side, feet - side], np.int32), (1,))
    return band > 0


def _product_backdrop(garment: Garment) -> NDArray[np.float32]:
    """The product photo's backdrop (CIE Lab): the median of its border, which the
    cut-out's carried edge colours (`garment.edge_colour`) leave as shot."""
    rgb = garment.rgb
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    return np.asarray(np.median(_lab(border), axis=0), np.float32)


#: How far (shoulder widths) beside the hips-to-ankles quadrilateral `bottom_old_beside`
#: reads: the hands hanging beside the hips, an old wide leg's outer side.
ROUND_BOTTOM = 0.4
#: How far (torso lengths) above the hip joints `bottom_old_at_hips` reads: an old
#: waistband's corners rise above them at the hips, beside a new waistband.
ROUND_BOTTOM_RISE = 0.25


#: Where across the thighs (share of the way from hip to knee) and how wide round each
#: point (shoulder widths) `old_thighs_beside` reads the old bottom's colours.
THIGH_READ = (0.3, 0.05)


def _thigh_lab(report: RenderReport) -> NDArray[np.float32]:
    """The main colours (CIE Lab) of the photo in small patches at five points across
    the upper thighs, on the person: what the old bottom is as shot."""
    person = report.person
    h, w = report.input.shape[:2]
    share, reach = THIGH_READ
    a = person.pt(L_HIP) * (1 - share) + person.pt(L_KNEE) * share
    b = person.pt(R_HIP) * (1 - share) + person.pt(R_KNEE) * share
    r = max(2, int(person.shoulder_width * reach))
    near = np.zeros((h, w), bool)
    for t in np.linspace(0.25, 0.75, 5):
        x, y = (a * t + b * (1 - t)).astype(int)
        near[max(0, y - r) : y + r, max(0, x - r) : x + r] = True
    return _colours(_lab(report.input[near & (person.mask > 0.5)]))


def _round_bottom(report: RenderReport, width: float, rise: float = 0.0) -> NDArray[np.bool_]:
    """The hips-to-ankles quadrilateral (to the knees where the ankles are not seen),
    `ROUND_BOTTOM` shoulder widths wider each side, its top `rise` pixels above the hip
    joints (up the torso)."""
    person = report.person
    h, w = report.input.shape[:2]
    low = (R_ANKLE, L_ANKLE) if person.visible(L_ANKLE, R_ANKLE) else (R_KNEE, L_KNEE)
    a, b, c, d = (person.pt(i).astype(np.float64) for i in (L_HIP, R_HIP, *low))
    up = np.asarray(torso_frame(person).down, np.float64) * rise
    a, b = a - up, b - up
    out = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6) * width * ROUND_BOTTOM
    quad = np.array([a - out, b + out, c + out, d - out], np.int32)
    zone = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(zone, quad, (1,))
    return zone > 0


#: A bottom at least this many times as long (waistband to hem) as it is wide, or a
#: dress this long from the armpits to the hem, reaches the knees on the body: trousers
#: and long skirts 2.5 to 4, the devset's short dress 2.3 (mid-thigh and below); shorts
#: under 1.6.
KNEE_LENGTH = 2.0


def _bottom_to_edge(
    report: RenderReport, cover: NDArray[np.float32], frame: Frame, in_front: NDArray[np.bool_]
) -> float | None:
    """`checks.bottom_to_edge` for a bottom or dress whose product reaches the knees
    (`KNEE_LENGTH`), the hands, forearms in front (`in_front`) and a bottom's kept top
    let off."""
    person = report.person
    garment = report.garments[-1] if report.garments else None
    if garment is None or garment.category not in (SwapTarget.BOTTOM, SwapTarget.DRESS):
        return None
    start = garment.top if garment.category == SwapTarget.BOTTOM else garment.armpit_y
    if garment.hem_y - start < KNEE_LENGTH * garment.width:
        return None
    let_off = in_front | (person.hands > 0)
    if garment.category == SwapTarget.BOTTOM:
        let_off |= kept_top(_as_shot(report))
    hips = [person.pt(L_HIP), person.pt(R_HIP)]
    knees = [person.pt(L_KNEE), person.pt(R_KNEE)]
    return checks.bottom_to_edge(cover, let_off, hips, knees, frame.length)


def _bottom_short(report: RenderReport, cover: NDArray[np.float32], frame: Frame) -> float | None:
    """`checks.bottom_short` for a full-length product (`placement.FULL_LENGTH`) with both
    ankles in sight: its lowest row across the legs' columns (the ankles' span, widened
    by 0.3 shoulder widths) against the lower ankle."""
    person = report.person
    garment = report.garments[-1] if report.garments else None
    if garment is None or garment.category != SwapTarget.BOTTOM:
        return None
    if garment.hem_y - garment.top < FULL_LENGTH * garment.width or not person.visible(L_ANKLE, R_ANKLE):
        return None
    feet = [person.pt(i) for i in (L_ANKLE, R_ANKLE)]
    h, w = cover.shape
    ankles = max(float(p[1]) for p in feet)
    if ankles >= h:
        return None
    x0 = int(max(0, min(p[0] for p in feet) - frame.width * 0.3))
    x1 = int(min(w, max(p[0] for p in feet) + frame.width * 0.3 + 1))
    rows = np.flatnonzero((cover[:, x0:x1] > 0.5).any(axis=1))
    return checks.bottom_short(float(rows[-1]) if len(rows) else None, ankles, frame.length)


def _own_arms(report: RenderReport) -> NDArray[np.bool_]:
    """The person's bare arm skin in the input, shoulder to wrist, whatever the pose:
    along each bone, the pixels coloured like that arm's own skin (`arms.own_skin`) and
    not like the old top (a pink or beige one passes for skin)."""
    person = _as_shot(report)
    lab = person.lab()
    worn = worn_top_colour(person)
    h, w = report.input.shape[:2]
    found = np.zeros((h, w), bool)
    width = max(3, int(torso_frame(person).width * 0.35))
    for a, b in ((L_SHOULDER, L_ELBOW), (L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW), (R_ELBOW, R_WRIST)):
        if not person.visible(a, b):
            continue
        band = np.zeros((h, w), np.uint8)
        p, q = person.pt(a), person.pt(b)
        if a in (L_SHOULDER, R_SHOULDER):
            p = p + (q - p) * KEPT_FROM
        cv2.line(band, (int(p[0]), int(p[1])), (int(q[0]), int(q[1])), (1,), width)
        found |= own_skin(lab, person, (band > 0) & (person.mask > 0.5) & ~worn)
    return found


#: The arm beside the torso is judged from this share of the way from shoulder to wrist
#: (below the shoulder's cap, which a top's shoulder covers) and this share beyond
#: where the new sleeves reach (their hem and soft edge).
BESIDE_FROM = 0.2
SLEEVE_MARGIN = 0.2


#: A hand's palm and fingers' roots: this share of the radius of the pose's disc round
#: the hand (which reaches over the wrist, where a long sleeve may rightly end).
PALM_SHARE = 0.6


def hand_in_own_colour(report: RenderReport) -> NDArray[np.bool_]:
    """The person's own hands in the input: in each of the pose's hand discs, what looks
    like the face's skin or like that hand's own (`own_skin`: the lit back of a dark
    hand, a shadowed palm, which the face's skin test misses and a new garment drawn
    over them went unseen), less its outermost pixel."""
    person = _as_shot(report)
    on = person.mask > 0.5
    lab = person.lab()
    hand = _skin_as_shot(report).copy()
    for _, centre, radius in hand_discs(person.points, person.visibility, person.shoulder_width):
        disc = np.zeros(on.shape, np.uint8)
        cv2.circle(disc, centre, radius, (1,), -1)
        hand |= own_skin(lab, person, (disc > 0) & on)
    hand &= (person.hands > 0) & on
    return cv2.erode(hand.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0


def _palms(report: RenderReport) -> NDArray[np.bool_]:
    """Round the middle of each hand the pose sees, its inner part less a pixel's edge."""
    person = report.person
    palms = np.zeros(report.input.shape[:2], np.uint8)
    for _, centre, radius in hand_discs(person.points, person.visibility, person.shoulder_width):
        cv2.circle(palms, centre, max(1, int(radius * PALM_SHARE)), (1,), -1)
    return palms > 0


#: How far round each hand (radii of the pose's disc) the engine may keep skin in front:
#: the box `hands_in_front` reads each hand in.
HAND_REACH = 1.5


def _round_hands(report: RenderReport) -> NDArray[np.bool_]:
    """The discs round each hand the pose sees, `HAND_REACH` times the pose's disc."""
    person = report.person
    discs = np.zeros(report.input.shape[:2], np.uint8)
    for _, centre, radius in hand_discs(person.points, person.visibility, person.shoulder_width):
        cv2.circle(discs, centre, int(radius * HAND_REACH), (255,), -1)
    return discs > 0


def _pockets(report: RenderReport) -> NDArray[np.bool_]:
    """The discs round the hands whose fingers are hidden in the photo in the clothes (in
    a pocket; not behind a fruit held in front)."""
    person = _as_shot(report)
    discs = np.zeros(report.input.shape[:2], np.uint8)
    for side, centre, radius in hand_discs(person.points, person.visibility, person.shoulder_width):
        if fingers_hidden(person, side) and fingers_in_clothes(person, side):
            cv2.circle(discs, centre, radius, (255,), -1)
    return discs > 0


def inspect_shoes(report: RenderReport) -> dict[str, float | None]:
    """The values of `fitroom.checks` for a shoes render: the old shoes' colours left on
    the feet, against the new shoe's, the floor's round the feet and the skin's; and
    the shoe's cut-out, for a part of it left out (a flat white shoe)."""
    person = report.person
    shape = report.input.shape[:2]
    feet = checks.feet_region(person.points, person.visibility, person.mask > 0.5, shape)
    cut = report.cutout
    if cut is None:
        return {"old_shoe_left": None, "item_left_out": None, "item_strands": None}
    left_out = checks.item_left_out(cut.rgb, cut.alpha)
    strands = checks.item_strands(cut.alpha)
    if np.count_nonzero(feet) < 100:
        return {"old_shoe_left": None, "item_left_out": left_out, "item_strands": strands}
    ys, xs = np.nonzero(feet)
    box = (slice(max(0, ys.min() - 20), ys.max() + 21), slice(max(0, xs.min() - 20), xs.max() + 21))
    floor = report.input[box][person.mask[box] < 0.3]
    skin = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)
    allowed = [_colours(_lab(cut.rgb[cut.alpha > 0.9])), _lab(skin)]
    if len(floor) >= 50:
        allowed.append(_colours(_lab(floor)))
    old = _colours(_lab(report.input[feet]))
    left = checks.old_shoe_left(np.asarray(report.image), feet, old, np.vstack(allowed))
    return {
        "old_shoe_left": left,
        "item_left_out": left_out,
        "item_strands": strands,
        "collar_gap": _collar_gap(report),
        "sole_fall": _on_both_feet(report, checks.sole_fall),
        "shoes_merged": _on_both_feet(report, checks.shoes_merged),
        "feet_unshod": _feet_unshod(report),
        "shoe_pitch": _on_both_feet(report, checks.shoe_pitch),
        "shaft_left": _shaft_left(report),
        "shoe_above_sole": _shoe_above_sole(report),
        "floor_halo": _on_floor(report, checks.floor_halo),
        "floor_smear": _on_floor(report, checks.floor_smear),
        "hem_cut": _hem_cut(report),
    }


#: A shoe's length as a share of the shin (knee to ankle), as the engine sizes it.
SHOE_PER_SHIN = 0.62
#: Each leg's ankle and knee landmarks.
SHINS = ((L_ANKLE, L_KNEE), (R_ANKLE, R_KNEE))


def _shoe_length(person: Person) -> float | None:
    """A shoe's length from both shins, or None unless both knees and ankles are seen."""
    if min(person.visibility[i] for shin in SHINS for i in shin) < 0.5:
        return None
    shin = float(np.mean([np.linalg.norm(person.pt(a) - person.pt(k)) for a, k in SHINS]))
    return SHOE_PER_SHIN * shin


#: A check of the new shoes' cover at the feet's landmarks, given a shoe's length.
FeetCheck = Callable[[NDArray[np.floating[Any]], Sequence[Sequence[checks.Point]], float], float | None]


def _on_both_feet(report: RenderReport, check: FeetCheck) -> float | None:
    """`check` of the new shoes' cover at each foot's landmarks (`checks.FEET`), a shoe's
    length sized from both shins; None without a cover or both legs seen."""
    length = _shoe_length(report.person)
    if report.garment_cover is None or length is None:
        return None
    feet = [[report.person.pt(i) for i in foot] for foot in checks.FEET]
    return check(report.garment_cover, feet, length)


#: How far below the lowest foot landmark (of a shoe's length) the old feet are looked
#: for by `checks.feet_unshod`: the pose's toe is often on the instep.
FEET_BELOW = 0.3


def _feet_unshod(report: RenderReport) -> float | None:
    """`checks.feet_unshod` for a shoes render, a shoe's length from the shins seen (a
    foot hidden behind the other leg is marked less sure, its knee too)."""
    person = report.person
    if report.garment_cover is None:
        return None
    shins = [
        float(np.linalg.norm(person.pt(a) - person.pt(k)))
        for a, k in SHINS
        if person.visibility[a] >= 0.5 and person.visibility[k] >= 0.5
    ]
    if not shins:
        return None
    length = SHOE_PER_SHIN * float(np.mean(shins))
    ankles = [person.pt(a) for a, _ in SHINS]
    lowest = max(float(person.pt(i)[1]) for foot in checks.FEET for i in foot[1:])
    return checks.feet_unshod(report.garment_cover, person.mask > 0.5, ankles, lowest + FEET_BELOW * length, length)


def _shaft_left(report: RenderReport) -> float | None:
    """`checks.shaft_left` for a shoes render, down the shins whose knee and ankle are seen."""
    person = report.person
    if report.garment_cover is None:
        return None
    shins, lengths = [], []
    for ankle, knee in SHINS:
        if person.visibility[ankle] >= 0.5 and person.visibility[knee] >= 0.5:
            shins.append((person.pt(knee), person.pt(ankle)))
            lengths.append(SHOE_PER_SHIN * float(np.linalg.norm(person.pt(ankle) - person.pt(knee))))
    if not shins:
        return None
    image = np.asarray(report.image)
    return checks.shaft_left(
        image, report.garment_cover, person.mask > 0.5, person.skin_lab, shins, float(np.mean(lengths))
    )


#: How far (of a shoe's length) either side of a foot's landmarks its new shoe's lowest
#: row is looked for.
SOLE_SPAN = 0.4


def _shoe_above_sole(report: RenderReport) -> float | None:
    """`checks.shoe_above_sole` for a shoes render: each foot's sole from the input photo
    (`place.foot_ground`, from the ankle down the leg and a shoe the mask missed), the
    shoe's lowest row over the foot's columns `SOLE_SPAN` of a length wider either side
    (a pump's arch is off the floor under the ankle, its heel tip and toe are not); the
    shoe's length `SHOE_PER_SHIN` of the shin."""
    person = report.person
    if report.garment_cover is None or _shoe_length(person) is None:
        return None
    soles, lengths = [], []
    for (ankle, heel, toe), (_, knee) in zip(checks.FEET, SHINS, strict=True):
        points = [person.pt(i).astype(np.float64) for i in (ankle, heel, toe)]
        length = SHOE_PER_SHIN * float(np.linalg.norm(points[0] - person.pt(knee)))
        sole = foot_ground(person.mask, report.input, (points[0], points[1], points[2]), length)
        if sole is None:
            continue
        xs = [p[0] for p in points]
        soles.append((int(min(xs) - SOLE_SPAN * length), int(max(xs) + SOLE_SPAN * length + 1), sole))
        lengths.append(length)
    if not soles:
        return None
    return checks.shoe_above_sole(report.garment_cover, soles, float(np.mean(lengths)))


def _on_floor(report: RenderReport, check: Callable[..., float | None]) -> float | None:
    """`check` (`checks.floor_halo`, `checks.floor_smear`) for a shoes render: the photo
    before, the render, the new shoes' cover, the person and their skin."""
    person = report.person
    if report.garment_cover is None:
        return None
    return check(report.input, np.asarray(report.image), report.garment_cover, person.mask > 0.5, person.skin_lab)


def _hem_cut(report: RenderReport) -> float | None:
    """`checks.hem_cut` for a shoes render, at the ankles of both legs seen."""
    person = report.person
    length = _shoe_length(person)
    if report.garment_cover is None or length is None:
        return None
    ankles = [person.pt(foot[0]) for foot in checks.FEET]
    return checks.hem_cut(
        report.input, np.asarray(report.image), report.garment_cover, person.mask > 0.5, person.skin_lab, ankles, length
    )


def _collar_gap(report: RenderReport) -> float | None:
    """`checks.collar_gap` for a shoes render: the leg is the person's pixels the render
    left as they were or rebuilt as skin, the shoe's length `SHOE_PER_SHIN` of the shin."""
    person = report.person
    if report.garment_cover is None:
        return None
    kept = checks.leg_shown(
        report.input, np.asarray(report.image), person.mask > 0.5, report.garment_cover, person.skin_lab
    )
    ankles, shins = [], []
    for ankle, knee in SHINS:
        if person.visibility[ankle] >= 0.5 and person.visibility[knee] >= 0.5:
            ankles.append(person.pt(ankle))
            shins.append(float(np.linalg.norm(person.pt(ankle) - person.pt(knee))))
    if not ankles:
        return None
    return checks.collar_gap(report.garment_cover, kept, ankles, SHOE_PER_SHIN * float(np.mean(shins)))


def inspect_accessory(report: RenderReport) -> dict[str, float | None]:
    """The values of `fitroom.checks` for an accessory render: earrings at the ears, a hat
    down on the head, no old shoe left beside new ones."""
    if report.accessories == [SwapTarget.SHOES]:
        return inspect_shoes(report)
    values: dict[str, float | None] = {}
    person = report.person
    if report.accessories == ["earrings"] and report.garment_cover is not None:
        h, w = report.input.shape[:2]
        ears = [
            person.pt(i)
            for i in (L_EAR, R_EAR)
            if person.visibility[i] >= 0.5 and 0 <= person.pt(i)[0] < w and 0 <= person.pt(i)[1] < h
        ]
        span = float(np.linalg.norm(person.pt(L_EAR) - person.pt(R_EAR)))
        values["ear_distance"] = checks.ear_distance(report.garment_cover, ears, span)
        face = landmarks.face(person)
        if face is not None:
            values["earring_aslant"] = checks.earring_aslant(report.garment_cover, 0.05 * face.height)
            worn = worn_earrings(report.input, face)
            values["worn_jewellery_left"] = checks.worn_jewellery_left(
                report.input, np.asarray(report.image), worn, report.garment_cover
            )
    if report.accessories == [SwapTarget.HAT] and report.garment_cover is not None:
        eyes = [person.pt(i) for i in (R_EYE, L_EYE)] if person.visibility[[L_EYE, R_EYE]].min() >= 0.5 else []
        values["hat_band_height"] = checks.hat_band_height(report.garment_cover, eyes)
        face = landmarks.face(person)
        # Read on the photo as it was (the render draws into the person's image).
        photo = _as_shot(report)
        old = None if face is None else old_hat(photo, face, face_width_3d(face) * HAT_PER_FACE)
        values["hat_gap"] = _hat_gap(report, old)
        values["hat_cut"] = checks.hat_cut(report.garment_cover)
        if old is not None:
            values["old_hat_left"] = checks.old_hat_left(
                report.input, np.asarray(report.image), old, report.garment_cover
            )
        if face is None or face.turn < checks.HAT_DIP_FACING:
            values["hat_band_dip"] = checks.hat_band_dip(report.garment_cover, eyes)
            values["hat_band_tilt"] = checks.hat_band_tilt(report.garment_cover, eyes)
    if report.accessories == [SwapTarget.BAG] and report.garment_cover is not None:
        values["bag_support"] = checks.bag_support(report.garment_cover, _bag_supports(person), person.shoulder_width)
        values["bag_knee_drop"] = thigh_drop(
            person.points, person.visibility, person.size[1], knees_seen=BAG_KNEES_SEEN
        )
        values["bag_torso_faces"] = torso_in_faces(person.points, person.visibility)
        on_back = report.cutout is not None and worn_on_back(without_strap(report.cutout)[0], "")
        if not on_back:
            values["bag_split"] = checks.bag_split(report.garment_cover, person.shoulder_width * 0.03)
            hips = [person.pt(i)[:2] for i in (L_HIP, R_HIP) if person.visibility[i] >= 0.5]
            values["bag_on_belly"] = checks.bag_on_belly(report.garment_cover, hips, person.shoulder_width * 0.03)
        if on_back:
            # Opened with twice this (plus one) the drawn strap goes and the pack's top stays.
            strap = 0.6 * person.shoulder_width * 0.03 * BACKPACK_STRAP_WIDTH
            values["backpack_strap_bend"] = checks.backpack_strap_bend(report.garment_cover, strap)
            values["backpack_strap_light"] = checks.backpack_strap_light(
                report.garment_cover, np.asarray(report.image), person.mask
            )
            values["backpack_in_front"] = checks.backpack_in_front(report.garment_cover, person.mask, strap)
            arms = [
                [person.pt(i) for i in (shoulder, elbow, wrist)]
                for shoulder, elbow, wrist in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))
                if person.visibility[[shoulder, elbow, wrist]].min() >= 0.3
            ]
            values["backpack_strap_on_arm"] = checks.backpack_strap_on_arm(
                report.garment_cover, person.mask, arms, 0.06 * person.shoulder_width
            )
            shoulders = [person.pt(i) for i in (L_SHOULDER, R_SHOULDER) if person.visibility[i] >= 0.5]
            values["backpack_detached"] = checks.backpack_detached(
                report.garment_cover, shoulders, strap, person.shoulder_width
            )
    if report.accessories == [SwapTarget.GLASSES] and report.garment_cover is not None:
        face = landmarks.face(person)
        if face is not None:
            corners = [
                (face.pt(landmarks.EYE_R_INNER), face.pt(landmarks.EYE_R_OUTER)),
                (face.pt(landmarks.EYE_L_INNER), face.pt(landmarks.EYE_L_OUTER)),
            ]
            values["glasses_off_eyes"] = checks.glasses_off_eyes(report.garment_cover, corners)
            frame = old_frame(report.input, face) if wears_glasses(report.input, face) else None
            if frame is not None:
                values["old_frame_left"] = checks.old_frame_left(
                    report.input, np.asarray(report.image), frame, report.garment_cover, frame_window(face)
                )
        values["lens_lines"] = checks.lens_lines(report.garment_cover, np.asarray(report.image))
    if report.accessories == [SwapTarget.WATCH] and report.garment_cover is not None:
        values.update(_watch_checks(report))
    if report.accessories == ["necklace"] and report.garment_cover is not None:
        before = _as_shot(report)
        skin = (_skin_as_shot(report) | skin_hued(before.lab(), person.skin_lab)) & (person.mask > 0.5)
        values["necklace_across_layers"] = checks.necklace_across_layers(before.lab(), report.garment_cover, skin)
        values["necklace_cut"] = checks.necklace_cut(report.garment_cover)
        face = landmarks.face(person)
        if face is not None:
            values["necklace_narrow"] = checks.necklace_narrow(report.garment_cover, face.width)
    if report.accessories == ["bracelet"] and report.garment_cover is not None:
        values["bracelet_off_skin"] = _watch_checks(report)["watch_off_skin"]
        values["bracelet_past_wrist"] = _bracelet_past_wrist(report)
    return values


def _bracelet_past_wrist(report: RenderReport) -> float | None:
    """`checks.bracelet_past_wrist` along the forearm whose wrist is nearest the bracelet."""
    assert report.garment_cover is not None
    person = report.person
    ys, xs = np.nonzero(report.garment_cover > 0.5)
    if len(xs) == 0:
        return None
    centre = np.array([xs.mean(), ys.mean()])
    side, elbow, wrist = min(
        (("left", L_ELBOW, L_WRIST), ("right", R_ELBOW, R_WRIST)),
        key=lambda sew: float(np.linalg.norm(person.pt(sew[2])[:2] - centre)),
    )
    hand = landmarks.hand(person, side)
    palm = hand.palm_width if hand is not None else None
    return checks.bracelet_past_wrist(report.garment_cover, person.pt(elbow), person.pt(wrist), palm)


def _watch_checks(report: RenderReport) -> dict[str, float | None]:
    """`checks.watch_off_skin`, `checks.watch_width`, `checks.watch_over_cuff`, `checks.watch_strap_block`,
    `checks.watch_strap_flat`, `checks.watch_off_person` and `checks.watch_blob`, on the skin of the photo before
    the watch (like the face's skin, or of its hue: a tanned or shaded forearm), along the
    forearm whose wrist is nearest the watch."""
    assert report.garment_cover is not None
    person = report.person
    before = _as_shot(report)
    skin = (_skin_as_shot(report) | skin_hued(before.lab(), person.skin_lab)) & (person.mask > 0.5)
    ys, xs = np.nonzero(report.garment_cover > 0.5)
    if len(xs) == 0:
        return {
            "watch_off_skin": None,
            "watch_width": None,
            "watch_over_cuff": None,
            "watch_strap_block": None,
            "watch_strap_flat": None,
            "watch_off_person": None,
            "watch_blob": None,
        }
    centre = np.array([xs.mean(), ys.mean()])
    elbow, wrist = min(
        ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST)), key=lambda ew: float(np.linalg.norm(person.pt(ew[1])[:2] - centre))
    )
    lightness = _lightness(report.image)
    return {
        "watch_off_skin": checks.watch_off_skin(report.garment_cover, skin),
        "watch_width": checks.watch_width(report.garment_cover, skin, person.pt(elbow), person.pt(wrist)),
        "watch_over_cuff": checks.watch_over_cuff(
            before.lab(), report.garment_cover, person.pt(elbow), person.pt(wrist)
        ),
        "watch_strap_block": checks.watch_strap_block(
            report.garment_cover, lightness, person.pt(elbow), person.pt(wrist)
        ),
        "watch_strap_flat": checks.watch_strap_flat(
            report.garment_cover, lightness, person.pt(elbow), person.pt(wrist)
        ),
        "watch_off_person": checks.watch_off_person(report.garment_cover, person.mask),
        "watch_blob": checks.watch_blob(report.garment_cover, lightness, _lightness(Image.fromarray(report.input))),
    }


def _lightness(image: Image.Image) -> NDArray[np.float32]:
    """The render's lightness (Lab's L, 0..255)."""
    return cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)


#: A forearm hangs when the wrist is at least this share of its length below the elbow.
HANGING = 0.6


def _bag_supports(person: Person) -> list[NDArray[np.float64]]:
    """What can carry a bag: the shoulders, and each hand whose forearm hangs (the wrist
    well below the elbow), at its knuckles."""
    supports = [person.pt(i)[:2].astype(np.float64) for i in (L_SHOULDER, R_SHOULDER) if person.visibility[i] >= 0.5]
    for elbow, wrist, tips in ((L_ELBOW, L_WRIST, L_HAND_TIPS), (R_ELBOW, R_WRIST, R_HAND_TIPS)):
        if min(person.visibility[elbow], person.visibility[wrist]) < 0.5:
            continue
        forearm = person.pt(wrist)[:2] - person.pt(elbow)[:2]
        if forearm[1] >= HANGING * float(np.linalg.norm(forearm)):
            supports.append(np.mean([person.pt(i)[:2] for i in tips], axis=0).astype(np.float64))
    return supports


def _hat_gap(report: RenderReport, worn: NDArray[np.bool_] | None) -> float | None:
    """`checks.hat_gap` with the backdrop's main colours round the hat; an old hat the
    person wore (`worn`, painted out where the new one does not cover it) is not the
    person's own hair or head."""
    assert report.garment_cover is not None
    ys, xs = np.nonzero(report.garment_cover > 0.5)
    if len(xs) == 0:
        return None
    pad = max(10, (ys.max() - ys.min()) // 2)
    box = (slice(max(0, ys.min() - pad), ys.max() + pad), slice(max(0, xs.min() - pad), xs.max() + pad))
    around = report.input[box][report.person.mask[box] < 0.3]
    backdrop = _colours(_lab(around)) if len(around) >= 50 else np.zeros((0, 3), np.float32)
    person = report.person.mask if worn is None else np.where(worn, 0.0, report.person.mask)
    return checks.hat_gap(np.asarray(report.image), report.input, person, report.garment_cover, backdrop)


def _focus(edited: NDArray[np.bool_]) -> tuple[int, int, int, int] | None:
    """A square box round the edited pixels with a margin, for the sheet's close-up."""
    ys, xs = np.nonzero(edited)
    if len(xs) == 0:
        return None
    h, w = edited.shape
    side = int(min(max(xs.max() - xs.min(), ys.max() - ys.min()) * 1.5 + 16, w, h))
    x0 = int(np.clip((xs.min() + xs.max() - side) / 2, 0, w - side))
    y0 = int(np.clip((ys.min() + ys.max() - side) / 2, 0, h - side))
    return x0, y0, x0 + side, y0 + side


_engine: ClassicEngine | None = None


def _plain(report: RenderReport, frame: Frame) -> NDArray[np.bool_]:
    """What the input photo shows that is no garment: the backdrop and the person's soft
    rim (the backdrop beside a rebuilt shoulder), colours skin can have, the hair's colour,
    the face and the hands (`old_neckband`; the new garment, of the old one's colour
    beside it, is left out by the caller)."""
    person = _as_shot(report)
    lab = person.lab()
    plain = (person.mask < SOLID) | plausible_skin(lab) | _skin_as_shot(report) | (person.face > 0) | (person.hands > 0)
    colour = hair_colour(person, frame)
    if colour is not None:
        plain |= squared_distance(lab, colour, HAIR_WEIGHTS) < HAIR_REACH**2
    return plain


def render_pair(person_path: Path, garment_path: Path, target: str, tier: str, out_dir: Path) -> PairResult:
    """Render one pair in this process (the engine and its caches live per process)."""
    global _engine
    if _engine is None:
        _engine = ClassicEngine()
    result = PairResult(person=person_path.name, garment=garment_path.name, target=target, ok=False)
    started = time.perf_counter()
    try:
        person = decode_image(person_path.read_bytes(), max_pixels=60_000_000)
        garment = decode_image(garment_path.read_bytes(), max_pixels=60_000_000)
        report = _engine.render_report(person, [garment], RenderOptions(swap_target=target, tier=tier))
    except EngineError as exc:
        result.code, result.message = exc.code, exc.message
        result.seconds = time.perf_counter() - started
        return result
    result.seconds = time.perf_counter() - started
    result.ok = True
    result.timings = {k: round(v, 4) for k, v in report.timings.items()}
    for key, value in measure(report, target).items():
        setattr(result, key, value)
    if report.garments:
        result.checks = {k: (None if v is None else round(v, 4)) for k, v in inspect(report, target).items()}
        result.checks["part_unnamed"] = part_unnamed(garment, target)
        result.checks["garment_backdrop_kept"] = backdrop_kept(garment, report.garments[-1].alpha)
        result.faults = checks.faults(result.checks)
    if report.accessories:
        result.kind = "+".join(report.accessories)
        result.checks = {k: (None if v is None else round(v, 4)) for k, v in inspect_accessory(report).items()}
        result.faults = checks.faults(result.checks)
        if report.edited is not None:
            result.focus = _focus(report.edited)
    name = f"{person_path.stem}__{garment_path.stem}.jpg"
    report.image.save(out_dir / "results" / name, quality=90)
    result.output = f"results/{name}"
    return result


def backdrop_kept(product: Image.Image, alpha: NDArray[np.float32]) -> float | None:
    """`checks.garment_backdrop_kept` on the product photo as shot, at its cut-out's
    size: the garment's own copy has its colour carried out over the soft edge
    (`edge_colour`), the photo's border with it where the garment reaches the edge."""
    h, w = alpha.shape
    rgb = np.asarray(product.convert("RGB").resize((w, h), Image.Resampling.BOX))
    return checks.garment_backdrop_kept(rgb, alpha)


def part_unnamed(garment: Image.Image, target: str) -> float | None:
    """1 when the garment photo, sent with no part named (VirtuFit's default
    `full_outfit`, FASHN's `auto`), is read as the part its folder names, else 0: eval
    names the part, and a client that does not got jeans pasted over the chest. None
    for a target that is no single part."""
    if target not in (SwapTarget.TOP, SwapTarget.BOTTOM, SwapTarget.DRESS):
        return None
    read = analyse_garments(np.asarray(garment.convert("RGB")), swap_target=SwapTarget.FULL_OUTFIT, hint=None)
    return 1.0 if target in [piece.category for piece in read] else 0.0


def _thumb(image: Image.Image) -> Image.Image:
    tile = Image.new("RGB", (TILE, TILE), (245, 245, 245))
    image = image.convert("RGB")
    image.thumbnail((TILE, TILE))
    tile.paste(image, ((TILE - image.width) // 2, (TILE - image.height) // 2))
    return tile


def contact_sheets(
    results: list[PairResult], persons: dict[str, Path], garments: dict[str, Path], out_dir: Path, per_sheet: int = 8
) -> list[Path]:
    """Sheets of rows [person | garment | result (| close-up)], `per_sheet` rows side by side in pairs.

    Accessory rows get a fourth tile: the result cropped round what changed."""
    sheets = []
    cols = 2
    tiles = 4 if any(r.kind for r in results) else 3
    for page, start in enumerate(range(0, len(results), per_sheet)):
        chunk = results[start : start + per_sheet]
        rows = (len(chunk) + cols - 1) // cols
        sheet = Image.new("RGB", (cols * tiles * TILE + (cols - 1) * 16, rows * (TILE + LABEL)), "white")
        draw = ImageDraw.Draw(sheet)
        for i, res in enumerate(chunk):
            x0 = (i % cols) * (tiles * TILE + 16)
            y0 = (i // cols) * (TILE + LABEL)
            sheet.paste(_thumb(Image.open(persons[res.person])), (x0, y0))
            sheet.paste(_thumb(Image.open(garments[res.garment])), (x0 + TILE, y0))
            if res.ok and res.output:
                output = Image.open(out_dir / res.output)
                sheet.paste(_thumb(output), (x0 + 2 * TILE, y0))
                if res.focus is not None:
                    sheet.paste(_thumb(output.crop(res.focus).resize((TILE, TILE))), (x0 + 3 * TILE, y0))
            else:
                draw.rectangle((x0 + 2 * TILE, y0, x0 + 3 * TILE - 1, y0 + TILE - 1), fill=(255, 225, 225))
                draw.text((x0 + 2 * TILE + 8, y0 + TILE // 2), str(res.code), fill=(160, 0, 0))
                draw.text((x0 + 2 * TILE + 8, y0 + TILE // 2 + 14), str(res.message)[:40], fill=(160, 0, 0))
            label = f"{res.person[:26]} + {res.garment[:26]} ({res.kind or res.target})"
            draw.text((x0 + 2, y0 + TILE + 2), label, fill=(0, 0, 0))
            if res.faults:
                draw.text((x0 + 2, y0 + TILE + 15), "fails: " + ", ".join(res.faults), fill=(180, 0, 0))
        path = out_dir / f"sheet-{page + 1:03d}.png"
        sheet.save(path)
        sheets.append(path)
    return sheets


def pairs(persons: list[Path], garments: list[Path], default_target: str) -> Iterator[tuple[Path, Path, str]]:
    for garment in garments:
        for person in persons:
            yield person, garment, target_for(garment, default_target)


def summarise(results: list[PairResult]) -> dict[str, object]:
    ok = [r for r in results if r.ok]

    def median(values: list[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return round(statistics.median(present), 4) if present else None

    # A person shows the body part a kind of item needs unless every item of that kind
    # was refused for it as missing (a product photo refused first hides that answer).
    shown = {(r.person, r.target) for r in results if r.code != NOT_IN_PHOTO and r.code != "garment_not_found"}
    in_photo = [r for r in results if r.code != NOT_IN_PHOTO and (r.person, r.target) in shown]
    return {
        "pairs": len(results),
        "failed": len(results) - len(ok),
        "failure_rate": round((len(results) - len(ok)) / max(1, len(results)), 4),
        # Failures among pairs whose photo shows the body part (refusals for a missing part left out).
        "failure_rate_part_visible": round(sum(not r.ok for r in in_photo) / max(1, len(in_photo)), 4),
        "failures_by_code": dict(Counter(r.code for r in results if not r.ok)),
        "median_seconds": median([r.seconds for r in ok]),
        "max_changed_outside_edit": max((r.changed_outside_edit or 0.0 for r in ok), default=None),
        "median_delta_e": median([r.delta_e for r in ok]),
        "median_coverage": median([r.coverage for r in ok]),
        "median_spill": median([r.spill for r in ok]),
        # Pairs rendered that break one of fitroom.checks, and how many break each.
        "pairs_with_faults": sum(bool(r.faults) for r in ok),
        "faults_by_check": dict(Counter(f for r in ok for f in r.faults)),
    }


def evaluate(
    persons_dir: Path,
    garments_dir: Path,
    out_dir: Path,
    *,
    tier: str = TierName.NANO,
    target: str = SwapTarget.TOP,
    workers: int = 1,
    every: int = 1,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[PairResult], None] | None = None,
) -> dict[str, object]:
    """Render all pairs (every `every`-th garment), write results, sheets and metrics.json.

    `on_start` hears the number of pairs, `on_result` each pair as it is done (progress)."""
    persons = images_in(persons_dir)
    garments = images_in(garments_dir)[::every]
    (out_dir / "results").mkdir(parents=True, exist_ok=True)
    jobs = list(pairs(persons, garments, target))
    if on_start:
        on_start(len(jobs))
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            futures = {pool.submit(render_pair, p, g, t, tier, out_dir): i for i, (p, g, t) in enumerate(jobs)}
            done: dict[int, PairResult] = {}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                if on_result:
                    on_result(done[futures[future]])
            results = [done[i] for i in range(len(jobs))]
    else:
        results = []
        for p, g, t in jobs:
            results.append(render_pair(p, g, t, tier, out_dir))
            if on_result:
                on_result(results[-1])
    summary = summarise(results)
    sheets = contact_sheets(results, {p.name: p for p in persons}, {g.name: g for g in garments}, out_dir)
    summary["sheets"] = len(sheets)
    summary["cores"] = os.cpu_count()
    (out_dir / "metrics.json").write_text(
        json.dumps({"summary": summary, "pairs": [asdict(r) for r in results]}, indent=1)
    )
    return summary
