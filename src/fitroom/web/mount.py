"""Adding the dashboard to the API's app: its pages, static files, error pages and sign-in throttle."""

from __future__ import annotations

import inspect
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from fitroom.web import admin, auth, routes
from fitroom.web.pages import STATIC_DIR, LoginRequired, PageError, error_page, is_page_path, login_url
from fitroom.web.throttle import LoginThrottle

_TITLES = {404: "Page not found", 405: "Not allowed here"}


async def _delegate(handlers: dict[Any, Any], kind: type[Exception], request: Request, exc: Exception) -> Response:
    """The answer of the handler that the API installed for `kind` (its JSON envelopes)."""
    answer = handlers[kind](request, exc)
    return await answer if inspect.isawaitable(answer) else answer  # type: ignore[no-any-return]


def install_dashboard(app: FastAPI) -> None:
    """Pages answer HTML (an error page, or a redirect to sign in); API paths keep their JSON errors."""
    app.state.login_throttle = LoginThrottle(storage_url=app.state.ctx.settings.redis_url)
    app.include_router(auth.router)
    app.include_router(routes.router)
    app.include_router(admin.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    api_handlers = dict(app.exception_handlers)

    async def page_error(request: Request, error: PageError) -> Response:
        return await run_in_threadpool(error_page, request.app.state.ctx, request, error)

    @app.exception_handler(LoginRequired)
    async def _login(_request: Request, exc: LoginRequired) -> Response:
        return Response(status_code=303, headers={"Location": login_url(exc.next_path)})

    @app.exception_handler(PageError)
    async def _page(request: Request, exc: PageError) -> Response:
        return await page_error(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if not is_page_path(request.url.path):
            return await _delegate(api_handlers, StarletteHTTPException, request, exc)
        title = _TITLES.get(exc.status_code, "Something went wrong")
        message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
        return await page_error(request, PageError(exc.status_code, title, message))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        if not is_page_path(request.url.path):
            return await _delegate(api_handlers, RequestValidationError, request, exc)
        return await page_error(
            request, PageError(400, "Bad request", "The address or form has a value that is not valid.")
        )
