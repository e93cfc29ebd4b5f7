"""The `fitroom` command: run the service or a worker, and administer accounts, keys and credits.

Admin commands are scriptable: results on stdout, one-line errors on stderr, exit 1.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fitroom import accounts
from fitroom.context import Context
from fitroom.db.models import Account
from fitroom.domain import DEFAULT_SWAP_TARGET, DEFAULT_TIER, TIERS, SwapTarget, TierName
from fitroom.jobs import credits
from fitroom.logs import setup_logging
from fitroom.settings import Settings, load_settings, parse_engine_names

if TYPE_CHECKING:
    from fitroom.jobs.probe import WorkerProbe
    from fitroom.jobs.routing import EngineSet

#: The tiers, as the commands that take one name them.
TIER_HELP = ", ".join(TIERS)

app = typer.Typer(help="fitroom: self-hosted virtual try-on.", no_args_is_help=True, add_completion=False)
users_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
keys_app = typer.Typer(help="Manage API keys.", no_args_is_help=True)
credits_app = typer.Typer(help="Grant and show credits.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(keys_app, name="keys")
app.add_typer(credits_app, name="credits")

err = Console(stderr=True)
T = TypeVar("T")

BOOTSTRAP_EMAIL = "admin@fitroom.local"
#: How often a worker started with --wait-for-engine tries its engine again.
ENGINE_RETRY_SECONDS = 10.0

log = logging.getLogger(__name__)


@contextmanager
def _context(settings: Settings | None = None) -> Iterator[Context]:
    ctx = Context.from_settings(settings or load_settings())
    try:
        yield ctx
    finally:
        ctx.close()


def _admin(action: Callable[[Session], T]) -> T:
    """Run one admin action in a transaction; turn expected failures into exit 1."""
    try:
        with _context() as ctx:
            ctx.db.migrate()
            with ctx.db.session() as session:
                return action(session)
    except (accounts.AccountError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    with _context() as ctx:
        ctx.db.migrate()
    typer.echo("database is up to date")


def _bootstrap(ctx: Context) -> str | None:
    """On the very first start, make an admin account with free credits; return its new key.

    API processes started together on an empty database race here: the unique email lets
    one win, and the others start without printing a key.
    """
    try:
        with ctx.db.session() as session:
            if session.scalar(select(func.count(Account.id))):
                return None
            account = accounts.create_account(session, BOOTSTRAP_EMAIL, is_admin=True)
            if ctx.settings.signup_credits:
                credits.grant(session, account.id, ctx.settings.signup_credits, note="welcome credits")
            return accounts.create_key(session, account, name="first key")
    except IntegrityError:
        return None


def _print_welcome(settings: Settings, key: str | None) -> None:
    """Plain lines (no box) so the key and the command copy and paste whole."""
    base = settings.base_url
    lines = [f"fitroom is starting on {base}   (API docs: {base}/docs)", ""]
    if key:
        lines += [
            f"Your API key, with {settings.signup_credits} free credits (shown only this once):",
            "",
            key,
            "",
            "Try it:",
            f'  curl -X POST "{base}/api/v1/generate" -H "X-API-Key: {key}" \\',
            '    -F "person_image=@person.jpg" -F "garment_image=@garment.jpg" -F "tier=basic"',
        ]
    else:
        lines.append(f"Need an API key? .venv/bin/fitroom keys create {BOOTSTRAP_EMAIL}")
    typer.echo("\n".join(lines) + "\n")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="TCP port")] = None,
    workers: Annotated[int | None, typer.Option(help="In-process render workers (0 = API only)")] = None,
) -> None:
    """Run the API (and, by default, render workers) on 127.0.0.1:8000."""
    from fitroom.api.app import create_app
    from fitroom.api.server import freeze_startup_heap, make_server

    overrides = {k: v for k, v in {"host": host, "port": port, "workers": workers}.items() if v is not None}
    settings = load_settings(**overrides)
    setup_logging(settings.log_level)
    with _context(settings) as ctx:
        ctx.db.migrate()
        key = _bootstrap(ctx)
    _print_welcome(settings, key)
    server = make_server(create_app(settings), settings)
    freeze_startup_heap()
    server.run()


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(help="Render threads in this process")] = 1,
    engines: Annotated[
        str | None,
        typer.Option(
            help="Engines to render, comma-separated, e.g. fashn-vton (default: every engine configured for a tier)"
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            help="Serve /healthz, /readyz and /metrics on this port (default FITROOM_WORKER_PORT; none if unset)"
        ),
    ] = None,
    wait_for_engine: Annotated[
        bool,
        typer.Option(
            "--wait-for-engine", help="If an engine cannot load, retry (and stay not ready) instead of exiting"
        ),
    ] = False,
) -> None:
    """Run render workers in this process (no API); stops gracefully on SIGTERM or Ctrl-C.

    They claim only jobs of their engines; each engine is loaded once, before the first claim.
    """
    from fitroom.jobs.worker import WorkerPool

    settings = load_settings(**({"worker_port": port} if port is not None else {}))
    setup_logging(settings.log_level)
    try:
        names = parse_engine_names(engines) if engines is not None else settings.configured_engines
    except ValueError as exc:
        err.print(f"error: --engines: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    idle = [name for name in names if name not in settings.configured_engines]
    if idle:
        err.print(
            f"warning: no tier is rendered with {', '.join(idle)} in this process's settings "
            "(FITROOM_ENGINES); its jobs come only from API processes configured otherwise",
            markup=False,
            highlight=False,
        )
    done = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        done.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with _context(settings) as ctx, _worker_probe(settings, ctx) as probe:
        loaded = _load_worker_engines(names, settings, wait_for_engine, done, probe)
        if loaded is None:
            return
        pool = WorkerPool(ctx, concurrency, engine=loaded)
        pool.start()
        done.wait()
        pool.stop()


@contextmanager
def _worker_probe(settings: Settings, ctx: Context) -> Iterator[WorkerProbe | None]:
    """The worker's health endpoints while it runs, if `worker_port` is set."""
    from fitroom.jobs.probe import WorkerProbe

    if settings.worker_port is None:
        yield None
        return
    probe = WorkerProbe(settings.host, settings.worker_port, ctx.db.ping)
    probe.start()
    try:
        yield probe
    finally:
        probe.stop()


