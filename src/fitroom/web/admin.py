"""Admin pages: every account with its balance, granting credits, making accounts (sign-up is
closed), disabling and enabling them, and setting a new password for one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import Response
from sqlalchemy.orm import Session

from fitroom import accounts
from fitroom.accounts import AccountError
from fitroom.db.models import Account
from fitroom.jobs import credits
from fitroom.web import queries
from fitroom.web.auth import MAX_PASSWORD, MIN_PASSWORD
from fitroom.web.pages import Admin, PageError, PageRoute, one_line, redirect, render

router = APIRouter(prefix="/dashboard/accounts", include_in_schema=False, route_class=PageRoute)

#: Largest single grant, so a slip of the keyboard cannot mint millions.
MAX_GRANT = 100_000


@router.get("")
def accounts_page(visit: Admin) -> Response:
    with visit.ctx.db.reader() as db:
        rows = queries.accounts(db)
    return render(visit, "accounts.html", active="accounts", rows=rows, max_grant=MAX_GRANT, min_password=MIN_PASSWORD)


def _whole(text: str, low: int, high: int) -> int | None:
    """`text` as a whole number from `low` to `high`, else None."""
    try:
        number = int(text.strip() or "0")
    except ValueError:
        return None
    return number if low <= number <= high else None


@router.post("/{account_id}/grant")
def grant(
    visit: Admin,
    account_id: str,
    amount: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    visit.check_csrf(csrf_token)
    count = _whole(amount, 1, MAX_GRANT)
    if count is None:
        visit.session.set_flash("error", f"Grant a whole number of credits from 1 to {MAX_GRANT:,}.")
        return redirect(visit, "/dashboard/accounts")
    with visit.ctx.db.session() as db:
        account = queries.account(db, account_id)
        if account is None:
            raise PageError(404, "Account not found", "There is no such account.")
        note = one_line(note, 150) or f"granted by {visit.user.email}"
        balance = credits.grant(db, account.id, count, note=note)
        visit.session.set_flash("success", f"Granted {count:,} credits to {account.email}. New balance: {balance:,}.")
    return redirect(visit, "/dashboard/accounts")


@router.post("")
def create_account(
    visit: Admin,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    initial_credits: Annotated[str, Form()] = "",
    is_admin: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """A new account with a password, so its owner can sign in and make their own keys."""
    visit.check_csrf(csrf_token)
    amount = _whole(initial_credits, 0, MAX_GRANT)
    if amount is None:
        visit.session.set_flash("error", f"Initial credits must be a whole number from 0 to {MAX_GRANT:,}.")
    elif not email.isprintable():
        visit.session.set_flash("error", "That is not an email address.")
    elif not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        visit.session.set_flash("error", f"Choose a password of at least {MIN_PASSWORD} characters.")
    else:
        try:
            with visit.ctx.db.session() as db:
                account = accounts.create_account(db, email, password=password, is_admin=bool(is_admin))
                if amount:
                    credits.grant(db, account.id, amount, note=f"granted by {visit.user.email}")
                visit.session.set_flash("success", f"Account {account.email} created with {amount:,} credits.")
        except AccountError as exc:
            visit.session.set_flash("error", str(exc).capitalize() + ".")
    return redirect(visit, "/dashboard/accounts")


def _account(db: Session, account_id: str) -> Account:
    account = queries.account(db, account_id)
    if account is None:
        raise PageError(404, "Account not found", "There is no such account.")
    return account


@router.post("/{account_id}/disable")
def disable(visit: Admin, account_id: str, csrf_token: Annotated[str, Form()] = "") -> Response:
    """Refuse the account's keys and sessions at once; its data stays."""
    visit.check_csrf(csrf_token)
    if account_id == visit.user.id:
        visit.session.set_flash("error", "You cannot disable your own account.")
        return redirect(visit, "/dashboard/accounts")
    with visit.ctx.db.session() as db:
        account = accounts.set_disabled(_account(db, account_id), True)
        visit.session.set_flash("success", f"{account.email} is disabled: its API keys and sessions are refused.")
    return redirect(visit, "/dashboard/accounts")


@router.post("/{account_id}/enable")
def enable(visit: Admin, account_id: str, csrf_token: Annotated[str, Form()] = "") -> Response:
    visit.check_csrf(csrf_token)
    with visit.ctx.db.session() as db:
        account = accounts.set_disabled(_account(db, account_id), False)
        visit.session.set_flash("success", f"{account.email} is enabled again.")
    return redirect(visit, "/dashboard/accounts")


@router.post("/{account_id}/password")
def set_password(
    visit: Admin, account_id: str, password: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = ""
) -> Response:
    """A new password the admin gives the owner; the account's sessions end."""
    visit.check_csrf(csrf_token)
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        visit.session.set_flash("error", f"Choose a password of at least {MIN_PASSWORD} characters.")
        return redirect(visit, "/dashboard/accounts")
    with visit.ctx.db.session() as db:
        account = _account(db, account_id)
        accounts.reset_password(account, password)
        visit.session.set_flash("success", f"New password set for {account.email}; its sessions were signed out.")
    return redirect(visit, "/dashboard/accounts")
