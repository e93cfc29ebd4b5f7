"""Database access: engine set-up, sessions, migrations and the table models."""

from fitroom.db.session import Database, utcnow

__all__ = ["Database", "utcnow"]
