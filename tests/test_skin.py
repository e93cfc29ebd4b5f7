"""Rebuilt skin: lit as a rounded form from the light's side, grained like the person's."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.domain import SwapTarget
from fitroom.engines.classic import rebuild, skin
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.person import (
    HAND_POINTS,
    L_ANKLE,
    L_ELBOW,
    L_EYE,
    L_SHOULDER,
    L_WRIST,
    MOUTH_L,
    MOUTH_R,
    R_ANKLE,
    R_ELBOW,
    R_EYE,
    R_SHOULDER,
    R_WRIST,
    Person,
    _skin_colour,
)
from tests.support.rebuilt import bare_arms, flat_tone, uncovered_top


def cylinder_normals(width: int = 60, height: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """The picture-right and down parts of an upright cylinder's normals, seen from the front."""
    across = np.tile(np.linspace(-0.95, 0.95, width, dtype=np.float32), (height, 1))
    return across, np.zeros_like(across)


def test_a_limb_is_lighter_on_the_side_the_light_comes_from() -> None:
    from_right = skin.SkinLook(light=(0.6, -0.2, 0.77), strength=0.4, grain=0.01, mottle=(1, 1, 1))
    shade = skin.lit(*cylinder_normals(), from_right)[20]
    assert shade[-10] > shade[10] + 0.1, shade
    # Lit from the front, the limb is lightest along its middle and darker at both sides.
    front = skin.lit(*cylinder_normals(), skin.DEFAULT)[20]
    assert front[30] > front[2] + 0.1 and front[30] > front[-3] + 0.1, front
    assert abs(front[30] - 1) < 0.05


def test_grain_matches_the_persons_as_the_check_measures_it() -> None:
    for level in (0.01, 0.03):
        look = skin.SkinLook(light=skin.DEFAULT.light, strength=0.3, grain=level, mottle=(1, 1, 1))
        field = skin.grain((200, 200), look)
        flat = np.full((200, 200, 3), 160, np.float32)
        image = np.clip(flat * (1 + field)[:, :, None], 0, 255).astype(np.uint8)
        measured = checks.texture_level(image, np.ones((200, 200), bool))
        assert measured is not None and abs(measured - level) < 0.35 * level, (level, measured)
    # The same shape gives the same grain: renders are repeatable.
    assert np.array_equal(skin.grain((50, 40), skin.DEFAULT), skin.grain((50, 40), skin.DEFAULT))


def test_skin_rebuilt_on_a_photo_is_not_flat() -> None:
    """A tank top on the astronaut bares the arms of the suit: the skin made there has
    the grain and shading of the face's, and nothing outside the edit changes."""
    from PIL import Image
    from skimage import data

    from fitroom.engines.base import RenderOptions
    from fitroom.engines.classic import ClassicEngine
    from fitroom.evaluate import inspect
    from tests.test_classic_engine import tee

    report = ClassicEngine().render_report(
        Image.fromarray(data.astronaut()),
        [Image.fromarray(tee(sleeves=False))],
        RenderOptions(swap_target="top", tier="nano"),
    )
    assert report.rebuilt_skin is not None and (report.rebuilt_skin > 0.5).sum() > 2000
    values = inspect(report, "top")
    assert values["skin_texture"] is not None and values["skin_shading"] is not None, values
    assert not {"skin_texture", "skin_shading"} & set(checks.faults(values)), values
    changed = np.any(np.asarray(report.image) != report.input, axis=2)
    assert report.edited is not None and not (changed & ~report.edited).any()


