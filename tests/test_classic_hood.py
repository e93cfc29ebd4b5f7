"""A hood's or a coat collar's sides stand above the shoulders beside the neck, where the
body is not: what they covered there is the backdrop, not skin (rebuilt as skin, they
stood as a wide trapezoid of neck up to the jaw, magento--mh03's black hood). A tank's or
a strap top's outline there is the body's own shoulder: cut off as backdrop, it left a
pale wedge beside the neck and a ledge of skin at the neck's side (ootd--model_6)."""

from __future__ import annotations

import numpy as np

from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.rebuild import _above, _over_shoulders
from tests.test_limbs import thin_arms_in_wide_sleeves


def test_over_the_shoulders_beside_the_neck_is_not_the_body() -> None:
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    over = _over_shoulders(person, frame, old)
    # Beside the neck (200, 100), high up where a hood's sides stand: not the body.
    assert over[65, 230] and over[65, 170]
    # The neck itself, the shoulders' slope just above the joints, and below the line.
    assert not over[50, 200] and not over[95, 245] and not over[105, 225]
    # Past the shoulder joints the arms' caps are the body's outline (not looked at).
    assert not over[70, 260]


def test_beside_a_sleeveless_old_top_the_shoulders_are_the_body() -> None:
    """An old tank's or strap top's outline beside the neck is the body's own shoulder,
    however high it stands; only a side in a sleeve is cut (a hood comes with sleeves)."""
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    tank = old.copy()
    tank[:, :155] = False
    tank[:, 246:] = False
    assert not _over_shoulders(person, frame, tank).any()
    one_sleeve = old.copy()
    one_sleeve[:, :155] = False
    over = _over_shoulders(person, frame, one_sleeve)
    assert over[65, 230] and not over[:, :200].any()


def test_above_a_cover_is_each_column_over_its_top() -> None:
    cover = np.zeros((10, 4), bool)
    cover[6:, 1] = True
    cover[3:, 2] = True
    above = _above(cover)
    assert above[:, 0].all() and above[:6, 1].all() and not above[6:, 1].any()
    assert above[:3, 2].all() and not above[3:, 2].any()
