"""Subject access: everything held about the person, other people's data marked for redaction
with the reason, the request audited without the person's details, never another force's."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from candour.audit.events import AuditVerb
from candour.audit.models import AuditEvent
from candour.audit.services import Actor
from candour.privacy.export import export_zip, subject_access_build, subject_access_export
from candour.privacy.subjects import subject_query, subject_records
from candour.privacy.tests.world import World, make_world
from candour.testing.cast import Cast


@pytest.fixture
def world(cast: Cast) -> World:
    return make_world(cast)


def _dpo(world: World) -> Actor:
    return Actor.of(world.cast.user("data_protection_officer"))


def _rows(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = data["sections"][key]["rows"]
    return rows


def test_a_complainants_export_holds_their_records_with_other_peoples_data_marked(world: World) -> None:
    query = subject_query(force=world.cast.force, reference="DSAR-2026-014", email="PAT@example.com")
    export, content = subject_access_export(query=query, actor=_dpo(world))
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = set(archive.namelist())
    assert {"index.html", "export.json", "csv/reports.csv", "csv/cases.csv", "csv/allegations.csv"} <= names
    assert any(n.startswith("evidence/") and n.endswith(".png") for n in names)

    data = json.loads(archive.read("export.json"))
    assert data["reference"] == "DSAR-2026-014"
    details = _rows(data, "details")
    assert [(d["Name"], d["Email"], d["Postcode"]) for d in details] == [("Pat Public", "pat@example.com", "NT1 1AA")]
    report = _rows(data, "reports")[0]
    assert report["Reference"] == world.report.reference and report["Your email"] == "pat@example.com"
    assert report["Officer or staff member named"] == {
        "value": "Sergeant Testperson",
        "redact": "third party: the officer or member of staff the matter is about (DPA 2018 Sch 2 para 16; "
                  "s.45(4)(e))"}
    assert report["What happened"]["check"].startswith("free text: may name other people")
    allegation = _rows(data, "allegations")[0]
    assert allegation["About"]["value"] == "Ada Testperson" and "redact" in allegation["About"]
    assert allegation["Outcome"] == "Written warning"  # the complainant is told the outcome
    assert [u["Message"] for u in _rows(data, "updates")][-1] == "We have asked for the CCTV."
    assert _rows(data, "updates")[-1]["Sent by"]["redact"].startswith("third party: a member of staff")
    assert _rows(data, "follow_ups")[0]["Text"]["value"].startswith("The car was silver")
    # Sam's report is someone else's: not in Pat's export.
    assert "Jo Bloggs" not in archive.read("export.json").decode()

    with archive.open("csv/allegations.csv") as handle:
        rows = list(csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8")))
    assert rows[0]["About"].startswith("[REDACT: third party: the officer") and rows[0]["About"].endswith(
        "]Ada Testperson[/REDACT]")
    html = archive.read("index.html").decode()
    assert "Subject access export DSAR-2026-014" in html and 'class="redact"' in html
    assert export.marked["redact"] >= 3 and export.marked["check"] >= 3

    event = AuditEvent.objects.filter(action=AuditVerb.SUBJECT_ACCESS_EXPORTED.value).get()
    assert (event.chain, event.object_type, event.object_id) == ("ALPHA", "data_subject_request", "DSAR-2026-014")
    assert event.after == {"searched_by": "email", "found": {
        "member_of_public": [str(world.pat.uuid)], "report": [world.report.reference],
        "case": [world.case.reference]}}
    assert "pat@example.com" not in json.dumps(event.after).lower()


def test_an_officers_export_marks_the_complainant(world: World) -> None:
    query = subject_query(force=world.cast.force, reference="DSAR-7", number="100001")
    content = export_zip(subject_access_build(query=query, actor=_dpo(world)))
    data = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("export.json"))
    assert _rows(data, "record")[0]["Name"] == "Ada Testperson"
    assert _rows(data, "protected_characteristics")[0]["Ethnicity"] == "Synthetic group A"
    case = _rows(data, "cases")[0]
    assert case["Case"] == world.case.reference and case["Outcome"] == "Written warning"
    assert case["Complainant"] == {"value": "Pat Public", "redact": "third party: the complainant or person who "
                                   "reported (DPA 2018 Sch 2 para 16; s.45(4)(e))"}
    assert {v["Level"] for v in _rows(data, "vetting")} == {"RV", "MV"}
    assert _rows(data, "convictions")[0]["Offence"] == "Driving with excess alcohol"
    screening = _rows(data, "screening")[0]
    assert screening["The extract's record"]["check"].startswith("intelligence or an extract's record")
    assert _rows(data, "audit")  # the officer's record was created and looked at


def test_another_force_finds_nothing_and_a_bad_query_is_refused(world: World) -> None:
    found = subject_records(subject_query(force=world.cast.other_force, reference="B-1", email="pat@example.com"))
    assert not found.found and found.ids() == {}
    cases: list[tuple[dict[str, Any], str]] = [({"reference": "x y", "email": "pat@example.com"}, "reference"),
                          ({"reference": "R-1"}, "email"),
                          ({"reference": "R-1", "email": "pat@example.com", "name": "Pat Public"}, "email"),
                          ({"reference": "R-1", "email": "pat"}, "email"),
                          ({"reference": "R-1", "number": "10 01"}, "number")]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as caught:
            subject_query(force=world.cast.force, **kwargs)
        assert field in caught.value.message_dict
