"""Backdrop enclosed by a garment's strap loops, as cut out of its product photo."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.garment import cut_out

YELLOW = (250, 215, 100)
BACKDROP = 247


def cami(print_box: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """A yellow cami on an off-white backdrop (768 by 576): a V-necked body from y 400
    and two straps, each a loop of two strands 17 and 18 px wide round a sliver of
    backdrop 2 px wide from y 170 to 395 (too thin to be a hole at the cut's working size); `print_box` (x0, y0, x1, y1) drawn white on the body."""
    image = np.full((768, 576, 3), BACKDROP, np.uint8)
    cv2.fillConvexPoly(image, np.array([(140, 400), (436, 400), (446, 700), (130, 700)]), YELLOW)
    cv2.fillConvexPoly(image, np.array([(200, 399), (376, 399), (288, 480)]), (BACKDROP,) * 3)
    for x in (150, 400):
        cv2.fillConvexPoly(image, np.array([(x, 150), (x + 37, 150), (x + 37, 410), (x, 410)]), YELLOW)
        image[170:396, x + 17 : x + 19] = BACKDROP
    if print_box is not None:
        x0, y0, x1, y1 = print_box
        image[y0:y1, x0:x1] = 255
    return image


def test_the_backdrop_inside_a_straps_loop_is_not_garment() -> None:
    """The white between a cami strap's two strands was cut out with the strap (the
    outline's holes are filled) and worn as white slivers on the shoulders."""
    image = cami()
    alpha = cut_out(image)
    for x in (150, 400):
        assert float(alpha[180:390, x + 17 : x + 19].mean()) < 0.3, x
        assert float(alpha[200:380, x + 4 : x + 10].min()) > 0.9, x
        assert float(alpha[200:380, x + 27 : x + 33].min()) > 0.9, x
    reading = checks.enclosed_backdrop(image, alpha)
    assert reading is not None and reading <= checks.ENCLOSED_BACKDROP_MOST


def test_a_white_print_on_the_body_stays_garment() -> None:
    """White print deep in the fabric is the backdrop's colour but no loop."""
    image = cami((250, 560, 330, 620))
    alpha = cut_out(image)
    assert float(alpha[565:615, 255:325].min()) > 0.9


def test_enclosed_backdrop_reads_a_loop_kept_as_garment_and_not_a_print() -> None:
    image = cami((250, 560, 330, 620))
    kept = np.zeros(image.shape[:2], np.float32)
    kept[400:700, 135:440] = 1
    kept[150:410, 150:187] = kept[150:410, 400:437] = 1
    reading = checks.enclosed_backdrop(image, kept)
    assert reading is not None and reading > checks.ENCLOSED_BACKDROP_MOST
    kept[170:396, 167:169] = kept[170:396, 417:419] = 0
    assert checks.enclosed_backdrop(image, kept) == 0.0
    assert checks.enclosed_backdrop(np.full((50, 50, 3), 200, np.uint8), np.ones((50, 50), np.float32)) is None


def test_a_pale_stripe_running_from_a_strap_down_the_body_stays_garment() -> None:
    """Backdrop-coloured pixels that run on from a strap down into the body are a stripe,
    not a loop: the loops are read in the rows above the neck (and a margin) only, and a
    stripe cut by that band's lower edge still counts as reaching below the neck."""
    image = cami()
    for x in (150, 400):
        image[170:650, x + 17 : x + 19] = BACKDROP
    alpha = cut_out(image)
    for x in (150, 400):
        assert float(alpha[180:390, x + 17 : x + 19].mean()) > 0.5, x
