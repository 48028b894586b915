"""No URL pattern hides another, and no URL changes unless someone means it to.

Django tries the patterns in order and the public portal's come first (config/urls.py), so a
page whose path one of them also matched would be unreachable. Every path pattern is given
sample values and must resolve to itself.

``urls.txt`` beside this file lists every pattern and its name, in order: a change to a path or
a name (pages, API or admin) fails here until the listing is written again on purpose with
``CANDOUR_WRITE_URL_SNAPSHOT=1 pytest candour/web/tests/test_urls.py``.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

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


SNAPSHOT = Path(__file__).with_name("urls.txt")


def _listing(patterns: list[URLPattern | URLResolver], prefix: str = "",
             names: tuple[str, ...] = ()) -> Iterator[str]:
    """``pattern name`` for every URL in the order Django tries them (namespaced names;
    ``None`` for a pattern without one)."""
    for pattern in patterns:
        part = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            namespace = names + ((pattern.namespace,) if pattern.namespace else ())
            yield from _listing(pattern.url_patterns, prefix + part, namespace)
        else:
            yield f"{prefix + part} {':'.join((*names, pattern.name)) if pattern.name else None}"


def test_urls_match_the_snapshot() -> None:
    with translation.override("en-gb"):
        live = "\n".join(_listing(get_resolver().url_patterns)) + "\n"
    if os.environ.get("CANDOUR_WRITE_URL_SNAPSHOT") == "1":
        SNAPSHOT.write_text(live, encoding="utf-8")
    assert live == SNAPSHOT.read_text(encoding="utf-8"), (
        "the URLs changed: if that was meant, write the listing again with "
        "CANDOUR_WRITE_URL_SNAPSHOT=1 pytest candour/web/tests/test_urls.py")
