"""Accepting jobs: the one internal job model every API dialect maps onto (reading: `reading`).

A job is accepted with everything that decides its render: the engine its tier is
configured for now, and a seed (the request's, or one drawn here), so rendering it again
later, on any worker, gives the same image.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from fitroom.context import Context
from fitroom.db import Database, connection_lost, retrying, utcnow
from fitroom.db.models import Job, JobItem, new_id
from fitroom.domain import DEFAULT_SWAP_TARGET, DEFAULT_TIER, TIERS, UNFINISHED, JobOptions, JobStatus
from fitroom.imaging import MEDIA_TYPES
from fitroom.jobs import credits, idempotency, queue, routing
from fitroom.logs import request_id
from fitroom.storage.keys import job_blob, job_prefixes

log = logging.getLogger(__name__)

#: Render time assumed per output before any job of the engine has been measured.
DEFAULT_RENDER_SECONDS = 2.0
#: `Retry-After` for a full queue whose jobs' engine has no live worker: nothing to measure.
UNKNOWN_RETRY_SECONDS = 60
#: Seeds are drawn from [0, SEED_LIMIT) (FASHN's range), when a request gives none.
SEED_LIMIT = 2**32


@dataclass
class ImageInput:
    data: bytes
    format: str  # jpeg | png | webp, sniffed from the content


@dataclass
class JobRequest:
    """A validated request from any dialect."""

    dialect: str
    person: ImageInput
    garments: list[ImageInput]
    tier: str = DEFAULT_TIER
    swap_target: str = DEFAULT_SWAP_TARGET
    compose: str = "separate"  # separate: one output per garment; layered: one in all
    garment_description: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    seed: int | None = None
    output_format: str = "jpeg"
    #: FASHN: outputs as `data:` URIs in the status answer instead of URLs.
    return_base64: bool = False
    #: FASHN: "flat-lay" or "model" when the client says how the garment was photographed.
    garment_photo_type: str | None = None
    #: Set by dialects whose provider charges per job, not per garment (Miragic: one basic run).
    fixed_price: int | None = None
    #: With compose="layered": each garment's own swap_target, when the dialect knows it (Miragic's
    #: combo: top and bottom); the worker then puts them on one by one, in layer order.
    garment_targets: list[str] | None = None
    #: The API key that asked for the job (a publishable key reads only the jobs it made).
    api_key_id: str | None = None

    @property
    def price(self) -> int:
        if self.fixed_price is not None:
            return self.fixed_price
        return TIERS[self.tier].price * len(self.garments)


@dataclass
class Submitted:
    """An accepted job and its estimate (None: no live worker runs its engine); `replayed` when
    an idempotency key named a job made before."""

    job: Job
    estimate: int | None
    replayed: bool = False


class QueueFull(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("the render queue is full")
        self.retry_after = retry_after


#: Per unfinished job, its outputs still waiting, counted from the job through the outputs' job
#: index. It was a join, which PostgreSQL planned, once psycopg prepared it (its fifth run),
#: from the statistics of that moment: in a new database, before autovacuum's first ANALYZE,
#: none, so a nested loop over every queued output for each queued job, kept as the queue grew
#: (35 ms at 500 queued, 280 ms at 2000, on every accept; 1.0 and 3.3 ms now). Materialized, so
#: SQLite counts each job's outputs once, not once for each sum.
_WAITING = (
    select(
        Job.engine,
        select(func.count(JobItem.id))
        .where(JobItem.job_id == Job.id, JobItem.status == JobStatus.QUEUED)
        .scalar_subquery()
        .label("waiting"),
    )
    .where(Job.status.in_(UNFINISHED))
    .cte("waiting")
    .prefix_with("MATERIALIZED")
)
#: Built once (the engine a bound parameter): it runs on every accept, and building it cost
#: more Python than running it.
_QUEUED = select(
    func.sum(_WAITING.c.waiting), func.sum(_WAITING.c.waiting).filter(_WAITING.c.engine == bindparam("engine"))
)


def _queued(session: Session, engine: str | None) -> tuple[int, int]:
    """Outputs waiting to be rendered: all of them, and those of `engine`'s jobs (0 when None), in one count.

    Run on the session's connection: the session's own `execute` added about 65 µs of Python
    per statement (ORM execution options, events, result wrapping) to a count that takes 35.
    """
    row = session.connection().execute(_QUEUED, {"engine": engine}).one()
    return int(row[0] or 0), int(row[1] or 0)


def queued_items(session: Session, engine: str | None = None) -> int:
    """Outputs waiting to be rendered: all, or those of `engine`'s jobs."""
    everything, of_engine = _queued(session, engine)
    return everything if engine is None else of_engine


