"""Template helpers for the public pages: the link to this page in the other language, and the
text GOV.UK components show, in the page's language."""

from __future__ import annotations

import json

from django import template
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

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
    """``{"url": ..., "label": ..., "lang": ...}`` for the language not in use."""
    request = context.get("request")
    current = (get_language() or "en")[:2]
    target, label = ("en-gb", "English") if current == "cy" else ("cy", "Cymraeg")
    path = request.get_full_path() if request is not None else "/"
    return {"url": translate_url(path, target), "label": label, "lang": target}


def _plural(one: str, other: str) -> dict[str, str]:
    # Welsh has six plural forms (zero, one, two, few, many, other); a counted noun stays
    # singular after a number, so every form but "one" uses the same words.
    return {"zero": other, "one": one, "two": other, "few": other, "many": other, "other": other}


@register.simple_tag
def govuk_frontend_config() -> SafeString:
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
    return mark_safe(text)  # noqa: S308
