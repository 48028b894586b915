"""Explain a candidate: what each comparison found and how much it moved the match weight.

A Fellegi-Sunter match weight is a sum, which is what makes it explainable to a vetting
officer. It starts at the **prior weight** (how likely two records picked at random are the
same person, on the log2 odds scale) and each comparison adds its own weight: positive when
what it found is more common among true matches than among random pairs, negative when
less. The total converts to the match probability. Every part is a Bayes factor
``2 ** weight``: "+7.2" means the finding makes a match about 150 times more likely.

This module is pure: it takes the saved model (Splink's JSON) and a candidate row, and
returns values and words. :func:`explain` checks that the parts add up to the total.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

COMPARISON_WORDS = {
    "forename": "Forename",
    "surname": "Surname",
    "date_of_birth": "Date of birth",
    "address": "Address",
    "town": "Town",
}


@dataclass(frozen=True)
class Part:
    """One comparison's finding and its weight (log2 Bayes factor)."""

    comparison: str
    level: str
    weight: float
    workforce_value: str | None = None
    extract_value: str | None = None

    @property
    def bayes_factor(self) -> float:
        return float(2.0 ** self.weight)


@dataclass(frozen=True)
class Explanation:
    prior_weight: float
    parts: tuple[Part, ...]
    match_weight: float

    @property
    def match_probability(self) -> float:
        return probability(self.match_weight)

    @property
    def total(self) -> float:
        """Prior plus every part: equals :attr:`match_weight` (to rounding)."""
        return self.prior_weight + sum(p.weight for p in self.parts)

    def text(self) -> str:
        """The explanation in plain words, one sentence per comparison."""
        sentences = [
            f"Match weight {self.match_weight:+.1f}, probability {percent(self.match_probability)}.",
            f"Two records picked at random are the same person about once in "
            f"{odds_against(self.prior_weight)} (prior weight {self.prior_weight:+.1f}).",
        ]
        for part in self.parts:
            values = ""
            if part.workforce_value is not None or part.extract_value is not None:
                values = f" ({_show(part.workforce_value)} / {_show(part.extract_value)})"
            sentences.append(f"{COMPARISON_WORDS.get(part.comparison, part.comparison)}{values}: "
                             f"{part.level}, {part.weight:+.1f}, {likelihood(part.weight)}.")
        return " ".join(sentences)


def _show(value: str | None) -> str:
    return "missing" if value in (None, "") else str(value)


def probability(weight: float) -> float:
    """Match probability from a match weight (log2 odds)."""
    if weight >= 0:
        return 1.0 / (1.0 + 2.0 ** -weight)
    odds = 2.0 ** weight
    return odds / (1.0 + odds)


def prior_weight(model: Mapping[str, Any]) -> float:
    p = float(model["probability_two_random_records_match"])
    return math.log2(p / (1.0 - p))


def percent(p: float) -> str:
    if p >= 0.9995 or p < 0.0005:
        return f"{p * 100:.3g}%"
    return f"{p * 100:.1f}%"


def odds_against(weight: float) -> str:
    """'10.6 million' for a prior weight of about -23.3."""
    n = 2.0 ** -weight
    if n >= 1e6:
        return f"{n / 1e6:,.1f} million pairs"
    return f"{n:,.0f} pairs"


def likelihood(weight: float) -> str:
    """'makes a match 150 times more likely' / 'about neutral'."""
    factor = 2.0 ** abs(weight)
    if factor < 1.5:
        return "about neutral"
    amount = f"{factor:,.0f}" if factor >= 10 else f"{factor:.1f}"
    return f"makes a match {amount} times {'more' if weight > 0 else 'less'} likely"


def level_labels(model: Mapping[str, Any]) -> dict[str, dict[int, str]]:
    """For each comparison, its comparison-vector value (Splink's gamma) -> level label.

    Splink numbers the non-null levels from the most specific (highest) down to 0 (the
    else level) and gives the null level -1.
    """
    labels: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = comparison["comparison_levels"]
        value = sum(1 for level in levels if not level.get("is_null_level")) - 1
        mapping: dict[int, str] = {}
        for level in levels:
            label = level.get("label_for_charts") or level["sql_condition"]
            if level.get("is_null_level"):
                mapping[-1] = label
            else:
                mapping[value] = label
                value -= 1
        labels[comparison["output_column_name"]] = mapping
    return labels


def comparison_weight(row: Mapping[str, Any], comparison: str) -> float:
    """A comparison's weight in a Splink prediction row: its level weight plus any TF adjustment."""
    weight = float(row.get(f"mw_{comparison}") or 0.0)
    adjustment = row.get(f"mw_tf_adj_{comparison}")
    return weight + float(adjustment or 0.0)


def explain(row: Mapping[str, Any], model: Mapping[str, Any],
            values: Mapping[str, tuple[str | None, str | None]] | None = None) -> Explanation:
    """Explain one prediction row (Splink columns ``gamma_*``, ``mw_*``, ``match_weight``).

    ``values`` optionally gives, per comparison, the (workforce, extract) values compared,
    for the text. Raises ``ValueError`` if the parts do not add up to the match weight.
    """
    labels = level_labels(model)
    parts = []
    for comparison, mapping in labels.items():
        gamma = int(row[f"gamma_{comparison}"])
        shown = (values or {}).get(comparison, (None, None))
        parts.append(Part(comparison, mapping.get(gamma, str(gamma)), comparison_weight(row, comparison),
                          shown[0], shown[1]))
    result = Explanation(prior_weight(model), tuple(parts), float(row["match_weight"]))
    if not math.isclose(result.total, result.match_weight, abs_tol=1e-6):
        raise ValueError(f"parts add up to {result.total}, not the match weight {result.match_weight}")
    return result
