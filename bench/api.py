"""The accept path against its floor, in one run: generate requests accepted per second by fitroom
and by a bare Starlette endpoint reading the same upload under uvicorn, their ratio, and job
status latency; on SQLite with one API process, then on PostgreSQL with two.

Each request uploads a person JPEG and a garment JPEG of about 1 MB each: first the same two
photos every time (a catalogue garment and a retried or returning shopper), then a new person
photo every time (the same pixels with a different JPEG comment). For a JPEG fitroom does the
same work in both: the structure walk and the blob writes run on every accept; only PNG, WebP
and JPEGs the walk cannot prove are decoded, and those once per content. The servers are
separate processes (fitroom with `--workers 0`, API only), driven from this process over
loopback by `--clients` threads.

With no render worker every accepted job stays queued, so a phase run after another would
meet a longer queue and more stored uploads. Each phase therefore gets fitroom servers of its
own on a fresh data dir and database. The machine's speed drifts between bursts seconds apart
(the bare endpoint alone moved 183-247/s between runs a minute apart), so within a phase the
bare endpoint and fitroom take turns, `--rounds` pairs of bursts of `--requests` each on the
same started servers, the order alternating in each pair, the queue emptied before each
fitroom burst (its jobs marked failed in the database); the ratio printed is the median of
the pairs' ratios, with each pair's beside it. Job status is read after the last phase, by one
poller at a time (what a polling shop backend sees) and, for contention, by `--clients`
pollers; the reads are counted apart (`--status-requests`), as a p99 of 100 reads is only
their second slowest.

    .venv/bin/python bench/api.py [--requests 100] [--rounds 6] [--status-requests 1000] [--clients 16] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from pathlib import Path

import httpx
from PIL import Image
from sqlalchemy import create_engine, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for the shared database helper
from fitroom.db.models import Job, JobItem  # noqa: E402
from fitroom.domain import UNFINISHED, JobStatus  # noqa: E402
from tests.support.postgres import postgres_database  # noqa: E402

PG_ADMIN_URL = os.environ.get("FITROOM_BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BENCH_DIR = Path(__file__).resolve().parent


def jpeg_of_about(size_bytes: int) -> bytes:
    """A noisy photo-sized JPEG close to `size_bytes` (noise keeps it from compressing away)."""
    side = 100
    while True:
        image = Image.frombytes("RGB", (side, side), random.randbytes(side * side * 3))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        if buffer.tell() >= size_bytes:
            return buffer.getvalue()
        side += 50


def with_comment(jpeg: bytes, text: str) -> bytes:
    """The same JPEG with a comment segment after SOI: other bytes, the same decoding work."""
    payload = text.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(fn: Callable[[int], object], n: int, concurrency: int) -> tuple[float, list[float]]:
    """Run fn(0 … n-1) from `concurrency` threads: total seconds and each call's latency."""
    latencies: list[float] = []

    def one(i: int) -> None:
        start = time.perf_counter()
        fn(i)
        latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(n)))
    return time.perf_counter() - start, latencies


