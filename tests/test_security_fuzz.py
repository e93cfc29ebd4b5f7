"""Every endpoint of every dialect, fuzzed from the live server's own OpenAPI schema with schemathesis.

The server runs on 127.0.0.1 (uvicorn, real sockets) and every case carries a real key,
so the fuzzer gets past authentication. Each operation gets schema-valid (positive) and
schema-violating (negative) cases; half the positive cases get real images and valid
choices (`deepen`) and half the path parameters real job ids and signed file links, so
cases reach the job model and the database, not only the validators. Every answer must:

- not be a 5xx;
- have a status the schema lists for the operation;
- match the schema documented for that status (bodies, content types);
- if it is an error, be in the envelope of the operation's dialect.

`FITROOM_FUZZ_EXAMPLES` (default 80) sets the cases per operation and mode; the figures
are printed at the end of each run.
"""

from __future__ import annotations

import base64
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from fitroom.api.errors import dialect_of
from fitroom.domain import COMPOSE_MODES as COMPOSE
from fitroom.domain import OUTPUT_FORMATS, SWAP_TARGETS, TIERS
from fitroom.wire.miragic import GARMENT_TYPES
from tests.support.app import TEST_ENGINE, Customer, make_customer
from tests.support.images import garment_photo, person_photo
from tests.support.process import ServerProcess, fitroom_serve

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FITROOM_FUZZ_EXAMPLES", "80"))
PERSON = person_photo((60, 80))
GARMENT = garment_photo()
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


def envelope_problems(path: str, body: Any) -> list[str]:
    """What is wrong with an error body for the dialect that `path` belongs to (SPEC section 2, Errors)."""
    if not isinstance(body, dict):
        return ["the error body is not a JSON object"]
    dialect = dialect_of(path)
    problems = []
    if dialect == "fashn":
        detail = body
        if not isinstance(body.get("error"), str):
            problems.append("FASHN errors carry the error name as a string in `error`")
    else:
        detail = body.get("error")
        if body.get("success") is not False:
            problems.append("`success` is not false")
        if dialect == "miragic" and not isinstance(body.get("message"), str):
            problems.append("Miragic errors carry a top-level `message`")
        if not isinstance(detail, dict):
            return [*problems, "`error` is not an object"]
    for name in ("code", "message", "request_id"):
        if not isinstance(detail.get(name), str) or not detail.get(name):
            problems.append(f"the error has no `{name}`")
    return problems


def binary_fields(schema: dict[str, Any]) -> set[str]:
    """Form fields of a multipart body schema that hold files (single or repeated)."""

    def is_file(node: dict[str, Any]) -> bool:
        branches = [node, *node.get("anyOf", []), *[node.get("items", {})]]
        branches += [b.get("items", {}) for b in node.get("anyOf", [])]
        return any(b.get("contentMediaType") or b.get("format") == "binary" for b in branches if b)

    return {name for name, node in schema.get("properties", {}).items() if is_file(node)}


#: Valid values of the free-text choice fields, so that deep cases get past them.
CHOICES: dict[str, tuple[str, ...]] = {
    "tier": tuple(TIERS),
    "swap_target": SWAP_TARGETS,
    "compose": COMPOSE,
    "output_format": OUTPUT_FORMATS,
    "garmentType": tuple(GARMENT_TYPES),
}
#: Fields that name an image another way than the uploaded file; deep cases send files.
REFERENCES = ("person_image_url", "garment_urls")
#: File fields a request may leave out (a Miragic combo's bottom).
OPTIONAL_FILES = ("bottomClothImage",)


def hook_url(value: object) -> str:
    """An https webhook URL that carries the generated text, so the text reaches the job row."""
    return "https://hooks.example/" + str(value)


