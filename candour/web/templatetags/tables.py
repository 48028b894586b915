"""``{% scroll_region "label" %}…{% endscroll_region %}``: a wide table in its own scroll region;
and ``{% list_title %}``, the title of a list page, naming its filter and page.

A table wider than the screen must not make the whole page scroll sideways (WCAG 1.4.10
Reflow, at 320 CSS pixels). Inside a region the table scrolls on its own; the region is
focusable, so a keyboard user can scroll it with the arrow keys, and labelled, so a screen
reader says what it holds::

    {% load tables %}
    {% scroll_region "Cases due soonest" %}<table class="govuk-table">…</table>{% endscroll_region %}

The label is a template expression (a string literal or a variable).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.template.exceptions import TemplateSyntaxError
from django.utils.html import format_html

register = template.Library()


class ScrollRegionNode(template.Node):
    def __init__(self, label: FilterExpression, nodelist: NodeList) -> None:
        self.label = label
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        return format_html('<div class="candour-table-region" role="region" aria-label="{}" tabindex="0">{}</div>',
                           self.label.resolve(context), self.nodelist.render(context))


@register.tag("scroll_region")
def scroll_region(parser: Parser, token: Token) -> ScrollRegionNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise TemplateSyntaxError("scroll_region takes one argument: the region's label")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag
def list_title(name: str, filter_label: str = "", page: Any = None) -> str:
    """A list page's title, saying which filter and which page it shows (WCAG 2.4.2):
    ``{% list_title "My cases" "Overdue" queue.page %}`` gives "My cases – Overdue – page 2 of 3"
    (base.html adds " – Candour"). The page number is left out when the list fits on one page."""
    parts = [str(name)]
    if filter_label:
        parts.append(str(filter_label))
    paginator = getattr(page, "paginator", None)
    if paginator is not None and paginator.num_pages > 1:
        parts.append(f"page {page.number} of {paginator.num_pages}")
    return " – ".join(parts)
