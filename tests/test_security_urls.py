"""URL inputs and webhooks against hostile servers, end to end through the API.

`test_netfetch.py` proves the SSRF guard function by function; here the same attacks go
through the dialects that take URLs (VirtuFit's `*_url` fields, FASHN's image URLs) and
through webhook delivery, and every refusal is checked to happen before any connection:
a canary server on 127.0.0.1 counts what reaches it. Servers that must look public listen
on 127.0.0.2, which the tests let through the guard by name; nothing leaves the machine.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from fitroom import netfetch
from tests.support.app import Customer, running_app
from tests.support.images import garment_photo, person_photo
from tests.support.servers import in_thread
from tests.support.waiting import wait_until

PUBLIC_LOOKALIKE = "127.0.0.2"
MB = 1024 * 1024


def loopback_in_flight() -> int:
    """The most bytes the kernel may hold for one loopback connection, sent by the server but
    never read by the fetch: the sender's and the receiver's TCP buffer maxima. A loaded
    machine lets the receiver's buffer grow toward its maximum while the fetch reads slowly."""
    return sum(int(Path(f"/proc/sys/net/ipv4/{name}").read_text().split()[2]) for name in ("tcp_wmem", "tcp_rmem"))


FETCH_TIMEOUT = 2.0
PHOTOS = [
    ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
    ("garment_image", ("g.png", garment_photo(), "image/png")),
]
Respond = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: Origin
    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        self.server.respond(self)

    def do_POST(self) -> None:
        self.server.hits.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.respond(self)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def drip(self, piece: bytes, interval: float) -> int:
        """Write `piece` again and again until the client hangs up or the test ends; bytes written."""
        written = 0
        while not self.server.stopping.is_set():
            try:
                self.wfile.write(piece)
                self.wfile.flush()
            except OSError:
                break
            written += len(piece)
            self.server.sent = written
            if interval:
                self.server.stopping.wait(interval)
        return written


class Origin(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

    def __init__(self, host: str, respond: Respond) -> None:
        super().__init__((host, 0), Handler)
        self.respond = respond
        self.hits: list[str] = []
        self.sent = 0
        self.stopping = threading.Event()

    def url(self, path: str = "/image.jpg", host: str | None = None) -> str:
        return f"http://{host or self.server_address[0]}:{self.server_address[1]}{path}"


@contextmanager
def origin(respond: Respond, host: str = "127.0.0.1") -> Iterator[Origin]:
    server = Origin(host, respond)
    with in_thread(server, server.stopping):
        yield server


def image(handler: Handler) -> None:
    body = person_photo()
    handler.send_response(200)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def redirect_to(location: str) -> Respond:
    def respond(handler: Handler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return respond


def sqlite_url(directory: Path) -> str:
    """Fetching and delivering do not depend on the database: these tests run on SQLite only."""
    return f"sqlite:///{directory / 'fitroom.db'}"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Customer]]:
    """One app (API only) for every URL-input case."""
    directory = tmp_path_factory.mktemp("urls")
    with running_app(directory, sqlite_url(directory), url_fetch_timeout=FETCH_TIMEOUT, workers=0) as app:
        yield app


@pytest.fixture
def lookalike(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let 127.0.0.2 through the guard as if it were a public address (only it)."""
    real = netfetch.is_public_address
    monkeypatch.setattr(netfetch, "is_public_address", lambda address: address == PUBLIC_LOOKALIKE or real(address))


@pytest.fixture
def canary() -> Iterator[Origin]:
    """A loopback server that must never be reached."""
    with origin(image) as server:
        yield server


def fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, str]) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (answers[host], int(port or 80)))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def by_url(client: TestClient, customer: Customer, dialect: str, url: str) -> tuple[int, dict[str, Any]]:
    """Submit a try-on whose person photo is `url`; the answer's status and error detail."""
    if dialect == "virtufit":
        files = [("garment_image", ("g.png", garment_photo(), "image/png"))]
        answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data={"person_image_url": url})
        return answer.status_code, answer.json().get("error") or answer.json()
    inputs = {"model_image": url, "garment_image": "data:image/png;base64,iVBORw0KGgo=", "category": "tops"}
    body = {"model_name": "tryon-v1.6", "inputs": inputs}
    answer = client.post("/v1/run", headers={"Authorization": f"Bearer {customer.key}"}, json=body)
    return answer.status_code, answer.json()


