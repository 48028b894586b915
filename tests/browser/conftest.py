"""Fixtures for browser tests: headless Debian Chromium via Playwright, with axe-core.

Fixtures:
    browser       session-scoped Playwright Browser (Chromium from the ``chromium`` package)
    context       a fresh BrowserContext per test (own cookies; desktop viewport, en-GB)
    page          a Page in that context; JavaScript errors are collected in ``page_errors``
    page_errors   list of console errors and uncaught exceptions seen by ``page``
    signed_in     signed_in(user) -> a Page signed in as ``user`` on ``live_server``, in its own
                  context (closed after the test); see candour.testing.browser.signed_in_page

Every test in tests/browser/ is marked ``browser``. When Chromium, axe-core or the built
assets are missing, the tests are skipped with the reason, except when $CI is set: then
they fail, so CI cannot pass without running them. Use pytest-django's ``live_server``
for the application under test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from candour.testing.browser import BASE_DIR, launch_chromium, missing_requirements, new_context, signed_in_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

# Playwright's sync API runs an asyncio event loop in this thread, so Django would refuse
# ORM calls from the test ("SynchronousOnlyOperation"). The calls really are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
BUILT_CSS = BASE_DIR / "static" / "css" / "app.css"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run, and CI is set: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    problems = missing_requirements()
    if not BUILT_CSS.is_file():
        problems.append("static/css/app.css is missing: run scripts/build-assets.sh")
    if problems:
        _unavailable("; ".join(problems))

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = launch_chromium(playwright)
    except Exception as exc:
        playwright.stop()
        _unavailable(f"Chromium failed to start: {exc}")
        raise
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = new_context(browser)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def page(context: BrowserContext, page_errors: list[str]) -> Page:
    page = context.new_page()
    page.on(
        "console",
        lambda message: page_errors.append(f"console.{message.type}: {message.text}")
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: page_errors.append(f"uncaught: {error}"))
    return page


@pytest.fixture
def signed_in(browser: Browser, live_server: Any) -> Iterator[Callable[[Any], Page]]:
    """``signed_in(user)``: a new page signed in as ``user``, each in its own context (own
    cookies); every context is closed after the test."""
    contexts: list[BrowserContext] = []

    def open_as(user: Any) -> Page:
        page = signed_in_page(browser, user, live_server.url)
        contexts.append(page.context)
        return page

    try:
        yield open_as
    finally:
        for ctx in contexts:
            ctx.close()
