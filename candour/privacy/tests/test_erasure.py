"""Erasure: granted where the schedule allows it, refused with the rule cited where it does not
(live work, a statutory retention), carried out by each app's service, the request audited."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from candour.audit.events import AuditVerb
from candour.audit.models import AuditEvent
from candour.audit.services import Actor
from candour.cases.models import Case
from candour.intake.models import Report
from candour.privacy.erasure import erasure_assess, erasure_carry_out
from candour.privacy.subjects import subject_query
from candour.privacy.tests.world import World, make_world
from candour.testing.cast import PASSWORD, Cast

TODAY = date(2026, 12, 7)


@pytest.fixture
def world(cast: Cast) -> World:
    return make_world(cast)


def _dpo(world: World) -> Actor:
    return Actor.of(world.cast.user("data_protection_officer"))


def test_a_report_that_became_no_case_is_erased_on_request(world: World) -> None:
    query = subject_query(force=world.cast.force, reference="ER-1", email="sam@example.com")
    plan = erasure_assess(query=query, today=TODAY)
    assert [(i.record_type, i.allowed) for i in plan.items] == [("tracking", True), ("report", True)]
    assert plan.items[1].reason.startswith("allowed by retention rule 'report'")
    done = erasure_carry_out(query=query, actor=_dpo(world), today=TODAY)
    assert len(done.done) == 2
    report = Report.objects.get(pk=world.nfa.pk)
    assert (report.what_happened, report.contact_email, report.tracking_hash) == ("[anonymised]", "", "")
    assert report.anonymised_on == TODAY
    event = AuditEvent.objects.filter(action=AuditVerb.ERASURE_DECIDED.value).get()
    assert event.object_id == "ER-1" and event.after is not None
    assert event.after["erased"] == [{"record": report.reference, "rule": "tracking"},
                                     {"record": report.reference, "rule": "report"}]
    assert event.after["refused"] == []
    assert AuditEvent.objects.filter(action=AuditVerb.RECORD_ANONYMISED.value, object_id=report.reference,
                                     after__why="erasure request ER-1").count() == 1


def test_a_complainant_of_a_kept_case_is_refused_with_the_rule_cited(world: World) -> None:
    query = subject_query(force=world.cast.force, reference="ER-2", name="pat  public")
    plan = erasure_assess(query=query, today=TODAY)
    answers = {(i.record_type, i.label.split(" (")[0]): i for i in plan.items}
    complainant = answers[("complainant", "Your details as complainant")]
    assert not complainant.allowed
    assert complainant.reason.startswith("refused: kept until 1 November 2031 under retention rule 'complainant' "
                                         "(6 years from the day the last of their cases was closed) [M]")
    assert "Why erasure is refused: the complainant's identity is part of the record" in complainant.reason
    case = answers[("case", f"Case {world.case.reference}")]
    assert not case.allowed and "PRA 2002 Sch 3" in case.reason
    done = erasure_carry_out(query=query, actor=_dpo(world), today=TODAY)
    assert [i.record_type for i in done.done] == ["tracking"]  # the only thing allowed
    assert Report.objects.get(pk=world.report.pk).what_happened.startswith("A sergeant pushed me")
    event = AuditEvent.objects.filter(action=AuditVerb.ERASURE_DECIDED.value).get()
    assert {r["rule"] for r in event.after["refused"]} == {"complainant", "case"}  # type: ignore[index]


def test_live_work_is_refused(world: World) -> None:
    Case.objects.filter(pk=world.case.pk).update(state="investigation")
    plan = erasure_assess(query=subject_query(force=world.cast.force, reference="ER-3", email="pat@example.com"),
                          today=TODAY)
    refused = [i for i in plan.items if i.record_type != "tracking"]
    assert refused and not any(i.allowed for i in refused)
    assert all(f"part of live work (case {world.case.reference} is " in i.reason for i in refused)


def test_an_officers_records_are_kept(world: World) -> None:
    plan = erasure_assess(query=subject_query(force=world.cast.force, reference="ER-4", number="100001"),
                          today=TODAY)
    assert {i.record_type for i in plan.items} == {"case", "workforce_record", "vetting_record"}
    assert not plan.allowed
    assert any("part of live work (you still serve)" in i.reason for i in plan.items)


def test_past_its_period_a_case_can_be_erased(world: World) -> None:
    plan = erasure_assess(query=subject_query(force=world.cast.force, reference="ER-5", email="pat@example.com"),
                          today=date(2032, 1, 1))
    assert all(i.allowed for i in plan.items), [i.reason for i in plan.items]


def test_the_command_asks_for_a_data_protection_officer(world: World, tmp_path: Path) -> None:
    password = tmp_path / "password"
    password.write_text(PASSWORD)
    out = io.StringIO()
    call_command("privacy", "erase", "--email", "sam@example.com", "--reference", "ER-9", "--user",
                 "data_protection_officer", "--password-file", str(password), "--dry-run", stdout=out)
    assert f"Report {world.nfa.reference}: would be erased. allowed by retention rule 'report'" in out.getvalue()
    assert "Dry run: nothing was erased." in out.getvalue()
    assert AuditEvent.objects.filter(action=AuditVerb.SUBJECT_ACCESS_VIEWED.value, object_id="ER-9").count() == 1
    with pytest.raises(CommandError, match="Only a data protection officer"):
        call_command("privacy", "erase", "--email", "sam@example.com", "--reference", "ER-9", "--user",
                     "administrator", "--password-file", str(password), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Wrong user name or password"):
        password.write_text("wrong")
        call_command("privacy", "erase", "--email", "sam@example.com", "--reference", "ER-9", "--user",
                     "data_protection_officer", "--password-file", str(password), stdout=io.StringIO())
    password.write_text(PASSWORD)
    out = io.StringIO()
    call_command("privacy", "erase", "--email", "sam@example.com", "--reference", "ER-9", "--user",
                 "data_protection_officer", "--password-file", str(password), stdout=out)
    assert f"Report {world.nfa.reference}: erased." in out.getvalue()
    zipped = tmp_path / "export.zip"
    out = io.StringIO()
    call_command("privacy", "export", "--number", "100001", "--reference", "DSAR-3", "--user",
                 "data_protection_officer", "--password-file", str(password), "--out", str(zipped), stdout=out)
    assert zipped.exists() and oct(zipped.stat().st_mode & 0o777) == "0o600"
    assert out.getvalue().startswith(f"Wrote {zipped} for DSAR-3: 1 record,")
    with pytest.raises(CommandError, match="exists already"):
        call_command("privacy", "export", "--number", "100001", "--reference", "DSAR-3", "--user",
                     "data_protection_officer", "--password-file", str(password), "--out", str(zipped))
