"""The classic engine's per-photo answers: worked out once, again for a new photo."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom.engines.classic import memo


class Photo:
    """An object like the engine's Person: fields of its own beside the kept answers."""

    def __init__(self) -> None:
        self.image = np.zeros((4, 4), np.uint8)
        self.face = "a field, not an answer"


def test_an_answer_is_worked_out_once_per_array_and_value() -> None:
    photo, calls = Photo(), []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert memo.kept(photo, "face", (photo.image, 3), make) == 1
    assert memo.kept(photo, "face", (photo.image, 3), make) == 1
    assert photo.face == "a field, not an answer"
    # An equal but new array is a new photo; an equal value is the same question.
    photo.image = photo.image.copy()
    assert memo.kept(photo, "face", (photo.image, 3), make) == 2
    assert memo.kept(photo, "face", (photo.image, 3.0), make) == 2
    assert memo.kept(photo, "face", (photo.image, 4), make) == 3
    assert memo.held(photo, "face", (photo.image, 3)) is None


def test_a_known_answer_is_not_looked_for() -> None:
    photo = Photo()
    memo.keep(photo, "hand", (), None)
    assert memo.kept(photo, "hand", (), lambda: "looked for") is None
    assert memo.held(photo, "hand", ()) is None
    assert memo.kept(photo, "other", (), lambda: "looked for") == "looked for"


def test_distances_under_several_weights_are_each_the_one_weights_distance() -> None:
    from fitroom.engines.classic.colour import squared_distance, squared_distances

    rng = np.random.default_rng(3)
    lab = (rng.random((20, 30, 3)) * 255).astype(np.float32)
    colour = np.array([120.5, 131.0, 140.25], np.float32)
    weights = ((0.5, 1.0, 1.0), (0.0, 1.0, 1.0))
    for each, distance in zip(weights, squared_distances(lab[3:15, 2:20], colour, *weights), strict=True):
        assert np.array_equal(distance, squared_distance(lab[3:15, 2:20], colour, each))
        assert np.allclose(distance, (((lab[3:15, 2:20] - colour) * np.float32(each)) ** 2).sum(axis=2), rtol=1e-5)


def test_plausible_skin_in_one_pass_is_the_six_comparisons() -> None:
    from fitroom.engines.classic.person import SKIN_HIGH, SKIN_LOW, plausible_skin

    rng = np.random.default_rng(5)
    edges = np.array([SKIN_LOW, SKIN_HIGH, (34.99, 131, 131), (240.01, 175, 180), (35, 130.99, 131), (35, 131, 180.01)])
    for dtype in (np.float32, np.uint8):
        lab = rng.integers(0, 256, (40, 30, 3)).astype(dtype)
        lab.reshape(-1, 3)[: len(edges)] = edges.astype(dtype)
        for seen in (lab, lab[:, ::2], lab[5:9, 3:4]):
            light, a, b = (seen[..., i].astype(np.float64) for i in range(3))
            expected = (light >= 35) & (light <= 240) & (a >= 131) & (a <= 175) & (b >= 131) & (b <= 180)
            assert np.array_equal(plausible_skin(seen), expected)
    # A single colour is still a single answer.
    assert bool(plausible_skin(np.array([120.0, 150.0, 150.0], np.float32)))


def test_skin_like_is_kept_per_photo_and_each_caller_gets_its_own_copy() -> None:
    from fitroom.engines.classic.colour import skin_like
    from fitroom.engines.classic.person import Person

    image = np.full((12, 10, 3), (200, 150, 120), np.uint8)
    image[:, :4] = (30, 60, 200)
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB).astype(np.float32)
    person = Person(
        image=image,
        points=np.zeros((33, 2), np.float32),
        visibility=np.ones(33, np.float32),
        mask=np.ones((12, 10), np.float32),
        face=np.zeros((12, 10), np.uint8),
        hands=np.zeros((12, 10), np.uint8),
        skin_lab=lab[0, 9].copy(),
    )
    first = skin_like(person)
    assert first[:, 4:].all() and not first[:, :4].any()
    first[:] = False  # a caller changing its copy changes no other caller's
    assert np.array_equal(skin_like(person)[:, 4:], np.ones((12, 6), bool))


