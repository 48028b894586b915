"""The screening model: Splink (Fellegi-Sunter) over standardised workforce and extract records.

Why this shape, briefly (``docs/screening.md`` has the long form):

* **Blocking** keeps only pairs that share a cheap key, and every rule carries an equality
  the database can hash-join on, plus a filter that is cheap to test. The rules are chosen to
  catch the corruptions screening meets: a right date of birth with any name initial in common
  (also across first and last name, for swapped names), the day and month transposed, exact
  canonical names (nicknames and transliterations resolved) with a birth year within one,
  swapped names, a surname that sounds alike in the same month of birth (a wrong day), the
  surname with the same day and month (a wrong year), and the same address. Single-field
  rules are added only where the data keeps them under a pair budget.
* **Comparisons** score each field on ordered levels, most specific first, so one typo costs
  a little and a nickname almost nothing; a level says in words what agreed.
* **Training** uses no labels: the prior from pairs that agree exactly on canonical names and
  date of birth (with an assumed recall), u-probabilities from random pairs, and
  m-probabilities by expectation maximisation inside blocks where true matches are common
  (term frequencies off while training, as Splink at this scale needs).
* **Prediction** scores every blocked pair; the review threshold is a match probability.

The comparison SQL is written per engine (DuckDB or Spark SQL), so the same model runs on both.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from splink import Linker, SettingsCreator, block_on
from splink import comparison_level_library as cll
from splink import comparison_library as cl
from splink.blocking_rule_library import CustomRule

from candour.screening.similarity import SPARK_FUNCTION

WORKFORCE = "workforce"
EXTRACT = "extract"
MODEL_COLUMNS = ("uid", "fn", "fn_canon", "fn_sdx", "fns_sdx", "sn", "sn_canon", "sn_sdx", "snf_canon", "snf_sdx",
                 "fn_init", "sn_init", "dob", "dob_swapped", "pc", "pc_sector", "pc_district", "addr", "town")
COMPARISONS = ("forename", "surname", "date_of_birth", "address", "town")
TF_COLUMNS = ("fn", "fn_canon", "sn", "sn_canon")  # term-frequency adjusted name columns


@dataclass(frozen=True)
class ModelConfig:
    """Training choices; the defaults are what ``candour screen`` uses.

    ``prior_recall`` is the assumed share of true matches that agree exactly on canonical
    forename, surname and date of birth; the prior follows from it. ``threshold`` is the review
    threshold: candidates at or above this match probability go to a person. The random sample
    for u has ``u_pairs_per_record`` pairs per input record, between ``u_min_pairs`` and
    ``u_max_pairs``: enough for the rare levels of a national extract without spending seconds
    on a small file.
    """

    threshold: float = 0.5
    prior_recall: float = 0.6
    u_max_pairs: float = 1e6
    u_min_pairs: float = 2e5
    u_pairs_per_record: float = 10.0
    seed: int = 1
    m_floor: float = 1e-4
    em_max_pairs: float = 1e5
    blocking_budget: int = 1_000_000
    train_extract_max: int = 500_000
    em_sample_proportion: float = 0.1
    fallback_match_share: float = 0.01


class TrainingError(ValueError):
    """Data the model cannot be trained on: the message is one line for the user."""


@dataclass
class TrainingReport:
    seconds: dict[str, float] = field(default_factory=dict)
    prior: float = 0.0
    extract_records: int = 0
    # What training could not learn from the data and took from PRIOR_M (or the fallback prior)
    # instead, in words, for the run summary.
    fallbacks: list[str] = field(default_factory=list)


# Documented m probabilities: the share of true matches expected at each level, from the error
# rates reported for personal data (typographical errors mostly one edit, a few percent of
# nicknames, swapped fields and transposed dates, missing values, and about one person in five
# moving between two extracts). They are EM's starting point, and where EM cannot learn a
# comparison (it failed, saw no pairs, or found agreement no more likely among matches than
# disagreement) the comparison keeps them. Each comparison's values add up to one.
PRIOR_M: dict[str, dict[str, float]] = {
    "forename": {"identical": 0.80, "same name (nickname or other spelling)": 0.05,
                 "names swapped (forename and surname exchanged)": 0.02, "one typo apart": 0.06,
                 "sounds alike": 0.01, "the surname appears as the other forename (partly swapped)": 0.005,
                 "initial only, and it agrees": 0.02, "similar": 0.01, "different": 0.025},
    "surname": {"identical": 0.80, "same name (other spelling)": 0.02, "one typo apart": 0.08, "sounds alike": 0.02,
                "initial only, and it agrees": 0.005, "similar": 0.025, "different": 0.05},
    "date_of_birth": {"identical": 0.85, "day and month transposed": 0.02, "one day apart": 0.02,
                      "one month or one year out": 0.03, "one digit different": 0.02, "within a year": 0.01,
                      "different": 0.05},
    "address": {"same address and postcode": 0.40, "same postcode, address nearly the same": 0.05,
                "same postcode, other or unknown address": 0.20,
                "same or nearly the same address, postcode differs": 0.02,
                "same postcode sector (neighbourhood)": 0.05, "postcode one character different": 0.03,
                "same postcode district (town)": 0.10, "different": 0.15},
    "town": {"identical": 0.75, "nearly the same": 0.05, "different": 0.20},
}


# --- SQL per engine -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Sql:
    """String-similarity SQL for one engine.

    Conditions are built from CASE expressions rather than AND/OR, because DuckDB evaluates
    both sides of AND/OR for every row but evaluates a CASE branch only for the rows that
    reach it; for millions of mostly non-matching pairs that halves the cost of a level.
    """

    jw: str
    day_gap: str        # format with a, b -> absolute difference in days

    def jaro(self, a: str, b: str) -> str:
        return f"{self.jw}({a}, {b})"

    def near(self, a: str, b: str, threshold: float = 0.9) -> str:
        """Jaro-Winkler at or above ``threshold``, tried only when an end letter agrees.

        One typo cannot change both the first and the last letter of a name of two or more
        letters, so the guard loses almost nothing and skips most unrelated pairs.
        """
        return all_of(f"(substr({a}, 1, 1) = substr({b}, 1, 1) OR right({a}, 1) = right({b}, 1))",
                      f"{self.jaro(a, b)} >= {threshold}")

    def one_typo(self, a: str, b: str) -> str:
        """One edit (Levenshtein), or Jaro-Winkler 0.92 for swapped adjacent letters."""
        return any_of(f"{self.jaro(a, b)} >= 0.92",
                      all_of(f"abs(length({a}) - length({b})) <= 1", f"levenshtein({a}, {b}) <= 1"))


def all_of(*conditions: str) -> str:
    """Short-circuit AND: later conditions are evaluated only where earlier ones hold."""
    expression = "true"
    for condition in reversed(conditions):
        expression = f"CASE WHEN {condition} THEN {expression} ELSE false END"
    return expression


def any_of(*conditions: str) -> str:
    """Short-circuit OR."""
    branches = " ".join(f"WHEN {condition} THEN true" for condition in conditions)
    return f"CASE {branches} ELSE false END"


SQL = {
    "duckdb": _Sql("jaro_winkler_similarity", "abs(date_diff('day', {a}, {b}))"),
    # Not Splink's jar ``jaro_winkler``, which scores differently: the project's own function,
    # equal to DuckDB's bit for bit (candour.screening.similarity), registered as a UDF.
    "spark": _Sql(SPARK_FUNCTION, "abs(datediff({a}, {b}))"),
}


def _level(sql: str, label: str, **options: Any) -> cll.CustomLevel:
    level = cll.CustomLevel(sql, label_for_charts=label)
    if options:
        level.configure(**options)
    return level


def _else() -> Any:
    return cll.ElseLevel().configure(label_for_charts="different")


def _null(columns: str, label: str) -> cll.CustomLevel:
    return _level(columns, label, is_null_level=True)


def _swapped(sql: _Sql) -> str:
    """Each name matches the other record's other field, a typo allowed.

    The surname field of a swapped record holds a forename, possibly a nickname, so it is
    read as a forename (``snf_canon``) before comparing it with the other forename.
    """
    return any_of(all_of(sql.near("fn_canon_l", "snf_canon_r"), sql.near("sn_l", "fn_r")),
                  all_of(sql.near("snf_canon_l", "fn_canon_r"), sql.near("fn_l", "sn_r")))


# One direction only, and by sound: the surname field of one record sounds like the forename
# field of the other read as a surname. Cheap (precomputed Soundex keys) and weaker evidence.
PARTLY_SWAPPED = any_of("sn_sdx_l = fns_sdx_r", "fns_sdx_l = sn_sdx_r")


def name_comparison(sql: _Sql, own: str, name: str, canonical_label: str, *, scores_swap: bool,
                    tf_minimum_u: float) -> cl.CustomComparison:
    """Levels for one name field.

    A swap moves both names at once, so it is one piece of evidence: the forename comparison
    scores it, and the surname comparison has a level for it fixed at weight zero
    (``scores_swap=False``), so that it is not counted twice.
    """
    swap = _level(_swapped(sql), "names swapped (forename and surname exchanged)")
    if not scores_swap:
        swap = _level(_swapped(sql), "names swapped (scored under forename)",
                      m_probability=0.5, u_probability=0.5, fix_m_probability=True, fix_u_probability=True)
    return cl.CustomComparison(
        output_column_name=name,
        comparison_description=f"{name} (clean, canonical, spelling, swapped, sound, initial)",
        comparison_levels=[
            _null(f"{own}_l IS NULL OR {own}_r IS NULL", "missing on one side"),
            _level(f"{own}_l = {own}_r", "identical", tf_adjustment_column=own, tf_minimum_u_value=tf_minimum_u),
            _level(f"{own}_canon_l = {own}_canon_r", canonical_label, tf_adjustment_column=f"{own}_canon",
                   tf_minimum_u_value=tf_minimum_u),
            swap,
            _level(sql.one_typo(f"{own}_l", f"{own}_r"), "one typo apart"),
            _level(f"{own}_sdx_l = {own}_sdx_r", "sounds alike"),
            *([_level(PARTLY_SWAPPED, "the surname appears as the other forename (partly swapped)")]
              if scores_swap else []),
            _level(f"(length({own}_l) = 1 OR length({own}_r) = 1) AND substr({own}_l, 1, 1) = substr({own}_r, 1, 1)",
                   "initial only, and it agrees"),
            _level(f"{sql.jaro(f'{own}_canon_l', f'{own}_canon_r')} >= 0.8", "similar"),
            _else(),
        ],
    )


def date_of_birth_comparison(sql: _Sql) -> cl.CustomComparison:
    gap = sql.day_gap.format(a="dob_l", b="dob_r")
    return cl.CustomComparison(
        output_column_name="date_of_birth",
        comparison_description="date of birth (exact, transposed, one unit out)",
        comparison_levels=[
            _null("dob_l IS NULL OR dob_r IS NULL", "missing on one side"),
            _level("dob_l = dob_r", "identical"),
            _level("dob_l = dob_swapped_r", "day and month transposed"),
            _level(f"{gap} <= 1", "one day apart"),
            _level("(month(dob_l) = month(dob_r) AND day(dob_l) = day(dob_r) AND abs(year(dob_l) - year(dob_r)) = 1)"
                   " OR (year(dob_l) = year(dob_r) AND day(dob_l) = day(dob_r)"
                   " AND abs(month(dob_l) - month(dob_r)) = 1)", "one month or one year out"),
            _level(all_of(" + ".join(f"CASE WHEN {part}(dob_l) = {part}(dob_r) THEN 1 ELSE 0 END"
                                     for part in ("year", "month", "day")) + " = 2",
                          "levenshtein(CAST(dob_l AS VARCHAR), CAST(dob_r AS VARCHAR)) <= 1"), "one digit different"),
            _level(f"{gap} <= 366", "within a year"),
            _else(),
        ],
    )


def address_comparison(sql: _Sql) -> cl.CustomComparison:
    """Postcode and address together: they move together, so they are one piece of evidence."""
    near = f"{sql.jaro('addr_l', 'addr_r')} >= 0.9"
    return cl.CustomComparison(
        output_column_name="address",
        comparison_description="postcode and address",
        comparison_levels=[
            _null("(pc_l IS NULL OR pc_r IS NULL) AND (addr_l IS NULL OR addr_r IS NULL)", "missing on one side"),
            _level("pc_l = pc_r AND addr_l = addr_r", "same address and postcode"),
            _level(all_of("pc_l = pc_r", near), "same postcode, address nearly the same"),
            _level("pc_l = pc_r", "same postcode, other or unknown address"),
            _level(all_of("substr(addr_l, 1, 2) = substr(addr_r, 1, 2)", near),
                   "same or nearly the same address, postcode differs"),
            _level("pc_sector_l = pc_sector_r", "same postcode sector (neighbourhood)"),
            _level(all_of("(substr(pc_l, 1, 1) = substr(pc_r, 1, 1) OR right(pc_l, 1) = right(pc_r, 1))",
                          "levenshtein(pc_l, pc_r) <= 1"), "postcode one character different"),
            _level("pc_district_l = pc_district_r", "same postcode district (town)"),
            _else(),
        ],
    )


TOWN_NOT_COUNTED = "not counted: both have a postcode (compared under address)"


def town_comparison(sql: _Sql) -> cl.CustomComparison:
    """The town or locality, counted only where a postcode is missing on one side.

    A town follows from the postcode, so where both records have one, the town adds nothing
    the address comparison has not counted: a person who moved would be counted as different
    twice, and two neighbours as the same twice. That level is fixed at weight zero.
    """
    return cl.CustomComparison(
        output_column_name="town",
        comparison_description="town or locality (where a postcode is missing)",
        comparison_levels=[
            _null("town_l IS NULL OR town_r IS NULL", "missing on one side"),
            _level("pc_l IS NOT NULL AND pc_r IS NOT NULL", TOWN_NOT_COUNTED,
                   m_probability=0.5, u_probability=0.5, fix_m_probability=True, fix_u_probability=True),
            _level("town_l = town_r", "identical"),
            _level(f"{sql.jaro('town_l', 'town_r')} >= 0.9", "nearly the same"),
            _else(),
        ],
    )


_INITIALS = ("(l.fn_init = r.fn_init OR l.sn_init = r.sn_init OR l.fn_init = r.sn_init"
             " OR l.sn_init = r.fn_init)")

BLOCKING_RULES = {
    "dob_initials": f"l.dob = r.dob AND ({_INITIALS} OR l.pc_district = r.pc_district)",
    "dob_transposed": f"l.dob = r.dob_swapped AND ({_INITIALS} OR l.pc_district = r.pc_district)",
    "names": "l.fn_canon = r.fn_canon AND l.sn_canon = r.sn_canon AND (l.dob IS NULL OR r.dob IS NULL"
             " OR abs(year(l.dob) - year(r.dob)) <= 1 OR l.pc_district = r.pc_district)",
    "names_swapped": "l.snf_canon = r.fn_canon AND l.fn = r.sn",
    "names_swapped_other_side": "l.fn_canon = r.snf_canon AND l.sn = r.fn",
    "surname_sound_month": "l.sn_sdx = r.sn_sdx AND year(l.dob) = year(r.dob) AND month(l.dob) = month(r.dob)",
    "surname_day_month": "l.sn_canon = r.sn_canon AND month(l.dob) = month(r.dob) AND day(l.dob) = day(r.dob)",
    "address": "l.addr = r.addr AND l.pc_district = r.pc_district",
}


# Broad rules: one field each. They catch what the specific rules miss when several fields
# are corrupted at once, but on a national extract they would produce tens of millions of
# pairs; each is used only when it yields at most ``ModelConfig.blocking_budget`` pairs on
# the data (a million pairs cost about a second to score).
BROAD_RULES = {
    "surname": ("sn_canon", "l.sn_canon = r.sn_canon"),
    "forename": ("fn_canon", "l.fn_canon = r.fn_canon"),
    "date_of_birth": ("dob", "l.dob = r.dob"),
    "postcode": ("pc", "l.pc = r.pc"),
    "surname_sound": ("sn_sdx", "l.sn_sdx = r.sn_sdx"),
}


def choose_blocking(con: Any, left: str, right: str, budget: int) -> dict[str, str]:
    """The specific rules plus every broad rule that yields at most ``budget`` pairs.

    ``left`` and ``right`` are standardised DuckDB tables; a single-column equi-join yields
    the sum over values of the product of their counts, which a GROUP BY gives exactly.
    """
    rules = dict(BLOCKING_RULES)
    for name, (column, rule) in BROAD_RULES.items():
        (pairs,) = con.execute(f"""
            SELECT coalesce(sum(a.n * b.n), 0) FROM
                (SELECT {column} AS k, count(*) AS n FROM {left} WHERE {column} IS NOT NULL GROUP BY 1) a
                JOIN (SELECT {column} AS k, count(*) AS n FROM {right} WHERE {column} IS NOT NULL GROUP BY 1) b
                USING (k)""").fetchall()[0]
        if pairs <= budget:
            rules[name] = rule
    return rules


def build_settings(engine: str = "duckdb", blocking: dict[str, str] | None = None,
                   tf_minimum_u: float = 1e-3) -> SettingsCreator:
    """The model's settings for ``engine`` ("duckdb" or "spark"), untrained.

    ``tf_minimum_u`` caps how rare a name can count: an identical surname carries at most
    ``log2(m / tf_minimum_u)``. Household members share a rare surname *and* an address;
    uncapped, those two together outweigh a different forename and date of birth.
    """
    sql = SQL[engine]
    rules = blocking if blocking is not None else BLOCKING_RULES
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        comparisons=[
            name_comparison(sql, "fn", "forename", "same name (nickname or other spelling)", scores_swap=True,
                            tf_minimum_u=tf_minimum_u),
            name_comparison(sql, "sn", "surname", "same name (other spelling)", scores_swap=False,
                            tf_minimum_u=tf_minimum_u),
            date_of_birth_comparison(sql),
            address_comparison(sql),
            town_comparison(sql),
        ],
        blocking_rules_to_generate_predictions=[CustomRule(rule) for rule in rules.values()],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
    )


def u_sample_size(config: ModelConfig, records: int) -> float:
    return min(config.u_max_pairs, max(config.u_min_pairs, config.u_pairs_per_record * records))


EM_BLOCKS = (("dob", "pc_district"), ("fn_canon", "sn_canon"))


def train(linker: Linker, config: ModelConfig, records: int,
          count_pairs: Callable[[tuple[str, ...]], int] | None = None,
          sizes: tuple[int, int] | None = None,
          u_unobserved: dict[str, dict[str, float]] | None = None) -> TrainingReport:
    """Estimate the prior, u and m without labels; return what each step took.

    ``records`` is the number of records in both inputs (it sizes the u sample).
    ``count_pairs`` gives the exact number of pairs an EM block yields, so that EM samples
    only blocks larger than ``ModelConfig.em_max_pairs`` (a block estimated from a 1% record
    sample can come out tiny, and EM on a few hundred pairs drives levels to zero).
    ``sizes`` (workforce and extract records) size the fallback prior: when no pair agrees
    exactly on names and date of birth, ``ModelConfig.fallback_match_share`` of the smaller
    file is assumed to be in the other. ``u_unobserved`` gives u for levels the random sample
    could not reach (the town levels, counted only where a postcode is missing, when nearly
    every record has one): comparison -> level label -> u.

    Training cannot crash on data it does not like: each EM block that fails leaves its
    comparisons at their documented m probabilities (``PRIOR_M``), a comparison EM found no
    signal in goes back to them, levels never observed take them, and every m and u is
    floored. Only data with nothing to learn from at all raises :class:`TrainingError`.
    """
    report = TrainingReport()
    u_pairs = u_sample_size(config, records)
    settings = linker._settings_obj
    t0 = time.perf_counter()
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("fn_canon", "sn_canon", "dob")], recall=config.prior_recall)
        prior = float(settings._probability_two_random_records_match)
    except (ValueError, ZeroDivisionError, ArithmeticError) as error:
        report.fallbacks.append(f"prior: {_first_line(error)}")
        prior = 0.0
    if not 0.0 < prior < 1.0:
        large = max(sizes) if sizes else records / 2
        fallback = config.fallback_match_share / max(1.0, large)
        report.fallbacks.append(f"prior: no exact agreements to estimate it from; {fallback:.3g} assumed")
        settings._probability_two_random_records_match = min(0.5, fallback)
    report.seconds["prior"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:
        linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=config.seed,
                                                         min_count_per_level=None, num_chunks=1)
    except (ValueError, ZeroDivisionError, ArithmeticError) as error:
        raise TrainingError(f"cannot estimate how random pairs agree: {_first_line(error)}") from None
    for comparison in settings.comparisons:
        for level in comparison.comparison_levels:
            value = (u_unobserved or {}).get(comparison.output_column_name, {}).get(level.label_for_charts)
            if value is not None and not level.is_null_level and not level._fix_u_probability \
                    and not level._has_estimated_u_values:
                level.u_probability = max(value, 1.0 / u_pairs)
    report.seconds["u"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # EM leaves out the comparisons whose columns the block uses, and needs two or more left
    # in to tell matches from non-matches. Same birthday and postcode district trains the
    # names; same canonical names trains the date of birth and the address.
    for columns in EM_BLOCKS:
        pairs = count_pairs(columns) if count_pairs is not None else None
        if pairs == 0:
            report.fallbacks.append(f"EM on {' + '.join(columns)}: no pairs; documented m kept")
            continue
        sample = pairs is None or pairs > config.em_max_pairs
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on(*columns), estimate_without_term_frequencies=True,
                max_pairs=config.em_max_pairs if sample else None,
                record_sample_proportion=config.em_sample_proportion)
        except (ValueError, ZeroDivisionError, ArithmeticError) as error:
            # Splink refuses an m or u that underflowed to 0.0 (every pair at a level scored
            # as certainly not a match); that block's estimates are discarded.
            report.fallbacks.append(f"EM on {' + '.join(columns)}: {_first_line(error)}; documented m kept")
    report.seconds["em"] = time.perf_counter() - t0
    report.fallbacks += keep_priors_without_signal(linker)
    condition_on_counted_levels(linker)
    floor_parameters(linker, u_floor=1.0 / u_pairs, m_floor=config.m_floor)
    report.prior = float(settings._probability_two_random_records_match)
    return report


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def keep_priors_without_signal(linker: Linker) -> list[str]:
    """Put back the documented m of levels EM did not estimate, and of comparisons without signal.

    EM has found no signal in a comparison when its most specific level is no more likely
    among matches than among random pairs, or complete disagreement is no less likely: then
    the fit has latched onto something other than matches (a household, a common name) and
    the documented values are the better guess. Returns what was put back, in words.
    """
    notes = []
    for comparison in linker._settings_obj.comparisons:
        name = comparison.output_column_name
        priors = PRIOR_M.get(name, {})
        levels = [lv for lv in comparison.comparison_levels if not lv.is_null_level and not lv._fix_m_probability]
        if not levels:
            continue
        estimated = [lv for lv in levels if lv._has_estimated_m_values]
        for level in levels:
            if not level._has_estimated_m_values and level.label_for_charts in priors:
                level.m_probability = priors[level.label_for_charts]
        if not estimated:
            notes.append(f"{name}: not estimated by EM; documented m used")
            continue
        top, other = levels[0], levels[-1]
        m_top, u_top = top.m_probability or 0.0, top.u_probability or 0.0
        m_else, u_else = other.m_probability or 0.0, other.u_probability or 0.0
        if m_top <= u_top or m_else >= u_else:
            for level in levels:
                if level.label_for_charts in priors:
                    level.m_probability = priors[level.label_for_charts]
            notes.append(f"{name}: EM found no signal; documented m used")
    return notes


def condition_on_counted_levels(linker: Linker) -> None:
    """Rescale m over the levels that count, where a comparison has a fixed neutral level.

    EM shares the matches among all levels, so where a fixed level holds most pairs (the town
    where both records have a postcode) the others get small m's, while their u's describe
    pairs that reach them; rescaled to add up to one, m is the share among pairs that reach
    the counted levels, as u is, and the weight compares like with like.
    """
    for comparison in linker._settings_obj.comparisons:
        levels = comparison.comparison_levels
        if not any(lv._fix_m_probability for lv in levels if not lv.is_null_level):
            continue
        counted = [lv for lv in levels if not lv.is_null_level and not lv._fix_m_probability]
        total = sum(lv.m_probability or 0.0 for lv in counted)
        if total > 0:
            for level in counted:
                level.m_probability = (level.m_probability or 0.0) / total


def floor_parameters(linker: Linker, *, u_floor: float, m_floor: float) -> None:
    """Give levels that training never saw, or drove to zero, a small probability instead.

    A level no random pair reached has u below one in the number of pairs sampled: it gets
    exactly that, the weakest claim the sample supports (Splink would otherwise fall back to
    a generic default). A level EM saw no true match reach gets ``m_floor``, so that no
    disagreement is ever treated as impossible for a true match (an m of 1e-60 would veto a
    pair on its own). No probability is left at one either: one level cannot claim every pair.
    A final "different" level no random pair reached (all of them reached a level above it) gets
    what the other levels leave: complete disagreement is never evidence for a match.
    """
    for comparison in linker._settings_obj.comparisons:
        levels = [lv for lv in comparison.comparison_levels if not lv.is_null_level and not lv._fix_u_probability]
        for level in levels:
            u = level.u_probability if level._u_is_trained else None
            if u is None or u < u_floor:
                rest = 1.0 - sum(lv.u_probability or 0.0 for lv in levels if lv is not level and lv._u_is_trained)
                level.u_probability = max(u_floor, rest) if level is levels[-1] and level._is_else_level \
                    else u_floor
            elif u > 1 - u_floor:
                level.u_probability = 1 - u_floor
        for level in levels:
            m = level.m_probability if level._m_is_trained else None
            if m is None or m < m_floor:
                level.m_probability = m_floor
            elif m > 1 - m_floor:
                level.m_probability = 1 - m_floor


def quiet_splink() -> None:
    """Splink logs every step at INFO; screening reports its own timings instead."""
    logging.getLogger("splink").setLevel(logging.WARNING)
