"""Colour tests in Lab: whether a pixel looks like skin, or like the same garment colour.

Shared by the old garment's mask, the hands, the garment analysis and the skin's look.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic import memo
from fitroom.engines.classic.person import Person


def squared_distance(
    lab: NDArray[np.float32], colour: NDArray[np.float32], weights: tuple[float, float, float] = (1.0, 1.0, 1.0)
) -> NDArray[np.float32]:
    """Per pixel, the weighted squared distance to one Lab colour (OpenCV's vector ops:
    many times faster than numpy's norm over the channel axis)."""
    return _weighed(_squared_differences(lab, colour), weights)


def squared_distances(
    lab: NDArray[np.float32], colour: NDArray[np.float32], *weights: tuple[float, float, float]
) -> list[NDArray[np.float32]]:
    """`squared_distance` under each of `weights`, the differences worked out once (the
    subtraction and squaring of every channel cost more than the weighing)."""
    squared = _squared_differences(lab, colour)
    return [_weighed(squared, each) for each in weights]


def _squared_differences(lab: NDArray[np.float32], colour: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per pixel and channel, the squared difference to one Lab colour. Squared in place:
    a second whole array cost a third of the time again."""
    diff = cv2.subtract(lab, (float(colour[0]), float(colour[1]), float(colour[2]), 0.0))
    return cv2.multiply(diff, diff, dst=diff)


def _weighed(squared: NDArray[np.float32], weights: tuple[float, float, float]) -> NDArray[np.float32]:
    """Per pixel, the squared differences summed, each channel's weighed."""
    return cv2.transform(squared, np.array([[w * w for w in weights]], np.float32))


#: Lightness varies with folds and light far more than hue does: weighed less when
#: telling whether two garment colours are the same.
GARMENT_WEIGHTS = (0.4, 1.0, 1.0)


#: Two colours closer than this (Lab, weighed by `GARMENT_WEIGHTS`) are the same garment's.
SAME_GARMENT_COLOUR = 22


def nearest_distance(
    lab: NDArray[np.float32],
    colours: Sequence[NDArray[np.float32]],
    weights: tuple[float, float, float] = GARMENT_WEIGHTS,
) -> NDArray[np.float32]:
    """Per pixel, the weighted squared distance to the nearest of `colours` (a worn
    garment's two or three, a print's): the old garment's mask, its edges and the arms
    in front of it all ask which of a garment's colours a pixel is nearest."""
    return np.minimum.reduce([squared_distance(lab, colour, weights) for colour in colours])


def near_colour(lab: NDArray[np.float32], colour: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Per pixel, whether it is the same garment colour as `colour`."""
    return squared_distance(lab, colour, GARMENT_WEIGHTS) < SAME_GARMENT_COLOUR**2


#: How near the person's skin tone in hue (Lab a, b) and in lightness a pixel is to pass
#: for their skin, lit or shaded.
SKIN_CHROMA, SKIN_LIGHTNESS = 14, 70


#: A pixel whose chroma (its Lab a, b distance from grey) is under this share of the
#: person's skin's is greyer than their skin at any lightness: the old white or grey
#: top's shaded side beside an arm, which `skin_like` passes on hue alone (grey is
#: within `SKIN_CHROMA` of a pale skin's hue), so it was kept as the arm's edge.
GREYER_THAN_SKIN = 0.45
#: Skin with less chroma than this (a very pale face, a grey-lit photo) tells no grey.
GREY_SKIN_LEAST = 8.0


def greyer_than_skin(lab: NDArray[np.float32], skin_lab: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Per pixel, whether it is greyer (less chroma) than the person's skin could be."""
    skin = float(np.hypot(skin_lab[1] - 128.0, skin_lab[2] - 128.0))
    if skin < GREY_SKIN_LEAST:
        return np.zeros(lab.shape[:2], bool)
    chroma = np.hypot(lab[..., 1] - 128.0, lab[..., 2] - 128.0)
    return np.asarray(chroma < GREYER_THAN_SKIN * skin)


def skin_like(person: Person) -> NDArray[np.bool_]:
    """Per pixel, whether it passes for the person's skin (`SKIN_CHROMA`, `SKIN_LIGHTNESS`).
    Worked out once per photo and skin colour: the old garment's mask, the rebuild and the
    bared skin's tone all ask of the same photo, and a window of it (`Person.crop`) reads
    the photo's. Each caller gets its own copy to change."""
    key = (person.image, person.lab(), np.asarray(person.skin_lab).tobytes())
    return memo.kept(person, "skin_like", key, lambda: _skin_like(person)).copy()


def _skin_like(person: Person) -> NDArray[np.bool_]:
    squared = _squared_differences(person.lab(), person.skin_lab)  # once for both tests
    chroma = _weighed(squared, (0.0, 1.0, 1.0))
    lightness = _weighed(squared, (1.0, 0.0, 0.0))
    return (chroma < SKIN_CHROMA**2) & (lightness < SKIN_LIGHTNESS**2)
