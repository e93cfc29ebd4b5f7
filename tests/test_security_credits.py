"""Credits under a hypothesis state machine: accept, settle, refund, expire and grant, also all at once.

The machine drives the real code paths (the job service's `submit`, a real `Worker` with the
test engine, the reaper, `credits.grant`) on the real database, and after every step checks
the ledger against the jobs table and against its own record of grants:

- no balance and no ledger row is ever negative;
- each balance is the sum of its ledger's deltas;
- credits never vanish: what the ledger says is still reserved is exactly the price of the
  outputs not yet finished, and every credit granted is either spendable, spent or so held;
- each output is settled or refunded at most once, never both; finished and expired jobs
  hold nothing.

One rule fires accepts, renders, an expiry and a grant from parallel threads; concurrent
accepts on one balance must take exactly as many as it can pay for.
"""

from __future__ import annotations

import contextlib
import io
import itertools
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from PIL import Image
from sqlalchemy import func, select, update

from fitroom import accounts
from fitroom.context import Context
from fitroom.db import utcnow
from fitroom.db.models import Account, Job, JobItem, LedgerEntry, new_id
from fitroom.domain import TIERS
from fitroom.jobs import credits, queue
from fitroom.jobs.reaper import reap
from fitroom.jobs.service import ImageInput, JobRequest, submit
from fitroom.jobs.worker import Worker
from tests.support.app import migrated_settings
from tests.support.engines import TintEngine

EXAMPLES = 12
STEPS = 20


def tiny(flat: bool) -> ImageInput:
    """A small photo; a flat one makes the test engine fail the output (a refund), else it succeeds."""
    image = Image.new("RGB", (48, 64), (120, 120, 120))
    if not flat:
        image.paste((200, 40, 40), (12, 16, 36, 48))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ImageInput(buffer.getvalue(), "png")


def request(garments: int, tier: str, fails: bool) -> JobRequest:
    return JobRequest(dialect="virtufit", person=tiny(fails), garments=[tiny(False)] * garments, tier=tier)


class Ledger:
    """What the database says about one account's credits."""

    def __init__(self, ctx: Context, account_id: str) -> None:
        with ctx.db.reader() as session:
            self.balance = credits.balance(session, account_id)
            rows = list(session.scalars(select(LedgerEntry).where(LedgerEntry.account_id == account_id)))
            self.open_items = int(
                session.scalar(
                    select(func.coalesce(func.sum(JobItem.price), 0))
                    .join(Job, Job.id == JobItem.job_id)
                    .where(Job.account_id == account_id, JobItem.status == "queued")
                )
            )
            self.holding_finished = list(
                session.scalars(
                    select(Job.id)
                    .join(JobItem, Job.id == JobItem.job_id)
                    .where(Job.account_id == account_id, JobItem.status == "queued")
                    .where(Job.status.in_(("completed", "failed")) | Job.purged_at.is_not(None))
                )
            )
        self.sums: Counter[str] = Counter()
        for row in rows:
            self.sums[row.kind] += row.amount
        self.delta_sum = sum(row.delta for row in rows)
        self.lowest = min((row.balance_after for row in rows), default=0)
        self.per_item = Counter((row.item_id, row.kind) for row in rows if row.item_id)
        settled = {item for item, kind in self.per_item if kind == "settle"}
        self.items_both = {item for item, kind in self.per_item if kind == "refund"} & settled


