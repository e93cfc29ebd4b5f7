"""Which webhook a finished job sends: its dialect's. FASHN jobs post the prediction object,
every other job seed 000's `tryon.*` event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fitroom.domain import JobStatus
from fitroom.snapshot import JobSnapshot
from fitroom.wire import fashn, virtufit


@dataclass(frozen=True)
class Webhook:
    """The event's name (kept with the delivery) and its body."""

    event: str
    body: dict[str, Any]


def webhook(job: JobSnapshot) -> Webhook:
    """The webhook of a job that has just closed."""
    name = virtufit.COMPLETED_EVENT if job.status == JobStatus.COMPLETED else virtufit.FAILED_EVENT
    body = fashn.prediction(job) if job.dialect == "fashn" else virtufit.event(job)
    return Webhook(name, body.model_dump())
