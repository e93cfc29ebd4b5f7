"""The Miragic dialect (SPEC section 3): single and combo try-ons, status, errors, rate limit, credits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from fitroom import accounts
from fitroom.db import Database
from fitroom.db.models import Account
from fitroom.engines import Progress, RenderOptions
from fitroom.engines.layering import render_layered
from fitroom.settings import Settings
from tests.support.app import Customer, make_customer, running_app
from tests.support.images import flat_photo, garment_photo, person_photo
from tests.support.waiting import wait_until

URL = "/api/v1/virtual-try-on"
HUMAN = ("humanImage", ("human.jpg", person_photo(), "image/jpeg"))
CLOTH = ("clothImage", ("cloth.png", garment_photo(), "image/png"))
BOTTOM = ("bottomClothImage", ("bottom.png", garment_photo((20, 40, 160)), "image/png"))
ISO_MILLIS_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
STATUS_FIELDS = {
    "id",
    "status",
    "progress",
    "mode",
    "humanImagePath",
    "clothImagePath",
    "bottomClothImagePath",
    "resultImagePath",
    "processedUrl",
    "download_signed_url",
    "createdAt",
    "processingStartedAt",
    "processingCompletedAt",
    "errorMessage",
}


def create(client: TestClient, customer: Customer, files: list[Any], garment_type: str | None = "upper_body") -> Any:
    data = {"garmentType": garment_type} if garment_type is not None else {}
    return client.post(URL, headers=customer.headers, files=files, data=data)


def poll(client: TestClient, customer: Customer, job_id: str) -> dict[str, Any]:
    def finished() -> dict[str, Any] | None:
        data: dict[str, Any] = client.get(f"{URL}/{job_id}", headers=customer.headers).json()["data"]
        return data if data["status"] != "PENDING" else None

    return wait_until(finished, 20, f"Miragic job {job_id}", interval=0.05)  # type: ignore[no-any-return]


def download(client: TestClient, url: str) -> bytes:
    answer = client.get(url.removeprefix("http://testserver"))
    assert answer.status_code == 200, url
    return bytes(answer.content)


def balance(settings: Settings, customer: Customer) -> int:
    db = Database(settings.resolved_database_url)
    try:
        with db.session() as session:
            account = session.get(Account, customer.account_id)
            assert account is not None
            return account.balance
    finally:
        db.dispose()


def assert_miragic_error(answer: Any, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert set(body) == {"success", "message", "error"}
    assert body["success"] is False and body["message"] == body["error"]["message"]
    assert body["error"]["code"] == code
    assert body["error"]["request_id"] == answer.headers["x-request-id"]
    if field:
        assert body["error"]["field"] == field
    return body


def test_single_flow(settings: Settings, client: TestClient, customer: Customer) -> None:
    answer = create(client, customer, [HUMAN, CLOTH])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["success"] is True
    assert body["message"] == "Virtual try-on job created and processing started"
    assert set(body["data"]) == {"jobId", "status", "mode", "createdAt"}
    assert body["data"]["status"] == "PENDING" and body["data"]["mode"] == "SINGLE"
    assert ISO_MILLIS_Z.match(body["data"]["createdAt"])

    done = poll(client, customer, body["data"]["jobId"])
    assert set(done) == STATUS_FIELDS
    assert done["id"] == body["data"]["jobId"] and done["status"] == "COMPLETED" and done["progress"] == 100
    assert done["mode"] == "SINGLE" and done["bottomClothImagePath"] is None and done["errorMessage"] is None
    assert done["resultImagePath"] == done["processedUrl"] == done["download_signed_url"]
    for key in ("createdAt", "processingStartedAt", "processingCompletedAt"):
        assert ISO_MILLIS_Z.match(done[key]), key
    assert download(client, done["download_signed_url"])[:3] == b"\xff\xd8\xff"
    assert download(client, done["humanImagePath"]) == person_photo()
    assert download(client, done["clothImagePath"]) == garment_photo()
    assert balance(settings, customer) == 99


def test_combo_is_one_output_for_one_basic_run(settings: Settings, client: TestClient, customer: Customer) -> None:
    answer = create(client, customer, [HUMAN, CLOTH, BOTTOM], garment_type="comb")
    assert answer.status_code == 200, answer.text
    job_id = answer.json()["data"]["jobId"]
    assert answer.json()["data"]["mode"] == "TOP_BOTTOM"
    done = poll(client, customer, job_id)
    assert done["status"] == "COMPLETED" and done["mode"] == "TOP_BOTTOM"
    assert download(client, done["clothImagePath"]) == garment_photo()
    assert download(client, done["bottomClothImagePath"]) == garment_photo((20, 40, 160))
    assert download(client, done["download_signed_url"])[:3] == b"\xff\xd8\xff"
    virtufit = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()
    assert len(virtufit["output_urls"]) == 1 and virtufit["swap_target"] == "full_outfit"
    assert virtufit["credits_used"] == 1
    assert balance(settings, customer) == 99


def test_combo_dresses_the_bottom_then_the_top() -> None:
    """The engine takes one swap_target per call: a combo is two calls, bottom first, each on the last result."""
    calls: list[tuple[str, tuple[int, int, int]]] = []

    class Recorder:
        name = "recorder"
        layers_outfits = False

        def render(
            self,
            person: Image.Image,
            garments: Sequence[Image.Image],
            options: RenderOptions,
            progress: Progress | None = None,
        ) -> Image.Image:
            calls.append((options.swap_target, garments[0].getpixel((0, 0))))  # type: ignore[arg-type]
            if progress:
                progress(1.0)
            return garments[0]

    top, bottom = Image.new("RGB", (8, 8), (1, 1, 1)), Image.new("RGB", (8, 8), (2, 2, 2))
    seen: list[float] = []
    result = render_layered(
        Recorder(), Image.new("RGB", (8, 8)), [top, bottom], ["top", "bottom"], RenderOptions(), seen.append
    )
    assert calls == [("bottom", (2, 2, 2)), ("top", (1, 1, 1))] and result is top
    assert seen == [0.5, 1.0]


@pytest.mark.parametrize(
    ("garment_type", "swap_target"),
    [("upper_body", "top"), ("lower_body", "bottom"), ("full_body", "dress"), (" Full_Body ", "dress")],
)
def test_garment_types(client: TestClient, customer: Customer, garment_type: str, swap_target: str) -> None:
    job_id = create(client, customer, [HUMAN, CLOTH], garment_type).json()["data"]["jobId"]
    assert client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()["swap_target"] == swap_target


def test_combo_takes_any_garment_type(client: TestClient, customer: Customer) -> None:
    for garment_type in ("comb", "anything at all", None):
        answer = create(client, customer, [HUMAN, CLOTH, BOTTOM], garment_type)
        assert answer.status_code == 200 and answer.json()["data"]["mode"] == "TOP_BOTTOM"


def test_failed_job(settings: Settings, client: TestClient, customer: Customer) -> None:
    flat = ("humanImage", ("human.jpg", flat_photo(), "image/jpeg"))
    done = poll(client, customer, create(client, customer, [flat, CLOTH]).json()["data"]["jobId"])
    assert done["status"] == "FAILED" and done["errorMessage"] == "no person was found in the photo"
    assert done["resultImagePath"] is None and done["download_signed_url"] is None
    assert balance(settings, customer) == 100


def test_error_envelope(settings: Settings, client: TestClient, customer: Customer) -> None:
    anonymous = client.post(URL, files=[HUMAN, CLOTH], data={"garmentType": "upper_body"})
    assert_miragic_error(anonymous, 401, "missing_api_key")
    bad_key = Customer(customer.account_id, "fr_00000000_nope", customer.email)
    assert_miragic_error(create(client, bad_key, [HUMAN, CLOTH]), 401, "invalid_api_key")
    assert_miragic_error(create(client, customer, [HUMAN, CLOTH], "socks"), 400, "invalid_request", "garmentType")
    assert_miragic_error(create(client, customer, [HUMAN, CLOTH], None), 400, "invalid_request", "garmentType")
    assert_miragic_error(create(client, customer, [CLOTH]), 400, "invalid_request", "humanImage")
    html = ("clothImage", ("cloth.jpg", b"<html>nope</html>", "image/jpeg"))
    assert_miragic_error(create(client, customer, [HUMAN, html]), 415, "unsupported_image_type", "clothImage")
    assert_miragic_error(client.get(f"{URL}/no-such-job", headers=customer.headers), 404, "not_found")
    assert_miragic_error(client.delete(URL, headers=customer.headers), 405, "method_not_allowed")
    poor = make_customer(settings, balance=0)
    assert_miragic_error(create(client, poor, [HUMAN, CLOTH, BOTTOM], "comb"), 402, "insufficient_credits")


def test_rate_limit_is_60_a_minute_per_key(settings: Settings, client: TestClient, customer: Customer) -> None:
    for _ in range(60):
        assert client.get(f"{URL}/x", headers=customer.headers).status_code == 404
    answer = client.get(f"{URL}/x", headers=customer.headers)
    body = assert_miragic_error(answer, 429, "rate_limited")
    assert "retry" in body["message"]
    assert 1 <= int(answer.headers["retry-after"]) <= 60
    assert client.get("/api/v1/jobs/x", headers=customer.headers).status_code == 404  # VirtuFit: account limit only
    db = Database(settings.resolved_database_url)
    with db.session() as session:
        account = session.get(Account, customer.account_id)
        assert account is not None
        other_key = accounts.create_key(session, account)
    db.dispose()
    assert client.get(f"{URL}/x", headers={"X-API-Key": other_key}).status_code == 404


def test_account_rate_limit_is_shared_with_other_dialects(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, rate_limit="3/minute", workers=0) as (client, customer):
        for _ in range(3):
            assert client.get("/api/v1/jobs/x", headers=customer.headers).status_code == 404
        answer = client.get(f"{URL}/x", headers=customer.headers)
        assert_miragic_error(answer, 429, "rate_limited")
        assert int(answer.headers["retry-after"]) >= 1
