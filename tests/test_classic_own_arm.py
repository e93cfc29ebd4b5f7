"""An upper arm bared by a dress or a top from a short sleeve takes the person's own arm's
colour."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.person import (
    HAND_POINTS,
    L_ANKLE,
    L_ELBOW,
    L_SHOULDER,
    L_WRIST,
    R_ANKLE,
    R_ELBOW,
    R_SHOULDER,
    R_WRIST,
)
from tests.test_classic_engine import drawn_person

#: The drawn arms' own skin: tan, darker and redder than the lit face the tone is read from.
ARM = (168, 112, 88)
FACE = (240, 212, 182)


def _in_a_short_sleeved_tee() -> tuple[np.ndarray, np.ndarray]:
    """A drawn person (420 x 400 px, `drawn_points`) in a dark tee whose short sleeves end
    a third of the way to the elbows, the bare tan arms below them and the hands at the
    wrists: the picture and the hands' mask."""
    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    for shoulder, wrist in (((250, 100), (280, 250)), ((150, 100), (120, 250))):
        cv2.line(image, shoulder, wrist, ARM, 26)  # the arms, shoulder to wrist
    tee = np.zeros((h, w), np.uint8)
    cv2.rectangle(tee, (140, 90), (260, 290), 1, -1)
    for shoulder, hem in (((250, 100), (262, 130)), ((150, 100), (138, 130))):
        cv2.line(tee, shoulder, hem, 1, 40)  # the short sleeves
    image[tee > 0] = (30, 30, 36)
    hands = np.zeros((h, w), np.uint8)
    for centre in ((281, 268), (119, 268)):
        cv2.circle(hands, centre, 14, 255, -1)
    image[hands > 0] = ARM
    return image, hands


def _dressed(
    category: SwapTarget = SwapTarget.DRESS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[tuple[np.ndarray, ...]], float]:
    """The drawn person's tee swapped for a sleeveless dress (or, as a top, a cami down to
    the tee's hem): the picture shown, the rebuilt skin, the person's own skin left as
    shot, the arms' bones and the shoulder width."""
    image, hands = _in_a_short_sleeved_tee()
    person = drawn_person(image)
    points = person.points.copy()
    points[list(HAND_POINTS[0][1:])] = (281, 272)
    points[list(HAND_POINTS[1][1:])] = (119, 272)
    points[[L_ANKLE, R_ANKLE]] = (235, 500), (165, 500)  # below the picture
    person = replace(person, points=points, hands=hands)
    face = tuple(float(v) for v in cv2.cvtColor(np.uint8([[FACE]]), cv2.COLOR_RGB2LAB)[0, 0])
    look = replace(skin.DEFAULT, tone=face)
    h, w = image.shape[:2]
    new = np.zeros((h, w), np.float32)
    bottom = 419 if category == SwapTarget.DRESS else 290
    cv2.rectangle(new, (150, 95), (250, bottom), 1, -1)  # a sleeveless bodice (and skirt)
    garment = cast(Garment, SimpleNamespace(category=category))
    keep = (hands > 0).astype(np.float32)
    out = rebuild.replaced(person, garment, new, hands > 0, keep, look)
    shown = image.astype(np.float32) * (1 - out.rebuild[:, :, None]) + out.fill * out.rebuild[:, :, None]
    made = (out.skin > 0.5) & (out.rebuild > 0.5)
    arm = np.all(image == np.uint8(ARM), axis=2)
    own = arm & (out.rebuild < 0.05) & (new < 0.5)
    bones = [
        (person.pt(s), person.pt(e), person.pt(x))
        for s, e, x in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))
    ]
    return np.clip(shown, 0, 255).astype(np.uint8), made, own, bones, person.shoulder_width


def test_an_upper_arm_bared_from_a_short_sleeve_takes_the_arms_own_colour() -> None:
    """Under a sleeveless dress the upper arm a short sleeve hid was rebuilt in the lit
    face's tone and the old sleeve's light: paler and greyer than the person's own tan
    arm below the sleeve's hem (`upper_arm_pale` over its limit). It takes that arm's
    colour now."""
    shown, made, own, bones, width = _dressed()
    assert np.count_nonzero(made) > 500
    paler = checks.upper_arm_pale(shown, made, own, bones, width)
    assert paler is not None and paler < checks.UPPER_ARM_PALE_MOST, paler


def test_an_upper_arm_bared_by_a_cami_takes_the_arms_own_colour() -> None:
    """Under a cami, as under a sleeveless dress, the upper arm a short sleeve hid was
    rebuilt in the lit face's tone, paler than the tan arm below the old hem
    (`upper_arm_pale` over its limit): it takes that arm's colour now."""
    shown, made, own, bones, width = _dressed(SwapTarget.TOP)
    assert np.count_nonzero(made) > 500
    paler = checks.upper_arm_pale(shown, made, own, bones, width)
    assert paler is not None and paler < checks.UPPER_ARM_PALE_MOST, paler


def test_an_upper_arm_bared_from_a_short_sleeve_is_lit_round_below_its_cap() -> None:
    """Lit as the torso's top down to the armpits' line, the upper arm a short sleeve hid
    was as light at its edges as in its middle (`arm_round` under its least), a flat slab
    above the person's own rounded arm below the old hem. Below its cap it is lit as a
    rounded arm now, under a dress and under a cami."""
    for category in (SwapTarget.DRESS, SwapTarget.TOP):
        shown, made, _, bones, _ = _dressed(category)
        round_lit = checks.arm_round(shown, made, bones)
        assert round_lit is not None and round_lit >= checks.ARM_ROUND_LEAST, (category, round_lit)
