"""`classic`: fitroom's built-in CPU try-on engine (mediapipe pose + classical image warps).

Pipeline: resize the person to the tier, analyse the person (pose, masks, skin) and the
garment (cut-out, parts), place each garment part on the body, composite. Models are
the ones the mediapipe 0.10.21 wheel bundles; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from fitroom.domain import ACCESSORY_TARGETS, GARMENT_TARGETS, LAYER_ORDER, SwapTarget
from fitroom.engines.base import EngineError, Progress, RenderOptions
from fitroom.engines.classic import accessories
from fitroom.engines.classic.accessories import Cutout
from fitroom.engines.classic.arms import refuse_crossed_sleeves
from fitroom.engines.classic.composite import compose
from fitroom.engines.classic.garment import Garment, analyse_garments
from fitroom.engines.classic.person import Person, analyse_person, dressed, refuse_garment
from fitroom.engines.classic.placement import layers_for


def working_size(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    """The output size for a tier: long side as the tier says, never larger than the input."""
    w, h = size
    scale = min(1.0, long_side / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))


def _union(boxes: list[tuple[slice, slice]], shape: tuple[int, ...]) -> tuple[slice, slice]:
    """The smallest window holding every one of `boxes` (windows of an array of `shape`)."""
    spans = [tuple(part.indices(size)[:2] for part, size in zip(box, shape[:2], strict=True)) for box in boxes]
    if not spans:
        return slice(0, 0), slice(0, 0)
    return (
        slice(min(y[0] for y, _ in spans), max(y[1] for y, _ in spans)),
        slice(min(x[0] for _, x in spans), max(x[1] for _, x in spans)),
    )


@dataclass
class RenderReport:
    """A render and what `fitroom eval` measures about it."""

    image: Image.Image
    input: NDArray[np.uint8]  # the person photo at the output size
    person: Person
    garments: list[Garment] = field(default_factory=list)
    accessories: list[str] = field(default_factory=list)  # the kind of each accessory placed
    cutout: Cutout | None = None  # the last accessory's cut-out
    garment_cover: NDArray[np.float32] | None = None  # new garment share per pixel
    edited: NDArray[np.bool_] | None = None
    rebuilt_skin: NDArray[np.float32] | None = None  # rebuilt skin share per pixel (garments only)
    old_garment: NDArray[np.float32] | None = None  # where the replaced garments were (garments only)
    timings: dict[str, float] = field(default_factory=dict)


class ClassicEngine:
    """Thread-safe: models are per thread; the garment cache is shared under a lock.

    Shops send the same product photos again and again, so garment analysis (the cut-out
    is most of the work) is cached by the photo's content, size and hints.
    """

    name = "classic"
    layers_outfits = True  # honours RenderOptions.garment_targets: a whole outfit in one call

    def __init__(self, cache_size: int = 64) -> None:
        self._cache: OrderedDict[tuple[str, ...], list[Garment] | Cutout] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def garment(self, product: Image.Image, options: RenderOptions) -> list[Garment] | Cutout:
        """Analyse a product photo at the tier's size, or take the analysis from the cache:
        the parts of the garments it shows (a whole outfit worn by a model gives a top
        and a bottom), or an accessory's cut-out."""
        rgb = product if product.mode == "RGB" else product.convert("RGB")
        factor = max(rgb.size) // options.long_side
        if factor >= 2:
            # A photo twice the tier's size or more is first box-averaged by a whole
            # factor (PIL's fast path), then area-averaged the rest of the way.
            rgb = rgb.reduce(factor)
        pixels = np.asarray(rgb)
        h, w = pixels.shape[:2]
        if max(h, w) > options.long_side:
            # Area averaging: as clean as Lanczos for shrinking, and several times faster.
            size = working_size((w, h), options.long_side)
            pixels = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)
        pixels = np.ascontiguousarray(pixels)
        key = (
            hashlib.sha1(pixels).hexdigest(),
            str(pixels.shape),
            options.swap_target,
            options.garment_description or "",
        )
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        garment: list[Garment] | Cutout
        if options.swap_target in ACCESSORY_TARGETS:
            garment = accessories.cut_out(pixels, options.swap_target, options.garment_description)
        else:
            garment = analyse_garments(pixels, swap_target=options.swap_target, hint=options.garment_description)
        with self._lock:
            self._cache[key] = garment
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return garment

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image:
        return self.render_report(person, garments, options, progress).image

    def render_report(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> RenderReport:
        targets = options.garment_targets or (options.swap_target,) * len(garments)
        if len(targets) != len(garments):
            raise EngineError("engine_error", "garment_targets must name one swap_target per garment")
        for target in targets:
            if target not in GARMENT_TARGETS | ACCESSORY_TARGETS:
                raise EngineError("engine_error", f"the classic engine does not know swap_target {target!r}")
        # An outfit goes on from the inside out; one kind of item keeps the order given.
        order = sorted(range(len(garments)), key=lambda i: LAYER_ORDER.index(targets[i]))
        timings: dict[str, float] = {}
        mark = time.perf_counter()
        rgb = person.convert("RGB")
        size = working_size(rgb.size, options.long_side)
        image = np.ascontiguousarray(
            np.asarray(rgb.resize(size, Image.Resampling.LANCZOS) if size != rgb.size else rgb)
        )
        timings["resize"] = time.perf_counter() - mark
        mark = time.perf_counter()
        try:
            # A watch shows on a wrist seen from behind, and a bag hangs from a shoulder seen
            # from behind as from the front; every other item needs the front.
            subject = analyse_person(image, from_behind=set(targets) <= {SwapTarget.WATCH, SwapTarget.BAG})
        except EngineError as error:
            # A close-up of a hand or a face has no body for the pose model, yet takes a
            # watch or glasses; for other items it is refused by the part it lacks.
            subject = accessories.close_up(image, targets, error)
        timings["person"] = time.perf_counter() - mark
        if progress:
            progress(0.3)
        # Garments go on before accessories (`LAYER_ORDER`), onto the person as the
        # garment path sees them (and measured against it); accessories keep the
        # person's own face.
        wearer = dressed(subject) if any(t in GARMENT_TARGETS for t in targets) else subject
        report = RenderReport(image=Image.fromarray(image), input=image, person=wearer, timings=timings)
        cover = np.zeros(image.shape[:2], np.float32)
        edited = np.zeros(image.shape[:2], bool)
        skin = np.zeros(image.shape[:2], np.float32)
        old = np.zeros(image.shape[:2], np.float32)
        for done, index in enumerate(order):
            item = replace(options, swap_target=targets[index], garment_targets=None)
            mark = time.perf_counter()
            garment = self.garment(garments[index], item)
            timings["garment"] = timings.get("garment", 0.0) + time.perf_counter() - mark
            mark = time.perf_counter()
            window: tuple[slice, slice] = (slice(None), slice(None))
            if isinstance(garment, Cutout):
                kind = accessories.kind_for(item.swap_target, item.garment_description, garment)
                worn = accessories.wear(subject, garment, kind, item.garment_description)
                report.accessories.append(kind)
                report.cutout = garment
                subject.image, new_cover, new_edit = worn.image, worn.cover, worn.edited
            else:
                for piece in garment:
                    refuse_garment(wearer, piece.category)
                    refuse_crossed_sleeves(wearer, piece.category)
                new_cover = np.zeros(image.shape[:2], np.float32)
                new_edit = np.zeros(image.shape[:2], bool)
                boxes = []
                for piece in garment:
                    report.garments.append(piece)
                    result = compose(wearer, piece, layers_for(wearer, piece))
                    subject.image = wearer.image = result.image
                    # Each mask is 0 outside the composite's window: merged inside it only.
                    box = result.window
                    boxes.append(box)
                    np.maximum(new_cover[box], result.garment[box], out=new_cover[box])
                    new_edit[box] |= result.edited[box]
                    # A later layer covers what an earlier one rebuilt.
                    skin[box] = np.maximum(skin[box] * (1 - result.garment[box]), result.skin[box])
                    np.maximum(old[box], result.old[box], out=old[box])
                window = _union(boxes, image.shape[:2])
            np.maximum(cover[window], new_cover[window], out=cover[window])
            edited[window] |= new_edit[window]
            timings["compose"] = timings.get("compose", 0.0) + time.perf_counter() - mark
            if progress:
                progress(0.3 + 0.7 * (done + 1) / len(garments))
        wearer.image = subject.image
        report.image = Image.fromarray(subject.image)
        report.garment_cover, report.edited = cover, edited
        if report.garments:
            report.rebuilt_skin, report.old_garment = skin, old
        return report
