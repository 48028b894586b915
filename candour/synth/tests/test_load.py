"""Loading into the database: counts, constraints, sequences, audit, refusal, determinism,
bulk mode (PostgreSQL) and the generator process.

Runs on SQLite and on PostgreSQL (``DATABASE_URL=postgres://...``), exercising both the
``executemany`` and the ``COPY`` paths.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max

from candour.accounts.models import Force, Unit
from candour.audit.events import AuditVerb
from candour.audit.models import AuditEvent
from candour.audit.services import Actor, audit_verify
from candour.cases.models import Allegation, Case, ReferenceSequence, Subject, TimelineEvent
from candour.cases.services import case_open
from candour.people.models import MemberOfPublic, Officer, ProtectedCharacteristics, StaffMember
from candour.synth import services
from candour.synth.forces import (
    SYNTHETIC_FORCES,
    ForceSpec,
    national_forces,
    read_workforce,
    shared_data_dir,
)
from candour.synth.generate import TABLES, ForceGenerator
from candour.synth.services import (
    MODELS,
    SynthError,
    _Generation,
    synth_force_load,
    synth_load,
)

END = date(2025, 3, 31)
SMALL = ForceSpec(code="TST", name="Testshire Synthetic Police", officers=150)
ALL_MODELS = (Force, Unit, Officer, StaffMember, ProtectedCharacteristics, MemberOfPublic, Case,
              Allegation, Subject, TimelineEvent, ReferenceSequence, AuditEvent)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in ALL_MODELS}


def content_digest(code: str) -> str:
    """A digest of the loaded force by natural keys (ids may differ between loads)."""
    h = hashlib.sha256()
    for row0 in Officer.objects.filter(force__code=code).order_by("warrant_number").values_list(
            "warrant_number", "forenames", "surname", "rank", "status", "joined_on", "left_on",
            "uuid", "protected_characteristics__ethnicity"):
        h.update(repr(row0).encode())
    for row1 in Case.objects.filter(force__code=code).order_by("reference").values_list(
            "reference", "case_type", "state", "received_on", "closed_on", "summary", "uuid",
            "complainant__full_name"):
        h.update(repr(row1).encode())
    for row2 in Subject.objects.filter(allegation__case__force__code=code).order_by(
            "allegation__case__reference", "allegation__number", "uuid").values_list(
            "allegation__case__reference", "allegation__number", "allegation__category",
            "officer__warrant_number", "staff_member__staff_number", "outcome", "outcome_on"):
        h.update(repr(row2).encode())
    for row3 in TimelineEvent.objects.filter(case__force__code=code).order_by(
            "case__reference", "occurred_at", "kind", "title", "description").values_list(
            "case__reference", "occurred_at", "kind", "title", "description"):
        h.update(repr(row3).encode())
    return h.hexdigest()


@pytest.mark.django_db
def test_load_writes_what_the_generator_counted() -> None:
    result = synth_force_load(spec=SMALL, seed=1, years=2, end_date=END)
    force = Force.objects.get(code="TST")
    assert result.rows["officer"] == Officer.objects.filter(force=force).count() > 150
    assert result.rows["staff"] == StaffMember.objects.filter(force=force).count()
    assert result.rows["case"] == Case.objects.filter(force=force).count() > 150
    assert result.rows["allegation"] == Allegation.objects.filter(case__force=force).count()
    assert result.rows["subject"] == Subject.objects.filter(allegation__case__force=force).count()
    assert result.rows["timeline"] == TimelineEvent.objects.filter(case__force=force).count()
    assert result.rows["pc"] == ProtectedCharacteristics.objects.count()
    assert Case.objects.filter(state="closed", closed_on__isnull=True).count() == 0
    assert Subject.objects.exclude(outcome="").filter(outcome_on__isnull=True).count() == 0


@pytest.mark.django_db
def test_one_audit_event_per_force_and_the_chain_verifies() -> None:
    result = synth_force_load(spec=SMALL, seed=1, years=1, end_date=END)
    events = AuditEvent.objects.filter(chain="TST")
    assert events.count() == 1
    event = events.get()
    assert event.action == AuditVerb.SYNTHETIC_FORCE_LOADED
    assert event.actor_name == "system: synth"
    assert event.after is not None and event.after["rows"]["case"] == result.rows["case"]
    assert all(report.first_break is None for report in audit_verify())


@pytest.mark.django_db
def test_reference_sequence_continues_after_the_load() -> None:
    synth_force_load(spec=SMALL, seed=1, years=2, end_date=END)
    force = Force.objects.get(code="TST")
    for seq in ReferenceSequence.objects.filter(force=force):
        highest = max(int(r.split("-")[2]) for r in Case.objects.filter(
            force=force, reference__startswith=f"TST-{seq.year}-").values_list("reference",
                                                                               flat=True))
        assert seq.last_number == highest
    last = ReferenceSequence.objects.get(force=force, year=2025).last_number
    case = case_open(force=force, case_type="complaint", received_on=date(2025, 3, 1),
                     summary="Opened after the synthetic load", actor=Actor.system("test"),
                     today=END)
    assert case.reference == f"TST-2025-{last + 1:06d}"


@pytest.mark.django_db
def test_ids_continue_after_the_load() -> None:
    synth_force_load(spec=SMALL, seed=1, years=1, end_date=END)
    force = Force.objects.get(code="TST")
    highest = Officer.objects.aggregate(m=Max("id"))["m"]
    officer = Officer.objects.create(force=force, forenames="Later", surname="Added",
                                     joined_on=END, warrant_number="X1")
    assert officer.pk > highest


@pytest.mark.django_db
def test_same_seed_loads_the_same_data() -> None:
    digests = []
    for _ in range(2):
        with transaction.atomic():
            synth_force_load(spec=SMALL, seed=5, years=1, end_date=END)
            digests.append(content_digest("TST"))
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    synth_force_load(spec=SMALL, seed=6, years=1, end_date=END)
    assert content_digest("TST") != digests[0]


@pytest.mark.django_db
def test_refuses_an_existing_force_and_writes_nothing() -> None:
    Force.objects.create(code="TST", name="Already here")
    before = counts()
    with pytest.raises(SynthError, match="already exists"):
        synth_force_load(spec=SMALL, seed=1, years=1, end_date=END)
    with pytest.raises(CommandError, match="already exists"):
        call_command("synth", "--force", "TST", "--officers", "150", "--years", "1",
                     "--end-date", "2025-03-31", stdout=StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_national_refuses_before_loading_any_force() -> None:
    taken = national_forces(Path(__file__).resolve().parents[3])[-1]
    Force.objects.create(code=taken.code, name="Taken")
    before = counts()
    with pytest.raises(CommandError, match="already exists"):
        call_command("synth", "--national", "--years", "1", "--end-date", "2025-03-31",
                     stdout=StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_command_prints_a_summary() -> None:
    out = StringIO()
    call_command("synth", "--force", "TST", "--officers", "120", "--years", "1", "--seed", "3",
                 "--end-date", "2025-03-31", stdout=out)
    text = out.getvalue()
    assert "TST" in text and "officers" in text and "rows/s" in text
    assert Force.objects.filter(code="TST").exists()


@pytest.mark.django_db
def test_synth_alone_leaves_the_cached_clocks_right() -> None:
    """Issue 14: after `candour synth` (no demo), the nightly clocks job finds nothing to change."""
    out = StringIO()
    call_command("synth", "--force", "TST", "--officers", "150", "--years", "1", stdout=out)
    assert "Clocks computed for" in out.getvalue()
    assert Case.objects.filter(force__code="TST", next_due_on__isnull=False).exists()
    out = StringIO()
    call_command("casework", "clocks", stdout=out)
    assert out.getvalue().strip().endswith("; 0 changed."), out.getvalue()


def test_without_shared_data_national_forces_are_synthetic(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setenv("CANDOUR_SHARED_DATA", str(tmp_path))
    specs = national_forces(Path("/nonexistent"))
    assert specs == list(SYNTHETIC_FORCES)
    assert len(specs) == 43 == len({s.code for s in specs}) == len({s.name for s in specs})


def test_workforce_csv_gives_43_forces_without_region_rows() -> None:
    path = shared_data_dir(Path(__file__).resolve().parents[3]) \
        / "police-workforce/officer-headcount-2019.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent (shared data is not checked out beside the repo)")
    specs = read_workforce(path)
    codes = {s.code: s for s in specs}
    assert len(specs) == 43 == len(codes)
    assert codes["WMP"].region == "West Midlands" and codes["WMP"].officers > 6000
    assert codes["MET"].officers > 30_000
    assert abs(sum(s.officers for s in specs) - 147_000) < 50
    assert not any(s.name in {"North East", "London", "Wales"} for s in specs)


# --- several forces: synth_load, bulk mode, the generator process, statistics ---------------

OTHER = ForceSpec(code="OTR", name="Othershire Synthetic Police", officers=120)


def _same_meaning(definition: str) -> str:
    """An index definition without casts and brackets. PostgreSQL prints an IN-list predicate
    differently once the index is re-created from its own printed form (``ARRAY['a'::character
    varying]::text[]`` comes back as ``ARRAY[('a'::character varying)::text]``): same index, other
    text. Columns, names, uniqueness and the values in a predicate are all still compared."""
    return re.sub(r"[()\s]", "", re.sub(r"::[a-z ]+(\[\])?", "", definition))


def schema() -> list[tuple[object, ...]]:
    """Every index and constraint definition of the tables the loader writes (PostgreSQL)."""
    tables = [MODELS[key]._meta.db_table for key in TABLES]
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes "
                       "WHERE tablename = ANY(%s) ORDER BY 1, 2", [tables])
        indexes = [(table, name, _same_meaning(definition)) for table, name, definition in cursor.fetchall()]
        cursor.execute("SELECT conrelid::regclass::text, conname, contype, condeferrable, "
                       "condeferred, convalidated, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid::regclass::text = ANY(%s) ORDER BY 1, 2", [tables])
        return [*indexes, *cursor.fetchall()]


def needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("bulk mode is PostgreSQL only (DATABASE_URL=postgres://... to run)")


def test_generation_in_a_child_process_gives_the_same_rows() -> None:
    kwargs: dict[str, Any] = {"spec": SMALL, "seed": 3, "years": 1, "end_date": END,
                              "force_id": 1, "id_bases": dict.fromkeys(TABLES, 1)}
    generator = ForceGenerator(**kwargs)
    expected = list(generator.rows())
    stream = _Generation(**kwargs)
    assert list(stream) == expected
    assert stream.last_ids == generator.last_ids
    assert stream.counts == generator.counts


def test_a_generator_error_in_the_child_is_raised_in_the_parent() -> None:
    stream = _Generation(spec=SMALL, seed=3, years=1, end_date=END, force_id=1, id_bases={})
    with pytest.raises(SynthError, match="KeyError"):
        list(stream)


@pytest.mark.django_db
def test_synth_load_refreshes_statistics_and_reports_every_force() -> None:
    seen: list[str] = []
    summary = synth_load(specs=[SMALL, OTHER], seed=1, years=1, end_date=END,
                         on_force=lambda r: seen.append(r.code))
    assert seen == ["TST", "OTR"]
    assert summary.total_rows == sum(r.total_rows for r in summary.results)
    assert summary.rows()["case"] == Case.objects.count()
    assert summary.bulk == (connection.vendor == "postgresql")
    assert all(report.first_break is None for report in audit_verify())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'cases_case'")
            assert cursor.fetchone()[0] == Case.objects.count()
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases_case'")
            assert cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_bulk_mode_restores_the_schema_and_loads_what_per_force_loads() -> None:
    needs_postgres()
    before = schema()
    digests = []
    for bulk in (True, False):
        with transaction.atomic():
            summary = synth_load(specs=[SMALL, OTHER], seed=2, years=1, end_date=END, bulk=bulk)
            assert summary.bulk is bulk
            assert schema() == before
            digests.append((content_digest("TST"), content_digest("OTR")))
            transaction.set_rollback(True)
    assert digests[0] == digests[1]


@pytest.mark.django_db
def test_bulk_mode_only_for_empty_tables() -> None:
    first = synth_load(specs=[SMALL], seed=1, years=1, end_date=END)
    second = synth_load(specs=[OTHER], seed=1, years=1, end_date=END)
    assert not second.bulk
    assert first.bulk == (connection.vendor == "postgresql")
    with pytest.raises(SynthError, match="Bulk mode needs"):
        synth_load(specs=[ForceSpec(code="THR", name="Third", officers=50)], seed=1, years=1,
                   end_date=END, bulk=True)


@pytest.mark.django_db
def test_bulk_mode_rolls_everything_back_when_a_key_fails(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """A row that breaks a foreign key is found when the keys are re-added; the whole load,
    the dropped indexes and constraints included, is rolled back."""
    needs_postgres()
    before_schema, before_counts = schema(), counts()
    real = services._load_force

    def load_then_break(**kwargs: Any) -> services.LoadResult:
        result = real(**kwargs)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE cases_allegation SET case_id = -1 WHERE id = "
                           "(SELECT max(id) FROM cases_allegation)")
        return result

    monkeypatch.setattr(services, "_load_force", load_then_break)
    with pytest.raises(IntegrityError):
        synth_load(specs=[SMALL, OTHER], seed=1, years=1, end_date=END)
    assert schema() == before_schema
    assert counts() == before_counts
