"""Settings from `FITROOM_*` environment variables and an optional `.env` file.

Every default is safe for a single machine: SQLite and local files under the data
directory, in-process workers, loopback-only HTTP. Operators change URLs, not code, to
scale out.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fitroom.domain import TIERS, TierName

#: Longest engine name a job can record (`jobs.engine`): a built-in name, a plugin's, or module:attribute.
MAX_ENGINE_NAME = 200


def is_engine_name(name: str) -> bool:
    """A built-in name, a plugin's, or module:attribute: no spaces, commas or `=`, and short."""
    return 0 < len(name) <= MAX_ENGINE_NAME and not any(c.isspace() or c in ",=" for c in name)


def parse_engine_names(value: str) -> tuple[str, ...]:
    """`a,b` (as `fitroom worker --engines` takes it): the names in order, once each."""
    names = [part.strip() for part in value.split(",")]
    bad = [name for name in names if not is_engine_name(name)]
    if bad:
        raise ValueError(f"{bad[0]!r} is no engine name (give names separated by commas)")
    return tuple(dict.fromkeys(names))


def parse_tier_engines(value: str) -> dict[str, str]:
    """`FITROOM_ENGINES`: `tier=engine` pairs, comma-separated, each tier at most once."""
    pairs: dict[str, str] = {}
    for entry in filter(None, (part.strip() for part in value.split(","))):
        tier, equals, name = (piece.strip() for piece in entry.partition("="))
        if not equals:
            raise ValueError(f"FITROOM_ENGINES: {entry!r} is not tier=engine")
        if tier not in TIERS:
            raise ValueError(f"FITROOM_ENGINES: unknown tier {tier!r} (tiers: {', '.join(TIERS)})")
        if tier in pairs:
            raise ValueError(f"FITROOM_ENGINES: tier {tier!r} is given twice")
        if not is_engine_name(name):
            raise ValueError(f"FITROOM_ENGINES: tier {tier}: {name!r} is no engine name")
        pairs[tier] = name
    return pairs


@dataclass(frozen=True)
class FashnVtonTier:
    """How the fashn-vton engine samples for one tier."""

    steps: int
    guidance: float
    segmentation_free: bool


#: Upstream's recommended step counts (20 fast, 30 balanced, 50 quality), its default
#: guidance, and segmentation-free sampling, which keeps the body as it is.
FASHN_VTON_TIER_DEFAULTS: dict[str, FashnVtonTier] = {
    TierName.NANO: FashnVtonTier(steps=20, guidance=1.5, segmentation_free=True),
    TierName.BASIC: FashnVtonTier(steps=30, guidance=1.5, segmentation_free=True),
    TierName.PRO: FashnVtonTier(steps=50, guidance=1.5, segmentation_free=True),
}


