"""Every error answer is JSON in the dialect's envelope, with the request id; never a traceback.

The envelope is chosen here and only here, from the request path: each dialect's clients
parse errors their provider's way, while status codes and machine codes stay fitroom's.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from fitroom.logs import request_id

_STATUS_CODES = {
    400: "invalid_request",
    401: "invalid_api_key",
    402: "insufficient_credits",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "file_too_large",
    415: "unsupported_image_type",
    422: "invalid_image",
    429: "rate_limited",
    503: "overloaded",
}

MIRAGIC_PREFIX = "/api/v1/virtual-try-on"
FASHN_PREFIX = "/v1/"

#: FASHN's API-level error names (its docs' "Error Handling" table) for fitroom's codes.
_FASHN_NAMES = {
    "invalid_request": "BadRequest",
    "missing_api_key": "UnauthorizedAccess",
    "invalid_api_key": "UnauthorizedAccess",
    "insufficient_credits": "OutOfCredits",
    "forbidden": "Forbidden",
    "not_found": "NotFound",
    "expired": "NotFound",
    "method_not_allowed": "MethodNotAllowed",
    "file_too_large": "ImageLoadError",
    "unsupported_image_type": "ImageLoadError",
    "invalid_image": "ImageLoadError",
    "idempotency_conflict": "BadRequest",
    "rate_limited": "RateLimitExceeded",
    "overloaded": "ServiceUnavailable",
}


class ApiError(Exception):
    """An error answer: HTTP status, stable machine code, human message, optional field."""

    def __init__(
        self, status: int, code: str, message: str, *, field: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}


def dialect_of(path: str) -> str:
    """Which API a request path belongs to: "miragic", "fashn" or "virtufit" (everything else)."""
    if path == MIRAGIC_PREFIX or path.startswith(MIRAGIC_PREFIX + "/"):
        return "miragic"
    if path.startswith(FASHN_PREFIX):
        return "fashn"
    return "virtufit"


def error_body(error: ApiError, path: str) -> dict[str, object]:
    """The error in the envelope of the dialect that `path` belongs to."""
    detail: dict[str, object] = {"code": error.code, "message": error.message}
    if error.field:
        detail["field"] = error.field
    rid = request_id.get()
    if rid:
        detail["request_id"] = rid
    dialect = dialect_of(path)
    if dialect == "miragic":
        return {"success": False, "message": error.message, "error": detail}
    if dialect == "fashn":
        name = _FASHN_NAMES.get(error.code, "InternalServerError" if error.status >= 500 else "BadRequest")
        return {"error": name, **detail}
    return {"success": False, "error": detail}


def error_response(error: ApiError, path: str) -> JSONResponse:
    return JSONResponse(error_body(error, path), status_code=error.status, headers=error.headers)


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc, request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        location = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "header", "path")]
        field = ".".join(location) or None
        message = f"{field}: {first.get('msg', 'invalid value')}" if field else str(first.get("msg", "invalid request"))
        return error_response(ApiError(400, "invalid_request", message, field=field), request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(
            ApiError(exc.status_code, code, message, headers=dict(exc.headers or {})), request.url.path
        )


_DETAIL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "Stable machine code, e.g. `invalid_request`"},
        "message": {"type": "string"},
        "field": {"type": "string", "description": "The field at fault, when there is one"},
        "request_id": {"type": "string", "description": "Also in the `X-Request-ID` header and the server's logs"},
    },
}


def error_schema(path: str) -> dict[str, Any]:
    """JSON Schema of an error body in the envelope of the dialect that `path` belongs to."""
    dialect = dialect_of(path)
    if dialect == "miragic":
        return {
            "type": "object",
            "required": ["success", "message", "error"],
            "properties": {"success": {"const": False}, "message": {"type": "string"}, "error": _DETAIL_SCHEMA},
        }
    if dialect == "fashn":
        return {
            "type": "object",
            "required": ["error", "code", "message"],
            "properties": {
                "error": {"type": "string", "description": "FASHN's error name"},
                **_DETAIL_SCHEMA["properties"],
            },
        }
    return {
        "type": "object",
        "required": ["success", "error"],
        "properties": {"success": {"const": False}, "error": _DETAIL_SCHEMA},
    }


def documented_errors(path: str, *errors: tuple[int, str, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` showing each (status, code, message) in the envelope of `path`'s dialect.

    Each status gets the envelope's schema and an example per code; `default` documents that
    any other status (a 500 `internal_error`, a 413 for an oversized body) has the same envelope.
    """
    schema = error_schema(path)
    responses: dict[int | str, dict[str, Any]] = {
        "default": {
            "description": "Any other error, in the same envelope",
            "content": {"application/json": {"schema": schema}},
        }
    }
    for status, code, message in errors:
        content = {"application/json": {"schema": schema, "examples": {}}}
        entry = responses.setdefault(status, {"description": HTTPStatus(status).phrase, "content": content})
        entry["content"]["application/json"]["examples"][code] = {
            "value": error_body(ApiError(status, code, message), path)
        }
    return responses


def auth_errors(how: str) -> tuple[tuple[int, str, str], ...]:
    """The errors every authenticated endpoint can answer, for `documented_errors`; `how` to send the key."""
    return (
        (401, "missing_api_key", how),
        (401, "invalid_api_key", "the API key is not valid or has been revoked"),
        (429, "rate_limited", "too many requests; retry in 12 s"),
    )
