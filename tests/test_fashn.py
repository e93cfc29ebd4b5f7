"""The FASHN dialect (SPEC section 4), driven by the official `fashn` SDK against a real server."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any, cast

import fashn
import pytest
import requests
from fashn.types.prediction_run_params import TryOnRequestInputs
from fastapi.testclient import TestClient
from PIL import Image

from tests.support.app import Customer, LiveServer, make_customer, serving
from tests.support.images import flat_photo, garment_photo, person_photo
from tests.support.waiting import wait_until

STATUSES = {"starting", "in_queue", "processing", "completed", "failed"}


def data_uri(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


PERSON = data_uri(person_photo(), "image/jpeg")
GARMENT = data_uri(garment_photo(), "image/png")


def sdk(server: LiveServer, key: str) -> fashn.Fashn:
    return fashn.Fashn(api_key=key, base_url=server.url, max_retries=0, timeout=30)


def subscribe(client: fashn.Fashn, seen: list[str] | None = None, **inputs: Any) -> Any:
    """`predictions.subscribe` as a FASHN user calls it, polling fast and for at most 30 s."""
    return client.predictions.subscribe(
        model_name="tryon-v1.6",
        inputs=cast(TryOnRequestInputs, inputs),
        poll_interval=100,
        timeout=30_000,
        on_queue_update=(lambda status: seen.append(status.status)) if seen is not None else None,
    )


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_sdk_subscribe_with_data_uris_and_base64_output(live_server: LiveServer) -> None:
    key = make_customer(live_server.settings).key
    seen: list[str] = []
    result = subscribe(
        sdk(live_server, key), seen, model_image=PERSON, garment_image=GARMENT, category="tops", return_base64=True
    )
    assert result.status == "completed" and result.error is None and result.credits_used == 1
    assert set(seen) <= STATUSES and seen[-1] == "completed"
    [output] = result.output
    header, payload = output.split(",", 1)
    assert header == "data:image/png;base64"
    assert decode(base64.b64decode(payload)).format == "PNG"


def test_sdk_subscribe_with_url_output_and_jpeg(live_server: LiveServer) -> None:
    key = make_customer(live_server.settings).key
    result = subscribe(sdk(live_server, key), model_image=PERSON, garment_image=GARMENT, output_format="jpeg")
    assert result.status == "completed" and result.credits_used == 1
    [url] = result.output
    assert url.startswith(live_server.url + "/files/")
    image = requests.get(url, timeout=10)
    assert image.status_code == 200 and decode(image.content).format == "JPEG"
    credits = requests.get(f"{live_server.url}/v1/credits", headers={"Authorization": f"Bearer {key}"}, timeout=10)
    assert credits.json() == {"credits": {"total": 99, "subscription": 0, "on_demand": 99}}


def test_sdk_subscribe_with_http_urls(tmp_path: Path, database_url: str, image_server: str) -> None:
    with serving(tmp_path, database_url, allow_private_urls=True) as server:
        key = make_customer(server.settings).key
        result = subscribe(
            sdk(server, key),
            model_image=f"{image_server}/person.jpg",
            garment_image=f"{image_server}/garment.png",
            category="one-pieces",
        )
        assert result.status == "completed"
        assert decode(requests.get(result.output[0], timeout=10).content).format == "PNG"
        with pytest.raises(fashn.APIStatusError) as refused:
            sdk(server, key).predictions.run(
                model_name="tryon-v1.6", inputs={"model_image": f"{image_server}/notimage", "garment_image": GARMENT}
            )
        assert refused.value.status_code == 415
        assert refused.value.body["error"] == "ImageLoadError"  # type: ignore[index]


def test_failed_prediction(live_server: LiveServer) -> None:
    key = make_customer(live_server.settings).key
    seen: list[str] = []
    flat = data_uri(flat_photo(), "image/jpeg")
    result = subscribe(sdk(live_server, key), seen, model_image=flat, garment_image=GARMENT)
    assert result.status == "failed" and result.output is None and result.credits_used == 0
    assert result.error is not None
    assert result.error.name == "PoseError" and result.error.message == "no person was found in the photo"
    assert set(seen) <= STATUSES and seen[-1] == "failed"


def test_status_object(client: TestClient, customer: Customer) -> None:
    bearer = {"Authorization": f"Bearer {customer.key}"}
    run = client.post(
        "/v1/run",
        headers=bearer,
        json={"model_name": "tryon-v1.6", "inputs": {"model_image": PERSON, "garment_image": GARMENT}},
    )
    assert run.status_code == 200 and run.json() == {"id": run.json()["id"], "error": None}
    first = client.get(f"/v1/status/{run.json()['id']}", headers=bearer)
    assert set(first.json()) == {"id", "status", "output", "error"} and first.json()["status"] in STATUSES

    def finished() -> Any:
        answer = client.get(f"/v1/status/{run.json()['id']}", headers=bearer)
        return answer if answer.json()["status"] in ("completed", "failed") else None

    done = wait_until(finished, 20, "the prediction", interval=0.05)
    assert done.json()["status"] == "completed" and done.json()["error"] is None
    assert done.headers["x-fashn-credits-used"] == "1"
    if first.json()["status"] != "completed":
        assert "x-fashn-credits-used" not in first.headers


def assert_fashn_error(answer: Any, status: int, name: str, code: str, field: str | None = None) -> None:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error"] == name and body["code"] == code and body["message"]
    assert body["request_id"] == answer.headers["x-request-id"]
    if field:
        assert body["field"] == field


def test_error_shape(client: TestClient, customer: Customer) -> None:
    bearer = {"Authorization": f"Bearer {customer.key}"}

    def run(headers: dict[str, str] = bearer, model_name: str = "tryon-v1.6", **inputs: Any) -> Any:
        body = {"model_name": model_name, "inputs": {"model_image": PERSON, "garment_image": GARMENT, **inputs}}
        return client.post("/v1/run", headers=headers, json=body)

    assert_fashn_error(run({}), 401, "UnauthorizedAccess", "missing_api_key")
    assert_fashn_error(run({"X-API-Key": customer.key}), 401, "UnauthorizedAccess", "missing_api_key")
    assert_fashn_error(run({"Authorization": "Bearer nope"}), 401, "UnauthorizedAccess", "invalid_api_key")
    assert_fashn_error(run(category="hats"), 400, "BadRequest", "invalid_request", "inputs.category")
    assert_fashn_error(run(model_name="tryon-max"), 400, "BadRequest", "invalid_request", "model_name")
    assert_fashn_error(run(num_samples=2), 400, "BadRequest", "invalid_request", "inputs.num_samples")
    assert_fashn_error(run(model_image="saved:alice"), 400, "BadRequest", "invalid_request", "inputs.model_image")
    assert_fashn_error(run(model_image="data:image/jpeg;base64,!!!"), 400, "BadRequest", "invalid_request")
    not_image = data_uri(b"<html>no</html>", "image/png")
    assert_fashn_error(run(garment_image=not_image), 415, "ImageLoadError", "unsupported_image_type")
    private = run(model_image="http://127.0.0.1:9/person.jpg")
    assert_fashn_error(private, 400, "BadRequest", "invalid_request", "inputs.model_image")
    hook = client.post(
        "/v1/run?webhook_url=http://example.com/hook",
        headers=bearer,
        json={"model_name": "tryon-v1.6", "inputs": {"model_image": PERSON, "garment_image": GARMENT}},
    )
    assert_fashn_error(hook, 400, "BadRequest", "invalid_request", "webhook_url")
    assert_fashn_error(client.post("/v1/run", headers=bearer, content=b"{"), 400, "BadRequest", "invalid_request")
    assert_fashn_error(client.get("/v1/status/nope", headers=bearer), 404, "NotFound", "not_found")
    assert_fashn_error(client.get("/v1/nothing", headers=bearer), 404, "NotFound", "not_found")


def test_sdk_raises_on_error_answers(live_server: LiveServer) -> None:
    with pytest.raises(fashn.AuthenticationError) as refused:
        subscribe(sdk(live_server, "fr_00000000_nope"), model_image=PERSON, garment_image=GARMENT)
    assert refused.value.body["error"] == "UnauthorizedAccess"  # type: ignore[index]
    key = make_customer(live_server.settings).key
    with pytest.raises(fashn.NotFoundError):
        sdk(live_server, key).predictions.status("00000000-0000-0000-0000-000000000000")
    poor = make_customer(live_server.settings, balance=0).key
    with pytest.raises(fashn.APIStatusError) as broke:
        subscribe(sdk(live_server, poor), model_image=PERSON, garment_image=GARMENT)
    assert broke.value.status_code == 402 and broke.value.body["error"] == "OutOfCredits"  # type: ignore[index]
