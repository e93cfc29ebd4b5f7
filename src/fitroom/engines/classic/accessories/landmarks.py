"""Face mesh and hand landmarks, found only when an accessory needs them.

`analyse_person` runs pose alone, so garment renders never pay for these models. Each
model runs on a crop around the pose's own head or wrist points (the face mesh's detector
is short-range and misses small faces in full-body photos; a crop makes every face
close-range), and the answer is kept on the `Person` object so one render asks once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.engines.classic import memo, models
from fitroom.engines.classic.accessories.cutout import person_mask
from fitroom.engines.classic.person import (
    L_EAR,
    L_ELBOW,
    L_EYE,
    L_HAND_TIPS,
    L_WRIST,
    MOUTH_L,
    MOUTH_R,
    NOSE,
    R_EAR,
    R_ELBOW,
    R_EYE,
    R_HAND_TIPS,
    R_WRIST,
    Person,
    _face_mask,
    _skin_colour,
)

Points = NDArray[np.float32]

#: Face mesh indices (mediapipe's canonical face model); "left" is the person's left.
EYE_R_OUTER, EYE_R_INNER, EYE_L_INNER, EYE_L_OUTER = 33, 133, 362, 263
IRIS_R, IRIS_L = 468, 473
NOSE_BRIDGE, FOREHEAD, CHIN = 168, 10, 152
CHEEK_R, CHEEK_L = 234, 454  # the face outline at the eyes' height
BROW_R, BROW_L = 105, 334
MOUTH_CORNER_R, MOUTH_CORNER_L, NOSE_TIP = 61, 291, 1
#: Hand landmark indices.
WRIST, INDEX_MCP, MIDDLE_MCP, RING_MCP, RING_PIP, PINKY_MCP = 0, 5, 9, 13, 14, 17
THUMB_TIP, INDEX_TIP = 4, 8


@dataclass
class Face:
    """478 face mesh points in pixels of the working image; z in pixels, negative is nearer."""

    points: Points

    def pt(self, index: int) -> NDArray[np.float32]:
        return self.points[index, :2]

    @property
    def width(self) -> float:
        """Face width at the eyes' height: what glasses and hats are sized from."""
        return float(np.linalg.norm(self.pt(CHEEK_L) - self.pt(CHEEK_R)))

    @property
    def roll(self) -> float:
        """Head roll in radians: the angle of the line from the right eye to the left."""
        d = self.pt(EYE_L_OUTER) - self.pt(EYE_R_OUTER)
        return float(np.arctan2(d[1], d[0]))

    @property
    def turn(self) -> float:
        """Degrees between the face's front and the camera's axis (0: facing it), whichever
        way the head turns or bows: the normal of the mesh's plane across the cheeks and
        down from forehead to chin, with the mesh's own depths."""
        across = self.points[CHEEK_L] - self.points[CHEEK_R]
        down = self.points[CHIN] - self.points[FOREHEAD]
        normal = np.cross(across, down)
        return float(np.degrees(np.arccos(abs(normal[2]) / max(float(np.linalg.norm(normal)), 1e-9))))

    @property
    def yaw(self) -> float:
        """Signed turn, -1..1: positive when the nose points to the picture's right."""
        left = float(np.linalg.norm(self.pt(CHEEK_L) - self.pt(NOSE_BRIDGE)))
        right = float(np.linalg.norm(self.pt(CHEEK_R) - self.pt(NOSE_BRIDGE)))
        return (left - right) / max(left + right, 1e-6) * -1.0

    @property
    def height(self) -> float:
        """Forehead to chin: what earrings are sized from."""
        return float(np.linalg.norm(self.pt(CHIN) - self.pt(FOREHEAD)))


#: How far below the outline's point at the eyes' height the ear lobe is, as a share
#: of the face's height (forehead to chin): about at the nose tip's level.
EAR_LOBE_DROP = 0.22


