"""The hostile image corpus (tests/support/hostile.py) through every dialect of a real server process.

The server is `fitroom serve` in its own process with the real classic engine, so that
its memory can be read from /proc while the corpus runs: decompression bombs must be
refused from their headers, before anything is allocated for their pixels. Every input
must get its right answer: a status and error code in the dialect's envelope, or, once
accepted, a job that completes or fails with a typed code.
"""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.support.app import Customer, make_customer
from tests.support.hostile import Hostile, astronaut, corpus, garment, person_photo
from tests.support.process import ServerProcess, fitroom_serve
from tests.support.waiting import wait_until

pytestmark = pytest.mark.slow

MB = 1024 * 1024
#: How far the server's peak memory may rise over its warmed-up size while the corpus runs.
#: Decoding one 30000x30000 bomb would take 900 MB (1 bit per pixel expands to 8) to 2.7 GB.
PEAK_GROWTH_LIMIT = 300 * MB
DIALECT_ACCEPTED = {"virtufit": 202, "miragic": 200, "fashn": 200}


@pytest.fixture
def engine_server(tmp_path: Path, database_url: str) -> Iterator[ServerProcess]:
    """`fitroom serve` with the classic engine and one worker, in its own process."""
    with fitroom_serve(tmp_path, database_url, "classic", FITROOM_LOG_LEVEL="WARNING") as server:
        yield server


def submit(
    server: ServerProcess, customer: Customer, dialect: str, person: Hostile | bytes, clothes: Hostile | bytes
) -> httpx.Response:
    """One try-on request through `dialect`, with files as each dialect's clients send them."""

    def part(item: Hostile | bytes, default_name: str) -> tuple[str, bytes, str]:
        if isinstance(item, Hostile):
            return item.filename, item.data, item.content_type
        return default_name, item, "image/jpeg" if item[:2] == b"\xff\xd8" else "image/png"

    def data_uri(item: Hostile | bytes) -> str:
        _, content, media_type = part(item, "")
        return f"data:{media_type};base64,{base64.b64encode(content).decode()}"

    if dialect == "virtufit":
        files = [("person_image", part(person, "p.jpg")), ("garment_image", part(clothes, "g.png"))]
        return httpx.post(
            f"{server.url}/api/v1/generate",
            headers=customer.headers,
            files=files,
            data={"swap_target": "top"},
            timeout=60,
        )
    if dialect == "miragic":
        files = [("humanImage", part(person, "p.jpg")), ("clothImage", part(clothes, "g.png"))]
        return httpx.post(
            f"{server.url}/api/v1/virtual-try-on",
            headers=customer.headers,
            files=files,
            data={"garmentType": "upper_body"},
            timeout=60,
        )
    body = {
        "model_name": "tryon-v1.6",
        "inputs": {"model_image": data_uri(person), "garment_image": data_uri(clothes), "category": "tops"},
    }
    bearer = {"Authorization": f"Bearer {customer.key}"}
    return httpx.post(f"{server.url}/v1/run", headers=bearer, json=body, timeout=60)


def refusal_code(dialect: str, answer: httpx.Response) -> str:
    """The error code of a refusal, checked to be in the dialect's envelope."""
    body = answer.json()
    if dialect == "fashn":
        assert isinstance(body["error"], str) and body["message"] and body["request_id"]
        if answer.status_code in (413, 415, 422):
            assert body["error"] == "ImageLoadError"
        return str(body["code"])
    assert body["success"] is False and body["error"]["message"] and body["error"]["request_id"]
    if dialect == "miragic":
        assert body["message"] == body["error"]["message"]
    return str(body["error"]["code"])


def job_id_of(dialect: str, answer: httpx.Response) -> str:
    body = answer.json()
    if dialect == "virtufit":
        return str(body["job_id"])
    return str(body["data"]["jobId"] if dialect == "miragic" else body["id"])


def upright_match(output: Image.Image) -> int:
    """Which quarter turn of the astronaut the output's unedited top-left corner matches best (0 = upright)."""
    corner = np.asarray(output.convert("RGB").resize((512, 512)))[:96, :96].astype(float)
    turns = [np.asarray(astronaut().rotate(90 * k))[:96, :96].astype(float) for k in range(4)]
    return int(np.argmin([np.abs(corner - turn).mean() for turn in turns]))


