"""``{% frozen %}``: a piece of a template rendered once per language and kept, per process.

The page shell (head, header, phase banner, footer, script imports) is the same for every
visitor; only the language changes it. Rendering it node by node on every request was a
third of a portal page's template time (docs/performance.md, Intake). ::

    {% load frozen %}
    {% frozen %}<p>{% translate "This is a new service." %}</p>{% endfrozen %}
    {% frozen user.is_authenticated %}...{% endfrozen %}

The output is kept by language and by the values of any variables named after ``frozen``
(strings, numbers or booleans: they make the key), so a fragment must depend on nothing
else: no user, request, CSRF token or nonce. In tests
(``CANDOUR_FROZEN_CHECK``) every fragment is rendered again on each use and compared with
the kept copy, so a fragment that does depend on something else fails there.
"""

from __future__ import annotations

import threading
from typing import Any

from django import template
from django.conf import settings
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.exceptions import TemplateSyntaxError
from django.template.loader_tags import BlockNode
from django.urls import get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

#: Kept copies per fragment; more than this many keys means a fragment varies by something
#: it should not, and the extra ones are simply not kept.
MAX_KEPT = 64


class FrozenFragmentChanged(AssertionError):
    """A frozen fragment rendered differently from its kept copy (only checked in tests)."""


class FrozenNode(template.Node):
    # Not searched for blocks (Django walks the base template's whole node tree on every page
    # to find them): a fragment holds no {% block %}, which the tag refuses when compiling.
    child_nodelists = ()

    def __init__(self, nodelist: NodeList, vary: list[FilterExpression], where: str) -> None:
        self.nodelist = nodelist
        self.vary = vary
        self.where = where
        self.kept: dict[tuple[Any, ...], SafeString] = {}
        self.lock = threading.Lock()

    def render(self, context: template.Context) -> SafeString:
        # The URL configuration too: tests swap it, and a fragment may reverse URLs.
        key = (get_language(), get_urlconf() or settings.ROOT_URLCONF,
               *(expression.resolve(context) for expression in self.vary))
        kept = self.kept.get(key)
        if kept is not None and not settings.CANDOUR_FROZEN_CHECK:
            return kept
        html = mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered by the template engine)
        if kept is not None:
            if html != kept:
                raise FrozenFragmentChanged(f"{{% frozen %}} in {self.where} depends on more than {key!r}")
            return kept
        with self.lock:
            if len(self.kept) < MAX_KEPT:
                self.kept[key] = html
        return html


@register.tag
def frozen(parser: Parser, token: Token) -> FrozenNode:
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endfrozen",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise TemplateSyntaxError("{% frozen %} cannot hold a {% block %}: a page could not change it")
    origin = str(getattr(parser.origin, "name", None) or "a template")
    line = getattr(token, "lineno", None)
    return FrozenNode(nodelist, vary, f"{origin} line {line}" if line else origin)
