"""The body's shape as clothes see it: the torso's axes and zone, and the limbs as tapered
cylinders.

Shared by the placement (where a new garment goes), the old garment's mask, the skin
rebuilt where it was, and the garment analysis (a garment photographed on a model).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic import sleeve_arm
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
    frontal_width,
)

if TYPE_CHECKING:
    from fitroom.engines.classic.hem_arm import KeptArm


@dataclass
class Frame:
    """The torso's axes in the photo: shoulder midpoint, unit right and down vectors."""

    neck: NDArray[np.float64]
    right: NDArray[np.float64]
    down: NDArray[np.float64]
    width: float  # shoulder joint distance as seen
    length: float  # shoulder midpoint to hip midpoint

    @property
    def frontal_width(self) -> float:
        """Shoulder width as it would be seen from the front (a turned body looks narrower)."""
        return frontal_width(self.width, self.length)


def torso_frame(person: Person) -> Frame:
    ls, rs = person.pt(L_SHOULDER).astype(np.float64), person.pt(R_SHOULDER).astype(np.float64)
    lh, rh = person.pt(L_HIP).astype(np.float64), person.pt(R_HIP).astype(np.float64)
    neck = (ls + rs) / 2
    hips = (lh + rh) / 2
    right = ls - rs  # the person's left shoulder is on the picture's right
    width = float(np.linalg.norm(right))
    right /= max(width, 1e-6)
    down = hips - neck
    length = float(np.linalg.norm(down))
    if length < width * 0.5:
        down = np.array([-right[1], right[0]])
        length = width * 1.3
    else:
        down /= length
    return Frame(neck, right, down, width, length)


def torso_zone(person: Person, frame: Frame) -> NDArray[np.uint8]:
    """255 over the torso and, since collars and shoulder tops sit above the shoulder
    joints, the neck up towards the chin."""
    w, h = person.size
    zone = np.zeros((h, w), np.uint8)
    torso = np.array([person.pt(i) for i in (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)], np.int32)
    cv2.fillConvexPoly(zone, torso, 255)
    up = -frame.down * frame.frontal_width * 0.35
    shoulders = [person.pt(i).astype(np.float64) for i in (L_SHOULDER, R_SHOULDER)]
    cv2.fillConvexPoly(zone, np.array([*shoulders, shoulders[1] + up, shoulders[0] + up], np.int32), 255)
    return zone


