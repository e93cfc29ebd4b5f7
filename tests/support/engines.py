"""Test-only engines. They make real images from the inputs, but no try-on: never shipped.

`TintEngine` pastes the garment onto the person photo scaled to the tier, and fails with
the engine's typed codes on inputs the tests construct for that. `SlowEngine` does the
same slowly (FITROOM_TEST_RENDER_SECONDS), so a test can kill a worker mid-render.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from PIL import Image, ImageStat

from fitroom.engines import EngineError, Progress, RenderOptions


def _flat(image: Image.Image) -> bool:
    return max(ImageStat.Stat(image.convert("L")).stddev) < 1.0


class TintEngine:
    name = "test-tint"
    layers_outfits = False

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image:
        if _flat(person):
            raise EngineError("no_person_detected", "no person was found in the photo")
        scale = options.long_side / max(person.size)
        out = person.resize((round(person.width * scale), round(person.height * scale)))
        for i, garment in enumerate(garments):
            if _flat(garment):
                raise EngineError("garment_not_found", "no garment was found in the garment photo")
            patch = garment.resize((out.width // 3, out.height // 3))
            out.paste(patch, (out.width // 3, out.height // 3 + i * 4))
            if progress:
                progress((i + 1) / len(garments))
        return out


class SlowEngine(TintEngine):
    name = "test-slow"

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image:
        seconds = float(os.environ.get("FITROOM_TEST_RENDER_SECONDS", "2"))
        steps = 20
        for step in range(steps):
            time.sleep(seconds / steps)
            if progress:
                progress(step / steps)
        return super().render(person, garments, options, progress)


class CrashingEngine(TintEngine):
    name = "test-crash"

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image:
        raise RuntimeError("simulated engine bug")
