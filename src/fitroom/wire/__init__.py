"""Each dialect's wire formats: its answers and webhook bodies, built from a `JobSnapshot`.

One module per dialect (`virtufit`, `miragic`, `fashn`) holds the dialect's answer models and
the functions that fill them. They import only pydantic, `fitroom.domain` and
`fitroom.snapshot`, so both the API (`api/`, which answers) and the job layer (`jobs/webhooks.py`,
which stores a finished job's webhook body) use them, and dependencies still point one way:
`api → jobs → wire → snapshot, domain`.
"""

from __future__ import annotations

from datetime import UTC, datetime

#: The message of a failed job whose engine gave none.
RENDER_FAILED = "the render failed"


def iso_utc(moment: datetime) -> str:
    """ISO-8601 in UTC with milliseconds and a `Z`, as seed 000's `timestamp` and Miragic's times."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
