"""The old bottom's rim beside the hips: a pale pair of jeans' lit side, paler than any
colour read on them, lost by the old bottom's mask worked out again at the rebuild's
smaller size and left as shot beside a narrower new bottom (`rebuild._rim_joined`,
`checks.bottom_rim_left`), on drawn masks and a drawn render."""

from __future__ import annotations

import numpy as np

from fitroom import checks
from fitroom.engines.classic.rebuild import _rim_joined

JEANS = (150, 180, 215)
LIT = (236, 240, 248)  # the jeans' lit side: paler than the jeans, near a white top
NEW = (60, 90, 140)  # the new, darker jeans
BACKDROP = (215, 210, 205)


def _masks() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """At the smaller size: the old bottom's mask (x 40-59), the full size's (x 30-59,
    its lit side x 30-39 joined to it, and a piece of a sleeve apart at x 10-14), and
    the arm kept in front (x 20-29)."""
    old = np.zeros((80, 80), bool)
    old[10:70, 40:60] = True
    found = old.copy()
    found[10:70, 30:40] = True
    found[20:40, 10:15] = True
    kept = np.zeros((80, 80), bool)
    kept[10:70, 20:30] = True
    return old, found, kept


def test_the_rim_joined_to_the_old_bottom_goes_with_it() -> None:
    old, found, kept = _masks()
    rim = _rim_joined(found, old, kept)
    assert rim[10:70, 30:40].all(), "the lit side touching the old bottom is its rim"
    assert not rim[20:40, 10:15].any(), "a piece standing apart is not"
    assert not rim[old].any() and not rim[kept].any()


def test_nothing_is_taken_under_what_stays_in_front() -> None:
    old, found, _ = _masks()
    kept = np.zeros_like(old)
    kept[10:70, 30:40] = True  # an arm in front of the lit side
    assert not _rim_joined(found, old, kept).any()


def _render(rim_left: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A photo of pale jeans (x 130-199) with a lit side (x 120-129) beside the arm (x
    100-119), and a render whose new, narrower jeans cover x 140-199: the old jeans
    beside them (x 130-139) rebuilt as the backdrop, the lit side left as shot or not."""
    photo = np.full((300, 300, 3), BACKDROP, np.uint8)
    photo[100:300, 100:120] = (200, 160, 140)
    photo[100:300, 120:130] = LIT
    photo[100:300, 130:200] = JEANS
    render = photo.copy()
    render[100:300, 130:140] = BACKDROP
    render[100:300, 140:200] = NEW
    if not rim_left:
        render[100:300, 120:130] = BACKDROP
    cover = np.zeros((300, 300), np.float32)
    cover[100:300, 140:200] = 1
    region = np.zeros((300, 300), bool)
    region[100:300, 120:200] = True  # the old bottom as the engine finds it, the arm off it
    return photo, render, cover, region


def test_bottom_rim_left_fails_the_lit_side_left_as_shot() -> None:
    """0.167 (10 columns left of the 60 the new jeans cover) against the limit; rebuilt,
    0.0. A colour check misses it: the lit side is none of the jeans' colours."""
    photo, render, cover, region = _render(rim_left=True)
    bad = checks.bottom_rim_left(photo, render, cover, region, region)
    assert bad is not None and bad > checks.BOTTOM_RIM_LEFT, bad
    photo, render, cover, region = _render(rim_left=False)
    assert checks.bottom_rim_left(photo, render, cover, region, region) == 0.0


def test_bottom_rim_left_reads_nothing_without_the_new_bottom() -> None:
    photo, render, cover, region = _render(rim_left=True)
    assert checks.bottom_rim_left(photo, render, np.zeros_like(cover), region, region) is None