def test_hostile_images_get_their_right_answers_and_memory_stays_bounded(
    engine_server: ServerProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    server = engine_server
    customer = make_customer(server.settings, balance=10_000)
    warm = submit(server, customer, "virtufit", person_photo(), garment())
    assert warm.status_code == 202, warm.text
    jobs: dict[str, tuple[Hostile | None, str]] = {job_id_of("virtufit", warm): (None, "completed")}
    wait_until(lambda: finished(server, customer, next(iter(jobs))), 120, "the warm-up job", 0.2)
    before = server.memory()

    inputs = corpus()
    wrong: list[str] = []
    started = time.monotonic()
    for dialect in DIALECT_ACCEPTED:
        for item in inputs:
            person, clothes = (item, garment()) if item.role == "person" else (person_photo(), item)
            answer = submit(server, customer, dialect, person, clothes)
            if item.status == 202:
                if answer.status_code != DIALECT_ACCEPTED[dialect]:
                    wrong.append(f"{dialect} {item.name}: {answer.status_code} {answer.text[:200]}, not accepted")
                else:
                    jobs[job_id_of(dialect, answer)] = (item, dialect)
            elif (answer.status_code, refusal_code(dialect, answer)) != (item.status, item.outcome):
                expected = f"expected {item.status} {item.outcome}"
                wrong.append(f"{dialect} {item.name}: {answer.status_code} {answer.text[:200]}, {expected}")
    six = [("person_image", ("p.jpg", person_photo(), "image/jpeg"))]
    six += [("garment_image", ("g.png", garment(), "image/png"))] * 6
    too_many = httpx.post(f"{server.url}/api/v1/generate", headers=customer.headers, files=six, timeout=60)
    assert (too_many.status_code, too_many.json()["error"]["code"], too_many.json()["error"]["field"]) == (
        400,
        "invalid_request",
        "garment_image",
    )

    statuses = wait_until(lambda: all_finished(server, customer, list(jobs)), 240, "every accepted job to finish", 0.5)
    for job_id, (item, dialect) in jobs.items():
        if item is None:
            continue
        status = statuses[job_id]
        outcome = status["status"] if status["status"] == "completed" else status["error"]["code"]
        if outcome != item.outcome:
            wrong.append(f"{dialect} {item.name}: job ended {outcome} ({status['error']}), expected {item.outcome}")
        if status["status"] == "completed":
            output = Image.open(io.BytesIO(httpx.get(status["output_url"], timeout=30).content))
            if output.getexif() or "exif" in output.info:
                wrong.append(f"{dialect} {item.name}: the output carries the input's metadata")
            if "EXIF" in item.name and upright_match(output) != 0:
                wrong.append(f"{dialect} {item.name}: the output is not upright")
    after = server.memory()
    elapsed = time.monotonic() - started

    submissions = len(DIALECT_ACCEPTED) * len(inputs) + 1
    with capsys.disabled():
        print(
            f"\n[security figures] image corpus: {len(inputs) + 1} inputs ({len(inputs)} files and a 6-garment "
            f"request), {submissions} submissions through 3 dialects, {len(jobs) - 1} jobs rendered, "
            f"in {elapsed:.0f} s; "
            f"server RSS {before['VmRSS'] / MB:.0f} MB before, peak {after['VmHWM'] / MB:.0f} MB, "
            f"{after['VmRSS'] / MB:.0f} MB after"
        )
    assert not wrong, "\n".join(wrong)
    assert after["VmHWM"] - before["VmRSS"] < PEAK_GROWTH_LIMIT, (before, after)


def finished(server: ServerProcess, customer: Customer, job_id: str) -> dict[str, Any] | None:
    status = httpx.get(f"{server.url}/api/v1/jobs/{job_id}", headers=customer.headers, timeout=30).json()
    return status if status["status"] in ("completed", "failed") else None  # type: ignore[no-any-return]


def all_finished(server: ServerProcess, customer: Customer, job_ids: list[str]) -> dict[str, dict[str, Any]] | None:
    statuses = {job_id: finished(server, customer, job_id) for job_id in job_ids}
    return None if any(s is None for s in statuses.values()) else statuses  # type: ignore[misc]
