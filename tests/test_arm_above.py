"""An upper arm bared from an old short sleeve, drawn as the person's own arm below the
hem carried up (`own_arm.continued_up`, wired in `rebuild._uncovered`)."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.own_arm import continued_up
from tests.support.rebuilt import SHAPE, bare_arms, flat_tone, uncovered_top
from tests.test_classic_engine import drawn_person

#: The picture-right arm's shoulder and elbow (`tests.support.rebuilt.ARMS`).
SHOULDER, ELBOW = np.float32([250, 100]), np.float32([275, 180])
#: The old tee: its body and short, wide sleeves ending half way down the upper arm.
TEE = [(180, 76), (220, 76), (268, 82), (302, 124), (256, 146), (256, 300)]


def short_sleeved() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A drawn person in a dark tee with short wide sleeves over arms 16 px across, lit
    from the picture's left (paler on that side, darker on the other) and mottled: the
    picture, the tee's mask and the arms' mask."""
    image = np.full((*SHAPE, 3), (225, 225, 228), np.uint8)
    arms = bare_arms(16)
    old = np.zeros(SHAPE, np.uint8)
    cv2.fillPoly(old, [np.array(TEE + [(400 - x, y) for x, y in reversed(TEE)])], 1)
    # Lit from the picture's left across each arm: the lightness falls with x across it.
    bone = ELBOW - SHOULDER
    across = np.float32([-bone[1], bone[0]]) / np.hypot(*bone)
    ys, xs = np.mgrid[0 : SHAPE[0], 0 : SHAPE[1]].astype(np.float32)
    # `across` points to the picture's left.
    side = ((xs - SHOULDER[0]) * across[0] + (ys - SHOULDER[1]) * across[1]) / 8
    light = np.where(xs > 200, 1 + 0.2 * np.clip(side, -1, 1), 1.0)
    grain = np.random.default_rng(3).normal(0, 6, SHAPE)
    skin = np.float32([170, 120, 100])
    arm = np.clip(skin[None, None, :] * light[:, :, None] + grain[:, :, None], 0, 255).astype(np.uint8)
    image[arms > 0] = arm[arms > 0]
    image[old > 0] = (40, 50, 90)
    return image, old, arms


