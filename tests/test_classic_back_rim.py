"""The back's thin rim seen above a shallow front neckline in a product photo."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.back_rim import back_rim
from fitroom.engines.classic.garment import analyse_garment

ORANGE = (240, 110, 30)
DARK_GREEN = (50, 75, 55)


def shallow_neck_dress(rim: tuple[int, int, int] | None = DARK_GREEN) -> np.ndarray:
    """A sleeveless orange dress on white, its round neck shallow (the orange midi's): the
    back's neckline the garment's top edge at the middle (y 114), the front's 8 px lower,
    and between them a strip of the back (`rim`: its print, binding or lining) with a
    zip's pull at the middle; bodice x 200..400, skirt to y 760."""
    image = np.full((800, 600, 3), 255, np.uint8)
    cv2.fillPoly(image, [np.array([(240, 96), (360, 96), (400, 140), (400, 380), (200, 380), (200, 140)])], ORANGE)
    cv2.rectangle(image, (180, 380), (420, 760), ORANGE, -1)
    if rim is not None:
        cv2.ellipse(image, (300, 96), (56, 26), 0, 0, 360, rim, -1)
        cv2.rectangle(image, (297, 112), (303, 121), (30, 30, 30), -1)  # the zip's pull
    cv2.ellipse(image, (300, 92), (50, 22), 0, 0, 360, (255, 255, 255), -1)
    image[:96] = 255
    return image


def test_a_shallow_necks_back_rim_is_painted_in_the_fronts_colour() -> None:
    """Issue 17: the orange midi's back print at the neckline's corners, its binding and
    zip, a strip too thin for the inside-back search, were kept and drawn as dark specks
    at the worn neckline's corners. They are painted in the front's orange; the garment's
    outline (its straps' tops lay it on the shoulders) and the front stay as they were."""
    image = shallow_neck_dress()
    dress = analyse_garment(image, swap_target="dress", hint=None)
    plain = analyse_garment(shallow_neck_dress(rim=None), swap_target="dress", hint=None)
    for rows, columns in ((slice(114, 121), slice(290, 311)), (slice(98, 106), slice(348, 352))):
        kept = dress.alpha[rows, columns] > 0.5
        assert kept.mean() > 0.5, "the outline changed"
        colours = dress.rgb[rows, columns][kept].astype(int)
        assert np.abs(colours - ORANGE).max() < 30, "the back's rim, zip or corner print was kept"
    assert np.array_equal(dress.rgb[135:300], plain.rgb[135:300]), "the front below the neckline changed"
    assert (dress.top, dress.shoulder_y) == (plain.top, plain.shoulder_y)


def test_a_neck_without_a_back_rim_or_with_a_print_at_its_edge_keeps_everything() -> None:
    """No strip above the front neckline: nothing is found. A print's spots touching the
    top edge beside the neck are the front's own and stay."""
    plain = shallow_neck_dress(rim=None)
    solid = (np.abs(plain.astype(int) - 255).sum(axis=2) > 30).astype(np.uint8)
    assert not back_rim(plain, solid, 200.0, 400.0).any()
    spotted = plain.copy()
    for x in (250, 350):
        cv2.circle(spotted, (x, 100), 6, DARK_GREEN, -1)
    spotted[:96] = 255
    assert not back_rim(spotted, solid, 200.0, 400.0).any()


def test_neckline_specks_fails_dark_pieces_at_the_necklines_corners() -> None:
    """A worn orange neckline 100 px wide between shoulders 100 px apart: clean it passes;
    dark specks of the back's print along its edge fail; a dark trim along the whole
    neckline is a collar and passes."""
    image = np.full((300, 300, 3), 200, np.uint8)
    cover = np.zeros((300, 300), np.float32)
    cover[150:, 60:240] = 1.0
    cover[150:175, 110:190] = 0.0  # the neck's opening
    image[cover > 0.5] = ORANGE
    neck = (150.0, 160.0)
    clean = checks.neckline_specks(image, cover, neck, 100.0)
    assert clean is not None and not checks.faults({"neckline_specks": clean})
    specked = image.copy()
    specked[175:178, 120:128] = DARK_GREEN
    specked[175:178, 170:176] = DARK_GREEN
    specks = checks.neckline_specks(specked, cover, neck, 100.0)
    assert checks.faults({"neckline_specks": specks}) == ["neckline_specks"], specks
    trimmed = image.copy()
    solid = cover > 0.5
    first = np.argmax(solid, axis=0)
    for x in range(60, 240):
        trimmed[first[x] : first[x] + 3, x] = (20, 20, 20)
    assert checks.neckline_specks(trimmed, cover, neck, 100.0) == 0.0
    assert checks.neckline_specks(image, np.zeros_like(cover), neck, 100.0) is None