DIALECTS = ["virtufit", "fashn"]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/shadow",
        "gopher://127.0.0.1:{port}/_GET%20/",
        "ftp://127.0.0.1:{port}/x.jpg",
        "dict://127.0.0.1:{port}/info",
        "http://127.0.0.1:{port}/image.jpg",
        "http://localhost:{port}/image.jpg",
        "http://127.1:{port}/image.jpg",
        "http://2130706433:{port}/image.jpg",
        "http://0x7f000001:{port}/image.jpg",
        "http://0.0.0.0:{port}/image.jpg",
        "http://[::1]:{port}/image.jpg",
        "http://[::ffff:127.0.0.1]:{port}/image.jpg",
        "http://10.0.0.1/image.jpg",
        "http://172.16.0.1/image.jpg",
        "http://192.168.0.1/image.jpg",
        "http://100.64.0.1/image.jpg",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://user:password@127.0.0.1:{port}/image.jpg",
    ],
)
def test_refused_urls_never_reach_anything(
    app: tuple[TestClient, Customer], canary: Origin, dialect: str, url: str
) -> None:
    client, customer = app
    status, error = by_url(client, customer, dialect, url.format(port=canary.server_address[1]))
    assert status == 400 and error["code"] == "invalid_request", error
    assert canary.hits == []


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("address", ["127.0.0.1", "10.20.30.40", "169.254.169.254", "192.168.1.10"])
def test_a_public_looking_name_that_resolves_to_a_private_address_is_refused(
    app: tuple[TestClient, Customer], canary: Origin, monkeypatch: pytest.MonkeyPatch, dialect: str, address: str
) -> None:
    client, customer = app
    fake_dns(monkeypatch, {"images.shop.example": address})
    url = f"http://images.shop.example:{canary.server_address[1]}/image.jpg"
    status, error = by_url(client, customer, dialect, url)
    assert status == 400 and "not a public address" in error["message"], error
    assert canary.hits == []


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:{port}/image.jpg",
        "http://localhost:{port}/image.jpg",
        "http://169.254.169.254/latest/meta-data/",
        "http://internal.example:{port}/image.jpg",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{port}/_x",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(
    app: tuple[TestClient, Customer],
    canary: Origin,
    lookalike: None,
    monkeypatch: pytest.MonkeyPatch,
    dialect: str,
    location: str,
) -> None:
    client, customer = app
    fake_dns(monkeypatch, {"internal.example": "127.0.0.1"})
    with origin(redirect_to(location.format(port=canary.server_address[1])), PUBLIC_LOOKALIKE) as public:
        status, error = by_url(client, customer, dialect, public.url("/start.jpg"))
        assert public.hits == ["/start.jpg"], "the public server is asked once, the redirect not followed"
    assert status == 400 and error["code"] == "invalid_request", error
    assert canary.hits == []


def test_the_lookalike_server_is_reachable_so_the_refusals_above_mean_something(
    app: tuple[TestClient, Customer], lookalike: None
) -> None:
    client, customer = app
    with origin(image, PUBLIC_LOOKALIKE) as public:
        status, body = by_url(client, customer, "virtufit", public.url())
        assert status == 202, body
        status, body = by_url(client, customer, "fashn", public.url())
        assert public.hits == ["/image.jpg", "/image.jpg"]
    assert status == 422 and "garment_image" in body["message"], body  # the person came through; the garment is junk


