"""The container image and the compose stack, run with podman (`make container-test`).

Builds fitroom's image from the Dockerfile (unless FITROOM_TEST_IMAGE names one already
built) and runs every service of compose.yaml as a container of its own on the host
network, in the order its `depends_on` conditions give, with its settings: the API and two
workers from fitroom's image, and PostgreSQL, Redis, an S3-compatible store and the
bucket step from a second image built here from Debian's packages and PyPI
(tests/container/Containerfile), since no registry is reachable for the compose file's
postgres, redis and minio images. The store is moto's S3 server (as in the other S3
tests) in place of MinIO. Ports are free ones (the machine's own PostgreSQL and Redis keep
5432 and 6379), and the compose file's addresses are mapped to them. The host's PIP_CERT,
if set, is mounted into both builds for pip.

It checks every container's healthcheck, a VirtuFit try-on whose output downloads through
the public store link, a worker killed mid-job with the job finished by the other, and the
stack stopped in reverse order, every container exiting 0 within its stop timeout.
`test_the_compose_file_is_consistent` checks, without podman, that what this test runs is
compose.yaml's services and settings.

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
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from PIL import Image
from skimage import data

from fitroom.settings import Settings
from tests.support.app import free_port
from tests.support.images import garment_photo
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]
PODMAN = ["podman", "--runtime", "runc"]
LIMITS = ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
FITROOM_IMAGE = "fitroom:latest"  # compose.yaml's name for the image the Dockerfile builds
SERVICES_IMAGE = "fitroom-stack-services:test"

#: Settings the test adds to compose.yaml's: on the host network the fitroom processes
#: listen on loopback only, and a short lease moves the killed worker's job within the test.
TEST_SETTINGS = {"FITROOM_HOST": "127.0.0.1", "FITROOM_LEASE_SECONDS": "10", "FITROOM_HEARTBEAT_SECONDS": "2"}
#: How long fitroom's own image may take to turn healthy (its HEALTHCHECK has a 60 s start
#: period; loading the engine on a busy 2-core machine takes most of it).
FITROOM_HEALTHY_SECONDS = 180.0


def load_compose() -> dict[str, Any]:
    compose: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return compose


def seconds(value: str) -> float:
    """A compose duration such as `45s`."""
    assert value.endswith("s"), value
    return float(value[:-1])


@dataclass
class Container:
    """One compose service as this test runs it: a container on the host network."""

    service: str
    image: str
    command: list[str]
    environment: dict[str, str]
    depends_on: dict[str, str]
    user: str | None = None
    #: None: the image's own HEALTHCHECK (fitroom's), or none (the one-shot bucket step).
    healthcheck: list[str] | None = None
    healthy_within: float = FITROOM_HEALTHY_SECONDS
    stop_seconds: float = 10.0  # compose's default stop_grace_period
    name: str = field(default="")


#: host:port in a URL, after `//` or a user's `@`.
ADDRESS = re.compile(r"(?<=[/@])([A-Za-z0-9.-]+):(\d+)\b")


def relocate(value: str, services: dict[str, Any], ports: dict[str, int]) -> str:
    """A compose address rewritten for the host network: `//postgres:5432` (a service's
    name) becomes `//127.0.0.1:PORT`, and `//localhost:9000` (a published port) keeps its
    host with the port of the service that publishes it."""

    def moved(match: re.Match[str]) -> str:
        host, port = match.group(1), match.group(2)
        if host in services:
            return f"127.0.0.1:{ports[host]}"
        publisher = [name for name, service in services.items() if f"{port}:{port}" in service.get("ports", [])]
        assert host in ("localhost", "127.0.0.1") and len(publisher) == 1, (
            f"{match.group(0)} is no address of the stack"
        )
        return f"{host}:{ports[publisher[0]]}"

    return ADDRESS.sub(moved, value)


def with_port(test: list[str], port: int) -> list[str]:
    """A compose healthcheck (`["CMD", program, args…]`) asking the port used here."""
    assert test[0] == "CMD", test
    return [test[1], "-p", str(port), *test[2:]]


#: compose.yaml's `bucket` command, MinIO's client: the endpoint, the credentials and the bucket.
MC_COMMAND = re.compile(r"mc alias set local (\S+) (\S+) (\S+) && mc mb --ignore-existing local/(\S+)")


def stand_in(name: str, service: dict[str, Any], services: dict[str, Any], ports: dict[str, int]) -> Container:
    """compose.yaml's postgres, redis, minio or bucket service, from the services image."""
    environment = {key: str(value) for key, value in (service.get("environment") or {}).items()}
    conditions = {dependency: rule["condition"] for dependency, rule in (service.get("depends_on") or {}).items()}
    healthcheck = service.get("healthcheck")
    within = seconds(healthcheck["interval"]) * healthcheck["retries"] if healthcheck else 0.0
    port = ports.get(name, 0)
    if name == "postgres":  # as the official image: POSTGRES_USER, _PASSWORD, _DB
        return Container(
            name,
            SERVICES_IMAGE,
            ["postgres-start"],
            {**environment, "PGPORT": str(port)},
            conditions,
            user="postgres",
            healthcheck=with_port(healthcheck["test"], port),
            healthy_within=within,
        )
    if name == "redis":
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        return Container(
            name,
            SERVICES_IMAGE,
            command,
            environment,
            conditions,
            user="redis",
            healthcheck=with_port(healthcheck["test"], port),
            healthy_within=within,
        )
    if name == "minio":  # moto has no /minio/health/ready; its own API page answers once it serves
        return Container(
            name,
            SERVICES_IMAGE,
            ["moto_server", "-H", "127.0.0.1", "-p", str(port)],
            environment,
            conditions,
            user="nobody",
            healthcheck=["curl", "-fsS", "-o", "/dev/null", f"http://127.0.0.1:{port}/moto-api/"],
            healthy_within=within,
        )
    if name == "bucket":
        parsed = MC_COMMAND.fullmatch(" ".join(service["command"]))
        assert parsed, service["command"]
        endpoint, user, secret, bucket = parsed.groups()
        command = ["make-bucket", relocate(endpoint, services, ports), user, secret, bucket]
        return Container(name, SERVICES_IMAGE, command, environment, conditions, user="nobody")
    raise AssertionError(f"compose.yaml's service {name} has no stand-in here")


