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
import itertools
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import event, select, update
from sqlalchemy.orm import Mapper, Session, object_session

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


#: How long a verified key is taken on trust without reading its row again: the longest a key
#: revoked, or an account disabled, by another process (the CLI, another API process) still works.
KEY_CACHE_SECONDS = 2.0
#: Bumped after every commit that changed a key or an account through this process's ORM (a
#: revocation, a disabled account): every principal cached before it is read again.
_credential_changes = itertools.count(1)
_generation = 0
_CHANGED = "fitroom_credentials_changed"


def credentials_generation() -> int:
    """This process's count of committed changes to keys and accounts."""
    return _generation


def _note_change(_mapper: Mapper[Any], _connection: Any, target: Account | ApiKey) -> None:
    session = object_session(target)
    if session is not None:
        session.info[_CHANGED] = True


def _after_commit(session: Session) -> None:
    global _generation
    if session.info.pop(_CHANGED, False):
        _generation = next(_credential_changes)


def _after_rollback(session: Session) -> None:
    session.info.pop(_CHANGED, None)


for _model in (Account, ApiKey):
    event.listen(_model, "after_update", _note_change)
    event.listen(_model, "after_delete", _note_change)
event.listen(Session, "after_commit", _after_commit)
event.listen(Session, "after_rollback", _after_rollback)


class KeyCache:
    """Principals of keys verified lately, so a request with a known key needs no database read.

    Kept for `seconds` (`KEY_CACHE_SECONDS`) and only while no key or account has changed
    through this process since the key was read: a key revoked or an account disabled here
    (the dashboard) is refused at once; elsewhere, within `seconds`. Only keys that passed
    are kept, so a wrong or new key is always looked up. Entries are found by the key's
    SHA-256, never by the key itself.
    """

    def __init__(self, seconds: float = KEY_CACHE_SECONDS, size: int = 10_000) -> None:
        self.seconds = seconds
        self.size = size
        self._entries: dict[str, tuple[Principal, float, int]] = {}

    def get(self, key: str) -> Principal | None:
        found = self._entries.get(_key_hash(key))
        if found is None:
            return None
        principal, until, generation = found
        if time.monotonic() >= until or generation != _generation:
            self._entries.pop(_key_hash(key), None)
            return None
        return principal

    def put(self, key: str, principal: Principal, generation: int) -> None:
        """Keep `principal`, read while `credentials_generation()` was `generation` (taken before the read)."""
        if self.seconds <= 0:
            return
        if len(self._entries) >= self.size:
            self._entries.clear()
        self._entries[_key_hash(key)] = (principal, time.monotonic() + self.seconds, generation)


def touch_key(session: Session, key_id: str) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=utcnow()))