class Settings(BaseSettings):
    """All of fitroom's configuration.

    Each field's description is the operator's documentation: docs/configuration.md is
    generated from this class (`python -m fitroom.docs_config`).
    """

    model_config = SettingsConfigDict(env_prefix="FITROOM_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=Path("./data"),
        description="Folder for the SQLite file, local blobs and the generated signing key, unless the settings below point elsewhere.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the database, e.g. `postgresql+psycopg://user@host/db`. Unset: a SQLite file `fitroom.db` in the data dir.",
    )
    storage_url: str | None = Field(
        default=None,
        description="Where input and output images are kept: `file:///folder` or `s3://bucket/prefix`. Unset: the folder `blobs` in the data dir.",
    )
    s3_endpoint_url: str | None = Field(
        default=None,
        description="An S3-compatible server other than AWS (MinIO, Ceph, R2…), addressed path-style. Credentials come from boto3's usual `AWS_*` variables.",
    )
    s3_region: str | None = Field(
        default=None, description="The bucket's region. Unset: boto3's `AWS_REGION` / `AWS_DEFAULT_REGION`."
    )
    s3_public_url: str | None = Field(
        default=None,
        description="The object store's endpoint as shoppers' browsers reach it, when the processes use another (`http://minio:9000` inside a compose network): presigned output links are signed for it, and the dashboard's CSP allows its origin.",
    )
    s3_presign: bool = Field(
        default=True,
        description="Hand S3 outputs out as presigned links to the store. `false`: as fitroom's own signed `/files` links, streamed by the API, so the bucket can stay private.",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis shared by every process for rate-limit counters, sign-in throttling and job-finished events (`Prefer: wait`). Unset: each process keeps them in memory.",
    )
    public_url: str | None = Field(
        default=None,
        description="The base URL clients reach this service by, used in `status_url` and output URLs; an `https://` value also makes dashboard cookies Secure. Unset: `http://HOST:PORT`.",
    )
    host: str = Field(default="127.0.0.1", description="Interface `fitroom serve` listens on (`--host` overrides it).")
    port: int = Field(default=8000, description="TCP port `fitroom serve` listens on (`--port` overrides it).")
    workers: int = Field(
        default=2,
        ge=0,
        description="Render worker threads inside `fitroom serve` (`--workers` overrides it); 0 runs the API only.",
    )
    worker_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="Port on `host` where `fitroom worker` serves `/healthz`, `/readyz` and `/metrics` (`--port` overrides it). Unset: none, so several workers on one machine do not contend for a port.",
    )
    engine: str = Field(
        default="classic",
        description="The try-on engine of every tier `FITROOM_ENGINES` leaves out: a built-in name, a plugin registered under the `fitroom.engines` entry-point group, or `package.module:attribute`.",
    )
    engines: str | None = Field(
        default=None,
        description="An engine per tier, as comma-separated `tier=engine` pairs, e.g. `nano=classic,basic=classic,pro=fashn-vton`; tiers left out use `FITROOM_ENGINE`. Each job records its engine when accepted; workers claim only jobs of the engines they run (see engine-routing.md). Unset: every tier on `FITROOM_ENGINE`.",
    )
    retention_hours: float = Field(
        default=24.0,
        gt=0,
        description="How long jobs and their images are kept; then the reaper deletes the images and the job answers `404 expired`.",
    )
    prune_days: float = Field(
        default=90.0,
        ge=0,
        description="Job, webhook and ledger rows older than this many days are deleted, the ledger folded into one carried-forward entry per account (see docs/deployment-operations.md). 0 keeps them forever.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs local file URLs and dashboard sessions; set the same value on every process. Unset: generated once into `DATA_DIR/secret_key`.",
    )

    rate_limit: str = Field(
        default="60/minute",
        description="Requests per account, all its keys and every dialect together, in `limits` notation.",
    )
    miragic_rate_limit: str = Field(
        default="60/minute",
        description="Miragic requests per API key (Miragic's documented limit), counted on top of `rate_limit`.",
    )
    publishable_rate_limit: str = Field(
        default="30/minute",
        description="Requests per publishable (browser) key, counted instead of the account's `rate_limit`.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Browser origins allowed to call the API (CORS), a JSON list such as `["https://shop.example"]`; none by default.',
    )
    max_queue: int = Field(
        default=500, ge=1, description="Queued outputs beyond which new jobs are refused with `503 overloaded`."
    )
    max_upload_bytes: int = Field(
        default=10 * 1024 * 1024,
        description="Largest accepted image, in bytes, per image (uploads, fetched URLs and `data:` URIs alike).",
    )
    max_image_pixels: int = Field(
        default=50_000_000,
        description="Images with more pixels are refused from their header, before decoding (decompression bombs).",
    )
    max_wait_seconds: int = Field(
        default=120, description="The longest a `Prefer: wait=N` request is held before the usual `202`."
    )
    drain_seconds: float = Field(
        default=10.0,
        ge=0,
        description="On SIGTERM, `serve` holds `Prefer: wait` requests at most this much longer, then answers them with the job's status (`202`) so clients poll; other requests get 5 s more. Stop timeouts must exceed this plus `shutdown_seconds`.",
    )
    access_log: bool = Field(
        default=False,
        description="Log one JSON line per HTTP request: method, path (without its query), status, duration, client and request id.",
    )
    url_fetch_timeout: float = Field(
        default=15.0, description="Time limit in seconds for fetching one `*_url` input, all of it."
    )
    allow_private_urls: bool = Field(
        default=False,
        description="Let `*_url` inputs and webhooks reach private and loopback addresses. Development only.",
    )
    allow_http_webhooks_to_loopback: bool = Field(
        default=False,
        description="Accept and send `http://` webhooks to `127.0.0.1`, `localhost` or `[::1]`. Development only.",
    )
    output_url_ttl_seconds: int = Field(
        default=3600, description="Lifetime of a signed output URL (never past the job's expiry)."
    )

    webhook_retry_seconds: list[Annotated[float, Field(ge=0)]] = Field(
        default_factory=lambda: [5.0, 25.0, 125.0],
        description="Webhook retry schedule, a JSON list: after a failed try, one more try after each delay (seconds) in turn.",
    )
    webhook_timeout_seconds: float = Field(
        default=10.0, gt=0, description="Limit on one webhook try, DNS lookup included."
    )
    webhook_concurrency: int = Field(default=4, ge=1, description="Webhooks sent at once per process.")
    webhook_ca_file: Path | None = Field(
        default=None,
        description="PEM file of the CAs trusted for webhook HTTPS instead of the system's (a private CA). Unset: the system's CAs (`SSL_CERT_FILE` works).",
    )

    lease_seconds: float = Field(
        default=60.0,
        gt=0,
        description="How long a worker owns a claimed job without a heartbeat; when it runs out another worker takes the job over.",
    )
    heartbeat_seconds: float = Field(default=10.0, gt=0, description="How often a rendering worker renews its lease.")
    poll_seconds: float = Field(
        default=0.5,
        gt=0,
        description="How often an idle worker looks for work when no PostgreSQL `LISTEN` connection wakes it (SQLite, or while it reconnects).",
    )
    listen_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        description="With PostgreSQL's `LISTEN` connected, new jobs wake workers at once; they still poll this often for leases that ran out.",
    )
    shutdown_seconds: float = Field(
        default=30.0,
        ge=0,
        description="On SIGTERM, how long a worker may finish the output in hand before its job is put back in the queue.",
    )
    reaper_interval_seconds: float = Field(
        default=60.0, gt=0, description="How often each process's reaper looks for expired jobs."
    )
    max_attempts: int = Field(
        default=3,
        ge=1,
        description="Attempts at one job (a new one each time a worker died or lost its lease) before it fails with `engine_error` and its unfinished outputs are refunded.",
    )

    fashn_vton_weights: Path | None = Field(
        default=None,
        description="The fashn-vton engine's weights folder, filled beforehand by upstream's download script: `model.safetensors`, `dwpose/*.onnx` (optional) and `config.json` (optional model sizes). See docs/gpu-engine.md.",
    )
    fashn_vton_device: str | None = Field(
        default=None,
        description="The torch device fashn-vton runs on (`cuda:1`, `cpu`); unset: `cuda` when a GPU is present, else the CPU with a warning.",
    )
    fashn_vton_steps: dict[str, Annotated[int, Field(ge=1, le=200)]] = Field(
        default_factory=dict,
        description='fashn-vton\'s denoising steps per tier, a JSON object (`{"pro": 40}`); a tier left out keeps its default: nano 20, basic 30, pro 50.',
    )
    fashn_vton_guidance: dict[str, Annotated[float, Field(gt=0, le=20)]] = Field(
        default_factory=dict,
        description="fashn-vton's classifier-free guidance scale per tier, a JSON object; default 1.5 for every tier.",
    )
    fashn_vton_segmentation_free: dict[str, bool] = Field(
        default_factory=dict,
        description="Per tier, whether fashn-vton samples without masking the person (true, the default for every tier, keeps the body as it is); false masks the clothed region fitroom found.",
    )

    signup_credits: int = Field(
        default=50, ge=0, description="Credits of the admin account `fitroom serve` makes on its very first start."
    )
    log_level: str = Field(default="INFO", description="Level of the JSON logs written to stderr.")

    def fashn_vton_tier(self, tier: str) -> FashnVtonTier:
        """The fashn-vton engine's sampling settings for one tier."""
        default = FASHN_VTON_TIER_DEFAULTS[tier]
        return FashnVtonTier(
            steps=self.fashn_vton_steps.get(tier, default.steps),
            guidance=self.fashn_vton_guidance.get(tier, default.guidance),
            segmentation_free=self.fashn_vton_segmentation_free.get(tier, default.segmentation_free),
        )

    @field_validator("engine")
    @classmethod
    def _check_engine(cls, value: str) -> str:
        if not is_engine_name(value):
            raise ValueError(f"FITROOM_ENGINE: {value!r} is no engine name")
        return value

    @field_validator("engines")
    @classmethod
    def _check_engines(cls, value: str | None) -> str | None:
        parse_tier_engines(value or "")
        return value

    @property
    def tier_engines(self) -> dict[str, str]:
        """The engine that renders each tier: `engines`, else `engine`."""
        chosen = parse_tier_engines(self.engines or "")
        return {tier: chosen.get(tier, self.engine) for tier in TIERS}

    @property
    def configured_engines(self) -> tuple[str, ...]:
        """Every engine some tier is rendered with, in tier order, once each."""
        return tuple(dict.fromkeys(self.tier_engines.values()))

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