def plan_stack(compose: dict[str, Any], fitroom_image: str, ports: dict[str, int]) -> list[Container]:
    """Every service of compose.yaml as a container, dependencies first."""
    services: dict[str, Any] = compose["services"]
    planned: dict[str, Container] = {}

    def plan(name: str, path: tuple[str, ...] = ()) -> None:
        assert name not in path, f"depends_on cycle through {name}"
        if name in planned:
            return
        service = services[name]
        for dependency in service.get("depends_on") or {}:
            plan(dependency, (*path, name))
        if service.get("image") == FITROOM_IMAGE:
            environment = {key: relocate(str(value), services, ports) for key, value in service["environment"].items()}
            if "FITROOM_WORKER_PORT" in environment:
                environment["FITROOM_WORKER_PORT"] = str(ports[name])
            else:
                environment["FITROOM_PORT"] = str(ports[name])
            container = Container(
                name,
                fitroom_image,
                list(service["command"]),
                {**environment, **TEST_SETTINGS},
                {dependency: rule["condition"] for dependency, rule in service["depends_on"].items()},
                stop_seconds=seconds(service["stop_grace_period"]),
            )
        else:
            container = stand_in(name, service, services, ports)
        planned[name] = container

    for name in services:
        plan(name)
    return list(planned.values())


def podman(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PODMAN, *args], capture_output=True, text=True, timeout=timeout, check=check)


