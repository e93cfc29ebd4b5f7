"""The fashn-vton engine: fitroom's analysis before the model, and its guarantees after.

Before any model time: the person photo is analysed (typed refusals: no person, several
people, pose), each garment is cut out of its photo (no garment found) and its photo
type (flat-lay or worn by a model) decided, and accessories are tried on the photo. Then one model pass per garment, inside out
in layer order, each blended back into the original photo at the tier's size over the
clothed region only (see `masks`). Accessories of a layered outfit then go on through
the classic engine, in the same output.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from fitroom.domain import ACCESSORY_TARGETS, LAYER_ORDER
from fitroom.engines.base import EngineError, Progress, RenderOptions
from fitroom.engines.classic import ClassicEngine, working_size
from fitroom.engines.classic.body import torso_frame
from fitroom.engines.classic.garment import cut_out, worn_by_model
from fitroom.engines.classic.person import Person, analyse_person, find_pose
from fitroom.engines.fashn_vton import masks
from fitroom.engines.fashn_vton.keypoints import Pose, no_body, openpose_body
from fitroom.engines.fashn_vton.pipeline import Call, SharedPipeline, choose_device, shared_pipeline
from fitroom.settings import FashnVtonTier, Settings

log = logging.getLogger(__name__)

#: The model's input is at most 864 pixels long: garment photos are analysed at that size.
GARMENT_SIDE = 864
PHOTO_TYPES = ("flat-lay", "model")
#: Shares of the progress bar: the model's steps, then the accessories.
MODEL_SHARE = 0.9


@dataclass(frozen=True)
class PreparedGarment:
    """A garment photo as the model takes it, with what fitroom found in it."""

    image: Image.Image
    category: str  # tops | bottoms | one-pieces
    photo_type: str  # flat-lay | model
    labels: NDArray[np.uint8]
    pose: Pose


def prepare_garment(photo: Image.Image, target: str, photo_type: str | None) -> PreparedGarment:
    """Cut the garment out of its photo (or refuse with garment_not_found) and decide
    whether a model wears it, unless the client said."""
    rgb = photo.convert("RGB")
    if max(rgb.size) > GARMENT_SIDE:
        rgb = rgb.resize(working_size(rgb.size, GARMENT_SIDE), Image.Resampling.LANCZOS)
    pixels = np.ascontiguousarray(np.asarray(rgb))
    category = masks.MODEL_CATEGORY[target]
    worn = worn_by_model(pixels, masks.CLASSIC_CATEGORY[category]) if photo_type != "flat-lay" else None
    alpha = worn if worn is not None else cut_out(pixels)
    kind = photo_type or ("model" if worn is not None else "flat-lay")
    pose = no_body()
    if kind == "model":
        found = find_pose(pixels)
        if found is not None:
            pose = openpose_body(found[0], found[1], rgb.size)
    return PreparedGarment(rgb, category, kind, masks.garment_labels(alpha, category), pose)


class FashnVtonEngine:
    """FASHN VTON v1.5 through its own pipeline; one loaded pipeline per process."""

    name = "fashn-vton"
    layers_outfits = True  # honours RenderOptions.garment_targets: a whole outfit in one call

    def __init__(self, settings: Settings) -> None:
        assert settings.fashn_vton_weights is not None  # `load` checked it
        self.settings = settings
        self.pipeline: SharedPipeline = shared_pipeline(
            settings.fashn_vton_weights, choose_device(settings.fashn_vton_device)
        )
        self.classic = ClassicEngine()

    def describe(self) -> str:
        """The loaded pipeline in a few words, for `fitroom engines`."""
        pipe = self.pipeline
        note = "" if pipe.device.type == "cuda" else " (no GPU: far slower than on one)"
        pose = "DWPose" if pipe.uses_dwpose else "fitroom's mediapipe keypoints (no DWPose files)"
        return f"loaded on {pipe.device} in {str(pipe.dtype).removeprefix('torch.')}, pose from {pose}{note}"

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image:
        targets = options.garment_targets or (options.swap_target,) * len(garments)
        if len(targets) != len(garments):
            raise EngineError("engine_error", "garment_targets must name one swap_target per garment")
        for target in targets:
            if target not in masks.MODEL_CATEGORY and target not in ACCESSORY_TARGETS:
                raise EngineError("engine_error", f"the fashn-vton engine does not know swap_target {target!r}")
        if options.garment_photo_type not in (None, *PHOTO_TYPES):
            raise EngineError("engine_error", f"unknown garment_photo_type {options.garment_photo_type!r}")
        order = sorted(range(len(garments)), key=lambda i: LAYER_ORDER.index(targets[i]))
        dressed = [i for i in order if targets[i] in masks.MODEL_CATEGORY]
        worn = [i for i in order if targets[i] in ACCESSORY_TARGETS]
        if not dressed:
            return self.classic.render(person, garments, options, progress)

        rgb = person.convert("RGB")
        size = working_size(rgb.size, options.long_side)
        original = np.ascontiguousarray(
            np.asarray(rgb.resize(size, Image.Resampling.LANCZOS) if size != rgb.size else rgb)
        )
        subject = analyse_person(original)
        prepared = [prepare_garment(garments[i], targets[i], options.garment_photo_type) for i in dressed]
        accessories = replace(options, garment_targets=tuple(targets[i] for i in worn))
        if worn:
            # Tried on the photo first (a CPU pass) so that a refusal (no wrist for the
            # watch…) comes before any model time; they go on the dressed picture below.
            self.classic.render(Image.fromarray(original), [garments[i] for i in worn], accessories)
        seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
        tier = self.settings.fashn_vton_tier(options.tier)
        total = tier.steps * len(prepared)
        done = 0

        def step() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(MODEL_SHARE * done / total)

        image = original
        for garment in prepared:
            image = self._dress(image, subject, garment, tier, seed, step)
        if worn:

            def later(fraction: float) -> None:
                if progress:
                    progress(MODEL_SHARE + (1 - MODEL_SHARE) * fraction)

            return self._with_seed(
                self.classic.render(Image.fromarray(image), [garments[i] for i in worn], accessories, later), seed
            )
        if progress:
            progress(1.0)
        return self._with_seed(Image.fromarray(image), seed)

    def _dress(
        self,
        image: NDArray[np.uint8],
        subject: Person,
        garment: PreparedGarment,
        tier: FashnVtonTier,
        seed: int,
        step: Callable[[], None],
    ) -> NDArray[np.uint8]:
        """One model pass: the garment on `image`, blended back over its clothed region."""
        region = masks.clothed_region(subject, garment.category)
        h, w = image.shape[:2]
        call = Call(
            person=Image.fromarray(image),
            garment=garment.image,
            category=garment.category,
            photo_type=garment.photo_type,
            steps=tier.steps,
            guidance=tier.guidance,
            segmentation_free=tier.segmentation_free,
            seed=seed,
            person_labels=masks.person_labels(subject, region, garment.category),
            garment_labels=garment.labels,
            person_pose=openpose_body(subject.points, subject.visibility, (w, h)),
            garment_pose=garment.pose,
        )
        generated = self.pipeline.run(call, step)
        back = np.asarray(
            cv2.resize(np.asarray(generated.convert("RGB")), (w, h), interpolation=cv2.INTER_CUBIC), np.uint8
        )
        weights = masks.blend_weights(region, torso_frame(subject).frontal_width)
        return masks.blend(image, back, weights)

    @staticmethod
    def _with_seed(image: Image.Image, seed: int) -> Image.Image:
        """The seed the model sampled with, for the job's record (`Image.info["seed"]`)."""
        image.info["seed"] = seed
        return image
