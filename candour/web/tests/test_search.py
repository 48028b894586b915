"""Search: by reference, name or number, and by the GOV.UK day/month/year date input."""

from __future__ import annotations

import pytest
from django.test import Client

from candour.testing.cast import Cast


@pytest.mark.django_db
def test_date_only_search_lists_cases_received_since(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    found = client.get("/search/", {"received_from_0": "1", "received_from_1": "6", "received_from_2": "2025"})
    assert [r["case"] for r in found.context["rows"]] == [cast.case]
    none = client.get("/search/", {"received_from_0": "11", "received_from_1": "6", "received_from_2": "2025"})
    assert none.context["rows"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("day,month,year", [("31", "2", "2025"), ("1", "1", "2999"), ("x", "1", "2025")])
def test_bad_dates_are_clear_errors(cast: Cast, client: Client, day: str, month: str, year: str) -> None:
    client.force_login(cast.appropriate_authority)
    response = client.get("/search/", {"q": "", "received_from_0": day, "received_from_1": month,
                                       "received_from_2": year})
    body = response.content.decode()
    assert "There is a problem" in body and "govuk-error-message" in body
    assert "out of range" not in body
    assert "must be a real date" in body or "today or in the past" in body
    assert response.context["rows"] == []


@pytest.mark.django_db
def test_empty_search_asks_for_something(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    response = client.get("/search/", {"q": ""})
    assert "Enter a case reference" in response.content.decode()
    assert client.get("/search/").context["form"].errors == {}
