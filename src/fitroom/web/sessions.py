"""Dashboard sessions: a signed cookie holding the session id, the signed-in account and its CSRF token.

The cookie is signed (HMAC-SHA256 with a key derived from the service's secret), not
encrypted: it holds nothing secret but the CSRF token, which the page shows anyway. A
session is bound to the account's password hash by a short fingerprint, so changing a
password ends every session of that account. Sign-in always starts a new session id
and CSRF token, so a session planted before sign-in is worthless after it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session as DbSession
from starlette.requests import HTTPConnection
from starlette.responses import Response

from fitroom.db.models import Account
from fitroom.settings import Settings

COOKIE = "fitroom_session"
#: A signed-in session ends this long after sign-in, whatever the activity.
MAX_AGE_SECONDS = 12 * 3600
CSRF_HEADER = "x-csrf-token"


@dataclass
class WebSession:
    """What the cookie carries; `dirty` when it must be written back on the response."""

    sid: str
    csrf: str
    issued_at: int
    account_id: str | None = None
    auth_version: str | None = None
    flash: dict[str, str] | None = None
    dirty: bool = field(default=False, compare=False)

    @classmethod
    def new(cls) -> WebSession:
        return cls(
            sid=secrets.token_urlsafe(16), csrf=secrets.token_urlsafe(32), issued_at=int(time.time()), dirty=True
        )

    def set_flash(self, kind: str, message: str) -> None:
        self.flash = {"kind": kind, "message": message}
        self.dirty = True

    def pop_flash(self) -> dict[str, str] | None:
        flash, self.flash = self.flash, None
        if flash is not None:
            self.dirty = True
        return flash


def _signing_key(settings: Settings) -> bytes:
    """A key for sessions only, so a session signature can never pass as a file-URL signature."""
    return hmac.new(settings.resolved_secret_key, b"fitroom dashboard session v1", hashlib.sha256).digest()


def auth_version(account: Account) -> str:
    """Fingerprint of the password hash: a new password invalidates older sessions."""
    return hashlib.sha256((account.password_hash or "").encode()).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(session: WebSession, settings: Settings) -> str:
    payload: dict[str, Any] = {"sid": session.sid, "csrf": session.csrf, "iat": session.issued_at}
    if session.account_id:
        payload["uid"] = session.account_id
        payload["av"] = session.auth_version
    if session.flash:
        payload["flash"] = session.flash
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    signature = _b64(hmac.new(_signing_key(settings), body.encode(), hashlib.sha256).digest())
    return f"{body}.{signature}"


def decode(value: str, settings: Settings) -> WebSession | None:
    """The session in a cookie value, or None if it is forged, malformed or too old."""
    body, _, signature = value.partition(".")
    expected = _b64(hmac.new(_signing_key(settings), body.encode(), hashlib.sha256).digest())
    if not signature or not hmac.compare_digest(signature, expected):
        return None
    try:
        payload = json.loads(_unb64(body))
        session = WebSession(
            sid=str(payload["sid"]),
            csrf=str(payload["csrf"]),
            issued_at=int(payload["iat"]),
            account_id=payload.get("uid"),
            auth_version=payload.get("av"),
            flash=payload.get("flash"),
        )
    except (ValueError, KeyError, TypeError):
        return None
    if time.time() - session.issued_at > MAX_AGE_SECONDS:
        return None
    return session


def read(connection: HTTPConnection, settings: Settings) -> WebSession | None:
    value = connection.cookies.get(COOKIE)
    return decode(value, settings) if value else None


def _secure(settings: Settings) -> bool:
    return settings.base_url.startswith("https://")


def write(response: Response, session: WebSession, settings: Settings) -> None:
    response.set_cookie(
        COOKIE,
        encode(session, settings),
        max_age=MAX_AGE_SECONDS,
        httponly=True,
        samesite="lax",
        secure=_secure(settings),
        path="/",
    )


def csrf_ok(session: WebSession | None, submitted: str | None) -> bool:
    """Whether a POST carries the session's CSRF token (form field or X-CSRF-Token header)."""
    return bool(session and submitted and hmac.compare_digest(session.csrf.encode(), submitted.encode()))


def signed_in(session: WebSession | None, account: Account | None) -> bool:
    """Whether `session` still speaks for `account` (same account, same password, not disabled)."""
    return bool(
        session
        and account
        and account.disabled_at is None
        and session.account_id == account.id
        and session.auth_version is not None
        and hmac.compare_digest(session.auth_version, auth_version(account))
    )


def account_of(db: DbSession, session: WebSession | None) -> Account | None:
    """The account a session is signed in as, or None (signed out, account gone, password changed)."""
    if session is None or session.account_id is None:
        return None
    account = db.get(Account, session.account_id)
    return account if account is not None and signed_in(session, account) else None
