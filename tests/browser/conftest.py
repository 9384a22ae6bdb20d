"""Playwright with the system's Chromium, and axe-core (from npm) on every page visited.

Outside CI a missing Chromium skips these tests with a message; in CI (CI=true) it fails.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What Chromium says when a script runs on a document the browser is leaving.
NAVIGATING = ("Execution context was destroyed", "reading 'documentElement'",
              "Cannot find context with specified id", "axe is not defined")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"),
                  shutil.which("chromium-browser"), "/usr/bin/chromium"]
    return next((c for c in candidates if c and Path(c).exists()), None)


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"Browser tests cannot run in CI: {reason}")
    pytest.skip(f"Browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found (install Debian's 'chromium' or set CHROMIUM_PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


class Axe:
    """Runs axe-core on the current page and fails on any WCAG 2.1 A/AA violation."""

    def __init__(self, page) -> None:
        if not AXE.exists():
            pytest.fail(f"axe-core is missing at {AXE}: run `npm ci` (make test does)")
        self.page = page
        self.checked: list[str] = []

    def __call__(self, label: str = "") -> None:
        # Evaluated rather than added as a <script>: the Content Security Policy forbids
        # inline scripts, and the page must not be given an exception for the test.
        csp = getattr(self.page, "csp_violations", [])
        assert not csp, f"Content Security Policy violations on {label or self.page.url}: {csp}"
        result = self._run()
        violations = [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        self.checked.append(self.page.url)
        assert not violations, (
            f"axe-core found WCAG violations on {label or self.page.url}:\n"
            + json.dumps(violations, indent=2, ensure_ascii=False)
        )


    def _run(self) -> dict:
        """axe's result for the page, once the page has loaded.

        A step that clicks a link returns before the browser has left the old page, so axe
        may start on a document being replaced ("Execution context was destroyed", or
        `document` null while the new one is parsed); then it waits for the new page to
        load and runs again, at most three times.
        """
        from playwright.sync_api import Error as PlaywrightError

        for attempt in range(3):
            self.page.wait_for_load_state("load")
            try:
                if not self.page.evaluate("typeof window.axe !== 'undefined'"):
                    self.page.evaluate(AXE.read_text(encoding="utf-8"))
                return self.page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                    AXE_TAGS,
                )
            except PlaywrightError as error:
                if attempt == 2 or not any(sign in str(error) for sign in NAVIGATING):
                    raise
        raise AssertionError("unreachable")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="hu-HU",
                                  timezone_id="Europe/Budapest")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda message: page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()


@pytest.fixture
def axe(page):
    return Axe(page)


def totp_code(device, steps_ahead: int = 0) -> str:
    """The authenticator's code now, or a step ahead (accepted within the allowed drift; a
    code may be used only once, so a second login in the same step needs the next one)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)


def log_in(page, email: str, password: str) -> None:
    """Log in through the login page; coordinators and operators also pass the one-time
    code step (enrolling an authenticator on their first login), as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("E-mail-cím").fill(email)
    page.get_by_label("Jelszó").fill(password)
    page.locator("main").get_by_role("button", name="Belépés").click()
    page.wait_for_load_state()
    if "/accounts/login/enrol/" in page.url or "/accounts/login/verify/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        enrolling = "/enrol/" in page.url
        device = TOTPDevice.objects.filter(user__email=email).order_by("-pk").first()
        page.get_by_label("Egyszer használható kód").fill(
            totp_code(device, steps_ahead=0 if enrolling else 1))
        page.locator("main").get_by_role(
            "button", name="Beállítás és belépés" if enrolling else "Belépés"
        ).click()
        if enrolling:
            page.get_by_role("link", name="Tovább").click()
            page.wait_for_load_state()
            # the "new authenticator" notice is the login's own mail, not the test's
            from django.core import mail

            if hasattr(mail, "outbox"):
                mail.outbox[:] = [m for m in mail.outbox if "második lépése" not in m.subject]
        page.wait_for_load_state()
