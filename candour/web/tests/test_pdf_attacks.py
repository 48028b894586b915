"""Issue 15: a GET scan started 1,191 Chromium renders (``?format=pdf``, 0.6–0.8 s each), with
Chromium run ``--no-sandbox``. Now a PDF is a POST, limited per user with a clear 429 page, a
repeat of the same document is served from a cache, and Chromium keeps its sandbox unless the
process runs as root where the settings allow it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from candour.cases import documents
from candour.cases.documents import PdfUnavailable, pdf_command
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch: Any) -> Iterator[list[str]]:
    """Stand in for Chromium: count the renders, return a tiny PDF."""
    started: list[str] = []

    def fake(html: str, **kwargs: Any) -> bytes:
        started.append(html)
        return b"%PDF-1.4 fake"

    monkeypatch.setattr("candour.web.cases.documents.html_to_pdf", fake)
    cache.clear()
    yield started
    cache.clear()


def _letter(cast: Cast) -> str:
    return reverse("web:document_outcome_letter", args=[cast.case.reference])


def test_a_get_never_starts_a_render(cast: Cast, client: Client, renders: list[str]) -> None:
    client.force_login(cast.appropriate_authority)
    for _ in range(5):
        response = client.get(_letter(cast), {"format": "pdf"})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert renders == []
    page = client.get(_letter(cast)).content.decode()
    assert 'candour-print-hint" method="post"' in page and 'name="format" value="pdf"' in page


def test_the_same_document_again_comes_from_the_cache(cast: Cast, client: Client, renders: list[str],
                                                      settings: Any) -> None:
    settings.CANDOUR_PDF_RATE_LIMIT = "2/hour"
    client.force_login(cast.appropriate_authority)
    for _ in range(5):
        response = client.post(_letter(cast), {"format": "pdf"})
        assert response.status_code == 200 and response.content == b"%PDF-1.4 fake"
    assert len(renders) == 1
    assert "csrfmiddlewaretoken" not in renders[0] and "download it as a PDF" not in renders[0]
    # Printed from a file, the document's own policy lets no script run.
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'nonce-' in renders[0]


def test_renders_are_limited_per_user_with_a_clear_page(cast: Cast, client: Client, renders: list[str],
                                                        settings: Any) -> None:
    settings.CANDOUR_PDF_RATE_LIMIT = "2/hour"
    client.force_login(cast.appropriate_authority)
    for _ in range(2):
        assert client.post(_letter(cast), {"format": "pdf"}).status_code == 200
        cache.clear()  # a different document each time, as far as the cache knows
    refused = client.post(_letter(cast), {"format": "pdf"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert "You have made too many PDFs" in page and "up to 2 PDFs in an hour" in page
    assert "print the document, or save it as a PDF, from your browser" in page
    assert len(renders) == 2
    # Someone else is not held up by it.
    other = Client()
    other.force_login(cast.investigator)
    assert other.post(_letter(cast), {"format": "pdf"}).status_code == 200


def test_chromium_keeps_its_sandbox(monkeypatch: Any, settings: Any, tmp_path: Any) -> None:
    def command() -> list[str]:
        return pdf_command("chromium", source=tmp_path / "a.html", target=tmp_path / "a.pdf",
                           profile=tmp_path / "profile")

    monkeypatch.setattr(documents.os, "geteuid", lambda: 1000)
    settings.CANDOUR_PDF_ALLOW_NO_SANDBOX = True
    flags = command()
    assert "--no-sandbox" not in flags
    assert "--host-resolver-rules=MAP * ~NOTFOUND" in flags
    # As root the sandbox cannot start: only where the settings allow it (dev and test).
    monkeypatch.setattr(documents.os, "geteuid", lambda: 0)
    assert "--no-sandbox" in command()
    settings.CANDOUR_PDF_ALLOW_NO_SANDBOX = False
    with pytest.raises(PdfUnavailable, match="Run Candour as an unprivileged user"):
        command()
