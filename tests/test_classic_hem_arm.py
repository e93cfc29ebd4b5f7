"""An upper arm bared from a short sleeve wider than the arm, on a drawn photo: rebuilt at the
proportions' width as far as the sleeve allowed, it stood out past the person's own slim arm
below the old hem with a step; carried up from the kept arm's edges it meets them."""

from __future__ import annotations

import numpy as np

from fitroom import checks
from fitroom.engines.classic import hem_arm
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.rebuild import towards_limbs
from tests.test_classic_arm_hem import ARMS, HEM, SKIN_RGB, TEE_RGB, product, sleeveless_body, tee_wearer

#: The drawn arms' width (px) and the sleeves' round them, twice as wide.
ARM_WIDTH = 20
SLEEVE_WIDTH = 44


def person_with_slim_arms_in_a_tee() -> Person:
    """A person in a black tee whose short sleeves, twice as wide as the slim arms, end
    past half way to the elbows."""
    return tee_wearer(ARM_WIDTH, SLEEVE_WIDTH, 0)


def test_the_own_arm_below_a_short_sleeve_is_read_across_at_its_width() -> None:
    """Below each hem the kept arm is read at its own width (20 px), centred on it."""
    person = person_with_slim_arms_in_a_tee()
    old = np.all(person.image == np.uint8(TEE_RGB), axis=2)
    found = hem_arm.kept_below_hems(person, torso_frame(person), old)
    assert all(arm is not None for arm in found)
    for arm in found:
        assert arm is not None
        assert abs(2 * arm.half - ARM_WIDTH) <= 2, arm.half
        assert HEM < arm.centre[1] < HEM + 10


def test_an_upper_arm_bared_from_a_wide_short_sleeve_meets_the_kept_arm_without_a_step() -> None:
    """Under a sleeveless top the rebuilt upper arm's outer contour goes on into the kept
    arm's below the old hem (`checks.arm_hem_step` within its limit): rebuilt round the
    bone at the proportions' width it stepped out past it by some 5 px."""
    person = person_with_slim_arms_in_a_tee()
    result = compose(person, analyse_garment(product(), swap_target="top", hint=None), [sleeveless_body()])
    rebuilt = result.skin > 0.5
    assert np.count_nonzero(rebuilt[100:HEM]) > 300  # the upper arms are rebuilt
    kept = np.all(result.image == np.uint8(SKIN_RGB), axis=2) & ~rebuilt
    arms = [(np.float32(shoulder), np.float32(elbow)) for shoulder, elbow, _ in ARMS]
    step = checks.arm_hem_step(rebuilt, kept, np.zeros(rebuilt.shape), arms, (200.0, 100.0), 100.0)
    assert step is not None
    assert step <= checks.ARM_HEM_STEP_MOST, step


def test_a_narrow_arm_ending_just_past_the_torsos_edge_blends_into_it_without_a_line() -> None:
    """A drawn torso's skin reaching out to an upper arm's bone, and the narrow arm carried
    up from below the hem (16 px) ending 6 px inside it: the share of the limb's shading
    changes smoothly across the torso's edge and the arm's inner edge. Switched on at the
    torso's edge, the limb's blur fell by 0.2 in one pixel there (a line down the arm's lit side)."""
    h, w = 120, 160
    torso = np.zeros((h, w), bool)
    torso[:, 70:] = True
    limb = np.zeros((h, w), bool)
    limb[:, 60:76] = True
    weight = towards_limbs(limb, torso, 6.0)
    steps = np.abs(np.diff(weight[60, 60:120]))
    assert float(steps.max()) < 0.1, steps.round(2)
    # The limb off the torso keeps about all its own shading; the torso well off it, its own.
    assert weight[60, 61] > 0.95
    assert weight[60, 120] < 0.01
