"""The verified-key cache: a key that passed lately is taken on trust for `KEY_CACHE_SECONDS` at
most, so a key revoked or an account disabled by another process stops working within that
bound, and at once when the change is made through this process. On both databases.
"""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from fitroom import accounts
from fitroom.accounts import KEY_CACHE_SECONDS, KeyCache
from fitroom.db import Database, utcnow
from fitroom.db.models import Account, ApiKey
from fitroom.settings import Settings
from tests.support.app import Customer, make_customer

#: The bound the tests run with (the product's is `KEY_CACHE_SECONDS`), short to keep them
#: quick, and long enough that the change made from another connection lands inside it on
#: a loaded machine (at 0.5 s a CI run with another beside it saw the cache expire first).
BOUND = 1.5


def status_of(client: TestClient, customer: Customer) -> int:
    """An API call with the customer's key: 404 (an unknown job) means the key was accepted."""
    return client.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000", headers=customer.headers).status_code


def change_elsewhere(settings: Settings, statement: object) -> None:
    """Change a row as another process would: a plain SQL statement, which this process's ORM never sees."""
    db = Database(settings.resolved_database_url)
    try:
        with db.engine.begin() as conn:
            conn.execute(statement)  # type: ignore[call-overload]
    finally:
        db.dispose()


def refused_within(client: TestClient, customer: Customer, bound: float) -> float:
    """Seconds until the key is refused, polling; fails if a call sent after `bound` (and a
    margin) still works. Timed from when each call is sent, not when it returns: a call
    sent within the bound may answer after it when the machine is loaded."""
    start = time.monotonic()
    while True:
        sent = time.monotonic() - start
        if status_of(client, customer) == 401:
            return time.monotonic() - start
        assert sent < bound + 0.5, "the key still works past the cache's bound"
        time.sleep(0.05)


def test_the_bound_is_a_few_seconds() -> None:
    assert 0 < KEY_CACHE_SECONDS <= 5


def test_a_key_revoked_by_another_process_stops_working_within_the_bound(
    settings: Settings, client: TestClient, customer: Customer
) -> None:
    client.app.state.key_cache = KeyCache(seconds=BOUND)  # type: ignore[attr-defined]
    assert status_of(client, customer) == 404
    prefix = customer.key.split("_")[1]
    change_elsewhere(settings, update(ApiKey).where(ApiKey.prefix == prefix).values(revoked_at=utcnow()))
    assert status_of(client, customer) == 404, "taken on trust from the cache within the bound"
    refused_within(client, customer, BOUND)


def test_a_disabled_account_stops_working_within_the_bound(
    settings: Settings, client: TestClient, customer: Customer
) -> None:
    client.app.state.key_cache = KeyCache(seconds=BOUND)  # type: ignore[attr-defined]
    assert status_of(client, customer) == 404
    change_elsewhere(settings, update(Account).where(Account.id == customer.account_id).values(disabled_at=utcnow()))
    refused_within(client, customer, BOUND)


def test_changes_made_through_this_process_take_effect_at_once(
    settings: Settings, client: TestClient, customer: Customer
) -> None:
    """The dashboard and the CLI revoke and disable through the ORM: cached keys are read again."""
    client.app.state.key_cache = KeyCache(seconds=3600)  # type: ignore[attr-defined]
    other = make_customer(settings)
    assert status_of(client, customer) == 404 and status_of(client, other) == 404
    db = Database(settings.resolved_database_url)
    try:
        with db.session() as session:
            accounts.revoke_key(session, customer.key.split("_")[1])
        assert status_of(client, customer) == 401
        with db.session() as session:
            account = session.get(Account, other.account_id)
            assert account is not None
            accounts.set_disabled(account, True)
        assert status_of(client, other) == 401
        with db.session() as session:
            account = session.get(Account, other.account_id)
            assert account is not None
            accounts.set_disabled(account, False)
        assert status_of(client, other) == 404
    finally:
        db.dispose()


def test_a_change_rolled_back_keeps_the_cache_and_the_key(
    settings: Settings, client: TestClient, customer: Customer
) -> None:
    client.app.state.key_cache = KeyCache(seconds=3600)  # type: ignore[attr-defined]
    assert status_of(client, customer) == 404
    generation = accounts.credentials_generation()
    db = Database(settings.resolved_database_url)
    try:
        with db.engine.connect() as conn, Session(bind=conn) as session:
            accounts.revoke_key(session, customer.key.split("_")[1])
            session.flush()
            session.rollback()
    finally:
        db.dispose()
    assert accounts.credentials_generation() == generation
    assert status_of(client, customer) == 404


def test_wrong_keys_are_never_cached(client: TestClient, customer: Customer) -> None:
    cache = KeyCache(seconds=3600)
    client.app.state.key_cache = cache  # type: ignore[attr-defined]
    near_miss = Customer(customer.account_id, customer.key[:-1] + ("A" if customer.key[-1] != "A" else "B"), "")
    assert status_of(client, near_miss) == 401
    assert status_of(client, customer) == 404
    assert cache.get(near_miss.key) is None and cache.get(customer.key) is not None
