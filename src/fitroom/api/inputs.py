"""Turning uploaded files, `*_url` fields and `data:` URIs into validated images, for every dialect."""

from __future__ import annotations

import base64
import binascii
import io
from urllib.parse import urlsplit

import httpx
from fastapi import UploadFile

from fitroom.api.errors import ApiError
from fitroom.context import Context
from fitroom.imaging import ImageRejected, validate_image_once
from fitroom.jobs.service import ImageInput
from fitroom.jobs.webhooks import is_loopback_http
from fitroom.netfetch import FetchError, fetch_url

_FETCH_STATUS = {"invalid_request": 400, "file_too_large": 413}


def check_image(ctx: Context, data: bytes, field: str) -> ImageInput:
    """Validate by content: type, size, pixel count and a real decode (once per distinct image lately)."""
    try:
        info = validate_image_once(
            data, max_bytes=ctx.settings.max_upload_bytes, max_pixels=ctx.settings.max_image_pixels
        )
    except ImageRejected as exc:
        raise ApiError(exc.status, exc.code, f"{field}: {exc.message}", field=field) from exc
    return ImageInput(data=data, format=info.format)


def _too_large(ctx: Context, field: str) -> ApiError:
    limit = ctx.settings.max_upload_bytes
    return ApiError(413, "file_too_large", f"{field}: larger than {limit // (1024 * 1024)} MB", field=field)


def _contents(upload: UploadFile, limit: int) -> bytes:
    """A parsed upload's bytes, up to `limit`: without a copy when it was parsed into memory.

    `read()` copies the parsed buffer into a new bytes object, a photo's size on every
    accept; `BytesIO.getvalue()` hands out the buffer itself (the file is not written to
    again: it is closed after the request).
    """
    buffer = getattr(upload.file, "_file", None)  # SpooledTemporaryFile's: BytesIO until it rolls to disk
    if isinstance(buffer, io.BytesIO) and buffer.tell() == 0:
        return buffer.getvalue()[: limit + 1]
    return upload.file.read(limit + 1)


def _read_checked(ctx: Context, upload: UploadFile, field: str) -> ImageInput:
    """Read a parsed upload (in memory, or a temporary file past `max_upload_bytes`) and check it."""
    data = _contents(upload, ctx.settings.max_upload_bytes)
    if len(data) > ctx.settings.max_upload_bytes:
        raise _too_large(ctx, field)
    return check_image(ctx, data, field)


def read_uploads(ctx: Context, uploads: list[tuple[UploadFile, str]]) -> list[ImageInput]:
    """Read and check uploaded files, each with its field name, in order (the first fault is the
    answer). Blocking: dialects call it from the worker thread that then records the job
    (`jobaccess.accept`), so a request makes one thread hop, not one per file or step."""
    return [_read_checked(ctx, upload, field) for upload, field in uploads]


def fetch(ctx: Context, url: str, field: str) -> ImageInput:
    """Download an image URL through the SSRF guard, within the size and time caps, and check it (blocking)."""
    return _fetch(ctx, url.strip(), field)


def _fetch(ctx: Context, url: str, field: str) -> ImageInput:
    try:
        data = fetch_url(
            url,
            max_bytes=ctx.settings.max_upload_bytes,
            timeout=ctx.settings.url_fetch_timeout,
            allow_private=ctx.settings.allow_private_urls,
        )
    except FetchError as exc:
        status = _FETCH_STATUS.get(exc.code, 400)
        code = exc.code if exc.code in _FETCH_STATUS else "invalid_request"
        raise ApiError(status, code, f"{field}: could not fetch {url!r}: {exc.message}", field=field) from exc
    return check_image(ctx, data, field)


def _decode_data_uri(ctx: Context, uri: str, field: str) -> ImageInput:
    """Decode a base64 `data:` URI; its declared type is ignored (the content decides)."""
    header, _, payload = uri.partition(",")
    if not header.lower().endswith(";base64"):
        raise ApiError(400, "invalid_request", f"{field}: only base64 data: URIs are accepted", field=field)
    limit = ctx.settings.max_upload_bytes
    payload = "".join(payload.split())
    if len(payload) > 4 * (limit // 3 + 1):  # checked before decoding: no large allocation for a refusal
        raise _too_large(ctx, field)
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "invalid_request", f"{field}: the data: URI is not valid base64", field=field) from None
    if len(data) > limit:
        raise _too_large(ctx, field)
    return check_image(ctx, data, field)


def image_reference(ctx: Context, value: str, field: str) -> ImageInput:
    """An image given by reference: an http(s) URL (fetched through the SSRF guard) or a base64
    `data:` URI. Blocking, like `read_uploads`."""
    value = value.strip()
    if value[:5].lower() == "data:":
        return _decode_data_uri(ctx, value, field)
    if urlsplit(value).scheme.lower() in ("http", "https"):
        return _fetch(ctx, value, field)
    raise ApiError(400, "invalid_request", f"{field}: give an http(s) URL or a data:image/...;base64, URI", field=field)


#: Longest webhook URL accepted; browsers and proxies commonly stop near here too.
MAX_WEBHOOK_URL = 2048
#: Longest webhook secret accepted (the column's size).
MAX_WEBHOOK_SECRET = 200


def webhook_target(ctx: Context, url: str | None) -> str | None:
    """A webhook URL as given, or None: https only; plain http only to loopback, when the operator allows it.

    The URL must parse (no control characters: PostgreSQL cannot store a NUL byte, and the
    sender could not send it) and stay within `MAX_WEBHOOK_URL`, since it is kept with the job.
    """
    if not url:
        return None
    url = url.strip()
    if len(url) > MAX_WEBHOOK_URL:
        raise ApiError(
            400, "invalid_request", f"webhook_url is limited to {MAX_WEBHOOK_URL} characters", field="webhook_url"
        )
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        raise ApiError(400, "invalid_request", "webhook_url is not a valid URL", field="webhook_url") from None
    if parsed.scheme == "https" and parsed.host:
        return url
    if is_loopback_http(url) and ctx.settings.allow_http_webhooks_to_loopback:
        return url
    raise ApiError(400, "invalid_request", "webhook_url must be an https:// URL", field="webhook_url")


def webhook_secret_value(secret: str | None) -> str | None:
    """A webhook signing secret as given, or None: printable text within `MAX_WEBHOOK_SECRET` characters."""
    if not secret:
        return None
    if len(secret) > MAX_WEBHOOK_SECRET:
        raise ApiError(
            400,
            "invalid_request",
            f"webhook_secret is limited to {MAX_WEBHOOK_SECRET} characters",
            field="webhook_secret",
        )
    if not secret.isprintable():
        raise ApiError(400, "invalid_request", "webhook_secret must be printable text", field="webhook_secret")
    return secret