def slow_loris_body(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.end_headers()
    handler.drip(b"\xff", 0.2)


def slow_loris_headers(handler: Handler) -> None:
    handler.wfile.write(b"HTTP/1.0 200 OK\r\n")
    handler.drip(b"X", 0.2)


def endless_body(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.end_headers()
    handler.drip(bytes(64 * 1024), 0)


def fifty_mb_declared(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.send_header("Content-Length", str(50 * MB))
    handler.end_headers()
    handler.drip(bytes(64 * 1024), 0)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    ("respond", "status", "cut_off_by"),
    [
        (slow_loris_body, 400, "time"),
        (slow_loris_headers, 400, "time"),
        (endless_body, 413, "size"),
        (fifty_mb_declared, 413, "size"),
    ],
    ids=["slow-loris-body", "slow-loris-headers", "endless-body", "50MB-image"],
)
def test_hostile_servers_are_cut_off_within_the_caps(
    app: tuple[TestClient, Customer], lookalike: None, dialect: str, respond: Respond, status: int, cut_off_by: str
) -> None:
    client, customer = app
    cap = client.app.state.ctx.settings.max_upload_bytes  # type: ignore[attr-defined]
    with origin(respond, PUBLIC_LOOKALIKE) as server:
        started = time.monotonic()
        answer_status, error = by_url(client, customer, dialect, server.url())
        elapsed = time.monotonic() - started
        sent = server.sent
    assert answer_status == status, error
    assert elapsed < FETCH_TIMEOUT + 3, f"took {elapsed:.1f} s"
    if cut_off_by == "size":
        assert sent <= cap + loopback_in_flight(), f"the server got {sent / MB:.1f} MB out before the fetch hung up"
    else:
        assert f"{FETCH_TIMEOUT:g} s" in error["message"]


# --- webhooks ------------------------------------------------------------------------------


@contextmanager
def hook_app(tmp_path: Path, **overrides: Any) -> Iterator[tuple[TestClient, Customer]]:
    """An app whose webhooks get one attempt of at most 1 s."""
    values = {"webhook_retry_seconds": [], "webhook_timeout_seconds": 1.0, **overrides}
    with running_app(tmp_path, sqlite_url(tmp_path), **values) as app:
        yield app


def hooked_job(client: TestClient, customer: Customer, url: str) -> dict[str, Any]:
    """A job with `url` as its webhook, once the webhook's delivery has settled."""
    files = PHOTOS
    fields = {"webhook_url": url, "webhook_secret": "k"}
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data=fields)
    assert answer.status_code == 202, answer.text
    job_id = answer.json()["job_id"]

    def settled() -> dict[str, Any] | None:
        hook = client.get(f"/api/v1/jobs/{job_id}", headers=customer.headers).json()["webhook"]
        return hook if hook["status"] in ("delivered", "failed") else None

    return wait_until(settled, 30, "the webhook to settle", 0.05)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "url",
    [
        "file:///tmp/hook",
        "gopher://127.0.0.1/_x",
        "ftp://example.com/hook",
        "http://hooks.example/hook",
        "https://",
        "javascript:alert(1)",
    ],
)
def test_webhook_urls_that_are_not_https_are_refused_at_once(app: tuple[TestClient, Customer], url: str) -> None:
    client, customer = app
    files = PHOTOS
    answer = client.post("/api/v1/generate", headers=customer.headers, files=files, data={"webhook_url": url})
    assert answer.status_code == 400 and answer.json()["error"]["field"] == "webhook_url", answer.text
    fashn = client.post(
        "/v1/run",
        params={"webhook_url": url},
        headers={"Authorization": f"Bearer {customer.key}"},
        json={"model_name": "tryon-v1.6", "inputs": {"model_image": "data:,x", "garment_image": "data:,x"}},
    )
    assert fashn.status_code == 400 and fashn.json()["field"] == "webhook_url", fashn.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "internal.example"])
def test_https_webhooks_to_private_addresses_are_refused_before_connecting(
    tmp_path: Path, canary: Origin, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    fake_dns(monkeypatch, {"internal.example": "127.0.0.1"})
    with hook_app(tmp_path) as (client, customer):
        hook = hooked_job(client, customer, f"https://{host}:{canary.server_address[1]}/hook")
    assert hook["status"] == "failed" and "not a public address" in hook["last_error"], hook
    assert canary.hits == []


def silent(handler: Handler) -> None:
    """Take the request, never answer."""
    handler.server.stopping.wait(30)


def endless_answer(handler: Handler) -> None:
    handler.send_response(200)
    handler.end_headers()
    handler.drip(bytes(64 * 1024), 0)


@pytest.mark.parametrize(
    ("respond", "delivered"), [(silent, False), (slow_loris_headers, False), (endless_answer, True)]
)
def test_webhook_receivers_that_stall_or_flood_are_cut_off(tmp_path: Path, respond: Respond, delivered: bool) -> None:
    """One attempt takes at most `webhook_timeout_seconds`; an answer's body is never read."""
    with origin(respond) as receiver, hook_app(tmp_path, allow_http_webhooks_to_loopback=True) as (client, customer):
        started = time.monotonic()
        hook = hooked_job(client, customer, receiver.url("/hook"))
        elapsed = time.monotonic() - started
        sent = receiver.sent
    assert hook["attempts"] == 1
    assert hook["status"] == ("delivered" if delivered else "failed"), hook
    if not delivered:
        assert "no answer within 1 s" in hook["last_error"]
    assert elapsed < 10
    assert sent < 16 * MB
