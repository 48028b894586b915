"""A client cannot choose the request id written into the audit trail (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_clients_request_id_is_replaced(client: Client) -> None:
    response = client.get("/report/", HTTP_X_REQUEST_ID="forged-id-of-another-request")
    assert response["X-Request-ID"] != "forged-id-of-another-request"


def test_a_trusted_proxys_request_id_is_kept(client: Client, settings: Any) -> None:
    settings.CANDOUR_TRUSTED_PROXIES = ["127.0.0.1"]
    response = client.get("/report/", HTTP_X_REQUEST_ID="proxy-id-12345678", REMOTE_ADDR="127.0.0.1")
    assert response["X-Request-ID"] == "proxy-id-12345678"
    bad = client.get("/report/", HTTP_X_REQUEST_ID="bad id with spaces", REMOTE_ADDR="127.0.0.1")
    assert bad["X-Request-ID"] != "bad id with spaces"
