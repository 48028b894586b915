"""Accessibility beyond axe (issue 14), checked in the markup: wide tables in labelled scroll
regions, link text unique for each target, list titles that name their filter and page, the
honeypot hidden from assistive technology, the case page's contents, and printable documents
that keep the skip link and header."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from candour.audit.services import Actor
from candour.cases import services as case_services
from candour.cases.models import Case
from candour.testing.cast import Cast
from candour.web.tests.test_portal import _walk

pytestmark = pytest.mark.django_db
SETUP = Actor.system("accessibility test")


class _Page(HTMLParser):
    """The page's links (accessible name: text, visually hidden text included), its tables and
    whether each sits in a scroll region, and its elements' attributes by id."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.tables_outside: list[str] = []
        self.tables = 0
        self.by_id: dict[str, dict[str, str]] = {}
        self._open: list[tuple[str, dict[str, str]]] = []
        self._link: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.by_id[attributes["id"]] = {"tag": tag, **attributes}
        if tag == "table":
            self.tables += 1
            if not any("candour-table-region" in a.get("class", "") for _t, a in self._open):
                self.tables_outside.append(attributes.get("id", f"table {self.tables}"))
        if tag == "a" and "href" in attributes:
            self._link = [attributes["href"], ""]
        if tag not in ("input", "br", "img", "meta", "link", "hr"):
            self._open.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((" ".join(self._link[1].split()), self._link[0]))
            self._link = None
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[1] += data


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    return parsed


def repeated_link_text(page: str) -> dict[str, set[str]]:
    """Link text that leads to more than one place (WCAG 2.4.4, 2.4.9)."""
    targets: dict[str, set[str]] = {}
    for text, href in _parse(page).links:
        targets.setdefault(text.lower(), set()).add(href)
    return {text: hrefs for text, hrefs in targets.items() if len(hrefs) > 1}


