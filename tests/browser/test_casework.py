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
from candour.testing.browser import assert_accessible, force_login, new_context, screenshot

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


def _staff(browser: Any, user: Any, base: str) -> Any:
    context = new_context(browser)
    force_login(context, user, base)
    return context, context.new_page()


def _step(page: Any, base: str, case: Case, name: str, shot: str, **fields: Any) -> None:
    _go(page, f"{base}/cases/{case.reference}/steps/{name}/")
    for key, value in fields.items():
        if isinstance(value, date):
            _fill_date(page, key, value)
        elif key == "forum":
            page.get_by_label(value, exact=True).check()
        else:
            page.fill(f"#id_{key}", value)
    assert_accessible(page)
    _click(page, "button", "Confirm")
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()
    screenshot(page, f"casework-{shot}")


def test_a_complaint_from_the_portal_to_dismissal(live_server: Any, cast: Any, browser: Any, page: Any) -> None:
    base = live_server.url
    today = timezone.localdate()

    # 1. The public report.
    _go(page, f"{base}/report/")
    _click(page, "button", "Start now")
    page.get_by_label("Alpha Test Police").check()
    _click(page, "button", "Continue")
    page.locator("#id_kind_1").check()
    _click(page, "button", "Continue")
    page.fill("#id_what_happened", "A sergeant punched me in the face in the custody suite and broke my nose.")
    _click(page, "button", "Continue")
    _fill_date(page, "incident_on", today)
    _click(page, "button", "Continue")
    page.fill("#id_incident_location", "Northtown custody suite")
    _click(page, "button", "Continue")
    page.fill("#id_person_number", "100001")
    _click(page, "button", "Continue")
    page.locator("#id_relationship_1").check()
    _click(page, "button", "Continue")
    _click(page, "button", "Continue")
    page.locator("#id_contact_1").check()
    page.fill("#id_contact_name", "Sam Public")
    page.fill("#id_contact_email", "sam@example.com")
    _click(page, "button", "Continue")
    _click(page, "button", "Send report")
    tracking = page.locator("#tracking-link").get_attribute("href")
    report = Report.objects.exclude(pk=cast.report.pk).get()

    # 2. Triage: the rules require referral; the assessor refers.
    context, staff = _staff(browser, cast.appropriate_authority, base)
    _go(staff, f"{base}/intake/triage/{report.reference}/")
    staff.locator("#id_category").select_option("individual_behaviours")
    staff.get_by_label("Serious assault").check()
    staff.get_by_label("Log and refer to the IOPC").check()
    _click(staff, "button", "Save decision")
    report.refresh_from_db()
    case = report.case
    assert case is not None and case.state == "referred"
    screenshot(staff, "casework-01-triaged")

    # 3. The IOPC decides on a local investigation; an investigator is appointed.
    _step(staff, base, case, "iopc_local", "02-iopc-local", decided_on=today, reason="IOPC decision letter")
    _go(staff, f"{base}/cases/{case.reference}/investigator/")
    staff.locator("#id_investigator").select_option(label=cast.investigator.name)
    staff.fill("#id_terms_of_reference", "Whether the sergeant used unlawful force in custody.")
    assert_accessible(staff)
    _click(staff, "button", "Appoint")
    context.close()

    # 4. The investigator: severity, notice, final report.
    context, staff = _staff(browser, cast.investigator, base)
    subject = case.allegations.get().subjects.get()
    _go(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/severity/")
    staff.get_by_label("Gross misconduct", exact=True).check()
    _fill_date(staff, "assessed_on", today)
    assert_accessible(staff)
    _click(staff, "button", "Save assessment")
    _go(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/notice/")
    _fill_date(staff, "served_on", today)
    staff.get_by_label("By email").check()
    assert_accessible(staff)
    _click(staff, "button", "Record the notice")
    _go(staff, f"{base}/cases/{case.reference}/")
    assert staff.get_by_text("Response to the Regulation 17 notice").first.is_visible()
    assert_accessible(staff)
    screenshot(staff, "casework-03-investigation")
    _step(staff, base, case, "submit_report", "04-report", reason="Final report: CCTV shows the punch")
    context.close()

    # 5. The decision maker: case to answer, hearing, dismissal, close.
    context, staff = _staff(browser, cast.user("decision_maker"), base)
    _go(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/case-to-answer/")
    staff.get_by_label("Yes, for gross misconduct").check()
    _click(staff, "button", "Save decision")
    _step(staff, base, case, "refer_to_proceedings", "05-proceedings", forum="Misconduct hearing",
          reason="Gross misconduct")
    # The hearing's notice, the officer's response, the dates and the panel.
    _go(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/proceedings-notice/")
    _fill_date(staff, "notice_on", today)
    assert_accessible(staff)
    _click(staff, "button", "Record the notice")
    _go(staff, f"{base}/cases/{case.reference}/")
    assert staff.get_by_text("Officer's response to the notice of referral").first.is_visible()
    assert_accessible(staff)
    screenshot(staff, "casework-05a-notice-clock")
    _go(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/proceedings-response/")
    _fill_date(staff, "response_on", today)
    staff.get_by_label("Disputes the allegations").check()
    staff.fill("#id_witnesses_proposed", "PC Witness, custody officer")
    assert_accessible(staff)
    screenshot(staff, "casework-05b-response")
    _click(staff, "button", "Record the response")
    _go(staff, f"{base}/cases/{case.reference}/panel/")
    staff.fill("#id_chair", "ACC Grey")
    staff.fill("#id_independent_qualified", "Dr Quill")
    staff.fill("#id_independent_lay", "Mr Lay")
    _click(staff, "button", "Record the panel")
    assert "is missing" in staff.locator(".govuk-error-summary").inner_text()
    assert_accessible(staff)
    screenshot(staff, "casework-05c-panel-refused")
    staff.fill("#id_lqp_adviser", "Ms Law")
    staff.get_by_label("A senior officer (delegated)").check()
    _click(staff, "button", "Record the panel")
    assert staff.locator(".govuk-error-summary").count() == 0
    assert staff.locator("#panel-members").get_by_text("Ms Law").is_visible()

    _go(staff, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/outcome/")
    staff.get_by_label("Gross misconduct", exact=True).check()
    staff.locator("#id_outcome").select_option("dismissal_without_notice")
    _fill_date(staff, "outcome_on", today)
    assert_accessible(staff)
    _click(staff, "button", "Record the outcome")
    _step(staff, base, case, "close", "06-closed", reason="Dismissed without notice")
    case.refresh_from_db()
    assert case.state == "closed"

    # The officer appeals to the Police Appeals Tribunal; the appeal is dismissed.
    _go(staff, f"{base}/cases/{case.reference}/steps/appeal/")
    staff.locator("input[name=subject]").first.check()
    staff.get_by_label("The finding or the disciplinary action was unreasonable").check()
    _fill_date(staff, "lodged_on", today)
    staff.fill("#id_reason", "Notice of appeal received")
    assert_accessible(staff)
    screenshot(staff, "casework-06a-appeal")
    _click(staff, "button", "Confirm")
    assert staff.locator(".govuk-error-summary").count() == 0
    appeal = case.appeals.get()
    _go(staff, f"{base}/cases/{case.reference}/appeals/{appeal.uuid}/result/")
    staff.get_by_label("Dismissed", exact=True).check()
    _fill_date(staff, "decided_on", today)
    assert_accessible(staff)
    _click(staff, "button", "Record the result")
    _go(staff, f"{base}/cases/{case.reference}/")
    assert staff.locator("#appeals").get_by_text("Dismissed").is_visible()
    assert_accessible(staff)
    screenshot(staff, "casework-06b-appeal-decided")
    _step(staff, base, case, "close", "06c-closed-after-appeal", reason="Appeal dismissed")

    # 6. The officer's page shows the dismissal and the barred-list entry.
    context.close()
    context, staff = _staff(browser, cast.appropriate_authority, base)
    _go(staff, f"{base}/officers/{cast.officer.uuid}/")
    assert staff.locator("#list-entries").get_by_text("Police Barred List").is_visible()
    assert_accessible(staff)
    screenshot(staff, "casework-07-officer")
    _go(staff, f"{base}/cases/{case.reference}/")
    assert_accessible(staff)
    screenshot(staff, "casework-08-case")
    context.close()

    # 7. The complainant's tracking page: finished, with the right to a review.
    _go(page, str(tracking))
    assert page.locator("h1").inner_text() == "Finished"
    assert page.get_by_role("button", name="Ask for a review").is_visible()
    assert_accessible(page)
    screenshot(page, "casework-09-tracking")
