"""Vetting and screening in Chromium: the register, recording a clearance with conditions (and
the error summary first), a 2025 withdrawal assessment from representations to dismissal, and
the match-review queue as a counter-corruption officer (reject without a reason, then confirm
into a vetting review). Every page is checked with axe-core; screenshots go to
var/screenshots/vetting-*.png."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from candour.screening.models import ScreeningCandidate
from candour.testing.browser import assert_accessible, force_login, new_context, screenshot
from candour.workforce.models import VettingClearance, WithdrawalAssessment

pytestmark = pytest.mark.usefixtures("transactional_db")


def _go(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


def _click(page: Any, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()


def _fill_date(page: Any, name: str, day: date) -> None:
    page.fill(f"#id_{name}_0", str(day.day))
    page.fill(f"#id_{name}_1", str(day.month))
    page.fill(f"#id_{name}_2", str(day.year))


def _no_errors(page: Any) -> None:
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 0, summary.inner_text()


def test_vetting_register_withdrawal_and_match_review(live_server: Any, cast: Any, browser: Any) -> None:
    base = live_server.url

    # 1. The vetting officer's register.
    context = new_context(browser)
    force_login(context, cast.user("vetting_officer"), base)
    page = context.new_page()
    _go(page, f"{base}/vetting/")
    assert page.get_by_text("Renewals overdue").first.is_visible()
    assert_accessible(page)
    screenshot(page, "vetting-01-register")

    # 2. A clearance with conditions: first without the rationale (error summary), then with it.
    _click(page, "button", "Record a clearance")
    page.fill("#id_number", "100001")
    page.locator("#id_level").select_option("SC")
    page.get_by_label("Granted with conditions").check()
    _fill_date(page, "granted_on", date(2025, 4, 1))
    page.fill("#id_conditions", "No access to the covert-policing systems")
    _click(page, "button", "Record clearance")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    screenshot(page, "vetting-02-clearance-error")
    page.fill("#id_rationale", "Relative abroad with links to organised crime; risk managed by conditions.")
    _click(page, "button", "Record clearance")
    _no_errors(page)
    assert VettingClearance.objects.filter(level="SC", decision="granted_with_conditions").exists()
    assert_accessible(page)
    screenshot(page, "vetting-03-clearance")

    # 3. The withdrawal assessment in the cast (notice given 3 June 2025): representations,
    #    decision to withdraw, dismissal without notice.
    assessment = cast.assessment
    _go(page, f"{base}/vetting/withdrawals/{assessment.uuid}/")
    assert_accessible(page)
    screenshot(page, "vetting-04-withdrawal-notice")
    for step, when, fields in (
            ("representations", date(2025, 6, 12), {"text": "The officer says the association ended in 2024."}),
            ("decision", date(2025, 7, 1), {"text": "Harm test met: the association continues.",
                                            "decision": "Withdraw the clearance"}),
            ("dismissal", date(2025, 7, 2), {})):
        _go(page, f"{base}/vetting/withdrawals/{assessment.uuid}/{step}/")
        _fill_date(page, "on", when)
        for name, value in fields.items():
            if name == "decision":
                page.get_by_label(value).check()
            else:
                page.fill(f"#id_{name}", value)
        assert_accessible(page)
        _click(page, "button", "Record")
        _no_errors(page)
    assert page.get_by_text("Dismissed without notice").first.is_visible()
    assert_accessible(page)
    screenshot(page, "vetting-05-withdrawal-dismissed")
    assert WithdrawalAssessment.objects.get(pk=assessment.pk).dismissed_on == date(2025, 7, 2)
    context.close()

    # 4. The counter-corruption officer's match-review queue.
    context = new_context(browser)
    force_login(context, cast.user("counter_corruption"), base)
    page = context.new_page()
    _go(page, f"{base}/")
    _click(page, "link", "1 match to review")
    assert_accessible(page)
    screenshot(page, "vetting-06-queue")
    page.get_by_role("link", name="Ada Testperson").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Day and month swapped").first.is_visible()
    page.get_by_label("No, reject the match").check()
    _click(page, "button", "Record decision")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    screenshot(page, "vetting-07-candidate-error")
    page.get_by_label("Yes, confirm the match").check()
    page.get_by_label("Open a vetting review").check()
    page.fill("#id_reason", "Same person: the dates of birth differ only by day and month swapped.")
    _click(page, "button", "Record decision")
    _no_errors(page)
    candidate = ScreeningCandidate.objects.get(pk=cast.candidate.pk)
    assert candidate.status == "confirmed" and candidate.review is not None
    assert_accessible(page)
    screenshot(page, "vetting-08-queue-empty")
    context.close()
