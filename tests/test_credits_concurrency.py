"""Credits under 50 concurrent requests against a real server: never negative, always add up."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select

from fitroom.db import Database
from fitroom.db.models import Account, LedgerEntry
from tests.support.app import LiveServer, make_customer
from tests.support.images import flat_photo, garment_photo, person_photo

pytestmark = pytest.mark.slow

REQUESTS = 50
BALANCE = 30


def test_concurrent_requests_keep_the_ledger_consistent(live_server: LiveServer) -> None:
    customer = make_customer(live_server.settings, balance=BALANCE)
    person, flat, garment = person_photo(), flat_photo(), garment_photo()

    def send(i: int) -> httpx.Response:
        # Every fifth request has no person in it: its job fails and is refunded.
        photo = flat if i % 5 == 0 else person
        files = [("person_image", ("p.jpg", photo, "image/jpeg")), ("garment_image", ("g.png", garment, "image/png"))]
        return httpx.post(f"{live_server.url}/api/v1/generate", headers=customer.headers, files=files, timeout=60)

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        answers = list(pool.map(send, range(REQUESTS)))
    codes = Counter(a.status_code for a in answers)
    assert set(codes) <= {202, 402}, codes
    assert codes[202] >= BALANCE
    jobs = [a.json()["job_id"] for a in answers if a.status_code == 202]

    deadline = time.monotonic() + 120
    pending = set(jobs)
    while pending and time.monotonic() < deadline:
        for job_id in list(pending):
            body = httpx.get(f"{live_server.url}/api/v1/jobs/{job_id}", headers=customer.headers).json()
            if body["status"] in ("completed", "failed"):
                pending.discard(job_id)
        time.sleep(0.1)
    assert not pending, f"{len(pending)} jobs never finished"

    db = Database(live_server.settings.resolved_database_url)
    with db.session() as session:
        rows = list(session.scalars(select(LedgerEntry).where(LedgerEntry.account_id == customer.account_id)))
        balance = session.scalar(select(Account.balance).where(Account.id == customer.account_id))
        total = session.scalar(select(func.sum(LedgerEntry.delta)).where(LedgerEntry.account_id == customer.account_id))
    db.dispose()
    assert all(r.balance_after >= 0 for r in rows)
    assert balance == total >= 0
    by_kind = Counter()
    for row in rows:
        by_kind[row.kind] += row.amount
    assert by_kind["reserve"] == by_kind["settle"] + by_kind["refund"]
    assert by_kind["refund"] > 0 and by_kind["settle"] > 0
    assert balance == BALANCE - by_kind["settle"]
    for job_id in jobs:
        kinds = Counter(r.kind for r in rows if r.job_id == job_id)
        assert kinds["reserve"] == 1 and kinds["settle"] + kinds["refund"] == 1, (job_id, kinds)
