"""The model on 2,000 x 20,000 records with 400 planted matches under heavy corruption."""

from __future__ import annotations

import duckdb
import pytest

from candour.screening.linkage import BLOCKING_RULES, build_settings, choose_blocking
from candour.screening.prepare import load, standardise
from candour.screening.tests.conftest import FAST_MODEL


def test_the_model_finds_the_planted_matches(screened):
    truth = set(screened.extracts.truth)
    found = screened.found()
    true_positives = len(truth & found)
    precision = true_positives / len(found)
    recall = true_positives / len(truth)
    f1 = 2 * precision * recall / (precision + recall)
    # Measured 0.984-0.994 over seeds 1-6 and 11 at this size; a broken level,
    # rule or training step costs far more than the margin.
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall
    assert f1 >= 0.97, f1


def test_blocking_keeps_nearly_every_true_pair(screened):
    con = duckdb.connect()
    load(con, screened.workforce, "raw_w")
    load(con, screened.extract, "raw_x")
    standardise(con, {"raw_w": "w", "raw_x": "x"})
    rules = choose_blocking(con, "x", "w", FAST_MODEL.blocking_budget)
    assert set(BLOCKING_RULES) <= set(rules) == set(screened.result.blocking_rules)
    union = " UNION ".join(f"SELECT r.uid AS w, l.uid AS x FROM x l JOIN w r ON {rule}" for rule in rules.values())
    blocked = set(con.sql(union).fetchall())
    truth = set(screened.extracts.truth)
    assert len(truth & blocked) / len(truth) >= 0.98
    # ...while scoring about one pair in a thousand of the 40 million possible.
    assert len(blocked) < 40_000
    assert screened.result.pairs_scored == len(blocked)


@pytest.mark.parametrize(("comparison", "level"), [
    ("forename", "same name (nickname or other spelling)"),
    ("forename", "names swapped (forename and surname exchanged)"),
    ("forename", "one typo apart"),
    ("forename", "initial only, and it agrees"),
    ("surname", "one typo apart"),
    ("date_of_birth", "day and month transposed"),
    ("date_of_birth", "one day apart"),
    ("address", "same postcode district (town)"),
])
def test_corrupted_true_matches_are_found_through_their_level(screened, comparison, level):
    truth = set(screened.extracts.truth)
    rows = screened.candidates.to_pylist()
    hits = [r for r in rows if r[f"{comparison}_level"] == level and (r["workforce_id"], r["extract_id"]) in truth]
    assert hits, f"no true match found through {comparison}: {level}"


def test_trained_parameters_favour_agreement(screened):
    import json

    model = json.loads((screened.state / "model.json").read_text())
    assert 1e-8 < model["probability_two_random_records_match"] < 1e-3
    for comparison in model["comparisons"]:
        if comparison["output_column_name"] == "town":
            continue  # the synthetic files have no town column: nothing to learn
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or level["label_for_charts"].startswith("names swapped (scored"):
                continue
            m, u = level["m_probability"], level["u_probability"]
            assert 0 < m < 1 and 0 < u < 1, level
            if level["label_for_charts"] in ("identical", "same address and postcode"):
                assert m / u > 100, (comparison["output_column_name"], m, u)
            if level["label_for_charts"] == "different":
                assert m / u < 0.2, (comparison["output_column_name"], m, u)


def test_single_field_rules_are_used_only_within_the_budget():
    con = duckdb.connect()
    con.execute("CREATE TABLE l AS SELECT * FROM (VALUES ('smith', 'john', DATE '1980-01-01', 'A1', 'S530')) "
                "t(sn_canon, fn_canon, dob, pc, sn_sdx)")
    con.execute("CREATE TABLE r AS SELECT 'smith' AS sn_canon, 'ann' || i AS fn_canon, DATE '1980-01-01' AS dob, "
                "'B' || i AS pc, 'S530' AS sn_sdx FROM range(5) t(i)")
    # Surname, birthday and surname sound yield 5 pairs each; forename and postcode none.
    assert set(choose_blocking(con, "l", "r", 5)) - set(BLOCKING_RULES) == {
        "surname", "forename", "date_of_birth", "postcode", "surname_sound"}
    assert set(choose_blocking(con, "l", "r", 4)) - set(BLOCKING_RULES) == {"forename", "postcode"}


def test_each_engine_gets_its_own_sql():
    duck = str(build_settings("duckdb").create_settings_dict("duckdb")["comparisons"])
    spark = str(build_settings("spark").create_settings_dict("spark")["comparisons"])
    assert "jaro_winkler_similarity(" in duck and "date_diff('day'" in duck
    assert "jaro_winkler_similarity(" not in spark and "jaro_winkler(" in spark and "datediff(" in spark
