"""``--engine spark``: the same model on Apache Spark (only where pyspark is installed)."""

from __future__ import annotations

import math

import pytest

from candour.screening.screen import EngineError, ScreenOptions, screen, validate
from candour.screening.synthetic import generate
from candour.screening.tests.conftest import FAST_MODEL


def test_spark_without_pyspark_is_a_clear_error(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    with pytest.raises(EngineError, match="needs pyspark"):
        validate(tmp_path / "out.parquet", ScreenOptions(engine="spark"))


def test_spark_engine_links_like_duckdb(tmp_path):
    pytest.importorskip("pyspark", reason="pyspark is not a dependency; install it to test --engine spark")
    e = generate(workforce=500, intelligence=5_000, matches=100, seed=21)
    workforce, extract = e.write(tmp_path)
    duck = screen(workforce, extract, tmp_path / "duck.parquet",
                  ScreenOptions(state=tmp_path / "state", model=FAST_MODEL))
    # Score with the model DuckDB trained, on Spark: every record counts as changed.
    import pyarrow.parquet as pq

    records = pq.read_table(tmp_path / "state" / "records.parquet")
    pq.write_table(records.slice(0, 0), tmp_path / "state" / "records.parquet")
    spark = screen(workforce, extract, tmp_path / "spark.parquet",
                   ScreenOptions(state=tmp_path / "state", engine="spark", model=FAST_MODEL))
    assert spark.engine == "spark" and spark.pairs_scored == duck.pairs_scored
    a, b = pq.read_table(tmp_path / "duck.parquet").to_pylist(), pq.read_table(tmp_path / "spark.parquet").to_pylist()
    weights = {(r["workforce_id"], r["extract_id"]): r["match_weight"] for r in a}
    assert {(r["workforce_id"], r["extract_id"]) for r in b} == weights.keys()
    assert all(math.isclose(r["match_weight"], weights[(r["workforce_id"], r["extract_id"])], abs_tol=1e-6)
               for r in b)

    # And a model trained on Spark from scratch finds the planted matches.
    trained = screen(workforce, extract, tmp_path / "trained.parquet",
                     ScreenOptions(engine="spark", model=FAST_MODEL))
    found = {(r["workforce_id"], r["extract_id"]) for r in pq.read_table(tmp_path / "trained.parquet").to_pylist()}
    truth = set(e.truth)
    precision, recall = len(found & truth) / len(found), len(found & truth) / len(truth)
    assert trained.trained and precision >= 0.95 and recall >= 0.9
