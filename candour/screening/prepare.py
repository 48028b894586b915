"""Read a workforce or extract file and standardise it for linkage, in DuckDB.

Inputs are CSV or Parquet with the columns in :data:`REQUIRED` and, when available, those in
:data:`OPTIONAL` (``docs/screening.md``). Anything else is carried through untouched but not
used. Reading checks the file and its columns and raises :class:`InputError` with a one-line
reason, before any output is written.

Standardisation adds, per record:

=============== ===========================================================================
``fn``          first word of the forename, clean (:func:`candour.screening.names.clean_name`)
``fn_canon``    its canonical form through nicknames and transliterations ("bill" -> "william")
``fn_sdx``      Soundex of ``fn_canon``
``sn``          clean surname ("O'Brien-Smith" -> "obriensmith")
``sn_canon``    its canonical form through transliterations ("chaudhary" -> "chaudhry")
``sn_sdx``      Soundex of ``sn_canon``
``snf_canon``   the surname field read as a forename ("MICK" -> "michael"), to see swapped names;
                ``snf_sdx`` its Soundex, and ``fns_sdx`` the Soundex of the forename field read as
                a surname
``fn_init``     first letter of ``fn_canon``; ``sn_init`` of ``sn_canon`` (cheap blocking filters)
``dob``         date of birth as a DATE (ISO, DD/MM/YYYY or YYYYMMDD text accepted)
``dob_swapped`` the date with day and month exchanged, when that is a different valid date
``pc``          postcode, upper case without spaces; ``pc_sector`` and ``pc_district`` when
                it has the UK shape (outward code + digit + two letters), else the postcode
                itself (a foreign postcode agrees exactly or not at all)
``addr``        address in lower case without commas; ``town`` likewise
=============== ===========================================================================

Name keys are computed in Python over the *distinct* raw names only and joined back, so the
work grows with the number of different names, not of records.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from candour.screening.names import forename_keys, spelling_corrections, surname_keys

REQUIRED = ("record_id", "first_name", "surname", "date_of_birth")
OPTIONAL = ("postcode", "address", "town")
FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


class InputError(ValueError):
    """An input file that cannot be screened: the message is one line for the user."""


def quoted(path: Path | str) -> str:
    """A file path as a SQL string literal (quotes doubled): paths come from users."""
    return "'" + str(path).replace("'", "''") + "'"


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unsupported format {path.suffix or '(no suffix)'}; use .csv or .parquet")
    return fmt


def load(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> int:
    """Load ``path`` into table ``table`` with every screening column as text; return the row count."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt = file_format(path)
    reader = (f"read_csv({quoted(path)}, all_varchar = true, header = true)" if fmt == "csv"
              else f"read_parquet({quoted(path)})")
    try:
        columns = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()]
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(f"{path}: cannot read as {fmt}: {first_line}") from None
    by_lower = {c.lower(): c for c in columns}
    missing = [c for c in REQUIRED if c not in by_lower]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)} (found: {', '.join(columns)})")
    select = []
    for name in (*REQUIRED, *OPTIONAL):
        source = by_lower.get(name)
        select.append(f'CAST("{source}" AS VARCHAR) AS {name}' if source else f"CAST(NULL AS VARCHAR) AS {name}")
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT {', '.join(select)} FROM {reader}")
    count, blank, duplicates = con.execute(
        f"SELECT count(*), count(*) - count(record_id), count(record_id) - count(DISTINCT record_id) FROM {table}"
    ).fetchall()[0]
    if count == 0:
        raise InputError(f"{path}: no records")
    if blank:
        raise InputError(f"{path}: {blank} record(s) without a record_id")
    if duplicates:
        raise InputError(f"{path}: record_id is not unique ({duplicates} repeated)")
    return int(count)


