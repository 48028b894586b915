"""The analyst's day in Chromium, from the home page: the force's figures, the workforce
integrity totals, the convictions report and the warnings in force, and the casework pages
they may not see. Screenshots in var/screenshots/analyst/."""

from __future__ import annotations

from typing import Any

import pytest

from candour.testing.browser import click_and_wait, open_page
from tests.browser.walk import role_shot

pytestmark = pytest.mark.usefixtures("transactional_db")
ROLE = "analyst"


def test_analyst_walk(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url
    page = signed_in(cast.user(ROLE))
    open_page(page, f"{base}/")
    assert page.get_by_role("heading", name="Force figures").is_visible()
    role_shot(page, ROLE, "01-home", reflow=False)

    click_and_wait(page, "link", "Workforce integrity totals: cost of suspended staff, restricted duties, "
                                 "overdue reviews")
    assert page.get_by_role("heading", name="Cost of suspended staff").is_visible()
    role_shot(page, ROLE, "02-integrity-totals")
    click_and_wait(page, "link", "Convictions by class")
    assert page.get_by_role("heading", name="Convictions and cautions of serving officers").is_visible()
    role_shot(page, ROLE, "03-convictions-report")
    click_and_wait(page, "link", "Warnings in force")
    role_shot(page, ROLE, "04-warnings")

    # Statistics, not casework: search, the queue and case pages are closed to the analyst.
    for url in ("/search/?q=Testperson", "/queue/", f"/cases/{cast.case.reference}/", "/vetting/", "/screening/"):
        assert page.request.get(f"{base}{url}").status in (403, 404), url
