"""Backups of the database while fitroom runs.

SQLite: sqlite3's online backup API copies the database page by page under a read
transaction, so the copy is one consistent snapshot (committed data only, WAL included)
even while workers write; a plain file copy of a WAL database can be torn. PostgreSQL has
its own tools for this (`pg_dump` takes a consistent snapshot too), so fitroom only says
how to use them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """The backup cannot be made where asked."""


def backup_sqlite(url: str, target: Path) -> int:
    """Copy the SQLite database at `url` to the new file `target`; returns its page count.

    Written to a temporary name beside `target` and checked with `PRAGMA integrity_check`
    before it is renamed, so `target` is either a whole, sound copy or absent.
    """
    source = Path(make_url(url).database or "")
    if not source.is_file():
        raise BackupError(f"no SQLite database at {source}")
    if target.exists():
        raise BackupError(f"{target} already exists; give a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"no directory {target.parent}")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(source, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            reader.backup(copy)  # all pages in one step: one snapshot
            copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            pages = int(copy.execute("PRAGMA page_count").fetchone()[0])
        finally:
            copy.close()
    finally:
        reader.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {verdict}")
    partial.replace(target)
    return pages


def pg_dump_advice(url: str, target: Path) -> str:
    """How to back up (and restore) a PostgreSQL database, with the password hidden."""
    shown = make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
    return (
        "fitroom backs up SQLite only; PostgreSQL's own tools take a consistent snapshot while fitroom runs:\n"
        f"  pg_dump --format=custom --file {target} '{shown}'\n"
        "Restore into a new, empty database, then point FITROOM_DATABASE_URL at it:\n"
        f"  createdb NEWDB && pg_restore --no-owner --dbname 'postgresql://…/NEWDB' {target}"
    )