#: Limb radii at the shoulder, elbow and wrist, and at the hip, knee and ankle, as shares
#: of the frontal shoulder width (adult proportions): used where the photo shows nothing
#: better.
_ARMS = ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))
ARM_RADII = (0.15, 0.11, 0.075)
_LEGS = ((L_HIP, L_KNEE, L_ANKLE), (R_HIP, R_KNEE, R_ANKLE))
_LEG_RADII = (0.21, 0.13, 0.075)
#: A limb inside a sleeve or trouser leg is this share of its width (low, high): about
#: 0.55 to 0.65 in a loose one, nearly all of a tight one.
IN_SLEEVE = (0.55, 0.95)
#: How far the radius the outline or the visible wrist and ankle give may stray from the
#: proportions' (low, high factors): a mask misread must not make a stick or a balloon.
FROM_PROPORTIONS = (0.6, 1.4)
#: ...but at the shoulder at most this factor: a loose tee's or a sweater's wide sleeve
#: made the bared upper arm a bulging ball of a shoulder, far past the real one.
SHOULDER_MOST = 1.15
#: The wrist is about this share of the hand's width just beyond it; the ankle of the
#: foot's or shoe's.
END_SHARE = 0.8
#: The upper arm at the elbow is at most this share of its width at the shoulder: a
#: tight sleeve's outline measures about the same width at both, and an arm rebuilt
#: from it was a straight-sided block.
ELBOW_TAPER = 0.75
#: How much wider than the straight taper the deltoid makes the upper arm, at its
#: widest (a quarter of the way down), fading out by halfway to the elbow.
DELTOID = 0.15
#: A forearm swells below the elbow (its muscles) and narrows to the wrist: seen from the
#: front, bare forearms on the devset are about half as wide at the wrist as a quarter of
#: the way down from the elbow. At its widest (`FOREARM_SWELL_AT` of the way down) it
#: is this share wider than the straight taper, fading out by `FOREARM_SWELL_END`.
FOREARM_SWELL = 0.3
FOREARM_SWELL_AT = 0.25
FOREARM_SWELL_END = 0.8
#: A lower leg swells at the calf below the knee and narrows to the ankle: at its widest
#: (`CALF_SWELL_AT` of the way down) it is this share wider than the straight taper from
#: the knee's radius to the ankle's, fading out by `CALF_SWELL_END`. Rebuilt from
#: trousers without it, a shin under a dress was a straight cone, a doll's leg.
CALF_SWELL = 0.2
CALF_SWELL_AT = 0.3
CALF_SWELL_END = 0.85
#: ...only on a shin the old garment covers here along it (knee 0, ankle 1): one that
#: shows below the old hem keeps its own width, and a rebuilt calf wider than it stood
#: out over it as a bulge with a notch at the hem.
SHIN_COVERED_AT = (0.6, 0.75, 0.9)
#: The wrist is at most this share of the elbow's radius: one as wide as the elbow (a
#: wrist read off a wide hand, an elbow off a tight sleeve) made the forearm a tube.
WRIST_TAPER = 0.8
#: Where the hand shows beyond the old sleeve, the forearm goes on past the wrist at the
#: wrist's own radius to where the hand begins on its line, up to this share of its
#: length (elbow to wrist), under the hand kept in front: ended at the wrist joint in a
#: round cap, the old cuff between the cap and the hand was refilled from round it, a
#: pale band and a stub above the hand. No further: past a bent hand it stuck out.
INTO_HAND = 0.3
#: The shin goes on past the ankle joint this share of its length at the ankle's width:
#: a trouser's hem over the shoe, taken away under a dress or shorter bottom, was
#: refilled from round it as a smear of the shoe up over the ankle.
INTO_SHOE = 0.12
#: The bared shoulder's outline, placed from the pose (`shoulder_line`): from beside the
#: neck, `SHOULDER_NECK_SIDE` of the seen shoulder width out from the middle and
#: `SHOULDER_NECK_RISE` of the frontal width above the joints' line, it slopes down to
#: the shoulder's top, `SHOULDER_TOP_RISE` above the joint, where the upper arm's cap is
#: that high (not its full radius: a cap as round as the arm is wide stood above the
#: shoulder's line as a ball). Only beside an upper arm whose elbow lies at least
#: `SHOULDER_HANGS` of its length below the joint.
SHOULDER_NECK_SIDE = 0.2
SHOULDER_NECK_RISE = 0.18
SHOULDER_TOP_RISE = 0.08
SHOULDER_HANGS = 0.5
#: ...and only in a sleeve: the old garment this share of the way down the upper arm,
#: `SLEEVE_OUT` of the frontal width out from the bone (the arm's outer side).
SLEEVE_AT = 0.35
SLEEVE_OUT = 0.1
#: How steeply (rise over run) the neck's side rises inside the line's start, and how soft
#: (pixels, at the analysis size) the outline is: about the photo's own silhouette's.
NECK_STEEP = 3.0
SHOULDER_SOFT = 1.0
#: The steepest a shoulder's line falls from beside the neck to the arm's top (rise over run).
SHOULDER_STEEPEST = 1.0
#: How far (shares of the knee's radius) the knee is moved across the shin's bone to meet
#: the shin where it shows below an old hem (`_knee_over_shin`), and how far below the
#: hem (shares of the shin's length) the shin's middle is read.
KNEE_TO_SHIN = 1.0
SHIN_READ = 0.05
#: How far (shares of the arm's radius there) an elbow or wrist is moved towards the
#: middle of the old sleeve round it (`_sleeve_middle`).
RECENTRE = 0.6
#: Where along the upper arm (shoulder 0, elbow 1) and the forearm (elbow 0, wrist 1) the
#: person's own bare arm, where it shows beyond the old sleeve, is read for this arm's
#: width against the proportions' (`own_arm_scales`); the arm inside a loose sleeve is at
#: most `OWN_SLACK` times that wide. A tee's or a sweater's wide sleeve made the bared
#: upper arm as wide as the sleeve, a fat tube above a slim forearm.
OWN_UPPER_AT = (0.5, 0.65, 0.8, 0.95)
OWN_FOREARM_AT = (0.15, 0.3, 0.45, 0.6)
OWN_SLACK = 1.25
#: An upper arm carried up from the own arm below a short sleeve's hem (`limbs`' `kept`)
#: is at most this many times as wide at the shoulder joint as there (the deltoid's
#: swell on top): the proportions' shoulder, as wide as the old sleeve, stood out
#: as a slab above the kept arm.
SHOULDER_PER_HEM = 1.1
#: A limb's soft edge (pixels): it is half covered this far inside its radius.
EDGE_HALF = 0.75


