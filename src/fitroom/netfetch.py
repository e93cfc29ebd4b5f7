"""Outbound HTTP guarded against SSRF: public addresses only, pinned after the check, capped.

A URL's host is resolved once, every address is checked, and the connection goes to
the checked address itself (the original name is kept in `Host` and in TLS SNI), so a
DNS answer that changes between check and connect cannot redirect the request to an
internal service. Redirects are followed by hand and each hop is checked again.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

USER_AGENT = "fitroom"


class FetchError(Exception):
    """A refused or failed outbound request; `code` is the API error code to report."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def is_public(address: str) -> bool:
    """Whether an IP address is globally routable (IPv4-mapped IPv6 judged as IPv4)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve_public(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The host's addresses; FetchError if any is private, loopback, link-local or reserved."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("invalid_request", f"the host {host!r} cannot be resolved") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError("invalid_request", f"the host {host!r} has no address")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise FetchError("invalid_request", f"the host {host!r} is not a public address")
    return addresses


def pinned_request(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    allow_private: bool,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Request:
    """Build a request for `url` that connects to a checked address of its host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("invalid_request", "only http and https URLs are allowed")
    if parts.username or parts.password:
        raise FetchError("invalid_request", "URLs with credentials are not allowed")
    host = parts.hostname
    if not host:
        raise FetchError("invalid_request", "the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError("invalid_request", "the URL has an invalid port") from exc
    address = resolve_public(host, port, allow_private=allow_private)[0]
    literal = f"[{address}]" if ":" in address else address
    target = urlunsplit((parts.scheme, f"{literal}:{port}", parts.path or "/", parts.query, ""))
    host_header = host if parts.port is None else f"{host}:{parts.port}"
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return client.build_request(
        method,
        target,
        content=content,
        headers={"Host": host_header, "User-Agent": USER_AGENT, **(headers or {})},
        extensions=extensions,
    )


def fetch_url(url: str, *, max_bytes: int, timeout: float, allow_private: bool, max_redirects: int = 3) -> bytes:
    """GET `url` through the guard: at most `max_bytes`, `timeout` seconds in all."""
    deadline = time.monotonic() + timeout
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False) as client:
        for _ in range(max_redirects + 1):
            request = pinned_request(client, "GET", url, allow_private=allow_private)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise FetchError("image_load_error", "the server did not answer in time") from exc
            except httpx.HTTPError as exc:
                raise FetchError("image_load_error", f"the request failed ({type(exc).__name__})") from exc
            try:
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if not response.is_success:
                    raise FetchError("image_load_error", f"the server answered HTTP {response.status_code}")
                return _read_capped(response, max_bytes, deadline)
            finally:
                response.close()
    raise FetchError("invalid_request", f"more than {max_redirects} redirects")


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError("file_too_large", f"the image is larger than {max_bytes} bytes")
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > max_bytes:
                raise FetchError("file_too_large", f"the image is larger than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchError("image_load_error", "the download took too long")
    except httpx.TimeoutException as exc:
        raise FetchError("image_load_error", "the server stopped sending") from exc
    except httpx.HTTPError as exc:
        raise FetchError("image_load_error", f"the download failed ({type(exc).__name__})") from exc
    return bytes(body)
