"""The rebuilt chest's broad light as deep as the person's own bare arms' in the photo.

The chest bared by a cami was lit as a rounded form under the face's light
(`skin.lit`, `skin.chest_relief`) at one fixed depth for every photo: its spread of
lightness (10th to 90th percentile) was a third to a half of the person's own bare arms'
beside it (`cat--model_5`: L 155-186 against 129-188), and a glossy dark skin's sheen had
no counterpart on the chest: one smooth fill, a slab of paint below lit skin. The
same form and light are kept; only their depth is taken from the person's own arms.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic.body import Frame
from fitroom.engines.classic.person import L_ELBOW, L_SHOULDER, L_WRIST, R_ELBOW, R_SHOULDER, R_WRIST, Person

#: How wide a band (shoulder widths) along each bare arm's bones its own skin is read in:
#: its lit middle and the first of its turn, not the rim against the backdrop.
ARM_BAND = 0.12
#: Lightness smoothed at this many shoulder widths before its spread is read: the grain
#: and pores are no part of the form's light.
SPREAD_SMOOTH = 0.015
#: The quantiles of lightness whose difference, over the median, is a spread.
SPREAD_QUANTILES = (0.1, 0.5, 0.9)
#: The least of the person's own arm skin (pixels) read for a spread.
ARM_LEAST = 200
#: The chest whose spread is matched, in shoulder widths from the shoulders' midpoint:
#: within `CHEST_HALF` of the midline, down to `CHEST_DOWN`.
CHEST_HALF = 0.3
CHEST_DOWN = 0.4
#: Where (shoulder widths out from the midline) the deepening fades out towards the
#: shoulders: from the first, gone by the second.
SHOULDERS_FROM = (0.2, 0.35)
#: The share of the arms' relative spread the chest is given: a chest faces the camera
#: more squarely than an arm, whose band runs from the lit shoulder to the wrist.
SPREAD_SHARE = 0.8
#: The most the chest's light and relief are deepened: past it a flat photo's noise read
#: on the arms would become blotches.
GAIN_MOST = 3.0


def arms_spread(person: Person, lightness: NDArray[np.float32], own: NDArray[np.bool_]) -> float | None:
    """The person's own bare arms' spread of lightness (10th to 90th percentile over the
    median, smoothed past the grain), read in a band along their bones on `own` skin as
    shot. None where too little bare arm shows."""
    s = person.shoulder_width
    h, w = lightness.shape
    bones = np.zeros((h, w), np.uint8)
    for chain in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST)):
        for start, end in zip(chain[:-1], chain[1:], strict=False):
            if person.visible(start, end):
                a, b = (tuple(int(v) for v in person.pt(i)) for i in (start, end))
                cv2.line(bones, a, b, (1,), max(1, int(s * ARM_BAND)))
    seen = own & (bones > 0)
    if np.count_nonzero(seen) < ARM_LEAST:
        return None
    smooth = cv2.GaussianBlur(lightness, (0, 0), max(0.7, s * SPREAD_SMOOTH))
    low, mid, high = np.quantile(smooth[seen], SPREAD_QUANTILES)
    return float((high - low) / max(float(mid), 1.0))


def _chest_axes(
    shape: tuple[int, int], frame: Frame, shoulder_width: float
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Each pixel's place across and down the torso from the shoulders' midpoint, in
    shoulder widths."""
    s = max(shoulder_width, 1.0)
    h, w = shape
    xs = np.arange(w, dtype=np.float32)[None, :] - np.float32(frame.neck[0])
    ys = np.arange(h, dtype=np.float32)[:, None] - np.float32(frame.neck[1])
    across = (xs * np.float32(frame.right[0]) + ys * np.float32(frame.right[1])) / np.float32(s)
    down = (xs * np.float32(frame.down[0]) + ys * np.float32(frame.down[1])) / np.float32(s)
    return across, down


def chest_gain(
    form: NDArray[np.float32], torso: NDArray[np.float32], frame: Frame, shoulder_width: float, target: float | None
) -> tuple[float, float]:
    """How much to deepen the chest's broad light (`form`: its relative lightness, 1 where
    it faces the camera) so that its spread over the chest (where `torso` is skin) is
    `SPREAD_SHARE` of the arms' (`target`, `arms_spread`), and the chest's middle level
    it is deepened about; a gain of 1 where the arms were not read or the chest is
    already as varied, at most `GAIN_MOST`."""
    if target is None:
        return 1.0, 1.0
    across, down = _chest_axes(form.shape[:2], frame, shoulder_width)
    chest = (torso > 0.5) & (np.abs(across) < CHEST_HALF) & (down >= 0) & (down < CHEST_DOWN)
    if np.count_nonzero(chest) < ARM_LEAST:
        return 1.0, 1.0
    low, mid, high = np.quantile(form[chest], SPREAD_QUANTILES)
    spread = float((high - low) / max(float(mid), 1e-3))
    return float(np.clip(SPREAD_SHARE * target / max(spread, 1e-3), 1.0, GAIN_MOST)), float(mid)


def deepened(
    form: NDArray[np.float32], gain: float, centre: float, frame: Frame, shoulder_width: float
) -> NDArray[np.float32]:
    """`form`'s relative lightness with its departures from `centre` (the chest's middle
    level) scaled by `gain` over the chest, fading out towards the shoulders from
    `SHOULDERS_FROM`: the sides darker, the lit part lighter, the chest's level where
    it was (`chest_dim` reads it against the arms'). Deepened out to the shoulders'
    tops, their turn from the light stood as dark, warm patches beside the lit arms."""
    across, _ = _chest_axes(form.shape[:2], frame, shoulder_width)
    start, end = SHOULDERS_FROM
    weight = np.clip((end - np.abs(across)) / (end - start), 0, 1)
    return (form + (form - np.float32(centre)) * np.float32(gain - 1) * weight).astype(np.float32)
