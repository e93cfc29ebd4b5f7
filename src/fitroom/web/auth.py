"""Signing in and out of the dashboard. There is no open sign-up: accounts come from the CLI or an admin.

The admin that `fitroom serve` makes on its first start has an API key but no password;
`/login/setup` lets the holder of a key of a password-less account choose one. An
account that already has a password can only be signed in with it.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response
from sqlalchemy import select, update

from fitroom.accounts import authenticate_key, hash_password, verify_password
from fitroom.db.models import Account
from fitroom.web import sessions
from fitroom.web.pages import AnyVisit, PageRoute, Visit, redirect, render, safe_next
from fitroom.web.sessions import WebSession

router = APIRouter(include_in_schema=False, route_class=PageRoute)

MIN_PASSWORD = 10
#: The shape of the keys `accounts.create_key` makes; anything else is not looked up.
_KEY = re.compile(r"fr_[0-9a-f]{8}_[A-Za-z0-9_-]{20,100}")
MAX_PASSWORD = 1024
#: Verified against when the email is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = hash_password("fitroom: no such account")


@router.get("/")
def home(visit: AnyVisit) -> Response:
    return redirect(visit, "/dashboard" if visit.account else "/login")


@router.get("/login")
def login_form(visit: AnyVisit, next: str | None = None) -> Response:
    if visit.account is not None:
        return redirect(visit, safe_next(next))
    return render(visit, "login.html", email="", next=safe_next(next), error=None)


def _check_password(visit: Visit, email: str, password: str) -> Account | None:
    """The account if the password is its own; the same argon2 work whether or not the email exists."""
    account = None
    if email.isprintable():  # PostgreSQL refuses NUL bytes: such an email names no account
        with visit.ctx.db.reader() as db:
            account = db.scalar(select(Account).where(Account.email == email))
    stored = account.password_hash if account is not None else None
    matches = verify_password(stored or _DUMMY_HASH, password[:MAX_PASSWORD])
    return account if matches and stored else None


def _sign_in(visit: Visit, account: Account) -> None:
    """A fresh session id and CSRF token, so a session planted before sign-in is worthless."""
    fresh = WebSession.new()
    fresh.account_id = account.id
    fresh.auth_version = sessions.auth_version(account)
    visit.session = fresh


def _throttled(visit: Visit, template: str, wait: int, **values: Any) -> Response:
    response = render(visit, template, status=429, error=f"Too many attempts. Try again in {wait} seconds.", **values)
    response.headers["Retry-After"] = str(wait)
    return response


@router.post("/login")
def login(
    visit: AnyVisit,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    visit.check_csrf(csrf_token)
    email = email.strip().lower()
    throttle = visit.request.app.state.login_throttle
    wait = throttle.wait(email, visit.address)
    if wait:
        return _throttled(visit, "login.html", wait, email=email, next=safe_next(next))
    account = _check_password(visit, email, password)
    if account is None:
        throttle.failed(email, visit.address)
        return render(
            visit,
            "login.html",
            status=401,
            email=email,
            next=safe_next(next),
            error="That email and password do not match an account.",
        )
    if account.disabled_at is not None:  # told only to who knows the password
        return render(
            visit,
            "login.html",
            status=403,
            email=email,
            next=safe_next(next),
            error="This account is disabled. Ask an administrator.",
        )
    _sign_in(visit, account)
    return redirect(visit, safe_next(next))


@router.get("/login/setup")
def setup_form(visit: AnyVisit) -> Response:
    if visit.account is not None:
        return redirect(visit, "/dashboard")
    return render(visit, "setup.html", error=None, min_password=MIN_PASSWORD)


def _claim(visit: Visit, key: str, password: str) -> Account | str:
    """Set the first password of the key's account; the account, or why not.

    The conditional UPDATE makes a second, concurrent claim find the password already set.
    """
    new_hash = hash_password(password)
    key = key.strip()
    with visit.ctx.db.session() as db:
        found = authenticate_key(db, key) if _KEY.fullmatch(key) else None
        if found is None:
            return "That API key is not valid or has been revoked."
        claimed = db.execute(
            update(Account)
            .where(Account.id == found[0].account_id, Account.password_hash.is_(None))
            .values(password_hash=new_hash)
            .returning(Account.id)
        ).scalar_one_or_none()
        if claimed is None:
            return "This account already has a password: sign in with it."
        return db.get_one(Account, found[0].account_id, populate_existing=True)


@router.post("/login/setup")
def setup(
    visit: AnyVisit,
    api_key: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    visit.check_csrf(csrf_token)
    throttle = visit.request.app.state.login_throttle
    wait = throttle.wait("setup", visit.address)
    if wait:
        return _throttled(visit, "setup.html", wait, min_password=MIN_PASSWORD)
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        problem = f"Choose a password of at least {MIN_PASSWORD} characters."
    elif password != confirm:
        problem = "The two passwords are not the same."
    else:
        claimed = _claim(visit, api_key, password)
        if isinstance(claimed, Account):
            _sign_in(visit, claimed)
            visit.session.set_flash("success", f"Password set. You are signed in as {claimed.email}.")
            return redirect(visit, "/dashboard")
        problem = claimed
        throttle.failed("setup", visit.address)
    return render(visit, "setup.html", status=400, error=problem, min_password=MIN_PASSWORD)


@router.post("/logout")
def logout(visit: AnyVisit, csrf_token: Annotated[str, Form()] = "") -> Response:
    visit.check_csrf(csrf_token)
    visit.session = WebSession.new()
    visit.session.set_flash("info", "You are signed out.")
    return redirect(visit, "/login")
