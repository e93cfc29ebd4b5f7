"""A PostgreSQL database of its own, made on the admin server and dropped afterwards.

Kept apart from `app.py` and free of fitroom imports so the benchmarks (bench/api.py) can
use it without loading the test app.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

#: The server the tests make their databases on (the benchmarks pass their own).
PG_ADMIN_URL = os.environ.get("FITROOM_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def postgres_database(prefix: str = "fitroom_test", admin_url: str | None = None) -> Iterator[str]:
    """A PostgreSQL database of its own (its SQLAlchemy URL), dropped when the block ends."""
    admin = admin_url or PG_ADMIN_URL
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
