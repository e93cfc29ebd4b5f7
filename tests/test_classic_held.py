"""Things held in front of the clothes, on drawn photos: a phone held at the stomach stays
in front of the new top with the hand holding it, a print on the old top does not, and
`held_lost` sees a held thing drawn over."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.held import held_in_front
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_hands import person_with_a_hand_in_front, red_tee

#: A blue-grey phone, right of the hand holding it on the stomach (its fingers over its
#: edge), and a white print on the old top's chest, away from the hands.
PHONE = (193, 186, 215, 224)
PRINT = (200, 110, 240, 140)


def person_holding(thing: tuple[int, int, int, int], colour: tuple[int, int, int]) -> tuple[Person, np.ndarray]:
    """The person in a black top with a hand on the stomach (`test_classic_hands`), and
    a rectangle `thing` of `colour` drawn on the top behind the hand. Returns the person
    and the rectangle's pixels that show."""
    person, hand = person_with_a_hand_in_front()
    x0, y0, x1, y1 = thing
    drawn = np.zeros(hand.shape, bool)
    drawn[y0:y1, x0:x1] = True
    drawn &= ~hand
    person.image[drawn] = colour
    return person, drawn


def render(person: Person) -> np.ndarray:
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    return compose(person, garment, layers_for(person, garment)).image


def _core(mask: np.ndarray) -> np.ndarray:
    return cv2.erode(mask.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0


def test_a_phone_held_in_front_stays_in_front_of_the_new_top() -> None:
    # The old top's mask took in the phone, and the new top was drawn over it: the hand
    # was left holding nothing.
    person, phone = person_holding(PHONE, (70, 80, 110))
    before = person.image.copy()
    out = render(person)
    core = _core(phone)
    assert core.sum() > 200
    # As it was, but for a level or two at its corners, where the hand's soft matte rounds them.
    assert np.abs(out.astype(int) - before.astype(int)).max(axis=2)[core].max() <= 4, "the phone stays as it was"
    assert checks.faults({"held_lost": checks.held_lost(before, out, core)}) == []


def test_a_print_on_the_old_top_away_from_the_hands_is_covered() -> None:
    person, printed = person_holding(PRINT, (240, 240, 240))
    assert not held_in_front(person, "top").any()
    out = render(person)
    changed = np.abs(out.astype(int) - person.image.astype(int)).max(axis=2) > 40
    assert changed[_core(printed)].mean() > 0.9


def test_held_lost_sees_a_held_thing_drawn_over() -> None:
    person, phone = person_holding(PHONE, (70, 80, 110))
    before = person.image.copy()
    covered = before.copy()
    covered[phone] = (200, 30, 40)
    assert checks.faults({"held_lost": checks.held_lost(before, covered, _core(phone))}) == ["held_lost"]
    assert checks.held_lost(before, before, np.zeros(phone.shape, bool)) is None