def test_the_tone_is_not_read_from_a_skin_hued_collar() -> None:
    """A beige tee's collar round a darker neck has the skin's hue: read as the neck, the
    bared arms were rebuilt in the tee's colour."""
    from tests.test_classic_engine import drawn_person

    image = np.full((420, 400, 3), 235, np.uint8)
    person = drawn_person(image)
    person.skin_lab = np.array([120, 140, 150], np.float32)  # brown skin, from the face
    beige = cv2.cvtColor(np.array([[[180, 140, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    neck = cv2.cvtColor(np.array([[person.skin_lab]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    image[40:100, 185:215] = neck
    image[60:300, 130:270] = beige  # the tee, its collar up round the neck
    image[40:60, 185:215] = neck
    person.mask[:, :] = 0
    person.mask[40:300, 130:270] = 1
    tone = skin.look(person).tone
    assert tone is None or abs(tone[0] - 120) < 20, tone


def test_a_rebuilt_neck_goes_on_as_the_neck_above_it() -> None:
    """A high old collar replaced by a lower neckline: the neck rebuilt below the visible
    one keeps its profile (dark at the sides, light down the middle) instead of one flat
    tone, and gives way to the torso's tone further down."""

    from fitroom.engines.classic.body import torso_frame
    from tests.test_classic_engine import drawn_person

    image = np.full((420, 400, 3), 235, np.uint8)
    xs = np.arange(178, 223)
    profile = 150 + 50 * np.cos((xs - 200) / 22 * np.pi / 2)  # 150 at the sides, 200 in the middle
    image[30:300, 178:223] = (profile[:, None] * np.array([1.0, 0.8, 0.7]))[None, :, :].astype(np.uint8)
    image[70:300, 130:270] = (30, 40, 60)  # the old top, its collar up to y 70
    person = drawn_person(image)
    old = np.zeros((420, 400), np.float32)
    old[70:300, 130:270] = 1
    new = np.zeros_like(old)
    new[115:300, 130:270] = 1  # the new tee's neckline at y 115
    bared = old * (1 - new)
    seen = np.zeros((420, 400), bool)
    seen[30:66, 178:223] = True
    lab = person.lab()
    tone = np.broadcast_to(lab[seen].mean(axis=0), (420, 400, 3)).astype(np.float32).copy()
    fill, skin_part = uncovered_top(person, torso_frame(person), old, bared, new, tone, seen=seen)
    light = cv2.cvtColor(np.clip(fill, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB)[:, :, 0].astype(np.float32)
    assert skin_part[75:85, 185:215].min() > 0.5
    photo = lab[50:60, 200].mean() - lab[50:60, 180:183].mean()
    rebuilt = light[74:82, 199:202].mean() - light[74:82, 180:183].mean()
    assert rebuilt > 0.6 * photo, (rebuilt, photo)


def test_a_hole_in_the_rebuilt_skin_is_not_filled_with_the_old_garment() -> None:
    """A strip of an old red top that is not rebuilt as skin (the person mask missed it,
    between the new panel and the arm) is filled from round it; round it lies the old
    top too, under the rebuilt skin and the new panel. Filled from the photo, the strip
    stayed red; filled from the rebuilt skin, it is skin."""

    red, skin_rgb = (200, 30, 40), np.array([205, 150, 125], np.float32)
    image = np.full((120, 160, 3), 235, np.uint8)
    image[10:110, 20:140] = red
    old = np.zeros((120, 160), np.float32)
    old[10:110, 20:140] = 1
    skin_part = old.copy()
    region = np.zeros((120, 160), np.uint8)
    region[20:100, 70:84] = 1  # the strip
    skin_part[region > 0] = 0
    fill = np.broadcast_to(skin_rgb, (120, 160, 3)).copy()
    filled = rebuild._inpaint(rebuild._without_old(image, fill, old, skin_part), region)
    strip = filled[region > 0]
    assert np.linalg.norm(strip - skin_rgb, axis=1).mean() < 30, strip.mean(axis=0)


def test_rebuilt_skin_carries_the_persons_own_detail() -> None:
    """The detail laid on rebuilt skin is taken from the person's visible skin, at its
    scale and level: drawn noise matched only the finest grain, and `skin_detail` read
    such skin as flat."""
    from tests.test_classic_engine import drawn_person

    rng = np.random.default_rng(5)
    colour = cv2.cvtColor(np.array([[[160, 145, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0].astype(np.float32)
    fine = cv2.GaussianBlur(rng.normal(0, 1, (420, 400)).astype(np.float32), (0, 0), 0.7) * 3
    mid = cv2.GaussianBlur(rng.normal(0, 1, (420, 400)).astype(np.float32), (0, 0), 1.8) * 20
    image = np.clip(colour + (fine + mid)[:, :, None], 0, 255).astype(np.uint8)
    person = drawn_person(image)
    look = skin.look(person)
    assert look.patches is not None
    own = checks.detail_level(image, np.ones((420, 400), bool))
    assert own is not None

    def made(layer: np.ndarray) -> float:
        flat = np.clip(colour * (1 + layer[:, :, None]), 0, 255).astype(np.uint8)
        level = checks.detail_level(flat, np.ones(layer.shape, bool))
        assert level is not None
        return level / own

    assert made(skin.detail((200, 200), look)) > checks.SKIN_DETAIL_RATIO
    assert made(skin.grain((200, 200), look)) < checks.SKIN_DETAIL_RATIO


def test_the_torso_turns_away_at_its_own_outline() -> None:
    """A bared midriff is shaded round its own outline, a waist as well as a chest: a
    cylinder of one width round the midline left a narrow waist's sides nearly as bright
    as its middle (a flat patch)."""
    from fitroom.engines.classic.body import Frame
    from fitroom.engines.classic.rebuild import TORSO_SIDE_SHADE, TORSO_TURN, _torso_normals

    torso = np.zeros((200, 200), np.float32)
    torso[20:100, 40:160] = 1  # the chest
    torso[100:180, 70:130] = 1  # a narrower waist
    frame = Frame(np.array([100.0, 20.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0]), 120.0, 160.0)
    across, _, side = _torso_normals(frame, torso)
    assert abs(across[150, 100]) < 0.05 and side[150, 100] < 0.05
    assert across[150, 129] > TORSO_TURN * 0.9 and across[150, 70] < -TORSO_TURN * 0.9
    assert across[60, 159] > TORSO_TURN * 0.9
    lit = skin.lit(across, np.zeros_like(across), skin.DEFAULT) * (1 - TORSO_SIDE_SHADE * side**3)
    assert lit[150, 129] < lit[150, 100] * 0.85


def test_a_face_cut_off_by_the_photo_gives_no_light_nor_skin_detail() -> None:
    """A photo cut above the chin: the pose still guesses the face above the top edge, and
    its "cheeks" were read from the top rows of the photo (the tee's collar), turning the
    light on the rebuilt skin."""

    from fitroom.engines.classic.person import L_EYE, MOUTH_L, MOUTH_R, NOSE, R_EYE
    from tests.test_classic_engine import drawn_person

    colour = cv2.cvtColor(np.array([[[160, 145, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0]
    image = np.broadcast_to(colour, (420, 400, 3)).copy()
    image[:40, :200] = 90  # a dark collar at the top, on the picture's left only
    person = drawn_person(image)
    points = person.points.copy()
    points[[NOSE, L_EYE, R_EYE, MOUTH_L, MOUTH_R]] = (200, -30), (215, -45), (185, -45), (210, -10), (190, -10)
    look = skin.look(replace(person, points=points))
    assert look.light == skin.DEFAULT.light
    # Nor is detail taken from what passes for skin: it may be a beige tee.
    assert look.patches is None and skin.look(person).patches is not None


def test_an_arm_bared_from_a_tight_sleeve_tapers_from_a_round_shoulder() -> None:
    """A tight sleeve is about as wide at the elbow as at the shoulder; the arm rebuilt
    inside it was a block with parallel sides. It narrows to the elbow now (`limb_taper`
    passes), and a boxy tee's square shoulder corner is not torso: the arm's round cap
    is the shoulder's top."""

    from fitroom.engines.classic.body import limbs, torso_frame
    from tests.test_classic_engine import drawn_person

    image = np.full((420, 400, 3), 235, np.uint8)
    old = np.zeros((420, 400), np.uint8)
    cv2.rectangle(old, (130, 85), (270, 300), 1, -1)  # a boxy tee, square at the shoulders
    for shoulder, elbow in (((250, 100), (275, 180)), ((150, 100), (125, 180))):
        cv2.line(old, shoulder, elbow, 1, 24)  # tight sleeves, 24 px wide all down
    image[old > 0] = (40, 60, 90)
    person = drawn_person(image)
    frame = torso_frame(person)
    limb, _ = limbs(person, frame, SwapTarget.TOP, old > 0)
    arms = [(person.pt(s), person.pt(e)) for s, e in ((L_SHOULDER, L_ELBOW), (R_SHOULDER, R_ELBOW))]
    taper = checks.limb_taper(limb > 0.5, np.zeros(limb.shape, np.float32), arms, frame.neck)
    assert taper is not None and taper < checks.TAPER_MOST, taper
    new = np.zeros(old.shape, np.float32)
    new[150:300, 150:250] = 1  # a sleeveless top well inside the old one
    bared = old.astype(np.float32) * (1 - new)
    tone = flat_tone(np.array([170, 140, 145], np.float32))
    _, skin_part = uncovered_top(person, frame, old, bared, new, tone)
    assert skin_part[88, 262] < 0.5 and skin_part[88, 138] < 0.5  # the tee's corners: backdrop
    assert skin_part[95, 250] > 0.5 and skin_part[95, 150] > 0.5  # the shoulders' round tops


def _laid_one_by_one(shape: tuple[int, int], patches: np.ndarray, seed: int) -> np.ndarray:
    """Each patch, turned and feathered, added in turn (what `skin.detail` lays in one go)."""
    h, w = shape
    side = patches.shape[1]
    step = max(1, side // 2)
    ramp = np.sin(np.linspace(0, np.pi, side + 2)[1:-1]).astype(np.float32)
    feather = np.outer(ramp, ramp)
    rows, cols = -(-h // step) + 1, -(-w // step) + 1
    total = np.zeros((rows * step + side, cols * step + side), np.float32)
    weight = np.zeros_like(total)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(patches), (rows, cols))
    turns = rng.integers(0, 8, (rows, cols))
    for r in range(rows):
        for c in range(cols):
            patch = np.rot90(patches[picks[r, c]], turns[r, c] % 4)
            if turns[r, c] >= 4:
                patch = patch[:, ::-1]
            total[r * step : r * step + side, c * step : c * step + side] += patch * feather
            weight[r * step : r * step + side, c * step : c * step + side] += feather
    laid = (total / np.maximum(weight, 1e-6))[side // 2 : side // 2 + h, side // 2 : side // 2 + w]
    own = skin._robust_std(patches.ravel())
    return laid * own / skin._robust_std(laid[:: max(1, h // 64), :: max(1, w // 64)].ravel())


def test_skin_detail_laid_in_one_go_is_the_patches_laid_one_by_one() -> None:
    """The patches are laid as grids of tiles that do not overlap, for speed: the same
    texture as laying each patch in turn, for patches of odd and even side."""
    rng = np.random.default_rng(3)
    for side in (17, 30):
        patches = rng.normal(0, 0.02, (9, side, side)).astype(np.float32)
        look = skin.SkinLook(skin.DEFAULT.light, 0.3, 0.01, (1, 1, 1), patches=patches)
        laid = skin.detail((123, 77), look, seed=5)
        assert np.allclose(laid, _laid_one_by_one((123, 77), patches, 5), atol=1e-6), side


def _tank_bared_by_a_cami(
    light: skin.SkinLook = skin.DEFAULT,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """A drawn person in a navy tank, arms bare beside it, bared by a cami's body (its
    straps left out), rebuilt as the engine does: the render, how much of each pixel is
    rebuilt skin, the person mask (soft, running 4 px past the person), the new garment,
    and the shoulder width."""

    from fitroom.engines.classic.body import torso_frame
    from tests.test_classic_engine import drawn_person

    backdrop, tan, navy = (225, 225, 228), (150, 110, 90), (40, 50, 90)
    image = np.full((420, 400, 3), backdrop, np.uint8)
    silhouette = np.zeros((420, 400), np.uint8)
    cv2.rectangle(silhouette, (180, 40), (220, 100), 1, -1)  # the neck
    cv2.fillConvexPoly(silhouette, np.array([(180, 70), (220, 70), (262, 92), (262, 300), (138, 300), (138, 92)]), 1)
    silhouette |= bare_arms(26)
    image[silhouette > 0] = tan
    old = np.zeros((420, 400), np.uint8)
    old[78:300, 138:263] = 1  # a crew-neck tank, its wide straps out to the shoulders' outline
    old &= silhouette
    image[old > 0] = navy
    # A segmentation's mask is soft, and runs a few pixels past the person.
    mask = cv2.GaussianBlur(cv2.dilate(silhouette, np.ones((9, 9), np.uint8)).astype(np.float32), (0, 0), 3.0)
    person = replace(drawn_person(image), mask=mask)
    frame = torso_frame(person)
    new = np.zeros(old.shape, np.float32)
    new[150:300, 150:250] = 1  # a cami's body, its straps left out
    # Rebuilt as the engine does: the old top, and its soft edge out over the backdrop.
    ring = cv2.dilate(old, np.ones((9, 9), np.uint8)) * (mask < 0.9)
    rebuilt = np.maximum(old, ring).astype(np.float32) * (1 - new)
    lab = cv2.cvtColor(np.uint8([[tan]]), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    fill, skin_part = uncovered_top(person, frame, old, rebuilt, new, flat_tone(lab), light)
    render = (image * (1 - rebuilt[:, :, None]) + fill * rebuilt[:, :, None]).astype(np.uint8)
    return render, rebuilt * skin_part, mask, new, frame.width


def test_rebuilt_shoulders_end_crisp_at_the_persons_outline() -> None:
    """A tank bared by a cami: the torso's skin was blurred by 0.03 shoulder widths all
    round, and where a segmentation's soft mask runs a little past the person its edge
    faded out over the backdrop as a haze round level, square shoulders (`skin_edge`
    failed). It is soft only where it meets skin inside the body now, and ends as the
    photo's own outline does, its corners rounded; the old top's rim beyond it is
    backdrop."""
    render, skin_part, mask, new, width = _tank_bared_by_a_cami()
    edge = checks.skin_edge(render, skin_part, (mask < 0.1) & (new == 0), width)
    assert edge is not None and edge < checks.SKIN_EDGE_MOST, edge
    assert skin_part[95, 200] > 0.9  # the top of the chest below the neck: skin


def test_the_arms_shading_gives_way_to_the_chests_without_a_step() -> None:
    """The upper arms' cylinders reach in over the chest by the armholes. Shaded as the
    limb's there up to one line, their inner sides turned away dark and met the chest's
    lit front as a vertical step beside each arm (`skin_step` failed: a slab past the
    shoulder); over the torso the limb's side does not turn away now, and its shading
    gives way to the torso's over a band."""
    side_light = skin.SkinLook(light=(0.5, -0.3, 0.81), strength=0.45, grain=0.01, mottle=(1, 1, 1))
    render, skin_part, _, _, width = _tank_bared_by_a_cami(side_light)
    step = checks.skin_step(render, skin_part > 0.9, width)
    assert step is not None and step < checks.SKIN_STEP_MOST, step


def _v_neckline() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A drawn chest (Lab): the person's own skin inside a V neckline, lit 18 (7 L*) paler than
    the tone the rest is rebuilt in; and which pixels are rebuilt."""
    h, w = 160, 200
    rebuilt = np.ones((h, w), np.uint8)
    cv2.fillConvexPoly(rebuilt, np.array([[60, 0], [140, 0], [100, 90]], np.int32), 0)
    lab = np.zeros((h, w, 3), np.float32)
    lab[:, :] = (66.0, 140.0, 150.0)
    made = np.zeros_like(lab)
    made[:, :] = (48.0, 142.0, 152.0)
    return lab, made, rebuilt > 0


def test_the_old_neckline_leaves_no_step_in_the_rebuilt_skin() -> None:
    """Rebuilt skin a shade darker than the kept chest inside an old V neckline kept that V
    as a line (`skin_seam`); matched at the seam, the step is gone there and fades out
    further off."""
    lab, made, rebuilt = _v_neckline()
    out = skin.matched_at_seam(made, lab, ~rebuilt, rebuilt, 3, 150.0)
    # Just outside the V's sides the rebuilt skin is the kept skin's lightness.
    assert abs(float(out[40, 75, 0]) - 66.0) < 3, out[40, 75]
    assert abs(float(out[40, 125, 0]) - 66.0) < 3, out[40, 125]
    # Far from the neckline it keeps its own tone.
    assert abs(float(out[155, 10, 0]) - 48.0) < 2, out[155, 10]
    image = cv2.cvtColor(np.clip(out, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB)
    before = cv2.cvtColor(np.where(rebuilt[:, :, None], made, lab).astype(np.uint8), cv2.COLOR_LAB2RGB)
    after = np.where(rebuilt[:, :, None], image, before)
    stepped = checks.skin_seam(before, rebuilt, ~rebuilt, 150.0)
    smooth = checks.skin_seam(after, rebuilt, ~rebuilt, 150.0)
    assert stepped is not None and stepped > checks.SKIN_SEAM_MOST, stepped
    assert smooth is not None and smooth < checks.SKIN_SEAM_MOST, smooth


def test_the_seam_is_matched_to_the_rebuilt_skin_inside_it_not_the_field_outside() -> None:
    """Below a neck the rebuilt skin is the neck continued down, a shade off the tone
    field it fades into: the step to the kept skin above an old crew neck was read
    against the field there, the neck's continuation was corrected by the wrong amount
    and a step stayed along the old neckline. Read against the skin just inside, the
    rebuilt skin meets the kept skin's lightness."""
    h, w = 160, 200
    rebuilt = np.zeros((h, w), bool)
    rebuilt[80:] = True
    lab = np.zeros((h, w, 3), np.float32)
    lab[:, :] = (66.0, 140.0, 150.0)
    made = np.zeros_like(lab)
    made[:, :] = (48.0, 142.0, 152.0)  # the field, outside the rebuilt skin too
    made[80:, :, 0] = 58.0  # the neck continued down, inside it
    out = skin.matched_at_seam(made, lab, ~rebuilt, rebuilt, 3, 150.0)
    assert abs(float(out[82, 100, 0]) - 66.0) < 3, out[82, 100]
    # Far from the seam it keeps its own tone.
    assert abs(float(out[155, 100, 0]) - 58.0) < 2, out[155, 100]


def test_rebuilt_skin_ends_at_the_shoulder_line_not_the_old_straps_square_top() -> None:
    """A drawn person: a neck, a tank whose straps stand level from the neck out to the
    armholes, and bare arms whose tops lie lower. The skin rebuilt inside the tank ends
    at the line from the neck down to each arm's top; under the old straps' square
    corner (above that line) it is backdrop."""

    h, w = 200, 300
    solid = np.zeros((h, w), np.uint8)
    cv2.rectangle(solid, (130, 0), (170, 60), 1, -1)  # the head and neck
    cv2.rectangle(solid, (60, 50), (240, 199), 1, -1)  # the tank, level from neck to armholes
    cv2.rectangle(solid, (30, 80), (59, 199), 1, -1)  # the arms, their tops lower
    cv2.rectangle(solid, (241, 80), (270, 199), 1, -1)
    old = solid.astype(bool).copy()
    old[:, :60] = False
    old[:, 241:] = False
    old[:50] = False
    body = solid.copy()
    cut = rebuild._below_shoulder_line(body, solid > 0, old, 3)
    # The straps' outer corners, above the line from the neck (row 50 at column 129 or
    # 171) to the arm's top (row 80 at column 59 or 241), are cut away...
    assert cut[55, 65] == 0 and cut[55, 235] == 0
    assert not cut[:75, 60].any() and not cut[:75, 240].any()
    # ...the strap beside the neck and everything below the line stay.
    assert cut[52, 128] == 1 and cut[52, 172] == 1
    assert cut[85:, 60:241].all()
    assert np.array_equal(cut[:, :60], body[:, :60]) and np.array_equal(cut[:, 241:], body[:, 241:])


def swapped_for_a_tee(
    person: Person, look: skin.SkinLook, hem: int
) -> tuple[np.ndarray, np.ndarray, list[tuple[np.ndarray, np.ndarray]], rebuild.Replaced]:
    """A drawn person's long-sleeved top (420 x 400 px, shoulders at rows 100) swapped for a
    tee whose body ends at row `hem`: the picture shown, the rebuilt skin, the forearms'
    bones (elbow, wrist) and the rebuild itself."""
    h, w = person.size[1], person.size[0]
    hands = person.hands > 0
    new = np.zeros((h, w), np.float32)
    cv2.rectangle(new, (135, 85), (265, hem), 1, -1)
    for shoulder, end in (((250, 100), (262, 140)), ((150, 100), (138, 140))):
        cv2.line(new, shoulder, end, 1, 44)  # a tee's short sleeves
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.TOP))
    out = rebuild.replaced(person, garment, new, hands, hands.astype(np.float32), look)
    shown = person.image.astype(np.float32) * (1 - out.rebuild[:, :, None]) + out.fill * out.rebuild[:, :, None]
    made = (out.skin > 0.5) & (out.rebuild > 0.5)
    forearms = [(person.pt(e), person.pt(x)) for e, x in ((L_ELBOW, L_WRIST), (R_ELBOW, R_WRIST))]
    return np.clip(shown, 0, 255).astype(np.uint8), made, forearms, out


def _tan_handed_in_long_sleeves() -> tuple[Person, skin.SkinLook, np.ndarray]:
    """A drawn person in a dark long-sleeved top, hands tan (darker and redder than the
    lit face the skin's tone is read from); their look (the face's tone) and hands."""
    # Its shade is uneven: lighter down the sleeves' outer sides (its sheen).
    person, _, hands = _in_long_sleeves(34, (168, 112, 88), sheen=(52, 52, 60))
    face = tuple(float(v) for v in cv2.cvtColor(np.uint8([[(240, 212, 182)]]), cv2.COLOR_RGB2LAB)[0, 0])
    return person, replace(skin.DEFAULT, tone=face), hands > 0


def _in_long_sleeves(
    sleeve: int, hand: tuple[int, int, int], sheen: tuple[int, int, int] | None = None
) -> tuple[Person, np.ndarray, np.ndarray]:
    """A drawn person in a dark top whose long sleeves (`sleeve` px wide, lighter down
    their outer sides where `sheen` is given) reach the wrists, the hands of colour
    `hand` with the pose's hand points on them; the person, the top's mask and the
    hands' mask."""
    from tests.test_classic_engine import drawn_person

    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    old = np.zeros((h, w), np.uint8)
    cv2.rectangle(old, (140, 90), (260, 290), 1, -1)
    for shoulder, wrist in (((250, 100), (280, 250)), ((150, 100), (120, 250))):
        cv2.line(old, shoulder, wrist, 1, sleeve)
    image[old > 0] = (30, 30, 36)
    if sheen is not None:
        image[(old > 0) & (np.arange(w)[None, :] > 282)] = sheen
    hands = np.zeros((h, w), np.uint8)
    for centre in ((281, 275), (119, 275)):
        cv2.circle(hands, centre, 16, 255, -1)
    image[hands > 0] = hand
    person = drawn_person(image)
    points = person.points.copy()
    points[list(HAND_POINTS[0][1:])] = (281, 280)
    points[list(HAND_POINTS[1][1:])] = (119, 280)
    return replace(person, points=points, hands=hands), old, hands


def test_a_forearm_bared_from_a_long_sleeve_takes_the_hands_colour() -> None:
    """A long-sleeved top swapped for a tee bares the forearms above hands darker and
    redder than the lit face the skin's tone is read from. The rebuilt forearm took the
    face's pale tone (a hand that far from it never counted) and the dark sleeve's light
    on top: a pale, yellow arm on a tan hand (`wrist_tone` over its limit). It takes
    the hand's own colour at the wrist now."""
    person, look, hands = _tan_handed_in_long_sleeves()
    shown, made, forearms, _ = swapped_for_a_tee(person, look, 260)
    apart = checks.wrist_tone(shown, made, hands, forearms, person.shoulder_width)
    assert apart is not None and apart < checks.WRIST_APART, apart


def test_a_forearm_bared_from_a_long_sleeve_is_the_hands_colour_up_to_the_elbow() -> None:
    """The hand's colour faded out by mid-forearm: the upper forearm took the lit face's
    tone, paler and greyer than the hand (fake skin above a real hand, `arm_pale` over
    its limit). It keeps the hand's colour up to near the elbow now."""
    person, look, hands = _tan_handed_in_long_sleeves()
    shown, made, forearms, _ = swapped_for_a_tee(person, look, 260)
    paler = checks.arm_pale(shown, made, hands, forearms, person.shoulder_width)
    assert paler is not None and paler < checks.ARM_PALE_MOST, paler


def test_a_forearm_bared_from_a_long_sleeve_runs_on_into_the_hand() -> None:
    """A long sleeve's cuff ends below the pose's wrist point, a grey lining at its rim
    and the hand beyond. Swapped for a tee, the forearm rebuilt in the sleeve's place
    ended in a round cap at the wrist point, the cuff below it was refilled from round
    about and its lining, out of the old garment's mask, stayed: a band across the
    wrist (`wrist_band` over its limit). The forearm runs on into the hand now."""
    from tests.test_classic_engine import drawn_person

    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    old = np.zeros((h, w), np.uint8)
    cv2.rectangle(old, (140, 90), (260, 290), 1, -1)
    for shoulder, end in (((250, 100), (284, 280)), ((150, 100), (116, 280))):
        cv2.line(old, shoulder, end, 1, 34)  # long sleeves, past the wrist points
    old[263:, :135] = 0  # the cuffs end 13 px below the wrist points (row 250)
    old[263:, 265:] = 0
    image[old > 0] = (30, 30, 36)
    lining = np.zeros((h, w), bool)
    lining[263:267] = cv2.dilate(old, np.ones((9, 1), np.uint8))[263:267] > 0
    lining[:, 135:265] = False
    image[lining] = (150, 150, 155)  # the cuffs' grey lining at their rims
    hands = np.zeros((h, w), np.uint8)
    for centre in ((284, 285), (116, 285)):
        cv2.circle(hands, centre, 18, 255, -1)
    hands[:267] = 0
    image[hands > 0] = (200, 150, 128)
    person = drawn_person(image)
    points = person.points.copy()
    points[list(HAND_POINTS[0][1:])] = (284, 290)
    points[list(HAND_POINTS[1][1:])] = (116, 290)
    person = replace(person, points=points, hands=hands)
    look = replace(skin.DEFAULT, tone=tuple(float(v) for v in person.skin_lab))
    shown, made, forearms, out = swapped_for_a_tee(person, look, 300)
    own = (hands > 0) & (out.rebuild < 0.05)
    band = checks.wrist_band(shown, made, own, forearms, person.shoulder_width)
    assert band is not None and band < checks.CUFF_APART, band


def test_a_knit_that_passes_for_skin_gives_the_rebuilt_skin_no_grain() -> None:
    """A photo cut above the chin, its beige knit passing for skin: the knit's weave was
    read as the skin's grain (at the most allowed) and drawn over the bared arms as a
    coarse stipple (`checks.skin_grain`). Without the face to vouch for what passes for
    skin (the neck and hands here the knit's too), it takes no more than smooth skin's."""
    from fitroom.engines.classic.person import L_EYE, MOUTH_L, MOUTH_R, NOSE, R_EYE
    from tests.test_classic_engine import drawn_person

    rng = np.random.default_rng(3)
    colour = cv2.cvtColor(np.array([[[160, 145, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0].astype(np.float32)
    weave = cv2.GaussianBlur(rng.normal(0, 1, (420, 400)).astype(np.float32), (0, 0), 0.6) * 14
    image = np.clip(colour + weave[:, :, None], 0, 255).astype(np.uint8)
    person = drawn_person(image)
    points = person.points.copy()
    points[[NOSE, L_EYE, R_EYE, MOUTH_L, MOUTH_R]] = (200, -30), (215, -45), (185, -45), (210, -10), (190, -10)
    assert skin.look(replace(person, points=points)).grain <= skin.GRAIN_UNSEEN_MOST
    # With the face seen, what passes for skin is the person's, grainy as it is.
    assert skin.look(person).grain > skin.GRAIN_UNSEEN_MOST * 2


def test_legs_bared_from_trousers_by_a_dress_take_the_hands_colour() -> None:
    """Black trousers under a tee swapped for a knee-length dress: no visible skin lies
    within reach of the shins, and they took the lit face's pale tone, pale peach legs
    between tan hands. They take the hands' own colour now."""
    from tests.test_classic_engine import drawn_person

    h, w = 560, 400
    image = np.full((h, w, 3), 225, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 262), (120, 120, 125), -1)  # the tee
    for hip, knee, ankle in (((215, 262), (235, 380), (235, 520)), ((185, 262), (165, 380), (165, 520))):
        cv2.line(image, hip, knee, (30, 30, 36), 44)
        cv2.line(image, knee, ankle, (30, 30, 36), 36)  # black trousers
    hands = np.zeros((h, w), np.uint8)
    for centre in ((281, 275), (119, 275)):
        cv2.circle(hands, centre, 16, 255, -1)
    tan = (168, 112, 88)
    image[hands > 0] = tan  # tan hands, darker and redder than the face
    person = drawn_person(image)
    points = person.points.copy()
    points[list(HAND_POINTS[0][1:])] = (281, 280)
    points[list(HAND_POINTS[1][1:])] = (119, 280)
    points[[L_ANKLE, R_ANKLE]] = (235, 520), (165, 520)
    person = replace(person, points=points, hands=hands, mask=(np.any(image != 225, axis=2)).astype(np.float32))
    face = tuple(float(v) for v in cv2.cvtColor(np.uint8([[(240, 212, 182)]]), cv2.COLOR_RGB2LAB)[0, 0])
    look = replace(skin.DEFAULT, tone=face)
    new = np.zeros((h, w), np.float32)
    cv2.rectangle(new, (135, 85), (265, 400), 1, -1)  # the dress, to just below the knees
    garment = cast(Garment, SimpleNamespace(category=SwapTarget.DRESS))
    out = rebuild.replaced(person, garment, new, hands > 0, hands.astype(np.float32), look)
    shins = np.zeros((h, w), bool)
    for x in (165, 235):
        shins[400:460, x - 2 : x + 3] = True
    assert (out.skin[shins] > 0.5).all() and (out.rebuild[shins] > 0.5).all()
    lab = cv2.cvtColor(np.clip(out.fill, 0, 255).astype(np.uint8), cv2.COLOR_RGB2LAB).astype(np.float32)[shins]
    hand = cv2.cvtColor(np.uint8([[tan]]), cv2.COLOR_RGB2LAB).astype(np.float32)[0, 0]
    apart = float(np.linalg.norm(np.median(lab, axis=0)[1:] - hand[1:]))
    assert apart < 6, (apart, np.median(lab, axis=0), hand)
    assert abs(float(np.median(lab[:, 0])) - hand[0]) < 25, (np.median(lab, axis=0), hand)


def test_a_face_cut_off_above_and_a_hand_in_a_pocket_give_the_skin_the_hands_colour() -> None:
    """A photo cut off at the nose: the pose guesses the cheeks above the photo, and their
    squares, cut to it, held only the shadowed chin at the top edge; with no cheek read, a
    hand in a dark pocket was read with the pocket round it. Either way the skin's colour
    came out a dark mauve and the bared forearms were rebuilt in it, far from the hands
    on them (`wrist_tone` over its limit). The skin is read off the hand that shows now."""
    from tests.test_classic_engine import drawn_person

    h, w = 420, 400
    image = np.full((h, w, 3), 225, np.uint8)
    chin = cv2.cvtColor(np.uint8([[(58, 141, 135)]]), cv2.COLOR_LAB2RGB)[0, 0]
    image[:6, 170:230] = chin  # the shadowed chin at the photo's top edge
    old = np.zeros((h, w), np.uint8)
    cv2.rectangle(old, (140, 90), (260, 290), 1, -1)
    for shoulder, wrist in (((250, 100), (280, 250)), ((150, 100), (120, 250))):
        cv2.line(old, shoulder, wrist, 1, 34)  # long sleeves to the wrists
    image[old > 0] = (150, 150, 158)
    hands = np.zeros((h, w), np.uint8)
    for centre in ((281, 275), (119, 275)):
        cv2.circle(hands, centre, 16, 255, -1)
    image[hands > 0] = (120, 78, 58)  # brown hands
    image[262:, 95:145] = (25, 30, 60)  # one of them in a navy pocket
    hands[262:, 95:145] = 0
    person = drawn_person(image)
    points = person.points.copy()
    points[[L_EYE, R_EYE]] = (300, -60), (100, -60)  # guessed above the photo
    points[[MOUTH_L, MOUTH_R]] = (215, 20), (185, 20)
    points[list(HAND_POINTS[0])] = (281, 270)
    points[list(HAND_POINTS[1])] = (119, 275)
    face = np.zeros((h, w), np.uint8)
    face[:6, 170:230] = 255
    tone = _skin_colour(image, points, person.visibility, face)
    person = replace(person, points=points, hands=hands, face=face, skin_lab=tone)
    shown, made, forearms, _ = swapped_for_a_tee(person, skin.DEFAULT, 260)
    apart = checks.wrist_tone(shown, made, hands > 0, forearms, person.shoulder_width)
    assert apart is not None and apart < checks.WRIST_APART, (apart, tone)


def _hairy_skin(rng: np.random.Generator, colour: np.ndarray) -> np.ndarray:
    """Drawn skin with a man's forearm hair: fine grain and many short dark strokes."""
    fine = cv2.GaussianBlur(rng.normal(0, 1, (420, 400)).astype(np.float32), (0, 0), 0.7) * 4
    image = np.clip(colour + fine[:, :, None], 0, 255).astype(np.uint8)
    for _ in range(2500):
        y, x = rng.integers(0, 420), rng.integers(0, 400)
        angle = rng.uniform(-0.5, 0.5) + np.pi / 3
        end = (int(x + 7 * np.cos(angle)), int(y + 7 * np.sin(angle)))
        cv2.line(image, (int(x), int(y)), end, (colour * 0.6).tolist(), 1)
    return image


def test_a_hairy_persons_detail_is_laid_on_a_rebuilt_chest_at_a_real_chests_level() -> None:
    """The detail is read on the person's visible skin, mostly the forearms: a man's arm
    hair laid over a bared chest at its own level made the chest a hairy sticker
    (`chest_texture` above 1). On the chest it is brought down to a real chest's; off
    it (the arms) it stays the person's own."""
    from tests.test_classic_engine import drawn_person

    rng = np.random.default_rng(5)
    colour = cv2.cvtColor(np.array([[[160, 145, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0].astype(np.float32)
    person = drawn_person(_hairy_skin(rng, colour))
    look = skin.look(person)
    assert look.patches is not None
    chest = skin.off_forearms(person.points, person.shoulder_width, (420, 400))
    laid = skin.detail((420, 400), look)
    everywhere = np.ones((420, 400), bool)

    def shown(layer: np.ndarray) -> np.ndarray:
        return np.clip(colour * (1 + layer[:, :, None]), 0, 255).astype(np.uint8)

    hairy = checks.chest_texture(shown(laid), everywhere, chest > 0.5)
    assert hairy is not None and checks.faults({"chest_texture": hairy}) == ["chest_texture"]
    calmed = skin.calmed_on_chest(laid, chest)
    smooth = checks.chest_texture(shown(calmed), everywhere, chest > 0.5)
    assert smooth is not None and checks.faults({"chest_texture": smooth}) == []
    forearms = chest < 0.05
    assert forearms.any() and np.allclose(calmed[forearms], laid[forearms], atol=0.05 * float(np.abs(laid).max()))


def test_a_smooth_persons_detail_is_laid_on_a_rebuilt_chest_as_it_is() -> None:
    """Skin as smooth as a real chest's keeps its own detail there: only a hairier one is
    brought down."""
    from tests.test_classic_engine import drawn_person

    rng = np.random.default_rng(6)
    colour = cv2.cvtColor(np.array([[[160, 145, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0].astype(np.float32)
    fine = cv2.GaussianBlur(rng.normal(0, 1, (420, 400)).astype(np.float32), (0, 0), 1.2) * 1.5
    person = drawn_person(np.clip(colour + fine[:, :, None], 0, 255).astype(np.uint8))
    look = skin.look(person)
    assert look.patches is not None
    laid = skin.detail((420, 400), look)
    chest = skin.off_forearms(person.points, person.shoulder_width, (420, 400))
    assert np.array_equal(skin.calmed_on_chest(laid, chest), laid)


def test_the_detail_is_calmed_on_the_shoulders_too_but_not_on_the_forearms() -> None:
    """Calmed on the trunk's front only, the rebuilt shoulders beside a cami's V stayed
    hairy round a smooth chest; the forearms (where arm hair is) keep their own."""
    from tests.test_classic_engine import drawn_points

    points = drawn_points()
    zone = skin.off_forearms(points, 100.0, (420, 400))
    assert zone[100, 250] > 0.95 and zone[100, 150] > 0.95  # the shoulders
    assert zone[150, 200] > 0.95  # the chest
    assert zone[215, 278] < 0.05 and zone[215, 122] < 0.05  # the forearms' middles


def test_a_rebuilt_chest_shades_down_from_the_neck_as_a_real_one() -> None:
    """A chest rebuilt in one colour below a neck shaded across read as flat paint
    (`chest_flat` failed). The chest's relief, placed from the shoulders, shades it down
    from the neck as faintly as a real one: the notch and the bones' shade darker than the
    upper chest below; the check passes, and no part is deeper than a tenth of the light."""
    h, w, s = 260, 300, 200.0
    neck, right, down = np.array([150.0, 100.0]), np.array([1.0, 0.0]), np.array([0.0, 1.0])
    relief = skin.chest_relief((h, w), neck, right, down, s, skin.DEFAULT)
    assert float(relief.min()) > 0.9 and float(relief.max()) < 1.1
    # The notch, and the shade just below the bone, lie darker than the upper chest.
    assert relief[92, 150] < relief[130, 150] - 0.03, (relief[92, 150], relief[130, 150])
    assert relief[101, 190] < relief[130, 190] - 0.03, (relief[101, 190], relief[130, 190])
    image = np.full((h, w, 3), 235, np.uint8)
    own = np.zeros((h, w), bool)
    own[20:96, 120:181] = True
    across = np.cos(np.linspace(-1.2, 1.2, 61)) * 30 - 30
    tan = np.array((205, 150, 125), np.float32)
    image[20:96, 120:181] = np.clip(tan[None, None, :] + across[None, :, None], 0, 255).astype(np.uint8)
    rebuilt = np.zeros((h, w), bool)
    rebuilt[96:240, 50:251] = True
    lab = cv2.cvtColor(np.uint8([[tan]]), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    chest = np.broadcast_to(lab, (h, w, 3)).copy()
    flat = np.where(rebuilt[:, :, None], cv2.cvtColor(chest.astype(np.uint8), cv2.COLOR_LAB2RGB), image)
    chest[:, :, 0] *= relief
    shaded = np.where(
        rebuilt[:, :, None], cv2.cvtColor(np.clip(chest, 0, 255).astype(np.uint8), cv2.COLOR_LAB2RGB), image
    )
    before = checks.chest_flat(flat, rebuilt, own, neck, s)
    after = checks.chest_flat(shaded, rebuilt, own, neck, s)
    assert before is not None and checks.faults({"chest_flat": before}) == ["chest_flat"], before
    assert after is not None and checks.faults({"chest_flat": after}) == [], after


def test_the_shoulders_tops_turn_away_towards_their_outline_beside_the_neck() -> None:
    """The torso's top from the neck out to the arms was lit evenly up to its outline: a
    flat shelf. Its tops now darken towards the outline beside the neck, not under the
    head (no outline there), and not further down the chest."""
    mask = np.zeros((300, 400), bool)
    mask[100:300, 60:341] = True  # shoulders and trunk
    mask[20:100, 170:231] = True  # neck and head
    shade = skin.shoulder_tops(mask, np.array([200.0, 110.0]), np.array([1.0, 0.0]), 200.0)
    assert shade[101, 300] < 0.95, shade[101, 300]  # the shoulder's top, at its outline
    assert shade[101, 300] < shade[112, 300] < shade[130, 300]  # rounded, not a line
    assert shade[130, 300] == 1.0 and shade[101, 200] == 1.0 and shade[150, 120] == 1.0


def _tee_bared_by_a_cami() -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """A drawn person in a navy tee (level shoulders out to short, wide sleeves), arms bare
    below them, bared by a cami's body, rebuilt as the engine does: the render's figure
    (rebuilt skin, the person left as shot, the new garment), the rebuilt skin, the
    render, and the shoulder width."""

    from fitroom.engines.classic.body import torso_frame
    from tests.test_classic_engine import drawn_person

    backdrop, tan, navy = (225, 225, 228), (150, 110, 90), (40, 50, 90)
    image = np.full((420, 400, 3), backdrop, np.uint8)
    arms = bare_arms(26)
    old = np.zeros((420, 400), np.uint8)
    tee = [(180, 76), (220, 76), (272, 80), (296, 158), (264, 168), (262, 300)]
    cv2.fillPoly(old, [np.array(tee + [(400 - x, y) for x, y in reversed(tee)])], 1)
    neck = np.zeros((420, 400), np.uint8)
    cv2.rectangle(neck, (182, 40), (218, 90), 1, -1)
    silhouette = arms | old | neck
    image[silhouette > 0] = tan
    old &= 1 - neck * (np.arange(420) < 80)[:, None].astype(np.uint8)
    image[old > 0] = navy
    mask = cv2.GaussianBlur(silhouette.astype(np.float32), (0, 0), 1.0)
    person = replace(drawn_person(image), mask=mask)
    frame = torso_frame(person)
    new = np.zeros(old.shape, np.float32)
    new[150:300, 150:250] = 1  # a cami's body, its straps left out
    ring = cv2.dilate(old, np.ones((5, 5), np.uint8)) * (mask < 0.9)
    rebuilt = np.maximum(old, ring).astype(np.float32) * (1 - new)
    lab = cv2.cvtColor(np.uint8([[tan]]), cv2.COLOR_RGB2LAB)[0, 0].astype(np.float32)
    fill, skin_part = uncovered_top(person, frame, old, rebuilt, new, flat_tone(lab))
    render = (image * (1 - rebuilt[:, :, None]) + fill * rebuilt[:, :, None]).astype(np.uint8)
    made = rebuilt * skin_part > 0.5
    figure = made | ((mask > 0.5) & (rebuilt < 0.05)) | (new > 0.5)
    return figure, made, render, frame.width


def test_bared_shoulders_slope_from_the_neck_to_the_arms() -> None:
    """A tee's level shoulders and wide sleeves bared by a cami: the skin was rebuilt
    inside the tee's level outline, cut off at the joints, and the upper arm as wide as
    the sleeve allowed with a round cap as high as it was wide, standing above the
    shelf as a ball (`shoulder_rise`). The shoulder slopes from beside the neck to the
    arm's low cap now, and the skin above that line is backdrop."""
    figure, made, _, width = _tee_bared_by_a_cami()
    arms = [((250.0, 100.0), (275.0, 180.0)), ((150.0, 100.0), (125.0, 180.0))]
    rise = checks.shoulder_rise(figure, made, arms, (200.0, 100.0), width)
    assert rise is not None and rise <= checks.SHOULDER_RISE_MOST, rise
    # Above the slope, out towards the old seam, no skin; under it, over the joint, skin.
    assert not made[82, 240] and made[96, 250]


def test_an_arm_bared_from_a_long_sleeve_turns_away_at_both_its_edges() -> None:
    """A long sleeve wider than the arm in it, its bone off the sleeve's middle, swapped
    for a tee: the forearm rebuilt as a cylinder round the pose's bone was cut by the
    sleeve's outline on one side, so it stayed lit out to that edge, a flat tube shaded
    on its other side only (`arm_round` under its least). It turns away towards the
    outline it is drawn with now, at both edges."""
    person, old, hands = _in_long_sleeves(24, (200, 150, 128))  # tight long sleeves
    # The figure's outline: the sleeves cut the arms' cylinders round their bones.
    figure = (old > 0) | (hands > 0)
    figure[:100, 170:230] = True
    figure[290:, 140:260] = True
    person = replace(person, mask=figure.astype(np.float32))
    look = replace(skin.DEFAULT, tone=tuple(float(v) for v in person.skin_lab))
    shown, made, _, _ = swapped_for_a_tee(person, look, 260)
    arms = [
        (person.pt(s), person.pt(e), person.pt(x))
        for s, e, x in ((L_SHOULDER, L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW, R_WRIST))
    ]
    rounded = checks.arm_round(shown, made, arms)
    assert rounded is not None and rounded > checks.ARM_ROUND_LEAST, rounded


def test_the_skins_detail_is_not_read_across_the_gaps_between_fingers() -> None:
    """Detail patches are taken from what is wholly skin at full size: on a person in long
    sleeves the hands were most of the skin seen, and their fingers' dark gaps, which pass
    for skin on the copy shrunk to pick the patches, were laid over the rebuilt arms as
    dark streaks (`ootd--01008_00`)."""
    from tests.test_classic_engine import drawn_person

    rng = np.random.default_rng(5)
    colour = cv2.cvtColor(np.array([[[160, 145, 150]]], np.uint8), cv2.COLOR_LAB2RGB)[0, 0].astype(np.float32)
    fine = cv2.GaussianBlur(rng.normal(0, 1, (420, 400)).astype(np.float32), (0, 0), 0.7) * 3
    mid = cv2.GaussianBlur(rng.normal(0, 1, (420, 400)).astype(np.float32), (0, 0), 1.8) * 20
    skinned = np.clip(colour + (fine + mid)[:, :, None], 0, 255).astype(np.uint8)
    image = np.full((420, 400, 3), 235, np.uint8)
    image[300:400, 20:130] = skinned[300:400, 20:130]  # the neck: a little bare skin
    image[60:280, 150:390] = skinned[60:280, 150:390]  # spread fingers, a large "hand"...
    image[60:280:8, 150:390] = 60  # ...with a dark gap every 8 rows
    look = skin.look(drawn_person(image))
    assert look.patches is not None
    # A gap crosses a patch as a row darker than the rest (the old pick: 0.084).
    assert float(np.abs(look.patches.mean(axis=2)).max()) < 0.03