def _edges(
    region: NDArray[np.bool_], centre: NDArray[np.float32], across: NDArray[np.float32], cap: int
) -> tuple[float | None, float | None] | None:
    """How far `region` runs on from `centre` along the unit vector `across` and against
    it, each None where it runs past `cap` pixels; None when `centre` is not in it."""
    h, w = region.shape
    cx, cy = int(round(float(centre[0]))), int(round(float(centre[1])))
    if not (0 <= cx < w and 0 <= cy < h and region[cy, cx]):
        return None
    steps = np.arange(1, cap + 1, dtype=np.float32)[:, None]
    ends: list[float | None] = []
    for side in (1.0, -1.0):
        xy = np.round(centre[None, :] + side * steps * across[None, :]).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        on = np.zeros(len(xy), bool)
        on[inside] = region[xy[inside, 1], xy[inside, 0]]
        off = np.flatnonzero(~on)
        ends.append(float(off[0]) + 0.5 if len(off) else None)
    return ends[0], ends[1]


def _half_width(
    region: NDArray[np.bool_], centre: NDArray[np.float32], across: NDArray[np.float32], cap: int
) -> float | None:
    """Half the width of `region` through `centre` along the unit vector `across`: the
    mean distance to its edge on the two sides, or the nearer side's when the other runs
    on far further or past `cap` pixels (into the torso or the other leg); None when
    `centre` is not in it or neither side ends."""
    found = _edges(region, centre, across, cap)
    ends = [end for end in found or () if end is not None]
    if not ends:
        return None
    # One side far further than the other ran on into something beside the limb.
    return min(ends) if max(ends) > 1.8 * min(ends) else float(np.mean(ends))


def _off_middle(region: NDArray[np.bool_], centre: NDArray[np.float32], across: NDArray[np.float32], cap: int) -> float:
    """How far (pixels, along `across`) the middle of `region`'s run through `centre`
    lies from it, where the run ends on both sides within `cap` (a sleeve, not the
    torso beside it); else 0."""
    plus, minus = _edges(region, centre, across, cap) or (None, None)
    if plus is None or minus is None:
        return 0.0
    return (plus - minus) / 2


def _sleeve_middle(
    person: Person, chain: tuple[int, int, int], radii: tuple[float, float, float], outline: NDArray[np.bool_]
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]:
    """The arm's joints (shoulder, elbow, wrist) with the elbow and wrist moved towards
    the middle of the old sleeve round them, by up to `RECENTRE` of the arm's radius
    there (`radii`): the pose's bone often runs off the sleeve's middle, and the arm
    drawn round it reached past the sleeve on one side, cut there along the sleeve's
    outline as a straight, stepped edge against the backdrop."""
    a, b, c = (person.pt(i).astype(np.float32) for i in chain)
    moved = [a, b, c]
    for k, (p, q, t) in enumerate(((a, b, 1.0), (b, c, 0.85)), start=1):
        v = q - p
        length = float(np.hypot(*v))
        if length < 1:
            continue
        across = np.array([-v[1], v[0]], np.float32) / length
        off = _off_middle(outline, p + v * t, across, int(radii[k] * 3) + 2)
        moved[k] = moved[k] + across * np.float32(np.clip(off, -RECENTRE * radii[k], RECENTRE * radii[k]))
    return moved[0], moved[1], moved[2]


def _knee_over_shin(
    person: Person, chain: tuple[int, int, int], radius: float, outline: NDArray[np.bool_]
) -> NDArray[np.float32]:
    """The knee moved across the shin's bone so the rebuilt leg meets the shin where it
    shows below the old garment's hem (`outline`): the pose puts the knee under a skirt
    off the visible shin's line, and the rebuilt thigh met the shin as shot with a step
    at the old hem. By up to `KNEE_TO_SHIN` of the knee's `radius`; where no shin shows
    below a hem on the bone (trousers to the ankle), or its run across is not clear of
    the other leg, the pose's knee."""
    b, c = (person.pt(i).astype(np.float32) for i in chain[1:])
    v = c - b
    length = float(np.hypot(*v))
    if length < 1:
        return b
    across = np.array([-v[1], v[0]], np.float32) / length
    h, w = outline.shape
    seen = (person.mask > 0.5) & ~outline
    for t in np.linspace(0.05, 0.9, 18):
        x, y = (b + v * t).astype(int)
        if not (0 <= x < w and 0 <= y < h) or outline[y, x]:
            continue
        if t <= 0.05:
            return b
        below = min(float(t) + SHIN_READ, 0.95)
        off = _nearest_run(seen, b + v * below, across, int(radius * 3) + 2)
        if off is None:
            return b
        shift = float(np.clip(off / (1 - below), -KNEE_TO_SHIN * radius, KNEE_TO_SHIN * radius))
        return b + across * np.float32(shift)
    return b


