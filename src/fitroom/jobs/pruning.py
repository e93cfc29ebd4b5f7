"""Pruning: rows older than `prune_days` leave the database, so it does not grow forever.

Retention (`reaper.reap`) already deletes a job's images after `retention_hours`, leaving
a small tombstone row. Much later (`prune_days`, 90 by default; 0 keeps everything):

- the tombstone goes, with its items and webhook deliveries;
- webhook deliveries that are done (delivered or failed) go too;
- the credit ledger is *folded*, not cut: an account's entries older than the cutoff
  become one `carried` entry holding their summed delta, with the balance after the last
  of them. So the rule the ledger keeps, that an account's balance is the sum of its
  deltas (and each entry's `balance_after` a running total), still holds. The folded
  entry takes the id and time of the newest entry it replaces, so ordering is unchanged.
  Only the oldest entries are folded, up to the first one of a job that still has entries
  after the cutoff (or is not finished): a job's reservation is never folded apart from its
  settlement or refund, and every later `balance_after` stays right.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, delete, func, select
from sqlalchemy.orm import Session

from fitroom.context import Context
from fitroom.db import utcnow
from fitroom.db.models import Account, Job, JobItem, LedgerEntry, WebhookDelivery
from fitroom.domain import UNFINISHED, DeliveryStatus

log = logging.getLogger(__name__)

#: The kind of a ledger entry that stands for the entries folded into it.
CARRIED = "carried"
#: The reaper runs every minute; pruning scans old rows, so it runs at most this often per process.
PRUNE_EVERY_SECONDS = 3600.0
_last_pruned: float | None = None


def prune_if_due(ctx: Context) -> Pruned | None:
    """`prune_rows`, unless this process did it less than `PRUNE_EVERY_SECONDS` ago."""
    global _last_pruned
    now = time.monotonic()
    if _last_pruned is not None and now - _last_pruned < PRUNE_EVERY_SECONDS:
        return None
    _last_pruned = now
    return prune_rows(ctx)


@dataclass
class Pruned:
    jobs: int = 0
    webhooks: int = 0
    ledger_rows: int = 0  # entries folded away (each fold leaves one `carried` entry)
    accounts: int = 0


def prune_rows(ctx: Context, now: datetime | None = None) -> Pruned:
    """Delete and fold what is older than `prune_days`; nothing when it is 0."""
    days = ctx.settings.prune_days
    done = Pruned()
    if not days:
        return done
    cutoff = (now or utcnow()) - timedelta(days=days)
    with ctx.db.session() as session:
        old_jobs = select(Job.id).where(Job.purged_at.is_not(None), Job.created_at < cutoff)
        done.webhooks += _deleted(session, delete(WebhookDelivery).where(WebhookDelivery.job_id.in_(old_jobs)))
        _deleted(session, delete(JobItem).where(JobItem.job_id.in_(old_jobs)))
        done.jobs = _deleted(session, delete(Job).where(Job.id.in_(old_jobs.scalar_subquery())))
        done.webhooks += _deleted(
            session,
            delete(WebhookDelivery).where(
                WebhookDelivery.created_at < cutoff, WebhookDelivery.status != DeliveryStatus.PENDING
            ),
        )
    accounts = _accounts_to_fold(ctx, cutoff)
    for account_id in accounts:
        with ctx.db.session() as session:
            folded = _fold(session, account_id, cutoff)
        if folded:
            done.ledger_rows += folded
            done.accounts += 1
    if done.jobs or done.webhooks or done.ledger_rows:
        log.info(
            "old rows pruned",
            extra={
                "jobs": done.jobs,
                "webhooks": done.webhooks,
                "ledger_rows": done.ledger_rows,
                "before": cutoff.isoformat(),
            },
        )
    return done


def _deleted(session: Session, statement: Delete) -> int:
    """Run a DELETE; how many rows it removed."""
    return int(cast(CursorResult[Any], session.execute(statement)).rowcount)


def _held_jobs(session: Session, account_id: str, cutoff: datetime) -> set[str]:
    """The account's jobs whose entries must stay: unfinished, or with entries after the cutoff."""
    later = select(LedgerEntry.job_id).where(
        LedgerEntry.account_id == account_id, LedgerEntry.created_at >= cutoff, LedgerEntry.job_id.is_not(None)
    )
    unfinished = select(Job.id).where(Job.account_id == account_id, Job.status.in_(UNFINISHED))
    return {str(job_id) for job_id in session.scalars(later.union(unfinished))}


def _accounts_to_fold(ctx: Context, cutoff: datetime) -> list[str]:
    with ctx.db.reader() as session:
        return list(
            session.scalars(
                select(LedgerEntry.account_id)
                .where(LedgerEntry.created_at < cutoff)
                .group_by(LedgerEntry.account_id)
                .having(func.count() > 1)
            )
        )


def _fold(session: Session, account_id: str, cutoff: datetime) -> int:
    """Fold one account's old entries into its newest old one; how many were removed.

    The account row is locked first, so two processes pruning at once fold in turn (the
    second finds one entry left) and no credit moves meanwhile.
    """
    session.execute(select(Account.id).where(Account.id == account_id).with_for_update())
    held = _held_jobs(session, account_id, cutoff)
    rows = []
    for row in session.execute(
        select(LedgerEntry.id, LedgerEntry.delta, LedgerEntry.job_id)
        .where(LedgerEntry.account_id == account_id, LedgerEntry.created_at < cutoff)
        .order_by(LedgerEntry.id)
    ):
        if row.job_id in held:
            break  # fold a prefix only, so every balance_after stays a running total
        rows.append(row)
    if len(rows) < 2:
        return 0
    keep = rows[-1].id
    total = sum(row.delta for row in rows)
    kept = session.get_one(LedgerEntry, keep)
    session.execute(delete(LedgerEntry).where(LedgerEntry.id.in_([row.id for row in rows[:-1]])))
    kept.kind = CARRIED
    kept.amount = total
    kept.delta = total
    kept.job_id = None
    kept.item_id = None
    kept.note = f"{len(rows)} entries up to {kept.created_at:%Y-%m-%d} carried forward"
    return len(rows) - 1
