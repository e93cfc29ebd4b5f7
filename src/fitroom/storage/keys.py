"""Blob keys: chosen by fitroom, checked against a strict pattern before any store uses one,
so no `..` or absolute path ever reaches a file system or a bucket.

A job's blobs are flat files named after the job, `jobs/<2 hex>/<job id>-person.jpeg`, in one
of 256 folders (`JOB_FOLDERS`, made when a local store opens): a folder of its own per job cost
ext4 an inode allocation per accept (1-1.8 ms of CPU here, docs/api-shop-backends.md, rounds 7
and 8), and the 256 folders keep a delete's listing to 1/256 of the jobs. Jobs stored before that keep their `jobs/<job id>/` folder: their
keys are in their rows, so they stay readable, and `job_prefixes` names both places.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}){0,4}$")


#: The folders every job's blobs go in, by the job id's first two characters (a UUID's: hex).
JOB_FOLDERS = tuple(f"jobs/{n:02x}" for n in range(256))


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key) or ".." in key:
        raise ValueError(f"invalid blob key {key!r}")
    return key


def job_blob(job_id: str, name: str) -> str:
    """The key of one of the job's blobs (`person.jpeg`, `garment-0.png`, `output-0-….webp`)."""
    return check_key(f"{_job_start(job_id)}{name}")


def job_prefixes(job_id: str) -> tuple[str, str]:
    """Every place the job's blobs can be: its flat files, and the folder of a job stored before them."""
    return _job_start(job_id), f"jobs/{job_id}/"


def _job_start(job_id: str) -> str:
    return f"jobs/{job_id[:2]}/{job_id}-"
