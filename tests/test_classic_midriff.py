"""A cropped new top over a person whose old top reached the trousers: the bared midriff
ends at the trousers' waistband in a crisp line (faded into them, it read as a blurred
band), darkened a little just above it, and shaded as a rounded belly."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import cv2
import numpy as np

from fitroom import checks
from fitroom.engines.classic import person as pose
from fitroom.engines.classic import skin
from fitroom.engines.classic.garment import Garment
from fitroom.engines.classic.rebuild import WAIST_DEPTH, replaced
from tests.support.figure import standing_over_trousers

SKIN = (205, 160, 135)
TROUSERS = (30, 35, 60)
WAISTBAND = (70, 80, 120)
SHOULDERS = 160.0


def _long_top_over_trousers() -> pose.Person:
    """A grey top from the shoulders (y 120) to y 470, past the hips (y 420), over dark
    trousers down to y 700; bare arms beside it, a face above (its cheeks set the tone)."""
    h, w = 720, 500
    image = np.full((h, w, 3), 235, np.uint8)
    image[40:120, 210:290] = SKIN  # the head and neck
    image[120:470, 170:331] = (120, 120, 125)  # the old top
    image[470:700, 175:326] = TROUSERS
    image[130:420, 140:170] = image[130:420, 331:361] = SKIN  # the arms
    return standing_over_trousers(image, SKIN)


def _rebuilt() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The render's picture, rebuilt skin share and new cover under a cami ending at y 250."""
    person = _long_top_over_trousers()
    new = np.zeros(person.mask.shape, np.float32)
    new[120:250, 170:331] = 1
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="top"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    picture = np.clip(out.fill * out.rebuild[:, :, None] + person.image * (1 - out.rebuild[:, :, None]), 0, 255)
    shown = out.rebuild * out.skin * (1 - new)
    return picture.astype(np.uint8), shown, new


def test_the_bared_midriff_meets_the_trousers_in_a_crisp_line() -> None:
    """The skin faded into the trousers over a twentieth of the torso: a blurred band
    across the waist (`waistband_blur` read 9-16 px on the devset)."""
    picture, shown, new = _rebuilt()
    assert shown[300:380, 220:280].min() > 0.9, "the midriff is skin"
    value = checks.waistband_blur(picture, shown, new, (195.0, 305.0), SHOULDERS)
    assert value is not None and value <= checks.WAISTBAND_BLUR_MOST, value
    assert checks.faults({"waistband_blur": value}) == []