def _title(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    assert match
    return " ".join(match.group(1).split())


def _case_with_an_officer_on_two_allegations(cast: Cast) -> Case:
    Case.objects.filter(pk=cast.case.pk).update(state="investigation")
    second = case_services.allegation_add(case=cast.case, category="individual_behaviours",
                                          subcategory="impolite_language", summary="Swore again", actor=SETUP)
    case_services.subject_add(allegation=second, officer=cast.officer, actor=SETUP)
    return cast.case


def test_each_link_on_the_case_page_says_where_it_goes(cast: Cast, client: Client) -> None:
    """"Severity for Ada Testperson" twice, to two allegations, told a screen reader user nothing."""
    case = _case_with_an_officer_on_two_allegations(cast)
    client.force_login(cast.investigator)
    page = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
    links = dict(_parse(page).links)
    assert "Severity for Ada Testperson on allegation 1" in links
    assert "Severity for Ada Testperson on allegation 2" in links
    assert "Assess the severity of the conduct of Ada Testperson (allegation 2)" in links
    assert repeated_link_text(page) == {}


def test_the_case_page_starts_with_its_contents(cast: Cast, client: Client) -> None:
    client.force_login(cast.investigator)
    page = client.get(reverse("web:case_detail", args=[cast.case.reference])).content.decode()
    parsed = _parse(page)
    contents = [(text, href) for text, href in parsed.links if href.startswith("#")]
    contents = contents[1:]  # after the skip link
    assert [text for text, _href in contents][:3] == ["Next steps", "Case details", "Proceedings, appeals and reviews"]
    assert ("Allegations", "#allegations") in contents and ("Timeline", "#timeline") in contents
    for _text, href in contents:  # every entry leads to a section heading on the page
        assert parsed.by_id[href[1:]]["tag"] == "h2", href
    assert page.index('id="contents"') < page.index('id="details"')


@pytest.mark.parametrize(("user", "url"), [
    ("investigator", "web:queue"), ("investigator", "web:case_detail"), ("assessor", "web:officer_detail"),
    ("investigator", "web:search"), ("assessor", "web:suspension_list"), ("assessor", "web:conviction_list"),
    ("assessor", "web:warnings_register"), ("assessor", "web:list_register"),
    ("vetting_officer", "web:vetting_register"), ("analyst", "web:integrity_totals"),
    ("assessor", "intake:triage_queue"), ("vetting_officer", "web:screening_queue"),
    ("investigator", "web:home"), ("vetting_officer", "web:home"), ("assessor", "web:home"),
])
def test_every_table_is_in_a_labelled_scroll_region_and_links_are_unique(cast: Cast, client: Client, user: str,
                                                                           url: str) -> None:
    Case.objects.filter(pk=cast.case.pk).update(investigator=cast.investigator, state="investigation")
    client.force_login(cast.user(user))
    arguments: dict[str, list[Any]] = {"web:case_detail": [cast.case.reference],
                                       "web:officer_detail": [cast.officer.uuid]}
    args = arguments.get(url, [])
    query = {"q": "Testperson"} if url == "web:search" else {}
    response = client.get(reverse(url, args=args), query)
    assert response.status_code == 200
    page = response.content.decode()
    parsed = _parse(page)
    assert parsed.tables_outside == []
    for region in re.findall(r'<div class="candour-table-region"[^>]*>', page):
        assert 'role="region"' in region and 'tabindex="0"' in region and re.search(r'aria-label="[^"]+"', region)
    assert repeated_link_text(page) == {}


def test_list_titles_name_the_filter_and_the_page() -> None:
    template = Template('{% load tables %}{% list_title "My cases" view page %}')
    many = Paginator(list(range(60)), 25)
    assert template.render(Context({"view": "Overdue", "page": many.page(2)})) == "My cases – Overdue – page 2 of 3"
    assert template.render(Context({"view": "", "page": many.page(1)})) == "My cases – page 1 of 3"
    assert template.render(Context({"view": "", "page": Paginator([1], 25).page(1)})) == "My cases"


def test_the_queue_and_search_titles_say_what_they_show(cast: Cast, client: Client) -> None:
    client.force_login(cast.investigator)
    assert _title(client.get(reverse("web:queue")).content.decode()) == "My cases – Candour"
    assert _title(client.get(reverse("web:queue"), {"due": "overdue"}).content.decode()) == \
        "My cases – Overdue – Candour"
    assert _title(client.get(reverse("web:queue"), {"due": "week"}).content.decode()) == \
        "My cases – Due in the next 7 days – Candour"
    assert _title(client.get(reverse("web:search")).content.decode()) == "Search – Candour"
    assert _title(client.get(reverse("web:search"), {"q": "Smith"}).content.decode()) == \
        "Search results for ‘Smith’ – Candour"


def test_the_honeypot_is_hidden_from_assistive_technology_and_the_keyboard(cast: Cast, client: Client) -> None:
    _walk(client)
    page = client.get(reverse("intake:portal_check")).content.decode()
    wrapper = re.search(r'<div class="candour-honeypot"([^>]*)>(.*?)</div>', page, re.S)
    assert wrapper, "no honeypot"
    assert 'aria-hidden="true"' in wrapper.group(1)
    field = _parse(page).by_id["id_website"]
    assert field["tabindex"] == "-1" and field["autocomplete"] == "off"


def test_printable_documents_keep_the_skip_link_and_header(cast: Cast, client: Client) -> None:
    Case.objects.filter(pk=cast.case.pk).update(state="investigation", received_on=date(2025, 6, 10))
    client.force_login(cast.investigator)
    response = client.get(reverse("web:document_progress_report", args=[cast.case.reference]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#main-content" class="govuk-skip-link"' in page and 'id="main-content"' in page
    assert 'class="govuk-template__header"' in page and "govuk-breadcrumbs" in page
    assert _title(page) == f"Progress report – {cast.case.reference} – Candour"
    # The fields are GOV.UK inputs: fluid below tablet width, no fixed size or cols.
    form = page[page.index('<form method="get"'):]
    assert 'size="' not in form and 'cols="' not in form
    assert 'class="govuk-input govuk-!-width-two-thirds" id="estimate"' in form
    assert 'class="govuk-textarea" id="reasons"' in form
    # In print, only the document: the service's header, links and the form are left out.
    assert ".govuk-template__header" in page and "@media print" in page
