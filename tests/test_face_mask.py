"""The face's mask (kept as it is by every edit) holds only skin below the chin: the
ellipse drawn wide enough for the cheeks reached the neck and the old collar beside it,
which then stayed above the new garment's neckline (a black collar on ootd--01008_00)."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom.engines.classic import person as p

SKIN = (205, 160, 135)
COLLAR = (20, 20, 24)


def _head(tilt: float) -> tuple[np.ndarray, np.ndarray]:
    """Landmarks of a face with eyes 60 px apart, the mouth 40 px below them and ears
    160 px apart (wide for its height, as a face seen a little from above), turned by
    `tilt` degrees about the nose."""
    points = np.zeros((33, 2), np.float32)
    visibility = np.zeros(33, np.float32)
    spots = {
        p.NOSE: (200, 125),
        p.L_EYE: (230, 100),
        p.R_EYE: (170, 100),
        p.L_EAR: (280, 110),
        p.R_EAR: (120, 110),
        p.MOUTH_L: (215, 140),
        p.MOUTH_R: (185, 140),
    }
    turn = np.radians(tilt)
    rotate = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]], np.float32)
    for index, spot in spots.items():
        points[index] = (np.array(spot, np.float32) - (200, 125)) @ rotate.T + (200, 125)
        visibility[index] = 0.99
    return points, visibility


def _face_axes(points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The mouth's middle, the unit vectors down the face (eyes to mouth) and across it,
    and for each pixel of the 400 x 400 frame its distance below the mouth along the face
    and beside it across."""
    eyes = (points[p.L_EYE] + points[p.R_EYE]) / 2
    mouth = (points[p.MOUTH_L] + points[p.MOUTH_R]) / 2
    down = (mouth - eyes) / np.linalg.norm(mouth - eyes)
    across = np.array([down[1], -down[0]])
    ys, xs = np.mgrid[:400, :400]
    depth = (xs - mouth[0]) * down[0] + (ys - mouth[1]) * down[1]
    side = (xs - mouth[0]) * across[0] + (ys - mouth[1]) * across[1]
    return mouth, down, across, depth, side


def _head_on(photo: np.ndarray, points: np.ndarray, visibility: np.ndarray) -> p.Person:
    """A person of `photo` whose whole frame is body and whose face mask is the engine's own."""
    h, w = photo.shape[:2]
    return p.Person(
        photo,
        points,
        visibility,
        np.ones((h, w), np.float32),
        p._face_mask(points, visibility, photo),
        np.zeros((h, w), np.uint8),
        np.zeros(3, np.float32),
    )


def test_the_face_mask_leaves_a_collar_below_the_chin_and_keeps_the_neck() -> None:
    for tilt in (0.0, 25.0):
        points, visibility = _head(tilt)
        eyes = (points[p.L_EYE] + points[p.R_EYE]) / 2
        mouth = (points[p.MOUTH_L] + points[p.MOUTH_R]) / 2
        down = (mouth - eyes) / np.linalg.norm(mouth - eyes)
        ys, xs = np.mgrid[:400, :400]
        depth = (xs - mouth[0]) * down[0] + (ys - mouth[1]) * down[1]
        # A skin-coloured head and neck, a black collar from 1.6 eye-to-mouth distances
        # below the mouth (the chin lies about 0.9 below it).
        photo = np.full((400, 400, 3), SKIN, np.uint8)
        collar = depth > 1.6 * 40
        photo[collar] = COLLAR
        # A stray dark strand of hair on the neck frees itself, not the skin round it.
        strand = (mouth + down * 50 + np.array([down[1], -down[0]]) * 4).astype(int)
        photo[strand[1], strand[0]] = COLLAR
        face = p._face_mask(points, visibility, photo) > 0
        assert not (face & collar).any(), tilt
        for spot in (eyes, mouth, points[p.NOSE], mouth + down * 50, (points[p.L_EYE] + points[p.L_EAR]) / 2):
            assert face[int(spot[1]), int(spot[0])], (tilt, spot)


