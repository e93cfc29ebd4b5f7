"""Seed 000's cURL and Python examples, as written but for base URL and key, against a real server."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import LiveServer, make_customer
from tests.support.images import garment_photo, person_photo


@pytest.fixture
def photos(tmp_path: Path) -> tuple[Path, Path]:
    person, garment = tmp_path / "photo.jpg", tmp_path / "garment.jpg"
    person.write_bytes(person_photo())
    garment.write_bytes(garment_photo(fmt="JPEG"))
    return person, garment


def poll_status_url(status_url: str, key: str) -> dict[str, object]:
    """What the seed tells clients to do: poll status_url every 2 s until it is done."""
    for _ in range(30):
        body = requests.get(status_url, headers={"X-API-Key": key}, timeout=10).json()
        if body["status"] in ("completed", "failed"):
            return body  # type: ignore[no-any-return]
        time.sleep(2)
    raise AssertionError("the job did not finish")


def test_python_example(live_server: LiveServer, photos: tuple[Path, Path]) -> None:
    key = make_customer(live_server.settings).key
    # --- seed 000 "Python" example; only url and key changed ---
    url = f"{live_server.url}/api/v1/generate"
    headers = {"X-API-Key": key}
    files = {
        "person_image": open(photos[0], "rb"),
        "garment_image": open(photos[1], "rb"),
    }
    data = {"tier": "basic", "swap_target": "full_outfit"}
    r = requests.post(url, headers=headers, files=files, data=data)
    print(r.json())
    # ---
    for handle in files.values():
        handle.close()
    assert r.status_code == 202
    done = poll_status_url(r.json()["status_url"], key)
    assert done["status"] == "completed"
    image = requests.get(str(done["output_url"]), timeout=10)
    assert image.status_code == 200 and image.content[:3] == b"\xff\xd8\xff"


def test_curl_example(live_server: LiveServer, photos: tuple[Path, Path]) -> None:
    key = make_customer(live_server.settings).key
    command = (
        f'curl -s -X POST "{live_server.url}/api/v1/generate" '
        f'-H "X-API-Key: {key}" -F "person_image=@{photos[0]}" -F "garment_image=@{photos[1]}" '
        '-F "tier=basic" -F "swap_target=full_outfit"'
    )
    answer = json.loads(subprocess.run(command, shell=True, check=True, capture_output=True, text=True).stdout)
    assert answer["accepted"] is True and answer["status"] == "queued"
    done = poll_status_url(answer["status_url"], key)
    assert done["status"] == "completed" and len(done["output_urls"]) == 1  # type: ignore[arg-type]
