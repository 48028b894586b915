"""Shared by the role walks of the demo helper: a checked screenshot in var/screenshots/<role>/."""

from __future__ import annotations

from typing import Any

from candour.testing.browser import assert_accessible, assert_reflows, screenshot_dir


def role_shot(page: Any, role: str, name: str, *, reflow: bool = True) -> None:
    """axe-core, reflow at 320 px (unless ``reflow=False``: a page another part of issue 14
    is fixing), then var/screenshots/ROLE/NAME.png."""
    assert_accessible(page)
    if reflow:
        assert_reflows(page)
    path = screenshot_dir() / role / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def banner(page: Any) -> str:
    """The success banner's text (the page's message saying what happened)."""
    return str(page.locator(".govuk-notification-banner--success").inner_text())
