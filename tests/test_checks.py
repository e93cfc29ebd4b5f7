"""fitroom.checks on drawn pictures: each fault drawn fails its check, the same picture
drawn right passes it."""

from __future__ import annotations

import re
from pathlib import Path

import cv2
import numpy as np
import pytest

from fitroom import checks
from fitroom.engines.classic import person as body

SKIN = (205, 150, 125)


def skin_picture(rebuilt_flat: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Textured, shaded skin on the left (the person's own arm); on the right a rebuilt
    patch: a flat pink rectangle, or skin made like the arm."""
    rng = np.random.default_rng(1)
    image = np.full((200, 300, 3), 240, np.uint8)
    xs = np.arange(80, dtype=np.float32)
    rounding = 1.0 - 0.35 * ((xs - 40) / 40) ** 2  # a limb lit from the front

    def textured() -> np.ndarray:
        grain = cv2.GaussianBlur(rng.normal(0, 1, (160, 80)).astype(np.float32), (0, 0), 0.8) * 9
        return np.clip(np.array(SKIN, np.float32) * rounding[None, :, None] + grain[:, :, None], 0, 255).astype(
            np.uint8
        )

    image[20:180, 20:100] = textured()
    image[20:180, 180:260] = SKIN if rebuilt_flat else textured()
    reference, rebuilt = np.zeros((200, 300), bool), np.zeros((200, 300), bool)
    reference[20:180, 20:100] = True
    rebuilt[20:180, 180:260] = True
    return image, rebuilt, reference


def test_flat_rebuilt_skin_fails_and_skin_like_the_persons_passes() -> None:
    image, rebuilt, reference = skin_picture(rebuilt_flat=True)
    flat = {
        "skin_texture": checks.skin_texture(image, rebuilt, reference),
        "skin_shading": checks.skin_shading(image, rebuilt, reference),
    }
    assert set(checks.faults(flat)) == {"skin_texture", "skin_shading"}, flat
    image, rebuilt, reference = skin_picture(rebuilt_flat=False)
    alike = {
        "skin_texture": checks.skin_texture(image, rebuilt, reference),
        "skin_shading": checks.skin_shading(image, rebuilt, reference),
    }
    assert checks.faults(alike) == [], alike
    # Nothing rebuilt: the check does not apply.
    assert checks.skin_texture(image, np.zeros_like(rebuilt), reference) is None


def test_skin_grain_finds_a_rebuilt_arm_stippled_with_the_old_sleeves_weave() -> None:
    """A rebuilt forearm stippled with a knit's weave (taken for the skin's grain) fails
    `skin_grain`, whatever passes for the person's own skin beside it (the same knit,
    kept as a cuff: `skin_texture` reads the two alike); the same arm with real skin's
    fine grain passes, and so does the stippled one on a person whose own cheeks are as
    grainy (a grainy film scan)."""
    rng = np.random.default_rng(2)
    xs = np.arange(60, dtype=np.float32)
    rounding = 1.0 - 0.3 * ((xs - 30) / 30) ** 2

    def arm(grain: float, width: int = 60) -> np.ndarray:
        fine = cv2.GaussianBlur(rng.normal(0, 1, (160, width)).astype(np.float32), (0, 0), 0.7)
        fine /= fine.std()
        lit = np.array(SKIN, np.float32) * rounding[None, :width, None]
        return np.clip(lit * (1 + grain * fine[:, :, None]), 0, 255).astype(np.uint8)

    rebuilt = np.zeros((200, 300), bool)
    rebuilt[20:180, 120:180] = True
    reference = np.zeros((200, 300), bool)
    reference[20:180, 20:80] = True
    cheek = np.zeros((200, 300), bool)
    cheek[20:40, 220:240] = True
    no_cheek = np.zeros_like(cheek)
    for grain, cheeks_grain, fails in ((0.08, 0.004, True), (0.012, 0.004, False), (0.08, 0.08, False)):
        image = np.full((200, 300, 3), 240, np.uint8)
        image[20:180, 120:180] = arm(grain)
        image[20:180, 20:80] = arm(0.08)  # the old knit cuff, kept: it passes for skin
        image[10:50, 210:250] = arm(cheeks_grain, 40)[:40]
        values = {
            "skin_grain": checks.skin_grain(image, rebuilt, image, cheek),
            "skin_texture": checks.skin_texture(image, rebuilt, reference),
        }
        assert ("skin_grain" in checks.faults(values)) is fails, values
        # The knit beside it passes for the person's skin: `skin_texture` sees no stipple.
        assert grain < 0.05 or "skin_texture" not in checks.faults(values), values
        # No cheek seen (a face cut off by the photo): smooth skin's grain is the measure.
        alone = checks.skin_grain(image, rebuilt, image, no_cheek)
        assert ("skin_grain" in checks.faults({"skin_grain": alone})) is (grain > 0.05), alone
    assert checks.skin_grain(image, np.zeros_like(rebuilt), image, cheek) is None


ARMS = [((100.0, 60.0), (80.0, 140.0), (70.0, 220.0)), ((200.0, 60.0), (220.0, 140.0), (230.0, 220.0))]


def body_cover(sleeves: float) -> np.ndarray:
    """A garment's cover: the torso, and sleeves down `sleeves` of each arm."""
    cover = np.zeros((300, 300), np.float32)
    cv2.rectangle(cover, (100, 50), (200, 200), 1.0, -1)
    for shoulder, elbow, wrist in ARMS:
        points = np.array([shoulder, elbow, wrist])
        lengths = np.linalg.norm(np.diff(points, axis=0), axis=1)
        end = sleeves * lengths.sum()
        if end <= lengths[0]:
            stop = np.array(shoulder) + (np.array(elbow) - np.array(shoulder)) * end / lengths[0]
            cv2.line(cover, tuple(map(int, shoulder)), tuple(map(int, stop)), 1.0, 24)
        else:
            stop = np.array(elbow) + (np.array(wrist) - np.array(elbow)) * (end - lengths[0]) / lengths[1]
            cv2.line(cover, tuple(map(int, shoulder)), tuple(map(int, elbow)), 1.0, 24)
            cv2.line(cover, tuple(map(int, elbow)), tuple(map(int, stop)), 1.0, 20)
    return cover


def test_long_sleeves_missing_from_the_arms_fail() -> None:
    sleeveless = {"sleeve_coverage": checks.sleeve_coverage(body_cover(0.0), ARMS, reach=1.0)}
    assert checks.faults(sleeveless) == ["sleeve_coverage"], sleeveless
    short = {"sleeve_coverage": checks.sleeve_coverage(body_cover(0.3), ARMS, reach=1.0)}
    assert checks.faults(short) == ["sleeve_coverage"], short
    worn = {"sleeve_coverage": checks.sleeve_coverage(body_cover(1.0), ARMS, reach=1.0)}
    assert checks.faults(worn) == [], worn
    # A short-sleeved tee is judged on its short sleeves, a tank top not at all.
    assert checks.faults({"sleeve_coverage": checks.sleeve_coverage(body_cover(0.3), ARMS, reach=0.3)}) == []
    assert checks.sleeve_coverage(body_cover(0.0), ARMS, reach=0.0) is None


def test_a_sleeve_hanging_on_past_the_hand_fails() -> None:
    """A long sleeve drawn longer than the arm goes on past the wrist as a flap beside the
    hips; one ending at the wrist passes, and so does a long body beside the hands."""
    worn = body_cover(1.0)
    assert checks.faults({"sleeve_past_wrist": checks.sleeve_past_wrist(worn, ARMS)}) == []
    flap = worn.copy()
    for _, elbow, wrist in ARMS:
        end = np.array(wrist) + (np.array(wrist) - np.array(elbow)) * 0.8
        cv2.line(flap, tuple(map(int, wrist)), tuple(map(int, end)), 1.0, 20)
    value = checks.sleeve_past_wrist(flap, ARMS)
    assert checks.faults({"sleeve_past_wrist": value}) == ["sleeve_past_wrist"], value
    tunic = worn.copy()
    cv2.rectangle(tunic, (100, 50), (200, 290), 1.0, -1)
    assert checks.faults({"sleeve_past_wrist": checks.sleeve_past_wrist(tunic, ARMS)}) == []
    assert checks.sleeve_past_wrist(worn, []) is None


def test_a_slit_between_sleeve_and_body_fails() -> None:
    """The body between a sleeve and a panel narrower than the trunk shows as a slit of
    the old garment's place; a garment closing up to its sleeves passes, and so do a
    hand kept in front of it and a V neckline."""
    body = np.zeros((300, 300), np.uint8)
    cv2.rectangle(body, (95, 50), (205, 250), 1, -1)
    for shoulder, elbow, wrist in ARMS:
        cv2.line(body, tuple(map(int, shoulder)), tuple(map(int, elbow)), 1, 30)
        cv2.line(body, tuple(map(int, elbow)), tuple(map(int, wrist)), 1, 26)
    worn = body.astype(np.float32)
    kept = np.zeros((300, 300), np.uint8)
    assert checks.faults({"seam_gap": checks.seam_gap(worn, body, kept, (150.0, 60.0), (150.0, 250.0), 100.0)}) == []
    slit = body_cover(1.0)
    slit[:, 95:112] = slit[:, 188:206] = 0
    for shoulder, elbow, wrist in ARMS:
        cv2.line(slit, tuple(map(int, shoulder)), tuple(map(int, elbow)), 1.0, 24)
        cv2.line(slit, tuple(map(int, elbow)), tuple(map(int, wrist)), 1.0, 20)
    value = checks.seam_gap(slit, body, kept, (150.0, 60.0), (150.0, 250.0), 100.0)
    assert checks.faults({"seam_gap": value}) == ["seam_gap"], value
    hand = worn.copy()
    cv2.circle(hand, (150, 160), 15, 0.0, -1)
    cv2.circle(kept, (150, 160), 16, 1, -1)
    assert checks.faults({"seam_gap": checks.seam_gap(hand, body, kept, (150.0, 60.0), (150.0, 250.0), 100.0)}) == []
    v_neck = worn.copy()
    cv2.fillConvexPoly(v_neck, np.array([(130, 50), (170, 50), (150, 120)], np.int32), 0.0)
    kept[:] = 0
    value = checks.seam_gap(v_neck, body, kept, (150.0, 60.0), (150.0, 250.0), 100.0)
    assert checks.faults({"seam_gap": value}) == [], value


def test_a_notch_in_a_tops_side_fails() -> None:
    """A bare waist kept beside the arm shows as holes and notches up a top's side,
    between its own pixels above and below; a top whose side runs on unbroken passes,
    and so do short sleeves over the arms, a sleeveless top's armholes and a hand kept
    in front of it."""
    kept = np.zeros((300, 300), np.uint8)
    tee = body_cover(0.3)
    value = checks.side_notch(tee, kept, (150.0, 60.0), (150.0, 250.0), 100.0)
    assert value is not None and checks.faults({"side_notch": value}) == [], value
    tank = body_cover(0.0)
    cv2.ellipse(tank, (100, 50), (22, 40), 0, 0, 360, 0.0, -1)
    cv2.ellipse(tank, (200, 50), (22, 40), 0, 0, 360, 0.0, -1)
    assert checks.faults({"side_notch": checks.side_notch(tank, kept, (150.0, 60.0), (150.0, 250.0), 100.0)}) == []
    holed = tee.copy()
    cv2.ellipse(holed, (106, 150), (8, 6), 0, 0, 360, 0.0, -1)
    cv2.rectangle(holed, (190, 140), (200, 148), 0.0, -1)
    cv2.rectangle(holed, (192, 165), (200, 171), 0.0, -1)
    value = checks.side_notch(holed, kept, (150.0, 60.0), (150.0, 250.0), 100.0)
    assert checks.faults({"side_notch": value}) == ["side_notch"], value
    hand = tee.copy()
    cv2.circle(hand, (110, 150), 12, 0.0, -1)
    cv2.circle(kept, (110, 150), 13, 1, -1)
    assert checks.faults({"side_notch": checks.side_notch(hand, kept, (150.0, 60.0), (150.0, 250.0), 100.0)}) == []


NECK, HIPS = (150.0, 50.0), (150.0, 250.0)


def test_garment_shifted_to_one_side_fails() -> None:
    centred = np.zeros((300, 300), np.float32)
    cv2.rectangle(centred, (95, 50), (205, 250), 1.0, -1)
    shifted = np.zeros((300, 300), np.float32)
    cv2.rectangle(shifted, (150, 50), (260, 250), 1.0, -1)
    assert checks.faults({"asymmetry": checks.asymmetry(centred, NECK, HIPS, 70)}) == []
    assert checks.faults({"asymmetry": checks.asymmetry(shifted, NECK, HIPS, 70)}) == ["asymmetry"]
    # A tilted body: the midline runs askew and a garment centred on it still passes.
    tilted = np.zeros((300, 300), np.float32)
    cv2.fillConvexPoly(tilted, np.array([(100, 60), (200, 40), (240, 240), (140, 260)], np.int32), 1.0)
    assert checks.faults({"asymmetry": checks.asymmetry(tilted, (150, 50), (190, 250), 70)}) == []


def test_old_garment_colour_left_in_the_region_fails() -> None:
    red, blue = (200, 30, 40), (30, 60, 170)

    def to_lab(rgb: tuple[int, int, int]) -> np.ndarray:
        return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB)[0]

    image = np.full((200, 200, 3), 250, np.uint8)
    cv2.rectangle(image, (50, 40), (150, 180), blue, -1)
    region = np.zeros((200, 200), bool)
    region[40:181, 50:151] = True
    clean = checks.old_colour_left(image, region, to_lab(red), to_lab(blue))
    cv2.rectangle(image, (50, 160), (150, 180), red, -1)  # the old red top's hem below the new one
    cv2.rectangle(image, (90, 40), (110, 52), red, -1)  # and its collar
    left = checks.old_colour_left(image, region, to_lab(red), to_lab(blue))
    assert checks.faults({"old_colour_left": clean}) == [], clean
    assert checks.faults({"old_colour_left": left}) == ["old_colour_left"], left
    # A new garment of the old one's colour is not the old one left.
    assert (
        checks.faults(
            {
                "old_colour_left": checks.old_colour_left(
                    image, region, to_lab(red), np.vstack([to_lab(blue), to_lab(red)])
                )
            }
        )
        == []
    )


def face_landmarks() -> tuple[np.ndarray, np.ndarray]:
    """Pose landmarks 0-10 of a face centred at (150, 80): nose, eyes, ears, mouth."""
    points = np.zeros((33, 2), np.float32)
    points[0] = (150, 85)
    points[1:4] = [(140, 72), (138, 72), (134, 72)]
    points[4:7] = [(160, 72), (162, 72), (166, 72)]
    points[7], points[8] = (125, 76), (175, 76)
    points[9], points[10] = (143, 98), (157, 98)
    return points, np.ones(33, np.float32)


def test_garment_over_the_face_fails() -> None:
    points, visibility = face_landmarks()
    face = checks.face_region(points, visibility, (300, 300))
    assert face[98, 150] and face[60, 150] and not face[150, 150]
    below_chin = np.zeros((300, 300), np.float32)
    below_chin[125:, :] = 1
    hood = below_chin.copy()
    hood[40:, 110:190] = 1  # a hood pasted up over the face
    assert checks.faults({"face_overlap": checks.face_overlap(below_chin, face)}) == []
    assert checks.faults({"face_overlap": checks.face_overlap(hood, face)}) == ["face_overlap"]
    over_hair = below_chin.copy()
    over_hair[5:50, 110:190] = 1  # a hood up over the hair, the face itself left clear
    assert face[30, 150] and not face[5, 150]
    assert checks.faults({"face_overlap": checks.face_overlap(over_hair, face)}) == ["face_overlap"]


def test_garment_wider_or_narrower_than_the_body_fails() -> None:
    body = np.zeros((300, 300), bool)
    body[40:260, 110:190] = True

    def garment(half: int) -> np.ndarray:
        cover = np.zeros((300, 300), np.float32)
        cover[40:260, 150 - half : 150 + half] = 1
        return cover

    assert checks.faults({"width_ratio": checks.width_ratio(garment(42), body, NECK, HIPS)}) == []
    assert checks.faults({"width_ratio": checks.width_ratio(garment(70), body, NECK, HIPS)}) == ["width_ratio"]
    assert checks.faults({"width_ratio": checks.width_ratio(garment(20), body, NECK, HIPS)}) == ["width_ratio"]


def test_garment_that_swallows_the_arms_fails_and_long_sleeves_do_not() -> None:
    """Arms hang against the torso. A sleeveless dress drawn over torso and arms as one
    block has swallowed them; a long-sleeved top covers them with its sleeves."""
    body = np.zeros((300, 300), bool)
    body[40:260, 90:210] = True  # torso 110..190 and an arm 20 wide each side
    arms = np.zeros((300, 300), bool)
    arms[40:260, 90:110] = arms[40:260, 190:210] = True
    block = np.zeros((300, 300), np.float32)
    block[40:260, 88:212] = 1
    fitted = np.zeros((300, 300), np.float32)
    fitted[40:260, 108:192] = 1

    def ratio(cover: np.ndarray, sleeves: np.ndarray | None) -> float | None:
        return checks.width_ratio(cover, body, NECK, HIPS, arms=arms, sleeves=sleeves)

    assert checks.faults({"width_ratio": ratio(block, None)}) == ["width_ratio"]
    assert checks.faults({"width_ratio": ratio(fitted, None)}) == []
    assert checks.faults({"width_ratio": ratio(block, arms)}) == []


def test_a_bodice_narrower_than_the_chest_fails_and_a_fitted_one_does_not() -> None:
    """A broad chest (x 100..200 from the armpits to the waist) with bare arms beside it
    and a dress whose skirt is as wide as the hips: a bodice scaled by the waist (x
    118..182) leaves strips of the chest uncovered beside it; a bodice to the trunk's
    sides passes."""
    body = np.zeros((300, 300), bool)
    body[40:260, 120:180] = True  # neck, waist and hips
    body[60:190, 100:200] = True  # the chest
    body[60:200, 80:98] = body[60:200, 202:220] = True  # the arms beside it
    arms = np.zeros((300, 300), bool)
    arms[60:200, 78:99] = arms[60:200, 201:222] = True

    def dress(bodice: tuple[int, int]) -> np.ndarray:
        cover = np.zeros((300, 300), np.float32)
        cover[60:190, bodice[0] : bodice[1]] = 1
        cover[190:260, 118:182] = 1
        return cover

    narrow, fitted = dress((118, 182)), dress((100, 200))
    assert checks.faults({"bodice_width": checks.bodice_width(narrow, body, NECK, HIPS, arms)}) == ["bodice_width"]
    assert checks.faults({"bodice_width": checks.bodice_width(fitted, body, NECK, HIPS, arms)}) == []


def test_eval_reports_the_checks_and_faults_of_each_pair(tmp_path: Path) -> None:
    """`fitroom eval` on the astronaut and a drawn tee: every check is in metrics.json,
    the faults list is what the limits say, and progress hears of each pair."""
    import json

    from PIL import Image
    from skimage import data

    from fitroom.evaluate import evaluate
    from tests.test_classic_engine import tee

    (tmp_path / "persons").mkdir()
    (tmp_path / "garments" / "tops").mkdir(parents=True)
    Image.fromarray(data.astronaut()).save(tmp_path / "persons" / "astronaut.png")
    Image.fromarray(tee()).save(tmp_path / "garments" / "tops" / "tee.png")
    Image.fromarray(tee(sleeves=False)).save(tmp_path / "garments" / "tops" / "tank.png")
    heard: list[str] = []
    summary = evaluate(
        tmp_path / "persons", tmp_path / "garments", tmp_path / "out", on_result=lambda r: heard.append(r.garment)
    )
    assert sorted(heard) == ["tank.png", "tee.png"]
    pairs = json.loads((tmp_path / "out" / "metrics.json").read_text())["pairs"]
    for pair in pairs:
        assert set(pair["checks"]) >= {"skin_texture", "skin_shading", "asymmetry", "width_ratio", "face_overlap"}, pair
        assert pair["faults"] == checks.faults(pair["checks"])
        assert pair["checks"]["face_overlap"] == 0.0
    assert summary["pairs_with_faults"] == sum(bool(p["faults"]) for p in pairs)
    assert (tmp_path / "out" / "sheet-001.png").exists()


def test_a_dresss_sleeve_reach_is_set_by_its_shoulders_not_its_waist() -> None:
    """How far a product's sleeves go down the arm is read at the scale of its own
    shoulders: two dresses alike but for the waist have sleeves that reach as far (a
    dress's width is its waist's; scaled by it, a narrow waist made short sleeves look
    long, and sleeve_coverage failed short sleeves worn right)."""
    from fitroom.engines.classic.garment import analyse_garment
    from fitroom.evaluate import _sleeve_reach
    from tests.test_classic_engine import drawn_dress

    fitted = drawn_dress()
    straight = fitted.copy()
    straight[200:261, 150:251] = fitted[150, 200]  # the waist as wide as the bodice, 150..250
    reaches = [
        _sleeve_reach(analyse_garment(image, swap_target="dress", hint=None), arm_length=150.0, shoulder_width=100.0)
        for image in (fitted, straight)
    ]
    assert reaches[0] > 0.2
    assert abs(reaches[0] - reaches[1]) < 0.05 * reaches[0], reaches


