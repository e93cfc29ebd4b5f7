"""Webhooks: an outbox row written with the job's final state, then sent and retried by workers.

When a job with a `webhook_url` closes, its event (seed 000's `tryon.completed` /
`tryon.failed`; FASHN's prediction object for FASHN jobs) is serialised once and stored
in `webhook_deliveries` by the transaction that closes the job: no job finishes without
its event, and no event exists for a job that did not finish. Every retry sends those
same bytes.

Senders run in every worker process. They claim due rows under a lease (the row's
`next_attempt_at` is pushed past the longest possible attempt), POST them through the
SSRF guard, and record each attempt in the row; the next try's time is in the row too,
so a restart during backoff loses nothing. Delivery is at least once (a sender that
dies mid-request leaves its row to be sent again when the lease runs out): receivers
deduplicate on `webhook-id`, which is the delivery's id and the same on every try.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import json
import logging
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from fitroom import metrics
from fitroom.context import Context
from fitroom.db import Database, retrying, utcnow
from fitroom.db.models import Job, WebhookDelivery
from fitroom.domain import DeliveryStatus
from fitroom.jobs import reading
from fitroom.netfetch import FetchError, guarded_client, pinned_request
from fitroom.settings import Settings
from fitroom.wire import iso_utc
from fitroom.wire.webhooks import webhook

log = logging.getLogger(__name__)

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: Standard Webhooks secrets look like `whsec_<base64 key>`.
_WHSEC = "whsec_"


def is_loopback_http(url: str) -> bool:
    """Plain-http URL to this machine: the only http webhook an operator may allow (development)."""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS


# --- the outbox: written in the transaction that closes the job -----------------------------


def record_event(ctx: Context, session: Session, job: Job) -> None:
    """Close hook (see `queue.CloseHook`): queue the job's webhook with its final state.

    The body is the job's dialect's (`fitroom.wire.webhooks`), built from a snapshot read in
    this transaction. Output URLs are signed now and live `output_url_ttl_seconds` (never past
    the job's expiry); a receiver that comes back later reads fresh ones from the job status.
    """
    if not job.webhook_url:
        return
    hook = webhook(reading.closed(ctx, session, job))
    now = utcnow()
    session.add(
        WebhookDelivery(
            job_id=job.id,
            event=hook.event,
            url=job.webhook_url,
            payload=json.dumps(hook.body, separators=(",", ":")),
            status=DeliveryStatus.PENDING,
            attempts=[],
            next_attempt_at=now,
            created_at=now,
        )
    )


# --- signing ------------------------------------------------------------------------------


def standard_webhooks_key(secret: str) -> bytes:
    """The HMAC key of `webhook-signature`.

    A `whsec_<base64>` secret (the Standard Webhooks form) is its decoded key; any other
    secret, as VirtuFit clients send them, is keyed with its own UTF-8 bytes.
    """
    if secret.startswith(_WHSEC):
        try:
            return base64.b64decode(secret.removeprefix(_WHSEC), validate=True)
        except binascii.Error:
            pass
    return secret.encode()


def signed_headers(delivery_id: str, body: bytes, secret: str | None, timestamp: int) -> dict[str, str]:
    """Content type, Standard Webhooks id/timestamp, and both signatures when there is a secret.

    `X-VirtuFit-Signature` signs the raw body with the secret as given (what seed-000
    clients verify); `webhook-signature` also covers id and timestamp, against replays.
    """
    headers = {"Content-Type": "application/json", "webhook-id": delivery_id, "webhook-timestamp": str(timestamp)}
    if secret:
        headers["X-VirtuFit-Signature"] = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        signed = f"{delivery_id}.{timestamp}.".encode() + body
        digest = hmac.new(standard_webhooks_key(secret), signed, hashlib.sha256).digest()
        headers["webhook-signature"] = "v1," + base64.b64encode(digest).decode("ascii")
    return headers


# --- claiming and recording ---------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    """A delivery this sender holds until `lease_until`, with what sending it needs."""

    id: str
    job_id: str
    url: str
    body: bytes
    secret: str | None
    job_expired: bool
    lease_until: datetime


@dataclass(frozen=True)
class Outcome:
    """One attempt: HTTP status (None when no answer came) and why it failed, if it did."""

    status_code: int | None
    error: str | None
    final: bool = False  # no use retrying (the URL is refused)

    @property
    def delivered(self) -> bool:
        return self.error is None


def claim_due(db: Database, *, limit: int, lease_seconds: float) -> list[Claimed]:
    """Take up to `limit` deliveries that are due, leasing each to this sender.

    PostgreSQL: `FOR UPDATE SKIP LOCKED` keeps concurrent senders off each other's rows;
    SQLite's `BEGIN IMMEDIATE` serialises the claims. Pushing `next_attempt_at` past the
    attempt's longest duration is the lease: no other sender finds the row due meanwhile.
    """
    now = utcnow()
    lease_until = now + timedelta(seconds=lease_seconds)
    with db.session() as session:
        rows = session.execute(
            select(WebhookDelivery, Job.webhook_secret, Job.purged_at)
            .join(Job, Job.id == WebhookDelivery.job_id)
            .where(WebhookDelivery.status == DeliveryStatus.PENDING, WebhookDelivery.next_attempt_at <= now)
            .order_by(WebhookDelivery.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True, of=WebhookDelivery)
        ).all()
        claimed = []
        for delivery, secret, purged_at in rows:
            delivery.next_attempt_at = lease_until
            claimed.append(
                Claimed(
                    id=delivery.id,
                    job_id=delivery.job_id,
                    url=delivery.url,
                    body=delivery.payload.encode(),
                    secret=secret,
                    job_expired=purged_at is not None,
                    lease_until=lease_until,
                )
            )
        return claimed


def record_attempt(
    db: Database, claimed: Claimed, outcome: Outcome, at: datetime, duration_ms: int, retry_seconds: list[float]
) -> str | None:
    """Append the attempt and set what comes next; the delivery's new status.

    None (nothing written) if the lease ran out and another sender took the delivery.
    """
    with db.session() as session:
        delivery = session.scalar(
            select(WebhookDelivery)
            .where(WebhookDelivery.id == claimed.id, WebhookDelivery.status == DeliveryStatus.PENDING)
            .with_for_update()
        )
        if delivery is None or delivery.next_attempt_at != claimed.lease_until:
            return None
        entry = {
            "at": iso_utc(at),
            "status_code": outcome.status_code,
            "error": outcome.error,
            "duration_ms": duration_ms,
        }
        delivery.attempts = [*delivery.attempts, entry]
        tries = len(delivery.attempts)
        now = utcnow()
        if outcome.delivered:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = DeliveryStatus.DELIVERED, now, None
        elif outcome.final or tries > len(retry_seconds):
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        else:
            delivery.next_attempt_at = now + timedelta(seconds=retry_seconds[tries - 1])
        return delivery.status


# --- sending ------------------------------------------------------------------------------


def tls_context(settings: Settings) -> ssl.SSLContext:
    """Verification against the system's CAs, or only those of `webhook_ca_file` when set."""
    if settings.webhook_ca_file is not None:
        return ssl.create_default_context(cafile=str(settings.webhook_ca_file))
    return ssl.create_default_context()


def _allow_private(settings: Settings, url: str) -> bool:
    return settings.allow_private_urls or (settings.allow_http_webhooks_to_loopback and is_loopback_http(url))


async def _exchange(request: httpx.Request, tls: ssl.SSLContext, seconds: float) -> int:
    """Send and take the status line; the body is not read. One deadline over it all."""
    async with asyncio.timeout(seconds), guarded_client(verify=tls) as client:
        response = await client.send(request, stream=True)
        await response.aclose()
        return response.status_code


def post(claimed: Claimed, settings: Settings, tls: ssl.SSLContext) -> Outcome:
    """One POST of the stored body through the SSRF guard; never raises.

    The guard resolves the host, refuses non-public addresses (unless the operator allows
    them) and pins the connection to the checked address. Redirects are not followed: a
    3xx is a failed attempt, like any other non-2xx answer.
    """
    if claimed.job_expired:
        return Outcome(None, "the job expired before its webhook could be delivered", final=True)
    if urlsplit(claimed.url).scheme != "https" and not (
        settings.allow_http_webhooks_to_loopback and is_loopback_http(claimed.url)
    ):
        return Outcome(None, "webhook_url must be an https:// URL", final=True)
    timeout = settings.webhook_timeout_seconds
    started = time.monotonic()
    headers = signed_headers(claimed.id, claimed.body, claimed.secret, int(time.time()))
    try:
        request = pinned_request(
            "POST",
            claimed.url,
            allow_private=_allow_private(settings, claimed.url),
            headers=headers,
            content=claimed.body,
        )
    except FetchError as exc:
        # invalid_request: the URL or its address is refused, and would be on every try.
        return Outcome(None, exc.message, final=exc.code == "invalid_request")
    try:
        status = asyncio.run(_exchange(request, tls, timeout - (time.monotonic() - started)))
    except TimeoutError:
        return Outcome(None, f"no answer within {timeout:g} s")
    except (httpx.HTTPError, OSError) as exc:
        return Outcome(None, f"the request failed ({type(exc).__name__}: {exc})"[:500])
    if 200 <= status < 300:
        return Outcome(status, None)
    if 300 <= status < 400:
        return Outcome(status, f"HTTP {status}: redirects are not followed")
    return Outcome(status, f"HTTP {status}")


class WebhookSender:
    """The delivery loop of a worker process: claim due deliveries, send them in parallel, record."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.tls = tls_context(ctx.settings)

    @property
    def lease_seconds(self) -> float:
        """Longer than any attempt: its deadline, plus room for DNS and the database."""
        return 2 * self.ctx.settings.webhook_timeout_seconds + 30

    def run(self, stopping: threading.Event) -> None:
        """Deliver until `stopping` is set; attempts in flight then finish (within their timeout)."""
        settings = self.ctx.settings
        with ThreadPoolExecutor(settings.webhook_concurrency, thread_name_prefix="webhook") as pool:
            while not stopping.is_set():
                try:
                    sent = self.run_once(pool)
                except Exception:
                    log.exception("webhook sender failed")
                    sent = 0
                if not sent:
                    stopping.wait(settings.poll_seconds)

    def run_once(self, pool: ThreadPoolExecutor) -> int:
        """Send one batch of due deliveries; how many there were."""
        claimed = retrying(
            lambda: claim_due(
                self.ctx.db, limit=self.ctx.settings.webhook_concurrency, lease_seconds=self.lease_seconds
            )
        )
        list(pool.map(self.deliver, claimed))
        return len(claimed)

    def deliver(self, claimed: Claimed) -> None:
        """One attempt, recorded; logged and counted."""
        at = utcnow()
        started = time.monotonic()
        outcome = post(claimed, self.ctx.settings, self.tls)
        duration_ms = int((time.monotonic() - started) * 1000)
        status = record_attempt(self.ctx.db, claimed, outcome, at, duration_ms, self.ctx.settings.webhook_retry_seconds)
        extra = {
            "delivery_id": claimed.id,
            "job_id": claimed.job_id,
            "status_code": outcome.status_code,
            "error": outcome.error,
            "duration_ms": duration_ms,
        }
        if status is None:
            log.warning("webhook lease lost; the attempt was not recorded", extra=extra)
            return
        metrics.WEBHOOK_ATTEMPTS.labels("retry" if status == DeliveryStatus.PENDING else status).inc()
        log.info("webhook attempt", extra={**extra, "delivery_status": status})