def test_the_garments_face_leaves_a_hood_beside_the_jaw() -> None:
    """A hood's sides (or a coat's collar points) stand up beside the jaw, above the
    chin's line: to the garment path (`jaw`) they are not the face, and kept as it, they
    stayed round the new neckline (magento--mh03's black hood). The cheeks and the jaw
    stay face. The person's own face (accessories place on it) still holds them."""
    for tilt in (0.0, 25.0):
        points, visibility = _head(tilt)
        mouth, down, across, depth, side = _face_axes(points)
        lateral = np.abs(side)
        # Eyes 60 px apart, the mouth 40 px below them: the hood from 0.5 eye-to-mouth
        # distances below the mouth, more than 0.75 eye spans out from the face's axis.
        photo = np.full((400, 400, 3), SKIN, np.uint8)
        hood = (depth > 20) & (depth < 40) & (lateral > 45)
        photo[hood] = COLLAR
        person = _head_on(photo, points, visibility)
        face = p.dressed(person).face > 0
        assert not (face & hood).any(), tilt
        for spot in (mouth + down * 20 + across * 30, mouth - across * 50, mouth + down * 30):
            assert face[int(spot[1]), int(spot[0])], (tilt, spot)
        own = person.face > 0
        assert (own & hood).any() and (own >= face).all(), tilt


def test_the_garments_face_leaves_a_hood_beside_the_cheeks() -> None:
    """A puffer's hood stands up beside the cheeks to about the ears, above the mouth's
    line: to the garment path it is not the face either, and kept as it, its sides stayed
    as black slabs beside the head above the new top (magento--mj03's hood). The cheeks
    beside the mouth and the face above the hood stay face; the person's own face still
    holds the hood."""
    for tilt in (0.0, 25.0):
        points, visibility = _head(tilt)
        mouth, down, across, depth, side = _face_axes(points)
        lateral = np.abs(side)
        # Eyes 60 px apart, the mouth 40 px below them: the hood from 0.45 eye-to-mouth
        # distances above the mouth down past the chin, from 0.92 eye spans out.
        photo = np.full((400, 400, 3), SKIN, np.uint8)
        hood = (depth > -18) & (depth < 40) & (lateral > 55)
        photo[hood] = COLLAR
        person = _head_on(photo, points, visibility)
        face = p.dressed(person).face > 0
        assert not (face & hood).any(), tilt
        for spot in (mouth - down * 10 + across * 45, mouth - down * 10 - across * 45, mouth - down * 30 + across * 70):
            assert face[int(spot[1]), int(spot[0])], (tilt, spot)
        own = person.face > 0
        assert (own & hood & (depth < 0)).any() and (own >= face).all(), tilt


def test_the_garments_face_keeps_hair_beside_the_jaw() -> None:
    """Dark hair falling beside the jaw runs on up the head past the eyes; a hood's side
    there stops below the ear. Taken off the face with the hood, the hair (over a dark
    old top, of its colour) went with the old garment and was cut into blocks beside the
    jaw (ootd--052472_0's afro). The hood's side still goes."""
    for tilt in (0.0, 25.0):
        points, visibility = _head(tilt)
        mouth, down, across, depth, side = _face_axes(points)
        # Eyes 60 px apart, the mouth 40 px below them: hair on one side from well above
        # the eyes down past the chin, a hood's side on the other below the mouth only.
        photo = np.full((400, 400, 3), SKIN, np.uint8)
        hair = (depth > -110) & (depth < 40) & (side < -45) & (side > -90)
        hood = (depth > 20) & (depth < 40) & (side > 45)
        photo[hair | hood] = COLLAR
        person = _head_on(photo, points, visibility)
        face = p.dressed(person).face > 0
        own = person.face > 0
        beside_jaw = hair & (depth > 20) & own
        assert beside_jaw.any() and (face[beside_jaw]).all(), tilt
        assert not (face & hood).any(), tilt


def test_the_garments_person_keeps_the_photos_lab_copy() -> None:
    """The garment path's person is the same photo: its Lab copy, made once for the hair
    beside the jaw, is the one it reads (made again, a whole-photo conversion per render)."""
    points, visibility = _head(0.0)
    photo = np.full((400, 400, 3), SKIN, np.uint8)
    photo[250:, :] = COLLAR
    person = _head_on(photo, points, visibility)
    lab = person.lab()
    worn = p.dressed(person)
    assert worn.lab() is lab
    assert np.array_equal(worn.lab(), cv2.cvtColor(photo, cv2.COLOR_RGB2LAB).astype(np.float32))
