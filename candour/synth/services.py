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

Every force, and several at once (``synth_load``, used by ``candour synth``):

* Generation overlaps the writes: each force's generator runs in a forked child process one
  chunk ahead of the parent, which copies the previous chunk (see ``_Generation``). A thread
  would not do: the generator is pure Python and holds the GIL (measured: slower).
* *Bulk mode* (PostgreSQL, and only when every table the generator writes is empty, as in a
  fresh database): all forces go in ONE transaction that first drops the secondary indexes,
  unique constraints and foreign keys of those tables (their exact definitions are read
  from the catalogue), loads every force, then rebuilds the indexes, runs ``ANALYZE`` and
  re-adds the constraints, which validates each one with a single set-based query instead
  of one deferred trigger check per row. DDL is transactional in PostgreSQL, so a failure
  anywhere, including a violated constraint, rolls everything back; the primary keys and
  check constraints stay in place throughout. The tables are locked ``ACCESS EXCLUSIVE``
  for the length of the load, which is why this is kept to empty tables. A load into
  tables that already hold data keeps one transaction per force with the indexes in place.
* Afterwards the statistics are refreshed (``VACUUM (ANALYZE)`` when not inside an outer
  transaction, else ``ANALYZE``), so queries plan well at once, with autovacuum on or off.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection
from typing import Any

from django.db import connection, models, transaction

from candour.accounts.models import Force, Unit
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.models import Allegation, Case, ReferenceSequence, Subject, TimelineEvent
from candour.cases.services import case_clocks_refresh
from candour.people.models import MemberOfPublic, Officer, ProtectedCharacteristics, StaffMember
from candour.synth.forces import ForceSpec
from candour.synth.generate import FIELDS, TABLES, Counts, ForceGenerator, Row

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
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_quote(table)}")  # noqa: S608  # nosec B608 # table names are the models' own, quoted
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
            sql = f"INSERT INTO {_quote(spec.name)} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608 # table and column names are the models' own, quoted
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
    _check_spec(spec, years)
    synth_check_free(specs=[spec])
    with transaction.atomic():
        return _load_force(spec=spec, seed=seed, years=years, end_date=end_date,
                           actor=actor or Actor.system("synth"))


@dataclass
class LoadSummary:
    """What ``synth_load`` did: per-force results and where the time went."""

    results: list[LoadResult]
    seconds: float
    bulk: bool
    index_seconds: float = 0.0  # bulk mode: rebuilding indexes, ANALYZE, validating keys
    statistics_seconds: float = 0.0  # VACUUM (ANALYZE) or ANALYZE after the commit
    clock_seconds: float = 0.0  # the open cases' cached clocks, computed after the commit
    open_cases: int = 0

    @property
    def total_rows(self) -> int:
        return sum(r.total_rows for r in self.results)

    def rows(self) -> dict[str, int]:
        totals = dict.fromkeys(TABLES, 0)
        for result in self.results:
            for key, n in result.rows.items():
                totals[key] += n
        return totals


