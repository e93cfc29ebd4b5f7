"""FASHN's human-parsing label vocabulary, as fitroom's own module.

`fashn_vton` (Apache-2.0) imports a handful of names from the `fashn-human-parser`
package at module level. That package is licensed as a whole under NVIDIA's
non-commercial SegFormer terms, so fitroom neither installs nor imports it: this module
is registered under its name instead (see `fitroom.engines.fashn_vton.use_fitroom_labels`),
and holds only what `fashn_vton`'s code asks of it:

- the 18 body and clothing labels of FASHN's parser, numbered as FASHN numbers them;
- which body coverage each try-on category has (`CATEGORY_TO_BODY_COVERAGE`);
- which clothing labels each coverage masks out of the person photo
  (`BODY_COVERAGE_TO_LABELS`);
- the labels kept out of that mask, the person's identity (`IDENTITY_LABELS`);
- `FashnHumanParser`, the class name `fashn_vton.pipeline` imports. Here it is fitroom's
  `SuppliedParser`, which hands back the label maps fitroom made; the stock pipeline would
  construct it in `_setup_hp_model`, which fitroom's `FitroomPipeline` overrides, so it is
  never built from this name (built with the stock arguments it would fail loudly).

The ids never reach the model: the pipeline turns label maps into masks with them, and the
maps are fitroom's (masks.py), made with these same ids.
"""

from __future__ import annotations

from fitroom.engines.fashn_vton.supplied import SuppliedParser

#: FASHN's parser labels; a label's position is its id in a label map.
LABELS: tuple[str, ...] = (
    "background",
    "face",
    "hair",
    "top",
    "dress",
    "skirt",
    "pants",
    "belt",
    "bag",
    "hat",
    "scarf",
    "glasses",
    "arms",
    "hands",
    "legs",
    "feet",
    "torso",
    "jewelry",
)
LABELS_TO_IDS: dict[str, int] = {name: number for number, name in enumerate(LABELS)}

_UPPER_CLOTHES = ("top", "dress", "scarf")
_LOWER_CLOTHES = ("skirt", "pants", "belt")

#: The model's three garment categories and the part of the body each dresses.
CATEGORY_TO_BODY_COVERAGE: dict[str, str] = {"tops": "upper", "bottoms": "lower", "one-pieces": "full"}
#: Per coverage, the clothing labels that come off the person before the new garment goes on.
BODY_COVERAGE_TO_LABELS: dict[str, tuple[str, ...]] = {
    "upper": _UPPER_CLOTHES,
    "lower": _LOWER_CLOTHES,
    "full": _UPPER_CLOTHES + _LOWER_CLOTHES,
}
#: What makes the person recognisable, never masked whatever the category.
IDENTITY_LABELS: tuple[str, ...] = ("face", "hair", "jewelry", "bag", "glasses", "hat")

FashnHumanParser = SuppliedParser

__all__ = [
    "BODY_COVERAGE_TO_LABELS",
    "CATEGORY_TO_BODY_COVERAGE",
    "IDENTITY_LABELS",
    "LABELS",
    "LABELS_TO_IDS",
    "FashnHumanParser",
]
