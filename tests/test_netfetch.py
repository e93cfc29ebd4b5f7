"""The SSRF guard: address checks, pinned connections, redirects, byte cap and total deadline.

Real HTTP servers run on 127.0.0.1 in threads; they reach the guard's allow-list only
with `allow_private=True`, or through a patch that lets the first hop through.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from fitroom import netfetch
from fitroom.netfetch import FetchError, fetch_url, is_public_address, pinned_request, resolve_public
from tests.support.servers import in_thread

BODY = b"\x89PNG\r\n\x1a\n" + bytes(500)
Respond = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: Server
    timeout = 5

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers.items())))
        self.server.client_ports.append(self.client_address[1])
        self.server.respond(self)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def send(self, status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def drip(self, pieces: Iterator[bytes], interval: float) -> None:
        """Write piece by piece until the client hangs up or the test ends."""
        for piece in pieces:
            try:
                self.wfile.write(piece)
            except OSError:
                return
            if self.server.stopping.wait(interval):
                return


class Server(ThreadingHTTPServer):
    # Handler threads are joined by server_close(), so none outlives its test.
    daemon_threads = False
    block_on_close = True

    def __init__(self, respond: Respond) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.respond = respond
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.client_ports: list[int] = []
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@contextmanager
def serving(respond: Respond) -> Iterator[Server]:
    server = Server(respond)
    with in_thread(server, server.stopping):
        yield server


def image(handler: Handler) -> None:
    handler.send(body=BODY, headers={"Content-Type": "image/png"})


def fetch(
    url: str, *, allow_private: bool = True, max_bytes: int = 10_000, timeout: float = 5, max_redirects: int = 3
) -> bytes:
    return fetch_url(
        url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private, max_redirects=max_redirects
    )


def refusal(
    url: str, *, allow_private: bool = True, max_bytes: int = 10_000, timeout: float = 5, max_redirects: int = 3
) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout, max_redirects=max_redirects)
    return caught.value


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything tries to send a request."""

    async def send(*args: object, **kwargs: object) -> httpx.Response:
        raise AssertionError("a request was sent to a refused address")

    monkeypatch.setattr(httpx.AsyncClient, "send", send)


def test_fetches_bytes_from_a_private_server_when_allowed() -> None:
    with serving(image) as server:
        assert fetch(f"{server.url}/person.png") == BODY
        [(_, headers)] = server.requests
    assert headers["User-Agent"] == "fitroom"
    assert headers["Host"] == server.url.removeprefix("http://")
    assert headers["Accept-Encoding"] == "identity"
    assert not {"Cookie", "Authorization"} & set(headers)


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "10.0.0.1", "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0", "2130706433"],
)
def test_private_hosts_are_refused_without_connecting(host: str, no_connections: None) -> None:
    error = refusal(f"http://{host}:8080/latest/meta-data/", allow_private=False)
    assert error.code == "invalid_request"


def test_a_live_loopback_server_is_never_reached_without_opt_in() -> None:
    with serving(image) as server:
        for url in (server.url, server.url.replace("127.0.0.1", "localhost")):
            assert refusal(f"{url}/x.png", allow_private=False).code == "invalid_request"
        assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_FLUSHALL",
        "ftp://example.com/a.png",
        "dict://127.0.0.1:11211/stat",
        "//example.com/a.png",
        "http:///a.png",
        "http://user:secret@example.com/a.png",
    ],
)
def test_other_schemes_credentials_and_hostless_urls_are_refused(url: str, no_connections: None) -> None:
    assert refusal(url).code == "invalid_request"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.1",
        "::",
        "::1",
        "fe80::1",
        "fc00::1",
        "fec0::1",
        "ff0e::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::7f00:1",
        "2002:7f00:1::",
        "64:ff9b::a00:1",
        "2001:db8::1",
    ],
)
def test_non_public_addresses(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses(address: str) -> None:
    assert is_public_address(address)


def fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Answer for the given names (and record the lookups); pass everything else to the real resolver."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> Sequence[tuple[object, ...]]:
        if host not in answers:
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in answers[host]]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def test_one_private_address_among_public_ones_is_enough_to_refuse(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"mixed.example": ["93.184.215.14", "10.0.0.7"], "public.example": ["93.184.215.14"]})
    with pytest.raises(FetchError) as caught:
        resolve_public("mixed.example", 443, allow_private=False)
    assert caught.value.code == "invalid_request"
    assert resolve_public("public.example", 443, allow_private=False) == ["93.184.215.14"]
    assert resolve_public("mixed.example", 443, allow_private=True) == ["93.184.215.14", "10.0.0.7"]