def _shin_covered(person: Person, chain: tuple[int, int, int], outline: NDArray[np.bool_]) -> bool:
    """Whether the old garment (`outline`) covers the shin at every `SHIN_COVERED_AT`
    along it: trousers to the shoes, no own shin below their hem. Not where those
    points lie outside the picture: it is cut round what is rebuilt, and a shin below
    it is no old garment's."""
    b, c = (person.pt(i).astype(np.float32) for i in chain[1:])
    h, w = outline.shape
    for t in SHIN_COVERED_AT:
        x, y = (b + (c - b) * np.float32(t)).astype(int)
        if not (0 <= x < w and 0 <= y < h and outline[y, x]):
            return False
    return True


class LineRun(NamedTuple):
    """A region's run on a line read one pixel apart (`line_run`): the steps along the
    line, each step's pixel (x, y), whether it lies inside the picture, and the run's
    first and last step's index."""

    steps: NDArray[np.float32]
    xy: NDArray[np.int_]
    inside: NDArray[np.bool_]
    start: int
    end: int


def line_run(
    region: NDArray[np.bool_], centre: NDArray[np.float32], across: NDArray[np.float32], reach: int
) -> LineRun | None:
    """`region`'s run nearest `centre` on the line through it along the unit `across`,
    read one pixel apart `reach` pixels either way; None where the line meets no run. A
    limb's width is read across its bone this way."""
    h, w = region.shape
    steps = np.arange(-reach, reach + 1, dtype=np.float32)
    xy = np.round(centre[None, :] + steps[:, None] * across[None, :]).astype(int)
    on = np.zeros(len(steps), bool)
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
    on[inside] = region[xy[inside, 1], xy[inside, 0]]
    if not on.any():
        return None
    nearest = int(np.argmin(np.where(on, np.abs(steps), np.inf)))
    start, end = nearest, nearest
    while start > 0 and on[start - 1]:
        start -= 1
    while end < len(on) - 1 and on[end + 1]:
        end += 1
    return LineRun(steps, xy, inside, start, end)


def _nearest_run(
    region: NDArray[np.bool_], centre: NDArray[np.float32], across: NDArray[np.float32], reach: int
) -> float | None:
    """How far (pixels, along `across`) the middle of `region`'s run nearest `centre` on
    the line through it lies from it, looking `reach` pixels either way; None where the
    line meets no run, or the run reaches past `reach` (not one shin)."""
    run = line_run(region, centre, across, reach)
    if run is None or run.start == 0 or run.end == len(run.steps) - 1:
        return None
    return float(run.steps[run.start] + run.steps[run.end]) / 2


def own_arm_scales(person: Person, frame: Frame, outline: NDArray[np.bool_]) -> tuple[float | None, float | None]:
    """How wide each arm's own bare part is where it shows beyond the old garment
    (`outline`; not the hand), as a share of the proportions' arm there, swells included:
    the median over `OWN_UPPER_AT` and `OWN_FOREARM_AT`, for the person's left and right
    arm; None where under two of them show. Read on the whole person: a crop round the
    old garment holds little of the arm below it, and cut the runs across it short."""
    seen = (person.mask > 0.5) & ~outline & (person.hands == 0)
    h, w = seen.shape
    model = [share * frame.frontal_width for share in ARM_RADII]
    out: list[float | None] = []
    for chain in _ARMS:
        a, b, c = (person.pt(i).astype(np.float32) for i in chain)
        shares: list[float] = []
        for p, q, r_start, r_end, swell, ats in (
            (a, b, model[0], model[1], _deltoid, OWN_UPPER_AT),
            (b, c, model[1], model[2], _forearm_swell, OWN_FOREARM_AT),
        ):
            v = q - p
            length = float(np.hypot(*v))
            if length < 1:
                continue
            across = np.array([-v[1], v[0]], np.float32) / length
            for t in ats:
                radius = (r_start + (r_end - r_start) * t) * (1 + float(swell(np.float32([t]))[0]))
                centre = p + v * np.float32(t)
                ends = _edges(seen, centre, across, int(radius * 3) + 2)
                if ends is None or ends[0] is None or ends[1] is None:
                    continue
                # Ended by the picture's edge, the run says nothing of the arm's width.
                rims = [centre + across * np.float32(side * (end + 1)) for side, end in zip((1, -1), ends, strict=True)]
                if all(0 <= rim[0] < w and 0 <= rim[1] < h for rim in rims):
                    shares.append((ends[0] + ends[1]) / 2 / max(radius, 1e-6))
        out.append(float(np.median(shares)) if len(shares) >= 2 else None)
    return out[0], out[1]


