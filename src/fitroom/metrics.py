"""Prometheus metrics shared by the API and the workers (`/metrics`)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

REQUESTS = Counter("fitroom_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
REQUEST_SECONDS = Histogram("fitroom_http_request_seconds", "HTTP request latency", ["method", "route"])
JOB_SECONDS = Histogram(
    "fitroom_job_seconds",
    "Wall time of a job from claim to finish",
    buckets=(0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128),
)
RENDER_SECONDS = Histogram(
    "fitroom_render_seconds", "Engine time per output image", buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32)
)
JOBS_FINISHED = Counter("fitroom_jobs_finished_total", "Jobs finished", ["status"])
ITEM_FAILURES = Counter("fitroom_item_failures_total", "Failed output images by error code", ["code"])
WEBHOOK_ATTEMPTS = Counter(
    "fitroom_webhook_attempts_total", "Webhook delivery attempts by outcome (delivered, retry, failed)", ["outcome"]
)
