"""Layered outfits (SPEC section 5): several garments and accessories on one person in one
output, through VirtuFit's compose=layered, the worker and the engine API."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from fastapi.testclient import TestClient
from PIL import Image
from skimage import data

from fitroom.engines import Progress, RenderOptions
from fitroom.engines.layering import render_layered
from tests.support.app import Customer, running_app
from tests.support.images import encode, garment_photo, person_photo
from tests.test_accessories import glasses_photo, hat_photo, tee_photo

OUTFIT = "top,bottom,shoes,watch,glasses"


def post(client: TestClient, customer: Customer, person: bytes, garments: list[bytes], **fields: str) -> object:
    files = [("person_image", ("p.jpg", person, "image/jpeg"))]
    files += [("garment_image", (f"g{i}.png", g, "image/png")) for i, g in enumerate(garments)]
    return client.post("/api/v1/generate", headers={**customer.headers, "Prefer": "wait=60"}, files=files, data=fields)


def test_layered_outfit_is_one_output_charged_per_item(client: TestClient, customer: Customer) -> None:
    garments = [garment_photo(color=(40 * i, 30, 30)) for i in range(5)]
    answer = post(client, customer, person_photo(), garments, compose="layered", swap_target=OUTFIT, tier="basic")
    assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
    body = answer.json()  # type: ignore[attr-defined]
    assert body["success"] is True and len(body["output_urls"]) == 1
    assert body["credits_used"] == 5 and body["credits_remaining"] == 95
    status = client.get(f"/api/v1/jobs/{body['job_id']}", headers=customer.headers).json()
    assert status["swap_target"] == OUTFIT and status["status"] == "completed"


def test_layered_target_lists_are_checked(client: TestClient, customer: Customer) -> None:
    two = [garment_photo(), garment_photo()]
    cases = [
        ({"compose": "layered", "swap_target": "top,bottom,shoes"}, "2 garments"),
        ({"compose": "separate", "swap_target": "top,bottom"}, "compose=layered"),
        ({"compose": "layered", "swap_target": "top,cape"}, "swap_target must be one of"),
    ]
    for fields, words in cases:
        answer = post(client, customer, person_photo(), two, **fields)
        assert answer.status_code == 400, answer.text  # type: ignore[attr-defined]
        error = answer.json()["error"]  # type: ignore[attr-defined]
        assert error["code"] == "invalid_request" and error["field"] == "swap_target" and words in error["message"]
    credits = client.get("/v1/credits", headers={"Authorization": f"Bearer {customer.key}"}).json()
    assert credits["credits"]["total"] == 100, "a refused request is not charged"


def test_an_engine_that_layers_gets_the_outfit_in_one_call_in_layer_order() -> None:
    calls: list[tuple[str, tuple[str, ...] | None, int]] = []

    class Layering:
        name = "layering"
        layers_outfits = True

        def render(
            self,
            person: Image.Image,
            garments: Sequence[Image.Image],
            options: RenderOptions,
            progress: Progress | None = None,
        ) -> Image.Image:
            calls.append((options.swap_target, options.garment_targets, len(garments)))
            return person

    person = Image.new("RGB", (8, 8))
    items = [Image.new("RGB", (8, 8), (i, i, i)) for i in range(4)]
    render_layered(Layering(), person, items, ["hat", "shoes", "top", "watch"], RenderOptions())
    assert calls == [("full_outfit", ("top", "shoes", "watch", "hat"), 4)]


def test_layered_outfit_with_the_classic_engine(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, engine="classic") as (client, customer):
        astronaut = encode(Image.fromarray(data.astronaut()), "JPEG")
        garments = [encode(Image.fromarray(p), "PNG") for p in (tee_photo(), glasses_photo(), hat_photo())]
        answer = post(
            client, customer, astronaut, garments, compose="layered", swap_target="top,glasses,hat", tier="nano"
        )
        assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
        body = answer.json()  # type: ignore[attr-defined]
        assert len(body["output_urls"]) == 1 and body["credits_used"] == 3
        output = client.get(body["output_url"].removeprefix("http://testserver"))
        image = Image.open(io.BytesIO(output.content))
        assert image.size == (512, 512) and image.tobytes() != Image.fromarray(data.astronaut()).tobytes()


def test_fitroom_try_takes_one_target_per_garment(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fitroom.cli import app

    astronaut = tmp_path / "astronaut.jpg"
    Image.fromarray(data.astronaut()).save(astronaut)
    items = []
    for name, pixels in (("tee", tee_photo()), ("glasses", glasses_photo())):
        items.append(tmp_path / f"{name}.png")
        Image.fromarray(pixels).save(items[-1])
    out = tmp_path / "out.png"
    runner = CliRunner()
    done = runner.invoke(
        app, ["try", str(astronaut), *map(str, items), "--target", "top,glasses", "--tier", "nano", "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    both = Image.open(out)
    runner.invoke(
        app,
        ["try", str(astronaut), str(items[0]), "--target", "top", "--tier", "nano", "-o", str(tmp_path / "top.png")],
    )
    # The glasses went on too: the face differs from the top-only render.
    assert both.size == (512, 512) and both.tobytes() != Image.open(tmp_path / "top.png").tobytes()
    wrong = runner.invoke(app, ["try", str(astronaut), *map(str, items), "--target", "top,glasses,hat", "-o", str(out)])
    assert wrong.exit_code == 1 and "2 garments" in wrong.output
