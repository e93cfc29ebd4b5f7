"""A tiny FASHN VTON model with random weights, written as an operator's weights folder.

The real model's weights cannot be fetched here, so the tests and bench/fashn_vton_tiny.py
drive the real upstream pipeline with this one (its sizes from shared/wheels/README.md:
about 0.37M parameters). Its pictures are noise; what it exercises is the code around it.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from safetensors.torch import save_file

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


def write_tiny_weights(folder: Path, seed: int = 0) -> Path:
    """`model.safetensors` of a tiny model with random weights (drawn from `seed`), and its config."""
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    model = TryOnModel(**{k: tuple(v) if isinstance(v, list) else v for k, v in TINY.items()})
    save_file(model.state_dict(), str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps(TINY))
    return folder
