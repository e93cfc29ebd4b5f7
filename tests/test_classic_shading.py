"""The light a new garment takes on from the photo, on drawn photos: the body's rounded
light, not the old garment's creases laid on a white garment as grey blotches."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.person import L_SHOULDER, R_SHOULDER, Person
from fitroom.engines.classic.shading import blur, old_garment_shading

SIZE = (600, 500)  # rows, columns
TORSO = (slice(120, 520), slice(130, 370))
SHOULDERS = ((150.0, 120.0), (350.0, 120.0))  # 200 px apart
NAVY = np.array([40, 50, 90], np.float32)


def creases(shape: tuple[int, int], seed: int = 3) -> np.ndarray:
    """Crumpled cloth: smooth random blobs about a tenth of a shoulder width across,
    -1..1."""
    noise = np.random.default_rng(seed).normal(size=shape).astype(np.float32)
    folds = cv2.GaussianBlur(noise, (0, 0), 5)
    return folds / np.abs(folds).max()


def body_light(shape: tuple[int, int]) -> np.ndarray:
    """A body's rounded light across the torso: 1 down its middle, darker at its flanks."""
    x = np.linspace(-1, 1, shape[1], dtype=np.float32)
    return np.broadcast_to(1 - 0.15 * x**2, shape).astype(np.float32)


def navy_tank_photo() -> tuple[np.ndarray, np.ndarray]:
    """A photo of a crumpled navy top, lit round the body, on a grey backdrop, and the
    top's mask (1 on it)."""
    image = np.full((*SIZE, 3), 160, np.float32)
    region = np.zeros(SIZE, np.float32)
    region[TORSO] = 1
    h, w = region[TORSO].shape
    light = body_light((h, w)) * (1 + 0.3 * creases((h, w)))
    image[TORSO] = NAVY * light[:, :, None]
    return np.clip(image, 0, 255).astype(np.uint8), region


def person_in(image: np.ndarray) -> Person:
    points = np.zeros((33, 2), np.float32)
    points[L_SHOULDER], points[R_SHOULDER] = SHOULDERS
    empty = np.zeros(SIZE, np.uint8)
    return Person(image, points, np.ones(33, np.float32), np.ones(SIZE, np.float32), empty, empty, np.zeros(3))


def test_a_crumpled_old_tops_creases_are_not_laid_on_the_new_garment() -> None:
    photo, old = navy_tank_photo()
    shade = old_garment_shading(person_in(photo), old)[TORSO]
    # The fold-scale part of the shading (what a crease leaves): near flat (it was 0.009).
    folds = (shade - blur(shade, 6))[40:-40, 40:-40]
    assert float(folds.std()) < 0.005
    # The body's rounded light is kept: the flanks darker than the middle.
    middle = float(shade[:, 90:110].mean())
    assert float(shade[:, :15].mean()) < middle - 0.01
    assert float(shade[:, -15:].mean()) < middle - 0.01


def test_a_checked_old_tops_lines_are_not_laid_on_the_new_garment() -> None:
    """Light grey lines checking a navy top (no creases): their edges are not light."""
    photo, old = navy_tank_photo()
    top = photo[TORSO].astype(np.float32)
    h, w = top.shape[:2]
    y, x = np.mgrid[0:h, 0:w]
    lines = ((y % 40) < 8) | ((x % 40) < 8)
    top[lines] = np.float32([170, 165, 175]) * body_light((h, w))[lines][:, None]
    photo[TORSO] = np.clip(top, 0, 255).astype(np.uint8)
    shade = old_garment_shading(person_in(photo), old)[TORSO]
    # It was 0.008: a grid of grey squares on the new garment.
    assert float((shade - blur(shade, 6))[40:-40, 40:-40].std()) < 0.003


def test_a_logo_on_an_old_tee_over_dark_trousers_leaves_no_patch() -> None:
    """A white tee with a red logo over navy trousers (under a new dress): the three
    colours' median is none of them, and the logo was measured as a shade."""
    photo, old = navy_tank_photo()
    top = np.full((400, 240, 3), 245, np.float32)
    top[220:] = NAVY
    top[50:130, 60:180] = (200, 30, 40)
    photo[TORSO] = np.clip(top * body_light((400, 240))[:, :, None], 0, 255).astype(np.uint8)
    shade = old_garment_shading(person_in(photo), old)[TORSO]
    # It was 0.93 on the logo against 1.01 beside it.
    assert abs(float(shade[70:110, 100:140].mean()) - float(shade[70:110, 10:40].mean())) < 0.01


def white_garment_render(shade: np.ndarray) -> np.ndarray:
    """A white garment with a blue stripe of its own drawn over the photo's top,
    multiplied by `shade` (over the torso)."""
    photo, _ = navy_tank_photo()
    render = photo.astype(np.float32)
    garment = np.full((*render[TORSO].shape[:2], 3), 245, np.float32)
    garment[180:215] = (40, 110, 210)
    weave = np.random.default_rng(9).normal(0, 2, garment.shape[:2]).astype(np.float32)
    render[TORSO] = (garment + weave[:, :, None]) * shade[:, :, None]
    return np.clip(render, 0, 255).astype(np.uint8)


def test_old_folds_fails_the_old_creases_laid_on_a_white_garment_not_the_bodys_light() -> None:
    photo, old = navy_tank_photo()
    h, w = old[TORSO].shape
    region = old > 0.5
    blotched = white_garment_render(body_light((h, w)) * (1 + 0.05 * creases((h, w))))
    lit = white_garment_render(body_light((h, w)))
    limit = checks.LIMITS["old_folds"][1]
    assert limit is not None
    blotches = checks.old_folds(blotched, photo, region, 200.0)
    light = checks.old_folds(lit, photo, region, 200.0)
    assert blotches is not None and blotches > limit
    assert light is not None and light < limit / 3


def test_old_folds_is_none_on_too_little_garment() -> None:
    photo, old = navy_tank_photo()
    region = np.zeros(SIZE, bool)
    region[300:310, 200:210] = True
    assert checks.old_folds(photo, photo, region, 200.0) is None


def test_old_folds_does_not_read_a_fine_check_of_two_colours() -> None:
    """A gingham's pink and white squares leave only scraps of either: no reading."""
    photo, old = navy_tank_photo()
    render = photo.copy()
    y, x = np.mgrid[0 : SIZE[0], 0 : SIZE[1]]
    gingham = np.where((((y // 4) + (x // 4)) % 2 == 0)[:, :, None], (230, 120, 130), (250, 240, 240))
    render[old > 0] = gingham[old > 0]
    assert checks.old_folds(render, photo, old > 0.5, 200.0) is None
