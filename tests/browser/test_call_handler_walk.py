"""The call handler's day in Chromium, from the home page: a hotline call taken from the keyboard
(a missing answer refused first, nothing saved), the reference and tracking link given to the
caller, the receipt emailed to the caller with that link, an anonymous call with the warning
the caller must hear, and the day's tally on the home page. Each page is checked with axe-core
and for reflow at 320 px; screenshots go to var/screenshots/call_handler/."""

from __future__ import annotations

from typing import Any

import pytest

from candour.intake.models import Report
from candour.testing.browser import assert_accepted, click_and_wait, open_page
from tests.browser.walk import role_shot

pytestmark = pytest.mark.usefixtures("transactional_db")
ROLE = "call_handler"


def shot(page: Any, name: str, *, reflow: bool = True) -> None:
    role_shot(page, ROLE, name, reflow=reflow)


def test_call_handler_walk(live_server: Any, cast: Any, signed_in: Any, mailoutbox: list[Any]) -> None:
    base = live_server.url
    handler = cast.user(ROLE)
    page = signed_in(handler)
    open_page(page, f"{base}/")
    assert page.get_by_text("You have logged 0 calls today.").is_visible()
    shot(page, "01-home", reflow=False)

    # 1. A named caller, typed as they speak; the form refuses a call with nothing said.
    click_and_wait(page, "button", "Take a hotline call")
    assert page.locator("#id_what_happened").evaluate("e => e === document.activeElement")
    shot(page, "02-hotline")
    click_and_wait(page, "button", "Save call")
    errors = page.locator(".govuk-error-summary")
    assert "Select what the caller is reporting" in errors.inner_text()
    assert "Enter what happened" in errors.inner_text()  # every problem at once, not one per try
    shot(page, "03-hotline-errors")
    assert Report.objects.filter(channel="hotline").count() == 0
    errors.get_by_role("link", name="Enter what happened").click()  # the summary leads to the field
    assert page.evaluate("() => document.activeElement.id") == "id_what_happened"
    page.keyboard.type("Caller says an officer swore at her and refused to give his number at a road check.")
    page.get_by_label("Complaining about how they were treated").check()
    page.fill("#id_incident_on_0", "2")
    page.fill("#id_incident_on_1", "6")
    page.fill("#id_incident_on_2", "2025")
    page.fill("#id_incident_location", "A38 near Northtown")
    page.fill("#id_person_number", "AB12")
    page.get_by_label("It happened to me").check()
    page.fill("#id_contact_name", "Sam Caller")
    page.fill("#id_contact_email", "sam@example.com")
    page.fill("#id_contact_phone", "07700 900123")
    click_and_wait(page, "button", "Save call")
    assert_accepted(page)
    report = Report.objects.get(channel="hotline")
    saved = page.get_by_role("alert", name="Saved").inner_text()
    assert report.reference in saved
    link = page.locator("#tracking-link").inner_text()
    assert "/track/" in link
    assert "emailed" in saved and "sam@example.com" in saved
    shot(page, "04-saved")
    assert report.entered_by == handler and report.contact_email == "sam@example.com"
    # The caller's receipt carries the link the call handler read out.
    receipt = [m for m in mailoutbox if m.to == ["sam@example.com"]]
    assert len(receipt) == 1 and link in receipt[0].body and report.reference in receipt[0].body
    # The form is empty again for the next call, the cursor in "What happened" (the banner is
    # announced, but does not take the focus away from the next call).
    assert page.locator("#id_what_happened").input_value() == ""
    assert page.evaluate("() => document.activeElement.id") == "id_what_happened"

    # 2. An anonymous caller: the call handler is told what the caller must hear about the link.
    page.keyboard.type("Caller saw an officer take cash from a stall holder on the market.")
    page.get_by_label("Reporting an officer's or staff member's conduct").check()
    page.fill("#id_incident_location", "Northtown market")
    page.get_by_label("The caller wants to stay anonymous").check()
    click_and_wait(page, "button", "Save call")
    assert_accepted(page)
    second = Report.objects.filter(channel="hotline").exclude(pk=report.pk).get()
    saved = page.get_by_role("alert", name="Saved").inner_text()
    assert second.reference in saved and second.anonymous
    assert "a lost link cannot be replaced" in saved and "emailed" not in saved
    shot(page, "05-saved-anonymous")

    # 3. Home: the day's tally.
    click_and_wait(page, "link", "Home")
    assert page.get_by_text("You have logged 2 calls today.").is_visible()
    shot(page, "06-home-after", reflow=False)
