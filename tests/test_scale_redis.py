"""Redis between processes: shared rate limits, and `Prefer: wait` woken by another process's worker."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fitroom.api.app import create_app
from fitroom.api.ratelimit import RateLimiter
from fitroom.context import Context
from fitroom.events import CHANNEL, JobEvents
from fitroom.jobs.worker import WorkerPool
from tests.support.app import make_customer, migrated_settings
from tests.support.engines import SlowEngine
from tests.support.images import garment_photo, person_photo
from tests.support.services import REDIS_URL, redis_client
from tests.support.waiting import wait_until

pytestmark = pytest.mark.cluster


def test_rate_limit_counts_are_shared_through_redis() -> None:
    redis_client()
    key = f"test-{uuid.uuid4().hex}"
    first, second = RateLimiter("3/minute", REDIS_URL), RateLimiter("3/minute", REDIS_URL)  # two API processes
    assert [first.hit(key), second.hit(key), first.hit(key)] == [0, 0, 0]
    assert 0 < second.hit(key) <= 60
    assert first.hit(f"other-{key}") == 0, "each key has its own budget"


def test_rate_limiter_lets_requests_through_while_redis_is_down() -> None:
    limiter = RateLimiter("1/minute", "redis://127.0.0.1:1/0")
    assert limiter.hit("k") == 0 and limiter.hit("k") == 0


def test_job_events_published_by_one_process_reach_another() -> None:
    client = redis_client()
    publisher = JobEvents(REDIS_URL)
    job_id = str(uuid.uuid4())
    with client.pubsub() as pubsub:
        pubsub.subscribe(CHANNEL)
        wait_until(lambda: pubsub.get_message(timeout=0.1), 5, "the subscription")
        publisher.publish_finished(job_id)

        def ours() -> bool:
            # The channel is shared: other fitroom processes on this Redis publish their jobs too.
            message = pubsub.get_message(timeout=0.1)
            return message is not None and message["data"] == job_id.encode()

        wait_until(ours, 5, "the event")
    publisher.close()


@pytest.mark.parametrize("redis_url", [REDIS_URL, None], ids=["redis", "polling"])
def test_prefer_wait_answers_when_a_worker_elsewhere_finishes(
    tmp_path: Path, pg_url: str, redis_url: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An API process with no workers holds the request; a worker pool with its own connections renders.

    With Redis the answer comes as soon as the job closes; without, the waiter's quick polls find it.
    """
    monkeypatch.setenv("FITROOM_TEST_RENDER_SECONDS", "0.5")
    settings = migrated_settings(tmp_path, pg_url, workers=0, redis_url=redis_url)
    customer = make_customer(settings)
    worker_ctx = Context.from_settings(settings)
    pool = WorkerPool(worker_ctx, 1, engine=SlowEngine())
    pool.start()
    try:
        with TestClient(create_app(settings)) as client:
            events = client.app.state.ctx.events  # type: ignore[attr-defined]
            wait_until(lambda: events.listening == bool(redis_url), 10, "the event subscription")
            files = [
                ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
                ("garment_image", ("g.png", garment_photo(), "image/png")),
            ]
            started = time.monotonic()
            answer = client.post("/api/v1/generate", headers={**customer.headers, "Prefer": "wait=30"}, files=files)
            elapsed = time.monotonic() - started
    finally:
        pool.stop()
        worker_ctx.close()
    assert answer.status_code == 200, answer.text
    assert answer.json()["success"] is True and answer.json()["output_url"]
    # The render takes 0.5 s; while subscribed the database is read only every 5 s, so a quick
    # answer means the event woke the request.
    assert elapsed < 3.5, elapsed
