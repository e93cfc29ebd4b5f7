"""A top's outline over the backdrop: as crisp and clean as the product's own edge, not
a soft dark smear with the cut-out rim's light flecks along it."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose, inner_colour
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import L_HIP, R_HIP, Person
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_sleeve_hem import big_person, big_tee

DARK = (30, 30, 36)


def dark_tee() -> np.ndarray:
    """`big_tee` in near black on white."""
    image = big_tee()
    image[np.any(image < 250, axis=2)] = DARK
    return image


def flecked_layer() -> tuple[np.ndarray, np.ndarray]:
    """A dark garment part's colour and alpha (a disc with a soft edge) whose outermost
    pixels are flecked light grey: a shop photo's cut-out rim, its backdrop in the cloth."""
    alpha = np.zeros((120, 120), np.float32)
    cv2.circle(alpha, (60, 60), 40, (1.0,), -1)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 1.5)
    colour = np.empty((120, 120, 3), np.float32)
    colour[:] = DARK
    flecks = np.random.default_rng(3).uniform(0, 1, alpha.shape) < 0.5
    colour[(alpha > 0.02) & (alpha < 0.98) & flecks] = 170
    return colour, alpha


def _drawn_outline(soft: float) -> tuple[np.ndarray, np.ndarray]:
    """A sloping shoulder's cover (a garment below a slanted line, its edge blurred by
    `soft`, a Gaussian sigma) and the backdrop above it."""
    rows, cols = np.mgrid[0:300, 0:300].astype(np.float32)
    line = 80 + 0.4 * cols
    cover = cv2.GaussianBlur(np.clip(rows - line + 0.5, 0, 1).astype(np.float32), (0, 0), soft)
    return cover, rows < line + 20


def test_a_crisp_outline_passes_and_a_smeared_one_fails() -> None:
    crisp = checks.outline_blur(*_drawn_outline(0.6))
    smeared = checks.outline_blur(*_drawn_outline(2.0))
    assert crisp is not None and smeared is not None
    assert checks.faults({"outline_blur": crisp}) == []
    assert checks.faults({"outline_blur": smeared}) == ["outline_blur"]


def test_no_outline_is_read_off_the_backdrop() -> None:
    cover, backdrop = _drawn_outline(2.0)
    assert checks.outline_blur(cover, np.zeros_like(backdrop)) is None


def test_a_dark_tees_outline_over_the_backdrop_is_crisp() -> None:
    """The tee's shoulders and sleeves over the light backdrop fade within a couple of
    pixels, as the product's own edge (they faded over 4: a dark smear)."""
    person = big_person()
    garment = analyse_garment(dark_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment))
    blur = checks.outline_blur(out.garment, person.mask < 0.5)
    assert blur is not None
    assert checks.faults({"outline_blur": blur}) == [], blur


def test_the_rims_light_flecks_take_the_cloths_colour_over_the_backdrop() -> None:
    colour, alpha = flecked_layer()
    rim = (alpha > 0.02) & (alpha < 0.98)
    clean = inner_colour(colour, alpha, np.ones_like(alpha))
    assert np.abs(clean[rim] - np.array(DARK, np.float32)).max() < 2
    # Over the body nothing changes.
    assert np.array_equal(inner_colour(colour, alpha, np.zeros_like(alpha)), colour)


PINK = (205, 90, 110)


