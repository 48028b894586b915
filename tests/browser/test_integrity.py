"""The workforce integrity registers in Chromium: the appropriate authority suspends an officer
(after a refused first try), reviews the suspension and reads the totals; the vetting officer
records a conviction, confirming the suggested class, reads the report, the warnings in force
and the lists, and marks the advisory entry reported. Every page is checked with axe-core;
screenshots go to var/screenshots/integrity-*.png."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from candour.testing.browser import assert_accepted, check_and_submit, check_page, click_and_wait, fill_date, open_page
from candour.workforce.models import Conviction, SuspensionEpisode

pytestmark = pytest.mark.usefixtures("transactional_db")


def test_integrity_registers(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url
    today = timezone.localdate()

    # 1. The appropriate authority suspends the officer: a first try without the reg 11 test is refused.
    page = signed_in(cast.appropriate_authority)
    open_page(page, f"{base}/officers/{cast.officer.uuid}/")
    click_and_wait(page, "link", "Suspend or restrict duties")
    page.get_by_label("Suspension", exact=True).check()
    fill_date(page, "started_on", today - timedelta(days=3))
    page.fill("#id_reasons", "Allegation of assault on a detained person, under investigation.")
    click_and_wait(page, "button", "Start")
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page, "integrity-01-suspension-refused")
    assert not SuspensionEpisode.objects.filter(officer=cast.officer).exists()
    page.get_by_label("Temporary redeployment to alternative duties or another location was considered first").check()
    page.fill("#id_redeployment_not_appropriate_because", "Every available post has custody access.")
    page.get_by_label("The effective investigation may be prejudiced", exact=False).check()
    page.get_by_label("Orally", exact=True).check()
    click_and_wait(page, "button", "Start")
    assert_accepted(page)
    assert page.locator("#confirmation-clock").is_visible() and page.locator("#review-clock").is_visible()
    check_page(page, "integrity-02-suspension")

    click_and_wait(page, "link", "Record a review")
    fill_date(page, "reviewed_on", today)
    page.fill("#id_reasons", "Witnesses not yet interviewed; the risk to the investigation remains.")
    check_and_submit(page, "Record the review")
    assert_accepted(page)
    assert page.locator("#reviews").is_visible()

    open_page(page, f"{base}/integrity/")
    assert page.locator("#suspended-now").inner_text() == "2"
    check_page(page, "integrity-03-totals")
    open_page(page, f"{base}/integrity/suspensions/", shot="integrity-04-suspensions")

    # 2. The vetting officer records a conviction and confirms the suggested class.
    page = signed_in(cast.user("vetting_officer"))
    open_page(page, f"{base}/officers/{cast.officer.uuid}/")
    click_and_wait(page, "link", "Record a conviction, caution or notice")
    page.fill("#id_offence", "Assault occasioning actual bodily harm")
    fill_date(page, "offence_on", date(2025, 6, 1))
    page.get_by_label("Either way", exact=True).check()
    page.get_by_label("Conviction", exact=True).check()
    fill_date(page, "disposal_on", date(2025, 9, 1))
    page.fill("#id_court", "Northtown Crown Court")
    click_and_wait(page, "button", "Record")
    assert "Violence" in page.locator("#suggestion").inner_text()
    check_page(page, "integrity-05-conviction-check")
    click_and_wait(page, "button", "Record")
    assert_accepted(page)
    conviction = Conviction.objects.latest("id")
    assert conviction.classification == "violence" and conviction.policy == "presumption_of_refusal"
    assert page.locator("#policy-reasons").is_visible()
    check_page(page, "integrity-06-conviction")

    for path, shot in (("/integrity/convictions/", "07-convictions"), ("/integrity/convictions/report/", "08-report"),
                       ("/integrity/warnings/", "09-warnings"), ("/integrity/lists/", "10-lists")):
        open_page(page, f"{base}{path}", shot=f"integrity-{shot}")

    with page.expect_navigation():
        page.locator(f'a[href="/integrity/lists/{cast.list_entry.uuid}/reported/"]').click()
    fill_date(page, "reported_on", date(2025, 8, 5))
    check_and_submit(page, "Mark as reported")
    assert_accepted(page)
    cast.list_entry.refresh_from_db()
    assert cast.list_entry.reported_on == date(2025, 8, 5)
