"""The floor for bench/api.py: a bare Starlette endpoint that reads a multipart upload and answers 202.

uvicorn --app-dir bench bare_upload:app --port 8001
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def upload(request: Request) -> JSONResponse:
    """Read every uploaded file to the end, as an endpoint that keeps them must."""
    received = 0
    async with request.form(max_part_size=11 * 1024 * 1024) as form:
        for _, value in form.multi_items():
            if isinstance(value, UploadFile):
                received += len(await value.read())
    return JSONResponse({"accepted": True, "bytes": received}, status_code=202)


app = Starlette(routes=[Route("/upload", upload, methods=["POST"])])
