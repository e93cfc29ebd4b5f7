"""The backdrop between a garment's hem and the product photo's edge, as cut out."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.garment import analyse_garments, cut_out

HEIGHT, WIDTH = 1024, 768
#: The hem's row: 10 px above the photo's bottom edge, as the kit's white knit dress.
HEM = HEIGHT - 10


def knit_dress() -> np.ndarray:
    """An off-white ribbed knit dress (about 238, ribs 6 px apart, grain) with short
    sleeves on a pure white backdrop, its straight hem 10 px above the bottom edge."""
    image = np.full((HEIGHT, WIDTH, 3), 255, np.uint8)
    body = np.zeros((HEIGHT, WIDTH), np.uint8)
    outline = [(300, 60), (468, 60), (560, 140), (540, 330), (520, 330), (540, HEM), (228, HEM)]
    outline += [(248, 330), (228, 330), (208, 140)]
    cv2.fillPoly(body, [np.array(outline, np.int32)], (1,))
    grain = np.random.default_rng(0).normal(0, 2, (HEIGHT, WIDTH))
    ribs = 238 + 4 * np.sin(np.arange(WIDTH) * 2 * np.pi / 6)[None, :] + grain
    knit = np.clip(np.stack([ribs, ribs - 1, ribs - 5], axis=2), 0, 255).astype(np.uint8)
    image[body > 0] = knit[body > 0]
    return image


def test_the_strip_below_a_hem_near_the_photos_edge_is_not_garment() -> None:
    """The outline's edges, closed, bridged the hem to the photo's edge: the white strip
    between them was cut out with the dress and worn as a white ledge under its hem."""
    image = knit_dress()
    alpha = cut_out(image)
    assert float(alpha[HEM + 3 :, 300:460].mean()) < 0.1
    assert float(alpha[HEM - 40 : HEM - 3, 260:500].min()) > 0.9
    (dress,) = analyse_garments(image, swap_target="dress", hint=None)
    assert dress.hem_y < HEM + 3


def test_garment_backdrop_kept_reads_the_strip_below_the_hem() -> None:
    image = knit_dress()
    alpha = cut_out(image)
    with_strip = alpha.copy()
    with_strip[HEM - 2 :, 236:532] = 1.0
    kept = checks.garment_backdrop_kept(image, with_strip)
    assert kept is not None and kept > checks.GARMENT_BACKDROP_KEPT
    clean = checks.garment_backdrop_kept(image, alpha)
    assert clean is not None and clean < checks.GARMENT_BACKDROP_KEPT
    assert checks.garment_backdrop_kept(image, np.zeros_like(alpha)) is None