def synth_load(*, specs: list[ForceSpec], seed: int, years: int, end_date: date,
               actor: Actor | None = None, bulk: bool | None = None,
               on_force: Callable[[LoadResult], None] | None = None, clocks: bool = True) -> LoadSummary:
    """Load ``specs`` (one or more forces), refresh the planner statistics, then (unless
    ``clocks=False``) compute the open cases' cached clocks.

    ``bulk=None`` chooses bulk mode when the database is PostgreSQL and every table the
    generator writes is empty (see the module docstring); ``True`` insists on it (refused
    otherwise), ``False`` forbids it. ``on_force`` is called after each force is written
    (in bulk mode before the commit)."""
    for spec in specs:
        _check_spec(spec, years)
    synth_check_free(specs=specs)
    if bulk is None:
        bulk = connection.vendor == "postgresql" and _tables_empty()
    elif bulk and (connection.vendor != "postgresql" or not _tables_empty()):
        raise SynthError("Bulk mode needs PostgreSQL and empty tables")
    actor = actor or Actor.system("synth")
    started = time.perf_counter()
    results: list[LoadResult] = []
    index_seconds = 0.0
    if bulk:
        with transaction.atomic():
            with _DeferredIndexes() as timing:
                for spec in specs:
                    results.append(_load_force(spec=spec, seed=seed, years=years,
                                               end_date=end_date, actor=actor))
                    if on_force:
                        on_force(results[-1])
            index_seconds = timing["seconds"]
    else:
        for spec in specs:
            with transaction.atomic():
                results.append(_load_force(spec=spec, seed=seed, years=years,
                                           end_date=end_date, actor=actor))
            if on_force:
                on_force(results[-1])
    t0 = time.perf_counter()
    refresh_statistics()
    statistics_seconds = time.perf_counter() - t0
    # The bulk rows carry no cached clocks: compute them as `candour casework clocks` would, so
    # the queues and the home page are right as loaded and the nightly job finds nothing to change.
    t0 = time.perf_counter()
    open_cases = case_clocks_refresh(force_codes=[r.code for r in results]).total if clocks else 0
    return LoadSummary(results=results, seconds=time.perf_counter() - started, bulk=bulk,
                       index_seconds=index_seconds, statistics_seconds=statistics_seconds,
                       clock_seconds=time.perf_counter() - t0, open_cases=open_cases)


def refresh_statistics() -> None:
    """Planner statistics for every table the load wrote: ``VACUUM (ANALYZE)`` in autocommit
    (which also sets the visibility map, so index-only scans work at once), else ``ANALYZE``
    inside the caller's transaction. SQLite gets ``ANALYZE`` too."""
    tables = [Force._meta.db_table, ReferenceSequence._meta.db_table,
              *(MODELS[key]._meta.db_table for key in TABLES)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{verb} {', '.join(_quote(t) for t in tables)}")
        else:
            for table in tables:
                cursor.execute(f"ANALYZE {_quote(table)}")


def _check_spec(spec: ForceSpec, years: int) -> None:
    if years < 1:
        raise SynthError("--years must be at least 1")
    if spec.officers < 10:
        raise SynthError("A force needs at least 10 officers")


def _load_force(*, spec: ForceSpec, seed: int, years: int, end_date: date,
                actor: Actor) -> LoadResult:
    """One force inside the caller's transaction: rows, sequences, one audit event."""
    started = time.perf_counter()
    force = Force.objects.create(code=spec.code, name=spec.name, region=spec.region)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL TIME ZONE 'UTC'")  # generated times are naive UTC
    bases = _reserve_ids()
    generator = _Generation(spec=spec, seed=seed, years=years, end_date=end_date,
                            force_id=force.pk, id_bases=bases)
    writer = _Writer()
    for key, rows in generator:
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


class _Generation:
    """The rows of one force, generated in a forked child process and streamed back.

    Python generation is the larger half of the load's CPU time, and the main process
    spends most of the rest writing rows and waiting for PostgreSQL; with the generator in
    a child, the two overlap on two cores. The child runs the very same
    ``ForceGenerator.rows()`` and sends each chunk down a pipe as it is made, so the rows and
    their order are exactly those of an in-process run; a pipe send blocks until the parent
    has taken the previous chunk, so the child is never more than one chunk ahead and memory
    stays flat. The child only generates: it never touches the database connection it
    inherits, and leaves through ``os._exit`` (multiprocessing's default), which closes
    nothing. Without ``fork`` (not Linux) the generator runs in process."""

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.last_ids: dict[str, int] = {}
        self.counts = Counts()

    def __iter__(self) -> Iterator[tuple[str, list[Row]]]:
        if "fork" not in multiprocessing.get_all_start_methods():
            generator = ForceGenerator(**self.kwargs)
            yield from generator.rows()
            self.last_ids, self.counts = generator.last_ids, generator.counts
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_generate_into, args=(sender, self.kwargs),
                                name="synth-generator", daemon=True)
        child.start()
        sender.close()
        try:
            while True:
                try:
                    message = receiver.recv()
                except EOFError:
                    raise SynthError("The generator process stopped without finishing") from None
                if message[0] == "rows":
                    yield message[1], message[2]
                elif message[0] == "done":
                    self.last_ids, self.counts = message[1], message[2]
                    return
                else:
                    raise SynthError(f"The generator failed:\n{message[1]}")
        finally:
            receiver.close()
            if child.is_alive():  # the consumer stopped early (an error while writing)
                child.terminate()
            child.join()


