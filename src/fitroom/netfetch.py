"""Outbound HTTP with an SSRF guard: public addresses only, pinned after the check, capped.

A URL's host is resolved once and every address it resolves to is checked; the request
then goes to the checked address itself (the original name stays in `Host` and in the
TLS server name), so a DNS answer that changes between check and connect (rebinding)
cannot point the request at an internal service. Redirects are followed by hand, and
every hop is checked again.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Coroutine, Mapping
from contextlib import aclosing

import httpx

USER_AGENT = "fitroom"

_DEFAULT_PORTS = {"http": 80, "https": 443}
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Identity encoding keeps the byte cap honest: a compressed body could inflate far past it.
_FETCH_HEADERS = {"Accept": "image/*", "Accept-Encoding": "identity"}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(Exception):
    """A refused or failed outbound request; `code` is the API error code to report."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def is_public_address(address: str) -> bool:
    """Whether a connection to `address` can only reach the public internet.

    `is_global` alone lets multicast and some reserved IPv6 ranges through, and IPv6
    addresses that carry an IPv4 address (mapped, 6to4, NAT64) must be judged by that.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return is_public_address(str(embedded))
        if ip.is_site_local:
            return False
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def resolve_public(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The host's addresses; refused if any is not public, since the connection may use any."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError("image_load_error", f"the host {host!r} cannot be resolved") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private and not all(is_public_address(address) for address in addresses):
        raise FetchError("invalid_request", f"the host {host!r} is not a public address")
    return addresses


def pinned_request(
    method: str,
    url: str | httpx.URL,
    *,
    allow_private: bool,
    headers: Mapping[str, str] | None = None,
    content: bytes | None = None,
) -> httpx.Request:
    """A request for `url` whose connection goes to the checked address of its host.

    Send it with a client that has `trust_env=False` (a proxy would undo the pinning) and
    does not follow redirects (each hop needs its own check).
    """
    target = _checked_url(url)
    host = target.raw_host.decode("ascii")
    address = resolve_public(host, target.port or _DEFAULT_PORTS[target.scheme], allow_private=allow_private)[0]
    extensions = {"sni_hostname": host} if target.scheme == "https" else {}
    try:
        pinned = target.copy_with(host=address)
    except httpx.InvalidURL as exc:
        raise FetchError("invalid_request", f"the address of {host!r} cannot be used") from exc
    return httpx.Request(
        method,
        pinned,
        headers={"User-Agent": USER_AGENT, **(headers or {}), "Host": target.netloc.decode("ascii")},
        content=content,
        extensions=extensions,
    )


def fetch_url(url: str, *, max_bytes: int, timeout: float, allow_private: bool, max_redirects: int = 3) -> bytes:
    """GET `url` through the guard: at most `max_bytes` of body and `timeout` seconds in all.

    httpx's timeouts bound each network operation, so a server dripping a byte at a time
    could hold a fetch open for hours; one asyncio deadline over the whole fetch cannot be
    outrun that way. Call it from a thread without a running event loop (a threadpool).
    """
    fetch = _follow(url, max_bytes=max_bytes, allow_private=allow_private, max_redirects=max_redirects)
    return asyncio.run(_within(fetch, timeout))


async def _within(fetch: Coroutine[None, None, bytes], timeout: float) -> bytes:
    try:
        async with asyncio.timeout(timeout):
            return await fetch
    except TimeoutError as exc:
        raise FetchError("image_load_error", f"no complete answer within {timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise FetchError("image_load_error", f"the request failed ({type(exc).__name__})") from exc


async def _follow(url: str, *, max_bytes: int, allow_private: bool, max_redirects: int) -> bytes:
    """Follow redirects by hand, resolving and checking every hop before connecting to it.

    DNS lookups block this fetch's own event loop, which serves nothing else.
    """
    current = _checked_url(url)
    async with guarded_client() as client:
        for _ in range(max_redirects + 1):
            request = pinned_request("GET", current, allow_private=allow_private, headers=_FETCH_HEADERS)
            async with aclosing(await client.send(request, stream=True)) as response:
                location = response.headers.get("location")
                if response.status_code not in _REDIRECT_STATUSES or location is None:
                    return await _read_body(response, max_bytes)
            current = _join(current, location)
    raise FetchError("image_load_error", f"more than {max_redirects} redirects")


def guarded_client(*, verify: ssl.SSLContext | bool = True) -> httpx.AsyncClient:
    """The client for `pinned_request`s: no proxies, .netrc or redirects, no keep-alive.

    Without keep-alive every request opens its own connection, to its own checked address
    and with its own TLS name, even when two hosts share an address. There are no
    per-operation timeouts: the caller's deadline over the whole exchange is the only clock.
    `verify` is httpx's: True for certifi's CAs, or an SSL context with the caller's own.
    """
    return httpx.AsyncClient(
        trust_env=False,
        follow_redirects=False,
        timeout=None,
        limits=httpx.Limits(max_keepalive_connections=0),
        verify=verify,
    )


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """Stream the body, stopping as soon as it is over the cap."""
    if not response.is_success:
        raise FetchError("image_load_error", f"the server answered HTTP {response.status_code}")
    if response.headers.get("content-encoding", "identity").strip().lower() not in ("", "identity"):
        raise FetchError("image_load_error", "the server sent a compressed body, which is not accepted")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(max_bytes)
    body = bytearray()
    async for chunk in response.aiter_raw():
        body += chunk
        if len(body) > max_bytes:
            raise _too_large(max_bytes)
    return bytes(body)


def _checked_url(url: str | httpx.URL) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchError("invalid_request", f"the URL is invalid: {exc}") from exc
    if target.scheme not in _DEFAULT_PORTS:
        raise FetchError("invalid_request", "only http and https URLs can be fetched")
    if target.userinfo:
        raise FetchError("invalid_request", "URLs with credentials are not allowed")
    if not target.raw_host:
        raise FetchError("invalid_request", "the URL has no host")
    return target


def _join(base: httpx.URL, location: str) -> httpx.URL:
    """Resolve a redirect against the URL as the client wrote it, not its pinned form."""
    try:
        return base.join(location)
    except httpx.InvalidURL as exc:
        raise FetchError("invalid_request", "the redirect location is not a valid URL") from exc


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
    return ip.ipv4_mapped or ip.sixtofour


def _too_large(max_bytes: int) -> FetchError:
    return FetchError("file_too_large", f"the image is larger than {max_bytes:,} bytes")
