"""Reading a job for its answers: one query into an immutable snapshot, and wire formats that
depend on nothing but the snapshot and the domain."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from fitroom.context import Context
from fitroom.db.models import JobItem
from fitroom.domain import DeliveryStatus, JobOptions, JobStatus
from fitroom.jobs import queue, reading
from fitroom.jobs.service import ImageInput, JobRequest, submit
from fitroom.settings import Settings
from fitroom.wire import fashn, miragic, virtufit
from tests.support.app import make_customer
from tests.support.images import garment_photo, person_photo

SRC = Path(__file__).resolve().parents[1] / "src" / "fitroom"


@contextmanager
def counted(ctx: Context) -> Iterator[list[str]]:
    """The SQL statements run on `ctx`'s database meanwhile."""
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", note)


def _submit(ctx: Context, account_id: str, garments: int = 2, **fields: Any) -> str:
    request = JobRequest(
        dialect="virtufit",
        person=ImageInput(person_photo(), "jpeg"),
        garments=[ImageInput(garment_photo(), "png") for _ in range(garments)],
        **fields,
    )
    return submit(ctx, account_id, request)[0].id


def _finish(ctx: Context, job_id: str) -> None:
    job = queue.claim(ctx.db, "w", 30)
    assert job is not None and job.id == job_id
    for item in job.items:
        key = f"jobs/{job_id}/output-{item.position}.png"
        ctx.store.put(key, b"png", "image/png")
        assert queue.finish_item(ctx.db, job_id, item.id, "w", output_key=key, render_ms=1, error=None)
    assert queue.finish_job(ctx.db, job_id, "w") is not None


def test_a_status_read_is_one_query_with_credits_balance_and_webhook(settings: Settings, ctx: Context) -> None:
    customer = make_customer(settings, balance=10)
    job_id = _submit(ctx, customer.account_id, webhook_url="https://hooks.example/hook")
    _finish(ctx, job_id)
    with counted(ctx) as statements:
        job = reading.read_job(ctx, customer.account_id, job_id, balance=True)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1, statements
    assert job.status == JobStatus.COMPLETED and job.credits_used == 2 and job.balance == 8
    assert len(job.output_keys) == 2 and job.webhook is not None and job.webhook.status == DeliveryStatus.PENDING
    assert reading.read_job(ctx, customer.account_id, job_id).balance is None


def test_the_snapshot_cannot_be_changed(settings: Settings, ctx: Context) -> None:
    customer = make_customer(settings)
    job = reading.read_job(ctx, customer.account_id, _submit(ctx, customer.account_id))
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.status = JobStatus.FAILED  # type: ignore[misc]
    assert job.webhook is None and job.credits_used == 0


def test_another_accounts_job_and_a_non_id_are_not_found(settings: Settings, ctx: Context) -> None:
    owner, stranger = make_customer(settings), make_customer(settings)
    job_id = _submit(ctx, owner.account_id)
    for account_id, value in ((stranger.account_id, job_id), (owner.account_id, "not-a-job\x00")):
        with pytest.raises(reading.JobNotFound):
            reading.read_job(ctx, account_id, value)


def test_the_status_query_is_built_once_per_shape_and_binds_who_reads(settings: Settings, ctx: Context) -> None:
    """Reads of other jobs, accounts and keys reuse one built statement, and still see only their own."""
    owner, stranger = make_customer(settings), make_customer(settings)
    first, second = _submit(ctx, owner.account_id), _submit(ctx, owner.account_id)
    reading.read_job(ctx, owner.account_id, first, balance=True)
    built = reading._job_query.cache_info().currsize
    assert reading.read_job(ctx, owner.account_id, second, balance=True).id == second
    assert reading._job_query.cache_info().currsize == built
    with pytest.raises(reading.JobNotFound):
        reading.read_job(ctx, stranger.account_id, second, balance=True)
    with pytest.raises(reading.JobNotFound):
        reading.read_job(ctx, owner.account_id, first, api_key_id="another key")


def test_every_dialect_answers_from_the_same_snapshot(settings: Settings, ctx: Context) -> None:
    customer = make_customer(settings)
    job_id = _submit(ctx, customer.account_id, compose="layered", garment_targets=["top", "bottom"])
    _finish(ctx, job_id)
    job = reading.read_job(ctx, customer.account_id, job_id, balance=True)
    status = virtufit.status(job)
    assert status.swap_target == "top,bottom" and len(status.output_urls) == 1 and status.credits_remaining == 98
    assert miragic.status(job).data.mode == miragic.TOP_BOTTOM
    assert fashn.prediction(job).output == status.output_urls and fashn.credits_used(job) == 2


def test_a_layered_output_is_made_of_every_garment_and_a_separate_one_of_its_own() -> None:
    layered = JobOptions(garment_keys=["g0", "g1"], compose="layered")
    assert JobItem(position=0, garment_key=None).garment_keys(layered) == ["g0", "g1"]
    separate = JobOptions(garment_keys=["g0", "g1"])
    assert JobItem(position=1, garment_key="g1").garment_keys(separate) == ["g1"]
    with pytest.raises(ValueError):
        JobItem(position=0, garment_key=None).garment_keys(separate)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("fitroom")}


def test_dependencies_point_one_way() -> None:
    """Wire formats use only the snapshot and the domain; the job layer never imports the API."""
    for path in [*(SRC / "wire").glob("*.py"), SRC / "snapshot.py"]:
        assert _imports(path) <= {"fitroom.domain", "fitroom.snapshot", "fitroom.wire"}, path
    for path in (SRC / "jobs").glob("*.py"):
        assert not {name for name in _imports(path) if name.startswith("fitroom.api")}, path
