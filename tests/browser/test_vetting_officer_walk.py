"""The vetting officer's day in Chromium, from the home page: decide an open vetting review
(after the person with no clearance is refused), renew a clearance whose renewal is overdue,
review a screening match into a vetting review, and mark a barred or advisory list entry as
reported to the College of Policing. Each page is checked with axe-core and for reflow at
320 px; screenshots go to var/screenshots/vetting_officer/."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from candour.audit.services import Actor
from candour.screening.models import ScreeningCandidate
from candour.testing.browser import (
    assert_accepted,
    assert_accessible,
    assert_reflows,
    click_and_wait,
    fill_date,
    open_page,
    screenshot_dir,
)
from candour.workforce import vetting
from candour.workforce.models import ListEntry, VettingClearance, VettingReview

pytestmark = pytest.mark.usefixtures("transactional_db")
ROLE = "vetting_officer"


def shot(page: Any, name: str, *, reflow: bool = True) -> None:
    """axe-core and reflow at 320 px, then var/screenshots/vetting_officer/NAME.png. The home
    page's tables are another part of issue 14 (reflow=False there until it lands)."""
    assert_accessible(page)
    if reflow:
        assert_reflows(page)
    path = screenshot_dir() / ROLE / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def banner(page: Any) -> str:
    return page.locator(".govuk-notification-banner--success").inner_text()


def test_vetting_officer_walk(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url
    today = timezone.localdate()
    officer = cast.user(ROLE)
    # A review of someone who holds no clearance (issue 14: it could be decided "maintained").
    unvetted = vetting.vetting_review_open(person=cast.suspended_officer, trigger="randomised",
                                           reason="Randomised re-vetting draw", actor=Actor.of(officer), user=officer)
    page = signed_in(officer)
    open_page(page, f"{base}/")
    assert page.get_by_text("1 match to review").is_visible()
    shot(page, "01-home", reflow=False)

    # 1. The register: renewals overdue and the open reviews.
    click_and_wait(page, "link", "Vetting register")
    assert page.get_by_text("Renewals overdue").first.is_visible()
    shot(page, "02-register")

    # 2. The review of the person with no clearance says why it cannot be decided.
    page.locator("#main-content tr", has_text="Cy Integrity").get_by_role("link", name="Cy Integrity").click()
    page.wait_for_load_state()
    assert page.get_by_text("holds no vetting clearance").is_visible()
    assert page.get_by_role("button", name="Decide the review").count() == 0
    shot(page, "03-review-no-clearance")
    assert VettingReview.objects.get(pk=unvetted.pk).status == "open"

    # 3. The randomised review of Ada Testperson's RV clearance: decided, clearance maintained.
    click_and_wait(page, "link", "Vetting register")
    page.locator("#main-content tr", has_text="Randomised").get_by_role("link", name="Ada Testperson").click()
    page.wait_for_load_state()
    shot(page, "04-review")
    click_and_wait(page, "button", "Decide the review")
    page.get_by_label("Clearance maintained", exact=True).check()
    page.fill("#id_rationale", "Re-vetting checks found nothing of concern.")
    fill_date(page, "decided_on", today)
    assert_accessible(page)
    click_and_wait(page, "button", "Record the outcome")
    assert_accepted(page)
    assert "Review decided" in banner(page)
    assert page.get_by_text("Clearance maintained on").is_visible()
    shot(page, "05-review-decided")
    review = VettingReview.objects.get(pk=cast.review.pk)
    assert review.status == "decided" and review.outcome == "maintained"

    # 4. The renewal overdue: the RV clearance granted in 2016 is renewed today.
    click_and_wait(page, "link", "Vetting register")
    click_and_wait(page, "button", "Record a clearance")
    page.fill("#id_number", "100001")
    page.locator("#id_level").select_option("RV")
    page.get_by_label("Granted", exact=True).check()
    fill_date(page, "granted_on", today)
    assert_accessible(page)
    click_and_wait(page, "button", "Record clearance")
    assert_accepted(page)
    shot(page, "06-renewed")
    cast.clearance.refresh_from_db()
    assert cast.clearance.status == "expired"
    assert VettingClearance.objects.filter(officer=cast.officer, level="RV", status="valid", granted_on=today).exists()
    open_page(page, f"{base}/vetting/")
    assert page.get_by_text("No renewal is overdue.").is_visible()

    # 5. The screening match: confirmed, a vetting review opened.
    open_page(page, f"{base}/")
    click_and_wait(page, "link", "1 match to review")
    shot(page, "07-screening-queue")
    page.get_by_role("link", name="Ada Testperson").first.click()
    page.wait_for_load_state()
    shot(page, "08-candidate")
    page.get_by_label("Yes, confirm the match").check()
    page.get_by_label("Open a vetting review").check()
    page.fill("#id_reason", "Same person: the dates of birth differ only by day and month swapped.")
    click_and_wait(page, "button", "Record decision")
    assert_accepted(page)
    candidate = ScreeningCandidate.objects.get(pk=cast.candidate.pk)
    assert candidate.status == "confirmed" and candidate.review is not None
    shot(page, "09-match-confirmed")

    # 6. The advisory list entry: marked as reported to the College of Policing.
    open_page(page, f"{base}/")
    click_and_wait(page, "link", "Barred and advisory lists")
    shot(page, "10-lists")
    assert page.locator("#list-register").get_by_role("link", name="Dee Departed", exact=True).is_visible()
    page.locator("#list-register").get_by_role("link", name="Mark as reported").click()
    page.wait_for_load_state()
    fill_date(page, "reported_on", today)
    assert_accessible(page)
    click_and_wait(page, "button", "Mark as reported")
    assert_accepted(page)
    assert "Marked as reported" in banner(page)
    shot(page, "11-list-reported")
    assert ListEntry.objects.get(pk=cast.list_entry.pk).reported_on == today
