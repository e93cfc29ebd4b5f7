"""Job-finished events between processes, through Redis pub/sub.

A `Prefer: wait` request is held by one API process while a worker in another process,
perhaps on another machine, renders its job. With `FITROOM_REDIS_URL` set, the worker
publishes the job id on one channel when the job closes, and every API process (one
subscription each) wakes the requests waiting on it at once. Events are only a hint:
waiters still read the job from the database, and poll it (slowly while subscribed,
quickly while Redis is unreachable), so a lost message or a Redis outage costs latency,
never an answer.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import redis
import redis.asyncio as aioredis

log = logging.getLogger(__name__)

CHANNEL = "fitroom:jobs-finished"


class JobEvents:
    """Publish "job finished" from worker threads; wait for it in the API's event loop."""

    def __init__(self, redis_url: str | None) -> None:
        self.url = redis_url
        self._client = (
            redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2) if redis_url else None
        )
        self._waiters: dict[str, set[asyncio.Event]] = {}
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        #: Whether this process is subscribed now: then waiters poll the database seldom.
        self.listening = False
        #: Set when the server begins to stop (monotonic time): no waiter is held past it.
        self.drain_deadline: float | None = None

    @property
    def enabled(self) -> bool:
        return self._client is not None

    def publish_finished(self, job_id: str) -> None:
        """Say the job closed (call after the commit). A Redis failure is logged, not raised.

        Without Redis only this process's own waiters hear it (in-process workers).
        """
        if self._client is None:
            if self._loop is not None and not self._loop.is_closed():
                self._loop.call_soon_threadsafe(self._wake, job_id)
            return
        try:
            self._client.publish(CHANNEL, job_id)
        except redis.RedisError as exc:
            log.warning("could not publish a job event", extra={"job_id": job_id, "error": str(exc)})

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    async def start(self) -> None:
        """Subscribe in the background (API processes); without Redis, only note the loop."""
        self._loop = asyncio.get_running_loop()
        if self.url and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._listen(self.url), name="job-events")

    async def stop(self) -> None:
        self._loop = None
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    @contextmanager
    def watch(self, job_id: str) -> Iterator[asyncio.Event]:
        """An event set when `job_id` is announced; register before reading the job, so none is missed."""
        event = asyncio.Event()
        self._waiters.setdefault(job_id, set()).add(event)
        try:
            yield event
        finally:
            waiting = self._waiters.get(job_id)
            if waiting is not None:
                waiting.discard(event)
                if not waiting:
                    del self._waiters[job_id]

    async def _listen(self, url: str) -> None:
        backoff = 0.1
        while True:
            client = aioredis.Redis.from_url(url, socket_connect_timeout=2)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    self.listening = True
                    backoff = 0.1
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            self._wake(message["data"].decode())
            except (redis.RedisError, OSError) as exc:
                log.warning("job events unsubscribed; polling until Redis is back", extra={"error": str(exc)})
            finally:
                self.listening = False
                await client.aclose()
            # Whatever finished meanwhile was not heard: let every waiter look again.
            for job_id in list(self._waiters):
                self._wake(job_id)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)

    def drain(self, seconds: float) -> None:
        """The server is stopping: every waiter answers within `seconds` (a job that finishes
        sooner is still answered in full), so the stop is bounded and no client sees a reset."""
        self.drain_deadline = time.monotonic() + seconds
        for job_id in list(self._waiters):
            self._wake(job_id)

    def _wake(self, job_id: str) -> None:
        for event in self._waiters.get(job_id, ()):
            event.set()
