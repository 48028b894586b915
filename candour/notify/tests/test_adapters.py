"""Notifications leave only after commit; the GOV.UK Notify adapter signs and sends correctly."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.db import transaction

from candour.notify.adapters import GovukNotifyAdapter, Message, NotifyError, notify_after_commit, notify_send

SERVICE = "11111111-2222-3333-4444-555555555555"
SECRET = "66666666-7777-8888-9999-000000000000"
KEY = f"candour_test-{SERVICE}-{SECRET}"
MESSAGE = Message(kind="tracking_code", to="pat@example.com", subject="Your code", body="Your code is 123456",
                  personalisation={"code": "123456"}, reference="ALPHA-RAAAA-BBBB")


@pytest.fixture
def notify_api() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A stand-in for api.notifications.service.gov.uk that checks the JWT as Notify does."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            token = self.headers["Authorization"].removeprefix("Bearer ")
            header, claims, signature = token.split(".")
            expected = base64.urlsafe_b64encode(hmac.new(SECRET.encode(), f"{header}.{claims}".encode(),
                                                         hashlib.sha256).digest()).rstrip(b"=").decode()
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            issuer = json.loads(base64.urlsafe_b64decode(claims + "=="))["iss"]
            ok = hmac.compare_digest(signature, expected) and issuer == SERVICE
            received.append({"path": self.path, "body": body, "ok": ok})
            self.send_response(201 if ok and body["template_id"] != "bad" else 400)
            self.end_headers()
            self.wfile.write(b'{"id": "x"}')

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()


def test_notify_sends_a_signed_request_with_the_template(notify_api: tuple[str, list[dict[str, Any]]]) -> None:
    url, received = notify_api
    GovukNotifyAdapter(KEY, url, {"tracking_code": "tmpl-1"}).send(MESSAGE)
    (request,) = received
    assert request["ok"] and request["path"] == "/v2/notifications/email"
    assert request["body"] == {"email_address": "pat@example.com", "template_id": "tmpl-1",
                               "personalisation": {"code": "123456"}, "reference": "ALPHA-RAAAA-BBBB"}


def test_notify_errors_are_reported(notify_api: tuple[str, list[dict[str, Any]]]) -> None:
    url, _ = notify_api
    with pytest.raises(NotifyError, match="refused"):
        GovukNotifyAdapter(KEY, url, {"tracking_code": "bad"}).send(MESSAGE)
    with pytest.raises(NotifyError, match="No GOV.UK Notify template"):
        GovukNotifyAdapter(KEY, url, {}).send(MESSAGE)
    with pytest.raises(NotifyError, match="not a GOV.UK Notify API key"):
        GovukNotifyAdapter("short", url, {})


def test_a_failed_send_is_logged_not_raised(settings: Any, caplog: Any) -> None:
    settings.CANDOUR_NOTIFY_BACKEND = "govuk_notify"
    settings.CANDOUR_NOTIFY_API_KEY = KEY
    settings.CANDOUR_NOTIFY_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.CANDOUR_NOTIFY_TEMPLATES = {"tracking_code": "t"}
    assert notify_send(MESSAGE) is False
    assert "tracking_code" in caplog.text and "123456" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_transaction_rolls_back(mailoutbox: list[Any]) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        notify_after_commit(MESSAGE)
        raise RuntimeError("the change failed")
    assert mailoutbox == []
    with transaction.atomic():
        notify_after_commit(MESSAGE)
        assert mailoutbox == []
    assert [m.to for m in mailoutbox] == [["pat@example.com"]]
