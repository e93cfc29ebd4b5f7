"""Database access: engine set-up, sessions, migrations and the table models."""

from fitroom.db.session import Database, connection_lost, retrying, utcnow

__all__ = ["Database", "connection_lost", "retrying", "utcnow"]
