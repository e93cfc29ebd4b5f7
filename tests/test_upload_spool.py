"""`PieceSpool`: an upload parsed as pieces reads back whole, as a `SpooledTemporaryFile` would."""

from __future__ import annotations

import io
import random

import starlette.formparsers
from fastapi.testclient import TestClient

from fitroom.api.spool import PieceSpool


def test_pieces_read_back_whole_and_writes_after_a_read_still_land() -> None:
    data = random.Random(3).randbytes(300_000)
    spool = PieceSpool(max_size=1_000_000)
    for start in range(0, len(data), 65_536):
        spool.write(data[start : start + 65_536])
        assert spool.tell() == min(start + 65_536, len(data))
    spool.seek(0)
    buffer = spool._file
    assert isinstance(buffer, io.BytesIO) and buffer.getvalue() == data and not spool._rolled
    spool.seek(0, io.SEEK_END)
    spool.write(b"tail")
    spool.seek(0)
    assert spool.read() == data + b"tail"
    spool.close()


def test_a_file_past_the_limit_rolls_over_to_disk_with_everything_written() -> None:
    data = random.Random(4).randbytes(200_000)
    spool = PieceSpool(max_size=150_000)
    for start in range(0, len(data), 50_000):
        spool.write(memoryview(data)[start : start + 50_000])
    assert spool._rolled and spool.tell() == len(data)
    spool.seek(0)
    assert spool.read() == data
    spool.close()


def test_the_app_parses_uploads_into_pieces(client: TestClient) -> None:
    assert starlette.formparsers.SpooledTemporaryFile is PieceSpool
