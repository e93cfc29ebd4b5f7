"""A whole outfit in one picture, from any engine: each garment in layer order."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from fitroom.domain import LAYER_ORDER
from fitroom.engines.base import Engine, Progress, RenderOptions


def render_layered(
    engine: Engine,
    person: Image.Image,
    garments: list[Image.Image],
    targets: list[str],
    options: RenderOptions,
    progress: Progress | None = None,
) -> Image.Image:
    """One output from garments that each have their own swap_target.

    The engine takes one swap_target per call, so each garment is its own call, in layer
    order, on the previous call's result: a combo's bottom is dressed as a bottom and the
    top goes over its waistband. An engine that layers outfits itself gets them in one call.
    """
    layers = sorted(zip(garments, targets), key=lambda layer: LAYER_ORDER.index(layer[1]))
    if engine.layers_outfits:
        ordered = replace(options, garment_targets=tuple(target for _, target in layers))
        return engine.render(person, [garment for garment, _ in layers], ordered, progress)
    image = person
    for index, (garment, target) in enumerate(layers):

        def step(fraction: float, base: int = index) -> None:
            if progress:
                progress((base + fraction) / len(layers))

        image = engine.render(image, [garment], replace(options, swap_target=target), step)
    return image