def _generate_into(sender: Connection, kwargs: dict[str, Any]) -> None:
    """The child's side of :class:`_Generation`."""
    try:
        generator = ForceGenerator(**kwargs)
        for key, rows in generator.rows():
            sender.send(("rows", key, rows))
        sender.send(("done", generator.last_ids, generator.counts))
    except BaseException:  # reported to the parent, which raises it
        sender.send(("error", traceback.format_exc()))
    finally:
        sender.close()


def _tables_empty() -> bool:
    with connection.cursor() as cursor:
        for key in TABLES:
            cursor.execute(f"SELECT 1 FROM {_quote(MODELS[key]._meta.db_table)} LIMIT 1")  # noqa: S608  # nosec B608 # table names are the models' own, quoted
            if cursor.fetchone() is not None:
                return False
    return True


class _DeferredIndexes:
    """Bulk mode, inside the caller's transaction (PostgreSQL): lock the tables, drop their
    secondary indexes, unique constraints and foreign keys; on the way out rebuild them from
    the definitions read here, ``ANALYZE``, and re-add the foreign keys (each validated by one
    query). Primary keys, check constraints and NOT NULL stay. Anything that another table's
    foreign key depends on is left alone. Times the rebuild in ``["seconds"]``."""

    def __init__(self) -> None:
        self.timing: dict[str, float] = {"seconds": 0.0}
        self.tables = [MODELS[key]._meta.db_table for key in TABLES]
        self.constraints: list[tuple[str, str, str, str]] = []
        self.indexes: list[tuple[str, str]] = []

    def __enter__(self) -> dict[str, float]:
        assert connection.in_atomic_block and connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"LOCK TABLE {_quote(table)} IN ACCESS EXCLUSIVE MODE")
            # Foreign keys and unique constraints of the tables, except a unique constraint
            # whose index some foreign key points at.
            cursor.execute("""
                SELECT c.conrelid::regclass::text, c.conname, c.contype,
                       pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.conrelid::regclass::text = ANY(%s) AND c.contype IN ('f', 'u')
                  AND NOT (c.contype = 'u' AND EXISTS (
                      SELECT 1 FROM pg_constraint f
                      WHERE f.contype = 'f' AND f.conindid = c.conindid))
                ORDER BY c.contype, 1, 2""", [self.tables])
            self.constraints = [(str(t), str(n), str(k), str(d)) for t, n, k, d in cursor.fetchall()]
            # Indexes that back no constraint (primary key, unique, or a foreign key's target).
            cursor.execute("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                ORDER BY 1""", [self.tables])
            self.indexes = [(str(n), str(d)) for n, d in cursor.fetchall()]
            for table, name, _kind, _definition in self.constraints:  # 'f' before 'u'
                cursor.execute(f"ALTER TABLE {_quote(table)} DROP CONSTRAINT {_quote(name)}")
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
        return self.timing

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            return  # the transaction rolls back, and the DDL with it
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SET LOCAL work_mem = '256MB'")  # the validating joins hash in memory
            for _name, definition in self.indexes:
                cursor.execute(definition)
            for table, name, kind, definition in self.constraints:
                if kind == "u":
                    cursor.execute(f"ALTER TABLE {_quote(table)} ADD CONSTRAINT {_quote(name)} "
                                   f"{definition}")
            # Statistics first, so the validating joins below plan as hash or merge joins.
            cursor.execute(f"ANALYZE {', '.join(_quote(t) for t in self.tables)}")
            for table, name, kind, definition in self.constraints:
                if kind == "f":
                    cursor.execute(f"ALTER TABLE {_quote(table)} ADD CONSTRAINT {_quote(name)} "
                                   f"{definition}")
        self.timing["seconds"] = time.perf_counter() - started
