"""``--engine spark``: the same model on Apache Spark gives the same answer as on DuckDB.

Skipped where pyspark or Java is missing, except in CI (``CI`` set) or with
``CANDOUR_REQUIRE_SPARK=1``, where a missing engine fails the test: CI installs both
(pyspark is in the default ``spark`` dependency group; ``scripts/ensure-java.sh``).
"""

from __future__ import annotations

import os

import pyarrow.parquet as pq
import pytest

from candour.screening.cli import main
from candour.screening.screen import JAVA_MISSING, EngineError, ScreenOptions, java, screen, validate
from candour.screening.synthetic import generate
from candour.screening.tests.conftest import FAST_MODEL


def _require_spark() -> None:
    import importlib.util

    missing = [what for what, absent in (("pyspark", importlib.util.find_spec("pyspark") is None),
                                         ("Java", java() is None)) if absent]
    if not missing:
        return
    reason = f"--engine spark needs {' and '.join(missing)}"
    if os.environ.get("CI") or os.environ.get("CANDOUR_REQUIRE_SPARK"):
        pytest.fail(f"{reason}, and CI must run the Spark test (make setup; scripts/ensure-java.sh)")
    pytest.skip(reason)


def test_spark_without_pyspark_is_a_clear_error(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    with pytest.raises(EngineError, match="needs pyspark"):
        validate(tmp_path / "out.parquet", ScreenOptions(engine="spark"))


def test_spark_without_java_prints_one_line_and_exits_2(tmp_path, monkeypatch, capsys):
    e = generate(workforce=20, intelligence=50, matches=5, seed=3)
    workforce, extract = e.write(tmp_path)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "no-java-here"))
    status = main([str(workforce), str(extract), "--out", str(tmp_path / "out.parquet"), "--engine", "spark"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err == f"candour screen: {JAVA_MISSING}\n"
    assert not (tmp_path / "out.parquet").exists()


def _pairs(path):
    return {(r["workforce_id"], r["extract_id"]): r for r in pq.read_table(path).to_pylist()}


@pytest.mark.timeout(600)  # a JVM start and a Python UDF worker on 2 shared cores
def test_spark_engine_gives_the_same_candidates_as_duckdb(tmp_path, capfd):
    """One workforce, one model, both engines: identical candidates, levels and weights."""
    _require_spark()
    e = generate(workforce=200, intelligence=2_000, matches=40, seed=21)
    workforce, extract = e.write(tmp_path)
    state = tmp_path / "state"
    duck = screen(workforce, extract, tmp_path / "duck.parquet", ScreenOptions(state=state, model=FAST_MODEL))
    # Score with the model DuckDB trained, on Spark (local[1]): every record counts as changed.
    records = pq.read_table(state / "records.parquet")
    pq.write_table(records.slice(0, 0), state / "records.parquet")
    capfd.readouterr()
    spark = screen(workforce, extract, tmp_path / "spark.parquet",
                   ScreenOptions(state=state, engine="spark", threads=1, model=FAST_MODEL))
    output = capfd.readouterr()
    assert spark.engine == "spark" and spark.pairs_scored == duck.pairs_scored
    a, b = _pairs(tmp_path / "duck.parquet"), _pairs(tmp_path / "spark.parquet")
    assert a.keys() == b.keys()  # zero tolerance: the same matches
    for key, row in a.items():
        other = b[key]
        for column in row:
            if column.endswith("_level") or column in ("explanation",):
                assert other[column] == row[column], (key, column)
            elif column.endswith("_weight") or column in ("match_weight", "match_probability"):
                assert other[column] == pytest.approx(row[column], rel=1e-12, abs=1e-12), (key, column)
    # Spark's own logging is quiet: no WARN lines, no stage progress bars.
    noise = [line for line in (output.out + output.err).splitlines() if " WARN " in line or "[Stage " in line]
    assert not noise, noise[:5]
