"""The fashn-vton engine's render time and peak memory with random-weight models, on CUDA
in bf16 where a GPU is present, else on the CPU.

Two models run the real FASHN VTON pipeline code through fitroom's engine
(tests/support/vton.py):
- `--model tiny` (about 0.37M parameters, the tests' model): its figures measure fitroom's
  work around the model (person and garment analysis, the blend) plus upstream's
  pipeline overhead;
- `--model upstream` (upstream's default sizes, 972M parameters, weights drawn at
  random on the device): the real model's arithmetic, so its time per step and memory
  are the real model's, though its pictures are noise. Meant for a GPU.
A render's time includes its sampling steps, also reported per step.

    .venv/bin/python bench/fashn_vton_render.py [--model tiny] [--renders 5] [--steps 30] [--tier nano] [--device cpu] [--save out.png] [--person-size 1200]

On a shared, loaded machine set OMP_NUM_THREADS=1: torch's threads otherwise fight the
other processes for the cores and the figures mean little.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from fitroom.engines.base import RenderOptions
from fitroom.engines.fashn_vton import load
from fitroom.engines.fashn_vton.pipeline import choose_device
from fitroom.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for its tests' tiny model
from tests.support.vton import TINY, astronaut, write_random_weights  # noqa: E402


def tee() -> Image.Image:
    """A red tee on white, as a product shot."""
    image = np.full((460, 400, 3), 255, np.uint8)
    image[60:400, 120:280] = (200, 30, 40)
    image[60:150, 40:360] = (200, 30, 40)
    return Image.fromarray(image)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--tier", default="nano")
    parser.add_argument("--device", default=None, help="default: cuda when present, else cpu")
    parser.add_argument("--model", choices=("tiny", "upstream"), default="tiny")
    parser.add_argument("--save", type=Path, default=None, help="write the last render here")
    parser.add_argument(
        "--person-size", type=int, default=None, help="the astronaut resized to this side (default 512)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        sizes = TINY if args.model == "tiny" else None
        weights = write_random_weights(Path(folder), sizes, device=choose_device(args.device))
        write_seconds = time.perf_counter() - started
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            fashn_vton_weights=weights,
            fashn_vton_device=args.device,
            fashn_vton_steps={args.tier: args.steps},
        )
        started = time.perf_counter()
        engine = load(settings)
        load_seconds = time.perf_counter() - started
        device = engine.pipeline.device
        person = astronaut(args.person_size)
        options = RenderOptions(swap_target="top", tier=args.tier, seed=1)
        engine.render(person, [tee()], options)  # warm-up: mediapipe graphs, allocator
        if device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(device)
        times, per_step = [], []
        for _ in range(args.renders):
            stamps: list[float] = []

            def stamp(_: float, seen: list[float] = stamps) -> None:
                seen.append(time.perf_counter())

            started = time.perf_counter()
            out = engine.render(person, [tee()], options, stamp)
            if device.type == "cuda":
                torch.cuda.synchronize(device)
            times.append(time.perf_counter() - started)
            # Between the first and the last step's report: steps - 1 denoising steps.
            per_step.append((stamps[args.steps - 1] - stamps[0]) / (args.steps - 1))
    result = {
        "device": str(device),
        "gpu": torch.cuda.get_device_name(device) if device.type == "cuda" else None,
        "model": args.model,
        "parameters": sum(p.numel() for p in engine.pipeline.pipeline.tryon_model.parameters()),
        "dtype": str(engine.pipeline.dtype).removeprefix("torch."),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "tier": args.tier,
        "output": f"{out.width}x{out.height}",
        "steps": args.steps,
        "renders": args.renders,
        "weights_write_seconds": round(write_seconds, 3),
        "load_seconds": round(load_seconds, 3),
        "render_seconds_median": round(statistics.median(times), 3),
        "render_seconds_min": round(min(times), 3),
        "step_ms_median": round(1000 * statistics.median(per_step), 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_cuda_mib": round(torch.cuda.max_memory_allocated(device) / 2**20, 1) if device.type == "cuda" else None,
    }
    if args.save is not None:
        out.save(args.save)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
