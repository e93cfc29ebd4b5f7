"""The app as tests run it: settings, customers, free ports, and the app served for real.

Plain helpers (not fixtures) for tests that need settings of their own; the fixtures built
on them are in tests/conftest.py.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi.testclient import TestClient

from fitroom import accounts
from fitroom.api.app import create_app
from fitroom.db import Database
from fitroom.jobs import credits
from fitroom.settings import Settings

TEST_ENGINE = "tests.support.engines:TintEngine"


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


@contextmanager
def running_app(tmp_path: Path, database_url: str, **overrides: object) -> Iterator[tuple[TestClient, Customer]]:
    """A client for an app with non-default settings, and a customer of it."""
    settings = migrated_settings(tmp_path, database_url, **overrides)
    with TestClient(create_app(settings)) as test_client:
        yield test_client, make_customer(settings)
