"""Run a screening from two files to a candidates file, in full or for changed records only.

The steps, each timed in :class:`ScreenResult`:

1. **load** both files into an in-process DuckDB, checking columns (``prepare``);
2. **standardise** names, dates and postcodes (``prepare``, ``names``);
3. **train** the model without labels (``linkage.train``), or reuse the one saved in the
   state directory;
4. **block and score** candidate pairs with Splink on DuckDB, or on Apache Spark;
5. **explain** every candidate at or above the review threshold (``explain``) and write
   them, best first, as Parquet or CSV.

With a state directory, a run keeps the trained model, the name keys, a content hash of
every record and the candidates. The next run re-links only records whose content changed
(or that are new) against the whole of the other file, drops candidates of changed or
deleted records, and keeps the rest: a nightly extract with a few thousand changes costs
seconds instead of a full run. ``retrain`` starts again from scratch.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from candour.screening import explain as explaining
from candour.screening.linkage import (
    COMPARISONS,
    EXTRACT,
    MODEL_COLUMNS,
    PRIOR_M,
    SQL,
    TF_COLUMNS,
    WORKFORCE,
    ModelConfig,
    TrainingReport,
    build_settings,
    choose_blocking,
    quiet_splink,
    train,
)
from candour.screening.prepare import (
    OPTIONAL,
    REQUIRED,
    InputError,
    file_format,
    load,
    name_keys,
    quoted,
    standardise,
)

ENGINES = ("duckdb", "spark")
STATE_VERSION = 3
SPARK_MISSING = "--engine spark needs pyspark (uv sync installs it, in the spark group) and Java 17"
JAVA_MISSING = ("--engine spark needs Java 17, and no java was found on PATH or in JAVA_HOME: "
                "install it with 'apt-get install openjdk-17-jre-headless'")
# Spark's own logging: errors only (no WARN lines at start-up), and no stage progress bars.
LOG4J2 = """rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
"""
SHOWN = {  # comparison -> input columns shown beside it in explanations
    "forename": "first_name", "surname": "surname", "date_of_birth": "date_of_birth", "address": "postcode",
    "town": "town",
}


class EngineError(RuntimeError):
    """The chosen engine cannot run here (for example Spark without pyspark)."""


@dataclass(frozen=True)
class ScreenOptions:
    threshold: float = ModelConfig().threshold
    engine: str = "duckdb"
    state: Path | None = None
    retrain: bool = False
    memory_limit: str = "3GB"
    threads: int = 2
    model: ModelConfig = field(default_factory=ModelConfig)


@dataclass
class ScreenResult:
    mode: str
    engine: str
    threshold: float
    workforce_records: int
    extract_records: int
    relinked_workforce: int
    relinked_extract: int
    removed_records: int
    pairs_scored: int
    candidates: int
    trained: bool
    training_extract_records: int = 0
    training_fallbacks: list[str] = field(default_factory=list)
    blocking_rules: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["seconds"] = {k: round(v, 3) for k, v in self.seconds.items()}
        return out


def validate(out: Path, options: ScreenOptions) -> str:
    """Check the output path and options before any work; return the output format."""
    fmt = file_format(out)
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: output directory does not exist")
    if not 0.0 < options.threshold < 1.0:
        raise InputError(f"threshold {options.threshold} must be a probability between 0 and 1")
    if options.engine not in ENGINES:
        raise InputError(f"unknown engine {options.engine!r}; use {' or '.join(ENGINES)}")
    if options.engine == "spark":
        if importlib.util.find_spec("pyspark") is None:
            raise EngineError(SPARK_MISSING)
        if java() is None:
            raise EngineError(JAVA_MISSING)
    return fmt


def java() -> str | None:
    """The java that Spark would start: ``$JAVA_HOME/bin/java``, else ``java`` on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.is_file() and os.access(candidate, os.X_OK) else None
    return shutil.which("java")


