"""Template helpers for the public pages: the link to this page in the other language, and the
text GOV.UK components show, in the page's language."""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from typing import Any

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from candour.accounts import selectors as account_selectors

register = template.Library()

# crispy-forms-gds marks these for translation but ships no Welsh, and Django's Welsh leaves
# "Day", "Month" and "Year" empty: listing them here puts them in Candour's own catalogue.
# The character count msgid keeps crispy-forms-gds's whitespace (its template uses blocktrans
# without "trimmed"); tests/test_welsh.py fails if an upgrade changes it.
CRISPY_FORMS_GDS_TEXT = (
    gettext_noop("Day"),
    gettext_noop("Month"),
    gettext_noop("Year"),
    gettext_noop("\n              You can enter up to %(max_characters)s characters\n              "),
)


@register.simple_tag(takes_context=True)
def other_language(context: template.Context) -> dict[str, str]:
    """``{"url": ..., "label": ..., "lang": ...}`` for the language not in use.

    The public pages' paths are the same words in both languages (config/urls.py mounts them
    with ``i18n_patterns`` and no translated routes), so the other language's page is this
    path with ``/cy`` added or taken away: what ``translate_url`` would give, without resolving
    and reversing the path on every page (tests/test_welsh.py compares the two).
    """
    request = context.get("request")
    current = (get_language() or "en")[:2]
    target, label = ("en-gb", "English") if current == "cy" else ("cy", "Cymraeg")
    path = request.get_full_path() if request is not None else "/"
    if current == "cy":
        path = path[3:] if path.startswith("/cy/") else path
    else:
        path = "/cy" + path
    return {"url": get_script_prefix() + path[1:], "label": label, "lang": target}


def _plural(one: str, other: str) -> dict[str, str]:
    # Welsh has six plural forms (zero, one, two, few, many, other); a counted noun stays
    # singular after a number, so every form but "one" uses the same words.
    return {"zero": other, "one": one, "two": other, "few": other, "many": other, "other": other}


@register.simple_tag
def govuk_frontend_config() -> SafeString:
    return _frontend_config(get_language() or "en")


@functools.lru_cache(maxsize=8)
def _frontend_config(language: str) -> SafeString:
    """GOV.UK Frontend's ``initAll`` options: the character count's live message, translated.

    Without JavaScript the server-rendered hint is shown instead (translated in the catalogue).
    """
    config = {"characterCount": {"i18n": {
        "charactersUnderLimit": _plural(_("You have %{count} character remaining"),
                                        _("You have %{count} characters remaining")),
        "charactersAtLimit": _("You have 0 characters remaining"),
        "charactersOverLimit": _plural(_("You have %{count} character too many"),
                                       _("You have %{count} characters too many")),
    }}}
    text = json.dumps(config, ensure_ascii=True)
    # Safe inside <script>: no "<", ">" or "&" can close the element or open a comment.
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308  # nosec B308, B703 # JSON of our own strings, <, > and & escaped above


# Rendered question forms, by everything their HTML depends on, kept only for a question
# asked for the first time (not bound, no earlier answer in it): that HTML is the same for
# everyone who gets the same form class, language and choices, and holds nothing anyone
# wrote. Crispy forms' template tree was most of a question page's cost (docs/performance.md,
# Intake). Bounded, per process.
_RENDERED: OrderedDict[tuple[Any, ...], SafeString] = OrderedDict()
_RENDERED_MAX = 256
_RENDERED_LOCK = threading.Lock()


def _form_key(form: Any) -> tuple[Any, ...] | None:
    if form.is_bound or any(form.initial.get(name) not in (None, "", [], False) for name in form.fields):
        return None
    choices = tuple((name, repr(list(field.choices))) for name, field in form.fields.items()
                    if hasattr(field, "choices"))
    fields = tuple((name, str(field.label), str(field.help_text), repr(field.initial),
                    repr(field.widget.attrs)) for name, field in form.fields.items())
    return (type(form).__module__, type(form).__qualname__, form.prefix, get_language(), choices, fields)


@register.simple_tag(takes_context=True)
def question_form(context: template.Context, form: Any) -> SafeString:
    """``{% crispy form %}`` for a portal question, remembered when asked for the first time."""
    key = _form_key(form)
    if key is not None:
        with _RENDERED_LOCK:
            cached = _RENDERED.get(key)
            if cached is not None:
                _RENDERED.move_to_end(key)
                return cached
    helper = getattr(form, "helper", None)
    if helper is not None:
        # The page has its own {% csrf_token %}; crispy forms would add another, and a token in
        # HTML kept for everyone would be the first visitor's.
        helper.disable_csrf = True
    html = mark_safe(render_crispy_form(form, helper=helper, context=context.flatten()))  # noqa: S308  # nosec B308, B703 # crispy's templates escape
    if key is not None:
        with _RENDERED_LOCK:
            _RENDERED[key] = html
            while len(_RENDERED) > _RENDERED_MAX:
                _RENDERED.popitem(last=False)
    return html


@register.simple_tag(takes_context=True)
def portal_force_name(context: template.Context) -> str:
    """The police force a public page is for, shown in the header: the force of the report
    being tracked (``force`` in the context), else the force that receives the portal's reports
    (``CANDOUR_PORTAL_FORCE``, the one chosen on the first question, or the only force).
    Empty when several forces share the installation and none is chosen yet."""
    force = context.get("force")
    if force is not None:
        return str(force.name)
    code = settings.CANDOUR_PORTAL_FORCE
    if not code:
        request = context.get("request")
        session = getattr(request, "session", None)
        state = session.get("candour_portal") if session is not None else None
        code = ((state or {}).get("answers") or {}).get("force", "")
    chosen = account_selectors.force_get_by_code(code=code) if code else account_selectors.force_only()
    return chosen.name if chosen is not None else ""