def test_crotch_rows_helpers_are_np_median_and_the_runs_to_the_bit() -> None:
    from fitroom.engines.classic.garment import _median_down, _run_bounds, _runs_on

    rng = np.random.default_rng(7)
    for count in (1, 2, 3, 4, 7, 8):
        pixels = (rng.random((count, 3)) * 255).astype(np.float32)
        assert np.array_equal(_median_down(pixels), np.median(pixels, axis=0))
        assert _median_down(pixels).dtype == np.median(pixels, axis=0).dtype
    for on in (rng.random(40) > 0.5, np.ones(5, bool), np.zeros(5, bool), np.array([True, False, True])):
        starts, ends = _run_bounds(on)
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == _runs_on(on)


def test_inner_colour_by_index_is_the_masked_sums_to_the_bit() -> None:
    """`inner_colour` reads and writes the rim through its pixels' indices: the same
    colours as through the boolean rim mask, on a drawn striped garment with a soft,
    notched edge and a partial `where`."""
    from fitroom.engines.classic import composite

    h, w = 90, 120
    alpha = np.zeros((h, w), np.float32)
    cv2.ellipse(alpha, (60, 45), (40, 30), 15, 0, 360, 1.0, -1)
    cv2.rectangle(alpha, (55, 10), (62, 30), 0.0, -1)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 2.0)
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    colour = np.stack([(xx * 7 % 50) + 100, (yy * 3 % 40) + 20, np.sin(xx + yy) * 30 + 60], axis=2).astype(np.float32)
    where = np.clip(xx / w * 1.5, 0, 1).astype(np.float32)

    core = cv2.erode((alpha > 0.95).astype(np.uint8), np.ones((7, 7), np.uint8))
    distance, labels = cv2.distanceTransformWithLabels(1 - core, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL)
    rim = (alpha > 0) & (core == 0) & (where > 0) & (distance <= composite.RIM_REACH)
    near_y, near_x = np.divmod(np.flatnonzero(core)[labels[rim] - 1], w)
    ys, xs = np.nonzero(rim)
    mirror_y, mirror_x = np.clip(2 * near_y - ys, 0, h - 1), np.clip(2 * near_x - xs, 0, w - 1)
    inside = core[mirror_y, mirror_x] > 0
    mirror_y, mirror_x = np.where(inside, mirror_y, near_y), np.where(inside, mirror_x, near_x)
    masked = colour.copy()
    masked[rim] += (colour[mirror_y, mirror_x] - masked[rim]) * where[rim][:, None]

    found = composite.inner_colour(colour, alpha, where)
    assert rim.sum() > 100 and not np.array_equal(found, colour)
    assert found.dtype == np.float32 and np.array_equal(found, masked)


