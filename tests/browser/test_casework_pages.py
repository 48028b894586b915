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
from candour.cases.transitions import case_transition
from candour.people.services import member_of_public_create
from candour.testing.browser import check_page, open_page, screenshot_dir

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_queue_refusals_subject_forms_and_documents(live_server: Any, cast: Any, signed_in: Any) -> None:
    base, today, case = live_server.url, timezone.localdate(), cast.case
    actor = Actor.system("test")
    for n in range(3):
        extra = services.case_open(force=cast.force, case_type="complaint", actor=actor, summary=f"Queue {n}",
                                   received_on=today - timedelta(days=40 * n + 2),
                                   complainant=member_of_public_create(force=cast.force, actor=actor,
                                                                       full_name=f"Complainant {n}"))
        case_transition(case=extra, transition="record", user=cast.appropriate_authority,
                                 expected_version=extra.version, today=extra.received_on)
        # Handling started when it was received: the older ones are overdue a complainant update.
        TimelineEvent.objects.filter(case=extra).update(occurred_at=timezone.now() - timedelta(days=40 * n + 2))
    case_transition(case=case, transition="record", user=cast.appropriate_authority,
                             expected_version=case.version, today=case.received_on)
    call_command("casework", "clocks", verbosity=0)

    page = signed_in(cast.appropriate_authority)
    open_page(page, f"{base}/queue/", shot="casework-pages-queue")
    assert page.locator(".moj-sub-navigation__link[aria-current=page]").inner_text().startswith("All")
    open_page(page, f"{base}/queue/?due=overdue", shot="casework-pages-queue-overdue")
    assert "Overdue" in page.locator(".moj-sub-navigation__link[aria-current=page]").inner_text()
    assert page.locator("tbody .govuk-tag--red").count() == page.locator("tbody tr").count() >= 1

    # A step the rules refuse: the page says why and offers no confirm button.
    case.refresh_from_db()
    open_page(page, f"{base}/cases/{case.reference}/steps/submit_report/", shot="casework-pages-step-refused")
    body = page.locator("main").inner_text()
    assert "cannot" in body.lower() or "only possible" in body.lower(), body
    assert page.get_by_role("button", name="Confirm").count() == 0

    # The investigator's record forms for a subject, each with its error summary on bad input.
    services.investigator_appoint(case=case, user=cast.appropriate_authority, investigator=cast.investigator,
                                  expected_version=case.version, today=today)
    case.refresh_from_db()
    case_transition(case=case, transition="investigate", user=cast.appropriate_authority,
                             expected_version=case.version, today=today)
    page = signed_in(cast.investigator)
    subject = cast.subject
    subject_url = f"{base}/cases/{case.reference}/subjects/{subject.uuid}"
    for what in ("severity", "notice"):
        open_page(page, f"{subject_url}/{what}/", shot=f"casework-pages-subject-{what}")
        with page.expect_navigation():
            page.locator("main").get_by_role("button").first.click()
        assert page.locator(".govuk-error-summary").count() == 1
        check_page(page, f"casework-pages-subject-{what}-errors")
    services.subject_severity_assess(subject=subject, user=cast.investigator, severity="misconduct",
                                     assessed_on=today - timedelta(days=1))
    open_page(page, f"{subject_url}/case-to-answer/", shot="casework-pages-subject-case-to-answer")
    open_page(page, f"{subject_url}/outcome/", shot="casework-pages-subject-outcome")

    # Documents: printable HTML, and the PDF drawn by Chromium itself.
    services.reg17_notice_serve(subject=subject, user=cast.investigator, method="email",
                                served_on=today - timedelta(days=1))
    documents = f"{base}/cases/{case.reference}/documents"
    open_page(page, f"{documents}/notice/{subject.uuid}/", shot="casework-pages-document-notice")
    open_page(page, f"{documents}/progress-report/", shot="casework-pages-document-progress-report")
    open_page(page, f"{documents}/outcome-letter/", shot="casework-pages-document-outcome-letter")
    if chromium_path():
        # The PDF is a POST (issue 15: a scan that follows links must not start Chromium).
        page.goto(f"{documents}/progress-report/")
        with page.expect_download() as download:
            page.get_by_role("button", name="download it as a PDF").click()
        pdf = screenshot_dir() / "casework-pages-document-progress-report.pdf"
        download.value.save_as(pdf)
        assert pdf.read_bytes().startswith(b"%PDF-")