def _radii(
    person: Person,
    chain: tuple[int, int, int],
    model: tuple[float, ...],
    outline: NDArray[np.bool_] | None,
    own: float | None = None,
) -> tuple[tuple[float, float, float], float]:
    """The limb's radii in pixels at its three joints: the proportions', bounded by the
    old sleeve's or trouser leg's outline round it, and at the end by the wrist or ankle
    where it shows beyond the old garment; and how far past the end (shares of the last
    bone, up to `INTO_HAND`) the hand or foot begins on the bone's line, 0 where it does
    not show. An arm is at most `OWN_SLACK` times as wide as its own bare part that shows
    makes it (`own`, from `own_arm_scales`)."""
    radii = list(model)
    if outline is None:
        return (radii[0], radii[1], radii[2]), 0.0
    a, b, c = (person.pt(i).astype(np.float32) for i in chain)
    low, high = FROM_PROPORTIONS
    for k, (p, q, t) in enumerate(((a, b, 0.3), (a, b, 1.0), (b, c, 0.85))):
        v = q - p
        length = float(np.hypot(*v))
        if length < 1:
            continue
        across = np.array([-v[1], v[0]], np.float32) / length
        half = _half_width(outline, p + v * t, across, int(model[k] * 3) + 2)
        most = (SHOULDER_MOST if k == 0 else high) * model[k]
        if own is not None:
            most = max(min(most, OWN_SLACK * own * model[k]), low * model[k])
        if half is not None:
            radii[k] = float(
                np.clip(model[k], min(IN_SLEEVE[0] * half, most), max(IN_SLEEVE[1] * half, low * model[k]))
            )
        if own is not None:
            radii[k] = min(radii[k], most)
    # The hand, or the foot, just beyond the end, where the old garment does not cover it.
    v = c - b
    length = float(np.hypot(*v))
    if length >= 1:
        across = np.array([-v[1], v[0]], np.float32) / length
        seen = (person.mask > 0.5) & ~outline
        found = [
            half
            for t in (1.05, 1.12, 1.2)
            if (half := _half_width(seen, b + v * t, across, int(model[2] * 4) + 2)) is not None
        ]
        if found:
            radii[2] = float(np.clip(END_SHARE * np.median(found), low * model[2], high * model[2]))
        # A cuff often ends below the pose's wrist point: the hand shows further on.
        h, w = seen.shape
        shares = np.linspace(0, INTO_HAND, 9)
        tips = np.round(b[None, :] + v[None, :] * (1 + shares[:, None])).astype(int)
        inside = (tips[:, 0] >= 0) & (tips[:, 0] < w) & (tips[:, 1] >= 0) & (tips[:, 1] < h)
        shows = np.zeros(len(tips), bool)
        shows[inside] = seen[tips[inside, 1], tips[inside, 0]]
        if shows.any():
            return (radii[0], radii[1], radii[2]), float(shares[int(np.argmax(shows))])
    return (radii[0], radii[1], radii[2]), 0.0


#: A limb's swell along its bone (0 at its top joint, 1 at its end), as a share of its radius.
Swell = Callable[[NDArray[np.float32]], NDArray[np.float32]]


def _deltoid(t: NDArray[np.float32]) -> NDArray[np.float32]:
    """The deltoid's swell down the upper arm (`t`: 0 at the shoulder joint, 1 at the
    elbow), as a share of the radius: 0 at the joint, whose cap (a half ellipse
    `SHOULDER_TOP_RISE` high) is the shoulder's top, `DELTOID` a quarter of the way
    down, 0 from halfway on."""
    return (DELTOID * np.sin(np.pi * np.clip(t / 0.5, 0, 1))).astype(np.float32)


def _eased_swell(t: NDArray[np.float32], most: float, at: float, end: float) -> NDArray[np.float32]:
    """A swell along a bone (`t`: 0 at its top joint, 1 at its end), as a share of the
    radius: 0 at the joint, `most` at `at`, eased out to 0 by `end`."""
    rise = np.sin(0.5 * np.pi * np.clip(t / at, 0, 1))
    fall = 0.5 * (1 + np.cos(np.pi * np.clip((t - at) / (end - at), 0, 1)))
    return (most * np.where(t < at, rise, fall)).astype(np.float32)


def _forearm_swell(t: NDArray[np.float32]) -> NDArray[np.float32]:
    """The forearm's swell below the elbow (`t`: 0 at the elbow, 1 at the wrist): without
    it a forearm was a straight-sided tube."""
    return _eased_swell(t, FOREARM_SWELL, FOREARM_SWELL_AT, FOREARM_SWELL_END)


def _calf_swell(t: NDArray[np.float32]) -> NDArray[np.float32]:
    """The calf's swell below the knee (`t`: 0 at the knee, 1 at the ankle): without it a
    shin rebuilt under a dress was a straight cone."""
    return _eased_swell(t, CALF_SWELL, CALF_SWELL_AT, CALF_SWELL_END)


