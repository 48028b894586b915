"""Browser-test harness: headless Debian Chromium through Playwright, axe-core, screenshots.

Playwright's own browser download needs cdn.playwright.dev, which is unreachable here, so
tests drive the distribution's ``chromium`` package through ``executable_path``. axe-core
comes from npm (``package.json``) and is read straight from ``node_modules``; it is never
served by the application.

Typical use (the fixtures in ``tests/browser/conftest.py`` wrap all of this)::

    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = new_page(browser)
        page.goto(url)
        assert_accessible(page)
        screenshot(page, "home")

Walking the staff pages (:func:`signed_in_page`, :func:`open_page`, :func:`fill_date`,
:func:`check_and_submit`, :func:`assert_accepted`, :func:`check_page`)::

    page = signed_in_page(browser, cast.investigator, live_server.url)
    open_page(page, f"{live_server.url}/cases/{case.reference}/subjects/{subject.uuid}/notice/")
    fill_date(page, "served_on", today)
    check_and_submit(page, "Record the notice")
    assert_accepted(page)
    check_page(page, "notice-recorded")
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.test import Client

from candour.testing.auth import second_factor_verified_if_required

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

BASE_DIR = Path(__file__).resolve().parent.parent.parent

#: Flags from docs STACK.md §6.10: no sandbox (containers run as root), no GPU, and no
#: background traffic to Google services.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: axe-core rule tags: WCAG 2.0, 2.1 and 2.2 at levels A and AA (the UK public-sector
#: accessibility regulations), plus axe's best practices (landmarks, heading order, ...).
AXE_TAGS: tuple[str, ...] = (
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
)

AXE_PATH = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"

#: Desktop viewport used for screenshots; GOV.UK's desktop breakpoint is 769px.
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}


def find_chromium() -> str | None:
    """Path of the Chromium executable: $CANDOUR_CHROMIUM, else ``chromium`` on PATH."""
    configured = os.environ.get("CANDOUR_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def missing_requirements() -> list[str]:
    """Why browser tests cannot run here, as readable sentences; empty when they can."""
    problems = []
    if find_chromium() is None:
        problems.append(
            "Chromium not found: install Debian's package (apt-get install -y chromium) "
            "or set CANDOUR_CHROMIUM to the executable"
        )
    if not AXE_PATH.is_file():
        problems.append(
            f"axe-core not found at {AXE_PATH.relative_to(BASE_DIR)}: "
            "run scripts/build-assets.sh (it runs npm ci)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright Python package is not installed (uv sync)")
    return problems


def launch_chromium(playwright: Playwright, *, headless: bool = True, **kwargs: Any) -> Browser:
    """Launch headless Debian Chromium with the flags this environment needs."""
    executable = find_chromium()
    if executable is None:
        raise RuntimeError("; ".join(missing_requirements()))
    args = [*CHROMIUM_ARGS, *kwargs.pop("args", [])]
    return playwright.chromium.launch(
        executable_path=executable, headless=headless, args=args, **kwargs
    )


def new_context(browser: Browser, **kwargs: Any) -> BrowserContext:
    """A fresh browser context (own cookies): desktop viewport, British English, London time."""
    options: dict[str, Any] = {
        "viewport": DESKTOP_VIEWPORT,
        "locale": "en-GB",
        "timezone_id": "Europe/London",
    }
    options.update(kwargs)
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


def new_page(browser: Browser, **kwargs: Any) -> Page:
    """A page in its own new context (see :func:`new_context`)."""
    return new_context(browser, **kwargs).new_page()


# --- Signing in ---------------------------------------------------------------------------


def force_login(context: BrowserContext, user: Any, base_url: str) -> None:
    """Sign ``user`` in for every page of ``context`` without the sign-in form.

    Uses Django's test client to create the session (with the second factor given, for a user
    whose roles need one), then copies the session cookie into the browser context. Use the real
    form (:func:`sign_in`) when the test is about signing in.
    """
    client = Client()
    client.force_login(user)
    second_factor_verified_if_required(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def signed_in_page(browser: Browser, user: Any, base_url: str) -> Page:
    """A page in a new context signed in as ``user`` (see :func:`force_login`); close it with
    ``page.context.close()``."""
    context = new_context(browser)
    force_login(context, user, base_url)
    return context.new_page()


def sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    """Sign in through the sign-in page at /accounts/login/ and wait for the next page; then the
    second factor as a person would (:func:`complete_second_factor`)."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main button[type=submit], main input[type=submit]").first.click()
    complete_second_factor(page, username)


