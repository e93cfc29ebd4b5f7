"""An account's jobs, newest first, a page at a time.

Pages are cut by a keyset cursor, (created_at, id) of the last job shown, not by an
offset: a page is one index range scan however deep it is, and jobs that arrive while a
client pages do not shift what it sees next. The cursor is opaque to clients (base64 of
JSON) and only ever narrows a query that is already limited to the caller's account, so
a forged one can show nothing it could not list anyway. Expired jobs are not listed.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from fitroom.context import Context
from fitroom.db import utcnow
from fitroom.db.models import Job
from fitroom.domain import JobStatus
from fitroom.jobs import credits
from fitroom.jobs.reading import is_job_id, snapshot
from fitroom.snapshot import JobSnapshot

STATUSES = tuple(JobStatus)
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
#: Longest cursor read; the ones made here are about 90 characters.
MAX_CURSOR = 200


class BadCursor(ValueError):
    """The cursor was not made by `encode_cursor`."""


def encode_cursor(job: Job) -> str:
    raw = json.dumps([job.created_at.astimezone(UTC).isoformat(), job.id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    if len(cursor) > MAX_CURSOR or not cursor.isascii():
        raise BadCursor(cursor)
    try:
        created, job_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        moment = datetime.fromisoformat(created)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadCursor(cursor) from None
    if moment.tzinfo is None or not isinstance(job_id, str) or not is_job_id(job_id):
        raise BadCursor(cursor)
    return moment.astimezone(UTC), job_id


def list_jobs(
    ctx: Context,
    session: Session,
    account_id: str,
    *,
    status: str | None = None,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    api_key_id: str | None = None,
) -> tuple[list[JobSnapshot], str | None]:
    """A page of the account's unexpired jobs (only those `api_key_id` made, when given) and the
    next page's cursor (None on the last page)."""
    query = select(Job, credits.used_by(Job.id)).where(
        Job.account_id == account_id, Job.purged_at.is_(None), Job.expires_at > utcnow()
    )
    if api_key_id is not None:
        query = query.where(Job.api_key_id == api_key_id)
    if status is not None:
        query = query.where(Job.status == status)
    if cursor:
        created, job_id = decode_cursor(cursor)
        query = query.where(or_(Job.created_at < created, and_(Job.created_at == created, Job.id < job_id)))
    rows = session.execute(
        query.order_by(Job.created_at.desc(), Job.id.desc()).limit(limit + 1).options(selectinload(Job.items))
    ).all()
    page = [snapshot(ctx, job, used=int(used)) for job, used in rows[:limit]]
    return page, encode_cursor(rows[limit - 1][0]) if len(rows) > limit else None
