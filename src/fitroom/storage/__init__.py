"""Blob storage for input and output images, behind one small interface.

Keys are chosen by fitroom (`jobs/<2 hex>/<uuid>-…`, see `keys`), never by clients. Outputs are
handed out as signed URLs that expire: served by the API (`file://`) or presigned by the object
store (`s3://`).
"""

from __future__ import annotations

from fitroom.storage.base import BlobNotFound, BlobStore
from fitroom.storage.local import LocalStore
from fitroom.storage.s3 import S3Store
from fitroom.storage.signing import LinkSigner


def open_store(
    url: str,
    *,
    public_url: str,
    secret: bytes,
    s3_endpoint_url: str | None = None,
    s3_region: str | None = None,
    s3_public_url: str | None = None,
    s3_presign: bool = True,
) -> BlobStore:
    """The store for a `FITROOM_STORAGE_URL`: `file:///dir` or `s3://bucket/prefix`.

    `public_url` is the API's address (for `/files` links); `s3_public_url` the bucket's
    endpoint as browsers reach it; without `s3_presign`, S3 outputs get `/files` links too.
    """
    if url.startswith("file://"):
        return LocalStore(url.removeprefix("file://"), public_url=public_url, secret=secret)
    if url.startswith("s3://"):
        return S3Store(
            url,
            endpoint_url=s3_endpoint_url,
            region=s3_region,
            public_endpoint_url=s3_public_url,
            signer=None if s3_presign else LinkSigner(public_url, secret),
        )
    raise ValueError(f"unsupported storage URL {url!r}: use file:///path or s3://bucket/prefix")


__all__ = ["BlobNotFound", "BlobStore", "LocalStore", "S3Store", "open_store"]
