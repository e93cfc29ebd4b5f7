"""Expiry and the reaper: images deleted, the job answers 404 `expired`, URLs stop working."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from fitroom.db import utcnow
from fitroom.db.models import Job
from fitroom.jobs.reaper import reap
from tests.conftest import Customer
from tests.support.images import garment_photo, person_photo


def finished_job(client: TestClient, customer: Customer) -> dict[str, str]:
    files = [("person_image", ("p.jpg", person_photo(), "image/jpeg")), ("garment_image", ("g.png", garment_photo(), "image/png"))]
    answer = client.post("/api/v1/generate", headers={**customer.headers, "Prefer": "wait=30"}, files=files)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_expiry_is_24h_by_default(client: TestClient, customer: Customer) -> None:
    job = finished_job(client, customer)
    status = client.get(f"/api/v1/jobs/{job['job_id']}", headers=customer.headers).json()
    created = datetime.fromisoformat(status["created_at"])
    expires = datetime.fromisoformat(status["expires_at"])
    assert expires - created == timedelta(hours=24)


def test_reaper_deletes_images_and_job_answers_expired(client: TestClient, customer: Customer) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    job = finished_job(client, customer)
    keep = finished_job(client, customer)
    path = job["output_url"].removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    with ctx.db.session() as session:
        session.execute(update(Job).where(Job.id == job["job_id"]).values(expires_at=utcnow() - timedelta(seconds=1)))

    expired = client.get(f"/api/v1/jobs/{job['job_id']}", headers=customer.headers)
    assert expired.status_code == 404 and expired.json()["error"]["code"] == "expired"
    assert reap(ctx) == 1
    assert reap(ctx) == 0
    job_dir = ctx.settings.data_dir / "blobs" / "jobs" / job["job_id"]
    assert not job_dir.exists()
    assert client.get(path).status_code == 404
    assert client.get(f"/api/v1/jobs/{job['job_id']}", headers=customer.headers).json()["error"]["code"] == "expired"
    assert client.get(f"/api/v1/jobs/{keep['job_id']}", headers=customer.headers).status_code == 200


def test_signed_urls_refuse_tampering(client: TestClient, customer: Customer) -> None:
    url = finished_job(client, customer)["output_url"].removeprefix("http://testserver")
    assert client.get(url).status_code == 200
    path, _, query = url.partition("?")
    params = dict(p.split("=") for p in query.split("&"))
    later = f"{path}?expires={int(params['expires']) + 10}&signature={params['signature']}"
    assert client.get(later).status_code == 403
    other = path.replace("output-0", "person")
    assert client.get(f"{other}?{query}").status_code == 403
    assert client.get(f"{path}?expires=1&signature={params['signature']}").status_code == 403
    traversal = client.get(f"/files/jobs/..%2F..%2Fsecret_key?{query}")
    assert traversal.status_code in (403, 404)