def ear_lobes(face: Face) -> list[tuple[NDArray[np.float64], float, float]]:
    """Each ear lobe's point, its side (-1 the picture's left ear, 1 its right) and how far
    it is turned towards the camera (below -0.25 it is round the far side of the head).

    The lobe hangs below where the ear meets the face's outline at the eyes' height,
    just outside it (further out on the side the head turns towards the camera)."""
    chin, forehead = np.asarray(face.pt(CHIN), np.float64), np.asarray(face.pt(FOREHEAD), np.float64)
    up = (forehead - chin) / max(float(np.linalg.norm(forehead - chin)), 1e-9)
    outward = np.array([-up[1], up[0]])  # towards the picture's right (up turned a quarter clockwise)
    lobes = []
    # A head turned towards the picture's left (yaw < 0) hides its right ear (the picture's left one).
    for cheek, side, turn in ((CHEEK_R, -1.0, face.yaw), (CHEEK_L, 1.0, -face.yaw)):
        point = (
            np.asarray(face.pt(cheek), np.float64)
            - up * face.height * EAR_LOBE_DROP
            + outward * side * face.width * (0.02 + 0.1 * max(turn, 0))
        )
        lobes.append((point, side, turn))
    return lobes


@dataclass
class Hand:
    """21 hand points in pixels; z in pixels relative to the wrist, negative is nearer."""

    points: Points
    side: str  # "left" | "right": the person's own hand

    def pt(self, index: int) -> NDArray[np.float32]:
        return self.points[index, :2]

    @property
    def palm_width(self) -> float:
        return float(np.linalg.norm(self.pt(INDEX_MCP) - self.pt(PINKY_MCP)))


def _square(centre: NDArray[np.float32], half: float, shape: tuple[int, int]) -> tuple[int, int, int, int]:
    h, w = shape
    x0, y0 = int(max(0, centre[0] - half)), int(max(0, centre[1] - half))
    x1, y1 = int(min(w, centre[0] + half)), int(min(h, centre[1] + half))
    return x0, y0, x1, y1


def _face_marks(crop: NDArray[np.uint8]) -> Sequence[object] | None:
    result = models.face_mesh().process(crop)  # type: ignore[attr-defined]
    return result.multi_face_landmarks[0].landmark if result.multi_face_landmarks else None


def _hand_marks(crop: NDArray[np.uint8]) -> Sequence[object] | None:
    result = models.hands().process(crop)  # type: ignore[attr-defined]
    return result.multi_hand_landmarks[0].landmark if result.multi_hand_landmarks else None


def _crop_landmarks(
    image: NDArray[np.uint8],
    box: tuple[int, int, int, int],
    size: int,
    marks_of: Callable[[NDArray[np.uint8]], Sequence[object] | None],
) -> Points | None:
    """The landmarks a model finds in the image's box, in photo pixels (z scaled like x).

    Crops smaller than the model's `size` input are grown to it first; boxes of 16 px or
    less hold nothing to find.
    """
    x0, y0, x1, y1 = box
    if x1 - x0 <= 16 or y1 - y0 <= 16:
        return None
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    scale = max(1.0, size / max(crop.shape[:2]))
    if scale > 1:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    marks = marks_of(crop)
    if marks is None:
        return None
    ch, cw = crop.shape[:2]
    pts = np.array([(m.x * cw, m.y * ch, m.z * cw) for m in marks], np.float32) / scale  # type: ignore[attr-defined]
    pts[:, 0] += x0
    pts[:, 1] += y0
    return pts


def face(person: Person) -> Face | None:
    """The face mesh, or None when the face is not in the photo (head cut off, seen from behind).
    Found once per person: items worn one after another leave the landmarks where they were."""
    return memo.kept(person, "face", (), lambda: _face(person))


def _face(person: Person) -> Face | None:
    found = None
    h, w = person.image.shape[:2]
    eyes = person.points[[L_EYE, R_EYE]]
    # A face cut off by the top of the photo still gets guessed eyes (above the frame):
    # the mesh would be fitted to the chin and neck.
    if person.visibility[NOSE] >= 0.3 and (eyes >= 0).all() and (eyes[:, 0] < w).all() and (eyes[:, 1] < h).all():
        head = person.points[[NOSE, L_EYE, R_EYE, L_EAR, R_EAR, MOUTH_L, MOUTH_R]]
        span = max(
            float(np.linalg.norm(person.pt(L_EAR) - person.pt(R_EAR))),
            float(np.linalg.norm(person.pt(L_EYE) - person.pt(R_EYE))) * 2.2,
            float(np.linalg.norm(person.pt(NOSE) - (person.pt(MOUTH_L) + person.pt(MOUTH_R)) / 2)) * 4.0,
            8.0,
        )
        box = _square(head.mean(axis=0), span * 1.3, person.image.shape[:2])
        # Face mesh is most sure of faces near its 192 px input: tiny crops are grown to it.
        pts = _crop_landmarks(person.image, box, 192, _face_marks)
        if pts is not None:
            found = Face(pts)
    return found


