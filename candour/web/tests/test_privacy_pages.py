"""The data protection pages: the record of processing for the DPO, administrators and
oversight; subject access and erasure for the data protection officer only, the person's
details never in a URL, every look-up audited."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from candour.audit.events import AuditVerb
from candour.audit.models import AuditEvent
from candour.intake.models import Report
from candour.privacy.tests.world import World, make_world
from candour.testing.cast import Cast
from candour.web.access import mark_reauthenticated

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast: Cast) -> World:
    return make_world(cast)


def _sign_in(client: Client, cast: Cast, who: str) -> None:
    client.force_login(cast.user(who))
    session = client.session
    mark_reauthenticated(type("R", (), {"session": session})())
    session.save()


def test_the_record_of_processing_comes_from_the_schedule(cast: Cast, client: Client) -> None:
    _sign_in(client, cast, "data_protection_officer")
    text = client.get("/data-protection/").content.decode()
    assert "Record of processing and retention schedule" in text
    assert "12 of 12 rules are marked [M]" in text
    assert "6 years from the day the case was closed, then anonymised." in text
    assert "Police (Vetting) Regulations 2025 reg 7" in text
    assert 'href="/data-protection/subject-access/"' in text
    home = client.get("/").content.decode()
    assert 'href="/data-protection/erasure/"' in home and "Data protection" in home
    _sign_in(client, cast, "administrator")
    text = client.get("/data-protection/").content.decode()
    assert "Record of processing" in text and "/data-protection/subject-access/" not in text
    assert client.get("/data-protection/subject-access/").status_code == 403
    assert client.post("/data-protection/subject-access/download/", {"reference": "X"}).status_code == 403


def test_subject_access_finds_shows_and_downloads(world: World, client: Client) -> None:
    _sign_in(client, world.cast, "data_protection_officer")
    form = client.get("/data-protection/subject-access/")
    assert form.status_code == 200 and "no-store" in form["Cache-Control"]
    answer = {"reference": "DSAR-2026-014", "email": "pat@example.com", "name": "", "number": ""}
    found = client.post("/data-protection/subject-access/", answer)
    text = found.content.decode()
    assert found.status_code == 200 and "What Alpha Test Police holds" in text
    assert "Reports you made" in text and world.case.reference in text
    assert "marked REDACT (another person's personal data)" in text
    assert AuditEvent.objects.filter(action=AuditVerb.SUBJECT_ACCESS_VIEWED.value, object_id="DSAR-2026-014").exists()
    download = client.post("/data-protection/subject-access/download/", answer)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == 'attachment; filename="subject-access-DSAR-2026-014.zip"'
    assert "index.html" in zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert AuditEvent.objects.filter(action=AuditVerb.SUBJECT_ACCESS_EXPORTED.value,
                                     object_id="DSAR-2026-014").count() == 1


def test_bad_answers_are_named_and_nothing_is_looked_up(cast: Cast, client: Client) -> None:
    _sign_in(client, cast, "data_protection_officer")
    page = client.post("/data-protection/subject-access/", {"reference": "", "email": "", "name": "", "number": ""})
    text = page.content.decode()
    assert page.status_code == 200 and "Enter the request&#x27;s reference" in text
    page = client.post("/data-protection/subject-access/", {"reference": "R-1", "email": "pat@example.com",
                                                          "name": "Pat Public", "number": ""})
    assert "Enter one of: the person&#x27;s email address" in page.content.decode()
    nothing = client.post("/data-protection/subject-access/", {"reference": "R-2", "email": "nobody@example.com"})
    assert "Nothing found" in nothing.content.decode() and "Download" not in nothing.content.decode()
    assert not AuditEvent.objects.filter(action=AuditVerb.SUBJECT_ACCESS_VIEWED.value, object_id="R-1").exists()


def test_erasure_shows_the_answers_then_erases_what_is_allowed(world: World, client: Client) -> None:
    _sign_in(client, world.cast, "data_protection_officer")
    answer = {"reference": "ER-1", "email": "sam@example.com", "name": "", "number": ""}
    check = client.post("/data-protection/erasure/", answer).content.decode()
    assert "2 of 2 records can be erased" in check and "Erase 2 records" in check
    assert Report.objects.get(pk=world.nfa.pk).anonymised_on is None
    done = client.post("/data-protection/erasure/", {**answer, "erase": "yes"}).content.decode()
    assert "2 records erased" in done
    assert Report.objects.get(pk=world.nfa.pk).what_happened == "[anonymised]"
    kept = client.post("/data-protection/erasure/", {"reference": "ER-2", "email": "pat@example.com"}).content.decode()
    assert "Refused" in kept and "retention rule &#x27;complainant&#x27;" in kept
    assert "Tell the person which records are kept and why (DPA 2018 s.48(1)(b))" in kept
