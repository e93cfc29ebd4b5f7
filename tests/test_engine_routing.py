"""Engines per tier: the settings, the engine and seed each job records, workers that claim only
their engines, the liveness the API reads, and jobs that wait for a worker that never comes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from PIL import Image
from pydantic import ValidationError
from sqlalchemy import select, text, update
from typer.testing import CliRunner

from fitroom.api.app import create_app
from fitroom.cli import app as cli_app
from fitroom.context import Context
from fitroom.db import Database, utcnow
from fitroom.db.models import Job, WorkerRecord
from fitroom.db.session import MIGRATIONS
from fitroom.engines import Progress, RenderOptions
from fitroom.jobs import queue, routing
from fitroom.jobs.reaper import reap
from fitroom.jobs.routing import EngineSet
from fitroom.jobs.worker import Worker, WorkerPool
from fitroom.settings import Settings
from tests.support.app import TEST_ENGINE, Customer, make_customer, migrated_settings
from tests.support.engines import TintEngine
from tests.support.images import garment_photo, person_photo
from tests.support.postgres import postgres_database
from tests.support.waiting import wait_until

OTHER_ENGINE = "tests.support.engines:BlueEngine"


def settings_from(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def generate(client: TestClient, customer: Customer, **fields: Any) -> dict[str, Any]:
    files = [
        ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data=fields)
    assert answer.status_code == 202, answer.text
    return answer.json()  # type: ignore[no-any-return]


def job_row(ctx: Context, job_id: str) -> Job:
    with ctx.db.reader() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


@pytest.fixture
def routed(tmp_path: Path, database_url: str) -> Iterator[tuple[TestClient, Customer, Context]]:
    """An API without in-process workers whose pro tier renders with another engine. Its
    workers' lease is long, so a worker registered by a test stays live however slowly a
    loaded machine runs it (a 2 s lease ran out between registering and asserting)."""
    settings = migrated_settings(tmp_path, database_url, workers=0, engines=f"pro={OTHER_ENGINE}", lease_seconds=60)
    with TestClient(create_app(settings)) as client:
        yield client, make_customer(settings), client.app.state.ctx  # type: ignore[attr-defined]


# --- settings ---


def test_engines_setting_maps_tiers_and_defaults_the_rest() -> None:
    assert settings_from().tier_engines == {"nano": "classic", "basic": "classic", "pro": "classic"}
    mapped = settings_from(engines=" nano=classic , pro=fashn-vton,", engine="my.pkg:Engine")
    assert mapped.tier_engines == {"nano": "classic", "basic": "my.pkg:Engine", "pro": "fashn-vton"}
    assert mapped.configured_engines == ("classic", "my.pkg:Engine", "fashn-vton")


def test_engines_setting_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FITROOM_ENGINES", "nano=classic,basic=classic,pro=fashn-vton")
    assert settings_from().tier_engines == {"nano": "classic", "basic": "classic", "pro": "fashn-vton"}


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("mega=classic", "unknown tier 'mega'"),
        ("pro", "'pro' is not tier=engine"),
        ("pro=a,pro=b", "tier 'pro' is given twice"),
        ("pro=", "tier pro: '' is no engine name"),
        ("pro=two words", "'two words' is no engine name"),
        ("pro=" + "x" * 201, "is no engine name"),
    ],
)
def test_engines_setting_refuses_what_it_cannot_route(value: str, problem: str) -> None:
    with pytest.raises(ValidationError, match="FITROOM_ENGINES") as raised:
        settings_from(engines=value)
    assert problem in str(raised.value)


def test_worker_refuses_a_malformed_engines_option() -> None:
    result = CliRunner().invoke(cli_app, ["worker", "--engines", "classic,,fashn-vton"])
    assert result.exit_code == 1
    assert "--engines: '' is no engine name" in result.output


# --- what a job records ---


def test_job_records_its_tiers_engine_and_a_seed(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, ctx = routed
    given = generate(client, customer, tier="nano", seed="7")
    drawn = [generate(client, customer, tier="pro") for _ in range(3)]
    nano = job_row(ctx, given["job_id"])
    assert nano.engine == TEST_ENGINE and nano.options.seed == 7
    pros = [job_row(ctx, answer["job_id"]) for answer in drawn]
    assert all(job.engine == OTHER_ENGINE for job in pros)
    seeds = [job.options.seed for job in pros]
    assert all(isinstance(seed, int) and 0 <= seed < 2**32 for seed in seeds)
    assert len(set(seeds)) == 3, "each job without a seed draws its own"


def test_seed_out_of_range_is_refused(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, _ = routed
    files = [
        ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    for seed in ("-1", str(2**32)):
        answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data={"seed": seed})
        assert answer.status_code == 400 and answer.json()["error"]["field"] == "seed"


class SeedRecorder(TintEngine):
    """Remembers the seed of each render."""

    def __init__(self) -> None:
        self.seeds: list[int | None] = []

    def render(
        self,
        person: Image.Image,
        garments: Sequence[Image.Image],
        options: RenderOptions,
        progress: Progress | None = None,
    ) -> Image.Image:
        self.seeds.append(options.seed)
        return super().render(person, garments, options, progress)


def test_engine_renders_with_the_recorded_seed(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, ctx = routed
    ids = [
        generate(client, customer, tier="nano", seed="12345")["job_id"],
        generate(client, customer, tier="nano")["job_id"],
    ]
    recorder = SeedRecorder()
    worker = Worker(ctx, EngineSet([TEST_ENGINE], ctx.settings, loaded={TEST_ENGINE: recorder}))
    assert worker.run_once() and worker.run_once()
    assert recorder.seeds == [job_row(ctx, job_id).options.seed for job_id in ids]
    assert recorder.seeds[0] == 12345 and recorder.seeds[1] is not None


# --- claiming ---


def test_worker_claims_only_jobs_of_its_engines(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, ctx = routed
    pro = generate(client, customer, tier="pro")["job_id"]
    nano = generate(client, customer, tier="nano")["job_id"]
    basic = generate(client, customer, tier="basic")["job_id"]
    assert queue.claim(ctx.db, "gpu", 30, [OTHER_ENGINE]).id == pro  # type: ignore[union-attr]
    assert queue.claim(ctx.db, "gpu", 30, [OTHER_ENGINE]) is None, "only CPU jobs are left"
    cpu = [queue.claim(ctx.db, "cpu", 30, [TEST_ENGINE]) for _ in range(3)]
    assert {job.id for job in cpu if job} == {nano, basic} and cpu[2] is None
    assert queue.claim(ctx.db, "none", 30, ["fashn-vton"]) is None


def test_expired_lease_goes_only_to_a_worker_of_the_jobs_engine(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, ctx = routed
    pro = generate(client, customer, tier="pro")["job_id"]
    assert queue.claim(ctx.db, "gpu-1", 0.05, [OTHER_ENGINE]) is not None
    with ctx.db.session() as session:
        session.execute(update(Job).where(Job.id == pro).values(lease_expires_at=utcnow() - timedelta(seconds=1)))
    assert f"{OTHER_ENGINE} (tier pro; 1 queued job waiting)" in client.get("/readyz").json()["checks"]["workers"]
    assert queue.claim(ctx.db, "cpu", 30, [TEST_ENGINE]) is None
    again = queue.claim(ctx.db, "gpu-2", 30, [OTHER_ENGINE])
    assert again is not None and again.id == pro and again.attempts == 2


def test_a_broken_engine_fails_its_jobs_and_the_worker_goes_on(tmp_path: Path, database_url: str) -> None:
    settings = migrated_settings(tmp_path, database_url, workers=0, engines="nano=no-such-engine")
    ctx = Context.from_settings(settings)
    customer = make_customer(settings)
    try:
        with TestClient(create_app(settings)) as client:
            broken = generate(client, customer, tier="nano")["job_id"]
            fine = generate(client, customer, tier="basic")["job_id"]
            worker = Worker(ctx)  # every configured engine: no-such-engine and the tests' one
            assert worker.engines.names == ("no-such-engine", TEST_ENGINE)
            assert worker.run_once() and worker.run_once()
            failed = client.get(f"/api/v1/jobs/{broken}", headers=customer.headers).json()
            assert failed["status"] == "failed" and failed["error"]["code"] == "engine_error"
            assert "no-such-engine" in failed["error"]["message"] and failed["credits_used"] == 0
            done = client.get(f"/api/v1/jobs/{fine}", headers=customer.headers).json()
            assert done["status"] == "completed" and done["credits_remaining"] == 99
    finally:
        ctx.close()


def test_a_process_loads_each_engine_once(tmp_path: Path, database_url: str) -> None:
    settings = migrated_settings(tmp_path, database_url)
    ctx = Context.from_settings(settings)
    try:
        pool = WorkerPool(ctx, 3)
        assert {id(worker.engines) for worker in pool.workers} == {id(pool.engines)}
        first = pool.engines.get(TEST_ENGINE)
        assert pool.workers[2].engines.get(TEST_ENGINE) is first
    finally:
        ctx.close()


# --- liveness: estimates, /readyz, expiry ---


def test_no_live_worker_is_said_by_the_estimate_and_readyz(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, ctx = routed
    waiting = generate(client, customer, tier="pro")
    assert waiting["estimated_seconds"] is None
    assert f"no worker runs engine {OTHER_ENGINE}" in waiting["message"]
    ready = client.get("/readyz")
    assert ready.status_code == 200, "the API itself is ready: it accepts the jobs"
    check = ready.json()["checks"]["workers"]
    assert f"{OTHER_ENGINE} (tier pro; 1 queued job waiting)" in check
    assert f"{TEST_ENGINE} (tier nano/basic; 0 queued jobs waiting)" in check

    routing.register(ctx.db, "gpu-host:1:abc", [OTHER_ENGINE], 2)
    served = generate(client, customer, tier="pro")
    assert isinstance(served["estimated_seconds"], int) and served["estimated_seconds"] >= 1
    assert served["message"].startswith("Generation queued. Poll")
    check = client.get("/readyz").json()["checks"]["workers"]
    assert OTHER_ENGINE not in check and TEST_ENGINE in check

    # A worker not heard from for a lease (60 s here) counts as gone.
    with ctx.db.session() as session:
        session.execute(update(WorkerRecord).values(seen_at=utcnow() - timedelta(seconds=61)))
    assert generate(client, customer, tier="pro")["estimated_seconds"] is None


def test_the_estimate_counts_the_engines_own_queue_and_threads(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, ctx = routed
    routing.register(ctx.db, "cpu-host:1:abc", [TEST_ENGINE], 1)
    routing.register(ctx.db, "gpu-host:1:abc", [OTHER_ENGINE], 1)
    for _ in range(6):
        generate(client, customer, tier="pro")
    # Six pro outputs wait for the GPU worker, none for the CPU one (2 s per output before any is measured).
    assert generate(client, customer, tier="nano")["estimated_seconds"] == 4
    assert generate(client, customer, tier="pro")["estimated_seconds"] == 2 * (7 + 1)
    with ctx.db.reader() as session:
        assert routing.live_threads(session, ctx.settings.lease_seconds) == {TEST_ENGINE: 1, OTHER_ENGINE: 1}


def test_a_job_whose_engine_has_no_worker_expires_refunded(routed: tuple[TestClient, Customer, Context]) -> None:
    client, customer, ctx = routed
    job_id = generate(client, customer, tier="pro")["job_id"]
    assert client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()["credits_remaining"] == 97
    assert Worker(ctx, EngineSet([TEST_ENGINE])).run_once() is False, "no CPU worker takes it"
    with ctx.db.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert reap(ctx) == 1
    job = job_row(ctx, job_id)
    assert job.status == "failed" and job.error_code == "expired"
    with ctx.db.reader() as session:
        balance = session.scalar(text("SELECT balance FROM accounts WHERE id = :id"), {"id": customer.account_id})
    assert balance == 100


def test_worker_processes_register_beat_and_leave(tmp_path: Path, database_url: str) -> None:
    settings = migrated_settings(tmp_path, database_url, heartbeat_seconds=0.05, lease_seconds=1)
    ctx = Context.from_settings(settings)
    try:
        with ctx.db.session() as session:  # a process that died long ago
            old = utcnow() - timedelta(seconds=60)
            session.add(WorkerRecord(id="gone:1:abc", engines=["classic"], threads=1, started_at=old, seen_at=old))
        pool = WorkerPool(ctx, 2, engine=EngineSet(["a", "b"]))
        pool.start()
        try:
            with ctx.db.reader() as session:
                row = session.get(WorkerRecord, pool.liveness.worker_id)
                assert row is not None and row.engines == ["a", "b"] and row.threads == 2
                first_seen = row.seen_at

            def beaten() -> bool:
                with ctx.db.reader() as session:
                    row = session.get(WorkerRecord, pool.liveness.worker_id)
                    return (
                        row is not None and row.seen_at > first_seen and session.get(WorkerRecord, "gone:1:abc") is None
                    )

            wait_until(beaten, 10, "a beat that also forgets the long-gone process")
            with ctx.db.reader() as session:
                assert routing.live_threads(session, 1) == {"a": 2, "b": 2}
        finally:
            pool.stop(timeout=5)
        with ctx.db.reader() as session:
            assert session.scalars(select(WorkerRecord)).all() == []
        api_only = WorkerPool(ctx, 0)
        api_only.start()
        api_only.stop(timeout=5)
        with ctx.db.reader() as session:
            assert session.scalars(select(WorkerRecord)).all() == [], "an API without workers renders nothing"
    finally:
        ctx.close()


# --- the migration ---


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    with postgres_database("fitroom_migrate") as url:
        yield url


def test_migration_gives_existing_jobs_their_tiers_engine(
    empty_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(empty_database)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))

    def to(revision: str, *, down: bool = False) -> None:
        with db.engine.connect() as conn:
            config.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(config, revision)
            conn.commit()

    try:
        to("0001")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO accounts VALUES ('a', 'a@example.com', NULL, false, 0, '2026-01-01')"))
            for tier in ("nano", "pro"):
                conn.execute(
                    text(
                        "INSERT INTO jobs (id, account_id, dialect, tier, swap_target, options, status, progress, priority,"
                        " attempts, credits_reserved, created_at, expires_at) VALUES (:id, 'a', 'virtufit', :tier, 'top',"
                        " '{}', 'queued', 0, 0, 0, 1, '2026-01-01', '2030-01-01')"
                    ),
                    {"id": f"job-{tier}", "tier": tier},
                )
                conn.execute(
                    text(
                        "INSERT INTO job_items (id, job_id, position, status, price) VALUES (:id, :job, 0, 'queued', 1)"
                    ),
                    {"id": f"item-{tier}", "job": f"job-{tier}"},
                )
        monkeypatch.setenv("FITROOM_ENGINE", "classic")
        monkeypatch.setenv("FITROOM_ENGINES", "pro=fashn-vton")
        monkeypatch.chdir(tmp_path)  # the settings the migration reads: no stray .env
        to("head")
        with db.engine.connect() as conn:
            engines = {tier: engine for tier, engine in conn.execute(text("SELECT tier, engine FROM jobs"))}
            assert engines == {"nano": "classic", "pro": "fashn-vton"}
            assert conn.execute(text("SELECT count(*) FROM workers")).scalar() == 0
        to("0001", down=True)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM job_items")).scalar() == 2, "downgrading keeps the items"
    finally:
        db.dispose()
