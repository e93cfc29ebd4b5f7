"""A tee's top edge over the shoulders is one smooth roof from beside the neck to the
sleeve: not a torn, knobbly line following an old strap's knob and the segmentation's
notches along the person's soft outline."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import L_HIP, R_HIP, Person
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_outline import dark_tee
from tests.test_classic_sleeve_hem import PERSON, big_person


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


def strapped_person() -> Person:
    """`big_person` in an old cami: its straps' tops stand as knobs on the mask beside the
    neck, a notch is bitten out of each shoulder's outline further out, and the mask's rim
    is soft (a photo's segmentation over a bare shoulder)."""
    person = big_person()
    mask = person.mask.copy()
    k = PERSON
    for side in (1, -1):
        strap = 200 + side * 32
        cv2.rectangle(mask, ((strap - 3) * k, 77 * k), ((strap + 3) * k, 84 * k), (1.0,), -1)
        cv2.circle(mask, ((200 + side * 62) * k, 97 * k), 3 * k, (0.0,), -1)
    return replace(person, mask=cv2.GaussianBlur(mask, (0, 0), 1.5 * k))


def test_a_tees_shoulders_over_an_old_straps_knobs_are_one_smooth_roof() -> None:
    """Each layer's edge followed the person's soft outline on its own, an old strap's
    knob and the mask's notches with it: the tee's shoulders were torn and knobbly. Its
    outline over the shoulders is now one smooth curve (`placement._roofed`)."""
    person = strapped_person()
    garment = analyse_garment(dark_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment))
    frame = torso_frame(person)
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    rough = checks.shoulder_outline_rough(out.garment, person.mask < 0.5, frame.neck, hips, frame.width)
    assert rough is not None
    assert checks.faults({"shoulder_outline_rough": rough}) == [], rough
    # Outside the edit region nothing changed.
    assert np.array_equal(out.image[~out.edited], person.image[~out.edited])
