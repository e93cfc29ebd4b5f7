"""The fashn-vton engine driving FASHN VTON's real pipeline code with a tiny model.

No real weights can be fetched here, so the tests build a `TryOnModel` of about 0.37M
parameters with random weights (shared/wheels/README.md gives the sizes), save it with
safetensors into a weights directory with its config.json, and render through the
fitroom engine on the CPU. The model's pixels are noise; what is tested is everything
fitroom does around it, and that the upstream pipeline runs end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import torch
from numpy.typing import NDArray
from PIL import Image
from skimage import data
from typer.testing import CliRunner

from fitroom.cli import app
from fitroom.engines import EngineUnavailable, load_engine
from fitroom.engines.base import EngineError
from fitroom.engines.classic.person import L_WRIST, R_WRIST, analyse_person
from fitroom.engines.fashn_vton import labels, load, masks
from fitroom.engines.fashn_vton.engine import FashnVtonEngine
from fitroom.engines.fashn_vton.labels import LABELS_TO_IDS

# fashn_vton is imported through fitroom's package, which first gives it fitroom's label
# module in place of the non-commercial fashn-human-parser (see use_fitroom_labels).
from fitroom.engines.fashn_vton.pipeline import Call, FitroomPipeline, SharedPipeline, TryOnPipeline
from fitroom.engines.fashn_vton.supplied import SuppliedParser, SuppliedPose
from fitroom.settings import Settings
from tests.support.app import running_app
from tests.support.images import encode
from tests.support.vton import TINY, astronaut, nano, write_tiny_weights
from tests.test_accessories import watch_photo
from tests.test_classic_engine import tee, trousers

pytestmark = pytest.mark.slow

STEPS = 4


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_weights(tmp_path_factory.mktemp("fashn-vton") / "weights")


def vton_settings(weights: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "fashn_vton_weights": weights,
        "fashn_vton_steps": {"nano": STEPS, "basic": STEPS, "pro": STEPS},
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def engine(weights: Path) -> FashnVtonEngine:
    loaded = load(vton_settings(weights))
    assert isinstance(loaded, FashnVtonEngine)
    return loaded


def photo(pixels: NDArray[np.uint8]) -> Image.Image:
    return Image.fromarray(pixels)


def recording(engine: FashnVtonEngine, monkeypatch: pytest.MonkeyPatch) -> list[Call]:
    """The calls the engine makes into the (real) shared pipeline, in order."""
    calls: list[Call] = []
    real = SharedPipeline.run

    def run(self: SharedPipeline, call: Call, on_step: Callable[[], None] | None = None) -> Image.Image:
        calls.append(call)
        return real(self, call, on_step)

    monkeypatch.setattr(SharedPipeline, "run", run)
    return calls


def test_the_pipeline_is_upstreams_without_its_human_parser(engine: FashnVtonEngine) -> None:
    pipe = engine.pipeline.pipeline
    assert isinstance(pipe, TryOnPipeline)
    assert isinstance(pipe.hp_model, SuppliedParser), "the non-commercial FashnHumanParser is never built"
    assert isinstance(pipe.pose_model, SuppliedPose), "no DWPose files: fitroom's keypoints"
    assert sum(p.numel() for p in pipe.tryon_model.parameters()) < 1_000_000
    assert engine.pipeline.device.type == "cpu" and engine.pipeline.dtype == torch.float32
    assert engine.settings.fashn_vton_weights is not None
    assert load(vton_settings(engine.settings.fashn_vton_weights)).pipeline is engine.pipeline, (
        "loaded once per process"
    )
    assert isinstance(load_engine("fashn-vton", engine.settings), FashnVtonEngine)


#: Renders in a fresh interpreter, once segmentation-free and once with the person masked
#: (where the pipeline reads every label table), then reports what got imported.
CLEAN_RENDER = """
import importlib.metadata, json, sys
from pathlib import Path
from PIL import Image
from skimage import data
from fitroom.engines.base import RenderOptions
from fitroom.engines.fashn_vton import load
from fitroom.settings import Settings
from tests.test_classic_engine import tee

weights = Path(sys.argv[1])
person, garment = Image.fromarray(data.astronaut()), Image.fromarray(tee())
for free in (True, False):
    settings = Settings(_env_file=None, fashn_vton_weights=weights, fashn_vton_steps={"nano": 2},
                        fashn_vton_segmentation_free={"nano": free})
    out = load(settings).render(person, [garment], RenderOptions(swap_target="top", tier="nano", seed=3))
