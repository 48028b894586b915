"""Loading synthetic forces: one transaction and one audit event per force, bulk inserts only.

Why not the ordinary services (``case_open`` and friends)? They write one audit event and
several queries per row, which is right for a caseworker and hopeless for 1.5 million
allegations. The synthetic load is one auditable act, so it writes *one*
``synthetic_force_loaded`` event per force (chain = the force code) carrying the counts.

How rows go in:

* PostgreSQL: ``COPY ... FROM STDIN`` through psycopg 3. The tables are locked against
  other inserts (``SHARE ROW EXCLUSIVE``, which ordinary inserts wait for *before* they draw
  an id), the next id of each sequence is taken as the base of a block, the generator writes
  absolute ids, and the sequence is moved past the block with ``setval`` at the end.
* SQLite: ``executemany`` on the raw connection inside Django's ``BEGIN IMMEDIATE``
  transaction, which already excludes other writers; the base is one past the highest id
  ever issued (``sqlite_sequence``), and AUTOINCREMENT moves on by itself.

Foreign keys are deferred to commit on both databases (Django creates them
``DEFERRABLE INITIALLY DEFERRED``), which lets the generator emit cases before officers.
``ReferenceSequence`` is left at the last number used per force and year, so cases opened
later through ``candour.cases.services.case_open`` continue the numbering.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, models, transaction

from candour.accounts.models import Force, Unit
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.models import Allegation, Case, ReferenceSequence, Subject, TimelineEvent
from candour.people.models import MemberOfPublic, Officer, ProtectedCharacteristics, StaffMember
from candour.synth.forces import ForceSpec
from candour.synth.generate import FIELDS, TABLES, ForceGenerator, Row

GENERATOR_VERSION = 1

MODELS: dict[str, type[models.Model]] = {
    "unit": Unit,
    "officer": Officer,
    "staff": StaffMember,
    "pc": ProtectedCharacteristics,
    "mop": MemberOfPublic,
    "case": Case,
    "allegation": Allegation,
    "subject": Subject,
    "timeline": TimelineEvent,
}


class SynthError(Exception):
    """The load was refused; nothing was written."""


@dataclass
class LoadResult:
    code: str
    name: str
    rows: dict[str, int]
    seconds: float
    reference_numbers: dict[int, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    defaults: tuple[Any, ...]


def _table(key: str) -> _Table:
    """Columns for ``key`` from the model, so a renamed column fails loudly here. Fields the
    generator does not know (added later) get their default, or an error if they have none."""
    model = MODELS[key]
    opts = model._meta
    by_attname = {f.attname: f for f in opts.concrete_fields}
    columns = [str(by_attname[name].column) for name in FIELDS[key]]
    extra_columns: list[str] = []
    defaults: list[Any] = []
    for f in opts.concrete_fields:
        if f.column is None or f.column in columns:
            continue
        if f.null:
            value = None
        elif f.has_default() and isinstance(f.get_default(), str | int | float):
            value = f.get_default()
        else:
            raise SynthError(f"{opts.label}.{f.name} has no default: teach candour.synth about it")
        extra_columns.append(f.column)
        defaults.append(value)
    return _Table(opts.db_table, tuple(columns + extra_columns), tuple(defaults))


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _reserve_ids() -> dict[str, int]:
    """First id of each table's block; the caller holds the transaction."""
    bases: dict[str, int] = {}
    with connection.cursor() as cursor:
        for key in TABLES:
            table = MODELS[key]._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute(f"LOCK TABLE {_quote(table)} IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
                bases[key] = int(cursor.fetchone()[0])
            else:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_quote(table)}")  # noqa: S608
                highest = int(cursor.fetchone()[0])
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                bases[key] = max(highest, int(row[0]) if row else 0) + 1
    return bases


def _release_ids(bases: dict[str, int], last: dict[str, int]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in TABLES:
            table = MODELS[key]._meta.db_table
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                           [table, max(last[key], bases[key])])


class _Writer:
    """Writes generated rows with COPY (PostgreSQL) or executemany (SQLite)."""

    def __init__(self) -> None:
        self.tables = {key: _table(key) for key in TABLES}
        connection.ensure_connection()

    def write(self, key: str, rows: list[Row]) -> None:
        if not rows:
            return
        spec = self.tables[key]
        data: Iterable[Row] = rows if not spec.defaults else (r + spec.defaults for r in rows)
        columns = ", ".join(_quote(c) for c in spec.columns)
        if connection.vendor == "postgresql":
            sql = f"COPY {_quote(spec.name)} ({columns}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in data:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in spec.columns)
            raw = connection.connection
            assert raw is not None
            sql = f"INSERT INTO {_quote(spec.name)} ({columns}) VALUES ({marks})"  # noqa: S608
            raw.executemany(sql, data)


def synth_check_free(*, specs: list[ForceSpec]) -> None:
    """Refuse before writing anything if any force code or name is taken."""
    codes = [s.code for s in specs]
    if len(set(codes)) != len(codes):
        raise SynthError("The same force code is listed twice")
    taken = Force.objects.filter(models.Q(code__in=codes)
                                 | models.Q(name__in=[s.name for s in specs]))
    if taken.exists():
        listed = ", ".join(f"{f.code} ({f.name})" for f in taken.order_by("code"))
        raise SynthError(f"Force already exists: {listed}. Nothing was written; synthetic forces "
                         "are loaded once (use a fresh database or another --force code).")


def synth_force_load(*, spec: ForceSpec, seed: int, years: int, end_date: date,
                     actor: Actor | None = None) -> LoadResult:
    """Generate and load one force in one transaction, with one audit event."""
    if years < 1:
        raise SynthError("--years must be at least 1")
    if spec.officers < 10:
        raise SynthError("A force needs at least 10 officers")
    synth_check_free(specs=[spec])
    started = time.perf_counter()
    actor = actor or Actor.system("synth")
    with transaction.atomic():
        force = Force.objects.create(code=spec.code, name=spec.name, region=spec.region)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL TIME ZONE 'UTC'")  # generated times are naive UTC
        bases = _reserve_ids()
        generator = ForceGenerator(spec=spec, seed=seed, years=years, end_date=end_date,
                                   force_id=force.pk, id_bases=bases)
        writer = _Writer()
        for key, rows in generator.rows():
            writer.write(key, rows)
        _release_ids(bases, generator.last_ids)
        numbers = generator.counts.reference_numbers
        ReferenceSequence.objects.bulk_create(
            [ReferenceSequence(force=force, year=year, last_number=last)
             for year, last in sorted(numbers.items())])
        counts = dict(generator.counts.rows)
        audit_record(actor=actor, action=AuditVerb.SYNTHETIC_FORCE_LOADED, object_type="force",
                     object_id=spec.code, chain=spec.code,
                     after={"name": spec.name, "seed": seed, "years": years,
                            "end_date": end_date, "officers_serving": spec.officers,
                            "generator_version": GENERATOR_VERSION, "rows": counts,
                            "reference_numbers": {str(y): n for y, n in sorted(numbers.items())}})
    return LoadResult(code=spec.code, name=spec.name, rows=counts,
                      seconds=time.perf_counter() - started, reference_numbers=dict(numbers))
