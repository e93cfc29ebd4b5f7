"""Fixtures: every service test runs twice, on SQLite and on the real PostgreSQL server.

PostgreSQL tests get a fresh database per test run (created here, dropped at the end)
on 127.0.0.1:5432; set FITROOM_TEST_PG_ADMIN_URL to use another server. They fail, not
skip, if the server is unreachable, so CI cannot pass without them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from fitroom.api.app import create_app
from fitroom.context import Context
from fitroom.db import Database
from fitroom.db.models import Base
from fitroom.settings import Settings
from tests.support.app import Customer, LiveServer, free_port, make_customer, migrated_settings, serving
from tests.support.images import garment_photo, person_photo
from tests.support.postgres import postgres_database
from tests.support.services import S3Server, s3_server


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with postgres_database() as url:
        db = Database(url)
        db.migrate()
        db.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fitroom.db'}"
    url: str = request.getfixturevalue("pg_url")
    db = Database(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.dispose()
    return url


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return migrated_settings(tmp_path, database_url)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def customer(settings: Settings, client: TestClient) -> Customer:
    return make_customer(settings)


@pytest.fixture
def live_server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """The app on a real loopback port, served by uvicorn in a thread."""
    with serving(tmp_path, database_url) as server:
        yield server


@pytest.fixture
def image_server() -> Iterator[str]:
    """A loopback HTTP server serving a person photo, a garment photo and a non-image."""
    blobs = {"/person.jpg": person_photo(), "/garment.png": garment_photo(), "/notimage": b"<html></html>"}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = blobs.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    """The service's context (database, store, events) on `settings`, closed after the test."""
    context = Context.from_settings(settings)
    yield context
    context.close()


@pytest.fixture
def open_context() -> Iterator[Callable[[Settings], Context]]:
    """Opens contexts on settings of the test's own; each is closed after the test."""
    opened: list[Context] = []

    def open_one(settings: Settings) -> Context:
        opened.append(Context.from_settings(settings))
        return opened[-1]

    yield open_one
    for context in opened:
        context.close()


@pytest.fixture
def fresh_database() -> Iterator[str]:
    """An empty PostgreSQL database of the test's own (not migrated), dropped at the end."""
    with postgres_database("fitroom_fresh") as url:
        yield url


@pytest.fixture
def s3(tmp_path: Path) -> Iterator[S3Server]:
    """moto's S3 server on a free loopback port, for the test."""
    with s3_server(free_port(), tmp_path / "moto.log") as server:
        yield server