def test_the_skin_just_above_the_waistband_is_shaded_and_the_belly_rounded() -> None:
    """A soft contact shadow just above the waistband, and the belly's sides darker than
    its middle: lit alike across, it read as a flat, pasted patch."""
    picture, shown, _ = _rebuilt()
    lum = cv2.cvtColor(picture, cv2.COLOR_RGB2GRAY).astype(np.float32)
    column = lum[:, 240:260].mean(axis=1)
    skin_rows = np.flatnonzero(shown[:, 250] > 0.9)
    bottom = int(skin_rows.max())
    assert bottom < 130 + WAIST_DEPTH * 290 + 3
    assert column[bottom - 2] < column[bottom - 25] - 4, (column[bottom - 2], column[bottom - 25])
    # Across the belly: its sides (a tenth to a fifth of the way in from either edge;
    # the edges themselves meet the arms' own skin) against its lit middle.
    inside = np.flatnonzero(shown[340] > 0.9)
    row = lum[340, inside[0] : inside[-1] + 1]
    n = len(row)
    sides = np.concatenate([row[n // 10 : n // 5], row[n - n // 5 : n - n // 10]]).mean()
    middle = row[int(n * 0.3) : int(n * 0.7)].max()
    assert sides < middle - 16, (sides, middle)


def test_waistband_blur_flags_skin_faded_into_the_trousers_only() -> None:
    """Skin over dark trousers: a crisp edge passes, the same edge blurred over a dozen
    pixels fails; with no rebuilt skin above the trousers it does not apply."""
    image = np.zeros((300, 200, 3), np.uint8)
    image[:200] = SKIN
    image[200:] = TROUSERS
    shown = np.zeros((300, 200), np.float32)
    shown[100:200, 30:170] = 1
    cover = np.zeros((300, 200), np.float32)
    cover[:100, 30:170] = 1
    span = (40.0, 160.0)
    crisp = checks.waistband_blur(image, shown, cover, span, SHOULDERS)
    blurred = image.copy()
    blurred[150:250] = cv2.GaussianBlur(image, (1, 0), 5)[150:250]
    soft = checks.waistband_blur(blurred, shown, cover, span, SHOULDERS)
    assert crisp is not None and soft is not None
    assert checks.faults({"waistband_blur": crisp}) == [], crisp
    assert checks.faults({"waistband_blur": soft}) == ["waistband_blur"], soft
    assert checks.waistband_blur(image, np.zeros_like(shown), cover, span, SHOULDERS) is None


def _coat_over_trousers() -> pose.Person:
    """A grey coat from the shoulders (y 120) to y 470, sleeves and all (x 135-365): the
    arms hang in it against its sides, hands (y 410-440) below the sleeves; dark trousers
    below it. The coat's outline runs down the outer sides of the arms."""
    person = _long_top_over_trousers()
    image = person.image.copy()
    image[120:470, 135:366] = (120, 120, 125)
    image[410:440, 138:170] = image[410:440, 331:363] = SKIN
    mask = np.any(image != 235, axis=2).astype(np.float32)
    return pose.Person(image, person.points, person.visibility, mask, person.face, person.hands, person.skin_lab)


def test_the_bared_waist_keeps_in_from_arms_bared_beside_it() -> None:
    """Under a cami, the arms bared out of a coat's sleeves and the midriff were rebuilt
    as one slab of skin as wide as the coat (`midriff_width` 1.4): the waist keeps in
    from them, the backdrop between."""
    person = _coat_over_trousers()
    new = np.zeros(person.mask.shape, np.float32)
    new[120:250, 170:331] = 1
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="top"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    shown = out.rebuild * out.skin * (1 - new)
    neck, hips = np.array([250.0, 130.0]), np.array([250.0, 420.0])
    value = checks.midriff_width(shown, new, neck, hips, SHOULDERS)
    assert value is not None and value <= checks.MIDRIFF_WIDE, value
    assert shown[320:380, 240:260].min() > 0.9, "the midriff is skin"
    picture = out.fill * out.rebuild[:, :, None] + person.image * (1 - out.rebuild[:, :, None])
    row = picture[340].mean(axis=1)
    assert row[165:190].max() > 225, "the backdrop shows between the arm and the waist"
    assert row[145:165].max() < 200 and row[190:240].max() < 200, "the arm and the waist either side are skin"


def test_midriff_width_flags_arms_and_midriff_in_one_slab() -> None:
    """Rebuilt skin from arm to arm below the hem fails; a waist with the backdrop
    between it and the arms passes; with no skin below the hem it does not apply."""
    shown = np.zeros((400, 400), np.float32)
    cover = np.zeros((400, 400), np.float32)
    cover[50:150, 110:290] = 1
    neck, hips = np.array([200.0, 50.0]), np.array([200.0, 330.0])
    slab = shown.copy()
    slab[150:300, 90:310] = 1
    waist = shown.copy()
    waist[150:300, 130:270] = 1
    waist[150:300, 90:118] = waist[150:300, 282:310] = 1
    wide = checks.midriff_width(slab, cover, neck, hips, SHOULDERS)
    slim = checks.midriff_width(waist, cover, neck, hips, SHOULDERS)
    assert wide is not None and slim is not None
    assert checks.faults({"midriff_width": wide}) == ["midriff_width"], wide
    assert checks.faults({"midriff_width": slim}) == [], slim
    assert checks.midriff_width(shown, cover, neck, hips, SHOULDERS) is None


def _top_to_the_waistband() -> pose.Person:
    """`_long_top_over_trousers` with the old top ending at y 430, just below the hips'
    line (y 420), on the trousers' own waistband: a lighter band (y 430-445) as shot."""
    person = _long_top_over_trousers()
    image = person.image.copy()
    image[430:470, 175:326] = TROUSERS
    image[430:445, 175:326] = WAISTBAND
    image[430:470, 170:175] = image[430:470, 326:331] = 235
    mask = np.any(image != 235, axis=2).astype(np.float32)
    return pose.Person(image, person.points, person.visibility, mask, person.face, person.hands, person.skin_lab)


def _cami_over(person: pose.Person, hem: int = 250) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The render's picture, rebuilt skin share and new cover under a top ending at `hem`
    (a cami's at y 250)."""
    new = np.zeros(person.mask.shape, np.float32)
    new[120:hem, 170:331] = 1
    none = np.zeros(person.mask.shape, bool)
    garment = cast(Garment, SimpleNamespace(category="top"))
    out = replaced(person, garment, new, none, np.zeros(person.mask.shape, np.float32), skin.look(person))
    picture = np.clip(out.fill * out.rebuild[:, :, None] + person.image * (1 - out.rebuild[:, :, None]), 0, 255)
    return picture.astype(np.uint8), out.rebuild * out.skin * (1 - new), new


def test_a_midriff_ends_at_an_old_hem_just_below_the_waist_not_over_a_mirrored_band() -> None:
    """An old top ending on the trousers' waistband, a little below the usual waist: the
    midriff ran to a ruled line above it and the trousers' top was mirrored up into the
    gap, a smeared band (`waist_redrawn` 0.07 and 0.12 on two studio persons). Now the skin runs to
    the hem and the waistband stays as shot; a long top's hem (`_rebuilt`) still ends
    the skin at the usual waist."""
    person = _top_to_the_waistband()
    picture, shown, new = _cami_over(person)
    assert shown[405:425, 220:280].min() > 0.9, "the skin runs down to the old hem"
    band = np.abs(picture[434:442, 200:300].astype(int) - person.image[434:442, 200:300]).max()
    assert band < 12, band
    value = checks.waist_redrawn(picture, person.image, shown, new, (195.0, 305.0), SHOULDERS)
    assert value is not None and checks.faults({"waist_redrawn": value}) == [], value
    _, long_shown, _ = _rebuilt()
    assert long_shown[408:418, 240:260].max() < 0.1, "under a long top the skin ends at the usual waist"


def test_a_dress_cut_off_just_below_the_waist_keeps_the_usual_waist() -> None:
    """The same outline in one grey (a dress): where the old top's mask ends below the
    waist there is no hem and no waistband, only more of the dress; the skin ends at the
    usual waist and the skirt goes on up to it."""
    person = _top_to_the_waistband()
    image = person.image.copy()
    image[430:700][np.all(image[430:700] != 235, axis=2)] = (120, 120, 125)
    dress = pose.Person(
        image, person.points, person.visibility, person.mask, person.face, person.hands, person.skin_lab
    )
    _, shown, _ = _cami_over(dress)
    assert shown[408:418, 240:260].max() < 0.1, "the skin ends at the usual waist"


def test_waist_redrawn_flags_a_redrawn_band_under_the_skin_only() -> None:
    """Skin ending on the trousers as shot passes; a band 20 px high below it redrawn
    (not the photo) fails; with no rebuilt skin below the new hem it does not apply."""
    photo = np.zeros((300, 200, 3), np.uint8)
    photo[:] = TROUSERS
    photo[200:215] = WAISTBAND
    shown = np.zeros((300, 200), np.float32)
    shown[100:200, 30:170] = 1
    cover = np.zeros((300, 200), np.float32)
    cover[:100, 30:170] = 1
    image = photo.copy()
    image[100:200] = SKIN
    span = (40.0, 160.0)
    kept = checks.waist_redrawn(image, photo, shown, cover, span, SHOULDERS)
    mirrored = image.copy()
    mirrored[200:220] = (140, 145, 190)
    redrawn = checks.waist_redrawn(mirrored, photo, shown, cover, span, SHOULDERS)
    assert kept is not None and redrawn is not None
    assert checks.faults({"waist_redrawn": kept}) == [], kept
    assert checks.faults({"waist_redrawn": redrawn}) == ["waist_redrawn"], redrawn
    assert checks.waist_redrawn(image, photo, np.zeros_like(shown), cover, span, SHOULDERS) is None


def test_a_tee_ending_just_above_the_old_hem_bares_no_sliver_of_skin() -> None:
    """A new top ending at y 418 (depth 0.99), just above the old hem at 430: it bares no
    midriff, and skin run down to the hem was a sliver between it and the trousers."""
    _, shown, _ = _cami_over(_top_to_the_waistband(), hem=418)
    assert shown[420:430, 220:280].max() < 0.1, "no skin between the new hem and the trousers"
