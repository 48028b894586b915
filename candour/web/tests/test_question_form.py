"""``{% question_form %}`` renders exactly what ``{% crispy form %}`` renders, and keeps only
HTML that holds no one's answers."""

from __future__ import annotations

from crispy_forms.utils import render_crispy_form
from django.template import Context, Template
from django.utils import translation

from candour.web.portal import forms as f
from candour.web.templatetags import portal


def _render(form: object, csrf_token: str = "token-of-the-first-visitor") -> str:
    return Template("{% load portal %}{% question_form form %}").render(
        Context({"form": form, "csrf_token": csrf_token}))


def test_first_visit_is_remembered_and_identical_to_crispy() -> None:
    portal._RENDERED.clear()
    first = _render(f.WhoForm())
    assert len(portal._RENDERED) == 1
    assert first == _render(f.WhoForm(), csrf_token="another")
    plain = f.WhoForm()
    plain.helper.disable_csrf = True
    assert first == render_crispy_form(plain, helper=plain.helper, context={})
    assert 'name="person_name"' in first and "Who was involved?" in first


def test_no_csrf_token_is_kept_or_rendered_twice() -> None:
    """The page's own token is the only one: kept HTML must not carry a visitor's token."""
    portal._RENDERED.clear()
    html = _render(f.WhereForm(), csrf_token="secret-of-visitor-one")
    assert "csrfmiddlewaretoken" not in html and "secret-of-visitor-one" not in html


def test_languages_are_kept_apart() -> None:
    portal._RENDERED.clear()
    english = _render(f.WhereForm())
    with translation.override("cy"):
        welsh = _render(f.WhereForm())
    assert english != welsh and "Where did it happen?" in english and "Where did it happen?" not in welsh
    assert len(portal._RENDERED) == 2


def test_earlier_answers_and_errors_are_rendered_and_never_kept() -> None:
    portal._RENDERED.clear()
    answered = _render(f.WhereForm(initial={"incident_location": "Market Street", "kind": "complaint"}))
    assert 'value="Market Street"' in answered
    bound = f.WhereForm({"incident_location": ""})
    assert not bound.is_valid()
    with_error = _render(bound)
    assert "govuk-error-message" in with_error
    assert portal._RENDERED == {}
    # Answers to other questions in ``initial`` do not stop a question being remembered.
    _render(f.WhereForm(initial={"kind": "complaint", "what_happened": "Something"}))
    assert len(portal._RENDERED) == 1
    assert "Something" not in next(iter(portal._RENDERED.values()))


def test_choices_are_part_of_the_key() -> None:
    portal._RENDERED.clear()
    one = _render(f.ForceForm(choices=[("ALPHA", "Alphashire Police")]))
    two = _render(f.ForceForm(choices=[("BRAVO", "Bravoshire Police")]))
    assert "Alphashire" in one and "Bravoshire" in two and "Alphashire" not in two


def test_the_store_is_bounded() -> None:
    portal._RENDERED.clear()
    for i in range(portal._RENDERED_MAX + 5):
        _render(f.ForceForm(choices=[(f"F{i}", f"Force {i}")]))
    assert len(portal._RENDERED) == portal._RENDERED_MAX
