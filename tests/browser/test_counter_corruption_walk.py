"""The counter-corruption officer's day in Chromium, from the home page: the screening match
queue, a candidate rejected (first without a reason, refused), the vetting register read but not
worked, and the case pages closed to them. Screenshots in var/screenshots/counter_corruption/."""

from __future__ import annotations

from typing import Any

import pytest

from candour.screening.models import ScreeningCandidate
from candour.testing.browser import assert_accepted, click_and_wait, open_page
from tests.browser.walk import banner, role_shot

pytestmark = pytest.mark.usefixtures("transactional_db")
ROLE = "counter_corruption"


def test_counter_corruption_walk(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url
    page = signed_in(cast.user(ROLE))
    open_page(page, f"{base}/")
    role_shot(page, ROLE, "01-home", reflow=False)

    # 1. The match queue and one candidate, side by side with the engine's reasons.
    click_and_wait(page, "link", "1 match to review")
    role_shot(page, ROLE, "02-queue")
    page.get_by_role("link", name="Ada Testperson").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Day and month swapped").first.is_visible()
    role_shot(page, ROLE, "03-candidate")

    # 2. Rejected without a reason: refused, nothing changed; with a reason: recorded.
    page.get_by_label("No, reject the match").check()
    click_and_wait(page, "button", "Record decision")
    assert page.locator(".govuk-error-summary").is_visible()
    assert ScreeningCandidate.objects.get(pk=cast.candidate.pk).status == "pending"
    role_shot(page, ROLE, "04-reject-refused")
    page.fill("#id_reason", "Different people: the extract's subject was abroad on the date in question.")
    click_and_wait(page, "button", "Record decision")
    assert_accepted(page)
    assert banner(page)
    assert ScreeningCandidate.objects.get(pk=cast.candidate.pk).status == "rejected"
    role_shot(page, ROLE, "05-rejected")

    # 3. The vetting register: read, not worked.
    open_page(page, f"{base}/")
    click_and_wait(page, "link", "Vetting register")
    assert page.get_by_role("heading", name="Reviews open").is_visible()
    assert page.get_by_role("button", name="Record a clearance").count() == 0
    role_shot(page, ROLE, "06-register-read-only")
    page.locator("#main-content tr", has_text="Randomised").get_by_role("link", name="Ada Testperson").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Decide the review").count() == 0
    role_shot(page, ROLE, "07-review-read-only")
    assert page.request.get(f"{base}/vetting/reviews/{cast.review.uuid}/decide/").status == 403
    # Cases are not theirs to see.
    assert page.request.get(f"{base}/cases/{cast.case.reference}/").status in (403, 404)
