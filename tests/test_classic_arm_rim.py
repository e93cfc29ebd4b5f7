"""The strip between a kept bare arm and the rebuilt torso beside it, where the old white
top hung wider than the new bodice, on drawn pictures: the old top's edge next to the arm
is rebuilt in full (no pale grey line of it left down the arm's side), and `arm_rim`
tells such a line from the torso's own side."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.composite import _grey_rim
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.rebuild import _full_beside_arms

#: Pale skin (OpenCV's 8-bit Lab), its shaded side, and the old top's white.
SKIN_LAB = np.array([190, 138, 143], np.float32)
ARM = (200, 170, 148)
ARM_EDGE = (135, 101, 87)
WHITE = (200, 198, 193)
#: A pale grey blend of the white and the skin: what the rebuild's fall-off left.
PALE = (187, 170, 155)
#: The torso's side rebuilt in the arm's own colour, in shade.
SIDE = (172, 145, 122)
BACKDROP = 225
#: The lit top of a bare wrist just below a long sleeve's cuff.
PALE_WRIST = (226, 214, 204)


def _person(image: np.ndarray) -> Person:
    h, w = image.shape[:2]
    points = np.zeros((33, 2), np.float32)
    points[[pose.R_SHOULDER, pose.L_SHOULDER]] = (60, 20), (140, 20)
    points[[pose.R_HIP, pose.L_HIP]] = (80, 150), (120, 150)
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), np.ones((h, w), np.float32), empty, empty, SKIN_LAB)


def _arm_beside_the_top(rim: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """An arm (x 40-59, its shaded outline at x 59) hanging against the old white top
    (x 60 on), with `rim` in the two pixels beside it (x 60-61) and the torso's side
    rebuilt beyond (x 62-69). Returns the picture, the arm and the rebuilt skin."""
    image = np.full((160, 200, 3), WHITE, np.uint8)
    image[:, :40] = BACKDROP
    image[:, 40:59] = ARM
    image[:, 59] = ARM_EDGE
    image[:, 60:62] = rim
    image[:, 62:70] = SIDE
    arm = np.zeros(image.shape[:2], bool)
    arm[:, 40:60] = True
    rebuilt = np.zeros(image.shape[:2], np.float32)
    rebuilt[:, 62:70] = 1
    return image, arm, rebuilt


def test_arm_rim_sees_a_pale_grey_line_between_the_arm_and_the_rebuilt_side() -> None:
    old = np.zeros((160, 200), np.float32)
    old[:, 60:] = 1
    none = np.zeros_like(old)
    pale, arm, rebuilt = _arm_beside_the_top(PALE)
    value = checks.arm_rim(pale, arm, rebuilt, old, none, 2)
    assert value is not None and checks.faults({"arm_rim": value}) == ["arm_rim"], value
    side, arm, rebuilt = _arm_beside_the_top(SIDE)
    value = checks.arm_rim(side, arm, rebuilt, old, none, 2)
    assert value is not None and checks.faults({"arm_rim": value}) == [], value
    # Nothing rebuilt beside the arm (the old top under the new garment): not read.
    assert checks.arm_rim(pale, arm, np.zeros_like(rebuilt), old, none, 2) is None
    # The new garment there (a black tee at the arm): not read as a rim.
    dressed = np.zeros_like(old)
    dressed[:, 60:] = 1
    assert checks.arm_rim(pale, arm, rebuilt, old, dressed, 2) is None


def test_the_old_top_beside_a_kept_arm_is_rebuilt_in_full_from_the_armpits_to_the_hips() -> None:
    shape = (100, 80)
    seed = np.zeros(shape, np.float32)
    seed[:, 40:] = 1
    keep = np.zeros(shape, np.float32)
    keep[:, 20:40] = 1  # the arm
    keep[90:, 60:70] = 1  # a hand in front of the old top
    hands = np.zeros(shape, bool)
    hands[90:, 60:70] = True
    sides = np.zeros(shape, bool)
    sides[20:80] = True  # armpits to hips
    soft = cv2.GaussianBlur(seed, (0, 0), 1.5) * (1 - keep)
    assert soft[50, 40] < 0.7  # the softening's fall-off inside the old top, by the arm
    image = np.zeros((*shape, 3), np.uint8)
    person = _person(image)
    full = _full_beside_arms(soft, seed, keep, hands, person, sides)
    assert (full[20:80, 40:42] == 1).all()
    assert (full[:20, 40] == soft[:20, 40]).all()  # the armhole keeps its soft seam
    assert (full[80:, 40] == soft[80:, 40]).all()  # below the hips too
    assert (full[:, 30] == 0).all()  # the arm stays
    assert (full[:, 50:] == soft[:, 50:]).all()  # away from the arm, as it was


def test_the_old_tops_pale_rim_in_the_kept_arms_soft_edge_goes() -> None:
    image, _, _ = _arm_beside_the_top(WHITE)
    arms = np.zeros(image.shape[:2], np.float32)
    arms[:, 40:60] = 1
    arms[:, 60] = 0.98  # the arm's soft edge over the old white
    arms[:, 61] = 0.4
    old = np.zeros(image.shape[:2], np.float32)
    old[:, 59:] = 1  # the old top's mask, found at half size, takes the arm's outline too
    rim = _grey_rim(_person(image), arms, old, old)
    assert (rim[:, 60:62] == 1).all()
    assert (rim[:, 59] == 0).all()  # the arm's own shaded outline is skin-hued: kept
    assert (rim[:, :59] == 0).all() and (rim[:, 62:] == 0).all()


#: The old white top's shaded side, greyer than the arm and about as light.
SHADE = (176, 162, 154)


def _widened(rim: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The arm (x 40-59) and `rim` in the three pixels beside it (x 60-62), all in the
    kept arm's widened mask; the old top's mask, found at half size, from x 62 on: it
    takes in the mask's last pixel only."""
    image, _, _ = _arm_beside_the_top(WHITE)
    image[:, 60:63] = rim
    arms = np.zeros(image.shape[:2], np.float32)
    arms[:, 40:63] = 1
    old = np.zeros(image.shape[:2], np.float32)
    old[:, 62:] = 1
    return image, arms, old