def limbs(
    person: Person,
    frame: Frame,
    category: str,
    outline: NDArray[np.bool_] | None = None,
    own: tuple[float | None, float | None] = (None, None),
    kept: tuple[KeptArm | None, KeptArm | None] = (None, None),
) -> tuple[NDArray[np.float32], tuple[NDArray[np.float32], NDArray[np.float32]]]:
    """The bare limbs a garment may uncover, as tapered cylinders along the bones.

    Returns how much of each pixel is limb (soft-edged) and the picture-right and down
    parts of the cylinders' unit surface normals (0 off the limbs: facing the camera),
    so rebuilt skin can be lit as a rounded form. A sleeve or trouser leg is
    wider than the limb inside it: what lies between the two is background, not skin.
    With the old garment's mask (`outline`) the limbs are as wide as the sleeves and
    trouser legs round them allow, and end as wide as the wrists or ankles that show;
    a forearm whose hand shows goes on into it at the wrist's width (`INTO_HAND`), and
    an arm is no wider than its own bare part that shows makes it (`own`: the left and
    right arm's, `own_arm_scales`). An upper arm bared from a short sleeve whose own arm
    was read below the hem (`kept`, `hem_arm.kept_below_hems`) runs from the shoulder to
    that arm's two edges there, so it meets the kept arm edge to edge.
    """
    w, h = person.size
    chains: list[tuple[tuple[int, int, int], tuple[float, ...]]] = []
    if category in (SwapTarget.TOP, SwapTarget.DRESS):
        chains += [(chain, ARM_RADII) for chain in _ARMS]
    if category in (SwapTarget.BOTTOM, SwapTarget.DRESS):
        chains += [(chain, _LEG_RADII) for chain in _LEGS]
    # Each bone: its ends, its radii there, its swell along it (a share of the radius),
    # and how high its round cap before its start is (None: as high as it is wide).
    segments: list[tuple[NDArray[np.float32], NDArray[np.float32], float, float, Swell | None, float | None]] = []
    shoulder_top = SHOULDER_TOP_RISE * frame.frontal_width
    for chain, shares in chains:
        scale = own[_ARMS.index(chain)] if chain in _ARMS else None
        model = tuple(share * frame.frontal_width for share in shares)
        (r0, r1, r2), into = _radii(person, chain, model, outline, scale)
        upper_arm = chain in _ARMS
        wide = r1
        if upper_arm and outline is not None and scale is None and sleeve_arm.long_sleeved(person, chain, outline):
            r0, r1, r2 = sleeve_arm.from_wrist((r0, r1, r2), FROM_PROPORTIONS[0] * model[1], model[2])
        if upper_arm and outline is not None:
            top, joint, end = _sleeve_middle(person, chain, (r0, r1, r2), outline)
            joint = sleeve_arm.against_body(joint, frame, wide - r1)
        elif outline is not None:
            top, end = (person.pt(i).astype(np.float32) for i in (chain[0], chain[2]))
            joint = _knee_over_shin(person, chain, r1, outline)
        else:
            top, joint, end = (person.pt(i).astype(np.float32) for i in chain)
        lower: Swell | None = _forearm_swell
        if not upper_arm:
            lower = _calf_swell if outline is not None and _shin_covered(person, chain, outline) else None
        if upper_arm:
            r1 = max(min(r1, ELBOW_TAPER * r0), r2)
            # The hand's own width, read beyond the cuff, is where the arm reaches it.
            hand, r2 = r2, min(r2, WRIST_TAPER * r1)
        below = kept[_ARMS.index(chain)] if upper_arm else None
        if below is not None:
            # Tapering from the shoulder's cap to the own arm below the hem, centred on
            # it there: drawn round the bone at the proportions' width, it was a slab as
            # wide as the old sleeve, a step where it met the narrower kept arm.
            # The limb's soft edge is half in at `EDGE_HALF` inside its radius: at the run's
            # own half width it stood that far in from the kept arm's edge, a notch.
            half = below.half + EDGE_HALF
            r_top = float(np.clip(r0, half, SHOULDER_PER_HEM * half))
            segments += [
                (top, below.centre, r_top, half, _deltoid, shoulder_top),
                (below.centre, joint, half, r1, None, None),
            ]
        else:
            segments.append((top, joint, r0, r1, _deltoid if upper_arm else None, shoulder_top if upper_arm else None))
        segments.append((joint, end, r1, r2, lower, None))
        if upper_arm and into > 0:
            # Narrowest at the wrist, widening into the hand: at the narrow wrist's width
            # the old cuff between it and the hand was refilled as a band across the wrist.
            segments.append((end, end + (end - joint) * into, r2, hand, None, None))
        if not upper_arm:
            segments.append((end, end + (end - joint) * INTO_SHOE, r2, r2, None, None))
    nearest = np.full((h, w), np.inf, np.float32)  # distance from the bone over the radius there
    radius_px = np.ones((h, w), np.float32)
    tilt_x, tilt_y = np.zeros((h, w), np.float32), np.zeros((h, w), np.float32)
    for p, q, ra, rb, swell, cap in segments:
        # Only the box round the bone can be inside this limb (or 1.5 px from its edge).
        reach = max(ra, rb) * (1 + max(DELTOID, FOREARM_SWELL, CALF_SWELL)) + 2
        x0, y0 = (int(max(0, np.floor(v))) for v in np.minimum(p, q) - reach)
        x1, y1 = int(min(w, np.ceil(max(p[0], q[0]) + reach))), int(min(h, np.ceil(max(p[1], q[1]) + reach)))
        if x1 <= x0 or y1 <= y0:
            continue
        ys, xs = np.arange(y0, y1, dtype=np.float32)[:, None], np.arange(x0, x1, dtype=np.float32)[None, :]
        v = q - p
        along = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / max(float(v @ v), 1e-6)
        t = np.clip(along, 0, 1)
        radius = ra + (rb - ra) * t
        if swell is not None:
            radius *= 1 + swell(t)
        off_x, off_y = xs - p[0] - t * v[0], ys - p[1] - t * v[1]
        if cap is not None and cap < ra:
            # The cap before the start is a half ellipse `cap` high: its offset along
            # the bone counts `ra / cap` times.
            before = np.minimum(along, 0) * np.float32(ra / cap - 1)
            off_x, off_y = off_x + before * v[0], off_y + before * v[1]
        relative = np.hypot(off_x, off_y) / radius
        box = slice(y0, y1), slice(x0, x1)
        closer = relative < nearest[box]
        nearest[box][closer] = relative[closer]
        radius_px[box][closer] = radius[closer]
        # Across the cylinder the surface turns from facing the camera to edge-on.
        np.copyto(tilt_x[box], np.clip(off_x / radius, -1, 1), where=closer)
        np.copyto(tilt_y[box], np.clip(off_y / radius, -1, 1), where=closer)
    inside = np.clip((1 - nearest) * radius_px / (2 * EDGE_HALF), 0, 1).astype(np.float32)
    return inside, (tilt_x, tilt_y)