def _load_worker_engines(
    names: tuple[str, ...], settings: Settings, wait: bool, stopping: threading.Event, probe: WorkerProbe | None
) -> EngineSet | None:
    """The worker's engines, all loaded before any job is claimed: a worker that cannot
    render must not take jobs only to fail them. Exits 3 with the reason, or with `wait`,
    retries every `ENGINE_RETRY_SECONDS` (not ready meanwhile) until they load or the
    worker is stopped (None). A set that failed is dropped, since it remembers failures.
    """
    from fitroom.jobs.routing import EngineSet

    while True:
        engines = EngineSet(names, settings)
        broken = {name: state for name, state in engines.load_all().items() if state != "ok"}
        if probe is not None:
            probe.engine_status = "; ".join(f"{state} ({name})" for name, state in broken.items()) or "ok"
        if not broken:
            return engines
        if not wait:
            reasons = "; ".join(state.removeprefix("unavailable: ") for state in broken.values())
            err.print(
                f"error: the engine cannot be loaded: {reasons}\n"
                "Fix FITROOM_ENGINE / FITROOM_ENGINES (or install what it needs), or start with --wait-for-engine to retry.",
                markup=False,
                highlight=False,
            )
            raise typer.Exit(3)
        log.warning("engine unavailable; retrying", extra={"engines": broken, "retry_seconds": ENGINE_RETRY_SECONDS})
        if stopping.wait(ENGINE_RETRY_SECONDS):
            return None


