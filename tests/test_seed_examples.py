"""The seeds' examples, as written but for base URL, key and file paths, against a real server.

Seed 000 (VirtuFit): the cURL and Python examples. Seed 002 (Miragic): the full Python
examples, single and combo; they poll in `while True`, so they run in a child process
with a time limit.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support.app import LiveServer, make_customer
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
        "person_image": open(photos[0], "rb"),  # noqa: SIM115 (the seed's example, verbatim)
        "garment_image": open(photos[1], "rb"),  # noqa: SIM115
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


MIRAGIC_HEAD = """\
import requests
import time
api_key = 'YOUR_API_KEY' # ← Replace with your actual API key
base_url = 'https://backend.miragic.ai'
def virtualtryon():
    url = f'{base_url}/api/v1/virtual-try-on'
"""
MIRAGIC_SINGLE_FORM = """\
    data = {'garmentType': 'full_body'}
    files=[
        ('humanImage',('human_image.jpg',open('path/to/human_image.jpg','rb'),'image/jpeg')),
        ('clothImage',('cloth_image.jpg',open('path/to/cloth_image.jpg','rb'),'image/jpeg'))
    ]
"""
MIRAGIC_COMBO_FORM = """\
    data = {'garmentType': 'comb'}
    files=[
        ('humanImage',('human_image.jpg',open('path/to/human_image.jpg','rb'),'image/jpeg')),
        ('clothImage',('cloth_image.jpg',open('path/to/cloth_image.jpg','rb'),'image/jpeg')),
        ('bottomClothImage',('bottom_cloth_image.jpg',open('path/to/bottom_cloth_image.jpg','rb'),'image/jpeg'))
    ]
"""
MIRAGIC_TAIL = """\
    headers = {'X-API-Key': api_key}
    response = requests.request("POST", url, headers=headers, data=data, files=files)
    print(response.text)
    if response.json()['success']:
        job_id = response.json()['data']['jobId']
        print(f'Job ID: {job_id}')
        # Poll for results
        while True:
            result = requests.get(
                f'{base_url}/api/v1/virtual-try-on/{job_id}',
                headers=headers
            )
            if result.json()['data']['status'] == 'COMPLETED':
                print('Result:', result.json())
                break
            elif result.json()['data']['status'] == 'FAILED':
                print('Job failed:', result.json())
                break
            time.sleep(2)
    else:
        print('Error:', response.json())
if __name__ == '__main__':
    virtualtryon()
"""


@pytest.mark.parametrize(("form", "mode"), [(MIRAGIC_SINGLE_FORM, "SINGLE"), (MIRAGIC_COMBO_FORM, "TOP_BOTTOM")])
def test_miragic_python_example(live_server: LiveServer, tmp_path: Path, form: str, mode: str) -> None:
    key = make_customer(live_server.settings).key
    images = {
        "path/to/human_image.jpg": person_photo(),
        "path/to/cloth_image.jpg": garment_photo(fmt="JPEG"),
        "path/to/bottom_cloth_image.jpg": garment_photo((20, 40, 160), fmt="JPEG"),
    }
    script = MIRAGIC_HEAD + form + MIRAGIC_TAIL
    script = script.replace("YOUR_API_KEY", key).replace("https://backend.miragic.ai", live_server.url)
    for placeholder, content in images.items():
        path = tmp_path / Path(placeholder).name
        path.write_bytes(content)
        script = script.replace(placeholder, str(path))
    (tmp_path / "example.py").write_text(script)
    run = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=90, check=True
    )
    created = json.loads(run.stdout.splitlines()[0])
    assert created["success"] is True and created["data"]["mode"] == mode
    result_line = next(line for line in run.stdout.splitlines() if line.startswith("Result: "))
    result = ast.literal_eval(result_line.removeprefix("Result: "))
    assert result["data"]["status"] == "COMPLETED" and result["data"]["mode"] == mode
    image = requests.get(result["data"]["download_signed_url"], timeout=10)
    assert image.status_code == 200 and image.content[:3] == b"\xff\xd8\xff"
