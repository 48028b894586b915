"""The casework pages people look at all day, in Chromium with axe-core: "My cases" and its
overdue view, a step that is refused (with the reasons), each subject record form, and the
three documents (the PDF rendered to a picture). Screenshots go to
var/screenshots/casework-pages-*.png."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from candour.audit.services import Actor
from candour.cases import services
from candour.cases.documents import chromium_path
from candour.cases.models import TimelineEvent
from candour.people.services import member_of_public_create
from candour.testing.browser import assert_accessible, force_login, new_context, screenshot, screenshot_dir

pytestmark = pytest.mark.usefixtures("transactional_db")


def _open(page: Any, url: str, shot: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert_accessible(page)
    screenshot(page, f"casework-pages-{shot}")


def _staff(browser: Any, user: Any, base: str) -> Any:
    context = new_context(browser)
    force_login(context, user, base)
    return context, context.new_page()


def test_queue_refusals_subject_forms_and_documents(live_server: Any, cast: Any, browser: Any) -> None:
    base, today, case = live_server.url, timezone.localdate(), cast.case
    actor = Actor.system("test")
    for n in range(3):
        extra = services.case_open(force=cast.force, case_type="complaint", actor=actor, summary=f"Queue {n}",
                                   received_on=today - timedelta(days=40 * n + 2),
                                   complainant=member_of_public_create(force=cast.force, actor=actor,
                                                                       full_name=f"Complainant {n}"))
        services.case_transition(case=extra, transition="record", user=cast.appropriate_authority,
                                 expected_version=extra.version, today=extra.received_on)
        # Handling started when it was received: the older ones are overdue a complainant update.
        TimelineEvent.objects.filter(case=extra).update(occurred_at=timezone.now() - timedelta(days=40 * n + 2))
    services.case_transition(case=case, transition="record", user=cast.appropriate_authority,
                             expected_version=case.version, today=case.received_on)
    call_command("casework", "clocks", verbosity=0)

    context, page = _staff(browser, cast.appropriate_authority, base)
    _open(page, f"{base}/queue/", "queue")
    assert page.locator(".moj-sub-navigation__link[aria-current=page]").inner_text().startswith("All")
    _open(page, f"{base}/queue/?due=overdue", "queue-overdue")
    assert "Overdue" in page.locator(".moj-sub-navigation__link[aria-current=page]").inner_text()
    assert page.locator("tbody .govuk-tag--red").count() == page.locator("tbody tr").count() >= 1

    # A step the rules refuse: the page says why and offers no confirm button.
    case.refresh_from_db()
    _open(page, f"{base}/cases/{case.reference}/steps/submit_report/", "step-refused")
    body = page.locator("main").inner_text()
    assert "cannot" in body.lower() or "only possible" in body.lower(), body
    assert page.get_by_role("button", name="Confirm").count() == 0
    context.close()

    # The investigator's record forms for a subject, each with its error summary on bad input.
    services.investigator_appoint(case=case, user=cast.appropriate_authority, investigator=cast.investigator,
                                  expected_version=case.version, today=today)
    case.refresh_from_db()
    services.case_transition(case=case, transition="investigate", user=cast.appropriate_authority,
                             expected_version=case.version, today=today)
    context, page = _staff(browser, cast.investigator, base)
    subject = cast.subject
    for what in ("severity", "notice"):
        _open(page, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/{what}/", f"subject-{what}")
        with page.expect_navigation():
            page.locator("main").get_by_role("button").first.click()
        assert page.locator(".govuk-error-summary").count() == 1
        assert_accessible(page)
        screenshot(page, f"casework-pages-subject-{what}-errors")
    services.subject_severity_assess(subject=subject, user=cast.investigator, severity="misconduct",
                                     assessed_on=today - timedelta(days=1))
    _open(page, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/case-to-answer/", "subject-case-to-answer")
    _open(page, f"{base}/cases/{case.reference}/subjects/{subject.uuid}/outcome/", "subject-outcome")

    # Documents: printable HTML, and the PDF drawn by Chromium itself.
    services.reg17_notice_serve(subject=subject, user=cast.investigator, method="email",
                                served_on=today - timedelta(days=1))
    _open(page, f"{base}/cases/{case.reference}/documents/notice/{subject.uuid}/", "document-notice")
    _open(page, f"{base}/cases/{case.reference}/documents/progress-report/", "document-progress-report")
    _open(page, f"{base}/cases/{case.reference}/documents/outcome-letter/", "document-outcome-letter")
    if chromium_path():
        response = page.request.get(f"{base}/cases/{case.reference}/documents/progress-report/?format=pdf")
        assert response.status == 200 and response.body().startswith(b"%PDF-")
        pdf = screenshot_dir() / "casework-pages-document-progress-report.pdf"
        pdf.write_bytes(response.body())
    context.close()
