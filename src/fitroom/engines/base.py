"""The contract between fitroom and a try-on engine.

An engine takes decoded images and options and returns images, or raises `EngineError`
with one of the typed codes clients see as a job failure. It knows nothing of HTTP, the
database or storage, so it can run in a worker, a CLI command or a benchmark alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from fitroom.domain import DEFAULT_SWAP_TARGET, DEFAULT_TIER, TIERS

#: Codes an engine may fail with; anything else is reported as `engine_error`.
ENGINE_ERROR_CODES = frozenset(
    {
        "no_person_detected",
        "multiple_people",
        "pose_not_supported",
        "garment_not_found",
        "image_load_error",
        "engine_error",
    }
)


class EngineError(Exception):
    """A typed render failure: the job item fails with `code`, the client sees `message`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code if code in ENGINE_ERROR_CODES else "engine_error"
        self.message = message


@dataclass(frozen=True)
class RenderOptions:
    """What to render. `garment_description` is a free-text hint from the client.

    `garment_targets`, one per garment, asks a layering engine (see `Engine`) for a whole
    outfit in one picture, each item with its own swap_target, in `LAYER_ORDER`.
    """

    swap_target: str = DEFAULT_SWAP_TARGET
    tier: str = DEFAULT_TIER
    garment_description: str | None = None
    seed: int | None = None
    garment_targets: tuple[str, ...] | None = None
    #: "flat-lay" or "model" when the client says how the garment was photographed
    #: (FASHN's garment_photo_type); otherwise an engine that cares decides.
    garment_photo_type: str | None = None

    @property
    def long_side(self) -> int:
        return TIERS[self.tier].long_side


Progress = Callable[[float], None]


class Engine(Protocol):
    """Renders the person wearing the garments; one call makes one output image.

    With several garments the engine layers them all onto one picture; the worker
    calls it once per garment for the usual one-output-per-garment answer.
    """

    name: str
    #: True: the engine honours `options.garment_targets`, a whole outfit of different kinds in
    #: one call. False: `render_layered` calls it once per item, in layer order.
    layers_outfits: bool

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image: ...
