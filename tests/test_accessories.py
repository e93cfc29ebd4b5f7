"""Accessories in the classic engine, on product photos the tests draw, people the tests
build, and scikit-image's bundled astronaut photo."""

from __future__ import annotations

import contextlib
from dataclasses import replace

import cv2
import numpy as np
import pytest
from PIL import Image
from skimage import data

from fitroom import checks
from fitroom.engines.base import EngineError, RenderOptions
from fitroom.engines.classic import ClassicEngine, memo
from fitroom.engines.classic.accessories import cut_out, kind_for, place, wear
from fitroom.engines.classic.accessories import landmarks as lm
from fitroom.engines.classic.accessories.compose import linear_scale
from fitroom.engines.classic.accessories.cutout import Cutout, cut_accessory, levelled_worn_hat
from fitroom.engines.classic.accessories.worn import (
    frame_window,
    old_frame,
    painted_over,
    worn_discs,
    worn_earrings,
    worn_hoops,
)
from fitroom.engines.classic.person import (
    L_EAR,
    L_ELBOW,
    L_EYE,
    L_HAND_TIPS,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    L_WRIST,
    MOUTH_L,
    MOUTH_R,
    NOSE,
    R_EAR,
    R_ELBOW,
    R_EYE,
    R_HAND_TIPS,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
    R_WRIST,
    Person,
    analyse_person,
    thigh_drop,
    torso_in_faces,
)


def glasses_photo() -> np.ndarray:
    """Black frames on white: lens centres at (120, 100) and (280, 100), clear lenses."""
    image = np.full((200, 400, 3), 255, np.uint8)
    for x in (120, 280):
        cv2.circle(image, (x, 100), 62, (20, 20, 20), 10)
    cv2.line(image, (182, 95), (218, 95), (20, 20, 20), 8)
    return image


def watch_photo() -> np.ndarray:
    """A strap running up and down, a round case with a white dial as white as the backdrop."""
    image = np.full((400, 300, 3), 255, np.uint8)
    cv2.rectangle(image, (115, 10), (185, 390), (40, 30, 25), -1)
    cv2.circle(image, (150, 200), 75, (150, 150, 160), -1)
    cv2.circle(image, (150, 200), 60, (255, 255, 255), -1)
    cv2.line(image, (150, 200), (150, 155), (0, 0, 0), 4)
    cv2.line(image, (150, 200), (185, 200), (0, 0, 0), 4)
    return image


def hat_photo() -> np.ndarray:
    image = np.full((260, 400, 3), 250, np.uint8)
    cv2.ellipse(image, (200, 200), (140, 150), 0, 180, 360, (30, 40, 160), -1)
    cv2.rectangle(image, (40, 190), (360, 225), (30, 40, 160), -1)
    return image


def bag_photo() -> np.ndarray:
    """A wide bag with a handle arch whose inside is see-through."""
    image = np.full((360, 480, 3), 255, np.uint8)
    cv2.ellipse(image, (240, 150), (90, 110), 0, 180, 360, (60, 30, 20), 16)
    cv2.rectangle(image, (60, 150), (420, 340), (60, 30, 20), -1)
    return image


def tee_photo() -> np.ndarray:
    image = np.full((460, 400, 3), 255, np.uint8)
    cv2.rectangle(image, (120, 60), (280, 400), (200, 30, 40), -1)
    cv2.fillConvexPoly(image, np.array([(120, 60), (40, 150), (75, 185), (120, 140)]), (200, 30, 40))
    cv2.fillConvexPoly(image, np.array([(280, 60), (360, 150), (325, 185), (280, 140)]), (200, 30, 40))
    return image


def astronaut(scale: float = 1.0) -> Image.Image:
    image = data.astronaut()
    if scale != 1.0:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return Image.fromarray(image)


