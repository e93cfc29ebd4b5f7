"""`fashn-vton`: FASHN VTON v1.5 (Apache-2.0) on a GPU, with fitroom's analysis around it.

This module checks what the engine needs (the `vton` extra importable, the weights
directory filled) and says how to fix what is missing; `load` then builds the engine,
whose module imports torch and the model. See docs/gpu-engine.md.

Importing this package first puts fitroom's label module in the place of the
non-commercial `fashn-human-parser` (`use_fitroom_labels`), so every import of
`fashn_vton` in fitroom goes through here.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fitroom.engines import EngineUnavailable
from fitroom.engines.fashn_vton import labels
from fitroom.settings import Settings, load_settings

if TYPE_CHECKING:
    from fitroom.engines.fashn_vton.engine import FashnVtonEngine


def use_fitroom_labels() -> None:
    """Register `labels` as the module `fashn_human_parser`, before `fashn_vton` is imported.

    Why: licence. `fashn_vton` (Apache-2.0) imports its label tables and the
    `FashnHumanParser` name from the `fashn-human-parser` package at module level, and that
    package (code as well as weights) is under NVIDIA's non-commercial SegFormer licence.
    fitroom does not install it, nor the transformers it imports: `fashn_vton` finds
    fitroom's own vocabulary of FASHN's label ids under that name instead. Done here, once,
    because this package is imported before any of its modules that import `fashn_vton`.
    """
    sys.modules["fashn_human_parser"] = labels


use_fitroom_labels()

#: The upstream commit fitroom is built and tested against (shared/wheels/README.md).
FASHN_VTON_COMMIT = "7c0f10af3f91ad4048fe9729c470a13ef905d25a"
FASHN_VTON_REPO = "https://github.com/fashn-AI/fashn-vton-1.5"
#: Modules the engine imports at run time, and the distribution that brings each.
MODULES = {
    "torch": "torch",
    "torchvision": "torchvision",
    "safetensors": "safetensors",
    "einops": "einops",
    "onnxruntime": "onnxruntime",
    "fashn_vton": "fashn-vton",
}
INSTALL = (
    "pip install -e '.[vton]' && pip install --no-deps "
    f"'fashn-vton @ git+{FASHN_VTON_REPO}@{FASHN_VTON_COMMIT}'"
    " (or `make install`)"
)
DOWNLOAD = (
    f"git clone {FASHN_VTON_REPO} && cd fashn-vton-1.5 && git checkout {FASHN_VTON_COMMIT[:12]} && "
    "python scripts/download_weights.py --weights-dir {dir}"
)


def missing(settings: Settings) -> list[str]:
    """What keeps the engine from loading, each with the command that fixes it."""
    problems = []
    absent = []
    for module, dist in MODULES.items():
        try:
            importlib.import_module(module)
        except ImportError:
            absent.append(dist)
    if absent:
        problems.append(f"the vton extra is not installed (missing {', '.join(absent)}): {INSTALL}")
    weights = settings.fashn_vton_weights
    if weights is None:
        problems.append(
            "FITROOM_FASHN_VTON_WEIGHTS is not set: on a machine with internet, "
            + DOWNLOAD.format(dir="/srv/fashn-vton-weights")
            + ", then set FITROOM_FASHN_VTON_WEIGHTS=/srv/fashn-vton-weights"
        )
    elif not (Path(weights) / "model.safetensors").is_file():
        problems.append(f"no model weights at {Path(weights) / 'model.safetensors'}: " + DOWNLOAD.format(dir=weights))
    elif (Path(weights) / "config.json").exists():
        try:
            config = json.loads((Path(weights) / "config.json").read_text())
        except ValueError as exc:
            config = exc
        if not isinstance(config, dict):
            problems.append(f"{Path(weights) / 'config.json'} is not a JSON object of TryOnModel arguments")
    return problems


def load(settings: Settings | None = None) -> FashnVtonEngine:
    """The engine, with its pipeline loaded (once per process); `EngineUnavailable`,
    saying what to do, when something is missing."""
    settings = settings or load_settings()
    problems = missing(settings)
    if problems:
        raise EngineUnavailable("the fashn-vton engine is not ready: " + "; ".join(problems))
    from fitroom.engines.fashn_vton.engine import FashnVtonEngine

    try:
        return FashnVtonEngine(settings)
    except Exception as exc:  # weights that do not fit the model, a device that is not there…
        raise EngineUnavailable(f"the fashn-vton engine could not load its model: {type(exc).__name__}: {exc}") from exc


__all__ = ["FASHN_VTON_COMMIT", "load", "missing", "use_fitroom_labels"]
