"""The health endpoints of a `fitroom worker` process, on a port of its own.

A worker has no API to ask, so an orchestrator (compose, Kubernetes) and Prometheus need
these: `/healthz` (the process answers), `/readyz` (its engine is loaded and the database
answers; 503 with the reason otherwise) and `/metrics` (this process's render metrics).
The standard library's threaded HTTP server is enough for three tiny answers and keeps
the worker free of a second web stack.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

log = logging.getLogger(__name__)


class WorkerProbe:
    """Serves the endpoints from a daemon thread; `engine_status` is set by the worker command."""

    def __init__(self, host: str, port: int, database_ping: Callable[[], None]) -> None:
        self.engine_status = "loading"
        self._ping = database_ping
        probe = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                status, body, kind = probe.answer(self.path.split("?", 1)[0])
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(
                self, format: str, *args: object
            ) -> None:  # scrapes every few seconds: not worth a line each
                pass

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="worker-probe", daemon=True)

    def start(self) -> None:
        self._thread.start()
        log.info("worker health endpoints listening", extra={"port": self.port})

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def readiness(self) -> tuple[bool, dict[str, str]]:
        checks = {"engine": self.engine_status}
        try:
            self._ping()
            checks["database"] = "ok"
        except Exception as exc:  # the answer itself says what is wrong
            checks["database"] = f"error: {type(exc).__name__}"
        return all(value == "ok" for value in checks.values()), checks

    def answer(self, path: str) -> tuple[int, bytes, str]:
        """Status, body and content type for a GET of `path`."""
        if path == "/healthz":
            return 200, b'{"status": "ok"}', "application/json"
        if path == "/readyz":
            ready, checks = self.readiness()
            body = json.dumps({"status": "ready" if ready else "not_ready", "checks": checks}).encode()
            return (200 if ready else 503), body, "application/json"
        if path == "/metrics":
            return 200, generate_latest(REGISTRY), CONTENT_TYPE_LATEST
        return 404, b'{"error": {"code": "not_found", "message": "no such endpoint"}}', "application/json"
