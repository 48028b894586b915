"""Issue 15: with a Content-Security-Policy that has no 'unsafe-inline', the pages still work in
Chromium (GOV.UK Frontend and MOJ Frontend start, no console error), and a script injected into
the page (an inline element or an event handler) does not run."""

from __future__ import annotations

from typing import Any

import pytest

from candour.testing.cast import Cast

pytestmark = pytest.mark.usefixtures("transactional_db")

INJECT = """() => {
  window.__violations = 0;
  document.addEventListener('securitypolicyviolation', () => { window.__violations += 1; });
  const script = document.createElement('script');
  script.textContent = 'window.__injected = true';
  document.body.appendChild(script);
  const holder = document.createElement('div');
  holder.innerHTML = '<img src="data:," onerror="window.__handler = true">';
  document.body.appendChild(holder);
}"""


def _works_and_refuses_injection(page: Any, url: str, page_errors: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    classes = page.locator("body").get_attribute("class") or ""
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes, url
    # GOV.UK Frontend's initAll ran (the module script with the nonce): the skip link is set up.
    page.wait_for_selector("[data-govuk-skip-link-init]", state="attached")
    assert page_errors == [], (url, page_errors)
    page.evaluate(INJECT)
    # Chromium reports each refusal (the script element, the image's onerror handler).
    page.wait_for_function("() => window.__violations >= 2")
    assert page.evaluate("() => [window.__injected === true, window.__handler === true]") == [False, False]
    refused = [e for e in page_errors if "Content Security Policy" in e]
    assert len(refused) >= 2, page_errors
    page_errors.clear()


def test_pages_work_and_injected_scripts_do_not_run(cast: Cast, live_server: Any, page: Any,
                                                    page_errors: list[str], signed_in: Any) -> None:
    for path in ("/report/", "/report/force/", "/cy/report/", f"/track/{cast.tracking_token}/"):
        _works_and_refuses_injection(page, f"{live_server.url}{path}", page_errors)
    staff = signed_in(cast.appropriate_authority)
    errors: list[str] = []
    staff.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for path in ("/", f"/cases/{cast.case.reference}/"):
        _works_and_refuses_injection(staff, f"{live_server.url}{path}", errors)
