"""Issue 15: public pages are never stored by a cache (``Cache-Control: no-store``), and the
session table never holds a visitor's tracking link, email address or answers in clear."""

from __future__ import annotations

import base64
import re
import zlib

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.core.signing import JSONSerializer
from django.test import Client
from django.urls import reverse

from candour.common.sessions import EncryptedJSONSerializer, SessionStore
from candour.testing.cast import Cast
from candour.web.tests.test_portal import _key, _walk

pytestmark = pytest.mark.django_db


def _stored_bytes(session_data: str) -> bytes:
    """What a copy of the session table shows of a session: its signed payload, unpacked."""
    payload = session_data.rsplit(":", 2)[0]
    compressed = payload.startswith(".")
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    return zlib.decompress(raw) if compressed else raw


def _send_report(client: Client) -> str:
    _walk(client)
    response = client.post(reverse("intake:portal_check"), {"submission_key": _key(client), "website": ""})
    assert response["Location"] == reverse("intake:portal_confirmation")
    page = client.get(response["Location"]).content.decode()
    match = re.search(r'href="http://testserver/track/([^"/]+)/"', page)
    assert match, page[:2000]
    return match.group(1)


@pytest.mark.parametrize("url", ["/report/", "/report/about/", "/report/check-your-answers/", "/track/",
                                 "/privacy/", "/cy/report/", "/cookies/", "/feedback/"])
def test_public_pages_are_not_stored_by_any_cache(cast: Cast, client: Client, url: str) -> None:
    response = client.get(url)
    assert "no-store" in response["Cache-Control"], (url, response.status_code)


def test_the_confirmation_and_tracking_pages_are_not_stored_by_any_cache(cast: Cast, client: Client) -> None:
    token = _send_report(client)
    for url in (reverse("intake:portal_confirmation"), reverse("intake:track", args=[token]),
                reverse("intake:track", args=["not-a-token"])):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_session_table_holds_no_tracking_link_email_or_answer_in_clear(cast: Cast, client: Client) -> None:
    _walk(client)
    row = Session.objects.get(session_key=client.session.session_key)
    in_progress = _stored_bytes(row.session_data)
    assert b"jo@example.com" not in in_progress and b"stopped and searched" not in in_progress
    token = _send_report(client)
    row = Session.objects.get(session_key=client.session.session_key)
    stored = _stored_bytes(row.session_data)
    assert token.encode() not in stored and b"jo@example.com" not in stored
    assert token not in row.session_data
    # The visitor's own browser still gets its receipt back: the confirmation can be reloaded.
    assert token in client.get(reverse("intake:portal_confirmation")).content.decode()


def test_a_session_written_before_encryption_is_still_read(settings: object) -> None:
    clear = DjangoStore()
    clear.serializer = JSONSerializer
    clear["answers"] = {"kind": "complaint"}
    clear.save()
    assert b"complaint" in _stored_bytes(Session.objects.get(session_key=clear.session_key).session_data)
    assert SessionStore(clear.session_key)["answers"] == {"kind": "complaint"}


def test_sessions_survive_a_secret_key_rotation(settings: object) -> None:
    store = SessionStore()
    store["answers"] = {"kind": "complaint"}
    store.save()
    old = settings.SECRET_KEY  # type: ignore[attr-defined]
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-only-0123456789"  # type: ignore[attr-defined]
    settings.SECRET_KEY_FALLBACKS = [old]  # type: ignore[attr-defined]
    assert SessionStore(store.session_key)["answers"] == {"kind": "complaint"}
    settings.SECRET_KEY_FALLBACKS = []  # type: ignore[attr-defined]
    assert SessionStore(store.session_key).load() == {}


def test_a_tampered_session_is_refused() -> None:
    sealed = bytearray(EncryptedJSONSerializer().dumps({"a": 1}))
    sealed[-1] ^= 1
    with pytest.raises(ValueError):
        EncryptedJSONSerializer().loads(bytes(sealed))
