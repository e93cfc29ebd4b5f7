"""Which engine renders a job, and which worker processes are alive to render it.

A job records its engine when it is accepted (`Settings.tier_engines`); a worker claims
only jobs of the engines it runs. Each worker process with render threads keeps a row in
the `workers` table fresh, so the API can tell a client (and `/readyz` an operator) that
a job's engine has no live worker: the job then waits in the queue until one starts, or
expires and is refunded like any job.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from fitroom.db import Database, retrying, utcnow
from fitroom.db.models import Job, WorkerRecord
from fitroom.domain import JobStatus
from fitroom.engines import Engine, EngineUnavailable, load_engine
from fitroom.settings import Settings

log = logging.getLogger(__name__)

#: A row not seen for this many leases is deleted by any live worker: its process is long gone.
FORGET_AFTER_LEASES = 10


class EngineSet:
    """The engines one worker process runs: each loaded once, shared by its render threads.

    An engine that cannot load is remembered with the reason; its jobs then fail with
    `engine_error` (refunded) while the process keeps serving its other engines. Engines
    that take settings get `settings` (else they read the environment's).
    """

    def __init__(
        self, names: Iterable[str], settings: Settings | None = None, loaded: Mapping[str, Engine] | None = None
    ) -> None:
        self.names = tuple(dict.fromkeys(names))
        self.settings = settings
        self._engines: dict[str, Engine] = dict(loaded or {})
        self._errors: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> Engine:
        """The engine called `name`, loading it on first use; `EngineUnavailable` if it cannot load.

        Loads are serialised (one load per name, however many threads ask at once); an engine
        already loaded is handed out without waiting for another's load.
        """
        loaded = self._engines.get(name)
        if loaded is not None:
            return loaded
        with self._lock:
            if name in self._engines:
                return self._engines[name]
            if name not in self.names:
                raise EngineUnavailable(f"this worker does not run engine {name!r}")
            if name in self._errors:
                raise EngineUnavailable(self._errors[name])
            try:
                engine = self._engines[name] = load_engine(name, self.settings)
            except Exception as exc:  # a plugin's own failure too: its jobs fail, the worker goes on
                reason = (
                    str(exc)
                    if isinstance(exc, EngineUnavailable)
                    else f"cannot load engine {name!r}: {type(exc).__name__}: {exc}"
                )
                self._errors[name] = reason
                log.warning(
                    "engine unavailable; its jobs fail with engine_error", extra={"engine": name, "reason": reason}
                )
                raise EngineUnavailable(reason) from exc
            return engine

    def load_all(self) -> dict[str, str]:
        """Load every engine now; each one's state: `ok` or `unavailable: why`."""
        states: dict[str, str] = {}
        for name in self.names:
            try:
                self.get(name)
                states[name] = "ok"
            except EngineUnavailable as exc:
                states[name] = f"unavailable: {exc}"
        return states


def register(db: Database, worker_id: str, engines: Iterable[str], threads: int) -> None:
    """Announce a worker process (or refresh its row after a database restart)."""

    def write() -> None:
        now = utcnow()
        with db.session() as session:
            row = session.get(WorkerRecord, worker_id)
            if row is None:
                session.add(
                    WorkerRecord(id=worker_id, engines=list(engines), threads=threads, started_at=now, seen_at=now)
                )
            else:
                row.engines, row.threads, row.seen_at = list(engines), threads, now

    retrying(write)


def beat(db: Database, worker_id: str, engines: Iterable[str], threads: int, lease_seconds: float) -> None:
    """Mark the worker seen now, and forget the rows of processes gone for long."""
    now = utcnow()
    with db.session() as session:
        seen = cast(
            "CursorResult[Any]",
            session.execute(update(WorkerRecord).where(WorkerRecord.id == worker_id).values(seen_at=now)),
        )
        forgotten = now - timedelta(seconds=lease_seconds * FORGET_AFTER_LEASES)
        session.execute(delete(WorkerRecord).where(WorkerRecord.seen_at < forgotten))
    if seen.rowcount == 0:  # deleted meanwhile (its beats stalled for long): announce it again
        register(db, worker_id, engines, threads)


def unregister(db: Database, worker_id: str) -> None:
    """A clean stop: the process no longer renders anything."""

    def remove() -> None:
        with db.session() as session:
            session.execute(delete(WorkerRecord).where(WorkerRecord.id == worker_id))

    retrying(remove)


#: Built once (read on every accept's estimate).
_LIVE_WORKERS = select(WorkerRecord.engines, WorkerRecord.threads).where(WorkerRecord.seen_at >= bindparam("since"))


def live_threads(session: Session, lease_seconds: float) -> dict[str, int]:
    """Render threads per engine, over the worker processes seen within a lease."""
    since = utcnow() - timedelta(seconds=lease_seconds)
    threads: dict[str, int] = {}
    for engines, count in session.connection().execute(_LIVE_WORKERS, {"since": since}):  # see `service._queued`
        for name in engines:
            threads[name] = threads.get(name, 0) + count
    return threads


class Liveness:
    """Keeps a worker process's row fresh from a background thread until `stop()`."""

    def __init__(
        self, db: Database, worker_id: str, engines: Iterable[str], threads: int, interval: float, lease_seconds: float
    ) -> None:
        self.db, self.worker_id = db, worker_id
        self.engines, self.threads = tuple(engines), threads
        self.interval, self.lease_seconds = interval, lease_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-liveness", daemon=True)

    def start(self) -> None:
        try:
            register(self.db, self.worker_id, self.engines, self.threads)
        except Exception:  # the database is down: the first beat that reaches it registers
            log.exception("could not register the worker; retrying with each beat", extra={"worker": self.worker_id})
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                retrying(lambda: beat(self.db, self.worker_id, self.engines, self.threads, self.lease_seconds))
            except Exception:
                log.exception("worker liveness beat failed", extra={"worker": self.worker_id})

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        try:
            unregister(self.db, self.worker_id)
        except Exception:
            log.exception("could not remove the worker's row; it ages out", extra={"worker": self.worker_id})


def unserved(session: Session, tier_engines: Mapping[str, str], lease_seconds: float) -> dict[str, int]:
    """Engines with no live worker: each configured for a tier or named by a waiting job, with
    how many jobs wait for it (queued, or held by a worker whose lease ran out); they wait
    until a worker runs the engine, or expire."""
    live = live_threads(session, lease_seconds)
    now = utcnow()
    takeable = (Job.status == JobStatus.QUEUED) | ((Job.status == JobStatus.PROCESSING) & (Job.lease_expires_at < now))
    waiting = dict(session.execute(select(Job.engine, func.count()).where(takeable).group_by(Job.engine)).all())
    names = dict.fromkeys([*tier_engines.values(), *waiting])
    return {name: waiting.get(name, 0) for name in names if not live.get(name)}
