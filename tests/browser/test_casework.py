"""One complaint in Chromium, from the public portal to a hearing's dismissal: triage and
referral, the IOPC's decision, investigation with its notice, case to answer, the hearing's
notice of referral, the officer's response, the panel (refused, then right), the outcome, the
officer's appeal and its result, then the officer's page, the barred-list entry and the complainant's tracking page.
Every page is checked with axe-core; screenshots go to var/screenshots/casework-*.png."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from candour.cases.models import Case
from candour.intake.models import Report
from candour.testing.browser import (
    assert_accepted,
    check_and_submit,
    check_page,
    click_and_wait,
    fill_date,
    open_page,
    screenshot,
)

pytestmark = pytest.mark.usefixtures("transactional_db")


def _step(page: Any, base: str, case: Case, name: str, shot: str, **fields: Any) -> None:
    open_page(page, f"{base}/cases/{case.reference}/steps/{name}/")
    for key, value in fields.items():
        if isinstance(value, date):
            fill_date(page, key, value)
        elif key == "forum":
            page.get_by_label(value, exact=True).check()
        else:
            page.fill(f"#id_{key}", value)
    check_and_submit(page, "Confirm")
    assert_accepted(page)
    screenshot(page, f"casework-{shot}")


def test_a_complaint_from_the_portal_to_dismissal(live_server: Any, cast: Any, signed_in: Any, page: Any) -> None:
    base = live_server.url
    today = timezone.localdate()

    # 1. The public report.
    open_page(page, f"{base}/report/")
    click_and_wait(page, "button", "Start now")
    page.get_by_label("Alpha Test Police").check()
    click_and_wait(page, "button", "Continue")
    page.locator("#id_kind_1").check()
    click_and_wait(page, "button", "Continue")
    page.fill("#id_what_happened", "A sergeant punched me in the face in the custody suite and broke my nose.")
    click_and_wait(page, "button", "Continue")
    fill_date(page, "incident_on", today)
    click_and_wait(page, "button", "Continue")
    page.fill("#id_incident_location", "Northtown custody suite")
    click_and_wait(page, "button", "Continue")
    page.fill("#id_person_number", "100001")
    click_and_wait(page, "button", "Continue")
    page.locator("#id_relationship_1").check()
    click_and_wait(page, "button", "Continue")
    click_and_wait(page, "button", "Continue")
    page.locator("#id_contact_1").check()
    page.fill("#id_contact_name", "Sam Public")
    page.fill("#id_contact_email", "sam@example.com")
    click_and_wait(page, "button", "Continue")
    click_and_wait(page, "button", "Send report")
    tracking = page.locator("#tracking-link").get_attribute("href")
    report = Report.objects.exclude(pk=cast.report.pk).get()

    # 2. Triage: the rules require referral; the assessor refers.
    staff = signed_in(cast.appropriate_authority)
    open_page(staff, f"{base}/intake/triage/{report.reference}/")
    staff.locator("#id_category").select_option("individual_behaviours")
    staff.get_by_label("Serious assault").check()
    staff.get_by_label("Log and refer to the IOPC").check()
    click_and_wait(staff, "button", "Save decision")
    report.refresh_from_db()
    case = report.case
    assert case is not None and case.state == "referred"
    screenshot(staff, "casework-01-triaged")

    # 3. The IOPC decides on a local investigation; an investigator is appointed.
    _step(staff, base, case, "iopc_local", "02-iopc-local", decided_on=today, reason="IOPC decision letter")
    open_page(staff, f"{base}/cases/{case.reference}/investigator/")
    staff.locator("#id_investigator").select_option(label=cast.investigator.name)
    staff.fill("#id_terms_of_reference", "Whether the sergeant used unlawful force in custody.")
    check_and_submit(staff, "Appoint")

    # 4. The investigator: severity, notice, final report.
    staff = signed_in(cast.investigator)
    subject = case.allegations.get().subjects.get()
    open_page(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/severity/")
    staff.get_by_label("Gross misconduct", exact=True).check()
    fill_date(staff, "assessed_on", today)
    check_and_submit(staff, "Save assessment")
    open_page(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/notice/")
    fill_date(staff, "served_on", today)
    staff.get_by_label("By email").check()
    check_and_submit(staff, "Record the notice")
    open_page(staff, f"{base}/cases/{case.reference}/")
    assert staff.get_by_text("Officer's response to the Regulation 17 notice").first.is_visible()
    check_page(staff, "casework-03-investigation")
    _step(staff, base, case, "submit_report", "04-report", reason="Final report: CCTV shows the punch")

    # 5. The decision maker: case to answer, hearing, dismissal, close.
    staff = signed_in(cast.user("decision_maker"))
    open_page(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/case-to-answer/")
    staff.get_by_label("Yes, for gross misconduct").check()
    click_and_wait(staff, "button", "Save decision")
    _step(staff, base, case, "refer_to_proceedings", "05-proceedings", forum="Misconduct hearing",
          reason="Gross misconduct")
    # The hearing's notice, the officer's response, the dates and the panel.
    open_page(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/proceedings-notice/")
    fill_date(staff, "notice_on", today)
    check_and_submit(staff, "Record the notice")
    open_page(staff, f"{base}/cases/{case.reference}/")
    assert staff.get_by_text("Officer's response to the notice of referral").first.is_visible()
    check_page(staff, "casework-05a-notice-clock")
    open_page(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/proceedings-response/")
    fill_date(staff, "response_on", today)
    staff.get_by_label("Disputes the allegations").check()
    staff.fill("#id_witnesses_proposed", "PC Witness, custody officer")
    check_page(staff, "casework-05b-response")
    click_and_wait(staff, "button", "Record the response")
    open_page(staff, f"{base}/cases/{case.reference}/panel/")
    staff.fill("#id_chair", "ACC Grey")
    staff.fill("#id_independent_qualified", "Dr Quill")
    staff.fill("#id_independent_lay", "Mr Lay")
    click_and_wait(staff, "button", "Record the panel")
    assert "is missing" in staff.locator(".govuk-error-summary").inner_text()
    check_page(staff, "casework-05c-panel-refused")
    staff.fill("#id_lqp_adviser", "Ms Law")
    staff.get_by_label("A senior officer (delegated)").check()
    click_and_wait(staff, "button", "Record the panel")
    assert staff.locator(".govuk-error-summary").count() == 0
    assert staff.locator("#panel-members").get_by_text("Ms Law").is_visible()

    open_page(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/outcome/")
    staff.get_by_label("Gross misconduct", exact=True).check()
    staff.locator("#id_outcome").select_option("dismissal_without_notice")
    fill_date(staff, "outcome_on", today)
    check_and_submit(staff, "Record the outcome")
    _step(staff, base, case, "close", "06-closed", reason="Dismissed without notice")
    case.refresh_from_db()
    assert case.state == "closed"

    # The officer appeals to the Police Appeals Tribunal; the appeal is dismissed.
    open_page(staff, f"{base}/cases/{case.reference}/steps/appeal/")
    staff.locator("input[name=subject]").first.check()
    staff.get_by_label("The finding or the disciplinary action was unreasonable").check()
    fill_date(staff, "lodged_on", today)
    staff.fill("#id_reason", "Notice of appeal received")
    check_page(staff, "casework-06a-appeal")
    click_and_wait(staff, "button", "Confirm")
    assert staff.locator(".govuk-error-summary").count() == 0
    appeal = case.appeals.get()
    open_page(staff, f"{base}/cases/{case.reference}/appeals/{appeal.uuid}/result/")
    staff.get_by_label("Dismissed", exact=True).check()
    fill_date(staff, "decided_on", today)
    check_and_submit(staff, "Record the result")
    open_page(staff, f"{base}/cases/{case.reference}/")
    assert staff.locator("#appeals").get_by_text("Dismissed").is_visible()
    check_page(staff, "casework-06b-appeal-decided")
    _step(staff, base, case, "close", "06c-closed-after-appeal", reason="Appeal dismissed")

    # 6. The officer's page shows the dismissal and the barred-list entry.
    staff = signed_in(cast.appropriate_authority)
    open_page(staff, f"{base}/officers/{cast.officer.uuid}/")
    assert staff.locator("#list-entries").get_by_text("Police Barred List").is_visible()
    check_page(staff, "casework-07-officer")
    open_page(staff, f"{base}/cases/{case.reference}/", shot="casework-08-case")

    # 7. The complainant's tracking page: finished, with the right to a review.
    open_page(page, str(tracking))
    assert page.locator("h1").inner_text() == "Finished"
    assert page.get_by_role("button", name="Ask for a review").is_visible()
    check_page(page, "casework-09-tracking")
