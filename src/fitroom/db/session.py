"""One `Database` object per process: the SQLAlchemy engine plus transaction helpers.

SQLite runs every transaction as `BEGIN IMMEDIATE`: writers queue on the file lock up
front instead of failing half-way with "database is locked" when a read transaction
tries to upgrade. That gives the same serialisable behaviour the job queue and credit
ledger rely on under PostgreSQL row locks.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
#: PostgreSQL advisory lock key held while migrating (any constant shared by all processes).
_MIGRATION_LOCK = 0x66697472  # "fitr"


log = logging.getLogger(__name__)
T = TypeVar("T")

#: SQLite connections a process keeps open: as many as the API's worker threads (anyio's default
#: limit). With SQLAlchemy's default of 5, the accept's read under 16 concurrent uploads took
#: overflow connections, closed as they came back and opened again on the next accept, each
#: open setting WAL mode and re-reading the schema. An idle connection is a file handle.
SQLITE_POOL_SIZE = 40


def utcnow() -> datetime:
    return datetime.now(UTC)


def connection_lost(exc: BaseException) -> bool:
    """Whether a database error means the connection died (server restart, terminated backend)."""
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def retrying(action: Callable[[], T], tries: int = 3) -> T:
    """Run a database action again when its connection was lost mid-way (the pool reconnects).

    Only for actions that are safe to repeat: reads, and writes that check what they change.
    """
    for attempt in range(1, tries + 1):
        try:
            return action()
        except DBAPIError as exc:
            if not connection_lost(exc) or attempt == tries:
                raise
            log.warning("database connection lost; retrying", extra={"attempt": attempt})
            time.sleep(0.1 * attempt)
    raise AssertionError("unreachable")


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Read-only sessions take no lock up front: WAL readers never wait for writers.
        readonly = conn.get_execution_options().get("fitroom_readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


class Database:
    """Engine, session factory and the backend's name ("sqlite" or "postgresql").

    Statement parameters are kept out of error messages (`hide_parameters`): they hold
    webhook secrets and customers' text, and errors end up in logs.
    """

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        if url.startswith("sqlite"):
            self.engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": 30},
                pool_size=SQLITE_POOL_SIZE,
                hide_parameters=True,
            )
            _sqlite_setup(self.engine)
        else:
            self.engine = create_engine(
                url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True, hide_parameters=True
            )
        self.backend = self.engine.dialect.name
        # SQLite has one writer at a time. Its busy handler makes a waiting writer sleep and
        # retry (1, 2, 5, 10 … 100 ms steps), so under load writers mostly sleep past the moment
        # the lock is free; this process's writers take turns on a lock of its own instead,
        # and are woken as soon as the one before commits. Other processes still meet at
        # SQLite's lock. Re-entrant, so a nested writer behaves as it did without it.
        self._write_turn = threading.RLock() if self.backend == "sqlite" else None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        readers = self.engine.execution_options(fitroom_readonly=True)
        if self.backend == "postgresql":
            # Each statement of a READ COMMITTED transaction sees its own snapshot, so a read
            # loses nothing outside one; it saves the BEGIN and COMMIT round trips (a job
            # status read was four: ping, BEGIN, SELECT, COMMIT; now two).
            readers = readers.execution_options(isolation_level="AUTOCOMMIT")
        self._readers = sessionmaker(readers, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._write_turn or nullcontext(), self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reads only; on SQLite it does not queue behind writers."""
        with self._readers() as session, session.begin():
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision.

        On PostgreSQL an advisory lock makes processes that start together (API replicas,
        workers) migrate one after the other: the first upgrades, the others find it done.
        """
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.connect() as conn:
            locked = self.backend == "postgresql"
            if locked:
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
                conn.commit()  # a session-level lock outlives this transaction; Alembic runs its own
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            finally:
                if locked:
                    conn.rollback()
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
                    conn.commit()

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