@dataclass
class Build:
    """A `podman build` under way, its output in a log file."""

    tag: str
    process: subprocess.Popen[bytes]
    log: Path
    started: float

    def wait(self) -> None:
        assert self.process.wait(timeout=3600) == 0, self.log.read_text(errors="replace")[-6000:]
        print(f"[container] {self.tag} built in {time.monotonic() - self.started:.0f} s")


def build(tag: str, context: Path, log: Path, *extra: str) -> Build:
    """Start `podman build` on the host network; pip inside trusts the CA the host's pip trusts."""
    command = [*PODMAN, "build", "--network", "host", *LIMITS, "--format", "docker", "-t", tag, *extra]
    ca = os.environ.get("PIP_CERT")  # a TLS-inspecting proxy's CA, as the host's pip trusts it
    if ca:
        command += ["--volume", f"{ca}:/run/host-ca.pem:ro", "--build-arg", "PIP_CERT=/run/host-ca.pem"]
    with open(log, "wb") as sink:
        process = subprocess.Popen([*command, str(context)], stdout=sink, stderr=subprocess.STDOUT)
    return Build(tag, process, log, time.monotonic())


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """fitroom's image and the stand-in services' image, built side by side (both spend
    most of their time waiting on downloads)."""
    if shutil.which("podman") is None:
        pytest.fail("podman is needed (apt-get install podman runc): see docs/deployment-operations.md")
    logs = tmp_path_factory.mktemp("builds")
    pins = [f"--volume={ROOT / name}:/run/pins/{name}:ro" for name in ("constraints.txt", "constraints-test.txt")]
    builds = [build(SERVICES_IMAGE, ROOT / "tests" / "container", logs / "services.log", *pins)]
    fitroom = os.environ.get("FITROOM_TEST_IMAGE")
    if not fitroom:
        fitroom = "fitroom:test"
        builds.append(build(fitroom, ROOT, logs / "fitroom.log"))
    try:
        for running in builds:
            running.wait()
    finally:
        for running in builds:
            if running.process.poll() is None:
                running.process.terminate()
                running.process.wait(60)
    return fitroom, SERVICES_IMAGE


class Stack:
    """The containers of one test run, removed when it ends."""

    def __init__(self) -> None:
        self.suffix = uuid.uuid4().hex[:6]
        self.started: list[Container] = []

    def start(self, container: Container) -> str:
        container.name = f"fitroom-{container.service}-{self.suffix}"
        options = [f"--env={key}={value}" for key, value in container.environment.items()]
        if container.user:
            options.append(f"--user={container.user}")
        if container.healthcheck:
            options.append(f"--health-cmd={json.dumps(container.healthcheck)}")
        podman(
            "run",
            "--detach",
            "--name",
            container.name,
            "--network",
            "host",
            *LIMITS,
            *options,
            container.image,
            *container.command,
        )
        self.started.append(container)
        return container.name

    def logs(self, name: str) -> str:
        answer = podman("logs", name, check=False)
        return answer.stdout + answer.stderr

    def lines(self, name: str) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.logs(name).splitlines() if line.startswith("{")]

    def healthy(self, name: str) -> bool:
        return podman("healthcheck", "run", name, check=False).returncode == 0

    def state(self, name: str) -> tuple[str, int]:
        answer = podman("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", name).stdout.split()
        return answer[0], int(answer[1])

    def completed(self, name: str) -> bool:
        status, code = self.state(name)
        assert status != "exited" or code == 0, f"{name} exited {code}: {self.logs(name)[-2000:]}"
        return status == "exited"

    def remove(self) -> None:
        for container in reversed(self.started):
            podman("rm", "--force", "--time", "5", container.name, check=False)

    def left(self) -> list[str]:
        answer = podman("ps", "--all", "--format", "{{.Names}}", "--filter", f"name={self.suffix}")
        return answer.stdout.split()


