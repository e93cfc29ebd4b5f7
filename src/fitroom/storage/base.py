"""The blob store interface every backend implements."""

from __future__ import annotations

from typing import Protocol


class BlobNotFound(KeyError):
    """The key is not in the store (expired and reaped, or never written)."""


class BlobStore(Protocol):
    #: The origin output links point at when it is not the API's own, else None.
    link_origin: str | None

    def put(self, key: str, data: bytes, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete_prefix(self, prefix: str) -> None:
        """Delete every blob whose key starts with `prefix`: a folder's (`jobs/<id>/`), or the files
        of one folder whose names start alike (`jobs/ab/<id>-`, see `keys.job_prefixes`)."""
        ...

    def signed_url(self, key: str, ttl_seconds: int) -> str: ...

    def verify(self, key: str, expires: int, signature: str) -> bool:
        """Whether a `/files/<key>` link is valid: the API then serves the blob itself."""
        ...
