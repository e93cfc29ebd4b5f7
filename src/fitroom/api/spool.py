"""An upload's bytes held as the pieces the multipart parser hands over, joined once.

Starlette parses each uploaded file into a `SpooledTemporaryFile`, whose `BytesIO` grows by
an eighth at a time: a 1.1 MB photo arriving in 64 KB pieces was copied over about eight
times as the buffer was reallocated (0.5-1 ms of CPU per photo here, 12 % of the accept's
interpreter time in py-spy, docs/api-shop-backends.md round 8). `PieceSpool` keeps the
pieces in a list while they are only appended, and joins them into a `BytesIO` sharing the
joined bytes the first time anything else touches the file: one copy per photo.
"""

from __future__ import annotations

import io
from tempfile import SpooledTemporaryFile
from typing import IO, Any

import starlette.formparsers


class PieceSpool(SpooledTemporaryFile[bytes]):
    """A binary `SpooledTemporaryFile` that defers its in-memory writes until first read."""

    def __init__(self, max_size: int = 0, *args: Any, **kwargs: Any) -> None:
        self._pieces: list[bytes] | None = []
        self._held = 0
        self._limit = max_size
        super().__init__(max_size, *args, **kwargs)

    @property
    def _file(self) -> IO[bytes]:
        """The file, with the held pieces joined in first; from then on writes go to it."""
        if self._pieces is not None:
            if self._pieces:
                joined = b"".join(self._pieces)
                buffer = io.BytesIO(joined)  # shares `joined`: no copy
                buffer.seek(0, io.SEEK_END)
                self.__dict__["_file"] = buffer
            self._pieces = None
        file: IO[bytes] = self.__dict__["_file"]
        return file

    @_file.setter
    def _file(self, file: IO[bytes]) -> None:
        self.__dict__["_file"] = file

    def write(self, s: bytes) -> int:  # type: ignore[override]
        if self._pieces is None or self._held + len(s) > self._limit:
            return super().write(s)
        self._pieces.append(bytes(s))
        self._held += len(s)
        return len(s)

    def tell(self) -> int:
        """Without joining: Starlette asks before every write whether it would roll over."""
        return self._held if self._pieces is not None else self._file.tell()


def parse_uploads_into_pieces() -> None:
    """Have Starlette's multipart parser use `PieceSpool` for every uploaded file (process-wide)."""
    starlette.formparsers.SpooledTemporaryFile = PieceSpool  # type: ignore[attr-defined,assignment]