def bring_up(stack: Stack, plan: list[Container]) -> Iterator[Container]:
    """Start the planned containers in order, each once its `depends_on` conditions hold
    (as compose does), yielding each as it starts."""
    by_service = {container.service: container for container in plan}
    met: set[str] = set()
    for container in plan:
        for dependency, condition in container.depends_on.items():
            if dependency in met:
                continue
            needed = by_service[dependency]
            if condition == "service_healthy":
                healthy = partial(stack.healthy, needed.name)
                wait_until(healthy, needed.healthy_within, f"{dependency} to be healthy", interval=1)
            else:
                assert condition == "service_completed_successfully", condition
                wait_until(partial(stack.completed, needed.name), 120, f"{dependency} to complete", interval=1)
            met.add(dependency)
        stack.start(container)
        yield container


def person_png() -> bytes:
    """scikit-image's astronaut photo: a real person that ships in a PyPI package."""
    out = io.BytesIO()
    Image.fromarray(data.astronaut()).save(out, "PNG")
    return out.getvalue()


def distinct_ports(names: list[str]) -> dict[str, int]:
    """A free loopback port for each name, all different."""
    ports: dict[str, int] = {}
    while len(set(ports.values())) < len(names):
        ports = {name: free_port() for name in names}
    return ports


@pytest.mark.container
def test_the_image_runs_the_stack(images: tuple[str, str]) -> None:
    started = time.monotonic()
    fitroom_image = images[0]
    compose = load_compose()
    ports = distinct_ports([name for name in compose["services"] if name != "bucket"])
    plan = plan_stack(compose, fitroom_image, ports)
    by_service = {container.service: container for container in plan}
    api = by_service["api"]
    api_url = f"http://127.0.0.1:{ports['api']}"
    stack = Stack()
    try:
        assert podman("run", "--rm", *LIMITS, fitroom_image, "--version").stdout.startswith("fitroom ")
        assert podman("run", "--rm", *LIMITS, "--entrypoint", "id", fitroom_image, "-u").stdout.strip() != "0", (
            "runs as non-root"
        )

        for container in bring_up(stack, plan):
            print(f"[container] {container.service} started at {time.monotonic() - started:.0f} s")
        workers = [container for container in plan if container.command[:1] == ["worker"]]
        assert len(workers) == 2
        for worker in workers:
            wait_until(
                lambda name=worker.name: stack.healthy(name), worker.healthy_within, f"{worker.service} healthy", 1
            )
        for container in plan:  # what runs is the plan: its command, user and settings
            config = json.loads(podman("inspect", "--format", "{{json .Config}}", container.name).stdout)
            assert config["Cmd"] == container.command, config["Cmd"]
            assert {f"{key}={value}" for key, value in container.environment.items()} <= set(config["Env"])
            assert config["User"] == (container.user or ("fitroom" if container.image == fitroom_image else ""))
        key = re.search(r"fr_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}", stack.logs(api.name))
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
        public, stored = api.environment["FITROOM_S3_PUBLIC_URL"], api.environment["FITROOM_STORAGE_URL"]
        assert link.startswith(f"{public}/{stored.removeprefix('s3://')}/jobs/"), link
        download = httpx.get(link, timeout=30)
        assert download.status_code == 200 and download.headers["content-type"] == "image/jpeg"
        assert Image.open(io.BytesIO(download.content)).size[0] > 0

        # A job with three outputs; SIGKILL the worker that claims it, mid-job.
        files = [("person_image", ("astronaut.png", person_png(), "image/png"))]
        files += [("garment_image", (f"g{i}.png", garment_photo((40 * i, 90, 160)), "image/png")) for i in range(3)]
        job_id = httpx.post(
            f"{api_url}/api/v1/generate", headers=headers, files=files, data={"swap_target": "top"}, timeout=60
        ).json()["job_id"]

        def holder() -> Container | None:
            for worker in workers:
                lines = stack.lines(worker.name)
                if any(e.get("message") == "job claimed" and e.get("job_id") == job_id for e in lines):
                    return worker
            return None

        victim = wait_until(holder, 120, "a worker to claim the job", interval=0.1)
        podman("kill", "--signal", "KILL", victim.name)
        survivor = next(worker for worker in workers if worker is not victim)

        def finished() -> dict[str, object] | None:
            status: dict[str, object] = httpx.get(f"{api_url}/api/v1/jobs/{job_id}", headers=headers, timeout=10).json()
            return status if status["status"] in ("completed", "failed") else None

        done = wait_until(finished, 240, "the job to finish on the other worker", interval=1)
        assert done["status"] == "completed" and len(done["output_urls"]) == 3, done  # type: ignore[arg-type]
        assert any(
            e.get("message") == "job finished" and e.get("job_id") == job_id and e.get("outcome") == "completed"
            for e in stack.lines(survivor.name)
        ), stack.logs(survivor.name)[-3000:]
        print(f"[container] try-on, public link and worker failover checked at {time.monotonic() - started:.0f} s")

        # Down in reverse order, as compose stops a stack: each on SIGTERM within its stop timeout.
        assert stack.state(victim.name) == ("exited", 137)
        for container in reversed(stack.started):
            if stack.state(container.name)[0] == "exited":  # the killed worker, the bucket step
                continue
            podman(
                "stop", "--time", f"{container.stop_seconds:.0f}", container.name, timeout=container.stop_seconds + 60
            )
            assert stack.state(container.name) == ("exited", 0), stack.logs(container.name)[-3000:]
        stack.remove()
        assert stack.left() == []
        print(f"[container] stack down cleanly after {time.monotonic() - started:.0f} s")
    finally:
        stack.remove()


