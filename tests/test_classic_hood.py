"""A hood's or a coat collar's sides stand above the shoulders beside the neck, where the
body is not: what they covered there is the backdrop, not skin (rebuilt as skin, they
stood as a wide trapezoid of neck up to the jaw, magento--mh03's black hood). A tank's or
a strap top's outline there is the body's own shoulder: cut off as backdrop, it left a
pale wedge beside the neck and a ledge of skin at the neck's side (ootd--model_6)."""

from __future__ import annotations

from dataclasses import replace

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
    """An old tank's or strap top's outline beside the neck, unlike the backdrop, is the
    body's own shoulder up to `SHOULDER_RISE_BARE` higher than a hood's line; in the
    backdrop's colour (a white top's mask run out over a white backdrop) and far up
    beside the jaw it is still no body. A side in a sleeve keeps the hood's line."""
    person, old = thin_arms_in_wide_sleeves()
    frame = torso_frame(person)
    tank = old.copy()
    tank[:, :155] = False
    tank[:, 246:] = False
    tank[55:80, 160:241] = True
    assert _over_shoulders(person, frame, tank)[65, 230]
    image = person.image.copy()
    image[55:80, 160:241] = (150, 110, 90)
    mask = person.mask.copy()
    mask[55:80, 160:241] = 1.0
    shouldered = replace(person, image=image, mask=mask)
    over = _over_shoulders(shouldered, frame, tank)
    assert not over[65, 230] and not over[65, 170]
    assert over[40, 230] and over[40, 170]
    one_sleeve = old.copy()
    one_sleeve[:, :155] = False
    over = _over_shoulders(shouldered, frame, one_sleeve)
    assert over[65, 230] and not over[65, 170]


def test_above_a_cover_is_each_column_over_its_top() -> None:
    cover = np.zeros((10, 4), bool)
    cover[6:, 1] = True
    cover[3:, 2] = True
    above = _above(cover)
    assert above[:, 0].all() and above[:6, 1].all() and not above[6:, 1].any()
    assert above[:3, 2].all() and not above[3:, 2].any()
