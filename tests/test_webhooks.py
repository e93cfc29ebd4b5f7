"""Webhooks end to end: a real HTTPS receiver on 127.0.0.1, signatures, retries, the SSRF guard, restarts.

The receiver's certificate is self-signed, made by `openssl` for this test run, and
trusted through `webhook_ca_file`. Signatures are verified here by hand, independently
of fitroom's signing code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from fitroom.context import Context
from fitroom.db import Database, utcnow
from fitroom.db.models import Job, WebhookDelivery
from fitroom.jobs import queue, webhooks
from fitroom.jobs.service import ImageInput, JobRequest, submit
from fitroom.settings import Settings
from tests.support.app import Customer, make_customer, running_app
from tests.support.images import flat_photo, garment_photo, person_photo
from tests.support.servers import in_thread
from tests.support.waiting import wait_until

FAST = [0.2, 0.4, 0.8]
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
COMPLETED_FIELDS = [
    "event",
    "job_id",
    "status",
    "output_urls",
    "output_url",
    "tier",
    "credits_used",
    "credits_remaining",
    "processing_ms",
    "timestamp",
]
FAILED_FIELDS = ["event", "job_id", "status", "error", "credits_used", "attempts", "timestamp"]


@dataclass(frozen=True)
class Cert:
    cert: Path
    key: Path


@pytest.fixture(scope="session")
def tls_cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    """A self-signed certificate for 127.0.0.1, made with the openssl command line."""
    folder = tmp_path_factory.mktemp("tls")
    cert = Cert(folder / "cert.pem", folder / "key.pem")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(cert.key),
            "-out",
            str(cert.cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert


@dataclass
class Hit:
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    at: float  # time.monotonic() on arrival


class Handler(BaseHTTPRequestHandler):
    server: Receiver
    timeout = 5

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = self.server.answer(self.path)
        self.server.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()))
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", "/other")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


class Receiver(ThreadingHTTPServer):
    """Answers POSTs to a path with that path's statuses in turn (the last one repeats)."""

    daemon_threads = False
    block_on_close = True

    def __init__(self, answers: dict[str, list[int]], cert: Cert | None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers = {path: list(statuses) for path, statuses in answers.items()}
        self.hits: list[Hit] = []
        self.scheme = "http"
        if cert is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert.cert, cert.key)
            self.socket = context.wrap_socket(self.socket, server_side=True)
            self.scheme = "https"

    def answer(self, path: str) -> int:
        statuses = self.answers.get(path, [404])
        return statuses.pop(0) if len(statuses) > 1 else statuses[0]

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str = "/hook") -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"


@contextmanager
def receiving(answers: dict[str, list[int]], cert: Cert | None) -> Iterator[Receiver]:
    receiver = Receiver(answers, cert)
    with in_thread(receiver):
        yield receiver


@contextmanager
def hooked_app(
    tmp_path: Path, database_url: str, cert: Cert, **overrides: Any
) -> Iterator[tuple[TestClient, Customer]]:
    """An app that trusts the test certificate and may reach 127.0.0.1, with a fast retry schedule."""
    values = {"allow_private_urls": True, "webhook_ca_file": cert.cert, "webhook_retry_seconds": FAST, **overrides}
    with running_app(tmp_path, database_url, **values) as (client, customer):
        yield client, customer


def generate(
    client: TestClient, customer: Customer, url: str, secret: str | None = None, person: bytes | None = None
) -> str:
    files = [
        ("person_image", ("p.jpg", person or person_photo(), "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    data = {"webhook_url": url} | ({"webhook_secret": secret} if secret else {})
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data=data)
    assert answer.status_code == 202, answer.text
    return str(answer.json()["job_id"])


def settled_status(client: TestClient, customer: Customer, job_id: str, timeout: float = 20) -> dict[str, Any]:
    """The job status once its webhook is delivered or has failed for good."""

    def ready() -> dict[str, Any] | None:
        body: dict[str, Any] = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()
        hook = body["webhook"]
        return body if hook and hook["status"] in ("delivered", "failed") else None

    return wait_until(ready, timeout, "the webhook to settle")  # type: ignore[no-any-return]


def delivery(database_url: str, job_id: str) -> WebhookDelivery:
    db = Database(database_url)
    try:
        with db.reader() as session:
            [row] = session.scalars(select(WebhookDelivery).where(WebhookDelivery.job_id == job_id)).all()
            return row
    finally:
        db.dispose()


def standard_webhooks_valid(headers: dict[str, str], body: bytes, secret: str) -> bool:
    """Verification as the Standard Webhooks spec describes it, written here independently."""
    key = base64.b64decode(secret[len("whsec_") :]) if secret.startswith("whsec_") else secret.encode()
    content = b".".join([headers["webhook-id"].encode(), headers["webhook-timestamp"].encode(), body])
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    given = [part.split(",", 1) for part in headers["webhook-signature"].split(" ")]
    return any(version == "v1" and hmac.compare_digest(sig, expected) for version, sig in given)


def virtufit_valid(headers: dict[str, str], body: bytes, secret: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return headers["x-virtufit-signature"] == expected


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:])]


