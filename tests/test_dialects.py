"""One job model behind three dialects: every job reads through every status endpoint, only for its account."""

from __future__ import annotations

import base64
from typing import Any

from fastapi.testclient import TestClient

from fitroom.settings import Settings
from tests.support.app import Customer, make_customer
from tests.support.images import garment_photo, person_photo
from tests.support.waiting import wait_until


def unsigned(urls: Any) -> Any:
    """Signed URLs without their expiry and signature, which differ from one reading to the next."""
    return [u.split("?", 1)[0] for u in urls] if isinstance(urls, list) else urls.split("?", 1)[0]


def bearer(customer: Customer) -> dict[str, str]:
    return {"Authorization": f"Bearer {customer.key}"}


def via_virtufit(client: TestClient, customer: Customer) -> str:
    files = [("person_image", ("p.jpg", person_photo(), "image/jpeg"))]
    files += [("garment_image", (f"g{i}.png", garment_photo(), "image/png")) for i in range(2)]
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data={"swap_target": "top"})
    return str(answer.json()["job_id"])


def via_miragic(client: TestClient, customer: Customer) -> str:
    files = [
        ("humanImage", ("h.jpg", person_photo(), "image/jpeg")),
        ("clothImage", ("c.png", garment_photo(), "image/png")),
        ("bottomClothImage", ("b.png", garment_photo((20, 40, 160)), "image/png")),
    ]
    answer = client.post("/api/v1/virtual-try-on", headers=customer.headers, files=files, data={"garmentType": "comb"})
    return str(answer.json()["data"]["jobId"])


def via_fashn(client: TestClient, customer: Customer) -> str:
    inputs = {
        "model_image": "data:image/jpeg;base64," + base64.b64encode(person_photo()).decode(),
        "garment_image": "data:image/png;base64," + base64.b64encode(garment_photo()).decode(),
        "category": "bottoms",
    }
    answer = client.post("/v1/run", headers=bearer(customer), json={"model_name": "tryon-v1.6", "inputs": inputs})
    return str(answer.json()["id"])


def read_all(client: TestClient, customer: Customer, job_id: str) -> tuple[Any, Any, Any]:
    """The job's VirtuFit, Miragic and FASHN status answers, once the job has finished."""

    def finished() -> Any:
        answer = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers)
        return answer.json() if answer.json()["status"] in ("completed", "failed") else None

    virtufit = wait_until(finished, 20, f"job {job_id}", interval=0.05)
    miragic = client.get(f"/api/v1/virtual-try-on/{job_id}", headers=customer.headers)
    fashn = client.get(f"/v1/status/{job_id}", headers=bearer(customer))
    assert miragic.status_code == fashn.status_code == 200
    return virtufit, miragic.json()["data"], fashn.json()


def test_virtufit_job_through_miragic_and_fashn(client: TestClient, customer: Customer) -> None:
    virtufit, miragic, fashn = read_all(client, customer, via_virtufit(client, customer))
    assert virtufit["status"] == "completed" and len(virtufit["output_urls"]) == 2
    assert miragic["status"] == "COMPLETED" and miragic["mode"] == "SINGLE"
    assert unsigned(miragic["download_signed_url"]) == unsigned(virtufit["output_url"])
    assert fashn["status"] == "completed" and unsigned(fashn["output"]) == unsigned(virtufit["output_urls"])


def test_miragic_job_through_virtufit_and_fashn(client: TestClient, customer: Customer) -> None:
    virtufit, miragic, fashn = read_all(client, customer, via_miragic(client, customer))
    assert virtufit["status"] == "completed" and virtufit["credits_used"] == 1
    assert miragic["mode"] == "TOP_BOTTOM"
    assert unsigned(miragic["download_signed_url"]) == unsigned(virtufit["output_url"])
    assert fashn["status"] == "completed" and unsigned(fashn["output"]) == unsigned(virtufit["output_urls"])


def test_fashn_job_through_virtufit_and_miragic(client: TestClient, customer: Customer) -> None:
    virtufit, miragic, fashn = read_all(client, customer, via_fashn(client, customer))
    assert virtufit["status"] == "completed" and virtufit["swap_target"] == "bottom"
    assert miragic["status"] == "COMPLETED"
    assert unsigned(miragic["download_signed_url"]) == unsigned(virtufit["output_url"])
    assert unsigned(fashn["output"]) == unsigned(virtufit["output_urls"])
    image = client.get(virtufit["output_url"].removeprefix("http://testserver"))
    assert image.headers["content-type"] == "image/png"


def test_other_accounts_jobs_are_404_everywhere(settings: Settings, client: TestClient, customer: Customer) -> None:
    stranger = make_customer(settings)
    for make in (via_virtufit, via_miragic, via_fashn):
        job_id = make(client, customer)
        virtufit = client.get(f"/api/v1/jobs/{job_id}", headers=stranger.headers)
        assert virtufit.status_code == 404 and virtufit.json()["error"]["code"] == "not_found"
        miragic = client.get(f"/api/v1/virtual-try-on/{job_id}", headers=stranger.headers)
        assert miragic.status_code == 404 and miragic.json()["success"] is False
        assert miragic.json()["error"]["code"] == "not_found"
        fashn = client.get(f"/v1/status/{job_id}", headers=bearer(stranger))
        assert fashn.status_code == 404 and fashn.json()["error"] == "NotFound"


def test_openapi_documents_every_dialect(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"VirtuFit", "Miragic", "FASHN"} <= {tag["name"] for tag in spec["tags"]}
    operations = {
        ("post", "/api/v1/generate"): "VirtuFit",
        ("get", "/api/v1/jobs/{job_id}"): "VirtuFit",
        ("post", "/api/v1/virtual-try-on"): "Miragic",
        ("get", "/api/v1/virtual-try-on/{job_id}"): "Miragic",
        ("post", "/v1/run"): "FASHN",
        ("get", "/v1/status/{prediction_id}"): "FASHN",
        ("get", "/v1/credits"): "FASHN",
    }
    for (method, path), tag in operations.items():
        operation = spec["paths"][path][method]
        assert operation["tags"] == [tag] and operation["summary"], path
        success = next(r for status, r in operation["responses"].items() if status.startswith("2"))
        content = success.get("content", {}).get("application/json", {})
        schema_ref = content.get("schema", {}).get("$ref", "")
        schema = spec["components"]["schemas"].get(schema_ref.rsplit("/", 1)[-1], {})
        assert "example" in content or "examples" in schema, f"{method} {path} has no example answer"
        assert "401" in operation["responses"], path
    run_schema = spec["components"]["schemas"]["RunRequest"]
    assert run_schema["examples"][0]["model_name"] == "tryon-v1.6"
    miragic_401 = spec["paths"]["/api/v1/virtual-try-on"]["post"]["responses"]["401"]
    example = miragic_401["content"]["application/json"]["examples"]["invalid_api_key"]["value"]
    assert example["success"] is False and example["message"] == example["error"]["message"]
    assert client.get("/docs").status_code == 200
