"""API throughput on loopback: accepted generate requests/s (1 MB JPEG) and job-status latency.

Starts `fitroom serve --workers 0` (API only, SQLite, fresh data dir) as a separate
process so only the API is measured, then drives it from this process with a bounded
number of requests. Baseline in the same run: `/healthz`, the cheapest request there is.

    .venv/bin/python bench/api.py [--requests 200] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from PIL import Image


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="fitroom-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "FITROOM_DATA_DIR": str(data_dir),
        "FITROOM_WORKERS": "0",
        "FITROOM_RATE_LIMIT": "1000000/minute",
        "FITROOM_MAX_QUEUE": "1000000",
        "FITROOM_SIGNUP_CREDITS": "1000000",
        "FITROOM_LOG_LEVEL": "WARNING",
    }
    fitroom = Path(sys.executable).with_name("fitroom")
    server = subprocess.Popen(
        [str(fitroom), "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        key = ""
        assert server.stdout is not None
        for line in server.stdout:
            if line.strip().startswith("fr_"):
                key = line.strip()
                break
        base = f"http://127.0.0.1:{port}"
        client = httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=60)
        for _ in range(200):
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        photo = jpeg_of_about(1024 * 1024)
        garment = jpeg_of_about(100 * 1024)
        job_ids: list[str] = []

        def health(_: int) -> None:
            client.get("/healthz").raise_for_status()

        def generate(_: int) -> None:
            files = [("person_image", ("p.jpg", photo, "image/jpeg")), ("garment_image", ("g.jpg", garment, "image/jpeg"))]
            answer = client.post("/api/v1/generate", files=files)
            assert answer.status_code == 202, answer.text
            job_ids.append(answer.json()["job_id"])

        def status(i: int) -> None:
            client.get(f"/api/v1/jobs/{job_ids[i % len(job_ids)]}").raise_for_status()

        timed(health, 20, 2)  # warm-up
        n, c = args.requests, args.concurrency
        health_s, health_lat = timed(health, n, c)
        gen_s, gen_lat = timed(generate, n, c)
        status_s, status_lat = timed(status, n, c)
        print(f"fitroom API benchmark: {os.cpu_count()} cores, {n} requests per test, concurrency {c}, SQLite, API only")
        print(f"person upload {len(photo) / 1e6:.2f} MB JPEG + garment {len(garment) / 1e6:.2f} MB")
        print(f"{'test':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
        for name, total, lat in (
            ("healthz (baseline)", health_s, health_lat),
            ("generate (accepted)", gen_s, gen_lat),
            ("job status", status_s, status_lat),
        ):
            print(f"{name:<22}{n / total:>10.1f}{statistics.median(lat) * 1000:>10.1f}{percentile(lat, 0.99) * 1000:>10.1f}")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
