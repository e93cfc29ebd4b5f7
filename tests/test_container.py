"""The container image and the scaled-out stack, run with podman (`make container-test`).

Builds the image from the Dockerfile (unless FITROOM_TEST_IMAGE names one already built;
the host's PIP_CERT, if set, is mounted into the build for pip),
then runs what compose.yaml describes, as separate containers on the host network: the
API and two workers from the image, against the machine's PostgreSQL and Redis and an
S3-compatible server (moto, as in the other S3 tests; no registry is reachable here for
the compose file's postgres, redis and minio images). It checks the containers'
healthchecks, a VirtuFit try-on whose output downloads through the public store link, a
worker killed mid-job with the job finished by the other, and a clean stop.

podman runs with runc and explicit ulimits (see ../shared/CONTAINERS.md on these machines).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from PIL import Image
from skimage import data

from fitroom.settings import Settings
from tests.support.app import free_port
from tests.support.images import garment_photo
from tests.support.services import REDIS_URL, S3_ENVIRONMENT, S3Server
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]
PODMAN = ["podman", "--runtime", "runc"]
LIMITS = ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]


def podman(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PODMAN, *args], capture_output=True, text=True, timeout=timeout, check=check)


@pytest.fixture(scope="module")
def image() -> str:
    if shutil.which("podman") is None:
        pytest.fail("podman is needed (apt-get install podman runc): see docs/deployment-operations.md")
    given = os.environ.get("FITROOM_TEST_IMAGE")
    if given:
        return given
    started = time.monotonic()
    build = [*PODMAN, "build", "--network", "host", *LIMITS, "--format", "docker", "-t", "fitroom:test"]
    ca = os.environ.get("PIP_CERT")  # a TLS-inspecting proxy's CA, as the host's pip trusts it
    if ca:
        build += ["--volume", f"{ca}:/run/host-ca.pem:ro", "--build-arg", "PIP_CERT=/run/host-ca.pem"]
    built = subprocess.run([*build, str(ROOT)], capture_output=True, text=True, timeout=3600)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    print(f"[container] image built in {time.monotonic() - started:.0f} s")
    return "fitroom:test"


class Stack:
    """The API and worker containers of one test, removed when it ends."""

    def __init__(self, image: str, environment: dict[str, str]) -> None:
        self.image, self.environment = image, environment
        self.suffix = uuid.uuid4().hex[:6]
        self.names: list[str] = []

    def start(self, role: str, *command: str, **extra: str) -> str:
        name = f"fitroom-{role}-{self.suffix}"
        env = [f"--env={key}={value}" for key, value in {**self.environment, **extra}.items()]
        podman("run", "--detach", "--name", name, "--network", "host", *LIMITS, *env, self.image, *command)
        self.names.append(name)
        return name

    def logs(self, name: str) -> str:
        answer = podman("logs", name, check=False)
        return answer.stdout + answer.stderr

    def lines(self, name: str) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.logs(name).splitlines() if line.startswith("{")]

    def healthy(self, name: str) -> bool:
        return podman("healthcheck", "run", name, check=False).returncode == 0

    def exit_code(self, name: str) -> int:
        return int(podman("inspect", "--format", "{{.State.ExitCode}}", name).stdout.strip())

    def remove(self) -> None:
        for name in self.names:
            podman("rm", "--force", "--time", "5", name, check=False)


def person_png() -> bytes:
    """scikit-image's astronaut photo: a real person that ships in a PyPI package."""
    out = io.BytesIO()
    Image.fromarray(data.astronaut()).save(out, "PNG")
    return out.getvalue()


