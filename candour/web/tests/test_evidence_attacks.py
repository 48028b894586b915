"""Evidence a member of the public sends cannot run on a staff machine: active content is
refused at upload, and every download is saved under a name of Candour's making with the
extension and type its content was found to be, never the uploader's name (issue 15)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from candour.intake import services
from candour.intake.models import EvidenceFile
from candour.intake.storage import EvidenceRejected, evidence_store
from candour.intake.validation import ReportInput
from candour.testing.cast import PNG_BYTES, Cast

pytestmark = pytest.mark.django_db

HTA = b"Please read the attached note.\r\n<HTA:APPLICATION ID=x><script>new ActiveXObject('WScript.Shell')</script>"
HTML_AFTER_TEXT = b"A note first\n<html><body onload=alert(1)>"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
BAT = b"@echo off\r\ndel /q C:\\Users\\*\r\n"
POLYGLOT = b"\xff\xd8\xff\xe0" + b"\x00" * 20 + b"<html><script>alert(document.domain)</script></html>"


@pytest.mark.parametrize("name,data", [("note.hta", HTA), ("letter.html", HTML_AFTER_TEXT), ("pic.svg", SVG)])
def test_active_content_is_refused_whatever_it_is_called(name: str, data: bytes, _evidence_store: Path) -> None:
    with pytest.raises(EvidenceRejected, match="must be a"):
        evidence_store(stream=io.BytesIO(data), name=name, size=len(data))
    assert not _evidence_store.exists() or list(_evidence_store.iterdir()) == []


def _report_with(cast: Cast, name: str, data: bytes) -> EvidenceFile:
    upload = evidence_store(stream=io.BytesIO(data), name=name, size=len(data))
    report = services.report_submit(
        force=cast.force, channel="portal", actor=services.PUBLIC_ACTOR, submission_key=f"ev-{name}",
        uploads=[upload], data=ReportInput(kind="complaint", what_happened="See the file", anonymous=True)).report
    return report.evidence.get()


@pytest.mark.parametrize("name,data,saved_as,served_as", [
    ("invoice.html", POLYGLOT, ".jpg", "image/jpeg"),
    ("run.bat", BAT, ".txt", "text/plain"),
    ("photo.hta", PNG_BYTES, ".png", "image/png"),
])
def test_a_download_is_named_and_typed_by_its_content(cast: Cast, client: Client, name: str, data: bytes,
                                                      saved_as: str, served_as: str) -> None:
    evidence = _report_with(cast, name, data)
    client.force_login(cast.appropriate_authority)
    response = client.get(reverse("intake:evidence_download", args=[evidence.uuid]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert f'filename="{evidence.report.reference}-evidence-{evidence.pk}{saved_as}"' in disposition
    assert name.rsplit(".", 1)[1] not in disposition.split("filename=")[1].lower().replace(saved_as, "")
    assert response["Content-Type"].startswith(served_as)
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_type_outside_the_allow_list_is_never_served(cast: Cast, client: Client) -> None:
    evidence = _report_with(cast, "note.txt", b"plain words\n")
    EvidenceFile.objects.filter(pk=evidence.pk).update(content_type="text/html")
    client.force_login(cast.appropriate_authority)
    assert client.get(reverse("intake:evidence_download", args=[evidence.uuid])).status_code == 404