#: How long a process reuses an engine's mean render time for estimates (it moves slowly: a
#: mean over 50 outputs), so accepting a job does not read the finished outputs every time.
MEAN_RENDER_CACHE_SECONDS = 2.0
#: Per database (each app's own), per engine: the mean and when it goes stale (monotonic time).
_mean_render_cache: WeakKeyDictionary[Database, dict[str, tuple[float, float]]] = WeakKeyDictionary()


def mean_render_seconds(session: Session, engine: str, sample: int = 50) -> float:
    """Mean time per output of `engine` over its most recent finished outputs."""
    recent = (
        select(JobItem.render_ms)
        .join(Job, Job.id == JobItem.job_id)
        .where(Job.engine == engine, JobItem.render_ms.is_not(None))
        .order_by(JobItem.completed_at.desc())
        .limit(sample)
        .subquery()
    )
    mean_ms = session.scalar(select(func.avg(recent.c.render_ms)))
    return float(mean_ms) / 1000 if mean_ms else DEFAULT_RENDER_SECONDS


def _recent_mean_render_seconds(ctx: Context, session: Session, engine: str) -> float:
    """`mean_render_seconds`, read at most once per `MEAN_RENDER_CACHE_SECONDS` per database and engine."""
    means = _mean_render_cache.setdefault(ctx.db, {})
    now = time.monotonic()
    cached = means.get(engine)
    if cached is not None and cached[1] > now:
        return cached[0]
    mean = mean_render_seconds(session, engine)
    means[engine] = (mean, now + MEAN_RENDER_CACHE_SECONDS)
    return mean


def estimate_seconds(
    session: Session, ctx: Context, own_items: int, engine: str, pending: int = 0, queued: int | None = None
) -> int | None:
    """Seconds until a job of `engine` with `own_items` outputs, queued now, is likely done.

    The queue is counted with the job in it (`queued`: the engine's outputs waiting, when the
    caller has counted them); `pending` is what the count cannot see yet (the job's own
    outputs, when estimated before its insert). None when no live worker runs `engine`: the
    job waits until one starts, or expires.
    """
    threads = routing.live_threads(session, ctx.settings.lease_seconds).get(engine, 0)
    if not threads:
        return None
    per_item = _recent_mean_render_seconds(ctx, session, engine)
    ahead = (queued_items(session, engine) if queued is None else queued) + pending
    return max(1, round(per_item * (ahead / threads + own_items)))


def _room_and_estimate(session: Session, ctx: Context, own_items: int, engine: str) -> int | None:
    """`QueueFull` if the queue has no room, else the new job's estimate (its outputs not yet
    inserted): both from one read. The whole queue and the engine's share of it are one count."""
    everything, of_engine = _queued(session, engine)
    if everything >= ctx.settings.max_queue:
        retry_after = estimate_seconds(session, ctx, 0, engine, queued=of_engine)
        raise QueueFull(retry_after=UNKNOWN_RETRY_SECONDS if retry_after is None else retry_after)
    return estimate_seconds(session, ctx, own_items, engine, pending=own_items, queued=of_engine)


def _read_room_and_estimate(ctx: Context, own_items: int, engine: str) -> int | None:
    """`_room_and_estimate` in a read of its own (SQLite), before the write transaction, which then
    holds the database's one write lock only for the reservation and the inserts."""
    with ctx.db.reader() as session:
        return _room_and_estimate(session, ctx, own_items, engine)


