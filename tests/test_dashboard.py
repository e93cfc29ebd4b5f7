"""The dashboard over HTTP (SPEC section 6): sign-in, sessions, CSRF, keys, jobs, admin, error pages.

What a browser does is driven by Playwright in test_dashboard_browser.py; these tests pin the
server's answers (statuses, cookies, what a page shows and hides) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests
from fastapi.testclient import TestClient
from httpx import Response

from fitroom import accounts
from fitroom.db import Database
from fitroom.jobs import credits
from fitroom.settings import Settings
from fitroom.web import sessions
from tests.support.app import Customer, serving
from tests.support.images import garment_photo, person_photo
from tests.support.waiting import wait_until

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_SNIPPET = re.compile(r'<pre [^>]*data-snippet="([^"]+)" data-language="([^"]+)"[^>]*>(.*?)</pre>', re.S)


def make_user(
    settings: Settings,
    email: str | None = None,
    *,
    password: str | None = PASSWORD,
    admin: bool = False,
    balance: int = 100,
) -> Customer:
    """An account with a password (or none), credits and one API key."""
    db = Database(settings.resolved_database_url)
    try:
        with db.session() as session:
            account = accounts.create_account(
                session, email or f"{uuid.uuid4().hex[:8]}@shop.example", password=password, is_admin=admin
            )
            if balance:
                credits.grant(session, account.id, balance, note="test credits")
            return Customer(account.id, accounts.create_key(session, account), account.email)
    finally:
        db.dispose()


def csrf_of(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> Response:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )


def submit_job(client: TestClient | requests.Session, base: str, customer: Customer) -> str:
    answer = client.post(
        f"{base}/api/v1/generate",
        headers=customer.headers,
        files=[("person_image", ("person.jpg", person_photo())), ("garment_image", ("tee.png", garment_photo()))],
        data={"swap_target": "top"},
    )
    assert answer.status_code == 202, answer.text
    job_id: str = answer.json()["job_id"]
    return job_id


def is_html(response: Response) -> bool:
    return response.headers["content-type"].startswith("text/html")


def test_pages_need_a_signed_in_visitor(client: TestClient) -> None:
    for path, location in (
        ("/", "/login"),
        ("/dashboard", "/login"),
        ("/dashboard/keys", "/login?next=/dashboard/keys"),
        ("/dashboard/jobs?status=failed", "/login?next=/dashboard/jobs%3Fstatus%3Dfailed"),
    ):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == location, path
    login = client.get("/login")
    assert login.status_code == 200 and is_html(login)
    assert "script-src 'self'" in login.headers["content-security-policy"]
    assert login.headers["x-frame-options"] == "DENY"


def test_sign_in_sets_a_signed_httponly_samesite_cookie_and_sign_out_ends_it(
    client: TestClient, settings: Settings
) -> None:
    user = make_user(settings)
    client.get("/login")
    anonymous = client.cookies.get("fitroom_session")
    assert anonymous
    answer = sign_in(client, user.email.upper())
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert client.cookies.get("fitroom_session") != anonymous  # a new session on sign-in
    overview = client.get("/dashboard")
    assert overview.status_code == 200 and user.email in overview.text and "Credits balance" in overview.text

    token = csrf_of(overview.text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).headers["location"] == "/login"
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_forged_or_stale_cookie_is_signed_out(client: TestClient, settings: Settings) -> None:
    user = make_user(settings)
    sign_in(client, user.email)
    value = client.cookies.get("fitroom_session") or ""
    body, _, signature = value.partition(".")
    client.cookies.set("fitroom_session", body + "." + signature[::-1])
    assert client.get("/dashboard", follow_redirects=False).status_code == 303

    client.cookies.set("fitroom_session", value)
    assert client.get("/dashboard").status_code == 200
    db = Database(settings.resolved_database_url)
    with db.session() as session:  # a new password ends the sessions of the old one
        accounts.get_account(session, user.email).password_hash = accounts.hash_password("another password!")
    db.dispose()
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_wrong_password_or_unknown_email_is_refused(client: TestClient, settings: Settings) -> None:
    user = make_user(settings)
    for email, password in ((user.email, "not the password"), ("nobody@shop.example", PASSWORD)):
        answer = sign_in(client, email, password)
        assert answer.status_code == 401 and is_html(answer)
        assert "do not match an account" in answer.text and password not in answer.text
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_sign_in_is_throttled_after_five_failures(client: TestClient, settings: Settings) -> None:
    user = make_user(settings)
    for _ in range(5):
        assert sign_in(client, user.email, "wrong").status_code == 401
    answer = sign_in(client, user.email)  # even the right password waits now
    assert answer.status_code == 429 and int(answer.headers["retry-after"]) > 0
    assert "Too many attempts" in answer.text
    other = make_user(settings)
    assert sign_in(client, other.email).status_code == 303  # other emails are not locked out


def test_every_form_needs_its_csrf_token(client: TestClient, settings: Settings) -> None:
    user = make_user(settings, admin=True)
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 403
    sign_in(client, user.email)
    keys_before = client.get("/dashboard/keys").text.count("data-key-prefix")
    posts = [
        ("/dashboard/keys", {"name": "forged"}),
        ("/dashboard/keys", {"name": "forged", "csrf_token": "not-the-token"}),
        (f"/dashboard/keys/{user.key.split('_')[1]}/revoke", {}),
        (f"/dashboard/accounts/{user.account_id}/grant", {"amount": "1000"}),
        ("/dashboard/accounts", {"email": "x@shop.example", "password": "long enough password"}),
        ("/dashboard/playground/key", {}),
        ("/logout", {}),
    ]
    for path, form in posts:
        answer = client.post(path, data=form, follow_redirects=False)
        assert answer.status_code == 403 and is_html(answer) and "Form expired" in answer.text, path
    assert client.get("/dashboard/keys").text.count("data-key-prefix") == keys_before
    assert client.get(f"/api/v1/jobs/{uuid.uuid4()}", headers=user.headers).status_code == 404  # key not revoked
    assert client.get("/dashboard", follow_redirects=False).status_code == 200  # still signed in
    assert client.get("/v1/credits", headers={"Authorization": f"Bearer {user.key}"}).json()["credits"]["total"] == 100


def test_a_key_is_shown_once_and_revoking_it_locks_the_api_out(client: TestClient, settings: Settings) -> None:
    user = make_user(settings)
    sign_in(client, user.email)
    page = client.get("/dashboard/keys").text
    made = client.post("/dashboard/keys", data={"name": "  my   shop ", "csrf_token": csrf_of(page)})
    key = re.search(r'data-testid="new-key">(fr_[^<]+)<', made.text)
    assert made.status_code == 200 and key and "my shop" in made.text
    new_key = html.unescape(key.group(1))
    prefix = new_key.split("_")[1]
    assert client.get("/api/v1/jobs/none", headers={"X-API-Key": new_key}).status_code == 404  # the key works

    listing = client.get("/dashboard/keys").text
    assert new_key not in listing and f"fr_{prefix}_…" in listing
    revoked = client.post(
        f"/dashboard/keys/{prefix}/revoke", data={"csrf_token": csrf_of(listing)}, follow_redirects=True
    )
    assert "is revoked" in revoked.text and "revoked</span>" in revoked.text
    refused = client.get("/api/v1/jobs/none", headers={"X-API-Key": new_key})
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_api_key"

    other = make_user(settings)  # someone else's key is not revocable from here
    answer = client.post(f"/dashboard/keys/{other.key.split('_')[1]}/revoke", data={"csrf_token": csrf_of(listing)})
    assert answer.status_code == 404 and is_html(answer)
    assert client.get("/api/v1/jobs/none", headers=other.headers).status_code == 404


def test_the_playground_key_comes_back_once_as_json(client: TestClient, settings: Settings) -> None:
    user = make_user(settings)
    sign_in(client, user.email)
    token = csrf_of(client.get("/dashboard/playground").text)
    made = client.post("/dashboard/playground/key", headers={"X-CSRF-Token": token})
    assert made.status_code == 200 and made.json()["name"] == "playground"
    key = made.json()["key"]
    assert client.get("/v1/credits", headers={"Authorization": f"Bearer {key}"}).json()["credits"]["total"] == 100
    assert key not in client.get("/dashboard/keys").text


def test_jobs_pages_show_only_the_accounts_own_jobs(client: TestClient, settings: Settings) -> None:
    user, other = make_user(settings), make_user(settings)
    mine, theirs = submit_job(client, "", user), submit_job(client, "", other)
    wait_until(
        lambda: client.get(f"/api/v1/jobs/{mine}", headers=user.headers).json()["status"] == "completed",
        30,
        "the job to finish",
    )
    sign_in(client, user.email)
    listing = client.get("/dashboard/jobs")
    assert mine[:8] in listing.text and theirs[:8] not in listing.text
    assert mine[:8] in client.get("/dashboard/jobs?status=completed").text
    assert mine[:8] not in client.get("/dashboard/jobs?status=failed").text
    detail = client.get(f"/dashboard/jobs/{mine}")
    assert detail.status_code == 200 and 'data-testid="output-image"' in detail.text and "Timings" in detail.text

    answer = client.get(f"/dashboard/jobs/{theirs}")
    assert answer.status_code == 404 and is_html(answer) and "Job not found" in answer.text
    assert client.get(f"/dashboard/jobs/{uuid.uuid4()}").status_code == 404


def test_job_status_takes_the_session_but_a_sent_key_alone_decides(client: TestClient, settings: Settings) -> None:
    user, other = make_user(settings), make_user(settings)
    mine, theirs = submit_job(client, "", user), submit_job(client, "", other)
    anonymous = client.get(f"/api/v1/jobs/{mine}")
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "missing_api_key"
    sign_in(client, user.email)
    assert client.get(f"/api/v1/jobs/{mine}").json()["job_id"] == mine
    refused = client.get(f"/api/v1/jobs/{theirs}")
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"

    wrong_key = client.get(f"/api/v1/jobs/{mine}", headers={"X-API-Key": "fr_00000000_nope"})
    assert wrong_key.status_code == 401 and wrong_key.json()["error"]["code"] == "invalid_api_key"
    assert client.get(f"/api/v1/jobs/{mine}", headers=other.headers).status_code == 404  # read as the key's account
    assert client.get(f"/api/v1/jobs/{theirs}", headers=other.headers).status_code == 200


def test_pages_answer_html_errors_and_the_api_keeps_json(client: TestClient, settings: Settings) -> None:
    assert is_html(client.get("/dashboard/nope", follow_redirects=False))  # signed out: still HTML
    user = make_user(settings)
    sign_in(client, user.email)
    for path, status in (("/dashboard/nope", 404), ("/dashboard/jobs?page=first", 400), ("/static/nope.css", 404)):
        answer = client.get(path)
        assert answer.status_code == status and is_html(answer), path
    assert client.put("/login").status_code == 405 and is_html(client.put("/login"))
    api = client.get("/api/v1/nope")
    assert api.status_code == 404 and api.json()["success"] is False
    assert client.get("/v1/status/none").json()["error"] == "UnauthorizedAccess"
    bad = client.get("/api/v1/jobs/x", headers={"X-API-Key": "fr_1_2"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "invalid_api_key"


def test_admins_see_accounts_grant_credits_and_make_accounts(client: TestClient, settings: Settings) -> None:
    member = make_user(settings, balance=5)
    sign_in(client, member.email)
    answer = client.get("/dashboard/accounts")
    assert answer.status_code == 404 and is_html(answer)
    assert "/dashboard/accounts" not in client.get("/dashboard").text

    client.cookies.clear()
    admin = make_user(settings, admin=True)
    sign_in(client, admin.email)
    page = client.get("/dashboard/accounts").text
    assert member.email in page and admin.email in page
    granted = client.post(
        f"/dashboard/accounts/{member.account_id}/grant",
        data={"amount": "25", "note": "launch bonus", "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert f"Granted 25 credits to {member.email}. New balance: 30." in granted.text
    too_many = client.post(
        f"/dashboard/accounts/{member.account_id}/grant",
        data={"amount": "-3", "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert "whole number of credits" in too_many.text
    made = client.post(
        "/dashboard/accounts",
        data={
            "email": "New@Shop.example",
            "password": "a long password",
            "initial_credits": "7",
            "csrf_token": csrf_of(page),
        },
        follow_redirects=True,
    )
    assert "Account new@shop.example created with 7 credits." in made.text
    duplicate = client.post(
        "/dashboard/accounts",
        data={"email": "new@shop.example", "password": "a long password", "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert "already exists" in duplicate.text

    client.cookies.clear()
    sign_in(client, member.email)
    ledger = client.get("/dashboard/credits").text
    assert "launch bonus" in ledger and 'data-testid="balance">30<' in ledger
    client.cookies.clear()
    assert sign_in(client, "new@shop.example", "a long password").status_code == 303


def test_the_first_admin_sets_a_password_with_its_api_key(client: TestClient, settings: Settings) -> None:
    admin = make_user(settings, "admin@fitroom.local", password=None, admin=True)
    assert sign_in(client, admin.email, "").status_code == 401  # no password: no sign-in
    page = client.get("/login/setup").text
    form = {"api_key": admin.key, "password": "short", "confirm": "short", "csrf_token": csrf_of(page)}
    assert "at least 10 characters" in client.post("/login/setup", data=form).text
    bad_key = {**form, "api_key": "fr_00000000_wrong", "password": "long enough!", "confirm": "long enough!"}
    assert "not valid" in client.post("/login/setup", data=bad_key).text
    done = client.post(
        "/login/setup", data={**form, "password": "long enough!", "confirm": "long enough!"}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == "/dashboard"
    assert "Password set" in client.get("/dashboard").text

    client.cookies.clear()
    again = {
        **form,
        "password": "taking it over",
        "confirm": "taking it over",
        "csrf_token": csrf_of(client.get("/login/setup").text),
    }
    assert "already has a password" in client.post("/login/setup", data=again).text
    assert sign_in(client, admin.email, "long enough!").status_code == 303


def test_sign_in_only_returns_to_local_pages(client: TestClient, settings: Settings) -> None:
    user = make_user(settings)
    token = csrf_of(client.get("/login").text)
    for target, expected in (
        ("/dashboard/jobs?status=failed", "/dashboard/jobs?status=failed"),
        ("//evil.example/x", "/dashboard"),
        ("https://evil.example/", "/dashboard"),
    ):
        client.cookies.clear()
        token = csrf_of(client.get("/login").text)
        answer = client.post(
            "/login",
            data={"email": user.email, "password": PASSWORD, "next": target, "csrf_token": token},
            follow_redirects=False,
        )
        assert answer.headers["location"] == expected, target


def test_passwords_and_keys_never_reach_logs_or_later_pages(
    tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="uvicorn.access")
    with serving(tmp_path, database_url) as server:
        user = make_user(server.settings)
        browser = requests.Session()
        login = browser.get(f"{server.url}/login").text
        signed = browser.post(
            f"{server.url}/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_of(login)}
        )
        assert signed.url.endswith("/dashboard")
        made = browser.post(
            f"{server.url}/dashboard/keys", data={"name": "secret test", "csrf_token": csrf_of(signed.text)}
        )
        key = html.unescape(re.search(r'data-testid="new-key">(fr_[^<]+)<', made.text).group(1))  # type: ignore[union-attr]
        job = submit_job(browser, server.url, Customer(user.account_id, key, user.email))
        pages = [
            browser.get(f"{server.url}{p}").text
            for p in (
                "/dashboard",
                "/dashboard/keys",
                "/dashboard/credits",
                "/dashboard/jobs",
                f"/dashboard/jobs/{job}",
                "/dashboard/playground",
                "/dashboard/docs",
            )
        ]
    logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert "/dashboard/keys" in logged  # the access log was captured, so its silence means something
    for secret in (PASSWORD, key, user.key):
        assert secret not in logged
        assert all(secret not in page for page in pages)


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "example"
    folder.mkdir()
    (folder / "person.jpg").write_bytes(person_photo())
    (folder / "garment.jpg").write_bytes(garment_photo(fmt="JPEG"))
    return folder


@pytest.mark.slow
def test_the_docs_examples_run_as_written(tmp_path: Path, database_url: str, example_dir: Path) -> None:
    """The quick start is copied from the page and run: cURL, Python, JavaScript and the FASHN SDK."""
    with serving(tmp_path, database_url) as server:
        user = make_user(server.settings)
        browser = requests.Session()
        login = browser.get(f"{server.url}/login").text
        browser.post(
            f"{server.url}/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_of(login)}
        )
        page = browser.get(f"{server.url}/dashboard/docs").text
        snippets = {name: (language, html.unescape(code)) for name, language, code in _SNIPPET.findall(page)}
        assert set(snippets) == {"cURL", "Python", "JavaScript", "Miragic", "FASHN (Python SDK)"}
        env = {**os.environ, "FITROOM_API_KEY": user.key}
        runners = {
            "cURL": ["bash", "-c"],
            "Python": [sys.executable, "-c"],
            "FASHN (Python SDK)": [sys.executable, "-c"],
        }
        if shutil.which("node"):
            (example_dir / "tryon.mjs").write_text(snippets["JavaScript"][1])
            runners["JavaScript"] = ["node", "tryon.mjs"]
        outputs = {}
        for name, command in runners.items():
            (example_dir / "result.jpg").unlink(missing_ok=True)
            argv = command if name == "JavaScript" else [*command, snippets[name][1]]
            done = subprocess.run(argv, cwd=example_dir, env=env, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, f"{name}: {done.stderr}"
            outputs[name] = done.stdout
            if name in ("Python", "JavaScript"):
                assert (example_dir / "result.jpg").read_bytes()[:2] == b"\xff\xd8", name
        assert '"success":true' in outputs["cURL"] and '"output_url":"' in outputs["cURL"]
        assert "saved result.jpg" in outputs["Python"]
        assert outputs["FASHN (Python SDK)"].startswith("completed [")
        if "JavaScript" in outputs:
            assert "saved result.jpg" in outputs["JavaScript"]


def test_text_a_database_cannot_hold_never_breaks_a_page(client: TestClient, settings: Settings) -> None:
    """PostgreSQL refuses NUL bytes: such values are not looked up or are cleaned, never a 500."""
    admin = make_user(settings, admin=True)
    token = csrf_of(client.get("/login").text)
    assert (
        client.post("/login", data={"email": "a\x00@shop.example", "password": "x", "csrf_token": token}).status_code
        == 401
    )
    form = {
        "api_key": "fr_0000\x00000_" + "a" * 43,
        "password": "long enough!",
        "confirm": "long enough!",
        "csrf_token": token,
    }
    assert "not valid" in client.post("/login/setup", data=form).text
    sign_in(client, admin.email)
    token = csrf_of(client.get("/dashboard").text)
    assert client.get("/dashboard/jobs/a%00b").status_code == 404
    assert client.post("/dashboard/keys/a%00b/revoke", data={"csrf_token": token}).status_code == 404
    assert client.post("/dashboard/accounts/a%00b/grant", data={"amount": "1", "csrf_token": token}).status_code == 404
    made = client.post("/dashboard/keys", data={"name": "shop\x00one", "csrf_token": token})
    assert made.status_code == 200 and "Key “shop one” created" in made.text
    granted = client.post(
        f"/dashboard/accounts/{admin.account_id}/grant",
        data={"amount": "2", "note": "\x00bonus", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Granted 2 credits" in granted.text
    refused = client.post(
        "/dashboard/accounts",
        data={"email": "x\x00@shop.example", "password": "long enough!", "csrf_token": token},
        follow_redirects=True,
    )
    assert "not an email address" in refused.text


def test_signing_in_never_keeps_the_session_from_before(client: TestClient, settings: Settings) -> None:
    """Session fixation: a cookie planted before sign-in (here: the sign-in page's own) is replaced."""
    user = make_user(settings)
    client.get("/login")
    planted = client.cookies.get("fitroom_session")
    assert planted
    before = sessions.decode(planted, settings)
    assert sign_in(client, user.email).status_code == 303
    after = sessions.decode(client.cookies.get("fitroom_session") or "", settings)
    assert before is not None and after is not None
    assert after.sid != before.sid and after.csrf != before.csrf
    # The planted cookie, replayed, is still not signed in.
    replay = TestClient(client.app, base_url=str(client.base_url))
    replay.cookies.set("fitroom_session", planted)
    refused = replay.get("/dashboard", follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login")
    assert client.get("/dashboard", follow_redirects=False).status_code == 200
