"""`fitroom serve` and `fitroom worker` in processes of their own: for what only a real
process shows (its memory, its logs, being killed mid-render)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from fitroom.settings import Settings
from tests.support.app import free_port, migrated_settings
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
#: What a child process imports: this checkout's sources (ahead of any installed copy) and its tests.
SOURCES = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
#: The tests' slow engine by import path (see `slow_worker`).
SLOW_ENGINE = "tests.support.engines:SlowEngine"


@dataclass
class ServerProcess:
    url: str
    pid: int
    settings: Settings
    output: Path  # everything the process wrote, stdout and stderr

    def memory(self) -> dict[str, int]:
        """Resident set size now and at its peak (VmRSS, VmHWM), in bytes."""
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{self.pid}/status").read_text().splitlines())
        return {name: int(fields[name].split()[0]) * 1024 for name in ("VmRSS", "VmHWM")}


def stop_process(process: subprocess.Popen[bytes], grace: float = 30) -> int:
    """SIGTERM, wait up to `grace` seconds, then SIGKILL; the exit status."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


@contextmanager
def fitroom_serve(tmp_path: Path, database_url: str, engine: str, **environment: str) -> Iterator[ServerProcess]:
    """`fitroom serve` on a free loopback port with one worker; `environment` adds FITROOM_* settings.

    The process is stopped (SIGTERM, then SIGKILL after 30 s) when the block ends.
    """
    port = free_port()
    settings = migrated_settings(tmp_path, database_url, engine=engine, public_url=f"http://127.0.0.1:{port}")
    env = {
        **os.environ,
        "PYTHONPATH": SOURCES,
        "FITROOM_DATABASE_URL": settings.resolved_database_url,
        "FITROOM_DATA_DIR": str(settings.data_dir),
        "FITROOM_SECRET_KEY": "test-secret",
        "FITROOM_ENGINE": engine,
        "FITROOM_PUBLIC_URL": settings.base_url,
        "FITROOM_RATE_LIMIT": "100000/minute",
        "FITROOM_MIRAGIC_RATE_LIMIT": "100000/minute",
        "FITROOM_POLL_SECONDS": "0.05",
        **environment,
    }
    output = tmp_path / "server.log"
    command = [sys.executable, "-m", "fitroom", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    with open(output, "wb") as sink:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    try:

        def ready() -> bool:
            assert process.poll() is None, output.read_text()[-3000:]
            try:
                return httpx.get(f"{settings.base_url}/readyz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, 90, "fitroom serve to be ready", interval=0.2)
        yield ServerProcess(settings.base_url, process.pid, settings, output)
    finally:
        stop_process(process)


def slow_worker(settings: Settings, render_seconds: float, *args: str, **environment: str) -> subprocess.Popen[bytes]:
    """A `fitroom worker` process on the settings' database and data dir, rendering with
    the tests' SlowEngine (each render takes `render_seconds`), beating and polling fast;
    `args` go to the command, `environment` (FITROOM_... names) on top of its variables.

    A worker claims only jobs recorded for its engines, so the jobs must be accepted with
    settings made with `engine=SLOW_ENGINE`.
    """
    assert settings.engine == SLOW_ENGINE, "accept the jobs with engine=SLOW_ENGINE for a slow worker to claim them"
    env = {
        **os.environ,
        "PYTHONPATH": SOURCES,
        "FITROOM_DATABASE_URL": settings.resolved_database_url,
        "FITROOM_DATA_DIR": str(settings.data_dir),
        "FITROOM_SECRET_KEY": "test-secret",
        "FITROOM_ENGINE": SLOW_ENGINE,
        "FITROOM_TEST_RENDER_SECONDS": str(render_seconds),
        "FITROOM_HEARTBEAT_SECONDS": "0.3",
        "FITROOM_POLL_SECONDS": "0.1",
        **environment,
    }
    return subprocess.Popen([sys.executable, "-m", "fitroom", "worker", *args], env=env, cwd=ROOT)
