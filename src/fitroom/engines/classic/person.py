"""Person analysis: pose, person mask, face, hands, skin tone and the regions clothes cover.

Uses the models bundled in the mediapipe 0.10.21 wheel (pose with segmentation, and
full-range face detection to tell one person from several). Everything is in pixel
coordinates of the working image.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic import memo, models
from fitroom.engines.classic.boxes import bounds

Array = NDArray[np.float32]
Mask = NDArray[np.uint8]

NOSE, L_EYE, R_EYE, L_EAR, R_EAR, MOUTH_L, MOUTH_R = 0, 2, 5, 7, 8, 9, 10
#: A person whose mask covers more of the photo than this is not "too small", whatever the shoulders say.
LARGE_IN_FRAME = 0.15
L_SHOULDER, R_SHOULDER, L_ELBOW, R_ELBOW, L_WRIST, R_WRIST = 11, 12, 13, 14, 15, 16
L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE = 23, 24, 25, 26, 27, 28
#: Each hand's pose points, left hand first: the wrist, then the pinky, index and thumb.
HAND_POINTS = ((15, 17, 19, 21), (16, 18, 20, 22))
#: The hand beyond the wrist (pinky, index, thumb) of each side.
L_HAND_TIPS, R_HAND_TIPS = HAND_POINTS[0][1:], HAND_POINTS[1][1:]
#: Each landmark's index on the other side of the body (the nose is its own).
MIRROR = [0, 4, 5, 6, 1, 2, 3, 8, 7, 10, 9] + [i + 1 if i % 2 else i - 1 for i in range(11, 33)]

#: A turned body looks narrower at the shoulders but no shorter in the torso: seen from
#: the front, the shoulders are at least this share of the torso's length (shoulder
#: midpoint to hip midpoint).
FRONTAL_WIDTH_RATIO = 0.72
#: The memo key the hair's colour above the face, read on the whole photo
#: (`old_garment.read_hair_colours`), is kept under and handed down to its windows.
HAIR_COLOURS = "hair_colours"


def frontal_width(width: float, torso_length: float) -> float:
    """Shoulder width as it would be seen from the front, from the width as seen."""
    return max(width, FRONTAL_WIDTH_RATIO * torso_length)


@dataclass
class Person:
    """What the engine knows about the person in the photo."""

    image: NDArray[np.uint8]  # RGB, working size
    points: Array  # (33, 2) pixel coordinates
    visibility: Array  # (33,)
    mask: Array  # person probability 0..1
    face: Mask  # 255 where the face (and the front of the head) is: never painted
    hands: Mask  # 255 over both hands
    skin_lab: Array  # mean skin colour in Lab (OpenCV 8-bit scale)
    #: How far the shoulders are turned from the camera, in degrees (0 facing it, 90 in
    #: profile), from the depth of the pose model's world landmarks.
    turn: float = 0.0
    #: Seen from the back (kept only when asked for: `analyse_person(from_behind=True)`).
    behind: bool = False

    def lab(self) -> NDArray[np.float32]:
        """The photo in Lab (OpenCV 8-bit scale), converted once per image."""
        image = self.image
        return memo.kept(self, "lab", (image,), lambda: cv2.cvtColor(image, cv2.COLOR_RGB2LAB).astype(np.float32))

    def pt(self, index: int) -> NDArray[np.float32]:
        return self.points[index]

    def visible(self, *indexes: int, threshold: float = 0.5) -> bool:
        return all(self.visibility[i] >= threshold for i in indexes)

    @property
    def shoulder_width(self) -> float:
        return float(np.linalg.norm(self.pt(L_SHOULDER) - self.pt(R_SHOULDER)))

    @property
    def size(self) -> tuple[int, int]:
        return self.image.shape[1], self.image.shape[0]

    def crop(self, x0: int, y0: int, x1: int, y1: int) -> Person:
        """The same person seen through a window of the photo (points shifted to match)."""
        window = (slice(y0, y1), slice(x0, x1))
        seen = Person(
            image=self.image[window],
            points=self.points - np.array([x0, y0], np.float32),
            visibility=self.visibility,
            mask=self.mask[window],
            face=self.face[window],
            hands=self.hands[window],
            skin_lab=self.skin_lab,
            turn=self.turn,
            behind=self.behind,
        )
        lab = memo.held(self, "lab", (self.image,))
        if lab is not None:
            seen_lab = lab[window]
            memo.keep(seen, "lab", (seen.image,), seen_lab)
            # The skin test is each pixel's own (`colour.skin_like`, kept under this key):
            # the window's is the photo's, read through the window, not worked out again.
            tone = np.asarray(self.skin_lab).tobytes()
            skin = memo.held(self, "skin_like", (self.image, lab, tone))
            if skin is not None:
                memo.keep(seen, "skin_like", (seen.image, seen_lab, tone), skin[window])
        _hand_down(self, seen)
        return seen

    def scaled(self, size: tuple[int, int]) -> Person:
        """The same person in a photo resized to `size` (width, height); a pixel partly
        face or hand in the smaller masks counts as face or hand."""
        w, h = self.size
        factor = np.array([size[0] / w, size[1] / h], np.float32)

        def shrink(values: NDArray[np.generic]) -> NDArray[np.generic]:
            return cv2.resize(values, size, interpolation=cv2.INTER_AREA)

        seen = Person(
            image=shrink(self.image),
            points=(self.points + 0.5) * factor - 0.5,
            visibility=self.visibility,
            mask=shrink(self.mask),
            face=shrink(self.face),
            hands=shrink(self.hands),
            skin_lab=self.skin_lab,
            turn=self.turn,
            behind=self.behind,
        )
        _hand_down(self, seen)
        return seen


def _hand_down(whole: Person, seen: Person) -> None:
    """Give a window or smaller copy of the photo what was read on the whole photo where
    the window may not see it: the hair's colour above the face (`HAIR_COLOURS`)."""
    colours = memo.held(whole, HAIR_COLOURS, (whole.image,))
    if colours is not None:
        memo.keep(seen, HAIR_COLOURS, (seen.image,), colours)


def _count_faces(faces: object, rgb: NDArray[np.uint8], torso: NDArray[np.float32]) -> tuple[int, int]:
    """Faces of real people (big enough and not printed on the person's own shirt), and
    all faces the detector found."""
    result = faces.process(rgb)  # type: ignore[attr-defined]
    h, w = rgb.shape[:2]
    found = result.detections or []
    count = 0
    for detection in found:
        box = detection.location_data.relative_bounding_box
        if box.width * w < 0.025 * max(h, w):
            continue
        center = (float((box.xmin + box.width / 2) * w), float((box.ymin + box.height / 2) * h))
        if cv2.pointPolygonTest(torso.astype(np.float32), center, False) > 0:
            continue
        count += 1
    return count, len(found)


