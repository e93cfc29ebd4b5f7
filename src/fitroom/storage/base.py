"""The blob store interface every backend implements."""

from __future__ import annotations

from typing import Protocol


class BlobNotFound(KeyError):
    """The key is not in the store (expired and reaped, or never written)."""


class BlobStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete_prefix(self, prefix: str) -> None: ...

    def signed_url(self, key: str, ttl_seconds: int) -> str: ...
