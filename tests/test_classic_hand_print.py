"""A hand hanging beside printed trousers, on a drawn photo: the print's cells of the
skin's hue are not taken for the hand (kept in front with it, they were a patch of the
old trousers on the new garment); `old_print_by_hand` fails a render that keeps them."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.colour import skin_like
from fitroom.engines.classic.hands import hands_skin
from fitroom.engines.classic.person import Person
from tests.support.standing import BACKDROP, photographed, pose_points

SKIN_LAB = np.array([170, 145, 152], np.float32)  # OpenCV's 8-bit Lab
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
TEE = (60, 90, 150)
#: The print's colours: a checker of `CELL` px cells, every other one a pink of the
#: skin's hue, the rest maroon, white and grey in turn.
PRINT = ((205, 140, 135), (110, 30, 45), (250, 250, 250), (120, 120, 125))
CELL = 6
TROUSERS = (slice(262, 450), slice(135, 265))
HANDS = ((138, 300), (262, 300))  # where the hands hang, half over the trousers' sides


def printed_trousers() -> Person:
    """A person in a blue tee over trousers printed in `PRINT`, bare arms hanging beside
    the body, the hands at `HANDS` half over the print."""
    image = np.full((500, 400, 3), BACKDROP, np.uint8)
    rows, cols = np.indices((500, 400))
    cells = np.where(((rows // CELL) + (cols // CELL)) % 2 == 0, 0, 1 + (rows // CELL) % 3)
    colours = np.array(PRINT, np.uint8)[cells]
    image[TROUSERS] = colours[TROUSERS]
    image[330:450, 197:203] = BACKDROP  # between the legs
    cv2.rectangle(image, (140, 90), (260, 262), TEE, -1)
    cv2.line(image, (128, 110), (136, 285), SKIN_RGB, 20)  # the arms
    cv2.line(image, (272, 110), (264, 285), SKIN_RGB, 20)
    for centre in HANDS:
        cv2.ellipse(image, centre, (11, 19), 0, 0, 360, SKIN_RGB, -1)
    points = pose_points(
        shoulders=((250, 100), (150, 100)),
        hips=((235, 276), (165, 276)),
        elbows=((268, 190), (132, 190)),
        wrists=((263, 285), (137, 285)),
        knees=((230, 360), (170, 360)),
        ankles=((230, 445), (170, 445)),
        hands=([(264, 310), (262, 312), (258, 308)], [(136, 310), (138, 312), (142, 308)]),
    )
    hands = np.zeros(image.shape[:2], np.uint8)
    for _, centre, radius in pose.hand_discs(points, np.ones(33, np.float32), 100.0):
        cv2.circle(hands, centre, radius, 255, -1)
    return photographed(image, points, SKIN_LAB, hands=hands)


def _drawn_hands() -> np.ndarray:
    drawn = np.zeros((500, 400), np.uint8)
    for centre in HANDS:
        cv2.ellipse(drawn, centre, (11, 19), 0, 0, 360, 255, -1)
    return drawn > 0


def test_a_prints_skin_coloured_cells_beside_a_hand_are_not_kept_as_the_hand() -> None:
    """The hand is kept whole; of the print round it (within its disc) only the rim
    grown back round the hand, under a fifth (the cells joined to it were four fifths)."""
    person = printed_trousers()
    kept = hands_skin(person)
    hand = _drawn_hands()
    printed = np.any([np.all(person.image == np.array(c, np.uint8), axis=2) for c in PRINT], axis=0)
    beside = printed & (person.hands > 0)
    assert np.count_nonzero(beside) > 300
    assert np.count_nonzero(kept & hand) > 0.85 * np.count_nonzero(hand), np.count_nonzero(kept & hand)
    assert np.count_nonzero(kept & beside) < 0.2 * np.count_nonzero(beside), np.count_nonzero(kept & beside)


def test_old_print_by_hand_fails_a_print_patch_kept_with_the_hand_on_the_new_garment() -> None:
    """A new dress drawn over the trousers with the print round each hand left as shot
    fails; the dress closing up to a hand's rim (two pixels of the print left round it)
    passes; with no dress round the hands, None."""
    person = printed_trousers()
    photo = person.image
    hand = _drawn_hands()
    cover = np.zeros(hand.shape, np.float32)
    cover[90:420, 120:280] = 1
    patch = (person.hands > 0) & ~hand
    rim = cv2.dilate(hand.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    clean = photo.copy()
    clean[(cover > 0.5) & ~rim] = (200, 40, 60)
    left = clean.copy()
    left[patch] = photo[patch]
    with_patch = cover * ~((hand | patch) & (cover > 0.5))
    clean_cover = cover * ~rim
    skin = skin_like(person)
    kept = checks.old_print_by_hand(left, photo, with_patch, person.hands, skin, 100.0)
    assert kept is not None and kept > checks.HAND_PRINT_MOST
    closed_up = checks.old_print_by_hand(clean, photo, clean_cover, person.hands, skin, 100.0)
    assert closed_up is None or closed_up < checks.HAND_PRINT_MOST
    assert checks.old_print_by_hand(clean, photo, np.zeros_like(cover), person.hands, skin, 100.0) is None
