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

from candour.testing.browser import assert_accessible, force_login, new_context, screenshot
from candour.workforce.models import Conviction, SuspensionEpisode

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
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").inner_text()


def test_integrity_registers(live_server: Any, cast: Any, browser: Any) -> None:
    base = live_server.url
    today = timezone.localdate()

    # 1. The appropriate authority suspends the officer: a first try without the reg 11 test is refused.
    context = new_context(browser)
    force_login(context, cast.appropriate_authority, base)
    page = context.new_page()
    _go(page, f"{base}/officers/{cast.officer.uuid}/")
    _click(page, "link", "Suspend or restrict duties")
    page.get_by_label("Suspension", exact=True).check()
    _fill_date(page, "started_on", today - timedelta(days=3))
    page.fill("#id_reasons", "Allegation of assault on a detained person, under investigation.")
    _click(page, "button", "Start")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    screenshot(page, "integrity-01-suspension-refused")
    assert not SuspensionEpisode.objects.filter(officer=cast.officer).exists()
    page.get_by_label("Temporary redeployment to alternative duties or another location was considered first").check()
    page.fill("#id_redeployment_not_appropriate_because", "Every available post has custody access.")
    page.get_by_label("The effective investigation may be prejudiced", exact=False).check()
    page.get_by_label("Orally", exact=True).check()
    _click(page, "button", "Start")
    _no_errors(page)
    assert page.locator("#confirmation-clock").is_visible() and page.locator("#review-clock").is_visible()
    assert_accessible(page)
    screenshot(page, "integrity-02-suspension")

    _click(page, "link", "Record a review")
    _fill_date(page, "reviewed_on", today)
    page.fill("#id_reasons", "Witnesses not yet interviewed; the risk to the investigation remains.")
    assert_accessible(page)
    _click(page, "button", "Record the review")
    _no_errors(page)
    assert page.locator("#reviews").is_visible()

    _go(page, f"{base}/integrity/")
    assert page.locator("#suspended-now").inner_text() == "2"
    assert_accessible(page)
    screenshot(page, "integrity-03-totals")
    _go(page, f"{base}/integrity/suspensions/")
    assert_accessible(page)
    screenshot(page, "integrity-04-suspensions")
    context.close()

    # 2. The vetting officer records a conviction and confirms the suggested class.
    context = new_context(browser)
    force_login(context, cast.user("vetting_officer"), base)
    page = context.new_page()
    _go(page, f"{base}/officers/{cast.officer.uuid}/")
    _click(page, "link", "Record a conviction, caution or notice")
    page.fill("#id_offence", "Assault occasioning actual bodily harm")
    _fill_date(page, "offence_on", date(2025, 6, 1))
    page.get_by_label("Either way", exact=True).check()
    page.get_by_label("Conviction", exact=True).check()
    _fill_date(page, "disposal_on", date(2025, 9, 1))
    page.fill("#id_court", "Northtown Crown Court")
    _click(page, "button", "Record")
    assert "Violence" in page.locator("#suggestion").inner_text()
    assert_accessible(page)
    screenshot(page, "integrity-05-conviction-check")
    _click(page, "button", "Record")
    _no_errors(page)
    conviction = Conviction.objects.latest("id")
    assert conviction.classification == "violence" and conviction.policy == "presumption_of_refusal"
    assert page.locator("#policy-reasons").is_visible()
    assert_accessible(page)
    screenshot(page, "integrity-06-conviction")

    for path, shot in (("/integrity/convictions/", "07-convictions"), ("/integrity/convictions/report/", "08-report"),
                       ("/integrity/warnings/", "09-warnings"), ("/integrity/lists/", "10-lists")):
        _go(page, f"{base}{path}")
        assert_accessible(page)
        screenshot(page, f"integrity-{shot}")

    with page.expect_navigation():
        page.locator(f'a[href="/integrity/lists/{cast.list_entry.uuid}/reported/"]').click()
    _fill_date(page, "reported_on", date(2025, 8, 5))
    assert_accessible(page)
    _click(page, "button", "Mark as reported")
    _no_errors(page)
    cast.list_entry.refresh_from_db()
    assert cast.list_entry.reported_on == date(2025, 8, 5)
    context.close()