def connect(options: ScreenOptions, temp: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET threads = {int(options.threads)}")
    con.execute("SET memory_limit = ?", [options.memory_limit])
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET temp_directory = ?", [str(temp)])
    return con


# --- state ------------------------------------------------------------------------------

@dataclass
class State:
    """What a previous run left in the state directory."""

    directory: Path
    meta: dict[str, Any]
    model: dict[str, Any]

    FILES = ("run.json", "model.json", "records.parquet", "candidates.parquet", "forenames.parquet",
             "surnames.parquet", *(f"tf_{c}.parquet" for c in TF_COLUMNS))

    @classmethod
    def read(cls, directory: Path | None) -> State | None:
        if directory is None or not all((directory / f).is_file() for f in cls.FILES):
            return None
        meta = json.loads((directory / "run.json").read_text(encoding="utf-8"))
        if meta.get("version") != STATE_VERSION:
            return None
        model = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        return cls(directory, meta, model)


def usable_state(state: State | None, options: ScreenOptions) -> State | None:
    """The previous run's state if this run can build on it, else ``None`` (a full run).

    ``retrain`` asks for a full run; a different threshold changes which candidates exist,
    so it needs one too.
    """
    if state is None or options.retrain or state.meta.get("threshold") != options.threshold:
        return None
    return state


def _hash_sql(table: str) -> str:
    """Each record's content hash: a change to any screened column changes it.

    DuckDB's 64-bit ``hash`` is cheap; if a DuckDB upgrade changed it, every record would
    merely count as changed once (a full re-link with the saved model).
    """
    columns = ", ".join((*REQUIRED[1:], *OPTIONAL))
    return f"SELECT record_id, hash({columns}) AS hash FROM {table}"


# --- engines ----------------------------------------------------------------------------

class _Engine:
    """Where Splink runs: registers the standardised tables and returns predictions to DuckDB."""

    dialect = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection, temp: Path) -> None:
        self.con = con
        self.temp = temp

    def db_api(self) -> Any:
        from splink import DuckDBAPI  # lazy: splink is slow to import (0.4 s here) and only a run needs it

        return DuckDBAPI(connection=self.con)

    def register(self, db_api: Any, table: str, name: str) -> Any:
        return db_api.register(table, dataset_display_name=name)

    def fetch(self, splink_df: Any, target: str) -> None:
        """Copy a Splink result into the DuckDB table ``target``."""
        self.con.execute(f"CREATE OR REPLACE TABLE {target} AS SELECT * FROM {splink_df.physical_name}")

    def close(self) -> None:
        return None


class _SparkEngine(_Engine):
    """Splink's Spark backend, in local mode unless a Spark session is already configured.

    Standardisation stays in DuckDB (it streams and spills); the standardised tables go to
    Spark as Parquet, and the scored pairs come back the same way.
    """

    dialect = "spark"

    def __init__(self, con: duckdb.DuckDBPyConnection, temp: Path, threads: int) -> None:
        super().__init__(con, temp)
        try:
            from pyspark.sql import SparkSession  # lazy: Spark is optional (the spark group)
        except ImportError:
            raise EngineError(SPARK_MISSING) from None
        from candour.screening.similarity import register_spark  # lazy: pyspark only for the Spark engine

        # Spark reads log4j2.properties from SPARK_CONF_DIR when its JVM starts; the Python
        # workers that run the Jaro-Winkler UDF must be this interpreter, which has candour.
        conf_dir = temp / "spark-conf"
        conf_dir.mkdir(exist_ok=True)
        log4j = conf_dir / "log4j2.properties"
        log4j.write_text(LOG4J2, encoding="utf-8")
        if not os.path.isdir(os.environ.get("SPARK_CONF_DIR", "")):  # unset, or an earlier run's temp
            os.environ["SPARK_CONF_DIR"] = str(conf_dir)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        quiet = f"-Dlog4j2.configurationFile=file:{log4j}"
        builder = (SparkSession.builder.appName("candour-screen").master(f"local[{max(1, threads)}]")
                   .config("spark.sql.shuffle.partitions", str(max(2, threads * 2)))
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.driver.extraJavaOptions", quiet)
                   .config("spark.local.dir", str(temp)))
        try:
            self.spark = builder.getOrCreate()
        except Exception as error:  # pyspark's PySparkRuntimeError (JAVA_GATEWAY_EXITED) and kin
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise EngineError(f"Spark did not start: {first} (is Java 17 installed? "
                              "'apt-get install openjdk-17-jre-headless')") from None
        self.spark.sparkContext.setLogLevel("ERROR")
        self.spark.sparkContext.setCheckpointDir(str(temp / "checkpoints"))
        register_spark(self.spark)

    def db_api(self) -> Any:
        from splink.backends.spark import SparkAPI  # lazy: Spark is optional (the spark group)

        # The comparisons need none of the UDFs in Splink's jar (their Jaro-Winkler is not DuckDB's).
        return SparkAPI(spark_session=self.spark, break_lineage_method="parquet", register_udfs_automatically=False)

    def register(self, db_api: Any, table: str, name: str) -> Any:
        path = self.temp / f"{name}.parquet"
        self.con.execute(f"COPY {table} TO {quoted(path)} (FORMAT parquet)")
        return db_api.register(self.spark.read.parquet(str(path)), dataset_display_name=name)

    def fetch(self, splink_df: Any, target: str) -> None:
        path = self.temp / f"{target}_spark"
        self.spark.table(splink_df.physical_name).write.mode("overwrite").parquet(str(path))
        files = quoted(path / "*.parquet")
        self.con.execute(f"CREATE OR REPLACE TABLE {target} AS SELECT * FROM read_parquet({files})")

    def close(self) -> None:
        self.spark.stop()


