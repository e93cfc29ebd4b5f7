"""Fixtures: every service test runs twice, on SQLite and on the real PostgreSQL server.

PostgreSQL tests get a fresh database per test run (created here, dropped at the end)
on 127.0.0.1:5432; set FITROOM_TEST_PG_ADMIN_URL to use another server. They fail, not
skip, if the server is unreachable, so CI cannot pass without them.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psycopg
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import text

from fitroom import accounts
from fitroom.api.app import create_app
from fitroom.db import Database
from fitroom.db.models import Base
from fitroom.jobs import credits
from fitroom.settings import Settings
from tests.support.images import garment_photo, person_photo

PG_ADMIN_URL = os.environ.get("FITROOM_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TEST_ENGINE = "tests.support.engines:TintEngine"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    name = f"fitroom_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + f"/{name}"
    db = Database(url)
    db.migrate()
    db.dispose()
    yield url
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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


def make_settings(tmp_path: Path, database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path / "data",
        "database_url": database_url,
        "engine": TEST_ENGINE,
        "workers": 1,
        "poll_seconds": 0.05,
        "listen_poll_seconds": 0.5,
        "heartbeat_seconds": 0.2,
        "lease_seconds": 5,
        "rate_limit": "10000/minute",
        "secret_key": "test-secret",
        "public_url": "http://testserver",
        "reaper_interval_seconds": 3600,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def migrated_settings(tmp_path: Path, database_url: str, **overrides: object) -> Settings:
    made = make_settings(tmp_path, database_url, **overrides)
    db = Database(made.resolved_database_url)
    db.migrate()
    db.dispose()
    return made


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return migrated_settings(tmp_path, database_url)


@dataclass
class Customer:
    """An account with a key, as the tests' clients use it."""

    account_id: str
    key: str
    email: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-API-Key": self.key}


def make_customer(settings: Settings, balance: int = 100, email: str | None = None) -> Customer:
    db = Database(settings.resolved_database_url)
    try:
        with db.session() as session:
            account = accounts.create_account(session, email or f"{uuid.uuid4().hex[:8]}@example.com")
            if balance:
                credits.grant(session, account.id, balance)
            key = accounts.create_key(session, account)
            return Customer(account.id, key, account.email)
    finally:
        db.dispose()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def customer(settings: Settings, client: TestClient) -> Customer:
    return make_customer(settings)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    settings: Settings


@contextmanager
def serving(tmp_path: Path, database_url: str, **overrides: object) -> Iterator[LiveServer]:
    """The app, with settings overrides, on a real loopback port, served by uvicorn in a thread."""
    port = free_port()
    settings = migrated_settings(
        tmp_path, database_url, **{"public_url": f"http://127.0.0.1:{port}", "workers": 2, **overrides}
    )
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", settings)
    finally:
        server.should_exit = True
        thread.join(30)


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


@contextmanager
def running_app(tmp_path: Path, database_url: str, **overrides: object) -> Iterator[tuple[TestClient, Customer]]:
    """A client for an app with non-default settings, and a customer of it."""
    settings = migrated_settings(tmp_path, database_url, **overrides)
    with TestClient(create_app(settings)) as test_client:
        yield test_client, make_customer(settings)
