"""Blobs as files in one directory; served by the API at `/files/<key>` with a signature.

The signature is an HMAC over the key and the expiry time, so a URL cannot be altered
to reach another file or to live longer. Keys are checked against a strict pattern
before touching the file system, so no `..` or absolute path ever gets through.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from fitroom.storage.base import BlobNotFound

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}){0,4}$")


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key) or ".." in key:
        raise ValueError(f"invalid blob key {key!r}")
    return key


def _signature(secret: bytes, key: str, expires: int) -> str:
    return hmac.new(secret, f"{key}\n{expires}".encode(), hashlib.sha256).hexdigest()


class LocalStore:
    """Files under `root`; writes are atomic (temp file + rename)."""

    def __init__(self, root: str | Path, *, public_url: str, secret: bytes) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.public_url = public_url.rstrip("/")
        self.secret = secret

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise BlobNotFound(key) from exc

    def delete_prefix(self, prefix: str) -> None:
        target = self._path(prefix.rstrip("/"))
        if target.is_dir():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)

    def signed_url(self, key: str, ttl_seconds: int) -> str:
        expires = int(time.time()) + ttl_seconds
        query = urlencode({"expires": expires, "signature": _signature(self.secret, check_key(key), expires)})
        return f"{self.public_url}/files/{quote(key)}?{query}"

    def verify(self, key: str, expires: int, signature: str) -> bool:
        """Whether a `/files` request carries a valid, unexpired signature for `key`."""
        try:
            check_key(key)
        except ValueError:
            return False
        if expires < time.time():
            return False
        # As bytes: compare_digest refuses str with non-ASCII characters, and the signature is the client's.
        return hmac.compare_digest(_signature(self.secret, key, expires).encode(), signature.encode())
