"""The local blob store writes a blob in pieces (`WRITE_PIECE`), atomically: what is read back is what was put."""

from __future__ import annotations

import random
from pathlib import Path

from fitroom.storage.local import WRITE_PIECE, LocalStore


def test_a_blob_larger_than_a_write_piece_is_stored_whole_and_atomically(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "blobs", public_url="http://testserver", secret=b"s")
    data = random.Random(7).randbytes(2 * WRITE_PIECE + 12345)
    store.put("jobs/a/person.jpeg", data, "image/jpeg")
    assert store.get("jobs/a/person.jpeg") == data
    store.put("jobs/a/person.jpeg", b"smaller", "image/jpeg")  # replaced whole, not overwritten in place
    assert store.get("jobs/a/person.jpeg") == b"smaller"
    assert [p.name for p in (tmp_path / "blobs" / "jobs" / "a").iterdir()] == ["person.jpeg"], "no temporary file left"
