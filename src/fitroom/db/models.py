"""Tables. The jobs table is also the queue; the credit ledger is append-only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from fitroom.domain import DeliveryStatus, JobOptions, JobStatus


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def new_id() -> str:
    """Random, unguessable identifiers (job ids are shown to clients)."""
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Set by an admin: the account's keys and dashboard sessions are refused until cleared.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    keys: Mapped[list[ApiKey]] = relationship(back_populates="account")


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(32), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    #: secret (server-side, full access) or publishable (browser-safe: try-ons and its own jobs only).
    kind: Mapped[str] = mapped_column(String(12), default="secret", server_default="secret")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship(back_populates="keys")


class LedgerEntry(Base):
    """One credit movement. `delta` is the change to the spendable balance.

    kinds: grant (+n), reserve (-n, on accept), settle (0, n reserved credits spent),
    refund (+n, reserved credits returned). For a finished job the reserved amount
    equals settled + refunded.
    """

    __tablename__ = "credit_ledger"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(BigInteger)
    delta: Mapped[int] = mapped_column(BigInteger)
    balance_after: Mapped[int] = mapped_column(BigInteger)
    job_id: Mapped[str | None] = mapped_column(String(36), index=True)
    item_id: Mapped[str | None] = mapped_column(String(36))
    note: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        # An item is settled or refunded at most once, whatever a retried worker does.
        UniqueConstraint("item_id", "kind", name="uq_ledger_item_kind"),
    )


class Job(Base):
    """A request to render; the row is the queue entry, claimed under a lease."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    dialect: Mapped[str] = mapped_column(String(16))
    tier: Mapped[str] = mapped_column(String(8))
    #: The engine that renders it, fixed when accepted (`FITROOM_ENGINES`); only workers running it claim it.
    engine: Mapped[str] = mapped_column(String(200))
    swap_target: Mapped[str] = mapped_column(String(16))
    stored_options: Mapped[dict[str, Any]] = mapped_column("options", JSON, default=dict)
    person_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default=JobStatus.QUEUED)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    credits_reserved: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_message: Mapped[str | None] = mapped_column(Text)
    webhook_url: Mapped[str | None] = mapped_column(Text)
    webhook_secret: Mapped[str | None] = mapped_column(String(200))
    #: The key that made the job: a publishable key reads only its own jobs. None from before keys were noted.
    api_key_id: Mapped[str | None] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    processing_ms: Mapped[int | None] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    items: Mapped[list[JobItem]] = relationship(
        back_populates="job", order_by="JobItem.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        Index("ix_jobs_queue", "status", "priority", "created_at"),
        # The job list: an account's jobs newest first, paged by (created_at, id).
        Index("ix_jobs_account_created", "account_id", "created_at", "id"),
    )

    @property
    def options(self) -> JobOptions:
        """The job's options, typed (the column holds their JSON)."""
        return JobOptions.from_json(self.stored_options or {})


class JobItem(Base):
    """One output of a job: one garment's, or all of a layered job's; settled or refunded on its own."""

    __tablename__ = "job_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    #: The garment this output shows; None on the one output of a layered job, which shows them all.
    garment_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default=JobStatus.QUEUED)
    price: Mapped[int] = mapped_column(Integer)
    output_key: Mapped[str | None] = mapped_column(String(200))
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_message: Mapped[str | None] = mapped_column(Text)
    render_ms: Mapped[int | None] = mapped_column(Integer)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    job: Mapped[Job] = relationship(back_populates="items")

    def garment_keys(self, options: JobOptions) -> list[str]:
        """The garments this output is made of: all of a layered job's (its options say so, not a
        missing key), else the item's own one."""
        if options.layered:
            return list(options.garment_keys)
        if self.garment_key is None:
            raise ValueError(f"item {self.id} of a job with one output per garment names no garment")
        return [self.garment_key]


class WebhookDelivery(Base):
    """Outbox row for one webhook event; attempts are recorded as they happen."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=DeliveryStatus.PENDING)
    attempts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WorkerRecord(Base):
    """A running worker process and the engines it renders: how the API knows a job has a taker.

    Each process with render threads keeps its row fresh (`seen_at`) and deletes it on a
    clean stop; a row not seen for a lease (`lease_seconds`) is a dead process's.
    """

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    engines: Mapped[list[str]] = mapped_column(JSON)
    threads: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class IdempotencyKey(Base):
    """A client's `Idempotency-Key` and the job its first request made, kept 24 hours (`idempotency.KEEP`).

    The primary key (account, key) is what makes concurrent repeats safe: only one
    insert can win, whichever database; the others find its row and answer with its job.
    """

    __tablename__ = "idempotency_keys"

    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: No foreign key: the key is claimed before its job is inserted, in the same transaction.
    job_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
