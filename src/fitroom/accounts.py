"""Accounts, passwords and API keys.

API keys look like `fr_<prefix>_<secret>`; publishable keys, safe to put in a shop's web
page, `frpk_<prefix>_<secret>`: they can only make try-ons and read the jobs they made
(never keys, credits or other jobs), at their own rate limit. Only the prefix (to find the row and to show
in listings) and a SHA-256 of the whole key are stored: a key has 256 bits of entropy,
so a fast hash is safe for it, while passwords, which people choose, get argon2id.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fitroom.db import utcnow
from fitroom.db.models import Account, ApiKey

_hasher = PasswordHasher()  # argon2id with the library's current recommended cost
_LAST_USED_RESOLUTION = timedelta(minutes=1)


class AccountError(Exception):
    """A command on accounts or keys that cannot be done (unknown email, duplicate…)."""


SECRET = "secret"
PUBLISHABLE = "publishable"
#: Each kind's leading tag in the key's text.
_TAGS = {SECRET: "fr", PUBLISHABLE: "frpk"}


@dataclass(frozen=True)
class Principal:
    """Who a request acts for, after its key (or dashboard session: kind "session") was checked."""

    account_id: str
    key_id: str
    key_prefix: str
    kind: str = SECRET

    @property
    def publishable(self) -> bool:
        return self.kind == PUBLISHABLE

    @property
    def own_jobs_key(self) -> str | None:
        """The key whose jobs alone this principal may read (a publishable key's own), else None: any of the account's."""
        return self.key_id if self.publishable else None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_account(session: Session, email: str, *, password: str | None = None, is_admin: bool = False) -> Account:
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError(f"not an email address: {email!r}")
    if session.scalar(select(Account).where(Account.email == email)):
        raise AccountError(f"an account for {email} already exists")
    account = Account(
        email=email,
        password_hash=hash_password(password) if password else None,
        is_admin=is_admin,
        balance=0,
        created_at=utcnow(),
    )
    session.add(account)
    session.flush()
    return account


def get_account(session: Session, email: str) -> Account:
    account = session.scalar(select(Account).where(Account.email == email.strip().lower()))
    if account is None:
        raise AccountError(f"no account for {email}")
    return account


def set_disabled(account: Account, disabled: bool) -> Account:
    """Disable an account (its keys and sessions are refused at once) or enable it again.

    Nothing is deleted: its jobs, ledger and keys stay, and enabling brings them back.
    """
    if disabled and account.disabled_at is None:
        account.disabled_at = utcnow()
    elif not disabled:
        account.disabled_at = None
    return account


def reset_password(account: Account, password: str | None = None) -> str:
    """Set a new password (a random one if none is given) and return it; the old one's
    dashboard sessions end, since a session is bound to the password hash."""
    password = password or secrets.token_urlsafe(12)
    account.password_hash = hash_password(password)
    return password


def create_key(session: Session, account: Account, name: str = "default", *, kind: str = SECRET) -> str:
    """Make a key of `kind` and return it in full: the only time it is ever visible."""
    if kind not in _TAGS:
        raise AccountError(f"no such kind of key: {kind!r}")
    prefix = secrets.token_hex(4)
    key = f"{_TAGS[kind]}_{prefix}_{secrets.token_urlsafe(32)}"
    session.add(
        ApiKey(
            account_id=account.id,
            name=name[:100],
            prefix=prefix,
            key_hash=_key_hash(key),
            kind=kind,
            created_at=utcnow(),
        )
    )
    session.flush()
    return key


def list_keys(session: Session, account: Account) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).where(ApiKey.account_id == account.id).order_by(ApiKey.created_at)))


def revoke_key(session: Session, prefix: str, account: Account | None = None) -> ApiKey:
    query = select(ApiKey).where(ApiKey.prefix == prefix)
    if account is not None:
        query = query.where(ApiKey.account_id == account.id)
    key = session.scalar(query)
    if key is None:
        raise AccountError(f"no key with prefix {prefix}")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
    return key


def authenticate_key(session: Session, key: str) -> tuple[Principal, bool] | None:
    """The principal for a presented key and whether its last use is worth recording.

    None if the key is unknown, malformed or revoked, or its account is disabled. Last use is kept to the minute,
    so checking a key is a pure read almost always.
    """
    parts = key.split("_")
    if len(parts) < 3 or parts[0] not in _TAGS.values():
        return None
    found = session.execute(
        select(ApiKey, Account.disabled_at)
        .join(Account, Account.id == ApiKey.account_id)
        .where(ApiKey.prefix == parts[1])
    ).first()
    if found is None or not hmac.compare_digest(found[0].key_hash, _key_hash(key)):
        return None
    row, disabled_at = found
    if row.revoked_at is not None or disabled_at is not None or _TAGS.get(row.kind) != parts[0]:
        return None
    stale = row.last_used_at is None or utcnow() - row.last_used_at > _LAST_USED_RESOLUTION
    return Principal(account_id=row.account_id, key_id=row.id, key_prefix=row.prefix, kind=row.kind), stale


def touch_key(session: Session, key_id: str) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=utcnow()))
