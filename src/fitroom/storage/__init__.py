"""Blob storage for input and output images, behind one small interface.

Keys are chosen by fitroom (`jobs/<uuid>/…`), never by clients. Outputs are handed out
as signed URLs that expire.
"""

from __future__ import annotations

from fitroom.storage.base import BlobNotFound, BlobStore
from fitroom.storage.local import LocalStore


def open_store(url: str, *, public_url: str, secret: bytes) -> BlobStore:
    """The store for a `FITROOM_STORAGE_URL` (`file:///dir`)."""
    if url.startswith("file://"):
        return LocalStore(url.removeprefix("file://"), public_url=public_url, secret=secret)
    raise ValueError(f"unsupported storage URL {url!r}: use file:///path")


__all__ = ["BlobNotFound", "BlobStore", "LocalStore", "open_store"]
