"""A tee's outline over the shoulder tips, on a person whose mask fades over a few
pixels as a photo's does: the panel's top and the sleeves' tops meet in one smooth
curve, not a step that reads as a knob at each tip."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import L_HIP, R_HIP
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_outline import dark_tee
from tests.test_classic_sleeve_hem import big_person

#: A photo's person mask fades from 0 to 1 over some 8 pixels at this size.
SOFT = 4.0


def test_a_dark_tees_shoulder_tips_over_a_soft_outline_are_one_curve() -> None:
    """Lifted to the mask's 0.5 line, the panel's top stood under the sleeves' faded tops
    (they cross half near the mask's 0.25), and the slit between them was closed over the
    backdrop a pixel or two high: lumps 0.19 on this figure; now 0.11."""
    person = big_person()
    person = replace(person, mask=cv2.GaussianBlur(person.mask.astype(np.float32), (0, 0), SOFT))
    garment = analyse_garment(dark_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment))
    frame = torso_frame(person)
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    lumps = checks.shoulder_lumps(out.garment, person.mask < 0.5, frame.neck, hips, frame.width)
    assert lumps is not None
    assert lumps < 0.14, lumps
