"""Template helpers for the public pages: the link to this page in the other language."""

from __future__ import annotations

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def other_language(context: template.Context) -> dict[str, str]:
    """``{"url": ..., "label": ..., "lang": ...}`` for the language not in use."""
    request = context.get("request")
    current = (get_language() or "en")[:2]
    target, label = ("en", "English") if current == "cy" else ("cy", "Cymraeg")
    path = request.get_full_path() if request is not None else "/"
    return {"url": translate_url(path, target), "label": label, "lang": target}
