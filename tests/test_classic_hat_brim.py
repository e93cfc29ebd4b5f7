"""A hat's brim beside the neck, on a drawn photo: the window a top is rebuilt in starts
below the eyes, and the hair's (here the hat's) colour read on the whole photo keeps
the brim out of the old top's bands there."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic import person as pose
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_arms import SKIN_LAB, SKIN_RGB, red_tee
from tests.test_classic_engine import drawn_points

HAT_RGB = (35, 55, 40)  # dark green felt: neither skin nor the top's blue
TOP_RGB = (30, 90, 160)


def hatted() -> tuple[Person, np.ndarray]:
    """A person in a blue top and a dark hat, the head tipped so the brim's end droops
    down beside the neck onto the top's shoulder (`carvekit--3`). Returns the person
    and the hat's mask."""
    image = np.full((420, 400, 3), 235, np.uint8)
    body = np.zeros(image.shape[:2], np.uint8)
    cv2.rectangle(body, (140, 90), (260, 300), 255, -1)
    image[body > 0] = TOP_RGB
    neck = np.zeros_like(body)
    cv2.rectangle(neck, (186, 70), (214, 95), 255, -1)
    image[neck > 0] = SKIN_RGB
    face = np.zeros_like(body)
    cv2.ellipse(face, (200, 56), (22, 30), 0, 0, 360, 255, -1)
    image[face > 0] = SKIN_RGB
    hat = np.zeros_like(body)
    cv2.ellipse(hat, (200, 28), (34, 24), 0, 180, 360, 255, -1)
    cv2.ellipse(hat, (200, 44), (86, 9), 33, 0, 360, 255, -1)
    hat[face > 0] = 0
    image[hat > 0] = HAT_RGB
    points = drawn_points()
    points[[pose.NOSE, pose.L_EYE, pose.R_EYE]] = (200, 56), (210, 48), (190, 48)
    mask = cv2.GaussianBlur(((body | neck | face | hat) > 0).astype(np.float32), (0, 0), 1.0)
    person = Person(image, points, np.ones(33, np.float32), mask, face, np.zeros_like(body), SKIN_LAB)
    return person, hat > 0


def test_a_hat_brim_beside_the_neck_is_not_taken_for_the_old_top() -> None:
    """Main read no hair colour in the window (it starts below the eyes), grew the old
    top's band into the brim touching its shoulder (368 of the hat's pixels) and rebuilt
    it; the hat's colour read on the whole photo keeps it out."""
    person, hat = hatted()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    old = compose(person, garment, layers_for(person, garment)).old > 0.5
    assert np.count_nonzero(old & hat) < 30, np.count_nonzero(old & hat)


def test_the_whole_photos_hair_colour_reaches_its_windows() -> None:
    """A window below the eyes and a smaller copy of it read the whole photo's colour."""
    from fitroom.engines.classic.old_garment import read_hair_colours, seen_hair_colours

    person, _ = hatted()
    colours = read_hair_colours(person)
    assert (
        len(colours) == 1
        and np.abs(colours[0] - cv2.cvtColor(np.uint8([[HAT_RGB]]), cv2.COLOR_RGB2LAB)[0, 0]).max() < 4
    )
    window = person.crop(100, 80, 300, 320).scaled((100, 120))
    assert [c.tolist() for c in seen_hair_colours(window)] == [c.tolist() for c in colours]
    assert seen_hair_colours(hatted()[0].crop(100, 80, 300, 320)) == []
