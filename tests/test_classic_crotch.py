"""The backdrop between a flat bottom's legs, in the legs' shade up at the crotch, is not
cut out as cloth (worn, it was a pale or grey wedge below the crotch), and legs that
nearly touch meet rather than squeeze the product's gap; `crotch_wedge` fails the renders
that show a wedge."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.body import Frame
from fitroom.engines.classic.garment import analyse_garment, cut_out
from fitroom.engines.classic.placement import _legs_placed

WHITE = 250
DENIM = (60, 90, 150)
CROTCH, HEM = 200, 430


def shaded_crotch_jeans() -> np.ndarray:
    """Flat-lay jeans on white, 160 px wide at the waist, their legs parting at the
    crotch (y `CROTCH`) in a wedge 24 px wide at the hem; down to y 330 the wedge is the
    backdrop in the legs' shade, grey from 130 at the crotch lightening to the white."""
    image = np.full((460, 300, 3), WHITE, np.uint8)
    cv2.rectangle(image, (70, 30), (230, HEM), DENIM, -1)
    cv2.fillConvexPoly(image, np.array([(150, CROTCH), (162, HEM), (138, HEM)]), (WHITE, WHITE, WHITE))
    for y in range(CROTCH, 330):
        row = image[y, 100:200]
        gap = (row == WHITE).all(axis=1)
        row[gap] = int(130 + (y - CROTCH) * 0.9)
    return image


def test_the_shaded_gap_below_the_crotch_is_not_cut_out_as_cloth() -> None:
    """The grey top of the gap differs from the white backdrop, and the cut-out kept it
    as cloth; followed up from the hem, it is cut away, and the legs and the crotch above
    it stay."""
    product = shaded_crotch_jeans()
    garment = analyse_garment(product, swap_target="bottom", hint=None)
    assert garment.category == "bottom"
    kept = [y for y in range(CROTCH + 15, 330) if garment.alpha[y, 150] >= 0.5]
    assert not kept, kept
    assert (garment.alpha[CROTCH + 15 : 330, [110, 125, 175, 190]] > 0.9).all()
    assert (garment.alpha[CROTCH - 40 : CROTCH - 5, 150] > 0.9).all()


def test_a_skirt_keeps_its_cut_out() -> None:
    """A skirt's hem has no gap to follow: its alpha is the cut-out's, pixel for pixel."""
    image = np.full((460, 300, 3), WHITE, np.uint8)
    cv2.fillConvexPoly(image, np.array([(90, 30), (210, 30), (250, 400), (50, 400)]), DENIM)
    garment = analyse_garment(image, swap_target="bottom", hint="skirt")
    assert np.array_equal(garment.alpha, cut_out(image))


def _lab(rgb: tuple[int, ...]) -> np.ndarray:
    """One colour as a row of CIE Lab (L 0..100), as the checks read colours."""
    return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)


def test_crotch_wedge_fails_the_product_backdrop_between_the_legs() -> None:
    """A pale or grey wedge of the product photo's white backdrop drawn as garment down
    the middle between two new legs fails; legs that meet, the person's own backdrop
    between spread ones (not garment), a knit's pale stitches and a white print on the
    cloth pass."""
    h, w = 400, 300
    region = np.zeros((h, w), bool)
    region[100:380, 120:180] = True
    image = np.full((h, w, 3), 200, np.uint8)  # the person's photo: a grey studio wall
    cover = np.zeros((h, w), np.float32)
    cover[80:380, 80:220] = 1
    image[cover > 0.5] = DENIM
    backdrop = _lab((WHITE, WHITE, WHITE))[0]
    cloth = _lab(DENIM)
    assert checks.crotch_wedge(image, cover, region, backdrop, cloth) == 0.0
    for shade in (WHITE, 180, 130):
        wedge = image.copy()
        wedge[100:300, 140:160] = shade
        value = checks.crotch_wedge(wedge, cover, region, backdrop, cloth)
        assert value is not None and value > checks.CROTCH_WEDGE_MOST, (shade, value)
    apart, gap = image.copy(), cover.copy()
    gap[100:380, 140:160] = 0
    apart[100:380, 140:160] = 200
    value = checks.crotch_wedge(apart, gap, region, backdrop, cloth)
    assert value is not None and value <= checks.CROTCH_WEDGE_MOST, value
    knit = image.copy()
    knit[100:300, 140:160] = WHITE
    knit[100:300:2, 140:160] = 200  # pale stitches, row by row
    value = checks.crotch_wedge(knit, cover, region, backdrop, cloth)
    assert value is not None and value <= checks.CROTCH_WEDGE_MOST, value
    printed = image.copy()
    printed[100:300, 140:160] = 240
    value = checks.crotch_wedge(printed, cover, region, backdrop, np.vstack([cloth, _lab((240, 240, 240))]))
    assert value is not None and value <= checks.CROTCH_WEDGE_MOST, value


def test_legs_that_would_squeeze_the_products_gap_to_a_sliver_meet() -> None:
    """Cut at the real crotch, a product's gap reaches higher, where the person's legs
    nearly touch: squeezed whole into a pixel, the spline folded the cloth round a hole
    below the crotch. A row whose legs would leave under `GAP_SQUEEZE` of the gap meets
    instead; one that keeps half of it stays apart."""
    frame = Frame(np.array([150.0, 100.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0]), 120.0, 180.0)
    split = ((0.0, 100.0), (120.0, 220.0))  # two legs 100 wide, a 20 px gap between
    for apart, meet in ((101.0, True), (110.0, False)):
        legs = (np.array([150.0 - apart / 2, 400.0]), np.array([150.0 + apart / 2, 400.0]))
        _, closed = _legs_placed(300.0, split, legs, 1.0, frame, 100.0)
        assert closed == meet, (apart, closed)
