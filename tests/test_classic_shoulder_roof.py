"""A tee's top edge over the shoulders is one smooth roof from beside the neck to the
sleeve: not a torn, knobbly line following an old strap's knob and the segmentation's
notches along the person's soft outline."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks


def _roof(knob: bool, notch: bool) -> np.ndarray:
    """A tee's cover over a 300 px shoulder span: a roof falling from beside the neck,
    rounding over the shoulder's tip into the sleeve; with an old strap's `knob` standing
    on it beside the neck and a `notch` bitten out half way out."""
    cover = np.zeros((400, 500), np.float32)
    outline = [(250, 95), (300, 100), (340, 110), (372, 124), (392, 145), (402, 175), (405, 260), (95, 260)]
    outline += [(98, 175), (108, 145), (128, 124), (160, 110), (200, 100)]
    cv2.fillPoly(cover, [np.array(outline)], (1.0,))
    if knob:
        cv2.rectangle(cover, (330, 97), (342, 110), (1.0,), -1)
    if notch:
        cv2.circle(cover, (160, 112), 7, (0.0,), -1)
    return cover


def _rough(cover: np.ndarray) -> float | None:
    return checks.shoulder_outline_rough(cover, cover < 0.5, (250.0, 130.0), (250.0, 430.0), 300.0)


def test_shoulder_outline_rough_passes_a_smooth_roof_and_fails_a_knob_or_a_notch() -> None:
    smooth, knobbed, notched = _rough(_roof(False, False)), _rough(_roof(True, False)), _rough(_roof(False, True))
    assert smooth is not None and knobbed is not None and notched is not None
    assert checks.faults({"shoulder_outline_rough": smooth}) == [], smooth
    assert checks.faults({"shoulder_outline_rough": knobbed}) == ["shoulder_outline_rough"], knobbed
    assert checks.faults({"shoulder_outline_rough": notched}) == ["shoulder_outline_rough"], notched
    # Hidden by hair (nothing of the edge over the backdrop), it is not read.
    assert (
        checks.shoulder_outline_rough(
            _roof(True, True), np.zeros((400, 500), bool), (250.0, 130.0), (250.0, 430.0), 300.0
        )
        is None
    )
