"""Authentication and tenancy: who may call what, and whose data they can reach.

Every authenticated endpoint of every dialect refuses missing, malformed, revoked and
near-miss keys with 401 in its own envelope; another account's jobs are 404 in every
dialect, answered exactly like ids that never existed; job ids cannot be guessed from
one another; signed file links cannot be altered, extended or moved to another file;
keys and link signatures are compared in constant time, keys are stored only as hashes;
and no key or secret reaches the logs of a server running at DEBUG.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from fitroom import accounts
from fitroom.db import Database, utcnow
from fitroom.db.models import ApiKey
from fitroom.settings import Settings
from fitroom.storage.keys import job_blob
from tests.support.app import TEST_ENGINE, Customer, make_customer
from tests.support.images import garment_photo, person_photo
from tests.support.process import fitroom_serve
from tests.support.waiting import wait_until

PHOTOS = [
    ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
    ("garment_image", ("g.png", garment_photo(), "image/png")),
]
MIRAGIC_PHOTOS = [
    ("humanImage", ("p.jpg", person_photo(), "image/jpeg")),
    ("clothImage", ("g.png", garment_photo(), "image/png")),
]
UNKNOWN_JOB = "7d1c6f0e-4b1a-4c55-9a0e-2f3b8d9c1e42"


def fashn_run_body() -> dict[str, Any]:
    return {"model_name": "tryon-v1.6", "inputs": {"model_image": "data:,x", "garment_image": "data:,x"}}


#: Every authenticated endpoint: (dialect, how the key is sent, method, path, request keyword arguments).
ENDPOINTS: list[tuple[str, str, str, str, Callable[[], dict[str, Any]]]] = [
    ("virtufit", "header", "POST", "/api/v1/generate", lambda: {"files": PHOTOS}),
    ("virtufit", "header", "GET", f"/api/v1/jobs/{UNKNOWN_JOB}", dict),
    ("miragic", "header", "POST", "/api/v1/virtual-try-on", lambda: {"files": MIRAGIC_PHOTOS}),
    ("miragic", "header", "GET", f"/api/v1/virtual-try-on/{UNKNOWN_JOB}", dict),
    ("fashn", "bearer", "POST", "/v1/run", lambda: {"json": fashn_run_body()}),
    ("fashn", "bearer", "GET", f"/v1/status/{UNKNOWN_JOB}", dict),
    ("fashn", "bearer", "GET", "/v1/credits", dict),
]


def error_of(dialect: str, answer: Any) -> dict[str, Any]:
    """The error detail, after checking the dialect's envelope."""
    body = answer.json()
    if dialect == "fashn":
        assert isinstance(body["error"], str), body
        return body  # type: ignore[no-any-return]
    assert body["success"] is False, body
    if dialect == "miragic":
        assert body["message"] == body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


def bad_credentials(customer: Customer, revoked: Customer, how: str) -> dict[str, tuple[dict[str, Any], str]]:
    """Headers that must not authenticate, each with the code it must get."""
    prefix, secret = customer.key.split("_", 2)[1:]

    def send(key: str | bytes) -> dict[str, Any]:
        if how == "header":
            return {"X-API-Key": key}
        return {"Authorization": b"Bearer " + key if isinstance(key, bytes) else f"Bearer {key}"}

    wrong_place = {"Authorization": f"Bearer {customer.key}"} if how == "header" else {"X-API-Key": customer.key}
    near_miss = f"fr_{prefix}_{secret[:-1]}{'A' if secret[-1] != 'A' else 'B'}"
    return {
        "no key": ({}, "missing_api_key"),
        "empty key": (send(""), "missing_api_key"),
        "key in the other dialect's header": (wrong_place, "missing_api_key"),
        "garbage": (send("garbage"), "invalid_api_key"),
        "bare prefix": (send("fr_"), "invalid_api_key"),
        "empty parts": (send("fr__"), "invalid_api_key"),
        "right prefix, no secret": (send(f"fr_{prefix}_"), "invalid_api_key"),
        "right prefix, one character off": (send(near_miss), "invalid_api_key"),
        "truncated": (send(customer.key[:-5]), "invalid_api_key"),
        "extended": (send(customer.key + "x"), "invalid_api_key"),
        "8 kB long": (send("fr_" + "a" * 8192), "invalid_api_key"),
        "latin-1 bytes": (send(b"fr_\xe9\xe9_\xff"), "invalid_api_key"),
        "revoked": (send(revoked.key), "invalid_api_key"),
    }


