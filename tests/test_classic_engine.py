"""The classic engine on images the tests draw and on scikit-image's bundled astronaut photo."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image
from skimage import data

from fitroom import checks
from fitroom.engines import load_engine
from fitroom.engines.base import EngineError, RenderOptions
from fitroom.engines.classic import ClassicEngine, placement, skin, working_size
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.body import Frame, torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.fit import similarity, tps_map
from fitroom.engines.classic.garment import Garment, _skin_shown, _whole_straps, analyse_garment
from fitroom.engines.classic.old_garment import worn_colours, worn_mask
from fitroom.engines.classic.outer_coat import outer_coat, skin_toned_coat
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for, without_sleeves
from fitroom.engines.classic.rebuild import _from_below, _sleeved_sides, replaced
from fitroom.engines.classic.warp import Layer
from fitroom.evaluate import part_unnamed
from tests.support.rebuilt import bare_arms, flat_tone, uncovered_top


def tee(sleeves: bool = True, colour: tuple[int, int, int] = (200, 30, 40)) -> np.ndarray:
    """A flat-lay tee on white: torso panel x 120..280, y 60..400; sleeves out to the sides."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (120, 60), (280, 400), colour, -1)
    if sleeves:
        cv2.fillConvexPoly(image, np.array([(120, 60), (40, 150), (75, 185), (120, 140)]), colour)
        cv2.fillConvexPoly(image, np.array([(280, 60), (360, 150), (325, 185), (280, 140)]), colour)
    cv2.putText(image, "FIT", (150, 250), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (255, 255, 255), 4)
    return image


def trousers() -> np.ndarray:
    image = np.full((500, 300, 3), 250, np.uint8)
    cv2.fillConvexPoly(
        image, np.array([(90, 40), (210, 40), (230, 470), (160, 470), (150, 200), (140, 470), (70, 470)]), (30, 50, 120)
    )
    return image


def test_tee_keypoints() -> None:
    garment = analyse_garment(tee(), swap_target="full_outfit", hint=None)
    assert garment.category == "top"
    assert abs(garment.left - 120) <= 4 and abs(garment.right - 280) <= 4
    assert abs(garment.hem_y - 400) <= 4 and abs(garment.top - 60) <= 4
    assert 130 <= garment.armpit_y <= 190, garment.armpit_y
    assert garment.sleeve_left.any() and garment.sleeve_right.any()
    assert not garment.sleeve_left[:, 121:].any() and not garment.sleeve_right[:, :279].any()


def test_tank_has_no_sleeves_and_hints_set_category() -> None:
    tank = analyse_garment(tee(sleeves=False), swap_target="top", hint=None)
    assert not tank.sleeve_left.any() and not tank.sleeve_right.any()
    assert analyse_garment(tee(), swap_target="full_outfit", hint="a summer dress").category == "dress"


def skirt() -> np.ndarray:
    """A flat A-line skirt on light grey: a level waistband 120 px wide, a hem 220 px."""
    image = np.full((400, 400, 3), 240, np.uint8)
    cv2.fillConvexPoly(image, np.array([(140, 60), (260, 60), (310, 330), (90, 330)]), (40, 120, 60))
    return image


def test_a_bottom_with_no_part_named_is_read_from_its_outline() -> None:
    """VirtuFit's default `full_outfit` and FASHN's `auto` name no part: jeans (two legs
    apart below the crotch) and a skirt (a level waistband widening down) were dressed as a dress or
    a top. Tops stay tops, and a part named still wins."""
    jeans = np.full((520, 320, 3), 245, np.uint8)
    legs = [(100, 40), (220, 40), (250, 480), (190, 480), (160, 150), (130, 480), (70, 480)]
    cv2.fillPoly(jeans, [np.array(legs)], (150, 90, 40))
    assert analyse_garment(jeans, swap_target="full_outfit", hint=None).category == "bottom"
    assert analyse_garment(skirt(), swap_target="full_outfit", hint=None).category == "bottom"
    assert analyse_garment(tee(), swap_target="full_outfit", hint=None).category == "top"
    assert analyse_garment(tee(sleeves=False), swap_target="full_outfit", hint=None).category == "dress"
    assert analyse_garment(skirt(), swap_target="top", hint=None).category == "top"
    assert analyse_garment(skirt(), swap_target="full_outfit", hint="a short dress").category == "dress"


def test_eval_fails_a_garment_read_as_another_part_when_none_is_named() -> None:
    """`fitroom eval` names the part from the garment's folder; `part_unnamed` reads the
    photo as a client naming none would have it read, and fails it when that is wrong."""
    assert part_unnamed(Image.fromarray(skirt()), "bottom") == 1.0
    assert part_unnamed(Image.fromarray(tee()), "top") == 1.0
    misread = part_unnamed(Image.fromarray(tee()), "bottom")
    assert misread == 0.0 and checks.faults({"part_unnamed": misread}) == ["part_unnamed"]
    assert part_unnamed(Image.fromarray(tee()), "shoes") is None


def test_long_sleeves_hanging_against_the_body_are_sleeves() -> None:
    """A white blouse on light grey, its long sleeves hanging against the body: the
    cut-out is one block, and only the seams (faint shadow lines) part sleeve from body."""
    image = np.full((460, 400, 3), 236, np.uint8)
    white = (252, 252, 252)
    cv2.fillConvexPoly(image, np.array([(150, 50), (250, 50), (300, 90), (300, 400), (100, 400), (100, 90)]), white)
    for x in (140, 260):  # the seams, from the armpit down to the hem
        cv2.line(image, (x, 130), (x, 398), (200, 200, 200), 2)
    garment = analyse_garment(image, swap_target="top", hint=None)
    assert abs(garment.left - 140) <= 4 and abs(garment.right - 260) <= 4, (garment.left, garment.right)
    assert garment.sleeve_left.any() and garment.sleeve_right.any()
    assert not garment.sleeve_left[:, 150:].any() and not garment.sleeve_right[:, :250].any()


def test_trousers_waistband() -> None:
    garment = analyse_garment(trousers(), swap_target="bottom", hint=None)
    assert garment.category == "bottom"
    assert abs(garment.left - 90) <= 6 and abs(garment.right - 210) <= 6


def test_only_photos_with_skin_are_looked_at_for_a_model() -> None:
    """The pose pass on a garment photo is skipped only where no one can be: a flat lay
    (even a skin-coloured one is looked at), never a photo of a person."""
    assert not _skin_shown(tee())
    assert not _skin_shown(trousers())
    assert _skin_shown(tee(colour=(225, 180, 150)))
    assert _skin_shown(data.astronaut())


def test_white_garment_on_white_is_found_or_refused_clearly() -> None:
    blank = np.full((300, 300, 3), 255, np.uint8)
    with pytest.raises(EngineError) as info:
        analyse_garment(blank, swap_target="top", hint=None)
    assert info.value.code == "garment_not_found"


