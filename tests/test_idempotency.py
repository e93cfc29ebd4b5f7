"""Idempotency keys: a retried request answers with the first job, charges once, and is safe under concurrency."""

from __future__ import annotations

import base64
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from fitroom.db import Database
from fitroom.db.models import IdempotencyKey, Job, LedgerEntry
from fitroom.jobs.reaper import reap
from fitroom.jobs.service import ImageInput, JobRequest, submit_once
from tests.support.app import Customer, make_customer, serving
from tests.support.images import garment_photo, person_photo

PERSON = person_photo()
GARMENT = garment_photo()


def generate(client: Any, customer: Customer, key: str | bytes | None, **fields: str) -> Any:
    files = [("person_image", ("p.jpg", PERSON, "image/jpeg")), ("garment_image", ("g.png", GARMENT, "image/png"))]
    headers = {**customer.headers, **({"Idempotency-Key": key} if key is not None else {})}
    return client.post("/api/v1/generate", headers=headers, files=files, data=fields)


def charges(database_url: str, account_id: str) -> tuple[int, int]:
    """The account's jobs and credit reservations, counted in the database."""
    db = Database(database_url)
    try:
        with db.reader() as session:
            jobs = session.scalar(select(func.count(Job.id)).where(Job.account_id == account_id))
            reserves = session.scalar(
                select(func.count(LedgerEntry.id)).where(
                    LedgerEntry.account_id == account_id, LedgerEntry.kind == "reserve"
                )
            )
            return int(jobs or 0), int(reserves or 0)
    finally:
        db.dispose()


def test_a_virtufit_repeat_answers_with_the_first_job_and_charges_once(client: TestClient, customer: Customer) -> None:
    first = generate(client, customer, "order-1234", tier="pro")
    again = generate(client, customer, "order-1234", tier="pro")
    assert first.status_code == again.status_code == 202, again.text
    assert again.json()["job_id"] == first.json()["job_id"]
    assert again.json()["credits_required"] == first.json()["credits_required"] == 3
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert charges(client.app.state.ctx.settings.resolved_database_url, customer.account_id) == (1, 1)  # type: ignore[attr-defined]


def test_the_same_key_with_another_body_is_a_conflict_in_each_dialect(client: TestClient, customer: Customer) -> None:
    assert generate(client, customer, "k1", tier="basic").status_code == 202
    conflict = generate(client, customer, "k1", tier="nano")
    assert conflict.status_code == 422
    assert conflict.json() == {
        "success": False,
        "error": {
            "code": "idempotency_conflict",
            "message": "this Idempotency-Key was already used with a different request",
            "field": "Idempotency-Key",
            "request_id": conflict.headers["x-request-id"],
        },
    }

    def miragic(garment_type: str) -> Any:
        files = [("humanImage", ("h.jpg", PERSON, "image/jpeg")), ("clothImage", ("c.png", GARMENT, "image/png"))]
        headers = {**customer.headers, "Idempotency-Key": "k2"}
        return client.post("/api/v1/virtual-try-on", headers=headers, files=files, data={"garmentType": garment_type})

    made, repeat, other = miragic("upper_body"), miragic("upper_body"), miragic("lower_body")
    assert made.status_code == repeat.status_code == 200
    assert repeat.json()["data"]["jobId"] == made.json()["data"]["jobId"]
    assert repeat.json()["data"]["createdAt"] == made.json()["data"]["createdAt"]
    assert other.status_code == 422
    assert other.json()["success"] is False and other.json()["error"]["code"] == "idempotency_conflict"
    assert other.json()["message"] == other.json()["error"]["message"]

    def fashn(category: str) -> Any:
        inputs = {
            "model_image": "data:image/jpeg;base64," + base64.b64encode(PERSON).decode(),
            "garment_image": "data:image/png;base64," + base64.b64encode(GARMENT).decode(),
            "category": category,
        }
        headers = {"Authorization": f"Bearer {customer.key}", "Idempotency-Key": "k3"}
        return client.post("/v1/run", headers=headers, json={"model_name": "tryon-v1.6", "inputs": inputs})

    made, repeat, other = fashn("tops"), fashn("tops"), fashn("bottoms")
    assert made.status_code == repeat.status_code == 200
    assert repeat.json() == made.json()
    assert other.status_code == 422
    assert other.json()["error"] == "BadRequest" and other.json()["code"] == "idempotency_conflict"
    assert charges(client.app.state.ctx.settings.resolved_database_url, customer.account_id) == (3, 3)  # type: ignore[attr-defined]


def test_a_key_used_through_another_dialect_is_a_conflict(client: TestClient, customer: Customer) -> None:
    assert generate(client, customer, "shared", swap_target="top").status_code == 202
    files = [("humanImage", ("h.jpg", PERSON, "image/jpeg")), ("clothImage", ("c.png", GARMENT, "image/png"))]
    answer = client.post(
        "/api/v1/virtual-try-on",
        headers={**customer.headers, "Idempotency-Key": "shared"},
        files=files,
        data={"garmentType": "upper_body"},
    )
    assert answer.status_code == 422, answer.text


