"""The review panel member's day in Chromium, from the home page: the queue of complainants'
reviews awaiting their decision, the case read, the decision refused without reasons and then
recorded, the message saying what was decided, and the queue empty again. Each page is checked
with axe-core and for reflow at 320 px; screenshots in var/screenshots/review_panel/."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from candour.cases.models import Review
from candour.testing.browser import assert_accepted, click_and_wait, fill_date, open_page
from tests.browser.walk import banner, complaint_under_review, role_shot

pytestmark = pytest.mark.usefixtures("transactional_db")
ROLE = "review_panel"


def test_review_panel_walk(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url
    case = complaint_under_review(cast)
    review = Review.objects.get(case=case)
    page = signed_in(cast.user(ROLE))
    open_page(page, f"{base}/")
    nav = page.locator(".govuk-service-navigation__list")
    assert nav.get_by_role("link", name="Reviews").is_visible()
    assert nav.get_by_role("link", name="My cases").count() == 0
    role_shot(page, ROLE, "01-home")

    # 1. The queue: the review, its case and complainant, the application date.
    click_and_wait(page, "link", "1 review awaiting your decision")
    assert page.get_by_role("heading", name="Reviews awaiting your decision").is_visible()
    row = page.locator("#reviews tbody tr")
    assert row.count() == 1 and row.get_by_role("link", name=case.reference, exact=True).is_visible()
    role_shot(page, ROLE, "02-queue")

    # 2. The case, read: the handling, its outcome, and the review with its body and last day.
    click_and_wait(page, "link", case.reference)
    assert page.locator("#review-1").get_by_text("The local policing body").is_visible()
    assert page.locator("#main-content form[method=post]").count() == 0
    role_shot(page, ROLE, "03-case")

    # 3. The decision: refused without reasons, nothing changed; then recorded.
    with page.expect_navigation():  # its name goes on to say which application (unique link text)
        page.get_by_role("link", name="Decide the review").first.click()
    assert page.locator("#material").get_by_role("link", name=case.reference).is_visible()
    page.get_by_label("The outcome was not reasonable and proportionate").check()
    click_and_wait(page, "button", "Record the decision")
    assert "Enter the reasons for the decision" in page.locator(".govuk-error-summary").inner_text()
    assert Review.objects.get(pk=review.pk).outcome == ""
    role_shot(page, ROLE, "04-reasons-refused")
    page.fill("#id_reasons", "The apology did not address the failure to follow up the burglary report.")
    page.fill("#id_recommendations", "Contact the complainant and review the burglary report within 14 days.")
    fill_date(page, "decided_on", timezone.localdate())
    click_and_wait(page, "button", "Record the decision")
    assert_accepted(page)
    assert "Review decided: the outcome was not reasonable and proportionate" in banner(page)
    assert page.get_by_text("No review is waiting for your decision.").is_visible()
    role_shot(page, ROLE, "05-decided")
    review.refresh_from_db()
    assert review.outcome == "not_reasonable" and review.decision_reasons.startswith("The apology")

    # 4. The case shows the decision with its reasons; nothing is left to decide.
    open_page(page, f"{base}/cases/{case.reference}/")
    decision = page.locator("#review-1")
    assert decision.get_by_text("The outcome was not reasonable and proportionate").is_visible()
    assert decision.get_by_text("Reasons: The apology").is_visible()
    assert page.get_by_role("link", name="Decide the review").count() == 0
    role_shot(page, ROLE, "06-case-decided")
