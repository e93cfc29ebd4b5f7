"""A hood's or a coat collar's sides stand above the shoulders beside the neck, where the
body is not: what they covered there is the backdrop, not skin (rebuilt as skin, they
stood as a wide trapezoid of neck up to the jaw, magento--mh03's black hood)."""

from __future__ import annotations

import numpy as np

from fitroom.engines.classic.body import Frame
from fitroom.engines.classic.rebuild import _above, _over_shoulders


def test_over_the_shoulders_beside_the_neck_is_not_the_body() -> None:
    frame = Frame(
        neck=np.array([200.0, 200.0]), right=np.array([1.0, 0.0]), down=np.array([0.0, 1.0]), width=100.0, length=150.0
    )
    over = _over_shoulders(frame, (400, 400), 100.0)
    # Beside the neck, high up where a hood's sides stand: not the body.
    assert over[165, 230] and over[165, 170]
    # The neck itself, the shoulders' slope just above the joints, and below the line.
    assert not over[150, 200] and not over[195, 245] and not over[205, 225]
    # Past the shoulder joints the arms' caps are the body's outline (not looked at).
    assert not over[170, 260]


def test_above_a_cover_is_each_column_over_its_top() -> None:
    cover = np.zeros((10, 4), bool)
    cover[6:, 1] = True
    cover[3:, 2] = True
    above = _above(cover)
    assert above[:, 0].all() and above[:6, 1].all() and not above[6:, 1].any()
    assert above[:3, 2].all() and not above[3:, 2].any()