def feet_picture(new_shoe_width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Two legs on a grey floor in red shoes (the photo before), and the photo after: a
    blue shoe `new_shoe_width` px long drawn on each foot from the heel, the rest of the
    old shoe taken away to the floor (width 60: all of it) or left (narrower)."""
    floor, leg, red, blue = (150, 150, 150), (205, 150, 125), (200, 30, 40), (30, 60, 200)
    before = np.full((200, 200, 3), floor, np.uint8)
    body = np.zeros((200, 200), bool)
    points = np.zeros((33, 2), np.float32)
    visibility = np.zeros(33, np.float32)
    after = before.copy()
    for x, (ankle, heel, toe) in zip((40, 120), checks.FEET, strict=True):
        before[60:150, x : x + 20] = leg
        before[150:175, x : x + 60] = red
        body[60:175, x : x + 20] = True
        body[150:175, x : x + 60] = True
        points[ankle], points[heel], points[toe] = (x + 10, 150), (x + 2, 172), (x + 55, 172)
        visibility[[ankle, heel, toe]] = 0.9
        after[60:150, x : x + 20] = leg
        after[150:175, x : x + 60] = red
        after[150:175, x : x + new_shoe_width] = blue
    if new_shoe_width >= 60:
        after[:, :] = np.where((before == red).all(axis=2)[..., None], np.array(blue, np.uint8), after)
    lab = cv2.cvtColor(before.astype(np.float32) / 255, cv2.COLOR_RGB2LAB)
    old = lab[(before == red).all(axis=2)][:1]
    allowed = cv2.cvtColor(np.array([[blue, floor, leg]], np.float32) / 255, cv2.COLOR_RGB2LAB)[0]
    feet = checks.feet_region(points, visibility, body, before.shape)
    return after, feet, old, allowed, body


def test_old_shoe_left_beside_the_new_one_fails() -> None:
    """New shoes half the old ones' length leave the old toes showing: a fault; new
    shoes over all of the old ones pass."""
    after, feet, old, allowed, body = feet_picture(new_shoe_width=30)
    assert feet.sum() > 0.8 * (body[150:175].sum())  # the region holds both whole shoes
    left = checks.old_shoe_left(after, feet, old, allowed)
    assert left is not None and left > 0.3
    assert checks.faults({"old_shoe_left": left}) == ["old_shoe_left"]
    after, feet, old, allowed, _ = feet_picture(new_shoe_width=60)
    covered = checks.old_shoe_left(after, feet, old, allowed)
    assert covered is not None and covered < 0.01
    assert checks.faults({"old_shoe_left": covered}) == []


def test_a_cut_out_that_left_out_the_shoes_white_upper_fails() -> None:
    """A white shoe's crop: its greyish upper left out of the cut (the sole and an edge
    of the collar kept) fails; the same crop cut whole, or with only the white backdrop
    of an open sandal left out, passes."""
    crop = np.full((120, 200, 3), 252, np.uint8)
    cv2.fillPoly(crop, [np.array([[10, 10], [60, 10], [190, 80], [190, 100], [10, 100]], np.int32)], (232, 232, 230))
    crop[100:118, 5:195] = (236, 234, 230)
    whole = np.zeros((120, 200), np.float32)
    cv2.fillPoly(whole, [np.array([[10, 10], [60, 10], [190, 80], [190, 100], [10, 100]], np.int32)], 1.0)
    whole[100:118, 5:195] = 1.0
    flat = np.zeros_like(whole)
    flat[100:118, 5:195] = 1.0
    flat[10:100, 10:16] = 1.0  # the collar's back edge
    left = checks.item_left_out(crop, flat)
    assert left is not None and checks.faults({"item_left_out": left}) == ["item_left_out"]
    assert checks.faults({"item_left_out": checks.item_left_out(crop, whole)}) == []
    sandal = crop.copy()
    sandal[20:95, 40:150] = 252  # the backdrop seen through the open sandal
    open_cut = whole.copy()
    open_cut[20:95, 40:150] = 0.0
    assert checks.faults({"item_left_out": checks.item_left_out(sandal, open_cut)}) == []


def test_a_shoe_cut_out_with_its_loose_laces_fails() -> None:
    """A shoe's cut-out with a loose lace running off it into the air fails; the shoe
    alone, and a sandal whose thin strap loops back onto it, pass."""
    shoe = np.zeros((300, 500), np.float32)
    cv2.rectangle(shoe, (60, 150), (440, 280), (1.0,), -1)
    laced = shoe.copy()
    cv2.polylines(laced, [np.array([[200, 160], [150, 80], [60, 30], [10, 10]], np.int32)], False, (1.0,), 3)
    sandal = shoe.copy()
    cv2.ellipse(sandal, (250, 150), (120, 130), 0, 180, 360, (1.0,), 4)
    assert checks.faults({"item_strands": checks.item_strands(laced)}) == ["item_strands"]
    assert checks.faults({"item_strands": checks.item_strands(shoe)}) == []
    assert checks.faults({"item_strands": checks.item_strands(sandal)}) == []
    assert checks.item_strands(np.zeros((50, 50), np.float32)) is None


def test_earrings_on_the_cheeks_fail_and_earrings_at_the_ears_pass() -> None:
    """A head 100 px wide with its ears at x 150 and 250: earrings hanging from just
    below them pass; the same earrings drawn 20 px in, on the cheeks, fail; so do
    earrings far below the ears."""
    ears = [(150.0, 120.0), (250.0, 120.0)]

    def drawn(inward: int) -> np.ndarray:
        cover = np.zeros((300, 400), np.float32)
        for x, side in ((150, 1), (250, -1)):
            cv2.rectangle(cover, (x + side * inward - 3, 132), (x + side * inward + 3, 160), 1.0, -1)
        return cover

    at_ears = checks.ear_distance(drawn(0), ears, 100.0)
    on_cheeks = checks.ear_distance(drawn(20), ears, 100.0)
    assert at_ears is not None and on_cheeks is not None
    assert not checks.faults({"ear_distance": at_ears})
    assert checks.faults({"ear_distance": on_cheeks}) == ["ear_distance"]
    assert checks.ear_distance(drawn(0), [], 100.0) is None
    assert checks.ear_distance(np.roll(drawn(0), 120, axis=0), ears, 100.0) == 1.0


def test_hat_band_height_fails_a_hat_perched_above_the_forehead() -> None:
    """A hat drawn as a dome whose band crosses the forehead just above the brows passes;
    the same hat raised onto the top of the hair fails; a tilted head reads the same."""
    eyes = [(80.0, 150.0), (120.0, 150.0)]  # 40 px apart

    def hat(band: float, angle: float = 0.0) -> np.ndarray:
        cover = np.zeros((300, 200), np.float32)
        cv2.ellipse(cover, (100, int(band)), (55, 50), 0, 180, 360, 1.0, -1)
        if angle:
            rotate = cv2.getRotationMatrix2D((100.0, 150.0), angle, 1.0)
            cover = cv2.warpAffine(cover, rotate, (200, 300))
        return cover

    worn = checks.hat_band_height(hat(128), eyes)  # 22 px above the eyes
    perched = checks.hat_band_height(hat(60), eyes)  # 90 px above: on top of the hair
    assert worn is not None and perched is not None
    assert 0.4 < worn < 0.7 and perched > 2.0
    assert not checks.faults({"hat_band_height": worn})
    assert checks.faults({"hat_band_height": perched}) == ["hat_band_height"]
    tilt = np.radians(20)
    turned = [(100 + dx * np.cos(tilt), 150 - dx * np.sin(tilt)) for dx in (-20.0, 20.0)]
    tilted = checks.hat_band_height(hat(128, 20), turned)
    assert tilted is not None and abs(tilted - worn) < 0.08
    assert checks.hat_band_height(hat(128), eyes[:1]) is None
    assert checks.hat_band_height(np.zeros((300, 200), np.float32), eyes) is None


def test_neck_band_fails_a_dark_band_pasted_across_the_neck() -> None:
    """A light-skinned neck above shoulders 100 px apart: a tee whose collar stays at the
    shoulders' line passes; one whose dark inside back crosses the neck fails."""
    photo = np.full((300, 300, 3), 200, np.uint8)
    neck, hips = (150.0, 150.0), (150.0, 290.0)
    cover = np.zeros((300, 300), np.float32)
    cover[148:, 60:240] = 1.0
    worn = photo.copy()
    worn[148:, 60:240] = (30, 40, 120)
    clean = checks.neck_band(worn, photo, cover, neck, hips, 100.0)
    banded_cover, banded = cover.copy(), worn.copy()
    banded_cover[125:150, 125:176] = 1.0
    banded[125:150, 125:176] = (20, 25, 70)
    band = checks.neck_band(banded, photo, banded_cover, neck, hips, 100.0)
    assert clean is not None and band is not None
    assert not checks.faults({"neck_band": clean})
    assert checks.faults({"neck_band": band}) == ["neck_band"]
    # The same colours in the photo already (a dark turtleneck swapped): nothing new there.
    assert checks.neck_band(banded, banded, banded_cover, neck, hips, 100.0) == 0.0
    # A pale inside back (a pink polo's, its label) on a dark neck is a band as well.
    dark = np.full((300, 300, 3), 60, np.uint8)
    pale = dark.copy()
    pale[148:, 60:240] = (30, 40, 120)
    pale[125:150, 125:176] = (225, 185, 190)
    assert checks.faults({"neck_band": checks.neck_band(pale, dark, banded_cover, neck, hips, 100.0)}) == ["neck_band"]
    assert checks.neck_band(worn, photo, cover, (150.0, -200.0), (150.0, -60.0), 100.0) is None


def test_neck_cut_fails_a_notch_cut_into_the_neck_and_not_the_new_neckline() -> None:
    """A skin neck 40 px wide on a white backdrop above shoulders 100 px apart, a new red
    tee from the shoulders' line down: the neck's side below the jaw refilled as the
    backdrop (a notch) fails; the tee's own neckline and edge, clear of the neck looked
    at, pass; the backdrop beside the neck is not the neck."""
    backdrop, skin = (230, 230, 230), (205, 160, 135)
    photo = np.full((300, 300, 3), backdrop, np.uint8)
    photo[90:160, 130:170] = skin
    photo[150:, 60:240] = (40, 40, 40)
    neck, hips = (150.0, 150.0), (150.0, 290.0)
    own = np.all(photo == skin, axis=2)
    cover = np.zeros((300, 300), np.float32)
    cover[145:, 60:240] = 1.0
    clear = cv2.dilate((cover > 0.05).astype(np.uint8), np.ones((9, 9), np.uint8)) == 0
    on = np.any(photo != backdrop, axis=2)
    looked = checks.neck_skin(own, on, neck, hips, 100.0, clear)
    assert looked[100:141, 130:133].all() and looked[100:141, 167:170].all()
    assert not looked[:, 133:167].any() and not looked[141:].any() and not looked[:100].any()
    worn = photo.copy()
    worn[145:, 60:240] = (200, 30, 30)
    clean = checks.neck_cut(worn, photo, looked)
    notched = worn.copy()
    notched[105:141, 155:170] = backdrop
    notch = checks.neck_cut(notched, photo, looked)
    assert clean == 0.0 and notch is not None
    assert checks.faults({"neck_cut": notch}) == ["neck_cut"], notch
    assert checks.neck_cut(worn, photo, np.zeros((300, 300), bool)) is None


def test_shoulder_wedge_fails_a_pale_wedge_or_haze_beside_the_neck() -> None:
    """A skin neck above an old blue tank whose outline slopes from the neck down to the
    shoulders 100 px apart, on a grey backdrop; a new red tee from y 120 down: the tank's
    shoulders above the tee redrawn as skin pass; refilled as the backdrop (a pale
    wedge beside the neck), or as skin whose top 4 rows fade into the backdrop (a haze),
    they fail. With no backdrop to read there is no value."""
    backdrop, skin, tank, red = (230, 230, 230), (190, 140, 110), (60, 90, 170), (200, 30, 30)
    photo = np.full((300, 300, 3), backdrop, np.uint8)
    photo[40:130, 130:171] = skin
    outline = np.array([(130, 80), (170, 80), (250, 110), (250, 300), (50, 300), (50, 110)], np.int32)
    cv2.fillPoly(photo, [outline], tank)
    photo[40:80, 130:171] = skin
    person = np.any(photo != backdrop, axis=2).astype(np.float32)
    own = np.all(photo == skin, axis=2)
    neck, hips = (150.0, 110.0), (150.0, 290.0)
    cover = np.zeros((300, 300), np.float32)
    cover[120:, 50:251] = 1.0
    worn = photo.copy()
    worn[cover > 0.5] = red
    above = np.all(photo == tank, axis=2) & (cover < 0.5)
    shoulders = worn.copy()
    shoulders[above] = skin
    wedge = worn.copy()
    wedge[above] = backdrop
    haze = shoulders.copy()
    rows = np.arange(300)[:, None]
    top = np.argmax(above, axis=0)[None, :]
    haze[above & (rows < top + 4)] = (210, 185, 170)
    kept = own & np.all(shoulders == photo, axis=2)
    good = checks.shoulder_wedge(shoulders, photo, cover, person, kept, neck, hips, 100.0)
    cut = checks.shoulder_wedge(wedge, photo, cover, person, kept, neck, hips, 100.0)
    hazy = checks.shoulder_wedge(haze, photo, cover, person, kept, neck, hips, 100.0)
    assert good is not None and checks.faults({"shoulder_wedge": good}) == [], good
    assert cut is not None and checks.faults({"shoulder_wedge": cut}) == ["shoulder_wedge"], cut
    assert hazy is not None and checks.faults({"shoulder_wedge": hazy}) == ["shoulder_wedge"], hazy
    everywhere = np.ones((300, 300), np.float32)
    assert checks.shoulder_wedge(wedge, photo, cover, everywhere, kept, neck, hips, 100.0) is None


def test_collar_left_fails_a_hood_kept_beside_the_neck() -> None:
    """A neck on a white backdrop above shoulders 100 px apart, a new red tee from the
    shoulders' line down: the old black hood's sides left standing beside the neck
    above the tee fail; the neck continued down and the backdrop beside it pass, and so
    does the dark hair or face that is `kept`."""
    skin, black = (205, 160, 135), (20, 20, 24)
    photo = np.full((300, 300, 3), 245, np.uint8)
    person = np.zeros((300, 300), bool)
    person[120:, 60:240] = True
    person[60:160, 130:171] = True
    photo[person] = black
    photo[60:160, 130:171] = skin
    neck, hips = (150.0, 150.0), (150.0, 290.0)
    cover = np.zeros((300, 300), np.float32)
    cover[148:, 60:240] = 1.0
    red = (200, 30, 40)
    render = photo.copy()
    render[148:, 60:240] = red
    kept_skin = np.all(photo == skin, axis=2)
    hooded = checks.collar_left(render, photo, cover, person, kept_skin, neck, hips, 100.0)
    cleared = render.copy()
    cleared[120:148, 60:240] = 245
    cleared[120:148, 130:171] = skin
    clear = checks.collar_left(cleared, photo, cover, person, kept_skin, neck, hips, 100.0)
    assert hooded is not None and clear is not None
    assert checks.faults({"collar_left": hooded}) == ["collar_left"]
    assert not checks.faults({"collar_left": clear})
    # Kept on purpose (hair falling there): not the old garment.
    assert checks.collar_left(render, photo, cover, person, person, neck, hips, 100.0) == 0.0
    assert checks.collar_left(render, photo, cover, person, kept_skin, (150.0, -200.0), (150.0, -60.0), 100.0) is None


