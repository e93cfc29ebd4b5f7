"""`fitroom eval`: render every person × garment pair, write contact sheets and per-pair metrics.

Metrics per pair: time per stage, failure code, share of pixels changed outside the
edited region (must be 0), median CIEDE2000 between the product's colour and the
rendered garment's, coverage of the target body region, and garment pixels spilled
off the body (garments only: an accessory covers no body region). The sheets put input,
garment and result side by side, to be looked at, and a close-up of the edited part:
a watch or an earring is a few pixels in a whole-body thumbnail.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw
from skimage.color import deltaE_ciede2000, rgb2lab

from fitroom.engines.base import EngineError, RenderOptions
from fitroom.engines.classic import ClassicEngine, RenderReport
from fitroom.engines.classic.person import (
    L_ANKLE,
    L_HIP,
    L_KNEE,
    L_SHOULDER,
    R_ANKLE,
    R_HIP,
    R_KNEE,
    R_SHOULDER,
)
from fitroom.imaging import decode_image

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
#: Garment folders of the devset and the swap_target each stands for.
FOLDER_TARGETS = {
    "tops": "top", "bottoms": "bottom", "dresses": "dress", "jackets": "jacket", "on_model": "top",
    "watch": "watch", "glasses": "glasses", "hat": "hat", "shoes": "shoes", "bag": "bag", "jewelry": "jewelry",
}
#: Failures that say the body part the item needs is not in the photo (feet for shoes, a
#: wrist for a watch): right answers, reported apart from the engine's real failures.
NOT_IN_PHOTO = "pose_not_supported"
TILE = 256


@dataclass
class PairResult:
    person: str
    garment: str
    target: str
    ok: bool
    code: str | None = None
    message: str | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    changed_outside_edit: float | None = None
    delta_e: float | None = None
    coverage: float | None = None
    spill: float | None = None
    output: str | None = None
    kind: str | None = None  # the accessory kind placed (watch, earrings, …), None for garments
    focus: tuple[int, int, int, int] | None = None  # box round the edited pixels, for the close-up


def images_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


def target_for(garment: Path, default: str) -> str:
    return FOLDER_TARGETS.get(garment.parent.name, default)


def _region(report: RenderReport, target: str) -> NDArray[np.bool_]:
    """The body region a garment of this kind should cover."""
    person = report.person
    h, w = report.input.shape[:2]
    chain = {
        "bottom": (L_HIP, R_HIP, R_KNEE, L_KNEE),
        "dress": (L_SHOULDER, R_SHOULDER, R_KNEE, L_KNEE),
    }.get(target, (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP))
    if target == "bottom" and person.visible(L_ANKLE, R_ANKLE, threshold=0.5):
        chain = (L_HIP, R_HIP, R_ANKLE, L_ANKLE)
    polygon = np.array([person.pt(i) for i in chain], np.float32)
    centre = polygon.mean(axis=0)
    polygon = (centre + (polygon - centre) * 0.8).astype(np.int32)  # the inner part: clothes surely cover it
    mask = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(mask, polygon, (1,))
    return (mask > 0) & (person.mask > 0.5)


def measure(report: RenderReport, target: str) -> dict[str, float | None]:
    output = np.asarray(report.image)
    changed = np.any(output != report.input, axis=2)
    edited = report.edited if report.edited is not None else np.zeros(changed.shape, bool)
    cover = report.garment_cover if report.garment_cover is not None else np.zeros(changed.shape, np.float32)
    worn = cover > 0.9
    delta_e = None
    source = report.garments[-1] if report.garments else report.cutout
    if source is not None and worn.sum() > 50:
        product = source.rgb[source.alpha > 0.9]
        if len(product) > 50:
            product_lab = np.median(rgb2lab(product[None].astype(np.float64) / 255)[0], axis=0)
            rendered_lab = np.median(rgb2lab(output[worn][None].astype(np.float64) / 255)[0], axis=0)
            delta_e = float(deltaE_ciede2000(product_lab, rendered_lab))
    measured: dict[str, float | None] = {"changed_outside_edit": float((changed & ~edited).mean()), "delta_e": delta_e}
    if report.accessories:
        return measured
    region = _region(report, target)
    garment_pixels = cover > 0.5
    measured["coverage"] = float((garment_pixels & region).sum() / max(1, region.sum()))
    measured["spill"] = float((garment_pixels & (report.person.mask < 0.5)).sum() / max(1, garment_pixels.sum()))
    return measured


def _focus(edited: NDArray[np.bool_]) -> tuple[int, int, int, int] | None:
    """A square box round the edited pixels with a margin, for the sheet's close-up."""
    ys, xs = np.nonzero(edited)
    if len(xs) == 0:
        return None
    h, w = edited.shape
    side = int(min(max(xs.max() - xs.min(), ys.max() - ys.min()) * 1.5 + 16, w, h))
    x0 = int(np.clip((xs.min() + xs.max() - side) / 2, 0, w - side))
    y0 = int(np.clip((ys.min() + ys.max() - side) / 2, 0, h - side))
    return x0, y0, x0 + side, y0 + side


