"""An old waistband's frayed frills hanging below a dark top's hem, on a drawn photo: the
kept top's mask ran into them and they stayed in front of a new bottom, over its
waistband; they go with the old bottom, under the new one."""

from __future__ import annotations

import numpy as np
import pytest

from fitroom.engines.classic import composite
from fitroom.engines.classic.composite import Composite, _over_bottom, compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import FRILL, FRILLS, beige_trousers, top_over_frayed_jeans


def _frills(image: np.ndarray) -> np.ndarray:
    return np.abs(image[FRILLS].astype(np.int16) - np.array(FRILL, np.int16)).max(axis=2) <= 12


def _composed(person: Person) -> Composite:
    garment = analyse_garment(beige_trousers(), swap_target="bottom", hint=None)
    return compose(person, garment, layers_for(person, garment))


def _without_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(composite, "_in_old_waistband", lambda person, front, worn: np.zeros(worn.shape, bool))


def test_the_old_waistbands_frills_are_behind_a_new_bottom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, two thirds of the threads were kept in front; now under a tenth (the
    row touching the hem), and the top stays in front."""
    person = top_over_frayed_jeans()
    frills = _frills(person.image)
    after = _over_bottom(person, np.ones(person.mask.shape, bool))
    assert after[FRILLS][frills].mean() < 0.1, after[FRILLS][frills].mean()
    assert after[100:235, 145:255].all(), "the top stays in front"
    _without_rule(monkeypatch)
    before = _over_bottom(top_over_frayed_jeans(), np.ones(person.mask.shape, bool))
    assert before[FRILLS][frills].mean() > 0.5, before[FRILLS][frills].mean()


def test_new_trousers_cover_the_old_waistbands_frills(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _frills(_composed(top_over_frayed_jeans()).image).any()
    _without_rule(monkeypatch)
    assert _frills(_composed(top_over_frayed_jeans()).image).sum() > 50
