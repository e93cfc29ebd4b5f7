"""The classic engine's per-photo answers: worked out once, again for a new photo."""

from __future__ import annotations

import numpy as np

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
