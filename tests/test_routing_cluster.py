"""The GPU layout on one machine: one API process, two CPU workers and a GPU worker on one PostgreSQL.

Nano and basic jobs render with one engine, pro jobs with another (`FITROOM_ENGINES`); the
CPU workers run the first (`fitroom worker --engines ...`), the GPU worker the second. The
engines are the tests' stamped ones: each output says which engine made it (a tint) and in
which process (its pid). One CPU worker and then the GPU worker are killed with SIGKILL
holding a job. While no GPU worker lives, pro jobs wait in the queue (the estimate and
/readyz say so) and no CPU worker touches them; a new GPU worker renders them. In the end
every job completed once, by the right engine, in a worker process running that engine,
and every ledger adds up.
"""

from __future__ import annotations

import io
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import func, select

from fitroom.db import Database
from fitroom.db.models import Account, Job, JobItem, LedgerEntry
from tests.support.app import Customer, make_customer, make_settings
from tests.support.cluster import Cluster, Process, cluster
from tests.support.engines import read_stamp
from tests.support.images import garment_photo, person_photo
from tests.support.waiting import wait_until

pytestmark = pytest.mark.cluster

CPU_ENGINE = "tests.support.engines:RedEngine"
GPU_ENGINE = "tests.support.engines:BlueEngine"
TIERS = ("nano", "basic", "pro")
PRICES = {"nano": 1, "basic": 1, "pro": 3}
JOBS = 45
ACCOUNTS = 3
GRANT = 200
HTTP = httpx.Client(timeout=60)


def generate(api: str, customer: Customer, tier: str) -> dict[str, Any]:
    files = [
        ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
        ("garment_image", ("g.png", garment_photo(), "image/png")),
    ]
    answer = HTTP.post(
        f"{api}/api/v1/generate", headers=customer.headers, files=files, data={"tier": tier, "output_format": "png"}
    )
    assert answer.status_code == 202, answer.text
    return answer.json()  # type: ignore[no-any-return]


def leased_by(db: Database, process: Process) -> list[str]:
    with db.reader() as session:
        return list(
            session.scalars(
                select(Job.id).where(Job.status == "processing", Job.lease_owner.like(f"%:{process.popen.pid}:%"))
            )
        )


def unfinished(db: Database, tiers: tuple[str, ...] = TIERS) -> int:
    with db.reader() as session:
        return int(
            session.scalar(
                select(func.count(Job.id)).where(Job.status.in_(("queued", "processing")), Job.tier.in_(tiers))
            )
            or 0
        )


def workers_check(api: str) -> str:
    answer = HTTP.get(f"{api}/readyz")
    assert answer.status_code == 200, answer.text
    return answer.json()["checks"]["workers"]  # type: ignore[no-any-return]


def kill_holding_a_job(db: Database, process: Process) -> list[str]:
    """SIGKILL the worker process once it holds a job; the jobs it still held when it died.

    A job the worker finished between the look and the kill is left out: nobody else has
    to finish that one.
    """
    wait_until(lambda: leased_by(db, process), 60, f"{process.name} to hold a job", interval=0.01)
    process.popen.kill()
    process.popen.wait(10)
    return leased_by(db, process)


def test_pro_jobs_go_to_the_gpu_worker_and_the_rest_to_cpu_workers(tmp_path: Path, fresh_database: str) -> None:
    environment = {
        "FITROOM_DATABASE_URL": fresh_database,
        "FITROOM_DATA_DIR": str(tmp_path / "data"),
        "FITROOM_SECRET_KEY": "routing-secret",
        "FITROOM_ENGINE": CPU_ENGINE,
        "FITROOM_ENGINES": f"nano={CPU_ENGINE},basic={CPU_ENGINE},pro={GPU_ENGINE}",
        "FITROOM_TEST_RENDER_SECONDS": "0.3",
        "FITROOM_RATE_LIMIT": "100000/minute",
        "FITROOM_LEASE_SECONDS": "3",
        "FITROOM_HEARTBEAT_SECONDS": "0.5",
        "FITROOM_POLL_SECONDS": "0.2",
        "FITROOM_LISTEN_POLL_SECONDS": "1",
        "FITROOM_LOG_LEVEL": "WARNING",
    }
    db = Database(fresh_database)
    with cluster(environment, tmp_path) as running:
        try:
            check_routing(running, db)
        except BaseException:
            print(running.tails())
            raise
        finally:
            db.dispose()


