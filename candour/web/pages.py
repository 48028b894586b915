"""The form page every area uses: GET shows the form; a valid POST calls one service; the
service's refusals (``ValidationError``) come back on the form and change nothing; success says
so in a message and redirects.

    return form_page(request, f.ReviewDecideForm, save=lambda d: services.vetting_review_decide(...),
                     done="Review decided", then=back, title="Decide the review",
                     caption=review.person.full_name, back=back, back_text="The review",
                     initial={"version": review.version})

The page is ``web/form.html`` (caption, heading, intro, the form) unless ``template`` names
another that takes the same context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from candour.web.forms import errors_to_form

FORM_TEMPLATE = "web/form.html"

#: Text, or text worked out from what the service returned (the record it made).
Said = str | Callable[[Any], str]


def _say(said: Said, result: Any) -> str:
    return said(result) if callable(said) else said


def form_page(request: HttpRequest, form_class: type[forms.Form], *, save: Callable[[dict[str, Any]], Any],
              done: Said, then: Said, title: str = "", caption: str = "", back: str = "", back_text: str = "",
              intro: str = "", page_title: str = "", template: str = FORM_TEMPLATE,
              context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
              initial: Mapping[str, Any] | None = None, form_kwargs: Mapping[str, Any] | None = None,
              closed: bool = False) -> HttpResponse:
    """The page for ``form_class``.

    ``save`` gets the cleaned data and calls one service; ``done`` (the success message) and
    ``then`` (where to go next) may use what it returns. ``page_title`` is the ``<title>`` text
    (by default ``title – caption``). ``context`` adds to the page's context; given as a
    function, it runs only when the page is shown, not when a POST succeeds. ``initial`` fills
    the unbound form; ``form_kwargs`` go to the form either way. ``closed`` shows the page but
    takes no answers: a POST shows it again, as a GET would, and changes nothing.
    """
    kwargs = dict(form_kwargs or {})
    if request.method == "POST" and not closed:
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                result = save(form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _say(done, result))
                return HttpResponseRedirect(_say(then, result))
    else:
        form = form_class(initial=dict(initial or {}), **kwargs)
    extra = context() if callable(context) else context
    return render(request, template, {
        "form": form, "title": title, "caption": caption, "back": back, "back_text": back_text, "intro": intro,
        "page_title": page_title or (f"{title} – {caption}" if caption else title), **(extra or {})})
