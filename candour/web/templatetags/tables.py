"""``{% scroll_region "label" %}…{% endscroll_region %}``: a wide table in its own scroll region.

A table wider than the screen must not make the whole page scroll sideways (WCAG 1.4.10
Reflow, at 320 CSS pixels). Inside a region the table scrolls on its own; the region is
focusable, so a keyboard user can scroll it with the arrow keys, and labelled, so a screen
reader says what it holds::

    {% load tables %}
    {% scroll_region "Cases due soonest" %}<table class="govuk-table">…</table>{% endscroll_region %}

The label is a template expression (a string literal or a variable).
"""

from __future__ import annotations

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