def drawn_person(shape: tuple[int, int] = (600, 500)) -> Person:
    """A person the test builds by hand: torso, a left forearm hanging down, skin-coloured,
    landmarks where the drawing puts them (pose is not run: this is geometry alone)."""
    h, w = shape
    image = np.full((h, w, 3), 235, np.uint8)
    mask = np.zeros((h, w), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.zeros(33, np.float32)
    joints = {
        L_SHOULDER: (330, 150),
        R_SHOULDER: (170, 150),
        L_HIP: (310, 380),
        R_HIP: (190, 380),
        L_ELBOW: (360, 270),
        L_WRIST: (380, 390),
        R_ELBOW: (140, 270),
        R_WRIST: (120, 390),
    }
    for index, xy in joints.items():
        points[index] = xy
        visibility[index] = 0.99
    points[[L_EYE, R_EYE]] = (-50, -50)  # the head is above the photo
    cv2.fillConvexPoly(image, np.array([(330, 150), (170, 150), (190, 380), (310, 380)]), (60, 80, 140))
    for a, b in ((L_SHOULDER, L_ELBOW), (L_ELBOW, L_WRIST), (R_SHOULDER, R_ELBOW), (R_ELBOW, R_WRIST)):
        cv2.line(image, tuple(int(v) for v in points[a]), tuple(int(v) for v in points[b]), (200, 160, 130), 36)
    mask[np.any(image != 235, axis=2)] = 1.0
    empty = np.zeros((h, w), np.uint8)
    return Person(image, points, visibility, mask, empty, empty, np.array([170, 140, 145], np.float32))


def changed(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    return np.any(np.abs(after.astype(int) - before.astype(int)) > 12, axis=2)


def test_cut_out_keeps_see_through_holes_and_a_white_dial() -> None:
    glasses = cut_accessory(glasses_photo())  # cropped to the frames: lens centres at a quarter and three quarters
    lens = glasses.alpha[glasses.alpha.shape[0] // 2, glasses.alpha.shape[1] // 4]
    assert lens < 0.05, "a clear lens must stay see-through"
    watch = cut_out(watch_photo(), "watch", None)
    assert watch.alpha[watch.alpha.shape[0] // 2, watch.alpha.shape[1] // 2] > 0.95, "a white dial is solid"
    bag = cut_out(bag_photo(), "bag", None)
    assert bag.holes > 0.02 and bag.alpha[40, bag.alpha.shape[1] // 2] < 0.05, "the handle's inside is open"


def test_plain_background_is_required() -> None:
    noise = np.random.default_rng(1).integers(0, 255, (300, 300, 3), dtype=np.uint8)
    with pytest.raises(EngineError) as info:
        cut_out(noise, "hat", None)
    assert info.value.code == "garment_not_found" and "plain background" in info.value.message


def _glasses_on(scale: float) -> tuple[np.ndarray, lm.Face, np.ndarray]:
    engine = ClassicEngine()
    report = engine.render_report(
        astronaut(scale), [Image.fromarray(glasses_photo())], RenderOptions(swap_target="glasses", tier="basic")
    )
    face = lm.face(report.person)
    assert face is not None
    return report.input, face, np.asarray(report.image)


@pytest.mark.parametrize("scale", [1.0, 1.8])
def test_glasses_centred_between_the_eyes_and_scaled_with_the_face(scale: float) -> None:
    before, face, after = _glasses_on(scale)
    ys, xs = np.nonzero(changed(before, after))
    eyes = [
        (face.pt(a) + face.pt(b)) / 2 for a, b in ((lm.EYE_R_OUTER, lm.EYE_R_INNER), (lm.EYE_L_OUTER, lm.EYE_L_INNER))
    ]
    between = (eyes[0] + eyes[1]) / 2
    centre = np.array([(xs.min() + xs.max()) / 2, np.median(ys)])
    assert np.linalg.norm(centre - between) <= 4 * scale, (centre, between)
    width = xs.max() - xs.min()
    assert 0.85 * face.width <= width <= 1.3 * face.width, (width, face.width)


def test_glasses_width_follows_face_width() -> None:
    small = _glasses_on(1.0)
    large = _glasses_on(1.8)
    ratios = []
    for before, face, after in (small, large):
        xs = np.nonzero(changed(before, after))[1]
        ratios.append((xs.max() - xs.min()) / face.width)
    assert abs(ratios[0] - ratios[1]) < 0.08 * ratios[0], ratios


def test_watch_sits_on_the_wrist() -> None:
    person = drawn_person()
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    ys, xs = np.nonzero(result.cover > 0.5)
    centre = np.array([xs.mean(), ys.mean()])
    wrist, elbow = person.pt(L_WRIST), person.pt(L_ELBOW)
    along = (wrist - elbow) / np.linalg.norm(wrist - elbow)
    offset = centre - wrist
    across = abs(offset[0] * along[1] - offset[1] * along[0])
    assert across <= 4, "the watch is centred on the forearm's axis"
    assert -40 <= offset @ along <= 0, "the watch is at the wrist, a little up the forearm"
    # The strap wraps round: nothing of it is drawn beyond the arm's outline.
    assert (person.mask[result.cover > 0.5] > 0.5).mean() > 0.97
    right = wear(person, cut_out(watch_photo(), "watch", None), "watch", "on the right wrist")
    ys, xs = np.nonzero(right.cover > 0.5)
    assert np.linalg.norm(np.array([xs.mean(), ys.mean()]) - person.pt(R_WRIST)) < 40


def test_typed_errors_when_the_body_part_is_out_of_frame() -> None:
    engine = ClassicEngine()
    options = RenderOptions(tier="nano")
    cases = [
        ("shoes", hat_photo(), None, "pose_not_supported", "feet"),
        ("watch", watch_photo(), None, "pose_not_supported", "wrist"),
        ("other", hat_photo(), None, "garment_not_found", "scarf"),
        ("other", hat_photo(), "a lucky charm", "garment_not_found", "understood"),
    ]
    for target, product, description, code, words in cases:
        with pytest.raises(EngineError) as info:
            engine.render(
                astronaut(),
                [Image.fromarray(product)],
                RenderOptions(swap_target=target, tier=options.tier, garment_description=description),
            )
        assert info.value.code == code and words in info.value.message, (target, info.value.message)
    headless = drawn_person()
    for kind in ("glasses", "earrings", "hat"):
        with pytest.raises(EngineError) as info:
            wear(headless, cut_out(glasses_photo(), "glasses", None), kind, None)
        assert info.value.code == "pose_not_supported" and "cut off" in info.value.message


def test_kind_from_description_and_shape() -> None:
    assert kind_for("other", "a silk scarf", None) == "scarf"
    assert kind_for("other", "Black leather belt", None) == "belt"
    assert kind_for("jewelry", "gold hoop earrings", None) == "earrings"
    assert kind_for("jewelry", "a diamond ring", None) == "ring"
    assert kind_for("other", "aviator sunglasses", None) == "glasses"
    assert kind_for("watch", "left wrist", None) == "watch"
    pair = np.full((300, 400, 3), 255, np.uint8)
    for x in (120, 280):
        cv2.rectangle(pair, (x - 20, 40), (x + 20, 250), (30, 30, 120), -1)
    assert kind_for("jewelry", None, cut_out(pair, "jewelry", None)) == "earrings"


def test_everything_outside_the_accessory_is_untouched() -> None:
    engine = ClassicEngine()
    report = engine.render_report(
        astronaut(), [Image.fromarray(hat_photo())], RenderOptions(swap_target="hat", tier="nano")
    )
    output = np.asarray(report.image)
    assert report.accessories == ["hat"] and report.edited is not None and report.edited.any()
    assert not np.any((output != report.input).any(axis=2) & ~report.edited)
    face = lm.face(report.person)
    assert face is not None
    # The hat sits above the brows: the eyes are not covered.
    for index in (lm.IRIS_L, lm.IRIS_R):
        x, y = face.pt(index).astype(int)
        assert not report.edited[y, x]


def test_layered_outfit_in_one_call_puts_each_item_where_it_goes() -> None:
    engine = ClassicEngine()
    products = [Image.fromarray(p) for p in (glasses_photo(), tee_photo(), hat_photo())]
    options = RenderOptions(tier="nano", garment_targets=("glasses", "top", "hat"))
    report = engine.render_report(astronaut(), products, options)
    assert report.accessories == ["glasses", "hat"] and len(report.garments) == 1
    person = analyse_person(np.ascontiguousarray(report.input))
    output = np.asarray(report.image)
    diff = changed(report.input, output)
    chest = (
        (person.pt(L_SHOULDER) + person.pt(R_SHOULDER)) / 2 * 0.6 + (person.pt(L_HIP) + person.pt(R_HIP)) / 2 * 0.4
    ).astype(int)
    face = lm.face(person)
    assert face is not None
    bridge = face.pt(lm.NOSE_BRIDGE).astype(int)
    assert diff[chest[1], chest[0]] and diff[bridge[1] - 2 : bridge[1] + 3, bridge[0] - 2 : bridge[0] + 3].any()
    assert diff[: int(face.pt(lm.FOREHEAD)[1])].any(), "the hat is on"
    with pytest.raises(EngineError):
        engine.render(astronaut(), products, RenderOptions(tier="nano", garment_targets=("top",)))


def test_a_necklace_photographed_in_a_heap_is_strung_round_the_neck() -> None:
    heap = np.full((300, 400, 3), 255, np.uint8)
    rng = np.random.default_rng(3)
    for _ in range(120):
        x, y = rng.integers(120, 280), rng.integers(90, 210)
        cv2.circle(heap, (int(x), int(y)), 14, (235, 225, 200), -1)
        cv2.circle(heap, (int(x), int(y)), 14, (150, 140, 120), 2)
    cut = cut_out(heap, "jewelry", "pearl necklace")
    assert cut.holes < 0.2
    person = drawn_person()
    result = wear(person, cut, "necklace", None)
    ys, xs = np.nonzero(result.cover > 0.5)
    neck = (person.pt(L_SHOULDER) + person.pt(R_SHOULDER)) / 2
    assert abs(xs.mean() - neck[0]) < 10, "centred under the neck"
    assert xs.max() - xs.min() > 0.3 * person.shoulder_width, "a loop, not a lump"
    assert result.cover[int(neck[1]) + 20, int(neck[0])] < 0.5, "open in the middle"


def test_a_necklace_is_refused_when_the_photos_edge_cuts_its_loop() -> None:
    """A close-up cut 30 px below the shoulders: the loop would hang out of the photo and
    be drawn as two loose ends at its edge. Refused with the reason; in the whole photo
    the same necklace is drawn with no loose end."""
    heap = np.full((300, 400, 3), 255, np.uint8)
    rng = np.random.default_rng(3)
    for _ in range(120):
        x, y = rng.integers(120, 280), rng.integers(90, 210)
        cv2.circle(heap, (int(x), int(y)), 14, (235, 225, 200), -1)
        cv2.circle(heap, (int(x), int(y)), 14, (150, 140, 120), 2)
    cut = cut_out(heap, "jewelry", "pearl necklace")
    result = wear(drawn_person(), cut, "necklace", None)
    assert checks.necklace_cut(result.cover) == 0.0
    with pytest.raises(EngineError) as info:
        wear(drawn_person((180, 500)), cut, "necklace", None)
    assert info.value.code == "pose_not_supported" and "cut by the photo's edge" in info.value.message


def angled_glasses_photo(far: float) -> np.ndarray:
    """Frames photographed turned away: the lens on the picture's right `far` times as
    wide as the near one (foreshortened), tight-cropped so the frame touches the edges."""
    near_w, far_w = 62, int(62 * far)
    width = 2 * near_w + 2 * far_w + 40
    image = np.full((140, width + 12, 3), 255, np.uint8)
    near_c, far_c = 6 + near_w, 6 + 2 * near_w + 40 + far_w
    cv2.ellipse(image, (near_c, 70), (near_w, 62), 0, 0, 360, (20, 20, 20), 10)
    cv2.ellipse(image, (far_c, 70), (far_w, 62), 0, 0, 360, (20, 20, 20), 10)
    cv2.line(image, (near_c + near_w, 65), (far_c - far_w, 65), (20, 20, 20), 8)
    return image[2:-2]


def test_glasses_photographed_at_an_angle_sit_on_both_eyes() -> None:
    """Each half of the frame goes from the nose to its temple: the narrower (far) lens is
    widened back, so both lenses are as far out from the nose as the face is."""
    engine = ClassicEngine()
    report = engine.render_report(
        astronaut(), [Image.fromarray(angled_glasses_photo(0.7))], RenderOptions(swap_target="glasses", tier="basic")
    )
    face = lm.face(report.person)
    assert face is not None
    ys, xs = np.nonzero(report.garment_cover > 0.5)
    nose = face.pt(lm.NOSE_BRIDGE)
    left, right = nose[0] - xs.min(), xs.max() - nose[0]
    assert abs(left - right) < 0.12 * (left + right), (left, right)
    # The frame spans the face at the temples, no wider than the head.
    assert 0.85 * face.width < xs.max() - xs.min() < 1.1 * face.width
    for a, b in ((lm.EYE_R_OUTER, lm.EYE_R_INNER), (lm.EYE_L_OUTER, lm.EYE_L_INNER)):
        eye = (face.pt(a) + face.pt(b)) / 2
        x, y = eye.astype(int)
        assert report.garment_cover[y, x] < 0.5, "the eye is seen through the lens, not under the rim"
        ring = report.garment_cover[y - 40 : y + 40, x - 45 : x + 45] > 0.5
        assert ring[:, :45].any() and ring[:, 45:].any() and ring[:40].any() and ring[40:].any(), (
            "a rim all round the eye"
        )


def test_glasses_photographed_from_the_side_are_refused() -> None:
    engine = ClassicEngine()
    with pytest.raises(EngineError) as info:
        engine.render(
            astronaut(), [Image.fromarray(angled_glasses_photo(0.3))], RenderOptions(swap_target="glasses", tier="nano")
        )
    assert info.value.code == "garment_not_found" and "side" in info.value.message


def small_person(factor: float) -> Person:
    """`drawn_person` seen from `factor` times as far away."""
    big = drawn_person()
    h, w = big.image.shape[:2]
    size = (round(w * factor), round(h * factor))
    empty = np.zeros((size[1], size[0]), np.uint8)
    return Person(
        cv2.resize(big.image, size, interpolation=cv2.INTER_AREA),
        big.points * factor,
        big.visibility,
        cv2.resize(big.mask, size, interpolation=cv2.INTER_AREA),
        empty,
        empty,
        big.skin_lab,
    )


def test_a_watch_is_as_wide_as_the_wrist_and_refused_when_it_would_be_a_speck() -> None:
    person = drawn_person()
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    wrist, elbow = person.pt(L_WRIST), person.pt(L_ELBOW)
    along = (wrist - elbow) / np.linalg.norm(wrist - elbow)
    ys, xs = np.nonzero(result.cover > 0.5)
    lengthwise = (np.stack([xs, ys], axis=1) - wrist) @ along
    case = lengthwise.max() - lengthwise.min()  # the case's size along the forearm
    assert 0.55 * 36 < case < 0.8 * 36, "the case is about 0.7 of the wrist's width (36 px), not edge to edge"
    with pytest.raises(EngineError) as info:
        wear(small_person(0.2), cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert (
        info.value.code == "pose_not_supported" and "too small" in info.value.message and "wrist" in info.value.message
    )


def test_a_watch_photographed_lying_sideways_goes_across_the_wrist() -> None:
    person = drawn_person()
    lying = np.ascontiguousarray(np.rot90(watch_photo()))
    result = wear(person, cut_out(lying, "watch", None), "watch", "left wrist")
    wrist, elbow = person.pt(L_WRIST), person.pt(L_ELBOW)
    along = (wrist - elbow) / np.linalg.norm(wrist - elbow)
    ys, xs = np.nonzero(result.cover > 0.5)
    lengthwise = (np.stack([xs, ys], axis=1) - wrist) @ along
    assert 0.55 * 36 < lengthwise.max() - lengthwise.min() < 0.8 * 36, "the strap is not laid along the forearm"


def test_an_item_hidden_where_it_goes_is_refused_not_completed() -> None:
    from fitroom.engines.classic.accessories import check_size
    from fitroom.engines.classic.accessories.compose import Placement

    cut = cut_out(watch_photo(), "watch", None)
    placement = Placement(cut, np.eye(3), expect=40, part="the left wrist")
    with pytest.raises(EngineError) as info:
        check_size("watch", placement, np.zeros((100, 100), np.float32))
    assert info.value.code == "pose_not_supported" and "hidden, or outside" in info.value.message
    drawn = np.zeros((100, 100), np.float32)
    drawn[40:70, 30:72] = 1
    check_size("watch", placement, drawn)
    # Fingers covering the whole wrist: nothing of the watch is left to see.
    person = drawn_person()
    person.hands[:] = 255
    from fitroom.engines.classic.accessories import place

    pieces = place.watch(person, cut, "left wrist")
    pieces[0].front = np.ones(person.mask.shape, np.float32)
    with pytest.raises(EngineError):
        from fitroom.engines.classic.accessories.compose import paste, photo_cast

        check_size("watch", pieces[0], paste(person.image, pieces[0], photo_cast(person.image)).cover)


def test_a_pile_of_items_is_refused_as_several() -> None:
    pile = np.full((300, 600, 3), 250, np.uint8)
    for x in (110, 300, 490):  # three hats on a shelf, apart
        cv2.ellipse(pile, (x, 200), (65, 90), 0, 180, 360, (30, 40, 160), -1)
        cv2.rectangle(pile, (x - 80, 190), (x + 80, 215), (30, 40, 160), -1)
    with pytest.raises(EngineError) as info:
        cut_out(pile, "hat", None)
    assert info.value.code == "garment_not_found" and "3 separate items" in info.value.message
    assert cut_out(pile[:, :210], "hat", None).alpha.any(), "one hat is fine"


def test_a_face_close_up_is_refused_for_shoes_by_the_missing_feet_and_takes_glasses() -> None:
    """When the pose model finds no body (a face filling the photo), the face mesh still
    finds the face: glasses go on it, and shoes are refused for the feet, not "no person"."""
    from fitroom.engines.classic.accessories import close_up

    close = np.ascontiguousarray(data.astronaut()[20:300, 130:350])
    nobody = EngineError("no_person_detected", "no person was found in the photo")
    with pytest.raises(EngineError) as info:
        close_up(close, ["shoes"], nobody)
    assert info.value.code == "pose_not_supported" and "feet are not in the photo" in info.value.message
    with pytest.raises(EngineError) as info:
        close_up(close, ["top"], nobody)
    assert info.value is nobody, "a garment still needs the body"
    person = close_up(close, ["glasses"], nobody)
    result = wear(person, cut_out(glasses_photo(), "glasses", None), "glasses", None)
    face = lm.face(person)
    assert face is not None
    x, y = face.pt(lm.NOSE_BRIDGE).astype(int)
    assert (result.cover[y - 6 : y + 7, x - 6 : x + 7] > 0.5).any(), "the bridge is on the nose"


def test_the_same_product_photo_is_cut_the_same_whatever_was_cut_before() -> None:
    """GrabCut's colour models start from k-means on OpenCV's random generator: unseeded,
    a white sneaker on white came out a different shape after other photos were cut."""
    rng = np.random.default_rng(5)
    sneaker = np.full((300, 500, 3), 245, np.uint8)
    cv2.ellipse(sneaker, (250, 170), (200, 80), 0, 0, 360, (235, 232, 228), -1)
    cv2.ellipse(sneaker, (250, 200), (210, 30), 0, 0, 360, (200, 40, 40), 6)
    sneaker = np.clip(sneaker + rng.normal(0, 6, sneaker.shape), 0, 255).astype(np.uint8)
    first = cut_out(sneaker, "shoes", None)
    for other in (data.coffee(), data.chelsea(), data.rocket()):
        with contextlib.suppress(EngineError):  # a busy photo is refused; its GrabCut ran all the same
            cut_out(np.ascontiguousarray(other), "bag", None)
    again = cut_out(sneaker, "shoes", None)
    assert first.alpha.shape == again.alpha.shape and np.array_equal(first.alpha, again.alpha)


def test_a_shoes_floor_shadow_is_not_cut_out_with_it() -> None:
    """A dark shoe on a white backdrop with a grey shadow spreading on the floor beyond
    its toe: the cut-out ends at the sole (a bag keeps the same photo's shadow)."""
    photo = np.full((300, 500, 3), 250, np.uint8)
    cv2.ellipse(photo, (260, 228), (220, 18), 0, 0, 360, (228, 228, 230), -1)  # a faint shadow, wider than the shoe
    cv2.rectangle(photo, (100, 120), (400, 210), (60, 40, 30), -1)  # the shoe, sole at y 210
    shoe = cut_out(photo, "shoes", None)
    bag = cut_out(photo, "bag", None)
    assert bag.alpha.shape[1] > 380  # the shadow's width came along
    assert shoe.alpha.shape[1] < 310 and shoe.alpha.shape[0] < 100


def test_a_white_shoe_on_a_white_backdrop_keeps_its_white_upper() -> None:
    """A white high-top on a white backdrop above its grey floor reflection: GrabCut's
    backdrop model learned the floor's greys and gave the canvas upper to the backdrop,
    leaving the sole (a flat shoe). The upper, greyer than the backdrop and joined to the
    sole, is kept whole; the reflection under the sole still goes."""
    photo = np.full((320, 520, 3), 255, np.uint8)
    upper = np.array([[80, 60], [170, 50], [300, 170], [440, 190], [450, 230], [80, 230]], np.int32)
    cv2.fillPoly(photo, [upper], (238, 238, 236))
    mirrored = upper.copy()
    mirrored[:, 1] = 2 * 262 - mirrored[:, 1]
    cv2.fillPoly(photo, [mirrored], (246, 246, 246))  # the reflection on the floor
    cv2.rectangle(photo, (70, 230), (460, 262), (238, 238, 238), -1)  # the rubber sole
    cv2.line(photo, (70, 236), (460, 236), (170, 30, 40), 3)  # its red stripe
    cv2.line(photo, (70, 252), (460, 252), (30, 30, 60), 3)  # its blue one
    for x, y in ((150, 120), (190, 150), (230, 170)):
        cv2.circle(photo, (x, y), 6, (120, 120, 120), -1)  # eyelets
    shoe = cut_out(photo, "shoes", None)
    assert 190 < shoe.alpha.shape[0] < 230  # the collar at y 50 down to the sole at y 262


def test_a_white_shoes_reflection_on_a_dark_floor_is_not_cut_out_with_it() -> None:
    """A white shoe on a dark glossy floor, its mirror image below it fainter: lighter
    than the floor, the reflection passed the floor test (darker than the backdrop) and
    the shoe went on the foot standing on its own image, twice as tall. The cut now
    ends at the sole; the white backdrop's cases are unchanged (the test above)."""
    photo = np.full((480, 520, 3), 38, np.uint8)
    upper = np.array([[80, 60], [170, 50], [300, 170], [440, 190], [450, 230], [80, 230]], np.int32)
    cv2.fillPoly(photo, [upper], (236, 236, 232))
    cv2.line(photo, (170, 50), (300, 170), (150, 150, 150), 4)  # the lacing's edge
    cv2.rectangle(photo, (70, 230), (460, 262), (244, 242, 238), -1)  # the sole
    cv2.line(photo, (70, 238), (460, 238), (170, 30, 40), 4)
    cv2.line(photo, (70, 252), (460, 252), (30, 30, 90), 4)
    for x, y in ((150, 120), (190, 150), (230, 170)):
        cv2.circle(photo, (x, y), 6, (90, 90, 90), -1)  # eyelets
    shoe = photo[50:263].astype(np.float32)
    photo[263:476] = (38 + 0.35 * (shoe[::-1] - 38)).astype(np.uint8)  # the reflection
    cut = cut_out(photo, "shoes", None)
    assert 200 < cut.alpha.shape[0] < 240  # collar at y 50 to the sole at y 262, not y 475


def test_a_shoes_loose_laces_are_not_cut_out_with_it_but_a_sandals_strap_loop_is() -> None:
    """A dark shoe shot with its laces loose, one curling up into the air above it and one
    hanging down past its heel: the cut-out kept both whole, and on the person they were
    drawn as lines out round the feet (the shoe smaller, the laces widening its box). The
    cut now ends at the shoe's body; a thin strap that loops back onto it (a sandal's) stays."""
    photo = np.full((560, 800, 3), 246, np.uint8)
    cv2.rectangle(photo, (180, 220), (620, 380), (30, 30, 34), -1)  # the shoe, x 180..620, y 220..380
    up = np.array([[300, 230], [260, 150], [180, 90], [90, 60], [40, 30]], np.int32)
    down = np.array([[560, 300], [640, 420], [700, 480], [760, 530]], np.int32)
    cv2.polylines(photo, [up, down], False, (30, 30, 34), 4)  # the loose laces
    cv2.ellipse(photo, (420, 220), (90, 80), 0, 180, 360, (30, 30, 34), 5)  # a strap looping above it
    cut = cut_out(photo, "shoes", None)
    h, w = cut.alpha.shape
    assert w < 480 and h < 290  # the shoe (440 by 160) and its strap (from y 140), not the laces (720 by 500)
    assert h > 230  # the strap's loop stays
    assert float(cut.alpha[:40, 230:250].max()) > 0.5  # the strap's top, 80 above the shoe


def test_shoes_on_feet_facing_the_camera_point_away_from_each_other() -> None:
    """Feet facing the camera whose heel-to-toe landmarks lean towards each other: the
    toes go outwards, not in a cross between the feet; two feet seen from the side
    pointing the same way keep their way."""
    ankles = [np.array([220.0, 500.0]), np.array([180.0, 500.0])]  # the person's left foot on the picture's right
    inward = [
        (np.array([222.0, 520.0]), np.array([205.0, 540.0])),
        (np.array([178.0, 520.0]), np.array([195.0, 540.0])),
    ]
    assert place.toe_directions(inward, 60.0, 200.0, ankles) == [True, False]
    walking = [
        (np.array([200.0, 520.0]), np.array([250.0, 530.0])),
        (np.array([150.0, 520.0]), np.array([200.0, 530.0])),
    ]
    assert place.toe_directions(walking, 60.0, 200.0, ankles) == [True, True]


def test_a_pair_of_round_studs_are_earrings_not_a_strung_necklace() -> None:
    studs = np.full((200, 400, 3), 255, np.uint8)
    for x in (120, 280):
        cv2.circle(studs, (x, 100), 30, (200, 170, 60), -1)
    assert kind_for("jewelry", None, cut_out(studs, "jewelry", None)) == "earrings"
    one = np.full((200, 200, 3), 255, np.uint8)
    cv2.circle(one, (100, 100), 40, (200, 170, 60), -1)
    assert kind_for("jewelry", None, cut_out(one, "jewelry", None)) == "earrings"


def head_person() -> Person:
    """`drawn_person` with a round head above the shoulders, its eyes and ears marked."""
    person = drawn_person()
    cv2.circle(person.image, (250, 90), 50, (200, 160, 130), -1)
    person.mask[np.any(person.image != 235, axis=2)] = 1.0
    for index, xy in ((L_EYE, (270, 90)), (R_EYE, (230, 90)), (L_EAR, (298, 95)), (R_EAR, (202, 95))):
        person.points[index] = xy
        person.visibility[index] = 0.99
    memo.keep(person, "face", (), None)  # no face mesh on a drawing: the pose's eyes and ears stand in
    return person


def meshed_head() -> Person:
    """`head_person` with a face mesh: its outline at x 205 and 295 at the eyes' height."""
    person = head_person()
    points = np.zeros((478, 3), np.float32)
    points[:, :2] = (250, 90)
    for index, xy in (
        (lm.CHEEK_R, (205, 85)),
        (lm.CHEEK_L, (295, 85)),
        (lm.FOREHEAD, (250, 45)),
        (lm.CHIN, (250, 140)),
        (lm.NOSE_BRIDGE, (250, 85)),
    ):
        points[index, :2] = xy
    memo.keep(person, "face", (), lm.Face(points))
    return person


def drop_earrings_photo() -> np.ndarray:
    """Two long navy drops on white, each with a thin hook on top: drops, not studs."""
    image = np.full((300, 300, 3), 255, np.uint8)
    for x in (90, 210):
        cv2.line(image, (x, 20), (x, 50), (150, 150, 150), 3)
        cv2.fillConvexPoly(image, np.array([(x - 12, 50), (x + 12, 50), (x + 20, 270), (x - 20, 270)]), (40, 50, 110))
    return image


def test_drop_earrings_hang_plumb_from_a_bowed_head() -> None:
    """On the drawn face bowed 35 degrees (its mesh turned round the head's middle) each
    drop hangs from its lobe straight down the photo, as a drop does; along the face's
    axis it pointed 35 degrees aslant, across the jaw (`checks.earring_aslant`)."""
    person = meshed_head()
    face = lm.face(person)
    assert face is not None
    turn = np.radians(35)
    rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]], np.float32)
    face.points[:, :2] = (face.points[:, :2] - (250, 90)) @ rotation.T + (250, 90)
    lobes = [lobe for lobe, _, _ in lm.ear_lobes(face)]
    result = wear(person, cut_out(drop_earrings_photo(), "jewelry", None), "earrings", None)
    aslant = checks.earring_aslant(result.cover, 0.05 * face.height)
    assert aslant is not None and aslant < 3, aslant
    count, labels, stats, _ = cv2.connectedComponentsWithStats((result.cover > 0.5).astype(np.uint8))
    assert count == 3, "one drop at each ear"
    for lobe in lobes:
        label = labels[int(lobe[1]) + 3, int(lobe[0])]
        assert label > 0, "the drop hangs from the lobe"
        assert abs(stats[label, cv2.CC_STAT_LEFT] + stats[label, cv2.CC_STAT_WIDTH] / 2 - lobe[0]) < 3, "below it"


def test_a_necklace_is_refused_when_the_shoulders_meet_under_one_ear() -> None:
    """The pose's shoulders put 60 px apart under the drawn face (90 px wide) and its hips
    guessed 60 px below them, as on a close-up of a woman turned away with her near
    shoulder raised to her chin: the loop sized from them, a fraction of the face's
    width, was drawn on her shoulder. Refused with the reason;
    with the drawn shoulders where they are, the necklace is drawn round the neck."""
    heap = np.full((300, 400, 3), 255, np.uint8)
    rng = np.random.default_rng(3)
    for _ in range(120):
        x, y = rng.integers(120, 280), rng.integers(90, 210)
        cv2.circle(heap, (int(x), int(y)), 14, (235, 225, 200), -1)
        cv2.circle(heap, (int(x), int(y)), 14, (150, 140, 120), 2)
    cut = cut_out(heap, "jewelry", "pearl necklace")
    person = meshed_head()
    face = lm.face(person)
    assert face is not None
    result = wear(person, cut, "necklace", None)
    narrow = checks.necklace_narrow(result.cover, face.width)
    assert narrow is not None and checks.faults({"necklace_narrow": narrow}) == [], narrow
    person.points[L_SHOULDER], person.points[R_SHOULDER] = (280, 150), (220, 150)
    person.points[L_HIP], person.points[R_HIP] = (275, 210), (225, 210)
    with pytest.raises(EngineError) as info:
        wear(person, cut, "necklace", None)
    assert info.value.code == "pose_not_supported" and "shoulders are turned" in info.value.message


def lowered(person: Person, rows: int) -> Person:
    """`person` with `rows` more rows of backdrop above: room for a tall hat."""
    image = np.pad(person.image, ((rows, 0), (0, 0), (0, 0)), constant_values=235)
    mask = np.pad(person.mask, ((rows, 0), (0, 0)))
    points = person.points + np.array([0, rows], np.float32)
    empty = np.zeros(mask.shape, np.uint8)
    moved = Person(image, points, person.visibility.copy(), mask, empty, empty, person.skin_lab.copy())
    memo.keep(moved, "face", (), None)
    return moved


def test_a_caps_logo_keeps_its_side() -> None:
    """A cap whose logo is on the photo's left keeps it on the left when worn."""
    cap = hat_photo()
    cv2.rectangle(cap, (110, 110), (160, 160), (240, 220, 30), -1)
    person = head_person()
    result = wear(person, cut_out(cap, "hat", None), "hat", None)
    rgb = result.image.astype(int)
    worn = (result.cover > 0.5) & (rgb[..., 0] > 180) & (rgb[..., 1] > 160) & (rgb[..., 2] < 110)
    ys, xs = np.nonzero(worn)
    assert len(xs) > 20
    assert xs.mean() < 250, "the logo stays on the picture's left, not mirrored"


def with_hands(person: Person) -> Person:
    """The hand points (pinky, index, thumb) just below each wrist, and the fingers drawn."""
    for wrist, tips in ((L_WRIST, L_HAND_TIPS), (R_WRIST, R_HAND_TIPS)):
        x, y = (int(v) for v in person.points[wrist])
        cv2.line(person.image, (x, y), (x, y + 34), (200, 160, 130), 26)
        person.mask[np.any(person.image != 235, axis=2)] = 1.0
        for tip in tips:
            person.points[tip] = person.points[wrist] + (0, 15)
            person.visibility[tip] = 0.99
    return person


def test_a_bag_never_goes_on_a_hand_that_already_holds_one() -> None:
    person = with_hands(drawn_person())
    wrist = person.pt(L_WRIST)
    x, y = int(wrist[0]), int(wrist[1])
    cv2.rectangle(person.image, (x - 45, y + 5), (x + 45, y + 90), (30, 140, 40), -1)  # a green bag held
    person.mask[y + 5 : y + 91, x - 45 : x + 46] = 1.0
    result = wear(person, cut_out(bag_photo(), "bag", None), "bag", "handbag held in the hand")
    drawn = result.cover > 0.5
    assert not drawn[y + 5 : y + 90, x - 45 : x + 45].any(), "not stacked on the bag already held"
    assert drawn[:, : int(person.pt(R_WRIST)[0]) + 60].any(), "held in the other hand"
    both = with_hands(drawn_person())
    for side in (L_WRIST, R_WRIST):
        x, y = (int(v) for v in both.pt(side))
        cv2.rectangle(both.image, (x - 45, y + 5), (x + 45, y + 90), (30, 140, 40), -1)
        both.mask[y + 5 : y + 91, x - 45 : x + 46] = 1.0
    with pytest.raises(EngineError, match="already hold"):
        wear(both, cut_out(bag_photo(), "bag", None), "bag", "handbag held in the hand")


def test_a_bag_asked_for_by_shape_goes_on_the_shoulder_when_the_hands_hold_only_clothes() -> None:
    """Both hanging hands in pockets (their fingers hidden): a bag whose description does
    not say it is held hangs from the shoulder (a carry needs no hand); what a hand holds
    in the torso's colours is the person's own clothes (a skirt lifted, a jacket's
    pocket), another colour a bag, which keeps a new one off the person. Refused as
    "both hands hold something", 2 devset F: a duffel beside a hand lifting a skirt, and
    both hands in a jacket's pockets."""
    person = with_hands(drawn_person())
    for wrist in (L_WRIST, R_WRIST):
        x, y = (int(v) for v in person.pt(wrist))
        cv2.rectangle(person.image, (x - 20, y + 10), (x + 20, y + 50), (60, 80, 140), -1)  # the pocket
    placements = place.bag(person, cut_out(bag_photo(), "bag", None), "")
    assert len(placements) == 2 and "hip" in (placements[1].part or ""), "hung from the shoulder by its strap"
    thing = np.zeros(person.mask.shape, np.float32)
    thing[400:440, 360:400] = 1.0
    assert place._own_clothes(person, thing), "the torso's blue: a pocket or a skirt"
    cv2.rectangle(person.image, (360, 400), (400, 440), (30, 140, 40), -1)
    assert not place._own_clothes(person, thing), "green: a bag held"


def with_face(person: Person, eyes_to_mouth: float) -> Person:
    """A face above the shoulders, its eyes `eyes_to_mouth` px above its mouth."""
    person.points[[L_EYE, R_EYE]] = [(265, 40), (235, 40)]
    person.points[[MOUTH_L, MOUTH_R]] = [(260, 40 + eyes_to_mouth), (240, 40 + eyes_to_mouth)]
    person.points[NOSE] = (250, 40 + eyes_to_mouth / 2)
    person.visibility[[L_EYE, R_EYE, MOUTH_L, MOUTH_R, NOSE]] = 0.99
    return person


def with_knees(person: Person, drop: float, seen: float = 0.99) -> Person:
    """Knees `drop` px straight below the hips, seen at `seen`."""
    for hip, knee in ((L_HIP, L_KNEE), (R_HIP, R_KNEE)):
        person.points[knee] = person.points[hip] + (0, drop)
        person.visibility[knee] = seen
    return person


def test_a_bag_is_refused_on_a_seated_person_and_a_head_and_shoulders_close_up() -> None:
    """The knees level with the hips (seated, crouching; one knee hidden is taken where
    guessed) or a face so large that the hips found are a few faces below the shoulders
    (a close-up ending above them): refused, where the devset drew a duffel on the floor,
    a bag at a cellist's chest and a bag at a chin (3 F). Standing, the same photo takes it."""
    cut = cut_out(bag_photo(), "bag", None)
    assert place.bag(with_knees(with_hands(drawn_person()), 180), cut, "")
    with pytest.raises(EngineError, match="seated"):
        place.bag(with_knees(with_hands(drawn_person()), 20, seen=0.3), cut, "")
    assert place.bag(with_face(with_hands(drawn_person()), 30), cut, "")
    with pytest.raises(EngineError, match="close-up"):
        place.bag(with_face(with_hands(drawn_person()), 70), cut, "")
    seated = with_knees(drawn_person(), 20)
    assert checks.faults({"bag_knee_drop": thigh_drop(seated.points, seated.visibility, 600, 0.2)})
    close = with_face(drawn_person(), 70)
    assert checks.faults({"bag_torso_faces": torso_in_faces(close.points, close.visibility)})


def test_a_shoulder_bags_strap_runs_from_the_bag_to_the_shoulder() -> None:
    """A bag whose middle top dips (two handles): the strap starts on the bag's solid top
    and ends on the shoulder, on the person."""
    photo = np.full((360, 480, 3), 255, np.uint8)
    cv2.rectangle(photo, (60, 150), (420, 340), (60, 30, 20), -1)
    cv2.rectangle(photo, (60, 60), (160, 160), (60, 30, 20), -1)
    cv2.rectangle(photo, (320, 60), (420, 160), (60, 30, 20), -1)
    person = drawn_person()
    cut = cut_out(photo, "bag", None)
    placements = place.bag(person, cut, "shoulder bag")
    strap = placements[0].cutout.alpha > 0.5
    ys, xs = np.nonzero(strap)
    ys, xs = ys + int(placements[0].matrix[1, 2]), xs + int(placements[0].matrix[0, 2])  # the strap's box in the photo
    top = np.argmin(ys)
    body = cv2.dilate((person.mask > 0.5).astype(np.uint8), np.ones((9, 9), np.uint8))
    assert body[ys[top], xs[top]], "the strap ends on the body (going over the shoulder's outline)"
    left, right = place.strap_ends(cut)
    for end in (left, right):
        x, y = int(end[0]), int(end[1])
        assert cut.alpha[y, x] > 0.5, "the strap starts on the bag"


def test_earrings_hang_at_the_ear_lobes_outside_the_face() -> None:
    """On a drawn face (the face mesh's outline at x 205 and 295 at the eyes' height),
    each stud sits at or outside the outline below it, never inward on the cheek."""
    person = meshed_head()
    studs = np.full((200, 400, 3), 255, np.uint8)
    for x in (120, 280):
        cv2.circle(studs, (x, 100), 30, (200, 170, 60), -1)
    result = wear(person, cut_out(studs, "jewelry", None), "earrings", None)
    count, _, stats, centres = cv2.connectedComponentsWithStats((result.cover > 0.5).astype(np.uint8))
    assert count == 3, "one stud at each ear"
    left, right = sorted(centres[1:], key=lambda c: c[0])
    assert left[0] <= 206 and right[0] >= 294, "outside the face's outline, not on the cheeks"
    assert 90 < left[1] < 120 and 90 < right[1] < 120, "at the lobes, below the eyes and above the jaw"


def test_a_necklace_on_a_black_bust_is_worn_as_it_hangs() -> None:
    """Pearls on a black bust, the strands behind the neck leaving the photo at the top:
    not refused as cut off by the edge, and worn as photographed, not strung anew."""
    photo = np.full((600, 500, 3), 8, np.uint8)
    cv2.rectangle(photo, (190, 0), (310, 420), (28, 28, 30), -1)
    cv2.ellipse(photo, (250, 600), (260, 200), 0, 180, 360, (28, 28, 30), -1)
    for t in np.linspace(0, np.pi, 40):
        cv2.circle(photo, (int(250 - np.cos(t) * 95), int(300 + np.sin(t) * 150)), 9, (235, 228, 210), -1)
    for y in range(0, 300, 14):
        for x in (150, 350):
            for dx in (-28, -14, 0, 14, 28):  # five strands each side
                cv2.circle(photo, (x + dx, y), 7, (235, 228, 210), -1)
    cut = cut_out(photo, "jewelry", "pearl necklace")
    (placement,) = place.necklace(drawn_person(), cut)
    assert placement.cutout is cut, "the necklace as photographed, not a strand made up from it"


def test_folded_temples_under_the_bridge_and_below_the_lenses_are_taken_off() -> None:
    """A front view with its temples folded behind it (as product photos show them): the
    arms seen under the bridge, where the nose goes, and their tips hanging below the
    lenses' outer corners are cleared, so is a faint pale reflection under a lens; the
    lenses and the bridge stay."""
    alpha = np.zeros((200, 400), np.float32)
    cv2.rectangle(alpha, (20, 40), (180, 150), 1.0, -1)  # the lenses, tinted (solid)
    cv2.rectangle(alpha, (220, 40), (380, 150), 1.0, -1)
    cv2.rectangle(alpha, (180, 40), (220, 60), 1.0, -1)  # the bridge
    cv2.rectangle(alpha, (185, 75), (215, 110), 1.0, -1)  # folded arms seen under it
    cv2.rectangle(alpha, (20, 150), (40, 190), 1.0, -1)  # the temples' tips below the corners
    cv2.rectangle(alpha, (360, 150), (380, 190), 1.0, -1)
    rgb = np.zeros((200, 400, 3), np.uint8)
    alpha[151:154, 60:160] = 0.4  # a faint pale reflection under a lens
    rgb[151:154, 60:160] = 225
    front, a, bridge_start, bridge_end, b, top, bottom = place._glasses_front(place.Cutout(rgb, alpha, [], 0.0))
    assert bridge_start <= 200 <= bridge_end and (a, b, top, bottom) == (20, 380, 40, 150)
    assert front[90, 200] == 0, "the arms under the bridge are gone"
    assert front[180, 30] == 0 and front[180, 370] == 0, "the tips are gone"
    assert front[152, 100] == 0, "the pale reflection is gone"
    assert front[100, 100] == 1 and front[50, 200] == 1 and front[100, 300] == 1


def wayfarer_alpha() -> np.ndarray:
    """A flat-bottomed front, its lenses' lower outer corners cut off slanting, whose
    folded temples' tips hang from those corners down and out (as the Wayfarer's photo
    shows them), joined to the frame."""
    alpha = np.zeros((200, 400), np.float32)
    left_lens = np.array([[20, 40], [180, 40], [180, 150], [50, 150], [20, 120]])
    left_tip = np.array([[20, 115], [45, 145], [30, 190], [5, 185]])
    for lens, tip in ((left_lens, left_tip), (left_lens * [-1, 1] + [400, 0], left_tip * [-1, 1] + [400, 0])):
        cv2.fillPoly(alpha, [lens.astype(np.int32)], 1.0)
        cv2.fillPoly(alpha, [tip.astype(np.int32)], 1.0)
    cv2.rectangle(alpha, (180, 40), (220, 60), 1.0, -1)  # the bridge
    return alpha


def test_temple_tips_hanging_beside_the_lenses_corners_are_cleared() -> None:
    """Tips joined to the frame beside the lenses' lower outer corners (the Wayfarer's):
    cleared below the corner, where worn they were dark blobs beside the cheeks; the
    lenses, their rounded corners and the bridge stay."""
    alpha = wayfarer_alpha()
    rgb = np.zeros((200, 400, 3), np.uint8)
    front, a, bridge_start, bridge_end, b, top, bottom = place._glasses_front(place.Cutout(rgb, alpha, [], 0.0))
    for x in (25, 375):
        assert front[135:, x].max() == 0, "the tip below the corner is gone"
    assert front[145, 100] == 1 and front[145, 300] == 1 and front[100, 25] == 1 and front[100, 375] == 1
    assert front[50, 200] == 1


@pytest.mark.parametrize("degrees", [35.0, 55.0])
def test_glasses_on_a_turned_head_foreshorten_the_far_lens(degrees: float) -> None:
    """The astronaut's face mesh turned by 35° and 55°: the glasses are drawn (not refused),
    each lens on its eye (`checks.glasses_off_eyes`), the far lens narrower than the near
    one, and the near temple arm seen going back past the near lens towards the ear."""
    image = np.ascontiguousarray(data.astronaut())
    face = lm.face(analyse_person(image))
    assert face is not None
    person = analyse_person(image)
    turned = _turned(face, degrees, "turn")
    memo.keep(person, "face", (), turned)
    result = wear(person, cut_out(glasses_photo(), "glasses", None), "glasses", None)
    eyes = [
        (turned.pt(lm.EYE_R_INNER), turned.pt(lm.EYE_R_OUTER)),
        (turned.pt(lm.EYE_L_INNER), turned.pt(lm.EYE_L_OUTER)),
    ]
    value = checks.glasses_off_eyes(result.cover, eyes)
    assert value is not None and value < checks.GLASSES_OFF_EYES, value
    nose = turned.pt(lm.NOSE_BRIDGE)
    ys, xs = np.nonzero(result.cover[int(nose[1]) - 60 : int(nose[1]) + 60] > 0.5)
    rows = np.bincount(xs, minlength=image.shape[1])
    # Lens columns hold much of the frame's height; the arm is a thin line.
    lens = np.nonzero(rows >= 0.3 * rows.max())[0]
    # The near eye is the one seen wider; here the right (on the picture's left).
    right_eye = float(np.linalg.norm(turned.pt(lm.EYE_R_OUTER) - turned.pt(lm.EYE_R_INNER)))
    left_eye = float(np.linalg.norm(turned.pt(lm.EYE_L_OUTER) - turned.pt(lm.EYE_L_INNER)))
    left_lens, right_lens = float(nose[0] - lens.min()), float(lens.max() - nose[0])
    near, far = (left_lens, right_lens) if right_eye > left_eye else (right_lens, left_lens)
    assert far < 0.8 * near, (near, far)
    thin = np.nonzero((rows > 0) & (rows < 0.3 * rows.max()))[0]
    assert (thin < lens.min() - 10).any() or (thin > lens.max() + 10).any(), "the near arm goes back past the lens"


def side_shoe() -> Cutout:
    """A dark shoe seen from the side, toe to the right, cut from a white backdrop."""
    photo = np.full((200, 400, 3), 255, np.uint8)
    cv2.rectangle(photo, (60, 60), (160, 150), (40, 40, 60), -1)  # the heel and collar end
    cv2.rectangle(photo, (60, 110), (340, 150), (40, 40, 60), -1)  # the vamp and toe
    return cut_out(photo, "shoes", None)


def walking_feet(old_shoe_half_width: int) -> Person:
    """A person walking towards the camera on a grey floor: the near (left) foot low in
    the picture, the back (right) foot higher up almost straight behind it, both in red
    old shoes `old_shoe_half_width` px either side of the foot; bare shins."""
    image = np.full((400, 300, 3), 120, np.uint8)
    mask = np.zeros((400, 300), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.ones(33, np.float32)
    # (knee, ankle, heel, toe) per foot, foot pointing at the camera.
    for (kx, ky), (ax, ay), (hx, hy), (tx, ty), (knee, ankle, heel, toe) in (
        ((140, 200), (150, 320), (150, 330), (150, 360), (25, 27, 29, 31)),
        ((170, 140), (165, 250), (165, 258), (165, 285), (26, 28, 30, 32)),
    ):
        points[[knee, ankle, heel, toe]] = [(kx, ky), (ax, ay), (hx, hy), (tx, ty)]
        cv2.line(image, (kx, ky), (ax, ay), (200, 160, 140), 22)
        cv2.line(mask, (kx, ky), (ax, ay), 1.0, 22)
        box = ((ax - old_shoe_half_width, ay + 4), (ax + old_shoe_half_width, ty + 6))
        cv2.rectangle(image, *box, (220, 30, 30), -1)
        cv2.rectangle(mask, *box, 1.0, -1)
    # The near shin in front of the back foot's shoe, drawn last.
    cv2.line(image, (140, 200), (150, 320), (200, 160, 140), 22)
    cv2.line(mask, (140, 200), (150, 320), 1.0, 22)
    empty = np.zeros((400, 300), np.uint8)
    return Person(image, points, visibility, mask, empty, empty, np.array([175, 140, 150], np.float32))


def test_walking_feet_each_lose_their_own_old_shoe_and_get_their_own_shoe() -> None:
    """One foot straight behind the other: a split between the ankles gave the back
    foot's old shoe to nobody (it stayed) and stacked both shoes; each foot's own
    landmarks now claim its own old shoe, and each shoe sits on its own foot, the back
    one drawn first."""
    person = walking_feet(18)
    shoe = side_shoe()
    corners = np.array([[0.0, 0.0, 1.0], [shoe.alpha.shape[1], shoe.alpha.shape[0], 1.0]]).T
    first, second = place.shoes(person, shoe)
    erase = first.erase
    assert erase is not None
    assert erase[262:285, 155:176].mean() > 0.95  # the back foot's old shoe
    assert erase[330:362, 138:162].mean() > 0.95  # the near foot's old shoe
    assert erase[240, 165] < 0.5 and erase[300, 148] < 0.5  # not the shins
    assert first.part == "the right foot" and second.part == "the left foot"
    for placement, (ankle, toe) in ((first, (250, 285)), (second, (320, 360))):
        mapped = placement.matrix @ corners
        bottom = float((mapped[1] / mapped[2]).max())
        assert ankle < bottom and toe - 5 < bottom < toe + 20  # its sole at its own foot


def jumping_feet() -> Person:
    """A person in the air, both feet pointed down: each heel level with its ankle (row
    250) and each toe 90 rows below it, in red old shoes along the feet; bare shins."""
    image = np.full((400, 350, 3), 225, np.uint8)
    mask = np.zeros((400, 350), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.ones(33, np.float32)
    for (kx, ax, tx), (knee, ankle, heel, toe) in (
        ((130, 140, 150), (25, 27, 29, 31)),
        ((220, 210, 200), (26, 28, 30, 32)),
    ):
        points[[knee, ankle, heel, toe]] = [(kx, 100), (ax, 250), (ax, 252), (tx, 340)]
        cv2.line(image, (kx, 100), (ax, 250), (200, 160, 140), 22)
        cv2.line(mask, (kx, 100), (ax, 250), 1.0, 22)
        cv2.line(image, (ax, 245), (tx, 345), (220, 30, 30), 30)
        cv2.line(mask, (ax, 245), (tx, 345), 1.0, 30)
    empty = np.zeros((400, 350), np.uint8)
    return Person(image, points, visibility, mask, empty, empty, np.array([175, 140, 150], np.float32))


def test_shoes_on_pointed_feet_follow_each_foot_down_not_lie_level() -> None:
    """Feet pointed down in a jump: each shoe is drawn along its own foot's heel-to-toe
    line (the old code laid them level, as if stood on a floor below the toes), over the
    old shoe, as long as a shoe for that foot."""
    person = jumping_feet()
    shoe = side_shoe()
    placements = place.shoes(person, shoe)
    cover = np.zeros((400, 350), np.float32)
    for placement in placements:
        drawn = cv2.warpAffine(placement.cutout.alpha, placement.matrix[:2], (350, 400))
        cover = np.maximum(cover, drawn)
    feet = [[person.pt(i) for i in foot] for foot in checks.FEET]
    length = 0.62 * float(np.hypot(10, 150))
    pitch = checks.shoe_pitch(cover, feet, length)
    assert pitch is not None and checks.faults({"shoe_pitch": pitch}) == [], pitch
    for x, y in ((145, 295), (205, 295)):
        assert cover[y, x] > 0.5  # over the old shoe's middle
    rows = np.nonzero(cover[:, 100:260].max(axis=1) > 0.5)[0]
    assert rows.min() < 265 and rows.max() < 375  # from the ankle down to just past the toes


def test_a_shoe_is_sized_from_the_foot_not_the_bulky_old_shoe() -> None:
    """The same feet in slim and in bulky old shoes get the same new shoes: the size
    comes from the shin, the heel-to-toe span and the leg's width at the ankle."""
    shoe = side_shoe()
    slim = [p.matrix for p in place.shoes(walking_feet(14), shoe)]
    bulky = [p.matrix for p in place.shoes(walking_feet(34), shoe)]
    for a, b in zip(slim, bulky, strict=True):
        assert abs(abs(a[0, 0]) - abs(b[0, 0])) < 1e-6


def test_the_bare_foot_joined_to_the_leg_is_kept_a_tan_sole_apart_is_not() -> None:
    skin = np.zeros((100, 100), bool)
    skin[0:60, 40:60] = True  # the leg and instep
    skin[90:95, 20:80] = True  # a tan sole, apart from it
    leg = np.zeros((100, 100), bool)
    leg[0:10] = True
    kept = place.bare_foot(skin, leg)
    assert kept[50, 50] and not kept[92, 50]


def test_a_shoe_on_a_foot_seen_toe_on_is_drawn_taller_to_the_ankle_not_wider() -> None:
    """A foot pointing at the camera puts its sole far below the ankle in the picture: the
    shoe is stretched up to reach the ankle (no blurred gap of floor under the leg) and
    keeps the foot's width; grown evenly, it came out wider than the foot."""
    shoe = side_shoe()
    near = place.shoes(walking_feet(18), shoe)[1]
    corners = np.array([[0.0, 0.0, 1.0], [shoe.alpha.shape[1], shoe.alpha.shape[0], 1.0]]).T
    mapped = near.matrix @ corners
    xs, ys = mapped[0] / mapped[2], mapped[1] / mapped[2]
    length = 0.62 * float(np.hypot(10, 120))
    assert ys.min() < 320 + 0.1 * length  # up to the ankle
    # As wide as a foot seen toe-on and turned out a little (0.55 of a length), not a side view's full length.
    assert abs(xs[1] - xs[0]) < 0.6 * length


def _astronaut_in_glasses(lenses: tuple[int, int, int] | None = None) -> tuple[np.ndarray, np.ndarray, lm.Face]:
    """The astronaut, and the astronaut with a dark frame drawn round her eyes (rims
    round and under them, a bridge over the nose), its lenses filled with `lenses` when
    given (sunglasses), and her face mesh."""
    image = np.ascontiguousarray(data.astronaut())
    face = lm.face(analyse_person(image))
    assert face is not None
    worn = image.copy()
    half = face.width * 0.13
    ends = []
    for inner, outer, side in ((lm.EYE_R_INNER, lm.EYE_R_OUTER, 1), (lm.EYE_L_INNER, lm.EYE_L_OUTER, -1)):
        # Below the brows, as a frame sits: a rim across a brow is left with the brow.
        centre = (face.pt(inner) + face.pt(outer)) / 2 + (0, half * 0.2)
        axes = (int(half * 1.15), int(half * 0.85))
        if lenses is not None:
            cv2.ellipse(worn, (int(centre[0]), int(centre[1])), axes, 0, 0, 360, lenses, -1)
        cv2.ellipse(worn, (int(centre[0]), int(centre[1])), axes, 0, 0, 360, (25, 20, 20), 2)
        # The bridge leaves each rim a little above the lens's middle, on the nose's side.
        ends.append((int(centre[0] + side * half * 1.15 * 0.94), int(centre[1] - half * 0.34)))
    cv2.line(worn, ends[0], ends[1], (25, 20, 20), 2)
    return image, worn, face


def test_the_old_frame_is_found_and_painted_out_with_the_skin_round_it() -> None:
    """The frame drawn round the astronaut's eyes is found (its rims, not her eyes or
    brows) and painted from the skin beside it: close to her own face there, and no dark
    line left for `old_frame_left` to find (left as it was, it is found)."""
    image, worn, face = _astronaut_in_glasses()
    drawn = np.any(worn != image, axis=2)
    found = old_frame(worn, face)
    assert found is not None
    # All of it but where the rims' tops touch her brows (left with the brows).
    assert found[drawn].mean() > 0.8, "the drawn frame is found"
    assert (
        found & ~cv2.dilate(drawn.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    ).sum() < 0.1 * drawn.sum()
    painted = painted_over(worn, found, face.width)
    size = frame_window(face)
    none = np.zeros(image.shape[:2], np.float32)
    left = checks.old_frame_left(worn, painted, found, none, size)
    assert left is not None and left <= checks.OLD_FRAME_LEFT_MOST, left
    kept = checks.old_frame_left(worn, worn, found, none, size)
    assert kept is not None and kept > checks.OLD_FRAME_LEFT_MOST, kept
    # Where the frame was, the fill is as light as her face was there on the whole (no
    # pale or dark ghost of the outline), and close to it pixel by pixel.
    bias = np.abs(painted[drawn].astype(float).mean(axis=0) - image[drawn].astype(float).mean(axis=0))
    assert bias.max() < 12, bias
    error = np.abs(painted.astype(int) - image.astype(int)).max(axis=2)[drawn]
    assert np.median(error) < 25, np.median(error)
    away = cv2.dilate(found.astype(np.uint8), np.ones((11, 11), np.uint8)) == 0
    assert np.array_equal(painted[away], worn[away]), "nothing but the frame and its edge changes"


def test_new_glasses_replace_the_pair_she_already_wears() -> None:
    """New glasses on the astronaut wearing a drawn frame: the render is made (it was
    refused), and her old frame is not left beside or through the new lenses."""
    image, worn, face = _astronaut_in_glasses()
    report = ClassicEngine().render_report(
        Image.fromarray(worn), [Image.fromarray(glasses_photo())], RenderOptions(swap_target="glasses", tier="basic")
    )
    found = old_frame(report.input, face)
    assert found is not None and report.garment_cover is not None
    left = checks.old_frame_left(
        report.input, np.asarray(report.image), found, report.garment_cover, frame_window(face)
    )
    assert left is not None and left <= checks.OLD_FRAME_LEFT_MOST, left


def test_glasses_are_refused_over_sunglasses_whose_eyes_cannot_be_seen() -> None:
    """A frame with dark lenses hides the eyes: it is not traced to be painted out, and
    new glasses are refused with the reason."""
    _, worn, face = _astronaut_in_glasses(lenses=(30, 30, 35))
    assert old_frame(worn, face) is None
    person = analyse_person(worn)
    memo.keep(person, "face", (), face)
    with pytest.raises(EngineError, match="lenses hide the eyes"):
        place.glasses(person, cut_out(glasses_photo(), "glasses", None))


def _turned(face: lm.Face, degrees: float, axis: str) -> lm.Face:
    """The face mesh turned (about the vertical axis) or bowed (about the horizontal one) round its middle."""
    a = np.radians(degrees)
    c, s = np.cos(a), np.sin(a)
    rotation = (
        np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]]) if axis == "turn" else np.array([[1, 0, 0], [0, c, -s], [0, s, c]])
    )
    middle = face.points.mean(axis=0)
    return lm.Face(((face.points - middle) @ rotation.T + middle).astype(np.float32))


@pytest.mark.parametrize("axis", ["turn", "bow"])
def test_a_hat_and_glasses_are_refused_on_a_head_turned_or_bowed_far_away(axis: str) -> None:
    """The astronaut's face mesh turned or bowed by 75°: a hat or glasses would land on
    the side of the head, so both are refused with the reason. At 20° both are drawn, and
    at 55° too: a hat goes round the skull behind the face (the devset's heads turned 54
    to 67 degrees were refused at 50, wrongly), glasses are laid on the head in 3D."""
    image = np.ascontiguousarray(data.astronaut())
    face = lm.face(analyse_person(image))
    assert face is not None and face.turn < 20
    cap, frame = cut_out(hat_photo(), "hat", None), cut_out(glasses_photo(), "glasses", None)
    for degrees, refused_hat, refused_glasses in ((20.0, False, False), (55.0, False, False), (75.0, True, True)):
        for cut, kind, refused in ((cap, "hat", refused_hat), (frame, "glasses", refused_glasses)):
            person = analyse_person(image)
            memo.keep(person, "face", (), _turned(face, degrees, axis))
            with pytest.raises(EngineError, match="turned or bowed") if refused else contextlib.nullcontext():
                wear(person, cut, kind, None)


def legs_side_by_side(feet_on_one_leg: bool) -> Person:
    """Two bare legs standing close in red old shoes, feet towards the camera; the pose's
    landmarks of both feet on the left leg when `feet_on_one_leg` (as the pose model
    puts them when the feet stand close), else each on its own leg."""
    image = np.full((400, 300, 3), 120, np.uint8)
    mask = np.zeros((400, 300), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.ones(33, np.float32)
    for x in (125, 175):
        cv2.line(image, (x, 150), (x, 320), (200, 160, 140), 30)
        cv2.line(mask, (x, 150), (x, 320), 1.0, 30)
        cv2.rectangle(image, (x - 20, 324), (x + 20, 362), (220, 30, 30), -1)
        cv2.rectangle(mask, (x - 20, 324), (x + 20, 362), 1.0, -1)
    feet_x = (122, 128) if feet_on_one_leg else (125, 175)
    for fx, kx, (knee, ankle, heel, toe) in zip(feet_x, (125, 175), ((25, 27, 29, 31), (26, 28, 30, 32)), strict=True):
        points[[knee, ankle, heel, toe]] = [(kx, 150), (fx, 320), (fx, 330), (fx, 360)]
    empty = np.zeros((400, 300), np.uint8)
    return Person(image, points, visibility, mask, empty, empty, np.array([175, 140, 150], np.float32))


def test_both_feet_found_on_one_foot_are_refused_not_given_two_shoes_there() -> None:
    """The landmarks of both feet on one foot (ankles 6 px apart on a 170 px shin, less
    than one ankle's width): both shoes went on that foot and the other kept its old
    shoe; the render is refused with the reason. The same legs found right get two shoes."""
    shoe = side_shoe()
    with pytest.raises(EngineError) as refused:
        place.shoes(legs_side_by_side(feet_on_one_leg=True), shoe)
    assert refused.value.code == "pose_not_supported" and "both feet in one place" in refused.value.message
    assert len(place.shoes(legs_side_by_side(feet_on_one_leg=False), shoe)) == 2


def touching_legs(feet_x: tuple[int, int]) -> Person:
    """Two bare legs touching side by side (the person mask's row at the ankles runs
    through both, 60 px: two ankles of a 170 px shin) in red old shoes, feet towards
    the camera, each foot's landmarks at `feet_x` under knees 30 px apart."""
    image = np.full((400, 300, 3), 120, np.uint8)
    mask = np.zeros((400, 300), np.float32)
    points = np.zeros((33, 2), np.float32)
    for x in (135, 165):
        cv2.line(image, (x, 150), (x, 320), (200, 160, 140), 30)
        cv2.line(mask, (x, 150), (x, 320), 1.0, 30)
        cv2.rectangle(image, (x - 18, 324), (x + 18, 362), (220, 30, 30), -1)
        cv2.rectangle(mask, (x - 18, 324), (x + 18, 362), 1.0, -1)
    for fx, kx, (knee, ankle, heel, toe) in zip(feet_x, (135, 165), ((25, 27, 29, 31), (26, 28, 30, 32)), strict=True):
        points[[knee, ankle, heel, toe]] = [(kx, 150), (fx, 320), (fx, 330), (fx, 360)]
    empty = np.zeros((400, 300), np.uint8)
    return Person(image, points, np.ones(33, np.float32), mask, empty, empty, np.array([175, 140, 150], np.float32))


def test_feet_together_found_in_one_place_are_read_apart_from_the_legs_touching() -> None:
    """The pose put both feet's landmarks on the right leg of two legs touching (as it
    does on `ootd--053228_0` and `pwd001t_2`): refused as one foot, though the person
    mask's row at the ankles is two legs wide. Each foot is read from its half of that
    row: a new shoe on each old one, no old red shoe left, the shoes not stacked."""
    person = touching_legs((163, 167))
    composite = wear(person, side_shoe(), "shoes", None)
    for half in (composite.cover[300:380, :150], composite.cover[300:380, 150:]):
        assert (half > 0.5).sum() > 500, "a shoe on each foot"
    image = composite.image.astype(np.int16)
    red = (image[..., 0] - image[..., 2] > 120) & (composite.cover < 0.5)
    assert red[324:363].sum() < 30, "the old shoes are gone"
    feet = [(163.0, 320.0), (167.0, 320.0)]
    unshod = checks.feet_unshod(composite.cover, person.mask > 0.5, feet, 400.0, 0.62 * 170)
    assert unshod is not None and checks.faults({"feet_unshod": unshod}) == [], unshod


def hidden_foot(on_body: bool) -> Person:
    """A person seen from the side, the near (left) foot low in the picture and plain to
    see, the far foot higher up behind the near shin, marked less sure (0.35) by the
    pose: its heel shows left of the shin and its toe right of it. With `on_body` false
    the far foot's landmarks lie on the floor beside the legs (a guess)."""
    image = np.full((400, 300, 3), 120, np.uint8)
    mask = np.zeros((400, 300), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.ones(33, np.float32)
    cv2.rectangle(image, (100, 280), (200, 310), (220, 30, 30), -1)  # the far old shoe
    cv2.rectangle(mask, (100, 280), (200, 310), 1.0, -1)
    for (kx, ky), (ax, ay) in (((150, 130), (150, 280)), ((150, 150), (150, 330))):
        cv2.line(image, (kx, ky), (ax, ay), (60, 70, 110), 40)  # trousers
        cv2.line(mask, (kx, ky), (ax, ay), 1.0, 40)
    cv2.rectangle(image, (100, 330), (210, 362), (220, 30, 30), -1)  # the near old shoe
    cv2.rectangle(mask, (100, 330), (210, 362), 1.0, -1)
    far = (
        ((150, 130), (150, 280), (110, 300), (190, 300))
        if on_body
        else ((150, 130), (250, 280), (240, 300), (280, 300))
    )
    points[[26, 28, 30, 32]] = far
    points[[25, 27, 29, 31]] = [(150, 150), (150, 330), (110, 355), (200, 355)]
    visibility[[26, 28, 30, 32]] = 0.35
    empty = np.zeros((400, 300), np.uint8)
    return Person(image, points, visibility, mask, empty, empty, np.array([175, 140, 150], np.float32))


def test_a_foot_partly_hidden_behind_the_other_leg_gets_its_shoe_behind_that_shin() -> None:
    """The far foot marked 0.35 sure by the pose (the cellist `mmpose--005880453_01_l`):
    refused as "not in the photo". Its landmarks on the person, it gets its shoe, drawn
    behind the near shin (the trousers kept there) and showing either side of it; its
    landmarks on the floor beside the legs, it is still refused."""
    person = hidden_foot(on_body=True)
    composite = wear(person, side_shoe(), "shoes", None)
    shin = person.image[250:320, 140:161]
    assert np.abs(composite.image[250:320, 140:161].astype(np.int16) - shin).max() < 8, "the near shin in front"
    assert (composite.cover[260:315, 95:128] > 0.5).sum() > 100, "the far shoe's heel beside the shin"
    with pytest.raises(EngineError, match="feet are not in the photo"):
        place.shoes(hidden_foot(on_body=False), side_shoe())


def test_legs_crossed_below_the_knees_are_refused_not_given_stacked_shoes() -> None:
    """Knees far apart (0.6 of the shin) over both feet's landmarks in one column, one
    foot behind the other: legs crossed, the back foot hidden and both landmarks on the
    front one; both shoes went there, stacked. Refused with the reason; feet one behind
    the other under knees one behind the other (walking to the camera) still get shoes."""
    person = legs_side_by_side(feet_on_one_leg=False)
    person.points[[25, 26]] = [(100, 150), (200, 150)]
    person.points[[27, 29, 31]] = [(148, 270), (148, 280), (150, 310)]
    person.points[[28, 30, 32]] = [(152, 320), (152, 330), (150, 360)]
    with pytest.raises(EngineError) as refused:
        place.shoes(person, side_shoe())
    assert refused.value.code == "pose_not_supported" and "legs cross" in refused.value.message
    assert len(place.shoes(walking_feet(18), side_shoe())) == 2


def test_a_bare_leg_runs_straight_down_into_the_old_shoes_place_not_as_a_haze_beside_it() -> None:
    """Bare legs in red old shoes on a grey floor: where the old shoe was and the new one
    does not cover, the floor comes back grey, not tinted by the legs' pink blurred
    sideways into it (`ootd--052964_0`'s pink smear beside the new shoes); straight
    under the leg the skin runs on down a little."""
    person = legs_side_by_side(feet_on_one_leg=False)
    composite = wear(person, side_shoe(), "shoes", None)
    image = composite.image.astype(np.float32)
    old = np.zeros(person.mask.shape, bool)
    for x in (125, 175):
        old[324:363, x - 20 : x + 21] = True
    legs = np.zeros(person.mask.shape, bool)
    legs[:, 108:143] = legs[:, 158:193] = True
    beside = old & ~legs & (composite.cover < 0.02)
    assert beside.sum() > 50
    pink = image[..., 0] - image[..., 2]  # 0 on the grey floor, 60 on the skin
    assert float(pink[beside].mean()) < 3


def test_feet_together_get_two_shoes_with_a_parting_not_one_block() -> None:
    """Two bare legs touching (the person mask's row at the ankle runs through both): a
    shoe sized from that row was as wide as both feet and ran past the other ankle, so
    the two new shoes merged into one block. Each is sized to its own foot and stays on
    its side of a parting."""
    image = np.full((400, 300, 3), 120, np.uint8)
    mask = np.zeros((400, 300), np.float32)
    points = np.zeros((33, 2), np.float32)
    for x, (knee, ankle, heel, toe) in zip((135, 165), ((25, 27, 29, 31), (26, 28, 30, 32)), strict=True):
        cv2.line(image, (x, 150), (x, 320), (200, 160, 140), 30)
        cv2.line(mask, (x, 150), (x, 320), 1.0, 30)
        cv2.rectangle(image, (x - 18, 324), (x + 18, 362), (220, 30, 30), -1)
        cv2.rectangle(mask, (x - 18, 324), (x + 18, 362), 1.0, -1)
        points[[knee, ankle, heel, toe]] = [(x, 150), (x, 320), (x, 330), (x, 360)]
    empty = np.zeros((400, 300), np.uint8)
    person = Person(image, points, np.ones(33, np.float32), mask, empty, empty, np.array([175, 140, 150], np.float32))
    composite = wear(person, side_shoe(), "shoes", None)
    feet = [[tuple(points[i]) for i in foot] for foot in checks.FEET]
    merged = checks.shoes_merged(composite.cover, feet, 0.62 * 170)
    assert merged is not None and checks.faults({"shoes_merged": merged}) == [], merged
    for half in (composite.cover[300:380, :150], composite.cover[300:380, 150:]):
        assert (half > 0.5).sum() > 500, "a shoe on each foot"


def test_an_old_boots_shaft_up_a_bare_leg_goes_and_the_shin_comes_down_over_it() -> None:
    """Bare legs in old ankle boots whose brown shafts reach 40 px up the shin above the
    collar line: taken away only below that line, the shafts stayed above the new low
    shoes. They go, the shin comes down in their place and the floor beside it."""
    person = legs_side_by_side(feet_on_one_leg=False)
    for x in (125, 175):
        cv2.rectangle(person.image, (x - 20, 280), (x + 20, 362), (90, 50, 30), -1)
        cv2.rectangle(person.mask, (x - 20, 280), (x + 20, 362), 1.0, -1)
    composite = wear(person, side_shoe(), "shoes", None)
    out = composite.image.astype(np.float32)
    brown = np.linalg.norm(out - np.array([90, 50, 30], np.float32), axis=-1) < 30
    shaft = np.zeros(person.mask.shape, bool)
    for x in (125, 175):
        shaft[282:318, x - 20 : x + 21] = True
    assert (brown & shaft).sum() < 20, "nothing of the shafts above the new shoes"
    for x in (125, 175):
        shin = out[290:312, x - 6 : x + 7].reshape(-1, 3).mean(axis=0)
        assert np.abs(shin - np.array([200, 160, 140])).max() < 25, shin
        beside = out[290:312, x + 17 : x + 20].reshape(-1, 3).mean(axis=0)
        assert np.abs(beside - 120).max() < 25, beside


def test_an_old_white_sole_the_person_mask_missed_is_taken_away_too() -> None:
    """Old shoes with white soles the person mask left out (a pale sole reads as floor):
    the sole stayed as a white sliver under the new shoe and coloured the floor's fill;
    it goes with the rest of the old shoe and the floor comes back there."""
    person = legs_side_by_side(feet_on_one_leg=False)
    for x in (125, 175):
        cv2.rectangle(person.image, (x - 22, 363), (x + 22, 372), (245, 245, 245), -1)  # not in the mask
    composite = wear(person, side_shoe(), "shoes", None)
    sole = np.zeros(person.mask.shape, bool)
    for x in (125, 175):
        sole[363:373, x - 22 : x + 23] = True
    shown = sole & (composite.cover < 0.05)
    assert shown.sum() > 30
    assert float(composite.image[shown].mean()) < 150  # the grey floor (120), not the white sole (245)


def test_hair_below_a_slanted_hats_lower_edge_stays_hair() -> None:
    """A beanie photographed from the side has a lower edge that slants up to one side.
    The hair under that raised side used to be erased to the backdrop, leaving a pale gap
    between the hat and the head; it stays hair now."""
    person = head_person()
    hair_colour = (60, 40, 30)
    cv2.ellipse(person.image, (250, 75), (62, 50), 0, 180, 360, hair_colour, -1)
    person.mask[np.any(person.image != 235, axis=2)] = 1.0
    person = lowered(person, 80)  # room above the head for the tall beanie
    hair = np.all(person.image == hair_colour, axis=2)
    beanie = np.full((260, 400, 3), 250, np.uint8)
    # Crown and band, the band's lower edge rising by a third of the hat's height to the left.
    cv2.fillPoly(beanie, [np.array([[40, 150], [360, 230], [360, 60], [200, 20], [40, 60]], np.int32)], (30, 90, 40))
    result = wear(person, cut_out(beanie, "hat", None), "hat", None)
    shown = (result.cover < 0.3) & hair
    assert shown.sum() > 200, "hair shows below the raised side of the band"
    pale = np.abs(result.image.astype(int) - 235).max(axis=2) < 25
    assert (shown & pale).sum() < 20, "no backdrop between the hat and the head"


def test_big_hair_beside_a_hats_crown_stays_and_a_short_tuft_goes() -> None:
    """Curls that go on far beside the crown (right) stay: erasing the part of them just
    beside the hat filled it with a blotch of backdrop and skin. A short tuft beside the
    crown (left) that ends there still goes under the hat."""
    person = head_person()
    cv2.ellipse(person.image, (330, 30), (60, 14), 0, 0, 360, (200, 180, 120), -1)
    cv2.ellipse(person.image, (185, 35), (8, 6), 0, 0, 360, (200, 180, 120), -1)
    person.mask[np.any(person.image != 235, axis=2)] = 1.0
    (worn,) = place.hat(person, cut_out(hat_photo(), "hat", None))
    assert worn.erase is not None
    curls = worn.erase[26:34, 311:325]
    assert curls.max() < 0.5, "the curls beside the crown stay"
    assert worn.erase[33:37, 181:189].min() > 0.5, "the short tuft goes under the hat"


def test_a_bag_is_never_held_by_a_hand_in_a_pocket_or_held_out() -> None:
    """One hand rests on the torso (in a pocket), the other is held out sideways: neither
    holds the bag. A handbag goes on the shoulder instead; one the description says is
    held is refused, the message naming why."""
    person = drawn_person()
    person.points[L_WRIST] = (300, 330)  # below the elbow, but on the torso
    person.points[R_WRIST] = (40, 262)  # out sideways at the elbow's height
    person = with_hands(person)
    placements = place.bag(person, cut_out(bag_photo(), "bag", None), "")
    assert all("hand" not in (p.part or "") for p in placements), "no hand in a pocket or held out holds it"
    assert len(placements) == 2 and "hip" in (placements[1].part or ""), "hung from the shoulder by its strap"
    with pytest.raises(EngineError, match="pocket") as refused:
        place.bag(person, cut_out(bag_photo(), "bag", None), "handbag held in the hand")
    assert "held out" in str(refused.value)


def test_a_hand_whose_fingers_are_hidden_holds_no_bag() -> None:
    """A hand hanging beside the body, its fingers in a pocket (cloth where they end):
    the bag goes on the shoulder, not into the pocket."""
    person = with_hands(drawn_person())
    for wrist in (L_WRIST, R_WRIST):
        x, y = (int(v) for v in person.pt(wrist))
        cv2.rectangle(person.image, (x - 20, y + 10), (x + 20, y + 50), (60, 80, 140), -1)  # the pocket
    placements = place.bag(person, cut_out(bag_photo(), "bag", None), "")
    assert all("hand" not in (p.part or "") for p in placements)
    with pytest.raises(EngineError, match="fingers are not visible"):
        place.bag(person, cut_out(bag_photo(), "bag", None), "handbag held in the hand")


def test_a_bag_with_no_handle_hangs_from_a_strap() -> None:
    """A messenger bag, its flap on top and no handle: hung from the shoulder by a drawn
    strap, not held by its flap."""
    photo = np.full((300, 480, 3), 255, np.uint8)
    cv2.rectangle(photo, (40, 40), (440, 260), (90, 90, 90), -1)
    placements = place.bag(with_hands(drawn_person()), cut_out(photo, "bag", None), "")
    assert len(placements) == 2, "a strap and the bag"
    assert "hip" in (placements[1].part or "")


def test_a_shoulder_bags_own_strap_is_cut_off_when_one_is_drawn() -> None:
    """A hobo bag photographed with its strap looping above it: hung from the shoulder,
    only its body is placed (the drawn strap is the only strap, never two)."""
    photo = np.full((480, 400, 3), 255, np.uint8)
    cv2.ellipse(photo, (200, 250), (150, 210), 0, 180, 360, (150, 120, 200), 12)
    cv2.rectangle(photo, (40, 250), (360, 450), (150, 120, 200), -1)
    cut = cut_out(photo, "bag", None)
    strap, body = place.bag(drawn_person(), cut, "shoulder bag")
    assert body.cutout.alpha.shape[0] < cut.alpha.shape[0] * 0.6, "the photo's strap loop is cut off"
    assert (body.cutout.alpha[:10] > 0.5).mean() > 0.5, "the body's top is the placed bag's top"
    assert strap.cutout.alpha.max() > 0.5


def _drawn_strap_colours(photo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The drawn strap's colour along its middle (its lightest third) and its darkest tenth
    (its edge), for a bag hung from the shoulder."""
    strap, _ = place.bag(drawn_person(), cut_out(photo, "bag", None), "shoulder bag")
    solid = strap.cutout.rgb[strap.cutout.alpha > 0.5].astype(np.float32)
    assert len(solid) > 50
    light = solid.sum(axis=1)
    return np.median(solid[light >= np.percentile(light, 67)], axis=0), np.percentile(solid, 10, axis=0)


@pytest.mark.parametrize(
    ("strap_rgb", "body_rgb", "trim_rgb", "want"),
    [
        # A black bag with a tan strap loop: the drawn strap is tan (seen on a black hoodie).
        ((200, 170, 120), (25, 25, 25), (25, 25, 25), (200, 170, 120)),
        # A blue bag with a black trim band and no strap in its photo: blue, not the trim's black.
        (None, (40, 60, 160), (15, 15, 15), (40, 60, 160)),
    ],
)
def test_the_drawn_strap_takes_the_bags_own_strap_colour_with_a_darker_edge(
    strap_rgb: tuple[int, int, int] | None,
    body_rgb: tuple[int, int, int],
    trim_rgb: tuple[int, int, int],
    want: tuple[int, int, int],
) -> None:
    """The strap drawn to the shoulder is the colour of the product's own strap (else the
    bag's main colour), never its darkest colour, which vanished on dark clothes; a thin
    darker edge outlines it on any clothing."""
    photo = np.full((480, 400, 3), 255, np.uint8)
    if strap_rgb is not None:
        cv2.ellipse(photo, (200, 250), (150, 210), 0, 180, 360, strap_rgb, 12)
    cv2.rectangle(photo, (40, 250), (360, 450), body_rgb, -1)
    cv2.rectangle(photo, (40, 410), (360, 450), trim_rgb, -1)
    middle, edge = _drawn_strap_colours(photo)
    assert np.abs(middle - np.array(want, np.float32)).max() < 25, middle
    assert edge.sum() < 0.75 * middle.sum(), (edge, middle)


def test_a_dark_strap_on_dark_clothes_gets_a_lighter_edge() -> None:
    """A black backpack strap drawn over a black hoodie: its edge is lighter than the strap
    (a darker edge would not show), so the strap still reads; on light clothes it is darker."""
    photo = np.full((480, 400, 3), 255, np.uint8)
    cv2.ellipse(photo, (200, 250), (150, 210), 0, 180, 360, (20, 20, 20), 12)
    cv2.rectangle(photo, (40, 250), (360, 450), (40, 60, 160), -1)
    edges = {}
    for clothes in (25, 235):
        person = drawn_person()
        person.image[person.mask > 0.5] = clothes
        strap, _ = place.bag(person, cut_out(photo, "bag", None), "shoulder bag")
        solid = strap.cutout.rgb[strap.cutout.alpha > 0.5].astype(np.float32).mean(axis=1)
        edges[clothes] = (float(np.percentile(solid, 95)), float(np.percentile(solid, 5)))
    assert edges[25][0] > 60, "a lighter edge on the black hoodie"
    assert edges[235][0] < 40, "no lighter edge on light clothes"


SLEEVE = (40, 50, 90)


def forearm_person(
    *, across_body: bool = False, thickness: int = 36, cuff: float | None = None, slant: float = 0.0
) -> Person:
    """`drawn_person` with its left forearm redrawn: `thickness` px thick, with a hand at
    the wrist; lying across the torso when `across_body`; in a sleeve down to `cuff` (the
    share of the way from the elbow to the wrist) when given, its end cut aslant, one side
    `slant` times the thickness further down than the other."""
    person = drawn_person()
    image = person.image.copy()
    elbow, wrist = np.array([360.0, 270.0]), np.array([380.0, 390.0])
    if across_body:
        elbow, wrist = np.array([400.0, 250.0]), np.array([260.0, 300.0])
        person.points[L_ELBOW], person.points[L_WRIST] = elbow, wrist
    cv2.line(image, (330, 150), (360, 270), (200, 160, 130), 36)  # the upper arm as before
    cv2.line(image, tuple(elbow.astype(int)), tuple(wrist.astype(int)), (200, 160, 130), thickness)
    along = (wrist - elbow) / np.linalg.norm(wrist - elbow)
    cv2.circle(image, tuple((wrist + along * thickness * 0.7).astype(int)), int(thickness * 0.75), (200, 160, 130), -1)
    if cuff is not None:
        end = elbow + (wrist - elbow) * cuff
        cv2.line(image, tuple(elbow.astype(int)), tuple(end.astype(int)), SLEEVE, thickness + 4, cv2.LINE_8)
        # A square cuff's end: cut the line's round cap off across the forearm.
        across = np.array([-along[1], along[0]]) * (thickness / 2 + 3)
        tilt = along * slant * thickness / 2
        corners = [
            end - across - tilt,
            end + across + tilt,
            end + across + along * thickness,
            end - across + along * thickness,
        ]
        cv2.fillConvexPoly(image, np.array(corners, np.int32), (200, 160, 130))
    mask = np.any(image != 235, axis=2).astype(np.float32)
    return Person(image, person.points, person.visibility, mask, person.face, person.hands, person.skin_lab)


def _on_skin_share(person: Person, cover: np.ndarray) -> float:
    solid = cover > 0.5
    skin = np.all(np.abs(person.image.astype(int) - (200, 160, 130)) < 8, axis=2)
    return float((solid & skin).sum() / max(1, solid.sum()))


def test_a_watch_on_a_thin_forearm_across_the_body_is_as_wide_as_the_wrist_not_the_body() -> None:
    """A forearm lying across the torso: the person mask runs on across the body, and the
    wrist was taken at 1.3 times the guess from the shoulders, so the case and strap hung
    over the arm's edges onto the shirt. The run of skin across the wrist sizes it now."""
    person = forearm_person(across_body=True, thickness=20)
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert (result.cover > 0.5).sum() > 150, "the watch is drawn"
    assert _on_skin_share(person, result.cover) > 0.88, "nothing of the watch lies on the shirt beside the wrist"


def test_a_watch_goes_below_a_sleeves_cuff_and_is_refused_when_the_cuff_reaches_the_hand() -> None:
    """A sleeve down over the watch's usual place: the watch goes below the cuff, on the
    skin, its top tucked under the cuff (it was drawn on the sleeve); a cuff down to the
    hand leaves no wrist to show it, and the render is refused with that reason."""
    person = forearm_person(cuff=0.9)
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert (result.cover > 0.5).sum() > 150, "the watch is drawn"
    assert _on_skin_share(person, result.cover) > 0.9, "the watch is on the wrist's skin, not on the sleeve"
    sleeve = np.all(person.image == SLEEVE, axis=2)
    assert changed(person.image, result.image)[sleeve].mean() < 0.01, "the cuff stays in front of the watch"
    with pytest.raises(EngineError) as info:
        wear(forearm_person(cuff=1.05), cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert info.value.code == "pose_not_supported" and "sleeve covers the left wrist" in info.value.message


@pytest.mark.parametrize(("cuff", "slant"), [(0.84, 0.0), (0.92, 0.6)])
def test_a_cuff_reaching_into_the_watchs_place_or_cut_aslant_stays_in_front_of_it(cuff: float, slant: float) -> None:
    """A cuff that comes a little way down into the case's usual place (most of it bare):
    the case stayed there and was drawn half over the cuff (a lace sleeve's band, a knit
    cuff); and a cuff cut aslant, further down on one side than in the wrist's middle where
    its end is measured: the case was drawn over that side (a gathered yellow cuff). The
    case goes below the cuff now, tucked under it, the whole sleeve in front."""
    person = forearm_person(cuff=cuff, slant=slant)
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert (result.cover > 0.5).sum() > 150, "the watch is drawn"
    solid = result.cover > 0.5
    on_sleeve = (solid & np.all(person.image == SLEEVE, axis=2)).sum() / solid.sum()
    assert on_sleeve < 0.01, "nothing of the watch is drawn over the cuff (it was 0.19 and 0.15 of it)"


def test_a_wrist_point_beside_a_thin_wrist_puts_the_watch_on_the_arm_not_beside_it() -> None:
    """The hand's wrist point can lie beside a thin wrist seen side on (a hand on the hip):
    the watch was centred on it and hung half off the arm into the backdrop; it now goes
    on the arm found nearest that point across the forearm."""
    person = forearm_person(thickness=22)
    wrist, elbow = person.pt(L_WRIST).copy(), person.pt(L_ELBOW)
    along = (wrist - elbow) / np.linalg.norm(wrist - elbow)
    person.points[L_WRIST] = wrist + np.array([-along[1], along[0]]) * 16  # 16 px off the arm's middle
    person.points[L_ELBOW] = elbow + np.array([-along[1], along[0]]) * 16
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert (result.cover > 0.5).sum() > 100, "the watch is drawn"
    assert _on_skin_share(person, result.cover) > 0.88, "the watch lies on the arm, not beside it"


def three_quarter_watch_photo() -> np.ndarray:
    """A watch shot at three-quarters: a light round case low and right, its black strap
    running up and down out of it, and the strap's far loop a black block beside the case
    (up and left), as wide as the case."""
    image = np.full((420, 300, 3), 255, np.uint8)
    cv2.rectangle(image, (150, 10), (210, 410), (25, 25, 25), -1)  # the strap, up and down
    cv2.ellipse(image, (110, 170), (70, 110), 0, 0, 360, (25, 25, 25), -1)  # the far loop beside it
    cv2.circle(image, (180, 230), 70, (200, 200, 205), -1)  # the steel case
    cv2.circle(image, (180, 230), 55, (235, 235, 240), -1)  # its dial
    cv2.line(image, (180, 230), (180, 190), (0, 0, 0), 4)
    return image


def test_a_watch_shot_at_three_quarters_is_drawn_with_its_strap_round_the_wrist_not_beside_the_case() -> None:
    """The strap's far loop showed as a dark block beside the case (`watch_strap_block`
    about 1 and over); redrawn, the strap runs across the forearm on both sides of the
    case, narrower than it, and the dark mass spreads across the wrist."""

    person = drawn_person()
    result = wear(person, cut_out(three_quarter_watch_photo(), "watch", None), "watch", "left wrist")
    lightness = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    elbow, wrist = person.pt(L_ELBOW), person.pt(L_WRIST)
    score = checks.watch_strap_block(result.cover, lightness, elbow, wrist)
    assert score is not None and score < checks.WATCH_STRAP_BLOCK, score
    along = (wrist - elbow)[:2] / np.linalg.norm((wrist - elbow)[:2])
    across = np.array([-along[1], along[0]])
    ys, xs = np.nonzero((result.cover > 0.5) & (lightness < 80))
    sideways = (np.stack([xs, ys], axis=1) - np.array([xs.mean(), ys.mean()])) @ across
    assert sideways.min() < -8 and sideways.max() > 8, "dark strap on both sides of the case"


def test_the_case_is_told_from_the_strap_and_a_steel_bracelet_is_kept_as_shot() -> None:
    """The redrawn cut-out: the case (its widest rows) in the middle, a strap narrower than
    it above and below; a bracelet of the case's own steel is not redrawn."""
    from fitroom.engines.classic.accessories import strap

    found = strap.case_and_strap(cut_out(three_quarter_watch_photo(), "watch", None))
    assert found is not None
    redrawn, (case_w, case_h) = found
    assert case_w == pytest.approx(140, abs=6) and case_h == pytest.approx(140, abs=6), "the case alone"
    widths = (redrawn.alpha > 0.5).sum(axis=1)
    h = len(widths)
    assert widths[h // 2] >= 0.95 * widths.max(), "the case is in the middle"
    assert 0.4 * widths.max() <= widths[2] <= 0.75 * widths.max(), "the strap is narrower than the case"
    assert widths[2] == pytest.approx(widths[-3], abs=2), "the same strap on both sides"
    assert redrawn.rgb[2, redrawn.alpha.shape[1] // 2].max() < 80, "the strap keeps its colour"
    steel = np.full((400, 300, 3), 255, np.uint8)
    cv2.rectangle(steel, (115, 10), (185, 390), (200, 200, 200), -1)
    cv2.circle(steel, (150, 200), 75, (190, 190, 195), -1)
    cv2.circle(steel, (150, 200), 55, (40, 40, 60), -1)
    assert strap.case_and_strap(cut_out(steel, "watch", None)) is None


def ribbed_watch_photo(
    strap: tuple[int, int, int] = (25, 25, 25), rib: tuple[int, int, int] = (90, 90, 90)
) -> np.ndarray:
    """`three_quarter_watch_photo` with the strap's own texture: ribs across it every 8 px
    and a stitched line down each side."""
    image = three_quarter_watch_photo()
    cv2.rectangle(image, (150, 10), (210, 410), strap, -1)
    cv2.ellipse(image, (110, 170), (70, 110), 0, 0, 360, strap, -1)
    for y in range(14, 410, 8):
        cv2.line(image, (152, y), (208, y), rib, 2)
    for x in (156, 204):
        for y in range(12, 410, 10):
            cv2.line(image, (x, y), (x, y + 5), (40, 180, 220), 1)
    cv2.circle(image, (180, 230), 70, (200, 200, 205), -1)
    cv2.circle(image, (180, 230), 55, (235, 235, 240), -1)
    cv2.line(image, (180, 230), (180, 190), (0, 0, 0), 4)
    return image


def test_a_strap_keeps_its_own_texture_on_the_wrist_not_one_flat_colour() -> None:
    """The strap was painted in its median colour: a flat slab (`watch_strap_flat` about
    0.4 on this drawing); drawn from the product's own strap, its ribs and stitching show
    beside the case, and the band bends round the wrist."""
    small = forearm_person()
    person = Person(
        cv2.resize(small.image, None, fx=3, fy=3, interpolation=cv2.INTER_LINEAR),
        small.points * 3,
        small.visibility,
        cv2.resize(small.mask, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST),
        cv2.resize(small.face, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST),
        cv2.resize(small.hands, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST),
        small.skin_lab,
    )  # three times larger: the strap's ribs a few pixels apart
    result = wear(person, cut_out(ribbed_watch_photo(), "watch", None), "watch", "left wrist")
    lightness = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    elbow, wrist = person.pt(L_ELBOW), person.pt(L_WRIST)
    score = checks.watch_strap_flat(result.cover, lightness, elbow, wrist)
    assert score is not None and score > checks.WATCH_STRAP_FLAT, score
    # Seen from above (the forearm hangs), the band's ends turn up the forearm: a smile.
    along = (wrist - elbow)[:2] / np.linalg.norm((wrist - elbow)[:2])
    ys, xs = np.nonzero((result.cover > 0.5) & (lightness < 80))
    pts = np.stack([xs, ys], axis=1) - np.array([xs.mean(), ys.mean()])
    sideways, down = np.abs(pts @ np.array([-along[1], along[0]])), pts @ along
    outer, inner = (
        sideways > 0.85 * sideways.max(),
        (sideways > 0.5 * sideways.max()) & (sideways < 0.65 * sideways.max()),
    )
    assert down[outer].mean() < down[inner].mean() - 2, "the strap's ends turn up the forearm"


def test_the_strap_bends_round_the_wrist_seen_from_above() -> None:
    """Worn with a tilt, the band's ends turn towards +x (up the forearm) and its rows
    near the wrist's outline are darker than beside the case; square on, they do not turn."""
    from fitroom.engines.classic.accessories import strap

    found = strap.read(cut_out(ribbed_watch_photo(), "watch", None))
    assert found is not None
    case_h, case_w = found.case_alpha.shape
    radius = case_w / 0.72 / 2

    def middle(cut: Cutout, row: int) -> float:
        xs = np.nonzero(cut.alpha[row] > 0.5)[0]
        return float(xs.mean() - cut.alpha.shape[1] / 2)

    flat, _ = strap.worn(found, radius, 0.0)
    bent, _ = strap.worn(found, radius, 0.25)
    end = 3
    assert abs(middle(flat, end)) < 2
    assert middle(bent, end) > 0.1 * radius * 0.25 * 3, "the strap's end turns up the forearm"
    assert middle(bent, end) == pytest.approx(middle(bent, bent.alpha.shape[0] - 1 - end), abs=2), "both ends alike"
    h = bent.alpha.shape[0]
    near, far = bent.rgb[h // 2 - case_h // 2 - 4].mean(), bent.rgb[end].mean()
    assert far < near, "darker where it turns away"


def test_a_greyish_strap_near_the_steel_is_still_told_from_the_case() -> None:
    """A grey-brown leather strap (grain of 25 levels round a lightness of 100) near the
    case's dull steel: its spread set the colour bound so loose that the steel went with
    the strap, no case was found and the watch was drawn as shot (the devset's mg05); it is
    read again at the tight bound."""
    from fitroom.engines.classic.accessories import strap

    image = three_quarter_watch_photo()
    leather = np.zeros(image.shape[:2], np.uint8)
    cv2.rectangle(leather, (150, 10), (210, 410), 1, -1)
    cv2.ellipse(leather, (110, 170), (70, 110), 0, 0, 360, 1, -1)
    grain = np.clip(100 + 25 * np.random.default_rng(0).normal(0, 1, image.shape[:2]), 20, 200)
    image[leather > 0] = np.stack([grain, grain * 0.93, grain * 0.82], axis=2)[leather > 0].astype(np.uint8)
    cv2.circle(image, (180, 230), 70, (135, 135, 139), -1)  # dull steel
    cv2.circle(image, (180, 230), 55, (60, 60, 62), -1)  # a dark dial
    cv2.line(image, (180, 230), (180, 190), (200, 200, 200), 4)
    found = strap.read(cut_out(image, "watch", None))
    assert found is not None
    assert found.case_alpha.shape[1] == pytest.approx(140, abs=8), "the case alone"


def test_a_large_watch_photo_gives_the_case_at_full_size_once_per_cut_out() -> None:
    """The case's blob is found on a shrunk copy (`strap.OPEN_SIDE`), yet the case keeps
    its full-size outline (three times the drawn photo's case, 140 px); what is read is
    kept with the cut-out, so a second render with the same product photo reads nothing."""
    from fitroom.engines.classic.accessories import strap

    photo = cv2.resize(three_quarter_watch_photo(), None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
    cut = cut_out(photo, "watch", None)
    assert max(cut.alpha.shape) > strap.OPEN_SIDE
    found = strap.case_and_strap(cut)
    assert found is not None
    _, (case_w, case_h) = found
    assert case_w == pytest.approx(420, abs=12) and case_h == pytest.approx(420, abs=12)
    assert strap.read(cut) is strap.read(cut)


def test_a_cut_out_shrunk_far_keeps_a_thin_strand_as_wide_as_a_disc_would() -> None:
    """Shrunk to a twentieth, a one-pixel strand keeps most of an output pixel's cover: the
    widening (a small disc, then a square beyond `DISC_REACH`) reaches at least as far as
    the disc of the whole reach, and no further than its square."""
    from fitroom.engines.classic.accessories.compose import DISC_REACH, _widened

    alpha = np.zeros((61, 61), np.float32)
    alpha[30, 30] = 1
    reach = 12
    assert reach > DISC_REACH
    widened = _widened(alpha, reach)
    disc = cv2.dilate(alpha, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1)))
    assert (widened >= disc).all()
    assert widened[30 - reach : 31 + reach, 30 - reach : 31 + reach].sum() == widened.sum()


def raised_head(rows: int) -> Person:
    """`head_person` moved `rows` rows up: the photo's top edge nearer the head."""
    person = head_person()
    person.image[:] = np.roll(person.image, -rows, axis=0)
    person.mask[:] = np.roll(person.mask, -rows, axis=0)
    person.points[:, 1] -= rows
    return person


def test_a_hat_the_photos_top_edge_cuts_by_a_quarter_is_drawn_cut_and_more_is_refused() -> None:
    """Photos of people often cut the crown with their top edge: a hat of which 28% lies
    above the photo still shows its band and most of its crown, and is drawn (it was
    refused), cut straight and solid along the edge. A head whose top the edge touches,
    with 64% of the hat above it, shows only a band: refused with that reason."""
    person = raised_head(10)
    result = wear(person, cut_out(hat_photo(), "hat", None), "hat", None)
    solid = (result.cover > 0.9).sum(axis=1)
    assert solid[0] > 60, "the hat reaches the photo's top edge"
    assert solid[0] >= 0.95 * solid[4], "cut cleanly there, not faded toward it"
    with pytest.raises(EngineError, match="cut off") as refused:
        place.hat(raised_head(38), cut_out(hat_photo(), "hat", None))
    assert refused.value.code == "pose_not_supported"


def beanie_photo() -> np.ndarray:
    """A beanie from the front: a dome over a cuff whose lower edge is straight."""
    image = np.full((300, 400, 3), 250, np.uint8)
    cv2.ellipse(image, (200, 200), (150, 170), 0, 180, 360, (40, 40, 40), -1)
    cv2.rectangle(image, (50, 190), (350, 270), (40, 40, 40), -1)
    return image


def test_a_beanies_straight_cuff_is_worn_bent_down_over_the_temples() -> None:
    """A cuff photographed straight was drawn as a straight cut across the forehead; worn,
    the band goes round the head, lower over the temples than over the brows: the drawn
    lower edge dips toward its sides enough to pass `checks.hat_band_dip`."""
    person = head_person()
    result = wear(person, cut_out(beanie_photo(), "hat", None), "hat", None)
    eyes = [person.pt(R_EYE), person.pt(L_EYE)]
    dip = checks.hat_band_dip(result.cover, eyes)
    assert dip is not None and not checks.faults({"hat_band_dip": dip}), dip


def slanted_worn_hat() -> Cutout:
    """A beanie cut from a photo of a tilted head, seen from the side: the cuffed dome
    turned 20 degrees, its band's near end rising round the head, a slouch hanging below
    the band at its far end."""
    alpha = np.zeros((300, 400), np.float32)
    cv2.ellipse(alpha, (200, 200), (150, 170), 0, 180, 360, 1.0, -1)
    cv2.rectangle(alpha, (50, 190), (350, 270), 1.0, -1)
    cv2.ellipse(alpha, (50, 270), (30, 60), 0, 0, 360, 0.0, -1)
    cv2.ellipse(alpha, (340, 265), (25, 30), 0, 0, 360, 1.0, -1)
    turn = cv2.getRotationMatrix2D((200.0, 150.0), -20.0, 1.0)
    alpha = cv2.warpAffine(alpha, turn, (420, 380)).astype(np.float32)
    rgb = np.zeros((*alpha.shape, 3), np.uint8)
    rgb[..., 1] = 90
    return Cutout(rgb, alpha, [], 0.0)


def test_a_hat_cut_from_a_tilted_head_is_worn_level_with_the_brows() -> None:
    """A hat cut from a worn photo, placed with its band's slant as shot, crossed the
    forehead diagonally, down over one brow (`checks.hat_band_tilt` fails it); levelled,
    its band made one straight edge, it lies along the brows and still dips over the
    temples. A hat already level is left as it is."""
    person = head_person()
    eyes = [person.pt(R_EYE), person.pt(L_EYE)]
    as_shot = wear(person, slanted_worn_hat(), "hat", None)
    tilt = checks.hat_band_tilt(as_shot.cover, eyes)
    assert tilt is not None and checks.faults({"hat_band_tilt": tilt}) == ["hat_band_tilt"], tilt
    level = wear(person, levelled_worn_hat(slanted_worn_hat()), "hat", None)
    tilt = checks.hat_band_tilt(level.cover, eyes)
    dip = checks.hat_band_dip(level.cover, eyes)
    assert tilt is not None and not checks.faults({"hat_band_tilt": tilt}), tilt
    assert dip is not None and not checks.faults({"hat_band_dip": dip}), dip
    upright = cut_out(beanie_photo(), "hat", None)
    assert levelled_worn_hat(upright) is upright


def test_a_hat_on_a_turned_head_sits_over_the_skull_behind_the_face() -> None:
    """The astronaut's face mesh turned by 40 degrees: the hat goes round the skull, whose
    middle lies behind the face, so it shifts away from the way the nose turned (it was
    centred on the face's outline and floated beside the head). At 47 degrees (refused at
    45 before) a hat is still drawn."""
    image = np.ascontiguousarray(data.astronaut())
    face = lm.face(analyse_person(image))
    assert face is not None
    cap = cut_out(hat_photo(), "hat", None)
    offsets = []
    for degrees in (0.0, 40.0):
        person = analyse_person(image)
        turned = _turned(face, degrees, "turn")
        memo.keep(person, "face", (), turned)
        result = wear(person, cap, "hat", None)
        ys, xs = np.nonzero(result.cover > 0.5)
        brows = (turned.pt(lm.BROW_L) + turned.pt(lm.BROW_R)) / 2
        offsets.append((float(xs.mean() - brows[0]), float(turned.pt(lm.NOSE_TIP)[0] - brows[0])))
    (straight, _), (shifted, nose) = offsets
    assert np.sign(shifted - straight) == -np.sign(nose), "the hat moves toward the back of the head"
    # The photo's head outline, still frontal, holds it back to within 0.15 of the hat's width.
    assert abs(shifted - straight) > face.width * 0.05
    person = analyse_person(image)
    memo.keep(person, "face", (), _turned(face, 47.0, "turn"))
    assert wear(person, cap, "hat", None).cover.max() > 0.5


def backpack_photo() -> np.ndarray:
    """A backpack from the front: taller than wide, a grab loop on top."""
    image = np.full((480, 340, 3), 255, np.uint8)
    cv2.ellipse(image, (170, 60), (40, 30), 0, 180, 360, (40, 160, 60), 10)
    cv2.rectangle(image, (40, 60), (300, 460), (40, 160, 60), -1)
    return image


def test_a_backpack_hangs_behind_the_body_with_its_strap_over_the_shoulder() -> None:
    """A backpack goes on one shoulder behind the person, shown beside the body, not in
    front of the hip like a handbag (read as a purse); a wide strap comes over the front
    of the shoulder and goes under the arm."""
    person = drawn_person()
    result = wear(person, cut_out(backpack_photo(), "bag", None), "bag", None)
    green = np.abs(result.image.astype(int) - (40, 160, 60)).max(axis=2) < 30
    assert green.sum() > 2000, "the backpack shows"
    below_strap = np.arange(person.mask.shape[0])[:, None] > 260  # the strap ends at the armpit, above
    assert (green & (person.mask > 0.5) & below_strap).sum() < 50, "the body is in front of the backpack"
    torso = np.zeros(person.mask.shape, np.uint8)
    cv2.fillConvexPoly(torso, np.array([(320, 150), (180, 150), (200, 370), (300, 370)]), 1)
    strap = (result.cover > 0.5) & (torso > 0)
    assert strap.any(), "its strap shows in front of the shoulder"
    assert np.nonzero(strap)[0].max() < 260, "the strap goes under the arm, not down the torso"


def test_a_backpack_on_one_shoulder_is_worn_not_floating_beside_the_arm() -> None:
    """A backpack slung on one shoulder is mostly hidden behind the body, as tall as most
    of the torso, its top up at the shoulder: the body borders what shows of it all the
    way down. Hung a fixed way out beside the arm, it showed whole with air between it
    and the arm (17 devset pairs B or F)."""
    person = drawn_person()
    result = wear(person, cut_out(backpack_photo(), "bag", None), "bag", None)
    strap = person.shoulder_width * 0.03 * place.BACKPACK_STRAP_WIDTH
    shoulders = [person.pt(i) for i in (11, 12)]
    detached = checks.backpack_detached(result.cover, shoulders, strap, person.shoulder_width)
    assert detached is not None and not checks.faults({"backpack_detached": detached}), detached


def test_a_person_seen_from_behind_takes_a_shoulder_bag_but_not_a_slung_backpack() -> None:
    """Seen from behind, a shoulder bag hangs at the hip from its strap over the shoulder
    as seen from the front (refused as a back view: a devset F); a backpack slung on one
    shoulder is drawn behind the body, which from behind is wrong, and stays refused."""
    person = with_hands(drawn_person())
    person.behind = True
    strap, body = place.bag(person, cut_out(bag_photo(), "bag", None), "shoulder bag")
    assert "hip" in (body.part or "")
    with pytest.raises(EngineError, match="from the back"):
        place.bag(person, cut_out(backpack_photo(), "bag", None), "")


def test_a_black_backpacks_strap_is_drawn_dark_not_in_its_grey_trims_colour() -> None:
    """A black backpack whose only thin part is a light grey loop (a mesh rim, a grab
    handle): its front strap is drawn in the pack's dark webbing colour. In the loop's
    grey it read as a grey pill or bar on the chest (3 devset B, 2026-12-05)."""
    photo = np.full((480, 340, 3), 255, np.uint8)
    cv2.ellipse(photo, (170, 60), (40, 30), 0, 180, 360, (150, 150, 145), 10)
    cv2.rectangle(photo, (40, 60), (300, 460), (40, 40, 40), -1)
    cv2.rectangle(photo, (80, 200), (260, 400), (20, 20, 20), -1)
    person = drawn_person()
    result = wear(person, cut_out(photo, "bag", None), "bag", None)
    light = checks.backpack_strap_light(result.cover, result.image, person.mask)
    assert light is not None and not checks.faults({"backpack_strap_light": light}), light


def akimbo_person() -> Person:
    """`drawn_person` with the left arm in a long sleeve of the top's colour, bent, its
    elbow out and its hand on the hip."""
    person = drawn_person()
    image, mask, points = person.image.copy(), person.mask.copy(), person.points.copy()
    shoulder, elbow, wrist = (330, 150), (440, 270), (315, 360)
    image[(image == (200, 160, 130)).all(axis=2) & (np.arange(500)[None, :] > 250)] = 235
    cv2.fillConvexPoly(image, np.array([(330, 150), (170, 150), (190, 380), (310, 380)]), (60, 80, 140))
    cv2.line(image, shoulder, elbow, (60, 80, 140), 36)
    cv2.line(image, elbow, wrist, (60, 80, 140), 36)
    points[L_SHOULDER], points[L_ELBOW], points[L_WRIST] = shoulder, elbow, wrist
    mask[:] = np.any(image != 235, axis=2)
    return replace(person, image=image, points=points, mask=mask)


def test_a_backpacks_strap_goes_behind_an_arm_bent_on_the_hip() -> None:
    """A backpack slung on the shoulder of an arm bent with its hand on the hip: its front
    strap stops where it meets the arm (it goes on behind it). Drawn on down to the
    armpit, which such an arm leaves, it lay across the upper arm (a devset F, 2026-12-05)."""
    person = akimbo_person()
    result = wear(person, cut_out(backpack_photo(), "bag", "a backpack"), "bag", None)
    arm = [[person.pt(i) for i in (L_SHOULDER, L_ELBOW, L_WRIST)]]
    on_arm = checks.backpack_strap_on_arm(result.cover, person.mask, arm, 0.06 * person.shoulder_width)
    assert on_arm is not None and not checks.faults({"backpack_strap_on_arm": on_arm}), on_arm


def test_a_low_shoe_reaches_up_to_the_leg_under_it_not_only_at_its_heel() -> None:
    """A shoe whose heel's collar stands tall but whose vamp is low, on feet seen toe-on:
    the leg comes down over the vamp. Sized by its box (the collar reached the ankle), the
    vamp stayed far below the leg and floor showed between them; the shoe is drawn tall
    enough that the part under the leg reaches most of the way up."""
    photo = np.full((220, 300, 3), 255, np.uint8)
    cv2.rectangle(photo, (60, 40), (120, 150), (40, 40, 60), -1)  # a tall heel collar
    cv2.rectangle(photo, (60, 110), (220, 150), (40, 40, 60), -1)  # a low vamp and toe
    shoe = cut_out(photo, "shoes", None)
    person = walking_feet(18)
    for placement, (ankle_x, ankle_y) in zip(place.shoes(person, shoe), ((165, 250), (150, 320)), strict=True):
        drawn = cv2.warpPerspective(shoe.alpha, placement.matrix, (300, 400)) > 0.5
        columns = drawn[:, ankle_x - 5 : ankle_x + 6]
        top = float(np.median(np.argmax(columns, axis=0)))
        sole = float(np.nonzero(drawn.any(axis=1))[0].max())
        assert (sole - top) / (sole - ankle_y) > 0.6, placement.part


def feet_facing_the_camera() -> Person:
    """A person standing with both feet pointing at the camera, a shoe's width apart, in
    red old shoes on a grey floor; bare shins."""
    image = np.full((400, 320, 3), 120, np.uint8)
    mask = np.zeros((400, 320), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.ones(33, np.float32)
    for kx, ax, (knee, ankle, heel, toe) in ((115, 120, (25, 27, 29, 31)), (205, 200, (26, 28, 30, 32))):
        points[[knee, ankle, heel, toe]] = [(kx, 180), (ax, 300), (ax, 312), (ax, 340)]
        cv2.line(image, (kx, 180), (ax, 300), (200, 160, 140), 22)
        cv2.line(mask, (kx, 180), (ax, 300), 1.0, 22)
        cv2.rectangle(image, (ax - 16, 304), (ax + 16, 346), (220, 30, 30), -1)
        cv2.rectangle(mask, (ax - 16, 304), (ax + 16, 346), 1.0, -1)
    empty = np.zeros((400, 320), np.uint8)
    return Person(image, points, visibility, mask, empty, empty, np.array([175, 140, 150], np.float32))


def test_a_side_view_shoe_is_turned_toward_a_foot_facing_the_camera() -> None:
    """A side-view shoe on a foot pointing at the camera is turned toward it: its sole
    falls from the heel end (behind the leg) to the toe end, out and down, as a shopper
    sees a shoe turned a little out. Pasted level and squeezed, it read as a side view
    at the wrong angle (`checks.sole_fall` about 0)."""
    person = feet_facing_the_camera()
    result = wear(person, side_shoe(), "shoes", None)
    feet = [[person.pt(i) for i in foot] for foot in checks.FEET]
    fall = checks.sole_fall(result.cover, feet, 0.62 * 120.1)
    assert fall is not None and checks.faults({"sole_fall": fall}) == [], fall


def test_the_perspective_turn_keeps_uprights_upright_and_lowers_the_toe_end() -> None:
    """`three_quarter`: the toe end's sole at the given row, the heel end's higher by the
    drop, both ends upright, the toe end taller (nearer the camera), mirrored or not."""
    for toe_right, flip in ((True, False), (False, True), (True, True)):
        m = place.three_quarter((100, 300), 50.0, 150.0, 400.0, 20.0, 60.0, toe_right, flip)
        corners = np.array([[0, 300, 300, 0], [0, 0, 100, 100], [1, 1, 1, 1]], np.float64)
        mapped = m @ corners
        xs, ys = mapped[0] / mapped[2], mapped[1] / mapped[2]
        assert np.allclose(sorted(xs), [50, 50, 150, 150])
        toe, heel = (150.0, 50.0) if toe_right else (50.0, 150.0)
        at_toe, at_heel = ys[np.isclose(xs, toe)], ys[np.isclose(xs, heel)]
        assert np.isclose(at_toe.max(), 400) and np.isclose(at_heel.max(), 380)
        assert np.ptp(at_toe) > np.ptp(at_heel)
        # Mirrored, the cut-out's left edge (its heel when its toe points right) lands on the right.
        assert np.isclose(xs[0], 150.0 if flip else 50.0)


def test_each_legs_band_in_front_stops_halfway_to_the_other_leg() -> None:
    """Feet together: the nearer leg's band, wider than the leg, was drawn in front of the
    other shoe up to its straight edge and cut square notches in it; each leg's share is
    now the pixels nearer its own shin."""
    halves = place.nearer_shin(
        (200, 200),
        [(np.array([80.0, 20.0]), np.array([90.0, 150.0])), (np.array([120.0, 20.0]), np.array([110.0, 150.0]))],
    )
    assert halves[0][140, 95] and not halves[0][140, 105]
    assert halves[1][140, 105] and not halves[1][140, 95]
    assert not (halves[0] & halves[1]).any()


def test_a_turned_shoe_is_shrunk_before_warping_by_its_true_scale() -> None:
    """A perspective map's scale is read from the area it maps the cut-out to: from its
    top-left 2×2 a turned shoe measured a twentieth of its true scale, was shrunk to a
    few pixels first and came out blurred into streaks."""
    m = place.three_quarter((100, 300), 50.0, 150.0, 400.0, 20.0, 60.0, True, False)
    assert 0.35 < linear_scale(m, (100, 300)) < 0.5
    assert np.isclose(linear_scale(np.diag([0.5, 0.25, 1.0]), (100, 300)), np.sqrt(0.125))


def test_the_nearer_leg_hides_the_shoe_further_back_only_down_to_that_shoes_collar() -> None:
    """Feet together, the nearer foot lower in the picture: the nearer leg was drawn in
    front of the shoe further back down to the nearer foot's own (lower) collar line, so
    that shoe's upper got a square step cut where the two hems stand at different
    heights. It now ends at the back shoe's own collar line, as that shoe's own leg does."""
    image = np.full((400, 320, 3), 120, np.uint8)
    mask = np.zeros((400, 320), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.ones(33, np.float32)
    for kx, ax, ay, (knee, ankle, heel, toe) in ((115, 120, 300, (25, 27, 29, 31)), (185, 180, 282, (26, 28, 30, 32))):
        points[[knee, ankle, heel, toe]] = [(kx, ay - 120), (ax, ay), (ax, ay + 12), (ax, ay + 40)]
        cv2.line(image, (kx, ay - 120), (ax, ay), (200, 160, 140), 22)
        cv2.line(mask, (kx, ay - 120), (ax, ay), 1.0, 22)
        cv2.rectangle(image, (ax - 16, ay + 4), (ax + 16, ay + 46), (220, 30, 30), -1)
        cv2.rectangle(mask, (ax - 16, ay + 4), (ax + 16, ay + 46), 1.0, -1)
    empty = np.zeros((400, 320), np.uint8)
    person = Person(image, points, visibility, mask, empty, empty, np.array([175, 140, 150], np.float32))
    back, near = place.shoes(person, side_shoe())
    assert back.part == "the right foot" and near.front is not None and back.front is not None
    assert near.front[296, 120] > 0.5  # the nearer leg over its own shoe's collar
    assert back.front[296, 120] < 0.5  # not over the back shoe below that shoe's collar line
    assert back.front[270, 120] > 0.5 and back.front[270, 180] > 0.5  # both legs above it


def bangles_photo() -> np.ndarray:
    """Three thin gold bangles with a turquoise inlay, photographed in perspective: rings a
    few pixels thick on a 400 px photo, as a jeweller's shot shows them."""
    image = np.full((400, 400, 3), 255, np.uint8)
    for k in range(3):
        centre = (200, 170 + 30 * k)
        cv2.ellipse(image, centre, (180, 110), -15, 0, 360, (200, 160, 70), 4)
        cv2.ellipse(image, centre, (180, 110), -15, 0, 360, (60, 170, 180), 2)
    return image


def test_bangles_are_drawn_round_the_wrist_at_its_width_and_seen() -> None:
    """Thin bangles scaled from the product photo to the wrist came out a sub-pixel faint
    flat band (every devset pair graded B or F); they are drawn round the wrist now, as
    wide as the wrist, a band that stands out from the skin, in the product's gold."""
    person = forearm_person()
    result = wear(person, cut_out(bangles_photo(), "jewelry", None), "bracelet", "left wrist")
    assert _on_skin_share(person, result.cover) > 0.9, "the bracelet is on the wrist"
    solid = result.cover > 0.5
    ys, xs = np.nonzero(solid)
    assert 30 <= xs.max() - xs.min() <= 44, "as wide as the 36 px wrist"
    drawn = result.image[solid].astype(np.float32)
    assert np.abs(drawn[:, 0] - drawn[:, 2]).max() > 40, "the product's gold and turquoise, not a grey band"


def test_a_bracelet_goes_below_a_sleeves_cuff_and_is_refused_when_the_cuff_reaches_the_hand() -> None:
    """A sleeve down over the bracelet's usual place: the bracelet goes on the skin below
    the cuff, as a watch does (it was drawn on the sleeve); a cuff down to the hand is
    refused with that reason."""
    person = forearm_person(cuff=0.9)
    result = wear(person, cut_out(bangles_photo(), "jewelry", None), "bracelet", "left wrist")
    assert _on_skin_share(person, result.cover) > 0.9, "the bracelet is on the wrist's skin, not on the sleeve"
    skin = np.all(np.abs(person.image.astype(int) - (200, 160, 130)) < 8, axis=2)
    assert checks.faults({"bracelet_off_skin": checks.watch_off_skin(result.cover, skin)}) == []
    assert checks.faults({"bracelet_off_skin": checks.watch_off_skin((~skin).astype(np.float32), skin)}) == [
        "bracelet_off_skin"
    ]
    with pytest.raises(EngineError) as info:
        wear(forearm_person(cuff=1.05), cut_out(bangles_photo(), "jewelry", None), "bracelet", "left wrist")
    assert info.value.code == "pose_not_supported" and "a bracelet would be hidden" in info.value.message


def test_a_backpacks_front_strap_bends_down_the_chest_to_the_armpit() -> None:
    """The strap over the shoulder is a padded band that runs down the chest and bends out
    to the armpit, where it ends at the arm's inner edge; drawn as a straight line it read
    as a stiff bar (15 devset backpack B)."""
    person = drawn_person()
    result = wear(person, cut_out(backpack_photo(), "bag", None), "bag", None)
    strap = person.shoulder_width * 0.03 * place.BACKPACK_STRAP_WIDTH
    bend = checks.backpack_strap_bend(result.cover, strap)
    assert bend is not None and not checks.faults({"backpack_strap_bend": bend}), bend
    torso = np.zeros(person.mask.shape, np.uint8)
    cv2.fillConvexPoly(torso, np.array([(330, 150), (170, 150), (190, 380), (310, 380)]), 1)
    ys, xs = np.nonzero((result.cover > 0.5) & (torso > 0) & (np.arange(600)[:, None] < 300))
    assert ys.max() > 150 + 0.2 * (380 - 150), "it reaches down to the armpit, not ending high on the chest"


def test_a_shoulder_bag_at_the_hip_is_never_cut_in_two_by_the_arm() -> None:
    """The left arm hangs down through where the bag hangs at the hip: the bag is either
    in front of the arm or moved out so the arm covers its inner side whole, never split
    in two or holed by the arm (4 devset F, 3 B)."""
    person = with_hands(drawn_person())
    result = wear(person, cut_out(bag_photo(), "bag", None), "bag", "shoulder bag")
    split = checks.bag_split(result.cover, person.shoulder_width * 0.03)
    assert split is not None and not checks.faults({"bag_split": split}), split


def test_a_pair_of_shoes_crossed_in_an_x_is_refused_but_one_shoe_or_a_pair_side_by_side_is_not() -> None:
    """Cut out as one piece, two shoes lying across each other were warped onto each foot
    as an X; such a photo is refused with the reason, shoes alone or side by side are not."""
    crossed = np.full((400, 600, 3), 250, np.uint8)
    cv2.ellipse(crossed, (300, 200), (230, 55), 35, 0, 360, (25, 25, 30), -1)
    cv2.ellipse(crossed, (300, 200), (230, 55), -25, 0, 360, (40, 35, 30), -1)
    with pytest.raises(EngineError) as info:
        cut_out(crossed, "shoes", None)
    assert info.value.code == "garment_not_found" and "overlap" in info.value.message
    single = np.full((400, 600, 3), 250, np.uint8)
    cv2.ellipse(single, (300, 230), (240, 70), 0, 0, 360, (25, 25, 30), -1)
    cv2.ellipse(single, (160, 170), (90, 70), 0, 180, 360, (25, 25, 30), -1)  # the heel's shaft
    assert cut_out(single, "shoes", None).alpha.any()
    touching = np.full((400, 700, 3), 250, np.uint8)
    cv2.ellipse(touching, (190, 200), (170, 55), 10, 0, 360, (25, 25, 30), -1)
    cv2.ellipse(touching, (510, 200), (170, 55), -10, 0, 360, (25, 25, 30), -1)
    assert cut_out(touching, "shoes", None).alpha.any(), "a pair touching toe to toe is two shoes"


def test_shoes_go_on_the_feet_the_photo_shows_not_on_foot_landmarks_above_them() -> None:
    """The pose's heels and toes on the shins, 40 px above the red old shoes' soles (as
    it puts them on the instep of feet pointing at the camera, or on a hem): the new
    shoes floated there with the old ones under them. Each foot's sole is found from the
    photo (the leg's lowest rows, a shoe the mask missed) and the shoes stand on it."""
    person = legs_side_by_side(feet_on_one_leg=False)
    for x in (125, 175):
        cv2.rectangle(person.image, (x - 20, 350), (x + 20, 372), (220, 30, 30), -1)  # not in the mask
    for ankle, heel, toe in checks.FEET:
        person.points[[ankle, heel, toe], 1] = (300, 310, 330)
    composite = wear(person, side_shoe(), "shoes", None)
    solid = composite.cover > 0.5
    for x in (125, 175):
        rows = np.nonzero(solid[:, x - 15 : x + 16].any(axis=1))[0]
        assert rows.max() >= 360, rows.max()  # on the old shoes' sole (372), not ending at row 329
    red = np.linalg.norm(composite.image.astype(np.float32) - np.array([220, 30, 30], np.float32), axis=-1) < 60
    assert red[330:380].sum() < 50, red[330:380].sum()  # 909 px of the old shoes showed
    soles = [(x - 25, x + 26, 372.0) for x in (125, 175)]
    above = checks.shoe_above_sole(composite.cover, soles, 0.62 * 150)
    assert above is not None and checks.faults({"shoe_above_sole": above}) == [], above


def _hooped_head() -> tuple[Person, list[tuple[int, int]]]:
    """`meshed_head` with a gold hoop drawn hanging from each ear lobe; a dark strand of
    hair down the side stays unfound."""
    person = meshed_head()
    hoops = [(202, 116), (298, 116)]
    for centre in hoops:
        cv2.ellipse(person.image, centre, (7, 10), 0, 0, 360, (215, 160, 40), 2)
    cv2.line(person.image, (190, 70), (186, 140), (40, 30, 25), 2)
    return person, hoops


def test_worn_hoops_are_found_at_the_lobes_and_nowhere_else() -> None:
    """Both drawn hoops are found; the strand of hair and the head's outline are not."""
    person, hoops = _hooped_head()
    face = lm.face(person)
    assert face is not None
    found = worn_hoops(person.image, face)
    for x, y in hoops:
        assert found[y - 12 : y + 13, x - 9 : x + 10].sum() > 30, "the hoop's wire is found"
    assert not found[:, 185:192].any(), "the strand of hair is not a hoop"
    assert not found[:95].any(), "nothing above the lobes"


def test_new_earrings_replace_the_hoops_she_wears() -> None:
    """Studs put on a head wearing gold hoops: the hoops' gold is gone round them (painted
    from the skin and backdrop beside it), not left hanging beside the new pair."""
    person, hoops = _hooped_head()
    before = person.image.copy()
    studs = np.full((200, 400, 3), 255, np.uint8)
    for x in (120, 280):
        cv2.circle(studs, (x, 100), 30, (60, 70, 200), -1)
    result = wear(person, cut_out(studs, "jewelry", None), "earrings", None)
    gold = np.all(np.abs(result.image.astype(int) - (215, 160, 40)) < 40, axis=2) & (result.cover < 0.1)
    for x, y in hoops:
        assert gold[y - 12 : y + 13, x - 9 : x + 10].sum() < 5, "her own hoop is gone"
    assert checks.worn_jewellery_left(before, result.image, worn_hoops(before, lm.face(person)), result.cover) < 0.1
    assert not np.any(result.image[:60] != before[:60]), "nothing changed above the ears"


def _disc_head() -> tuple[Person, list[tuple[int, int]]]:
    """`meshed_head` with a flat turquoise disc hanging below each ear lobe and a thick
    lock of dark hair falling past the picture's left one (long, not compact: unfound)."""
    person = meshed_head()
    discs = [(208, 120), (292, 120)]
    cv2.rectangle(person.image, (172, 60), (180, 175), (45, 35, 30), -1)
    for centre in discs:
        cv2.circle(person.image, centre, 9, (60, 170, 200), -1)
    return person, discs


def test_worn_discs_are_found_at_the_lobes_and_not_the_lock_of_hair() -> None:
    """Both drawn discs are found with their edge; the lock of hair beside one is not."""
    person, discs = _disc_head()
    face = lm.face(person)
    assert face is not None
    found = worn_discs(person.image, face)
    for x, y in discs:
        assert found[y - 9 : y + 10, x - 9 : x + 10].mean() > 0.7, "the disc is found"
    assert not found[:, 170:183].any(), "the lock of hair is not a disc"
    assert not found[:100].any(), "nothing above the lobes"
    assert not worn_hoops(person.image, face).any(), "a disc is no hoop"


def test_new_earrings_replace_the_discs_she_wears() -> None:
    """Studs put on a head wearing turquoise discs: the discs are painted out, not left
    beside the new pair; `checks.worn_jewellery_left` reads most of a disc kept."""
    person, discs = _disc_head()
    before = person.image.copy()
    face = lm.face(person)
    assert face is not None
    worn = worn_earrings(before, face)
    assert checks.worn_jewellery_left(before, before, worn, np.zeros(before.shape[:2])) == 1.0
    studs = np.full((200, 400, 3), 255, np.uint8)
    for x in (120, 280):
        cv2.circle(studs, (x, 100), 30, (200, 60, 70), -1)
    result = wear(person, cut_out(studs, "jewelry", None), "earrings", None)
    turquoise = np.all(np.abs(result.image.astype(int) - (60, 170, 200)) < 40, axis=2) & (result.cover < 0.1)
    for x, y in discs:
        assert turquoise[y - 10 : y + 11, x - 10 : x + 11].sum() < 5, "her own disc is gone"
    left = checks.worn_jewellery_left(before, result.image, worn, result.cover)
    assert left is not None and left < checks.WORN_LEFT_MOST, left


def aviator_photo() -> np.ndarray:
    """Aviators on white: teardrop lenses with a thin grey metal rim, tinted grey at the
    top and fading to nearly clear at the bottom, a folded temple's dark arm seen through
    each lens (as the aviators' product photo shows them), a bridge bar."""
    image = np.full((240, 480, 3), 255, np.uint8)
    shade = np.clip(120 + (np.arange(240) - 45) * 1.6, 120, 252).astype(np.uint8)
    tint = np.broadcast_to(shade[:, None, None], image.shape)
    for x in (120, 360):
        lens = np.zeros((240, 480), np.uint8)
        cv2.ellipse(lens, (x, 115), (90, 75), 0, 0, 360, 1, -1)
        image[lens > 0] = tint[lens > 0]
        cv2.ellipse(image, (x, 115), (90, 75), 0, 0, 360, (150, 150, 150), 3)
        cv2.ellipse(image, (x, 80), (55, 65), 0, 10, 120, (30, 30, 30), 6)
    cv2.line(image, (200, 50), (280, 50), (120, 120, 120), 6)
    return image


def test_gradient_lenses_are_drawn_whole_to_the_rim_without_the_temples_behind_them() -> None:
    """Drawn on the astronaut: the aviators' nearly clear lower halves are lens down to
    the rim (the frame drawn as tall for its width as photographed, not a flat-bottomed
    band), and the temples seen through the lenses in the photo are not drawn across
    the eyes (`checks.lens_lines`)."""
    photo = aviator_photo()
    person = analyse_person(np.ascontiguousarray(data.astronaut()))
    result = wear(person, cut_out(photo, "glasses", None), "glasses", None)
    value = checks.lens_lines(result.cover, np.asarray(result.image))
    assert value is not None and value <= checks.LENS_LINES_MOST, value
    ys, xs = np.nonzero(result.cover > 0.3)
    drawn = (ys.max() - ys.min()) / (xs.max() - xs.min())
    rim = np.nonzero(photo.min(axis=2) < 200)
    photographed = (rim[0].max() - rim[0].min()) / (rim[1].max() - rim[1].min())
    assert drawn >= 0.85 * photographed, (drawn, photographed)


def test_a_shoulder_bag_hangs_beside_the_hip_turned_not_flat_over_the_belly() -> None:
    """A front-facing person (hip joints at x 190 and 310): the bag on the left strap
    hangs at the left hip, its body mostly out past the hip joint and foreshortened as the
    body turns it, not flat over the belly (7 devset B, 2026-12-05)."""
    person = with_hands(drawn_person())
    result = wear(person, cut_out(bag_photo(), "bag", None), "bag", "shoulder bag")
    hips = [person.pt(L_HIP), person.pt(R_HIP)]
    belly = checks.bag_on_belly(result.cover, hips, person.shoulder_width * 0.03)
    assert belly is not None and not checks.faults({"bag_on_belly": belly}), belly
    body = checks._bag_body(result.cover, person.shoulder_width * 0.03)
    ys, xs = np.nonzero(body)
    flat, _ = place.without_strap(cut_out(bag_photo(), "bag", None))
    aspect = flat.alpha.shape[1] / flat.alpha.shape[0]
    assert (xs.max() - xs.min()) / (ys.max() - ys.min()) < 0.9 * aspect, "turned with the body, narrower than flat"


def drawn_hand(person: Person, side: str) -> lm.Hand:
    """The hand model's points for the drawn arm's `side` hand, kept as if it had found
    them: the wrist at the pose's wrist, the knuckles a palm on down the forearm's line."""
    _, elbow, wrist = place.SIDES[side]
    joint, start = person.pt(wrist).astype(np.float64), person.pt(elbow).astype(np.float64)
    along = (joint - start) / np.linalg.norm(joint - start)
    across = np.array([-along[1], along[0]])
    points = np.zeros((21, 3), np.float32)
    points[:, :2] = joint + along * 40
    points[lm.WRIST, :2] = joint
    for index, share in ((lm.INDEX_MCP, 0.45), (lm.MIDDLE_MCP, 0.15), (lm.RING_MCP, -0.15), (lm.PINKY_MCP, -0.45)):
        points[index, :2] = joint + along * 28 + across * 36 * share
    hand = lm.Hand(points, side)
    memo.keep(person, f"hand_{side}", (), hand)
    cv2.circle(person.image, tuple((joint + along * 25).astype(int)), 27, (200, 160, 130), -1)
    person.mask[np.any(person.image != 235, axis=2)] = 1.0
    return hand


def test_a_watch_goes_on_the_other_wrist_when_a_sleeve_hides_the_likelier_one() -> None:
    """The left wrist (the likelier, both hands alike) under a sleeve down to the hand and
    the right one bare: the render was refused ("the sleeve covers the left wrist") with a
    bare wrist in the photo; the watch goes on the right wrist now. The other wrist is
    taken only where the hand model finds its hand (a wrist guessed in a pocket got one)."""
    person = forearm_person(cuff=1.05)
    drawn_hand(person, "left")
    drawn_hand(person, "right")
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "watch")
    ys, xs = np.nonzero(result.cover > 0.5)
    assert len(xs) > 150, "the watch is drawn"
    assert abs(xs.mean() - person.pt(R_WRIST)[0]) < 20, "on the right wrist"
    guessed = forearm_person(cuff=1.05)
    drawn_hand(guessed, "left")
    memo.keep(guessed, "hand_right", (), None)
    with pytest.raises(EngineError, match="sleeve covers the left wrist"):
        wear(guessed, cut_out(watch_photo(), "watch", None), "watch", "watch")


def test_a_small_photos_wrist_takes_a_small_watch_where_its_hand_is_found() -> None:
    """A 175 x 210 photo (a person 0.35 of `drawn_person`'s size): its 14 px wrist is as
    plain to see as a 60 px one in a 1024 px photo, and was refused as a speck (under 16
    px); drawn now where the hand model finds the hand, still refused where it does not."""
    person = small_person(0.35)
    wrist, elbow = person.pt(L_WRIST).astype(np.float64), person.pt(L_ELBOW).astype(np.float64)
    along = (wrist - elbow) / np.linalg.norm(wrist - elbow)
    points = np.zeros((21, 3), np.float32)
    points[:, :2] = wrist + along * 14
    points[lm.INDEX_MCP, :2] = wrist + along * 10 + np.array([-along[1], along[0]]) * 6
    points[lm.PINKY_MCP, :2] = wrist + along * 10 - np.array([-along[1], along[0]]) * 6
    points[lm.WRIST, :2] = wrist
    memo.keep(person, "hand_left", (), lm.Hand(points, "left"))
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert (result.cover > 0.5).sum() > 20, "a small watch is drawn on the small wrist"
    unfound = small_person(0.35)
    memo.keep(unfound, "hand_left", (), None)
    with pytest.raises(EngineError, match="too small"):
        wear(unfound, cut_out(watch_photo(), "watch", None), "watch", "left wrist")


def test_a_watch_on_a_person_seen_from_behind_needs_the_hand_found() -> None:
    """A person seen from the back keeps a watch (a wrist shows from behind as from the
    front), refused before the watch was placed; but only on a wrist whose hand the hand
    model finds: the pose model guessed one under a woman's long hair, and the watch was
    drawn on the hair."""
    person = drawn_person()
    person.behind = True
    drawn_hand(person, "left")
    memo.keep(person, "hand_right", (), None)
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "watch")
    ys, xs = np.nonzero(result.cover > 0.5)
    assert len(xs) > 150 and abs(xs.mean() - person.pt(L_WRIST)[0]) < 20, "on the left wrist, its hand found"
    hidden = drawn_person()
    hidden.behind = True
    memo.keep(hidden, "hand_left", (), None)
    memo.keep(hidden, "hand_right", (), None)
    with pytest.raises(EngineError, match="no wrist is visible"):
        wear(hidden, cut_out(watch_photo(), "watch", None), "watch", "watch")


def test_a_watch_on_a_small_wrist_keeps_its_dials_detail() -> None:
    """A watch drawn 0.6 of `drawn_person`'s size (a 22 px wrist) came out soft and washed
    out: shrunk to 1.5 times its size and warped again, each resampling blurring the dial's
    hands and the case's rim (mean |Laplacian| of the lightness inside it 52). Sharpened
    back where the wrist is small, 67 now."""
    person = small_person(0.6)
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    inside = cv2.erode((result.cover > 0.95).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    lightness = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    detail = float(np.abs(cv2.Laplacian(lightness, cv2.CV_32F))[inside].mean())
    assert detail > 60, detail


def test_the_old_shoes_place_is_filled_with_the_floors_grain_not_a_smooth_smear() -> None:
    """Red old shoes on a grainy floor (asphalt, sand): their place round the new shoes,
    filled with a wide blur of the floor, was a smooth patch with none of its grain, a
    smear box round each shoe. The floor beside and under the hole is mirrored into it:
    its grain runs on, and no step shows at the hole's edge."""
    person = legs_side_by_side(feet_on_one_leg=False)
    grain = np.random.default_rng(5).normal(0, 12, person.image.shape)
    floor = person.mask[..., None] < 0.5
    person.image[:] = np.where(floor, np.clip(person.image + grain, 0, 255), person.image).astype(np.uint8)
    before = person.image.copy()
    composite = wear(person, side_shoe(), "shoes", None)
    args = (before, composite.image, composite.cover, person.mask > 0.5, person.skin_lab)
    smear, halo = checks.floor_smear(*args), checks.floor_halo(*args)
    assert smear is not None and halo is not None
    assert checks.faults({"floor_smear": smear, "floor_halo": halo}) == [], (smear, halo)
    red = np.linalg.norm(composite.image.astype(np.float32) - np.array([220, 30, 30], np.float32), axis=-1) < 60
    assert red.sum() < 30, "the old shoes are gone"


def hatted_head(backdrop: np.ndarray | None = None) -> Person:
    """`meshed_head` 120 rows lower, wearing a dark fedora: a crown over the forehead and
    a brim twice as wide as a new hat would be drawn; `backdrop` (photo-sized) behind it."""
    person = meshed_head()
    face = lm.face(person)
    assert face is not None
    rows = 120
    image = np.pad(person.image, ((rows, 0), (0, 0), (0, 0)), constant_values=235)
    if backdrop is not None:
        image = np.where(np.all(image == 235, axis=2, keepdims=True), backdrop, image).astype(np.uint8)
    brown = (70, 45, 30)
    cv2.ellipse(image, (250, 50 + rows), (125, 14), 0, 0, 360, brown, -1)
    cv2.rectangle(image, (195, 0 + rows), (305, 50 + rows), brown, -1)
    mask = np.pad(person.mask, ((rows, 0), (0, 0)))
    mask[np.all(image == brown, axis=2)] = 1.0
    empty = np.zeros(mask.shape, np.uint8)
    hatted = Person(
        image, person.points + np.array([0, rows], np.float32), person.visibility, mask, empty, empty, person.skin_lab
    )
    moved = face.points + np.array([0, rows, 0], np.float32)
    memo.keep(hatted, "face", (), lm.Face(moved))
    return hatted


def test_an_old_hats_brim_past_the_new_hat_is_painted_out() -> None:
    """A fedora whose brim sticks out far past a new cap on both sides: the brim left
    beside the cap showed the old hat under the new one; it is painted with the plain
    backdrop now, and the checks see none of it left."""
    person = hatted_head()
    photo = person.image.copy()
    result = wear(person, cut_out(hat_photo(), "hat", None), "hat", None)
    brim = np.all(photo == (70, 45, 30), axis=2) & (result.cover < 0.1)
    assert brim.sum() > 1000
    left = np.abs(result.image.astype(int) - (70, 45, 30)).max(axis=2) < 30
    assert (left & brim).sum() < 0.02 * brim.sum(), "no brown brim beside the new hat"
    face = lm.face(person)
    assert face is not None
    found = place.old_hat(person, face, place.face_width_3d(face) * place.HAT_PER_FACE)
    assert (found & brim).sum() > 0.95 * brim.sum(), "the whole brim is found"
    assert checks.old_hat_left(photo, result.image, brim, result.cover) <= checks.OLD_HAT_LEFT_MOST


def test_an_old_hat_over_a_busy_backdrop_is_refused_with_the_reason() -> None:
    """The same fedora in front of a crowd of stripes: painting its brim out left a
    smooth grey ghost of it, so the render is refused, saying why."""
    stripes = np.zeros((720, 500, 3), np.uint8)
    for x in range(0, 500, 12):
        stripes[:, x : x + 6] = (220, 210, 200)
        stripes[:, x + 6 : x + 12] = (30, 40, 60)
    person = hatted_head(stripes)
    with pytest.raises(EngineError, match="busy background"):
        wear(person, cut_out(hat_photo(), "hat", None), "hat", None)


def test_a_watch_strap_ends_at_the_arms_outline_on_a_forearm_thinner_than_its_bound() -> None:
    """A forearm thinner than the wrist's width is held to (the guess's lower bound), seen
    side on: the band round the forearm's line was as wide as that bound and the strap's
    ends stuck out past the arm's outline into the backdrop. The strap is cut at the
    person mask now."""
    person = drawn_person()
    image = person.image.copy()
    cv2.line(image, (360, 270), (380, 390), (235, 235, 235), 40)  # the drawn forearm gone
    cv2.line(image, (330, 150), (360, 270), (200, 160, 130), 36)  # the upper arm as before
    cv2.line(image, (360, 270), (380, 390), (200, 160, 130), 14)  # a thin forearm
    image = cv2.resize(image, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)  # big enough to see
    mask = np.any(image != 235, axis=2).astype(np.float32)
    person = Person(
        image,
        person.points * 2,
        person.visibility,
        mask,
        mask.astype(np.uint8) * 0,
        mask.astype(np.uint8) * 0,
        person.skin_lab,
    )
    result = wear(person, cut_out(watch_photo(), "watch", None), "watch", "left wrist")
    assert (result.cover > 0.5).sum() > 100, "the watch is drawn"
    score = checks.watch_off_person(result.cover, person.mask)
    assert checks.faults({"watch_off_person": score}) == [], score


def black_watch_photo() -> np.ndarray:
    """A black watch: black strap, black case, a near-black dial with white hands."""
    image = np.full((400, 300, 3), 255, np.uint8)
    cv2.rectangle(image, (115, 10), (185, 390), (22, 22, 24), -1)
    cv2.circle(image, (150, 200), 75, (28, 28, 30), -1)
    cv2.circle(image, (150, 200), 60, (15, 15, 18), -1)
    cv2.line(image, (150, 200), (150, 155), (240, 240, 240), 5)
    cv2.line(image, (150, 200), (185, 200), (240, 240, 240), 5)
    return image


def test_a_black_watch_tucked_under_a_black_cuff_has_its_rim_set_off() -> None:
    """A black watch below a black cuff: the case's outline was lost in the cuff and the
    watch read as one dark blob (`watch_blob` under its least). Its outline against the
    dark cloth is drawn lighter now, like a steel rim; against the skin it stays as shot."""
    person = forearm_person(cuff=0.9)
    image = person.image.copy()
    image[np.all(image == SLEEVE, axis=2)] = (24, 24, 26)
    person = Person(image, person.points, person.visibility, person.mask, person.face, person.hands, person.skin_lab)
    result = wear(person, cut_out(black_watch_photo(), "watch", None), "watch", "left wrist")
    assert (result.cover > 0.5).sum() > 150, "the watch is drawn"
    lightness = cv2.cvtColor(result.image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    before = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)[..., 0].astype(np.float32)
    score = checks.watch_blob(result.cover, lightness, before)
    assert score is not None and checks.faults({"watch_blob": score}) == [], score


def wide_trousers_feet() -> Person:
    """A person seen from the side on a grey floor in wide orange trousers whose hems hang
    on past the ankles over white old shoes (only the shoes' soles and toes show)."""
    image = np.full((400, 400, 3), 120, np.uint8)
    mask = np.zeros((400, 400), np.float32)
    points = np.zeros((33, 2), np.float32)
    visibility = np.ones(33, np.float32)
    for kx, ax, (knee, ankle, heel, toe) in ((140, 140, (25, 27, 29, 31)), (270, 260, (26, 28, 30, 32))):
        points[[knee, ankle, heel, toe]] = [(kx, 150), (ax, 300), (ax - 10, 318), (ax + 35, 325)]
        shoe = ((ax - 20, 300), (ax + 45, 332))
        cv2.rectangle(image, *shoe, (245, 245, 245), -1)
        cv2.rectangle(mask, *shoe, 1.0, -1)
        leg = np.array([(kx - 25, 150), (kx + 25, 150), (ax + 38, 318), (ax - 32, 318)], np.int32)
        cv2.fillConvexPoly(image, leg, (200, 70, 30))
        cv2.fillConvexPoly(mask, leg, 1.0)
    empty = np.zeros((400, 400), np.uint8)
    return Person(image, points, visibility, mask, empty, empty, np.array([175, 140, 150], np.float32))


def test_a_trouser_hem_over_the_foot_stays_in_front_of_the_new_shoe() -> None:
    """Wide trousers hang on below the ankles over the old shoes: the hem is the
    trousers, not the shoe, so it is neither taken away (it was cut square at the
    ankle's row and filled with floor, a box round the new shoe) nor drawn over."""
    person = wide_trousers_feet()
    placements = place.shoes(person, side_shoe())
    erase = placements[0].erase
    assert erase is not None
    for ax in (140, 260):
        assert erase[305:314, ax - 15 : ax + 15].mean() < 0.1  # the hem below the ankle stays
        assert erase[322:330, ax : ax + 30].mean() > 0.9  # the old shoe under it goes
        for placement in placements:
            assert placement.front is not None
        assert max(float(p.front[308, ax]) for p in placements if p.front is not None) > 0.9
