"""The home page is the signed-in user's own work, and its counts link to the lists (issue 14)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from candour.cases.models import Case
from candour.domain.access import Role
from candour.testing.cast import Cast
from candour.web.access import mark_reauthenticated

pytestmark = pytest.mark.django_db


def _links(page: str) -> dict[str, str]:
    return {re.sub(r"<[^>]+>|\s+", " ", text).strip(): href
            for href, text in re.findall(r'<a class="govuk-link" href="([^"]+)">(.*?)</a>', page, re.S)}


def test_an_investigators_work_is_their_own_cases_not_the_forces(cast: Cast, client: Client) -> None:
    investigator = cast.investigator
    client.force_login(investigator)
    page = client.get(reverse("web:home")).content.decode()
    assert "Cases in your force" not in page
    assert "0 cases in your queue" in page and cast.case.reference not in page
    Case.objects.filter(pk=cast.case.pk).update(investigator=investigator, state="investigation")
    page = client.get(reverse("web:home")).content.decode()
    links = _links(page)
    assert links["1 case in your queue"] == reverse("web:queue")
    assert links["0 with a clock overdue"] == reverse("web:queue") + "?due=overdue"
    assert links["0 due in the next 7 days"] == reverse("web:queue") + "?due=week"
    assert links[cast.case.reference] == reverse("web:case_detail", args=[cast.case.reference])


def test_the_assessors_triage_counts_link_to_the_queue(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    links = _links(client.get(reverse("web:home")).content.decode())
    assert links["1 new report waiting"] == reverse("intake:triage_queue")


def test_a_reader_is_pointed_to_search_not_shown_counts(cast: Cast, client: Client) -> None:
    client.force_login(cast.reviewer_readonly)
    page = client.get(reverse("web:home")).content.decode()
    assert "in your queue" not in page and _links(page)["Search for a case"] == reverse("web:search")


def test_the_administrators_home_links_to_users(cast: Cast, client: Client) -> None:
    client.force_login(cast.admin)
    links = _links(client.get(reverse("web:home")).content.decode())
    active = f"{len(Role) + 1} active users"  # one user per role, and one with none
    assert links[active] == reverse("accounts:user_list") + "?status=active"
    assert links["Record of processing and retention schedule"] == reverse("web:privacy")
    assert links["Add a user"] == reverse("accounts:user_add")
    session = client.session
    mark_reauthenticated(type("R", (), {"session": session})())
    session.save()
    page = client.get(links[active]).content.decode()
    assert len(re.findall(r'href="/accounts/users/[^"?]+/"', page)) == len(Role) + 1 and "Active users" in page
