"""The VirtuFit flow end to end: accept, poll, download; sync answers; credits."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.support.app import Customer, running_app
from tests.support.images import flat_photo, garment_photo, person_photo


def post_generate(client: TestClient, customer: Customer, garments: int = 1, **fields: Any) -> Any:
    files = [("person_image", ("p.jpg", person_photo(), "image/jpeg"))]
    files += [("garment_image", (f"g{i}.png", garment_photo(), "image/png")) for i in range(garments)]
    return client.post("/api/v1/generate", headers=customer.headers, files=files, data=fields)


def poll(client: TestClient, customer: Customer, job_id: str, timeout: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()
        if body["status"] in ("completed", "failed"):
            return body  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


def test_accept_poll_download(client: TestClient, customer: Customer) -> None:
    answer = post_generate(client, customer, garments=2, tier="basic", swap_target="top")
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["accepted"] is True and body["status"] == "queued"
    assert body["status_url"].endswith(f"/api/v1/jobs/{body['job_id']}")
    assert isinstance(body["estimated_seconds"], int) and body["estimated_seconds"] >= 1
    assert body["credits_reserved"] is True
    done = poll(client, customer, body["job_id"])
    assert done["status"] == "completed" and done["progress"] == 100
    assert len(done["output_urls"]) == 2 and done["output_url"] == done["output_urls"][0]
    assert done["credits_used"] == 2 and done["credits_remaining"] == 98
    assert done["tier"] == "basic" and done["swap_target"] == "top" and done["error"] is None
    for key in ("created_at", "started_at", "completed_at", "expires_at", "processing_time_ms"):
        assert done[key] is not None
    image = client.get(done["output_url"].removeprefix("http://testserver"))
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert image.content[:3] == b"\xff\xd8\xff"


def test_sync_wait_answers_200(client: TestClient, customer: Customer) -> None:
    answer = client.post(
        "/api/v1/generate",
        headers={**customer.headers, "Prefer": "wait=30"},
        files=[
            ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
            ("garment_image", ("g.png", garment_photo(), "image/png")),
        ],
        data={"tier": "pro"},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["success"] is True and body["tier"] == "pro"
    assert body["credits_used"] == 3 and body["credits_remaining"] == 97
    assert body["output_urls"] == [body["output_url"]] and body["processing_time_ms"] >= 0


def test_engine_failure_refunds(client: TestClient, customer: Customer) -> None:
    files = [
        ("person_image", ("p.jpg", flat_photo(), "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files)
    done = poll(client, customer, answer.json()["job_id"])
    assert done["status"] == "failed"
    assert done["error"]["code"] == "no_person_detected"
    assert done["credits_used"] == 0 and done["credits_remaining"] == 100 and done["output_urls"] == []


def test_unavailable_engine_fails_jobs_honestly(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, engine="no-such-engine") as (client, customer):
        ready = client.get("/readyz").json()
        assert ready["checks"]["engine"].startswith("unavailable")
        answer = post_generate(client, customer)
        done = poll(client, customer, answer.json()["job_id"])
        assert done["status"] == "failed" and done["error"]["code"] == "engine_error"
        assert "no-such-engine" in done["error"]["message"]
        assert done["credits_remaining"] == 100 and done["output_urls"] == []


def test_ops_endpoints(client: TestClient, customer: Customer) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "engine": "ok", "workers": "ok"}
    poll(client, customer, post_generate(client, customer).json()["job_id"])
    metrics = client.get("/metrics").text
    assert 'fitroom_jobs{status="completed"} 1.0' in metrics
    assert "fitroom_http_requests_total" in metrics and "fitroom_render_seconds_bucket" in metrics
    assert 'route="/api/v1/generate"' in metrics


def test_request_id_is_echoed_and_generated(client: TestClient) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    generated = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"}).headers["x-request-id"]
    assert len(generated) == 32


def test_sync_wait_falls_back_to_202(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0) as (client, customer):
        started = time.monotonic()
        answer = client.post(
            "/api/v1/generate",
            headers={**customer.headers, "Prefer": "wait=1"},
            files=[
                ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
                ("garment_image", ("g.png", garment_photo(), "image/png")),
            ],
        )
        assert answer.status_code == 202 and answer.json()["status"] == "queued"
        assert time.monotonic() - started >= 1.0
