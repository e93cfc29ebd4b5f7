"""A shadow under the chin in the old top's colour, apart from the top: it is the neck's
own shading, not the old garment (`rebuild._neck_shadows_dropped`)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import numpy as np

from fitroom import checks
from fitroom.engines.classic import skin
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.person import L_SHOULDER, R_SHOULDER, Person
from fitroom.engines.classic.rebuild import Replaced, replaced
from tests.test_classic_engine import drawn_person


def test_a_dark_shadow_under_the_chin_is_not_rebuilt_as_a_skin_patch() -> None:
    """Bare shoulders and neck over a dark old top, a shadow of the top's colour under
    the chin: taken for the old garment, it was rebuilt as a flat, hard-edged skin patch
    on the neck. It stays the person's own; the top is still replaced."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    skin_rgb = (150, 95, 70)
    image[20:110, 175:225] = skin_rgb  # the neck and chin
    image[90:130, 130:270] = skin_rgb  # bare shoulders
    image[110:260, 145:256] = (20, 20, 22)  # the old black top
    shadow = (slice(64, 74), slice(189, 211))
    image[shadow] = (24, 22, 22)  # the shadow under the chin, as dark as the top
    person.mask[:, :] = 0
    person.mask[20:110, 175:225] = 1
    person.mask[90:420, 130:270] = 1
    out = _top_replaced(person)
    assert out.old[shadow].max() == 0.0
    assert out.rebuild[shadow].max() < 0.05
    assert out.old[150:250, 160:240].min() > 0.5, "the old top is still replaced"
    shoulders = [person.pt(i) for i in (L_SHOULDER, R_SHOULDER)]
    value = checks.neck_patch(out.old > 0.5, shoulders, person.shoulder_width)
    assert value is not None and not checks.faults({"neck_patch": value}), value


def test_a_light_tops_mask_run_up_the_necks_side_is_not_rebuilt() -> None:
    """A white old top on a light backdrop, a thin strip of its colour running up the
    neck's side from the top to the jaw (the backdrop beside the neck taken for the top):
    rebuilt, it smeared the neck's side and notched it. The strip stays as it was; the
    top is still replaced."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    skin_rgb = (200, 150, 125)
    image[20:110, 175:225] = skin_rgb  # the neck and chin
    image[90:130, 130:270] = skin_rgb  # bare shoulders
    image[110:260, 145:256] = (250, 250, 250)  # the old white top
    strip = (slice(40, 110), slice(172, 176))
    image[strip] = (250, 250, 250)  # up the neck's side, joined to the top
    person.mask[:, :] = 0
    person.mask[20:110, 172:225] = 1
    person.mask[90:420, 130:270] = 1
    out = _top_replaced(person)
    assert out.old[40:85, 172:176].max() == 0.0
    assert out.rebuild[40:85, 172:176].max() < 0.05
    assert out.old[150:250, 160:240].min() > 0.5, "the old top is still replaced"


def _top_replaced(person: Person) -> Replaced:
    """The drawn person's old top replaced by a new top over its middle (x 150-250, y 140-260)."""
    new = np.zeros((420, 400), np.float32)
    new[140:260, 150:251] = 1
    none = np.zeros((420, 400), bool)
    garment = cast(Garment, SimpleNamespace(category="top"))
    return replaced(person, garment, new, none, np.zeros((420, 400), np.float32), skin.look(person))
