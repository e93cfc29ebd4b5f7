"""The credit ledger: every movement is a row, and the balance moves in the same transaction.

`accounts.balance` is the spendable balance; it always equals the sum of the account's
ledger deltas. Reservations use a conditional UPDATE so two concurrent requests can
never both spend the last credit, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnExpressionArgument, ScalarSelect, bindparam, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from fitroom.db import utcnow
from fitroom.db.models import Account, LedgerEntry


class InsufficientCredits(Exception):
    def __init__(self, needed: int, balance: int) -> None:
        super().__init__(f"this request needs {needed} credits; the balance is {balance}")
        self.needed = needed
        self.balance = balance


def balance_of(account_id: ColumnExpressionArgument[str] | str) -> ScalarSelect[Any]:
    """The account's spendable balance, as a subquery (correlated when given a column)."""
    return select(Account.balance).where(Account.id == account_id).correlate_except(Account).scalar_subquery()


def used_by(job_id: ColumnExpressionArgument[str] | str) -> ScalarSelect[Any]:
    """The credits the job's items settled (refunded ones are not used), as a subquery."""
    return (
        select(func.coalesce(func.sum(LedgerEntry.amount), 0))
        .where(LedgerEntry.job_id == job_id, LedgerEntry.kind == "settle")
        .correlate_except(LedgerEntry)
        .scalar_subquery()
    )


def balance(session: Session, account_id: str) -> int:
    return int(session.scalar(select(Account.balance).where(Account.id == account_id)) or 0)


_ACCOUNTS, _LEDGER = (
    Account.metadata.tables[Account.__tablename__],
    LedgerEntry.metadata.tables[LedgerEntry.__tablename__],
)
#: The balance moved by :delta unless it would go negative; the new balance, or no row.
_MOVE_BALANCE = (
    update(_ACCOUNTS)
    .where(_ACCOUNTS.c.id == bindparam("account"), _ACCOUNTS.c.balance + bindparam("delta", type_=BigInteger) >= 0)
    .values(balance=_ACCOUNTS.c.balance + bindparam("delta", type_=BigInteger))
    .returning(_ACCOUNTS.c.balance)
)


_INSERT_LEDGER = insert(_LEDGER)


def _move(
    session: Session,
    account_id: str,
    *,
    kind: str,
    amount: int,
    delta: int,
    job_id: str | None = None,
    item_id: str | None = None,
    note: str | None = None,
) -> int | None:
    """Apply `delta` and record it; None (and nothing written) if it would go negative.

    Plain statements on the tables, built once: this runs on every accept, where the ORM's
    bulk UPDATE (evaluating its WHERE clause against the session's objects) and building the
    statements anew cost more than running them; they run on the session's connection, as the
    session's own `execute` added about 65 µs of Python to each. What the ORM did is kept:
    pending objects are flushed first (an account made in this session is found), and an
    account the session holds gets its new balance.
    """
    session.flush()
    connection = session.connection()
    new_balance = connection.execute(_MOVE_BALANCE, {"account": account_id, "delta": delta}).scalar_one_or_none()
    if new_balance is None:
        return None
    held = session.identity_map.get(Account.__mapper__.identity_key_from_primary_key((account_id,)))
    if held is not None:
        set_committed_value(held, "balance", new_balance)
    connection.execute(
        _INSERT_LEDGER,
        {
            "account_id": account_id,
            "kind": kind,
            "amount": amount,
            "delta": delta,
            "balance_after": new_balance,
            "job_id": job_id,
            "item_id": item_id,
            "note": note,
            "created_at": utcnow(),
        },
    )
    return int(new_balance)


def grant(session: Session, account_id: str, amount: int, note: str | None = None) -> int:
    if amount <= 0:
        raise ValueError("a grant must be positive")
    new_balance = _move(session, account_id, kind="grant", amount=amount, delta=amount, note=note)
    if new_balance is None:
        raise LookupError(f"no account {account_id}")
    return new_balance


def reserve(session: Session, account_id: str, amount: int, job_id: str) -> int:
    """Take `amount` from the balance for a job, or raise InsufficientCredits."""
    new_balance = _move(session, account_id, kind="reserve", amount=amount, delta=-amount, job_id=job_id)
    if new_balance is None:
        raise InsufficientCredits(amount, balance(session, account_id))
    return new_balance


def _once(session: Session, item_id: str, kind: str) -> bool:
    """Whether this item has no `kind` row yet (the unique index is the last word)."""
    return (
        session.scalar(select(LedgerEntry.id).where(LedgerEntry.item_id == item_id, LedgerEntry.kind == kind)) is None
    )


def settle(session: Session, account_id: str, amount: int, job_id: str, item_id: str) -> None:
    """Mark an item's reserved credits as spent; a second call for the item does nothing."""
    if _once(session, item_id, "settle"):
        _move(session, account_id, kind="settle", amount=amount, delta=0, job_id=job_id, item_id=item_id)


def refund(session: Session, account_id: str, amount: int, job_id: str, item_id: str) -> None:
    """Give an item's reserved credits back; a second call for the item does nothing."""
    if _once(session, item_id, "refund"):
        _move(session, account_id, kind="refund", amount=amount, delta=amount, job_id=job_id, item_id=item_id)


def used_by_job(session: Session, job_id: str) -> int:
    return int(session.scalar(select(used_by(job_id))) or 0)


def ledger(session: Session, account_id: str, limit: int = 100) -> list[LedgerEntry]:
    return list(
        session.scalars(
            select(LedgerEntry).where(LedgerEntry.account_id == account_id).order_by(LedgerEntry.id.desc()).limit(limit)
        )
    )


__all__ = [
    "InsufficientCredits",
    "balance",
    "balance_of",
    "grant",
    "ledger",
    "refund",
    "reserve",
    "settle",
    "used_by",
    "used_by_job",
]