def test_an_upper_arm_bared_from_a_short_sleeve_is_the_own_arm_carried_up() -> None:
    """Bared from a short, wide sleeve, the upper arm was drawn as wide as the sleeve
    (27 px across) in one smooth, evenly lit fill above the own arm's 16 px, shaded and
    mottled, below the hem. Carried up from below the hem it is as wide as the own arm,
    lit on the same side, and as mottled."""
    image, old, arms = short_sleeved()
    mask = cv2.GaussianBlur((arms | old).astype(np.float32), (0, 0), 1.0)
    person = replace(drawn_person(image), mask=mask)
    frame = torso_frame(person)
    bared = old.astype(np.float32)
    above = continued_up(person, bared, bared, np.zeros(SHAPE, bool))
    assert above is not None
    fill, skin_part = uncovered_top(person, frame, old, bared, np.zeros(SHAPE, np.float32), flat_tone(person.skin_lab))
    bone = ELBOW - SHOULDER
    across = np.float32([-bone[1], bone[0]]) / np.hypot(*bone)
    steps = np.arange(-30, 31)[:, None]
    lum = cv2.cvtColor(np.clip(fill, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    own_lum = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    for t in (0.15, 0.25, 0.35):
        xy = np.round(SHOULDER + bone * t + steps * across).astype(int)
        on = skin_part[xy[:, 1], xy[:, 0]] > 0.5
        # Its outer half (the picture's right of the bone; inside, it joins the torso)
        # as wide as the own arm's, 8 px, and a little for the deltoid.
        assert 7 <= np.count_nonzero(on[:30]) <= 11, (t, np.count_nonzero(on[:30]))
        # Lit on the same side as the own arm: its picture-left half (`across` points
        # that way) the lighter.
        values = lum[xy[:, 1], xy[:, 0]][on]
        half = len(values) // 2
        dark, lit = (float(np.mean(part)) for part in (values[:half], values[half:]))
        assert lit - dark > 4, (t, lit, dark)
    # As mottled as the own arm below the hem, not a smooth fill.
    drawn = (skin_part > 0.9) & (cv2.erode(arms, np.ones((5, 5), np.uint8)) > 0) & (old > 0)
    drawn[:, :200] = False
    kept = (cv2.erode(arms, np.ones((5, 5), np.uint8)) > 0) & (old == 0)
    kept[:, :200] = False
    kept[:150] = False
    assert np.count_nonzero(drawn) > 100, np.count_nonzero(drawn)
    detail = lum - cv2.GaussianBlur(lum, (0, 0), 2.0)
    own_detail = own_lum - cv2.GaussianBlur(own_lum, (0, 0), 2.0)
    assert np.std(detail[drawn]) > 0.5 * np.std(own_detail[kept]), (np.std(detail[drawn]), np.std(own_detail[kept]))


def test_an_arm_bare_to_the_shoulder_or_sleeved_to_the_elbow_is_left_as_it_was() -> None:
    """Nothing to carry up where no own arm shows below a sleeve on the upper arm: a
    sleeve to below the elbow (the own arm starts on the forearm)."""
    image, old, arms = short_sleeved()
    long = old.copy()
    for shoulder, elbow in (((250, 100), (275, 180)), ((150, 100), (125, 180))):
        cv2.line(long, shoulder, elbow, 1, 34)
    mask = cv2.GaussianBlur((arms | long).astype(np.float32), (0, 0), 1.0)
    person = replace(drawn_person(image), mask=mask)
    bared = long.astype(np.float32)
    assert continued_up(person, bared, bared, np.zeros(SHAPE, bool)) is None


def test_the_drawn_arm_meets_the_kept_arm_edge_to_edge_and_the_body_beside_it() -> None:
    """An arm hanging out at a steeper slant than its shoulder-to-elbow bone: read as one
    width over a band below the hem, the drawn arm was wider than and off the kept arm
    at the hem (its inner edge 2 px in), and what it left of the sleeve between it and the
    body was backdrop, a gap between arm and top. Carried up between the kept arm's own
    two edges, it meets them within a pixel and a half, and the body's skin fills the
    sleeve between it and the torso."""
    image = np.full((*SHAPE, 3), (225, 225, 228), np.uint8)
    arms = np.zeros(SHAPE, np.uint8)
    for shoulder, elbow, wrist in (((250, 100), (300, 180), (305, 250)), ((150, 100), (100, 180), (95, 250))):
        cv2.polylines(arms, [np.array([shoulder, elbow, wrist])], False, 1, 16)
    old = np.zeros(SHAPE, np.uint8)
    cv2.fillPoly(old, [np.array(TEE + [(400 - x, y) for x, y in reversed(TEE)])], 1)
    grain = np.random.default_rng(3).normal(0, 6, SHAPE)
    arm = np.clip(np.float32([170, 120, 100])[None, None, :] + grain[:, :, None], 0, 255).astype(np.uint8)
    image[arms > 0] = arm[arms > 0]
    image[old > 0] = (40, 50, 90)
    mask = cv2.GaussianBlur((arms | old).astype(np.float32), (0, 0), 1.0)
    person = replace(drawn_person(image), mask=mask)
    bared = old.astype(np.float32)
    above = continued_up(person, bared, bared, np.zeros(SHAPE, bool))
    assert above is not None
    bone = ELBOW - SHOULDER
    length = float(np.hypot(*bone))
    along, across = bone / length, np.float32([-bone[1], bone[0]]) / length
    ys, xs = np.mgrid[0 : SHAPE[0], 0 : SHAPE[1]].astype(np.float32)
    t = ((xs - SHOULDER[0]) * along[0] + (ys - SHOULDER[1]) * along[1]) / length
    u = (xs - SHOULDER[0]) * across[0] + (ys - SHOULDER[1]) * across[1]
    kept = (arms > 0) & (old == 0) & (np.abs(u) < 40)
    first = float(t[kept & (t < 0.8)].min()) * length
    # The kept arm's whole width a few rows below where it starts, and the drawn arm's
    # just above it.
    below = kept & (np.abs(t * length - (first + 3)) < 0.5)
    drawn = (above.share > 0.5) & (np.abs(t * length - (first - 3)) < 0.5)
    assert below.any() and drawn.any()
    for edge in (np.min, np.max):
        assert abs(float(edge(u[drawn])) - float(edge(u[below]))) <= 1.5, (edge(u[drawn]), edge(u[below]))
    _, skin_part = uncovered_top(
        person, torso_frame(person), old, bared, np.zeros(SHAPE, np.float32), flat_tone(person.skin_lab)
    )
    # The sleeve between the drawn arm (outside the bone) and the body is skin.
    between = (old > 0) & (t > 0.1) & (t < 0.45) & (u > 0) & (u < 12)
    assert np.count_nonzero(between) > 50
    assert np.all(skin_part[between] > 0.5), np.count_nonzero(skin_part[between] <= 0.5)