def submit(ctx: Context, account_id: str, request: JobRequest) -> tuple[Job, int | None]:
    """Store the inputs, reserve credits and queue the job; returns it and the estimate.

    Raises `credits.InsufficientCredits` or `QueueFull`; then nothing is kept.
    """
    done = submit_once(ctx, account_id, request, None)
    return done.job, done.estimate


def submit_once(ctx: Context, account_id: str, request: JobRequest, idempotency_key: str | None) -> Submitted:
    """`submit`, made at most once per idempotency key (see `idempotency`).

    A repeat of the key's first request answers with its job; a different request raises
    `idempotency.IdempotencyConflict`. Without a key every call makes a job.
    """
    if idempotency_key is None:
        return _submit(ctx, account_id, request, None)
    digest = idempotency.fingerprint(request)
    for _ in range(3):
        replay = retrying(lambda: _replay(ctx, account_id, idempotency_key, digest))
        if replay is not None:
            return replay
        try:
            return _submit(ctx, account_id, request, (idempotency_key, digest))
        except idempotency.KeyTaken:
            continue  # another request claimed it meanwhile: answer with its job
    raise RuntimeError("the idempotency key kept changing hands")


def _replay(ctx: Context, account_id: str, key: str, digest: str) -> Submitted | None:
    """The job the key's first request made, or None if the key is unused (or expired)."""
    with ctx.db.reader() as session:
        record = idempotency.find(session, account_id, key)
        if record is None:
            return None
        if record.fingerprint != digest:
            raise idempotency.IdempotencyConflict(key)
        job = session.get(Job, record.job_id, options=[selectinload(Job.items)])
        if job is None:
            return None
        return Submitted(job, estimate_seconds(session, ctx, len(job.items), job.engine), replayed=True)


def _submit(ctx: Context, account_id: str, request: JobRequest, claim: tuple[str, str] | None) -> Submitted:
    """Check the queue's room, store the inputs, then record the job (claiming `claim`'s key first).

    On PostgreSQL the room is checked in the write transaction, before anything is written
    there: a read of its own cost a session, a connection checkout and its pre-ping round trip
    per accept, and PostgreSQL's row locks leave other writers free meanwhile (SQLite's write
    lock is the whole file, so there the read comes first). A refusal then comes after the
    inputs are stored, and removes them.
    """
    engine = ctx.settings.tier_engines[request.tier]
    own_items = 1 if request.compose == "layered" else len(request.garments)
    checked_in_transaction = ctx.db.backend == "postgresql"
    estimate = None if checked_in_transaction else retrying(lambda: _read_room_and_estimate(ctx, own_items, engine))

    job_id = new_id()
    person_key = job_blob(job_id, f"person.{request.person.format}")
    garment_keys = [job_blob(job_id, f"garment-{i}.{g.format}") for i, g in enumerate(request.garments)]
    ctx.store.put(person_key, request.person.data, MEDIA_TYPES[request.person.format])
    for key, garment in zip(garment_keys, request.garments):
        ctx.store.put(key, garment.data, MEDIA_TYPES[garment.format])

    seed = request.seed if request.seed is not None else secrets.randbelow(SEED_LIMIT)

    def build() -> Job:
        now = utcnow()
        per_garment = TIERS[request.tier].price
        if request.compose == "layered":
            items = [
                JobItem(
                    id=new_id(),
                    job_id=job_id,
                    position=0,
                    garment_key=None,
                    price=request.price,
                    status=JobStatus.QUEUED,
                )
            ]
        else:
            items = [
                JobItem(
                    id=new_id(), job_id=job_id, position=i, garment_key=k, price=per_garment, status=JobStatus.QUEUED
                )
                for i, k in enumerate(garment_keys)
            ]
        return Job(
            id=job_id,
            account_id=account_id,
            dialect=request.dialect,
            tier=request.tier,
            engine=engine,
            swap_target=request.swap_target,
            stored_options=JobOptions(
                garment_keys=garment_keys,
                compose=request.compose,
                garment_description=request.garment_description,
                garment_targets=request.garment_targets,
                seed=seed,
                output_format=request.output_format,
                return_base64=request.return_base64,
                garment_photo_type=request.garment_photo_type,
            ).to_json(),
            person_key=person_key,
            status=JobStatus.QUEUED,
            progress=0,
            attempts=0,
            priority=TIERS[request.tier].priority,
            credits_reserved=request.price,
            webhook_url=request.webhook_url,
            webhook_secret=request.webhook_secret,
            api_key_id=request.api_key_id,
            created_at=now,
            expires_at=now + timedelta(hours=ctx.settings.retention_hours),
            items=items,
        )

    def first(session: Session) -> None:
        nonlocal estimate
        if checked_in_transaction:
            estimate = _room_and_estimate(session, ctx, own_items, engine)
        if claim is not None:
            idempotency.claim(session, account_id, claim[0], claim[1], job_id)

    try:
        job = _record(ctx, account_id, request.price, build, first)
    except BaseException:
        ctx.store.delete_prefix(job_prefixes(job_id)[0])
        raise
    log.info(
        "job accepted",
        extra={
            "request_id": request_id.get(),
            "job_id": job.id,
            "account_id": account_id,
            "dialect": job.dialect,
            "tier": job.tier,
            "outputs": len(job.items),
            "credits_reserved": job.credits_reserved,
        },
    )
    return Submitted(job, estimate)


