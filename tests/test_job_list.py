"""The job list: newest first, keyset pages, a status filter, one account's unexpired jobs only."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from fitroom.db import utcnow
from fitroom.db.models import Job
from tests.support.app import Customer, make_customer, running_app
from tests.support.images import garment_photo, person_photo

PERSON = person_photo((120, 160))
GARMENT = garment_photo()


@pytest.fixture
def app(tmp_path: Path, database_url: str) -> Iterator[tuple[TestClient, Customer]]:
    """An app with no workers, so jobs stay where the test puts them."""
    with running_app(tmp_path, database_url, workers=0) as made:
        yield made


def make_job(client: TestClient, customer: Customer, **fields: str) -> str:
    files = [("person_image", ("p.jpg", PERSON, "image/jpeg")), ("garment_image", ("g.png", GARMENT, "image/png"))]
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data=fields)
    assert answer.status_code == 202, answer.text
    return str(answer.json()["job_id"])


def pages(client: TestClient, customer: Customer, **params: Any) -> list[list[str]]:
    """Every page of the list, as job ids, following next_cursor to the end."""
    found: list[list[str]] = []
    cursor = None
    while True:
        answer = client.get(
            "/api/v1/jobs", headers=customer.headers, params={**params, **({"cursor": cursor} if cursor else {})}
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        found.append([job["job_id"] for job in body["jobs"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return found
        assert len(found) < 50


def set_jobs(client: TestClient, job_ids: list[str], **values: Any) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    with ctx.db.session() as session:
        session.execute(update(Job).where(Job.id.in_(job_ids)).values(**values))


def test_pages_run_newest_first_and_show_each_job_once(app: tuple[TestClient, Customer]) -> None:
    client, customer = app
    made = [make_job(client, customer) for _ in range(5)]
    assert pages(client, customer, limit=2) == [made[::-1][0:2], made[::-1][2:4], made[::-1][4:]]
    assert pages(client, customer) == [made[::-1]]


def test_jobs_made_in_the_same_instant_are_paged_by_id(app: tuple[TestClient, Customer]) -> None:
    client, customer = app
    made = [make_job(client, customer) for _ in range(4)]
    set_jobs(client, made, created_at=utcnow())
    listed = pages(client, customer, limit=1)
    assert [page for page in listed if page] == [[job] for job in sorted(made, reverse=True)]


def test_an_entry_summarises_the_job(app: tuple[TestClient, Customer]) -> None:
    client, customer = app
    job_id = make_job(client, customer, tier="pro", swap_target="top")
    entry = client.get("/api/v1/jobs", headers=customer.headers).json()["jobs"][0]
    status = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()
    assert entry == {
        "job_id": job_id,
        "status": "queued",
        "progress": 0,
        "dialect": "virtufit",
        "tier": "pro",
        "swap_target": "top",
        "output_urls": [],
        "error": None,
        "created_at": status["created_at"],
        "completed_at": None,
        "expires_at": status["expires_at"],
        "status_url": f"http://testserver/api/v1/jobs/{job_id}",
    }


def test_the_status_filter(app: tuple[TestClient, Customer]) -> None:
    client, customer = app
    made = [make_job(client, customer) for _ in range(4)]
    set_jobs(client, made[:2], status="failed", error_code="engine_error", completed_at=utcnow())
    failed = client.get("/api/v1/jobs", headers=customer.headers, params={"status": "failed"}).json()["jobs"]
    assert [job["job_id"] for job in failed] == made[:2][::-1]
    assert failed[0]["error"]["code"] == "engine_error"
    assert pages(client, customer, status="queued", limit=1)[:2] == [[made[3]], [made[2]]]
    assert pages(client, customer, status="completed") == [[]]


def test_only_the_accounts_own_unexpired_jobs_are_listed(app: tuple[TestClient, Customer]) -> None:
    client, customer = app
    other = make_customer(client.app.state.ctx.settings)  # type: ignore[attr-defined]
    mine = [make_job(client, customer) for _ in range(3)]
    theirs = [make_job(client, other) for _ in range(2)]
    set_jobs(client, mine[:1], expires_at=utcnow())
    assert pages(client, customer) == [mine[1:][::-1]]
    assert pages(client, other) == [theirs[::-1]]
    their_cursor = client.get("/api/v1/jobs", headers=other.headers, params={"limit": 1}).json()["next_cursor"]
    via_their_cursor = client.get("/api/v1/jobs", headers=customer.headers, params={"cursor": their_cursor}).json()
    assert not set(job["job_id"] for job in via_their_cursor["jobs"]) & set(theirs)


def test_every_dialects_jobs_are_listed(app: tuple[TestClient, Customer]) -> None:
    client, customer = app
    make_job(client, customer)
    files = [("humanImage", ("h.jpg", PERSON, "image/jpeg")), ("clothImage", ("c.png", GARMENT, "image/png"))]
    client.post("/api/v1/virtual-try-on", headers=customer.headers, files=files, data={"garmentType": "upper_body"})
    listed = client.get("/api/v1/jobs", headers=customer.headers).json()["jobs"]
    assert [(job["dialect"], job["swap_target"]) for job in listed] == [("miragic", "top"), ("virtufit", "full_outfit")]


def forged(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not a cursor"},
        {"cursor": forged(["2026-01-01T00:00:00", "7d1c6f0e-4b1a-4c55-9a0e-2f3b8d9c1e42"])},
        {"cursor": forged(["2026-01-01T00:00:00+00:00", "x'; drop table jobs; --"])},
        {"cursor": forged({"a": 1})},
        {"cursor": "A" * 5000},
        {"cursor": "%00"},
        {"limit": "0"},
        {"limit": "101"},
        {"status": "expired"},
    ],
    ids=["text", "naive-time", "bad-id", "object", "long", "nul", "limit-0", "limit-101", "status"],
)
def test_bad_parameters_are_invalid_requests(app: tuple[TestClient, Customer], params: dict[str, str]) -> None:
    client, customer = app
    answer = client.get("/api/v1/jobs", headers=customer.headers, params=params)
    assert answer.status_code == 400, answer.text
    assert answer.json()["success"] is False
    assert answer.json()["error"]["code"] == "invalid_request"
    assert answer.json()["error"]["field"] == next(iter(params))


def test_the_list_needs_a_key(app: tuple[TestClient, Customer]) -> None:
    client, _ = app
    assert client.get("/api/v1/jobs").json()["error"]["code"] == "missing_api_key"


def test_the_list_is_in_the_openapi_document(app: tuple[TestClient, Customer]) -> None:
    client, _ = app
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/jobs"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"status", "limit", "cursor"}
    assert "next_cursor" in json.dumps(operation["responses"]["200"])
