"""Expiry and the reaper: images deleted, the job answers 404 `expired`, URLs stop working."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from fitroom.db import utcnow
from fitroom.db.models import Job, WebhookDelivery
from fitroom.jobs.reaper import reap
from fitroom.jobs.worker import Worker
from fitroom.storage.keys import job_prefixes
from tests.support.app import Customer, running_app
from tests.support.engines import TintEngine
from tests.support.images import garment_photo, person_photo
from tests.support.waiting import wait_until


def finished_job(client: TestClient, customer: Customer) -> dict[str, str]:
    files = [
        ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
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
    blobs = ctx.settings.data_dir / "blobs"
    assert not list(blobs.glob(job_prefixes(job["job_id"])[0] + "*")), "the job's blobs are deleted"
    assert len(list(blobs.glob(job_prefixes(keep["job_id"])[0] + "*"))) == 3, "another job's are kept"
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


def test_a_job_that_expires_before_it_is_rendered_gives_its_credits_back(tmp_path: Path, database_url: str) -> None:
    """It used to stay reserved while workers failed on its deleted images, one lease after another."""
    with running_app(tmp_path, database_url, workers=0) as (client, customer):
        ctx = client.app.state.ctx  # type: ignore[attr-defined]
        files = [("person_image", ("p.jpg", person_photo(), "image/jpeg"))]
        files += [("garment_image", ("g.png", garment_photo(), "image/png"))] * 2
        job_id = client.post("/api/v1/generate", headers=customer.headers, files=files).json()["job_id"]
        bearer = {"Authorization": f"Bearer {customer.key}"}
        assert client.get("/v1/credits", headers=bearer).json()["credits"]["total"] == 98
        with ctx.db.session() as session:
            session.execute(update(Job).where(Job.id == job_id).values(expires_at=utcnow() - timedelta(seconds=1)))
        assert reap(ctx) == 1
        assert client.get("/v1/credits", headers=bearer).json()["credits"]["total"] == 100
        assert Worker(ctx, TintEngine()).run_once() is False, "no worker picks it up"
        with ctx.db.reader() as session:
            job = session.get(Job, job_id)
            assert job is not None and (job.status, job.error_code) == ("failed", "expired")
            assert [item.status for item in job.items] == ["failed", "failed"]
        assert client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()["error"]["code"] == "expired"


def test_expiry_also_deletes_webhook_bodies_that_carry_the_images(client: TestClient, customer: Customer) -> None:
    """A FASHN webhook body with `return_base64` holds the output itself: it used to outlive the images."""
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    photo = "data:image/jpeg;base64," + base64.b64encode(person_photo()).decode()
    garment = "data:image/png;base64," + base64.b64encode(garment_photo()).decode()
    bearer = {"Authorization": f"Bearer {customer.key}"}
    inputs = {"model_image": photo, "garment_image": garment, "return_base64": True}
    body = {"model_name": "tryon-v1.6", "inputs": inputs}
    hook = {"webhook_url": "https://hooks.invalid/hook"}
    job_id = client.post("/v1/run", params=hook, headers=bearer, json=body).json()["id"]

    def outbox() -> list[str]:
        with ctx.db.reader() as session:
            return list(session.scalars(select(WebhookDelivery.payload).where(WebhookDelivery.job_id == job_id)))

    [payload] = wait_until(outbox, 30, "the job to close and write its webhook")
    assert "data:image/png;base64," in payload
    with ctx.db.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert reap(ctx) == 1
    assert outbox() == [""]
    assert client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()["error"]["code"] == "expired"


def test_a_job_stored_in_a_folder_of_its_own_stays_readable_and_is_reaped(
    client: TestClient, customer: Customer
) -> None:
    """Jobs accepted before the flat keys keep `jobs/<id>/…` in their rows: their links still
    work, and the reaper deletes that folder as it deletes a new job's flat files."""
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    job_id = finished_job(client, customer)["job_id"]
    blobs = ctx.settings.data_dir / "blobs"
    folder = blobs / "jobs" / job_id
    folder.mkdir()
    moved: dict[str, str] = {}

    def legacy(key: str) -> str:
        if key not in moved:
            name = key.removeprefix(job_prefixes(job_id)[0])
            (blobs / key).rename(folder / name)
            moved[key] = f"jobs/{job_id}/{name}"
        return moved[key]

    with ctx.db.session() as session:
        row = session.get(Job, job_id)
        assert row is not None and row.person_key is not None
        row.person_key = legacy(row.person_key)
        row.stored_options = {**row.stored_options, "garment_keys": [legacy(k) for k in row.options.garment_keys]}
        for item in row.items:
            item.garment_key = legacy(item.garment_key) if item.garment_key else None
            item.output_key = legacy(item.output_key) if item.output_key else None
    assert sorted(p.name.partition("-")[0] for p in folder.iterdir()) == ["garment", "output", "person.jpeg"]
    assert not list(blobs.glob(job_prefixes(job_id)[0] + "*"))

    status = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()
    link = status["output_url"].removeprefix("http://testserver")
    assert link.startswith(f"/files/jobs/{job_id}/output-0-")
    assert client.get(link).status_code == 200
    with ctx.db.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert reap(ctx) == 1
    assert not folder.exists()
    assert client.get(link).status_code == 404
