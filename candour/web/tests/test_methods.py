"""Issue 15: a GET form carries no CSRF token (it would sit in the URL, the history and the
logs), and the public pages answer HEAD as they answer GET (``HEAD /report/`` was a 405)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db

_GET_FORM = re.compile(r"<form\b[^>]*method=\"get\"[^>]*>(.*?)</form>", re.S | re.I)


def test_the_search_form_puts_no_csrf_token_in_the_url(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    page = client.get(reverse("web:search")).content.decode()
    forms = _GET_FORM.findall(page)
    assert forms and all("csrfmiddlewaretoken" not in form for form in forms)
    # What the browser sends is what the form holds: a search still works without it.
    found = client.get(reverse("web:search"), {"q": "Testperson", "search": ""})
    assert found.status_code == 200 and found.context["officers"]


def test_the_progress_report_form_puts_no_csrf_token_in_the_url(cast: Cast, client: Client) -> None:
    from candour.cases.models import Case

    Case.objects.filter(pk=cast.case.pk).update(state="investigation")
    client.force_login(cast.investigator)
    page = client.get(reverse("web:document_progress_report", args=[cast.case.reference])).content.decode()
    forms = _GET_FORM.findall(page)
    assert forms and all("csrfmiddlewaretoken" not in form for form in forms)


@pytest.mark.parametrize("url", ["/report/", "/cy/report/", "/report/force/", "/report/check-your-answers/",
                                 "/report/sent/", "/track/", "/track/code/", "/privacy/", "/accessibility/",
                                 "/cookies/", "/contact/", "/feedback/", "/track/not-a-token/"])
def test_public_pages_answer_head_as_they_answer_get(cast: Cast, url: str) -> None:
    get = Client().get(url)
    head = Client().head(url)
    assert head.status_code == get.status_code != 405, url
    assert head.content == b""


def test_head_of_the_start_page_is_200(cast: Cast, client: Client) -> None:
    assert client.head("/report/").status_code == 200


def test_a_tracking_page_answers_head(cast: Cast, client: Client) -> None:
    assert client.head(reverse("intake:track", args=[cast.tracking_token])).status_code == 200
