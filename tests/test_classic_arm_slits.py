"""A white tank on a pale backdrop, bare arms hanging close beside the body, on a drawn
photo at twice the usual size: a new dark tee's side stops a few pixels short of each
arm. The kept arm took that rim with it, and it stayed between the tee and the arm as
white flecks; the tee is carried across it to the arm's skin."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitroom.engines.classic import composite
from fitroom.engines.classic.arms import slits_to_arms
from fitroom.engines.classic.composite import Composite, compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.support.standing import SKIN_LAB, SKIN_RGB, in_trousers, photographed, pose_points

NAVY = (30, 35, 70)
ROWS = slice(300, 362)  # where the tee's side runs within a few pixels of the arm
IN = 4  # how far (pixels, before doubling) the arms hang in from `standing`'s


def tank_arms_close() -> Person:
    """A white tank (x 145-255) over blue jeans, the arms hanging close beside it, the
    whole photo doubled to 800 x 1000."""
    image = in_trousers((60, 90, 150), 235)
    cv2.rectangle(image, (145, 90), (255, 235), (248, 248, 248), -1)
    cv2.line(image, (128 + IN, 110), (118 + IN, 270), SKIN_RGB, 20)
    cv2.line(image, (272 - IN, 110), (282 - IN, 270), SKIN_RGB, 20)
    points = pose_points(
        shoulders=((250, 100), (150, 100)),
        hips=((230, 260), (170, 260)),
        elbows=((277 - IN, 190), (123 + IN, 190)),
        wrists=((282 - IN, 270), (118 + IN, 270)),
        knees=((225, 360), (175, 360)),
        ankles=((225, 445), (175, 445)),
        hands=(
            [(284 - IN, 285), (284 - IN, 287), (282 - IN, 285)],
            [(116 + IN, 285), (116 + IN, 287), (118 + IN, 285)],
        ),
    )
    doubled = cv2.resize(image, (800, 1000), interpolation=cv2.INTER_NEAREST)
    return photographed(doubled, points * 2, SKIN_LAB)


def _dark_tee() -> np.ndarray:
    """A flat-lay navy tee on white."""
    image = np.full((500, 400, 3), 250, np.uint8)
    cv2.fillConvexPoly(
        image,
        np.array([(120, 60), (280, 60), (330, 150), (290, 170), (280, 330), (120, 330), (110, 170), (70, 150)]),
        NAVY,
    )
    return image


def _dressed() -> tuple[Person, Composite]:
    person = tank_arms_close()
    garment = analyse_garment(_dark_tee(), swap_target="top", hint=None)
    return person, compose(person, garment, layers_for(person, garment))


def _white_between(out: Composite) -> int:
    """White pixels in `ROWS` between the image-left arm's skin and the tee's side."""
    white = out.image[ROWS, 240:320].min(axis=2) > 200
    tee = out.garment[ROWS, 240:320] > 0.5
    skin = (np.abs(out.image[ROWS, 240:320, 0].astype(np.int16) - out.image[ROWS, 240:320, 2]) > 30) & ~tee
    count = 0
    for row in range(white.shape[0]):
        arm = np.flatnonzero(skin[row])
        side = np.flatnonzero(tee[row])
        if len(arm) and len(side):
            count += int(white[row, arm[-1] + 1 : side[0]].sum())
    return count


def test_the_tee_meets_the_arm_with_no_white_between() -> None:
    _, out = _dressed()
    assert _white_between(out) == 0


def test_without_the_slits_carried_white_stays_between(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(composite, "slits_to_arms", lambda person, cover, arms: np.zeros_like(cover))
    _, out = _dressed()
    assert _white_between(out) > 10


def test_the_slits_are_never_the_arms_skin_and_stay_narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in the compose window, as the composite asks."""
    found: list[tuple[Person, np.ndarray]] = []

    def recorded(person: Person, cover: np.ndarray, arms: np.ndarray) -> np.ndarray:
        found.append((person, slits_to_arms(person, cover, arms)))
        return found[-1][1]

    monkeypatch.setattr(composite, "slits_to_arms", recorded)
    _dressed()
    person, slits = found[0]
    skin = np.abs(person.image[..., 0].astype(np.int16) - person.image[..., 2]) > 30
    assert not (slits & skin).any()
    widest = max(int(row[: slits.shape[1] // 2].sum()) for row in slits)
    assert 0 < widest <= int(person.shoulder_width * 0.035) + 1
