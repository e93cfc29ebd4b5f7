"""A skin-coloured knit's long sleeves (a beige or pink sweater) are the old garment, told
from bare arms by their weave (`old_garment.knit_sleeves`); kept as they were, they fail
`checks.knit_kept`; smooth bare arms of the same colour stay skin."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.colour import skin_like
from fitroom.engines.classic.old_garment import worn_knit_sleeves, worn_mask
from fitroom.engines.classic.person import Person
from tests.support.figure import bare_figure, filled, posed

SKIN_LAB = np.array([188, 133, 140], np.float32)  # OpenCV's 8-bit Lab: a fair, beige skin
BACKDROP = 230
#: Each arm: shoulder, elbow and wrist (picture left arm first), hanging beside the torso.
ARMS = (((150, 100), (146, 185), (144, 265)), ((250, 100), (254, 185), (256, 265)))
#: How far the knit's stitches stand off its colour, up and down in lightness (Lab L).
WEAVE = 6


def _knit(h: int, w: int, lighter: int) -> np.ndarray:
    """The skin's own colour `lighter` (Lab L), in a fine periodic weave: stitches two
    pixels a side."""
    lab = np.empty((h, w, 3), np.int16)
    lab[:] = SKIN_LAB.astype(np.int16)
    lab[:, :, 0] += lighter
    ys, xs = np.mgrid[0:h, 0:w]
    lab[:, :, 0] += np.where(((ys // 2) + (xs // 2)) % 2 == 0, WEAVE, -WEAVE).astype(np.int16)
    return cv2.cvtColor(np.clip(lab, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)


def person_in_beige(knit_sleeves: bool) -> tuple[Person, np.ndarray]:
    """A person in a beige knit top whose long sleeves are the same knit (or, with
    `knit_sleeves` False, bare smooth arms of that very colour beside it), a face of
    smooth skin above. Returns the person and the arms below the shoulders' caps."""
    figure = bare_figure(
        BACKDROP, SKIN_LAB, ARMS, 30, (slice(90, 300), slice(165, 236)), (slice(85, 95), slice(190, 210))
    )
    # The body's knit a shade darker than the skin; the sleeves, lit from the side, as
    # light as the skin: by colour, nearer the skin than the top's body.
    h, w = figure.mask.shape
    arms, torso = figure.arms > 0, figure.torso > 0
    if knit_sleeves:
        figure.image[arms] = _knit(h, w, 2)[arms]
    figure.image[torso] = _knit(h, w, -8)[torso]
    below = np.zeros((h, w), bool)
    below[135:255] = True  # below the shoulders' caps, above the hands
    return posed(figure, ARMS, SKIN_LAB), arms & below & ~torso


def test_a_skin_coloured_knit_passes_for_skin_by_colour() -> None:
    person, arms = person_in_beige(knit_sleeves=True)
    assert skin_like(person)[arms].mean() > 0.9


def test_a_skin_coloured_knits_sleeves_are_the_old_garment() -> None:
    person, arms = person_in_beige(knit_sleeves=True)
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[arms].mean() > 0.9, old[arms].mean()


def test_bare_arms_beside_a_knit_of_their_colour_stay_skin() -> None:
    person, arms = person_in_beige(knit_sleeves=False)
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[arms].mean() < 0.1, old[arms].mean()


def test_knit_sleeves_left_as_they_were_fail_the_check() -> None:
    person, _ = person_in_beige(knit_sleeves=True)
    knit = worn_knit_sleeves(person, "top", 512)
    cover = np.zeros(knit.shape, np.float32)
    kept = checks.knit_kept(person.image, person.image.copy(), knit, cover)
    assert kept == 1.0 and checks.faults({"knit_kept": kept}) == ["knit_kept"]


def test_bare_arms_beside_a_knit_are_no_knit_sleeves() -> None:
    person, _ = person_in_beige(knit_sleeves=False)
    assert not worn_knit_sleeves(person, "top", 512).any()


def test_knit_sleeves_rebuilt_as_smooth_arms_pass_the_check() -> None:
    person, _ = person_in_beige(knit_sleeves=True)
    knit = worn_knit_sleeves(person, "top", 512)
    after = person.image.copy()
    after[knit] = filled(SKIN_LAB, knit.shape)[knit]
    kept = checks.knit_kept(person.image, after, knit, np.zeros(knit.shape, np.float32))
    assert kept is not None and checks.faults({"knit_kept": kept}) == [], kept
