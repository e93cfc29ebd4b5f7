"""`fitroom worker` as a fleet member: health endpoints on its own port, refusing to run
without an engine (or waiting for one when told), and the job log lines operators follow."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from fitroom.jobs.probe import WorkerProbe
from tests.support.app import TEST_ENGINE, free_port, make_customer, serving
from tests.support.images import garment_photo, person_photo
from tests.support.process import SOURCES, stop_process
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def worker_process(
    tmp_path: Path, database_url: str, engine: str, *args: str
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`fitroom worker` in its own process; SIGTERM (then SIGKILL) when the block ends."""
    env = {
        **os.environ,
        "PYTHONPATH": SOURCES,
        "FITROOM_DATABASE_URL": database_url,
        "FITROOM_DATA_DIR": str(tmp_path / "data"),
        "FITROOM_SECRET_KEY": "test-secret",
        "FITROOM_ENGINE": engine,
        "FITROOM_POLL_SECONDS": "0.05",
    }
    log = tmp_path / f"worker-{len(list(tmp_path.glob('worker-*.log')))}.log"
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "fitroom", "worker", *args], env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        yield process, log
    finally:
        stop_process(process)


def log_lines(log: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]


def get(url: str) -> httpx.Response | None:
    try:
        return httpx.get(url, timeout=2)
    except httpx.TransportError:
        return None


def test_worker_without_its_engine_exits_nonzero_with_the_reason(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'fitroom.db'}"
    with worker_process(tmp_path, database_url, "no_such_module:Engine") as (process, log):
        assert process.wait(60) == 3
    output = log.read_text()
    assert "the engine cannot be loaded" in output and "no_such_module" in output and "--wait-for-engine" in output


def test_waiting_worker_is_alive_but_not_ready_and_stops_cleanly(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'fitroom.db'}"
    port = free_port()
    with worker_process(tmp_path, database_url, "no_such_module:Engine", "--port", str(port), "--wait-for-engine") as (
        process,
        log,
    ):
        base = f"http://127.0.0.1:{port}"
        health = wait_until(lambda: get(f"{base}/healthz"), 60, "the worker's /healthz")
        assert health.status_code == 200 and health.json() == {"status": "ok"}
        ready = httpx.get(f"{base}/readyz", timeout=5)
        assert ready.status_code == 503
        checks = ready.json()["checks"]
        assert (
            checks["database"] == "ok"
            and checks["engine"].startswith("unavailable:")
            and "no_such_module" in checks["engine"]
        )
        assert process.poll() is None
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0, log.read_text()


def test_probe_reports_an_unreachable_database() -> None:
    def down() -> None:
        raise ConnectionRefusedError("database down")

    probe = WorkerProbe("127.0.0.1", 0, down)
    probe.engine_status = "ok"
    status, body, _ = probe.answer("/readyz")
    assert status == 503
    assert json.loads(body)["checks"] == {"engine": "ok", "database": "error: ConnectionRefusedError"}
    assert probe.answer("/nothing")[0] == 404
    probe.stop()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_worker_is_ready_renders_and_reports(tmp_path: Path, database_url: str) -> None:
    """An API without workers, one `fitroom worker`: the worker's /readyz, the job through it,
    its /metrics counting it, and the log lines that follow a request id to its job."""
    port = free_port()
    with serving(tmp_path, database_url, workers=0) as api:
        customer = make_customer(api.settings)
        with worker_process(tmp_path, api.settings.resolved_database_url, TEST_ENGINE, "--port", str(port)) as (
            process,
            log,
        ):
            base = f"http://127.0.0.1:{port}"
            ready = wait_until(
                lambda: (r := get(f"{base}/readyz")) is not None and r.status_code == 200 and r,
                60,
                "the worker to be ready",
            )
            assert ready.json() == {"status": "ready", "checks": {"engine": "ok", "database": "ok"}}
            answer = httpx.post(
                f"{api.url}/api/v1/generate",
                headers={**customer.headers, "Prefer": "wait=60", "X-Request-ID": "trace-me-42"},
                files=[
                    ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
                    ("garment_image", ("g.png", garment_photo(), "image/png")),
                ],
                timeout=90,
            )
            assert answer.status_code == 200, answer.text
            job_id = answer.json()["job_id"]
            metrics = httpx.get(f"{base}/metrics", timeout=5).text
            assert 'fitroom_jobs_finished_total{status="completed"} 1.0' in metrics
            assert "fitroom_render_seconds_count 1.0" in metrics
            finished = wait_until(
                lambda: [e for e in log_lines(log) if e["message"] == "job finished" and e.get("job_id") == job_id],
                10,
                "the worker's job-finished line",
            )
    assert process.returncode == 0
    assert finished[0]["outcome"] == "completed" and isinstance(finished[0]["duration_ms"], int)
