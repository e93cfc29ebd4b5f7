"""Settings from `FITROOM_*` environment variables and an optional `.env` file.

Every default is safe for a single machine: SQLite and local files under the data
directory, in-process workers, loopback-only HTTP. Operators change URLs, not code, to
scale out.
"""

from __future__ import annotations

import os
import secrets
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """All of fitroom's configuration; see the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="FITROOM_", env_file=".env", extra="ignore")

    data_dir: Path = Path("./data")
    database_url: str | None = None
    storage_url: str | None = None
    s3_endpoint_url: str | None = None  # an S3-compatible server other than AWS (MinIO…), path-style
    s3_region: str | None = None  # else boto3's AWS_REGION / AWS_DEFAULT_REGION
    redis_url: str | None = None
    public_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(default=2, ge=0)
    engine: str = "classic"
    retention_hours: float = Field(default=24.0, gt=0)
    secret_key: str | None = None

    rate_limit: str = "60/minute"
    miragic_rate_limit: str = "60/minute"  # per API key, on top of `rate_limit` (Miragic's documented limit)
    max_queue: int = Field(default=500, ge=1)
    max_upload_bytes: int = 10 * 1024 * 1024
    max_image_pixels: int = 50_000_000
    max_wait_seconds: int = 120
    url_fetch_timeout: float = 15.0
    allow_private_urls: bool = False
    allow_http_webhooks_to_loopback: bool = False
    output_url_ttl_seconds: int = 3600

    # Webhooks: the first try, then one more after each delay (seconds) of the schedule.
    webhook_retry_seconds: list[Annotated[float, Field(ge=0)]] = Field(default_factory=lambda: [5.0, 25.0, 125.0])
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    webhook_concurrency: int = Field(default=4, ge=1)
    webhook_ca_file: Path | None = None  # PEM CAs trusted for webhook HTTPS instead of the system's

    lease_seconds: float = Field(default=60.0, gt=0)
    heartbeat_seconds: float = Field(default=10.0, gt=0)
    poll_seconds: float = Field(default=0.5, gt=0)
    # With PostgreSQL's LISTEN connected, workers are woken by new jobs; they still poll this
    # often for leases that ran out.
    listen_poll_seconds: float = Field(default=5.0, gt=0)
    shutdown_seconds: float = Field(default=30.0, ge=0)  # graceful stop: finish the output in hand
    reaper_interval_seconds: float = Field(default=60.0, gt=0)
    max_attempts: int = Field(default=3, ge=1)

    signup_credits: int = Field(default=50, ge=0)
    log_level: str = "INFO"

    @property
    def base_url(self) -> str:
        """Where clients reach this service: `public_url`, else the listening address."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @cached_property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to one SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'fitroom.db').resolve()}"

    @cached_property
    def resolved_storage_url(self) -> str:
        """The blob store URL, defaulting to a folder in the data directory."""
        if self.storage_url:
            return self.storage_url
        return f"file://{(self.data_dir / 'blobs').resolve()}"

    @cached_property
    def resolved_secret_key(self) -> bytes:
        """Key that signs output URLs; generated once and kept in the data dir if unset.

        Every API and worker process sharing a data dir (or the same setting) signs
        with the same key, so URLs made by a worker verify at any API process.
        """
        if self.secret_key:
            return self.secret_key.encode()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / "secret_key"
        if not path.exists():
            tmp = path.with_name(f".secret_key.{secrets.token_hex(8)}")
            tmp.write_text(secrets.token_urlsafe(48))
            tmp.chmod(0o600)
            try:
                os.link(tmp, path)  # atomic and refuses to overwrite: one key wins
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        return path.read_text().strip().encode()


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides (tests, CLI flags)."""
    return Settings(**overrides)  # type: ignore[arg-type]
