"""Storefront use: CORS per configured origin (off by default) and publishable keys, which only make
try-ons and read their own jobs, at their own rate limit."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from fitroom import accounts
from fitroom.db import Database
from fitroom.settings import Settings
from fitroom.web.auth import _KEY
from tests.support.app import Customer, running_app
from tests.support.images import garment_photo, person_photo

PERSON = person_photo((120, 160))
GARMENT = garment_photo()
SHOP = "https://shop.example"


def publishable_key(settings: Settings, customer: Customer) -> str:
    db = Database(settings.resolved_database_url)
    try:
        with db.session() as session:
            account = accounts.get_account(session, customer.email)
            return accounts.create_key(session, account, "storefront", kind=accounts.PUBLISHABLE)
    finally:
        db.dispose()


def generate(client: TestClient, key: str) -> Any:
    files = [("person_image", ("p.jpg", PERSON, "image/jpeg")), ("garment_image", ("g.png", GARMENT, "image/png"))]
    return client.post("/api/v1/generate", headers={"X-API-Key": key}, files=files)


def preflight(client: TestClient, origin: str) -> Any:
    return client.options(
        "/api/v1/generate",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-api-key",
        },
    )


def test_cors_is_off_by_default(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0) as (client, customer):
        assert "access-control-allow-origin" not in preflight(client, SHOP).headers
        answer = client.get("/api/v1/jobs", headers={**customer.headers, "Origin": SHOP})
        assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers


def test_cors_allows_only_the_configured_origins(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0, cors_origins=[SHOP]) as (client, customer):
        allowed = preflight(client, SHOP)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == SHOP
        assert "x-api-key" in allowed.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-credentials" not in allowed.headers
        assert "access-control-allow-origin" not in preflight(client, "https://evil.example").headers
        answer = client.get("/api/v1/jobs", headers={**customer.headers, "Origin": SHOP})
        assert answer.headers["access-control-allow-origin"] == SHOP
        exposed = answer.headers["access-control-expose-headers"].lower()
        assert {"ratelimit-remaining", "idempotent-replayed", "x-request-id"} <= set(exposed.split(", "))


def test_a_publishable_key_makes_try_ons_and_reads_only_its_own_jobs(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0) as (client, customer):
        key = publishable_key(client.app.state.ctx.settings, customer)  # type: ignore[attr-defined]
        assert key.startswith("frpk_")
        server_job = generate(client, customer.key).json()["job_id"]
        made = generate(client, key)
        assert made.status_code == 202, made.text
        shop_job = made.json()["job_id"]

        own = client.get(f"/api/v1/jobs/{shop_job}", headers={"X-API-Key": key})
        assert own.status_code == 200 and own.json()["credits_remaining"] is None
        assert client.get(f"/api/v1/jobs/{shop_job}", headers=customer.headers).json()["credits_remaining"] == 98
        assert client.get(f"/api/v1/virtual-try-on/{shop_job}", headers={"X-API-Key": key}).status_code == 200
        assert client.get(f"/v1/status/{shop_job}", headers={"Authorization": f"Bearer {key}"}).status_code == 200
        for path in (f"/api/v1/jobs/{server_job}", f"/api/v1/virtual-try-on/{server_job}"):
            assert client.get(path, headers={"X-API-Key": key}).json()["error"]["code"] == "not_found"
        assert client.get(f"/v1/status/{server_job}", headers={"Authorization": f"Bearer {key}"}).status_code == 404

        listed = client.get("/api/v1/jobs", headers={"X-API-Key": key}).json()["jobs"]
        assert [job["job_id"] for job in listed] == [shop_job]
        everything = client.get("/api/v1/jobs", headers=customer.headers).json()["jobs"]
        assert [job["job_id"] for job in everything] == [shop_job, server_job]


def test_a_publishable_key_never_sees_credits(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0) as (client, customer):
        key = publishable_key(client.app.state.ctx.settings, customer)  # type: ignore[attr-defined]
        refused = client.get("/v1/credits", headers={"Authorization": f"Bearer {key}"})
        assert refused.status_code == 403
        assert refused.json()["code"] == "forbidden" and "total" not in refused.text
        inputs = {
            "model_image": "data:image/jpeg;base64," + base64.b64encode(PERSON).decode(),
            "garment_image": "data:image/png;base64," + base64.b64encode(GARMENT).decode(),
        }
        run = client.post(
            "/v1/run", headers={"Authorization": f"Bearer {key}"}, json={"model_name": "tryon-v1.6", "inputs": inputs}
        )
        assert run.status_code == 200, run.text


def test_a_publishable_key_has_its_own_rate_limit(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0, rate_limit="100/minute", publishable_rate_limit="2/minute") as (
        client,
        customer,
    ):
        key = publishable_key(client.app.state.ctx.settings, customer)  # type: ignore[attr-defined]
        answers = [client.get("/api/v1/jobs", headers={"X-API-Key": key}) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[0].headers["ratelimit-limit"] == "2"
        server = client.get("/api/v1/jobs", headers=customer.headers)
        assert server.status_code == 200 and server.headers["ratelimit-remaining"] == "99"


def test_a_publishable_key_cannot_claim_the_dashboard_account(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0) as (client, customer):
        key = publishable_key(client.app.state.ctx.settings, customer)  # type: ignore[attr-defined]
        db = client.app.state.ctx.db  # type: ignore[attr-defined]
        with db.reader() as session:
            found = accounts.authenticate_key(session, key)
            assert found is not None and found[0].publishable
            secret_tagged = "fr_" + key.removeprefix("frpk_")
            assert accounts.authenticate_key(session, secret_tagged) is None
        assert _KEY.fullmatch(key) is None and _KEY.fullmatch(customer.key) is not None
