"""While the database cannot be reached, pages answer 503 with Retry-After, not a 500 or a
traceback (issue 15, faults)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


def _database_down(*args: Any, **kwargs: Any) -> None:
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.parametrize("method,path,data", [
    ("get", "/report/", {}),
    ("post", "/track/", {"reference": "NSC-R7K3-9QX2", "email": "a@example.com"}),
    ("post", "/accounts/login/", {"username": "assessor", "password": "a password"}),
])
def test_an_unreachable_database_gives_503_with_retry_after(method: str, path: str, data: dict[str, str],
                                                           monkeypatch: Any) -> None:
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(CursorWrapper, "execute", _database_down)
    monkeypatch.setattr(CursorWrapper, "executemany", _database_down)
    response = getattr(client, method)(path, data)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_any_other_unhandled_error_is_the_500_page(monkeypatch: Any) -> None:
    client = Client(raise_request_exception=False)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/report/")
    assert response.status_code == 500 and "Retry-After" not in response