def hand(person: Person, side: str) -> Hand | None:
    """The person's `side` ("left"/"right") hand from a crop round the pose's wrist, or None."""
    return memo.kept(person, f"hand_{side}", (), lambda: _hand(person, side))


def _hand(person: Person, side: str) -> Hand | None:
    found = None
    wrist, elbow, tips = (L_WRIST, L_ELBOW, L_HAND_TIPS) if side == "left" else (R_WRIST, R_ELBOW, R_HAND_TIPS)
    if person.visibility[wrist] >= 0.3:
        forearm = float(np.linalg.norm(person.pt(wrist) - person.pt(elbow)))
        span = max(forearm * 0.9, person.shoulder_width * 0.35, 24.0)
        centre = person.points[[wrist, *tips]].mean(axis=0)
        pts = _crop_landmarks(person.image, _square(centre, span, person.image.shape[:2]), 224, _hand_marks)
        # Keep it only if it is this wrist's hand, not the other hand in the crop.
        if pts is not None and np.linalg.norm(pts[WRIST, :2] - person.pt(wrist)) < span * 0.6:
            found = Hand(pts, side)
    return found


def hand_photo(image: NDArray[np.uint8]) -> Person | None:
    """A photo of a hand and wrist alone (no body for the pose model to find), as a Person
    with just that hand: enough for a watch, a bracelet or a ring. The forearm runs from
    the wrist away from the fingers; the person mask is mediapipe's selfie segmentation."""
    result = models.hands().process(np.ascontiguousarray(image))  # type: ignore[attr-defined]
    if not result.multi_hand_landmarks:
        return None
    h, w = image.shape[:2]
    marks = result.multi_hand_landmarks[0].landmark
    pts = np.array([(m.x * w, m.y * h, m.z * w) for m in marks], np.float32)
    found = Hand(pts, "left")
    points = np.zeros((33, 2), np.float32)
    visibility = np.zeros(33, np.float32)
    wrist = pts[WRIST, :2]
    points[L_WRIST] = wrist
    points[L_ELBOW] = wrist + (wrist - pts[MIDDLE_MCP, :2]) * 2.5
    points[list(L_HAND_TIPS)] = pts[[PINKY_MCP, INDEX_TIP, THUMB_TIP], :2]
    visibility[[L_WRIST, L_ELBOW, *L_HAND_TIPS]] = 0.99
    empty = np.zeros((h, w), np.uint8)
    person = Person(image, points, visibility, person_mask(image), empty, empty, np.array([170, 140, 145], np.float32))
    _known(person, None, found)
    return person


def face_photo(image: NDArray[np.uint8]) -> Person | None:
    """A close-up of a face (no shoulders for the pose model to find), as a Person with
    just the head: enough for glasses, a hat or earrings, and for saying which body part
    other items miss. The face mesh runs on the whole photo (its detector is made for
    close-ups); the person mask is mediapipe's selfie segmentation."""
    h, w = image.shape[:2]
    scale = min(1.0, 640 / max(h, w))
    small = (
        image if scale == 1.0 else cv2.resize(image, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    )
    marks = _face_marks(np.ascontiguousarray(small))
    if marks is None:
        return None
    pts = np.array([(m.x * w, m.y * h, m.z * w) for m in marks], np.float32)  # type: ignore[attr-defined]
    points = np.zeros((33, 2), np.float32)
    visibility = np.zeros(33, np.float32)
    for pose_index, mesh_index in (
        (NOSE, NOSE_TIP),
        (L_EYE, IRIS_L),
        (R_EYE, IRIS_R),
        (L_EAR, CHEEK_L),
        (R_EAR, CHEEK_R),
        (MOUTH_L, MOUTH_CORNER_L),
        (MOUTH_R, MOUTH_CORNER_R),
    ):
        points[pose_index] = pts[mesh_index, :2]
        visibility[pose_index] = 0.99
    face_mask = _face_mask(points, visibility, image)
    empty = np.zeros((h, w), np.uint8)
    skin = _skin_colour(image, points, visibility, face_mask)
    person = Person(image, points, visibility, person_mask(image), face_mask, empty, skin)
    _known(person, Face(pts), None)
    return person


def _known(person: Person, face: Face | None, left_hand: Hand | None) -> None:
    """A close-up's own landmarks, found on the whole photo, kept so they are not looked for again."""
    memo.keep(person, "face", (), face)
    memo.keep(person, "hand_left", (), left_hand)
    memo.keep(person, "hand_right", (), None)