_engine: ClassicEngine | None = None


def render_pair(person_path: Path, garment_path: Path, target: str, tier: str, out_dir: Path) -> PairResult:
    """Render one pair in this process (the engine and its caches live per process)."""
    global _engine
    if _engine is None:
        _engine = ClassicEngine()
    result = PairResult(person=person_path.name, garment=garment_path.name, target=target, ok=False)
    started = time.perf_counter()
    try:
        person = decode_image(person_path.read_bytes(), max_pixels=60_000_000)
        garment = decode_image(garment_path.read_bytes(), max_pixels=60_000_000)
        report = _engine.render_report(person, [garment], RenderOptions(swap_target=target, tier=tier))
    except EngineError as exc:
        result.code, result.message = exc.code, exc.message
        result.seconds = time.perf_counter() - started
        return result
    result.seconds = time.perf_counter() - started
    result.ok = True
    result.timings = {k: round(v, 4) for k, v in report.timings.items()}
    for key, value in measure(report, target).items():
        setattr(result, key, value)
    if report.accessories:
        result.kind = "+".join(report.accessories)
        if report.edited is not None:
            result.focus = _focus(report.edited)
    name = f"{person_path.stem}__{garment_path.stem}.jpg"
    report.image.save(out_dir / "results" / name, quality=90)
    result.output = f"results/{name}"
    return result


