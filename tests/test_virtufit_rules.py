"""Every field rule and error code of SPEC section 2, through the HTTP API."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from fitroom import accounts
from fitroom.db import Database
from fitroom.settings import Settings
from tests.support.app import Customer, make_customer, running_app
from tests.support.images import encode, garment_photo, person_photo

PERSON = ("person_image", ("p.jpg", person_photo(), "image/jpeg"))
GARMENT = ("garment_image", ("g.png", garment_photo(), "image/png"))


def assert_error(answer: Any, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["success"] is False
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["error"]["request_id"] == answer.headers["x-request-id"]
    if field:
        assert body["error"]["field"] == field
    return body  # type: ignore[no-any-return]


def post(client: TestClient, customer: Customer, files: list[Any], **data: Any) -> Any:
    return client.post("/api/v1/generate", headers=customer.headers, files=files, data=data)


def test_missing_and_invalid_key(client: TestClient) -> None:
    assert_error(client.post("/api/v1/generate", files=[PERSON, GARMENT]), 401, "missing_api_key")
    bad = {"X-API-Key": "fr_00000000_nope"}
    assert_error(client.post("/api/v1/generate", headers=bad, files=[PERSON, GARMENT]), 401, "invalid_api_key")
    assert_error(client.get("/api/v1/jobs/x", headers={"X-API-Key": "garbage"}), 401, "invalid_api_key")


def test_person_exactly_one(client: TestClient, customer: Customer) -> None:
    assert_error(post(client, customer, [GARMENT]), 400, "invalid_request", "person_image")
    answer = post(client, customer, [PERSON, GARMENT], person_image_url="https://example.com/p.jpg")
    assert_error(answer, 400, "invalid_request", "person_image")


def test_garment_count(client: TestClient, customer: Customer) -> None:
    assert_error(post(client, customer, [PERSON]), 400, "invalid_request", "garment_image")
    six = [PERSON] + [GARMENT] * 6
    assert_error(post(client, customer, six), 400, "invalid_request", "garment_image")
    three_and_three = [PERSON] + [GARMENT] * 3
    urls = "https://example.com/a.jpg,https://example.com/b.jpg,https://example.com/c.jpg"
    assert_error(post(client, customer, three_and_three, garment_urls=urls), 400, "invalid_request", "garment_image")


@pytest.mark.parametrize(
    ("field", "value"), [("tier", "ultra"), ("swap_target", "socks"), ("compose", "stacked"), ("output_format", "gif")]
)
def test_choice_fields(client: TestClient, customer: Customer, field: str, value: str) -> None:
    assert_error(post(client, customer, [PERSON, GARMENT], **{field: value}), 400, "invalid_request", field)


def test_defaults(client: TestClient, customer: Customer) -> None:
    job = post(client, customer, [PERSON, GARMENT]).json()
    status = client.get(f"/api/v1/jobs/{job['job_id']}", headers=customer.headers).json()
    assert status["tier"] == "basic" and status["swap_target"] == "full_outfit"


def test_description_length(client: TestClient, customer: Customer) -> None:
    answer = post(client, customer, [PERSON, GARMENT], garment_description="x" * 501)
    assert_error(answer, 400, "invalid_request", "garment_description")
    assert post(client, customer, [PERSON, GARMENT], garment_description="x" * 500).status_code == 202


def test_webhook_must_be_https(client: TestClient, customer: Customer) -> None:
    for url in ("http://example.com/hook", "ftp://example.com/x", "http://127.0.0.1:9/hook", "not a url"):
        assert_error(post(client, customer, [PERSON, GARMENT], webhook_url=url), 400, "invalid_request", "webhook_url")
    assert post(client, customer, [PERSON, GARMENT], webhook_url="https://hooks.invalid/hook").status_code == 202


def test_http_webhook_to_loopback_when_operator_allows(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, allow_http_webhooks_to_loopback=True) as (client, customer):
        assert post(client, customer, [PERSON, GARMENT], webhook_url="http://127.0.0.1:9/hook").status_code == 202
        answer = post(client, customer, [PERSON, GARMENT], webhook_url="http://example.com/hook")
        assert_error(answer, 400, "invalid_request", "webhook_url")


def test_type_sniffed_by_content(client: TestClient, customer: Customer) -> None:
    gif = encode(Image.new("RGB", (50, 50), (1, 2, 3)), "GIF")
    files = [("person_image", ("p.jpg", gif, "image/jpeg")), GARMENT]
    assert_error(post(client, customer, files), 415, "unsupported_image_type", "person_image")
    html = b"<html><body>not an image</body></html>"
    files = [PERSON, ("garment_image", ("g.jpg", html, "image/jpeg"))]
    assert_error(post(client, customer, files), 415, "unsupported_image_type", "garment_image")
    png_named_txt = [
        ("person_image", ("p.txt", encode(Image.new("RGB", (64, 64), (9, 9, 9)), "PNG"), "text/plain")),
        GARMENT,
    ]
    assert post(client, customer, png_named_txt).status_code == 202
    webp = [("person_image", ("p.bin", person_photo(fmt="WEBP"), "application/octet-stream")), GARMENT]
    assert post(client, customer, webp).status_code == 202


def test_invalid_images(client: TestClient, customer: Customer) -> None:
    truncated = person_photo()[:2000]
    assert_error(
        post(client, customer, [("person_image", ("p.jpg", truncated, "image/jpeg")), GARMENT]), 422, "invalid_image"
    )
    empty = [("person_image", ("p.jpg", b"", "image/jpeg")), GARMENT]
    assert_error(post(client, customer, empty), 422, "invalid_image")


def test_decompression_bomb_refused(client: TestClient, customer: Customer) -> None:
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, "PNG")
    answer = post(client, customer, [("person_image", ("bomb.png", buffer.getvalue(), "image/png")), GARMENT])
    body = assert_error(answer, 422, "invalid_image", "person_image")
    assert "pixels" in body["error"]["message"]


def test_file_too_large(client: TestClient, customer: Customer) -> None:
    big = b"\xff\xd8\xff\xe0" + b"\0" * (10 * 1024 * 1024 + 10)
    assert_error(
        post(client, customer, [("person_image", ("p.jpg", big, "image/jpeg")), GARMENT]), 413, "file_too_large"
    )


def test_body_over_limit_refused_by_length(client: TestClient, customer: Customer) -> None:
    answer = client.post(
        "/api/v1/generate",
        headers={
            **customer.headers,
            "Content-Length": str(200 * 1024 * 1024),
            "Content-Type": "multipart/form-data; boundary=x",
        },
        content=b"--x--\r\n",
    )
    assert_error(answer, 413, "file_too_large")


def test_insufficient_credits(settings: Settings, client: TestClient) -> None:
    poor = make_customer(settings, balance=2)
    answer = post(client, poor, [PERSON, GARMENT], tier="pro")
    body = assert_error(answer, 402, "insufficient_credits")
    assert "3" in body["error"]["message"]
    assert post(client, poor, [PERSON, GARMENT, GARMENT]).status_code == 202


def test_unknown_route_and_method_are_json(client: TestClient) -> None:
    assert_error(client.get("/api/v1/nothing"), 404, "not_found")
    assert_error(client.delete("/api/v1/generate"), 405, "method_not_allowed")


def test_other_accounts_job_is_404(settings: Settings, client: TestClient, customer: Customer) -> None:
    job = post(client, customer, [PERSON, GARMENT]).json()["job_id"]
    stranger = make_customer(settings)
    assert_error(client.get(f"/api/v1/jobs/{job}", headers=stranger.headers), 404, "not_found")
    assert_error(
        client.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000", headers=customer.headers), 404, "not_found"
    )
    assert client.get(f"/api/v1/jobs/{job}", headers=customer.headers).status_code == 200


def test_revoked_key_refused(settings: Settings, client: TestClient, customer: Customer) -> None:
    db = Database(settings.resolved_database_url)
    with db.session() as session:
        accounts.revoke_key(session, customer.key.split("_")[1])
    db.dispose()
    assert_error(post(client, customer, [PERSON, GARMENT]), 401, "invalid_api_key")


def test_rate_limited(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, rate_limit="3/minute", workers=0) as (client, customer):
        for _ in range(3):
            assert client.get("/api/v1/jobs/x", headers=customer.headers).status_code == 404
        answer = client.get("/api/v1/jobs/x", headers=customer.headers)
        assert_error(answer, 429, "rate_limited")
        assert 1 <= int(answer.headers["retry-after"]) <= 60


def test_queue_full_is_503(tmp_path: Path, database_url: str) -> None:
    with running_app(tmp_path, database_url, max_queue=2, workers=0) as (client, customer):
        assert post(client, customer, [PERSON, GARMENT, GARMENT]).status_code == 202
        answer = post(client, customer, [PERSON, GARMENT])
        assert_error(answer, 503, "overloaded")
        assert int(answer.headers["retry-after"]) >= 1


def test_url_inputs_are_refused_for_private_addresses(
    client: TestClient, customer: Customer, image_server: str
) -> None:
    answer = post(client, customer, [GARMENT], person_image_url=f"{image_server}/person.jpg")
    body = assert_error(answer, 400, "invalid_request", "person_image_url")
    assert "public" in body["error"]["message"]
    for url in ("file:///etc/passwd", "gopher://example.com/x", "http://169.254.169.254/latest/meta-data"):
        assert_error(post(client, customer, [GARMENT], person_image_url=url), 400, "invalid_request")


def test_url_inputs_when_operator_allows_private(tmp_path: Path, database_url: str, image_server: str) -> None:
    with running_app(tmp_path, database_url, allow_private_urls=True) as (client, customer):
        answer = client.post(
            "/api/v1/generate",
            headers={**customer.headers, "Prefer": "wait=30"},
            data={
                "person_image_url": f"{image_server}/person.jpg",
                "garment_urls": f"{image_server}/garment.png, {image_server}/garment.png",
            },
        )
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["output_urls"]) == 2
        missing = post(client, customer, [GARMENT], person_image_url=f"{image_server}/missing.jpg")
        assert_error(missing, 400, "invalid_request", "person_image_url")
        not_image = post(client, customer, [GARMENT], person_image_url=f"{image_server}/notimage")
        assert_error(not_image, 415, "unsupported_image_type", "person_image_url")