def _engine(options: ScreenOptions, con: duckdb.DuckDBPyConnection, temp: Path) -> _Engine:
    if options.engine == "spark":
        return _SparkEngine(con, temp, options.threads)
    return _Engine(con, temp)


# --- model parameters -------------------------------------------------------------------

def settings_with_parameters(engine: str, saved: dict[str, Any] | None,
                             blocking: dict[str, str] | None = None) -> dict[str, Any]:
    """Settings for ``engine`` with m, u and the prior copied from a saved model.

    The saved model may come from another engine: levels are matched by comparison name and
    label, so a model trained on DuckDB scores on Spark and the other way round.
    """
    settings = build_settings(engine, blocking).create_settings_dict(engine)
    if saved is None:  # untrained: start from the documented m probabilities
        for comparison in settings["comparisons"]:
            priors = PRIOR_M.get(comparison["output_column_name"], {})
            for level in comparison["comparison_levels"]:
                if level.get("label_for_charts") in priors and not level.get("fix_m_probability"):
                    level["m_probability"] = priors[level["label_for_charts"]]
        return settings
    settings["probability_two_random_records_match"] = saved["probability_two_random_records_match"]
    stored = {c["output_column_name"]: {lv.get("label_for_charts"): lv for lv in c["comparison_levels"]}
              for c in saved["comparisons"]}
    for comparison in settings["comparisons"]:
        levels = stored.get(comparison["output_column_name"], {})
        for level in comparison["comparison_levels"]:
            source = levels.get(level.get("label_for_charts"))
            if source is None or level.get("is_null_level"):
                continue
            for key in ("m_probability", "u_probability"):
                if key in source:
                    level[key] = source[key]
    return settings


def _dirty_rules(rules: dict[str, str]) -> dict[str, str]:
    """Blocking rules restricted to pairs with a changed record on either side."""
    return {name: f"(l._dirty OR r._dirty) AND ({rule})" for name, rule in rules.items()}


# --- the run ----------------------------------------------------------------------------

