"""Turning uploaded files and `*_url` fields into validated images, for every dialect."""

from __future__ import annotations

from fastapi import UploadFile
from starlette.concurrency import run_in_threadpool

from fitroom.api.errors import ApiError
from fitroom.context import Context
from fitroom.imaging import ImageRejected, validate_image
from fitroom.jobs.service import ImageInput
from fitroom.netfetch import FetchError, fetch_url

_FETCH_STATUS = {"invalid_request": 400, "file_too_large": 413}


def check_image(ctx: Context, data: bytes, field: str) -> ImageInput:
    """Validate by content: type, size, pixel count and a real decode."""
    try:
        info = validate_image(
            data, max_bytes=ctx.settings.max_upload_bytes, max_pixels=ctx.settings.max_image_pixels
        )
    except ImageRejected as exc:
        raise ApiError(exc.status, exc.code, f"{field}: {exc.message}", field=field) from exc
    return ImageInput(data=data, format=info.format)


async def read_upload(ctx: Context, upload: UploadFile, field: str) -> ImageInput:
    limit = ctx.settings.max_upload_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, "file_too_large", f"{field}: larger than {limit // (1024 * 1024)} MB", field=field)
    return await run_in_threadpool(check_image, ctx, data, field)


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


async def fetch_input(ctx: Context, url: str, field: str) -> ImageInput:
    """Download an image URL through the SSRF guard, within the size and time caps."""
    return await run_in_threadpool(_fetch, ctx, url.strip(), field)
