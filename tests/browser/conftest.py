"""Headless Chromium (Debian's, driven by Playwright) against pytest-django's live server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, expect, sync_playwright

# Playwright's sync API keeps an asyncio loop running in the test thread, and Django
# then refuses ORM calls there (SynchronousOnlyOperation), factories included. The
# tests are synchronous code that only looks async to Django: allow it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI, where the sandbox refuses to start
    "--disable-gpu",
    # The machines have no internet: without these Chromium keeps trying to reach it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Chromium for one test (about 0.7 s to start).

    Not one per session: while Playwright's loop runs, Django's connection handler
    hands out other connection objects than those pytest-django prepared, which
    silently disables serialized_rollback (pytest-django issue 1117) and would leak
    into every later test. Started after the test's database setup and stopped
    before its flush, the loop only spans the test itself.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: `apt-get install chromium`, or set CHROMIUM_PATH "
            "(never `playwright install`, which downloads a browser).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        connections.close_all()  # the ones the test opened while the loop ran
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Page:
    """A page in a fresh context (cookies, storage); relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris"
    )
    context.set_default_timeout(10_000)
    return context.new_page()


PHONE = {"width": 390, "height": 844}
PASSWORD = "motdepasse-sur"  # tests.factories.VerifiedUserFactory's


def log_in(page: Page, email: str) -> None:
    """Sign in through allauth's form, as a person would."""
    page.goto("/comptes/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


@pytest.fixture
def phone(browser: Browser, live_server) -> Iterator[Page]:
    """A page in a phone-sized touch context."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        timezone_id="Europe/Paris",
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


SMALL_PHONE = {"width": 375, "height": 812}


@pytest.fixture
def small_phone(browser: Browser, live_server) -> Iterator[Page]:
    """A 375×812 touch context, the smallest phone the pages are drawn for."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=SMALL_PHONE,
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        timezone_id="Europe/Paris",
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """On a failed browser test, keep what the browser showed: a screenshot and the HTML."""
    report = yield
    page = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and page is not None and not page.is_closed():
        ARTIFACTS.mkdir(exist_ok=True)
        stem = ARTIFACTS / re.sub(r"[^\w.-]+", "_", item.nodeid)
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(page.content())
            report.sections.append(("browser", f"page at {page.url}, saved as {stem}.png/.html"))
        except Exception as error:  # the report matters more than the artefact
            report.sections.append(("browser", f"could not save the page: {error}"))
    return report
