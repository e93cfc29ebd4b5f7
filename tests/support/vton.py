"""FASHN VTON models with random weights, written as an operator's weights folder, and the
photos and options the fashn-vton tests render with.

The real model's weights cannot be fetched here, so the tests and bench/fashn_vton_render.py
drive the real upstream pipeline with random weights: a tiny model (sizes from
shared/wheels/README.md, about 0.37M parameters) everywhere, and on a GPU also one of
upstream's own sizes (972M parameters), whose speed and memory are the real model's.
Their pictures are noise; what they exercise is the code around the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from PIL import Image
from safetensors.torch import save_file
from skimage import data

from fitroom.engines.base import RenderOptions
from fitroom.engines.fashn_vton.pipeline import TryOnModel  # fashn_vton's, after fitroom's label module

#: `TryOnModel` keyword arguments, as `<weights>/config.json` holds them.
TINY = {
    "input_shape": [72, 48],
    "hidden_size": 64,
    "n_heads": 2,
    "double_blocks_depth": 1,
    "single_blocks_depth": 1,
    "mlp_ratio": 2,
    "patch_size": 12,
    "axes_dim": [8, 12, 12],
    "patch_mixer_depth": 1,
}


def write_random_weights(folder: Path, sizes: dict[str, Any] | None, seed: int = 0, device: str = "cpu") -> Path:
    """`model.safetensors` of a model with random weights drawn from `seed`, and its sizes
    as config.json; `sizes=None` writes no config, so the engine builds upstream's default
    sizes. The weights are drawn on `device` (upstream's size draws in seconds on a GPU)."""
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in (sizes or {}).items()}
    with torch.device(device):
        model = TryOnModel(**kwargs)
    save_file({k: v.contiguous().cpu() for k, v in model.state_dict().items()}, str(folder / "model.safetensors"))
    if sizes is not None:
        (folder / "config.json").write_text(json.dumps(sizes))
    return folder


def write_tiny_weights(folder: Path, seed: int = 0) -> Path:
    """The tiny model's weights folder (see TINY)."""
    return write_random_weights(folder, TINY, seed)


def astronaut(size: int | None = None) -> Image.Image:
    """scikit-image's astronaut photo (512 px), optionally resized to `size` square."""
    image = Image.fromarray(data.astronaut())
    return image.resize((size, size), Image.Resampling.LANCZOS) if size else image


def nano(**fields: object) -> RenderOptions:
    """Options for a top at the nano tier with a fixed seed, `fields` overriding."""
    return RenderOptions(**{"swap_target": "top", "tier": "nano", "seed": 7, **fields})  # type: ignore[arg-type]