import fashn_vton.pipeline
try:
    importlib.metadata.distribution("fashn-human-parser")
    installed = True
except importlib.metadata.PackageNotFoundError:
    installed = False
print(json.dumps({
    "size": out.size,
    "parser_module": sys.modules["fashn_human_parser"].__file__,
    "parser_class": fashn_vton.pipeline.FashnHumanParser.__qualname__,
    "transformers": sorted(m for m in sys.modules if m.split(".")[0] in ("transformers", "huggingface_hub")),
    "parser_installed": installed,
}))
"""


def test_renders_without_the_non_commercial_parser_package_or_transformers(weights: Path) -> None:
    """fashn_vton finds fitroom's label module under `fashn_human_parser`; neither the PyPI
    package (non-commercial licence) nor transformers is installed or imported."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", CLEAN_RENDER, str(weights)],
        check=False,
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["size"] == [512, 512]
    assert Path(seen["parser_module"]) == Path(labels.__file__).resolve()
    assert Path(seen["parser_module"]).is_relative_to(root / "src" / "fitroom")
    assert seen["parser_class"] == "SuppliedParser"
    assert seen["transformers"] == []
    assert seen["parser_installed"] is False, "the fashn-human-parser package must not be installed"


def test_the_stock_parser_setup_is_overridden() -> None:
    """The stock `_setup_hp_model` would build `FashnHumanParser`; fitroom's pipeline
    replaces it, and the name it would build is fitroom's stand-in, which takes no device."""
    assert FitroomPipeline._setup_hp_model is not TryOnPipeline._setup_hp_model
    assert labels.FashnHumanParser is SuppliedParser
    with pytest.raises(TypeError):
        labels.FashnHumanParser(device="cpu")  # type: ignore[call-arg]
    assert LABELS_TO_IDS["background"] == 0 and len(labels.LABELS) == len(LABELS_TO_IDS) == 18
    for coverage in labels.CATEGORY_TO_BODY_COVERAGE.values():
        assert set(labels.BODY_COVERAGE_TO_LABELS[coverage]) <= set(LABELS_TO_IDS)
    assert set(labels.IDENTITY_LABELS) <= set(LABELS_TO_IDS)


