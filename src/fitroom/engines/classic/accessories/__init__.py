"""Accessories: watch, glasses, hat, shoes, bag, jewelry and described `other` items.

One product photo is cut out (holes kept), placed from the person's landmarks (face mesh
and hands only when the kind needs them), and composited with occlusion, a contact
shadow and the photo's colour. Each kind's geometry is in `place`; the blending in
`compose`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import ACCESSORY_TARGETS, HAND_TARGETS, HEAD_TARGETS, SwapTarget
from fitroom.engines.base import EngineError
from fitroom.engines.classic.accessories import place
from fitroom.engines.classic.accessories.compose import (
    MIN_DRAWN_SHARE,
    MIN_VISIBLE_PX,
    Composite,
    Placement,
    drawn_extent,
    paste,
    photo_cast,
    too_small,
)
from fitroom.engines.classic.accessories.cutout import (
    NO_PLAIN_BACKGROUND,
    Cutout,
    crossed_items,
    cut_accessory,
    cut_worn_hat,
    separate_items,
)
from fitroom.engines.classic.accessories.landmarks import face_photo, hand_photo
from fitroom.engines.classic.person import Person

#: What a close-up of a face or a hand lacks for each target, said as the refusal.
MISSING_FROM_CLOSE_UP: dict[str, str] = {
    SwapTarget.GLASSES: "the face is not in the photo; glasses need the eyes",
    SwapTarget.HAT: "the head is not in the photo; a hat needs it",
    SwapTarget.JEWELRY: "the ears and the neck are not in the photo; jewelry needs them",
    SwapTarget.SHOES: "the feet are not in the photo; shoes need both feet",
    SwapTarget.WATCH: "no wrist is visible in the photo; a watch needs one",
    SwapTarget.BAG: "the body is not in the photo; a bag needs a shoulder or a hand hanging at the side",
    SwapTarget.OTHER: "the body is not in the photo; this item needs it",
}

#: Words in `garment_description` and the kind of item they name, checked in this order
#: ("earring" before "ring", "bow tie" before "bow"). A kind that is also a swap target is
#: that target, and its name is one of its words.
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("earring", "earrings"),
    ("stud", "earrings"),
    ("hoop", "earrings"),
    ("necklace", "necklace"),
    ("pendant", "necklace"),
    ("choker", "necklace"),
    ("chain", "necklace"),
    ("pearls", "necklace"),
    ("bracelet", "bracelet"),
    ("bangle", "bracelet"),
    ("anklet", "bracelet"),
    ("ring", "ring"),
    (SwapTarget.WATCH, SwapTarget.WATCH),
    ("sunglasses", SwapTarget.GLASSES),
    (SwapTarget.GLASSES, SwapTarget.GLASSES),
    ("spectacles", SwapTarget.GLASSES),
    ("eyewear", SwapTarget.GLASSES),
    (SwapTarget.HAT, SwapTarget.HAT),
    ("cap", SwapTarget.HAT),
    ("beanie", SwapTarget.HAT),
    ("beret", SwapTarget.HAT),
    ("shoe", SwapTarget.SHOES),
    ("sneaker", SwapTarget.SHOES),
    ("boot", SwapTarget.SHOES),
    ("sandal", SwapTarget.SHOES),
    ("heels", SwapTarget.SHOES),
    ("loafer", SwapTarget.SHOES),
    ("trainer", SwapTarget.SHOES),
    (SwapTarget.BAG, SwapTarget.BAG),
    ("backpack", SwapTarget.BAG),
    ("purse", SwapTarget.BAG),
    ("handbag", SwapTarget.BAG),
    ("tote", SwapTarget.BAG),
    ("briefcase", SwapTarget.BAG),
    ("clutch", SwapTarget.BAG),
    ("scarf", "scarf"),
    ("shawl", "scarf"),
    ("stole", "scarf"),
    ("necktie", "tie"),
    ("bow tie", "tie"),
    ("tie", "tie"),
    ("belt", "belt"),
)
JEWELRY_KINDS = ("earrings", "necklace", "bracelet", "ring")
#: The most pieces of comparable size one product photo may show: a hat or a bag is
#: one piece; glasses may come apart at a thin bridge, shoes and earrings are pairs.
#: More than that is a pile of several items, which cannot be put on as one.
MOST_PIECES: dict[str, int] = {
    SwapTarget.HAT: 1,
    SwapTarget.BAG: 1,
    SwapTarget.WATCH: 2,
    SwapTarget.GLASSES: 2,
    SwapTarget.SHOES: 2,
}
#: What each swap_target is when the description does not say more.
TARGET_KINDS: dict[str, str] = {
    target: target
    for target in (SwapTarget.WATCH, SwapTarget.GLASSES, SwapTarget.SHOES, SwapTarget.HAT, SwapTarget.BAG)
}


def _named_kind(description: str | None, allowed: tuple[str, ...] | None = None) -> str | None:
    text = (description or "").lower()
    for word, kind in KIND_WORDS:
        if re.search(rf"\b{word}s?\b", text) and (allowed is None or kind in allowed):
            return kind
    return None


def understood() -> str:
    """The descriptions `other` understands, for error messages and docs."""
    return ", ".join(dict.fromkeys(word for word, _ in KIND_WORDS))


def kind_for(target: str, description: str | None, cut: Cutout | None = None) -> str:
    """The kind of item to place: from the target, the description, or the cut-out's shape."""
    if target in TARGET_KINDS:
        return TARGET_KINDS[target]
    if target == SwapTarget.JEWELRY:
        named = _named_kind(description, JEWELRY_KINDS)
        if named or cut is None:
            return named or "necklace"
        return jewelry_by_shape(cut)
    named = _named_kind(description)
    if named is None:
        raise EngineError(
            "garment_not_found",
            "swap_target 'other' needs a garment_description naming the item; understood: " + understood(),
        )
    return named


