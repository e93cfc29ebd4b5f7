"""The dashboard in a real headless Chromium (Debian's, installed by `make install`), against a live server.

One journey per database: sign in (after a wrong password), make a key, run a try-on in every
dialect from the playground and see the image, follow the jobs, revoke the key and see the API
refuse it, and find that forged posts and other accounts' jobs get nowhere. Every page is saved
to screenshots/ at laptop (1280 px) and phone (390 px) widths, and no page may scroll sideways.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, BrowserContext, FilePayload, Page, ViewportSize, expect, sync_playwright

from tests.support.app import LiveServer, serving
from tests.support.images import flat_photo, garment_photo, person_photo
from tests.support.waiting import wait_until
from tests.test_dashboard import PASSWORD, make_user, submit_job

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "screenshots"
#: Headless, no sandbox (tests run as root in containers), and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-extensions",
    "--disable-breakpad",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-default-browser-check",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 860}
PHONE: ViewportSize = {"width": 390, "height": 844}
RESULT_LOADED = """() => [...document.querySelectorAll('[data-testid="result-image"]')]
    .some((img) => img.complete && img.naturalWidth > 0)"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make install` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """Webhooks may go to loopback here, so a job can show its deliveries."""
    with serving(
        tmp_path,
        database_url,
        allow_private_urls=True,
        allow_http_webhooks_to_loopback=True,
        webhook_retry_seconds=[0.3],
    ) as live:
        yield live


class Tab:
    """A page that fails the test on a script error or a Content-Security-Policy violation."""

    def __init__(self, context: BrowserContext, base: str) -> None:
        self.page = context.new_page()
        self.page.set_default_timeout(20_000)
        self.base = base
        self.problems: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on(
            "console",
            lambda message: self.problems.append(message.text) if "Content Security Policy" in message.text else None,
        )

    def go(self, path: str) -> int:
        response = self.page.goto(self.base + path)
        assert response is not None
        return response.status

    def shoot(self, name: str) -> None:
        """Save the whole page; at any width the page must fit without scrolling sideways."""
        width = (self.page.viewport_size or DESKTOP)["width"]
        SHOTS.mkdir(exist_ok=True)
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = self.page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{name} is {overflow} px wide at {width} px"
        assert not self.problems, self.problems


def photo(name: str, data: bytes, media_type: str = "image/png") -> FilePayload:
    return {"name": name, "mimeType": media_type, "buffer": data}


def drop_file(page: Page, zone: str, name: str, data: bytes, media_type: str) -> None:
    """Drag and drop a file onto a playground drop zone, as a person does from their desktop."""
    page.evaluate(
        """([zone, name, b64, type]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type }));
            const target = document.querySelector(`[data-drop="${zone}"]`);
            target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        [zone, name, base64.b64encode(data).decode(), media_type],
    )


def run_try_on(tab: Tab) -> None:
    """Press Run and wait for the finished job's image to be on the page."""
    page = tab.page
    page.click("#pg-run")
    expect(page.locator("#pg-state")).to_have_text("Completed", timeout=60_000)
    page.wait_for_function(RESULT_LOADED)
    expect(page.locator("#pg-error")).to_be_hidden()


