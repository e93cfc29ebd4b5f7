"""A plain tee's strip up to the person's old outline in the tee's shade: no lacy, speckled
band of its weave mirrored across the shoulders' curved edge; a print's strip keeps it."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.placement import _wide_blur_at, layers_for
from tests.test_classic_outline import dark_tee, flecked_layer, gingham_layer, lumpy_person
from tests.test_classic_sleeve_hem import big_tee


def _mottled(image: np.ndarray, size: float, amount: float) -> np.ndarray:
    """`image`'s garment (not white) with a washed mottle: blurred noise of `size` (a
    Gaussian sigma, pixels) and `amount` grey levels (its deviation)."""
    cloth = np.any(image < 250, axis=2)
    noise = cv2.GaussianBlur(np.random.default_rng(5).normal(0, 1, cloth.shape).astype(np.float32), (0, 0), size)
    noise *= amount / noise.std()
    out = image.copy()
    out[cloth] = np.clip(image[cloth] + noise[cloth][:, None], 0, 255).astype(np.uint8)
    return out


def _strip_detail(product: np.ndarray) -> tuple[float, float]:
    """The fine detail (each pixel's lightness off its neighbours', mean) of what the gaps
    layer lays off the garment on `lumpy_person`, and of the garment's own cloth."""
    person = lumpy_person()
    # Under them all, the backing that fills the smoothed shoulders (`placement._roofed`).
    _, gaps, *drawn = layers_for(person, analyse_garment(product, swap_target="top", hint=None))
    h, w = person.mask.shape
    cover = np.zeros((h, w), np.float32)
    for layer in drawn:
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    laid = np.zeros((h, w), bool)
    laid[gaps.slices] = gaps.alpha > 0.99
    strip = laid & (cv2.dilate((cover > 0.5).astype(np.uint8), np.ones((3, 3), np.uint8)) == 0)
    grey = np.zeros((h, w), np.float32)
    grey[gaps.slices] = gaps.colour.mean(axis=2)
    detail = np.abs(grey - cv2.GaussianBlur(grey, (0, 0), 1.5))
    # The strip's own inner pixels (off its edge, where the blur takes in none of the rest).
    inner = strip & (cv2.erode(strip.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0)
    assert np.count_nonzero(inner) > 200
    cloth = (cover > 0.99) & (cv2.erode((cover > 0.99).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0)
    for layer in drawn:
        grey[layer.slices] = np.where(layer.alpha > 0.99, layer.colour.mean(axis=2), grey[layer.slices])
    whole = np.abs(grey - cv2.GaussianBlur(grey, (0, 0), 1.5))
    return float(detail[inner].mean()), float(whole[cloth].mean())


def test_a_plain_dark_tees_strip_is_its_shade_not_its_mirrored_mottle() -> None:
    """Mirrored across the shoulders' curved edge, a black tee's washed mottle came apart
    into a lacy, speckled band; the strip now carries the tee's shade there."""
    strip, cloth = _strip_detail(_mottled(dark_tee(), 2.0, 6.0))
    assert strip < 0.25 * cloth, (strip, cloth)


def test_a_gingham_tees_strip_keeps_its_checks() -> None:
    """A woven or printed cloth's strip is still mirrored from it: its shade alone was a
    flat band round the shoulders (`rim_flat`)."""
    image = big_tee()
    rows, cols = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    red = np.all(image == (200, 30, 40), axis=2)
    image[red & ((rows // 6 + cols // 6) % 2 == 0)] = (250, 235, 240)
    strip, cloth = _strip_detail(image)
    assert strip > 0.5 * cloth, (strip, cloth)


def test_rim_mottle_finds_a_speckled_band_round_a_plain_cloth() -> None:
    colour, alpha = flecked_layer()
    colour[:] = 30
    rng = np.random.default_rng(7)
    weave = colour + rng.normal(0, 3.0, alpha.shape).astype(np.float32)[:, :, None]
    speckled = weave.copy()
    band = (alpha > 0) & (cv2.erode((alpha > 0.95).astype(np.uint8), np.ones((9, 9), np.uint8)) == 0)
    speckled[band] += rng.normal(0, 8.0, (int(band.sum()), 1)).astype(np.float32)
    backdrop = np.ones_like(alpha, bool)
    wall = np.full(colour.shape, 200, np.float32)

    def laid(c: np.ndarray) -> np.ndarray:
        return np.clip(wall + (c - wall) * alpha[:, :, None], 0, 255).astype(np.uint8)

    even = checks.rim_mottle(laid(weave), alpha, backdrop)
    mottled = checks.rim_mottle(laid(speckled), alpha, backdrop)
    assert even is not None and mottled is not None
    assert checks.faults({"rim_mottle": even}) == [], even
    assert checks.faults({"rim_mottle": mottled}) == ["rim_mottle"], mottled
    # A gingham has detail of its own to keep: not read.
    checked, checked_alpha = gingham_layer()
    assert checks.rim_mottle(laid(checked), checked_alpha, backdrop) is None


def test_the_shades_wide_blur_at_a_third_of_the_size_reads_as_the_full_one() -> None:
    """The shade's wide blur, shrunk, blurred and read between the small pixels, gives
    the full-size shade (the cloth's colour blurred over its own pixels) within half a
    grey level (read at the nearest small pixel alone, 1.2) along a drawn tee's outline,
    where the blur's weight falls off over the curve."""
    on = np.zeros((241, 187), np.float32)
    cv2.ellipse(on, (93, 40), (80, 60), 0, 0, 180, 1.0, -1)
    cv2.rectangle(on, (30, 40), (156, 230), 1.0, -1)
    grey = np.tile(np.linspace(20, 235, 187, dtype=np.float32), (241, 1)) * on
    planes = cv2.merge([on, grey])
    at = np.nonzero(cv2.morphologyEx(on.astype(np.uint8), cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) & (on > 0))
    full = cv2.GaussianBlur(planes, (0, 0), 7.5)[at]
    small = _wide_blur_at(planes, 7.5, at)
    assert np.abs(small[:, 1] / small[:, 0] - full[:, 1] / full[:, 0]).max() < 0.5