def test_the_compose_file_is_consistent() -> None:
    """What the container test runs is compose.yaml: all its services, in its depends_on
    order, with its commands, healthchecks and settings (addresses moved to the test's
    ports); and compose.yaml itself fits fitroom (real setting names, stop timeouts)."""
    compose = load_compose()
    services = compose["services"]
    assert set(services) == {"api", "worker-1", "worker-2", "postgres", "redis", "minio", "bucket"}
    ports = {name: 20001 + n for n, name in enumerate(services)}
    plan = plan_stack(compose, FITROOM_IMAGE, ports)
    by_service = {container.service: container for container in plan}
    order = [container.service for container in plan]
    assert sorted(order) == sorted(services)
    for container in plan:
        declared = services[container.service].get("depends_on") or {}
        assert container.depends_on == {name: rule["condition"] for name, rule in declared.items()}
        assert all(order.index(name) < order.index(container.service) for name in declared)
        assert set(container.depends_on.values()) <= {"service_healthy", "service_completed_successfully"}
    assert by_service["api"].depends_on["bucket"] == "service_completed_successfully"
    assert by_service["worker-1"].depends_on["api"] == "service_healthy"  # the API migrates the schema first

    # Healthchecks: compose's own for PostgreSQL and Redis (asking the test's port), the
    # image's HEALTHCHECK for fitroom, one for the store; none for the one-shot bucket step.
    for name in ("postgres", "redis"):
        test = services[name]["healthcheck"]["test"]
        assert by_service[name].healthcheck == [test[1], "-p", str(ports[name]), *test[2:]]
    assert services["postgres"]["healthcheck"]["test"][1] == "pg_isready"
    assert services["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    assert "healthcheck" in services["minio"] and by_service["minio"].healthcheck
    assert "HEALTHCHECK" in (ROOT / "Dockerfile").read_text()
    fitroom = [container for container in plan if container.image == FITROOM_IMAGE]
    assert {container.service for container in fitroom} == {"api", "worker-1", "worker-2"}
    assert all(
        container.healthcheck is None and "healthcheck" not in services[container.service] for container in fitroom
    )
    assert "healthcheck" not in services["bucket"] and services["bucket"].get("restart") == "no"

    # fitroom's settings: compose's, addresses moved to the test's ports, plus TEST_SETTINGS.
    defaults = Settings.model_fields
    api_env = by_service["api"].environment
    assert (
        api_env["FITROOM_DATABASE_URL"] == f"postgresql+psycopg://fitroom:fitroom@127.0.0.1:{ports['postgres']}/fitroom"
    )
    assert api_env["FITROOM_REDIS_URL"] == f"redis://127.0.0.1:{ports['redis']}/0"
    assert api_env["FITROOM_S3_ENDPOINT_URL"] == f"http://127.0.0.1:{ports['minio']}"
    assert api_env["FITROOM_S3_PUBLIC_URL"] == f"http://localhost:{ports['minio']}"
    assert api_env["FITROOM_PUBLIC_URL"] == f"http://localhost:{ports['api']}"
    for container in fitroom:
        declared = services[container.service]["environment"]
        assert container.command == services[container.service]["command"]
        assert container.environment.keys() - declared.keys() <= TEST_SETTINGS.keys() | {"FITROOM_PORT"}
        for key, value in declared.items():
            if key == "FITROOM_WORKER_PORT":  # checked below: each worker's own port
                continue
            moved = container.environment[key]
            assert ADDRESS.sub("", moved) == ADDRESS.sub("", str(value)), key
            assert all(int(port) in ports.values() for port in (port for _, port in ADDRESS.findall(moved))), moved
        assert all(
            key.removeprefix("FITROOM_").lower() in defaults
            for key in container.environment
            if key.startswith("FITROOM_")
        )
        assert declared["FITROOM_S3_PUBLIC_URL"] != declared["FITROOM_S3_ENDPOINT_URL"]
        drain, shutdown = float(declared["FITROOM_DRAIN_SECONDS"]), float(declared["FITROOM_SHUTDOWN_SECONDS"])
        needed = drain + 5 if container.service == "api" else shutdown
        assert container.stop_seconds > needed, f"{container.service} is killed before it stops"
    assert services["api"]["ports"] == ["8000:8000"]
    assert services["worker-1"]["environment"]["FITROOM_WORKER_PORT"] == "9100"
    assert {by_service[name].environment["FITROOM_WORKER_PORT"] for name in ("worker-1", "worker-2")} == {
        str(ports["worker-1"]),
        str(ports["worker-2"]),
    }

    # One set of credentials and one bucket across the services that share them.
    database = re.fullmatch(
        r"postgresql\+psycopg://(\w+):(\w+)@postgres:5432/(\w+)", services["api"]["environment"]["FITROOM_DATABASE_URL"]
    )
    postgres = services["postgres"]["environment"]
    assert database and database.groups() == (
        postgres["POSTGRES_USER"],
        postgres["POSTGRES_PASSWORD"],
        postgres["POSTGRES_DB"],
    )
    minio = services["minio"]["environment"]
    bucket = by_service["bucket"].command
    assert bucket == [
        "make-bucket",
        f"http://127.0.0.1:{ports['minio']}",
        minio["MINIO_ROOT_USER"],
        minio["MINIO_ROOT_PASSWORD"],
        bucket[4],
    ]
    assert (api_env["AWS_ACCESS_KEY_ID"], api_env["AWS_SECRET_ACCESS_KEY"]) == (
        minio["MINIO_ROOT_USER"],
        minio["MINIO_ROOT_PASSWORD"],
    )
    assert api_env["FITROOM_STORAGE_URL"].removeprefix("s3://").split("/")[0] == bucket[4]


def test_an_address_outside_the_stack_is_refused() -> None:
    """The mapping fails loudly rather than leave a container pointed at the machine's own
    services (a compose address it does not know)."""
    services = load_compose()["services"]
    ports = {name: 20001 + n for n, name in enumerate(services)}
    assert relocate("redis://redis:6379/0", services, ports) == f"redis://127.0.0.1:{ports['redis']}/0"
    with pytest.raises(AssertionError, match="no address of the stack"):
        relocate("redis://cache:6379/0", services, ports)
