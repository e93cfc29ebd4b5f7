"""Hands hanging over skin-coloured trousers, on a drawn photo: the khaki round a hand
is not kept in front of a new dress as if it were the hand's skin, and `cloth_by_hand`
fails a render that keeps a block of it beside the hand."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.hands import hands_skin
from fitroom.engines.classic.person import Person
from tests.support.standing import photographed, pose_points

SKIN_LAB = np.array([190, 147, 143], np.float32)  # OpenCV's 8-bit Lab: a pink skin
SKIN_RGB = tuple(int(v) for v in cv2.cvtColor(SKIN_LAB.astype(np.uint8)[None, None], cv2.COLOR_LAB2RGB)[0, 0])
NAVY = (25, 35, 70)
KHAKI = (194, 155, 121)  # chinos: pass for skin, a little yellower than it
HEM = 240  # the blazer's hem
HANDS = ((128, 300), (272, 300))  # where the hands hang, over the chinos' sides


def blazer_over_chinos() -> Person:
    """A person in a navy blazer to `HEM`, its sleeves down to the wrists, over khaki
    chinos to the ankles; the bare hands hang below the cuffs over the chinos' sides,
    the chinos all round them."""
    image = np.full((500, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (105, 230), (295, 460), KHAKI, -1)
    image[330:460, 197:203] = 235  # between the legs
    cv2.rectangle(image, (135, 90), (265, HEM), NAVY, -1)
    cv2.line(image, (128, 105), (128, 270), NAVY, 34)  # the sleeves
    cv2.line(image, (272, 105), (272, 270), NAVY, 34)
    for centre in HANDS:
        cv2.ellipse(image, centre, (12, 24), 0, 0, 360, SKIN_RGB, -1, cv2.LINE_AA)
    points = pose_points(
        shoulders=((255, 100), (145, 100)),
        hips=((235, 250), (165, 250)),
        elbows=((272, 185), (128, 185)),
        wrists=((272, 282), (128, 282)),
        knees=((230, 360), (170, 360)),
        ankles=((230, 455), (170, 455)),
        hands=([(276, 312), (272, 316), (267, 306)], [(124, 312), (128, 316), (133, 306)]),
    )
    return photographed(image, points, SKIN_LAB)


def _round_hands() -> np.ndarray:
    """The squares round the hands, a little wider than the pose's discs."""
    region = np.zeros((500, 400), bool)
    for x, y in HANDS:
        region[y - 40 : y + 40, x - 40 : x + 40] = True
    return region


def test_khaki_round_a_hand_is_not_kept_as_the_hand() -> None:
    """All round a hand hanging over khaki chinos the cloth passes for skin; of the skin
    round each hand kept whatever the new garment covers (`hands_skin`), the hand
    (pinker) is, whole, and of the chinos only a fringe a finger wide round it."""
    person = blazer_over_chinos()
    kept = hands_skin(person)
    hand = _round_hands() & np.all(person.image == np.array(SKIN_RGB, np.uint8), axis=2)
    # The khaki further than a finger's width from the hand: a block of it, kept.
    near = cv2.dilate(hand.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (25, 25))) > 0
    khaki = _round_hands() & np.all(person.image == np.array(KHAKI, np.uint8), axis=2) & ~near
    assert np.count_nonzero(khaki) > 3000
    assert np.count_nonzero(kept & khaki) < 0.03 * np.count_nonzero(khaki), np.count_nonzero(kept & khaki)
    assert np.count_nonzero(kept & hand) > 0.95 * np.count_nonzero(hand)


def _lab(rgb: tuple[int, ...]) -> np.ndarray:
    """One colour as a row of CIE Lab (L 0..100), as the checks read colours."""
    return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)


def test_cloth_by_hand_fails_a_block_of_khaki_kept_beside_the_hand() -> None:
    """A new white dress drawn over the chinos that leaves a block of khaki beside each
    hand fails; one closing up to the hands passes."""
    person = blazer_over_chinos()
    photo = person.image
    discs = np.zeros(person.mask.shape, np.uint8)
    for _, centre, radius in pose.hand_discs(person.points, person.visibility, person.shoulder_width):
        cv2.circle(discs, centre, radius, 255, -1)
    hand = np.all(photo == np.array(SKIN_RGB, np.uint8), axis=2)
    dress = np.zeros(person.mask.shape, np.float32)
    dress[230:460, 105:295] = 1.0
    dress[hand] = 0.0
    good = photo.copy()
    good[dress > 0] = 250
    left = dress.copy()
    for x, y in HANDS:
        block = np.zeros(left.shape, bool)
        block[y - 20 : y + 20, x + (14 if x < 200 else -34) : x + (34 if x < 200 else -14)] = True
        left[block] = 0.0
    bad = photo.copy()
    bad[left > 0] = 250
    worse = checks.cloth_by_hand(photo, bad, discs, left, _lab(KHAKI), _lab(SKIN_RGB))
    fine = checks.cloth_by_hand(photo, good, discs, dress, _lab(KHAKI), _lab(SKIN_RGB))
    assert worse is not None and fine is not None
    assert worse > checks.CLOTH_BY_HAND_MOST > fine, (worse, fine)
