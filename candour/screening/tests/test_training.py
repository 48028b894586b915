"""Training that cannot crash (issue 16): EM's zero probabilities, empty blocks, no signal.

Splink refuses an m probability that underflowed to 0.0 with a ValueError; on a large extract
EM reached it (a level whose every pair scored as certainly not a match) and `candour screen`
stopped with a traceback. Here the same error is produced by Splink's own EM and training
must carry on with the documented m probabilities for that block.
"""

from __future__ import annotations

import logging

import duckdb
import pytest
from splink import DuckDBAPI, Linker, block_on

from bench.gen_extract_independent import generate as generate_independent
from candour.screening.linkage import PRIOR_M, ModelConfig, TrainingError, train
from candour.screening.prepare import load, standardise
from candour.screening.screen import ScreenOptions, screen, settings_with_parameters
from candour.screening.synthetic import generate

ZERO_M = "below the minimum allowed"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    directory = tmp_path_factory.mktemp("training")
    workforce, extract = generate(workforce=300, intelligence=3_000, matches=60, seed=5).write(directory)
    con = duckdb.connect()
    load(con, workforce, "raw_w")
    load(con, extract, "raw_x")
    standardise(con, {"raw_w": "std_workforce", "raw_x": "std_extract"})
    return con


def _linker(con, poisoned: bool) -> Linker:
    """The model's linker; ``poisoned`` starts EM where non-matches score (almost) exactly 0.

    With m = 1e-300 for "different" on both names and the address, a pair that differs on
    them weighs about -3,000 bits: its match probability underflows, the M step finds next
    to no match weight at "different" and Splink's EM sets an m below 1e-300 (0.0 on a large
    extract), which it then refuses with the ValueError of issue 16.
    """
    db_api = DuckDBAPI(connection=con)
    settings = settings_with_parameters("duckdb", None)
    if poisoned:
        for comparison in settings["comparisons"]:
            if comparison["output_column_name"] in ("forename", "surname", "address"):
                comparison["comparison_levels"][-1]["m_probability"] = 1e-300
    tables = [db_api.register("std_extract", dataset_display_name="extract"),
              db_api.register("std_workforce", dataset_display_name="workforce")]
    return Linker(tables, settings, log_level=logging.ERROR)


def test_splink_em_itself_raises_on_the_zero_m(tables):
    linker = _linker(tables, poisoned=True)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e5, seed=1)
    with pytest.raises(ValueError, match=ZERO_M):
        for rule in (block_on("dob", "pc_district"), block_on("fn_canon", "sn_canon")):
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True)


def test_training_survives_the_zero_m_and_keeps_documented_priors(tables):
    linker = _linker(tables, poisoned=True)
    report = train(linker, ModelConfig(u_max_pairs=1e5), 3_300)
    assert any("EM on fn_canon + sn_canon" in note and ZERO_M in note for note in report.fallbacks), report.fallbacks
    model = linker.misc.save_model_to_json()
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            assert 0 < level["m_probability"] < 1 and 0 < level["u_probability"] < 1, level
    # The date of birth, which only that block trains, was not estimated: it keeps the
    # documented values.
    dob = next(c for c in model["comparisons"] if c["output_column_name"] == "date_of_birth")
    identical = next(lv for lv in dob["comparison_levels"] if lv.get("label_for_charts") == "identical")
    assert identical["m_probability"] == pytest.approx(PRIOR_M["date_of_birth"]["identical"])


def test_an_empty_em_block_is_skipped_not_fatal(tables):
    linker = _linker(tables, poisoned=False)
    report = train(linker, ModelConfig(u_max_pairs=1e5), 3_300, count_pairs=lambda columns: 0)
    assert [n for n in report.fallbacks if "no pairs" in n] == [
        "EM on dob + pc_district: no pairs; documented m kept",
        "EM on fn_canon + sn_canon: no pairs; documented m kept"]


def test_data_with_nothing_in_common_is_a_one_line_error(tmp_path):
    """Every record missing names and dates: nothing to learn, one clear message."""
    workforce, extract = tmp_path / "w.csv", tmp_path / "x.csv"
    workforce.write_text("record_id,first_name,surname,date_of_birth\n" + "".join(f"w{i},,,\n" for i in range(50)))
    extract.write_text("record_id,first_name,surname,date_of_birth\n" + "".join(f"x{i},,,\n" for i in range(50)))
    try:
        result = screen(workforce, extract, tmp_path / "out.parquet")
    except TrainingError as error:
        assert "\n" not in str(error)
    else:
        assert result.candidates == 0


def test_the_independent_generator_on_the_sample_path(tmp_path):
    """Data the model was not developed on, through the large-extract sample, never crashes."""
    g = generate_independent(workforce=1_500, extract=40_000, match_rate=0.02, relative_rate=0.004, seed=3)
    workforce, extract = g.write(tmp_path)
    config = ModelConfig(u_max_pairs=2e5, blocking_budget=20_000, train_extract_max=10_000, em_max_pairs=2_000)
    result = screen(workforce, extract, tmp_path / "c.parquet", ScreenOptions(model=config))
    assert result.training_extract_records < 40_000
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "c.parquet", columns=["workforce_id", "extract_id"])
    found = set(zip(table.column(0).to_pylist(), table.column(1).to_pylist(), strict=True))
    tp = len(found & g.truth)
    precision, recall = tp / len(found), tp / len(g.truth)
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)
