"""Running the tests' own loopback servers on a thread, and stopping them cleanly."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def in_thread(server: socketserver.BaseServer, stopping: threading.Event | None = None) -> Iterator[None]:
    """Serve until the block ends; then set `stopping` (for handlers that wait on it), shut down, join."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield
    finally:
        if stopping is not None:
            stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()