def revoked_customer(settings: Settings) -> Customer:
    revoked = make_customer(settings)
    db = Database(settings.resolved_database_url)
    with db.session() as session:
        accounts.revoke_key(session, revoked.key.split("_")[1])
    db.dispose()
    return revoked


@pytest.mark.parametrize(
    ("dialect", "how", "method", "path", "request_args"), ENDPOINTS, ids=[f"{e[2]} {e[3]}" for e in ENDPOINTS]
)
def test_every_authenticated_endpoint_refuses_bad_keys(
    settings: Settings,
    client: TestClient,
    customer: Customer,
    dialect: str,
    how: str,
    method: str,
    path: str,
    request_args: Callable[[], dict[str, Any]],
) -> None:
    revoked = revoked_customer(settings)
    wrong = []
    for name, (headers, code) in bad_credentials(customer, revoked, how).items():
        answer = client.request(method, path, headers=headers, **request_args())
        detail = error_of(dialect, answer) if answer.status_code == 401 else {}
        if (answer.status_code, detail.get("code")) != (401, code):
            wrong.append(f"{name}: {answer.status_code} {answer.text[:200]}")
    assert not wrong, "\n".join(wrong)
    good = {"X-API-Key": customer.key} if how == "header" else {"Authorization": f"Bearer {customer.key}"}
    assert client.request(method, path, headers=good, **request_args()).status_code != 401


def test_near_misses_and_unknown_keys_get_the_same_answer(client: TestClient, customer: Customer) -> None:
    """The answer does not tell an attacker that a prefix exists."""
    prefix = customer.key.split("_")[1]
    near_miss, unknown = (
        without_request_id(client.get("/v1/credits", headers={"Authorization": f"Bearer {key}"}).json())
        for key in (f"fr_{prefix}_{'x' * 43}", f"fr_{'0' * 8}_{'x' * 43}")
    )
    assert near_miss == unknown and near_miss["code"] == "invalid_api_key"


def make_jobs(client: TestClient, customer: Customer) -> list[str]:
    """One job through each dialect."""
    bearer = {"Authorization": f"Bearer {customer.key}"}
    virtufit = client.post("/api/v1/generate", headers=customer.headers, files=PHOTOS).json()["job_id"]
    miragic = client.post(
        "/api/v1/virtual-try-on", headers=customer.headers, files=MIRAGIC_PHOTOS, data={"garmentType": "upper_body"}
    ).json()["data"]["jobId"]
    photo = "data:image/jpeg;base64," + base64.b64encode(person_photo()).decode()
    inputs = {"model_image": photo, "garment_image": photo}
    fashn = client.post("/v1/run", headers=bearer, json={"model_name": "tryon-v1.6", "inputs": inputs}).json()["id"]
    return [virtufit, miragic, fashn]


STATUS_PATHS = [("virtufit", "/api/v1/jobs/{}"), ("miragic", "/api/v1/virtual-try-on/{}"), ("fashn", "/v1/status/{}")]


def read(client: TestClient, customer: Customer, path: str, job_id: str) -> Any:
    return client.get(path.format(job_id), headers={**customer.headers, "Authorization": f"Bearer {customer.key}"})


def without_request_id(body: Any) -> Any:
    if isinstance(body, dict):
        return {k: without_request_id(v) for k, v in body.items() if k != "request_id"}
    return body


def test_another_accounts_jobs_are_answered_like_jobs_that_never_existed(
    settings: Settings, client: TestClient, customer: Customer
) -> None:
    stranger = make_customer(settings, balance=7)
    for job_id in make_jobs(client, customer):
        for dialect, path in STATUS_PATHS:
            assert read(client, customer, path, job_id).status_code == 200
            theirs, never = read(client, stranger, path, job_id), read(client, stranger, path, UNKNOWN_JOB)
            assert theirs.status_code == never.status_code == 404
            assert error_of(dialect, theirs)["code"] == "not_found"
            assert without_request_id(theirs.json()) == without_request_id(never.json())
            assert set(theirs.headers) - {"x-request-id"} == set(never.headers) - {"x-request-id"}
    credits = client.get("/v1/credits", headers={"Authorization": f"Bearer {stranger.key}"}).json()
    assert credits["credits"]["total"] == 7


