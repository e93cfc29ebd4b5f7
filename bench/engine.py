"""Classic engine speed on one CPU core: per-stage and total time for nano, basic and pro.

Floor, measured in the same run on the same photos: decode + resize + pose + encode,
the least any pose-driven try-on must do. "×floor" is the median render over the median
floor (three floor passes per photo); "paired" is the median, over renders, of each
render's time over a floor pass of its photo taken just before it, which holds when the
machine's speed drifts during the run. Then each accessory kind at basic tier: the
same persons, each accessory photo of the devset's folder in turn. Uses photos from
../shared/devset (never copied into the repository).

    .venv/bin/python bench/engine.py [--devset ../shared/devset] [--persons 8] [--garments 3] [--only accessories]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from fitroom.domain import TIERS as DOMAIN_TIERS  # noqa: E402
from fitroom.engines.base import EngineError, RenderOptions  # noqa: E402
from fitroom.engines.classic import ClassicEngine, models, working_size  # noqa: E402
from fitroom.imaging import decode_image, encode_image  # noqa: E402

TIERS = {tier.name: tier.long_side for tier in DOMAIN_TIERS.values()}


def floor_seconds(data: bytes, long_side: int) -> float:
    started = time.perf_counter()
    image = decode_image(data, max_pixels=60_000_000)
    size = working_size(image.size, long_side)
    pixels = np.asarray(image.resize(size, Image.Resampling.LANCZOS) if size != image.size else image)
    pose = models.pose()
    pose.process(np.ascontiguousarray(pixels))  # type: ignore[attr-defined]
    encode_image(Image.fromarray(pixels), "jpeg")
    return time.perf_counter() - started


ACCESSORY_FOLDERS = ("watch", "glasses", "hat", "shoes", "bag", "jewelry")


def accessories(devset: Path, person_bytes: list[bytes]) -> None:
    """Per accessory kind at basic tier: median and p90 uncached, median cached, the
    median floor pass and the median render over the floor pass just before it (paired),
    per-stage medians; refusals (the body part not in the photo, a photo with no plain
    background) are counted, not timed."""
    warm = ClassicEngine()
    sample = decode_image(person_bytes[0], max_pixels=60_000_000)
    for folder in ACCESSORY_FOLDERS:  # load face mesh and hand models before timing
        try:
            first = sorted((devset / "accessories" / folder).glob("*"))[0]
            warm.render(
                sample,
                [decode_image(first.read_bytes(), max_pixels=60_000_000)],
                RenderOptions(swap_target=folder, tier="nano"),
            )
        except EngineError:
            pass
    print(
        f"accessories at basic (1024), 1 core pinned: {len(person_bytes)} persons × every photo of each kind's folder"
    )
    print(
        f"{'kind':<9}{'total':>8}{'p90':>8}{'cached':>8}{'refused':>9}{'floor':>8}{'paired':>8}"
        "   stages, uncached (median s)"
    )
    for folder in ACCESSORY_FOLDERS:
        products = [
            decode_image(p.read_bytes(), max_pixels=60_000_000)
            for p in sorted((devset / "accessories" / folder).glob("*"))
        ]
        options = RenderOptions(swap_target=folder, tier="basic")
        totals, cached, stages, refused = [], [], {}, 0
        floors: list[float] = []
        paired: list[float] = []  # each render over a floor pass of its photo just before it
        for data in person_bytes:
            for product in products:
                engine = ClassicEngine()
                # On a shared machine the seconds drift with the load: the ratio to a
                # floor pass taken just before holds, and times the quiet floor it
                # estimates the render on a quiet core.
                floor_now = floor_seconds(data, TIERS["basic"])
                started = time.perf_counter()
                try:
                    report = engine.render_report(decode_image(data, max_pixels=60_000_000), [product], options)
                    encode_image(report.image, "jpeg")
                except EngineError:
                    refused += 1
                    continue
                totals.append(time.perf_counter() - started)
                floors.append(floor_now)
                paired.append(totals[-1] / floor_now)
                for stage, seconds in report.timings.items():
                    stages.setdefault(stage, []).append(seconds)
                started = time.perf_counter()
                encode_image(engine.render(decode_image(data, max_pixels=60_000_000), [product], options), "jpeg")
                cached.append(time.perf_counter() - started)
        if not totals:
            print(f"{folder:<9}{'-':>8}{'-':>8}{'-':>8}{refused:>9}")
            continue
        p90 = sorted(totals)[int(0.9 * (len(totals) - 1))]
        stage_text = "  ".join(f"{k} {statistics.median(v):.3f}" for k, v in stages.items())
        print(
            f"{folder:<9}{statistics.median(totals):>8.3f}{p90:>8.3f}{statistics.median(cached):>8.3f}{refused:>9}"
            f"{statistics.median(floors):>8.3f}{statistics.median(paired):>8.2f}   {stage_text}"
        )


def warm_up(person_bytes: list[bytes], garments: list[Image.Image]) -> None:
    """Load the models with one render, on the first person the engine dresses (it refuses
    some devset photos: a back view, a seated person)."""
    engine = ClassicEngine()
    for data in person_bytes:
        try:
            engine.render(decode_image(data, max_pixels=60_000_000), garments, RenderOptions(tier="nano"))
        except EngineError:
            continue
        return
    raise SystemExit("the engine refused every person chosen: no warm-up render")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devset", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "devset")
    parser.add_argument("--persons", type=int, default=8)
    parser.add_argument("--garments", type=int, default=3)
    parser.add_argument("--only", choices=("garments", "accessories"), help="run one half of the benchmark")
    args = parser.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cv2.setNumThreads(1)

    persons = sorted((args.devset / "persons").glob("*"))[:: max(1, 45 // args.persons)][: args.persons]
    # Each person gets different tops, spread over the whole list: product photos differ
    # in how hard they are to cut out, and a few fixed ones would not show the typical cost.
    tops = sorted((args.devset / "garments" / "tops").glob("*"))
    pairs = len(persons) * args.garments
    stride = max(1, len(tops) // pairs)
    person_bytes = [p.read_bytes() for p in persons]
    garment_images = [decode_image(g.read_bytes(), max_pixels=60_000_000) for g in tops]
    warm_up(person_bytes, garment_images[:1])
    if args.only != "garments":
        accessories(args.devset, person_bytes)
    if args.only == "accessories":
        return

    print(
        f"classic engine benchmark: 1 core pinned (of {os.cpu_count()}), "
        f"{len(persons)} persons × {args.garments} tops each ({min(pairs, len(tops))} different tops) per tier; "
        "'cached': the product photo seen before"
    )
    print(
        f"{'tier':<7}{'floor':>8}{'total':>8}{'p90':>8}{'×floor':>8}{'paired':>8}{'cached':>8}{'×floor':>8}   stages, uncached (median s)"
    )
    for tier, side in TIERS.items():
        floors, totals, cached, stages, failures = [], [], [], {}, 0
        paired: list[float] = []  # each render over a floor pass of its photo just before it
        for index, data in enumerate(person_bytes):
            # Three times each: one pass is noisy, and the ratio's denominator should not be.
            floors.append(statistics.median(floor_seconds(data, side) for _ in range(3)))
            for slot in range(args.garments):
                garment = garment_images[((index * args.garments + slot) * stride) % len(garment_images)]
                engine = ClassicEngine()  # a fresh garment cache: the uncached cost
                # The machine's speed drifts (other tenants): a floor pass right before
                # each render gives a ratio measured under the same conditions.
                floor_now = floor_seconds(data, side)
                started = time.perf_counter()
                try:
                    person = decode_image(data, max_pixels=60_000_000)
                    report = engine.render_report(person, [garment], RenderOptions(swap_target="top", tier=tier))
                    encode_image(report.image, "jpeg")
                except EngineError:
                    failures += 1
                    continue
                totals.append(time.perf_counter() - started)
                paired.append(totals[-1] / floor_now)
                for stage, seconds in report.timings.items():
                    stages.setdefault(stage, []).append(seconds)
                # The same product photo again: its analysis now comes from the cache.
                started = time.perf_counter()
                report = engine.render_report(
                    decode_image(data, max_pixels=60_000_000), [garment], RenderOptions(swap_target="top", tier=tier)
                )
                encode_image(report.image, "jpeg")
                cached.append(time.perf_counter() - started)
        floor = statistics.median(floors)
        total = statistics.median(totals)
        p90 = sorted(totals)[int(0.9 * (len(totals) - 1))]
        stage_text = "  ".join(f"{k} {statistics.median(v):.3f}" for k, v in stages.items())
        warm = statistics.median(cached)
        print(
            f"{tier:<7}{floor:>8.3f}{total:>8.3f}{p90:>8.3f}{total / floor:>8.2f}{statistics.median(paired):>8.2f}"
            f"{warm:>8.3f}{warm / floor:>8.2f}   {stage_text}" + (f"  ({failures} refused)" if failures else "")
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