def deepen(case: Case, spec: dict[str, Any], draw: st.DataObject) -> dict[str, Any]:
    """Make a generated case valid enough to reach the job model: real images, valid choices.

    Every other field keeps its generated value (webhook URLs keep it after an https prefix),
    so secrets, descriptions, seeds and headers are fuzzed all the way into the database.
    Returns the keyword arguments that send it: schemathesis sends `anyOf` file fields
    without a file name, which servers read as text, so multipart bodies are built here.
    """
    if isinstance(case.query, dict) and "webhook_url" in case.query:
        case.query["webhook_url"] = hook_url(case.query["webhook_url"])
    if not isinstance(case.body, dict):
        return {}
    inputs = case.body.get("inputs")
    if isinstance(inputs, dict):
        for name, photo in (("model_image", PERSON), ("garment_image", GARMENT)):
            inputs[name] = "data:image/jpeg;base64," + base64.b64encode(photo).decode()
        inputs["num_samples"] = 1
    if case.media_type != "multipart/form-data":
        return {}
    operation = spec["paths"][case.operation.path][case.method.lower()]
    ref = operation["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    files: list[tuple[str, tuple[str, bytes, str]]] = []
    for name in sorted(binary_fields(schema)):
        case.body.pop(name, None)
        if name in OPTIONAL_FILES and not draw.draw(st.booleans(), label=f"send {name}"):
            continue
        is_person = "person" in name.lower() or "human" in name.lower()
        photo, filename = (PERSON, "p.jpg") if is_person else (GARMENT, "g.png")
        count = draw.draw(st.integers(1, 2), label=f"{name} count") if "array" in str(schema["properties"][name]) else 1
        files += [(name, (filename, photo, "application/octet-stream"))] * count
    for name in REFERENCES:
        case.body.pop(name, None)
    for name, allowed in CHOICES.items():
        if name in case.body:
            case.body[name] = draw.draw(st.sampled_from(allowed), label=name)
    if case.body.get("webhook_url") is not None:
        case.body["webhook_url"] = hook_url(case.body["webhook_url"])
    data = {name: str(value) for name, value in case.body.items() if value is not None}
    return {"files": files, "data": data}


@pytest.fixture
def fuzzed_server(tmp_path: Path, database_url: str) -> Iterator[tuple[ServerProcess, Customer]]:
    """A live server whose limits do not stop the fuzzer before the validators do.

    It runs in a process of its own: on CPython 3.11 the `ast` module keeps one recursion
    counter per interpreter, so a server thread building an AST (anyio's lazy imports do)
    while hypothesis parses source in the test's thread raised a spurious SystemError.
    """
    limits = {"FITROOM_MAX_QUEUE": "100000", "FITROOM_LOG_LEVEL": "WARNING"}
    with fitroom_serve(tmp_path, database_url, TEST_ENGINE, **limits) as server:
        yield server, make_customer(server.settings, balance=1_000_000)


def known_targets(server: ServerProcess, customer: Customer) -> dict[str, str]:
    """A finished job and one of its signed file links, for path parameters that exist."""
    files = [("person_image", ("p.jpg", PERSON, "image/jpeg")), ("garment_image", ("g.png", GARMENT, "image/png"))]
    answer = httpx.post(
        f"{server.url}/api/v1/generate", headers={**customer.headers, "Prefer": "wait=30"}, files=files, timeout=60
    )
    assert answer.status_code == 200, answer.text
    return {"job_id": answer.json()["job_id"], "output_url": answer.json()["output_url"]}


class Fuzzer:
    """Runs an operation's cases against the server and keeps the figures and the failures."""

    def __init__(self, server: ServerProcess, customer: Customer, spec: dict[str, Any]) -> None:
        self.server, self.spec = server, spec
        self.auth = {"X-API-Key": customer.key, "Authorization": f"Bearer {customer.key}"}
        self.session = requests.Session()
        self.tried: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.failures: dict[tuple[str, int, str], str] = {}

    def run(self, operation: Any, mode: GenerationMode, strategy: st.SearchStrategy[Case]) -> None:
        responses = self.spec["paths"][operation.path][operation.method.lower()]["responses"]
        documented = {int(status) for status in responses if status.isdigit()}

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, deep=st.booleans(), data=st.data())
        def fuzz(case: Case, deep: bool, data: st.DataObject) -> None:
            send = deepen(case, self.spec, data) if deep and mode is GenerationMode.POSITIVE else {}
            try:
                response = case.call(
                    base_url=self.server.url, session=self.session, headers=self.auth, timeout=60, **send
                )
            except (requests.exceptions.InvalidHeader, UnicodeError, ValueError):
                return  # the client library refused to send it: nothing reached the server
            self.tried[operation.label] += 1
            self.statuses[response.status_code] += 1
            problems = []
            try:
                case.validate_response(response, checks=CHECKS)
            except FailureGroup as group:
                problems += [str(failure.title) for failure in group.exceptions]
            if response.status_code not in documented:
                problems.append(f"status {response.status_code} is not documented ({sorted(documented)})")
            if response.status_code >= 400:
                problems += envelope_problems(operation.path, response.json())
            elif "json" in response.headers.get("content-type", ""):
                documented_as = responses.get(str(response.status_code), {}).get("content", {})
                if not documented_as.get("application/json", {}).get("schema"):
                    problems.append(f"no schema documents the {response.status_code} answer")
            if problems:
                self.failures.setdefault(
                    (operation.label, response.status_code, "; ".join(problems)),
                    f"{operation.label} [{mode.value}] -> {response.status_code} {response.text[:300]}\n"
                    f"    {'; '.join(problems)}\n    {case.as_curl_command(headers=self.auth)[:600]}",
                )

        fuzz()


