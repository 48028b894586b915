"""Smoke tests for the page template and the browser harness.

``test_sign_in_page`` opens the real sign-in page. The layout tests render base.html and the
shared partials (messages, error summary, summary list, pagination) through a small URLconf
defined in this module, so they do not depend on any application page.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.urls import include, path

from candour.testing.browser import assert_accessible, new_context, screenshot

# A template page that uses every block and partial of base.html.
SHOWCASE = """{% extends "base.html" %}
{% block title %}Layout check{% endblock %}
{% block before_content %}
  <nav class="govuk-breadcrumbs" aria-label="Breadcrumb">
    <ol class="govuk-breadcrumbs__list">
      <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/">Home</a></li>
      <li class="govuk-breadcrumbs__list-item">Layout check</li>
    </ol>
  </nav>
{% endblock %}
{% block content %}
  {% include "includes/error_summary.html" with form=form %}
  <div class="govuk-grid-row">
    <div class="govuk-grid-column-two-thirds">
      <span class="govuk-caption-l">MET-2025-004321</span>
      <h1 class="govuk-heading-l">Layout check</h1>
      {% include "includes/summary_list.html" with rows=rows %}
      <form method="post" novalidate>
        {% csrf_token %}
        <div class="govuk-form-group govuk-form-group--error">
          <label class="govuk-label" for="id_reference">Case reference</label>
          <p id="id_reference-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {{ form.reference.errors.0 }}
          </p>
          <input class="govuk-input govuk-input--error" id="id_reference" name="reference"
                 type="text" aria-describedby="id_reference-error">
        </div>
        <button type="submit" class="govuk-button" data-module="govuk-button">Search</button>
      </form>
      <table class="govuk-table" data-module="moj-sortable-table">
        <caption class="govuk-table__caption govuk-table__caption--m">Cases</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header" aria-sort="ascending">Reference</th>
            <th scope="col" class="govuk-table__header" aria-sort="none">Status</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {% for number in page.object_list %}
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">MET-2025-{{ number|stringformat:"06d" }}</td>
            <td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--blue">Logged</strong></td>
          </tr>
          {% endfor %}
        </tbody>
      </table>
      {% include "includes/pagination.html" with page=page %}
    </div>
  </div>
{% endblock %}
"""


class ReferenceForm(forms.Form):
    reference = forms.CharField(label="Case reference")


def showcase(request: HttpRequest) -> HttpResponse:
    # A stand-in signed-in user: base.html only needs these attributes.
    request.user = SimpleNamespace(  # type: ignore[assignment]
        is_authenticated=True,
        force_id=None,
        name="Alex Example",
        get_full_name=lambda: "Alex Example",
        get_username=lambda: "alex",
    )
    messages.success(request, "Case MET-2025-004321 has been recorded")
    form = ReferenceForm(data={"reference": ""})
    form.is_valid()
    page = Paginator(list(range(1, 201)), 10).get_page(request.GET.get("page", 7))
    template = engines["django"].from_string(SHOWCASE)
    return HttpResponse(
        template.render(
            {
                "form": form,
                "page": page,
                "rows": [
                    {"key": "Officer", "value": "PC 4521 Sam Sample"},
                    {"key": "Unit", "value": "Professional Standards", "href": "#"},
                    {"key": "Date received", "value": ""},
                ],
                "nav_items": [
                    {"label": "Home", "url": "/", "active": False},
                    {"label": "Search", "url": "/layout/", "active": True},
                ],
                "user_roles_label": "Assessor, Investigator",
            },
            request,
        )
    )


BACK_LINK_PAGE = """{% extends "base.html" %}
{% block title %}Back link check{% endblock %}
{% block before_content %}{% include "includes/back_link.html" with href="/layout/" %}{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Back link check</h1>{% endblock %}
"""


def bare_page(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html", {})


def back_link_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(engines["django"].from_string(BACK_LINK_PAGE).render({}, request))


def _named_url_target(request: HttpRequest) -> HttpResponse:
    """Only gives base.html the URL names it reverses; the layout tests never follow them."""
    return HttpResponse("layout test target")


accounts_patterns = ([path("logout/", _named_url_target, name="logout"),
                     path("second-factor/", _named_url_target, name="second_factor")], "accounts")
web_patterns = ([path("", _named_url_target, name="home")], "web")
intake_patterns = ([path(f"{page}/", _named_url_target, name=f"portal_{page}")
                    for page in ("privacy", "accessibility", "cookies", "contact", "feedback")], "intake")
urlpatterns = [
    path("layout/", showcase),
    path("bare/", bare_page),
    path("back/", back_link_page),
    path("accounts/", include(accounts_patterns)),
    path("report/", include(intake_patterns)),
    path("", include(web_patterns)),
]


@pytest.fixture
def layout_urls(settings):
    settings.ROOT_URLCONF = __name__


def test_sign_in_page(live_server, page, page_errors):
    response = page.goto(f"{live_server.url}/accounts/login/")
    assert response is not None and response.ok, response and response.status
    assert page.title().endswith(" – Candour")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    screenshot(page, "sign-in")
    assert page_errors == []


def test_layout_renders_as_a_govuk_service(live_server, layout_urls, page, page_errors):
    response = page.goto(f"{live_server.url}/layout/")
    assert response is not None and response.ok

    assert page.title() == "Error: Layout check – Candour"
    assert (page.locator("html").get_attribute("lang") or "").startswith("en")
    # Both ES-module bundles loaded and initialised the components.
    body_classes = page.locator("body").get_attribute("class") or ""
    assert "js-enabled" in body_classes and "govuk-frontend-supported" in body_classes
    page.wait_for_selector(".govuk-error-summary[data-govuk-error-summary-init]", state="attached")
    page.wait_for_selector("table[data-moj-sortable-table-init]", state="attached")
    assert page_errors == []

    # Arial, not GDS Transport; a black header; no crown or crest anywhere.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith("arial"), font
    header_bg = page.evaluate(
        "getComputedStyle(document.querySelector('.moj-header')).backgroundColor"
    )
    assert header_bg == "rgb(11, 12, 12)", header_bg
    html = page.content()
    for forbidden in ("GDS Transport", "crown", "crest", "govuk-logo"):
        assert forbidden not in html, forbidden

    # Header shows the user and a sign-out POST form.
    assert page.locator(".candour-header__user-name").inner_text() == "Alex Example"
    sign_out = page.locator("form.candour-header__sign-out")
    assert sign_out.get_attribute("method") == "post"
    assert sign_out.get_attribute("action") == "/accounts/logout/"
    assert sign_out.locator("input[name=csrfmiddlewaretoken]").count() == 1

    # Navigation, message banner, error summary link, pagination with ellipses.
    current = page.locator(".govuk-service-navigation__item--active")
    assert current.inner_text().strip() == "Search"
    assert "has been recorded" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.locator(".govuk-error-summary a").get_attribute("href") == "#id_reference"
    pages = page.locator(".govuk-pagination__item").all_inner_texts()
    assert [p.strip() for p in pages] == ["1", "⋯", "6", "7", "8", "⋯", "20"]
    assert page.locator("[aria-current=page]").inner_text().strip() == "7"

    assert_accessible(page)
    screenshot(page, "layout")


def test_pages_work_without_javascript(live_server, layout_urls, browser):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/layout/?q=officer&page=2")
        assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
        # Navigation is visible without the JavaScript menu toggle.
        assert page.locator(".govuk-service-navigation__list").is_visible()
        assert not page.locator(".govuk-service-navigation__toggle").is_visible()
        # Pagination links keep the other query parameters.
        assert page.locator("a[rel=next]").get_attribute("href") == "?q=officer&page=3"
        # No axe check here: axe-core is JavaScript, and page.evaluate() never returns in a
        # context with JavaScript disabled. The markup is the one checked above.
        screenshot(page, "layout-no-js")
    finally:
        context.close()


def test_signed_out_page_has_no_navigation(live_server, layout_urls, page):
    page.goto(f"{live_server.url}/bare/")
    assert page.locator(".moj-header__link--organisation-name").inner_text() == "Candour"
    assert page.locator("form.candour-header__sign-out").count() == 0
    assert page.locator(".govuk-service-navigation").count() == 0


def test_back_link_partial_is_in_a_landmark(live_server, layout_urls, page):
    page.goto(f"{live_server.url}/back/")
    assert page.locator("nav .govuk-back-link").get_attribute("href") == "/layout/"
    assert_accessible(page)
