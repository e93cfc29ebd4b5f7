"""A rebuilt chest and shoulder tops in the colour of the person's own neck just above the
old neckline, where the body's own tone was not read.

The chest bared by a cami took the tone read off the face's cheeks and a shrunk, eroded
neck: where the neck is thin at that size or in the chin's shade, or the face is cut by
the photo's edge, none of the neck was read and the lit face's colour stood in. Under the
yellow cami on `cat--049713_0` the chest was a pale peach slab some 60 levels of L (8-bit)
lighter than the brown neck right above it.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.body import Frame
from fitroom.engines.classic.boxes import around, box_slices
from fitroom.engines.classic.person import (
    L_ELBOW,
    L_EYE,
    L_SHOULDER,
    L_WRIST,
    MOUTH_L,
    MOUTH_R,
    R_ELBOW,
    R_EYE,
    R_SHOULDER,
    R_WRIST,
    Person,
    plausible_skin,
)

#: How far either side of the neck's middle (shoulder widths) the neck is read: its
#: front, off its shaded sides and the hair beside it.
OWN_NECK_HALF = 0.15
#: How tall a band (shoulder widths) of the neck just above the old neckline is read.
OWN_NECK_BAND = 0.08
#: How far above the shoulders' midpoint (shoulder widths) an old neckline is looked for:
#: a collar higher than this hides the neck.
OWN_NECK_HIGHEST = 0.45
#: How much of the band (share of its pixels) must be skin to be read: less is hair, a
#: collar's shade or a chin.
OWN_NECK_LEAST = 0.3
#: How far in hue (Lab a, b) from the tone the neck's pixels may be: a neck is redder
#: or browner than a lit face, as a hand is; a sleeve's colour is further.
OWN_NECK_HUE = 16.0
#: The share of the neck's pixels darker than the lightness taken: its lit front, as the
#: rebuilt chest's middle is lit (the torso's shading darkens its sides).
OWN_NECK_LIGHTNESS = 0.6
#: How wide a band (shoulder widths) along each bone of a bare arm its own skin is read
#: in: a neck in the chin's and collar's shade reads darker than a chest facing the
#: light, and the chest is taken no darker than the bare arms beside it.
OWN_NECK_ARM_BAND = 0.15
#: How far below the chin (shares of the eyes-to-mouth height below the mouth) the neck
#: begins: above it is the chin and jaw.
CHIN_BELOW_MOUTH = 0.9
#: The chest and shoulder tops that take the neck's colour, in shoulder widths from the
#: shoulders' midpoint: in full within the first across and down, fading to the tone
#: read before by the second. Down to the bust; across to the shoulders' points.
OWN_NECK_ACROSS = (0.45, 0.75)
OWN_NECK_DOWN = (0.35, 0.7)


def neck_colour(
    person: Person, frame: Frame, old: NDArray[np.float32], tone: tuple[float, float, float]
) -> NDArray[np.float32] | None:
    """The Lab colour (lit front) of the person's own neck in a band just above the top
    of the `old` garment near the neck's middle, off its soft edge and below the chin,
    its lightness no darker than the bare arms' where enough of them shows; None where
    the old garment does not end below the neck or too little skin shows there.
    `tone`: the skin tone read before, whose hue the neck's pixels keep near."""
    h, w = old.shape
    s = frame.width
    lab = person.lab()
    worn = old > 0
    edge = 2 * max(1, int(s * 0.012)) + 1
    near_old = cv2.dilate(worn.astype(np.uint8), np.ones((edge, edge), np.uint8), iterations=2) > 0
    nx, ny = float(frame.neck[0]), float(frame.neck[1])
    x0, x1 = max(0, int(nx - s * OWN_NECK_HALF)), min(w, int(nx + s * OWN_NECK_HALF) + 1)
    y0 = max(0, int(ny - s * OWN_NECK_HIGHEST))
    if x1 - x0 < 3 or y0 >= h:
        return None
    columns = worn[y0:, x0:x1]
    found = columns.any(axis=0)
    if np.count_nonzero(found) < (x1 - x0) // 2:
        return None
    tops = y0 + np.argmax(columns, axis=0)
    band = max(2, int(s * OWN_NECK_BAND))
    chin = _chin(person)
    rows = np.arange(h)[:, None]
    inside = (rows >= tops[None, :] - 2 * edge - band) & (rows < tops[None, :]) & found[None, :]
    if chin is not None:
        inside &= rows > chin
    area = np.zeros((h, w), bool)
    area[:, x0:x1] = inside
    open_skin = ~near_old & (person.mask > 0.5) & (person.hands == 0)
    colours = _skin_colours(lab, area & open_skin, tone)
    if len(colours) < max(10, OWN_NECK_LEAST * np.count_nonzero(area)):
        return None
    lightness = float(np.quantile(colours[:, 0], OWN_NECK_LIGHTNESS))
    arms = _skin_colours(lab, _bare_arms(person, s) & open_skin & (person.face == 0), tone)
    if len(arms) >= max(10, len(colours)):
        lightness = max(lightness, float(np.quantile(arms[:, 0], OWN_NECK_LIGHTNESS)))
    return np.array([lightness, np.median(colours[:, 1]), np.median(colours[:, 2])], np.float32)


