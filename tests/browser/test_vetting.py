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
from candour.testing.browser import assert_accepted, check_and_submit, check_page, click_and_wait, fill_date, open_page
from candour.workforce.models import VettingClearance, WithdrawalAssessment

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_vetting_register_withdrawal_and_match_review(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url

    # 1. The vetting officer's register.
    page = signed_in(cast.user("vetting_officer"))
    open_page(page, f"{base}/vetting/")
    assert page.get_by_text("Renewals overdue").first.is_visible()
    check_page(page, "vetting-01-register")

    # 2. A clearance with conditions: first without the rationale (error summary), then with it.
    click_and_wait(page, "button", "Record a clearance")
    page.fill("#id_number", "100001")
    page.locator("#id_level").select_option("SC")
    page.get_by_label("Granted with conditions").check()
    fill_date(page, "granted_on", date(2025, 4, 1))
    page.fill("#id_conditions", "No access to the covert-policing systems")
    click_and_wait(page, "button", "Record clearance")
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page, "vetting-02-clearance-error")
    page.fill("#id_rationale", "Relative abroad with links to organised crime; risk managed by conditions.")
    click_and_wait(page, "button", "Record clearance")
    assert_accepted(page)
    assert VettingClearance.objects.filter(level="SC", decision="granted_with_conditions").exists()
    check_page(page, "vetting-03-clearance")

    # 3. The withdrawal assessment in the cast (notice given 3 June 2025): representations,
    #    decision to withdraw, dismissal without notice.
    assessment = cast.assessment
    open_page(page, f"{base}/vetting/withdrawals/{assessment.uuid}/", shot="vetting-04-withdrawal-notice")
    for step, when, fields in (
            ("representations", date(2025, 6, 12), {"text": "The officer says the association ended in 2024."}),
            ("decision", date(2025, 7, 1), {"text": "Harm test met: the association continues.",
                                            "decision": "Withdraw the clearance"}),
            ("dismissal", date(2025, 7, 2), {})):
        open_page(page, f"{base}/vetting/withdrawals/{assessment.uuid}/{step}/")
        fill_date(page, "on", when)
        for name, value in fields.items():
            if name == "decision":
                page.get_by_label(value).check()
            else:
                page.fill(f"#id_{name}", value)
        check_and_submit(page, "Record")
        assert_accepted(page)
    assert page.get_by_text("Dismissed without notice").first.is_visible()
    check_page(page, "vetting-05-withdrawal-dismissed")
    assert WithdrawalAssessment.objects.get(pk=assessment.pk).dismissed_on == date(2025, 7, 2)

    # 4. The counter-corruption officer's match-review queue.
    page = signed_in(cast.user("counter_corruption"))
    open_page(page, f"{base}/")
    click_and_wait(page, "link", "1 match to review")
    check_page(page, "vetting-06-queue")
    page.get_by_role("link", name="Ada Testperson").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Day and month swapped").first.is_visible()
    page.get_by_label("No, reject the match").check()
    click_and_wait(page, "button", "Record decision")
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page, "vetting-07-candidate-error")
    page.get_by_label("Yes, confirm the match").check()
    page.get_by_label("Open a vetting review").check()
    page.fill("#id_reason", "Same person: the dates of birth differ only by day and month swapped.")
    click_and_wait(page, "button", "Record decision")
    assert_accepted(page)
    candidate = ScreeningCandidate.objects.get(pk=cast.candidate.pk)
    assert candidate.status == "confirmed" and candidate.review is not None
    check_page(page, "vetting-08-queue-empty")