def neighbours(job_id: str) -> list[str]:
    """Ids a client could try from one it knows: changed digits, other spellings, fragments."""
    last = "0" if job_id[-1] != "0" else "1"
    first = "0" if job_id[0] != "0" else "1"
    return [
        job_id[:-1] + last,
        first + job_id[1:],
        job_id.upper(),
        job_id.replace("-", ""),
        "{" + job_id + "}",
        f"urn:uuid:{job_id}",
        job_id[:-1],
        job_id + "0",
        job_id[:8],
    ]


def test_job_ids_are_random_and_cannot_be_enumerated(client: TestClient, customer: Customer) -> None:
    ids = [client.post("/api/v1/generate", headers=customer.headers, files=PHOTOS).json()["job_id"] for _ in range(8)]
    ids += make_jobs(client, customer)
    assert all(uuid.UUID(job_id).version == 4 for job_id in ids), "ids are random (uuid4), not counters or times"
    assert len({job_id[:8] for job_id in ids}) == len(ids)
    for dialect, path in STATUS_PATHS:
        for guess in neighbours(ids[0]):
            answer = read(client, customer, path, guess)
            assert answer.status_code == 404 and error_of(dialect, answer)["code"] == "not_found", (guess, answer.text)


def finished_output(client: TestClient, customer: Customer) -> tuple[str, str]:
    """A finished job's id and its output link (path and query)."""
    answer = client.post("/api/v1/generate", headers={**customer.headers, "Prefer": "wait=30"}, files=PHOTOS)
    assert answer.status_code == 200, answer.text
    return answer.json()["job_id"], answer.json()["output_url"].removeprefix("http://testserver")


def test_signed_links_cannot_be_altered_extended_or_moved(client: TestClient, customer: Customer) -> None:
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    job_id, link = finished_output(client, customer)
    other_job, other_link = finished_output(client, customer)
    path, _, query = link.partition("?")
    params = dict(httpx.QueryParams(query))
    key = path.removeprefix("/files/")
    assert client.get(link).status_code == 200, "a link needs no key: it is the credential"

    signature, expires = params["signature"], int(params["expires"])
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    forged = {
        "expired (valid signature)": ctx.store.signed_url(key, -5).removeprefix("http://testserver"),
        "expiry extended": f"{path}?expires={expires + 3600}&signature={signature}",
        "expiry far in the future": f"{path}?expires={2**62}&signature={signature}",
        "one hex digit off": f"{path}?expires={expires}&signature={flipped}",
        "upper-case signature": f"{path}?expires={expires}&signature={signature.upper()}",
        "truncated signature": f"{path}?expires={expires}&signature={signature[:32]}",
        "no signature": f"{path}?expires={expires}",
        "nothing": path,
        "moved to the same job's person photo": f"/files/{job_blob(job_id, 'person.jpeg')}?{query}",
        "moved to another job's output": f"{other_link.partition('?')[0]}?{query}",
        "another job's signature": f"{path}?{other_link.partition('?')[2]}",
        "traversal to the signing key": f"/files/jobs/{job_id}/..%2F..%2F..%2Fsecret_key?{query}",
        "traversal, double-encoded": f"/files/jobs/%252e%252e/%252e%252e/secret_key?{query}",
        "absolute path": f"/files//etc/passwd?{query}",
    }
    for name, url in forged.items():
        answer = client.get(url)
        assert answer.status_code == 403, (name, answer.status_code, answer.text[:200])
        assert answer.json()["error"]["code"] == "forbidden"
    assert client.get(other_link).status_code == 200