def sleeved(
    person: Person, frame: Frame, old: NDArray[np.bool_], joint: int, elbow: int, side: float, at: float = SLEEVE_AT
) -> bool:
    """Whether the `old` garment covers the upper arm from `joint` to `elbow` (`side` 1 on
    the frame's right, -1 on its left) `at` of the way down, `SLEEVE_OUT` of the
    frontal width out from the bone: a sleeve. A tank's or a strap top's outline over
    the shoulder beside it is the body's own."""
    h, w = old.shape
    start = person.pt(joint).astype(np.float64)
    bone = person.pt(elbow).astype(np.float64) - start
    outward = np.array([-bone[1], bone[0]]) / max(float(np.linalg.norm(bone)), 1e-6)
    outward *= np.sign(float(outward @ frame.right) * side) or 1.0
    x, y = np.round(start + bone * at + outward * SLEEVE_OUT * frame.frontal_width).astype(int)
    return bool(0 <= x < w and 0 <= y < h and old[y, x])


def shoulder_line(person: Person, frame: Frame, kept: NDArray[np.bool_], old: NDArray[np.bool_]) -> NDArray[np.float32]:
    """How much of each pixel lies below the bared shoulders' outline (0..1, soft over
    `SHOULDER_SOFT`): the straight slope from beside the neck (`SHOULDER_NECK_SIDE` of the seen
    shoulder width out from the middle, `SHOULDER_NECK_RISE` of the frontal width above
    the joints' line) down to the shoulder's top over the joint (`SHOULDER_TOP_RISE`,
    where the upper arm's cap begins, `limbs`), the neck's side rising steeply inside
    its start (`NECK_STEEP`); above the joints' line only, and only
    beside an upper arm that hangs (`SHOULDER_HANGS`), in the `old` garment's sleeve
    (`SLEEVE_AT`): a raised arm's shoulder rises, and a tank's or a sleeveless top's
    outline is the shoulder's own.
    Where the person's own skin that stays (`kept`: the neck's base inside a wide
    neckline) stands above the slope beside the neck, it turns up round the shoulder's
    top to pass over it (no steeper than `SHOULDER_STEEPEST`): below it, the skin
    left as it was stood out beside the neck as a ledge.

    The old top's outline is no shoulder: a tee's or a sweater's stands level out to the
    seam, and the skin rebuilt inside it was a level shelf with the arm's cap at its end."""
    h, w = kept.shape
    out = np.ones((h, w), np.float32)
    f = frame.frontal_width
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    across = xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])
    down = xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1])
    for joint, elbow, side in ((L_SHOULDER, L_ELBOW, 1.0), (R_SHOULDER, R_ELBOW, -1.0)):
        bone = person.pt(elbow).astype(np.float64) - person.pt(joint).astype(np.float64)
        if float(bone @ frame.down) < SHOULDER_HANGS * float(np.linalg.norm(bone)):
            continue
        if not sleeved(person, frame, old, joint, elbow, side):
            continue
        out_at = across * np.float32(side)
        top_at = frame.width / 2
        neck_at = min(SHOULDER_NECK_SIDE * frame.width, 0.6 * top_at)
        slope = (SHOULDER_NECK_RISE - SHOULDER_TOP_RISE) * f / max(top_at - neck_at, 1.0)
        # The slope from the shoulder's top up to each kept pixel beside the neck.
        own = kept & (out_at > neck_at) & (out_at < top_at - 1) & (down < 0)
        if own.any():
            needed = (-SHOULDER_TOP_RISE * f - down[own]) / (top_at - out_at[own])
            slope = float(np.clip(np.max(needed), slope, SHOULDER_STEEPEST))
        rise = SHOULDER_TOP_RISE * f + slope * (top_at - neck_at)
        # Inside the line's start the neck's side rises steeply to the jaw.
        run = out_at - np.float32(neck_at)
        line = -rise + np.where(run < 0, np.float32(NECK_STEEP), np.float32(slope)) * run
        below = np.clip((down - line) / np.float32(2 * SHOULDER_SOFT) + 0.5, 0, 1)
        cut = (out_at > 0) & (down < 0)
        np.minimum(out, np.where(cut, below, 1).astype(np.float32), out=out)
    return out


