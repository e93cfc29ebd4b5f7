"""Accessories: watch, glasses, hat, shoes, bag, jewelry and described `other` items.

One product photo is cut out (holes kept), placed from the person's landmarks (face mesh
and hands only when the kind needs them), and composited with occlusion, a contact
shadow and the photo's colour. Each kind's geometry is in `place`; the blending in
`compose`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from fitroom.domain import ACCESSORY_TARGETS
from fitroom.engines.base import EngineError
from fitroom.engines.classic.accessories import place
from fitroom.engines.classic.accessories.compose import Composite, Placement, paste, photo_cast
from fitroom.engines.classic.accessories.cutout import NO_PLAIN_BACKGROUND, Cutout, cut_accessory, cut_worn_hat
from fitroom.engines.classic.accessories.landmarks import hand_photo
from fitroom.engines.classic.person import Person

#: Targets that a photo of a hand alone can take (a watch; a bracelet or a ring).
HAND_TARGETS = frozenset({"watch", "jewelry"})

#: Words in `garment_description` and the kind of item they name, checked in this order
#: ("earring" before "ring", "bow tie" before "bow").
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("earring", "earrings"), ("stud", "earrings"), ("hoop", "earrings"),
    ("necklace", "necklace"), ("pendant", "necklace"), ("choker", "necklace"), ("chain", "necklace"),
    ("pearls", "necklace"),
    ("bracelet", "bracelet"), ("bangle", "bracelet"), ("anklet", "bracelet"),
    ("ring", "ring"),
    ("watch", "watch"),
    ("sunglasses", "glasses"), ("glasses", "glasses"), ("spectacles", "glasses"), ("eyewear", "glasses"),
    ("hat", "hat"), ("cap", "hat"), ("beanie", "hat"), ("beret", "hat"),
    ("shoe", "shoes"), ("sneaker", "shoes"), ("boot", "shoes"), ("sandal", "shoes"), ("heels", "shoes"),
    ("loafer", "shoes"), ("trainer", "shoes"),
    ("bag", "bag"), ("backpack", "bag"), ("purse", "bag"), ("handbag", "bag"), ("tote", "bag"),
    ("briefcase", "bag"), ("clutch", "bag"),
    ("scarf", "scarf"), ("shawl", "scarf"), ("stole", "scarf"),
    ("necktie", "tie"), ("bow tie", "tie"), ("tie", "tie"),
    ("belt", "belt"),
)
JEWELRY_KINDS = ("earrings", "necklace", "bracelet", "ring")
#: What each swap_target is when the description does not say more.
TARGET_KINDS = {"watch": "watch", "glasses": "glasses", "shoes": "shoes", "hat": "hat", "bag": "bag"}


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
    if target == "jewelry":
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


def jewelry_by_shape(cut: Cutout) -> str:
    """Two tall pieces side by side are earrings; a wide open loop is a bracelet; else a necklace."""
    if len(cut.parts) >= 2:
        tall = [(y1 - y0) > 1.2 * (x1 - x0) for x0, y0, x1, y1 in cut.parts]
        if sum(tall) >= 2:
            return "earrings"
    if cut.holes > 0.25 and cut.aspect < 0.8:
        return "bracelet"
    return "necklace"


def cut_out(rgb: NDArray[np.uint8], target: str, description: str | None) -> Cutout:
    """The accessory's cut-out, with the kind the description names (if any) deciding holes."""
    named = TARGET_KINDS.get(target) or _named_kind(description)
    try:
        return cut_accessory(rgb, solid_centre=named == "watch", tinted=named == "glasses", whole=named != "watch")
    except EngineError as exc:
        # Hats are often shown worn; other kinds on a busy background are refused.
        if named != "hat" or exc.message != NO_PLAIN_BACKGROUND:
            raise
        return cut_worn_hat(rgb)


_PLACERS: dict[str, Callable[[Person, Cutout, str], list[Placement]]] = {
    "glasses": lambda p, c, d: place.glasses(p, c),
    "hat": lambda p, c, d: place.hat(p, c),
    "watch": place.watch,
    "bracelet": place.bracelet,
    "ring": place.ring,
    "shoes": lambda p, c, d: place.shoes(p, c),
    "bag": place.bag,
    "earrings": lambda p, c, d: place.earrings(p, c),
    "necklace": lambda p, c, d: place.necklace(p, c),
    "scarf": lambda p, c, d: place.scarf(p, c),
    "tie": lambda p, c, d: place.tie(p, c),
    "belt": lambda p, c, d: place.belt(p, c),
}


def wear(person: Person, cut: Cutout, kind: str, description: str | None) -> Composite:
    """Put the item on the person's photo (`person.image` is not modified)."""
    placements = _PLACERS[kind](person, cut, description or "")
    cast = photo_cast(person.image)
    image = person.image
    cover = np.zeros(image.shape[:2], np.float32)
    edited = np.zeros(image.shape[:2], bool)
    for placement in placements:
        step = paste(image, placement, cast)
        image = step.image
        cover = np.maximum(cover, step.cover)
        edited |= step.edited
    return Composite(image, cover, edited)


__all__ = ["ACCESSORY_TARGETS", "HAND_TARGETS", "Composite", "Cutout", "cut_out", "hand_photo", "kind_for", "understood", "wear"]