def _skin_colours(
    lab: NDArray[np.float32], where: NDArray[np.bool_], tone: tuple[float, float, float]
) -> NDArray[np.float32]:
    """The Lab colours of the pixels `where` that can be skin and keep near `tone`'s hue
    (`OWN_NECK_HUE`)."""
    colours = lab[where]
    hue = np.hypot(colours[:, 1] - tone[1], colours[:, 2] - tone[2])
    return colours[plausible_skin(colours) & (hue < OWN_NECK_HUE)]


def _bare_arms(person: Person, s: float) -> NDArray[np.bool_]:
    """A band along each seen arm's bones (`OWN_NECK_ARM_BAND` wide)."""
    h, w = person.mask.shape
    zones = np.zeros((h, w), np.uint8)
    for a, b in ((L_SHOULDER, L_ELBOW), (L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW), (R_ELBOW, R_WRIST)):
        if person.visible(a, b):
            ends = [tuple(int(v) for v in person.pt(i)) for i in (a, b)]
            cv2.line(zones, ends[0], ends[1], (255,), max(1, int(s * OWN_NECK_ARM_BAND)))
    return zones > 0


def _chin(person: Person) -> float | None:
    """The chin's row, from the eyes and mouth, where the face is seen."""
    if min(person.visibility[i] for i in (L_EYE, R_EYE, MOUTH_L, MOUTH_R)) < 0.5:
        return None
    eyes = float(person.points[L_EYE][1] + person.points[R_EYE][1]) / 2
    mouth = float(person.points[MOUTH_L][1] + person.points[MOUTH_R][1]) / 2
    if mouth <= eyes:
        return None
    return mouth + (mouth - eyes) * CHIN_BELOW_MOUTH


def on_chest(
    person: Person, frame: Frame, tone: NDArray[np.float32], old: NDArray[np.float32], body: tuple[float, float, float]
) -> NDArray[np.float32]:
    """`tone` (Lab per pixel) with the chest and shoulder tops taking the colour of the
    person's own neck just above the `old` garment (`neck_colour`), in full round the
    upper chest and fading into `tone` towards the arms and the waist, where that neck
    is darker than `body` (the face's tone, standing in where the body's own was not
    read: a lit face is paler than the body); `tone` as it was elsewhere. A neck lighter
    than a tone read on the body is its sheen (a lit V's middle): not taken."""
    colour = neck_colour(person, frame, old, body)
    if colour is None or colour[0] >= body[0]:
        return tone
    h, w = old.shape
    s = max(frame.width, 1.0)
    # Only in the box round the chest, out to where the weight ends, and up to the
    # photo's top: above the shoulders' midpoint the weight is whole (the shoulder tops).
    right, down = np.asarray(frame.right, np.float64), np.asarray(frame.down, np.float64)
    corners = [
        np.asarray(frame.neck, np.float64) + (a * right + d * down) * s
        for a in (-OWN_NECK_ACROSS[1], OWN_NECK_ACROSS[1])
        for d in (0.0, OWN_NECK_DOWN[1])
    ]
    found = around(np.array(corners), 1, (w, h))
    if found is None:
        return tone
    box = box_slices((found[0], 0, found[2], found[3]))
    xs = np.arange(box[1].start, box[1].stop, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(box[0].start, box[0].stop, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    across = np.abs(xs * np.float32(right[0]) + ys * np.float32(right[1])) / np.float32(s)
    along = (xs * np.float32(down[0]) + ys * np.float32(down[1])) / np.float32(s)
    weight = (_fade(across, OWN_NECK_ACROSS) * _fade(along, OWN_NECK_DOWN))[:, :, None]
    out = tone.copy()
    out[box] = tone[box] * (1 - weight) + colour * weight
    return out


def _fade(values: NDArray[np.float32], span: tuple[float, float]) -> NDArray[np.float32]:
    """1 up to `span[0]`, 0 from `span[1]`, eased (smoothstep) between."""
    t = np.clip((span[1] - values) / np.float32(span[1] - span[0]), 0, 1)
    return (t * t * (3 - 2 * t)).astype(np.float32)
