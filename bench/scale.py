"""Scale-out on loopback: renders/s with 1, 2, … `fitroom worker` processes, then the API alone.

The layout of a scaled deployment on one machine: PostgreSQL (a fresh database, dropped
at the end), Redis when it answers on 127.0.0.1:6379, blobs on local disk (S3 would add
the object server's cost to a machine that is already the bottleneck), `fitroom serve
--workers 0` as the API and separate `fitroom worker` processes with the classic engine.

1. Renders: for 1 … `--max-workers` worker processes (default: the core count), warm
   the workers up (engine loaded, first photos analysed), then submit `--jobs` jobs
   (devset persons × tops, read from ../shared/devset, never copied here) through the API
   and time until the last one is finished. Renders/s are compared with 1 worker's.
2. API: with no workers running, 1 and then 2 API processes take `--requests` generate
   requests (accepted/s) and as many job-status reads (p50/p99) from `--concurrency`
   client threads; the baseline is /healthz in the same run.

    .venv/bin/python bench/scale.py [--jobs 24] [--tier basic] [--requests 200] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import redis
from api import free_port, percentile, timed  # bench/ is on the path when a bench script runs

ROOT = Path(__file__).resolve().parents[1]
#: One client, its connections kept alive: making a client per request costs more than the request.
HTTP = httpx.Client(timeout=60, limits=httpx.Limits(max_connections=64, max_keepalive_connections=64))


class Deployment:
    """The processes of one bench run; all stopped by `close()`."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.processes: list[subprocess.Popen[bytes]] = []

    def fitroom(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "fitroom", *args], env=self.env, cwd=ROOT, capture_output=True, timeout=300
        )
        if done.returncode:
            raise SystemExit(f"fitroom {' '.join(args)} failed: {done.stderr.decode()[-500:]}")
        return done.stdout.decode().strip()

    def start(self, name: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        with open(self.logs / f"{name}.log", "wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "fitroom", *args],
                env={**self.env, **(env or {})},
                cwd=ROOT,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return process

    def api(self, name: str) -> str:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        process = self.start(name, "serve", "--port", str(port), "--workers", "0", env={"FITROOM_PUBLIC_URL": url})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited: see {self.logs / name}.log")
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"{name} did not start")

    @staticmethod
    def stop(process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        for process in reversed(self.processes):
            self.stop(process)


def submit(url: str, key: str, person: bytes, garment: bytes, tier: str) -> str:
    answer = HTTP.post(
        f"{url}/api/v1/generate",
        headers={"X-API-Key": key},
        data={"tier": tier, "swap_target": "top"},
        files={"person_image": ("person", person), "garment_image": ("garment", garment)},
        timeout=60,
    )
    if answer.status_code != 202:
        raise SystemExit(f"generate answered {answer.status_code}: {answer.text[:300]}")
    return str(answer.json()["job_id"])


def wait_finished(admin_url: str, job_ids: list[str], timeout: float) -> tuple[int, int]:
    """Poll the jobs table until every job is finished; (completed, failed) outputs."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(admin_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            rows = conn.execute(
                "SELECT status, count(*) FROM job_items WHERE job_id = ANY(%s) AND status <> 'queued' GROUP BY status",
                (job_ids,),
            ).fetchall()
            counts = dict(rows)
            if sum(counts.values()) == len(job_ids):
                return counts.get("completed", 0), counts.get("failed", 0)
            time.sleep(0.05)
    raise SystemExit("jobs did not finish in time")


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument("--jobs", type=int, default=24, help="jobs timed per worker count")
    parser.add_argument("--tier", default="basic")
    parser.add_argument("--max-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()

    persons = sorted((args.devset / "persons").glob("fitdit_*"))[:6]
    tops = sorted((args.devset / "garments" / "tops").glob("*"))[:4]
    if not persons or not tops:
        raise SystemExit(f"no devset photos under {args.devset}")
    pairs = [(p.read_bytes(), t.read_bytes()) for p, t in itertools.product(persons, tops)]

    name = f"fitroom_bench_{uuid.uuid4().hex[:8]}"
    database = args.pg_admin_url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(args.pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        redis_url: str | None = "redis://127.0.0.1:6379/0"
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        redis_url = None
    data_dir = Path(tempfile.mkdtemp(prefix="fitroom-scale-"))
    env = {
        **os.environ,
        "FITROOM_DATABASE_URL": database.replace("postgresql://", "postgresql+psycopg://", 1),
        "FITROOM_DATA_DIR": str(data_dir),
        "FITROOM_SECRET_KEY": "bench-secret",
        "FITROOM_RATE_LIMIT": "10000000/minute",
        "FITROOM_MAX_QUEUE": "1000000",
        "FITROOM_SIGNUP_CREDITS": "0",
        "FITROOM_LOG_LEVEL": "WARNING",
        **({"FITROOM_REDIS_URL": redis_url} if redis_url else {}),
    }
    env.pop("FITROOM_ENGINE", None)
    deployment = Deployment(env, data_dir)
    cores = len(os.sched_getaffinity(0))
    print(
        f"fitroom scale bench: {cores} cores, PostgreSQL, Redis {'on' if redis_url else 'off'}, local blobs; "
        f"classic engine, {args.tier} tier, {len(persons)} devset persons × {len(tops)} tops; bench client on the same cores"
    )
    print(f"load average before: {load()} (other work on the machine skews every figure)")
    try:
        deployment.fitroom("migrate")
        deployment.fitroom("users", "create", "bench@fitroom.local", "--credits", "1000000")
        key = deployment.fitroom("keys", "create", "bench@fitroom.local")
        api = deployment.api("api-1")
        renders(deployment, api, key, pairs, database, args)
        api_load(deployment, api, key, pairs[0], args)
        print(f"\nload average after: {load()}")
    finally:
        deployment.close()
        with psycopg.connect(args.pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def renders(
    deployment: Deployment,
    api: str,
    key: str,
    pairs: list[tuple[bytes, bytes]],
    database: str,
    args: argparse.Namespace,
) -> None:
    print(f"\nrenders: {args.jobs} jobs submitted at once through the API, timed until the last is finished")
    print(
        f"{'worker processes':>16} | {'renders/s':>9} | {'× 1 worker':>10} | {'s per render':>12} | failed (no person…)"
    )
    cycle = itertools.cycle(pairs)
    first: float | None = None
    for count in range(1, args.max_workers + 1):
        workers = [deployment.start(f"worker-{count}-{n}", "worker", "--concurrency", "1") for n in range(count)]
        # Warm-up: every worker loads the engine and has seen the product photos before the clock starts.
        warm = [submit(api, key, *pair, args.tier) for pair in [next(cycle) for _ in range(4 * count)]]
        wait_finished(database, warm, 600)
        started = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            jobs = list(
                pool.map(lambda pair: submit(api, key, *pair, args.tier), [next(cycle) for _ in range(args.jobs)])
            )
        completed, failed = wait_finished(database, jobs, 600)
        elapsed = time.perf_counter() - started
        rate = (completed + failed) / elapsed
        first = first or rate
        print(
            f"{count:>16} | {rate:>9.2f} | {rate / first:>10.2f} | {elapsed / (completed + failed) * count:>12.2f} | {failed}"
        )
        for worker in workers:
            deployment.stop(worker)


def api_load(deployment: Deployment, api: str, key: str, pair: tuple[bytes, bytes], args: argparse.Namespace) -> None:
    person, garment = pair
    print(
        f"\nAPI alone (no workers running): {args.requests} requests per test from {args.concurrency} threads; "
        f"generate uploads {len(person) / 1e6:.2f} MB + {len(garment) / 1e6:.2f} MB"
    )
    print(f"{'API processes':>13} | {'test':<20} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7}")
    urls = [api]
    for count in (1, 2):
        if count == 2:
            urls.append(deployment.api("api-2"))
        job_ids: list[str] = []

        def healthz(i: int, count: int = count) -> None:
            HTTP.get(f"{urls[i % count]}/healthz").raise_for_status()

        def generate(i: int, count: int = count, job_ids: list[str] = job_ids) -> None:
            job_ids.append(submit(urls[i % count], key, person, garment, args.tier))

        def status(i: int, count: int = count, job_ids: list[str] = job_ids) -> None:
            answer = HTTP.get(f"{urls[i % count]}/api/v1/jobs/{job_ids[i % len(job_ids)]}", headers={"X-API-Key": key})
            answer.raise_for_status()

        for label, fn in (("healthz (baseline)", healthz), ("generate, accepted", generate), ("job status", status)):
            elapsed, latencies = timed(fn, args.requests, args.concurrency)
            print(
                f"{count:>13} | {label:<20} | {args.requests / elapsed:>7.1f} | "
                f"{statistics.median(latencies) * 1000:>7.0f} | {percentile(latencies, 0.99) * 1000:>7.0f}"
            )


if __name__ == "__main__":
    main()