def test_the_old_tops_rim_in_the_widened_arm_mask_goes_where_it_was_rebuilt_in_part() -> None:
    for rim in (SHADE, WHITE):
        image, arms, old = _widened(rim)
        rebuild = old.copy()
        rebuild[:, 60:62] = 0.3  # the analysis size's soft edge over it
        found = _grey_rim(_person(image), arms, old, rebuild)
        assert (found[80:, 60:63] == 1).all(), rim  # below the armpits
        assert (found[:40, 60:62] == 0).all(), rim  # above them: the shoulder's outline
        assert (found[:, :60] == 0).all()  # the arm and its own dark outline stay
        # Nothing rebuilt there (a light bottom under the widened mask): it stays.
        assert (_grey_rim(_person(image), arms, old, old)[:, 60:62] == 0).all(), rim
    # The arm's own colour there: the arm, kept.
    image, arms, old = _widened(ARM)
    rebuild = old.copy()
    rebuild[:, 60:62] = 0.3
    assert (_grey_rim(_person(image), arms, old, rebuild) == 0).all()


def test_arm_rim_kept_sees_the_old_tops_rim_left_as_shot_beside_the_arm() -> None:
    photo, arm, _ = _arm_beside_the_top(WHITE)
    arm = arm & (np.arange(200) < 59)[None, :]  # the arm's own skin, as `_own_arms` finds it
    old = np.zeros(arm.shape, np.float32)
    old[:, 62:] = 1
    none = np.zeros_like(old)
    # The rim kept as shot beside a pocket rebuilt as the backdrop (no skin next to it).
    render = photo.copy()
    render[:, 62:70] = BACKDROP
    value = checks.arm_rim_kept(render, photo, arm, old, none, 3)
    assert value is not None and checks.faults({"arm_rim_kept": value}) == ["arm_rim_kept"], value
    # The rim rebuilt: nothing of it left as shot.
    rebuilt = render.copy()
    rebuilt[:, 59:62] = SIDE
    value = checks.arm_rim_kept(rebuilt, photo, arm, old, none, 3)
    assert value is not None and checks.faults({"arm_rim_kept": value}) == [], value
    # The arm's own colour beside it in the photo, kept: not a rim of the old top.
    skin = photo.copy()
    skin[:, 59:62] = ARM
    value = checks.arm_rim_kept(skin, skin, arm, old, none, 3)
    assert value is not None and checks.faults({"arm_rim_kept": value}) == [], value
    # Under the new garment: not read.
    assert checks.arm_rim_kept(render, photo, arm, old, np.ones_like(old), 3) is None


def test_arm_rim_kept_reads_between_the_armpits_and_the_hips_only() -> None:
    # The torso's height between the armpits (row 40) and the hips (row 110).
    sides = np.zeros((160, 200), bool)
    sides[40:110] = True
    photo, arm, _ = _arm_beside_the_top(WHITE)
    arm = arm & (np.arange(200) < 59)[None, :]
    old = np.zeros(arm.shape, np.float32)
    old[:, 62:] = 1
    none = np.zeros_like(old)
    # The old top's rim left beside the arm's side there: still read.
    render = photo.copy()
    render[:, 62:70] = BACKDROP
    value = checks.arm_rim_kept(render, photo, arm, old, none, 3, sides)
    assert value is not None and checks.faults({"arm_rim_kept": value}) == ["arm_rim_kept"], value
    # A long sleeve down to a cuff at row 130 (below the hips), the old long sleeve under
    # it to row 132, and the bare wrist below, its lit top pale against the backdrop.
    photo = np.full((160, 200, 3), BACKDROP, np.uint8)
    photo[:133, 36:65] = WHITE
    photo[133:, 42:58] = ARM
    photo[130:135, 42:58] = PALE_WRIST
    wrist = np.zeros(arm.shape, bool)
    wrist[135:, 42:58] = True
    old = np.zeros_like(none)
    old[:133, 36:65] = 1
    cover = np.zeros_like(none)
    cover[:130, 36:65] = 1
    render = photo.copy()
    render[:130, 36:65] = (40, 110, 90)
    value = checks.arm_rim_kept(render, photo, wrist, old, cover, 3)
    assert value is not None and checks.faults({"arm_rim_kept": value}) == ["arm_rim_kept"], value
    assert checks.arm_rim_kept(render, photo, wrist, old, cover, 3, sides) is None
    # A long sleeve over the whole arm there, the wall kept beside it: no kept arm, no rim.
    photo, arm, _ = _arm_beside_the_top(WHITE)
    old = np.zeros(arm.shape, np.float32)
    old[:, 36:] = 1
    cover = np.zeros_like(old)
    cover[:, 40:] = 1
    render = photo.copy()
    render[:, 40:] = (40, 110, 90)
    assert checks.arm_rim_kept(render, photo, arm, old, cover, 3, sides) is None
