"""`s3://` storage against a real S3-compatible server (moto in server mode) on loopback."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import update

from fitroom.db.models import Job
from fitroom.jobs.reaper import reap
from fitroom.storage import BlobNotFound, S3Store, open_store
from fitroom.storage.keys import job_blob, job_prefixes
from tests.support.app import free_port, running_app
from tests.support.images import garment_photo, person_photo
from tests.support.services import S3Server, s3_server
from tests.support.waiting import wait_until


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    with s3_server(free_port(), tmp_path_factory.mktemp("s3") / "moto.log") as server:
        yield server


def test_put_get_presign_and_delete(s3: S3Server) -> None:
    bucket = s3.new_bucket()
    store = open_store(f"s3://{bucket}/deploy/a", public_url="http://unused", secret=b"x", s3_endpoint_url=s3.endpoint)
    assert isinstance(store, S3Store)
    store.put("jobs/j1/output-0.png", b"png bytes", "image/png")
    store.put("jobs/j1/person.jpeg", b"jpeg bytes", "image/jpeg")
    store.put("jobs/j2/person.jpeg", b"other job", "image/jpeg")
    assert store.get("jobs/j1/output-0.png") == b"png bytes"
    assert sorted(s3.keys(bucket)) == [
        "deploy/a/jobs/j1/output-0.png",
        "deploy/a/jobs/j1/person.jpeg",
        "deploy/a/jobs/j2/person.jpeg",
    ]

    url = store.signed_url("jobs/j1/output-0.png", 60)
    assert url.startswith(f"{s3.endpoint}/{bucket}/deploy/a/jobs/j1/output-0.png?") and "X-Amz-Signature=" in url
    answer = httpx.get(url)
    assert answer.status_code == 200 and answer.content == b"png bytes"
    assert answer.headers["content-type"] == "image/png"

    store.delete_prefix("jobs/j1/")
    assert s3.keys(bucket) == ["deploy/a/jobs/j2/person.jpeg"]
    with pytest.raises(BlobNotFound):
        store.get("jobs/j1/output-0.png")
    with pytest.raises(ValueError):
        store.delete_prefix("jobs/../")
    with pytest.raises(ValueError):
        store.put("../escape", b"", "image/png")


def test_a_jobs_flat_objects_and_an_older_jobs_folder_are_deleted(s3: S3Server) -> None:
    bucket = s3.new_bucket()
    store = S3Store(f"s3://{bucket}/p", endpoint_url=s3.endpoint)
    job, neighbour = "3f2a9c1e-0000-4000-8000-000000000001", "3f2a9c1e-0000-4000-8000-000000000002"
    for job_id in (job, neighbour):
        store.put(job_blob(job_id, "person.jpeg"), b"person", "image/jpeg")
        store.put(job_blob(job_id, "output-0-abc.png"), b"output", "image/png")
    store.put(f"jobs/{job}/person.jpeg", b"older", "image/jpeg")  # a job stored before the flat keys
    for prefix in job_prefixes(job):
        store.delete_prefix(prefix)
    assert sorted(s3.keys(bucket)) == [f"p/jobs/3f/{neighbour}-output-0-abc.png", f"p/jobs/3f/{neighbour}-person.jpeg"]


def test_many_objects_deleted_in_batches(s3: S3Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """More objects than one DeleteObjects request takes (1000 on S3; 10 here, to stay quick)."""
    monkeypatch.setattr("fitroom.storage.s3._DELETE_BATCH", 10)
    bucket = s3.new_bucket()
    store = S3Store(f"s3://{bucket}", endpoint_url=s3.endpoint)
    for i in range(25):
        store.put(f"jobs/big/o-{i}.png", b"", "image/png")
    store.delete_prefix("jobs/big/")
    assert s3.keys(bucket) == []


def test_jobs_on_s3_end_to_end(tmp_path: Path, database_url: str, s3: S3Server) -> None:
    """Inputs and outputs go to the bucket, outputs are presigned S3 URLs, the reaper empties it."""
    bucket = s3.new_bucket()
    overrides: dict[str, Any] = {"storage_url": f"s3://{bucket}/fitroom", "s3_endpoint_url": s3.endpoint}
    with running_app(tmp_path, database_url, **overrides) as (client, customer):
        assert client.get("/readyz").json()["checks"]["storage"] == "ok"
        files = [("person_image", ("p.jpg", person_photo(), "image/jpeg"))]
        files += [("garment_image", (f"g{i}.png", garment_photo(), "image/png")) for i in range(2)]
        job_id = client.post("/api/v1/generate", headers=customer.headers, files=files).json()["job_id"]

        def finished() -> dict[str, Any] | None:
            status: dict[str, Any] = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()
            return status if status["status"] in ("completed", "failed") else None

        done = wait_until(finished, 30, "the job to finish")
        assert done["status"] == "completed" and len(done["output_urls"]) == 2
        for url in done["output_urls"]:
            assert url.startswith(f"{s3.endpoint}/{bucket}/fitroom/{job_blob(job_id, 'output-')}")
            image = httpx.get(url)
            assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
            assert Image.open(io.BytesIO(image.content)).size[0] > 0
        keys = s3.keys(bucket)
        assert len(keys) == 5 and all(k.startswith(f"fitroom/{job_prefixes(job_id)[0]}") for k in keys)

        ctx = client.app.state.ctx  # type: ignore[attr-defined]
        with ctx.db.session() as session:
            session.execute(update(Job).values(expires_at=Job.created_at))
        assert reap(ctx) == 1
        assert s3.keys(bucket) == []
        assert client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()["error"]["code"] == "expired"


def test_links_are_signed_for_the_public_endpoint(s3: S3Server) -> None:
    """The processes reach the store at one address, browsers at another (here `localhost`
        for the same server): links name the public one, and download from it. (SigV4 signs the
    host, so a link presigned for the internal endpoint and rewritten would not verify on a
    server that checks signatures, as MinIO and AWS do; moto does not check them.)"""
    bucket = s3.new_bucket()
    public = s3.endpoint.replace("127.0.0.1", "localhost")
    store = open_store(
        f"s3://{bucket}", public_url="http://unused", secret=b"x", s3_endpoint_url=s3.endpoint, s3_public_url=public
    )
    store.put("jobs/j/output-0.png", b"public bytes", "image/png")
    url = store.signed_url("jobs/j/output-0.png", 60)
    assert url.startswith(f"{public}/{bucket}/jobs/j/output-0.png?") and store.link_origin == public
    assert httpx.get(url).content == b"public bytes"


def test_private_bucket_outputs_come_through_signed_files_links(
    tmp_path: Path, database_url: str, s3: S3Server
) -> None:
    bucket = s3.new_bucket()
    overrides: dict[str, Any] = {"storage_url": f"s3://{bucket}/p", "s3_endpoint_url": s3.endpoint, "s3_presign": False}
    with running_app(tmp_path, database_url, **overrides) as (client, customer):
        files = [
            ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
            ("garment_image", ("g.png", garment_photo(), "image/png")),
        ]
        done = client.post("/api/v1/generate", headers={**customer.headers, "Prefer": "wait=30"}, files=files).json()
        assert done["success"] is True, done
        url = done["output_url"]
        assert url.startswith("http://testserver/files/jobs/") and "X-Amz" not in url and s3.endpoint not in url
        image = client.get(url.removeprefix("http://testserver"))
        assert (
            image.status_code == 200
            and image.headers["content-type"] == "image/jpeg"
            and image.content[:3] == b"\xff\xd8\xff"
        )
        forged = url.removeprefix("http://testserver").replace("signature=", "signature=0")
        assert client.get(forged).status_code == 403
        assert client.app.state.ctx.store.link_origin is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_dashboard_on_s3_allows_exactly_the_stores_public_origin(
    tmp_path: Path, database_url: str, s3: S3Server
) -> None:
    """The job page's images are presigned links to the public endpoint; the page's CSP lets
    exactly that origin in (not the internal endpoint), and each image downloads from it."""
    from tests.test_dashboard import make_user, sign_in, submit_job

    bucket = s3.new_bucket()
    public = s3.endpoint.replace("127.0.0.1", "localhost")
    overrides: dict[str, Any] = {
        "storage_url": f"s3://{bucket}/d",
        "s3_endpoint_url": s3.endpoint,
        "s3_public_url": public,
    }
    with running_app(tmp_path, database_url, **overrides) as (client, _customer):
        user = make_user(client.app.state.ctx.settings)  # type: ignore[attr-defined]
        job_id = submit_job(client, "", user)
        wait_until(
            lambda: client.get(f"/api/v1/jobs/{job_id}", headers=user.headers).json()["status"] == "completed",
            30,
            "the job to finish",
        )
        sign_in(client, user.email)
        page = client.get(f"/dashboard/jobs/{job_id}")
        assert page.status_code == 200
        policy = dict(part.strip().split(" ", 1) for part in page.headers["content-security-policy"].split(";"))
        assert policy["img-src"].split() == ["'self'", "data:", "blob:", "http://testserver", public]
        images = re.findall(r'<img src="([^"]+)"', page.text)
        assert len(images) == 3, "the output, the person and the garment"
        for src in images:
            link = html.unescape(src)
            assert link.startswith(f"{public}/{bucket}/d/{job_prefixes(job_id)[0]}")
            assert httpx.get(link).status_code == 200
        listing = client.get("/dashboard/jobs")
        thumbnails = [html.unescape(s) for s in re.findall(r'<img class="thumb" src="([^"]+)"', listing.text)]
        assert thumbnails and all(t.startswith(public) for t in thumbnails)