def check_routing(running: Cluster, db: Database) -> None:
    running.run("migrate")
    settings = make_settings(Path(running.environment["FITROOM_DATA_DIR"]), running.environment["FITROOM_DATABASE_URL"])
    customers = [make_customer(settings, balance=GRANT) for _ in range(ACCOUNTS)]
    api = running.api("api").url or ""

    # --- no worker yet: jobs are accepted, and the answers say they wait ---
    early = generate(api, customers[0], "pro")
    assert early["estimated_seconds"] is None and GPU_ENGINE in early["message"]
    assert CPU_ENGINE in workers_check(api) and GPU_ENGINE in workers_check(api)

    cpu = [running.worker(f"cpu-{n}", engines=CPU_ENGINE) for n in (1, 2)]
    gpu = running.worker("gpu-1", engines=GPU_ENGINE)
    wait_until(lambda: workers_check(api) == "ok", 60, "every engine to have a live worker", interval=0.1)
    ran = {process.popen.pid: engine for process, engine in [(cpu[0], "red"), (cpu[1], "red"), (gpu, "blue")]}

    with ThreadPoolExecutor(6) as pool:
        accepted = [early, *pool.map(lambda i: generate(api, customers[i % ACCOUNTS], TIERS[i % 3]), range(JOBS - 1))]
    tier_of = {answer["job_id"]: answer for answer in accepted}
    assert len(tier_of) == JOBS

    # --- faults: a CPU worker, then the GPU worker, killed holding a job ---
    held = kill_holding_a_job(db, cpu[0]) + kill_holding_a_job(db, gpu)
    wait_until(lambda: GPU_ENGINE in workers_check(api), 30, "/readyz to see the GPU worker gone", interval=0.2)
    assert CPU_ENGINE not in workers_check(api), "the other CPU worker still runs the CPU engine"
    late = generate(api, customers[0], "pro")
    assert late["estimated_seconds"] is None
    wait_until(lambda: unfinished(db, ("nano", "basic")) == 0, 120, "the CPU jobs to finish", interval=0.2)
    waiting_pro = unfinished(db, ("pro",))
    assert waiting_pro > 0, "the GPU worker was killed before it could render every pro job"
    time.sleep(1)
    assert unfinished(db, ("pro",)) == waiting_pro, "pro jobs were rendered without a GPU worker"

    replacement = running.worker("gpu-2", engines=GPU_ENGINE)
    ran[replacement.popen.pid] = "blue"
    wait_until(lambda: unfinished(db) == 0, 120, "every job to finish", interval=0.2)
    accepted.append(late)

    check_outputs(api, db, customers, accepted, ran, {cpu[0].popen.pid, gpu.popen.pid})
    check_ledger(db, customers, held)
    for process in [cpu[1], replacement]:
        assert process.stop() == 0, process.tail()


def check_outputs(
    api: str,
    db: Database,
    customers: list[Customer],
    accepted: list[dict[str, Any]],
    ran: dict[int, str],
    killed: set[int],
) -> None:
    """Each output's tint is its tier's engine; its stamped pid a worker process running that engine."""
    with db.reader() as session:
        jobs = {job.id: (job.account_id, job.tier, job.engine) for job in session.scalars(select(Job))}
    headers = {c.account_id: c.headers for c in customers}
    rendered_by: Counter[int] = Counter()
    for answer in accepted:
        account, tier, engine = jobs[answer["job_id"]]
        assert engine == (GPU_ENGINE if tier == "pro" else CPU_ENGINE)
        status = HTTP.get(f"{api}/api/v1/jobs/{answer['job_id']}", headers=headers[account]).json()
        assert status["status"] == "completed", status
        (url,) = status["output_urls"]
        tint, pid = read_stamp(Image.open(io.BytesIO(HTTP.get(url).content)))
        assert tint == ("blue" if tier == "pro" else "red"), f"{tier} job rendered by the {tint} engine"
        assert ran.get(pid) == tint, f"{tier} job rendered in process {pid}, which does not run the {tint} engine"
        rendered_by[pid] += 1
    assert set(rendered_by) >= set(ran) - killed, f"a live worker rendered nothing: {rendered_by}"


def check_ledger(db: Database, customers: list[Customer], held: list[str]) -> None:
    with db.reader() as session:
        jobs = {job.id: job for job in session.scalars(select(Job))}
        items = list(session.scalars(select(JobItem)))
        ledger = list(session.scalars(select(LedgerEntry)))
        balances = {row.id: row.balance for row in session.execute(select(Account.id, Account.balance))}
    assert all(job.status == "completed" and job.lease_owner is None for job in jobs.values())
    for job_id in held:
        assert jobs[job_id].attempts >= 2, "a killed worker's job was finished by another"
    settles = Counter(e.item_id for e in ledger if e.kind == "settle")
    assert all(settles[item.id] == 1 for item in items), "an item charged other than once"
    assert not [e for e in ledger if e.kind == "refund"]
    for customer in customers:
        spent = sum(PRICES[job.tier] for job in jobs.values() if job.account_id == customer.account_id)
        assert balances[customer.account_id] == GRANT - spent