def test_pinned_request_targets_the_checked_address_and_keeps_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"images.example": ["93.184.215.14"]})
    request = pinned_request("GET", "https://images.example/a b.png?size=2#top", allow_private=False)
    assert str(request.url) == "https://93.184.215.14/a%20b.png?size=2#top"
    assert request.headers["Host"] == "images.example"
    assert request.extensions["sni_hostname"] == "images.example"

    post = pinned_request("POST", "http://images.example:8080/hook", allow_private=False, content=b"{}")
    assert str(post.url) == "http://93.184.215.14:8080/hook"
    assert post.headers["Host"] == "images.example:8080"
    assert "sni_hostname" not in post.extensions
    assert post.content == b"{}"


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: a second lookup would answer differently, so there must not be one."""
    with serving(image) as server:
        port = server.server_address[1]
        lookups = fake_dns(monkeypatch, {"rebind.example": ["127.0.0.1"]})
        assert fetch(f"http://rebind.example:{port}/a.png") == BODY
    assert lookups == ["rebind.example"]
    assert server.requests[0][1]["Host"] == f"rebind.example:{port}"


def redirect_to(location: str) -> Respond:
    def respond(handler: Handler) -> None:
        if handler.path == "/start":
            handler.send(302, headers={"Location": location, "Set-Cookie": "session=secret"})
        else:
            image(handler)

    return respond


def test_redirects_are_followed_relative_to_the_original_name(monkeypatch: pytest.MonkeyPatch) -> None:
    with serving(redirect_to("/final.png")) as server:
        port = server.server_address[1]
        fake_dns(monkeypatch, {"cdn.example": ["127.0.0.1"]})
        assert fetch(f"http://cdn.example:{port}/start") == BODY
    assert server.paths == ["/start", "/final.png"]
    final_headers = server.requests[1][1]
    assert final_headers["Host"] == f"cdn.example:{port}"
    assert "Cookie" not in final_headers


def test_every_hop_opens_its_own_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two names on one address must not share a connection: each hop is checked (and its TLS name verified) alone."""
    monkeypatch.setattr(Handler, "protocol_version", "HTTP/1.1")  # a server that would keep connections open
    with serving(image) as server:
        port = server.server_address[1]
        fake_dns(monkeypatch, {"a.example": ["127.0.0.1"], "b.example": ["127.0.0.1"]})
        server.respond = redirect_to(f"http://b.example:{port}/final.png")
        assert fetch(f"http://a.example:{port}/start") == BODY
    assert [headers["Host"] for _, headers in server.requests] == [f"a.example:{port}", f"b.example:{port}"]
    assert len(set(server.client_ports)) == 2


def test_redirect_to_another_server_is_followed() -> None:
    with serving(image) as target, serving(redirect_to(f"{target.url}/moved.png")) as origin:
        assert fetch(f"{origin.url}/start") == BODY
    assert (origin.paths, target.paths) == (["/start"], ["/moved.png"])