def test_every_operation_of_every_dialect_survives_fuzzing(
    fuzzed_server: tuple[ServerProcess, Customer], capsys: pytest.CaptureFixture[str]
) -> None:
    server, customer = fuzzed_server
    spec = httpx.get(f"{server.url}/openapi.json").json()
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    known = known_targets(server, customer)
    file_url = httpx.URL(known["output_url"])
    file_query = dict(file_url.params)
    fuzzer = Fuzzer(server, customer, spec)
    started = time.monotonic()

    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        path_names = [p.name for p in operation.path_parameters]
        file_key = file_url.path.removeprefix("/files/")
        real = {name: (file_key if name == "key" else known["job_id"]) for name in path_names}
        fuzzer.run(
            operation,
            GenerationMode.POSITIVE,
            st.one_of(
                operation.as_strategy(GenerationMode.POSITIVE),
                operation.as_strategy(
                    GenerationMode.POSITIVE, path_parameters=real or None, query=file_query if "key" in real else None
                ),
            ),
        )
        if path_names or operation.query or operation.headers or operation.body:  # else nothing to break
            fuzzer.run(operation, GenerationMode.NEGATIVE, operation.as_strategy(GenerationMode.NEGATIVE))

    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\n[security figures] fuzz ({server.settings.resolved_database_url.split(':')[0]}): "
            f"{len(operations)} endpoints fuzzed, {sum(fuzzer.tried.values())} cases tried in {elapsed:.0f} s; "
            f"statuses {dict(sorted(fuzzer.statuses.items()))}"
        )
    assert len(operations) >= 11 and all(fuzzer.tried[o.label] for o in operations), fuzzer.tried
    assert not fuzzer.failures, f"{len(fuzzer.failures)} distinct failures:\n" + "\n".join(fuzzer.failures.values())
    assert httpx.get(f"{server.url}/readyz").status_code == 200


# --- what the fuzzer found, pinned -----------------------------------------------------------


def upload(fields: dict[str, str]) -> dict[str, Any]:
    files = [("person_image", ("p.jpg", PERSON, "image/jpeg")), ("garment_image", ("g.png", GARMENT, "image/png"))]
    return {"files": files, "data": fields}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"webhook_secret": "se\x00cret"}, "webhook_secret"),
        ({"webhook_secret": "tab\tbed"}, "webhook_secret"),
        ({"webhook_url": "https://hooks.example/\x00"}, "webhook_url"),
        ({"webhook_url": "https://hooks.example/" + "a" * 2100}, "webhook_url"),
    ],
)
def test_text_the_database_cannot_hold_is_refused_as_invalid(
    client: Any, customer: Customer, fields: dict[str, str], field: str
) -> None:
    """PostgreSQL refuses NUL bytes in text: such fields used to reach the INSERT and answer 500."""
    answer = client.post("/api/v1/generate", headers=customer.headers, **upload(fields))
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == {**answer.json()["error"], "code": "invalid_request", "field": field}


@pytest.mark.parametrize("path", ["/api/v1/jobs/{}", "/api/v1/virtual-try-on/{}", "/v1/status/{}"])
@pytest.mark.parametrize(
    "job_id",
    ["%00", "a%00b", "7d1c6f0e-4b1a-4c55-9a0e-2f3b8d9c1e4%00", "%25", "_", "*", "x" * 5000],
    ids=["nul", "inner-nul", "uuid-nul", "percent", "underscore", "star", "long"],
)
def test_ids_that_cannot_name_a_job_are_not_found(client: Any, customer: Customer, path: str, job_id: str) -> None:
    """A NUL byte in a job id used to reach PostgreSQL and answer 500."""
    headers = {**customer.headers, "Authorization": f"Bearer {customer.key}"}
    answer = client.get(path.format(job_id), headers=headers)
    assert answer.status_code == 404, answer.text
    assert "not_found" in answer.text


@pytest.mark.parametrize("signature", ["é", "\u0394" * 64, "%00", "0" * 10000], ids=["accent", "greek", "nul", "long"])
def test_file_links_with_odd_signatures_are_forbidden(client: Any, signature: str) -> None:
    """A non-ASCII signature used to crash `hmac.compare_digest` (500)."""
    answer = client.get("/files/jobs/x/output-0.jpeg", params={"expires": str(2**40), "signature": signature})
    assert answer.status_code == 403, answer.text
    assert answer.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("prefer", ["wait=" + "9" * 5000, "wait=" + "0" * 5000 + "5", "wait=99999999999999999999"])
def test_a_prefer_wait_of_any_length_is_capped(client: Any, customer: Customer, prefer: str) -> None:
    """Over 4300 digits used to answer 500, after the job was accepted and its credits reserved."""
    answer = client.post("/api/v1/generate", headers={**customer.headers, "Prefer": prefer}, **upload({}))
    assert answer.status_code in (200, 202), answer.text
