"""{% frozen %}: rendered once per language and kept; in tests, checked on every use."""

from __future__ import annotations

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import translation

from candour.web.templatetags.frozen import MAX_KEPT, FrozenFragmentChanged, FrozenNode

ENGINE = Engine(libraries={"frozen": "candour.web.templatetags.frozen", "i18n": "django.templatetags.i18n"})


def test_kept_copy_is_used_and_differs_by_language(settings) -> None:
    settings.CANDOUR_FROZEN_CHECK = False
    template = ENGINE.from_string('{% load frozen i18n %}{% frozen %}{% translate "Back" %}:{{ n }}{% endfrozen %}')
    with translation.override("en-gb"):
        assert template.render(Context({"n": 1})) == "Back:1"
        # Kept: a later value of n is not seen (which is why a fragment must not use one).
        assert template.render(Context({"n": 2})) == "Back:1"
    with translation.override("cy"):
        assert template.render(Context({"n": 3})) == "Yn ôl:3"


def test_varies_by_the_named_values(settings) -> None:
    settings.CANDOUR_FROZEN_CHECK = False
    template = ENGINE.from_string("{% load frozen %}{% frozen signed_in %}{{ signed_in|yesno }}{% endfrozen %}")
    assert template.render(Context({"signed_in": True})) == "yes"
    assert template.render(Context({"signed_in": False})) == "no"
    assert template.render(Context({"signed_in": True})) == "yes"


def test_in_tests_a_fragment_that_depends_on_something_else_fails(settings) -> None:
    settings.CANDOUR_FROZEN_CHECK = True
    template = ENGINE.from_string("{% load frozen %}{% frozen %}<p>{{ user }}</p>{% endfrozen %}")
    assert template.render(Context({"user": "Ann"})) == "<p>Ann</p>"
    assert template.render(Context({"user": "Ann"})) == "<p>Ann</p>"
    with pytest.raises(FrozenFragmentChanged, match="depends on more than"):
        template.render(Context({"user": "Bob"}))


def test_no_more_than_max_kept_copies(settings) -> None:
    settings.CANDOUR_FROZEN_CHECK = False
    template = ENGINE.from_string("{% load frozen %}{% frozen n %}{{ n }}{% endfrozen %}")
    for n in range(MAX_KEPT + 10):
        assert template.render(Context({"n": n})) == str(n)
    node = template.nodelist[-1]
    assert isinstance(node, FrozenNode) and len(node.kept) == MAX_KEPT


def test_the_settings_check_frozen_fragments_in_tests(settings) -> None:
    assert settings.CANDOUR_FROZEN_CHECK is True


def test_a_block_inside_a_fragment_is_refused() -> None:
    with pytest.raises(TemplateSyntaxError, match="cannot hold a"):
        ENGINE.from_string("{% load frozen %}{% frozen %}{% block x %}{% endblock %}{% endfrozen %}")