def test_keys_belong_to_one_account(client: TestClient, customer: Customer) -> None:
    other = make_customer(client.app.state.ctx.settings)  # type: ignore[attr-defined]
    mine = generate(client, customer, "same-key").json()["job_id"]
    theirs = generate(client, other, "same-key")
    assert theirs.status_code == 202 and theirs.json()["job_id"] != mine
    assert "idempotent-replayed" not in theirs.headers


def test_without_a_key_every_request_makes_a_job(client: TestClient, customer: Customer) -> None:
    assert generate(client, customer, None).json()["job_id"] != generate(client, customer, None).json()["job_id"]


def test_a_key_that_cannot_be_one_is_refused(client: TestClient, customer: Customer) -> None:
    for key in ("", "x" * 256, "caf\u00e9".encode("latin-1")):
        answer = generate(client, customer, key)
        assert answer.status_code == 400, (key, answer.text)
        assert answer.json()["error"]["field"] == "Idempotency-Key"
    assert charges(client.app.state.ctx.settings.resolved_database_url, customer.account_id) == (0, 0)  # type: ignore[attr-defined]


def test_a_failed_request_does_not_take_the_key(client: TestClient, customer: Customer) -> None:
    poor = make_customer(client.app.state.ctx.settings, balance=2)  # type: ignore[attr-defined]
    assert generate(client, poor, "retry-me", tier="pro").status_code == 402
    assert generate(client, poor, "retry-me", tier="basic").status_code == 202


def test_keys_are_kept_24_hours_then_pruned_by_the_reaper(client: TestClient, customer: Customer) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    first = generate(client, customer, "daily").json()["job_id"]
    with ctx.db.reader() as session:
        record = session.scalar(select(IdempotencyKey).where(IdempotencyKey.key == "daily"))
        assert record is not None and record.job_id == first
        assert (record.expires_at - record.created_at).total_seconds() == 24 * 3600
    reap(ctx)
    assert generate(client, customer, "daily").json()["job_id"] == first
    with ctx.db.session() as session:
        session.execute(update(IdempotencyKey).values(expires_at=record.created_at))
    reap(ctx)
    with ctx.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(IdempotencyKey)) == 0
    assert generate(client, customer, "daily").json()["job_id"] != first


def test_an_expired_key_not_yet_pruned_is_free_again(client: TestClient, customer: Customer) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    first = generate(client, customer, "old", tier="nano").json()["job_id"]
    with ctx.db.session() as session:
        session.execute(update(IdempotencyKey).values(expires_at=IdempotencyKey.created_at))
    again = generate(client, customer, "old", tier="pro")
    assert again.status_code == 202 and again.json()["job_id"] != first


def test_twenty_concurrent_repeats_make_one_job_and_one_charge(tmp_path: Path, database_url: str) -> None:
    with serving(tmp_path, database_url, workers=0) as server:
        customer = make_customer(server.settings, balance=5)
        start = threading.Barrier(20)

        def post(_: int) -> httpx.Response:
            files = [
                ("person_image", ("p.jpg", PERSON, "image/jpeg")),
                ("garment_image", ("g.png", GARMENT, "image/png")),
            ]
            headers = {**customer.headers, "Idempotency-Key": "burst"}
            start.wait()
            return httpx.post(f"{server.url}/api/v1/generate", headers=headers, files=files, timeout=60)

        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(post, range(20)))
        assert [a.status_code for a in answers] == [202] * 20, [a.text for a in answers if a.status_code != 202]
        assert len({a.json()["job_id"] for a in answers}) == 1
        assert sum(a.headers.get("idempotent-replayed") == "true" for a in answers) == 19
        assert charges(server.settings.resolved_database_url, customer.account_id) == (1, 1)
        blobs = server.settings.data_dir / "blobs" / "jobs"
        stored = [p.name for p in blobs.rglob("*") if p.is_file()]
        assert len(stored) == 2 and all(name.startswith(answers[0].json()["job_id"]) for name in stored)


def test_concurrent_repeats_in_the_job_service_make_one_job(client: TestClient, customer: Customer) -> None:
    """The same race below the HTTP layer: each call past the first replays, none reserves credits."""
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    request = JobRequest(dialect="virtufit", person=ImageInput(PERSON, "jpeg"), garments=[ImageInput(GARMENT, "png")])
    start = threading.Barrier(8)

    def once(_: int) -> tuple[str, bool]:
        start.wait()
        done = submit_once(ctx, customer.account_id, request, "service-burst")
        return done.job.id, done.replayed

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(once, range(8)))
    assert len({job_id for job_id, _ in results}) == 1
    assert sorted(replayed for _, replayed in results) == [False] + [True] * 7
    assert charges(ctx.settings.resolved_database_url, customer.account_id) == (1, 1)