@contextmanager
def _timer(seconds: dict[str, float], name: str) -> Iterator[None]:
    """Wall-clock seconds under ``name`` and this process's CPU seconds under ``cpu_<name>``."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
        seconds[f"cpu_{name}"] = seconds.get(f"cpu_{name}", 0.0) + time.process_time() - cpu


def screen(workforce: Path, extract: Path, out: Path, options: ScreenOptions | None = None) -> ScreenResult:
    """Screen ``workforce`` against ``extract`` and write the candidates to ``out``.

    Raises :class:`InputError` for unusable input (nothing is written) and
    :class:`EngineError` when the engine cannot run.
    """
    options = options or ScreenOptions()
    fmt = validate(out, options)
    quiet_splink()
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="candour-screen-") as tmp:
        temp = Path(tmp)
        con = connect(options, temp)
        try:
            return _run(con, temp, workforce, extract, out, fmt, options, seconds)
        finally:
            con.close()


def _run(con: duckdb.DuckDBPyConnection, temp: Path, workforce: Path, extract: Path, out: Path, fmt: str,
         options: ScreenOptions, seconds: dict[str, float]) -> ScreenResult:
    started = time.perf_counter()
    with _timer(seconds, "load"):
        n_workforce = load(con, workforce, "raw_workforce")
        n_extract = load(con, extract, "raw_extract")
        con.execute(f"CREATE TABLE hash_workforce AS {_hash_sql('raw_workforce')}")
        con.execute(f"CREATE TABLE hash_extract AS {_hash_sql('raw_extract')}")

    state = usable_state(State.read(options.state), options)
    incremental = state is not None

    with _timer(seconds, "standardise"):
        if incremental:
            assert state is not None
            _reuse_name_keys(con, state)
        else:
            fn_keys, sn_keys = name_keys(con, ["raw_workforce", "raw_extract"])
            con.register("__fn_new", fn_keys)
            con.register("__sn_new", sn_keys)
            con.execute("CREATE TABLE keys_fn AS SELECT * FROM __fn_new")
            con.execute("CREATE TABLE keys_sn AS SELECT * FROM __sn_new")
            con.unregister("__fn_new")
            con.unregister("__sn_new")
        standardise(con, {"raw_workforce": "std_workforce", "raw_extract": "std_extract"},
                    keys=("keys_fn", "keys_sn"))

    changed = {WORKFORCE: n_workforce, EXTRACT: n_extract}
    removed = 0
    trained_on = 0
    fallbacks: list[str] = []
    if incremental:
        assert state is not None
        changed, removed = _mark_dirty(con, state)

    engine = _engine(options, con, temp)
    try:
        db_api = engine.db_api()
        tables = [engine.register(db_api, "std_extract", EXTRACT), engine.register(db_api, "std_workforce", WORKFORCE)]
        from splink import Linker  # lazy: splink is slow to import (0.4 s here) and only a run needs it

        if incremental:
            assert state is not None
            model = state.model
            rules = state.meta["blocking_rules"]
            linker = Linker(tables, settings_with_parameters(engine.dialect, model, _dirty_rules(rules)),
                            log_level=logging.ERROR)
            for column in TF_COLUMNS:  # term frequencies are part of the model: reuse them
                con.execute(f"CREATE TABLE tf_{column} AS SELECT * FROM "
                            f"read_parquet({quoted(state.directory / f'tf_{column}.parquet')})")
                lookup = engine.register(db_api, f"tf_{column}", f"tf_lookup_{column}")
                linker.table_management.register_term_frequency_lookup(lookup, column)
        else:
            rules = choose_blocking(con, "std_extract", "std_workforce", options.model.blocking_budget)
            with _timer(seconds, "train"):
                model, report = _train(con, engine, db_api, options.model, n_workforce, n_extract)
            seconds.update({f"train_{k}": v for k, v in report.seconds.items()})
            trained_on = report.extract_records
            fallbacks = report.fallbacks
            linker = Linker(tables, settings_with_parameters(engine.dialect, model, rules), log_level=logging.ERROR)
            if options.state is not None:  # term frequencies are saved with the model
                for column in TF_COLUMNS:
                    engine.fetch(linker.table_management.compute_tf_table(column), f"tf_{column}")

        with _timer(seconds, "block"):
            blocked = linker.inference.compute_blocked_pairs_for_predict()
            pairs = int(con.execute(f"SELECT count(*) FROM {blocked.physical_name}").fetchall()[0][0]) \
                if engine.dialect == "duckdb" else int(blocked.as_spark_dataframe().count())
        with _timer(seconds, "score"):
            predictions = linker.inference.predict(threshold_match_probability=options.threshold,
                                                   warning_mode="never")
            engine.fetch(predictions, "predictions")
    finally:
        engine.close()

    with _timer(seconds, "explain"):
        table = _candidates(con, model)
        if incremental:
            assert state is not None
            table = _merge(con, state, table)
    with _timer(seconds, "write"):
        _write(table, out, fmt)
        if options.state is not None:
            _save_state(con, options, model, table, rules)
    seconds["total"] = time.perf_counter() - started
    return ScreenResult(
        mode="incremental" if incremental else "full", engine=options.engine, threshold=options.threshold,
        workforce_records=n_workforce, extract_records=n_extract, relinked_workforce=changed[WORKFORCE],
        relinked_extract=changed[EXTRACT], removed_records=removed, pairs_scored=pairs,
        candidates=table.num_rows, trained=not incremental, training_extract_records=trained_on,
        training_fallbacks=fallbacks,
        blocking_rules=list(rules), seconds=seconds)


def _train(con: duckdb.DuckDBPyConnection, engine: _Engine, db_api: Any, config: ModelConfig,
           n_workforce: int, n_extract: int) -> tuple[dict[str, Any], TrainingReport]:
    """Train on the workforce and, for a large extract, a fixed sample of it.

    The parameters describe records, not files: m is how true matches disagree, u how
    random pairs agree, and the prior (matches over pairs) is the same in a sample, whose
    matches and pairs shrink alike. Splink's EM joins the extract with itself, so a sample
    of half a million records trains several times faster than two million, to the same
    parameters. The sample is chosen by a hash of the record id: the same records each run.
    """
    from splink import Linker  # lazy: splink is slow to import (0.4 s here) and only a run needs it

    extract = "std_extract"
    sampled = n_extract
    if n_extract > config.train_extract_max:
        per_mille = max(1, math.ceil(1000 * config.train_extract_max / n_extract))
        con.execute(f"CREATE OR REPLACE TABLE train_extract AS SELECT * FROM std_extract "
                    f"WHERE hash(uid) % 1000 < {per_mille}")
        extract = "train_extract"
        sampled = int(con.execute("SELECT count(*) FROM train_extract").fetchall()[0][0])
    tables = [engine.register(db_api, extract, f"{EXTRACT}_training"),
              engine.register(db_api, "std_workforce", f"{WORKFORCE}_training")]
    linker = Linker(tables, settings_with_parameters(engine.dialect, None), log_level=logging.ERROR)

    def count_pairs(columns: tuple[str, ...]) -> int:
        """Exact pairs of an equality block on ``columns``: sum over keys of the product of counts."""
        key = ", ".join(columns)
        present = " AND ".join(f"{c} IS NOT NULL" for c in columns)
        (pairs,) = con.execute(f"""
            SELECT coalesce(sum(a.n * b.n), 0) FROM
                (SELECT {key}, count(*) AS n FROM {extract} WHERE {present} GROUP BY ALL) a
                JOIN (SELECT {key}, count(*) AS n FROM std_workforce WHERE {present} GROUP BY ALL) b
                USING ({key})""").fetchall()[0]
        return int(pairs)

    report = train(linker, config, n_workforce + sampled, count_pairs=count_pairs, sizes=(n_workforce, sampled),
                   u_unobserved={"town": _town_u(con, extract)})
    report.extract_records = sampled
    return linker.misc.save_model_to_json(), report


def _town_u(con: duckdb.DuckDBPyConnection, extract: str) -> dict[str, float]:
    """How often the towns of random pairs agree, whatever their postcodes (a seeded sample).

    The town comparison counts only where a postcode is missing, which random pairs seldom
    reach when nearly every record has a postcode; its u comes from here instead.
    """
    near = SQL["duckdb"].jaro("w.town", "x.town")
    identical, nearly = con.execute(f"""
        WITH w AS (SELECT town FROM std_workforce WHERE town IS NOT NULL
                   USING SAMPLE reservoir(2000 ROWS) REPEATABLE (1)),
             x AS (SELECT town FROM {extract} WHERE town IS NOT NULL
                   USING SAMPLE reservoir(2000 ROWS) REPEATABLE (1))
        SELECT avg(CASE WHEN w.town = x.town THEN 1.0 ELSE 0.0 END),
               avg(CASE WHEN w.town <> x.town AND {near} >= 0.9 THEN 1.0 ELSE 0.0 END)
        FROM w CROSS JOIN x""").fetchall()[0]
    if identical is None:
        return {}
    return {"identical": float(identical), "nearly the same": float(nearly),
            "different": max(0.0, 1.0 - float(identical) - float(nearly))}


def _reuse_name_keys(con: duckdb.DuckDBPyConnection, state: State) -> None:
    """Keep every name's keys from the last run; compute keys only for names not seen before.

    Spelling corrections depend on how common names are, so recomputing them could change
    the keys of records that did not change, which an incremental run would not re-link.
    """
    con.execute(f"CREATE TABLE keys_fn AS SELECT * FROM read_parquet({quoted(state.directory / 'forenames.parquet')})")
    con.execute(f"CREATE TABLE keys_sn AS SELECT * FROM read_parquet({quoted(state.directory / 'surnames.parquet')})")
    fn_new, sn_new = name_keys(con, ["raw_workforce", "raw_extract"])
    con.register("__fn_new", fn_new)
    con.register("__sn_new", sn_new)
    con.execute("INSERT INTO keys_fn SELECT n.* FROM __fn_new n ANTI JOIN keys_fn k ON k.raw = n.raw")
    con.execute("INSERT INTO keys_sn SELECT n.* FROM __sn_new n ANTI JOIN keys_sn k ON k.raw = n.raw")
    con.unregister("__fn_new")
    con.unregister("__sn_new")


def _mark_dirty(con: duckdb.DuckDBPyConnection, state: State) -> tuple[dict[str, int], int]:
    """Flag records that are new or whose content changed; count records that disappeared."""
    records = state.directory / "records.parquet"
    con.execute(f"CREATE TABLE old_hash AS SELECT * FROM read_parquet({quoted(records)})")
    changed: dict[str, int] = {}
    removed = 0
    for side in (WORKFORCE, EXTRACT):
        con.execute(f"""
            CREATE TABLE dirty_{side} AS
            SELECT h.record_id FROM hash_{side} h
            LEFT JOIN (SELECT * FROM old_hash WHERE side = '{side}') o ON o.record_id = h.record_id
            WHERE o.hash IS DISTINCT FROM h.hash""")
        con.execute(f"""
            CREATE OR REPLACE TABLE std_{side} AS
            SELECT s.*, (d.record_id IS NOT NULL) AS _dirty
            FROM std_{side} s LEFT JOIN dirty_{side} d ON d.record_id = s.uid""")
        changed[side] = int(con.execute(f"SELECT count(*) FROM dirty_{side}").fetchall()[0][0])
        removed += int(con.execute(f"""
            SELECT count(*) FROM old_hash o WHERE side = '{side}'
            AND NOT EXISTS (SELECT 1 FROM hash_{side} h WHERE h.record_id = o.record_id)""").fetchall()[0][0])
    return changed, removed


def _candidates(con: duckdb.DuckDBPyConnection, model: dict[str, Any]) -> pa.Table:
    """The output table: one row per candidate with per-comparison levels, weights and words."""
    labels = explaining.level_labels(model)
    prior = explaining.prior_weight(model)
    side = con.execute("SELECT DISTINCT source_dataset_l FROM predictions").fetchall()
    extract_left = not side or side[0][0] == EXTRACT
    x, w = ("l", "r") if extract_left else ("r", "l")
    level_sql = []
    for comparison, mapping in labels.items():
        cases = " ".join(f"WHEN {gamma} THEN '{label.replace(chr(39), chr(39) * 2)}'"
                         for gamma, label in mapping.items())
        tf = f" + coalesce(p.mw_tf_adj_{comparison}, 0)" if _has_column(con, "predictions", f"mw_tf_adj_{comparison}") \
            else ""
        level_sql.append(f"CASE p.gamma_{comparison} {cases} END AS {comparison}_level")
        level_sql.append(f"p.mw_{comparison}{tf} AS {comparison}_weight")
        level_sql.append(f"p.gamma_{comparison}")
    raw_columns = [c for c in (*REQUIRED[1:], *OPTIONAL)]
    shown = [f"rw.{c} AS workforce_{c}" for c in raw_columns] + [f"rx.{c} AS extract_{c}" for c in raw_columns]
    rows = con.sql(f"""
        SELECT p.uid_{w} AS workforce_id, p.uid_{x} AS extract_id, p.match_probability, p.match_weight,
               CAST({prior} AS DOUBLE) AS prior_weight, {", ".join(level_sql)}, {", ".join(shown)}
        FROM predictions p
        JOIN raw_workforce rw ON rw.record_id = p.uid_{w}
        JOIN raw_extract rx ON rx.record_id = p.uid_{x}
        ORDER BY p.match_probability DESC, workforce_id, extract_id
    """).to_arrow_table()
    texts = []
    for row in rows.to_pylist():
        values = {c: (row[f"workforce_{SHOWN[c]}"], row[f"extract_{SHOWN[c]}"]) for c in COMPARISONS}
        split = {f"mw_{c}": row[f"{c}_weight"] for c in COMPARISONS}
        gammas = {f"gamma_{c}": row[f"gamma_{c}"] for c in COMPARISONS}
        texts.append(explaining.explain({**split, **gammas, "match_weight": row["match_weight"]},
                                        model, values).text())
    rows = rows.drop_columns([f"gamma_{c}" for c in COMPARISONS])
    index = rows.column_names.index(f"{COMPARISONS[-1]}_weight") + 1
    return rows.add_column(index, "explanation", pa.array(texts, type=pa.string()))


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return column in [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def _merge(con: duckdb.DuckDBPyConnection, state: State, fresh: pa.Table) -> pa.Table:
    """Previous candidates of unchanged, still present records, plus the fresh ones."""
    con.register("__fresh", fresh)
    merged = con.sql(f"""
        SELECT * FROM (
            SELECT o.* FROM read_parquet({quoted(state.directory / 'candidates.parquet')}) o
            WHERE o.workforce_id NOT IN (SELECT record_id FROM dirty_workforce)
              AND o.extract_id NOT IN (SELECT record_id FROM dirty_extract)
              AND o.workforce_id IN (SELECT record_id FROM hash_workforce)
              AND o.extract_id IN (SELECT record_id FROM hash_extract)
            UNION ALL BY NAME
            SELECT * FROM __fresh
        ) ORDER BY match_probability DESC, workforce_id, extract_id
    """).to_arrow_table()
    con.unregister("__fresh")
    return merged.select(fresh.column_names)


def _write(table: pa.Table, out: Path, fmt: str) -> None:
    """Write atomically: a half-written candidates file is never left behind."""
    partial = out.with_name(f".{out.name}.partial")
    if fmt == "parquet":
        pq.write_table(table, partial)
    else:
        import pyarrow.csv as pacsv  # lazy: only a CSV output needs it

        pacsv.write_csv(table, partial)
    os.replace(partial, out)


def _save_state(con: duckdb.DuckDBPyConnection, options: ScreenOptions, model: dict[str, Any],
                table: pa.Table, rules: dict[str, str]) -> None:
    assert options.state is not None
    options.state.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=options.state))
    try:
        (staging / "model.json").write_text(json.dumps(model, indent=2), encoding="utf-8")
        con.execute(f"""COPY (SELECT '{WORKFORCE}' AS side, * FROM hash_workforce
                              UNION ALL SELECT '{EXTRACT}', * FROM hash_extract)
                        TO {quoted(staging / 'records.parquet')} (FORMAT parquet)""")
        con.execute(f"COPY keys_fn TO {quoted(staging / 'forenames.parquet')} (FORMAT parquet)")
        con.execute(f"COPY keys_sn TO {quoted(staging / 'surnames.parquet')} (FORMAT parquet)")
        for column in TF_COLUMNS:
            con.execute(f"COPY tf_{column} TO {quoted(staging / f'tf_{column}.parquet')} (FORMAT parquet)")
        pq.write_table(table, staging / "candidates.parquet")
        meta = {"version": STATE_VERSION, "threshold": options.threshold, "model_columns": list(MODEL_COLUMNS),
                "blocking_rules": rules}
        (staging / "run.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        for name in State.FILES:
            os.replace(staging / name, options.state / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

