"""The fashn-vton engine's renders on each torch device this machine has: the CPU always,
CUDA where there is a GPU (there in bf16, where the card supports it).

Each test runs the real upstream pipeline with the tiny random-weight model (see
tests/support/vton.py), so it checks fitroom's work around the model on that device: the
tier's size, seeds, the clothed region, progress. The module imports nothing beyond the
engine and its drawn garments, so a GPU machine without the service's packages runs it
alone: `python -m pytest --noconftest tests/test_fashn_vton_on_devices.py`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from fitroom.engines.classic.person import analyse_person
from fitroom.engines.fashn_vton import load, masks
from fitroom.engines.fashn_vton.engine import MODEL_SHARE, FashnVtonEngine
from fitroom.settings import Settings
from tests.support.vton import astronaut, nano, write_tiny_weights
from tests.test_classic_engine import tee, trousers

pytestmark = pytest.mark.slow

STEPS = 4

DEVICES = [
    "cpu",
    pytest.param("cuda", marks=pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU here")),
]


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_weights(tmp_path_factory.mktemp("fashn-vton") / "weights")


def settings_on(weights: Path, device: str, steps: int = STEPS) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        fashn_vton_weights=weights,
        fashn_vton_device=device,
        fashn_vton_steps={"nano": steps, "basic": steps, "pro": steps},
    )


@pytest.fixture(scope="module", params=DEVICES)
def engine(request: pytest.FixtureRequest, weights: Path) -> FashnVtonEngine:
    loaded = load(settings_on(weights, request.param))
    assert isinstance(loaded, FashnVtonEngine)
    return loaded


def test_loads_on_the_device_in_its_dtype(engine: FashnVtonEngine) -> None:
    device, dtype = engine.pipeline.device, engine.pipeline.dtype
    if device.type == "cuda":
        assert dtype == (torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float32)
    else:
        assert dtype == torch.float32
    assert {p.device.type for p in engine.pipeline.pipeline.tryon_model.parameters()} == {device.type}


@pytest.mark.parametrize(("tier", "side"), [("nano", 512), ("basic", 1024), ("pro", 1200)])
def test_output_at_the_tiers_size(engine: FashnVtonEngine, tier: str, side: int) -> None:
    out = engine.render(astronaut(1200), [Image.fromarray(tee())], nano(tier=tier))
    assert out.size == (side, side)
    assert engine.render(astronaut(), [Image.fromarray(tee())], nano(tier="pro")).size == (512, 512), "never upsampled"


def test_same_seed_same_bytes_and_another_seed_another_image(engine: FashnVtonEngine) -> None:
    garment = Image.fromarray(tee())
    first = engine.render(astronaut(), [garment], nano(seed=11))
    again = engine.render(astronaut(), [garment], nano(seed=11))
    other = engine.render(astronaut(), [garment], nano(seed=12))
    assert first.tobytes() == again.tobytes() and first.info["seed"] == 11
    assert first.tobytes() != other.tobytes()
    drawn = engine.render(astronaut(), [garment], nano(seed=None))
    seed = drawn.info["seed"]
    assert isinstance(seed, int), "without a seed the engine draws one and says which"
    assert engine.render(astronaut(), [garment], nano(seed=seed)).tobytes() == drawn.tobytes()


def test_only_the_clothed_region_changes(engine: FashnVtonEngine) -> None:
    original = np.asarray(astronaut())
    for target in ("top", "dress"):
        out = np.asarray(engine.render(astronaut(), [Image.fromarray(tee())], nano(swap_target=target)))
        person = analyse_person(np.ascontiguousarray(original))
        region = masks.clothed_region(person, masks.MODEL_CATEGORY[target])
        changed = np.any(out != original, axis=2)
        assert changed.sum() > 0.1 * changed.size, "the model's picture went in"
        assert not (changed & ~region).any(), "nothing outside the clothed region changes"
        face = person.face > 0
        assert face.sum() > 1000 and np.array_equal(out[face], original[face])
        hands = person.hands > 0
        assert np.array_equal(out[hands], original[hands])
        first, _ = masks.band(person, masks.MODEL_CATEGORY[target])
        assert np.array_equal(out[:first], original[:first]), "the head and all above the collar stay"


def test_progress_per_denoising_step(engine: FashnVtonEngine, weights: Path) -> None:
    engine = load(settings_on(weights, engine.pipeline.device.type, steps=6))
    seen: list[float] = []
    garments = [Image.fromarray(trousers()), Image.fromarray(tee())]
    engine.render(astronaut(), garments, nano(garment_targets=("bottom", "top")), seen.append)
    steps = [f for f in seen if f <= MODEL_SHARE]
    assert len(steps) == 2 * 6, "one report per step of each garment's pass"
    assert steps == sorted(steps) and seen[-1] == 1.0