@pytest.mark.container
def test_the_image_runs_the_stack(image: str, fresh_database: str, s3: S3Server) -> None:
    started = time.monotonic()
    bucket = s3.new_bucket()  # compose.yaml's `bucket` service does this with MinIO's client
    public = s3.endpoint.replace("127.0.0.1", "localhost")  # the store as browsers reach it
    api_port, worker_ports = free_port(), [free_port(), free_port()]
    api_url = f"http://127.0.0.1:{api_port}"
    stack = Stack(
        image,
        {
            "FITROOM_DATABASE_URL": fresh_database,
            "FITROOM_REDIS_URL": REDIS_URL,
            "FITROOM_STORAGE_URL": f"s3://{bucket}/outputs",
            "FITROOM_S3_ENDPOINT_URL": s3.endpoint,
            "FITROOM_S3_PUBLIC_URL": public,
            "FITROOM_S3_REGION": S3_ENVIRONMENT["AWS_REGION"],
            "AWS_ACCESS_KEY_ID": S3_ENVIRONMENT["AWS_ACCESS_KEY_ID"],
            "AWS_SECRET_ACCESS_KEY": S3_ENVIRONMENT["AWS_SECRET_ACCESS_KEY"],
            "FITROOM_SECRET_KEY": "container-test-secret",
            "FITROOM_HOST": "127.0.0.1",
            "FITROOM_LEASE_SECONDS": "10",
            "FITROOM_HEARTBEAT_SECONDS": "2",
        },
    )
    try:
        assert podman("run", "--rm", *LIMITS, image, "--version").stdout.startswith("fitroom ")
        assert podman("run", "--rm", *LIMITS, "--entrypoint", "id", image, "-u").stdout.strip() != "0", (
            "runs as non-root"
        )

        api = stack.start("api", "serve", "--workers", "0", FITROOM_PORT=str(api_port), FITROOM_PUBLIC_URL=api_url)
        wait_until(lambda: stack.healthy(api), 180, "the API container to be healthy", interval=1)
        workers = [
            stack.start(f"worker{n}", "worker", "--concurrency", "1", FITROOM_WORKER_PORT=str(port))
            for n, port in enumerate(worker_ports, 1)
        ]
        for name in workers:
            wait_until(lambda name=name: stack.healthy(name), 180, f"{name} to be healthy", interval=1)
        key = re.search(r"fr_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}", stack.logs(api))
        assert key, "the first start prints the admin key"
        headers = {"X-API-Key": key.group(0)}
        print(f"[container] stack up in {time.monotonic() - started:.0f} s")

        tried = httpx.post(
            f"{api_url}/api/v1/generate",
            headers={**headers, "Prefer": "wait=120"},
            files=[
                ("person_image", ("astronaut.png", person_png(), "image/png")),
                ("garment_image", ("tee.png", garment_photo(), "image/png")),
            ],
            data={"swap_target": "top"},
            timeout=150,
        )
        assert tried.status_code == 200, tried.text
        link = tried.json()["output_url"]
        assert link.startswith(f"{public}/{bucket}/outputs/jobs/"), link
        download = httpx.get(link, timeout=30)
        assert download.status_code == 200 and download.headers["content-type"] == "image/jpeg"
        assert Image.open(io.BytesIO(download.content)).size[0] > 0

        # A job with three outputs; SIGKILL the worker that claims it, mid-job.
        files = [("person_image", ("astronaut.png", person_png(), "image/png"))]
        files += [("garment_image", (f"g{i}.png", garment_photo((40 * i, 90, 160)), "image/png")) for i in range(3)]
        job_id = httpx.post(
            f"{api_url}/api/v1/generate", headers=headers, files=files, data={"swap_target": "top"}, timeout=60
        ).json()["job_id"]

        def holder() -> str | None:
            for name in workers:
                if any(e.get("message") == "job claimed" and e.get("job_id") == job_id for e in stack.lines(name)):
                    return name
            return None

        victim = wait_until(holder, 120, "a worker to claim the job", interval=0.1)
        podman("kill", "--signal", "KILL", victim)
        survivor = next(name for name in workers if name != victim)

        def finished() -> dict[str, object] | None:
            status: dict[str, object] = httpx.get(f"{api_url}/api/v1/jobs/{job_id}", headers=headers, timeout=10).json()
            return status if status["status"] in ("completed", "failed") else None

        done = wait_until(finished, 240, "the job to finish on the other worker", interval=1)
        assert done["status"] == "completed" and len(done["output_urls"]) == 3, done  # type: ignore[arg-type]
        assert any(
            e.get("message") == "job finished" and e.get("job_id") == job_id and e.get("outcome") == "completed"
            for e in stack.lines(survivor)
        ), stack.logs(survivor)[-3000:]
        print(f"[container] try-on, public link and worker failover checked at {time.monotonic() - started:.0f} s")

        for name in (api, survivor):
            podman("stop", "--time", "45", name, timeout=90)
            assert stack.exit_code(name) == 0, stack.logs(name)[-3000:]
        print(f"[container] stack down cleanly after {time.monotonic() - started:.0f} s")
    finally:
        stack.remove()


def grace_seconds(value: str) -> float:
    assert value.endswith("s"), value
    return float(value[:-1])


def test_the_compose_file_is_consistent() -> None:
    """compose.yaml runs the image tested above with the settings it names: checked here
    without a registry (healthchecks, conditions, stop timeouts, real setting names)."""
    stack = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = stack["services"]
    assert {"api", "worker-1", "worker-2", "postgres", "redis", "minio", "bucket"} <= services.keys()
    for name, service in services.items():
        if name != "bucket":  # a one-shot job: it runs once and exits
            assert "healthcheck" in service or service.get("image") == "fitroom:latest", f"{name} has no healthcheck"
        for dependency in (service.get("depends_on") or {}).values():
            assert dependency["condition"] in ("service_healthy", "service_completed_successfully")
    assert services["api"]["ports"] == ["8000:8000"]
    assert services["worker-1"]["depends_on"]["bucket"]["condition"] == "service_completed_successfully"
    defaults = Settings.model_fields
    for name in ("api", "worker-1", "worker-2"):
        environment = services[name]["environment"]
        assert all(
            key.removeprefix("FITROOM_").lower() in defaults for key in environment if key.startswith("FITROOM_")
        )
        assert environment["FITROOM_S3_PUBLIC_URL"] != environment["FITROOM_S3_ENDPOINT_URL"]
        drain, shutdown = float(environment["FITROOM_DRAIN_SECONDS"]), float(environment["FITROOM_SHUTDOWN_SECONDS"])
        needed = drain + 5 if name == "api" else shutdown
        assert grace_seconds(services[name]["stop_grace_period"]) > needed, f"{name} is killed before it stops"
    assert services["worker-1"]["environment"]["FITROOM_WORKER_PORT"] == "9100"
