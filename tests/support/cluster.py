"""A scaled-out fitroom on this machine: API processes and worker processes sharing
PostgreSQL, an S3 server and Redis, each a real `fitroom` process on loopback.

Every process is stopped when the block ends (SIGTERM, SIGKILL after a grace period),
whatever happened inside it; its output is kept in a log file for the failure message.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.app import free_port
from tests.support.process import SOURCES, stop_process
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    url: str | None = None  # API processes only

    def tail(self) -> str:
        return f"--- {self.name} ---\n" + self.log.read_text(errors="replace")[-3000:]

    def stop(self, grace: float = 30) -> int:
        """SIGTERM, wait up to `grace` seconds, then SIGKILL; the exit status."""
        return stop_process(self.popen, grace)


@dataclass
class Cluster:
    environment: dict[str, str]
    logs: Path
    processes: list[Process] = field(default_factory=list)

    def _start(self, name: str, command: list[str], extra: dict[str, str]) -> Process:
        log = self.logs / f"{name}.log"
        with open(log, "wb") as sink:
            popen = subprocess.Popen(
                [sys.executable, "-m", "fitroom", *command],
                env={**os.environ, "PYTHONPATH": SOURCES, **self.environment, **extra},
                cwd=ROOT,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def api(self, name: str) -> Process:
        """`fitroom serve --workers 0` on a free port, once it answers /readyz."""
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        process = self._start(
            name, ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "0"], {"FITROOM_PUBLIC_URL": url}
        )
        process.url = url

        def ready() -> bool:
            assert process.popen.poll() is None, process.tail()
            try:
                return httpx.get(f"{url}/readyz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, 90, f"{name} to be ready", interval=0.1)
        return process

    def worker(self, name: str, concurrency: int = 1, engines: str | None = None) -> Process:
        """`fitroom worker`, for `engines` (comma-separated) or its default, every configured engine."""
        chosen = ["--engines", engines] if engines is not None else []
        return self._start(name, ["worker", "--concurrency", str(concurrency), *chosen], {})

    def run(self, *command: str) -> str:
        """A one-off `fitroom` command (migrate, admin); its stdout."""
        done = subprocess.run(
            [sys.executable, "-m", "fitroom", *command],
            env={**os.environ, "PYTHONPATH": SOURCES, **self.environment},
            cwd=ROOT,
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        return done.stdout.decode()

    def tails(self) -> str:
        return "\n".join(process.tail() for process in self.processes)


@contextmanager
def cluster(environment: dict[str, str], logs: Path) -> Iterator[Cluster]:
    """Processes started through the yielded `Cluster` are all stopped when the block ends."""
    running = Cluster(environment, logs)
    with ExitStack() as stack:
        stack.callback(lambda: [process.stop() for process in reversed(running.processes)])
        yield running