def test_category_mapping(engine: FashnVtonEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    assert masks.MODEL_CATEGORY == {
        "top": "tops",
        "jacket": "tops",
        "bottom": "bottoms",
        "dress": "one-pieces",
        "full_outfit": "one-pieces",
    }
    calls = recording(engine, monkeypatch)
    for target, garment in (
        ("top", tee()),
        ("jacket", tee()),
        ("bottom", trousers()),
        ("dress", tee()),
        ("full_outfit", tee()),
    ):
        engine.render(astronaut(), [photo(garment)], nano(swap_target=target))
    assert [c.category for c in calls] == ["tops", "tops", "bottoms", "one-pieces", "one-pieces"]
    assert {c.photo_type for c in calls} == {"flat-lay"}, "product shots on white are flat lays"
    labels = calls[0].person_labels
    assert (labels == LABELS_TO_IDS["top"]).any() and (labels == LABELS_TO_IDS["face"]).any()
    assert (calls[2].person_labels == LABELS_TO_IDS["pants"]).sum() < (labels == LABELS_TO_IDS["top"]).sum()


def test_photo_type_is_decided_or_taken_from_the_request(
    engine: FashnVtonEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = recording(engine, monkeypatch)
    worn = photo(data.astronaut())  # the astronaut's top, worn by her
    engine.render(astronaut(), [worn], nano())
    engine.render(astronaut(), [photo(tee())], nano(garment_photo_type="model"))
    engine.render(astronaut(), [worn], nano(garment_photo_type="flat-lay"))
    assert [c.photo_type for c in calls] == ["model", "model", "flat-lay"]
    subset = calls[0].garment_pose["bodies"]["subset"]
    assert (subset >= 0).sum() >= 5, "a model's keypoints come from fitroom's pose landmarks"
    assert (calls[2].garment_pose["bodies"]["subset"] < 0).all()


def test_segmentation_mode_uses_fitroom_masks(weights: Path) -> None:
    masked = load(vton_settings(weights, fashn_vton_segmentation_free={"nano": False}))
    free = load(vton_settings(weights))
    a = masked.render(astronaut(), [photo(tee())], nano())
    b = free.render(astronaut(), [photo(tee())], nano())
    assert a.size == b.size and a.tobytes() != b.tobytes()


def test_layered_outfit_with_a_watch(engine: FashnVtonEngine) -> None:
    mirrored = photo(np.ascontiguousarray(data.astronaut()[:, ::-1]))  # her wrist is in view this way round
    outfit = engine.render(mirrored, [photo(watch_photo()), photo(tee())], nano(garment_targets=("watch", "top")))
    top_only = engine.render(mirrored, [photo(tee())], nano())
    original = np.asarray(mirrored)
    assert outfit.size == (512, 512) and outfit.info["seed"] == 7
    person = analyse_person(np.ascontiguousarray(original))
    differs = np.any(np.asarray(outfit) != np.asarray(top_only), axis=2)
    assert differs.sum() > 100, "the watch went on over the new top"
    ys, xs = np.nonzero(differs)
    centre = np.array([xs.mean(), ys.mean()])
    wrist = min((person.pt(L_WRIST), person.pt(R_WRIST)), key=lambda p: float(np.linalg.norm(p - centre)))
    assert np.linalg.norm(centre - wrist) < 60, "at the wrist"
    face = person.face > 0
    assert np.array_equal(np.asarray(outfit)[face], original[face])


def test_typed_refusals_before_any_model_time(engine: FashnVtonEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = recording(engine, monkeypatch)
    cases = [
        (Image.new("RGB", (400, 500), (120, 120, 120)), [photo(tee())], nano(), "no_person_detected"),
        (photo(np.concatenate([data.astronaut()] * 2, axis=1)), [photo(tee())], nano(), "multiple_people"),
        (astronaut(), [Image.new("RGB", (300, 300), (255, 255, 255))], nano(), "garment_not_found"),
        (
            astronaut(),
            [photo(tee()), photo(watch_photo())],
            nano(garment_targets=("top", "watch")),
            "pose_not_supported",
        ),
    ]
    for person, garments, options, code in cases:
        seen: list[float] = []
        with pytest.raises(EngineError) as refused:
            engine.render(person, garments, options, seen.append)
        assert refused.value.code == code, refused.value.message
        assert seen == []
    assert calls == [], "no model pass was started for a refused request"


def test_two_threads_render_at_once(engine: FashnVtonEngine) -> None:
    jobs = [(astronaut(), 21), (photo(np.ascontiguousarray(data.astronaut()[:, ::-1])), 22)] * 2
    alone = [engine.render(person, [photo(tee())], nano(seed=seed)).tobytes() for person, seed in jobs]
    started = threading.Barrier(2)

    def render(job: tuple[Image.Image, int]) -> bytes:
        started.wait()
        return engine.render(job[0], [photo(tee())], nano(seed=job[1])).tobytes()

    with ThreadPoolExecutor(2) as pool:
        together = list(pool.map(render, jobs))
    assert together == alone, "the lock keeps each render exactly as if it ran alone"


def test_engines_command_says_what_is_missing(tmp_path: Path, weights: Path) -> None:
    runner = CliRunner()
    missing = tmp_path / "nothing-here"
    done = runner.invoke(
        app,
        ["engines"],
        env={"FITROOM_FASHN_VTON_WEIGHTS": str(missing), "FITROOM_ENGINE": "classic", "FITROOM_ENGINES": None},
    )
    assert done.exit_code == 0, done.output
    lines = dict(line.split(": ", 1) for line in done.output.strip().splitlines())
    assert lines["classic (nano, basic, pro)"] == "loaded"
    assert f"no model weights at {missing / 'model.safetensors'}" in lines["fashn-vton"]
    assert "python scripts/download_weights.py --weights-dir" in lines["fashn-vton"]
    routed = runner.invoke(
        app, ["engines"], env={"FITROOM_FASHN_VTON_WEIGHTS": str(missing), "FITROOM_ENGINES": "pro=fashn-vton"}
    )
    assert routed.exit_code == 1, "a tier's engine does not load"
    assert "fashn-vton (pro): unavailable" in routed.output
    unset = runner.invoke(app, ["engines"], env={"FITROOM_ENGINE": "fashn-vton", "FITROOM_FASHN_VTON_WEIGHTS": None})
    assert unset.exit_code == 1 and "FITROOM_FASHN_VTON_WEIGHTS is not set" in unset.output
    ready = runner.invoke(app, ["engines"], env={"FITROOM_FASHN_VTON_WEIGHTS": str(weights)})
    assert "fashn-vton: loaded on cpu in float32" in ready.output and "no GPU" in ready.output


def test_missing_extra_is_named_with_its_install_command(tmp_path: Path) -> None:
    """A Python where `fashn_vton` does not import, as without the extra."""
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "fashn_vton.py").write_text("raise ImportError(\"No module named 'fashn_vton'\")\n")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(shadow), *sys.path]),
        "FITROOM_FASHN_VTON_WEIGHTS": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", "from fitroom.cli import main; main()", "engines"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("fashn-vton"))
    assert "the vton extra is not installed (missing fashn-vton)" in line
    assert "pip install -e '.[vton]'" in line and "fashn-vton @ git+https://github.com/fashn-AI/fashn-vton-1.5@" in line
    with pytest.raises(EngineUnavailable) as info:
        load(Settings(_env_file=None, fashn_vton_weights=None))  # type: ignore[call-arg]
    assert "FITROOM_FASHN_VTON_WEIGHTS is not set" in str(info.value)