def inside_arms(person: Person, frame: Frame, old: NDArray[np.bool_]) -> NDArray[np.float32]:
    """How much of each pixel lies on the body's side of the hanging upper arms' bones
    (0..1, soft over `SHOULDER_SOFT`), and of their forearms' where those hang beside the
    hips too: beyond a bone lies the arm's outer half, then the backdrop, never the torso.
    Only beside an upper arm that hangs (`SHOULDER_HANGS`) in the `old` garment's sleeve
    (`SLEEVE_AT`), as `shoulder_line`.

    The torso's skin was rebuilt out to the person's outline, and below the armpits a
    loose sleeve's outline is no body's: the bared upper arm came out as wide as the
    sleeve, a fat, flat tube."""
    h, w = old.shape
    out = np.ones((h, w), np.float32)
    xs = np.arange(w, dtype=np.float32)[None, :]
    ys = np.arange(h, dtype=np.float32)[:, None]
    hips = abs(float((person.pt(L_HIP) - person.pt(R_HIP)).astype(np.float64) @ frame.right)) / 2
    for chain, side in (((L_SHOULDER, L_ELBOW, L_WRIST), 1.0), ((R_SHOULDER, R_ELBOW, R_WRIST), -1.0)):
        joint, elbow, wrist = (person.pt(i).astype(np.float64) for i in chain)
        bones = [(joint, elbow)]
        bone = elbow - joint
        if float(bone @ frame.down) < SHOULDER_HANGS * float(np.linalg.norm(bone)):
            continue
        if not sleeved(person, frame, old, chain[0], chain[1], side):
            continue
        fore = wrist - elbow
        if float(fore @ frame.down) >= SHOULDER_HANGS * float(np.linalg.norm(fore)) and (
            float((wrist - frame.neck) @ frame.right) * side > hips
        ):
            bones.append((elbow, wrist))
        for p, q in bones:
            v = (q - p).astype(np.float32)
            length2 = max(float(v @ v), 1e-6)
            normal = np.array([-v[1], v[0]], np.float32) / np.float32(np.sqrt(length2))
            normal *= np.sign(float(normal @ frame.right) * side) or 1.0
            along = ((xs - p[0]) * v[0] + (ys - p[1]) * v[1]) / np.float32(length2)
            beyond = (xs - p[0]) * normal[0] + (ys - p[1]) * normal[1]
            body_side = np.clip(0.5 - beyond / np.float32(2 * SHOULDER_SOFT), 0, 1)
            np.minimum(out, np.where((along >= 0) & (along <= 1), body_side, 1).astype(np.float32), out=out)
    return out