def machine_for(ctx: Context) -> type[RuleBasedStateMachine]:
    names = itertools.count()

    class Credits(RuleBasedStateMachine):
        """Two accounts; the model is only what was granted to each (everything else is checked against it)."""

        jobs = Bundle("jobs")

        def __init__(self) -> None:
            super().__init__()
            self.granted: dict[str, int] = {}
            self.job_ids: list[str] = []
            self.worker = Worker(ctx, TintEngine(), name=f"credits-{next(names)}")
            with ctx.db.session() as session:
                for _ in range(2):
                    account = accounts.create_account(session, f"credits-{next(names)}-{id(self)}@example.com")
                    self.granted[account.id] = 0
            self.accounts = list(self.granted)

        # --- the operations ---------------------------------------------------------------

        @rule(which=st.integers(0, 1), amount=st.integers(1, 6))
        def grant(self, which: int, amount: int) -> None:
            account_id = self.accounts[which]
            with ctx.db.session() as session:
                credits.grant(session, account_id, amount)
            self.granted[account_id] += amount

        @rule(
            target=jobs,
            which=st.integers(0, 1),
            garments=st.integers(1, 3),
            tier=st.sampled_from(["nano", "pro"]),
            fails=st.booleans(),
        )
        def accept(self, which: int, garments: int, tier: str, fails: bool) -> str:
            account_id = self.accounts[which]
            wanted = request(garments, tier, fails)
            before = Ledger(ctx, account_id).balance
            try:
                job, _ = submit(ctx, account_id, wanted)
            except credits.InsufficientCredits:
                assert before < wanted.price, "refused although the balance could pay"
                return ""
            assert before >= wanted.price
            self.job_ids.append(job.id)
            return job.id

        @rule(outcomes=st.integers(1, 3))
        def render(self, outcomes: int) -> None:
            """The worker settles each output that renders and refunds each that fails."""
            for _ in range(outcomes):
                self.worker.run_once()

        @rule()
        def worker_dies_mid_job(self) -> None:
            """A worker takes a job and vanishes; its lease is over at once, the next worker takes it over."""
            job = queue.claim(ctx.db, "doomed", lease_seconds=0.0)
            if job is not None:
                pending = [item for item in job.items if item.status == "queued"]
                if len(pending) > 1:
                    queue.finish_item(ctx.db, job.id, pending[0].id, "doomed", output_key=None, render_ms=1)

        @rule(job_id=jobs)
        def expire(self, job_id: str) -> None:
            if not job_id:
                return
            with ctx.db.session() as session:
                session.execute(update(Job).where(Job.id == job_id).values(expires_at=utcnow() - timedelta(seconds=1)))
            reap(ctx)

        @rule(which=st.integers(0, 1), requests=st.integers(2, 6), tier=st.sampled_from(["nano", "pro"]))
        def many_accepts_at_once(self, which: int, requests: int, tier: str) -> None:
            """Parallel accepts on one balance take exactly as many as it can pay for, whatever the order."""
            account_id = self.accounts[which]
            before = Ledger(ctx, account_id).balance

            def one(_: int) -> str | None:
                try:
                    return submit(ctx, account_id, request(1, tier, False))[0].id
                except credits.InsufficientCredits:
                    return None

            with ThreadPoolExecutor(requests) as pool:
                accepted = [job_id for job_id in pool.map(one, range(requests)) if job_id]
            assert len(accepted) == min(requests, before // TIERS[tier].price)
            self.job_ids += accepted

        @rule(which=st.integers(0, 1), amount=st.integers(1, 4), data=st.data())
        def everything_at_once(self, which: int, amount: int, data: st.DataObject) -> None:
            """Accepts, renders, an expiry and a grant race each other; the invariants must still hold."""
            account_id = self.accounts[which]
            pick = data.draw(st.integers(0, 10**6), label="job to expire")  # drawn whatever the state: races vary it
            victim = self.job_ids[pick % len(self.job_ids)] if self.job_ids else None
            failing = iter(data.draw(st.lists(st.booleans(), min_size=3, max_size=3), label="failing renders"))
            accepted: list[str] = []

            def accept_one(fails: bool) -> None:
                with contextlib.suppress(credits.InsufficientCredits):
                    accepted.append(submit(ctx, account_id, request(1, "nano", fails))[0].id)

            def expire_victim() -> None:
                if victim:
                    with ctx.db.session() as session:
                        session.execute(update(Job).where(Job.id == victim).values(expires_at=utcnow()))
                    reap(ctx)

            def grant() -> None:
                with ctx.db.session() as session:
                    credits.grant(session, account_id, amount)

            helper = Worker(ctx, TintEngine(), name=f"helper-{next(names)}")
            accepts = [lambda fails=next(failing): accept_one(fails) for _ in range(3)]  # noqa: B008 (one draw each)
            tasks = [*accepts, self.worker.run_once, helper.run_once, expire_victim, grant]
            with ThreadPoolExecutor(len(tasks)) as pool:
                for future in [pool.submit(task) for task in tasks]:
                    future.result()
            self.granted[account_id] += amount
            self.job_ids += accepted

        # --- the checks -------------------------------------------------------------------

        @invariant()
        def credits_add_up(self) -> None:
            for account_id, granted in self.granted.items():
                ledger = Ledger(ctx, account_id)
                assert ledger.balance >= 0 and ledger.lowest >= 0
                assert ledger.balance == ledger.delta_sum
                assert ledger.sums["grant"] == granted
                held = ledger.sums["reserve"] - ledger.sums["settle"] - ledger.sums["refund"]
                assert held == ledger.open_items, "the ledger's reservations match the unfinished outputs"
                assert granted == ledger.balance + ledger.sums["settle"] + held, "no credit vanished"
                assert all(count == 1 for count in ledger.per_item.values()), "settled or refunded once"
                assert not ledger.items_both, "never both settled and refunded"
                assert not ledger.holding_finished, "finished and expired jobs hold no credits"

        def teardown(self) -> None:
            """Close what is left, so the next example's workers find an empty queue."""
            for job_id in self.job_ids:
                queue.give_up(ctx.db, job_id, None, "engine_error", "test over")
            self.credits_add_up()
            for account_id in self.accounts:
                sums = Ledger(ctx, account_id).sums
                assert sums["reserve"] == sums["settle"] + sums["refund"], "nothing is held once every job is closed"

    return Credits


@pytest.mark.slow
def test_credits_never_go_negative_or_vanish(tmp_path: Path, database_url: str) -> None:
    values: dict[str, Any] = {"workers": 0, "max_queue": 1_000_000, "max_attempts": 1, "lease_seconds": 30}
    ctx = Context.from_settings(migrated_settings(tmp_path, database_url, **values))
    try:
        run_state_machine_as_test(
            machine_for(ctx),
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],  # races make replays differ: no shrinking
                suppress_health_check=list(HealthCheck),
            ),
        )
    finally:
        ctx.close()


