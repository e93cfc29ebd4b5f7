"""The render loop: claim a job, render each of its outputs, record them, repeat.

The same loop runs as threads inside `fitroom serve` and as `fitroom worker`. A
heartbeat thread keeps the lease alive while the engine works; if the process dies,
the lease runs out and another worker takes the job over, skipping finished outputs.
Closing a job also queues its webhook (same transaction); the pool's sender thread
delivers it, and a job-finished event wakes `Prefer: wait` requests in any API process.
Idle threads sleep until PostgreSQL announces a job (`queue.QueueListener`) or their poll
comes round. Stopping (SIGTERM) finishes the output in hand and puts the rest back.

A process runs some engines (`routing.EngineSet`, each loaded once and shared by its
threads) and claims only jobs recorded for them; its row in the `workers` table, kept
fresh while it runs, tells the API that those engines have a live worker.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from functools import partial

from PIL import Image

from fitroom import metrics
from fitroom.context import Context
from fitroom.db import retrying
from fitroom.db.models import Job, JobItem
from fitroom.domain import JobStatus
from fitroom.engines import Engine, EngineError, EngineUnavailable, Progress, RenderOptions
from fitroom.engines.layering import render_layered
from fitroom.imaging import ImageRejected, decode_image, encode_image
from fitroom.jobs import queue
from fitroom.jobs.reaper import reap
from fitroom.jobs.routing import EngineSet, Liveness
from fitroom.jobs.webhooks import WebhookSender, record_event
from fitroom.storage import BlobNotFound
from fitroom.storage.keys import job_blob

log = logging.getLogger(__name__)


class LeaseLost(Exception):
    """Another worker took the job over; stop without writing anything."""


class Released(Exception):
    """The worker is stopping and put the rest of the job back in the queue."""


class Heartbeat:
    """Extends a job's lease every `interval` seconds from a background thread."""

    def __init__(self, ctx: Context, job_id: str, worker_id: str) -> None:
        self.ctx, self.job_id, self.worker_id = ctx, job_id, worker_id
        self.progress = 0
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{job_id[:8]}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        settings = self.ctx.settings
        while not self._stop.wait(settings.heartbeat_seconds):
            try:
                alive = queue.heartbeat(self.ctx.db, self.job_id, self.worker_id, settings.lease_seconds, self.progress)
            except Exception:
                log.exception("heartbeat failed", extra={"job_id": self.job_id})
                continue
            if not alive:
                self.lost = True
                return