def test_keys_and_link_signatures_are_compared_in_constant_time(
    settings: Settings, client: TestClient, customer: Customer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key is found by its public prefix and checked by comparing SHA-256 hashes with hmac.compare_digest.

    Comparing hashes, not keys, also means no timing can reveal how much of a guessed secret
    is right. A prefix that does not exist is answered without any comparison: prefixes are
    not secret (they are shown in key listings).
    """
    compared: list[tuple[Any, Any]] = []
    real = hmac.compare_digest

    def recording(a: Any, b: Any) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    db = Database(settings.resolved_database_url)
    prefix = customer.key.split("_")[1]
    with db.reader() as session:
        assert accounts.authenticate_key(session, customer.key) is not None
        assert accounts.authenticate_key(session, f"fr_{prefix}_{'x' * 43}") is None
        assert len(compared) == 2
        assert compared[0] == (hashlib.sha256(customer.key.encode()).hexdigest(),) * 2
        assert all(len(a) == len(b) == 64 and customer.key not in (a, b) for a, b in compared)
        assert accounts.authenticate_key(session, f"fr_{'0' * 8}_{'x' * 43}") is None
        assert len(compared) == 2
        stored = session.scalars(text("SELECT key_hash FROM api_keys")).all()
    db.dispose()
    assert customer.key not in stored and all(len(h) == 64 for h in stored), "keys are stored only as hashes"

    _, link = finished_output(client, customer)
    compared.clear()
    assert client.get(link).status_code == 200
    assert client.get(link[:-1] + ("0" if link[-1] != "0" else "1")).status_code == 403
    checks = [(a, b) for a, b in compared if isinstance(a, bytes)]
    assert len(checks) == 2 and all(len(a) == len(b) == 64 for a, b in checks), checks


def test_database_errors_carry_no_statement_parameters(settings: Settings) -> None:
    """Errors are logged with their message: parameters (secrets, customers' text) stay out of it."""
    marker = f"secret-{uuid.uuid4().hex}"
    db = Database(settings.resolved_database_url)
    try:
        with pytest.raises(IntegrityError) as caught, db.session() as session:
            orphan = ApiKey(account_id=str(uuid.uuid4()), name=marker, prefix="p", key_hash=marker, created_at=utcnow())
            session.add(orphan)
    finally:
        db.dispose()
    assert "[SQL" in str(caught.value) and marker not in str(caught.value)


@pytest.mark.slow
def test_no_key_or_secret_reaches_the_logs(tmp_path: Path, database_url: str) -> None:
    """A server at DEBUG serves every dialect, refuses keys and webhooks: nothing it writes holds a secret."""
    webhook_secret = f"whsec-{uuid.uuid4().hex}"
    with fitroom_serve(
        tmp_path, database_url, TEST_ENGINE, FITROOM_LOG_LEVEL="DEBUG", FITROOM_WEBHOOK_RETRY_SECONDS="[]"
    ) as server:
        customer = make_customer(server.settings)
        bearer = {"Authorization": f"Bearer {customer.key}"}
        fields = {"webhook_url": "https://127.0.0.1:9/hook?token=hook-token-123", "webhook_secret": webhook_secret}
        wait = {**customer.headers, "Prefer": "wait=30"}
        done = httpx.post(f"{server.url}/api/v1/generate", headers=wait, files=PHOTOS, data=fields, timeout=60).json()
        assert httpx.get(done["output_url"]).status_code == 200
        prefix = customer.key.split("_")[1]
        for headers in ({"X-API-Key": f"fr_{prefix}_wrong"}, {"X-API-Key": customer.key + "x"}):
            assert httpx.get(f"{server.url}/api/v1/jobs/{done['job_id']}", headers=headers).status_code == 401
        miragic = httpx.get(f"{server.url}/api/v1/virtual-try-on/{done['job_id']}", headers=customer.headers)
        assert miragic.status_code == 200
        assert httpx.get(f"{server.url}/v1/status/{done['job_id']}", headers=bearer).status_code == 200
        assert httpx.get(f"{server.url}/files/jobs/x?expires=1&signature=forged").status_code == 403

        def hook_failed() -> bool:
            status = httpx.get(f"{server.url}/api/v1/jobs/{done['job_id']}", headers=customer.headers).json()
            return bool(status["webhook"] and status["webhook"]["status"] == "failed")

        wait_until(hook_failed, 30, "the webhook to be refused", 0.1)
    output = server.output.read_text()
    signature = httpx.URL(done["output_url"]).params["signature"]
    secrets = {
        "API key": customer.key,
        "API key secret": customer.key.split("_", 2)[2],
        "webhook secret": webhook_secret,
        "webhook URL token": "hook-token-123",
        "link signature": signature,
        "signing key": "test-secret",
    }
    assert '"level": "debug"' in output and "webhook attempt" in output, "the server logged verbosely"
    assert [name for name, secret in secrets.items() if secret in output] == []