@app.command("try")
def try_on(
    person: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Photo of the person")],
    garments: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, help="Garment photos")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the result (.jpg, .png, .webp)")],
    target: Annotated[
        str,
        typer.Option(
            help="swap_target (top, bottom, dress, jacket, full_outfit, shoes, watch…); or one per garment, comma-separated, for a layered outfit"
        ),
    ] = DEFAULT_SWAP_TARGET,
    tier: Annotated[str, typer.Option(help=TIER_HELP)] = DEFAULT_TIER,
    description: Annotated[str | None, typer.Option(help="Garment hint, e.g. 'long sleeve'")] = None,
    engine_name: Annotated[str | None, typer.Option("--engine", help="Engine (default: FITROOM_ENGINE)")] = None,
) -> None:
    """Render a try-on locally, without a server."""
    from rich.progress import Progress as RichProgress

    from fitroom.domain import LAYER_ORDER
    from fitroom.engines import EngineError, EngineUnavailable, RenderOptions, load_engine
    from fitroom.engines.layering import render_layered
    from fitroom.imaging import ImageRejected, decode_image, encode_image

    fmt = {".png": "png", ".webp": "webp"}.get(output.suffix.lower(), "jpeg")
    targets = [t.strip() for t in target.split(",")]
    unknown = [t for t in targets if t not in LAYER_ORDER]
    if unknown or (len(targets) > 1 and len(targets) != len(garments)):
        problem = (
            f"unknown swap_target {unknown[0]!r}" if unknown else f"{len(targets)} targets for {len(garments)} garments"
        )
        err.print(
            f"error: invalid_request: {problem}; give one target, or one per garment", markup=False, highlight=False
        )
        raise typer.Exit(1)
    settings = load_settings()
    try:
        engine = load_engine(engine_name or settings.engine, settings)
        person_image = decode_image(person.read_bytes(), max_pixels=settings.max_image_pixels)
        garment_images = [decode_image(g.read_bytes(), max_pixels=settings.max_image_pixels) for g in garments]
        options = RenderOptions(swap_target=targets[0], tier=tier, garment_description=description)
        with RichProgress(console=err, transient=True) as bar:
            task = bar.add_task("rendering", total=1.0)
            started = time.perf_counter()

            def progress(fraction: float) -> None:
                bar.update(task, completed=fraction)

            if len(targets) > 1:
                image = render_layered(engine, person_image, garment_images, targets, options, progress)
            else:
                image = engine.render(person_image, garment_images, options, progress)
        output.write_bytes(encode_image(image, fmt))
    except (EngineError, EngineUnavailable, ImageRejected, KeyError) as exc:
        code = getattr(exc, "code", "error")
        err.print(f"error: {code}: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    err.print(f"wrote {output} ({image.width}×{image.height}) in {time.perf_counter() - started:.2f} s", markup=False)


@app.command("engines")
def engines_command() -> None:
    """List every engine and whether it loads here: its state, or what is missing and the
    command that fixes it, and the tiers it renders. Exit 1 when an engine a tier is
    configured for (FITROOM_ENGINE, FITROOM_ENGINES) does not load."""
    from fitroom.engines import EngineUnavailable, engine_names, load_engine

    settings = load_settings()
    tiers_of: dict[str, list[str]] = {}
    for tier, name in settings.tier_engines.items():
        tiers_of.setdefault(name, []).append(tier)
    configured_ok = True
    for name in dict.fromkeys([*engine_names(), *tiers_of]):
        try:
            engine = load_engine(name, settings)
        except EngineUnavailable as exc:
            state = f"unavailable: {exc}"
            configured_ok = configured_ok and name not in tiers_of
        else:
            describe = getattr(engine, "describe", None)
            state = describe() if callable(describe) else "loaded"
        mark = f" ({', '.join(tiers_of[name])})" if name in tiers_of else ""
        typer.echo(f"{name}{mark}: {state}")
    if not configured_ok:
        raise typer.Exit(1)


@app.command("eval")
def evaluate_command(
    persons: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="Folder of person photos")],
    garments: Annotated[
        Path,
        typer.Argument(
            exists=True, file_okay=False, help="Folder of garment photos (sub-folders tops/, bottoms/… set the target)"
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for results, contact sheets and metrics.json")],
    tier: Annotated[str, typer.Option(help=TIER_HELP)] = TierName.NANO,
    target: Annotated[str, typer.Option(help="swap_target for garments outside known sub-folders")] = SwapTarget.TOP,
    workers: Annotated[int, typer.Option(help="Processes")] = 1,
    every: Annotated[int, typer.Option(help="Use every N-th garment (quick looks)")] = 1,
) -> None:
    """Render every person × garment pair into contact sheets plus per-pair metrics and
    checks; a pair that breaks a check is listed with its faults."""
    import json

    from rich.progress import Progress as RichProgress

    from fitroom.evaluate import PairResult, evaluate

    with RichProgress(console=err, transient=True) as bar:
        task = bar.add_task("rendering", total=None)

        def done(result: PairResult) -> None:
            verdict = "refused" if not result.ok else ("fails " + ",".join(result.faults) if result.faults else "ok")
            bar.update(task, advance=1, description=f"{result.person[:24]} + {result.garment[:24]}: {verdict}")

        summary = evaluate(
            persons,
            garments,
            output,
            tier=tier,
            target=target,
            workers=workers,
            every=every,
            on_start=lambda total: bar.update(task, total=total),
            on_result=done,
        )
    typer.echo(json.dumps(summary, indent=1))


@users_app.command("create")
def users_create(
    email: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read a password from stdin")] = False,
    admin: Annotated[bool, typer.Option("--admin", help="Make the account an administrator")] = False,
    credits_: Annotated[int, typer.Option("--credits", help="Credits to grant at once")] = 0,
) -> None:
    """Create an account."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    if password_stdin and not password:
        err.print("error: empty password on stdin", markup=False)
        raise typer.Exit(1)

    def action(session: Session) -> str:
        account = accounts.create_account(session, email, password=password, is_admin=admin)
        if credits_ > 0:
            credits.grant(session, account.id, credits_, note="granted at creation")
        return account.email

    typer.echo(_admin(action))


@users_app.command("disable")
def users_disable(email: str) -> None:
    """Disable an account: its API keys and dashboard sessions are refused at once."""
    typer.echo(f"disabled {_admin(lambda s: accounts.set_disabled(accounts.get_account(s, email), True).email)}")


@users_app.command("enable")
def users_enable(email: str) -> None:
    """Enable a disabled account again (its keys work again unless revoked)."""
    typer.echo(f"enabled {_admin(lambda s: accounts.set_disabled(accounts.get_account(s, email), False).email)}")


@users_app.command("reset-password")
def users_reset_password(
    email: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the new password from stdin")] = False,
) -> None:
    """Set a new password (printed, if made up here) and end the account's dashboard sessions."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    if password_stdin and not password:
        err.print("error: empty password on stdin", markup=False)
        raise typer.Exit(1)
    made = _admin(lambda s: accounts.reset_password(accounts.get_account(s, email), password))
    typer.echo(f"password changed for {email.strip().lower()}" if password_stdin else made)


@app.command()
def backup(path: Annotated[Path, typer.Argument(dir_okay=False, help="File to write the SQLite copy to")]) -> None:
    """Copy the SQLite database to PATH while fitroom runs (a consistent snapshot).

    PostgreSQL is backed up with its own tools: the command prints how.
    """
    from fitroom.db.backup import BackupError, backup_sqlite, pg_dump_advice

    settings = load_settings()
    url = settings.resolved_database_url
    if not url.startswith("sqlite"):
        err.print(pg_dump_advice(url, path), markup=False, highlight=False)
        raise typer.Exit(2)
    try:
        pages = backup_sqlite(url, path)
    except BackupError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    typer.echo(f"backed up {url.removeprefix('sqlite:///')} to {path} ({pages} pages)")


@app.command()
def prune() -> None:
    """Delete job, webhook and ledger rows older than FITROOM_PRUNE_DAYS now (workers also do it daily)."""
    from fitroom.jobs.pruning import prune_rows

    with _context() as ctx:
        ctx.db.migrate()
        done = prune_rows(ctx)
    typer.echo(
        f"pruned {done.jobs} jobs, {done.webhooks} webhook deliveries; folded {done.ledger_rows} ledger rows of {done.accounts} accounts"
    )


@keys_app.command("create")
def keys_create(
    email: str,
    name: Annotated[str, typer.Option(help="A label for the key")] = "default",
    publishable: Annotated[
        bool, typer.Option(help="A browser-safe key: makes try-ons and reads its own jobs, nothing else")
    ] = False,
) -> None:
    """Create an API key and print it (the only time it is shown)."""
    kind = accounts.PUBLISHABLE if publishable else accounts.SECRET
    typer.echo(_admin(lambda s: accounts.create_key(s, accounts.get_account(s, email), name, kind=kind)))


@keys_app.command("list")
def keys_list(email: str) -> None:
    """List an account's keys: prefix, name, created, last used, revoked."""
    rows = _admin(
        lambda s: [
            (
                "frpk" if k.kind == accounts.PUBLISHABLE else "fr",
                k.prefix,
                k.name,
                k.created_at,
                k.last_used_at,
                k.revoked_at,
            )
            for k in accounts.list_keys(s, accounts.get_account(s, email))
        ]
    )
    table = Table("prefix", "name", "created", "last used", "revoked")
    for tag, prefix, name, created, used, revoked in rows:
        stamp = [d.strftime("%Y-%m-%d %H:%M") if d else "-" for d in (created, used, revoked)]
        table.add_row(f"{tag}_{prefix}_…", name, *stamp)
    Console().print(table)


@keys_app.command("revoke")
def keys_revoke(prefix: str) -> None:
    """Revoke a key by its prefix (the part after `fr_`, or the whole key)."""
    parts = prefix.split("_")
    short = parts[1] if len(parts) >= 2 and parts[0] in ("fr", "frpk") else prefix
    typer.echo(f"revoked fr_{_admin(lambda s: accounts.revoke_key(s, short).prefix)}_…")


@credits_app.command("grant")
def credits_grant(email: str, amount: int) -> None:
    """Add credits to an account; prints the new balance."""
    typer.echo(_admin(lambda s: credits.grant(s, accounts.get_account(s, email).id, amount, note="granted by admin")))


@credits_app.command("show")
def credits_show(email: str) -> None:
    """Print an account's balance."""
    typer.echo(_admin(lambda s: credits.balance(s, accounts.get_account(s, email).id)))


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"fitroom {version('fitroom')}")
        raise typer.Exit()


@app.callback()
def _options(
    _version_flag: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit")
    ] = False,
) -> None:
    """fitroom: self-hosted virtual try-on."""


def main() -> None:
    app()


if __name__ == "__main__":
    main()
