"""The shared handles a process needs: settings, database, blob store and job events.

Built once per process (API server, worker, CLI command) and passed down explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass

from fitroom.db import Database
from fitroom.events import JobEvents
from fitroom.settings import Settings
from fitroom.storage import BlobStore, open_store


@dataclass
class Context:
    settings: Settings
    db: Database
    store: BlobStore
    events: JobEvents

    @classmethod
    def from_settings(cls, settings: Settings) -> Context:
        return cls(
            settings=settings,
            db=Database(settings.resolved_database_url),
            store=open_store(
                settings.resolved_storage_url,
                public_url=settings.base_url,
                secret=settings.resolved_secret_key,
                s3_endpoint_url=settings.s3_endpoint_url,
                s3_region=settings.s3_region,
                s3_public_url=settings.s3_public_url,
                s3_presign=settings.s3_presign,
            ),
            events=JobEvents(settings.redis_url),
        )

    def close(self) -> None:
        self.db.dispose()
        self.events.close()