def wait_up(url: str) -> None:
    for _ in range(400):
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def bare_server() -> Iterator[str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(BENCH_DIR),
        "bare_upload:app",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(command)
    try:
        wait_up(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(30)


@contextmanager
def fitroom_servers(count: int, database_url: str | None) -> Iterator[tuple[list[str], str, str]]:
    """`count` API processes (no render workers) sharing a new data dir and `database_url` (None: a new
    SQLite file in that dir); their URLs, a key and the database's URL. The data dir is removed afterwards: each run
    stores hundreds of MB of uploads."""
    data_dir = Path(tempfile.mkdtemp(prefix="fitroom-bench-"))
    env = {
        **os.environ,
        "FITROOM_DATA_DIR": str(data_dir),
        "FITROOM_WORKERS": "0",
        "FITROOM_RATE_LIMIT": "1000000/minute",
        "FITROOM_MAX_QUEUE": "1000000",
        "FITROOM_SIGNUP_CREDITS": "1000000",
        "FITROOM_LOG_LEVEL": "WARNING",
        "FITROOM_SECRET_KEY": "bench",
        **({"FITROOM_DATABASE_URL": database_url} if database_url else {}),
    }
    fitroom = Path(sys.executable).with_name("fitroom")
    processes: list[subprocess.Popen[str]] = []
    urls: list[str] = []
    key = ""
    try:
        for index in range(count):
            port = free_port()
            process = subprocess.Popen(
                [str(fitroom), "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True
            )
            processes.append(process)
            if index == 0:
                assert process.stdout is not None
                for line in process.stdout:
                    if line.strip().startswith("fr_"):
                        key = line.strip()
                        break
            urls.append(f"http://127.0.0.1:{port}")
            wait_up(f"{urls[-1]}/healthz")
        yield urls, key, database_url or f"sqlite:///{data_dir / 'fitroom.db'}"
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)
        shutil.rmtree(data_dir, ignore_errors=True)


Upload = list[tuple[str, tuple[str, bytes, str]]]
#: The two accept phases: what they are called, and whether each request brings a new person photo.
PHASES = (("same photos", False), ("new person photo", True))


def uploads(files: Upload, new_person: bool) -> Callable[[], Upload]:
    """Each request's files: the same two photos, or a new person photo (a new JPEG comment) each time."""
    if not new_person:
        return lambda: files
    person = files[0][1][1]
    shoppers = itertools.count()
    return lambda: [
        ("person_image", ("p.jpg", with_comment(person, f"shopper {next(shoppers)}"), "image/jpeg")),
        *files[1:],
    ]


def burst(post: Callable[[int], None], n: int, clients: int) -> tuple[float, list[float]]:
    """Requests per second over one burst of `n`, and each request's latency."""
    total, latencies = timed(post, n, clients)
    return n / total, latencies


def reset_queue(database_url: str) -> None:
    """Mark every unfinished job and its outputs failed, as a worker would leave them: each
    fitroom burst then meets an empty queue, whatever bursts ran before it on these servers."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                update(JobItem).where(JobItem.status == JobStatus.QUEUED).values(status=JobStatus.FAILED)
            )
            connection.execute(update(Job).where(Job.status.in_(UNFINISHED)).values(status=JobStatus.FAILED))
    finally:
        engine.dispose()


def ms(latencies: list[float]) -> str:
    return f"p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {percentile(latencies, 0.99) * 1000:.0f} ms"


def accept_phase(
    what: str,
    fitroom: tuple[list[str], str, str],
    bare: tuple[httpx.Client, str, Upload],
    upload: Callable[[], Upload],
    n: int,
    rounds: int,
    clients: int,
) -> tuple[httpx.Client, list[str]]:
    """`rounds` pairs of bursts, bare endpoint and fitroom, on servers started once (the order
    alternating, so a steady drift in the machine's speed falls on both sides alike); the queue is
    reset before each fitroom burst. Prints the median of the pairs' ratios and their spread;
    returns the client and the last burst's job ids (still queued)."""
    urls, key, database_url = fitroom
    bare_client, bare_url, files = bare
    client = httpx.Client(headers={"X-API-Key": key}, timeout=120, limits=httpx.Limits(max_connections=clients * 2))
    next_url = itertools.cycle(urls).__next__
    job_ids: list[str] = []

    def generate(_: int) -> None:
        answer = client.post(f"{next_url()}/api/v1/generate", files=upload())
        assert answer.status_code == 202, answer.text
        job_ids.append(answer.json()["job_id"])

    def bare_upload(_: int) -> None:
        assert bare_client.post(f"{bare_url}/upload", files=files).status_code == 202

    def fitroom_burst() -> tuple[float, list[float]]:
        reset_queue(database_url)
        job_ids.clear()
        return burst(generate, n, clients)

    timed(bare_upload, 2 * clients, clients)  # warm-up: connections, caches, the first jobs
    timed(generate, 2 * clients, clients)
    bare_rates: list[float] = []
    rates: list[float] = []
    bare_latencies: list[float] = []
    latencies: list[float] = []
    for index in range(rounds):
        if index % 2 == 0:
            (bare_rate, bare_lat), (rate, lat) = burst(bare_upload, n, clients), fitroom_burst()
        else:
            (rate, lat), (bare_rate, bare_lat) = fitroom_burst(), burst(bare_upload, n, clients)
        bare_rates.append(bare_rate)
        rates.append(rate)
        bare_latencies += bare_lat
        latencies += lat
    ratios = sorted(rate / bare_rate for rate, bare_rate in zip(rates, bare_rates))
    print(
        f"  {what:<17} fitroom {statistics.median(rates):6.1f}/s ({ms(latencies)}), "
        f"bare {statistics.median(bare_rates):6.1f}/s ({ms(bare_latencies)})\n"
        f"  {'':<17} ratio, median of {rounds} pairs: {statistics.median(ratios):.2f} "
        f"(pairs {', '.join(f'{r:.2f}' for r in ratios)}; fitroom bursts {min(rates):.0f}-{max(rates):.0f}/s, "
        f"bare {min(bare_rates):.0f}-{max(bare_rates):.0f}/s)"
    )
    return client, job_ids


def status_phase(client: httpx.Client, urls: list[str], job_ids: list[str], reads: int, clients: int) -> None:
    """Job status latency, by one poller and by `clients` at once, spread over the processes."""
    next_url = itertools.cycle(urls).__next__

    def status(i: int) -> None:
        client.get(f"{next_url()}/api/v1/jobs/{job_ids[i % len(job_ids)]}").raise_for_status()

    timed(status, 2 * clients, clients)  # warm-up: each process's first read of a job, as for accepts
    _, single = timed(status, reads, 1)
    _, loaded = timed(status, reads, clients)
    for pollers, latencies in (("1 poller:", single), (f"{clients} pollers:", loaded)):
        print(
            f"  job status, {pollers:<11}      p50 {statistics.median(latencies) * 1000:5.1f} ms  "
            f"p99 {percentile(latencies, 0.99) * 1000:5.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100, help="requests per burst")
    parser.add_argument("--rounds", type=int, default=6, help="pairs of bursts per phase")
    parser.add_argument("--status-requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    person, garment = jpeg_of_about(1024 * 1024), jpeg_of_about(1024 * 1024)
    files: Upload = [
        ("person_image", ("p.jpg", person, "image/jpeg")),
        ("garment_image", ("g.jpg", garment, "image/jpeg")),
    ]
    n, c = args.requests, args.clients
    print(
        f"fitroom accept-path benchmark: {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f}), "
        f"{args.rounds} pairs of bursts of {n} requests per phase, {args.status_requests} status reads, {c} clients, "
        f"uploads {len(person) / 1e6:.2f} + {len(garment) / 1e6:.2f} MB JPEG; each accept phase on fresh servers and "
        "database, bursts to the bare endpoint (uvicorn, 1 process) and to fitroom alternating, the queue emptied "
        "before each fitroom burst"
    )
    setups = [("fitroom, SQLite, 1 API process", 1, False)]
    if not args.skip_postgres:
        setups.append(("fitroom, PostgreSQL, 2 API processes", 2, True))
    with bare_server() as bare, httpx.Client(timeout=120, limits=httpx.Limits(max_connections=c * 2)) as bare_client:
        for label, processes, postgres in setups:
            print(label)
            for index, (what, new_person) in enumerate(PHASES):
                database = postgres_database("fitroom_bench", PG_ADMIN_URL) if postgres else nullcontext(None)
                with database as url, fitroom_servers(processes, url) as fitroom:
                    client, job_ids = accept_phase(
                        what, fitroom, (bare_client, bare, files), uploads(files, new_person), n, args.rounds, c
                    )
                    if index == len(PHASES) - 1:
                        status_phase(client, fitroom[0], job_ids, args.status_requests, c)
                    client.close()


if __name__ == "__main__":
    main()