def process_id() -> str:
    """`host:pid:random`, naming a worker (lease owner) or a worker process (liveness row)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def engine_set(ctx: Context, engine: Engine | EngineSet | None) -> EngineSet:
    """The engines to run: as given; else every engine configured for a tier, loaded on first use,
    or all rendered by one given `Engine` (tests and benchmarks bring their own)."""
    if isinstance(engine, EngineSet):
        return engine
    names = ctx.settings.configured_engines
    return EngineSet(names, ctx.settings, loaded={name: engine for name in names} if engine is not None else None)


class Worker:
    """One render loop. Engines load lazily, so a broken engine fails its jobs, not start-up."""

    def __init__(
        self,
        ctx: Context,
        engine: Engine | EngineSet | None = None,
        name: str | None = None,
        wakeup: queue.Wakeup | None = None,
    ) -> None:
        self.ctx = ctx
        self.id = name or process_id()
        self.engines = engine_set(ctx, engine)
        self._on_close: queue.CloseHook = partial(record_event, ctx)
        self.stopping = threading.Event()
        self.wakeup = wakeup or queue.Wakeup()
        #: The job in hand, if any: released by the pool when a graceful stop runs out of time.
        self.current_job: str | None = None
        #: Jobs this loop failed as a whole, for run_once's finished line.
        self._given_up: dict[str, Job] = {}

    def run(self) -> None:
        """Work until `stop()`; with nothing to do, wait for a wake-up or the next poll.

        The poll is `poll_seconds`, or `listen_poll_seconds` while a `QueueListener` is
        connected (polling then only finds leases that ran out).
        """
        settings = self.ctx.settings
        while not self.stopping.is_set():
            seen = self.wakeup.generation()
            try:
                worked = self.run_once()
            except Exception:
                log.exception("worker loop error", extra={"worker": self.id})
                worked = False
            if not worked and not self.stopping.is_set():
                self.wakeup.wait(seen, settings.listen_poll_seconds if self.wakeup.listening else settings.poll_seconds)

    def stop(self) -> None:
        """Finish the output in hand, put the rest of the job back, and leave the loop."""
        self.stopping.set()
        self.wakeup.notify()

    def run_once(self) -> bool:
        """Claim and process at most one job; True if there was one."""
        job = queue.claim(self.ctx.db, self.id, self.ctx.settings.lease_seconds, self.engines.names)
        if job is None:
            return False
        started = time.monotonic()
        log.info(
            "job claimed", extra={"job_id": job.id, "worker": self.id, "engine": job.engine, "attempt": job.attempts}
        )
        self.current_job = job.id
        try:
            if job.attempts > self.ctx.settings.max_attempts:
                self._give_up(job, "engine_error", "rendering stopped on every attempt; the job was given up")
            else:
                self._process(job)
        except LeaseLost:
            log.warning("lease lost, job left to its new owner", extra={"job_id": job.id})
            return True
        except Released:
            log.info("worker stopping; job put back in the queue", extra={"job_id": job.id})
            return True
        finally:
            self.current_job = None
        finished = queue.finish_job(self.ctx.db, job.id, self.id, on_close=self._on_close)
        if finished is not None:
            self.ctx.events.publish_finished(job.id)
        finished = finished or self._given_up.pop(job.id, None)
        if finished is not None:
            elapsed = time.monotonic() - started
            metrics.JOB_SECONDS.observe(elapsed)
            metrics.JOBS_FINISHED.labels(finished.status).inc()
            log.info(
                "job finished",
                extra={
                    "job_id": job.id,
                    "account_id": job.account_id,
                    "dialect": job.dialect,
                    "outcome": finished.status,
                    "error_code": finished.error_code,
                    "duration_ms": int(elapsed * 1000),
                    "worker": self.id,
                },
            )
        return True

    def _give_up(self, job: Job, code: str, message: str) -> None:
        """Fail what is left of the job (refunded) and say so to waiting requests."""
        closed = queue.give_up(self.ctx.db, job.id, self.id, code, message, on_close=self._on_close)
        if closed is not None:
            self._given_up[job.id] = closed
            self.ctx.events.publish_finished(job.id)

    def _process(self, job: Job) -> None:
        pending = [i for i in job.items if i.status == JobStatus.QUEUED]
        if not pending:
            return
        try:
            engine = self.engines.get(job.engine)
        except EngineUnavailable as exc:
            self._give_up(job, "engine_error", str(exc))
            return
        asked = job.options
        try:
            person = decode_image(
                self.ctx.store.get(job.person_key or ""), max_pixels=self.ctx.settings.max_image_pixels
            )
            garments = {
                key: decode_image(self.ctx.store.get(key), max_pixels=self.ctx.settings.max_image_pixels)
                for key in asked.garment_keys
            }
        except (BlobNotFound, ImageRejected) as exc:
            self._give_up(job, "image_load_error", f"an input image could not be read: {exc}")
            return
        options = RenderOptions(
            swap_target=job.swap_target,
            tier=job.tier,
            garment_description=asked.garment_description,
            seed=asked.seed,
            garment_photo_type=asked.garment_photo_type,
        )
        total = len(job.items)
        with Heartbeat(self.ctx, job.id, self.id) as beat:
            for item in pending:
                if self.stopping.is_set() and queue.release(self.ctx.db, job.id, self.id):
                    raise Released(job.id)
                keys = item.garment_keys(asked)
                targets = asked.garment_targets if asked.layered else None
                done_before = total - len(pending) + pending.index(item)

                def progress(fraction: float, base: int = done_before) -> None:
                    beat.progress = int(100 * (base + min(max(fraction, 0.0), 1.0)) / total)

                self._render_item(job, item, engine, person, [garments[k] for k in keys], targets, options, progress)
                if beat.lost:
                    raise LeaseLost(job.id)

    def _render_item(
        self,
        job: Job,
        item: JobItem,
        engine: Engine,
        person: Image.Image,
        garments: list[Image.Image],
        targets: list[str] | None,
        options: RenderOptions,
        progress: Progress,
    ) -> None:
        started = time.monotonic()
        output_key = None
        error = None
        try:
            if targets:
                image = render_layered(engine, person, garments, targets, options, progress)
            else:
                image = engine.render(person, garments, options, progress)
            fmt = job.options.output_format
            output_key = job_blob(job.id, f"output-{item.position}-{uuid.uuid4().hex[:12]}.{fmt}")
            self.ctx.store.put(output_key, encode_image(image, fmt), f"image/{fmt}")
        except EngineError as exc:
            error = (exc.code, exc.message)
        except Exception as exc:
            log.exception("engine crashed", extra={"job_id": job.id})
            error = ("engine_error", f"the engine failed: {type(exc).__name__}")
        render_ms = int((time.monotonic() - started) * 1000)
        if error:
            metrics.ITEM_FAILURES.labels(error[0]).inc()
        else:
            metrics.RENDER_SECONDS.observe(render_ms / 1000)
        if not queue.finish_item(
            self.ctx.db, job.id, item.id, self.id, output_key=output_key, render_ms=render_ms, error=error
        ):
            if output_key:
                self.ctx.store.delete_prefix(output_key)
            raise LeaseLost(job.id)


class WorkerPool:
    """Render workers plus the reaper and the webhook sender, as daemon threads of one process.

    The workers share one `EngineSet` (see `engine_set`): one loaded engine per name.
    """

    def __init__(self, ctx: Context, count: int, engine: Engine | EngineSet | None = None) -> None:
        self.ctx = ctx
        self.wakeup = queue.Wakeup()
        self.engines = engine_set(ctx, engine)
        self.workers = [Worker(ctx, self.engines, wakeup=self.wakeup) for _ in range(count)]
        settings = ctx.settings
        self.liveness = Liveness(
            ctx.db, process_id(), self.engines.names, count, settings.heartbeat_seconds, settings.lease_seconds
        )
        self._stop = threading.Event()
        self._worker_threads: list[threading.Thread] = []
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        if self.workers:
            self.liveness.start()
        for worker in self.workers:
            thread = threading.Thread(target=worker.run, name=f"worker-{worker.id}", daemon=True)
            thread.start()
            self._worker_threads.append(thread)
        if self.workers and self.ctx.db.backend == "postgresql":
            listener = queue.QueueListener(self.ctx.db.url, self.wakeup, self._stop)
            self._threads.append(threading.Thread(target=listener.run, name="queue-listener", daemon=True))
            self._threads[-1].start()
        reaper = threading.Thread(target=self._reap_loop, name="reaper", daemon=True)
        sender = threading.Thread(
            target=WebhookSender(self.ctx).run, args=(self._stop,), name="webhook-sender", daemon=True
        )
        for thread in (reaper, sender):
            thread.start()
            self._threads.append(thread)

    def _reap_loop(self) -> None:
        while not self._stop.is_set():
            try:
                retrying(lambda: reap(self.ctx))
            except Exception:
                log.exception("reaper failed")
            self._stop.wait(self.ctx.settings.reaper_interval_seconds)

    def stop(self, timeout: float | None = None) -> None:
        """Let each worker finish the output in hand (the rest of its job goes back to the
        queue), and the sender its attempts in flight.

        A worker still rendering after `timeout` (`shutdown_seconds`) has its job released
        at once, so other workers need not wait for its lease to run out; its late writes
        are refused (it no longer owns the job).
        """
        self._stop.set()
        for worker in self.workers:
            worker.stop()
        deadline = time.monotonic() + (self.ctx.settings.shutdown_seconds if timeout is None else timeout)
        for thread in self._worker_threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        for worker in self.workers:
            job_id = worker.current_job
            if job_id is not None:
                try:
                    if queue.release(self.ctx.db, job_id, worker.id):
                        log.warning("render still running at shutdown; job put back", extra={"job_id": job_id})
                except Exception:
                    log.exception(
                        "could not release a job at shutdown; its lease will run out", extra={"job_id": job_id}
                    )
        if self.workers:
            self.liveness.stop()
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