def _drawn_tee(scale: float) -> np.ndarray:
    """A blue flat-lay tee on white whose neck opening shows the navy inside of its back,
    drawn at 460 x 400 and resized by `scale`."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (120, 60), (280, 400), (60, 80, 200), -1)
    cv2.fillConvexPoly(image, np.array([(120, 60), (40, 150), (75, 185), (120, 140)]), (60, 80, 200))
    cv2.fillConvexPoly(image, np.array([(280, 60), (360, 150), (325, 185), (280, 140)]), (60, 80, 200))
    cv2.ellipse(image, (200, 62), (40, 30), 0, 0, 180, (20, 25, 70), -1)
    cv2.ellipse(image, (200, 62), (40, 30), 0, 0, 180, (110, 130, 235), 5)
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def test_the_inside_back_read_on_the_cut_outs_copy_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """`_inside_back` takes `cut_out`'s copy of the photo at `WORK_SIDE` (no resize of its
    own) and finds the same inside back; a photo under `WORK_SIDE`, which `cut_out`
    enlarged, is read at its own size as before."""
    from fitroom.engines.classic import garment

    resize = garment.cv2.resize
    resizes: list[tuple[int, ...]] = []

    def counted(image: np.ndarray, *args: object, **kwargs: object) -> np.ndarray:
        resizes.append(image.shape)
        return resize(image, *args, **kwargs)  # type: ignore[call-overload, no-any-return]

    for scale in (2.2, 0.7):
        rgb = _drawn_tee(scale)
        alpha, work = garment._cut_out(rgb)
        assert np.array_equal(alpha, garment.cut_out(rgb))
        solid = (alpha > 0.5).astype(np.uint8)
        left, right = 120 * scale, 280 * scale
        alone = garment._inside_back(rgb, solid, left, right)
        resizes.clear()
        monkeypatch.setattr(garment.cv2, "resize", counted)
        shared = garment._inside_back(rgb, solid, left, right, work)
        monkeypatch.setattr(garment.cv2, "resize", resize)
        assert alone.any() and np.array_equal(shared, alone)
        assert (rgb.shape in resizes) == (scale < 1), "the photo was resized again"


def test_a_colour_laid_by_its_alpha_in_three_channels_is_numpys_broadcast_to_the_bit() -> None:
    from fitroom.engines.classic.warp import alpha3, laid_over

    rng = np.random.default_rng(7)
    under = (rng.random((37, 53, 3)) * 255).astype(np.float32)
    colour = (rng.random((40, 60, 3)) * 255).astype(np.float32)
    alpha = np.clip(rng.random((40, 60)) * 1.4 - 0.2, 0, 1).astype(np.float32)
    src = slice(2, 39), slice(5, 58)  # views into larger arrays, as the layers' boxes are
    a = alpha[src][:, :, None]
    expected = under * (1 - a)
    expected += colour[src] * a
    assert np.array_equal(laid_over(under, colour[src], alpha[src]), expected)
    assert np.array_equal(cv2.multiply(colour[src], alpha3(alpha[src])), colour[src] * a)


def test_main_colours_kept_by_content_are_the_same_and_each_callers_own() -> None:
    from fitroom.engines.classic import old_garment

    rng = np.random.default_rng(3)
    pixels = np.concatenate([rng.normal(c, 4, (300, 3)) for c in (40, 120, 200)]).astype(np.float32)
    old_garment._main_colours_kept.clear()
    first = old_garment.main_colours(pixels)
    again = old_garment.main_colours(pixels.copy())  # an equal array is the same question
    assert len(old_garment._main_colours_kept) == 1
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(first, old_garment._main_colours(pixels), strict=True))
    first[0][:] = 0  # a caller changing its copy changes no other's
    assert not np.array_equal(old_garment.main_colours(pixels)[0], first[0])


def test_the_boxed_sleeve_opening_is_the_whole_photos() -> None:
    from fitroom.engines.classic import old_garment

    rng = np.random.default_rng(5)
    for _ in range(40):
        h, w = (int(v) for v in rng.integers(30, 160, 2))
        drawn = np.zeros((h, w), np.uint8)
        for _ in range(int(rng.integers(1, 5))):
            centre = (int(rng.integers(-10, w + 10)), int(rng.integers(-10, h + 10)))
            axes = (int(rng.integers(2, 40)), int(rng.integers(2, 40)))
            cv2.ellipse(drawn, centre, axes, float(rng.integers(0, 180)), 0, 360, 1, -1)
        candidates = (drawn > 0) & (rng.random((h, w)) > 0.05)
        s = float(rng.uniform(20, 300))
        side = max(3, int(s * old_garment.SLEEVE_MIN_WIDTH)) | 1
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
        wide = cv2.morphologyEx(candidates.astype(np.uint8), cv2.MORPH_OPEN, kernel)
        whole = candidates & (cv2.dilate(wide, np.ones((5, 5), np.uint8)) > 0)
        assert np.array_equal(old_garment._sleeve_cloth(candidates, s), whole)
