"""Blobs as files in one directory; served by the API at `/files/<key>` with a signature
(`signing.LinkSigner`). Keys are checked (`keys.check_key`) before touching the file system."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from fitroom.storage.base import BlobNotFound
from fitroom.storage.keys import JOB_FOLDERS, check_key
from fitroom.storage.signing import LinkSigner

#: Bytes per `write` call. On this development machine's kernel (6.18, ext4) one `write` of a
#: whole 1 MB photo often cost 2.5-2.9 ms of kernel time copying it into the page cache, while
#: the same bytes in 256 KB writes cost 0.6-1.0 ms every time (bench figures: docs/api-shop-backends.md).
WRITE_PIECE = 256 * 1024


class LocalStore:
    """Files under `root`; writes are atomic (temp file + rename)."""

    def __init__(self, root: str | Path, *, public_url: str, secret: bytes) -> None:
        self.root = Path(root).resolve()
        for folder in JOB_FOLDERS:  # once here, not on a job's first put: a new folder costs an inode
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        self.signer = LinkSigner(public_url, secret)
        #: Links are the API's own: no other origin to allow in the dashboard.
        self.link_origin: str | None = None

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            file = tmp.open("wb")
        except FileNotFoundError:  # the folder's first blob: `mkdir` only then, not per put
            path.parent.mkdir(parents=True, exist_ok=True)
            file = tmp.open("wb")
        view = memoryview(data)
        with file:
            for start in range(0, len(view), WRITE_PIECE):
                file.write(view[start : start + WRITE_PIECE])
        tmp.replace(path)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise BlobNotFound(key) from exc

    def delete_prefix(self, prefix: str) -> None:
        """Delete the folder `prefix` names when it ends in `/`, else the files (and folders) of its
        folder whose names start with its last part, with any temporary file a crashed write left."""
        folder, _, start = prefix.rpartition("/")
        base = self._path(folder) if folder else self.root
        if not start:
            if base != self.root:
                shutil.rmtree(base, ignore_errors=True)
            return
        check_key(prefix)
        try:
            entries = list(os.scandir(base))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if not entry.name.startswith((start, f".{start}")):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                Path(entry.path).unlink(missing_ok=True)

    def signed_url(self, key: str, ttl_seconds: int) -> str:
        return self.signer.url(key, ttl_seconds)

    def verify(self, key: str, expires: int, signature: str) -> bool:
        return self.signer.verify(key, expires, signature)
