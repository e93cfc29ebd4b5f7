"""The accept path's estimate inputs: the queue is counted exactly on every accept (whole queue
and the engine's share in one count), while an engine's mean render time is reused for
`MEAN_RENDER_CACHE_SECONDS` at most. On both databases.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import update

from fitroom.context import Context
from fitroom.db import utcnow
from fitroom.db.models import JobItem
from fitroom.domain import JobStatus
from fitroom.jobs import credits, routing, service
from fitroom.jobs.service import ImageInput, JobRequest
from tests.support.app import TEST_ENGINE, make_customer, migrated_settings
from tests.support.images import garment_photo, person_photo


def request() -> JobRequest:
    return JobRequest(
        dialect="virtufit", person=ImageInput(person_photo(), "jpeg"), garments=[ImageInput(garment_photo(), "png")]
    )


def test_the_mean_render_time_is_reused_briefly_and_the_queue_counted_every_time(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]  # the service's own clock, moved by hand: a loaded machine cannot stretch it
    monkeypatch.setattr(service, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    settings = migrated_settings(tmp_path, database_url, workers=0, engine=TEST_ENGINE)
    customer = make_customer(settings, balance=100)
    ctx = Context.from_settings(settings)
    try:
        routing.register(ctx.db, "host:1:abc", [TEST_ENGINE], 1)
        first, estimate = service.submit(ctx, customer.account_id, request())
        assert estimate == round(service.DEFAULT_RENDER_SECONDS * 2)  # its own output, and itself ahead

        with ctx.db.session() as session:  # the first job's output was rendered in 10 s
            session.execute(
                update(JobItem)
                .where(JobItem.job_id == first.id)
                .values(status=JobStatus.COMPLETED, render_ms=10_000, completed_at=utcnow())
            )
        _, estimate = service.submit(ctx, customer.account_id, request())
        assert estimate == round(service.DEFAULT_RENDER_SECONDS * 2), "the mean read a moment ago"
        clock[0] += service.MEAN_RENDER_CACHE_SECONDS + 0.1
        _, estimate = service.submit(ctx, customer.account_id, request())
        assert estimate == 10 * (2 + 1), "read again: one output queued and its own, then its own render, at 10 s each"
    finally:
        ctx.close()


def test_the_queue_bound_is_exact(tmp_path: Path, database_url: str) -> None:
    settings = migrated_settings(tmp_path, database_url, workers=0, max_queue=2)
    customer = make_customer(settings, balance=100)
    ctx = Context.from_settings(settings)
    try:
        for _ in range(2):
            service.submit(ctx, customer.account_id, request())
        blobs = settings.data_dir / "blobs"
        stored = sorted(p for p in blobs.rglob("*") if p.is_file())
        with ctx.db.reader() as session:
            balance = credits.balance(session, customer.account_id)
        with pytest.raises(service.QueueFull) as full:
            service.submit(ctx, customer.account_id, request())
        assert full.value.retry_after == service.UNKNOWN_RETRY_SECONDS, "no live worker: nothing to measure"
        # On PostgreSQL the room is checked after the inputs are stored: a refusal removes them.
        assert sorted(p for p in blobs.rglob("*") if p.is_file()) == stored
        with ctx.db.reader() as session:
            assert credits.balance(session, customer.account_id) == balance, "nothing charged for the refused job"
    finally:
        ctx.close()
