"""What every dashboard page shares: the visitor, rendering, redirects, and the page errors.

Pages are plain `def` handlers (FastAPI runs them in its thread pool, as the database
and argon2 calls they make are blocking). A handler takes a `Visit` (signed in or not),
renders a template with `render`, and the session cookie is written back only when it
changed (new session, flash message). Pages answer HTML whatever goes wrong: an error
page, or a redirect to sign in; the API's JSON errors are for API paths only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from fitroom.context import Context
from fitroom.db.models import Account
from fitroom.domain import DEFAULT_TIER, TIERS, UNFINISHED, JobStatus
from fitroom.web import sessions
from fitroom.web.sessions import WebSession

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent
STATIC_DIR = _HERE / "static"
#: Paths that belong to the dashboard: everything else is the API's.
PAGE_PREFIXES = ("/dashboard", "/login", "/logout", "/static")

templates = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "—"


def _iso(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat() if moment else ""


def _ago(moment: datetime | None) -> str:
    """ "3 min ago": what a table of recent things needs; the exact time goes in a title."""
    if moment is None:
        return "never"
    seconds = int((datetime.now(UTC) - moment).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return "just now"


def _duration(ms: int | None) -> str:
    if ms is None:
        return "—"
    return f"{ms} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def _signed(number: int) -> str:
    return f"+{number:,}" if number > 0 else f"{number:,}"


templates.filters["when"] = _when
templates.filters["iso"] = _iso
templates.filters["ago"] = _ago
templates.filters["duration"] = _duration
templates.filters["signed"] = _signed


def _static_version() -> str:
    """Changes when a static file changes, so browsers never run a stale app.js."""
    return str(max(int(p.stat().st_mtime) for p in STATIC_DIR.iterdir()))


templates.globals["static_version"] = _static_version()
# The domain's words, so pages compare with them instead of spelling them.
templates.globals.update(JobStatus=JobStatus, UNFINISHED=UNFINISHED, TIERS=TIERS, DEFAULT_TIER=DEFAULT_TIER)


def is_page_path(path: str) -> bool:
    """Whether `path` is a dashboard page (HTML errors) rather than the API (JSON errors)."""
    return path == "/" or any(path == p or path.startswith(p + "/") for p in PAGE_PREFIXES)


class LoginRequired(Exception):
    """Raised for a page that needs a signed-in visitor; answered with a redirect to /login."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageError(Exception):
    """An HTML error page: 403 (CSRF), 404 (not yours or not there), 500."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message


CSRF_FAILED = PageError(403, "Form expired", "This form could not be verified. Reload the page and try again.")


@dataclass
class Visit:
    """One request from a browser: the context, its session (new if it had none) and its account."""

    request: Request
    ctx: Context
    session: WebSession
    account: Account | None
    #: Whether `session` came in the request's cookie (a new one has nothing to check a form against).
    from_cookie: bool

    @property
    def user(self) -> Account:
        """The signed-in account (pages behind `SignedIn` only)."""
        if self.account is None:
            raise LoginRequired(self.request.url.path)
        return self.account

    @property
    def address(self) -> str:
        return self.request.client.host if self.request.client else "unknown"

    def check_csrf(self, submitted: str | None) -> None:
        """Refuse a state-changing request that does not carry this session's CSRF token."""
        if not self.from_cookie or not sessions.csrf_ok(self.session, submitted):
            raise CSRF_FAILED


def _load(ctx: Context, request: Request) -> Visit:
    session = sessions.read(request, ctx.settings)
    with ctx.db.reader() as db:
        account = sessions.account_of(db, session)
    return Visit(request, ctx, session or WebSession.new(), account, from_cookie=session is not None)


def _visit(request: Request) -> Visit:
    return _load(request.app.state.ctx, request)


def _signed_in(visit: Annotated[Visit, Depends(_visit)]) -> Visit:
    if visit.account is None:
        url = visit.request.url
        raise LoginRequired(url.path + (f"?{url.query}" if url.query else ""))
    return visit


def _admin(visit: Annotated[Visit, Depends(_signed_in)]) -> Visit:
    """Admin pages are "not found" for everyone else, like any page they cannot see."""
    if not visit.user.is_admin:
        raise PageError(404, "Page not found", "There is no page at this address.")
    return visit


AnyVisit = Annotated[Visit, Depends(_visit)]
SignedIn = Annotated[Visit, Depends(_signed_in)]
Admin = Annotated[Visit, Depends(_admin)]


def safe_next(path: str | None) -> str:
    """Where to go after sign-in: a local path only, never another site."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path or urlsplit(path).netloc:
        return "/dashboard"
    return path


def one_line(text: str, limit: int) -> str:
    """Form text as one printable line of at most `limit` characters (a database cannot hold a NUL)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:limit]


def login_url(next_path: str) -> str:
    return "/login" if next_path == "/dashboard" else f"/login?next={quote(next_path, safe='/')}"


def _secure_headers(response: Response, ctx: Context) -> None:
    parts = urlsplit(ctx.settings.base_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    # Output and input thumbnails come from the object store when its links are presigned.
    images = " ".join(dict.fromkeys(o for o in (origin, ctx.store.link_origin) if o))
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; img-src 'self' data: blob: {images}; connect-src 'self' {origin}; "
        "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"


def finish(visit: Visit, response: Response) -> Response:
    """Write the session back if it changed and add the security headers."""
    if visit.session.dirty:
        sessions.write(response, visit.session, visit.ctx.settings)
    _secure_headers(response, visit.ctx)
    return response


def render(visit: Visit, template: str, *, status: int = 200, active: str = "", **values: Any) -> Response:
    html = templates.get_template(template).render(
        account=visit.account,
        csrf_token=visit.session.csrf,
        flash=visit.session.pop_flash(),
        base_url=visit.ctx.settings.base_url,
        active=active,
        **values,
    )
    return finish(visit, HTMLResponse(html, status_code=status))


def redirect(visit: Visit, url: str) -> Response:
    return finish(visit, RedirectResponse(url, status_code=303))


def error_page(ctx: Context, request: Request, error: PageError) -> Response:
    """The error as a page; a 500 does not touch the database, which may be what failed."""
    if error.status >= 500:
        session = sessions.read(request, ctx.settings)
        visit = Visit(request, ctx, session or WebSession.new(), None, from_cookie=session is not None)
    else:
        visit = _load(ctx, request)
    return render(visit, "error.html", status=error.status, code=error.status, title=error.title, message=error.message)


class PageRoute(APIRoute):
    """A page route whose unexpected failures are logged and answered with an HTML error page."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except (LoginRequired, PageError, StarletteHTTPException, RequestValidationError):
                raise
            except Exception:
                log.exception("dashboard page failed", extra={"path": request.url.path})
                failure = PageError(500, "Something went wrong", "The page could not be shown. It has been logged.")
                return await run_in_threadpool(error_page, request.app.state.ctx, request, failure)

        return guarded
