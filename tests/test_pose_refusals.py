"""The classic engine refuses garments it cannot put on believably, saying why: a
close-up of the head and shoulders, a side view, a torso leaning far, a seated person
or legs not standing at rest (bottoms and dresses).
Landmark sets are placed by hand; the one photo is scikit-image's astronaut."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image
from skimage import data

from fitroom.engines.base import EngineError, RenderOptions
from fitroom.engines.classic import ClassicEngine
from fitroom.engines.classic import person as p
from fitroom.engines.classic.person import Person, refuse_garment

from .test_accessories import glasses_photo
from .test_classic_engine import tee

CATEGORIES = ("top", "bottom", "dress")


def standing(height: int = 600, turn: float = 8.0) -> Person:
    """A person facing the camera: shoulders 100 px apart at y 100, hips at y 260, knees
    at y 380, ankles at y 500, the arms hanging to the wrists beside the hips, the face
    above (eyes to mouth 22 px); the photo `height` px tall."""
    points = np.zeros((33, 2), np.float32)
    points[[p.NOSE, p.L_EYE, p.R_EYE]] = (200, 50), (215, 40), (185, 40)
    points[[p.L_EAR, p.R_EAR, p.MOUTH_L, p.MOUTH_R]] = (225, 45), (175, 45), (210, 62), (190, 62)
    points[[p.L_SHOULDER, p.R_SHOULDER]] = (250, 100), (150, 100)
    points[[p.L_HIP, p.R_HIP]] = (235, 260), (165, 260)
    points[[p.L_KNEE, p.R_KNEE]] = (235, 380), (165, 380)
    points[[p.L_ANKLE, p.R_ANKLE]] = (235, 500), (165, 500)
    points[[p.L_ELBOW, p.R_ELBOW, p.L_WRIST, p.R_WRIST]] = (258, 185), (142, 185), (262, 270), (138, 270)
    mask = np.zeros((height, 400), np.float32)
    mask[30:, 130:270] = 1  # the body's outline, a little wider than the shoulders
    empty = np.zeros((height, 400), np.uint8)
    image = np.full((height, 400, 3), 200, np.uint8)
    skin = np.array([160, 145, 150], np.float32)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, skin, turn)


def reason(person: Person, category: str) -> str | None:
    try:
        refuse_garment(person, category)
    except EngineError as error:
        assert error.code == "pose_not_supported"
        return error.message
    return None


def test_a_standing_front_view_takes_every_garment() -> None:
    person = standing()
    assert [reason(person, c) for c in CATEGORIES] == [None, None, None]


def test_a_head_and_shoulders_close_up_is_refused_for_garments() -> None:
    close = standing(height=100 + 3 * 22)  # the photo ends 3 eye-to-mouth lengths below the shoulders
    for category in CATEGORIES:
        message = reason(close, category)
        assert message is not None and "close-up of the head and shoulders" in message
    waist_up = standing(height=100 + 6 * 22)  # down to the waist: a top, not a skirt
    assert reason(waist_up, "top") is None
    message = reason(waist_up, "bottom")
    assert message is not None and "hips and legs" in message


def test_a_head_cut_off_by_the_frame_is_not_a_close_up() -> None:
    """With no face in the photo to measure by, a torso crop is dressed (a top on a
    headless studio shot)."""
    headless = standing(height=240)
    headless.points[[p.NOSE, p.L_EYE, p.R_EYE, p.L_EAR, p.R_EAR, p.MOUTH_L, p.MOUTH_R], 1] -= 120
    assert reason(headless, "top") is None


def test_a_seated_person_is_refused_for_bottoms_and_dresses_only() -> None:
    seated = standing()
    seated.points[[p.L_KNEE, p.R_KNEE]] = (290, 275), (110, 275)  # thighs level, knees apart
    assert reason(seated, "top") is None
    for category in ("bottom", "dress"):
        message = reason(seated, category)
        assert message is not None and "seated" in message
    lunge = standing()
    lunge.points[[p.L_KNEE, p.R_KNEE]] = (300, 262), (170, 385)  # one thigh level, one hanging
    lunge.points[p.L_ANKLE] = (300, 390)
    message = reason(lunge, "bottom")  # not seated: a knee bent far, legs not at rest
    assert message is not None and "seated" not in message and "knee is bent" in message


def _posed(**points: tuple[float, float]) -> Person:
    """`standing()` with the named pose points (`p`'s constants, lower-case) moved."""
    person = standing()
    for name, xy in points.items():
        person.points[getattr(p, name.upper())] = xy
    return person


#: Legs not standing at rest, drawn, and the words that say why each is refused.
NOT_AT_REST = {
    # A jump with the knees tucked: the knees forward, the shins swung back under them.
    "a knee is bent": _posed(l_knee=(295, 340), l_ankle=(235, 400), r_knee=(225, 340), r_ankle=(165, 400)),
    # A wide stride: the front foot far out from under the hip.
    "a leg reaches far out": _posed(l_knee=(290, 375), l_ankle=(360, 480)),
    # Standing with the legs crossed: each ankle on the other side.
    "the legs are crossed": _posed(l_knee=(205, 380), l_ankle=(160, 500), r_knee=(195, 380), r_ankle=(240, 500)),
    # A dance step on straight legs: one foot lifted to the other's shin.
    "one foot is lifted": _posed(l_knee=(240, 370), l_ankle=(245, 400)),
    # A hand holding the skirt out at the hip, the arm held away from the body.
    "holds the skirt or dress out": _posed(l_elbow=(290, 180), l_wrist=(330, 255)),
}


@pytest.mark.parametrize("words", list(NOT_AT_REST))
def test_legs_not_at_rest_are_refused_for_bottoms_and_dresses_only(words: str) -> None:
    """A jump, a stride, crossed legs, a lifted foot, a skirt held out: a bottom or dress
    would be pasted flat over them. A top still goes on, and the message says so."""
    person = NOT_AT_REST[words]
    assert reason(person, "top") is None
    for category in ("bottom", "dress"):
        message = reason(person, category)
        assert message is not None and words in message and "a top can be tried on" in message


def test_a_jump_with_an_arm_flung_up_is_refused_for_tops_too() -> None:
    """Knees tucked in a jump and a wrist flung above the head: a top would be drawn flat
    over the arm and the head. With the arms hanging the top goes on; standing at rest with
    the wrist as high (a hand on the head), too."""
    jump = NOT_AT_REST["a knee is bent"]
    assert reason(jump, "top") is None
    flung = _posed(l_knee=(295, 340), l_ankle=(235, 400), r_knee=(225, 340), r_ankle=(165, 400), l_wrist=(280, 60))
    message = reason(flung, "top")
    assert message is not None and "a knee is bent" in message and "arm is raised or flung out" in message
    assert reason(_posed(l_elbow=(290, 90), l_wrist=(230, 30)), "top") is None


def test_a_crouch_with_an_arm_raised_is_refused_for_tops_as_a_crouch() -> None:
    """Thighs level and a wrist above the head: the top is refused, and the message names
    the crouch, not a jump or a run. With the arms lowered the top goes on."""
    crouch = _posed(l_knee=(290, 275), r_knee=(110, 275), l_wrist=(280, 60))
    message = reason(crouch, "top")
    assert message is not None and "seated or crouching" in message and "arm is raised" in message
    assert "knee is bent" not in message
    assert reason(_posed(l_knee=(290, 275), r_knee=(110, 275)), "top") is None


def test_standing_with_the_feet_apart_and_a_hand_on_the_hip_takes_every_garment() -> None:
    """Feet a little apart, one knee relaxed forward, a hand on the hip, the photo's
    hips a little off the feet: a person standing, dressed as such."""
    relaxed = _posed(
        l_knee=(250, 380),
        l_ankle=(275, 500),
        r_knee=(160, 375),
        r_ankle=(150, 495),
        l_elbow=(290, 200),
        l_wrist=(245, 250),
    )
    assert [reason(relaxed, c) for c in CATEGORIES] == [None, None, None]
    pose = p.leg_pose(relaxed.points, relaxed.visibility, relaxed.size[1])
    assert pose.leg_slant is not None and pose.leg_slant > 5  # the feet are apart, not under the hips


def test_feet_below_the_photo_say_nothing_of_the_legs() -> None:
    """Ankles the pose model places below the photo's edge are guessed: not measured."""
    cut = _posed(l_knee=(290, 375), l_ankle=(360, 480))
    cut.image, cut.mask = cut.image[:450], cut.mask[:450]
    assert reason(cut, "bottom") is None


def test_a_torso_leaning_far_is_refused_for_every_garment() -> None:
    """Shoulders far to the side of the hips (a body bent over): no garment is drawn."""
    bent = _posed(l_shoulder=(340, 150), r_shoulder=(260, 120))
    for category in CATEGORIES:
        message = reason(bent, category)
        assert message is not None and "leans or bends far" in message


def test_knees_out_of_the_photo_say_nothing_of_sitting() -> None:
    cut = standing(height=380)
    cut.points[[p.L_KNEE, p.R_KNEE]] = (290, 275), (110, 275)
    cut.visibility[[p.L_KNEE, p.R_KNEE]] = 0.4  # guessed, not seen
    assert reason(cut, "bottom") is None


def test_bottoms_and_dresses_need_the_hips_and_thighs_in_the_photo() -> None:
    """A photo cut at the hips shows a bottom as a waistband strip: refused for bottoms
    and dresses, not for tops; cut at the upper thigh (the knees placed below the frame)
    or just above the knees, dressed down to the photo's edge."""
    hips = standing(height=260 + int(0.2 * 160))  # ends 0.2 of the torso below the hips
    hips.visibility[[p.L_KNEE, p.R_KNEE]] = 0.5
    assert reason(hips, "top") is None
    for category in ("bottom", "dress"):
        message = reason(hips, category)
        assert message is not None and "legs are not in the photo" in message
    thigh = standing(height=260 + int(0.4 * 160))
    thigh.visibility[[p.L_KNEE, p.R_KNEE]] = 0.5
    assert [reason(thigh, c) for c in CATEGORIES] == [None, None, None]
    above_knees = standing(height=260 + int(0.7 * 160))
    assert reason(above_knees, "bottom") is None


def test_knees_guessed_inside_the_photo_are_legs_not_in_it() -> None:
    """A mirror selfie cut at the hips: the pose model puts the hips high and knees
    inside the photo that it does not see; a standing body's knees in the photo are seen."""
    selfie = standing()
    selfie.visibility[[p.L_KNEE, p.R_KNEE]] = 0.2, 0.15
    message = reason(selfie, "dress")
    assert message is not None and "legs are not in the photo" in message
    assert reason(selfie, "top") is None


def test_a_three_quarter_view_facing_the_camera_is_not_a_side_view() -> None:
    """Narrow shoulders turned 52 degrees in depth, the face towards the camera: the
    torso's front is seen, and it is dressed; turned further, or with the face in
    profile, it is a side view."""
    three_quarter = standing(turn=52)
    three_quarter.points[[p.L_SHOULDER, p.R_SHOULDER]] = (232, 100), (172, 100)
    three_quarter.mask[:, 130:160] = three_quarter.mask[:, 250:270] = 0
    assert p.shoulder_share(three_quarter) >= p.MIN_SHOULDER_SHARE
    assert [reason(three_quarter, c) for c in CATEGORIES] == [None, None, None]
    three_quarter.turn = 65
    message = reason(three_quarter, "top")
    assert message is not None and "from the side" in message
    three_quarter.turn = 52
    three_quarter.points[[p.NOSE, p.L_EAR, p.R_EAR]] = (160, 50), (205, 45), (198, 45)  # nose beyond the near ear
    message = reason(three_quarter, "top")
    assert message is not None and "from the side" in message


def test_arms_held_out_sideways_are_not_body_for_the_shoulders_share() -> None:
    """A dancer with an arm flung out at the row below the shoulders: the one-row share
    counts the arm as body and calls the shoulders misread; the torso's narrowest row
    does not. Shoulders squeezed onto one side of the body stay misread."""
    dancer = standing()
    dancer.mask[115:140, 0:400] = 1  # both arms held out level, 15 to 40 px below the shoulders
    assert p.shoulder_share(dancer) < p.MIN_SHOULDER_SHARE
    assert p.torso_share(dancer) >= p.MIN_SHOULDER_SHARE
    squeezed = standing()
    squeezed.points[[p.L_SHOULDER, p.R_SHOULDER]] = (180, 100), (150, 100)
    assert p.torso_share(squeezed) < p.MIN_SHOULDER_SHARE


def test_a_side_view_is_refused_and_a_turned_stride_is_not() -> None:
    side = standing(turn=70)
    side.points[[p.L_SHOULDER, p.R_SHOULDER]] = (220, 100), (180, 100)  # shoulders nearly edge-on
    side.mask[:, 130:170] = side.mask[:, 230:270] = 0  # the body no wider than the chest is deep
    for category in CATEGORIES:
        message = reason(side, category)
        assert message is not None and "from the side" in message
    narrow_not_turned = standing(turn=20)  # a stride makes the torso look long
    narrow_not_turned.points[[p.L_SHOULDER, p.R_SHOULDER]] = (230, 100), (170, 100)
    narrow_not_turned.mask[:, 130:150] = narrow_not_turned.mask[:, 250:270] = 0
    assert reason(narrow_not_turned, "top") is None
    turned_not_narrow = standing(turn=70)  # the depth alone is noisy
    assert reason(turned_not_narrow, "dress") is None


def test_shoulders_misread_are_a_side_view_only_with_the_face_in_profile() -> None:
    """Both shoulders on one side of a wide body are the pose model misreading a front
    view (a face cut off): not a side view, unless the face is seen in profile."""
    misread = standing(turn=80)
    misread.points[[p.L_SHOULDER, p.R_SHOULDER]] = (180, 100), (165, 100)
    assert p.shoulder_share(misread) < p.MIN_SHOULDER_SHARE
    assert reason(misread, "dress") is None
    misread.points[[p.NOSE, p.L_EAR, p.R_EAR]] = (160, 50), (205, 45), (198, 45)  # nose beyond the near ear
    message = reason(misread, "dress")
    assert message is not None and "from the side" in message


def test_the_engine_refuses_a_top_on_a_face_close_up_and_still_puts_glasses_on() -> None:
    close = Image.fromarray(np.ascontiguousarray(data.astronaut()[:330]))  # cut just below the shoulders
    engine = ClassicEngine()
    with pytest.raises(EngineError) as refused:
        engine.render(close, [Image.fromarray(tee())], RenderOptions(swap_target="top", tier="nano"))
    assert refused.value.code == "pose_not_supported" and "close-up" in refused.value.message
    report = engine.render_report(
        close, [Image.fromarray(glasses_photo())], RenderOptions(swap_target="glasses", tier="nano")
    )
    assert report.edited is not None and report.edited.any()
    whole = engine.render_report(
        Image.fromarray(data.astronaut()), [Image.fromarray(tee())], RenderOptions(swap_target="top", tier="nano")
    )
    assert whole.garments, "the astronaut shown to the waist takes a top"


def test_the_head_is_in_the_photo_only_with_room_for_the_forehead() -> None:
    """A head wholly in the photo with no face found is a back view; a head cut by the
    top edge (a studio crop at the nose) is not judged."""
    person = standing()
    assert p.head_in_photo(person.points, person.visibility, person.size)
    person.points[[p.NOSE, p.L_EYE, p.R_EYE, p.L_EAR, p.R_EAR, p.MOUTH_L, p.MOUTH_R], 1] -= 20
    assert not p.head_in_photo(person.points, person.visibility, person.size)
    person = standing()
    person.visibility[p.L_EAR] = 0.1
    assert not p.head_in_photo(person.points, person.visibility, person.size)


def _faked_analysis(monkeypatch: pytest.MonkeyPatch, nose_behind: float) -> Person:
    """`analyse_person` on `standing()`'s landmarks, with the pose model's depth putting
    the nose `nose_behind` metres behind the shoulders and the face detector finding one
    face (a cap and a bearded cheek in lost profile pass for one)."""
    body = standing()
    found = p.PosePass(body.points, body.visibility, body.mask, 20.0, nose_behind)
    box = SimpleNamespace(xmin=0.45, ymin=0.05, width=0.1, height=0.08)
    detection = SimpleNamespace(location_data=SimpleNamespace(relative_bounding_box=box))
    faces = SimpleNamespace(process=lambda rgb: SimpleNamespace(detections=[detection]))
    monkeypatch.setattr(p.models, "pose", lambda: None)
    monkeypatch.setattr(p.models, "face_detector", lambda: faces)
    monkeypatch.setattr(p, "_pose", lambda pose, rgb, margin=None: found)
    return p.analyse_person(body.image)


def test_a_head_the_pose_model_puts_facing_away_is_a_back_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """The face detector took the back of a head for a face; the pose model's depth puts
    the nose behind the shoulders: refused as a back view. In front, it is dressed."""
    with pytest.raises(EngineError) as refused:
        _faked_analysis(monkeypatch, nose_behind=0.12)
    assert refused.value.code == "pose_not_supported" and "from the back" in refused.value.message
    assert _faked_analysis(monkeypatch, nose_behind=-0.15).turn == 20.0


def test_a_pose_pass_already_made_is_not_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """`analyse_person` given the plain pass `read_worn` made on the same product photo
    starts from it (one pose pass, not two) and reads the same person as on its own."""
    body = standing()
    found = p.PosePass(body.points, body.visibility, body.mask, 20.0, -0.15)
    box = SimpleNamespace(xmin=0.45, ymin=0.05, width=0.1, height=0.08)
    detection = SimpleNamespace(location_data=SimpleNamespace(relative_bounding_box=box))
    faces = SimpleNamespace(process=lambda rgb: SimpleNamespace(detections=[detection]))
    passes: list[object] = []

    def one_pass(pose: object, rgb: np.ndarray, margin: object = None) -> p.PosePass:
        passes.append(margin)
        return found

    monkeypatch.setattr(p.models, "pose", lambda: None)
    monkeypatch.setattr(p.models, "face_detector", lambda: faces)
    monkeypatch.setattr(p, "_pose", one_pass)
    alone = p.analyse_person(body.image)
    assert passes == [None]
    reused = p.analyse_person(body.image, first=found)
    assert passes == [None], "the plain pass was made again"
    assert np.array_equal(reused.points, alone.points) and np.array_equal(reused.mask, alone.mask)
    assert np.array_equal(reused.face, alone.face) and np.array_equal(reused.skin_lab, alone.skin_lab)
