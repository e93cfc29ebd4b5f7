"""The signed-in customer's pages: overview, API keys, credits, jobs, playground and docs.

The dialects' option lists come from the API modules that validate them, so the
playground never offers a value the API would refuse.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, Header
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from fitroom import accounts
from fitroom.accounts import AccountError
from fitroom.api import fashn, virtufit
from fitroom.db.models import Account
from fitroom.domain import SWAP_TARGETS, TIERS
from fitroom.jobs import credits
from fitroom.web import examples, queries
from fitroom.web.pages import PageError, PageRoute, SignedIn, Visit, finish, one_line, redirect, render
from fitroom.web.sessions import CSRF_HEADER
from fitroom.wire import fashn as fashn_wire
from fitroom.wire import miragic as miragic_wire

#: Credits per output by tier, as the dashboard's pages show them.
TIER_PRICES = {tier.name: tier.price for tier in TIERS.values()}

router = APIRouter(prefix="/dashboard", include_in_schema=False, route_class=PageRoute)

PLAYGROUND_KEY_NAME = "playground"
#: What `accounts.create_key` makes; anything else is not looked up.
_PREFIX = re.compile(r"[0-9a-f]{8}")
MAX_KEY_NAME = 100


@router.get("")
def overview(visit: SignedIn) -> Response:
    with visit.ctx.db.reader() as db:
        summary = queries.overview(visit.ctx, db, visit.user.id)
    return render(
        visit, "overview.html", active="overview", retention_hours=visit.ctx.settings.retention_hours, **summary
    )


def _keys_page(visit: Visit, *, new_key: str | None = None, new_name: str | None = None) -> Response:
    with visit.ctx.db.reader() as db:
        keys = queries.keys(db, visit.user.id)
    return render(
        visit, "keys.html", active="keys", keys=keys, new_key=new_key, new_name=new_name, max_name=MAX_KEY_NAME
    )


@router.get("/keys")
def keys_page(visit: SignedIn) -> Response:
    return _keys_page(visit)


def _own(db: Session, visit: Visit) -> Account:
    """The signed-in account, loaded in `db` to be written through."""
    return db.get_one(Account, visit.user.id)


def _create_key(visit: Visit, name: str) -> str:
    with visit.ctx.db.session() as db:
        return accounts.create_key(db, _own(db, visit), name)


@router.post("/keys")
def create_key(visit: SignedIn, name: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
    """Shows the new key in this answer and nowhere else: it is stored only as a hash."""
    visit.check_csrf(csrf_token)
    name = one_line(name, MAX_KEY_NAME) or "default"
    return _keys_page(visit, new_key=_create_key(visit, name), new_name=name)


@router.post("/keys/{prefix}/revoke")
def revoke_key(visit: SignedIn, prefix: str, csrf_token: Annotated[str, Form()] = "") -> Response:
    visit.check_csrf(csrf_token)
    if not _PREFIX.fullmatch(prefix):
        raise PageError(404, "Key not found", "You have no key with that prefix.")
    try:
        with visit.ctx.db.session() as db:
            key = accounts.revoke_key(db, prefix, _own(db, visit))
            visit.session.set_flash(
                "success", f"Key “{key.name}” (fr_{key.prefix}_…) is revoked. Requests with it now get 401."
            )
    except AccountError:
        raise PageError(404, "Key not found", "You have no key with that prefix.") from None
    return redirect(visit, "/dashboard/keys")


@router.post("/playground/key")
def playground_key(visit: SignedIn, csrf: Annotated[str, Header(alias=CSRF_HEADER)] = "") -> Response:
    """A new key for the playground, returned once to the page's script (a JSON fetch, not a form)."""
    visit.check_csrf(csrf)
    key = _create_key(visit, PLAYGROUND_KEY_NAME)
    return finish(visit, JSONResponse({"key": key, "prefix": key.split("_")[1], "name": PLAYGROUND_KEY_NAME}))


@router.get("/credits")
def credits_page(visit: SignedIn) -> Response:
    with visit.ctx.db.reader() as db:
        entries = queries.ledger(db, visit.user.id)
        balance = credits.balance(db, visit.user.id)
    return render(visit, "credits.html", active="credits", entries=entries, balance=balance, prices=TIER_PRICES)


@router.get("/jobs")
def jobs_page(visit: SignedIn, status: str | None = None, page: int = 1) -> Response:
    status = status if status in queries.JOB_STATUSES else None
    page = max(1, page)
    with visit.ctx.db.reader() as db:
        rows, more = queries.jobs(visit.ctx, db, visit.user.id, status=status, page=page)
        counts = queries.job_counts(db, visit.user.id)
    return render(
        visit,
        "jobs.html",
        active="jobs",
        rows=rows,
        selected=status,
        page=page,
        more=more,
        statuses=queries.JOB_STATUSES,
        counts=counts,
    )


@router.get("/jobs/{job_id}")
def job_page(visit: SignedIn, job_id: str) -> Response:
    """Another account's job is "not found", exactly like a job that never existed."""
    with visit.ctx.db.reader() as db:
        detail = queries.job(visit.ctx, db, visit.user.id, job_id)
    if detail is None:
        raise PageError(404, "Job not found", "There is no job with this id in your account.")
    return render(visit, "job.html", active="jobs", detail=detail, job=detail.row.job)


@router.get("/playground")
def playground(visit: SignedIn) -> Response:
    with visit.ctx.db.reader() as db:
        balance = credits.balance(db, visit.user.id)
    return render(
        visit,
        "playground.html",
        active="playground",
        balance=balance,
        tiers=tuple(TIERS),
        prices=TIER_PRICES,
        swap_targets=SWAP_TARGETS,
        garment_types=tuple(miragic_wire.GARMENT_TYPES),
        categories=tuple(fashn_wire.CATEGORIES),
        fashn_model=fashn.MODEL_NAME,
        max_garments=virtufit.MAX_GARMENTS,
        max_upload_mb=visit.ctx.settings.max_upload_bytes // (1024 * 1024),
    )


@router.get("/docs")
def docs(visit: SignedIn) -> Response:
    base = visit.ctx.settings.base_url
    return render(
        visit,
        "docs.html",
        active="docs",
        prices=TIER_PRICES,
        quick=examples.quick_start(base),
        dialects=examples.other_dialects(base, fashn.MODEL_NAME),
    )
