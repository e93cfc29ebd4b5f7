"""Test-only engines. They make real images from the inputs, but no try-on: never shipped.

`TintEngine` pastes the garment onto the person photo scaled to the tier, and fails with
the engine's typed codes on inputs the tests construct for that. `SlowEngine` does the
same slowly (FITROOM_TEST_RENDER_SECONDS), so a test can kill a worker mid-render.
`RedEngine` and `BlueEngine` are two such engines whose outputs say which of them made
them (a tint) and in which process (its pid, stamped in pixels), for routing tests.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageStat

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


#: A stamped pid: one block per bit, white for 1, in the top row of the output.
PID_BITS = 32
STAMP_BLOCK = 8


class _Stamped(SlowEngine):
    """SlowEngine's picture, half blended with `tint` and stamped with this process's pid."""

    tint: tuple[int, int, int] = (0, 0, 0)

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image:
        out = super().render(person, garments, options, progress).convert("RGB")
        out = Image.blend(out, Image.new("RGB", out.size, self.tint), 0.5)
        draw = ImageDraw.Draw(out)
        pid = os.getpid()
        for bit in range(PID_BITS):
            colour = (255, 255, 255) if pid >> bit & 1 else (0, 0, 0)
            draw.rectangle((bit * STAMP_BLOCK, 0, (bit + 1) * STAMP_BLOCK - 1, STAMP_BLOCK - 1), fill=colour)
        return out


class RedEngine(_Stamped):
    name = "test-red"
    tint = (255, 0, 0)


class BlueEngine(_Stamped):
    name = "test-blue"
    tint = (0, 0, 255)


def read_stamp(image: Image.Image) -> tuple[str, int]:
    """Which stamped engine made `image` ("red" or "blue"), and the pid of the process that ran it."""
    rgb = image.convert("RGB")
    pid = 0
    for bit in range(PID_BITS):
        centre = (bit * STAMP_BLOCK + STAMP_BLOCK // 2, STAMP_BLOCK // 2)
        if sum(rgb.getpixel(centre)) > 3 * 128:  # type: ignore[arg-type]
            pid |= 1 << bit
    body = rgb.crop((0, STAMP_BLOCK, rgb.width, rgb.height))
    red, _, blue = ImageStat.Stat(body).mean
    return ("red" if red > blue else "blue"), pid