def gingham_layer() -> tuple[np.ndarray, np.ndarray]:
    """A gingham garment part's colour and alpha (a disc with a soft edge): 2-pixel
    checks of pink and white, as a product photo's fine weave shrunk onto the person."""
    colour, alpha = flecked_layer()
    rows, cols = np.mgrid[0:120, 0:120]
    checks_on = ((rows // 2 + cols // 2) % 2 == 0)[:, :, None]
    return np.where(checks_on, np.array(PINK, np.float32), np.float32(245)).astype(np.float32), alpha


def _laid(colour: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The layer blended over a plain grey wall."""
    wall = np.full(colour.shape, 200, np.float32)
    return np.clip(wall + (colour - wall) * alpha[:, :, None], 0, 255).astype(np.uint8)


def test_rim_flat_finds_a_flat_band_round_a_print() -> None:
    colour, alpha = gingham_layer()
    backdrop = np.ones_like(alpha, bool)
    kept = checks.rim_flat(_laid(colour, alpha), alpha, backdrop)
    banded = colour.copy()
    band = (alpha > 0) & (cv2.erode((alpha > 0.95).astype(np.uint8), np.ones((9, 9), np.uint8)) == 0)
    banded[band] = colour[alpha > 0.95].mean(axis=0)
    flat = checks.rim_flat(_laid(banded, alpha), alpha, backdrop)
    assert kept is not None and flat is not None
    assert checks.faults({"rim_flat": kept}) == [], kept
    assert checks.faults({"rim_flat": flat}) == ["rim_flat"], flat
    # A plain cloth has no detail to lose: not read.
    plain = np.empty_like(colour)
    plain[:] = PINK
    assert checks.rim_flat(_laid(plain, alpha), alpha, backdrop) is None


def test_a_prints_rim_over_the_backdrop_keeps_its_print() -> None:
    """The rim's light flecks go, as on a plain tee, but a gingham's checks go on to its
    outline: its blurred colour there was a flat pink band drawn round the shoulders."""
    colour, alpha = gingham_layer()
    colour[(alpha > 0.02) & (alpha < 0.98) & (np.random.default_rng(4).uniform(0, 1, alpha.shape) < 0.5)] = 255
    laid = _laid(inner_colour(colour, alpha, np.ones_like(alpha)), alpha)
    kept = checks.rim_flat(laid, alpha, np.ones_like(alpha, bool))
    assert kept is not None
    assert checks.faults({"rim_flat": kept}) == [], kept


def _drawn_shoulder(bumps: int) -> tuple[np.ndarray, np.ndarray]:
    """A sloping shoulder's cover (a garment below a slanted line) with `bumps` round
    humps along it, and the backdrop above it."""
    rows, cols = np.mgrid[0:300, 0:300].astype(np.float32)
    line = 80 + 0.4 * cols
    cover = (rows >= line).astype(np.float32)
    for x in np.linspace(40, 260, bumps) if bumps else []:
        cv2.circle(cover, (int(x), int(80 + 0.4 * x)), 7, (1.0,), -1)
    return cover, cover < 0.5


def test_a_smooth_shoulder_passes_and_a_lumpy_one_fails() -> None:
    neck, hips, width = (0.0, 150.0), (0.0, 450.0), 300.0
    smooth = checks.shoulder_lumps(*_drawn_shoulder(0), neck, hips, width)
    lumpy = checks.shoulder_lumps(*_drawn_shoulder(8), neck, hips, width)
    assert smooth is not None and lumpy is not None
    assert checks.faults({"shoulder_lumps": smooth}) == [], smooth
    assert checks.faults({"shoulder_lumps": lumpy}) == ["shoulder_lumps"], lumpy


def lumpy_person() -> Person:
    """`big_person` in an old top whose outline over the shoulders is lumpy: round bumps
    along it, as a segmentation of a real photo's folds gives."""
    person = big_person()
    mask = person.mask.copy()
    k = mask.shape[1] // 400
    for a, b in (((215, 78), (290, 130)), ((185, 78), (110, 130))):
        for t in np.linspace(0.1, 0.9, 7):
            x, y = (1 - t) * np.array(a) + t * np.array(b)
            cv2.circle(mask, (int(x * k), int(y * k) - 2 * k), 3 * k, (1.0,), -1)
    return replace(person, mask=mask)


def test_a_dark_tees_shoulders_over_a_lumpy_old_outline_are_smooth() -> None:
    """Closed up to the old top's lumpy outline, the strip between the tee and the
    backdrop drew its bumps along the tee's shoulders; the outline is one smooth curve."""
    person = lumpy_person()
    garment = analyse_garment(dark_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment))
    frame = torso_frame(person)
    hips = (person.pt(L_HIP) + person.pt(R_HIP)) / 2
    lumps = checks.shoulder_lumps(out.garment, person.mask < 0.5, frame.neck, hips, frame.width)
    assert lumps is not None
    assert checks.faults({"shoulder_lumps": lumps}) == [], lumps