def test_broken_weights_folders_are_explained(tmp_path: Path, weights: Path) -> None:
    """Weights that do not fit the model, DWPose files that are not models, a config that
    is not an object: each refuses to load with a message, never a half-loaded engine."""
    wrong = write_tiny_weights(tmp_path / "wrong")
    (wrong / "config.json").write_text(json.dumps({**TINY, "hidden_size": 128, "axes_dim": [16, 24, 24]}))
    with pytest.raises(EngineUnavailable, match="could not load its model: RuntimeError"):
        load(vton_settings(wrong))
    dwpose = write_tiny_weights(tmp_path / "dwpose")
    (dwpose / "dwpose").mkdir()
    for name in ("yolox_l.onnx", "dw-ll_ucoco_384.onnx"):
        (dwpose / "dwpose" / name).write_bytes(b"not an onnx model")
    with pytest.raises(EngineUnavailable, match="could not load its model: .*yolox_l.onnx"):
        load(vton_settings(dwpose))  # the files are there, so upstream's DWPose loads them
    listed = write_tiny_weights(tmp_path / "listed")
    (listed / "config.json").write_text("[72, 48]")
    with pytest.raises(EngineUnavailable, match="config.json is not a JSON object"):
        load(vton_settings(listed))


def post_astronaut(client: object, customer: object, **fields: str) -> dict[str, object]:
    from tests.test_generate_flow import poll

    files = [
        ("person_image", ("p.jpg", encode(astronaut(), "JPEG"), "image/jpeg")),
        ("garment_image", ("g.png", encode(photo(tee()), "PNG"), "image/png")),
    ]
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data=fields)  # type: ignore[attr-defined]
    assert answer.status_code == 202, answer.text
    return poll(client, customer, answer.json()["job_id"], timeout=120)  # type: ignore[arg-type]


def test_jobs_fail_with_engine_error_when_the_weights_are_missing(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, engine="fashn-vton", fashn_vton_weights=tmp_path / "none") as (
        client,
        customer,
    ):
        assert client.get("/readyz").json()["checks"]["engine"].startswith("unavailable")
        for _ in range(2):  # the worker is still there for the next job
            done = post_astronaut(client, customer, tier="nano", swap_target="top")
            assert done["status"] == "failed" and done["error"]["code"] == "engine_error"  # type: ignore[index]
            assert "download_weights.py" in done["error"]["message"]  # type: ignore[index]
            assert done["credits_remaining"] == 100


def test_a_job_renders_through_the_worker(tmp_path: Path, database_url: str, weights: Path) -> None:
    with running_app(tmp_path, database_url, engine="fashn-vton", fashn_vton_weights=weights) as (client, customer):
        done = post_astronaut(client, customer, tier="nano", swap_target="top", seed="5")
        assert done["status"] == "completed", done
        output = client.get(done["output_url"].removeprefix("http://testserver"))  # type: ignore[attr-defined]
        from io import BytesIO

        assert Image.open(BytesIO(output.content)).size == (512, 512)
