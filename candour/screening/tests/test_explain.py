"""Explanations: every candidate's parts add up to its match weight, in plain words."""

from __future__ import annotations

import math

import pytest

from candour.screening.explain import explain, level_labels, likelihood, odds_against, prior_weight, probability

COMPARISONS = ("forename", "surname", "date_of_birth", "address")

MODEL = {
    "probability_two_random_records_match": 2e-7,
    "comparisons": [{
        "output_column_name": "date_of_birth",
        "comparison_levels": [
            {"sql_condition": "dob_l IS NULL OR dob_r IS NULL", "label_for_charts": "missing", "is_null_level": True},
            {"sql_condition": "dob_l = dob_r", "label_for_charts": "identical"},
            {"sql_condition": "dob_l = dob_swapped_r", "label_for_charts": "day and month transposed"},
            {"sql_condition": "ELSE", "label_for_charts": "different"},
        ],
    }],
}


def test_every_candidate_adds_up(screened):
    rows = screened.candidates.to_pylist()
    assert rows
    for row in rows:
        total = row["prior_weight"] + sum(row[f"{c}_weight"] for c in COMPARISONS)
        assert math.isclose(total, row["match_weight"], abs_tol=1e-6), row
        assert math.isclose(probability(row["match_weight"]), row["match_probability"], rel_tol=1e-9)
        assert row["match_probability"] >= screened.result.threshold
        for c in COMPARISONS:
            assert row[f"{c}_level"] and f"{row[f'{c}_level']}, {row[f'{c}_weight']:+.1f}" in row["explanation"]


def test_candidates_are_written_best_first(screened):
    probabilities = screened.candidates.column("match_probability").to_pylist()
    assert probabilities == sorted(probabilities, reverse=True)


def test_levels_are_numbered_as_splink_numbers_them():
    assert level_labels(MODEL) == {"date_of_birth": {-1: "missing", 2: "identical", 1: "day and month transposed",
                                                     0: "different"}}


def test_an_explanation_in_words():
    row = {"gamma_date_of_birth": 1, "mw_date_of_birth": 10.0, "match_weight": prior_weight(MODEL) + 10.0}
    result = explain(row, MODEL, {"date_of_birth": ("1980-03-07", "1980-07-03")})
    assert [(p.level, p.weight) for p in result.parts] == [("day and month transposed", 10.0)]
    assert result.parts[0].bayes_factor == 1024.0
    assert math.isclose(result.total, result.match_weight)
    text = result.text()
    assert "about once in 5.0 million pairs" in text
    assert "Date of birth (1980-03-07 / 1980-07-03): day and month transposed, +10.0, " \
           "makes a match 1,024 times more likely." in text


def test_term_frequency_adjustments_are_part_of_a_comparison_weight():
    model = {**MODEL, "comparisons": [{**MODEL["comparisons"][0], "output_column_name": "forename"}]}
    row = {"gamma_forename": 2, "mw_forename": 8.0, "mw_tf_adj_forename": -3.0, "match_weight": prior_weight(model) + 5}
    assert explain(row, model).parts[0].weight == 5.0


def test_parts_that_do_not_add_up_are_refused():
    row = {"gamma_date_of_birth": 2, "mw_date_of_birth": 10.0, "match_weight": 0.0}
    with pytest.raises(ValueError, match="add up"):
        explain(row, MODEL)


@pytest.mark.parametrize(("weight", "words"), [
    (0.3, "about neutral"), (7.2, "makes a match 147 times more likely"),
    (-2.5, "makes a match 5.7 times less likely"), (-0.5, "about neutral"),
])
def test_likelihood_in_words(weight, words):
    assert likelihood(weight) == words


def test_probability_and_odds_are_stable_at_the_extremes():
    assert probability(0.0) == 0.5
    assert probability(-2000.0) == 0.0 and probability(2000.0) == 1.0
    assert odds_against(-23.25) == "10.0 million pairs"
    assert odds_against(-4.0) == "16 pairs"
