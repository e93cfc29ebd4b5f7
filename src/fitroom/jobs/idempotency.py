"""Idempotency keys (`Idempotency-Key`, as Stripe has them): a retried request makes no second job.

A key belongs to an account and is kept `KEEP` (24 h). The first request that claims it
makes the job; a repeat with the same request answers with that job (same id, nothing
charged again); the same key with a different request is a conflict. "The same request"
is compared by fingerprint: the validated request's fields and the SHA-256 of each image,
so a multipart retry with a new boundary, or URLs fetched again, still match.

Concurrent repeats are settled by the table's primary key (account, key), not by a read
then a write: the claim is an INSERT … ON CONFLICT DO NOTHING inside the job's own
transaction, before credits are reserved. On PostgreSQL a competing insert waits for the
first transaction and then does nothing; on SQLite writers are serialised. The loser's
transaction rolls back, and it answers with the winner's job.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from fitroom.db import utcnow
from fitroom.db.models import IdempotencyKey

if TYPE_CHECKING:
    from fitroom.jobs.service import JobRequest

KEEP = timedelta(hours=24)
#: Longest key accepted (Stripe's limit too); keys are printable ASCII.
MAX_KEY = 255


class IdempotencyConflict(Exception):
    """The key was first used with a different request."""


class KeyTaken(Exception):
    """Raised inside the job's transaction when another request holds the key: rolls it back."""


def is_valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY and key.isascii() and key.isprintable()


def fingerprint(request: JobRequest) -> str:
    """A digest of everything that decides the job: fields, and each image by its SHA-256."""
    fields = {
        "dialect": request.dialect,
        "person": [request.person.format, hashlib.sha256(request.person.data).hexdigest()],
        "garments": [[g.format, hashlib.sha256(g.data).hexdigest()] for g in request.garments],
        "tier": request.tier,
        "swap_target": request.swap_target,
        "compose": request.compose,
        "garment_targets": request.garment_targets,
        "garment_description": request.garment_description,
        "webhook_url": request.webhook_url,
        "webhook_secret": request.webhook_secret,
        "seed": request.seed,
        "output_format": request.output_format,
        "return_base64": request.return_base64,
        "fixed_price": request.fixed_price,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def find(session: Session, account_id: str, key: str) -> IdempotencyKey | None:
    """The account's unexpired record of `key`, if any."""
    return session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.account_id == account_id, IdempotencyKey.key == key, IdempotencyKey.expires_at > utcnow()
        )
    )


def claim(session: Session, account_id: str, key: str, digest: str, job_id: str) -> None:
    """Record `key` for `job_id` in the caller's transaction, or raise `KeyTaken`.

    An expired record of the key (not yet pruned) is removed first: the key is free again.
    """
    now = utcnow()
    session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.account_id == account_id, IdempotencyKey.key == key, IdempotencyKey.expires_at <= now
        )
    )
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(IdempotencyKey)
        .values(
            account_id=account_id, key=key, fingerprint=digest, job_id=job_id, created_at=now, expires_at=now + KEEP
        )
        .on_conflict_do_nothing(index_elements=["account_id", "key"])
        .returning(IdempotencyKey.key)
    )
    if session.execute(statement).scalar_one_or_none() is None:
        raise KeyTaken(key)


def prune(session: Session) -> int:
    """Delete expired keys; returns how many (run by the reaper)."""
    result = session.execute(delete(IdempotencyKey).where(IdempotencyKey.expires_at <= utcnow()))
    return int(result.rowcount)  # type: ignore[attr-defined]
