"""The local blob store writes a blob in pieces (`WRITE_PIECE`), atomically: what is read back is what was put;
a job's blobs are flat files."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fitroom.storage.base import BlobNotFound
from fitroom.storage.keys import job_blob, job_prefixes
from fitroom.storage.local import WRITE_PIECE, LocalStore


def test_a_blob_larger_than_a_write_piece_is_stored_whole_and_atomically(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "blobs", public_url="http://testserver", secret=b"s")
    data = random.Random(7).randbytes(2 * WRITE_PIECE + 12345)
    store.put("jobs/a/person.jpeg", data, "image/jpeg")
    assert store.get("jobs/a/person.jpeg") == data
    store.put("jobs/a/person.jpeg", b"smaller", "image/jpeg")  # replaced whole, not overwritten in place
    assert store.get("jobs/a/person.jpeg") == b"smaller"
    assert [p.name for p in (tmp_path / "blobs" / "jobs" / "a").iterdir()] == ["person.jpeg"], "no temporary file left"


def test_a_jobs_blobs_are_flat_files_and_deleting_the_job_removes_them_and_an_older_folder(tmp_path: Path) -> None:
    """No folder per job (its inode allocation cost ext4 1-1.8 ms per accept); the job's prefixes
    also reach a job stored before, in `jobs/<id>/`, and nothing of a neighbour in the same folder."""
    store = LocalStore(tmp_path / "blobs", public_url="http://testserver", secret=b"s")
    job, neighbour = "3f2a9c1e-0000-4000-8000-000000000001", "3f2a9c1e-0000-4000-8000-000000000002"
    for job_id in (job, neighbour):
        store.put(job_blob(job_id, "person.jpeg"), b"person", "image/jpeg")
        store.put(job_blob(job_id, "output-0-abc.png"), b"output", "image/png")
    assert job_blob(job, "person.jpeg") == f"jobs/3f/{job}-person.jpeg"
    assert len(list((tmp_path / "blobs" / "jobs").iterdir())) == 256, "shared folders, none per job"
    store.put(f"jobs/{job}/person.jpeg", b"older", "image/jpeg")  # a job stored before the flat keys
    (tmp_path / "blobs" / "jobs" / "3f" / f".{job}-garment-0.png.123.tmp").write_bytes(b"a crashed write")

    for prefix in job_prefixes(job):
        store.delete_prefix(prefix)
    left = sorted(str(p.relative_to(tmp_path / "blobs")) for p in (tmp_path / "blobs").rglob("*") if p.is_file())
    assert left == [f"jobs/3f/{neighbour}-output-0-abc.png", f"jobs/3f/{neighbour}-person.jpeg"]
    assert not (tmp_path / "blobs" / "jobs" / job).exists()
    store.delete_prefix(job_blob(neighbour, "output-0-abc.png"))  # one blob, as a worker that lost its lease does
    assert store.get(job_blob(neighbour, "person.jpeg")) == b"person"
    with pytest.raises(BlobNotFound):
        store.get(job_blob(neighbour, "output-0-abc.png"))
    for outside in ("../", "jobs/../", "/etc/", "jobs/3f/../../x-"):
        with pytest.raises(ValueError):
            store.delete_prefix(outside)
    with pytest.raises(ValueError):
        job_blob("../x", "person.jpeg")