def hand_on_a_top(outlined: bool, covered: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A skin-coloured hand on a black top, and the render of a red top over it: the
    hand kept with a ring of the black top round it (`outlined`), or covered by the red
    (`covered`), or the red drawn up to the hand. Returns input, output, hand, cover."""
    black, red = (15, 15, 18), (200, 30, 40)
    before = np.full((200, 200, 3), 240, np.uint8)
    cv2.rectangle(before, (40, 30), (160, 190), black, -1)
    hand = np.zeros((200, 200), np.uint8)
    cv2.ellipse(hand, (100, 100), (18, 26), 0, 0, 360, 1, -1)
    before[hand > 0] = SKIN
    after = before.copy()
    cover = np.zeros((200, 200), np.float32)
    cover[30:191, 40:161] = 1
    if not covered:
        ring = cv2.dilate(hand, np.ones((5, 5), np.uint8)) if outlined else hand
        cover[ring > 0] = 0
    after[cover > 0.5] = red
    return before, after, hand > 0, cover


def test_a_hand_covered_by_the_new_garment_fails() -> None:
    before, after, hand, _ = hand_on_a_top(outlined=False, covered=False)
    assert checks.faults({"hand_changed": checks.hand_changed(before, after, hand)}) == []
    before, after, hand, _ = hand_on_a_top(outlined=False, covered=True)
    assert checks.faults({"hand_changed": checks.hand_changed(before, after, hand)}) == ["hand_changed"]
    assert checks.hand_changed(before, after, np.zeros_like(hand)) is None


def test_an_outline_of_the_old_garment_round_the_hand_fails() -> None:
    def to_lab(rgb: tuple[int, int, int]) -> np.ndarray:
        return cv2.cvtColor(np.array([[rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB)[0]

    old, new = to_lab((15, 15, 18)), np.vstack([to_lab((200, 30, 40)), to_lab(SKIN)])
    _, clean, hand, cover = hand_on_a_top(outlined=False, covered=False)
    value = checks.hand_outline(clean, hand, cover, old, new)
    assert checks.faults({"hand_outline": value}) == [], value
    _, outlined, hand, cover = hand_on_a_top(outlined=True, covered=False)
    value = checks.hand_outline(outlined, hand, cover, old, new)
    assert checks.faults({"hand_outline": value}) == ["hand_outline"], value


def test_wrist_tone_flags_a_forearm_unlike_the_hand_on_it() -> None:
    """A pale, yellow forearm over a tan hand is flagged even where the rest of the
    rebuilt skin (a torso beside it) matches the skin near it; the hand's own colour up
    the forearm, shaded across, passes; without a hand the check does not apply."""
    image = np.full((300, 300, 3), 230, np.uint8)
    rebuilt = np.zeros((300, 300), bool)
    hands = np.zeros((300, 300), bool)
    elbow, wrist = (150.0, 80.0), (150.0, 200.0)
    rebuilt[80:200, 130:170] = True  # the forearm, elbow to wrist
    hands[202:250, 130:170] = True  # the hand below it
    image[202:250, 130:170] = (170, 115, 90)
    image[80:200, 130:170] = (240, 215, 185)
    apart = checks.wrist_tone(image, rebuilt, hands, [(elbow, wrist)], 200.0)
    assert apart is not None and apart > checks.WRIST_APART, apart
    assert "wrist_tone" in checks.faults({"wrist_tone": apart})
    shade = np.linspace(0.85, 1.05, 40, dtype=np.float32)[None, :, None]
    image[80:200, 130:170] = np.clip(np.array((170, 115, 90), np.float32) * shade, 0, 255).astype(np.uint8)
    alike = checks.wrist_tone(image, rebuilt, hands, [(elbow, wrist)], 200.0)
    assert alike is not None and alike < checks.WRIST_APART / 2, alike
    assert checks.wrist_tone(image, rebuilt, np.zeros_like(hands), [(elbow, wrist)], 200.0) is None


def test_wrist_band_flags_a_band_between_the_rebuilt_forearm_and_the_hand() -> None:
    """A grey strip (the old cuff's lining) or a pale refill between a rebuilt forearm
    and the hand below it, each of the same colour as the other, is flagged; the forearm
    running on into the hand passes; without a hand the check does not apply."""
    image = np.full((300, 300, 3), 230, np.uint8)
    rebuilt = np.zeros((300, 300), bool)
    hands = np.zeros((300, 300), bool)
    elbow, wrist = (150.0, 80.0), (150.0, 200.0)
    skin_colour = (200, 150, 125)
    rebuilt[80:200, 130:170] = True  # the forearm, elbow to wrist
    image[80:250, 130:170] = skin_colour
    hands[212:250, 130:170] = True  # the hand, below the old cuff's place
    image[204:212, 130:170] = (120, 120, 125)  # the cuff's lining left across the wrist
    banded = checks.wrist_band(image, rebuilt, hands, [(elbow, wrist)], 200.0)
    assert banded is not None and banded > checks.CUFF_APART, banded
    assert "wrist_band" in checks.faults({"wrist_band": banded})
    image[204:212, 130:170] = (235, 215, 200)  # a pale refill there
    pale = checks.wrist_band(image, rebuilt, hands, [(elbow, wrist)], 200.0)
    assert pale is not None and pale > checks.CUFF_APART, pale
    image[200:212, 130:170] = skin_colour
    rebuilt[200:212, 130:170] = True
    smooth = checks.wrist_band(image, rebuilt, hands, [(elbow, wrist)], 200.0)
    assert smooth is not None and smooth < checks.CUFF_APART / 4, smooth
    assert checks.wrist_band(image, rebuilt, np.zeros_like(hands), [(elbow, wrist)], 200.0) is None


def test_skin_tone_flags_rebuilt_skin_unlike_the_skin_beside_it() -> None:
    """A pale arm above a brown hand is far apart; the same brown with its own shading is
    not; skin far away (the other side of the photo) counts only when none is near."""
    image = np.zeros((200, 300, 3), np.uint8)
    rebuilt = np.zeros((200, 300), bool)
    reference = np.zeros((200, 300), bool)
    rebuilt[20:120, 40:80] = True
    reference[125:170, 40:80] = True  # the hand below the arm
    reference[20:170, 250:290] = True  # pale skin far away
    image[125:170, 40:80] = (150, 100, 75)
    image[20:170, 250:290] = (235, 200, 180)
    image[20:120, 40:80] = (235, 200, 180)
    apart = checks.skin_tone(image, rebuilt, reference, reach=20)
    assert apart is not None and apart > checks.TONE_APART, apart
    assert "skin_tone" in checks.faults({"skin_tone": apart})
    shade = np.linspace(0.9, 1.1, 40, dtype=np.float32)[None, :, None]
    image[20:120, 40:80] = np.clip(np.array((150, 100, 75), np.float32) * shade, 0, 255).astype(np.uint8)
    alike = checks.skin_tone(image, rebuilt, reference, reach=20)
    assert alike is not None and alike < 3, alike
    reference[125:170, 40:80] = False
    far = checks.skin_tone(image, rebuilt, reference, reach=20)
    assert far is not None and far > checks.TONE_APART, far


def test_shoulder_overhang_fails_square_corners_above_sloping_shoulders() -> None:
    """Shoulders 100 px apart sloping down from the neck: a garment that follows them
    passes; one with level corners standing above the arms (notches) fails."""
    body = np.zeros((300, 300), np.uint8)
    cv2.fillPoly(
        body, [np.array([(135, 60), (165, 60), (165, 92), (230, 110), (245, 300), (55, 300), (70, 110), (135, 92)])], 1
    )
    neck, hips = (150.0, 100.0), (150.0, 260.0)
    follows = ((body > 0) & (np.arange(300)[:, None] >= 95)).astype(np.float32)
    notched = follows.copy()
    notched[86:110, 80:225] = 1.0
    good = checks.shoulder_overhang(follows, body, neck, hips, 100.0)
    bad = checks.shoulder_overhang(notched, body, neck, hips, 100.0)
    assert good is not None and bad is not None
    assert not checks.faults({"shoulder_overhang": good})
    assert checks.faults({"shoulder_overhang": bad}) == ["shoulder_overhang"]
    assert (
        checks.shoulder_overhang(np.zeros((40, 40), np.float32), body[:40, :40], (20, -200), (20, -100), 10.0) is None
    )


def test_shoulder_wing_fails_cap_shoulders_standing_out_past_the_arms() -> None:
    """Shoulders 100 px apart, arms hanging beside the trunk: a sleeveless top within the
    outline passes; one whose flat cap shoulders stand out past the arms below the
    shoulders' line (where `shoulder_overhang` does not look) fails."""
    body = np.zeros((300, 300), np.uint8)
    cv2.fillPoly(
        body, [np.array([(135, 60), (165, 60), (165, 92), (215, 100), (220, 300), (80, 300), (85, 100), (135, 92)])], 1
    )
    neck, hips = (150.0, 100.0), (150.0, 260.0)
    within = ((body > 0) & (np.arange(300)[:, None] >= 98)).astype(np.float32)
    winged = within.copy()
    winged[112:128, 72:228] = 1.0
    good = checks.shoulder_wing(within, body, neck, hips, 100.0)
    bad = checks.shoulder_wing(winged, body, neck, hips, 100.0)
    assert good is not None and bad is not None
    assert not checks.faults({"shoulder_wing": good})
    assert checks.faults({"shoulder_wing": bad}) == ["shoulder_wing"]
    overhang = checks.shoulder_overhang(winged, body, neck, hips, 100.0)
    assert overhang is not None and not checks.faults({"shoulder_overhang": overhang})
    assert checks.shoulder_wing(np.zeros((40, 40), np.float32), body[:40, :40], (20, -200), (20, -100), 10.0) is None


def test_hat_gap_fails_hair_erased_to_the_backdrop_below_a_hat() -> None:
    """Dark hair on a pale backdrop under a hat whose lower edge slants: the render that
    keeps the hair below the edge passes; the one that painted it the backdrop fails."""
    backdrop_rgb = (235, 235, 235)
    photo = np.full((200, 200, 3), backdrop_rgb, np.uint8)
    cv2.circle(photo, (100, 110), 60, (60, 40, 30), -1)
    person = np.any(photo != backdrop_rgb, axis=2).astype(np.float32)
    cover = np.zeros((200, 200), np.float32)
    cv2.fillPoly(cover, [np.array([[30, 70], [170, 100], [170, 20], [30, 20]], np.int32)], 1.0)
    kept = photo.copy()
    kept[cover > 0.5] = (30, 90, 40)
    erased = kept.copy()
    gap = (cover < 0.5) & (person > 0.5)
    gap[105:] = False
    erased[gap] = backdrop_rgb
    lab = cv2.cvtColor(np.array([[backdrop_rgb]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)
    good = checks.hat_gap(kept, photo, person, cover, lab)
    bad = checks.hat_gap(erased, photo, person, cover, lab)
    assert good == 0.0 and bad is not None and bad > 0.5
    assert checks.faults({"hat_gap": bad}) == ["hat_gap"] and not checks.faults({"hat_gap": good})
    assert checks.hat_gap(kept, photo, person, np.zeros_like(cover), lab) is None
    assert checks.hat_gap(kept, photo, person, cover, np.zeros((0, 3), np.float32)) is None


def test_bag_support_fails_a_bag_far_from_any_hanging_hand_or_shoulder() -> None:
    """A bag whose top is at a hanging hand scores low; the same bag out beside a raised
    arm, its top nowhere near a hand that hangs or a shoulder, scores past the limit."""
    shoulders = [(170.0, 150.0), (330.0, 150.0)]
    hand = (380.0, 400.0)
    held = np.zeros((600, 500), np.float32)
    held[400:480, 340:420] = 1.0  # the handle's top at the hand
    score = checks.bag_support(held, [*shoulders, hand], 160.0)
    assert score is not None and score < checks.BAG_SUPPORT_REACH
    floating = np.zeros((600, 500), np.float32)
    floating[260:340, 400:480] = 1.0  # at a hand held out, which is no support
    score = checks.bag_support(floating, shoulders, 160.0)
    assert score is not None and score > checks.BAG_SUPPORT_REACH
    assert "bag_support" in checks.faults({"bag_support": score})


def test_bag_on_belly_fails_a_bag_hung_flat_in_front_of_the_belly() -> None:
    """Hip joints at x 190 and 310: a bag beside the left hip (its strap thin, left out)
    scores near 0; the same bag hung flat over the belly, past the limit."""
    hips = [(190.0, 380.0), (310.0, 380.0)]
    beside = np.zeros((600, 500), np.float32)
    beside[330:420, 300:400] = 1.0
    beside[150:330, 250:254] = 1.0  # the strap, thinner than 5 px
    over = np.zeros((600, 500), np.float32)
    over[330:420, 230:360] = 1.0
    over[150:330, 250:254] = 1.0
    good, bad = checks.bag_on_belly(beside, hips, 4.8), checks.bag_on_belly(over, hips, 4.8)
    assert good is not None and not checks.faults({"bag_on_belly": good}), good
    assert bad is not None and checks.faults({"bag_on_belly": bad}) == ["bag_on_belly"], bad
    assert checks.bag_on_belly(beside, hips[:1], 4.8) is None
    held = np.zeros((600, 500), np.float32)
    held[330:420, 230:360] = 1.0
    held[300:330, 280:284] = held[300:330, 310:314] = 1.0  # its handles, up to a hand in front
    assert checks.bag_on_belly(held, hips, 4.8) is None, "a bag held by its handles is not judged"


def test_old_outline_finds_a_thin_line_left_along_the_refilled_edge() -> None:
    """The old trousers' edge refilled from the backdrop but left as a 2-pixel dark line
    beside the rebuilt leg is caught; a clean fill, and a broad dark area, are not."""
    old = np.zeros((200, 200), np.float32)
    old[20:180, 60:140] = 1
    refilled = np.zeros((200, 200), bool)
    refilled[20:180, 50:150] = True
    refilled[20:180, 85:115] = False  # the rebuilt leg
    clean = np.full((200, 200, 3), 240, np.uint8)
    clean[20:180, 85:115] = (150, 110, 90)
    lined = clean.copy()
    lined[20:180, 59:61] = (60, 50, 40)
    lined[20:180, 139:141] = (60, 50, 40)
    broad = clean.copy()
    broad[:, :60] = 60  # a dark backdrop beside: no line
    clean_share, lined_share, broad_share = (checks.old_outline(im, old, refilled, 3) for im in (clean, lined, broad))
    assert lined_share is not None and lined_share > checks.OUTLINE_SHARE, lined_share
    assert clean_share is not None and clean_share == 0
    assert broad_share is not None and broad_share < checks.OUTLINE_SHARE, broad_share


def test_old_rim_finds_an_old_sleeves_outline_left_beside_the_rebuilt_arm() -> None:
    """A lilac sleeve on a grey backdrop rebuilt as the arm's skin: its outline left as a
    soft lilac line beside the arm, and the backdrop inside it kept, is caught; the same
    outline refilled as the backdrop, or a line of the skin's own colour, is not."""
    h, w = 200, 200
    grey, lilac, tan = (120, 120, 120), (170, 150, 220), (215, 165, 130)
    original = np.full((h, w, 3), grey, np.uint8)
    old = np.zeros((h, w), np.float32)
    old[40:160, 60:140] = 1  # the wide sleeve
    original[old > 0] = lilac
    person = cv2.GaussianBlur(old, (0, 0), 1.0)
    skin = np.zeros((h, w), np.float32)
    skin[40:160, 63:137] = 1  # the arm rebuilt inside it
    clean = original.copy()
    clean[old > 0] = grey
    clean[skin > 0] = tan
    ghost = clean.copy()
    ghost[40:160, 58:62] = ghost[40:160, 138:142] = (150, 138, 180)  # half lilac, half grey
    tinted = clean.copy()
    tinted[40:160, 58:62] = tinted[40:160, 138:142] = (170, 140, 125)  # half skin, half grey
    cover = np.zeros((h, w), np.float32)
    clean_share, ghost_share, tinted_share = (
        checks.old_rim(im, original, cover, old, skin, person, 3) for im in (clean, ghost, tinted)
    )
    assert ghost_share is not None and ghost_share > checks.OLD_RIM_MOST, ghost_share
    assert clean_share is not None and clean_share == 0, clean_share
    assert tinted_share is not None and tinted_share < checks.OLD_RIM_MOST, tinted_share


def test_watch_over_cuff_fails_a_watch_drawn_half_over_a_yellow_cuff_not_one_tucked_under_it() -> None:
    """A forearm down the picture in a yellow sleeve to row 100, the skin below it lit
    towards the hand: a watch drawn from row 80 to 120 lies half over the cuff (the skin
    test takes yellow for skin, `watch_off_skin` misses it) and fails; tucked under it
    (only its part below row 100 drawn) it scores 0, and so does one on a bare forearm
    in shade up the arm."""
    rgb = np.full((240, 200, 3), 235, np.uint8)
    rgb[:, 70:130] = (225, 185, 70)  # the yellow sleeve
    for row in range(100, 240):
        rgb[row, 70:130] = np.clip(np.array([150, 110, 85]) + (row - 100) * 0.5, 0, 255)  # skin, lighter down
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    elbow, wrist = (100.0, 0.0), (100.0, 200.0)
    over = np.zeros((240, 200), np.float32)
    over[80:120, 80:120] = 1.0
    score = checks.watch_over_cuff(lab, over, elbow, wrist)
    assert score is not None and score > checks.WATCH_OVER_CUFF
    assert checks.faults({"watch_over_cuff": score}) == ["watch_over_cuff"]
    tucked = np.zeros((240, 200), np.float32)
    tucked[100:130, 80:120] = 1.0
    assert checks.watch_over_cuff(lab, tucked, elbow, wrist) == 0.0
    bare = rgb.copy()
    for row in range(0, 100):
        bare[row, 70:130] = np.clip(np.array([150, 110, 85]) - (100 - row) * 0.5, 0, 255)  # the arm in shade up
    bare_lab = cv2.cvtColor(bare, cv2.COLOR_RGB2LAB).astype(np.float32)
    assert checks.watch_over_cuff(bare_lab, over, elbow, wrist) == 0.0


def test_bracelet_past_wrist_fails_a_bangle_drawn_on_the_back_of_the_hand() -> None:
    """A forearm down the picture, its wrist joint at row 120, a palm 70 px wide (the
    bangle's span about 43): a bangle's arc drawn round the wrist (rows 112-124) passes;
    the same arc 20 px further down, on the back of the hand, fails, unless the palm is
    narrow (then the pose's wrist is the one trusted less); too small a drawing is not judged."""
    elbow, wrist = (100.0, 0.0), (100.0, 120.0)
    on_wrist = np.zeros((240, 200), np.uint8)
    cv2.ellipse(on_wrist, (100, 114), (20, 6), 0, 0, 180, 255, 3)
    on_hand = np.roll(on_wrist, 20, axis=0)
    at_wrist = checks.bracelet_past_wrist(on_wrist.astype(np.float32) / 255, elbow, wrist, 70.0)
    at_hand = checks.bracelet_past_wrist(on_hand.astype(np.float32) / 255, elbow, wrist, 70.0)
    assert at_wrist is not None and at_wrist < checks.BRACELET_PAST_WRIST_MOST, at_wrist
    assert at_hand is not None and at_hand > checks.BRACELET_PAST_WRIST_MOST, at_hand
    assert checks.faults({"bracelet_past_wrist": at_hand}) == ["bracelet_past_wrist"]
    assert checks.bracelet_past_wrist(on_hand.astype(np.float32) / 255, elbow, wrist, 45.0) == 0.0
    assert checks.bracelet_past_wrist(np.zeros((240, 200), np.float32), elbow, wrist, 70.0) is None


def test_watch_off_skin_fails_a_watch_on_a_sleeve_or_over_the_wrists_edge() -> None:
    """A watch inside a bare forearm scores 0; the same watch on the sleeve above the
    cuff, or twice as wide as the wrist (hanging over the body beside it), fails."""
    skin = np.zeros((200, 200), bool)
    skin[100:200, 80:120] = True  # the bare forearm below a cuff at row 100
    on_wrist = np.zeros((200, 200), np.float32)
    on_wrist[130:160, 80:120] = 1.0
    assert checks.watch_off_skin(on_wrist, skin) == 0.0
    on_sleeve = np.zeros((200, 200), np.float32)
    on_sleeve[60:90, 80:120] = 1.0
    assert checks.watch_off_skin(on_sleeve, skin) == 1.0
    too_wide = np.zeros((200, 200), np.float32)
    too_wide[130:160, 60:140] = 1.0
    score = checks.watch_off_skin(too_wide, skin)
    assert score is not None and score > checks.WATCH_OFF_SKIN
    assert checks.faults({"watch_off_skin": score}) == ["watch_off_skin"]
    assert checks.watch_off_skin(np.zeros((200, 200), np.float32), skin) is None


def test_watch_width_fails_a_case_that_covers_the_wrist_from_edge_to_edge() -> None:
    """On a 40 px wide forearm running down, a watch 28 px long along it scores 0.7; one
    44 px long scores 1.1, a fault; a watch whose middle is not on skin is not measured."""
    skin = np.zeros((200, 200), bool)
    skin[:, 80:120] = True
    elbow, wrist = (100.0, 0.0), (100.0, 180.0)
    fitting = np.zeros((200, 200), np.float32)
    fitting[120:148, 80:120] = 1.0
    score = checks.watch_width(fitting, skin, elbow, wrist)
    assert score is not None and 0.6 < score < checks.WATCH_WIDTH_MOST
    big = np.zeros((200, 200), np.float32)
    big[110:154, 80:120] = 1.0
    score = checks.watch_width(big, skin, elbow, wrist)
    assert score is not None and score > checks.WATCH_WIDTH_MOST
    assert checks.faults({"watch_width": score}) == ["watch_width"]
    off = np.zeros((200, 200), np.float32)
    off[120:148, 20:60] = 1.0
    assert checks.watch_width(off, skin, elbow, wrist) is None


def test_a_panel_over_the_arms_beside_the_torso_fails_though_its_width_passes() -> None:
    """Bare arms hang against the torso. A cap-sleeved top drawn over their inner halves
    (the outer slivers left beside it) measures the trunk's width once the arms and its
    sleeves' reach are taken out, so `width_ratio` passes it; the arm's changed skin
    does not."""
    body = np.zeros((300, 300), bool)
    body[40:260, 90:210] = True  # torso 110..190 and an arm 20 wide each side
    arms = np.zeros((300, 300), bool)
    arms[40:260, 90:110] = arms[40:260, 190:210] = True
    before = np.full((300, 300, 3), 225, np.uint8)
    before[body] = (20, 20, 24)  # the old black top
    before[arms] = (214, 160, 130)  # the bare arms
    over = before.copy()
    cover = np.zeros((300, 300), np.float32)
    cover[40:260, 100:200] = 1  # the new panel over the arms' inner halves
    over[cover > 0] = (200, 30, 40)
    under = before.copy()
    under[40:260, 110:190] = (200, 30, 40)  # the new panel between the arms
    bands = np.zeros((300, 300), bool)
    bands[40:260, 85:115] = bands[40:260, 185:215] = True  # along the arms' bones
    # Cap sleeves read as sleeves reaching down the arms: they come out of the garment.
    ratio = checks.width_ratio(cover, body, NECK, HIPS, arms=bands, sleeves=bands)
    assert checks.faults({"width_ratio": ratio}) == [], ratio
    changed = checks.arm_beside_changed(before, over, arms, bands)
    assert checks.faults({"arm_beside_changed": changed}) == ["arm_beside_changed"], changed
    kept = checks.arm_beside_changed(before, under, arms, bands)
    assert kept is not None and checks.faults({"arm_beside_changed": kept}) == [], kept


def test_watch_strap_block_fails_a_dark_block_beside_the_case_along_the_forearm() -> None:
    """On a forearm running down, a light case with dark strap bands across it, narrower
    than the case, scores 0.6; the same case with its strap's dark loop beside it up the
    forearm scores 3.4, over the limit."""
    elbow, wrist = (100.0, 0.0), (100.0, 180.0)
    cover = np.zeros((200, 200), np.float32)
    lightness = np.full((200, 200), 200.0, np.float32)
    cover[120:140, 90:110] = 1.0  # the case
    cover[124:136, 75:90] = cover[124:136, 110:125] = 1.0  # the strap, across
    lightness[124:136, 75:90] = lightness[124:136, 110:125] = 30.0
    score = checks.watch_strap_block(cover, lightness, elbow, wrist)
    assert score is not None and score < checks.WATCH_STRAP_BLOCK
    block = np.zeros((200, 200), np.float32)
    block[120:140, 90:110] = 1.0
    block[102:120, 86:108] = 1.0  # the far loop, up the forearm beside the case
    light = np.full((200, 200), 200.0, np.float32)
    light[102:120, 86:108] = 30.0
    score = checks.watch_strap_block(block, light, elbow, wrist)
    assert score is not None and score > checks.WATCH_STRAP_BLOCK
    assert checks.faults({"watch_strap_block": score}) == ["watch_strap_block"]
    assert checks.watch_strap_block(np.zeros((200, 200), np.float32), light, elbow, wrist) is None


def test_watch_strap_flat_fails_a_strap_painted_in_one_colour() -> None:
    """On a forearm running down, a light case with a strap across it on both sides: a
    strap of one flat colour scores about 0 (a painted slab); the same strap with ribs
    across it every 4 px keeps its texture, over the limit; nothing drawn gives None."""
    elbow, wrist = (100.0, 0.0), (100.0, 180.0)
    cover = np.zeros((200, 200), np.float32)
    cover[110:150, 80:120] = 1.0  # the case
    cover[118:142, 50:80] = cover[118:142, 120:150] = 1.0  # the strap, across
    flat = np.full((200, 200), 200.0, np.float32)
    flat[118:142, 50:80] = flat[118:142, 120:150] = 40.0
    score = checks.watch_strap_flat(cover, flat, elbow, wrist)
    assert score is not None and checks.faults({"watch_strap_flat": score}) == ["watch_strap_flat"], score
    ribbed = flat.copy()
    ribbed[118:142, 50:150:4] += 15.0
    ribbed[110:150, 80:120] = 200.0
    score = checks.watch_strap_flat(cover, ribbed, elbow, wrist)
    assert score is not None and checks.faults({"watch_strap_flat": score}) == [], score
    assert checks.watch_strap_flat(np.zeros((200, 200), np.float32), flat, elbow, wrist) is None


def test_waist_smear_flags_a_blurred_band_above_the_new_bottom_only() -> None:
    """A printed top, a band blurred from round it, then the new jeans: the band is far
    smoother than both (a smear). The top going on down to the jeans, or a plain top
    over them, is not."""
    rng = np.random.default_rng(5)
    image = np.clip(rng.normal(120, 40, (300, 200, 3)), 0, 255).astype(np.uint8)
    cover = np.zeros((300, 200), np.float32)
    cover[200:, 40:160] = 1  # the new bottom, its waistband at y 200
    smeared = image.copy()
    smeared[170:200] = cv2.GaussianBlur(image, (0, 0), 8)[170:200]
    span, shoulders = (60.0, 140.0), 200.0  # the bands: 20 rows
    flagged = checks.waist_smear(smeared, cover, span, shoulders)
    crisp = checks.waist_smear(image, cover, span, shoulders)
    plain = image.copy()
    plain[:200] = 200  # a plain white top down to the jeans
    assert flagged is not None and crisp is not None
    assert flagged < checks.WAIST_SMEAR_RATIO < crisp, (flagged, crisp)
    assert checks.faults({"waist_smear": flagged}) == ["waist_smear"]
    assert (checks.waist_smear(plain, cover, span, shoulders) or 0) > checks.WAIST_SMEAR_RATIO
    assert checks.waist_smear(image, np.zeros_like(cover), span, shoulders) is None


def test_old_garment_left_beside_the_new_one_fails_even_in_a_new_colour() -> None:
    """A strip of the old white top between a new white-and-black panel and the arm is
    the old top left: `old_colour_left` lets it off as one of the new garment's colours,
    `old_colour_bare` does not, since the new garment is not drawn there."""
    white, black, skin = (245, 245, 240), (20, 20, 20), SKIN

    def to_lab(*rgbs: tuple[int, int, int]) -> np.ndarray:
        return cv2.cvtColor(np.array([rgbs], np.float32) / 255, cv2.COLOR_RGB2LAB)[0]

    image = np.full((200, 200, 3), (230, 200, 200), np.uint8)  # a pink backdrop
    cv2.rectangle(image, (40, 40), (160, 190), skin, -1)  # the body, rebuilt as skin
    cover = np.zeros((200, 200), np.float32)
    cover[40:191, 60:141] = 1  # the new panel, narrower than the old top
    image[cover > 0] = white
    image[40:191:8, 60:141] = black  # its print
    old = np.zeros((200, 200), bool)
    old[40:191, 45:156] = True  # where the old top was
    clean = checks.old_colour_bare(image, old, cover, to_lab(white), to_lab(skin))
    image[40:191, 45:60] = white  # the old top left between the panel and the arm
    left = checks.old_colour_bare(image, old, cover, to_lab(white), to_lab(skin))
    assert checks.faults({"old_colour_bare": clean}) == [], clean
    assert checks.faults({"old_colour_bare": left}) == ["old_colour_bare"], left
    spared = checks.old_colour_left(image, old, to_lab(white), to_lab(white, black, skin))
    assert checks.faults({"old_colour_left": spared}) == [], spared


def test_arm_ghost_flags_an_arm_rebuilt_as_a_paler_double_over_the_backdrop() -> None:
    before = np.full((120, 120, 3), 200, np.uint8)
    arm = np.zeros((120, 120), np.uint8)
    cv2.line(arm, (30, 10), (40, 110), 1, 18)
    before[arm > 0] = (150, 95, 70)
    cover = np.zeros((120, 120), np.float32)
    cover[:, 70:] = 1  # the new garment, beside the arm
    kept = before.copy()
    kept[:, 70:] = (20, 20, 20)
    ghost = kept.copy()
    ghost[arm > 0] = (before[arm > 0].astype(np.int32) + 200) // 2  # half arm, half backdrop
    assert checks.arm_ghost(before, kept, arm, cover) == 0.0
    value = checks.arm_ghost(before, ghost, arm, cover)
    assert value is not None and checks.faults({"arm_ghost": value}) == ["arm_ghost"]
    # Under the new garment the arm may change (a sleeve over it).
    assert checks.arm_ghost(before, ghost, arm, np.ones((120, 120), np.float32)) is None


def test_rebuilt_skin_with_only_fine_noise_fails_skin_detail() -> None:
    """A smooth fill with drawn noise matched to the skin's finest grain passed
    `skin_texture`; the person's own skin has detail between grain and shading (small
    blotches, pores) that such a fill lacks, and `skin_detail` sees it."""
    rng = np.random.default_rng(3)
    image = np.full((200, 300, 3), 240, np.uint8)

    def skin_patch(blotches: bool) -> np.ndarray:
        fine = cv2.GaussianBlur(rng.normal(0, 1, (160, 80)).astype(np.float32), (0, 0), 0.7) * 6
        mid = cv2.GaussianBlur(rng.normal(0, 1, (160, 80)).astype(np.float32), (0, 0), 3.0) * 40
        layer = fine + (mid if blotches else 0)
        return np.clip(np.array(SKIN, np.float32) + layer[:, :, None], 0, 255).astype(np.uint8)

    image[20:180, 20:100] = skin_patch(blotches=True)
    reference, rebuilt = np.zeros((200, 300), bool), np.zeros((200, 300), bool)
    reference[20:180, 20:100] = True
    rebuilt[20:180, 180:260] = True
    image[20:180, 180:260] = skin_patch(blotches=False)
    texture = checks.skin_texture(image, rebuilt, reference)
    assert texture is not None and texture > checks.LIMITS["skin_texture"][0]  # type: ignore[operator]
    assert checks.faults({"skin_detail": checks.skin_detail(image, rebuilt, reference)}) == ["skin_detail"]
    image[20:180, 180:260] = skin_patch(blotches=True)
    assert checks.faults({"skin_detail": checks.skin_detail(image, rebuilt, reference)}) == []


def test_hat_cut_fails_a_hat_the_photos_top_edge_cuts_flat() -> None:
    """A dome hat whole in the photo scores 0; the same dome raised so the photo's top
    edge cuts across most of its width fails; nothing drawn gives None."""
    whole = np.zeros((200, 200), np.float32)
    cv2.ellipse(whole, (100, 90), (60, 60), 0, 180, 360, 1.0, -1)
    cut = np.zeros_like(whole)
    cv2.ellipse(cut, (100, 15), (60, 60), 0, 180, 360, 1.0, -1)
    good, bad = checks.hat_cut(whole), checks.hat_cut(cut)
    assert good == 0.0 and bad is not None and bad > 0.9
    assert checks.faults({"hat_cut": bad}) == ["hat_cut"] and not checks.faults({"hat_cut": good})
    assert checks.hat_cut(np.zeros_like(whole)) is None


def test_hat_band_dip_fails_a_band_cut_straight_across_the_forehead() -> None:
    """A beanie whose band comes down over the temples (its lower edge an arc 12 px lower
    at its sides, a tenth of its 120 px width) passes; the same beanie with a straight
    lower edge fails; a tilted head reads the same; no eyes or nothing drawn gives None."""
    eyes = [(80.0, 150.0), (120.0, 150.0)]

    def beanie(dip: int, angle: float = 0.0) -> np.ndarray:
        cover = np.zeros((300, 200), np.float32)
        cv2.ellipse(cover, (100, 120), (60, 70), 0, 180, 360, 1.0, -1)  # the crown
        for x in range(40, 161):  # the band: 8 px deep at its middle, `dip` more at its ends
            cover[120 : 129 + round(dip * ((x - 100) / 60) ** 2), x] = 1.0
        if angle:
            rotate = cv2.getRotationMatrix2D((100.0, 150.0), angle, 1.0)
            cover = cv2.warpAffine(cover, rotate, (200, 300))
        return cover

    worn, straight = checks.hat_band_dip(beanie(12), eyes), checks.hat_band_dip(beanie(0), eyes)
    assert worn is not None and straight is not None
    assert worn > 0.04 and abs(straight) < 0.01
    assert not checks.faults({"hat_band_dip": worn})
    assert checks.faults({"hat_band_dip": straight}) == ["hat_band_dip"]
    rotate = cv2.getRotationMatrix2D((100.0, 150.0), 20.0, 1.0)
    tilted_eyes = [tuple(rotate @ np.array([x, y, 1.0])) for x, y in eyes]
    tilted = checks.hat_band_dip(beanie(12, 20.0), tilted_eyes)
    assert tilted is not None and abs(tilted - worn) < 0.02
    assert checks.hat_band_dip(beanie(12), []) is None
    assert checks.hat_band_dip(np.zeros((300, 200), np.float32), eyes) is None


def test_hat_band_tilt_fails_a_band_slanted_down_over_one_brow() -> None:
    """A beanie level with the eyes passes, whether the head is upright or tilted 20
    degrees with the hat; the same beanie slanted 15 degrees against level eyes (down over
    one brow) fails; no eyes or nothing drawn gives None."""
    eyes = [(80.0, 150.0), (120.0, 150.0)]

    def beanie(angle: float = 0.0) -> np.ndarray:
        cover = np.zeros((300, 200), np.float32)
        cv2.ellipse(cover, (100, 120), (60, 70), 0, 180, 360, 1.0, -1)
        for x in range(40, 161):
            cover[120 : 129 + round(12 * ((x - 100) / 60) ** 2), x] = 1.0
        if angle:
            cover = cv2.warpAffine(cover, cv2.getRotationMatrix2D((100.0, 150.0), angle, 1.0), (200, 300))
        return cover

    level, slanted = checks.hat_band_tilt(beanie(), eyes), checks.hat_band_tilt(beanie(15.0), eyes)
    assert level is not None and slanted is not None
    assert level < 0.01 and slanted > 0.15
    assert not checks.faults({"hat_band_tilt": level})
    assert checks.faults({"hat_band_tilt": slanted}) == ["hat_band_tilt"]
    rotate = cv2.getRotationMatrix2D((100.0, 150.0), 20.0, 1.0)
    tilted_eyes = [tuple(rotate @ np.array([x, y, 1.0])) for x, y in eyes]
    tilted = checks.hat_band_tilt(beanie(20.0), tilted_eyes)
    assert tilted is not None and tilted < 0.01
    assert checks.hat_band_tilt(beanie(), []) is None
    assert checks.hat_band_tilt(np.zeros((300, 200), np.float32), eyes) is None


def test_backpack_detached_fails_a_backpack_hung_low_beside_the_arm() -> None:
    """A backpack's body whose top is up at its shoulder passes; the same body hung a
    fifth of a shoulder width lower beside the arm fails; the nearer shoulder counts; a
    strap alone gives None."""
    cover = np.zeros((300, 300), np.float32)
    cover[105:240, 215:280] = 1.0
    low = np.roll(cover, 60, axis=0)
    strap = np.zeros_like(cover)
    cv2.line(strap, (170, 60), (205, 140), 1.0, 6)
    shoulders = [(200.0, 100.0), (100.0, 100.0)]
    good, bad = checks.backpack_detached(cover, shoulders, 6, 100), checks.backpack_detached(low, shoulders, 6, 100)
    assert good is not None and bad is not None and good < 0.1 and bad > 0.5, (good, bad)
    assert checks.faults({"backpack_detached": bad}) == ["backpack_detached"]
    assert not checks.faults({"backpack_detached": good})
    assert checks.backpack_detached(strap, shoulders, 6, 100) is None


def test_backpack_in_front_fails_a_backpack_hung_in_front_of_the_body() -> None:
    """A backpack's body drawn over the torso fails; the same body beside the torso with
    only a thin strap crossing it passes; a strap alone gives None."""
    person = np.zeros((300, 300), np.float32)
    person[50:300, 90:210] = 1.0
    front = np.zeros_like(person)
    front[150:260, 150:230] = 1.0
    behind = np.zeros_like(person)
    behind[150:260, 210:290] = 1.0
    cv2.line(behind, (170, 60), (205, 140), 1.0, 6)
    strap = np.zeros_like(person)
    cv2.line(strap, (170, 60), (205, 140), 1.0, 6)
    bad, good = checks.backpack_in_front(front, person, 6), checks.backpack_in_front(behind, person, 6)
    assert bad is not None and good is not None and bad > 0.6 and good < 0.05
    assert checks.faults({"backpack_in_front": bad}) == ["backpack_in_front"]
    assert not checks.faults({"backpack_in_front": good})
    assert checks.backpack_in_front(strap, person, 6) is None


def test_a_rebuilt_upper_arm_with_straight_sides_fails_and_a_tapered_one_passes() -> None:
    """An upper arm rebuilt as a block as wide at the elbow as at the shoulder fails
    `limb_taper`; one that narrows from the shoulder's round to the elbow passes. The
    arm's inner side, against the new garment, is not read."""
    shoulder, elbow, neck = (250.0, 100.0), (260.0, 200.0), (200.0, 100.0)
    cover = np.zeros((300, 400), np.float32)
    cover[80:260, 150:245] = 1  # the new top's body, against the arm's inner side

    def drawn(radius_at_elbow: float) -> np.ndarray:
        mask = np.zeros((300, 400), np.uint8)
        outline = np.array([(245, 90), (245, 200), (260 + radius_at_elbow, 200), (250 + 20, 100)], np.int32)
        cv2.fillConvexPoly(mask, outline, 1)
        return mask > 0

    block = checks.limb_taper(drawn(20), cover, [(shoulder, elbow)], neck)
    tapered = checks.limb_taper(drawn(12), cover, [(shoulder, elbow)], neck)
    assert block is not None and block > checks.TAPER_MOST, block
    assert tapered is not None and tapered < checks.TAPER_MOST, tapered
    assert checks.limb_taper(drawn(12), cover, [(shoulder, elbow)], (300.0, 100.0)) is None  # inner side: the top


def test_a_rebuilt_forearm_drawn_as_a_tube_fails_and_one_that_narrows_to_the_wrist_passes() -> None:
    """A forearm rebuilt as a tube, as wide at the wrist as below the elbow, fails
    `forearm_taper`; one that swells below the elbow and narrows to the wrist passes. One
    run together with rebuilt skin beside it (a bared midriff) is not read."""
    elbow, wrist = (200.0, 100.0), (205.0, 220.0)

    def drawn(below_elbow: int, at_wrist: int) -> np.ndarray:
        mask = np.zeros((300, 400), np.uint8)
        outline = np.array(
            [
                (200 - 14, 100),
                (200 - below_elbow, 136),
                (205 - at_wrist, 220),
                (205 + at_wrist, 220),
                (200 + below_elbow, 136),
                (200 + 14, 100),
            ],
            np.int32,
        )
        cv2.fillPoly(mask, [outline], 1)
        return mask > 0

    tube = checks.forearm_taper(drawn(14, 14), [(elbow, wrist)])
    tapered = checks.forearm_taper(drawn(18, 9), [(elbow, wrist)])
    assert tube is not None and tube > checks.FOREARM_TAPER_MOST, tube
    assert tapered is not None and tapered < checks.FOREARM_TAPER_MOST - 0.2, tapered
    assert checks.faults({"forearm_taper": tube}) == ["forearm_taper"]
    assert not checks.faults({"forearm_taper": tapered})
    beside = drawn(18, 9)
    beside[:, 100:200] = True  # rebuilt skin running on from the forearm's inner side
    assert checks.forearm_taper(beside, [(elbow, wrist)]) is None


def test_an_upper_arm_rebuilt_as_wide_as_a_long_sleeve_fails_and_one_as_wide_as_its_hand_makes_it_passes() -> None:
    """An arm rebuilt from a loose long sleeve, its upper arm 30 px out from the bone
    above a hand 14 px across, fails `upper_arm_over_hand`; one 10 px out passes. Its
    side against the torso's rebuilt skin is not read; with no hand, nothing is."""
    shoulder, elbow, wrist = (200.0, 60.0), (205.0, 160.0), (208.0, 240.0)

    def drawn(half: int) -> tuple[np.ndarray, np.ndarray]:
        arm, hand = np.zeros((320, 400), np.uint8), np.zeros((320, 400), np.uint8)
        cv2.line(arm, (200, 60), (205, 160), 1, 2 * half)
        cv2.line(arm, (205, 160), (208, 240), 1, 14)
        arm[:, :150] = 1  # the torso's rebuilt skin beside the arm's inner side
        cv2.ellipse(hand, (209, 258), (7, 14), 0, 0, 360, 1, -1)
        return arm > 0, (hand > 0) & (arm == 0)

    slab = checks.upper_arm_over_hand(*drawn(30), [(shoulder, elbow, wrist)], 100.0)
    slim = checks.upper_arm_over_hand(*drawn(10), [(shoulder, elbow, wrist)], 100.0)
    assert slab is not None and slab > checks.UPPER_OVER_HAND_MOST + 1, slab
    assert slim is not None and slim < checks.UPPER_OVER_HAND_MOST - 0.2, slim
    assert checks.faults({"upper_arm_over_hand": slab}) == ["upper_arm_over_hand"]
    assert not checks.faults({"upper_arm_over_hand": slim})
    arm, _ = drawn(30)
    assert checks.upper_arm_over_hand(arm, np.zeros(arm.shape, bool), [(shoulder, elbow, wrist)], 100.0) is None
    # A sliver of a hand (fingers' tips below a pocket's edge) says nothing of the arm.
    assert checks.upper_arm_over_hand(*drawn(30), [(shoulder, elbow, wrist)], 400.0) is None


def halo_picture(backdrop: int, pale_rim: bool) -> tuple[np.ndarray, np.ndarray]:
    """A dark garment with a soft edge over a plain backdrop, and its cover. With
    `pale_rim` the outer part of the edge carries the product photo's white backdrop."""
    solid = np.zeros((200, 200), np.uint8)
    cv2.circle(solid, (100, 100), 60, (255,), -1)
    cover = cv2.GaussianBlur(solid.astype(np.float32) / 255, (0, 0), 2.0)
    colour = np.where(pale_rim & (cover < 0.4), 255.0, 30.0).astype(np.float32)
    image = cover * colour + (1 - cover) * backdrop
    return np.repeat(np.clip(image, 0, 255).astype(np.uint8)[:, :, None], 3, axis=2), cover


def test_edge_halo_finds_a_pale_rim_on_light_and_dark_backdrops() -> None:
    for backdrop in (200, 40):
        image, cover = halo_picture(backdrop, pale_rim=True)
        value = checks.edge_halo(image, cover)
        assert value is not None and value > checks.HALO_SHARE, (backdrop, value)
        image, cover = halo_picture(backdrop, pale_rim=False)
        value = checks.edge_halo(image, cover)
        assert value is not None and value <= checks.HALO_SHARE, (backdrop, value)


def fringe_picture(backdrop: int, dashes: bool) -> tuple[np.ndarray, np.ndarray]:
    """A pale garment printed with dark spots, with a soft edge over a plain backdrop,
    and its cover. With `dashes` the edge carries dark dashes across it every few
    degrees round the outline (the spots smeared outward); without, the pale ground."""
    solid = np.zeros((200, 200), np.uint8)
    cv2.circle(solid, (100, 100), 60, (255,), -1)
    cover = cv2.GaussianBlur(solid.astype(np.float32) / 255, (0, 0), 3.0)
    fabric = np.full((200, 200), 235.0, np.float32)
    for y in range(8, 200, 16):
        for x in range(8, 200, 16):
            cv2.circle(fabric, (x, y), 5, (30.0,), -1)
    ys, xs = np.mgrid[:200, :200]
    spoke = (np.degrees(np.arctan2(ys - 100, xs - 100)) % 8) < 3
    edge = np.where(dashes & spoke, 30.0, 235.0).astype(np.float32)
    colour = np.where(cover >= 0.9, fabric, edge)
    image = cover * colour + (1 - cover) * backdrop
    return np.repeat(np.clip(image, 0, 255).astype(np.uint8)[:, :, None], 3, axis=2), cover


def test_edge_fringe_finds_dark_dashes_across_a_spotted_garments_outline() -> None:
    for backdrop in (200, 60):
        image, cover = fringe_picture(backdrop, dashes=True)
        value = checks.edge_fringe(image, cover)
        assert value is not None and value > checks.FRINGE_SHARE, (backdrop, value)
        image, cover = fringe_picture(backdrop, dashes=False)
        value = checks.edge_fringe(image, cover)
        assert value is not None and value <= checks.FRINGE_SHARE, (backdrop, value)
    # A plain dark garment's clean edge, and one with a pale rim all round, are no fringe.
    for pale_rim in (False, True):
        image, cover = halo_picture(200, pale_rim=pale_rim)
        value = checks.edge_fringe(image, cover)
        assert value is not None and value <= checks.FRINGE_SHARE, (pale_rim, value)


def test_floor_between_the_leg_and_the_new_shoe_fails() -> None:
    """A leg kept down to row 100 over a new shoe 100 px long: a shoe whose top starts
    at row 101 meets it and passes; one starting at row 120 leaves 19 rows of floor
    under the ankle and fails."""
    kept = np.zeros((200, 200), bool)
    kept[20:101, 90:111] = True
    for top, fails in ((101, False), (120, True)):
        cover = np.zeros((200, 200), np.float32)
        cover[top:160, 60:160] = 1.0
        gap = checks.collar_gap(cover, kept, [(100.0, 95.0)], 100.0)
        assert gap is not None
        assert (checks.faults({"collar_gap": gap}) == ["collar_gap"]) is fails
    assert checks.collar_gap(np.zeros((200, 200), np.float32), kept, [(100.0, 95.0)], 100.0) is None


def test_backdrop_smear_finds_skin_blended_over_the_backdrop() -> None:
    """A refilled band over a gradient backdrop: continued, it passes; blended half-way
    with the skin beside it (the smear above the shoulders), it fails."""
    original = np.zeros((200, 200, 3), np.uint8)
    original[:, :] = (200, 205, 210)
    original[:, :, 2] = np.linspace(180, 240, 200).astype(np.uint8)[None, :]
    backdrop = np.ones((200, 200), bool)
    backdrop[120:, 60:140] = False  # the person
    refilled = np.zeros((200, 200), bool)
    refilled[90:120, 40:160] = True
    clean = original.copy()
    value = checks.backdrop_smear(clean, original, refilled, backdrop, 20.0)
    assert value is not None and checks.faults({"backdrop_smear": value}) == [], value
    smeared = original.copy()
    smeared[refilled] = (original[refilled] * 0.5 + np.array([205, 150, 120]) * 0.5).astype(np.uint8)
    value = checks.backdrop_smear(smeared, original, refilled, backdrop, 20.0)
    assert value is not None and checks.faults({"backdrop_smear": value}) == ["backdrop_smear"], value
    assert checks.backdrop_smear(clean, original, np.zeros((200, 200), bool), backdrop, 20.0) is None


def test_backdrop_seam_finds_a_grey_halo_round_the_shoulders_over_a_white_wall() -> None:
    """A grey band of wall above a white one, the old top's square shoulders refilled
    just below their line: continued from the white wall beside it (with its grain), the
    refill passes; the grey of the band above it brought down round the shoulders (a
    halo) fails. `backdrop_smear`, reading the wall's mean further round, grey and white
    together, passes the halo."""
    rng = np.random.default_rng(3)
    original = np.full((240, 240, 3), 232, np.float32)
    original[:40] = 150  # the grey band
    original += rng.normal(0, 3, original.shape)
    original = np.clip(original, 0, 255).astype(np.uint8)
    backdrop = np.ones((240, 240), bool)
    backdrop[100:, 80:160] = False  # the person
    refilled = np.zeros((240, 240), bool)
    refilled[56:100, 50:190] = True  # the old top's shoulders beside and above the body
    refilled &= backdrop
    clean = original.copy()
    value = checks.backdrop_seam(clean, original, refilled, backdrop, 3)
    assert value is not None and checks.faults({"backdrop_seam": value}) == [], value
    halo = original.copy()
    halo[refilled] = 185
    value = checks.backdrop_seam(halo, original, refilled, backdrop, 3)
    assert value is not None and checks.faults({"backdrop_seam": value}) == ["backdrop_seam"], value
    smear = checks.backdrop_smear(halo, original, refilled, backdrop, 60.0)
    assert smear is not None and checks.faults({"backdrop_smear": smear}) == [], smear
    assert checks.backdrop_seam(clean, original, np.zeros((240, 240), bool), backdrop, 3) is None


def test_loose_fill_finds_the_old_sleeve_left_beside_the_arm_inside_the_silhouette() -> None:
    """A wide dark sleeve's rest beside a bare arm, inside the person's silhouette, over a
    gradient backdrop: refilled as the backdrop going on, it passes; with dark bits of
    the old sleeve left along the new garment, or skin smeared across it in streaks, it
    fails. `backdrop_smear` never reads it: the place is no backdrop in the mask."""
    scene = np.zeros((240, 240, 3), np.uint8)
    scene[:, :] = (200, 205, 210)
    scene[:, :, 2] = np.linspace(180, 240, 240).astype(np.uint8)[None, :]
    backdrop = np.ones((240, 240), bool)
    backdrop[60:, 70:170] = False  # the person: body and loose sleeves
    original = scene.copy()
    original[~backdrop] = (20, 20, 25)  # the dark old sweater
    refilled = np.zeros((240, 240), bool)
    refilled[80:180, 75:95] = refilled[80:180, 145:165] = True  # the sleeves' rest beside the arms
    clean = original.copy()
    clean[refilled] = scene[refilled]
    value = checks.loose_fill(clean, original, refilled, backdrop, 25.0)
    assert value is not None and checks.faults({"loose_fill": value}) == [], value
    assert checks.backdrop_smear(clean, original, refilled & backdrop, backdrop, 25.0) is None
    bits = clean.copy()
    bits[80:180, 88:95] = bits[80:180, 145:152] = (40, 40, 45)  # the old sleeve's dark edge left
    value = checks.loose_fill(bits, original, refilled, backdrop, 25.0)
    assert value is not None and checks.faults({"loose_fill": value}) == ["loose_fill"], value
    streaks = clean.copy()
    streaks[80:180:4][refilled[80:180:4]] = (205, 150, 120)  # skin drawn across in streaks
    streaks[81:180:4][refilled[81:180:4]] = (205, 150, 120)
    value = checks.loose_fill(streaks, original, refilled, backdrop, 25.0)
    assert value is not None and checks.faults({"loose_fill": value}) == ["loose_fill"], value


def test_legs_changed_finds_bare_shins_and_shoes_rebuilt_below_a_dress() -> None:
    """Bare shins and shoes below a new dress's hem: kept, with only the hem's contact
    shadow on the skin just below it, they pass; rebuilt as flat, paler cones with the
    shoes smeared, they fail."""
    before = np.full((300, 200, 3), 235, np.uint8)
    legs = np.zeros((300, 200), bool)
    for x in (60, 120):
        before[120:250, x : x + 24] = (150, 100, 80)  # bare shins
        before[250:270, x - 4 : x + 30] = (20, 20, 25)  # shoes
        legs[120:270, x - 4 : x + 30] = True
    cover = np.zeros((300, 200), np.float32)
    cover[:130] = 1  # the new dress, its hem over the top of the shins
    kept = before.copy()
    kept[130:134][legs[130:134]] = (110, 70, 55)  # the hem's contact shadow
    value = checks.legs_changed(before, kept, legs, cover, 5)
    assert value is not None and checks.faults({"legs_changed": value}) == [], value
    rebuilt = before.copy()
    for x in (60, 120):
        rebuilt[130:245, x + 2 : x + 22] = (215, 170, 150)  # a paler, flat cone
        rebuilt[245:270, x - 4 : x + 30] = (120, 110, 105)  # the shoes smeared
    value = checks.legs_changed(before, rebuilt, legs, cover, 5)
    assert value is not None and checks.faults({"legs_changed": value}) == ["legs_changed"], value
    assert checks.legs_changed(before, before, np.zeros((300, 200), bool), cover, 5) is None


def test_trousers_left_finds_the_old_trousers_below_a_dress() -> None:
    """Black trousers under a new dress: legs rebuilt below its hem pass; a trouser leg
    kept below the hem, or its hem's band round the ankles, fails; the person's own bare
    shins below shorts (not the shorts' colour) pass as they are."""
    before = np.full((300, 200, 3), 235, np.uint8)
    line = np.zeros((300, 200), bool)
    for x in (60, 120):
        before[40:260, x : x + 24] = (15, 15, 20)  # black trouser legs
        line[130:265, x + 6 : x + 18] = True  # the legs' line below the hem
    trousers = cv2.cvtColor(np.array([[[15, 15, 20]]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)
    rebuilt = before.copy()
    for x in (60, 120):
        rebuilt[130:260, x + 2 : x + 22] = (170, 120, 95)  # legs rebuilt
        rebuilt[130:260, x : x + 2] = rebuilt[130:260, x + 22 : x + 24] = 235  # the backdrop beside them
    value = checks.trousers_left(before, rebuilt, line, trousers)
    assert value is not None and checks.faults({"trousers_left": value}) == [], value
    kept = rebuilt.copy()
    kept[130:260, 60:84] = before[130:260, 60:84]  # one trouser leg left below the hem
    value = checks.trousers_left(before, kept, line, trousers)
    assert value is not None and checks.faults({"trousers_left": value}) == ["trousers_left"], value
    hems = rebuilt.copy()
    for x in (60, 120):
        hems[240:260, x : x + 24] = before[240:260, x : x + 24]  # the hems' bands round the ankles
    value = checks.trousers_left(before, hems, line, trousers)
    assert value is not None and checks.faults({"trousers_left": value}) == ["trousers_left"], value
    shorts = rebuilt.copy()
    value = checks.trousers_left(shorts, shorts, line, trousers)  # bare shins, unchanged
    assert value is not None and checks.faults({"trousers_left": value}) == [], value
    assert checks.trousers_left(before, rebuilt, np.zeros((300, 200), bool), trousers) is None


def test_a_level_sole_on_a_foot_facing_the_camera_fails() -> None:
    """Feet pointing at the camera (heel straight above toe): a side-view shoe pasted
    level fails; one whose sole falls 20 px to its outer toe end over 60 passes; feet
    seen from the side are not measured."""
    feet = [[(80.0, 100.0), (80.0, 110.0), (80.0, 140.0)], [(160.0, 100.0), (160.0, 110.0), (160.0, 140.0)]]
    level = np.zeros((200, 240), np.float32)
    level[110:150, 40:100] = 1.0
    level[110:150, 140:200] = 1.0
    value = checks.sole_fall(level, feet, 80.0)
    assert value is not None and checks.faults({"sole_fall": value}) == ["sole_fall"]
    turned = np.zeros((200, 240), np.float32)
    for x in range(40, 100):  # the left shoe's toe out to the left, lower
        turned[110 - (x - 40) // 3 : 150 - (x - 40) // 3, x] = 1.0
        turned[110 - (x - 40) // 3 : 150 - (x - 40) // 3, 239 - x] = 1.0
    value = checks.sole_fall(turned, feet, 80.0)
    assert value is not None and value > 0.2 and checks.faults({"sole_fall": value}) == []
    side = [[(80.0, 100.0), (60.0, 110.0), (120.0, 115.0)], [(160.0, 100.0), (140.0, 110.0), (200.0, 115.0)]]
    assert checks.sole_fall(level, side, 80.0) is None


def test_a_shin_rebuilt_over_an_old_shaft_is_leg_not_floor() -> None:
    """A bare leg whose old boot shaft (rows 80 to 120) the render replaced: rebuilt as
    a shin in the leg's shade, it is leg and the new shoe below meets it; painted with
    the floor's colour, it is a gap of floor under the leg and fails."""
    skin = np.array([[[200, 150, 130]]], np.uint8)
    skin_lab = cv2.cvtColor(skin, cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    before = np.full((200, 200, 3), 225, np.uint8)
    before[20:80, 90:111] = skin
    before[80:160, 80:121] = (90, 50, 30)  # the old boot
    body = np.zeros((200, 200), bool)
    body[20:160, 80:121] = True
    cover = np.zeros((200, 200), np.float32)
    cover[120:160, 60:160] = 1.0  # the new low shoe
    for shin, fails in (((160, 118, 100), False), ((225, 225, 225), True)):
        after = before.copy()
        after[80:120, 80:121] = 225
        after[80:120, 90:111] = shin
        after[120:160, 60:160] = (30, 30, 30)
        kept = checks.leg_shown(before, after, body, cover, skin_lab)
        gap = checks.collar_gap(cover, kept, [(100.0, 95.0)], 100.0)
        assert gap is not None and (checks.faults({"collar_gap": gap}) == ["collar_gap"]) is fails, gap


def test_an_old_shaft_left_between_the_new_shoe_and_the_bare_shin_fails() -> None:
    """A bare shin over a new low shoe (rows 120 to 160): a brown boot shaft left on rows
    80 to 120 fails; the shin run down to the shoe passes; a trouser leg down to the shoe
    is not bare, so nothing is measured."""
    skin = np.array([[[200, 150, 130]]], np.uint8)
    skin_lab = cv2.cvtColor(skin, cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    body = np.zeros((200, 200), bool)
    body[0:160, 85:116] = True
    cover = np.zeros((200, 200), np.float32)
    cover[120:160, 60:160] = 1.0
    shins = [((100.0, 0.0), (100.0, 115.0))]
    values = {}
    for name, below in (("shaft", (90, 50, 30)), ("shin", (185, 138, 120)), ("trousers", (40, 50, 90))):
        image = np.full((200, 200, 3), 225, np.uint8)
        image[0:120, 85:116] = (40, 50, 90) if name == "trousers" else skin
        image[80:120, 85:116] = below
        image[120:160, 60:160] = (30, 30, 30)
        values[name] = checks.shaft_left(image, cover, body, skin_lab, shins, 100.0)
    assert values["shaft"] is not None and checks.faults({"shaft_left": values["shaft"]}) == ["shaft_left"]
    assert values["shin"] == 0.0 and checks.faults({"shaft_left": values["shin"]}) == []
    assert values["trousers"] is None


def test_two_shoes_side_by_side_drawn_as_one_block_fail() -> None:
    """Feet side by side, toes apart: one block of shoe across the ankles' middle fails;
    the same shoes with a parting between them pass; feet one ahead of the other
    (walking) and a profile (both toes one way) are not measured."""
    feet = [[(100.0, 100.0), (100.0, 110.0), (96.0, 140.0)], [(140.0, 100.0), (140.0, 110.0), (144.0, 140.0)]]
    block = np.zeros((200, 240), np.float32)
    block[110:150, 50:190] = 1.0
    value = checks.shoes_merged(block, feet, 80.0)
    assert value is not None and checks.faults({"shoes_merged": value}) == ["shoes_merged"], value
    parted = block.copy()
    parted[:, 117:123] = 0.0
    value = checks.shoes_merged(parted, feet, 80.0)
    assert value == 0.0 and checks.faults({"shoes_merged": value}) == []
    walking = [feet[0], [(140.0, 60.0), (140.0, 70.0), (144.0, 90.0)]]
    assert checks.shoes_merged(block, walking, 80.0) is None
    profile = [[(100.0, 100.0), (80.0, 130.0), (150.0, 135.0)], [(140.0, 100.0), (120.0, 130.0), (190.0, 135.0)]]
    assert checks.shoes_merged(block, profile, 80.0) is None


def test_shoulder_bare_fails_a_seam_below_the_persons_own_shoulder() -> None:
    """Square shoulders 100 px apart: a panel whose top follows them passes; one lying
    12 px lower beside the neck, the shoulder standing above it as a ledge, fails."""
    body = np.zeros((300, 300), np.uint8)
    cv2.fillPoly(
        body, [np.array([(135, 40), (165, 40), (165, 80), (240, 86), (245, 300), (55, 300), (60, 86), (135, 80)])], 1
    )
    face = np.zeros((300, 300), bool)
    face[:60, 130:170] = True
    neck, hips = (150.0, 100.0), (150.0, 260.0)
    rows = np.arange(300)[:, None]
    follows = ((body > 0) & ((rows >= 86) | (np.abs(np.arange(300) - 150)[None, :] > 15))).astype(np.float32)
    follows[:80] = 0
    low = follows.copy()
    low[:98] = 0
    good = checks.shoulder_bare(follows, body, face, neck, hips, 100.0)
    bad = checks.shoulder_bare(low, body, face, neck, hips, 100.0)
    assert good is not None and bad is not None
    assert not checks.faults({"shoulder_bare": good}), good
    assert checks.faults({"shoulder_bare": bad}) == ["shoulder_bare"], bad
    cami = follows.copy()
    cami[:130] = 0
    cami[86:130, 110:116] = cami[86:130, 184:190] = 1  # straps: the shoulders bare by design
    assert checks.shoulder_bare(cami, body, face, neck, hips, 100.0) is None
    assert (
        checks.shoulder_bare(
            np.zeros((40, 40), np.float32), body[:40, :40], face[:40, :40], (20, -200), (20, -100), 10.0
        )
        is None
    )


def test_shoulder_shelf_fails_a_tees_top_below_the_shoulders_outline() -> None:
    """Sloping shoulders 100 px apart under a tall neck: a tee whose top follows their
    outline passes; one lying 10 px lower beside the neck, the body's shoulder standing
    above it as a shelf, fails; the neck above the collar is not a shelf; a cami's
    straps leave the shoulders bare by design."""
    body = np.zeros((300, 300), np.uint8)
    outline = [(138, 20), (162, 20), (162, 78), (250, 100), (255, 300), (45, 300), (50, 100), (138, 78)]
    cv2.fillPoly(body, [np.array(outline)], 1)
    neck, hips = (150.0, 100.0), (150.0, 260.0)
    follows = body.astype(np.float32)
    follows[:80] = 0
    follows[80:90, 140:160] = 0  # the collar's opening: the neck above it is the neck
    low = follows.copy()
    rows = np.arange(300)[:, None]
    slope = 78 + (np.abs(np.arange(300) - 150)[None, :] - 12) * 22 / 88
    low[rows < slope + 10] = 0
    good = checks.shoulder_shelf(follows, body, neck, hips, 100.0)
    bad = checks.shoulder_shelf(low, body, neck, hips, 100.0)
    assert good is not None and bad is not None
    assert not checks.faults({"shoulder_shelf": good}), good
    assert checks.faults({"shoulder_shelf": bad}) == ["shoulder_shelf"], bad
    cami = follows.copy()
    cami[:130] = 0
    cami[86:130, 110:116] = cami[86:130, 184:190] = 1
    assert checks.shoulder_shelf(cami, body, neck, hips, 100.0) is None
    assert checks.shoulder_shelf(np.zeros((40, 40), np.float32), body[:40, :40], (20, -200), (20, -100), 10.0) is None


def test_hair_cut_finds_hair_overwritten_by_the_new_garment() -> None:
    before = np.full((200, 200, 3), 200, np.uint8)
    before[40:160, 60:80] = (70, 45, 30)
    hair = np.zeros((200, 200), bool)
    hair[40:160, 60:80] = True
    value = checks.hair_cut(before, before.copy(), hair)
    assert value is not None and checks.faults({"hair_cut": value}) == [], value
    cut = before.copy()
    cut[100:160, 50:150] = (250, 250, 250)
    value = checks.hair_cut(before, cut, hair)
    assert value is not None and checks.faults({"hair_cut": value}) == ["hair_cut"], value
    assert checks.hair_cut(before, before, np.zeros((200, 200), bool)) is None


def test_fair_hair_cut_finds_a_fair_lock_rebuilt_as_a_skin_coloured_block() -> None:
    """A fair lock of light and darker strands over the shoulder: kept as shot it passes;
    its lower half rebuilt as one flat skin-coloured block (`carvekit--3`'s renders before
    session 43) fails; no fair hair reads nothing."""
    before = np.full((200, 200, 3), 90, np.uint8)
    before[40:160, 60:84] = (214, 180, 150)
    before[40:160, 60:84:3] = (176, 140, 112)
    fair = np.zeros((200, 200), bool)
    fair[40:160, 60:84] = True
    value = checks.fair_hair_cut(before, before.copy(), fair)
    assert value is not None and checks.faults({"fair_hair_cut": value}) == [], value
    block = before.copy()
    block[100:160, 56:90] = (205, 165, 140)
    value = checks.fair_hair_cut(before, block, fair)
    assert value is not None and checks.faults({"fair_hair_cut": value}) == ["fair_hair_cut"], value
    assert checks.fair_hair_cut(before, before, np.zeros((200, 200), bool)) is None


def test_hair_cut_finds_a_locks_lit_side_redrawn_as_a_flat_block() -> None:
    """A lock of dark and lit strands over the shoulder: its lit outer side (a twelfth
    of it) redrawn as a flat brown block beside the neck is a cut lock, as `fitdit_2`'s
    renders before session 32 (0.09, under the old limit of 0.1)."""
    before = np.full((200, 200, 3), 200, np.uint8)
    before[40:160, 60:84] = (70, 45, 30)
    before[40:160, 60:84:3] = (120, 82, 55)
    hair = np.zeros((200, 200), bool)
    hair[40:160, 60:84] = True
    block = before.copy()
    block[40:160, 60:62] = (150, 120, 100)
    value = checks.hair_cut(before, block, hair)
    assert value is not None and checks.faults({"hair_cut": value}) == ["hair_cut"], value


def test_neck_patch_fails_old_garment_found_apart_on_the_neck() -> None:
    """A top's mask below shoulders at y 100, and a patch under the chin apart from it:
    the patch fails; a turtleneck's collar joined to the top does not count."""
    top = np.zeros((300, 300), bool)
    top[100:280, 60:240] = True
    shoulders = [(80.0, 100.0), (220.0, 104.0)]
    assert checks.neck_patch(top, shoulders, 140.0) == 0.0
    patched = top.copy()
    patched[70:85, 130:170] = True
    value = checks.neck_patch(patched, shoulders, 140.0)
    assert value is not None and checks.faults({"neck_patch": value}) == ["neck_patch"], value
    collar = top.copy()
    collar[60:100, 125:175] = True
    assert checks.neck_patch(collar, shoulders, 140.0) == 0.0
    assert checks.neck_patch(np.zeros((10, 10), bool), shoulders, 140.0) is None


def test_glasses_off_eyes_fails_a_far_lens_stretched_past_the_face() -> None:
    """Two lenses drawn on the eyes (a clear lens: rims only, and a thin temple arm going
    back from the near one) pass; the far lens drawn from the bridge out past the face's
    edge, as a flat frame on a three-quarter face was, fails."""
    eyes = [((180.0, 200.0), (140.0, 200.0)), ((220.0, 200.0), (250.0, 200.0))]
    on = np.zeros((400, 400), np.float32)
    cv2.ellipse(on, (160, 200), (30, 22), 0, 0, 360, 1.0, 3)
    cv2.ellipse(on, (235, 200), (22, 22), 0, 0, 360, 1.0, 3)
    cv2.line(on, (190, 196), (213, 196), 1.0, 3)
    cv2.line(on, (130, 192), (60, 188), 1.0, 2)  # the near arm
    assert checks.glasses_off_eyes(on, eyes) < 0.3
    stretched = on.copy()
    stretched[:, 200:] = 0
    cv2.ellipse(stretched, (275, 200), (70, 22), 0, 0, 360, 1.0, -1)
    value = checks.glasses_off_eyes(stretched, eyes)
    assert value is not None and value > checks.GLASSES_OFF_EYES


def test_bag_split_fails_a_bag_the_arm_cuts_in_two_or_through_its_middle() -> None:
    """A bag whose inner side the arm covers whole passes; the same bag with the arm down
    its middle (two pieces) or an arm-shaped hole inside it fails; a strap alone gives None."""
    bag = np.zeros((300, 300), np.float32)
    bag[150:250, 80:220] = 1.0
    cv2.line(bag, (100, 40), (110, 150), 1.0, 4)  # its strap
    side, middle, hole = bag.copy(), bag.copy(), bag.copy()
    side[100:260, 70:110] = 0.0
    middle[100:260, 135:165] = 0.0
    hole[170:230, 135:165] = 0.0
    good = checks.bag_split(side, 4)
    assert good is not None and good < 0.01 and not checks.faults({"bag_split": good})
    for bad in (checks.bag_split(middle, 4), checks.bag_split(hole, 4)):
        assert bad is not None and checks.faults({"bag_split": bad}) == ["bag_split"], bad
    strap = np.zeros_like(bag)
    cv2.line(strap, (100, 40), (110, 150), 1.0, 4)
    assert checks.bag_split(strap, 4) is None


def test_backpack_strap_bend_fails_a_straight_bar_and_passes_a_strap_bending_to_the_armpit() -> None:
    """A backpack's body beside the torso with its front strap drawn as a straight bar
    fails; the strap running down from the shoulder and bending out under the arm passes."""
    body = np.zeros((400, 400), np.float32)
    body[120:330, 260:360] = 1.0
    bar = body.copy()
    cv2.line(bar, (200, 100), (235, 230), 1.0, 18)
    bent = body.copy()
    t = np.linspace(0, 1, 30)[:, None]
    curve = (1 - t) ** 2 * np.array([200, 100]) + 2 * (1 - t) * t * np.array([200, 200]) + t**2 * np.array([240, 235])
    cv2.polylines(bent, [curve.astype(np.int32)], False, 1.0, 18)
    straight, curved = checks.backpack_strap_bend(bar, 18), checks.backpack_strap_bend(bent, 18)
    assert straight is not None and curved is not None and straight < 0.01 < 0.03 < curved, (straight, curved)
    assert checks.faults({"backpack_strap_bend": straight}) == ["backpack_strap_bend"]
    assert not checks.faults({"backpack_strap_bend": curved})
    assert checks.backpack_strap_bend(body, 18) is None


def test_old_sliver_sees_flecks_of_the_old_top_beside_the_panel_that_old_colour_bare_does_not() -> None:
    """White flecks of the old top a few pixels wide between a new black panel and the
    arm, on every other run of rows: a small share of the old top's whole place (here
    mostly a midriff rebuilt below the shorter new top), which `old_colour_bare` reads,
    and most of the thin band just outside the panel."""
    white, skin = (235, 235, 232), SKIN

    def to_lab(*rgbs: tuple[int, int, int]) -> np.ndarray:
        return cv2.cvtColor(np.array([rgbs], np.float32) / 255, cv2.COLOR_RGB2LAB)[0]

    image = np.full((240, 240, 3), (200, 200, 205), np.uint8)  # a grey backdrop
    person = np.zeros((240, 240), np.float32)
    person[30:230, 60:180] = 1  # the trunk
    person[40:200, 30:60] = person[40:200, 180:210] = 1  # the arms beside it
    person[40:200, 55:60] = person[40:200, 180:185] = 0.45  # the gaps under their outline
    image[person > 0.9] = skin
    cover = np.zeros((240, 240), np.float32)
    cover[30:160, 60:180] = 1  # the new panel, up to the arms; the midriff below rebuilt
    image[cover > 0] = (20, 20, 20)
    old = np.zeros((240, 240), bool)
    old[30:230, 57:183] = True  # where the old top was
    args = (cover, old, person, to_lab(white), to_lab(skin), 5)
    clean = checks.old_sliver(image, *args)
    cover[40:160, 60:64] = cover[40:160, 176:180] = 0  # the panel's side short of the arm...
    for y in range(40, 160, 12):
        image[y : y + 6, 56:64] = image[y : y + 6, 176:184] = white  # ...and flecks of the old top there
    flecks = checks.old_sliver(image, *args)
    assert checks.faults({"old_sliver": clean}) == [], clean
    assert checks.faults({"old_sliver": flecks}) == ["old_sliver"], flecks
    broad = checks.old_colour_bare(image, old, cover, to_lab(white), to_lab(skin))
    assert checks.faults({"old_colour_bare": broad}) == [], broad


def test_a_shoe_drawn_well_above_its_foots_sole_fails() -> None:
    """A foot's sole on row 160 (its columns 80 to 120): a new shoe ending on row 125, as
    drawn from a pose whose heel and toe sit on the instep, fails; one ending on the sole
    passes; no shoe in the foot's columns is not measured."""
    floating = np.zeros((200, 200), np.float32)
    floating[95:125, 70:130] = 1.0
    grounded = np.zeros((200, 200), np.float32)
    grounded[130:160, 70:130] = 1.0
    soles = [(80, 120, 160.0)]
    above = checks.shoe_above_sole(floating, soles, 100.0)
    assert above is not None and checks.faults({"shoe_above_sole": above}) == ["shoe_above_sole"], above
    on = checks.shoe_above_sole(grounded, soles, 100.0)
    assert on == 0.0 and checks.faults({"shoe_above_sole": on}) == []
    assert checks.shoe_above_sole(np.zeros((200, 200), np.float32), soles, 100.0) is None


def test_a_shoe_laid_flat_under_a_pointed_foot_fails() -> None:
    """A foot pointed down (heel level with the ankle at row 102, toe far below at row
    180): a shoe laid level under it fails, one along its heel-to-toe line passes; a
    foot flat on the floor (heel well below the ankle) is not measured."""
    pointed = [(100.0, 100.0), (100.0, 102.0), (110.0, 180.0)]
    flat_foot = [(300.0, 100.0), (300.0, 150.0), (320.0, 175.0)]
    level = np.zeros((260, 400), np.float32)
    level[160:195, 55:160] = 1.0
    along = np.zeros((260, 400), np.float32)
    cv2.line(along, (99, 92), (112, 195), 1.0, 30)
    feet = [pointed, flat_foot]
    laid = checks.shoe_pitch(level, feet, 100.0)
    assert laid is not None and checks.faults({"shoe_pitch": laid}) == ["shoe_pitch"], laid
    followed = checks.shoe_pitch(along, feet, 100.0)
    assert followed is not None and followed < 5 and checks.faults({"shoe_pitch": followed}) == [], followed
    assert checks.shoe_pitch(level, [flat_foot, flat_foot], 100.0) is None


def _neckline(coat: bool) -> tuple[np.ndarray, np.ndarray]:
    """A drawn chest in Lab, and its skin: a neck of skin over a grey tee, with (or
    without) a black coat open over it, its fronts running down from the shoulders to
    the body's outline."""
    rgb = np.full((200, 200, 3), 245, np.uint8)
    cv2.rectangle(rgb, (20, 60), (180, 200), (128, 128, 132), -1)  # the tee
    cv2.rectangle(rgb, (80, 0), (120, 70), (200, 150, 120), -1)  # the neck
    if coat:
        cv2.fillConvexPoly(rgb, np.array([(20, 60), (85, 60), (95, 200), (20, 200)]), (25, 25, 28))
        cv2.fillConvexPoly(rgb, np.array([(115, 60), (180, 60), (180, 200), (105, 200)]), (25, 25, 28))
    skin = np.all(rgb == (200, 150, 120), axis=2)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32), skin


def test_necklace_across_layers_counts_a_chain_laid_over_an_open_coats_fronts() -> None:
    """The same chain, from the neck's sides down over the chest: over an open coat's
    fronts most of it lies on clothes in front of the tee it would hang on; on the tee
    alone, none; one drawn nowhere gives None."""
    cover = np.zeros((200, 200), np.float32)
    cv2.ellipse(cover, (100, 66), (45, 70), 0, 0, 180, 1.0, 3)
    with_coat, skin = _neckline(coat=True)
    across = checks.necklace_across_layers(with_coat, cover, skin)
    assert across is not None and across > checks.NECKLACE_ACROSS_MOST
    tee, skin = _neckline(coat=False)
    assert checks.necklace_across_layers(tee, cover, skin) == 0.0
    assert checks.necklace_across_layers(tee, np.zeros_like(cover), skin) is None


def test_worn_jewellery_left_counts_her_hoop_kept_beside_the_new_piece() -> None:
    """A drawn gold hoop left as it was scores 1; painted out, 0; under the new piece
    it does not count; a person wearing none gives None."""
    before = np.full((60, 60, 3), 230, np.uint8)
    cv2.ellipse(before, (30, 30), (8, 12), 0, 0, 360, (215, 160, 40), 2)
    worn = np.all(before == (215, 160, 40), axis=2)
    cover = np.zeros((60, 60), np.float32)
    assert checks.worn_jewellery_left(before, before.copy(), worn, cover) == 1.0
    painted = np.full((60, 60, 3), 230, np.uint8)
    assert checks.worn_jewellery_left(before, painted, worn, cover) == 0.0
    cover[:, :30] = 1.0
    half = before.copy()
    half[:, 30:] = 230
    assert checks.worn_jewellery_left(before, half, worn, cover) == 0.0
    assert checks.worn_jewellery_left(before, before, np.zeros((60, 60), bool), cover) is None


def test_earring_aslant_reads_a_drop_tilted_from_plumb_and_leaves_studs_out() -> None:
    """A drawn drop turned 40 degrees reads about 40, one hanging plumb about 0; a round
    stud is no drop (None); a speck shorter than the least length is left out."""

    def drop(angle: float) -> np.ndarray:
        cover = np.zeros((200, 200), np.float32)
        box = cv2.boxPoints(((100.0, 100.0), (12.0, 70.0), angle))
        cv2.fillConvexPoly(cover, box.astype(np.int32), 1.0)
        return cover

    tilted = checks.earring_aslant(drop(40), 10)
    assert tilted is not None and abs(tilted - 40) < 3, tilted
    assert checks.faults({"earring_aslant": tilted}) == ["earring_aslant"]
    plumb = checks.earring_aslant(drop(0), 10)
    assert plumb is not None and plumb < 1 and checks.faults({"earring_aslant": plumb}) == []
    stud = np.zeros((200, 200), np.float32)
    cv2.circle(stud, (100, 100), 12, 1.0, -1)
    assert checks.earring_aslant(stud, 10) is None
    assert checks.earring_aslant(drop(40), 100) is None


def test_necklace_narrow_reads_the_drawn_loops_width_in_face_widths() -> None:
    """A drawn loop 100 px wide under a face 100 px wide reads 1.0 and passes; one 30 px
    wide (hung on a shoulder) reads 0.3, a fault; nothing drawn gives None."""
    cover = np.zeros((200, 200), np.float32)
    cv2.ellipse(cover, (100, 80), (50, 40), 0, 0, 180, 1.0, 4)
    wide = checks.necklace_narrow(cover, 100.0)
    assert wide is not None and abs(wide - 1.0) < 0.1 and checks.faults({"necklace_narrow": wide}) == []
    small = np.zeros((200, 200), np.float32)
    cv2.ellipse(small, (100, 80), (15, 12), 0, 0, 180, 1.0, 3)
    narrow = checks.necklace_narrow(small, 100.0)
    assert narrow is not None and narrow < 0.4 and checks.faults({"necklace_narrow": narrow}) == ["necklace_narrow"]
    assert checks.necklace_narrow(np.zeros((200, 200), np.float32), 100.0) is None


def test_necklace_cut_counts_the_loose_ends_at_the_photos_edge() -> None:
    """A drawn loop inside the photo has no loose end and passes; the same loop hung
    60 px lower, its bottom cut off by the photo's lower edge, runs into it twice (its two
    sides): a fault. Nothing drawn gives None."""
    cover = np.zeros((200, 200), np.float32)
    cv2.ellipse(cover, (100, 80), (50, 40), 0, 0, 180, 1.0, 4)
    assert checks.necklace_cut(cover) == 0.0 and checks.faults({"necklace_cut": 0.0}) == []
    cut = np.zeros((200, 200), np.float32)
    cv2.ellipse(cut, (100, 170), (50, 40), 0, 0, 180, 1.0, 4)
    ends = checks.necklace_cut(cut)
    assert ends == 2.0 and checks.faults({"necklace_cut": ends}) == ["necklace_cut"]
    assert checks.necklace_cut(np.zeros((200, 200), np.float32)) is None


def test_old_frame_left_counts_the_rims_kept_beside_the_new_pair() -> None:
    """A drawn dark rim round an eye on skin, left as it was, scores 1; painted over with
    the skin, 0; under the new frame (and just round it) it does not count; a person who
    wore none gives None."""
    before = np.full((120, 160, 3), (200, 160, 130), np.uint8)
    cv2.ellipse(before, (80, 60), (40, 28), 0, 0, 360, (60, 30, 30), 3)
    worn = np.all(before == (60, 30, 30), axis=2)
    cover = np.zeros((120, 160), np.float32)
    assert checks.old_frame_left(before, before, worn, cover, 9) == 1.0
    painted = np.full((120, 160, 3), (200, 160, 130), np.uint8)
    assert checks.old_frame_left(before, painted, worn, cover, 9) == 0.0
    half = before.copy()
    half[:, 80:] = (200, 160, 130)
    cover[:, :84] = 1.0
    assert checks.old_frame_left(before, half, worn, cover, 9) == 0.0, "the left half is under the new frame"
    cover[:, :70] = 1.0
    cover[:, 70:] = 0.0
    left = checks.old_frame_left(before, before, worn, cover, 9)
    assert left == 1.0 and checks.faults({"old_frame_left": left}) == ["old_frame_left"]
    assert checks.old_frame_left(before, before, np.zeros((120, 160), bool), cover, 9) is None


def aviator_cover(lines: bool) -> tuple[np.ndarray, np.ndarray]:
    """Two teardrop lenses with thin rims, their cover fading from solid at the top to
    nearly clear at the bottom, a bridge bar, and the render: grey lenses over skin;
    with `lines`, a folded temple drawn dark across each lens, solid over its fading
    half and dark in its solid half."""
    cover = np.zeros((200, 420), np.float32)
    image = np.full((200, 420, 3), (200, 160, 130), np.uint8)
    fade = np.clip(1.0 - (np.arange(200, dtype=np.float32)[:, None] - 50) / 80, 0.05, 1.0)
    for x in (110, 310):
        lens = np.zeros_like(cover)
        cv2.ellipse(lens, (x, 95), (85, 70), 0, 0, 360, 1.0, -1)
        cover = np.maximum(cover, lens * fade)
        cv2.ellipse(cover, (x, 95), (85, 70), 0, 0, 360, 1.0, 3)
        if lines:
            cv2.ellipse(cover, (x, 60), (50, 60), 0, 10, 120, 1.0, 6)
    cv2.line(cover, (195, 50), (225, 50), 1.0, 4)
    grey = np.full_like(image, 110)
    image = (grey * cover[..., None] + image * (1 - cover[..., None])).astype(np.uint8)
    if lines:
        for x in (110, 310):
            cv2.ellipse(image, (x, 60), (50, 60), 0, 10, 120, (25, 25, 25), 6)
    return cover, image


def test_lens_lines_fails_temples_seen_through_gradient_lenses() -> None:
    """Folded temples drawn across the eyes through gradient lenses fail; the smooth
    gradient lenses with their rims pass."""
    clean = checks.lens_lines(*aviator_cover(False))
    assert clean is not None and clean <= checks.LENS_LINES_MOST, clean
    lined = checks.lens_lines(*aviator_cover(True))
    assert lined is not None and lined > checks.LENS_LINES_MOST, lined


def test_lens_lines_fails_dark_lines_across_a_solid_tinted_lens() -> None:
    """Where the lens is drawn solid its cover shows no line: the render's dark temple
    across it fails by its grey alone."""
    cover, image = aviator_cover(False)
    cover = np.where(cover > 0.04, 1.0, 0.0).astype(np.float32)
    image[cover > 0] = 110
    clean = checks.lens_lines(cover, image)
    assert clean is not None and clean <= checks.LENS_LINES_MOST, clean
    for x in (110, 310):
        cv2.ellipse(image, (x, 60), (50, 60), 0, 10, 120, (25, 25, 25), 6)
    lined = checks.lens_lines(cover, image)
    assert lined is not None and lined > checks.LENS_LINES_MOST, lined


@pytest.mark.parametrize(("blur", "hazy"), [(0.5, False), (6.0, True)])
def test_skin_edge_finds_rebuilt_skin_fading_out_over_the_backdrop(blur: float, hazy: bool) -> None:
    """Rebuilt skin ending crisply on a light backdrop passes; faded out over it as a
    haze (a torso blurred by 0.03 shoulder widths) fails."""
    shoulders = 150.0
    share = np.zeros((200, 300), np.float32)
    cv2.ellipse(share, (150, 200), (110, 90), 0, 180, 360, 1, -1)  # a shoulders' round top
    share = cv2.GaussianBlur(share, (0, 0), blur)
    skin_rgb, backdrop = np.array([150, 105, 85], np.float32), np.array([225, 225, 228], np.float32)
    image = (share[:, :, None] * skin_rgb + (1 - share[:, :, None]) * backdrop).astype(np.uint8)
    edge = checks.skin_edge(image, share, share < 0.05, shoulders)
    assert edge is not None
    assert (edge > checks.SKIN_EDGE_MOST) == hazy, edge


@pytest.mark.parametrize(("blur", "hazy"), [(0.7, False), (3.0, True)])
def test_skin_edge_own_finds_shoulders_hazier_than_the_persons_own_arms(blur: float, hazy: bool) -> None:
    """Rebuilt shoulders ending as crisply as the person's own arms beside them pass;
    faded out over the backdrop over several times the arms' edge (blurred at the
    analysis size and enlarged: a hazy shoulder's top) fail, though `skin_edge`, read
    in shoulder widths, passes both."""
    shoulders = 300.0
    size = (400, 600)
    crisp = 0.7
    arms = np.zeros(size, np.float32)
    for x in (120, 480):
        cv2.ellipse(arms, (x, 300), (55, 200), 0, 0, 360, 1, -1)
    chest = np.zeros(size, np.float32)
    cv2.ellipse(chest, (300, 330), (190, 180), 0, 180, 360, 1, -1)  # the shoulders' round top
    chest = np.clip(chest - cv2.dilate(arms, np.ones((3, 3), np.uint8)), 0, 1)
    arms, chest = cv2.GaussianBlur(arms, (0, 0), crisp), cv2.GaussianBlur(chest, (0, 0), blur)
    skin_rgb, backdrop = np.array([150, 105, 85], np.float32), np.array([225, 225, 228], np.float32)
    share = np.clip(arms + chest, 0, 1)[:, :, None]
    image = (share * skin_rgb + (1 - share) * backdrop).astype(np.uint8)
    clear = share[:, :, 0] < 0.05
    own = checks.skin_edge_own(image, chest * (arms < 0.05), arms > 0.5, clear, shoulders)
    assert own is not None
    assert (own > checks.SKIN_EDGE_OWN_MOST) == hazy, own
    edge = checks.skin_edge(image, chest * (arms < 0.05), clear, shoulders)
    assert edge is not None and edge < checks.SKIN_EDGE_MOST, edge


def _floor_scene() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A grey floor with a drawn old shoe (dark, on the person's mask) and a new shoe's
    cover a little higher: the photo before, the person mask, the new cover."""
    rng = np.random.default_rng(3)
    before = np.clip(rng.normal(120, 4, (200, 240, 3)), 0, 255).astype(np.uint8)
    person = np.zeros((200, 240), bool)
    cv2.ellipse(before, (120, 140), (50, 20), 0, 0, 360, (30, 25, 20), -1)
    cv2.ellipse(person.view(np.uint8), (120, 140), (50, 20), 0, 0, 360, 1, -1)
    cover = np.zeros((200, 240), np.float32)
    cv2.ellipse(cover, (120, 125), (40, 16), 0, 0, 360, 1.0, -1)
    return before, person, cover


def test_floor_halo_counts_a_pale_blob_round_the_shoe_not_a_contact_shadow() -> None:
    before, person, cover = _floor_scene()
    shoe = cover > 0.5
    # The old shoe's place filled with the floor's grain and a soft shadow under the sole.
    good = before.copy()
    floor = np.clip(np.random.default_rng(4).normal(120, 4, before.shape), 0, 255).astype(np.uint8)
    good[person] = floor[person]
    shadow = np.zeros((200, 240), np.float32)
    cv2.ellipse(shadow, (120, 142), (40, 6), 0, 0, 360, 1.0, -1)
    good = (good * (1 - 0.4 * cv2.GaussianBlur(shadow, (0, 0), 2.0))[..., None]).astype(np.uint8)
    good[shoe] = (200, 30, 30)
    # The same place filled pale, a ghost larger than the new shoe.
    pale = before.copy()
    pale[person] = (185, 185, 180)
    pale[shoe] = (200, 30, 30)
    skin = (180.0, 140.0, 150.0)
    clean = checks.floor_halo(before, good, cover, person, skin)
    ghost = checks.floor_halo(before, pale, cover, person, skin)
    assert clean is not None and ghost is not None
    assert clean < checks.FLOOR_HALO_MOST < ghost
    assert checks.floor_halo(before, before, np.zeros_like(cover), person, skin) is None


def test_both_new_shoes_stacked_on_one_foot_leave_the_other_unshod() -> None:
    """Two feet side by side in the photo before (the person's mask below the ankles),
    the pose's landmarks of both on the left one: both new shoes drawn there leave the
    right foot's columns bare and fail; a shoe on each foot passes."""
    body = np.zeros((240, 300), bool)
    body[0:160, 110:140] = body[0:160, 160:190] = True  # the shins, apart
    body[160:200, 100:145] = body[160:200, 155:200] = True  # the old shoes
    ankles = [(125.0, 160.0), (128.0, 160.0)]
    stacked = np.zeros((240, 300), np.float32)
    stacked[150:200, 95:150] = 1.0
    value = checks.feet_unshod(stacked, body, ankles, 210.0, 80.0)
    assert value is not None and checks.faults({"feet_unshod": value}) == ["feet_unshod"], value
    shod = stacked.copy()
    shod[150:200, 150:205] = 1.0
    value = checks.feet_unshod(shod, body, ankles, 210.0, 80.0)
    assert value == 0.0 and checks.faults({"feet_unshod": value}) == []
    assert checks.feet_unshod(shod, np.zeros_like(body), ankles, 210.0, 80.0) is None


def test_floor_smear_counts_a_smooth_fill_on_a_grainy_floor_not_a_plain_floor() -> None:
    """The old shoe's place filled smooth (a blur) on a grainy floor scores 1, filled
    with grain like the floor's 0; on a plain floor there is no grain to miss (None)."""
    rng = np.random.default_rng(6)
    before = np.clip(rng.normal(120, 12, (200, 240, 3)), 0, 255).astype(np.uint8)
    person = np.zeros((200, 240), bool)
    cv2.ellipse(before, (120, 140), (50, 20), 0, 0, 360, (30, 25, 20), -1)
    cv2.ellipse(person.view(np.uint8), (120, 140), (50, 20), 0, 0, 360, 1, -1)
    cover = np.zeros((200, 240), np.float32)
    cv2.ellipse(cover, (120, 125), (40, 16), 0, 0, 360, 1.0, -1)
    shoe = cover > 0.5
    skin = (180.0, 140.0, 150.0)
    grainy = before.copy()
    grainy[person] = np.clip(rng.normal(120, 12, (int(person.sum()), 3)), 0, 255).astype(np.uint8)
    grainy[shoe] = (200, 30, 30)
    smooth = before.copy()
    smooth[person] = (121, 120, 119)
    smooth[shoe] = (200, 30, 30)
    good = checks.floor_smear(before, grainy, cover, person, skin)
    bad = checks.floor_smear(before, smooth, cover, person, skin)
    assert good is not None and bad is not None
    assert good < checks.FLOOR_SMEAR_MOST < bad, (good, bad)
    plain = np.full_like(before, 120)
    plain[person] = (30, 25, 20)
    filled = plain.copy()
    filled[person] = (120, 120, 120)
    filled[shoe] = (200, 30, 30)
    assert checks.floor_smear(plain, filled, cover, person, skin) is None


def test_old_hat_left_fails_a_brim_left_showing_round_the_new_hat() -> None:
    """A fedora's brim sticking out past a new cap on both sides: left as it was, it
    fails; painted with the backdrop, it passes; with no old hat there is nothing to read."""
    photo = np.full((300, 400, 3), 235, np.uint8)
    cv2.circle(photo, (200, 170), 60, (200, 160, 130), -1)
    cv2.rectangle(photo, (150, 60), (250, 125), (70, 45, 30), -1)
    cv2.ellipse(photo, (200, 125), (140, 14), 0, 0, 360, (70, 45, 30), -1)
    cover = np.zeros((300, 400), np.float32)
    cv2.ellipse(cover, (200, 135), (75, 80), 0, 180, 360, 1.0, -1)
    worn = np.all(photo == (70, 45, 30), axis=2) & (cover < 0.5)
    cap = (cover > 0.5)[..., None]
    left = np.where(cap, np.uint8(60), photo).astype(np.uint8)
    painted = left.copy()
    painted[worn] = 235
    assert checks.old_hat_left(photo, left, worn, cover) > checks.OLD_HAT_LEFT_MOST
    assert checks.old_hat_left(photo, painted, worn, cover) <= checks.OLD_HAT_LEFT_MOST
    assert checks.old_hat_left(photo, left, np.zeros_like(worn), cover) is None


def test_below_hem_sees_the_old_top_or_a_skin_block_where_the_trousers_go_on_up() -> None:
    """Below the hips, where a coat to mid-thigh was and a new top ending at the hips
    is not: the grey trousers continued up with the white backdrop beside them pass;
    a skin-coloured block inpainted there, and a band of the old black coat left, fail
    (`old_colour_left` misses the block: no old colour is left in it)."""
    grey, white, coat = (130, 130, 135), (235, 235, 235), (30, 35, 50)

    def to_lab(*rgbs: tuple[int, int, int]) -> np.ndarray:
        return cv2.cvtColor(np.array([rgbs], np.float32) / 255, cv2.COLOR_RGB2LAB)[0]

    image = np.full((200, 200, 3), white, np.uint8)
    image[:, 70:130] = grey  # the trousers, continued up
    region = np.zeros((200, 200), bool)
    region[20:80, 50:150] = True  # the coat's place below the hips
    args = (to_lab(grey), to_lab(white))
    continued = checks.below_hem(image, region, *args)
    block = image.copy()
    block[20:80, 50:150] = SKIN
    band = image.copy()
    band[20:50, 50:150] = coat
    assert checks.faults({"below_hem": continued}) == [], continued
    assert checks.faults({"below_hem": checks.below_hem(block, region, *args)}) == ["below_hem"]
    assert checks.faults({"below_hem": checks.below_hem(band, region, *args)}) == ["below_hem"]
    assert checks.old_colour_left(block, region, to_lab(coat), to_lab(grey, SKIN)) == 0.0


def test_bottom_streaks_fails_trousers_carried_straight_up_from_the_hem() -> None:
    """Below the hips, where a coat to mid-thigh was: trousers rebuilt with cloth like
    the trousers below the hem pass; each column's colour at the hem carried straight up,
    and the hem's few rows stretched up, read as vertical streaks and fail."""
    rng = np.random.default_rng(3)
    weave = cv2.GaussianBlur(rng.normal(0, 1, (200, 200)).astype(np.float32), (0, 0), 1.2) * 40
    cloth = np.clip(130 + weave, 0, 255).astype(np.uint8)[:, :, None].repeat(3, axis=2)
    image = np.full((200, 200, 3), 235, np.uint8)
    image[:, 60:140] = cloth[:, 60:140]  # the trousers: rebuilt above row 110, own below
    region = np.zeros((200, 200), bool)
    region[20:110, 40:160] = True  # the coat's place below the hips
    bottom = np.zeros((200, 200), bool)
    bottom[110:150, 60:140] = True  # the trousers just below its hem
    carried = image.copy()
    carried[20:110] = image[110]  # each column's colour at the hem, straight up
    stretched = image.copy()
    stretched[20:110] = cv2.resize(image[110:114], (200, 90), interpolation=cv2.INTER_LINEAR)
    assert checks.faults({"bottom_streaks": checks.bottom_streaks(image, region, bottom)}) == []
    for streaked in (carried, stretched):
        value = checks.bottom_streaks(streaked, region, bottom)
        assert checks.faults({"bottom_streaks": value}) == ["bottom_streaks"], value
    assert checks.bottom_streaks(image, region, np.zeros_like(bottom)) is None


def test_watch_off_person_fails_a_strap_past_the_arms_outline() -> None:
    arm = np.zeros((100, 100), np.float32)
    arm[:, 40:60] = 1.0
    inside = np.zeros((100, 100), np.float32)
    inside[45:55, 40:60] = 1.0
    assert checks.watch_off_person(inside, arm) == 0.0
    sticking_out = inside.copy()
    sticking_out[45:55, 60:66] = 1.0
    score = checks.watch_off_person(sticking_out, arm)
    assert checks.faults({"watch_off_person": score}) == ["watch_off_person"]
    assert checks.watch_off_person(np.zeros((100, 100), np.float32), arm) is None


def test_watch_blob_fails_a_black_watch_lost_on_a_black_cuff() -> None:
    before = np.full((100, 100), 20.0, np.float32)  # a black cuff's lining
    cover = np.zeros((100, 100), np.float32)
    cover[40:60, 40:60] = 1.0
    lost = before.copy()
    lost[40:60, 40:60] = 25.0  # a black case
    assert checks.faults({"watch_blob": checks.watch_blob(cover, lost, before)}) == ["watch_blob"]
    rimmed = lost.copy()
    rimmed[40:60, 40:60] = 130.0
    rimmed[42:58, 42:58] = 25.0  # the same case with a light rim
    assert checks.faults({"watch_blob": checks.watch_blob(cover, rimmed, before)}) == []
    assert checks.watch_blob(cover, lost, np.full((100, 100), 200.0, np.float32)) is None, "no dark ground"


def test_hem_cut_counts_a_trouser_hem_taken_away_with_the_old_shoe() -> None:
    """Wide orange trousers hang on below the ankle over a white shoe: a render that
    takes the hem away with the old shoe (floor in its place, a box round the new
    shoe) is a fault; one that keeps the hem and draws the shoe under it is not."""
    before = np.full((200, 200, 3), 120, np.uint8)
    person = np.zeros((200, 200), bool)
    leg = np.array([(75, 20), (125, 20), (135, 118), (65, 118)], np.int32)
    cv2.rectangle(before, (70, 100), (150, 132), (245, 245, 245), -1)
    cv2.fillConvexPoly(before, leg, (200, 70, 30))
    cv2.rectangle(person.view(np.uint8), (70, 100), (150, 132), 1, -1)
    cv2.fillConvexPoly(person.view(np.uint8), leg, 1)
    cover = np.zeros((200, 200), np.float32)
    cover[118:132, 70:150] = 1.0  # the new shoe below the hem
    kept = before.copy()
    kept[118:132, 70:150] = (60, 60, 90)
    cut = kept.copy()
    cut[103:118, 60:140] = 120  # the hem below the ankle filled with floor
    skin = [175.0, 140.0, 150.0]
    bad = checks.hem_cut(before, cut, cover, person, skin, [(100, 100)], 80.0)
    good = checks.hem_cut(before, kept, cover, person, skin, [(100, 100)], 80.0)
    assert bad is not None and checks.faults({"hem_cut": bad}) == ["hem_cut"], bad
    assert good is not None and checks.faults({"hem_cut": good}) == [], good


def _pose_points(l_knee: tuple[float, float], l_ankle: tuple[float, float]) -> np.ndarray:
    """A body facing the camera (shoulders at y 100, hips at y 260, the arms hanging),
    its left leg drawn from the hip through `l_knee` to `l_ankle`."""
    points = np.zeros((33, 2), np.float32)
    points[[body.L_SHOULDER, body.R_SHOULDER, body.L_HIP, body.R_HIP]] = (250, 100), (150, 100), (235, 260), (165, 260)
    points[[body.L_WRIST, body.R_WRIST]] = (262, 270), (138, 270)
    points[[body.L_KNEE, body.R_KNEE, body.L_ANKLE, body.R_ANKLE]] = l_knee, (165, 380), l_ankle, (165, 500)
    return points


def test_pose_dynamic_flags_a_garment_drawn_on_legs_not_at_rest() -> None:
    """A bottom drawn on a knee bent up (a dance step) or a stride is flagged, from the
    pose alone; one on a person standing with the feet a little apart is not."""
    seen = np.ones(33, np.float32)

    def measures(points: np.ndarray) -> dict[str, float | None]:
        return {"torso_lean": body.torso_lean(points, seen)} | body.leg_pose(points, seen, 600)._asdict()

    dance_step = _pose_points((290, 340), (240, 400))
    stride = _pose_points((290, 375), (360, 480))
    apart = _pose_points((245, 380), (265, 500))
    assert checks.faults({"pose_dynamic": checks.pose_dynamic(measures(dance_step))}) == ["pose_dynamic"]
    assert checks.faults({"pose_dynamic": checks.pose_dynamic(measures(stride))}) == ["pose_dynamic"]
    assert checks.faults({"pose_dynamic": checks.pose_dynamic(measures(apart))}) == []
    assert checks.pose_dynamic({"knee_bend": None}) is None


def test_pose_dynamic_flags_a_top_drawn_on_a_jump_with_an_arm_flung_up() -> None:
    """A top on a dance step with the left wrist flung above the shoulder is flagged; on
    the same dance step with the arms hanging, or standing with the wrist as high (a hand
    on the head), it is not: a top follows a still torso whatever the legs do."""
    seen = np.ones(33, np.float32)

    def top_measures(points: np.ndarray) -> dict[str, float | None]:
        measures: dict[str, float | None] = {"torso_lean": body.torso_lean(points, seen)}
        if body.legs_at_rest(body.leg_pose(points, seen, 600)) is not None:
            measures["wrist_height"] = body.wrist_height(points, seen, 600)
        return measures

    flung, hanging, standing = (
        _pose_points(*legs) for legs in [((290, 340), (240, 400))] * 2 + [((235, 380), (235, 500))]
    )
    flung[body.L_WRIST] = standing[body.L_WRIST] = (300, 80)
    assert checks.faults({"pose_dynamic": checks.pose_dynamic(top_measures(flung))}) == ["pose_dynamic"]
    assert checks.faults({"pose_dynamic": checks.pose_dynamic(top_measures(hanging))}) == []
    assert checks.faults({"pose_dynamic": checks.pose_dynamic(top_measures(standing))}) == []


def test_waist_pinch_finds_a_top_pinched_in_at_the_waist_not_one_hanging_straight() -> None:
    """A top drawn as an hourglass (100 px across at the chest and hips, 60 at the waist)
    is pinched; one as wide all the way down, or flaring to the hem, is not, nor one
    with a forearm kept in front across its waist once the forearm is said to be there."""
    h, w = 300, 300
    neck, hips = np.array([150.0, 40.0]), np.array([150.0, 240.0])
    no_sleeves = np.zeros((h, w), bool)

    def drawn(half_widths: list[tuple[int, int]]) -> np.ndarray:
        cover = np.zeros((h, w), np.float32)
        outline = [(150 - half, y) for y, half in half_widths] + [(150 + half, y) for y, half in half_widths[::-1]]
        cv2.fillPoly(cover, [np.array(outline, np.int32)], 1.0)
        return cover

    hourglass = drawn([(40, 50), (150, 30), (250, 50)])
    straight = drawn([(40, 50), (250, 50)])
    flared = drawn([(40, 45), (250, 60)])
    pinched = checks.waist_pinch(hourglass, neck, hips, no_sleeves)
    assert pinched is not None and checks.faults({"waist_pinch": pinched}) == ["waist_pinch"], pinched
    for cover in (straight, flared):
        value = checks.waist_pinch(cover, neck, hips, no_sleeves)
        assert value is not None and checks.faults({"waist_pinch": value}) == [], value
    # A forearm across the waist, kept in front: the top goes on under it.
    forearm = np.zeros((h, w), bool)
    forearm[140:160, 160:205] = True
    crossed = np.where(forearm, 0.0, straight).astype(np.float32)
    cut = checks.waist_pinch(crossed, neck, hips, no_sleeves)
    assert cut is not None and checks.faults({"waist_pinch": cut}) == ["waist_pinch"], cut
    under = checks.waist_pinch(crossed, neck, hips, no_sleeves, forearm)
    assert under is not None and checks.faults({"waist_pinch": under}) == [], under


def test_skin_step_finds_a_line_in_the_rebuilt_skin_not_a_smooth_turn() -> None:
    """Rebuilt skin shaded darker to one side: turned smoothly across the patch it has
    no step; switched at one line (a limb's shading ending at the torso's), it has one
    running the patch's height."""
    h, w, width = 200, 200, 150.0
    rebuilt = np.zeros((h, w), bool)
    rebuilt[20:180, 20:180] = True
    smooth = np.tile(np.linspace(150, 110, w, dtype=np.float32), (h, 1))
    stepped = np.where(np.arange(w)[None, :] < 100, 150.0, 120.0) * np.ones((h, 1))
    images = [np.dstack([v, v * 0.8, v * 0.7]).astype(np.uint8) for v in (smooth, stepped)]
    turned, switched = (checks.skin_step(image, rebuilt, width) for image in images)
    assert turned is not None and turned < checks.SKIN_STEP_MOST, turned
    assert switched is not None and switched > checks.SKIN_STEP_MOST, switched
    assert checks.skin_step(images[1], np.zeros((h, w), bool), width) is None


def test_skin_step_reads_a_limbs_turn_to_its_outline_as_no_step() -> None:
    """A rebuilt forearm darkening to both its edges as a cylinder turns away (as real
    bare forearms do, 30-50% at the edges) has no step; it read as one all along both
    rims. A darker band across the same arm (an old strap kept) is still a step."""
    h, w, width = 300, 200, 300.0
    rebuilt = np.zeros((h, w), bool)
    rebuilt[20:280, 70:130] = True
    edge = np.clip(np.abs(np.arange(w, dtype=np.float32) - 99.5) / 30, 0, 1)
    lightness = 170 * (1 - 0.45 * (1 - np.sqrt(1 - edge**2)))
    round_arm = np.tile(lightness, (h, 1))
    rows = np.arange(h)[:, None]
    hemmed = round_arm * np.where((rows > 100) & (rows < 180), 0.8, 1.0)
    images = [np.dstack([v, v * 0.8, v * 0.7]).astype(np.uint8) for v in (round_arm, hemmed)]
    turned, crossed = (checks.skin_step(image, rebuilt, width) for image in images)
    assert turned is not None and turned < checks.SKIN_STEP_MOST, turned
    assert crossed is not None and crossed > checks.SKIN_STEP_MOST, crossed


def test_arm_pale_finds_a_forearm_paler_and_greyer_than_its_hand() -> None:
    """A rebuilt forearm above a tan hand: in a pale, grey tone it fails; in the hand's
    colour, or darker and redder than it (shade, flush), it passes."""
    h, w, width = 300, 200, 200.0
    elbow, wrist = (100.0, 40.0), (100.0, 220.0)
    rebuilt = np.zeros((h, w), bool)
    rebuilt[40:220, 80:120] = True
    hand = np.zeros((h, w), bool)
    cv2.circle(hand.view(np.uint8), (100, 250), 25, 1, -1)
    images = []
    for arm in ((225, 205, 190), (168, 112, 88), (140, 84, 64)):
        image = np.full((h, w, 3), 235, np.uint8)
        image[rebuilt] = arm
        image[hand] = (168, 112, 88)
        images.append(image)
    pale, same, darker = (checks.arm_pale(image, rebuilt, hand, [(elbow, wrist)], width) for image in images)
    assert pale is not None and pale > checks.ARM_PALE_MOST, pale
    assert same is not None and same < checks.ARM_PALE_MOST, same
    assert darker is not None and darker < checks.ARM_PALE_MOST, darker
    assert checks.arm_pale(images[0], rebuilt, np.zeros((h, w), bool), [(elbow, wrist)], width) is None


def test_upper_arm_pale_finds_an_upper_arm_paler_than_the_own_arm_below_it() -> None:
    """A rebuilt upper arm above the person's own tan arm (below an old short sleeve's
    hem): in a lit face's pale tone it fails; in the arm's colour, or darker than it
    (shade), it passes; with no own arm beside it, or nothing rebuilt, it is None."""
    h, w, width = 400, 200, 200.0
    shoulder, elbow, wrist = (100.0, 20.0), (100.0, 200.0), (100.0, 360.0)
    rebuilt = np.zeros((h, w), bool)
    rebuilt[20:90, 80:120] = True
    own = np.zeros((h, w), bool)
    own[90:360, 80:120] = True
    images = []
    for upper in ((225, 205, 190), (168, 112, 88), (140, 84, 64)):
        image = np.full((h, w, 3), 235, np.uint8)
        image[rebuilt] = upper
        image[own] = (168, 112, 88)
        images.append(image)
    arms = [(shoulder, elbow, wrist)]
    pale, same, darker = (checks.upper_arm_pale(image, rebuilt, own, arms, width) for image in images)
    assert pale is not None and pale > checks.UPPER_ARM_PALE_MOST, pale
    assert same is not None and same < checks.UPPER_ARM_PALE_MOST, same
    assert darker is not None and darker < checks.UPPER_ARM_PALE_MOST, darker
    assert checks.upper_arm_pale(images[0], rebuilt, np.zeros((h, w), bool), arms, width) is None
    assert checks.upper_arm_pale(images[0], np.zeros((h, w), bool), own, arms, width) is None


def test_edge_cut_finds_a_garment_laid_whole_up_to_a_stepped_outline() -> None:
    """A dark sleeve's side against a light backdrop: laid whole up to a slanting line,
    pixel by pixel (a stair of hard steps, a second grey edge beyond it), it fails; the
    same side faded over three pixels, as a soft outline is, passes."""
    h, w = 200, 200
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    line = 60 + 0.3 * ys  # the side, slanting
    for soft, fails in ((False, True), (True, False)):
        cover = np.clip((xs - line) / 3 + 0.5, 0, 1) if soft else (xs >= np.round(line)).astype(np.float32)
        image = np.full((h, w, 3), 235, np.float32)
        image = image * (1 - cover[:, :, None]) + 25 * cover[:, :, None]
        value = checks.edge_cut(image.astype(np.uint8), cover, np.ones((h, w), bool))
        assert value is not None
        assert (checks.faults({"edge_cut": value}) == ["edge_cut"]) is fails, (soft, value)


def test_old_neckband_flags_an_old_rib_kept_across_the_rebuilt_chest() -> None:
    """A crew neck's green rib left between the kept neck and the rebuilt chest is a line
    the eye follows; rebuilt as skin with the chest, nothing is left."""
    skin = (200, 160, 140)
    original = np.full((300, 300, 3), 235, np.uint8)
    original[60:200, 80:220] = (30, 90, 160)  # the old tee
    original[20:60, 130:171] = skin  # the neck
    cv2.ellipse(original, (150, 60), (30, 10), 0, 0, 180, (40, 150, 60), 5)  # its rib
    rebuilt = np.zeros((300, 300), bool)
    rebuilt[66:200, 80:220] = True
    plain = np.zeros((300, 300), bool)
    plain[20:60, 130:171] = True
    plain[(original == 235).all(axis=2)] = True
    kept = original.copy()
    kept[rebuilt] = skin
    clean = kept.copy()
    clean[55:75, 80:220] = skin
    left = checks.old_neckband(kept, original, rebuilt, plain, (150, 60), 150.0)
    gone = checks.old_neckband(clean, original, rebuilt | (clean != original).any(axis=2), plain, (150, 60), 150.0)
    assert left is not None and checks.faults({"old_neckband": left}) == ["old_neckband"], left
    assert gone is not None and checks.faults({"old_neckband": gone}) == [], gone


def test_old_straps_left_flags_a_camis_straps_kept_on_the_shoulders() -> None:
    """A black cami's two thin straps left on the bare shoulders beside the new garment
    are the old top still worn; painted over with the shoulders' skin, nothing is left."""
    skin = (200, 160, 140)
    original = np.full((300, 300, 3), 235, np.uint8)
    original[40:300, 70:230] = skin  # the shoulders, arms and chest
    original[150:300, 90:210] = (20, 20, 24)  # the cami's body
    for x in (110, 190):
        cv2.line(original, (x, 150), (x + (8 if x > 150 else -8), 45), (20, 20, 24), 3)  # its straps
    old = np.zeros((300, 300), np.float32)
    old[150:300, 90:210] = 1
    plain = (original == 235).all(axis=2) | (original == skin).all(axis=2)
    plain[150:300, 90:210] = True  # the new garment over the cami's body
    kept = original.copy()
    kept[150:300, 90:210] = (200, 200, 60)
    clean = kept.copy()
    clean[40:150, 70:230] = skin
    shoulders = [(225.0, 60.0), (75.0, 60.0)]
    left = checks.old_straps_left(kept, original, old, plain, (150, 55), shoulders, 150.0)
    gone = checks.old_straps_left(clean, original, old, plain, (150, 55), shoulders, 150.0)
    assert left is not None and checks.faults({"old_straps_left": left}) == ["old_straps_left"], left
    assert gone is not None and checks.faults({"old_straps_left": gone}) == [], gone
    assert checks.old_straps_left(kept, original, np.zeros_like(old), plain, (150, 55), shoulders, 150.0) is None


def test_chest_texture_finds_a_rebuilt_chest_hairier_than_a_real_one() -> None:
    """A rebuilt chest laid with a hairy forearm's detail passes `skin_texture` (the
    forearms it is compared with are as hairy); no real bare chest is that speckled, and
    `chest_texture` sees it. Smooth skin at a real chest's grain passes."""
    rng = np.random.default_rng(4)
    image = np.full((200, 200, 3), 240, np.uint8)
    chest = np.zeros((200, 200), bool)
    chest[40:180, 40:160] = True
    smooth = cv2.GaussianBlur(rng.normal(0, 1, (200, 200)).astype(np.float32), (0, 0), 1.0) * 2.5
    image[chest] = np.clip(np.array(SKIN, np.float32) + smooth[:, :, None], 0, 255).astype(np.uint8)[chest]
    level = checks.chest_texture(image, chest, chest)
    assert level is not None and checks.faults({"chest_texture": level}) == []
    for _ in range(1200):
        y, x = rng.integers(40, 175), rng.integers(40, 155)
        cv2.line(image, (int(x), int(y)), (int(x) + 4, int(y) + 6), (120, 85, 70), 1)
    hairy = checks.chest_texture(image, chest, chest)
    assert hairy is not None and checks.faults({"chest_texture": hairy}) == ["chest_texture"]
    assert checks.chest_texture(image, chest, ~chest) is None
    image[chest] = SKIN
    assert checks.faults({"chest_texture": checks.chest_texture(image, chest, chest)}) == ["chest_texture"]


def _neck_and_chest(chest_rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A drawn neck shaded across (darker at its sides) over a rebuilt chest, the
    shoulders' midpoint at (150, 100), 200 px apart: the render, the rebuilt skin, the
    person's own skin. The chest is one colour unless `chest_rows` gives each row's
    lightness change."""
    image = np.full((260, 300, 3), 235, np.uint8)
    own = np.zeros((260, 300), bool)
    own[20:96, 120:181] = True
    across = np.cos(np.linspace(-1.2, 1.2, 61)) * 30 - 30
    image[20:96, 120:181] = np.clip(np.array(SKIN, np.float32)[None, None, :] + across[None, :, None], 0, 255).astype(
        np.uint8
    )
    rebuilt = np.zeros((260, 300), bool)
    rebuilt[96:240, 50:251] = True
    rows = np.zeros(144, np.float32) if chest_rows is None else chest_rows
    image[96:240, 50:251] = np.clip(np.array(SKIN, np.float32)[None, None, :] + rows[:, None, None], 0, 255).astype(
        np.uint8
    )
    return image, rebuilt, own


def test_chest_flat_finds_a_chest_rebuilt_as_one_colour_below_a_shaded_neck() -> None:
    """A chest rebuilt as one even colour from the neck down reads as flat paint below
    the neck's own shading: `chest_flat` fails it. A chest shaded down from the neck (a
    shade at its base, lighter below) as much as the neck is across passes; with no
    visible neck or no rebuilt chest it does not apply."""
    image, rebuilt, own = _neck_and_chest()
    flat = checks.chest_flat(image, rebuilt, own, (150, 100), 200.0)
    assert flat is not None and checks.faults({"chest_flat": flat}) == ["chest_flat"], flat
    shaded_rows = -14 * np.exp(-0.5 * ((np.arange(144) - 10) / 12.0) ** 2) + 8 * np.exp(
        -0.5 * ((np.arange(144) - 45) / 16.0) ** 2
    )
    image, rebuilt, own = _neck_and_chest(shaded_rows.astype(np.float32))
    shaded = checks.chest_flat(image, rebuilt, own, (150, 100), 200.0)
    assert shaded is not None and checks.faults({"chest_flat": shaded}) == [], shaded
    assert checks.chest_flat(image, rebuilt, np.zeros_like(own), (150, 100), 200.0) is None
    assert checks.chest_flat(image, np.zeros_like(rebuilt), own, (150, 100), 200.0) is None


def test_chest_slab_finds_a_smooth_chest_below_a_grained_neck() -> None:
    """A chest rebuilt smooth below a neck with its own fine grain reads as a slab of
    paint: `chest_slab` fails it. Grained as a real chest is, at about half the neck's
    level, it passes; with no visible neck it does not apply."""
    image, rebuilt, own = _neck_and_chest()
    rng = np.random.default_rng(4)
    grain = cv2.GaussianBlur(rng.normal(0, 1, image.shape[:2]).astype(np.float32), (0, 0), 0.8)
    grain *= 4 / float(grain.std())
    image[own] = np.clip(image[own] + grain[own][:, None], 0, 255).astype(np.uint8)
    smooth = checks.chest_slab(image, rebuilt, own, (150, 100), 200.0)
    assert smooth is not None and checks.faults({"chest_slab": smooth}) == ["chest_slab"], smooth
    image[rebuilt] = np.clip(image[rebuilt] + 0.5 * grain[rebuilt][:, None], 0, 255).astype(np.uint8)
    grained = checks.chest_slab(image, rebuilt, own, (150, 100), 200.0)
    assert grained is not None and checks.faults({"chest_slab": grained}) == [], grained
    assert checks.chest_slab(image, rebuilt, np.zeros_like(own), (150, 100), 200.0) is None


def test_a_hand_on_the_hip_has_the_body_beyond_its_wrist_not_a_flap() -> None:
    """Bent arms with the hands on the hips: the band beyond each wrist lies on the trunk,
    which the top's body panel covers rightly (without the trunk it failed); a flap
    hanging on past a hand off the trunk still fails."""
    bent = [((100.0, 60.0), (60.0, 130.0), (110.0, 180.0)), ((200.0, 60.0), (240.0, 130.0), (190.0, 180.0))]
    cover = np.zeros((300, 300), np.float32)
    cv2.rectangle(cover, (100, 50), (200, 250), 1.0, -1)
    trunk = np.zeros((300, 300), bool)
    trunk[50:260, 95:206] = True
    for shoulder, elbow, wrist in bent:
        cv2.polylines(cover, [np.array([shoulder, elbow, wrist], np.int32)], False, (1.0,), 20)
    assert checks.faults({"sleeve_past_wrist": checks.sleeve_past_wrist(cover, bent)}) == ["sleeve_past_wrist"]
    on_hips = checks.sleeve_past_wrist(cover, bent, trunk)
    assert not checks.faults({"sleeve_past_wrist": on_hips}), on_hips
    flap = body_cover(1.0)
    for _, elbow, wrist in ARMS:
        end = np.array(wrist) + (np.array(wrist) - np.array(elbow)) * 0.8
        cv2.line(flap, tuple(map(int, wrist)), tuple(map(int, end)), 1.0, 20)
    hanging = checks.sleeve_past_wrist(flap, ARMS, trunk)
    assert checks.faults({"sleeve_past_wrist": hanging}) == ["sleeve_past_wrist"], hanging


def test_shoulder_rise_finds_a_ball_above_a_level_shelf() -> None:
    """`shoulder_rise`: a rebuilt shoulder drawn as a level shelf with the arm's round cap
    standing above its end climbs going out; one sloping from the neck down to the arm
    does not."""
    neck, joint, elbow = (200.0, 100.0), (250.0, 100.0), (260.0, 180.0)

    def drawn(ball: bool) -> np.ndarray:
        figure = np.zeros((300, 400), np.uint8)
        cv2.rectangle(figure, (185, 30), (215, 100), 1, -1)  # the neck
        if ball:
            cv2.rectangle(figure, (150, 82), (250, 200), 1, -1)
            cv2.circle(figure, (250, 100), 24, 1, -1)
        else:
            cv2.fillPoly(figure, [np.array([(150, 200), (150, 80), (215, 80), (250, 92), (268, 104), (274, 200)])], 1)
        cv2.line(figure, (250, 100), (262, 200), 1, 30)
        return figure > 0

    for ball, expected in ((True, True), (False, False)):
        figure = drawn(ball)
        rise = checks.shoulder_rise(figure, figure, [(joint, elbow)], neck, 100.0)
        assert rise is not None and (rise > checks.SHOULDER_RISE_MOST) == expected, (ball, rise)


def test_dress_legs_left_sees_the_old_clothes_or_a_wedge_below_a_new_dress() -> None:
    """Below a new dress: rebuilt legs, the person's own shins as shot and the backdrop
    between them pass; the old dress's hem band left across the legs below the old
    garment's mask, or a skin-coloured wedge drawn between the thighs where the backdrop
    belongs, fail."""
    white, hem = (235, 235, 235), (120, 90, 80)
    photo = np.full((200, 200, 3), white, np.uint8)
    photo[:, 60:90] = photo[:, 110:140] = SKIN  # the shins below the old hem
    photo[:100, 50:150] = hem  # the old dress down to y 100
    region = np.zeros((200, 200), bool)
    region[10:130, 50:150] = True  # the person below the new dress's hem, to the ankles
    own = np.zeros((200, 200), bool)
    own[100:, 60:90] = own[100:, 110:140] = True
    rebuilt = np.zeros((200, 200), bool)
    rebuilt[10:100, 60:90] = rebuilt[10:100, 110:140] = True
    backdrop = cv2.cvtColor(np.array([[white]], np.float32) / 255, cv2.COLOR_RGB2LAB)[0]
    render = photo.copy()
    render[10:100, 50:150] = white
    render[10:100, 60:90] = render[10:100, 110:140] = SKIN
    legs = checks.dress_legs_left(render, photo, region, own, rebuilt, backdrop)
    band = render.copy()
    band[70:100, 50:150] = hem
    cut = rebuilt.copy()
    cut[70:100] = False  # the band lay below the old garment's mask: nothing rebuilt there
    wedge = render.copy()
    wedge[10:80, 90:110] = SKIN
    assert checks.faults({"dress_legs_left": legs}) == [], legs
    assert checks.faults({"dress_legs_left": checks.dress_legs_left(band, photo, region, own, cut, backdrop)}) == [
        "dress_legs_left"
    ]
    assert checks.faults({"dress_legs_left": checks.dress_legs_left(wedge, photo, region, own, rebuilt, backdrop)}) == [
        "dress_legs_left"
    ]


def test_leg_step_sees_a_rebuilt_thigh_off_the_shin_below_an_old_hem() -> None:
    """A rebuilt leg (down to y 120) meeting the person's own shin below the old hem: in
    line it passes; 12 px to the side of the shin (a knee under a skirt put off the
    shin's line by the pose) it fails. No rebuilt leg above a shin: None."""
    bones = [(np.array([100.0, 40.0]), np.array([100.0, 190.0]))]
    own = np.zeros((200, 200), bool)
    own[121:190, 90:111] = True
    rebuilt = np.zeros((200, 200), bool)
    rebuilt[40:121, 88:113] = True
    stepped = np.zeros((200, 200), bool)
    stepped[40:121, 100:125] = True
    assert checks.faults({"leg_step": checks.leg_step(rebuilt, own, bones, 100.0)}) == []
    assert checks.faults({"leg_step": checks.leg_step(stepped, own, bones, 100.0)}) == ["leg_step"]
    assert checks.leg_step(np.zeros((200, 200), bool), own, bones, 100.0) is None


def test_garment_crumbs_counts_pieces_floating_on_the_shoulders() -> None:
    """`garment_crumbs`: a strap's frills drawn apart from it on the shoulders count; a
    whole strap, a speck and a sleeve parted from the body low down do not."""
    cover = np.zeros((400, 300), np.float32)
    cover[150:380, 80:220] = 1.0  # the body
    cover[60:150, 95:105] = 1.0  # a whole strap
    neck = (150.0, 80.0)
    assert checks.garment_crumbs(cover, neck, 100.0) == 0
    cover[300:380, 240:260] = 1.0  # a sleeve parted from the body by an arm in front
    cover[70:72, 40:42] = 1.0  # a speck
    assert checks.garment_crumbs(cover, neck, 100.0) == 0
    cover[60:75, 200:212] = 1.0  # a frill floating beside the neck
    assert checks.garment_crumbs(cover, neck, 100.0) == 1
    assert "garment_crumbs" in checks.faults({"garment_crumbs": 1.0})


def test_jaw_hair_cut_fails_hair_beside_the_jaw_taken_away_and_not_a_hood() -> None:
    """Eyes 60 px apart at y 100, the mouth 40 px below them: dark hair on the left runs
    from the photo's top down past the chin, a hood's side on the right lies beside the
    jaw only. The hair beside the jaw replaced by the backdrop fails; the hood taken away
    with the hair left as it was passes, and the hood is no hair."""
    backdrop, skin, dark = (235, 235, 235), (205, 160, 135), (30, 25, 25)
    photo = np.full((300, 300, 3), backdrop, np.uint8)
    photo[60:200, 110:190] = skin
    photo[0:200, 60:110] = dark
    photo[160:200, 190:230] = dark
    other = np.all(photo == dark, axis=2)
    eyes, mouth = (150.0, 100.0), (150.0, 140.0)
    hair = checks.hair_beside_jaw(other, eyes, mouth, 60.0)
    assert hair[150:180, 70:100].all() and not hair[:, 190:].any() and not hair[:100].any()
    cut = photo.copy()
    cut[140:180, 60:105] = backdrop
    value = checks.jaw_hair_cut(cut, photo, hair)
    assert value is not None and checks.faults({"jaw_hair_cut": value}) == ["jaw_hair_cut"], value
    hoodless = photo.copy()
    hoodless[160:200, 190:230] = backdrop
    assert checks.jaw_hair_cut(hoodless, photo, hair) == 0.0
    assert checks.jaw_hair_cut(cut, photo, np.zeros((300, 300), bool)) is None


def test_skin_seam_reads_the_step_across_a_refilled_rim() -> None:
    """Under an old crew neck the kept neck and the rebuilt chest do not touch: the old
    garment's soft edge, refilled, lies between them as a rim a few pixels wide. Read
    only where they touched, that seam was too short and its step went unreported; read
    across the rim, a chest a shade darker than the neck fails and one alike passes."""
    h, w = 200, 240
    kept = np.zeros((h, w), bool)
    kept[:96] = True
    rebuilt = np.zeros((h, w), bool)
    rebuilt[100:] = True  # 4 px of neither between them
    lab = np.zeros((h, w, 3), np.float32)
    lab[:, :] = (70.0, 12.0, 16.0)
    lab[100:, :, 0] = 60.0
    stepped = (np.clip(cv2.cvtColor(lab, cv2.COLOR_LAB2RGB), 0, 1) * 255).astype(np.uint8)
    lab[100:, :, 0] = 70.0
    alike = (np.clip(cv2.cvtColor(lab, cv2.COLOR_LAB2RGB), 0, 1) * 255).astype(np.uint8)
    step = checks.skin_seam(stepped, rebuilt, kept, 150.0)
    assert step is not None and step > checks.SKIN_SEAM_MOST, step
    same = checks.skin_seam(alike, rebuilt, kept, 150.0)
    assert same is not None and same < checks.SKIN_SEAM_MOST, same


def test_an_arm_lit_flat_to_its_cut_edge_fails_arm_round_and_a_rounded_one_passes() -> None:
    """An arm lit as a flat tube out to one edge (where an old sleeve's outline cut the
    cylinder round its bone), shaded on its other side only, fails `arm_round`; one that
    turns away at both edges, lighter on the side the light comes from, passes. An arm
    not rebuilt across is not read."""
    shoulder, elbow, wrist = (200.0, 40.0), (200.0, 150.0), (200.0, 260.0)
    xs = np.arange(400, dtype=np.float32)
    u = (xs - 200) / 16

    def drawn(lightness: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        image = np.full((300, 400, 3), 235, np.uint8)
        arm = np.abs(u) <= 1
        image[30:270, arm] = np.clip(lightness[arm], 0, 255).astype(np.uint8)[None, :, None]
        mask = np.zeros((300, 400), bool)
        mask[30:270, arm] = True
        return image, mask

    tube = 165 - 45 * np.clip(u - 0.2, 0, None) / 0.8
    rounded = 105 + 70 * np.cos(np.clip((u + 0.1) / 1.1, -1, 1) * np.pi / 2)
    flat = checks.arm_round(*drawn(tube), [(shoulder, elbow, wrist)])
    round_ = checks.arm_round(*drawn(rounded), [(shoulder, elbow, wrist)])
    assert flat is not None and flat < checks.ARM_ROUND_LEAST, flat
    assert round_ is not None and round_ > checks.ARM_ROUND_LEAST + 0.02, round_
    assert checks.faults({"arm_round": flat}) == ["arm_round"]
    assert not checks.faults({"arm_round": round_})
    image, mask = drawn(rounded)
    assert checks.arm_round(image, np.zeros_like(mask), [(shoulder, elbow, wrist)]) is None


def test_hood_left_fails_a_hood_kept_beside_the_cheeks_and_not_hair() -> None:
    """Eyes 60 px apart at y 100, the mouth 40 px below them: a black hood's side stands
    beside the right cheek from above the mouth down past the chin, dark hair on the left
    runs from the photo's top down past the chin; both lie in the old garment's mask (the
    hair of its colour). The hood left as in the photo fails; the hood replaced by the
    backdrop passes, and the hair is never counted."""
    backdrop, skin, dark = (235, 235, 235), (205, 160, 135), (30, 25, 25)
    photo = np.full((300, 300, 3), backdrop, np.uint8)
    photo[60:200, 110:190] = skin
    photo[0:200, 60:110] = dark
    photo[125:200, 190:240] = dark
    other = np.all(photo == dark, axis=2)
    old = other.astype(np.float32)
    eyes, mouth = (150.0, 100.0), (150.0, 140.0)
    hair = checks.hair_beside_jaw(other, eyes, mouth, 60.0)
    kept = checks.hood_left(photo, photo, old, other, hair, eyes, mouth, 60.0)
    assert kept is not None and checks.faults({"hood_left": kept}) == ["hood_left"], kept
    cleared = photo.copy()
    cleared[125:200, 190:240] = backdrop
    gone = checks.hood_left(cleared, photo, old, other, hair, eyes, mouth, 60.0)
    assert gone == 0.0
    assert checks.hood_left(photo, photo, old, other, hair, eyes, eyes, 60.0) is None


def test_a_shin_drawn_as_a_straight_cone_fails_calf_swell_and_one_with_a_calf_passes() -> None:
    """A rebuilt lower leg drawn as a straight cone from the knee (y 100) to the ankle
    (y 300) fails `calf_swell`; one that swells at the calf passes; a shin not rebuilt
    across is not read."""
    ys = np.arange(400, dtype=np.float32)[:, None]
    xs = np.arange(200, dtype=np.float32)[None, :]
    t = (ys - 100) / 200
    cone = 28 - 12 * t
    calf = cone * (1 + 0.2 * np.sin(np.pi * np.clip(t / 0.64, 0, 1)))
    shin = [((100.0, 100.0), (100.0, 300.0))]

    def drawn(half: np.ndarray) -> np.ndarray:
        return np.asarray((np.abs(xs - 100) <= half) & (t >= 0) & (t <= 1))

    straight = checks.calf_swell(drawn(cone), shin)
    swelling = checks.calf_swell(drawn(calf), shin)
    assert straight is not None and straight < checks.CALF_SWELL_LEAST, straight
    assert swelling is not None and swelling > checks.CALF_SWELL_LEAST + 0.02, swelling
    assert checks.faults({"calf_swell": straight}) == ["calf_swell"]
    assert not checks.faults({"calf_swell": swelling})
    assert checks.calf_swell(np.zeros((400, 200), bool), shin) is None


def test_legs_smooth_fails_plastic_rebuilt_legs_and_passes_ones_as_detailed_as_the_skin() -> None:
    """Two legs rebuilt below the hips (rows 100 on) beside the person's own arm, which
    has a coarse blotchy detail: rebuilt of one smooth colour they fail `legs_smooth`;
    with the arm's detail they pass; nothing rebuilt on the legs is not read."""
    rng = np.random.default_rng(4)
    blotches = cv2.GaussianBlur(rng.normal(0, 1, (300, 300)).astype(np.float32), (0, 0), 3)
    blotches *= 6 / blotches.std()
    image = np.full((300, 300, 3), 235, np.float32)
    skin = np.array((190, 140, 115), np.float32)
    arm = (slice(20, 280), slice(20, 60))
    image[arm] = skin + blotches[arm][:, :, None]
    rebuilt = np.zeros((300, 300), bool)
    rebuilt[100:280, 120:160] = rebuilt[100:280, 200:240] = True
    legs = np.zeros((300, 300), bool)
    legs[100:] = True
    reference = np.zeros((300, 300), bool)
    reference[arm] = True
    plastic = image.copy()
    plastic[rebuilt] = skin
    detailed = image.copy()
    detailed[rebuilt] = skin + blotches[rebuilt][:, None]
    flat = checks.legs_smooth(plastic.astype(np.uint8), rebuilt, legs, reference)
    alike = checks.legs_smooth(detailed.astype(np.uint8), rebuilt, legs, reference)
    assert flat is not None and checks.faults({"legs_smooth": flat}) == ["legs_smooth"], flat
    assert alike is not None and not checks.faults({"legs_smooth": alike}), alike
    assert checks.legs_smooth(detailed.astype(np.uint8), rebuilt, ~legs, reference) is None


def test_bare_legs_changed_sees_bare_thighs_redrawn_below_a_new_dress() -> None:
    """Below a new dress the person's own bare thighs stay as shot; redrawn as a flat,
    lighter block down one side of each (taken for the beige skirt above them), fail."""
    white, shade = (235, 235, 235), (150, 110, 90)
    photo = np.full((200, 200, 3), white, np.uint8)
    photo[:, 60:90] = photo[:, 110:140] = shade  # the bare thighs, in the skirt's shade
    legs = np.zeros((200, 200), bool)
    legs[20:, 60:90] = legs[20:, 110:140] = True
    kept = checks.bare_legs_changed(photo.copy(), photo, legs)
    block = photo.copy()
    block[20:120, 60:75] = block[20:120, 125:140] = (190, 160, 145)  # flat, lighter blocks
    redrawn = checks.bare_legs_changed(block, photo, legs)
    assert checks.faults({"bare_legs_changed": kept}) == [], kept
    assert checks.faults({"bare_legs_changed": redrawn}) == ["bare_legs_changed"], redrawn
    assert checks.bare_legs_changed(block, photo, np.zeros((200, 200), bool)) is None


def test_every_check_with_a_limit_is_described_in_the_modules_list() -> None:
    """The module's docstring is where a reader of `fitroom eval`'s faults looks a check up:
    a check given a limit but no entry there is one nobody can read."""
    described = set(re.findall(r"`([a-z_]+)`", checks.__doc__ or ""))
    assert sorted(set(checks.LIMITS) - described) == []


def test_strap_out_fails_straps_on_the_shoulder_tips() -> None:
    """Shoulders 100 px apart, the neck 30 px wide, the shoulders' outline out to x 82 and
    218: straps crossing halfway between pass, straps at the shoulder tips fail, a panel
    that covers the shoulders is not read."""
    body = np.zeros((300, 300), np.uint8)
    cv2.fillPoly(
        body, [np.array([(135, 40), (165, 40), (165, 80), (218, 96), (222, 300), (78, 300), (82, 96), (135, 80)])], 1
    )
    neck, hips = (150.0, 100.0), (150.0, 260.0)
    panel = np.zeros((300, 300), np.float32)
    panel[130:260, 70:230] = 1

    def straps(at: int) -> np.ndarray:
        cover = panel.copy()
        for x in (150 - at, 150 + at):
            cover[70:130, x - 3 : x + 3] = 1
        return cover * (body > 0)

    beside = checks.strap_out(straps(40), body, neck, hips, 100.0)
    tips = checks.strap_out(straps(62), body, neck, hips, 100.0)
    assert beside is not None and tips is not None
    assert not checks.faults({"strap_out": beside}), beside
    assert checks.faults({"strap_out": tips}) == ["strap_out"], tips
    tee = (body > 0).astype(np.float32)
    tee[:84] = 0
    assert checks.strap_out(tee, body, neck, hips, 100.0) is None


def test_old_thighs_beside_fails_an_old_dress_skirt_left_beside_new_jeans() -> None:
    """Strips of an old white dress's skirt left beside new jeans fail, read with the
    colours across the photo's thighs, though the old colours the engine read (the
    shins' skin) miss them; the jeans closing up to the backdrop pass."""
    white = cv2.cvtColor(np.array([[[250, 250, 250]]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)
    skin = cv2.cvtColor(np.array([[[200, 160, 140]]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)
    shin = cv2.cvtColor(np.array([[[150, 125, 115]]], np.float32) / 255, cv2.COLOR_RGB2LAB).reshape(1, 3)
    region = np.zeros((400, 300), bool)
    region[100:380, 60:240] = True
    cover = np.zeros(region.shape, np.float32)
    cover[100:380, 90:210] = 1
    clean = np.full((400, 300, 3), 200, np.uint8)
    clean[cover > 0.5] = (60, 90, 150)
    left = clean.copy()
    left[100:250, 70:90] = 250  # the old skirt beside each leg
    left[100:250, 210:230] = 250
    thighs = np.vstack([white, skin])
    bad = checks.old_thighs_beside(left, region, cover, thighs, skin)
    good = checks.old_thighs_beside(clean, region, cover, thighs, skin)
    missed = checks.bottom_old_beside(left, region, cover, shin, skin)
    assert bad is not None and bad > checks.OLD_THIGHS_BESIDE, bad
    assert good is not None and good <= checks.OLD_THIGHS_BESIDE, good
    assert missed is not None and missed <= checks.BOTTOM_OLD_BESIDE, missed


def test_hip_fill_finds_a_grey_block_beside_a_tees_side() -> None:
    """The old dress's place beside a straight new tee between the waist and the hips,
    over a white wall: refilled as the wall going on, it passes; with the old skirt's
    black blended into the fill there (a grey block), it fails."""
    backdrop = np.ones((240, 240), bool)
    backdrop[40:, 60:180] = False  # the person in a long black dress
    original = np.full((240, 240, 3), 235, np.uint8)
    original[~backdrop] = (20, 20, 25)
    refilled = np.zeros((240, 240), bool)
    refilled[120:180, 62:85] = refilled[120:180, 155:178] = True  # beside the tee's sides
    clean = original.copy()
    clean[refilled] = 235
    value = checks.hip_fill(clean, original, refilled, backdrop, 25.0)
    assert value is not None and checks.faults({"hip_fill": value}) == [], value
    grey = clean.copy()
    grey[120:160, 62:85] = grey[120:160, 155:178] = 130  # the skirt's black blended in
    value = checks.hip_fill(grey, original, refilled, backdrop, 25.0)
    assert value is not None and checks.faults({"hip_fill": value}) == ["hip_fill"], value


def test_bottom_fill_finds_a_pink_haze_beside_new_jeans() -> None:
    """The old skirt's place beside new, narrower jeans below the hips, inside the person's
    silhouette, over a grey backdrop: refilled as the backdrop going on, it passes; with
    the hand's skin blurred into it (a pink haze by the hand), it fails."""
    backdrop = np.ones((240, 240), bool)
    backdrop[40:, 60:180] = False  # the person in a wide cream skirt
    original = np.full((240, 240, 3), 225, np.uint8)
    original[~backdrop] = (235, 225, 200)
    refilled = np.zeros((240, 240), bool)
    refilled[60:200, 62:90] = refilled[60:200, 150:178] = True  # the skirt's place beside the jeans
    clean = original.copy()
    clean[refilled] = 225
    value = checks.bottom_fill(clean, original, refilled, backdrop, 25.0)
    assert value is not None and checks.faults({"bottom_fill": value}) == [], value
    haze = clean.copy()
    haze[80:140, 62:80] = haze[80:140, 160:178] = (225, 190, 180)  # the hand's skin blurred in
    value = checks.bottom_fill(haze, original, refilled, backdrop, 25.0)
    assert value is not None and checks.faults({"bottom_fill": value}) == ["bottom_fill"], value


def test_arm_side_pale_reads_a_white_sliver_between_a_tee_and_the_arm() -> None:
    """A white sliver of the old top left between a tee's side and the bare arm hanging
    beside it (the arm's mask holds it) is a fault; the tee meeting the arm, and the
    light wall beyond the arm's outer side, are not."""
    image = np.full((300, 300, 3), (230, 230, 228), np.uint8)  # a light wall
    image[60:250, 100:200] = (25, 30, 60)  # the navy tee
    image[80:260, 60:100] = (205, 150, 125)  # the bare arm, against the side
    cover = np.zeros((300, 300), np.float32)
    cover[60:250, 100:200] = 1
    arm = np.zeros((300, 300), np.float32)
    arm[80:260, 60:100] = 1
    met = checks.arm_side_pale(image, cover, arm, (150.0, 60.0), (150.0, 250.0), 100.0)
    assert met is not None and checks.faults({"arm_side_pale": met}) == [], met
    slivered = image.copy()
    slivered[140:220, 96:100] = (238, 238, 236)  # the old white top, in the arm's mask
    value = checks.arm_side_pale(slivered, cover, arm, (150.0, 60.0), (150.0, 250.0), 100.0)
    assert checks.faults({"arm_side_pale": value}) == ["arm_side_pale"], value


def test_side_ragged_reads_bites_and_lumps_in_a_tops_side() -> None:
    """A tee's sides hanging in a smooth slant from the armpits to the hem are no fault;
    bites of the backdrop out of one side and a lumpy other side, as cut to a ragged
    arm mask, are."""
    yy, xx = np.mgrid[0:300, 0:300]
    slant = (yy - 60) * 0.1  # the sides flare a little towards the hem
    smooth = ((xx > 100 - slant) & (xx < 200 + slant) & (yy >= 60) & (yy < 260)).astype(np.float32)
    neck, hips = (150.0, 60.0), (150.0, 240.0)
    met = checks.side_ragged(smooth, neck, hips, 100.0)
    assert met is not None and checks.faults({"side_ragged": met}) == [], met
    torn = smooth.copy()
    torn[150:160, 90:104] = 0  # a bite of the backdrop
    torn[190:196, 85:100] = 0  # another, lower
    rng = np.random.default_rng(3)
    for y in range(120, 250, 4):  # lumps of 0-5 px into the other side
        torn[y : y + 4, 200 + int(slant[y, 0]) - int(rng.integers(0, 6)) :] = 0
    value = checks.side_ragged(torn, neck, hips, 100.0)
    assert checks.faults({"side_ragged": value}) == ["side_ragged"], value


def test_neck_label_fails_a_label_worn_on_the_throat_and_not_a_plain_band() -> None:
    """Shoulders 100 px apart: a navy inside back across the neck in the garment's own
    colour reads no label; a white label sewn on it does."""
    neck, hips = (150.0, 150.0), (150.0, 290.0)
    cover = np.zeros((300, 300), np.float32)
    cover[125:, 60:240] = 1.0
    worn = np.full((300, 300, 3), 200, np.uint8)
    worn[125:, 60:240] = (30, 32, 60)
    plain = checks.neck_label(worn, cover, neck, hips, 100.0)
    worn[128:138, 140:161] = (235, 235, 230)
    label = checks.neck_label(worn, cover, neck, hips, 100.0)
    assert plain == 0.0 and label is not None
    assert checks.faults({"neck_label": label}) == ["neck_label"]
    assert checks.neck_label(worn, np.zeros_like(cover), neck, hips, 100.0) == 0.0
    assert checks.neck_label(worn, cover, (150.0, -200.0), (150.0, -60.0), 100.0) is None


def test_neck_label_passes_a_prints_flower_and_leaf_at_the_neckline() -> None:
    """Shoulders 100 px apart, a green printed blouse: a yellow flower beside the middle
    of the neck and a black leaf at the middle, of the print scattered over the chest, are
    no label (both read as one before); a white label sewn at the middle still is."""
    neck, hips = (150.0, 150.0), (150.0, 290.0)
    cover = np.zeros((300, 300), np.float32)
    cover[125:, 60:240] = 1.0
    worn = np.full((300, 300, 3), 200, np.uint8)
    worn[125:, 60:240] = (30, 100, 90)
    for y in range(160, 220, 20):  # the print's black leaves over the chest
        for x in range(105, 200, 24):
            worn[y : y + 9, x : x + 9] = (10, 15, 12)
    worn[130:138, 160:166] = (230, 235, 60)  # a yellow flower beside the middle
    assert checks.neck_label(worn, cover, neck, hips, 100.0) == 0.0
    worn[128:136, 146:155] = (10, 15, 12)  # a leaf at the middle
    assert checks.neck_label(worn, cover, neck, hips, 100.0) == 0.0
    worn[128:138, 141:157] = (235, 235, 230)  # a white label over it
    label = checks.neck_label(worn, cover, neck, hips, 100.0)
    assert checks.faults({"neck_label": label}) == ["neck_label"], label


def _drawn_arm_sides(stepped: bool) -> np.ndarray:
    """A rebuilt forearm (how much of each pixel is skin) slanting down a light wall, its
    outer side either placed to a fraction of a pixel or cut at a coarse mask's steps and
    enlarged (4 px jumps every 32 rows), as the engine's half-size rebuild was."""
    skin = np.zeros((300, 200), np.float32)
    for y in range(300):
        edge = 120 + y / 8 if not stepped else 120 + 4 * np.floor(y / 32) + 2
        xs = np.arange(200, dtype=np.float32)
        skin[y] = np.clip(edge - xs + 0.5, 0, 1) * (xs >= 80)
    return cv2.GaussianBlur(skin, (0, 0), 0.7) * (np.arange(200) >= 80)[None, :]


def test_arm_edge_steps_flags_a_rebuilt_arms_stepped_side_and_passes_a_smooth_one() -> None:
    """A bared arm cut at the person mask's steps at the analysis size had a staircase for
    a side, the backdrop biting into the arm at each step (a ghost's dissolving edge):
    `arm_edge_steps` reads it over its limit, the same arm with a smooth side under it."""
    cover = np.zeros((300, 200), np.float32)
    bones = [((100.0, 10.0), (100.0, 150.0), (100.0, 290.0))]
    smooth = checks.arm_edge_steps(_drawn_arm_sides(False), cover, bones)
    stepped = checks.arm_edge_steps(_drawn_arm_sides(True), cover, bones)
    assert smooth is not None and stepped is not None
    limit = checks.LIMITS["arm_edge_steps"][1]
    assert limit is not None and smooth < limit < stepped, (smooth, stepped)


def test_outer_coat_cut_fails_a_coat_pasted_over_and_passes_it_kept() -> None:
    """An open camel coat worn over a top, pasted over down to the waist by a new top (its
    skirt left below), fails; kept as the outer layer, the new top only between its
    fronts, it passes."""
    photo = np.full((300, 200, 3), 235, np.uint8)
    photo[40:260, 60:140] = (15, 15, 18)  # the top under the coat
    coat = np.zeros((300, 200), bool)
    coat[40:260, 50:85] = coat[40:260, 115:150] = True
    photo[coat] = (190, 130, 90)
    pasted = photo.copy()
    pasted[40:150, 45:155] = (200, 30, 40)  # a red tee over the coat's upper half
    cut = checks.outer_coat_cut(pasted, photo, coat)
    assert cut is not None and checks.faults({"outer_coat_cut": cut}) == ["outer_coat_cut"], cut
    kept = photo.copy()
    kept[40:150, 85:115] = (200, 30, 40)  # the tee between the fronts
    left = checks.outer_coat_cut(kept, photo, coat)
    assert left is not None and checks.faults({"outer_coat_cut": left}) == [], left
    assert checks.outer_coat_cut(kept, photo, np.zeros((300, 200), bool)) is None


def test_skirt_width_leaves_out_the_hands_beside_a_skirt_and_reads_a_gap_up_to_them() -> None:
    """Hands hanging beside the thighs lie in the person's mask: a skirt meeting them was
    read as narrower than the hips by the hands' width. Taken out, that skirt passes,
    and a skin wedge left between a narrower skirt and the hands still fails."""
    body = np.zeros((400, 400), bool)
    body[100:, 140:260] = True  # hips and thighs, 120 px across
    hands = np.zeros((400, 400), bool)
    hands[105:230, 115:140] = True  # the hands, against the thighs' sides
    hands[105:230, 260:285] = True
    body |= hands
    arms = np.zeros((400, 400), bool)
    hips, knees = (200.0, 100.0), (200.0, 300.0)
    meets = np.zeros((400, 400), np.float32)
    meets[100:, 140:260] = 1.0
    assert checks.faults({"skirt_width": checks.skirt_width(meets, body, hips, knees, arms)}) == ["skirt_width"]
    value = checks.skirt_width(meets, body, hips, knees, arms, hands)
    assert value is not None and checks.faults({"skirt_width": value}) == [], value
    wedged = np.zeros((400, 400), np.float32)
    wedged[100:, 150:250] = 1.0  # 10 px of rebuilt skin between the skirt and each hand
    value = checks.skirt_width(wedged, body, hips, knees, arms, hands)
    assert checks.faults({"skirt_width": value}) == ["skirt_width"], value


def test_side_ragged_leaves_out_the_rows_where_a_hand_lies_across_the_side() -> None:
    """A smooth tee whose side a finger in front cuts short over 5 rows (the run ends at
    the hand) read as a step; with the hand given as in front those rows are not read
    and the side passes, while a bite of the backdrop elsewhere still fails."""
    yy, xx = np.mgrid[0:300, 0:300]
    tee = ((xx > 100) & (xx < 200) & (yy >= 60) & (yy < 260)).astype(np.float32)
    hand = np.zeros((300, 300), bool)
    hand[200:205, 175:215] = True  # a finger laid over the right side
    worn = tee.copy()
    worn[hand] = 0.0
    neck, hips = (150.0, 60.0), (150.0, 240.0)
    assert checks.faults({"side_ragged": checks.side_ragged(worn, neck, hips, 100.0)}) == ["side_ragged"]
    value = checks.side_ragged(worn, neck, hips, 100.0, hand)
    assert value is not None and checks.faults({"side_ragged": value}) == [], value
    bitten = worn.copy()
    bitten[140:146, 100:112] = 0.0  # a bite of the backdrop out of the left side
    value = checks.side_ragged(bitten, neck, hips, 100.0, hand)
    assert checks.faults({"side_ragged": value}) == ["side_ragged"], value


def test_skin_dark_marks_flags_an_arm_streaked_with_finger_gaps_and_passes_grained_skin() -> None:
    """A rebuilt arm laid with a hand's detail patches, the dark gaps between the fingers
    turned every way across it (`ootd--01008_00` under a tee), fails; the same arm laid
    with skin's own fine grain and soft blotches passes, and so does its shaded rim."""
    rng = np.random.default_rng(3)
    colour = np.array([205, 160, 140], np.float32)
    fine = cv2.GaussianBlur(rng.normal(0, 1, (300, 200)).astype(np.float32), (0, 0), 0.7) * 2
    broad = cv2.GaussianBlur(rng.normal(0, 1, (300, 200)).astype(np.float32), (0, 0), 6) * 40
    xs = np.abs(np.arange(200, dtype=np.float32) - 100) / 50
    rim = 1 - 0.4 * (1 - np.sqrt(np.clip(1 - xs**2, 0, 1)))  # the arm turning away at its sides
    skin = colour * (rim[None, :, None] + (fine + broad)[:, :, None] / 255)
    arm = np.zeros((300, 200), bool)
    arm[:, 50:150] = True
    grained = np.clip(skin, 0, 255).astype(np.uint8)
    streaked = grained.copy()
    for _ in range(60):  # short dark strokes a few pixels wide, every way
        y, x, angle = rng.integers(20, 280), rng.integers(60, 140), rng.uniform(0, np.pi)
        end = (int(x + 12 * np.cos(angle)), int(y + 12 * np.sin(angle)))
        cv2.line(streaked, (int(x), int(y)), end, (150, 115, 100), 2)
    clean = checks.skin_dark_marks(grained, arm, 100.0)
    ghost = checks.skin_dark_marks(streaked, arm, 100.0)
    assert clean is not None and ghost is not None
    assert checks.faults({"skin_dark_marks": clean}) == [], clean
    assert checks.faults({"skin_dark_marks": ghost}) == ["skin_dark_marks"], ghost
    assert checks.skin_dark_marks(grained, np.zeros((300, 200), bool), 100.0) is None


def _shoulders_figure(notch: bool) -> np.ndarray:
    """A rendered figure over a 300 px shoulder span (neck at x 250, y 130): a neck, and
    shoulders falling from beside it, rounding over each arm's cap into the arm; with a
    square `notch` refilled from the backdrop where the picture's right shoulder top
    meets the arm's cap (a tank's shoulder cut at the joint above a cap that begins lower)."""
    figure = np.zeros((400, 500), np.uint8)
    cv2.rectangle(figure, (225, 20), (275, 140), 1, -1)
    outline = [(250, 95), (300, 100), (340, 110), (372, 124), (392, 145), (402, 175), (405, 260), (95, 260)]
    outline += [(98, 175), (108, 145), (128, 124), (160, 110), (200, 100)]
    cv2.fillPoly(figure, [np.array(outline)], 1)
    if notch:
        cv2.rectangle(figure, (340, 100), (372, 140), 0, -1)
    return figure > 0


def test_shoulder_notch_passes_a_sloping_shoulder_and_fails_a_notch_at_the_arms_cap() -> None:
    """`shoulder_notch`: the figure's top over a shoulder runs as one convex roof from
    beside the neck over the arm's cap; a square notch cut where the rebuilt shoulder
    meets the cap dips under it. A side with hair over it is not read."""
    limit = checks.LIMITS["shoulder_notch"][1]
    assert limit is not None
    nothing = np.zeros((400, 500), bool)

    def read(figure: np.ndarray, hair: np.ndarray = nothing) -> float | None:
        return checks.shoulder_notch(figure, hair, (250.0, 130.0), (250.0, 430.0), 300.0)

    smooth, notched = read(_shoulders_figure(False)), read(_shoulders_figure(True))
    assert smooth is not None and notched is not None
    assert smooth < limit < notched, (smooth, notched)
    hair = np.zeros((400, 500), bool)
    hair[60:140, 330:380] = True  # locks over the notched shoulder
    hidden = read(_shoulders_figure(True), hair)
    assert hidden is not None and hidden < limit, hidden


def test_old_line_on_chest_flags_an_old_necklines_edge_across_the_rebuilt_chest() -> None:
    """A yellow tank's neckline edge, 2 px thin, kept across the chest rebuilt under a
    lower new neckline is the old top seen at once; rebuilt as skin, nothing is left. A
    skin-coloured old top passes: the rebuilt skin is not read as its colour."""
    skin = (120, 80, 60)
    tank = (230, 200, 110)
    original = np.full((300, 300, 3), 235, np.uint8)
    original[40:300, 70:230] = skin  # the neck, shoulders and chest
    original[120:300, 90:210] = tank  # the old tank below its neckline
    old = np.zeros((300, 300), np.float32)
    old[122:300, 90:210] = 1  # its mask, short of the neckline's top edge
    rebuilt = np.zeros((300, 300), np.float32)
    rebuilt[122:200, 90:210] = 1  # the chest bared by the new, lower neckline
    kept = np.zeros((300, 300), bool)
    kept[200:300] = True  # the new garment below
    body = np.zeros((300, 300), bool)
    body[40:300, 70:230] = True
    clean = original.copy()
    clean[120:200, 90:210] = skin
    left = clean.copy()
    left[120:122, 90:210] = tank  # the edge kept with the neck above
    line = checks.old_line_on_chest(left, original, old, rebuilt, kept, body, (150, 130), 150.0)
    gone = checks.old_line_on_chest(clean, original, old, rebuilt, kept, body, (150, 130), 150.0)
    assert line is not None and checks.faults({"old_line_on_chest": line}) == ["old_line_on_chest"], line
    assert gone is not None and checks.faults({"old_line_on_chest": gone}) == [], gone
    beige = original.copy()
    beige[120:300, 90:210] = (125, 84, 64)
    toned = checks.old_line_on_chest(clean, beige, old, rebuilt, kept, body, (150, 130), 150.0)
    assert toned is not None and checks.faults({"old_line_on_chest": toned}) == [], toned
    assert checks.old_line_on_chest(left, original, np.zeros_like(old), rebuilt, kept, body, (150, 130), 150.0) is None


def test_head_side_changed_finds_a_hat_brim_rebuilt_as_a_skin_blob() -> None:
    """A hat's brim beside the head, above the shoulders: kept as shot it passes; its end
    painted over as a skin-coloured blob (`carvekit--3` before session 44) fails; a new
    top drawn up there is not counted; a collar by the neck and a sleeve raised beside the
    head are not the hair."""
    before = np.full((300, 300, 3), 200, np.uint8)
    before[60:100, 200:240] = (70, 30, 25)  # the brim's end, right of the neck
    hat = np.zeros((300, 300), bool)
    hat[60:100, 200:240] = True
    neck, down, right, width = (150.0, 150.0), (0.0, 1.0), (1.0, 0.0), 100.0
    beside = checks.head_side(hat, neck, down, right, width)
    assert np.count_nonzero(beside) == 1600
    cover = np.zeros((300, 300), np.float32)
    value = checks.head_side_changed(before, before.copy(), beside, cover, width)
    assert value is not None and checks.faults({"head_side_changed": value}) == [], value
    blob = before.copy()
    blob[75:100, 205:240] = (225, 180, 150)
    value = checks.head_side_changed(before, blob, beside, cover, width)
    assert value is not None and checks.faults({"head_side_changed": value}) == ["head_side_changed"], value
    cover[60:100, 200:240] = 1
    assert checks.head_side_changed(before, blob, beside, cover, width) is None
    collar = np.zeros((300, 300), bool)
    collar[100:140, 160:180] = True
    assert not checks.head_side(collar, neck, down, right, width).any()
    raised = [((220.0, 130.0), (220.0, 40.0))]  # an arm in a sleeve raised beside the head
    assert not checks.head_side(hat, neck, down, right, width, raised).any()
