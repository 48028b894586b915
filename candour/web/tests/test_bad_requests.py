"""Issue 15: input Django or Python cannot take gets a clear 400 or 413 page, never a 500. A year
such as 99999999999 in a date input (``date()`` raised OverflowError), a form body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django's bare "Bad Request (400)"), a 23 MB body, too many fields."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from crispy_forms_gds.fields import DateInputField as GdsDateInputField
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

import candour.web
from candour.testing.cast import Cast
from candour.web.forms import DateInputField

pytestmark = pytest.mark.django_db

HUGE_YEAR = "99999999999"


def _web_forms() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module in pkgutil.walk_packages(candour.web.__path__, "candour.web."):
        if not module.name.endswith(".forms"):
            continue
        for _name, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__.startswith("candour."):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_every_date_input_in_the_service_refuses_a_year_it_cannot_hold() -> None:
    checked = 0
    for form in _web_forms():
        for name, field in getattr(form, "base_fields", {}).items():
            if not isinstance(field, GdsDateInputField):
                continue
            assert isinstance(field, DateInputField), f"{form.__name__}.{name} uses crispy's own date input"
            for year in (HUGE_YEAR, "9" * 5000, "10000", "0"):
                with pytest.raises(ValidationError) as caught:
                    field.clean(["1", "1", year])
                assert all("must be a real date" in m for m in caught.value.messages), caught.value.messages
            checked += 1
    assert checked > 20


def test_a_huge_year_in_the_search_is_a_clear_error(cast: Cast) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.appropriate_authority)
    response = client.get("/search/", {"received_from_0": "1", "received_from_1": "1",
                                       "received_from_2": HUGE_YEAR})
    assert response.status_code == 200
    assert "must be a real date" in response.content.decode()


def test_a_huge_year_on_the_portal_is_a_clear_error(cast: Cast) -> None:
    client = Client(raise_request_exception=False)
    client.post(reverse("intake:portal_step", args=["force"]), {"force": "ALPHA"})
    client.post(reverse("intake:portal_step", args=["about"]), {"kind": "complaint"})
    client.post(reverse("intake:portal_step", args=["what-happened"]), {"what_happened": "I was pushed."})
    response = client.post(reverse("intake:portal_step", args=["when"]),
                           {"incident_on_0": "1", "incident_on_1": "1", "incident_on_2": HUGE_YEAR})
    assert response.status_code == 200
    assert "The date it happened must be a real date" in response.content.decode()


@pytest.mark.parametrize("path", ["/accounts/login/", "/report/force/", "/track/"])
def test_a_form_body_over_the_memory_limit_is_a_413_page(cast: Cast, path: str) -> None:
    client = Client(raise_request_exception=False)
    body = b"what_happened=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(path, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    page = response.content.decode()
    assert "What you sent is too big" in page and "Nothing was saved" in page
    assert f"smaller than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024} KB" in page


def test_a_form_body_over_the_memory_limit_is_explained_in_welsh(cast: Cast) -> None:
    client = Client(raise_request_exception=False)
    body = b"reference=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/cy/track/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "Mae’r hyn a anfonoch yn rhy fawr" in response.content.decode()


def test_a_23_megabyte_body_is_refused_before_it_is_read(cast: Cast) -> None:
    client = Client(raise_request_exception=False)
    body = b"what_happened=" + b"x" * (23 * 1024 * 1024)
    response = client.post("/accounts/login/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and response["Connection"] == "close"


def test_too_many_fields_is_a_400_page(cast: Cast) -> None:
    client = Client(raise_request_exception=False)
    body = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)).encode()
    response = client.post("/accounts/login/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, we could not read what you sent" in page and "Nothing was saved" in page


def test_the_api_answers_a_body_over_the_limit_in_json(cast: Cast) -> None:
    from candour.accounts.tokens import api_token_create

    client = Client(raise_request_exception=False)
    token = api_token_create(user=cast.appropriate_authority, name="test")
    body = b'{"expected_version": 1, "reason": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + b'"}'
    response = client.post(f"/api/v1/cases/{cast.case.reference}/steps/record", body,
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body must be smaller than 256 KB"}


@pytest.mark.parametrize("path", ["/", "/report/", "/api/v1/cases"])
def test_a_host_not_allowed_is_a_400(path: str) -> None:
    response = Client(raise_request_exception=False).get(path, HTTP_HOST="attacker.example")
    assert response.status_code == 400
