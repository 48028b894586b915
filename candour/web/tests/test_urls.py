"""No URL pattern hides another.

Django tries the patterns in order and the public portal's come first (config/urls.py), so a
page whose path one of them also matched would be unreachable. Every path pattern is given
sample values and must resolve to itself.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import translation

_SAMPLES = {"str": "sample", "slug": "sample-slug", "int": "7", "path": "sample/path",
            "uuid": str(uuid.UUID(int=7))}
_CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")


def _sample(route: str) -> str | None:
    def value(match: re.Match[str]) -> str:
        return _SAMPLES.get(match.group("kind") or "str", "")

    sampled = _CONVERTER.sub(value, route)
    return None if "<" in sampled else sampled


def _paths(patterns: list[URLPattern | URLResolver], prefix: str = "",
           names: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(sample path, the view's qualified name) for every pattern written with path()."""
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            part: str | None = ""
        elif isinstance(pattern.pattern, RoutePattern):
            part = _sample(str(pattern.pattern))
        else:
            continue  # a regular expression (the admin's): no sample to give it
        if part is None:
            continue
        if isinstance(pattern, URLResolver):
            namespace = names + ((pattern.namespace,) if pattern.namespace else ())
            yield from _paths(pattern.url_patterns, prefix + part, namespace)
        elif pattern.name:
            yield "/" + prefix + part, ":".join((*names, pattern.name))


def test_every_path_pattern_resolves_to_itself() -> None:
    with translation.override("en-gb"):
        checked = list(_paths(get_resolver().url_patterns))
        assert len(checked) > 80
        wrong = [(path, name, resolve(path).view_name) for path, name in checked
                 if resolve(path).view_name != name]
    assert wrong == []


@pytest.mark.parametrize(("path", "name"), [
    ("/report/", "intake:portal_start"), ("/cy/report/when/", "intake:portal_step"),
    ("/queue/", "web:queue"), ("/accounts/login/", "accounts:login"),
])
def test_known_pages_resolve(path: str, name: str) -> None:
    with translation.override("cy" if path.startswith("/cy/") else "en-gb"):
        assert resolve(path).view_name == name
