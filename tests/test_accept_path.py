"""The accept path's shortcuts keep its answers: an image that passed validation passes again without a
decode, a refused one is refused each time, and uploads are checked in order."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from fitroom import imaging
from tests.support.app import Customer
from tests.support.images import garment_photo, person_photo


def test_an_image_that_passed_is_not_decoded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = imaging.validate_image

    def counted(data: bytes, *, max_bytes: int, max_pixels: int) -> imaging.ImageInfo:
        calls.append(len(data))
        return real(data, max_bytes=max_bytes, max_pixels=max_pixels)

    monkeypatch.setattr(imaging, "validate_image", counted)
    monkeypatch.setattr(imaging, "_passed", imaging._Passed(size=2))
    photo = person_photo((90, 120))
    first = imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**7)
    assert imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**7) == first
    assert len(calls) == 1
    imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**5)  # other limits: checked again
    assert len(calls) == 2
    with pytest.raises(imaging.ImageRejected):
        imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=100)
    with pytest.raises(imaging.ImageRejected):
        imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=100)
    assert len(calls) == 4, "a refusal is not remembered"
    imaging.validate_image_once(garment_photo(), max_bytes=10**7, max_pixels=10**7)  # evicts the oldest
    imaging.validate_image_once(photo, max_bytes=10**7, max_pixels=10**7)
    assert len(calls) == 6


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
