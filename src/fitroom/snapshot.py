"""A job as read at one moment: what the job service hands to every dialect's wire formats.

The snapshot is plain data, read in one go (see `jobs.reading`): a wire format builds its
answer or webhook body from it alone, without a database session and without calling back
into the job service. Blob keys become links through `Links`, which the reader supplies
(signed URLs that live no longer than the job, or inline `data:` URIs). Like `domain`, the
module imports nothing of fitroom but the domain, so the wire formats below `jobs` may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from fitroom.domain import DeliveryStatus, JobStatus


class Links(Protocol):
    """Turns a job's blob keys into what a client can fetch."""

    def url(self, key: str) -> str:
        """A signed URL of the blob, valid no longer than the job."""
        ...

    def data_uri(self, key: str) -> str:
        """The blob itself, as a `data:` URI."""
        ...


@dataclass(frozen=True)
class Delivery:
    """Where the job's webhook stands: before the job finishes, `PENDING` with no attempts."""

    status: DeliveryStatus
    attempts: int
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None


@dataclass(frozen=True)
class JobSnapshot:
    """A job, its outputs and the credit figures a dialect shows, as read in one transaction.

    `output_keys` are the finished outputs in garment order; `garment_keys` the garment photos
    as sent. `balance` is the account's balance, or None when the reader was not asked for it
    (a publishable key never sees it). `webhook` is None for a job without a webhook.
    """

    id: str
    account_id: str
    dialect: str
    status: JobStatus
    progress: int
    tier: str
    swap_target: str
    #: Each garment's own swap target in a layered outfit, when the client gave them.
    garment_targets: tuple[str, ...] | None
    layered: bool
    return_base64: bool
    person_key: str | None
    garment_keys: tuple[str, ...]
    output_keys: tuple[str, ...]
    error_code: str | None
    error_message: str | None
    attempts: int
    processing_ms: int | None
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    expires_at: datetime
    credits_used: int
    balance: int | None
    webhook: Delivery | None
    links: Links = field(repr=False, compare=False)

    def output_urls(self) -> list[str]:
        """Signed URLs of the finished outputs, in garment order."""
        return [self.links.url(key) for key in self.output_keys]

    def output_data_uris(self) -> list[str]:
        """The finished outputs themselves, as `data:` URIs, in garment order."""
        return [self.links.data_uri(key) for key in self.output_keys]

    def person_url(self) -> str | None:
        return self.links.url(self.person_key) if self.person_key else None

    def garment_urls(self) -> list[str]:
        """Signed URLs of the garment photos, in the order they were sent."""
        return [self.links.url(key) for key in self.garment_keys]
