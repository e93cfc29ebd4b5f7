"""An upper arm bared from a short sleeve, carried up from the person's own arm below the hem.

The limb rebuilt where a tee's short sleeve was took the proportions' width (at most
`body.OWN_SLACK` times the own arm's share of it, a deltoid's swell on top) as far as the
sleeve allowed: under a sleeveless top or dress the bared upper arm came out a slab as
wide as the old sleeve, with a step where it met the person's own, narrower arm below
the old hem. Here the own arm's two edges are read across the bone just below the hem,
so the rebuilt arm's outline runs from there up to the shoulder and meets the kept arm
edge to edge. Where the read is not steady (the old tee's side or a hand cutting the
kept arm, an arm raised or across the body) nothing is read and the limb stays as it was.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.arms import HEM_RIM, hem_on_bone
from fitroom.engines.classic.body import ARM_RADII, SHOULDER_HANGS, Frame, line_run, sleeved
from fitroom.engines.classic.own_arm import OWN_ARM_HUE
from fitroom.engines.classic.person import (
    L_ELBOW,
    L_SHOULDER,
    L_WRIST,
    R_ELBOW,
    R_SHOULDER,
    R_WRIST,
    Person,
    plausible_skin,
)

#: How far down the bone (shoulder widths) below the hem's rim the own arm is read, row
#: by row across the bone, one pixel apart.
READ_SPAN = 0.08
#: The least share of those rows the arm must show in, its run ending on both sides
#: within reach (not run on into the torso's bare skin or off the picture).
READ_LEAST = 0.6
#: How far the rows' widths may stray from their median (shares of it) and still be the
#: arm's steady width: a row the old tee's side or the hand cuts is narrower or wider.
STEADY = 0.2
#: The own arm's half width may be this share of the proportions' upper arm radius at
#: most and least: wider is the arm run on into something beside it, narrower a strip.
HALF_SHARE = (0.45, 1.3)
#: The rows nearest the hem the edges are taken from (their median): the rebuilt arm
#: meets the kept arm there.
EDGE_ROWS = 4
#: How much of the old garment's mask (shoulder widths) may lie between the own arm's
#: run and the backdrop on its outer side: the arm's own shaded rim, taken into the
#: sleeve's mask below the hem (`cat--049713_0`). More is the sleeve itself (a slanting
#: hem) and the row is not read.
OLD_RIM = 0.04
#: How far the own arm's middle may lie off the bone (shares of its half width): further,
#: the torso's skin, which ends at the bone (`body.inside_arms`), and the arm drawn round
#: that middle would leave a gap between them.
OFF_BONE = 0.8
#: Hems lower than this share of the way to the elbow are a sleeve to it: too little
#: of the arm below to read.
HEM_MOST = 0.85


class KeptArm(NamedTuple):
    """The person's own arm just below an old short sleeve's hem, where the rebuilt upper
    arm meets it: the middle of its run across the bone (pixels, x and y) and half its
    width (pixels)."""

    centre: NDArray[np.float32]
    half: float

    def shifted(self, x0: int, y0: int) -> KeptArm:
        """The same arm seen through a window of the photo whose corner is (`x0`, `y0`)."""
        return KeptArm(self.centre - np.array([x0, y0], np.float32), self.half)


def _run(
    seen: NDArray[np.bool_],
    backdrop: NDArray[np.bool_],
    centre: NDArray[np.float32],
    outward: NDArray[np.float32],
    reach: int,
    rim: int,
) -> tuple[float, float] | None:
    """The inner and outer ends (pixels along the unit vector `outward`, away from the
    body, from `centre`) of the `seen` arm's run nearest `centre`, looking `reach` pixels
    either way. Its outer end is where the `backdrop` begins, past at most `rim` pixels
    of anything else (the old garment's mask often takes in the arm's own shaded rim
    below the hem); None where the line meets no run, the run reaches past `reach` (the
    torso's bare skin) or the picture's edge, or the backdrop lies further out."""
    run = line_run(seen, centre, outward, reach)
    if run is None or run.start == 0 or not run.inside[run.start - 1]:
        return None
    steps, start, end = run.steps, run.start, run.end
    off = np.zeros(len(steps), bool)
    off[run.inside] = backdrop[run.xy[run.inside, 1], run.xy[run.inside, 0]]
    beyond = np.flatnonzero(off[end + 1 : end + 2 + rim])
    if not len(beyond):
        return None
    return float(steps[start]) - 0.5, float(steps[end + 1 + int(beyond[0])]) - 0.5


def kept_below_hems(person: Person, frame: Frame, old: NDArray[np.bool_]) -> tuple[KeptArm | None, KeptArm | None]:
    """For the person's left and right arm, the own arm just below the `old` garment's
    short sleeve (`hem_on_bone`), past the hem's rim (`arms.HEM_RIM`, rebuilt with the arm
    above it): where the upper arm hangs in the sleeve (`body.sleeved`) and its run across
    the bone is steady (`READ_LEAST`, `STEADY`, `HALF_SHARE`, `OFF_BONE`); else None.

    The arm is what is off the old garment's mask, or on it in the arm's own hue
    (`own_arm`'s test): the mask often takes in the arm's shaded inner half below a dark
    tee's hem (`ootd--051918_0`), and read without it the arm was half as wide."""
    lab = person.lab()
    hue = np.hypot(lab[:, :, 1] - person.skin_lab[1], lab[:, :, 2] - person.skin_lab[2])
    skin = plausible_skin(lab) & (hue < OWN_ARM_HUE)
    seen = (person.mask > 0.5) & (~old | skin) & (person.hands == 0)
    backdrop = person.mask <= 0.5
    out = [
        _kept(person, frame, old, seen, backdrop, chain, side)
        for chain, side in (((L_SHOULDER, L_ELBOW, L_WRIST), 1.0), ((R_SHOULDER, R_ELBOW, R_WRIST), -1.0))
    ]
    return out[0], out[1]


def _kept(
    person: Person,
    frame: Frame,
    old: NDArray[np.bool_],
    seen: NDArray[np.bool_],
    backdrop: NDArray[np.bool_],
    chain: tuple[int, int, int],
    side: float,
) -> KeptArm | None:
    """One arm's `kept_below_hems`."""
    if not person.visible(chain[0], chain[1]):
        return None
    a, b = person.pt(chain[0]).astype(np.float32), person.pt(chain[1]).astype(np.float32)
    v = b - a
    length = float(np.hypot(*v))
    if length < 8 or float(v @ frame.down) < SHOULDER_HANGS * length:
        return None
    if not sleeved(person, frame, old, chain[0], chain[1], side):
        return None
    hem = hem_on_bone(old, a, v)
    if hem is None or hem > HEM_MOST:
        return None
    s = person.shoulder_width
    across = np.array([-v[1], v[0]], np.float32) / np.float32(length)
    across *= np.float32(np.sign(float(across @ frame.right) * side) or 1.0)
    first = hem + HEM_RIM * s / length
    model = (ARM_RADII[0] + (ARM_RADII[1] - ARM_RADII[0]) * min(first, 1.0)) * frame.frontal_width
    reach = int(3 * model) + 2
    rows = np.arange(first, min(first + READ_SPAN * s / length, 0.95), 1 / length)
    if len(rows) < EDGE_ROWS:
        return None
    rim = max(1, int(round(OLD_RIM * s)))
    runs = [_run(seen, backdrop, a + v * np.float32(t), across, reach, rim) for t in rows]
    found = [(t, run) for t, run in zip(rows, runs, strict=True) if run is not None]
    if len(found) < READ_LEAST * len(rows):
        return None
    widths = np.array([run[1] - run[0] for _, run in found], np.float32)
    middle = float(np.median(widths))
    if np.count_nonzero(np.abs(widths - middle) <= STEADY * middle) < READ_LEAST * len(rows):
        return None
    nearest = [
        (t, run) for (t, run), width in zip(found, widths, strict=True) if abs(width - middle) <= STEADY * middle
    ]
    nearest = nearest[:EDGE_ROWS]
    t = float(np.median([row for row, _ in nearest]))
    low = float(np.median([run[0] for _, run in nearest]))
    high = float(np.median([run[1] for _, run in nearest]))
    half = (high - low) / 2
    if not HALF_SHARE[0] * model <= half <= HALF_SHARE[1] * model or abs(low + high) / 2 > OFF_BONE * half:
        return None
    return KeptArm(a + v * np.float32(t) + across * np.float32((low + high) / 2), half)
