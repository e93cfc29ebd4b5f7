"""fitroom's own signed download links: `<public URL>/files/<key>?expires=…&signature=…`.

The signature is an HMAC over the key and the expiry time, so a link cannot be altered to
reach another file or to live longer. Used for local files, and for S3 buckets that stay
private (`FITROOM_S3_PRESIGN=false`), where the API reads the object and streams it.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import quote, urlencode

from fitroom.storage.keys import check_key


def _signature(secret: bytes, key: str, expires: int) -> str:
    return hmac.new(secret, f"{key}\n{expires}".encode(), hashlib.sha256).hexdigest()


class LinkSigner:
    """Makes and checks `/files` links with one secret, shared by every API and worker process."""

    def __init__(self, public_url: str, secret: bytes) -> None:
        self.public_url = public_url.rstrip("/")
        self.secret = secret

    def url(self, key: str, ttl_seconds: int) -> str:
        expires = int(time.time()) + ttl_seconds
        query = urlencode({"expires": expires, "signature": _signature(self.secret, check_key(key), expires)})
        return f"{self.public_url}/files/{quote(key)}?{query}"

    def verify(self, key: str, expires: int, signature: str) -> bool:
        """Whether a `/files` request carries a valid, unexpired signature for `key`."""
        try:
            check_key(key)
        except ValueError:
            return False
        if expires < time.time():
            return False
        # As bytes: compare_digest refuses str with non-ASCII characters, and the signature is the client's.
        return hmac.compare_digest(_signature(self.secret, key, expires).encode(), signature.encode())
