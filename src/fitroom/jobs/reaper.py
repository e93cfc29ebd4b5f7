"""Retention: after `retention_hours`, a job's images are deleted and the job answers `expired`;
idempotency keys are dropped once their 24 hours are up.

The row stays as a small tombstone (no images, no webhook secret, no webhook bodies: a
FASHN body with `return_base64` holds the output images themselves) so a late poll gets a
clear `expired` instead of `not_found`, and the credit ledger keeps its references. A job
that expires before it is rendered (a long queue, a short retention) is failed with
`expired` and its unfinished outputs are refunded: nothing could render it without its
images, and its credits must not stay reserved. Tombstones themselves go after
`prune_days` (`pruning.py`, run from here at most hourly).
"""

from __future__ import annotations

import logging

from sqlalchemy import select, update

from fitroom.context import Context
from fitroom.db import utcnow
from fitroom.db.models import Job, WebhookDelivery
from fitroom.domain import UNFINISHED
from fitroom.jobs import idempotency
from fitroom.jobs.pruning import prune_if_due
from fitroom.jobs.queue import fail_unfinished
from fitroom.storage.keys import job_prefixes

log = logging.getLogger(__name__)


def reap(ctx: Context, batch: int = 200) -> int:
    """Delete the images of expired jobs; returns how many jobs were purged."""
    purged = 0
    while True:
        with ctx.db.session() as session:
            jobs = list(
                session.scalars(
                    select(Job)
                    .where(Job.expires_at <= utcnow(), Job.purged_at.is_(None))
                    .limit(batch)
                    .with_for_update(skip_locked=True)
                )
            )
            for job in jobs:
                if job.status in UNFINISHED:
                    fail_unfinished(session, job, "expired", "the job expired before it was rendered")
                for prefix in job_prefixes(job.id):
                    ctx.store.delete_prefix(prefix)
                job.purged_at = utcnow()
                job.person_key = None
                job.webhook_secret = None
                for item in job.items:
                    item.output_key = None
            if jobs:
                expired = WebhookDelivery.job_id.in_([job.id for job in jobs])
                session.execute(update(WebhookDelivery).where(expired).values(payload=""))
        purged += len(jobs)
        if len(jobs) < batch:
            break
    if purged:
        log.info("expired jobs purged", extra={"count": purged})
    with ctx.db.session() as session:
        idempotency.prune(session)
    prune_if_due(ctx)
    return purged
