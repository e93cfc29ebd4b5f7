"""A garment's top edge on bared skin (a cami's neckline and straps, a sleeveless dress's
bodice): a clean, smooth, anti-aliased line, and the checks that fail a soft or ragged one."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.composite import clean_edge

SHOULDERS = 200.0
COLUMNS = (50, 250)


def _drawn(edge: np.ndarray, soft: float) -> tuple[np.ndarray, np.ndarray]:
    """A garment below `edge` (its top row per column, to the pixel's fraction) between
    columns 50 and 250 of a 300 px square, its edge blurred by `soft` (a Gaussian sigma),
    and rebuilt skin above it: the cover and the skin's share per pixel."""
    rows = np.arange(300)[:, None]
    cover = np.clip(rows - edge[None, :] + 0.5, 0, 1).astype(np.float32)
    cover[:, : COLUMNS[0]] = 0
    cover[:, COLUMNS[1] :] = 0
    cover = cv2.GaussianBlur(cover, (0, 0), soft)
    skin = np.zeros_like(cover)
    skin[60:, 40:260] = 1
    return cover, skin * (1 - cover)


def _scoop() -> np.ndarray:
    columns = np.arange(300)
    return 120 + 30 * ((columns - 150) / 100.0) ** 2


def _faults(cover: np.ndarray, skin: np.ndarray) -> list[str]:
    return checks.faults(
        {
            "neckline_ragged": checks.neckline_ragged(cover, skin, COLUMNS, SHOULDERS),
            "neckline_blur": checks.neckline_blur(cover, skin, COLUMNS, SHOULDERS),
        }
    )


def test_a_clean_scoop_neckline_passes() -> None:
    assert _faults(*_drawn(_scoop(), 0.6)) == []


def test_a_soft_or_jagged_neckline_on_bared_skin_fails() -> None:
    """Warped up from the product's soft cut-out, a neckline faded over 6-10 px and its
    outline wandered column by column: a ragged sticker's edge."""
    jagged = _scoop() + np.random.default_rng(1).uniform(-3, 3, 300)
    assert _faults(*_drawn(_scoop(), 3.0)) == ["neckline_blur"]
    assert "neckline_ragged" in _faults(*_drawn(jagged, 0.8))


def test_no_neckline_is_read_without_skin_above_it() -> None:
    """A top's edge against the old garment or the backdrop is no bared neckline."""
    cover, _ = _drawn(_scoop(), 3.0)
    none = np.zeros_like(cover)
    assert checks.neckline_blur(cover, none, COLUMNS, SHOULDERS) is None
    assert checks.neckline_ragged(cover, none, COLUMNS, SHOULDERS) is None


def test_clean_edge_redraws_a_neckline_on_skin_as_a_clean_line() -> None:
    """The composite's edge on skin: smoothed and anti-aliased, so a soft, jagged
    neckline passes both checks; off the skin it is left as it was."""
    jagged = _scoop() + np.random.default_rng(1).uniform(-3, 3, 300)
    cover, skin = _drawn(jagged, 3.0)
    assert "neckline_blur" in _faults(cover, skin)
    on_skin = (np.arange(300)[:, None] >= 60) * np.ones((1, 300), np.float32)
    cleaned = clean_edge(cover, on_skin.astype(np.float32))
    assert _faults(cleaned, skin * (1 - cleaned) / np.maximum(1 - cover, 1e-3)) == []
    # A few values between 0 and 1 across the edge: anti-aliased, not a stepped mask.
    column = cleaned[100:200, 150]
    assert 1 <= np.count_nonzero((column > 0.05) & (column < 0.95)) <= 3
    assert np.array_equal(clean_edge(cover, np.zeros_like(cover)), cover)


def test_clean_edge_keeps_a_thin_strap_and_a_sheer_middle() -> None:
    """A strap 4 px wide stays (smoothed over more it would fade below half and vanish),
    and an even, half-transparent sheer panel keeps its alpha."""
    alpha = np.zeros((100, 100), np.float32)
    alpha[10:90, 48:52] = 1
    alpha = cv2.GaussianBlur(alpha, (0, 0), 0.8)
    cleaned = clean_edge(alpha, np.ones_like(alpha))
    assert cleaned[50, 49:51].min() > 0.95 and cleaned[50, 44:56].sum() > 3.5
    sheer = np.full((100, 100), 0.5, np.float32)
    assert np.allclose(clean_edge(sheer, np.ones_like(sheer))[20:80, 20:80], 0.5)


def test_a_panel_lifted_to_square_shoulders_stays_one_piece() -> None:
    """A sleeveless bodice lifted up to shoulders standing above it: the lift fades into
    the columns beside the neck (left as they are), not cut off at them. Cut off, the
    middle stayed below the lifted shoulders as a separate piece, a step of 7 px each
    side of the neck in its top edge and its print broken there."""
    from fitroom.engines.classic.body import torso_frame
    from fitroom.engines.classic.placement import lifted_to_shoulders
    from fitroom.engines.classic.warp import Layer
    from tests.test_classic_engine import drawn_person

    person = drawn_person(np.full((420, 400, 3), 200, np.uint8))
    mask = np.zeros((420, 400), np.float32)
    mask[0:100, 185:216] = 1  # the neck
    mask[85:420, 140:261] = 1  # square shoulders standing 15 px above the panel's top
    person.mask = mask
    alpha = np.zeros((300, 111), np.float32)
    alpha[:, :] = 1
    colour = np.full((300, 111, 3), 120, np.float32)
    lifted = lifted_to_shoulders(person, torso_frame(person), Layer(colour, alpha, 145, 100))
    assert lifted is not None and lifted.y < 100
    top = lifted.y + np.argmax(lifted.alpha > 0.5, axis=0)
    assert top[15] <= 90 and top[-15] <= 90, top
    assert np.abs(np.diff(top.astype(int))).max() <= 3, np.diff(top.astype(int))
