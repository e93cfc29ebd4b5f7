"""Issue 17: the legs below a new dress that is shorter than the old clothes. The old
dress's hem below the knees, its flared skirt beside the shins and the backdrop between
the legs are what a shopper sees there; left, they showed as a band, cream corners and a
skin-coloured wedge between the thighs."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom.engines.classic import person as pose
from fitroom.engines.classic import skin
from fitroom.engines.classic.body import limbs, torso_frame
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.old_garment import worn_mask
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.rebuild import replaced

BACKDROP = 235
SKIN = (200, 150, 125)


def standing(image: np.ndarray) -> Person:
    """A Person over `image` (560 x 400), landmarks placed by hand: shoulders at y 100,
    hips at y 260, knees at y 380, ankles at y 520, arms hanging beside the torso."""
    points = np.zeros((33, 2), np.float32)
    points[[pose.L_SHOULDER, pose.R_SHOULDER]] = (250, 100), (150, 100)
    points[[pose.L_ELBOW, pose.R_ELBOW]] = (275, 180), (125, 180)
    points[[pose.L_WRIST, pose.R_WRIST]] = (280, 250), (120, 250)
    points[[pose.L_HIP, pose.R_HIP]] = (235, 260), (165, 260)
    points[[pose.L_KNEE, pose.R_KNEE]] = (235, 380), (165, 380)
    points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    h, w = image.shape[:2]
    empty = np.zeros((h, w), np.uint8)
    skin_lab = cv2.cvtColor(np.array([[SKIN]], np.uint8), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    mask = np.any(image != BACKDROP, axis=2).astype(np.float32)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, skin_lab)


def test_a_skin_coloured_dress_is_found_down_to_its_hem_below_the_knees() -> None:
    """A beige dress whose colour passes for bare skin: no bottom's colour is read on the
    thighs, and the old garment was cut at the knees' line, its hem's 20 rows below it
    left as a band below a shorter new dress. The bare shins further down stay."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    dress = (212, 168, 150)  # a shade off the skin's own
    cv2.rectangle(image, (140, 90), (260, 400), dress, -1)
    for x in (150, 220):
        cv2.rectangle(image, (x, 401), (x + 30, 522), SKIN, -1)  # bare shins
    person = standing(image)
    old = worn_mask(person, "dress", torso_frame(person)) > 0
    assert old[150:250, 160:240].mean() > 0.95, "the dress above the knees"
    assert old[384:398, 150:250].mean() > 0.9, old[384:398, 150:250].mean()
    assert old[425:515, 150:250].mean() < 0.02, "the bare shins"


def test_a_midi_dress_flared_beside_the_shins_is_found_whole() -> None:
    """A cream midi dress whose skirt flares out well wide of the shins below the knees:
    found only in the bands round the thighs and along the legs, its corners stayed as
    cream patches beside the legs below a shorter new dress."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cream = (250, 244, 225)
    outline = np.array([(140, 90), (260, 90), (260, 260), (295, 470), (105, 470), (140, 260)])
    cv2.fillPoly(image, [outline], cream)
    for x in (150, 220):
        cv2.rectangle(image, (x, 471), (x + 30, 522), SKIN, -1)
    person = standing(image)
    old = worn_mask(person, "dress", torso_frame(person)) > 0
    inside = np.zeros(old.shape, np.uint8)
    cv2.fillPoly(inside, [outline], 1)
    corners = (inside > 0) & (np.arange(560)[:, None] > 420)
    assert old[corners].mean() > 0.95, old[corners].mean()
    assert old[490:515, 150:250].mean() < 0.02, "the bare shins"


def test_between_the_legs_below_a_new_dress_is_the_backdrop() -> None:
    """Below a new mini dress, the old midi's place between the legs lies far from any
    backdrop the near fill reads: drawn from round it, it was a skin-coloured wedge
    between the thighs."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    outline = np.array([(140, 90), (260, 90), (260, 260), (300, 470), (100, 470), (140, 260)])
    cv2.fillPoly(image, [outline], (40, 60, 120))  # a navy midi dress
    for x in (150, 220):
        cv2.rectangle(image, (x, 471), (x + 30, 522), SKIN, -1)
    person = standing(image)
    new = np.zeros(person.mask.shape, np.float32)
    new[90:330, 135:266] = 1  # a new mini dress
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="dress"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    gap = (slice(400, 460), slice(195, 206))
    assert out.rebuild[gap].min() > 0.9 and out.skin[gap].max() < 0.5
    far = np.abs(out.fill[gap] - BACKDROP).max(axis=2)
    assert far.max() < 12, far.max()


def test_the_rebuilt_leg_meets_the_shin_where_it_shows_below_the_old_hem() -> None:
    """The pose's knee under a skirt lies off the shin seen below the old hem (here 10 px
    to the picture's right of it): the rebuilt thigh, drawn along the pose's bones, met
    the shin as shot with a step at the old hem. It reaches the shin's middle there."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (110, 90), (290, 440), (40, 60, 120), -1)  # an old midi to y 440
    shins = [(144, 166), (214, 236)]  # each 22 px wide, 10 px left of the pose's bones (x 165, 235)
    for x0, x1 in shins:
        cv2.rectangle(image, (x0, 441), (x1, 522), SKIN, -1)
    person = standing(image)
    old = np.zeros(person.mask.shape, bool)
    old[90:441, 110:291] = True
    inside, _ = limbs(person, torso_frame(person), "dress", old)
    row = inside[436]  # just above the old hem, in the rebuilt leg
    for (x0, x1), side in zip(shins, (slice(100, 200), slice(200, 300)), strict=True):
        xs = np.flatnonzero(row[side] > 0.5) + side.start
        middle = (xs.min() + xs.max()) / 2
        assert abs(middle - (x0 + x1) / 2) <= 4, (middle, (x0 + x1) / 2)


def test_shaded_bare_thighs_below_a_beige_skirt_are_not_taken_for_it() -> None:
    """Below a short beige dress the thighs stand in shade, as dark as the dress and so,
    by lightness, nearer its colour than the face's skin; but of the skin's own hue.
    Taken for the dress, they were rebuilt under a new one as flat, notched blocks."""
    image = np.full((560, 400, 3), BACKDROP, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 300), (160, 140, 125), -1)  # a greyish beige mini dress
    shade = (150, 110, 90)  # the skin's hue, darker
    for x in (150, 220):
        cv2.rectangle(image, (x, 301), (x + 30, 380), shade, -1)  # thighs in the dress's shade
        cv2.rectangle(image, (x, 381), (x + 30, 522), SKIN, -1)
    person = standing(image)
    old = worn_mask(person, "dress", torso_frame(person)) > 0
    assert old[150:290, 160:240].mean() > 0.95, "the dress"
    thighs = old[310:375, 150:250][image[310:375, 150:250, 0] == shade[0]]
    assert thighs.mean() < 0.05, thighs.mean()
