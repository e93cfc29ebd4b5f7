"""The masks fitroom supplies: the clothed region, and label maps in FASHN's label ids.

The clothed region is where the model's picture replaces the photo; everything else of
the output is the input photo, pixel for pixel. It is chosen from fitroom's own person
analysis (mediapipe's pose landmarks and person segmentation):

- a band of the body by category: tops from a quarter shoulder-width above the shoulders
  to 0.45 torso lengths below the hips (long tops, tunics); bottoms from 0.3 torso
  lengths above the hips down to the bottom of the photo; one-pieces from the collar down;
- within it, the person's silhouette, widened by 12% of the shoulder width for garments
  looser than the clothes worn now, spanning the whole width of the photo so sleeves and
  wide legs fit;
- less the face and the hands, which are never painted.

Its edge fades over a few pixels inside the region only, so nothing outside it changes.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from fitroom.domain import SwapTarget
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.person import L_HIP, L_SHOULDER, R_HIP, R_SHOULDER, Person
from fitroom.engines.fashn_vton.labels import LABELS_TO_IDS

#: fitroom's garment swap_targets and the model's three categories.
MODEL_CATEGORY: dict[str, str] = {
    SwapTarget.TOP: "tops",
    SwapTarget.JACKET: "tops",
    SwapTarget.BOTTOM: "bottoms",
    SwapTarget.DRESS: "one-pieces",
    SwapTarget.FULL_OUTFIT: "one-pieces",
}
#: The classic garment analysis's own category for each model category.
CLASSIC_CATEGORY: dict[str, str] = {
    "tops": SwapTarget.TOP,
    "bottoms": SwapTarget.BOTTOM,
    "one-pieces": SwapTarget.DRESS,
}
#: The parser label a garment of each category is given (one of the labels the pipeline
#: masks for that category).
GARMENT_LABEL = {"tops": "top", "bottoms": "pants", "one-pieces": "dress"}

COLLAR = 0.25  # shoulder widths above the shoulders
TOP_HEM = 0.45  # torso lengths below the hips
WAIST = 0.3  # torso lengths above the hips
LOOSE = 0.12  # shoulder widths added round the silhouette
FADE = 0.02  # shoulder widths over which the edge fades in


def band(person: Person, category: str) -> tuple[int, int]:
    """The rows (first, end) of the body a garment of `category` covers."""
    frame = torso_frame(person)
    h = person.image.shape[0]
    shoulders = min(person.pt(L_SHOULDER)[1], person.pt(R_SHOULDER)[1])
    hips = (person.pt(L_HIP)[1] + person.pt(R_HIP)[1]) / 2
    collar = shoulders - COLLAR * frame.frontal_width
    first, end = {
        "tops": (collar, hips + TOP_HEM * frame.length),
        "bottoms": (hips - WAIST * frame.length, h),
        "one-pieces": (collar, h),
    }[category]
    return int(np.clip(first, 0, h)), int(np.clip(np.ceil(end), 0, h))


def clothed_region(person: Person, category: str) -> NDArray[np.bool_]:
    """Where a garment of `category` may go (see the module docstring)."""
    h, w = person.image.shape[:2]
    width = torso_frame(person).frontal_width
    reach = max(1, int(LOOSE * width))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    body = cv2.dilate((person.mask > 0.5).astype(np.uint8), kernel) > 0
    first, end = band(person, category)
    rows = np.zeros((h, w), bool)
    rows[first:end] = True
    region: NDArray[np.bool_] = body & rows & (person.face == 0) & (person.hands == 0)
    return region


def blend_weights(region: NDArray[np.bool_], shoulder_width: float) -> NDArray[np.float32]:
    """Per pixel, the share of the model's picture: 1 inside, fading to 0 at the edge,
    exactly 0 outside the region."""
    sigma = max(0.8, FADE * shoulder_width)
    soft = cv2.GaussianBlur(region.astype(np.float32), (0, 0), sigma)
    return np.where(region, np.clip(2 * soft - 1, 0, 1), 0).astype(np.float32)


def blend(original: NDArray[np.uint8], generated: NDArray[np.uint8], weights: NDArray[np.float32]) -> NDArray[np.uint8]:
    """The generated picture over the original by `weights`; where a weight is 0 the
    original pixel is kept as it was."""
    mixed = original.astype(np.float32) + weights[..., None] * (generated.astype(np.float32) - original)
    out: NDArray[np.uint8] = np.clip(np.rint(mixed), 0, 255).astype(np.uint8)
    keep = weights == 0
    out[keep] = original[keep]
    return out


def person_labels(person: Person, region: NDArray[np.bool_], category: str) -> NDArray[np.uint8]:
    """The person photo's label map: the clothed region as the garment's label, face and
    hands as themselves, the rest of the body as arms above the hips and legs below."""
    h, w = region.shape
    labels = np.zeros((h, w), np.uint8)
    body = person.mask > 0.5
    hips = int(np.clip((person.pt(L_HIP)[1] + person.pt(R_HIP)[1]) / 2, 0, h))
    labels[:hips][body[:hips]] = LABELS_TO_IDS["arms"]
    labels[hips:][body[hips:]] = LABELS_TO_IDS["legs"]
    labels[region] = LABELS_TO_IDS[GARMENT_LABEL[category]]
    labels[person.face > 0] = LABELS_TO_IDS["face"]
    labels[person.hands > 0] = LABELS_TO_IDS["hands"]
    return labels


def garment_labels(alpha: NDArray[np.float32], category: str) -> NDArray[np.uint8]:
    """The garment photo's label map: the cut-out garment, all else background."""
    labels: NDArray[np.uint8] = np.where(alpha > 0.5, LABELS_TO_IDS[GARMENT_LABEL[category]], 0).astype(np.uint8)
    return labels
