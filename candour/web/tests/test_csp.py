"""Issue 15: the Content-Security-Policy has no 'unsafe-inline'. The only inline scripts, in
base.html, carry a nonce that is new on every response; no page has an inline event handler or
a ``javascript:`` link, so markup injected into a page cannot run a script."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def _pages(cast: Cast) -> list[tuple[str, bool]]:
    """(url, signed in as the appropriate authority)"""
    return [("/report/", False), ("/report/force/", False), ("/cy/report/", False), ("/track/", False),
            (reverse("intake:track", args=[cast.tracking_token]), False), ("/accounts/login/", False),
            ("/", True), ("/search/?q=Testperson", True),
            (reverse("web:case_detail", args=[cast.case.reference]), True),
            (reverse("intake:triage_queue"), True)]


def test_no_page_allows_inline_script_without_its_nonce(cast: Cast) -> None:
    anonymous, staff = Client(), Client()
    staff.force_login(cast.appropriate_authority)
    nonces = set()
    for url, signed_in in _pages(cast):
        response = (staff if signed_in else anonymous).get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        script_src = re.search(r"script-src ([^;]+)", policy)
        assert script_src, policy
        nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9_-]{16,})'", script_src.group(1))
        assert nonce, (url, policy)
        nonces.add(nonce.group(1))
        page = response.content.decode()
        inline = [attrs for attrs, body in _SCRIPT.findall(page) if "src=" not in attrs and body.strip()
                  and 'type="application/json"' not in attrs]
        assert inline, url
        assert all(f'nonce="{nonce.group(1)}"' in attrs for attrs in inline), (url, inline)
        assert not _HANDLER.search(page), (url, _HANDLER.search(page))
        assert "javascript:" not in page.lower(), url
    assert len(nonces) == len(_pages(cast)), "a nonce was used twice"