def test_completed_event_is_signed_and_matches_the_seed(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    secret = "s3cret, as a VirtuFit client sends it"
    with (
        receiving({"/hook": [200]}, tls_cert) as receiver,
        hooked_app(tmp_path, database_url, tls_cert) as (client, customer),
    ):
        job_id = generate(client, customer, receiver.url(), secret)
        status = settled_status(client, customer, job_id)
        [hit] = receiver.hits
        payload = json.loads(hit.body)
        image = client.get(urlsplit(payload["output_url"])._replace(scheme="", netloc="").geturl())
    row = delivery(database_url, job_id)

    hook = status["webhook"]
    assert hook["status"] == "delivered" and hook["attempts"] == 1
    assert hook["last_status_code"] == 200 and hook["last_error"] is None and hook["delivered_at"]
    assert hit.path == "/hook" and hit.headers["content-type"] == "application/json"
    assert list(payload) == COMPLETED_FIELDS
    assert payload["event"] == "tryon.completed" and payload["job_id"] == job_id and payload["status"] == "completed"
    assert payload["output_urls"] == [payload["output_url"]] and payload["tier"] == "basic"
    assert payload["credits_used"] == 1 and payload["credits_remaining"] == 99
    assert payload["processing_ms"] == status["processing_time_ms"]
    assert ISO_Z.match(payload["timestamp"])
    assert image.status_code == 200 and image.content[:3] == b"\xff\xd8\xff"
    expires = int(parse_qs(urlsplit(payload["output_url"]).query)["expires"][0])
    assert abs(expires - (time.time() + 3600)) < 120, "output URLs live output_url_ttl_seconds"

    assert virtufit_valid(hit.headers, hit.body, secret)
    assert standard_webhooks_valid(hit.headers, hit.body, secret)
    assert hit.headers["webhook-id"] == row.id
    assert abs(int(hit.headers["webhook-timestamp"]) - time.time()) < 60
    assert not {"authorization", "cookie"} & set(hit.headers)
    assert hit.body == row.payload.encode()


def test_fashn_jobs_post_the_prediction_object(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    """FASHN sends the status object itself to `?webhook_url=`, not seed 000's event."""
    person = "data:image/jpeg;base64," + base64.b64encode(person_photo()).decode()
    garment = "data:image/png;base64," + base64.b64encode(garment_photo()).decode()
    with (
        receiving({"/hook": [200]}, tls_cert) as receiver,
        hooked_app(tmp_path, database_url, tls_cert) as (client, customer),
    ):
        bearer = {"Authorization": f"Bearer {customer.key}"}
        run = client.post(
            "/v1/run",
            params={"webhook_url": receiver.url()},
            headers=bearer,
            json={"model_name": "tryon-v1.6", "inputs": {"model_image": person, "garment_image": garment}},
        )
        assert run.status_code == 200, run.text
        job_id = run.json()["id"]
        settled_status(client, customer, job_id)
        status = client.get(f"/v1/status/{job_id}", headers=bearer).json()
        [hit] = receiver.hits
    sent = json.loads(hit.body)
    # Signed URLs are signed anew on each reading: compare them without expiry and signature.
    assert [u.split("?")[0] for u in sent.pop("output")] == [u.split("?")[0] for u in status.pop("output")]
    assert sent == status and status["status"] == "completed"
    assert "x-virtufit-signature" not in hit.headers and hit.headers["webhook-id"]


def test_failed_event_matches_the_seed_and_whsec_keys_are_decoded(
    tmp_path: Path, database_url: str, tls_cert: Cert
) -> None:
    key = os.urandom(24)
    secret = "whsec_" + base64.b64encode(key).decode()
    with (
        receiving({"/hook": [204]}, tls_cert) as receiver,
        hooked_app(tmp_path, database_url, tls_cert) as (client, customer),
    ):
        job_id = generate(client, customer, receiver.url(), secret, person=flat_photo())
        status = settled_status(client, customer, job_id)
        [hit] = receiver.hits

    assert status["status"] == "failed" and status["webhook"]["status"] == "delivered"
    assert status["webhook"]["last_status_code"] == 204
    payload = json.loads(hit.body)
    assert list(payload) == FAILED_FIELDS
    assert payload == {
        "event": "tryon.failed",
        "job_id": job_id,
        "status": "failed",
        "error": "no person was found in the photo",
        "credits_used": 0,
        "attempts": 1,
        "timestamp": payload["timestamp"],
    }
    assert ISO_Z.match(payload["timestamp"])
    assert virtufit_valid(hit.headers, hit.body, secret)
    assert standard_webhooks_valid(hit.headers, hit.body, secret)
    # The Standard Webhooks key is the decoded one, not the secret's text.
    assert not standard_webhooks_valid(hit.headers, hit.body, "raw:" + secret)


def test_retries_until_a_2xx_with_the_same_bytes(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    with (
        receiving({"/hook": [500, 500, 200]}, tls_cert) as receiver,
        hooked_app(tmp_path, database_url, tls_cert) as (client, customer),
    ):
        job_id = generate(client, customer, receiver.url())
        status = settled_status(client, customer, job_id)
        time.sleep(FAST[-1] + 0.3)  # nothing more comes after the success
        hits = list(receiver.hits)
    row = delivery(database_url, job_id)

    assert status["webhook"]["status"] == "delivered" and status["webhook"]["attempts"] == 3
    assert status["webhook"]["last_status_code"] == 200 and status["webhook"]["last_error"] is None
    assert [a["status_code"] for a in row.attempts] == [500, 500, 200]
    assert [a["error"] for a in row.attempts] == ["HTTP 500", "HTTP 500", None]
    assert all(isinstance(a["duration_ms"], int) and ISO_Z.match(a["at"]) for a in row.attempts)
    assert row.status == "delivered" and row.delivered_at is not None and row.next_attempt_at is None
    assert len(hits) == 3 and len({h.body for h in hits}) == 1
    assert len({h.headers["webhook-id"] for h in hits}) == 1
    assert not {"x-virtufit-signature", "webhook-signature"} & set(hits[0].headers), "no secret, no signature"
    for gap, delay in zip(gaps([h.at for h in hits]), FAST):
        assert gap >= delay


def test_gives_up_after_the_whole_schedule(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    with (
        receiving({"/hook": [503]}, tls_cert) as receiver,
        hooked_app(tmp_path, database_url, tls_cert) as (client, customer),
    ):
        job_id = generate(client, customer, receiver.url(), "k")
        status = settled_status(client, customer, job_id)
        time.sleep(FAST[-1] + 0.3)
        hits = list(receiver.hits)
    row = delivery(database_url, job_id)

    assert status["webhook"] == {
        "status": "failed",
        "attempts": 4,
        "last_status_code": 503,
        "last_error": "HTTP 503",
        "delivered_at": None,
    }
    assert len(hits) == 4 and row.status == "failed" and row.next_attempt_at is None
    recorded = [datetime.fromisoformat(a["at"]).timestamp() for a in row.attempts]
    for measured in (gaps([h.at for h in hits]), gaps(recorded)):
        assert len(measured) == len(FAST)
        for gap, delay in zip(measured, FAST):
            assert gap >= delay


def test_redirects_are_not_followed(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    answers = {"/redirect": [302], "/other": [200]}
    schedule = [0.05, 0.05, 0.05]
    with (
        receiving(answers, tls_cert) as receiver,
        hooked_app(tmp_path, database_url, tls_cert, webhook_retry_seconds=schedule) as (client, customer),
    ):
        job_id = generate(client, customer, receiver.url("/redirect"))
        status = settled_status(client, customer, job_id)
        hits = list(receiver.hits)
    row = delivery(database_url, job_id)

    assert status["webhook"]["status"] == "failed" and status["webhook"]["last_status_code"] == 302
    assert [h.path for h in hits] == ["/redirect"] * 4, "the redirect target must never be hit"
    assert all(a["status_code"] == 302 and "redirect" in a["error"] for a in row.attempts)


def test_an_untrusted_certificate_is_a_failed_attempt(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    with (
        receiving({"/hook": [200]}, tls_cert) as receiver,
        hooked_app(
            tmp_path, database_url, tls_cert, webhook_ca_file=None, webhook_retry_seconds=[0.05, 0.05, 0.05]
        ) as (client, customer),
    ):
        job_id = generate(client, customer, receiver.url())
        status = settled_status(client, customer, job_id)
        hits = list(receiver.hits)
    hook = status["webhook"]
    assert hook["status"] == "failed" and hook["attempts"] == 4 and hook["last_status_code"] is None
    assert "CERTIFICATE_VERIFY_FAILED" in hook["last_error"]
    assert hits == []


@pytest.mark.parametrize("address", ["127.0.0.1", "10.20.30.40", "169.254.169.254"])
def test_private_addresses_are_refused_before_connecting(
    tmp_path: Path, database_url: str, tls_cert: Cert, address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "hooks.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port)))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    sent: list[httpx.Request] = []

    async def send(client: httpx.AsyncClient, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        sent.append(request)
        raise AssertionError("a request was sent to a refused address")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(httpx.AsyncClient, "send", send)
    with (
        receiving({"/hook": [200]}, tls_cert) as receiver,
        hooked_app(tmp_path, database_url, tls_cert, allow_private_urls=False) as (client, customer),
    ):
        port = receiver.port if address == "127.0.0.1" else 443
        job_id = generate(client, customer, f"https://hooks.example:{port}/hook", "k")
        status = settled_status(client, customer, job_id)
        hits = list(receiver.hits)
    row = delivery(database_url, job_id)

    hook = status["webhook"]
    assert hook["status"] == "failed" and hook["attempts"] == 1, "a refused address is not retried"
    assert hook["last_status_code"] is None and "not a public address" in hook["last_error"]
    assert row.attempts[0]["status_code"] is None
    assert sent == [] and hits == []


def test_http_to_loopback_when_the_operator_allows_it(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    with (
        receiving({"/hook": [200]}, None) as receiver,
        running_app(tmp_path, database_url, allow_http_webhooks_to_loopback=True) as (client, customer),
    ):
        job_id = generate(client, customer, receiver.url(), "k")
        status = settled_status(client, customer, job_id)
        [hit] = receiver.hits
    assert status["webhook"]["status"] == "delivered"
    assert virtufit_valid(hit.headers, hit.body, "k")


def test_a_restart_during_backoff_still_delivers(tmp_path: Path, database_url: str, tls_cert: Cert) -> None:
    schedule = [3.0, 0.2, 0.2]
    with receiving({"/hook": [500, 200]}, tls_cert) as receiver:
        with hooked_app(tmp_path, database_url, tls_cert, webhook_retry_seconds=schedule) as (client, customer):
            job_id = generate(client, customer, receiver.url(), "k")
            wait_until(lambda: receiver.hits, 20, "the first attempt")
            wait_until(lambda: delivery(database_url, job_id).attempts, 20, "the first attempt to be recorded")
        waiting = delivery(database_url, job_id)
        assert waiting.status == "pending" and waiting.next_attempt_at is not None
        assert waiting.next_attempt_at > utcnow(), "the app must stop while the retry waits"
        assert len(receiver.hits) == 1

        with hooked_app(tmp_path, database_url, tls_cert, webhook_retry_seconds=schedule, workers=0):
            wait_until(lambda: delivery(database_url, job_id).status == "delivered", 20, "delivery after restart")
        hits = list(receiver.hits)
    row = delivery(database_url, job_id)

    assert [a["status_code"] for a in row.attempts] == [500, 200]
    assert len(hits) == 2 and hits[0].body == hits[1].body
    assert hits[0].headers["webhook-id"] == hits[1].headers["webhook-id"] == row.id
    assert hits[1].at - hits[0].at >= schedule[0]


# --- the outbox and its claims, below the HTTP layer ----------------------------------------


def queued_job(ctx: Context, settings: Settings, url: str = "https://hooks.example/hook") -> str:
    customer = make_customer(settings)
    request = JobRequest(
        dialect="virtufit",
        person=ImageInput(person_photo(), "jpeg"),
        garments=[ImageInput(garment_photo(), "png")],
        webhook_url=url,
        webhook_secret="k",
    )
    return submit(ctx, customer.account_id, request)[0].id


def test_the_outbox_row_commits_with_the_job_or_not_at_all(settings: Settings) -> None:
    ctx = Context.from_settings(settings)
    job_id = queued_job(ctx, settings)
    job = queue.claim(ctx.db, "w", 30)
    assert job is not None
    assert queue.finish_item(ctx.db, job_id, job.items[0].id, "w", output_key=None, render_ms=1, error=("x", "broken"))

    def failing_hook(session: Any, closed: Job) -> None:
        webhooks.record_event(ctx, session, closed)
        raise RuntimeError("the close hook failed")

    with pytest.raises(RuntimeError):
        queue.finish_job(ctx.db, job_id, "w", on_close=failing_hook)
    with ctx.db.reader() as session:
        assert session.get(Job, job_id).status == "processing"  # type: ignore[union-attr]
        assert session.scalars(select(WebhookDelivery)).all() == []

    closed = queue.finish_job(ctx.db, job_id, "w", on_close=lambda s, j: webhooks.record_event(ctx, s, j))
    assert closed is not None and closed.status == "failed"
    with ctx.db.reader() as session:
        [row] = session.scalars(select(WebhookDelivery)).all()
    assert row.status == "pending" and row.url == "https://hooks.example/hook"
    assert json.loads(row.payload)["error"] == "broken"
    ctx.close()


def test_concurrent_senders_never_claim_the_same_delivery(settings: Settings) -> None:
    ctx = Context.from_settings(settings)
    job_id = queued_job(ctx, settings)
    with ctx.db.session() as session:
        now = utcnow()
        for _ in range(20):
            session.add(
                WebhookDelivery(
                    job_id=job_id,
                    event="tryon.completed",
                    url="https://hooks.example/hook",
                    payload="{}",
                    status="pending",
                    attempts=[],
                    next_attempt_at=now,
                    created_at=now,
                )
            )

    def claim_all(_: int) -> list[str]:
        got: list[str] = []
        while claimed := webhooks.claim_due(ctx.db, limit=3, lease_seconds=60):
            got += [c.id for c in claimed]
        return got

    with ThreadPoolExecutor(4) as pool:
        ids = [i for batch in pool.map(claim_all, range(4)) for i in batch]
    assert len(ids) == 20 and len(set(ids)) == 20
    ctx.close()


def test_an_attempt_after_the_lease_ran_out_is_not_recorded(settings: Settings) -> None:
    ctx = Context.from_settings(settings)
    job_id = queued_job(ctx, settings)
    with ctx.db.session() as session:
        now = utcnow()
        session.add(
            WebhookDelivery(
                job_id=job_id,
                event="tryon.completed",
                url="https://hooks.example/hook",
                payload="{}",
                status="pending",
                attempts=[],
                next_attempt_at=now - timedelta(seconds=1),
                created_at=now,
            )
        )
    [stale] = webhooks.claim_due(ctx.db, limit=1, lease_seconds=0)
    [fresh] = webhooks.claim_due(ctx.db, limit=1, lease_seconds=60)
    assert webhooks.claim_due(ctx.db, limit=1, lease_seconds=60) == []
    ok = webhooks.Outcome(200, None)
    assert webhooks.record_attempt(ctx.db, stale, ok, utcnow(), 5, FAST) is None
    assert webhooks.record_attempt(ctx.db, fresh, ok, utcnow(), 5, FAST) == "delivered"
    with ctx.db.reader() as session:
        [row] = session.scalars(select(WebhookDelivery)).all()
    assert len(row.attempts) == 1 and row.status == "delivered"
    ctx.close()
