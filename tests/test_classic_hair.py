"""Long hair over the shoulders, on drawn photos: it stays in front of a new top or
dress, soft-edged, and a top of the hair's own colour is not taken for hair."""

from __future__ import annotations

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import analyse_garment
from fitroom.engines.classic.hair import fair_hair_in_front, hair_colour, hair_in_front
from fitroom.engines.classic.person import Person
from fitroom.engines.classic.placement import layers_for
from tests.test_classic_arms import SKIN_LAB, SKIN_RGB, red_tee
from tests.test_classic_engine import drawn_points

HAIR_RGB = (70, 45, 30)  # dark brown


def long_haired(top: tuple[int, int, int]) -> tuple[Person, np.ndarray]:
    """A person in a top of colour `top`, brown hair over the head and two locks falling
    in front of the shoulders onto the chest. Returns the person and the locks' mask
    below the shoulders."""
    image = np.full((420, 400, 3), 235, np.uint8)
    cv2.rectangle(image, (140, 90), (260, 300), top, -1)
    hair = np.zeros(image.shape[:2], np.uint8)
    cv2.ellipse(hair, (200, 48), (34, 40), 0, 0, 360, 255, -1)
    for x in (168, 232):
        cv2.line(hair, (x, 50), (x + (x - 200) // 8, 150), 255, 16)
    image[hair > 0] = HAIR_RGB
    face = np.zeros(image.shape[:2], np.uint8)
    cv2.ellipse(face, (200, 56), (22, 30), 0, 0, 360, 255, -1)
    image[face > 0] = SKIN_RGB
    points = drawn_points()
    points[[pose.NOSE, pose.L_EYE, pose.R_EYE]] = (200, 56), (210, 48), (190, 48)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.float32)
    mask[8:400, 130:270] = 1
    hands = np.zeros((h, w), np.uint8)
    locks = (hair > 0) & (face == 0)
    locks[:105] = False
    return Person(image, points, np.ones(33, np.float32), mask, face, hands, SKIN_LAB), locks


def test_hair_over_the_shoulders_stays_in_front_of_a_new_top() -> None:
    """Main drew the new top over the locks (cut square at its edge): they stay."""
    person, locks = long_haired((30, 90, 160))
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    inner = cv2.erode(locks.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    assert inner.sum() > 300
    value = checks.hair_cut(before, out, inner)
    assert value is not None and checks.faults({"hair_cut": value}) == [], value


def test_a_top_of_the_hairs_colour_is_not_taken_for_hair() -> None:
    """Brown hair over a brown top: nothing is kept as hair (the old top must go)."""
    person, _ = long_haired(HAIR_RGB)
    assert hair_in_front(person, "top").max() < 0.5


def test_no_hair_is_kept_below_a_bald_head() -> None:
    """A bald head and shoulders in a dark top: nothing passes for hair."""
    person, _ = long_haired((30, 90, 160))
    image = person.image.copy()
    image[(image == HAIR_RGB).all(axis=2)] = SKIN_RGB
    person.image = image
    assert hair_in_front(person, "dress").max() < 0.5


def test_an_old_neckband_kept_with_the_hair_goes_with_the_old_top() -> None:
    """A green crew-neck rib on a blue tee, its upper half inside the hair kept in front
    (a shaded neck passes for hair): main kept it as a line across the rebuilt chest. It
    is the old garment and goes; the neck's skin and a lock of hair over the rib stay."""
    from fitroom.engines.classic.colour import skin_like
    from fitroom.engines.classic.rebuild import _cloth_kept

    person, _ = long_haired((30, 90, 160))
    image = person.image.copy()
    image[70:90, 185:216] = SKIN_RGB  # the neck
    image[90:98, 170:231] = (40, 150, 60)  # the rib
    image[84:98, 204:212] = HAIR_RGB  # a lock over it
    person.image = image
    h, w = image.shape[:2]
    old = np.zeros((h, w), np.float32)
    old[90:300, 140:260] = 1
    old[84:98, 204:212] = 0
    keep = np.zeros((h, w), np.float32)
    keep[60:94, 175:226] = 1  # the hair kept in front, over the neck and the rib's top
    loose = _cloth_kept(person, "top", old, np.zeros((h, w), bool), keep, skin_like(person))
    rib = np.zeros((h, w), bool)
    rib[90:94, 175:204] = True
    rib[90:94, 212:226] = True
    assert loose[rib].mean() > 0.9, loose[rib].mean()
    assert loose[70:88, 185:216].max() == 0  # the neck
    assert loose[84:94, 205:211].max() == 0  # the lock


def test_a_shaded_neck_under_a_bald_head_is_no_hair_nor_the_chest_below_it() -> None:
    """A bald head over a shaded neck and a V neckline's bare chest in the same shade:
    the ring round the face read under the chin was the neck, its shade taken for the
    hair's colour, and the neck and the V kept in front of a new top as hair (a V cut
    into every top). The hair's colour is read beside the cheeks and above only."""
    person, _ = long_haired((30, 90, 160))
    image = person.image.copy()
    image[(image == HAIR_RGB).all(axis=2)] = SKIN_RGB
    shade = cv2.cvtColor(np.uint8([[SKIN_LAB - np.array([64, 0, 0])]]), cv2.COLOR_LAB2RGB)[0, 0]
    neck = np.zeros(image.shape[:2], np.uint8)
    cv2.rectangle(neck, (172, 80), (228, 98), 255, -1)
    cv2.fillConvexPoly(neck, np.array([(160, 90), (240, 90), (200, 170)]), 255)
    image[(neck > 0) & (person.face == 0)] = shade
    person.image = image
    assert hair_in_front(person, "top").max() < 0.5


LIT_RGB = (113, 85, 67)  # the same brown in sunlight: beyond `HAIR_REACH` of the shade


def sunlit(person: Person, locks: np.ndarray) -> Person:
    """The locks' lower ends lit, lighter than the hair round the head."""
    image = person.image.copy()
    lit = locks.copy()
    lit[:125] = False
    image[lit] = LIT_RGB
    person.image = image
    return person


def test_the_lit_ends_of_the_locks_stay_in_front_of_a_new_top() -> None:
    """Main kept only the hair within `HAIR_REACH` of the shaded hair round the head:
    the sunlit ends of the locks were not hair, and a new top over them cut the lock at
    the light's edge (the gaps between a curl's lit strands filled with the garment)."""
    person, locks = long_haired((30, 90, 160))
    person = sunlit(person, locks)
    lit = cv2.erode(locks.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    lit[:128] = False
    assert hair_in_front(person, "top")[lit].mean() > 0.9
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    inner = cv2.erode(locks.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    value = checks.hair_cut(before, out, inner)
    assert value is not None and checks.faults({"hair_cut": value}) == [], value


def test_a_top_of_the_lit_hairs_colour_is_not_taken_for_hair() -> None:
    """The lit colour joins the hair only where it is not the old top's: a top of that
    colour goes."""
    person, locks = long_haired(LIT_RGB)
    person = sunlit(person, locks)
    kept = hair_in_front(person, "top")
    top = np.zeros(kept.shape, bool)
    top[160:300, 140:260] = True
    assert kept[top].max() < 0.5


def test_a_lock_past_the_cut_out_stays_in_front_of_a_new_top() -> None:
    """The person's cut-out misses a loose lock's outer half; a new top's shoulder drawn
    there cut it lengthwise. Hair is followed a little past the outline."""
    person, locks = long_haired((30, 90, 160))
    mask = person.mask.copy()
    mask[100:, :168] = 0
    person.mask = mask
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    inner = cv2.erode(locks.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    value = checks.hair_cut(before, out, inner)
    assert value is not None and checks.faults({"hair_cut": value}) == [], value


def test_a_shaded_neck_below_short_hair_is_not_followed_into_the_neckline() -> None:
    """Short dark hair over a neck in shade, darker than the skin but of its hue, down
    into a V neckline: the lit strands' looser reach followed the neck down into the V,
    cut into every new top. Beyond `HAIR_REACH` only the hair's hue counts."""
    person, _ = long_haired((30, 90, 160))
    image = person.image.copy()
    head = np.zeros(image.shape[:2], np.uint8)
    cv2.ellipse(head, (200, 48), (34, 40), 0, 0, 360, 255, -1)
    image[(image == HAIR_RGB).all(axis=2) & (head == 0)] = 235  # short hair: no locks
    shade = cv2.cvtColor(np.uint8([[SKIN_LAB - np.array([70, 0, 0])]]), cv2.COLOR_LAB2RGB)[0, 0]
    neck = np.zeros(image.shape[:2], np.uint8)
    cv2.rectangle(neck, (180, 70), (220, 98), 255, -1)
    cv2.fillConvexPoly(neck, np.array([(170, 90), (230, 90), (200, 170)]), 255)
    image[(neck > 0) & (person.face == 0)] = shade
    person.image = image
    assert hair_in_front(person, "top")[100:].max() < 0.5


def test_a_backdrop_of_the_hairs_hue_beside_the_shoulders_is_no_hair() -> None:
    """A warm grey wall, within the hair's loose reach of dark brown (its lightness weighs
    half), beside a person whose hair falls over the shoulders: main followed it off the
    person as hair in front, and kept the old top's outline with it (a ghost of the old
    sleeves beside the new top). Off the person, it is the backdrop; the locks stay."""
    person, locks = long_haired((30, 90, 160))
    image = person.image.copy()
    image[(image == 235).all(axis=2)] = (100, 90, 85)
    person.image = image
    hair = hair_in_front(person, "top")
    off = cv2.erode((person.mask < 0.5).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0  # past the soft ends
    assert hair[off].max() < 0.05, hair[off].max()
    assert hair[locks].mean() > 0.9, hair[locks].mean()


def test_dark_brown_locks_over_a_black_top_stay_in_front() -> None:
    """Dark brown locks with near-black shaded strands over a black top: the shaded
    strands are as dark as the top but of the hair's hue, and stay hair (main cut them
    away with the top, and the locks with them)."""
    person, locks = long_haired((18, 18, 20))
    image = person.image.copy()
    shade = locks.copy()
    shade[:, ::3] = False
    image[shade] = (45, 24, 10)
    person.image = image
    kept = hair_in_front(person, "top") > 0.5
    assert np.count_nonzero(kept & locks) > 0.6 * np.count_nonzero(locks)


def test_dark_locks_of_a_black_tops_colour_over_a_coat_stay_in_front() -> None:
    """Near-black locks falling over an open tan coat, a black top between its lapels:
    the locks are of the top's colour (main took them away with it, and rebuilt them as
    grey blobs of the street behind), yet apart from it; the top's own cloth still goes."""
    person, locks = long_haired((150, 100, 60))
    image = person.image.copy()
    hair = (image == HAIR_RGB).all(axis=2)
    image[hair] = (30, 30, 38)
    top = np.zeros(hair.shape, bool)
    top[90:300, 180:221] = True
    image[top & ~hair] = (14, 14, 18)
    person.image = image
    kept = hair_in_front(person, "top") > 0.5
    assert np.count_nonzero(kept & locks) > 0.6 * np.count_nonzero(locks)
    cloth = top & ~hair
    cloth[:110] = False
    assert np.count_nonzero(kept & cloth) < 0.02 * np.count_nonzero(cloth)


def cut_head() -> tuple[Person, np.ndarray]:
    """`long_haired` in a blue top, the photo's top cutting the head off at the nose, the
    cheeks' skin wider than the face's ellipse (as the pose model draws it without eyes).
    Returns the person and the locks' mask below the shoulders."""
    person, locks = long_haired((30, 90, 160))
    cut = 40
    image = person.image.copy()
    cheeks = np.zeros(image.shape[:2], np.uint8)
    cv2.ellipse(cheeks, (200, 56), (31, 30), 0, 0, 360, 255, -1)
    image[cheeks > 0] = SKIN_RGB
    points = person.points.copy()
    points[:, 1] -= cut
    person = Person(
        image[cut:],
        points,
        person.visibility,
        person.mask[cut:],
        person.face[cut:],
        person.hands[cut:],
        person.skin_lab,
    )
    return person, locks[cut:]


def test_hair_beside_a_face_cut_off_by_the_photos_top_is_found() -> None:
    """Main read only the cheeks round a face cut off at the nose, found no hair colour,
    and cut the locks off at the lips: the hair beside them is read a wider ring out."""
    person, locks = cut_head()
    assert person.face[0].any()
    kept = hair_in_front(person, "top") > 0.5
    assert np.count_nonzero(kept & locks) > 0.6 * np.count_nonzero(locks)


def test_hair_cut_reads_locks_cut_off_below_a_cut_off_head() -> None:
    """`hair_cut` reads the engine's hair matte: the locks painted over as backdrop below
    a head cut off by the photo's top (main's matte was empty there, and the check 0)."""
    person, _ = cut_head()
    hair = cv2.erode((hair_in_front(person, "top") > 0.5).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    out = person.image.copy()
    out[hair] = (235, 235, 235)
    value = checks.hair_cut(person.image, out, hair)
    assert value is not None and "hair_cut" in checks.faults({"hair_cut": value})


def fair_haired() -> tuple[Person, np.ndarray]:
    """`long_haired` in a blue top with fair hair: of the skin's own hue and about its
    lightness, told from skin only by its strands (stripes a pixel or two wide, lighter
    and darker by turns). Returns the person and the locks' mask below the shoulders."""
    person, locks = long_haired((30, 90, 160))
    hair = (person.image == HAIR_RGB).all(axis=2)
    lab = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    xs = np.arange(lab.shape[1])[None, :].repeat(lab.shape[0], axis=0)
    strands = np.where((xs // 2) % 2 == 0, 155, 185).astype(np.uint8)
    lab[hair] = np.stack([strands[hair], np.full(hair.sum(), 144), np.full(hair.sum(), 150)], axis=1)
    person.image = cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)
    return person, locks


def test_fair_locks_over_the_shoulders_stay_in_front_of_a_new_top() -> None:
    """Fair hair of the skin's hue has no colour of its own round the face: main kept
    nothing of it, and a new top was drawn over the locks (where the old top's mask took
    them, they came back as flat skin-coloured blocks). Its strands tell it: kept."""
    person, locks = fair_haired()
    assert hair_colour(person, torso_frame(person)) is None
    inner = cv2.erode(locks.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    assert inner.sum() > 300
    assert hair_in_front(person, "top")[inner].mean() > 0.9
    assert fair_hair_in_front(person, "top")[inner].mean() > 0.9
    before = person.image.copy()
    garment = analyse_garment(red_tee(), swap_target="top", hint=None)
    out = compose(person, garment, layers_for(person, garment)).image
    value = checks.fair_hair_cut(before, out, inner)
    assert value is not None and checks.faults({"fair_hair_cut": value}) == [], value


def test_smooth_skin_coloured_locks_are_no_fair_hair() -> None:
    """Without strands, a skin-coloured band down the chest is skin (a bare neckline),
    not fair hair: nothing of it is kept in front."""
    person, locks = fair_haired()
    lab = cv2.cvtColor(person.image, cv2.COLOR_RGB2LAB)
    hair = (lab[:, :, 1] == 144) & (lab[:, :, 2] == 150)
    lab[hair, 0] = 170
    person.image = cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)
    assert hair_in_front(person, "top")[locks].max() < 0.5
    assert not fair_hair_in_front(person, "top").any()