def _thumb(image: Image.Image) -> Image.Image:
    tile = Image.new("RGB", (TILE, TILE), (245, 245, 245))
    image = image.convert("RGB")
    image.thumbnail((TILE, TILE))
    tile.paste(image, ((TILE - image.width) // 2, (TILE - image.height) // 2))
    return tile


def contact_sheets(results: list[PairResult], persons: dict[str, Path], garments: dict[str, Path], out_dir: Path, per_sheet: int = 8) -> list[Path]:
    """Sheets of rows [person | garment | result (| close-up)], `per_sheet` rows side by side in pairs.

    Accessory rows get a fourth tile: the result cropped round what changed."""
    sheets = []
    cols = 2
    tiles = 4 if any(r.kind for r in results) else 3
    for page, start in enumerate(range(0, len(results), per_sheet)):
        chunk = results[start : start + per_sheet]
        rows = (len(chunk) + cols - 1) // cols
        sheet = Image.new("RGB", (cols * tiles * TILE + (cols - 1) * 16, rows * (TILE + 18)), "white")
        draw = ImageDraw.Draw(sheet)
        for i, res in enumerate(chunk):
            x0 = (i % cols) * (tiles * TILE + 16)
            y0 = (i // cols) * (TILE + 18)
            sheet.paste(_thumb(Image.open(persons[res.person])), (x0, y0))
            sheet.paste(_thumb(Image.open(garments[res.garment])), (x0 + TILE, y0))
            if res.ok and res.output:
                output = Image.open(out_dir / res.output)
                sheet.paste(_thumb(output), (x0 + 2 * TILE, y0))
                if res.focus is not None:
                    sheet.paste(_thumb(output.crop(res.focus).resize((TILE, TILE))), (x0 + 3 * TILE, y0))
            else:
                draw.rectangle((x0 + 2 * TILE, y0, x0 + 3 * TILE - 1, y0 + TILE - 1), fill=(255, 225, 225))
                draw.text((x0 + 2 * TILE + 8, y0 + TILE // 2), str(res.code), fill=(160, 0, 0))
                draw.text((x0 + 2 * TILE + 8, y0 + TILE // 2 + 14), str(res.message)[:40], fill=(160, 0, 0))
            label = f"{res.person[:26]} + {res.garment[:26]} ({res.kind or res.target})"
            draw.text((x0 + 2, y0 + TILE + 2), label, fill=(0, 0, 0))
        path = out_dir / f"sheet-{page + 1:03d}.png"
        sheet.save(path)
        sheets.append(path)
    return sheets


def pairs(persons: list[Path], garments: list[Path], default_target: str) -> Iterator[tuple[Path, Path, str]]:
    for garment in garments:
        for person in persons:
            yield person, garment, target_for(garment, default_target)


def summarise(results: list[PairResult]) -> dict[str, object]:
    ok = [r for r in results if r.ok]

    def median(values: list[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return round(statistics.median(present), 4) if present else None

    # A person shows the body part a kind of item needs unless every item of that kind
    # was refused for it as missing (a product photo refused first hides that answer).
    shown = {(r.person, r.target) for r in results if r.code != NOT_IN_PHOTO and r.code != "garment_not_found"}
    in_photo = [r for r in results if r.code != NOT_IN_PHOTO and (r.person, r.target) in shown]
    return {
        "pairs": len(results),
        "failed": len(results) - len(ok),
        "failure_rate": round((len(results) - len(ok)) / max(1, len(results)), 4),
        # Failures among pairs whose photo shows the body part (refusals for a missing part left out).
        "failure_rate_part_visible": round(sum(not r.ok for r in in_photo) / max(1, len(in_photo)), 4),
        "failures_by_code": dict(Counter(r.code for r in results if not r.ok)),
        "median_seconds": median([r.seconds for r in ok]),
        "max_changed_outside_edit": max((r.changed_outside_edit or 0.0 for r in ok), default=None),
        "median_delta_e": median([r.delta_e for r in ok]),
        "median_coverage": median([r.coverage for r in ok]),
        "median_spill": median([r.spill for r in ok]),
    }


def evaluate(
    persons_dir: Path, garments_dir: Path, out_dir: Path, *, tier: str = "nano", target: str = "top",
    workers: int = 1, every: int = 1,
) -> dict[str, object]:
    """Render all pairs (every `every`-th garment), write results, sheets and metrics.json."""
    persons = images_in(persons_dir)
    garments = images_in(garments_dir)[::every]
    (out_dir / "results").mkdir(parents=True, exist_ok=True)
    jobs = list(pairs(persons, garments, target))
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            futures = [pool.submit(render_pair, p, g, t, tier, out_dir) for p, g, t in jobs]
            results = [f.result() for f in futures]
    else:
        results = [render_pair(p, g, t, tier, out_dir) for p, g, t in jobs]
    summary = summarise(results)
    sheets = contact_sheets(results, {p.name: p for p in persons}, {g.name: g for g in garments}, out_dir)
    summary["sheets"] = len(sheets)
    summary["cores"] = os.cpu_count()
    (out_dir / "metrics.json").write_text(
        json.dumps({"summary": summary, "pairs": [asdict(r) for r in results]}, indent=1)
    )
    return summary