def name_keys(con: duckdb.DuckDBPyConnection, sources: list[str]) -> tuple[pa.Table, pa.Table]:
    """Key tables (raw value -> clean, canonical, phonetic) for the forenames and surnames of ``sources``.

    Counted over all sources together, so that a misspelt nickname in the extract can be
    corrected towards a spelling that is common in either file.
    """
    union = " UNION ALL ".join(f"SELECT first_name, surname FROM {s}" for s in sources)
    fore_counts = con.execute(
        f"SELECT first_name, count(*) FROM ({union}) WHERE first_name IS NOT NULL GROUP BY 1").fetchall()
    surnames = [r[0] for r in con.execute(
        f"SELECT DISTINCT surname FROM ({union}) WHERE surname IS NOT NULL").fetchall()]
    clean_counts: dict[str, int] = {}
    for raw, count in fore_counts:
        clean = forename_keys(raw).clean
        if clean:
            clean_counts[clean] = clean_counts.get(clean, 0) + int(count)
    corrections = spelling_corrections(clean_counts)
    forenames = [raw for raw, _ in fore_counts]
    fn_rows = [forename_keys(v, corrections) for v in forenames]
    sn_rows = [surname_keys(v) for v in surnames]
    snf_rows = [forename_keys(v, corrections) for v in surnames]
    text = pa.string()
    fn_table = pa.table({
        "raw": pa.array(forenames, type=text),
        "fn": pa.array([r.clean for r in fn_rows], type=text),
        "fn_canon": pa.array([r.canonical for r in fn_rows], type=text),
        "fn_sdx": pa.array([r.phonetic for r in fn_rows], type=text),
        "fns_sdx": pa.array([surname_keys(v).phonetic for v in forenames], type=text),
    })
    sn_table = pa.table({
        "raw": pa.array(surnames, type=text),
        "sn": pa.array([r.clean for r in sn_rows], type=text),
        "sn_canon": pa.array([r.canonical for r in sn_rows], type=text),
        "sn_sdx": pa.array([r.phonetic for r in sn_rows], type=text),
        "snf_canon": pa.array([r.canonical for r in snf_rows], type=text),
        "snf_sdx": pa.array([r.phonetic for r in snf_rows], type=text),
    })
    return fn_table, sn_table


DOB_SQL = """coalesce(
    try_cast(date_of_birth AS DATE),
    try_strptime(date_of_birth, '%d/%m/%Y')::DATE,
    try_strptime(date_of_birth, '%Y%m%d')::DATE)"""


def standardise(con: duckdb.DuckDBPyConnection, tables: dict[str, str],
                keys: tuple[str, str] | None = None) -> None:
    """For each ``source: target`` in ``tables``, create ``target`` with the derived columns above.

    ``keys`` names two tables made by :func:`name_keys` (forenames, surnames); without it
    they are computed from the sources.
    """
    if keys is None:
        fn_keys, sn_keys = name_keys(con, list(tables))
        con.register("__fn_keys", fn_keys)
        con.register("__sn_keys", sn_keys)
        try:
            for source, target in tables.items():
                _standardise_one(con, source, target, "__fn_keys", "__sn_keys")
        finally:
            con.unregister("__fn_keys")
            con.unregister("__sn_keys")
        return
    for source, target in tables.items():
        _standardise_one(con, source, target, *keys)


def _text(column: str) -> str:
    """Lower case without commas; the comparisons tolerate the rest (Jaro-Winkler levels).

    Plain functions, not a regular expression: over two million addresses a regular
    expression costs more than the rest of the row."""
    return f"nullif(trim(replace(lower({column}), ',', '')), '')"


def _standardise_one(con: duckdb.DuckDBPyConnection, source: str, target: str, fn_keys: str, sn_keys: str) -> None:
    con.execute(f"""
        CREATE OR REPLACE TABLE {target} AS
        WITH base AS (
            SELECT s.record_id AS uid, f.fn, f.fn_canon, f.fn_sdx, f.fns_sdx, n.sn, n.sn_canon, n.sn_sdx,
                   n.snf_canon, n.snf_sdx,
                   {DOB_SQL} AS parsed,
                   nullif(replace(upper(s.postcode), ' ', ''), '') AS pc,
                   {_text("s.address")} AS addr,
                   {_text("s.town")} AS town
            FROM {source} s
            LEFT JOIN {fn_keys} f ON f.raw = s.first_name
            LEFT JOIN {sn_keys} n ON n.raw = s.surname
        )
        SELECT uid, fn, fn_canon, fn_sdx, fns_sdx, sn, sn_canon, sn_sdx, snf_canon, snf_sdx,
               left(fn_canon, 1) AS fn_init, left(sn_canon, 1) AS sn_init,
               CASE WHEN year(parsed) BETWEEN 1900 AND 2100 THEN parsed END AS dob,
               CASE WHEN year(parsed) BETWEEN 1900 AND 2100 AND day(parsed) <= 12
                         AND day(parsed) <> month(parsed)
                    THEN make_date(year(parsed), day(parsed), month(parsed)) END AS dob_swapped,
               pc,
               CASE WHEN regexp_matches(pc, '^[A-Z]{{1,2}}[0-9][A-Z0-9]?[0-9][A-Z]{{2}}$')
                    THEN left(pc, length(pc) - 2) ELSE pc END AS pc_sector,
               CASE WHEN regexp_matches(pc, '^[A-Z]{{1,2}}[0-9][A-Z0-9]?[0-9][A-Z]{{2}}$')
                    THEN left(pc, length(pc) - 3) ELSE pc END AS pc_district,
               addr, town
        FROM base
    """)