@pytest.mark.parametrize("balance", [0, 1, 2, 5])
def test_parallel_accepts_take_exactly_what_the_balance_pays_for(
    tmp_path: Path, database_url: str, balance: int
) -> None:
    ctx = Context.from_settings(migrated_settings(tmp_path, database_url, workers=0))
    try:
        with ctx.db.session() as session:
            account = accounts.create_account(session, "parallel@example.com")
            if balance:
                credits.grant(session, account.id, balance)
            account_id = account.id

        def one(_: int) -> bool:
            try:
                submit(ctx, account_id, request(1, "nano", False))
                return True
            except credits.InsufficientCredits:
                return False

        with ThreadPoolExecutor(8) as pool:
            assert sum(pool.map(one, range(8))) == balance
        assert Ledger(ctx, account_id).balance == 0
    finally:
        ctx.close()


def test_a_move_sees_the_sessions_new_account_and_updates_the_one_it_holds(tmp_path: Path, database_url: str) -> None:
    """A credit move is a plain statement, not the ORM's bulk UPDATE; what that did is kept: an
    account made in the same session, not yet flushed, is found, and the session's copy of it
    shows each new balance."""
    ctx = Context.from_settings(migrated_settings(tmp_path, database_url))
    try:
        with ctx.db.session() as session:
            account = Account(id=new_id(), email="moves@example.com", balance=0, created_at=utcnow())
            session.add(account)  # pending: the move must flush it first
            assert credits.grant(session, account.id, 5) == 5
            assert account.balance == 5
            credits.reserve(session, account.id, 2, "job-1")
            assert account.balance == 3
            with pytest.raises(credits.InsufficientCredits):
                credits.reserve(session, account.id, 4, "job-2")
            assert account.balance == 3
        with ctx.db.reader() as session:
            assert credits.balance(session, account.id) == 3
    finally:
        ctx.close()
