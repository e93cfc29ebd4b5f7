"""What operators follow in the logs (a request id to its job, the access log when asked for)
and a bounded stop of `serve` while `Prefer: wait` requests are held."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from fitroom.api.app import create_app
from fitroom.api.server import make_server
from tests.support.app import Customer, free_port, make_customer, migrated_settings
from tests.support.images import garment_photo, person_photo
from tests.support.waiting import wait_until

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

FILES = [
    ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
    ("garment_image", ("g.png", garment_photo(), "image/png")),
]


def records(caplog: pytest.LogCaptureFixture, logger: str, message: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == logger and r.getMessage() == message]


def test_accepted_job_is_logged_with_its_request_id(
    client: TestClient, customer: Customer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    answer = client.post("/api/v1/generate", headers={**customer.headers, "X-Request-ID": "shop-req-7"}, files=FILES)
    assert answer.status_code == 202, answer.text
    accepted = records(caplog, "fitroom.jobs.service", "job accepted")
    assert len(accepted) == 1
    entry = accepted[0].__dict__
    assert entry["request_id"] == "shop-req-7" and entry["job_id"] == answer.json()["job_id"]
    assert entry["account_id"] == customer.account_id and entry["dialect"] == "virtufit"
    assert not records(caplog, "fitroom.access", "request"), "the access log is off unless switched on"


def test_access_log_when_switched_on(tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    settings = migrated_settings(tmp_path, database_url, access_log=True, workers=0)
    with TestClient(create_app(settings)) as client:
        client.get("/healthz?secret=do-not-log", headers={"X-Request-ID": "probe-1"})
        client.get("/no/such/page")
    lines = records(caplog, "fitroom.access", "request")
    assert [(r.__dict__["path"], r.__dict__["status"]) for r in lines] == [("/healthz", 200), ("/no/such/page", 404)]
    assert all(r.__dict__["method"] == "GET" and r.__dict__["duration_ms"] >= 0 for r in lines)
    assert not any("do-not-log" in str(value) for r in lines for value in r.__dict__.values())


def test_stop_answers_held_waits_within_the_drain_bound(tmp_path: Path, database_url: str) -> None:
    """No worker renders, so a `Prefer: wait=100` request would be held 100 s; a stop
    answers it (202, the job queued) within `drain_seconds` and the server exits."""
    port = free_port()
    settings = migrated_settings(
        tmp_path,
        database_url,
        workers=0,
        drain_seconds=1.0,
        host="127.0.0.1",
        port=port,
        public_url=f"http://127.0.0.1:{port}",
    )
    customer = make_customer(settings)
    server = make_server(create_app(settings), settings)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started, 20, "the server to start")
    answers: list[httpx.Response] = []

    def held() -> None:
        answers.append(
            httpx.post(
                f"http://127.0.0.1:{port}/api/v1/generate",
                headers={**customer.headers, "Prefer": "wait=100"},
                files=FILES,
                timeout=60,
            )
        )

    waiting = threading.Thread(target=held)
    waiting.start()
    wait_until(lambda: server.events._waiters, 20, "the request to be held")
    stopped_at = time.monotonic()
    server.should_exit = True
    waiting.join(30)
    thread.join(30)
    elapsed = time.monotonic() - stopped_at
    assert not thread.is_alive() and answers, "the server stopped and the request was answered"
    assert answers[0].status_code == 202 and answers[0].json()["status"] in ("queued", "pending")
    assert elapsed < settings.drain_seconds + 3, f"stopping took {elapsed:.1f} s"
