"""The accept path's shortcuts keep its answers: an image that passed validation passes again without a
decode, a refused one is refused each time, and uploads are checked in order."""

from __future__ import annotations

import gc
import io
import random
import tempfile
import weakref

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from fitroom import imaging
from fitroom.api import inputs
from fitroom.api.server import freeze_startup_heap
from tests.support.app import Customer
from tests.support.images import garment_photo, person_photo
from tests.test_generate_flow import poll


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The formats of the full decodes the validator makes, in order, with a fresh two-entry memory."""
    calls: list[str] = []
    real = imaging._decode_check

    def counted(info: imaging.ImageInfo, image: Image.Image) -> None:
        calls.append(info.format)
        real(info, image)

    monkeypatch.setattr(imaging, "_decode_check", counted)
    monkeypatch.setattr(imaging, "_passed", imaging._Passed(size=2))
    return calls


def test_an_image_that_passed_is_not_decoded_again(decodes: list[str]) -> None:
    calls = decodes
    photo = person_photo((90, 120), fmt="PNG")
    first = imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**7)
    assert imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**7) == first
    assert len(calls) == 1
    imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**5)  # other limits: checked again
    assert len(calls) == 2
    with pytest.raises(imaging.ImageRejected):
        imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=100)
    with pytest.raises(imaging.ImageRejected):
        imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=100)
    assert len(calls) == 2, "refused from the header, before any decode, each time"
    imaging.validate_image_once(garment_photo(), max_bytes=10**7, max_pixels=10**7)  # evicts the oldest
    imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**7)
    assert len(calls) == 4


def test_a_jpeg_its_structure_proves_is_neither_decoded_nor_hashed(decodes: list[str]) -> None:
    """The structure walk costs less than the hash that would skip it, so it runs every time."""
    calls = decodes
    photo = person_photo((90, 120))
    for _ in range(2):
        assert imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**7).format == "jpeg"
    assert calls == [] and len(imaging._passed._seen) == 0
    with pytest.raises(imaging.ImageRejected):  # a truncated copy: the walk cannot prove it, the decode refuses it
        imaging.validate_image_once(photo[: len(photo) // 2], max_bytes=10**7, max_pixels=10**7)
    assert calls == ["jpeg"]


def test_a_truncated_copy_of_a_passed_image_is_still_refused(client: TestClient, customer: Customer) -> None:
    photo = person_photo()
    files = [
        ("person_image", ("p.jpg", photo, "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    assert client.post("/api/v1/generate", headers=customer.headers, files=files).status_code == 202
    files[0] = ("person_image", ("p.jpg", photo[: len(photo) // 2], "image/jpeg"))
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files)
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "person_image"


def test_an_image_accept_passed_that_the_worker_cannot_decode_fails_the_job_refunded(
    client: TestClient, customer: Customer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accept proves a JPEG whole from its structure; should a file ever pass it that the
    worker's full decode refuses, the job ends `failed` with `image_load_error`, nothing charged."""
    photo = person_photo()

    def lets_through(data: bytes, *, max_bytes: int, max_pixels: int) -> imaging.ImageInfo:
        return imaging.ImageInfo("jpeg", 600, 800)

    monkeypatch.setattr(inputs, "validate_image_once", lets_through)
    files = [
        ("person_image", ("p.jpg", photo[: len(photo) // 2], "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files)
    assert answer.status_code == 202, answer.text
    done = poll(client, customer, answer.json()["job_id"])
    assert done["status"] == "failed" and done["error"]["code"] == "image_load_error"
    assert "truncated or corrupt" in done["error"]["message"]
    assert done["credits_used"] == 0 and done["credits_remaining"] == 100 and done["output_urls"] == []


def test_uploads_are_checked_in_order(client: TestClient, customer: Customer) -> None:
    files = [
        ("person_image", ("p.jpg", b"not an image", "image/jpeg")),
        ("garment_image", ("g.png", b"nor this", "image/png")),
    ]
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files)
    assert answer.status_code == 415 and answer.json()["error"]["field"] == "person_image"
    files[0] = ("person_image", ("p.jpg", person_photo(), "image/jpeg"))
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files)
    assert answer.status_code == 415 and answer.json()["error"]["field"] == "garment_image"
    combo = [
        ("humanImage", ("h.jpg", person_photo(), "image/jpeg")),
        ("clothImage", ("c.png", garment_photo(), "image/png")),
        ("bottomClothImage", ("b.png", b"\x89PNG\r\n\x1a\n broken", "image/png")),
    ]
    answer = client.post("/api/v1/virtual-try-on", headers=customer.headers, files=combo, data={"garmentType": "x"})
    assert answer.status_code == 422 and answer.json()["error"]["field"] == "bottomClothImage"


def _noisy_jpeg(min_bytes: int) -> bytes:
    """A photo-sized JPEG of noise, past `min_bytes` (noise does not compress away)."""
    rng = random.Random(7)
    side = 600
    while True:
        buffer = io.BytesIO()
        Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3)).save(buffer, "JPEG", quality=90)
        if buffer.tell() > min_bytes:
            return buffer.getvalue()
        side += 100


def test_uploads_of_an_accepted_size_are_parsed_in_memory(
    client: TestClient, customer: Customer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past Starlette's 1 MB default an upload went to a temporary file, a thread hop per chunk."""
    rolled: list[int] = []
    real = tempfile.SpooledTemporaryFile.rollover

    def rollover(self: tempfile.SpooledTemporaryFile[bytes]) -> None:
        rolled.append(1)
        real(self)

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", rollover)
    photo = _noisy_jpeg(3 * 1024 * 1024 // 2)
    files = [
        ("person_image", ("p.jpg", photo, "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    assert client.post("/api/v1/generate", headers=customer.headers, files=files).status_code == 202
    assert rolled == []


def test_serving_freezes_the_startup_heap_after_collecting_its_garbage() -> None:
    """What `serve` holds at startup leaves the full collections (their pauses were the status
    tail); garbage left by startup is collected first, not kept frozen for ever."""

    class Node:
        other: object = None

    cycle = Node()
    cycle.other = cycle
    gone = weakref.ref(cycle)
    del cycle
    try:
        freeze_startup_heap()
        assert gone() is None, "startup's garbage was collected, not frozen"
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
