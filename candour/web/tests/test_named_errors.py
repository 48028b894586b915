"""Every error message names its field (issue 14, accessibility): the error summary of an empty
or wrong form lists what to fix, not "This field is required." several times over."""

from __future__ import annotations

import importlib
import inspect
import re
from html import unescape
from types import SimpleNamespace
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from candour.domain.steps import STEP_INPUTS
from candour.testing.cast import Cast
from candour.web.forms import DateInputField, NamedErrorsForm, NamedErrorsMixin
from candour.web.vetting.forms import STEP_FIELDS

#: Django's and crispy-forms-gds's messages, none of which says which field is wrong.
ANONYMOUS = {"This field is required.", "Enter the day, month and year", "Enter a valid date.",
             "Enter a valid date", "Enter a list of values.", "Enter a whole number.", "Enter a number.",
             "Enter a valid email address.", "Enter a valid value."}
AREAS = ("accounts", "cases", "intake", "integrity", "portal", "screening", "tokens", "vetting")

#: Keyword arguments of the forms that need them.
KWARGS: dict[str, list[dict[str, Any]]] = {
    "ConfirmPasswordForm": [{"user": SimpleNamespace(username="nobody")}],
    "UserAddForm": [{"units": []}],
    "UserUnitsForm": [{"units": []}],
    "InvestigatorForm": [{"choices": [("a", "A")]}],
    "ForceForm": [{"choices": [("ALPHA", "Alpha")]}],
    "StepForm": [{"step": step, "subjects": [("a", "A")]} for step in STEP_INPUTS],
    "WithdrawalStepForm": [{"step": step} for step in STEP_FIELDS],
}
#: Forms that are built from records (the panel needs a forum's requirement): tested on their pages.
NOT_HERE = {"PanelForm"}


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for area in AREAS:
        module = importlib.import_module(f"candour.web.{area}.forms")
        found += [cls for _name, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
                  and cls.__name__ not in NOT_HERE]
    return found


FORMS = _form_classes()


@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: f"{cls.__module__.split('.')[2]}.{cls.__name__}")
def test_every_form_names_its_fields(cls: type[forms.BaseForm]) -> None:
    """Empty, each form's messages are the form's own: none is a default that names no field,
    and no two fields share one (so the error summary never repeats itself)."""
    assert issubclass(cls, NamedErrorsMixin), f"{cls.__name__} must be a NamedErrorsForm"
    for kwargs in KWARGS.get(cls.__name__, [{}]):
        form = cls(data={}, **kwargs)
        form.is_valid()
        messages = [str(m) for errors in form.errors.values() for m in errors]
        assert not ANONYMOUS & set(messages), (cls.__name__, kwargs, messages)
        assert len(messages) == len(set(messages)), (cls.__name__, kwargs, messages)


class _Example(NamedErrorsForm):
    served_on = DateInputField(label="Date served")
    method = forms.ChoiceField(label="How it was served", choices=[("hand", "By hand")], widget=forms.RadioSelect)
    on_duty = forms.ChoiceField(label="Was the officer on duty?", choices=[("yes", "Yes")])
    reasons = forms.CharField(label="Reasons", max_length=5)
    email = forms.EmailField(label="Email address", required=False)
    count = forms.IntegerField(label="Number of witnesses", required=False, max_value=9)
    iopc = forms.CharField(label="IOPC reference")
    kept = forms.CharField(label="Kept", error_messages={"required": "Tell us what to keep"})
    version = forms.IntegerField(widget=forms.HiddenInput)


def _errors(data: dict[str, str]) -> dict[str, list[str]]:
    form = _Example(data)
    form.is_valid()
    return {name: [str(m) for m in errors] for name, errors in form.errors.items()}


def test_required_messages_say_what_to_do_and_name_the_field() -> None:
    assert _errors({}) == {
        "served_on": ["Enter the date served"], "method": ["Select how it was served"],
        "on_duty": ["Select your answer to ‘Was the officer on duty?’"], "reasons": ["Enter reasons"],
        "iopc": ["Enter IOPC reference"], "kept": ["Tell us what to keep"],
        "version": ["The form was out of date: reload the page and try again"]}


def test_wrong_answers_name_the_field_too() -> None:
    errors = _errors({"served_on_0": "31", "served_on_1": "2", "served_on_2": "2025", "method": "post",
                      "on_duty": "yes", "reasons": "too long", "email": "sian", "count": "many",
                      "iopc": "x", "kept": "x", "version": "1"})
    assert errors == {
        "served_on": ["The date served must be a real date"],
        "method": ["Select one of the choices shown for how it was served"],
        "reasons": ["Reasons must be 5 characters or fewer"],
        "email": ["Enter email address in the correct format, like name@example.com"],
        "count": ["Number of witnesses must be a whole number"]}
    assert _errors({"served_on_0": "x", "served_on_1": "2", "served_on_2": "2025", "count": "10"})[
        "count"] == ["Number of witnesses must be 9 or less"]
    assert _errors({"served_on_0": "x", "served_on_1": "2", "served_on_2": "2025"})["served_on"] == [
        "The date served must be a real date"]


def test_fields_added_after_the_form_is_made_are_named() -> None:
    form = _Example({})
    form.fields["added"] = forms.ChoiceField(label="Unit", choices=[("a", "A")])
    form.is_valid()
    assert form.errors["added"] == ["Select unit"]


def test_the_messages_are_in_welsh_on_welsh_pages() -> None:
    with translation.override("cy"):
        errors = _errors({"reasons": "too long"})
    assert errors["reasons"] == ["Reasons: rhaid defnyddio 5 nod neu lai"]
    assert errors["method"] == ["Dewiswch ateb ar gyfer how it was served"]


def _summary(page: str) -> list[str]:
    summary = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', page, re.S)
    assert summary, "no error summary"
    items = re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)
    return [unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "expected"), [
    ("intake:track_lookup", ["Enter your report reference", "Enter the email address you gave us"]),
    ("intake:track_code", ["Enter the 6-digit code from the email"]),
])
def test_the_tracking_pages_name_each_missing_answer(cast: Cast, client: Client, url: str,
                                                     expected: list[str]) -> None:
    session = client.session
    session["candour_tracking_reference"] = cast.report.reference  # as after asking for a code
    session.save()
    page = client.post(reverse(url), {}).content.decode()
    assert _summary(page) == expected


@pytest.mark.django_db
def test_the_new_clearance_form_names_each_missing_answer(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("vetting_officer"))
    page = client.post(reverse("web:vetting_clearance_add"), {}).content.decode()
    summary = _summary(page)
    assert "This field is required." not in page
    assert summary == ["Enter warrant or staff number", "Select vetting level", "Select decision",
                       "Enter the date of the decision"]
