"""The assessor's day in Chromium, from the home page: the triage queue, ordered by the nearest
clock, showing each report's type, who reported it, a likely IOPC referral head and the clock by
name. Four reports are decided: an assault referred to the IOPC (after the rules refuse a plain
recording), a complaint recorded, a conduct matter recorded, and a report about a matter already
open linked to that case. Each decision's message says what was decided and links the report and
the case. Each page is checked with axe-core and for reflow at 320 px; screenshots go to
var/screenshots/assessor/."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from candour.audit.services import Actor
from candour.intake import services as intake_services
from candour.intake.models import Report
from candour.intake.validation import ReportInput
from candour.testing.browser import assert_accepted, click_and_wait, fill_date, open_page
from tests.browser.walk import banner, role_shot

pytestmark = pytest.mark.usefixtures("transactional_db")
ROLE = "assessor"


def shot(page: Any, name: str, *, reflow: bool = True) -> None:
    role_shot(page, ROLE, name, reflow=reflow)


def _reports(cast: Any) -> dict[str, Report]:
    handler = cast.user("call_handler")
    made = {}
    for key, channel, data in (
        ("assault", "hotline", ReportInput(
            kind="conduct", anonymous=True, incident_on=date(2025, 11, 2), incident_location="Market Square",
            what_happened="Caller saw an officer punch a man on the ground; he was taken to hospital.",
            person_number="AB12")),
        ("rude", "portal", ReportInput(
            kind="complaint", incident_on=date(2025, 11, 20), incident_location="Station Road",
            what_happened="The officer who stopped me was rude and would not give me his number.",
            person_number="AB12", relationship="happened_to_me", contact_name="Lee Complainant",
            contact_email="lee@example.com")),
        ("drinking", "portal", ReportInput(
            kind="conduct", incident_on=date(2025, 11, 25), incident_location="Northtown police station",
            what_happened="An officer was drinking in the pub at lunchtime and then drove a police car.",
            person_name="Sergeant Testperson", relationship="witness", contact_name="Max Witness",
            contact_email="max@example.com")),
    ):
        made[key] = intake_services.report_submit(
            force=cast.force, channel=channel, data=data, submission_key=f"walk-{key}",
            actor=Actor.of(handler) if channel == "hotline" else intake_services.PUBLIC_ACTOR,
            entered_by=handler if channel == "hotline" else None).report
    return made


def _open(page: Any, reference: str) -> None:
    click_and_wait(page, "link", reference)
    assert page.locator("h1").inner_text() == reference


def _decide(page: Any, decision: str) -> None:
    page.get_by_label(decision, exact=True).check()
    click_and_wait(page, "button", "Save decision")


def test_assessor_walk(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url
    today = timezone.localdate()
    reports = _reports(cast)
    page = signed_in(cast.user(ROLE))
    open_page(page, f"{base}/")
    counts = page.locator("#triage-counts").inner_text()
    assert "4 new reports waiting" in counts and "1 that may have to go to the IOPC" in counts
    shot(page, "01-home", reflow=False)

    # 1. The queue: type, who reported, likely referral and the nearest clock, by name.
    click_and_wait(page, "link", "4 new reports waiting")
    row = page.locator("#main-content tr", has_text=reports["assault"].reference)
    assert "Conduct matter" in row.inner_text() and "Anonymous" in row.inner_text()
    assert "Likely" in row.inner_text() and "Serious assault (“punch”)" in row.inner_text()
    # Its nearest clock is the referral's, so it comes first, ahead of the older reports.
    assert "Refer to the IOPC, if it must be," in row.inner_text()
    first = page.locator("#main-content tbody tr").first.inner_text()
    assert reports["assault"].reference in first
    named = page.locator("#main-content tr", has_text=reports["rude"].reference).inner_text()
    assert "Complaint" in named and "Named" in named and "None suggested" in named
    shot(page, "02-queue")

    # 2. The assault: urgency on the page; the rules refuse recording without referral; referred.
    _open(page, reports["assault"].reference)
    aside = page.locator("aside").inner_text()
    assert "Log the report" in aside and "Refer to the IOPC, if it must be" in aside
    assert "The report’s words suggest a mandatory referral may be needed" in aside
    assert "serious assault (“punch”)" in aside
    shot(page, "03-report-assault")
    page.locator("#id_category").select_option("individual_behaviours")
    page.get_by_label("Serious assault").check()
    click_and_wait(page, "button", "Check against the rules")
    assert "Yes" in page.locator('[data-rule="must_refer"]').inner_text()
    shot(page, "04-rules")
    _decide(page, "Log and record under Schedule 3")
    assert "must be referred to the IOPC" in page.locator(".govuk-error-summary").inner_text()
    shot(page, "05-refused")
    _decide(page, "Log and refer to the IOPC")
    assert_accepted(page)
    assessed = Report.objects.get(pk=reports["assault"].pk)
    assert assessed.case is not None and assessed.case.state == "referred"
    said = banner(page)
    assert reports["assault"].reference in said and assessed.case.reference in said and "referred" in said.lower()
    message = page.locator(".govuk-notification-banner--success")
    assert message.get_by_role("link", name=reports["assault"].reference).is_visible()
    assert message.get_by_role("link", name=assessed.case.reference).is_visible()
    shot(page, "06-referred")

    # 3. The named complaint: recorded, first contact today.
    _open(page, reports["rude"].reference)
    assert "Contact the complainant" in page.locator("aside").inner_text()
    page.locator("#id_category").select_option("individual_behaviours")
    page.get_by_label("Yes", exact=True).check()  # the complainant wants it recorded
    fill_date(page, "contacted_on", today)
    _decide(page, "Log and record under Schedule 3")
    assert_accepted(page)
    recorded = Report.objects.get(pk=reports["rude"].pk)
    assert recorded.case is not None and recorded.case.state == "recorded"
    assert recorded.case.reference in banner(page) and "recorded" in banner(page).lower()
    shot(page, "07-recorded")

    # 4. The conduct matter: recorded.
    _open(page, reports["drinking"].reference)
    page.get_by_label("Conduct matter", exact=True).check()
    page.locator("#id_category").select_option("discreditable_conduct")
    page.get_by_label("A breach of the Standards of Professional Behaviour").check()
    _decide(page, "Log and record under Schedule 3")
    assert_accepted(page)
    conduct = Report.objects.get(pk=reports["drinking"].pk)
    assert conduct.case is not None and conduct.case.case_type == "conduct_matter"
    assert conduct.case.reference in banner(page)
    shot(page, "08-conduct-recorded")

    # 5. The cast's report is about the case already open: the duplicate finder names it; linked.
    _open(page, cast.report.reference)
    duplicates = page.locator("aside").inner_text()
    assert cast.case.reference in duplicates
    shot(page, "09-duplicate")
    _decide(page, "Link to an existing case (same matter)")
    assert "Enter the reference of the case to link this report to" in page.locator(
        ".govuk-error-summary").inner_text()
    page.fill("#id_link_to", cast.case.reference)
    _decide(page, "Link to an existing case (same matter)")
    assert_accepted(page)
    linked = Report.objects.get(pk=cast.report.pk)
    assert linked.case == cast.case and linked.status == "linked"
    said = banner(page)
    assert cast.report.reference in said and cast.case.reference in said
    shot(page, "10-linked")
    assert page.get_by_text("There are no new reports.").is_visible()

    # 6. The linked report's own page says what was decided, and links the case.
    open_page(page, f"{base}/intake/triage/{cast.report.reference}/")
    assert page.locator(".govuk-inset-text").get_by_role("link", name=cast.case.reference).is_visible()
    shot(page, "11-linked-report")
