"""A hood's or a coat collar's sides stand above the shoulders beside the neck, where the
body is not: what they covered there is the backdrop, not skin (rebuilt as skin, they
stood as a wide trapezoid of neck up to the jaw, magento--mh03's black hood)."""

from __future__ import annotations

import numpy as np

from fitroom.engines.classic.body import Frame
from fitroom.engines.classic.rebuild import _above, _over_shoulders, _under_hood


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


def _frame() -> Frame:
    return Frame(
        neck=np.array([200.0, 200.0]), right=np.array([1.0, 0.0]), down=np.array([0.0, 1.0]), width=100.0, length=150.0
    )


def test_beside_the_neck_up_to_the_jaw_is_not_the_body() -> None:
    # A man's neck is a third of his shoulders wide: a fifth of them out from its middle,
    # high up towards the jaw, a hood stood, not the neck's base.
    over = _over_shoulders(_frame(), (400, 400), 100.0)
    assert over[155, 220] and over[155, 180]
    # The neck itself, up to the jaw, and its base curving into the shoulders.
    assert not over[155, 214] and not over[155, 186] and not over[175, 222]


def test_under_a_hood_the_shoulders_end_at_a_new_tees_edge() -> None:
    old = np.zeros((400, 400), bool)
    old[140:260, 200:270] = True  # a hood's side, from the jaw down over the shoulder
    old[186:260, 130:200] = True  # the other side: a puffer's shoulder, no hood
    new = np.zeros((400, 400), np.float32)
    new[190:, 140:260] = 1.0  # a tee, its shoulders 0.1 shoulder widths above their line
    over = old & _over_shoulders(_frame(), old.shape, 100.0) & _above(new > 0.5)
    under = _under_hood(_frame(), old, over, new)
    # Below the hood, above the tee: what the old outline held there is not the body
    # (the shoulders' curve alone kept it as skin, a cape down to the tee).
    assert under[185, 230] and under[185, 240] and not over[185, 230]
    # The neck and its widening base, the tee itself, past the shoulder joint: untouched.
    assert not under[185, 212] and not under[195, 230] and not under[185, 255]
    # The side with no hood above the shoulders keeps its outline.
    assert not under[188, 178] and not under[188, 160]
