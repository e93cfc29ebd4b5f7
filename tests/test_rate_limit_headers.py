"""`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` on every answer under a limit, and in OpenAPI."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from fitroom.api.ratelimit import LocalWindow, RateLimiter
from tests.support.app import running_app
from tests.support.images import garment_photo, person_photo

NAMES = ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset")


def figures(answer: object) -> tuple[int, int, int]:
    headers = answer.headers  # type: ignore[attr-defined]
    limit, remaining, reset = (int(headers[name]) for name in NAMES)
    return limit, remaining, reset


def test_every_counted_answer_says_where_the_client_stands(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0, rate_limit="4/minute") as (client, customer):
        files = [
            ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
            ("garment_image", ("g.png", garment_photo(), "image/png")),
        ]
        made = client.post("/api/v1/generate", headers=customer.headers, files=files)
        assert made.status_code == 202
        assert figures(made)[:2] == (4, 3)
        job_id = made.json()["job_id"]
        status = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers)
        assert figures(status)[:2] == (4, 2)
        missing = client.get("/api/v1/jobs/7d1c6f0e-4b1a-4c55-9a0e-2f3b8d9c1e42", headers=customer.headers)
        assert missing.status_code == 404 and figures(missing)[:2] == (4, 1)
        listed = client.get("/api/v1/jobs", headers=customer.headers)
        limit, remaining, reset = figures(listed)
        assert (limit, remaining) == (4, 0) and 0 < reset <= 60
        refused = client.get("/v1/credits", headers={"Authorization": f"Bearer {customer.key}"})
        assert refused.status_code == 429
        assert figures(refused)[:2] == (4, 0)
        assert int(refused.headers["ratelimit-reset"]) == int(refused.headers["retry-after"])


def test_the_tightest_limit_is_reported(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0, rate_limit="100/minute", miragic_rate_limit="2/minute") as (
        client,
        customer,
    ):
        job = "7d1c6f0e-4b1a-4c55-9a0e-2f3b8d9c1e42"
        answers = [client.get(f"/api/v1/virtual-try-on/{job}", headers=customer.headers) for _ in range(3)]
        assert [a.status_code for a in answers] == [404, 404, 429]
        assert [figures(a)[:2] for a in answers] == [(2, 1), (2, 0), (2, 0)]
        virtufit = client.get(f"/api/v1/jobs/{job}", headers=customer.headers)
        assert figures(virtufit)[:2] == (100, 96)


def test_answers_under_no_limit_carry_no_headers(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0) as (client, _):
        for answer in (
            client.get("/healthz"),
            client.get("/api/v1/jobs"),
            client.get("/api/v1/jobs", headers={"X-API-Key": "fr_00000000_nope"}),
        ):
            assert not set(NAMES) & set(answer.headers), answer.headers


def test_the_headers_are_in_the_openapi_document(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0) as (client, _):
        paths = client.get("/openapi.json").json()["paths"]
        keyed = 0
        for operations in paths.values():
            for operation in operations.values():
                for answer in operation["responses"].values():
                    documented = set(answer.get("headers", {}))
                    if operation.get("security"):
                        assert {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= documented
                    else:
                        assert not documented & {"RateLimit-Limit"}
                keyed += bool(operation.get("security"))
        assert keyed >= 8
        assert paths["/api/v1/generate"]["post"]["responses"]["429"]["headers"]["RateLimit-Reset"]["schema"] == {
            "type": "integer",
            "minimum": 0,
        }


def test_the_local_window_counts_as_the_limits_memory_window_did(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same decisions, requests left and reset times as `limits`' moving window in memory (used before)."""
    clock = [1000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    item = parse("3/minute")
    theirs = MovingWindowRateLimiter(MemoryStorage())
    ours = LocalWindow(3, 60)
    seen = []
    for step in (0, 1.1, 1.3, 5, 20.2, 30.1, 5.7, 0.5, 40.3, 1.9, 61.7, 0, 0, 0):
        clock[0] += step
        allowed = theirs.hit(item, "k")
        stats = theirs.get_window_stats(item, "k")
        seen.append(allowed)
        assert ours.take("k") == (allowed, stats.remaining, stats.reset_time)
    assert True in seen and False in seen


def test_the_local_window_starts_no_thread_and_forgets_idle_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    before = set(threading.enumerate())
    limiter = RateLimiter("2/minute")
    quotas = [limiter.take("a") for _ in range(3)]
    assert [q.allowed for q in quotas if q] == [True, True, False]
    assert set(threading.enumerate()) <= before, "counting started no thread"
    assert limiter.local is not None
    clock[0] += 61
    assert limiter.take("b") is not None
    clock[0] += 61
    limiter.take("b")
    assert set(limiter.local.times) == {"b"}, "a key idle for a whole window is forgotten"