def head_in_photo(points: Array, visibility: Array, size: tuple[int, int]) -> bool:
    """Whether the whole head is inside the photo: nose, eyes and ears found, and the nose
    at least two eye-to-mouth lengths below the top edge (room for the forehead)."""
    head = [NOSE, L_EYE, R_EYE, L_EAR, R_EAR]
    if (visibility[head] < 0.5).any():
        return False
    inside = ((points[head] >= 0) & (points[head] < np.array(size, np.float32))).all()
    eyes_to_mouth = float(np.linalg.norm((points[MOUTH_L] + points[MOUTH_R] - points[L_EYE] - points[R_EYE]) / 2))
    return bool(inside) and float(points[NOSE, 1]) >= 2 * eyes_to_mouth


#: How far below the mouth the face ends (its chin), in eye-to-mouth distances: about
#: 0.9 on a frontal face. The face's ellipse, wide enough for the cheeks and ears,
#: reaches further down, onto the neck and a collar beside it.
CHIN_DROP = 1.0
#: How far round what is not skin below the chin its outline reaches, in eye-to-mouth
#: distances.
CHIN_RIM = 0.1
#: The least size (pixels) of what is not skin below the chin whose outline goes too.
CHIN_OPEN = 5
#: The jaw's half-width at the mouth, in eye spans, and how far below the mouth (in
#: eye-to-mouth distances) it narrows to the chin: below the mouth, what lies outside
#: that half ellipse is beside the face, not in it (a hood's sides, a collar's points).
JAW_HALF, JAW_DROP = 0.85, 0.9
#: Above the mouth, up to `CHEEK_RISE` eye-to-mouth distances, what lies further out than
#: `JAW_HALF` is beside the cheeks, not on them: a hood's sides standing up to the ears
#: (the ears lie higher; the cheeks there are skin, and only what is not skin goes).
CHEEK_RISE = 0.5


def _face_mask(points: Array, visibility: Array, rgb: NDArray[np.uint8], jaw: bool = False) -> Mask:
    """An ellipse over the face from the eye, ear, nose and mouth landmarks. Below the
    chin it holds only what may be skin (the neck, kept as it was): what it covers is
    never edited, and an old collar or strap it reached stayed above the new neckline.
    With `jaw`, below the mouth and beside the jaw too (see `dressed`)."""
    shape = rgb.shape[:2]
    mask = np.zeros(shape, np.uint8)
    head = points[[NOSE, L_EYE, R_EYE, L_EAR, R_EAR, MOUTH_L, MOUTH_R]]
    if visibility[NOSE] < 0.3:
        return mask
    ear_span = float(np.linalg.norm(points[L_EAR] - points[R_EAR]))
    eye_span = float(np.linalg.norm(points[L_EYE] - points[R_EYE]))
    radius = max(ear_span * 0.62, eye_span * 1.5, 4.0)
    center = head.mean(axis=0)
    mouth = (points[MOUTH_L] + points[MOUTH_R]) / 2
    eyes = (points[L_EYE] + points[R_EYE]) / 2
    down = mouth - eyes
    center = center + down * 0.25
    angle = float(np.degrees(np.arctan2(down[1], down[0]))) - 90
    cv2.ellipse(mask, (int(center[0]), int(center[1])), (int(radius), int(radius * 1.3)), angle, 0, 360, 255, -1)
    chin = mouth + down * CHIN_DROP
    # Looked for in the ellipse's box only: the rest of the photo has no face below the chin.
    face = bounds(mask)
    if face is None:
        return mask
    fx0, fy0, fx1, fy1 = face
    below = (np.arange(fx0, fx1, dtype=np.float32)[None, :] - np.float32(chin[0])) * np.float32(down[0]) + (
        np.arange(fy0, fy1, dtype=np.float32)[:, None] - np.float32(chin[1])
    ) * np.float32(down[1]) > 0
    if jaw:
        # Beside the jaw as it narrows down to the chin: a hood's sides or a collar's
        # points standing up beside the jaw stayed kept round the new neckline.
        below |= _beside_jaw(mouth, down, eye_span, (fx0, fy0, fx1, fy1))
    ys, xs = np.nonzero(below & (mask[fy0:fy1, fx0:fx1] > 0))
    if len(ys):
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        below = below[y0:y1, x0:x1]
        y0, y1, x0, x1 = y0 + fy0, y1 + fy0, x0 + fx0, x1 + fx0
        rim = 2 * max(1, int(np.linalg.norm(mouth - eyes) * CHIN_RIM)) + 1
        # Read on past the ellipse's lower edge (`CHIN_OPEN` and the rim further): an
        # old neckline the edge cuts across is a sliver inside it, thinner than the
        # opening, and was kept with the face as a line across the rebuilt chest.
        y2 = min(shape[0], y1 + CHIN_OPEN + rim)
        lab = cv2.cvtColor(np.ascontiguousarray(rgb[y0:y2, x0:x1]), cv2.COLOR_RGB2LAB)
        # With its outline, half collar and half skin (kept, it stays as a dark line);
        # a stray strand of hair or a dark pore has none worth freeing.
        other = (~plausible_skin(lab)).astype(np.uint8)
        opening = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (CHIN_OPEN, CHIN_OPEN))
        solid = cv2.morphologyEx(other, cv2.MORPH_OPEN, opening)
        cloth = other | cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (rim, rim)))
        mask[y0:y1, x0:x1][below & (cloth[: y1 - y0] > 0)] = 0
    return mask


def _beside_jaw(
    mouth: NDArray[np.float32], down: NDArray[np.float32], eye_span: float, box: tuple[int, int, int, int]
) -> NDArray[np.bool_]:
    """True in `box` below the mouth and outside the jaw's half ellipse (`JAW_HALF`,
    `JAW_DROP`), or above it beside the cheeks (`CHEEK_RISE`): beside the
    face, not in it."""
    x0, y0, x1, y1 = box
    xs = np.arange(x0, x1, dtype=np.float32)[None, :] - np.float32(mouth[0])
    ys = np.arange(y0, y1, dtype=np.float32)[:, None] - np.float32(mouth[1])
    length = max(float(np.linalg.norm(down)), 1e-6)
    unit = down / length
    depth = (xs * np.float32(unit[0]) + ys * np.float32(unit[1])) / np.float32(length)
    lateral = np.abs(xs * np.float32(unit[1]) - ys * np.float32(unit[0])) / np.float32(max(eye_span, 1e-6))
    jaw = (depth > 0) & ((lateral / JAW_HALF) ** 2 + (depth / JAW_DROP) ** 2 > 1)
    cheeks = (depth <= 0) & (depth > -CHEEK_RISE) & (lateral > JAW_HALF)
    return np.asarray(jaw | cheeks)


