"""An old garment with a busy print of five colours (`prints`) is taken whole: up to three
colours are read across the body, and the print's others stayed, ghosting through the
new garment. A print left in the old garment's place fails `checks.print_left`."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.person import Person

SKIN_LAB = np.array([180, 145, 150], np.float32)
BACKDROP = 235
#: The print's colours (RGB): a navy ground and four others, each a fifth.
GROUND = (30, 40, 90)
MOTIFS = ((200, 40, 40), (230, 200, 40), (30, 160, 150), (120, 70, 40))
#: The trousers: from the hips' row down to the ankles', between these columns.
TROUSERS = (slice(270, 520), slice(160, 241))
#: Wider than the old garment's mask closes over (a twentieth of the torso's width).
STRIPE = 5


def _printed(h: int, w: int) -> np.ndarray:
    """An RGB print: stripes `STRIPE` pixels wide, of its five colours in turn."""
    colours = np.array((GROUND, *MOTIFS), np.uint8)
    image = np.empty((h, w, 3), np.uint8)
    image[:] = colours[(np.arange(w) // STRIPE) % len(colours)][None, :, :]
    return image


def person_in_printed_trousers() -> Person:
    """A person in a plain white tee and printed trousers, bare arms hanging clear of them."""
    h, w = 560, 400
    image = np.full((h, w, 3), BACKDROP, np.uint8)
    mask = np.zeros((h, w), np.float32)
    skin = np.empty((h, w, 3), np.uint8)
    skin[:] = SKIN_LAB.astype(np.uint8)
    skin = cv2.cvtColor(skin, cv2.COLOR_LAB2RGB)
    arms = np.zeros((h, w), np.uint8)
    shoulders, wrists = ((150, 100), (250, 100)), ((120, 260), (280, 260))
    for shoulder, wrist in zip(shoulders, wrists, strict=True):
        cv2.line(arms, shoulder, wrist, 255, 24)
    face = np.zeros((h, w), np.uint8)
    cv2.circle(face, (200, 45), 28, 255, -1)
    mask[(arms > 0) | (face > 0)] = 1
    mask[70:95, 188:212] = 1
    image[mask > 0] = skin[mask > 0]
    image[90:280, 160:241] = 250  # the white tee
    mask[90:280, 160:241] = 1
    image[TROUSERS] = _printed(h, w)[TROUSERS]
    mask[TROUSERS] = 1
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.R_SHOULDER, p.L_SHOULDER]] = shoulders
    points[[p.R_WRIST, p.L_WRIST]] = wrists
    points[[p.R_ELBOW, p.L_ELBOW]] = (135, 180), (265, 180)
    points[[p.R_HIP, p.L_HIP]] = (180, 280), (220, 280)
    points[[p.R_KNEE, p.L_KNEE]] = (180, 400), (220, 400)
    points[[p.R_ANKLE, p.L_ANKLE]] = (180, 515), (220, 515)
    points[p.NOSE] = (200, 50)
    points[[p.L_EYE, p.R_EYE]] = (212, 38), (188, 38)
    points[[p.MOUTH_L, p.MOUTH_R]] = (207, 62), (193, 62)
    for wrist, hand in zip(wrists[::-1], p.HAND_POINTS, strict=True):
        points[list(hand[1:])] = wrist[0], wrist[1] + 12
    hands = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, face, hands, SKIN_LAB)


def test_printed_trousers_are_taken_whole() -> None:
    person = person_in_printed_trousers()
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    # Clear of the hems' and the sides' rims, all five colours of the print go.
    inner = old[282:505, 166:235]
    assert inner.mean() > 0.95, inner.mean()


def test_the_tee_and_the_backdrop_stay_beside_printed_trousers() -> None:
    person = person_in_printed_trousers()
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    assert old[100:250, 170:231].mean() < 0.02
    assert old[:, :140].mean() < 0.01 and old[:, 262:].mean() < 0.01


def test_print_left_reads_a_print_kept_off_the_new_garment() -> None:
    person = person_in_printed_trousers()
    photo = person.image
    place = np.zeros(photo.shape[:2], bool)
    place[TROUSERS] = True
    region = place.copy()
    region[:400] = False  # below a new dress's hem at the knees
    rebuilt = photo.copy()
    rebuilt[400:520, 160:241] = BACKDROP
    legs = np.zeros(photo.shape[:2], np.uint8)
    for x in (180, 220):
        cv2.line(legs, (x, 400), (x, 515), 255, 22)
    rebuilt[legs > 0] = cv2.cvtColor(np.full((1, 1, 3), SKIN_LAB, np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    left = checks.print_left(photo, photo, place, region, 100.0)
    clean = checks.print_left(rebuilt, photo, place, region, 100.0)
    assert left is not None and clean is not None
    assert checks.faults({"print_left": left}) == ["print_left"], left
    assert checks.faults({"print_left": clean}) == [], clean
    plain = np.full_like(photo, 120)
    assert checks.print_left(plain, plain, place, region, 100.0) is None
