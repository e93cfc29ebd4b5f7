"""Running the app under uvicorn with a bounded, graceful stop.

On SIGTERM uvicorn stops accepting connections and waits for the requests in flight; a
`Prefer: wait` request could hold it for `max_wait_seconds` (120 s), longer than a
container runtime's stop timeout, after which the process is killed and clients see a
reset. Here the stop first tells those waiters to answer within `drain_seconds` (with the
job's status, so clients poll for the rest), and uvicorn's own graceful timeout bounds
every other request just after that.
"""

from __future__ import annotations

import gc
import socket

import uvicorn
from fastapi import FastAPI

from fitroom.events import JobEvents
from fitroom.settings import Settings

#: Time beyond `drain_seconds` for answers to be written before uvicorn cancels what is left.
ANSWER_MARGIN_SECONDS = 5.0


class DrainingServer(uvicorn.Server):
    """uvicorn whose shutdown first bounds the `Prefer: wait` requests it holds."""

    def __init__(self, config: uvicorn.Config, events: JobEvents, drain_seconds: float) -> None:
        super().__init__(config)
        self.events = events
        self.drain_seconds = drain_seconds

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.events.drain(self.drain_seconds)
        await super().shutdown(sockets)


def make_server(app: FastAPI, settings: Settings) -> DrainingServer:
    """The server for `create_app(settings)`'s app on `settings.host`:`settings.port`."""
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,  # the app's own access log (FITROOM_ACCESS_LOG) carries the request id
        timeout_graceful_shutdown=int(settings.drain_seconds + ANSWER_MARGIN_SECONDS),
    )
    return DrainingServer(config, app.state.ctx.events, settings.drain_seconds)


def freeze_startup_heap() -> None:
    """Keep what the process holds at startup out of the garbage collector's full passes.

    Imports, the app and its engines leave some 190,000 long-lived objects; each full
    (generation 2) collection walked them all, a pause of 100–300 ms that landed on
    whichever request was running (the job status tail at one poller). Frozen after one
    last collection, they are never walked again; collections then only walk what
    requests made. Called once, by `serve`, just before the server runs.
    """
    gc.collect()
    gc.freeze()
