"""FASHN VTON's own `TryOnPipeline`, with fitroom's parts where the stock ones cannot serve.

Subclassed, not rewritten: the model, its preprocessing and the sampler are upstream's.
What changes is what the pipeline builds at start:

- the `TryOnModel` takes its sizes from `<weights>/config.json` when there is one;
- the DWPose ONNX files are used when present, else fitroom's own keypoints;
- the `FashnHumanParser` (non-commercial weights, downloaded from a hub) is never built:
  its place is taken by the label maps fitroom supplies. The name `fashn_vton` imports is
  fitroom's stand-in (labels.py, registered by this package's `__init__`), so the stock
  `_setup_hp_model` must never run: it is overridden here.

The pipeline is not thread-safe (shared resize state, global RNG seeding), so a process
loads one per weights directory, once, and every call goes through one process-wide lock.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from fashn_vton import TryOnModel, TryOnPipeline
from fashn_vton.utils import load_checkpoint
from numpy.typing import NDArray
from PIL import Image

from fitroom.engines.fashn_vton.keypoints import Pose
from fitroom.engines.fashn_vton.supplied import SuppliedParser, SuppliedPose

log = logging.getLogger(__name__)

MODEL_FILE = "model.safetensors"
DWPOSE_FILES = ("yolox_l.onnx", "dw-ll_ucoco_384.onnx")
CONFIG_FILE = "config.json"


class SteppedModel(TryOnModel):  # type: ignore[misc]
    """`TryOnModel` that reports each denoising step: the sampler calls `forward_for_cfg`
    once per step, so each return is one step done."""

    on_step: Callable[[], None] | None = None

    def forward_for_cfg(self, *args: Any, **kwargs: Any) -> Any:
        result = super().forward_for_cfg(*args, **kwargs)
        if self.on_step is not None:
            self.on_step()
        return result


def model_kwargs(weights_dir: Path) -> dict[str, Any]:
    """`TryOnModel` keyword arguments from `config.json` (none: upstream's default sizes)."""
    path = weights_dir / CONFIG_FILE
    if not path.exists():
        return {}
    kwargs = json.loads(path.read_text())
    if not isinstance(kwargs, dict):
        raise TypeError(f"{path} must hold a JSON object of TryOnModel keyword arguments")
    return {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}


def has_dwpose(weights_dir: Path) -> bool:
    return all((weights_dir / "dwpose" / name).is_file() for name in DWPOSE_FILES)


class FitroomPipeline(TryOnPipeline):  # type: ignore[misc]
    """The stock pipeline built with fitroom's model sizes, pose source and label maps."""

    def __init__(self, weights_dir: Path, device: str) -> None:
        self.model_kwargs = model_kwargs(weights_dir)
        super().__init__(str(weights_dir), device=device, logger=log)

    def _validate_weights(self) -> None:
        path = Path(self.weights_dir) / MODEL_FILE
        if not path.is_file():
            raise FileNotFoundError(f"missing model weights: {path}")

    def _setup_tryon_model(self) -> None:
        self.tryon_model = SteppedModel(**self.model_kwargs)
        state = load_checkpoint(str(Path(self.weights_dir) / MODEL_FILE), device=str(self.device))
        self.tryon_model.load_state_dict(state)
        self.tryon_model.to(self.device, dtype=self.inference_dtype).eval()

    def _setup_pose_model(self) -> None:
        self.supplied_pose: SuppliedPose | None = None
        if has_dwpose(Path(self.weights_dir)):
            super()._setup_pose_model()
        else:
            self.supplied_pose = self.pose_model = SuppliedPose()

    def _setup_hp_model(self) -> None:
        self.hp_model = SuppliedParser()

    def _sample(self, **kwargs: Any) -> list[Image.Image]:
        # A worker's log is no place for a progress bar: steps are reported through on_step.
        return super()._sample(**{**kwargs, "use_tqdm": False})  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Call:
    """One pipeline call with what fitroom worked out for its two photos."""

    person: Image.Image
    garment: Image.Image
    category: str
    photo_type: str
    steps: int
    guidance: float
    segmentation_free: bool
    seed: int
    person_labels: NDArray[np.uint8]
    garment_labels: NDArray[np.uint8]
    person_pose: Pose
    garment_pose: Pose


class SharedPipeline:
    """One loaded pipeline and the lock all its calls take."""

    def __init__(self, pipeline: FitroomPipeline) -> None:
        self.pipeline = pipeline

    @property
    def device(self) -> torch.device:
        return self.pipeline.device  # type: ignore[no-any-return]

    @property
    def dtype(self) -> torch.dtype:
        return self.pipeline.inference_dtype  # type: ignore[no-any-return]

    @property
    def uses_dwpose(self) -> bool:
        return self.pipeline.supplied_pose is None

    def run(self, call: Call, on_step: Callable[[], None] | None = None) -> Image.Image:
        """Generate one picture; callers wait their turn."""
        pipe = self.pipeline
        with RENDER_LOCK:
            person_seen = np.asarray(pipe.pre_resize(call.person, allow_upsampling=False))
            garment_seen = np.asarray(pipe.pre_resize(call.garment, allow_upsampling=False))
            pipe.hp_model.expect(person_seen, call.person_labels)
            pipe.hp_model.expect(garment_seen, call.garment_labels)
            if pipe.supplied_pose is not None:
                pipe.supplied_pose.expect(person_seen, call.person_pose)
                pipe.supplied_pose.expect(garment_seen, call.garment_pose)
            pipe.tryon_model.on_step = on_step
            try:
                images = pipe(
                    call.person,
                    call.garment,
                    category=call.category,
                    garment_photo_type=call.photo_type,
                    num_samples=1,
                    num_timesteps=call.steps,
                    guidance_scale=call.guidance,
                    seed=call.seed,
                    segmentation_free=call.segmentation_free,
                ).images
            finally:
                pipe.tryon_model.on_step = None
                pipe.hp_model.forget()
                if pipe.supplied_pose is not None:
                    pipe.supplied_pose.forget()
        return images[0]  # type: ignore[no-any-return]


#: Every pipeline call in the process, whichever weights: torch's RNG seeding is global.
RENDER_LOCK = threading.Lock()
_LOAD_LOCK = threading.Lock()
_LOADED: dict[tuple[str, str], SharedPipeline] = {}


def choose_device(override: str | None) -> str:
    """The configured device, else CUDA when there is a GPU, else the CPU (with a warning)."""
    if override:
        return override
    if torch.cuda.is_available():
        return "cuda"
    log.warning("no CUDA GPU found: fashn-vton renders on the CPU, far slower than on a GPU")
    return "cpu"


def shared_pipeline(weights_dir: Path, device: str) -> SharedPipeline:
    """The process's pipeline for these weights on this device, loaded on first use."""
    key = (str(weights_dir.resolve()), device)
    with _LOAD_LOCK:
        if key not in _LOADED:
            started = time.perf_counter()
            pipeline = FitroomPipeline(weights_dir, device)
            shared = SharedPipeline(pipeline)
            extra: dict[str, object] = {
                "weights": key[0],
                "device": str(shared.device),
                "dtype": str(shared.dtype).removeprefix("torch."),
                "parameters": sum(p.numel() for p in pipeline.tryon_model.parameters()),
                "pose": "dwpose" if shared.uses_dwpose else "mediapipe landmarks",
                "load_seconds": round(time.perf_counter() - started, 3),
            }
            if shared.device.type == "cuda":
                index = shared.device.index or 0
                extra["gpu"] = torch.cuda.get_device_name(index)
                extra["gpu_memory_allocated_mb"] = round(torch.cuda.memory_allocated(index) / 2**20, 1)
                extra["gpu_memory_total_mb"] = round(torch.cuda.get_device_properties(index).total_memory / 2**20, 1)
            log.info("fashn-vton pipeline loaded", extra=extra)
            _LOADED[key] = shared
        return _LOADED[key]
