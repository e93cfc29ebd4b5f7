"""A worker process killed with SIGKILL mid-job: the job still completes exactly once."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fitroom.db import Database
from fitroom.db.models import Job, JobItem, LedgerEntry
from fitroom.storage.keys import job_prefixes
from tests.support.app import running_app
from tests.support.images import garment_photo, person_photo
from tests.support.process import SLOW_ENGINE, slow_worker
from tests.support.waiting import wait_until

pytestmark = pytest.mark.cluster


def item_outputs(database_url: str, job_id: str) -> list[str | None]:
    db = Database(database_url)
    with db.session() as session:
        keys = list(
            session.scalars(select(JobItem.output_key).where(JobItem.job_id == job_id).order_by(JobItem.position))
        )
    db.dispose()
    return keys


def test_killed_worker_job_completes_once(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, workers=0, engine=SLOW_ENGINE) as (client, customer):
        settings = client.app.state.ctx.settings  # type: ignore[attr-defined]
        files = [("person_image", ("p.jpg", person_photo(), "image/jpeg"))]
        files += [("garment_image", (f"g{i}.png", garment_photo(), "image/png")) for i in range(2)]
        job_id = client.post("/api/v1/generate", headers=customer.headers, files=files).json()["job_id"]

        def status() -> dict[str, Any]:
            return client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()  # type: ignore[no-any-return]

        first = slow_worker(settings, 2.0, FITROOM_LEASE_SECONDS="2")
        try:
            # Kill once the first output is stored and the second is being rendered.
            wait_until(lambda: status()["progress"] > 50, 60, "the second output to start")
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            first.kill()
        assert status()["status"] == "processing"
        before = item_outputs(database_url, job_id)
        assert before[0] is not None and before[1] is None

        second = slow_worker(settings, 0.2, FITROOM_LEASE_SECONDS="2")
        try:
            done = wait_until(lambda: (s := status())["status"] in ("completed", "failed") and s, 60, "completion")
        finally:
            second.send_signal(signal.SIGTERM)
            assert second.wait(30) == 0

    assert done["status"] == "completed" and len(done["output_urls"]) == 2
    assert done["attempts"] == 2 and done["credits_used"] == 2
    assert done["credits_remaining"] == 98
    assert item_outputs(database_url, job_id)[0] == before[0], "a finished output was rendered again"
    db = Database(database_url)
    with db.session() as session:
        items = list(session.scalars(select(JobItem).where(JobItem.job_id == job_id)))
        ledger = list(session.scalars(select(LedgerEntry).where(LedgerEntry.job_id == job_id)))
        job = session.get(Job, job_id)
        assert job is not None and job.lease_owner is None
    db.dispose()
    assert sorted(e.kind for e in ledger) == ["reserve", "settle", "settle"]
    assert all(i.status == "completed" and i.output_key for i in items)
    outputs = sorted(p.name for p in (settings.data_dir / "blobs").glob(job_prefixes(job_id)[0] + "output-*"))
    assert len(outputs) == 2, outputs