def checkerboard(size: int = 240, square: int = 30) -> np.ndarray:
    yy, xx = np.mgrid[0:size, 0:size]
    board = (((yy // square) + (xx // square)) % 2 * 255).astype(np.uint8)
    return np.ascontiguousarray(np.stack([board] * 3, axis=2))


def corner_rows_straight(image: np.ndarray, pattern: tuple[int, int]) -> float:
    """Largest distance of a detected inner corner from the line fitted through its row."""
    found, corners = cv2.findChessboardCorners(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), pattern)
    assert found, "checkerboard not found after the warp"
    grid = corners.reshape(pattern[1], pattern[0], 2)
    worst = 0.0
    for row in grid:
        vx, vy, x0, y0 = cv2.fitLine(row.astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        distances = np.abs((row[:, 0] - x0) * vy - (row[:, 1] - y0) * vx)
        worst = max(worst, float(distances.max()))
    return worst


def test_torso_spline_keeps_checkerboard_lines_straight() -> None:
    board = checkerboard()
    src = np.array([[0, 0], [240, 0], [0, 240], [240, 240], [120, 0], [120, 240], [0, 120], [240, 120]], float)
    # A similarity (scale 1.4, turned 10°) plus a shift: what a torso panel undergoes.
    angle = np.radians(10)
    rot = 1.4 * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    dst = src @ rot.T + [90, 40]
    maps = tps_map(src, dst, (520, 520))
    warped = cv2.remap(board, maps[0], maps[1], cv2.INTER_LINEAR, borderValue=(128, 128, 128))
    assert corner_rows_straight(warped, (7, 7)) < 0.6


def test_sleeve_transform_is_rigid_and_not_mirrored() -> None:
    m = similarity(np.array([0.0, 0.0]), np.array([10.0, 0.0]), np.array([5.0, 5.0]), np.array([5.0, 25.0]), 2.0)
    linear = m[:, :2]
    assert np.linalg.det(linear) > 0, "a mirrored sleeve would flip its print"
    assert np.allclose(linear @ linear.T, 4 * np.eye(2))
    assert np.allclose(m @ [10, 0, 1], [5, 25])


def astronaut() -> Image.Image:
    return Image.fromarray(data.astronaut())


def test_astronaut_render_preserves_everything_outside_the_edit() -> None:
    engine = ClassicEngine()
    report = engine.render_report(astronaut(), [Image.fromarray(tee())], RenderOptions(swap_target="top", tier="nano"))
    out = np.asarray(report.image)
    assert out.shape == report.input.shape == (512, 512, 3)
    changed = np.any(out != report.input, axis=2)
    assert report.edited is not None and not (changed & ~report.edited).any()
    face = report.person.face > 0
    assert face.sum() > 1000 and np.array_equal(out[face], report.input[face])
    cover = report.garment_cover
    assert cover is not None and (cover > 0.5).sum() > 0.05 * cover.size
    torso_y = int((report.person.pt(11)[1] + report.person.pt(12)[1]) / 2 + 60)
    torso_x = int((report.person.pt(11)[0] + report.person.pt(12)[0]) / 2)
    r, g, b = out[torso_y, torso_x].astype(int)
    assert r > g + 40 and r > b + 40, "the red tee should be on the chest"


def test_typed_errors() -> None:
    engine = ClassicEngine()
    garment = [Image.fromarray(tee())]
    options = RenderOptions(swap_target="top", tier="nano")
    with pytest.raises(EngineError) as blank:
        engine.render(Image.new("RGB", (400, 500), (120, 120, 120)), garment, options)
    assert blank.value.code == "no_person_detected"
    two = Image.fromarray(np.concatenate([data.astronaut(), data.astronaut()], axis=1))
    with pytest.raises(EngineError) as pair:
        engine.render(two, garment, options)
    assert pair.value.code == "multiple_people"
    with pytest.raises(EngineError) as bottoms:
        engine.render(astronaut(), [Image.fromarray(trousers())], RenderOptions(swap_target="bottom", tier="nano"))
    assert bottoms.value.code == "pose_not_supported"


def test_tiers_never_upsample() -> None:
    assert working_size((768, 1024), 512) == (384, 512)
    assert working_size((768, 1024), 2048) == (768, 1024)
    assert working_size((3000, 2000), 1024) == (1024, 683)


def test_classic_is_the_builtin_default() -> None:
    assert isinstance(load_engine("classic"), ClassicEngine)


def drawn_points() -> np.ndarray:
    """Landmarks placed by hand for a drawn person 400 px wide: shoulders at y 100, hips
    at y 260, elbows at y 180 and wrists at y 250 (arms hanging beside the torso), knees
    at y 380."""
    p = pose
    points = np.zeros((33, 2), np.float32)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = (235, 260), (165, 260)
    points[[p.L_ELBOW, p.R_ELBOW]] = (275, 180), (125, 180)
    points[[p.L_WRIST, p.R_WRIST]] = (280, 250), (120, 250)
    points[[p.L_KNEE, p.R_KNEE]] = (235, 380), (165, 380)
    return points


def drawn_person(shirt: np.ndarray) -> Person:
    """A Person over a drawn image, landmarks placed by hand (`drawn_points`)."""
    points = drawn_points()
    h, w = shirt.shape[:2]
    empty = np.zeros((h, w), np.uint8)
    return Person(
        shirt,
        points,
        np.ones(33, np.float32),
        np.ones((h, w), np.float32),
        empty,
        empty,
        np.array([160, 145, 150], np.float32),
    )


def test_striped_old_top_is_found_in_both_colours() -> None:
    image = np.full((420, 400, 3), 235, np.uint8)
    for x in range(130, 270, 20):  # green and white stripes, 10 px each
        image[90:290, x : x + 10] = (20, 110, 60)
        image[90:290, x + 10 : x + 20] = (250, 250, 250)
    person = drawn_person(image)
    colours = worn_colours(cv2.cvtColor(image, cv2.COLOR_RGB2LAB).astype(np.float32), person, "top")
    assert len(colours) == 2
    old = worn_mask(person, "top", torso_frame(person)) > 0
    chest = old[150:230, 160:240]
    assert chest.mean() > 0.95, chest.mean()  # both stripe colours, not one of them


def test_wide_old_sleeve_and_long_hem_are_part_of_the_old_top() -> None:
    image = np.full((420, 400, 3), 235, np.uint8)
    black = (15, 15, 15)
    cv2.rectangle(image, (150, 90), (250, 330), black, -1)  # the body, hanging 70 px below the hips
    cv2.fillConvexPoly(image, np.array([(150, 95), (70, 190), (110, 215), (150, 150)]), black)  # a boxy sleeve
    cv2.rectangle(image, (150, 331), (250, 419), (40, 60, 160), -1)  # blue trousers
    person = drawn_person(image)
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[185, 85], "the sleeve's far end, well wide of the arm"
    assert old[310, 200], "the hem below the hips"
    assert not old[380, 200], "the trousers"


def test_bands_at_the_old_tops_edges_are_part_of_it_but_not_the_trousers() -> None:
    """A sweater's rib of another colour at the waist and its collar at the neck are the
    old top too: left out, they show as a strip round whatever replaces it."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 60), (260, 255), (15, 15, 15), -1)  # a black sweater
    cv2.rectangle(image, (140, 256), (260, 270), (170, 20, 30), -1)  # its red rib at the hips
    cv2.rectangle(image, (175, 60), (225, 72), (120, 120, 125), -1)  # a grey collar at the neck
    cv2.rectangle(image, (140, 271), (260, 419), (180, 140, 90), -1)  # camel trousers
    person = drawn_person(image)
    mask = np.zeros((420, 400), np.float32)
    mask[55:420, 140:261] = 1  # the person's outline; the backdrop beside it is not them
    person.mask = mask
    old = worn_mask(person, "top", torso_frame(person)) > 0
    assert old[150, 200], "the sweater"
    assert old[263, 145:255].all(), "the red rib at the hips"
    assert old[66, 185:215].all(), "the collar"
    assert not old[280:, :].any(), "the trousers below the rib"
    assert not old[:, :137].any() and not old[:, 264:].any(), "the backdrop"


def test_top_refused_when_the_shoulders_found_are_not_the_bodys() -> None:
    """A pose model misled by a cropped face can put both shoulders on one side of the
    body: a top would go on as a narrow strip, so it is refused with a clear error."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    mask = np.zeros((420, 400), np.float32)
    mask[90:400, 130:270] = 1  # the body's outline, as wide as the shoulders' distance
    person.mask = mask
    tee_garment = analyse_garment(tee(), swap_target="top", hint=None)
    assert layers_for(person, tee_garment)
    person.points[pose.L_SHOULDER] = (180, 100)  # both shoulders on the body's right half
    with pytest.raises(EngineError) as refused:
        layers_for(person, tee_garment)
    assert refused.value.code == "pose_not_supported"


def drawn_dress() -> np.ndarray:
    """A fitted dress with short sleeves on white: bodice x 150..250 from y 60, sleeves out
    to x 95 and 305 down to y 120, waist 160..240 at y 200..260, skirt 140..260 to y 560."""
    image = np.full((600, 400, 3), 255, np.uint8)
    green = (30, 120, 70)
    cv2.rectangle(image, (150, 60), (250, 200), green, -1)
    cv2.fillConvexPoly(image, np.array([(150, 60), (95, 100), (110, 125), (150, 110)]), green)
    cv2.fillConvexPoly(image, np.array([(250, 60), (305, 100), (290, 125), (250, 110)]), green)
    cv2.rectangle(image, (160, 200), (240, 260), green, -1)
    cv2.rectangle(image, (140, 260), (260, 560), green, -1)
    return image


def test_dress_sleeves_are_read_and_the_dress_does_not_swallow_the_arms() -> None:
    """The dress's short sleeves are found like a top's; on a body whose arms hang beside
    it, the dress down to the hips is no wider than the trunk and each sleeve goes on its
    arm, while the arms below the sleeves stay uncovered."""
    dress = analyse_garment(drawn_dress(), swap_target="dress", hint=None)
    assert dress.category == "dress"
    assert abs(dress.left - 160) <= 4 and abs(dress.right - 240) <= 4, (dress.left, dress.right)
    assert dress.sleeve_left.any() and dress.sleeve_right.any()
    assert not dress.sleeve_left[:, 152:].any() and not dress.sleeve_right[:, :248].any()
    assert not dress.sleeve_left[140:].any(), "nothing of the skirt is a sleeve"
    image = np.full((560, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    mask = np.zeros((560, 400), np.float32)
    mask[90:540, 155:246] = 1  # the trunk and legs
    mask[95:260, 108:142] = mask[95:260, 258:292] = 1  # the arms beside it
    person.mask = mask
    cover = np.zeros((560, 400), np.float32)
    for layer in layers_for(person, dress):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    assert cover[180:250, 190:210].min() > 0.9, "the trunk"
    assert cover[200:250, 112:136].max() < 0.5 and cover[200:250, 264:288].max() < 0.5, "the forearms"
    # Halfway down the upper arms' bones (shoulder to elbow: (150, 100) to (125, 180)).
    assert cover[130:150, 132:142].mean() > 0.9 and cover[130:150, 258:268].mean() > 0.9, "the sleeves on the arms"


def test_no_slit_between_a_dress_sleeve_and_its_bodice() -> None:
    """Arms held a little out from the body: each short sleeve follows its arm away from
    the bodice, and the body between them showed as a slit of the old garment's place
    (`seam_gap` 1.43 on this drawing, over its limit). A dress's sleeves meet its bodice
    as a top's meet its panel: the slit is closed the same way (`placement._seam_gaps`)."""
    person = drawn_person(np.full((560, 400, 3), 235, np.uint8))
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    person.points[[pose.L_ELBOW, pose.R_ELBOW]] = (315, 180), (85, 180)
    person.points[[pose.L_WRIST, pose.R_WRIST]] = (320, 250), (80, 250)
    mask = np.zeros((560, 400), np.float32)
    mask[90:540, 150:251] = 1  # the trunk and legs
    for a, b in (((150, 100), (85, 180)), ((85, 180), (80, 250)), ((250, 100), (315, 180)), ((315, 180), (320, 250))):
        cv2.line(mask, a, b, 1.0, 34)  # the arms, held out
    person.mask = mask
    cover = np.zeros((560, 400), np.float32)
    for layer in layers_for(person, analyse_garment(drawn_dress(), swap_target="dress", hint=None)):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    gap = checks.seam_gap(cover, mask > 0.5, np.zeros((560, 400), bool), (200, 100), (200, 260), 100.0)
    assert gap is not None and not checks.faults({"seam_gap": gap}), gap


def test_a_short_dress_waist_is_measured_below_sleeves_that_reach_its_rows() -> None:
    """A mini dress's short sleeves reach down into the rows where a dress's waist is
    measured (0.3 to 0.36 of its height); the waist is the bodice below them, not the
    width across both sleeves, which drew the dress too small for the body."""
    image = np.full((400, 400, 3), 255, np.uint8)
    green = (30, 120, 70)
    cv2.rectangle(image, (160, 60), (240, 230), green, -1)  # the bodice, as wide as the waist
    # Sleeves whose slanted lower edges run down to y 168, into the rows 150..168.
    cv2.fillConvexPoly(image, np.array([(160, 60), (95, 100), (100, 148), (160, 168)]), green)
    cv2.fillConvexPoly(image, np.array([(240, 60), (305, 100), (300, 148), (240, 168)]), green)
    cv2.rectangle(image, (140, 230), (260, 360), green, -1)
    dress = analyse_garment(image, swap_target="dress", hint=None)
    assert dress.sleeve_left.any() and dress.sleeve_right.any()
    assert abs(dress.left - 160) <= 4 and abs(dress.right - 240) <= 4, (dress.left, dress.right)


def test_fill_from_below_mirrors_what_is_below_and_never_the_backdrop() -> None:
    """Trousers under a shorter new top go on up as their mirror image at the hole's
    lower edge; a column whose pixels below are backdrop, or too few, is left to the
    ordinary fill."""
    image = np.zeros((40, 20, 3), np.uint8)
    image[20:, :, 0] = (np.arange(20, 40) * 5)[:, None]  # a ramp below the hole
    region = np.zeros((40, 20), np.uint8)
    region[10:20] = 1
    usable = np.ones((40, 20), bool)
    usable[:, 15:] = False  # the backdrop
    out, found = _from_below(image, region, usable)
    assert out[19, 0, 0] == image[20, 0, 0] and out[10, 0, 0] == image[29, 0, 0]
    assert found[10:20, :15].all() and not found[10:20, 15:].any()
    assert not found[:10].any() and not found[20:].any()
    deep = np.zeros((40, 20), np.uint8)
    deep[:30] = 1  # ten rows below it: only its lowest ten rows can be mirrored
    _, found = _from_below(image, deep, np.ones((40, 20), bool))
    assert found[20:30].all() and not found[:20].any()


def test_old_trousers_of_the_skins_own_colour_are_found_whole() -> None:
    """Khaki trousers on a man whose skin is the same khaki: pixel by pixel, which of the
    two each is nearer is a coin toss, and the strips lost to skin showed between and
    beside the new, narrower legs. Along the legs, that colour is the trousers'."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    skin = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0].astype(int)
    rng = np.random.default_rng(0)
    legs = np.clip(skin + rng.integers(-6, 7, (160, 110, 1)), 0, 255).astype(np.uint8)
    image[260:420, 145:255] = legs  # the trousers, hips to below the knees
    cv2.rectangle(image, (145, 90), (255, 259), (20, 30, 90), -1)  # a navy top above them
    person.mask[:, :] = 0
    person.mask[90:420, 145:256] = 1
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    assert old[275:410, 160:240].mean() > 0.97, old[275:410, 160:240].mean()
    assert not old[:, :140].any() and not old[:, 260:].any(), "the backdrop"


def test_a_dress_replaces_the_trousers_too_and_a_coat_is_not_the_trousers() -> None:
    """A dress takes the place of the top and the trousers: left, they showed below its
    hem. A coat over the thighs is not the trousers: read there, the grey trousers under
    it stayed below new shorts."""
    image = np.full((560, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 330), (20, 20, 25), -1)  # a black coat over the thighs
    cv2.rectangle(image, (145, 331), (255, 390), (130, 130, 135), -1)  # grey trousers below it
    for x in (145, 213):  # their legs, the backdrop between
        cv2.rectangle(image, (x, 391), (x + 42, 540), (130, 130, 135), -1)
    person = drawn_person(image)
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    person.mask = (np.any(image != 235, axis=2)).astype(np.float32)
    bottom = worn_mask(person, "bottom", torso_frame(person)) > 0
    legs = person.mask[420:510] > 0
    assert bottom[420:510][legs].mean() > 0.95, "the trousers below the coat"
    assert not bottom[150:250, 150:250].any(), "the coat"
    dress = worn_mask(person, "dress", torso_frame(person)) > 0
    assert dress[150:250, 150:250].mean() > 0.95, "the coat"
    assert dress[350:370, 160:240].mean() > 0.95, "the trousers below its hem"


def test_on_model_hand_on_the_garment_is_painted_out_and_a_free_hand_is_not() -> None:
    """Issue 17: the model's hands must not come along with an on-model garment."""
    from fitroom.engines.classic.garment import _hands_painted_out

    rgb = np.full((200, 200, 3), 240, np.uint8)
    rgb[40:160, 50:150] = (40, 90, 160)  # the garment
    clothes = np.zeros((200, 200), np.uint8)
    clothes[40:160, 50:150] = 255
    hands = np.zeros((200, 200), np.uint8)
    cv2.circle(hands, (100, 100), 12, 255, -1)  # a hand on the chest
    cv2.circle(hands, (185, 190), 8, 255, -1)  # a hand hanging free, below and beside
    rgb[hands > 0] = (220, 170, 140)
    clothes[hands > 0] = 0
    painted, mask = _hands_painted_out(rgb, clothes, hands, 100.0, (30.0, 170.0))
    assert mask[100, 100] == 255
    assert np.abs(painted[100, 100].astype(int) - (40, 90, 160)).max() < 30
    assert mask[190, 185] == 0 and tuple(painted[190, 185]) == (220, 170, 140)


def test_on_model_waist_row_splits_a_printed_top_from_plain_trousers() -> None:
    """Issue 17: a whole outfit worn by a model is two garments, split where the top ends."""
    from fitroom.engines.classic.garment import _colours, _waist_row

    rng = np.random.default_rng(0)
    rgb = np.full((300, 100, 3), 250, np.uint8)
    palette = np.array([(200, 60, 40), (240, 240, 230), (90, 60, 40)], np.uint8)
    rgb[:180] = palette[rng.integers(0, 3, (180, 100))]  # a knitted, printed top
    rgb[180:] = (50, 70, 120)  # jeans
    clothes = np.full((300, 100), 255, np.uint8)
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    top, bottom = _colours(lab[40:120].reshape(-1, 3)), _colours(lab[220:280].reshape(-1, 3))
    waist = _waist_row(lab, clothes, top, bottom, 100, 260)
    assert waist is not None and abs(waist - 180) <= 3
    # The top's palette holds the jeans' blue: nearness to the top's colours alone would
    # never find the waist.
    rgb[:180:4] = (50, 70, 120)
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB).astype(np.float32)
    top = _colours(lab[40:120].reshape(-1, 3))
    waist = _waist_row(lab, clothes, top, bottom, 100, 260)
    assert waist is not None and abs(waist - 180) <= 5  # the last stripe may count
    assert _waist_row(lab, clothes, top, top, 100, 260) is None  # one garment


def test_on_model_checked_shirt_over_grey_trousers_is_two_garments() -> None:
    """The checks hold greys, so the trousers' colour is in the shirt's palette; their
    middle colours still lie far apart. A printed dress's halves do not."""
    from fitroom.engines.classic.garment import _middles_apart

    rng = np.random.default_rng(1)
    checks = np.array([(80.0, 0.0, -20.0), (240.0, 128.0, 120.0), (150.0, 128.0, 128.0)], np.float32)
    shirt = checks[rng.integers(0, 3, 3000)]
    shirt[:, 1:] = np.where(shirt[:, 1:] < 100, 110, shirt[:, 1:])
    trousers = np.full((3000, 3), (150.0, 128.0, 128.0), np.float32)
    trousers[:500] = shirt[:500]  # a hand, a shadow: some pixels like the shirt's
    assert _middles_apart(np.tile(checks[1], (3000, 1)), trousers)
    assert not _middles_apart(shirt, shirt[::-1].copy())


def test_whole_outfit_on_a_model_dresses_top_and_bottom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: full_outfit from one photo of a model in a top and trousers gives both,
    bottom first; a top alone gives the top; trousers cut off above the knee are left out."""
    from fitroom.engines.classic import garment as garments

    rgb = np.full((400, 200, 3), 245, np.uint8)
    upper = np.zeros((400, 200), np.float32)
    lower = np.zeros((400, 200), np.float32)
    upper[60:200, 40:160] = 1  # the top's body
    upper[60:180, 20:40] = upper[60:180, 160:180] = 1  # sleeves
    lower[200:390, 55:145] = 1
    lower[300:390, 95:105] = 0  # between the legs
    rgb[upper > 0] = (200, 40, 40)
    rgb[lower > 0] = (40, 40, 120)
    worn = garments.Worn(rgb, np.maximum(upper, lower), upper, lower, (50.0, 150.0), hip_y=190.0, length=180.0)
    monkeypatch.setattr(garments, "read_worn", lambda _rgb: worn)
    outfit = garments.analyse_garments(rgb, swap_target="full_outfit", hint=None)
    assert [g.category for g in outfit] == ["bottom", "top"]
    assert [g.category for g in garments.analyse_garments(rgb, swap_target="top", hint=None)] == ["top"]
    assert [g.category for g in garments.analyse_garments(rgb, swap_target="bottom", hint=None)] == ["bottom"]
    cut = np.zeros_like(lower)
    cut[200:400, 55:145] = 1  # runs out of the photo at mid-thigh
    monkeypatch.setattr(
        garments, "read_worn", lambda _rgb: garments.Worn(rgb, worn.whole, upper, cut, (50.0, 150.0), 190.0, 180.0)
    )
    assert [g.category for g in garments.analyse_garments(rgb, swap_target="full_outfit", hint=None)] == ["top"]


def test_on_model_panel_falls_back_to_the_models_shoulders() -> None:
    """Hands on the hips make the hem's run a pocket's width: the model's shoulders set the panel."""
    from fitroom.engines.classic.garment import _model_panel

    assert _model_panel(180.0, 220.0, (150.0, 250.0)) == (145.0, 255.0)
    assert _model_panel(148.0, 252.0, (150.0, 250.0)) == (148.0, 252.0)
    assert _model_panel(180.0, 220.0, None) == (180.0, 220.0)


def test_the_body_panel_keeps_nothing_of_the_sleeves_soft_rim() -> None:
    """The sleeve masks are the solid pixels; the half-transparent rim round a sleeve
    (a soft product edge) must go with it, or the body panel, warped apart from the
    sleeve, draws that rim as a faint outline beside the arm."""
    photo = cv2.GaussianBlur(drawn_dress(), (0, 0), 2.0)  # soft edges, as photographed
    dress = analyse_garment(photo, swap_target="dress", hint=None)
    sleeves = (dress.sleeve_left > 0) | (dress.sleeve_right > 0)
    assert sleeves.any()
    near = cv2.dilate(sleeves.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    rim = near & ~sleeves & (dress.alpha > 0.02) & (dress.alpha <= 0.5)
    rim[:, 145:255] = False  # the bodice's own edge, where the sleeves join it
    assert rim.sum() > 100, "the drawing has a soft rim round its sleeves"
    assert not (without_sleeves(dress)[rim] > 0).any()
    assert without_sleeves(dress)[300, 200] == dress.alpha[300, 200]  # the skirt is kept


def tee_with_inside_back(inside: tuple[int, int, int] = (20, 25, 70)) -> np.ndarray:
    """A blue flat-lay tee whose neck opening shows the navy inside of its back: the band
    between the back collar (row 60) and a lighter front rib curving down to row ~95."""
    image = tee(colour=(60, 80, 200))
    cv2.ellipse(image, (200, 62), (40, 30), 0, 0, 180, inside, -1)
    cv2.ellipse(image, (200, 62), (40, 30), 0, 0, 180, (110, 130, 235), 5)
    return image


def test_the_inside_back_seen_through_the_neck_opening_is_not_garment() -> None:
    """Pasted with the garment, the inside back is a dark band across the wearer's neck."""
    garment = analyse_garment(tee_with_inside_back(), swap_target="top", hint=None)
    assert garment.alpha[66:82, 185:216].max() < 0.1, "the navy inside back was kept"
    assert garment.alpha[100:140, 150:250].min() > 0.9, "the front below the neckline was lost"
    assert 88 <= garment.top <= 100, garment.top
    # A plain tee keeps its top.
    plain = analyse_garment(tee(colour=(60, 80, 200)), swap_target="top", hint=None)
    assert abs(plain.top - 60) <= 4 and plain.alpha[70:88, 185:216].min() > 0.9
    # Nor does a colour block straight across the chest, the front's colour above it.
    block = tee(colour=(60, 80, 200))
    block[110:150, 120:281] = (150, 150, 150)
    striped = analyse_garment(block, swap_target="top", hint=None)
    assert abs(striped.top - 60) <= 4 and striped.alpha[70:100, 150:250].min() > 0.9


def test_a_scoop_as_wide_as_the_shoulders_loses_its_inside_back_too() -> None:
    """The navy inside back fills the opening from shoulder to shoulder: the front beside
    the opening is navy too, so the front is read below the neckline's edge."""
    image = tee(colour=(60, 80, 200))
    scoop = image.copy()
    cv2.ellipse(scoop, (200, 62), (95, 60), 0, 0, 180, (20, 25, 70), -1)
    cv2.ellipse(scoop, (200, 62), (95, 60), 0, 0, 180, (110, 130, 235), 5)
    image[60:400, 120:281] = scoop[60:400, 120:281]
    garment = analyse_garment(image, swap_target="top", hint=None)
    assert garment.alpha[66:95, 160:241].max() < 0.1, "the navy inside back was kept"
    assert garment.alpha[125:160, 150:250].min() > 0.9, "the front below the neckline was lost"


def test_a_gingham_polos_v_loses_its_lighter_inside_back() -> None:
    """Issue 17: a pink gingham polo whose V placket shows the plain, lighter inside of its
    back. Each check of the weave was an edge and a colour unlike the front's, so the
    inside back broke into crumbs; and the V runs deeper than a round neck's box. Kept,
    it was drawn on the wearer's neck and chest with its label."""
    image = tee(colour=(200, 90, 110))
    ys, xs = np.mgrid[0:460, 0:400]
    weave = ((ys // 3 + xs // 3) % 2 == 0) & (image != 255).all(axis=2)
    image[weave] = (150, 50, 70)
    v_neck = np.array([(165, 60), (235, 60), (200, 140)])
    cv2.fillConvexPoly(image, v_neck, (225, 185, 190))
    cv2.rectangle(image, (190, 66), (210, 76), (250, 250, 250), -1)  # the size label
    cv2.polylines(image, [v_neck], True, (120, 40, 60), 3)
    garment = analyse_garment(image, swap_target="top", hint=None)
    assert garment.alpha[64:100, 190:211].max() < 0.1, "the inside back and its label were kept"
    assert garment.alpha[110:125, 197:204].max() < 0.5, "the V's tip was kept"
    assert garment.alpha[160:300, 140:260].min() > 0.9, "the front below the V was lost"
    assert garment.alpha[64:80, 125:150].min() > 0.9, "the shoulders beside the V were lost"


def test_a_tees_shoulder_seams_follow_the_shoulders_slope() -> None:
    """A tee keeps to the person's sloping shoulders: neither the panel's seam ends nor
    the sleeves' tops stand up past them as square notches (garment over the backdrop
    above the arms), and the panel still covers the shoulders' top beside the neck."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    outline = [(185, 40), (215, 40), (215, 78), (250, 90), (272, 105), (290, 130), (292, 260), (258, 260)]
    outline += [(255, 140), (245, 140), (245, 400), (155, 400), (155, 140), (145, 140), (142, 260)]
    outline += [(108, 260), (110, 130), (128, 105), (150, 90), (185, 78)]
    mask = np.zeros((420, 400), np.uint8)
    cv2.fillPoly(mask, [np.array(outline)], 1)
    person.mask = mask.astype(np.float32)
    cover = np.zeros((420, 400), np.float32)
    for layer in layers_for(person, analyse_garment(tee(), swap_target="top", hint=None)):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    overhang = checks.shoulder_overhang(cover, mask > 0, (200, 100), (200, 260), 100.0)
    assert overhang is not None and not checks.faults({"shoulder_overhang": overhang}), overhang
    # Nor do the sleeves' square tops, turned down the arms, stand up past the shoulders:
    # only the sleeves' soft edge lies out past the outline (one pixel along it, 0.18).
    assert overhang < 0.25, overhang
    assert cover[88:96, 226:240].mean() > 0.9 and cover[88:96, 160:174].mean() > 0.9, "the shoulders' top"


def test_a_high_waisted_old_bottom_is_found_up_to_its_waistband() -> None:
    """High-waisted black trousers under a crop top: the bottom's zone ends a little above
    the hip joints, and the rest of them up to the waist stayed as a strip between the
    top and a new bottom sitting lower. A top of their colour tucked into them is not
    them."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    skin = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    image[90:420, 145:256] = skin
    cv2.rectangle(image, (145, 90), (255, 170), (170, 20, 30), -1)  # a red crop top
    cv2.rectangle(image, (150, 200), (250, 419), (15, 15, 15), -1)  # trousers up to the waist
    person.mask[:, :] = 0
    person.mask[90:420, 145:256] = 1
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    assert old[205:235, 170:230].mean() > 0.95, old[205:235, 170:230].mean()
    assert not old[90:190].any(), "the crop top and the bare midriff"
    tucked = image.copy()
    cv2.rectangle(tucked, (145, 90), (255, 200), (15, 15, 15), -1)  # a black top tucked in
    person.image = tucked
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    assert not old[90:190].any(), "the top of the trousers' colour"


def test_a_sleeve_that_starts_away_from_its_seam_still_has_a_top() -> None:
    """A sleeve cut off from the panel a little away from the seam: none of its points lies
    within 15% of its reach from the seam, and its top was the mean of nothing (NaN), which
    sent the sleeve's warp to NaN."""
    pts = np.array([[x, y] for x in range(20, 41) for y in range(5)], np.float64)
    reach = pts[:, 0].copy()
    top = placement.seam_end(pts, reach)
    assert np.isfinite(top).all()
    assert top[0] == pytest.approx(21.5)


def test_a_sleeve_covers_the_bare_arm_to_its_edge() -> None:
    """A new sleeve on a bare arm covers the arm's outermost pixels too (those in the
    person mask's soft rim, mask 0.5 and up): faded out across them, it let the skin show
    through beside it as a pale strip down the upper arm. The backdrop stays clear."""
    h, w = 240, 240
    image = np.full((h, w, 3), 225, np.uint8)
    image[60:200, 100:140] = (200, 150, 120)  # a bare upper arm on a light backdrop
    mask = np.zeros((h, w), np.float32)
    mask[40:220, 100:140] = 1
    for step, value in enumerate((0.8, 0.65, 0.5, 0.35, 0.2, 0.1), start=1):
        # The mask's soft rim: the arm's own edge pixels, then backdrop.
        mask[40:220, 100 - step] = mask[40:220, 139 + step] = value
    image[60:200, 97:100] = image[60:200, 140:143] = (212, 185, 170)  # skin blended with backdrop
    person = drawn_person(image)
    person.mask = mask
    sleeve = Layer(np.full((140, 120, 3), (40, 60, 200), np.float32), np.ones((140, 120), np.float32), 60, 60)
    alpha = placement._on_body(sleeve, person).alpha
    arm = mask[60:200, 60:180] >= 0.5
    assert alpha[arm].min() > 0.95, alpha[arm].min()
    backdrop = cv2.erode((mask[60:200, 60:180] <= 0).astype(np.uint8), np.ones((1, 7), np.uint8)) > 0
    assert alpha[backdrop].max() < 0.01, alpha[backdrop].max()


def long_sleeved(length: int) -> np.ndarray:
    """A flat-lay long-sleeved top on white, its sleeves `length` px long hanging out
    and down from the shoulders."""
    image = np.full((560, 440, 3), 255, np.uint8)
    blue = (30, 60, 160)
    cv2.rectangle(image, (140, 60), (300, 330), blue, -1)
    out = int(0.35 * length)
    cv2.fillConvexPoly(
        image, np.array([(140, 60), (140, 120), (140 - out, 60 + length), (95 - out, 45 + length)]), blue
    )
    cv2.fillConvexPoly(
        image, np.array([(300, 60), (300, 120), (300 + out, 60 + length), (345 + out, 45 + length)]), blue
    )
    return image


def assert_sleeves_end_at_the_wrists(garment: np.ndarray) -> None:
    """Put the top on a drawn person whose arms hang beside the trunk, wrists at row 250,
    and check that each sleeve ends there."""
    person = drawn_person(np.full((460, 400, 3), 235, np.uint8))
    mask = np.zeros((460, 400), np.float32)
    mask[90:440, 155:246] = 1  # the trunk and legs
    mask[95:320, 108:142] = mask[95:320, 258:292] = 1  # the arms and hands beside it
    person.mask = mask
    cover = np.zeros((460, 400), np.float32)
    for layer in layers_for(person, analyse_garment(garment, swap_target="top", hint=None)):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    for arm in (cover[:, :150], cover[:, 250:]):
        rows = np.flatnonzero((arm > 0.5).any(axis=1))
        assert 244 <= rows.max() <= 256, rows.max()


@pytest.mark.parametrize("length", [200, 470])
def test_a_long_sleeve_ends_at_the_wrist(length: int) -> None:
    """A long sleeve is fitted to the arm: at the torso's scale a sleeve longer than the
    arm hung past the hand (to row 283 for the long one) and a shorter one stopped above
    the wrist (row 230); the wrists are at row 250."""
    assert_sleeves_end_at_the_wrists(long_sleeved(length))


def test_no_gap_between_a_long_sleeve_and_the_body() -> None:
    """Worn, a sleeve meets the body's side under the arm: the body panel (no wider than
    the trunk) and the sleeve (down the arm's bones) left slits of the body between them
    on rows 130-240, where the old garment's place was rebuilt as a sliver of skin."""
    person = drawn_person(np.full((460, 400, 3), 235, np.uint8))
    mask = np.zeros((460, 400), np.float32)
    mask[90:440, 150:250] = 1  # the trunk and legs
    mask[95:260, 108:150] = mask[95:260, 250:292] = 1  # the arms against it
    person.mask = mask
    cover = np.zeros((460, 400), np.float32)
    for layer in layers_for(person, analyse_garment(long_sleeved(300), swap_target="top", hint=None)):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    for y in range(130, 241):
        covered = np.flatnonzero(cover[y] > 0.5)
        between = slice(covered[0], covered[-1] + 1)
        assert not ((cover[y, between] <= 0.5) & (mask[y, between] > 0.5)).any(), y


def test_the_old_outline_beside_a_new_sleeve_is_covered_and_a_bare_forearm_is_not() -> None:
    """An old sleeve wider than the new one left a strip of the body between the new
    sleeve and the backdrop, rebuilt as a halo of skin down the arm: a long sleeve covers
    the whole arm, so the strip is the garment's. A bare forearm below a short sleeve,
    wider than such a strip, stays bare; the backdrop stays clear."""
    person = drawn_person(np.full((460, 400, 3), 235, np.uint8))
    mask = np.zeros((460, 400), np.float32)
    mask[90:440, 150:250] = 1  # the trunk
    mask[100:330, 106:150] = 1  # the arm in the old, wider sleeve, and its forearm below
    person.mask = mask
    red = np.full((200, 200, 3), (200, 30, 40), np.float32)
    panel = Layer(red[:, :100].copy(), np.ones((200, 100), np.float32), 150, 90)
    sleeve = Layer(red[:150, :28].copy(), np.ones((150, 28), np.float32), 112, 100)
    gaps = placement._seam_gaps(person, torso_frame(person), [sleeve, panel])
    assert gaps is not None
    cover = np.zeros((460, 400), np.float32)
    for layer in (gaps, sleeve, panel):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    assert (cover[110:240, 106:112] > 0.5).all(), "the old outline beside the sleeve"
    assert (cover[110:240, 140:150] > 0.5).all(), "the slit between sleeve and body"
    assert not (cover[260:330, 106:150] > 0.5).any(), "the bare forearm"
    assert not (cover[mask == 0] > 0).any(), "the backdrop"


def test_a_sleeve_hanging_to_the_hem_from_a_dropped_shoulder_reaches_the_wrist() -> None:
    """A blouse with dropped shoulders: only the sleeves' lower parts lie beyond the
    body's columns, so each sleeve is read short, and at the torso's scale it ended at
    the elbow (row 180), the forearm bare. Hanging down to the hem, it is a long sleeve."""
    image = np.full((420, 440, 3), 255, np.uint8)
    peach = (200, 120, 90)
    cv2.rectangle(image, (120, 60), (320, 330), peach, -1)
    cv2.fillConvexPoly(image, np.array([(120, 160), (120, 230), (85, 330), (45, 320)]), peach)
    cv2.fillConvexPoly(image, np.array([(320, 160), (320, 230), (355, 330), (395, 320)]), peach)
    assert_sleeves_end_at_the_wrists(image)


def test_a_sleeved_panel_ends_its_shoulder_seams_over_the_joints() -> None:
    """Where a sleeve goes on, the body panel's shoulder seams end over the shoulder
    joints, where the sleeve's top goes: they ended 1.06 x 1.18 half joint-widths out
    (15 px past the joints here), and the panel's level corners stood out beyond the
    sleeves' tops as square wings over the shoulders."""
    person = drawn_person(np.full((460, 400, 3), 235, np.uint8))
    mask = np.zeros((460, 400), np.float32)
    mask[70:440, 150:250] = 1  # the trunk and legs
    mask[85:270, 112:150] = mask[85:270, 250:288] = 1  # the arms beside it
    person.mask = mask
    garment = analyse_garment(tee(), swap_target="top", hint=None)
    panel, _ = placement._torso_layer(person, garment, torso_frame(person))
    assert panel is not None
    alpha = np.zeros((460, 400), np.float32)
    alpha[panel.slices] = panel.alpha
    for y in range(85, 101):
        cols = np.flatnonzero(alpha[y] > 0.5)
        assert cols.min() >= 145 and cols.max() <= 255, (y, cols.min(), cols.max())


def test_a_lower_new_bottom_has_the_top_continued_down_to_it_not_a_smear() -> None:
    """A new bottom sitting lower than the old trousers: what shows between the top's hem
    and the new waistband was blurred from round it (a smeared band at the waist); it is
    the top going on down, texture and all."""
    rng = np.random.default_rng(3)
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    image[90:230, 145:256] = np.clip(rng.normal((170, 40, 50), 35, (140, 111, 3)), 0, 255)  # a textured top
    image[230:420, 145:256] = (15, 15, 15)  # the old trousers
    person.mask[:, :] = 0
    person.mask[90:420, 145:256] = 1
    new = np.zeros((420, 400), np.float32)
    new[270:, 145:256] = 1  # the new bottom, its waistband lower than the old one's
    none = np.zeros((420, 400), bool)
    garment = cast(Garment, SimpleNamespace(category="bottom"))
    out = replaced(person, garment, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    band = out.fill[238:265, 175:225]
    assert out.rebuild[238:265, 175:225].min() > 0.9
    energy = np.abs(np.diff(band, axis=1)).mean()
    top = np.abs(np.diff(image[150:220, 175:225].astype(np.float32), axis=1)).mean()
    assert energy > 0.5 * top, (energy, top)
    assert np.abs(band.mean(axis=(0, 1)) - image[150:220, 175:225].mean(axis=(0, 1))).max() < 25


def test_a_dark_garments_soft_edge_carries_its_own_colour_not_the_white_backdrops() -> None:
    """The cut-out's alpha fades out over the product photo's white backdrop: blended at
    that alpha with the photo's colour there, and shrunk onto the person by the warp, a
    black tee got a pale rim round it."""
    garment = analyse_garment(tee(colour=(20, 20, 20)), swap_target="top", hint=None)
    fading = (garment.alpha > 0.02) & (garment.alpha < 0.98)
    assert garment.rgb[fading].mean() < 40, garment.rgb[fading].mean()
    half = (garment.alpha.shape[1] // 2, garment.alpha.shape[0] // 2)
    colour = cv2.resize(garment.rgb, half, interpolation=cv2.INTER_LINEAR).astype(np.float32)
    alpha = cv2.resize(garment.alpha, half, interpolation=cv2.INTER_LINEAR)
    over_grey = (alpha[:, :, None] * colour + (1 - alpha[:, :, None]) * 120).astype(np.uint8)
    value = checks.edge_halo(over_grey, alpha)
    assert value is not None and value <= checks.HALO_SHARE, value


@pytest.mark.parametrize("category", ["top", "dress"])
def test_the_backdrop_beside_the_shoulders_is_refilled_from_the_backdrop_not_the_skin(category: str) -> None:
    """Bare shoulders and neck over an old top, a new top or dress lower and narrower:
    the old top's band outside the body was refilled from the skin beside it (a blurred
    skin-coloured smear over the backdrop); it is the backdrop continued."""
    image = np.full((420, 400, 3), 235, np.uint8)
    image[:, :, 2] = np.linspace(200, 250, 400).astype(np.uint8)[None, :]  # a bluish gradient backdrop
    person = drawn_person(image)
    skin_rgb = (205, 150, 120)
    image[40:110, 180:220] = skin_rgb  # the neck
    image[90:130, 130:270] = skin_rgb  # bare shoulders
    image[110:260, 145:256] = (150, 20, 30)  # the old top
    person.mask[:, :] = 0
    person.mask[40:110, 180:220] = 1
    person.mask[90:420, 130:270] = 1
    new = np.zeros((420, 400), np.float32)
    new[150:260, 150:251] = 1
    none = np.zeros((420, 400), bool)
    garment = cast(Garment, SimpleNamespace(category=category))
    out = replaced(person, garment, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    outside = (person.mask < 0.5) & (out.rebuild > 0.3)
    assert np.count_nonzero(outside) > 50
    assert out.skin[outside].max() < 0.01
    far = np.abs(out.fill[outside] - image[outside].astype(np.float32)).max(axis=1)
    assert np.mean(far > checks.BACKDROP_STEP) < 0.02, np.mean(far > checks.BACKDROP_STEP)


def test_the_backdrop_beside_a_wide_old_tops_shoulders_goes_on_along_its_rows() -> None:
    """A grey band of wall above a white one, the old top square and wider than the new
    one, its shoulders just below the bands' line: the backdrop round about, the grey
    above with the white beside, came down round the shoulders as a grey halo. The
    refill is the white wall beside it on its own rows."""
    image = np.full((420, 400, 3), 235, np.uint8)
    image[:90] = 140  # the grey band
    person = drawn_person(image)
    image[40:100, 180:220] = (205, 150, 120)  # the neck
    image[95:260, 110:291] = (150, 20, 30)  # the old top
    person.mask[:, :] = 0
    person.mask[40:100, 180:220] = 1
    person.mask[95:420, 110:291] = 1
    new = np.zeros((420, 400), np.float32)
    new[150:260, 150:251] = 1
    none = np.zeros((420, 400), bool)
    garment = cast(Garment, SimpleNamespace(category="top"))
    out = replaced(person, garment, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    refilled = (out.rebuild > 0.3) & (out.skin < 0.01)
    refilled[:95] = refilled[131:] = False  # beside and over the old shoulders
    assert np.count_nonzero(refilled) > 500
    far = np.abs(out.fill[refilled] - 235).max(axis=1)
    assert np.mean(far > checks.BACKDROP_SEAM_STEP) < 0.05, np.mean(far > checks.BACKDROP_SEAM_STEP)


def test_beside_a_straight_tees_sides_below_the_waist_the_backdrop_goes_on() -> None:
    """A long black dress wider at the hips than a straight new tee over a white wall:
    between the waist and the hips, beside the tee's sides, the dress's skirt was carried
    up (or blended with the fill) as a black or grey block cut square by the hips' columns.
    The refill there is the wall going on."""
    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    image[40:100, 180:220] = (205, 150, 120)  # the neck
    image[95:420, 126:275] = (20, 20, 25)  # the old long dress
    person.mask[:, :] = 0
    person.mask[40:100, 180:220] = 1
    person.mask[95:420, 126:275] = 1
    new = np.zeros((420, 400), np.float32)
    new[100:290, 150:251] = 1  # the tee, past the hips
    none = np.zeros((420, 400), bool)
    garment = cast(Garment, SimpleNamespace(category="top"))
    out = replaced(person, garment, new, none, np.zeros((420, 400), np.float32), skin.look(person))
    refilled = (out.rebuild > 0.3) & (out.skin < 0.01) & (new < 0.5)
    refilled[:200] = refilled[258:] = False  # from below the waist to the hips
    assert np.count_nonzero(refilled) > 500
    far = np.abs(out.fill[refilled] - 235).max(axis=1)
    assert np.mean(far > checks.BACKDROP_SEAM_STEP) < 0.05, np.mean(far > checks.BACKDROP_SEAM_STEP)


def test_a_dress_leaves_the_bare_shins_and_the_shoes_below_an_old_dress() -> None:
    """A black slip dress to mid-calf, bare shins in its shade (darker than the face the
    skin tone is read from) and black shoes: a new dress's old garment took the shins'
    colour for the trousers' and the shoes for their colour, and rebuilt the person's
    own lower legs as flat cones with the shoes as blocks."""
    image = np.full((560, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 440), (20, 20, 25), -1)  # the old slip dress
    for x in (148, 218):
        cv2.rectangle(image, (x, 441), (x + 34, 522), (150, 100, 80), -1)  # bare shins, shaded
        cv2.rectangle(image, (x - 6, 523), (x + 40, 545), (20, 20, 25), -1)  # black shoes
    person = drawn_person(image)
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    person.mask = (np.any(image != 235, axis=2)).astype(np.float32)
    dress = worn_mask(person, "dress", torso_frame(person)) > 0
    assert dress[150:250, 150:250].mean() > 0.95, "the old dress"
    assert dress[450:515, 150:180].mean() < 0.05, "the bare shins"
    assert dress[526:545, 145:255].mean() < 0.05, "the shoes"


def square_shouldered_person(height: int) -> tuple[Person, np.ndarray, np.ndarray]:
    """A drawn person 400 px wide whose square, muscular shoulders stand well above the
    slope the joints give, the trunk down to 20 px above the photo's foot, arms hanging
    beside it; with the outline's mask and the face's box."""
    person = drawn_person(np.full((height, 400, 3), 235, np.uint8))
    foot = height - 20
    outline = [(190, 30), (210, 30), (210, 64), (240, 70), (268, 82), (288, 110), (292, 260), (258, 260)]
    outline += [(255, 140), (245, 140), (245, foot), (155, foot), (155, 140), (145, 140), (142, 260)]
    outline += [(108, 260), (112, 110), (132, 82), (160, 70), (190, 64)]
    mask = np.zeros((height, 400), np.uint8)
    cv2.fillPoly(mask, [np.array(outline)], 1)
    person.mask = mask.astype(np.float32)
    face = np.zeros((height, 400), bool)
    face[:60, 185:215] = True
    return person, mask, face


def test_a_tees_panel_reaches_up_to_square_shoulders_beside_the_neck() -> None:
    """Square, muscular shoulders stand well above the slope the joints give: the tee's
    panel, placed from the joints, lay below them beside the neck, and the person's own
    shoulder stood above it as a ledge of skin (`shoulder_bare` 2.7). Its top is
    stretched up to the shoulder's outline now (0.84: a margin beside the neck is left)."""
    person, mask, face = square_shouldered_person(420)
    cover = np.zeros((420, 400), np.float32)
    for layer in layers_for(person, analyse_garment(tee(), swap_target="top", hint=None)):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    bare = checks.shoulder_bare(cover, mask > 0, face, (200, 100), (200, 260), 100.0)
    assert bare is not None and not checks.faults({"shoulder_bare": bare}), bare
    overhang = checks.shoulder_overhang(cover, mask > 0, (200, 100), (200, 260), 100.0)
    assert overhang is not None and overhang < 0.25, overhang
    assert cover[30:60].max() == 0, "the neck stays bare"


@pytest.mark.parametrize("angle", [0.0, 10.0])
def test_a_tees_shoulder_line_reaches_the_shoulders_outline_from_the_neck_out(angle: float) -> None:
    """Square, muscular shoulders, level or tilted 10 degrees (the picture-right shoulder
    higher): the tee's top lies on the shoulder's outline from beside the neck out to
    the joint. The lift used to fall away to nothing across a margin beside the neck (a
    shelf of skin 14 px tall there), and on the tilted torso a level probe row ran
    through the higher shoulder, read it as neck and left it unlifted (10-14 px)."""
    person, mask, _ = square_shouldered_person(420)
    turn = cv2.getRotationMatrix2D((200.0, 100.0), angle, 1.0)
    mask = cv2.warpAffine(mask, turn, (400, 420), flags=cv2.INTER_NEAREST)
    person.mask = mask.astype(np.float32)
    person.points = (np.c_[person.points, np.ones(33)] @ turn.T).astype(np.float32)
    cover = np.zeros((420, 400), np.float32)
    for layer in layers_for(person, analyse_garment(tee(), swap_target="top", hint=None)):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    columns = range(220, 246, 4) if angle else [*range(172, 184, 4), *range(220, 232, 4)]
    for x in columns:
        shelf = int(np.argmax(cover[:, x] > 0.5)) - (40 + int(np.argmax(mask[40:, x] > 0)))
        assert shelf <= 6, (x, shelf)
    assert cover[30:60, 185:215].max() == 0, "the neck stays bare"


def test_a_dress_panel_reaches_up_to_the_shoulders_beside_its_collar() -> None:
    """A sleeved dress hangs from its neckline's row, placed level: on shoulders standing
    above that row beside the neck its panel ended below them, a wedge of the old top or
    rebuilt skin between the collar and the sleeves' tops (the white polo-collar mini
    dress): `shoulder_bare` 6.5. Its top is stretched up to the shoulders' outline as a
    top's panel is, and its shoulder seams are laid on the shoulders' slope as a top's
    are (`placement._dress_seam`): 0.67, within the check's limit (1.78 with the lift
    alone: the seams' ends lay below the shoulders, further than the lift reaches)."""
    person, mask, face = square_shouldered_person(560)
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    cover = np.zeros((560, 400), np.float32)
    for layer in layers_for(person, analyse_garment(drawn_dress(), swap_target="dress", hint=None)):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    bare = checks.shoulder_bare(cover, mask > 0, face, (200, 100), (200, 260), 100.0)
    assert bare is not None and not checks.faults({"shoulder_bare": bare}), bare
    assert cover[76:86, 152:172].mean() > 0.8 and cover[76:86, 228:248].mean() > 0.8, "the shoulders beside the collar"
    assert cover[30:60].max() == 0, "the neck stays bare"


def drawn_round_neck_dress() -> np.ndarray:
    """A sleeveless dress with a round neck on white, its shoulders sloping down from the
    neckline's sides (y 63 left, 60 right: the orange midi's straps' tops differ too, by
    2 px) to the armholes (y 76): bodice x 150..250, the neck's opening down to y 74 at
    the middle, skirt 140..260 to y 560."""
    image = np.full((600, 400, 3), 255, np.uint8)
    orange = (240, 110, 30)
    cv2.fillPoly(image, [np.array([(178, 63), (222, 60), (250, 76), (250, 200), (150, 200), (150, 76)])], orange)
    cv2.ellipse(image, (200, 58), (24, 16), 0, 0, 360, (255, 255, 255), -1)
    cv2.rectangle(image, (160, 200), (240, 260), orange, -1)
    cv2.rectangle(image, (140, 260), (260, 560), orange, -1)
    return image


def test_a_round_necked_sleeveless_dress_lies_on_the_shoulders() -> None:
    """A round-necked sleeveless dress's shoulders' row crosses its neck's opening at the
    middle: its run there was one strap's tip or nothing, its shoulder seams were left out
    (`placement._dress_seam`) and it hung level from the middle, its straps 8-13 px
    below the person's shoulders (the orange midi's straps and shoulder line a band below
    the person's, the shoulders above them a flat ledge of rebuilt skin). Now each side's
    shoulder line, from its highest point out to the armhole, is laid on the shoulder."""
    person, mask, _ = square_shouldered_person(560)
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    dress = analyse_garment(drawn_round_neck_dress(), swap_target="dress", hint=None)
    assert isinstance(dress, Garment) and placement.covers_shoulders(dress)
    cover = np.zeros((560, 400), np.float32)
    for layer in layers_for(person, dress):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    columns = [*range(160, 171), *range(230, 241)]
    gaps = [int(np.argmax(cover[:, x] > 0.5)) - int(np.argmax(mask[:, x] > 0)) for x in columns]
    assert max(gaps) <= 3, gaps
    # The neck's columns (x 190-210); beside it the straps' soft rim, lifted onto the
    # shoulders, may reach a row above their outline at a millionth of cover.
    assert cover[30:60, 185:215].max() == 0, "the neck stays bare"


def test_parts_of_a_top_meeting_leave_no_line_of_the_old_top() -> None:
    """A sleeve and the body panel meet edge to edge over an old white top: softened one
    by one, both were half there at the join and the white showed through as a line."""
    image = np.full((420, 400, 3), 120, np.uint8)
    image[90:290, 130:270] = 250  # the old white top
    person = drawn_person(image)
    garment = analyse_garment(tee(colour=(20, 20, 20)), swap_target="top", hint=None)
    assert isinstance(garment, Garment)
    black = np.full((160, 80, 3), 20, np.float32)
    panel, sleeve = np.zeros((160, 80), np.float32), np.zeros((160, 80), np.float32)
    panel[:, 10:70] = 1  # x 140..200 in the photo
    sleeve[:, 10:70] = 1  # x 200..260
    layers = [Layer(black, panel, 130, 100), Layer(black, sleeve, 190, 100)]
    out = compose(person, garment, layers).image
    join = out[120:240, 196:204].max(axis=2)
    assert join.max() < 50, join.max()


def test_the_gap_between_the_panel_and_a_bare_arms_outline_is_covered() -> None:
    """A bare arm beside the torso keeps its soft outline (`arms.bare_arms_beside`), and
    beside the torso that outline lies over the old top's edge and the backdrop between
    them, where the person mask is half there. The panel goes under the arm's mask and
    ended short of its skin: the old top's edge and the grey gap showed there as white
    and grey flecks. The strip up to the arm's skin is the garment's; the arm and the
    backdrop beyond it stay clear."""
    image = np.full((460, 400, 3), (215, 213, 212), np.uint8)  # a light grey backdrop
    image[90:300, 150:251] = (240, 240, 238)  # the old white top
    image[90:300, 146:150] = image[90:300, 251:255] = (170, 160, 159)  # its shaded sides
    image[100:260, 106:142] = image[100:260, 259:295] = (205, 150, 125)  # the bare arms
    person = drawn_person(image)
    mask = np.zeros((460, 400), np.float32)
    mask[90:440, 146:255] = 1  # the trunk
    mask[100:260, 106:142] = mask[100:260, 259:295] = 1
    mask[100:260, 142:146] = mask[100:260, 255:259] = 0.45  # the gaps under the arms' outline
    person.mask = mask
    arms = np.zeros((460, 400), np.float32)
    arms[110:260, 102:148] = arms[110:260, 253:299] = 1  # each arm with its outline
    black = np.full((210, 101, 3), 20, np.float32)
    panel = Layer(black, np.ones((210, 101), np.float32), 150, 90)  # short of the arms' skin
    sleeves = [Layer(black[:30, :48].copy(), np.ones((30, 48), np.float32), x, 95) for x in (100, 253)]
    gaps = placement._seam_gaps(person, torso_frame(person), [*sleeves, panel], arms)
    assert gaps is not None
    cover = np.zeros((460, 400), np.float32)
    for layer in (gaps, *sleeves, panel):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    assert (cover[120:250, 142:150] > 0.5).all(), "the old top's edge and the gap, left side"
    assert (cover[120:250, 251:259] > 0.5).all(), "the old top's edge and the gap, right side"
    assert not (cover[130:260, 106:142] > 0).any() and not (cover[130:260, 259:295] > 0).any(), "the arms"
    closing = np.zeros((460, 400), np.float32)
    closing[gaps.slices] = gaps.alpha
    assert not (closing[mask == 0] > 0).any(), "the backdrop"


def test_the_gap_beside_an_arm_broken_by_blobs_of_backdrop_is_covered_whole() -> None:
    """The person mask's faint slit of backdrop between an old tank's side and the arm
    breaks into blobs (mask 0) down the strip under the arm's outline. The rows across
    them were left open, and a new top's side had notches of backdrop beside the arm;
    they are closed with the rows above and below. A slit of backdrop as long as the
    arm's hanging part is a real gap and stays clear."""
    image = np.full((460, 400, 3), (215, 213, 212), np.uint8)
    image[90:300, 150:251] = (240, 240, 238)  # the old white top
    image[100:260, 106:142] = image[100:260, 259:295] = (205, 150, 125)  # the bare arms
    person = drawn_person(image)
    mask = np.zeros((460, 400), np.float32)
    mask[90:440, 146:255] = 1  # the trunk
    mask[100:260, 106:142] = mask[100:260, 259:295] = 1
    mask[100:260, 142:146] = mask[100:260, 255:259] = 0.45  # the gaps under the arms' outline
    mask[150:165, 253:261] = mask[195:212, 253:261] = 0  # blobs of backdrop, right side
    mask[135:255, 140:148] = 0  # a long slit of backdrop, left side
    person.mask = mask
    arms = np.zeros((460, 400), np.float32)
    arms[110:260, 102:148] = arms[110:260, 253:299] = 1
    black = np.full((210, 101, 3), 20, np.float32)
    panel = Layer(black, np.ones((210, 101), np.float32), 150, 90)
    sleeves = [Layer(black[:30, :48].copy(), np.ones((30, 48), np.float32), x, 95) for x in (100, 253)]
    frame = torso_frame(person)
    assert 120 > placement.ARM_NOTCH_SPAN * frame.width > 20, frame.width
    gaps = placement._seam_gaps(person, frame, [*sleeves, panel], arms)
    assert gaps is not None
    cover = np.zeros((460, 400), np.float32)
    for layer in (gaps, *sleeves, panel):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    assert (cover[130:250, 251:255] > 0.5).all(), "the notches beside the right arm"
    assert not (cover[140:250, 140:148] > 0).any(), "the long slit beside the left arm"
    assert not (cover[130:260, 259:295] > 0).any(), "the right arm"


def test_the_strip_beside_an_arm_slanting_away_is_closed_up_to_the_arm() -> None:
    """Where an arm's edge slants away from a top's side and back (round the elbow), the
    strip between them has short columns next to the arm; opened away (a strip must run
    down the side), they left a staircase of the old white top between the arm and the
    garment: pale notches and a sliver down the tee's side. The pale ones are closed
    with the rows they lie on; a stray row of the strip and skin-coloured pixels stay
    open."""
    frame = SimpleNamespace(width=100.0)
    strip = np.zeros((200, 60), bool)
    strip[20:180, 10:16] = True  # down the side
    for row in range(90, 97):  # a notch 7 rows long, 3 pixels deeper, by the arm
        strip[row, 16:19] = True
    strip[40, 10:40] = True  # one row's stray arm pixel far out
    pale = np.ones_like(strip)
    pale[92, 16:19] = False  # the arm's own shaded edge
    down, stair = placement._down_the_side(strip, 9, pale, cast(Frame, frame))
    closed = down | stair
    assert closed[20:180, 10:16].all(), "the strip down the side"
    assert closed[90:97, 16:19][[0, 1, 3, 4, 5, 6]].all(), "the notch by the arm"
    assert not closed[92, 16:19].any(), "the arm's skin"
    assert not closed[40, 20:40].any(), "the stray row far out"


def test_a_slit_of_backdrop_between_a_long_sleeve_and_the_panel_is_closed() -> None:
    """The person mask's faint slit of backdrop between an old top's side and the arm
    hanging against it (mask 0) lay between a long sleeve over the arm and the panel:
    the body either side of it was closed with the garment, the slit left open, a white
    lens of backdrop down the new top's side. Narrower than `SEAM_SLIT` it is closed
    too; the gap beside an arm held away from the side stays clear."""
    image = np.full((460, 400, 3), (215, 213, 212), np.uint8)
    image[90:300, 150:251] = (240, 240, 238)  # the old white top
    image[100:260, 259:295] = image[100:260, 60:100] = (205, 150, 125)  # the arms
    person = drawn_person(image)
    mask = np.zeros((460, 400), np.float32)
    mask[90:440, 146:255] = 1  # the trunk
    mask[100:260, 259:295] = mask[100:260, 60:100] = 1  # one arm against the side, one held away
    person.mask = mask
    black = np.full((165, 101, 3), 20, np.float32)
    panel = Layer(black, np.ones((165, 101), np.float32), 150, 90)
    sleeves = [Layer(black[:, :38].copy(), np.ones((165, 38), np.float32), x, 95) for x in (60, 262)]
    frame = torso_frame(person)
    assert 4 < placement.SEAM_SLIT * frame.width < 46, frame.width
    gaps = placement._seam_gaps(person, frame, [*sleeves, panel])
    assert gaps is not None
    cover = np.zeros((460, 400), np.float32)
    for layer in (gaps, *sleeves, panel):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    assert (cover[110:250, 251:262] > 0.5).all(), "the slit beside the right arm"
    assert not (cover[110:250, 102:144] > 0).any(), "the gap beside the left arm held away"


@pytest.mark.parametrize("category", ["top", "dress"])
def test_a_strapped_garment_s_shoulders_are_its_straps_tips(category: str) -> None:
    """A cami's or strapped dress's straps slant in towards the neck: read at one column
    just inside the panel's edge, the shoulders' row was met halfway down the strap, and
    the strap's tip, placed above it, stood up past the person's shoulder into the
    backdrop. Without sleeves the shoulders are the straps' tips."""
    image = np.full((700, 400, 3), 255, np.uint8)
    colour = (230, 200, 40)
    hem = 420 if category == "top" else 680
    body = np.array([(100, 200), (200, 260), (300, 200), (300, hem), (100, hem)])
    cv2.fillPoly(image, [body], colour)  # the bodice, a V neckline
    for foot, tip in (((110, 210), (150, 60)), ((290, 210), (250, 60))):
        cv2.line(image, foot, tip, colour, 14)  # the straps, slanting in to their tips
    garment = analyse_garment(image, swap_target=category, hint=None)
    assert not (garment.sleeve_left.any() or garment.sleeve_right.any())
    assert abs(garment.shoulder_y - 60) < 12, garment.shoulder_y


def shell_top(colour: tuple[int, int, int] = (30, 60, 150)) -> np.ndarray:
    """A flat-lay sleeveless shell top on white: its chest x 118..282, its flat cap
    shoulders out to 104..296 (17% wider each side) from y 70 to 130."""
    image = np.full((460, 400, 3), 255, np.uint8)
    outline = [(160, 60), (240, 60), (292, 70), (296, 110), (282, 160), (282, 400)]
    outline += [(118, 400), (118, 160), (104, 110), (108, 70)]
    cv2.fillPoly(image, [np.array(outline)], colour)
    return image


def test_a_sleeveless_tops_cap_shoulders_end_within_the_persons_outline() -> None:
    """A shell top's flat cap shoulders, wider than its chest, were placed as the chest
    is, out past the shoulder joints: they stood out beyond the person's shoulders over
    the backdrop like wings. They end inside the outline across the shoulders."""
    person = drawn_person(np.full((460, 400, 3), 235, np.uint8))
    mask = np.zeros((460, 400), np.float32)
    mask[70:440, 150:250] = 1  # the trunk and legs
    mask[90:270, 135:150] = mask[90:270, 250:265] = 1  # slim arms beside it
    person.mask = mask
    garment = analyse_garment(shell_top(), swap_target="top", hint=None)
    assert not garment.sleeve_left.any() and not garment.sleeve_right.any()
    panel, _ = placement._torso_layer(person, garment, torso_frame(person))
    assert panel is not None
    alpha = np.zeros((460, 400), np.float32)
    alpha[panel.slices] = panel.alpha
    for y in range(90, 131):
        cols = np.flatnonzero(alpha[y] > 0.5)
        assert cols.min() >= 135 and cols.max() <= 265, (y, cols.min(), cols.max())
    cover = np.zeros((460, 400), np.float32)
    for layer in layers_for(person, garment):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    wing = checks.shoulder_wing(cover, mask > 0, (200, 100), (200, 260), 100.0)
    assert wing is not None and not checks.faults({"shoulder_wing": wing}), wing


def test_backdrop_seen_through_a_bows_loops_at_the_neck_is_not_garment() -> None:
    """A bow tied at the back of the neck: the backdrop inside its loops, enclosed by the
    garment, was kept as garment and worn as pale patches under the chin. White print
    on the chest, the backdrop's colour too, stays garment."""
    image = tee(colour=(30, 60, 150))
    for x in (178, 222):  # the bow's two loops on the neckline, astride its middle
        cv2.ellipse(image, (x, 48), (20, 14), 0, 0, 360, (30, 60, 150), 6)
    garment = analyse_garment(image, swap_target="top", hint=None)
    assert garment.alpha[45:52, 172:185].max() < 0.5 and garment.alpha[45:52, 216:229].max() < 0.5
    assert garment.alpha[225:245, 150:250].min() > 0.5  # the "FIT" print
    assert garment.alpha[100:110, 180:220].min() > 0.5  # the front below the bow


def test_the_old_outline_beside_a_new_sleeve_fades_with_the_person_s_soft_outline() -> None:
    """An old sleeve wider than the new one, its outer side a soft outline (person mask
    falling from 1 to 0 over 8 px): the strip laid between the new sleeve and the
    backdrop stopped whole at the mask's 0.5 line, a hard stepped rim of the garment with
    the old outline's pale half-pixels beyond it (`edge_cut` 1.0). It goes on across the
    outline, fading as the mask does, and never over the backdrop."""
    image = np.full((460, 400, 3), 235, np.uint8)
    image[100:240, 104:150] = 150  # the old grey sleeve, its outline blended below
    person = drawn_person(image)
    mask = np.zeros((460, 400), np.float32)
    mask[90:440, 150:250] = 1  # the trunk
    mask[100:240, 112:150] = 1  # the arm in the old, wider sleeve
    mask[100:240, 104:112] = (np.arange(104, 112, dtype=np.float32) - 103) / 9  # its soft outline
    person.mask = mask
    black = np.full((200, 200, 3), 25, np.float32)
    panel = Layer(black[:, :100].copy(), np.ones((200, 100), np.float32), 150, 90)
    solid = np.zeros((140, 44), np.float32)
    solid[:, 10:] = 1  # a warped sleeve's box holds a clear margin round it
    sleeve = Layer(black[:140, :44].copy(), solid, 106, 100)
    gaps = placement._seam_gaps(person, torso_frame(person), [sleeve, panel])
    assert gaps is not None
    cover = np.zeros((460, 400), np.float32)
    for layer in (gaps, sleeve, panel):
        cover[layer.slices] = np.maximum(cover[layer.slices], layer.alpha)
    rows = slice(120, 220)
    assert (cover[rows, 108:116] > 0.99).all(), "the old outline inside the mask's 0.5 line"
    assert (np.abs(cover[rows, 105:108] - np.clip((mask[rows, 105:108] - 0.1) / 0.3, 0, 1)) < 0.01).all()
    assert not (cover[mask < 0.1] > 0).any(), "the backdrop"
    out = (image * (1 - cover[:, :, None]) + 25 * cover[:, :, None]).astype(np.uint8)
    backdrop = np.zeros((460, 400), bool)
    backdrop[rows, :150] = mask[rows, :150] < 0.5
    cut = checks.edge_cut(out, cover, backdrop)
    assert cut is not None and cut <= checks.EDGE_CUT_MOST, cut


def test_a_dress_bodice_reaches_the_sides_of_a_chest_broader_than_the_waist() -> None:
    """A sleeveless dress is scaled by the body's waist; on a chest broader than the
    waist its bodice still reaches the trunk's sides from the armpits down, as worn, and
    leaves no strip of the old top's place between it and the arms (rebuilt as flat skin
    or kept as the old top's edge). Its straps stay narrower than the shoulders."""
    image = np.full((600, 400, 3), 255, np.uint8)
    orange = (240, 110, 30)
    cv2.rectangle(image, (170, 40), (230, 90), orange, -1)  # straps and neckline
    cv2.rectangle(image, (150, 90), (250, 200), orange, -1)  # bodice
    cv2.rectangle(image, (140, 200), (260, 560), orange, -1)  # skirt
    cv2.rectangle(image, (185, 40), (215, 60), (255, 255, 255), -1)  # the neck's opening
    dress = analyse_garment(image, swap_target="dress", hint=None)
    assert not dress.sleeve_left.any() and not dress.sleeve_right.any()
    person = drawn_person(np.full((560, 400, 3), 235, np.uint8))
    person.points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 520), (165, 520)
    mask = np.zeros((560, 400), np.float32)
    mask[90:200, 140:261] = 1  # a broad chest
    mask[200:540, 160:241] = 1  # a narrow waist, the hips and legs
    mask[95:260, 100:132] = mask[95:260, 269:301] = 1  # the arms beside it
    person.mask = mask
    cover = np.zeros((560, 400), np.float32)
    for layer in layers_for(person, dress):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    # Scaled by the waist alone, the bodice ended at x 150 and 251 all down the chest.
    assert cover[170:195, 195:205].min() > 0.9, "the chest's middle"
    assert cover[170:195, 146:150].mean() > 0.8 and cover[170:195, 252:256].mean() > 0.8, "the chest's sides"
    assert cover[150:195, 100:132].max() < 0.5 and cover[150:195, 269:301].max() < 0.5, "the arms"


def person_in_a_fitted_dress() -> Person:
    """A person in a black dress fitted to an hourglass (110 px across the chest, 50 at
    the waist at y 190, 100 at the hips), the arms held out level to the sides."""
    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    outline = np.array(
        [
            (140, 95),
            (260, 95),
            (255, 150),
            (225, 190),
            (250, 260),
            (270, 400),
            (130, 400),
            (150, 260),
            (175, 190),
            (145, 150),
        ]
    )
    mask = np.zeros((h, w), np.float32)
    cv2.fillPoly(mask, [outline], 1.0)
    cv2.fillPoly(image, [outline], (15, 15, 18))
    p = pose
    points = drawn_points()
    points[[p.L_ELBOW, p.R_ELBOW]] = (320, 105), (80, 105)
    points[[p.L_WRIST, p.R_WRIST]] = (380, 110), (20, 110)
    for a, b in ((p.L_SHOULDER, p.L_ELBOW), (p.L_ELBOW, p.L_WRIST), (p.R_SHOULDER, p.R_ELBOW), (p.R_ELBOW, p.R_WRIST)):
        ends = [tuple(int(v) for v in points[i]) for i in (a, b)]
        cv2.line(image, *ends, (200, 160, 140), 24)
        cv2.line(mask, *ends, 1.0, 24)
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32))


def test_a_tee_hangs_straight_past_a_fitted_dress_narrow_waist() -> None:
    """Cut to the body's outline, a tee on a fitted dress was an hourglass, the old
    bodice left beside its pinched waist; it hangs straight from the chest to the hips."""
    person = person_in_a_fitted_dress()
    garment = analyse_garment(tee(), swap_target="top", hint=None)
    result = compose(person, garment, layers_for(person, garment))
    frame = torso_frame(person)
    hips = (person.pt(pose.L_HIP) + person.pt(pose.R_HIP)) / 2
    pinch = checks.waist_pinch(result.garment, frame.neck, hips, np.zeros(person.mask.shape, bool))
    assert pinch is not None and checks.faults({"waist_pinch": pinch}) == [], pinch


def legged_person(image: NDArray[np.uint8], shins: list[tuple[tuple[int, int], tuple[int, int]]]) -> Person:
    """The drawn person of `image` (backdrop 235) with each shin's knee and ankle as given
    (left leg first) and the mask all that is not backdrop: the legs' figures below."""
    person = drawn_person(image)
    (lk, la), (rk, ra) = shins
    person.points[[pose.L_KNEE, pose.L_ANKLE, pose.R_KNEE, pose.R_ANKLE]] = lk, la, rk, ra
    person.mask = (np.any(image != 235, axis=2)).astype(np.float32)
    return person


def trousered_person(
    shins: list[tuple[tuple[int, int], tuple[int, int]]], shoes: tuple[int, int, int] = (250, 250, 250)
) -> Person:
    """A drawn person in a grey tee and black trousers down over shoes (white unless
    given), each shin from its knee to its ankle as given (left leg first); the
    trousers' hem 12 px past each ankle, the shoe below it."""
    image = np.full((580, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 262), (120, 120, 125), -1)  # the tee
    cv2.rectangle(image, (150, 262), (250, 380), (15, 15, 20), -1)  # the trousers' seat
    for (knee, ankle), hip in zip(shins, ((215, 262), (185, 262)), strict=True):
        cv2.line(image, hip, knee, (15, 15, 20), 40)
        hem = (ankle[0] + (ankle[0] - knee[0]) * 12 // max(1, ankle[1] - knee[1]), ankle[1] + 12)
        cv2.line(image, knee, hem, (15, 15, 20), 34)
        cv2.ellipse(image, (hem[0], hem[1] + 14), (26, 12), 0, 0, 360, shoes, -1)  # the shoe
    return legged_person(image, shins)


def test_a_dress_takes_the_trousers_hem_over_the_shoes() -> None:
    """Trousers hang past the ankle joint over the shoe: the foot cut off at the joint
    left their hem below a dress as a black band round each ankle."""
    person = trousered_person([((235, 380), (235, 520)), ((165, 380), (165, 520))])
    dress = worn_mask(person, "dress", torso_frame(person)) > 0
    for x in (165, 235):
        assert dress[500:530, x - 8 : x + 9].mean() > 0.9, (x, dress[500:530, x - 8 : x + 9].mean())
    assert dress[545:555, 150:250].mean() < 0.05, "the shoes"


def cropped_trousers_person() -> Person:
    """A drawn person in a grey tee and black cropped trousers ending 25 px above the
    ankle joints (y 520), white socks below them and black shoes from y 530."""
    image = np.full((580, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 262), (120, 120, 125), -1)  # the tee
    cv2.rectangle(image, (150, 262), (250, 380), (15, 15, 20), -1)  # the trousers' seat
    for x in (165, 235):
        cv2.rectangle(image, (x - 20, 380), (x + 20, 495), (15, 15, 20), -1)  # a trouser leg
        cv2.rectangle(image, (x - 12, 496), (x + 12, 532), (245, 245, 245), -1)  # a sock
        cv2.ellipse(image, (x, 544), (28, 14), 0, 0, 360, (15, 15, 20), -1)  # a black shoe
    return legged_person(image, [((235, 380), (235, 520)), ((165, 380), (165, 520))])


def test_a_bottom_leaves_black_shoes_below_black_cropped_trousers() -> None:
    """Black cropped trousers, white socks, black shoes: a new bottom's old garment took
    the shoes for the trousers (one colour), and below the new hem they were rebuilt as
    skin blobs and smears (`feet_changed`). The trousers themselves go."""
    person = cropped_trousers_person()
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    for x in (165, 235):
        assert old[400:490, x - 15 : x + 16].mean() > 0.9, (x, old[400:490, x - 15 : x + 16].mean())
    assert old[534:556, 140:260].mean() < 0.05, "the shoes"


def test_a_bottom_takes_the_trousers_hem_run_on_over_the_shoes() -> None:
    """Black trousers hang past the ankle joint onto black shoes without a break (as
    leggings down over a shoe past where the pose puts the ankle): their hem stays the
    old garment, or it is left below the new hem as a black band."""
    person = trousered_person([((235, 380), (235, 520)), ((165, 380), (165, 520))], shoes=(15, 15, 20))
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    for x in (165, 235):
        assert old[500:533, x - 8 : x + 9].mean() > 0.9, (x, old[500:533, x - 8 : x + 9].mean())


def test_a_new_bottom_leaves_the_shoes_joined_to_the_old_hem_as_shot() -> None:
    """White shoes whose tops join the old black trousers' hem, under a new bottom ending
    above the ankles: the rebuild's soft rim round the old hem reached down over the
    shoes' tops and smeared them (`feet_changed`); they stay as shot, the hem goes."""
    person = trousered_person([((235, 380), (235, 520)), ((165, 380), (165, 520))])
    new = np.zeros(person.mask.shape, np.float32)
    new[262:470, 140:261] = 1  # a new bottom ending well above the ankles
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="bottom"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    for x in (165, 235):
        assert out.rebuild[490:528, x - 8 : x + 9].min() > 0.9, "the old hem"
        shoe = slice(538, 554), slice(x - 16, x + 17)  # the shoe's body, below the hem
        assert person.mask[shoe].min() > 0.5 and out.old[shoe].max() == 0.0
        assert out.rebuild[shoe].max() == 0.0, ("the shoe", out.rebuild[shoe].max())


def midi_dress_person() -> Person:
    """A drawn person in a cream midi dress with an uneven hem (to y 475 over the right
    shin, 445 over the left), bare shins a little darker than the face's tone below it
    down to the ankle joints (y 520) and black shoes: the old bottom's colours, read
    along the shins, are the dress's and the bare skin's."""
    image = np.full((580, 400, 3), 235, np.uint8)
    cream, shin = (
        tuple(int(v) for v in cv2.cvtColor(np.array([[lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0])
        for lab in ((228, 129, 136), (142, 146, 152))
    )
    for x, hem in ((165, 475), (235, 445)):
        cv2.rectangle(image, (x - 14, hem), (x + 14, 528), shin, -1)  # a bare shin
        cv2.rectangle(image, (x - 35, 400), (x + 35, hem), cream, -1)  # the dress's skirt
        cv2.ellipse(image, (x, 540), (26, 12), 0, 0, 360, (15, 15, 20), -1)  # a black shoe
    cv2.rectangle(image, (140, 90), (260, 420), cream, -1)  # the dress
    return legged_person(image, [((235, 380), (235, 520)), ((165, 380), (165, 520))])


def test_a_bottom_leaves_the_bare_ankles_below_an_old_midi_dress() -> None:
    """Bare shins below a cream midi dress: the old bottom's colours, read along the
    shins, took in the bare skin's, and the person's own ankles below a new bottom's hem
    were rebuilt as a flat, blurred cone. They are no old garment; the dress is."""
    person = midi_dress_person()
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    assert old[300:400, 160:240].mean() > 0.95, "the old dress"
    for x, hem in ((165, 475), (235, 445)):
        assert old[hem + 5 : 525, x - 10 : x + 11].mean() < 0.05, (x, old[hem + 5 : 525, x - 10 : x + 11].mean())
    new = np.zeros(person.mask.shape, np.float32)
    new[262:505, 140:261] = 1  # new jeans to just above the ankle joints
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="bottom"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    for x in (165, 235):
        assert out.rebuild[510:525, x - 8 : x + 9].max() < 0.05, (
            "the bare ankle",
            out.rebuild[510:525, x - 8 : x + 9].max(),
        )


def knee_dress_person() -> Person:
    """A drawn person in a white sleeveless A-line dress to just below the knees (y 400),
    flaring to 180 px across at its hem, over bare shins in shade (Lab 141, 140, 144:
    greyer and darker than the face's tone) and black shoes: the thighs show the chest's
    white, and the shins no colour near enough the face's to pass for it by colour."""
    image = np.full((580, 400, 3), 235, np.uint8)
    white, shin = (
        tuple(int(v) for v in cv2.cvtColor(np.array([[lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0])
        for lab in ((236, 128, 128), (141, 140, 144))
    )
    for x in (165, 235):
        cv2.rectangle(image, (x - 14, 390), (x + 14, 528), shin, -1)  # a bare shin
        cv2.ellipse(image, (x, 540), (26, 12), 0, 0, 360, (15, 15, 20), -1)  # a black shoe
    cv2.fillPoly(image, [np.array([(140, 90), (260, 90), (290, 400), (110, 400)], np.int32)], white)
    return legged_person(image, [((235, 380), (235, 520)), ((165, 380), (165, 520))])


def test_a_bottom_replaces_the_skirt_of_an_old_dress_over_shaded_shins() -> None:
    """The thighs show the chest's white, so the old bottom's colours were read along the
    shins: their shaded skin, not near enough the face's tone by colour, was taken for a
    bottom's, and the dress's whole skirt was left beside new jeans as the top kept on.
    Skin of the skin's hue along the shins is bare legs: the dress's skirt is the old
    bottom; the shins are not, nor the dress above the hip joints (its waist's sides
    were rebuilt as skin wedges beside the new waistband)."""
    person = knee_dress_person()
    old = worn_mask(person, "bottom", torso_frame(person)) > 0
    assert old[300:395, 125:275].mean() > 0.95, old[300:395, 125:275].mean()
    assert old[330:395, 112:135].mean() > 0.7 and old[330:395, 265:288].mean() > 0.7, "the skirt's flare"
    assert old[410:525, 155:176].mean() < 0.05 and old[410:525, 225:246].mean() < 0.05, "the bare shins"
    assert old[100:200, 150:250].mean() < 0.05, "the bodice"
    assert old[200:258, 140:260].mean() < 0.05, "the dress above the hip joints: the top kept on"


def test_the_old_skirt_beside_new_jeans_is_refilled_as_the_backdrop_not_the_hands() -> None:
    """Hands hang beside a white dress's skirt; new jeans are narrower than it. The
    skirt's place beside them, below the hip joints, was filled from round the hole: the
    hands' skin blurred into it, a pink haze by them (Lab 189, 139, 142 on this drawing).
    It is the backdrop continued."""
    person = knee_dress_person()
    hand = tuple(int(v) for v in cv2.cvtColor(np.array([[(170, 145, 150)]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0])
    hands = np.zeros(person.mask.shape, np.uint8)
    for x in (110, 290):
        cv2.ellipse(hands, (x, 290), (12, 24), 0, 0, 360, 1, -1)
    person.image[hands > 0] = hand
    person.mask = np.maximum(person.mask, hands.astype(np.float32))
    new = np.zeros(person.mask.shape, np.float32)
    new[262:505, 140:261] = 1  # new jeans, narrower than the skirt
    garment = cast(Garment, SimpleNamespace(category="bottom"))
    out = replaced(person, garment, new, hands > 0, np.zeros(person.mask.shape, np.float32), skin.look(person))
    lab = cv2.cvtColor(np.clip(out.fill, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB).astype(np.float32)
    for xs in (slice(127, 138), slice(263, 274)):
        assert out.rebuild[285:335, xs].min() > 0.95, "the skirt beside the jeans is rebuilt"
        light, a, b = lab[285:335, xs].reshape(-1, 3).mean(axis=0)
        assert light > 215 and abs(a - 128) < 5 and abs(b - 128) < 5, (light, a, b)


def test_feet_changed_fails_shoes_rebuilt_below_a_new_bottom() -> None:
    """`feet_changed` reads the shoes below a new bottom's hem: kept as shot they pass,
    rebuilt as a skin blob over their tops they fail; under the hem's soft edge they
    are not read."""
    person = trousered_person([((235, 380), (235, 520)), ((165, 380), (165, 520))], shoes=(15, 15, 20))
    person.points[[27, 28, 29, 30, 31, 32]] = (235, 520), (165, 520), (225, 545), (155, 545), (255, 550), (185, 550)
    before = person.image
    cover = np.zeros(person.mask.shape, np.float32)
    cover[260:525, 140:261] = 1  # new jeans to just past the ankles
    feet = checks.feet_region(person.points, person.visibility, person.mask > 0.5, before.shape)
    margin = 5
    kept = checks.feet_changed(before, before.copy(), feet, cover, margin)
    assert kept is not None and not checks.faults({"feet_changed": kept}), kept
    after = before.copy()
    after[528:550, 150:250] = (200, 150, 125)  # the shoes' tops rebuilt as skin
    smeared = checks.feet_changed(before, after, feet, cover, margin)
    assert smeared is not None and checks.faults({"feet_changed": smeared}), smeared


def test_a_dress_takes_the_front_shin_beside_the_back_ankle() -> None:
    """In a stride the back leg's ankle sits beside the front leg's lower shin: its foot
    took that shin's trousers for a foot, left black below a dress."""
    person = trousered_person([((235, 380), (210, 470)), ((165, 380), (165, 530))])
    dress = worn_mask(person, "dress", torso_frame(person)) > 0
    shin = dress[480:525, 160:171]
    assert shin.mean() > 0.9, shin.mean()


def cami_with_inside_back() -> np.ndarray:
    """A red flat-lay cami on white: body x 120..280 from row 105, straps up to row 40,
    and between them the darker inside of its back (from row 110, a white size label on
    it) down to the front neckline's lighter rim curving to row ~150."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (120, 105), (280, 400), (200, 30, 40), -1)
    cv2.line(image, (132, 105), (140, 40), (200, 30, 40), 8)
    cv2.line(image, (268, 105), (260, 40), (200, 30, 40), 8)
    cv2.rectangle(image, (140, 110), (260, 135), (120, 15, 25), -1)
    cv2.ellipse(image, (200, 135), (60, 15), 0, 0, 180, (120, 15, 25), -1)
    cv2.ellipse(image, (200, 135), (60, 15), 0, 0, 180, (235, 90, 100), 4)
    cv2.rectangle(image, (188, 114), (212, 126), (250, 250, 250), -1)
    return image


def test_a_camis_inside_back_between_its_straps_is_not_garment() -> None:
    """Issue 17: a tank's inside back and label, seen between its straps, were kept (the
    opening at the middle's top showed the backdrop, which passed for no inside back at
    all) and drawn across the wearer's chest below the neck."""
    garment = analyse_garment(cami_with_inside_back(), swap_target="top", hint=None)
    assert garment.alpha[112:145, 180:221].max() < 0.1, "the inside back and its label were kept"
    assert garment.alpha[170:300, 150:250].min() > 0.9, "the front below the neckline was lost"
    for y in (50, 70, 90):
        inset = round((105 - y) / 65 * 8)
        assert min(garment.alpha[y, 132 + inset], garment.alpha[y, 268 - inset]) > 0.5, "a strap was lost"


def test_a_white_straps_bites_are_closed() -> None:
    """Issue 17: a white ruffled strap on a white backdrop was read with bites out of it
    where its fabric is the backdrop's colour; on the wearer its frills floated apart
    from it. The bites close; the backdrop between the straps stays open, and a coloured
    strap (far from the backdrop's colour) is left as read."""
    mask = np.zeros((300, 200), np.uint8)
    mask[100:280, 30:170] = 255
    mask[20:100, 40:56] = 255
    mask[20:100, 144:160] = 255
    bites = [(40 + 15 * i, 150) for i in range(3)]
    for y, x in bites:
        mask[y : y + 6, x : x + 7] = 0  # a pocket of backdrop, open to the strap's inside
    pale = _whole_straps(mask, np.zeros(mask.shape, np.float32))
    for y, x in bites:
        assert (pale[y : y + 6, x : x + 7] > 0).all(), "a bite out of the strap stayed"
    assert not pale[20:100, 60:140].any(), "the backdrop between the straps was filled"
    coloured = _whole_straps(mask, np.full(mask.shape, 60, np.float32))
    assert np.array_equal(coloured, mask)


def drawn_cami(colour: tuple[int, int, int] = (235, 200, 40)) -> np.ndarray:
    """A flat-lay cami on white, as the yellow crop's: its body x 100..300 from y 200 to
    420 under a V neckline, its thin straps rising at the body's edges to tips at x 112
    and 288, y 60 (0.88 of the half-width out; the crop's 0.86-0.95)."""
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.fillPoly(image, [np.array([(100, 200), (200, 290), (300, 200), (300, 420), (100, 420)])], colour)
    for foot, tip in (((104, 205), (112, 60)), ((296, 205), (288, 60))):
        cv2.line(image, foot, tip, colour, 8)
    return image


def test_a_camis_straps_lie_beside_the_neck_not_on_the_shoulder_tips() -> None:
    """A cami's straps lie near its panel's edges in the product photo; scaled with the
    panel as a tank's shoulder seams are, they went out over the shoulder joints, on the
    shoulder tips or the arms' tops (`strap_out` 0.86). They cross the shoulders at most
    halfway from the neck's side to the shoulder's tip now (`placement._strap_tips`,
    0.49), their tips on the shoulders, not standing up past them into the backdrop."""
    person = drawn_person(np.full((460, 400, 3), 235, np.uint8))
    # A neck 30 px wide, the shoulders' outline 0.62 joint distances out (as photographed).
    outline = [(185, 30), (215, 30), (215, 75), (240, 82), (256, 90), (262, 105), (264, 440)]
    outline += [(136, 440), (138, 105), (144, 90), (160, 82), (185, 75)]
    mask = np.zeros((460, 400), np.uint8)
    cv2.fillPoly(mask, [np.array(outline)], 1)
    person.mask = mask.astype(np.float32)
    cami = analyse_garment(drawn_cami(), swap_target="top", hint=None)
    assert isinstance(cami, Garment) and not placement.covers_shoulders(cami)
    cover = np.zeros((460, 400), np.float32)
    for layer in layers_for(person, cami):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    out = checks.strap_out(cover, mask > 0, (200, 100), (200, 260), 100.0)
    assert out is not None and not checks.faults({"strap_out": out}), out
    assert cover[30:70].max() == 0, "the neck stays bare"
    for side in (slice(100, 200), slice(200, 300)):
        assert (cover[70:100, side] > 0.5).any(), "each strap reaches the shoulder"
    assert np.count_nonzero((cover[:110] > 0.5) & (mask[:110] == 0)) <= 10, "the tips stand up off the shoulders"


def test_a_camis_strap_tips_go_down_onto_low_sloping_shoulders() -> None:
    """Where the shoulders slope lower than the joints give (beyond what
    `placement.shoulder_slope` trusts), the straps' tips went to the slope's guess and
    stood up past the shoulders into the backdrop (96 px of strap off the body). They go
    down onto the outline (`placement._onto_silhouette`)."""
    person = drawn_person(np.full((460, 400, 3), 235, np.uint8))
    outline = [(185, 30), (215, 30), (215, 98), (250, 110), (262, 120), (264, 440)]
    outline += [(136, 440), (138, 120), (150, 110), (185, 98)]
    mask = np.zeros((460, 400), np.uint8)
    cv2.fillPoly(mask, [np.array(outline)], 1)
    person.mask = mask.astype(np.float32)
    cami = analyse_garment(drawn_cami(), swap_target="top", hint=None)
    assert isinstance(cami, Garment)
    cover = np.zeros((460, 400), np.float32)
    for layer in layers_for(person, cami):
        np.maximum(cover[layer.slices], layer.alpha, out=cover[layer.slices])
    standing = np.count_nonzero((cover[:120] > 0.5) & (mask[:120] == 0))
    assert standing <= 10, standing


#: A camel coat's colour (OpenCV Lab) near `drawn_points`' skin (160, 145, 150): it passes
#: for skin (`colour.skin_like`), yet its tint is its own (`skin_toned.skin_toned`).
CAMEL_LAB = (150, 148, 161)


def person_in_a_camel_coat() -> Person:
    """A drawn person (`drawn_points`) in a camel coat worn open over a black top, which
    shows between its fronts (x 184 to 216): they hang from the shoulders to y 400 over
    the torso and blue jeans, its sleeves down to the hands; face and hands of the
    person's skin."""
    h, w = 560, 400
    image = np.full((h, w, 3), 235, np.uint8)
    lab = np.array([[CAMEL_LAB, (160, 145, 150)]], np.uint8)
    camel, own = (tuple(int(v) for v in c) for c in cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)[0])
    p = pose
    points = drawn_points()
    points[[p.L_ANKLE, p.R_ANKLE]] = (235, 520), (165, 520)
    image[255:520, 152:249] = (40, 60, 120)  # jeans
    image[90:262, 172:229] = (15, 15, 18)  # the black top
    cv2.ellipse(image, (200, 55), (28, 36), 0, 0, 360, own, -1)  # the face
    image[85:100, 188:213] = own  # the neck
    cv2.fillConvexPoly(image, np.array([(142, 92), (184, 92), (184, 400), (135, 400)], np.int32), camel)
    cv2.fillConvexPoly(image, np.array([(216, 92), (258, 92), (265, 400), (216, 400)], np.int32), camel)
    for a, b in ((p.L_SHOULDER, p.L_ELBOW), (p.L_ELBOW, p.L_WRIST), (p.R_SHOULDER, p.R_ELBOW), (p.R_ELBOW, p.R_WRIST)):
        cv2.line(image, tuple(int(v) for v in points[a]), tuple(int(v) for v in points[b]), camel, 30)
    hands = np.zeros((h, w), np.uint8)
    for wrist in (p.L_WRIST, p.R_WRIST):
        centre = tuple(int(v) for v in points[wrist] + (0, 16))
        cv2.circle(image, centre, 12, own, -1)
        cv2.circle(hands, centre, 12, 255, -1)
    face = np.zeros((h, w), np.uint8)
    cv2.ellipse(face, (200, 55), (28, 36), 0, 0, 360, 255, -1)
    mask = np.any(image != 235, axis=2).astype(np.float32)
    return Person(image, points, np.ones(33, np.float32), mask, face, hands, np.array([160, 145, 150], np.float32))


def test_an_open_coat_of_the_skins_colour_is_kept_in_front_of_a_new_garment() -> None:
    """A camel coat passes for skin: no old-garment mask took it, and every new top was
    pasted over its upper half, its skirt left below. It is the outer layer, kept in
    front of any new garment (`skin_toned_coat`): its fronts, sleeves and skirt, not the
    top between its fronts, the face or the neck."""
    person = person_in_a_camel_coat()
    coat = skin_toned_coat(person)
    assert coat[120:380, 155:180].mean() > 0.9 and coat[150:170, 120:140].mean() > 0.9, "the front and a sleeve"
    assert coat[300:390, 220:260].mean() > 0.9, "the skirt below the hips"
    assert not coat[120:250, 188:212].any() and not coat[15:88, 175:225].any(), "the top and the face"
    assert not coat[85:100, 188:213].any(), "the neck"


def test_bare_arms_beside_a_top_are_no_coat_of_the_skins_colour() -> None:
    """Arms of the coat's colour beside a top that covers the torso's whole width: no
    coat's fronts down the sides, so nothing is kept in front."""
    person = person_in_a_camel_coat()
    person.image[90:262, 150:251] = (15, 15, 18)  # the top across the fronts
    person.image[262:400, 135:266] = (40, 60, 120)
    assert not skin_toned_coat(person).any()


def test_an_open_coat_of_another_colour_is_kept_in_front_of_a_new_garment() -> None:
    """A dark green coat worn open over a blue top, its right panel flung out past the
    hips: found by `old_garment.open_coat`, it was taken as the old top and removed, the
    new top pasted between panels rebuilt as backdrop. It is the outer layer, kept in
    front of any new garment (`outer_coat`): its panels and sleeves, not the top between
    its fronts or the trousers."""
    image = np.full((560, 400, 3), 235, np.uint8)
    image[260:500, 150:250] = (130, 130, 135)  # grey trousers
    image[300:500, 196:204] = 235
    image[90:331, 170:231] = (150, 180, 220)  # the blue top
    image[90:331, 230:266] = (30, 80, 50)
    cv2.fillConvexPoly(image, np.array([(135, 90), (170, 90), (170, 330), (60, 330)], np.int32), (30, 80, 50))
    points = drawn_points()
    points[[pose.L_ANKLE, pose.R_ANKLE]] = (235, 500), (165, 500)
    for shoulder, wrist in ((pose.L_SHOULDER, pose.L_WRIST), (pose.R_SHOULDER, pose.R_WRIST)):
        cv2.line(image, tuple(points[shoulder].astype(int)), tuple(points[wrist].astype(int)), (30, 80, 50), 26)
        cv2.circle(image, tuple(points[wrist].astype(int) + (0, 14)), 11, (205, 150, 125), -1)
    mask = np.any(image != 235, axis=2).astype(np.float32)
    empty = np.zeros((560, 400), np.uint8)
    person = Person(image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32))
    coat = outer_coat(person)
    assert coat[150:330, 232:264].mean() > 0.95, "the left panel"
    assert coat[250:320, 100:165].mean() > 0.85, "the flung right panel"
    assert not coat[100:300, 175:226].any(), "the top between the fronts"
    assert not coat[400:490, 155:190].any(), "the trousers"
    image = image.copy()
    image[90:331, 60:266] = (150, 180, 220)  # a top of one colour, its sleeves green
    mask = np.any(image != 235, axis=2).astype(np.float32)
    person = Person(image, points, np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32))
    assert not outer_coat(person).any(), "a top's own sleeves of another colour are no coat"


def test_a_thin_arm_of_the_old_tops_mask_down_the_jeans_side_is_given_back() -> None:
    """A white top over blue jeans, its mask reaching down the jeans' left side in a
    strip 4 px wide below the hem: joined to the top it was no fleck of its own, and
    rebuilt it stood as a pale stepped strip cut into the jeans beside the hip. Ringed by
    the jeans, it is the bottom's; the top's own body is not."""
    from fitroom.engines.classic import old_garment

    h, w = 420, 400
    image = np.full((h, w, 3), 120, np.uint8)
    image[90:220, 140:260] = (245, 245, 245)
    image[220:400, 140:260] = (60, 100, 170)
    image[220:262, 140:144] = (150, 165, 185)  # the jeans' lit side seam
    mask = np.zeros((h, w), np.float32)
    mask[90:400, 140:260] = 1.0
    empty = np.zeros((h, w), np.uint8)
    person = Person(
        image, drawn_points(), np.ones(33, np.float32), mask, empty, empty, np.array([160, 145, 150], np.float32)
    )
    frame = torso_frame(person)
    rest = np.zeros((h, w), bool)
    rest[90:220, 140:260] = True
    rest[220:262, 140:144] = True
    across = ((np.arange(w, dtype=np.float32) - frame.neck[0]) * frame.down[0])[None, :]
    down = ((np.arange(h, dtype=np.float32) - frame.neck[1]) * frame.down[1])[:, None]
    below = (across + down) >= old_garment.BOTTOM_WAIST * frame.length
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB).astype(np.float32)
    tops = worn_colours(lab, person, "top")
    given = old_garment._bottom_flecks(person, frame, rest, below, tops, None)
    assert given[224:262, 140:144].mean() > 0.9
    assert not given[90:215].any()


def _tank_to_the_arms_caps(sleeves: bool = False) -> tuple[Person, NDArray[np.bool_]]:
    """A drawn person (`drawn_person`: shoulder joints at x 150 and 250, y 100) with a
    neck and bare arms 30 px across, in a navy tank whose straps run out over the
    shoulders past the joints to the arms' caps (a photo's tank: its outline there is the
    body's own); with `sleeves`, a tee's sleeves down the upper arms as well. The old
    top's mask with it."""
    image = np.full((420, 400, 3), (225, 225, 228), np.uint8)
    arms = bare_arms(30)
    neck = np.zeros((420, 400), np.uint8)
    cv2.rectangle(neck, (185, 20), (215, 90), 1, -1)
    old = np.zeros((420, 400), np.uint8)
    outline = [(215, 74), (240, 77), (258, 80), (266, 88), (258, 108), (242, 140), (236, 300)]
    cv2.fillPoly(old, [np.array(outline + [(400 - x, y) for x, y in reversed(outline)])], 1)
    if sleeves:
        cv2.line(old, (250, 100), (270, 160), 1, 40)
        cv2.line(old, (150, 100), (130, 160), 1, 40)
    old[neck > 0] = 0
    old[:84, 185:216] = 0
    figure = arms | old | neck
    image[figure > 0] = (170, 125, 105)
    image[old > 0] = (40, 50, 90)
    mask = cv2.GaussianBlur(figure.astype(np.float32), (0, 0), 1.0)
    return replace(drawn_person(image), mask=mask), old > 0


def test_a_tanks_shoulders_are_rebuilt_out_to_the_arms_caps_with_no_notch() -> None:
    """Under a cami the torso's skin stopped at the shoulder joints, at the height of the
    old tank's shoulders, while the arm's round cap begins lower on the bone: the tank's
    pixels between them, inside the person's outline, were refilled from the backdrop, a
    square notch cut into each shoulder (`cat--model_7`, `ootd--model_2`, `shoulder_notch`).
    Beside a bare arm the tank's outline is the body's own: the skin goes on out to it.
    A tee's sleeved arms still cut the torso at the joints (its square shoulders are no
    body's)."""
    person, old = _tank_to_the_arms_caps()
    frame = torso_frame(person)
    new = np.zeros(old.shape, np.float32)
    cv2.rectangle(new, (150, 150), (250, 290), 1, -1)
    bared = (old & (new < 0.5)).astype(np.float32)
    _, skin_part = uncovered_top(person, frame, old, bared, new, flat_tone((170, 140, 145)))
    rows, cols = np.mgrid[: old.shape[0], : old.shape[1]]
    # The tank beyond the right joint (x 250) above the arm's cap: 0.25 skin without.
    notch = old & (rows < 95) & (cols > 250)
    assert np.mean(skin_part[notch] > 0.5) > 0.5, np.mean(skin_part[notch] > 0.5)
    assert _sleeved_sides(person, frame, old) == ()
    tee, sleeved = _tank_to_the_arms_caps(sleeves=True)
    assert set(_sleeved_sides(tee, torso_frame(tee), sleeved)) == {1.0, -1.0}


def test_the_face_mask_frees_the_outline_of_a_neckline_its_edge_cuts() -> None:
    """An old neckline the face ellipse's lower edge just reaches is a sliver inside it,
    thinner than what is opened away: its outline, half neckline and half skin, passes
    for skin and was kept with the face, a line of the old top across the rebuilt chest
    (cat--2-model_4's yellow tank). Read past the edge, the neckline below frees it."""
    skin_rgb, cloth = np.array((205, 160, 135)), np.array((20, 20, 24))
    points = np.zeros((33, 2), np.float32)
    visibility = np.zeros(33, np.float32)
    for index, spot in {
        pose.NOSE: (200, 125),
        pose.L_EYE: (230, 100),
        pose.R_EYE: (170, 100),
        pose.L_EAR: (280, 110),
        pose.R_EAR: (120, 110),
        pose.MOUTH_L: (215, 140),
        pose.MOUTH_R: (185, 140),
    }.items():
        points[index], visibility[index] = spot, 0.99
    bare = np.full((400, 400, 3), skin_rgb, np.uint8)
    bottom = int(np.nonzero((pose._face_mask(points, visibility, bare) > 0).any(axis=1))[0].max())
    photo = bare.copy()
    photo[bottom - 1 :] = cloth  # the neckline: two rows of it inside the ellipse
    photo[bottom - 2] = (skin_rgb + cloth) // 2  # its outline, half neckline and half skin
    face = pose._face_mask(points, visibility, photo) > 0
    assert not face[bottom - 2 :].any()
    assert face[bottom - 20, 200]  # the neck above stays