def first_hop_allowed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, bool]]:
    """Let the first hop reach the loopback test server; every later hop is checked for real."""
    real = netfetch.resolve_public
    checks: list[tuple[str, int, bool]] = []

    def resolve(host: str, port: int, *, allow_private: bool) -> list[str]:
        checks.append((host, port, allow_private))
        return real(host, port, allow_private=allow_private or len(checks) == 1)

    monkeypatch.setattr(netfetch, "resolve_public", resolve)
    return checks


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/",
        "http://localhost:6379/",
        "file:///etc/passwd",
    ],
)
def test_every_redirect_hop_is_checked_again(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = first_hop_allowed(monkeypatch)
    with serving(redirect_to(location)) as server:
        assert refusal(f"{server.url}/start", allow_private=False).code == "invalid_request"
    assert server.paths == ["/start"]
    assert checks[0] == ("127.0.0.1", server.server_address[1], False)
    assert len(checks) == (1 if location.startswith("file:") else 2)


def test_too_many_redirects_are_refused() -> None:
    with serving(lambda handler: handler.send(301, headers={"Location": "/again"})) as server:
        error = refusal(f"{server.url}/start", max_redirects=2)
    assert error.code == "image_load_error" and "redirects" in error.message
    assert len(server.requests) == 3


def test_not_found_is_a_load_error_naming_the_status() -> None:
    with serving(lambda handler: handler.send(404, b"no such image")) as server:
        error = refusal(f"{server.url}/missing.png")
    assert error.code == "image_load_error" and "404" in error.message


def test_closed_port_is_a_load_error() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert refusal(f"http://127.0.0.1:{port}/a.png").code == "image_load_error"


def test_compressed_bodies_are_refused() -> None:
    gzipped = b"\x1f\x8b" + bytes(30)
    with serving(lambda handler: handler.send(body=gzipped, headers={"Content-Encoding": "gzip"})) as server:
        assert refusal(f"{server.url}/a.png").code == "image_load_error"


def test_body_at_the_cap_is_accepted() -> None:
    with serving(image) as server:
        assert fetch(f"{server.url}/a.png", max_bytes=len(BODY)) == BODY


def test_declared_length_over_the_cap_is_refused_before_the_body_arrives() -> None:
    def respond(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "50000000")
        handler.end_headers()
        handler.drip(iter([b"x"] * 40), 0.5)

    with serving(respond) as server:
        error = refusal(f"{server.url}/big.png", max_bytes=1000, timeout=3)
    assert error.code == "file_too_large"


def stream_without_length(total_chunks: int, chunk: bytes, interval: float = 0) -> Respond:
    """An HTTP/1.0 body without Content-Length: it ends when the server closes the connection."""

    def respond(handler: Handler) -> None:
        handler.send_response(200)
        handler.end_headers()
        handler.drip(iter([chunk] * total_chunks), interval)

    return respond


def test_undeclared_body_over_the_cap_is_cut_off() -> None:
    with serving(stream_without_length(total_chunks=1000, chunk=bytes(1000), interval=0.01)) as server:
        error = refusal(f"{server.url}/endless.png", max_bytes=5000)
    assert error.code == "file_too_large"


def test_undeclared_body_within_the_cap_is_read_to_the_end() -> None:
    with serving(stream_without_length(total_chunks=4, chunk=b"abcd")) as server:
        assert fetch(f"{server.url}/small.png") == b"abcd" * 4


def test_slow_loris_body_is_cut_off_at_the_total_deadline() -> None:
    """Each byte comes well within any per-read timeout; only a deadline for the whole fetch stops it."""
    with serving(stream_without_length(total_chunks=40, chunk=b"x", interval=0.5)) as server:
        started = time.monotonic()
        error = refusal(f"{server.url}/slow.png", timeout=1)
        elapsed = time.monotonic() - started
    assert error.code == "image_load_error"
    assert elapsed < 5


def test_slow_loris_headers_are_cut_off_at_the_total_deadline() -> None:
    def respond(handler: Handler) -> None:
        handler.wfile.write(b"HTTP/1.0 200 OK\r\n")
        handler.drip(iter([b"X"] * 40), 0.5)

    with serving(respond) as server:
        started = time.monotonic()
        error = refusal(f"{server.url}/slow.png", timeout=1)
        elapsed = time.monotonic() - started
    assert error.code == "image_load_error"
    assert elapsed < 5
