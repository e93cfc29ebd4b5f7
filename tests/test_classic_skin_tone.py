"""The rebuilt skin's colour: the body's own, not a dark glossy face's lit cheeks."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.colour import skin_like
from fitroom.engines.classic.person import Person
from tests.test_classic_engine import drawn_person

#: The lit cheeks of a dark, glossy face (`ootd--09597_00`: L 151), the face's skin as a
#: whole and the arms (OpenCV 8-bit Lab).
CHEEKS = (151.0, 149.0, 146.0)
FACE = (92.0, 149.0, 149.0)
ARMS = (86.0, 150.0, 149.0)


def _rgb(lab: tuple[float, float, float]) -> tuple[int, int, int]:
    return tuple(int(v) for v in cv2.cvtColor(np.array([[lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0])  # type: ignore[return-value]


def _in_a_black_top(face: tuple[float, float, float], arms: tuple[float, float, float]) -> Person:
    """A person in a black sleeveless top up to the chin, bare arms hanging beside it,
    whose skin colour was read off the lit cheeks (`CHEEKS`)."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    cv2.ellipse(image, (200, 45), (28, 38), 0, 0, 360, _rgb(face), -1)
    for shoulder, elbow, wrist in (((250, 100), (275, 180), (280, 250)), ((150, 100), (125, 180), (120, 250))):
        cv2.line(image, shoulder, elbow, _rgb(arms), 22)
        cv2.line(image, elbow, wrist, _rgb(arms), 20)
    cv2.rectangle(image, (150, 85), (250, 290), (15, 15, 15), -1)
    person.skin_lab = np.array(CHEEKS, np.float32)
    person.face[:] = 0
    cv2.ellipse(person.face, (200, 45), (28, 38), 0, 0, 360, 255, -1)
    person.mask[:] = 0
    person.mask[np.any(image != 235, axis=2)] = 1
    return person


def test_a_dark_glossy_faces_body_tone_is_read_off_the_arms_not_the_cheeks() -> None:
    """On a dark, glossy face lit from one side the skin's colour is read off the cheeks'
    highlight, far lighter than the arms: no neck or hand skin lay within its window, and
    every rebuilt pixel came out a pinkish beige beside dark arms. The body's tone is now
    the arms', and the tone field over the torso follows them."""
    person = _in_a_black_top(FACE, ARMS)
    look = skin.look(person)
    assert look.tone is not None and abs(look.tone[0] - ARMS[0]) < 10, look.tone
    old = np.zeros(person.mask.shape, np.float32)
    old[85:290, 150:250] = 1
    field, _ = rebuild._tone_field(person, skin_like(person), old, look)
    assert abs(float(field[200, 200, 0]) - ARMS[0]) < 12, field[200, 200]


def test_a_light_face_keeps_no_body_tone_from_dark_skin_hued_pixels() -> None:
    """Only a dark face's body is read away from its cheeks: a light face, its middle read
    dark by red hair and lips, over light arms takes nothing from that reading."""
    person = _in_a_black_top((60.0, 149.0, 149.0), (170.0, 145.0, 150.0))
    person.skin_lab = np.array((200.0, 145.0, 150.0), np.float32)
    tone = skin.look(person).tone
    assert tone is None or tone[0] > 140, tone


def test_skin_tone_reads_a_pale_strip_beside_dark_arms_whose_face_reads_lit() -> None:
    """Beside a dark arm (its lit outer half L 100, its shaded inner half L 60) a strip
    rebuilt pink-beige (L 125). The skin within reach of the colour read off the lit
    cheeks (L 151) is the arm's lit half only, 10 ΔE from the strip: no fault. Told by
    its hue at any lightness (`skin_by_hue`), the arm's skin is 25 ΔE from it."""
    lab = np.full((120, 160, 3), (200, 128, 128), np.uint8)
    lab[:, 40:55] = (100, 150, 149)
    lab[:, 55:80] = (60, 150, 149)
    lab[:, 80:100] = (125, 150, 146)
    image = cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)
    rebuilt = np.zeros((120, 160), bool)
    rebuilt[:, 80:100] = True
    person = np.zeros((120, 160), bool)
    person[:, 40:80] = True
    near_cheeks = person & (np.abs(cv2.cvtColor(image, cv2.COLOR_RGB2LAB)[:, :, 0].astype(int) - 151) < 70)
    assert checks.skin_tone(image, rebuilt, near_cheeks, reach=30) < checks.TONE_APART
    hued = checks.skin_by_hue(image, np.array(CHEEKS, np.float32), person)
    apart = checks.skin_tone(image, rebuilt, hued, reach=30)
    assert apart is not None and apart > checks.TONE_APART, apart
    assert "skin_tone" in checks.faults({"skin_tone": apart})