#: A single piece this solid (its area over its convex hull's), roundish and without
#: see-through holes is a stud earring, not a heap of beads to string as a necklace.
STUD_SOLIDITY = 0.93


def jewelry_by_shape(cut: Cutout) -> str:
    """Two tall pieces side by side, or two alike (a pair of studs), are earrings; so is
    one solid round piece (a stud); a wide open loop is a bracelet; else a necklace."""
    if len(cut.parts) >= 2:
        tall = [(y1 - y0) > 1.2 * (x1 - x0) for x0, y0, x1, y1 in cut.parts]
        areas = sorted(((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in cut.parts), reverse=True)
        if sum(tall) >= 2 or (len(areas) == 2 and areas[1] >= 0.6 * areas[0] and cut.holes < 0.1):
            return "earrings"
    if cut.holes > 0.25 and cut.aspect < 0.8:
        return "bracelet"
    if len(cut.parts) <= 1 and cut.holes < 0.05 and 0.6 < cut.aspect < 1.6 and _solidity(cut.alpha) > STUD_SOLIDITY:
        return "earrings"
    return "necklace"


def _solidity(alpha: NDArray[np.float32]) -> float:
    """The solid area over its convex hull's: 1 for a round stud, less for a heap of beads."""
    solid = (alpha > 0.5).astype(np.uint8)
    contours, _ = cv2.findContours(solid, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return 0.0
    hull = cv2.contourArea(cv2.convexHull(np.vstack(contours)))
    return float(solid.sum() / max(hull, 1.0))


def close_up(image: NDArray[np.uint8], targets: tuple[str, ...] | list[str], error: EngineError) -> Person:
    """The person in a photo the pose model found no body in: a hand alone takes a watch,
    a bracelet or a ring; a face alone takes glasses, a hat or earrings. For any other
    item a face close-up is refused by the body part it lacks ("the feet are not in the
    photo"), not as "no person"; with neither a hand nor a face, `error` stands."""
    wanted = set(targets)
    if not wanted <= ACCESSORY_TARGETS:
        raise error
    hand = hand_photo(image) if wanted <= HAND_TARGETS else None
    if hand is not None:
        return hand
    face = face_photo(image)
    if face is not None and wanted <= HEAD_TARGETS:
        return face
    if face is None and (wanted <= HAND_TARGETS or hand_photo(image) is None):
        raise error
    seen = "a face" if face is not None else "a hand"
    missing = next(t for t in targets if t not in (HEAD_TARGETS if face is not None else HAND_TARGETS))
    raise EngineError("pose_not_supported", f"the photo is a close-up of {seen}: " + MISSING_FROM_CLOSE_UP[missing])


def cut_out(rgb: NDArray[np.uint8], target: str, description: str | None) -> Cutout:
    """The accessory's cut-out, with the kind the description names (if any) deciding holes."""
    named = TARGET_KINDS.get(target) or _named_kind(description)
    try:
        cut = cut_accessory(
            rgb,
            solid_centre=named == SwapTarget.WATCH,
            tinted=named == SwapTarget.GLASSES,
            whole=named not in (SwapTarget.WATCH, SwapTarget.GLASSES),
            floor=named == SwapTarget.SHOES,
            strands=target == SwapTarget.JEWELRY or named == "necklace",
        )
    except EngineError as exc:
        # Hats are often shown worn; other kinds on a busy background are refused.
        if named != SwapTarget.HAT or exc.message != NO_PLAIN_BACKGROUND:
            raise
        return cut_worn_hat(rgb)
    pieces = separate_items(cut.alpha)
    if pieces > MOST_PIECES.get(named or "", 2):
        raise EngineError(
            "garment_not_found",
            f"the photo shows {pieces} separate items; send a product photo of one {named or 'item'} (or one pair)",
        )
    if named == SwapTarget.SHOES and pieces == 1 and crossed_items(cut.alpha):
        raise EngineError(
            "garment_not_found",
            "the shoes overlap in the photo (one lies across the other), so neither can be cut out whole; "
            "send a product photo of one shoe, or of the pair side by side",
        )
    return cut


_PLACERS: dict[str, Callable[[Person, Cutout, str], list[Placement]]] = {
    SwapTarget.GLASSES: lambda p, c, d: place.glasses(p, c),
    SwapTarget.HAT: lambda p, c, d: place.hat(p, c),
    SwapTarget.WATCH: place.watch,
    "bracelet": place.bracelet,
    "ring": place.ring,
    SwapTarget.SHOES: lambda p, c, d: place.shoes(p, c),
    SwapTarget.BAG: place.bag,
    "earrings": lambda p, c, d: place.earrings(p, c),
    "necklace": lambda p, c, d: place.necklace(p, c),
    "scarf": lambda p, c, d: place.scarf(p, c),
    "tie": lambda p, c, d: place.tie(p, c),
    "belt": lambda p, c, d: place.belt(p, c),
}


def check_size(kind: str, placement: Placement, cover: NDArray[np.float32]) -> None:
    """Refuse a piece that the body sized visibly but that came out a speck or hidden.

    The size the body asks for (`placement.expect`: a wrist's width, the span of the
    temples, a foot) is checked first, then what was actually drawn: a render whose item
    cannot be seen must fail with the reason, never complete with nothing on the person."""
    part = placement.part or "the body part it goes on"
    if placement.expect <= 0:
        return
    least = placement.least or MIN_VISIBLE_PX
    if placement.expect < least:
        raise too_small(kind, part, placement.expect)
    drawn = drawn_extent(cover)
    if drawn < max(least, MIN_DRAWN_SHARE * placement.expect):
        raise EngineError(
            "pose_not_supported",
            f"the {kind} would show only {drawn:.0f} px of the {placement.expect:.0f} px that {part} needs: "
            "the rest is hidden, or outside the photo",
        )


def wear(person: Person, cut: Cutout, kind: str, description: str | None) -> Composite:
    """Put the item on the person's photo (`person.image` is not modified); a piece that
    ends up too small to see, or not drawn at all, is refused with the reason."""
    placements = _PLACERS[kind](person, cut, description or "")
    cast = photo_cast(person.image)
    image = person.image
    cover = np.zeros(image.shape[:2], np.float32)
    edited = np.zeros(image.shape[:2], bool)
    piece = cover
    for placement in placements:
        step = paste(image, placement, cast)
        image = step.image
        piece = np.maximum(piece, step.cover) if placement.with_previous else step.cover
        check_size(kind, placement, piece)
        cover = np.maximum(cover, step.cover)
        edited |= step.edited
    if not (cover > 0.5).any():
        where = placements[0].part if placements and placements[0].part else "where it goes"
        raise EngineError(
            "pose_not_supported",
            f"the {kind} could not be drawn: nothing of it is left to see at {where} (hidden, or outside the photo)",
        )
    return Composite(image, cover, edited)


__all__ = [
    "ACCESSORY_TARGETS",
    "HAND_TARGETS",
    "HEAD_TARGETS",
    "close_up",
    "Composite",
    "Cutout",
    "cut_out",
    "hand_photo",
    "kind_for",
    "understood",
    "wear",
]
