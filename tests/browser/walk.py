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


# --- Set-up through the services (as the demo builds its casework) -----------------------


def step(case: Any, transition: str, user: Any, reason: str = "", **inputs: Any) -> Any:
    """Take the case step ``transition`` as ``user`` through the one door, as its page would."""
    from candour.cases.transitions import case_transition

    case.refresh_from_db()
    return case_transition(case=case, transition=transition, user=user, expected_version=case.version,
                           reason=reason, inputs=inputs or None)


def complaint_under_review(cast: Any) -> Any:
    """The cast's complaint handled otherwise than by investigation, closed with its outcome
    notified a fortnight ago, and the complainant's application for a review received two
    days ago: the local policing body's review panel decides it."""
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    aa = cast.appropriate_authority
    case = cast.case
    step(case, "record", aa, "Recorded under Schedule 3")
    step(case, "handle_otherwise", aa, "Can be resolved without an investigation")
    step(case, "close", aa, "Apology given and learning shared", handling_outcome="service_acceptable",
         outcome_notified_on=today - timedelta(days=14))
    step(case, "request_review", aa, "The complainant says the outcome was not reasonable",
         received_on=today - timedelta(days=2))
    case.refresh_from_db()
    return case