def complete_second_factor(page: Page, username: str) -> None:
    """On the second-factor pages, do what the user's authenticator app would: on the set-up page,
    read the key shown and type the code it makes; on the code page, type the code of their app
    (the next one when this one was just used). Anywhere else, nothing."""
    import time  # lazy: only browser walks that sign in with a second factor
    from base64 import b32decode  # lazy: only browser walks that sign in with a second factor
    from urllib.parse import urlparse  # lazy: only browser walks that sign in with a second factor

    from django_otp.oath import totp  # lazy: only browser walks that sign in with a second factor

    from candour.accounts.models import User  # lazy: only browser walks that sign in with a second factor

    # lazy: only browser walks that sign in with a second factor
    from candour.accounts.second_factor import confirmed_device

    path = urlparse(page.url).path
    if path == "/accounts/second-factor/":
        key = b32decode(page.locator("#totp-secret").inner_text().replace(" ", "").strip())
        code = totp(key)
        button = "Finish setting up"
    elif path == "/accounts/second-factor/code/":
        device = confirmed_device(User.objects.get(username=username))
        assert device is not None, f"{username} has no authenticator app"
        drift = max(0, device.last_t + 1 - int(time.time()) // device.step)
        code = totp(device.bin_key, step=device.step, drift=drift)
        button = "Continue"
    else:
        return
    page.fill("#id_code", f"{code:06d}")
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


# --- Pages and forms ----------------------------------------------------------------------


def open_page(page: Page, url: str, *, shot: str | None = None) -> None:
    """Go to ``url`` and assert that it answered 200; with ``shot``, then check it with
    axe-core and save the screenshot ``shot`` (see :func:`check_page`)."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    if shot is not None:
        check_page(page, shot)


def click_and_wait(page: Page, role: str, name: str) -> None:
    """Click the first element with this ARIA role and exact accessible name, and wait for the
    page it leads to."""
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()  # type: ignore[arg-type]


def check_and_submit(page: Page, button: str) -> None:
    """Check the form page with axe-core, then press its button ``button`` and wait for the answer."""
    assert_accessible(page)
    click_and_wait(page, "button", button)


def fill_date(page: Page, name: str, day: date) -> None:
    """Type ``day`` into the GOV.UK date input of the form field ``name`` (day, month, year)."""
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def assert_accepted(page: Page) -> None:
    """Assert that the form was accepted: fail with the error summary's text when the page shows one."""
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 0, summary.inner_text()


def check_page(page: Page, shot: str) -> None:
    """Check the page with axe-core (see :func:`assert_accessible`) and save it as
    var/screenshots/SHOT.png."""
    assert_accessible(page)
    screenshot(page, shot)


# --- Accessibility ------------------------------------------------------------------------


@cache
def axe_source() -> str:
    """The axe-core script (read once per process)."""
    return AXE_PATH.read_text(encoding="utf-8")


def run_axe(
    page: Page,
    *,
    tags: Sequence[str] = AXE_TAGS,
    include: str | None = None,
    disable_rules: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its violations (a list of dicts).

    ``include`` limits the check to one CSS selector; ``disable_rules`` switches rules off
    by id (say why in the test when you do). Each violation has ``id``, ``impact``, ``help``,
    ``helpUrl`` and ``nodes`` (each node with ``target`` and ``failureSummary``).
    Needs JavaScript: in a context made with ``java_script_enabled=False`` evaluation never
    returns, so check such pages' markup in a normal context instead.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol rather than added as a <script> tag: the
        # page's Content-Security-Policy would block an inline script without 'unsafe-inline'.
        page.evaluate("() => {\n" + axe_source() + "\n}")
    options = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "rules": {rule: {"enabled": False} for rule in disable_rules},
        "resultTypes": ["violations"],
    }
    result = page.evaluate(
        "async ([context, options]) => await axe.run(context || document, options)",
        [include, options],
    )
    return list(result["violations"])


def format_violations(violations: Sequence[dict[str, Any]], *, max_nodes: int = 5) -> str:
    """A readable report of axe violations, for assertion messages."""
    if not violations:
        return "no accessibility violations"
    lines = [f"{len(violations)} accessibility violation(s):"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"- [{violation.get('impact') or 'unknown'}] {violation['id']}: "
            f"{violation.get('help', '')} ({len(nodes)} element(s)) {violation.get('helpUrl', '')}"
        )
        for node in nodes[:max_nodes]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t
                              for t in node.get("target", []))
            lines.append(f"    at {target}")
            html = re.sub(r"\s+", " ", node.get("html", ""))[:160]
            if html:
                lines.append(f"       {html}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
        if len(nodes) > max_nodes:
            lines.append(f"    ... and {len(nodes) - max_nodes} more")
    return "\n".join(lines)


def assert_accessible(page: Page, **kwargs: Any) -> None:
    """Fail with a readable report when axe-core finds violations (see :func:`run_axe`)."""
    violations = run_axe(page, **kwargs)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def assert_reflows(page: Page, width: int = 320) -> None:
    """Fail when the page, ``width`` CSS pixels wide, scrolls sideways (WCAG 1.4.10 Reflow),
    naming the elements that stick out. Content inside a ``{% scroll_region %}`` may be wider:
    it scrolls on its own. The viewport is put back afterwards."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 900})
    try:
        wide = page.evaluate("""() => {
            const limit = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= limit + 1) return [];
            return [...document.body.querySelectorAll('*')]
              .filter(e => !e.closest('.candour-table-region') && e.getBoundingClientRect().right > limit + 1)
              .slice(0, 8)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                        (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
        }""")
    finally:
        if before:
            page.set_viewport_size(before)
    assert not wide, f"{page.url} scrolls sideways at {width}px: {', '.join(wide) or 'the page'}"


# --- Screenshots --------------------------------------------------------------------------


def screenshot_dir() -> Path:
    """var/screenshots (under CANDOUR_VAR_DIR when Django settings define VAR_DIR)."""
    try:
        var_dir = Path(settings.VAR_DIR)
    except Exception:  # settings not configured: fall back to the repository's var/
        var_dir = BASE_DIR / "var"
    return var_dir / "screenshots"


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a full-page PNG as var/screenshots/NAME.png and return its path."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise ValueError(f"screenshot name must be a plain file name, not {name!r}")
    path = screenshot_dir() / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
