"""The oversight user's day in Chromium, from the home page: the force's cases, a case read from
the search, the officer and the integrity registers, and proof that nothing can be changed: no
step, form or decision is offered, and posting one is refused with nothing changed.
Screenshots in var/screenshots/oversight/."""

from __future__ import annotations

from typing import Any

import pytest

from candour.audit.models import AuditEvent
from candour.cases.models import Case
from candour.testing.browser import click_and_wait, open_page
from tests.browser.walk import role_shot

pytestmark = pytest.mark.usefixtures("transactional_db")
ROLE = "oversight"


def test_oversight_walk(live_server: Any, cast: Any, signed_in: Any) -> None:
    base = live_server.url
    page = signed_in(cast.user(ROLE))
    open_page(page, f"{base}/")
    assert page.get_by_role("heading", name="Cases in your force").is_visible()
    role_shot(page, ROLE, "01-home", reflow=False)

    # 1. Find the case by the officer's name and read it.
    click_and_wait(page, "link", "Search")
    page.fill("input[name=q]", "Testperson")
    click_and_wait(page, "button", "Search")
    role_shot(page, ROLE, "02-search", reflow=False)
    click_and_wait(page, "link", cast.case.reference)
    assert page.get_by_role("heading", name=cast.case.reference).first.is_visible() \
        or page.get_by_text(cast.case.reference).first.is_visible()
    role_shot(page, ROLE, "03-case", reflow=False)
    main = page.locator("#main-content")
    assert main.locator("form[method=post], form[method=POST]").count() == 0
    assert main.locator("a[href*='/steps/'], a[href*='/investigator/'], a[href*='/update/']").count() == 0

    # 2. The integrity registers: read only.
    open_page(page, f"{base}/")
    click_and_wait(page, "link", "Suspensions and restricted duties")
    role_shot(page, ROLE, "04-suspensions", reflow=False)
    assert page.get_by_role("button").filter(has_text="Start").count() == 0
    open_page(page, f"{base}/")
    click_and_wait(page, "link", "Barred and advisory lists")
    assert page.get_by_text("Mark as reported").count() == 0
    role_shot(page, ROLE, "05-lists")

    # 3. Changing anything is refused, and nothing changes.
    case = Case.objects.get(pk=cast.case.pk)
    events = AuditEvent.objects.count()
    token = page.context.cookies()
    csrf = next((c["value"] for c in token if c["name"] == "csrftoken"), "")
    for url, data in ((f"/cases/{case.reference}/steps/record/", {"version": case.version, "reason": "x"}),
                      (f"/cases/{case.reference}/investigator/", {"investigator": "1"}),
                      (f"/integrity/suspensions/{cast.suspension.uuid}/end/", {"reason": "x"}),
                      (f"/integrity/lists/{cast.list_entry.uuid}/reported/", {}),
                      (f"/vetting/reviews/{cast.review.uuid}/decide/", {"outcome": "maintained"})):
        response = page.request.post(f"{base}{url}", form={**{k: str(v) for k, v in data.items()},
                                                         "csrfmiddlewaretoken": csrf},
                                     headers={"X-CSRFToken": csrf, "Referer": base + url})
        assert response.status in (403, 404), (url, response.status)
    assert AuditEvent.objects.count() == events
    after = Case.objects.get(pk=case.pk)
    assert (after.state, after.version) == (case.state, case.version)