def _column_values(entity: type[Job] | type[JobItem]) -> Callable[[Job | JobItem], dict[str, object]]:
    """The values set on an unsaved object of `entity`, by column: what a plain INSERT needs."""
    pairs = [(attribute.key, attribute.columns[0].key) for attribute in entity.__mapper__.column_attrs]

    def values(obj: Job | JobItem) -> dict[str, object]:
        given = vars(obj)
        return {column: given[key] for key, column in pairs if key in given}

    return values


_JOBS, _ITEMS = Job.metadata.tables[Job.__tablename__], JobItem.metadata.tables[JobItem.__tablename__]
_INSERT_JOB, _INSERT_ITEMS = insert(_JOBS), insert(_ITEMS)
_job_values = _column_values(Job)
_item_values = _column_values(JobItem)


def _insert(session: Session, job: Job) -> None:
    """Insert the job and its items as plain INSERTs (the items in one executemany), not through
    the unit of work: every value is set on the objects beforehand (ids included), nothing reads
    them back, and on every accept the unit of work's bookkeeping cost more than the statements."""
    connection = session.connection()  # not the session's `execute`: see `_queued`
    connection.execute(_INSERT_JOB, _job_values(job))
    connection.execute(_INSERT_ITEMS, [_item_values(item) for item in job.items])


def _record(
    ctx: Context,
    account_id: str,
    price: int,
    build: Callable[[], Job],
    first: Callable[[Session], None],
    tries: int = 3,
) -> Job:
    """Reserve the credits and queue the job in one transaction, exactly once.

    `first` runs at the start of that transaction (on PostgreSQL checking the queue's room,
    then claiming an idempotency key), before credits are reserved, so a request that loses
    the key is never refused for credits.
    The credits are reserved last, just before the commit: on PostgreSQL the balance's
    `UPDATE` locks the account's row until then, and every accept of the account queues on
    that lock, so it is held for the reservation alone, not for the job's inserts too (a
    refusal still rolls them back).

    When the connection dies (a restarted server, a terminated backend) the transaction is
    tried again on a new one, unless its commit went through before the answer was lost:
    the job id is fixed before the first try, so its row tells.
    """
    for attempt in range(1, tries + 1):
        job = build()
        try:
            with ctx.db.session() as session:
                first(session)
                _insert(session, job)
                queue.announce(session)
                credits.reserve(session, account_id, price, job.id)
            return job
        except DBAPIError as exc:
            if not connection_lost(exc) or attempt == tries:
                raise

            def committed() -> bool:  # called at once, in this iteration
                with ctx.db.reader() as session:
                    return session.get(Job, job.id) is not None  # noqa: B023

            if retrying(committed):
                return job
    raise AssertionError("unreachable")