def test_the_dashboard_in_a_real_browser(browser: Browser, server: LiveServer, image_server: str) -> None:
    admin = make_user(server.settings, "ada@shop.example", admin=True, balance=60)
    other = make_user(server.settings, "bob@other.example", balance=10)
    their_job = submit_job(requests.Session(), server.url, other)
    failed_job = requests.post(  # no person in the photo; the webhook receiver refuses POSTs
        f"{server.url}/api/v1/generate",
        headers=admin.headers,
        files=[("person_image", ("wall.jpg", flat_photo())), ("garment_image", ("tee.png", garment_photo()))],
        data={"swap_target": "top", "webhook_url": f"{image_server}/hook"},
        timeout=30,
    ).json()["job_id"]
    desktop = browser.new_context(viewport=DESKTOP)
    tab = Tab(desktop, server.url)
    page = tab.page

    # Signed out, every page leads to sign-in; a wrong password is refused.
    tab.go("/dashboard/keys")
    assert page.url.endswith("/login?next=/dashboard/keys")
    tab.shoot("sign-in")
    page.fill("#email", admin.email)
    page.fill("#password", "not my password")
    page.click("button[type=submit]")
    expect(page.locator(".alert.error")).to_contain_text("do not match an account")
    assert page.input_value("#password") == ""
    tab.shoot("sign-in-refused")
    tab.go("/login/setup")
    tab.shoot("set-password")

    tab.go("/login?next=/dashboard/keys")
    page.fill("#email", admin.email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard/keys")

    # A key, shown once, taken to the playground.
    page.fill("#key-name", "browser test")
    page.click("text=Create key")
    key = page.inner_text("[data-testid=new-key]").strip()
    assert key.startswith("fr_")
    prefix = key.split("_")[1]
    tab.shoot("api-keys-new-key")
    page.click("text=Use in playground")
    page.wait_for_url("**/dashboard/playground")
    assert page.input_value("#pg-key") == key
    tab.shoot("playground")

    # VirtuFit: person picked, garment dropped; the request as curl; the real request runs to the image.
    page.set_input_files("#pg-person", photo("person.jpg", person_photo(), "image/jpeg"))
    drop_file(page, "garment", "red tee.png", garment_photo(), "image/png")
    expect(page.locator('[data-drop="garment"]')).to_have_class(re.compile(r"\bfilled\b"))
    expect(page.locator('[data-drop="person"] .preview img')).to_have_attribute("src", re.compile("^blob:"))
    curl = page.inner_text("#pg-curl")
    assert f'curl -X POST "{server.url}/api/v1/generate"' in curl
    assert '-F "person_image=@person.jpg"' in curl and '-F "garment_image=@red tee.png"' in curl
    assert "$FITROOM_API_KEY" in curl and key not in curl
    page.select_option("#pg-target", "top")
    run_try_on(tab)
    assert " · done in " in page.inner_text("#pg-out-sub")
    expect(page.locator("#pg-http")).to_have_text("HTTP 200")
    tab.shoot("playground-virtufit-result")

    # Miragic combo and FASHN: the same photos through the other dialects.
    page.click("label[for=d-miragic]")
    page.set_input_files("#pg-bottom", photo("jeans.png", garment_photo((30, 40, 120)), "image/png"))
    assert '-F "bottomClothImage=@jeans.png"' in page.inner_text("#pg-curl")
    run_try_on(tab)
    tab.shoot("playground-miragic-result")
    page.click("label[for=d-fashn]")
    assert "base64 -w0" in page.inner_text("#pg-curl")
    run_try_on(tab)
    tab.shoot("playground-fashn-result")
    expect(page.locator("[data-balance]")).to_have_text("57")

    # The jobs, their images, and the money.
    tab.go("/dashboard/jobs")
    expect(page.locator("tbody tr")).to_have_count(4)
    tab.shoot("jobs")
    page.click("a:has-text('Failed')")
    expect(page.locator("tbody tr")).to_have_count(1)
    wait_until(
        lambda: (
            requests.get(f"{server.url}/api/v1/jobs/{failed_job}", headers=admin.headers, timeout=10).json()["webhook"][
                "status"
            ]
            == "failed"
        ),
        30,
        "the webhook to fail",
    )
    page.locator("tbody tr a.row-link").click()
    expect(page.locator(".alert.error")).to_contain_text("no_person_detected")
    expect(page.locator("tr.webhook-try")).to_have_count(2)  # the first try and the one retry
    expect(page.locator("tr.webhook-try .badge").first).to_have_text(re.compile(r"^HTTP 5\d\d$"))
    tab.shoot("job-failed")
    tab.go("/dashboard/jobs")
    page.locator("tbody tr a.row-link").first.click()
    page.wait_for_function("() => document.querySelector('[data-testid=output-image]')?.naturalWidth > 0")
    expect(page.locator(".page-head .badge")).to_have_text("completed")
    tab.shoot("job")
    tab.go("/dashboard")
    expect(page.locator("[data-testid=balance]")).to_have_text("57")
    tab.shoot("overview")
    tab.go("/dashboard/credits")
    tab.shoot("credits")
    tab.go("/dashboard/docs")
    page.click("button[data-tab=quick-2]")
    expect(page.locator("#quick-2")).to_be_visible()
    tab.shoot("docs")

    # The admin grants credits to another account.
    tab.go("/dashboard/accounts")
    row = page.locator('tr[data-account="bob@other.example"]')
    row.locator("input[name=amount]").fill("15")
    row.get_by_role("button", name="Grant").click()
    expect(page.locator(".alert.success")).to_contain_text("Granted 15 credits to bob@other.example")
    expect(page.locator('tr[data-account="bob@other.example"] [data-testid=account-balance]')).to_have_text("24")
    tab.shoot("accounts")

    # Another account's job is not there, in the pages or through the API with this session.
    assert tab.go(f"/dashboard/jobs/{their_job}") == 404
    expect(page.locator("h1")).to_have_text("Job not found")
    tab.shoot("not-found")
    assert page.evaluate(f"fetch('/api/v1/jobs/{their_job}').then((r) => r.status)") == 404

    # A post without the form's CSRF token changes nothing.
    forged = (
        "fetch('/dashboard/keys', {method: 'POST', body: new URLSearchParams({name: 'forged'})}).then((r) => r.status)"
    )
    assert page.evaluate(forged) == 403
    tab.go("/dashboard/keys")
    expect(page.locator("tr[data-key-prefix]")).to_have_count(2)  # the fixture's key and "browser test"

    # Revoking the key: the API refuses it from then on, and the playground shows why.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f'tr[data-key-prefix="{prefix}"] button:has-text("Revoke")').click()
    expect(page.locator(".alert.success")).to_contain_text("is revoked")
    expect(page.locator(f'tr[data-key-prefix="{prefix}"] .badge')).to_have_text("revoked")
    tab.shoot("api-keys")
    refused = requests.get(f"{server.url}/api/v1/jobs/{their_job}", headers={"X-API-Key": key}, timeout=10)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_api_key"
    tab.go("/dashboard/playground")
    assert page.input_value("#pg-key") == key
    page.set_input_files("#pg-person", photo("person.jpg", person_photo(), "image/jpeg"))
    page.set_input_files("#pg-garment", photo("tee.png", garment_photo(), "image/png"))
    page.click("#pg-run")
    expect(page.locator("#pg-error")).to_contain_text("invalid_api_key")
    expect(page.locator("#pg-http")).to_have_text("HTTP 401")
    tab.shoot("playground-refused")

    # The same pages on a phone, signed in with the same session; a try-on there too.
    phone = browser.new_context(viewport=PHONE, storage_state=desktop.storage_state(), is_mobile=True, has_touch=True)
    small = Tab(phone, server.url)
    for path, name in (
        ("/dashboard", "overview"),
        ("/dashboard/keys", "api-keys"),
        ("/dashboard/credits", "credits"),
        ("/dashboard/jobs", "jobs"),
        ("/dashboard/docs", "docs"),
        ("/dashboard/accounts", "accounts"),
        (f"/dashboard/jobs/{failed_job}", "job-failed"),
        (f"/dashboard/jobs/{their_job}", "not-found"),
    ):
        small.go(path)
        small.shoot(name)
    small.go("/dashboard/jobs")
    small.page.locator("tbody tr a.row-link").first.click()
    small.page.wait_for_function("() => document.querySelector('[data-testid=output-image]')?.naturalWidth > 0")
    small.shoot("job")
    small.go("/dashboard/keys")
    small.page.fill("#key-name", "phone")
    small.page.click("text=Create key")
    small.shoot("api-keys-new-key")
    small.go("/dashboard/playground")
    small.page.fill("#pg-key", "")
    small.page.click("#pg-new-key")
    expect(small.page.locator("#pg-key-note")).to_contain_text("created")
    small.shoot("playground")
    small.page.set_input_files("#pg-person", photo("me.jpg", person_photo(), "image/jpeg"))
    small.page.set_input_files("#pg-garment", photo("tee.png", garment_photo(), "image/png"))
    run_try_on(small)
    small.shoot("playground-virtufit-result")
    phone.close()

    signed_out = browser.new_context(viewport=PHONE, is_mobile=True)
    stranger = Tab(signed_out, server.url)
    stranger.go("/login")
    stranger.shoot("sign-in")
    stranger.go("/login/setup")
    stranger.shoot("set-password")
    signed_out.close()

    # Signing out ends the session.
    tab.go("/dashboard")
    page.locator(".sidebar button:has-text('Sign out')").click()
    expect(page.locator(".alert.info")).to_contain_text("You are signed out")
    tab.go("/dashboard")
    assert page.url.endswith("/login")
    desktop.close()