#: How near a piece's own colour (Lab, lightness weighed half: a lock's lit and shaded
#: sides) hair beside the jaw is followed up the head, and the fewest of the piece's
#: pixels (on the person, not skin) its colour is read from.
HAIR_JAW_REACH, HAIR_JAW_WEIGHTS, HAIR_JAW_LEAST = 22.0, (0.5, 1.0, 1.0), 20
#: How far (eye spans) round the face the head is looked at for the hair it joins.
HAIR_JAW_AROUND = 2.0


def _hair_beside_jaw(person: Person, cut: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """What of `cut` (taken off the face beside the jaw) is the person's hair: each piece's
    own colour, not skin, followed through the person's pixels of that colour up to
    above the eyes (the hair beside the temples). A hood's side or a collar's point
    beside the jaw stops at the ear or the backdrop; dark hair over a dark old top runs
    on up the head (its colour, the top's, took it for the old garment)."""
    kept = np.zeros(cut.shape, bool)
    points = person.points
    eye_span = float(np.linalg.norm(points[L_EYE] - points[R_EYE]))
    found = bounds(person.face, pad=int(HAIR_JAW_AROUND * eye_span) + 1)
    if found is None or not cut.any():
        return kept
    x0, y0, x1, y1 = found
    box = slice(y0, y1), slice(x0, x1)
    lab = person.lab()[box]
    other = (person.mask[box] > 0.5) & ~plausible_skin(lab)
    eyes = (points[L_EYE] + points[R_EYE]) / 2
    down = (points[MOUTH_L] + points[MOUTH_R]) / 2 - eyes
    unit = down / max(float(np.linalg.norm(down)), 1e-6)
    xs = np.arange(x0, x1, dtype=np.float32)[None, :] - np.float32(eyes[0])
    ys = np.arange(y0, y1, dtype=np.float32)[:, None] - np.float32(eyes[1])
    above = xs * np.float32(unit[0]) + ys * np.float32(unit[1]) < 0
    if y0 == 0:
        # A head cut off by the photo's top: its hair runs out of the photo there.
        above[0] = True
    pieces, labels = cv2.connectedComponents((cut[box] > 0).astype(np.uint8), connectivity=8)
    for index in range(1, pieces):
        piece = (labels == index) & other
        if np.count_nonzero(piece) < HAIR_JAW_LEAST:
            continue
        colour = np.median(lab[piece], axis=0).astype(np.float32)
        near = other & (_squared(lab, colour) < HAIR_JAW_REACH**2)
        count, joined = cv2.connectedComponents(near.astype(np.uint8), connectivity=8)
        ids = np.unique(joined[piece & near])
        ids = ids[ids > 0]
        # The pieces of that colour reaching above the eyes: each label there marked once
        # in a table, not the labels above sorted to intersect with (5 ms a render).
        reaches = np.zeros(count, bool)
        reaches[joined[above]] = True
        rising = ids[reaches[ids]]
        if len(rising):
            kept[box] |= (labels == index) & np.isin(joined, rising)
    return kept


def _squared(lab: NDArray[np.float32], colour: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per pixel, the squared distance to `colour` weighed by `HAIR_JAW_WEIGHTS`: squared
    and weighed in place, the channels added in their order (numpy's sum over a
    three-long last axis, to the bit, at half its cost)."""
    squared = lab - colour
    np.multiply(squared, squared, out=squared)
    squared *= np.asarray(HAIR_JAW_WEIGHTS, np.float32)
    return np.asarray(squared[..., 0] + squared[..., 1] + squared[..., 2], np.float32)


def dressed(person: Person) -> Person:
    """The person as the garment path sees them: the face less what is not skin beside
    the jaw below the mouth (a hood's sides, a collar's points), which the new top takes
    away, though not hair there (`_hair_beside_jaw`). Everything else (accessories, the
    person's own analysis) keeps the face that holds them: it moved a watch placed on a
    layered outfit off the wrist."""
    face = _face_mask(person.points, person.visibility, person.image, jaw=True)
    hair = _hair_beside_jaw(person, (person.face > 0) & (face == 0))
    face[hair] = 255
    worn = replace(person, face=face)
    # The same photo: its Lab copy, made for the hair beside the jaw, goes with it (made
    # again, it cost a whole-photo conversion per render, and one more for the arms' box).
    lab = memo.held(person, "lab", (person.image,))
    if lab is not None:
        memo.keep(worn, "lab", (worn.image,), lab)
    return worn


def hand_discs(points: Array, visibility: Array, scale: float) -> list[tuple[str, tuple[int, int], int]]:
    """Each hand the pose sees, as (side, centre, radius): a disc round its points."""
    discs = []
    for side, indexes in zip(("left", "right"), HAND_POINTS):
        if visibility[indexes[0]] < 0.3:
            continue
        hand = points[list(indexes)]
        center = hand.mean(axis=0)
        radius = max(float(np.max(np.linalg.norm(hand - center, axis=1))) * 1.6, scale * 0.09)
        discs.append((side, (int(center[0]), int(center[1])), int(radius)))
    return discs


def _hand_mask(points: Array, visibility: Array, shape: tuple[int, int], scale: float) -> Mask:
    mask = np.zeros(shape, np.uint8)
    for _, center, radius in hand_discs(points, visibility, scale):
        cv2.circle(mask, center, radius, 255, -1)
    return mask


def _patch(rgb: NDArray[np.uint8], centre: NDArray[np.float32], radius: int) -> NDArray[np.uint8]:
    """The square round `centre` in Lab: converted alone, not the whole photo for it."""
    h, w = rgb.shape[:2]
    x, y = int(centre[0]), int(centre[1])
    patch = rgb[max(0, y - radius) : min(h, y + radius), max(0, x - radius) : min(w, x + radius)]
    return cv2.cvtColor(patch, cv2.COLOR_RGB2LAB).reshape(-1, 3) if patch.size else patch.reshape(-1, 3)


#: The Lab box (OpenCV 8-bit scale, both ends in) of colours that can be human skin.
SKIN_LOW, SKIN_HIGH = (35, 131, 131), (240, 175, 180)


def plausible_skin(lab: NDArray[np.generic]) -> NDArray[np.bool_]:
    """Per Lab colour (OpenCV 8-bit scale, last axis), whether it can be human skin,
    light or dark. A photo's Lab (float or 8-bit) is tested in one OpenCV pass: the
    six comparisons over its channels cost several times more."""
    if lab.ndim == 3 and lab.shape[2] == 3 and lab.dtype in (np.float32, np.uint8) and lab.size:
        return cv2.inRange(lab, SKIN_LOW, SKIN_HIGH) > 0
    lightness, a, b = lab[..., 0], lab[..., 1], lab[..., 2]
    return (
        (lightness >= SKIN_LOW[0])
        & (lightness <= SKIN_HIGH[0])
        & (a >= SKIN_LOW[1])
        & (a <= SKIN_HIGH[1])
        & (b >= SKIN_LOW[2])
        & (b <= SKIN_HIGH[2])
    )


#: A hand's square is read for the skin's colour only when at least 1 / this of it can
#: be skin.
HAND_SKIN_SHARE = 4


def _skin_colour(rgb: NDArray[np.uint8], points: Array, visibility: Array, face: Mask) -> Array:
    """Median Lab colour of the cheeks, else of the hands; a neutral default if neither
    looks like skin (a face cut off by the frame, gloves, a shadowed face).

    A cheek the pose guesses beyond the photo's edge is not read: its square, cut to the
    photo, is the shadowed chin or neck at the edge, and that dark, greyish reading
    (a dark mauve 16 ΔE off the hands) became the colour of every rebuilt arm."""
    candidates = []
    h, w = rgb.shape[:2]
    if visibility[NOSE] >= 0.3 and face.any():
        eyes = (points[L_EYE] + points[R_EYE]) / 2
        mouth = (points[MOUTH_L] + points[MOUTH_R]) / 2
        span = float(np.linalg.norm(points[L_EYE] - points[R_EYE]))
        cheeks = [points[side] * 0.6 + mouth * 0.4 + (points[side] - eyes) * 0.2 for side in (L_EYE, R_EYE)]
        inside = [c for c in cheeks if 0 <= c[0] < w and 0 <= c[1] < h]
        candidates.append([_patch(rgb, c, max(2, int(span * 0.15))) for c in inside])
    hands = [points[list(i)].mean(axis=0) for i in HAND_POINTS if visibility[i[0]] >= 0.5]
    scale = max(2, int(np.linalg.norm(points[L_SHOULDER] - points[R_SHOULDER]) * 0.04))
    # None of a hand in a pocket (its square under a quarter skin): read with the other,
    # the dark trousers round it made their median a dark mauve. (Only a square's
    # skin-coloured pixels are no better: a camel coat beside a hand passes for skin.)
    held = [_patch(rgb, c, scale) for c in hands]
    candidates.append([p for p in held if np.count_nonzero(plausible_skin(p)) * HAND_SKIN_SHARE >= len(p)])
    for patches in candidates:
        values = [p for p in patches if len(p)]
        if values:
            colour = np.median(np.concatenate(values).astype(np.float32), axis=0).astype(np.float32)
            if plausible_skin(colour):
                return colour
    return np.array([170, 140, 145], np.float32)


class PosePass(NamedTuple):
    """One pose pass: landmarks (pixels), their visibility, the person mask, the turn and
    how far the nose lies behind the shoulders in depth (metres; under 0 in front)."""

    points: Array
    visibility: Array
    mask: NDArray[np.float32]
    turn: float
    nose_behind: float = 0.0


#: Margins (top, each side, bottom; shares of the photo's height and width) of repeated
#: edge pixels the pose model is shown the photo with. The first is for a head cut off at
#: the top. The second is for a body cut off at the knees with its face hidden (a mirror
#: selfie, the phone before the face): the pose detector, made for whole bodies with a
#: face, finds none in the photo as it is, and finds it once the legs may go on below.
HEAD_MARGIN = (0.1, 0.05, 0.0)
BACK_VIEW = "the person is seen from the back; send a front or three-quarter view"
#: How far behind the shoulders' midpoint (metres, the pose model's world depth) the nose
#: lies on a head seen from behind: the devset's front, three-quarter and side views
#: put it 0.04 to 0.21 in front, a back three-quarter view (a lunge with a barbell, face
#: in lost profile) 0.12 behind; headless crops, where it is guessed, up to 0.13 behind.
NOSE_BEHIND = 0.05
BODY_MARGIN = (0.1, 0.2, 0.6)
#: A taller margin for a head cut off lower (at the nose): there the first margin is too
#: short for the pose model to put the head above the shoulders, and it squeezes both
#: shoulders onto one side of the body (devset: shoulders 0.3 of the body's width at
#: every row with 0.1 above, 0.77 with 0.3 above). Tried only while they look squeezed.
TALL_HEAD_MARGIN = (0.3, 0.1, 0.0)
#: The rows, as shares of the way from the shoulders down to the hips, that the torso's
#: width is read at for `torso_share`: an arm held out sideways crosses only some of them.
TORSO_ROWS = (0.2, 0.3, 0.4, 0.5)


def _pose(pose: object, rgb: NDArray[np.uint8], margin: tuple[float, float, float] | None = None) -> PosePass | None:
    """One pose pass, optionally on the photo with a margin of repeated edge pixels."""
    h, w = rgb.shape[:2]
    top, side, bottom = (int(margin[0] * h), int(margin[1] * w), int(margin[2] * h)) if margin else (0, 0, 0)
    padded = cv2.copyMakeBorder(rgb, top, bottom, side, side, cv2.BORDER_REPLICATE) if margin else rgb
    result = pose.process(padded)  # type: ignore[attr-defined]
    if result.pose_landmarks is None:
        return None
    ph, pw = padded.shape[:2]
    marks = result.pose_landmarks.landmark
    points = np.array([(m.x * pw - side, m.y * ph - top) for m in marks], np.float32)
    visibility = np.array([m.visibility for m in marks], np.float32)
    mask = (
        np.ascontiguousarray(result.segmentation_mask[top : top + h, side : side + w], dtype=np.float32)
        if result.segmentation_mask is not None
        else np.ones((h, w), np.float32)
    )
    turn, nose_behind = 0.0, 0.0
    if result.pose_world_landmarks is not None:
        world = result.pose_world_landmarks.landmark
        across = np.array([world[L_SHOULDER].x - world[R_SHOULDER].x, world[L_SHOULDER].z - world[R_SHOULDER].z])
        turn = float(np.degrees(np.arctan2(abs(across[1]), abs(across[0]))))
        nose_behind = float(world[NOSE].z - (world[L_SHOULDER].z + world[R_SHOULDER].z) / 2)
    return PosePass(points, visibility, mask, turn, nose_behind)


def _shoulder_share(points: Array, mask: NDArray[np.float32]) -> float:
    """Shoulder distance over the body's width a little below them (arms included)."""
    a, b = points[L_SHOULDER], points[R_SHOULDER]
    h, w = mask.shape
    y = int(np.clip((a[1] + b[1]) / 2 + 0.3 * abs(a[0] - b[0]), 0, h - 1))
    x = int(np.clip((a[0] + b[0]) / 2, 0, w - 1))
    row = mask[y] > 0.5
    if not row[x]:
        return 1.0
    left = x - int(np.argmin(row[x::-1])) if not row[: x + 1].all() else 0
    right = x + int(np.argmin(row[x:])) if not row[x:].all() else w
    return float(np.linalg.norm(a - b)) / max(right - left, 1)


def _row_width(mask: NDArray[np.float32], x: float, y: float) -> int | None:
    """The width of the person mask's run through (x, y), or None off the body."""
    h, w = mask.shape
    row = mask[int(np.clip(y, 0, h - 1))] > 0.5
    column = int(np.clip(x, 0, w - 1))
    if not row[column]:
        return None
    left = column - int(np.argmin(row[column::-1])) if not row[: column + 1].all() else 0
    right = column + int(np.argmin(row[column:])) if not row[column:].all() else w
    return right - left


def _torso_share(points: Array, mask: NDArray[np.float32]) -> float:
    """Shoulder distance over the body's width, at the row of the upper torso where the
    body is narrowest for it (the largest share): unlike `_shoulder_share`'s one row, an
    arm held out sideways or a coat flung open at that row does not count as body."""
    neck = (points[L_SHOULDER] + points[R_SHOULDER]) / 2
    hips = (points[L_HIP] + points[R_HIP]) / 2
    span = float(np.linalg.norm(points[L_SHOULDER] - points[R_SHOULDER]))
    widths = [_row_width(mask, *(neck + share * (hips - neck))) for share in TORSO_ROWS]
    seen = [width for width in widths if width]
    return span / min(seen) if seen else 1.0


def torso_share(person: Person) -> float:
    """How wide the shoulders are against the upper torso's outline (arms held out left
    out): 0.5 or more for front and three-quarter views, the devset's dancers with arms
    flung out included; about 0.3 when the pose model has squeezed both shoulders onto
    one side of the body."""
    return _torso_share(person.points, person.mask)


def shoulder_share(person: Person) -> float:
    """How wide the shoulders are against the body's outline just below them: about 0.6
    to 0.85 for front and three-quarter views, far less when the pose model has put both
    shoulders on one side of a body it could not read (a face cut off by the frame)."""
    return _shoulder_share(person.points, person.mask)


def pose_pass(rgb: NDArray[np.uint8]) -> PosePass | None:
    """The plain pose pass on the photo (no margin), the one `analyse_person` starts from."""
    return _pose(models.pose(), rgb)


def find_pose(rgb: NDArray[np.uint8]) -> tuple[Array, Array] | None:
    """Landmarks (pixels) and their visibility from one pose pass, without the checks
    and masks of `analyse_person`: enough to tell whether a photo shows a model at all."""
    found = pose_pass(rgb)
    return None if found is None else (found.points, found.visibility)


def analyse_person(rgb: NDArray[np.uint8], from_behind: bool = False, first: PosePass | None = None) -> Person:
    """Find the one person in the photo, or raise the typed error that explains why not.
    `from_behind`: a person seen from the back is kept (a watch shows on a wrist seen
    from behind; a garment's front does not). `first`: `pose_pass` already made on this
    very photo (a product photo read for a model): a pose pass costs a fifth of a render,
    and the model gives the same answer for the same pixels."""
    pose, faces = models.pose(), models.face_detector()
    h, w = rgb.shape[:2]
    found = first if first is not None else _pose(pose, rgb)
    # With the head cut off at the top of the photo, the pose model often puts the
    # shoulders far too close together; a margin of repeated edge pixels round the photo
    # usually puts them right (measured on the devset), but on other photos it is the
    # margin that misleads it. So: the margin only when the shoulders look squeezed, and
    # whichever answer has the broader shoulders for the body seen.
    if found is None or _shoulder_share(found.points, found.mask) < 0.6:
        second = _pose(pose, rgb, HEAD_MARGIN)
        if second is not None and (
            found is None or _shoulder_share(second.points, second.mask) > _shoulder_share(found.points, found.mask)
        ):
            found = second
    if found is not None and _torso_share(found.points, found.mask) < MIN_SHOULDER_SHARE:
        taller = _pose(pose, rgb, TALL_HEAD_MARGIN)
        if taller is not None and _torso_share(taller.points, taller.mask) > _torso_share(found.points, found.mask):
            found = taller
    if found is None:
        # Kept only where its shoulders span the body found (a hand held up to the
        # camera can pass for a body once the photo is extended).
        whole = _pose(pose, rgb, BODY_MARGIN)
        if whole is not None and _shoulder_share(whole.points, whole.mask) >= MIN_SHOULDER_SHARE:
            found = whole
    if found is None:
        raise EngineError("no_person_detected", "no person was found in the photo")
    points, visibility, mask, turn, nose_behind = found
    if not (visibility[L_SHOULDER] > 0.3 and visibility[R_SHOULDER] > 0.3):
        raise EngineError("pose_not_supported", "the shoulders are not visible in the photo")
    torso = points[[L_SHOULDER, R_SHOULDER, R_HIP, L_HIP]]
    people, seen = _count_faces(faces, rgb, torso)
    if people > 1:
        raise EngineError("multiple_people", "the photo shows more than one person; send a photo of one")
    # The pose model puts a face on the back of a head as readily as on a front; the face
    # detector does not. A head wholly in the photo with no face found is seen from behind.
    # Nor does it always see a head from behind for one: a cap and a bearded cheek in lost
    # profile pass for a face. The pose model's own depth then puts the nose behind the
    # shoulders, where a face turned towards the camera never is.
    behind = head_in_photo(points, visibility, (w, h)) and (seen == 0 or nose_behind > NOSE_BEHIND)
    # In a front view the person's left shoulder is on the right of the picture.
    swapped = bool(points[L_SHOULDER][0] < points[R_SHOULDER][0])
    behind = behind or (swapped and visibility[NOSE] < 0.5)
    if behind and not from_behind:
        raise EngineError("pose_not_supported", BACK_VIEW)
    if swapped and not behind:
        # Face seen, sides the wrong way round: the pose model swapped left and right
        # (it does on some front views), which would mirror every print put on the body.
        points, visibility = points[MIRROR], visibility[MIRROR]
    scale = float(np.linalg.norm(points[L_SHOULDER] - points[R_SHOULDER]))
    length = float(np.linalg.norm((points[L_SHOULDER] + points[R_SHOULDER] - points[L_HIP] - points[R_HIP]) / 2))
    # A body turned to the side is as tall as one facing the camera: its size is its
    # shoulders as they would be seen from the front.
    if frontal_width(scale, length) < 0.04 * max(h, w):
        # Narrow shoulders on a person who fills the frame (a mirror selfie, a side view)
        # are shoulders seen edge-on or hidden, not a person far away.
        if float((mask > 0.5).mean()) > LARGE_IN_FRAME:
            raise EngineError(
                "pose_not_supported",
                "the shoulders are not seen across the body (a side view, or hidden); send a front or three-quarter view",
            )
        raise EngineError("pose_not_supported", "the person is too small in the photo")
    face = _face_mask(points, visibility, rgb)
    hands = _hand_mask(points, visibility, (h, w), scale)
    skin = _skin_colour(rgb, points, visibility, face)
    return Person(rgb, points, visibility, mask, face, hands, skin, turn, bool(behind))


#: The torso from the shoulders to the hips is about 7 eye-to-mouth lengths of the face.
#: A photo that ends less than this many of them below the shoulders is a close-up of
#: the head and shoulders: a top would show only as a collar. On the devset the head and
#: shoulder shots end 0.2 to 3.8 below the shoulders, waist-up photos 5.4 or more.
CLOSE_UP_FOR_TOPS = 4.5
#: Bottoms and dresses need the hips in the photo, about 7 below the shoulders: a photo
#: ending sooner shows the head and upper body, whatever hips the pose model guesses.
#: The devset's photos with the hips in them go on 8.2 or more.
CLOSE_UP_FOR_LEGS = 7.0
#: The knees' drop below the hips along the torso, over the torso's length (both legs'
#: mean): 0.45 and more standing, walking, lunging or jumping on the devset, under 0.2
#: seated or crouching, where the thighs are level or point at the camera.
SEATED_THIGH_DROP = 0.35
#: Legs not standing (see `legs_at_rest`), measured on the devset's 73 persons found
#: (2026-12-06); a garment on them is pasted flat, the crotch smeared, the hands erased.
#: A knee bent this far (degrees off straight, hip-knee-ankle): standing, walking and
#: posing 0 to 47 (a knee bent forward beside the other), jumping and dancing 79 to 122.
KNEE_BENT = 60.0
#: A leg this far off the picture's vertical (degrees, hip to ankle): standing with the
#: feet apart 0 to 14, a wide stride 38, a jump with the legs tucked 34, a run 32.
LEG_SLANT = 25.0
#: Ankles past each other across the picture by this share of the torso's length: the
#: legs crossed. Standing, the devset's ankles seen lie on their own sides (-0.74 to
#: -0.02); feet together touch at about 0.
FEET_CROSSED = 0.15
#: One ankle above the other by this share of the torso's length: a foot lifted (a dance
#: step: 0.78). Standing, 0 to 0.28 (one heel raised, a three-quarter view).
FOOT_LIFTED = 0.5
#: A wrist at the hips' height (within `HAND_OUT_BAND` torso lengths) this share of the
#: torso's length outward of its hip joint holds the skirt or dress out: 0.47 and 0.66 on
#: the devset's two women doing so; hands hanging or on the hips 0.34 and less. (Outward
#: of the shoulder it reads wrong on shoulders the pose model squeezed to one side.)
HAND_OUT = 0.4
HAND_OUT_BAND = 0.5
#: A wrist this far above the hips' midpoint (torso lengths) is raised or flung out. On
#: the devset's bodies not standing at rest (2026-12-06), its striding walker, its
#: skirt-holders and a kicking dancer read 0.18 to 0.5; its jumper with a hand on his
#: head, its dancers with an arm flung up or out, its rugby runner, its crouching woman
#: and its cellist 0.71 to 1.68. A top drawn flat over those covered the head and left
#: the old jacket flying (all F): refused (`refuse_garment`). Standing at rest, an arm
#: raised (a hand on the head, a phone held up) is dressed.
WRIST_RAISED = 0.65
#: The torso (shoulders' midpoint to hips') this far off the picture's vertical (degrees)
#: leans or bends far: the devset's standing and walking persons 0 to 12. A body bent
#: forward towards the camera looks upright, foreshortened (a rugby player running,
#: 6.5): the picture cannot tell it.
TORSO_LEAN = 25.0
#: Shoulders seen at under this share of the torso's length, on a body the pose model's
#: depth says is turned this far from the camera (degrees), are a side view: beyond
#: about 50 degrees of turn (0.45 of the frontal 0.72), a garment's front would be drawn
#: flat on a body seen mostly from the side. Either alone misleads: a stride lengthens
#: the torso seen, and the depth is noisy for a body in motion (up to 35 degrees for the
#: devset's walkers and dancers facing the camera; 51 to 84 for its side views).
SIDE_VIEW_WIDTH = 0.45
SIDE_VIEW_TURN = 45.0
#: With the face towards the camera (see `facing_face`) the depth must say this much: a
#: three-quarter view with the torso's front and the face seen reads up to about 55
#: (devset: a woman on stairs, 52.5), the devset's side views 69 to 85 with the face in
#: profile.
FACING_SIDE_VIEW_TURN = 60.0
#: A face towards the camera: the nose within this share of the ears' distance of their
#: midpoint, across the picture (frontal and three-quarter faces 0 to 0.35 on the
#: devset, profiles 1.9 and more).
FACING_NOSE = 0.35
#: Bottoms and dresses need the photo to go on below the hips for this share of the
#: torso's height (shoulders to hips, in the picture): the hips and some of the thighs.
#: A photo cut at the upper thigh is dressed down to its edge, as the legs are cut: the
#: pose model places the knees it cannot see below the frame (0.67 to 0.8 of the torso
#: below the hips on the devset's 10 such photos, 0.65 to 0.9 standing), so placement
#: and warping work as for a full-length photo and the frame crops the result. The
#: devset's photos cut at the upper thigh reach 0.33 to 0.56; one cut at the hips (the
#: waistband alone in sight: a bottom would be a strip) 0.2.
MIN_LEG_REACH = 0.3
#: Knees placed inside the photo with both seen at under this are guessed, not seen: a
#: mirror selfie cut at the hips (the pose model puts the hips at the hands, the knees
#: on the bag), where a standing body's knees inside the photo are seen at 0.6 or more.
KNEES_UNSEEN = 0.3
#: Below this shoulder share (see `shoulder_share`, and for refusing tops `torso_share`) the shoulders found are not where
#: the body's are (a face cut off by the frame misleads the pose model): a top would go
#: on as a narrow strip (placement.py refuses it), and the shoulders' narrowness says
#: nothing of a turn unless the face is seen in profile. The devset's front and
#: three-quarter views are all 0.63 or more; its misread poses 0.29 to 0.41.
MIN_SHOULDER_SHARE = 0.45
#: A face in profile: the nose is further from the ears' midpoint, across the picture,
#: than the ears are apart (it is beyond the near ear). Faces turned to three-quarters
#: stay under 0.5.
PROFILE_NOSE = 1.0


def frame_below_shoulders(points: Array, visibility: Array, height: int) -> float | None:
    """How far the photo goes on below the shoulders, in eye-to-mouth lengths of the
    person's face; None when the face is not in the photo to measure by (a head cut off
    at the top, a face turned away)."""
    face = [NOSE, L_EYE, R_EYE, MOUTH_L, MOUTH_R]
    if (visibility[face] < 0.5).any() or (points[face, 1] < 0).any():
        return None
    eyes_to_mouth = float(np.linalg.norm((points[MOUTH_L] + points[MOUTH_R] - points[L_EYE] - points[R_EYE]) / 2))
    shoulders = float(points[L_SHOULDER, 1] + points[R_SHOULDER, 1]) / 2
    return (height - shoulders) / max(eyes_to_mouth, 1.0)


def thigh_drop(points: Array, visibility: Array, height: int, knees_seen: float = 0.5) -> float | None:
    """How far the knees are below the hips along the torso, over the torso's length
    (both legs' mean); None when the hips or knees are not seen in the photo (a knee
    counts as seen from `knees_seen` on: lower, one hidden behind the other leg is taken
    where the pose model guesses it)."""
    if (visibility[[L_HIP, R_HIP]] < 0.5).any() or (visibility[[L_KNEE, R_KNEE]] < knees_seen).any():
        return None
    if (points[[L_KNEE, R_KNEE], 1] >= height).any():
        return None
    neck = (points[L_SHOULDER] + points[R_SHOULDER]) / 2
    down = (points[L_HIP] + points[R_HIP]) / 2 - neck
    length = float(np.linalg.norm(down))
    if length < 1:
        return None
    down = down / length
    drops = [float((points[knee] - points[hip]) @ down) for hip, knee in ((L_HIP, L_KNEE), (R_HIP, R_KNEE))]
    return sum(drops) / 2 / length


class LegPose(NamedTuple):
    """How far the body is from standing at rest, from the pose points (None where the
    points it needs are not seen): each as `legs_at_rest` judges it."""

    knee_bend: float | None  # degrees off straight, the more bent leg
    leg_slant: float | None  # degrees off the picture's vertical, hip to ankle, the more slanted leg
    feet_crossed: float | None  # how far the ankles lie past each other, in torso lengths
    foot_lift: float | None  # one ankle above the other, in torso lengths
    hand_out: float | None  # a wrist at the hips' height outward of its hip joint, in torso lengths


def _seen(points: Array, visibility: Array, height: int, *indexes: int) -> bool:
    """Whether the points are seen inside the photo (not guessed below its edge)."""
    return bool((visibility[list(indexes)] >= 0.5).all() and (points[list(indexes), 1] < height).all())


def _off_vertical(vector: NDArray[np.float32]) -> float:
    """Degrees a downward vector lies off the picture's vertical."""
    return float(np.degrees(np.arctan2(abs(float(vector[0])), float(vector[1]))))


def leg_pose(points: Array, visibility: Array, height: int) -> LegPose:
    """Measure the legs (and the hands beside the hips) against a body standing at rest:
    straight legs under the hips, the feet side by side on the floor, the hands hanging."""
    neck = (points[L_SHOULDER] + points[R_SHOULDER]) / 2
    hips = (points[L_HIP] + points[R_HIP]) / 2
    length = max(float(np.linalg.norm(hips - neck)), 1.0)
    bends, slants = [], []
    for hip, knee, ankle in ((L_HIP, L_KNEE, L_ANKLE), (R_HIP, R_KNEE, R_ANKLE)):
        if _seen(points, visibility, height, hip, ankle):
            slants.append(_off_vertical(points[ankle] - points[hip]))
            if _seen(points, visibility, height, knee):
                thigh, shin = points[knee] - points[hip], points[ankle] - points[knee]
                cosine = float(thigh @ shin) / max(float(np.linalg.norm(thigh) * np.linalg.norm(shin)), 1.0)
                bends.append(float(np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))))
    crossed = lifted = None
    if _seen(points, visibility, height, L_ANKLE, R_ANKLE):
        side = np.sign(points[L_HIP, 0] - points[R_HIP, 0])
        crossed = float(-side * (points[L_ANKLE, 0] - points[R_ANKLE, 0])) / length
        lifted = abs(float(points[L_ANKLE, 1] - points[R_ANKLE, 1])) / length
    outs = [
        float(np.sign(points[hip, 0] - hips[0]) * (points[wrist, 0] - points[hip, 0])) / length
        for hip, wrist in ((L_HIP, L_WRIST), (R_HIP, R_WRIST))
        if _seen(points, visibility, height, wrist) and abs(float(points[wrist, 1] - hips[1])) <= HAND_OUT_BAND * length
    ]
    return LegPose(max(bends, default=None), max(slants, default=None), crossed, lifted, max(outs, default=None))


def wrist_height(points: Array, visibility: Array, height: int) -> float | None:
    """How far the higher wrist seen lies above the hips' midpoint, in torso lengths:
    about 0 with the arms hanging; None when no wrist is seen."""
    neck = (points[L_SHOULDER] + points[R_SHOULDER]) / 2
    hips = (points[L_HIP] + points[R_HIP]) / 2
    length = max(float(np.linalg.norm(hips - neck)), 1.0)
    heights = [
        float(hips[1] - points[w, 1]) / length for w in (L_WRIST, R_WRIST) if _seen(points, visibility, height, w)
    ]
    return max(heights, default=None)


def legs_at_rest(pose: LegPose) -> str | None:
    """What keeps the legs from standing at rest, as the refusal says it (None when they
    do): a bottom or dress would be pasted flat over a jump, a stride, crossed legs or a
    skirt held out."""
    if pose.knee_bend is not None and pose.knee_bend >= KNEE_BENT:
        return "a knee is bent far (a jump, a dance step, a run)"
    if pose.leg_slant is not None and pose.leg_slant >= LEG_SLANT:
        return "a leg reaches far out from under the hips (a stride, a run, a jump)"
    if pose.feet_crossed is not None and pose.feet_crossed >= FEET_CROSSED:
        return "the legs are crossed"
    if pose.foot_lift is not None and pose.foot_lift >= FOOT_LIFTED:
        return "one foot is lifted well above the other"
    if pose.hand_out is not None and pose.hand_out >= HAND_OUT:
        return "a hand holds the skirt or dress out from the body"
    return None


def torso_lean(points: Array, visibility: Array) -> float | None:
    """Degrees the torso (shoulders' midpoint to hips') lies off the picture's vertical;
    None when the hips are guessed (a photo cut above them)."""
    if (visibility[[L_HIP, R_HIP]] < 0.5).any():
        return None
    return _off_vertical((points[L_HIP] + points[R_HIP] - points[L_SHOULDER] - points[R_SHOULDER]) / 2)


def torso_in_faces(points: Array, visibility: Array) -> float | None:
    """The torso's length (the shoulders' midpoint to the hips') in eye-to-mouth lengths
    of the face, about 7 on a standing body; None when the face is not seen to measure by."""
    face = [NOSE, L_EYE, R_EYE, MOUTH_L, MOUTH_R]
    if (visibility[face] < 0.5).any():
        return None
    eyes_to_mouth = float(np.linalg.norm((points[MOUTH_L] + points[MOUTH_R] - points[L_EYE] - points[R_EYE]) / 2))
    torso = float(np.linalg.norm((points[L_HIP] + points[R_HIP] - points[L_SHOULDER] - points[R_SHOULDER]) / 2))
    return torso / max(eyes_to_mouth, 1.0)


def _nose_off_ears(points: Array, visibility: Array, size: tuple[int, int]) -> tuple[float, float] | None:
    """How far the nose lies across the picture from the ears' midpoint, and the ears'
    distance (at least 1), where nose and ears are found inside the photo; else None."""
    head = [NOSE, L_EAR, R_EAR]
    inside = ((points[head] >= 0) & (points[head] < np.array(size, np.float32))).all()
    if (visibility[head] < 0.5).any() or not inside:
        return None
    ears = abs(float(points[L_EAR, 0] - points[R_EAR, 0]))
    off = abs(float(points[NOSE, 0] - (points[L_EAR, 0] + points[R_EAR, 0]) / 2))
    return off, max(ears, 1.0)


def profile_face(points: Array, visibility: Array, size: tuple[int, int]) -> bool:
    """Whether the face is seen in profile (nose and ears found inside the photo)."""
    found = _nose_off_ears(points, visibility, size)
    return found is not None and found[0] > PROFILE_NOSE * found[1]


def facing_face(points: Array, visibility: Array, size: tuple[int, int]) -> bool:
    """Whether the face looks towards the camera (nose and ears found inside the photo,
    the nose near the ears' midpoint): the body under it is not seen from the side."""
    found = _nose_off_ears(points, visibility, size)
    return found is not None and found[0] <= FACING_NOSE * found[1]


def legs_in_photo(points: Array, visibility: Array, height: int) -> bool:
    """Whether the photo shows the hips and some of the thighs: it goes on below the hips
    for `MIN_LEG_REACH` of the torso's height, and knees placed inside it are seen."""
    neck = float(points[L_SHOULDER, 1] + points[R_SHOULDER, 1]) / 2
    hips = float(points[L_HIP, 1] + points[R_HIP, 1]) / 2
    if hips - neck < 1:
        return True
    knees = [L_KNEE, R_KNEE]
    guessed = (points[knees, 1] < height).all() and (visibility[knees] < KNEES_UNSEEN).all()
    return (height - hips) / (hips - neck) >= MIN_LEG_REACH and not guessed


def side_view(points: Array, turn: float, share: float, profile: bool, facing: bool = False) -> bool:
    """Whether the body is seen from the side: narrow shoulders for the torso's length,
    turned in depth (further with the face towards the camera), and not merely misread
    (read right, or with the face in profile)."""
    neck = (points[L_SHOULDER] + points[R_SHOULDER]) / 2
    length = float(np.linalg.norm((points[L_HIP] + points[R_HIP]) / 2 - neck))
    width = float(np.linalg.norm(points[L_SHOULDER] - points[R_SHOULDER]))
    narrow = width < SIDE_VIEW_WIDTH * length and turn >= (FACING_SIDE_VIEW_TURN if facing else SIDE_VIEW_TURN)
    return narrow and (share >= MIN_SHOULDER_SHARE or profile)


def refuse_garment(person: Person, category: str) -> None:
    """Raise `pose_not_supported` saying why when a garment of `category` (top, bottom or
    dress) cannot be put on this person believably: a close-up of the head and shoulders,
    a side view, a torso leaning far, legs not standing at rest under a raised or flung
    arm, or (for bottoms and dresses) legs out of the photo, a seated or crouching person,
    or legs not standing at rest whatever the arms do. Accessories
    have their own checks: a face close-up still takes glasses or a hat."""
    h = person.size[1]
    shown = frame_below_shoulders(person.points, person.visibility, h)
    legs = category != SwapTarget.TOP
    if shown is not None and shown < (CLOSE_UP_FOR_LEGS if legs else CLOSE_UP_FOR_TOPS):
        if shown < CLOSE_UP_FOR_TOPS:
            raise EngineError(
                "pose_not_supported",
                "the photo is a close-up of the head and shoulders; garments need the body in the photo "
                "(for a top down to the waist, for bottoms and dresses down to the legs)",
            )
        raise EngineError(
            "pose_not_supported",
            "the photo shows only the head and upper body; bottoms and dresses need the hips and legs in the photo",
        )
    if legs and not legs_in_photo(person.points, person.visibility, h):
        raise EngineError(
            "pose_not_supported",
            "the legs are not in the photo; bottoms and dresses need the photo to reach down past the hips "
            "to the thighs (a top can be tried on)",
        )
    profile = profile_face(person.points, person.visibility, person.size)
    facing = facing_face(person.points, person.visibility, person.size)
    if side_view(person.points, person.turn, shoulder_share(person), profile, facing):
        raise EngineError(
            "pose_not_supported", "the person is seen from the side; garments need a front or three-quarter view"
        )
    lean = torso_lean(person.points, person.visibility)
    if lean is not None and lean >= TORSO_LEAN:
        raise EngineError(
            "pose_not_supported", "the body leans or bends far from upright; garments need a person standing upright"
        )
    drop = thigh_drop(person.points, person.visibility, h)
    if legs and drop is not None and drop < SEATED_THIGH_DROP:
        raise EngineError(
            "pose_not_supported",
            "the person is seated or crouching; bottoms and dresses need a standing person (a top can be tried on)",
        )
    moving = legs_at_rest(leg_pose(person.points, person.visibility, h))
    raised = wrist_height(person.points, person.visibility, h)
    if moving is not None and not legs and raised is not None and raised >= WRIST_RAISED:
        if drop is not None and drop < SEATED_THIGH_DROP:
            # Thighs level or towards the camera: a knee bent this far is a crouch or a
            # seat, and the message says so (a crouching woman was told of a jump).
            moving = "the person is seated or crouching"
        raise EngineError(
            "pose_not_supported",
            f"{moving}, and an arm is raised or flung out; garments need a person standing or walking "
            "with the arms lowered",
        )
    if moving is not None and legs:
        raise EngineError(
            "pose_not_supported",
            f"{moving}; bottoms and dresses need a person standing at rest, the legs straight under the hips "
            "and the hands free of the clothes (a top can be tried on)",
        )
