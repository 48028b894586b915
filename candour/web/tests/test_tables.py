"""{% scroll_region %} puts a table in a focusable, labelled region (reflow at 320px)."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError


def test_the_region_is_labelled_focusable_and_holds_the_table() -> None:
    html = Template('{% load tables %}{% scroll_region label %}<table></table>{% endscroll_region %}').render(
        Context({"label": 'Cases "due" <soon>'}))
    assert html == ('<div class="candour-table-region" role="region" aria-label="Cases &quot;due&quot; '
                    '&lt;soon&gt;" tabindex="0"><table></table></div>')


def test_the_region_needs_a_label() -> None:
    with pytest.raises(TemplateSyntaxError, match="one argument"):
        Template("{% load tables %}{% scroll_region %}x{% endscroll_region %}")
